// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Bridges: the bridge's own settings and state (IFLA_BR_*), and those of
 * each of its ports (IFLA_BRPORT_*, the "bridge_slave" data).
 */
#include <arpa/inet.h>
#include <net/if.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <linux/if_bridge.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"

/* The longest group address the reference takes (its buffer). */
#define LLADDR_MAX 32

/* The kernel reports timers in clock ticks of USER_HZ. */
#define BRIDGE_USER_HZ 100

static const struct nl_attr_policy bridge_policy[IFLA_BR_MAX + 1] = {
	[IFLA_BR_FORWARD_DELAY] = { .kind = NLA_U32 },
	[IFLA_BR_HELLO_TIME] = { .kind = NLA_U32 },
	[IFLA_BR_MAX_AGE] = { .kind = NLA_U32 },
	[IFLA_BR_AGEING_TIME] = { .kind = NLA_U32 },
	[IFLA_BR_STP_STATE] = { .kind = NLA_U32 },
	[IFLA_BR_PRIORITY] = { .kind = NLA_U16 },
	[IFLA_BR_VLAN_FILTERING] = { .kind = NLA_U8 },
	[IFLA_BR_VLAN_PROTOCOL] = { .kind = NLA_U16 },
	[IFLA_BR_GROUP_FWD_MASK] = { .kind = NLA_U16 },
	[IFLA_BR_ROOT_ID] = { .kind = NLA_BINARY, .min_len = sizeof(struct ifla_bridge_id) },
	[IFLA_BR_BRIDGE_ID] = { .kind = NLA_BINARY, .min_len = sizeof(struct ifla_bridge_id) },
	[IFLA_BR_ROOT_PORT] = { .kind = NLA_U16 },
	[IFLA_BR_ROOT_PATH_COST] = { .kind = NLA_U32 },
	[IFLA_BR_TOPOLOGY_CHANGE] = { .kind = NLA_U8 },
	[IFLA_BR_TOPOLOGY_CHANGE_DETECTED] = { .kind = NLA_U8 },
	[IFLA_BR_HELLO_TIMER] = { .kind = NLA_U64 },
	[IFLA_BR_TCN_TIMER] = { .kind = NLA_U64 },
	[IFLA_BR_TOPOLOGY_CHANGE_TIMER] = { .kind = NLA_U64 },
	[IFLA_BR_GC_TIMER] = { .kind = NLA_U64 },
	[IFLA_BR_GROUP_ADDR] = { .kind = NLA_BINARY },
	[IFLA_BR_MCAST_ROUTER] = { .kind = NLA_U8 },
	[IFLA_BR_MCAST_SNOOPING] = { .kind = NLA_U8 },
	[IFLA_BR_MCAST_QUERY_USE_IFADDR] = { .kind = NLA_U8 },
	[IFLA_BR_MCAST_QUERIER] = { .kind = NLA_U8 },
	[IFLA_BR_MCAST_HASH_ELASTICITY] = { .kind = NLA_U32 },
	[IFLA_BR_MCAST_HASH_MAX] = { .kind = NLA_U32 },
	[IFLA_BR_MCAST_LAST_MEMBER_CNT] = { .kind = NLA_U32 },
	[IFLA_BR_MCAST_STARTUP_QUERY_CNT] = { .kind = NLA_U32 },
	[IFLA_BR_MCAST_LAST_MEMBER_INTVL] = { .kind = NLA_U64 },
	[IFLA_BR_MCAST_MEMBERSHIP_INTVL] = { .kind = NLA_U64 },
	[IFLA_BR_MCAST_QUERIER_INTVL] = { .kind = NLA_U64 },
	[IFLA_BR_MCAST_QUERY_INTVL] = { .kind = NLA_U64 },
	[IFLA_BR_MCAST_QUERY_RESPONSE_INTVL] = { .kind = NLA_U64 },
	[IFLA_BR_MCAST_STARTUP_QUERY_INTVL] = { .kind = NLA_U64 },
	[IFLA_BR_NF_CALL_IPTABLES] = { .kind = NLA_U8 },
	[IFLA_BR_NF_CALL_IP6TABLES] = { .kind = NLA_U8 },
	[IFLA_BR_NF_CALL_ARPTABLES] = { .kind = NLA_U8 },
	[IFLA_BR_VLAN_DEFAULT_PVID] = { .kind = NLA_U16 },
	[IFLA_BR_VLAN_STATS_ENABLED] = { .kind = NLA_U8 },
	[IFLA_BR_MCAST_STATS_ENABLED] = { .kind = NLA_U8 },
	[IFLA_BR_MCAST_IGMP_VERSION] = { .kind = NLA_U8 },
	[IFLA_BR_MCAST_MLD_VERSION] = { .kind = NLA_U8 },
	[IFLA_BR_VLAN_STATS_PER_PORT] = { .kind = NLA_U8 },
	[IFLA_BR_MULTI_BOOLOPT] = { .kind = NLA_BINARY,
				    .min_len = sizeof(struct br_boolopt_multi) },
};

static const struct nl_attr_policy port_policy[IFLA_BRPORT_MAX + 1] = {
	[IFLA_BRPORT_STATE] = { .kind = NLA_U8 },
	[IFLA_BRPORT_PRIORITY] = { .kind = NLA_U16 },
	[IFLA_BRPORT_COST] = { .kind = NLA_U32 },
	[IFLA_BRPORT_MODE] = { .kind = NLA_U8 },
	[IFLA_BRPORT_GUARD] = { .kind = NLA_U8 },
	[IFLA_BRPORT_PROTECT] = { .kind = NLA_U8 },
	[IFLA_BRPORT_FAST_LEAVE] = { .kind = NLA_U8 },
	[IFLA_BRPORT_LEARNING] = { .kind = NLA_U8 },
	[IFLA_BRPORT_UNICAST_FLOOD] = { .kind = NLA_U8 },
	[IFLA_BRPORT_PROXYARP] = { .kind = NLA_U8 },
	[IFLA_BRPORT_PROXYARP_WIFI] = { .kind = NLA_U8 },
	[IFLA_BRPORT_ROOT_ID] = { .kind = NLA_BINARY, .min_len = sizeof(struct ifla_bridge_id) },
	[IFLA_BRPORT_BRIDGE_ID] = { .kind = NLA_BINARY,
				    .min_len = sizeof(struct ifla_bridge_id) },
	[IFLA_BRPORT_DESIGNATED_PORT] = { .kind = NLA_U16 },
	[IFLA_BRPORT_DESIGNATED_COST] = { .kind = NLA_U16 },
	[IFLA_BRPORT_ID] = { .kind = NLA_U16 },
	[IFLA_BRPORT_NO] = { .kind = NLA_U16 },
	[IFLA_BRPORT_TOPOLOGY_CHANGE_ACK] = { .kind = NLA_U8 },
	[IFLA_BRPORT_CONFIG_PENDING] = { .kind = NLA_U8 },
	[IFLA_BRPORT_MESSAGE_AGE_TIMER] = { .kind = NLA_U64 },
	[IFLA_BRPORT_FORWARD_DELAY_TIMER] = { .kind = NLA_U64 },
	[IFLA_BRPORT_HOLD_TIMER] = { .kind = NLA_U64 },
	[IFLA_BRPORT_MULTICAST_ROUTER] = { .kind = NLA_U8 },
	[IFLA_BRPORT_MCAST_FLOOD] = { .kind = NLA_U8 },
	[IFLA_BRPORT_MCAST_TO_UCAST] = { .kind = NLA_U8 },
	[IFLA_BRPORT_VLAN_TUNNEL] = { .kind = NLA_U8 },
	[IFLA_BRPORT_BCAST_FLOOD] = { .kind = NLA_U8 },
	[IFLA_BRPORT_GROUP_FWD_MASK] = { .kind = NLA_U16 },
	[IFLA_BRPORT_NEIGH_SUPPRESS] = { .kind = NLA_U8 },
	[IFLA_BRPORT_ISOLATED] = { .kind = NLA_U8 },
	[IFLA_BRPORT_BACKUP_PORT] = { .kind = NLA_U32 },
	[IFLA_BRPORT_LOCKED] = { .kind = NLA_U8 },
};

static void print_u8(const struct nlattr *attr, const char *key, const char *fmt)
{
	if (attr)
		pr_uint(key, fmt, mnl_attr_get_u8(attr));
}

static void print_u16(const struct nlattr *attr, const char *key, const char *fmt)
{
	if (attr)
		pr_uint(key, fmt, mnl_attr_get_u16(attr));
}

static void print_u32(const struct nlattr *attr, const char *key, const char *fmt)
{
	if (attr)
		pr_uint(key, fmt, mnl_attr_get_u32(attr));
}

static void print_u64(const struct nlattr *attr, const char *key, const char *fmt)
{
	if (attr)
		pr_u64(key, fmt, mnl_attr_get_u64(attr));
}

/* "NAME on" or "NAME off" in text, a boolean in JSON under @key (if any). */
static void print_on_off(const struct nlattr *attr, const char *key, const char *name)
{
	char text[64];
	bool on;

	if (!attr)
		return;
	on = mnl_attr_get_u8(attr);
	snprintf(text, sizeof(text), "%s %s ", name, on ? "on" : "off");
	pr_bool(key, text, on);
}

/* A value the reference shows in hex ("%#x": 0 stays "0"), a string in JSON. */
static void print_hex_u16(const struct nlattr *attr, const char *key, const char *fmt)
{
	char hex[sizeof("0xffff")];

	if (!attr)
		return;
	snprintf(hex, sizeof(hex), "%#x", mnl_attr_get_u16(attr));
	pr_string(key, fmt, hex);
}

/*
 * A timer in seconds with two decimals; JSON has it as a number.  The
 * reference goes through microseconds in 64 bits and prints the seconds
 * as an int, so absurd values wrap as they do there.
 */
static void print_timer(const struct nlattr *attr, const char *key, const char *fmt)
{
	uint64_t usec;
	char number[32];

	if (!attr)
		return;
	usec = mnl_attr_get_u64(attr) * (1000000 / BRIDGE_USER_HZ);
	snprintf(number, sizeof(number), "%d.%02u", (int)(uint32_t)(usec / 1000000),
		 (unsigned int)(usec % 1000000 / 10000));
	pr_number(key, fmt, number);
}

/* A bridge identifier: priority in hex, then the address without leading zeros. */
static void format_bridge_id(const struct nlattr *attr, char *buf, size_t len)
{
	const struct ifla_bridge_id *id = mnl_attr_get_payload(attr);

	snprintf(buf, len, "%.2x%.2x.%x:%x:%x:%x:%x:%x", id->prio[0], id->prio[1], id->addr[0],
		 id->addr[1], id->addr[2], id->addr[3], id->addr[4], id->addr[5]);
}

static void print_bridge_id(const struct nlattr *attr, const char *key, const char *fmt)
{
	char id[sizeof("ffff.ff:ff:ff:ff:ff:ff")];

	if (!attr)
		return;
	format_bridge_id(attr, id, sizeof(id));
	pr_string(key, fmt, id);
}

static const char *vlan_protocol_name(uint16_t proto, char *buf, size_t len)
{
	switch (proto) {
	case ETH_P_8021Q:
		return "802.1Q";
	case ETH_P_8021AD:
		return "802.1ad";
	default:
		snprintf(buf, len, "[%u]", proto);
		return buf;
	}
}

static void print_group_addr(const struct nlattr *attr)
{
	const uint8_t *a = mnl_attr_get_payload(attr);
	uint16_t n = mnl_attr_get_payload_len(attr), i;
	char text[3 * 64];
	size_t off = 0;

	/* Every byte the kernel sent, as far as the buffer goes. */
	text[0] = '\0';
	for (i = 0; i < n && off + 3 < sizeof(text); i++)
		off += snprintf(text + off, sizeof(text) - off, i ? ":%02x" : "%02x", a[i]);
	pr_string("group_addr", "group_address %s ", text);
}

static void print_boolopts(const struct nlattr *attr)
{
	const struct br_boolopt_multi *opts = mnl_attr_get_payload(attr);
	uint32_t ll_learn = 1u << BR_BOOLOPT_NO_LL_LEARN;
	uint32_t vlan_snooping = 1u << BR_BOOLOPT_MCAST_VLAN_SNOOPING;

	if (opts->optmask & ll_learn)
		pr_uint("no_linklocal_learn", "no_linklocal_learn %u ", !!(opts->optval & ll_learn));
	if (opts->optmask & vlan_snooping)
		pr_uint("mcast_vlan_snooping", "mcast_vlan_snooping %u ",
			!!(opts->optval & vlan_snooping));
}

static void print_bridge_ids(const struct nlattr **tb)
{
	const struct nlattr *root = tb[IFLA_BR_ROOT_ID];

	print_bridge_id(tb[IFLA_BR_BRIDGE_ID], "bridge_id", "bridge_id %s ");
	/*
	 * The reference shows the bridge's own identifier as the designated
	 * root: match it, as long as there is one to show.
	 */
	if (root && tb[IFLA_BR_BRIDGE_ID])
		root = tb[IFLA_BR_BRIDGE_ID];
	print_bridge_id(root, "root_id", "designated_root %s ");
}

static void print_multicast(const struct nlattr **tb)
{
	print_u8(tb[IFLA_BR_MCAST_ROUTER], "mcast_router", "mcast_router %u ");
	print_u8(tb[IFLA_BR_MCAST_QUERY_USE_IFADDR], "mcast_query_use_ifaddr",
		 "mcast_query_use_ifaddr %u ");
	print_u8(tb[IFLA_BR_MCAST_QUERIER], "mcast_querier", "mcast_querier %u ");
	print_u32(tb[IFLA_BR_MCAST_HASH_ELASTICITY], "mcast_hash_elasticity",
		  "mcast_hash_elasticity %u ");
	print_u32(tb[IFLA_BR_MCAST_HASH_MAX], "mcast_hash_max", "mcast_hash_max %u ");
	print_u32(tb[IFLA_BR_MCAST_LAST_MEMBER_CNT], "mcast_last_member_cnt",
		  "mcast_last_member_count %u ");
	print_u32(tb[IFLA_BR_MCAST_STARTUP_QUERY_CNT], "mcast_startup_query_cnt",
		  "mcast_startup_query_count %u ");
	print_u64(tb[IFLA_BR_MCAST_LAST_MEMBER_INTVL], "mcast_last_member_intvl",
		  "mcast_last_member_interval %llu ");
	print_u64(tb[IFLA_BR_MCAST_MEMBERSHIP_INTVL], "mcast_membership_intvl",
		  "mcast_membership_interval %llu ");
	print_u64(tb[IFLA_BR_MCAST_QUERIER_INTVL], "mcast_querier_intvl",
		  "mcast_querier_interval %llu ");
	print_u64(tb[IFLA_BR_MCAST_QUERY_INTVL], "mcast_query_intvl",
		  "mcast_query_interval %llu ");
	print_u64(tb[IFLA_BR_MCAST_QUERY_RESPONSE_INTVL], "mcast_query_response_intvl",
		  "mcast_query_response_interval %llu ");
	print_u64(tb[IFLA_BR_MCAST_STARTUP_QUERY_INTVL], "mcast_startup_query_intvl",
		  "mcast_startup_query_interval %llu ");
	print_u8(tb[IFLA_BR_MCAST_STATS_ENABLED], "mcast_stats_enabled",
		 "mcast_stats_enabled %u ");
	print_u8(tb[IFLA_BR_MCAST_IGMP_VERSION], "mcast_igmp_version", "mcast_igmp_version %u ");
	print_u8(tb[IFLA_BR_MCAST_MLD_VERSION], "mcast_mld_version", "mcast_mld_version %u ");
}

static void bridge_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_BR_MAX + 1];
	char proto[sizeof("[65535]")];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_BR_MAX, bridge_policy);

	print_u32(tb[IFLA_BR_FORWARD_DELAY], "forward_delay", "forward_delay %u ");
	print_u32(tb[IFLA_BR_HELLO_TIME], "hello_time", "hello_time %u ");
	print_u32(tb[IFLA_BR_MAX_AGE], "max_age", "max_age %u ");
	print_u32(tb[IFLA_BR_AGEING_TIME], "ageing_time", "ageing_time %u ");
	print_u32(tb[IFLA_BR_STP_STATE], "stp_state", "stp_state %u ");
	print_u16(tb[IFLA_BR_PRIORITY], "priority", "priority %u ");
	print_u8(tb[IFLA_BR_VLAN_FILTERING], "vlan_filtering", "vlan_filtering %u ");
	if (tb[IFLA_BR_VLAN_PROTOCOL])
		pr_string("vlan_protocol", "vlan_protocol %s ",
			  vlan_protocol_name(ntohs(mnl_attr_get_u16(tb[IFLA_BR_VLAN_PROTOCOL])),
					     proto, sizeof(proto)));
	print_bridge_ids(tb);
	print_u16(tb[IFLA_BR_ROOT_PORT], "root_port", "root_port %u ");
	print_u32(tb[IFLA_BR_ROOT_PATH_COST], "root_path_cost", "root_path_cost %u ");
	print_u8(tb[IFLA_BR_TOPOLOGY_CHANGE], "topology_change", "topology_change %u ");
	print_u8(tb[IFLA_BR_TOPOLOGY_CHANGE_DETECTED], "topology_change_detected",
		 "topology_change_detected %u ");
	print_timer(tb[IFLA_BR_HELLO_TIMER], "hello_timer", "hello_timer %7s ");
	print_timer(tb[IFLA_BR_TCN_TIMER], "tcn_timer", "tcn_timer %7s ");
	print_timer(tb[IFLA_BR_TOPOLOGY_CHANGE_TIMER], "topology_change_timer",
		    "topology_change_timer %7s ");
	print_timer(tb[IFLA_BR_GC_TIMER], "gc_timer", "gc_timer %7s ");
	print_u16(tb[IFLA_BR_VLAN_DEFAULT_PVID], "vlan_default_pvid", "vlan_default_pvid %u ");
	print_u8(tb[IFLA_BR_VLAN_STATS_ENABLED], "vlan_stats_enabled", "vlan_stats_enabled %u ");
	print_u8(tb[IFLA_BR_VLAN_STATS_PER_PORT], "vlan_stats_per_port",
		 "vlan_stats_per_port %u ");
	print_hex_u16(tb[IFLA_BR_GROUP_FWD_MASK], "group_fwd_mask", "group_fwd_mask %s ");
	if (tb[IFLA_BR_GROUP_ADDR])
		print_group_addr(tb[IFLA_BR_GROUP_ADDR]);
	print_u8(tb[IFLA_BR_MCAST_SNOOPING], "mcast_snooping", "mcast_snooping %u ");
	if (tb[IFLA_BR_MULTI_BOOLOPT])
		print_boolopts(tb[IFLA_BR_MULTI_BOOLOPT]);
	print_multicast(tb);
	print_u8(tb[IFLA_BR_NF_CALL_IPTABLES], "nf_call_iptables", "nf_call_iptables %u ");
	print_u8(tb[IFLA_BR_NF_CALL_IP6TABLES], "nf_call_ip6tables", "nf_call_ip6tables %u ");
	print_u8(tb[IFLA_BR_NF_CALL_ARPTABLES], "nf_call_arptables", "nf_call_arptables %u ");
}

static void print_port_state(uint8_t state)
{
	static const char *const names[] = {
		[BR_STATE_DISABLED] = "disabled",	[BR_STATE_LISTENING] = "listening",
		[BR_STATE_LEARNING] = "learning",	[BR_STATE_FORWARDING] = "forwarding",
		[BR_STATE_BLOCKING] = "blocking",
	};

	if (state < ARRAY_SIZE(names))
		pr_string("state", "state %s ", names[state]);
	else
		pr_uint("state_index", "state (%u) ", state);
}

/*
 * The link-local groups a port forwards, bit N standing for
 * 01:80:c2:00:00:0N: the protocols the reference names by name, others
 * as the bit's value.
 */
static void print_group_fwd_mask(const struct nlattr *attr)
{
	static const char *const names[16] = { [0] = "stp", [2] = "lacp", [14] = "lldp" };
	uint16_t mask;
	char text[16 * sizeof("0x8000,")];
	size_t off = 0;
	unsigned int bit;

	if (!attr)
		return;
	mask = mnl_attr_get_u16(attr);
	print_hex_u16(attr, "group_fwd_mask", "group_fwd_mask %s ");
	strcpy(text, "0x0");
	for (bit = 0; bit < 16; bit++) {
		if (!(mask & (1u << bit)))
			continue;
		if (names[bit])
			off += snprintf(text + off, sizeof(text) - off, "%s%s", off ? "," : "",
					names[bit]);
		else
			off += snprintf(text + off, sizeof(text) - off, "%s%#x", off ? "," : "",
					1u << bit);
	}
	pr_string("group_fwd_mask_str", "group_fwd_mask_str %s ", text);
}

static void print_port_flags(const struct nlattr **tb)
{
	print_on_off(tb[IFLA_BRPORT_MODE], "hairpin", "hairpin");
	print_on_off(tb[IFLA_BRPORT_GUARD], "guard", "guard");
	print_on_off(tb[IFLA_BRPORT_PROTECT], "root_block", "root_block");
	print_on_off(tb[IFLA_BRPORT_FAST_LEAVE], "fastleave", "fastleave");
	print_on_off(tb[IFLA_BRPORT_LEARNING], "learning", "learning");
	print_on_off(tb[IFLA_BRPORT_UNICAST_FLOOD], "flood", "flood");
}

static void print_port_stp(const struct nlattr **tb)
{
	print_hex_u16(tb[IFLA_BRPORT_ID], "id", "port_id %s ");
	print_hex_u16(tb[IFLA_BRPORT_NO], "no", "port_no %s ");
	print_u16(tb[IFLA_BRPORT_DESIGNATED_PORT], "designated_port", "designated_port %u ");
	print_u16(tb[IFLA_BRPORT_DESIGNATED_COST], "designated_cost", "designated_cost %u ");
	print_bridge_id(tb[IFLA_BRPORT_BRIDGE_ID], "bridge_id", "designated_bridge %s ");
	print_bridge_id(tb[IFLA_BRPORT_ROOT_ID], "root_id", "designated_root %s ");
	print_timer(tb[IFLA_BRPORT_HOLD_TIMER], "hold_timer", "hold_timer %7s ");
	print_timer(tb[IFLA_BRPORT_MESSAGE_AGE_TIMER], "message_age_timer",
		    "message_age_timer %7s ");
	print_timer(tb[IFLA_BRPORT_FORWARD_DELAY_TIMER], "forward_delay_timer",
		    "forward_delay_timer %7s ");
	print_u8(tb[IFLA_BRPORT_TOPOLOGY_CHANGE_ACK], "topology_change_ack",
		 "topology_change_ack %u ");
	print_u8(tb[IFLA_BRPORT_CONFIG_PENDING], "config_pending", "config_pending %u ");
}

static void bridge_print_slave_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_BRPORT_MAX + 1];
	char name[IF_NAMESIZE + 16];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_BRPORT_MAX, port_policy);

	if (tb[IFLA_BRPORT_STATE])
		print_port_state(mnl_attr_get_u8(tb[IFLA_BRPORT_STATE]));
	print_u16(tb[IFLA_BRPORT_PRIORITY], "priority", "priority %u ");
	/* The reference shows the cost signed. */
	if (tb[IFLA_BRPORT_COST])
		pr_int("cost", "cost %d ", (int)mnl_attr_get_u32(tb[IFLA_BRPORT_COST]));
	print_port_flags(tb);
	print_port_stp(tb);
	print_on_off(tb[IFLA_BRPORT_PROXYARP], "proxy_arp", "proxy_arp");
	print_on_off(tb[IFLA_BRPORT_PROXYARP_WIFI], "proxy_arp_wifi", "proxy_arp_wifi");
	print_u8(tb[IFLA_BRPORT_MULTICAST_ROUTER], "multicast_router", "mcast_router %u ");
	/* Fast leave once more, under its option's name; JSON has it once. */
	print_on_off(tb[IFLA_BRPORT_FAST_LEAVE], NULL, "mcast_fast_leave");
	print_on_off(tb[IFLA_BRPORT_MCAST_FLOOD], "mcast_flood", "mcast_flood");
	print_on_off(tb[IFLA_BRPORT_BCAST_FLOOD], "bcast_flood", "bcast_flood");
	print_on_off(tb[IFLA_BRPORT_MCAST_TO_UCAST], "mcast_to_unicast", "mcast_to_unicast");
	print_on_off(tb[IFLA_BRPORT_NEIGH_SUPPRESS], "neigh_suppress", "neigh_suppress");
	print_group_fwd_mask(tb[IFLA_BRPORT_GROUP_FWD_MASK]);
	print_on_off(tb[IFLA_BRPORT_VLAN_TUNNEL], "vlan_tunnel", "vlan_tunnel");
	print_on_off(tb[IFLA_BRPORT_ISOLATED], "isolated", "isolated");
	print_on_off(tb[IFLA_BRPORT_LOCKED], "locked", "locked");
	if (tb[IFLA_BRPORT_BACKUP_PORT])
		pr_string("backup_port", "backup_port %s ",
			  ifcache_name_or_num(mnl_attr_get_u32(tb[IFLA_BRPORT_BACKUP_PORT]), name,
					      sizeof(name)));
}

static void bridge_print_help(FILE *out)
{
	fputs("Usage: ... bridge [ fdb_flush ]\n"
	      "\t\t  [ forward_delay FORWARD_DELAY ]\n"
	      "\t\t  [ hello_time HELLO_TIME ]\n"
	      "\t\t  [ max_age MAX_AGE ]\n"
	      "\t\t  [ ageing_time AGEING_TIME ]\n"
	      "\t\t  [ stp_state STP_STATE ]\n"
	      "\t\t  [ priority PRIORITY ]\n"
	      "\t\t  [ group_fwd_mask MASK ]\n"
	      "\t\t  [ group_address ADDRESS ]\n"
	      "\t\t  [ no_linklocal_learn NO_LINKLOCAL_LEARN ]\n"
	      "\t\t  [ vlan_filtering VLAN_FILTERING ]\n"
	      "\t\t  [ vlan_protocol VLAN_PROTOCOL ]\n"
	      "\t\t  [ vlan_default_pvid VLAN_DEFAULT_PVID ]\n"
	      "\t\t  [ vlan_stats_enabled VLAN_STATS_ENABLED ]\n"
	      "\t\t  [ vlan_stats_per_port VLAN_STATS_PER_PORT ]\n"
	      "\t\t  [ mcast_snooping MULTICAST_SNOOPING ]\n"
	      "\t\t  [ mcast_vlan_snooping MULTICAST_VLAN_SNOOPING ]\n"
	      "\t\t  [ mcast_router MULTICAST_ROUTER ]\n"
	      "\t\t  [ mcast_query_use_ifaddr MCAST_QUERY_USE_IFADDR ]\n"
	      "\t\t  [ mcast_querier MULTICAST_QUERIER ]\n"
	      "\t\t  [ mcast_hash_elasticity HASH_ELASTICITY ]\n"
	      "\t\t  [ mcast_hash_max HASH_MAX ]\n"
	      "\t\t  [ mcast_last_member_count LAST_MEMBER_COUNT ]\n"
	      "\t\t  [ mcast_startup_query_count STARTUP_QUERY_COUNT ]\n"
	      "\t\t  [ mcast_last_member_interval LAST_MEMBER_INTERVAL ]\n"
	      "\t\t  [ mcast_membership_interval MEMBERSHIP_INTERVAL ]\n"
	      "\t\t  [ mcast_querier_interval QUERIER_INTERVAL ]\n"
	      "\t\t  [ mcast_query_interval QUERY_INTERVAL ]\n"
	      "\t\t  [ mcast_query_response_interval QUERY_RESPONSE_INTERVAL ]\n"
	      "\t\t  [ mcast_startup_query_interval STARTUP_QUERY_INTERVAL ]\n"
	      "\t\t  [ mcast_stats_enabled MCAST_STATS_ENABLED ]\n"
	      "\t\t  [ mcast_igmp_version IGMP_VERSION ]\n"
	      "\t\t  [ mcast_mld_version MLD_VERSION ]\n"
	      "\t\t  [ nf_call_iptables NF_CALL_IPTABLES ]\n"
	      "\t\t  [ nf_call_ip6tables NF_CALL_IP6TABLES ]\n"
	      "\t\t  [ nf_call_arptables NF_CALL_ARPTABLES ]\n"
	      "\n"
	      "Where: VLAN_PROTOCOL := { 802.1Q | 802.1ad }\n",
	      out);
}

static void bridge_print_slave_help(FILE *out)
{
	fputs("Usage: ... bridge_slave [ fdb_flush ]\n"
	      "\t\t\t[ state STATE ]\n"
	      "\t\t\t[ priority PRIO ]\n"
	      "\t\t\t[ cost COST ]\n"
	      "\t\t\t[ guard {on | off} ]\n"
	      "\t\t\t[ hairpin {on | off} ]\n"
	      "\t\t\t[ fastleave {on | off} ]\n"
	      "\t\t\t[ root_block {on | off} ]\n"
	      "\t\t\t[ learning {on | off} ]\n"
	      "\t\t\t[ flood {on | off} ]\n"
	      "\t\t\t[ proxy_arp {on | off} ]\n"
	      "\t\t\t[ proxy_arp_wifi {on | off} ]\n"
	      "\t\t\t[ mcast_router MULTICAST_ROUTER ]\n"
	      "\t\t\t[ mcast_fast_leave {on | off} ]\n"
	      "\t\t\t[ mcast_flood {on | off} ]\n"
	      "\t\t\t[ bcast_flood {on | off} ]\n"
	      "\t\t\t[ mcast_to_unicast {on | off} ]\n"
	      "\t\t\t[ group_fwd_mask MASK ]\n"
	      "\t\t\t[ neigh_suppress {on | off} ]\n"
	      "\t\t\t[ vlan_tunnel {on | off} ]\n"
	      "\t\t\t[ isolated {on | off} ]\n"
	      "\t\t\t[ locked {on | off} ]\n"
	      "\t\t\t[ backup_port DEVICE ] [ nobackup_port ]\n",
	      out);
}

/* A bridge option that is a number of @width bits in its own attribute. */
struct number_option {
	const char *word;
	uint16_t type;
	unsigned int width;
};

static const struct number_option bridge_numbers[] = {
	{ "forward_delay", IFLA_BR_FORWARD_DELAY, 32 },
	{ "hello_time", IFLA_BR_HELLO_TIME, 32 },
	{ "max_age", IFLA_BR_MAX_AGE, 32 },
	{ "ageing_time", IFLA_BR_AGEING_TIME, 32 },
	{ "stp_state", IFLA_BR_STP_STATE, 32 },
	{ "priority", IFLA_BR_PRIORITY, 16 },
	{ "group_fwd_mask", IFLA_BR_GROUP_FWD_MASK, 16 },
	{ "vlan_filtering", IFLA_BR_VLAN_FILTERING, 8 },
	{ "vlan_default_pvid", IFLA_BR_VLAN_DEFAULT_PVID, 16 },
	{ "vlan_stats_enabled", IFLA_BR_VLAN_STATS_ENABLED, 8 },
	{ "vlan_stats_per_port", IFLA_BR_VLAN_STATS_PER_PORT, 8 },
	{ "mcast_snooping", IFLA_BR_MCAST_SNOOPING, 8 },
	{ "mcast_router", IFLA_BR_MCAST_ROUTER, 8 },
	{ "mcast_query_use_ifaddr", IFLA_BR_MCAST_QUERY_USE_IFADDR, 8 },
	{ "mcast_querier", IFLA_BR_MCAST_QUERIER, 8 },
	{ "mcast_hash_elasticity", IFLA_BR_MCAST_HASH_ELASTICITY, 32 },
	{ "mcast_hash_max", IFLA_BR_MCAST_HASH_MAX, 32 },
	{ "mcast_last_member_count", IFLA_BR_MCAST_LAST_MEMBER_CNT, 32 },
	{ "mcast_startup_query_count", IFLA_BR_MCAST_STARTUP_QUERY_CNT, 32 },
	{ "mcast_last_member_interval", IFLA_BR_MCAST_LAST_MEMBER_INTVL, 64 },
	{ "mcast_membership_interval", IFLA_BR_MCAST_MEMBERSHIP_INTVL, 64 },
	{ "mcast_querier_interval", IFLA_BR_MCAST_QUERIER_INTVL, 64 },
	{ "mcast_query_interval", IFLA_BR_MCAST_QUERY_INTVL, 64 },
	{ "mcast_query_response_interval", IFLA_BR_MCAST_QUERY_RESPONSE_INTVL, 64 },
	{ "mcast_startup_query_interval", IFLA_BR_MCAST_STARTUP_QUERY_INTVL, 64 },
	{ "mcast_stats_enabled", IFLA_BR_MCAST_STATS_ENABLED, 8 },
	{ "mcast_igmp_version", IFLA_BR_MCAST_IGMP_VERSION, 8 },
	{ "mcast_mld_version", IFLA_BR_MCAST_MLD_VERSION, 8 },
	{ "nf_call_iptables", IFLA_BR_NF_CALL_IPTABLES, 8 },
	{ "nf_call_ip6tables", IFLA_BR_NF_CALL_IP6TABLES, 8 },
	{ "nf_call_arptables", IFLA_BR_NF_CALL_ARPTABLES, 8 },
};

static const struct number_option port_numbers[] = {
	{ "state", IFLA_BRPORT_STATE, 8 },
	{ "priority", IFLA_BRPORT_PRIORITY, 16 },
	{ "cost", IFLA_BRPORT_COST, 32 },
	{ "mcast_router", IFLA_BRPORT_MULTICAST_ROUTER, 8 },
	{ "group_fwd_mask", IFLA_BRPORT_GROUP_FWD_MASK, 16 },
};

/* The port's switches, "WORD on|off" each. */
static const struct {
	const char *word;
	uint16_t type;
} port_switches[] = {
	{ "guard", IFLA_BRPORT_GUARD },
	{ "hairpin", IFLA_BRPORT_MODE },
	{ "fastleave", IFLA_BRPORT_FAST_LEAVE },
	{ "root_block", IFLA_BRPORT_PROTECT },
	{ "learning", IFLA_BRPORT_LEARNING },
	{ "flood", IFLA_BRPORT_UNICAST_FLOOD },
	{ "proxy_arp", IFLA_BRPORT_PROXYARP },
	{ "proxy_arp_wifi", IFLA_BRPORT_PROXYARP_WIFI },
	{ "mcast_fast_leave", IFLA_BRPORT_FAST_LEAVE },
	{ "mcast_flood", IFLA_BRPORT_MCAST_FLOOD },
	{ "bcast_flood", IFLA_BRPORT_BCAST_FLOOD },
	{ "mcast_to_unicast", IFLA_BRPORT_MCAST_TO_UCAST },
	{ "neigh_suppress", IFLA_BRPORT_NEIGH_SUPPRESS },
	{ "vlan_tunnel", IFLA_BRPORT_VLAN_TUNNEL },
	{ "isolated", IFLA_BRPORT_ISOLATED },
	{ "locked", IFLA_BRPORT_LOCKED },
};

/* The bridge's switches that travel together in IFLA_BR_MULTI_BOOLOPT. */
static const struct {
	const char *word;
	unsigned int bit;
} bridge_boolopts[] = {
	{ "no_linklocal_learn", BR_BOOLOPT_NO_LL_LEARN },
	{ "mcast_vlan_snooping", BR_BOOLOPT_MCAST_VLAN_SNOOPING },
};

static const struct number_option *find_number_option(const struct number_option *opts,
						     size_t count, const char *word)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcmp(opts[i].word, word))
			return &opts[i];
	return NULL;
}

/*
 * Put @arg as the number @opt takes.  A bad value ends the program with
 * @fmt, the reference's wording, which differs between the bridge
 * ("invalid %s") and its ports ("%s is invalid").
 */
static void put_number_option(const struct number_option *opt, const char *arg, const char *fmt,
			      struct nlmsghdr *req)
{
	char what[64];
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;
	uint8_t v8;
	int err;

	switch (opt->width) {
	case 8:
		err = parse_u8(arg, 0, &v8);
		if (!err)
			mnl_attr_put_u8(req, opt->type, v8);
		break;
	case 16:
		err = parse_u16(arg, 0, &v16);
		if (!err)
			mnl_attr_put_u16(req, opt->type, v16);
		break;
	case 32:
		err = parse_u32(arg, 0, &v32);
		if (!err)
			mnl_attr_put_u32(req, opt->type, v32);
		break;
	default:
		err = parse_u64(arg, 0, &v64);
		if (!err)
			mnl_attr_put_u64(req, opt->type, v64);
		break;
	}
	if (err) {
		snprintf(what, sizeof(what), fmt, opt->word);
		invarg(what, arg);
	}
}

static uint16_t parse_vlan_protocol(const char *arg)
{
	uint16_t proto;

	if (!strcasecmp(arg, "802.1Q"))
		return ETH_P_8021Q;
	if (!strcasecmp(arg, "802.1ad"))
		return ETH_P_8021AD;
	if (parse_u16(arg, 0, &proto) < 0)
		invarg("invalid vlan_protocol", arg);
	return proto;
}

/* "help", or a word the kind does not know: its usage, on stderr. */
static void __attribute__((noreturn)) parse_stop(const char *what, const char *word,
						 void (*help)(FILE *out))
{
	if (strcmp(word, "help"))
		fprintf(stderr, "%s \"%s\"?\n", what, word);
	help(stderr);
	exit(1);
}

static int find_boolopt(const char *word)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bridge_boolopts); i++)
		if (!strcmp(word, bridge_boolopts[i].word))
			return (int)i;
	return -1;
}

static void bridge_parse(int argc, char **argv, struct nlmsghdr *req)
{
	struct br_boolopt_multi boolopts = { 0 };
	const struct number_option *opt;
	uint8_t group[LLADDR_MAX];
	const char *word;
	uint32_t value;
	char what[64];
	int len, bit;

	for (; argc > 0; argc--, argv++) {
		word = *argv;
		if (!strcmp(word, "fdb_flush")) {
			mnl_attr_put(req, IFLA_BR_FDB_FLUSH, 0, NULL);
			continue;
		}
		opt = find_number_option(bridge_numbers, ARRAY_SIZE(bridge_numbers), word);
		bit = find_boolopt(word);
		if (!opt && bit < 0 && strcmp(word, "group_address") &&
		    strcmp(word, "vlan_protocol"))
			parse_stop("bridge: unknown command", word, bridge_print_help);
		NEXT_ARG();
		if (opt) {
			put_number_option(opt, *argv, "invalid %s", req);
		} else if (bit >= 0) {
			snprintf(what, sizeof(what), "invalid %s", word);
			if (parse_u32(*argv, 0, &value) < 0)
				invarg(what, *argv);
			boolopts.optmask |= 1u << bridge_boolopts[bit].bit;
			if (value)
				boolopts.optval |= 1u << bridge_boolopts[bit].bit;
		} else if (!strcmp(word, "group_address")) {
			len = lladdr_parse(*argv, group, sizeof(group));
			if (len < 0)
				exit(1);
			mnl_attr_put(req, IFLA_BR_GROUP_ADDR, (size_t)len, group);
		} else {
			mnl_attr_put_u16(req, IFLA_BR_VLAN_PROTOCOL,
					 htons(parse_vlan_protocol(*argv)));
		}
	}
	/* The switches go together, after everything else. */
	if (boolopts.optmask)
		mnl_attr_put(req, IFLA_BR_MULTI_BOOLOPT, sizeof(boolopts), &boolopts);
}

static bool parse_port_switch(const char *word, const char *arg)
{
	if (!strcmp(arg, "on"))
		return true;
	if (!strcmp(arg, "off"))
		return false;
	fprintf(stderr, "Error: argument of \"%s\" must be one of \"off\", \"on\", not \"%s\"\n",
		word, arg);
	exit(1);
}

static void bridge_parse_slave(int argc, char **argv, struct nlmsghdr *req)
{
	const struct number_option *opt;
	const char *word;
	unsigned int index;
	size_t i;

	for (; argc > 0; argc--, argv++) {
		word = *argv;
		if (!strcmp(word, "fdb_flush")) {
			mnl_attr_put(req, IFLA_BRPORT_FLUSH, 0, NULL);
			continue;
		}
		if (!strcmp(word, "nobackup_port")) {
			mnl_attr_put_u32(req, IFLA_BRPORT_BACKUP_PORT, 0);
			continue;
		}
		opt = find_number_option(port_numbers, ARRAY_SIZE(port_numbers), word);
		for (i = 0; i < ARRAY_SIZE(port_switches); i++)
			if (!strcmp(word, port_switches[i].word))
				break;
		if (!opt && i == ARRAY_SIZE(port_switches) && strcmp(word, "backup_port"))
			parse_stop("bridge_slave: unknown option", word, bridge_print_slave_help);
		NEXT_ARG();
		if (opt) {
			put_number_option(opt, *argv, opt->type == IFLA_BRPORT_MULTICAST_ROUTER ||
							      opt->type == IFLA_BRPORT_GROUP_FWD_MASK
						      ? "invalid %s"
						      : "%s is invalid",
					  req);
		} else if (i < ARRAY_SIZE(port_switches)) {
			mnl_attr_put_u8(req, port_switches[i].type, parse_port_switch(word, *argv));
		} else {
			index = ifcache_index(*argv);
			if (!index)
				invarg("Device does not exist\n", *argv);
			mnl_attr_put_u32(req, IFLA_BRPORT_BACKUP_PORT, index);
		}
	}
}

static const struct link_kind bridge_kind = {
	.name = "bridge",
	.print_data = bridge_print_data,
	.print_slave_data = bridge_print_slave_data,
	.print_help = bridge_print_help,
	.print_slave_help = bridge_print_slave_help,
	.parse = bridge_parse,
	.parse_slave = bridge_parse_slave,
};
LINK_KIND(bridge_kind);
