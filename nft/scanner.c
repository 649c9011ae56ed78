// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The scanner: nft's text into tokens with their places.  Words are
 * identifiers, keywords and addresses alike (1.2.3.4, fe80::1,
 * 00:11:22:33:44:55); the parser gives them meaning.  Which words are
 * keywords matters only for error messages, which name a keyword by
 * itself and any other word "string", as the reference's do.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nlkit/util.h>

#include "ast.h"

struct scanner {
	const struct input *in;
	const char *pos;
	const char *line_start;
	unsigned int line;
};

static struct input *all_inputs;

static struct input *input_add(const char *name, char *buf, size_t len)
{
	struct input *in = xcalloc(1, sizeof(*in));

	in->name = name ? xstrdup(name) : NULL;
	in->buf = buf;
	in->len = len;
	in->next = all_inputs;
	all_inputs = in;
	return in;
}

struct input *input_from_string(const char *name, const char *text)
{
	return input_add(name, xstrdup(text), strlen(text));
}

struct input *input_from_file(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "re") : stdin;
	size_t len = 0, cap = 4096, n;
	char *buf;

	if (!f)
		return NULL;
	buf = xmalloc(cap);
	while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len - 1 == 0)
			buf = xrealloc(buf, cap *= 2);
	}
	buf[len] = '\0';
	if (f != stdin)
		fclose(f);
	return input_add(strcmp(path, "-") ? path : "/dev/stdin", buf, len);
}

void inputs_free(void)
{
	while (all_inputs) {
		struct input *next = all_inputs->next;

		free(all_inputs->name);
		free(all_inputs->buf);
		free(all_inputs);
		all_inputs = next;
	}
}

struct scanner *scanner_new(struct input *in)
{
	struct scanner *s = xcalloc(1, sizeof(*s));

	s->in = in;
	s->pos = in->buf;
	s->line_start = in->buf;
	s->line = 1;
	return s;
}

struct scanner *scanner_new_at(const struct location *loc)
{
	struct scanner *s = xcalloc(1, sizeof(*s));

	s->in = loc->in;
	s->line_start = loc->line_start;
	s->pos = loc->line_start + loc->first_col - 1;
	s->line = loc->line;
	return s;
}

void scanner_free(struct scanner *s)
{
	free(s);
}

/*
 * The words the reference's grammar reserves everywhere, sorted for bsearch.
 * Words that are keywords only after the selector that takes them (saddr
 * after ip, packets after counter, ...) are names elsewhere: the reference's
 * scanner only knows them in that scope, so `table ip saddr` is a table.
 */
static const char *const keywords[] = {
	"accept", "add", "ah", "all", "arp", "auto-merge", "bridge", "cgroup", "chain",
	"comment", "comp", "constant", "continue", "counter", "cpu", "create", "ct", "day",
	"dccp", "define", "delete", "device", "devices", "dnat", "drop", "dup", "ecn", "element",
	"elements", "esp", "ether", "exists", "expires", "export", "fib", "flags", "flow",
	"flowtable", "flush", "frag", "fwd", "gc-interval", "get", "goto", "handle", "hbh",
	"hook", "hour", "icmp", "icmpv6", "igmp", "iif", "iifgroup", "iifname", "iiftype", "import",
	"include", "index", "inet", "insert", "ip", "ip6", "ipsec", "jhash", "jump", "limit",
	"list", "log", "map", "mark", "masquerade", "meta", "meter", "mh", "missing", "monitor",
	"netdev", "nftrace", "notrack", "numgen", "offload", "oif", "oifgroup", "oifname",
	"oiftype", "osf", "pkttype", "policy", "position", "priority", "queue", "quota", "random",
	"redirect", "reject", "rename", "replace", "reset", "return", "rt", "rule", "ruleset",
	"sctp", "secmark", "set", "size", "skgid", "skuid", "snat", "socket", "symhash", "synproxy",
	"table", "tcp", "th", "timeout", "tproxy", "type", "udp", "udplite", "update", "vlan",
	"vmap",
};

static int keyword_cmp(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

bool is_keyword(const char *word)
{
	/* every keyword begins with a letter: addresses need no search */
	return islower((unsigned char)*word) &&
	       bsearch(word, keywords, ARRAY_SIZE(keywords), sizeof(keywords[0]),
		       keyword_cmp) != NULL;
}

bool scans_as_one_word(const char *text)
{
	struct input in = { .buf = (char *)text, .len = strlen(text) };
	struct scanner s = { .in = &in, .pos = text, .line_start = text, .line = 1 };
	struct token tok;
	bool one;

	scanner_next(&s, &tok);
	one = (tok.kind == TOK_WORD || tok.kind == TOK_NUMBER) && tok.loc.first_col == 1 &&
	      tok.loc.last_col == in.len;
	free(tok.text);
	return one;
}

const char *token_describe(const struct token *tok)
{
	static char buf[64];

	switch (tok->kind) {
	case TOK_EOF:
		return "end of file";
	case TOK_JUNK:
		return "junk";
	case TOK_NEWLINE:
		return "newline";
	case TOK_SEMICOLON:
		return "semicolon";
	case TOK_NUMBER:
		return "number";
	case TOK_QUOTED:
		return "quoted string";
	case TOK_VARIABLE:
		return "'$'";
	case TOK_WORD:
		/* the one word the reference's grammar names otherwise */
		if (tok->keyword && !strcmp(tok->text, "sack-perm"))
			return "sack-permitted";
		if (tok->keyword) {
			snprintf(buf, sizeof(buf), "%s", tok->text);
			return buf;
		}
		return "string";
	case TOK_EQ:
		return "==";
	case TOK_NEQ:
		return "!=";
	case TOK_LTE:
		return "<=";
	case TOK_GTE:
		return ">=";
	case TOK_LSHIFT:
		return "<<";
	case TOK_RSHIFT:
		return ">>";
	case TOK_PUNCT:
		break;
	}
	/* The reference's grammar names some punctuation by a word, some
	 * bare, the rest quoted. */
	if (tok->punct == ':')
		return "colon";
	if (tok->punct == ',')
		return "comma";
	if (strchr("@*/+-.&^!<>", tok->punct))
		snprintf(buf, sizeof(buf), "%c", tok->punct);
	else
		snprintf(buf, sizeof(buf), "'%c'", tok->punct);
	return buf;
}

/* The words the reference reads as operators everywhere: `ct mark and
 * 0xff` is `ct mark & 0xff`.  Whether @tok's word is one, made that
 * operator's token. */
static bool operator_word(struct token *tok)
{
	static const struct {
		const char *word;
		enum token_kind kind;
		char punct;
	} ops[] = {
		{ "and", TOK_PUNCT, '&' }, { "or", TOK_PUNCT, '|' }, { "xor", TOK_PUNCT, '^' },
		{ "not", TOK_PUNCT, '!' }, { "lshift", TOK_LSHIFT, 0 },
		{ "rshift", TOK_RSHIFT, 0 },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		if (!strcmp(tok->text, ops[i].word)) {
			free(tok->text);
			tok->text = NULL;
			tok->kind = ops[i].kind;
			tok->punct = ops[i].punct;
			return true;
		}
	}
	return false;
}

static bool is_ipv6_address(const char *start, size_t len)
{
	char tmp[INET6_ADDRSTRLEN];
	struct in6_addr a6;

	if (len >= sizeof(tmp))
		return false;
	memcpy(tmp, start, len);
	tmp[len] = '\0';
	return inet_pton(AF_INET6, tmp, &a6) == 1;
}

static bool is_hex_colon_word(const char *start, size_t len)
{
	char tmp[64];
	size_t i, digits = 0, longest = 0, groups = 0;

	if (len >= sizeof(tmp) || !memchr(start, ':', len))
		return false;
	if (is_ipv6_address(start, len))
		return true;
	memcpy(tmp, start, len);
	tmp[len] = '\0';
	/* An Ethernet address: six groups of one or two hex digits; or
	 * two groups of any length (a classid, 1:10). */
	for (i = 0; i < len; i++) {
		if (tmp[i] == ':') {
			if (digits == 0)
				return false;
			longest = digits > longest ? digits : longest;
			digits = 0;
			groups++;
		} else if (isxdigit((unsigned char)tmp[i])) {
			digits++;
		} else {
			return false;
		}
	}
	if (digits == 0)
		return false;
	longest = digits > longest ? digits : longest;
	groups++;
	return groups == 2 || (groups == 6 && longest <= 2);
}

static size_t span(const char *p, const char *set, bool alnum)
{
	size_t n = 0;

	while (p[n] && ((alnum && isalnum((unsigned char)p[n])) || strchr(set, p[n])))
		n++;
	return n;
}

/* The hex digits, colons and dots @p begins with. */
static size_t hex_colon_span(const char *p)
{
	size_t n = 0;

	while (isxdigit((unsigned char)p[n]) || p[n] == ':' || p[n] == '.')
		n++;
	return n;
}

/* The length of the time the @n bytes at @p begin with (1h30m, 10s,
 * 500ms: numbers with units in this order), 0 for none. */
static size_t time_word_len(const char *p, size_t n)
{
	static const char units[] = "dhms";
	size_t i = 0, digits, good = 0;
	const char *unit;
	int next = 0;

	for (;;) {
		for (digits = i; digits < n && isdigit((unsigned char)p[digits]); digits++)
			;
		if (digits == i || digits == n)
			return good;
		/* milliseconds come last */
		if (p[digits] == 'm' && digits + 1 < n && p[digits + 1] == 's')
			return digits + 2;
		unit = strchr(units + next, tolower((unsigned char)p[digits]));
		if (!unit)
			return good;
		next = unit - units + 1;
		i = good = digits + 1;
	}
}

/*
 * How much of a word of @n bytes beginning with a digit is one token, as
 * the reference's scanner cuts it: a time (10s), a number, decimal or
 * hexadecimal, or the names 8021q and 8021ad; what follows is another
 * token ("5packets" is 5 and packets, "1x" 1 and x).
 */
static size_t digit_word_len(const char *p, size_t n)
{
	size_t len = 0, time = time_word_len(p, n);

	if ((n == 5 && !strncmp(p, "8021q", n)) || (n == 6 && !strncmp(p, "8021ad", n)))
		return n;
	if (n > 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2]))
		for (len = 2; len < n && isxdigit((unsigned char)p[len]); len++)
			;
	else
		while (len < n && isdigit((unsigned char)p[len]))
			len++;
	return time > len ? time : len;
}

static bool all_digits(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)p[i]))
			return false;
	return n > 0;
}

static bool is_hex_number(const char *p, size_t n)
{
	size_t i;

	if (n < 3 || p[0] != '0' || (p[1] != 'x' && p[1] != 'X'))
		return false;
	for (i = 2; i < n; i++)
		if (!isxdigit((unsigned char)p[i]))
			return false;
	return true;
}

static void set_loc(struct scanner *s, struct token *tok, const char *start, size_t len)
{
	tok->loc.in = s->in;
	tok->loc.line = s->line;
	tok->loc.line_start = s->line_start;
	tok->loc.first_col = start - s->line_start + 1;
	tok->loc.last_col = tok->loc.first_col + (len ? len - 1 : 0);
}

void scanner_next(struct scanner *s, struct token *tok)
{
	const char *p;
	size_t n, colon_len;

	memset(tok, 0, sizeof(*tok));
	for (;;) {
		p = s->pos;
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\\' && p[1] == '\n') {
			s->pos = p + 2;
			s->line++;
			s->line_start = s->pos;
			continue;
		}
		if (*p == '#')
			while (*p && *p != '\n')
				p++;
		s->pos = p;
		break;
	}
	if (!*p) {
		tok->kind = TOK_EOF;
		set_loc(s, tok, p, 0);
		return;
	}
	if (*p == '\n') {
		tok->kind = TOK_NEWLINE;
		set_loc(s, tok, p, 1);
		s->pos = p + 1;
		s->line++;
		s->line_start = s->pos;
		return;
	}
	if (*p == ';') {
		tok->kind = TOK_SEMICOLON;
		set_loc(s, tok, p, 1);
		s->pos = p + 1;
		return;
	}
	if (*p == '"') {
		const char *end = strchr(p + 1, '"');
		const char *nl = strchr(p + 1, '\n');

		if (!end || (nl && nl < end)) {
			/* an unterminated string: the quote is junk, which
			 * the parser reports as unexpected where it is */
			tok->kind = TOK_JUNK;
			set_loc(s, tok, p, 1);
			s->pos = p + 1;
			return;
		}
		tok->kind = TOK_QUOTED;
		tok->text = strndup(p + 1, end - p - 1);
		set_loc(s, tok, p, end - p + 1);
		s->pos = end + 1;
		return;
	}
	if (*p == '$' && (isalpha((unsigned char)p[1]) || p[1] == '_')) {
		n = 1 + span(p + 1, "_-.", true);
		tok->kind = TOK_VARIABLE;
		tok->text = strndup(p + 1, n - 1);
		set_loc(s, tok, p, n);
		s->pos = p + n;
		return;
	}
	/* an IPv6 address in brackets, wherever one may stand, keeps its
	 * colons apart from a port's: [::1]:80 */
	if (*p == '[') {
		n = hex_colon_span(p + 1);
		if (p[n + 1] == ']' && is_ipv6_address(p + 1, n)) {
			tok->kind = TOK_WORD;
			tok->text = strndup(p + 1, n);
			set_loc(s, tok, p, n + 2);
			s->pos = p + n + 2;
			return;
		}
	}
	if (isalnum((unsigned char)*p) || *p == '_' || *p == '.' || *p == ':') {
		n = hex_colon_span(p);
		/* (only a word with a colon can be one: 10.0.0.1 is not) */
		if (!memchr(p, ':', n))
			n = 0;
		while (n > 0 && !is_hex_colon_word(p, n))
			n--;
		/* 4:1.1.1.4 is a key, a colon and an IPv4 address (a map's
		 * element written without spaces), as the reference reads it */
		if (n > 0 && p[n] == '.' && isdigit((unsigned char)p[n + 1]))
			n = 0;
		colon_len = n;
		if (isalpha((unsigned char)*p) || *p == '_' || *p == '.')
			n = span(p, "_./-", true);
		else if (isdigit((unsigned char)*p))
			n = span(p, "_.", true);
		else
			n = 0;
		if (colon_len > n)
			n = colon_len;
		else if (isdigit((unsigned char)*p) && !memchr(p, '.', n))
			n = digit_word_len(p, n);
		if (n == 1 && (*p == '.' || *p == ':'))
			n = 0;
		if (n > 0) {
			tok->text = strndup(p, n);
			if (colon_len < n && (all_digits(p, n) || is_hex_number(p, n))) {
				tok->kind = TOK_NUMBER;
			} else if (!operator_word(tok)) {
				tok->kind = TOK_WORD;
				tok->keyword = is_keyword(tok->text);
			}
			set_loc(s, tok, p, n);
			s->pos = p + n;
			return;
		}
	}
	set_loc(s, tok, p, 1);
	s->pos = p + 1;
	if (p[1] == '=' && strchr("=!<>", *p)) {
		tok->kind = *p == '=' ? TOK_EQ : *p == '!' ? TOK_NEQ : *p == '<' ? TOK_LTE : TOK_GTE;
		tok->loc.last_col++;
		s->pos++;
		return;
	}
	if ((*p == '<' || *p == '>') && p[1] == *p) {
		tok->kind = *p == '<' ? TOK_LSHIFT : TOK_RSHIFT;
		tok->loc.last_col++;
		s->pos++;
		return;
	}
	if (strchr("{}(),/-+:.*@&|^!<>=$[]", *p)) {
		tok->kind = TOK_PUNCT;
		tok->punct = *p;
		return;
	}
	tok->kind = TOK_JUNK;
}
