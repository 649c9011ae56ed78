// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Named stateful objects: counters, quotas and limits that rules share
 * by name (`counter name "x"`).  An object's values are those of the
 * statement of its type, so that they parse and print as the statement's
 * do after its keyword.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <libmnl/libmnl.h>
#include <libnftnl/common.h>
#include <libnftnl/object.h>
#include <libnftnl/udata.h>

#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ast.h"

static const char *const obj_words[] = {
	[NFT_OBJECT_COUNTER] = "counter", [NFT_OBJECT_QUOTA] = "quota",
	[NFT_OBJECT_LIMIT] = "limit",
};

enum { UDATA_OBJ_COMMENT };

static bool obj_known(unsigned int type)
{
	return type == NFT_OBJECT_COUNTER || type == NFT_OBJECT_QUOTA ||
	       type == NFT_OBJECT_LIMIT;
}

const char *obj_type_name(unsigned int type)
{
	return obj_known(type) ? obj_words[type] : NULL;
}

void batch_obj(struct batch *b, struct obj *o, uint16_t type, uint16_t flags,
	       const struct location *loc)
{
	struct nftnl_obj *no = nftnl_obj_alloc();
	const struct stmt *st = o->state;
	struct nlmsghdr *nlh;

	nftnl_obj_set_u32(no, NFTNL_OBJ_FAMILY, o->h.family);
	nftnl_obj_set_str(no, NFTNL_OBJ_TABLE, o->h.table);
	if (o->name)
		nftnl_obj_set_str(no, NFTNL_OBJ_NAME, o->name);
	nftnl_obj_set_u32(no, NFTNL_OBJ_TYPE, o->type);
	if (o->h.has_handle)
		nftnl_obj_set_u64(no, NFTNL_OBJ_HANDLE, o->h.handle);
	if (type == NFT_MSG_NEWOBJ) {
		switch (o->type) {
		case NFT_OBJECT_COUNTER:
			nftnl_obj_set_u64(no, NFTNL_OBJ_CTR_PKTS, st->counter.packets);
			nftnl_obj_set_u64(no, NFTNL_OBJ_CTR_BYTES, st->counter.bytes);
			break;
		case NFT_OBJECT_QUOTA:
			nftnl_obj_set_u64(no, NFTNL_OBJ_QUOTA_BYTES, st->quota.bytes);
			nftnl_obj_set_u64(no, NFTNL_OBJ_QUOTA_CONSUMED, st->quota.used);
			nftnl_obj_set_u32(no, NFTNL_OBJ_QUOTA_FLAGS,
					  st->quota.inverted ? NFT_QUOTA_F_INV : 0);
			break;
		case NFT_OBJECT_LIMIT:
			nftnl_obj_set_u64(no, NFTNL_OBJ_LIMIT_RATE, st->limit.rate);
			nftnl_obj_set_u64(no, NFTNL_OBJ_LIMIT_UNIT, st->limit.unit);
			nftnl_obj_set_u32(no, NFTNL_OBJ_LIMIT_BURST, st->limit.burst);
			nftnl_obj_set_u32(no, NFTNL_OBJ_LIMIT_TYPE,
					  st->limit.bytes ? NFT_LIMIT_PKT_BYTES : NFT_LIMIT_PKTS);
			nftnl_obj_set_u32(no, NFTNL_OBJ_LIMIT_FLAGS,
					  st->limit.inverted ? NFT_LIMIT_F_INV : 0);
			break;
		}
		if (o->comment) {
			struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);

			nftnl_udata_put_strz(ud, UDATA_OBJ_COMMENT, o->comment);
			nftnl_obj_set_data(no, NFTNL_OBJ_USERDATA, nftnl_udata_buf_data(ud),
					   nftnl_udata_buf_len(ud));
			nftnl_udata_buf_free(ud);
		}
	}
	nlh = batch_msg(b, type, o->h.family, flags, loc, "rule");
	nftnl_obj_nlmsg_build_payload(nlh, no);
	batch_done(b, nlh);
	nftnl_obj_free(no);
}

int batch_obj_cmd(struct nft_ctx *ctx, struct batch *b, struct cmd *c)
{
	static const unsigned int types[] = {
		[OBJ_COUNTER - OBJ_COUNTER] = NFT_OBJECT_COUNTER,
		[OBJ_QUOTA - OBJ_COUNTER] = NFT_OBJECT_QUOTA,
		[OBJ_LIMIT - OBJ_COUNTER] = NFT_OBJECT_LIMIT,
	};
	struct obj del = { .h = c->h, .name = c->h.chain };

	(void)ctx;
	switch (c->op) {
	case CMD_ADD:
	case CMD_CREATE:
		batch_obj(b, c->object, NFT_MSG_NEWOBJ,
			  NLM_F_CREATE | (c->op == CMD_CREATE ? NLM_F_EXCL : 0),
			  &c->object->name_loc);
		return 0;
	case CMD_DELETE:
		del.type = types[c->obj - OBJ_COUNTER];
		batch_obj(b, &del, NFT_MSG_DELOBJ, 0,
			  c->h.has_handle ? &c->h.handle_loc : &c->h.chain_loc);
		return 0;
	default:
		return 0;
	}
}

struct obj *obj_from_nl(struct nftnl_obj *no)
{
	struct obj *o = xcalloc(1, sizeof(*o));
	struct stmt *st;
	const void *ud;
	uint32_t len;

	o->h.family = nftnl_obj_get_u32(no, NFTNL_OBJ_FAMILY);
	o->h.table = xstrdup(nftnl_obj_get_str(no, NFTNL_OBJ_TABLE));
	o->name = xstrdup(nftnl_obj_get_str(no, NFTNL_OBJ_NAME));
	o->handle = nftnl_obj_get_u64(no, NFTNL_OBJ_HANDLE);
	o->type = nftnl_obj_get_u32(no, NFTNL_OBJ_TYPE);
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
		st = stmt_new(STMT_COUNTER, NULL);
		st->counter.packets = nftnl_obj_get_u64(no, NFTNL_OBJ_CTR_PKTS);
		st->counter.bytes = nftnl_obj_get_u64(no, NFTNL_OBJ_CTR_BYTES);
		break;
	case NFT_OBJECT_QUOTA:
		st = stmt_new(STMT_QUOTA, NULL);
		st->quota.bytes = nftnl_obj_get_u64(no, NFTNL_OBJ_QUOTA_BYTES);
		st->quota.used = nftnl_obj_get_u64(no, NFTNL_OBJ_QUOTA_CONSUMED);
		st->quota.inverted = nftnl_obj_get_u32(no, NFTNL_OBJ_QUOTA_FLAGS) &
				     NFT_QUOTA_F_INV;
		break;
	case NFT_OBJECT_LIMIT:
		st = stmt_new(STMT_LIMIT, NULL);
		st->limit.rate = nftnl_obj_get_u64(no, NFTNL_OBJ_LIMIT_RATE);
		st->limit.unit = nftnl_obj_get_u64(no, NFTNL_OBJ_LIMIT_UNIT);
		st->limit.burst = nftnl_obj_get_u32(no, NFTNL_OBJ_LIMIT_BURST);
		st->limit.bytes = nftnl_obj_get_u32(no, NFTNL_OBJ_LIMIT_TYPE) ==
				  NFT_LIMIT_PKT_BYTES;
		st->limit.inverted = nftnl_obj_get_u32(no, NFTNL_OBJ_LIMIT_FLAGS) &
				     NFT_LIMIT_F_INV;
		break;
	default:
		st = NULL;
		break;
	}
	o->state = st;
	ud = nftnl_obj_get_data(no, NFTNL_OBJ_USERDATA, &len);
	o->comment = udata_comment(ud, len, UDATA_OBJ_COMMENT);
	return o;
}

/*
 * Objects of every type, or (@type not 0) of one, which a reset must
 * name: it zeroes every object the kernel answers with.  With a command,
 * those it names: of its family and table, or the one of its name.
 */
static int obj_dump(struct nft_ctx *ctx, uint16_t msg, unsigned int type, const struct cmd *c,
		    struct nl_msgs *out)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nftnl_obj *no = nftnl_obj_alloc();
	unsigned int family = NFPROTO_UNSPEC;
	bool one = c && c->h.chain;
	struct nlmsghdr *nlh;

	if (c && (c->family_given || c->h.table))
		family = c->h.family;
	if (c && c->h.table)
		nftnl_obj_set_str(no, NFTNL_OBJ_TABLE, c->h.table);
	if (one)
		nftnl_obj_set_str(no, NFTNL_OBJ_NAME, c->h.chain);
	if (type)
		nftnl_obj_set_u32(no, NFTNL_OBJ_TYPE, type);
	memset(buf, 0, sizeof(buf));
	nlh = nftnl_nlmsg_build_hdr(buf, msg, family, one ? 0 : NLM_F_DUMP, 0);
	nftnl_obj_nlmsg_build_payload(nlh, no);
	nftnl_obj_free(no);
	return one ? nl_talk_collect(ctx->sock, nlh, out) : nl_dump_collect(ctx->sock, nlh, out);
}

static void objs_into_cache(struct nft_ctx *ctx, struct nl_msgs *msgs)
{
	struct nlmsghdr *nlh;

	nl_msgs_for_each(msgs, nlh) {
		struct nftnl_obj *no = nftnl_obj_alloc();
		struct table *t;

		if (nftnl_obj_nlmsg_parse(nlh, no) == 0 &&
		    obj_known(nftnl_obj_get_u32(no, NFTNL_OBJ_TYPE)) &&
		    (t = cache_find_table(ctx, nftnl_obj_get_u32(no, NFTNL_OBJ_FAMILY),
					  nftnl_obj_get_str(no, NFTNL_OBJ_TABLE)))) {
			struct obj **tail;

			for (tail = &t->objs; *tail; tail = &(*tail)->next)
				;
			*tail = obj_from_nl(no);
		}
		nftnl_obj_free(no);
	}
}

int cache_load_objs(struct nft_ctx *ctx)
{
	struct nl_msgs msgs = { 0 };
	int err = obj_dump(ctx, NFT_MSG_GETOBJ, 0, NULL, &msgs);

	if (err == 0)
		objs_into_cache(ctx, &msgs);
	nl_msgs_free(&msgs);
	return err;
}

void print_obj(struct nft_ctx *ctx, const struct obj *o, FILE *f)
{
	char *text = NULL, *values;
	size_t len = 0;
	FILE *m;

	fprintf(f, "\t%s %s {", obj_words[o->type], o->name);
	if (ctx->handles)
		fprintf(f, " # handle %" PRIu64, o->handle);
	fputc('\n', f);
	if (o->comment)
		fprintf(f, "\t\tcomment \"%s\"\n", o->comment);
	/* the statement's words after its keyword */
	m = open_memstream(&text, &len);
	print_stmt(ctx, o->state, m);
	fclose(m);
	values = strchr(text, ' ');
	/* a counter listed without its values has nothing left to say */
	if (values)
		fprintf(f, "\t\t%s\n", values + 1);
	fputs("\t}\n", f);
	free(text);
}

static void print_objs_of(struct nft_ctx *ctx, struct cmd *c, unsigned int type)
{
	const struct table *t;
	const struct obj *o;

	for (t = cache_tables(ctx); t; t = t->next) {
		if (!listing_has_table(c, t))
			continue;
		fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
		for (o = t->objs; o; o = o->next)
			if (o->type == type && (!c->h.chain || !strcmp(c->h.chain, o->name)))
				print_obj(ctx, o, ctx->out);
		fputs("}\n", ctx->out);
	}
}

/* Drop from the cache the objects of @type that reset @c answered for. */
static void drop_reset_objs(struct nft_ctx *ctx, const struct cmd *c, unsigned int type)
{
	struct table *t;

	for (t = cache_tables(ctx); t; t = t->next) {
		struct obj **op = &t->objs;

		while (*op) {
			struct obj *o = *op;

			if (o->type == type && listing_has_table(c, t) &&
			    (!c->h.chain || !strcmp(o->name, c->h.chain))) {
				*op = o->next;
				o->next = NULL;
				obj_free(o);
			} else {
				op = &o->next;
			}
		}
	}
}

/* list|reset counters|quotas|limits [family | table [family] T], list|reset
 * counter T NAME */
int list_obj_cmd(struct nft_ctx *ctx, struct cmd *c)
{
	static const unsigned int types[] = {
		NFT_OBJECT_COUNTER, NFT_OBJECT_QUOTA, NFT_OBJECT_LIMIT,
	};
	bool plural = c->obj >= OBJ_COUNTERS;
	unsigned int type = types[c->obj - (plural ? OBJ_COUNTERS : OBJ_COUNTER)];
	struct table *t;

	if (!plural) {
		const struct obj *o;

		t = cache_find_table(ctx, c->h.family, c->h.table);
		if (!t) {
			error_at(&c->h.table_loc, "%s", strerror(ENOENT));
			return -1;
		}
		for (o = t->objs; o; o = o->next)
			if (o->type == type && !strcmp(o->name, c->h.chain))
				break;
		if (!o) {
			error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
			return -1;
		}
	} else if (listing_table_check(ctx, c) < 0) {
		return -1;
	}
	if (c->op == CMD_RESET) {
		/* the kernel answers a reset with the values it had */
		struct nl_msgs msgs = { 0 };
		int err = obj_dump(ctx, NFT_MSG_GETOBJ_RESET, type, c, &msgs);

		if (err < 0) {
			nl_msgs_free(&msgs);
			fprintf(stderr, "netlink: Error: %s\n", strerror(-err));
			return -1;
		}
		drop_reset_objs(ctx, c, type);
		objs_into_cache(ctx, &msgs);
		nl_msgs_free(&msgs);
	}
	if (ctx->json)
		return json_list_cmd(ctx, c);
	if (plural) {
		print_objs_of(ctx, c, type);
		return 0;
	}
	t = cache_find_table(ctx, c->h.family, c->h.table);
	fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
	{
		const struct obj *o;

		for (o = t->objs; o; o = o->next)
			if (o->type == type && !strcmp(o->name, c->h.chain))
				print_obj(ctx, o, ctx->out);
	}
	fputs("}\n", ctx->out);
	return 0;
}
