// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the name-table file parser (lib/names.c) on the input as
 * a table's file, in a configuration directory of its own
 * (NLKIT_CONFDIR).
 *
 * Input: one byte choosing the table (modulo NT_COUNT) and, with bit 7,
 * whether the file is the table's FILE.d/fuzz.conf rather than FILE;
 * then the file.
 *
 * The core reads each table once per process, as the tools need; this
 * target includes lib/names.c to clear its tables between inputs, and
 * takes over the copies of the names it reads so as to free them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nlkit/util.h>

static char *names_strdup_tracked(const char *s);
#define xstrdup names_strdup_tracked
#include "../lib/names.c"
#undef xstrdup

#include "fuzz.h"

static struct {
	char **strings;
	size_t count, cap;
} tracked;

static char conf_dir[] = "/tmp/nlkit-fuzz-names.XXXXXX";

static char *names_strdup_tracked(const char *s)
{
	if (tracked.count == tracked.cap) {
		tracked.cap = tracked.cap ? tracked.cap * 2 : 64;
		tracked.strings = xrealloc(tracked.strings, tracked.cap * sizeof(*tracked.strings));
	}
	return tracked.strings[tracked.count++] = xstrdup(s);
}

static void names_clear(void)
{
	size_t i;

	for (i = 0; i < NT_COUNT; i++) {
		free(name_state[i].all);
		free(name_state[i].high);
		memset(&name_state[i], 0, sizeof(name_state[i]));
	}
	for (i = 0; i < tracked.count; i++)
		free(tracked.strings[i]);
	tracked.count = 0;
}

static void remove_conf_dir(void)
{
	char path[sizeof(conf_dir) + 64];
	size_t i;

	for (i = 0; i < NT_COUNT; i++) {
		snprintf(path, sizeof(path), "%s/%s", conf_dir, name_tables[i].file);
		unlink(path);
		if (name_tables[i].has_dir) {
			snprintf(path, sizeof(path), "%s/%s.d/fuzz.conf", conf_dir,
				 name_tables[i].file);
			unlink(path);
			snprintf(path, sizeof(path), "%s/%s.d", conf_dir, name_tables[i].file);
			rmdir(path);
		}
	}
	rmdir(conf_dir);
}

int LLVMFuzzerInitialize(int *argc __attribute__((unused)), char ***argv __attribute__((unused)))
{
	char path[sizeof(conf_dir) + 64];
	size_t i;

	if (!mkdtemp(conf_dir))
		abort();
	for (i = 0; i < NT_COUNT; i++) {
		if (!name_tables[i].has_dir)
			continue;
		snprintf(path, sizeof(path), "%s/%s.d", conf_dir, name_tables[i].file);
		if (mkdir(path, 0700) < 0)
			abort();
	}
	setenv("NLKIT_CONFDIR", conf_dir, 1);
	atexit(remove_conf_dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t ids[] = { 0, 1, 42, 200, 255, 256, 65535, INT32_MAX, UINT32_MAX };
	enum name_table table;
	char path[sizeof(conf_dir) + 64], buf[64], word[32], *text;
	uint32_t id;
	size_t i;
	FILE *f;

	if (size < 1)
		return 0;
	table = data[0] % NT_COUNT;
	if (data[0] & 0x80 && name_tables[table].has_dir)
		snprintf(path, sizeof(path), "%s/%s.d/fuzz.conf", conf_dir, name_tables[table].file);
	else
		snprintf(path, sizeof(path), "%s/%s", conf_dir, name_tables[table].file);
	f = fopen(path, "we");
	if (!f)
		abort();
	fwrite(data + 1, 1, size - 1, f);
	fclose(f);

	names_clear();
	for (i = 0; i < ARRAY_SIZE(ids); i++)
		names_format(table, ids[i], buf, sizeof(buf));
	/* The name the file's first line would define, and one it cannot. */
	text = xmalloc(size);
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	if (sscanf(text, "%*s %31s", word) == 1)
		names_parse(table, word, &id);
	free(text);
	names_parse(table, "nlkit-fuzz-unnamed", &id);
	unlink(path);
	return 0;
}
