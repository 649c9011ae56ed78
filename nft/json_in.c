// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * JSON input (-j -f FILE, -j COMMANDS): the reference's schema,
 * {"nftables": [{"add": {"table": {...}}}, {"rule": {...}}, ...]}, where a
 * bare object (as `list` prints it) means "add".
 *
 * Each command is written out in the native language and handed to the
 * parser, so that JSON and text input share one evaluation and one
 * batch: JSON is a second spelling of the same commands.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nlkit/util.h>

#include "ast.h"

/* ---- Parsing JSON --------------------------------------------------------- */

enum jtype { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };

struct jnode {
	enum jtype type;
	char *key;		/* member name inside an object */
	char *str;		/* J_STRING; J_NUMBER as written */
	bool boolean;
	struct jnode *child;	/* J_ARRAY, J_OBJECT: first item */
	struct jnode *next;
};

struct jparser {
	const char *p;
	const char *error;
};

static void jfree(struct jnode *n)
{
	while (n) {
		struct jnode *next = n->next;

		jfree(n->child);
		free(n->key);
		free(n->str);
		free(n);
		n = next;
	}
}

static void skip_space(struct jparser *jp)
{
	while (isspace((unsigned char)*jp->p))
		jp->p++;
}

static char *parse_jstring(struct jparser *jp)
{
	size_t cap = 16, len = 0;
	char *out = xmalloc(cap);

	jp->p++;	/* the opening quote */
	while (*jp->p != '"') {
		char c = *jp->p++;

		if (!c) {
			jp->error = "unterminated string";
			free(out);
			return NULL;
		}
		if (c == '\\') {
			c = *jp->p++;
			switch (c) {
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			case 'u': {
				unsigned int code;

				if (sscanf(jp->p, "%4x", &code) != 1 || code > 0x7f || !code) {
					jp->error = "unsupported \\u escape";
					free(out);
					return NULL;
				}
				jp->p += 4;
				c = (char)code;
				break;
			}
			case '"':
			case '\\':
			case '/':
				break;
			default:
				jp->error = "invalid escape";
				free(out);
				return NULL;
			}
		}
		if (len + 2 > cap)
			out = xrealloc(out, cap *= 2);
		out[len++] = c;
	}
	jp->p++;
	out[len] = '\0';
	return out;
}

static struct jnode *parse_jvalue(struct jparser *jp);

/* The items of an array or the members of an object, up to @close. */
static bool parse_jitems(struct jparser *jp, struct jnode *n, char close)
{
	struct jnode **tail = &n->child;

	jp->p++;
	skip_space(jp);
	if (*jp->p == close) {
		jp->p++;
		return true;
	}
	for (;;) {
		char *key = NULL;
		struct jnode *item;

		skip_space(jp);
		if (close == '}') {
			if (*jp->p != '"') {
				jp->error = "object member name expected";
				return false;
			}
			key = parse_jstring(jp);
			if (!key)
				return false;
			skip_space(jp);
			if (*jp->p++ != ':') {
				jp->error = "':' expected";
				free(key);
				return false;
			}
		}
		item = parse_jvalue(jp);
		if (!item) {
			free(key);
			return false;
		}
		item->key = key;
		*tail = item;
		tail = &item->next;
		skip_space(jp);
		if (*jp->p == ',') {
			jp->p++;
			continue;
		}
		if (*jp->p == close) {
			jp->p++;
			return true;
		}
		jp->error = close == '}' ? "',' or '}' expected" : "',' or ']' expected";
		return false;
	}
}

static struct jnode *parse_jvalue(struct jparser *jp)
{
	struct jnode *n = xcalloc(1, sizeof(*n));

	skip_space(jp);
	switch (*jp->p) {
	case '{':
	case '[':
		n->type = *jp->p == '{' ? J_OBJECT : J_ARRAY;
		if (!parse_jitems(jp, n, *jp->p == '{' ? '}' : ']')) {
			jfree(n);
			return NULL;
		}
		return n;
	case '"':
		n->type = J_STRING;
		n->str = parse_jstring(jp);
		if (!n->str) {
			jfree(n);
			return NULL;
		}
		return n;
	default:
		break;
	}
	if (!strncmp(jp->p, "null", 4)) {
		n->type = J_NULL;
		jp->p += 4;
	} else if (!strncmp(jp->p, "true", 4) || !strncmp(jp->p, "false", 5)) {
		n->type = J_BOOL;
		n->boolean = *jp->p == 't';
		jp->p += n->boolean ? 4 : 5;
	} else if (*jp->p == '-' || isdigit((unsigned char)*jp->p)) {
		const char *start = jp->p++;

		while (isdigit((unsigned char)*jp->p))
			jp->p++;
		/* a fraction and an exponent: valid JSON, a real to the schema */
		if (*jp->p == '.')
			for (jp->p++; isdigit((unsigned char)*jp->p); jp->p++)
				;
		if (*jp->p == 'e' || *jp->p == 'E') {
			jp->p++;
			if (*jp->p == '+' || *jp->p == '-')
				jp->p++;
			while (isdigit((unsigned char)*jp->p))
				jp->p++;
		}
		n->type = J_NUMBER;
		n->str = xasprintf("%.*s", (int)(jp->p - start), start);
	} else {
		jp->error = "invalid JSON value";
		jfree(n);
		return NULL;
	}
	return n;
}

static const struct jnode *jget(const struct jnode *obj, const char *key)
{
	const struct jnode *n;

	if (!obj || obj->type != J_OBJECT)
		return NULL;
	for (n = obj->child; n; n = n->next)
		if (!strcmp(n->key, key))
			return n;
	return NULL;
}

static const char *jget_str(const struct jnode *obj, const char *key)
{
	const struct jnode *n = jget(obj, key);

	return n && (n->type == J_STRING || n->type == J_NUMBER) ? n->str : NULL;
}

/* Errors the reference reports with no place in the input. */
static void __attribute__((format(printf, 1, 2))) json_error_internal(const char *fmt, ...)
{
	va_list ap;

	fputs("internal:0:0-0: Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n\n", stderr);
}

/* ---- Writing the native language ------------------------------------------ */

struct emitter {
	FILE *f;
	char *error;		/* the first thing that cannot be written */
	const char *unknown;	/* the key of the first object of no known kind */
	bool reported;		/* an error was reported in the reference's words */
	bool stmt_refused;	/* a statement's value was, and its place is due */
	bool in_map;		/* writing a map's elements: pairs are key : data */
	bool obj_names;		/* of a map of objects: the data are names */
	const char *name, *text;	/* the input, for errors placed in it */
};

static void emit_quoted(struct emitter *em, const char *s)
{
	fprintf(em->f, "\"%s\"", s);
}

/* The "comment "TEXT"; " of an object's block, when @o has one. */
static void emit_comment_decl(struct emitter *em, const struct jnode *o)
{
	const char *s = jget_str(o, "comment");

	if (s) {
		fputs("comment ", em->f);
		emit_quoted(em, s);
		fputs("; ", em->f);
	}
}

/* A string value: as a word where the scanner reads it as one (symbols
 * such as "tcp" must stay words), a set by name (@name), else quoted
 * (interface names with wildcards, text with spaces, an hour with its
 * seconds, a date), one value as the reference reads a string. */
static void emit_string(struct emitter *em, const char *s)
{
	if (scans_as_one_word(*s == '@' ? s + 1 : s))
		fputs(s, em->f);
	else
		emit_quoted(em, s);
}

static void emit_expr(struct emitter *em, const struct jnode *n);

static void emit_list(struct emitter *em, const struct jnode *first, const char *sep)
{
	const struct jnode *n;

	for (n = first; n; n = n->next) {
		emit_expr(em, n);
		if (n->next)
			fputs(sep, em->f);
	}
}

static void emit_fail(struct emitter *em, const char *what)
{
	if (!em->error)
		em->error = xstrdup(what);
}

static void emit_elem(struct emitter *em, const struct jnode *opts)
{
	const struct jnode *counter = jget(opts, "counter");
	const char *s;

	emit_expr(em, jget(opts, "val"));
	if (counter)
		fprintf(em->f, " counter packets %s bytes %s",
			jget_str(counter, "packets") ?: "0", jget_str(counter, "bytes") ?: "0");
	if ((s = jget_str(opts, "timeout")))
		fprintf(em->f, " timeout %ss", s);
	if ((s = jget_str(opts, "expires")))
		fprintf(em->f, " expires %ss", s);
	if ((s = jget_str(opts, "comment"))) {
		fputs(" comment ", em->f);
		emit_quoted(em, s);
	}
}

static void emit_verdict_or_expr(struct emitter *em, const char *kind, const struct jnode *arg)
{
	static const char *const verdicts[] = { "accept", "drop", "continue", "return" };
	static const char *const hashes[] = { "jhash", "symhash" };
	FILE *f = em->f;
	const char *s;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(verdicts); i++) {
		if (!strcmp(kind, verdicts[i])) {
			fputs(kind, f);
			return;
		}
	}
	if (!strcmp(kind, "jump") || !strcmp(kind, "goto")) {
		fprintf(f, "%s %s", kind, jget_str(arg, "target") ?: "");
	} else if (!strcmp(kind, "payload")) {
		fprintf(f, "%s %s", jget_str(arg, "protocol") ?: "", jget_str(arg, "field") ?: "");
	} else if (!strcmp(kind, "meta")) {
		fprintf(f, "meta %s", jget_str(arg, "key") ?: "");
	} else if (!strcmp(kind, "ct")) {
		fputs("ct ", f);
		if ((s = jget_str(arg, "dir")))
			fprintf(f, "%s ", s);
		if ((s = jget_str(arg, "family")))
			fprintf(f, "%s ", s);
		fputs(jget_str(arg, "key") ?: "", f);
	} else if (!strcmp(kind, "rt")) {
		fputs("rt ", f);
		if ((s = jget_str(arg, "family")))
			fprintf(f, "%s ", s);
		fputs(jget_str(arg, "key") ?: "", f);
	} else if (!strcmp(kind, "tcp option")) {
		fprintf(f, "tcp option %s", jget_str(arg, "name") ?: "");
		if ((s = jget_str(arg, "field")))
			fprintf(f, " %s", s);
	} else if (!strcmp(kind, "socket")) {
		fprintf(f, "socket %s", jget_str(arg, "key") ?: "");
	} else if (!strcmp(kind, "osf")) {
		fputs("osf ", f);
		if ((s = jget_str(arg, "ttl")))
			fprintf(f, "ttl %s ", s);
		fputs(jget_str(arg, "key") ?: "", f);
	} else if (!strcmp(kind, "fib")) {
		const struct jnode *flags = jget(arg, "flags");

		fputs("fib ", f);
		if (flags && flags->type == J_ARRAY)
			emit_list(em, flags->child, " . ");
		else if (flags)
			emit_expr(em, flags);
		fprintf(f, " %s", jget_str(arg, "result") ?: "");
	} else if (!strcmp(kind, "numgen")) {
		fprintf(f, "numgen %s mod %s", jget_str(arg, "mode") ?: "",
			jget_str(arg, "mod") ?: "");
		if ((s = jget_str(arg, "offset")) && strcmp(s, "0"))
			fprintf(f, " offset %s", s);
	} else if (!strcmp(kind, hashes[0]) || !strcmp(kind, hashes[1])) {
		fputs(kind, f);
		if (jget(arg, "expr")) {
			fputc(' ', f);
			emit_expr(em, jget(arg, "expr"));
		}
		fprintf(f, " mod %s", jget_str(arg, "mod") ?: "");
		if ((s = jget_str(arg, "seed")))
			fprintf(f, " seed %s", s);
		if ((s = jget_str(arg, "offset")))
			fprintf(f, " offset %s", s);
	} else if (!strcmp(kind, "prefix")) {
		emit_expr(em, jget(arg, "addr"));
		fprintf(f, "/%s", jget_str(arg, "len") ?: "");
	} else if (!strcmp(kind, "range") && arg->type == J_ARRAY && arg->child) {
		/* spaced: "cs1-cs3" would be one word, no range */
		emit_list(em, arg->child, " - ");
	} else if (!strcmp(kind, "set") && arg->type == J_ARRAY) {
		fputs("{ ", f);
		emit_list(em, arg->child, ", ");
		fputs(" }", f);
	} else if (!strcmp(kind, "concat") && arg->type == J_ARRAY) {
		emit_list(em, arg->child, " . ");
	} else if (!strcmp(kind, "elem")) {
		emit_elem(em, arg);
	} else if (!strcmp(kind, "map")) {
		/* a value looked up: tcp dport map { 22 : 1 } */
		emit_expr(em, jget(arg, "key"));
		fputs(" map ", f);
		em->in_map = true;
		emit_expr(em, jget(arg, "data"));
		em->in_map = false;
	} else if (strchr("&|^", kind[0]) || !strcmp(kind, "<<") || !strcmp(kind, ">>")) {
		if (arg->type != J_ARRAY || !arg->child || !arg->child->next) {
			emit_fail(em, "binary operation without two operands");
			return;
		}
		emit_expr(em, arg->child);
		fprintf(f, " %s ", kind);
		/* a flag list under an operator is the operator's own, and
		 * so is an operation as its operand: (syn | ack) */
		if (arg->child->next->type == J_ARRAY) {
			fputc('(', f);
			emit_list(em, arg->child->next->child, "|");
			fputc(')', f);
		} else if (arg->child->next->type == J_OBJECT && arg->child->next->child &&
			   strchr("&|^", arg->child->next->child->key[0])) {
			fputc('(', f);
			emit_expr(em, arg->child->next);
			fputc(')', f);
		} else {
			emit_expr(em, arg->child->next);
		}
	} else {
		emit_fail(em, kind);
		if (!em->unknown)
			em->unknown = kind;
	}
}

static bool is_pair(const struct jnode *n)
{
	return n->child && n->child->next && !n->child->next->next;
}

static void emit_expr(struct emitter *em, const struct jnode *n)
{
	if (!n) {
		emit_fail(em, "missing expression");
		return;
	}
	switch (n->type) {
	case J_NUMBER:
		fputs(n->str, em->f);
		break;
	case J_STRING:
		emit_string(em, n->str);
		break;
	case J_BOOL:
		/* fib results and tcp options that exist, or not */
		fputs(n->boolean ? "exists" : "missing", em->f);
		break;
	case J_ARRAY:
		/* a map element [key, data], or flags a,b: these are strings
		 * alike, an element's parts rarely are */
		if (is_pair(n) && (em->in_map || n->child->type != J_STRING ||
				   n->child->next->type != J_STRING)) {
			emit_expr(em, n->child);
			fputs(" : ", em->f);
			/* an object's name is a string, whatever its words */
			if (em->obj_names && n->child->next->type == J_STRING)
				emit_quoted(em, n->child->next->str);
			else
				emit_expr(em, n->child->next);
		} else {
			emit_list(em, n->child, ",");
		}
		break;
	case J_OBJECT:
		if (!n->child) {
			emit_fail(em, "empty object");
			break;
		}
		emit_verdict_or_expr(em, n->child->key, n->child);
		break;
	default:
		emit_fail(em, "unexpected value");
		break;
	}
}

/* "1 mbytes" from a number and its unit. */
static void emit_bytes(struct emitter *em, const char *n, const char *unit)
{
	fprintf(em->f, "%s %s", n ?: "0", unit ?: "bytes");
}

/* "rate [over] N/unit [burst M]" of a limit, the statement's or the
 * object's: the same members in both. */
static void emit_limit_rate(struct emitter *em, const struct jnode *o)
{
	FILE *f = em->f;
	const char *s;

	fputs("rate ", f);
	if (jget(o, "inv") && jget(o, "inv")->boolean)
		fputs("over ", f);
	if (jget(o, "rate_unit")) {
		emit_bytes(em, jget_str(o, "rate"), jget_str(o, "rate_unit"));
		fprintf(f, "/%s", jget_str(o, "per") ?: "second");
		if ((s = jget_str(o, "burst")) && strcmp(s, "0")) {
			fputs(" burst ", f);
			emit_bytes(em, s, jget_str(o, "burst_unit"));
		}
	} else {
		fprintf(f, "%s/%s", jget_str(o, "rate") ?: "0", jget_str(o, "per") ?: "second");
		if ((s = jget_str(o, "burst")))
			fprintf(f, " burst %s packets", s);
	}
}

/* The kind of object @key ("ct helper"), or its plural ("counters"), names. */
static const struct obj_kind *obj_kind_named(const char *key, bool plural)
{
	size_t i;

	for (i = 0; i < n_obj_kinds; i++) {
		const char *w = plural ? obj_kinds[i].plural : obj_kinds[i].word;

		if (w && !strcmp(w, key))
			return &obj_kinds[i];
	}
	return NULL;
}

static void emit_stmt(struct emitter *em, const struct jnode *st);
static void json_error_at_col(const char *name, const char *text, unsigned int col,
			      const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static const char *jtype_name(const struct jnode *n);
static bool member_ok(const char *name, const char *text, const struct jnode *o,
		      const char *key, unsigned int nth, enum jtype type);

static void emit_stmts(struct emitter *em, const struct jnode *first)
{
	const struct jnode *n;
	unsigned int i = 0;

	for (n = first; n; n = n->next, i++) {
		emit_stmt(em, n);
		/* a statement of no kind known: the reference's words */
		if (!em->reported && n->child && em->unknown == n->child->key) {
			json_error_internal("Unknown statement object '%s'.", em->unknown);
			em->stmt_refused = true;
		}
		if (!em->reported && em->stmt_refused) {
			json_error_internal("Parsing expr array at index %u failed.", i);
			em->reported = true;
		}
		if (n->next)
			fputc(' ', em->f);
	}
}

static void emit_match(struct emitter *em, const struct jnode *m)
{
	const struct jnode *left = jget(m, "left");
	const char *op = jget_str(m, "op") ?: "==";

	emit_expr(em, left);
	fputc(' ', em->f);
	/* "in" and "==" are the implicit match, except after an operator */
	if (strcmp(op, "in") && (strcmp(op, "==") ||
				 (left && left->type == J_OBJECT && left->child &&
				  strchr("&|^", left->child->key[0]))))
		fprintf(em->f, "%s ", op);
	emit_expr(em, jget(m, "right"));
}

static void emit_flags(struct emitter *em, const struct jnode *flags, const char *sep)
{
	if (!flags)
		return;
	if (flags->type == J_ARRAY)
		emit_list(em, flags->child, sep);
	else
		emit_expr(em, flags);
}

/* ADDRESS[:PORT], an IPv6 address in brackets where @bracket_v6 says */
static void emit_addr_port(struct emitter *em, const struct jnode *addr,
			   const struct jnode *port, bool bracket_v6)
{
	bool bracketed = bracket_v6 && addr && addr->type == J_STRING && strchr(addr->str, ':');

	if (bracketed)
		fputc('[', em->f);
	if (addr)
		emit_expr(em, addr);
	if (bracketed)
		fputc(']', em->f);
	if (port) {
		fputc(':', em->f);
		emit_expr(em, port);
	}
}

static void emit_nat(struct emitter *em, const char *kind, const struct jnode *a)
{
	const struct jnode *addr = jget(a, "addr"), *port = jget(a, "port");
	const char *family = jget_str(a, "family");
	FILE *f = em->f;

	fputs(kind, f);
	if (family)
		fprintf(f, " %s", family);
	if (addr || port)
		fputs(" to ", f);
	/* an IPv6 address before a port is bracketed */
	emit_addr_port(em, addr, port, port != NULL);
	if (jget(a, "flags")) {
		fputc(' ', f);
		emit_flags(em, jget(a, "flags"), ",");
	}
}

/* tproxy [FAMILY] to [ADDRESS][:PORT], an IPv6 address bracketed */
static void emit_tproxy(struct emitter *em, const struct jnode *a)
{
	const struct jnode *addr = jget(a, "addr"), *port = jget(a, "port");
	const char *family = jget_str(a, "family");
	FILE *f = em->f;

	fputs("tproxy", f);
	if (family)
		fprintf(f, " %s", family);
	fputs(" to ", f);
	emit_addr_port(em, addr, port, true);
}

/* Log flags: JSON names them one by one ("tcp sequence", "tcp options"),
 * the language groups them under their protocol: tcp sequence,options. */
static void emit_log_flags(struct emitter *em, const struct jnode *flags)
{
	const struct jnode *n = flags->type == J_ARRAY ? flags->child : flags;
	const char *sep = " flags ";
	bool tcp = false;

	for (; n; n = flags->type == J_ARRAY ? n->next : NULL) {
		if (n->type != J_STRING) {
			emit_fail(em, "log flag");
			return;
		}
		if (!strncmp(n->str, "tcp ", 4)) {
			fprintf(em->f, "%s%s", sep, tcp ? n->str + 4 : n->str);
			tcp = true;
		} else {
			fprintf(em->f, "%s%s", sep, n->str);
		}
		sep = ",";
	}
}

static bool queue_flag_ok(const char *name)
{
	if (!strcmp(name, "bypass") || !strcmp(name, "fanout"))
		return true;
	json_error_internal("Invalid queue flag '%s'.", name);
	return false;
}

/* A queue's flags, checked as the reference reads them: a name, or an
 * array of names. */
static bool queue_flags_ok(const struct jnode *flags)
{
	const struct jnode *n;
	unsigned int i = 0;

	if (flags->type == J_STRING)
		return queue_flag_ok(flags->str);
	if (flags->type != J_ARRAY) {
		json_error_internal("Unexpected object type in queue flags.");
		return false;
	}
	for (n = flags->child; n; n = n->next, i++) {
		if (n->type != J_STRING) {
			json_error_internal("Invalid object in queue flag array at index %u.", i);
			return false;
		}
		if (!queue_flag_ok(n->str))
			return false;
	}
	return true;
}

/* queue [flags F] to NUM; without a number, the older form queue F,
 * which takes flags alone. */
static void emit_queue(struct emitter *em, const struct jnode *a)
{
	const struct jnode *flags = jget(a, "flags"), *num = jget(a, "num");

	if (flags && !queue_flags_ok(flags)) {
		em->stmt_refused = true;
		return;
	}
	fputs("queue", em->f);
	if (flags && (flags->type != J_ARRAY || flags->child)) {
		fputs(num ? " flags " : " ", em->f);
		emit_flags(em, flags, ",");
	}
	if (num) {
		fputs(" to ", em->f);
		emit_expr(em, num);
	}
}

static void emit_stmt(struct emitter *em, const struct jnode *st)
{
	const struct jnode *a = st->child;
	const char *kind = a ? a->key : "", *s;
	FILE *f = em->f;

	if (!a) {
		emit_fail(em, "empty statement");
		return;
	}
	if (!strcmp(kind, "match")) {
		emit_match(em, a);
	} else if (obj_kind_named(kind, false) && a->type == J_STRING) {
		/* a named object: ct helper set "x", synproxy name "x", ... */
		fprintf(f, "%s ", obj_kind_named(kind, false)->ref);
		emit_quoted(em, a->str);
	} else if (obj_kind_named(kind, false) && a->type == J_OBJECT && jget(a, "map")) {
		/* the object a map picks: counter name ip saddr map @m */
		fprintf(f, "%s ", obj_kind_named(kind, false)->ref);
		em->obj_names = true;
		emit_expr(em, a);
		em->obj_names = false;
	} else if (!strcmp(kind, "counter") || !strcmp(kind, "quota") ||
		   !strcmp(kind, "limit")) {
		if (!strcmp(kind, "counter")) {
			fputs("counter", f);
			if (a->type == J_OBJECT)
				fprintf(f, " packets %s bytes %s", jget_str(a, "packets") ?: "0",
					jget_str(a, "bytes") ?: "0");
		} else if (!strcmp(kind, "quota")) {
			fputs("quota ", f);
			if (jget(a, "inv") && jget(a, "inv")->boolean)
				fputs("over ", f);
			emit_bytes(em, jget_str(a, "val"), jget_str(a, "val_unit"));
			if (jget(a, "used")) {
				fputs(" used ", f);
				emit_bytes(em, jget_str(a, "used"), jget_str(a, "used_unit"));
			}
		} else {
			fputs("limit ", f);
			emit_limit_rate(em, a);
		}
	} else if (!strcmp(kind, "synproxy") && a->type != J_STRING) {
		fputs("synproxy", f);
		if ((s = jget_str(a, "mss")))
			fprintf(f, " mss %s", s);
		if ((s = jget_str(a, "wscale")))
			fprintf(f, " wscale %s", s);
		if (jget(a, "flags")) {
			fputc(' ', f);
			emit_flags(em, jget(a, "flags"), " ");
		}
	} else if (!strcmp(kind, "mangle")) {
		emit_expr(em, jget(a, "key"));
		fputs(" set ", f);
		emit_expr(em, jget(a, "value"));
	} else if (!strcmp(kind, "notrack")) {
		fputs("notrack", f);
	} else if (!strcmp(kind, "log")) {
		static const char *const numbers[] = { "group", "snaplen", "queue-threshold" };
		size_t i;

		fputs("log", f);
		if ((s = jget_str(a, "prefix"))) {
			fputs(" prefix ", f);
			emit_quoted(em, s);
		}
		for (i = 0; i < ARRAY_SIZE(numbers); i++)
			if ((s = jget_str(a, numbers[i])))
				fprintf(f, " %s %s", numbers[i], s);
		if ((s = jget_str(a, "level")))
			fprintf(f, " level %s", s);
		if (jget(a, "flags"))
			emit_log_flags(em, jget(a, "flags"));
	} else if (!strcmp(kind, "reject")) {
		fputs("reject", f);
		if ((s = jget_str(a, "type"))) {
			fprintf(f, " with %s", s);
			if (jget(a, "expr")) {
				fputc(' ', f);
				emit_expr(em, jget(a, "expr"));
			}
		}
	} else if (!strcmp(kind, "snat") || !strcmp(kind, "dnat") ||
		   !strcmp(kind, "masquerade") || !strcmp(kind, "redirect")) {
		emit_nat(em, kind, a);
	} else if (!strcmp(kind, "tproxy")) {
		emit_tproxy(em, a);
	} else if (!strcmp(kind, "queue")) {
		emit_queue(em, a);
	} else if (!strcmp(kind, "vmap")) {
		emit_expr(em, jget(a, "key"));
		fputs(" vmap ", f);
		em->in_map = true;
		emit_expr(em, jget(a, "data"));
		em->in_map = false;
	} else if (!strcmp(kind, "set")) {
		fprintf(f, "%s ", jget_str(a, "op") ?: "add");
		emit_expr(em, jget(a, "set"));
		fputs(" { ", f);
		emit_expr(em, jget(a, "elem"));
		if (jget(a, "stmt")) {
			fputc(' ', f);
			emit_stmts(em, jget(a, "stmt")->child);
		}
		fputs(" }", f);
	} else if (!strcmp(kind, "meter")) {
		/* its one statement is no list */
		fputs("meter ", f);
		emit_string(em, jget_str(a, "name") ?: "");
		if ((s = jget_str(a, "size")))
			fprintf(f, " size %s", s);
		fputs(" { ", f);
		emit_expr(em, jget(a, "key"));
		if (jget(a, "stmt")) {
			fputc(' ', f);
			emit_stmt(em, jget(a, "stmt"));
		}
		fputs(" }", f);
	} else if (!strcmp(kind, "flow")) {
		const char *op = jget_str(a, "op") ?: "", *ref = jget_str(a, "flowtable") ?: "";

		if (a->type != J_OBJECT) {
			json_error_at_col(em->name, em->text, 1, "Expected object, got %s",
					  jtype_name(a));
			em->stmt_refused = true;
		} else if (!member_ok(em->name, em->text, a, "op", 0, J_STRING) ||
			   !member_ok(em->name, em->text, a, "flowtable", 1, J_STRING)) {
			em->stmt_refused = true;
		} else if (strcmp(op, "add")) {
			json_error_internal("Unknown flow offload statement op '%s'.", op);
			em->stmt_refused = true;
		} else if (ref[0] != '@') {
			json_error_internal("Illegal flowtable reference in flow offload "
					    "statement.");
			em->stmt_refused = true;
		} else {
			fputs("flow add @", f);
			emit_quoted(em, ref + 1);
		}
	} else if (!strcmp(kind, "ct count")) {
		fprintf(f, "ct count %s%s", jget(a, "inv") && jget(a, "inv")->boolean ? "over " : "",
			jget_str(a, "val") ?: "0");
	} else if (!strcmp(kind, "dup") || !strcmp(kind, "fwd")) {
		const struct jnode *addr = jget(a, "addr"), *dev = jget(a, "dev");

		fprintf(f, "%s to ", kind);
		/* a device alone is its name, quoted as the language wants it */
		if (addr && !dev && addr->type == J_STRING && !strchr(addr->str, '.') &&
		    !strchr(addr->str, ':'))
			emit_quoted(em, addr->str);
		else if (addr)
			emit_expr(em, addr);
		if (addr && dev)
			fputs(" device ", f);
		if (dev && dev->type == J_STRING)
			emit_quoted(em, dev->str);
	} else {
		emit_verdict_or_expr(em, kind, a);
	}
}

/* ---- Commands ----------------------------------------------------------------- */

/*
 * The command words of the schema.  After each, an object of a kind the
 * reference does not know is reported as passed to @named (it reads add,
 * create, delete and destroy alike, as add); insert and replace (@named
 * NULL) take a rule alone, and lack it otherwise.
 */
static const struct { const char *word, *named; } command_words[] = {
	{ "add", "add" }, { "create", "add" }, { "insert", NULL }, { "replace", NULL },
	{ "delete", "add" }, { "destroy", "add" }, { "flush", "flush" }, { "list", "list" },
	{ "reset", "reset" },
};

/* "family table" of an object. */
static void emit_table_ref(struct emitter *em, const struct jnode *o, const char *table_key)
{
	fprintf(em->f, "%s %s", jget_str(o, "family") ?: "ip", jget_str(o, table_key) ?: "");
}

static void emit_key_type(struct emitter *em, const struct jnode *t)
{
	if (t && t->type == J_ARRAY)
		emit_list(em, t->child, " . ");
	else if (t)
		emit_expr(em, t);
}

static void emit_set_body(struct emitter *em, const struct jnode *o, bool map)
{
	FILE *f = em->f;
	const char *s;

	fputs(" { type ", f);
	emit_key_type(em, jget(o, "type"));
	if (map) {
		fputs(" : ", f);
		emit_key_type(em, jget(o, "map"));
	}
	fputs("; ", f);
	if ((s = jget_str(o, "policy")))
		fprintf(f, "policy %s; ", s);
	if ((s = jget_str(o, "size")))
		fprintf(f, "size %s; ", s);
	if (jget(o, "flags")) {
		fputs("flags ", f);
		emit_flags(em, jget(o, "flags"), ",");
		fputs("; ", f);
	}
	if ((s = jget_str(o, "timeout")))
		fprintf(f, "timeout %ss; ", s);
	if ((s = jget_str(o, "gc-interval")))
		fprintf(f, "gc-interval %ss; ", s);
	if (jget(o, "stmt"))
		fputs("counter; ", f);
	emit_comment_decl(em, o);
	if (jget(o, "elem") && jget(o, "elem")->child) {
		fputs("elements = { ", f);
		em->in_map = map;
		em->obj_names = map && jget_str(o, "map") && obj_kind_named(jget_str(o, "map"), false);
		emit_list(em, jget(o, "elem")->child, ", ");
		em->in_map = false;
		em->obj_names = false;
		fputs(" }; ", f);
	}
	fputc('}', f);
}

/* "1d2h3m4s5ms" of a number of milliseconds: a time as an object's
 * block writes it, each part within the digits the language allows. */
static void emit_time_ms(struct emitter *em, const char *ms_text)
{
	static const struct { const char *unit; uint64_t ms; } units[] = {
		{ "d", 86400000 }, { "h", 3600000 }, { "m", 60000 }, { "s", 1000 }, { "ms", 1 },
	};
	uint64_t ms = strtoull(ms_text, NULL, 10);
	size_t i;

	if (!ms) {
		fputs("0ms", em->f);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(units); i++) {
		if (ms / units[i].ms)
			fprintf(em->f, "%" PRIu64 "%s", ms / units[i].ms, units[i].unit);
		ms %= units[i].ms;
	}
}

/* "PROTO; l3proto FAMILY; " of a conntrack object: the protocol as the
 * language names it, the l3proto when given. */
static void emit_ct_protocols(struct emitter *em, const struct jnode *o)
{
	const char *s;

	fprintf(em->f, "protocol %s; ", jget_str(o, "protocol") ?: "");
	if ((s = jget_str(o, "l3proto")))
		fprintf(em->f, "l3proto %s; ", s);
}

static void emit_obj_body(struct emitter *em, const char *kind, const struct jnode *o)
{
	const struct jnode *n;
	FILE *f = em->f;
	const char *s;

	fputs(" { ", f);
	emit_comment_decl(em, o);
	if (!strcmp(kind, "counter")) {
		fprintf(f, "packets %s bytes %s; ", jget_str(o, "packets") ?: "0",
			jget_str(o, "bytes") ?: "0");
	} else if (!strcmp(kind, "quota")) {
		if (jget(o, "inv") && jget(o, "inv")->boolean)
			fputs("over ", f);
		fprintf(f, "%s bytes", jget_str(o, "bytes") ?: "0");
		if ((s = jget_str(o, "used")) && strcmp(s, "0"))
			fprintf(f, " used %s bytes", s);
		fputs("; ", f);
	} else if (!strcmp(kind, "limit")) {
		emit_limit_rate(em, o);
		fputs("; ", f);
	} else if (!strcmp(kind, "ct helper")) {
		fputs("type ", f);
		emit_quoted(em, jget_str(o, "type") ?: "");
		fprintf(f, " protocol %s; ", jget_str(o, "protocol") ?: "");
		if ((s = jget_str(o, "l3proto")))
			fprintf(f, "l3proto %s; ", s);
	} else if (!strcmp(kind, "ct timeout")) {
		emit_ct_protocols(em, o);
		n = jget(o, "policy");
		if (n && n->type == J_OBJECT && n->child) {
			fputs("policy = { ", f);
			for (n = n->child; n; n = n->next)
				fprintf(f, "%s: %s%s", n->key, n->str ?: "", n->next ? ", " : "");
			fputs(" }; ", f);
		}
	} else if (!strcmp(kind, "ct expectation")) {
		emit_ct_protocols(em, o);
		fprintf(f, "dport %s; timeout ", jget_str(o, "dport") ?: "0");
		emit_time_ms(em, jget_str(o, "timeout") ?: "0");
		fprintf(f, "; size %s; ", jget_str(o, "size") ?: "0");
	} else if (!strcmp(kind, "synproxy")) {
		if (jget(o, "mss") || jget(o, "wscale")) {
			fprintf(f, "mss %s wscale %s", jget_str(o, "mss") ?: "0",
				jget_str(o, "wscale") ?: "0");
			if (jget(o, "flags")) {
				fputc(' ', f);
				emit_flags(em, jget(o, "flags"), " ");
			}
			fputs("; ", f);
		}
	} else {
		emit_quoted(em, jget_str(o, "context") ?: "");
		fputs("; ", f);
	}
	fputc('}', f);
}

/* " { hook HOOK priority PRIO; devices = { ... }; }" of a flowtable: the
 * reference's JSON has no flags nor counter. */
static void emit_flowtable_body(struct emitter *em, const struct jnode *o)
{
	const struct jnode *dev = jget(o, "dev"), *d;
	FILE *f = em->f;

	fprintf(f, " { hook %s priority %s; ", jget_str(o, "hook") ?: "",
		jget_str(o, "prio") ?: "0");
	if (dev && (dev->type == J_STRING || (dev->type == J_ARRAY && dev->child))) {
		fputs("devices = { ", f);
		for (d = dev->type == J_STRING ? dev : dev->child; d; d = d->next) {
			emit_quoted(em, d->str);
			if (dev->type == J_STRING)
				break;
			if (d->next)
				fputs(", ", f);
		}
		fputs(" }; ", f);
	}
	fputc('}', f);
}

/* One command: @verb ("add", ...) on the object @obj ({"table": {...}});
 * @listed: an object alone, as a listing has it, whose handle is its own.
 * False for an object of a kind that no command takes. */
static bool emit_command(struct emitter *em, const char *verb, const struct jnode *obj,
			 bool listed)
{
	const char *kind = obj->key, *s;
	const struct jnode *o = obj;
	bool adding = !strcmp(verb, "add") || !strcmp(verb, "create") ||
		      !strcmp(verb, "insert") || !strcmp(verb, "replace");
	FILE *f = em->f;

	if (!strcmp(kind, "metainfo"))
		return true;
	fprintf(f, "%s ", verb);
	if (!strcmp(kind, "ruleset")) {
		fputs("ruleset", f);
	} else if (!strcmp(kind, "table")) {
		fputs("table ", f);
		emit_table_ref(em, o, "name");
		if (adding && (jget(o, "flags") || jget(o, "comment"))) {
			fputs(" { ", f);
			if (jget(o, "flags")) {
				fputs("flags ", f);
				emit_flags(em, jget(o, "flags"), ",");
				fputs("; ", f);
			}
			emit_comment_decl(em, o);
			fputc('}', f);
		}
	} else if (!strcmp(kind, "chain")) {
		fputs("chain ", f);
		emit_table_ref(em, o, "table");
		fprintf(f, " %s", jget_str(o, "name") ?: "");
		if (adding && jget(o, "type")) {
			fprintf(f, " { type %s hook %s", jget_str(o, "type"),
				jget_str(o, "hook") ?: "");
			if ((s = jget_str(o, "dev")))
				fprintf(f, " device \"%s\"", s);
			fprintf(f, " priority %s;", jget_str(o, "prio") ?: "0");
			if ((s = jget_str(o, "policy")))
				fprintf(f, " policy %s;", s);
			fputs(" }", f);
		}
	} else if (!strcmp(kind, "rule")) {
		fputs("rule ", f);
		emit_table_ref(em, o, "table");
		fprintf(f, " %s", jget_str(o, "chain") ?: "");
		/* which rule goes, or where the new one goes: after (add) or
		 * before (insert) the rule of that handle */
		if ((s = jget_str(o, "handle")) && (!adding || !strcmp(verb, "replace")))
			fprintf(f, " handle %s", s);
		else if ((s = jget_str(o, "handle")) && !listed)
			fprintf(f, " position %s", s);
		else if ((s = jget_str(o, "position")))
			fprintf(f, " position %s", s);
		else if ((s = jget_str(o, "index")))
			fprintf(f, " index %s", s);
		if (adding && jget(o, "expr")) {
			fputc(' ', f);
			emit_stmts(em, jget(o, "expr")->child);
			if ((s = jget_str(o, "comment"))) {
				fputs(" comment ", f);
				emit_quoted(em, s);
			}
		}
	} else if (!strcmp(kind, "set") || !strcmp(kind, "map")) {
		fprintf(f, "%s ", kind);
		emit_table_ref(em, o, "table");
		fprintf(f, " %s", jget_str(o, "name") ?: "");
		if (adding)
			emit_set_body(em, o, !strcmp(kind, "map"));
	} else if (!strcmp(kind, "element")) {
		fputs("element ", f);
		emit_table_ref(em, o, "table");
		fprintf(f, " %s { ", jget_str(o, "name") ?: "");
		/* as the reference reads them, a pair is a map's element
		 * whatever the set */
		em->in_map = true;
		if (jget(o, "elem") && jget(o, "elem")->type == J_ARRAY)
			emit_list(em, jget(o, "elem")->child, ", ");
		else
			emit_expr(em, jget(o, "elem"));
		em->in_map = false;
		fputs(" }", f);
	} else if (!strcmp(kind, "flowtable") && strcmp(verb, "list")) {
		fputs("flowtable ", f);
		emit_table_ref(em, o, "table");
		if (!jget(o, "name") && (s = jget_str(o, "handle")))
			fprintf(f, " handle %s", s);
		else
			fprintf(f, " %s", jget_str(o, "name") ?: "");
		if (adding)
			emit_flowtable_body(em, o);
	} else if (obj_kind_named(kind, false)) {
		fprintf(f, "%s ", kind);
		emit_table_ref(em, o, "table");
		fprintf(f, " %s", jget_str(o, "name") ?: "");
		if (adding)
			emit_obj_body(em, kind, o);
	} else if (!strcmp(kind, "tables") || !strcmp(kind, "chains") || !strcmp(kind, "sets") ||
		   !strcmp(kind, "maps") || !strcmp(kind, "flowtables") ||
		   (obj_kind_named(kind, true) && strcmp(kind, "ct helpers"))) {
		fputs(kind, f);
		if ((s = jget_str(o, "family")))
			fprintf(f, " %s", s);
	} else {
		return false;
	}
	fputc('\n', f);
	return true;
}

/* An error of the reference's JSON library about what a value holds: it
 * places it on the first line, whatever the input, at column 1 for the
 * whole input and, for an object's members, at column 4 for the first of
 * the group it checks together and 5 more for each next (MEMBER_COL). */
#define MEMBER_COL(nth) (4 + 5 * (nth))

static void __attribute__((format(printf, 4, 5)))
json_error_at_col(const char *name, const char *text, unsigned int col, const char *fmt, ...)
{
	struct input in = { .name = (char *)name, .buf = (char *)text, .len = strlen(text) };
	struct location loc = { .in = &in, .line_start = text, .line = 1,
				.first_col = col, .last_col = col };
	char *msg;
	va_list ap;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	error_at(&loc, "%s", msg ? msg : fmt);
	free(msg);
}

static void json_error_missing(const char *name, const char *text, const char *key)
{
	json_error_at_col(name, text, MEMBER_COL(0), "Object item not found: %s", key);
}

/* A value's type in the words of the reference's JSON library. */
static const char *jtype_name(const struct jnode *n)
{
	switch (n->type) {
	case J_NULL:
		return "null";
	case J_BOOL:
		return n->boolean ? "true" : "false";
	case J_NUMBER:
		return strpbrk(n->str, ".eE") ? "real" : "integer";
	case J_STRING:
		return "string";
	case J_ARRAY:
		return "array";
	default:
		return "object";
	}
}

/*
 * The members of each kind of object that the reference requires before
 * it reads the rest, in the groups it checks together (see
 * json_error_at_col), then the one it checks alone: the name, which a
 * deletion may replace by a handle (@deleted: the words of the error
 * when neither is there).
 */
static const struct required {
	const char *kinds[8];
	const char *group[4];
	const char *alone;
	const char *deleted;
} required_members[] = {
	{ { "table" }, { "family" }, "name", "a table" },
	{ { "chain" }, { "family", "table" }, "name", "a chain" },
	{ { "rule" }, { "family", "table", "chain" }, NULL, NULL },
	{ { "set", "map" }, { "family", "table" }, "name", "a set" },
	{ { "element" }, { "family", "table", "name", "elem" }, NULL, NULL },
	{ { "counter", "quota", "limit", "ct helper", "ct timeout", "ct expectation",
	    "synproxy", "secmark" },
	  { "family", "table" }, "name", "an object" },
	{ { "flowtable" }, { "family", "table" }, "name", "a flowtable" },
};

static const struct required *required_of(const char *kind)
{
	size_t i, k;

	for (i = 0; i < ARRAY_SIZE(required_members); i++)
		for (k = 0; k < ARRAY_SIZE(required_members[i].kinds) &&
			    required_members[i].kinds[k]; k++)
			if (!strcmp(kind, required_members[i].kinds[k]))
				return &required_members[i];
	return NULL;
}

/* Member @key of @o, the @nth of its group, there and of the @type the
 * reference wants; the error reported when not. */
static bool member_ok(const char *name, const char *text, const struct jnode *o,
		      const char *key, unsigned int nth, enum jtype type)
{
	const struct jnode *m = jget(o, key);

	if (!m) {
		json_error_at_col(name, text, MEMBER_COL(nth), "Object item not found: %s", key);
		return false;
	}
	if (m->type != type || (type == J_NUMBER && strpbrk(m->str, ".eE-"))) {
		json_error_at_col(name, text, MEMBER_COL(nth), "Expected %s, got %s",
				  type == J_STRING ? "string" : "integer", jtype_name(m));
		return false;
	}
	return true;
}

/* A set's "type": a datatype's name, or an array of them (concatenated). */
static bool set_type_ok(const struct jnode *type)
{
	const struct jnode *t;
	unsigned int i = 0;

	if (type && type->type == J_STRING) {
		if (datatype_by_name(type->str))
			return true;
		json_error_internal("Invalid datatype '%s'.", type->str);
	} else if (type && type->type == J_ARRAY) {
		for (t = type->child; t; t = t->next, i++) {
			if (t->type != J_STRING || !datatype_by_name(t->str)) {
				if (t->type == J_STRING)
					json_error_internal("Invalid datatype '%s'.", t->str);
				json_error_internal("Invalid datatype at index %u.", i);
				break;
			}
		}
		if (!t)
			return true;
	} else if (type) {
		json_error_internal("Invalid set datatype.");
	}
	json_error_internal("Invalid set type.");
	return false;
}

/* A map's "map": what its data are, a datatype's name or a kind of
 * object a map may name (not the conntrack ones).  The reference's JSON
 * input refuses synproxy, which its listing writes: ours reads it, as it
 * reads synproxy objects, so that the listing loads back. */
static bool map_type_ok(const struct jnode *map)
{
	const struct obj_kind *k;

	if (!map || map->type != J_STRING || !strcmp(map->str, "verdict") ||
	    datatype_by_name(map->str))
		return true;
	k = obj_kind_named(map->str, false);
	if (k && k->map_data)
		return true;
	json_error_internal("Invalid map type '%s'.", map->str);
	return false;
}

/* A new flowtable's hook, of those @hooks, its priority, a number, and
 * its devices, a name or an array of names; the error reported when not. */
static bool flowtable_ok(const char *name, const char *text, const struct jnode *ft,
			 const char *const *hooks, size_t nhooks)
{
	const struct jnode *prio = jget(ft, "prio"), *dev = jget(ft, "dev"), *d;
	const char *hook;
	unsigned int i;

	if (!member_ok(name, text, ft, "hook", 0, J_STRING))
		return false;
	if (!prio) {
		json_error_at_col(name, text, MEMBER_COL(1), "Object item not found: prio");
		return false;
	}
	if (prio->type != J_NUMBER || strpbrk(prio->str, ".eE")) {
		json_error_at_col(name, text, MEMBER_COL(1), "Expected integer, got %s",
				  jtype_name(prio));
		return false;
	}
	hook = jget_str(ft, "hook");
	for (i = 0; i < nhooks && strcmp(hooks[i], hook); i++)
		;
	if (i == nhooks) {
		json_error_internal("Invalid flowtable hook '%s'.", hook);
		return false;
	}
	if (!dev || dev->type == J_STRING)
		return true;
	if (dev->type == J_ARRAY) {
		for (d = dev->child, i = 0; d && d->type == J_STRING; d = d->next, i++)
			;
		if (!d)
			return true;
		json_error_internal("Invalid flowtable dev at index %u.", i);
	}
	json_error_internal("Invalid flowtable dev.");
	return false;
}

/* Whether @verb on the object @obj has what the reference requires, with
 * values it knows; the error reported when not. */
static bool object_ok(const char *name, const char *text, const char *verb,
		      const struct jnode *obj)
{
	static const char *const hooks[] = { "prerouting", "input", "forward", "output",
					     "postrouting", "ingress", "egress" };
	const struct required *req = required_of(obj->key);
	bool deleting = !strcmp(verb, "delete") || !strcmp(verb, "destroy");
	bool adding = !deleting && strcmp(verb, "flush") && strcmp(verb, "list") &&
		      strcmp(verb, "reset");
	const char *family, *s;
	unsigned int i, nf;

	if (!req)
		return true;
	for (i = 0; i < ARRAY_SIZE(req->group) && req->group[i]; i++)
		if (!member_ok(name, text, obj, req->group[i], i,
			       strcmp(req->group[i], "elem") ? J_STRING : J_ARRAY))
			return false;
	if (req->alone && deleting && !jget(obj, req->alone) && !jget(obj, "handle")) {
		json_error_internal("Either %s or handle required to delete %s.", req->alone,
				    req->deleted);
		return false;
	}
	if (req->alone && (!deleting || !jget(obj, "handle")) &&
	    !member_ok(name, text, obj, req->alone, 0, J_STRING))
		return false;
	if (!strcmp(obj->key, "rule")) {
		if (deleting && !member_ok(name, text, obj, "handle", 0, J_NUMBER))
			return false;
		if (adding && !jget(obj, "expr")) {
			json_error_missing(name, text, "expr");
			return false;
		}
		if (adding && jget(obj, "expr")->type != J_ARRAY) {
			json_error_internal("Value of property \"expr\" must be an array.");
			return false;
		}
	}
	family = jget_str(obj, "family");
	if (family_parse(family, &nf) < 0) {
		json_error_internal("Unknown family '%s'.", family);
		return false;
	}
	if (adding && !strcmp(obj->key, "chain") && (s = jget_str(obj, "hook"))) {
		for (i = 0; i < ARRAY_SIZE(hooks) && strcmp(hooks[i], s); i++)
			;
		if (i == ARRAY_SIZE(hooks)) {
			json_error_internal("Invalid chain hook '%s'.", s);
			return false;
		}
	}
	if (adding && (!strcmp(obj->key, "set") || !strcmp(obj->key, "map")))
		return set_type_ok(jget(obj, "type")) && map_type_ok(jget(obj, "map"));
	if (adding && !strcmp(obj->key, "flowtable"))
		return flowtable_ok(name, text, obj, hooks, ARRAY_SIZE(hooks));
	return true;
}

/* Command @item of the "nftables" array: written out, or its error
 * reported; whether it was written. */
static bool emit_item(struct emitter *em, const char *name, const char *text,
		      const struct jnode *item)
{
	const struct jnode *what = item->child, *obj;
	size_t i;

	for (i = 0; what && i < ARRAY_SIZE(command_words); i++)
		if (!strcmp(what->key, command_words[i].word))
			break;
	/* a bare object, as listed, is added */
	if (!what || i == ARRAY_SIZE(command_words)) {
		if (what && !object_ok(name, text, "add", what))
			return false;
		if (what && emit_command(em, "add", what, true))
			return !em->reported;
		json_error_internal("Unknown object passed to add command.");
		return false;
	}
	if (what->type != J_OBJECT) {
		json_error_internal("Value of %s command must be object (got %s instead).",
				    what->key, jtype_name(what));
		return false;
	}
	obj = what->child;
	if (!command_words[i].named) {
		if (!obj || strcmp(obj->key, "rule")) {
			json_error_missing(name, text, "rule");
			return false;
		}
	}
	if (obj && !object_ok(name, text, command_words[i].word, obj))
		return false;
	if (obj && emit_command(em, command_words[i].word, obj, false))
		return !em->reported;
	json_error_internal("Unknown object passed to %s command.", command_words[i].named);
	return false;
}

bool json_input_looks_like_json(const char *text)
{
	while (isspace((unsigned char)*text))
		text++;
	return *text == '{' || *text == '[';
}

char *json_input_to_commands(const char *name, const char *text, bool *written_out)
{
	struct jparser jp = { .p = text };
	struct emitter em = { .name = name, .text = text };
	const struct jnode *list, *item;
	struct jnode *root;
	unsigned int index = 0;
	bool failed = false;
	char *out = NULL;
	size_t len = 0;

	root = parse_jvalue(&jp);
	if (root) {
		skip_space(&jp);
		if (*jp.p)
			jp.error = "end of input expected";
	}
	/* what is not JSON the reference reads as commands, and so do we */
	*written_out = root && !jp.error;
	if (!*written_out) {
		jfree(root);
		return xstrdup(text);
	}
	if (root->type != J_OBJECT) {
		json_error_at_col(name, text, 1, "Expected object, got %s", jtype_name(root));
		jfree(root);
		return NULL;
	}
	list = jget(root, "nftables");
	if (!list) {
		json_error_missing(name, text, "nftables");
		jfree(root);
		return NULL;
	}
	if (list->type != J_ARRAY) {
		json_error_internal("Value of property \"nftables\" must be an array.");
		jfree(root);
		return NULL;
	}
	em.f = open_memstream(&out, &len);
	for (item = list->child; item && !failed; item = item->next, index++) {
		if (item->type != J_OBJECT) {
			json_error_internal("Unexpected command array element of type %s, expected object.",
					    jtype_name(item));
			failed = true;
		} else if (!emit_item(&em, name, text, item)) {
			json_error_internal("Parsing command array at index %u failed.", index);
			failed = true;
		}
	}
	fclose(em.f);
	jfree(root);
	if (em.error && !failed) {
		fprintf(stderr, "%s: Error: Unknown JSON object: %s\n", name ? name : "input",
			em.error);
		failed = true;
	}
	free(em.error);
	if (failed) {
		free(out);
		return NULL;
	}
	return out;
}
