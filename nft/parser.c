// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The parser: recursive descent over the scanner's tokens, building
 * commands as nft(8) describes them.  Symbols stay unresolved here (what
 * "ssh" or "established" means depends on the field it is compared to);
 * evaluation types them.  Variables are expanded as the tokens they were
 * defined with; include pulls another file in at the top level.
 */
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/netfilter/nf_log.h>
#include <linux/netfilter/nf_synproxy.h>
#include <linux/netfilter/nfnetlink_osf.h>
#include <libnftnl/expr.h>

#include <nlkit/util.h>

#include "ast.h"

struct define {
	char *name;
	struct token *toks;
	size_t ntoks;
	struct define *next;
};

#define LOOKAHEAD 8

/* The reference's parser gives up at its tenth error. */
#define MAX_ERRORS 10

/* What tokens are read from: a file, or the command line, with a file it
 * includes above it; or, above all, a variable's value being read in its
 * place (@sc NULL), its own copy, as a scope may close before it is done. */
struct source {
	struct scanner *sc;
	struct token *toks;
	size_t ntoks, next;
	struct source *outer;
};

struct parser {
	struct nft_ctx *ctx;
	struct source *src;
	struct token la[LOOKAHEAD];
	unsigned int nla;
	struct token prev;	/* the token consumed last, for spans */
	bool took_expanded;	/* consumed a token of a variable's value */
	/* an error was reported: what it is in is given up, up to the
	 * block that goes on after it (recover()) */
	bool failed;
	bool aborted;		/* nothing more is read: the input failed */
	bool skipping;		/* passing over tokens after an error */
	unsigned int errors;	/* errors gone past */
	/* where the innermost block's variables begin in ctx->defines */
	struct define *scope;
	struct define *recording;	/* takes the tokens consumed */
	/* the last token of the block parse_braced() read last, before
	 * its closing brace */
	struct location block_last;
};

/* Parse errors unwind to the command level through this. */
#define TRY(x) do { if (!(x)) return NULL; } while (0)
#define TRYI(x) do { if ((x) < 0) return -1; } while (0)

static void token_clear(struct token *t)
{
	free(t->text);
	t->text = NULL;
}

static struct token token_copy(const struct token *t)
{
	struct token c = *t;

	c.text = t->text ? xstrdup(t->text) : NULL;
	return c;
}

static struct define *define_find(struct parser *p, const char *name)
{
	struct define *d;

	for (d = p->ctx->defines; d; d = d->next)
		if (!strcmp(d->name, name))
			return d;
	return NULL;
}

static void define_free(struct define *d)
{
	size_t i;

	for (i = 0; i < d->ntoks; i++)
		token_clear(&d->toks[i]);
	free(d->toks);
	free(d->name);
	free(d);
}

static void source_pop(struct parser *p)
{
	struct source *s = p->src;

	p->src = s->outer;
	if (s->sc)
		scanner_free(s->sc);
	while (s->next < s->ntoks)
		token_clear(&s->toks[s->next++]);
	free(s->toks);
	free(s);
}

/* The next token of the input: a variable's value read whole goes on with
 * what it stands in, an included file's end with the file that included
 * it, the input's own alone ends it. */
static void scan(struct parser *p, struct token *t)
{
	for (;;) {
		struct source *s = p->src;

		if (!s->sc) {
			*t = s->toks[s->next++];
			if (s->next == s->ntoks)
				source_pop(p);
			return;
		}
		scanner_next(s->sc, t);
		if (t->kind != TOK_EOF || !s->outer)
			return;
		source_pop(p);
	}
}

static void source_push(struct parser *p, struct scanner *sc)
{
	struct source *s = xcalloc(1, sizeof(*s));

	s->sc = sc;
	s->outer = p->src;
	p->src = s;
}

/*
 * Fill the lookahead to @n tokens, expanding variables as they come (but
 * in what an error passes over, where the reference's parser looks no
 * name up).
 */
static int fill(struct parser *p, unsigned int n)
{
	while (p->nla < n) {
		struct token t;
		struct define *d;
		size_t i;

		scan(p, &t);
		if (t.kind != TOK_VARIABLE || p->skipping) {
			p->la[p->nla++] = t;
			continue;
		}
		t.loc.first_col++;
		d = define_find(p, t.text);
		if (!d) {
			error_at(&t.loc, "unknown identifier '%s'", t.text);
			token_clear(&t);
			p->failed = true;
			return -1;
		}
		/* the value is read next, every token of it at the variable */
		source_push(p, NULL);
		p->src->toks = xcalloc(d->ntoks, sizeof(*p->src->toks));
		p->src->ntoks = d->ntoks;
		for (i = 0; i < d->ntoks; i++) {
			p->src->toks[i] = token_copy(&d->toks[i]);
			p->src->toks[i].expanded = true;
			p->src->toks[i].loc = t.loc;
		}
		token_clear(&t);
	}
	return 0;
}

static struct token *peek_n(struct parser *p, unsigned int n)
{
	static struct token eof = { .kind = TOK_EOF };

	/* after an error, nothing more is read but to pass over it */
	if ((p->failed && !p->skipping) || fill(p, n + 1) < 0)
		return &eof;
	return &p->la[n];
}

static struct token *peek(struct parser *p)
{
	return peek_n(p, 0);
}

static void consume(struct parser *p)
{
	if ((p->failed && !p->skipping) || fill(p, 1) < 0)
		return;
	token_clear(&p->prev);
	p->prev = p->la[0];
	p->took_expanded |= p->prev.expanded;
	if (p->recording) {
		struct define *d = p->recording;

		d->toks = xrealloc(d->toks, sizeof(*d->toks) * (d->ntoks + 1));
		d->toks[d->ntoks++] = token_copy(&p->prev);
	}
	memmove(&p->la[0], &p->la[1], (p->nla - 1) * sizeof(p->la[0]));
	p->nla--;
}

static bool is_word(struct parser *p, const char *w)
{
	struct token *t = peek(p);

	return t->kind == TOK_WORD && !strcmp(t->text, w);
}

static bool is_punct(struct parser *p, char c)
{
	struct token *t = peek(p);

	return t->kind == TOK_PUNCT && t->punct == c;
}

static bool accept_word(struct parser *p, const char *w)
{
	if (!is_word(p, w))
		return false;
	consume(p);
	return true;
}

static bool accept_punct(struct parser *p, char c)
{
	if (!is_punct(p, c))
		return false;
	consume(p);
	return true;
}

static bool at_separator(struct parser *p)
{
	struct token *t = peek(p);

	return t->kind == TOK_NEWLINE || t->kind == TOK_SEMICOLON || t->kind == TOK_EOF ||
	       (t->kind == TOK_PUNCT && t->punct == '}');
}

/* "syntax error, unexpected X[, expecting Y]" at the next token. */
static void *syntax_error(struct parser *p, const char *expecting)
{
	struct token *t = peek(p);

	if (p->failed)
		return NULL;
	p->failed = true;
	if (expecting)
		error_at(&t->loc, "syntax error, unexpected %s, expecting %s", token_describe(t),
			 expecting);
	else
		error_at(&t->loc, "syntax error, unexpected %s", token_describe(t));
	return NULL;
}

static int syntax_error_i(struct parser *p, const char *expecting)
{
	syntax_error(p, expecting);
	return -1;
}

/* The newline or semicolon that ends a member of a block, where the
 * reference's grammar expects @expecting. */
static int expect_separator(struct parser *p, const char *expecting)
{
	struct token *t = peek(p);

	if (t->kind != TOK_NEWLINE && t->kind != TOK_SEMICOLON)
		return syntax_error_i(p, expecting);
	consume(p);
	return 0;
}

/*
 * After an error in a member of a block (or of the input), the
 * reference's parser passes over what follows up to the next newline or
 * semicolon, that one too, and reads on in the same block; it gives up at
 * the end of the input, and at its tenth error.
 */
static int recover(struct parser *p)
{
	struct token *t;

	if (p->aborted)
		return -1;
	p->skipping = true;
	for (t = peek(p); t->kind != TOK_NEWLINE && t->kind != TOK_SEMICOLON; t = peek(p)) {
		if (t->kind == TOK_EOF)
			break;
		consume(p);
	}
	p->skipping = false;
	if (t->kind == TOK_EOF || ++p->errors == MAX_ERRORS) {
		p->aborted = true;
		return -1;
	}
	consume(p);
	p->failed = false;
	return 0;
}

static int parse_define(struct parser *p, bool redefine);
static int parse_undefine(struct parser *p);
static int parse_include(struct parser *p);

/* One member of a block: 0, or -1 after an error. */
typedef int member_fn(struct parser *p, void *block);

/*
 * The members of a block up to its closing brace, left to the caller, or
 * of the input up to its end (@top), with what every block may have:
 * separators, define and include.  An error in a member gives up that
 * member alone (recover()).
 */
static int parse_block(struct parser *p, member_fn *member, void *block, bool top)
{
	for (;;) {
		struct token *t = peek(p);

		if (p->failed) {
			TRYI(recover(p));
			continue;
		}
		if (t->kind == TOK_NEWLINE || t->kind == TOK_SEMICOLON)
			consume(p);
		else if (top ? t->kind == TOK_EOF : is_punct(p, '}'))
			return 0;
		else if (t->kind == TOK_EOF)
			syntax_error(p, NULL);
		else if (accept_word(p, "define"))
			parse_define(p, false);
		else if (accept_word(p, "redefine"))
			parse_define(p, true);
		else if (accept_word(p, "undefine"))
			parse_undefine(p);
		else if (accept_word(p, "include"))
			parse_include(p);
		else if (member(p, block) < 0)
			p->failed = true;
	}
}

/*
 * A block inside a table's, from after its opening brace up to the
 * separator its closing brace wants.  An error there opens the block
 * again, as in the reference's parser, whose rule for the member runs up
 * to that separator.
 */
static int parse_inner_block(struct parser *p, member_fn *member, void *block)
{
	for (;;) {
		TRYI(parse_block(p, member, block, false));
		p->block_last = p->prev.loc;
		consume(p);	/* } */
		if (expect_separator(p, "newline or semicolon") == 0)
			return 0;
	}
}

/*
 * A block of members, from after its opening brace: one inside a table's
 * up to the separator after it (@inner), another up to its closing brace.
 */
static int parse_braced(struct parser *p, member_fn *member, void *block, bool inner)
{
	if (inner)
		return parse_inner_block(p, member, block);
	TRYI(parse_block(p, member, block, false));
	p->block_last = p->prev.loc;
	consume(p);	/* } */
	return 0;
}

/* A block's scope of variables opens: what closes it goes back to the
 * scope returned, the enclosing block's. */
static struct define *scope_open(struct parser *p)
{
	struct define *enclosing = p->scope;

	p->scope = p->ctx->defines;
	return enclosing;
}

/* The variables of the innermost block go, a table's or a chain's being
 * its block's own, and @enclosing is the innermost again. */
static void scope_close(struct parser *p, struct define *enclosing)
{
	while (p->ctx->defines != p->scope) {
		struct define *d = p->ctx->defines;

		p->ctx->defines = d->next;
		define_free(d);
	}
	p->scope = enclosing;
}

/* A name: a word the grammar does not reserve, or a quoted string. */
static char *parse_identifier(struct parser *p, struct location *loc)
{
	struct token *t = peek(p);
	char *s;

	if (!(t->kind == TOK_WORD && !t->keyword))
		return syntax_error(p, "string");
	s = xstrdup(t->text);
	if (loc)
		*loc = t->loc;
	consume(p);
	return s;
}

static char *parse_quoted(struct parser *p, struct location *loc)
{
	struct token *t = peek(p);
	char *s;

	if (t->kind != TOK_QUOTED && !(t->kind == TOK_WORD && !t->keyword))
		return syntax_error(p, "string");
	s = xstrdup(t->text);
	if (loc)
		*loc = t->loc;
	consume(p);
	return s;
}

/* Text a statement takes (comment, log prefix): a word or a string, as
 * the reference's error names what it expected there. */
static char *parse_text(struct parser *p)
{
	struct token *t = peek(p);

	if (t->kind != TOK_QUOTED && !(t->kind == TOK_WORD && !t->keyword))
		return syntax_error(p, "string or quoted string or string with a trailing asterisk");
	return parse_quoted(p, NULL);
}

static int parse_u64_tok(struct parser *p, uint64_t *out, struct location *loc)
{
	struct token *t = peek(p);
	char *end;

	if (t->kind != TOK_NUMBER)
		return syntax_error_i(p, "number");
	*out = strtoull(t->text, &end, 0);
	if (loc)
		*loc = t->loc;
	consume(p);
	return 0;
}

/* The number of tokens of @words ("ct helper": 2) when the next words
 * are those, else 0. */
static unsigned int words_at(struct parser *p, const char *words)
{
	unsigned int n = 0;

	while (*words) {
		size_t len = strcspn(words, " ");
		struct token *t = peek_n(p, n);

		if (t->kind != TOK_WORD || strlen(t->text) != len || strncmp(t->text, words, len))
			return 0;
		n++;
		words += len;
		words += *words == ' ';
	}
	return n;
}

/* ---- Expressions ------------------------------------------------------------ */

static struct expr *symbol_from_token(const struct token *t)
{
	struct expr *e = expr_new(EXPR_SYMBOL, &t->loc);

	e->sym.text = xstrdup(t->text);
	e->sym.quoted = t->kind == TOK_QUOTED;
	e->sym.number = t->kind == TOK_NUMBER;
	return e;
}

static bool starts_value(struct parser *p)
{
	struct token *t = peek(p);

	return t->kind == TOK_WORD || t->kind == TOK_NUMBER || t->kind == TOK_QUOTED;
}

/* One constant: a word, number or string, or a parenthesised flag list. */
static struct expr *parse_value(struct parser *p);

static struct expr *parse_basic_value(struct parser *p)
{
	struct expr *e;

	if (accept_punct(p, '(')) {
		e = parse_value(p);
		TRY(e);
		if (!accept_punct(p, ')')) {
			expr_free(e);
			return syntax_error(p, "')'");
		}
		return e;
	}
	if (!starts_value(p))
		return syntax_error(p, NULL);
	e = symbol_from_token(peek(p));
	consume(p);
	return e;
}

/* a | b | c, for flag values inside parentheses or after &. */
static struct expr *parse_value(struct parser *p)
{
	struct expr *left = parse_basic_value(p);

	TRY(left);
	while (is_punct(p, '|')) {
		struct expr *b = expr_new(EXPR_BINOP, &left->loc), *right;

		consume(p);
		right = parse_basic_value(p);
		if (!right) {
			expr_free(b);
			expr_free(left);
			return NULL;
		}
		b->binop.op = OP_OR;
		b->binop.left = left;
		b->binop.right = right;
		b->loc = loc_join(&left->loc, &right->loc);
		left = b;
	}
	return left;
}

/*
 * @first [SEP part ...]: @first and the parts after it, each read by
 * @parse_part, joined as an expression of @kind (a concatenation, a
 * list); @first alone is returned as itself, not as a join of one.
 */
static struct expr *parse_joined(struct parser *p, struct expr *first, enum expr_kind kind,
				 char sep, struct expr *(*parse_part)(struct parser *))
{
	struct expr *j, **tail;

	TRY(first);
	if (!is_punct(p, sep))
		return first;
	j = expr_new(kind, &first->loc);
	j->set.elems = first;
	j->set.count = 1;
	tail = &first->next;
	while (accept_punct(p, sep)) {
		struct expr *x = parse_part(p);

		if (!x) {
			expr_free(j);
			return NULL;
		}
		*tail = x;
		tail = &x->next;
		j->set.count++;
		j->loc = loc_join(&j->loc, &x->loc);
	}
	return j;
}

/* part [. part ...]: a concatenation's parts in order, each read by
 * @parse_part. */
static struct expr *parse_concat(struct parser *p,
				 struct expr *(*parse_part)(struct parser *))
{
	return parse_joined(p, parse_part(p), EXPR_CONCAT, '.', parse_part);
}

/* A right-hand side element: value, value-value, value/len. */
static struct expr *parse_rhs_element(struct parser *p)
{
	struct expr *e = parse_value(p), *x;

	TRY(e);
	if (is_punct(p, '-')) {
		consume(p);
		x = expr_new(EXPR_RANGE, &e->loc);
		x->range.low = e;
		x->range.high = parse_value(p);
		if (!x->range.high) {
			expr_free(x);
			return NULL;
		}
		x->loc = loc_join(&e->loc, &x->range.high->loc);
		return x;
	}
	if (is_punct(p, '/') && peek_n(p, 1)->kind == TOK_NUMBER) {
		consume(p);
		x = expr_new(EXPR_PREFIX, &e->loc);
		x->prefix.expr = e;
		x->prefix.plen = strtoul(peek(p)->text, NULL, 0);
		x->loc = loc_join(&e->loc, &peek(p)->loc);
		consume(p);
		return x;
	}
	return e;
}

static struct expr *parse_set_rhs(struct parser *p);

/* The right-hand side of a match: elements joined by commas, or a set. */
static struct expr *parse_rhs(struct parser *p)
{
	if (is_punct(p, '{') || is_punct(p, '@'))
		return parse_set_rhs(p);
	return parse_joined(p, parse_rhs_element(p), EXPR_LIST, ',', parse_rhs_element);
}

/*
 * The field of @desc named by the word @n tokens ahead, or by it and the
 * next word (the addresses of arp: "saddr ip"); *words says how many.
 */
static const struct proto_field *field_at_words(struct parser *p, const struct proto_desc *desc,
						unsigned int n, unsigned int *words)
{
	struct token *t = peek_n(p, n), *next;
	const struct proto_field *f;
	char *two;

	if (t->kind != TOK_WORD)
		return NULL;
	*words = 1;
	if ((f = proto_field_find(desc, t->text)))
		return f;
	next = peek_n(p, n + 1);
	if (next->kind != TOK_WORD)
		return NULL;
	two = xasprintf("%s %s", t->text, next->text);
	f = proto_field_find(desc, two);
	free(two);
	*words = 2;
	return f;
}

static struct expr *parse_payload(struct parser *p, const struct proto_desc *desc)
{
	struct location start = peek(p)->loc;
	const struct proto_field *f;
	unsigned int words;
	struct expr *e;

	consume(p);
	if (!(f = field_at_words(p, desc, 0, &words)))
		return syntax_error(p, NULL);
	if (words == 2)
		consume(p);
	start = loc_join(&start, &peek(p)->loc);
	e = payload_expr_new(desc, f, &start);
	consume(p);
	return e;
}

static struct expr *parse_ct(struct parser *p)
{
	struct location start = peek(p)->loc;
	struct expr *e = expr_new(EXPR_CT, &start);
	const struct ct_key *k;
	struct token *t;

	consume(p);
	e->ct.dir = -1;
	if (accept_word(p, "original"))
		e->ct.dir = 0;
	else if (accept_word(p, "reply"))
		e->ct.dir = 1;
	if (e->ct.dir >= 0 && (is_word(p, "ip") || is_word(p, "ip6"))) {
		e->ct.nfproto = is_word(p, "ip") ? NFPROTO_IPV4 : NFPROTO_IPV6;
		consume(p);
	}
	t = peek(p);
	if (t->kind != TOK_WORD ||
	    !(k = e->ct.nfproto ? ct_key_find_family(t->text, e->ct.nfproto) :
		  ct_key_find(t->text))) {
		expr_free(e);
		return syntax_error(p, NULL);
	}
	e->ct.key = k;
	e->dtype = k->dtype;
	e->byteorder = k->byteorder;
	e->len = k->len;
	e->loc = loc_join(&start, &t->loc);
	consume(p);
	return e;
}

static struct expr *parse_fib(struct parser *p)
{
	static const struct { const char *name; unsigned int flag; } flags[] = {
		{ "saddr", NFTA_FIB_F_SADDR }, { "daddr", NFTA_FIB_F_DADDR },
		{ "mark", NFTA_FIB_F_MARK }, { "iif", NFTA_FIB_F_IIF }, { "oif", NFTA_FIB_F_OIF },
	};
	struct location loc = peek(p)->loc;
	uint32_t fib_flags = 0, result;
	size_t i;

	consume(p);
	do {
		for (i = 0; i < ARRAY_SIZE(flags); i++)
			if (is_word(p, flags[i].name))
				break;
		if (i == ARRAY_SIZE(flags))
			return syntax_error(p, NULL);
		fib_flags |= flags[i].flag;
		consume(p);
	} while (accept_punct(p, '.'));
	if (accept_word(p, "oif"))
		result = NFT_FIB_RESULT_OIF;
	else if (accept_word(p, "oifname"))
		result = NFT_FIB_RESULT_OIFNAME;
	else if (accept_word(p, "type"))
		result = NFT_FIB_RESULT_ADDRTYPE;
	else
		return syntax_error(p, "type or oif or oifname");
	loc = loc_join(&loc, &p->prev.loc);
	return fib_expr_new(result, fib_flags, &loc);
}

static struct expr *parse_rt(struct parser *p)
{
	struct expr *e = expr_new(EXPR_RT, &peek(p)->loc);

	consume(p);
	if (accept_word(p, "classid")) {
		e->rt.key = NFT_RT_CLASSID;
		e->dtype = &realm_type;
		e->len = 32;
	} else if (accept_word(p, "mtu")) {
		e->rt.key = NFT_RT_TCPMSS;
		e->dtype = &integer_type;
		e->len = 16;
	} else if (is_word(p, "nexthop") ||
		   ((is_word(p, "ip") || is_word(p, "ip6")) && peek_n(p, 1)->kind == TOK_WORD &&
		    !strcmp(peek_n(p, 1)->text, "nexthop"))) {
		/* without ip or ip6, the version is the table's: evaluation
		 * sets the key and its type (len 0 until then) */
		e->rt.key = NFT_RT_NEXTHOP4;
		if (accept_word(p, "ip6")) {
			e->rt.key = NFT_RT_NEXTHOP6;
			e->dtype = &ipv6_type;
			e->len = 128;
		} else if (accept_word(p, "ip")) {
			e->dtype = &ipv4_type;
			e->len = 32;
		}
		consume(p);	/* nexthop */
		e->byteorder = BYTEORDER_BIG;
		e->loc = loc_join(&e->loc, &p->prev.loc);
		return e;
	} else {
		expr_free(e);
		return syntax_error(p, NULL);
	}
	e->byteorder = BYTEORDER_HOST;
	e->loc = loc_join(&e->loc, &p->prev.loc);
	return e;
}

static int parse_u32_after(struct parser *p, const char *word, uint32_t *out)
{
	uint64_t x;

	if (!accept_word(p, word))
		return syntax_error_i(p, word);
	TRYI(parse_u64_tok(p, &x, NULL));
	*out = x;
	return 0;
}

static struct expr *parse_primary(struct parser *p);
static struct expr *parse_lhs_concat(struct parser *p);

static struct expr *parse_numgen(struct parser *p)
{
	struct expr *e = expr_new(EXPR_NUMGEN, &peek(p)->loc);

	consume(p);
	if (accept_word(p, "inc")) {
		e->numgen.type = NFT_NG_INCREMENTAL;
	} else if (accept_word(p, "random")) {
		e->numgen.type = NFT_NG_RANDOM;
	} else {
		expr_free(e);
		return syntax_error(p, "random or inc");
	}
	if (parse_u32_after(p, "mod", &e->numgen.mod) < 0 ||
	    (is_word(p, "offset") && parse_u32_after(p, "offset", &e->numgen.offset) < 0)) {
		expr_free(e);
		return NULL;
	}
	e->dtype = &integer_type;
	e->byteorder = BYTEORDER_HOST;
	e->len = 32;
	e->loc = loc_join(&e->loc, &p->prev.loc);
	return e;
}

static struct expr *parse_hash(struct parser *p)
{
	struct expr *e = expr_new(EXPR_HASH, &peek(p)->loc);
	bool jhash = is_word(p, "jhash");

	consume(p);
	e->hash.type = jhash ? NFT_HASH_JENKINS : NFT_HASH_SYM;
	if (jhash && !(e->hash.arg = parse_lhs_concat(p))) {
		expr_free(e);
		return NULL;
	}
	if (parse_u32_after(p, "mod", &e->hash.mod) < 0)
		goto fail;
	if (jhash && is_word(p, "seed")) {
		if (parse_u32_after(p, "seed", &e->hash.seed) < 0)
			goto fail;
		e->hash.seed_set = true;
	}
	if (is_word(p, "offset") && parse_u32_after(p, "offset", &e->hash.offset) < 0)
		goto fail;
	e->dtype = &integer_type;
	e->byteorder = BYTEORDER_HOST;
	e->len = 32;
	e->loc = loc_join(&e->loc, &p->prev.loc);
	return e;
fail:
	expr_free(e);
	return NULL;
}

static struct expr *parse_socket(struct parser *p)
{
	struct expr *e = expr_new(EXPR_SOCKET, &peek(p)->loc);

	consume(p);
	e->byteorder = BYTEORDER_HOST;
	/* transparent and wildcard: the byte the kernel writes, of which
	 * evaluation keeps the bit its values fit in */
	if (accept_word(p, "transparent")) {
		e->socket.key = NFT_SOCKET_TRANSPARENT;
		e->dtype = &integer_type;
		e->len = 8;
	} else if (accept_word(p, "mark")) {
		e->socket.key = NFT_SOCKET_MARK;
		e->dtype = &mark_type;
		e->len = 32;
	} else if (accept_word(p, "wildcard")) {
		e->socket.key = NFT_SOCKET_WILDCARD;
		e->dtype = &integer_type;
		e->len = 8;
	} else {
		expr_free(e);
		return syntax_error(p, NULL);
	}
	e->loc = loc_join(&e->loc, &p->prev.loc);
	return e;
}

/* osf [ttl loose|skip] name|version */
static struct expr *parse_osf(struct parser *p)
{
	struct location loc = peek(p)->loc;
	uint8_t ttl = NF_OSF_TTL_TRUE;
	uint32_t flags = 0;

	consume(p);
	if (accept_word(p, "ttl")) {
		struct token *t = peek(p);

		if ((t->kind != TOK_WORD && t->kind != TOK_QUOTED) || t->keyword)
			return syntax_error(p, "string");
		if (!strcmp(t->text, "loose")) {
			ttl = NF_OSF_TTL_LESS;
		} else if (!strcmp(t->text, "skip")) {
			ttl = NF_OSF_TTL_NOCHECK;
		} else {
			error_at(&t->loc, "invalid ttl option");
			p->failed = true;
			return NULL;
		}
		consume(p);
	}
	if (accept_word(p, "version"))
		flags = NFT_OSF_F_VERSION;
	else if (!accept_word(p, "name"))
		return syntax_error(p, "version or name");
	loc = loc_join(&loc, &p->prev.loc);
	return osf_expr_new(ttl, flags, &loc);
}

/* tcp option NAME FIELD, or tcp option NAME alone: whether the packet
 * has the option (compared with exists or missing). */
static struct expr *parse_tcp_option(struct parser *p)
{
	struct expr *e = expr_new(EXPR_EXTHDR, &peek(p)->loc);
	const struct tcpopt_field *f;
	struct token *t;

	consume(p);	/* tcp */
	consume(p);	/* option */
	t = peek(p);
	if (t->kind != TOK_WORD || !tcpopt_field_find(t->text, NULL)) {
		expr_free(e);
		return syntax_error(p, NULL);
	}
	f = peek_n(p, 1)->kind == TOK_WORD ?
	    tcpopt_field_find(t->text, peek_n(p, 1)->text) : NULL;
	if (f) {
		consume(p);
		e->dtype = &integer_type;
		e->byteorder = BYTEORDER_BIG;
		e->len = f->len;
	} else {
		f = tcpopt_field_find(t->text, NULL);
		e->exthdr.present = true;
		e->dtype = &boolean_type;
		e->byteorder = BYTEORDER_HOST;
		e->len = 8;
	}
	consume(p);
	e->exthdr.field = f;
	e->loc = loc_join(&e->loc, &p->prev.loc);
	return e;
}

/* Meta keys the language takes without "meta" in front. */
static const char *const unqualified_meta[] = {
	"mark", "iif", "iifname", "iiftype", "oif", "oifname", "oiftype", "skuid", "skgid",
	"nftrace", "rtclassid", "pkttype", "cpu", "iifgroup", "oifgroup", "cgroup",
	"ibrname", "obrname", "ibriport", "obriport", "ipsec", "time", "day", "hour",
};

static bool is_unqualified_meta(const char *w)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(unqualified_meta); i++)
		if (!strcmp(unqualified_meta[i], w))
			return true;
	return false;
}

/* A selector: what a match inspects. */
static struct expr *parse_primary(struct parser *p)
{
	struct token *t = peek(p);
	const struct proto_desc *desc;
	const struct meta_key *k;
	struct location loc;
	unsigned int words;

	if (t->kind != TOK_WORD)
		return syntax_error(p, NULL);
	if (!strcmp(t->text, "tcp") && peek_n(p, 1)->kind == TOK_WORD &&
	    !strcmp(peek_n(p, 1)->text, "option"))
		return parse_tcp_option(p);
	if ((desc = proto_find(t->text)) && peek_n(p, 1)->kind == TOK_WORD &&
	    field_at_words(p, desc, 1, &words))
		return parse_payload(p, desc);
	if (!strcmp(t->text, "meta")) {
		loc = t->loc;
		consume(p);
		t = peek(p);
		if (t->kind == TOK_WORD && !t->keyword && !meta_key_find(t->text)) {
			char *keys = meta_key_list();

			loc = loc_join(&loc, &t->loc);
			error_at(&loc, "syntax error, unexpected %s, known keys are %s", t->text,
				 keys);
			free(keys);
			p->failed = true;
			return NULL;
		}
		if (t->kind != TOK_WORD || !(k = meta_key_find(t->text)))
			return syntax_error(p, NULL);
		loc = loc_join(&loc, &t->loc);
		consume(p);
		return meta_expr_new(k, &loc);
	}
	if (is_unqualified_meta(t->text)) {
		loc = t->loc;
		k = meta_key_find(t->text);
		consume(p);
		return meta_expr_new(k, &loc);
	}
	if (!strcmp(t->text, "ct"))
		return parse_ct(p);
	if (!strcmp(t->text, "fib"))
		return parse_fib(p);
	if (!strcmp(t->text, "rt"))
		return parse_rt(p);
	if (!strcmp(t->text, "numgen"))
		return parse_numgen(p);
	if (!strcmp(t->text, "jhash") || !strcmp(t->text, "symhash"))
		return parse_hash(p);
	if (!strcmp(t->text, "socket"))
		return parse_socket(p);
	if (!strcmp(t->text, "osf"))
		return parse_osf(p);
	if (desc)
		return consume(p), syntax_error(p, desc->expecting);
	return syntax_error(p, NULL);
}

/* Whether a selector, not a value, begins at the next token. */
static bool starts_selector(struct parser *p)
{
	static const char *const words[] = {
		"meta", "ct", "fib", "rt", "numgen", "jhash", "symhash", "socket", "osf",
	};
	struct token *t = peek(p);
	const struct proto_desc *desc;
	unsigned int words_used;
	size_t i;

	if (t->kind != TOK_WORD)
		return false;
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(t->text, words[i]))
			return true;
	if (is_unqualified_meta(t->text))
		return true;
	return (desc = proto_find(t->text)) && field_at_words(p, desc, 1, &words_used);
}

/* The binding of << >> & ^ | after a value, as in C (shifts tightest); 0
 * for none. */
static int binop_precedence(struct parser *p, enum op *op)
{
	if (peek(p)->kind == TOK_LSHIFT || peek(p)->kind == TOK_RSHIFT) {
		*op = peek(p)->kind == TOK_LSHIFT ? OP_LSHIFT : OP_RSHIFT;
		return 4;
	}
	if (is_punct(p, '&')) {
		*op = OP_AND;
		return 3;
	}
	if (is_punct(p, '^')) {
		*op = OP_XOR;
		return 2;
	}
	if (is_punct(p, '|')) {
		*op = OP_OR;
		return 1;
	}
	return 0;
}

/* A value and the operators after it that bind tighter than @min: the
 * right operand of an operator of that precedence (0x10 ^ 0x1 in
 * x | 0x10 ^ 0x1, 0xff << 8 in x & 0xff << 8), for evaluation to fold. */
static struct expr *parse_operand(struct parser *p, int min)
{
	struct expr *v = parse_basic_value(p), *b;
	enum op op;
	int prec;

	while (v && (prec = binop_precedence(p, &op)) > min) {
		consume(p);
		b = expr_new(EXPR_BINOP, &v->loc);
		b->binop.op = op;
		b->binop.left = v;
		b->binop.right = parse_operand(p, prec);
		if (!b->binop.right) {
			expr_free(b);
			return NULL;
		}
		b->loc = loc_join(&v->loc, &b->binop.right->loc);
		v = b;
	}
	return v;
}

/* selector [& value ...] */
static struct expr *parse_lhs(struct parser *p)
{
	struct expr *left = parse_primary(p);
	enum op op;
	int prec;

	TRY(left);
	while ((prec = binop_precedence(p, &op)) > 0) {
		struct expr *b = expr_new(EXPR_BINOP, &left->loc), *right;

		consume(p);
		right = parse_operand(p, prec);
		if (!right) {
			expr_free(b);
			expr_free(left);
			return NULL;
		}
		b->binop.op = op;
		b->binop.left = left;
		b->binop.right = right;
		b->loc = loc_join(&left->loc, &right->loc);
		left = b;
	}
	return left;
}

static bool parse_relop(struct parser *p, enum op *op)
{
	struct token *t = peek(p);

	switch (t->kind) {
	case TOK_EQ:
		*op = OP_EQ;
		break;
	case TOK_NEQ:
		*op = OP_NEQ;
		break;
	case TOK_LTE:
		*op = OP_LTE;
		break;
	case TOK_GTE:
		*op = OP_GTE;
		break;
	case TOK_PUNCT:
		if (t->punct == '<')
			*op = OP_LT;
		else if (t->punct == '>')
			*op = OP_GT;
		else if (t->punct == '!')
			*op = OP_NEG;
		else
			return false;
		break;
	case TOK_WORD:
		if (!strcmp(t->text, "eq"))
			*op = OP_EQ;
		else if (!strcmp(t->text, "ne"))
			*op = OP_NEQ;
		else if (!strcmp(t->text, "lt"))
			*op = OP_LT;
		else if (!strcmp(t->text, "gt"))
			*op = OP_GT;
		else if (!strcmp(t->text, "le"))
			*op = OP_LTE;
		else if (!strcmp(t->text, "ge"))
			*op = OP_GTE;
		else
			return false;
		break;
	default:
		return false;
	}
	consume(p);
	return true;
}

static struct stmt *parse_match(struct parser *p, struct expr *left)
{
	struct stmt *s = stmt_new(STMT_MATCH, &left->loc);
	struct expr *right;

	s->match.left = left;
	s->match.op = OP_IMPLICIT;
	s->match.op_loc = peek(p)->loc;
	if (!parse_relop(p, &s->match.op))
		s->match.op = OP_IMPLICIT;
	if (at_separator(p)) {
		stmt_free(s);
		return syntax_error(p, NULL);
	}
	right = parse_rhs(p);
	if (!right) {
		stmt_free(s);
		return NULL;
	}
	/* value / mask on a flag field: the masked field equals the value
	 * (or, after !=, differs from it) */
	if ((right->kind == EXPR_SYMBOL || right->kind == EXPR_LIST) && is_punct(p, '/')) {
		struct expr *mask, *b;

		consume(p);
		mask = parse_rhs(p);
		if (!mask) {
			expr_free(right);
			stmt_free(s);
			return NULL;
		}
		if (s->match.op != OP_IMPLICIT && s->match.op != OP_EQ && s->match.op != OP_NEQ) {
			struct location loc = loc_join(&s->loc, &mask->loc);

			error_at(&loc, "either == or != is allowed");
			p->failed = true;
			expr_free(mask);
			expr_free(right);
			stmt_free(s);
			return NULL;
		}
		b = expr_new(EXPR_BINOP, &left->loc);
		b->binop.op = OP_AND;
		b->binop.left = left;
		b->binop.right = mask;
		s->match.left = b;
		if (s->match.op == OP_IMPLICIT)
			s->match.op = OP_EQ;
	}
	s->match.right = right;
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
}

/* ---- Statements ------------------------------------------------------------- */

static struct stmt *parse_verdict(struct parser *p)
{
	static const struct { const char *name; int code; bool chain; } verdicts[] = {
		{ "accept", NF_ACCEPT, false }, { "drop", NF_DROP, false },
		{ "continue", NFT_CONTINUE, false }, { "return", NFT_RETURN, false },
		{ "jump", NFT_JUMP, true }, { "goto", NFT_GOTO, true },
	};
	struct token *t = peek(p);
	struct stmt *s;
	struct expr *v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(verdicts); i++)
		if (!strcmp(t->text, verdicts[i].name))
			break;
	s = stmt_new(STMT_VERDICT, &t->loc);
	v = expr_new(EXPR_VERDICT, &t->loc);
	v->verdict.code = verdicts[i].code;
	v->dtype = NULL;
	s->verdict.expr = v;
	consume(p);
	if (verdicts[i].chain) {
		v->verdict.chain = parse_quoted(p, &v->verdict.chain_loc);
		if (!v->verdict.chain) {
			stmt_free(s);
			return NULL;
		}
		s->loc = loc_join(&s->loc, &v->verdict.chain_loc);
	}
	return s;
}

/* A counter's values: in a rule's statement either, both in any order
 * (the last of one counts); an element's or an object's are
 * "packets N bytes N" (@both_in_order), as the reference's grammar has
 * them. */
static struct stmt *parse_counter(struct parser *p, bool both_in_order)
{
	struct stmt *s = stmt_new(STMT_COUNTER, &peek(p)->loc);

	consume(p);
	for (;;) {
		uint64_t *n = accept_word(p, "packets") ? &s->counter.packets :
			      !both_in_order && accept_word(p, "bytes") ? &s->counter.bytes :
			      NULL;

		if (!n) {
			/* what comes next in the counter's scope of the
			 * reference's scanner */
			if (is_word(p, "bytes"))
				peek(p)->keyword = true;
			break;
		}
		if (parse_u64_tok(p, n, NULL) < 0)
			goto fail;
		if (both_in_order) {
			if (!accept_word(p, "bytes")) {
				syntax_error_i(p, "bytes");
				goto fail;
			}
			if (parse_u64_tok(p, &s->counter.bytes, NULL) < 0)
				goto fail;
			break;
		}
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/* What @key (consumed) maps to, after the word "map": { ... } or @name. */
static struct expr *parse_map_of(struct parser *p, struct expr *key)
{
	struct expr *m = expr_new(EXPR_MAP, &key->loc);

	m->map.key = key;
	if (!(m->map.set = parse_set_rhs(p))) {
		expr_free(m);
		return NULL;
	}
	m->loc = loc_join(&key->loc, &p->prev.loc);
	return m;
}

/* A value read from the packet: a selector, or what a selector maps to
 * (tcp dport map { 22 : 1 }, ip saddr map @m). */
static struct expr *parse_mapped(struct parser *p)
{
	struct expr *key = parse_lhs_concat(p);

	TRY(key);
	if (!accept_word(p, "map"))
		return key;
	return parse_map_of(p, key);
}

/* A flag's name in a list of them, where the reference's grammar takes
 * no number. */
static struct expr *parse_flag_name(struct parser *p)
{
	if (peek(p)->kind == TOK_NUMBER)
		return syntax_error(p, NULL);
	return parse_basic_value(p);
}

/* What a statement sets: a value (a range or prefix, for evaluation to
 * refuse), or names of flags joined by commas. */
static struct expr *parse_stmt_value(struct parser *p)
{
	bool number = peek(p)->kind == TOK_NUMBER;
	struct expr *e = parse_rhs_element(p);

	if (!e || number || e->kind != EXPR_SYMBOL)
		return e;
	return parse_joined(p, e, EXPR_LIST, ',', parse_flag_name);
}

/* KEY set VALUE, where the value may be read from the packet too:
 * ct mark set meta mark. */
static struct stmt *parse_set_stmt(struct parser *p, struct expr *key)
{
	static const enum stmt_kind kinds[] = {
		[EXPR_META] = STMT_META_SET, [EXPR_CT] = STMT_CT_SET,
		[EXPR_PAYLOAD] = STMT_PAYLOAD_SET, [EXPR_EXTHDR] = STMT_EXTHDR_SET,
	};
	struct stmt *s = stmt_new(kinds[key->kind], &key->loc);

	consume(p);	/* set */
	s->set.key = key;
	/* a value, not a set of them */
	if (is_punct(p, '{')) {
		stmt_free(s);
		return syntax_error(p, NULL);
	}
	s->set.value = starts_selector(p) ? parse_mapped(p) : parse_stmt_value(p);
	if (!s->set.value) {
		stmt_free(s);
		return NULL;
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
}

static const struct { const char *name; uint64_t seconds; } time_units[] = {
	{ "second", 1 }, { "minute", 60 }, { "hour", 3600 }, { "day", 86400 },
	{ "week", 604800 },
};

static int parse_time_unit(struct parser *p, uint64_t *unit)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(time_units); i++) {
		if (accept_word(p, time_units[i].name)) {
			*unit = time_units[i].seconds;
			return 0;
		}
	}
	return syntax_error_i(p, NULL);
}

/* "mbytes/second" scans as one word: make it the three tokens it is. */
static void split_slash_word(struct parser *p)
{
	struct token *t = peek(p), first, slash, second;
	char *cut;

	if (t->kind != TOK_WORD || !(cut = strchr(t->text, '/')) || cut == t->text ||
	    p->nla + 2 > LOOKAHEAD)
		return;
	first = *t;
	first.text = strndup(t->text, cut - t->text);
	first.keyword = is_keyword(first.text);
	first.loc.last_col = first.loc.first_col + (cut - t->text) - 1;
	slash = (struct token){ .kind = TOK_PUNCT, .punct = '/', .loc = first.loc };
	slash.loc.first_col = slash.loc.last_col = first.loc.last_col + 1;
	second = *t;
	second.text = xstrdup(cut + 1);
	second.keyword = is_keyword(second.text);
	second.loc.first_col = slash.loc.last_col + 1;
	free(t->text);
	memmove(&p->la[3], &p->la[1], (p->nla - 1) * sizeof(p->la[0]));
	p->la[0] = first;
	p->la[1] = slash;
	p->la[2] = second;
	p->nla += 2;
}

static const struct { const char *name; uint64_t mult; } byte_units[] = {
	{ "bytes", 1 }, { "kbytes", 1024 }, { "mbytes", 1024 * 1024 },
};

static int parse_byte_unit(struct parser *p, uint64_t *mult)
{
	size_t i;

	split_slash_word(p);
	for (i = 0; i < ARRAY_SIZE(byte_units); i++) {
		if (accept_word(p, byte_units[i].name)) {
			*mult = byte_units[i].mult;
			return 0;
		}
	}
	return syntax_error_i(p, NULL);
}

static struct stmt *parse_limit(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_LIMIT, &peek(p)->loc);
	uint64_t rate, mult = 1, burst;

	consume(p);
	if (!accept_word(p, "rate"))
		goto syntax;
	if (accept_word(p, "over"))
		s->limit.inverted = true;
	if (parse_u64_tok(p, &rate, NULL) < 0)
		goto fail;
	if (!is_punct(p, '/')) {
		if (parse_byte_unit(p, &mult) < 0)
			goto fail;
		s->limit.bytes = true;
	}
	if (!accept_punct(p, '/'))
		goto syntax;
	if (parse_time_unit(p, &s->limit.unit) < 0)
		goto fail;
	s->limit.rate = rate * mult;
	s->limit.burst = s->limit.bytes ? 0 : 5;
	if (accept_word(p, "burst")) {
		if (parse_u64_tok(p, &burst, NULL) < 0)
			goto fail;
		mult = 1;
		if (s->limit.bytes) {
			if (parse_byte_unit(p, &mult) < 0)
				goto fail;
		} else if (!accept_word(p, "packets")) {
			goto syntax;
		}
		s->limit.burst = burst * mult;
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
syntax:
	syntax_error(p, NULL);
fail:
	stmt_free(s);
	return NULL;
}

static bool log_tcp_flag_follows(struct parser *p)
{
	struct token *t = peek_n(p, 1);

	return t->kind == TOK_WORD && (!strcmp(t->text, "sequence") || !strcmp(t->text, "options"));
}

static struct stmt *parse_log(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_LOG, &peek(p)->loc);
	uint64_t x;

	consume(p);
	for (;;) {
		if (accept_word(p, "prefix")) {
			if (!(s->log.prefix = parse_text(p)))
				goto fail;
			s->log.present |= 1 << NFTNL_EXPR_LOG_PREFIX;
		} else if (accept_word(p, "group")) {
			if (parse_u64_tok(p, &x, NULL) < 0)
				goto fail;
			s->log.group = x;
			s->log.present |= 1 << NFTNL_EXPR_LOG_GROUP;
		} else if (accept_word(p, "snaplen")) {
			if (parse_u64_tok(p, &x, NULL) < 0)
				goto fail;
			s->log.snaplen = x;
			s->log.present |= 1 << NFTNL_EXPR_LOG_SNAPLEN;
		} else if (accept_word(p, "queue-threshold")) {
			if (parse_u64_tok(p, &x, NULL) < 0)
				goto fail;
			s->log.qthreshold = x;
			s->log.present |= 1 << NFTNL_EXPR_LOG_QTHRESHOLD;
		} else if (accept_word(p, "level")) {
			const struct symbolic_constant *c;
			struct token *t = peek(p);

			for (c = level_type.symbols; t->kind == TOK_WORD && c->name; c++)
				if (!strcmp(c->name, t->text))
					break;
			if (t->kind != TOK_WORD || !c->name) {
				error_at(&t->loc, "invalid log level");
				p->failed = true;
				goto fail;
			}
			consume(p);
			s->log.level = c->value;
			s->log.present |= 1 << NFTNL_EXPR_LOG_LEVEL;
		} else if (accept_word(p, "flags")) {
			do {
				if (accept_word(p, "tcp")) {
					/* tcp sequence,options: the list continues tcp's */
					do {
						if (accept_word(p, "sequence"))
							s->log.flags |= NF_LOG_TCPSEQ;
						else if (accept_word(p, "options"))
							s->log.flags |= NF_LOG_TCPOPT;
						else
							goto syntax;
					} while (is_punct(p, ',') && log_tcp_flag_follows(p) &&
						 accept_punct(p, ','));
				} else if (accept_word(p, "ip")) {
					if (!accept_word(p, "options"))
						goto syntax;
					s->log.flags |= NF_LOG_IPOPT;
				} else if (accept_word(p, "skuid")) {
					s->log.flags |= NF_LOG_UID;
				} else if (accept_word(p, "ether")) {
					s->log.flags |= NF_LOG_MACDECODE;
				} else if (accept_word(p, "all")) {
					s->log.flags |= NF_LOG_MASK;
				} else {
					goto syntax;
				}
			} while (accept_punct(p, ','));
			s->log.present |= 1 << NFTNL_EXPR_LOG_FLAGS;
		} else {
			break;
		}
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
syntax:
	syntax_error(p, NULL);
fail:
	stmt_free(s);
	return NULL;
}

static struct stmt *parse_reject(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_REJECT, &peek(p)->loc);

	consume(p);
	s->reject.type = NFT_REJECT_ICMP_UNREACH;
	s->reject.icmp_code = -1;
	if (accept_word(p, "with")) {
		if (accept_word(p, "tcp")) {
			if (!accept_word(p, "reset"))
				goto syntax;
			s->reject.type = NFT_REJECT_TCP_RST;
		} else {
			struct token *t;

			if (accept_word(p, "icmp"))
				s->reject.code_type = &icmp_code_type;
			else if (accept_word(p, "icmpv6"))
				s->reject.code_type = &icmpv6_code_type;
			else if (accept_word(p, "icmpx"))
				s->reject.code_type = &icmpx_code_type;
			else
				goto syntax;
			if (s->reject.code_type == &icmpx_code_type)
				s->reject.type = NFT_REJECT_ICMPX_UNREACH;
			accept_word(p, "type");
			t = peek(p);
			if (t->kind != TOK_WORD && t->kind != TOK_NUMBER)
				goto syntax;
			s->reject.code_loc = t->loc;
			{
				struct expr *sym = symbol_from_token(t);
				struct expr *v = value_new(&t->loc, s->reject.code_type,
							   BYTEORDER_BIG, 8);
				int err = datatype_parse(s->reject.code_type, sym, v);

				s->reject.icmp_code = value_u64(v);
				expr_free(sym);
				expr_free(v);
				if (err < 0) {
					p->failed = true;
					goto fail;
				}
			}
			consume(p);
		}
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
syntax:
	syntax_error(p, NULL);
fail:
	stmt_free(s);
	return NULL;
}

static int parse_nat_flags(struct parser *p, uint32_t *flags)
{
	for (;;) {
		if (accept_word(p, "random"))
			*flags |= NF_NAT_RANGE_PROTO_RANDOM;
		else if (accept_word(p, "fully-random"))
			*flags |= NF_NAT_RANGE_PROTO_RANDOM_FULLY;
		else if (accept_word(p, "persistent"))
			*flags |= NF_NAT_RANGE_PERSISTENT;
		else
			return 0;
		if (!accept_punct(p, ','))
			return 0;
	}
}

static struct stmt *parse_nat(struct parser *p, enum nat_kind kind)
{
	struct stmt *s = stmt_new(STMT_NAT, &peek(p)->loc);

	consume(p);
	s->nat.kind = kind;
	if (kind == NAT_SNAT || kind == NAT_DNAT) {
		if (is_word(p, "ip") || is_word(p, "ip6")) {
			s->nat.family = is_word(p, "ip") ? NFPROTO_IPV4 : NFPROTO_IPV6;
			consume(p);
			/* what the map's values are, said outright */
			if (accept_word(p, "addr")) {
				if (!accept_punct(p, '.') || !accept_word(p, "port"))
					goto syntax;
				s->nat.concat = true;
			}
		}
		if (!accept_word(p, "to"))
			goto syntax;
		if (starts_selector(p)) {
			/* snat to ip saddr map @m: addresses looked up */
			if (!(s->nat.addr = parse_mapped(p)))
				goto fail;
		} else if (!is_punct(p, ':')) {
			if (!(s->nat.addr = parse_rhs_element(p)))
				goto fail;
		}
		if (accept_punct(p, ':')) {
			if (!(s->nat.port = starts_selector(p) ? parse_mapped(p) :
					    parse_rhs_element(p)))
				goto fail;
		}
	} else if (accept_word(p, "to")) {
		/* a redirect's port may come without its colon */
		if (!accept_punct(p, ':') && kind == NAT_MASQ) {
			syntax_error(p, "colon");
			goto fail;
		}
		if (!(s->nat.port = starts_selector(p) ? parse_mapped(p) : parse_rhs_element(p)))
			goto fail;
	}
	parse_nat_flags(p, &s->nat.flags);
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
syntax:
	syntax_error(p, NULL);
fail:
	stmt_free(s);
	return NULL;
}

static struct stmt *parse_quota(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_QUOTA, &peek(p)->loc);
	uint64_t n, mult;

	consume(p);
	if (accept_word(p, "over"))
		s->quota.inverted = true;
	else
		accept_word(p, "until");
	if (parse_u64_tok(p, &n, NULL) < 0 || parse_byte_unit(p, &mult) < 0)
		goto fail;
	s->quota.bytes = n * mult;
	if (accept_word(p, "used")) {
		if (parse_u64_tok(p, &n, NULL) < 0 || parse_byte_unit(p, &mult) < 0)
			goto fail;
		s->quota.used = n * mult;
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/* The words the reference's scanner reserves inside a queue statement:
 * an error names them as themselves. */
static const char *const queue_scope[] = { "num", "to", "flags", "bypass", "fanout", NULL };

static void mark_queue_scope(struct parser *p)
{
	struct token *t = peek(p);
	const char *const *w;

	for (w = queue_scope; t->kind == TOK_WORD && *w; w++)
		if (!strcmp(*w, t->text))
			t->keyword = true;
}

static void *queue_syntax_error(struct parser *p, const char *expecting)
{
	mark_queue_scope(p);
	return syntax_error(p, expecting);
}

/* bypass or fanout, and more of them after commas, into *flags. */
static int parse_queue_flags(struct parser *p, uint16_t *flags)
{
	do {
		if (accept_word(p, "bypass"))
			*flags |= NFT_QUEUE_FLAG_BYPASS;
		else if (accept_word(p, "fanout"))
			*flags |= NFT_QUEUE_FLAG_CPU_FANOUT;
		else
			return queue_syntax_error(p, "bypass or fanout"), -1;
	} while (accept_punct(p, ','));
	return 0;
}

/* A queue's number or range of them, as numbers (or variables holding
 * them): N, N-M. */
static struct expr *parse_queue_number(struct parser *p)
{
	struct expr *e, *r;

	if (peek(p)->kind != TOK_NUMBER)
		return queue_syntax_error(p, "number or '$'");
	e = symbol_from_token(peek(p));
	consume(p);
	if (!is_punct(p, '-'))
		return e;
	consume(p);
	r = expr_new(EXPR_RANGE, &e->loc);
	r->range.low = e;
	if (peek(p)->kind != TOK_NUMBER) {
		expr_free(r);
		return queue_syntax_error(p, "number or '$'");
	}
	r->range.high = symbol_from_token(peek(p));
	consume(p);
	r->loc = loc_join(&e->loc, &r->range.high->loc);
	return r;
}

/* A part of a queue's map key after a dot: a selector or a number. */
static struct expr *parse_queue_key_part(struct parser *p)
{
	struct expr *e;

	if (peek(p)->kind != TOK_NUMBER)
		return parse_primary(p);
	e = symbol_from_token(peek(p));
	consume(p);
	return e;
}

/* What follows "to": a number or range, numgen or a hash alone, or a
 * key (a selector, numgen, a hash, or them joined by dots) and the map
 * that gives the queue. */
static struct expr *parse_queue_target(struct parser *p)
{
	struct expr *key;
	struct token *t = peek(p);

	if (t->kind == TOK_NUMBER) {
		key = parse_queue_number(p);
		if (!key || !is_punct(p, '.'))
			return key;
		key = parse_joined(p, key, EXPR_CONCAT, '.', parse_queue_key_part);
	} else if (t->kind == TOK_WORD && (!strcmp(t->text, "numgen") ||
					   !strcmp(t->text, "jhash") ||
					   !strcmp(t->text, "symhash"))) {
		key = parse_primary(p);
		if (!key || (!is_punct(p, '.') && !is_word(p, "map")))
			return key;
		key = parse_joined(p, key, EXPR_CONCAT, '.', parse_queue_key_part);
	} else if (starts_selector(p)) {
		key = parse_lhs_concat(p);
	} else if (t->kind == TOK_QUOTED || (t->kind == TOK_WORD && !t->keyword &&
					      !is_word(p, "bypass") && !is_word(p, "fanout") &&
					      !is_word(p, "num") && !is_word(p, "flags"))) {
		/* the reference's grammar reads a word as a key too, and
		 * wants its map */
		consume(p);
		return queue_syntax_error(p, ". or map");
	} else {
		return queue_syntax_error(p, NULL);
	}
	TRY(key);
	if (!accept_word(p, "map")) {
		expr_free(key);
		return queue_syntax_error(p, ". or map");
	}
	return parse_map_of(p, key);
}

/*
 * queue [flags FLAGS] to TARGET, queue flags FLAGS num NUMBER, and the
 * older form: queue, then num NUMBER and bypass/fanout lists in any
 * order, the last number counting.  The older form's statement is its
 * word alone, and its number spans "num" too, as in the reference's
 * errors.
 */
static struct stmt *parse_queue(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_QUEUE, &peek(p)->loc);
	struct location num_loc;
	struct expr *e;

	consume(p);
	if (accept_word(p, "flags")) {
		if (parse_queue_flags(p, &s->queue.flags) < 0)
			goto fail;
		if (accept_word(p, "to")) {
			s->queue.qnum = parse_queue_target(p);
		} else if (accept_word(p, "num")) {
			s->queue.qnum = parse_queue_number(p);
		} else {
			queue_syntax_error(p, "comma or to or num");
			goto fail;
		}
		if (!s->queue.qnum)
			goto fail;
	} else if (accept_word(p, "to")) {
		if (!(s->queue.qnum = parse_queue_target(p)))
			goto fail;
	} else {
		for (;;) {
			if (is_word(p, "num")) {
				num_loc = peek(p)->loc;
				consume(p);
				if (!(e = parse_queue_number(p)))
					goto fail;
				e->loc = loc_join(&num_loc, &e->loc);
				expr_free(s->queue.qnum);
				s->queue.qnum = e;
			} else if (is_word(p, "bypass") || is_word(p, "fanout")) {
				if (parse_queue_flags(p, &s->queue.flags) < 0)
					goto fail;
			} else {
				break;
			}
		}
		mark_queue_scope(p);
		return s;
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	mark_queue_scope(p);
	return s;
fail:
	stmt_free(s);
	return NULL;
}

static bool is_objref(struct parser *p);
static struct stmt *parse_objref(struct parser *p);
static struct stmt *parse_synproxy(struct parser *p);
static struct stmt *parse_dynset(struct parser *p);
static struct stmt *parse_meter(struct parser *p, bool flow_table);
static bool is_connlimit(struct parser *p);
static struct stmt *parse_connlimit(struct parser *p);
static struct expr *parse_lhs_concat(struct parser *p);
static struct stmt *parse_vmap(struct parser *p, struct expr *key);

/*
 * dup to ADDRESS [device "IF"], dup to "IF", fwd to "IF": which of the
 * first two a target is depends on the family, known at evaluation; the
 * target stays in dup.addr until then.
 */
static struct stmt *parse_dup(struct parser *p)
{
	struct stmt *s = stmt_new(is_word(p, "dup") ? STMT_DUP : STMT_FWD, &peek(p)->loc);

	consume(p);
	if (!accept_word(p, "to")) {
		syntax_error(p, NULL);
		goto fail;
	}
	if (!(s->dup.addr = parse_rhs_element(p)))
		goto fail;
	if (s->kind == STMT_DUP && accept_word(p, "device")) {
		if (!starts_value(p)) {
			syntax_error(p, NULL);
			goto fail;
		}
		s->dup.dev = symbol_from_token(peek(p));
		consume(p);
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/*
 * tproxy [ip|ip6] to ADDRESS[:PORT], to [IPV6]:PORT, to :PORT.  A
 * bracketed address is one of IPv6, the brackets part of its place.
 */
static struct stmt *parse_tproxy(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_TPROXY, &peek(p)->loc);

	consume(p);
	if (is_word(p, "ip") || is_word(p, "ip6")) {
		s->tproxy.family = is_word(p, "ip") ? NFPROTO_IPV4 : NFPROTO_IPV6;
		consume(p);
	}
	if (!accept_word(p, "to")) {
		syntax_error(p, s->tproxy.family ? "to" : "to or ip or ip6");
		goto fail;
	}
	if (!is_punct(p, ':')) {
		if (!(s->tproxy.addr = parse_rhs_element(p)))
			goto fail;
	}
	if (accept_punct(p, ':') && !(s->tproxy.port = parse_rhs_element(p)))
		goto fail;
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/* flow add|offload @NAME: the packet's flow goes to that flowtable. */
static struct stmt *parse_flow_offload(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_FLOW_OFFLOAD, &peek(p)->loc);

	consume(p);
	if (!accept_word(p, "add") && !accept_word(p, "offload"))
		syntax_error(p, "table");
	else if (!accept_punct(p, '@'))
		syntax_error(p, "@");
	else if ((s->flow.flowtable = parse_text(p)))
		s->loc = loc_join(&s->loc, &p->prev.loc);
	if (!s->flow.flowtable) {
		stmt_free(s);
		return NULL;
	}
	return s;
}

static struct stmt *parse_stmt(struct parser *p)
{
	struct token *t = peek(p);
	struct expr *left;
	const char *w;

	/* (a number begins a match as a bare word does) */
	if (t->kind != TOK_WORD && t->kind != TOK_NUMBER)
		return syntax_error(p, NULL);
	w = t->text;
	if (!strcmp(w, "accept") || !strcmp(w, "drop") || !strcmp(w, "continue") ||
	    !strcmp(w, "return") || !strcmp(w, "jump") || !strcmp(w, "goto"))
		return parse_verdict(p);
	if (is_objref(p))
		return parse_objref(p);
	if (!strcmp(w, "synproxy"))
		return parse_synproxy(p);
	if (!strcmp(w, "add") || !strcmp(w, "update") || !strcmp(w, "delete"))
		return parse_dynset(p);
	if (!strcmp(w, "meter"))
		return parse_meter(p, false);
	if (!strcmp(w, "flow"))
		return peek_n(p, 1)->kind == TOK_WORD && !strcmp(peek_n(p, 1)->text, "table") ?
		       parse_meter(p, true) : parse_flow_offload(p);
	if (is_connlimit(p))
		return parse_connlimit(p);
	if (!strcmp(w, "counter"))
		return parse_counter(p, false);
	if (!strcmp(w, "notrack")) {
		struct stmt *s = stmt_new(STMT_NOTRACK, &t->loc);

		consume(p);
		return s;
	}
	if (!strcmp(w, "limit"))
		return parse_limit(p);
	if (!strcmp(w, "log"))
		return parse_log(p);
	if (!strcmp(w, "reject"))
		return parse_reject(p);
	if (!strcmp(w, "masquerade"))
		return parse_nat(p, NAT_MASQ);
	if (!strcmp(w, "redirect"))
		return parse_nat(p, NAT_REDIR);
	if (!strcmp(w, "snat"))
		return parse_nat(p, NAT_SNAT);
	if (!strcmp(w, "dnat"))
		return parse_nat(p, NAT_DNAT);
	if (!strcmp(w, "quota"))
		return parse_quota(p);
	if (!strcmp(w, "queue"))
		return parse_queue(p);
	if (!strcmp(w, "dup") || !strcmp(w, "fwd"))
		return parse_dup(p);
	if (!strcmp(w, "tproxy"))
		return parse_tproxy(p);
	if (!t->keyword && !proto_find(w) && !is_unqualified_meta(w)) {
		/* A bare word compares a value of no known type with another,
		 * which evaluation refuses. */
		left = symbol_from_token(t);
		consume(p);
		/* a reserved word is no value to compare with */
		if (at_separator(p) || (peek(p)->kind == TOK_WORD && peek(p)->keyword)) {
			expr_free(left);
			return syntax_error(p, NULL);
		}
		return parse_match(p, left);
	}
	left = parse_lhs_concat(p);
	TRY(left);
	if (is_word(p, "set") && (left->kind == EXPR_META || left->kind == EXPR_CT ||
				  left->kind == EXPR_PAYLOAD ||
				  (left->kind == EXPR_EXTHDR && !left->exthdr.present)))
		return parse_set_stmt(p, left);
	if (is_word(p, "vmap"))
		return parse_vmap(p, left);
	return parse_match(p, left);
}

/* Whether a statement may begin at the next token, as far as a reserved
 * word tells: it is one of a statement's first words, or begins a
 * selector. */
static bool starts_stmt(struct parser *p)
{
	static const char *const words[] = {
		"accept", "drop", "continue", "return", "jump", "goto", "synproxy", "add",
		"update", "delete", "meter", "counter", "notrack", "limit", "log", "reject",
		"masquerade", "redirect", "snat", "dnat", "quota", "queue", "dup", "fwd", "set",
		"tproxy",
		"flow",
	};
	struct token *t = peek(p);
	size_t i;

	if (t->kind != TOK_WORD || !t->keyword)
		return true;
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (!strcmp(t->text, words[i]))
			return true;
	return is_objref(p) || starts_selector(p) || proto_find(t->text);
}

/* Statements up to the end of the line; "comment" gives the rule's.
 * @in_block: the rule is in a chain's { }, where the input cannot end. */
static struct rule *parse_rule_body(struct parser *p, struct rule *r, bool in_block)
{
	struct stmt **tail = &r->stmts;

	r->loc = peek(p)->loc;
	while (!at_separator(p)) {
		struct stmt *s;

		/* a comment follows the statements and ends the rule */
		if (is_word(p, "comment") && r->stmts) {
			consume(p);
			if (!(r->comment = parse_text(p)))
				return NULL;
			if (!at_separator(p))
				return syntax_error(p, in_block ? "newline or semicolon" :
						    "end of file or newline or semicolon");
			break;
		}
		/* after a statement, punctuation or a reserved word that
		 * cannot begin another one can only have been meant to end
		 * the rule */
		if (r->stmts && ((peek(p)->kind == TOK_PUNCT && !strchr("({@$", peek(p)->punct)) ||
				 peek(p)->kind == TOK_JUNK || !starts_stmt(p)))
			return syntax_error(p, in_block ? "newline or semicolon" :
					    "end of file or newline or semicolon");
		s = parse_stmt(p);
		TRY(s);
		*tail = s;
		tail = &s->next;
		r->loc = loc_join(&r->loc, &s->loc);
	}
	if (!r->stmts)
		return syntax_error(p, NULL);
	return r;
}

/* ---- Sets, maps and stateful objects ----------------------------------------- */

static int parse_table_spec(struct parser *p, struct handle *h, bool *given);
static int parse_handle_word(struct parser *p, struct handle *h);

/* A time as nft writes them (10s, 1h30m, 500ms; a bare number is seconds),
 * in milliseconds. */
static int parse_time_ms(struct parser *p, uint64_t *ms)
{
	struct token *t = peek(p);
	struct expr *sym, *v;
	int err;

	/* a bare number has no unit: the reference's grammar wants a word */
	if (t->kind != TOK_WORD)
		return syntax_error_i(p, "string");
	sym = symbol_from_token(t);
	v = value_new(&t->loc, &time_type, BYTEORDER_HOST, 64);
	err = datatype_parse(&time_type, sym, v);
	*ms = value_u64(v);
	expr_free(sym);
	expr_free(v);
	if (err < 0) {
		p->failed = true;
		return -1;
	}
	consume(p);
	return 0;
}

/* value [. value ...] */
static struct expr *parse_concat_rhs(struct parser *p)
{
	return parse_concat(p, parse_rhs_element);
}

/* The statements and options an element may carry after its key: the
 * statements come first, as in the reference's grammar. */
static struct expr *parse_elem_options(struct parser *p, struct expr *key)
{
	struct expr *el = NULL;
	struct stmt **tail;

	if (!is_word(p, "timeout") && !is_word(p, "expires") && !is_word(p, "comment") &&
	    !is_word(p, "counter"))
		return key;
	el = expr_new(EXPR_SET_ELEM, &key->loc);
	el->elem.key = key;
	for (tail = &el->elem.stmts; is_word(p, "counter"); tail = &(*tail)->next)
		if (!(*tail = parse_counter(p, true)))
			goto fail;
	while (is_word(p, "timeout") || is_word(p, "expires") || is_word(p, "comment")) {
		if (accept_word(p, "timeout")) {
			if (parse_time_ms(p, &el->elem.timeout) < 0)
				goto fail;
		} else if (accept_word(p, "expires")) {
			if (parse_time_ms(p, &el->elem.expires) < 0)
				goto fail;
		} else if (accept_word(p, "comment")) {
			free(el->elem.comment);
			if (!(el->elem.comment = parse_text(p)))
				goto fail;
		}
	}
	return el;
fail:
	expr_free(el);
	return NULL;
}

static bool is_verdict_word(struct parser *p)
{
	return is_word(p, "accept") || is_word(p, "drop") || is_word(p, "continue") ||
	       is_word(p, "return") || is_word(p, "jump") || is_word(p, "goto");
}

/* key [options] [: data] */
/* What a map's element maps to, after its colon: a verdict or a value. */
static struct expr *parse_elem_data(struct parser *p)
{
	struct expr *data;
	struct stmt *v;

	if (!is_verdict_word(p))
		return parse_concat_rhs(p);
	TRY(v = parse_verdict(p));
	data = v->verdict.expr;
	v->verdict.expr = NULL;
	free(v);
	return data;
}

static struct expr *mapping_new(struct expr *key, struct expr *data)
{
	struct expr *m = expr_new(EXPR_MAPPING, &key->loc);

	m->mapping.key = key;
	m->mapping.data = data;
	m->loc = loc_join(&key->loc, &data->loc);
	return m;
}

static struct expr *parse_set_elem(struct parser *p)
{
	struct expr *key = parse_concat_rhs(p), *data;

	TRY(key);
	key = parse_elem_options(p, key);
	TRY(key);
	if (!accept_punct(p, ':'))
		return key;
	if (!(data = parse_elem_data(p))) {
		expr_free(key);
		return NULL;
	}
	return mapping_new(key, data);
}

static void skip_newlines(struct parser *p)
{
	while (peek(p)->kind == TOK_NEWLINE)
		consume(p);
}

/*
 * { element, element ... }, lines broken anywhere between elements.  The
 * elements of a set's declaration or of an element command (@by_place)
 * are kept by their places in the input, to be parsed again one at a
 * time when the set's type is known: a set of many elements costs a few
 * bytes each until then.  One that took a variable's value cannot be
 * read again from its place alone: it is kept as an expression.
 */
static struct expr *parse_set_block(struct parser *p, bool by_place)
{
	struct expr *set = expr_new(EXPR_SET, &peek(p)->loc), **tail = &set->set.elems;

	consume(p);	/* { */
	for (;;) {
		struct location start;
		struct expr *el;

		skip_newlines(p);
		/* a block has an element, and may end with a comma */
		if (set->set.count && accept_punct(p, '}'))
			break;
		start = peek(p)->loc;
		p->took_expanded = false;
		if (is_punct(p, '{')) {
			/* a set in a set (a variable's, mostly) gives its elements */
			bool expanded = peek(p)->expanded;
			struct expr *inner = parse_set_block(p, false), *data = NULL;

			if (!inner)
				goto fail;
			/* $set : v maps each of the variable's elements to v (the
			 * reference's grammar takes no set written there) */
			if (expanded && accept_punct(p, ':') && !(data = parse_elem_data(p))) {
				expr_free(inner);
				goto fail;
			}
			while ((el = inner->set.elems)) {
				inner->set.elems = el->next;
				el->next = NULL;
				if (data)
					el = mapping_new(el, expr_clone(data));
				if (by_place)
					set_block_add_place(set, NULL);
				*tail = el;
				tail = &el->next;
				set->set.count++;
			}
			inner->set.count = 0;
			expr_free(inner);
			expr_free(data);
		} else {
			el = parse_set_elem(p);
			if (!el)
				goto fail;
			if (by_place && set_block_add_place(set, p->took_expanded ? NULL : &start)) {
				expr_free(el);
			} else {
				*tail = el;
				tail = &el->next;
			}
			set->set.count++;
		}
		skip_newlines(p);
		if (accept_punct(p, ','))
			continue;
		if (accept_punct(p, '}'))
			break;
		syntax_error(p, "comma or '}'");
		goto fail;
	}
	set->loc = loc_join(&set->loc, &p->prev.loc);
	return set;
fail:
	expr_free(set);
	return NULL;
}

/* @name */
static struct expr *parse_set_ref(struct parser *p)
{
	struct expr *e = expr_new(EXPR_SET_REF, &peek(p)->loc);
	struct location loc;

	consume(p);	/* @ */
	if (!(e->set_ref.name = parse_identifier(p, &loc))) {
		expr_free(e);
		return NULL;
	}
	e->loc = loc_join(&e->loc, &loc);
	return e;
}

/* What a match compares with when it is a set: { ... } or @name. */
static struct expr *parse_set_rhs(struct parser *p)
{
	return is_punct(p, '@') ? parse_set_ref(p) : parse_set_block(p, false);
}

/* key vmap { ... } | key vmap @name */
static struct stmt *parse_vmap(struct parser *p, struct expr *key)
{
	struct stmt *s = stmt_new(STMT_VMAP, &key->loc);

	consume(p);	/* vmap */
	s->vmap.key = key;
	if (!is_punct(p, '{') && !is_punct(p, '@')) {
		stmt_free(s);
		return syntax_error(p, NULL);
	}
	s->vmap.map = parse_set_rhs(p);
	if (!s->vmap.map) {
		stmt_free(s);
		return NULL;
	}
	s->loc = loc_join(&s->loc, &s->vmap.map->loc);
	return s;
}

/* selector [. selector ...] */
static struct expr *parse_lhs_concat(struct parser *p)
{
	return parse_concat(p, parse_lhs);
}

/* ct count [over] N */
static struct stmt *parse_connlimit(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_CONNLIMIT, &peek(p)->loc);
	uint64_t count;

	consume(p);	/* ct */
	consume(p);	/* count */
	if (accept_word(p, "over"))
		s->connlimit.inverted = true;
	else if (peek(p)->kind != TOK_NUMBER)
		goto syntax;
	if (parse_u64_tok(p, &count, NULL) < 0)
		goto fail;
	s->connlimit.count = count;
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
syntax:
	syntax_error(p, "number or over");
fail:
	stmt_free(s);
	return NULL;
}

static bool is_connlimit(struct parser *p)
{
	return is_word(p, "ct") && peek_n(p, 1)->kind == TOK_WORD &&
	       !strcmp(peek_n(p, 1)->text, "count");
}

/* Whether "ct @word" names a kind of conntrack object (ct helper, ...). */
static bool is_ct_object_word(const char *word)
{
	size_t i;

	for (i = 0; i < n_obj_kinds; i++)
		if (!strncmp(obj_kinds[i].word, "ct ", 3) && !strcmp(obj_kinds[i].word + 3, word))
			return true;
	return false;
}

/* A statement that keeps state, as the elements a rule adds hold them.
 * A counter's, quota's or limit's reference by name is read too:
 * evaluation refuses it with the reference's words. */
static struct stmt *parse_stateful_stmt(struct parser *p)
{
	bool counter_quota_limit = is_word(p, "counter") || is_word(p, "quota") ||
				   is_word(p, "limit");

	if (counter_quota_limit && is_objref(p)) {
		struct location start = peek(p)->loc;
		struct stmt *s = parse_objref(p);

		/* refused whole, not at the object's name as the kernel is */
		if (s)
			s->loc = loc_join(&start, &p->prev.loc);
		return s;
	}
	if (is_word(p, "counter")) {
		struct stmt *s = parse_counter(p, false);

		if (s)
			s->loc = loc_join(&s->loc, &p->prev.loc);
		return s;
	}
	if (is_word(p, "limit"))
		return parse_limit(p);
	if (is_word(p, "quota"))
		return parse_quota(p);
	if (is_connlimit(p))
		return parse_connlimit(p);
	/* here "ct" begins ct count alone */
	if (accept_word(p, "ct")) {
		struct token *t = peek(p);

		if (t->kind == TOK_WORD && (ct_key_find(t->text) || is_ct_object_word(t->text)))
			t->keyword = true;	/* as the reference's scanner knows it */
		return syntax_error(p, "count");
	}
	return syntax_error(p, NULL);
}

/* The key of an element a rule adds, and its timeout: KEY [timeout T]... */
static int parse_dynset_key(struct parser *p, struct stmt *s)
{
	if (!(s->dynset.key = parse_lhs_concat(p)))
		return -1;
	while (accept_word(p, "timeout"))
		TRYI(parse_time_ms(p, &s->dynset.timeout));
	return 0;
}

/* add|update|delete @set { key [timeout T] [stateful statements] [: data] } */
static struct stmt *parse_dynset(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_DYNSET, &peek(p)->loc), **tail = &s->dynset.stmts;

	s->dynset.op = is_word(p, "add") ? NFT_DYNSET_OP_ADD :
		       is_word(p, "update") ? NFT_DYNSET_OP_UPDATE : NFT_DYNSET_OP_DELETE;
	consume(p);
	if (!is_punct(p, '@')) {
		syntax_error(p, "@ or '$'");
		goto fail;
	}
	if (!(s->dynset.set = parse_set_ref(p)))
		goto fail;
	if (!accept_punct(p, '{')) {
		syntax_error(p, "'{'");
		goto fail;
	}
	if (parse_dynset_key(p, s) < 0)
		goto fail;
	while (!is_punct(p, '}') && !is_punct(p, ':')) {
		struct stmt *x = parse_stateful_stmt(p);

		if (!x)
			goto fail;
		*tail = x;
		tail = &x->next;
	}
	if (accept_punct(p, ':')) {
		/* a value, or a selector's, changed: no verdict, map,
		 * range or list */
		if (is_verdict_word(p) || is_punct(p, '{')) {
			syntax_error(p, NULL);
			goto fail;
		}
		s->dynset.data = starts_selector(p) ? parse_lhs(p) : parse_basic_value(p);
		if (!s->dynset.data)
			goto fail;
		if (is_word(p, "timeout")) {
			error_at(&s->dynset.data->loc, "Data expression timeouts are not supported");
			p->failed = true;
			goto fail;
		}
		if (!is_punct(p, '}')) {
			syntax_error(p, "'}'");
			goto fail;
		}
	}
	consume(p);
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/*
 * meter NAME [size N] { KEY [timeout T] STATEFUL-STMT }, or its old
 * form (@flow_table) flow table NAME { ... }, without a size: the set it
 * makes is known by name, size and place here; its key and flags come
 * with evaluation.  A statement of any kind is read, for evaluation to
 * refuse one that keeps no state as the reference does.
 */
static struct stmt *parse_meter(struct parser *p, bool flow_table)
{
	struct stmt *s = stmt_new(STMT_DYNSET, &peek(p)->loc);
	struct set *set = xcalloc(1, sizeof(*set));
	uint64_t size;

	consume(p);
	if (flow_table)
		consume(p);
	s->dynset.set = expr_new(EXPR_SET_REF, &s->loc);
	s->dynset.set->set_ref.name = xstrdup("");
	s->dynset.set->set_ref.set = set;
	set->flags = NFT_SET_ANONYMOUS | NFT_SET_EVAL;
	if (!(set->name = parse_identifier(p, &set->name_loc)))
		goto fail;
	if (!flow_table && accept_word(p, "size")) {
		if (parse_u64_tok(p, &size, NULL) < 0)
			goto fail;
		set->size = size;
		if (!is_punct(p, '{')) {
			syntax_error(p, "'{'");
			goto fail;
		}
	}
	if (!accept_punct(p, '{')) {
		syntax_error(p, flow_table ? "table or '{'" : "size or '{'");
		goto fail;
	}
	set->loc = peek(p)->loc;
	if (parse_dynset_key(p, s) < 0)
		goto fail;
	set->loc = loc_join(&set->loc, &p->prev.loc);
	/* elements with a timeout are refreshed by each packet, the others
	 * added once */
	if (s->dynset.timeout) {
		set->flags |= NFT_SET_TIMEOUT;
		s->dynset.op = NFT_DYNSET_OP_UPDATE;
	} else {
		s->dynset.op = NFT_DYNSET_OP_ADD;
	}
	if (!(s->dynset.stmts = parse_stmt(p)))
		goto fail;
	if (!accept_punct(p, '}')) {
		syntax_error(p, "'}'");
		goto fail;
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/*
 * A use of a named object: counter name "x", ct helper set "x", synproxy
 * name "x", meta secmark set "x", ...; the name may be a word or a number
 * too.  Or the object a map picks: counter name ip saddr map @m.  Other
 * expressions there (a selector alone, names joined by dots) are read for
 * evaluation to refuse them as the reference does.
 */
static struct stmt *parse_objref(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_OBJREF, &peek(p)->loc);
	unsigned int n = 0;
	struct token *t;
	size_t i;

	for (i = 0; i < n_obj_kinds && !(n = words_at(p, obj_kinds[i].ref)); i++)
		;
	s->objref.type = obj_kinds[i].type;
	while (n--)
		consume(p);
	if (starts_selector(p)) {
		if (!(s->objref.expr = parse_mapped(p))) {
			stmt_free(s);
			return NULL;
		}
		s->loc = loc_join(&s->loc, &p->prev.loc);
		return s;
	}
	t = peek(p);
	if (t->kind != TOK_QUOTED && t->kind != TOK_NUMBER &&
	    !(t->kind == TOK_WORD && !t->keyword)) {
		syntax_error(p, NULL);
		stmt_free(s);
		return NULL;
	}
	if (peek_n(p, 1)->kind == TOK_PUNCT && peek_n(p, 1)->punct == '.') {
		if (!(s->objref.expr = parse_concat_rhs(p))) {
			stmt_free(s);
			return NULL;
		}
		s->loc = loc_join(&s->loc, &p->prev.loc);
		return s;
	}
	s->objref.name = xstrdup(t->text);
	/* the kernel's error about the object points at its name */
	s->loc = t->loc;
	consume(p);
	return s;
}

static bool is_objref(struct parser *p)
{
	size_t i;

	for (i = 0; i < n_obj_kinds; i++)
		if (words_at(p, obj_kinds[i].ref))
			return true;
	return false;
}

/* The kind of object a map's data names when the next word is one that
 * may be (type ipv4_addr : counter), NULL else. */
static const struct obj_kind *map_data_kind_at(struct parser *p)
{
	size_t i;

	for (i = 0; i < n_obj_kinds; i++)
		if (obj_kinds[i].map_data && words_at(p, obj_kinds[i].word) == 1)
			return &obj_kinds[i];
	return NULL;
}

/* One datatype name of a set's "type" key. */
static struct expr *parse_set_type_part(struct parser *p)
{
	struct token *t = peek(p);
	const struct datatype *dt;
	struct expr *key;

	/* the reference's grammar takes no reserved word for a type but
	 * mark and ecn (not day, hour); its JSON input takes every type's
	 * name */
	if (t->kind != TOK_WORD ||
	    (t->keyword && strcmp(t->text, "mark") && strcmp(t->text, "ecn") &&
	     !t->loc.in->internal))
		return syntax_error(p, NULL);
	dt = strcmp(t->text, "verdict") ? datatype_by_name(t->text) : &verdict_type;
	if (!dt) {
		error_at(&t->loc, "unknown datatype %s", t->text);
		p->failed = true;
		return NULL;
	}
	key = set_key_of_type(dt, &t->loc);
	consume(p);
	return key;
}

/* type a [. b ...] [: c]; typeof selector [. selector ...] [: selector] */
static struct expr *parse_set_type(struct parser *p)
{
	return parse_concat(p, parse_set_type_part);
}

static const struct { const char *name; uint32_t flag; } set_flag_names[] = {
	{ "constant", NFT_SET_CONSTANT }, { "interval", NFT_SET_INTERVAL },
	{ "timeout", NFT_SET_TIMEOUT }, { "dynamic", NFT_SET_EVAL },
};

static int parse_set_flags(struct parser *p, struct set *s)
{
	do {
		size_t i;

		for (i = 0; i < ARRAY_SIZE(set_flag_names); i++)
			if (is_word(p, set_flag_names[i].name))
				break;
		if (i == ARRAY_SIZE(set_flag_names))
			return syntax_error_i(p, "constant or interval or dynamic or timeout");
		consume(p);
		s->flags |= set_flag_names[i].flag;
	} while (accept_punct(p, ','));
	return 0;
}

/*
 * type KEY [: DATA]; or typeof ...;: the set's key, a map's data, taken
 * when the whole declaration parses, its end too (as the reference's
 * grammar takes it: a declaration in error leaves the set without a
 * key).  A type may go on with a concatenation's dot.
 */
static int parse_set_types(struct parser *p, struct set *s, bool map)
{
	bool typeof_ = is_word(p, "typeof");
	struct expr *key, *data = NULL;
	const struct obj_kind *k = NULL;
	const char *end = "newline or semicolon or .";
	bool data_interval = false;

	consume(p);
	key = typeof_ ? parse_lhs_concat(p) : parse_set_type(p);
	if (!key)
		return -1;
	if (map) {
		if (!accept_punct(p, ':')) {
			expr_free(key);
			return syntax_error_i(p, typeof_ ? "colon" : "colon or .");
		}
		data_interval = accept_word(p, "interval");
		/* verdicts have no selector: typeof ip saddr : verdict; names
		 * of objects make a map of objects, not of values */
		if (typeof_ && is_word(p, "verdict")) {
			data = set_key_of_type(&verdict_type, &peek(p)->loc);
			consume(p);
			end = "newline or semicolon";
		} else if (!typeof_ && (k = map_data_kind_at(p))) {
			consume(p);
			end = "newline or semicolon";
		} else if (!(data = typeof_ ? parse_lhs_concat(p) : parse_set_type(p))) {
			expr_free(key);
			return -1;
		} else if (typeof_) {
			end = "newline or semicolon";
		}
	}
	if (expect_separator(p, end) < 0) {
		expr_free(key);
		expr_free(data);
		return -1;
	}
	expr_free(s->key);
	s->key = key;
	s->key_typeof = typeof_;
	if (map) {
		expr_free(s->data);
		s->data = data;
		s->data_typeof = typeof_ && data && data->dtype != &verdict_type;
		s->data_interval = data_interval;
		s->objtype = k ? k->type : 0;
		s->flags = (s->flags & ~(NFT_SET_MAP | NFT_SET_OBJECT)) |
			   (k ? NFT_SET_OBJECT : NFT_SET_MAP);
	}
	return 0;
}

/* What a set's block declares: the set, and whether it is a map. */
struct set_block {
	struct set *set;
	bool map;
};

/* One declaration inside set NAME { ... } or map NAME { ... }, with its
 * separator (elements and auto-merge want none), taken when read whole. */
static int parse_set_member(struct parser *p, void *block)
{
	struct set_block *b = block;
	struct set *s = b->set;
	uint64_t x;
	char *text;

	if (is_word(p, "type") || is_word(p, "typeof"))
		return parse_set_types(p, s, b->map);
	if (accept_word(p, "flags")) {
		struct set flags = { 0 };

		TRYI(parse_set_flags(p, &flags));
		TRYI(expect_separator(p, "newline or semicolon or comma"));
		s->flags |= flags.flags;
		return 0;
	}
	if (accept_word(p, "timeout")) {
		TRYI(parse_time_ms(p, &x));
		TRYI(expect_separator(p, "newline or semicolon"));
		s->timeout = x;
		s->flags |= NFT_SET_TIMEOUT;
	} else if (accept_word(p, "gc-interval")) {
		TRYI(parse_time_ms(p, &x));
		TRYI(expect_separator(p, "newline or semicolon"));
		s->gc_interval = x;
	} else if (accept_word(p, "size")) {
		TRYI(parse_u64_tok(p, &x, NULL));
		TRYI(expect_separator(p, "newline or semicolon"));
		s->size = x;
	} else if (accept_word(p, "policy")) {
		if (accept_word(p, "performance"))
			x = NFT_SET_POL_PERFORMANCE;
		else if (accept_word(p, "memory"))
			x = NFT_SET_POL_MEMORY;
		else
			return syntax_error_i(p, "memory or performance");
		TRYI(expect_separator(p, "newline or semicolon"));
		s->policy = x;
		s->has_policy = true;
	} else if (accept_word(p, "auto-merge")) {
		s->automerge = true;
	} else if (accept_word(p, "counter")) {
		/* a statement could go on there: the reference names nothing
		 * it expects */
		TRYI(expect_separator(p, NULL));
		s->counter = true;
	} else if (accept_word(p, "comment")) {
		TRYI((text = parse_text(p)) ? 0 : -1);
		if (expect_separator(p, "newline or semicolon") < 0) {
			free(text);
			return -1;
		}
		free(s->comment);
		s->comment = text;
	} else if (accept_word(p, "elements")) {
		struct expr *elems;

		if (!accept_punct(p, '='))
			return syntax_error_i(p, "'='");
		if (!is_punct(p, '{'))
			return syntax_error_i(p, "'{' or '$'");
		TRYI((elems = parse_set_block(p, true)) ? 0 : -1);
		expr_free(s->elems);
		s->elems = elems;
	} else {
		return syntax_error_i(p, NULL);
	}
	return 0;
}

static struct set *set_new(const struct handle *h, const struct location *loc)
{
	struct set *s = xcalloc(1, sizeof(*s));

	s->h.family = h->family;
	s->h.table = xstrdup(h->table);
	s->h.table_loc = h->table_loc;
	s->loc = *loc;
	return s;
}

/* NAME { ... } of a set or map, after the word; @in_table: in a
 * table's block.  The set's place, where evaluation reports it lacks a
 * key, is the reference's: its name in a table's block, else its block. */
static struct set *parse_set_decl(struct parser *p, const struct handle *h, bool map,
				  bool in_table)
{
	struct set *s = set_new(h, &p->prev.loc);
	struct set_block block = { .set = s, .map = map };
	struct location open;

	if (!(s->name = parse_identifier(p, &s->name_loc)))
		goto fail;
	open = peek(p)->loc;
	if (!accept_punct(p, '{')) {
		syntax_error(p, "'{'");
		goto fail;
	}
	if (in_table) {
		if (parse_inner_block(p, parse_set_member, &block) < 0)
			goto fail;
		s->loc = s->name_loc;
		return s;
	}
	if (parse_block(p, parse_set_member, &block, false) < 0)
		goto fail;
	/* the block's place runs to what ends its last declaration */
	s->loc = loc_join(&open, &p->prev.loc);
	consume(p);	/* } */
	return s;
fail:
	set_free(s);
	return NULL;
}

/* The kind of object the next words name ("counter", "ct helper"; with
 * @plural a list of them: "counters", "ct helpers"), NULL for none;
 * @ntok: how many words that is. */
static const struct obj_kind *obj_kind_at(struct parser *p, bool plural, unsigned int *ntok)
{
	size_t i;

	for (i = 0; i < n_obj_kinds; i++) {
		const char *w = plural ? obj_kinds[i].plural : obj_kinds[i].word;
		unsigned int n = w ? words_at(p, w) : 0;

		if (n) {
			if (ntok)
				*ntok = n;
			return &obj_kinds[i];
		}
	}
	return NULL;
}

/* Consume the words of the kind obj_kind_at() found. */
static const struct obj_kind *accept_obj_kind(struct parser *p, bool plural)
{
	unsigned int n;
	const struct obj_kind *k = obj_kind_at(p, plural, &n);

	while (k && n--)
		consume(p);
	return k;
}

/* A syntax error where the reference's scanner reserves the words of
 * @scope (those of an object's block): it names such a word as itself. */
static int scoped_syntax_error(struct parser *p, const char *const *scope, const char *expecting)
{
	struct token *t = peek(p);

	for (; t->kind == TOK_WORD && *scope; scope++)
		if (!strcmp(*scope, t->text))
			t->keyword = true;
	return syntax_error_i(p, expecting);
}

/* A value's end inside an object's block: a newline or semicolon, not
 * the closing brace. */
static int expect_stmt_separator(struct parser *p, const char *const *scope)
{
	if (peek(p)->kind == TOK_NEWLINE || peek(p)->kind == TOK_SEMICOLON) {
		consume(p);
		return 0;
	}
	return scoped_syntax_error(p, scope, "newline or semicolon");
}

/* tcp or udp: the protocols of conntrack objects. */
static int parse_ct_l4proto(struct parser *p, const char *const *scope, uint8_t *l4proto)
{
	if (accept_word(p, "tcp"))
		*l4proto = IPPROTO_TCP;
	else if (accept_word(p, "udp"))
		*l4proto = IPPROTO_UDP;
	else
		return scoped_syntax_error(p, scope, "udp or tcp");
	return 0;
}

/* l3proto FAMILY, after the word. */
static int parse_obj_l3proto(struct parser *p, const char *const *scope, struct obj *o)
{
	unsigned int family;

	if (peek(p)->kind != TOK_WORD || family_parse(peek(p)->text, &family) < 0)
		return scoped_syntax_error(p, scope, NULL);
	consume(p);
	TRYI(expect_stmt_separator(p, scope));
	o->l3proto = family;
	o->has_l3proto = true;
	return 0;
}

/* A number the kernel keeps in fewer bits: the reference keeps the low
 * ones of a larger one. */
static int parse_obj_number(struct parser *p, const char *const *scope, uint64_t *n)
{
	if (peek(p)->kind != TOK_NUMBER)
		return scoped_syntax_error(p, scope, "number");
	return parse_u64_tok(p, n, NULL);
}

#define CT_HELPER_TYPE_MAX 16	/* with its NUL */
#define SECMARK_CTX_MAX 256	/* the reference's, with the NUL */

/* type "NAME" protocol tcp|udp; l3proto FAMILY; */
static int parse_ct_helper_value(struct parser *p, struct obj *o)
{
	static const char *const scope[] = { "type", "protocol", "l3proto", NULL };
	struct token *t;

	if (accept_word(p, "type")) {
		struct location loc;
		uint8_t l4proto = 0;
		char *type;

		t = peek(p);
		if (t->kind != TOK_QUOTED)
			return scoped_syntax_error(p, scope, "quoted string");
		loc = t->loc;
		type = xstrdup(t->text);
		consume(p);
		if ((!accept_word(p, "protocol") && scoped_syntax_error(p, scope, "protocol")) ||
		    parse_ct_l4proto(p, scope, &l4proto) < 0 || expect_stmt_separator(p, scope) < 0) {
			free(type);
			return -1;
		}
		/* the reference checks the name when it has read the line */
		if (strlen(type) >= CT_HELPER_TYPE_MAX) {
			error_at(&loc, "invalid name '%s', max length is %u\n", type,
				 CT_HELPER_TYPE_MAX);
			free(type);
			p->failed = true;
			return -1;
		}
		free(o->ct_helper.type);
		o->ct_helper.type = type;
		o->ct_helper.l4proto = l4proto;
		return 0;
	}
	if (accept_word(p, "l3proto"))
		return parse_obj_l3proto(p, scope, o);
	return scoped_syntax_error(p, scope, NULL);
}

/* STATE : SECONDS, ... up to the closing brace, after "policy = {". */
static int parse_timeout_policy(struct parser *p, const char *const *scope,
				struct timeout_state **policy)
{
	struct timeout_state **tail = policy;

	do {
		struct token *t = peek(p);
		struct timeout_state *st;
		uint64_t n;

		if (t->kind != TOK_WORD || t->keyword)
			return scoped_syntax_error(p, scope, "string");
		st = xcalloc(1, sizeof(*st));
		st->name = xstrdup(t->text);
		st->loc = t->loc;
		*tail = st;
		tail = &st->next;
		consume(p);
		if (!accept_punct(p, ':'))
			return scoped_syntax_error(p, scope, "colon");
		TRYI(parse_obj_number(p, scope, &n));
		st->seconds = n;
	} while (accept_punct(p, ','));
	if (!accept_punct(p, '}'))
		return scoped_syntax_error(p, scope, "comma or '}'");
	return 0;
}

/* protocol tcp|udp; l3proto FAMILY; policy = { STATE : SECONDS, ... }; */
static int parse_ct_timeout_value(struct parser *p, struct obj *o)
{
	static const char *const scope[] = { "protocol", "l3proto", "policy", NULL };

	if (accept_word(p, "protocol")) {
		uint8_t l4proto = 0;

		TRYI(parse_ct_l4proto(p, scope, &l4proto));
		TRYI(expect_stmt_separator(p, scope));
		o->ct_timeout.l4proto = l4proto;
		return 0;
	}
	if (accept_word(p, "l3proto"))
		return parse_obj_l3proto(p, scope, o);
	if (accept_word(p, "policy")) {
		struct timeout_state *policy = NULL, **tail;

		if (!accept_punct(p, '='))
			return scoped_syntax_error(p, scope, "'='");
		if (!accept_punct(p, '{'))
			return scoped_syntax_error(p, scope, "'{'");
		/* the object's once read whole */
		if (parse_timeout_policy(p, scope, &policy) < 0 ||
		    expect_stmt_separator(p, scope) < 0) {
			timeout_states_free(policy);
			return -1;
		}
		for (tail = &o->ct_timeout.policy; *tail; tail = &(*tail)->next)
			;
		*tail = policy;
		return 0;
	}
	return scoped_syntax_error(p, scope, NULL);
}

/*
 * A time as the reference's time strings have it (2m, 1h30s, 500ms):
 * days, hours, minutes, seconds, milliseconds, each once and in that
 * order, each number of at most eight digits; in milliseconds.
 */
static int parse_time_string(struct parser *p, const char *const *scope, uint64_t *ms)
{
	static const struct { const char *unit; uint64_t ms; } units[] = {
		{ "d", 86400000 }, { "h", 3600000 }, { "ms", 1 }, { "m", 60000 }, { "s", 1000 },
	};
	static const char *const order = "dhmsx";	/* x: ms */
	struct token *t = peek(p);
	const char *s = t->text;
	int last = -1;

	if (t->kind != TOK_WORD)
		return scoped_syntax_error(p, scope, "string");
	*ms = 0;
	while (*s) {
		size_t digits = strspn(s, "0123456789"), i;
		int rank;

		for (i = 0; i < ARRAY_SIZE(units); i++)
			if (!strncmp(s + digits, units[i].unit, strlen(units[i].unit)))
				break;
		if (!digits || i == ARRAY_SIZE(units))
			goto wrong;
		rank = strchr(order, i == 2 ? 'x' : units[i].unit[0]) - order;
		if (rank <= last)
			goto wrong;
		last = rank;
		if (digits > 8) {
			error_at(&t->loc, "value too large");
			p->failed = true;
			return -1;
		}
		*ms += strtoull(s, NULL, 10) * units[i].ms;
		s += digits + strlen(units[i].unit);
	}
	consume(p);
	return 0;
wrong:
	error_at(&t->loc, "wrong time format");
	p->failed = true;
	return -1;
}

/* protocol tcp|udp; dport N; timeout TIME; size N; l3proto FAMILY; */
static int parse_ct_expect_value(struct parser *p, struct obj *o)
{
	static const char *const scope[] = { "protocol", "dport", "timeout", "size", "l3proto",
					     NULL };
	uint64_t n = 0;
	uint8_t l4proto = 0;

	/* each value is the object's with its separator */
	if (accept_word(p, "protocol")) {
		TRYI(parse_ct_l4proto(p, scope, &l4proto));
		TRYI(expect_stmt_separator(p, scope));
		o->ct_expect.l4proto = l4proto;
	} else if (accept_word(p, "dport")) {
		TRYI(parse_obj_number(p, scope, &n));
		TRYI(expect_stmt_separator(p, scope));
		o->ct_expect.dport = (uint16_t)n;
	} else if (accept_word(p, "timeout")) {
		TRYI(parse_time_string(p, scope, &n));
		TRYI(expect_stmt_separator(p, scope));
		o->ct_expect.timeout = (uint32_t)n;
	} else if (accept_word(p, "size")) {
		TRYI(parse_obj_number(p, scope, &n));
		TRYI(expect_stmt_separator(p, scope));
		o->ct_expect.size = (uint8_t)n;
	} else if (accept_word(p, "l3proto")) {
		return parse_obj_l3proto(p, scope, o);
	} else {
		return scoped_syntax_error(p, scope, NULL);
	}
	return 0;
}

static const char *const synproxy_scope[] = { "mss", "wscale", "timestamp", "sack-perm", NULL };

/* [timestamp] [sack-perm], in that order */
static void parse_synproxy_flags(struct parser *p, uint32_t *flags)
{
	if (accept_word(p, "timestamp"))
		*flags |= NF_SYNPROXY_OPT_TIMESTAMP;
	if (accept_word(p, "sack-perm"))
		*flags |= NF_SYNPROXY_OPT_SACK_PERM;
}

/* mss N wscale N [timestamp] [sack-perm], or with each of mss and wscale
 * ending its line: the two must come, in that order. */
static int parse_synproxy_value(struct parser *p, struct obj *o)
{
	struct stmt *st = o->state;
	uint64_t mss, wscale;
	bool lines;

	if (!accept_word(p, "mss"))
		return scoped_syntax_error(p, synproxy_scope, NULL);
	TRYI(parse_obj_number(p, synproxy_scope, &mss));
	lines = peek(p)->kind == TOK_NEWLINE || peek(p)->kind == TOK_SEMICOLON;
	if (lines)
		consume(p);
	if (!accept_word(p, "wscale"))
		return scoped_syntax_error(p, synproxy_scope, "wscale");
	TRYI(parse_obj_number(p, synproxy_scope, &wscale));
	if (lines)
		TRYI(expect_stmt_separator(p, synproxy_scope));
	st->synproxy.mss = (uint16_t)mss;
	st->synproxy.wscale = (uint8_t)wscale;
	st->synproxy.flags = NF_SYNPROXY_OPT_MSS | NF_SYNPROXY_OPT_WSCALE;
	parse_synproxy_flags(p, &st->synproxy.flags);
	return 0;
}

/* synproxy [mss N] [wscale N] [timestamp] [sack-perm], in any order */
static struct stmt *parse_synproxy(struct parser *p)
{
	struct stmt *s = stmt_new(STMT_SYNPROXY, &peek(p)->loc);
	uint64_t n;

	consume(p);
	for (;;) {
		if (accept_word(p, "mss")) {
			if (parse_obj_number(p, synproxy_scope, &n) < 0)
				goto fail;
			s->synproxy.mss = (uint16_t)n;
			s->synproxy.flags |= NF_SYNPROXY_OPT_MSS;
		} else if (accept_word(p, "wscale")) {
			if (parse_obj_number(p, synproxy_scope, &n) < 0)
				goto fail;
			s->synproxy.wscale = (uint8_t)n;
			s->synproxy.flags |= NF_SYNPROXY_OPT_WSCALE;
		} else if (accept_word(p, "timestamp")) {
			s->synproxy.flags |= NF_SYNPROXY_OPT_TIMESTAMP;
		} else if (accept_word(p, "sack-perm")) {
			s->synproxy.flags |= NF_SYNPROXY_OPT_SACK_PERM;
		} else {
			break;
		}
	}
	s->loc = loc_join(&s->loc, &p->prev.loc);
	return s;
fail:
	stmt_free(s);
	return NULL;
}

/* "CONTEXT" */
static int parse_secmark_value(struct parser *p, struct obj *o)
{
	struct token *t = peek(p);

	if (t->kind != TOK_QUOTED && !(t->kind == TOK_WORD && !t->keyword))
		return syntax_error_i(p, NULL);
	if (strlen(t->text) >= SECMARK_CTX_MAX) {
		error_at(&t->loc, "invalid context '%s', max length is %u\n", t->text,
			 SECMARK_CTX_MAX);
		p->failed = true;
		return -1;
	}
	free(o->secmark.ctx);
	o->secmark.ctx = xstrdup(t->text);
	consume(p);
	return 0;
}

/* One value of an object's block, by its type. */
static int parse_obj_value(struct parser *p, struct obj *o)
{
	switch (o->type) {
	case NFT_OBJECT_CT_HELPER:
		return parse_ct_helper_value(p, o);
	case NFT_OBJECT_CT_TIMEOUT:
		return parse_ct_timeout_value(p, o);
	case NFT_OBJECT_CT_EXPECT:
		return parse_ct_expect_value(p, o);
	case NFT_OBJECT_SYNPROXY:
		return parse_synproxy_value(p, o);
	default:
		return parse_secmark_value(p, o);
	}
}

/* The values of a counter, quota or limit, written as the statement of
 * the type writes them after its keyword: the statement's parser steps
 * over the opening brace as it would over its keyword. */
static struct stmt *parse_obj_stmt_values(struct parser *p, const struct obj *o)
{
	if (fill(p, 1) < 0 || p->nla == LOOKAHEAD)
		return syntax_error(p, NULL);
	memmove(&p->la[1], &p->la[0], p->nla * sizeof(p->la[0]));
	p->la[0] = (struct token){ .kind = TOK_WORD, .loc = p->la[1].loc,
				   .text = xstrdup(obj_type_name(o->type)), .keyword = true };
	p->nla++;
	return o->type == NFT_OBJECT_COUNTER ? parse_counter(p, true) :
	       o->type == NFT_OBJECT_QUOTA ? parse_quota(p) : parse_limit(p);
}

static bool obj_is_statement_like(const struct obj *o)
{
	return o->type == NFT_OBJECT_COUNTER || o->type == NFT_OBJECT_QUOTA ||
	       o->type == NFT_OBJECT_LIMIT;
}

/* Whether the values of a counter, quota or limit begin at the next
 * token: a statement of the type would go on so after its keyword. */
static bool starts_obj_stmt_values(struct parser *p, const struct obj *o)
{
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
		return is_word(p, "packets");
	case NFT_OBJECT_QUOTA:
		return peek(p)->kind == TOK_NUMBER || is_word(p, "over") || is_word(p, "until");
	default:
		return is_word(p, "rate");
	}
}

/* One member of an object's block: its comment, or values, each taken
 * as they come (the last are the object's). */
static int parse_obj_member(struct parser *p, void *block)
{
	struct obj *o = block;
	struct stmt *st;
	char *comment;

	if (accept_word(p, "comment")) {
		TRYI((comment = parse_text(p)) ? 0 : -1);
		free(o->comment);
		o->comment = comment;
		return 0;
	}
	if (!obj_is_statement_like(o))
		return parse_obj_value(p, o);
	if (!starts_obj_stmt_values(p, o))
		return syntax_error_i(p, NULL);
	TRYI((st = parse_obj_stmt_values(p, o)) ? 0 : -1);
	if (o->state)
		stmt_free(o->state);
	o->state = st;
	return 0;
}

/* Where an object is declared: what its values may be written as. */
enum obj_decl_place {
	DECL_IN_TABLE,		/* in a table's block: always in braces */
	DECL_ADD,		/* add counter ...: braces or not */
	DECL_CREATE,		/* create counter ...: the conntrack ones in braces,
				 * the others without */
};

/* What the reference expects instead of the brace after `create KIND
 * NAME`, for the kinds whose values come bare there. */
static const char *bare_values_expected(unsigned int type)
{
	switch (type) {
	case NFT_OBJECT_COUNTER:
		return "end of file or newline or semicolon";
	case NFT_OBJECT_QUOTA:
		return "number";
	case NFT_OBJECT_LIMIT:
		return "rate";
	case NFT_OBJECT_SYNPROXY:
		return "mss";
	case NFT_OBJECT_SECMARK:
		return "string or quoted string or string with a trailing asterisk";
	default:
		return NULL;
	}
}

/* The values of an object without braces, from the command line. */
static int parse_obj_bare_values(struct parser *p, struct obj *o, enum obj_decl_place place)
{
	const char *expected = bare_values_expected(o->type);

	if (!expected)
		return syntax_error_i(p, "'{'");
	if (place == DECL_CREATE && is_punct(p, '{'))
		return syntax_error_i(p, expected);
	if (o->type == NFT_OBJECT_COUNTER && at_separator(p)) {
		o->state = stmt_new(STMT_COUNTER, &o->loc);
		return 0;
	}
	if (obj_is_statement_like(o))
		return (o->state = parse_obj_stmt_values(p, o)) ? 0 : -1;
	if (o->type == NFT_OBJECT_SYNPROXY && !is_word(p, "mss"))
		return syntax_error_i(p, place == DECL_ADD ? "mss or '{'" : expected);
	if (o->type == NFT_OBJECT_SECMARK && peek(p)->kind != TOK_QUOTED &&
	    !(peek(p)->kind == TOK_WORD && !peek(p)->keyword))
		return syntax_error_i(p, place == DECL_ADD ?
				      "string or quoted string or string with a trailing "
				      "asterisk or '{'" : expected);
	return parse_obj_value(p, o);
}

/*
 * NAME { values } of an object, after the words of its kind.  From the
 * command line, a counter needs no values, and a counter, quota, limit,
 * synproxy or secmark may have them without the braces (`create` wants
 * them so).
 */
static struct obj *parse_obj_decl(struct parser *p, const struct handle *h, unsigned int type,
				  enum obj_decl_place place)
{
	struct obj *o = xcalloc(1, sizeof(*o));

	o->h.family = h->family;
	o->h.table = xstrdup(h->table);
	o->h.table_loc = h->table_loc;
	o->loc = p->prev.loc;
	o->type = type;
	if (type == NFT_OBJECT_SYNPROXY)
		o->state = stmt_new(STMT_SYNPROXY, &o->loc);
	if (!(o->name = parse_identifier(p, &o->name_loc)))
		goto fail;
	if (place == DECL_CREATE && bare_values_expected(type)) {
		if (parse_obj_bare_values(p, o, place) < 0)
			goto fail;
		return o;
	}
	if (!accept_punct(p, '{')) {
		if (place == DECL_IN_TABLE) {
			syntax_error(p, "'{'");
			goto fail;
		}
		if (parse_obj_bare_values(p, o, place) < 0)
			goto fail;
		return o;
	}
	if (parse_braced(p, parse_obj_member, o, place == DECL_IN_TABLE) < 0)
		goto fail;
	/* a counter, quota or limit without values has them zero */
	if (obj_is_statement_like(o) && !o->state)
		o->state = stmt_new(type == NFT_OBJECT_COUNTER ? STMT_COUNTER :
				    type == NFT_OBJECT_QUOTA ? STMT_QUOTA : STMT_LIMIT, &o->loc);
	return o;
fail:
	obj_free(o);
	return NULL;
}

static struct flowtable *parse_flowtable_decl(struct parser *p, const struct handle *h,
					      bool inner);

/* [family] table set { elements } */
static int parse_element_cmd(struct parser *p, struct cmd *c)
{
	TRYI(parse_table_spec(p, &c->h, &c->family_given));
	c->obj = OBJ_ELEMENT;
	if (!(c->h.chain = parse_identifier(p, &c->h.chain_loc)))
		return -1;
	if (!is_punct(p, '{'))
		return syntax_error_i(p, "'{'");
	c->elems = parse_set_block(p, true);
	return c->elems ? 0 : -1;
}

/* add|create set|map|element|counter|quota|limit ...: 1 when parsed, 0
 * when the object is none of these. */
static int parse_add_set_object(struct parser *p, struct cmd *c)
{
	const struct obj_kind *k;

	if (is_word(p, "set") || is_word(p, "map")) {
		bool map = is_word(p, "map");

		consume(p);
		c->obj = map ? OBJ_MAP : OBJ_SET;
		TRYI(parse_table_spec(p, &c->h, &c->family_given));
		c->set = parse_set_decl(p, &c->h, map, false);
		if (!c->set)
			return -1;
		c->h.chain = xstrdup(c->set->name);
		c->h.chain_loc = c->set->name_loc;
		return 1;
	}
	if (accept_word(p, "element")) {
		TRYI(parse_element_cmd(p, c));
		return 1;
	}
	if (accept_word(p, "flowtable")) {
		c->obj = OBJ_FLOWTABLE;
		TRYI(parse_table_spec(p, &c->h, &c->family_given));
		c->flowtable = parse_flowtable_decl(p, &c->h, false);
		if (!c->flowtable)
			return -1;
		c->h.chain = xstrdup(c->flowtable->name);
		c->h.chain_loc = c->flowtable->name_loc;
		return 1;
	}
	k = accept_obj_kind(p, false);
	if (k) {
		c->obj = OBJ_OBJECT;
		c->obj_type = k->type;
		TRYI(parse_table_spec(p, &c->h, &c->family_given));
		c->object = parse_obj_decl(p, &c->h, k->type,
					   c->op == CMD_CREATE ? DECL_CREATE : DECL_ADD);
		if (!c->object)
			return -1;
		c->h.chain = xstrdup(c->object->name);
		c->h.chain_loc = c->object->name_loc;
		return 1;
	}
	return 0;
}

/* The kind of object a reset names (counters, quota, ...), if any. */
static const struct obj_kind *reset_kind_at(struct parser *p)
{
	const struct obj_kind *k = obj_kind_at(p, true, NULL);

	if (!k)
		k = obj_kind_at(p, false, NULL);
	return k && k->resettable ? k : NULL;
}

/*
 * counter|quota|...|ct helper [family] table name (or, to delete one,
 * handle N, except a conntrack object), or (lists and resets) a list of
 * them: counters|quotas|limits|synproxys|secmarks [family], or any of
 * those and ct helpers with "table [family] name": 1 when parsed, 0 when
 * the words name no kind of object.
 */
static int parse_obj_spec(struct parser *p, struct cmd *c)
{
	const struct obj_kind *k = accept_obj_kind(p, true);

	if (k) {
		c->obj = OBJ_OBJECTS;
		c->obj_type = k->type;
		if (accept_word(p, "table"))
			return parse_table_spec(p, &c->h, &c->family_given) < 0 ? -1 : 1;
		if (k->type == NFT_OBJECT_CT_HELPER)
			return syntax_error_i(p, "table");
		c->h.family = NFPROTO_UNSPEC;
		if (peek(p)->kind == TOK_WORD && family_parse(peek(p)->text, &c->h.family) == 0) {
			consume(p);
			c->family_given = true;
		}
		return 1;
	}
	k = accept_obj_kind(p, false);
	if (!k)
		return 0;
	c->obj = OBJ_OBJECT;
	c->obj_type = k->type;
	TRYI(parse_table_spec(p, &c->h, &c->family_given));
	if (c->op == CMD_DELETE && strncmp(k->word, "ct ", 3) && accept_word(p, "handle")) {
		/* an error about the object points at the number alone */
		TRYI(parse_u64_tok(p, &c->h.handle, &c->h.handle_loc));
		c->h.has_handle = true;
		return 1;
	}
	c->h.chain = parse_identifier(p, &c->h.chain_loc);
	return c->h.chain ? 1 : -1;
}

/* set|map|meter [family] table name, or (lists) sets|maps|meters [family]
 * or sets table [family] name: 1 when parsed, 0 when the words name none
 * of these, nor an object (parse_obj_spec). */
static int parse_set_obj_spec(struct parser *p, struct cmd *c)
{
	bool plural = is_word(p, "sets") || is_word(p, "maps") || is_word(p, "meters");

	if (plural) {
		c->obj = is_word(p, "sets") ? OBJ_SETS : is_word(p, "maps") ? OBJ_MAPS : OBJ_METERS;
		consume(p);
		if (c->obj != OBJ_MAPS && c->obj != OBJ_METERS && accept_word(p, "table"))
			return parse_table_spec(p, &c->h, &c->family_given) < 0 ? -1 : 1;
		c->h.family = NFPROTO_UNSPEC;
		if (peek(p)->kind == TOK_WORD && family_parse(peek(p)->text, &c->h.family) == 0) {
			consume(p);
			c->family_given = true;
		}
		return 1;
	}
	if (is_word(p, "set") || is_word(p, "map"))
		c->obj = is_word(p, "set") ? OBJ_SET : OBJ_MAP;
	else if (c->op == CMD_LIST && is_word(p, "meter"))
		c->obj = OBJ_METER;
	else
		return parse_obj_spec(p, c);
	consume(p);
	TRYI(parse_table_spec(p, &c->h, &c->family_given));
	if (c->op == CMD_DELETE && is_word(p, "handle"))
		return parse_handle_word(p, &c->h) < 0 ? -1 : 1;
	c->h.chain = parse_identifier(p, &c->h.chain_loc);
	return c->h.chain ? 1 : -1;
}

/* ---- Tables, chains and commands -------------------------------------------- */

static int parse_family(struct parser *p, struct handle *h, bool *given)
{
	struct token *t = peek(p);

	h->family = NFPROTO_IPV4;
	if (t->kind == TOK_WORD && family_parse(t->text, &h->family) == 0) {
		consume(p);
		if (given)
			*given = true;
	}
	return 0;
}

static int parse_chain_spec(struct parser *p, struct handle *h, bool *given)
{
	parse_family(p, h, given);
	if (!(h->table = parse_identifier(p, &h->table_loc)))
		return -1;
	if (!(h->chain = parse_identifier(p, &h->chain_loc)))
		return -1;
	return 0;
}

static int parse_table_spec(struct parser *p, struct handle *h, bool *given)
{
	parse_family(p, h, given);
	if (!(h->table = parse_identifier(p, &h->table_loc)))
		return -1;
	return 0;
}

/*
 * priority NUMBER, or NAME [+|- NUMBER], of a base chain or a flowtable:
 * a name's value depends on the family and hook, and evaluation finds
 * it, as the reference's does (*@text keeps the name, *@prio the offset
 * until then); *@loc spans the words.
 */
static int parse_priority(struct parser *p, int *prio, char **text, struct location *loc)
{
	struct location start = peek(p)->loc;	/* the word "priority" */
	struct token *t;
	int sign = 1;
	uint64_t off = 0;

	consume(p);
	t = peek(p);
	if (is_punct(p, '-')) {
		consume(p);
		sign = -1;
		t = peek(p);
	}
	if (t->kind == TOK_NUMBER) {
		/* the low 32 bits, negated as such: -2147483648 is no overflow */
		uint32_t low = (uint32_t)(unsigned long)strtol(t->text, NULL, 0);

		*prio = (int)(sign < 0 ? 0u - low : low);
		consume(p);
		*loc = loc_join(&start, &p->prev.loc);
		return 0;
	}
	if (t->kind != TOK_WORD || sign < 0)
		return syntax_error_i(p, sign < 0 ? "number" : NULL);
	*text = xstrdup(t->text);
	consume(p);
	if (is_punct(p, '+') || is_punct(p, '-')) {
		sign = is_punct(p, '-') ? -1 : 1;
		consume(p);
		TRYI(parse_u64_tok(p, &off, NULL));
		*prio = (int)(int64_t)(sign * off);
	}
	*loc = loc_join(&start, &p->prev.loc);
	return 0;
}

static int parse_devices(struct parser *p, struct chain *c)
{
	if (accept_word(p, "device")) {
		char *d = parse_quoted(p, NULL);

		if (!d)
			return -1;
		c->devices = xrealloc(c->devices, sizeof(char *) * (c->ndevices + 1));
		c->devices[c->ndevices++] = d;
		return 0;
	}
	consume(p);	/* devices */
	if (!accept_punct(p, '='))
		return syntax_error_i(p, "'='");
	if (!accept_punct(p, '{'))
		return syntax_error_i(p, "'{'");
	do {
		char *d = parse_quoted(p, NULL);

		if (!d)
			return -1;
		c->devices = xrealloc(c->devices, sizeof(char *) * (c->ndevices + 1));
		c->devices[c->ndevices++] = d;
	} while (accept_punct(p, ','));
	if (!accept_punct(p, '}'))
		return syntax_error_i(p, NULL);
	return 0;
}

/* Whether @name is a hook of some family: which family's, evaluation
 * checks. */
static bool is_hook_name(const char *name)
{
	unsigned int hook;

	return hook_parse(NFPROTO_INET, name, &hook) == 0 ||
	       hook_parse(NFPROTO_NETDEV, name, &hook) == 0;
}

/*
 * type TYPE hook HOOK [device NAME | devices = { NAME, ... }] priority
 * PRIORITY, from "type": the chain's once read whole, when the
 * reference's parser checks the type's and the hook's names.
 */
/* A word, any (a chain's type, its hook: checked once the whole
 * specification is read), and its place. */
static char *parse_word(struct parser *p, struct location *loc)
{
	struct token *t = peek(p);
	char *w;

	if (t->kind != TOK_WORD)
		return syntax_error(p, "string");
	*loc = t->loc;
	w = xstrdup(t->text);
	consume(p);
	return w;
}

static int parse_hook_spec(struct parser *p, struct chain *c)
{
	struct chain spec = { 0 };
	struct location start = peek(p)->loc;

	consume(p);
	if (!(spec.type = parse_word(p, &spec.type_loc)))
		goto out;
	if (!accept_word(p, "hook")) {
		syntax_error(p, "hook");
		goto out;
	}
	if (!(spec.hook = parse_word(p, &spec.hook_loc)))
		goto out;
	if ((is_word(p, "device") || is_word(p, "devices")) && parse_devices(p, &spec) < 0)
		goto out;
	if (!is_word(p, "priority")) {
		syntax_error(p, "priority");
		goto out;
	}
	if (parse_priority(p, &spec.priority, &spec.priority_text, &spec.prio_loc) < 0)
		goto out;
	if (strcmp(spec.type, "filter") && strcmp(spec.type, "nat") && strcmp(spec.type, "route")) {
		error_at(&spec.type_loc, "unknown chain type");
		p->failed = true;
		goto out;
	}
	if (!is_hook_name(spec.hook)) {
		error_at(&spec.hook_loc, "unknown chain hook");
		p->failed = true;
		goto out;
	}
	chain_hook_clear(c);
	c->type = spec.type;
	c->hook = spec.hook;
	c->devices = spec.devices;
	c->ndevices = spec.ndevices;
	c->priority = spec.priority;
	c->priority_text = spec.priority_text;
	c->type_loc = spec.type_loc;
	c->hook_loc = spec.hook_loc;
	c->prio_loc = spec.prio_loc;
	c->spec_loc = loc_join(&start, &p->prev.loc);
	c->base = true;
	return 0;
out:
	chain_hook_clear(&spec);
	return -1;
}

/* A chain's policy, comment, hook specification or one of its rules. */
static int parse_chain_member(struct parser *p, void *block)
{
	struct chain *c = block;
	struct rule *r, **tail;
	char *comment;

	if (is_word(p, "type")) {
		TRYI(parse_hook_spec(p, c));
		return expect_separator(p, "newline or semicolon");
	}
	if (accept_word(p, "policy")) {
		c->policy_loc = peek(p)->loc;
		if (accept_word(p, "accept"))
			c->policy = NF_ACCEPT;
		else if (accept_word(p, "drop"))
			c->policy = NF_DROP;
		else
			return syntax_error_i(p, "accept or drop or '$'");
		c->has_policy = true;
		return expect_separator(p, "newline or semicolon");
	}
	if (accept_word(p, "comment")) {
		TRYI((comment = parse_text(p)) ? 0 : -1);
		free(c->comment);
		c->comment = comment;
		return expect_separator(p, "newline or semicolon");
	}
	r = xcalloc(1, sizeof(*r));
	r->h.family = c->h.family;
	r->h.table = xstrdup(c->h.table);
	r->h.chain = xstrdup(c->h.chain);
	r->h.table_loc = c->h.table_loc;
	r->h.chain_loc = c->h.chain_loc;
	/* a rule is the chain's with its separator, as the reference takes it */
	if (!parse_rule_body(p, r, true) || expect_separator(p, "newline or semicolon") < 0) {
		rule_free(r);
		return -1;
	}
	for (tail = &c->rules; *tail; tail = &(*tail)->next)
		;
	*tail = r;
	return 0;
}

static struct chain *chain_new(const struct handle *h)
{
	struct chain *c = xcalloc(1, sizeof(*c));

	c->h.family = h->family;
	c->h.table = xstrdup(h->table);
	c->h.table_loc = h->table_loc;
	c->h.chain = h->chain ? xstrdup(h->chain) : NULL;
	c->h.chain_loc = h->chain_loc;
	return c;
}

/* chain NAME { ... }, after "chain"; @inner: in a table's block.  Its
 * variables are its block's own. */
static struct chain *parse_chain_decl(struct parser *p, const struct handle *h, bool inner)
{
	struct define *enclosing = scope_open(p);
	struct chain *c = chain_new(h);
	int ret;

	c->loc = p->prev.loc;
	if (!(c->h.chain = parse_identifier(p, &c->h.chain_loc)) ||
	    (!accept_punct(p, '{') && syntax_error_i(p, "'{'"))) {
		chain_free(c);
		return NULL;
	}
	ret = parse_braced(p, parse_chain_member, c, inner);
	scope_close(p, enclosing);
	if (ret < 0) {
		chain_free(c);
		return NULL;
	}
	return c;
}

/* ---- Flowtables -------------------------------------------------------------- */

static void flowtable_add_device(struct flowtable *ft, char *name)
{
	ft->devices = xrealloc(ft->devices, sizeof(char *) * (ft->ndevices + 1));
	ft->devices[ft->ndevices++] = name;
}

/*
 * = { NAME, ... } (a comma may end the list), or = $variable, which may
 * stand for the braces or for names: a flowtable's devices, in place of
 * those given before.
 */
static int parse_flowtable_devices(struct parser *p, struct flowtable *ft)
{
	bool braced;
	unsigned int i;

	if (!accept_punct(p, '='))
		return syntax_error_i(p, "'='");
	braced = is_punct(p, '{');
	if (!braced && !peek(p)->expanded)
		return syntax_error_i(p, "'{' or '$'");
	for (i = 0; i < ft->ndevices; i++)
		free(ft->devices[i]);
	ft->ndevices = 0;
	if (braced)
		consume(p);
	do {
		struct token *t = peek(p);

		if (braced && is_punct(p, '}') && ft->ndevices)
			break;
		if (t->kind != TOK_QUOTED && !(t->kind == TOK_WORD && !t->keyword))
			return syntax_error_i(p, "string or quoted string or '$'");
		flowtable_add_device(ft, xstrdup(t->text));
		consume(p);
	} while (accept_punct(p, ','));
	if (braced && !accept_punct(p, '}'))
		return syntax_error_i(p, NULL);
	return 0;
}

/* hook HOOK priority PRIORITY, from "hook": the hook's name is checked
 * once the priority is read, as the reference's parser does. */
static int parse_flowtable_hook(struct parser *p, struct flowtable *ft)
{
	struct location hook_loc, prio_loc;
	char *hook, *prio_text = NULL;
	int prio = 0;

	consume(p);
	if (!(hook = parse_word(p, &hook_loc)))
		return -1;
	if (!is_word(p, "priority")) {
		syntax_error(p, "priority");
		goto fail;
	}
	if (parse_priority(p, &prio, &prio_text, &prio_loc) < 0)
		goto fail;
	if (!is_hook_name(hook)) {
		error_at(&hook_loc, "unknown chain hook");
		p->failed = true;
		goto fail;
	}
	free(ft->hook);
	free(ft->priority_text);
	ft->hook = hook;
	ft->hook_loc = hook_loc;
	ft->has_hook = true;
	ft->priority = prio;
	ft->priority_text = prio_text;
	ft->prio_loc = prio_loc;
	return 0;
fail:
	free(hook);
	free(prio_text);
	return -1;
}

/* A member of a flowtable's block: its hook, devices, flags or counter. */
static int parse_flowtable_member(struct parser *p, void *block)
{
	struct flowtable *ft = block;

	if (is_word(p, "hook")) {
		TRYI(parse_flowtable_hook(p, ft));
		return expect_separator(p, "newline or semicolon");
	}
	if (accept_word(p, "devices")) {
		TRYI(parse_flowtable_devices(p, ft));
		return expect_separator(p, "newline or semicolon");
	}
	if (accept_word(p, "flags")) {
		if (!accept_word(p, "offload"))
			return syntax_error_i(p, "offload");
		ft->flags |= NFT_FLOWTABLE_HW_OFFLOAD;
		return expect_separator(p, "newline or semicolon");
	}
	/* the reference's grammar wants no separator after the counter */
	if (accept_word(p, "counter")) {
		ft->flags |= NFT_FLOWTABLE_COUNTER;
		return 0;
	}
	return syntax_error_i(p, NULL);
}

static struct flowtable *flowtable_new(const struct handle *h, const struct location *loc)
{
	struct flowtable *ft = xcalloc(1, sizeof(*ft));

	ft->h.family = h->family;
	ft->h.table = xstrdup(h->table);
	ft->h.table_loc = h->table_loc;
	ft->loc = *loc;
	return ft;
}

/* A flowtable's { ... }; @inner: in a table's block.  Its variables are
 * its block's own. */
static int parse_flowtable_body(struct parser *p, struct flowtable *ft, bool inner)
{
	struct define *enclosing;
	int ret;

	ft->block_loc = peek(p)->loc;
	if (!accept_punct(p, '{'))
		return syntax_error_i(p, "'{'");
	enclosing = scope_open(p);
	ret = parse_braced(p, parse_flowtable_member, ft, inner);
	scope_close(p, enclosing);
	TRYI(ret);
	/* an error about its hook points at its name in a table's block,
	 * else at its block, from the brace up to the end of its last member
	 * (on the brace's line, at that member's last column, as the
	 * reference's places are) */
	if (inner)
		ft->block_loc = ft->name_loc;
	else
		ft->block_loc.last_col = p->block_last.last_col;
	return 0;
}

/* NAME { ... } of a flowtable, after "flowtable". */
static struct flowtable *parse_flowtable_decl(struct parser *p, const struct handle *h,
					      bool inner)
{
	struct flowtable *ft = flowtable_new(h, &p->prev.loc);

	if (!(ft->name = parse_identifier(p, &ft->name_loc)) ||
	    parse_flowtable_body(p, ft, inner) < 0) {
		flowtable_free(ft);
		return NULL;
	}
	return ft;
}

static struct set *parse_set_decl(struct parser *p, const struct handle *h, bool map,
				  bool in_table);

/* A table's chain, set, map or object, its flags or its comment. */
static int parse_table_member(struct parser *p, void *block)
{
	struct table *t = block;

	if (accept_word(p, "chain")) {
		struct chain *c = parse_chain_decl(p, &t->h, true), **ct;

		TRYI(c ? 0 : -1);
		for (ct = &t->chains; *ct; ct = &(*ct)->next)
			;
		*ct = c;
		return 0;
	}
	if (is_word(p, "set") || is_word(p, "map")) {
		bool map = is_word(p, "map");
		struct set *s, **st;

		consume(p);
		TRYI((s = parse_set_decl(p, &t->h, map, true)) ? 0 : -1);
		for (st = &t->sets; *st; st = &(*st)->next)
			;
		*st = s;
		return 0;
	}
	if (accept_word(p, "flowtable")) {
		struct flowtable *ft = parse_flowtable_decl(p, &t->h, true), **ftt;

		TRYI(ft ? 0 : -1);
		for (ftt = &t->flowtables; *ftt; ftt = &(*ftt)->next)
			;
		*ftt = ft;
		return 0;
	}
	if (obj_kind_at(p, false, NULL)) {
		const struct obj_kind *k = accept_obj_kind(p, false);
		struct obj *o, **ot;

		TRYI((o = parse_obj_decl(p, &t->h, k->type, DECL_IN_TABLE)) ? 0 : -1);
		for (ot = &t->objs; *ot; ot = &(*ot)->next)
			;
		*ot = o;
		return 0;
	}
	if (accept_word(p, "flags")) {
		struct token *flag = peek(p);

		if (flag->kind != TOK_WORD || flag->keyword)
			return syntax_error_i(p, "string");
		if (strcmp(flag->text, "dormant")) {
			error_at(&flag->loc, "unknown table option %s", flag->text);
			p->failed = true;
			return -1;
		}
		consume(p);
		TRYI(expect_separator(p, "newline or semicolon"));
		t->flags |= NFT_TABLE_F_DORMANT;
		return 0;
	}
	if (accept_word(p, "comment")) {
		char *comment = parse_text(p);

		TRYI(comment ? 0 : -1);
		free(t->comment);
		t->comment = comment;
		return expect_separator(p, "newline or semicolon");
	}
	if (accept_word(p, "ct"))
		return syntax_error_i(p, "timeout or expectation or helper");
	return syntax_error_i(p, NULL);
}

static struct cmd *cmd_new(struct parser *p, enum cmd_op op)
{
	struct cmd *c = xcalloc(1, sizeof(*c));

	c->op = op;
	c->loc = peek(p)->loc;
	return c;
}

static int parse_rule_position(struct parser *p, struct handle *h)
{
	uint64_t x;

	if (accept_word(p, "position")) {
		h->position_loc = p->prev.loc;
		TRYI(parse_u64_tok(p, &x, NULL));
		h->position = x;
		h->has_position = true;
		h->position_loc = loc_join(&h->position_loc, &p->prev.loc);
	} else if (accept_word(p, "handle")) {
		TRYI(parse_u64_tok(p, &x, NULL));
		/* an error about a handle points at its number alone, as the
		 * reference's does (a position's at "position N") */
		h->handle_loc = p->prev.loc;
		h->handle = x;
		h->has_handle = true;
	} else if (accept_word(p, "index")) {
		h->position_loc = p->prev.loc;
		TRYI(parse_u64_tok(p, &x, NULL));
		h->index = x;
		h->has_index = true;
		h->position_loc = loc_join(&h->position_loc, &p->prev.loc);
	}
	return 0;
}

static int parse_add_object(struct parser *p, struct cmd *c)
{
	if (accept_word(p, "table")) {
		struct table *t = xcalloc(1, sizeof(*t));

		c->obj = OBJ_TABLE;
		c->table = t;
		TRYI(parse_table_spec(p, &c->h, &c->family_given));
		t->h.family = c->h.family;
		t->h.table = xstrdup(c->h.table);
		t->h.table_loc = c->h.table_loc;
		t->loc = c->h.table_loc;
		if (accept_punct(p, '{')) {
			struct define *enclosing = scope_open(p);
			int ret;

			t->has_body = true;
			ret = parse_braced(p, parse_table_member, t, false);
			scope_close(p, enclosing);
			return ret;
		}
		return 0;
	}
	if (accept_word(p, "chain")) {
		c->obj = OBJ_CHAIN;
		TRYI(parse_chain_spec(p, &c->h, &c->family_given));
		c->chain = chain_new(&c->h);
		c->chain->loc = c->h.chain_loc;
		if (accept_punct(p, '{')) {
			struct define *enclosing = scope_open(p);
			int ret;

			ret = parse_braced(p, parse_chain_member, c->chain, false);
			scope_close(p, enclosing);
			return ret;
		}
		return 0;
	}
	if (c->op == CMD_ADD || c->op == CMD_CREATE) {
		int done = parse_add_set_object(p, c);

		if (done)
			return done < 0 ? -1 : 0;
	}
	if (accept_word(p, "rule") || c->op == CMD_ADD || c->op == CMD_INSERT ||
	    c->op == CMD_REPLACE) {
		c->obj = OBJ_RULE;
		TRYI(parse_chain_spec(p, &c->h, &c->family_given));
		TRYI(parse_rule_position(p, &c->h));
		c->rule = xcalloc(1, sizeof(*c->rule));
		c->rule->h = c->h;
		c->rule->h.table = xstrdup(c->h.table);
		c->rule->h.chain = xstrdup(c->h.chain);
		if (!parse_rule_body(p, c->rule, false))
			return -1;
		return 0;
	}
	return syntax_error_i(p, NULL);
}

static int parse_handle_word(struct parser *p, struct handle *h)
{
	uint64_t x;

	if (!accept_word(p, "handle"))
		return syntax_error_i(p, "handle");
	TRYI(parse_u64_tok(p, &x, NULL));
	h->handle_loc = p->prev.loc;	/* the number alone, as above */
	h->handle = x;
	h->has_handle = true;
	return 0;
}

static int parse_delete(struct parser *p, struct cmd *c)
{
	if (accept_word(p, "table")) {
		c->obj = OBJ_TABLE;
		parse_family(p, &c->h, &c->family_given);
		if (is_word(p, "handle"))
			return parse_handle_word(p, &c->h);
		c->h.table = parse_identifier(p, &c->h.table_loc);
		return c->h.table ? 0 : -1;
	}
	if (accept_word(p, "chain")) {
		c->obj = OBJ_CHAIN;
		TRYI(parse_table_spec(p, &c->h, &c->family_given));
		if (is_word(p, "handle"))
			return parse_handle_word(p, &c->h);
		c->h.chain = parse_identifier(p, &c->h.chain_loc);
		return c->h.chain ? 0 : -1;
	}
	if (accept_word(p, "rule")) {
		c->obj = OBJ_RULE;
		TRYI(parse_chain_spec(p, &c->h, &c->family_given));
		return parse_handle_word(p, &c->h);
	}
	if (accept_word(p, "element"))
		return parse_element_cmd(p, c);
	if (accept_word(p, "flowtable")) {
		c->obj = OBJ_FLOWTABLE;
		TRYI(parse_table_spec(p, &c->h, &c->family_given));
		if (is_word(p, "handle"))
			return parse_handle_word(p, &c->h);
		if (peek(p)->kind != TOK_WORD || peek(p)->keyword)
			return syntax_error_i(p, "handle or string");
		c->h.chain = parse_identifier(p, &c->h.chain_loc);
		/* with a block, the devices named there leave the flowtable */
		if (!is_punct(p, '{'))
			return 0;
		c->flowtable = flowtable_new(&c->h, &c->loc);
		c->flowtable->name = xstrdup(c->h.chain);
		c->flowtable->name_loc = c->h.chain_loc;
		return parse_flowtable_body(p, c->flowtable, false);
	}
	if (!is_word(p, "sets") && !is_word(p, "maps") && !obj_kind_at(p, true, NULL)) {
		int done = parse_set_obj_spec(p, c);

		if (done)
			return done < 0 ? -1 : 0;
	}
	return syntax_error_i(p, NULL);
}

static int parse_list_flush(struct parser *p, struct cmd *c)
{
	if (accept_word(p, "ruleset")) {
		c->obj = OBJ_RULESET;
		c->h.family = NFPROTO_UNSPEC;
		if (peek(p)->kind == TOK_WORD && family_parse(peek(p)->text, &c->h.family) == 0) {
			consume(p);
			c->family_given = true;
		}
		return 0;
	}
	if (accept_word(p, "table")) {
		c->obj = OBJ_TABLE;
		return parse_table_spec(p, &c->h, &c->family_given);
	}
	if (accept_word(p, "chain")) {
		c->obj = OBJ_CHAIN;
		return parse_chain_spec(p, &c->h, &c->family_given);
	}
	if (c->op == CMD_LIST || (c->op == CMD_FLUSH && (is_word(p, "set") || is_word(p, "map")))) {
		int done = parse_set_obj_spec(p, c);

		if (done)
			return done < 0 ? -1 : 0;
	}
	if (c->op == CMD_LIST && (is_word(p, "flowtable") || is_word(p, "flowtables") ||
				  is_word(p, "flow"))) {
		bool plural = is_word(p, "flowtables");

		/* "flow table" is the old name of a meter */
		if (accept_word(p, "flow")) {
			if (!is_word(p, "table") && !is_word(p, "tables"))
				return syntax_error_i(p, "table or tables");
			plural = is_word(p, "tables");
			c->obj = plural ? OBJ_METERS : OBJ_METER;
		} else {
			c->obj = plural ? OBJ_FLOWTABLES : OBJ_FLOWTABLE;
		}
		consume(p);
		if (plural) {
			struct token *t = peek(p);

			c->h.family = NFPROTO_UNSPEC;
			if (t->kind == TOK_WORD && family_parse(t->text, &c->h.family) == 0) {
				consume(p);
				c->family_given = true;
			}
			return 0;
		}
		TRYI(parse_table_spec(p, &c->h, &c->family_given));
		c->h.chain = parse_identifier(p, &c->h.chain_loc);
		return c->h.chain ? 0 : -1;
	}
	if (c->op == CMD_LIST && is_word(p, "ct")) {
		/* the conntrack objects are all there is after "list ct" */
		consume(p);
		return syntax_error_i(p, "timeout or expectation or helper or helpers");
	}
	if (c->op == CMD_LIST && (is_word(p, "tables") || is_word(p, "chains"))) {
		c->obj = is_word(p, "tables") ? OBJ_TABLES : OBJ_CHAINS;
		consume(p);
		c->h.family = NFPROTO_UNSPEC;
		if (peek(p)->kind == TOK_WORD && family_parse(peek(p)->text, &c->h.family) == 0) {
			consume(p);
			c->family_given = true;
		}
		return 0;
	}
	return syntax_error_i(p, NULL);
}

static int parse_rename(struct parser *p, struct cmd *c)
{
	if (!accept_word(p, "chain"))
		return syntax_error_i(p, "chain");
	c->obj = OBJ_CHAIN;
	TRYI(parse_chain_spec(p, &c->h, &c->family_given));
	c->new_name = parse_identifier(p, NULL);
	return c->new_name ? 0 : -1;
}

/*
 * describe's expression: a selector, a symbol (a word, number or string;
 * a datatype's name among them), a variable's value, or one of these in
 * parentheses with the operators after a selector.
 */
static struct expr *parse_describe_expr(struct parser *p)
{
	struct token *t = peek(p);
	struct expr *e;

	if (t->expanded) {
		e = expr_new(EXPR_SYMBOL, &t->loc);
		e->sym.text = xstrdup(t->text ? t->text : "");
		e->sym.variable = true;
		while (peek(p)->expanded)
			consume(p);
		return e;
	}
	if (accept_punct(p, '(')) {
		e = starts_selector(p) ? parse_lhs(p) : parse_operand(p, 0);
		TRY(e);
		if (!accept_punct(p, ')')) {
			expr_free(e);
			return syntax_error(p, "')'");
		}
		return e;
	}
	if (starts_selector(p) || (t->kind == TOK_WORD && t->keyword) ||
	    (t->kind != TOK_WORD && t->kind != TOK_NUMBER && t->kind != TOK_QUOTED))
		return parse_primary(p);
	e = symbol_from_token(t);
	consume(p);
	return e;
}

static struct cmd *parse_command(struct parser *p)
{
	static const struct { const char *verb; enum cmd_op op; } verbs[] = {
		{ "add", CMD_ADD }, { "create", CMD_CREATE }, { "insert", CMD_INSERT },
		{ "replace", CMD_REPLACE }, { "delete", CMD_DELETE }, { "flush", CMD_FLUSH },
		{ "list", CMD_LIST }, { "rename", CMD_RENAME }, { "get", CMD_GET },
		{ "reset", CMD_RESET },
	};
	struct token *t = peek(p);
	struct cmd *c;
	size_t i;
	int err;

	if (is_word(p, "table") || is_word(p, "chain") || is_word(p, "flowtable")) {
		c = cmd_new(p, CMD_ADD);
		err = parse_add_object(p, c);
		goto done;
	}
	if (accept_word(p, "describe")) {
		c = cmd_new(p, CMD_DESCRIBE);
		c->obj = OBJ_EXPR;
		c->expr = parse_describe_expr(p);
		err = c->expr ? 0 : -1;
		goto done;
	}
	for (i = 0; i < ARRAY_SIZE(verbs); i++)
		if (t->kind == TOK_WORD && !strcmp(t->text, verbs[i].verb))
			break;
	if (i == ARRAY_SIZE(verbs) && t->kind == TOK_WORD) {
		/* without a verb, a command adds: "ip filter input drop" is
		 * a rule, so an unknown first word is a table's name */
		c = cmd_new(p, CMD_ADD);
		err = parse_add_object(p, c);
		goto done;
	}
	if (i == ARRAY_SIZE(verbs))
		return syntax_error(p, NULL);
	c = cmd_new(p, verbs[i].op);
	consume(p);
	switch (c->op) {
	case CMD_ADD:
	case CMD_CREATE:
	case CMD_INSERT:
	case CMD_REPLACE:
		if (c->op != CMD_ADD && c->op != CMD_CREATE && !is_word(p, "rule")) {
			err = syntax_error_i(p, "rule");
			break;
		}
		err = parse_add_object(p, c);
		break;
	case CMD_DELETE:
		err = parse_delete(p, c);
		break;
	case CMD_RENAME:
		err = parse_rename(p, c);
		break;
	case CMD_GET:
		err = accept_word(p, "element") ? parse_element_cmd(p, c) :
		      syntax_error_i(p, "element");
		break;
	case CMD_RESET:
		err = reset_kind_at(p) ? parse_obj_spec(p, c) :
		      syntax_error_i(p, "counter or counters or quotas or quota");
		err = err < 0 ? -1 : 0;
		break;
	default:
		err = parse_list_flush(p, c);
		break;
	}
done:
	if (err < 0) {
		cmds_free(c);
		return NULL;
	}
	return c;
}

/*
 * A variable's value as the reference's grammar reads it: a set, or a
 * value, range, prefix or concatenation of them, or a list of values.
 */
static struct expr *parse_define_value(struct parser *p)
{
	struct expr *e;

	if (is_punct(p, '{') || is_punct(p, '@'))
		return parse_set_rhs(p);
	e = parse_concat(p, parse_rhs_element);
	if (!e || e->kind == EXPR_RANGE || e->kind == EXPR_PREFIX || e->kind == EXPR_CONCAT)
		return e;
	return parse_joined(p, e, EXPR_LIST, ',', parse_value);
}

/* The innermost block's variable @name goes, if it has one. */
static void undefine(struct parser *p, const char *name)
{
	struct define **pd, *d;

	for (pd = &p->ctx->defines; *pd != p->scope; pd = &(*pd)->next) {
		if (!strcmp((*pd)->name, name)) {
			d = *pd;
			*pd = d->next;
			define_free(d);
			return;
		}
	}
}

/*
 * define NAME = VALUE, or redefine, after the keyword: the value's tokens,
 * which $NAME stands for from then on in the block and the blocks inside
 * it.  define refuses a name a block around it has already, when the
 * definition is read whole, as the reference refuses it; redefine takes
 * the place of the innermost block's, or shadows an outer one.
 */
static int parse_define(struct parser *p, bool redefine)
{
	struct define *d = xcalloc(1, sizeof(*d));
	struct location name_loc;
	struct expr *value;

	if (!(d->name = parse_identifier(p, &name_loc)))
		goto fail;
	if (!accept_punct(p, '=')) {
		syntax_error(p, "'='");
		goto fail;
	}
	p->recording = d;
	value = parse_define_value(p);
	p->recording = NULL;
	if (!value)
		goto fail;
	expr_free(value);
	if (expect_separator(p, "newline or semicolon") < 0)
		goto fail;
	if (redefine) {
		undefine(p, d->name);
	} else if (define_find(p, d->name)) {
		error_at(&name_loc, "redefinition of symbol '%s'", d->name);
		p->failed = true;
		goto fail;
	}
	d->next = p->ctx->defines;
	p->ctx->defines = d;
	return 0;
fail:
	define_free(d);
	return -1;
}

/* undefine NAME, after "undefine": the innermost block's variable NAME
 * goes; of a name it does not have, the reference says nothing. */
static int parse_undefine(struct parser *p)
{
	char *name = parse_identifier(p, NULL);

	TRYI(name ? 0 : -1);
	if (expect_separator(p, "newline or semicolon") == 0)
		undefine(p, name);
	free(name);
	return 0;
}

void defines_free(struct nft_ctx *ctx)
{
	while (ctx->defines) {
		struct define *d = ctx->defines;

		ctx->defines = d->next;
		define_free(d);
	}
}

/* How many files are open with @in, itself among them. */
static unsigned int open_files(const struct input *in)
{
	unsigned int n = 1;

	for (; in->included_at.in; in = in->included_at.in)
		n++;
	return n;
}

/*
 * The files include @name stands for into @g, as glob() gives them.  A
 * name neither absolute nor marked relative (./ or ../) is looked for in
 * the include directories, the default one and those of -I: a plain name
 * is the first directory's that has it, a wildcard's matches are all the
 * directories', the last directory's read first, as the reference reads
 * them.
 */
static int include_glob(struct parser *p, const struct location *loc, const char *name,
			glob_t *g)
{
	const struct nft_ctx *ctx = p->ctx;
	bool wildcard = strpbrk(name, "*?[");
	unsigned int i, n = ctx->n_include_dirs + 1;
	int flags = 0;

	if (name[0] == '/' || !strncmp(name, "./", 2) || !strncmp(name, "../", 3))
		return glob(name, 0, NULL, g);
	/* empty, for what globfree() is given where no directory was read */
	memset(g, 0, sizeof(*g));
	for (i = 0; i < n; i++) {
		unsigned int dir = wildcard ? n - 1 - i : i;
		const char *dir_name = dir ? ctx->include_dirs[dir - 1] : DEFAULT_INCLUDE_DIR;
		char path[PATH_MAX];
		int err;

		/* a path cut short could name another file */
		if (snprintf(path, sizeof(path), "%s/%s", dir_name, name) >= (int)sizeof(path)) {
			error_at(loc, "Too long file path \"%s/%s\"\n", dir_name, name);
			p->failed = true;
			return GLOB_ABORTED;
		}
		err = glob(path, flags, NULL, g);
		if (err == GLOB_NOSPACE || err == GLOB_ABORTED)
			return err;
		if (err == 0 && !wildcard)
			return 0;
		flags = GLOB_APPEND;
	}
	return g->gl_pathc ? 0 : GLOB_NOMATCH;
}

/*
 * include "FILE", after "include": the file's (or the glob's files', in
 * order) tokens are read next, where the statement is, as if written
 * there.  An error about the statement comes when it is read whole, up to
 * its separator (so the reference's parser passes over the next line).
 */
static int parse_include(struct parser *p)
{
	struct location loc = p->prev.loc;	/* the include keyword */
	struct input **files = NULL;
	char *name;
	glob_t g;
	size_t i;
	int ret = -1;

	if (peek(p)->kind != TOK_QUOTED)
		return syntax_error_i(p, "quoted string");
	name = xstrdup(peek(p)->text);
	consume(p);
	/* the reference places the statement up to its separator */
	loc = loc_join(&loc, &peek(p)->loc);
	if (expect_separator(p, "newline or semicolon") < 0) {
		free(name);
		return -1;
	}
	/* sixteen open: the reference opens no more */
	if (open_files(loc.in) >= 16) {
		error_at(&loc, "Include nested too deeply, max 16 levels");
		p->failed = true;
		free(name);
		return -1;
	}
	if (include_glob(p, &loc, name, &g) != 0) {
		globfree(&g);
		if (p->failed) {
			ret = -1;
		} else if (!strpbrk(name, "*?[")) {
			error_at(&loc, "File not found: %s", name);
			p->failed = true;
		} else {
			ret = 0;
		}
		free(name);
		return ret;
	}
	files = xcalloc(g.gl_pathc, sizeof(*files));
	for (i = 0; i < g.gl_pathc; i++) {
		if (!(files[i] = input_from_file(g.gl_pathv[i]))) {
			error_at(&loc, "Could not open file \"%s\": %s", g.gl_pathv[i],
				 strerror(errno));
			p->failed = true;
			goto out;
		}
		files[i]->included_at = loc;
	}
	/* the first file on top, read first */
	for (i = g.gl_pathc; i-- > 0;)
		source_push(p, scanner_new(files[i]));
	ret = 0;
out:
	free(files);
	globfree(&g);
	free(name);
	return ret;
}

static void parser_end(struct parser *p)
{
	while (p->nla)
		token_clear(&p->la[--p->nla]);
	token_clear(&p->prev);
	while (p->src)
		source_pop(p);
}

/* A command with what ends it (a newline or semicolon, or the input's
 * end): the input's once so ended. */
static int parse_top_member(struct parser *p, void *block)
{
	struct cmd ***tail = block;
	struct cmd *c = parse_command(p);
	struct token *t;

	TRYI(c ? 0 : -1);
	t = peek(p);
	if (t->kind != TOK_EOF && t->kind != TOK_NEWLINE && t->kind != TOK_SEMICOLON) {
		cmds_free(c);
		return syntax_error_i(p, "end of file or newline or semicolon");
	}
	/* a command's place, where an error about it as a whole points,
	 * runs to its terminator, as the reference marks it */
	c->loc = loc_join(&c->loc, &t->loc);
	**tail = c;
	*tail = &c->next;
	return 0;
}

struct expr *parse_set_elem_at(const struct location *loc)
{
	struct nft_ctx ctx = { 0 };
	struct parser p = { .ctx = &ctx };
	struct expr *el;

	source_push(&p, scanner_new_at(loc));
	el = parse_set_elem(&p);
	parser_end(&p);
	return el;
}

int parse_input(struct nft_ctx *ctx, struct input *in, struct cmd **cmds)
{
	struct parser p = { .ctx = ctx };
	struct cmd **tail = cmds;

	*cmds = NULL;
	source_push(&p, scanner_new(in));
	parse_block(&p, parse_top_member, &tail, true);
	parser_end(&p);
	return p.errors || p.failed || p.aborted ? -1 : 0;
}
