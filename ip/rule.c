// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip rule: the routing policy database (add, del, flush, show, save,
 * restore).
 *
 * Rules are IPv4 ones unless -6 says otherwise: the reference never dumps
 * both families at once.  Keywords are matched in the reference's order,
 * which decides abbreviations ("p" is priority, "t" tun_id, "n" nop) and
 * which words need spelling out ("from", "iif", "lookup").
 */
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <endian.h>
#include <net/if.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"

/* The first word of a `ip rule save` stream, as the reference writes it. */
#define RULE_DUMP_MAGIC 0x71706986U

/* The reference's exit status for an l3mdev rule that names a table. */
#define RULE_EXIT_L3MDEV_TABLE 22

static const struct nl_attr_policy rule_policy[FRA_MAX + 1] = {
	[FRA_DST] = { .kind = NLA_BINARY, .min_len = 4 },
	[FRA_SRC] = { .kind = NLA_BINARY, .min_len = 4 },
	[FRA_IIFNAME] = { .kind = NLA_STR },
	[FRA_OIFNAME] = { .kind = NLA_STR },
	[FRA_GOTO] = { .kind = NLA_U32 },
	[FRA_PRIORITY] = { .kind = NLA_U32 },
	[FRA_FWMARK] = { .kind = NLA_U32 },
	[FRA_FWMASK] = { .kind = NLA_U32 },
	[FRA_FLOW] = { .kind = NLA_U32 },
	[FRA_TUN_ID] = { .kind = NLA_U64 },
	[FRA_SUPPRESS_IFGROUP] = { .kind = NLA_U32 },
	[FRA_SUPPRESS_PREFIXLEN] = { .kind = NLA_U32 },
	[FRA_TABLE] = { .kind = NLA_U32 },
	[FRA_L3MDEV] = { .kind = NLA_U8 },
	[FRA_UID_RANGE] = { .kind = NLA_BINARY, .min_len = sizeof(struct fib_rule_uid_range) },
	[FRA_PROTOCOL] = { .kind = NLA_U8 },
	[FRA_IP_PROTO] = { .kind = NLA_U8 },
	[FRA_SPORT_RANGE] = { .kind = NLA_BINARY, .min_len = sizeof(struct fib_rule_port_range) },
	[FRA_DPORT_RANGE] = { .kind = NLA_BINARY, .min_len = sizeof(struct fib_rule_port_range) },
};

/* The selectors of show, flush (and save takes none). */
struct rule_filter {
	bool invert;
	bool has_src, has_dst;
	struct inet_prefix src, dst;
	bool has_tos;
	uint32_t tos;
	bool has_mark, has_mask;
	uint32_t mark, mask;
	const char *iif, *oif;
	bool l3mdev;
	bool has_uid;
	struct fib_rule_uid_range uid;
	bool has_ipproto;
	uint8_t ipproto;
	bool has_sport, has_dport;
	struct fib_rule_port_range sport, dport;
	bool has_tun_id;
	uint64_t tun_id;
	bool has_pref;
	uint32_t pref;
	uint32_t table;		/* 0: any */
	bool has_protocol;	/* flush only, as the reference */
	uint32_t protocol;
};

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip rule { add | del } SELECTOR ACTION\n"
	      "       ip rule { flush | save | restore }\n"
	      "       ip rule [ list [ SELECTOR ]]\n"
	      "SELECTOR := [ not ] [ from PREFIX ] [ to PREFIX ] [ tos TOS ]\n"
	      "            [ fwmark FWMARK[/MASK] ]\n"
	      "            [ iif STRING ] [ oif STRING ] [ pref NUMBER ] [ l3mdev ]\n"
	      "            [ uidrange NUMBER-NUMBER ]\n"
	      "            [ ipproto PROTOCOL ]\n"
	      "            [ sport [ NUMBER | NUMBER-NUMBER ]\n"
	      "            [ dport [ NUMBER | NUMBER-NUMBER ] ]\n"
	      "ACTION := [ table TABLE_ID ]\n"
	      "          [ protocol PROTO ]\n"
	      "          [ nat ADDRESS ]\n"
	      "          [ realms [SRCREALM/]DSTREALM ]\n"
	      "          [ goto NUMBER ]\n"
	      "          SUPPRESSOR\n"
	      "SUPPRESSOR := [ suppress_prefixlength NUMBER ]\n"
	      "              [ suppress_ifgroup DEVGROUP ]\n"
	      "TABLE_ID := [ local | main | default | NUMBER ]\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

static bool is_pref_word(const char *arg)
{
	return matches(arg, "preference") || matches(arg, "order") || matches(arg, "priority");
}

static bool is_tos_word(const char *arg)
{
	return !strcmp(arg, "tos") || matches(arg, "dsfield");
}

static bool is_table_word(const char *arg)
{
	return matches(arg, "table") || !strcmp(arg, "lookup");
}

static const char *family_words(int family)
{
	return family == AF_UNSPEC ? "any valid" : family_name(family);
}

static void parse_rule_prefix(const char *arg, int family, struct inet_prefix *out)
{
	if (prefix_parse(arg, family, out) < 0) {
		fprintf(stderr, "Error: %s prefix is expected rather than \"%s\".\n",
			family_words(family), arg);
		exit(1);
	}
}

static const char *parse_ifname(const char *arg, const char *what)
{
	if (!*arg || strlen(arg) >= IFNAMSIZ || strpbrk(arg, "/ \t\n:"))
		invarg(what, arg);
	return arg;
}

/*
 * The reference reads "N-M" (M defaulting to N) as two unsigned numbers
 * and keeps the low 16 bits of each.
 */
static void parse_port_range(const char *arg, struct fib_rule_port_range *out)
{
	unsigned int start, end;
	int n = sscanf(arg, "%u-%u", &start, &end);

	if (n < 1)
		invarg("invalid port range\n", arg);
	out->start = (uint16_t)start;
	out->end = (uint16_t)(n == 2 ? end : start);
}

static void parse_uid_range(const char *arg, struct fib_rule_uid_range *out)
{
	if (sscanf(arg, "%u-%u", &out->start, &out->end) != 2)
		invarg("invalid UID range\n", arg);
}

/* An IP protocol by name ("tcp", "ipproto-253") or number. */
static void parse_ipproto(const char *arg, uint8_t *out)
{
	const struct protoent *pe;

	if (!strncmp(arg, "ipproto-", 8) && !parse_u8(arg + 8, 10, out))
		return;
	pe = getprotobyname(arg);
	if (pe && pe->p_proto >= 0 && pe->p_proto <= 255) {
		*out = (uint8_t)pe->p_proto;
		return;
	}
	if (parse_u8(arg, 0, out))
		invarg("Invalid \"ipproto\" value\n", arg);
}

static const char *ipproto_format(uint8_t proto, char *buf, size_t len)
{
	const struct protoent *pe = ipo.numeric ? NULL : getprotobynumber(proto);

	if (pe)
		return pe->p_name;
	snprintf(buf, len, "ipproto-%u", proto);
	return buf;
}

static void parse_mark(const char *arg, uint32_t *mark, uint32_t *mask, bool *has_mask)
{
	char *copy = xstrdup(arg), *slash = strchr(copy, '/');

	if (slash)
		*slash = '\0';
	if (parse_u32(copy, 0, mark))
		invarg("fwmark value is invalid\n", arg);
	if (slash && parse_u32(slash + 1, 0, mask))
		invarg("fwmask value is invalid\n", slash + 1);
	*has_mask = slash != NULL;
	free(copy);
}

/* The names rtnetlink gives route types, which rule actions reuse. */
static const char *const rtn_type_names[] = {
	[RTN_UNSPEC] = "none", [RTN_UNICAST] = "unicast", [RTN_LOCAL] = "local",
	[RTN_BROADCAST] = "broadcast", [RTN_ANYCAST] = "anycast",
	[RTN_MULTICAST] = "multicast", [RTN_BLACKHOLE] = "blackhole",
	[RTN_UNREACHABLE] = "unreachable", [RTN_PROHIBIT] = "prohibit",
	[RTN_THROW] = "throw", [RTN_NAT] = "nat", [RTN_XRESOLVE] = "xresolve",
};

/* A rule type word, spelt as the reference accepts it; -1 otherwise. */
static int parse_rule_type(const char *arg)
{
	uint32_t n;

	if (!strcmp(arg, "local"))
		return RTN_LOCAL;
	if (!strcmp(arg, "nat"))
		return RTN_NAT;
	if (matches(arg, "broadcast") || !strcmp(arg, "brd"))
		return RTN_BROADCAST;
	if (matches(arg, "anycast"))
		return RTN_ANYCAST;
	if (matches(arg, "multicast"))
		return RTN_MULTICAST;
	if (matches(arg, "prohibit"))
		return RTN_PROHIBIT;
	if (matches(arg, "unreachable"))
		return RTN_UNREACHABLE;
	if (matches(arg, "blackhole"))
		return RTN_BLACKHOLE;
	if (matches(arg, "xresolve"))
		return RTN_XRESOLVE;
	if (matches(arg, "unicast"))
		return RTN_UNICAST;
	if (!strcmp(arg, "throw"))
		return RTN_THROW;
	if (!parse_u32(arg, 0, &n) && n <= 255)
		return (int)n;
	return -1;
}

static const char *rule_type_format(uint8_t type, char *buf, size_t len)
{
	if (!ipo.numeric && type < ARRAY_SIZE(rtn_type_names) && rtn_type_names[type])
		return rtn_type_names[type];
	snprintf(buf, len, "%u", type);
	return buf;
}

static int rule_family(void)
{
	return ipo.family == AF_UNSPEC ? AF_INET : ipo.family;
}

/* ---- add and del ---- */

static void put_rule_prefix(struct nlmsghdr *nlh, struct fib_rule_hdr *frh, uint16_t type,
			    const struct inet_prefix *p)
{
	if (type == FRA_SRC)
		frh->src_len = (uint8_t)p->bitlen;
	else
		frh->dst_len = (uint8_t)p->bitlen;
	if (p->bytelen)
		mnl_attr_put(nlh, type, p->bytelen, p->data);
}

static int rule_modify(int argc, char **argv, uint16_t cmd)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	uint16_t flags = cmd == RTM_NEWRULE ? NLM_F_CREATE | NLM_F_EXCL : 0;
	struct fib_rule_hdr *frh = nl_req_init(buf, cmd, flags, sizeof(*frh));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	bool table_ok = false, l3mdev = false;

	/* Prefixes of the other family are left for the kernel to refuse. */
	frh->family = (uint8_t)rule_family();
	while (argc > 0) {
		const char *arg = *argv;

		if (!strcmp(arg, "not")) {
			frh->flags |= FIB_RULE_INVERT;
		} else if (!strcmp(arg, "from")) {
			struct inet_prefix p;

			NEXT_ARG();
			parse_rule_prefix(*argv, ipo.family, &p);
			put_rule_prefix(nlh, frh, FRA_SRC, &p);
		} else if (!strcmp(arg, "to")) {
			struct inet_prefix p;

			NEXT_ARG();
			parse_rule_prefix(*argv, ipo.family, &p);
			put_rule_prefix(nlh, frh, FRA_DST, &p);
		} else if (is_pref_word(arg)) {
			uint32_t pref;

			NEXT_ARG();
			if (parse_u32(*argv, 0, &pref))
				invarg("preference value is invalid\n", *argv);
			mnl_attr_put_u32(nlh, FRA_PRIORITY, pref);
		} else if (is_tos_word(arg)) {
			uint32_t tos;

			NEXT_ARG();
			if (names_parse(NT_DSFIELD, *argv, &tos))
				invarg("TOS value is invalid\n", *argv);
			frh->tos = (uint8_t)tos;
		} else if (!strcmp(arg, "fwmark")) {
			uint32_t mark, mask;
			bool has_mask;

			NEXT_ARG();
			parse_mark(*argv, &mark, &mask, &has_mask);
			mnl_attr_put_u32(nlh, FRA_FWMARK, mark);
			if (has_mask)
				mnl_attr_put_u32(nlh, FRA_FWMASK, mask);
		} else if (matches(arg, "realms")) {
			uint32_t from = 0, to;
			char *copy, *slash;

			NEXT_ARG();
			copy = xstrdup(*argv);
			slash = strchr(copy, '/');
			if (slash)
				*slash = '\0';
			if ((slash && names_parse(NT_REALMS, copy, &from)) ||
			    names_parse(NT_REALMS, slash ? slash + 1 : copy, &to) ||
			    from > 0xffff || to > 0xffff)
				invarg("invalid realms\n", *argv);
			free(copy);
			mnl_attr_put_u32(nlh, FRA_FLOW, from << 16 | to);
		} else if (matches(arg, "protocol")) {
			uint32_t proto;

			NEXT_ARG();
			if (names_parse(NT_PROTOS, *argv, &proto))
				invarg("\"protocol\" value is invalid\n", *argv);
			mnl_attr_put_u8(nlh, FRA_PROTOCOL, (uint8_t)proto);
		} else if (matches(arg, "tun_id")) {
			uint64_t id;

			NEXT_ARG();
			if (parse_u64(*argv, 0, &id))
				invarg("\"tun_id\" value is invalid\n", *argv);
			mnl_attr_put_u64(nlh, FRA_TUN_ID, htobe64(id));
		} else if (is_table_word(arg)) {
			uint32_t table;

			NEXT_ARG();
			if (names_parse(NT_TABLES, *argv, &table))
				invarg("invalid table ID\n", *argv);
			if (table < 256) {
				frh->table = (uint8_t)table;
			} else {
				frh->table = RT_TABLE_UNSPEC;
				mnl_attr_put_u32(nlh, FRA_TABLE, table);
			}
			table_ok = true;
		} else if (matches(arg, "suppress_prefixlength")) {
			int32_t len;

			NEXT_ARG();
			if (parse_s32(*argv, 0, &len))
				invarg("suppress_prefixlength value is invalid\n", *argv);
			mnl_attr_put_u32(nlh, FRA_SUPPRESS_PREFIXLEN, (uint32_t)len);
		} else if (matches(arg, "suppress_ifgroup")) {
			uint32_t group;

			NEXT_ARG();
			if (names_parse(NT_GROUPS, *argv, &group))
				invarg("Invalid \"suppress_ifgroup\" value\n", *argv);
			mnl_attr_put_u32(nlh, FRA_SUPPRESS_IFGROUP, group);
		} else if (!strcmp(arg, "dev") || !strcmp(arg, "iif")) {
			NEXT_ARG();
			mnl_attr_put_strz(nlh, FRA_IIFNAME,
					  parse_ifname(*argv, "\"iif\"/\"dev\" not a valid ifname"));
		} else if (!strcmp(arg, "oif")) {
			NEXT_ARG();
			mnl_attr_put_strz(nlh, FRA_OIFNAME,
					  parse_ifname(*argv, "\"oif\" not a valid ifname"));
		} else if (!strcmp(arg, "l3mdev")) {
			mnl_attr_put_u8(nlh, FRA_L3MDEV, 1);
			l3mdev = true;
		} else if (!strcmp(arg, "uidrange")) {
			struct fib_rule_uid_range uid;

			NEXT_ARG();
			parse_uid_range(*argv, &uid);
			mnl_attr_put(nlh, FRA_UID_RANGE, sizeof(uid), &uid);
		} else if (!strcmp(arg, "sport") || !strcmp(arg, "dport")) {
			struct fib_rule_port_range range;

			NEXT_ARG();
			parse_port_range(*argv, &range);
			mnl_attr_put(nlh, arg[0] == 's' ? FRA_SPORT_RANGE : FRA_DPORT_RANGE,
				     sizeof(range), &range);
		} else if (!strcmp(arg, "ipproto")) {
			uint8_t proto;

			NEXT_ARG();
			parse_ipproto(*argv, &proto);
			mnl_attr_put_u8(nlh, FRA_IP_PROTO, proto);
		} else if (matches(arg, "nop")) {
			frh->action = FR_ACT_NOP;
			table_ok = true;
		} else if (matches(arg, "nat") || matches(arg, "map-to")) {
			struct inet_prefix gw;

			NEXT_ARG();
			fprintf(stderr, "Warning: route NAT is deprecated\n");
			if (addr_parse(*argv, AF_INET, &gw) || !gw.bytelen) {
				fprintf(stderr, "Error: an IP address is expected rather than \"%s\"\n",
					*argv);
				exit(1);
			}
			mnl_attr_put(nlh, RTA_GATEWAY, 4, gw.data);
			frh->action = RTN_NAT;
		} else if (matches(arg, "goto")) {
			uint32_t target;

			NEXT_ARG();
			if (parse_u32(*argv, 0, &target))
				invarg("invalid target\n", *argv);
			mnl_attr_put_u32(nlh, FRA_GOTO, target);
			frh->action = FR_ACT_GOTO;
			table_ok = true;
		} else if (matches(arg, "help")) {
			usage();
		} else {
			int type;

			if (!strcmp(arg, "type"))
				NEXT_ARG();
			type = parse_rule_type(*argv);
			if (type < 0)
				invarg("Failed to parse rule type", *argv);
			frh->action = (uint8_t)type;
			table_ok = true;
		}
		argc--;
		argv++;
	}

	if (cmd == RTM_NEWRULE) {
		if (l3mdev && table_ok) {
			fprintf(stderr, "table can not be specified for l3mdev rules\n");
			return RULE_EXIT_L3MDEV_TABLE;
		}
		if (!table_ok && !l3mdev)
			frh->table = RT_TABLE_MAIN;
		if (frh->action == FR_ACT_UNSPEC)
			frh->action = FR_ACT_TO_TBL;
	}
	return ip_request(nlh);
}

/* ---- show, flush, save ---- */

static void parse_filter(int argc, char **argv, struct rule_filter *f)
{
	int family = rule_family();

	while (argc > 0) {
		const char *arg = *argv;

		if (!strcmp(arg, "not")) {
			f->invert = true;
		} else if (!strcmp(arg, "from")) {
			NEXT_ARG();
			parse_rule_prefix(*argv, family, &f->src);
			f->has_src = true;
		} else if (is_pref_word(arg)) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &f->pref))
				invarg("preference value is invalid\n", *argv);
			f->has_pref = true;
		} else if (is_tos_word(arg)) {
			NEXT_ARG();
			if (names_parse(NT_DSFIELD, *argv, &f->tos))
				invarg("TOS value is invalid\n", *argv);
			f->has_tos = true;
		} else if (!strcmp(arg, "fwmark")) {
			NEXT_ARG();
			parse_mark(*argv, &f->mark, &f->mask, &f->has_mask);
			f->has_mark = true;
		} else if (!strcmp(arg, "dev") || !strcmp(arg, "iif")) {
			NEXT_ARG();
			f->iif = parse_ifname(*argv, "\"iif\"/\"dev\" not a valid ifname");
		} else if (!strcmp(arg, "oif")) {
			NEXT_ARG();
			f->oif = parse_ifname(*argv, "\"oif\" not a valid ifname");
		} else if (!strcmp(arg, "l3mdev")) {
			f->l3mdev = true;
		} else if (!strcmp(arg, "uidrange")) {
			NEXT_ARG();
			parse_uid_range(*argv, &f->uid);
			f->has_uid = true;
		} else if (!strcmp(arg, "ipproto")) {
			NEXT_ARG();
			parse_ipproto(*argv, &f->ipproto);
			f->has_ipproto = true;
		} else if (!strcmp(arg, "sport")) {
			NEXT_ARG();
			parse_port_range(*argv, &f->sport);
			f->has_sport = true;
		} else if (!strcmp(arg, "dport")) {
			NEXT_ARG();
			parse_port_range(*argv, &f->dport);
			f->has_dport = true;
		} else if (matches(arg, "tun_id")) {
			NEXT_ARG();
			if (parse_u64(*argv, 0, &f->tun_id))
				invarg("\"tun_id\" value is invalid\n", *argv);
			f->has_tun_id = true;
		} else if (is_table_word(arg)) {
			NEXT_ARG();
			if (names_parse(NT_TABLES, *argv, &f->table))
				invarg("table id value is invalid\n", *argv);
		} else if (matches(arg, "protocol")) {
			NEXT_ARG();
			if (names_parse(NT_PROTOS, *argv, &f->protocol))
				invarg("\"protocol\" value is invalid\n", *argv);
			f->has_protocol = true;
		} else {
			/* A bare prefix selects by destination, "to" being optional. */
			if (!strcmp(arg, "to"))
				NEXT_ARG();
			parse_rule_prefix(*argv, family, &f->dst);
			f->has_dst = true;
		}
		argc--;
		argv++;
	}
}

/* A rule's prefix, from its address attribute and prefix length. */
static bool rule_prefix(const struct nlattr *attr, int family, uint8_t len,
			struct inet_prefix *out)
{
	size_t bytes = family == AF_INET6 ? 16 : 4;

	memset(out, 0, sizeof(*out));
	if (!attr || mnl_attr_get_payload_len(attr) < bytes)
		return false;
	out->family = (uint16_t)family;
	out->bytelen = (uint16_t)bytes;
	out->bitlen = len;
	memcpy(out->data, mnl_attr_get_payload(attr), bytes);
	return true;
}

/* Whether a rule's prefix lies within the one a selector gave. */
static bool prefix_selected(const struct inet_prefix *want, const struct nlattr *attr, int family,
			    uint8_t len)
{
	struct inet_prefix have;

	if (want->bitlen <= 0)
		return true;
	if (!rule_prefix(attr, family, len, &have) || len < want->bitlen)
		return false;
	return prefix_match(&have, want, want->bitlen);
}

static uint32_t rule_table(const struct fib_rule_hdr *frh, const struct nlattr **tb)
{
	return tb[FRA_TABLE] ? mnl_attr_get_u32(tb[FRA_TABLE]) : frh->table;
}

static bool same_range(const struct nlattr *attr, const void *want, size_t len)
{
	return attr && !memcmp(mnl_attr_get_payload(attr), want, len);
}

static bool rule_selected(const struct rule_filter *f, const struct fib_rule_hdr *frh,
			  const struct nlattr **tb, bool flushing)
{
	if (f->invert && !(frh->flags & FIB_RULE_INVERT))
		return false;
	if (f->has_src && !prefix_selected(&f->src, tb[FRA_SRC], frh->family, frh->src_len))
		return false;
	if (f->has_dst && !prefix_selected(&f->dst, tb[FRA_DST], frh->family, frh->dst_len))
		return false;
	if (f->has_tos && frh->tos != f->tos)
		return false;
	if (f->has_mark) {
		if (!tb[FRA_FWMARK] || mnl_attr_get_u32(tb[FRA_FWMARK]) != f->mark)
			return false;
		if (f->has_mask && (!tb[FRA_FWMASK] || mnl_attr_get_u32(tb[FRA_FWMASK]) != f->mask))
			return false;
	}
	if (f->iif && (!tb[FRA_IIFNAME] || strcmp(mnl_attr_get_str(tb[FRA_IIFNAME]), f->iif)))
		return false;
	if (f->oif && (!tb[FRA_OIFNAME] || strcmp(mnl_attr_get_str(tb[FRA_OIFNAME]), f->oif)))
		return false;
	if (f->l3mdev && (!tb[FRA_L3MDEV] || !mnl_attr_get_u8(tb[FRA_L3MDEV])))
		return false;
	if (f->has_uid && !same_range(tb[FRA_UID_RANGE], &f->uid, sizeof(f->uid)))
		return false;
	if (f->has_ipproto && (!tb[FRA_IP_PROTO] || mnl_attr_get_u8(tb[FRA_IP_PROTO]) != f->ipproto))
		return false;
	if (f->has_sport && !same_range(tb[FRA_SPORT_RANGE], &f->sport, sizeof(f->sport)))
		return false;
	if (f->has_dport && !same_range(tb[FRA_DPORT_RANGE], &f->dport, sizeof(f->dport)))
		return false;
	if (f->has_tun_id &&
	    (!tb[FRA_TUN_ID] || be64toh(mnl_attr_get_u64(tb[FRA_TUN_ID])) != f->tun_id))
		return false;
	if (f->has_pref &&
	    (tb[FRA_PRIORITY] ? mnl_attr_get_u32(tb[FRA_PRIORITY]) : 0) != f->pref)
		return false;
	if (f->table && rule_table(frh, tb) != f->table)
		return false;
	if (flushing && f->has_protocol &&
	    (tb[FRA_PROTOCOL] ? mnl_attr_get_u8(tb[FRA_PROTOCOL]) : 0) != f->protocol)
		return false;
	return true;
}

static void print_rule_prefix(const char *key, const char *lenkey, const char *word,
			      const struct fib_rule_hdr *frh, const struct nlattr *attr, uint8_t len)
{
	struct inet_prefix p;
	char addr[64], fmt[32];

	if (!rule_prefix(attr, frh->family, len, &p)) {
		if (len) {
			snprintf(fmt, sizeof(fmt), "%s%s 0/%%u", strcmp(key, "src") ? " " : "", word);
			pr_uint(lenkey, fmt, len);
		} else if (!strcmp(key, "src")) {
			pr_string(key, "from %s", "all");
		}
		return;
	}
	addr_format(frh->family, p.data, p.bytelen, addr, sizeof(addr));
	pr_text("%s%s ", strcmp(key, "src") ? " " : "", word);
	pr_color_string(ip_family_color(frh->family), key, "%s", addr);
	if (len != p.bytelen * 8)
		pr_uint(lenkey, "/%u", len);
}

static void print_port_range(const char *key, const struct nlattr *attr)
{
	const struct fib_rule_port_range *r;
	char startkey[16], endkey[16];

	if (!attr)
		return;
	r = mnl_attr_get_payload(attr);
	if (r->start == r->end) {
		pr_uint(key, strcmp(key, "sport") ? " dport %u" : " sport %u", r->start);
		return;
	}
	snprintf(startkey, sizeof(startkey), "%s_start", key);
	snprintf(endkey, sizeof(endkey), "%s_end", key);
	pr_uint(startkey, strcmp(key, "sport") ? " dport %u" : " sport %u", r->start);
	pr_uint(endkey, "-%u", r->end);
}

static void print_rule_lookup(uint32_t table, const struct nlattr **tb)
{
	char buf[64];

	pr_string("table", " lookup %s", names_format(NT_TABLES, table, buf, sizeof(buf)));
	if (tb[FRA_SUPPRESS_PREFIXLEN]) {
		int32_t len = (int32_t)mnl_attr_get_u32(tb[FRA_SUPPRESS_PREFIXLEN]);

		if (len != -1)
			pr_int("suppress_prefixlen", " suppress_prefixlength %d", len);
	}
	if (tb[FRA_SUPPRESS_IFGROUP]) {
		uint32_t group = mnl_attr_get_u32(tb[FRA_SUPPRESS_IFGROUP]);

		if (group != (uint32_t)-1)
			pr_string("suppress_ifgroup", " suppress_ifgroup %s",
				  names_format(NT_GROUPS, group, buf, sizeof(buf)));
	}
}

/* One rule: "from" leads, every later field starts with its blank. */
static void print_rule(const struct fib_rule_hdr *frh, const struct nlattr **tb)
{
	char buf[64];
	uint32_t table = rule_table(frh, tb);

	pr_open_object(NULL);
	pr_uint("priority", "%u:\t", tb[FRA_PRIORITY] ? mnl_attr_get_u32(tb[FRA_PRIORITY]) : 0);
	if (frh->flags & FIB_RULE_INVERT)
		pr_null("not", "not ");
	print_rule_prefix("src", "srclen", "from", frh, tb[FRA_SRC], frh->src_len);
	if (tb[FRA_DST] || frh->dst_len)
		print_rule_prefix("dst", "dstlen", "to", frh, tb[FRA_DST], frh->dst_len);
	if (frh->tos)
		pr_string("tos", " tos %s", names_format(NT_DSFIELD, frh->tos, buf, sizeof(buf)));
	if (tb[FRA_FWMARK] || tb[FRA_FWMASK]) {
		uint32_t mark = tb[FRA_FWMARK] ? mnl_attr_get_u32(tb[FRA_FWMARK]) : 0;
		uint32_t mask = tb[FRA_FWMASK] ? mnl_attr_get_u32(tb[FRA_FWMASK]) : 0xffffffff;

		snprintf(buf, sizeof(buf), "%#x", mark);
		pr_string("fwmark", " fwmark %s", buf);
		if (mask != 0xffffffff) {
			snprintf(buf, sizeof(buf), "%#x", mask);
			pr_string("fwmask", "/%s", buf);
		}
	}
	if (tb[FRA_IIFNAME]) {
		pr_text(" iif ");
		pr_color_string(PR_C_IFNAME, "iif", "%s", mnl_attr_get_str(tb[FRA_IIFNAME]));
		if (frh->flags & FIB_RULE_IIF_DETACHED)
			pr_null("iif_detached", " [detached]");
	}
	if (tb[FRA_OIFNAME]) {
		pr_text(" oif ");
		pr_color_string(PR_C_IFNAME, "oif", "%s", mnl_attr_get_str(tb[FRA_OIFNAME]));
		if (frh->flags & FIB_RULE_OIF_DETACHED)
			pr_null("oif_detached", " [detached]");
	}
	if (tb[FRA_L3MDEV] && mnl_attr_get_u8(tb[FRA_L3MDEV]))
		pr_null("l3mdev", " lookup [l3mdev-table]");
	if (tb[FRA_UID_RANGE]) {
		const struct fib_rule_uid_range *uid = mnl_attr_get_payload(tb[FRA_UID_RANGE]);

		pr_uint("uid_start", " uidrange %u", uid->start);
		pr_uint("uid_end", "-%u", uid->end);
	}
	if (tb[FRA_IP_PROTO])
		pr_string("ipproto", " ipproto %s",
			  ipproto_format(mnl_attr_get_u8(tb[FRA_IP_PROTO]), buf, sizeof(buf)));
	print_port_range("sport", tb[FRA_SPORT_RANGE]);
	print_port_range("dport", tb[FRA_DPORT_RANGE]);
	if (tb[FRA_TUN_ID])
		pr_u64("tun_id", " tun_id %llu", be64toh(mnl_attr_get_u64(tb[FRA_TUN_ID])));
	/* The suppressors only qualify a table lookup. */
	if (table)
		print_rule_lookup(table, tb);
	if (tb[FRA_FLOW]) {
		uint32_t flow = mnl_attr_get_u32(tb[FRA_FLOW]);

		pr_text(" realms ");
		if (flow >> 16)
			pr_string("flow_from", "%s/",
				  names_format(NT_REALMS, flow >> 16, buf, sizeof(buf)));
		pr_string("flow_to", "%s", names_format(NT_REALMS, flow & 0xffff, buf, sizeof(buf)));
	}
	if (frh->action == RTN_NAT) {
		pr_null("masquerade", " masquerade");
	} else if (frh->action == FR_ACT_GOTO) {
		if (tb[FRA_GOTO])
			pr_uint("goto", " goto %u", mnl_attr_get_u32(tb[FRA_GOTO]));
		else
			pr_string("goto", " goto %s", "none");
		if (frh->flags & FIB_RULE_UNRESOLVED)
			pr_null("unresolved", " [unresolved]");
	} else if (frh->action == FR_ACT_NOP) {
		pr_null("nop", " nop");
	} else if (frh->action != FR_ACT_TO_TBL) {
		pr_string("action", " %s", rule_type_format(frh->action, buf, sizeof(buf)));
	}
	if (tb[FRA_PROTOCOL]) {
		uint8_t proto = mnl_attr_get_u8(tb[FRA_PROTOCOL]);

		if ((proto && proto != RTPROT_KERNEL) || ipo.details)
			pr_string("protocol", " proto %s",
				  names_format(NT_PROTOS, proto, buf, sizeof(buf)));
	}
	pr_close_object();
}

void rule_print_msg(const struct nlmsghdr *nlh)
{
	const struct fib_rule_hdr *frh = nl_msg_payload(nlh, sizeof(*frh));
	const struct nlattr *tb[FRA_MAX + 1];

	if (!frh)
		return;
	nl_attr_parse_msg(nlh, sizeof(*frh), tb, FRA_MAX, rule_policy);
	print_rule(frh, tb);
	pr_text("\n");
}

/* The dump of the rules of the family this run is about. */
static int rule_dump(struct nl_msgs *rules)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct fib_rule_hdr *frh = nl_req_init(buf, RTM_GETRULE, 0, sizeof(*frh));
	int err;

	frh->family = (uint8_t)rule_family();
	err = nl_dump_collect(ip_rtnl(), (struct nlmsghdr *)buf, rules);
	if (err) {
		ip_fail_nl(err);
		fprintf(stderr, "Dump terminated\n");
		return IP_EXIT_USAGE;
	}
	return 0;
}

static const struct fib_rule_hdr *rule_parse(const struct nlmsghdr *nlh, const struct nlattr **tb)
{
	const struct fib_rule_hdr *frh = nl_msg_payload(nlh, sizeof(*frh));

	if (nlh->nlmsg_type != RTM_NEWRULE || !frh)
		return NULL;
	nl_attr_parse_msg(nlh, sizeof(*frh), tb, FRA_MAX, rule_policy);
	return frh;
}

static int rule_list(int argc, char **argv)
{
	struct rule_filter filter = { 0 };
	struct nl_msgs rules = { 0 };
	struct nlmsghdr *nlh;
	int status;

	parse_filter(argc, argv, &filter);
	status = rule_dump(&rules);
	if (status)
		goto out;
	pr_start();
	nl_msgs_for_each(&rules, nlh) {
		const struct nlattr *tb[FRA_MAX + 1];
		const struct fib_rule_hdr *frh = rule_parse(nlh, tb);

		if (!frh || !rule_selected(&filter, frh, tb, false))
			continue;
		print_rule(frh, tb);
		pr_text("\n");
	}
out:
	nl_msgs_free(&rules);
	return status;
}

static int rule_flush(int argc, char **argv)
{
	struct rule_filter filter = { 0 };
	struct nl_msgs rules = { 0 };
	struct nlmsghdr *nlh;
	int status;

	parse_filter(argc, argv, &filter);
	status = rule_dump(&rules);
	if (status)
		goto out;
	pr_start();
	nl_msgs_for_each(&rules, nlh) {
		char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
		const struct nlattr *tb[FRA_MAX + 1];
		const struct fib_rule_hdr *frh = rule_parse(nlh, tb);
		struct nlmsghdr *req = (struct nlmsghdr *)buf;
		int err;

		/* The rule of priority 0 is the kernel's own, kept by a flush. */
		if (!frh || !tb[FRA_PRIORITY] || !mnl_attr_get_u32(tb[FRA_PRIORITY]) ||
		    !rule_selected(&filter, frh, tb, true) || nlh->nlmsg_len > sizeof(buf))
			continue;
		memcpy(buf, nlh, nlh->nlmsg_len);
		req->nlmsg_type = RTM_DELRULE;
		req->nlmsg_flags = NLM_F_REQUEST;
		err = nl_talk(ip_rtnl(), req, NULL, NULL);
		if (err) {
			/* The reference deletes while it reads the dump, which then fails (-1). */
			ip_fail_nl(err);
			fprintf(stderr, "Dump terminated\n");
			status = 255;
			break;
		}
	}
out:
	nl_msgs_free(&rules);
	return status;
}

static int rule_save(int argc)
{
	struct nl_msgs rules = { 0 };
	uint32_t magic = RULE_DUMP_MAGIC;
	struct nlmsghdr *nlh;
	int status;

	if (argc > 0) {
		fprintf(stderr, "\"ip rule save\" does not take any arguments.\n");
		return 1;
	}
	if (isatty(STDOUT_FILENO)) {
		fprintf(stderr, "Not sending a binary stream to stdout\n");
		return 1;
	}
	status = rule_dump(&rules);
	if (status)
		goto out;
	fwrite(&magic, sizeof(magic), 1, stdout);
	nl_msgs_for_each(&rules, nlh)
		fwrite(nlh, NLMSG_ALIGN(nlh->nlmsg_len), 1, stdout);
	/* The reference's JSON printer still writes its empty document. */
	if (pr_json())
		pr_start();
out:
	nl_msgs_free(&rules);
	return status;
}

/* The rules of a save stream on standard input, added as they are. */
static int rule_restore(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	uint32_t magic = 0;
	size_t got;

	if (isatty(STDIN_FILENO)) {
		fprintf(stderr, "Can't restore rule dump from a terminal\n");
		return IP_EXIT_USAGE;
	}
	got = fread(&magic, sizeof(magic), 1, stdin);
	if (got != 1 || magic != RULE_DUMP_MAGIC) {
		fprintf(stderr, "Magic mismatch (%zu elems, %x magic)\n", got, magic);
		return IP_EXIT_USAGE;
	}
	for (;;) {
		size_t body;
		int err;

		got = fread(nlh, 1, sizeof(*nlh), stdin);
		if (got == 0)
			return 0;
		if (got != sizeof(*nlh) || nlh->nlmsg_len < sizeof(*nlh) ||
		    NLMSG_ALIGN(nlh->nlmsg_len) > sizeof(buf)) {
			fprintf(stderr, "Restore terminated: the stream is truncated or corrupt\n");
			return 2;
		}
		body = NLMSG_ALIGN(nlh->nlmsg_len) - sizeof(*nlh);
		if (fread(nlh + 1, 1, body, stdin) != body) {
			fprintf(stderr, "Restore terminated: the stream is truncated or corrupt\n");
			return 2;
		}
		if (nlh->nlmsg_type != RTM_NEWRULE)
			continue;
		nlh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_CREATE;
		err = nl_talk(ip_rtnl(), nlh, NULL, NULL);
		if (err)
			return ip_fail_nl(err);
	}
}

int do_rule(int argc, char **argv)
{
	const char *cmd;

	if (argc < 1)
		return rule_list(0, NULL);
	cmd = argv[0];
	argc--;
	argv++;
	if (matches(cmd, "add"))
		return rule_modify(argc, argv, RTM_NEWRULE);
	if (matches(cmd, "delete"))
		return rule_modify(argc, argv, RTM_DELRULE);
	if (matches(cmd, "flush"))
		return rule_flush(argc, argv);
	if (matches(cmd, "list") || matches(cmd, "show") || !strcmp(cmd, "lst"))
		return rule_list(argc, argv);
	if (matches(cmd, "save"))
		return rule_save(argc);
	if (matches(cmd, "restore"))
		return rule_restore();
	if (matches(cmd, "help"))
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip rule help\".\n", cmd);
	return IP_EXIT_USAGE;
}
