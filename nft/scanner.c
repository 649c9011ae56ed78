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
	struct input *in;
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

void scanner_free(struct scanner *s)
{
	free(s);
}

/* The words the reference's grammar reserves, sorted for bsearch. */
static const char *const keywords[] = {
	"accept", "ack", "ackseq", "add", "addr", "ah", "all", "and", "arp", "at", "auto-merge",
	"bridge", "burst", "bypass", "byte", "bytes", "cgroup", "chain", "chains",
	"checksum", "classid", "code", "comment", "comp", "constant", "continue",
	"counter", "counters", "cpi", "cpu", "create", "ct", "daddr", "day", "dccp",
	"define", "delete", "dest", "destroy", "devices", "dnat", "doff", "drop", "dscp",
	"dup", "ecn", "element", "elements", "esp", "ether", "expiration", "exists",
	"expires", "export", "fib", "flags", "flow", "flowtable", "flush", "frag",
	"frag-off", "fully-random", "fwd", "gc-interval", "get", "goto", "group",
	"handle", "hash", "hbh", "hdrlength", "hook", "hoplimit", "hour", "icmp",
	"icmpv6", "icmpx", "id", "ifname", "iif", "iifgroup", "iifname", "iiftype", "import",
	"include", "index", "inet", "insert", "ip", "ip6", "ipsec", "jhash", "jump",
	"label", "length", "level", "limit", "list", "log", "ll", "map", "maps", "mark",
	"masquerade", "maxseg", "meta", "mh", "missing", "mod", "monitor", "mss",
	"mtu", "netdev", "network", "nexthdr", "nfproto", "nftrace", "notrack",
	"numgen", "oif", "oifgroup", "oifname", "oiftype", "on", "option", "original",
	"osf", "over", "packet", "packets", "pcp", "persistent", "pkttype",
	"policy", "port", "position", "prefix", "priority", "protocol", "proto-dst",
	"proto-src", "queue", "quota", "random", "rate", "realm", "redirect", "reject",
	"rename", "replace", "reply", "reset", "return", "route", "rt", "ruleset",
	"saddr", "sctp", "second", "secmark", "seed", "sequence", "set", "sets",
	"size", "skgid", "skuid", "snat", "snaplen", "socket", "state", "status",
	"symhash", "synproxy", "table", "tables", "tcp", "th", "timeout",
	"to", "transparent", "ttl", "type", "udp", "udplite", "update", "urgptr",
	"vlan", "vmap", "weight", "window", "with", "xor", "zone",
};

static int keyword_cmp(const void *a, const void *b)
{
	return strcmp(a, *(const char *const *)b);
}

bool is_keyword(const char *word)
{
	return bsearch(word, keywords, ARRAY_SIZE(keywords), sizeof(keywords[0]),
		       keyword_cmp) != NULL;
}

const char *token_describe(const struct token *tok)
{
	static char buf[64];

	switch (tok->kind) {
	case TOK_EOF:
		return "end of file";
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
	/* The reference's grammar names some punctuation quoted, some bare. */
	if (strchr("@*", tok->punct))
		snprintf(buf, sizeof(buf), "%c", tok->punct);
	else
		snprintf(buf, sizeof(buf), "'%c'", tok->punct);
	return buf;
}

static bool is_hex_colon_word(const char *start, size_t len)
{
	char tmp[64];
	struct in6_addr a6;
	size_t i, group = 0;

	if (len >= sizeof(tmp) || !memchr(start, ':', len))
		return false;
	memcpy(tmp, start, len);
	tmp[len] = '\0';
	if (inet_pton(AF_INET6, tmp, &a6) == 1)
		return true;
	/* Link-layer addresses and the like: hex groups of one or two. */
	for (i = 0; i < len; i++) {
		if (tmp[i] == ':') {
			if (group == 0)
				return false;
			group = 0;
		} else if (isxdigit((unsigned char)tmp[i]) && group < 2) {
			group++;
		} else {
			return false;
		}
	}
	return group > 0;
}

static size_t span(const char *p, const char *set, bool alnum)
{
	size_t n = 0;

	while (p[n] && ((alnum && isalnum((unsigned char)p[n])) || strchr(set, p[n])))
		n++;
	return n;
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

int scanner_next(struct scanner *s, struct token *tok)
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
		return 0;
	}
	if (*p == '\n') {
		tok->kind = TOK_NEWLINE;
		set_loc(s, tok, p, 1);
		s->pos = p + 1;
		s->line++;
		s->line_start = s->pos;
		return 0;
	}
	if (*p == ';') {
		tok->kind = TOK_SEMICOLON;
		set_loc(s, tok, p, 1);
		s->pos = p + 1;
		return 0;
	}
	if (*p == '"') {
		const char *end = strchr(p + 1, '"');
		const char *nl = strchr(p + 1, '\n');

		if (!end || (nl && nl < end)) {
			set_loc(s, tok, p, 1);
			error_at(&tok->loc, "syntax error, unexpected junk");
			return -1;
		}
		tok->kind = TOK_QUOTED;
		tok->text = strndup(p + 1, end - p - 1);
		set_loc(s, tok, p, end - p + 1);
		s->pos = end + 1;
		return 0;
	}
	if (*p == '$' && (isalpha((unsigned char)p[1]) || p[1] == '_')) {
		n = 1 + span(p + 1, "_-.", true);
		tok->kind = TOK_VARIABLE;
		tok->text = strndup(p + 1, n - 1);
		set_loc(s, tok, p, n);
		s->pos = p + n;
		return 0;
	}
	if (isalnum((unsigned char)*p) || *p == '_' || *p == '.' || *p == ':') {
		n = span(p, "0123456789abcdefABCDEF:.", false);
		while (n > 0 && !is_hex_colon_word(p, n))
			n--;
		colon_len = n;
		if (isalpha((unsigned char)*p) || *p == '_' || *p == '.')
			n = span(p, "_./-", true);
		else if (isdigit((unsigned char)*p))
			n = span(p, "_.", true);
		else
			n = 0;
		if (colon_len > n)
			n = colon_len;
		if (n == 1 && (*p == '.' || *p == ':'))
			n = 0;
		if (n > 0) {
			tok->text = strndup(p, n);
			if (colon_len < n && (all_digits(p, n) || is_hex_number(p, n))) {
				tok->kind = TOK_NUMBER;
			} else {
				tok->kind = TOK_WORD;
				tok->keyword = is_keyword(tok->text);
			}
			set_loc(s, tok, p, n);
			s->pos = p + n;
			return 0;
		}
	}
	set_loc(s, tok, p, 1);
	s->pos = p + 1;
	if (p[1] == '=' && strchr("=!<>", *p)) {
		tok->kind = *p == '=' ? TOK_EQ : *p == '!' ? TOK_NEQ : *p == '<' ? TOK_LTE : TOK_GTE;
		tok->loc.last_col++;
		s->pos++;
		return 0;
	}
	if ((*p == '<' || *p == '>') && p[1] == *p) {
		tok->kind = *p == '<' ? TOK_LSHIFT : TOK_RSHIFT;
		tok->loc.last_col++;
		s->pos++;
		return 0;
	}
	if (strchr("{}(),/-+:.*@&|^!<>=$[]", *p)) {
		tok->kind = TOK_PUNCT;
		tok->punct = *p;
		return 0;
	}
	error_at(&tok->loc, "syntax error, unexpected junk");
	return -1;
}
