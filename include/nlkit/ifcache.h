/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Interface names and indexes, cached for the life of the command.
 *
 * The cache is filled from link dumps the command already makes
 * (ifcache_learn()) and, for a name or index it has not seen, by one
 * RTM_GETLINK on the socket given to ifcache_init().
 */
#ifndef NLKIT_IFCACHE_H
#define NLKIT_IFCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nl_sock;
struct nlmsghdr;

/* ifcache_init - the socket lookups use; may be called again (netns). */
void ifcache_init(struct nl_sock *s);

/* ifcache_learn - remember name, index and type from a RTM_NEWLINK. */
void ifcache_learn(const struct nlmsghdr *nlh);

/* ifcache_forget - drop everything (after a device was renamed or moved). */
void ifcache_forget(void);

/*
 * ifcache_known - whether device @index is in the cache, without asking
 * the kernel about it.
 */
bool ifcache_known(unsigned int index);

/* ifcache_index - the index of device @name, or 0 when there is none. */
unsigned int ifcache_index(const char *name);

/*
 * ifcache_name - the name of device @index, or NULL when there is none.
 * The string lives as long as the cache entry.
 */
const char *ifcache_name(unsigned int index);

/*
 * ifcache_name_or_num - as ifcache_name(), or "if%u" as the reference
 * prints a device it cannot name; written to @buf when needed.
 */
const char *ifcache_name_or_num(unsigned int index, char *buf, size_t len);

/* ifcache_type - the ARPHRD type of device @index, or -1 when unknown. */
int ifcache_type(unsigned int index);

#endif
