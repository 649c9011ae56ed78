/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The iproute2 name tables: numbers that users know by name (routing
 * tables, protocols, scopes, realms, DS fields, device groups).
 *
 * Each table starts with the reference's built-in names and is completed
 * from its file in /etc/iproute2 (rt_tables, rt_protos, rt_scopes,
 * rt_realms, rt_dsfield, group) and, for rt_tables and rt_protos, the
 * *.conf files of the matching .d directory (in directory order; names
 * starting with '.' are skipped).  A file that does not exist is not an
 * error.  Lines are "NUMBER NAME" (decimal or 0x hex), '#' starts a
 * comment line; a later line gives an id a new name.  A line that cannot
 * be read ends its file with the reference's "Database FILE is corrupted
 * at LINE" on stderr.  NLKIT_CONFDIR in the environment replaces
 * /etc/iproute2 (for tests).
 *
 * The files are read once, when the reference reads them, which decides
 * what a file can override: tables and groups before the first lookup;
 * the other tables when a number has no built-in name or a name is
 * parsed, so that a built-in name is printed even if the file renames
 * its number.  In tables and groups a renamed number keeps parsing under
 * its old names too; in the other tables the old name is gone.
 */
#ifndef NLKIT_NAMES_H
#define NLKIT_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum name_table {
	NT_TABLES,	/* rt_tables: default 253, main 254, local 255 */
	NT_PROTOS,	/* rt_protos: unspec 0, redirect, kernel, boot, static 4, gated 8,
			 * ra, mrt, zebra, bird, dnrouted, xorp, ntk, dhcp 16,
			 * keepalived 18, babel 42, bgp 186, isis, ospf, rip 189, eigrp 192 */
	NT_SCOPES,	/* rt_scopes: global 0, site 200, link 253, host 254, nowhere 255 */
	NT_REALMS,	/* rt_realms: unknown 0 */
	NT_DSFIELD,	/* rt_dsfield: no built-in names */
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
 * names_format_files - as names_format(), but a name the table's files
 * give wins over a built-in one even where ip(8) looks at the built-in
 * names alone: nft names realm 0 as /etc/iproute2/rt_realms does
 * ("cosmos"), where ip says "unknown".
 */
const char *names_format_files(enum name_table table, uint32_t id, char *buf, size_t len);

/**
 * names_parse - the number for @name in @table: a name in the table, or
 * a number as strtoul() reads it (base 0: decimal, 0x hex, 0 octal; DS
 * fields base 16, "10" being 0x10) within the table's range: 0-255 for
 * protocols, scopes and DS fields, 0-INT_MAX for groups, 32 bits for
 * tables and realms.  Returns 0 or -EINVAL.
 */
int names_parse(enum name_table table, const char *name, uint32_t *id);

#endif
