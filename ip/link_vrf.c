// SPDX-License-Identifier: GPL-2.0-or-later
/* vrf links: the routing table their ports' traffic is looked up in. */
#include <stdio.h>
#include <stdlib.h>
#include <linux/if_link.h>

#include <nlkit/attr.h>
#include <nlkit/names.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"

static const struct nl_attr_policy vrf_policy[IFLA_VRF_MAX + 1] = {
	[IFLA_VRF_TABLE] = { .kind = NLA_U32 },
};

static void vrf_print_help(FILE *out)
{
	fputs("Usage: ... vrf table TABLEID\n", out);
}

static void vrf_parse(int argc, char **argv, struct nlmsghdr *req)
{
	uint32_t table;

	while (argc > 0) {
		if (matches(*argv, "table")) {
			NEXT_ARG();
			if (names_parse(NT_TABLES, *argv, &table))
				invarg("invalid table ID\n", *argv);
			mnl_attr_put_u32(req, IFLA_VRF_TABLE, table);
		} else {
			if (!matches(*argv, "help"))
				fprintf(stderr, "vrf: unknown option \"%s\"?\n", *argv);
			vrf_print_help(stderr);
			exit(1);
		}
		argc--;
		argv++;
	}
}

static void vrf_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_VRF_MAX + 1];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_VRF_MAX, vrf_policy);
	if (tb[IFLA_VRF_TABLE])
		pr_uint("table", "table %u ", mnl_attr_get_u32(tb[IFLA_VRF_TABLE]));
}

static const struct nl_attr_policy vrf_port_policy[IFLA_VRF_PORT_MAX + 1] = {
	[IFLA_VRF_PORT_TABLE] = { .kind = NLA_U32 },
};

/* A port of a vrf: the table its master looks its traffic up in. */
static void vrf_slave_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_VRF_PORT_MAX + 1];

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_VRF_PORT_MAX, vrf_port_policy);
	if (tb[IFLA_VRF_PORT_TABLE])
		pr_uint("table", "table %u ", mnl_attr_get_u32(tb[IFLA_VRF_PORT_TABLE]));
}

static const struct link_kind vrf_kind = {
	.name = "vrf",
	.print_data = vrf_print_data,
	.print_slave_data = vrf_slave_print_data,
	.print_help = vrf_print_help,
	.parse = vrf_parse,
};
LINK_KIND(vrf_kind);
