// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Flowtables: the devices whose forwarded flows a rule's `flow add @name`
 * moves to the kernel's fast path, hooked at ingress as a netdev chain
 * is.  Their messages, the kernel's flowtables in the cache, and their
 * listings.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <libmnl/libmnl.h>
#include <libnftnl/flowtable.h>

#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ast.h"

/* ---- Messages ------------------------------------------------------------------- */

/*
 * The reference names a flowtable by its table and name (or handle, none
 * for 0), then gives the hook of one it adds or whose devices it deletes
 * (@with_hook: number and priority, zero when not given; the devices of a
 * new one last one first, the others in order), and a new one's flags:
 * written by hand, in that order.
 */
static void batch_flowtable(struct batch *b, const struct flowtable *ft, uint16_t type,
			    uint16_t flags, bool with_hook, const struct location *loc)
{
	struct nlmsghdr *nlh = batch_msg(b, type, ft->h.family, flags, loc);
	bool adding = type == NFT_MSG_NEWFLOWTABLE;
	unsigned int i;

	batch_name_loc(b, &ft->name_loc);
	mnl_attr_put_strz(nlh, NFTA_FLOWTABLE_TABLE, ft->h.table);
	if (ft->name)
		mnl_attr_put_strz(nlh, NFTA_FLOWTABLE_NAME, ft->name);
	else if (ft->h.handle)
		mnl_attr_put_u64(nlh, NFTA_FLOWTABLE_HANDLE, htobe64(ft->h.handle));
	if (with_hook) {
		struct nlattr *hook = mnl_attr_nest_start(nlh, NFTA_FLOWTABLE_HOOK);

		mnl_attr_put_u32(nlh, NFTA_FLOWTABLE_HOOK_NUM, htonl(ft->hooknum));
		mnl_attr_put_u32(nlh, NFTA_FLOWTABLE_HOOK_PRIORITY, htonl((uint32_t)ft->priority));
		if (ft->ndevices) {
			struct nlattr *devs = mnl_attr_nest_start(nlh, NFTA_FLOWTABLE_HOOK_DEVS);

			for (i = 0; i < ft->ndevices; i++)
				mnl_attr_put_strz(nlh, NFTA_DEVICE_NAME,
						  ft->devices[adding ? ft->ndevices - 1 - i : i]);
			mnl_attr_nest_end(nlh, devs);
		}
		mnl_attr_nest_end(nlh, hook);
	}
	if (adding)
		mnl_attr_put_u32(nlh, NFTA_FLOWTABLE_FLAGS, htonl(ft->flags));
	batch_done(b, nlh);
}

int batch_flowtable_cmd(struct nft_ctx *ctx, struct batch *b, struct cmd *c)
{
	struct flowtable del = { .h = c->h, .name = c->h.chain,
				 .name_loc = c->h.has_handle ? c->h.handle_loc : c->h.chain_loc };

	(void)ctx;
	switch (c->op) {
	case CMD_ADD:
	case CMD_CREATE:
		batch_flowtable(b, c->flowtable, NFT_MSG_NEWFLOWTABLE,
				NLM_F_CREATE | (c->op == CMD_CREATE ? NLM_F_EXCL : 0), true,
				&c->loc);
		return 0;
	case CMD_DELETE:
		batch_flowtable(b, c->flowtable ? c->flowtable : &del, NFT_MSG_DELFLOWTABLE, 0,
				c->flowtable, &c->loc);
		return 0;
	default:
		return 0;
	}
}

void batch_table_flowtables(struct batch *b, const struct table *t)
{
	const struct flowtable *ft;

	for (ft = t->flowtables; ft; ft = ft->next)
		batch_flowtable(b, ft, NFT_MSG_NEWFLOWTABLE, NLM_F_CREATE, true, &ft->name_loc);
}

/* ---- The kernel's flowtables ------------------------------------------------------ */

int parse_kernel_flowtable(const struct nlmsghdr *nlh, struct nftnl_flowtable *nft)
{
	if (nftnl_flowtable_nlmsg_parse(nlh, nft) < 0 ||
	    !nftnl_flowtable_is_set(nft, NFTNL_FLOWTABLE_TABLE) ||
	    !nftnl_flowtable_is_set(nft, NFTNL_FLOWTABLE_NAME))
		return -1;
	return 0;
}

static int device_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct flowtable *flowtable_from_nl(struct nftnl_flowtable *nft)
{
	struct flowtable *ft = xcalloc(1, sizeof(*ft));
	unsigned int i;

	ft->h.family = nftnl_flowtable_get_u32(nft, NFTNL_FLOWTABLE_FAMILY);
	ft->h.table = xstrdup(nftnl_flowtable_get_str(nft, NFTNL_FLOWTABLE_TABLE));
	ft->name = xstrdup(nftnl_flowtable_get_str(nft, NFTNL_FLOWTABLE_NAME));
	ft->handle = nftnl_flowtable_get_u64(nft, NFTNL_FLOWTABLE_HANDLE);
	ft->flags = nftnl_flowtable_get_u32(nft, NFTNL_FLOWTABLE_FLAGS);
	/* a deleted flowtable's event comes without its hook */
	if (nftnl_flowtable_is_set(nft, NFTNL_FLOWTABLE_HOOKNUM)) {
		ft->has_hook = true;
		ft->hooknum = nftnl_flowtable_get_u32(nft, NFTNL_FLOWTABLE_HOOKNUM);
		ft->priority = nftnl_flowtable_get_s32(nft, NFTNL_FLOWTABLE_PRIO);
	}
	if (nftnl_flowtable_is_set(nft, NFTNL_FLOWTABLE_DEVICES)) {
		const char *const *devs = nftnl_flowtable_get_array(nft, NFTNL_FLOWTABLE_DEVICES);

		while (devs[ft->ndevices])
			ft->ndevices++;
		ft->devices = xmalloc(sizeof(char *) * (ft->ndevices ? ft->ndevices : 1));
		for (i = 0; i < ft->ndevices; i++)
			ft->devices[i] = xstrdup(devs[i]);
		/* listed by name, as the reference sorts them */
		qsort(ft->devices, ft->ndevices, sizeof(char *), device_cmp);
	}
	return ft;
}

/* The flowtable of message @nlh, at the end of its table's in the cache. */
static void flowtable_into_cache(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
{
	struct nftnl_flowtable *nft = nftnl_flowtable_alloc();
	struct flowtable **tail;
	struct table *t;

	if (parse_kernel_flowtable(nlh, nft) == 0) {
		t = cache_find_table(ctx, nftnl_flowtable_get_u32(nft, NFTNL_FLOWTABLE_FAMILY),
				     nftnl_flowtable_get_str(nft, NFTNL_FLOWTABLE_TABLE));
		if (t) {
			for (tail = &t->flowtables; *tail; tail = &(*tail)->next)
				;
			*tail = flowtable_from_nl(nft);
		}
	}
	nftnl_flowtable_free(nft);
}

int cache_load_flowtables(struct nft_ctx *ctx)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_msgs msgs = { 0 };
	struct nlmsghdr *nlh;
	int err;

	memset(buf, 0, sizeof(buf));
	nlh = nftnl_nlmsg_build_hdr(buf, NFT_MSG_GETFLOWTABLE, NFPROTO_UNSPEC, NLM_F_DUMP, 0);
	err = nl_dump_collect(ctx->sock, nlh, &msgs);
	if (err == 0) {
		nl_msgs_for_each(&msgs, nlh)
			flowtable_into_cache(ctx, nlh);
	}
	nl_msgs_free(&msgs);
	return err;
}

struct flowtable *cache_find_flowtable(const struct table *t, const char *name)
{
	struct flowtable *ft;

	for (ft = t->flowtables; ft; ft = ft->next)
		if (!strcmp(ft->name, name))
			return ft;
	return NULL;
}

/* ---- Listings ---------------------------------------------------------------------- */

void print_flowtable(struct nft_ctx *ctx, const struct flowtable *ft, FILE *f)
{
	unsigned int i;

	fprintf(f, "\tflowtable %s {", ft->name);
	if (ctx->handles)
		fprintf(f, " # handle %" PRIu64, ft->handle);
	fputc('\n', f);
	if (ft->has_hook) {
		fprintf(f, "\t\thook %s priority ", hook_name(NFPROTO_NETDEV, ft->hooknum));
		priority_print(ctx, NFPROTO_NETDEV, ft->hooknum, ft->priority, f);
		fputc('\n', f);
	}
	if (ft->ndevices) {
		fputs("\t\tdevices = { ", f);
		for (i = 0; i < ft->ndevices; i++)
			fprintf(f, "%s%s", i ? ", " : "", ft->devices[i]);
		fputs(" }\n", f);
	}
	if (ft->flags & NFT_FLOWTABLE_COUNTER)
		fputs("\t\tcounter\n", f);
	fputs("\t}\n", f);
}

/* list flowtables [family]: every table of the family, with its flowtables;
 * list flowtable [family] T NAME: that one in its table. */
int list_flowtable_cmd(struct nft_ctx *ctx, struct cmd *c)
{
	const struct flowtable *ft;
	const struct table *t;

	if (c->obj == OBJ_FLOWTABLES) {
		for (t = cache_tables(ctx); t; t = t->next) {
			if (!listing_has_table(c, t))
				continue;
			fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
			for (ft = t->flowtables; ft; ft = ft->next)
				print_flowtable(ctx, ft, ctx->out);
			fputs("}\n", ctx->out);
		}
		return 0;
	}
	if (flowtable_cmd_lookup(ctx, c, &t, &ft) < 0)
		return -1;
	fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
	print_flowtable(ctx, ft, ctx->out);
	fputs("}\n", ctx->out);
	return 0;
}

int flowtable_cmd_lookup(struct nft_ctx *ctx, const struct cmd *c, const struct table **tp,
			 const struct flowtable **ftp)
{
	const struct table *t = cache_find_table(ctx, c->h.family, c->h.table);

	if (!t) {
		error_at(&c->h.table_loc, "%s", strerror(ENOENT));
		return -1;
	}
	*ftp = cache_find_flowtable(t, c->h.chain);
	if (!*ftp) {
		error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
		return -1;
	}
	*tp = t;
	return 0;
}
