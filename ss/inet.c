// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * TCP, UDP, raw, DCCP, SCTP and MPTCP sockets through inet_diag: one dump
 * per table and family, the expression compiled for the kernel where it
 * can be.  A table the kernel cannot dump is read from /proc instead
 * (raw), or reported as the reference does (DCCP).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ss.h"
#include "tcpinfo.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif

/* The legacy request the reference falls back to for DCCP. */
#define DCCPDIAG_GETSOCK 19

static struct nl_sock *diag;

struct nl_sock *ss_diag_sock(void)
{
	if (diag)
		return diag;
	diag = nl_open(NETLINK_SOCK_DIAG, 0);
	if (!diag) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		exit(1);
	}
	return diag;
}

void ss_dump_error(int err)
{
	fprintf(stderr, "RTNETLINK answers: %s\n", strerror(-err));
}

/* --- cgroup names: the kernel reports a cgroup v2 id, the inode of its
 * directory; the tree is walked once, the first time one is needed. --- */

struct cgroup_entry {
	uint64_t id;
	char *path;
};

static struct cgroup_entry *cgroups;
static size_t ncgroups, cgroups_cap;
static size_t cgroup_root_len;

static int note_cgroup(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)ftw;
	if (type != FTW_D)
		return 0;
	if (ncgroups == cgroups_cap) {
		cgroups_cap = cgroups_cap ? cgroups_cap * 2 : 64;
		cgroups = xrealloc(cgroups, cgroups_cap * sizeof(*cgroups));
	}
	cgroups[ncgroups].id = st->st_ino;
	cgroups[ncgroups].path = xstrdup(path[cgroup_root_len] ? path + cgroup_root_len : "/");
	ncgroups++;
	return 0;
}

static const char *cgroup_path(uint64_t id)
{
	static bool walked;
	static char unknown[32];
	size_t i;

	if (!walked) {
		const char *root = "/sys/fs/cgroup";

		walked = true;
		cgroup_root_len = strlen(root);
		nftw(root, note_cgroup, 16, FTW_PHYS | FTW_MOUNT);
	}
	for (i = 0; i < ncgroups; i++)
		if (cgroups[i].id == id)
			return cgroups[i].path;
	/* kernfs numbers the cgroup2 root 1: "/" even where it is not mounted. */
	if (id == 1)
		return "/";
	snprintf(unknown, sizeof(unknown), "unreachable:%llx", (unsigned long long)id);
	return unknown;
}

void out_cgroup(uint64_t id)
{
	out_str("cgroup", " cgroup:%s", cgroup_path(id));
}

void out_skmem(const uint32_t *m, size_t n)
{
	static const char *const keys[] = { "r", "rb", "t", "tb", "f", "w", "o", "bl", "d" };
	char fmt[16];
	size_t i;

	out_open_object("skmem", " skmem:(");
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		snprintf(fmt, sizeof(fmt), "%s%s%%u", i ? "," : "", keys[i]);
		out_uint(keys[i], fmt, i < n ? m[i] : 0);
	}
	out_close_object(")");
}

/* A timer's time left, as "5min", "59sec", "1.200ms" or "200ms". */
static void format_ms(unsigned int ms, char *buf, size_t len)
{
	unsigned int minutes = ms / 60000, secs = ms / 1000 % 60, rest = ms % 1000;
	size_t used = 0;

	buf[0] = '\0';
	if (minutes) {
		rest = 0;
		used += (size_t)snprintf(buf + used, len - used, "%umin", minutes);
		if (minutes > 9)
			secs = 0;
	}
	if (secs) {
		if (secs > 9)
			rest = 0;
		used += (size_t)snprintf(buf + used, len - used, "%u%s", secs, rest ? "." : "sec");
	}
	if (rest)
		snprintf(buf + used, len - used, "%03ums", rest);
}

void out_shutdown(unsigned int mask)
{
	char arrow[4] = { mask & 1 ? '-' : '<', '-', mask & 2 ? '-' : '>', '\0' };

	out_str("shutdown", " %s", arrow);
}

void out_timer(const char *name, unsigned int ms, unsigned int retrans)
{
	char when[64];

	format_ms(ms, when, sizeof(when));
	out_open_object("timer", " timer:(");
	out_str("name", "%s", name);
	out_str("expire", ",%s", when);
	out_uint("retrans", ",%u", retrans);
	out_close_object(")");
}

static const char *timer_name(unsigned int timer)
{
	static const char *const names[] = { "off", "on", "keepalive", "timewait", "persist" };

	return timer < ARRAY_SIZE(names) ? names[timer] : "unknown";
}

/* What ports are named after, per table. */
static const char *db_proto(enum ss_db db)
{
	switch (db) {
	case DB_UDP:
		return "udp";
	case DB_RAW:
		return "raw";
	case DB_DCCP:
		return "dccp";
	case DB_SCTP:
		return "sctp";
	default:
		return "tcp";
	}
}

static const struct nl_attr_policy inet_policy[INET_DIAG_MAX + 1] = {
	[INET_DIAG_MEMINFO] = { NLA_BINARY, sizeof(struct inet_diag_meminfo) },
	[INET_DIAG_INFO] = { NLA_BINARY, 0 },
	[INET_DIAG_CONG] = { NLA_STR, 0 },
	[INET_DIAG_TOS] = { NLA_U8, 0 },
	[INET_DIAG_TCLASS] = { NLA_U8, 0 },
	[INET_DIAG_SKMEMINFO] = { NLA_BINARY, 0 },
	[INET_DIAG_SHUTDOWN] = { NLA_U8, 0 },
	[INET_DIAG_DCTCPINFO] = { NLA_BINARY, sizeof(struct tcp_dctcp_info) },
	[INET_DIAG_SKV6ONLY] = { NLA_U8, 0 },
	[INET_DIAG_MARK] = { NLA_U32, 0 },
	[INET_DIAG_BBRINFO] = { NLA_BINARY, sizeof(struct tcp_bbr_info) },
	[INET_DIAG_CLASS_ID] = { NLA_U32, 0 },
	[INET_DIAG_CGROUP_ID] = { NLA_U64, 0 },
	[INET_DIAG_SOCKOPT] = { NLA_BINARY, sizeof(struct inet_diag_sockopt) },
};

/* --inet-sockopt: the IP-level options that are on, by the reference's names. */
static void out_inet_sockopt(const struct inet_diag_sockopt *o)
{
	const struct {
		bool on;
		const char *name;
	} opts[] = {
		{ o->recverr, "recverr" },
		{ o->is_icsk, "is_icsk" },
		{ o->freebind, "freebind" },
		{ o->hdrincl, "hdrincl" },
		{ o->mc_loop, "mc_loop" },
		{ o->transparent, "transparent" },
		{ o->mc_all, "mc_all" },
		{ o->nodefrag, "nodefrag" },
		{ o->bind_address_no_port, "bind_addr_no_port" },
		{ o->recverr_rfc4884, "recverr_rfc4884" },
		{ o->defer_connect, "defer_connect" },
	};
	size_t i;

	out_nl_tab_or_space();
	out_open_array("inet_sockopt", "inet-sockopt: (");
	for (i = 0; i < ARRAY_SIZE(opts); i++)
		if (opts[i].on)
			out_str(NULL, " %s", opts[i].name);
	out_close_array(")");
}

struct inet_dump {
	enum ss_db db;
	bool any_state;	/* -E: a closed socket's last word, whatever -a said */
	bool destroy_failed;	/* -K: said so already; the dump's end says nothing */
};

/* -m and -i: the second line of a full socket. */
static void out_inet_mem_info(const struct ss_sock *s, const struct nlattr **tb)
{
	if (sso.memory) {
		if (tb[INET_DIAG_SKMEMINFO]) {
			out_skmem(mnl_attr_get_payload(tb[INET_DIAG_SKMEMINFO]),
				  mnl_attr_get_payload_len(tb[INET_DIAG_SKMEMINFO]) / 4);
		} else if (tb[INET_DIAG_MEMINFO]) {
			const struct inet_diag_meminfo *m =
				mnl_attr_get_payload(tb[INET_DIAG_MEMINFO]);

			out_open_object("mem", " mem:(");
			out_uint("r", "r%u", m->idiag_rmem);
			out_uint("w", ",w%u", m->idiag_wmem);
			out_uint("f", ",f%u", m->idiag_fmem);
			out_uint("t", ",t%u", m->idiag_tmem);
			out_close_object(")");
		}
	}
	if (sso.info && (s->db == DB_TCP || s->db == DB_MPTCP || s->db == DB_DCCP) &&
	    tb[INET_DIAG_INFO]) {
		struct tcp_diag_info di = {
			.info = mnl_attr_get_payload(tb[INET_DIAG_INFO]),
			.info_len = mnl_attr_get_payload_len(tb[INET_DIAG_INFO]),
			.cong = tb[INET_DIAG_CONG] ? mnl_attr_get_str(tb[INET_DIAG_CONG]) : NULL,
			.bbr = tb[INET_DIAG_BBRINFO] ? mnl_attr_get_payload(tb[INET_DIAG_BBRINFO]) : NULL,
			.dctcp = tb[INET_DIAG_DCTCPINFO] ?
					 mnl_attr_get_payload(tb[INET_DIAG_DCTCPINFO]) : NULL,
		};

		out_tcp_info(&di);
	}
}

/*
 * @full: a full socket; time-wait and request sockets come without any
 * attribute, and -m and -i have nothing to say about them.
 */
static void out_inet_details(const struct ss_sock *s, const struct inet_diag_msg *r,
			     const struct nlattr **tb, bool full)
{
	out_col(COL_PROC);
	if (sso.processes)
		out_users(s->ino);
	if (sso.timers && r->idiag_timer)
		out_timer(timer_name(r->idiag_timer), r->idiag_expires, r->idiag_retrans);
	if (sso.extended) {
		out_sock_ids(s);
		if (s->has_mark && s->mark)
			out_uint("fwmark", " fwmark:0x%x", s->mark);
	}
	if ((sso.extended || sso.cgroup) && s->has_cgroup)
		out_cgroup(s->cgroup_id);
	if (sso.extended) {
		if (tb[INET_DIAG_SKV6ONLY])
			out_uint("v6only", " v6only:%u", mnl_attr_get_u8(tb[INET_DIAG_SKV6ONLY]));
		if (tb[INET_DIAG_SHUTDOWN]) {
			uint8_t mask = mnl_attr_get_u8(tb[INET_DIAG_SHUTDOWN]);

			out_shutdown(mask);
		}
	}
	if (sso.tos) {
		if (tb[INET_DIAG_TOS])
			out_uint("tos", " tos:%#x", mnl_attr_get_u8(tb[INET_DIAG_TOS]));
		if (tb[INET_DIAG_TCLASS])
			out_uint("tclass", " tclass:%#x", mnl_attr_get_u8(tb[INET_DIAG_TCLASS]));
		if (tb[INET_DIAG_CLASS_ID])
			out_uint("class_id", " class_id:%#x",
				 mnl_attr_get_u32(tb[INET_DIAG_CLASS_ID]));
	}
	if (sso.inet_sockopt && tb[INET_DIAG_SOCKOPT])
		out_inet_sockopt(mnl_attr_get_payload(tb[INET_DIAG_SOCKOPT]));
	if (sso.memory || sso.info) {
		out_nl_tab();
		if (full)
			out_inet_mem_info(s, tb);
	}
}

static uint8_t db_protocol(enum ss_db db)
{
	switch (db) {
	case DB_UDP:
		return IPPROTO_UDP;
	case DB_RAW:
		return IPPROTO_RAW;
	case DB_DCCP:
		return IPPROTO_DCCP;
	case DB_SCTP:
		return IPPROTO_SCTP;
	default:
		return IPPROTO_TCP;
	}
}

/*
 * -K: ask the kernel to close the socket @r describes, on a socket of
 * its own (the dump holds the other).  Returns 0 or -errno.
 */
static int destroy_sock(enum ss_db db, const struct inet_diag_msg *r)
{
	static struct nl_sock *killer;
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct inet_diag_req_v2 *req;

	if (!killer) {
		killer = nl_open(NETLINK_SOCK_DIAG, 0);
		if (!killer)
			return -errno;
	}
	req = nl_req_init(buf, SOCK_DESTROY, 0, sizeof(*req));
	req->sdiag_family = r->idiag_family;
	req->sdiag_protocol = db_protocol(db);
	req->id = r->id;
	return nl_talk(killer, (struct nlmsghdr *)buf, NULL, NULL);
}

static int inet_msg(const struct nlmsghdr *nlh, void *data)
{
	struct inet_dump *d = data;
	const struct nlattr *tb[INET_DIAG_MAX + 1];
	const struct inet_diag_msg *r = nl_msg_payload(nlh, sizeof(*r));
	struct ss_sock s = { .db = d->db };
	size_t alen;

	if (!r)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(*r), tb, INET_DIAG_MAX, inet_policy);
	/* ssf.families has bits for families 0-63 only: none past them is listed. */
	if (r->idiag_family >= 64 || !(ssf.families & (1ull << r->idiag_family)))
		return MNL_CB_OK;
	s.family = r->idiag_family;
	s.state = r->idiag_state < SS_MAX ? r->idiag_state : SS_UNKNOWN;
	if (!d->any_state && !(ssf.states & (1u << s.state)))
		return MNL_CB_OK;
	alen = s.family == AF_INET6 ? 16 : 4;
	memcpy(s.local, r->id.idiag_src, alen);
	memcpy(s.remote, r->id.idiag_dst, alen);
	s.lport = ntohs(r->id.idiag_sport);
	s.rport = ntohs(r->id.idiag_dport);
	s.iface = r->id.idiag_if;
	s.rq = r->idiag_rqueue;
	s.wq = r->idiag_wqueue;
	s.ino = r->idiag_inode;
	s.uid = r->idiag_uid;
	s.has_uid = true;
	s.cookie = (uint64_t)r->id.idiag_cookie[1] << 32 | r->id.idiag_cookie[0];
	if (tb[INET_DIAG_MARK]) {
		s.mark = mnl_attr_get_u32(tb[INET_DIAG_MARK]);
		s.has_mark = true;
	}
	if (tb[INET_DIAG_CGROUP_ID]) {
		s.cgroup_id = mnl_attr_get_u64(tb[INET_DIAG_CGROUP_ID]);
		s.has_cgroup = true;
	}
	if (!ss_filter_match(&s))
		return MNL_CB_OK;
	if (sso.kill) {
		int err = destroy_sock(d->db, r);

		/* Sockets the kernel cannot close, or closed already, pass unseen. */
		if (err == -EOPNOTSUPP || err == -ENOENT)
			return MNL_CB_OK;
		if (err) {
			fprintf(stderr, "SOCK_DESTROY answers: %s\n", strerror(-err));
			d->destroy_failed = true;
			return MNL_CB_ERROR;
		}
	}

	out_row_head(&s);
	{
		bool v6only = tb[INET_DIAG_SKV6ONLY] && mnl_attr_get_u8(tb[INET_DIAG_SKV6ONLY]);
		const char *proto = db_proto(s.db);

		out_inet_addr(true, s.family, s.local, s.lport, s.iface, v6only, proto);
		out_inet_addr(false, s.family, s.remote, s.rport, 0, v6only, proto);
	}
	out_inet_details(&s, r, tb, nlh->nlmsg_len > NLMSG_LENGTH(sizeof(*r)));
	out_row_end();
	return MNL_CB_OK;
}

/*
 * The dump request of table @db for @family into @buf, asking for what
 * the options show; with the expression compiled for the kernel when
 * @bytecode says so.
 */
static struct nlmsghdr *inet_dump_req(void *buf, enum ss_db db, int family, bool bytecode)
{
	struct nlmsghdr *nlh = buf;
	struct inet_diag_req_v2 *req;
	void *code = NULL;
	size_t code_len;

	req = nl_req_init(buf, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, sizeof(*req));
	req->sdiag_family = (uint8_t)family;
	req->sdiag_protocol = db_protocol(db);
	req->idiag_states = ssf.states;
	if (sso.memory)
		req->idiag_ext |= 1 << (INET_DIAG_MEMINFO - 1) | 1 << (INET_DIAG_SKMEMINFO - 1);
	if (sso.info)
		req->idiag_ext |= 1 << (INET_DIAG_INFO - 1) | 1 << (INET_DIAG_VEGASINFO - 1) |
				  1 << (INET_DIAG_CONG - 1);
	if (sso.tos)
		req->idiag_ext |= 1 << (INET_DIAG_TOS - 1) | 1 << (INET_DIAG_TCLASS - 1);
	if (bytecode)
		code = filter_bytecode(family, &code_len);
	if (code) {
		mnl_attr_put(nlh, INET_DIAG_REQ_BYTECODE, code_len, code);
		free(code);
	}
	if (db == DB_MPTCP)
		mnl_attr_put_u32(nlh, INET_DIAG_REQ_PROTOCOL, IPPROTO_MPTCP);
	return nlh;
}

void inet_event(const struct nlmsghdr *nlh, enum ss_db db)
{
	struct inet_dump d = { .db = db, .any_state = true };

	inet_msg(nlh, &d);
}

static int inet_dump_family(enum ss_db db, int family)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_dump_ops ops = { .msg = inet_msg };
	struct inet_dump d = { .db = db };
	int err = nl_dump(ss_diag_sock(), inet_dump_req(buf, db, family, true), &ops, &d);

	/* The failure to close was told; it ends the listing, as the reference's. */
	return d.destroy_failed ? 0 : err;
}

/*
 * Send dump request @req on @s and copy every datagram of the answer, to
 * its closing NLMSG_DONE or NLMSG_ERROR, into @to as it came.
 */
static int dump_raw(struct nl_sock *s, struct nlmsghdr *req, FILE *to)
{
	static char buf[65536] __attribute__((aligned(4)));
	bool done = false;

	req->nlmsg_seq = nl_seq_claim(s, 1);
	if (send(nl_fd(s), req, req->nlmsg_len, 0) < 0)
		return -errno;
	while (!done) {
		ssize_t n = recv(nl_fd(s), buf, sizeof(buf), 0);
		const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
		int left = (int)n;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		for (; nl_msg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left))
			if (nlh->nlmsg_seq == req->nlmsg_seq &&
			    (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR))
				done = true;
		fwrite(buf, 1, (size_t)n, to);
	}
	return 0;
}

/*
 * Whether the inet tables are dumped for @family: those of the families
 * asked for, and where both are, the last of -4 and -6 (-f inet, -f
 * inet6) named alone, as with the reference (-4 -6 dumps IPv6 only).
 */
static bool inet_family_dumped(int family)
{
	if (!(ssf.families & (1ull << family)))
		return false;
	return !((family == AF_INET && ss_preferred_family == AF_INET6) ||
		 (family == AF_INET6 && ss_preferred_family == AF_INET));
}

void inet_dump_tcp_raw(FILE *to)
{
	static const int families[] = { AF_INET, AF_INET6 };
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	size_t i;

	/* The reference writes what the kernel sends, the expression unapplied. */
	for (i = 0; i < ARRAY_SIZE(families); i++)
		if (inet_family_dumped(families[i]))
			dump_raw(ss_diag_sock(), inet_dump_req(buf, DB_TCP, families[i], false), to);
}

/* DCCP's second chance, which this kernel refuses as the reference shows. */
static void dccp_legacy(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_dump_ops ops = { .msg = inet_msg };
	struct inet_dump d = { .db = DB_DCCP };
	struct inet_diag_req *req;
	int err;

	req = nl_req_init(buf, DCCPDIAG_GETSOCK, NLM_F_DUMP, sizeof(*req));
	req->idiag_family = AF_INET;
	req->idiag_states = ssf.states;
	err = nl_dump(ss_diag_sock(), (struct nlmsghdr *)buf, &ops, &d);
	if (err < 0)
		ss_dump_error(err);
}

/* /proc/net/raw and raw6, for a kernel without raw_diag. */
static void raw_from_proc(int family)
{
	const char *path = family == AF_INET ? "/proc/net/raw" : "/proc/net/raw6";
	FILE *f = fopen(path, "re");
	char line[512];

	if (!f)
		return;
	if (!fgets(line, sizeof(line), f)) {
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		struct ss_sock s = { .db = DB_RAW, .family = family, .has_uid = true };
		uint32_t la[4] = { 0 }, ra[4] = { 0 };
		unsigned int state, tx, rx;
		int n;

		if (family == AF_INET)
			n = sscanf(line, "%*d: %x:%x %x:%x %x %x:%x %*x:%*x %*x %u %*d %u",
				   &la[0], &s.lport, &ra[0], &s.rport, &state, &tx, &rx, &s.uid,
				   &s.ino);
		else
			n = sscanf(line, "%*d: %8x%8x%8x%8x:%x %8x%8x%8x%8x:%x %x %x:%x %*x:%*x %*x %u %*d %u",
				   &la[0], &la[1], &la[2], &la[3], &s.lport, &ra[0], &ra[1], &ra[2],
				   &ra[3], &s.rport, &state, &tx, &rx, &s.uid, &s.ino) - 6;
		if (n < 9)
			continue;
		memcpy(s.local, la, sizeof(la));
		memcpy(s.remote, ra, sizeof(ra));
		s.state = state < SS_MAX ? (int)state : SS_UNKNOWN;
		s.wq = tx;
		s.rq = rx;
		if (!(ssf.states & (1u << s.state)) || !ss_filter_match(&s))
			continue;
		out_row_head(&s);
		out_inet_addr(true, family, s.local, s.lport, 0, false, "raw");
		out_inet_addr(false, family, s.remote, s.rport, 0, false, "raw");
		out_col(COL_PROC);
		if (sso.processes)
			out_users(s.ino);
		out_row_end();
	}
	fclose(f);
}

static void inet_show_db(enum ss_db db)
{
	static const int families[] = { AF_INET, AF_INET6 };
	size_t i;

	if (!(ssf.dbs & DB_BIT(db)))
		return;
	for (i = 0; i < ARRAY_SIZE(families); i++) {
		int err;

		if (!inet_family_dumped(families[i]))
			continue;
		err = inet_dump_family(db, families[i]);
		if (!err)
			continue;
		/* /proc has every family's raw sockets, whichever -4 or -6 said last. */
		if (db == DB_RAW) {
			for (i = 0; i < ARRAY_SIZE(families); i++)
				if (ssf.families & (1ull << families[i]))
					raw_from_proc(families[i]);
		} else if (db == DB_DCCP) {
			dccp_legacy();
		} else if (err != -ENOENT) {
			ss_dump_error(err);
		}
		return;
	}
}

int inet_show(void)
{
	inet_show_db(DB_RAW);
	inet_show_db(DB_UDP);
	inet_show_db(DB_TCP);
	inet_show_db(DB_DCCP);
	inet_show_db(DB_SCTP);
	return 0;
}

int mptcp_show(void)
{
	inet_show_db(DB_MPTCP);
	return 0;
}
