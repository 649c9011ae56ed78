// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: ip's show commands, whole, with the kernel's answers taken
 * from the input: the printers of addresses, routes, rules, nexthops and
 * neighbours are reached as the command line reaches them, selectors and
 * the joining of dumps (links with their addresses) included.
 *
 * Input: one byte of options and one of family (fuzz/options.h), one
 * choosing the command (below, modulo their number), then netlink
 * messages: every dump's reply and every single request's answer.
 * ip xfrm has a target of its own (fuzz/xfrm.c).
 */

#include <nlkit/util.h>

#include "../ip/ip.h"
#include "fuzz.h"
#include "options.h"

static const char *const commands[][5] = {
	{ "link", "show" },
	{ "address", "show" },
	{ "route", "show", "table", "all" },
	{ "route", "show" },
	{ "rule", "show" },
	{ "nexthop", "show" },
	{ "neighbour", "show" },
	{ "ntable", "show" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ip_command(data, size, commands[0], ARRAY_SIZE(commands), ARRAY_SIZE(commands[0]));
	return 0;
}
