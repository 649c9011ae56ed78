// SPDX-License-Identifier: GPL-2.0-or-later
/* vxlan links: the tunnel's settings under `ip -d link show`. */
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
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

static const struct link_kind vxlan_kind = {
	.name = "vxlan",
	.print_data = vxlan_print_data,
	.print_help = vxlan_print_help,
};
LINK_KIND(vxlan_kind);
