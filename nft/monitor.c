// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nft monitor [new|destroy] [tables|chains|sets|rules|elements|ruleset|trace]:
 * the kernel's ruleset events, as commands that would make them (or with
 * -j as JSON objects), a line each, and the packets traced through the
 * chains (trace.c), until killed.
 *
 * Events carry what changed, not always all of it: a deleted set comes
 * without its type, a set's elements without the set's.  What an event
 * lacks comes from a cache of the ruleset, loaded at the start and again
 * when something new appears.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <libmnl/libmnl.h>
#include <libnftnl/chain.h>
#include <libnftnl/expr.h>
#include <libnftnl/object.h>
#include <libnftnl/rule.h>
#include <libnftnl/set.h>
#include <libnftnl/table.h>
#include <nlkit/attr.h>
#include <libnftnl/udata.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ast.h"

enum monitor_event {
	EVENT_NEW = 1,
	EVENT_DESTROY = 2,
	EVENT_ANY = EVENT_NEW | EVENT_DESTROY,
};

enum monitor_object {
	MON_TABLES = 1 << 0,
	MON_CHAINS = 1 << 1,
	MON_SETS = 1 << 2,
	MON_RULES = 1 << 3,
	MON_ELEMENTS = 1 << 4,
	MON_OBJECTS = 1 << 5,	/* counters, quotas, limits */
	MON_ALL = (1 << 6) - 1,	/* the ruleset's events */
	MON_TRACE = 1 << 6,	/* packets traced: neither new nor destroyed */
};

struct monitor {
	unsigned int events;	/* enum monitor_event */
	unsigned int objects;	/* enum monitor_object */
	/* "# new generation" lines: only when nothing was chosen */
	bool generations;
};

/* ---- The command ------------------------------------------------------------ */

static const struct { const char *word; unsigned int objects; } object_words[] = {
	{ "tables", MON_TABLES }, { "chains", MON_CHAINS }, { "sets", MON_SETS },
	{ "rules", MON_RULES }, { "elements", MON_ELEMENTS }, { "ruleset", MON_ALL },
	{ "trace", MON_TRACE },
};

static unsigned int object_word(const struct token *tok)
{
	size_t i;

	if (tok->kind != TOK_WORD)
		return 0;
	for (i = 0; i < ARRAY_SIZE(object_words); i++)
		if (!strcmp(tok->text, object_words[i].word))
			return object_words[i].objects;
	return 0;
}

/* The reference's grammar names its object words as themselves. */
static void syntax_error(const struct token *tok)
{
	error_at(&tok->loc, "syntax error, unexpected %s, expecting end of file or newline or semicolon",
		 object_word(tok) ? tok->text : token_describe(tok));
}

static bool is_end(const struct token *tok)
{
	return tok->kind == TOK_EOF || tok->kind == TOK_NEWLINE || tok->kind == TOK_SEMICOLON;
}

/* The words after "monitor" in @s. */
static int monitor_parse(struct scanner *s, struct monitor *m)
{
	struct token tok = { 0 };
	bool event_given = false;
	int ret = -1;

	m->events = EVENT_ANY;
	m->objects = 0;
	scanner_next(s, &tok);
	/* an event first: any word that is not an object names one */
	if (tok.kind == TOK_WORD && !object_word(&tok)) {
		if (strcmp(tok.text, "new") && strcmp(tok.text, "destroy")) {
			error_at(&tok.loc, "invalid event %s", tok.text);
			goto out;
		}
		m->events = !strcmp(tok.text, "new") ? EVENT_NEW : EVENT_DESTROY;
		event_given = true;
		free(tok.text);
		tok.text = NULL;
		scanner_next(s, &tok);
	}
	if (object_word(&tok)) {
		m->objects = object_word(&tok);
		free(tok.text);
		tok.text = NULL;
		scanner_next(s, &tok);
	}
	if (!is_end(&tok)) {
		syntax_error(&tok);
		goto out;
	}
	m->generations = !event_given && !m->objects;
	/* an event alone leaves the stateful objects out, and traces have
	 * none: they come with no word at all, or as asked */
	if (!m->objects)
		m->objects = event_given ? MON_ALL & ~MON_OBJECTS : MON_ALL | MON_TRACE;
	if (m->events != EVENT_ANY)
		m->objects &= ~MON_TRACE;
	ret = 0;
out:
	free(tok.text);
	return ret;
}

/* ---- Events as commands ------------------------------------------------------- */

static const char *verb_of(uint16_t type)
{
	switch (type) {
	case NFT_MSG_DELTABLE:
	case NFT_MSG_DELCHAIN:
	case NFT_MSG_DELRULE:
	case NFT_MSG_DELSET:
	case NFT_MSG_DELSETELEM:
	case NFT_MSG_DELOBJ:
		return "delete";
	default:
		return "add";
	}
}

static bool is_new(uint16_t type)
{
	return !strcmp(verb_of(type), "add");
}

static void print_table_event(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	struct nftnl_table *nt = nftnl_table_alloc();
	struct table *t;

	if (parse_kernel_table(nlh, nt) < 0) {
		nftnl_table_free(nt);
		return;
	}
	t = table_from_nl(nt);
	if (ctx->json) {
		json_event_table(ctx->out, verb_of(type), t);
	} else {
		fprintf(ctx->out, "%s table %s %s", verb_of(type), family_name(t->h.family),
			t->h.table);
		if (is_new(type) && t->flags & NFT_TABLE_F_DORMANT)
			fputs(" { flags dormant; }", ctx->out);
		if (ctx->handles)
			fprintf(ctx->out, " # handle %llu", (unsigned long long)t->h.handle);
		fputc('\n', ctx->out);
	}
	table_free(t);
	nftnl_table_free(nt);
}

static void print_chain_event(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	struct nftnl_chain *nc = nftnl_chain_alloc();
	struct chain *c;

	if (parse_kernel_chain(nlh, nc) < 0) {
		nftnl_chain_free(nc);
		return;
	}
	c = chain_from_nl(nc);
	if (ctx->json) {
		json_event_chain(ctx->out, verb_of(type), c);
	} else {
		fprintf(ctx->out, "%s chain %s %s %s", verb_of(type), family_name(c->h.family),
			c->h.table, c->h.chain);
		if (is_new(type) && c->base) {
			char *head = NULL;
			size_t len = 0;
			FILE *m = open_memstream(&head, &len);

			/* the listing's hook line, in braces on the command's */
			print_chain_head(ctx, c, m, "");
			fclose(m);
			while (len && head[len - 1] == '\n')
				head[--len] = '\0';
			fprintf(ctx->out, " { %s }", head);
			free(head);
		}
		/* a deleted chain goes without its handle; a table keeps it */
		if (ctx->handles && is_new(type))
			fprintf(ctx->out, " # handle %llu", (unsigned long long)c->h.handle);
		fputc('\n', ctx->out);
	}
	chain_free(c);
	nftnl_chain_free(nc);
}

/* A deleted rule's sets are gone with it: the reference writes such a
 * rule without its lookups, and so do we. */
static void drop_lookups(struct nftnl_rule *nlr)
{
	struct nftnl_expr_iter *it = nftnl_expr_iter_create(nlr);
	struct nftnl_expr *e, *next;

	for (e = nftnl_expr_iter_next(it); e; e = next) {
		next = nftnl_expr_iter_next(it);
		if (!strcmp(nftnl_expr_get_str(e, NFTNL_EXPR_NAME), "lookup")) {
			nftnl_rule_del_expr(e);
			nftnl_expr_free(e);
		}
	}
	nftnl_expr_iter_destroy(it);
}

static void print_rule_event(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	struct nftnl_rule *nlr = nftnl_rule_alloc();
	struct chain c = { 0 };
	const char *verb = verb_of(type);
	struct rule *r;

	if (parse_kernel_rule(nlh, nlr) < 0) {
		nftnl_rule_free(nlr);
		return;
	}
	c.h.family = nftnl_rule_get_u32(nlr, NFTNL_RULE_FAMILY);
	c.h.table = (char *)nftnl_rule_get_str(nlr, NFTNL_RULE_TABLE);
	c.h.chain = (char *)nftnl_rule_get_str(nlr, NFTNL_RULE_CHAIN);
	/* a rule not appended was inserted */
	if (is_new(type) && !(nlh->nlmsg_flags & NLM_F_APPEND))
		verb = "insert";
	if (!ctx->json && !is_new(type)) {
		/* a deleted rule is named by its handle */
		fprintf(ctx->out, "delete rule %s %s %s handle %llu\n", family_name(c.h.family),
			c.h.table, c.h.chain,
			(unsigned long long)nftnl_rule_get_u64(nlr, NFTNL_RULE_HANDLE));
		nftnl_rule_free(nlr);
		return;
	}
	if (ctx->json && !is_new(type))
		drop_lookups(nlr);
	r = delinearize_rule(ctx, nlr, c.h.family);
	if (ctx->json) {
		if (r)
			json_event_rule(ctx, verb, &c, nlr, r);
	} else {
		fprintf(ctx->out, "%s rule %s %s %s ", verb, family_name(c.h.family), c.h.table,
			c.h.chain);
		/* the rule the kernel placed it after, when it says so */
		if (nftnl_rule_is_set(nlr, NFTNL_RULE_POSITION))
			fprintf(ctx->out, "handle %llu ",
				(unsigned long long)nftnl_rule_get_u64(nlr, NFTNL_RULE_POSITION));
		if (r)
			print_rule_stmts(ctx, r, ctx->out);
		else
			fputs("# unknown rule", ctx->out);
		if (ctx->handles)
			fprintf(ctx->out, " # handle %llu",
				(unsigned long long)nftnl_rule_get_u64(nlr, NFTNL_RULE_HANDLE));
		fputc('\n', ctx->out);
	}
	if (r)
		rule_free(r);
	nftnl_rule_free(nlr);
}

/* A set's declaration on one line, its flags all named. */
static void print_set_decl(struct nft_ctx *ctx, const struct set *s)
{
	static const struct { uint32_t flag; const char *name; } flag_names[] = {
		{ NFT_SET_CONSTANT, "constant" }, { NFT_SET_EVAL, "dynamic" },
		{ NFT_SET_INTERVAL, "interval" }, { NFT_SET_TIMEOUT, "timeout" },
	};
	struct expr *ms = value_new(NULL, &time_type, BYTEORDER_HOST, 64);
	const char *sep = " flags ";
	FILE *f = ctx->out;
	size_t i;

	/* -a: the handle opens the braces, as the reference has it */
	fputs(" { ", f);
	if (ctx->handles)
		fprintf(f, "# handle %llu ", (unsigned long long)s->handle);
	fputs(s->key_typeof ? "typeof " : "type ", f);
	print_set_types(ctx, s, true, f);
	fputc(';', f);
	if (s->has_policy && s->policy == NFT_SET_POL_MEMORY)
		fputs(" policy memory;", f);
	if (s->size)
		fprintf(f, " size %u;", s->size);
	/* a timeout says the flag already, unless something else is there */
	for (i = 0; i < ARRAY_SIZE(flag_names) && (s->flags & (NFT_SET_CONSTANT | NFT_SET_EVAL |
								 NFT_SET_INTERVAL) ||
						  (s->flags & NFT_SET_TIMEOUT && !s->timeout)); i++) {
		if (s->flags & flag_names[i].flag) {
			fprintf(f, "%s%s", sep, flag_names[i].name);
			sep = ",";
		}
	}
	if (*sep == ',')
		fputc(';', f);
	if (s->timeout) {
		fputs(" timeout ", f);
		value_set_u64(ms, s->timeout);
		print_value(ctx, ms, f);
		fputc(';', f);
	}
	if (s->gc_interval) {
		fputs(" gc-interval ", f);
		value_set_u64(ms, s->gc_interval);
		print_value(ctx, ms, f);
		fputc(';', f);
	}
	if (s->counter)
		fputs(" counter;", f);
	if (s->comment)
		fprintf(f, " comment \"%s\";", s->comment);
	/* the reference's declaration ends with a space */
	fputs(" } ", f);
	expr_free(ms);
}

static void print_set_event(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	struct nftnl_set *ns = nftnl_set_alloc();
	struct set *s;

	if (parse_kernel_set(nlh, ns) < 0) {
		nftnl_set_free(ns);
		return;
	}
	s = set_from_nl(ns);
	/* the sets rules make of { } come and go with their rule */
	if (is_new(type) && s->flags & NFT_SET_ANONYMOUS) {
		set_free(s);
		nftnl_set_free(ns);
		return;
	}
	if (ctx->json) {
		json_event_set(ctx, verb_of(type), s);
	} else {
		fprintf(ctx->out, "%s %s %s %s %s", verb_of(type),
			is_new(type) && set_is_map(s) ? "map" : "set",
			family_name(s->h.family), s->h.table, s->name);
		if (is_new(type) && s->key)
			print_set_decl(ctx, s);
		fputc('\n', ctx->out);
	}
	set_free(s);
	nftnl_set_free(ns);
}

/* ---- What events keep for those after them --------------------------------- */

/* An element message kept, with the set it names. */
struct kept_msg {
	unsigned int family;
	char *table, *set;
	struct nlmsghdr *msg;		/* a copy */
	struct kept_msg *next;
};

struct event_state {
	struct kept_msg *held;		/* per interval set, a bound kept back */
	struct kept_msg *anon;		/* -e: the elements of anonymous sets */
	bool kept;			/* the last event was kept, not printed */
	bool printed;			/* -e: an object printed this transaction */
};

static struct event_state *event_state(struct nft_ctx *ctx)
{
	if (!ctx->event_state)
		ctx->event_state = xcalloc(1, sizeof(*ctx->event_state));
	return ctx->event_state;
}

static struct kept_msg *kept_find(struct kept_msg *list, unsigned int family,
				  const char *table, const char *set)
{
	for (; list; list = list->next)
		if (list->family == family && !strcmp(list->table, table) &&
		    (!set || !strcmp(list->set, set)))
			return list;
	return NULL;
}

static void kept_add(struct kept_msg **list, unsigned int family, const char *table,
		     const char *set, const struct nlmsghdr *nlh)
{
	struct kept_msg *k = xcalloc(1, sizeof(*k)), **tail;

	k->family = family;
	k->table = xstrdup(table);
	k->set = xstrdup(set);
	k->msg = xmalloc(nlh->nlmsg_len);
	memcpy(k->msg, nlh, nlh->nlmsg_len);
	for (tail = list; *tail; tail = &(*tail)->next)
		;
	*tail = k;
}

static void kept_drop(struct kept_msg **list, struct kept_msg *k)
{
	struct kept_msg **p;

	for (p = list; *p != k; p = &(*p)->next)
		;
	*p = k->next;
	free(k->table);
	free(k->set);
	free(k->msg);
	free(k);
}

/* Those of a set (@set NULL: of every set of the table) dropped. */
static void kept_drop_set(struct kept_msg **list, unsigned int family, const char *table,
			  const char *set)
{
	struct kept_msg *k;

	while ((k = kept_find(*list, family, table, set)))
		kept_drop(list, k);
}

static void event_state_free(struct nft_ctx *ctx)
{
	struct event_state *st = ctx->event_state;

	if (!st)
		return;
	while (st->held)
		kept_drop(&st->held, st->held);
	while (st->anon)
		kept_drop(&st->anon, st->anon);
	free(st);
	ctx->event_state = NULL;
}

/* The first element of an element message, as a bound of a range. */
struct bound {
	bool end;		/* NFT_SET_ELEM_INTERVAL_END */
	bool zero_head;		/* its first four bytes (or fewer) zero */
	bool open;		/* marked as the start of a range to the last value */
};

static void udata_bound(const uint8_t *data, size_t len, struct bound *b)
{
	size_t off;

	/* type, length, value; the flags are a host's u32 */
	for (off = 0; off + 2 <= len && off + 2 + data[off + 1] <= len; off += 2 + data[off + 1]) {
		uint32_t flags;

		if (data[off] != NFTNL_UDATA_SET_ELEM_FLAGS || data[off + 1] != sizeof(flags))
			continue;
		memcpy(&flags, data + off + 2, sizeof(flags));
		b->open = flags & NFTNL_SET_ELEM_F_INTERVAL_OPEN;
	}
}

static void bound_of_msg(const struct nlmsghdr *nlh, struct bound *b)
{
	const struct nlattr *list, *el, *a, *v;
	const uint8_t *key;
	size_t i;

	memset(b, 0, sizeof(*b));
	mnl_attr_for_each(list, nlh, sizeof(struct nfgenmsg)) {
		if (mnl_attr_get_type(list) != NFTA_SET_ELEM_LIST_ELEMENTS)
			continue;
		mnl_attr_for_each_nested(el, list) {
			mnl_attr_for_each_nested(a, el) {
				switch (mnl_attr_get_type(a)) {
				case NFTA_SET_ELEM_FLAGS:
					b->end = ntohl(mnl_attr_get_u32(a)) &
						 NFT_SET_ELEM_INTERVAL_END;
					break;
				case NFTA_SET_ELEM_KEY:
					mnl_attr_for_each_nested(v, a) {
						key = mnl_attr_get_payload(v);
						b->zero_head = true;
						for (i = 0; i < 4 && i < mnl_attr_get_payload_len(v); i++)
							b->zero_head &= !key[i];
					}
					break;
				case NFTA_SET_ELEM_USERDATA:
					udata_bound(mnl_attr_get_payload(a),
						    mnl_attr_get_payload_len(a), b);
					break;
				}
			}
			return;
		}
	}
}

/*
 * An interval set's ranges come as their bounds, an element a message:
 * the start, then the end (the value after the range).  As the reference
 * does, a set's bound is kept back until the next one comes, and the two
 * are printed together as what they bound.  An end whose first four
 * bytes are zero it takes for the zero that opens a set's first range,
 * and skips: so the end of an IPv6 range in ::/32 is lost, and the range
 * runs on to the next bound, as there.  A start marked open (its range
 * goes on to the last value) waits for no end.  NULL: nothing to print.
 */
static struct expr *interval_elems_of_msg(struct nft_ctx *ctx, const struct set *s,
					  unsigned int family, const char *table,
					  const char *name, const struct nlmsghdr *nlh)
{
	struct event_state *st = event_state(ctx);
	const struct nlmsghdr *msgs[2];
	struct kept_msg *held;
	struct expr *elems;
	struct bound b;

	st->kept = true;
	bound_of_msg(nlh, &b);
	if (b.end && b.zero_head)
		return NULL;
	held = kept_find(st->held, family, table, name);
	if (held) {
		msgs[0] = held->msg;
		msgs[1] = nlh;
		elems = set_elems_of_msgs(s, msgs, 2, false);
		kept_drop(&st->held, held);
	} else if (b.open) {
		elems = set_elems_of_msgs(s, &nlh, 1, false);
	} else {
		kept_add(&st->held, family, table, name, nlh);
		return NULL;
	}
	st->kept = false;
	return elems;
}

static struct set *cached_set(struct nft_ctx *ctx, unsigned int family, const char *table,
			      const char *name)
{
	struct table *t = cache_find_table(ctx, family, table);

	return t ? cache_find_set(t, name) : NULL;
}

/* The elements of an anonymous set, kept over a reload of the cache. */
struct kept_elems {
	unsigned int family;
	char *table;
	uint64_t handle;
	struct expr *elems;
	struct kept_elems *next;
};

/*
 * The cache loaded again for what an event made new, but with the
 * elements of the anonymous sets read so far: those never change, and
 * the sets of a rule are gone from the kernel when the rule's deletion
 * comes, to be read from here (the reference reads them from what its
 * events told it).  Its return is cache_load()'s.
 */
static int cache_reload(struct nft_ctx *ctx)
{
	struct kept_elems *kept = NULL, *k;
	struct table *t;
	struct set *s;
	int err;

	for (t = ctx->cache ? cache_tables(ctx) : NULL; t; t = t->next) {
		for (s = t->sets; s; s = s->next) {
			if (!(s->flags & NFT_SET_ANONYMOUS) || !s->elems)
				continue;
			k = xcalloc(1, sizeof(*k));
			k->family = s->h.family;
			k->table = xstrdup(s->h.table);
			k->handle = s->handle;
			k->elems = s->elems;
			s->elems = NULL;
			k->next = kept;
			kept = k;
		}
	}
	err = cache_load(ctx);
	while ((k = kept)) {
		kept = k->next;
		t = cache_find_table(ctx, k->family, k->table);
		for (s = t ? t->sets : NULL; s && s->handle != k->handle; s = s->next)
			;
		if (s && !s->elems)
			s->elems = k->elems;
		else
			expr_free(k->elems);
		free(k->table);
		free(k);
	}
	return err;
}

static void print_elems_event(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	struct nftnl_set *ns = nftnl_set_alloc();
	struct expr *elems;
	const char *table, *name;
	unsigned int family;
	struct set *s;

	/* the message names its set as a set's message does */
	if (parse_kernel_elems(nlh, ns) < 0) {
		nftnl_set_free(ns);
		return;
	}
	family = nftnl_set_get_u32(ns, NFTNL_SET_FAMILY);
	table = nftnl_set_get_str(ns, NFTNL_SET_TABLE);
	name = nftnl_set_get_str(ns, NFTNL_SET_NAME);
	s = cached_set(ctx, family, table, name);
	/* a set of the batch being echoed, or one the monitor missed */
	if (!s && ctx->batch_cmds) {
		struct handle h = { .family = family, .table = (char *)table };

		s = set_lookup(ctx, &h, name);
	} else if (!s && cache_reload(ctx) == 0) {
		s = cached_set(ctx, family, table, name);
	}
	if (!s || s->flags & NFT_SET_ANONYMOUS || !s->key) {
		nftnl_set_free(ns);
		return;
	}
	if (s->flags & NFT_SET_INTERVAL && s->key->kind != EXPR_CONCAT)
		elems = interval_elems_of_msg(ctx, s, family, table, name, nlh);
	else
		elems = set_elems_of_msgs(s, &nlh, 1, false);
	if (elems && elems->set.elems) {
		if (ctx->json) {
			json_event_elems(ctx, verb_of(type), s, elems);
		} else {
			fprintf(ctx->out, "%s element %s %s %s ", verb_of(type),
				family_name(family), table, name);
			print_set_elems(ctx, s, elems, true, ctx->out);
			fputc('\n', ctx->out);
		}
	}
	expr_free(elems);
	nftnl_set_free(ns);
}

static void print_obj_event(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	struct nftnl_obj *no = nftnl_obj_alloc();
	struct obj *o;

	/* the kinds of object ours knows, with what the kernel always gives */
	if (parse_kernel_obj(nlh, no) < 0 ||
	    !obj_kind_of(nftnl_obj_get_u32(no, NFTNL_OBJ_TYPE))) {
		nftnl_obj_free(no);
		return;
	}
	o = obj_from_nl(no);
	if (ctx->json)
		json_event_obj(ctx->out, verb_of(type), o);
	else
		print_obj_event_text(ctx, verb_of(type), o, is_new(type), ctx->out);
	obj_free(o);
	nftnl_obj_free(no);
}

static void print_gen_event(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
{
	static const struct nl_attr_policy policy[NFTA_GEN_MAX + 1] = {
		[NFTA_GEN_ID] = { .kind = NLA_U32 },
		[NFTA_GEN_PROC_PID] = { .kind = NLA_U32 },
		[NFTA_GEN_PROC_NAME] = { .kind = NLA_STR },
	};
	const struct nlattr *tb[NFTA_GEN_MAX + 1];

	nl_attr_parse_msg(nlh, sizeof(struct nfgenmsg), tb, NFTA_GEN_MAX, policy);
	if (!tb[NFTA_GEN_ID] || !tb[NFTA_GEN_PROC_PID] || !tb[NFTA_GEN_PROC_NAME])
		return;
	fprintf(ctx->out, "# new generation %u by process %u (%s)\n",
		ntohl(mnl_attr_get_u32(tb[NFTA_GEN_ID])),
		ntohl(mnl_attr_get_u32(tb[NFTA_GEN_PROC_PID])),
		mnl_attr_get_str(tb[NFTA_GEN_PROC_NAME]));
}

static unsigned int object_of(uint16_t type)
{
	switch (type) {
	case NFT_MSG_NEWTABLE:
	case NFT_MSG_DELTABLE:
		return MON_TABLES;
	case NFT_MSG_NEWCHAIN:
	case NFT_MSG_DELCHAIN:
		return MON_CHAINS;
	case NFT_MSG_NEWRULE:
	case NFT_MSG_DELRULE:
		return MON_RULES;
	case NFT_MSG_NEWSET:
	case NFT_MSG_DELSET:
		return MON_SETS;
	case NFT_MSG_NEWSETELEM:
	case NFT_MSG_DELSETELEM:
		return MON_ELEMENTS;
	case NFT_MSG_NEWOBJ:
	case NFT_MSG_DELOBJ:
		return MON_OBJECTS;
	default:
		return 0;
	}
}

static bool print_event(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh);

static void forget_held_bounds(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	struct nftnl_set *ns;
	struct nftnl_table *nt;

	if (!ctx->event_state)
		return;
	if (type == NFT_MSG_DELSET) {
		ns = nftnl_set_alloc();
		if (parse_kernel_set(nlh, ns) == 0)
			kept_drop_set(&ctx->event_state->held,
				      nftnl_set_get_u32(ns, NFTNL_SET_FAMILY),
				      nftnl_set_get_str(ns, NFTNL_SET_TABLE),
				      nftnl_set_get_str(ns, NFTNL_SET_NAME));
		nftnl_set_free(ns);
	} else {
		nt = nftnl_table_alloc();
		if (parse_kernel_table(nlh, nt) == 0)
			kept_drop_set(&ctx->event_state->held,
				      nftnl_table_get_u32(nt, NFTNL_TABLE_FAMILY),
				      nftnl_table_get_str(nt, NFTNL_TABLE_NAME), NULL);
		nftnl_table_free(nt);
	}
}

static void forget_table_rules(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
{
	struct nftnl_table *nt = nftnl_table_alloc();

	/* (a table without its name is no kernel's) */
	if (parse_kernel_table(nlh, nt) == 0)
		trace_rules_forget_table(ctx, nftnl_table_get_u32(nt, NFTNL_TABLE_FAMILY),
					 nftnl_table_get_str(nt, NFTNL_TABLE_NAME));
	nftnl_table_free(nt);
}

static void anon_elems_update(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh);

static void monitor_event(struct nft_ctx *ctx, const struct monitor *m,
			  const struct nlmsghdr *nlh)
{
	uint16_t type = nlh->nlmsg_type & 0xff;

	if (nlh->nlmsg_type >> 8 != NFNL_SUBSYS_NFTABLES)
		return;
	if (type == NFT_MSG_NEWGEN) {
		if (m->generations && !ctx->json)
			print_gen_event(ctx, nlh);
		/* the elements of sets no rule took */
		while (ctx->event_state && ctx->event_state->anon)
			kept_drop(&ctx->event_state->anon, ctx->event_state->anon);
		return;
	}
	if (type == NFT_MSG_TRACE) {
		if (m->objects & MON_TRACE)
			print_trace_event(ctx, nlh);
		return;
	}
	/* a table gone takes its rules along: a trace of a table made again
	 * under its name names rules unknown */
	if (type == NFT_MSG_DELTABLE && ctx->trace_rules)
		forget_table_rules(ctx, nlh);
	/* and a set gone the bound kept back for it */
	if (type == NFT_MSG_DELTABLE || type == NFT_MSG_DELSET)
		forget_held_bounds(ctx, type, nlh);
	/* what is new may be needed to read what follows (a set's elements,
	 * a rule's lookups), printed or not */
	if (is_new(type) && type != NFT_MSG_NEWRULE && type != NFT_MSG_NEWSETELEM)
		cache_reload(ctx);
	anon_elems_update(ctx, type, nlh);
	if (!(object_of(type) & m->objects) ||
	    !(m->events & (is_new(type) ? EVENT_NEW : EVENT_DESTROY)))
		return;
	if (print_event(ctx, type, nlh) && ctx->json)
		fputc('\n', ctx->out);
}

/* The event of @nlh on ctx->out; whether it said anything. */
static bool print_event(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	FILE *out = ctx->out;
	char *text = NULL;
	size_t len = 0;

	ctx->out = open_memstream(&text, &len);
	ctx->events = true;
	switch (type) {
	case NFT_MSG_NEWTABLE:
	case NFT_MSG_DELTABLE:
		print_table_event(ctx, type, nlh);
		break;
	case NFT_MSG_NEWCHAIN:
	case NFT_MSG_DELCHAIN:
		print_chain_event(ctx, type, nlh);
		break;
	case NFT_MSG_NEWRULE:
	case NFT_MSG_DELRULE:
		print_rule_event(ctx, type, nlh);
		break;
	case NFT_MSG_NEWSET:
	case NFT_MSG_DELSET:
		print_set_event(ctx, type, nlh);
		break;
	case NFT_MSG_NEWSETELEM:
	case NFT_MSG_DELSETELEM:
		print_elems_event(ctx, type, nlh);
		break;
	case NFT_MSG_NEWOBJ:
	case NFT_MSG_DELOBJ:
		print_obj_event(ctx, type, nlh);
		break;
	}
	ctx->events = false;
	fclose(ctx->out);
	ctx->out = out;
	fwrite(text, 1, len, out);
	free(text);
	return len > 0;
}

/* The cached anonymous set of the first element message kept, its
 * elements those of every message kept for it, which go to the set: its
 * rule reads them (set_load_elems()), by the key it loads. */
static void anon_set_complete(struct nft_ctx *ctx, struct event_state *st)
{
	struct kept_msg *first = st->anon, *k;
	char *table = xstrdup(first->table), *name = xstrdup(first->set);
	unsigned int family = first->family;
	struct set *s = cached_set(ctx, family, table, name);

	if (s) {
		expr_free(s->elems);
		s->elems = NULL;
		set_elem_msgs_free(s);
		for (k = first; k; k = k->next) {
			if (k->family != family || strcmp(k->table, table) || strcmp(k->set, name))
				continue;
			s->elem_msgs = xrealloc(s->elem_msgs,
						(s->elem_msgs_count + 1) * sizeof(*s->elem_msgs));
			s->elem_msgs[s->elem_msgs_count++] = k->msg;
			k->msg = NULL;
		}
	}
	kept_drop_set(&st->anon, family, table, name);
	free(table);
	free(name);
}

/*
 * The elements of anonymous sets, which come an element a message before
 * their rule: kept, then the cached set's at the rule, in the order the
 * messages hold them, as the reference prints them.
 */
static void anon_elems_update(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	struct event_state *st = event_state(ctx);
	struct nftnl_set *ns;
	struct set *s;

	if (type == NFT_MSG_NEWSETELEM) {
		ns = nftnl_set_alloc();
		/* one without its table or set is no kernel's */
		if (parse_kernel_elems(nlh, ns) == 0 &&
		    (s = cached_set(ctx, nftnl_set_get_u32(ns, NFTNL_SET_FAMILY),
				    nftnl_set_get_str(ns, NFTNL_SET_TABLE),
				    nftnl_set_get_str(ns, NFTNL_SET_NAME))) &&
		    s->flags & NFT_SET_ANONYMOUS)
			kept_add(&st->anon, s->h.family, s->h.table, s->name, nlh);
		nftnl_set_free(ns);
	} else if (type == NFT_MSG_NEWRULE) {
		while (st->anon)
			anon_set_complete(ctx, st);
	}
}

/*
 * -e: what the transaction added that a rule of it reads from the cache
 * (loaded before the batch): its tables and sets, and the elements of its
 * anonymous sets, which come an element a message before their rule.
 */
static void echo_cache_update(struct nft_ctx *ctx, uint16_t type, const struct nlmsghdr *nlh)
{
	struct nftnl_table *nt;
	struct nftnl_set *ns;
	struct table *t;
	struct set *s;

	switch (type) {
	case NFT_MSG_NEWTABLE:
		nt = nftnl_table_alloc();
		if (parse_kernel_table(nlh, nt) == 0 &&
		    !cache_find_table(ctx, nftnl_table_get_u32(nt, NFTNL_TABLE_FAMILY),
				      nftnl_table_get_str(nt, NFTNL_TABLE_NAME)))
			cache_add_table(ctx, table_from_nl(nt));
		nftnl_table_free(nt);
		break;
	case NFT_MSG_NEWSET:
		ns = nftnl_set_alloc();
		if (parse_kernel_set(nlh, ns) == 0 &&
		    (t = cache_find_table(ctx, nftnl_set_get_u32(ns, NFTNL_SET_FAMILY),
					  nftnl_set_get_str(ns, NFTNL_SET_TABLE))) &&
		    !cache_find_set(t, nftnl_set_get_str(ns, NFTNL_SET_NAME))) {
			s = set_from_nl(ns);
			s->next = t->sets;
			t->sets = s;
		}
		nftnl_set_free(ns);
		break;
	case NFT_MSG_NEWSETELEM:
	case NFT_MSG_NEWRULE:
		anon_elems_update(ctx, type, nlh);
		break;
	}
}

/*
 * -e: what a transaction added, as the monitor prints it, and after it
 * the generation; with -j the objects of one transaction in one
 * {"nftables": [...]}.  A transaction that added nothing says nothing,
 * but one whose elements were only kept back (a bound of an interval
 * set) says its generation, or [].
 */
void echo_event(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
{
	uint16_t type = nlh->nlmsg_type & 0xff;
	struct event_state *st;
	FILE *out = ctx->out;
	char *text = NULL;
	size_t len = 0;

	if (nlh->nlmsg_type >> 8 != NFNL_SUBSYS_NFTABLES)
		return;
	if (type == NFT_MSG_NEWGEN) {
		if (ctx->echoed && ctx->json)
			fputs("]}\n", out);
		else if (ctx->echoed)
			print_gen_event(ctx, nlh);
		ctx->echoed = false;
		event_state_free(ctx);
		return;
	}
	/* a new flowtable is not echoed, but its transaction's generation is, as
	 * the reference's echo has it */
	if (type == NFT_MSG_NEWFLOWTABLE) {
		if (ctx->json && !ctx->echoed)
			fputs("{\"nftables\": [", out);
		ctx->echoed = true;
		return;
	}
	st = event_state(ctx);
	echo_cache_update(ctx, type, nlh);
	st->kept = false;
	ctx->out = open_memstream(&text, &len);
	print_event(ctx, type, nlh);
	fclose(ctx->out);
	ctx->out = out;
	if (len || st->kept) {
		if (ctx->json && !ctx->echoed)
			fputs("{\"nftables\": [", out);
		if (ctx->json && len && st->printed)
			fputs(", ", out);
		fwrite(text, 1, len, out);
		st->printed |= len > 0;
		ctx->echoed = true;
	}
	free(text);
}

void echo_end(struct nft_ctx *ctx)
{
	if (ctx->echoed && ctx->json)
		fputs("]}\n", ctx->out);
	ctx->echoed = false;
	event_state_free(ctx);
}

/* Events until the socket fails (or a signal ends us). */
static int monitor_loop(struct nft_ctx *ctx, const struct monitor *m, struct nl_sock *events)
{
	static char buf[1 << 16] __attribute__((aligned(4)));

	for (;;) {
		ssize_t len = recv(nl_fd(events), buf, sizeof(buf), 0);
		const struct nlmsghdr *nlh;
		int left;

		if (len < 0) {
			/* events lost to a full buffer are lost; the next come */
			if (errno == ENOBUFS || errno == EINTR)
				continue;
			fprintf(stderr, "netlink: Error: %s\n", strerror(errno));
			return -1;
		}
		left = (int)len;
		for (nlh = (const struct nlmsghdr *)buf; nl_msg_ok(nlh, left);
		     nlh = mnl_nlmsg_next(nlh, &left))
			monitor_event(ctx, m, nlh);
		fflush(ctx->out);
	}
}

int monitor_run(struct nft_ctx *ctx, struct input *in)
{
	struct scanner *s = scanner_new(in);
	struct nl_sock *events = NULL;
	struct token tok = { 0 };
	struct monitor m;
	int ret = -1;

	/* "monitor", already known to be the first word */
	scanner_next(s, &tok);
	if (monitor_parse(s, &m) < 0) {
		free(tok.text);
		scanner_free(s);
		return -1;
	}
	free(tok.text);
	scanner_free(s);
	ctx->sock = nl_open(NETLINK_NETFILTER, 0);
	events = nl_open(NETLINK_NETFILTER, 0);
	if (!ctx->sock || !events ||
	    (m.objects & MON_ALL && nl_join_group(events, NFNLGRP_NFTABLES) < 0) ||
	    (m.objects & MON_TRACE && nl_join_group(events, NFNLGRP_NFTRACE) < 0)) {
		fprintf(stderr, "netlink: Error: %s\n", strerror(errno));
		goto out;
	}
	/* subscribed first: nothing happens unseen between the two */
	if (cache_load(ctx) < 0 || (m.objects & MON_TRACE && trace_rules_load(ctx) < 0)) {
		fprintf(stderr, "netlink: Error: cache initialization failed: %s\n",
			strerror(errno));
		goto out;
	}
	ret = monitor_loop(ctx, &m, events);
out:
	trace_rules_free(ctx);
	event_state_free(ctx);
	cache_drop(ctx);
	nl_close(events);
	nl_close(ctx->sock);
	ctx->sock = NULL;
	return ret;
}
