// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vxlan links: `ip link add ... type vxlan ...` and `ip link set DEV type
 * vxlan ...`, and the tunnel's settings under `ip -d link show`.
 */
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"
#include "link_tunnel.h"

static const struct nl_attr_policy vxlan_policy[IFLA_VXLAN_MAX + 1] = {
	[IFLA_VXLAN_ID] = { .kind = NLA_U32 },
	[IFLA_VXLAN_GROUP] = { .kind = NLA_U32 },
	[IFLA_VXLAN_LINK] = { .kind = NLA_U32 },
	[IFLA_VXLAN_LOCAL] = { .kind = NLA_U32 },
	[IFLA_VXLAN_TTL] = { .kind = NLA_U8 },
	[IFLA_VXLAN_TOS] = { .kind = NLA_U8 },
	[IFLA_VXLAN_LEARNING] = { .kind = NLA_U8 },
	[IFLA_VXLAN_AGEING] = { .kind = NLA_U32 },
	[IFLA_VXLAN_LIMIT] = { .kind = NLA_U32 },
	[IFLA_VXLAN_PORT_RANGE] = { .kind = NLA_BINARY,
				    .min_len = sizeof(struct ifla_vxlan_port_range) },
	[IFLA_VXLAN_PROXY] = { .kind = NLA_U8 },
	[IFLA_VXLAN_RSC] = { .kind = NLA_U8 },
	[IFLA_VXLAN_L2MISS] = { .kind = NLA_U8 },
	[IFLA_VXLAN_L3MISS] = { .kind = NLA_U8 },
	[IFLA_VXLAN_PORT] = { .kind = NLA_U16 },
	[IFLA_VXLAN_GROUP6] = { .kind = NLA_BINARY, .min_len = sizeof(struct in6_addr) },
	[IFLA_VXLAN_LOCAL6] = { .kind = NLA_BINARY, .min_len = sizeof(struct in6_addr) },
	[IFLA_VXLAN_UDP_CSUM] = { .kind = NLA_U8 },
	[IFLA_VXLAN_UDP_ZERO_CSUM6_TX] = { .kind = NLA_U8 },
	[IFLA_VXLAN_UDP_ZERO_CSUM6_RX] = { .kind = NLA_U8 },
	[IFLA_VXLAN_REMCSUM_TX] = { .kind = NLA_U8 },
	[IFLA_VXLAN_REMCSUM_RX] = { .kind = NLA_U8 },
	[IFLA_VXLAN_GBP] = { .kind = NLA_ANY },
	/* The reference says nothing of it. */
	[IFLA_VXLAN_REMCSUM_NOPARTIAL] = { .kind = NLA_NONE },
	[IFLA_VXLAN_COLLECT_METADATA] = { .kind = NLA_U8 },
	[IFLA_VXLAN_LABEL] = { .kind = NLA_U32 },
	[IFLA_VXLAN_GPE] = { .kind = NLA_ANY },
	[IFLA_VXLAN_TTL_INHERIT] = { .kind = NLA_U8 },
	[IFLA_VXLAN_DF] = { .kind = NLA_U8 },
	[IFLA_VXLAN_VNIFILTER] = { .kind = NLA_U8 },
};

/* An address as the reference writes a tunnel endpoint: a host name under -r. */
static const char *format_host(int family, const void *addr, char *buf, size_t len)
{
	size_t addr_len = family == AF_INET ? sizeof(struct in_addr) : sizeof(struct in6_addr);

	if (ipo.resolve) {
		const struct hostent *h = gethostbyaddr(addr, addr_len, family);

		if (h && h->h_name) {
			snprintf(buf, len, "%s", h->h_name);
			return buf;
		}
	}
	return addr_format(family, addr, addr_len, buf, len);
}

/* A flag-like byte that is shown only when set. */
static bool u8_set(const struct nlattr *attr)
{
	return attr && mnl_attr_get_u8(attr);
}

/*
 * The far end: an IPv4 address wins over an IPv6 one, and a multicast
 * address is a group to join rather than a single remote.
 */
static void print_remote(const struct nlattr **tb)
{
	char buf[NI_MAXHOST];

	if (tb[IFLA_VXLAN_GROUP]) {
		const uint32_t *addr = mnl_attr_get_payload(tb[IFLA_VXLAN_GROUP]);

		if (!*addr)
			return;
		if (IN_MULTICAST(ntohl(*addr)))
			pr_string("group", "group %s ", format_host(AF_INET, addr, buf, sizeof(buf)));
		else
			pr_string("remote", "remote %s ",
				  format_host(AF_INET, addr, buf, sizeof(buf)));
	} else if (tb[IFLA_VXLAN_GROUP6]) {
		const struct in6_addr *addr = mnl_attr_get_payload(tb[IFLA_VXLAN_GROUP6]);

		if (IN6_IS_ADDR_UNSPECIFIED(addr))
			return;
		if (IN6_IS_ADDR_MULTICAST(addr))
			pr_string("group6", "group %s ",
				  format_host(AF_INET6, addr, buf, sizeof(buf)));
		else
			pr_string("remote6", "remote %s ",
				  format_host(AF_INET6, addr, buf, sizeof(buf)));
	}
}

static void print_local(const struct nlattr **tb)
{
	char buf[NI_MAXHOST];

	if (tb[IFLA_VXLAN_LOCAL]) {
		const uint32_t *addr = mnl_attr_get_payload(tb[IFLA_VXLAN_LOCAL]);

		if (*addr)
			pr_string("local", "local %s ", format_host(AF_INET, addr, buf, sizeof(buf)));
	} else if (tb[IFLA_VXLAN_LOCAL6]) {
		const struct in6_addr *addr = mnl_attr_get_payload(tb[IFLA_VXLAN_LOCAL6]);

		if (!IN6_IS_ADDR_UNSPECIFIED(addr))
			pr_string("local6", "local %s ",
				  format_host(AF_INET6, addr, buf, sizeof(buf)));
	}
}

static void print_ttl_tos(const struct nlattr **tb)
{
	char hex[16];

	if (tb[IFLA_VXLAN_TOS] && mnl_attr_get_u8(tb[IFLA_VXLAN_TOS])) {
		uint8_t tos = mnl_attr_get_u8(tb[IFLA_VXLAN_TOS]);

		/* 1 is how the kernel stores "inherit"; JSON keeps the number. */
		snprintf(hex, sizeof(hex), "%#x", tos);
		pr_string("tos", tos == 1 ? "tos inherit " : "tos %s ", hex);
	}

	if (u8_set(tb[IFLA_VXLAN_TTL_INHERIT])) {
		pr_string(NULL, "ttl %s ", "inherit");
	} else if (tb[IFLA_VXLAN_TTL]) {
		uint8_t ttl = mnl_attr_get_u8(tb[IFLA_VXLAN_TTL]);

		pr_uint("ttl", ttl ? "ttl %u " : "ttl auto ", ttl);
	}
}

static void print_df(const struct nlattr *attr)
{
	static const char *const df_names[] = {
		[VXLAN_DF_UNSET] = "unset",
		[VXLAN_DF_SET] = "set",
		[VXLAN_DF_INHERIT] = "inherit",
	};
	uint8_t df;

	if (!attr)
		return;
	df = mnl_attr_get_u8(attr);
	if (df >= ARRAY_SIZE(df_names))
		return;
	/* The default goes unsaid in text. */
	pr_string("df", df == VXLAN_DF_UNSET ? NULL : "df %s ", df_names[df]);
}

static void print_checksums(const struct nlattr **tb)
{
	bool on;

	if (tb[IFLA_VXLAN_UDP_CSUM]) {
		on = mnl_attr_get_u8(tb[IFLA_VXLAN_UDP_CSUM]);
		pr_bool("udp_csum", on ? "udpcsum " : "noudpcsum ", on);
	}
	if (tb[IFLA_VXLAN_UDP_ZERO_CSUM6_TX]) {
		on = mnl_attr_get_u8(tb[IFLA_VXLAN_UDP_ZERO_CSUM6_TX]);
		pr_bool("udp_zero_csum6_tx", on ? "udp6zerocsumtx " : "noudp6zerocsumtx ", on);
	}
	if (tb[IFLA_VXLAN_UDP_ZERO_CSUM6_RX]) {
		on = mnl_attr_get_u8(tb[IFLA_VXLAN_UDP_ZERO_CSUM6_RX]);
		pr_bool("udp_zero_csum6_rx", on ? "udp6zerocsumrx " : "noudp6zerocsumrx ", on);
	}
	if (u8_set(tb[IFLA_VXLAN_REMCSUM_TX]))
		pr_flag("remcsum_tx", "remcsumtx ");
	if (u8_set(tb[IFLA_VXLAN_REMCSUM_RX]))
		pr_flag("remcsum_rx", "remcsumrx ");
}

static void vxlan_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_VXLAN_MAX + 1];
	char name[IF_NAMESIZE + 16];
	uint32_t value;

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_VXLAN_MAX, vxlan_policy);

	if (u8_set(tb[IFLA_VXLAN_COLLECT_METADATA]))
		pr_flag("external", "external ");
	/* No space after it: the reference runs it into what follows. */
	if (u8_set(tb[IFLA_VXLAN_VNIFILTER]))
		pr_flag("vnifilter", "vnifilter");
	if (tb[IFLA_VXLAN_ID])
		pr_uint("id", "id %u ", mnl_attr_get_u32(tb[IFLA_VXLAN_ID]));

	print_remote(tb);
	print_local(tb);

	if (tb[IFLA_VXLAN_LINK] && (value = mnl_attr_get_u32(tb[IFLA_VXLAN_LINK])))
		pr_string("link", "dev %s ", ifcache_name_or_num(value, name, sizeof(name)));

	if (tb[IFLA_VXLAN_PORT_RANGE]) {
		const struct ifla_vxlan_port_range *range =
			mnl_attr_get_payload(tb[IFLA_VXLAN_PORT_RANGE]);

		pr_open_object("port_range");
		pr_uint("low", "srcport %u ", ntohs(range->low));
		pr_uint("high", "%u ", ntohs(range->high));
		pr_close_object();
	}
	if (tb[IFLA_VXLAN_PORT])
		pr_uint("port", "dstport %u ", ntohs(mnl_attr_get_u16(tb[IFLA_VXLAN_PORT])));

	if (tb[IFLA_VXLAN_LEARNING]) {
		bool learning = mnl_attr_get_u8(tb[IFLA_VXLAN_LEARNING]);

		/* Learning is the default: text names only its absence. */
		pr_bool("learning", learning ? NULL : "nolearning ", learning);
	}
	if (u8_set(tb[IFLA_VXLAN_PROXY]))
		pr_flag("proxy", "proxy ");
	if (u8_set(tb[IFLA_VXLAN_RSC]))
		pr_flag("rsc", "rsc ");
	if (u8_set(tb[IFLA_VXLAN_L2MISS]))
		pr_flag("l2miss", "l2miss ");
	if (u8_set(tb[IFLA_VXLAN_L3MISS]))
		pr_flag("l3miss", "l3miss ");

	print_ttl_tos(tb);
	print_df(tb[IFLA_VXLAN_DF]);

	if (tb[IFLA_VXLAN_LABEL] && (value = ntohl(mnl_attr_get_u32(tb[IFLA_VXLAN_LABEL])))) {
		char hex[16];

		snprintf(hex, sizeof(hex), "%#x", value);
		pr_string("label", "flowlabel %s ", hex);
	}
	if (tb[IFLA_VXLAN_AGEING]) {
		value = mnl_attr_get_u32(tb[IFLA_VXLAN_AGEING]);
		pr_uint("ageing", value ? "ageing %u " : "ageing none ", value);
	}
	if (tb[IFLA_VXLAN_LIMIT] && (value = mnl_attr_get_u32(tb[IFLA_VXLAN_LIMIT])))
		pr_uint("limit", "maxaddr %u ", value);

	print_checksums(tb);

	/* Flags: present means on, whatever they hold. */
	if (tb[IFLA_VXLAN_GBP])
		pr_flag("gbp", "gbp ");
	if (tb[IFLA_VXLAN_GPE])
		pr_flag("gpe", "gpe ");
}

static void vxlan_print_help(FILE *out)
{
	fputs("Usage: ... vxlan id VNI\n"
	      "\t\t[ { group | remote } IP_ADDRESS ]\n"
	      "\t\t[ local ADDR ]\n"
	      "\t\t[ ttl TTL ]\n"
	      "\t\t[ tos TOS ]\n"
	      "\t\t[ df DF ]\n"
	      "\t\t[ flowlabel LABEL ]\n"
	      "\t\t[ dev PHYS_DEV ]\n"
	      "\t\t[ dstport PORT ]\n"
	      "\t\t[ srcport MIN MAX ]\n"
	      "\t\t[ [no]learning ]\n"
	      "\t\t[ [no]proxy ]\n"
	      "\t\t[ [no]rsc ]\n"
	      "\t\t[ [no]l2miss ]\n"
	      "\t\t[ [no]l3miss ]\n"
	      "\t\t[ ageing SECONDS ]\n"
	      "\t\t[ maxaddress NUMBER ]\n"
	      "\t\t[ [no]udpcsum ]\n"
	      "\t\t[ [no]udp6zerocsumtx ]\n"
	      "\t\t[ [no]udp6zerocsumrx ]\n"
	      "\t\t[ [no]remcsumtx ] [ [no]remcsumrx ]\n"
	      "\t\t[ [no]external ] [ gbp ] [ gpe ]\n"
	      "\t\t[ [no]vnifilter ]\n"
	      "\n"
	      "Where:\tVNI\t:= 0-16777215\n"
	      "\tADDR\t:= { IP_ADDRESS | any }\n"
	      "\tTOS\t:= { NUMBER | inherit }\n"
	      "\tTTL\t:= { 1..255 | auto | inherit }\n"
	      "\tDF\t:= { unset | set | inherit }\n"
	      "\tLABEL := 0-1048575\n",
	      out);
}

/*
 * Parsing.  The reference sends most options at once, in the order they
 * are given; the VNI, the endpoints, learning and the destination port
 * come last, once the whole line is known.
 */

/* The words, in the order that decides what an abbreviation means. */
enum vxlan_opt {
	OPT_ID,
	OPT_GROUP,
	OPT_REMOTE,
	OPT_LOCAL,
	OPT_DEV,
	OPT_TTL,
	OPT_TOS,
	OPT_DF,
	OPT_LABEL,
	OPT_AGEING,
	OPT_LIMIT,
	OPT_SRCPORT,
	OPT_DSTPORT,
	OPT_LEARNING,
	OPT_U8,		/* a byte attribute: on (1) or off (0) */
	OPT_EXTERNAL,
	OPT_PRESENT,	/* an empty attribute, on by being there */
	OPT_HELP,
};

/* A word that takes a value, named @key in "is duplicate". */
#define VXLAN_VALUE(w, o, a, k) { .word = w, .opt = o, .attr = IFLA_VXLAN_##a, .key = k }
/* A word alone, setting @v. */
#define VXLAN_SWITCH(w, o, a, v) { .word = w, .opt = o, .attr = IFLA_VXLAN_##a, .value = v }
/* The same, taken only in full. */
#define VXLAN_WHOLE(w, o, a, v) \
	{ .word = w, .opt = o, .attr = IFLA_VXLAN_##a, .value = v, .whole = true }

static const struct vxlan_word {
	const char *word;
	enum vxlan_opt opt;
	/* The attribute: also what a second use of the option is told by. */
	uint16_t attr;
	uint8_t value;		/* OPT_LEARNING, OPT_U8, OPT_EXTERNAL */
	bool whole;		/* taken only in full, not abbreviated */
	/* The option's name in "is duplicate"; NULL: the word as given. */
	const char *key;
} vxlan_words[] = {
	VXLAN_VALUE("id", OPT_ID, ID, "id"),
	VXLAN_VALUE("vni", OPT_ID, ID, "id"),
	VXLAN_VALUE("group", OPT_GROUP, GROUP, "group"),
	VXLAN_VALUE("remote", OPT_REMOTE, GROUP, "remote"),
	VXLAN_VALUE("local", OPT_LOCAL, LOCAL, "local"),
	VXLAN_VALUE("dev", OPT_DEV, LINK, "dev"),
	VXLAN_VALUE("ttl", OPT_TTL, TTL, "ttl"),
	VXLAN_VALUE("hoplimit", OPT_TTL, TTL, "ttl"),
	VXLAN_VALUE("tos", OPT_TOS, TOS, "tos"),
	VXLAN_VALUE("dsfield", OPT_TOS, TOS, "tos"),
	VXLAN_VALUE("df", OPT_DF, DF, "df"),
	VXLAN_VALUE("label", OPT_LABEL, LABEL, "flowlabel"),
	VXLAN_VALUE("flowlabel", OPT_LABEL, LABEL, "flowlabel"),
	VXLAN_VALUE("ageing", OPT_AGEING, AGEING, "ageing"),
	VXLAN_VALUE("maxaddress", OPT_LIMIT, LIMIT, "maxaddress"),
	VXLAN_VALUE("port", OPT_SRCPORT, PORT_RANGE, "srcport"),
	VXLAN_VALUE("srcport", OPT_SRCPORT, PORT_RANGE, "srcport"),
	VXLAN_VALUE("dstport", OPT_DSTPORT, PORT, "dstport"),
	VXLAN_SWITCH("nolearning", OPT_LEARNING, LEARNING, 0),
	VXLAN_SWITCH("learning", OPT_LEARNING, LEARNING, 1),
	VXLAN_SWITCH("noproxy", OPT_U8, PROXY, 0),
	VXLAN_SWITCH("proxy", OPT_U8, PROXY, 1),
	VXLAN_SWITCH("norsc", OPT_U8, RSC, 0),
	VXLAN_SWITCH("rsc", OPT_U8, RSC, 1),
	VXLAN_SWITCH("nol2miss", OPT_U8, L2MISS, 0),
	VXLAN_SWITCH("l2miss", OPT_U8, L2MISS, 1),
	VXLAN_SWITCH("nol3miss", OPT_U8, L3MISS, 0),
	VXLAN_SWITCH("l3miss", OPT_U8, L3MISS, 1),
	VXLAN_SWITCH("udpcsum", OPT_U8, UDP_CSUM, 1),
	VXLAN_SWITCH("noudpcsum", OPT_U8, UDP_CSUM, 0),
	VXLAN_SWITCH("udp6zerocsumtx", OPT_U8, UDP_ZERO_CSUM6_TX, 1),
	VXLAN_SWITCH("noudp6zerocsumtx", OPT_U8, UDP_ZERO_CSUM6_TX, 0),
	VXLAN_SWITCH("udp6zerocsumrx", OPT_U8, UDP_ZERO_CSUM6_RX, 1),
	VXLAN_SWITCH("noudp6zerocsumrx", OPT_U8, UDP_ZERO_CSUM6_RX, 0),
	VXLAN_SWITCH("remcsumtx", OPT_U8, REMCSUM_TX, 1),
	VXLAN_SWITCH("noremcsumtx", OPT_U8, REMCSUM_TX, 0),
	VXLAN_SWITCH("remcsumrx", OPT_U8, REMCSUM_RX, 1),
	VXLAN_SWITCH("noremcsumrx", OPT_U8, REMCSUM_RX, 0),
	VXLAN_SWITCH("external", OPT_EXTERNAL, COLLECT_METADATA, 1),
	VXLAN_SWITCH("noexternal", OPT_EXTERNAL, COLLECT_METADATA, 0),
	VXLAN_WHOLE("vnifilter", OPT_U8, VNIFILTER, 1),
	VXLAN_WHOLE("novnifilter", OPT_U8, VNIFILTER, 0),
	{ .word = "gbp", .opt = OPT_PRESENT, .attr = IFLA_VXLAN_GBP },
	{ .word = "gpe", .opt = OPT_PRESENT, .attr = IFLA_VXLAN_GPE },
	{ .word = "help", .opt = OPT_HELP },
};

/* The port the kernel knows VXLAN-GPE by, which gpe implies. */
#define VXLAN_GPE_PORT 4790

/* A tunnel endpoint: the local address, or the remote or group one. */
struct vxlan_endpoint {
	int family;		/* AF_UNSPEC while not given */
	bool multicast;
	uint16_t len;		/* bytes sent: none for "any" */
	uint8_t addr[16];
};

/* What is sent after the other options. */
struct vxlan_settings {
	uint64_t given;		/* bit N: an option of attribute N was given */
	uint32_t vni;
	struct vxlan_endpoint local, remote;	/* remote: a group too */
	uint16_t dstport;
	uint8_t learning;
	bool external;
};

static bool vxlan_given(const struct vxlan_settings *s, uint16_t attr)
{
	return s->given & (1ULL << attr);
}

/* Each option may be given once: the reference's words for a second. */
static void vxlan_once(struct vxlan_settings *s, const struct vxlan_word *w, const char *arg)
{
	if (vxlan_given(s, w->attr))
		duparg2(w->key ? w->key : arg, arg);
	s->given |= 1ULL << w->attr;
}

static void __attribute__((noreturn)) vxlan_fail(const char *msg)
{
	fprintf(stderr, "vxlan: %s\n", msg);
	exit(1);
}

static const struct vxlan_word *vxlan_word_find(const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(vxlan_words); i++) {
		const struct vxlan_word *w = &vxlan_words[i];

		if (w->whole ? !strcmp(arg, w->word) : matches(arg, w->word))
			return w;
	}
	return NULL;
}

/*
 * An endpoint of the family of the other one, when that one was given
 * first (@family), of any family otherwise.  "default" is the zero
 * address and "any" or "all" an empty one, both only of a known family;
 * whether the address suits the option (@what) is the caller's to check.
 */
static void vxlan_endpoint_parse(const char *arg, int family, const char *what,
				 struct vxlan_endpoint *ep)
{
	struct inet_prefix addr;

	if (addr_parse(arg, family, &addr)) {
		fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n",
			family == AF_INET ? "inet" : family == AF_INET6 ? "inet6" : "any valid",
			arg);
		exit(1);
	}
	if (addr.family != AF_INET && addr.family != AF_INET6)
		invarg(what, arg);
	memset(ep, 0, sizeof(*ep));
	ep->family = addr.family;
	if (addr.flags & ADDR_F_ANY)
		return;
	ep->len = addr.family == AF_INET ? sizeof(struct in_addr) : sizeof(struct in6_addr);
	if (!(addr.flags & ADDR_F_DEFAULT))
		memcpy(ep->addr, addr.data, ep->len);
	if (addr.family == AF_INET) {
		uint32_t v4;

		memcpy(&v4, ep->addr, sizeof(v4));
		ep->multicast = IN_MULTICAST(ntohl(v4));
	} else {
		ep->multicast = IN6_IS_ADDR_MULTICAST((const struct in6_addr *)ep->addr);
	}
}

static void vxlan_put_endpoint(struct nlmsghdr *req, const struct vxlan_endpoint *ep,
			       uint16_t attr4, uint16_t attr6)
{
	mnl_attr_put(req, ep->family == AF_INET ? attr4 : attr6, ep->len, ep->addr);
}

static uint8_t vxlan_parse_ttl(const char *arg)
{
	uint32_t ttl;

	if (!strcmp(arg, "auto"))
		return 0;
	if (parse_u32(arg, 0, &ttl))
		invarg("invalid TTL", arg);
	if (ttl > 255)
		invarg("TTL must be <= 255", arg);
	return ttl;
}

static uint8_t vxlan_parse_df(const char *arg)
{
	if (!strcmp(arg, "unset"))
		return VXLAN_DF_UNSET;
	if (!strcmp(arg, "set"))
		return VXLAN_DF_SET;
	if (!strcmp(arg, "inherit"))
		return VXLAN_DF_INHERIT;
	invarg("DF must be 'unset', 'set' or 'inherit'", arg);
}

static uint32_t vxlan_parse_u32(const char *arg, const char *what)
{
	uint32_t value;

	if (parse_u32(arg, 0, &value))
		invarg(what, arg);
	return value;
}

/* A port of the source range, in network order. */
static uint16_t vxlan_parse_port(const char *arg, const char *what)
{
	uint16_t port;

	if (parse_u16(arg, 0, &port))
		invarg(what, arg);
	return htons(port);
}

/*
 * One option at **@argvp (and its values, after which *@argcp and
 * *@argvp are left): what goes at once into @req, the rest into @s.
 */
static void vxlan_parse_word(int *argcp, char ***argvp, struct vxlan_settings *s,
			     struct nlmsghdr *req)
{
	const struct vxlan_word *w = vxlan_word_find(**argvp);
	struct ifla_vxlan_port_range range;
	int argc = *argcp;
	char **argv = *argvp;
	const char *invalid;
	uint32_t value;

	if (!w) {
		fprintf(stderr, "vxlan: unknown command \"%s\"?\n", *argv);
		vxlan_print_help(stderr);
		exit(1);
	}
	/* The words that take a value are checked for a second use with it. */
	if (w->key && w->opt != OPT_GROUP && w->opt != OPT_REMOTE) {
		NEXT_ARG();
		vxlan_once(s, w, *argv);
	}
	switch (w->opt) {
	case OPT_ID:
		if (parse_u32(*argv, 0, &s->vni) || s->vni >= 1U << 24)
			invarg("invalid id", *argv);
		break;
	case OPT_GROUP:
	case OPT_REMOTE:
		invalid = w->opt == OPT_GROUP ? "invalid group address" : "invalid remote address";
		/* A group is joined, a remote sent to: a tunnel has one or the other. */
		if (s->remote.family != AF_UNSPEC &&
		    s->remote.multicast == (w->opt == OPT_REMOTE))
			vxlan_fail("both group and remote cannot be specified");
		NEXT_ARG();
		vxlan_once(s, w, *argv);
		vxlan_endpoint_parse(*argv, s->local.family, invalid, &s->remote);
		if (s->remote.multicast != (w->opt == OPT_GROUP))
			invarg(invalid, *argv);
		break;
	case OPT_LOCAL:
		vxlan_endpoint_parse(*argv, s->remote.family, "invalid local address", &s->local);
		if (s->local.multicast)
			invarg("invalid local address", *argv);
		break;
	case OPT_DEV:
		mnl_attr_put_u32(req, IFLA_VXLAN_LINK, tnl_parse_dev(*argv));
		break;
	case OPT_TTL:
		if (!strcmp(*argv, "inherit"))
			mnl_attr_put(req, IFLA_VXLAN_TTL_INHERIT, 0, NULL);
		else
			mnl_attr_put_u8(req, IFLA_VXLAN_TTL, vxlan_parse_ttl(*argv));
		break;
	case OPT_TOS:
		mnl_attr_put_u8(req, IFLA_VXLAN_TOS, tnl_parse_tos(*argv));
		break;
	case OPT_DF:
		mnl_attr_put_u8(req, IFLA_VXLAN_DF, vxlan_parse_df(*argv));
		break;
	case OPT_LABEL:
		if (parse_u32(*argv, 0, &value) || value & ~0xfffffU)
			invarg("invalid flowlabel", *argv);
		mnl_attr_put_u32(req, IFLA_VXLAN_LABEL, htonl(value));
		break;
	case OPT_AGEING:
		value = strcmp(*argv, "none") ? vxlan_parse_u32(*argv, "ageing timer") : 0;
		mnl_attr_put_u32(req, IFLA_VXLAN_AGEING, value);
		break;
	case OPT_LIMIT:
		mnl_attr_put_u32(req, IFLA_VXLAN_LIMIT, vxlan_parse_u32(*argv, "max addresses"));
		break;
	case OPT_SRCPORT:
		range.low = vxlan_parse_port(*argv, "min port");
		NEXT_ARG();
		range.high = vxlan_parse_port(*argv, "max port");
		/* 0 0 is the kernel's own choice, left unsaid. */
		if (range.low || range.high)
			mnl_attr_put(req, IFLA_VXLAN_PORT_RANGE, sizeof(range), &range);
		break;
	case OPT_DSTPORT:
		if (parse_u16(*argv, 0, &s->dstport))
			invarg("dst port", *argv);
		break;
	case OPT_LEARNING:
		vxlan_once(s, w, *argv);
		s->learning = w->value;
		break;
	case OPT_U8:
		vxlan_once(s, w, *argv);
		mnl_attr_put_u8(req, w->attr, w->value);
		break;
	case OPT_EXTERNAL:
		vxlan_once(s, w, *argv);
		mnl_attr_put_u8(req, w->attr, w->value);
		s->external = w->value;
		/* Learning from a flow-based device's traffic makes no sense. */
		if (s->external)
			s->learning = 0;
		break;
	case OPT_PRESENT:
		vxlan_once(s, w, *argv);
		mnl_attr_put(req, w->attr, 0, NULL);
		break;
	case OPT_HELP:
		vxlan_print_help(stderr);
		exit(1);
	}
	*argcp = argc;
	*argvp = argv;
}

static void vxlan_parse(int argc, char **argv, struct nlmsghdr *req)
{
	struct vxlan_settings s = { .learning = 1 };
	/* `ip link set` changes what it is told, and needs nothing more. */
	bool create = req->nlmsg_flags & NLM_F_CREATE;
	struct vxlan_endpoint none = { .family = ipo.family };

	for (; argc > 0; argc--, argv++)
		vxlan_parse_word(&argc, &argv, &s, req);

	if (s.external && vxlan_given(&s, IFLA_VXLAN_ID))
		vxlan_fail("both 'external' and vni cannot be specified");
	if (!s.external && !vxlan_given(&s, IFLA_VXLAN_ID) && create)
		vxlan_fail("missing virtual network identifier");
	if (s.remote.multicast && !vxlan_given(&s, IFLA_VXLAN_LINK))
		vxlan_fail("'group' requires 'dev' to be specified");
	if (!vxlan_given(&s, IFLA_VXLAN_PORT)) {
		if (vxlan_given(&s, IFLA_VXLAN_GPE))
			s.dstport = VXLAN_GPE_PORT;
		else if (create)
			fputs("vxlan: destination port not specified\n"
			      "Will use Linux kernel default (non-standard value)\n"
			      "Use 'dstport 4789' to get the IANA assigned value\n"
			      "Use 'dstport 0' to get default and quiet this message\n",
			      stderr);
	}

	if (vxlan_given(&s, IFLA_VXLAN_ID))
		mnl_attr_put_u32(req, IFLA_VXLAN_ID, s.vni);
	if (s.local.family != AF_UNSPEC)
		vxlan_put_endpoint(req, &s.local, IFLA_VXLAN_LOCAL, IFLA_VXLAN_LOCAL6);
	if (s.remote.family != AF_UNSPEC) {
		vxlan_put_endpoint(req, &s.remote, IFLA_VXLAN_GROUP, IFLA_VXLAN_GROUP6);
	} else if (s.local.family == AF_UNSPEC &&
		   (ipo.family == AF_INET || ipo.family == AF_INET6)) {
		/* -4 or -6 without an address: the zero one of that family. */
		none.len = ipo.family == AF_INET ? sizeof(struct in_addr) :
						   sizeof(struct in6_addr);
		vxlan_put_endpoint(req, &none, IFLA_VXLAN_GROUP, IFLA_VXLAN_GROUP6);
	}
	if (create || vxlan_given(&s, IFLA_VXLAN_LEARNING))
		mnl_attr_put_u8(req, IFLA_VXLAN_LEARNING, s.learning);
	if (s.dstport)
		mnl_attr_put_u16(req, IFLA_VXLAN_PORT, htons(s.dstport));
}

static const struct link_kind vxlan_kind = {
	.name = "vxlan",
	.print_data = vxlan_print_data,
	.print_help = vxlan_print_help,
	.parse = vxlan_parse,
};
LINK_KIND(vxlan_kind);
