// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Inverses of state-changing requests (see undo.h).  Those that read the
 * object first do so on ip_rtnl(); in a batch the exchange hook has every
 * queued request answered before, so they see the state the request will
 * change.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/fib_rules.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ip.h"
#include "undo.h"

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
			 struct nlmsghdr *undo, bool may_read)
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

	if (!may_read)
		return UNDO_NEEDS_READ;
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
	/* An empty alias removes it.  The reference sends aliases without
	 * their NUL, so neither side is taken as a C string. */
	if (tb[IFLA_IFALIAS])
		mnl_attr_put(undo, IFLA_IFALIAS,
			     old_tb[IFLA_IFALIAS] ? mnl_attr_get_payload_len(old_tb[IFLA_IFALIAS]) : 0,
			     old_tb[IFLA_IFALIAS] ? mnl_attr_get_payload(old_tb[IFLA_IFALIAS]) : "");
	nl_msgs_free(&cur);
	return ret;
}

static int undo_link(const struct nlmsghdr *req, struct nlmsghdr *undo, bool may_read)
{
	const struct nlattr *tb[IFLA_MAX + 1];

	if (req->nlmsg_type != RTM_NEWLINK ||
	    nl_attr_parse_msg(req, sizeof(struct ifinfomsg), tb, IFLA_MAX, link_policy) < 0)
		return UNDO_UNKNOWN;	/* a deleted link cannot be made again as it was */
	if (req->nlmsg_flags & NLM_F_CREATE)
		return undo_link_create(req, tb, undo);
	return undo_link_set(req, tb, undo, may_read);
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

static int undo_addr(const struct nlmsghdr *req, struct nlmsghdr *undo, bool may_read)
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

	if (!may_read)
		return UNDO_NEEDS_READ;
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
 * for IPv6, and overwrites whatever next hop the route has).
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
	/* A replace or a change overwrites the route whatever its next hop;
	 * a delete that names one takes only the route through it. */
	if (req->nlmsg_type == RTM_NEWROUTE)
		return true;
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

static int undo_route(const struct nlmsghdr *req, struct nlmsghdr *undo, bool may_read)
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
	/* Add, append and prepend make a route of their own, which the same
	 * words delete; replace and change overwrite one. */
	if (req->nlmsg_type == RTM_NEWROUTE && !(flags & NLM_F_REPLACE))
		return undo_copy_as(req, undo, RTM_DELROUTE, 0);

	if (!may_read)
		return UNDO_NEEDS_READ;
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

/* Rules. */

static const struct nl_attr_policy rule_policy[FRA_MAX + 1] = {
	[FRA_TABLE] = { .kind = NLA_U32 },
};

/* The attributes of a dumped rule that make it again. */
static const uint16_t rule_remake[] = {
	FRA_DST, FRA_SRC, FRA_IIFNAME, FRA_GOTO, FRA_PRIORITY, FRA_FWMARK, FRA_FLOW,
	FRA_TUN_ID, FRA_SUPPRESS_IFGROUP, FRA_SUPPRESS_PREFIXLEN, FRA_TABLE, FRA_FWMASK,
	FRA_OIFNAME, FRA_L3MDEV, FRA_UID_RANGE, FRA_PROTOCOL, FRA_IP_PROTO,
	FRA_SPORT_RANGE, FRA_DPORT_RANGE,
};

static uint32_t rule_table(const struct fib_rule_hdr *frh, const struct nlattr **tb)
{
	return tb[FRA_TABLE] ? mnl_attr_get_u32(tb[FRA_TABLE]) : frh->table;
}

/*
 * Whether the dumped rule @cur is one the kernel deletes for @req: it
 * takes the first rule that has every header field @req sets (it ignores
 * those left at zero) and every attribute @req carries.
 */
static bool rule_is_target(const struct nlmsghdr *req, const struct nlattr **req_tb,
			   const struct nlmsghdr *cur)
{
	const struct fib_rule_hdr *want = mnl_nlmsg_get_payload(req);
	const struct fib_rule_hdr *have = mnl_nlmsg_get_payload(cur);
	const struct nlattr *tb[FRA_MAX + 1];
	const struct nlattr *attr;
	uint32_t table = rule_table(want, req_tb);

	if (cur->nlmsg_type != RTM_NEWRULE || have->family != want->family ||
	    nl_attr_parse_msg(cur, sizeof(*have), tb, FRA_MAX, rule_policy) < 0)
		return false;
	if ((want->action && want->action != have->action) ||
	    (want->src_len && want->src_len != have->src_len) ||
	    (want->dst_len && want->dst_len != have->dst_len) ||
	    (want->tos && want->tos != have->tos) || (table && table != rule_table(have, tb)))
		return false;
	mnl_attr_for_each(attr, req, sizeof(*want)) {
		uint16_t type = mnl_attr_get_type(attr);

		if (type != FRA_TABLE && (type > FRA_MAX || !attr_equal(attr, tb[type])))
			return false;
	}
	return true;
}

static int undo_rule(const struct nlmsghdr *req, struct nlmsghdr *undo, bool may_read)
{
	const struct fib_rule_hdr *want = mnl_nlmsg_get_payload(req);
	const struct nlattr *tb[FRA_MAX + 1];
	char get_buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *get = (struct nlmsghdr *)get_buf, *nlh;
	struct nl_msgs cur = { 0 };
	struct fib_rule_hdr *frh;
	int ret = UNDO_NOTHING;

	if (nl_attr_parse_msg(req, sizeof(*want), tb, FRA_MAX, rule_policy) < 0)
		return UNDO_UNKNOWN;
	/* Without a priority the kernel puts the new rule before every other
	 * but the local one, so the same words delete it first. */
	if (req->nlmsg_type == RTM_NEWRULE)
		return (req->nlmsg_flags & NLM_F_CREATE) ?
			       undo_copy_as(req, undo, RTM_DELRULE, 0) : UNDO_UNKNOWN;

	if (!may_read)
		return UNDO_NEEDS_READ;
	frh = nl_req_init(get, RTM_GETRULE, 0, sizeof(*frh));
	frh->family = want->family;
	if (nl_dump_collect(ip_rtnl(), get, &cur) < 0) {
		nl_msgs_free(&cur);
		return UNDO_UNKNOWN;
	}
	nl_msgs_for_each(&cur, nlh) {
		if (!rule_is_target(req, tb, nlh))
			continue;
		frh = nl_req_init(undo, RTM_NEWRULE, NLM_F_CREATE | NLM_F_EXCL, sizeof(*frh));
		*frh = *(const struct fib_rule_hdr *)mnl_nlmsg_get_payload(nlh);
		/* The others are the kernel's to set (unresolved goto, ...). */
		frh->flags &= FIB_RULE_INVERT;
		copy_attrs(undo, nlh, sizeof(*frh), rule_remake, ARRAY_SIZE(rule_remake));
		ret = UNDO_BUILT;
		break;
	}
	nl_msgs_free(&cur);
	return ret;
}

/* Neighbours. */

static const struct nl_attr_policy neigh_policy[NDA_MAX + 1] = {
	[NDA_DST] = { .kind = NLA_BINARY, .min_len = 4 },
};

/* The attributes of a neighbour that make it again. */
static const uint16_t neigh_remake[] = {
	NDA_DST, NDA_LLADDR, NDA_PROTOCOL, NDA_FLAGS_EXT,
};

/* What a request may set of ndm_flags. */
#define NEIGH_USER_FLAGS (NTF_PROXY | NTF_ROUTER | NTF_EXT_LEARNED)

static int undo_neigh(const struct nlmsghdr *req, struct nlmsghdr *undo, bool may_read)
{
	const struct ndmsg *want = mnl_nlmsg_get_payload(req);
	const struct nlattr *tb[NDA_MAX + 1];
	char get_buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *get = (struct nlmsghdr *)get_buf, *nlh;
	struct nl_msgs cur = { 0 };
	struct ndmsg *ndm;
	int err;

	if (nl_attr_parse_msg(req, sizeof(*want), tb, NDA_MAX, neigh_policy) < 0 || !tb[NDA_DST])
		return UNDO_UNKNOWN;
	if (req->nlmsg_type == RTM_NEWNEIGH &&
	    (req->nlmsg_flags & (NLM_F_CREATE | NLM_F_EXCL)) == (NLM_F_CREATE | NLM_F_EXCL))
		return undo_copy_as(req, undo, RTM_DELNEIGH, 0);

	if (!may_read)
		return UNDO_NEEDS_READ;
	ndm = nl_req_init(get, RTM_GETNEIGH, 0, sizeof(*ndm));
	ndm->ndm_family = want->ndm_family;
	ndm->ndm_ifindex = want->ndm_ifindex;
	ndm->ndm_flags = want->ndm_flags & NTF_PROXY;
	mnl_attr_put(get, NDA_DST, mnl_attr_get_payload_len(tb[NDA_DST]),
		     mnl_attr_get_payload(tb[NDA_DST]));
	err = nl_talk_collect(ip_rtnl(), get, &cur);
	if (err == -ENOENT || (!err && !cur.count)) {
		/* Nothing there: a replace creates it, a change or a delete fails. */
		if (req->nlmsg_type == RTM_NEWNEIGH && (req->nlmsg_flags & NLM_F_CREATE))
			return undo_copy_as(req, undo, RTM_DELNEIGH, 0);
		return UNDO_NOTHING;
	}
	if (err < 0) {
		nl_msgs_free(&cur);
		return UNDO_UNKNOWN;
	}
	nlh = (struct nlmsghdr *)cur.buf;
	ndm = nl_req_init(undo, RTM_NEWNEIGH,
			  NLM_F_CREATE | (req->nlmsg_type == RTM_DELNEIGH ? NLM_F_EXCL : NLM_F_REPLACE),
			  sizeof(*ndm));
	*ndm = *(const struct ndmsg *)mnl_nlmsg_get_payload(nlh);
	ndm->ndm_flags &= NEIGH_USER_FLAGS;
	copy_attrs(undo, nlh, sizeof(*ndm), neigh_remake, ARRAY_SIZE(neigh_remake));
	nl_msgs_free(&cur);
	return UNDO_BUILT;
}

/* Nexthops. */

static const struct nl_attr_policy nexthop_policy[NHA_MAX + 1] = {
	[NHA_ID] = { .kind = NLA_U32 },
	[NHA_GROUP] = { .kind = NLA_BINARY },
	[NHA_RES_GROUP] = { .kind = NLA_NESTED },
};

/* The attributes of a dumped nexthop that make it again. */
static const uint16_t nexthop_remake[] = {
	NHA_ID, NHA_GROUP, NHA_GROUP_TYPE, NHA_BLACKHOLE, NHA_OIF, NHA_GATEWAY,
	NHA_ENCAP_TYPE, NHA_ENCAP, NHA_FDB,
};

/*
 * Whether the dump @req may hold a message whose @type attribute is @id:
 * true also when the dump failed, as nothing then proves the opposite.
 */
static bool dump_may_name_id(struct nlmsghdr *req, size_t hdr_len, uint16_t type, uint32_t id)
{
	struct nl_msgs cur = { 0 };
	const struct nlattr *attr;
	struct nlmsghdr *nlh;
	bool found = nl_dump_collect(ip_rtnl(), req, &cur) < 0;

	nl_msgs_for_each(&cur, nlh) {
		mnl_attr_for_each(attr, nlh, hdr_len) {
			if (mnl_attr_get_type(attr) == type && mnl_attr_get_payload_len(attr) >= 4 &&
			    mnl_attr_get_u32(attr) == id)
				found = true;
		}
	}
	nl_msgs_free(&cur);
	return found;
}

/*
 * Whether a route or a group uses the nexthop @id: deleting it deletes
 * those routes and shrinks those groups, which its inverse cannot mend.
 */
static bool nexthop_in_use(uint32_t id)
{
	static const uint8_t families[] = { AF_INET, AF_INET6 };
	char get_buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *get = (struct nlmsghdr *)get_buf, *nlh;
	const struct nexthop_grp *grp;
	struct nl_msgs groups = { 0 };
	struct nhmsg *nhm;
	struct rtmsg *rtm;
	bool used = false;
	size_t i, n;

	/* Route dumps take no nexthop filter: every route is looked at. */
	for (i = 0; i < ARRAY_SIZE(families); i++) {
		rtm = nl_req_init(get, RTM_GETROUTE, 0, sizeof(*rtm));
		rtm->rtm_family = families[i];
		if (dump_may_name_id(get, sizeof(*rtm), RTA_NH_ID, id))
			return true;
	}

	nhm = nl_req_init(get, RTM_GETNEXTHOP, 0, sizeof(*nhm));
	mnl_attr_put(get, NHA_GROUPS, 0, NULL);
	if (nl_dump_collect(ip_rtnl(), get, &groups) < 0)
		used = true;
	nl_msgs_for_each(&groups, nlh) {
		const struct nlattr *tb[NHA_MAX + 1];

		if (nl_attr_parse_msg(nlh, sizeof(*nhm), tb, NHA_MAX, nexthop_policy) < 0 ||
		    !tb[NHA_GROUP])
			continue;
		grp = mnl_attr_get_payload(tb[NHA_GROUP]);
		n = mnl_attr_get_payload_len(tb[NHA_GROUP]) / sizeof(*grp);
		while (n--)
			used = used || grp[n].id == id;
	}
	nl_msgs_free(&groups);
	return used;
}

static int undo_nexthop(const struct nlmsghdr *req, struct nlmsghdr *undo, bool may_read)
{
	const struct nlattr *tb[NHA_MAX + 1], *old_tb[NHA_MAX + 1];
	char get_buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *get = (struct nlmsghdr *)get_buf, *nlh;
	struct nl_msgs cur = { 0 };
	struct nhmsg *nhm;
	uint32_t id;
	int ret, err;

	/* Without an id the kernel picks one, and only the answer would tell. */
	if (nl_attr_parse_msg(req, sizeof(*nhm), tb, NHA_MAX, nexthop_policy) < 0 || !tb[NHA_ID])
		return UNDO_UNKNOWN;
	id = mnl_attr_get_u32(tb[NHA_ID]);
	nl_req_init(undo, RTM_DELNEXTHOP, 0, sizeof(*nhm));
	mnl_attr_put_u32(undo, NHA_ID, id);
	if (req->nlmsg_type == RTM_NEWNEXTHOP && (req->nlmsg_flags & NLM_F_EXCL))
		return UNDO_BUILT;

	if (!may_read)
		return UNDO_NEEDS_READ;
	nl_req_init(get, RTM_GETNEXTHOP, 0, sizeof(*nhm));
	mnl_attr_put_u32(get, NHA_ID, id);
	err = nl_talk_collect(ip_rtnl(), get, &cur);
	if (err == -ENOENT || (!err && !cur.count))
		return req->nlmsg_type == RTM_NEWNEXTHOP && (req->nlmsg_flags & NLM_F_CREATE) ?
			       UNDO_BUILT : UNDO_NOTHING;
	nlh = (struct nlmsghdr *)cur.buf;
	ret = UNDO_UNKNOWN;
	if (err < 0 || nl_attr_parse_msg(nlh, sizeof(*nhm), old_tb, NHA_MAX, nexthop_policy) < 0 ||
	    old_tb[NHA_RES_GROUP] || (req->nlmsg_type == RTM_DELNEXTHOP && nexthop_in_use(id)))
		goto out;
	nhm = nl_req_init(undo, RTM_NEWNEXTHOP,
			  NLM_F_CREATE | (req->nlmsg_type == RTM_DELNEXTHOP ? NLM_F_EXCL : NLM_F_REPLACE),
			  sizeof(*nhm));
	*nhm = *(const struct nhmsg *)mnl_nlmsg_get_payload(nlh);
	/* The kernel reports a scope and state flags that it refuses on input. */
	nhm->nh_scope = 0;
	nhm->nh_flags &= RTNH_F_ONLINK;
	copy_attrs(undo, nlh, sizeof(*nhm), nexthop_remake, ARRAY_SIZE(nexthop_remake));
	ret = UNDO_BUILT;
out:
	nl_msgs_free(&cur);
	return ret;
}

int undo_build(const struct nlmsghdr *req, struct nlmsghdr *undo, bool may_read)
{
	switch (req->nlmsg_type) {
	case RTM_NEWLINK:
	case RTM_DELLINK:
		return undo_link(req, undo, may_read);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return undo_addr(req, undo, may_read);
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		return undo_route(req, undo, may_read);
	case RTM_NEWRULE:
	case RTM_DELRULE:
		return undo_rule(req, undo, may_read);
	case RTM_NEWNEIGH:
	case RTM_DELNEIGH:
		return undo_neigh(req, undo, may_read);
	case RTM_NEWNEXTHOP:
	case RTM_DELNEXTHOP:
		return undo_nexthop(req, undo, may_read);
	default:
		return UNDO_UNKNOWN;
	}
}

