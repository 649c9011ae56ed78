// SPDX-License-Identifier: GPL-2.0-or-later
/* The printing layer: text or JSON from the same calls. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nlkit/print.h>

/*
 * Deeper nesting is a bug in the caller: the deepest documents the tools
 * write (ip -d -s -j link) nest about six levels.
 */
#define PR_MAX_DEPTH 32

/* Large enough that `ip link show` of thousands of links takes a handful
 * of write() calls. */
#define PR_BUF_BYTES (256 << 10)

#define PR_INDENT_STEP 4

struct pr_frame {
	bool is_array;
	bool has_items;
	bool joined;		/* a keyless object that joined its record's */
};

static struct {
	FILE *out;
	struct pr_config cfg;
	bool color;		/* text colours are on */
	bool dark;		/* the palette for a dark background */
	bool colored;		/* pr_color_start() is waiting for its end */
	bool started;		/* the top-level "[" is written */
	/* Open JSON containers; frame 0 is the top-level array (records: the
	 * stream of them). */
	unsigned int depth;
	struct pr_frame frames[PR_MAX_DEPTH];
} pr;

static char pr_buf[PR_BUF_BYTES];
static FILE *pr_buf_owner;

/* SGR colour numbers; the dark palette makes them bold. */
static const char *const pr_palette[] = {
	[PR_C_IFNAME] = "36",
	[PR_C_MAC] = "33",
	[PR_C_INET] = "35",
	[PR_C_INET6] = "34",
	[PR_C_OPER_UP] = "32",
	[PR_C_OPER_DOWN] = "31",
};

/*
 * COLORFGBG is "FG;BG" (or "FG;X;BG"), set by terminals such as rxvt.
 * The reference takes a background given as a single digit 0-6 or 8 for
 * a dark one.
 */
static bool background_is_dark(void)
{
	const char *env = getenv("COLORFGBG");
	const char *bg;

	if (!env)
		return false;
	bg = strrchr(env, ';');
	if (!bg)
		return false;
	bg++;
	return bg[0] && !bg[1] && ((bg[0] >= '0' && bg[0] <= '6') || bg[0] == '8');
}

void pr_init(FILE *out, const struct pr_config *cfg)
{
	memset(&pr, 0, sizeof(pr));
	pr.out = out;
	pr.cfg = *cfg;
	/* A record is one line. */
	if (cfg->records)
		pr.cfg.pretty = false;
	/* A memory stream (fileno() -1) is its own buffer; a stream gets ours
	 * once, before it was written to. */
	if (fileno(out) >= 0 && out != pr_buf_owner) {
		setvbuf(out, pr_buf, _IOFBF, sizeof(pr_buf));
		pr_buf_owner = out;
	}

	if (!cfg->json) {
		if (cfg->color == PR_COLOR_ALWAYS)
			pr.color = true;
		else if (cfg->color == PR_COLOR_AUTO)
			pr.color = isatty(fileno(out));
		pr.dark = pr.color && background_is_dark();
	}
	pr.frames[0].is_array = true;
}

bool pr_json(void)
{
	return pr.cfg.json;
}

bool pr_oneline(void)
{
	return pr.cfg.oneline;
}

static void put_indent(unsigned int levels)
{
	static const char spaces[] = "                                ";
	size_t n = (size_t)levels * PR_INDENT_STEP;

	while (n) {
		size_t chunk = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;

		fwrite_unlocked(spaces, 1, chunk, pr.out);
		n -= chunk;
	}
}

/*
 * The top-level "[" waits for the first JSON output, so that a command
 * that fails before printing anything prints nothing, as the reference.
 */
static void json_start(void)
{
	if (pr.started || pr.cfg.records)
		return;
	pr.started = true;
	fputs_unlocked(pr.cfg.pretty ? "[ " : "[", pr.out);
}

void pr_start(void)
{
	if (pr.cfg.json)
		json_start();
}

/*
 * Write what precedes a value: the separator and, in an object, the
 * member name.  A scalar with a NULL @key in an object is not written at
 * all (returns false); a container is, without a name, so that its
 * contents are not lost.
 */
static bool json_member(const char *key, bool container)
{
	struct pr_frame *f = &pr.frames[pr.depth];

	if (!f->is_array && !key && !container)
		return false;
	json_start();
	/* Records are documents of their own: nothing goes between them. */
	if (pr.cfg.records && !pr.depth)
		return true;
	if (f->has_items)
		putc_unlocked(',', pr.out);
	f->has_items = true;
	if (f->is_array || !key)
		return true;
	if (pr.cfg.pretty) {
		putc_unlocked('\n', pr.out);
		put_indent(pr.depth + 1);
	}
	pr_escape_json(pr.out, key);
	putc_unlocked(':', pr.out);
	if (pr.cfg.pretty)
		putc_unlocked(' ', pr.out);
	return true;
}

static void json_push(bool is_array)
{
	if (pr.depth + 1 >= PR_MAX_DEPTH)
		abort();
	pr.depth++;
	pr.frames[pr.depth].is_array = is_array;
	pr.frames[pr.depth].has_items = false;
	pr.frames[pr.depth].joined = false;
}

static void json_close_array(void)
{
	if (pr.cfg.pretty && pr.frames[pr.depth].has_items)
		putc_unlocked(' ', pr.out);
	putc_unlocked(']', pr.out);
}

static void json_close_object(void)
{
	if (pr.cfg.pretty && pr.frames[pr.depth].has_items) {
		putc_unlocked('\n', pr.out);
		put_indent(pr.depth);
	}
	putc_unlocked('}', pr.out);
}

/*
 * Close the innermost container; the top-level array stays open.  A
 * joined object hands its members' count back to the record's; a record
 * ends its line.
 */
static void json_pop(void)
{
	const struct pr_frame *f = &pr.frames[pr.depth];

	if (!pr.depth)
		return;
	if (f->joined) {
		pr.frames[pr.depth - 1].has_items = f->has_items;
		pr.depth--;
		return;
	}
	if (f->is_array)
		json_close_array();
	else
		json_close_object();
	pr.depth--;
	if (pr.cfg.records && !pr.depth)
		putc_unlocked('\n', pr.out);
}

/* Whether an object opened with @key joins the record's (see pr_config). */
static bool json_joins_record(const char *key)
{
	const struct pr_frame *f = &pr.frames[pr.depth];

	return pr.cfg.records && !key && pr.depth && !f->is_array && (pr.depth == 1 || f->joined);
}

int pr_finish(void)
{
	int ret = 0;

	if (pr.cfg.json) {
		while (pr.depth)
			json_pop();
		if (pr.started) {
			json_close_array();
			putc_unlocked('\n', pr.out);
		}
	} else {
		pr_color_end();
	}
	if (fflush(pr.out) || ferror(pr.out))
		ret = -1;
	pr.depth = 0;
	pr.started = false;
	return ret;
}

void pr_open_object(const char *key)
{
	if (!pr.cfg.json)
		return;
	if (json_joins_record(key)) {
		bool has_items = pr.frames[pr.depth].has_items;

		json_push(false);
		pr.frames[pr.depth].joined = true;
		pr.frames[pr.depth].has_items = has_items;
		return;
	}
	json_member(key, true);
	putc_unlocked('{', pr.out);
	json_push(false);
}

void pr_close_object(void)
{
	if (pr.cfg.json)
		json_pop();
}

void pr_open_array(const char *key, const char *text)
{
	if (!pr.cfg.json) {
		if (text)
			fputs_unlocked(text, pr.out);
		return;
	}
	json_member(key, true);
	fputs_unlocked(pr.cfg.pretty ? "[ " : "[", pr.out);
	json_push(true);
}

void pr_close_array(const char *text)
{
	if (!pr.cfg.json) {
		if (text)
			fputs_unlocked(text, pr.out);
		return;
	}
	json_pop();
}

static void color_on(enum pr_color color)
{
	fprintf(pr.out, "\033[%s%sm", pr.dark ? "1;" : "", pr_palette[color]);
}

static void color_off(void)
{
	fputs_unlocked("\033[0m", pr.out);
}

void pr_color_start(enum pr_color color)
{
	if (!pr.color || color == PR_C_NONE)
		return;
	color_on(color);
	pr.colored = true;
}

void pr_color_end(void)
{
	if (!pr.colored)
		return;
	color_off();
	pr.colored = false;
}

void pr_escape_json(FILE *out, const char *s)
{
	putc_unlocked('"', out);
	for (; *s; s++) {
		const char *esc;

		/* Only these: the reference writes other control characters as
		 * they are. */
		switch (*s) {
		case '"':
			esc = "\\\"";
			break;
		case '\\':
			esc = "\\\\";
			break;
		case '\n':
			esc = "\\n";
			break;
		case '\r':
			esc = "\\r";
			break;
		case '\t':
			esc = "\\t";
			break;
		case '\f':
			esc = "\\f";
			break;
		case '\b':
			esc = "\\b";
			break;
		default:
			putc_unlocked(*s, out);
			continue;
		}
		fputs_unlocked(esc, out);
	}
	putc_unlocked('"', out);
}

/*
 * fprintf(out, fmt, value) for a string: most formats are "TEXT%sTEXT",
 * which are written piecewise, as printf's parser costs more than a
 * long listing's whole output otherwise.
 */
static void text_string(const char *fmt, const char *value)
{
	const char *conv = strchr(fmt, '%');

	if (!conv || conv[1] != 's' || strchr(conv + 2, '%')) {
		fprintf(pr.out, fmt, value);
		return;
	}
	fwrite_unlocked(fmt, 1, (size_t)(conv - fmt), pr.out);
	fputs_unlocked(value, pr.out);
	fputs_unlocked(conv + 2, pr.out);
}

void pr_string(const char *key, const char *fmt, const char *value)
{
	pr_color_string(PR_C_NONE, key, fmt, value);
}

void pr_color_string(enum pr_color color, const char *key, const char *fmt, const char *value)
{
	if (!value) {
		pr_null(key, fmt);
		return;
	}
	if (pr.cfg.json) {
		if (json_member(key, false))
			pr_escape_json(pr.out, value);
		return;
	}
	if (!fmt)
		return;
	if (pr.color && color != PR_C_NONE) {
		color_on(color);
		text_string(fmt, value);
		color_off();
	} else {
		text_string(fmt, value);
	}
}

void pr_uint(const char *key, const char *fmt, unsigned int value)
{
	if (pr.cfg.json) {
		if (json_member(key, false))
			fprintf(pr.out, "%u", value);
	} else if (fmt) {
		fprintf(pr.out, fmt, value);
	}
}

void pr_u64(const char *key, const char *fmt, unsigned long long value)
{
	if (pr.cfg.json) {
		if (json_member(key, false))
			fprintf(pr.out, "%llu", value);
	} else if (fmt) {
		fprintf(pr.out, fmt, value);
	}
}

void pr_int(const char *key, const char *fmt, int value)
{
	if (pr.cfg.json) {
		if (json_member(key, false))
			fprintf(pr.out, "%d", value);
	} else if (fmt) {
		fprintf(pr.out, fmt, value);
	}
}

void pr_s64(const char *key, const char *fmt, long long value)
{
	if (pr.cfg.json) {
		if (json_member(key, false))
			fprintf(pr.out, "%lld", value);
	} else if (fmt) {
		fprintf(pr.out, fmt, value);
	}
}

void pr_hex(const char *key, const char *fmt, unsigned int value)
{
	if (pr.cfg.json) {
		char buf[64];

		if (!fmt || !json_member(key, false))
			return;
		snprintf(buf, sizeof(buf), fmt, value);
		pr_escape_json(pr.out, buf);
	} else if (fmt) {
		fprintf(pr.out, fmt, value);
	}
}

void pr_bool(const char *key, const char *fmt, bool value)
{
	if (pr.cfg.json) {
		if (json_member(key, false))
			fputs_unlocked(value ? "true" : "false", pr.out);
	} else if (fmt) {
		fprintf(pr.out, fmt, value ? "true" : "false");
	}
}

void pr_flag(const char *key, const char *fmt)
{
	if (pr.cfg.json) {
		if (json_member(key, false))
			fputs_unlocked("true", pr.out);
	} else if (fmt) {
		fputs_unlocked(fmt, pr.out);
	}
}

void pr_null(const char *key, const char *fmt)
{
	if (pr.cfg.json) {
		if (json_member(key, false))
			fputs_unlocked("null", pr.out);
	} else if (fmt) {
		fprintf(pr.out, fmt, "null");
	}
}

void pr_number(const char *key, const char *fmt, const char *number)
{
	if (pr.cfg.json) {
		if (json_member(key, false))
			fputs_unlocked(number, pr.out);
	} else if (fmt) {
		fprintf(pr.out, fmt, number);
	}
}

/*
 * The reference's human-readable counters: the largest power of the base
 * not above the value as the unit, two decimals below 10 units, one below
 * 100, none above; "i" after the unit letter for powers of 1024.
 */
static void format_human(char *buf, size_t len, unsigned long long value, unsigned int base)
{
	static const char units[] = "kMGTPE";
	unsigned long long unit = base, whole;
	unsigned int i = 0;
	int precision;

	while (value / base >= unit && i < sizeof(units) - 2) {
		unit *= base;
		i++;
	}
	whole = value / unit;
	precision = whole < 10 ? 2 : whole < 100 ? 1 : 0;
	snprintf(buf, len, "%.*f%c%s", precision, (double)value / (double)unit, units[i],
		 base == 1024 ? "i" : "");
}

void pr_num(const char *key, int width, unsigned long long value)
{
	char buf[32];

	if (pr.cfg.json) {
		pr_u64(key, NULL, value);
		return;
	}
	if (!pr.cfg.human || value < pr.cfg.human) {
		fprintf(pr.out, "%*llu ", width, value);
		return;
	}
	format_human(buf, sizeof(buf), value, pr.cfg.human);
	fprintf(pr.out, "%*s ", width, buf);
}

void pr_text(const char *fmt, ...)
{
	va_list ap;

	if (pr.cfg.json)
		return;
	if (!strchr(fmt, '%')) {
		fputs_unlocked(fmt, pr.out);
		return;
	}
	va_start(ap, fmt);
	vfprintf(pr.out, fmt, ap);
	va_end(ap);
}

void pr_nl(void)
{
	if (!pr.cfg.json)
		putc_unlocked(pr.cfg.oneline ? '\\' : '\n', pr.out);
}
