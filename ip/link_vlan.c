// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vlan links: an 802.1Q or 802.1ad tag on a lower device, its flags and
 * the priority maps between skb priorities and the tag's PCP bits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_link.h>
#include <linux/if_vlan.h>

#include <nlkit/attr.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"

static const struct nl_attr_policy vlan_policy[IFLA_VLAN_MAX + 1] = {
	[IFLA_VLAN_ID] = { .kind = NLA_U16 },
	[IFLA_VLAN_FLAGS] = { .kind = NLA_BINARY, .min_len = sizeof(struct ifla_vlan_flags) },
	[IFLA_VLAN_EGRESS_QOS] = { .kind = NLA_NESTED },
	[IFLA_VLAN_INGRESS_QOS] = { .kind = NLA_NESTED },
	[IFLA_VLAN_PROTOCOL] = { .kind = NLA_U16 },
};

static const struct {
	uint32_t flag;
	const char *word;	/* the option */
	const char *name;	/* as shown */
} vlan_flags[] = {
	{ VLAN_FLAG_REORDER_HDR, "reorder_hdr", "REORDER_HDR" },
	{ VLAN_FLAG_GVRP, "gvrp", "GVRP" },
	{ VLAN_FLAG_MVRP, "mvrp", "MVRP" },
	{ VLAN_FLAG_LOOSE_BINDING, "loose_binding", "LOOSE_BINDING" },
	{ VLAN_FLAG_BRIDGE_BINDING, "bridge_binding", "BRIDGE_BINDING" },
};

static void vlan_print_help(FILE *out)
{
	fputs("Usage: ... vlan id VLANID\n"
	      "\t\t[ protocol VLANPROTO ]\n"
	      "\t\t[ reorder_hdr { on | off } ]\n"
	      "\t\t[ gvrp { on | off } ]\n"
	      "\t\t[ mvrp { on | off } ]\n"
	      "\t\t[ loose_binding { on | off } ]\n"
	      "\t\t[ bridge_binding { on | off } ]\n"
	      "\t\t[ ingress-qos-map QOS-MAP ]\n"
	      "\t\t[ egress-qos-map QOS-MAP ]\n"
	      "\n"
	      "VLANID := 0-4095\n"
	      "VLANPROTO: [ 802.1Q | 802.1ad ]\n"
	      "QOS-MAP := [ QOS-MAP ] QOS-MAPPING\n"
	      "QOS-MAPPING := FROM:TO\n",
	      out);
}

static void __attribute__((noreturn)) vlan_usage(const char *unknown)
{
	if (unknown)
		fprintf(stderr, "vlan: unknown command \"%s\"?\n", unknown);
	vlan_print_help(stderr);
	exit(1);
}

/* The tag protocols by name, in network order. */
static bool parse_protocol(const char *arg, uint16_t *proto)
{
	uint16_t value;

	if (!strcasecmp(arg, "802.1Q"))
		value = ETH_P_8021Q;
	else if (!strcasecmp(arg, "802.1ad"))
		value = ETH_P_8021AD;
	else if (parse_u16(arg, 0, &value))
		return false;
	*proto = htons(value);
	return true;
}

static const char *protocol_name(uint16_t proto, char *buf, size_t len)
{
	switch (ntohs(proto)) {
	case ETH_P_8021Q:
		return "802.1Q";
	case ETH_P_8021AD:
		return "802.1ad";
	}
	snprintf(buf, len, "[%d]", ntohs(proto));
	return buf;
}

static bool parse_on_off(const char *key, const char *arg)
{
	if (!strcmp(arg, "on"))
		return true;
	if (!strcmp(arg, "off"))
		return false;
	fprintf(stderr, "Error: argument of \"%s\" must be \"on\" or \"off\", not \"%s\"\n", key,
		arg);
	exit(1);
}

/*
 * The FROM:TO words that follow a map's keyword, as far as they go: a
 * word without ':' is the next option.  Returns how many words it took.
 */
static int parse_qos_map(int argc, char **argv, struct nlmsghdr *req, int type,
			 const char *key)
{
	struct nlattr *nest = nl_attr_nest_start_plain(req, type);
	int used = 0;

	while (argc > 0) {
		struct ifla_vlan_qos_mapping map;
		char *colon = strchr(*argv, ':');

		if (!colon)
			break;
		*colon = '\0';
		if (parse_u32(*argv, 0, &map.from) || parse_u32(colon + 1, 0, &map.to)) {
			char msg[64];

			snprintf(msg, sizeof(msg), "invalid %s", key);
			invarg(msg, *argv);
		}
		mnl_attr_put(req, IFLA_VLAN_QOS_MAPPING, sizeof(map), &map);
		argc--;
		argv++;
		used++;
	}
	mnl_attr_nest_end(req, nest);
	return used;
}

static void vlan_parse(int argc, char **argv, struct nlmsghdr *req)
{
	struct ifla_vlan_flags flags = { 0 };
	uint16_t id, proto;
	size_t i;

	while (argc > 0) {
		if (matches(*argv, "protocol")) {
			NEXT_ARG();
			if (!parse_protocol(*argv, &proto))
				invarg("protocol is invalid", *argv);
			mnl_attr_put_u16(req, IFLA_VLAN_PROTOCOL, proto);
		} else if (matches(*argv, "id")) {
			NEXT_ARG();
			if (parse_u16(*argv, 0, &id))
				invarg("id is invalid", *argv);
			mnl_attr_put_u16(req, IFLA_VLAN_ID, id);
		} else if (matches(*argv, "ingress-qos-map") || matches(*argv, "egress-qos-map")) {
			bool ingress = matches(*argv, "ingress-qos-map");
			int used;

			NEXT_ARG();
			used = parse_qos_map(argc, argv, req,
					     ingress ? IFLA_VLAN_INGRESS_QOS : IFLA_VLAN_EGRESS_QOS,
					     ingress ? "ingress-qos-map" : "egress-qos-map");
			/* The word that ended the map is read again as an option. */
			argc -= used;
			argv += used;
			continue;
		} else if (matches(*argv, "help")) {
			vlan_usage(NULL);
		} else {
			for (i = 0; i < ARRAY_SIZE(vlan_flags); i++)
				if (matches(*argv, vlan_flags[i].word))
					break;
			if (i == ARRAY_SIZE(vlan_flags))
				vlan_usage(*argv);
			NEXT_ARG();
			flags.mask |= vlan_flags[i].flag;
			if (parse_on_off(vlan_flags[i].word, *argv))
				flags.flags |= vlan_flags[i].flag;
			else
				flags.flags &= ~vlan_flags[i].flag;
		}
		argc--;
		argv++;
	}
	if (flags.mask)
		mnl_attr_put(req, IFLA_VLAN_FLAGS, sizeof(flags), &flags);
}

static void print_flags(uint32_t flags)
{
	size_t i;

	pr_open_array("flags", "<");
	for (i = 0; i < ARRAY_SIZE(vlan_flags); i++) {
		if (!(flags & vlan_flags[i].flag))
			continue;
		flags &= ~vlan_flags[i].flag;
		pr_string(NULL, flags ? "%s," : "%s", vlan_flags[i].name);
	}
	if (flags) {
		char hex[16];

		snprintf(hex, sizeof(hex), "%#x", flags);
		pr_string(NULL, "%s", hex);
	}
	pr_close_array("> ");
}

static void print_qos_map(const char *key, const char *name, const struct nlattr *nest)
{
	const struct nlattr *attr;

	pr_nl();
	pr_text("      %s { ", name);
	pr_open_array(key, NULL);
	mnl_attr_for_each_nested(attr, nest) {
		const struct ifla_vlan_qos_mapping *map;

		if (mnl_attr_get_type(attr) != IFLA_VLAN_QOS_MAPPING ||
		    mnl_attr_get_payload_len(attr) < sizeof(*map))
			continue;
		map = mnl_attr_get_payload(attr);
		pr_open_object(NULL);
		pr_uint("from", "%u:", map->from);
		pr_uint("to", "%u ", map->to);
		pr_close_object();
	}
	pr_close_array(NULL);
	pr_text("} ");
}

static void vlan_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_VLAN_MAX + 1];
	char buf[16];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_VLAN_MAX, vlan_policy);
	if (!tb[IFLA_VLAN_ID])
		return;
	if (tb[IFLA_VLAN_PROTOCOL])
		pr_string("protocol", "protocol %s ",
			  protocol_name(mnl_attr_get_u16(tb[IFLA_VLAN_PROTOCOL]), buf,
					sizeof(buf)));
	pr_uint("id", "id %u ", mnl_attr_get_u16(tb[IFLA_VLAN_ID]));
	if (tb[IFLA_VLAN_FLAGS]) {
		const struct ifla_vlan_flags *flags = mnl_attr_get_payload(tb[IFLA_VLAN_FLAGS]);

		print_flags(flags->flags);
	}
	if (tb[IFLA_VLAN_INGRESS_QOS])
		print_qos_map("ingress_qos", "ingress-qos-map", tb[IFLA_VLAN_INGRESS_QOS]);
	if (tb[IFLA_VLAN_EGRESS_QOS])
		print_qos_map("egress_qos", "egress-qos-map", tb[IFLA_VLAN_EGRESS_QOS]);
}

static const struct link_kind vlan_kind = {
	.name = "vlan",
	.print_data = vlan_print_data,
	.print_help = vlan_print_help,
	.parse = vlan_parse,
};
LINK_KIND(vlan_kind);
