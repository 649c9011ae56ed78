// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip monitor: print the kernel's rtnetlink notifications as they come, or
 * the messages rtmon(8) saved in a file, each as the show command of its
 * object prints it, with "Deleted " ahead of a removal.
 *
 * The text is the reference's to the byte, which shapes a few things:
 * the name a device had when the monitor first saw it stays its name
 * after a rename; and what leads an event (its time, namespace and
 * "[KIND]") is printed even when `dev` leaves the event out.
 *
 * The reference's monitor writes text even under -j.  Ours writes JSON
 * records then (pr_config.records): each event one object on a line of
 * its own, the show command's object for it with the lead's members,
 * and nothing for an event `dev` leaves out.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netconf.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "address.h"
#include "ip.h"
#include "link.h"
#include "nexthop.h"
#include "route.h"

/* The objects a monitor can follow. */
enum {
	MON_LINK = 1 << 0,
	MON_ADDRESS = 1 << 1,
	MON_ROUTE = 1 << 2,
	MON_MROUTE = 1 << 3,
	MON_PREFIX = 1 << 4,
	MON_NEIGH = 1 << 5,
	MON_NETCONF = 1 << 6,
	MON_RULE = 1 << 7,
	MON_NSID = 1 << 8,
	MON_NEXTHOP = 1 << 9,
	MON_STATS = 1 << 10,
	MON_ALL = (1 << 11) - 1,
};

/*
 * The object words that may be abbreviated, in the order the reference
 * tries them after "file" and "label": "a" is address, "n" neigh, "r"
 * route.
 */
static const struct {
	const char *word;
	unsigned int object;
} object_words[] = {
	{ "link", MON_LINK },	    { "address", MON_ADDRESS }, { "route", MON_ROUTE },
	{ "mroute", MON_MROUTE },   { "prefix", MON_PREFIX },	{ "neigh", MON_NEIGH },
	{ "netconf", MON_NETCONF }, { "rule", MON_RULE },	{ "nsid", MON_NSID },
	{ "nexthop", MON_NEXTHOP },
};

/*
 * The multicast groups of each object; a group of one family is joined
 * only when no family or that family was asked for (-4, -6, -M).
 */
static const struct {
	unsigned int object;
	unsigned int group;
	int family;
	const char *name;	/* for the error when it cannot be joined */
} object_groups[] = {
	{ MON_LINK, RTNLGRP_LINK, AF_UNSPEC, "link" },
	{ MON_ADDRESS, RTNLGRP_IPV4_IFADDR, AF_INET, "address" },
	{ MON_ADDRESS, RTNLGRP_IPV6_IFADDR, AF_INET6, "address" },
	{ MON_ROUTE, RTNLGRP_IPV4_ROUTE, AF_INET, "route" },
	{ MON_ROUTE, RTNLGRP_IPV6_ROUTE, AF_INET6, "route" },
	{ MON_ROUTE, RTNLGRP_MPLS_ROUTE, AF_MPLS, "route" },
	{ MON_MROUTE, RTNLGRP_IPV4_MROUTE, AF_INET, "mroute" },
	{ MON_MROUTE, RTNLGRP_IPV6_MROUTE, AF_INET6, "mroute" },
	{ MON_PREFIX, RTNLGRP_IPV6_PREFIX, AF_INET6, "prefix" },
	{ MON_NEIGH, RTNLGRP_NEIGH, AF_UNSPEC, "neigh" },
	{ MON_NETCONF, RTNLGRP_IPV4_NETCONF, AF_INET, "netconf" },
	{ MON_NETCONF, RTNLGRP_IPV6_NETCONF, AF_INET6, "netconf" },
	{ MON_NETCONF, RTNLGRP_MPLS_NETCONF, AF_MPLS, "netconf" },
	{ MON_RULE, RTNLGRP_IPV4_RULE, AF_INET, "rule" },
	{ MON_RULE, RTNLGRP_IPV6_RULE, AF_INET6, "rule" },
	{ MON_NSID, RTNLGRP_NSID, AF_UNSPEC, "nsid" },
	{ MON_NEXTHOP, RTNLGRP_NEXTHOP, AF_UNSPEC, "nexthop" },
	{ MON_STATS, RTNLGRP_STATS, AF_UNSPEC, "stats" },
};

/*
 * The flags of a prefix event (struct prefixmsg's prefix_flags), which the
 * kernel defines outside its uapi headers.
 */
#define MON_PREFIX_ONLINK 0x01
#define MON_PREFIX_AUTOCONF 0x02

/* The type rtmon(8) gives the time it writes into its file. */
#define MON_FILE_TIMESTAMP 15

/* The legacy group bitmask of bind() reaches the groups below 32. */
#define MON_LEGACY_GROUPS 32

/* An event that came with no namespace id: from our own namespace. */
#define MON_NSID_CURRENT (-1)

/* The largest message the reference reads from a recording of rtmon(8). */
#define MON_FILE_MSG_MAX 16384

/*
 * The receive buffer for one datagram of notifications: the kernel sizes
 * a notification to its message, which for a link with many VFs runs
 * far past a page.
 */
#define MON_RECV_SIZE (1024 * 1024)

static struct {
	unsigned int ifindex;	/* dev NAME, or 0 */
	bool label;		/* "[LINK]" ahead of each event */
	bool all_nsid;		/* "[nsid N]" ahead of each event */
} mon;

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip monitor [ all | OBJECTS ] [ FILE ] [ label ] [ all-nsid ]\n"
	      "                  [ dev DEVICE ]\n"
	      "OBJECTS :=  address | link | mroute | neigh | netconf |\n"
	      "            nexthop | nsid | prefix | route | rule | stats\n"
	      "FILE := file FILENAME\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

/* asctime()'s layout of a time, the day of the month padded with a blank. */
#define MON_ASCTIME_FORMAT "%a %b %e %H:%M:%S %Y"

/* A local time to the microsecond as -ts writes it, which JSON takes too. */
static const char *format_time(const struct tm *tm, unsigned long usec, char *buf, size_t len)
{
	char secs[32];

	strftime(secs, sizeof(secs), "%Y-%m-%dT%H:%M:%S", tm);
	snprintf(buf, len, "%s.%06lu", secs, usec);
	return buf;
}

/* The time of an event: -t a line of its own, -ts a prefix. */
static void print_time(void)
{
	struct timeval tv;
	struct tm tm;
	char text[64], stamp[64];

	gettimeofday(&tv, NULL);
	localtime_r(&tv.tv_sec, &tm);
	format_time(&tm, (unsigned long)tv.tv_usec, stamp, sizeof(stamp));
	if (ipo.timestamp == 2) {
		pr_string("time", "[%s] ", stamp);
		return;
	}
	pr_string("time", NULL, stamp);
	strftime(text, sizeof(text), MON_ASCTIME_FORMAT, &tm);
	pr_text("Timestamp: %s %ld usec\n", text, (long)tv.tv_usec);
}

/* The members of an event's time and namespace, inside its record in JSON. */
static void print_time_nsid(bool all_nsid, int nsid)
{
	if (ipo.timestamp)
		print_time();
	if (!all_nsid)
		return;
	if (nsid < 0)
		pr_string("netnsid", "[nsid %s]", "current");
	else
		pr_int("netnsid", "[nsid %d]", nsid);
}

void ip_monitor_lead(bool all_nsid, int nsid)
{
	print_time_nsid(all_nsid, nsid);
}

/* The time rtmon(8) recorded, a message (and a record) of its own. */
static void print_file_time(const struct nlmsghdr *nlh)
{
	const uint32_t *stamp = nl_msg_payload(nlh, 2 * sizeof(uint32_t));
	time_t secs;
	struct tm tm;
	char text[64];

	if (!stamp)
		return;
	secs = (time_t)stamp[0];
	localtime_r(&secs, &tm);
	pr_open_object(NULL);
	pr_string("object", NULL, "timestamp");
	pr_string("time", NULL, format_time(&tm, stamp[1], text, sizeof(text)));
	strftime(text, sizeof(text), MON_ASCTIME_FORMAT, &tm);
	pr_text("Timestamp: %s %u us\n", text, stamp[1]);
	pr_close_object();
}

static void print_deleted(bool deleted)
{
	if (deleted)
		pr_flag("deleted", "Deleted ");
}

/*
 * Each kind of event has a test, whether `dev` (or a family) lets the
 * event through, and a printer, which may trust what the test checked.
 */
static bool link_passes(const struct nlmsghdr *nlh)
{
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));

	return ifi && (!mon.ifindex || (unsigned int)ifi->ifi_index == mon.ifindex);
}

static void link_event(const struct nlmsghdr *nlh)
{
	print_deleted(nlh->nlmsg_type == RTM_DELLINK);
	link_print_open(nlh, LINK_SHOW_MONITOR);
	link_print_close(nlh, LINK_SHOW_MONITOR);
}

static bool address_passes(const struct nlmsghdr *nlh)
{
	const struct ifaddrmsg *ifa = nl_msg_payload(nlh, sizeof(*ifa));

	return ifa && (!mon.ifindex || ifa->ifa_index == mon.ifindex);
}

static void address_event(const struct nlmsghdr *nlh)
{
	print_deleted(nlh->nlmsg_type == RTM_DELADDR);
	address_print_msg(nlh);
}

static bool route_passes(const struct nlmsghdr *nlh)
{
	const struct route_filter filter = { .oif = mon.ifindex };

	return route_filter_match(&filter, nlh);
}

static void route_event(const struct nlmsghdr *nlh)
{
	const struct route_filter filter = { .oif = mon.ifindex };

	/* -d shows a route's nexthop object: read them when first needed. */
	if (ipo.details)
		nexthop_info_load();
	print_deleted(nlh->nlmsg_type == RTM_DELROUTE);
	route_print(nlh, &filter);
}

static const struct nl_attr_policy mroute_policy[RTA_MAX + 1] = {
	[RTA_DST] = { .kind = NLA_BINARY, .min_len = 4 },
	[RTA_SRC] = { .kind = NLA_BINARY, .min_len = 4 },
	[RTA_IIF] = { .kind = NLA_U32 },
	[RTA_MULTIPATH] = { .kind = NLA_BINARY },
	[RTA_TABLE] = { .kind = NLA_U32 },
	[RTA_MFC_STATS] = { .kind = NLA_BINARY, .min_len = sizeof(struct rta_mfc_stats) },
	[RTA_EXPIRES] = { .kind = NLA_U64 },
};

/* "(SOURCE,GROUP)" of a multicast route, "unknown" for what it lacks. */
static const char *mroute_pair(int family, const struct nlattr **tb, char *buf, size_t len)
{
	char src[64], grp[64];

	if (tb[RTA_SRC])
		addr_format(family, mnl_attr_get_payload(tb[RTA_SRC]),
			    mnl_attr_get_payload_len(tb[RTA_SRC]), src, sizeof(src));
	if (tb[RTA_DST])
		addr_format(family, mnl_attr_get_payload(tb[RTA_DST]),
			    mnl_attr_get_payload_len(tb[RTA_DST]), grp, sizeof(grp));
	/* The reference ends an unknown group with a blank of its own. */
	snprintf(buf, len, "(%s,%s%s", tb[RTA_SRC] ? src : "unknown", tb[RTA_DST] ? grp : "unknown",
		 tb[RTA_DST] ? ")" : ") ");
	return buf;
}

/* The interfaces a multicast route forwards to, with their TTL thresholds. */
static void print_mroute_oifs(const struct nlattr *multipath)
{
	const struct rtnexthop *nh = mnl_attr_get_payload(multipath);
	size_t left = mnl_attr_get_payload_len(multipath);
	bool first = true;
	char buf[64];

	pr_open_array("multipath", NULL);
	while (left >= sizeof(*nh) && nh->rtnh_len >= sizeof(*nh) && nh->rtnh_len <= left) {
		pr_open_object(NULL);
		if (first)
			pr_text("Oifs: ");
		first = false;
		pr_color_string(PR_C_IFNAME, "oif", "%s",
				ifcache_name_or_num((unsigned int)nh->rtnh_ifindex, buf, sizeof(buf)));
		if (nh->rtnh_hops > 1)
			pr_uint("ttl", "(ttl %u) ", nh->rtnh_hops);
		else
			pr_text(" ");
		pr_close_object();
		if ((size_t)RTNH_ALIGN(nh->rtnh_len) >= left)
			break;
		left -= (size_t)RTNH_ALIGN(nh->rtnh_len);
		nh = RTNH_NEXT(nh);
	}
	pr_close_array(NULL);
}

/* Only multicast routes arriving on `dev`; the message's header was checked. */
static bool mroute_passes(const struct nlmsghdr *nlh)
{
	const struct rtmsg *rtm = nl_msg_payload(nlh, sizeof(*rtm));
	const struct nlattr *tb[RTA_MAX + 1];

	if (rtm->rtm_type != RTN_MULTICAST) {
		fprintf(stderr,
			"Non multicast route received, kernel does support IP multicast?\n");
		return false;
	}
	if (!mon.ifindex)
		return true;
	nl_attr_parse_msg(nlh, sizeof(*rtm), tb, RTA_MAX, mroute_policy);
	return tb[RTA_IIF] && mnl_attr_get_u32(tb[RTA_IIF]) == mon.ifindex;
}

/* A multicast forwarding cache entry, as `ip mroute` lists it. */
static void mroute_event(const struct nlmsghdr *nlh)
{
	const struct rtmsg *rtm = nl_msg_payload(nlh, sizeof(*rtm));
	const struct nlattr *tb[RTA_MAX + 1];
	int family = rtm->rtm_family == RTNL_FAMILY_IPMR ? AF_INET : AF_INET6;
	uint32_t table;
	char buf[160];

	nl_attr_parse_msg(nlh, sizeof(*rtm), tb, RTA_MAX, mroute_policy);
	table = tb[RTA_TABLE] ? mnl_attr_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
	pr_open_object(NULL);
	print_deleted(nlh->nlmsg_type == RTM_DELROUTE);
	pr_string("route", "%-32s ", mroute_pair(family, tb, buf, sizeof(buf)));
	if (tb[RTA_IIF])
		pr_color_string(PR_C_IFNAME, "iif", "Iif: %-10s ",
				ifcache_name_or_num(mnl_attr_get_u32(tb[RTA_IIF]), buf, sizeof(buf)));
	else
		pr_string("iif", "Iif: %s ", "unresolved");
	if (tb[RTA_MULTIPATH])
		print_mroute_oifs(tb[RTA_MULTIPATH]);
	pr_string("state", " State: %s",
		  (rtm->rtm_flags & RTNH_F_UNRESOLVED) ? "unresolved" : "resolved");
	if (rtm->rtm_flags & RTNH_F_OFFLOAD)
		pr_null("offload", " offload");
	if (ipo.stats && tb[RTA_MFC_STATS]) {
		struct rta_mfc_stats stats;

		memcpy(&stats, mnl_attr_get_payload(tb[RTA_MFC_STATS]), sizeof(stats));
		pr_nl();
		pr_u64("packets", "  %llu packets,", (unsigned long long)stats.mfcs_packets);
		pr_u64("bytes", " %llu bytes", (unsigned long long)stats.mfcs_bytes);
		if (stats.mfcs_wrong_if)
			pr_u64("wrong_if", ", %llu arrived on wrong iif.",
			       (unsigned long long)stats.mfcs_wrong_if);
	}
	if (ipo.stats && tb[RTA_EXPIRES]) {
		/* Clock ticks of USER_HZ, shown in seconds. */
		long hz = sysconf(_SC_CLK_TCK);
		char age[32];

		snprintf(age, sizeof(age), "%.2f",
			 (double)mnl_attr_get_u64(tb[RTA_EXPIRES]) / (hz > 0 ? hz : 100));
		pr_number("expires", ", Age %s", age);
	}
	if (table && (table != RT_TABLE_MAIN || ipo.details))
		pr_string("table", " Table: %s", names_format(NT_TABLES, table, buf, sizeof(buf)));
	pr_text("\n");
	pr_close_object();
}

/* The family was checked before the lead, as the reference does. */
static bool neigh_passes(const struct nlmsghdr *nlh)
{
	const struct ndmsg *ndm = nl_msg_payload(nlh, sizeof(*ndm));

	return !mon.ifindex || (unsigned int)ndm->ndm_ifindex == mon.ifindex;
}

static void neigh_event(const struct nlmsghdr *nlh)
{
	print_deleted(nlh->nlmsg_type == RTM_DELNEIGH);
	/* The kernel asks a resolving daemon (app_solicit) for the address. */
	if (nlh->nlmsg_type == RTM_GETNEIGH)
		pr_null("miss", "miss ");
	neigh_print_msg(nlh, mon.ifindex);
}

static const struct nl_attr_policy netconf_policy[NETCONFA_MAX + 1] = {
	[NETCONFA_IFINDEX] = { .kind = NLA_U32 },
	[NETCONFA_FORWARDING] = { .kind = NLA_U32 },
	[NETCONFA_RP_FILTER] = { .kind = NLA_U32 },
	[NETCONFA_MC_FORWARDING] = { .kind = NLA_U32 },
	[NETCONFA_PROXY_NEIGH] = { .kind = NLA_U32 },
	[NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN] = { .kind = NLA_U32 },
	[NETCONFA_INPUT] = { .kind = NLA_U32 },
};

static void print_netconf_switch(const struct nlattr *attr, const char *key, const char *fmt)
{
	if (attr)
		pr_string(key, fmt, mnl_attr_get_u32(attr) ? "on" : "off");
}

/* The settings of `dev`, or of no device in particular. */
static bool netconf_passes(const struct nlmsghdr *nlh)
{
	const struct netconfmsg *ncm = nl_msg_payload(nlh, sizeof(*ncm));
	const struct nlattr *tb[NETCONFA_MAX + 1];

	if (!ncm)
		return false;
	if (!mon.ifindex)
		return true;
	nl_attr_parse_msg(nlh, sizeof(*ncm), tb, NETCONFA_MAX, netconf_policy);
	return !tb[NETCONFA_IFINDEX] || mnl_attr_get_u32(tb[NETCONFA_IFINDEX]) == mon.ifindex;
}

/* A device's forwarding settings of one family, as `ip netconf` lists them. */
static void netconf_event(const struct nlmsghdr *nlh)
{
	static const char *const rp_filter_modes[] = { "off", "strict", "loose" };
	const struct netconfmsg *ncm = nl_msg_payload(nlh, sizeof(*ncm));
	const struct nlattr *tb[NETCONFA_MAX + 1];
	char buf[32];

	nl_attr_parse_msg(nlh, sizeof(*ncm), tb, NETCONFA_MAX, netconf_policy);
	pr_open_object(NULL);
	print_deleted(nlh->nlmsg_type == RTM_DELNETCONF);
	pr_string("family", "%s ", family_name(ncm->ncm_family));
	if (tb[NETCONFA_IFINDEX]) {
		int ifindex = (int)mnl_attr_get_u32(tb[NETCONFA_IFINDEX]);

		if (ifindex == NETCONFA_IFINDEX_ALL)
			pr_string("interface", "%s ", "all");
		else if (ifindex == NETCONFA_IFINDEX_DEFAULT)
			pr_string("interface", "%s ", "default");
		else
			pr_color_string(PR_C_IFNAME, "interface", "%s ",
					ifcache_name_or_num((unsigned int)ifindex, buf,
							    sizeof(buf)));
	}
	print_netconf_switch(tb[NETCONFA_FORWARDING], "forwarding", "forwarding %s ");
	if (tb[NETCONFA_RP_FILTER]) {
		uint32_t mode = mnl_attr_get_u32(tb[NETCONFA_RP_FILTER]);

		pr_string("rp_filter", "rp_filter %s ",
			  mode < ARRAY_SIZE(rp_filter_modes) ? rp_filter_modes[mode] :
							       "unknown mode");
	}
	print_netconf_switch(tb[NETCONFA_MC_FORWARDING], "mc_forwarding", "mc_forwarding %s ");
	print_netconf_switch(tb[NETCONFA_PROXY_NEIGH], "proxy_neigh", "proxy_neigh %s ");
	print_netconf_switch(tb[NETCONFA_IGNORE_ROUTES_WITH_LINKDOWN],
			     "ignore_routes_with_linkdown", "ignore_routes_with_linkdown %s ");
	print_netconf_switch(tb[NETCONFA_INPUT], "input", "input %s ");
	pr_close_object();
	pr_text("\n");
}

static const struct nl_attr_policy prefix_policy[PREFIX_MAX + 1] = {
	[PREFIX_ADDRESS] = { .kind = NLA_BINARY, .min_len = 16 },
	[PREFIX_CACHEINFO] = { .kind = NLA_BINARY, .min_len = sizeof(struct prefix_cacheinfo) },
};

static bool prefix_passes(const struct nlmsghdr *nlh)
{
	const struct prefixmsg *pm = nl_msg_payload(nlh, sizeof(*pm));

	if (!pm || (ipo.family != AF_UNSPEC && ipo.family != AF_INET6))
		return false;
	if (pm->prefix_family != AF_INET6) {
		fprintf(stderr, "incorrect protocol family: %d\n", pm->prefix_family);
		return false;
	}
	if (pm->prefix_type != 3 /* ND_OPT_PREFIX_INFORMATION */) {
		fprintf(stderr, "wrong ND type %d\n", pm->prefix_type);
		return false;
	}
	return true;
}

/*
 * An IPv6 prefix a router advertised.  The reference leaves no blank
 * between the prefix and "dev": so do we.
 */
static void prefix_event(const struct nlmsghdr *nlh)
{
	const struct prefixmsg *pm = nl_msg_payload(nlh, sizeof(*pm));
	const struct nlattr *tb[PREFIX_MAX + 1];
	char buf[64];

	nl_attr_parse_msg(nlh, sizeof(*pm), tb, PREFIX_MAX, prefix_policy);
	pr_open_object(NULL);
	if (tb[PREFIX_ADDRESS]) {
		pr_string("prefix", "prefix %s",
			  addr_format(AF_INET6, mnl_attr_get_payload(tb[PREFIX_ADDRESS]), 16, buf,
				      sizeof(buf)));
		pr_uint("prefixlen", "/%u", pm->prefix_len);
	}
	pr_string("dev", "dev %s ", ifcache_name_or_num((unsigned int)pm->prefix_ifindex, buf,
							   sizeof(buf)));
	if (pm->prefix_flags & MON_PREFIX_ONLINK)
		pr_flag("onlink", "onlink ");
	if (pm->prefix_flags & MON_PREFIX_AUTOCONF)
		pr_flag("autoconf", "autoconf ");
	if (tb[PREFIX_CACHEINFO]) {
		const struct prefix_cacheinfo *ci = mnl_attr_get_payload(tb[PREFIX_CACHEINFO]);

		pr_uint("valid", "valid %u ", ci->valid_time);
		pr_uint("preferred", "preferred %u ", ci->preferred_time);
	}
	pr_close_object();
	pr_text("\n");
}

static const struct nl_attr_policy stats_policy[IFLA_STATS_MAX + 1] = {
	[IFLA_STATS_LINK_OFFLOAD_XSTATS] = { .kind = NLA_NESTED },
};

static const struct nl_attr_policy offload_policy[IFLA_OFFLOAD_XSTATS_MAX + 1] = {
	[IFLA_OFFLOAD_XSTATS_HW_S_INFO] = { .kind = NLA_NESTED },
};

/* The kinds of hardware counters in a "hw_s_info" nest, by index. */
static const struct nl_attr_policy hw_s_info_policy[IFLA_OFFLOAD_XSTATS_MAX + 1] = {
	[IFLA_OFFLOAD_XSTATS_L3_STATS] = { .kind = NLA_NESTED },
};

static const struct nl_attr_policy hw_s_info_one_policy[IFLA_OFFLOAD_XSTATS_HW_S_INFO_MAX + 1] = {
	[IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST] = { .kind = NLA_U8 },
	[IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED] = { .kind = NLA_U8 },
};

static void print_on_off(const char *key, const char *fmt, const struct nlattr *attr)
{
	if (attr)
		pr_string(key, fmt, mnl_attr_get_u8(attr) ? "on" : "off");
}

static bool stats_passes(const struct nlmsghdr *nlh)
{
	return nl_msg_payload(nlh, sizeof(struct if_stats_msg)) != NULL;
}

/*
 * A device's hardware (L3) counters switched on or off: whether they are
 * asked for and whether the device uses them, the one part of a stats
 * event the reference's monitor prints.
 */
static void stats_event(const struct nlmsghdr *nlh)
{
	const struct if_stats_msg *ifsm = nl_msg_payload(nlh, sizeof(*ifsm));
	const struct nlattr *tb[IFLA_STATS_MAX + 1];
	const struct nlattr *offload[IFLA_OFFLOAD_XSTATS_MAX + 1] = { 0 };
	const struct nlattr *kinds[IFLA_OFFLOAD_XSTATS_MAX + 1] = { 0 };
	const struct nlattr *l3[IFLA_OFFLOAD_XSTATS_HW_S_INFO_MAX + 1];
	char buf[32];

	nl_attr_parse_msg(nlh, sizeof(*ifsm), tb, IFLA_STATS_MAX, stats_policy);
	if (tb[IFLA_STATS_LINK_OFFLOAD_XSTATS])
		nl_attr_parse_nested(tb[IFLA_STATS_LINK_OFFLOAD_XSTATS], offload,
				     IFLA_OFFLOAD_XSTATS_MAX, offload_policy);
	pr_open_object(NULL);
	pr_uint("ifindex", "%u: ", ifsm->ifindex);
	pr_string("ifname", "%s:", ifcache_name_or_num(ifsm->ifindex, buf, sizeof(buf)));
	if (offload[IFLA_OFFLOAD_XSTATS_HW_S_INFO]) {
		pr_nl();
		nl_attr_parse_nested(offload[IFLA_OFFLOAD_XSTATS_HW_S_INFO], kinds,
				     IFLA_OFFLOAD_XSTATS_MAX, hw_s_info_policy);
	}
	if (kinds[IFLA_OFFLOAD_XSTATS_L3_STATS]) {
		nl_attr_parse_nested(kinds[IFLA_OFFLOAD_XSTATS_L3_STATS], l3,
				     IFLA_OFFLOAD_XSTATS_HW_S_INFO_MAX, hw_s_info_one_policy);
		pr_text("    l3_stats");
		pr_open_object("l3_stats");
		print_on_off("request", " %s", l3[IFLA_OFFLOAD_XSTATS_HW_S_INFO_REQUEST]);
		print_on_off("used", " used %s", l3[IFLA_OFFLOAD_XSTATS_HW_S_INFO_USED]);
		pr_close_object();
	}
	pr_close_object();
	/* The record ends as its lines break: with a backslash under -o. */
	pr_nl();
}

static void rule_event(const struct nlmsghdr *nlh)
{
	print_deleted(nlh->nlmsg_type == RTM_DELRULE);
	rule_print_msg(nlh);
}

static void nexthop_event(const struct nlmsghdr *nlh)
{
	print_deleted(nlh->nlmsg_type == RTM_DELNEXTHOP);
	nexthop_print_msg(nlh);
}

/* What an event is about, and how it is tested and printed. */
struct mon_kind {
	const char *label;	/* what leads it under label */
	const char *object;	/* JSON "object": the word that asks for it */
	bool (*passes)(const struct nlmsghdr *nlh);	/* NULL: any event */
	void (*print)(const struct nlmsghdr *nlh);
};

static const struct mon_kind kind_link = { "[LINK]", "link", link_passes, link_event };
static const struct mon_kind kind_address = { "[ADDR]", "address", address_passes, address_event };
static const struct mon_kind kind_route = { "[ROUTE]", "route", route_passes, route_event };
static const struct mon_kind kind_mroute = { "[MROUTE]", "mroute", mroute_passes, mroute_event };
static const struct mon_kind kind_prefix = { "[PREFIX]", "prefix", prefix_passes, prefix_event };
static const struct mon_kind kind_neigh = { "[NEIGH]", "neigh", neigh_passes, neigh_event };
static const struct mon_kind kind_netconf = { "[NETCONF]", "netconf", netconf_passes,
					      netconf_event };
static const struct mon_kind kind_rule = { "[RULE]", "rule", NULL, rule_event };
static const struct mon_kind kind_nsid = { "[NSID]", "nsid", NULL, netns_print_nsid };
static const struct mon_kind kind_nexthop = { "[NEXTHOP]", "nexthop", NULL, nexthop_event };
static const struct mon_kind kind_stats = { "[STATS]", "stats", stats_passes, stats_event };

/*
 * The lead of an event (its time, namespace and kind), then the event
 * itself if `dev` and the family let it through: the text keeps the lead
 * of an event left out, as the reference's; a JSON record is an event
 * whole or nothing.  Returns whether it printed the event.
 */
static bool print_event(const struct mon_kind *kind, const struct nlmsghdr *nlh, int nsid)
{
	bool passes = !kind->passes || kind->passes(nlh);

	if (!passes && pr_json())
		return false;
	pr_open_object(NULL);
	print_time_nsid(mon.all_nsid, nsid);
	pr_string("object", NULL, kind->object);
	if (mon.label)
		pr_text("%s", kind->label);
	if (passes)
		kind->print(nlh);
	pr_close_object();
	return passes;
}

/*
 * One message, received or read from a file; @nsid is where it comes from.
 * Returns whether it printed an event.
 */
static bool monitor_event(const struct nlmsghdr *nlh, int nsid)
{
	const struct rtmsg *rtm;
	const struct ndmsg *ndm;

	switch (nlh->nlmsg_type) {
	case RTM_NEWROUTE:
	case RTM_DELROUTE:
		rtm = nl_msg_payload(nlh, sizeof(*rtm));
		/* The routing cache's clones are no change of the tables. */
		if (!rtm || (rtm->rtm_flags & RTM_F_CLONED))
			return false;
		if (rtm->rtm_family == RTNL_FAMILY_IPMR || rtm->rtm_family == RTNL_FAMILY_IP6MR)
			return print_event(&kind_mroute, nlh, nsid);
		return print_event(&kind_route, nlh, nsid);
	case RTM_NEWNEXTHOP:
	case RTM_DELNEXTHOP:
		/* The objects routes show under -d changed: read them again. */
		nexthop_info_forget();
		return print_event(&kind_nexthop, nlh, nsid);
	case RTM_NEWLINK:
	case RTM_DELLINK:
		link_monitor_learn(nlh);
		return print_event(&kind_link, nlh, nsid);
	case RTM_NEWADDR:
	case RTM_DELADDR:
		return print_event(&kind_address, nlh, nsid);
	case RTM_NEWNEIGH:
	case RTM_DELNEIGH:
	case RTM_GETNEIGH:
		ndm = nl_msg_payload(nlh, sizeof(*ndm));
		if (!ndm || (ipo.family != AF_UNSPEC && ndm->ndm_family != ipo.family))
			return false;
		return print_event(&kind_neigh, nlh, nsid);
	case RTM_NEWPREFIX:
		return print_event(&kind_prefix, nlh, nsid);
	case RTM_NEWRULE:
	case RTM_DELRULE:
		return print_event(&kind_rule, nlh, nsid);
	case MON_FILE_TIMESTAMP:
		print_file_time(nlh);
		return false;
	case RTM_NEWNETCONF:
	case RTM_DELNETCONF:
		return print_event(&kind_netconf, nlh, nsid);
	case RTM_NEWNSID:
	case RTM_DELNSID:
		return print_event(&kind_nsid, nlh, nsid);
	case RTM_NEWSTATS:
		return print_event(&kind_stats, nlh, nsid);
	case NLMSG_ERROR:
	case NLMSG_NOOP:
	case NLMSG_DONE:
		return false;
	default:
		fprintf(stderr, "Unknown message: type=0x%08x(%u) flags=0x%08x(%u) len=0x%08x(%u)\n",
			nlh->nlmsg_type, nlh->nlmsg_type, nlh->nlmsg_flags, nlh->nlmsg_flags,
			nlh->nlmsg_len, nlh->nlmsg_len);
		return false;
	}
}

/*
 * Each event reaches a reader (a pipe, a log) as it happens.  The lead of
 * an event that `dev` left out waits in the buffer for the next printed
 * one, as in the reference, whose printers flush only what they printed.
 */
static void monitor_msg(const struct nlmsghdr *nlh, int nsid)
{
	if (monitor_event(nlh, nsid))
		fflush(stdout);
}

/*
 * The messages rtmon(8) saved: each whole, padded to 4 bytes.  Returns the
 * exit status: 0 at the end of the file, 1 when it ends inside a message
 * or holds one that cannot be, reported in the reference's words (which
 * spell its reader both "rtnl_from_file" and "rtnl-from_file").
 */
static int monitor_file(const char *path)
{
	static union {
		struct nlmsghdr nlh;
		char buf[MON_FILE_MSG_MAX];
	} msg;
	FILE *f = fopen(path, "re");
	int status = 0;

	if (!f) {
		perror("Cannot fopen");
		exit(IP_EXIT_USAGE);
	}
	for (;;) {
		size_t got = fread(&msg.nlh, 1, sizeof(msg.nlh), f), body;

		if (got == 0 && feof(f))
			break;
		if (got != sizeof(msg.nlh)) {
			if (ferror(f))
				perror("rtnl_from_file: fread");
			if (feof(f))
				fprintf(stderr, "rtnl-from_file: truncated message\n");
			status = 1;
			break;
		}
		if (msg.nlh.nlmsg_len < sizeof(msg.nlh) || msg.nlh.nlmsg_len > sizeof(msg.buf)) {
			fprintf(stderr, "!!!malformed message: len=%d @%ld\n", (int)msg.nlh.nlmsg_len,
				ftell(f));
			status = 1;
			break;
		}
		body = NLMSG_ALIGN(msg.nlh.nlmsg_len - sizeof(msg.nlh));
		got = fread(msg.buf + sizeof(msg.nlh), 1, body, f);
		if (ferror(f)) {
			perror("rtnl_from_file: fread");
			status = 1;
			break;
		}
		if (got != body) {
			fprintf(stderr, "rtnl-from_file: truncated message\n");
			status = 1;
			break;
		}
		monitor_msg(&msg.nlh, MON_NSID_CURRENT);
	}
	fclose(f);
	return status;
}

/* The namespace id the kernel attached to a datagram (all-nsid), if any. */
static int datagram_nsid(struct msghdr *msg)
{
	struct cmsghdr *cmsg;
	int nsid = MON_NSID_CURRENT;

	for (cmsg = CMSG_FIRSTHDR(msg); cmsg; cmsg = CMSG_NXTHDR(msg, cmsg))
		if (cmsg->cmsg_level == SOL_NETLINK && cmsg->cmsg_type == NETLINK_LISTEN_ALL_NSID)
			memcpy(&nsid, CMSG_DATA(cmsg), sizeof(nsid));
	return nsid;
}

/*
 * When the kernel had to drop notifications because the receive buffer
 * was full (ENOBUFS), say so as the reference does and go on: the events
 * after the loss still come.
 */
int ip_monitor_listen(struct nl_sock *s, void (*msg_fn)(const struct nlmsghdr *nlh, int nsid))
{
	char *buf = xmalloc(MON_RECV_SIZE);
	union {
		struct cmsghdr align;
		char buf[CMSG_SPACE(sizeof(int))];
	} control;
	struct iovec iov = { .iov_base = buf, .iov_len = MON_RECV_SIZE };

	for (;;) {
		struct msghdr msg = {
			.msg_iov = &iov,
			.msg_iovlen = 1,
			.msg_control = control.buf,
			.msg_controllen = sizeof(control.buf),
		};
		const struct nlmsghdr *nlh;
		ssize_t n = recvmsg(nl_fd(s), &msg, 0);
		int len, nsid, err = errno;

		if (n < 0) {
			if (err == EINTR || err == EAGAIN)
				continue;
			fprintf(stderr, "netlink receive error %s (%d)\n", strerror(err), err);
			if (err == ENOBUFS)
				continue;
			break;
		}
		if (n == 0) {
			fprintf(stderr, "EOF on netlink\n");
			break;
		}
		nsid = datagram_nsid(&msg);
		len = (int)n;
		for (nlh = (const struct nlmsghdr *)buf; nl_msg_ok(nlh, len);
		     nlh = mnl_nlmsg_next(nlh, &len))
			msg_fn(nlh, nsid);
	}
	free(buf);
	return 2;
}

void ip_monitor_all_nsid(struct nl_sock *s)
{
	int on = 1;

	if (setsockopt(nl_fd(s), SOL_NETLINK, NETLINK_LISTEN_ALL_NSID, &on, sizeof(on)) < 0) {
		perror("setsockopt(NETLINK_LISTEN_ALL_NSID)");
		exit(1);
	}
}

/* Join the groups of @objects that the family allows; exits on failure. */
static struct nl_sock *monitor_open(unsigned int objects, unsigned int named)
{
	unsigned int legacy = 0;
	struct nl_sock *s;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(object_groups); i++)
		if ((objects & object_groups[i].object) && object_groups[i].group < MON_LEGACY_GROUPS &&
		    (ipo.family == AF_UNSPEC || object_groups[i].family == AF_UNSPEC ||
		     object_groups[i].family == ipo.family))
			legacy |= 1U << (object_groups[i].group - 1);
	s = ip_rtnl_open(legacy);
	for (i = 0; i < ARRAY_SIZE(object_groups); i++) {
		if (!(objects & object_groups[i].object) ||
		    object_groups[i].group < MON_LEGACY_GROUPS)
			continue;
		/* A kernel without the group fails only a monitor that named it. */
		if (nl_join_group(s, object_groups[i].group) < 0 &&
		    (named & object_groups[i].object)) {
			fprintf(stderr, "Failed to add %s group to list\n", object_groups[i].name);
			exit(1);
		}
	}
	if (mon.all_nsid)
		ip_monitor_all_nsid(s);
	return s;
}

static int learn_link(const struct nlmsghdr *nlh, void *data __attribute__((unused)))
{
	link_learn(nlh);
	return MNL_CB_OK;
}

/*
 * Learn every device's name and flags before the first event, as the
 * reference does: the names events print are those of this moment.
 */
static void learn_links(void)
{
	static const struct nl_dump_ops ops = { .msg = learn_link };
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *req = (struct nlmsghdr *)buf;

	nl_req_init(buf, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	mnl_attr_put_u32(req, IFLA_EXT_MASK, RTEXT_FILTER_VF);
	nl_dump(ip_rtnl(), req, &ops, NULL);
}

int do_monitor(int argc, char **argv)
{
	const char *file = NULL;
	unsigned int named = 0;
	struct pr_config cfg;
	struct nl_sock *s;
	int status;
	size_t i;

	for (; argc > 0; argc--, argv++) {
		const char *arg = *argv;

		if (matches(arg, "file")) {
			NEXT_ARG();
			file = *argv;
			continue;
		}
		if (matches(arg, "label")) {
			mon.label = true;
			continue;
		}
		for (i = 0; i < ARRAY_SIZE(object_words); i++)
			if (matches(arg, object_words[i].word))
				break;
		if (i < ARRAY_SIZE(object_words)) {
			named |= object_words[i].object;
		} else if (!strcmp(arg, "stats")) {
			named |= MON_STATS;
		} else if (!strcmp(arg, "all")) {
			mon.label = true;
		} else if (matches(arg, "all-nsid")) {
			mon.all_nsid = true;
		} else if (matches(arg, "help")) {
			usage();
		} else if (!strcmp(arg, "dev")) {
			NEXT_ARG();
			mon.ifindex = ifcache_index(*argv);
			if (!mon.ifindex)
				invarg("Device does not exist\n", *argv);
		} else {
			fprintf(stderr, "Argument \"%s\" is unknown, try \"ip monitor help\".\n",
				arg);
			exit(IP_EXIT_USAGE);
		}
	}

	/* -j: a record a line, which a reader takes as each event comes. */
	cfg = *ip_pr_config();
	cfg.records = cfg.json;
	pr_finish();
	pr_init(stdout, &cfg);

	if (file)
		return monitor_file(file);
	s = monitor_open(named ? named : MON_ALL, named);
	learn_links();
	status = ip_monitor_listen(s, monitor_msg);
	nl_close(s);
	return status;
}
