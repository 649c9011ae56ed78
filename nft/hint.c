// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * "Did you mean ...?": when a command names a table, chain, set or
 * object that does not exist, the reference suggests the one of the
 * kernel's ruleset (and of the commands of the run before it) whose name
 * is nearest, in any table and family.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>

#include <nlkit/util.h>

#include "ast.h"

static unsigned int least(unsigned int a, unsigned int b)
{
	return a < b ? a : b;
}

/*
 * How far @asked is from @known, as the reference measures it (found by
 * probing it with thousands of pairs of names).  It is an edit distance
 * with adjacent transpositions, with two quirks that decide which names
 * are near: its table of partial distances has |@known| + 1 rows of
 * |@asked| cells, a row's last cell being the next one's first; and cell
 * (i, j) compares known[i] with asked[j], the characters after the ones
 * an edit distance compares (a name's end included).
 */
static unsigned int name_distance(const char *known, const char *asked)
{
	size_t rows = strlen(known), cols = strlen(asked), i, j;
	unsigned int *cell = xcalloc((rows + 1) * cols + 1, sizeof(*cell));
	unsigned int d;

#define AT(i, j) cell[(i) * cols + (j)]
	for (i = 0; i <= rows; i++)
		AT(i, 0) = i;
	for (j = 0; j <= cols; j++)
		AT(0, j) = j;
	for (i = 1; i <= rows; i++) {
		for (j = 1; j <= cols; j++) {
			unsigned int change = known[i] != asked[j];

			d = least(AT(i - 1, j) + 1, AT(i, j - 1) + 1);
			d = least(d, AT(i - 1, j - 1) + change);
			if (i > 1 && j > 1 && known[i] == asked[j - 1] && known[i - 1] == asked[j])
				d = least(d, AT(i - 2, j - 2) + 1);
			AT(i, j) = d;
		}
	}
	d = AT(rows, cols);
#undef AT
	free(cell);
	return d;
}

/* The most edits that leave @asked near @known: a third of the longer
 * name, more when the lengths differ by more than one; a name of one
 * character is near none. */
static bool name_near(const char *known, const char *asked, unsigned int distance)
{
	size_t a = strlen(known), b = strlen(asked);
	size_t longer = a > b ? a : b, shorter = a > b ? b : a;

	if (longer <= 1)
		return false;
	if (longer - shorter <= 1)
		return distance <= (longer + 2) / 3;
	return distance <= (longer + 4) / 3;
}

/* The nearest name so far; of names as near, the first offered. */
struct nearest {
	const char *asked;
	unsigned int distance;
	const char *name;
	const char *word;		/* "chain", "set", "map", "obj", "flowtable" */
	unsigned int family;
	const char *table;
};

static void offer(struct nearest *n, const char *name, const char *word, unsigned int family,
		  const char *table)
{
	unsigned int d = name_distance(name, n->asked);

	if (name_near(name, n->asked, d) && d < n->distance) {
		n->distance = d;
		n->name = name;
		n->word = word;
		n->family = family;
		n->table = table;
	}
}

static void offer_set(struct nearest *n, const struct set *s, const struct handle *t)
{
	if (!(s->flags & NFT_SET_ANONYMOUS))
		offer(n, s->name, set_is_map(s) ? "map" : "set", t->family, t->table);
}

/* What of @kind table @t (a kernel's, or one a command adds) holds. */
static void offer_own(const struct table *t, const struct handle *h, enum hint_kind kind,
		      struct nearest *n)
{
	const struct flowtable *ft;
	const struct chain *ch;
	const struct set *s;
	const struct obj *o;

	for (ch = t->chains; kind == HINT_CHAIN && ch; ch = ch->next)
		offer(n, ch->h.chain, "chain", h->family, h->table);
	for (s = t->sets; kind == HINT_SET && s; s = s->next)
		offer_set(n, s, h);
	for (o = t->objs; kind == HINT_OBJ && o; o = o->next)
		offer(n, o->name, "obj", h->family, h->table);
	/* the reference offers no flowtable of the very name asked */
	for (ft = t->flowtables; kind == HINT_FLOWTABLE && ft; ft = ft->next)
		if (strcmp(ft->name, n->asked))
			offer(n, ft->name, "flowtable", h->family, h->table);
}

/* What of @kind table @t holds, and what the commands before @upto add
 * to it. */
static void offer_members(struct nft_ctx *ctx, const struct cmd *upto, const struct table *t,
			  enum hint_kind kind, struct nearest *n)
{
	const struct handle *h = &t->h;
	const struct cmd *c;

	offer_own(t, h, kind, n);
	for (c = ctx->batch_cmds; c && c != upto; c = c->next) {
		if ((c->op != CMD_ADD && c->op != CMD_CREATE) || !c->h.table ||
		    c->h.family != h->family || strcmp(c->h.table, h->table))
			continue;
		if (c->table && c->table != t)
			offer_own(c->table, h, kind, n);
		else if (kind == HINT_CHAIN && c->obj == OBJ_CHAIN && c->chain)
			offer(n, c->chain->h.chain, "chain", h->family, h->table);
		else if (kind == HINT_SET && c->set && (c->obj == OBJ_SET || c->obj == OBJ_MAP))
			offer_set(n, c->set, h);
		else if (kind == HINT_OBJ && c->obj == OBJ_OBJECT && c->object)
			offer(n, c->object->name, "obj", h->family, h->table);
		else if (kind == HINT_FLOWTABLE && c->obj == OBJ_FLOWTABLE && c->flowtable &&
			 strcmp(c->flowtable->name, n->asked))
			offer(n, c->flowtable->name, "flowtable", h->family, h->table);
	}
}

/* Every table, the kernel's first, in the order the reference keeps
 * them: a table a command adds comes after the kernel's, with its block. */
static void offer_tables(struct nft_ctx *ctx, const struct cmd *upto, enum hint_kind kind,
			 struct nearest *n)
{
	const struct table *t;
	const struct cmd *c;

	for (t = ctx->cache ? cache_tables(ctx) : NULL; t; t = t->next) {
		if (kind == HINT_TABLE)
			offer(n, t->h.table, "table", t->h.family, t->h.table);
		else
			offer_members(ctx, upto, t, kind, n);
	}
	for (c = ctx->batch_cmds; c && c != upto; c = c->next) {
		if (c->obj != OBJ_TABLE || !c->table || (c->op != CMD_ADD && c->op != CMD_CREATE) ||
		    (ctx->cache && cache_find_table(ctx, c->h.family, c->h.table)))
			continue;
		if (kind == HINT_TABLE)
			offer(n, c->h.table, "table", c->h.family, c->h.table);
		else
			offer_members(ctx, upto, c->table, kind, n);
	}
}

bool hint_missing(struct nft_ctx *ctx, const struct cmd *upto, enum hint_kind kind,
		  const char *asked, const struct location *loc, enum hint_as as)
{
	struct nearest n = { .asked = asked, .distance = UINT_MAX };

	offer_tables(ctx, upto, kind, &n);
	if (!n.name || (as == HINT_OTHER_NAME && !strcmp(n.name, asked)))
		return false;
	if (kind == HINT_TABLE || as == HINT_ITS_TABLE)
		error_at(loc, "%s; did you mean table \u2018%s\u2019 in family %s?",
			 strerror(ENOENT), n.table, family_name(n.family));
	else
		error_at(loc, "%s; did you mean %s \u2018%s\u2019 in table %s \u2018%s\u2019?",
			 strerror(ENOENT), n.word, n.name, family_name(n.family), n.table);
	return true;
}
