// SPDX-License-Identifier: GPL-2.0-or-later
/* geneve links: Ethernet in UDP with a 24-bit network identifier. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/if_link.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"
#include "link_tunnel.h"

static const struct nl_attr_policy geneve_policy[IFLA_GENEVE_MAX + 1] = {
	[IFLA_GENEVE_ID] = { .kind = NLA_U32 },
	[IFLA_GENEVE_REMOTE] = { .kind = NLA_U32 },
	[IFLA_GENEVE_TTL] = { .kind = NLA_U8 },
	[IFLA_GENEVE_TOS] = { .kind = NLA_U8 },
	[IFLA_GENEVE_PORT] = { .kind = NLA_U16 },
	[IFLA_GENEVE_COLLECT_METADATA] = { .kind = NLA_ANY },
	[IFLA_GENEVE_REMOTE6] = { .kind = NLA_BINARY, .min_len = sizeof(struct in6_addr) },
	[IFLA_GENEVE_UDP_CSUM] = { .kind = NLA_U8 },
	[IFLA_GENEVE_UDP_ZERO_CSUM6_TX] = { .kind = NLA_U8 },
	[IFLA_GENEVE_UDP_ZERO_CSUM6_RX] = { .kind = NLA_U8 },
	[IFLA_GENEVE_LABEL] = { .kind = NLA_U32 },
	[IFLA_GENEVE_TTL_INHERIT] = { .kind = NLA_U8 },
	[IFLA_GENEVE_DF] = { .kind = NLA_U8 },
	[IFLA_GENEVE_INNER_PROTO_INHERIT] = { .kind = NLA_ANY },
};

static const char *const df_names[] = {
	[GENEVE_DF_UNSET] = "unset",
	[GENEVE_DF_SET] = "set",
	[GENEVE_DF_INHERIT] = "inherit",
};

/* The on/off options, each sent only when given. */
static const struct {
	const char *word;	/* "no" + word turns it off */
	int type;
} csum_words[] = {
	{ "udpcsum", IFLA_GENEVE_UDP_CSUM },
	{ "udp6zerocsumtx", IFLA_GENEVE_UDP_ZERO_CSUM6_TX },
	{ "udp6zerocsumrx", IFLA_GENEVE_UDP_ZERO_CSUM6_RX },
};

struct geneve_settings {
	uint32_t vni;
	struct inet_prefix remote;
	uint32_t label;		/* network order */
	uint16_t port;		/* network order */
	uint8_t ttl, tos, df;
	int8_t csum[ARRAY_SIZE(csum_words)];	/* -1 unsaid, else off/on */
	bool has_vni, has_remote, has_label, has_ttl, has_tos, has_df, has_port;
	bool ttl_inherit, external, inner_proto_inherit;
	bool has_ttl_word, has_external_word;
};

/* Each option may be given once: the reference's words for a second. */
static void once(bool *seen, const char *key, const char *arg)
{
	if (*seen)
		duparg2(key, arg);
	*seen = true;
}

static void geneve_print_help(FILE *out)
{
	fputs("Usage: ... geneve id VNI\n"
	      "\t\tremote ADDR\n"
	      "\t\t[ ttl TTL ]\n"
	      "\t\t[ tos TOS ]\n"
	      "\t\t[ df DF ]\n"
	      "\t\t[ flowlabel LABEL ]\n"
	      "\t\t[ dstport PORT ]\n"
	      "\t\t[ [no]external ]\n"
	      "\t\t[ [no]udpcsum ]\n"
	      "\t\t[ [no]udp6zerocsumtx ]\n"
	      "\t\t[ [no]udp6zerocsumrx ]\n"
	      "\t\t[ innerprotoinherit ]\n"
	      "\n"
	      "Where:\tVNI   := 0-16777215\n"
	      "\tADDR  := IP_ADDRESS\n"
	      "\tTOS   := { NUMBER | inherit }\n"
	      "\tTTL   := { 1..255 | auto | inherit }\n"
	      "\tDF    := { unset | set | inherit }\n"
	      "\tLABEL := 0-1048575\n",
	      out);
}

static void __attribute__((noreturn)) geneve_fail(const char *msg)
{
	fprintf(stderr, "geneve: %s\n", msg);
	exit(1);
}

static void parse_remote(const char *arg, struct geneve_settings *s)
{
	uint32_t v4;

	if (addr_parse(arg, AF_UNSPEC, &s->remote) ||
	    (s->remote.family != AF_INET && s->remote.family != AF_INET6)) {
		fprintf(stderr, "Error: any valid address is expected rather than \"%s\".\n", arg);
		exit(1);
	}
	memcpy(&v4, s->remote.data, sizeof(v4));
	if ((s->remote.family == AF_INET && IN_MULTICAST(ntohl(v4))) ||
	    (s->remote.family == AF_INET6 &&
	     IN6_IS_ADDR_MULTICAST((const struct in6_addr *)s->remote.data)))
		invarg("invalid remote address", arg);
	s->has_remote = true;
}

static void parse_ttl(const char *arg, struct geneve_settings *s)
{
	uint32_t ttl;

	once(&s->has_ttl_word, "ttl", arg);
	if (!strcmp(arg, "inherit")) {
		s->ttl_inherit = true;
		return;
	}
	s->has_ttl = true;
	if (!strcmp(arg, "auto")) {
		s->ttl = 0;
		return;
	}
	if (parse_u32(arg, 0, &ttl))
		invarg("invalid TTL", arg);
	if (ttl > 255)
		invarg("TTL must be <= 255", arg);
	s->ttl = ttl;
}

static bool parse_csum_word(const char *arg, struct geneve_settings *s)
{
	bool off = !strncmp(arg, "no", 2);
	size_t i;

	for (i = 0; i < ARRAY_SIZE(csum_words); i++) {
		if (!strcmp(off ? arg + 2 : arg, csum_words[i].word)) {
			if (s->csum[i] >= 0)
				duparg2(arg, arg);
			s->csum[i] = !off;
			return true;
		}
	}
	return false;
}

static void parse_word(int *argcp, char ***argvp, struct geneve_settings *s)
{
	int argc = *argcp;
	char **argv = *argvp;
	uint32_t value;
	size_t i;

	if (matches(*argv, "id") || matches(*argv, "vni")) {
		NEXT_ARG();
		once(&s->has_vni, "id", *argv);
		if (parse_u32(*argv, 0, &s->vni) || s->vni >= 1U << 24)
			invarg("invalid id", *argv);
	} else if (matches(*argv, "remote")) {
		NEXT_ARG();
		once(&s->has_remote, "remote", *argv);
		parse_remote(*argv, s);
	} else if (matches(*argv, "ttl") || matches(*argv, "hoplimit")) {
		NEXT_ARG();
		parse_ttl(*argv, s);
	} else if (matches(*argv, "tos") || matches(*argv, "dsfield")) {
		NEXT_ARG();
		once(&s->has_tos, "tos", *argv);
		s->tos = tnl_parse_tos(*argv);
	} else if (!strcmp(*argv, "df")) {
		NEXT_ARG();
		once(&s->has_df, "df", *argv);
		for (i = 0; i < ARRAY_SIZE(df_names); i++)
			if (!strcmp(*argv, df_names[i]))
				break;
		if (i == ARRAY_SIZE(df_names))
			invarg("DF must be 'unset', 'set' or 'inherit'", *argv);
		s->df = i;
	} else if (matches(*argv, "label") || matches(*argv, "flowlabel")) {
		NEXT_ARG();
		once(&s->has_label, "flowlabel", *argv);
		if (parse_u32(*argv, 0, &value) || value & ~0xfffffU)
			invarg("invalid flowlabel", *argv);
		s->label = htonl(value);
	} else if (!strcmp(*argv, "dstport")) {
		NEXT_ARG();
		once(&s->has_port, "dstport", *argv);
		if (parse_u16(*argv, 0, &s->port))
			invarg("dstport", *argv);
		s->port = htons(s->port);
	} else if (!strcmp(*argv, "external") || !strcmp(*argv, "noexternal")) {
		once(&s->has_external_word, *argv, *argv);
		s->external = **argv == 'e';
	} else if (!strcmp(*argv, "innerprotoinherit")) {
		once(&s->inner_proto_inherit, *argv, *argv);
	} else if (!parse_csum_word(*argv, s)) {
		if (!matches(*argv, "help"))
			fprintf(stderr, "geneve: unknown command \"%s\"?\n", *argv);
		geneve_print_help(stderr);
		exit(1);
	}
	*argcp = argc;
	*argvp = argv;
}

static void put_settings(struct nlmsghdr *req, const struct geneve_settings *s)
{
	bool create = req->nlmsg_flags & NLM_F_CREATE;
	size_t i;



	if (s->ttl_inherit)
		mnl_attr_put_u8(req, IFLA_GENEVE_TTL_INHERIT, 1);
	if (s->has_df)
		mnl_attr_put_u8(req, IFLA_GENEVE_DF, s->df);
	mnl_attr_put_u32(req, IFLA_GENEVE_ID, s->vni);
	if (s->has_remote && s->remote.family == AF_INET)
		mnl_attr_put(req, IFLA_GENEVE_REMOTE, 4, s->remote.data);
	else if (s->has_remote)
		mnl_attr_put(req, IFLA_GENEVE_REMOTE6, 16, s->remote.data);
	/* A new link gets the defaults spelt out; a changed one keeps its own. */
	if (create || s->has_label)
		mnl_attr_put_u32(req, IFLA_GENEVE_LABEL, s->label);
	if (create || s->has_ttl)
		mnl_attr_put_u8(req, IFLA_GENEVE_TTL, s->ttl);
	if (create || s->has_tos)
		mnl_attr_put_u8(req, IFLA_GENEVE_TOS, s->tos);
	if (s->has_port)
		mnl_attr_put_u16(req, IFLA_GENEVE_PORT, s->port);
	if (s->external)
		mnl_attr_put(req, IFLA_GENEVE_COLLECT_METADATA, 0, NULL);
	if (s->inner_proto_inherit)
		mnl_attr_put(req, IFLA_GENEVE_INNER_PROTO_INHERIT, 0, NULL);
	for (i = 0; i < ARRAY_SIZE(csum_words); i++)
		if (s->csum[i] >= 0)
			mnl_attr_put_u8(req, csum_words[i].type, s->csum[i]);
}

static void geneve_parse(int argc, char **argv, struct nlmsghdr *req)
{
	struct geneve_settings s = { .csum = { -1, -1, -1 } };

	for (; argc > 0; argc--, argv++)
		parse_word(&argc, &argv, &s);
	if (s.external && s.has_vni)
		geneve_fail("both 'external' and vni cannot be specified");
	if (!s.external) {
		if (!s.has_vni)
			geneve_fail("missing virtual network identifier");
		if (!s.has_remote)
			geneve_fail("remote link partner not specified");
	}
	put_settings(req, &s);
}

static void print_remote(const struct nlattr **tb)
{
	char buf[INET6_ADDRSTRLEN];

	if (tb[IFLA_GENEVE_REMOTE]) {
		uint32_t addr = mnl_attr_get_u32(tb[IFLA_GENEVE_REMOTE]);

		if (addr)
			pr_string("remote", "remote %s ",
				  addr_format(AF_INET, &addr, sizeof(addr), buf, sizeof(buf)));
	} else if (tb[IFLA_GENEVE_REMOTE6]) {
		const struct in6_addr *addr = mnl_attr_get_payload(tb[IFLA_GENEVE_REMOTE6]);

		if (!IN6_IS_ADDR_UNSPECIFIED(addr))
			pr_string("remote6", "remote %s ",
				  addr_format(AF_INET6, addr, sizeof(*addr), buf, sizeof(buf)));
	}
}

static void print_ttl_tos(const struct nlattr **tb)
{
	uint8_t ttl, tos;

	if (tb[IFLA_GENEVE_TTL_INHERIT] && mnl_attr_get_u8(tb[IFLA_GENEVE_TTL_INHERIT])) {
		pr_string(NULL, "ttl %s ", "inherit");
	} else if (tb[IFLA_GENEVE_TTL]) {
		ttl = mnl_attr_get_u8(tb[IFLA_GENEVE_TTL]);
		pr_uint("ttl", ttl ? "ttl %u " : "ttl auto ", ttl);
	}
	if (tb[IFLA_GENEVE_TOS] && (tos = mnl_attr_get_u8(tb[IFLA_GENEVE_TOS])))
		tnl_print_hex("tos", tos == 1 ? "tos inherit " : "tos %s ", tos);
}

static void geneve_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_GENEVE_MAX + 1];
	uint32_t label;
	uint8_t df;
	size_t i;

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_GENEVE_MAX, geneve_policy);
	/* An external device still shows its (zero) id, TTL and port. */
	if (tb[IFLA_GENEVE_COLLECT_METADATA])
		pr_flag("external", "external ");
	if (!tb[IFLA_GENEVE_ID])
		return;
	pr_uint("id", "id %u ", mnl_attr_get_u32(tb[IFLA_GENEVE_ID]));
	print_remote(tb);
	print_ttl_tos(tb);
	/* The default, "unset", shows in JSON only. */
	if (tb[IFLA_GENEVE_DF] && (df = mnl_attr_get_u8(tb[IFLA_GENEVE_DF])) < ARRAY_SIZE(df_names))
		pr_string("df", df ? "df %s " : NULL, df_names[df]);
	if (tb[IFLA_GENEVE_LABEL] && (label = ntohl(mnl_attr_get_u32(tb[IFLA_GENEVE_LABEL]))))
		tnl_print_hex("label", "flowlabel %s ", label);
	if (tb[IFLA_GENEVE_PORT])
		pr_uint("port", "dstport %u ", ntohs(mnl_attr_get_u16(tb[IFLA_GENEVE_PORT])));
	for (i = 0; i < ARRAY_SIZE(csum_words); i++) {
		static const char *const keys[] = {
			"udp_csum", "udp_zero_csum6_tx", "udp_zero_csum6_rx",
		};
		char fmt[32];
		bool on;

		if (!tb[csum_words[i].type])
			continue;
		on = mnl_attr_get_u8(tb[csum_words[i].type]);
		snprintf(fmt, sizeof(fmt), "%s%s ", on ? "" : "no", csum_words[i].word);
		pr_bool(keys[i], fmt, on);
	}
	if (tb[IFLA_GENEVE_INNER_PROTO_INHERIT])
		pr_flag("inner_proto_inherit", "innerprotoinherit ");
}

static const struct link_kind geneve_kind = {
	.name = "geneve",
	.print_data = geneve_print_data,
	.print_help = geneve_print_help,
	.parse = geneve_parse,
};
LINK_KIND(geneve_kind);
