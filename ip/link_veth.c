// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * veth pairs.  The kernel reports nothing about them in IFLA_INFO_DATA
 * (the peer is the generic IFLA_LINK), so the reference shows no details
 * past the kind's name: only its usage is the kind's own.
 */
#include <stdio.h>

#include "link.h"

static void veth_print_help(FILE *out)
{
	fputs("Usage: ip link <options> type veth [peer <options>]\n"
	      "To get <options> type 'ip link add help'\n",
	      out);
}

static const struct link_kind veth_kind = {
	.name = "veth",
	.print_help = veth_print_help,
};
LINK_KIND(veth_kind);
