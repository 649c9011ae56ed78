// SPDX-License-Identifier: GPL-2.0-or-later
/* ip6tnl links: IPv6 or IPv4 inside IPv6 (RFC 2473). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>

#include <nlkit/attr.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"
#include "link_tunnel.h"

static const struct nl_attr_policy ip6tnl_policy[IFLA_IPTUN_MAX + 1] = {
	[IFLA_IPTUN_LINK] = { .kind = NLA_U32 },
	[IFLA_IPTUN_LOCAL] = { .kind = NLA_BINARY, .min_len = sizeof(struct in6_addr) },
	[IFLA_IPTUN_REMOTE] = { .kind = NLA_BINARY, .min_len = sizeof(struct in6_addr) },
	[IFLA_IPTUN_TTL] = { .kind = NLA_U8 },
	[IFLA_IPTUN_ENCAP_LIMIT] = { .kind = NLA_U8 },
	[IFLA_IPTUN_FLOWINFO] = { .kind = NLA_U32 },
	[IFLA_IPTUN_FLAGS] = { .kind = NLA_U32 },
	[IFLA_IPTUN_PROTO] = { .kind = NLA_U8 },
	[IFLA_IPTUN_ENCAP_TYPE] = { .kind = NLA_U16 },
	[IFLA_IPTUN_ENCAP_FLAGS] = { .kind = NLA_U16 },
	[IFLA_IPTUN_ENCAP_SPORT] = { .kind = NLA_U16 },
	[IFLA_IPTUN_ENCAP_DPORT] = { .kind = NLA_U16 },
	[IFLA_IPTUN_COLLECT_METADATA] = { .kind = NLA_ANY },
	[IFLA_IPTUN_FWMARK] = { .kind = NLA_U32 },
};

/* The inner protocols of `mode`. */
static const struct {
	const char *word;
	uint8_t proto;
} modes[] = {
	{ "ip6ip6", IPPROTO_IPV6 },
	{ "ipip6", IPPROTO_IPIP },
	{ "any", 0 },
};

struct ip6tnl_settings {
	struct tnl_ip6 ip6;
	struct tnl_encap encap;
	struct in6_addr local, remote;
	uint32_t link;
	uint8_t proto;
	bool external;
};

static void ip6tnl_print_help(FILE *out)
{
	fputs("Usage: ... ip6tnl\t[ remote ADDR ]\n"
	      "\t\t\t[ local ADDR ]\n"
	      "\t\t\t[ encaplimit ELIM ]\n"
	      "\t\t\t[ hoplimit HLIM ]\n"
	      "\t\t\t[ tclass TCLASS ]\n"
	      "\t\t\t[ flowlabel FLOWLABEL ]\n"
	      "\t\t\t[ dscp inherit ]\n"
	      "\t\t\t[ [no]allow-localremote ]\n"
	      "\t\t\t[ dev PHYS_DEV ]\n"
	      "\t\t\t[ fwmark MARK ]\n"
	      "\t\t\t[ external ]\n"
	      "\t\t\t[ noencap ]\n"
	      "\t\t\t[ encap { fou | gue | none } ]\n"
	      "\t\t\t[ encap-sport PORT ]\n"
	      "\t\t\t[ encap-dport PORT ]\n"
	      "\t\t\t[ [no]encap-csum ]\n"
	      "\t\t\t[ [no]encap-csum6 ]\n"
	      "\t\t\t[ [no]encap-remcsum ]\n"
	      "\t\t\t[ mode { ip6ip6 | ipip6 | any } ]\n"
	      "\n"
	      "Where:\tADDR\t  := IPV6_ADDRESS\n"
	      "\tELIM\t  := { none | 0..255 }(default=4)\n"
	      "\tHLIM\t  := 0..255 (default=64)\n"
	      "\tTCLASS    := { 0x0..0xff | inherit }\n"
	      "\tFLOWLABEL := { 0x0..0xfffff | inherit }\n"
	      "\tMARK\t  := { 0x0..0xffffffff | inherit }\n",
	      out);
}

static void read_existing(struct ip6tnl_settings *s, const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_IPTUN_MAX + 1];

	nl_attr_parse_nested(data, tb, IFLA_IPTUN_MAX, ip6tnl_policy);
	tnl_encap_read(&s->encap, tb, IFLA_IPTUN_ENCAP_TYPE);
	if (tb[IFLA_IPTUN_LOCAL])
		memcpy(&s->local, mnl_attr_get_payload(tb[IFLA_IPTUN_LOCAL]), sizeof(s->local));
	if (tb[IFLA_IPTUN_REMOTE])
		memcpy(&s->remote, mnl_attr_get_payload(tb[IFLA_IPTUN_REMOTE]),
		       sizeof(s->remote));
	if (tb[IFLA_IPTUN_LINK])
		s->link = mnl_attr_get_u32(tb[IFLA_IPTUN_LINK]);
	if (tb[IFLA_IPTUN_PROTO])
		s->proto = mnl_attr_get_u8(tb[IFLA_IPTUN_PROTO]);
	if (tb[IFLA_IPTUN_TTL])
		s->ip6.hoplimit = mnl_attr_get_u8(tb[IFLA_IPTUN_TTL]);
	if (tb[IFLA_IPTUN_ENCAP_LIMIT])
		s->ip6.encap_limit = mnl_attr_get_u8(tb[IFLA_IPTUN_ENCAP_LIMIT]);
	if (tb[IFLA_IPTUN_FLOWINFO])
		s->ip6.flowinfo = mnl_attr_get_u32(tb[IFLA_IPTUN_FLOWINFO]);
	if (tb[IFLA_IPTUN_FLAGS])
		s->ip6.flags = mnl_attr_get_u32(tb[IFLA_IPTUN_FLAGS]);
	if (tb[IFLA_IPTUN_FWMARK])
		s->ip6.fwmark = mnl_attr_get_u32(tb[IFLA_IPTUN_FWMARK]);
	s->external = tb[IFLA_IPTUN_COLLECT_METADATA];
}

static void put_settings(struct nlmsghdr *req, const struct ip6tnl_settings *s)
{
	mnl_attr_put_u8(req, IFLA_IPTUN_PROTO, s->proto);
	if (s->external) {
		mnl_attr_put(req, IFLA_IPTUN_COLLECT_METADATA, 0, NULL);
		return;
	}
	if (!IN6_IS_ADDR_UNSPECIFIED(&s->local))
		mnl_attr_put(req, IFLA_IPTUN_LOCAL, sizeof(s->local), &s->local);
	if (!IN6_IS_ADDR_UNSPECIFIED(&s->remote))
		mnl_attr_put(req, IFLA_IPTUN_REMOTE, sizeof(s->remote), &s->remote);
	mnl_attr_put_u8(req, IFLA_IPTUN_TTL, s->ip6.hoplimit);
	mnl_attr_put_u8(req, IFLA_IPTUN_ENCAP_LIMIT, s->ip6.encap_limit);
	mnl_attr_put_u32(req, IFLA_IPTUN_FLOWINFO, s->ip6.flowinfo);
	mnl_attr_put_u32(req, IFLA_IPTUN_FLAGS, s->ip6.flags);
	mnl_attr_put_u32(req, IFLA_IPTUN_LINK, s->link);
	mnl_attr_put_u32(req, IFLA_IPTUN_FWMARK, s->ip6.fwmark);
	tnl_encap_put(req, &s->encap, IFLA_IPTUN_ENCAP_TYPE);
}

static uint8_t parse_mode(const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(modes); i++)
		if (!strcmp(arg, modes[i].word))
			return modes[i].proto;
	invarg("Cannot guess tunnel mode.", arg);
}

static void ip6tnl_parse(int argc, char **argv, struct nlmsghdr *req)
{
	struct ip6tnl_settings s = {
		.ip6 = { .hoplimit = 64, .encap_limit = IPV6_DEFAULT_TNL_ENCAP_LIMIT },
		.encap.flags = TUNNEL_ENCAP_FLAG_CSUM6,
	};
	const struct nlattr *existing = tnl_existing_data(req);

	if (existing)
		read_existing(&s, existing);
	while (argc > 0) {
		/* The endpoints come first: "d" is dev here, not dsfield. */
		if (!strcmp(*argv, "remote")) {
			NEXT_ARG();
			tnl_parse_ipv6(*argv, &s.remote);
		} else if (!strcmp(*argv, "local")) {
			NEXT_ARG();
			tnl_parse_ipv6(*argv, &s.local);
		} else if (matches(*argv, "dev")) {
			NEXT_ARG();
			s.link = tnl_parse_dev(*argv);
		} else if (!strcmp(*argv, "mode")) {
			NEXT_ARG();
			s.proto = parse_mode(*argv);
		} else if (!strcmp(*argv, "external")) {
			s.external = true;
		} else if (!tnl_ip6_parse(&argc, &argv, &s.ip6, true) &&
			   !tnl_encap_parse(&argc, &argv, &s.encap)) {
			ip6tnl_print_help(stderr);
			exit(1);
		}
		argc--;
		argv++;
	}
	put_settings(req, &s);
}

static void print_proto(const struct nlattr *attr)
{
	size_t i;

	if (!attr)
		return;
	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		if (modes[i].proto == mnl_attr_get_u8(attr)) {
			pr_string("proto", "%s ", modes[i].word);
			return;
		}
	}
}

static void ip6tnl_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_IPTUN_MAX + 1];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_IPTUN_MAX, ip6tnl_policy);
	/* An external tunnel still shows its (empty) endpoints and settings. */
	if (tb[IFLA_IPTUN_COLLECT_METADATA])
		pr_flag("external", "external ");
	print_proto(tb[IFLA_IPTUN_PROTO]);
	tnl_print_endpoint("remote", tb[IFLA_IPTUN_REMOTE], AF_INET6);
	tnl_print_endpoint("local", tb[IFLA_IPTUN_LOCAL], AF_INET6);
	tnl_print_dev(tb[IFLA_IPTUN_LINK]);
	tnl_ip6_print(tb[IFLA_IPTUN_TTL], tb[IFLA_IPTUN_ENCAP_LIMIT], tb[IFLA_IPTUN_FLOWINFO],
		      tb[IFLA_IPTUN_FLAGS]);
	tnl_ip6_print_fwmark(tb[IFLA_IPTUN_FWMARK], tb[IFLA_IPTUN_FLAGS]);
	tnl_encap_print(tb, IFLA_IPTUN_ENCAP_TYPE);
}

static const struct link_kind ip6tnl_kind = {
	.name = "ip6tnl",
	.print_data = ip6tnl_print_data,
	.print_help = ip6tnl_print_help,
	.parse = ip6tnl_parse,
};
LINK_KIND(ip6tnl_kind);
