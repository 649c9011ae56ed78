// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * IP in IPv4: ipip (IPv4 or MPLS inside) and sit (IPv6 inside, with
 * ISATAP and 6rd), on one parser and one printer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"
#include "link_tunnel.h"

static const struct nl_attr_policy iptnl_policy[IFLA_IPTUN_MAX + 1] = {
	[IFLA_IPTUN_LINK] = { .kind = NLA_U32 },
	[IFLA_IPTUN_LOCAL] = { .kind = NLA_U32 },
	[IFLA_IPTUN_REMOTE] = { .kind = NLA_U32 },
	[IFLA_IPTUN_TTL] = { .kind = NLA_U8 },
	[IFLA_IPTUN_TOS] = { .kind = NLA_U8 },
	[IFLA_IPTUN_FLAGS] = { .kind = NLA_U16 },
	[IFLA_IPTUN_PROTO] = { .kind = NLA_U8 },
	[IFLA_IPTUN_PMTUDISC] = { .kind = NLA_U8 },
	[IFLA_IPTUN_6RD_PREFIX] = { .kind = NLA_BINARY, .min_len = sizeof(struct in6_addr) },
	[IFLA_IPTUN_6RD_RELAY_PREFIX] = { .kind = NLA_U32 },
	[IFLA_IPTUN_6RD_PREFIXLEN] = { .kind = NLA_U16 },
	[IFLA_IPTUN_6RD_RELAY_PREFIXLEN] = { .kind = NLA_U16 },
	[IFLA_IPTUN_ENCAP_TYPE] = { .kind = NLA_U16 },
	[IFLA_IPTUN_ENCAP_FLAGS] = { .kind = NLA_U16 },
	[IFLA_IPTUN_ENCAP_SPORT] = { .kind = NLA_U16 },
	[IFLA_IPTUN_ENCAP_DPORT] = { .kind = NLA_U16 },
	[IFLA_IPTUN_COLLECT_METADATA] = { .kind = NLA_ANY },
	[IFLA_IPTUN_FWMARK] = { .kind = NLA_U32 },
};

/* The inner protocols of `mode`, by kind. */
static const struct {
	const char *word;
	uint8_t proto;
	bool sit;	/* sit only */
} modes[] = {
	{ "ip6ip", IPPROTO_IPV6, true },
	{ "ipip", IPPROTO_IPIP, false },
	{ "mplsip", IPPROTO_MPLS, false },
	{ "any", 0, false },
};

struct iptnl_settings {
	struct tnl_encap encap;
	uint32_t local, remote;	/* network order */
	uint32_t link;
	uint32_t fwmark;
	uint8_t ttl, tos, pmtudisc, proto;
	uint16_t flags;		/* SIT_ISATAP */
	struct in6_addr prefix;	/* 6rd */
	uint16_t prefix_len;
	uint32_t relay_prefix;
	uint16_t relay_prefix_len;
	bool has_6rd_prefix, has_6rd_relay;
	bool external;
};

static void print_help_of(FILE *out, bool sit)
{
	fprintf(out,
		"Usage: ... %-6s\t[ remote ADDR ]\n"
		"\t\t\t[ local ADDR ]\n"
		"\t\t\t[ ttl TTL ]\n"
		"\t\t\t[ tos TOS ]\n"
		"\t\t\t[ [no]pmtudisc ]\n"
		"\t\t\t[ 6rd-prefix ADDR ]\n"
		"\t\t\t[ 6rd-relay_prefix ADDR ]\n"
		"\t\t\t[ 6rd-reset ]\n"
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
		"\t\t\t[ mode %s ]\n",
		sit ? "sit" : "ipip", sit ? "{ ip6ip | ipip | mplsip | any }" : "{ ipip | mplsip | any }");
	if (sit)
		fputs("\t\t\t[ isatap ]\n", out);
	fputs("\n"
	      "Where:\tADDR := { IP_ADDRESS | any }\n"
	      "\tTOS  := { NUMBER | inherit }\n"
	      "\tTTL  := { 1..255 | inherit }\n"
	      "\tMARK := { 0x0..0xffffffff }\n",
	      out);
}

static void ipip_print_help(FILE *out)
{
	print_help_of(out, false);
}

static void sit_print_help(FILE *out)
{
	print_help_of(out, true);
}

static void read_existing(struct iptnl_settings *s, const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_IPTUN_MAX + 1];

	nl_attr_parse_nested(data, tb, IFLA_IPTUN_MAX, iptnl_policy);
	tnl_encap_read(&s->encap, tb, IFLA_IPTUN_ENCAP_TYPE);
	if (tb[IFLA_IPTUN_LOCAL])
		s->local = mnl_attr_get_u32(tb[IFLA_IPTUN_LOCAL]);
	if (tb[IFLA_IPTUN_REMOTE])
		s->remote = mnl_attr_get_u32(tb[IFLA_IPTUN_REMOTE]);
	if (tb[IFLA_IPTUN_LINK])
		s->link = mnl_attr_get_u32(tb[IFLA_IPTUN_LINK]);
	if (tb[IFLA_IPTUN_FWMARK])
		s->fwmark = mnl_attr_get_u32(tb[IFLA_IPTUN_FWMARK]);
	if (tb[IFLA_IPTUN_TTL])
		s->ttl = mnl_attr_get_u8(tb[IFLA_IPTUN_TTL]);
	if (tb[IFLA_IPTUN_TOS])
		s->tos = mnl_attr_get_u8(tb[IFLA_IPTUN_TOS]);
	if (tb[IFLA_IPTUN_PMTUDISC])
		s->pmtudisc = mnl_attr_get_u8(tb[IFLA_IPTUN_PMTUDISC]);
	if (tb[IFLA_IPTUN_PROTO])
		s->proto = mnl_attr_get_u8(tb[IFLA_IPTUN_PROTO]);
	if (tb[IFLA_IPTUN_FLAGS])
		s->flags = mnl_attr_get_u16(tb[IFLA_IPTUN_FLAGS]);
	s->external = tb[IFLA_IPTUN_COLLECT_METADATA];
}

static void parse_6rd_prefix(const char *arg, struct iptnl_settings *s)
{
	struct inet_prefix p;

	if (prefix_parse(arg, AF_INET6, &p) || p.family != AF_INET6) {
		fprintf(stderr, "Error: inet6 prefix is expected rather than \"%s\".\n", arg);
		exit(1);
	}
	memcpy(&s->prefix, p.data, sizeof(s->prefix));
	s->prefix_len = p.bitlen;
	s->has_6rd_prefix = true;
}

static void parse_6rd_relay(const char *arg, struct iptnl_settings *s)
{
	struct inet_prefix p;

	if (prefix_parse(arg, AF_INET, &p) || p.family != AF_INET) {
		fprintf(stderr, "Error: inet prefix is expected rather than \"%s\".\n", arg);
		exit(1);
	}
	memcpy(&s->relay_prefix, p.data, sizeof(s->relay_prefix));
	s->relay_prefix_len = p.bitlen;
	s->has_6rd_relay = true;
}

static uint8_t parse_mode(const char *arg, bool sit)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(modes); i++)
		if ((sit || !modes[i].sit) && !strcmp(arg, modes[i].word))
			return modes[i].proto;
	invarg("Cannot guess tunnel mode.", arg);
}

static void put_settings(struct nlmsghdr *req, const struct iptnl_settings *s, bool sit)
{
	mnl_attr_put_u8(req, IFLA_IPTUN_PROTO, s->proto);
	if (s->external) {
		mnl_attr_put(req, IFLA_IPTUN_COLLECT_METADATA, 0, NULL);
		return;
	}
	if (s->local)
		mnl_attr_put_u32(req, IFLA_IPTUN_LOCAL, s->local);
	if (s->remote)
		mnl_attr_put_u32(req, IFLA_IPTUN_REMOTE, s->remote);
	mnl_attr_put_u8(req, IFLA_IPTUN_PMTUDISC, s->pmtudisc);
	mnl_attr_put_u8(req, IFLA_IPTUN_TOS, s->tos);
	mnl_attr_put_u8(req, IFLA_IPTUN_TTL, s->ttl);
	mnl_attr_put_u32(req, IFLA_IPTUN_LINK, s->link);
	mnl_attr_put_u32(req, IFLA_IPTUN_FWMARK, s->fwmark);
	tnl_encap_put(req, &s->encap, IFLA_IPTUN_ENCAP_TYPE);
	if (!sit)
		return;
	mnl_attr_put_u16(req, IFLA_IPTUN_FLAGS, s->flags);
	if (s->has_6rd_prefix) {
		mnl_attr_put(req, IFLA_IPTUN_6RD_PREFIX, sizeof(s->prefix), &s->prefix);
		mnl_attr_put_u16(req, IFLA_IPTUN_6RD_PREFIXLEN, s->prefix_len);
	}
	if (s->has_6rd_relay) {
		mnl_attr_put_u32(req, IFLA_IPTUN_6RD_RELAY_PREFIX, s->relay_prefix);
		mnl_attr_put_u16(req, IFLA_IPTUN_6RD_RELAY_PREFIXLEN, s->relay_prefix_len);
	}
}

static void parse_kind(bool sit, int argc, char **argv, struct nlmsghdr *req)
{
	struct iptnl_settings s = { .pmtudisc = 1 };
	const struct nlattr *existing = tnl_existing_data(req);

	if (existing)
		read_existing(&s, existing);
	while (argc > 0) {
		if (tnl_encap_parse(&argc, &argv, &s.encap)) {
			argc--;
			argv++;
			continue;
		}
		if (!strcmp(*argv, "remote")) {
			NEXT_ARG();
			s.remote = tnl_parse_ipv4(*argv);
		} else if (!strcmp(*argv, "local")) {
			NEXT_ARG();
			s.local = tnl_parse_ipv4(*argv);
		} else if (matches(*argv, "dev")) {
			NEXT_ARG();
			s.link = tnl_parse_dev(*argv);
		} else if (!strcmp(*argv, "ttl") || !strcmp(*argv, "hoplimit") ||
			   !strcmp(*argv, "hlim")) {
			NEXT_ARG();
			s.ttl = tnl_parse_ttl(*argv);
		} else if (!strcmp(*argv, "tos") || !strcmp(*argv, "tclass") || !strcmp(*argv, "tc") ||
			   matches(*argv, "dsfield")) {
			NEXT_ARG();
			s.tos = tnl_parse_tos(*argv);
		} else if (!strcmp(*argv, "nopmtudisc")) {
			s.pmtudisc = 0;
		} else if (!strcmp(*argv, "pmtudisc")) {
			s.pmtudisc = 1;
		} else if (!strcmp(*argv, "isatap") && sit) {
			s.flags |= SIT_ISATAP;
		} else if (!strcmp(*argv, "mode")) {
			NEXT_ARG();
			s.proto = parse_mode(*argv, sit);
		} else if (!strcmp(*argv, "6rd-prefix")) {
			NEXT_ARG();
			parse_6rd_prefix(*argv, &s);
		} else if (!strcmp(*argv, "6rd-relay_prefix")) {
			NEXT_ARG();
			parse_6rd_relay(*argv, &s);
		} else if (!strcmp(*argv, "external")) {
			s.external = true;
		} else if (!strcmp(*argv, "fwmark")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &s.fwmark))
				invarg("invalid fwmark\n", *argv);
		} else {
			print_help_of(stderr, sit);
			exit(1);
		}
		argc--;
		argv++;
	}
	if (s.ttl && !s.pmtudisc) {
		fprintf(stderr, "ttl != 0 and nopmtudisc are incompatible\n");
		exit(IP_EXIT_USAGE);
	}
	put_settings(req, &s, sit);
}

static void ipip_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_kind(false, argc, argv, req);
}

static void sit_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_kind(true, argc, argv, req);
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

static void print_6rd(const struct nlattr **tb)
{
	char buf[INET6_ADDRSTRLEN];
	uint16_t len, relay_len;

	if (!tb[IFLA_IPTUN_6RD_PREFIXLEN] || !tb[IFLA_IPTUN_6RD_PREFIX] ||
	    !(len = mnl_attr_get_u16(tb[IFLA_IPTUN_6RD_PREFIXLEN])))
		return;
	inet_ntop(AF_INET6, mnl_attr_get_payload(tb[IFLA_IPTUN_6RD_PREFIX]), buf, sizeof(buf));
	pr_string("prefix", "6rd-prefix %s/", buf);
	pr_uint("prefixlen", "%u ", len);
	relay_len = tb[IFLA_IPTUN_6RD_RELAY_PREFIXLEN] ?
		    mnl_attr_get_u16(tb[IFLA_IPTUN_6RD_RELAY_PREFIXLEN]) : 0;
	if (!relay_len || !tb[IFLA_IPTUN_6RD_RELAY_PREFIX])
		return;
	inet_ntop(AF_INET, mnl_attr_get_payload(tb[IFLA_IPTUN_6RD_RELAY_PREFIX]), buf,
		  sizeof(buf));
	pr_string("relay_prefix", "6rd-relay_prefix %s/", buf);
	pr_uint("relay_prefixlen", "%u ", relay_len);
}

static void iptnl_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_IPTUN_MAX + 1];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_IPTUN_MAX, iptnl_policy);
	/* An external tunnel still shows its (empty) endpoints and TTL. */
	if (tb[IFLA_IPTUN_COLLECT_METADATA])
		pr_flag("external", "external ");
	print_proto(tb[IFLA_IPTUN_PROTO]);
	tnl_print_endpoint("remote", tb[IFLA_IPTUN_REMOTE], AF_INET);
	tnl_print_endpoint("local", tb[IFLA_IPTUN_LOCAL], AF_INET);
	tnl_print_dev(tb[IFLA_IPTUN_LINK]);
	tnl_print_ttl("ttl", tb[IFLA_IPTUN_TTL]);
	tnl_print_tos("tos", tb[IFLA_IPTUN_TOS]);
	if (tb[IFLA_IPTUN_PMTUDISC]) {
		bool on = mnl_attr_get_u8(tb[IFLA_IPTUN_PMTUDISC]);

		pr_bool("pmtudisc", on ? "pmtudisc " : "nopmtudisc ", on);
	}
	if (tb[IFLA_IPTUN_FLAGS] && mnl_attr_get_u16(tb[IFLA_IPTUN_FLAGS]) & SIT_ISATAP)
		pr_flag("isatap", "isatap ");
	print_6rd(tb);
	tnl_print_fwmark(tb[IFLA_IPTUN_FWMARK]);
	tnl_encap_print(tb, IFLA_IPTUN_ENCAP_TYPE);
}

static const struct link_kind ipip_kind = {
	.name = "ipip",
	.print_data = iptnl_print_data,
	.print_help = ipip_print_help,
	.parse = ipip_parse,
};
LINK_KIND(ipip_kind);

static const struct link_kind sit_kind = {
	.name = "sit",
	.print_data = iptnl_print_data,
	.print_help = sit_print_help,
	.parse = sit_parse,
};
LINK_KIND(sit_kind);
