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
};

struct inet_dump {
	enum ss_db db;
};

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
		if (s->uid)
			out_uint("uid", " uid:%u", s->uid);
		out_uint("ino", " ino:%u", s->ino);
		out_u64("sk", " sk:%llx", (unsigned long long)s->cookie);
		if (s->has_mark && s->mark)
			out_uint("fwmark", " fwmark:0x%x", s->mark);
	}
	if ((sso.extended || sso.cgroup) && s->has_cgroup)
		out_cgroup(s->cgroup_id);
	if (sso.tos) {
		if (tb[INET_DIAG_TOS])
			out_uint("tos", " tos:%#x", mnl_attr_get_u8(tb[INET_DIAG_TOS]));
		if (tb[INET_DIAG_TCLASS])
			out_uint("tclass", " tclass:%#x", mnl_attr_get_u8(tb[INET_DIAG_TCLASS]));
		if (tb[INET_DIAG_CLASS_ID])
			out_uint("class_id", " class_id:%#x",
				 mnl_attr_get_u32(tb[INET_DIAG_CLASS_ID]));
	}
	if (sso.extended) {
		if (tb[INET_DIAG_SKV6ONLY])
			out_uint("v6only", " v6only:%u", mnl_attr_get_u8(tb[INET_DIAG_SKV6ONLY]));
		if (tb[INET_DIAG_SHUTDOWN]) {
			uint8_t mask = mnl_attr_get_u8(tb[INET_DIAG_SHUTDOWN]);

			out_shutdown(mask);
		}
	}
	if (!sso.memory && !sso.info)
		return;
	out_nl_tab();
	if (!full)
		return;
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

static int inet_msg(const struct nlmsghdr *nlh, void *data)
{
	const struct inet_dump *d = data;
	const struct nlattr *tb[INET_DIAG_MAX + 1];
	const struct inet_diag_msg *r = nl_msg_payload(nlh, sizeof(*r));
	struct ss_sock s = { .db = d->db };
	size_t alen;

	if (!r)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(*r), tb, INET_DIAG_MAX, inet_policy);
	if (!(ssf.families & (1ull << r->idiag_family)))
		return MNL_CB_OK;
	s.family = r->idiag_family;
	s.state = r->idiag_state < SS_MAX ? r->idiag_state : SS_UNKNOWN;
	if (!(ssf.states & (1u << s.state)))
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

static int inet_dump_family(enum ss_db db, int family)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_dump_ops ops = { .msg = inet_msg };
	struct inet_dump d = { .db = db };
	struct inet_diag_req_v2 *req;
	struct nlmsghdr *nlh;
	void *code;
	size_t code_len;

	req = nl_req_init(buf, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, sizeof(*req));
	nlh = (struct nlmsghdr *)buf;
	req->sdiag_family = (uint8_t)family;
	req->idiag_states = ssf.states;
	switch (db) {
	case DB_UDP:
		req->sdiag_protocol = IPPROTO_UDP;
		break;
	case DB_RAW:
		req->sdiag_protocol = IPPROTO_RAW;
		break;
	case DB_DCCP:
		req->sdiag_protocol = IPPROTO_DCCP;
		break;
	case DB_SCTP:
		req->sdiag_protocol = IPPROTO_SCTP;
		break;
	default:
		req->sdiag_protocol = IPPROTO_TCP;
		break;
	}
	if (sso.memory)
		req->idiag_ext |= 1 << (INET_DIAG_MEMINFO - 1) | 1 << (INET_DIAG_SKMEMINFO - 1);
	if (sso.info)
		req->idiag_ext |= 1 << (INET_DIAG_INFO - 1) | 1 << (INET_DIAG_VEGASINFO - 1) |
				  1 << (INET_DIAG_CONG - 1);
	if (sso.tos)
		req->idiag_ext |= 1 << (INET_DIAG_TOS - 1) | 1 << (INET_DIAG_TCLASS - 1);
	code = filter_bytecode(family, &code_len);
	if (code) {
		mnl_attr_put(nlh, INET_DIAG_REQ_BYTECODE, code_len, code);
		free(code);
	}
	if (db == DB_MPTCP)
		mnl_attr_put_u32(nlh, INET_DIAG_REQ_PROTOCOL, IPPROTO_MPTCP);
	return nl_dump(ss_diag_sock(), nlh, &ops, &d);
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
	FILE *f = fopen(path, "r");
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

		if (!(ssf.families & (1ull << families[i])))
			continue;
		err = inet_dump_family(db, families[i]);
		if (!err)
			continue;
		if (db == DB_RAW) {
			for (; i < ARRAY_SIZE(families); i++)
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
