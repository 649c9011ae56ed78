// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel side: dumps of tables, chains and rules through the core's
 * sockets, and every change of one run sent as a single nf_tables batch
 * (NFNL_MSG_BATCH_BEGIN ... END), which the kernel applies whole or not
 * at all.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <libmnl/libmnl.h>
#include <libnftnl/batch.h>
#include <libnftnl/chain.h>
#include <libnftnl/common.h>
#include <libnftnl/object.h>
#include <libnftnl/rule.h>
#include <libnftnl/set.h>
#include <libnftnl/table.h>
#include <libnftnl/udata.h>

#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ast.h"

struct cache {
	struct table *tables;
};

/* ---- Dumps ------------------------------------------------------------------ */

static int dump(struct nft_ctx *ctx, uint16_t msg, unsigned int family, struct nl_msgs *out)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nfgenmsg *g;

	g = nl_req_init(buf, NFNL_SUBSYS_NFTABLES << 8 | msg, 0, sizeof(*g));
	g->nfgen_family = family;
	g->version = NFNETLINK_V0;
	return nl_dump_collect(ctx->sock, (struct nlmsghdr *)buf, out);
}

int parse_kernel_table(const struct nlmsghdr *nlh, struct nftnl_table *t)
{
	if (nftnl_table_nlmsg_parse(nlh, t) < 0 || !nftnl_table_is_set(t, NFTNL_TABLE_NAME))
		return -1;
	return 0;
}

int parse_kernel_chain(const struct nlmsghdr *nlh, struct nftnl_chain *c)
{
	if (nftnl_chain_nlmsg_parse(nlh, c) < 0 || !nftnl_chain_is_set(c, NFTNL_CHAIN_TABLE) ||
	    !nftnl_chain_is_set(c, NFTNL_CHAIN_NAME) ||
	    (nftnl_chain_is_set(c, NFTNL_CHAIN_HOOKNUM) && !nftnl_chain_is_set(c, NFTNL_CHAIN_TYPE)))
		return -1;
	return 0;
}

int parse_kernel_rule(const struct nlmsghdr *nlh, struct nftnl_rule *r)
{
	if (nftnl_rule_nlmsg_parse(nlh, r) < 0 || !nftnl_rule_is_set(r, NFTNL_RULE_TABLE) ||
	    !nftnl_rule_is_set(r, NFTNL_RULE_CHAIN))
		return -1;
	return 0;
}

int parse_kernel_set(const struct nlmsghdr *nlh, struct nftnl_set *s)
{
	if (nftnl_set_nlmsg_parse(nlh, s) < 0 || !nftnl_set_is_set(s, NFTNL_SET_TABLE) ||
	    !nftnl_set_is_set(s, NFTNL_SET_NAME))
		return -1;
	return 0;
}

int parse_kernel_elems(const struct nlmsghdr *nlh, struct nftnl_set *s)
{
	if (nftnl_set_elems_nlmsg_parse(nlh, s) < 0 || !nftnl_set_is_set(s, NFTNL_SET_TABLE) ||
	    !nftnl_set_is_set(s, NFTNL_SET_NAME))
		return -1;
	return 0;
}

int parse_kernel_obj(const struct nlmsghdr *nlh, struct nftnl_obj *o)
{
	if (nftnl_obj_nlmsg_parse(nlh, o) < 0 || !nftnl_obj_is_set(o, NFTNL_OBJ_TABLE) ||
	    !nftnl_obj_is_set(o, NFTNL_OBJ_NAME))
		return -1;
	return 0;
}

bool udata_whole(const struct nftnl_udata *attr, const void *end)
{
	/* A record is its type and length bytes, then its value. */
	return (const char *)end - (const char *)attr >= 2 &&
	       (const char *)end - (const char *)nftnl_udata_get(attr) >= nftnl_udata_len(attr);
}

char *udata_comment(const void *data, uint32_t len, uint8_t type)
{
	const struct nftnl_udata *attr;

	if (!data)
		return NULL;
	udata_for_each(data, len, attr) {
		if (nftnl_udata_type(attr) == type)
			return strndup(nftnl_udata_get(attr), nftnl_udata_len(attr));
	}
	return NULL;
}

struct table *table_from_nl(struct nftnl_table *nt)
{
	struct table *t = xcalloc(1, sizeof(*t));
	uint32_t len;
	const void *ud;

	t->h.family = nftnl_table_get_u32(nt, NFTNL_TABLE_FAMILY);
	t->h.table = xstrdup(nftnl_table_get_str(nt, NFTNL_TABLE_NAME));
	t->h.handle = nftnl_table_get_u64(nt, NFTNL_TABLE_HANDLE);
	t->flags = nftnl_table_get_u32(nt, NFTNL_TABLE_FLAGS);
	ud = nftnl_table_get_data(nt, NFTNL_TABLE_USERDATA, &len);
	if (ud)
		t->comment = udata_comment(ud, len, NFTNL_UDATA_TABLE_COMMENT);
	return t;
}

struct chain *chain_from_nl(struct nftnl_chain *nc)
{
	struct chain *c = xcalloc(1, sizeof(*c));
	const void *ud;
	uint32_t len;

	c->h.family = nftnl_chain_get_u32(nc, NFTNL_CHAIN_FAMILY);
	c->h.table = xstrdup(nftnl_chain_get_str(nc, NFTNL_CHAIN_TABLE));
	c->h.chain = xstrdup(nftnl_chain_get_str(nc, NFTNL_CHAIN_NAME));
	c->h.handle = nftnl_chain_get_u64(nc, NFTNL_CHAIN_HANDLE);
	if (nftnl_chain_is_set(nc, NFTNL_CHAIN_FLAGS))
		c->flags = nftnl_chain_get_u32(nc, NFTNL_CHAIN_FLAGS);
	if (nftnl_chain_is_set(nc, NFTNL_CHAIN_HOOKNUM)) {
		c->base = true;
		c->hooknum = nftnl_chain_get_u32(nc, NFTNL_CHAIN_HOOKNUM);
		c->priority = (int32_t)nftnl_chain_get_u32(nc, NFTNL_CHAIN_PRIO);
		c->type = xstrdup(nftnl_chain_get_str(nc, NFTNL_CHAIN_TYPE));
		c->policy = nftnl_chain_get_u32(nc, NFTNL_CHAIN_POLICY);
		c->has_policy = true;
		if (nftnl_chain_is_set(nc, NFTNL_CHAIN_DEV)) {
			c->devices = xmalloc(sizeof(char *));
			c->devices[c->ndevices++] = xstrdup(nftnl_chain_get_str(nc,
										 NFTNL_CHAIN_DEV));
		} else if (nftnl_chain_is_set(nc, NFTNL_CHAIN_DEVICES)) {
			const char *const *devs = nftnl_chain_get_array(nc, NFTNL_CHAIN_DEVICES);

			while (devs[c->ndevices])
				c->ndevices++;
			c->devices = xmalloc(sizeof(char *) * (c->ndevices ? c->ndevices : 1));
			for (len = 0; len < c->ndevices; len++)
				c->devices[len] = xstrdup(devs[len]);
		}
	}
	ud = nftnl_chain_get_data(nc, NFTNL_CHAIN_USERDATA, &len);
	if (ud)
		c->comment = udata_comment(ud, len, NFTNL_UDATA_CHAIN_COMMENT);
	return c;
}

static void cache_free(struct cache *c)
{
	if (!c)
		return;
	table_free(c->tables);
	free(c);
}

int cache_load(struct nft_ctx *ctx)
{
	struct nl_msgs msgs = { 0 };
	struct nlmsghdr *nlh;
	struct table **tail;
	int err;

	cache_free(ctx->cache);
	ctx->cache = xcalloc(1, sizeof(*ctx->cache));
	tail = &ctx->cache->tables;
	err = dump(ctx, NFT_MSG_GETTABLE, NFPROTO_UNSPEC, &msgs);
	if (err < 0)
		goto out;
	nl_msgs_for_each(&msgs, nlh) {
		struct nftnl_table *nt = nftnl_table_alloc();

		if (parse_kernel_table(nlh, nt) == 0) {
			*tail = table_from_nl(nt);
			tail = &(*tail)->next;
		}
		nftnl_table_free(nt);
	}
	nl_msgs_free(&msgs);
	err = dump(ctx, NFT_MSG_GETCHAIN, NFPROTO_UNSPEC, &msgs);
	if (err < 0)
		goto out;
	nl_msgs_for_each(&msgs, nlh) {
		struct nftnl_chain *nc = nftnl_chain_alloc();

		if (parse_kernel_chain(nlh, nc) == 0) {
			struct chain *c = chain_from_nl(nc), **ct;
			struct table *t = cache_find_table(ctx, c->h.family, c->h.table);

			if (t) {
				for (ct = &t->chains; *ct; ct = &(*ct)->next)
					;
				*ct = c;
			} else {
				chain_free(c);
			}
		}
		nftnl_chain_free(nc);
	}
	nl_msgs_free(&msgs);
	err = cache_load_sets(ctx);
	if (err == 0)
		err = cache_load_flowtables(ctx);
out:
	nl_msgs_free(&msgs);
	return err;
}

void cache_drop(struct nft_ctx *ctx)
{
	cache_free(ctx->cache);
	ctx->cache = NULL;
}

struct table *cache_tables(struct nft_ctx *ctx)
{
	return ctx->cache->tables;
}

void cache_add_table(struct nft_ctx *ctx, struct table *t)
{
	struct table **tail;

	for (tail = &ctx->cache->tables; *tail; tail = &(*tail)->next)
		;
	*tail = t;
}

struct table *cache_find_table(struct nft_ctx *ctx, unsigned int family, const char *name)
{
	struct table *t;

	for (t = ctx->cache->tables; t; t = t->next)
		if (t->h.family == family && !strcmp(t->h.table, name))
			return t;
	return NULL;
}

struct chain *cache_find_chain(struct table *t, const char *name)
{
	struct chain *c;

	for (c = t->chains; c; c = c->next)
		if (!strcmp(c->h.chain, name))
			return c;
	return NULL;
}

/* ---- Listing ---------------------------------------------------------------- */

int load_rules(struct nft_ctx *ctx, unsigned int family, struct nl_msgs *out)
{
	return dump(ctx, NFT_MSG_GETRULE, family, out);
}

void chain_rules_each(struct nft_ctx *ctx, const struct chain *c, const struct nl_msgs *rules,
		      void (*fn)(struct nft_ctx *ctx, const struct chain *c,
				 const struct nftnl_rule *nlr, const struct rule *r))
{
	struct nlmsghdr *nlh;

	nl_msgs_for_each(rules, nlh) {
		struct nftnl_rule *nlr = nftnl_rule_alloc();
		struct rule *r;

		if (parse_kernel_rule(nlh, nlr) < 0 ||
		    nftnl_rule_get_u32(nlr, NFTNL_RULE_FAMILY) != c->h.family ||
		    strcmp(nftnl_rule_get_str(nlr, NFTNL_RULE_TABLE), c->h.table) ||
		    strcmp(nftnl_rule_get_str(nlr, NFTNL_RULE_CHAIN), c->h.chain)) {
			nftnl_rule_free(nlr);
			continue;
		}
		r = delinearize_rule(ctx, nlr, c->h.family);
		fn(ctx, c, nlr, r);
		if (r)
			rule_free(r);
		nftnl_rule_free(nlr);
	}
}

static void print_rule_line(struct nft_ctx *ctx, const struct chain *c __attribute__((unused)),
			    const struct nftnl_rule *nlr, const struct rule *r)
{
	FILE *f = ctx->out;

	fputs("\t\t", f);
	if (r)
		print_rule_stmts(ctx, r, f);
	else
		fputs("# unknown rule", f);
	if (ctx->handles)
		fprintf(f, " # handle %llu",
			(unsigned long long)nftnl_rule_get_u64(nlr, NFTNL_RULE_HANDLE));
	fputc('\n', f);
}

static void print_chain(struct nft_ctx *ctx, const struct chain *c, struct nl_msgs *rules)
{
	FILE *f = ctx->out;

	fprintf(f, "\tchain %s {", c->h.chain);
	if (ctx->handles)
		fprintf(f, " # handle %llu", (unsigned long long)c->h.handle);
	fputc('\n', f);
	print_chain_head(ctx, c, f, "\t\t");
	if (rules)
		chain_rules_each(ctx, c, rules, print_rule_line);
	fputs("\t}\n", f);
}

static void print_table_head(struct nft_ctx *ctx, const struct table *t, bool heads_only)
{
	FILE *f = ctx->out;

	fprintf(f, "table %s %s {", family_name(t->h.family), t->h.table);
	if (ctx->handles)
		fprintf(f, " # handle %llu", (unsigned long long)t->h.handle);
	fputc('\n', f);
	if (t->comment)
		fprintf(f, "\tcomment \"%s\"\n", t->comment);
	if (t->flags & NFT_TABLE_F_DORMANT && !heads_only)
		fprintf(f, "\tflags dormant\n%s",
			t->chains || t->sets || t->objs || t->flowtables ? "\n" : "");
}

static void print_table(struct nft_ctx *ctx, const struct table *t, struct nl_msgs *rules,
			bool heads_only)
{
	const struct flowtable *ft;
	const struct chain *c;
	bool any;

	print_table_head(ctx, t, heads_only);
	any = !heads_only && print_table_sets(ctx, t);
	/* after the sets, before the chains, each after a blank line but
	 * the table's first */
	for (ft = t->flowtables; ft && !heads_only; ft = ft->next) {
		if (any)
			fputc('\n', ctx->out);
		print_flowtable(ctx, ft, ctx->out);
		any = true;
	}
	for (c = t->chains; c; c = c->next) {
		if ((c != t->chains || any) && !heads_only)
			fputc('\n', ctx->out);
		print_chain(ctx, c, heads_only ? NULL : rules);
	}
	fputs("}\n", ctx->out);
}

bool listing_has_table(const struct cmd *c, const struct table *t)
{
	if (c->h.table)
		return t->h.family == c->h.family && !strcmp(t->h.table, c->h.table);
	return !c->family_given || t->h.family == c->h.family;
}

int listing_table_check(struct nft_ctx *ctx, const struct cmd *c)
{
	if (c->h.table && !cache_find_table(ctx, c->h.family, c->h.table)) {
		if (!hint_missing(ctx, c, HINT_TABLE, c->h.table, &c->h.table_loc, HINT_NAME))
			error_at(&c->h.table_loc, "%s", strerror(ENOENT));
		return -1;
	}
	return 0;
}

static int cmd_list(struct nft_ctx *ctx, struct cmd *c)
{
	struct nl_msgs rules = { 0 };
	struct table *t;
	struct chain *ch;
	int err = 0;

	/* describe and get answer in text even with -j, as the reference's */
	if (c->op == CMD_DESCRIBE) {
		describe_expr(c->expr, ctx->out);
		return 0;
	}
	if (ctx->json && c->op != CMD_GET)
		return json_list_cmd(ctx, c);
	switch (c->obj) {
	case OBJ_SET:
	case OBJ_MAP:
	case OBJ_METER:
	case OBJ_SETS:
	case OBJ_MAPS:
	case OBJ_METERS:
		return list_set_cmd(ctx, c);
	case OBJ_ELEMENT:
		return get_elems_cmd(ctx, c);
	case OBJ_OBJECT:
	case OBJ_OBJECTS:
		return list_obj_cmd(ctx, c);
	case OBJ_FLOWTABLE:
	case OBJ_FLOWTABLES:
		return list_flowtable_cmd(ctx, c);
	case OBJ_TABLES:
		for (t = ctx->cache->tables; t; t = t->next)
			if (!c->family_given || t->h.family == c->h.family)
				fprintf(ctx->out, "table %s %s\n", family_name(t->h.family),
					t->h.table);
		return 0;
	case OBJ_CHAINS:
		for (t = ctx->cache->tables; t; t = t->next)
			if (!c->family_given || t->h.family == c->h.family)
				print_table(ctx, t, NULL, true);
		return 0;
	case OBJ_RULESET:
		err = load_rules(ctx, c->family_given ? c->h.family : NFPROTO_UNSPEC, &rules);
		if (err < 0)
			break;
		for (t = ctx->cache->tables; t; t = t->next)
			if (!c->family_given || t->h.family == c->h.family)
				print_table(ctx, t, &rules, false);
		break;
	case OBJ_TABLE:
		t = cache_find_table(ctx, c->h.family, c->h.table);
		if (!t) {
			error_at(&c->h.table_loc, "%s", strerror(ENOENT));
			return -1;
		}
		err = load_rules(ctx, c->h.family, &rules);
		if (err == 0)
			print_table(ctx, t, &rules, false);
		break;
	case OBJ_CHAIN:
		t = cache_find_table(ctx, c->h.family, c->h.table);
		if (!t) {
			error_at(&c->h.table_loc, "%s", strerror(ENOENT));
			return -1;
		}
		ch = cache_find_chain(t, c->h.chain);
		if (!ch) {
			error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
			return -1;
		}
		err = load_rules(ctx, c->h.family, &rules);
		if (err < 0)
			break;
		fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
		print_chain(ctx, ch, &rules);
		fputs("}\n", ctx->out);
		break;
	default:
		break;
	}
	nl_msgs_free(&rules);
	if (err < 0)
		fprintf(stderr, "netlink: Error: %s\n", strerror(-err));
	return err < 0 ? -1 : 0;
}

/* ---- The batch -------------------------------------------------------------- */

struct batch {
	char *buf;
	size_t len, cap;
	uint32_t seq, first_seq;
	/* per message: where an error about it points */
	struct location *locs;
	/* per message: where an error the kernel pins on its table points */
	struct location *table_locs;
	/* per message: where one pinned on another of its attributes (an
	 * object's name or handle) points */
	struct location *name_locs;
	const struct location *cmd_table_loc;	/* the command being added's */
	const struct cmd *cmd;			/* the command being added */
	const struct cmd **cmds;	/* per message: its command */
	const struct rule **rules;	/* a rule's message: its rule */
	/* an element message: the set block of its elements (or NULL), and
	 * the number in it of its first */
	const struct expr **elem_blocks;
	uint32_t *elem_first;
	/* and per element, the number in the block of the one it came
	 * from, where they are not in order (an interval set's bounds) */
	uint32_t **elem_index;
	size_t *starts;			/* where each message begins in buf */
	size_t count;
};

void batch_reserve(struct batch *b, size_t len)
{
	if (b->cap - b->len < len + NL_REQ_SIZE) {
		b->cap = b->cap * 2 + len + NL_REQ_SIZE * 2;
		b->buf = xrealloc(b->buf, b->cap);
	}
}

struct nlmsghdr *batch_msg(struct batch *b, uint16_t type, unsigned int family,
			   uint16_t flags, const struct location *loc)
{
	struct nlmsghdr *nlh;

	if (b->cap - b->len < NL_REQ_SIZE) {
		b->cap = b->cap * 2 + NL_REQ_SIZE * 2;
		b->buf = xrealloc(b->buf, b->cap);
	}
	/* attribute padding goes to the kernel too: no stale bytes */
	memset(b->buf + b->len, 0, NL_REQ_SIZE);
	/* As the reference, no acknowledgement is asked for: the kernel
	 * answers the messages it refuses only, and a batch of many would
	 * overflow the receive buffer with them before any is read. */
	nlh = nftnl_nlmsg_build_hdr(b->buf + b->len, type, family, flags, b->seq);
	b->locs = xrealloc(b->locs, sizeof(*b->locs) * (b->count + 1));
	b->table_locs = xrealloc(b->table_locs, sizeof(*b->table_locs) * (b->count + 1));
	b->name_locs = xrealloc(b->name_locs, sizeof(*b->name_locs) * (b->count + 1));
	b->rules = xrealloc(b->rules, sizeof(*b->rules) * (b->count + 1));
	b->cmds = xrealloc(b->cmds, sizeof(*b->cmds) * (b->count + 1));
	b->elem_blocks = xrealloc(b->elem_blocks, sizeof(*b->elem_blocks) * (b->count + 1));
	b->elem_first = xrealloc(b->elem_first, sizeof(*b->elem_first) * (b->count + 1));
	b->elem_index = xrealloc(b->elem_index, sizeof(*b->elem_index) * (b->count + 1));
	b->starts = xrealloc(b->starts, sizeof(*b->starts) * (b->count + 1));
	b->locs[b->count] = *loc;
	b->table_locs[b->count] = b->cmd_table_loc ? *b->cmd_table_loc : *loc;
	b->name_locs[b->count] = *loc;
	b->rules[b->count] = NULL;
	b->cmds[b->count] = b->cmd;
	b->elem_blocks[b->count] = NULL;
	b->elem_index[b->count] = NULL;
	b->starts[b->count] = b->len;
	b->count++;
	b->seq++;
	return nlh;
}

void batch_msg_elems(struct batch *b, const struct expr *block, uint32_t first)
{
	b->elem_blocks[b->count - 1] = block;
	b->elem_first[b->count - 1] = first;
}

void batch_msg_elem_from(struct batch *b, uint32_t n, uint32_t index)
{
	uint32_t **v = &b->elem_index[b->count - 1];

	/* room for twice as many when full */
	if (!(n & (n - 1)))
		*v = xrealloc(*v, sizeof(**v) * (n ? 2 * n : 1));
	(*v)[n] = index;
}

void batch_name_loc(struct batch *b, const struct location *loc)
{
	b->name_locs[b->count - 1] = *loc;
}

void batch_done(struct batch *b, struct nlmsghdr *nlh)
{
	b->len += NLMSG_ALIGN(nlh->nlmsg_len);
}

static void batch_table(struct batch *b, struct table *t, uint16_t type, uint16_t flags,
			const struct location *loc)
{
	struct nftnl_table *nt = nftnl_table_alloc();
	struct nlmsghdr *nlh;

	nftnl_table_set_u32(nt, NFTNL_TABLE_FAMILY, t->h.family);
	if (t->h.table)
		nftnl_table_set_str(nt, NFTNL_TABLE_NAME, t->h.table);
	if (t->h.has_handle)
		nftnl_table_set_u64(nt, NFTNL_TABLE_HANDLE, t->h.handle);
	if (type == NFT_MSG_NEWTABLE)
		nftnl_table_set_u32(nt, NFTNL_TABLE_FLAGS, t->flags);
	if (t->comment) {
		struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);

		nftnl_udata_put_strz(ud, NFTNL_UDATA_TABLE_COMMENT, t->comment);
		nftnl_table_set_data(nt, NFTNL_TABLE_USERDATA, nftnl_udata_buf_data(ud),
				     nftnl_udata_buf_len(ud));
		nftnl_udata_buf_free(ud);
	}
	nlh = batch_msg(b, type, t->h.family, flags, loc);
	nftnl_table_nlmsg_build_payload(nlh, nt);
	batch_done(b, nlh);
	nftnl_table_free(nt);
}

/* The reference puts a chain's type, policy, hook and comment after its
 * names, in that order, where libnftnl would put the hook first, and lists
 * a hook's devices last one first: they are added here by hand, so that
 * the messages, and the kernel's order of the devices, are the same. */
static void batch_chain(struct batch *b, struct chain *c, uint16_t type, uint16_t flags,
			const struct location *loc)
{
	struct nftnl_chain *nc = nftnl_chain_alloc();
	struct nlmsghdr *nlh;
	struct nlattr *hook;
	unsigned int i;

	nftnl_chain_set_u32(nc, NFTNL_CHAIN_FAMILY, c->h.family);
	nftnl_chain_set_str(nc, NFTNL_CHAIN_TABLE, c->h.table);
	if (c->h.chain)
		nftnl_chain_set_str(nc, NFTNL_CHAIN_NAME, c->h.chain);
	if (c->h.has_handle)
		nftnl_chain_set_u64(nc, NFTNL_CHAIN_HANDLE, c->h.handle);
	nlh = batch_msg(b, type, c->h.family, flags, loc);
	nftnl_chain_nlmsg_build_payload(nlh, nc);
	nftnl_chain_free(nc);
	if (c->base)
		mnl_attr_put_strz(nlh, NFTA_CHAIN_TYPE, c->type);
	if (c->has_policy)
		mnl_attr_put_u32(nlh, NFTA_CHAIN_POLICY, htonl(c->policy));
	if (c->base) {
		hook = mnl_attr_nest_start(nlh, NFTA_CHAIN_HOOK);
		mnl_attr_put_u32(nlh, NFTA_HOOK_HOOKNUM, htonl(c->hooknum));
		mnl_attr_put_u32(nlh, NFTA_HOOK_PRIORITY, htonl((uint32_t)c->priority));
		if (c->ndevices == 1) {
			mnl_attr_put_strz(nlh, NFTA_HOOK_DEV, c->devices[0]);
		} else if (c->ndevices > 1) {
			struct nlattr *devs = mnl_attr_nest_start(nlh, NFTA_HOOK_DEVS);

			for (i = c->ndevices; i > 0; i--)
				mnl_attr_put_strz(nlh, NFTA_DEVICE_NAME, c->devices[i - 1]);
			mnl_attr_nest_end(nlh, devs);
		}
		mnl_attr_nest_end(nlh, hook);
	}
	if (c->comment) {
		struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);

		nftnl_udata_put_strz(ud, NFTNL_UDATA_CHAIN_COMMENT, c->comment);
		mnl_attr_put(nlh, NFTA_CHAIN_USERDATA, nftnl_udata_buf_len(ud),
			     nftnl_udata_buf_data(ud));
		nftnl_udata_buf_free(ud);
	}
	batch_done(b, nlh);
}

static int batch_rule(struct nft_ctx *ctx, struct batch *b, struct rule *r, uint16_t type,
		      uint16_t flags, const struct location *loc)
{
	struct nftnl_rule *nlr = nftnl_rule_alloc();
	struct nlmsghdr *nlh;

	nftnl_rule_set_u32(nlr, NFTNL_RULE_FAMILY, r->h.family);
	nftnl_rule_set_str(nlr, NFTNL_RULE_TABLE, r->h.table);
	if (r->h.chain)
		nftnl_rule_set_str(nlr, NFTNL_RULE_CHAIN, r->h.chain);
	if (r->h.has_handle)
		nftnl_rule_set_u64(nlr, NFTNL_RULE_HANDLE, r->h.handle);
	if (r->h.has_position)
		nftnl_rule_set_u64(nlr, NFTNL_RULE_POSITION, r->h.position);
	if (r->h.has_index)
		nftnl_rule_set_u32(nlr, NFTNL_RULE_POSITION_ID, 0);
	if (type == NFT_MSG_NEWRULE &&
	    (batch_rule_sets(ctx, b, r, b->cmd && b->cmd->rule == r ? b->cmd : NULL) < 0 || linearize_rule(ctx, r, nlr) < 0)) {
		nftnl_rule_free(nlr);
		return -1;
	}
	nlh = batch_msg(b, type, r->h.family, flags, loc);
	b->rules[b->count - 1] = r;
	nftnl_rule_nlmsg_build_payload(nlh, nlr);
	if (type == NFT_MSG_NEWRULE)
		rule_userdata_put(nlh, r);
	batch_done(b, nlh);
	nftnl_rule_free(nlr);
	return 0;
}

/* The chain of a rule placed by index or position, which the reference
 * looks up in its cache, rules and all, before anything is sent. */
static int placed_rule_chain_check(struct nft_ctx *ctx, struct cmd *c)
{
	struct table *t = cache_find_table(ctx, c->h.family, c->h.table);

	if (t && cache_find_chain(t, c->h.chain))
		return 0;
	if (!hint_missing(ctx, c, HINT_CHAIN, c->h.chain, &c->h.chain_loc, HINT_NAME))
		error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
	return -1;
}

/* A rule's index form names the handle of the rule at that index. */
static int resolve_index(struct nft_ctx *ctx, struct rule *r)
{
	struct nl_msgs rules = { 0 };
	struct nlmsghdr *nlh;
	uint32_t i = 0;
	int found = -1;

	if (load_rules(ctx, r->h.family, &rules) < 0)
		return -1;
	nl_msgs_for_each(&rules, nlh) {
		struct nftnl_rule *nlr = nftnl_rule_alloc();

		if (parse_kernel_rule(nlh, nlr) == 0 &&
		    !strcmp(nftnl_rule_get_str(nlr, NFTNL_RULE_TABLE), r->h.table) &&
		    !strcmp(nftnl_rule_get_str(nlr, NFTNL_RULE_CHAIN), r->h.chain)) {
			if (i++ == r->h.index && found < 0) {
				r->h.position = nftnl_rule_get_u64(nlr, NFTNL_RULE_HANDLE);
				found = 0;
			}
		}
		nftnl_rule_free(nlr);
	}
	nl_msgs_free(&rules);
	r->h.has_index = false;
	if (found < 0) {
		error_at(&r->h.position_loc, "Could not process rule: %s", strerror(ENOENT));
		return -1;
	}
	r->h.has_position = true;
	return 0;
}

/*
 * Whether a command needs the kernel's ruleset read first.  As in the
 * reference, adding a table without a body and flushing the ruleset, a
 * table or a chain read nothing (unless -e is to echo them): the kernel
 * alone judges them, so a missing table or a run without the privilege
 * shows as its error on the command.
 */
static bool cmd_needs_cache(const struct nft_ctx *ctx, const struct cmd *c)
{
	if (c->op == CMD_DESCRIBE)
		return false;
	if (ctx->echo)
		return true;
	switch (c->op) {
	case CMD_ADD:
	case CMD_CREATE:
		return c->obj != OBJ_TABLE || c->table->has_body;
	case CMD_FLUSH:
		return c->obj != OBJ_RULESET && c->obj != OBJ_TABLE && c->obj != OBJ_CHAIN;
	default:
		return true;
	}
}

static bool table_known(struct nft_ctx *ctx, struct cmd *upto, const struct handle *h)
{
	struct cmd *c;

	if (cache_find_table(ctx, h->family, h->table))
		return true;
	for (c = ctx->batch_cmds; c && c != upto; c = c->next)
		if (c->obj == OBJ_TABLE && c->table && c->h.family == h->family &&
		    !strcmp(c->h.table, h->table))
			return true;
	return false;
}

/*
 * What the reference looks for, to hint at a name near the one missing,
 * when the kernel refuses command @c with ENOENT (it looks then, after
 * the kernel's answer): the chain of a rule, the object a deletion names;
 * -1 for none.
 */
static int kernel_hint_kind(const struct cmd *c)
{
	if (c->obj == OBJ_RULE)
		return HINT_CHAIN;
	if (c->op != CMD_DELETE)
		return -1;
	switch (c->obj) {
	case OBJ_TABLE:
		return HINT_TABLE;
	case OBJ_CHAIN:
		return HINT_CHAIN;
	case OBJ_SET:
	case OBJ_MAP:
		return HINT_SET;
	case OBJ_OBJECT:
		return HINT_OBJ;
	case OBJ_FLOWTABLE:
		return HINT_FLOWTABLE;
	default:
		return -1;
	}
}

/* The kernel's ENOENT for command @c, pinned on its table (@at_table) or
 * on the name of what it names, with the reference's hint; false when
 * it has none. */
static bool kernel_enoent_hint(struct nft_ctx *ctx, const struct cmd *c, bool at_table)
{
	int kind = kernel_hint_kind(c);

	if (kind < 0)
		return false;
	if (kind == HINT_TABLE)
		return at_table && hint_missing(ctx, NULL, HINT_TABLE, c->h.table, &c->h.table_loc,
						HINT_NAME);
	if (!c->h.chain)
		return false;
	if (at_table)
		return hint_missing(ctx, NULL, kind, c->h.chain, &c->h.table_loc, HINT_ITS_TABLE);
	return hint_missing(ctx, NULL, kind, c->h.chain, &c->h.chain_loc,
			    c->obj == OBJ_RULE ? HINT_OTHER_NAME : HINT_NAME);
}

/*
 * A command naming a table that does not exist.  One the kernel would
 * refuse with a hint of the reference (a rule, a deletion) fails as that;
 * a rule naming sets or placed by index or position, and every other
 * command, as the
 * reference's evaluation finds it, hinting at a table near in name.
 */
static void table_missing(struct nft_ctx *ctx, const struct cmd *c)
{
	const struct handle *h = &c->h;

	if (kernel_hint_kind(c) >= 0 &&
	    !(c->rule && (c->rule->h.has_index || c->rule->h.has_position ||
			  rule_names_sets(c->rule)))) {
		if (!kernel_enoent_hint(ctx, c, true))
			error_at(&h->table_loc, "Could not process rule: %s", strerror(ENOENT));
	} else if (!hint_missing(ctx, c, HINT_TABLE, h->table, &h->table_loc, HINT_NAME)) {
		error_at(&h->table_loc, "%s", strerror(ENOENT));
	}
}

static int batch_cmd(struct nft_ctx *ctx, struct batch *b, struct cmd *c)
{
	uint16_t create = c->op == CMD_CREATE ? NLM_F_EXCL : 0;
	struct chain *ch;
	struct rule *r;

	b->cmd_table_loc = c->h.table ? &c->h.table_loc : NULL;
	b->cmd = c;
	if (cmd_needs_cache(ctx, c) && c->obj != OBJ_TABLE && c->obj != OBJ_RULESET &&
	    c->h.table && !table_known(ctx, c, &c->h)) {
		table_missing(ctx, c);
		return -1;
	}
	if (c->obj == OBJ_SET || c->obj == OBJ_MAP || c->obj == OBJ_ELEMENT)
		return batch_set_cmd(ctx, b, c);
	if (c->obj == OBJ_OBJECT)
		return batch_obj_cmd(ctx, b, c);
	if (c->obj == OBJ_FLOWTABLE)
		return batch_flowtable_cmd(ctx, b, c);
	switch (c->op) {
	case CMD_ADD:
	case CMD_CREATE:
		if (c->obj == OBJ_TABLE) {
			int ret;

			batch_table(b, c->table, NFT_MSG_NEWTABLE, create,
				    &c->h.table_loc);
			for (ch = c->table->chains; ch; ch = ch->next)
				batch_chain(b, ch, NFT_MSG_NEWCHAIN, NLM_F_CREATE, &ch->h.chain_loc);
			ret = batch_table_sets(ctx, b, c->table);
			batch_table_flowtables(b, c->table);
			for (ch = c->table->chains; ch; ch = ch->next)
				for (r = ch->rules; r; r = r->next)
					if (batch_rule(ctx, b, r, NFT_MSG_NEWRULE,
						       NLM_F_CREATE | NLM_F_APPEND, &r->loc) < 0)
						return -1;
			return ret;
		}
		if (c->obj == OBJ_CHAIN) {
			batch_chain(b, c->chain, NFT_MSG_NEWCHAIN, NLM_F_CREATE | create,
				    &c->h.chain_loc);
			/* and the rules of its block, after it */
			for (r = c->chain->rules; r; r = r->next)
				if (batch_rule(ctx, b, r, NFT_MSG_NEWRULE, NLM_F_CREATE | NLM_F_APPEND,
					       &r->loc) < 0)
					return -1;
			return 0;
		}
		/* rules */
		/* fall through */
	case CMD_INSERT:
	case CMD_REPLACE:
		if ((c->rule->h.has_index || c->rule->h.has_position) &&
		    placed_rule_chain_check(ctx, c) < 0)
			return -1;
		if (c->rule->h.has_index && resolve_index(ctx, c->rule) < 0)
			return -1;
		return batch_rule(ctx, b, c->rule, NFT_MSG_NEWRULE,
				  c->op == CMD_REPLACE ? NLM_F_REPLACE :
				  c->op == CMD_INSERT ? NLM_F_CREATE :
				  NLM_F_CREATE | NLM_F_APPEND,
				  c->h.has_position ? &c->h.position_loc :
				  c->h.has_handle ? &c->h.handle_loc : &c->h.chain_loc);
	case CMD_DELETE:
	case CMD_FLUSH: {
		struct table t = { .h = c->h };
		struct chain chn = { .h = c->h };
		struct rule rl = { .h = c->h };
		const struct location *loc = c->h.has_handle ? &c->h.handle_loc :
					     c->obj == OBJ_TABLE ? &c->h.table_loc :
					     &c->h.chain_loc;

		if (c->op == CMD_FLUSH && c->obj == OBJ_RULESET) {
			ctx->ruleset_flushed = true;
			ctx->flushed_family = c->family_given ? c->h.family : NFPROTO_UNSPEC;
			t.h.table = NULL;
			batch_table(b, &t, NFT_MSG_DELTABLE, 0, &c->loc);
			return 0;
		}
		if (c->op == CMD_FLUSH && c->obj == OBJ_TABLE) {
			rl.h.chain = NULL;
			return batch_rule(ctx, b, &rl, NFT_MSG_DELRULE, 0, loc);
		}
		if (c->op == CMD_FLUSH)
			return batch_rule(ctx, b, &rl, NFT_MSG_DELRULE, 0, loc);
		if (c->obj == OBJ_TABLE)
			batch_table(b, &t, NFT_MSG_DELTABLE, 0, loc);
		else if (c->obj == OBJ_CHAIN)
			batch_chain(b, &chn, NFT_MSG_DELCHAIN, 0, loc);
		else
			return batch_rule(ctx, b, &rl, NFT_MSG_DELRULE, 0, loc);
		return 0;
	}
	case CMD_RENAME: {
		struct chain *cached = cache_find_chain(cache_find_table(ctx, c->h.family,
									  c->h.table),
							 c->h.chain);
		struct chain chn = { .h = c->h };

		if (!cached) {
			if (!hint_missing(ctx, c, HINT_CHAIN, c->h.chain, &c->h.chain_loc, HINT_NAME))
				error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
			return -1;
		}
		chn.h.chain = c->new_name;
		chn.h.handle = cached->h.handle;
		chn.h.has_handle = true;
		batch_chain(b, &chn, NFT_MSG_NEWCHAIN, 0, &c->h.chain_loc);
		return 0;
	}
	default:
		return 0;
	}
}

/* The offset into the failed request of the attribute the kernel
 * blamed (extended ACK), 0 for none. */
static uint32_t blamed_attr_offset(const struct nlmsghdr *nlh)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *attr;
	size_t off;

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	/* the request is echoed whole unless capped to its header */
	off = sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len) - sizeof(e->msg);
	if (NLMSG_HDRLEN + off >= nlh->nlmsg_len)
		return 0;
	mnl_attr_for_each(attr, nlh, off) {
		if (mnl_attr_get_type(attr) == NLMSGERR_ATTR_OFFS &&
		    mnl_attr_get_payload_len(attr) == sizeof(uint32_t))
			return mnl_attr_get_u32(attr);
	}
	return 0;
}

/* Where an error the kernel pinned at @offset of rule message @msg
 * points: the statement that made the expression holding that spot. */
static const struct location *blamed_expr_loc(const struct nlmsghdr *msg, const struct rule *r,
					      uint32_t offset)
{
	const struct nlattr *attr, *elem;
	unsigned int i = 0;

	mnl_attr_for_each(attr, msg, sizeof(struct nfgenmsg)) {
		if (mnl_attr_get_type(attr) != NFTA_RULE_EXPRESSIONS)
			continue;
		mnl_attr_for_each_nested(elem, attr) {
			uint32_t start = (const char *)elem - (const char *)msg;

			if (offset >= start && offset < start + elem->nla_len)
				return i < r->nexpr_locs ? &r->expr_locs[i] : NULL;
			i++;
		}
	}
	return NULL;
}

/*
 * Where an error the kernel pinned at @offset of element message @i
 * points, as the reference finds it: at the first element of the
 * command's, in the order sent, whose attribute begins at that offset of
 * its message (of message @i when the command had one).
 */
static bool blamed_elem_loc(const struct batch *b, size_t i, uint32_t offset,
			    struct location *loc)
{
	const struct expr *block = b->elem_blocks[i];
	size_t j = i;

	while (j > 0 && b->elem_blocks[j - 1] == block)
		j--;
	for (; j < b->count && b->elem_blocks[j] == block; j++) {
		const struct nlmsghdr *msg = (const struct nlmsghdr *)(b->buf + b->starts[j]);
		const struct nlattr *attr, *el;
		uint32_t n = 0;

		mnl_attr_for_each(attr, msg, sizeof(struct nfgenmsg)) {
			if (mnl_attr_get_type(attr) != NFTA_SET_ELEM_LIST_ELEMENTS)
				continue;
			mnl_attr_for_each_nested(el, attr) {
				if ((uint32_t)((const char *)el - (const char *)msg) == offset)
					return elem_block_loc(block, b->elem_index[j] ?
							      b->elem_index[j][n] :
							      b->elem_first[j] + n, loc);
				n++;
			}
		}
	}
	return false;
}

static bool cmd_changes(const struct cmd *c)
{
	return c->op != CMD_LIST && c->op != CMD_GET && c->op != CMD_RESET &&
	       c->op != CMD_DESCRIBE;
}

/* An error answering the batch's begin message refuses the batch as a
 * whole (no privilege): the reference reports it on every command. */
static void batch_refused(struct nft_ctx *ctx, int err)
{
	const struct cmd *c;

	for (c = ctx->batch_cmds; c; c = c->next)
		if (cmd_changes(c))
			error_at(&c->loc, "Could not process rule: %s", strerror(err));
}

/* The type of the attribute the kernel blamed at @offset of @msg, 0 for
 * none of its own. */
static uint16_t blamed_attr_type(const struct nlmsghdr *msg, uint32_t offset)
{
	const struct nlattr *attr;

	mnl_attr_for_each(attr, msg, sizeof(struct nfgenmsg))
		if ((uint32_t)((const char *)attr - (const char *)msg) == offset)
			return mnl_attr_get_type(attr);
	return 0;
}

/* The attribute of message @msg naming what command @c names (a rule's
 * chain; a chain's, set's, object's or table's name); 0 when @msg is
 * another's (an anonymous set of a rule). */
static uint16_t cmd_name_attr(const struct cmd *c, const struct nlmsghdr *msg)
{
	uint16_t type = NFNL_MSG_TYPE(msg->nlmsg_type);

	switch (c->obj) {
	case OBJ_RULE:
		return type == NFT_MSG_NEWRULE || type == NFT_MSG_DELRULE ? NFTA_RULE_CHAIN : 0;
	case OBJ_CHAIN:
		return type == NFT_MSG_DELCHAIN ? NFTA_CHAIN_NAME : 0;
	case OBJ_SET:
	case OBJ_MAP:
		return type == NFT_MSG_DELSET ? NFTA_SET_NAME : 0;
	case OBJ_OBJECT:
		return type == NFT_MSG_DELOBJ ? NFTA_OBJ_NAME : 0;
	case OBJ_FLOWTABLE:
		return type == NFT_MSG_DELFLOWTABLE ? NFTA_FLOWTABLE_NAME : 0;
	case OBJ_TABLE:
		return type == NFT_MSG_DELTABLE ? NFTA_TABLE_NAME : 0;
	default:
		return 0;
	}
}

/* Read the kernel's answers up to the reply of the marker request sent
 * after the batch; every error is reported at its message's place. */
static int batch_read_replies(struct nft_ctx *ctx, struct batch *b, uint32_t begin_seq,
			      uint32_t marker_seq)
{
	static char buf[1 << 20];
	int ret = 0;

	for (;;) {
		ssize_t n = recv(nl_fd(ctx->sock), buf, sizeof(buf), 0);
		struct nlmsghdr *nlh;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "netlink: Error: %s\n", strerror(errno));
			return -1;
		}
		for (nlh = (struct nlmsghdr *)buf; nl_msg_ok(nlh, n);
		     nlh = mnl_nlmsg_next(nlh, (int *)&n)) {
			const char *ext;
			int err;

			if (nlh->nlmsg_seq == marker_seq &&
			    (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE))
				return ret;
			if (nlh->nlmsg_type != NLMSG_ERROR) {
				/* (the marker's own answer is no news) */
				if (ctx->echo && nlh->nlmsg_seq != marker_seq)
					echo_event(ctx, nlh);
				continue;
			}
			err = nl_msg_error(nlh, &ext);
			if (err == 0)
				continue;
			ret = -1;
			if (nlh->nlmsg_seq >= b->first_seq &&
			    nlh->nlmsg_seq < b->first_seq + b->count) {
				size_t i = nlh->nlmsg_seq - b->first_seq;
				const struct nlmsghdr *msg = (const struct nlmsghdr *)
							     (b->buf + b->starts[i]);
				const struct location *loc = NULL;
				uint32_t blamed = blamed_attr_offset(nlh);
				/* attribute 1 names the table in every nf_tables
				 * message (NFTA_TABLE_NAME, NFTA_CHAIN_TABLE, ...) */
				uint16_t type = blamed ? blamed_attr_type(msg, blamed) : 0;
				struct location elem_loc;

				uint16_t name = b->cmds[i] ? cmd_name_attr(b->cmds[i], msg) : 0;

				if (-err == ENOENT && name && type &&
				    (type == NFTA_TABLE_NAME || type == name) &&
				    kernel_enoent_hint(ctx, b->cmds[i], type == NFTA_TABLE_NAME))
					continue;
				if (type == NFTA_TABLE_NAME)
					loc = &b->table_locs[i];
				else if (name == NFTA_RULE_CHAIN && type == name)
					loc = &b->cmds[i]->h.chain_loc;
				else if (b->rules[i] && blamed)
					loc = blamed_expr_loc(msg, b->rules[i], blamed);
				/* a rule the kernel refuses blaming nothing (one
				 * its chain's hook cannot take): the whole
				 * command, or the rule in a table's block */
				else if (b->rules[i] && b->cmds[i])
					loc = b->cmds[i]->rule == b->rules[i] ? &b->cmds[i]->loc :
										  &b->rules[i]->loc;
				else if (b->elem_blocks[i] && blamed &&
					 blamed_elem_loc(b, i, blamed, &elem_loc))
					loc = &elem_loc;
				else if (blamed)
					loc = &b->name_locs[i];
				/* an expression of a rule (inside an attribute)
				 * the kernel finds nothing for, a queue's number
				 * from a map: the reference hints at another chain
				 * there too */
				if (-err == ENOENT && b->rules[i] && blamed && !type && loc &&
				    b->rules[i]->h.chain &&
				    hint_missing(ctx, NULL, HINT_CHAIN, b->rules[i]->h.chain, loc,
						 HINT_OTHER_NAME))
					continue;
				/* the reference's words, whatever the object */
				error_at(loc ? loc : &b->locs[i], "Could not process rule: %s",
					 strerror(-err));
			} else if (nlh->nlmsg_seq == begin_seq) {
				batch_refused(ctx, -err);
			} else {
				fprintf(stderr, "netlink: Error: %s\n", strerror(-err));
			}
		}
	}
}

/* Ask the kernel to echo the messages of the commands that add, as the
 * reference asks it: a replaced rule's removal comes with them, and the
 * generation the batch commits where its first message is one. */
static void echo_request(struct batch *b)
{
	size_t i;

	for (i = 0; i < b->count; i++) {
		const struct cmd *c = b->cmds[i];

		if (c && (c->op == CMD_ADD || c->op == CMD_CREATE || c->op == CMD_INSERT ||
			  c->op == CMD_REPLACE))
			((struct nlmsghdr *)(b->buf + b->starts[i]))->nlmsg_flags |= NLM_F_ECHO;
	}
}

static int batch_send(struct nft_ctx *ctx, struct batch *b)
{
	char begin[NL_REQ_SIZE] __attribute__((aligned(4)));
	char marker[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *bh, *eh, *mh;
	struct iovec iov[4];
	struct msghdr msg = { .msg_iov = iov, .msg_iovlen = 4 };
	struct sockaddr_nl addr = { .nl_family = AF_NETLINK };
	char end[NLMSG_HDRLEN + 16] __attribute__((aligned(4)));
	uint32_t seq = nl_seq_claim(ctx->sock, 3);
	int sndbuf = 1 << 24, err;

	bh = nftnl_batch_begin(begin, seq);
	eh = nftnl_batch_end(end, seq + 1);
	if (ctx->echo)
		echo_request(b);
	mh = nftnl_nlmsg_build_hdr(marker, NFT_MSG_GETGEN, NFPROTO_UNSPEC, NLM_F_ACK, seq + 2);
	iov[0] = (struct iovec){ bh, NLMSG_ALIGN(bh->nlmsg_len) };
	iov[1] = (struct iovec){ b->buf, b->len };
	iov[2] = (struct iovec){ eh, NLMSG_ALIGN(eh->nlmsg_len) };
	iov[3] = (struct iovec){ mh, NLMSG_ALIGN(mh->nlmsg_len) };
	msg.msg_name = &addr;
	msg.msg_namelen = sizeof(addr);
	/* The batch must reach the kernel in one datagram; the marker goes
	 * after it, answered only once the whole batch was processed.  A
	 * check (-c) sends no end: the kernel validates the batch, reports
	 * its errors and takes none of it, as with the reference. */
	setsockopt(nl_fd(ctx->sock), SOL_SOCKET, SO_SNDBUFFORCE, &sndbuf, sizeof(sndbuf));
	msg.msg_iovlen = ctx->check_only ? 2 : 3;
	if (sendmsg(nl_fd(ctx->sock), &msg, 0) < 0) {
		fprintf(stderr, "netlink: Error: %s\n", strerror(errno));
		return -1;
	}
	msg.msg_iov = &iov[3];
	msg.msg_iovlen = 1;
	if (sendmsg(nl_fd(ctx->sock), &msg, 0) < 0) {
		fprintf(stderr, "netlink: Error: %s\n", strerror(errno));
		return -1;
	}
	err = batch_read_replies(ctx, b, seq, seq + 2);
	if (ctx->echo)
		echo_end(ctx);
	return err;
}

/* Read the kernel's ruleset if a command needs it, else start from none. */
static int cache_prepare(struct nft_ctx *ctx, const struct cmd *cmds)
{
	const struct cmd *c;
	int err;

	for (c = cmds; c; c = c->next)
		if (cmd_needs_cache(ctx, c))
			break;
	if (!c) {
		ctx->cache = xcalloc(1, sizeof(*ctx->cache));
		return 0;
	}
	if (cache_load(ctx) == 0)
		return 0;
	err = errno;
	/* The reference hints at the privilege for commands given on the
	 * command line or interactively, not for those of a file. */
	if (err == EPERM && !cmds->loc.in->name)
		fprintf(stderr, "%s (you must be root)\n", strerror(err));
	fprintf(stderr, "netlink: Error: cache initialization failed: %s\n", strerror(err));
	return -1;
}

int run_commands(struct nft_ctx *ctx, struct cmd *cmds)
{
	struct batch b = { 0 };
	struct cmd *c;
	bool changes = false;
	int ret = 0;
	size_t i;

	ctx->sock = nl_open(NETLINK_NETFILTER, 0);
	if (!ctx->sock) {
		fprintf(stderr, "netlink: Error: %s\n", strerror(errno));
		return -1;
	}
	if (cache_prepare(ctx, cmds) < 0) {
		ret = -1;
		goto out;
	}
	ctx->batch_cmds = cmds;
	ctx->elems_failed = NULL;
	ctx->ruleset_flushed = false;
	sets_mark_dynamic(ctx, cmds);
	b.seq = nl_seq_claim(ctx->sock, 1 << 20);
	b.first_seq = b.seq;
	for (c = cmds; c; c = c->next) {
		if (!cmd_changes(c))
			continue;
		changes = true;
		if (batch_cmd(ctx, &b, c) < 0)
			ret = -1;
	}
	if (ret == 0 && changes)
		ret = batch_send(ctx, &b);
	ctx->ruleset_flushed = false;
	if (ret == 0) {
		if (changes)
			cache_load(ctx);
		for (c = cmds; c; c = c->next)
			if (!cmd_changes(c) && cmd_list(ctx, c) < 0)
				ret = -1;
	}
out:
	free(b.buf);
	free(b.locs);
	free(b.table_locs);
	free(b.name_locs);
	free(b.rules);
	free(b.cmds);
	free(b.elem_blocks);
	free(b.elem_first);
	for (i = 0; i < b.count; i++)
		free(b.elem_index[i]);
	free(b.elem_index);
	free(b.starts);
	cache_drop(ctx);
	nl_close(ctx->sock);
	ctx->sock = NULL;
	return ret;
}
