// SPDX-License-Identifier: GPL-2.0-or-later
/* ip xfrm: hands the command line to state, policy or monitor. */
#include <stdio.h>
#include <stdlib.h>

#include <nlkit/util.h>

#include "ip.h"
#include "xfrm_common.h"

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip xfrm XFRM-OBJECT { COMMAND | help }\n"
	      "where  XFRM-OBJECT := state | policy | monitor\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

int do_xfrm(int argc, char **argv)
{
	if (argc < 1)
		usage();
	if (matches(argv[0], "state"))
		return do_xfrm_state(argc - 1, argv + 1);
	if (matches(argv[0], "policy"))
		return do_xfrm_policy(argc - 1, argv + 1);
	if (matches(argv[0], "monitor"))
		return do_xfrm_monitor(argc - 1, argv + 1);
	usage();
}
