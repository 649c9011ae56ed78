/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The iproute2 name tables: numbers that users know by name (routing
 * tables, protocols, scopes, realms, DS fields, device groups).
 *
 * Each table starts with the reference's built-in names and is completed,
 * on first use, from its file in /etc/iproute2 (rt_tables, rt_protos,
 * rt_scopes, rt_realms, rt_dsfield, group) and, for rt_tables and
 * rt_protos, the *.conf files of the matching .d directory.  A file that
 * does not exist is not an error.  Lines are "NUMBER NAME" (decimal or
 * 0x hex), '#' starts a comment; a later line overrides an earlier one.
 * NLKIT_CONFDIR in the environment replaces /etc/iproute2 (for tests).
 */
#ifndef NLKIT_NAMES_H
#define NLKIT_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum name_table {
	NT_TABLES,	/* rt_tables: unspec 0, default 253, main 254, local 255 */
	NT_PROTOS,	/* rt_protos */
	NT_SCOPES,	/* rt_scopes: global 0, site 200, link 253, host 254, nowhere 255 */
	NT_REALMS,	/* rt_realms: unknown 0 */
	NT_DSFIELD,	/* rt_dsfield */
	NT_GROUPS,	/* group: default 0 */
	NT_COUNT
};

/*
 * names_numeric - with -N (the reference's -Numeric), names_format()
 * prints numbers only.
 */
void names_numeric(bool numeric);

/**
 * names_format - the name of @id in @table, or its number as the
 * reference prints an unnamed one (decimal; "0x%02x" for DS fields),
 * written to @buf when needed.  Returns @buf or a string the table owns.
 */
const char *names_format(enum name_table table, uint32_t id, char *buf, size_t len);

/**
 * names_parse - the number for @name in @table: a name in the table, or
 * a number (decimal or 0x hex) that fits the table's width.  Returns 0 or
 * -EINVAL.
 */
int names_parse(enum name_table table, const char *name, uint32_t *id);

#endif
