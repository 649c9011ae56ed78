// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip ntable: show and change the parameters of the neighbour tables
 * (arp_cache, ndisc_cache), for a whole table or one device.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"

static const struct nl_attr_policy ndta_policy[NDTA_MAX + 1] = {
	[NDTA_NAME] = { .kind = NLA_STR },
	[NDTA_THRESH1] = { .kind = NLA_U32 },
	[NDTA_THRESH2] = { .kind = NLA_U32 },
	[NDTA_THRESH3] = { .kind = NLA_U32 },
	[NDTA_CONFIG] = { .kind = NLA_BINARY, .min_len = sizeof(struct ndt_config) },
	[NDTA_PARMS] = { .kind = NLA_NESTED },
	[NDTA_STATS] = { .kind = NLA_BINARY, .min_len = sizeof(struct ndt_stats) },
	[NDTA_GC_INTERVAL] = { .kind = NLA_U64 },
};

/*
 * The per-device parameters: their command-line words, which are also
 * how they print (times in milliseconds are 64 bits, counts 32), and the
 * line each starts or ends in the listing.
 */
static const struct ntable_parm {
	const char *word;
	uint16_t type;
	bool is_u64;
	bool changeable;
	const char *lead;	/* text before the field: a line's indent */
	bool ends_line;
} parms[] = {
	{ "refcnt", NDTPA_REFCNT, false, false, "    ", false },
	{ "reachable", NDTPA_REACHABLE_TIME, true, false, NULL, false },
	{ "base_reachable", NDTPA_BASE_REACHABLE_TIME, true, true, NULL, false },
	{ "retrans", NDTPA_RETRANS_TIME, true, true, NULL, true },
	{ "gc_stale", NDTPA_GC_STALETIME, true, true, "    ", false },
	{ "delay_probe", NDTPA_DELAY_PROBE_TIME, true, true, NULL, false },
	{ "queue", NDTPA_QUEUE_LEN, false, true, NULL, true },
	{ "app_probes", NDTPA_APP_PROBES, false, true, "    ", false },
	{ "ucast_probes", NDTPA_UCAST_PROBES, false, true, NULL, false },
	{ "mcast_probes", NDTPA_MCAST_PROBES, false, true, NULL, true },
	{ "anycast_delay", NDTPA_ANYCAST_DELAY, true, true, "    ", false },
	{ "proxy_delay", NDTPA_PROXY_DELAY, true, true, NULL, false },
	{ "proxy_queue", NDTPA_PROXY_QLEN, false, true, NULL, false },
	{ "locktime", NDTPA_LOCKTIME, true, true, NULL, true },
};

/* The table-wide thresholds and garbage collection interval. */
static const struct {
	const char *word;
	const char *key;
	uint16_t type;
	bool is_u64;
} table_attrs[] = {
	{ "thresh1", "thresh1", NDTA_THRESH1, false },
	{ "thresh2", "thresh2", NDTA_THRESH2, false },
	{ "thresh3", "thresh3", NDTA_THRESH3, false },
	{ "gc_int", "gc_interval", NDTA_GC_INTERVAL, true },
};

struct ntable_filter {
	unsigned int ifindex;
	const char *name;
};

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip ntable change name NAME [ dev DEV ]\n"
	      "        [ thresh1 VAL ] [ thresh2 VAL ] [ thresh3 VAL ] [ gc_int MSEC ]\n"
	      "        [ PARMS ]\n"
	      "Usage: ip ntable show [ dev DEV ] [ name NAME ]\n"
	      "PARMS := [ base_reachable MSEC ] [ retrans MSEC ] [ gc_stale MSEC ]\n"
	      "         [ delay_probe MSEC ] [ queue LEN ]\n"
	      "         [ app_probes VAL ] [ ucast_probes VAL ] [ mcast_probes VAL ]\n"
	      "         [ anycast_delay MSEC ] [ proxy_delay MSEC ] [ proxy_queue LEN ]\n"
	      "         [ locktime MSEC ]\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

/* Append the attribute @type with the number @arg, 32 or 64 bits wide. */
static void put_number(struct nlmsghdr *nlh, uint16_t type, bool is_u64, const char *word,
		       const char *arg)
{
	char msg[64];
	uint64_t value;

	if (parse_u64(arg, 0, &value) < 0 || (!is_u64 && value > UINT32_MAX)) {
		snprintf(msg, sizeof(msg), "\"%s\" value is invalid", word);
		invarg(msg, arg);
	}
	if (is_u64)
		mnl_attr_put_u64(nlh, type, value);
	else
		mnl_attr_put_u32(nlh, type, (uint32_t)value);
}

static const struct ntable_parm *find_parm(const char *word)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(parms); i++)
		if (parms[i].changeable && !strcmp(word, parms[i].word))
			return &parms[i];
	return NULL;
}

static int table_attr_index(const char *word)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(table_attrs); i++)
		if (!strcmp(word, table_attrs[i].word))
			return (int)i;
	return -1;
}

/*
 * The request carries the table's own attributes first, then the device
 * parameters in one nest: the command line is read once for each part,
 * each in its order.
 */
static int ntable_change(int argc, char **argv)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct ndtmsg *ndtm;
	const char *name = NULL, *dev = NULL;
	bool table_changes = false, parm_changes = false;
	struct nlattr *nest;
	int i, err;

	ndtm = nl_req_init(req.buf, RTM_SETNEIGHTBL, NLM_F_REPLACE, sizeof(*ndtm));
	ndtm->ndtm_family = (uint8_t)ipo.family;
	for (i = 0; i < argc; i++) {
		const char *word = argv[i];
		bool is_table = table_attr_index(word) >= 0, is_parm = find_parm(word) != NULL;

		if (strcmp(word, "name") && strcmp(word, "dev") && !is_table && !is_parm) {
			if (matches(word, "help"))
				usage();
			invarg("unknown", word);
		}
		if (++i >= argc)
			incomplete_command();
		if (!strcmp(word, "name"))
			name = argv[i];
		else if (!strcmp(word, "dev"))
			dev = argv[i];
		table_changes |= is_table;
		parm_changes |= is_parm;
	}
	if (!name)
		missarg("NAME");
	if (!table_changes && !parm_changes) {
		fprintf(stderr, "Not enough information: changeable attributes required.\n");
		exit(IP_EXIT_USAGE);
	}
	mnl_attr_put_strz(&req.nlh, NDTA_NAME, name);
	for (i = 0; i + 1 < argc; i += 2) {
		int t = table_attr_index(argv[i]);

		if (t >= 0)
			put_number(&req.nlh, table_attrs[t].type, table_attrs[t].is_u64,
				   table_attrs[t].word, argv[i + 1]);
	}
	if (dev || parm_changes) {
		nest = nl_attr_nest_start_plain(&req.nlh, NDTA_PARMS);
		if (dev) {
			unsigned int ifindex = ifcache_index(dev);

			if (!ifindex) {
				fprintf(stderr, "Cannot find device \"%s\"\n", dev);
				exit(1);
			}
			mnl_attr_put_u32(&req.nlh, NDTPA_IFINDEX, ifindex);
		}
		for (i = 0; i + 1 < argc; i += 2) {
			const struct ntable_parm *p = find_parm(argv[i]);

			if (p)
				put_number(&req.nlh, p->type, p->is_u64, p->word, argv[i + 1]);
		}
		mnl_attr_nest_end(&req.nlh, nest);
	}
	err = nl_talk(ip_rtnl(), &req.nlh, NULL, NULL);
	if (err < 0)
		return ip_fail_nl(err);
	return 0;
}

/* A moment @ms_ago milliseconds back, as local date and time. */
static void print_moment(const char *key, const char *fmt, uint32_t ms_ago)
{
	time_t when = time(NULL) - ms_ago / 1000;
	struct tm tm;
	char buf[64];

	if (!localtime_r(&when, &tm) || !strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm))
		buf[0] = '\0';
	pr_string(key, fmt, buf);
}

static void print_config(const struct nlattr *nla)
{
	struct ndt_config c;
	char mask[16];

	memcpy(&c, mnl_attr_get_payload(nla), sizeof(c));
	pr_uint("key_length", "    config key_len %u ", c.ndtc_key_len);
	pr_uint("entry_size", "entry_size %u ", c.ndtc_entry_size);
	pr_uint("entries", "entries %u ", c.ndtc_entries);
	pr_nl();
	print_moment("last_flush", "        last_flush %s ", c.ndtc_last_flush);
	print_moment("last_rand", "last_rand %s ", c.ndtc_last_rand);
	pr_nl();
	pr_uint("hash_rnd", "        hash_rnd %u ", c.ndtc_hash_rnd);
	/* The reference writes the mask as 0x hex in JSON, 8 digits in text. */
	snprintf(mask, sizeof(mask), pr_json() ? "0x%x" : "%08x", c.ndtc_hash_mask);
	pr_string("hash_mask", "hash_mask %s ", mask);
	pr_uint("hash_chain_gc", "hash_chain_gc %u ", c.ndtc_hash_chain_gc);
	pr_uint("proxy_qlen", "proxy_qlen %u ", c.ndtc_proxy_qlen);
	pr_nl();
}

static void print_parms(const struct nlattr *nest)
{
	const struct nlattr *tb[NDTPA_MAX + 1];
	char fmt[64], buf[32];
	size_t i;

	nl_attr_parse_nested(nest, tb, NDTPA_MAX, NULL);
	if (tb[NDTPA_IFINDEX] && mnl_attr_get_payload_len(tb[NDTPA_IFINDEX]) >= 4) {
		pr_string("dev", "    dev %s ",
			  ifcache_name_or_num(mnl_attr_get_u32(tb[NDTPA_IFINDEX]), buf,
					      sizeof(buf)));
		pr_nl();
	}
	for (i = 0; i < ARRAY_SIZE(parms); i++) {
		const struct ntable_parm *p = &parms[i];
		const struct nlattr *nla = tb[p->type];

		if (p->lead)
			pr_text("%s", p->lead);
		if (nla && mnl_attr_get_payload_len(nla) >= (p->is_u64 ? 8U : 4U)) {
			snprintf(fmt, sizeof(fmt), "%s %s ", p->word, p->is_u64 ? "%llu" : "%u");
			if (p->is_u64)
				pr_u64(p->word, fmt, (unsigned long long)mnl_attr_get_u64(nla));
			else
				pr_uint(p->word, fmt, mnl_attr_get_u32(nla));
		}
		if (p->ends_line)
			pr_nl();
	}
}

static void print_stats(const struct nlattr *nla)
{
	static const struct {
		const char *name;
		size_t offset;
		const char *lead;
		bool ends_line;
	} fields[] = {
		{ "allocs", offsetof(struct ndt_stats, ndts_allocs), "    stats ", false },
		{ "destroys", offsetof(struct ndt_stats, ndts_destroys), NULL, false },
		{ "hash_grows", offsetof(struct ndt_stats, ndts_hash_grows), NULL, true },
		{ "res_failed", offsetof(struct ndt_stats, ndts_res_failed), "    ", false },
		{ "lookups", offsetof(struct ndt_stats, ndts_lookups), NULL, false },
		{ "hits", offsetof(struct ndt_stats, ndts_hits), NULL, true },
		{ "rcv_probes_mcast", offsetof(struct ndt_stats, ndts_rcv_probes_mcast), "    ",
		  false },
		{ "rcv_probes_ucast", offsetof(struct ndt_stats, ndts_rcv_probes_ucast), NULL,
		  true },
		{ "periodic_gc_runs", offsetof(struct ndt_stats, ndts_periodic_gc_runs), "    ",
		  false },
		{ "forced_gc_runs", offsetof(struct ndt_stats, ndts_forced_gc_runs), NULL, true },
		{ "table_fulls", offsetof(struct ndt_stats, ndts_table_fulls), "    ", true },
	};
	struct ndt_stats st;
	char fmt[64];
	size_t i;

	memcpy(&st, mnl_attr_get_payload(nla), sizeof(st));
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		uint64_t value;

		memcpy(&value, (const char *)&st + fields[i].offset, sizeof(value));
		if (fields[i].lead)
			pr_text("%s", fields[i].lead);
		snprintf(fmt, sizeof(fmt), "%s %%llu ", fields[i].name);
		pr_u64(fields[i].name, fmt, (unsigned long long)value);
		if (fields[i].ends_line)
			pr_nl();
	}
}

static bool ntable_selected(const struct nlattr *const *tb, const struct ntable_filter *f)
{
	if (f->name && (!tb[NDTA_NAME] || strcmp(f->name, mnl_attr_get_str(tb[NDTA_NAME]))))
		return false;
	if (f->ifindex) {
		const struct nlattr *ptb[NDTPA_MAX + 1];

		if (!tb[NDTA_PARMS])
			return false;
		nl_attr_parse_nested(tb[NDTA_PARMS], ptb, NDTPA_MAX, NULL);
		if (!ptb[NDTPA_IFINDEX] || mnl_attr_get_payload_len(ptb[NDTPA_IFINDEX]) < 4 ||
		    mnl_attr_get_u32(ptb[NDTPA_IFINDEX]) != f->ifindex)
			return false;
	}
	return true;
}

static int print_ntable(const struct nlmsghdr *nlh, void *data)
{
	const struct ntable_filter *f = data;
	const struct ndtmsg *ndtm = nl_msg_payload(nlh, sizeof(*ndtm));
	const struct nlattr *tb[NDTA_MAX + 1];
	bool thresholds = false;
	size_t i;

	if (nlh->nlmsg_type != RTM_NEWNEIGHTBL || !ndtm)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(*ndtm), tb, NDTA_MAX, ndta_policy);
	if (!ntable_selected(tb, f))
		return MNL_CB_OK;

	pr_open_object(NULL);
	pr_string("family", "%s ", family_name(ndtm->ndtm_family));
	if (tb[NDTA_NAME])
		pr_string("name", "%s ", mnl_attr_get_str(tb[NDTA_NAME]));
	pr_nl();
	for (i = 0; i < ARRAY_SIZE(table_attrs); i++) {
		const struct nlattr *nla = tb[table_attrs[i].type];
		char fmt[32];

		if (!nla)
			continue;
		if (!thresholds)
			pr_text("    ");
		thresholds = true;
		snprintf(fmt, sizeof(fmt), "%s %s ", table_attrs[i].word,
			 table_attrs[i].is_u64 ? "%llu" : "%u");
		if (table_attrs[i].is_u64)
			pr_u64(table_attrs[i].key, fmt, (unsigned long long)mnl_attr_get_u64(nla));
		else
			pr_uint(table_attrs[i].key, fmt, mnl_attr_get_u32(nla));
	}
	if (thresholds)
		pr_nl();
	if (ipo.stats && tb[NDTA_CONFIG])
		print_config(tb[NDTA_CONFIG]);
	if (tb[NDTA_PARMS])
		print_parms(tb[NDTA_PARMS]);
	if (ipo.stats && tb[NDTA_STATS])
		print_stats(tb[NDTA_STATS]);
	pr_text("\n");
	pr_close_object();
	return MNL_CB_OK;
}

static int ntable_show(int argc, char **argv)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct ndtmsg *ndtm = nl_req_init(req.buf, RTM_GETNEIGHTBL, 0, sizeof(*ndtm));
	const struct nl_dump_ops ops = { .msg = print_ntable };
	struct ntable_filter f = { 0 };
	int err;

	while (argc > 0) {
		if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			f.ifindex = ifcache_index(*argv);
			if (!f.ifindex)
				invarg("\"DEV\" is invalid", *argv);
		} else if (!strcmp(*argv, "name")) {
			NEXT_ARG();
			f.name = *argv;
		} else if (matches(*argv, "help")) {
			usage();
		} else {
			invarg("unknown", *argv);
		}
		argc--;
		argv++;
	}
	ndtm->ndtm_family = (uint8_t)ipo.family;
	pr_start();
	err = nl_dump(ip_rtnl(), &req.nlh, &ops, &f);
	if (err < 0) {
		ip_fail_nl(err);
		fprintf(stderr, "Dump terminated\n");
		return 1;
	}
	return 0;
}

static int ntable_help(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	usage();
}

static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} ntable_cmds[] = {
	{ "change", ntable_change },
	{ "chg", ntable_change },
	{ "set", ntable_change },
	{ "show", ntable_show },
	{ "list", ntable_show },
	{ "lst", ntable_show },
	{ "help", ntable_help },
};

int do_ntable(int argc, char **argv)
{
	size_t i;

	if (argc < 1)
		return ntable_show(0, NULL);
	for (i = 0; i < ARRAY_SIZE(ntable_cmds); i++)
		if (matches(argv[0], ntable_cmds[i].name))
			return ntable_cmds[i].run(argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip ntable help\".\n", argv[0]);
	exit(IP_EXIT_USAGE);
}
