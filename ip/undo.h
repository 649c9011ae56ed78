/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The inverse of a state-changing request, for ip -batch to take it back. */
#ifndef NLKIT_IP_UNDO_H
#define NLKIT_IP_UNDO_H

#include <stdbool.h>
#include <linux/netlink.h>

enum undo_result {
	UNDO_UNKNOWN,		/* no inverse known: cannot be taken back */
	UNDO_BUILT,		/* the inverse is in the buffer */
	UNDO_NOTHING,		/* the request will change nothing */
	UNDO_NEEDS_READ,	/* the inverse needs the object read, which was not allowed */
};

/*
 * undo_build - write into @undo (NL_REQ_SIZE bytes) the request that takes
 * back what @req is about to do, and return an enum undo_result.
 *
 * The inverse comes from @req alone where it creates an object (it is
 * deleted again), or from the object as the kernel reports it now, read on
 * ip_rtnl(), where @req replaces, changes or deletes one: unless @may_read,
 * such a request gets UNDO_NEEDS_READ instead (for addresses, routes and
 * rules the read is a dump of the whole table).  Covered:
 *  - links: create; set of flags, name, MTU, addresses, queue length,
 *    group, alias, master;
 *  - addresses: add, replace, change, delete;
 *  - routes: add, replace, change, append, prepend, delete;
 *  - rules: add, delete;
 *  - neighbours: add, replace, change, delete (proxy entries too);
 *  - nexthops: add and replace with an id, delete of one no route and no
 *    group uses (a group of the resilient type is not covered).
 * Anything else is UNDO_UNKNOWN.
 */
int undo_build(const struct nlmsghdr *req, struct nlmsghdr *undo, bool may_read);

#endif
