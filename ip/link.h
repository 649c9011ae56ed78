/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Link kinds (veth, bridge, vxlan, ...).  Each kind lives in its own file,
 * ip/link_KIND.c, and registers itself with LINK_KIND(); ip/link.c finds
 * it by name, so a new kind is one new file.
 */
#ifndef NLKIT_IP_LINK_H
#define NLKIT_IP_LINK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <libmnl/libmnl.h>

struct link_kind {
	const char *name;		/* IFLA_INFO_KIND */
	/*
	 * Print IFLA_INFO_DATA (@data, may be NULL when the kernel sent
	 * none) under `-d`, after the kind's name, with the print layer.
	 */
	void (*print_data)(const struct nlattr *data);
	/* Print IFLA_INFO_SLAVE_DATA of a port whose slave kind is this one. */
	void (*print_slave_data)(const struct nlattr *data);
};

#define LINK_KIND(var)                                                                   \
	static const struct link_kind *const link_kind_ptr_##var                        \
		__attribute__((used, section("nlkit_link_kinds"))) = &(var)

/* link_kind_find - the kind registered as @name, or NULL. */
const struct link_kind *link_kind_find(const char *name);

/*
 * Showing links, shared by `ip link show` and `ip address show`, whose
 * records start with the same link part.
 */
enum link_show_mode {
	LINK_SHOW_LINK,		/* ip link show */
	LINK_SHOW_ADDRESS,	/* ip address show: no "mode", addresses follow */
};

/* The link selectors both commands take: dev, up, group, master, type, vrf. */
struct link_filter {
	unsigned int ifindex;	/* dev NAME, 0 for any */
	bool up;
	bool has_group;
	uint32_t group;
	unsigned int master;	/* master DEV, 0 for any */
	bool nomaster;
	const char *kind;	/* type KIND */
	bool kind_is_slave;	/* type KIND_slave */
};

/*
 * link_filter_arg - if *@argv starts a link selector, consume it (and its
 * value) and return 1; return 0 for any other word.  Bad values end the
 * program with the reference's message.
 */
int link_filter_arg(struct link_filter *f, int *argc, char ***argv);

/* link_filter_match - the RTM_NEWLINK @nlh passes @f. */
bool link_filter_match(const struct link_filter *f, const struct nlmsghdr *nlh);

/*
 * link_print_open - print the link part of a record as @mode asks, with
 * -br, -o, -d and the colours; in JSON the object it opens stays open for
 * the caller's members ("addr_info").  link_print_close() then adds what
 * the reference prints last (the -s statistics), ends the record and
 * closes the object.  The names of other devices (master, peer) come
 * from the interface cache, which the caller fills beforehand from its
 * link dump.
 */
void link_print_open(const struct nlmsghdr *nlh, enum link_show_mode mode);
void link_print_close(const struct nlmsghdr *nlh, enum link_show_mode mode);

#endif
