// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * GRE over IPv6: ip6gre (IP in GRE), ip6gretap (Ethernet in GRE) and
 * ip6erspan (mirrored Ethernet in GRE), on one parser and one printer.
 */
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

static const struct nl_attr_policy ip6gre_policy[IFLA_GRE_MAX + 1] = {
	[IFLA_GRE_LINK] = { .kind = NLA_U32 },
	[IFLA_GRE_IFLAGS] = { .kind = NLA_U16 },
	[IFLA_GRE_OFLAGS] = { .kind = NLA_U16 },
	[IFLA_GRE_IKEY] = { .kind = NLA_U32 },
	[IFLA_GRE_OKEY] = { .kind = NLA_U32 },
	[IFLA_GRE_LOCAL] = { .kind = NLA_BINARY, .min_len = sizeof(struct in6_addr) },
	[IFLA_GRE_REMOTE] = { .kind = NLA_BINARY, .min_len = sizeof(struct in6_addr) },
	[IFLA_GRE_TTL] = { .kind = NLA_U8 },
	[IFLA_GRE_ENCAP_LIMIT] = { .kind = NLA_U8 },
	[IFLA_GRE_FLOWINFO] = { .kind = NLA_U32 },
	[IFLA_GRE_FLAGS] = { .kind = NLA_U32 },
	[IFLA_GRE_ENCAP_TYPE] = { .kind = NLA_U16 },
	[IFLA_GRE_ENCAP_FLAGS] = { .kind = NLA_U16 },
	[IFLA_GRE_ENCAP_SPORT] = { .kind = NLA_U16 },
	[IFLA_GRE_ENCAP_DPORT] = { .kind = NLA_U16 },
	[IFLA_GRE_COLLECT_METADATA] = { .kind = NLA_ANY },
	[IFLA_GRE_FWMARK] = { .kind = NLA_U32 },
	[IFLA_GRE_ERSPAN_INDEX] = { .kind = NLA_U32 },
	[IFLA_GRE_ERSPAN_VER] = { .kind = NLA_U8 },
	[IFLA_GRE_ERSPAN_DIR] = { .kind = NLA_U8 },
	[IFLA_GRE_ERSPAN_HWID] = { .kind = NLA_U16 },
};

struct ip6gre_settings {
	struct tnl_gre_keys keys;
	struct tnl_ip6 ip6;
	struct tnl_encap encap;
	struct tnl_erspan erspan;
	struct in6_addr local, remote;
	uint32_t link;
	bool external;
};

static void print_help_of(FILE *out, const char *kind)
{
	fprintf(out,
		"Usage: ... %-9s\t[ remote ADDR ]\n"
		"\t\t\t[ local ADDR ]\n"
		"\t\t\t[ [no][i|o]seq ]\n"
		"\t\t\t[ [i|o]key KEY | no[i|o]key ]\n"
		"\t\t\t[ [no][i|o]csum ]\n"
		"\t\t\t[ hoplimit TTL ]\n"
		"\t\t\t[ encaplimit ELIM ]\n"
		"\t\t\t[ tclass TCLASS ]\n"
		"\t\t\t[ flowlabel FLOWLABEL ]\n"
		"\t\t\t[ dscp inherit ]\n"
		"\t\t\t[ dev PHYS_DEV ]\n"
		"\t\t\t[ fwmark MARK ]\n"
		"\t\t\t[ [no]allow-localremote ]\n"
		"\t\t\t[ external ]\n"
		"\t\t\t[ noencap ]\n"
		"\t\t\t[ encap { fou | gue | none } ]\n"
		"\t\t\t[ encap-sport PORT ]\n"
		"\t\t\t[ encap-dport PORT ]\n"
		"\t\t\t[ [no]encap-csum ]\n"
		"\t\t\t[ [no]encap-csum6 ]\n"
		"\t\t\t[ [no]encap-remcsum ]\n"
		"\t\t\t[ erspan_ver version ]\n"
		"\t\t\t[ erspan IDX ]\n"
		"\t\t\t[ erspan_dir { ingress | egress } ]\n"
		"\t\t\t[ erspan_hwid hwid ]\n"
		"\n"
		"Where:\tADDR\t  := IPV6_ADDRESS\n"
		"\tTTL\t  := { 0..255 } (default=64)\n"
		"\tKEY\t  := { DOTTED_QUAD | NUMBER }\n"
		"\tELIM\t  := { none | 0..255 }(default=4)\n"
		"\tTCLASS\t  := { 0x0..0xff | inherit }\n"
		"\tFLOWLABEL := { 0x0..0xfffff | inherit }\n"
		"\tMARK\t  := { 0x0..0xffffffff | inherit }\n",
		kind);
}

static void ip6gre_print_help(FILE *out)
{
	print_help_of(out, "ip6gre");
}

static void ip6gretap_print_help(FILE *out)
{
	print_help_of(out, "ip6gretap");
}

static void ip6erspan_print_help(FILE *out)
{
	print_help_of(out, "ip6erspan");
}

static void read_existing(struct ip6gre_settings *s, const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_GRE_MAX + 1];

	nl_attr_parse_nested(data, tb, IFLA_GRE_MAX, ip6gre_policy);
	tnl_gre_keys_read(&s->keys, tb);
	tnl_encap_read(&s->encap, tb, IFLA_GRE_ENCAP_TYPE);
	tnl_erspan_read(&s->erspan, tb);
	if (tb[IFLA_GRE_LOCAL])
		memcpy(&s->local, mnl_attr_get_payload(tb[IFLA_GRE_LOCAL]), sizeof(s->local));
	if (tb[IFLA_GRE_REMOTE])
		memcpy(&s->remote, mnl_attr_get_payload(tb[IFLA_GRE_REMOTE]), sizeof(s->remote));
	if (tb[IFLA_GRE_LINK])
		s->link = mnl_attr_get_u32(tb[IFLA_GRE_LINK]);
	if (tb[IFLA_GRE_TTL])
		s->ip6.hoplimit = mnl_attr_get_u8(tb[IFLA_GRE_TTL]);
	if (tb[IFLA_GRE_ENCAP_LIMIT])
		s->ip6.encap_limit = mnl_attr_get_u8(tb[IFLA_GRE_ENCAP_LIMIT]);
	if (tb[IFLA_GRE_FLOWINFO])
		s->ip6.flowinfo = mnl_attr_get_u32(tb[IFLA_GRE_FLOWINFO]);
	if (tb[IFLA_GRE_FLAGS])
		s->ip6.flags = mnl_attr_get_u32(tb[IFLA_GRE_FLAGS]);
	if (tb[IFLA_GRE_FWMARK])
		s->ip6.fwmark = mnl_attr_get_u32(tb[IFLA_GRE_FWMARK]);
	s->external = tb[IFLA_GRE_COLLECT_METADATA];
}

static void put_settings(struct nlmsghdr *req, const struct ip6gre_settings *s)
{
	if (s->external) {
		mnl_attr_put(req, IFLA_GRE_COLLECT_METADATA, 0, NULL);
		return;
	}
	mnl_attr_put_u32(req, IFLA_GRE_IKEY, s->keys.ikey);
	mnl_attr_put_u32(req, IFLA_GRE_OKEY, s->keys.okey);
	mnl_attr_put_u16(req, IFLA_GRE_IFLAGS, s->keys.iflags);
	mnl_attr_put_u16(req, IFLA_GRE_OFLAGS, s->keys.oflags);
	if (!IN6_IS_ADDR_UNSPECIFIED(&s->local))
		mnl_attr_put(req, IFLA_GRE_LOCAL, sizeof(s->local), &s->local);
	if (!IN6_IS_ADDR_UNSPECIFIED(&s->remote))
		mnl_attr_put(req, IFLA_GRE_REMOTE, sizeof(s->remote), &s->remote);
	if (s->link)
		mnl_attr_put_u32(req, IFLA_GRE_LINK, s->link);
	mnl_attr_put_u8(req, IFLA_GRE_TTL, s->ip6.hoplimit);
	mnl_attr_put_u8(req, IFLA_GRE_ENCAP_LIMIT, s->ip6.encap_limit);
	mnl_attr_put_u32(req, IFLA_GRE_FLOWINFO, s->ip6.flowinfo);
	mnl_attr_put_u32(req, IFLA_GRE_FLAGS, s->ip6.flags);
	mnl_attr_put_u32(req, IFLA_GRE_FWMARK, s->ip6.fwmark);
	tnl_erspan_put(req, &s->erspan);
	tnl_encap_put(req, &s->encap, IFLA_GRE_ENCAP_TYPE);
}

static void parse_kind(const char *kind, int argc, char **argv, struct nlmsghdr *req)
{
	struct ip6gre_settings s = {
		.ip6 = { .hoplimit = 64, .encap_limit = IPV6_DEFAULT_TNL_ENCAP_LIMIT },
		.encap.flags = TUNNEL_ENCAP_FLAG_CSUM6,
		.erspan.ver = 1,
	};
	const struct nlattr *existing = tnl_existing_data(req);

	if (existing)
		read_existing(&s, existing);
	while (argc > 0) {
		/* The endpoints come first: "d" is dev here, not dsfield. */
		if (matches(*argv, "remote")) {
			NEXT_ARG();
			tnl_parse_ipv6(*argv, &s.remote);
		} else if (matches(*argv, "local")) {
			NEXT_ARG();
			tnl_parse_ipv6(*argv, &s.local);
		} else if (matches(*argv, "dev")) {
			NEXT_ARG();
			s.link = tnl_parse_dev(*argv);
		} else if (!strcmp(*argv, "external")) {
			s.external = true;
		} else if (!tnl_gre_keys_parse(&argc, &argv, &s.keys) &&
			   !tnl_ip6_parse(&argc, &argv, &s.ip6, false) &&
			   !tnl_encap_parse(&argc, &argv, &s.encap) &&
			   !tnl_erspan_parse(&argc, &argv, &s.erspan)) {
			print_help_of(stderr, kind);
			exit(1);
		}
		argc--;
		argv++;
	}
	put_settings(req, &s);
}

static void ip6gre_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_kind("ip6gre", argc, argv, req);
}

static void ip6gretap_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_kind("ip6gretap", argc, argv, req);
}

static void ip6erspan_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_kind("ip6erspan", argc, argv, req);
}

static void ip6gre_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_GRE_MAX + 1];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_GRE_MAX, ip6gre_policy);
	/* An external tunnel still shows its (empty) endpoints and settings. */
	if (tb[IFLA_GRE_COLLECT_METADATA])
		pr_flag("external", "external ");
	tnl_print_endpoint("remote", tb[IFLA_GRE_REMOTE], AF_INET6);
	tnl_print_endpoint("local", tb[IFLA_GRE_LOCAL], AF_INET6);
	tnl_print_dev(tb[IFLA_GRE_LINK]);
	tnl_ip6_print(tb[IFLA_GRE_TTL], tb[IFLA_GRE_ENCAP_LIMIT], tb[IFLA_GRE_FLOWINFO],
		      tb[IFLA_GRE_FLAGS]);
	tnl_gre_keys_print(tb);
	tnl_ip6_print_fwmark(tb[IFLA_GRE_FWMARK], tb[IFLA_GRE_FLAGS]);
	tnl_erspan_print(tb);
	tnl_encap_print(tb, IFLA_GRE_ENCAP_TYPE);
}

static const struct link_kind ip6gre_kind = {
	.name = "ip6gre",
	.print_data = ip6gre_print_data,
	.print_help = ip6gre_print_help,
	.parse = ip6gre_parse,
};
LINK_KIND(ip6gre_kind);

static const struct link_kind ip6gretap_kind = {
	.name = "ip6gretap",
	.print_data = ip6gre_print_data,
	.print_help = ip6gretap_print_help,
	.parse = ip6gretap_parse,
};
LINK_KIND(ip6gretap_kind);

static const struct link_kind ip6erspan_kind = {
	.name = "ip6erspan",
	.print_data = ip6gre_print_data,
	.print_help = ip6erspan_print_help,
	.parse = ip6erspan_parse,
};
LINK_KIND(ip6erspan_kind);
