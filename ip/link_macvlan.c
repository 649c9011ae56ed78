// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * macvlan and macvtap links, which share their settings: the mode, its
 * flags, the broadcast queue and, in source mode, the allowed senders.
 */
#include <stdbool.h>
#include <stdio.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include <nlkit/attr.h>
#include <nlkit/print.h>

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
};
LINK_KIND(macvlan_kind);

static const struct link_kind macvtap_kind = {
	.name = "macvtap",
	.print_data = macvlan_print_data,
	.print_help = macvtap_print_help,
};
LINK_KIND(macvtap_kind);
