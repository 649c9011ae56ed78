// SPDX-License-Identifier: GPL-2.0-or-later
/* The iproute2 name tables, with the reference's loading rules. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nlkit/names.h>
#include <nlkit/util.h>

#define NAMES_CONFDIR "/etc/iproute2"
#define NAMES_LOW 256

struct name_entry {
	uint32_t id;
	const char *name;
};

struct name_table_def {
	const char *file;
	bool has_dir;		/* also the *.conf files of FILE.d */
	/*
	 * The reference keeps tables and groups in a hash that it fills
	 * from the files before the first lookup; the other tables are
	 * arrays of 256 whose files are read only when a number has no
	 * built-in name, or when a name is looked up.
	 */
	bool wide;
	uint32_t max;		/* the largest number names_parse() takes */
	int base;		/* of such numbers, for strtoul() */
	const char *unnamed_fmt;
	const struct name_entry *builtins;
	size_t builtin_count;
};

struct name_table_state {
	bool builtins_added;
	bool loaded;
	/* The current name of each id below 256. */
	const char *low[NAMES_LOW];
	/* Wide tables: every entry in the order read, so that a name that a
	 * later line shadowed still parses, as in the reference's hash. */
	struct name_entry *all;
	size_t all_count, all_cap;
	/* Wide tables: the current name of each id from 256 on, sorted. */
	struct name_entry *high;
	size_t high_count, high_cap;
};

static const struct name_entry tables_builtin[] = {
	{ 253, "default" }, { 254, "main" }, { 255, "local" },
};

static const struct name_entry protos_builtin[] = {
	{ 0, "unspec" },   { 1, "redirect" }, { 2, "kernel" },	{ 3, "boot" },
	{ 4, "static" },   { 8, "gated" },    { 9, "ra" },	{ 10, "mrt" },
	{ 11, "zebra" },   { 12, "bird" },    { 13, "dnrouted" }, { 14, "xorp" },
	{ 15, "ntk" },	   { 16, "dhcp" },    { 18, "keepalived" }, { 42, "babel" },
	{ 186, "bgp" },	   { 187, "isis" },   { 188, "ospf" },	{ 189, "rip" },
	{ 192, "eigrp" },
};

static const struct name_entry scopes_builtin[] = {
	{ 0, "global" }, { 200, "site" }, { 253, "link" }, { 254, "host" }, { 255, "nowhere" },
};

static const struct name_entry realms_builtin[] = {
	{ 0, "unknown" },
};

static const struct name_entry groups_builtin[] = {
	{ 0, "default" },
};

#define BUILTINS(a) (a), ARRAY_SIZE(a)

static const struct name_table_def name_tables[NT_COUNT] = {
	[NT_TABLES] = { "rt_tables", true, true, UINT32_MAX, 0, "%u", BUILTINS(tables_builtin) },
	[NT_PROTOS] = { "rt_protos", true, false, 255, 0, "%u", BUILTINS(protos_builtin) },
	[NT_SCOPES] = { "rt_scopes", false, false, 255, 0, "%u", BUILTINS(scopes_builtin) },
	[NT_REALMS] = { "rt_realms", false, false, UINT32_MAX, 0, "%u", BUILTINS(realms_builtin) },
	/* DS fields are hex on the command line, with or without 0x. */
	[NT_DSFIELD] = { "rt_dsfield", false, false, 255, 16, "0x%02x", NULL, 0 },
	[NT_GROUPS] = { "group", false, true, INT_MAX, 0, "%u", BUILTINS(groups_builtin) },
};

static struct name_table_state name_state[NT_COUNT];
static bool names_only_numbers;

void names_numeric(bool numeric)
{
	names_only_numbers = numeric;
}

/* Binary search in the sorted ids from 256 on: the slot of @id, or where it goes. */
static size_t high_slot(const struct name_table_state *st, uint32_t id)
{
	size_t lo = 0, hi = st->high_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (st->high[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void add_high(struct name_table_state *st, uint32_t id, const char *name)
{
	size_t slot = high_slot(st, id);

	if (slot < st->high_count && st->high[slot].id == id) {
		st->high[slot].name = name;
		return;
	}
	if (st->high_count == st->high_cap) {
		st->high_cap = st->high_cap ? st->high_cap * 2 : 64;
		st->high = xrealloc(st->high, st->high_cap * sizeof(*st->high));
	}
	memmove(&st->high[slot + 1], &st->high[slot], (st->high_count - slot) * sizeof(*st->high));
	st->high[slot].id = id;
	st->high[slot].name = name;
	st->high_count++;
}

/* A later entry for an id replaces the earlier one as its name. */
static void add_entry(const struct name_table_def *def, struct name_table_state *st,
		      uint32_t id, const char *name)
{
	if (id < NAMES_LOW)
		st->low[id] = name;
	if (!def->wide)
		return;
	if (id >= NAMES_LOW)
		add_high(st, id, name);
	if (st->all_count == st->all_cap) {
		st->all_cap = st->all_cap ? st->all_cap * 2 : 64;
		st->all = xrealloc(st->all, st->all_cap * sizeof(*st->all));
	}
	st->all[st->all_count].id = id;
	st->all[st->all_count].name = name;
	st->all_count++;
}

/*
 * Read one file of "NUMBER NAME" lines as the reference does (including
 * its sscanf() leniency).  A line it cannot read ends the file, with the
 * reference's message.
 */
static void read_file(const struct name_table_def *def, struct name_table_state *st,
		      const char *path)
{
	FILE *f = fopen(path, "re");
	char *line = NULL, *name = NULL;
	size_t cap = 0, name_cap = 0;

	if (!f)
		return;
	while (getline(&line, &cap, f) > 0) {
		char *p = line;
		unsigned int hex_id;
		int id;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || *p == '\n' || !*p)
			continue;
		if (name_cap < cap) {
			name_cap = cap;
			name = xrealloc(name, name_cap);
		}
		if (sscanf(p, "0x%x %s", &hex_id, name) == 2) {
			id = (int)hex_id;
		} else if (sscanf(p, "%d %s", &id, name) != 2) {
			fprintf(stderr, "Database %s is corrupted at %s\n", path, p);
			break;
		}
		if (id < 0 || (!def->wide && id >= NAMES_LOW))
			continue;
		add_entry(def, st, (uint32_t)id, xstrdup(name));
	}
	free(name);
	free(line);
	fclose(f);
}

static void read_conf_dir(const struct name_table_def *def, struct name_table_state *st,
			  const char *dir_path)
{
	DIR *dir = opendir(dir_path);
	struct dirent *de;

	if (!dir)
		return;
	/* In directory order, as the reference reads them. */
	while ((de = readdir(dir))) {
		size_t len = strlen(de->d_name);
		char *path;

		if (de->d_name[0] == '.' || len < 5 || strcmp(de->d_name + len - 5, ".conf"))
			continue;
		if (asprintf(&path, "%s/%s", dir_path, de->d_name) < 0)
			continue;
		read_file(def, st, path);
		free(path);
	}
	closedir(dir);
}

static const char *confdir(void)
{
	const char *dir = getenv("NLKIT_CONFDIR");

	return dir && *dir ? dir : NAMES_CONFDIR;
}

static void add_builtins(const struct name_table_def *def, struct name_table_state *st)
{
	size_t i;

	for (i = 0; i < def->builtin_count; i++)
		add_entry(def, st, def->builtins[i].id, def->builtins[i].name);
}

/* The table with its built-in names, files not read yet. */
static struct name_table_state *state(enum name_table table)
{
	struct name_table_state *st = &name_state[table];

	if (!st->builtins_added) {
		add_builtins(&name_tables[table], st);
		st->builtins_added = true;
	}
	return st;
}

/* The table completed from its files, read once. */
static struct name_table_state *load(enum name_table table)
{
	const struct name_table_def *def = &name_tables[table];
	struct name_table_state *st = state(table);
	char *path;

	if (st->loaded)
		return st;
	st->loaded = true;
	if (asprintf(&path, "%s/%s", confdir(), def->file) < 0)
		return st;
	read_file(def, st, path);
	if (def->has_dir) {
		char *dir_path;

		if (asprintf(&dir_path, "%s.d", path) >= 0) {
			read_conf_dir(def, st, dir_path);
			free(dir_path);
		}
	}
	free(path);
	return st;
}

static const char *lookup(const struct name_table_state *st, uint32_t id)
{
	size_t slot;

	if (id < NAMES_LOW)
		return st->low[id];
	slot = high_slot(st, id);
	if (slot < st->high_count && st->high[slot].id == id)
		return st->high[slot].name;
	return NULL;
}

static const char *format(enum name_table table, uint32_t id, char *buf, size_t len,
			  bool files_first)
{
	const struct name_table_def *def = &name_tables[table];
	struct name_table_state *st = state(table);
	const char *name = NULL;

	if (!names_only_numbers) {
		if (!def->wide && !files_first)
			name = lookup(st, id);
		if (!name)
			name = lookup(load(table), id);
	}
	if (name)
		return name;
	snprintf(buf, len, def->unnamed_fmt, id);
	return buf;
}

const char *names_format(enum name_table table, uint32_t id, char *buf, size_t len)
{
	return format(table, id, buf, len, false);
}

const char *names_format_files(enum name_table table, uint32_t id, char *buf, size_t len)
{
	return format(table, id, buf, len, true);
}

int names_parse(enum name_table table, const char *name, uint32_t *id)
{
	const struct name_table_def *def = &name_tables[table];
	struct name_table_state *st;
	unsigned long num;
	char *end;
	size_t i;

	st = load(table);
	if (def->wide) {
		/* The latest entry first, as the reference's hash chains. */
		for (i = st->all_count; i-- > 0;) {
			if (!strcmp(st->all[i].name, name)) {
				*id = st->all[i].id;
				return 0;
			}
		}
	} else {
		for (i = 0; i < NAMES_LOW; i++) {
			if (st->low[i] && !strcmp(st->low[i], name)) {
				*id = (uint32_t)i;
				return 0;
			}
		}
	}
	errno = 0;
	num = strtoul(name, &end, def->base);
	if (end == name || *end || errno || num > def->max)
		return -EINVAL;
	*id = (uint32_t)num;
	return 0;
}
