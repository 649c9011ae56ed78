// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ss's output: every field is one call, which in text mode lands in a
 * cell of the column table and in JSON mode becomes a member of the
 * socket's object (through the printing layer).
 *
 * Text columns are as wide as their widest cell (the header's included),
 * so every row is kept until the end.  On a terminal the columns then
 * share out its width: spare columns are spread over the columns of each
 * screen line, the remainder going one each to the last ones; a pipe
 * gets the columns at their natural width.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ss.h"

struct col_def {
	const char *header;
	const char *ldelim;
	bool right;
};

static const struct col_def col_defs[COL_COUNT] = {
	[COL_NETID] = { "Netid", "", false },
	[COL_STATE] = { "State", " ", false },
	[COL_RECVQ] = { "Recv-Q", " ", false },
	[COL_SENDQ] = { "Send-Q", " ", false },
	[COL_LADDR] = { "Local Address:", " ", true },
	[COL_LPORT] = { "Port", "", false },
	[COL_RADDR] = { "Peer Address:", " ", true },
	[COL_RPORT] = { "Port", "", false },
	[COL_PROC] = { "Process", "", false },
};

/* A row's cells lie one after the other in the arena from start. */
struct row {
	size_t start;
	uint32_t len[COL_COUNT];
};

static struct {
	bool json, header;
	bool hidden[COL_COUNT];
	char *arena;
	size_t used, cap;
	struct row *rows;
	size_t nrows, rows_cap;
	enum ss_col cur;
	bool in_row;
} out;

void out_setup(bool json, bool header)
{
	out.json = json;
	out.header = header;
}

void out_hide(enum ss_col col)
{
	out.hidden[col] = true;
}

static void arena_reserve(size_t more)
{
	if (out.used + more <= out.cap)
		return;
	out.cap = out.cap ? out.cap * 2 : 1 << 20;
	while (out.used + more > out.cap)
		out.cap *= 2;
	out.arena = xrealloc(out.arena, out.cap);
}

static void cell_append(const char *s, size_t len)
{
	arena_reserve(len);
	memcpy(out.arena + out.used, s, len);
	out.used += len;
	out.rows[out.nrows - 1].len[out.cur] += (uint32_t)len;
}

static void cell_vprintf(const char *fmt, va_list ap)
{
	va_list again;
	int n;

	arena_reserve(256);
	va_copy(again, ap);
	n = vsnprintf(out.arena + out.used, out.cap - out.used, fmt, ap);
	if (n < 0) {
		va_end(again);
		return;
	}
	if ((size_t)n >= out.cap - out.used) {
		arena_reserve((size_t)n + 1);
		vsnprintf(out.arena + out.used, out.cap - out.used, fmt, again);
	}
	va_end(again);
	out.used += (size_t)n;
	out.rows[out.nrows - 1].len[out.cur] += (uint32_t)n;
}

static void cell_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void cell_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cell_vprintf(fmt, ap);
	va_end(ap);
}

void out_row(void)
{
	if (out.json) {
		pr_open_object(NULL);
		return;
	}
	if (out.nrows == out.rows_cap) {
		out.rows_cap = out.rows_cap ? out.rows_cap * 2 : 1024;
		out.rows = xrealloc(out.rows, out.rows_cap * sizeof(*out.rows));
	}
	memset(&out.rows[out.nrows], 0, sizeof(out.rows[0]));
	out.rows[out.nrows].start = out.used;
	out.nrows++;
	out.cur = COL_NETID;
	out.in_row = true;
}

void out_row_end(void)
{
	if (out.json)
		pr_close_object();
	out.in_row = false;
}

void out_col(enum ss_col col)
{
	out.cur = col;
}


void out_str(const char *key, const char *fmt, const char *value)
{
	if (out.json)
		pr_string(key, NULL, value);
	else if (fmt)
		cell_printf(fmt, value);
}

void out_uint(const char *key, const char *fmt, unsigned int value)
{
	if (out.json)
		pr_uint(key, NULL, value);
	else if (fmt)
		cell_printf(fmt, value);
}

void out_u64(const char *key, const char *fmt, unsigned long long value)
{
	if (out.json)
		pr_u64(key, NULL, value);
	else if (fmt)
		cell_printf(fmt, value);
}

void out_hex(const char *key, const char *fmt, unsigned int value)
{
	if (out.json)
		pr_hex(key, fmt, value);
	else if (fmt)
		cell_printf(fmt, value);
}

void out_number(const char *key, const char *fmt, const char *number)
{
	if (out.json)
		pr_number(key, NULL, number);
	else if (fmt)
		cell_printf(fmt, number);
}

void out_flag(const char *key, const char *fmt)
{
	if (out.json)
		pr_flag(key, NULL);
	else if (fmt)
		cell_printf("%s", fmt);
}

void out_text(const char *fmt, ...)
{
	va_list ap;

	if (out.json)
		return;
	va_start(ap, fmt);
	cell_vprintf(fmt, ap);
	va_end(ap);
}

void out_nl_tab(void)
{
	if (!out.json && !sso.oneline)
		cell_append("\n\t", 2);
}

void out_open_object(const char *key, const char *text)
{
	if (out.json)
		pr_open_object(key);
	else if (text)
		cell_append(text, strlen(text));
}

void out_close_object(const char *text)
{
	if (out.json)
		pr_close_object();
	else if (text)
		cell_append(text, strlen(text));
}

void out_open_array(const char *key, const char *text)
{
	if (out.json)
		pr_open_array(key, NULL);
	else if (text)
		cell_append(text, strlen(text));
}

void out_close_array(const char *text)
{
	if (out.json)
		pr_close_array(NULL);
	else if (text)
		cell_append(text, strlen(text));
}

static void put_spaces(size_t n)
{
	static const char spaces[] = "                                                                ";

	while (n) {
		size_t chunk = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		fwrite_unlocked(spaces, 1, chunk, stdout);
		n -= chunk;
	}
}

static int terminal_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0 || !ws.ws_col)
		return 80;
	return ws.ws_col;
}

/* Spread the terminal's spare columns over the columns of each screen line. */
static void share_out_width(size_t *width, int screen)
{
	size_t line = 0, in_line = 0;
	int c, next;

	for (c = 0; c < COL_COUNT; c = next) {
		if (!width[c]) {
			next = c + 1;
			continue;
		}
		line += width[c];
		in_line++;
		for (next = c + 1; next < COL_COUNT && !width[next]; next++)
			;
		if (next < COL_COUNT && line + width[next] <= (size_t)screen)
			continue;
		if (line < (size_t)screen) {
			size_t pad = (size_t)screen - line;
			size_t spacing = pad / in_line, rem = pad % in_line;
			int back;

			for (back = c; back >= 0 && in_line; back--) {
				if (!width[back])
					continue;
				width[back] += spacing + (rem ? 1 : 0);
				if (rem)
					rem--;
				in_line--;
			}
		}
		line = 0;
		in_line = 0;
	}
}

static void put_cell(enum ss_col c, const char *text, size_t len, size_t width, bool first)
{
	size_t delim = first ? 0 : strlen(col_defs[c].ldelim);
	size_t room = width > delim ? width - delim : 0;

	if (delim)
		fwrite_unlocked(col_defs[c].ldelim, 1, delim, stdout);
	if (len < room && col_defs[c].right)
		put_spaces(room - len);
	fwrite_unlocked(text, 1, len, stdout);
	if (len < room && !col_defs[c].right)
		put_spaces(room - len);
}

static void render_text(void)
{
	size_t width[COL_COUNT] = { 0 };
	size_t r;
	int c, first = -1, screen;

	for (c = 0; c < COL_COUNT; c++) {
		if (out.hidden[c])
			continue;
		if (out.header)
			width[c] = strlen(col_defs[c].header);
		for (r = 0; r < out.nrows; r++) {
			/* The reference never measures the last cell of its table. */
			if (c == COL_COUNT - 1 && r == out.nrows - 1)
				break;
			if (out.rows[r].len[c] > width[c])
				width[c] = out.rows[r].len[c];
		}
	}
	for (c = 0; c < COL_COUNT; c++) {
		if (!width[c])
			continue;
		if (first < 0)
			first = c;
		else
			width[c] += strlen(col_defs[c].ldelim);
	}
	screen = terminal_width();
	if (screen)
		share_out_width(width, screen);

	if (out.header) {
		for (c = 0; c < COL_COUNT; c++)
			if (width[c])
				put_cell(c, col_defs[c].header, strlen(col_defs[c].header), width[c],
					 c == first);
		fputc_unlocked('\n', stdout);
	}
	for (r = 0; r < out.nrows; r++) {
		const char *text = out.arena + out.rows[r].start;

		for (c = 0; c < COL_COUNT; c++) {
			size_t len = out.rows[r].len[c];

			if (width[c])
				put_cell(c, text, len, width[c], c == first);
			text += len;
		}
		fputc_unlocked('\n', stdout);
	}
}

void out_finish(void)
{
	if (out.json) {
		pr_start();
		pr_finish();
		return;
	}
	render_text();
	fflush(stdout);
	free(out.arena);
	free(out.rows);
	memset(&out, 0, sizeof(out));
}
