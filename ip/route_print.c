// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip route: matching routes against the selectors and printing them, for
 * show, flush -s -s, get and showdump alike.
 */
#include <string.h>
#include <sys/socket.h>
#include <linux/lwtunnel.h>
#include <linux/mpls_iptunnel.h>
#include <linux/rtnetlink.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "nexthop.h"
#include "route.h"

/* The kernel reports route lifetimes in clock ticks of USER_HZ. */
#define ROUTE_USER_HZ 100

static const struct nl_attr_policy rta_policy[RTA_MAX + 1] = {
	[RTA_DST] = { .kind = NLA_BINARY, .min_len = 1 },
	[RTA_SRC] = { .kind = NLA_BINARY, .min_len = 1 },
	[RTA_IIF] = { .kind = NLA_U32 },
	[RTA_OIF] = { .kind = NLA_U32 },
	[RTA_GATEWAY] = { .kind = NLA_BINARY, .min_len = 4 },
	[RTA_PRIORITY] = { .kind = NLA_U32 },
	[RTA_PREFSRC] = { .kind = NLA_BINARY, .min_len = 4 },
	[RTA_METRICS] = { .kind = NLA_NESTED },
	[RTA_MULTIPATH] = { .kind = NLA_BINARY, .min_len = sizeof(struct rtnexthop) },
	[RTA_FLOW] = { .kind = NLA_U32 },
	[RTA_CACHEINFO] = { .kind = NLA_BINARY, .min_len = sizeof(struct rta_cacheinfo) },
	[RTA_TABLE] = { .kind = NLA_U32 },
	[RTA_MARK] = { .kind = NLA_U32 },
	[RTA_VIA] = { .kind = NLA_BINARY, .min_len = sizeof(struct rtvia) },
	[RTA_NEWDST] = { .kind = NLA_BINARY, .min_len = 4 },
	[RTA_PREF] = { .kind = NLA_U8 },
	[RTA_ENCAP_TYPE] = { .kind = NLA_U16 },
	[RTA_ENCAP] = { .kind = NLA_NESTED },
	[RTA_EXPIRES] = { .kind = NLA_U32 },
	[RTA_UID] = { .kind = NLA_U32 },
	[RTA_TTL_PROPAGATE] = { .kind = NLA_U8 },
	[RTA_NH_ID] = { .kind = NLA_U32 },
};

static const struct nl_attr_policy metric_policy[RTAX_MAX + 1] = {
	[RTAX_LOCK] = { .kind = NLA_U32 },
	[RTAX_MTU] = { .kind = NLA_U32 },
	[RTAX_WINDOW] = { .kind = NLA_U32 },
	[RTAX_RTT] = { .kind = NLA_U32 },
	[RTAX_RTTVAR] = { .kind = NLA_U32 },
	[RTAX_SSTHRESH] = { .kind = NLA_U32 },
	[RTAX_CWND] = { .kind = NLA_U32 },
	[RTAX_ADVMSS] = { .kind = NLA_U32 },
	[RTAX_REORDERING] = { .kind = NLA_U32 },
	[RTAX_HOPLIMIT] = { .kind = NLA_U32 },
	[RTAX_INITCWND] = { .kind = NLA_U32 },
	[RTAX_FEATURES] = { .kind = NLA_U32 },
	[RTAX_RTO_MIN] = { .kind = NLA_U32 },
	[RTAX_INITRWND] = { .kind = NLA_U32 },
	[RTAX_QUICKACK] = { .kind = NLA_U32 },
	[RTAX_CC_ALGO] = { .kind = NLA_STR },
	[RTAX_FASTOPEN_NO_COOKIE] = { .kind = NLA_U32 },
};

static const struct nl_attr_policy mpls_encap_policy[MPLS_IPTUNNEL_MAX + 1] = {
	[MPLS_IPTUNNEL_DST] = { .kind = NLA_BINARY, .min_len = 4 },
	[MPLS_IPTUNNEL_TTL] = { .kind = NLA_U8 },
};

/* The names of the metrics, by RTAX_* number, as the text and JSON say. */
static const char *const metric_names[RTAX_MAX + 1] = {
	[RTAX_MTU] = "mtu",
	[RTAX_WINDOW] = "window",
	[RTAX_RTT] = "rtt",
	[RTAX_RTTVAR] = "rttvar",
	[RTAX_SSTHRESH] = "ssthresh",
	[RTAX_CWND] = "cwnd",
	[RTAX_ADVMSS] = "advmss",
	[RTAX_REORDERING] = "reordering",
	[RTAX_HOPLIMIT] = "hoplimit",
	[RTAX_INITCWND] = "initcwnd",
	[RTAX_FEATURES] = "features",
	[RTAX_RTO_MIN] = "rto_min",
	[RTAX_INITRWND] = "initrwnd",
	[RTAX_QUICKACK] = "quickack",
	[RTAX_CC_ALGO] = "congctl",
	[RTAX_FASTOPEN_NO_COOKIE] = "fastopen_no_cookie",
};

static const struct {
	uint32_t mask;
	const char *name;
} nexthop_flags[] = {
	{ RTNH_F_DEAD, "dead" },
	{ RTNH_F_ONLINK, "onlink" },
	{ RTNH_F_PERVASIVE, "pervasive" },
	{ RTNH_F_OFFLOAD, "offload" },
	{ RTNH_F_TRAP, "trap" },
	{ RTM_F_NOTIFY, "notify" },
	{ RTNH_F_LINKDOWN, "linkdown" },
	{ RTNH_F_UNRESOLVED, "unresolved" },
	{ RTM_F_OFFLOAD, "rt_offload" },
	{ RTM_F_TRAP, "rt_trap" },
	{ RTM_F_OFFLOAD_FAILED, "rt_offload_failed" },
};

/* The flags of a cached IPv4 route, in its rtm_flags (RTCF_*). */
static const struct {
	uint32_t mask;
	const char *name;
} cache_flags[] = {
	{ 0x80000000U, "local" },
	{ 0x10000000U, "brd" },
	{ 0x20000000U, "mc" },
	{ 0x01000000U, "redirect" },
	{ 0x04000000U, "src-direct" },
	{ 0x00040000U, "redirected" },
	{ 0x00020000U, "notify" },
	{ 0x40000000U, "masq" },
	{ 0x08000000U, "nat" },
};

static unsigned int host_bits(int family)
{
	switch (family) {
	case AF_INET:
		return 32;
	case AF_INET6:
		return 128;
	case AF_MPLS:
		return 20;
	default:
		return 0;
	}
}

/* The RTA_TABLE of a route, or its header's 8-bit table. */
static uint32_t route_table(const struct rtmsg *r, const struct nlattr *const *tb)
{
	return tb[RTA_TABLE] ? mnl_attr_get_u32(tb[RTA_TABLE]) : r->rtm_table;
}

static bool addr_in(int family, const struct nlattr *nla, const struct inet_prefix *p, int bits)
{
	struct inet_prefix a = { .family = (uint16_t)family };
	size_t len = nla ? mnl_attr_get_payload_len(nla) : 0;

	if (len > sizeof(a.data))
		len = sizeof(a.data);
	if (nla)
		memcpy(a.data, mnl_attr_get_payload(nla), len);
	return prefix_match(&a, p, bits);
}

/* root: the route's prefix lies within @p; match: it covers @p. */
static bool prefix_selected(int family, uint8_t len, const struct nlattr *nla,
			    const struct inet_prefix *root, const struct inet_prefix *match)
{
	if (root->family) {
		if (root->family != family || root->bitlen > len)
			return false;
		if (!addr_in(family, nla, root, root->bitlen))
			return false;
	}
	if (match->family) {
		if (match->family != family || match->bitlen < len)
			return false;
		if (!addr_in(family, nla, match, len))
			return false;
	}
	return true;
}

bool route_filter_match(const struct route_filter *f, const struct nlmsghdr *nlh)
{
	const struct rtmsg *r = nl_msg_payload(nlh, sizeof(*r));
	const struct nlattr *tb[RTA_MAX + 1];
	const struct nlattr *via;

	if (!r || (nlh->nlmsg_type != RTM_NEWROUTE && nlh->nlmsg_type != RTM_DELROUTE))
		return false;
	nl_attr_parse_msg(nlh, sizeof(*r), tb, RTA_MAX, rta_policy);
	if (f->family && r->rtm_family != f->family)
		return false;
	if (f->cloned != !!(r->rtm_flags & RTM_F_CLONED))
		return false;
	if (f->table && route_table(r, tb) != f->table)
		return false;
	if (f->has_protocol && r->rtm_protocol != f->protocol)
		return false;
	if (f->has_scope && r->rtm_scope != f->scope)
		return false;
	if (f->types && (r->rtm_type >= 32 || !(f->types & (1U << r->rtm_type))))
		return false;
	if (f->has_tos && r->rtm_tos != f->tos)
		return false;
	if (!prefix_selected(r->rtm_family, r->rtm_dst_len, tb[RTA_DST], &f->rdst, &f->mdst))
		return false;
	if (!prefix_selected(r->rtm_family, r->rtm_src_len, tb[RTA_SRC], &f->rsrc, &f->msrc))
		return false;
	if (f->via.family) {
		via = tb[RTA_GATEWAY];
		if (!via || f->via.family != r->rtm_family ||
		    !addr_in(r->rtm_family, via, &f->via, f->via.bitlen))
			return false;
	}
	if (f->prefsrc.family &&
	    (f->prefsrc.family != r->rtm_family || !tb[RTA_PREFSRC] ||
	     !addr_in(r->rtm_family, tb[RTA_PREFSRC], &f->prefsrc, f->prefsrc.bitlen)))
		return false;
	if (f->has_realms && (!tb[RTA_FLOW] || mnl_attr_get_u32(tb[RTA_FLOW]) != f->realms))
		return false;
	if (f->oif && (!tb[RTA_OIF] || mnl_attr_get_u32(tb[RTA_OIF]) != f->oif))
		return false;
	if (f->iif && (!tb[RTA_IIF] || mnl_attr_get_u32(tb[RTA_IIF]) != f->iif))
		return false;
	if (f->has_metric &&
	    (tb[RTA_PRIORITY] ? mnl_attr_get_u32(tb[RTA_PRIORITY]) : 0) != f->metric)
		return false;
	return true;
}

static const char *const route_type_names[] = {
	"none", "unicast", "local", "broadcast", "anycast", "multicast",
	"blackhole", "unreachable", "prohibit", "throw", "nat", "xresolve",
};

static const char *type_format(unsigned int type, char *buf, size_t len)
{
	if (!ipo.numeric && type < ARRAY_SIZE(route_type_names))
		return route_type_names[type];
	snprintf(buf, len, "%u", type);
	return buf;
}

static const char *attr_addr(int family, const struct nlattr *nla, char *buf, size_t len)
{
	return addr_format_host(family, mnl_attr_get_payload(nla), mnl_attr_get_payload_len(nla),
				ipo.resolve, buf, len);
}

/*
 * An address in the colour of its family; the word before it ("via ",
 * "src ") is the caller's, plain, as the reference colours them.
 */
static void print_color_addr(const char *key, int family, const struct nlattr *nla)
{
	char buf[64];

	pr_color_string(ip_family_color(family), key, "%s ", attr_addr(family, nla, buf,
								    sizeof(buf)));
}

/* A device name in its colour, after the caller's plain "dev " or "iif ". */
static void print_color_dev(const char *key, const struct nlattr *nla)
{
	char buf[64];

	pr_color_string(PR_C_IFNAME, key, "%s ", ifcache_name_or_num(mnl_attr_get_u32(nla), buf,
								      sizeof(buf)));
}

/*
 * A prefix: "ADDR" for a host, "ADDR/LEN" otherwise, "default" when empty.
 * The colour of its family takes in the @lead word too ("from "), not the
 * word "default".
 */
static void print_prefix(const char *key, const char *lead, int family, uint8_t len,
			 const struct nlattr *nla)
{
	enum pr_color color = ip_family_color(family);
	char text[80];
	size_t n;

	if (nla) {
		attr_addr(family, nla, text, sizeof(text) - 4);
		n = strlen(text);
		if (len != host_bits(family))
			snprintf(text + n, sizeof(text) - n, "/%u", len);
	} else if (len) {
		snprintf(text, sizeof(text), "0/%u", len);
	} else if (!strcmp(key, "dst")) {
		strcpy(text, "default");
		color = PR_C_NONE;
	} else {
		return;
	}
	pr_color_start(color);
	if (*lead)
		pr_text("%s", lead);
	pr_string(key, "%s ", text);
	pr_color_end();
}

static void print_flags(uint32_t flags)
{
	size_t i;

	pr_open_array("flags", NULL);
	for (i = 0; i < ARRAY_SIZE(nexthop_flags); i++)
		if (flags & nexthop_flags[i].mask)
			pr_string(NULL, "%s ", nexthop_flags[i].name);
	pr_close_array(NULL);
}

static void print_realms(uint32_t realms)
{
	char from[32], to[32];

	pr_open_object("flow");
	if (realms >> 16) {
		pr_string("from", "realms %s/", names_format(NT_REALMS, realms >> 16, from,
								    sizeof(from)));
		pr_string("to", "%s ", names_format(NT_REALMS, realms & 0xffff, to, sizeof(to)));
	} else {
		pr_string("to", "realm %s ", names_format(NT_REALMS, realms & 0xffff, to,
							   sizeof(to)));
	}
	pr_close_object();
}

static void print_encap(const struct nlattr *type, const struct nlattr *encap)
{
	const struct nlattr *tb[MPLS_IPTUNNEL_MAX + 1];
	char buf[64];

	if (!type || mnl_attr_get_u16(type) != LWTUNNEL_ENCAP_MPLS)
		return;
	nl_attr_parse_nested(encap, tb, MPLS_IPTUNNEL_MAX, mpls_encap_policy);
	pr_string("encap", "encap %s ", "mpls");
	if (tb[MPLS_IPTUNNEL_DST])
		pr_string("dst", "%s ", attr_addr(AF_MPLS, tb[MPLS_IPTUNNEL_DST], buf, sizeof(buf)));
	if (tb[MPLS_IPTUNNEL_TTL])
		pr_uint("ttl", "ttl %u ", mnl_attr_get_u8(tb[MPLS_IPTUNNEL_TTL]));
}

static void print_via(const struct nlattr *nla)
{
	const struct rtvia *via = mnl_attr_get_payload(nla);
	size_t len = mnl_attr_get_payload_len(nla) - sizeof(*via);
	char buf[64];

	pr_open_object("via");
	pr_string("family", "via %s ", family_name(via->rtvia_family));
	pr_color_string(ip_family_color(via->rtvia_family), "host", "%s ",
			addr_format(via->rtvia_family, via->rtvia_addr, len, buf, sizeof(buf)));
	pr_close_object();
}

/*
 * A time metric in milliseconds: "300ms" in text, or seconds from one
 * second up ("2.5s"); JSON always has the milliseconds.
 */
static void print_time_metric(const char *name, uint32_t ms)
{
	char secs[32];

	if (ms < 1000 || pr_json()) {
		pr_uint(name, "%ums ", ms);
		return;
	}
	snprintf(secs, sizeof(secs), "%g", ms / 1000.0);
	pr_string(name, "%ss ", secs);
}

static void print_metrics(const struct nlattr *nest)
{
	const struct nlattr *tb[RTAX_MAX + 1];
	uint32_t lock = 0, value;
	unsigned int i;

	nl_attr_parse_nested(nest, tb, RTAX_MAX, metric_policy);
	if (tb[RTAX_LOCK])
		lock = mnl_attr_get_u32(tb[RTAX_LOCK]);
	pr_open_array("metrics", NULL);
	pr_open_object(NULL);
	for (i = RTAX_LOCK + 1; i <= RTAX_MAX; i++) {
		const char *name = metric_names[i];

		if (!tb[i] || !name)
			continue;
		if (i == RTAX_CC_ALGO) {
			pr_text("congctl ");
			if (lock & (1U << i))
				pr_text("lock ");
			pr_string("congestion", "%s ", mnl_attr_get_str(tb[i]));
			continue;
		}
		value = mnl_attr_get_u32(tb[i]);
		switch (i) {
		case RTAX_RTT:
		case RTAX_RTTVAR:
		case RTAX_RTO_MIN:
			pr_text("%s ", name);
			if (lock & (1U << i))
				pr_text("lock ");
			print_time_metric(name, i == RTAX_RTT ? value / 8 :
						i == RTAX_RTTVAR ? value / 4 : value);
			break;
		case RTAX_FEATURES:
			pr_text("features ");
			if (value & RTAX_FEATURE_ECN)
				pr_null("ecn", "ecn ");
			if (value & ~RTAX_FEATURE_ECN)
				pr_hex("features", "0x%x ", value & ~RTAX_FEATURE_ECN);
			break;
		default:
			pr_text("%s ", name);
			if (lock & (1U << i))
				pr_text("lock ");
			pr_uint(name, "%u ", value);
			break;
		}
	}
	pr_close_object();
	pr_close_array(NULL);
}

static void print_cacheinfo(const struct nlattr *nla)
{
	struct rta_cacheinfo ci;

	memcpy(&ci, mnl_attr_get_payload(nla), sizeof(ci));
	if (ci.rta_expires)
		pr_int("expires", "expires %dsec ", (int)ci.rta_expires / ROUTE_USER_HZ);
	if (ci.rta_error)
		pr_uint("error", "error %u ", ci.rta_error);
	if (!ipo.stats)
		return;
	if (ci.rta_clntref)
		pr_uint("users", "users %u ", ci.rta_clntref);
	if (ci.rta_used)
		pr_uint("used", "used %u ", ci.rta_used);
	if (ci.rta_lastuse)
		pr_uint(NULL, "age %usec ", ci.rta_lastuse / ROUTE_USER_HZ);
}

static void print_cache_flags(uint32_t flags)
{
	bool first = true;
	size_t i;

	pr_nl();
	pr_open_array("cache", "    cache ");
	for (i = 0; i < ARRAY_SIZE(cache_flags); i++) {
		if (!(flags & cache_flags[i].mask))
			continue;
		pr_text(first ? "<" : ",");
		pr_string(NULL, "%s", cache_flags[i].name);
		first = false;
	}
	if (!first)
		pr_text("> ");
	pr_close_array(NULL);
}

static void print_nexthops(int family, const struct nlattr *mp)
{
	const char *p = mnl_attr_get_payload(mp);
	size_t left = mnl_attr_get_payload_len(mp), step;
	char buf[64];

	pr_open_array("nexthops", NULL);
	while (left >= sizeof(struct rtnexthop)) {
		const struct rtnexthop *nh = (const struct rtnexthop *)p;
		const struct nlattr *tb[RTA_MAX + 1];

		if (nh->rtnh_len < sizeof(*nh) || nh->rtnh_len > left)
			break;
		nl_attr_parse(p + RTNH_ALIGN(sizeof(*nh)), nh->rtnh_len - RTNH_ALIGN(sizeof(*nh)),
			      tb, RTA_MAX, rta_policy);
		pr_open_object(NULL);
		pr_nl();
		pr_text("\tnexthop ");
		if (tb[RTA_ENCAP])
			print_encap(tb[RTA_ENCAP_TYPE], tb[RTA_ENCAP]);
		if (tb[RTA_NEWDST])
			pr_string("as", "as to %s ", attr_addr(family, tb[RTA_NEWDST], buf,
							       sizeof(buf)));
		if (tb[RTA_GATEWAY]) {
			pr_text("via ");
			print_color_addr("gateway", family, tb[RTA_GATEWAY]);
		}
		if (tb[RTA_VIA])
			print_via(tb[RTA_VIA]);
		if (tb[RTA_FLOW])
			print_realms(mnl_attr_get_u32(tb[RTA_FLOW]));
		if (nh->rtnh_ifindex)
			pr_string("dev", "dev %s ", ifcache_name_or_num((unsigned int)nh->rtnh_ifindex,
								      buf, sizeof(buf)));
		if (family != AF_MPLS)
			pr_uint("weight", "weight %u ", nh->rtnh_hops + 1U);
		print_flags(nh->rtnh_flags);
		pr_close_object();
		step = RTNH_ALIGN((size_t)nh->rtnh_len);
		if (step >= left)
			break;
		left -= step;
		p += step;
	}
	pr_close_array(NULL);
}

static const char *pref_name(uint8_t pref, char *buf, size_t len)
{
	switch (pref) {
	case 3:
		return "low";
	case 0:
		return "medium";
	case 1:
		return "high";
	default:
		snprintf(buf, len, "%u", pref);
		return buf;
	}
}

/* The reference writes a mark of one hex digit in decimal. */
static void print_mark(uint32_t mark)
{
	pr_uint("mark", mark < 16 ? "mark %u " : "mark 0x%x ", mark);
}

void route_print(const struct nlmsghdr *nlh, const struct route_filter *f)
{
	const struct rtmsg *r = nl_msg_payload(nlh, sizeof(*r));
	const struct nlattr *tb[RTA_MAX + 1];
	int family;
	uint32_t table;
	char buf[64];

	if (!r)
		return;
	nl_attr_parse_msg(nlh, sizeof(*r), tb, RTA_MAX, rta_policy);
	family = r->rtm_family;
	table = route_table(r, tb);

	pr_open_object(NULL);
	if (r->rtm_type != RTN_UNICAST || ipo.details)
		pr_string("type", "%s ", type_format(r->rtm_type, buf, sizeof(buf)));
	print_prefix("dst", "", family, r->rtm_dst_len, tb[RTA_DST]);
	print_prefix("from", "from ", family, r->rtm_src_len, tb[RTA_SRC]);
	if (r->rtm_tos && !f->has_tos)
		pr_string("tos", "tos %s ", names_format(NT_DSFIELD, r->rtm_tos, buf, sizeof(buf)));
	if (tb[RTA_NH_ID])
		pr_uint("nhid", "nhid %u ", mnl_attr_get_u32(tb[RTA_NH_ID]));
	if (tb[RTA_NEWDST])
		pr_string("as", "as to %s ", attr_addr(family, tb[RTA_NEWDST], buf, sizeof(buf)));
	if (tb[RTA_ENCAP])
		print_encap(tb[RTA_ENCAP_TYPE], tb[RTA_ENCAP]);
	if (tb[RTA_GATEWAY] && f->via.bitlen != (int)host_bits(family)) {
		pr_text("via ");
		print_color_addr("gateway", family, tb[RTA_GATEWAY]);
	}
	if (tb[RTA_VIA])
		print_via(tb[RTA_VIA]);
	if (tb[RTA_OIF] && !f->oif) {
		pr_text("dev ");
		print_color_dev("dev", tb[RTA_OIF]);
	}
	if ((table != RT_TABLE_MAIN || ipo.details) && !f->table)
		pr_string("table", "table %s ", names_format(NT_TABLES, table, buf, sizeof(buf)));
	if (!(r->rtm_flags & RTM_F_CLONED)) {
		if ((r->rtm_protocol != RTPROT_BOOT || ipo.details) && !f->has_protocol)
			pr_string("protocol", "proto %s ",
				  names_format(NT_PROTOS, r->rtm_protocol, buf, sizeof(buf)));
		if ((r->rtm_scope != RT_SCOPE_UNIVERSE || ipo.details) && !f->has_scope)
			pr_string("scope", "scope %s ",
				  names_format(NT_SCOPES, r->rtm_scope, buf, sizeof(buf)));
	}
	if (tb[RTA_PREFSRC] && f->prefsrc.bitlen != (int)host_bits(family)) {
		pr_text("src ");
		print_color_addr("prefsrc", family, tb[RTA_PREFSRC]);
	}
	if (tb[RTA_PRIORITY] && !f->has_metric)
		pr_uint("metric", "metric %u ", mnl_attr_get_u32(tb[RTA_PRIORITY]));
	print_flags(r->rtm_flags);
	if (tb[RTA_MARK])
		print_mark(mnl_attr_get_u32(tb[RTA_MARK]));
	if (tb[RTA_FLOW] && !f->has_realms)
		print_realms(mnl_attr_get_u32(tb[RTA_FLOW]));
	if (tb[RTA_UID])
		pr_uint("uid", "uid %u ", mnl_attr_get_u32(tb[RTA_UID]));
	if (family == AF_INET && (r->rtm_flags & RTM_F_CLONED)) {
		print_cache_flags(r->rtm_flags);
		if (tb[RTA_CACHEINFO])
			print_cacheinfo(tb[RTA_CACHEINFO]);
	} else if (family == AF_INET6 && tb[RTA_CACHEINFO]) {
		print_cacheinfo(tb[RTA_CACHEINFO]);
	}
	if (tb[RTA_METRICS])
		print_metrics(tb[RTA_METRICS]);
	if (tb[RTA_IIF] && !f->iif) {
		pr_text("iif ");
		print_color_dev("iif", tb[RTA_IIF]);
	}
	if (tb[RTA_PREF])
		pr_string("pref", "pref %s", pref_name(mnl_attr_get_u8(tb[RTA_PREF]), buf,
						      sizeof(buf)));
	if (tb[RTA_NH_ID] && ipo.details)
		nexthop_print_info(mnl_attr_get_u32(tb[RTA_NH_ID]));
	if (tb[RTA_MULTIPATH])
		print_nexthops(family, tb[RTA_MULTIPATH]);
	if (tb[RTA_TTL_PROPAGATE])
		pr_string("ttl-propagate", "ttl-propagate %s ",
			  mnl_attr_get_u8(tb[RTA_TTL_PROPAGATE]) ? "enabled" : "disabled");
	pr_close_object();
	pr_text("\n");
}
