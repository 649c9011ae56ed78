// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * GRE over IPv4: gre (IP in GRE), gretap (Ethernet in GRE) and erspan
 * (mirrored Ethernet in GRE).  One parser and one printer serve all
 * three; only erspan takes the ERSPAN settings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>

#include <nlkit/attr.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"
#include "link_tunnel.h"

static const struct nl_attr_policy gre_policy[IFLA_GRE_MAX + 1] = {
	[IFLA_GRE_LINK] = { .kind = NLA_U32 },
	[IFLA_GRE_IFLAGS] = { .kind = NLA_U16 },
	[IFLA_GRE_OFLAGS] = { .kind = NLA_U16 },
	[IFLA_GRE_IKEY] = { .kind = NLA_U32 },
	[IFLA_GRE_OKEY] = { .kind = NLA_U32 },
	[IFLA_GRE_LOCAL] = { .kind = NLA_U32 },
	[IFLA_GRE_REMOTE] = { .kind = NLA_U32 },
	[IFLA_GRE_TTL] = { .kind = NLA_U8 },
	[IFLA_GRE_TOS] = { .kind = NLA_U8 },
	[IFLA_GRE_PMTUDISC] = { .kind = NLA_U8 },
	[IFLA_GRE_ENCAP_TYPE] = { .kind = NLA_U16 },
	[IFLA_GRE_ENCAP_FLAGS] = { .kind = NLA_U16 },
	[IFLA_GRE_ENCAP_SPORT] = { .kind = NLA_U16 },
	[IFLA_GRE_ENCAP_DPORT] = { .kind = NLA_U16 },
	[IFLA_GRE_COLLECT_METADATA] = { .kind = NLA_ANY },
	[IFLA_GRE_IGNORE_DF] = { .kind = NLA_U8 },
	[IFLA_GRE_FWMARK] = { .kind = NLA_U32 },
	[IFLA_GRE_ERSPAN_INDEX] = { .kind = NLA_U32 },
	[IFLA_GRE_ERSPAN_VER] = { .kind = NLA_U8 },
	[IFLA_GRE_ERSPAN_DIR] = { .kind = NLA_U8 },
	[IFLA_GRE_ERSPAN_HWID] = { .kind = NLA_U16 },
};

/* Everything a request carries, seeded from the link `set` changes. */
struct gre_settings {
	struct tnl_gre_keys keys;
	struct tnl_encap encap;
	struct tnl_erspan erspan;
	uint32_t local, remote;	/* network order */
	uint32_t link;
	uint32_t fwmark;
	uint8_t ttl, tos, pmtudisc;
	uint8_t ignore_df;
	bool has_ignore_df;
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
		"\t\t\t[ ttl TTL ]\n"
		"\t\t\t[ tos TOS ]\n"
		"\t\t\t[ [no]pmtudisc ]\n"
		"\t\t\t[ [no]ignore-df ]\n"
		"\t\t\t[ dev PHYS_DEV ]\n"
		"\t\t\t[ fwmark MARK ]\n"
		"\t\t\t[ external ]\n"
		"\t\t\t[ noencap ]\n"
		"\t\t\t[ encap { fou | gue | none } ]\n"
		"\t\t\t[ encap-sport PORT ]\n"
		"\t\t\t[ encap-dport PORT ]\n"
		"\t\t\t[ [no]encap-csum ]\n"
		"\t\t\t[ [no]encap-csum6 ]\n"
		"\t\t\t[ [no]encap-remcsum ]\n",
		kind);
	if (!strcmp(kind, "erspan"))
		fputs("\t\t\t[ erspan_ver version ]\n"
		      "\t\t\t[ erspan IDX ]\n"
		      "\t\t\t[ erspan_dir { ingress | egress } ]\n"
		      "\t\t\t[ erspan_hwid hwid ]\n",
		      out);
	fputs("\n"
	      "Where:\tADDR := { IP_ADDRESS | any }\n"
	      "\tTOS  := { NUMBER | inherit }\n"
	      "\tTTL  := { 1..255 | inherit }\n"
	      "\tKEY  := { DOTTED_QUAD | NUMBER }\n"
	      "\tMARK := { 0x0..0xffffffff }\n",
	      out);
}

static void gre_print_help(FILE *out)
{
	print_help_of(out, "gre");
}

static void gretap_print_help(FILE *out)
{
	print_help_of(out, "gretap");
}

static void erspan_print_help(FILE *out)
{
	print_help_of(out, "erspan");
}

static void read_existing(struct gre_settings *s, const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_GRE_MAX + 1];

	nl_attr_parse_nested(data, tb, IFLA_GRE_MAX, gre_policy);
	tnl_gre_keys_read(&s->keys, tb);
	tnl_encap_read(&s->encap, tb, IFLA_GRE_ENCAP_TYPE);
	tnl_erspan_read(&s->erspan, tb);
	if (tb[IFLA_GRE_LOCAL])
		s->local = mnl_attr_get_u32(tb[IFLA_GRE_LOCAL]);
	if (tb[IFLA_GRE_REMOTE])
		s->remote = mnl_attr_get_u32(tb[IFLA_GRE_REMOTE]);
	if (tb[IFLA_GRE_LINK])
		s->link = mnl_attr_get_u32(tb[IFLA_GRE_LINK]);
	if (tb[IFLA_GRE_FWMARK])
		s->fwmark = mnl_attr_get_u32(tb[IFLA_GRE_FWMARK]);
	if (tb[IFLA_GRE_TTL])
		s->ttl = mnl_attr_get_u8(tb[IFLA_GRE_TTL]);
	if (tb[IFLA_GRE_TOS])
		s->tos = mnl_attr_get_u8(tb[IFLA_GRE_TOS]);
	if (tb[IFLA_GRE_PMTUDISC])
		s->pmtudisc = mnl_attr_get_u8(tb[IFLA_GRE_PMTUDISC]);
	if (tb[IFLA_GRE_IGNORE_DF]) {
		s->ignore_df = mnl_attr_get_u8(tb[IFLA_GRE_IGNORE_DF]);
		s->has_ignore_df = true;
	}
	s->external = tb[IFLA_GRE_COLLECT_METADATA];
}

static void put_settings(struct nlmsghdr *req, const struct gre_settings *s, bool erspan)
{
	if (s->external) {
		mnl_attr_put(req, IFLA_GRE_COLLECT_METADATA, 0, NULL);
		return;
	}
	mnl_attr_put_u32(req, IFLA_GRE_IKEY, s->keys.ikey);
	mnl_attr_put_u32(req, IFLA_GRE_OKEY, s->keys.okey);
	mnl_attr_put_u16(req, IFLA_GRE_IFLAGS, s->keys.iflags);
	mnl_attr_put_u16(req, IFLA_GRE_OFLAGS, s->keys.oflags);
	if (s->local)
		mnl_attr_put_u32(req, IFLA_GRE_LOCAL, s->local);
	if (s->remote)
		mnl_attr_put_u32(req, IFLA_GRE_REMOTE, s->remote);
	mnl_attr_put_u8(req, IFLA_GRE_PMTUDISC, s->pmtudisc);
	if (s->has_ignore_df)
		mnl_attr_put_u8(req, IFLA_GRE_IGNORE_DF, s->ignore_df);
	mnl_attr_put_u8(req, IFLA_GRE_TOS, s->tos);
	if (s->link)
		mnl_attr_put_u32(req, IFLA_GRE_LINK, s->link);
	mnl_attr_put_u8(req, IFLA_GRE_TTL, s->ttl);
	mnl_attr_put_u32(req, IFLA_GRE_FWMARK, s->fwmark);
	if (erspan)
		tnl_erspan_put(req, &s->erspan);
	tnl_encap_put(req, &s->encap, IFLA_GRE_ENCAP_TYPE);
}

static void parse_kind(const char *kind, int argc, char **argv, struct nlmsghdr *req)
{
	struct gre_settings s = { .pmtudisc = 1, .erspan.ver = 1 };
	const struct nlattr *existing = tnl_existing_data(req);
	bool erspan = !strcmp(kind, "erspan");

	if (existing)
		read_existing(&s, existing);
	while (argc > 0) {
		if (tnl_gre_keys_parse(&argc, &argv, &s.keys) ||
		    tnl_encap_parse(&argc, &argv, &s.encap) ||
		    (erspan && tnl_erspan_parse(&argc, &argv, &s.erspan))) {
			argc--;
			argv++;
			continue;
		}
		if (matches(*argv, "nopmtudisc")) {
			s.pmtudisc = 0;
		} else if (matches(*argv, "pmtudisc")) {
			s.pmtudisc = 1;
		} else if (matches(*argv, "remote")) {
			NEXT_ARG();
			s.remote = tnl_parse_ipv4(*argv);
		} else if (matches(*argv, "local")) {
			NEXT_ARG();
			s.local = tnl_parse_ipv4(*argv);
		} else if (matches(*argv, "dev")) {
			NEXT_ARG();
			s.link = tnl_parse_dev(*argv);
		} else if (matches(*argv, "ttl") || matches(*argv, "hoplimit") ||
			   matches(*argv, "hlim")) {
			NEXT_ARG();
			s.ttl = tnl_parse_ttl(*argv);
		} else if (matches(*argv, "tos") || matches(*argv, "tclass") ||
			   matches(*argv, "dsfield")) {
			NEXT_ARG();
			s.tos = tnl_parse_tos(*argv);
		} else if (!strcmp(*argv, "external")) {
			s.external = true;
		} else if (!strcmp(*argv, "ignore-df") || !strcmp(*argv, "noignore-df")) {
			s.ignore_df = !strcmp(*argv, "ignore-df");
			s.has_ignore_df = true;
		} else if (!strcmp(*argv, "fwmark")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &s.fwmark))
				invarg("invalid fwmark\n", *argv);
		} else {
			print_help_of(stderr, kind);
			exit(1);
		}
		argc--;
		argv++;
	}
	if (IN_MULTICAST(ntohl(s.remote))) {
		/* The kernel would take the group as its own source. */
		if (!s.local) {
			fprintf(stderr, "A broadcast tunnel requires a source address.\n");
			exit(1);
		}
		/* A way without a key of its own is keyed by the group. */
		if (!(s.keys.iflags & GRE_KEY)) {
			s.keys.iflags |= GRE_KEY;
			s.keys.ikey = s.remote;
		}
		if (!(s.keys.oflags & GRE_KEY)) {
			s.keys.oflags |= GRE_KEY;
			s.keys.okey = s.remote;
		}
	}
	put_settings(req, &s, erspan);
}

static void gre_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_kind("gre", argc, argv, req);
}

static void gretap_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_kind("gretap", argc, argv, req);
}

static void erspan_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_kind("erspan", argc, argv, req);
}

static void gre_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_GRE_MAX + 1];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_GRE_MAX, gre_policy);
	/* An external tunnel still shows its (empty) endpoints and TTL. */
	if (tb[IFLA_GRE_COLLECT_METADATA])
		pr_flag("external", "external ");
	tnl_print_endpoint("remote", tb[IFLA_GRE_REMOTE], AF_INET);
	tnl_print_endpoint("local", tb[IFLA_GRE_LOCAL], AF_INET);
	tnl_print_dev(tb[IFLA_GRE_LINK]);
	tnl_print_ttl("ttl", tb[IFLA_GRE_TTL]);
	tnl_print_tos("tos", tb[IFLA_GRE_TOS]);
	if (tb[IFLA_GRE_PMTUDISC]) {
		bool on = mnl_attr_get_u8(tb[IFLA_GRE_PMTUDISC]);

		/* The text names only the exception: path MTU discovery off. */
		pr_bool("pmtudisc", on ? NULL : "nopmtudisc ", on);
	}
	if (tb[IFLA_GRE_IGNORE_DF] && mnl_attr_get_u8(tb[IFLA_GRE_IGNORE_DF]))
		pr_flag("ignore_df", "ignore-df ");
	tnl_gre_keys_print(tb);
	tnl_print_fwmark(tb[IFLA_GRE_FWMARK]);
	tnl_erspan_print(tb);
	tnl_encap_print(tb, IFLA_GRE_ENCAP_TYPE);
}

static const struct link_kind gre_kind = {
	.name = "gre",
	.print_data = gre_print_data,
	.print_help = gre_print_help,
	.parse = gre_parse,
};
LINK_KIND(gre_kind);

static const struct link_kind gretap_kind = {
	.name = "gretap",
	.print_data = gre_print_data,
	.print_help = gretap_print_help,
	.parse = gretap_parse,
};
LINK_KIND(gretap_kind);

static const struct link_kind erspan_kind = {
	.name = "erspan",
	.print_data = gre_print_data,
	.print_help = erspan_print_help,
	.parse = erspan_parse,
};
LINK_KIND(erspan_kind);
