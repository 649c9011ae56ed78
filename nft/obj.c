// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Named stateful objects: counters, quotas, limits, ct helpers, ct
 * timeout policies, ct expectations, synproxies and secmarks, which rules
 * use by name (`counter name "x"`, `ct helper set "x"`).  The values of a
 * counter, quota, limit or synproxy are those of the statement of its
 * type, so that they parse and print as the statement's do after its
 * keyword; the conntrack objects and secmarks have their own.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_synproxy.h>
#include <linux/netfilter/nf_tables.h>
#include <libmnl/libmnl.h>
#include <libnftnl/common.h>
#include <libnftnl/object.h>
#include <libnftnl/udata.h>

#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ast.h"

const struct obj_kind obj_kinds[] = {
	{ NFT_OBJECT_COUNTER, "counter", "counters", "counter name", true, true },
	{ NFT_OBJECT_QUOTA, "quota", "quotas", "quota name", true, true },
	{ NFT_OBJECT_LIMIT, "limit", "limits", "limit name", false, true },
	{ NFT_OBJECT_CT_HELPER, "ct helper", "ct helpers", "ct helper set", false, false },
	{ NFT_OBJECT_CT_TIMEOUT, "ct timeout", NULL, "ct timeout set", false, false },
	{ NFT_OBJECT_CT_EXPECT, "ct expectation", NULL, "ct expectation set", false, false },
	{ NFT_OBJECT_SYNPROXY, "synproxy", "synproxys", "synproxy name", false, true },
	{ NFT_OBJECT_SECMARK, "secmark", "secmarks", "meta secmark set", false, true },
};
const size_t n_obj_kinds = ARRAY_SIZE(obj_kinds);

enum { UDATA_OBJ_COMMENT };

const struct obj_kind *obj_kind_of(unsigned int type)
{
	size_t i;

	for (i = 0; i < n_obj_kinds; i++)
		if (obj_kinds[i].type == type)
			return &obj_kinds[i];
	return NULL;
}

const char *obj_type_name(unsigned int type)
{
	const struct obj_kind *k = obj_kind_of(type);

	return k ? k->word : NULL;
}

/* ---- Conntrack timeout policies -------------------------------------------- */

/* A protocol's states, in the kernel's order, with the timeouts (seconds)
 * the kernel starts a policy from: a listing names the states whose
 * timeout differs. */
struct timeout_proto {
	uint8_t l4proto;
	unsigned int nstates;
	const char *const *names;
	const uint32_t *defaults;
};

static const char *const tcp_states[] = {
	"syn_sent", "syn_recv", "established", "fin_wait", "close_wait", "last_ack",
	"time_wait", "close", "syn_sent2", "retrans", "unack",
};
static const uint32_t tcp_defaults[] = {
	120, 60, 432000, 120, 60, 30, 120, 10, 120, 300, 300,
};
static const char *const udp_states[] = { "unreplied", "replied" };
static const uint32_t udp_defaults[] = { 30, 120 };

static const struct timeout_proto timeout_protos[] = {
	{ IPPROTO_TCP, ARRAY_SIZE(tcp_states), tcp_states, tcp_defaults },
	{ IPPROTO_UDP, ARRAY_SIZE(udp_states), udp_states, udp_defaults },
};

static const struct timeout_proto *timeout_proto_of(uint8_t l4proto)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(timeout_protos); i++)
		if (timeout_protos[i].l4proto == l4proto)
			return &timeout_protos[i];
	return NULL;
}

unsigned int ct_timeout_states(const struct obj *o, const char *names[CT_TIMEOUT_STATES_MAX],
			       uint32_t seconds[CT_TIMEOUT_STATES_MAX])
{
	const struct timeout_proto *tp = timeout_proto_of(o->ct_timeout.l4proto);
	unsigned int i, n = 0;

	for (i = 0; tp && i < tp->nstates; i++) {
		if (o->ct_timeout.timeouts[i] == tp->defaults[i])
			continue;
		names[n] = tp->names[i];
		seconds[n++] = o->ct_timeout.timeouts[i];
	}
	return n;
}

/* The policy as written over the protocol's defaults. */
static int ct_timeout_evaluate(struct obj *o)
{
	const struct timeout_proto *tp = timeout_proto_of(o->ct_timeout.l4proto);
	const struct timeout_state *st;
	unsigned int i;

	if (tp)
		memcpy(o->ct_timeout.timeouts, tp->defaults, tp->nstates * sizeof(uint32_t));
	for (st = o->ct_timeout.policy; st; st = st->next) {
		for (i = 0; tp && i < tp->nstates; i++)
			if (!strcmp(tp->names[i], st->name))
				break;
		if (!tp || i == tp->nstates) {
			error_at(&st->loc, "invalid state for this protocol");
			return -1;
		}
		/* the kernel's timeouts are 32 bits: the reference keeps the
		 * low ones of a larger number */
		o->ct_timeout.timeouts[i] = (uint32_t)st->seconds;
	}
	return 0;
}

int obj_evaluate(struct obj *o)
{
	switch (o->type) {
	case NFT_OBJECT_CT_TIMEOUT:
		return ct_timeout_evaluate(o);
	case NFT_OBJECT_CT_EXPECT:
		if (!o->ct_expect.l4proto || !o->ct_expect.dport || !o->ct_expect.timeout ||
		    !o->ct_expect.size) {
			error_at(&o->name_loc, "missing options");
			return -1;
		}
		return 0;
	default:
		return 0;
	}
}

void timeout_states_free(struct timeout_state *st)
{
	while (st) {
		struct timeout_state *next = st->next;

		free(st->name);
		free(st);
		st = next;
	}
}

/* ---- Messages ------------------------------------------------------------------- */

static void obj_put_values(struct nftnl_obj *no, const struct obj *o)
{
	const struct stmt *st = o->state;

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
	case NFT_OBJECT_CT_HELPER:
		if (o->ct_helper.type)
			nftnl_obj_set_str(no, NFTNL_OBJ_CT_HELPER_NAME, o->ct_helper.type);
		if (o->has_l3proto)
			nftnl_obj_set_u16(no, NFTNL_OBJ_CT_HELPER_L3PROTO, o->l3proto);
		if (o->ct_helper.l4proto)
			nftnl_obj_set_u8(no, NFTNL_OBJ_CT_HELPER_L4PROTO, o->ct_helper.l4proto);
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		if (o->has_l3proto)
			nftnl_obj_set_u16(no, NFTNL_OBJ_CT_TIMEOUT_L3PROTO, o->l3proto);
		nftnl_obj_set_u8(no, NFTNL_OBJ_CT_TIMEOUT_L4PROTO, o->ct_timeout.l4proto);
		nftnl_obj_set_data(no, NFTNL_OBJ_CT_TIMEOUT_ARRAY, o->ct_timeout.timeouts,
				   sizeof(o->ct_timeout.timeouts));
		break;
	case NFT_OBJECT_CT_EXPECT:
		if (o->has_l3proto)
			nftnl_obj_set_u16(no, NFTNL_OBJ_CT_EXPECT_L3PROTO, o->l3proto);
		nftnl_obj_set_u8(no, NFTNL_OBJ_CT_EXPECT_L4PROTO, o->ct_expect.l4proto);
		nftnl_obj_set_u16(no, NFTNL_OBJ_CT_EXPECT_DPORT, o->ct_expect.dport);
		nftnl_obj_set_u32(no, NFTNL_OBJ_CT_EXPECT_TIMEOUT, o->ct_expect.timeout);
		nftnl_obj_set_u8(no, NFTNL_OBJ_CT_EXPECT_SIZE, o->ct_expect.size);
		break;
	case NFT_OBJECT_SYNPROXY:
		nftnl_obj_set_u16(no, NFTNL_OBJ_SYNPROXY_MSS, st->synproxy.mss);
		nftnl_obj_set_u8(no, NFTNL_OBJ_SYNPROXY_WSCALE, st->synproxy.wscale);
		nftnl_obj_set_u32(no, NFTNL_OBJ_SYNPROXY_FLAGS, st->synproxy.flags);
		break;
	case NFT_OBJECT_SECMARK:
		nftnl_obj_set_str(no, NFTNL_OBJ_SECMARK_CTX, o->secmark.ctx ? o->secmark.ctx : "");
		break;
	}
}

void batch_obj(struct batch *b, struct obj *o, uint16_t type, uint16_t flags,
	       const struct location *loc)
{
	struct nftnl_obj *no = nftnl_obj_alloc();
	struct nlmsghdr *nlh;

	nftnl_obj_set_u32(no, NFTNL_OBJ_TYPE, o->type);
	nlh = batch_msg(b, type, o->h.family, flags, loc);
	batch_name_loc(b, &o->name_loc);
	if (type == NFT_MSG_DELOBJ) {
		/* the object by name or handle, before its type, as the
		 * reference writes them */
		mnl_attr_put_strz(nlh, NFTA_OBJ_TABLE, o->h.table);
		if (o->name)
			mnl_attr_put_strz(nlh, NFTA_OBJ_NAME, o->name);
		else
			mnl_attr_put_u64(nlh, NFTA_OBJ_HANDLE, htobe64(o->h.handle));
	} else {
		nftnl_obj_set_u32(no, NFTNL_OBJ_FAMILY, o->h.family);
		nftnl_obj_set_str(no, NFTNL_OBJ_TABLE, o->h.table);
		nftnl_obj_set_str(no, NFTNL_OBJ_NAME, o->name);
		obj_put_values(no, o);
		if (o->comment) {
			struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);

			nftnl_udata_put_strz(ud, UDATA_OBJ_COMMENT, o->comment);
			nftnl_obj_set_data(no, NFTNL_OBJ_USERDATA, nftnl_udata_buf_data(ud),
					   nftnl_udata_buf_len(ud));
			nftnl_udata_buf_free(ud);
		}
	}
	nftnl_obj_nlmsg_build_payload(nlh, no);
	batch_done(b, nlh);
	nftnl_obj_free(no);
}

int batch_obj_cmd(struct nft_ctx *ctx, struct batch *b, struct cmd *c)
{
	struct obj del = { .h = c->h, .name = c->h.chain, .type = c->obj_type,
			   .name_loc = c->h.has_handle ? c->h.handle_loc : c->h.chain_loc };

	(void)ctx;
	switch (c->op) {
	case CMD_ADD:
	case CMD_CREATE:
		/* the kernel blames the name for an object that exists; any
		 * other refusal is the command's */
		batch_obj(b, c->object, NFT_MSG_NEWOBJ,
			  NLM_F_CREATE | (c->op == CMD_CREATE ? NLM_F_EXCL : 0), &c->loc);
		return 0;
	case CMD_DELETE:
		batch_obj(b, &del, NFT_MSG_DELOBJ, 0, &c->loc);
		return 0;
	default:
		return 0;
	}
}

static struct stmt *synproxy_state(uint16_t mss, uint8_t wscale, uint32_t flags)
{
	struct stmt *st = stmt_new(STMT_SYNPROXY, NULL);

	st->synproxy.mss = mss;
	st->synproxy.wscale = wscale;
	st->synproxy.flags = flags;
	return st;
}

static void obj_get_values(struct obj *o, struct nftnl_obj *no)
{
	struct stmt *st = NULL;
	const void *data;
	uint32_t len;

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
	case NFT_OBJECT_CT_HELPER:
		/* a deleted object's event comes without its values */
		if (nftnl_obj_is_set(no, NFTNL_OBJ_CT_HELPER_NAME))
			o->ct_helper.type = xstrdup(nftnl_obj_get_str(no,
								      NFTNL_OBJ_CT_HELPER_NAME));
		o->l3proto = nftnl_obj_get_u16(no, NFTNL_OBJ_CT_HELPER_L3PROTO);
		o->ct_helper.l4proto = nftnl_obj_get_u8(no, NFTNL_OBJ_CT_HELPER_L4PROTO);
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		o->l3proto = nftnl_obj_get_u16(no, NFTNL_OBJ_CT_TIMEOUT_L3PROTO);
		o->ct_timeout.l4proto = nftnl_obj_get_u8(no, NFTNL_OBJ_CT_TIMEOUT_L4PROTO);
		data = nftnl_obj_get_data(no, NFTNL_OBJ_CT_TIMEOUT_ARRAY, &len);
		if (data)
			memcpy(o->ct_timeout.timeouts, data,
			       len < sizeof(o->ct_timeout.timeouts) ? len :
			       sizeof(o->ct_timeout.timeouts));
		break;
	case NFT_OBJECT_CT_EXPECT:
		o->l3proto = nftnl_obj_get_u16(no, NFTNL_OBJ_CT_EXPECT_L3PROTO);
		o->ct_expect.l4proto = nftnl_obj_get_u8(no, NFTNL_OBJ_CT_EXPECT_L4PROTO);
		o->ct_expect.dport = nftnl_obj_get_u16(no, NFTNL_OBJ_CT_EXPECT_DPORT);
		o->ct_expect.timeout = nftnl_obj_get_u32(no, NFTNL_OBJ_CT_EXPECT_TIMEOUT);
		o->ct_expect.size = nftnl_obj_get_u8(no, NFTNL_OBJ_CT_EXPECT_SIZE);
		break;
	case NFT_OBJECT_SYNPROXY:
		st = synproxy_state(nftnl_obj_get_u16(no, NFTNL_OBJ_SYNPROXY_MSS),
				    nftnl_obj_get_u8(no, NFTNL_OBJ_SYNPROXY_WSCALE),
				    nftnl_obj_get_u32(no, NFTNL_OBJ_SYNPROXY_FLAGS));
		break;
	case NFT_OBJECT_SECMARK:
		if (nftnl_obj_is_set(no, NFTNL_OBJ_SECMARK_CTX))
			o->secmark.ctx = xstrdup(nftnl_obj_get_str(no, NFTNL_OBJ_SECMARK_CTX));
		break;
	}
	o->state = st;
}

struct obj *obj_from_nl(struct nftnl_obj *no)
{
	struct obj *o = xcalloc(1, sizeof(*o));
	const void *ud;
	uint32_t len;

	o->h.family = nftnl_obj_get_u32(no, NFTNL_OBJ_FAMILY);
	o->h.table = xstrdup(nftnl_obj_get_str(no, NFTNL_OBJ_TABLE));
	o->name = xstrdup(nftnl_obj_get_str(no, NFTNL_OBJ_NAME));
	o->handle = nftnl_obj_get_u64(no, NFTNL_OBJ_HANDLE);
	o->type = nftnl_obj_get_u32(no, NFTNL_OBJ_TYPE);
	obj_get_values(o, no);
	ud = nftnl_obj_get_data(no, NFTNL_OBJ_USERDATA, &len);
	o->comment = udata_comment(ud, len, UDATA_OBJ_COMMENT);
	return o;
}

/* ---- The kernel's objects ------------------------------------------------------- */

/*
 * Objects of every type, or (@c not NULL) those command @c names: of its
 * type, which a reset must name as it zeroes every object the kernel
 * answers with, of its family and table, or the one of its name.
 */
static int obj_dump(struct nft_ctx *ctx, uint16_t msg, const struct cmd *c, struct nl_msgs *out)
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
	if (c)
		nftnl_obj_set_u32(no, NFTNL_OBJ_TYPE, c->obj_type);
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

		if (parse_kernel_obj(nlh, no) == 0 &&
		    obj_kind_of(nftnl_obj_get_u32(no, NFTNL_OBJ_TYPE)) &&
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
	int err = obj_dump(ctx, NFT_MSG_GETOBJ, NULL, &msgs);

	if (err == 0)
		objs_into_cache(ctx, &msgs);
	nl_msgs_free(&msgs);
	return err;
}

/* ---- Printing ---------------------------------------------------------------------- */

const char *l4proto_name(uint8_t l4proto, char buf[4])
{
	struct protoent *p = getprotobynumber(l4proto);

	if (p)
		return p->p_name;
	snprintf(buf, 4, "%u", l4proto);
	return buf;
}

unsigned int synproxy_flag_names(uint32_t flags, const char *names[2])
{
	unsigned int n = 0;

	if (flags & NF_SYNPROXY_OPT_TIMESTAMP)
		names[n++] = "timestamp";
	if (flags & NF_SYNPROXY_OPT_SACK_PERM)
		names[n++] = "sack-perm";
	return n;
}

/*
 * How an object's values are laid out: a listing puts each on a line of
 * its own (@nl, then @tab twice); an event of the monitor and -e keeps
 * the object on one line, each value after a space.  A value of a
 * conntrack object or secmark, and a synproxy's options, end with @sep
 * (nothing in a listing, where the line ends them).
 */
struct obj_layout {
	const char *nl, *tab, *sep;
};

static const struct obj_layout listing_layout = { "\n", "\t", "" };
static const struct obj_layout event_layout = { " ", "", ";" };

static void obj_line(const struct obj_layout *l, FILE *f)
{
	fprintf(f, "%s%s%s", l->nl, l->tab, l->tab);
}

static void print_ct_timeout_policy(const struct obj *o, FILE *f)
{
	const char *names[CT_TIMEOUT_STATES_MAX];
	uint32_t seconds[CT_TIMEOUT_STATES_MAX];
	unsigned int i, n = ct_timeout_states(o, names, seconds);

	fputs("policy = { ", f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s : %u", i ? ", " : "", names[i], seconds[i]);
	fputs(" }", f);
}

static void print_obj_values(struct nft_ctx *ctx, const struct obj *o,
			     const struct obj_layout *l, FILE *f)
{
	char buf[4];

	if (o->comment) {
		obj_line(l, f);
		fprintf(f, "comment \"%s\"", o->comment);
	}
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
	case NFT_OBJECT_QUOTA:
	case NFT_OBJECT_LIMIT: {
		char *text = NULL, *values;
		size_t len = 0;
		FILE *m = open_memstream(&text, &len);

		/* the statement's words after its keyword */
		print_stmt(ctx, o->state, m);
		fclose(m);
		values = strchr(text, ' ');
		/* a counter listed without its values has nothing left to say */
		if (values) {
			obj_line(l, f);
			fputs(values + 1, f);
		}
		free(text);
		break;
	}
	case NFT_OBJECT_CT_HELPER:
		obj_line(l, f);
		fprintf(f, "type \"%s\" protocol %s%s", o->ct_helper.type ? o->ct_helper.type : "",
			l4proto_name(o->ct_helper.l4proto, buf), l->sep);
		obj_line(l, f);
		fprintf(f, "l3proto %s%s", family_name(o->l3proto), l->sep);
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		obj_line(l, f);
		fprintf(f, "protocol %s%s", l4proto_name(o->ct_timeout.l4proto, buf), l->sep);
		obj_line(l, f);
		fprintf(f, "l3proto %s%s", family_name(o->l3proto), l->sep);
		obj_line(l, f);
		print_ct_timeout_policy(o, f);
		fputs(l->sep, f);
		break;
	case NFT_OBJECT_CT_EXPECT: {
		struct expr *timeout = value_new(NULL, &time_type, BYTEORDER_HOST, 64);

		obj_line(l, f);
		fprintf(f, "protocol %s%s", l4proto_name(o->ct_expect.l4proto, buf), l->sep);
		obj_line(l, f);
		fprintf(f, "dport %u%s", o->ct_expect.dport, l->sep);
		obj_line(l, f);
		fputs("timeout ", f);
		value_set_u64(timeout, o->ct_expect.timeout);
		print_value(ctx, timeout, f);
		expr_free(timeout);
		fputs(l->sep, f);
		obj_line(l, f);
		fprintf(f, "size %u%s", o->ct_expect.size, l->sep);
		obj_line(l, f);
		fprintf(f, "l3proto %s%s", family_name(o->l3proto), l->sep);
		break;
	}
	case NFT_OBJECT_SYNPROXY: {
		const struct stmt *st = o->state;

		if (st->synproxy.flags & NF_SYNPROXY_OPT_MSS) {
			obj_line(l, f);
			fprintf(f, "mss %u", st->synproxy.mss);
		}
		if (st->synproxy.flags & NF_SYNPROXY_OPT_WSCALE) {
			obj_line(l, f);
			fprintf(f, "wscale %u", st->synproxy.wscale);
		}
		/* both words have their place, a missing one left blank */
		if (st->synproxy.flags & (NF_SYNPROXY_OPT_TIMESTAMP | NF_SYNPROXY_OPT_SACK_PERM)) {
			obj_line(l, f);
			fprintf(f, "%s %s",
				st->synproxy.flags & NF_SYNPROXY_OPT_TIMESTAMP ? "timestamp" : "",
				st->synproxy.flags & NF_SYNPROXY_OPT_SACK_PERM ? "sack-perm" : "");
		}
		fputs(l->sep, f);
		break;
	}
	case NFT_OBJECT_SECMARK:
		obj_line(l, f);
		fprintf(f, "\"%s\"%s", o->secmark.ctx ? o->secmark.ctx : "", l->sep);
		break;
	}
}

void print_obj(struct nft_ctx *ctx, const struct obj *o, FILE *f)
{
	fprintf(f, "\t%s %s {", obj_type_name(o->type), o->name);
	if (ctx->handles)
		fprintf(f, " # handle %" PRIu64, o->handle);
	print_obj_values(ctx, o, &listing_layout, f);
	fputs("\n\t}\n", f);
}

void print_obj_event_text(struct nft_ctx *ctx, const char *verb, const struct obj *o, bool values,
		     FILE *f)
{
	fprintf(f, "%s %s %s %s %s", verb, obj_type_name(o->type), family_name(o->h.family),
		o->h.table, o->name);
	if (values) {
		fputs(" {", f);
		if (ctx->handles)
			fprintf(f, " # handle %" PRIu64, o->handle);
		print_obj_values(ctx, o, &event_layout, f);
		fputs(" } ", f);
	}
	fputc('\n', f);
}

/* ---- Listings ---------------------------------------------------------------------- */

/* list|reset counters [family | table [family] T], list ct helpers, ...:
 * every table that holds objects (of any type), with those of the type. */
static void print_objs_of(struct nft_ctx *ctx, struct cmd *c)
{
	const struct table *t;
	const struct obj *o;

	for (t = cache_tables(ctx); t; t = t->next) {
		if (!listing_has_table(c, t) || !t->objs)
			continue;
		fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
		for (o = t->objs; o; o = o->next)
			if (o->type == c->obj_type)
				print_obj(ctx, o, ctx->out);
		fputs("}\n", ctx->out);
	}
}

/* Drop from the cache the objects that reset @c answered for. */
static void drop_reset_objs(struct nft_ctx *ctx, const struct cmd *c)
{
	struct table *t;

	for (t = cache_tables(ctx); t; t = t->next) {
		struct obj **op = &t->objs;

		while (*op) {
			struct obj *o = *op;

			if (o->type == c->obj_type && listing_has_table(c, t) &&
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

struct obj *cache_find_obj(const struct table *t, unsigned int type, const char *name)
{
	struct obj *o;

	for (o = t->objs; o; o = o->next)
		if (o->type == type && !strcmp(o->name, name))
			return o;
	return NULL;
}

int obj_cmd_lookup(struct nft_ctx *ctx, struct cmd *c, struct table **tp, struct obj **op)
{
	struct table *t = NULL;

	if (c->h.table) {
		t = cache_find_table(ctx, c->h.family, c->h.table);
		if (!t) {
			if (!hint_missing(ctx, c, HINT_TABLE, c->h.table, &c->h.table_loc, HINT_NAME))
				error_at(&c->h.table_loc, "%s", strerror(ENOENT));
			return -1;
		}
	}
	if (c->obj == OBJ_OBJECT && !(*op = cache_find_obj(t, c->obj_type, c->h.chain))) {
		/* the reference hints at an object near in name of any type
		 * when listing one; a reset it leaves to the kernel, whose
		 * refusal is the whole command's */
		if (c->op == CMD_RESET)
			error_at(&c->loc, "Could not process rule: %s", strerror(ENOENT));
		else if (!hint_missing(ctx, c, HINT_OBJ, c->h.chain, &c->h.chain_loc, HINT_NAME))
			error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
		return -1;
	}
	*tp = t;
	return 0;
}

int obj_reset(struct nft_ctx *ctx, const struct cmd *c)
{
	/* the kernel answers a reset with the values it had */
	struct nl_msgs msgs = { 0 };
	int err = obj_dump(ctx, NFT_MSG_GETOBJ_RESET, c, &msgs);

	if (err < 0) {
		nl_msgs_free(&msgs);
		fprintf(stderr, "netlink: Error: %s\n", strerror(-err));
		return -1;
	}
	drop_reset_objs(ctx, c);
	objs_into_cache(ctx, &msgs);
	nl_msgs_free(&msgs);
	return 0;
}

/* list|reset counters [family | table [family] T], list|reset counter T
 * NAME, list ct helpers table T, list synproxy T NAME, ... */
int list_obj_cmd(struct nft_ctx *ctx, struct cmd *c)
{
	struct table *t;
	struct obj *o;

	if (obj_cmd_lookup(ctx, c, &t, &o) < 0)
		return -1;
	if (c->op == CMD_RESET && obj_reset(ctx, c) < 0)
		return -1;
	if (c->obj == OBJ_OBJECTS) {
		print_objs_of(ctx, c);
		return 0;
	}
	fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
	/* (a reset brought the object anew) */
	o = cache_find_obj(t, c->obj_type, c->h.chain);
	if (o)
		print_obj(ctx, o, ctx->out);
	fputs("}\n", ctx->out);
	return 0;
}
