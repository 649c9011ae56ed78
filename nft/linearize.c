// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Linearization: an evaluated rule into the kernel's register machine,
 * as libnftnl expressions.  Each match loads its selector into register
 * 1 and compares; the forms follow the reference's, so that a rule loads
 * the same whichever program added it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_nat.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <libnftnl/udata.h>

#include <nlkit/util.h>

#include "ast.h"

static struct nftnl_expr *expr_alloc(const char *name)
{
	struct nftnl_expr *e = nftnl_expr_alloc(name);

	if (!e) {
		fprintf(stderr, "nft: out of memory\n");
		exit(1);
	}
	return e;
}

static struct nftnl_expr *add_expr(struct nftnl_rule *nlr, const char *name)
{
	struct nftnl_expr *e = expr_alloc(name);

	nftnl_rule_add_expr(nlr, e);
	return e;
}

/* Where a payload field sits in whole bytes, and its bits within them. */
struct field_span {
	unsigned int offset, len;	/* bytes to load */
	unsigned int shift;		/* bits right of the field */
	bool partial;			/* the field does not fill its bytes */
};

static struct field_span payload_span(const struct expr *e)
{
	struct field_span sp;
	unsigned int first = e->payload.offset % 8;

	sp.offset = e->payload.offset / 8;
	sp.len = (first + e->len + 7) / 8;
	sp.shift = sp.len * 8 - first - e->len;
	sp.partial = first || e->len % 8;
	return sp;
}

static void load_payload(struct nftnl_rule *nlr, const struct expr *e, unsigned int len,
			 unsigned int dreg)
{
	struct nftnl_expr *x = add_expr(nlr, "payload");
	struct field_span sp = payload_span(e);

	nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_DREG, dreg);
	nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_BASE, e->payload.base);
	nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_OFFSET, sp.offset);
	nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_LEN, len ? len : sp.len);
}

static void load_selector(struct nftnl_rule *nlr, const struct expr *e, unsigned int len,
			  unsigned int dreg);

/* Which bytes of which TCP option an exthdr expression reads or writes. */
static void set_tcpopt(struct nftnl_expr *x, const struct expr *e)
{
	nftnl_expr_set_u32(x, NFTNL_EXPR_EXTHDR_OP, NFT_EXTHDR_OP_TCPOPT);
	nftnl_expr_set_u8(x, NFTNL_EXPR_EXTHDR_TYPE, e->exthdr.field->type);
	nftnl_expr_set_u32(x, NFTNL_EXPR_EXTHDR_OFFSET, e->exthdr.field->offset);
	nftnl_expr_set_u32(x, NFTNL_EXPR_EXTHDR_LEN, e->len / 8);
}

/* What jhash hashes, from register 2 on: a concatenation's parts one
 * after another in 32-bit registers, as the reference loads them.  The
 * bytes they take. */
static unsigned int load_hashed(struct nftnl_rule *nlr, const struct expr *arg)
{
	const struct expr *part;
	unsigned int words = 0;

	if (arg->kind != EXPR_CONCAT) {
		load_selector(nlr, arg, 0, NFT_REG_2);
		return expr_bytes(arg);
	}
	for (part = arg->set.elems; part; part = part->next) {
		load_selector(nlr, part, 0, words ? NFT_REG32_04 + words : NFT_REG_2);
		words += (expr_bytes(part) + 3) / 4;
	}
	return words * 4;
}

static void load_selector(struct nftnl_rule *nlr, const struct expr *e, unsigned int len,
			  unsigned int dreg)
{
	struct nftnl_expr *x;

	switch (e->kind) {
	case EXPR_PAYLOAD:
		load_payload(nlr, e, len, dreg);
		break;
	case EXPR_META:
		x = add_expr(nlr, "meta");
		nftnl_expr_set_u32(x, NFTNL_EXPR_META_KEY, e->meta.key->key);
		nftnl_expr_set_u32(x, NFTNL_EXPR_META_DREG, dreg);
		break;
	case EXPR_CT:
		x = add_expr(nlr, "ct");
		nftnl_expr_set_u32(x, NFTNL_EXPR_CT_KEY, e->ct.key->key);
		nftnl_expr_set_u32(x, NFTNL_EXPR_CT_DREG, dreg);
		if (e->ct.dir >= 0)
			nftnl_expr_set_u8(x, NFTNL_EXPR_CT_DIR, e->ct.dir);
		break;
	case EXPR_RT:
		x = add_expr(nlr, "rt");
		nftnl_expr_set_u32(x, NFTNL_EXPR_RT_KEY, e->rt.key);
		nftnl_expr_set_u32(x, NFTNL_EXPR_RT_DREG, dreg);
		break;
	case EXPR_FIB:
		x = add_expr(nlr, "fib");
		nftnl_expr_set_u32(x, NFTNL_EXPR_FIB_FLAGS, e->fib.flags);
		nftnl_expr_set_u32(x, NFTNL_EXPR_FIB_RESULT, e->fib.result);
		nftnl_expr_set_u32(x, NFTNL_EXPR_FIB_DREG, dreg);
		break;
	case EXPR_NUMGEN:
		x = add_expr(nlr, "numgen");
		nftnl_expr_set_u32(x, NFTNL_EXPR_NG_DREG, dreg);
		nftnl_expr_set_u32(x, NFTNL_EXPR_NG_MODULUS, e->numgen.mod);
		nftnl_expr_set_u32(x, NFTNL_EXPR_NG_TYPE, e->numgen.type);
		nftnl_expr_set_u32(x, NFTNL_EXPR_NG_OFFSET, e->numgen.offset);
		break;
	case EXPR_HASH: {
		unsigned int hashed = 0;

		if (e->hash.arg)
			hashed = load_hashed(nlr, e->hash.arg);
		x = add_expr(nlr, "hash");
		if (e->hash.arg) {
			nftnl_expr_set_u32(x, NFTNL_EXPR_HASH_SREG, NFT_REG_2);
			nftnl_expr_set_u32(x, NFTNL_EXPR_HASH_LEN, hashed);
		}
		nftnl_expr_set_u32(x, NFTNL_EXPR_HASH_DREG, dreg);
		nftnl_expr_set_u32(x, NFTNL_EXPR_HASH_MODULUS, e->hash.mod);
		if (e->hash.seed_set)
			nftnl_expr_set_u32(x, NFTNL_EXPR_HASH_SEED, e->hash.seed);
		nftnl_expr_set_u32(x, NFTNL_EXPR_HASH_OFFSET, e->hash.offset);
		nftnl_expr_set_u32(x, NFTNL_EXPR_HASH_TYPE, e->hash.type);
		break;
	}
	case EXPR_EXTHDR:
		x = add_expr(nlr, "exthdr");
		nftnl_expr_set_u32(x, NFTNL_EXPR_EXTHDR_DREG, dreg);
		set_tcpopt(x, e);
		/* sent even when none, as the reference sends it */
		nftnl_expr_set_u32(x, NFTNL_EXPR_EXTHDR_FLAGS,
				   e->exthdr.present ? NFT_EXTHDR_F_PRESENT : 0);
		break;
	case EXPR_SOCKET:
		x = add_expr(nlr, "socket");
		nftnl_expr_set_u32(x, NFTNL_EXPR_SOCKET_KEY, e->socket.key);
		nftnl_expr_set_u32(x, NFTNL_EXPR_SOCKET_DREG, dreg);
		nftnl_expr_set_u32(x, NFTNL_EXPR_SOCKET_LEVEL, e->socket.level);
		break;
	case EXPR_OSF:
		x = add_expr(nlr, "osf");
		nftnl_expr_set_u32(x, NFTNL_EXPR_OSF_DREG, dreg);
		nftnl_expr_set_u8(x, NFTNL_EXPR_OSF_TTL, e->osf.ttl);
		if (e->osf.flags)
			nftnl_expr_set_u32(x, NFTNL_EXPR_OSF_FLAGS, e->osf.flags);
		break;
	default:
		break;
	}
}

/* reg = (reg & mask) ^ xor, with no xor (NULL) as zeros.  The kernel
 * takes a missing operation as this one; the reference names it but in
 * the test of flags (see add_flags_mask()). */
static struct nftnl_expr *add_mask_xor(struct nftnl_rule *nlr, unsigned int reg,
				       const uint8_t *mask, const uint8_t *xor, unsigned int len)
{
	struct nftnl_expr *x = add_expr(nlr, "bitwise");
	static const uint8_t zero[VALUE_MAX_BYTES];

	nftnl_expr_set_u32(x, NFTNL_EXPR_BITWISE_SREG, reg);
	nftnl_expr_set_u32(x, NFTNL_EXPR_BITWISE_DREG, reg);
	nftnl_expr_set_u32(x, NFTNL_EXPR_BITWISE_LEN, len);
	nftnl_expr_set(x, NFTNL_EXPR_BITWISE_MASK, mask, len);
	nftnl_expr_set(x, NFTNL_EXPR_BITWISE_XOR, xor ? xor : zero, len);
	return x;
}

static void add_bitwise_xor(struct nftnl_rule *nlr, unsigned int reg, const uint8_t *mask,
			    const uint8_t *xor, unsigned int len)
{
	nftnl_expr_set_u32(add_mask_xor(nlr, reg, mask, xor, len), NFTNL_EXPR_BITWISE_OP,
			   NFT_BITWISE_BOOL);
}

static void add_bitwise(struct nftnl_rule *nlr, unsigned int reg, const uint8_t *mask,
			unsigned int len)
{
	add_bitwise_xor(nlr, reg, mask, NULL, len);
}

/* The mask of a test of flags (ct state established,related): any of
 * them set. */
static void add_flags_mask(struct nftnl_rule *nlr, const uint8_t *mask, unsigned int len)
{
	add_mask_xor(nlr, NFT_REG_1, mask, NULL, len);
}

static void add_cmp(struct nftnl_rule *nlr, enum nft_cmp_ops op, const uint8_t *data,
		    unsigned int len)
{
	struct nftnl_expr *x = add_expr(nlr, "cmp");

	nftnl_expr_set_u32(x, NFTNL_EXPR_CMP_SREG, NFT_REG_1);
	nftnl_expr_set_u32(x, NFTNL_EXPR_CMP_OP, op);
	nftnl_expr_set(x, NFTNL_EXPR_CMP_DATA, data, len);
}

void add_byteorder(struct nftnl_rule *nlr, unsigned int reg, unsigned int len)
{
	struct nftnl_expr *x = add_expr(nlr, "byteorder");

	nftnl_expr_set_u32(x, NFTNL_EXPR_BYTEORDER_SREG, reg);
	nftnl_expr_set_u32(x, NFTNL_EXPR_BYTEORDER_DREG, reg);
	nftnl_expr_set_u32(x, NFTNL_EXPR_BYTEORDER_OP, NFT_BYTEORDER_HTON);
	nftnl_expr_set_u32(x, NFTNL_EXPR_BYTEORDER_LEN, len);
	/* swapped in numbers of the value's width, of 64 bits at most (a
	 * conntrack label's 128 bits: two of them) */
	nftnl_expr_set_u32(x, NFTNL_EXPR_BYTEORDER_SIZE, len > 8 ? 8 : len);
}

/* @v's bytes as the register holds them after the load (and the shift
 * of a partial field into its place). */
static void register_bytes(const struct expr *key, const struct expr *v, uint8_t *out,
			   unsigned int *len, bool to_big)
{
	struct field_span sp;
	uint64_t x;
	unsigned int i;

	memset(out, 0, VALUE_MAX_BYTES);
	if (key->kind == EXPR_PAYLOAD && (sp = payload_span(key)).partial) {
		x = value_u64(v) << sp.shift;
		for (i = 0; i < sp.len; i++)
			out[sp.len - 1 - i] = x >> (8 * i);
		*len = sp.len;
		return;
	}
	*len = expr_bytes(key);
	if (to_big && v->byteorder == BYTEORDER_HOST && *len > 1) {
		for (i = 0; i < *len; i++)
			out[i] = v->value.data[*len - 1 - i];
		return;
	}
	memcpy(out, v->value.data, *len);
}

static void field_mask(const struct expr *key, uint8_t *mask, unsigned int *len)
{
	struct field_span sp = payload_span(key);
	uint64_t m = ((1ULL << key->len) - 1) << sp.shift;
	unsigned int i;

	memset(mask, 0, VALUE_MAX_BYTES);
	for (i = 0; i < sp.len; i++)
		mask[sp.len - 1 - i] = m >> (8 * i);
	*len = sp.len;
}

/*
 * The one mask and xor a chain of & | ^ values down to selector @key folds
 * into, as the kernel's bitwise takes them (x & a | b is x & (a & ~b) ^ b);
 * in the bytes the selector's load holds.
 */
static void fold_binop(const struct expr *key, const struct expr *b, uint8_t *mask, uint8_t *xor)
{
	uint8_t d[VALUE_MAX_BYTES];
	unsigned int len, i;

	register_bytes(key, b->binop.right, d, &len, false);
	for (i = 0; i < len; i++) {
		switch (b->binop.op) {
		case OP_AND:
			mask[i] &= d[i];
			xor[i] &= d[i];
			break;
		case OP_OR:
			mask[i] &= ~d[i];
			xor[i] |= d[i];
			break;
		default:
			xor[i] ^= d[i];
			break;
		}
	}
}

static unsigned int fold_start(const struct expr *key, uint8_t *mask, uint8_t *xor)
{
	unsigned int len;

	if (key->kind == EXPR_PAYLOAD && payload_span(key).partial) {
		field_mask(key, mask, &len);
	} else {
		len = expr_bytes(key);
		memset(mask, 0xff, VALUE_MAX_BYTES);
	}
	memset(xor, 0, VALUE_MAX_BYTES);
	return len;
}

static void fold_binops(const struct expr *key, const struct expr *chain, uint8_t *mask,
			uint8_t *xor, unsigned int *len)
{
	const struct expr *ops[16];
	unsigned int n = 0;

	for (; chain->kind == EXPR_BINOP && n < ARRAY_SIZE(ops); chain = chain->binop.left)
		ops[n++] = chain;
	*len = fold_start(key, mask, xor);
	while (n--)
		fold_binop(key, ops[n], mask, xor);
}

/* reg shifted by @bits: the kernel takes the bits as a number of the
 * host's order, and shifts the @len bytes in 32-bit words of that order. */
static void add_shift(struct nftnl_rule *nlr, unsigned int reg, enum op op, uint32_t bits,
		      unsigned int len)
{
	struct nftnl_expr *x = add_expr(nlr, "bitwise");

	nftnl_expr_set_u32(x, NFTNL_EXPR_BITWISE_SREG, reg);
	nftnl_expr_set_u32(x, NFTNL_EXPR_BITWISE_DREG, reg);
	nftnl_expr_set_u32(x, NFTNL_EXPR_BITWISE_OP,
			   op == OP_LSHIFT ? NFT_BITWISE_LSHIFT : NFT_BITWISE_RSHIFT);
	nftnl_expr_set_u32(x, NFTNL_EXPR_BITWISE_LEN, len);
	nftnl_expr_set(x, NFTNL_EXPR_BITWISE_DATA, &bits, sizeof(bits));
}

/* A set's key: the selector, masked to a bit field (and then shifted
 * down to its value when @shift_down) or by `& value`. */
void load_selector_into(struct nftnl_rule *nlr, const struct expr *e, unsigned int dreg,
			bool shift_down)
{
	const struct expr *sel = e->kind == EXPR_BINOP ? e->binop.left : e;
	uint8_t mask[VALUE_MAX_BYTES];
	struct field_span sp;
	unsigned int len;

	load_selector(nlr, sel, 0, dreg);
	if (e->kind == EXPR_BINOP) {
		register_bytes(sel, e->binop.right, mask, &len, false);
		add_bitwise(nlr, dreg, mask, len);
	} else if (sel->kind == EXPR_PAYLOAD && (sp = payload_span(sel)).partial) {
		field_mask(sel, mask, &len);
		add_bitwise(nlr, dreg, mask, len);
		if (shift_down && sp.shift)
			add_shift(nlr, dreg, OP_RSHIFT, sp.shift, sp.len);
	}
}

static const enum nft_cmp_ops cmp_ops[] = {
	[OP_EQ] = NFT_CMP_EQ, [OP_NEQ] = NFT_CMP_NEQ, [OP_LT] = NFT_CMP_LT,
	[OP_GT] = NFT_CMP_GT, [OP_LTE] = NFT_CMP_LTE, [OP_GTE] = NFT_CMP_GTE,
};

static int linearize_match(struct nftnl_rule *nlr, const struct stmt *s)
{
	const struct expr *left = s->match.left, *right = s->match.right, *key = left;
	const struct expr *chain = left;
	uint8_t data[VALUE_MAX_BYTES], mask[VALUE_MAX_BYTES], xor[VALUE_MAX_BYTES];
	uint8_t moved[VALUE_MAX_BYTES];
	unsigned int len, mlen, i;
	bool partial;
	bool ordered = s->match.op != OP_EQ && s->match.op != OP_NEQ;

	if (right->kind == EXPR_SET_REF)
		return linearize_lookup(nlr, s);
	while (key->kind == EXPR_BINOP)
		key = key->binop.left;
	partial = key->kind == EXPR_PAYLOAD && payload_span(key).partial;

	if (right->kind == EXPR_PREFIX &&
	    (key->kind == EXPR_PAYLOAD || is_string_type(key->dtype) ||
	     (key->dtype->flags & TYPE_F_PREFIX)) && !partial &&
	    (key->byteorder != BYTEORDER_HOST || is_string_type(key->dtype)) &&
	    right->prefix.plen % 8 == 0 && right->prefix.plen > 0 && left == key) {
		/* A whole-byte prefix (or "eth*") compares only the bytes it
		 * fixes, the first ones: a number of the host's order has its
		 * leading bytes last, and is masked. */
		len = right->prefix.plen / 8;
		load_selector(nlr, key, len, NFT_REG_1);
		add_cmp(nlr, cmp_ops[s->match.op], right->prefix.expr->value.data, len);
		return 0;
	}
	load_selector(nlr, key, 0, NFT_REG_1);
	/* x ^ a == b is x == b ^ a, as the reference compares it */
	memset(moved, 0, sizeof(moved));
	if (right->kind == EXPR_VALUE && (s->match.op == OP_EQ || s->match.op == OP_NEQ)) {
		for (; chain->kind == EXPR_BINOP && chain->binop.op == OP_XOR;
		     chain = chain->binop.left) {
			register_bytes(key, chain->binop.right, data, &mlen, false);
			for (i = 0; i < mlen; i++)
				moved[i] ^= data[i];
		}
	}
	if (chain->kind == EXPR_BINOP) {
		fold_binops(key, chain, mask, xor, &mlen);
		add_bitwise_xor(nlr, NFT_REG_1, mask, xor, mlen);
	} else if (partial) {
		field_mask(key, mask, &mlen);
		add_bitwise(nlr, NFT_REG_1, mask, mlen);
	}
	switch (right->kind) {
	case EXPR_PREFIX: {
		unsigned int plen = right->prefix.plen;

		len = expr_bytes(key);
		memset(mask, 0, sizeof(mask));
		/* the leading bits of the number, which a value of the host's
		 * order has in its last bytes; the reference names no
		 * operation for a prefix's mask */
		for (i = 0; i < plen; i++)
			mask[key->byteorder == BYTEORDER_HOST && !is_string_type(key->dtype) ?
			     len - 1 - i / 8 : i / 8] |= 0x80 >> (i % 8);
		add_mask_xor(nlr, NFT_REG_1, mask, NULL, len);
		add_cmp(nlr, cmp_ops[s->match.op], right->prefix.expr->value.data, len);
		return 0;
	}
	case EXPR_RANGE: {
		uint8_t high[VALUE_MAX_BYTES];
		bool swap = key->byteorder == BYTEORDER_HOST && expr_bytes(key) > 1;

		if (swap)
			add_byteorder(nlr, NFT_REG_1, expr_bytes(key));
		register_bytes(key, right->range.low, data, &len, swap);
		register_bytes(key, right->range.high, high, &len, swap);
		if (s->match.op == OP_NEQ) {
			struct nftnl_expr *x = add_expr(nlr, "range");

			nftnl_expr_set_u32(x, NFTNL_EXPR_RANGE_SREG, NFT_REG_1);
			nftnl_expr_set_u32(x, NFTNL_EXPR_RANGE_OP, NFT_RANGE_NEQ);
			nftnl_expr_set(x, NFTNL_EXPR_RANGE_FROM_DATA, data, len);
			nftnl_expr_set(x, NFTNL_EXPR_RANGE_TO_DATA, high, len);
		} else {
			add_cmp(nlr, NFT_CMP_GTE, data, len);
			add_cmp(nlr, NFT_CMP_LTE, high, len);
		}
		return 0;
	}
	case EXPR_VALUE:
		if (s->match.op == OP_IMPLICIT || s->match.op == OP_NEG) {
			/* Flags: any of the given bits is set, or none. */
			register_bytes(key, right, mask, &len, false);
			add_flags_mask(nlr, mask, len);
			memset(data, 0, sizeof(data));
			add_cmp(nlr, s->match.op == OP_NEG ? NFT_CMP_EQ : NFT_CMP_NEQ, data, len);
			return 0;
		}
		if (ordered && key->byteorder == BYTEORDER_HOST && expr_bytes(key) > 1) {
			add_byteorder(nlr, NFT_REG_1, expr_bytes(key));
			register_bytes(key, right, data, &len, true);
		} else {
			register_bytes(key, right, data, &len, false);
			for (i = 0; i < len; i++)
				data[i] ^= moved[i];
		}
		add_cmp(nlr, cmp_ops[s->match.op], data, len);
		return 0;
	default:
		/* evaluation leaves only the forms above */
		return -1;
	}
}

void add_immediate_data(struct nftnl_rule *nlr, unsigned int dreg, const uint8_t *data,
			unsigned int len)
{
	struct nftnl_expr *x = add_expr(nlr, "immediate");

	nftnl_expr_set_u32(x, NFTNL_EXPR_IMM_DREG, dreg);
	nftnl_expr_set(x, NFTNL_EXPR_IMM_DATA, data, len);
}

/* The register that holds what is @bytes after the start of register
 * @reg, named as the reference names it: a 32-bit one for less than a
 * 16-byte register's worth, else a 16-byte one (whole ones on). */
static unsigned int reg_after(unsigned int reg, unsigned int bytes)
{
	if (bytes >= NFT_REG_SIZE)
		return reg + (bytes + NFT_REG_SIZE - 1) / NFT_REG_SIZE;
	if (reg <= NFT_REG_4)
		reg = NFT_REG32_00 + (reg - NFT_REG_1) * NFT_REG_SIZE / NFT_REG32_SIZE;
	return reg + bytes / NFT_REG32_SIZE;
}

static void linearize_nat(struct nftnl_rule *nlr, const struct stmt *s)
{
	static const char *const names[] = {
		[NAT_SNAT] = "nat", [NAT_DNAT] = "nat", [NAT_MASQ] = "masq", [NAT_REDIR] = "redir",
	};
	const struct expr *a = s->nat.addr, *p = s->nat.port;
	unsigned int reg = NFT_REG_1, addr_min = 0, addr_max = 0, port_min = 0, port_max = 0;
	struct nftnl_expr *x;
	/* the kernel maps addresses wherever it is given one: the reference
	 * does not ask for it */
	uint32_t flags = s->nat.flags;

	if (a && a->kind == EXPR_MAP) {
		unsigned int addr_bytes = s->nat.family == NFPROTO_IPV6 ? 16 : 4;
		/* one value: the address, and its port in a word of its own */
		unsigned int bytes = addr_bytes + (map_gives_concat(a) ? 4 : 0);

		/* the address the map gives, in register 1 */
		linearize_map(nlr, a, reg);
		addr_min = reg++;
		/* the port after the address */
		if (map_gives_concat(a))
			port_min = reg_after(addr_min, addr_bytes);
		/* a range's last value after its first */
		if (map_gives_interval(a)) {
			addr_max = reg_after(addr_min, bytes);
			if (port_min)
				port_max = reg_after(port_min, bytes);
		}
	} else if (a) {
		const struct expr *lo = a->kind == EXPR_RANGE ? a->range.low : a;

		addr_min = reg++;
		add_immediate_data(nlr, addr_min, lo->value.data, expr_bytes(lo));
		if (a->kind == EXPR_RANGE) {
			addr_max = reg++;
			add_immediate_data(nlr, addr_max, a->range.high->value.data,
					   expr_bytes(a->range.high));
		}
	}
	if (p && p->kind == EXPR_MAP) {
		linearize_map(nlr, p, reg);
		port_min = reg++;
		flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
	} else if (p) {
		const struct expr *lo = p->kind == EXPR_RANGE ? p->range.low : p;

		port_min = reg++;
		add_immediate_data(nlr, port_min, lo->value.data, 2);
		if (p->kind == EXPR_RANGE) {
			port_max = reg++;
			add_immediate_data(nlr, port_max, p->range.high->value.data, 2);
		}
		flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
	}
	x = add_expr(nlr, names[s->nat.kind]);
	if (s->nat.kind == NAT_SNAT || s->nat.kind == NAT_DNAT) {
		nftnl_expr_set_u32(x, NFTNL_EXPR_NAT_TYPE,
				   s->nat.kind == NAT_SNAT ? NFT_NAT_SNAT : NFT_NAT_DNAT);
		nftnl_expr_set_u32(x, NFTNL_EXPR_NAT_FAMILY, s->nat.family);
		if (addr_min)
			nftnl_expr_set_u32(x, NFTNL_EXPR_NAT_REG_ADDR_MIN, addr_min);
		if (addr_max)
			nftnl_expr_set_u32(x, NFTNL_EXPR_NAT_REG_ADDR_MAX, addr_max);
		if (port_min)
			nftnl_expr_set_u32(x, NFTNL_EXPR_NAT_REG_PROTO_MIN, port_min);
		if (port_max)
			nftnl_expr_set_u32(x, NFTNL_EXPR_NAT_REG_PROTO_MAX, port_max);
		if (flags)
			nftnl_expr_set_u32(x, NFTNL_EXPR_NAT_FLAGS, flags);
		return;
	}
	if (s->nat.kind == NAT_REDIR) {
		if (port_min)
			nftnl_expr_set_u32(x, NFTNL_EXPR_REDIR_REG_PROTO_MIN, port_min);
		if (port_max)
			nftnl_expr_set_u32(x, NFTNL_EXPR_REDIR_REG_PROTO_MAX, port_max);
		if (flags)
			nftnl_expr_set_u32(x, NFTNL_EXPR_REDIR_FLAGS, flags);
		return;
	}
	if (flags)
		nftnl_expr_set_u32(x, NFTNL_EXPR_MASQ_FLAGS, flags);
	if (port_min)
		nftnl_expr_set_u32(x, NFTNL_EXPR_MASQ_REG_PROTO_MIN, port_min);
	if (port_max)
		nftnl_expr_set_u32(x, NFTNL_EXPR_MASQ_REG_PROTO_MAX, port_max);
}

/* The gateway (if any) in register 1, the device in the next one. */
static void linearize_dup(struct nftnl_rule *nlr, const struct stmt *s)
{
	unsigned int reg = NFT_REG_1, addr_reg = 0, dev_reg = 0;
	struct nftnl_expr *x;

	if (s->dup.addr) {
		addr_reg = reg++;
		add_immediate_data(nlr, addr_reg, s->dup.addr->value.data,
				   expr_bytes(s->dup.addr));
	}
	if (s->dup.dev) {
		dev_reg = reg++;
		add_immediate_data(nlr, dev_reg, s->dup.dev->value.data, 4);
	}
	if (s->kind == STMT_FWD) {
		x = add_expr(nlr, "fwd");
		nftnl_expr_set_u32(x, NFTNL_EXPR_FWD_SREG_DEV, dev_reg);
		return;
	}
	x = add_expr(nlr, "dup");
	if (addr_reg)
		nftnl_expr_set_u32(x, NFTNL_EXPR_DUP_SREG_ADDR, addr_reg);
	if (dev_reg)
		nftnl_expr_set_u32(x, NFTNL_EXPR_DUP_SREG_DEV, dev_reg);
}

/* The address (if any) in register 1, the port (if any) in the next one. */
static void linearize_tproxy(struct nftnl_rule *nlr, const struct stmt *s)
{
	unsigned int reg = NFT_REG_1, addr_reg = 0, port_reg = 0;
	struct nftnl_expr *x;

	if (s->tproxy.addr) {
		addr_reg = reg++;
		add_immediate_data(nlr, addr_reg, s->tproxy.addr->value.data,
				   expr_bytes(s->tproxy.addr));
	}
	if (s->tproxy.port) {
		port_reg = reg++;
		add_immediate_data(nlr, port_reg, s->tproxy.port->value.data, 2);
	}
	x = add_expr(nlr, "tproxy");
	nftnl_expr_set_u32(x, NFTNL_EXPR_TPROXY_FAMILY, s->tproxy.family);
	if (addr_reg)
		nftnl_expr_set_u32(x, NFTNL_EXPR_TPROXY_REG_ADDR, addr_reg);
	if (port_reg)
		nftnl_expr_set_u32(x, NFTNL_EXPR_TPROXY_REG_PORT, port_reg);
}

/* A selector's value changed by << >> & | ^ values, into register @reg:
 * the & | ^ between two shifts fold into one mask and xor. */
void load_changed_value(struct nftnl_rule *nlr, const struct expr *v, unsigned int reg)
{
	uint8_t mask[VALUE_MAX_BYTES], xor[VALUE_MAX_BYTES];
	const struct expr *ops[16], *sel = v;
	unsigned int n = 0, len;
	bool folding = false;

	for (; sel->kind == EXPR_BINOP && n < ARRAY_SIZE(ops); sel = sel->binop.left)
		ops[n++] = sel;
	load_selector(nlr, sel, 0, reg);
	len = fold_start(sel, mask, xor);
	while (n--) {
		if (ops[n]->binop.op != OP_LSHIFT && ops[n]->binop.op != OP_RSHIFT) {
			fold_binop(sel, ops[n], mask, xor);
			folding = true;
			continue;
		}
		if (folding)
			add_bitwise_xor(nlr, reg, mask, xor, len);
		fold_start(sel, mask, xor);
		folding = false;
		add_shift(nlr, reg, ops[n]->binop.op, value_u64(ops[n]->binop.right), len);
	}
	if (folding)
		add_bitwise_xor(nlr, reg, mask, xor, len);
}

/* The value a meta or ct set statement writes, into register 1. */
static void load_set_value(struct nftnl_rule *nlr, const struct stmt *s)
{
	if (s->set.value->kind == EXPR_BINOP)
		load_changed_value(nlr, s->set.value, NFT_REG_1);
	else if (s->set.value->kind == EXPR_MAP)
		linearize_map(nlr, s->set.value, NFT_REG_1);
	else if (s->set.value->kind == EXPR_VALUE)
		add_immediate_data(nlr, NFT_REG_1, s->set.value->value.data,
				   expr_bytes(s->set.key));
	else
		load_selector(nlr, s->set.value, 0, NFT_REG_1);
	/* a number of the host's order written into a header's (tcp option
	 * maxseg size set rt mtu) */
	if (s->set.value->kind != EXPR_VALUE && s->set.value->kind != EXPR_MAP &&
	    s->set.value->byteorder == BYTEORDER_HOST && s->set.key->byteorder == BYTEORDER_BIG &&
	    expr_bytes(s->set.key) > 1)
		add_byteorder(nlr, NFT_REG_1, expr_bytes(s->set.key));
}

/* Where a header's checksum sits (bytes), 0 for a header without one. */
static unsigned int checksum_offset(const struct proto_desc *d)
{
	const struct proto_field *f = proto_field_find(d, "checksum");

	return f ? f->offset / 8 : 0;
}

/*
 * A header field rewritten.  The kernel adjusts the checksum 16 bits at
 * a time, so in a header with one the write covers whole 16-bit words;
 * the bits around the field (in its bytes, or in the word) are kept by
 * reading them first and masking the new value in, as the reference does.
 */
static void payload_set_span(const struct expr *key, unsigned int *first, unsigned int *end)
{
	*first = key->payload.offset / 8;
	*end = (key->payload.offset + key->len + 7) / 8;
	if (checksum_offset(key->payload.desc)) {
		*first &= ~1U;
		*end = (*end + 1) & ~1U;
	}
}

bool payload_set_masks(const struct expr *key)
{
	unsigned int first, end;

	payload_set_span(key, &first, &end);
	return key->payload.offset != first * 8 || key->payload.offset + key->len != end * 8;
}

static void linearize_payload_set(struct nftnl_rule *nlr, const struct stmt *s)
{
	const struct expr *key = s->set.key;
	unsigned int csum = checksum_offset(key->payload.desc);
	unsigned int first, end, len, shift, i;
	uint8_t data[VALUE_MAX_BYTES] = { 0 }, mask[VALUE_MAX_BYTES];
	struct nftnl_expr *x;

	payload_set_span(key, &first, &end);
	len = end - first;
	shift = end * 8 - key->payload.offset - key->len;
	if (s->set.value->kind != EXPR_VALUE) {
		/* another field's or key's value, the same width */
		load_selector(nlr, s->set.value, 0, NFT_REG_1);
	} else if (payload_set_masks(key)) {
		uint64_t field = ((1ULL << key->len) - 1) << shift;
		uint64_t v = value_u64(s->set.value) << shift;

		for (i = 0; i < len; i++) {
			mask[len - 1 - i] = ~(field >> (8 * i));
			data[len - 1 - i] = v >> (8 * i);
		}
		x = add_expr(nlr, "payload");
		nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_DREG, NFT_REG_1);
		nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_BASE, key->payload.base);
		nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_OFFSET, first);
		nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_LEN, len);
		add_bitwise_xor(nlr, NFT_REG_1, mask, data, len);
	} else {
		add_immediate_data(nlr, NFT_REG_1, s->set.value->value.data, len);
	}
	x = add_expr(nlr, "payload");
	nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_SREG, NFT_REG_1);
	nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_BASE, key->payload.base);
	nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_OFFSET, first);
	nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_LEN, len);
	if (csum) {
		nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_CSUM_TYPE, NFT_PAYLOAD_CSUM_INET);
		nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_CSUM_OFFSET, csum);
	}
	if (key->payload.field->pseudo_header)
		nftnl_expr_set_u32(x, NFTNL_EXPR_PAYLOAD_FLAGS, NFT_PAYLOAD_L4CSUM_PSEUDOHDR);
}

/* A queue's number and count of queues, or the register an expression
 * gives it in; flags only where there are some, as the reference sends. */
static void linearize_queue(struct nftnl_rule *nlr, const struct stmt *s)
{
	const struct expr *q = s->queue.qnum;
	uint64_t low = 0, high = 0;
	struct nftnl_expr *x;

	if (q && q->kind == EXPR_MAP)
		linearize_map(nlr, q, NFT_REG_1);
	else if (q && q->kind != EXPR_VALUE && q->kind != EXPR_RANGE)
		load_selector(nlr, q, 0, NFT_REG_1);
	else if (q && q->kind == EXPR_RANGE)
		low = value_u64(q->range.low), high = value_u64(q->range.high);
	else if (q)
		low = high = value_u64(q);
	x = add_expr(nlr, "queue");
	if (q && q->kind != EXPR_VALUE && q->kind != EXPR_RANGE) {
		nftnl_expr_set_u32(x, NFTNL_EXPR_QUEUE_SREG_QNUM, NFT_REG_1);
	} else {
		nftnl_expr_set_u16(x, NFTNL_EXPR_QUEUE_NUM, low);
		nftnl_expr_set_u16(x, NFTNL_EXPR_QUEUE_TOTAL, high - low + 1);
	}
	if (s->queue.flags)
		nftnl_expr_set_u16(x, NFTNL_EXPR_QUEUE_FLAGS, s->queue.flags);
}

struct nftnl_expr *stateful_expr(const struct stmt *s)
{
	struct nftnl_expr *x;

	switch (s->kind) {
	case STMT_COUNTER:
		/* values are sent only where there are some, as the reference does */
		x = expr_alloc("counter");
		if (s->counter.packets)
			nftnl_expr_set_u64(x, NFTNL_EXPR_CTR_PACKETS, s->counter.packets);
		if (s->counter.bytes)
			nftnl_expr_set_u64(x, NFTNL_EXPR_CTR_BYTES, s->counter.bytes);
		break;
	case STMT_LIMIT:
		x = expr_alloc("limit");
		nftnl_expr_set_u64(x, NFTNL_EXPR_LIMIT_RATE, s->limit.rate);
		nftnl_expr_set_u64(x, NFTNL_EXPR_LIMIT_UNIT, s->limit.unit);
		nftnl_expr_set_u32(x, NFTNL_EXPR_LIMIT_BURST, s->limit.burst);
		nftnl_expr_set_u32(x, NFTNL_EXPR_LIMIT_TYPE,
				   s->limit.bytes ? NFT_LIMIT_PKT_BYTES : NFT_LIMIT_PKTS);
		nftnl_expr_set_u32(x, NFTNL_EXPR_LIMIT_FLAGS, s->limit.inverted ? NFT_LIMIT_F_INV : 0);
		break;
	case STMT_QUOTA:
		x = expr_alloc("quota");
		nftnl_expr_set_u64(x, NFTNL_EXPR_QUOTA_BYTES, s->quota.bytes);
		nftnl_expr_set_u64(x, NFTNL_EXPR_QUOTA_CONSUMED, s->quota.used);
		nftnl_expr_set_u32(x, NFTNL_EXPR_QUOTA_FLAGS, s->quota.inverted ? NFT_QUOTA_F_INV : 0);
		break;
	case STMT_CONNLIMIT:
		x = expr_alloc("connlimit");
		nftnl_expr_set_u32(x, NFTNL_EXPR_CONNLIMIT_COUNT, s->connlimit.count);
		nftnl_expr_set_u32(x, NFTNL_EXPR_CONNLIMIT_FLAGS,
				   s->connlimit.inverted ? NFT_CONNLIMIT_F_INV : 0);
		break;
	default:
		return NULL;
	}
	return x;
}

static int linearize_stmt(struct nftnl_rule *nlr, const struct stmt *s)
{
	struct nftnl_expr *x;
	const struct expr *v;

	switch (s->kind) {
	case STMT_MATCH:
		return linearize_match(nlr, s);
	case STMT_VERDICT:
		v = s->verdict.expr;
		x = add_expr(nlr, "immediate");
		nftnl_expr_set_u32(x, NFTNL_EXPR_IMM_DREG, NFT_REG_VERDICT);
		nftnl_expr_set_u32(x, NFTNL_EXPR_IMM_VERDICT, v->verdict.code);
		if (v->verdict.chain)
			nftnl_expr_set_str(x, NFTNL_EXPR_IMM_CHAIN, v->verdict.chain);
		return 0;
	case STMT_COUNTER:
	case STMT_LIMIT:
	case STMT_QUOTA:
	case STMT_CONNLIMIT:
		nftnl_rule_add_expr(nlr, stateful_expr(s));
		return 0;
	case STMT_META_SET:
		load_set_value(nlr, s);
		x = add_expr(nlr, "meta");
		nftnl_expr_set_u32(x, NFTNL_EXPR_META_KEY, s->set.key->meta.key->key);
		nftnl_expr_set_u32(x, NFTNL_EXPR_META_SREG, NFT_REG_1);
		return 0;
	case STMT_CT_SET:
		load_set_value(nlr, s);
		x = add_expr(nlr, "ct");
		nftnl_expr_set_u32(x, NFTNL_EXPR_CT_KEY, s->set.key->ct.key->key);
		nftnl_expr_set_u32(x, NFTNL_EXPR_CT_SREG, NFT_REG_1);
		if (s->set.key->ct.dir >= 0)
			nftnl_expr_set_u8(x, NFTNL_EXPR_CT_DIR, s->set.key->ct.dir);
		return 0;
	case STMT_PAYLOAD_SET:
		linearize_payload_set(nlr, s);
		return 0;
	case STMT_EXTHDR_SET:
		load_set_value(nlr, s);
		x = add_expr(nlr, "exthdr");
		nftnl_expr_set_u32(x, NFTNL_EXPR_EXTHDR_SREG, NFT_REG_1);
		set_tcpopt(x, s->set.key);
		return 0;
	case STMT_NOTRACK:
		add_expr(nlr, "notrack");
		return 0;
	case STMT_LOG:
		x = add_expr(nlr, "log");
		if (s->log.present & 1 << NFTNL_EXPR_LOG_PREFIX)
			nftnl_expr_set_str(x, NFTNL_EXPR_LOG_PREFIX, s->log.prefix);
		if (s->log.present & 1 << NFTNL_EXPR_LOG_GROUP) {
			nftnl_expr_set_u16(x, NFTNL_EXPR_LOG_GROUP, s->log.group);
			if (s->log.present & 1 << NFTNL_EXPR_LOG_SNAPLEN)
				nftnl_expr_set_u32(x, NFTNL_EXPR_LOG_SNAPLEN, s->log.snaplen);
			if (s->log.present & 1 << NFTNL_EXPR_LOG_QTHRESHOLD)
				nftnl_expr_set_u16(x, NFTNL_EXPR_LOG_QTHRESHOLD, s->log.qthreshold);
		} else {
			if (s->log.present & 1 << NFTNL_EXPR_LOG_LEVEL)
				nftnl_expr_set_u32(x, NFTNL_EXPR_LOG_LEVEL, s->log.level);
			if (s->log.present & 1 << NFTNL_EXPR_LOG_FLAGS)
				nftnl_expr_set_u32(x, NFTNL_EXPR_LOG_FLAGS, s->log.flags);
		}
		return 0;
	case STMT_REJECT:
		x = add_expr(nlr, "reject");
		nftnl_expr_set_u32(x, NFTNL_EXPR_REJECT_TYPE, s->reject.type);
		nftnl_expr_set_u8(x, NFTNL_EXPR_REJECT_CODE,
				  s->reject.icmp_code < 0 ? 0 : s->reject.icmp_code);
		return 0;
	case STMT_NAT:
		linearize_nat(nlr, s);
		return 0;
	case STMT_DUP:
	case STMT_FWD:
		linearize_dup(nlr, s);
		return 0;
	case STMT_TPROXY:
		linearize_tproxy(nlr, s);
		return 0;
	case STMT_VMAP:
	case STMT_DYNSET:
	case STMT_OBJREF:
		return linearize_set_stmt(NULL, nlr, s);
	case STMT_FLOW_OFFLOAD:
		x = add_expr(nlr, "flow_offload");
		nftnl_expr_set_str(x, NFTNL_EXPR_FLOW_TABLE_NAME, s->flow.flowtable);
		return 0;
	case STMT_SYNPROXY:
		x = add_expr(nlr, "synproxy");
		nftnl_expr_set_u16(x, NFTNL_EXPR_SYNPROXY_MSS, s->synproxy.mss);
		nftnl_expr_set_u8(x, NFTNL_EXPR_SYNPROXY_WSCALE, s->synproxy.wscale);
		nftnl_expr_set_u32(x, NFTNL_EXPR_SYNPROXY_FLAGS, s->synproxy.flags);
		return 0;
	case STMT_QUEUE:
		linearize_queue(nlr, s);
		return 0;
	}
	return 0;
}

/*
 * Matches of header fields on exact values that sit side by side in the
 * header are compared in one load, as the reference does, wherever they
 * stand in the rule, as long as that takes fewer 32-bit registers than
 * comparing them apart.  Bit fields and addresses (which the reference
 * keeps apart for prefixes) are never joined.
 */
static bool payload_mergeable(const struct stmt *s)
{
	const struct expr *l;

	if (s->kind != STMT_MATCH || s->match.op != OP_EQ ||
	    s->match.right->kind != EXPR_VALUE)
		return false;
	l = s->match.left;
	return l->kind == EXPR_PAYLOAD && !payload_span(l).partial &&
	       !(l->dtype->flags & TYPE_F_PREFIX);
}

static unsigned int registers_for(unsigned int bytes)
{
	return (bytes + 3) / 4;
}

/* A mergeable match and its place in the rule. */
struct join_member {
	const struct stmt *stmt;
	unsigned int pos;
};

/* In the header's order; matches of the same field in the rule's. */
static int join_member_cmp(const void *a, const void *b)
{
	const struct join_member *x = a, *y = b;
	const struct expr *l = x->stmt->match.left, *r = y->stmt->match.left;

	if (l->payload.base != r->payload.base)
		return l->payload.base < r->payload.base ? -1 : 1;
	if (l->payload.offset != r->payload.offset)
		return l->payload.offset < r->payload.offset ? -1 : 1;
	return x->pos < y->pos ? -1 : 1;
}

/* Whether match @s selects the protocol of the header above (ether
 * type, ip protocol, ip6 nexthdr): a join with it stands in its place. */
static bool selects_upper_protocol(const struct stmt *s)
{
	const struct datatype *dt = s->match.left->dtype;

	return dt == &ethertype_type || dt == &inet_proto_type;
}

/*
 * The joins of rule @r's matches: *@first_of[i], for the i-th statement,
 * is the first of the members (in @members, in the header's order) of
 * the join compared in its place, -1 for a statement compared alone, -2
 * for one compared in another's place.  The place is the first member's,
 * or the place of a member that selects the protocol above.
 */
static void plan_joins(const struct rule *r, struct join_member **members, int **first_of,
			       unsigned int **count_of)
{
	unsigned int n = 0, k = 0, i, j;
	const struct stmt *s;
	struct join_member *m;

	for (s = r->stmts; s; s = s->next)
		n++;
	m = xcalloc(n ? n : 1, sizeof(*m));
	*first_of = xcalloc(n ? n : 1, sizeof(**first_of));
	*count_of = xcalloc(n ? n : 1, sizeof(**count_of));
	for (i = 0, s = r->stmts; s; s = s->next, i++) {
		(*first_of)[i] = -1;
		if (payload_mergeable(s))
			m[k++] = (struct join_member){ s, i };
	}
	qsort(m, k, sizeof(*m), join_member_cmp);
	for (i = 0; i < k; i = j) {
		const struct expr *first = m[i].stmt->match.left;
		unsigned int total = expr_bytes(first), place = m[i].pos;

		for (j = i + 1; j < k; j++) {
			const struct expr *l = m[j].stmt->match.left;
			unsigned int len = expr_bytes(l);

			if (l->payload.base != first->payload.base ||
			    l->payload.offset != first->payload.offset + total * 8 ||
			    total + len > NFT_REG_SIZE ||
			    registers_for(total + len) >= registers_for(total) + registers_for(len))
				break;
			total += len;
			if (selects_upper_protocol(m[j].stmt))
				place = m[j].pos;
			(*first_of)[m[j].pos] = -2;
		}
		if (j - i > 1) {
			(*first_of)[m[i].pos] = -2;
			(*first_of)[place] = i;
			(*count_of)[place] = j - i;
		}
	}
	*members = m;
}

/* The @n members of a join (see plan_joins) loaded and compared as one. */
static void linearize_join(struct nftnl_rule *nlr, const struct join_member *m, unsigned int n)
{
	uint8_t data[VALUE_MAX_BYTES], field[VALUE_MAX_BYTES];
	const struct expr *first = m[0].stmt->match.left;
	unsigned int total = 0, len, i;
	struct expr span;

	for (i = 0; i < n; i++) {
		const struct stmt *s = m[i].stmt;

		register_bytes(s->match.left, s->match.right, field, &len, false);
		memcpy(data + total, field, len);
		total += len;
	}
	span = *first;
	span.len = total * 8;
	load_payload(nlr, &span, total, NFT_REG_1);
	add_cmp(nlr, NFT_CMP_EQ, data, total);
}

static int count_expr(struct nftnl_expr *e, void *data)
{
	(void)e;
	(*(unsigned int *)data)++;
	return 0;
}

/* The expressions made since the last call come from statement @s. */
static void note_expr_locs(struct rule *r, struct nftnl_rule *nlr, const struct stmt *s)
{
	const struct expr *v = s->kind == STMT_VERDICT ? s->verdict.expr : NULL;
	unsigned int n = 0, first = r->nexpr_locs;

	nftnl_expr_foreach(nlr, count_expr, &n);
	r->expr_locs = xrealloc(r->expr_locs, sizeof(*r->expr_locs) * (n ? n : 1));
	/* a jump's error is about the chain it names, a match's load's
	 * about what it loads */
	for (; r->nexpr_locs < n; r->nexpr_locs++)
		r->expr_locs[r->nexpr_locs] = v && v->verdict.chain ? v->verdict.chain_loc :
					      s->kind == STMT_MATCH && r->nexpr_locs == first ?
					      s->match.left->loc : *stmt_blamed_loc(s);
}

int linearize_rule(struct nft_ctx *ctx, struct rule *r, struct nftnl_rule *nlr)
{
	struct join_member *members;
	unsigned int *count_of, i;
	const struct stmt *s;
	int *first_of, ret = 0;

	(void)ctx;
	r->nexpr_locs = 0;
	plan_joins(r, &members, &first_of, &count_of);
	for (i = 0, s = r->stmts; s; s = s->next, i++) {
		if (first_of[i] >= 0)
			linearize_join(nlr, members + first_of[i], count_of[i]);
		else if (first_of[i] == -1 && (ret = linearize_stmt(nlr, s)) < 0)
			break;
		note_expr_locs(r, nlr, s);
	}
	free(members);
	free(first_of);
	free(count_of);
	return ret < 0 ? -1 : 0;
}

void rule_userdata_put(struct nlmsghdr *nlh, const struct rule *r)
{
	struct nftnl_udata_buf *ud;

	if (!r->comment)
		return;
	ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);
	nftnl_udata_put_strz(ud, NFTNL_UDATA_RULE_COMMENT, r->comment);
	mnl_attr_put(nlh, NFTA_RULE_USERDATA, nftnl_udata_buf_len(ud), nftnl_udata_buf_data(ud));
	nftnl_udata_buf_free(ud);
}
