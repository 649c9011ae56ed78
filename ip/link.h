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

/*
 * What ip/link.c prints around a kind's data under -d, and what the kind
 * prints itself:
 *
 *   text:  ...maxmtu 65535 \n    KIND <print_data>
 *          \n    MASTERKIND_slave <print_slave_data>addrgenmode ...
 *   JSON:  "linkinfo": { "info_kind": "KIND", "info_data": { <print_data> },
 *                        "info_slave_kind": "MASTERKIND",
 *                        "info_slave_data": { <print_slave_data> } }
 *
 * link.c writes the line breaks (pr_nl()), the four-space indent, the
 * kind's name followed by one space, and opens and closes "linkinfo",
 * "info_data" and "info_slave_data".  A kind prints only its attributes'
 * fields, each in text as "NAME VALUE " (a trailing space, no leading
 * one), into the object already open.
 *
 * "info_data" is opened whenever the kind has print_data, even when the
 * kernel sent no IFLA_INFO_DATA (print_data then gets NULL and usually
 * prints nothing, leaving "info_data": {}); a kind for which the
 * reference shows no "info_data" (veth, ifb) leaves print_data NULL.
 * Likewise "info_slave_data" and print_slave_data, which a master kind
 * (bridge) provides for its ports: IFLA_INFO_SLAVE_KIND names the master
 * kind ("bridge"), the text shows it as "bridge_slave".
 */
struct link_kind {
	const char *name;		/* IFLA_INFO_KIND */
	/* Print IFLA_INFO_DATA (@data, NULL when the kernel sent none). */
	void (*print_data)(const struct nlattr *data);
	/* Print IFLA_INFO_SLAVE_DATA of a port whose master is of this kind. */
	void (*print_slave_data)(const struct nlattr *data);
	/*
	 * `ip link help KIND` and `ip link help KIND_slave`: write the
	 * kind's usage to @out (stdout; the command then exits 0).  Without
	 * one, the general usage of ip link is printed, as for an unknown
	 * kind.
	 */
	void (*print_help)(FILE *out);
	void (*print_slave_help)(FILE *out);
	/*
	 * `ip link add ... type KIND ARGS` and `ip link set DEV type KIND
	 * ARGS`: turn ARGS (the @argc words at @argv, every word after the
	 * kind's name) into attributes of the IFLA_INFO_DATA nest that
	 * link.c has opened in @req (and closes after).  A bad argument ends
	 * the program with the reference's message and exit status before
	 * anything is sent.  NULL for a kind that takes no arguments: link.c
	 * then sends the nest empty and ignores the words, as the reference
	 * does for the kinds it knows (only an unknown kind's words are
	 * refused, as garbage).
	 */
	void (*parse)(int argc, char **argv, struct nlmsghdr *req);
	/* The same for `ip link set DEV type KIND_slave ARGS`, into
	 * IFLA_INFO_SLAVE_DATA. */
	void (*parse_slave)(int argc, char **argv, struct nlmsghdr *req);
};

#define LINK_KIND(var)                                                                   \
	static const struct link_kind *const link_kind_ptr_##var                        \
		__attribute__((used, section("nlkit_link_kinds"))) = &(var)

/* link_kind_find - the kind registered as @name, or NULL. */
const struct link_kind *link_kind_find(const char *name);

/*
 * The generic part of `ip link add`, `set`, `delete` and of veth's peer:
 * every option up to "type" (name, mtu, address, up, master, netns, ...).
 * link_opts_parse() writes what it can at once, in the reference's
 * order: the flags, index and attributes into @ifi and @nlh as the words
 * come; link_opts_finish() then adds what needs the whole line, and the
 * devices looked up: IFLA_LINK, then IFLA_IFNAME.
 */
struct link_opts {
	struct nlmsghdr *nlh;	/* the request, or the one holding @ifi's nest */
	struct ifinfomsg *ifi;	/* the link described: flags, change, index */
	bool create;		/* add: DEV is the new device's name */
	const char *dev;	/* DEV or dev DEV */
	const char *name;	/* name NAME */
	const char *link;	/* link DEV */
	const char *kind;	/* type KIND, NULL without */
	int kind_argc;		/* the words after KIND */
	char **kind_argv;
	bool has_group;		/* group G (IFLA_GROUP, already written) */
	bool has_netns;		/* netns (already written) */
	int index;		/* index N, 0 without */
	int addr_len;		/* length of address LLADDR, -1 without */
};

/*
 * link_opts_parse - parse @argc words at @argv into @o, whose nlh, ifi
 * and create the caller set (the rest zero).  Stops after "type KIND"
 * (its words in kind_argc/kind_argv) or at the end.  A bad word or value
 * ends the program with the reference's message and status.
 */
void link_opts_parse(struct link_opts *o, int argc, char **argv);

/*
 * link_opts_finish - look up link DEV and add IFLA_LINK, then
 * IFLA_IFNAME: the name of a new link (name NAME or DEV), or the new
 * name of one being changed.  Returns 0, or 1 after the reference's
 * "Cannot find device" for a link DEV that does not exist.
 */
int link_opts_finish(struct link_opts *o);

/*
 * Showing links, shared by `ip link show` and `ip address show`, whose
 * records start with the same link part.
 */
enum link_show_mode {
	LINK_SHOW_LINK,		/* ip link show */
	LINK_SHOW_ADDRESS,	/* ip address show: no "mode", addresses follow */
	LINK_SHOW_MONITOR,	/* ip monitor: as address, without qlen, link layer always */
};

/*
 * The link selectors both commands take: up, group, master or vrf,
 * nomaster, type.  The device (dev NAME, or a bare NAME) is the caller's
 * to parse, after its own words: link_filter_match() then checks ifindex
 * when the caller set it.
 */
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
 * program with the reference's message.  A later master, vrf or nomaster
 * replaces an earlier one; `type KIND_slave` cuts "_slave" off the
 * argument in place.
 */
int link_filter_arg(struct link_filter *f, int *argc, char ***argv);

/*
 * link_filter_match - the RTM_NEWLINK @nlh passes @f (all but nomaster).
 * A link without IFLA_LINKINFO has no kind; one whose IFLA_LINKINFO names
 * no (slave) kind has the kind "", as in the reference.
 */
bool link_filter_match(const struct link_filter *f, const struct nlmsghdr *nlh);

/*
 * link_filter_req - add to the RTM_GETLINK dump request @req the filters
 * the kernel applies itself, as the reference asks for them: IFLA_MASTER
 * (the master's index, or 0xffffffff for nomaster) and IFLA_LINKINFO with
 * IFLA_INFO_KIND for `type KIND`.  nomaster is only filtered this way:
 * link_filter_match() does not check it, nor does the reference on a
 * single device.  Put IFLA_EXT_MASK first, as the reference does.
 */
void link_filter_req(const struct link_filter *f, struct nlmsghdr *req);

/*
 * link_learn - feed every RTM_NEWLINK of a dump to this before printing
 * any of them: it calls ifcache_learn() and also keeps the device's
 * flags, which link_print_open() needs for the M-DOWN flag of a link
 * whose lower device (IFLA_LINK, a veth's peer) is down.  Flags it never
 * learnt cost one RTM_GETLINK each.  Other messages are ignored.
 */
void link_learn(const struct nlmsghdr *nlh);

/*
 * link_monitor_learn - what ip monitor learns from a link event: the
 * flags of every RTM_NEWLINK, but the name only of a device it does not
 * know yet, and RTM_DELLINK forgets the name.  The reference's monitor
 * keeps the first name it saw for a device, so that after a rename it
 * still names the device's routes and addresses by the old name.
 */
void link_monitor_learn(const struct nlmsghdr *nlh);

/*
 * link_forget - drop the flags link_learn() kept, as a command of -batch
 * must after the commands before it changed links (with ifcache_forget()
 * for the names).
 */
void link_forget(void);

/*
 * link_print_open - print the link part of a record as @mode asks, with
 * -br, -o, -d and the colours; in JSON the object it opens stays open for
 * the caller's members ("addr_info").  link_print_close() then adds what
 * the reference prints last (the -s statistics), ends the record and
 * closes the object.  The names of other devices (master, peer) come
 * from the interface cache, which the caller fills beforehand from its
 * link dump (see link_learn()).
 *
 * In LINK_SHOW_ADDRESS mode the link part follows ipo.family as the
 * reference's ip address does (-4/-6 leave out the link/ line unless -d)
 * and ends, in text, with its line break, so that the caller's address
 * lines follow on lines of their own; link_print_close() then prints the
 * -s table (followed by a line break) after them.  Under -br the link
 * part is "NAME STATE " and the caller ends the line after its
 * addresses, except with -0 (ipo.family AF_PACKET), where it is the whole
 * line, as in LINK_SHOW_LINK mode.  The reference prints no link part
 * for ip address -o (without -br): do not call these then.
 *
 * LINK_SHOW_MONITOR is LINK_SHOW_ADDRESS as the reference's monitor
 * prints a link event: no qlen, the link/ line whatever the family, no
 * -s table, and -br's "NAME STATE " not ended.
 */
void link_print_open(const struct nlmsghdr *nlh, enum link_show_mode mode);
void link_print_close(const struct nlmsghdr *nlh, enum link_show_mode mode);

/* link_usage - the usage of ip link, on stderr; exits with status 255. */
void link_usage(void) __attribute__((noreturn));

/*
 * link_vrf_index - the index of VRF device @name; anything else ends the
 * program with the reference's "Not a valid VRF name".
 */
unsigned int link_vrf_index(const char *name);

/* link_netns_id - the id of the namespace open at @fd, or -1 when it has
 * none here. */
int link_netns_id(int fd);

/* The commands that change links, in ip/link_change.c; each returns the
 * command's exit status. */
int link_add(int argc, char **argv);
int link_change(int argc, char **argv);
int link_replace(int argc, char **argv);
int link_delete(int argc, char **argv);
int link_property(int argc, char **argv);

#endif
