// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Evaluation: type every expression, turn symbols into values of the
 * field they are compared with (in that field's byte order), and add the
 * matches a header field depends on (`tcp dport 22` in an inet chain only
 * makes sense for TCP packets: `meta l4proto tcp` goes in front of it),
 * as the reference does, so that both load the same rules.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/if_arp.h>

#include <nlkit/util.h>

#include "ast.h"

/* What the statements so far established about the packet's headers. */
struct proto_ctx {
	unsigned int family;
	const struct proto_desc *layer[3];
	struct location layer_loc[3];
};

static void proto_ctx_init(struct proto_ctx *pc, unsigned int family)
{
	memset(pc, 0, sizeof(*pc));
	pc->family = family;
	if (family == NFPROTO_IPV4)
		pc->layer[LAYER_NETWORK] = &proto_ip;
	else if (family == NFPROTO_IPV6)
		pc->layer[LAYER_NETWORK] = &proto_ip6;
	else if (family == NFPROTO_ARP)
		pc->layer[LAYER_NETWORK] = &proto_arp;
	if (family == NFPROTO_BRIDGE || family == NFPROTO_NETDEV)
		pc->layer[LAYER_LL] = &proto_ether;
}

static struct stmt *dep_match(struct expr *left, uint64_t value, const struct location *loc)
{
	struct stmt *s = stmt_new(STMT_MATCH, loc);
	struct expr *v = value_new(loc, left->dtype, left->byteorder, left->len);

	left->loc = *loc;
	value_set_u64(v, value);
	s->match.op = OP_EQ;
	s->match.left = left;
	s->match.right = v;
	return s;
}

static struct expr *meta_selector(unsigned int key)
{
	const struct meta_key *k = meta_key_by_number(key);
	struct expr *e = expr_new(EXPR_META, NULL);

	e->meta.key = k;
	e->dtype = k->dtype;
	e->byteorder = k->byteorder;
	e->len = k->len;
	return e;
}

static struct expr *payload_selector(const struct proto_desc *d, const char *field)
{
	const struct proto_field *f = proto_field_find(d, field);
	struct expr *e = expr_new(EXPR_PAYLOAD, NULL);

	e->payload.desc = d;
	e->payload.field = f;
	e->payload.base = d->base;
	e->payload.offset = f->offset;
	e->dtype = f->dtype;
	e->byteorder = BYTEORDER_BIG;
	e->len = f->len;
	return e;
}

/*
 * The match @desc needs before a field of it can be read, or NULL when
 * the context already guarantees it; -1 in *err for a conflict.
 */
static struct stmt *proto_dependency(struct proto_ctx *pc, const struct proto_desc *desc,
				     const struct location *loc, int *err)
{
	const struct proto_desc *have = pc->layer[desc->layer];
	const struct proto_desc *below;
	struct stmt *dep = NULL;

	*err = 0;
	if (have == desc || (desc == &proto_th && have))
		return NULL;
	if (have && !(have == &proto_ether && desc == &proto_vlan)) {
		error_at(loc, "conflicting protocols specified: %s vs. %s", have->name, desc->name);
		*err = -1;
		return NULL;
	}
	switch (desc->layer) {
	case LAYER_LL:
		if (desc == &proto_vlan) {
			if (!pc->layer[LAYER_LL] &&
			    (pc->family == NFPROTO_BRIDGE || pc->family == NFPROTO_NETDEV))
				break;
			dep = dep_match(payload_selector(&proto_ether, "type"), 0x8100, loc);
			if (!pc->layer[LAYER_LL])
				dep->next = NULL;
			break;
		}
		dep = dep_match(meta_selector(NFT_META_IIFTYPE), ARPHRD_ETHER, loc);
		break;
	case LAYER_NETWORK:
		if (pc->family == NFPROTO_INET)
			dep = dep_match(meta_selector(NFT_META_NFPROTO), desc->nfproto, loc);
		else if (pc->family == NFPROTO_NETDEV || pc->family == NFPROTO_BRIDGE)
			dep = dep_match(meta_selector(NFT_META_PROTOCOL), desc->protocol, loc);
		break;
	case LAYER_TRANSPORT:
		if (desc == &proto_th)
			break;
		below = pc->layer[LAYER_NETWORK];
		if (below == &proto_arp) {
			error_at(loc, "conflicting protocols specified: %s vs. %s", below->name,
				 desc->name);
			*err = -1;
			return NULL;
		}
		dep = dep_match(meta_selector(NFT_META_L4PROTO), desc->protocol, loc);
		break;
	}
	pc->layer[desc->layer] = desc;
	pc->layer_loc[desc->layer] = *loc;
	return dep;
}

/* A match of a protocol selector tells the context what follows. */
static void proto_ctx_learn(struct proto_ctx *pc, const struct stmt *s)
{
	const struct expr *l = s->match.left, *r = s->match.right;
	const struct proto_desc *d;
	uint64_t x;

	if (s->kind != STMT_MATCH || (s->match.op != OP_EQ && s->match.op != OP_IMPLICIT) ||
	    r->kind != EXPR_VALUE)
		return;
	x = value_u64(r);
	if (l->kind == EXPR_META) {
		switch (l->meta.key->key) {
		case NFT_META_L4PROTO:
			if ((d = proto_by_number(LAYER_TRANSPORT, x)))
				pc->layer[LAYER_TRANSPORT] = d;
			break;
		case NFT_META_NFPROTO:
			pc->layer[LAYER_NETWORK] = x == NFPROTO_IPV4 ? &proto_ip :
						   x == NFPROTO_IPV6 ? &proto_ip6 : NULL;
			break;
		case NFT_META_PROTOCOL:
			if ((d = proto_by_number(LAYER_NETWORK, x)))
				pc->layer[LAYER_NETWORK] = d;
			break;
		case NFT_META_IIFTYPE:
			if (x == ARPHRD_ETHER)
				pc->layer[LAYER_LL] = &proto_ether;
			break;
		}
	} else if (l->kind == EXPR_PAYLOAD && l->payload.field->dtype == &inet_proto_type) {
		if ((d = proto_by_number(LAYER_TRANSPORT, x)))
			pc->layer[LAYER_TRANSPORT] = d;
	} else if (l->kind == EXPR_PAYLOAD && l->payload.field->dtype == &ethertype_type &&
		   l->payload.desc->layer == LAYER_LL) {
		if ((d = proto_by_number(LAYER_NETWORK, x)))
			pc->layer[LAYER_NETWORK] = d;
	}
}

/* ---- Values ----------------------------------------------------------------- */

static struct expr *resolve_value(struct expr *sym, const struct expr *key)
{
	struct expr *v = value_new(&sym->loc, key->dtype, key->byteorder, key->len);

	if (sym->kind == EXPR_VALUE) {
		expr_free(v);
		return expr_clone(sym);
	}
	if (sym->kind != EXPR_SYMBOL) {
		error_at(&sym->loc, "syntax error, unexpected %s", "expression");
		expr_free(v);
		return NULL;
	}
	if (datatype_parse(key->dtype, sym, v) < 0) {
		expr_free(v);
		return NULL;
	}
	return v;
}

/* a|b|c and a,b,c of a flag type fold into one value. */
static struct expr *resolve_flags(struct expr *e, const struct expr *key)
{
	struct expr *acc, *x, *el;

	if (e->kind == EXPR_BINOP && e->binop.op == OP_OR) {
		acc = resolve_flags(e->binop.left, key);
		if (!acc)
			return NULL;
		x = resolve_flags(e->binop.right, key);
		if (!x) {
			expr_free(acc);
			return NULL;
		}
		value_set_u64(acc, value_u64(acc) | value_u64(x));
		acc->loc = e->loc;
		expr_free(x);
		return acc;
	}
	if (e->kind == EXPR_LIST) {
		acc = NULL;
		for (el = e->set.elems; el; el = el->next) {
			x = resolve_flags(el, key);
			if (!x) {
				expr_free(acc);
				return NULL;
			}
			if (acc) {
				value_set_u64(acc, value_u64(acc) | value_u64(x));
				expr_free(x);
			} else {
				acc = x;
			}
		}
		acc->loc = e->loc;
		return acc;
	}
	return resolve_value(e, key);
}

static struct expr *resolve_rhs(struct expr *e, const struct expr *key);

static struct expr *resolve_prefix(struct expr *e, const struct expr *key)
{
	struct expr *v;
	unsigned int i;

	if (!(key->dtype->flags & TYPE_F_PREFIX) && key->dtype != &integer_type) {
		error_at(&e->loc, "Prefix expression is invalid for type %s", key->dtype->desc);
		return NULL;
	}
	if (e->prefix.plen > key->len) {
		error_at(&e->loc, "Prefix length %u is invalid for type of %u bits width",
			 e->prefix.plen, key->len);
		return NULL;
	}
	v = resolve_value(e->prefix.expr, key);
	if (!v)
		return NULL;
	for (i = e->prefix.plen; i < key->len; i++)
		v->value.data[i / 8] &= ~(0x80 >> (i % 8));
	expr_free(e->prefix.expr);
	e->prefix.expr = v;
	e->dtype = key->dtype;
	e->len = key->len;
	e->byteorder = key->byteorder;
	return expr_clone(e);
}

static struct expr *resolve_rhs(struct expr *e, const struct expr *key)
{
	struct expr *x, **tail, *el, *out;

	switch (e->kind) {
	case EXPR_PREFIX:
		return resolve_prefix(e, key);
	case EXPR_RANGE:
		out = expr_new(EXPR_RANGE, &e->loc);
		out->dtype = key->dtype;
		out->len = key->len;
		out->byteorder = key->byteorder;
		out->range.low = resolve_value(e->range.low, key);
		out->range.high = out->range.low ? resolve_value(e->range.high, key) : NULL;
		if (!out->range.high) {
			expr_free(out);
			return NULL;
		}
		return out;
	case EXPR_SET:
		out = expr_new(EXPR_SET, &e->loc);
		out->dtype = key->dtype;
		out->len = key->len;
		out->byteorder = key->byteorder;
		tail = &out->set.elems;
		for (el = e->set.elems; el; el = el->next) {
			x = resolve_rhs(el, key);
			if (!x) {
				expr_free(out);
				return NULL;
			}
			*tail = x;
			tail = &x->next;
			out->set.count++;
		}
		return out;
	case EXPR_LIST:
	case EXPR_BINOP:
		if (key->dtype->flags & TYPE_F_FLAGS)
			return resolve_flags(e, key);
		error_at(&e->loc, "%s is not a flag type: use a set { } for several values",
			 key->dtype->desc);
		return NULL;
	default:
		return resolve_value(e, key);
	}
}

/* ---- Statements ------------------------------------------------------------- */

static bool is_terminal(const struct stmt *s)
{
	switch (s->kind) {
	case STMT_VERDICT:
		return s->verdict.expr->verdict.code != NFT_CONTINUE;
	case STMT_REJECT:
		return true;
	default:
		return false;
	}
}

static int eval_selector(struct proto_ctx *pc, struct expr *e, struct stmt ***deps_tail)
{
	struct stmt *dep;
	int err;

	if (e->kind == EXPR_BINOP)
		return eval_selector(pc, e->binop.left, deps_tail);
	if (e->kind == EXPR_HASH && e->hash.arg)
		return eval_selector(pc, e->hash.arg, deps_tail);
	if (e->kind == EXPR_META && e->meta.key->key == NFT_META_NFPROTO &&
	    pc->family != NFPROTO_INET) {
		error_at(&e->loc, "meta nfproto is only useful in the inet family");
		return -1;
	}
	if (e->kind == EXPR_CT && e->len == 0) {
		unsigned int nfproto = e->ct.nfproto;
		const struct proto_desc *net = pc->layer[LAYER_NETWORK];

		if (!nfproto && net)
			nfproto = net->nfproto;
		if (!nfproto) {
			error_at(&e->loc, "Can't parse symbolic %s expressions",
				 "invalid");
			return -1;
		}
		e->ct.nfproto = nfproto;
		e->dtype = nfproto == NFPROTO_IPV6 ? &ipv6_type : &ipv4_type;
		e->len = nfproto == NFPROTO_IPV6 ? 128 : 32;
	}
	if (e->kind == EXPR_CT && e->ct.key->needs_dir && e->ct.dir < 0) {
		error_at(&e->loc, "ct %s requires a direction: original or reply", e->ct.key->name);
		return -1;
	}
	if (e->kind != EXPR_PAYLOAD)
		return 0;
	dep = proto_dependency(pc, e->payload.desc, &e->loc, &err);
	if (err)
		return -1;
	if (dep) {
		**deps_tail = dep;
		*deps_tail = &dep->next;
	}
	return 0;
}

static int eval_match(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail)
{
	struct expr *left = s->match.left, *right, *key = left;

	if (eval_selector(pc, left, deps_tail) < 0)
		return -1;
	while (key->kind == EXPR_BINOP)
		key = key->binop.left;
	if (left->kind == EXPR_BINOP) {
		struct expr *b;

		for (b = left; b->kind == EXPR_BINOP; b = b->binop.left) {
			struct expr *m = (key->dtype->flags & TYPE_F_FLAGS) ?
					 resolve_flags(b->binop.right, key) :
					 resolve_value(b->binop.right, key);

			if (!m)
				return -1;
			expr_free(b->binop.right);
			b->binop.right = m;
			b->dtype = key->dtype;
			b->len = key->len;
			b->byteorder = key->byteorder;
		}
	}
	right = (key->dtype->flags & TYPE_F_FLAGS) && s->match.right->kind != EXPR_SET ?
		resolve_flags(s->match.right, key) : resolve_rhs(s->match.right, key);
	if (!right)
		return -1;
	expr_free(s->match.right);
	s->match.right = right;
	if (s->match.op == OP_IMPLICIT &&
	    !(right->kind == EXPR_VALUE && (key->dtype->flags & TYPE_F_FLAGS) &&
	      left->kind != EXPR_BINOP))
		s->match.op = OP_EQ;
	if (right->kind == EXPR_SET && s->match.op != OP_EQ && s->match.op != OP_NEQ) {
		error_at(&s->match.op_loc, "relational operator is not valid for sets");
		return -1;
	}
	return 0;
}

static int eval_set_stmt(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail)
{
	struct expr *key = s->set.key, *v;

	if (eval_selector(pc, key, deps_tail) < 0)
		return -1;
	if ((key->kind == EXPR_META && !key->meta.key->settable) ||
	    (key->kind == EXPR_CT && !key->ct.key->settable)) {
		error_at(&key->loc, "%s key %s is not settable",
			 key->kind == EXPR_META ? "meta" : "ct",
			 key->kind == EXPR_META ? key->meta.key->name : key->ct.key->name);
		return -1;
	}
	v = (key->dtype->flags & TYPE_F_FLAGS) ? resolve_flags(s->set.value, key) :
	    resolve_value(s->set.value, key);
	if (!v)
		return -1;
	expr_free(s->set.value);
	s->set.value = v;
	return 0;
}

static int eval_nat(struct proto_ctx *pc, struct stmt *s, unsigned int chain_family)
{
	struct expr key = { .byteorder = BYTEORDER_BIG };
	struct expr *v;

	if (s->nat.addr) {
		unsigned int fam = s->nat.family;

		if (!fam && chain_family == NFPROTO_IPV6)
			fam = NFPROTO_IPV6;
		else if (!fam && chain_family == NFPROTO_IPV4)
			fam = NFPROTO_IPV4;
		if (!fam) {
			error_at(&s->nat.addr->loc, "specify `%s ip' or '%s ip6' in %s table to "
				 "disambiguate", s->nat.kind == NAT_SNAT ? "snat" : "dnat",
				 s->nat.kind == NAT_SNAT ? "snat" : "dnat",
				 family_name(chain_family));
			return -1;
		}
		s->nat.family = fam;
		key.dtype = fam == NFPROTO_IPV6 ? &ipv6_type : &ipv4_type;
		key.len = fam == NFPROTO_IPV6 ? 128 : 32;
		v = resolve_rhs(s->nat.addr, &key);
		if (!v)
			return -1;
		expr_free(s->nat.addr);
		s->nat.addr = v;
	}
	if (s->nat.port) {
		if (!pc->layer[LAYER_TRANSPORT]) {
			error_at(&s->loc, "transport protocol mapping is only valid after "
				 "transport protocol match");
			return -1;
		}
		key.dtype = &inet_service_type;
		key.len = 16;
		v = resolve_rhs(s->nat.port, &key);
		if (!v)
			return -1;
		expr_free(s->nat.port);
		s->nat.port = v;
	}
	return 0;
}

static int eval_reject(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail)
{
	struct location loc = s->loc;
	int err;

	if (s->reject.type == NFT_REJECT_TCP_RST) {
		struct stmt *dep = proto_dependency(pc, &proto_tcp, &loc, &err);

		if (err)
			return -1;
		if (dep) {
			**deps_tail = dep;
			*deps_tail = &dep->next;
		}
		return 0;
	}
	if (s->reject.code_type == &icmp_code_type && pc->family != NFPROTO_IPV4 &&
	    pc->layer[LAYER_NETWORK] != &proto_ip && pc->family != NFPROTO_INET &&
	    pc->family != NFPROTO_BRIDGE && pc->family != NFPROTO_NETDEV) {
		error_at(&s->loc, "conflicting protocols specified: ip6 vs. ip");
		return -1;
	}
	if (s->reject.icmp_code < 0) {
		const struct proto_desc *net = pc->layer[LAYER_NETWORK];

		if (pc->family == NFPROTO_IPV4 || net == &proto_ip) {
			s->reject.code_type = &icmp_code_type;
			s->reject.icmp_code = 3;
		} else if (pc->family == NFPROTO_IPV6 || net == &proto_ip6) {
			s->reject.code_type = &icmpv6_code_type;
			s->reject.icmp_code = 4;
		} else {
			s->reject.type = NFT_REJECT_ICMPX_UNREACH;
			s->reject.code_type = &icmpx_code_type;
			s->reject.icmp_code = 1;
		}
	}
	return 0;
}

static int eval_rule(struct nft_ctx *ctx, struct rule *r, const struct chain *chain)
{
	struct proto_ctx pc;
	struct stmt **link, *s, *terminal = NULL;

	(void)ctx;
	proto_ctx_init(&pc, r->h.family);
	for (link = &r->stmts; (s = *link);) {
		struct stmt *deps = NULL, **deps_tail = &deps;
		int err = 0;

		if (terminal) {
			error_at2(&s->loc, &terminal->loc,
				  "Statement after terminal statement has no effect");
			return -1;
		}
		switch (s->kind) {
		case STMT_MATCH:
			err = eval_match(&pc, s, &deps_tail);
			break;
		case STMT_META_SET:
		case STMT_CT_SET:
			err = eval_set_stmt(&pc, s, &deps_tail);
			break;
		case STMT_NAT:
			if (chain && chain->base && chain->type && strcmp(chain->type, "nat")) {
				error_at(&s->loc, "nat statement is only valid in nat chains");
				return -1;
			}
			err = eval_nat(&pc, s, r->h.family);
			break;
		case STMT_REJECT:
			err = eval_reject(&pc, s, &deps_tail);
			break;
		default:
			break;
		}
		if (err < 0) {
			stmts_free(deps);
			return -1;
		}
		if (deps) {
			*deps_tail = s;
			*link = deps;
			link = deps_tail;
		}
		if (s->kind == STMT_MATCH)
			proto_ctx_learn(&pc, s);
		if (is_terminal(s))
			terminal = s;
		link = &s->next;
	}
	return 0;
}

static int eval_chain(struct nft_ctx *ctx, struct chain *c)
{
	struct rule *r;
	int ret = 0;

	if (c->base) {
		if (strcmp(c->type, "filter") && strcmp(c->type, "nat") && strcmp(c->type, "route")) {
			error_at(&c->type_loc, "unknown chain type");
			return -1;
		}
		if (c->h.family == NFPROTO_NETDEV && !c->ndevices) {
			error_at(&c->loc, "Missing `device' in this chain definition");
			return -1;
		}
	}
	for (r = c->rules; r; r = r->next)
		if (eval_rule(ctx, r, c) < 0)
			ret = -1;
	return ret;
}

int evaluate(struct nft_ctx *ctx, struct cmd *cmds)
{
	struct cmd *c;
	struct chain *ch;
	int ret = 0;

	for (c = cmds; c; c = c->next) {
		if (c->table) {
			for (ch = c->table->chains; ch; ch = ch->next)
				if (eval_chain(ctx, ch) < 0)
					ret = -1;
		}
		if (c->chain && eval_chain(ctx, c->chain) < 0)
			ret = -1;
		if (c->rule && eval_rule(ctx, c->rule, NULL) < 0)
			ret = -1;
	}
	return ret;
}
