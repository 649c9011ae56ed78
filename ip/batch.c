// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip -batch: the commands of a file, each run through the object table as
 * if it were a command line, and ip_request(), through which the object
 * handlers make their changes.
 *
 * In a batch the changes are pipelined: ip_request() queues each request
 * on a sender of its own socket (lib/pipe.c) and returns, so that a long
 * batch costs a few sendmsg() and recvmmsg() calls per thousand requests
 * instead of a round trip each.  What the reference does must not change
 * for that:
 *
 *  - a lookup or dump (any nl_talk()/nl_dump()) must see every change
 *    queued before it: the exchange hook of the core flushes the pipe
 *    first (nl_set_exchange_hook());
 *  - without -force the reference stops at the first failed line, and the
 *    lines after it never run.  Requests sent after the failed one before
 *    its error was read (the overshoot) are taken back, newest first, with
 *    the inverse request recorded when each was queued.  A request whose
 *    inverse is not known is not pipelined: the batch waits for every
 *    earlier answer before and for its own after it;
 *  - with -atomic, a failure takes back every change of the batch, so each
 *    request must have a known inverse; one without is refused before it is
 *    sent, which fails its line.
 *
 * Inverses are worked out from the request alone (a created object is
 * deleted) or from the object as the kernel reports it just before the
 * request (what a replace, a change or a delete overwrites): links (create,
 * and set of flags, name, MTU, address, queue length, group, alias,
 * master), addresses and routes (add, replace, change, append, delete).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "batch.h"
#include "ip.h"

/* The reference's limit: 511 words and the terminating NULL. */
#define BATCH_MAX_ARGS 512

/*
 * Outside -atomic the journal is only needed for requests whose answer is
 * not read yet: past this many the batch waits for the answers and starts
 * it anew, which bounds its memory on long batches.
 */
#define BATCH_JOURNAL_SPAN 4096

enum undo_result {
	UNDO_UNKNOWN,		/* no inverse known: cannot be taken back */
	UNDO_BUILT,		/* the inverse is in the buffer */
	UNDO_NOTHING,		/* the request will change nothing */
};

/* One request queued on the pipe since the journal was last emptied. */
struct journal_entry {
	unsigned long line;
	size_t undo_off;	/* the inverse, in the journal's arena */
	uint32_t undo_len;	/* 0: nothing to take back */
	bool failed;
};

static struct {
	bool active;
	const char *name;	/* the file, as "Command failed" names it */
	unsigned long line;	/* the last physical line of the command */
	struct nl_sock *sock;	/* the pipe's: lookups use ip_rtnl() */
	struct nl_pipe *pipe;
	size_t base;		/* the pipe's index of entries[0] */
	struct journal_entry *entries;
	size_t count, cap;
	char *arena;
	size_t arena_len, arena_cap;
	bool stopping;		/* a failure ends the batch at the next sync */
	size_t first_failed;	/* the journal's index of that failure */
	bool undoing;
	unsigned long reported_line;	/* -force: one report per line */
	int status;
} batch;

/* ip_fail_nl()'s words, for an error the pipe read. */
static void report_nl_error(int err, const char *ext_ack)
{
	size_t len = ext_ack ? strlen(ext_ack) : 0;

	if (len)
		fprintf(stderr, "Error: %s%s\n", ext_ack, ext_ack[len - 1] == '.' ? "" : ".");
	else
		fprintf(stderr, "RTNETLINK answers: %s\n", strerror(-err));
}

static void report_failed_line(unsigned long line)
{
	fprintf(stderr, "Command failed %s:%lu\n", batch.name, line);
	batch.status = 1;
}

static int pipe_error(size_t index, int err, const char *ext_ack, void *data __attribute__((unused)))
{
	struct journal_entry *e = &batch.entries[index - batch.base];

	e->failed = true;
	if (ipo.force && !ipo.atomic) {
		if (e->line != batch.reported_line) {
			report_nl_error(err, ext_ack);
			report_failed_line(e->line);
			batch.reported_line = e->line;
		}
		return 0;
	}
	/* After the first failure, the rest is overshoot, taken back silently. */
	if (!batch.stopping) {
		report_nl_error(err, ext_ack);
		report_failed_line(e->line);
		batch.stopping = true;
		batch.first_failed = index - batch.base;
	}
	return 1;
}

static void journal_reset(void)
{
	batch.base += batch.count;
	batch.count = 0;
	batch.arena_len = 0;
}

/*
 * Take back, newest first, what the requests of the journal did: all of
 * them under -atomic, otherwise those after the failed one, which the
 * reference would never have sent.
 */
static void undo_journal(void)
{
	size_t sent = nl_pipe_sent(batch.pipe), i, oldest = 0;
	struct nlmsghdr *undo;
	int err;

	if (!ipo.atomic)
		oldest = batch.stopping ? batch.first_failed + 1 : batch.count;
	batch.undoing = true;
	for (i = batch.count; i-- > oldest;) {
		const struct journal_entry *e = &batch.entries[i];

		if (e->failed || !e->undo_len || batch.base + i >= sent)
			continue;
		undo = (struct nlmsghdr *)(batch.arena + e->undo_off);
		err = nl_talk(ip_rtnl(), undo, NULL, NULL);
		if (err < 0) {
			fprintf(stderr, "Cannot undo the change of %s:%lu: ", batch.name, e->line);
			report_nl_error(err, nl_ext_ack_msg(ip_rtnl()));
		}
	}
	batch.undoing = false;
	journal_reset();
}

/* The batch ends here, as the reference's ends at its failed line. */
static void __attribute__((noreturn)) batch_abort(void)
{
	undo_journal();
	pr_finish();
	exit(1);
}

/*
 * Wait for the answer to every request sent; a failure outside -force ends
 * the batch.
 */
static void batch_sync(void)
{
	int err;

	if (!batch.pipe || batch.undoing || !batch.count)
		return;
	err = nl_pipe_flush(batch.pipe);
	if (err < 0 && nl_pipe_failed(batch.pipe) == 0) {
		/* A local failure: what became of the requests is unknown. */
		fprintf(stderr, "Cannot talk to the kernel: %s\n", strerror(-err));
		pr_finish();
		exit(1);
	}
	if (batch.stopping)
		batch_abort();
	if (!ipo.atomic)
		journal_reset();
}

static void exchange_hook(void *data __attribute__((unused)))
{
	batch_sync();
}

/* A command that calls exit() (a usage error) still gets its answers. */
static void batch_at_exit(void)
{
	if (!batch.pipe || batch.undoing || !batch.count)
		return;
	nl_pipe_flush(batch.pipe);
	if (batch.stopping || (ipo.atomic && batch.status))
		undo_journal();
}

static void *arena_reserve(size_t len)
{
	size_t need = batch.arena_len + NLMSG_ALIGN(len);

	if (need > batch.arena_cap) {
		batch.arena_cap = batch.arena_cap ? batch.arena_cap * 2 : 1 << 16;
		if (batch.arena_cap < need)
			batch.arena_cap = need;
		batch.arena = xrealloc(batch.arena, batch.arena_cap);
	}
	return batch.arena + batch.arena_len;
}

static struct journal_entry *journal_add(void)
{
	struct journal_entry *e;

	if (batch.count == batch.cap) {
		batch.cap = batch.cap ? batch.cap * 2 : 1024;
		batch.entries = xrealloc(batch.entries, batch.cap * sizeof(*batch.entries));
	}
	e = &batch.entries[batch.count++];
	*e = (struct journal_entry){ .line = batch.line };
	return e;
}

/*
 * Inverses.  Each builder writes into @undo (NL_REQ_SIZE bytes) and
 * returns an enum undo_result.  Those that read the object first do so on
 * ip_rtnl(), after every queued request was answered (the exchange hook).
 */

/* @req again, as the message @type with @flags. */
static int undo_copy_as(const struct nlmsghdr *req, struct nlmsghdr *undo, uint16_t type,
			uint16_t flags)
{
	memcpy(undo, req, req->nlmsg_len);
	undo->nlmsg_type = type;
	undo->nlmsg_flags = NLM_F_REQUEST | flags;
	return UNDO_BUILT;
}

/* Copy into @undo the attributes of @from (after @hdr_len) listed in @keep. */
static void copy_attrs(struct nlmsghdr *undo, const struct nlmsghdr *from, size_t hdr_len,
		       const uint16_t *keep, size_t nkeep)
{
	const struct nlattr *attr;
	size_t i;

	mnl_attr_for_each(attr, from, hdr_len) {
		for (i = 0; i < nkeep; i++) {
			if (mnl_attr_get_type(attr) != keep[i])
				continue;
			mnl_attr_put(undo, attr->nla_type, mnl_attr_get_payload_len(attr),
				     mnl_attr_get_payload(attr));
			break;
		}
	}
}

static bool attr_equal(const struct nlattr *a, const struct nlattr *b)
{
	if (!a || !b)
		return !a && !b;
	return mnl_attr_get_payload_len(a) == mnl_attr_get_payload_len(b) &&
	       !memcmp(mnl_attr_get_payload(a), mnl_attr_get_payload(b),
		       mnl_attr_get_payload_len(a));
}

/* Links. */

static const struct nl_attr_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = { .kind = NLA_STR },
	[IFLA_MTU] = { .kind = NLA_U32 },
	[IFLA_TXQLEN] = { .kind = NLA_U32 },
	[IFLA_GROUP] = { .kind = NLA_U32 },
	[IFLA_MASTER] = { .kind = NLA_U32 },
	[IFLA_IFALIAS] = { .kind = NLA_STR },
};

/* What `link set` may change and the inverse can restore. */
static const uint16_t link_restorable[] = {
	IFLA_IFNAME, IFLA_MTU, IFLA_ADDRESS, IFLA_BROADCAST, IFLA_TXQLEN, IFLA_GROUP,
};

static int undo_link_create(const struct nlmsghdr *req, const struct nlattr **tb,
			    struct nlmsghdr *undo)
{
	if (!(req->nlmsg_flags & NLM_F_EXCL) || !tb[IFLA_IFNAME] || tb[IFLA_NET_NS_PID] ||
	    tb[IFLA_NET_NS_FD] || tb[IFLA_TARGET_NETNSID])
		return UNDO_UNKNOWN;
	nl_req_init(undo, RTM_DELLINK, 0, sizeof(struct ifinfomsg));
	mnl_attr_put_strz(undo, IFLA_IFNAME, mnl_attr_get_str(tb[IFLA_IFNAME]));
	return UNDO_BUILT;
}

static int undo_link_set(const struct nlmsghdr *req, const struct nlattr **tb,
			 struct nlmsghdr *undo)
{
	const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(req);
	const struct nlattr *old_tb[IFLA_MAX + 1];
	const struct ifinfomsg *old;
	struct ifinfomsg *restore;
	struct nl_msgs cur = { 0 };
	const struct nlattr *attr;
	char get_buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *get = (struct nlmsghdr *)get_buf;
	struct ifinfomsg *gifi;
	int ret = UNDO_BUILT;
	size_t i;

	mnl_attr_for_each(attr, req, sizeof(*ifi)) {
		uint16_t type = mnl_attr_get_type(attr);
		bool known = type == IFLA_MASTER || type == IFLA_IFALIAS || type == IFLA_EXT_MASK;

		for (i = 0; i < ARRAY_SIZE(link_restorable); i++)
			known = known || type == link_restorable[i];
		if (!known)
			return UNDO_UNKNOWN;
	}

	gifi = nl_req_init(get, RTM_GETLINK, 0, sizeof(*gifi));
	gifi->ifi_index = ifi->ifi_index;
	if (!ifi->ifi_index && tb[IFLA_IFNAME])
		mnl_attr_put_strz(get, IFLA_IFNAME, mnl_attr_get_str(tb[IFLA_IFNAME]));
	mnl_attr_put_u32(get, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	if (nl_talk_collect(ip_rtnl(), get, &cur) < 0 || !cur.count)
		return UNDO_NOTHING;	/* no such link: the request fails */

	old = mnl_nlmsg_get_payload((struct nlmsghdr *)cur.buf);
	nl_attr_parse_msg((struct nlmsghdr *)cur.buf, sizeof(*old), old_tb, IFLA_MAX, link_policy);
	restore = nl_req_init(undo, RTM_NEWLINK, 0, sizeof(*restore));
	restore->ifi_index = old->ifi_index;
	restore->ifi_flags = old->ifi_flags;
	restore->ifi_change = ifi->ifi_change;
	for (i = 0; i < ARRAY_SIZE(link_restorable); i++) {
		uint16_t type = link_restorable[i];

		if (!tb[type])
			continue;
		if (!old_tb[type]) {
			ret = UNDO_UNKNOWN;
			break;
		}
		mnl_attr_put(undo, type, mnl_attr_get_payload_len(old_tb[type]),
			     mnl_attr_get_payload(old_tb[type]));
	}
	if (tb[IFLA_MASTER])
		mnl_attr_put_u32(undo, IFLA_MASTER,
				 old_tb[IFLA_MASTER] ? mnl_attr_get_u32(old_tb[IFLA_MASTER]) : 0);
	if (tb[IFLA_IFALIAS])
		mnl_attr_put_strz(undo, IFLA_IFALIAS,
				  old_tb[IFLA_IFALIAS] ? mnl_attr_get_str(old_tb[IFLA_IFALIAS]) : "");
	nl_msgs_free(&cur);
	return ret;
}

static int undo_link(const struct nlmsghdr *req, struct nlmsghdr *undo)
{
	const struct nlattr *tb[IFLA_MAX + 1];

	if (req->nlmsg_type != RTM_NEWLINK ||
	    nl_attr_parse_msg(req, sizeof(struct ifinfomsg), tb, IFLA_MAX, link_policy) < 0)
		return UNDO_UNKNOWN;	/* a deleted link cannot be made again as it was */
	if (req->nlmsg_flags & NLM_F_CREATE)
		return undo_link_create(req, tb, undo);
	return undo_link_set(req, tb, undo);
}

/* Addresses. */

static const struct nl_attr_policy addr_policy[IFA_MAX + 1] = {
	[IFA_LABEL] = { .kind = NLA_STR },
	[IFA_CACHEINFO] = { .kind = NLA_BINARY, .min_len = sizeof(struct ifa_cacheinfo) },
};

/* The attributes of a dumped address that make it again. */
static const uint16_t addr_remake[] = {
	IFA_LOCAL, IFA_ADDRESS, IFA_BROADCAST, IFA_LABEL, IFA_FLAGS, IFA_RT_PRIORITY, IFA_PROTO,
};

/* Whether the dumped address @cur is the one @req (a delete or a replace) names. */
static bool addr_is_target(const struct nlmsghdr *req, const struct nlattr **req_tb,
			   const struct nlmsghdr *cur)
{
	const struct ifaddrmsg *want = mnl_nlmsg_get_payload(req);
	const struct ifaddrmsg *have = mnl_nlmsg_get_payload(cur);
	const struct nlattr *tb[IFA_MAX + 1];

	if (cur->nlmsg_type != RTM_NEWADDR || have->ifa_index != want->ifa_index ||
	    nl_attr_parse_msg(cur, sizeof(*have), tb, IFA_MAX, addr_policy) < 0)
		return false;
	if (want->ifa_prefixlen && want->ifa_prefixlen != have->ifa_prefixlen)
		return false;
	/* IPv6 addresses come back with IFA_ADDRESS alone. */
	if (req_tb[IFA_LOCAL] &&
	    !attr_equal(req_tb[IFA_LOCAL], tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS]))
		return false;
	if (req_tb[IFA_LABEL] && !attr_equal(req_tb[IFA_LABEL], tb[IFA_LABEL]))
		return false;
	return !req_tb[IFA_ADDRESS] || req_tb[IFA_LOCAL] ||
	       attr_equal(req_tb[IFA_ADDRESS], tb[IFA_ADDRESS]);
}

/* The address again, as it is now, with what is left of its lifetimes. */
static void addr_remake_req(const struct nlmsghdr *cur, struct nlmsghdr *undo, uint16_t flags)
{
	const struct ifaddrmsg *have = mnl_nlmsg_get_payload(cur);
	const struct nlattr *tb[IFA_MAX + 1];
	struct ifaddrmsg *ifa;

	ifa = nl_req_init(undo, RTM_NEWADDR, flags, sizeof(*ifa));
	*ifa = *have;
	copy_attrs(undo, cur, sizeof(*have), addr_remake, ARRAY_SIZE(addr_remake));
	nl_attr_parse_msg(cur, sizeof(*have), tb, IFA_MAX, addr_policy);
	if (tb[IFA_CACHEINFO]) {
		const struct ifa_cacheinfo *ci = mnl_attr_get_payload(tb[IFA_CACHEINFO]);
		struct ifa_cacheinfo life = {
			.ifa_prefered = ci->ifa_prefered,
			.ifa_valid = ci->ifa_valid,
		};

		mnl_attr_put(undo, IFA_CACHEINFO, sizeof(life), &life);
	}
}

static int undo_addr(const struct nlmsghdr *req, struct nlmsghdr *undo)
{
	const struct ifaddrmsg *want = mnl_nlmsg_get_payload(req);
	const struct nlattr *tb[IFA_MAX + 1];
	char get_buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *get = (struct nlmsghdr *)get_buf, *nlh;
	struct nl_msgs cur = { 0 };
	struct ifaddrmsg *gifa;
	int ret;

	if (nl_attr_parse_msg(req, sizeof(*want), tb, IFA_MAX, addr_policy) < 0)
		return UNDO_UNKNOWN;
	if (req->nlmsg_type == RTM_NEWADDR &&
	    (req->nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL)) == (NLM_F_CREATE | NLM_F_EXCL))
		return undo_copy_as(req, undo, RTM_DELADDR, 0);

	gifa = nl_req_init(get, RTM_GETADDR, 0, sizeof(*gifa));
	gifa->ifa_family = want->ifa_family;
	gifa->ifa_index = want->ifa_index;
	if (nl_dump_collect(ip_rtnl(), get, &cur) < 0) {
		nl_msgs_free(&cur);
		return UNDO_UNKNOWN;
	}
	ret = UNDO_NOTHING;
	nl_msgs_for_each(&cur, nlh) {
		if (!addr_is_target(req, tb, nlh))
			continue;
		if (req->nlmsg_type == RTM_DELADDR)
			addr_remake_req(nlh, undo, NLM_F_CREATE | NLM_F_EXCL);
		else
			addr_remake_req(nlh, undo, NLM_F_REPLACE);
		ret = UNDO_BUILT;
		break;
	}
	nl_msgs_free(&cur);
	if (ret == UNDO_NOTHING && req->nlmsg_type == RTM_NEWADDR &&
	    (req->nlmsg_flags & NLM_F_CREATE))
		return undo_copy_as(req, undo, RTM_DELADDR, 0);
	return ret;
}

/* Routes. */

static const struct nl_attr_policy route_policy[RTA_MAX + 1] = {
	[RTA_TABLE] = { .kind = NLA_U32 },
	[RTA_PRIORITY] = { .kind = NLA_U32 },
	[RTA_OIF] = { .kind = NLA_U32 },
};

/* The attributes of a dumped route that make it again. */
static const uint16_t route_remake[] = {
	RTA_DST, RTA_SRC, RTA_OIF, RTA_GATEWAY, RTA_PRIORITY, RTA_PREFSRC, RTA_METRICS,
	RTA_MULTIPATH, RTA_FLOW, RTA_TABLE, RTA_VIA, RTA_NEWDST, RTA_PREF, RTA_ENCAP_TYPE,
	RTA_ENCAP, RTA_NH_ID,
};

static uint32_t route_table(const struct rtmsg *rtm, const struct nlattr **tb)
{
	return tb[RTA_TABLE] ? mnl_attr_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
}

/*
 * Whether the dumped route @cur is the one @req names: the same prefix,
 * TOS and table, and the metric, device and gateway @req gives, if any (a
 * replace without a metric means the default one, 0 for IPv4 and 1024
 * for IPv6).
 */
static bool route_is_target(const struct nlmsghdr *req, const struct nlattr **req_tb,
			    const struct nlmsghdr *cur)
{
	const struct rtmsg *want = mnl_nlmsg_get_payload(req);
	const struct rtmsg *have = mnl_nlmsg_get_payload(cur);
	const struct nlattr *tb[RTA_MAX + 1];

	if (cur->nlmsg_type != RTM_NEWROUTE || have->rtm_family != want->rtm_family ||
	    have->rtm_dst_len != want->rtm_dst_len || have->rtm_tos != want->rtm_tos ||
	    (have->rtm_flags & RTM_F_CLONED) ||
	    nl_attr_parse_msg(cur, sizeof(*have), tb, RTA_MAX, route_policy) < 0)
		return false;
	if (route_table(have, tb) != route_table(want, req_tb))
		return false;
	if (want->rtm_dst_len && !attr_equal(req_tb[RTA_DST], tb[RTA_DST]))
		return false;
	if (req_tb[RTA_PRIORITY]) {
		if (!tb[RTA_PRIORITY] ||
		    mnl_attr_get_u32(tb[RTA_PRIORITY]) != mnl_attr_get_u32(req_tb[RTA_PRIORITY]))
			return false;
	} else if (req->nlmsg_type == RTM_NEWROUTE) {
		uint32_t metric = want->rtm_family == AF_INET6 ? 1024 : 0;

		if ((tb[RTA_PRIORITY] ? mnl_attr_get_u32(tb[RTA_PRIORITY]) : 0) != metric)
			return false;
	}
	if (req_tb[RTA_OIF] && !attr_equal(req_tb[RTA_OIF], tb[RTA_OIF]))
		return false;
	return !req_tb[RTA_GATEWAY] || attr_equal(req_tb[RTA_GATEWAY], tb[RTA_GATEWAY]);
}

static void route_remake_req(const struct nlmsghdr *cur, struct nlmsghdr *undo, uint16_t flags)
{
	const struct rtmsg *have = mnl_nlmsg_get_payload(cur);
	struct rtmsg *rtm;

	rtm = nl_req_init(undo, RTM_NEWROUTE, flags, sizeof(*rtm));
	*rtm = *have;
	rtm->rtm_flags = 0;
	copy_attrs(undo, cur, sizeof(*have), route_remake, ARRAY_SIZE(route_remake));
}

static int undo_route(const struct nlmsghdr *req, struct nlmsghdr *undo)
{
	const struct rtmsg *want = mnl_nlmsg_get_payload(req);
	const struct nlattr *tb[RTA_MAX + 1];
	char get_buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *get = (struct nlmsghdr *)get_buf, *nlh;
	struct nl_msgs cur = { 0 };
	uint16_t flags = req->nlmsg_flags;
	struct rtmsg *grtm;
	uint32_t table;
	int ret;

	if (nl_attr_parse_msg(req, sizeof(*want), tb, RTA_MAX, route_policy) < 0)
		return UNDO_UNKNOWN;
	if (req->nlmsg_type == RTM_NEWROUTE &&
	    ((flags & (NLM_F_CREATE | NLM_F_EXCL)) == (NLM_F_CREATE | NLM_F_EXCL) ||
	     (flags & NLM_F_APPEND)))
		return undo_copy_as(req, undo, RTM_DELROUTE, 0);

	table = route_table(want, tb);
	grtm = nl_req_init(get, RTM_GETROUTE, 0, sizeof(*grtm));
	grtm->rtm_family = want->rtm_family;
	grtm->rtm_table = table < 256 ? table : RT_TABLE_UNSPEC;
	mnl_attr_put_u32(get, RTA_TABLE, table);
	if (nl_dump_collect(ip_rtnl(), get, &cur) < 0) {
		nl_msgs_free(&cur);
		return UNDO_UNKNOWN;
	}
	ret = UNDO_NOTHING;
	nl_msgs_for_each(&cur, nlh) {
		if (!route_is_target(req, tb, nlh))
			continue;
		if (req->nlmsg_type == RTM_DELROUTE)
			route_remake_req(nlh, undo, NLM_F_CREATE | NLM_F_EXCL);
		else
			route_remake_req(nlh, undo, NLM_F_CREATE | NLM_F_REPLACE);
		ret = UNDO_BUILT;
		break;
	}
	nl_msgs_free(&cur);
	if (ret == UNDO_NOTHING && req->nlmsg_type == RTM_NEWROUTE && (flags & NLM_F_CREATE))
		return undo_copy_as(req, undo, RTM_DELROUTE, 0);
	return ret;
}

static int undo_build(const struct nlmsghdr *req, struct nlmsghdr *undo)
{
	switch (req->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		return undo_link(req, undo);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return undo_addr(req, undo);
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		return undo_route(req, undo);
	default:
		return UNDO_UNKNOWN;
	}
}

static int request_now(struct nlmsghdr *req)
{
	int err = nl_talk(ip_rtnl(), req, NULL, NULL);

	return err < 0 ? ip_fail_nl(err) : 0;
}

static void queue(const struct nlmsghdr *req, struct journal_entry *e)
{
	void *slot = nl_pipe_req(batch.pipe);
	int err;

	memcpy(slot, req, req->nlmsg_len);
	err = nl_pipe_push(batch.pipe);
	if (err < 0) {
		fprintf(stderr, "Cannot talk to the kernel: %s\n", strerror(-err));
		e->failed = true;
		batch.stopping = true;
	}
}

int ip_request(struct nlmsghdr *req)
{
	char undo_buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *undo = (struct nlmsghdr *)undo_buf;
	struct journal_entry *e;
	int kind = UNDO_NOTHING;

	if (!batch.active)
		return request_now(req);
	if (req->nlmsg_len < NLMSG_HDRLEN || req->nlmsg_len > NL_REQ_SIZE)
		return -EINVAL;

	if (!ipo.force || ipo.atomic) {
		/* An inverse that reads the object first syncs the batch
		 * through the exchange hook. */
		kind = undo_build(req, undo);
		if (kind == UNDO_UNKNOWN && ipo.atomic) {
			fprintf(stderr, "Error: this change cannot be undone, which -atomic needs.\n");
			return 2;
		}
	}
	if (kind == UNDO_UNKNOWN) {
		/* Not pipelined: nothing may have been sent after it when it fails. */
		batch_sync();
		e = journal_add();
		queue(req, e);
		batch_sync();
		return 0;
	}

	e = journal_add();
	if (kind == UNDO_BUILT) {
		void *slot = arena_reserve(undo->nlmsg_len);

		memcpy(slot, undo, undo->nlmsg_len);
		e->undo_off = batch.arena_len;
		e->undo_len = undo->nlmsg_len;
		batch.arena_len += NLMSG_ALIGN(undo->nlmsg_len);
	}
	queue(req, e);
	if (!ipo.atomic && batch.count >= BATCH_JOURNAL_SPAN)
		batch_sync();
	return 0;
}

/*
 * Command lines.  One buffer holds the command, grown as needed and reused
 * from line to line, and the words point into it.
 */
struct line_reader {
	FILE *in;
	char *line;		/* getline()'s buffer */
	size_t line_cap;
	char *cmd;		/* the command, continuation lines joined */
	size_t cmd_len, cmd_cap;
	unsigned long lineno;
};

/* Read one physical line into the command, its comment cut off. */
static bool read_line(struct line_reader *r, bool append)
{
	ssize_t n = getline(&r->line, &r->line_cap, r->in);
	char *hash;

	if (n < 0)
		return false;
	r->lineno++;
	hash = memchr(r->line, '#', n);
	if (hash) {
		*hash = '\0';
		n = hash - r->line;
	}
	if (!append)
		r->cmd_len = 0;
	if (r->cmd_len + n + 1 > r->cmd_cap) {
		r->cmd_cap = (r->cmd_len + n + 1) * 2;
		r->cmd = xrealloc(r->cmd, r->cmd_cap);
	}
	memcpy(r->cmd + r->cmd_len, r->line, n + 1);
	r->cmd_len += n;
	return true;
}

/* The next command, continuation lines joined; false at the end of the file. */
static bool read_command(struct line_reader *r)
{
	if (!read_line(r, false))
		return false;
	while (r->cmd_len >= 2 && r->cmd[r->cmd_len - 2] == '\\' &&
	       r->cmd[r->cmd_len - 1] == '\n') {
		r->cmd_len -= 2;
		r->cmd[r->cmd_len] = '\0';
		if (!read_line(r, true))
			break;
	}
	return true;
}

/* Split the command into words in place; -1 after reporting bad syntax. */
static int split_words(char *s, char **argv)
{
	int argc = 0;

	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		if (argc == BATCH_MAX_ARGS - 1) {
			fprintf(stderr, "Too many arguments to command\n");
			return -1;
		}
		if (*s == '"' || *s == '\'') {
			char *end = strchr(s + 1, *s);

			if (!end) {
				fprintf(stderr, "Unterminated quoted string\n");
				return -1;
			}
			argv[argc++] = s + 1;
			*end = '\0';
			s = end + 1;
			continue;
		}
		argv[argc++] = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

static int run_lines(struct line_reader *r, const struct pr_config *cfg)
{
	char *argv[BATCH_MAX_ARGS];
	int argc;

	while (read_command(r)) {
		argc = split_words(r->cmd, argv);
		if (argc < 0)
			return 1;
		if (!argc)
			continue;
		batch.line = r->lineno;
		pr_init(stdout, cfg);
		if (ip_run_object(argc, argv)) {
			batch_sync();
			report_failed_line(r->lineno);
			if (!ipo.force || ipo.atomic) {
				pr_finish();
				return 1;
			}
		}
		pr_finish();
	}
	batch_sync();
	return 0;
}

int ip_batch(const char *file, const struct pr_config *cfg)
{
	struct line_reader r = { .in = stdin };
	int status;

	if (strcmp(file, "-")) {
		r.in = fopen(file, "re");
		if (!r.in) {
			fprintf(stderr, "Cannot open file \"%s\" for reading: %s\n", file,
				strerror(errno));
			return 1;
		}
	}
	batch.name = file;
	batch.sock = nl_open(NETLINK_ROUTE, 0);
	if (batch.sock)
		batch.pipe = nl_pipe_new(batch.sock, pipe_error, NULL);
	if (!batch.pipe) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		exit(1);
	}
	batch.active = true;
	nl_set_exchange_hook(exchange_hook, NULL);
	atexit(batch_at_exit);

	status = run_lines(&r, cfg);
	if (status || batch.status) {
		status = 1;
		if (ipo.atomic) {
			batch_sync();
			undo_journal();
		}
	}

	nl_set_exchange_hook(NULL, NULL);
	batch.active = false;
	nl_pipe_free(batch.pipe);
	batch.pipe = NULL;
	nl_close(batch.sock);
	free(batch.entries);
	free(batch.arena);
	free(r.line);
	free(r.cmd);
	if (r.in != stdin)
		fclose(r.in);
	return status;
}
