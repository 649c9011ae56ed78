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
#include <stdlib.h>
#include <string.h>

#include <nlkit/util.h>

#include "../ip/ip.h"
#include "fuzz.h"
#include "nokernel.h"
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
	const char *const *command;
	char *argv[ARRAY_SIZE(commands[0])];
	void *reply;
	int argc;

	if (size < 3)
		return 0;
	fuzz_ip_options(data[0], data[1]);
	command = commands[data[2] % ARRAY_SIZE(commands)];
	/* ip's handlers take argv as the command line gives it: writable. */
	for (argc = 0; argc < (int)ARRAY_SIZE(commands[0]) && command[argc]; argc++)
		argv[argc] = (char *)command[argc];
	/* Aligned, as the kernel's messages are; exactly sized, for the sanitizers. */
	reply = xmalloc(size - 3 ? size - 3 : 1);
	memcpy(reply, data + 3, size - 3);
	nokernel_reply(reply, size - 3);
	ip_run_object(argc, argv);
	fuzz_ip_done();
	free(reply);
	return 0;
}
