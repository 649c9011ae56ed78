// SPDX-License-Identifier: GPL-2.0-or-later
/* What the IP tunnel kinds share; see link_tunnel.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_link.h>
#include <linux/if_tunnel.h>
#include <linux/ip6_tunnel.h>
#include <linux/rtnetlink.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link_tunnel.h"

/* The reply to the lookup, kept for the caller's table. */
static union nl_req_buf existing_reply;

static int existing_cb(const struct nlmsghdr *nlh, void *data)
{
	bool *found = data;

	if (nlh->nlmsg_type == RTM_NEWLINK && nlh->nlmsg_len <= sizeof(existing_reply)) {
		memcpy(existing_reply.buf, nlh, nlh->nlmsg_len);
		*found = true;
	}
	return MNL_CB_OK;
}

const struct nlattr *tnl_existing_data(const struct nlmsghdr *req)
{
	static const struct nl_attr_policy link_policy[IFLA_MAX + 1] = {
		[IFLA_LINKINFO] = { .kind = NLA_NESTED },
	};
	static const struct nl_attr_policy info_policy[IFLA_INFO_MAX + 1] = {
		[IFLA_INFO_DATA] = { .kind = NLA_NESTED },
	};
	const struct ifinfomsg *changed = mnl_nlmsg_get_payload(req);
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	union nl_req_buf get;
	struct ifinfomsg *ifi;
	bool found = false;

	if (req->nlmsg_flags & NLM_F_CREATE)
		return NULL;
	ifi = nl_req_init(get.buf, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_index = changed->ifi_index;
	if (nl_talk(ip_rtnl(), &get.nlh, existing_cb, &found) < 0 || !found)
		goto failed;
	nl_attr_parse_msg(&existing_reply.nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy);
	if (!tb[IFLA_LINKINFO])
		goto failed;
	nl_attr_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX, info_policy);
	if (!info[IFLA_INFO_DATA])
		goto failed;
	return info[IFLA_INFO_DATA];
failed:
	fprintf(stderr, "Failed to get existing tunnel info.\n");
	exit(1);
}

static void __attribute__((noreturn)) address_expected(const char *family, const char *arg)
{
	fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n", family, arg);
	exit(1);
}

uint32_t tnl_parse_ipv4(const char *arg)
{
	struct inet_prefix addr;
	uint32_t value = 0;

	if (addr_parse(arg, AF_INET, &addr) || (addr.family != AF_INET && !(addr.flags & ADDR_F_ANY)))
		address_expected("inet", arg);
	if (addr.family == AF_INET)
		memcpy(&value, addr.data, sizeof(value));
	return value;
}

void tnl_parse_ipv6(const char *arg, struct in6_addr *out)
{
	struct inet_prefix addr;

	if (addr_parse(arg, AF_INET6, &addr) ||
	    (addr.family != AF_INET6 && !(addr.flags & ADDR_F_ANY)))
		address_expected("inet6", arg);
	memset(out, 0, sizeof(*out));
	if (addr.family == AF_INET6)
		memcpy(out, addr.data, sizeof(*out));
}

uint32_t tnl_parse_dev(const char *name)
{
	unsigned int index = ifcache_index(name);

	if (!index) {
		fprintf(stderr, "Cannot find device \"%s\"\n", name);
		exit(IP_EXIT_USAGE);
	}
	return index;
}

uint8_t tnl_parse_ttl(const char *arg)
{
	uint8_t ttl;

	if (!strcmp(arg, "inherit"))
		return 0;
	if (parse_u8(arg, 0, &ttl))
		invarg("invalid TTL\n", arg);
	return ttl;
}

uint8_t tnl_parse_tos(const char *arg)
{
	uint32_t tos;

	if (!strcmp(arg, "inherit"))
		return 1;
	if (names_parse(NT_DSFIELD, arg, &tos))
		invarg("bad TOS value", arg);
	return tos;
}

uint32_t tnl_parse_key(const char *key, const char *arg)
{
	struct inet_prefix dotted;
	uint32_t value;

	/* A dot makes it an IPv4 address, in any form the reference reads
	 * one ("10.1" too), and nothing else. */
	if (strchr(arg, '.')) {
		if (addr_parse(arg, AF_INET, &dotted) || dotted.family != AF_INET) {
			fprintf(stderr, "Error: an IP address is expected rather than \"%s\"\n",
				arg);
			exit(1);
		}
		memcpy(&value, dotted.data, sizeof(value));
		return value;
	}
	if (parse_u32(arg, 0, &value)) {
		fprintf(stderr,
			"invalid value for \"%s\": \"%s\"; it should be an unsigned integer\n",
			key, arg);
		exit(IP_EXIT_USAGE);
	}
	return htonl(value);
}

void tnl_encap_read(struct tnl_encap *e, const struct nlattr *const *tb, int type_attr)
{
	if (tb[type_attr])
		e->type = mnl_attr_get_u16(tb[type_attr]);
	if (tb[type_attr + 1])
		e->flags = mnl_attr_get_u16(tb[type_attr + 1]);
	if (tb[type_attr + 2])
		e->sport = mnl_attr_get_u16(tb[type_attr + 2]);
	if (tb[type_attr + 3])
		e->dport = mnl_attr_get_u16(tb[type_attr + 3]);
}

static const struct {
	const char *on;
	const char *off;
	uint16_t flag;
} encap_flags[] = {
	{ "encap-csum", "noencap-csum", TUNNEL_ENCAP_FLAG_CSUM },
	{ "encap-udp6-csum", "noencap-udp6-csum", TUNNEL_ENCAP_FLAG_CSUM6 },
	{ "encap-remcsum", "noencap-remcsum", TUNNEL_ENCAP_FLAG_REMCSUM },
};

static uint16_t parse_port(const char *arg, const char *msg)
{
	uint16_t port;

	if (parse_u16(arg, 0, &port))
		invarg(msg, arg);
	return htons(port);
}

bool tnl_encap_parse(int *argcp, char ***argvp, struct tnl_encap *e)
{
	int argc = *argcp;
	char **argv = *argvp;
	size_t i;

	if (!strcmp(*argv, "noencap")) {
		e->type = TUNNEL_ENCAP_NONE;
	} else if (!strcmp(*argv, "encap")) {
		NEXT_ARG();
		if (!strcmp(*argv, "fou"))
			e->type = TUNNEL_ENCAP_FOU;
		else if (!strcmp(*argv, "gue"))
			e->type = TUNNEL_ENCAP_GUE;
		else if (!strcmp(*argv, "none"))
			e->type = TUNNEL_ENCAP_NONE;
		else
			invarg("Invalid encap type.", *argv);
	} else if (!strcmp(*argv, "encap-sport")) {
		NEXT_ARG();
		e->sport = !strcmp(*argv, "auto") ? 0 : parse_port(*argv, "Invalid source port.");
	} else if (!strcmp(*argv, "encap-dport")) {
		NEXT_ARG();
		e->dport = parse_port(*argv, "Invalid destination port.");
	} else {
		for (i = 0; i < ARRAY_SIZE(encap_flags); i++) {
			if (!strcmp(*argv, encap_flags[i].on)) {
				e->flags |= encap_flags[i].flag;
				break;
			}
			if (!strcmp(*argv, encap_flags[i].off)) {
				e->flags &= ~encap_flags[i].flag;
				break;
			}
		}
		if (i == ARRAY_SIZE(encap_flags))
			return false;
	}
	*argcp = argc;
	*argvp = argv;
	return true;
}

void tnl_encap_put(struct nlmsghdr *req, const struct tnl_encap *e, int type_attr)
{
	mnl_attr_put_u16(req, type_attr, e->type);
	mnl_attr_put_u16(req, type_attr + 1, e->flags);
	mnl_attr_put_u16(req, type_attr + 2, e->sport);
	mnl_attr_put_u16(req, type_attr + 3, e->dport);
}

static void print_encap_flag(const char *key, const char *on, const char *off, bool set)
{
	pr_bool(key, set ? on : off, set);
}

void tnl_encap_print(const struct nlattr *const *tb, int type_attr)
{
	struct tnl_encap e = { 0 };

	tnl_encap_read(&e, tb, type_attr);
	if (!tb[type_attr] || e.type == TUNNEL_ENCAP_NONE)
		return;
	pr_open_object("encap");
	pr_text("encap ");
	switch (e.type) {
	case TUNNEL_ENCAP_FOU:
		pr_string("type", "%s ", "fou");
		break;
	case TUNNEL_ENCAP_GUE:
		pr_string("type", "%s ", "gue");
		break;
	default:
		pr_null("type", "%s ");
		break;
	}
	pr_uint("sport", e.sport ? "encap-sport %u " : "encap-sport auto ", ntohs(e.sport));
	pr_uint("dport", "encap-dport %u ", ntohs(e.dport));
	print_encap_flag("csum", "encap-csum ", "noencap-csum ",
			 e.flags & TUNNEL_ENCAP_FLAG_CSUM);
	print_encap_flag("csum6", "encap-csum6 ", "noencap-csum6 ",
			 e.flags & TUNNEL_ENCAP_FLAG_CSUM6);
	print_encap_flag("remcsum", "encap-remcsum ", "noencap-remcsum ",
			 e.flags & TUNNEL_ENCAP_FLAG_REMCSUM);
	pr_close_object();
}

void tnl_print_endpoint(const char *name, const struct nlattr *attr, int family)
{
	size_t len = family == AF_INET ? 4 : 16;
	static const uint8_t zero[16];
	char buf[64], fmt[32];
	const char *value = "any";

	if (attr && mnl_attr_get_payload_len(attr) >= len &&
	    memcmp(mnl_attr_get_payload(attr), zero, len))
		value = addr_format(family, mnl_attr_get_payload(attr), len, buf, sizeof(buf));
	snprintf(fmt, sizeof(fmt), "%s %%s ", name);
	pr_string(name, fmt, value);
}

void tnl_print_dev(const struct nlattr *attr)
{
	char name[32];
	uint32_t index;

	if (attr && (index = mnl_attr_get_u32(attr)))
		pr_string("link", "dev %s ", ifcache_name_or_num(index, name, sizeof(name)));
}

void tnl_print_ttl(const char *name, const struct nlattr *attr)
{
	uint8_t ttl = attr ? mnl_attr_get_u8(attr) : 0;
	char fmt[32];

	snprintf(fmt, sizeof(fmt), ttl ? "%s %%u " : "%s inherit ", name);
	pr_uint("ttl", fmt, ttl);
}

void tnl_print_hex(const char *key, const char *fmt, uint32_t value)
{
	char hex[16];

	snprintf(hex, sizeof(hex), "%#x", value);
	pr_string(key, fmt, hex);
}

void tnl_print_tos(const char *name, const struct nlattr *attr)
{
	uint8_t tos = attr ? mnl_attr_get_u8(attr) : 0;
	char fmt[32];

	if (!tos)
		return;
	/* 1 is how the kernel stores "inherit"; JSON keeps the number. */
	snprintf(fmt, sizeof(fmt), tos == 1 ? "%s inherit " : "%s %%s ", name);
	tnl_print_hex("tos", fmt, tos);
}

void tnl_print_key(const char *name, const struct nlattr *attr)
{
	char buf[INET_ADDRSTRLEN], fmt[32];

	if (!attr)
		return;
	inet_ntop(AF_INET, mnl_attr_get_payload(attr), buf, sizeof(buf));
	snprintf(fmt, sizeof(fmt), "%s %%s ", name);
	pr_string(name, fmt, buf);
}

void tnl_print_fwmark(const struct nlattr *attr)
{
	uint32_t mark = attr ? mnl_attr_get_u32(attr) : 0;

	if (mark)
		tnl_print_hex("fwmark", "fwmark %s ", mark);
}

void tnl_gre_keys_read(struct tnl_gre_keys *k, const struct nlattr *const *tb)
{
	if (tb[IFLA_GRE_IFLAGS])
		k->iflags = mnl_attr_get_u16(tb[IFLA_GRE_IFLAGS]);
	if (tb[IFLA_GRE_OFLAGS])
		k->oflags = mnl_attr_get_u16(tb[IFLA_GRE_OFLAGS]);
	if (tb[IFLA_GRE_IKEY])
		k->ikey = mnl_attr_get_u32(tb[IFLA_GRE_IKEY]);
	if (tb[IFLA_GRE_OKEY])
		k->okey = mnl_attr_get_u32(tb[IFLA_GRE_OKEY]);
}

/* Each word sets or clears one flag on one or both ways. */
static const struct {
	const char *word;
	uint16_t flag;
	bool in, out, on;
} gre_flag_words[] = {
	{ "seq", GRE_SEQ, true, true, true },
	{ "noseq", GRE_SEQ, true, true, false },
	{ "iseq", GRE_SEQ, true, false, true },
	{ "noiseq", GRE_SEQ, true, false, false },
	{ "oseq", GRE_SEQ, false, true, true },
	{ "nooseq", GRE_SEQ, false, true, false },
	{ "csum", GRE_CSUM, true, true, true },
	{ "nocsum", GRE_CSUM, true, true, false },
	{ "icsum", GRE_CSUM, true, false, true },
	{ "noicsum", GRE_CSUM, true, false, false },
	{ "ocsum", GRE_CSUM, false, true, true },
	{ "noocsum", GRE_CSUM, false, true, false },
};

static void set_gre_flag(uint16_t *flags, uint16_t flag, bool on)
{
	if (on)
		*flags |= flag;
	else
		*flags &= ~flag;
}

bool tnl_gre_keys_parse(int *argcp, char ***argvp, struct tnl_gre_keys *k)
{
	int argc = *argcp;
	char **argv = *argvp;
	size_t i;

	if (matches(*argv, "key")) {
		NEXT_ARG();
		k->iflags |= GRE_KEY;
		k->oflags |= GRE_KEY;
		k->ikey = k->okey = tnl_parse_key("key", *argv);
	} else if (matches(*argv, "nokey")) {
		k->iflags &= ~GRE_KEY;
		k->oflags &= ~GRE_KEY;
		k->ikey = k->okey = 0;
	} else if (matches(*argv, "ikey")) {
		NEXT_ARG();
		k->iflags |= GRE_KEY;
		k->ikey = tnl_parse_key("ikey", *argv);
	} else if (matches(*argv, "noikey")) {
		k->iflags &= ~GRE_KEY;
		k->ikey = 0;
	} else if (matches(*argv, "okey")) {
		NEXT_ARG();
		k->oflags |= GRE_KEY;
		k->okey = tnl_parse_key("okey", *argv);
	} else if (matches(*argv, "nookey")) {
		k->oflags &= ~GRE_KEY;
		k->okey = 0;
	} else {
		for (i = 0; i < ARRAY_SIZE(gre_flag_words); i++)
			if (matches(*argv, gre_flag_words[i].word))
				break;
		if (i == ARRAY_SIZE(gre_flag_words))
			return false;
		if (gre_flag_words[i].in)
			set_gre_flag(&k->iflags, gre_flag_words[i].flag, gre_flag_words[i].on);
		if (gre_flag_words[i].out)
			set_gre_flag(&k->oflags, gre_flag_words[i].flag, gre_flag_words[i].on);
	}
	*argcp = argc;
	*argvp = argv;
	return true;
}

void tnl_gre_keys_print(const struct nlattr *const *tb)
{
	struct tnl_gre_keys k = { 0 };

	tnl_gre_keys_read(&k, tb);
	if (k.iflags & GRE_KEY)
		tnl_print_key("ikey", tb[IFLA_GRE_IKEY]);
	if (k.oflags & GRE_KEY)
		tnl_print_key("okey", tb[IFLA_GRE_OKEY]);
	if (k.iflags & GRE_SEQ)
		pr_flag("iseq", "iseq ");
	if (k.oflags & GRE_SEQ)
		pr_flag("oseq", "oseq ");
	if (k.iflags & GRE_CSUM)
		pr_flag("icsum", "icsum ");
	if (k.oflags & GRE_CSUM)
		pr_flag("ocsum", "ocsum ");
}

void tnl_erspan_read(struct tnl_erspan *e, const struct nlattr *const *tb)
{
	if (tb[IFLA_GRE_ERSPAN_VER])
		e->ver = mnl_attr_get_u8(tb[IFLA_GRE_ERSPAN_VER]);
	if (tb[IFLA_GRE_ERSPAN_INDEX])
		e->index = mnl_attr_get_u32(tb[IFLA_GRE_ERSPAN_INDEX]);
	if (tb[IFLA_GRE_ERSPAN_DIR])
		e->dir = mnl_attr_get_u8(tb[IFLA_GRE_ERSPAN_DIR]);
	if (tb[IFLA_GRE_ERSPAN_HWID])
		e->hwid = mnl_attr_get_u16(tb[IFLA_GRE_ERSPAN_HWID]);
}

bool tnl_erspan_parse(int *argcp, char ***argvp, struct tnl_erspan *e)
{
	int argc = *argcp;
	char **argv = *argvp;

	if (!strcmp(*argv, "erspan")) {
		NEXT_ARG();
		if (parse_u32(*argv, 0, &e->index))
			invarg("invalid erspan index\n", *argv);
		if (!e->index || e->index & ~0xfffffU)
			invarg("erspan index must be > 0 and <= 20-bit\n", *argv);
	} else if (!strcmp(*argv, "erspan_ver")) {
		NEXT_ARG();
		if (parse_u8(*argv, 0, &e->ver))
			invarg("invalid erspan version\n", *argv);
		if (e->ver > 2)
			invarg("erspan version must be 0/1/2\n", *argv);
	} else if (!strcmp(*argv, "erspan_dir")) {
		NEXT_ARG();
		if (matches(*argv, "ingress"))
			e->dir = 0;
		else if (matches(*argv, "egress"))
			e->dir = 1;
		else
			invarg("Invalid erspan direction.", *argv);
	} else if (!strcmp(*argv, "erspan_hwid")) {
		NEXT_ARG();
		if (parse_u16(*argv, 0, &e->hwid))
			invarg("invalid erspan hwid\n", *argv);
	} else {
		return false;
	}
	*argcp = argc;
	*argvp = argv;
	return true;
}

void tnl_erspan_put(struct nlmsghdr *req, const struct tnl_erspan *e)
{
	mnl_attr_put_u8(req, IFLA_GRE_ERSPAN_VER, e->ver);
	if (e->ver == 1) {
		if (e->index)
			mnl_attr_put_u32(req, IFLA_GRE_ERSPAN_INDEX, e->index);
	} else if (e->ver == 2) {
		mnl_attr_put_u8(req, IFLA_GRE_ERSPAN_DIR, e->dir);
		mnl_attr_put_u16(req, IFLA_GRE_ERSPAN_HWID, e->hwid);
	}
}

void tnl_erspan_print(const struct nlattr *const *tb)
{
	if (tb[IFLA_GRE_ERSPAN_INDEX])
		pr_uint("erspan_index", "erspan_index %u ",
			mnl_attr_get_u32(tb[IFLA_GRE_ERSPAN_INDEX]));
	if (tb[IFLA_GRE_ERSPAN_VER])
		pr_uint("erspan_ver", "erspan_ver %u ", mnl_attr_get_u8(tb[IFLA_GRE_ERSPAN_VER]));
	if (tb[IFLA_GRE_ERSPAN_DIR])
		pr_string("erspan_dir", "erspan_dir %s ",
			  mnl_attr_get_u8(tb[IFLA_GRE_ERSPAN_DIR]) ? "egress" : "ingress");
	if (tb[IFLA_GRE_ERSPAN_HWID])
		tnl_print_hex("erspan_hwid", "erspan_hwid %s ",
			      mnl_attr_get_u16(tb[IFLA_GRE_ERSPAN_HWID]));
}

/* The parts of an IPv6 header's first word, network order. */
#define FLOWINFO_TCLASS htonl(0x0ff00000)
#define FLOWINFO_FLOWLABEL htonl(0x000fffff)

static void set_ip6_flag(struct tnl_ip6 *t, uint32_t flag, bool on)
{
	if (on)
		t->flags |= flag;
	else
		t->flags &= ~flag;
}

/* @word or, unless @exact, an abbreviation of it. */
static bool is_word(const char *arg, const char *word, bool exact)
{
	return exact ? !strcmp(arg, word) : matches(arg, word);
}

bool tnl_ip6_parse(int *argcp, char ***argvp, struct tnl_ip6 *t, bool ip6tnl)
{
	int argc = *argcp;
	char **argv = *argvp;
	uint8_t tclass;
	uint32_t value;

	if (is_word(*argv, "ttl", ip6tnl) || is_word(*argv, "hoplimit", ip6tnl) ||
	    is_word(*argv, "hlim", ip6tnl)) {
		NEXT_ARG();
		if (!strcmp(*argv, "inherit"))
			t->hoplimit = 0;
		else if (parse_u8(*argv, 0, &t->hoplimit))
			invarg("invalid HLIM\n", *argv);
	} else if (!strcmp(*argv, "encaplimit")) {
		NEXT_ARG();
		if (!strcmp(*argv, "none")) {
			t->flags |= IP6_TNL_F_IGN_ENCAP_LIMIT;
		} else {
			if (parse_u8(*argv, 0, &t->encap_limit)) {
				if (!ip6tnl)
					invarg("invalid ELIM", *argv);
				t->encap_limit = 0;
			}
			t->flags &= ~IP6_TNL_F_IGN_ENCAP_LIMIT;
		}
	} else if (is_word(*argv, "tclass", ip6tnl) || is_word(*argv, "tos", ip6tnl) ||
		   (ip6tnl && !strcmp(*argv, "tc")) || matches(*argv, "dsfield")) {
		NEXT_ARG();
		t->flowinfo &= ~FLOWINFO_TCLASS;
		if (!strcmp(*argv, "inherit")) {
			t->flags |= IP6_TNL_F_USE_ORIG_TCLASS;
		} else {
			if (parse_u8(*argv, 16, &tclass))
				invarg("invalid TClass", *argv);
			t->flowinfo |= htonl((uint32_t)tclass << 20) & FLOWINFO_TCLASS;
			t->flags &= ~IP6_TNL_F_USE_ORIG_TCLASS;
		}
	} else if (!strcmp(*argv, "flowlabel") || !strcmp(*argv, "fl")) {
		NEXT_ARG();
		t->flowinfo &= ~FLOWINFO_FLOWLABEL;
		if (!strcmp(*argv, "inherit")) {
			t->flags |= IP6_TNL_F_USE_ORIG_FLOWLABEL;
		} else {
			if (parse_u32(*argv, 16, &value) || value > 0xfffff)
				invarg("invalid Flowlabel", *argv);
			t->flowinfo |= htonl(value) & FLOWINFO_FLOWLABEL;
			t->flags &= ~IP6_TNL_F_USE_ORIG_FLOWLABEL;
		}
	} else if (!strcmp(*argv, "dscp")) {
		NEXT_ARG();
		if (strcmp(*argv, "inherit"))
			invarg("not inherit", *argv);
		t->flags |= IP6_TNL_F_RCV_DSCP_COPY;
	} else if (!strcmp(*argv, "fwmark")) {
		NEXT_ARG();
		if (!strcmp(*argv, "inherit")) {
			t->flags |= IP6_TNL_F_USE_ORIG_FWMARK;
			t->fwmark = 0;
		} else {
			if (parse_u32(*argv, 0, &t->fwmark))
				invarg("invalid fwmark\n", *argv);
			t->flags &= ~IP6_TNL_F_USE_ORIG_FWMARK;
		}
	} else if (!strcmp(*argv, "allow-localremote") ||
		   !strcmp(*argv, "noallow-localremote")) {
		set_ip6_flag(t, IP6_TNL_F_ALLOW_LOCAL_REMOTE, **argv == 'a');
	} else {
		return false;
	}
	*argcp = argc;
	*argvp = argv;
	return true;
}

/* @value as "0x" and @digits hex digits at least, in text and JSON alike. */
static void print_padded_hex(const char *key, const char *fmt, uint32_t value, int digits)
{
	char hex[16];

	snprintf(hex, sizeof(hex), "0x%0*x", digits, value);
	pr_string(key, fmt, hex);
}

void tnl_ip6_print(const struct nlattr *ttl, const struct nlattr *limit,
		   const struct nlattr *flowinfo_attr, const struct nlattr *flags_attr)
{
	uint32_t flags = flags_attr ? mnl_attr_get_u32(flags_attr) : 0;
	uint32_t flowinfo = flowinfo_attr ? ntohl(mnl_attr_get_u32(flowinfo_attr)) : 0;
	uint8_t hoplimit = ttl ? mnl_attr_get_u8(ttl) : 0;

	pr_uint("ttl", hoplimit ? "hoplimit %u " : "hoplimit inherit ", hoplimit);
	if (flags & IP6_TNL_F_IGN_ENCAP_LIMIT)
		pr_flag("ip6_tnl_f_ign_encap_limit", "encaplimit none ");
	else if (limit)
		pr_uint("encap_limit", "encaplimit %u ", mnl_attr_get_u8(limit));
	if (flags & IP6_TNL_F_USE_ORIG_TCLASS)
		pr_flag("ip6_tnl_f_use_orig_tclass", "tclass inherit ");
	else if (flowinfo_attr)
		/* A traffic class is a byte, a flow label 20 bits: shown as such. */
		print_padded_hex("tclass", "tclass %s ", (flowinfo & 0x0ff00000) >> 20, 2);
	if (flags & IP6_TNL_F_USE_ORIG_FLOWLABEL)
		pr_flag("ip6_tnl_f_use_orig_flowlabel", "flowlabel inherit ");
	else if (flowinfo_attr)
		print_padded_hex("flowlabel", "flowlabel %s ", flowinfo & 0x000fffff, 5);
	if (flags & IP6_TNL_F_RCV_DSCP_COPY)
		pr_flag("ip6_tnl_f_rcv_dscp_copy", "dscp inherit ");
	if (flags & IP6_TNL_F_MIP6_DEV)
		pr_flag("ip6_tnl_f_mip6_dev", "mip6 ");
	if (flags & IP6_TNL_F_ALLOW_LOCAL_REMOTE)
		pr_flag("ip6_tnl_f_allow_local_remote", "allow-localremote ");
}

void tnl_ip6_print_fwmark(const struct nlattr *fwmark, const struct nlattr *flags)
{
	if (flags && mnl_attr_get_u32(flags) & IP6_TNL_F_USE_ORIG_FWMARK)
		pr_flag("ip6_tnl_f_use_orig_fwmark", "fwmark inherit ");
	else
		tnl_print_fwmark(fwmark);
}
