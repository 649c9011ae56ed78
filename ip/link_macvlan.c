// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * macvlan and macvtap links, which share their settings: the mode, its
 * flags, the broadcast queue and, in source mode, the allowed senders.
 * The options are sent in the order given, the mode and flags last.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"

static const struct nl_attr_policy macvlan_policy[IFLA_MACVLAN_MAX + 1] = {
	[IFLA_MACVLAN_MODE] = { .kind = NLA_U32 },
	[IFLA_MACVLAN_FLAGS] = { .kind = NLA_U16 },
	/* Walked entry by entry with bounds checks: as the reference, take
	 * what is well formed even when trailing bytes are not. */
	[IFLA_MACVLAN_MACADDR_DATA] = { .kind = NLA_ANY },
	[IFLA_MACVLAN_MACADDR_COUNT] = { .kind = NLA_U32 },
	[IFLA_MACVLAN_BC_QUEUE_LEN] = { .kind = NLA_U32 },
	[IFLA_MACVLAN_BC_QUEUE_LEN_USED] = { .kind = NLA_U32 },
};

static const char *mode_name(uint32_t mode)
{
	switch (mode) {
	case MACVLAN_MODE_PRIVATE:
		return "private";
	case MACVLAN_MODE_VEPA:
		return "vepa";
	case MACVLAN_MODE_BRIDGE:
		return "bridge";
	case MACVLAN_MODE_PASSTHRU:
		return "passthru";
	case MACVLAN_MODE_SOURCE:
		return "source";
	default:
		return "unknown";
	}
}

/* The senders a source-mode device accepts: IFLA_MACVLAN_MACADDR entries. */
static void print_source_macs(const struct nlattr *list)
{
	const struct nlattr *entry;
	char mac[sizeof("xx:xx:xx:xx:xx:xx")];

	pr_open_array("macaddr_data", NULL);
	mnl_attr_for_each_nested(entry, list) {
		const uint8_t *a = mnl_attr_get_payload(entry);

		if (mnl_attr_get_type(entry) != IFLA_MACVLAN_MACADDR ||
		    mnl_attr_get_payload_len(entry) < ETH_ALEN)
			continue;
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x", a[0], a[1], a[2], a[3],
			 a[4], a[5]);
		pr_string(NULL, "%s ", mac);
	}
	pr_close_array(NULL);
}

static void macvlan_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_MACVLAN_MAX + 1];
	uint32_t mode;

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_MACVLAN_MAX, macvlan_policy);
	/* The reference shows nothing at all without a mode. */
	if (!tb[IFLA_MACVLAN_MODE])
		return;

	mode = mnl_attr_get_u32(tb[IFLA_MACVLAN_MODE]);
	pr_string("mode", "mode %s ", mode_name(mode));

	if (tb[IFLA_MACVLAN_FLAGS]) {
		uint16_t flags = mnl_attr_get_u16(tb[IFLA_MACVLAN_FLAGS]);

		if (flags & MACVLAN_FLAG_NOPROMISC)
			pr_flag("nopromisc", "nopromisc ");
		if (flags & MACVLAN_FLAG_NODST)
			pr_flag("nodst", "nodst ");
	}
	if (tb[IFLA_MACVLAN_BC_QUEUE_LEN])
		pr_uint("bcqueuelen", "bcqueuelen %u ",
			mnl_attr_get_u32(tb[IFLA_MACVLAN_BC_QUEUE_LEN]));
	if (tb[IFLA_MACVLAN_BC_QUEUE_LEN_USED])
		pr_uint("usedbcqueuelen", "usedbcqueuelen %u ",
			mnl_attr_get_u32(tb[IFLA_MACVLAN_BC_QUEUE_LEN_USED]));

	/* The sender list means something only in source mode, and is listed
	 * only after its count. */
	if (mode != MACVLAN_MODE_SOURCE || !tb[IFLA_MACVLAN_MACADDR_COUNT])
		return;
	pr_uint("macaddr_count", "remotes (%u) ",
		mnl_attr_get_u32(tb[IFLA_MACVLAN_MACADDR_COUNT]));
	if (tb[IFLA_MACVLAN_MACADDR_DATA])
		print_source_macs(tb[IFLA_MACVLAN_MACADDR_DATA]);
}

static void print_usage(FILE *out, const char *kind)
{
	fprintf(out,
		"Usage: ... %s mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n"
		"\n"
		"MODE: private | vepa | bridge | passthru | source\n"
		"MODE_FLAG: null | nopromisc | nodst\n"
		"MODE_OPTS: for mode \"source\":\n"
		"\tmacaddr { { add | del } <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }\n"
		"BC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]\n",
		kind);
}

static const char *const mode_words[] = { "private", "vepa", "bridge", "passthru", "source" };
static const uint32_t mode_values[] = {
	MACVLAN_MODE_PRIVATE, MACVLAN_MODE_VEPA, MACVLAN_MODE_BRIDGE, MACVLAN_MODE_PASSTHRU,
	MACVLAN_MODE_SOURCE,
};

/* What a bad word of the options prints before the usage. */
static void __attribute__((noreturn)) parse_stop(const char *kind, const char *what)
{
	if (what)
		fprintf(stderr, "%s: %s\n", kind, what);
	print_usage(stderr, kind);
	exit(1);
}

static uint32_t parse_mode(const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mode_words); i++)
		if (!strcmp(arg, mode_words[i]))
			return mode_values[i];
	fprintf(stderr,
		"Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", \"passthru\" or \"source\", not \"%s\"\n",
		arg);
	exit(1);
}

static uint16_t parse_flag(const char *arg)
{
	if (!strcmp(arg, "nopromisc"))
		return MACVLAN_FLAG_NOPROMISC;
	if (!strcmp(arg, "nodst"))
		return MACVLAN_FLAG_NODST;
	if (!strcmp(arg, "null"))
		return 0;
	fprintf(stderr, "Error: argument of \"flag\" must be \"nopromisc\", \"nodst\" or \"null\", not \"%s\"\n",
		arg);
	exit(1);
}

static void put_mac(struct nlmsghdr *req, const char *arg)
{
	uint8_t mac[ETH_ALEN];

	if (lladdr_parse(arg, mac, sizeof(mac)) != ETH_ALEN)
		exit(1);
	mnl_attr_put(req, IFLA_MACVLAN_MACADDR, sizeof(mac), mac);
}

/*
 * macaddr set: the addresses that follow, up to the first word that is
 * not one (which the reference reports as a bad address, and then reads
 * as the next option).  Returns how many words it took.
 */
static int put_mac_set(struct nlmsghdr *req, int argc, char **argv)
{
	uint8_t mac[ETH_ALEN];
	struct nlattr *nest;
	int used = 0;

	mnl_attr_put_u32(req, IFLA_MACVLAN_MACADDR_MODE, MACVLAN_MACADDR_SET);
	nest = nl_attr_nest_start_plain(req, IFLA_MACVLAN_MACADDR_DATA);
	while (used < argc && lladdr_parse(argv[used], mac, sizeof(mac)) == ETH_ALEN) {
		mnl_attr_put(req, IFLA_MACVLAN_MACADDR, sizeof(mac), mac);
		used++;
	}
	mnl_attr_nest_end(req, nest);
	return used;
}

static void parse_options(const char *kind, int argc, char **argv, struct nlmsghdr *req)
{
	bool has_mode = false, has_flags = false;
	uint32_t mode = 0, queue_len;
	uint16_t flags = 0;
	int used;

	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "mode")) {
			NEXT_ARG();
			mode = parse_mode(*argv);
			has_mode = true;
		} else if (!strcmp(*argv, "flag")) {
			NEXT_ARG();
			flags = parse_flag(*argv);
			has_flags = true;
		} else if (!strcmp(*argv, "nopromisc") || !strcmp(*argv, "nodst")) {
			flags |= parse_flag(*argv);
			has_flags = true;
		} else if (!strcmp(*argv, "bcqueuelen")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &queue_len) < 0) {
				fprintf(stderr,
					"Error: argument of \"bcqueuelen\" must be a positive integer [0-4294967295], not \"%s\"\n",
					*argv);
				exit(1);
			}
			mnl_attr_put_u32(req, IFLA_MACVLAN_BC_QUEUE_LEN, queue_len);
		} else if (!strcmp(*argv, "macaddr")) {
			NEXT_ARG();
			if (!strcmp(*argv, "add") || !strcmp(*argv, "del")) {
				mnl_attr_put_u32(req, IFLA_MACVLAN_MACADDR_MODE,
						 strcmp(*argv, "add") ? MACVLAN_MACADDR_DEL
								      : MACVLAN_MACADDR_ADD);
				NEXT_ARG();
				put_mac(req, *argv);
			} else if (!strcmp(*argv, "set")) {
				used = put_mac_set(req, argc - 1, argv + 1);
				argc -= used;
				argv += used;
			} else if (!strcmp(*argv, "flush")) {
				mnl_attr_put_u32(req, IFLA_MACVLAN_MACADDR_MODE,
						 MACVLAN_MACADDR_FLUSH);
			} else {
				parse_stop(kind, NULL);
			}
		} else if (!strcmp(*argv, "help")) {
			parse_stop(kind, NULL);
		} else {
			fprintf(stderr, "%s: unknown option \"%s\"?\n", kind, *argv);
			parse_stop(kind, NULL);
		}
	}
	if (flags & MACVLAN_FLAG_NOPROMISC && mode != MACVLAN_MODE_PASSTHRU)
		parse_stop(kind, "nopromisc flag only valid in passthru mode");
	if (has_mode)
		mnl_attr_put_u32(req, IFLA_MACVLAN_MODE, mode);
	if (has_flags)
		mnl_attr_put_u16(req, IFLA_MACVLAN_FLAGS, flags);
}

static void macvlan_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_options("macvlan", argc, argv, req);
}

static void macvtap_parse(int argc, char **argv, struct nlmsghdr *req)
{
	parse_options("macvtap", argc, argv, req);
}

static void macvlan_print_help(FILE *out)
{
	print_usage(out, "macvlan");
}

static void macvtap_print_help(FILE *out)
{
	print_usage(out, "macvtap");
}

static const struct link_kind macvlan_kind = {
	.name = "macvlan",
	.print_data = macvlan_print_data,
	.print_help = macvlan_print_help,
	.parse = macvlan_parse,
};
LINK_KIND(macvlan_kind);

static const struct link_kind macvtap_kind = {
	.name = "macvtap",
	.print_data = macvlan_print_data,
	.print_help = macvtap_print_help,
	.parse = macvtap_parse,
};
LINK_KIND(macvtap_kind);
