// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: ip xfrm's printers of states and policies, whole: the
 * list, get and count commands of `ip xfrm state` and `ip xfrm policy`,
 * their deleteall (which builds a request from each object dumped) and
 * `ip xfrm monitor`, with the kernel's answers taken from the input.
 *
 * Input: one byte of options and one of family (fuzz/options.h), one
 * choosing the command (below, modulo their number), then netlink
 * messages: every dump's reply, every single request's answer, and the
 * monitor's events.  An address of the command line that is not of the
 * family the options chose ends the command as it ends ip
 * (fuzz/exit_trap.h).
 */

#include <nlkit/util.h>

#include "../ip/ip.h"
#include "fuzz.h"
#include "options.h"

static const char *const commands[][12] = {
	{ "xfrm", "state", "list" },
	{ "xfrm", "state", "list", "nokeys" },
	{ "xfrm", "state", "list", "src", "10.0.0.0/8", "proto", "esp", "mode", "tunnel" },
	{ "xfrm", "state", "get", "src", "10.0.0.1", "dst", "10.0.0.2", "proto", "esp", "spi",
	  "0x1000" },
	{ "xfrm", "state", "allocspi", "src", "10.0.0.1", "dst", "10.0.0.2", "proto", "esp" },
	{ "xfrm", "state", "count" },
	{ "xfrm", "state", "deleteall" },
	{ "xfrm", "policy", "list" },
	{ "xfrm", "policy", "list", "dir", "out", "priority", "10" },
	{ "xfrm", "policy", "get", "dir", "out", "src", "10.0.0.0/24", "dst", "10.0.1.0/24" },
	{ "xfrm", "policy", "count" },
	{ "xfrm", "policy", "getdefault" },
	{ "xfrm", "policy", "deleteall" },
	{ "xfrm", "monitor" },
	{ "xfrm", "monitor", "nokeys" },
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_ip_command(data, size, commands[0], ARRAY_SIZE(commands), ARRAY_SIZE(commands[0]));
	return 0;
}
