// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ss's output: every field is one call, which in text mode lands in a
 * cell of the column table and in JSON mode becomes a member of the
 * socket's object (through the printing layer).
 *
 * Text columns are as wide as their widest cell (the header's included),
 * so rows are kept before they are printed: as many as fill the
 * reference's buffer (4 MiB: the text of the columns shown and 20 bytes
 * a row, as where its widths change tells), then rendered, widths kept and
 * only growing from one render to the next.  On a terminal the columns
 * then share out its width: spare columns are spread over the columns of
 * each screen line, the remainder going one each to the last ones; a pipe
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

/*
 * A row's cells lie one after the other in the arena, after those of the
 * rows before it.  A cell holds at most UINT16_MAX bytes: the reference
 * cuts a longer one (a socket with thousands of users) there too.
 */
struct row {
	uint16_t len[COL_COUNT];
};

#define RENDER_AT (4u << 20)
#define ROW_BOOKKEEPING 20

static struct {
	bool json, header;
	bool hidden[COL_COUNT];
	char *arena;
	size_t used, cap;
	struct row *rows;
	size_t nrows, rows_cap;
	size_t shown;		/* bytes of the cells of columns not hidden */
	enum ss_col cur;
	bool in_row;
	/* Kept from one render to the next (-E renders each event alone). */
	size_t width[COL_COUNT];
	bool header_done;
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

/*
 * The @n bytes written at the arena's end join the current cell, as many
 * as it has room for.
 */
static void cell_grew(size_t n)
{
	uint16_t *len = &out.rows[out.nrows - 1].len[out.cur];

	if (n > (size_t)(UINT16_MAX - *len))
		n = UINT16_MAX - *len;
	*len = (uint16_t)(*len + n);
	out.used += n;
	if (!out.hidden[out.cur])
		out.shown += n;
}

static void cell_append(const char *s, size_t len)
{
	arena_reserve(len);
	memcpy(out.arena + out.used, s, len);
	cell_grew(len);
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
	cell_grew((size_t)n);
}

static void cell_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void cell_printf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cell_vprintf(fmt, ap);
	va_end(ap);
}

/*
 * The formats the printers use for nearly every field, done without
 * printf, which at 50k sockets costs more than the kernel's dump: a
 * literal, one conversion (%s, or %u %d %x with an optional "ll", "-"
 * and width), a literal.  simple_format() splits @fmt so; false for any
 * other format, which goes to vsnprintf.
 */
struct simple_format {
	const char *pre, *post;
	size_t pre_len;
	unsigned int width;
	bool left;
	char conv;
};

static bool simple_format(const char *fmt, struct simple_format *f)
{
	const char *p = strchr(fmt, '%');

	if (!p)
		return false;
	/* The commonest: the conversion alone. */
	if (p == fmt && (p[1] == 's' || p[1] == 'u') && !p[2]) {
		*f = (struct simple_format){ .pre = fmt, .post = p + 2, .conv = p[1] };
		return true;
	}
	f->pre = fmt;
	f->pre_len = (size_t)(p - fmt);
	p++;
	f->left = *p == '-';
	if (f->left)
		p++;
	f->width = 0;
	while (*p >= '0' && *p <= '9' && f->width < 100)
		f->width = f->width * 10 + (unsigned int)(*p++ - '0');
	if (p[0] == 'l' && p[1] == 'l')
		p += 2;
	f->conv = *p;
	if (f->conv != 's' && f->conv != 'u' && f->conv != 'd' && f->conv != 'x')
		return false;
	/* Width only with "-" (the fields pad to the right): else printf's. */
	if (f->width && !f->left)
		return false;
	f->post = p + 1;
	return !strchr(f->post, '%');
}

static void cell_append_padded(const struct simple_format *f, const char *text, size_t len)
{
	if (f->pre_len)
		cell_append(f->pre, f->pre_len);
	cell_append(text, len);
	for (; len < f->width; len++)
		cell_append(" ", 1);
	if (*f->post)
		cell_append(f->post, strlen(f->post));
}

/* @value by conversion @conv (u, d: @negative says; x) into @buf's end. */
static size_t format_number(unsigned long long value, bool negative, char conv, char *buf,
			    size_t size)
{
	char *p = buf + size;
	unsigned int base = conv == 'x' ? 16 : 10;

	do {
		*--p = "0123456789abcdef"[value % base];
		value /= base;
	} while (value);
	if (negative)
		*--p = '-';
	memmove(buf, p, (size_t)(buf + size - p));
	return (size_t)(buf + size - p);
}

/* Whether @fmt went out without printf: @value unsigned, or @svalue when @is_signed. */
static bool cell_number(const char *fmt, unsigned long long value, long long svalue,
			bool is_signed)
{
	struct simple_format f;
	char digits[24];
	size_t len;

	if (!simple_format(fmt, &f) || f.conv == 's')
		return false;
	if (is_signed)
		len = format_number(svalue < 0 ? 0ULL - (unsigned long long)svalue :
						 (unsigned long long)svalue,
				    svalue < 0, f.conv, digits, sizeof(digits));
	else
		len = format_number(value, false, f.conv, digits, sizeof(digits));
	cell_append_padded(&f, digits, len);
	return true;
}

static bool cell_string(const char *fmt, const char *value)
{
	struct simple_format f;

	if (!simple_format(fmt, &f) || f.conv != 's')
		return false;
	cell_append_padded(&f, value, strlen(value));
	return true;
}

void out_row(void)
{
	if (out.json) {
		pr_open_object(NULL);
		return;
	}
	if (out.shown + out.nrows * ROW_BOOKKEEPING >= RENDER_AT)
		out_flush();
	if (out.nrows == out.rows_cap) {
		out.rows_cap = out.rows_cap ? out.rows_cap * 2 : 1024;
		out.rows = xrealloc(out.rows, out.rows_cap * sizeof(*out.rows));
	}
	memset(&out.rows[out.nrows], 0, sizeof(out.rows[0]));
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
	else if (fmt && !cell_string(fmt, value))
		cell_printf(fmt, value);
}

void out_uint(const char *key, const char *fmt, unsigned int value)
{
	if (out.json)
		pr_uint(key, NULL, value);
	else if (fmt && !cell_number(fmt, value, 0, false))
		cell_printf(fmt, value);
}

void out_int(const char *key, const char *fmt, int value)
{
	if (out.json)
		pr_int(key, NULL, value);
	else if (fmt && !cell_number(fmt, 0, value, true))
		cell_printf(fmt, value);
}

void out_u64(const char *key, const char *fmt, unsigned long long value)
{
	if (out.json)
		pr_u64(key, NULL, value);
	else if (fmt && !cell_number(fmt, value, 0, false))
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
	else if (fmt && !cell_string(fmt, number))
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
	/* "%s" is the address columns' delimiter, once a row and side. */
	if (!strcmp(fmt, "%s")) {
		const char *text = va_arg(ap, const char *);

		cell_append(text, strlen(text));
	} else {
		cell_vprintf(fmt, ap);
	}
	va_end(ap);
}

void out_nl_tab(void)
{
	if (!out.json && !sso.oneline)
		cell_append("\n\t", 2);
}

void out_nl_tab_or_space(void)
{
	if (!out.json)
		cell_append(sso.oneline ? " " : "\n\t", sso.oneline ? 1 : 2);
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

/* A line of text output is put together here and written at once. */
static struct {
	char *buf;
	size_t len, cap;
} text_line;

static char *line_room(size_t n)
{
	char *at;

	/* Even a request for no room gets a buffer: memcpy() and memset()
	 * take no NULL, whatever the length. */
	if (!text_line.buf || text_line.len + n > text_line.cap) {
		text_line.cap = (text_line.len + n) * 2 + 128;
		text_line.buf = xrealloc(text_line.buf, text_line.cap);
	}
	at = text_line.buf + text_line.len;
	text_line.len += n;
	return at;
}

static void line_end(void)
{
	*line_room(1) = '\n';
	fwrite_unlocked(text_line.buf, 1, text_line.len, stdout);
	text_line.len = 0;
}

static int terminal_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0)
		return 80;
	/* A terminal that says it has no width (a pty nobody sized) gets
	 * the columns at their natural width, as with the reference. */
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

	size_t pad = len < room ? room - len : 0;

	memcpy(line_room(delim), col_defs[c].ldelim, delim);
	if (col_defs[c].right)
		memset(line_room(pad), ' ', pad);
	memcpy(line_room(len), text, len);
	if (!col_defs[c].right)
		memset(line_room(pad), ' ', pad);
}

/*
 * Print the rows kept so far, the header before the first of them.
 * Column widths only grow: a later render (of -E's next event) is at
 * least as wide as the ones before.
 */
static void render_text(void)
{
	size_t width[COL_COUNT];
	size_t r;
	int c, first = -1, screen;
	bool header = out.header && !out.header_done;
	const char *text = out.arena;

	for (c = 0; c < COL_COUNT; c++) {
		if (out.hidden[c])
			continue;
		if (header && strlen(col_defs[c].header) > out.width[c])
			out.width[c] = strlen(col_defs[c].header);
		for (r = 0; r < out.nrows; r++) {
			/* The reference never measures the last cell of its table. */
			if (c == COL_COUNT - 1 && r == out.nrows - 1)
				break;
			if (out.rows[r].len[c] > out.width[c])
				out.width[c] = out.rows[r].len[c];
		}
	}
	memcpy(width, out.width, sizeof(width));
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

	if (header) {
		for (c = 0; c < COL_COUNT; c++)
			if (width[c])
				put_cell(c, col_defs[c].header, strlen(col_defs[c].header), width[c],
					 c == first);
		line_end();
		out.header_done = true;
	}
	for (r = 0; r < out.nrows; r++) {
		for (c = 0; c < COL_COUNT; c++) {
			size_t len = out.rows[r].len[c];

			if (width[c])
				put_cell(c, text, len, width[c], c == first);
			text += len;
		}
		line_end();
	}
}

void out_flush(void)
{
	if (out.json) {
		fflush(stdout);
		return;
	}
	/* Even a render of no rows prints the header, the first time. */
	if (!out.nrows && (out.header_done || !out.header))
		return;
	render_text();
	fflush(stdout);
	out.nrows = 0;
	out.used = 0;
	out.shown = 0;
}

void out_finish(void)
{
	if (out.json) {
		pr_start();
		pr_finish();
	} else {
		render_text();
		fflush(stdout);
	}
	/* Nothing is left of this output for the next one (a fuzz target's). */
	free(out.arena);
	free(out.rows);
	free(text_line.buf);
	memset(&out, 0, sizeof(out));
	memset(&text_line, 0, sizeof(text_line));
}
