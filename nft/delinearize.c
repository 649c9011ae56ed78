// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Delinearization: a kernel rule's register program back into the
 * statements it was made from.  Loads become selectors again, compares
 * become matches (a bitwise before a compare is a partial field, a
 * prefix, a flag test or a mask), and the protocol matches the reference
 * adds in front of a header field are dropped again, so that the listing
 * reads as the rule was written.
 */
#include <stdio.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <libnftnl/udata.h>

#include <nlkit/util.h>

#include "ast.h"

struct reg {
	struct expr *sel;		/* what the register holds */
	/* the selector's value shifted (and changed before the shift):
	 * meta mark >> 2 & 0xff; NULL for none */
	struct expr *shifted;
	unsigned int base, offset;	/* where a payload load read */
	unsigned int load_len;		/* and how many bytes */
	uint8_t mask[VALUE_MAX_BYTES];
	uint8_t xor[VALUE_MAX_BYTES];	/* bits a bitwise sets: a rewrite's value */
	unsigned int mask_len;
	bool masked, swapped;
	bool field_shifted;		/* a bit field's load down to its value */
	uint8_t data[VALUE_MAX_BYTES];	/* an immediate's value */
	unsigned int data_len;
};

struct dl_ctx {
	struct nft_ctx *ctx;
	const char *table;		/* the rule's, for the sets it uses */
	unsigned int family;
	struct reg regs[NFT_REG32_15 + 1];
	struct rule *rule;
	struct stmt **tail;
	const struct proto_desc *layer[3];
	struct stmt *dep[3];		/* the match that set each layer */
	struct stmt *vlan_dep;		/* ether type 8021q, before a vlan field */
	struct stmt *icmp_dep;		/* icmp type X, before a field of type X */
	bool icmp_type_known;
	uint8_t icmp_type;
	bool failed;
};

/* Whether field @f of an ICMP header exists in packets of the type the
 * rule matched so far. */
static bool icmp_field_fits(const struct dl_ctx *c, const struct proto_field *f)
{
	unsigned int i;

	if (!f->n_icmp_types)
		return true;
	/* without a type, a field of one type's header only (mtu) cannot be
	 * meant: the reference would have matched the type */
	if (!c->icmp_type_known)
		return f->n_icmp_types > 1;
	for (i = 0; i < f->n_icmp_types; i++)
		if (f->icmp_types[i] == c->icmp_type)
			return true;
	return false;
}

/* Registers by their 32-bit parts: a 16-byte register is its first part,
 * so that a concatenation's parts loaded one after another stay apart. */
static struct reg *reg_of(struct dl_ctx *c, uint32_t r)
{
	if (r >= NFT_REG_1 && r <= NFT_REG_4)
		r = NFT_REG32_00 + (r - NFT_REG_1) * 4;
	if (r > NFT_REG32_15) {
		c->failed = true;
		return &c->regs[0];
	}
	return &c->regs[r];
}

static void reg_set(struct reg *r, struct expr *sel)
{
	expr_free(r->sel);
	expr_free(r->shifted);
	memset(r, 0, sizeof(*r));
	r->sel = sel;
}

static void add_stmt(struct dl_ctx *c, struct stmt *s)
{
	*c->tail = s;
	c->tail = &s->next;
	/* the reference lists a protocol match a statement other than a
	 * match stands after, as written: it is no longer a dependency */
	if (s->kind != STMT_MATCH) {
		memset(c->dep, 0, sizeof(c->dep));
		c->vlan_dep = c->icmp_dep = NULL;
	}
}

static struct expr *payload_selector(struct dl_ctx *c, uint32_t base, uint32_t off,
				     uint32_t len, unsigned int *partial_mask_bits)
{
	static const enum proto_layer layers[] = {
		[NFT_PAYLOAD_LL_HEADER] = LAYER_LL,
		[NFT_PAYLOAD_NETWORK_HEADER] = LAYER_NETWORK,
		[NFT_PAYLOAD_TRANSPORT_HEADER] = LAYER_TRANSPORT,
	};
	const struct proto_desc *candidates[3], *d;
	const struct proto_field *f;
	struct expr *e;
	unsigned int n = 0, i;

	if (base > NFT_PAYLOAD_TRANSPORT_HEADER)
		return NULL;
	d = c->layer[layers[base]];
	if (d)
		candidates[n++] = d;
	if (base == NFT_PAYLOAD_LL_HEADER) {
		candidates[n++] = &proto_ether;
		candidates[n++] = &proto_vlan;
	}
	/* ports of a transport header the rule did not name */
	if (base == NFT_PAYLOAD_TRANSPORT_HEADER && !d)
		candidates[n++] = &proto_th;
	for (i = 0; i < n; i++) {
		for (f = candidates[i]->fields; f->name; f++) {
			unsigned int fbytes = (f->offset % 8 + f->len + 7) / 8;

			if (f->offset / 8 != off || !icmp_field_fits(c, f))
				continue;
			if (fbytes == len || (f->len % 8 == 0 && f->offset % 8 == 0 &&
					      len < f->len / 8)) {
				/* bit fields sharing a byte are told apart by the mask */
				if (partial_mask_bits && (f->offset % 8 || f->len % 8) &&
				    *partial_mask_bits != f->len * 1000 + f->offset % 8)
					continue;
				e = expr_new(EXPR_PAYLOAD, NULL);
				e->payload.desc = candidates[i];
				e->payload.field = f;
				e->payload.base = base;
				e->payload.offset = f->offset;
				e->dtype = f->dtype;
				e->len = f->len;
				e->byteorder = BYTEORDER_BIG;
				return e;
			}
		}
	}
	return NULL;
}

static struct expr *value_from(const struct expr *key, const uint8_t *data, unsigned int len)
{
	struct expr *v = value_new(NULL, key->dtype, key->byteorder, key->len);

	memcpy(v->value.data, data, len < VALUE_MAX_BYTES ? len : VALUE_MAX_BYTES);
	return v;
}

/* Which bit field of a shared byte a mask selects: len * 1000 + first bit. */
static unsigned int mask_field(const uint8_t *mask, unsigned int len)
{
	unsigned int i, first = 0, bits = 0;
	bool seen = false;

	for (i = 0; i < len * 8; i++) {
		if (mask[i / 8] & (0x80 >> (i % 8))) {
			if (!seen)
				first = i;
			seen = true;
			bits++;
		}
	}
	return bits * 1000 + first % 8;
}

/* Whether @mask, of @len bytes in byte order @order, keeps the *@plen
 * leading bits of a value alone. */
static bool is_prefix_mask(const uint8_t *mask, unsigned int len, enum byteorder order,
			   unsigned int *plen)
{
	unsigned int i;
	bool ended = false;

	*plen = 0;
	for (i = 0; i < len * 8; i++) {
		unsigned int byte = order == BYTEORDER_HOST ? len - 1 - i / 8 : i / 8;
		bool bit = mask[byte] & (0x80 >> (i % 8));

		if (bit && ended)
			return false;
		if (bit)
			(*plen)++;
		else
			ended = true;
	}
	return true;
}

static uint64_t be_bytes(const uint8_t *d, unsigned int len)
{
	uint64_t x = 0;
	unsigned int i;

	for (i = 0; i < len && i < 8; i++)
		x = x << 8 | d[i];
	return x;
}

static bool is_bit_field(const struct expr *sel)
{
	return sel->kind == EXPR_PAYLOAD && (sel->payload.offset % 8 || sel->len % 8);
}

/* The bits right of bit field @sel in the bytes a load of it reads. */
static unsigned int bit_field_shift(const struct expr *sel)
{
	return (sel->payload.offset % 8 + sel->len + 7) / 8 * 8 - sel->payload.offset % 8 -
	       sel->len;
}

/* The value @data has in the register as a value of @key's field. */
static struct expr *field_value(struct reg *r, const uint8_t *data, unsigned int len)
{
	const struct expr *key = r->sel;
	struct expr *v;
	uint8_t tmp[VALUE_MAX_BYTES] = { 0 };
	unsigned int i;

	if (is_bit_field(key)) {
		v = value_new(NULL, key->dtype, BYTEORDER_BIG, key->len);
		value_set_u64(v, be_bytes(data, len) >> bit_field_shift(key));
		return v;
	}
	if (r->swapped) {
		for (i = 0; i < len; i++)
			tmp[i] = data[len - 1 - i];
		return value_from(key, tmp, len);
	}
	return value_from(key, data, len);
}

static const enum op ops_of_cmp[] = {
	[NFT_CMP_EQ] = OP_EQ, [NFT_CMP_NEQ] = OP_NEQ, [NFT_CMP_LT] = OP_LT,
	[NFT_CMP_LTE] = OP_LTE, [NFT_CMP_GT] = OP_GT, [NFT_CMP_GTE] = OP_GTE,
};

static bool all_zero(const uint8_t *d, unsigned int len)
{
	unsigned int i;

	for (i = 0; i < len; i++)
		if (d[i])
			return false;
	return true;
}

static void learn_and_drop_deps(struct dl_ctx *c, struct stmt *s);

/*
 * The reference walks a header's table once when it splits a load: a
 * field listed before the one it took last (IGMP's mrt, after its
 * checksum) it does not find again, and th's port there stands in.
 */
static struct expr *split_field_out_of_order(unsigned int base, unsigned int offset)
{
	const struct proto_field *f;

	if (base != NFT_PAYLOAD_TRANSPORT_HEADER)
		return NULL;
	for (f = proto_th.fields; f->name; f++)
		if (f->offset == offset * 8)
			return payload_expr_new(&proto_th, f, NULL);
	return NULL;
}

/*
 * One load and compare of several adjacent header fields (the reference
 * joins matches that way): a match of each field, in header order.
 */
static void dl_split_payload(struct dl_ctx *c, struct reg *r, const uint8_t *data,
			     unsigned int len)
{
	const struct proto_desc *prev_desc = NULL;
	const struct proto_field *prev = NULL;
	unsigned int done = 0, flen;

	while (done < len) {
		struct expr *sel = NULL;
		struct stmt *s;

		/* the widest field that starts here and fits what is left */
		for (flen = len - done; flen > 0 && !sel; flen--)
			sel = payload_selector(c, r->base, r->offset + done, flen, NULL);
		if (sel && prev && sel->payload.desc == prev_desc && sel->payload.field < prev) {
			expr_free(sel);
			sel = split_field_out_of_order(r->base, r->offset + done);
		}
		if (!sel || sel->len % 8 || sel->payload.offset % 8 || expr_bytes(sel) > len - done) {
			expr_free(sel);
			c->failed = true;
			return;
		}
		prev_desc = sel->payload.desc;
		prev = sel->payload.field;
		flen = expr_bytes(sel);
		s = stmt_new(STMT_MATCH, NULL);
		s->match.op = OP_EQ;
		s->match.left = sel;
		s->match.right = value_from(sel, data + done, flen);
		add_stmt(c, s);
		learn_and_drop_deps(c, s);
		done += flen;
	}
}

static struct expr *binop_of(enum op op, struct expr *left, const struct expr *sel,
			     const uint8_t *data, unsigned int len)
{
	struct expr *b = expr_new(EXPR_BINOP, NULL);

	b->binop.op = op;
	b->binop.left = left;
	b->binop.right = value_from(sel, data, len);
	b->dtype = sel->dtype;
	b->len = sel->len;
	b->byteorder = sel->byteorder;
	return b;
}

/* What the register holds as a value: the selector, or its shift. */
static struct expr *reg_held(const struct reg *r)
{
	return expr_clone(r->shifted ? r->shifted : r->sel);
}

/* A selector's value through a bitwise, as the reference writes it:
 * & mask, ^ bits, | bits, or & (mask | bits) | bits. */
static struct expr *changed_value(const struct reg *r)
{
	uint8_t either[VALUE_MAX_BYTES];
	unsigned int len = r->mask_len, i;
	bool no_xor = true, all_ones = true, complement = true;

	for (i = 0; i < len; i++) {
		no_xor &= !r->xor[i];
		all_ones &= r->mask[i] == 0xff;
		complement &= (r->mask[i] ^ r->xor[i]) == 0xff;
		either[i] = r->mask[i] | r->xor[i];
	}
	if (no_xor)
		return binop_of(OP_AND, reg_held(r), r->sel, r->mask, len);
	if (all_ones)
		return binop_of(OP_XOR, reg_held(r), r->sel, r->xor, len);
	if (complement)
		return binop_of(OP_OR, reg_held(r), r->sel, r->xor, len);
	return binop_of(OP_OR, binop_of(OP_AND, reg_held(r), r->sel, either, len),
			r->sel, r->xor, len);
}

/* A shift of what the register holds, by the bitwise @e's bits. */
static void dl_shift(struct dl_ctx *c, struct reg *r, struct nftnl_expr *e, enum op op)
{
	const void *data;
	struct expr *b;
	uint32_t len, bits;

	data = nftnl_expr_get(e, NFTNL_EXPR_BITWISE_DATA, &len);
	if (!r->sel || r->sel->kind == EXPR_PAYLOAD || !data || len != sizeof(bits)) {
		c->failed = true;
		return;
	}
	memcpy(&bits, data, sizeof(bits));
	b = expr_new(EXPR_BINOP, NULL);
	b->binop.op = op;
	b->binop.left = r->masked ? changed_value(r) : reg_held(r);
	b->binop.right = value_new(NULL, &integer_type, BYTEORDER_HOST, 32);
	value_set_u64(b->binop.right, bits);
	b->dtype = r->sel->dtype;
	b->len = r->sel->len;
	b->byteorder = r->sel->byteorder;
	expr_free(r->shifted);
	r->shifted = b;
	r->masked = false;
}

static void dl_cmp(struct dl_ctx *c, struct nftnl_expr *e)
{
	struct reg *r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_CMP_SREG));
	uint32_t len, op = nftnl_expr_get_u32(e, NFTNL_EXPR_CMP_OP);
	const uint8_t *data = nftnl_expr_get(e, NFTNL_EXPR_CMP_DATA, &len);
	struct stmt *s, *prev;
	struct expr *key;
	unsigned int plen;

	/* A compare with nothing to compare with: no rule the kernel takes. */
	if (!data) {
		c->failed = true;
		return;
	}
	if (!r->sel && r->load_len && op == NFT_CMP_EQ && !r->masked && len == r->load_len) {
		dl_split_payload(c, r, data, len);
		return;
	}
	/* the reference compares a bit field in place, unshifted */
	if (!r->sel || op > NFT_CMP_GTE || r->field_shifted) {
		c->failed = true;
		return;
	}
	key = r->sel;
	prev = c->rule->stmts;
	while (prev && prev->next)
		prev = prev->next;
	s = stmt_new(STMT_MATCH, NULL);
	s->match.op = ops_of_cmp[op];
	if (r->masked && is_bit_field(key)) {
		s->match.left = expr_clone(key);
		s->match.right = field_value(r, data, len);
	} else if (r->masked && !all_zero(r->xor, r->mask_len)) {
		s->match.left = changed_value(r);
		s->match.right = value_from(key, data, len);
	} else if (r->masked && (op == NFT_CMP_NEQ || op == NFT_CMP_EQ) && all_zero(data, len) &&
		   key->dtype->flags & TYPE_F_FLAGS) {
		s->match.op = op == NFT_CMP_EQ ? OP_NEG : OP_IMPLICIT;
		s->match.left = expr_clone(key);
		s->match.right = value_from(key, r->mask, r->mask_len);
	} else if (r->masked && (key->dtype->flags & TYPE_F_PREFIX) &&
		   is_prefix_mask(r->mask, r->mask_len, key->byteorder, &plen)) {
		struct expr *p = expr_new(EXPR_PREFIX, NULL);

		p->prefix.expr = value_from(key, data, len);
		p->prefix.plen = plen;
		p->dtype = key->dtype;
		s->match.left = expr_clone(key);
		s->match.right = p;
	} else if (r->masked) {
		struct expr *b = expr_new(EXPR_BINOP, NULL);

		b->binop.op = OP_AND;
		b->binop.left = expr_clone(key);
		b->binop.right = value_from(key, r->mask, r->mask_len);
		b->dtype = key->dtype;
		s->match.left = b;
		s->match.right = value_from(key, data, len);
	} else if (key->kind == EXPR_CT && !key->ct.key->len && len * 8 < key->len) {
		/* The reference lists the leading bytes of an address of
		 * the table's version (ct original daddr, not ... ip daddr)
		 * as a number of that many bytes: 10.0.0.0/8 as 0.0.0.10.
		 * Listed so, the rule reads the same in both. */
		uint8_t tail[VALUE_MAX_BYTES] = { 0 };
		unsigned int bytes = key->len / 8;

		memcpy(tail + bytes - len, data, len);
		s->match.left = expr_clone(key);
		s->match.right = value_from(key, tail, bytes);
	} else if ((key->kind == EXPR_PAYLOAD || is_string_type(key->dtype) ||
		    (key->dtype->flags & TYPE_F_PREFIX)) && len * 8 < key->len) {
		struct expr *p = expr_new(EXPR_PREFIX, NULL);

		p->prefix.expr = value_from(key, data, len);
		p->prefix.plen = len * 8;
		p->dtype = key->dtype;
		s->match.left = expr_clone(key);
		s->match.right = p;
	} else {
		s->match.left = expr_clone(key);
		s->match.right = field_value(r, data, len);
	}
	/* cmp gte then cmp lte of one selector: a range */
	if (op == NFT_CMP_LTE && prev && prev->kind == STMT_MATCH && prev->match.op == OP_GTE &&
	    prev->match.right->kind == EXPR_VALUE && s->match.right->kind == EXPR_VALUE &&
	    prev->match.left->kind == s->match.left->kind &&
	    prev->match.left->len == s->match.left->len) {
		struct expr *range = expr_new(EXPR_RANGE, NULL);

		range->range.low = prev->match.right;
		range->range.high = s->match.right;
		range->dtype = key->dtype;
		prev->match.right = range;
		prev->match.op = OP_EQ;
		s->match.right = NULL;
		stmt_free(s);
		return;
	}
	add_stmt(c, s);
	learn_and_drop_deps(c, s);
}

/* Take @dead, a match an earlier statement made, out of the rule. */
static void drop_stmt(struct dl_ctx *c, struct stmt *dead)
{
	struct stmt **pp;

	for (pp = &c->rule->stmts; *pp; pp = &(*pp)->next) {
		if (*pp == dead) {
			*pp = dead->next;
			if (c->tail == &dead->next)
				c->tail = pp;
			stmt_free(dead);
			return;
		}
	}
}

/* Record what a match says about the headers, and drop a protocol match
 * that the reference would have added for this one. */
/* Drop the protocol match the reference put before a use of field @l. */
static void drop_payload_dep(struct dl_ctx *c, const struct expr *l)
{
	const struct proto_desc *d = l->payload.desc;
	enum proto_layer layer = d->layer;

	if (c->dep[layer] && c->layer[layer] == d)
		drop_stmt(c, c->dep[layer]);
	c->dep[layer] = NULL;
	/* The ether type a vlan field needs goes, unless the field is
	 * the vlan's own type: the reference lists that one. */
	if (d == &proto_vlan && c->vlan_dep && strcmp(l->payload.field->name, "type"))
		drop_stmt(c, c->vlan_dep);
	c->vlan_dep = NULL;
	if (l->payload.field->n_icmp_types == 1 && c->icmp_dep)
		drop_stmt(c, c->icmp_dep);
	c->icmp_dep = NULL;
}

/* The protocol matches of the fields jhash hashed. */
static void drop_hashed_deps(struct dl_ctx *c, const struct expr *arg)
{
	const struct expr *part;

	if (arg->kind == EXPR_PAYLOAD)
		drop_payload_dep(c, arg);
	if (arg->kind == EXPR_CONCAT)
		for (part = arg->set.elems; part; part = part->next)
			drop_hashed_deps(c, part);
}

static void learn_and_drop_deps(struct dl_ctx *c, struct stmt *s)
{
	const struct expr *l = s->match.left, *v = s->match.right;
	const struct proto_desc *d;

	while (l->kind == EXPR_BINOP)
		l = l->binop.left;
	if (l->kind == EXPR_PAYLOAD)
		drop_payload_dep(c, l);
	if (l->kind == EXPR_HASH && l->hash.arg)
		drop_hashed_deps(c, l->hash.arg);
	if (s->match.op != OP_EQ || v->kind != EXPR_VALUE)
		return;
	if (l->kind == EXPR_PAYLOAD && (l->payload.field->dtype == &icmp_type_type ||
					l->payload.field->dtype == &icmpv6_type_type)) {
		c->icmp_type_known = true;
		c->icmp_type = value_u64(v);
		c->icmp_dep = s;
		return;
	}
	if (l->kind == EXPR_PAYLOAD && l->payload.desc == &proto_ether &&
	    l->payload.field->dtype == &ethertype_type && value_u64(v) == ETH_P_8021Q)
		c->vlan_dep = s;
	if (l->kind == EXPR_META) {
		uint64_t x = value_u64(v);

		switch (l->meta.key->key) {
		case NFT_META_L4PROTO:
			if ((d = proto_by_number(LAYER_TRANSPORT, x))) {
				c->layer[LAYER_TRANSPORT] = d;
				c->dep[LAYER_TRANSPORT] = s;
			}
			/* ICMP and ICMPv6 say the IP version themselves: the
			 * version match the reference put before them goes */
			if (c->dep[LAYER_NETWORK] &&
			    ((x == IPPROTO_ICMP && c->layer[LAYER_NETWORK] == &proto_ip) ||
			     (x == IPPROTO_ICMPV6 && c->layer[LAYER_NETWORK] == &proto_ip6))) {
				drop_stmt(c, c->dep[LAYER_NETWORK]);
				c->dep[LAYER_NETWORK] = NULL;
			}
			break;
		case NFT_META_NFPROTO:
			d = x == NFPROTO_IPV4 ? &proto_ip : x == NFPROTO_IPV6 ? &proto_ip6 : NULL;
			if (d && c->family == NFPROTO_INET) {
				c->layer[LAYER_NETWORK] = d;
				c->dep[LAYER_NETWORK] = s;
			}
			break;
		case NFT_META_PROTOCOL:
			if ((d = proto_by_number(LAYER_NETWORK, x)) &&
			    (c->family == NFPROTO_NETDEV || c->family == NFPROTO_BRIDGE)) {
				c->layer[LAYER_NETWORK] = d;
				c->dep[LAYER_NETWORK] = s;
			}
			break;
		case NFT_META_IIFTYPE:
			if (x == ARPHRD_ETHER) {
				c->layer[LAYER_LL] = &proto_ether;
				c->dep[LAYER_LL] = s;
			}
			break;
		}
	} else if (l->kind == EXPR_PAYLOAD && l->payload.field->dtype == &ethertype_type &&
		   (c->family == NFPROTO_BRIDGE || c->family == NFPROTO_INET ||
		    c->family == NFPROTO_NETDEV)) {
		if ((d = proto_by_number(LAYER_NETWORK, value_u64(v)))) {
			c->layer[LAYER_NETWORK] = d;
			c->dep[LAYER_NETWORK] = s;
		}
	} else if (l->kind == EXPR_PAYLOAD && l->payload.field->dtype == &inet_proto_type &&
		   l->payload.desc->layer == LAYER_TRANSPORT) {
		/* a transport header's next header (ah, comp): the reference
		 * takes it for the dependency of the header's next field,
		 * which drops it */
		c->dep[LAYER_TRANSPORT] = s;
	} else if (l->kind == EXPR_PAYLOAD && l->payload.field->dtype == &inet_proto_type) {
		/* Where a network header may be of either version, `ip
		 * protocol` says more than the transport header's own
		 * dependency would: it stays. */
		if ((d = proto_by_number(LAYER_TRANSPORT, value_u64(v)))) {
			c->layer[LAYER_TRANSPORT] = d;
			if (c->family == NFPROTO_IPV4 || c->family == NFPROTO_IPV6)
				c->dep[LAYER_TRANSPORT] = s;
		}
	}
}

static struct expr *selector_meta(uint32_t key)
{
	const struct meta_key *k = meta_key_by_number(key);

	return k ? meta_expr_new(k, NULL) : NULL;
}

static struct expr *selector_ct(struct dl_ctx *c, struct nftnl_expr *ne)
{
	const struct ct_key *k = ct_key_by_number(nftnl_expr_get_u32(ne, NFTNL_EXPR_CT_KEY));
	struct expr *e;

	if (!k)
		return NULL;
	e = expr_new(EXPR_CT, NULL);
	e->ct.key = k;
	e->ct.dir = nftnl_expr_is_set(ne, NFTNL_EXPR_CT_DIR) ?
		    nftnl_expr_get_u8(ne, NFTNL_EXPR_CT_DIR) : -1;
	e->dtype = k->dtype;
	e->byteorder = k->byteorder;
	e->len = k->len;
	e->ct.nfproto = k->nfproto;
	if (!k->len) {
		const struct proto_desc *net = c->layer[LAYER_NETWORK];

		e->ct.nfproto = net ? net->nfproto : NFPROTO_IPV4;
		e->dtype = e->ct.nfproto == NFPROTO_IPV6 ? &ipv6_type : &ipv4_type;
		e->len = e->ct.nfproto == NFPROTO_IPV6 ? 128 : 32;
	}
	return e;
}

static struct expr *selector_simple(enum expr_kind kind, const struct datatype *dt,
				    unsigned int len)
{
	struct expr *e = expr_new(kind, NULL);

	e->dtype = dt;
	e->len = len;
	e->byteorder = BYTEORDER_HOST;
	return e;
}

static void dl_immediate(struct dl_ctx *c, struct nftnl_expr *e)
{
	uint32_t dreg = nftnl_expr_get_u32(e, NFTNL_EXPR_IMM_DREG);
	struct reg *r;
	uint32_t len;
	const void *data;

	if (dreg == NFT_REG_VERDICT) {
		struct stmt *s = stmt_new(STMT_VERDICT, NULL);
		struct expr *v = expr_new(EXPR_VERDICT, NULL);

		v->verdict.code = (int32_t)nftnl_expr_get_u32(e, NFTNL_EXPR_IMM_VERDICT);
		if (nftnl_expr_is_set(e, NFTNL_EXPR_IMM_CHAIN))
			v->verdict.chain = xstrdup(nftnl_expr_get_str(e, NFTNL_EXPR_IMM_CHAIN));
		s->verdict.expr = v;
		add_stmt(c, s);
		return;
	}
	data = nftnl_expr_get(e, NFTNL_EXPR_IMM_DATA, &len);
	if (!data) {
		c->failed = true;
		return;
	}
	r = reg_of(c, dreg);
	reg_set(r, NULL);
	if (len > sizeof(r->data))
		len = sizeof(r->data);
	memcpy(r->data, data, len);
	r->data_len = len;
}

static void dl_set(struct dl_ctx *c, struct expr *key, uint32_t sreg)
{
	struct reg *r = reg_of(c, sreg);
	struct stmt *s;

	/* a bit field shifted down: a value this nft has no words for */
	if (!key || (!r->data_len && !r->sel) || r->field_shifted) {
		expr_free(key);
		c->failed = true;
		return;
	}
	s = stmt_new(key->kind == EXPR_META ? STMT_META_SET : STMT_CT_SET, NULL);
	s->set.key = key;
	/* a value, or what a selector loaded: meta mark set ct mark */
	s->set.value = r->data_len ? value_from(key, r->data, r->data_len) :
		       r->masked ? changed_value(r) : reg_held(r);
	if (!s->set.value)
		c->failed = true;
	else if (s->set.value->kind == EXPR_HASH && s->set.value->hash.arg)
		drop_hashed_deps(c, s->set.value->hash.arg);
	add_stmt(c, s);
}

/* The field of header @base whose bits in the @len bytes from @off are
 * those @mask clears (the field a load, bitwise and write rewrote), or
 * the field of exactly those bytes when there is no mask. */
static struct expr *rewritten_field(struct dl_ctx *c, uint32_t base, uint32_t off, uint32_t len,
				    const uint8_t *mask)
{
	unsigned int i, first = 0, bits = 0;
	struct expr *e;

	if (!mask)
		return payload_selector(c, base, off, len, NULL);
	for (i = 0; i < len * 8; i++) {
		if (!(mask[i / 8] & (0x80 >> (i % 8)))) {
			if (!bits)
				first = i;
			bits++;
		}
	}
	/* payload_selector finds a field by its first byte; a field may
	 * start in the second byte of the word */
	for (i = 0; i < len; i++) {
		unsigned int which = bits * 1000 + (first - i * 8) % 8;

		if (first < i * 8 || first >= (i + 1) * 8)
			continue;
		e = payload_selector(c, base, off + i, (first % 8 + bits + 7) / 8,
				     (first % 8 || bits % 8) ? &which : NULL);
		if (e && e->payload.offset == off * 8 + first && e->len == bits)
			return e;
		expr_free(e);
	}
	return NULL;
}

/* A header field rewritten: from an immediate, or a load whose bits a
 * bitwise replaced. */
static void dl_payload_write(struct dl_ctx *c, struct nftnl_expr *e)
{
	struct reg *r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_SREG));
	uint32_t base = nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_BASE);
	uint32_t off = nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_OFFSET);
	uint32_t len = nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_LEN);
	struct expr *key;
	struct stmt *s;

	if (r->field_shifted)
		key = NULL;
	else if (r->data_len)
		key = rewritten_field(c, base, off, len, NULL);
	else if (r->masked && r->base == base && r->offset == off && r->load_len == len)
		key = rewritten_field(c, base, off, len, r->mask);
	else if (r->sel && !r->masked)
		key = rewritten_field(c, base, off, len, NULL);
	else
		key = NULL;
	if (!key) {
		c->failed = true;
		return;
	}
	s = stmt_new(STMT_PAYLOAD_SET, NULL);
	s->set.key = key;
	if (r->data_len) {
		s->set.value = value_from(key, r->data, r->data_len);
	} else if (!r->masked) {
		/* another field's value: ip daddr set ip saddr */
		s->set.value = expr_clone(r->sel);
	} else {
		unsigned int shift = (off + len) * 8 - key->payload.offset - key->len;

		s->set.value = value_new(NULL, key->dtype, BYTEORDER_BIG, key->len);
		value_set_u64(s->set.value, (be_bytes(r->xor, len) >> shift) &
					    ((1ULL << key->len) - 1));
	}
	drop_payload_dep(c, key);
	add_stmt(c, s);
}

static struct expr *reg_value(struct dl_ctx *c, uint32_t regnum, const struct datatype *dt,
			      unsigned int bits)
{
	struct reg *r = reg_of(c, regnum);
	struct expr *v;

	/* what a map gave: snat to ip saddr map @m */
	if (!r->data_len && r->sel && r->sel->kind == EXPR_MAP)
		return expr_clone(r->sel);
	v = value_new(NULL, dt, BYTEORDER_BIG, bits);
	memcpy(v->value.data, r->data, bits / 8);
	return v;
}

static struct expr *reg_range(struct dl_ctx *c, struct nftnl_expr *e, uint16_t min_attr,
			      uint16_t max_attr, const struct datatype *dt, unsigned int bits)
{
	struct expr *lo, *range;

	if (!nftnl_expr_is_set(e, min_attr))
		return NULL;
	lo = reg_value(c, nftnl_expr_get_u32(e, min_attr), dt, bits);
	/* a map of ranges gives the last value too, in the register named
	 * for it */
	if (lo->kind == EXPR_MAP && map_gives_interval(lo))
		return lo;
	if (!nftnl_expr_is_set(e, max_attr) || nftnl_expr_get_u32(e, max_attr) == 0 ||
	    nftnl_expr_get_u32(e, max_attr) == nftnl_expr_get_u32(e, min_attr))
		return lo;
	range = expr_new(EXPR_RANGE, NULL);
	range->range.low = lo;
	range->range.high = reg_value(c, nftnl_expr_get_u32(e, max_attr), dt, bits);
	range->dtype = dt;
	return range;
}

/* A range of addresses that is a prefix, listed as one (10.0.0.0/24). */
static struct expr *nat_range_as_prefix(struct expr *range)
{
	struct expr *lo, *prefix;
	unsigned int plen;

	if (!range || range->kind != EXPR_RANGE || range->range.low->kind != EXPR_VALUE ||
	    range->range.high->kind != EXPR_VALUE ||
	    !range_is_prefix(range->range.low->value.data, range->range.high->value.data,
			     expr_bytes(range->range.low), &plen))
		return range;
	lo = range->range.low;
	range->range.low = NULL;
	prefix = expr_new(EXPR_PREFIX, NULL);
	prefix->prefix.expr = lo;
	prefix->prefix.plen = plen;
	prefix->dtype = lo->dtype;
	expr_free(range);
	return prefix;
}

/* A queue: what a register holds (numgen, a hash, a map), or a number,
 * which with more queues than one is a range of them. */
static void dl_queue(struct dl_ctx *c, struct nftnl_expr *e)
{
	struct stmt *s = stmt_new(STMT_QUEUE, NULL);
	unsigned int num, total;
	struct expr *q;

	if (nftnl_expr_is_set(e, NFTNL_EXPR_QUEUE_SREG_QNUM)) {
		struct reg *r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_QUEUE_SREG_QNUM));

		if (!r->sel || r->data_len) {
			c->failed = true;
		} else {
			s->queue.qnum = reg_held(r);
			/* the reference lists a hash without the protocol
			 * matches it added for the fields hashed */
			if (r->sel->kind == EXPR_HASH && r->sel->hash.arg)
				drop_hashed_deps(c, r->sel->hash.arg);
		}
	} else {
		num = nftnl_expr_get_u16(e, NFTNL_EXPR_QUEUE_NUM);
		total = nftnl_expr_get_u16(e, NFTNL_EXPR_QUEUE_TOTAL);
		q = value_new(NULL, &integer_type, BYTEORDER_HOST, 16);
		value_set_u64(q, num);
		if (total > 1) {
			struct expr *range = expr_new(EXPR_RANGE, NULL);

			range->range.low = q;
			range->range.high = value_new(NULL, &integer_type, BYTEORDER_HOST, 16);
			value_set_u64(range->range.high, num + total - 1);
			range->dtype = &integer_type;
			range->len = 16;
			range->byteorder = BYTEORDER_HOST;
			q = range;
		}
		s->queue.qnum = q;
	}
	s->queue.flags = nftnl_expr_get_u16(e, NFTNL_EXPR_QUEUE_FLAGS);
	add_stmt(c, s);
}

static void dl_nat(struct dl_ctx *c, struct nftnl_expr *e, enum nat_kind kind)
{
	struct stmt *s = stmt_new(STMT_NAT, NULL);

	s->nat.kind = kind;
	if (kind == NAT_SNAT || kind == NAT_DNAT) {
		unsigned int fam = nftnl_expr_get_u32(e, NFTNL_EXPR_NAT_FAMILY);
		const struct datatype *dt = fam == NFPROTO_IPV6 ? &ipv6_type : &ipv4_type;

		s->nat.family = fam;
		s->nat.family_listed = c->family == NFPROTO_INET;
		s->nat.kind = nftnl_expr_get_u32(e, NFTNL_EXPR_NAT_TYPE) == NFT_NAT_SNAT ?
			      NAT_SNAT : NAT_DNAT;
		s->nat.addr = reg_range(c, e, NFTNL_EXPR_NAT_REG_ADDR_MIN,
					NFTNL_EXPR_NAT_REG_ADDR_MAX, dt, dt->size);
		s->nat.addr = nat_range_as_prefix(s->nat.addr);
		/* a map of addresses and ports gives both, a map of ranges
		 * the last address too: listed with the family, and without
		 * a port of their own, as the reference lists them */
		if (s->nat.addr && s->nat.addr->kind == EXPR_MAP &&
		    (map_gives_concat(s->nat.addr) || map_gives_interval(s->nat.addr)))
			s->nat.family_listed = true;
		else
			s->nat.port = reg_range(c, e, NFTNL_EXPR_NAT_REG_PROTO_MIN,
						NFTNL_EXPR_NAT_REG_PROTO_MAX, &inet_service_type, 16);
		if (nftnl_expr_is_set(e, NFTNL_EXPR_NAT_FLAGS))
			s->nat.flags = nftnl_expr_get_u32(e, NFTNL_EXPR_NAT_FLAGS);
	} else if (kind == NAT_REDIR) {
		s->nat.port = reg_range(c, e, NFTNL_EXPR_REDIR_REG_PROTO_MIN,
					NFTNL_EXPR_REDIR_REG_PROTO_MAX, &inet_service_type, 16);
		if (nftnl_expr_is_set(e, NFTNL_EXPR_REDIR_FLAGS))
			s->nat.flags = nftnl_expr_get_u32(e, NFTNL_EXPR_REDIR_FLAGS);
	} else {
		s->nat.port = reg_range(c, e, NFTNL_EXPR_MASQ_REG_PROTO_MIN,
					NFTNL_EXPR_MASQ_REG_PROTO_MAX, &inet_service_type, 16);
		if (nftnl_expr_is_set(e, NFTNL_EXPR_MASQ_FLAGS))
			s->nat.flags = nftnl_expr_get_u32(e, NFTNL_EXPR_MASQ_FLAGS);
	}
	s->nat.flags &= ~(NF_NAT_RANGE_MAP_IPS | NF_NAT_RANGE_PROTO_SPECIFIED);
	add_stmt(c, s);
}

/* The key a lookup or dynset reads: what the registers from @sreg on
 * hold, as many as the set's key has parts.  Matches the reference
 * added for the key's header fields are dropped. */
/* What a register holds as a set's key: its selector, masked by `&
 * value` unless the mask only cut a bit field out of its bytes. */
static struct expr *reg_key(const struct reg *r)
{
	const struct expr *sel = r->sel;
	struct expr *b;

	if (!sel)
		return NULL;
	if (!r->masked || is_bit_field(sel))
		return expr_clone(sel);
	b = expr_new(EXPR_BINOP, NULL);
	b->binop.op = OP_AND;
	b->binop.left = expr_clone(sel);
	b->binop.right = value_from(sel, r->mask, r->mask_len);
	b->dtype = sel->dtype;
	b->len = sel->len;
	b->byteorder = sel->byteorder;
	return b;
}

/* Whether register @r holds a key part as a rule for a lookup in @set
 * loads it: a bit field shifted down to its value or not as the set holds
 * it. */
static bool reg_key_fits(const struct reg *r, const struct set *set)
{
	return r->sel && r->field_shifted == (is_bit_field(r->sel) && bit_field_shift(r->sel) &&
					set_shifts_bit_fields(set));
}

static struct expr *set_key_from_regs(struct dl_ctx *c, const struct set *set, uint32_t sreg)
{
	const struct expr *part;
	struct expr *key, **tail;
	uint32_t r = sreg >= NFT_REG_1 && sreg <= NFT_REG_4 ?
		     NFT_REG32_00 + (sreg - NFT_REG_1) * 4 : sreg;

	if (set->key->kind != EXPR_CONCAT)
		return reg_key_fits(reg_of(c, r), set) ? reg_key(reg_of(c, r)) : NULL;
	key = expr_new(EXPR_CONCAT, NULL);
	tail = &key->set.elems;
	for (part = set->key->set.elems; part; part = part->next) {
		struct reg *rg = reg_of(c, r);

		if (!reg_key_fits(rg, set)) {
			expr_free(key);
			return NULL;
		}
		*tail = reg_key(rg);
		tail = &(*tail)->next;
		key->set.count++;
		r += (expr_bytes(part) + 3) / 4;
	}
	return key;
}

/* The protocol matches the parts of a set's key need: a vlan field's
 * ether type first, which the other parts of the key would keep. */
static void drop_key_deps(struct dl_ctx *c, const struct expr *key)
{
	struct expr none = { .kind = EXPR_SET_REF };
	const struct expr *part;
	int vlan_pass;

	for (vlan_pass = 1; vlan_pass >= 0; vlan_pass--) {
		part = key->kind == EXPR_CONCAT ? key->set.elems : key;
		for (; part; part = key->kind == EXPR_CONCAT ? part->next : NULL) {
			struct stmt probe = { .kind = STMT_MATCH };
			bool vlan = part->kind == EXPR_PAYLOAD && part->payload.desc == &proto_vlan;

			if (vlan != vlan_pass)
				continue;
			probe.match.op = OP_EQ;
			probe.match.left = (struct expr *)part;
			probe.match.right = &none;
			learn_and_drop_deps(c, &probe);
		}
	}
}

/* The statement of a kernel expression that keeps state; NULL for any other. */
static struct stmt *stateful_stmt_of(struct nftnl_expr *e)
{
	const char *name = nftnl_expr_get_str(e, NFTNL_EXPR_NAME);
	struct stmt *s = NULL;

	if (!strcmp(name, "counter")) {
		s = stmt_new(STMT_COUNTER, NULL);
		s->counter.packets = nftnl_expr_get_u64(e, NFTNL_EXPR_CTR_PACKETS);
		s->counter.bytes = nftnl_expr_get_u64(e, NFTNL_EXPR_CTR_BYTES);
	} else if (!strcmp(name, "limit")) {
		s = stmt_new(STMT_LIMIT, NULL);
		s->limit.rate = nftnl_expr_get_u64(e, NFTNL_EXPR_LIMIT_RATE);
		s->limit.unit = nftnl_expr_get_u64(e, NFTNL_EXPR_LIMIT_UNIT);
		s->limit.burst = nftnl_expr_get_u32(e, NFTNL_EXPR_LIMIT_BURST);
		s->limit.bytes = nftnl_expr_get_u32(e, NFTNL_EXPR_LIMIT_TYPE) == NFT_LIMIT_PKT_BYTES;
		s->limit.inverted = nftnl_expr_get_u32(e, NFTNL_EXPR_LIMIT_FLAGS) & NFT_LIMIT_F_INV;
	} else if (!strcmp(name, "quota")) {
		s = stmt_new(STMT_QUOTA, NULL);
		s->quota.bytes = nftnl_expr_get_u64(e, NFTNL_EXPR_QUOTA_BYTES);
		s->quota.used = nftnl_expr_get_u64(e, NFTNL_EXPR_QUOTA_CONSUMED);
		s->quota.inverted = nftnl_expr_get_u32(e, NFTNL_EXPR_QUOTA_FLAGS) & NFT_QUOTA_F_INV;
	} else if (!strcmp(name, "connlimit")) {
		s = stmt_new(STMT_CONNLIMIT, NULL);
		s->connlimit.count = nftnl_expr_get_u32(e, NFTNL_EXPR_CONNLIMIT_COUNT);
		s->connlimit.inverted = nftnl_expr_get_u32(e, NFTNL_EXPR_CONNLIMIT_FLAGS) &
					NFT_CONNLIMIT_F_INV;
	}
	return s;
}

/* One statement of the elements a dynset adds, at the tail @data points
 * to; -1 ends the walk at one ours does not know. */
static int dl_dynset_stmt(struct nftnl_expr *e, void *data)
{
	struct stmt ***tail = data, *s = stateful_stmt_of(e);

	if (!s)
		return -1;
	**tail = s;
	*tail = &s->next;
	return 0;
}

/* The reference to a meter's set, which holds what the listing says of it. */
static struct expr *meter_ref(const struct set *set)
{
	struct expr *ref = expr_new(EXPR_SET_REF, NULL);
	struct set *copy = xcalloc(1, sizeof(*copy));

	copy->name = xstrdup(set->name);
	copy->size = set->size;
	copy->flags = set->flags;
	copy->key = expr_clone(set->key);
	ref->set_ref.name = xstrdup("");
	ref->set_ref.set = copy;
	return ref;
}

/* The kernel's expressions that use a set: a lookup (a match, a vmap or
 * a map's value), a dynset, an objref by map; the attributes of the set's
 * name and of the key's register of each. */
enum set_user { USER_LOOKUP, USER_DYNSET, USER_OBJREF };

static const struct { uint16_t name, sreg; } set_user_attrs[] = {
	[USER_LOOKUP] = { NFTNL_EXPR_LOOKUP_SET, NFTNL_EXPR_LOOKUP_SREG },
	[USER_DYNSET] = { NFTNL_EXPR_DYNSET_SET_NAME, NFTNL_EXPR_DYNSET_SREG_KEY },
	[USER_OBJREF] = { NFTNL_EXPR_OBJREF_SET_NAME, NFTNL_EXPR_OBJREF_SET_SREG },
};

static void dl_set_use(struct dl_ctx *c, struct nftnl_expr *e, enum set_user user)
{
	const char *name = nftnl_expr_get_str(e, set_user_attrs[user].name);
	struct table *t = c->ctx->cache ? cache_find_table(c->ctx, c->family, c->table) : NULL;
	struct set *set = t && name ? cache_find_set(t, name) : NULL;
	bool dynset = user == USER_DYNSET;
	struct expr *key, *right;
	struct stmt *s, **tail;

	/* an operation this program has no word for, or an object of a
	 * map of no objects: another program's */
	if (!set || !set->key ||
	    (dynset && nftnl_expr_get_u32(e, NFTNL_EXPR_DYNSET_OP) > NFT_DYNSET_OP_DELETE) ||
	    (user == USER_OBJREF && !set->objtype)) {
		c->failed = true;
		return;
	}
	key = set_key_from_regs(c, set, nftnl_expr_get_u32(e, set_user_attrs[user].sreg));
	if (!key) {
		c->failed = true;
		return;
	}
	if (dynset && set_is_meter(set)) {
		right = meter_ref(set);
	} else if (set->flags & NFT_SET_ANONYMOUS) {
		set_key_of_rule(set, key);
		if (set_load_elems(c->ctx, set) < 0 || !set->elems) {
			expr_free(key);
			c->failed = true;
			return;
		}
		/* the reference's events leave a map of objects' intervals
		 * unpaired */
		right = c->ctx->events && set->objtype && set->flags & NFT_SET_INTERVAL ?
			elems_unpaired(set, set->elems) : elems_as_list(set, set->elems);
	} else {
		right = expr_new(EXPR_SET_REF, NULL);
		right->set_ref.name = xstrdup(name);
		/* the cache's, for what its declaration tells the statement */
		right->set_ref.set = set;
	}
	if (user == USER_OBJREF) {
		s = stmt_new(STMT_OBJREF, NULL);
		s->objref.type = set->objtype;
		s->objref.expr = expr_new(EXPR_MAP, NULL);
		s->objref.expr->map.key = key;
		s->objref.expr->map.set = right;
	} else if (dynset) {
		s = stmt_new(STMT_DYNSET, NULL);
		s->dynset.op = nftnl_expr_get_u32(e, NFTNL_EXPR_DYNSET_OP);
		s->dynset.set = right;
		s->dynset.key = key;
		s->dynset.timeout = nftnl_expr_get_u64(e, NFTNL_EXPR_DYNSET_TIMEOUT);
		if (nftnl_expr_is_set(e, NFTNL_EXPR_DYNSET_SREG_DATA)) {
			struct reg *r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_DYNSET_SREG_DATA));

			if (!set->data || (!r->data_len && !r->sel)) {
				stmt_free(s);
				c->failed = true;
				return;
			}
			s->dynset.data = r->data_len ? value_from(set->data, r->data, r->data_len) :
					 r->masked ? changed_value(r) : reg_held(r);
			if (!r->data_len)
				drop_key_deps(c, s->dynset.data);
		}
		tail = &s->dynset.stmts;
		if (nftnl_expr_expr_foreach(e, dl_dynset_stmt, &tail) < 0) {
			stmt_free(s);
			c->failed = true;
			return;
		}
	} else if (nftnl_expr_is_set(e, NFTNL_EXPR_LOOKUP_DREG)) {
		uint32_t dreg = nftnl_expr_get_u32(e, NFTNL_EXPR_LOOKUP_DREG);

		if (dreg != NFT_REG_VERDICT) {
			/* a value a statement after uses: key map { ... } */
			struct expr *m = expr_new(EXPR_MAP, NULL);

			m->map.key = key;
			m->map.set = right;
			m->dtype = set->data ? set->data->dtype : NULL;
			drop_key_deps(c, key);
			reg_set(reg_of(c, dreg), m);
			return;
		}
		s = stmt_new(STMT_VMAP, NULL);
		s->vmap.key = key;
		s->vmap.map = right;
	} else {
		s = stmt_new(STMT_MATCH, NULL);
		s->match.op = nftnl_expr_get_u32(e, NFTNL_EXPR_LOOKUP_FLAGS) & NFT_LOOKUP_F_INV ?
			      OP_NEQ : OP_EQ;
		s->match.left = key;
		s->match.right = right;
	}
	drop_key_deps(c, key);
	add_stmt(c, s);
}

/* dup and fwd take their gateway and device from immediates before. */
static void dl_dup(struct dl_ctx *c, struct nftnl_expr *e, bool fwd)
{
	struct stmt *s = stmt_new(fwd ? STMT_FWD : STMT_DUP, NULL);
	uint16_t dev_attr = fwd ? NFTNL_EXPR_FWD_SREG_DEV : NFTNL_EXPR_DUP_SREG_DEV;

	if (!fwd && nftnl_expr_is_set(e, NFTNL_EXPR_DUP_SREG_ADDR)) {
		const struct datatype *dt = c->family == NFPROTO_IPV6 ? &ipv6_type : &ipv4_type;

		s->dup.addr = reg_value(c, nftnl_expr_get_u32(e, NFTNL_EXPR_DUP_SREG_ADDR), dt,
					dt->size);
	}
	if (nftnl_expr_is_set(e, dev_attr)) {
		struct reg *r = reg_of(c, nftnl_expr_get_u32(e, dev_attr));

		s->dup.dev = value_new(NULL, &ifindex_type, BYTEORDER_HOST, 32);
		memcpy(s->dup.dev->value.data, r->data, 4);
	}
	add_stmt(c, s);
}

/* tproxy takes its address and port from immediates before; the family
 * is listed where the table's does not tell it. */
static void dl_tproxy(struct dl_ctx *c, struct nftnl_expr *e)
{
	struct stmt *s = stmt_new(STMT_TPROXY, NULL);

	s->tproxy.family = nftnl_expr_get_u32(e, NFTNL_EXPR_TPROXY_FAMILY);
	s->tproxy.family_listed = c->family == NFPROTO_INET && s->tproxy.family;
	if (nftnl_expr_is_set(e, NFTNL_EXPR_TPROXY_REG_ADDR)) {
		const struct datatype *dt = s->tproxy.family == NFPROTO_IPV6 ? &ipv6_type :
					    &ipv4_type;

		s->tproxy.addr = reg_value(c, nftnl_expr_get_u32(e, NFTNL_EXPR_TPROXY_REG_ADDR),
					   dt, dt->size);
	}
	if (nftnl_expr_is_set(e, NFTNL_EXPR_TPROXY_REG_PORT))
		s->tproxy.port = reg_value(c, nftnl_expr_get_u32(e, NFTNL_EXPR_TPROXY_REG_PORT),
					   &inet_service_type, 16);
	add_stmt(c, s);
}

/* A TCP option's field loaded, or written from a register. */
static void dl_exthdr(struct dl_ctx *c, struct nftnl_expr *e)
{
	uint32_t flags = nftnl_expr_get_u32(e, NFTNL_EXPR_EXTHDR_FLAGS);
	const struct tcpopt_field *f;
	struct expr *sel;
	struct stmt *s;
	struct reg *r;

	f = tcpopt_field_at(nftnl_expr_get_u8(e, NFTNL_EXPR_EXTHDR_TYPE),
			    nftnl_expr_get_u32(e, NFTNL_EXPR_EXTHDR_OFFSET),
			    nftnl_expr_get_u32(e, NFTNL_EXPR_EXTHDR_LEN));
	if (nftnl_expr_get_u32(e, NFTNL_EXPR_EXTHDR_OP) != NFT_EXTHDR_OP_TCPOPT || !f ||
	    (flags & NFT_EXTHDR_F_PRESENT) != !f->name) {
		c->failed = true;
		return;
	}
	sel = f->name ? selector_simple(EXPR_EXTHDR, &integer_type, f->len) :
	      selector_simple(EXPR_EXTHDR, &boolean_type, 8);
	sel->exthdr.field = f;
	sel->exthdr.present = !f->name;
	if (f->name)
		sel->byteorder = BYTEORDER_BIG;
	if (!nftnl_expr_is_set(e, NFTNL_EXPR_EXTHDR_SREG)) {
		reg_set(reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_EXTHDR_DREG)), sel);
		return;
	}
	r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_EXTHDR_SREG));
	if (!r->data_len && (!r->sel || r->masked)) {
		expr_free(sel);
		c->failed = true;
		return;
	}
	s = stmt_new(STMT_EXTHDR_SET, NULL);
	s->set.key = sel;
	/* a value, or what a selector loaded: ... size set rt mtu */
	s->set.value = r->data_len ? value_from(sel, r->data, r->data_len) : expr_clone(r->sel);
	add_stmt(c, s);
}

/* What jhash hashed: the selector of register @sreg, or the parts of a
 * concatenation in the 32-bit registers from there, @len bytes of them. */
static struct expr *hashed_expr(struct dl_ctx *c, uint32_t sreg, uint32_t len)
{
	struct reg *r = reg_of(c, sreg);
	struct expr *concat, **tail;
	unsigned int done = 0;

	if (!r->sel) {
		c->failed = true;
		return NULL;
	}
	if (expr_bytes(r->sel) >= len)
		return expr_clone(r->sel);
	concat = expr_new(EXPR_CONCAT, NULL);
	tail = &concat->set.elems;
	while (done < len) {
		if (r > &c->regs[NFT_REG32_15] || !r->sel) {
			expr_free(concat);
			c->failed = true;
			return NULL;
		}
		*tail = expr_clone(r->sel);
		tail = &(*tail)->next;
		concat->set.count++;
		done += (expr_bytes(r->sel) + 3) / 4 * 4;
		r += (expr_bytes(r->sel) + 3) / 4;
	}
	return concat;
}

/* A shift of register @r that holds a bit field: its masked load shifted
 * down to its value, as the reference loads a set's key; no other shift. */
static void dl_field_shift(struct dl_ctx *c, struct reg *r, struct nftnl_expr *e)
{
	const uint32_t *shift;
	uint32_t len;

	shift = nftnl_expr_get(e, NFTNL_EXPR_BITWISE_DATA, &len);
	if (nftnl_expr_get_u32(e, NFTNL_EXPR_BITWISE_OP) != NFT_BITWISE_RSHIFT ||
	    !shift || len != sizeof(*shift) || !r->masked || r->field_shifted ||
	    *shift != bit_field_shift(r->sel) ||
	    nftnl_expr_get_u32(e, NFTNL_EXPR_BITWISE_LEN) != r->load_len ||
	    reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_BITWISE_DREG)) != r) {
		c->failed = true;
		return;
	}
	r->field_shifted = true;
}

static int dl_expr(struct nftnl_expr *e, void *data)
{
	struct dl_ctx *c = data;
	const char *name = nftnl_expr_get_str(e, NFTNL_EXPR_NAME);
	struct stmt *s;
	struct reg *r;
	uint32_t len;

	if (c->failed)
		return 0;
	if (!strcmp(name, "payload")) {
		unsigned int plen = nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_LEN);

		if (nftnl_expr_is_set(e, NFTNL_EXPR_PAYLOAD_SREG)) {
			dl_payload_write(c, e);
			return 0;
		}

		r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_DREG));
		reg_set(r, NULL);
		r->load_len = plen;
		/* the field is known once a mask tells bit fields apart */
		r->sel = payload_selector(c, nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_BASE),
					  nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_OFFSET), plen,
					  NULL);

		r->base = nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_BASE);
		r->offset = nftnl_expr_get_u32(e, NFTNL_EXPR_PAYLOAD_OFFSET);
		/* no field this long here: several, which the compare splits */
	} else if (!strcmp(name, "bitwise")) {
		const void *mask;

		const void *xor;
		uint32_t xor_len;

		r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_BITWISE_SREG));
		if (nftnl_expr_is_set(e, NFTNL_EXPR_BITWISE_OP) &&
		    (nftnl_expr_get_u32(e, NFTNL_EXPR_BITWISE_OP) == NFT_BITWISE_LSHIFT ||
		     nftnl_expr_get_u32(e, NFTNL_EXPR_BITWISE_OP) == NFT_BITWISE_RSHIFT)) {
			if (r->sel && is_bit_field(r->sel))
				dl_field_shift(c, r, e);
			else
				dl_shift(c, r, e, nftnl_expr_get_u32(e, NFTNL_EXPR_BITWISE_OP) ==
						  NFT_BITWISE_LSHIFT ? OP_LSHIFT : OP_RSHIFT);
			return 0;
		}
		mask = nftnl_expr_get(e, NFTNL_EXPR_BITWISE_MASK, &len);
		xor = nftnl_expr_get(e, NFTNL_EXPR_BITWISE_XOR, &xor_len);
		/* bytes loaded for a rewrite need not be one field */
		if ((!r->sel && !r->load_len) || !mask || len > VALUE_MAX_BYTES) {
			c->failed = true;
			return 0;
		}
		if (xor && xor_len == len)
			memcpy(r->xor, xor, len);
		if (r->sel && r->sel->kind == EXPR_PAYLOAD) {
			unsigned int which = mask_field(mask, len);
			struct expr *sel = payload_selector(c, r->base, r->offset,
							    r->load_len, &which);

			if (sel) {
				expr_free(r->sel);
				r->sel = sel;
			}
		}
		memcpy(r->mask, mask, len);
		r->mask_len = len;
		r->masked = true;
	} else if (!strcmp(name, "byteorder")) {
		r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_BYTEORDER_SREG));
		r->swapped = true;
	} else if (!strcmp(name, "cmp")) {
		dl_cmp(c, e);
	} else if (!strcmp(name, "range")) {
		const void *from, *to;
		uint32_t tlen;
		struct expr *range;

		r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_RANGE_SREG));
		from = nftnl_expr_get(e, NFTNL_EXPR_RANGE_FROM_DATA, &len);
		to = nftnl_expr_get(e, NFTNL_EXPR_RANGE_TO_DATA, &tlen);
		if (!r->sel || !from || !to || r->field_shifted) {
			c->failed = true;
			return 0;
		}
		range = expr_new(EXPR_RANGE, NULL);
		range->range.low = field_value(r, from, len);
		range->range.high = field_value(r, to, tlen);
		range->dtype = r->sel->dtype;
		s = stmt_new(STMT_MATCH, NULL);
		s->match.op = nftnl_expr_get_u32(e, NFTNL_EXPR_RANGE_OP) == NFT_RANGE_NEQ ?
			      OP_NEQ : OP_EQ;
		s->match.left = expr_clone(r->sel);
		s->match.right = range;
		add_stmt(c, s);
	} else if (!strcmp(name, "meta")) {
		if (nftnl_expr_is_set(e, NFTNL_EXPR_META_SREG)) {
			dl_set(c, selector_meta(nftnl_expr_get_u32(e, NFTNL_EXPR_META_KEY)),
			       nftnl_expr_get_u32(e, NFTNL_EXPR_META_SREG));
			return 0;
		}
		r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_META_DREG));
		reg_set(r, selector_meta(nftnl_expr_get_u32(e, NFTNL_EXPR_META_KEY)));
		if (!r->sel)
			c->failed = true;
	} else if (!strcmp(name, "ct")) {
		if (nftnl_expr_is_set(e, NFTNL_EXPR_CT_SREG)) {
			dl_set(c, selector_ct(c, e), nftnl_expr_get_u32(e, NFTNL_EXPR_CT_SREG));
			return 0;
		}
		r = reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_CT_DREG));
		reg_set(r, selector_ct(c, e));
		if (!r->sel)
			c->failed = true;
	} else if (!strcmp(name, "rt")) {
		struct expr *sel;
		uint32_t key = nftnl_expr_get_u32(e, NFTNL_EXPR_RT_KEY);

		sel = key == NFT_RT_CLASSID ? selector_simple(EXPR_RT, &realm_type, 32) :
		      key == NFT_RT_NEXTHOP4 ? selector_simple(EXPR_RT, &ipv4_type, 32) :
		      key == NFT_RT_NEXTHOP6 ? selector_simple(EXPR_RT, &ipv6_type, 128) :
		      selector_simple(EXPR_RT, &integer_type, 16);
		if (key == NFT_RT_NEXTHOP4 || key == NFT_RT_NEXTHOP6)
			sel->byteorder = BYTEORDER_BIG;
		sel->rt.key = key;
		reg_set(reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_RT_DREG)), sel);
	} else if (!strcmp(name, "fib")) {
		struct expr *sel = fib_expr_new(nftnl_expr_get_u32(e, NFTNL_EXPR_FIB_RESULT),
						nftnl_expr_get_u32(e, NFTNL_EXPR_FIB_FLAGS), NULL);

		reg_set(reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_FIB_DREG)), sel);
	} else if (!strcmp(name, "numgen")) {
		struct expr *sel = selector_simple(EXPR_NUMGEN, &integer_type, 32);

		sel->numgen.type = nftnl_expr_get_u32(e, NFTNL_EXPR_NG_TYPE);
		sel->numgen.mod = nftnl_expr_get_u32(e, NFTNL_EXPR_NG_MODULUS);
		sel->numgen.offset = nftnl_expr_get_u32(e, NFTNL_EXPR_NG_OFFSET);
		reg_set(reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_NG_DREG)), sel);
	} else if (!strcmp(name, "hash")) {
		struct expr *sel = selector_simple(EXPR_HASH, &integer_type, 32);

		sel->hash.type = nftnl_expr_get_u32(e, NFTNL_EXPR_HASH_TYPE);
		sel->hash.mod = nftnl_expr_get_u32(e, NFTNL_EXPR_HASH_MODULUS);
		sel->hash.seed = nftnl_expr_get_u32(e, NFTNL_EXPR_HASH_SEED);
		sel->hash.seed_set = sel->hash.seed != 0;
		sel->hash.offset = nftnl_expr_get_u32(e, NFTNL_EXPR_HASH_OFFSET);
		if (sel->hash.type == NFT_HASH_JENKINS)
			sel->hash.arg = hashed_expr(c, nftnl_expr_get_u32(e, NFTNL_EXPR_HASH_SREG),
						    nftnl_expr_get_u32(e, NFTNL_EXPR_HASH_LEN));
		reg_set(reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_HASH_DREG)), sel);
	} else if (!strcmp(name, "exthdr")) {
		dl_exthdr(c, e);
	} else if (!strcmp(name, "socket")) {
		uint32_t key = nftnl_expr_get_u32(e, NFTNL_EXPR_SOCKET_KEY);
		struct expr *sel = key == NFT_SOCKET_MARK ?
				   selector_simple(EXPR_SOCKET, &mark_type, 32) :
				   selector_simple(EXPR_SOCKET, &integer_type, 1);

		sel->socket.key = key;
		reg_set(reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_SOCKET_DREG)), sel);
	} else if (!strcmp(name, "osf")) {
		reg_set(reg_of(c, nftnl_expr_get_u32(e, NFTNL_EXPR_OSF_DREG)),
			osf_expr_new(nftnl_expr_get_u8(e, NFTNL_EXPR_OSF_TTL),
				     nftnl_expr_get_u32(e, NFTNL_EXPR_OSF_FLAGS), NULL));
	} else if (!strcmp(name, "tproxy")) {
		dl_tproxy(c, e);
	} else if (!strcmp(name, "immediate")) {
		dl_immediate(c, e);
	} else if ((s = stateful_stmt_of(e))) {
		add_stmt(c, s);
	} else if (!strcmp(name, "notrack")) {
		add_stmt(c, stmt_new(STMT_NOTRACK, NULL));
	} else if (!strcmp(name, "log")) {
		s = stmt_new(STMT_LOG, NULL);
		if (nftnl_expr_is_set(e, NFTNL_EXPR_LOG_PREFIX)) {
			s->log.prefix = xstrdup(nftnl_expr_get_str(e, NFTNL_EXPR_LOG_PREFIX));
			s->log.present |= 1 << NFTNL_EXPR_LOG_PREFIX;
		}
#define LOG_ATTR(attr, field, getter)                                         \
		if (nftnl_expr_is_set(e, attr)) {                             \
			s->log.field = getter(e, attr);                       \
			s->log.present |= 1 << attr;                          \
		}
		LOG_ATTR(NFTNL_EXPR_LOG_GROUP, group, nftnl_expr_get_u16)
		LOG_ATTR(NFTNL_EXPR_LOG_SNAPLEN, snaplen, nftnl_expr_get_u32)
		LOG_ATTR(NFTNL_EXPR_LOG_QTHRESHOLD, qthreshold, nftnl_expr_get_u16)
		LOG_ATTR(NFTNL_EXPR_LOG_LEVEL, level, nftnl_expr_get_u32)
		LOG_ATTR(NFTNL_EXPR_LOG_FLAGS, flags, nftnl_expr_get_u32)
#undef LOG_ATTR
		add_stmt(c, s);
	} else if (!strcmp(name, "reject")) {
		s = stmt_new(STMT_REJECT, NULL);
		s->reject.type = nftnl_expr_get_u32(e, NFTNL_EXPR_REJECT_TYPE);
		s->reject.icmp_code = nftnl_expr_get_u8(e, NFTNL_EXPR_REJECT_CODE);
		s->reject.code_type = c->layer[LAYER_NETWORK] == &proto_ip6 ? &icmpv6_code_type :
				      &icmp_code_type;
		s->reject.code_listed = c->family != NFPROTO_IPV4 && c->family != NFPROTO_IPV6;
		/* the version or protocol the reference matched for this reject */
		if (s->reject.type == NFT_REJECT_ICMP_UNREACH && c->dep[LAYER_NETWORK] &&
		    s->reject.code_listed)
			drop_stmt(c, c->dep[LAYER_NETWORK]);
		else if (s->reject.type == NFT_REJECT_TCP_RST && c->dep[LAYER_TRANSPORT] &&
			 !s->reject.code_listed)
			drop_stmt(c, c->dep[LAYER_TRANSPORT]);
		add_stmt(c, s);
	} else if (!strcmp(name, "dup") || !strcmp(name, "fwd")) {
		dl_dup(c, e, !strcmp(name, "fwd"));
	} else if (!strcmp(name, "masq")) {
		dl_nat(c, e, NAT_MASQ);
	} else if (!strcmp(name, "redir")) {
		dl_nat(c, e, NAT_REDIR);
	} else if (!strcmp(name, "nat")) {
		dl_nat(c, e, NAT_SNAT);
	} else if (!strcmp(name, "lookup")) {
		dl_set_use(c, e, USER_LOOKUP);
	} else if (!strcmp(name, "dynset")) {
		dl_set_use(c, e, USER_DYNSET);
	} else if (!strcmp(name, "objref") && nftnl_expr_is_set(e, NFTNL_EXPR_OBJREF_SET_NAME)) {
		dl_set_use(c, e, USER_OBJREF);
	} else if (!strcmp(name, "objref") &&
		   obj_kind_of(nftnl_expr_get_u32(e, NFTNL_EXPR_OBJREF_IMM_TYPE)) &&
		   nftnl_expr_is_set(e, NFTNL_EXPR_OBJREF_IMM_NAME)) {
		/* only the kinds of object ours can name, by name */
		s = stmt_new(STMT_OBJREF, NULL);
		s->objref.type = nftnl_expr_get_u32(e, NFTNL_EXPR_OBJREF_IMM_TYPE);
		s->objref.name = xstrdup(nftnl_expr_get_str(e, NFTNL_EXPR_OBJREF_IMM_NAME));
		add_stmt(c, s);
	} else if (!strcmp(name, "flow_offload") &&
		   nftnl_expr_is_set(e, NFTNL_EXPR_FLOW_TABLE_NAME)) {
		s = stmt_new(STMT_FLOW_OFFLOAD, NULL);
		s->flow.flowtable = xstrdup(nftnl_expr_get_str(e, NFTNL_EXPR_FLOW_TABLE_NAME));
		add_stmt(c, s);
	} else if (!strcmp(name, "synproxy")) {
		s = stmt_new(STMT_SYNPROXY, NULL);
		s->synproxy.mss = nftnl_expr_get_u16(e, NFTNL_EXPR_SYNPROXY_MSS);
		s->synproxy.wscale = nftnl_expr_get_u8(e, NFTNL_EXPR_SYNPROXY_WSCALE);
		s->synproxy.flags = nftnl_expr_get_u32(e, NFTNL_EXPR_SYNPROXY_FLAGS);
		add_stmt(c, s);
	} else if (!strcmp(name, "queue")) {
		dl_queue(c, e);
	} else {
		c->failed = true;
	}
	return 0;
}

struct rule *delinearize_rule(struct nft_ctx *ctx, const struct nftnl_rule *nlr,
			      unsigned int family)
{
	struct dl_ctx c = { .family = family, .ctx = ctx };
	unsigned int i;
	const void *ud;
	uint32_t len;

	c.table = nftnl_rule_get_str(nlr, NFTNL_RULE_TABLE);
	c.rule = xcalloc(1, sizeof(*c.rule));
	c.tail = &c.rule->stmts;
	if (family == NFPROTO_IPV4)
		c.layer[LAYER_NETWORK] = &proto_ip;
	else if (family == NFPROTO_IPV6)
		c.layer[LAYER_NETWORK] = &proto_ip6;
	else if (family == NFPROTO_ARP)
		c.layer[LAYER_NETWORK] = &proto_arp;
	if (family == NFPROTO_BRIDGE || family == NFPROTO_NETDEV)
		c.layer[LAYER_LL] = &proto_ether;
	nftnl_expr_foreach((struct nftnl_rule *)nlr, dl_expr, &c);
	for (i = 0; i < ARRAY_SIZE(c.regs); i++)
		reg_set(&c.regs[i], NULL);
	ud = nftnl_rule_get_data(nlr, NFTNL_RULE_USERDATA, &len);
	c.rule->comment = udata_comment(ud, len, NFTNL_UDATA_RULE_COMMENT);
	if (c.failed) {
		rule_free(c.rule);
		return NULL;
	}
	return c.rule;
}
