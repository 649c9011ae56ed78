// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * bond links: ports aggregated under one of the bonding modes, with link
 * monitoring (MII or ARP/NS probes) and 802.3ad settings; and the
 * settings of a bond's ports (bond_slave).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <linux/if_link.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"

/* The kernel's limits on probe targets. */
#define BOND_MAX_TARGETS 16

static const char *const mode_names[] = {
	"balance-rr", "active-backup", "balance-xor", "broadcast", "802.3ad", "balance-tlb",
	"balance-alb", NULL,
};
static const char *const arp_validate_names[] = {
	"none", "active", "backup", "all", "filter", "filter_active", "filter_backup", NULL,
};
static const char *const arp_all_targets_names[] = { "any", "all", NULL };
static const char *const primary_reselect_names[] = { "always", "better", "failure", NULL };
static const char *const fail_over_mac_names[] = { "none", "active", "follow", NULL };
static const char *const xmit_hash_policy_names[] = {
	"layer2", "layer3+4", "layer2+3", "encap2+3", "encap3+4", "vlan+srcmac", NULL,
};
static const char *const lacp_rate_names[] = { "slow", "fast", NULL };
static const char *const lacp_active_names[] = { "off", "on", NULL };
static const char *const ad_select_names[] = { "stable", "bandwidth", "count", NULL };

enum bond_value {
	BV_U8,
	BV_U16,
	BV_U32,
	BV_NAME_U8,	/* a name of @names (or its index), as a u8 */
	BV_NAME_U32,
	BV_DEV,		/* a device's index, u32 */
	BV_CLEAR,	/* no value: a zero u32 */
	BV_IPV4_LIST,	/* ADDR,ADDR,... as a nest of u32 */
	BV_IPV6_LIST,
	BV_LLADDR,
};

/*
 * The options in the order the reference tries them, which decides what
 * an abbreviation means ("a" is active_slave, "ad" ad_select).  Each is
 * sent as it comes.
 */
static const struct bond_option {
	const char *word;
	const char *name;	/* in the error message */
	int type;
	enum bond_value value;
	const char *const *names;
} bond_options[] = {
	{ "mode", "mode", IFLA_BOND_MODE, BV_NAME_U8, mode_names },
	{ "active_slave", NULL, IFLA_BOND_ACTIVE_SLAVE, BV_DEV, NULL },
	{ "clear_active_slave", NULL, IFLA_BOND_ACTIVE_SLAVE, BV_CLEAR, NULL },
	{ "miimon", "miimon", IFLA_BOND_MIIMON, BV_U32, NULL },
	{ "updelay", "updelay", IFLA_BOND_UPDELAY, BV_U32, NULL },
	{ "downdelay", "downdelay", IFLA_BOND_DOWNDELAY, BV_U32, NULL },
	{ "peer_notify_delay", "peer_notify_delay", IFLA_BOND_PEER_NOTIF_DELAY, BV_U32, NULL },
	{ "use_carrier", "use_carrier", IFLA_BOND_USE_CARRIER, BV_U8, NULL },
	{ "arp_interval", "arp_interval", IFLA_BOND_ARP_INTERVAL, BV_U32, NULL },
	{ "arp_validate", "arp_validate", IFLA_BOND_ARP_VALIDATE, BV_NAME_U32, arp_validate_names },
	{ "arp_all_targets", "arp_all_targets", IFLA_BOND_ARP_ALL_TARGETS, BV_NAME_U32,
	  arp_all_targets_names },
	{ "arp_ip_target", NULL, IFLA_BOND_ARP_IP_TARGET, BV_IPV4_LIST, NULL },
	{ "primary", NULL, IFLA_BOND_PRIMARY, BV_DEV, NULL },
	{ "primary_reselect", "primary_reselect", IFLA_BOND_PRIMARY_RESELECT, BV_NAME_U8,
	  primary_reselect_names },
	{ "fail_over_mac", "fail_over_mac", IFLA_BOND_FAIL_OVER_MAC, BV_NAME_U8,
	  fail_over_mac_names },
	{ "xmit_hash_policy", "xmit_hash_policy", IFLA_BOND_XMIT_HASH_POLICY, BV_NAME_U8,
	  xmit_hash_policy_names },
	{ "resend_igmp", "resend_igmp", IFLA_BOND_RESEND_IGMP, BV_U32, NULL },
	{ "num_grat_arp", "num_grat_arp|num_unsol_na", IFLA_BOND_NUM_PEER_NOTIF, BV_U8, NULL },
	{ "num_unsol_na", "num_grat_arp|num_unsol_na", IFLA_BOND_NUM_PEER_NOTIF, BV_U8, NULL },
	{ "ns_ip6_target", NULL, IFLA_BOND_NS_IP6_TARGET, BV_IPV6_LIST, NULL },
	{ "all_slaves_active", "all_slaves_active", IFLA_BOND_ALL_SLAVES_ACTIVE, BV_U8, NULL },
	{ "min_links", "min_links", IFLA_BOND_MIN_LINKS, BV_U32, NULL },
	{ "lp_interval", "lp_interval", IFLA_BOND_LP_INTERVAL, BV_U32, NULL },
	{ "packets_per_slave", "packets_per_slave", IFLA_BOND_PACKETS_PER_SLAVE, BV_U32, NULL },
	{ "tlb_dynamic_lb", "tlb_dynamic_lb", IFLA_BOND_TLB_DYNAMIC_LB, BV_U8, NULL },
	{ "lacp_rate", "lacp_rate", IFLA_BOND_AD_LACP_RATE, BV_NAME_U8, lacp_rate_names },
	{ "lacp_active", "lacp_active", IFLA_BOND_AD_LACP_ACTIVE, BV_NAME_U8, lacp_active_names },
	{ "ad_select", "ad_select", IFLA_BOND_AD_SELECT, BV_NAME_U8, ad_select_names },
	{ "ad_user_port_key", "ad_user_port_key", IFLA_BOND_AD_USER_PORT_KEY, BV_U16, NULL },
	{ "ad_actor_sys_prio", "ad_actor_sys_prio", IFLA_BOND_AD_ACTOR_SYS_PRIO, BV_U16, NULL },
	{ "ad_actor_system", NULL, IFLA_BOND_AD_ACTOR_SYSTEM, BV_LLADDR, NULL },
	{ "arp_missed_max", "arp_missed_max", IFLA_BOND_MISSED_MAX, BV_U8, NULL },
};

static const struct nl_attr_policy bond_policy[IFLA_BOND_MAX + 1] = {
	[IFLA_BOND_MODE] = { .kind = NLA_U8 },
	[IFLA_BOND_ACTIVE_SLAVE] = { .kind = NLA_U32 },
	[IFLA_BOND_MIIMON] = { .kind = NLA_U32 },
	[IFLA_BOND_UPDELAY] = { .kind = NLA_U32 },
	[IFLA_BOND_DOWNDELAY] = { .kind = NLA_U32 },
	[IFLA_BOND_USE_CARRIER] = { .kind = NLA_U8 },
	[IFLA_BOND_ARP_INTERVAL] = { .kind = NLA_U32 },
	[IFLA_BOND_ARP_IP_TARGET] = { .kind = NLA_NESTED },
	[IFLA_BOND_ARP_VALIDATE] = { .kind = NLA_U32 },
	[IFLA_BOND_ARP_ALL_TARGETS] = { .kind = NLA_U32 },
	[IFLA_BOND_PRIMARY] = { .kind = NLA_U32 },
	[IFLA_BOND_PRIMARY_RESELECT] = { .kind = NLA_U8 },
	[IFLA_BOND_FAIL_OVER_MAC] = { .kind = NLA_U8 },
	[IFLA_BOND_XMIT_HASH_POLICY] = { .kind = NLA_U8 },
	[IFLA_BOND_RESEND_IGMP] = { .kind = NLA_U32 },
	[IFLA_BOND_NUM_PEER_NOTIF] = { .kind = NLA_U8 },
	[IFLA_BOND_ALL_SLAVES_ACTIVE] = { .kind = NLA_U8 },
	[IFLA_BOND_MIN_LINKS] = { .kind = NLA_U32 },
	[IFLA_BOND_LP_INTERVAL] = { .kind = NLA_U32 },
	[IFLA_BOND_PACKETS_PER_SLAVE] = { .kind = NLA_U32 },
	[IFLA_BOND_AD_LACP_RATE] = { .kind = NLA_U8 },
	[IFLA_BOND_AD_SELECT] = { .kind = NLA_U8 },
	[IFLA_BOND_AD_INFO] = { .kind = NLA_NESTED },
	[IFLA_BOND_AD_ACTOR_SYS_PRIO] = { .kind = NLA_U16 },
	[IFLA_BOND_AD_USER_PORT_KEY] = { .kind = NLA_U16 },
	[IFLA_BOND_AD_ACTOR_SYSTEM] = { .kind = NLA_BINARY, .min_len = 6 },
	[IFLA_BOND_TLB_DYNAMIC_LB] = { .kind = NLA_U8 },
	[IFLA_BOND_PEER_NOTIF_DELAY] = { .kind = NLA_U32 },
	[IFLA_BOND_AD_LACP_ACTIVE] = { .kind = NLA_U8 },
	[IFLA_BOND_MISSED_MAX] = { .kind = NLA_U8 },
	[IFLA_BOND_NS_IP6_TARGET] = { .kind = NLA_NESTED },
};

static const struct nl_attr_policy ad_info_policy[IFLA_BOND_AD_INFO_MAX + 1] = {
	[IFLA_BOND_AD_INFO_AGGREGATOR] = { .kind = NLA_U16 },
	[IFLA_BOND_AD_INFO_NUM_PORTS] = { .kind = NLA_U16 },
	[IFLA_BOND_AD_INFO_ACTOR_KEY] = { .kind = NLA_U16 },
	[IFLA_BOND_AD_INFO_PARTNER_KEY] = { .kind = NLA_U16 },
	[IFLA_BOND_AD_INFO_PARTNER_MAC] = { .kind = NLA_BINARY, .min_len = 6 },
};

static const struct nl_attr_policy slave_policy[IFLA_BOND_SLAVE_MAX + 1] = {
	[IFLA_BOND_SLAVE_STATE] = { .kind = NLA_U8 },
	[IFLA_BOND_SLAVE_MII_STATUS] = { .kind = NLA_U8 },
	[IFLA_BOND_SLAVE_LINK_FAILURE_COUNT] = { .kind = NLA_U32 },
	[IFLA_BOND_SLAVE_PERM_HWADDR] = { .kind = NLA_BINARY },
	[IFLA_BOND_SLAVE_QUEUE_ID] = { .kind = NLA_U16 },
	[IFLA_BOND_SLAVE_AD_AGGREGATOR_ID] = { .kind = NLA_U16 },
	[IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE] = { .kind = NLA_U8 },
	[IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE] = { .kind = NLA_U16 },
	[IFLA_BOND_SLAVE_PRIO] = { .kind = NLA_U32 },
};

static void bond_print_help(FILE *out)
{
	fputs("Usage: ... bond [ mode BONDMODE ] [ active_slave SLAVE_DEV ]\n"
	      "                [ clear_active_slave ] [ miimon MIIMON ]\n"
	      "                [ updelay UPDELAY ] [ downdelay DOWNDELAY ]\n"
	      "                [ peer_notify_delay DELAY ]\n"
	      "                [ use_carrier USE_CARRIER ]\n"
	      "                [ arp_interval ARP_INTERVAL ]\n"
	      "                [ arp_validate ARP_VALIDATE ]\n"
	      "                [ arp_all_targets ARP_ALL_TARGETS ]\n"
	      "                [ arp_ip_target [ ARP_IP_TARGET, ... ] ]\n"
	      "                [ ns_ip6_target [ NS_IP6_TARGET, ... ] ]\n"
	      "                [ primary SLAVE_DEV ]\n"
	      "                [ primary_reselect PRIMARY_RESELECT ]\n"
	      "                [ fail_over_mac FAIL_OVER_MAC ]\n"
	      "                [ xmit_hash_policy XMIT_HASH_POLICY ]\n"
	      "                [ resend_igmp RESEND_IGMP ]\n"
	      "                [ num_grat_arp|num_unsol_na NUM_GRAT_ARP|NUM_UNSOL_NA ]\n"
	      "                [ all_slaves_active ALL_SLAVES_ACTIVE ]\n"
	      "                [ min_links MIN_LINKS ]\n"
	      "                [ lp_interval LP_INTERVAL ]\n"
	      "                [ packets_per_slave PACKETS_PER_SLAVE ]\n"
	      "                [ tlb_dynamic_lb TLB_DYNAMIC_LB ]\n"
	      "                [ lacp_rate LACP_RATE ]\n"
	      "                [ lacp_active LACP_ACTIVE]\n"
	      "                [ ad_select AD_SELECT ]\n"
	      "                [ ad_user_port_key PORTKEY ]\n"
	      "                [ ad_actor_sys_prio SYSPRIO ]\n"
	      "                [ ad_actor_system LLADDR ]\n"
	      "                [ arp_missed_max MISSED_MAX ]\n"
	      "\n"
	      "BONDMODE := balance-rr|active-backup|balance-xor|broadcast|802.3ad|balance-tlb|balance-alb\n"
	      "ARP_VALIDATE := none|active|backup|all|filter|filter_active|filter_backup\n"
	      "ARP_ALL_TARGETS := any|all\n"
	      "PRIMARY_RESELECT := always|better|failure\n"
	      "FAIL_OVER_MAC := none|active|follow\n"
	      "XMIT_HASH_POLICY := layer2|layer2+3|layer3+4|encap2+3|encap3+4|vlan+srcmac\n"
	      "LACP_ACTIVE := off|on\n"
	      "LACP_RATE := slow|fast\n"
	      "AD_SELECT := stable|bandwidth|count\n",
	      out);
}

static void bond_slave_print_help(FILE *out)
{
	fputs("Usage: ... bond_slave [ queue_id ID ] [ prio PRIORITY ]\n", out);
}

/* A name of @names, or the decimal index of one. */
static bool parse_name(const char *arg, const char *const *names, uint32_t *out)
{
	uint32_t i, count;

	for (count = 0; names[count]; count++) {
		if (!strcmp(arg, names[count])) {
			*out = count;
			return true;
		}
	}
	if (parse_u32(arg, 10, &i) || i >= count)
		return false;
	*out = i;
	return true;
}

static uint32_t parse_dev(const char *name)
{
	unsigned int index = ifcache_index(name);

	if (!index) {
		fprintf(stderr, "Cannot find device \"%s\"\n", name);
		exit(1);
	}
	return index;
}

/* ADDR,ADDR,...: a nest of addresses numbered from 0; empty words skipped. */
static void put_target_list(struct nlmsghdr *req, int type, int family, char *list)
{
	struct nlattr *nest = nl_attr_nest_start_plain(req, type);
	char *addr, *saveptr = NULL;
	struct inet_prefix p;
	int count = 0;

	for (addr = strtok_r(list, ",", &saveptr); addr && count < BOND_MAX_TARGETS;
	     addr = strtok_r(NULL, ",", &saveptr)) {
		if (addr_parse(addr, family, &p) ||
		    (p.family != family && !(p.flags & ADDR_F_ANY))) {
			if (family == AF_INET)
				fprintf(stderr,
					"Error: an IP address is expected rather than \"%s\"\n",
					addr);
			else
				fprintf(stderr,
					"Error: inet6 address is expected rather than \"%s\".\n",
					addr);
			exit(1);
		}
		/* "any" is the zero address. */
		if (p.flags & ADDR_F_ANY)
			memset(p.data, 0, sizeof(p.data));
		mnl_attr_put(req, count++, family == AF_INET ? 4 : 16, p.data);
	}
	mnl_attr_nest_end(req, nest);
}

static void __attribute__((noreturn)) bad_value(const struct bond_option *o, const char *arg)
{
	char msg[64];

	snprintf(msg, sizeof(msg), "invalid %s", o->name);
	invarg(msg, arg);
}

static void put_option(struct nlmsghdr *req, const struct bond_option *o, char *arg)
{
	/* The reference takes one byte more than its 32 before it stops. */
	uint8_t lladdr[33];
	uint32_t value;
	uint16_t u16;
	uint8_t u8;
	int len;

	switch (o->value) {
	case BV_U8:
		if (parse_u8(arg, 0, &u8))
			break;
		mnl_attr_put_u8(req, o->type, u8);
		return;
	case BV_U16:
		if (parse_u16(arg, 0, &u16))
			break;
		mnl_attr_put_u16(req, o->type, u16);
		return;
	case BV_U32:
		if (parse_u32(arg, 0, &value))
			break;
		mnl_attr_put_u32(req, o->type, value);
		return;
	case BV_NAME_U8:
	case BV_NAME_U32:
		if (!parse_name(arg, o->names, &value))
			break;
		if (o->value == BV_NAME_U8)
			mnl_attr_put_u8(req, o->type, value);
		else
			mnl_attr_put_u32(req, o->type, value);
		return;
	case BV_DEV:
		mnl_attr_put_u32(req, o->type, parse_dev(arg));
		return;
	case BV_CLEAR:
		mnl_attr_put_u32(req, o->type, 0);
		return;
	case BV_IPV4_LIST:
		put_target_list(req, o->type, AF_INET, arg);
		return;
	case BV_IPV6_LIST:
		put_target_list(req, o->type, AF_INET6, arg);
		return;
	case BV_LLADDR:
		len = lladdr_parse(arg, lladdr, sizeof(lladdr));
		if (len < 0)
			exit(1);
		if (len > (int)sizeof(lladdr))
			len = sizeof(lladdr);
		mnl_attr_put(req, o->type, len, lladdr);
		return;
	}
	bad_value(o, arg);
}

static void bond_parse(int argc, char **argv, struct nlmsghdr *req)
{
	const struct bond_option *o;
	size_t i;

	for (; argc > 0; argc--, argv++) {
		for (i = 0; i < ARRAY_SIZE(bond_options); i++)
			if (matches(*argv, bond_options[i].word))
				break;
		if (i == ARRAY_SIZE(bond_options)) {
			if (!matches(*argv, "help"))
				fprintf(stderr, "bond: unknown command \"%s\"?\n", *argv);
			bond_print_help(stderr);
			exit(1);
		}
		o = &bond_options[i];
		if (o->value != BV_CLEAR)
			NEXT_ARG();
		put_option(req, o, *argv);
	}
}

static void bond_slave_parse(int argc, char **argv, struct nlmsghdr *req)
{
	uint16_t queue_id;
	int32_t prio;

	for (; argc > 0; argc--, argv++) {
		if (matches(*argv, "queue_id")) {
			NEXT_ARG();
			if (parse_u16(*argv, 0, &queue_id))
				invarg("queue_id is invalid", *argv);
			mnl_attr_put_u16(req, IFLA_BOND_SLAVE_QUEUE_ID, queue_id);
		} else if (!strcmp(*argv, "prio")) {
			NEXT_ARG();
			if (parse_s32(*argv, 0, &prio))
				invarg("prio is invalid", *argv);
			mnl_attr_put_u32(req, IFLA_BOND_SLAVE_PRIO, (uint32_t)prio);
		} else {
			if (!matches(*argv, "help"))
				fprintf(stderr, "bond_slave: unknown option \"%s\"?\n", *argv);
			bond_slave_print_help(stderr);
			exit(1);
		}
	}
}

/* The option of attribute @type, for its word as shown and its names. */
static const struct bond_option *option_of(int type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bond_options); i++)
		if (bond_options[i].type == type)
			return &bond_options[i];
	return NULL;
}

static void print_named(const struct nlattr **tb, int type, const char *key)
{
	const struct bond_option *o = option_of(type);
	uint32_t value, count;
	char fmt[64];

	if (!tb[type])
		return;
	value = o->value == BV_NAME_U8 ? mnl_attr_get_u8(tb[type]) : mnl_attr_get_u32(tb[type]);
	for (count = 0; o->names[count]; count++)
		;
	if (value < count) {
		snprintf(fmt, sizeof(fmt), "%s %%s ", o->word);
		pr_string(key, fmt, o->names[value]);
	} else {
		snprintf(fmt, sizeof(fmt), "%s %%u ", o->word);
		pr_uint(key, fmt, value);
	}
}

static void print_number(const struct nlattr **tb, int type, const char *key, const char *word)
{
	const struct bond_option *o = option_of(type);
	uint32_t value;
	char fmt[64];

	if (!tb[type])
		return;
	switch (o->value) {
	case BV_U8:
		value = mnl_attr_get_u8(tb[type]);
		break;
	case BV_U16:
		value = mnl_attr_get_u16(tb[type]);
		break;
	default:
		value = mnl_attr_get_u32(tb[type]);
		break;
	}
	snprintf(fmt, sizeof(fmt), "%s %%u ", word ? word : o->word);
	pr_uint(key, fmt, value);
}

static void print_dev(const struct nlattr *attr, const char *key)
{
	char name[32];
	uint32_t index;

	if (attr && (index = mnl_attr_get_u32(attr))) {
		char fmt[32];

		snprintf(fmt, sizeof(fmt), "%s %%s ", key);
		pr_string(key, fmt, ifcache_name_or_num(index, name, sizeof(name)));
	}
}

static void print_targets(const struct nlattr *nest, const char *key, int family)
{
	const struct nlattr *attr;
	size_t len = family == AF_INET ? 4 : 16;
	char buf[INET6_ADDRSTRLEN];
	bool first = true;

	if (!nest)
		return;
	mnl_attr_for_each_nested(attr, nest) {
		if (mnl_attr_get_payload_len(attr) < len)
			continue;
		if (first) {
			pr_open_array(key, NULL);
			pr_text("%s ", key);
		}
		pr_string(NULL, first ? "%s" : ",%s",
			  addr_format(family, mnl_attr_get_payload(attr), len, buf, sizeof(buf)));
		first = false;
	}
	if (!first) {
		pr_text(" ");
		pr_close_array(NULL);
	}
}

static void print_ad_info(const struct nlattr *nest)
{
	const struct nlattr *tb[IFLA_BOND_AD_INFO_MAX + 1];
	char mac[32];

	if (!nest)
		return;
	nl_attr_parse_nested(nest, tb, IFLA_BOND_AD_INFO_MAX, ad_info_policy);
	pr_open_object("ad_info");
	if (tb[IFLA_BOND_AD_INFO_AGGREGATOR])
		pr_int("aggregator", "ad_aggregator %d ",
		       mnl_attr_get_u16(tb[IFLA_BOND_AD_INFO_AGGREGATOR]));
	if (tb[IFLA_BOND_AD_INFO_NUM_PORTS])
		pr_int("num_ports", "ad_num_ports %d ",
		       mnl_attr_get_u16(tb[IFLA_BOND_AD_INFO_NUM_PORTS]));
	if (tb[IFLA_BOND_AD_INFO_ACTOR_KEY])
		pr_int("actor_key", "ad_actor_key %d ",
		       mnl_attr_get_u16(tb[IFLA_BOND_AD_INFO_ACTOR_KEY]));
	if (tb[IFLA_BOND_AD_INFO_PARTNER_KEY])
		pr_int("partner_key", "ad_partner_key %d ",
		       mnl_attr_get_u16(tb[IFLA_BOND_AD_INFO_PARTNER_KEY]));
	if (tb[IFLA_BOND_AD_INFO_PARTNER_MAC])
		pr_string("partner_mac", "ad_partner_mac %s ",
			  lladdr_format(mnl_attr_get_payload(tb[IFLA_BOND_AD_INFO_PARTNER_MAC]), 6,
					0, mac, sizeof(mac)));
	pr_close_object();
}

static void bond_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_BOND_MAX + 1];
	char mac[32];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_BOND_MAX, bond_policy);
	print_named(tb, IFLA_BOND_MODE, "mode");
	print_dev(tb[IFLA_BOND_ACTIVE_SLAVE], "active_slave");
	print_number(tb, IFLA_BOND_MIIMON, "miimon", NULL);
	print_number(tb, IFLA_BOND_UPDELAY, "updelay", NULL);
	print_number(tb, IFLA_BOND_DOWNDELAY, "downdelay", NULL);
	print_number(tb, IFLA_BOND_PEER_NOTIF_DELAY, "peer_notify_delay", NULL);
	print_number(tb, IFLA_BOND_USE_CARRIER, "use_carrier", NULL);
	print_number(tb, IFLA_BOND_ARP_INTERVAL, "arp_interval", NULL);
	print_number(tb, IFLA_BOND_MISSED_MAX, "arp_missed_max", NULL);
	print_targets(tb[IFLA_BOND_ARP_IP_TARGET], "arp_ip_target", AF_INET);
	print_targets(tb[IFLA_BOND_NS_IP6_TARGET], "ns_ip6_target", AF_INET6);
	/* The reference's JSON has null, not "none", for no ARP validation. */
	if (tb[IFLA_BOND_ARP_VALIDATE] && !mnl_attr_get_u32(tb[IFLA_BOND_ARP_VALIDATE]))
		pr_null("arp_validate", "arp_validate none ");
	else
		print_named(tb, IFLA_BOND_ARP_VALIDATE, "arp_validate");
	print_named(tb, IFLA_BOND_ARP_ALL_TARGETS, "arp_all_targets");
	print_dev(tb[IFLA_BOND_PRIMARY], "primary");
	print_named(tb, IFLA_BOND_PRIMARY_RESELECT, "primary_reselect");
	print_named(tb, IFLA_BOND_FAIL_OVER_MAC, "fail_over_mac");
	print_named(tb, IFLA_BOND_XMIT_HASH_POLICY, "xmit_hash_policy");
	print_number(tb, IFLA_BOND_RESEND_IGMP, "resend_igmp", NULL);
	print_number(tb, IFLA_BOND_NUM_PEER_NOTIF, "num_peer_notif", NULL);
	print_number(tb, IFLA_BOND_ALL_SLAVES_ACTIVE, "all_slaves_active", NULL);
	print_number(tb, IFLA_BOND_MIN_LINKS, "min_links", NULL);
	print_number(tb, IFLA_BOND_LP_INTERVAL, "lp_interval", NULL);
	print_number(tb, IFLA_BOND_PACKETS_PER_SLAVE, "packets_per_slave", NULL);
	print_named(tb, IFLA_BOND_AD_LACP_ACTIVE, "ad_lacp_active");
	print_named(tb, IFLA_BOND_AD_LACP_RATE, "ad_lacp_rate");
	print_named(tb, IFLA_BOND_AD_SELECT, "ad_select");
	print_ad_info(tb[IFLA_BOND_AD_INFO]);
	print_number(tb, IFLA_BOND_AD_ACTOR_SYS_PRIO, "ad_actor_sys_prio", NULL);
	print_number(tb, IFLA_BOND_AD_USER_PORT_KEY, "ad_user_port_key", NULL);
	if (tb[IFLA_BOND_AD_ACTOR_SYSTEM])
		pr_string("ad_actor_system", "ad_actor_system %s ",
			  lladdr_format(mnl_attr_get_payload(tb[IFLA_BOND_AD_ACTOR_SYSTEM]), 6, 0,
					mac, sizeof(mac)));
	print_number(tb, IFLA_BOND_TLB_DYNAMIC_LB, "tlb_dynamic_lb", NULL);
}

/* The 802.3ad port state bits, in order. */
static const char *const port_state_names[] = {
	"LACP_ACTIVITY", "LACP_TIMEOUT", "AGGREGATION", "SYNC",
	"COLLECTING", "DISTRIBUTING", "DEFAULTED", "EXPIRED",
};

static void print_port_state(const char *key, const struct nlattr *attr)
{
	char name[64];
	uint8_t state;
	bool first = true;
	size_t i;

	if (!attr)
		return;
	state = mnl_attr_get_u8(attr);
	snprintf(name, sizeof(name), "%s %%d ", key);
	pr_int(key, name, state);
	snprintf(name, sizeof(name), "%s_str", key);
	pr_open_array(name, NULL);
	pr_text("%s <", name);
	for (i = 0; i < ARRAY_SIZE(port_state_names); i++) {
		if (!(state & (1U << i)))
			continue;
		pr_string(NULL, first ? "%s" : ",%s", port_state_names[i]);
		first = false;
	}
	pr_close_array("> ");
}

static void bond_slave_print_data(const struct nlattr *data)
{
	static const char *const states[] = { "ACTIVE", "BACKUP" };
	static const char *const mii_states[] = { "UP", "GOING_DOWN", "DOWN", "GOING_BACK" };
	const struct nlattr *tb[IFLA_BOND_SLAVE_MAX + 1];
	char mac[64];
	uint8_t value;

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_BOND_SLAVE_MAX, slave_policy);
	if (tb[IFLA_BOND_SLAVE_STATE] &&
	    (value = mnl_attr_get_u8(tb[IFLA_BOND_SLAVE_STATE])) < ARRAY_SIZE(states))
		pr_string("state", "state %s ", states[value]);
	if (tb[IFLA_BOND_SLAVE_MII_STATUS] &&
	    (value = mnl_attr_get_u8(tb[IFLA_BOND_SLAVE_MII_STATUS])) < ARRAY_SIZE(mii_states))
		pr_string("mii_status", "mii_status %s ", mii_states[value]);
	if (tb[IFLA_BOND_SLAVE_LINK_FAILURE_COUNT])
		pr_int("link_failure_count", "link_failure_count %d ",
		       (int)mnl_attr_get_u32(tb[IFLA_BOND_SLAVE_LINK_FAILURE_COUNT]));
	if (tb[IFLA_BOND_SLAVE_PERM_HWADDR])
		pr_string("perm_hwaddr", "perm_hwaddr %s ",
			  lladdr_format(mnl_attr_get_payload(tb[IFLA_BOND_SLAVE_PERM_HWADDR]),
					mnl_attr_get_payload_len(tb[IFLA_BOND_SLAVE_PERM_HWADDR]), 0,
					mac, sizeof(mac)));
	if (tb[IFLA_BOND_SLAVE_QUEUE_ID])
		pr_int("queue_id", "queue_id %d ", mnl_attr_get_u16(tb[IFLA_BOND_SLAVE_QUEUE_ID]));
	if (tb[IFLA_BOND_SLAVE_PRIO])
		pr_int("prio", "prio %d ", (int32_t)mnl_attr_get_u32(tb[IFLA_BOND_SLAVE_PRIO]));
	if (tb[IFLA_BOND_SLAVE_AD_AGGREGATOR_ID])
		pr_int("ad_aggregator_id", "ad_aggregator_id %d ",
		       mnl_attr_get_u16(tb[IFLA_BOND_SLAVE_AD_AGGREGATOR_ID]));
	print_port_state("ad_actor_oper_port_state", tb[IFLA_BOND_SLAVE_AD_ACTOR_OPER_PORT_STATE]);
	print_port_state("ad_partner_oper_port_state",
			 tb[IFLA_BOND_SLAVE_AD_PARTNER_OPER_PORT_STATE]);
}

static const struct link_kind bond_kind = {
	.name = "bond",
	.print_data = bond_print_data,
	.print_slave_data = bond_slave_print_data,
	.print_help = bond_print_help,
	.print_slave_help = bond_slave_print_help,
	.parse = bond_parse,
	.parse_slave = bond_slave_parse,
};
LINK_KIND(bond_kind);
