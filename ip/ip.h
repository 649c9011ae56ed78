/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the objects of `ip` share: the global options and the socket. */
#ifndef NLKIT_IP_H
#define NLKIT_IP_H

#include <stdbool.h>
#include <stdio.h>

#include <nlkit/print.h>

struct nl_sock;
struct nlmsghdr;

/* The global options of ip(8), as parsed by ip.c. */
struct ip_options {
	int family;		/* AF_UNSPEC, or -4/-6/-0/-f */
	int details;		/* -d, counted */
	int stats;		/* -s, counted */
	bool json;		/* -j */
	bool pretty;		/* -p */
	bool brief;		/* -br */
	bool oneline;		/* -o */
	bool resolve;		/* -r */
	bool numeric;		/* -N */
	bool force;		/* -force */
	bool all;		/* -a */
	int timestamp;		/* -t: 1, -ts: 2 */
	unsigned int human;	/* 0, 1000 for -h, 1024 for -iec */
	unsigned int loops;	/* -l */
	const char *netns;	/* -n NAME */
	const char *batch;	/* -batch FILE, "-" for standard input */
	bool atomic;		/* -atomic: a failed batch undoes its changes */
};

extern struct ip_options ipo;

/*
 * The NETLINK_ROUTE socket of this run, opened (in the -n namespace when
 * given) on first use; the program exits with the reference's message
 * when it cannot be opened.
 */
struct nl_sock *ip_rtnl(void);

/*
 * ip_rtnl_open - one more NETLINK_ROUTE socket, joined to the multicast
 * groups in the legacy bitmask @groups, with the receive buffer -rc asks
 * for; the program exits with the reference's message when it cannot be
 * opened.
 */
struct nl_sock *ip_rtnl_open(unsigned int groups);

/*
 * What the monitors (ip monitor, ip xfrm monitor) share, in ip/monitor.c.
 *
 * ip_monitor_all_nsid - ask for the events of every namespace that has an
 * id here too (all-nsid); exits with the reference's words on failure.
 */
void ip_monitor_all_nsid(struct nl_sock *s);

/*
 * ip_monitor_lead - what leads each event of ip xfrm monitor: its time
 * under -t or -ts and, with @all_nsid, the namespace it came from
 * ("[nsid current]" for a negative @nsid, else "[nsid N]"); in JSON the
 * members time and netnsid of the event's record, which the caller has
 * opened.
 */
void ip_monitor_lead(bool all_nsid, int nsid);

/*
 * ip_monitor_listen - receive from @s for ever, handing each message to
 * @msg_fn with the id of the namespace it came from (negative for this
 * one); returns the exit status 2 once the socket fails.
 */
int ip_monitor_listen(struct nl_sock *s, void (*msg_fn)(const struct nlmsghdr *nlh, int nsid));

/*
 * ip_pr_config - the printing set-up ip_main() made from the global
 * options, for a command that sets the layer up again differently (ip
 * monitor, which writes JSON as records).
 */
const struct pr_config *ip_pr_config(void);

/*
 * ip_family_color - the colour the reference gives an address of @family
 * (none but for IPv4 and IPv6).
 */
enum pr_color ip_family_color(int family);

/*
 * ip_main - the whole program: options, objects, output.  main() lives
 * apart (ip/main.c) so that tests and fuzz targets can link everything
 * else.
 */
int ip_main(int argc, char **argv);

/* The objects of ip(8); ip.c lists them in the reference's order, which
 * decides what an abbreviation means ("ip r" is route, not rule). */
int do_link(int argc, char **argv);
int do_address(int argc, char **argv);

/*
 * Objects that land one issue at a time are weak references: until an
 * object's file is in the build its handler is NULL, and ip.c refuses
 * the object by name.  Each returns the exit status of the command.
 */
#define IP_OBJECT_WEAK __attribute__((weak))
IP_OBJECT_WEAK int do_route(int argc, char **argv);
IP_OBJECT_WEAK int do_rule(int argc, char **argv);
IP_OBJECT_WEAK int do_neigh(int argc, char **argv);
IP_OBJECT_WEAK int do_ntable(int argc, char **argv);
IP_OBJECT_WEAK int do_nexthop(int argc, char **argv);
IP_OBJECT_WEAK int do_netns(int argc, char **argv);
IP_OBJECT_WEAK int do_monitor(int argc, char **argv);
IP_OBJECT_WEAK int do_xfrm(int argc, char **argv);
IP_OBJECT_WEAK int do_tuntap(int argc, char **argv);

/*
 * ip_run_object - run one command line (argv[0] names the object) through
 * the object table, as the command line and each line of -batch do.
 * Returns the object's exit status.
 */
int ip_run_object(int argc, char **argv);

/*
 * ip_request - make the state-changing request @req (RTM_NEWLINK,
 * RTM_DELADDR, ...; never a GET or a dump), in ip/batch.c.  Handlers call
 * it instead of nl_talk() for every request whose only answer is the ACK,
 * and return its value when it is not 0:
 *
 *	err = ip_request(&req.nlh);
 *	if (err)
 *		return err;
 *
 * On the command line it is nl_talk() on ip_rtnl() followed, on failure,
 * by ip_fail_nl().  In -batch the request is queued on a pipelined sender
 * and 0 returned at once; the batch reports a refusal later, in the
 * reference's words, with the line of the request ("Command failed
 * FILE:LINE").  A handler must therefore not print anything of its own
 * about the outcome, nor build on it; a request whose reply it needs
 * (NLM_F_ECHO) goes through nl_talk(), which first sends what is queued.
 * @req may be reused as soon as this returns.
 */
int ip_request(struct nlmsghdr *req);

/* The rounds a flush makes at most, unless -l says otherwise for addresses. */
#define IP_FLUSH_ROUNDS 10

/* What the flushes of the objects do differently, as in the reference. */
struct ip_flush_kind {
	const char *noun;		/* what -s counts ("addresses", "entries") */
	unsigned int max_rounds;
	int fail_status;		/* the exit status of a failed or incomplete flush */
};

/*
 * ip_flush - run the rounds of a flush (in ip/flush.c): @round deletes
 * what still matches and returns how many it deleted, 0 once nothing is
 * left, or -errno (-EIO: it reported the failure itself).  Prints, in
 * text even under -j, what -s asks for ("*** Round N, deleting N NOUN
 * ***", ...) and returns the exit status, as the reference.
 */
int ip_flush(const struct ip_flush_kind *kind, int (*round)(void *data), void *data);

/*
 * netns_print_nsid - one RTM_NEWNSID or RTM_DELNSID as `ip netns list-id`
 * and `ip monitor nsid` print it, in ip/netns.c.
 */
void netns_print_nsid(const struct nlmsghdr *nlh);

/*
 * The printers of one message that ip monitor shares with the show
 * commands; the monitor selects the message and prints what leads it
 * ("Deleted ").  rule_print_msg: a RTM_NEWRULE or RTM_DELRULE, in
 * ip/rule.c.  neigh_print_msg: a RTM_NEWNEIGH, RTM_DELNEIGH or
 * RTM_GETNEIGH, whatever its state, in ip/neigh.c; the device is not
 * named when it is @ifindex (not 0), as under `dev NAME`.  The nexthop's
 * is in ip/nexthop.h.
 */
void rule_print_msg(const struct nlmsghdr *nlh);
void neigh_print_msg(const struct nlmsghdr *nlh, unsigned int ifindex);

/*
 * Reporting errors as the reference does.  ip_report_nl() prints, for a
 * request the kernel refused with @err (-errno), "Error: EXT_ACK." when
 * it gave the message @ext_ack and "RTNETLINK answers: STRERROR"
 * otherwise, and returns 2.  ip_fail_nl() does so for a failed exchange
 * on ip_rtnl(), with its extended ACK.
 */
int ip_report_nl(int err, const char *ext_ack);
int ip_fail_nl(int err);

/* Exit codes the reference uses. */
#define IP_EXIT_USAGE 255	/* bad command line (exit(-1)) */

/*
 * invarg/duparg/incomplete_command: the reference's messages for a bad
 * argument; they exit with status 255.
 */
void invarg(const char *msg, const char *arg) __attribute__((noreturn));
void duparg(const char *key, const char *arg) __attribute__((noreturn));
void duparg2(const char *key, const char *arg) __attribute__((noreturn));
void incomplete_command(void) __attribute__((noreturn));
void missarg(const char *key) __attribute__((noreturn));

/* Move to the next argument, or fail with "Command line is not complete." */
#define NEXT_ARG()                                                                       \
	do {                                                                             \
		argv++;                                                                  \
		if (--argc <= 0)                                                         \
			incomplete_command();                                            \
	} while (0)

#endif
