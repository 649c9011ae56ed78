// SPDX-License-Identifier: GPL-2.0-or-later
/* The tree's nodes: making, copying and freeing them, and error reports. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink_osf.h>

#include <nlkit/util.h>

#include "ast.h"

unsigned int error_count;

struct location loc_join(const struct location *a, const struct location *b)
{
	struct location l = *a;

	if (b->line == a->line && b->last_col > l.last_col)
		l.last_col = b->last_col;
	return l;
}

/* The source line, then a mark under the place: carets for @loc, tildes
 * for @related, keeping the line's tabs so the marks line up.  As in the
 * reference, @related is marked at its columns even when it is on
 * another line. */
static void show_place(const struct location *loc, const struct location *related)
{
	const char *p = loc->line_start;
	size_t len, i;
	size_t end = loc->last_col;

	/* at the end of input, after its last newline, the reference shows
	 * the last line there is */
	if (!*p && p > loc->in->buf) {
		for (p--; p > loc->in->buf && p[-1] != '\n'; p--)
			;
	}
	len = strcspn(p, "\n");
	if (related && related->last_col > end)
		end = related->last_col;
	fprintf(stderr, "%.*s\n", (int)len, p);
	for (i = 1; i <= end; i++) {
		char c = i <= len && p[i - 1] == '\t' ? '\t' : ' ';

		if (i >= loc->first_col && i <= loc->last_col)
			c = '^';
		else if (related && i >= related->first_col && i <= related->last_col)
			c = '~';
		fputc(c, stderr);
	}
	fputc('\n', stderr);
}

/* The include statements that led to @in, the innermost first. */
static void show_inclusion(const struct input *in)
{
	const char *lead = "In file included from";
	const struct location *at;

	for (at = &in->included_at; at->in; at = &at->in->included_at) {
		fprintf(stderr, "%s %s:%u:%u-%u:\n", lead,
			at->in->name ? at->in->name : "<cmdline>", at->line, at->first_col,
			at->last_col);
		lead = "                 from";
	}
}

static void verror(const struct location *loc, const struct location *related,
		   const char *fmt, va_list ap)
{
	error_count++;
	if (loc && loc->in && loc->in->internal) {
		fputs("internal:0:0-0: Error: ", stderr);
		vfprintf(stderr, fmt, ap);
		fputs("\n\n", stderr);
		return;
	}
	if (loc && loc->in)
		show_inclusion(loc->in);
	if (loc && loc->in && loc->in->name)
		fprintf(stderr, "%s:%u:%u-%u: ", loc->in->name, loc->line, loc->first_col,
			loc->last_col);
	fputs("Error: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	if (loc && loc->in)
		show_place(loc, related);
}

void error_at(const struct location *loc, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(loc, NULL, fmt, ap);
	va_end(ap);
}

void error_at2(const struct location *loc, const struct location *related, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(loc, related, fmt, ap);
	va_end(ap);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = xstrdup("");
	va_end(ap);
	return s;
}

struct expr *expr_new(enum expr_kind kind, const struct location *loc)
{
	struct expr *e = xcalloc(1, sizeof(*e));

	e->kind = kind;
	if (loc)
		e->loc = *loc;
	return e;
}

struct expr *meta_expr_new(const struct meta_key *k, const struct location *loc)
{
	struct expr *e = expr_new(EXPR_META, loc);

	e->meta.key = k;
	e->dtype = k->dtype;
	e->byteorder = k->byteorder;
	e->len = k->len;
	return e;
}

struct expr *osf_expr_new(uint8_t ttl, uint32_t flags, const struct location *loc)
{
	struct expr *e = expr_new(EXPR_OSF, loc);

	e->osf.ttl = ttl;
	e->osf.flags = flags;
	e->dtype = &string_type;
	e->byteorder = BYTEORDER_HOST;
	e->len = NFT_OSF_MAXGENRELEN * 8;
	return e;
}

struct expr *fib_expr_new(uint32_t result, uint32_t flags, const struct location *loc)
{
	struct expr *e = expr_new(EXPR_FIB, loc);

	e->fib.result = result;
	e->fib.flags = flags;
	e->byteorder = BYTEORDER_HOST;
	e->len = 32;
	if (flags & NFTA_FIB_F_PRESENT) {
		e->dtype = &boolean_type;
	} else if (result == NFT_FIB_RESULT_OIF) {
		e->dtype = &ifindex_type;
	} else if (result == NFT_FIB_RESULT_OIFNAME) {
		/* a string, not an ifname: the reference's type for it */
		e->dtype = &string_type;
		e->len = 128;
	} else {
		e->dtype = &fib_addrtype_type;
	}
	return e;
}

const char *osf_ttl_name(uint8_t ttl)
{
	switch (ttl) {
	case NF_OSF_TTL_LESS:
		return "loose";
	case NF_OSF_TTL_NOCHECK:
		return "skip";
	default:
		return NULL;
	}
}

struct expr *payload_expr_new(const struct proto_desc *d, const struct proto_field *f,
			      const struct location *loc)
{
	struct expr *e = expr_new(EXPR_PAYLOAD, loc);

	e->payload.desc = d;
	e->payload.field = f;
	e->payload.base = d->base;
	e->payload.offset = f->offset;
	e->dtype = f->dtype;
	e->byteorder = BYTEORDER_BIG;
	e->len = f->len;
	return e;
}

static struct expr *clone_list(const struct expr *e)
{
	struct expr *head = NULL, **tail = &head;

	for (; e; e = e->next) {
		*tail = expr_clone(e);
		tail = &(*tail)->next;
	}
	return head;
}

struct expr *expr_clone(const struct expr *e)
{
	struct expr *c;

	if (!e)
		return NULL;
	c = xmalloc(sizeof(*c));
	*c = *e;
	c->next = NULL;
	switch (e->kind) {
	case EXPR_SYMBOL:
		c->sym.text = xstrdup(e->sym.text);
		break;
	case EXPR_HASH:
		c->hash.arg = expr_clone(e->hash.arg);
		break;
	case EXPR_PREFIX:
		c->prefix.expr = expr_clone(e->prefix.expr);
		break;
	case EXPR_RANGE:
		c->range.low = expr_clone(e->range.low);
		c->range.high = expr_clone(e->range.high);
		break;
	case EXPR_SET:
	case EXPR_LIST:
	case EXPR_CONCAT:
		c->set.elems = clone_list(e->set.elems);
		c->set.spans = elem_spans_clone(e->set.spans);
		c->set.dump = elem_dump_clone(e->set.dump);
		break;
	case EXPR_SET_REF:
		c->set_ref.name = xstrdup(e->set_ref.name);
		/* an anonymous set belongs to the one reference made of it */
		if (!e->set_ref.name[0])
			c->set_ref.set = NULL;
		break;
	case EXPR_MAPPING:
		c->mapping.key = expr_clone(e->mapping.key);
		c->mapping.data = expr_clone(e->mapping.data);
		break;
	case EXPR_MAP:
		c->map.key = expr_clone(e->map.key);
		c->map.set = expr_clone(e->map.set);
		break;
	case EXPR_SET_ELEM:
		c->elem.key = expr_clone(e->elem.key);
		c->elem.comment = e->elem.comment ? xstrdup(e->elem.comment) : NULL;
		c->elem.stmts = stateful_stmts_clone(e->elem.stmts);
		break;
	case EXPR_BINOP:
		c->binop.left = expr_clone(e->binop.left);
		c->binop.right = expr_clone(e->binop.right);
		break;
	case EXPR_VERDICT:
		c->verdict.chain = e->verdict.chain ? xstrdup(e->verdict.chain) : NULL;
		break;
	default:
		break;
	}
	return c;
}

void expr_free(struct expr *e)
{
	struct expr *el, *next;

	if (!e)
		return;
	switch (e->kind) {
	case EXPR_SYMBOL:
		free(e->sym.text);
		break;
	case EXPR_HASH:
		expr_free(e->hash.arg);
		break;
	case EXPR_PREFIX:
		expr_free(e->prefix.expr);
		break;
	case EXPR_RANGE:
		expr_free(e->range.low);
		expr_free(e->range.high);
		break;
	case EXPR_SET:
	case EXPR_LIST:
	case EXPR_CONCAT:
		for (el = e->set.elems; el; el = next) {
			next = el->next;
			expr_free(el);
		}
		elem_spans_free(e->set.spans);
		elem_dump_free(e->set.dump);
		break;
	case EXPR_SET_REF:
		/* an anonymous set ("" name) is its reference's; a reference
		 * whose name did not parse has neither */
		if (e->set_ref.name && !e->set_ref.name[0])
			set_free(e->set_ref.set);
		free(e->set_ref.name);
		break;
	case EXPR_MAPPING:
		expr_free(e->mapping.key);
		expr_free(e->mapping.data);
		break;
	case EXPR_MAP:
		expr_free(e->map.key);
		expr_free(e->map.set);
		break;
	case EXPR_SET_ELEM:
		expr_free(e->elem.key);
		free(e->elem.comment);
		stmts_free(e->elem.stmts);
		break;
	case EXPR_BINOP:
		expr_free(e->binop.left);
		expr_free(e->binop.right);
		break;
	case EXPR_VERDICT:
		free(e->verdict.chain);
		break;
	default:
		break;
	}
	free(e);
}

struct stmt *stmt_new(enum stmt_kind kind, const struct location *loc)
{
	struct stmt *s = xcalloc(1, sizeof(*s));

	s->kind = kind;
	if (loc)
		s->loc = s->word_loc = *loc;
	return s;
}

const struct location *stmt_blamed_loc(const struct stmt *s)
{
	switch (s->kind) {
	case STMT_COUNTER:
	case STMT_LOG:
	case STMT_REJECT:
	case STMT_NAT:
	case STMT_SYNPROXY:
		return &s->word_loc;
	default:
		return &s->loc;
	}
}

void stmt_free(struct stmt *s)
{
	switch (s->kind) {
	case STMT_MATCH:
		expr_free(s->match.left);
		expr_free(s->match.right);
		break;
	case STMT_VERDICT:
		expr_free(s->verdict.expr);
		break;
	case STMT_META_SET:
	case STMT_CT_SET:
	case STMT_PAYLOAD_SET:
	case STMT_EXTHDR_SET:
		expr_free(s->set.key);
		expr_free(s->set.value);
		break;
	case STMT_LOG:
		free(s->log.prefix);
		break;
	case STMT_NAT:
		expr_free(s->nat.addr);
		expr_free(s->nat.port);
		break;
	case STMT_DUP:
	case STMT_FWD:
		expr_free(s->dup.addr);
		expr_free(s->dup.dev);
		break;
	case STMT_TPROXY:
		expr_free(s->tproxy.addr);
		expr_free(s->tproxy.port);
		break;
	case STMT_VMAP:
		expr_free(s->vmap.key);
		expr_free(s->vmap.map);
		break;
	case STMT_DYNSET:
		expr_free(s->dynset.set);
		expr_free(s->dynset.key);
		stmts_free(s->dynset.stmts);
		expr_free(s->dynset.data);
		break;
	case STMT_OBJREF:
		free(s->objref.name);
		expr_free(s->objref.expr);
		break;
	case STMT_QUEUE:
		expr_free(s->queue.qnum);
		break;
	case STMT_FLOW_OFFLOAD:
		free(s->flow.flowtable);
		break;
	default:
		break;
	}
	free(s);
}

bool stmt_is_stateful(const struct stmt *s)
{
	return s->kind == STMT_COUNTER || s->kind == STMT_LIMIT || s->kind == STMT_QUOTA ||
	       s->kind == STMT_CONNLIMIT;
}

struct stmt *stateful_stmts_clone(const struct stmt *s)
{
	struct stmt *head = NULL, **tail = &head;

	/* their values hold no pointers */
	for (; s; s = s->next) {
		*tail = xmalloc(sizeof(**tail));
		**tail = *s;
		(*tail)->next = NULL;
		tail = &(*tail)->next;
	}
	return head;
}

void stmts_free(struct stmt *s)
{
	while (s) {
		struct stmt *next = s->next;

		stmt_free(s);
		s = next;
	}
}

static void handle_free(struct handle *h)
{
	free(h->table);
	free(h->chain);
}

void rule_free(struct rule *r)
{
	while (r) {
		struct rule *next = r->next;

		handle_free(&r->h);
		stmts_free(r->stmts);
		free(r->expr_locs);
		free(r->comment);
		free(r);
		r = next;
	}
}

void chain_hook_clear(struct chain *c)
{
	unsigned int i;

	free(c->type);
	free(c->hook);
	free(c->priority_text);
	for (i = 0; i < c->ndevices; i++)
		free(c->devices[i]);
	free(c->devices);
	c->type = c->hook = c->priority_text = NULL;
	c->devices = NULL;
	c->ndevices = 0;
}

void chain_free(struct chain *c)
{
	while (c) {
		struct chain *next = c->next;

		handle_free(&c->h);
		chain_hook_clear(c);
		free(c->comment);
		rule_free(c->rules);
		free(c);
		c = next;
	}
}

void set_elem_msgs_free(struct set *s)
{
	size_t i;

	for (i = 0; i < s->elem_msgs_count; i++)
		free(s->elem_msgs[i]);
	free(s->elem_msgs);
	s->elem_msgs = NULL;
	s->elem_msgs_count = 0;
}

void set_free(struct set *s)
{
	while (s) {
		struct set *next = s->next;

		handle_free(&s->h);
		free(s->name);
		expr_free(s->key);
		expr_free(s->data);
		free(s->comment);
		expr_free(s->elems);
		set_elem_msgs_free(s);
		free(s);
		s = next;
	}
}

void obj_free(struct obj *o)
{
	while (o) {
		struct obj *next = o->next;

		handle_free(&o->h);
		free(o->name);
		if (o->state)
			stmt_free(o->state);
		if (o->type == NFT_OBJECT_CT_HELPER)
			free(o->ct_helper.type);
		else if (o->type == NFT_OBJECT_CT_TIMEOUT)
			timeout_states_free(o->ct_timeout.policy);
		else if (o->type == NFT_OBJECT_SECMARK)
			free(o->secmark.ctx);
		free(o->comment);
		free(o);
		o = next;
	}
}

void flowtable_free(struct flowtable *ft)
{
	unsigned int i;

	while (ft) {
		struct flowtable *next = ft->next;

		handle_free(&ft->h);
		free(ft->name);
		free(ft->hook);
		free(ft->priority_text);
		for (i = 0; i < ft->ndevices; i++)
			free(ft->devices[i]);
		free(ft->devices);
		free(ft);
		ft = next;
	}
}

void table_free(struct table *t)
{
	while (t) {
		struct table *next = t->next;

		handle_free(&t->h);
		chain_free(t->chains);
		set_free(t->sets);
		obj_free(t->objs);
		flowtable_free(t->flowtables);
		free(t->comment);
		free(t);
		t = next;
	}
}

void cmds_free(struct cmd *c)
{
	while (c) {
		struct cmd *next = c->next;

		handle_free(&c->h);
		table_free(c->table);
		chain_free(c->chain);
		rule_free(c->rule);
		free(c->new_name);
		set_free(c->set);
		expr_free(c->elems);
		obj_free(c->object);
		flowtable_free(c->flowtable);
		expr_free(c->expr);
		free(c);
		c = next;
	}
}
