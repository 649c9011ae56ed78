// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ifb devices: the kernel reports no settings for them, so the reference
 * shows nothing past the kind's name; only its usage is the kind's own.
 */
#include <stdio.h>

#include "link.h"

static void ifb_print_help(FILE *out)
{
	fputs("Usage: ... ifb\n", out);
}

static const struct link_kind ifb_kind = {
	.name = "ifb",
	.print_help = ifb_print_help,
};
LINK_KIND(ifb_kind);
