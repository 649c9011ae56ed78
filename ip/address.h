/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the commands of `ip address` share: the selectors of show, which
 * flush and save take too, the parsed form of an address message and
 * its printer, and the usage text.
 */
#ifndef NLKIT_IP_ADDRESS_H
#define NLKIT_IP_ADDRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/if_addr.h>

#include <nlkit/addr.h>

/* The usage of `ip address`, on stderr; exits with status 255. */
void address_usage(void) __attribute__((noreturn));

struct nlmsghdr;

/*
 * address_print_msg - one RTM_NEWADDR or RTM_DELADDR as ip monitor shows
 * it: led by the device's index and name, as each line of ip -o address
 * is, with the lifetimes after a pr_nl().
 */
void address_print_msg(const struct nlmsghdr *nlh);

/* `ip address add|change|replace|del`, in ip/address_change.c. */
int address_add(int argc, char **argv);
int address_change(int argc, char **argv);
int address_replace(int argc, char **argv);
int address_del(int argc, char **argv);

#endif
