// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip route: add, change, replace, prepend, append, delete, show (list),
 * flush, get, save, restore, showdump and help.
 *
 * show streams the dump straight into the printer; flush reads the dump
 * once and deletes what it selected through the pipelined sender, without
 * ACKs as the reference sends them, then dumps again to see that nothing
 * is left, as the reference's rounds do.
 */
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/lwtunnel.h>
#include <linux/mpls_iptunnel.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "nexthop.h"
#include "route.h"

/* What `ip route save` writes before the raw route messages. */
#define ROUTE_DUMP_MAGIC 0x45311224U

/* The reference gives up a flush after this many rounds. */
#define FLUSH_MAX_ROUNDS 10

struct route_req {
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	};
};

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip route { list | flush } SELECTOR\n"
	      "       ip route save SELECTOR\n"
	      "       ip route restore\n"
	      "       ip route showdump\n"
	      "       ip route get [ ROUTE_GET_FLAGS ] ADDRESS\n"
	      "                            [ from ADDRESS iif STRING ]\n"
	      "                            [ oif STRING ] [ tos TOS ]\n"
	      "                            [ mark NUMBER ] [ vrf NAME ]\n"
	      "                            [ uid NUMBER ] [ ipproto PROTOCOL ]\n"
	      "                            [ sport NUMBER ] [ dport NUMBER ]\n"
	      "       ip route { add | del | change | append | replace } ROUTE\n"
	      "SELECTOR := [ root PREFIX ] [ match PREFIX ] [ exact PREFIX ]\n"
	      "            [ table TABLE_ID ] [ vrf NAME ] [ proto RTPROTO ]\n"
	      "            [ type TYPE ] [ scope SCOPE ]\n"
	      "ROUTE := NODE_SPEC [ INFO_SPEC ]\n"
	      "NODE_SPEC := [ TYPE ] PREFIX [ tos TOS ]\n"
	      "             [ table TABLE_ID ] [ proto RTPROTO ]\n"
	      "             [ scope SCOPE ] [ metric METRIC ]\n"
	      "             [ ttl-propagate { enabled | disabled } ]\n"
	      "INFO_SPEC := { NH | nhid ID } OPTIONS FLAGS [ nexthop NH ]...\n"
	      "NH := [ encap ENCAPTYPE ENCAPHDR ] [ via [ FAMILY ] ADDRESS ]\n"
	      "      [ dev STRING ] [ weight NUMBER ] NHFLAGS\n"
	      "FAMILY := [ inet | inet6 | mpls | bridge | link ]\n"
	      "OPTIONS := FLAGS [ mtu NUMBER ] [ advmss NUMBER ] [ as [ to ] ADDRESS ]\n"
	      "           [ rtt TIME ] [ rttvar TIME ] [ reordering NUMBER ]\n"
	      "           [ window NUMBER ] [ cwnd NUMBER ] [ initcwnd NUMBER ]\n"
	      "           [ ssthresh NUMBER ] [ realms REALM ] [ src ADDRESS ]\n"
	      "           [ rto_min TIME ] [ hoplimit NUMBER ] [ initrwnd NUMBER ]\n"
	      "           [ features FEATURES ] [ quickack BOOL ] [ congctl NAME ]\n"
	      "           [ pref PREF ] [ expires TIME ] [ fastopen_no_cookie BOOL ]\n"
	      "TYPE := { unicast | local | broadcast | multicast | throw |\n"
	      "          unreachable | prohibit | blackhole | nat }\n"
	      "TABLE_ID := [ local | main | default | all | NUMBER ]\n"
	      "SCOPE := [ host | link | global | NUMBER ]\n"
	      "NHFLAGS := [ onlink | pervasive ]\n"
	      "RTPROTO := [ kernel | boot | static | NUMBER ]\n"
	      "PREF := [ low | medium | high ]\n"
	      "TIME := NUMBER[s|ms]\n"
	      "BOOL := [1|0]\n"
	      "FEATURES := ecn\n"
	      "ENCAPTYPE := [ mpls | ip | ip6 | seg6 | seg6local | rpl | ioam6 | xfrm ]\n"
	      "ENCAPHDR := [ MPLSLABEL | SEG6HDR | SEG6LOCAL | IOAM6HDR | XFRMINFO ]\n"
	      "SEG6HDR := [ mode SEGMODE ] segs ADDR1,ADDRi,ADDRn [hmac HMACKEYID] [cleanup]\n"
	      "SEGMODE := [ encap | encap.red | inline | l2encap | l2encap.red ]\n"
	      "SEG6LOCAL := action ACTION [ OPTIONS ] [ count ]\n"
	      "ACTION := { End | End.X | End.T | End.DX2 | End.DX6 | End.DX4 |\n"
	      "            End.DT6 | End.DT4 | End.DT46 | End.B6 | End.B6.Encaps |\n"
	      "            End.BM | End.S | End.AS | End.AM | End.BPF }\n"
	      "OPTIONS := OPTION [ OPTIONS ]\n"
	      "OPTION := { flavors FLAVORS | srh SEG6HDR | nh4 ADDR | nh6 ADDR | iif DEV | oif DEV |\n"
	      "            table TABLEID | vrftable TABLEID | endpoint PROGNAME }\n"
	      "FLAVORS := { FLAVOR[,FLAVOR] }\n"
	      "FLAVOR := { psp | usp | usd | next-csid }\n"
	      "IOAM6HDR := trace prealloc type IOAM6_TRACE_TYPE ns IOAM6_NAMESPACE size IOAM6_TRACE_SIZE\n"
	      "XFRMINFO := if_id IF_ID [ link_dev LINK ]\n"
	      "ROUTE_GET_FLAGS := [ fibmatch ]\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

static const char *const route_types[] = {
	[RTN_UNICAST] = "unicast",	[RTN_LOCAL] = "local",
	[RTN_BROADCAST] = "broadcast",	[RTN_ANYCAST] = "anycast",
	[RTN_MULTICAST] = "multicast",	[RTN_BLACKHOLE] = "blackhole",
	[RTN_UNREACHABLE] = "unreachable", [RTN_PROHIBIT] = "prohibit",
	[RTN_THROW] = "throw",		[RTN_NAT] = "nat",
};

/* A route type by name (as the reference, exact words only), or -1. */
static int route_type_parse(const char *word)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(route_types); i++)
		if (route_types[i] && !strcmp(word, route_types[i]))
			return (int)i;
	return -1;
}

static const char *family_words(int family)
{
	return family == AF_UNSPEC ? "any valid" : family_name(family);
}

static void __attribute__((noreturn)) bad_prefix(int family, const char *arg)
{
	fprintf(stderr, "Error: %s prefix is expected rather than \"%s\".\n",
		family_words(family), arg);
	exit(1);
}

static void __attribute__((noreturn)) bad_address(int family, const char *arg)
{
	fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n",
		family_words(family), arg);
	exit(1);
}

/* A prefix of @family; "default" takes the family given. */
static void get_prefix(const char *arg, int family, struct inet_prefix *p)
{
	if (prefix_parse(arg, family, p) < 0)
		bad_prefix(family, arg);
	if (p->family == AF_UNSPEC)
		p->family = (uint16_t)family;
}

static unsigned int device_index(const char *name)
{
	unsigned int ifindex = ifcache_index(name);

	if (!ifindex) {
		fprintf(stderr, "Cannot find device \"%s\"\n", name);
		exit(1);
	}
	return ifindex;
}

static int vrf_table_cb(const struct nlmsghdr *nlh, void *data)
{
	static const struct nl_attr_policy link_policy[IFLA_MAX + 1] = {
		[IFLA_LINKINFO] = { .kind = NLA_NESTED },
	};
	static const struct nl_attr_policy info_policy[IFLA_INFO_MAX + 1] = {
		[IFLA_INFO_KIND] = { .kind = NLA_STR },
		[IFLA_INFO_DATA] = { .kind = NLA_NESTED },
	};
	static const struct nl_attr_policy vrf_policy[IFLA_VRF_MAX + 1] = {
		[IFLA_VRF_TABLE] = { .kind = NLA_U32 },
	};
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	const struct nlattr *vrf[IFLA_VRF_MAX + 1];
	uint32_t *table = data;

	if (nlh->nlmsg_type != RTM_NEWLINK)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX, link_policy);
	if (!tb[IFLA_LINKINFO])
		return MNL_CB_OK;
	nl_attr_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX, info_policy);
	if (!info[IFLA_INFO_KIND] || strcmp(mnl_attr_get_str(info[IFLA_INFO_KIND]), "vrf") ||
	    !info[IFLA_INFO_DATA])
		return MNL_CB_OK;
	nl_attr_parse_nested(info[IFLA_INFO_DATA], vrf, IFLA_VRF_MAX, vrf_policy);
	if (vrf[IFLA_VRF_TABLE])
		*table = mnl_attr_get_u32(vrf[IFLA_VRF_TABLE]);
	return MNL_CB_OK;
}

/*
 * `vrf NAME`: the table of VRF device NAME; anything else (no such
 * device, another kind) ends the run as the reference does.
 */
static uint32_t parse_vrf(const char *name)
{
	struct route_req req;
	uint32_t table = 0;

	nl_req_init(req.buf, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	mnl_attr_put_strz(&req.nlh, IFLA_IFNAME, name);
	/* Asked without NLM_F_ACK, as the reference asks. */
	if (nl_ask(ip_rtnl(), &req.nlh, vrf_table_cb, &table) < 0 || !table)
		invarg("Invalid VRF\n", name);
	return table;
}

static uint32_t parse_realms(const char *arg)
{
	char *slash = strchr(arg, '/');
	uint32_t from = 0, to;

	if (slash) {
		char head[64];
		size_t n = (size_t)(slash - arg);

		if (n >= sizeof(head))
			invarg("\"realm\" value is invalid\n", arg);
		memcpy(head, arg, n);
		head[n] = '\0';
		if (names_parse(NT_REALMS, head, &from) < 0 || from > 0xffff)
			invarg("\"realm\" value is invalid\n", arg);
		arg = slash + 1;
	}
	if (names_parse(NT_REALMS, arg, &to) < 0 || to > 0xffff)
		invarg("\"realm\" value is invalid\n", arg);
	return from << 16 | to;
}

/*
 * A time metric: a bare number is the kernel's unit, rounded up; with
 * "s"/"sec"/"secs" or "ms"/"msec"/"msecs" it is milliseconds rounded up,
 * then scaled by 2^@shift (the kernel keeps rtt in 1/8 ms, rttvar in 1/4).
 */
static double round_up(double t)
{
	double whole = (double)(uint64_t)t;

	return whole < t ? whole + 1 : whole;
}

static int parse_time_metric(const char *arg, unsigned int shift, uint32_t *out)
{
	char *end;
	double t = strtod(arg, &end), scaled;

	if (end == arg || !(t >= 0) || t > UINT32_MAX)
		return -EINVAL;
	if (!*end) {
		scaled = round_up(t);
	} else if (!strcmp(end, "s") || !strcmp(end, "sec") || !strcmp(end, "secs")) {
		scaled = round_up(t * 1000) * (1U << shift);
	} else if (!strcmp(end, "ms") || !strcmp(end, "msec") || !strcmp(end, "msecs")) {
		scaled = round_up(t) * (1U << shift);
	} else {
		return -EINVAL;
	}
	if (scaled > UINT32_MAX)
		return -EINVAL;
	*out = (uint32_t)scaled;
	return 0;
}

/*
 * mnl_attr_nest_start() without NLA_F_NESTED: the kernel's route
 * attributes predate the flag, and the reference leaves it out.
 */
static struct nlattr *nest_start(struct nlmsghdr *nlh, uint16_t type)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	nest->nla_type = type;
	return nest;
}

/* The metrics of a route, in the order given, sent as RTA_METRICS. */
struct metrics {
	struct {
		uint16_t type;
		uint32_t value;
		const char *str;
	} v[RTAX_MAX + 1];
	size_t count;
	uint32_t lock;
};

static void metric_add(struct metrics *m, uint16_t type, uint32_t value, const char *str)
{
	if (m->count < ARRAY_SIZE(m->v))
		m->v[m->count++] = (typeof(m->v[0])){ type, value, str };
}

static const struct {
	const char *word;
	uint16_t type;
	unsigned int time_shift;	/* time metrics: the kernel's scale */
	bool is_time;
} metric_words[] = {
	{ "mtu", RTAX_MTU, 0, false },
	{ "hoplimit", RTAX_HOPLIMIT, 0, false },
	{ "advmss", RTAX_ADVMSS, 0, false },
	{ "reordering", RTAX_REORDERING, 0, false },
	{ "rtt", RTAX_RTT, 3, true },
	{ "rttvar", RTAX_RTTVAR, 2, true },
	{ "rto_min", RTAX_RTO_MIN, 0, true },
	{ "window", RTAX_WINDOW, 0, false },
	{ "cwnd", RTAX_CWND, 0, false },
	{ "initcwnd", RTAX_INITCWND, 0, false },
	{ "initrwnd", RTAX_INITRWND, 0, false },
	{ "ssthresh", RTAX_SSTHRESH, 0, false },
};

/* A numeric metric word with its optional "lock"; false when @argv is none. */
static bool parse_metric(int *argcp, char ***argvp, struct metrics *m)
{
	int argc = *argcp;
	char **argv = *argvp;
	char msg[64];
	uint32_t value;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(metric_words); i++)
		if (!strcmp(*argv, metric_words[i].word))
			break;
	if (i == ARRAY_SIZE(metric_words))
		return false;
	NEXT_ARG();
	if (!strcmp(*argv, "lock")) {
		m->lock |= 1U << metric_words[i].type;
		NEXT_ARG();
	}
	/* The error of a bad advmss calls it "mss", as the reference's does. */
	snprintf(msg, sizeof(msg), "\"%s\" value is invalid\n",
		 metric_words[i].type == RTAX_ADVMSS ? "mss" : metric_words[i].word);
	if (metric_words[i].is_time) {
		if (parse_time_metric(*argv, metric_words[i].time_shift, &value) < 0)
			invarg(msg, *argv);
		/* The kernel only honours a minimum RTO that is locked. */
		if (metric_words[i].type == RTAX_RTO_MIN)
			m->lock |= 1U << RTAX_RTO_MIN;
	} else if (parse_u32(*argv, 0, &value) < 0) {
		invarg(msg, *argv);
	}
	metric_add(m, metric_words[i].type, value, NULL);
	*argcp = argc;
	*argvp = argv;
	return true;
}

static void put_metrics(struct nlmsghdr *nlh, const struct metrics *m)
{
	struct nlattr *nest;
	size_t i;

	if (!m->count && !m->lock)
		return;
	nest = nest_start(nlh, RTA_METRICS);
	for (i = 0; i < m->count; i++) {
		if (m->v[i].str)
			mnl_attr_put_str(nlh, m->v[i].type, m->v[i].str);
		else
			mnl_attr_put_u32(nlh, m->v[i].type, m->v[i].value);
	}
	if (m->lock)
		mnl_attr_put_u32(nlh, RTAX_LOCK, m->lock);
	mnl_attr_nest_end(nlh, nest);
}

/* encap mpls LABEL[/LABEL...] [ttl N]: the labels a route pushes. */
static void parse_encap(int *argcp, char ***argvp, struct nlmsghdr *nlh)
{
	int argc = *argcp;
	char **argv = *argvp;
	struct inet_prefix labels;
	struct nlattr *nest;
	uint8_t ttl = 0;
	bool has_ttl = false;

	NEXT_ARG();
	if (strcmp(*argv, "mpls")) {
		fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", *argv,
			"\"encap type\" value is invalid\n");
		exit(IP_EXIT_USAGE);
	}
	NEXT_ARG();
	if (addr_parse(*argv, AF_MPLS, &labels) < 0) {
		fprintf(stderr, "Error: an mpls address is expected rather than \"%s\".\n", *argv);
		exit(1);
	}
	if (argc > 1 && !strcmp(argv[1], "ttl")) {
		NEXT_ARG();
		NEXT_ARG();
		if (parse_u8(*argv, 0, &ttl) < 0 || !ttl)
			invarg("\"ttl\" value is invalid\n", *argv);
		has_ttl = true;
	}
	nest = nest_start(nlh, RTA_ENCAP);
	mnl_attr_put(nlh, MPLS_IPTUNNEL_DST, labels.bytelen, labels.data);
	if (has_ttl)
		mnl_attr_put_u8(nlh, MPLS_IPTUNNEL_TTL, ttl);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put_u16(nlh, RTA_ENCAP_TYPE, LWTUNNEL_ENCAP_MPLS);
	*argcp = argc;
	*argvp = argv;
}

/*
 * via [FAMILY] ADDRESS: RTA_GATEWAY in the route's own family (which it
 * sets when still open), RTA_VIA for another one.  Returns true for a
 * gateway of some kind.
 */
static void parse_via(int *argcp, char ***argvp, struct nlmsghdr *nlh, uint8_t *route_family)
{
	int argc = *argcp;
	char **argv = *argvp;
	struct inet_prefix gw;
	int family = AF_UNSPEC;

	NEXT_ARG();
	family = family_parse(*argv);
	if (family != AF_UNSPEC)
		NEXT_ARG();
	else
		family = *route_family;
	if (addr_parse(*argv, family, &gw) < 0 || !gw.bytelen)
		bad_address(family, *argv);
	if (*route_family == AF_UNSPEC)
		*route_family = (uint8_t)gw.family;
	if (gw.family == *route_family) {
		mnl_attr_put(nlh, RTA_GATEWAY, gw.bytelen, gw.data);
	} else {
		char buf[sizeof(struct rtvia) + sizeof(gw.data)];
		struct rtvia *via = (struct rtvia *)buf;

		via->rtvia_family = gw.family;
		memcpy(via->rtvia_addr, gw.data, gw.bytelen);
		mnl_attr_put(nlh, RTA_VIA, sizeof(*via) + gw.bytelen, buf);
	}
	*argcp = argc;
	*argvp = argv;
}

/* nexthop NH [nexthop NH]...: the RTA_MULTIPATH of a route. */
static void parse_nexthops(int argc, char **argv, struct nlmsghdr *nlh, uint8_t *family)
{
	struct nlattr *nest = nest_start(nlh, RTA_MULTIPATH);

	while (argc > 0) {
		struct rtnexthop *nh;

		if (strcmp(*argv, "nexthop")) {
			fprintf(stderr, "Error: \"nexthop\" or end of line is expected instead of \"%s\"\n",
				*argv);
			exit(IP_EXIT_USAGE);
		}
		if (argc <= 1) {
			fprintf(stderr, "Error: unexpected end of line after \"nexthop\"\n");
			exit(IP_EXIT_USAGE);
		}
		argc--;
		argv++;
		nh = mnl_nlmsg_get_payload_tail(nlh);
		memset(nh, 0, RTNH_ALIGN(sizeof(*nh)));
		nlh->nlmsg_len += RTNH_ALIGN(sizeof(*nh));
		while (argc > 0 && strcmp(*argv, "nexthop")) {
			if (!strcmp(*argv, "via")) {
				parse_via(&argc, &argv, nlh, family);
			} else if (!strcmp(*argv, "dev")) {
				NEXT_ARG();
				nh->rtnh_ifindex = (int)device_index(*argv);
			} else if (!strcmp(*argv, "weight")) {
				uint32_t w;

				NEXT_ARG();
				if (parse_u32(*argv, 0, &w) < 0 || w == 0 || w > 256)
					invarg("\"weight\" is invalid\n", *argv);
				nh->rtnh_hops = (uint8_t)(w - 1);
			} else if (!strcmp(*argv, "onlink")) {
				nh->rtnh_flags |= RTNH_F_ONLINK;
			} else if (!strcmp(*argv, "pervasive")) {
				nh->rtnh_flags |= RTNH_F_PERVASIVE;
			} else if (matches(*argv, "realms")) {
				NEXT_ARG();
				mnl_attr_put_u32(nlh, RTA_FLOW, parse_realms(*argv));
			} else if (!strcmp(*argv, "encap")) {
				parse_encap(&argc, &argv, nlh);
			} else if (!strcmp(*argv, "as")) {
				struct inet_prefix to;

				NEXT_ARG();
				if (!strcmp(*argv, "to"))
					NEXT_ARG();
				if (addr_parse(*argv, AF_MPLS, &to) < 0)
					bad_address(AF_MPLS, *argv);
				mnl_attr_put(nlh, RTA_NEWDST, to.bytelen, to.data);
			} else {
				fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", *argv,
					"unknown nexthop attribute\n");
				exit(IP_EXIT_USAGE);
			}
			argc--;
			argv++;
		}
		nh->rtnh_len = (unsigned short)((char *)mnl_nlmsg_get_payload_tail(nlh) - (char *)nh);
	}
	mnl_attr_nest_end(nlh, nest);
}

/* A table beyond the header's 8 bits goes in RTA_TABLE. */
static void set_table(uint32_t table, struct rtmsg *r, struct nlmsghdr *nlh)
{
	if (table < 256) {
		r->rtm_table = (uint8_t)table;
	} else {
		r->rtm_table = RT_TABLE_UNSPEC;
		mnl_attr_put_u32(nlh, RTA_TABLE, table);
	}
}

static int parse_bool_metric(const char *word, const char *arg)
{
	char msg[64];

	if (strcmp(arg, "0") && strcmp(arg, "1")) {
		snprintf(msg, sizeof(msg), "\"%s\" value should be 0 or 1\n", word);
		invarg(msg, arg);
	}
	return arg[0] - '0';
}

static int route_modify(int cmd, uint16_t flags, int argc, char **argv)
{
	struct route_req req;
	struct metrics m = { 0 };
	struct rtmsg *r;
	const char *dev = NULL;
	bool has_dst = false, has_scope = false, has_table = false;
	bool has_gateway = false, has_nexthops = false, has_nhid = false;
	char **nexthops = NULL;
	int nexthop_argc = 0;

	if (argc <= 0)
		usage();
	r = nl_req_init(req.buf, (uint16_t)cmd, flags, sizeof(*r));
	r->rtm_family = (uint8_t)ipo.family;
	r->rtm_table = RT_TABLE_MAIN;
	r->rtm_scope = RT_SCOPE_NOWHERE;
	if (cmd != RTM_DELROUTE) {
		r->rtm_protocol = RTPROT_BOOT;
		r->rtm_scope = RT_SCOPE_UNIVERSE;
		r->rtm_type = RTN_UNICAST;
	}

	while (argc > 0) {
		uint32_t value;
		int type;

		if (!strcmp(*argv, "src")) {
			struct inet_prefix src;

			NEXT_ARG();
			if (addr_parse(*argv, r->rtm_family, &src) < 0 || !src.bytelen)
				bad_address(r->rtm_family, *argv);
			if (r->rtm_family == AF_UNSPEC)
				r->rtm_family = (uint8_t)src.family;
			mnl_attr_put(&req.nlh, RTA_PREFSRC, src.bytelen, src.data);
		} else if (!strcmp(*argv, "as")) {
			struct inet_prefix to;

			NEXT_ARG();
			if (!strcmp(*argv, "to"))
				NEXT_ARG();
			if (addr_parse(*argv, AF_MPLS, &to) < 0)
				bad_address(AF_MPLS, *argv);
			mnl_attr_put(&req.nlh, RTA_NEWDST, to.bytelen, to.data);
		} else if (!strcmp(*argv, "via")) {
			parse_via(&argc, &argv, &req.nlh, &r->rtm_family);
			has_gateway = true;
		} else if (!strcmp(*argv, "from")) {
			struct inet_prefix from;

			NEXT_ARG();
			get_prefix(*argv, r->rtm_family, &from);
			if (r->rtm_family == AF_UNSPEC)
				r->rtm_family = (uint8_t)from.family;
			if (from.bytelen)
				mnl_attr_put(&req.nlh, RTA_SRC, from.bytelen, from.data);
			r->rtm_src_len = (uint8_t)from.bitlen;
		} else if (!strcmp(*argv, "tos") || matches(*argv, "dsfield")) {
			NEXT_ARG();
			if (names_parse(NT_DSFIELD, *argv, &value) < 0)
				invarg("\"tos\" value is invalid\n", *argv);
			r->rtm_tos = (uint8_t)value;
		} else if (!strcmp(*argv, "expires")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &value) < 0)
				invarg("\"expires\" value is invalid\n", *argv);
			mnl_attr_put_u32(&req.nlh, RTA_EXPIRES, value);
		} else if (matches(*argv, "metric") || matches(*argv, "priority") ||
			   !strcmp(*argv, "preference")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &value) < 0)
				invarg("\"metric\" value is invalid\n", *argv);
			mnl_attr_put_u32(&req.nlh, RTA_PRIORITY, value);
		} else if (parse_metric(&argc, &argv, &m)) {
			;
		} else if (!strcmp(*argv, "features")) {
			NEXT_ARG();
			if (strcmp(*argv, "ecn"))
				invarg("\"features\" value not valid\n", *argv);
			metric_add(&m, RTAX_FEATURES, RTAX_FEATURE_ECN, NULL);
		} else if (!strcmp(*argv, "quickack")) {
			NEXT_ARG();
			metric_add(&m, RTAX_QUICKACK, (uint32_t)parse_bool_metric("quickack", *argv),
				   NULL);
		} else if (!strcmp(*argv, "fastopen_no_cookie")) {
			NEXT_ARG();
			metric_add(&m, RTAX_FASTOPEN_NO_COOKIE,
				   (uint32_t)parse_bool_metric("fastopen_no_cookie", *argv), NULL);
		} else if (!strcmp(*argv, "congctl")) {
			NEXT_ARG();
			if (!strcmp(*argv, "lock")) {
				m.lock |= 1U << RTAX_CC_ALGO;
				NEXT_ARG();
			}
			metric_add(&m, RTAX_CC_ALGO, 0, *argv);
		} else if (!strcmp(*argv, "pref")) {
			NEXT_ARG();
			if (!strcmp(*argv, "low"))
				value = 3;
			else if (!strcmp(*argv, "medium"))
				value = 0;
			else if (!strcmp(*argv, "high"))
				value = 1;
			else
				invarg("\"pref\" value is invalid\n", *argv);
			mnl_attr_put_u8(&req.nlh, RTA_PREF, (uint8_t)value);
		} else if (matches(*argv, "realms")) {
			NEXT_ARG();
			mnl_attr_put_u32(&req.nlh, RTA_FLOW, parse_realms(*argv));
		} else if (!strcmp(*argv, "onlink")) {
			r->rtm_flags |= RTNH_F_ONLINK;
		} else if (!strcmp(*argv, "nexthop")) {
			nexthops = argv;
			nexthop_argc = argc;
			has_nexthops = true;
			break;
		} else if (!strcmp(*argv, "nhid")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &value) < 0)
				invarg("\"id\" value is invalid\n", *argv);
			mnl_attr_put_u32(&req.nlh, RTA_NH_ID, value);
			has_nhid = true;
		} else if (matches(*argv, "protocol")) {
			NEXT_ARG();
			if (names_parse(NT_PROTOS, *argv, &value) < 0)
				invarg("\"protocol\" value is invalid\n", *argv);
			r->rtm_protocol = (uint8_t)value;
		} else if (matches(*argv, "table")) {
			NEXT_ARG();
			if (names_parse(NT_TABLES, *argv, &value) < 0)
				invarg("\"table\" value is invalid\n", *argv);
			set_table(value, r, &req.nlh);
			has_table = true;
		} else if (matches(*argv, "vrf")) {
			NEXT_ARG();
			set_table(parse_vrf(*argv), r, &req.nlh);
			has_table = true;
		} else if (!strcmp(*argv, "dev") || !strcmp(*argv, "oif")) {
			NEXT_ARG();
			dev = *argv;
		} else if (!strcmp(*argv, "encap")) {
			parse_encap(&argc, &argv, &req.nlh);
		} else if (!strcmp(*argv, "ttl-propagate")) {
			NEXT_ARG();
			if (matches(*argv, "enabled"))
				value = 1;
			else if (matches(*argv, "disabled"))
				value = 0;
			else
				invarg("\"ttl-propagate\" value is invalid\n", *argv);
			mnl_attr_put_u8(&req.nlh, RTA_TTL_PROPAGATE, (uint8_t)value);
		} else if (matches(*argv, "scope")) {
			NEXT_ARG();
			if (names_parse(NT_SCOPES, *argv, &value) < 0)
				invarg("invalid \"scope\" value\n", *argv);
			r->rtm_scope = (uint8_t)value;
			has_scope = true;
		} else {
			struct inet_prefix dst;

			if (!strcmp(*argv, "to")) {
				NEXT_ARG();
			} else if ((type = route_type_parse(*argv)) >= 0) {
				r->rtm_type = (uint8_t)type;
				NEXT_ARG();
			}
			if (matches(*argv, "help"))
				usage();
			if (has_dst)
				duparg2("to", *argv);
			get_prefix(*argv, r->rtm_family, &dst);
			if (r->rtm_family == AF_UNSPEC)
				r->rtm_family = (uint8_t)dst.family;
			r->rtm_dst_len = (uint8_t)dst.bitlen;
			has_dst = true;
			if (dst.bytelen)
				mnl_attr_put(&req.nlh, RTA_DST, dst.bytelen, dst.data);
		}
		argc--;
		argv++;
	}

	if (dev)
		mnl_attr_put_u32(&req.nlh, RTA_OIF, device_index(dev));
	if (r->rtm_family == AF_UNSPEC)
		r->rtm_family = AF_INET;
	put_metrics(&req.nlh, &m);
	if (has_nexthops)
		parse_nexthops(nexthop_argc, nexthops, &req.nlh, &r->rtm_family);

	if (cmd != RTM_DELROUTE) {
		bool local_type = r->rtm_type == RTN_LOCAL || r->rtm_type == RTN_NAT ||
				  r->rtm_type == RTN_BROADCAST || r->rtm_type == RTN_ANYCAST;

		if (!has_table && local_type)
			r->rtm_table = RT_TABLE_LOCAL;
		if (!has_scope) {
			if (r->rtm_type == RTN_LOCAL || r->rtm_type == RTN_NAT)
				r->rtm_scope = RT_SCOPE_HOST;
			else if (r->rtm_type == RTN_BROADCAST || r->rtm_type == RTN_MULTICAST ||
				 r->rtm_type == RTN_ANYCAST)
				r->rtm_scope = RT_SCOPE_LINK;
			else if (r->rtm_type == RTN_UNICAST && r->rtm_family != AF_INET6 &&
				 !has_gateway && !has_nexthops && !has_nhid)
				r->rtm_scope = RT_SCOPE_LINK;
		}
	}

	return ip_request(&req.nlh);
}

/* The selectors of show, flush and save. */
static void parse_prefix_selector(const char *how, const char *arg, struct route_filter *f,
				  struct inet_prefix *root, struct inet_prefix *match)
{
	struct inet_prefix p;

	get_prefix(arg, f->family, &p);
	if (p.family == AF_UNSPEC)
		p.family = AF_INET;
	if (f->family == AF_UNSPEC)
		f->family = p.family;
	if (!strcmp(how, "root") || !strcmp(how, "exact"))
		*root = p;
	if (!strcmp(how, "match") || !strcmp(how, "exact"))
		*match = p;
}

static bool parse_selectors(int argc, char **argv, struct route_filter *f)
{
	bool any = false;

	f->family = ipo.family;
	f->table = RT_TABLE_MAIN;
	while (argc > 0) {
		uint32_t value;
		int type;

		any = true;
		if (matches(*argv, "table")) {
			NEXT_ARG();
			if (!strcmp(*argv, "all")) {
				f->table = 0;
			} else if (!strcmp(*argv, "cache")) {
				f->cloned = true;
			} else if (names_parse(NT_TABLES, *argv, &value) < 0) {
				invarg("table id value is invalid\n", *argv);
			} else {
				f->table = value;
			}
		} else if (!strcmp(*argv, "cached") || !strcmp(*argv, "cloned") ||
			   !strcmp(*argv, "cache")) {
			f->cloned = true;
		} else if (!strcmp(*argv, "tos") || !strcmp(*argv, "dsfield")) {
			NEXT_ARG();
			if (names_parse(NT_DSFIELD, *argv, &value) < 0)
				invarg("TOS value is invalid\n", *argv);
			f->has_tos = true;
			f->tos = (uint8_t)value;
		} else if (!strcmp(*argv, "protocol") || !strcmp(*argv, "proto")) {
			NEXT_ARG();
			if (!strcmp(*argv, "all")) {
				f->has_protocol = false;
			} else if (names_parse(NT_PROTOS, *argv, &value) < 0) {
				invarg("invalid \"protocol\"\n", *argv);
			} else {
				f->has_protocol = true;
				f->protocol = (uint8_t)value;
			}
		} else if (!strcmp(*argv, "scope")) {
			NEXT_ARG();
			if (!strcmp(*argv, "all")) {
				f->has_scope = false;
			} else if (names_parse(NT_SCOPES, *argv, &value) < 0) {
				invarg("invalid \"scope\"\n", *argv);
			} else {
				f->has_scope = true;
				f->scope = (uint8_t)value;
			}
		} else if (!strcmp(*argv, "type")) {
			NEXT_ARG();
			type = route_type_parse(*argv);
			if (type < 0)
				invarg("node type value is invalid\n", *argv);
			f->types |= 1U << type;
		} else if (!strcmp(*argv, "dev") || !strcmp(*argv, "oif")) {
			NEXT_ARG();
			f->oif = device_index(*argv);
		} else if (!strcmp(*argv, "iif")) {
			NEXT_ARG();
			f->iif = device_index(*argv);
		} else if (matches(*argv, "metric") || matches(*argv, "priority") ||
			   !strcmp(*argv, "preference")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &value) < 0)
				invarg("\"metric\" value is invalid\n", *argv);
			f->has_metric = true;
			f->metric = value;
		} else if (!strcmp(*argv, "via")) {
			int family;

			NEXT_ARG();
			family = family_parse(*argv);
			if (family != AF_UNSPEC)
				NEXT_ARG();
			else
				family = f->family;
			get_prefix(*argv, family, &f->via);
		} else if (matches(*argv, "vrf")) {
			NEXT_ARG();
			f->table = parse_vrf(*argv);
			/* A VRF's table holds its local and broadcast routes too,
			 * which its listing leaves out as the reference does. */
			f->types = ~(1U << RTN_LOCAL | 1U << RTN_BROADCAST);
		} else if (!strcmp(*argv, "src")) {
			NEXT_ARG();
			get_prefix(*argv, f->family, &f->prefsrc);
		} else if (matches(*argv, "realms")) {
			NEXT_ARG();
			f->has_realms = true;
			f->realms = parse_realms(*argv);
		} else if (!strcmp(*argv, "from")) {
			NEXT_ARG();
			if (!strcmp(*argv, "root") || !strcmp(*argv, "match") ||
			    !strcmp(*argv, "exact")) {
				const char *how = *argv;

				NEXT_ARG();
				parse_prefix_selector(how, *argv, f, &f->rsrc, &f->msrc);
			} else {
				parse_prefix_selector("exact", *argv, f, &f->rsrc, &f->msrc);
			}
		} else {
			const char *how = "exact";

			if (!strcmp(*argv, "to"))
				NEXT_ARG();
			if (!strcmp(*argv, "root") || !strcmp(*argv, "match") ||
			    !strcmp(*argv, "exact")) {
				how = *argv;
				NEXT_ARG();
			}
			if (matches(*argv, "help"))
				usage();
			parse_prefix_selector(how, *argv, f, &f->rdst, &f->mdst);
		}
		argc--;
		argv++;
	}
	/*
	 * A listing of one table dumps IPv4 unless -4/-6 said otherwise,
	 * whatever family a prefix selector has (which then selects none).
	 */
	f->dump_family = ipo.family;
	if (f->dump_family == AF_UNSPEC && f->table)
		f->dump_family = AF_INET;
	if (f->family == AF_UNSPEC)
		f->family = f->dump_family;
	if (f->via.family == AF_UNSPEC && f->via.flags)
		f->via.family = (uint16_t)f->family;
	if (f->prefsrc.family == AF_UNSPEC && f->prefsrc.flags)
		f->prefsrc.family = (uint16_t)f->family;
	return any;
}

/* The dump request the reference sends: the kernel filters what it can. */
static void dump_request(struct route_req *req, const struct route_filter *f)
{
	struct rtmsg *r = nl_req_init(req->buf, RTM_GETROUTE, 0, sizeof(*r));

	r->rtm_family = (uint8_t)f->dump_family;
	if (f->has_protocol)
		r->rtm_protocol = f->protocol;
	if (f->cloned)
		r->rtm_flags = RTM_F_CLONED;
	if (f->table)
		mnl_attr_put_u32(&req->nlh, RTA_TABLE, f->table);
	if (f->oif)
		mnl_attr_put_u32(&req->nlh, RTA_OIF, f->oif);
}

static int learn_link(const struct nlmsghdr *nlh, void *data __attribute__((unused)))
{
	ifcache_learn(nlh);
	return MNL_CB_OK;
}

/*
 * Read what printing routes needs before it starts: a route printer runs
 * inside a dump, where no other request can be made.  Every device, to
 * name them; under -d, every nexthop object, for the routes' nh_info (a
 * kernel without them has none to show).
 */
static int learn_for_printing(void)
{
	static const struct nl_dump_ops ops = { .msg = learn_link };
	struct route_req req;
	struct ifinfomsg *ifi = nl_req_init(req.buf, RTM_GETLINK, 0, sizeof(*ifi));
	int err;

	ifi->ifi_family = AF_UNSPEC;
	mnl_attr_put_u32(&req.nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	err = nl_dump(ip_rtnl(), &req.nlh, &ops, NULL);
	if (!err && ipo.details)
		nexthop_info_load();
	return err;
}

static int dump_failed(int err)
{
	ip_fail_nl(err);
	fprintf(stderr, "Dump terminated\n");
	return 2;
}

/*
 * A dump failed.  The kernel creates the main table with its first
 * route: an empty namespace has none, and lists as empty.
 */
static int dump_result(int err, const struct route_filter *f)
{
	if (err == -ENOENT && f->table == RT_TABLE_MAIN)
		return 0;
	return err < 0 ? dump_failed(err) : 0;
}

static int show_one(const struct nlmsghdr *nlh, void *data)
{
	const struct route_filter *f = data;

	if (route_filter_match(f, nlh))
		route_print(nlh, f);
	return MNL_CB_OK;
}

static int route_show(int argc, char **argv)
{
	static const struct nl_dump_ops ops = { .msg = show_one };
	struct route_filter f = { 0 };
	struct route_req req;
	int err;

	parse_selectors(argc, argv, &f);
	pr_start();
	err = learn_for_printing();
	if (err < 0)
		return dump_failed(err);
	dump_request(&req, &f);
	return dump_result(nl_dump(ip_rtnl(), &req.nlh, &ops, &f), &f);
}

static int flush_error(size_t index, int err, const char *ext_ack, void *data)
{
	int *refused = data;

	(void)index;
	(void)ext_ack;
	/* A route that went away meanwhile; the next round sees what is left. */
	if (err == -ESRCH)
		return 0;
	/* The reference stops at the first refusal and reports it. */
	if (!*refused)
		*refused = err;
	return 1;
}

/* Queue the deletion of every selected route; returns how many. */
static size_t flush_queue(struct nl_pipe *pipe, const struct nl_msgs *msgs,
			  const struct route_filter *f)
{
	struct nlmsghdr *nlh;
	size_t count = 0;

	nl_msgs_for_each(msgs, nlh) {
		const struct rtmsg *r = nl_msg_payload(nlh, sizeof(*r));
		struct nlmsghdr *del;

		if (!route_filter_match(f, nlh) || nlh->nlmsg_len > NL_REQ_SIZE)
			continue;
		/* The kernel's IPv6 null entry, which no one can delete. */
		if (r->rtm_family == AF_INET6 && r->rtm_type == RTN_UNREACHABLE &&
		    r->rtm_dst_len == 0 && r->rtm_protocol == RTPROT_KERNEL)
			continue;
		if (ipo.stats > 1)
			route_print(nlh, f);
		del = nl_pipe_req(pipe);
		memcpy(del, nlh, nlh->nlmsg_len);
		del->nlmsg_type = RTM_DELROUTE;
		del->nlmsg_flags = NLM_F_REQUEST;
		if (nl_pipe_push(pipe))
			break;
		count++;
	}
	return count;
}

/* Delete what one dump of the round selected: returns how many, or -errno. */
static long flush_round(const struct nl_msgs *msgs, const struct route_filter *f)
{
	int refused = 0, err;
	/* The pipe owns the socket until it is freed: one per round. */
	struct nl_pipe *pipe = nl_pipe_new(ip_rtnl(), flush_error, &refused);
	size_t count;

	if (!pipe)
		return -errno;
	/* As the reference: deletions unacknowledged, only failures answered. */
	nl_pipe_no_ack(pipe);
	count = flush_queue(pipe, msgs, f);
	err = nl_pipe_flush(pipe);
	nl_pipe_free(pipe);
	if (refused)
		return refused;
	/* What is left is a local failure: a route gone meanwhile is none. */
	if (err < 0 && err != -ESRCH)
		return err;
	return (long)count;
}

static int route_flush(int argc, char **argv)
{
	struct pr_config text = { .oneline = ipo.oneline };
	struct route_filter f = { 0 };
	struct route_req req;
	int round, err, status = 0;

	if (!parse_selectors(argc, argv, &f)) {
		fprintf(stderr, "\"ip route flush\" requires arguments.\n");
		return 1;
	}
	/* The reference reports a flush in text, -j or not (uncoloured then). */
	if (pr_json()) {
		pr_finish();
		pr_init(stdout, &text);
	}
	/* Only -s -s lists what goes, with device names. */
	if (ipo.stats > 1) {
		err = learn_for_printing();
		if (err < 0)
			return dump_failed(err);
	}
	dump_request(&req, &f);
	for (round = 0; round <= FLUSH_MAX_ROUNDS; round++) {
		struct nl_msgs msgs = { 0 };
		long count;

		err = nl_dump_collect(ip_rtnl(), &req.nlh, &msgs);
		if (err < 0) {
			nl_msgs_free(&msgs);
			status = dump_result(err, &f);
			if (!status && ipo.stats)
				pr_text("Nothing to flush.\n");
			break;
		}
		count = flush_round(&msgs, &f);
		nl_msgs_free(&msgs);
		if (count < 0) {
			fprintf(stderr, "Failed to send flush request: %s\n", strerror((int)-count));
			status = 2;
			break;
		}
		if (!count) {
			if (ipo.stats && !round)
				pr_text("Nothing to flush.\n");
			else if (ipo.stats)
				pr_text("*** Flush is complete after %d round%s ***\n", round,
					round > 1 ? "s" : "");
			break;
		}
		if (ipo.stats)
			pr_text("\n*** Round %d, deleting %ld entries ***\n", round + 1, count);
		if (round == FLUSH_MAX_ROUNDS - 1) {
			pr_text("*** Flush remains incomplete after %d rounds. ***\n",
				FLUSH_MAX_ROUNDS);
			status = 1;
			break;
		}
	}
	return status;
}

static int save_one(const struct nlmsghdr *nlh, void *data)
{
	const struct route_filter *f = data;

	if (route_filter_match(f, nlh) &&
	    fwrite(nlh, 1, nlh->nlmsg_len, stdout) != nlh->nlmsg_len)
		return MNL_CB_ERROR;
	return MNL_CB_OK;
}

static int route_save(int argc, char **argv)
{
	static const struct nl_dump_ops ops = { .msg = save_one };
	struct route_filter f = { 0 };
	struct route_req req;
	uint32_t magic = ROUTE_DUMP_MAGIC;

	if (isatty(STDOUT_FILENO)) {
		fprintf(stderr, "Not sending a binary stream to stdout\n");
		return 255;
	}
	/* The reference writes the magic before it reads the selectors: a
	 * bad one leaves it alone in the output. */
	if (fwrite(&magic, sizeof(magic), 1, stdout) != 1)
		return 1;
	parse_selectors(argc, argv, &f);
	dump_request(&req, &f);
	return dump_result(nl_dump(ip_rtnl(), &req.nlh, &ops, &f), &f);
}

/* Read the dump `ip route save` wrote on stdin into @out. */
static int read_saved(struct nl_msgs *out)
{
	uint32_t magic = 0;
	size_t n = fread(&magic, 1, sizeof(magic), stdin);
	char chunk[65536];

	if (n != sizeof(magic) || magic != ROUTE_DUMP_MAGIC) {
		fprintf(stderr, "Magic mismatch (%d elems, %x magic)\n", n == sizeof(magic),
			magic);
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		if (out->len + n > out->cap) {
			out->cap = (out->len + n) * 2;
			out->buf = xrealloc(out->buf, out->cap);
		}
		memcpy(out->buf + out->len, chunk, n);
		out->len += n;
	}
	return 0;
}

/* The messages of a saved dump, each whole and a route, in order. */
static bool saved_next(const struct nl_msgs *m, size_t *off, const struct nlmsghdr **nlh)
{
	const struct nlmsghdr *h;

	if (*off >= m->len)
		return false;
	h = (const struct nlmsghdr *)(m->buf + *off);
	if (!nl_msg_ok(h, (int)(m->len - *off))) {
		fprintf(stderr, "Restore: truncated or corrupted route dump\n");
		return false;
	}
	*off += NLMSG_ALIGN(h->nlmsg_len);
	*nlh = h;
	return true;
}

static int route_showdump(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	struct pr_config text = { .oneline = ipo.oneline };
	struct route_filter f = { 0 };
	struct nl_msgs saved = { 0 };
	const struct nlmsghdr *nlh;
	size_t off = 0;

	if (read_saved(&saved) < 0)
		return 1;
	/* The reference lists a saved dump in text, -j or not. */
	if (pr_json()) {
		pr_finish();
		pr_init(stdout, &text);
	}
	if (learn_for_printing() < 0)
		ifcache_forget();
	while (saved_next(&saved, &off, &nlh)) {
		f.cloned = nl_msg_payload(nlh, sizeof(struct rtmsg)) &&
			   (((const struct rtmsg *)NLMSG_DATA(nlh))->rtm_flags & RTM_F_CLONED);
		if (route_filter_match(&f, nlh))
			route_print(nlh, &f);
	}
	nl_msgs_free(&saved);
	return 0;
}

/*
 * Which pass of a restore a route belongs to: routes without gateway or
 * preferred source first, then the directly connected ones, then the
 * routes through a gateway, so that each finds what it leans on.
 */
static int restore_pass(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[RTA_MAX + 1];

	nl_attr_parse_msg(nlh, sizeof(struct rtmsg), tb, RTA_MAX, NULL);
	if (tb[RTA_GATEWAY])
		return 2;
	return tb[RTA_PREFSRC] ? 1 : 0;
}

static int route_restore(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	struct nl_msgs saved = { 0 };
	const struct nlmsghdr *nlh;
	struct route_req req;
	int pass, status = 0;

	if (isatty(STDIN_FILENO)) {
		fprintf(stderr, "Can't restore route dump from a terminal\n");
		return 255;
	}
	if (lseek(STDIN_FILENO, 0, SEEK_CUR) < 0) {
		fprintf(stderr, "Failed to restore: ftell: %s\n", strerror(errno));
		return 1;
	}
	if (read_saved(&saved) < 0)
		return 1;
	for (pass = 0; pass < 3 && !status; pass++) {
		size_t off = 0;

		while (!status && saved_next(&saved, &off, &nlh)) {
			int err;

			if (!nl_msg_payload(nlh, sizeof(struct rtmsg)) ||
			    nlh->nlmsg_len > NL_REQ_SIZE || restore_pass(nlh) != pass)
				continue;
			memcpy(req.buf, nlh, nlh->nlmsg_len);
			req.nlh.nlmsg_type = RTM_NEWROUTE;
			req.nlh.nlmsg_flags |= NLM_F_REQUEST | NLM_F_CREATE;
			err = nl_talk(ip_rtnl(), &req.nlh, NULL, NULL);
			if (err == -EEXIST)
				ip_fail_nl(err);
			else if (err < 0)
				status = ip_fail_nl(err);
		}
	}
	nl_msgs_free(&saved);
	return status;
}

/* What `ip route get` learns from an answer besides printing it. */
struct get_answer {
	const struct route_filter *filter;
	bool has_src;		/* a source address, preferred or given */
};

static int print_reply(const struct nlmsghdr *nlh, void *data)
{
	struct get_answer *answer = data;
	const struct nlattr *tb[RTA_MAX + 1];

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	route_print(nlh, answer->filter);
	nl_attr_parse_msg(nlh, sizeof(struct rtmsg), tb, RTA_MAX, NULL);
	answer->has_src = tb[RTA_PREFSRC] || tb[RTA_SRC];
	return MNL_CB_OK;
}

/*
 * `connected`: the route back from the source address the answer chose.
 * The reference asks the very same question again once it saw that
 * there is such an address, and prints the second answer after the
 * first; under -j, the JSON listing is closed by then and the second
 * answer comes as text.
 */
static int get_connected(struct nlmsghdr *req, struct get_answer *answer)
{
	struct pr_config text = { .oneline = ipo.oneline };
	int err;

	if (!answer->has_src) {
		fprintf(stderr, "Failed to connect the route\n");
		return 1;
	}
	if (pr_json()) {
		pr_finish();
		pr_init(stdout, &text);
	}
	err = nl_ask(ip_rtnl(), req, print_reply, answer);
	return err < 0 ? ip_fail_nl(err) : 0;
}

static int route_get(int argc, char **argv)
{
	struct route_req req;
	struct route_filter f = { 0 };
	struct rtmsg *r;
	struct get_answer answer = { .filter = &f };
	const char *iif = NULL, *oif = NULL;
	bool has_dst = false, has_from = false, connected = false;
	int err;

	r = nl_req_init(req.buf, RTM_GETROUTE, 0, sizeof(*r));
	r->rtm_family = (uint8_t)ipo.family;
	while (argc > 0) {
		uint32_t value;

		if (!strcmp(*argv, "tos") || matches(*argv, "dsfield")) {
			NEXT_ARG();
			if (names_parse(NT_DSFIELD, *argv, &value) < 0)
				invarg("TOS value is invalid\n", *argv);
			r->rtm_tos = (uint8_t)value;
		} else if (matches(*argv, "from")) {
			struct inet_prefix from;

			NEXT_ARG();
			get_prefix(*argv, r->rtm_family, &from);
			if (r->rtm_family == AF_UNSPEC)
				r->rtm_family = (uint8_t)from.family;
			if (from.bytelen)
				mnl_attr_put(&req.nlh, RTA_SRC, from.bytelen, from.data);
			r->rtm_src_len = (uint8_t)from.bitlen;
			has_from = true;
		} else if (!strcmp(*argv, "iif")) {
			NEXT_ARG();
			iif = *argv;
		} else if (matches(*argv, "mark")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &value) < 0)
				invarg("invalid mark value", *argv);
			mnl_attr_put_u32(&req.nlh, RTA_MARK, value);
		} else if (!strcmp(*argv, "oif") || !strcmp(*argv, "dev")) {
			NEXT_ARG();
			oif = *argv;
		} else if (matches(*argv, "uid")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &value) < 0)
				invarg("invalid UID\n", *argv);
			mnl_attr_put_u32(&req.nlh, RTA_UID, value);
		} else if (matches(*argv, "fibmatch")) {
			r->rtm_flags |= RTM_F_FIB_MATCH;
		} else if (matches(*argv, "vrf")) {
			NEXT_ARG();
			parse_vrf(*argv);
			oif = *argv;
		} else if (!strcmp(*argv, "ipproto")) {
			struct protoent *pe;

			NEXT_ARG();
			pe = getprotobyname(*argv);
			if (pe)
				value = (uint32_t)pe->p_proto;
			else if (parse_u32(*argv, 0, &value) < 0 || value > 255)
				invarg("Invalid \"ipproto\" value\n", *argv);
			mnl_attr_put_u8(&req.nlh, RTA_IP_PROTO, (uint8_t)value);
		} else if (!strcmp(*argv, "sport") || !strcmp(*argv, "dport")) {
			bool sport = !strcmp(*argv, "sport");
			uint16_t port;

			NEXT_ARG();
			if (parse_u16(*argv, 0, &port) < 0)
				invarg(sport ? "invalid sport\n" : "invalid dport\n", *argv);
			mnl_attr_put_u16(&req.nlh, sport ? RTA_SPORT : RTA_DPORT, htons(port));
		} else if (matches(*argv, "connected")) {
			connected = true;
		} else {
			struct inet_prefix dst;

			if (!strcmp(*argv, "to"))
				NEXT_ARG();
			if (matches(*argv, "help"))
				usage();
			get_prefix(*argv, r->rtm_family, &dst);
			if (r->rtm_family == AF_UNSPEC)
				r->rtm_family = (uint8_t)dst.family;
			if (dst.bytelen)
				mnl_attr_put(&req.nlh, RTA_DST, dst.bytelen, dst.data);
			r->rtm_dst_len = (uint8_t)dst.bitlen;
			has_dst = true;
		}
		argc--;
		argv++;
	}
	if (!has_dst) {
		fprintf(stderr, "need at least a destination address\n");
		return 1;
	}
	if (iif)
		mnl_attr_put_u32(&req.nlh, RTA_IIF, device_index(iif));
	if (oif)
		mnl_attr_put_u32(&req.nlh, RTA_OIF, device_index(oif));
	if (r->rtm_family == AF_UNSPEC)
		r->rtm_family = AF_INET;
	/* Only IPv4 reports the table the lookup ended in, and only when asked. */
	if (r->rtm_family == AF_INET)
		r->rtm_flags |= RTM_F_LOOKUP_TABLE;
	err = learn_for_printing();
	if (err < 0)
		return dump_failed(err);
	/* The answer is no listing: every field of it is shown.  Asked without
	 * NLM_F_ACK, as the reference asks. */
	err = nl_ask(ip_rtnl(), &req.nlh, print_reply, &answer);
	if (err < 0)
		return ip_fail_nl(err);
	/* With a source given, the answer already is the connected route. */
	if (connected && !has_from)
		return get_connected(&req.nlh, &answer);
	return 0;
}

static int route_help(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	usage();
}

static int route_add(int argc, char **argv)
{
	return route_modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, argc, argv);
}

static int route_change(int argc, char **argv)
{
	return route_modify(RTM_NEWROUTE, NLM_F_REPLACE, argc, argv);
}

static int route_replace(int argc, char **argv)
{
	return route_modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_REPLACE, argc, argv);
}

static int route_prepend(int argc, char **argv)
{
	return route_modify(RTM_NEWROUTE, NLM_F_CREATE, argc, argv);
}

static int route_append(int argc, char **argv)
{
	return route_modify(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_APPEND, argc, argv);
}

static int route_delete(int argc, char **argv)
{
	return route_modify(RTM_DELROUTE, 0, argc, argv);
}

/*
 * The subcommands in the reference's order, which decides what an
 * abbreviation means: "a" is add, "s" show, "d" delete.
 */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} route_cmds[] = {
	{ "add", route_add },
	{ "change", route_change },
	{ "chg", route_change },
	{ "replace", route_replace },
	{ "prepend", route_prepend },
	{ "append", route_append },
	{ "delete", route_delete },
	{ "list", route_show },
	{ "show", route_show },
	{ "lst", route_show },
	{ "get", route_get },
	{ "flush", route_flush },
	{ "save", route_save },
	{ "restore", route_restore },
	{ "showdump", route_showdump },
	{ "help", route_help },
};

int do_route(int argc, char **argv)
{
	size_t i;

	if (argc < 1)
		return route_show(0, NULL);
	for (i = 0; i < ARRAY_SIZE(route_cmds); i++)
		if (matches(argv[0], route_cmds[i].name))
			return route_cmds[i].run(argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip route help\".\n", argv[0]);
	exit(IP_EXIT_USAGE);
}
