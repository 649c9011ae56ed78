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
 * does: compact ("[{"a":1},{}]") or, with pretty printing, each object
 * member on a line of its own, indented four spaces per open container
 * ("[ {", "        \"key\": value", "    },{", "} ]"), array elements on
 * one line ("[ \"a\",\"b\" ]", "[ ]" when empty), an empty object as
 * "{}".  Strings are escaped as the reference escapes them, which is not
 * quite RFC 8259: '"', '\\', \n, \r, \t, \f and \b are escaped,
 * every other byte (other control characters too) is written as it is.
 * A stream on a file descriptor is given a large buffer and is only
 * written when it fills or by pr_finish().
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
	unsigned int human;	/* 0, or 1000 (-h) or 1024 (-h -iec) for pr_num() */
	/*
	 * JSON as a stream of records (ip monitor), for a reader that takes
	 * each as it comes: no top-level array; each object opened at the
	 * top is a document of its own, written on one line and ended by a
	 * line break when it is closed (pretty is ignored).  An object opened
	 * with a NULL @key directly in a record's object does not nest: its
	 * members join the record's, so that a printer that opens an object
	 * for one element of a show command's array writes into the record.
	 */
	bool records;
};

/**
 * pr_init - set the layer up to write to @out as @cfg says.  Colour is
 * never used with JSON; PR_COLOR_AUTO colours only a terminal.  The
 * palette is bold when COLORFGBG names a dark background (its part after
 * the last ';' is one character, 0-6 or 8), as the reference's.  Nothing
 * is written yet: a command that fails before printing anything leaves
 * standard output empty, as the reference does.
 */
void pr_init(FILE *out, const struct pr_config *cfg);

/**
 * pr_start - start the JSON document, a top-level array ("["), if it has
 * not started yet.  Every printing call starts it implicitly; a command
 * calls this itself where the reference prints "[]" for an empty result.
 * Records have no top-level array: nothing is written.
 */
void pr_start(void);

/**
 * pr_finish - close every object and array still open (so that JSON
 * stays valid even when a command failed half way; a record ends its
 * line), end a started JSON document with "]" and a newline ("[]",
 * pretty "[ ]", when nothing was printed after pr_start()), end a colour
 * left open, and flush.  Returns 0, or -1 when the output could not be
 * written (a full disk, a closed pipe); the reference ignores such
 * errors (`ip link >/dev/full` exits 0).  The layer may then be set up
 * again with pr_init().
 */
int pr_finish(void);

bool pr_json(void);		/* JSON output is on */
bool pr_oneline(void);

/*
 * Objects and arrays.  pr_open_array()'s @text (e.g. "<") is written in
 * text mode; pr_close_array()'s likewise (e.g. "> ").  An object or array
 * opened with a NULL @key where a member name belongs is written without
 * one.  Closing more than was opened does nothing.
 */
void pr_open_object(const char *key);
void pr_close_object(void);
void pr_open_array(const char *key, const char *text);
void pr_close_array(const char *text);

/* A NULL @value is printed as pr_null() prints. */
void pr_string(const char *key, const char *fmt, const char *value);
/* pr_color_string - pr_string() with the formatted text in @color. */
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
 * pr_number - a number the caller formatted, such as a timer's "12.33"
 * (which no integer printer can write): JSON writes @number as it is,
 * unquoted, so it must be a valid JSON number; text @fmt with @number.
 */
void pr_number(const char *key, const char *fmt, const char *number);

/*
 * pr_num - a counter in a statistics column: text right-aligned in
 * @width columns (wider when it does not fit) followed by a space; JSON
 * the exact number.  With cfg.human (the reference's -h: 1000, -h -iec:
 * 1024; -iec alone does not scale) a count of at least one unit is scaled
 * by the largest power of the base not above it, up to E, and printed
 * with two decimals below 10 units, one below 100, none above, then the
 * unit letter of "kMGTPE" and, for 1024, "i": "1.02k", "10.0M", "1000k",
 * "9.76ki".
 */
void pr_num(const char *key, int width, unsigned long long value);

/* pr_text - text-only decoration (never a field). */
void pr_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * pr_nl - the line break inside a record: "\n", or "\" under oneline;
 * nothing in JSON.  A record ends with pr_text("\n"), a real line break
 * under oneline too.
 */
void pr_nl(void);

/*
 * pr_color_start/pr_color_end - colour text written in between (for a
 * value assembled from several pieces, such as "ifname@peer: ").  The
 * colour starts as "\033[36m" ("\033[1;36m" on a dark background) and
 * ends as "\033[0m"; PR_C_NONE, JSON or colour off write nothing.
 */
void pr_color_start(enum pr_color color);
void pr_color_end(void);

/** pr_escape_json - write @s to @out as a JSON string, quotes included. */
void pr_escape_json(FILE *out, const char *s);

#endif
