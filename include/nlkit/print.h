/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The printing layer: one call per field writes either its text form or
 * its JSON member, so that text and JSON output never drift apart.
 *
 * In every call below, @key is the JSON member name and @fmt the printf
 * format of the text form, which gets the value as its only argument.
 * Either may be NULL: a NULL @key writes nothing in JSON (text-only
 * decoration such as a column header), a NULL @fmt writes nothing in text
 * (a member only JSON has, such as "link" beside "ifname").  Inside a JSON
 * array @key is ignored.
 *
 * Text goes out as the reference's does; JSON as the reference's writer
 * does: compact ("[{"a":1}]") or, with pretty printing, four spaces per
 * level ("[ {" ... "} ]", "key": value).  Strings are escaped as RFC 8259
 * asks.  The output stream is fully buffered; pr_finish() flushes it.
 *
 * The layer keeps its state in one process-wide context: the tools are
 * single-threaded and print one document per run.
 */
#ifndef NLKIT_PRINT_H
#define NLKIT_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum pr_color_mode {
	PR_COLOR_NEVER,
	PR_COLOR_AUTO,		/* when the output is a terminal */
	PR_COLOR_ALWAYS,
};

/* What a coloured value is; the palette follows the reference's. */
enum pr_color {
	PR_C_NONE,
	PR_C_IFNAME,
	PR_C_MAC,
	PR_C_INET,
	PR_C_INET6,
	PR_C_OPER_UP,
	PR_C_OPER_DOWN,
};

struct pr_config {
	bool json;
	bool pretty;
	bool oneline;		/* pr_nl() writes "\" and no line break */
	enum pr_color_mode color;
	unsigned int human;	/* 0, or 1000 (-h) or 1024 (-iec) for pr_num() */
};

/**
 * pr_init - set the layer up to write to @out as @cfg says.  Colour is
 * never used with JSON; PR_COLOR_AUTO colours only a terminal.  Nothing
 * is written yet: a command that fails before printing anything leaves
 * standard output empty, as the reference does.
 */
void pr_init(FILE *out, const struct pr_config *cfg);

/**
 * pr_start - start the JSON document, a top-level array ("["), if it has
 * not started yet.  Every printing call starts it implicitly; a command
 * calls this itself where the reference prints "[]" for an empty result.
 */
void pr_start(void);

/**
 * pr_finish - close every object and array still open (so that JSON
 * stays valid even when a command failed half way), end a started JSON
 * document with "]" and a newline, and flush.  Returns 0, or -1 when the
 * output could not be written (a full disk, a closed pipe).
 */
int pr_finish(void);

bool pr_json(void);		/* JSON output is on */
bool pr_oneline(void);

/* Objects and arrays.  pr_open_array()'s @text (e.g. "<") is written in
 * text mode; pr_close_array()'s likewise (e.g. "> "). */
void pr_open_object(const char *key);
void pr_close_object(void);
void pr_open_array(const char *key, const char *text);
void pr_close_array(const char *text);

void pr_string(const char *key, const char *fmt, const char *value);
void pr_color_string(enum pr_color color, const char *key, const char *fmt, const char *value);
void pr_uint(const char *key, const char *fmt, unsigned int value);
void pr_u64(const char *key, const char *fmt, unsigned long long value);
void pr_int(const char *key, const char *fmt, int value);
void pr_s64(const char *key, const char *fmt, long long value);

/*
 * pr_hex - JSON gets the value formatted by @fmt as a string (the
 * reference's "0x1f" members), text the same formatted value.
 */
void pr_hex(const char *key, const char *fmt, unsigned int value);

/* pr_bool - JSON true/false; text @fmt with "true" or "false". */
void pr_bool(const char *key, const char *fmt, bool value);

/* pr_flag - a flag that is set: JSON true; text @fmt as it is. */
void pr_flag(const char *key, const char *fmt);

/* pr_null - JSON null; text @fmt with "null". */
void pr_null(const char *key, const char *fmt);

/*
 * pr_num - a counter in a statistics column: text right-aligned in
 * @width columns followed by a space, scaled with a unit suffix under -h
 * or -iec as the reference does; JSON the exact number.
 */
void pr_num(const char *key, int width, unsigned long long value);

/* pr_text - text-only decoration (never a field). */
void pr_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* pr_nl - the line break inside a record: "\n", or "\" under oneline;
 * nothing in JSON. */
void pr_nl(void);

/*
 * pr_color_start/pr_color_end - colour text written in between (for a
 * value assembled from several pieces, such as "ifname@peer: ").
 */
void pr_color_start(enum pr_color color);
void pr_color_end(void);

/** pr_escape_json - write @s to @out as a JSON string, quotes included. */
void pr_escape_json(FILE *out, const char *s);

#endif
