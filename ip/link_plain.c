// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kinds that have no settings of their own: nlmon, netdevsim, vcan,
 * virt_wifi, and team, whose settings and ports' settings live in
 * teamd's generic netlink family, not in rtnetlink.  The reference knows
 * their names, so that it sends words given after any of them (as an
 * empty data nest) instead of refusing them as garbage, and prints each
 * one's usage, "Usage: ... KIND".  The kernel reports no data for them,
 * so -d shows nothing past the kind's name.
 */
#include <stdio.h>

#include "link.h"

/* PLAIN_KIND(var, name, usage): the kind @name, its usage the line @usage. */
#define PLAIN_KIND(var, kind_name, usage)                                                \
	static void var##_print_help(FILE *out)                                          \
	{                                                                                \
		fputs(usage, out);                                                       \
	}                                                                                \
	static const struct link_kind var = {                                            \
		.name = kind_name,                                                       \
		.print_help = var##_print_help,                                          \
	};                                                                               \
	LINK_KIND(var)

PLAIN_KIND(nlmon_kind, "nlmon", "Usage: ... nlmon\n");
PLAIN_KIND(netdevsim_kind, "netdevsim", "Usage: ... netdevsim\n");
PLAIN_KIND(vcan_kind, "vcan", "Usage: ... vcan\n");
/* Its trailing space is the reference's. */
PLAIN_KIND(virt_wifi_kind, "virt_wifi", "Usage: ... virt_wifi \n");

static void team_print_help(FILE *out)
{
	fputs("Usage: ... team\n", out);
}

static void team_print_slave_help(FILE *out)
{
	fputs("Usage: ... team_slave\n", out);
}

/*
 * `ip link set DEV type team_slave WORDS`: the reference sends the port's
 * data nest empty, whatever the words, and so do we; having this makes
 * link.c treat team_slave as a port's kind.
 */
static void team_parse_slave(int argc, char **argv, struct nlmsghdr *req)
{
	(void)argc;
	(void)argv;
	(void)req;
}

static const struct link_kind team_kind = {
	.name = "team",
	.print_help = team_print_help,
	.print_slave_help = team_print_slave_help,
	.parse_slave = team_parse_slave,
};
LINK_KIND(team_kind);
