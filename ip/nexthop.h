/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What ip/nexthop.c lends the other objects. */
#ifndef NLKIT_IP_NEXTHOP_H
#define NLKIT_IP_NEXTHOP_H

#include <stdint.h>

struct nlmsghdr;

/*
 * nexthop_info_load - read every nexthop object, once, for
 * nexthop_print_info(): a route is printed inside a dump, where no other
 * request can be made.  Returns 0 or -errno (a kernel without nexthop
 * objects); nexthop_print_info() then finds none.
 */
int nexthop_info_load(void);

/*
 * nexthop_print_info - the "nh_info" of a route with nexthop object @id
 * under -d: the object as `ip nexthop show` lists it, on a line of its
 * own; when it is gone, the error the kernel gives for it instead.
 */
void nexthop_print_info(uint32_t id);

/*
 * nexthop_print_msg - one RTM_NEWNEXTHOP or RTM_DELNEXTHOP as show lists
 * the object, for ip monitor (which prints the "Deleted " ahead).
 */
void nexthop_print_msg(const struct nlmsghdr *nlh);

/*
 * nexthop_info_forget - drop what nexthop_info_load() read, so that the
 * next load reads the objects again (ip monitor, after a nexthop event).
 */
void nexthop_info_forget(void);

#endif
