// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * veth pairs.  The kernel reports nothing about them in IFLA_INFO_DATA
 * (the peer is the generic IFLA_LINK), so the reference shows no details
 * past the kind's name.  Making one takes the peer's own link options,
 * which are those of `ip link add` itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include <nlkit/attr.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"

static void veth_print_help(FILE *out)
{
	fputs("Usage: ip link <options> type veth [peer <options>]\n"
	      "To get <options> type 'ip link add help'\n",
	      out);
}

/* peer [name] NAME [OPTIONS]: a link message of its own, nested. */
static void veth_parse(int argc, char **argv, struct nlmsghdr *req)
{
	struct link_opts peer = { 0 };
	struct nlattr *nest;

	if (strcmp(*argv, "peer")) {
		veth_print_help(stdout);
		exit(1);
	}
	nest = nl_attr_nest_start_plain(req, VETH_INFO_PEER);
	peer.nlh = req;
	peer.ifi = mnl_nlmsg_put_extra_header(req, sizeof(*peer.ifi));
	peer.create = true;
	link_opts_parse(&peer, argc - 1, argv + 1);
	if (peer.kind)
		duparg("type", peer.kind);
	if (link_opts_finish(&peer))
		exit(1);
	mnl_attr_nest_end(req, nest);
}

static const struct link_kind veth_kind = {
	.name = "veth",
	.print_help = veth_print_help,
	.parse = veth_parse,
};
LINK_KIND(veth_kind);
