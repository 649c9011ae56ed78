// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Evaluation: type every expression, turn symbols into values of the
 * field they are compared with (in that field's byte order), and add the
 * matches a header field depends on (`tcp dport 22` in an inet chain only
 * makes sense for TCP packets: `meta l4proto tcp` goes in front of it),
 * as the reference does, so that both load the same rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <libnftnl/expr.h>

#include <nlkit/util.h>

#include "ast.h"

/* What the statements so far established about the packet's headers. */
struct proto_ctx {
	struct nft_ctx *ctx;
	struct handle h;	/* the rule's family and table, for its sets */
	unsigned int family;
	const struct proto_desc *layer[3];
	struct location layer_loc[3];
	bool icmp_type_known;	/* a match fixed the ICMP type */
	bool vlan_known;	/* a match fixed the ether type to 802.1Q */
	/* a match fixed the layer 4 protocol, to one of a set, to a number
	 * of no known protocol, or a header's dependency did (not th's) */
	bool l4proto_known;
	/* the network protocol came from meta protocol in an inet table,
	 * which the reference's tproxy does not count */
	bool network_by_meta_protocol;
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
	/* a netdev device need not be an Ethernet one: ether fields there
	 * depend on the interface type */
	if (family == NFPROTO_BRIDGE)
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
	return meta_expr_new(meta_key_by_number(key), NULL);
}

static struct expr *payload_selector(const struct proto_desc *d, const char *field)
{
	return payload_expr_new(d, proto_field_find(d, field), NULL);
}

/* icmp type { echo-reply, echo-request }, before a field of both. */
static struct stmt *icmp_echo_dependency(struct proto_ctx *pc, const struct expr *field)
{
	struct expr *type = payload_selector(field->payload.desc, "type");
	struct expr *set = expr_new(EXPR_SET, &field->loc), **tail = &set->set.elems, *ref;
	struct stmt *dep;
	unsigned int i;

	type->loc = field->loc;
	for (i = 0; i < field->payload.field->n_icmp_types; i++) {
		struct expr *v = value_new(&field->loc, type->dtype, type->byteorder, type->len);

		value_set_u64(v, field->payload.field->icmp_types[i]);
		*tail = v;
		tail = &v->next;
		set->set.count++;
	}
	ref = set_ref_evaluate(pc->ctx, &pc->h, set, type, SET_LOOKUP);
	expr_free(set);
	if (!ref) {
		expr_free(type);
		return NULL;
	}
	dep = stmt_new(STMT_MATCH, &field->loc);
	dep->match.op = OP_EQ;
	dep->match.left = type;
	dep->match.right = ref;
	return dep;
}

/* The match of the network protocol a transport protocol belongs to
 * (desc->network): in a bridge by the Ethernet type, where the network
 * protocol's own dependency is the meta protocol. */
static struct stmt *network_dependency(struct proto_ctx *pc, const struct proto_desc *net,
					    const struct location *loc)
{
	struct stmt *dep = NULL;

	if (pc->family == NFPROTO_INET)
		dep = dep_match(meta_selector(NFT_META_NFPROTO), net->nfproto, loc);
	else if (pc->family == NFPROTO_NETDEV)
		dep = dep_match(meta_selector(NFT_META_PROTOCOL), net->protocol, loc);
	else if (pc->family == NFPROTO_BRIDGE)
		dep = dep_match(payload_selector(&proto_ether, "type"), net->protocol, loc);
	if (dep) {
		pc->layer[LAYER_NETWORK] = net;
		pc->layer_loc[LAYER_NETWORK] = *loc;
	}
	return dep;
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
	/* th is any transport header: it fixes none */
	if (have == &proto_th)
		have = NULL;
	if (have && !(have == &proto_ether && desc == &proto_vlan)) {
		error_at(loc, "conflicting protocols specified: %s vs. %s", have->name, desc->name);
		*err = -1;
		return NULL;
	}
	switch (desc->layer) {
	case LAYER_LL:
		if (desc == &proto_vlan) {
			if (pc->vlan_known)
				return NULL;
			dep = dep_match(payload_selector(&proto_ether, "type"), ETH_P_8021Q, loc);
			pc->vlan_known = true;
			if (!pc->layer[LAYER_LL]) {
				/* the Ethernet header's own dependency first */
				struct stmt *ll = dep_match(meta_selector(NFT_META_IIFTYPE),
							    ARPHRD_ETHER, loc);

				ll->next = dep;
				dep = ll;
				pc->layer[LAYER_LL] = &proto_ether;
			}
			return dep;
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
		if (!below && desc->network) {
			struct stmt *net = network_dependency(pc, desc->network, loc);

			if (net) {
				net->next = dep;
				dep = net;
			}
		}
		break;
	}
	pc->layer[desc->layer] = desc;
	pc->layer_loc[desc->layer] = *loc;
	if (desc->layer == LAYER_TRANSPORT && desc != &proto_th)
		pc->l4proto_known = true;
	return dep;
}

/* A match of a protocol selector tells the context what follows. */
static void proto_ctx_learn_layers(struct proto_ctx *pc, const struct stmt *s)
{
	const struct expr *l = s->match.left, *r = s->match.right;
	const struct proto_desc *d;
	uint64_t x;

	if (s->kind != STMT_MATCH || (s->match.op != OP_EQ && s->match.op != OP_IMPLICIT))
		return;
	/* a set of ICMP types fixes the type as much as one does */
	if (l->kind == EXPR_PAYLOAD && (l->payload.field->dtype == &icmp_type_type ||
					l->payload.field->dtype == &icmpv6_type_type))
		pc->icmp_type_known = true;
	if (l->dtype == &inet_proto_type && (r->kind == EXPR_VALUE || r->kind == EXPR_SET_REF))
		pc->l4proto_known = true;
	if (r->kind != EXPR_VALUE)
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
			pc->layer_loc[LAYER_NETWORK] = s->loc;
			pc->network_by_meta_protocol = false;
			break;
		case NFT_META_PROTOCOL:
			if ((d = proto_by_number(LAYER_NETWORK, x))) {
				pc->layer[LAYER_NETWORK] = d;
				pc->network_by_meta_protocol = pc->family == NFPROTO_INET;
			}
			break;
		case NFT_META_IIFTYPE:
			if (x == ARPHRD_ETHER)
				pc->layer[LAYER_LL] = &proto_ether;
			break;
		}
	} else if (l->kind == EXPR_PAYLOAD && l->payload.field->dtype == &inet_proto_type &&
		   l->payload.desc->layer < LAYER_TRANSPORT) {
		/* ah's and comp's next header the reference learns nothing from */
		if ((d = proto_by_number(LAYER_TRANSPORT, x)))
			pc->layer[LAYER_TRANSPORT] = d;
	} else if (l->kind == EXPR_PAYLOAD && (l->payload.field->dtype == &icmp_type_type ||
					       l->payload.field->dtype == &icmpv6_type_type)) {
		pc->icmp_type_known = true;
	} else if (l->kind == EXPR_PAYLOAD && l->payload.field->dtype == &ethertype_type &&
		   l->payload.desc->layer == LAYER_LL) {
		if ((d = proto_by_number(LAYER_NETWORK, x)))
			pc->layer[LAYER_NETWORK] = d;
		if (x == ETH_P_8021Q)
			pc->vlan_known = true;
	}
}

/* ... and where: what a later conflict with a protocol it fixed points at. */
static void proto_ctx_learn(struct proto_ctx *pc, const struct stmt *s)
{
	const struct proto_desc *before[ARRAY_SIZE(pc->layer)];
	size_t i;

	memcpy(before, pc->layer, sizeof(before));
	proto_ctx_learn_layers(pc, s);
	for (i = 0; i < ARRAY_SIZE(pc->layer); i++)
		if (pc->layer[i] != before[i])
			pc->layer_loc[i] = s->loc;
}

/* ---- Values ----------------------------------------------------------------- */

static struct expr *resolve_value(struct expr *sym, const struct expr *key)
{
	struct expr *v = value_new(&sym->loc, key->dtype, key->byteorder, key->len);

	if (sym->kind == EXPR_VALUE) {
		expr_free(v);
		return expr_clone(sym);
	}
	/* values joined where one is wanted: the first has no type to
	 * take, as the reference evaluates them */
	if (sym->kind == EXPR_CONCAT) {
		error_at(&sym->set.elems->loc, "Can't parse symbolic invalid expressions");
		expr_free(v);
		return NULL;
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
	/* the bits after the prefix, a number of the host's order having
	 * its leading bytes last */
	for (i = e->prefix.plen; i < key->len; i++)
		v->value.data[key->byteorder == BYTEORDER_HOST && !is_string_type(key->dtype) ?
			      key->len / 8 - 1 - i / 8 : i / 8] &= ~(0x80 >> (i % 8));
	expr_free(e->prefix.expr);
	e->prefix.expr = v;
	e->dtype = key->dtype;
	e->len = key->len;
	e->byteorder = key->byteorder;
	return expr_clone(e);
}

/* An interface name ending in '*' matches every name it begins: only
 * the bytes before the star are compared. */
static struct expr *resolve_ifname(struct expr *sym, const struct expr *key)
{
	size_t n = strlen(sym->sym.text);
	struct expr *p, *v;

	if (!n || sym->sym.text[n - 1] != '*')
		return resolve_value(sym, key);
	sym->sym.text[n - 1] = '\0';
	v = resolve_value(sym, key);
	sym->sym.text[n - 1] = '*';
	if (!v)
		return NULL;
	p = expr_new(EXPR_PREFIX, &sym->loc);
	p->prefix.expr = v;
	p->prefix.plen = (n - 1) * 8;
	p->dtype = key->dtype;
	p->len = key->len;
	p->byteorder = key->byteorder;
	return p;
}

/* Whether value @a is above value @b of the same type, as numbers. */
static bool value_above(const struct expr *a, const struct expr *b)
{
	unsigned int n = expr_bytes(a), i, j;

	for (i = 0; i < n; i++) {
		j = a->byteorder == BYTEORDER_HOST ? n - 1 - i : i;
		if (a->value.data[j] != b->value.data[j])
			return a->value.data[j] > b->value.data[j];
	}
	return false;
}

/* The ends of range @e as values of @key's type, in any order. */
static struct expr *resolve_range_ends(struct expr *e, const struct expr *key)
{
	struct expr *out = expr_new(EXPR_RANGE, &e->loc);

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
}

static struct expr *resolve_rhs(struct expr *e, const struct expr *key)
{
	struct expr *x, **tail, *el, *out;

	switch (e->kind) {
	case EXPR_PREFIX:
		return resolve_prefix(e, key);
	case EXPR_RANGE:
		out = resolve_range_ends(e, key);
		if (!out)
			return NULL;
		if (value_above(out->range.low, out->range.high)) {
			error_at(&e->loc, "Range has zero or negative size");
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
		if (is_string_type(key->dtype) && e->kind == EXPR_SYMBOL)
			return resolve_ifname(e, key);
		return resolve_value(e, key);
	}
}

struct expr *expr_resolve(struct expr *e, const struct expr *key)
{
	return resolve_rhs(e, key);
}

/* ---- Statements ------------------------------------------------------------- */

static bool is_terminal(const struct stmt *s)
{
	switch (s->kind) {
	case STMT_VERDICT:
		return s->verdict.expr->verdict.code != NFT_CONTINUE;
	case STMT_REJECT:
	case STMT_QUEUE:
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
	/* a bare word where a selector goes */
	if (e->kind == EXPR_SYMBOL) {
		error_at(&e->loc, "No symbol type information");
		return -1;
	}
	if (e->kind == EXPR_CONCAT) {
		struct expr *part;

		for (part = e->set.elems; part; part = part->next) {
			/* the key's bytes are the parts' lengths added up */
			if (part->dtype == &string_type) {
				error_at2(&part->loc, &e->loc, "can not use variable sized data "
					  "types (%s) in concat expressions", part->dtype->name);
				return -1;
			}
			if (eval_selector(pc, part, deps_tail) < 0)
				return -1;
		}
		return 0;
	}
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
	if (e->kind == EXPR_RT && !e->len) {
		const struct proto_desc *net = pc->layer[LAYER_NETWORK];

		if (net != &proto_ip && net != &proto_ip6) {
			error_at(&e->loc, "cannot determine ip protocol version, use \"ip nexthop\" or \"ip6 nexthop\" instead");
			return -1;
		}
		e->rt.key = net == &proto_ip6 ? NFT_RT_NEXTHOP6 : NFT_RT_NEXTHOP4;
		e->dtype = net == &proto_ip6 ? &ipv6_type : &ipv4_type;
		e->len = net == &proto_ip6 ? 128 : 32;
	}
	if (e->kind == EXPR_CT && e->ct.key->needs_dir && e->ct.dir < 0) {
		error_at(&e->loc, "ct %s requires a direction: original or reply", e->ct.key->name);
		return -1;
	}
	/* the socket's flags are 0 or 1: the values a match takes */
	if (e->kind == EXPR_SOCKET && e->socket.key != NFT_SOCKET_MARK)
		e->len = 1;
	if (e->kind != EXPR_PAYLOAD)
		return 0;
	dep = proto_dependency(pc, e->payload.desc, &e->loc, &err);
	if (err)
		return -1;
	if (dep) {
		**deps_tail = dep;
		while (dep->next)
			dep = dep->next;
		*deps_tail = &dep->next;
	}
	/* A field of one ICMP type's header (mtu, gateway) reads garbage in
	 * the others: the reference matches that type first. */
	if (e->payload.field->n_icmp_types == 1 && !pc->icmp_type_known) {
		dep = dep_match(payload_selector(e->payload.desc, "type"),
				e->payload.field->icmp_types[0], &e->loc);
		**deps_tail = dep;
		*deps_tail = &dep->next;
		pc->icmp_type_known = true;
	} else if (e->payload.field->n_icmp_types == 2 && !pc->icmp_type_known) {
		/* id and sequence: either message of an echo, a set of both */
		dep = icmp_echo_dependency(pc, e);
		if (!dep)
			return -1;
		**deps_tail = dep;
		*deps_tail = &dep->next;
		pc->icmp_type_known = true;
	}
	return 0;
}

static bool is_shift(enum op op)
{
	return op == OP_LSHIFT || op == OP_RSHIFT;
}

/* How far a shift moves: a number of bits, whatever the selector's type. */
static struct expr *resolve_shift(struct expr *e)
{
	struct expr *bits = value_new(&e->loc, &integer_type, BYTEORDER_HOST, 32);
	struct expr *r = resolve_value(e, bits);

	expr_free(bits);
	return r;
}

/* An operand of `selector & value ...` as a value of the selector @sel's
 * type: operators between values (x | 0x10 ^ 0x1) folded into one. */
static struct expr *resolve_operand(struct expr *e, const struct expr *sel)
{
	struct expr *l, *r;
	unsigned int i;

	if (e->kind != EXPR_BINOP)
		return (sel->dtype->flags & TYPE_F_FLAGS) ? resolve_flags(e, sel) :
							    resolve_value(e, sel);
	l = resolve_operand(e->binop.left, sel);
	r = l ? (is_shift(e->binop.op) ? resolve_shift(e->binop.right) :
				     resolve_operand(e->binop.right, sel)) : NULL;
	if (!r) {
		expr_free(l);
		return NULL;
	}
	if (is_shift(e->binop.op)) {
		uint64_t bits = value_u64(r), x = value_u64(l);

		x = bits >= 64 ? 0 : e->binop.op == OP_LSHIFT ? x << bits : x >> bits;
		value_set_u64(l, x);
		expr_free(r);
		return l;
	}
	for (i = 0; i < expr_bytes(sel); i++) {
		if (e->binop.op == OP_AND)
			l->value.data[i] &= r->value.data[i];
		else if (e->binop.op == OP_OR)
			l->value.data[i] |= r->value.data[i];
		else
			l->value.data[i] ^= r->value.data[i];
	}
	expr_free(r);
	return l;
}

/* The operands of `selector & value ...` as values of the selector's type,
 * which the result takes. */
static int resolve_masks(struct expr *e)
{
	struct expr *sel, *b;

	for (sel = e; sel->kind == EXPR_BINOP; sel = sel->binop.left)
		;
	/* a concatenation has no one type a value could take */
	if (e->kind == EXPR_BINOP && sel->kind == EXPR_CONCAT) {
		char *desc = key_type_desc(sel);

		error_at(&e->binop.right->loc, "invalid data type, expected %s", desc);
		free(desc);
		return -1;
	}
	for (b = e; b->kind == EXPR_BINOP; b = b->binop.left) {
		struct expr *m = resolve_operand(b->binop.right, sel);

		if (!m)
			return -1;
		expr_free(b->binop.right);
		b->binop.right = m;
		b->dtype = sel->dtype;
		b->len = sel->len;
		b->byteorder = sel->byteorder;
	}
	return 0;
}

/* The operands of the masks of a key looked up, of each part of a
 * concatenation. */
static int resolve_key_masks(struct expr *key)
{
	struct expr *part;

	if (key->kind != EXPR_CONCAT)
		return resolve_masks(key);
	for (part = key->set.elems; part; part = part->next)
		if (resolve_masks(part) < 0)
			return -1;
	return 0;
}

static int eval_match(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail);

/* A match against a set: one plain element is a plain match, as the
 * reference makes it; a { } becomes an anonymous set; a named set is
 * resolved when the kernel's sets are known. */
static int eval_set_match(struct proto_ctx *pc, struct stmt *s)
{
	struct expr *right = s->match.right, *ref;

	if (s->match.op != OP_IMPLICIT && s->match.op != OP_EQ && s->match.op != OP_NEQ) {
		error_at(&s->match.op_loc, "relational operator is not valid for sets");
		return -1;
	}
	if (s->match.op == OP_IMPLICIT)
		s->match.op = OP_EQ;
	if (right->kind == EXPR_SET_REF)
		return 0;
	if (right->set.count == 1 && right->set.elems->kind != EXPR_SET_ELEM &&
	    right->set.elems->kind != EXPR_MAPPING && s->match.left->kind != EXPR_CONCAT) {
		struct stmt **none = NULL;
		struct expr *elem = right->set.elems;

		/* an element's range is one, even where a rule's may wrap */
		if (elem->kind == EXPR_RANGE) {
			elem = resolve_rhs(elem, s->match.left);
			if (!elem)
				return -1;
		} else {
			right->set.elems = NULL;
		}
		expr_free(right);
		s->match.right = elem;
		return eval_match(pc, s, &none);
	}
	ref = set_ref_evaluate(pc->ctx, &pc->h, right, s->match.left, SET_LOOKUP);
	if (!ref)
		return -1;
	expr_free(right);
	s->match.right = ref;
	return 0;
}

/*
 * A rule's range of hours of the day or days of the week may pass
 * midnight or the week's end ("23:00"-"01:00", in UTC once read): the
 * reference matches it as the range from its high end to its low one,
 * negated (ends not included), and a negated one so the other way.
 */
static bool range_may_wrap(const struct stmt *s, const struct expr *key)
{
	return s->match.right->kind == EXPR_RANGE && key->kind == EXPR_META &&
	       (key->meta.key->key == NFT_META_TIME_HOUR ||
		key->meta.key->key == NFT_META_TIME_DAY) &&
	       (s->match.op == OP_IMPLICIT || s->match.op == OP_EQ || s->match.op == OP_NEQ);
}

static struct expr *resolve_wrapping_range(struct stmt *s, const struct expr *key)
{
	struct expr *r = resolve_range_ends(s->match.right, key), *low;

	if (!r || !value_above(r->range.low, r->range.high))
		return r;
	low = r->range.low;
	r->range.low = r->range.high;
	r->range.high = low;
	s->match.op = s->match.op == OP_NEQ ? OP_EQ : OP_NEQ;
	return r;
}

static int eval_match(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail)
{
	struct expr *left = s->match.left, *right, *key = left, *b;

	if (eval_selector(pc, left, deps_tail) < 0)
		return -1;
	/* fib ... exists: whether there is a result, not what it is */
	if (left->kind == EXPR_FIB && s->match.right->kind == EXPR_SYMBOL &&
	    !s->match.right->sym.quoted && (!strcmp(s->match.right->sym.text, "exists") ||
					    !strcmp(s->match.right->sym.text, "missing"))) {
		left->fib.flags |= NFTA_FIB_F_PRESENT;
		left->dtype = &boolean_type;
		left->len = 32;
	}
	while (key->kind == EXPR_BINOP)
		key = key->binop.left;
	/* a concatenation is matched against a set's elements alone */
	if (key->kind == EXPR_CONCAT && s->match.right->kind != EXPR_SET &&
	    s->match.right->kind != EXPR_SET_REF) {
		const struct expr *value = s->match.right;
		char *desc = key_type_desc(key);

		/* the reference points at the first value written */
		for (;;) {
			if (value->kind == EXPR_RANGE)
				value = value->range.low;
			else if (value->kind == EXPR_PREFIX)
				value = value->prefix.expr;
			else if (value->kind == EXPR_LIST)
				value = value->set.elems;
			else
				break;
		}
		error_at(&value->loc, "invalid data type, expected %s", desc);
		free(desc);
		return -1;
	}
	/* a shifted value is a number, no longer of the selector's type */
	for (b = left; b->kind == EXPR_BINOP; b = b->binop.left) {
		if (is_shift(b->binop.op)) {
			error_at2(&s->match.right->loc, &left->loc,
				  "datatype mismatch, expected %s, expression has type integer",
				  key->dtype->desc);
			return -1;
		}
	}
	if (resolve_key_masks(left) < 0)
		return -1;
	if (s->match.op == OP_NEG &&
	    (!(key->dtype->flags & TYPE_F_FLAGS) || s->match.right->kind == EXPR_SET ||
	     s->match.right->kind == EXPR_SET_REF)) {
		error_at2(&left->loc, &s->match.right->loc,
			  "negation can only be used with singleton bitmask values");
		return -1;
	}
	if (s->match.right->kind == EXPR_SET || s->match.right->kind == EXPR_SET_REF)
		return eval_set_match(pc, s);
	if (range_may_wrap(s, key))
		right = resolve_wrapping_range(s, key);
	else if ((key->dtype->flags & TYPE_F_FLAGS) && s->match.right->kind != EXPR_SET)
		right = resolve_flags(s->match.right, key);
	else
		right = resolve_rhs(s->match.right, key);
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

/* key map { ... } as a value of @data's shape: the key's dependencies,
 * and an anonymous map made (a named one is found when the kernel's
 * sets are known). */
static int eval_map(struct proto_ctx *pc, struct expr *m, const struct expr *data,
		    struct stmt ***deps_tail)
{
	struct expr *ref;

	if (eval_selector(pc, m->map.key, deps_tail) < 0 || resolve_key_masks(m->map.key) < 0)
		return -1;
	m->dtype = data->dtype;
	m->len = data->len;
	m->byteorder = data->byteorder;
	if (m->map.set->kind == EXPR_SET_REF)
		return 0;
	ref = map_ref_evaluate(pc->ctx, &pc->h, m->map.set, m->map.key, data);
	if (!ref)
		return -1;
	expr_free(m->map.set);
	m->map.set = ref;
	return 0;
}

static int eval_set_stmt(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail)
{
	struct expr *key = s->set.key, *v;

	if (eval_selector(pc, key, deps_tail) < 0)
		return -1;
	v = s->set.value;
	if (v->kind == EXPR_MAP)
		return eval_map(pc, v, key, deps_tail);
	if (v->kind == EXPR_BINOP && s->kind != STMT_PAYLOAD_SET) {
		struct expr *b, *sel;

		for (sel = v; sel->kind == EXPR_BINOP; sel = sel->binop.left)
			;
		/* a selector's value changed: ct mark set meta mark | 0x10 */
		if (sel->kind != EXPR_SYMBOL && sel->kind != EXPR_VALUE) {
			if (eval_selector(pc, sel, deps_tail) < 0)
				return -1;
			for (b = v; b->kind == EXPR_BINOP; b = b->binop.left) {
				struct expr *operand = is_shift(b->binop.op) ?
						       resolve_shift(b->binop.right) :
						       resolve_operand(b->binop.right, key);

				if (!operand)
					return -1;
				expr_free(b->binop.right);
				b->binop.right = operand;
				b->dtype = key->dtype;
				b->len = key->len;
				b->byteorder = key->byteorder;
			}
			return 0;
		}
	}
	if (v->kind == EXPR_PREFIX || v->kind == EXPR_RANGE) {
		/* the value is read first, and its errors are the reference's
		 * ("Could not parse packet mark"); where it reads, the
		 * reference aborts, we say why */
		struct expr *first = resolve_value(v->kind == EXPR_PREFIX ? v->prefix.expr :
						   v->range.low, key);

		if (first)
			error_at(&v->loc, "a statement sets a single value, not a %s",
				 v->kind == EXPR_PREFIX ? "prefix" : "range");
		expr_free(first);
		return -1;
	}
	if (v->kind != EXPR_SYMBOL && v->kind != EXPR_VALUE && v->kind != EXPR_LIST &&
	    v->kind != EXPR_BINOP) {
		/* a selector: its value is copied, so its type must be the key's */
		if (eval_selector(pc, v, deps_tail) < 0)
			return -1;
		if (s->kind == STMT_PAYLOAD_SET && payload_set_masks(key)) {
			error_at(&key->loc, "Right hand side of binary operation (^) must be constant");
			return -1;
		}
		if (v->dtype != key->dtype && v->dtype != &integer_type) {
			error_at2(&v->loc, &s->loc,
				  "datatype mismatch: expected %s, expression has type %s",
				  key->dtype->desc, v->dtype->desc);
			return -1;
		}
		return 0;
	}
	if (v->kind == EXPR_LIST && !(key->dtype->flags & TYPE_F_FLAGS)) {
		/* as the reference: the first is read, then flags are wanted */
		struct expr *first = resolve_value(v->set.elems, key);

		if (first)
			error_at(&v->set.elems->loc, "Basetype of type %s is not bitmask",
				 key->dtype->desc);
		expr_free(first);
		return -1;
	}
	v = (key->dtype->flags & TYPE_F_FLAGS) ? resolve_flags(v, key) : resolve_value(v, key);
	if (!v)
		return -1;
	expr_free(s->set.value);
	s->set.value = v;
	return 0;
}

/* The addresses of prefix @prefix (consumed), from the first to the last:
 * what the kernel maps to. */
static struct expr *prefix_as_range(struct expr *prefix)
{
	struct expr *range = expr_new(EXPR_RANGE, &prefix->loc);
	struct expr *lo = prefix->prefix.expr, *hi = expr_clone(lo);
	unsigned int i;

	for (i = prefix->prefix.plen; i < lo->len; i++) {
		lo->value.data[i / 8] &= ~(0x80 >> (i % 8));
		hi->value.data[i / 8] |= 0x80 >> (i % 8);
	}
	range->range.low = lo;
	range->range.high = hi;
	range->dtype = lo->dtype;
	prefix->prefix.expr = NULL;
	expr_free(prefix);
	return range;
}

/* Whether map expression @m gives a port with the address: a named map's
 * set is looked up here, where it is known before the batch is built. */
static bool nat_map_gives_port(struct proto_ctx *pc, const struct expr *m)
{
	const struct set *named;

	if (m->map.set->kind == EXPR_SET_REF && !m->map.set->set_ref.set) {
		named = set_lookup(pc->ctx, &pc->h, m->map.set->set_ref.name);
		return named && named->data && named->data->kind == EXPR_CONCAT;
	}
	return map_gives_concat(m);
}

static int eval_nat(struct proto_ctx *pc, struct stmt *s, unsigned int chain_family,
		    struct stmt ***deps_tail)
{
	struct location keyword = s->word_loc;
	struct expr key = { .byteorder = BYTEORDER_BIG };
	struct expr *v;

	/* a port alone is mapped in the table's family */
	if (!s->nat.addr && !s->nat.family)
		s->nat.family = chain_family;
	if (s->nat.addr) {
		unsigned int fam = s->nat.family;

		if (!fam && chain_family == NFPROTO_IPV6)
			fam = NFPROTO_IPV6;
		else if (!fam && chain_family == NFPROTO_IPV4)
			fam = NFPROTO_IPV4;
		if (!fam) {
			error_at(&keyword, "ip or ip6 must be specified with address for %s tables.",
				 family_name(chain_family));
			return -1;
		}
		s->nat.family = fam;
		key.dtype = fam == NFPROTO_IPV6 ? &ipv6_type : &ipv4_type;
		key.len = fam == NFPROTO_IPV6 ? 128 : 32;
		if (s->nat.addr->kind == EXPR_MAP) {
			/* an address and a port from one value */
			struct expr *both = s->nat.concat || map_gives_concat(s->nat.addr) ?
					    concat_of_types(key.dtype, &inet_service_type) : NULL;
			int err = eval_map(pc, s->nat.addr, both ? both : &key, deps_tail);

			expr_free(both);
			if (err < 0)
				return -1;
			if (nat_map_gives_port(pc, s->nat.addr) && !pc->layer[LAYER_TRANSPORT]) {
				error_at2(&s->nat.addr->loc, &keyword, "transport protocol mapping "
					  "is only valid after transport protocol match");
				return -1;
			}
		} else {
			v = resolve_rhs(s->nat.addr, &key);
			if (!v)
				return -1;
			expr_free(s->nat.addr);
			s->nat.addr = v->kind == EXPR_PREFIX ? prefix_as_range(v) : v;
		}
	}
	if (s->nat.port) {
		if (!pc->layer[LAYER_TRANSPORT]) {
			error_at2(&s->nat.port->loc, &keyword, "transport protocol mapping is only "
				  "valid after transport protocol match");
			return -1;
		}
		key.dtype = &inet_service_type;
		key.len = 16;
		if (s->nat.port->kind == EXPR_MAP)
			return eval_map(pc, s->nat.port, &key, deps_tail);
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
		const struct proto_desc *transport = pc->layer[LAYER_TRANSPORT];
		struct stmt *dep;

		if (transport && transport != &proto_tcp && transport != &proto_th) {
			error_at2(&s->word_loc, &pc->layer_loc[LAYER_TRANSPORT],
				  "you cannot use tcp reset with this protocol");
			return -1;
		}
		dep = proto_dependency(pc, &proto_tcp, &loc, &err);

		if (err)
			return -1;
		if (dep) {
			**deps_tail = dep;
			*deps_tail = &dep->next;
		}
		return 0;
	}
	if (s->reject.icmp_code >= 0 && s->reject.code_type != &icmpx_code_type) {
		/* an ICMP message of one IP version: only for that version */
		const struct proto_desc *version = s->reject.code_type == &icmp_code_type ?
						   &proto_ip : &proto_ip6;
		const struct proto_desc *net = pc->layer[LAYER_NETWORK];
		struct location keyword = s->word_loc;
		struct stmt *dep;

		if (net && net != version) {
			/* the match that fixed the other version, if one did;
			 * the reference names the versions in this order
			 * whichever is whose */
			error_at2(&s->reject.code_loc,
				  pc->layer_loc[LAYER_NETWORK].in ? &pc->layer_loc[LAYER_NETWORK] :
								    &keyword,
				  "conflicting protocols specified: ip vs ip6");
			return -1;
		}
		dep = proto_dependency(pc, version, &loc, &err);

		if (err)
			return -1;
		if (dep) {
			**deps_tail = dep;
			*deps_tail = &dep->next;
		}
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

/* The key of a vmap or a dynamic set update; an anonymous verdict map. */
static int eval_set_stmt_key(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail)
{
	struct expr *key = s->kind == STMT_VMAP ? s->vmap.key : s->dynset.key, *ref;

	if (eval_selector(pc, key, deps_tail) < 0 || resolve_key_masks(key) < 0)
		return -1;
	if (s->kind != STMT_VMAP || s->vmap.map->kind != EXPR_SET)
		return 0;
	ref = set_ref_evaluate(pc->ctx, &pc->h, s->vmap.map, key, SET_VMAP);
	if (!ref)
		return -1;
	expr_free(s->vmap.map);
	s->vmap.map = ref;
	return 0;
}

/* A selector's value a rule writes into a map, as read or changed
 * (meta mark & 0xff). */
static int eval_dynset_data(struct proto_ctx *pc, struct expr *d, struct stmt ***deps_tail)
{
	struct expr *sel = d;

	while (sel->kind == EXPR_BINOP)
		sel = sel->binop.left;
	if (eval_selector(pc, sel, deps_tail) < 0)
		return -1;
	return resolve_masks(d);
}

/* The key of an element a rule adds; its statements must keep state.  A
 * meter's set takes the key's shape and the rule's table. */
static int eval_dynset(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail)
{
	const struct stmt *x;
	struct set *set;

	if (eval_set_stmt_key(pc, s, deps_tail) < 0)
		return -1;
	/* a value's type is the map's, known with the kernel's sets */
	if (s->dynset.data && s->dynset.data->kind != EXPR_SYMBOL &&
	    eval_dynset_data(pc, s->dynset.data, deps_tail) < 0)
		return -1;
	for (x = s->dynset.stmts; x; x = x->next) {
		if (stmt_is_stateful(x))
			continue;
		if (stmt_is_meter(s))
			error_at2(&x->loc, &s->loc, "meter statement must be stateful");
		else
			error_at(&x->loc, "statement must be stateful");
		return -1;
	}
	if (!stmt_is_meter(s))
		return 0;
	set = s->dynset.set->set_ref.set;
	set->h.family = pc->h.family;
	set->h.table = xstrdup(pc->h.table);
	set->key = expr_clone(s->dynset.key);
	return 0;
}

/*
 * The object a map picks (counter name ip saddr map @m): the key's
 * dependencies, and an anonymous map made of a { } (a named one is found
 * when the kernel's sets are known).  Any other expression is no name:
 * a selector's value is not a string, names joined by dots no value of
 * a type.
 */
static int eval_objref(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail)
{
	struct expr *e = s->objref.expr, *ref;

	if (!e)
		return 0;
	if (e->kind == EXPR_CONCAT && e->set.elems->kind == EXPR_SYMBOL) {
		error_at(&e->set.elems->loc, "Can't parse symbolic invalid expressions");
		return -1;
	}
	if (e->kind != EXPR_MAP) {
		char *desc;

		if (eval_selector(pc, e, deps_tail) < 0)
			return -1;
		desc = key_type_desc(e);
		error_at2(&e->loc, &s->loc, "datatype mismatch: expected string, "
			  "expression has type %s", desc);
		free(desc);
		return -1;
	}
	if (eval_selector(pc, e->map.key, deps_tail) < 0 || resolve_key_masks(e->map.key) < 0)
		return -1;
	if (e->map.set->kind == EXPR_SET_REF)
		return 0;
	ref = objmap_ref_evaluate(pc->ctx, &pc->h, e->map.set, e->map.key, s->objref.type);
	if (!ref)
		return -1;
	expr_free(e->map.set);
	e->map.set = ref;
	return 0;
}

/* A resolved copy of @sym as a value of @dt, @bits wide. */
static struct expr *resolve_as(struct expr *sym, const struct datatype *dt,
			       enum byteorder order, unsigned int bits)
{
	struct expr key = { .dtype = dt, .byteorder = order, .len = bits };

	return resolve_value(sym, &key);
}

/* The target of dup and fwd: an interface in the netdev family (and
 * for fwd), else a gateway address of the table's IP version. */
static int eval_dup(struct stmt *s, unsigned int family)
{
	struct expr *v;

	if (s->kind == STMT_FWD || family == NFPROTO_NETDEV) {
		v = resolve_as(s->dup.addr, &ifindex_type, BYTEORDER_HOST, 32);
		if (!v)
			return -1;
		expr_free(s->dup.addr);
		s->dup.addr = NULL;
		expr_free(s->dup.dev);
		s->dup.dev = v;
		return 0;
	}
	v = resolve_as(s->dup.addr, family == NFPROTO_IPV6 ? &ipv6_type : &ipv4_type,
		       BYTEORDER_BIG, family == NFPROTO_IPV6 ? 128 : 32);
	if (!v)
		return -1;
	expr_free(s->dup.addr);
	s->dup.addr = v;
	if (s->dup.dev) {
		v = resolve_as(s->dup.dev, &ifindex_type, BYTEORDER_HOST, 32);
		if (!v)
			return -1;
		expr_free(s->dup.dev);
		s->dup.dev = v;
	}
	return 0;
}

/* Options the kernel takes together but the reference refuses: a group
 * (or what only a group's nflog uses) logs where level and flags mean
 * nothing, and audit logging takes no option. */
static int eval_log(const struct stmt *s)
{
	const uint32_t nflog = 1 << NFTNL_EXPR_LOG_GROUP | 1 << NFTNL_EXPR_LOG_SNAPLEN |
			       1 << NFTNL_EXPR_LOG_QTHRESHOLD;
	const uint32_t level = 1 << NFTNL_EXPR_LOG_LEVEL;
	const char *why = NULL;

	if ((s->log.present & nflog) && (s->log.present & level))
		why = "level and group are mutually exclusive";
	else if ((s->log.present & nflog) && (s->log.present & 1 << NFTNL_EXPR_LOG_FLAGS))
		why = "flags and group are mutually exclusive";
	else if ((s->log.present & level) && s->log.level == NFT_LOGLEVEL_AUDIT &&
		 (s->log.present & ~level))
		why = "log level audit doesn't support any further options";
	if (why) {
		error_at(&s->word_loc, "%s", why);
		return -1;
	}
	return 0;
}

/* Part @e of tproxy @s as a value of @key's type: one, not a range (of
 * what @what names). */
static int tproxy_resolve(const struct stmt *s, struct expr **e, const struct expr *key,
			  const char *what)
{
	struct expr *v = resolve_rhs(*e, key);

	if (!v)
		return -1;
	expr_free(*e);
	*e = v;
	if (v->kind != EXPR_VALUE) {
		error_at(&s->loc, "%s ranges are not supported for tproxy.", what);
		return -1;
	}
	return 0;
}

/*
 * tproxy: in the IP families, after a match of the layer 4 protocol; to
 * an address of the family written (or the table's), which a network
 * protocol the rule matched must be; a single address and port.
 */
static int eval_tproxy(struct proto_ctx *pc, struct stmt *s, unsigned int family)
{
	const struct proto_desc *net = pc->network_by_meta_protocol ? NULL :
				       pc->layer[LAYER_NETWORK];

	if (family != NFPROTO_IPV4 && family != NFPROTO_IPV6 && family != NFPROTO_INET) {
		error_at(&s->loc, "tproxy is only supported for IPv4/IPv6/INET");
		return -1;
	}
	if (!pc->l4proto_known) {
		error_at(&s->loc, "Transparent proxy support requires transport protocol match");
		return -1;
	}
	if (!s->tproxy.family && family != NFPROTO_INET)
		s->tproxy.family = family;
	if (net && net->nfproto != s->tproxy.family) {
		const char *fmt = "conflicting protocols specified: %s vs. %s. You must specify "
				  "ip or ip6 family in tproxy statement";
		const char *mine = !s->tproxy.family ? "unknown" :
				   s->tproxy.family == NFPROTO_IPV6 ? "ip6" : "ip";

		if (pc->layer_loc[LAYER_NETWORK].in)
			error_at2(&s->loc, &pc->layer_loc[LAYER_NETWORK], fmt, net->name, mine);
		else
			error_at(&s->loc, fmt, net->name, mine);
		return -1;
	}
	if (s->tproxy.addr) {
		bool ip6 = s->tproxy.family == NFPROTO_IPV6;

		if (!s->tproxy.family) {
			error_at(&s->loc, "ip or ip6 must be specified with address for %s tables.",
				 family_name(family));
			return -1;
		}
		struct expr key = { .dtype = ip6 ? &ipv6_type : &ipv4_type,
				    .byteorder = BYTEORDER_BIG, .len = ip6 ? 128 : 32 };

		if (tproxy_resolve(s, &s->tproxy.addr, &key, "Address") < 0)
			return -1;
	}
	if (s->tproxy.port) {
		struct expr key = { .dtype = &inet_service_type, .byteorder = BYTEORDER_BIG,
				    .len = 16 };

		if (tproxy_resolve(s, &s->tproxy.port, &key, "Port") < 0)
			return -1;
	}
	return 0;
}

/* The queue a packet goes to, a 16-bit number: as a value, a range (which
 * fanout wants), or what numgen, a hash or a map gives, whose largest
 * result must be a queue's number too. */
static int eval_queue(struct proto_ctx *pc, struct stmt *s, struct stmt ***deps_tail)
{
	struct expr key = { .dtype = &integer_type, .byteorder = BYTEORDER_HOST, .len = 16 };
	struct expr *q = s->queue.qnum, *v;
	uint64_t max = 0;

	if (!q)
		return 0;
	switch (q->kind) {
	case EXPR_MAP:
		if (eval_map(pc, q, &key, deps_tail) < 0)
			return -1;
		break;
	case EXPR_NUMGEN:
		if (eval_selector(pc, q, deps_tail) < 0)
			return -1;
		max = (uint64_t)q->numgen.mod + q->numgen.offset - 1;
		break;
	case EXPR_HASH:
		if (eval_selector(pc, q, deps_tail) < 0)
			return -1;
		max = (uint64_t)q->hash.mod + q->hash.offset - 1;
		break;
	default:
		if (!(v = resolve_rhs(q, &key)))
			return -1;
		expr_free(q);
		s->queue.qnum = q = v;
		break;
	}
	if ((s->queue.flags & NFT_QUEUE_FLAG_CPU_FANOUT) && q->kind != EXPR_RANGE) {
		error_at(&q->loc, "fanout requires a range to be specified");
		return -1;
	}
	if (max > UINT16_MAX) {
		error_at(&q->loc, "queue expression max value exceeds %u", UINT16_MAX);
		return -1;
	}
	return 0;
}

static int eval_rule(struct nft_ctx *ctx, struct rule *r)
{
	struct proto_ctx pc;
	struct stmt **link, *s, *terminal = NULL;

	proto_ctx_init(&pc, r->h.family);
	pc.ctx = ctx;
	pc.h = r->h;
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
		case STMT_PAYLOAD_SET:
		case STMT_EXTHDR_SET:
			err = eval_set_stmt(&pc, s, &deps_tail);
			break;
		case STMT_NAT:
			err = eval_nat(&pc, s, r->h.family, &deps_tail);
			break;
		case STMT_DUP:
		case STMT_FWD:
			err = eval_dup(s, r->h.family);
			break;
		case STMT_TPROXY:
			err = eval_tproxy(&pc, s, r->h.family);
			break;
		case STMT_REJECT:
			err = eval_reject(&pc, s, &deps_tail);
			break;
		case STMT_LOG:
			err = eval_log(s);
			break;
		case STMT_QUEUE:
			err = eval_queue(&pc, s, &deps_tail);
			break;
		case STMT_VMAP:
			err = eval_set_stmt_key(&pc, s, &deps_tail);
			break;
		case STMT_DYNSET:
			err = eval_dynset(&pc, s, &deps_tail);
			break;
		case STMT_OBJREF:
			err = eval_objref(&pc, s, &deps_tail);
			break;
		default:
			break;
		}
		if (err < 0) {
			stmts_free(deps);
			return -1;
		}
		if (deps && s->kind == STMT_REJECT) {
			/* the reference puts what a reject needs at the
			 * rule's head */
			*deps_tail = r->stmts;
			r->stmts = deps;
		} else if (deps) {
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
		if (c->hook && hook_parse(c->h.family, c->hook, &c->hooknum) < 0) {
			error_at(&c->hook_loc, "The %s family does not support this hook",
				 family_name(c->h.family));
			return -1;
		}
		if (c->priority_text) {
			int base;

			if (priority_parse(c->h.family, c->hooknum, c->priority_text, &base) < 0) {
				error_at(&c->prio_loc,
					 "invalid priority expression value in this context.");
				return -1;
			}
			/* resolved: the offset becomes the priority */
			c->priority += base;
			free(c->priority_text);
			c->priority_text = NULL;
		}
		if (c->h.family == NFPROTO_NETDEV && !c->ndevices) {
			error_at(&c->spec_loc, "Missing `device' in this chain definition");
			return -1;
		}
	}
	for (r = c->rules; r; r = r->next)
		if (eval_rule(ctx, r) < 0)
			ret = -1;
	return ret;
}

/* A flowtable's hook and priority, which are a netdev family's whatever
 * its table's. */
static int eval_flowtable(struct flowtable *ft)
{
	int base;

	if (!ft->has_hook)
		return 0;
	if (hook_parse(NFPROTO_NETDEV, ft->hook, &ft->hooknum) < 0) {
		error_at(&ft->block_loc, "invalid hook %s", ft->hook);
		return -1;
	}
	if (ft->priority_text) {
		if (priority_parse(NFPROTO_NETDEV, ft->hooknum, ft->priority_text, &base) < 0) {
			error_at(&ft->prio_loc, "invalid priority expression value.");
			return -1;
		}
		/* resolved: the offset becomes the priority */
		ft->priority += base;
		free(ft->priority_text);
		ft->priority_text = NULL;
	}
	return 0;
}

int evaluate(struct nft_ctx *ctx, struct cmd *cmds)
{
	struct cmd *c;
	struct chain *ch;
	int ret = 0;

	/* a rule's named map may be declared in the same batch */
	ctx->batch_cmds = cmds;
	for (c = cmds; c; c = c->next) {
		struct flowtable *ft;
		struct set *s;
		struct obj *o;

		if (c->table) {
			for (o = c->table->objs; o; o = o->next)
				if (obj_evaluate(o) < 0)
					ret = -1;
			for (ft = c->table->flowtables; ft; ft = ft->next)
				if (eval_flowtable(ft) < 0)
					ret = -1;
			for (s = c->table->sets; s; s = s->next)
				if (set_evaluate(ctx, s) < 0)
					ret = -1;
			for (ch = c->table->chains; ch; ch = ch->next)
				if (eval_chain(ctx, ch) < 0)
					ret = -1;
		}
		if (c->object && obj_evaluate(c->object) < 0)
			ret = -1;
		if (c->flowtable && eval_flowtable(c->flowtable) < 0)
			ret = -1;
		if (c->set && set_evaluate(ctx, c->set) < 0)
			ret = -1;
		if (c->chain && eval_chain(ctx, c->chain) < 0)
			ret = -1;
		if (c->rule && eval_rule(ctx, c->rule) < 0)
			ret = -1;
	}
	return ret;
}
