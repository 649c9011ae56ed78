/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ss: what the parts of the program share.  One socket flows through it
 * as a struct ss_sock: a dump callback fills one from the kernel's
 * message, the filter decides on it, the row printer writes it.
 */
#ifndef SS_SS_H
#define SS_SS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct nl_sock;
struct nlmsghdr;

/* The socket tables, in the order their sockets are listed. */
enum ss_db {
	DB_NETLINK,
	DB_PACKET_R,
	DB_PACKET_DG,
	DB_UNIX_ST,
	DB_UNIX_DG,
	DB_UNIX_SQ,
	DB_RAW,
	DB_UDP,
	DB_TCP,
	DB_DCCP,
	DB_SCTP,
	DB_VSOCK_ST,
	DB_VSOCK_DG,
	DB_TIPC,
	DB_XDP,
	DB_MPTCP,
	DB_COUNT
};

#define DB_BIT(db) (1u << (db))

/*
 * Socket states, numbered as the kernel's TCP states (1 ESTABLISHED ...
 * 11 CLOSING, 12 NEW_SYN_RECV); other protocols map theirs onto them.
 */
enum {
	SS_UNKNOWN,
	SS_ESTABLISHED,
	SS_SYN_SENT,
	SS_SYN_RECV,
	SS_FIN_WAIT1,
	SS_FIN_WAIT2,
	SS_TIME_WAIT,
	SS_CLOSE,
	SS_CLOSE_WAIT,
	SS_LAST_ACK,
	SS_LISTEN,
	SS_CLOSING,
	SS_MAX
};

#define SS_ALL ((1u << SS_MAX) - 1)
#define SS_CONN (SS_ALL & ~((1u << SS_LISTEN) | (1u << SS_CLOSE) | (1u << SS_TIME_WAIT) | \
			    (1u << SS_SYN_RECV)))

struct ss_expr;

struct ss_filter {
	uint32_t dbs;		/* DB_BIT()s */
	uint64_t families;	/* 1 << AF_* */
	uint32_t states;	/* 1 << SS_* */
	struct ss_expr *expr;	/* NULL: every socket */
};

struct ss_options {
	bool numeric, resolve;
	bool extended, memory, processes, threads, info, timers;
	bool summary, json, oneline, no_header, kill, events;
	bool bpf, tos, cgroup, inet_sockopt, tipcinfo;
	bool selinux, selinux_sock;
	const char *netns;
};

extern struct ss_options sso;
extern struct ss_filter ssf;
/* The states were named (-a, -l, a state filter): no defaults merge in. */
extern bool ss_states_given;

/* One socket, as the filter and the printer see it. */
struct ss_sock {
	enum ss_db db;
	int family;		/* AF_INET, AF_INET6, AF_UNIX, AF_PACKET, AF_NETLINK */
	int state;		/* SS_* */
	int rq, wq;		/* signed, as the reference prints them */
	uint8_t local[16], remote[16];	/* inet addresses, network order */
	uint32_t lport, rport;	/* inet ports; unix and packet use them too */
	uint32_t iface;		/* bound device, or 0 */
	uint32_t ino, uid;
	uint64_t cookie;
	uint32_t mark;
	uint64_t cgroup_id;
	bool has_uid, has_mark, has_cgroup;
	const char *lname, *rname;	/* unix paths, or NULL */
	uint32_t proto;		/* packet and netlink: the protocol */
};

/* The family -f (-x, -0, -4, ...) named last: host conditions default to it. */
extern int ss_preferred_family;

/* Protocol names (protos.c), as the Local Address column shows them:
 * NULL or -1 for none. */
const char *packet_proto_name(uint16_t proto);
int packet_proto_number(const char *name);
const char *netlink_proto_name(unsigned int protocol);
int netlink_proto_number(const char *name);

/* States named as the State column writes them. */
const char *ss_state_name(int state);

/* The Netid column's word for a table. */
const char *ss_db_netid(enum ss_db db);

/* Whether @s passes the expression of ssf (the user-space evaluator). */
bool ss_filter_match(const struct ss_sock *s);

/* --- columns and fields (out.c) --- */

enum ss_col {
	COL_NETID,
	COL_STATE,
	COL_RECVQ,
	COL_SENDQ,
	COL_LADDR,
	COL_LPORT,
	COL_RADDR,
	COL_RPORT,
	COL_PROC,
	COL_COUNT
};

/*
 * out_setup - text (columns, sized once every row is in) or JSON (an
 * array of one object per socket), on stdout.  @tty says whether the
 * text columns share out the terminal's width.
 */
void out_setup(bool json, bool header);
void out_hide(enum ss_col col);
/* out_row - start the row of one socket; out_row_end ends it. */
void out_row(void);
void out_row_end(void);
/* out_col - text that follows goes to column @col (JSON: no effect). */
void out_col(enum ss_col col);
/* Fields: text @fmt into the current column, JSON member @key. */
void out_str(const char *key, const char *fmt, const char *value);
void out_uint(const char *key, const char *fmt, unsigned int value);
void out_int(const char *key, const char *fmt, int value);
void out_u64(const char *key, const char *fmt, unsigned long long value);
void out_number(const char *key, const char *fmt, const char *number);
/* out_hex - JSON gets the text @fmt makes, as a string ("0x0000001f"). */
void out_hex(const char *key, const char *fmt, unsigned int value);
void out_flag(const char *key, const char *fmt);
/* Text only. */
void out_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* out_nl_tab - the line break before detail lines: "\n\t"; nothing under -O. */
void out_nl_tab(void);
/* out_nl_tab_or_space - the same break, but a space under -O (packet's). */
void out_nl_tab_or_space(void);
void out_open_object(const char *key, const char *text);
void out_close_object(const char *text);
void out_open_array(const char *key, const char *text);
void out_close_array(const char *text);
/* out_finish - render the text columns, or close the JSON document; forget both. */
void out_finish(void);

/* --- the tables (inet.c, unix.c, packet.c, netlink.c, misc.c) --- */

/* Families the C library may not name yet (the kernel's numbers). */
#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif
#ifndef AF_TIPC
#define AF_TIPC 30
#endif
#ifndef AF_XDP
#define AF_XDP 44
#endif

struct nl_sock *ss_diag_sock(void);
/* Print the failure of a dump request as the reference does. */
void ss_dump_error(int err);
int inet_show(void);
int unix_show(void);
int packet_show(void);
int netlink_show(void);
int vsock_show(void);
int tipc_show(void);
int xdp_show(void);
/* tables_show - every table the filter leaves, in the reference's order. */
void tables_show(void);
/* columns_settle - hide the columns one table or one state makes idle. */
void columns_settle(void);

/* Addresses and ports into the address columns. */
void out_inet_addr(bool local, int family, const uint8_t *addr, uint32_t port,
		   uint32_t ifindex, bool v6only, const char *proto);
void out_addr_port(bool local, const char *addr, char delim, const char *port);

/* Pieces several tables share (inet.c). */
void out_skmem(const uint32_t *mem, size_t n);
void out_timer(const char *name, unsigned int ms, unsigned int retrans);
void out_cgroup(uint64_t id);
/* " <->": '-' where the socket shut down receiving (left), sending (right). */
void out_shutdown(unsigned int mask);
int mptcp_show(void);
/* -E: print the socket of one destroy notification, of table @db. */
void inet_event(const struct nlmsghdr *nlh, enum ss_db db);
/* -E: print the TCP and UDP sockets the kernel destroys, until killed. */
int events_show(void);
/* out_flush - print the rows kept so far (the header first, once). */
void out_flush(void);
/* -D: the TCP dumps' messages, raw as the kernel sent them, into @to. */
void inet_dump_tcp_raw(FILE *to);

/* The shared head of a row: Netid, State, Recv-Q, Send-Q. */
void out_row_head(const struct ss_sock *s);
/* -e's " uid:N ino:N sk:COOKIE" (uid 0 left out), as every table has it. */
void out_sock_ids(const struct ss_sock *s);

/* --- -p (procs.c) and -s (summary.c) --- */

/* out_users - " users:((...))" for socket inode @ino, if it has users. */
void out_users(uint32_t ino);
/* Whether SELinux is on, as libselinux tells (its file system is mounted). */
bool ss_selinux_enabled(void);
int summary_show(void);

/*
 * ss_main - the whole program: options, filter, tables, output.  main()
 * lives apart (ss/main.c) so that fuzz targets can link everything else.
 */
int ss_main(int argc, char **argv);

/* ss_usage - the usage text into @to, then exit with @status. */
void ss_usage(FILE *to, int status) __attribute__((noreturn));

/* --- filters (filter.c) --- */

/*
 * filter_parse - the FILTER of the command line (state words and an
 * expression); exits with the reference's message on an error.
 */
void filter_parse(int argc, char **argv);
/* filter_parse_file - -F FILE: an expression only (no state words). */
void filter_parse_file(const char *path);
/*
 * filter_bytecode - the expression as INET_DIAG_REQ_BYTECODE for family
 * @family, in a buffer the caller frees; NULL when the kernel cannot
 * evaluate it (user space does it then) or there is none.
 */
void *filter_bytecode(int family, size_t *len);
/*
 * filter_families - the families (1 << AF_*) whose sockets the expression
 * may pass ("src unix:..." passes no inet socket): the tables of the
 * others need no dump.
 */
uint64_t filter_families(void);

#endif
