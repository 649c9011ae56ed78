// SPDX-License-Identifier: GPL-2.0-or-later
/* dummy links: no settings of their own, only the kind's name. */
#include <stdio.h>

#include "link.h"

static void dummy_print_help(FILE *out)
{
	fputs("Usage: ... dummy\n", out);
}

static const struct link_kind dummy_kind = {
	.name = "dummy",
	.print_help = dummy_print_help,
};
LINK_KIND(dummy_kind);
