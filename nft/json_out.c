// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Listings in JSON (-j), in the reference's schema and spacing: one line,
 * {"nftables": [{"metainfo": {...}}, {"table": {...}}, ...]}, a space
 * after every ':' and ','.  Per table: the table, its stateful objects,
 * its sets and maps, its chains, then the rules of every chain.
 *
 * The same AST the text listing prints from is written here; values turn
 * into JSON numbers where their type is a plain number (ports, marks) and
 * into strings where it has words of its own (addresses, symbols).
 */
#include <errno.h>
#include <inttypes.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_log.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/netfilter/nf_synproxy.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ast.h"

#define JSON_SCHEMA_VERSION 1

/* ---- Writing ---------------------------------------------------------------- */

/* A string as the reference's JSON library escapes it. */
static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		switch (c) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\b':
			fputs("\\b", f);
			break;
		case '\f':
			fputs("\\f", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (c < 0x20)
				fprintf(f, "\\u%04x", c);
			else
				fputc(c, f);
		}
	}
	fputc('"', f);
}

/* `"key": ` after a ", " unless it opens its object. */
static void json_key(FILE *f, bool *first, const char *key)
{
	if (!*first)
		fputs(", ", f);
	*first = false;
	json_string(f, key);
	fputs(": ", f);
}

static void json_key_str(FILE *f, bool *first, const char *key, const char *val)
{
	json_key(f, first, key);
	json_string(f, val);
}

static void json_key_u64(FILE *f, bool *first, const char *key, uint64_t val)
{
	json_key(f, first, key);
	fprintf(f, "%" PRIu64, val);
}

static void json_string_array(FILE *f, const char *const *names, unsigned int n)
{
	unsigned int i;

	fputc('[', f);
	for (i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		json_string(f, names[i]);
	}
	fputc(']', f);
}

/* A list of names: one is a string, several an array. */
static void json_names(FILE *f, const char *const *names, unsigned int n)
{
	if (n == 1)
		json_string(f, names[0]);
	else
		json_string_array(f, names, n);
}

/* ---- Values and expressions --------------------------------------------- */

static void json_expr(struct nft_ctx *ctx, const struct expr *e, FILE *f);

/* A type whose values are printed in words: the JSON has the words. */
static bool type_is_textual(const struct datatype *dt)
{
	return dt->print && !dt->print_hex;
}

/* The names of the flags of value @v into @names: how many, 0 when some
 * bit has no name. */
static unsigned int flag_names_of(const struct expr *v, const char **names, unsigned int max)
{
	uint64_t x = value_u64(v), bit;
	unsigned int n = 0;

	/* bit by bit, as the text lists them */
	for (bit = 1; bit && bit <= x && n < max; bit <<= 1) {
		if (!(x & bit))
			continue;
		if (!(names[n++] = symbol_name(v->dtype, bit)))
			return 0;
	}
	return n;
}

static void json_value(struct nft_ctx *ctx, const struct expr *v, FILE *f)
{
	const struct datatype *dt = v->dtype;
	const struct symbolic_constant *s;
	char buf[NI_MAXHOST];
	const char *name;
	bool quoted;
	uint64_t x;

	/* A verdict as json_expr() writes it; a value of the verdict type
	 * (which no map's element has from the kernel) is but a number. */
	if (v->kind == EXPR_VERDICT || (dt == &verdict_type && v->kind != EXPR_VALUE)) {
		json_expr(ctx, v, f);
		return;
	}
	x = value_u64(v);
	/* exists and missing are the JSON booleans */
	if (dt == &boolean_type) {
		fputs(x ? "true" : "false", f);
		return;
	}
	if ((name = value_name(ctx, v, buf, sizeof(buf), &quoted))) {
		json_string(f, name);
		return;
	}
	/* -n: numbers, a number a flag */
	if (ctx->numeric && dt->symbols && dt->flags & TYPE_F_FLAGS && x & (x - 1)) {
		uint64_t bit;

		fputc('[', f);
		for (bit = 1; bit && bit <= x; bit <<= 1)
			if (x & bit)
				fprintf(f, "%" PRIu64 "%s", bit, x & ~((bit << 1) - 1) ? ", " : "");
		fputc(']', f);
		return;
	}
	if ((ctx->numeric && (dt->symbols || dt == &devgroup_type)) ||
	    (ctx->numeric_proto && dt == &inet_proto_type)) {
		/* the reference reads a value of network byte order as a
		 * number of the host's, and so does this copy of it */
		if (v->byteorder == BYTEORDER_BIG) {
			unsigned int i;

			for (x = 0, i = expr_bytes(v); i > 0; i--)
				x = x << 8 | v->value.data[i - 1];
		}
		fprintf(f, "%" PRIu64, x);
		return;
	}
	if (dt->symbols && dt->flags & TYPE_F_FLAGS && x) {
		const char *names[64];
		unsigned int n = flag_names_of(v, names, ARRAY_SIZE(names));

		if (n) {
			json_names(f, names, n);
			return;
		}
	}
	if (dt->symbols) {
		for (s = dt->symbols; s->name; s++) {
			if (s->value == x) {
				json_string(f, s->name);
				return;
			}
		}
		fprintf(f, "%" PRIu64, x);
		return;
	}
	/* times are whole seconds */
	if (dt == &time_type) {
		fprintf(f, "%" PRIu64, x / 1000);
		return;
	}
	if (type_is_textual(dt)) {
		/* words stay words under -n: interface names, addresses */
		struct nft_ctx named = *ctx;
		char *text = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&text, &len);

		/* realms are numbers under -n, but written as strings */
		named.numeric = dt == &realm_type && ctx->numeric;
		print_value(&named, v, m);
		fclose(m);
		/* strings print quoted in the text listing; a label or a
		 * device group without a name is its number */
		if ((dt == &ct_label_type || dt == &devgroup_type) &&
		    text[strspn(text, "0123456789")] == '\0') {
			fputs(text, f);
		} else if (len >= 2 && text[0] == '"' && text[len - 1] == '"') {
			text[len - 1] = '\0';
			json_string(f, text + 1);
		} else {
			json_string(f, text);
		}
		free(text);
		return;
	}
	fprintf(f, "%" PRIu64, x);
}

static void json_fib_flags(unsigned int flags, FILE *f)
{
	const char *names[FIB_FLAG_WORDS];

	/* always an array, even of one */
	json_string_array(f, names, fib_flag_names(flags, names));
}

static uint64_t symbol_value(const struct datatype *dt, const char *name)
{
	const struct symbolic_constant *s;

	for (s = dt->symbols; strcmp(s->name, name); s++)
		;
	return s->value;
}

static void json_flag(struct nft_ctx *ctx, const struct datatype *dt, const char *name, FILE *f)
{
	if (ctx->numeric)
		fprintf(f, "%" PRIu64, symbol_value(dt, name));
	else
		json_string(f, name);
}

/*
 * A value of flags, more than one, as their "|": of all of them at once
 * (a member of a set), or (@paired, what a header is set to) the
 * reference's | of two at a time, {"|": [{"|": [a, b]}, c]}.
 */
static void json_flags_or(struct nft_ctx *ctx, const struct expr *v, bool paired, FILE *f)
{
	const char *names[64];
	unsigned int n, i;

	if (v->kind != EXPR_VALUE || !v->dtype->symbols || !(v->dtype->flags & TYPE_F_FLAGS) ||
	    (n = flag_names_of(v, names, ARRAY_SIZE(names))) < 2) {
		json_expr(ctx, v, f);
		return;
	}
	for (i = 0; i < (paired ? n - 1 : 1); i++)
		fputs("{\"|\": [", f);
	for (i = 0; i < n; i++) {
		if (i)
			fputs(paired && i > 1 ? "]}, " : ", ", f);
		json_flag(ctx, v->dtype, names[i], f);
	}
	fputs("]}", f);
}

/* A member of a set: flags together are written as their "|". */
static void json_set_member(struct nft_ctx *ctx, const struct expr *el, FILE *f)
{
	json_flags_or(ctx, el, false, f);
}

/* How the reference writes flags a binary operation takes: by the |
 * of two at a time, {"|": [{"|": [a, b]}, c]}, mostly; as an array
 * before the value a match compares with; a header's flags masking a
 * part of a concatenation, as a number. */
enum binop_mask {
	BINOP_MASK_PAIRED,
	BINOP_MASK_ARRAY,
	BINOP_MASK_NUMBER,
};

static void json_binop(struct nft_ctx *ctx, const struct expr *e, enum binop_mask mask, FILE *f)
{
	static const char *const ops[] = {
		[OP_AND] = "&", [OP_OR] = "|", [OP_XOR] = "^", [OP_LSHIFT] = "<<",
		[OP_RSHIFT] = ">>",
	};

	fprintf(f, "{\"%s\": [", ops[e->binop.op]);
	json_expr(ctx, e->binop.left, f);
	fputs(", ", f);
	if (mask == BINOP_MASK_NUMBER)
		fprintf(f, "%" PRIu64, value_u64(e->binop.right));
	else if (mask == BINOP_MASK_PAIRED)
		json_flags_or(ctx, e->binop.right, true, f);
	else
		json_expr(ctx, e->binop.right, f);
	fputs("]}", f);
}

/* The members of @e (an EXPR_SET of set @s, or NULL; a list, a
 * concatenation) as an array. */
static void json_list_of(struct nft_ctx *ctx, const struct set *s, const struct expr *e,
			 FILE *f)
{
	const struct expr *el;
	struct elem_walk w;
	bool any = false;

	fputc('[', f);
	elem_walk_start(&w, s, e);
	while ((el = elem_walk_next(&w))) {
		if (any)
			fputs(", ", f);
		if (e && e->kind == EXPR_CONCAT && concat_mask_is_number(el))
			json_binop(ctx, el, BINOP_MASK_NUMBER, f);
		else
			json_set_member(ctx, el, f);
		any = true;
	}
	fputc(']', f);
}

static const char *const verdict_names[] = {
	[NF_DROP] = "drop", [NF_ACCEPT] = "accept",
};

static void json_verdict(const struct expr *e, FILE *f)
{
	switch (e->verdict.code) {
	case NF_ACCEPT:
	case NF_DROP:
		fprintf(f, "{\"%s\": null}", verdict_names[e->verdict.code]);
		break;
	case NFT_CONTINUE:
		fputs("{\"continue\": null}", f);
		break;
	case NFT_RETURN:
		fputs("{\"return\": null}", f);
		break;
	case NFT_JUMP:
	case NFT_GOTO:
		fprintf(f, "{\"%s\": {\"target\": ", e->verdict.code == NFT_JUMP ? "jump" : "goto");
		json_string(f, e->verdict.chain);
		fputs("}}", f);
		break;
	}
}

static void json_stmt(struct nft_ctx *ctx, const struct stmt *s, FILE *f);

/* A statement of an element, as a member of the element's object: its
 * statement's object without the braces, ", \"counter\": {...}". */
static void json_elem_stmt(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	json_stmt(ctx, s, m);
	fclose(m);
	fprintf(f, ", %.*s", (int)(len - 2), text + 1);
	free(text);
}

/* An element with options: {"elem": {"val": ..., options}}. */
static void json_set_elem(struct nft_ctx *ctx, const struct expr *el, FILE *f)
{
	const struct stmt *x;
	bool first = true;

	fputs("{\"elem\": {", f);
	json_key(f, &first, "val");
	json_expr(ctx, el->elem.key, f);
	if (el->elem.timeout)
		json_key_u64(f, &first, "timeout", el->elem.timeout / 1000);
	if (el->elem.expires)
		json_key_u64(f, &first, "expires", el->elem.expires / 1000);
	if (el->elem.comment)
		json_key_str(f, &first, "comment", el->elem.comment);
	for (x = el->elem.stmts; x; x = x->next)
		json_elem_stmt(ctx, x, f);
	fputs("}}", f);
}

static void json_expr(struct nft_ctx *ctx, const struct expr *e, FILE *f)
{
	bool first = true;

	switch (e->kind) {
	case EXPR_VALUE:
		json_value(ctx, e, f);
		break;
	case EXPR_SYMBOL:
		json_string(f, e->sym.text);
		break;
	case EXPR_PAYLOAD:
		fputs("{\"payload\": {", f);
		json_key_str(f, &first, "protocol", e->payload.desc->name);
		json_key_str(f, &first, "field", e->payload.field->name);
		fputs("}}", f);
		break;
	case EXPR_META:
		fputs("{\"meta\": {", f);
		json_key_str(f, &first, "key", e->meta.key->name);
		fputs("}}", f);
		break;
	case EXPR_CT:
		fputs("{\"ct\": {", f);
		if (e->ct.key->nfproto) {
			/* the keys of one family's addresses say the family */
			char *key = xasprintf("%s %s", e->ct.nfproto == NFPROTO_IPV6 ? "ip6" :
					      "ip", e->ct.key->name);

			json_key_str(f, &first, "key", key);
			free(key);
		} else {
			json_key_str(f, &first, "key", e->ct.key->name);
		}
		if (e->ct.dir >= 0)
			json_key_str(f, &first, "dir", e->ct.dir ? "reply" : "original");
		fputs("}}", f);
		break;
	case EXPR_RT:
		fputs("{\"rt\": {", f);
		if (e->rt.key == NFT_RT_NEXTHOP4 || e->rt.key == NFT_RT_NEXTHOP6) {
			json_key_str(f, &first, "key", "nexthop");
			json_key_str(f, &first, "family", e->rt.key == NFT_RT_NEXTHOP4 ? "ip" : "ip6");
		} else {
			json_key_str(f, &first, "key", e->rt.key == NFT_RT_CLASSID ? "classid" : "mtu");
		}
		fputs("}}", f);
		break;
	case EXPR_FIB:
		fputs("{\"fib\": {", f);
		json_key_str(f, &first, "result",
			     e->fib.result == NFT_FIB_RESULT_OIF ? "oif" :
			     e->fib.result == NFT_FIB_RESULT_OIFNAME ? "oifname" : "type");
		json_key(f, &first, "flags");
		json_fib_flags(e->fib.flags, f);
		fputs("}}", f);
		break;
	case EXPR_NUMGEN:
		fputs("{\"numgen\": {", f);
		json_key_str(f, &first, "mode",
			     e->numgen.type == NFT_NG_INCREMENTAL ? "inc" : "random");
		json_key_u64(f, &first, "mod", e->numgen.mod);
		json_key_u64(f, &first, "offset", e->numgen.offset);
		fputs("}}", f);
		break;
	case EXPR_HASH:
		fprintf(f, "{\"%s\": {", e->hash.type == NFT_HASH_SYM ? "symhash" : "jhash");
		json_key_u64(f, &first, "mod", e->hash.mod);
		if (e->hash.seed_set)
			json_key_u64(f, &first, "seed", e->hash.seed);
		if (e->hash.offset)
			json_key_u64(f, &first, "offset", e->hash.offset);
		if (e->hash.type != NFT_HASH_SYM) {
			json_key(f, &first, "expr");
			json_expr(ctx, e->hash.arg, f);
		}
		fputs("}}", f);
		break;
	case EXPR_EXTHDR:
		fputs("{\"tcp option\": {", f);
		json_key_str(f, &first, "name", e->exthdr.field->option);
		if (!e->exthdr.present)
			json_key_str(f, &first, "field", e->exthdr.field->name);
		fputs("}}", f);
		break;
	case EXPR_SOCKET:
		fputs("{\"socket\": {", f);
		json_key_str(f, &first, "key", e->socket.key == NFT_SOCKET_MARK ? "mark" :
			     e->socket.key == NFT_SOCKET_WILDCARD ? "wildcard" : "transparent");
		fputs("}}", f);
		break;
	case EXPR_OSF:
		fputs("{\"osf\": {", f);
		json_key_str(f, &first, "key",
			     e->osf.flags & NFT_OSF_F_VERSION ? "version" : "name");
		if (osf_ttl_name(e->osf.ttl))
			json_key_str(f, &first, "ttl", osf_ttl_name(e->osf.ttl));
		fputs("}}", f);
		break;
	case EXPR_PREFIX:
		if (is_string_type(e->dtype)) {
			char *name = xasprintf("%.*s*", (int)strnlen((const char *)
					       e->prefix.expr->value.data, e->prefix.plen / 8),
					       (const char *)e->prefix.expr->value.data);

			json_string(f, name);
			free(name);
			break;
		}
		fputs("{\"prefix\": {", f);
		json_key(f, &first, "addr");
		json_expr(ctx, e->prefix.expr, f);
		json_key_u64(f, &first, "len", e->prefix.plen);
		fputs("}}", f);
		break;
	case EXPR_RANGE: {
		/* the reference writes a range's protocols and ports as
		 * numbers, its other ends as it writes them alone */
		struct nft_ctx ends = *ctx;

		ends.numeric_proto = true;
		ends.service_names = false;
		fputs("{\"range\": [", f);
		json_expr(&ends, e->range.low, f);
		fputs(", ", f);
		json_expr(&ends, e->range.high, f);
		fputs("]}", f);
		break;
	}
	case EXPR_BINOP:
		json_binop(ctx, e, BINOP_MASK_PAIRED, f);
		break;
	case EXPR_SET:
	case EXPR_LIST:
		fputs("{\"set\": ", f);
		json_list_of(ctx, NULL, e, f);
		fputc('}', f);
		break;
	case EXPR_CONCAT:
		fputs("{\"concat\": ", f);
		json_list_of(ctx, NULL, e, f);
		fputc('}', f);
		break;
	case EXPR_SET_REF:
		fputc('"', f);
		fputc('@', f);
		fputs(e->set_ref.name, f);
		fputc('"', f);
		break;
	case EXPR_MAP:
		fputs("{\"map\": {", f);
		json_key(f, &first, "key");
		json_expr(ctx, e->map.key, f);
		json_key(f, &first, "data");
		json_expr(ctx, e->map.set, f);
		fputs("}}", f);
		break;
	case EXPR_MAPPING:
		fputc('[', f);
		json_expr(ctx, e->mapping.key, f);
		fputs(", ", f);
		json_expr(ctx, e->mapping.data, f);
		fputc(']', f);
		break;
	case EXPR_SET_ELEM:
		json_set_elem(ctx, e, f);
		break;
	case EXPR_VERDICT:
		json_verdict(e, f);
		break;
	}
}

/* ---- Statements ----------------------------------------------------------------- */

static bool value_has_flags_type(const struct expr *e)
{
	return e->kind == EXPR_VALUE && e->dtype && e->dtype->flags & TYPE_F_FLAGS;
}

static void json_match(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	static const char *const ops[] = {
		[OP_IMPLICIT] = "==", [OP_EQ] = "==", [OP_NEQ] = "!=", [OP_LT] = "<",
		[OP_GT] = ">", [OP_LTE] = "<=", [OP_GTE] = ">=", [OP_NEG] = "!",
	};
	const char *op = ops[s->match.op];
	const struct expr *left = s->match.left;
	bool first = true;

	/* a flag value written alone matches any of its flags */
	if (s->match.op == OP_IMPLICIT && value_has_flags_type(s->match.right))
		op = "in";
	fputs("{\"match\": {", f);
	json_key_str(f, &first, "op", op);
	json_key(f, &first, "left");
	if (left->kind == EXPR_BINOP)
		json_binop(ctx, left, s->match.right->kind == EXPR_SET ||
				      s->match.right->kind == EXPR_SET_REF ?
				      BINOP_MASK_PAIRED : BINOP_MASK_ARRAY, f);
	else
		json_expr(ctx, left, f);
	json_key(f, &first, "right");
	json_expr(ctx, s->match.right, f);
	fputs("}}", f);
}

static void json_limit(const struct stmt *s, FILE *f)
{
	const char *rate_unit = NULL, *burst_unit = NULL;
	uint64_t rate = s->limit.rate, burst = s->limit.burst;
	bool first = true;

	if (s->limit.bytes) {
		rate = bytes_in_unit(rate, &rate_unit);
		burst = bytes_in_unit(burst, &burst_unit);
	}
	fputs("{\"limit\": {", f);
	json_key_u64(f, &first, "rate", rate);
	json_key_u64(f, &first, "burst", burst);
	json_key_str(f, &first, "per", time_unit_name(s->limit.unit));
	if (s->limit.inverted) {
		json_key(f, &first, "inv");
		fputs("true", f);
	}
	if (s->limit.bytes) {
		json_key_str(f, &first, "rate_unit", rate_unit);
		json_key_str(f, &first, "burst_unit", burst_unit);
	}
	fputs("}}", f);
}

static void json_log(const struct stmt *s, FILE *f)
{
	static const struct { uint32_t flag; const char *name; } flag_names[] = {
		{ NF_LOG_TCPSEQ, "tcp sequence" }, { NF_LOG_TCPOPT, "tcp options" },
		{ NF_LOG_IPOPT, "ip options" }, { NF_LOG_UID, "skuid" },
		{ NF_LOG_MACDECODE, "ether" },
	};
	unsigned int p = s->log.present;
	bool first = true;

	fputs("{\"log\": ", f);
	if (!(p & (1 << NFTNL_EXPR_LOG_PREFIX | 1 << NFTNL_EXPR_LOG_GROUP |
		   1 << NFTNL_EXPR_LOG_SNAPLEN | 1 << NFTNL_EXPR_LOG_QTHRESHOLD)) &&
	    !(p & 1 << NFTNL_EXPR_LOG_LEVEL && s->log.level != 4) &&
	    !(p & 1 << NFTNL_EXPR_LOG_FLAGS && s->log.flags)) {
		fputs("null}", f);
		return;
	}
	fputc('{', f);
	if (p & 1 << NFTNL_EXPR_LOG_PREFIX)
		json_key_str(f, &first, "prefix", s->log.prefix);
	if (p & 1 << NFTNL_EXPR_LOG_GROUP)
		json_key_u64(f, &first, "group", s->log.group);
	if (p & 1 << NFTNL_EXPR_LOG_SNAPLEN)
		json_key_u64(f, &first, "snaplen", s->log.snaplen);
	if (p & 1 << NFTNL_EXPR_LOG_QTHRESHOLD)
		json_key_u64(f, &first, "queue-threshold", s->log.qthreshold);
	if (p & 1 << NFTNL_EXPR_LOG_LEVEL && s->log.level != 4 && log_level_name(s->log.level))
		json_key_str(f, &first, "level", log_level_name(s->log.level));
	if (p & 1 << NFTNL_EXPR_LOG_FLAGS && s->log.flags) {
		const char *names[ARRAY_SIZE(flag_names)];
		unsigned int n = 0;
		size_t i;

		json_key(f, &first, "flags");
		if ((s->log.flags & NF_LOG_MASK) == NF_LOG_MASK) {
			json_string(f, "all");
		} else {
			for (i = 0; i < ARRAY_SIZE(flag_names); i++)
				if (s->log.flags & flag_names[i].flag)
					names[n++] = flag_names[i].name;
			json_names(f, names, n);
		}
	}
	fputs("}}", f);
}

static void json_nat(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	const char *names[NAT_FLAG_WORDS];
	unsigned int n = nat_flag_names(s->nat.flags, names);
	bool first = true;

	fprintf(f, "{\"%s\": ", nat_kind_name(s->nat.kind));
	if (!s->nat.family_listed && !s->nat.addr && !s->nat.port && !n) {
		fputs("null}", f);
		return;
	}
	fputc('{', f);
	if (s->nat.family_listed)
		json_key_str(f, &first, "family", s->nat.family == NFPROTO_IPV6 ? "ip6" : "ip");
	if (s->nat.addr) {
		json_key(f, &first, "addr");
		json_expr(ctx, s->nat.addr, f);
	}
	if (s->nat.port) {
		json_key(f, &first, "port");
		json_expr(ctx, s->nat.port, f);
	}
	if (n) {
		json_key(f, &first, "flags");
		json_names(f, names, n);
	}
	fputs("}}", f);
}

static void json_reject(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	struct expr code = { .kind = EXPR_VALUE, .byteorder = BYTEORDER_BIG, .len = 8 };
	bool first = true;

	fputs("{\"reject\": {", f);
	if (s->reject.type == NFT_REJECT_TCP_RST) {
		json_key_str(f, &first, "type", "tcp reset");
		fputs("}}", f);
		return;
	}
	if (s->reject.type == NFT_REJECT_ICMPX_UNREACH) {
		code.dtype = &icmpx_code_type;
		json_key_str(f, &first, "type", "icmpx");
	} else if (s->reject.code_type == &icmpv6_code_type) {
		code.dtype = &icmpv6_code_type;
		json_key_str(f, &first, "type", "icmpv6");
	} else {
		code.dtype = &icmp_code_type;
		json_key_str(f, &first, "type", "icmp");
	}
	value_set_u64(&code, s->reject.icmp_code);
	json_key(f, &first, "expr");
	json_value(ctx, &code, f);
	fputs("}}", f);
}

static void json_quota(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	const char *unit;
	uint64_t val = bytes_in_unit(s->quota.bytes, &unit);
	bool first = true;

	fputs("{\"quota\": {", f);
	json_key_u64(f, &first, "val", val);
	json_key_str(f, &first, "val_unit", unit);
	if (s->quota.inverted) {
		json_key(f, &first, "inv");
		fputs("true", f);
	}
	if (s->quota.used && !ctx->stateless) {
		val = bytes_in_unit(s->quota.used, &unit);
		json_key_u64(f, &first, "used", val);
		json_key_str(f, &first, "used_unit", unit);
	}
	fputs("}}", f);
}

/* The key of the elements a dynset adds, with their timeout. */
static void json_dynset_key(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	if (!s->dynset.timeout) {
		json_expr(ctx, s->dynset.key, f);
		return;
	}
	fputs("{\"elem\": {\"val\": ", f);
	json_expr(ctx, s->dynset.key, f);
	fprintf(f, ", \"timeout\": %" PRIu64 "}}", s->dynset.timeout / 1000);
}

/* {"meter": {"key": ..., "stmt": {...}, "size": N, "name": "NAME"}}: the
 * one statement alone, not in a list (none, from another program: no
 * "stmt") */
static void json_meter(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	const struct set *meter = s->dynset.set->set_ref.set;
	struct nft_ctx stateless = *ctx;
	bool first = true;

	stateless.stateless = true;
	fputs("{\"meter\": {", f);
	json_key(f, &first, "key");
	json_dynset_key(ctx, s, f);
	if (s->dynset.stmts) {
		json_key(f, &first, "stmt");
		json_stmt(&stateless, s->dynset.stmts, f);
	}
	if (meter->size)
		json_key_u64(f, &first, "size", meter->size);
	json_key_str(f, &first, "name", meter->name);
	fputs("}}", f);
}

/* null without options; mss and wscale when given, the flags as a list */
static void json_synproxy(const struct stmt *s, FILE *f)
{
	const char *names[2];
	unsigned int n = synproxy_flag_names(s->synproxy.flags, names);
	bool first = true;

	fputs("{\"synproxy\": ", f);
	if (!n && !(s->synproxy.flags & (NF_SYNPROXY_OPT_MSS | NF_SYNPROXY_OPT_WSCALE))) {
		fputs("null}", f);
		return;
	}
	fputc('{', f);
	if (s->synproxy.flags & NF_SYNPROXY_OPT_MSS)
		json_key_u64(f, &first, "mss", s->synproxy.mss);
	if (s->synproxy.flags & NF_SYNPROXY_OPT_WSCALE)
		json_key_u64(f, &first, "wscale", s->synproxy.wscale);
	if (n) {
		json_key(f, &first, "flags");
		json_string_array(f, names, n);
	}
	fputs("}}", f);
}

/* The reference has no JSON for a rule's update of a map: it writes the
 * statement's text as a string, and warns. */
static void json_unwritable_map_update(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	print_stmt(ctx, s, m);
	fclose(m);
	json_string(f, text);
	free(text);
	fputs("warning: stmt ops map have no json callback\n", stderr);
}

static void json_dynset(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	struct nft_ctx stateless = *ctx;
	const struct stmt *x;
	bool first = true;

	if (stmt_is_meter(s)) {
		json_meter(ctx, s, f);
		return;
	}
	if (s->dynset.data) {
		json_unwritable_map_update(ctx, s, f);
		return;
	}
	fputs("{\"set\": {", f);
	json_key_str(f, &first, "op", dynset_op_name(s->dynset.op));
	json_key(f, &first, "elem");
	json_dynset_key(ctx, s, f);
	json_key(f, &first, "set");
	json_expr(ctx, s->dynset.set, f);
	if (s->dynset.stmts) {
		/* the statements of the elements a rule adds list without values */
		stateless.stateless = true;
		json_key(f, &first, "stmt");
		fputc('[', f);
		for (x = s->dynset.stmts; x; x = x->next) {
			json_stmt(&stateless, x, f);
			if (x->next)
				fputs(", ", f);
		}
		fputc(']', f);
	}
	fputs("}}", f);
}

static void json_stmt(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	bool first = true;

	switch (s->kind) {
	case STMT_MATCH:
		json_match(ctx, s, f);
		break;
	case STMT_VERDICT:
		json_expr(ctx, s->verdict.expr, f);
		break;
	case STMT_COUNTER:
		if (ctx->stateless)
			fputs("{\"counter\": null}", f);
		else
			fprintf(f, "{\"counter\": {\"packets\": %" PRIu64 ", \"bytes\": %" PRIu64
				"}}", s->counter.packets, s->counter.bytes);
		break;
	case STMT_META_SET:
	case STMT_CT_SET:
	case STMT_PAYLOAD_SET:
	case STMT_EXTHDR_SET:
		fputs("{\"mangle\": {", f);
		json_key(f, &first, "key");
		json_expr(ctx, s->set.key, f);
		json_key(f, &first, "value");
		/* flags a header gets, the reference writes as their | */
		if (s->kind == STMT_PAYLOAD_SET)
			json_flags_or(ctx, s->set.value, true, f);
		else
			json_expr(ctx, s->set.value, f);
		fputs("}}", f);
		break;
	case STMT_NOTRACK:
		fputs("{\"notrack\": null}", f);
		break;
	case STMT_LIMIT:
		json_limit(s, f);
		break;
	case STMT_LOG:
		json_log(s, f);
		break;
	case STMT_REJECT:
		json_reject(ctx, s, f);
		break;
	case STMT_NAT:
		json_nat(ctx, s, f);
		break;
	case STMT_TPROXY:
		fputs("{\"tproxy\": {", f);
		if (s->tproxy.family_listed)
			json_key_str(f, &first, "family",
				     s->tproxy.family == NFPROTO_IPV6 ? "ip6" : "ip");
		if (s->tproxy.addr) {
			json_key(f, &first, "addr");
			json_expr(ctx, s->tproxy.addr, f);
		}
		if (s->tproxy.port) {
			json_key(f, &first, "port");
			json_expr(ctx, s->tproxy.port, f);
		}
		fputs("}}", f);
		break;
	case STMT_QUOTA:
		json_quota(ctx, s, f);
		break;
	case STMT_QUEUE:
		fputs("{\"queue\": {", f);
		if (s->queue.qnum) {
			json_key(f, &first, "num");
			json_expr(ctx, s->queue.qnum, f);
		}
		if (s->queue.flags) {
			const char *names[2];
			unsigned int n = 0;

			if (s->queue.flags & NFT_QUEUE_FLAG_BYPASS)
				names[n++] = "bypass";
			if (s->queue.flags & NFT_QUEUE_FLAG_CPU_FANOUT)
				names[n++] = "fanout";
			json_key(f, &first, "flags");
			json_names(f, names, n);
		}
		fputs("}}", f);
		break;
	case STMT_VMAP:
		fputs("{\"vmap\": {", f);
		json_key(f, &first, "key");
		json_expr(ctx, s->vmap.key, f);
		json_key(f, &first, "data");
		json_expr(ctx, s->vmap.map, f);
		fputs("}}", f);
		break;
	case STMT_DYNSET:
		json_dynset(ctx, s, f);
		break;
	case STMT_OBJREF:
		fprintf(f, "{\"%s\": ", obj_type_name(s->objref.type));
		if (s->objref.expr)
			json_expr(ctx, s->objref.expr, f);
		else
			json_string(f, s->objref.name);
		fputc('}', f);
		break;
	case STMT_FLOW_OFFLOAD: {
		char *ref = xasprintf("@%s", s->flow.flowtable);

		fputs("{\"flow\": {", f);
		json_key_str(f, &first, "op", "add");
		json_key_str(f, &first, "flowtable", ref);
		fputs("}}", f);
		free(ref);
		break;
	}
	case STMT_CONNLIMIT:
		fputs("{\"ct count\": {", f);
		json_key_u64(f, &first, "val", s->connlimit.count);
		if (s->connlimit.inverted) {
			json_key(f, &first, "inv");
			fputs("true", f);
		}
		fputs("}}", f);
		break;
	case STMT_SYNPROXY:
		json_synproxy(s, f);
		break;
	case STMT_DUP:
	case STMT_FWD:
		fprintf(f, "{\"%s\": {", s->kind == STMT_DUP ? "dup" : "fwd");
		/* a dup to a device alone names it as its address */
		if (s->dup.addr || s->kind == STMT_DUP) {
			json_key(f, &first, "addr");
			json_expr(ctx, s->dup.addr ? s->dup.addr : s->dup.dev, f);
		}
		if (s->dup.dev && (s->dup.addr || s->kind == STMT_FWD)) {
			json_key(f, &first, "dev");
			json_expr(ctx, s->dup.dev, f);
		}
		fputs("}}", f);
		break;
	}
}

/* ---- Objects ---------------------------------------------------------------------- */

static void json_item_open(FILE *f, const char *kind)
{
	fprintf(f, "{\"%s\": {", kind);
}

/* The items of the "nftables" array follow its metainfo, each after ", ". */
static void json_next(FILE *f)
{
	fputs(", ", f);
}

static void json_table(const struct table *t, FILE *f)
{
	bool first = true;

	json_item_open(f, "table");
	json_key_str(f, &first, "family", family_name(t->h.family));
	json_key_str(f, &first, "name", t->h.table);
	json_key_u64(f, &first, "handle", t->h.handle);
	if (t->comment)
		json_key_str(f, &first, "comment", t->comment);
	if (t->flags & NFT_TABLE_F_DORMANT)
		json_key_str(f, &first, "flags", "dormant");
	fputs("}}", f);
}

static void json_chain(const struct chain *c, FILE *f)
{
	bool first = true;

	json_item_open(f, "chain");
	json_key_str(f, &first, "family", family_name(c->h.family));
	json_key_str(f, &first, "table", c->h.table);
	json_key_str(f, &first, "name", c->h.chain);
	json_key_u64(f, &first, "handle", c->h.handle);
	/* the reference's JSON leaves a chain's comment out */
	if (c->base) {
		json_key_str(f, &first, "type", c->type);
		json_key_str(f, &first, "hook", hook_name(c->h.family, c->hooknum));
		json_key(f, &first, "prio");
		fprintf(f, "%d", c->priority);
		json_key_str(f, &first, "policy", c->policy == NF_DROP ? "drop" : "accept");
	}
	fputs("}}", f);
}

static void json_rule(struct nft_ctx *ctx, const struct chain *c, const struct nftnl_rule *nlr,
		      const struct rule *r, FILE *f)
{
	const struct stmt *s;
	bool first = true;

	json_item_open(f, "rule");
	json_key_str(f, &first, "family", family_name(c->h.family));
	json_key_str(f, &first, "table", c->h.table);
	json_key_str(f, &first, "chain", c->h.chain);
	json_key_u64(f, &first, "handle", nftnl_rule_get_u64(nlr, NFTNL_RULE_HANDLE));
	if (r->comment)
		json_key_str(f, &first, "comment", r->comment);
	json_key(f, &first, "expr");
	fputc('[', f);
	for (s = r->stmts; s; s = s->next) {
		json_stmt(ctx, s, f);
		if (s->next)
			fputs(", ", f);
	}
	fputs("]}}", f);
}

static void json_rule_item(struct nft_ctx *ctx, const struct chain *c,
			   const struct nftnl_rule *nlr, const struct rule *r)
{
	/* a rule ours cannot read is left out, not half written */
	if (!r)
		return;
	json_next(ctx->out);
	json_rule(ctx, c, nlr, r, ctx->out);
}

static void json_key_type(const struct expr *key, FILE *f)
{
	const struct expr *p;
	unsigned int n = 0;

	/* what a set's deletion event leaves of it */
	if (!key) {
		json_string(f, "invalid");
		return;
	}
	if (key->kind != EXPR_CONCAT) {
		json_string(f, key->dtype->name);
		return;
	}
	fputc('[', f);
	for (p = key->set.elems; p; p = p->next, n++) {
		if (n)
			fputs(", ", f);
		json_string(f, p->dtype->name);
	}
	fputc(']', f);
}

/* A map's data type: a concatenation's as the text names it, in one
 * string ("ipv4_addr . inet_service"), where a key's is a list. */
static void json_data_type(const struct expr *data, FILE *f)
{
	char *name;

	if (data->kind != EXPR_CONCAT) {
		json_key_type(data, f);
		return;
	}
	name = key_type_name(data);
	json_string(f, name);
	free(name);
}

static void json_set(struct nft_ctx *ctx, struct set *s, FILE *f)
{
	static const struct { uint32_t flag; const char *name; } flag_names[] = {
		{ NFT_SET_CONSTANT, "constant" }, { NFT_SET_INTERVAL, "interval" },
		{ NFT_SET_TIMEOUT, "timeout" },
	};
	bool first = true;
	unsigned int n = 0;
	size_t i;

	json_item_open(f, set_is_meter(s) ? "meter" : set_is_map(s) ? "map" : "set");
	json_key_str(f, &first, "family", family_name(s->h.family));
	json_key_str(f, &first, "name", s->name);
	json_key_str(f, &first, "table", s->h.table);
	json_key(f, &first, "type");
	json_key_type(s->key, f);
	json_key_u64(f, &first, "handle", s->handle);
	if (s->comment)
		json_key_str(f, &first, "comment", s->comment);
	if (s->objtype) {
		json_key_str(f, &first, "map", obj_type_name(s->objtype));
	} else if (s->data) {
		json_key(f, &first, "map");
		json_data_type(s->data, f);
	}
	if (s->has_policy && s->policy == NFT_SET_POL_MEMORY)
		json_key_str(f, &first, "policy", "memory");
	/* a constant set's size is its elements' count, not listed */
	if (s->size && !(s->flags & NFT_SET_CONSTANT))
		json_key_u64(f, &first, "size", s->size);
	for (i = 0; i < ARRAY_SIZE(flag_names); i++) {
		if (!(s->flags & flag_names[i].flag))
			continue;
		if (!n++) {
			json_key(f, &first, "flags");
			fputc('[', f);
		} else {
			fputs(", ", f);
		}
		json_string(f, flag_names[i].name);
	}
	if (n)
		fputc(']', f);
	if (s->timeout)
		json_key_u64(f, &first, "timeout", s->timeout / 1000);
	if (s->gc_interval)
		json_key_u64(f, &first, "gc-interval", s->gc_interval / 1000);
	if (!ctx->terse && set_load_elems(ctx, s) == 0 && s->elems && s->elems->set.count) {
		json_key(f, &first, "elem");
		json_list_of(ctx, s, s->elems, f);
	}
	if (s->counter) {
		json_key(f, &first, "stmt");
		fputs("[{\"counter\": null}]", f);
	}
	fputs("}}", f);
}

static void json_ct_timeout_policy(const struct obj *o, bool *first, FILE *f)
{
	const char *names[CT_TIMEOUT_STATES_MAX];
	uint32_t seconds[CT_TIMEOUT_STATES_MAX];
	unsigned int i, n = ct_timeout_states(o, names, seconds);
	bool inner = true;

	json_key(f, first, "policy");
	if (!n) {
		fputs("null", f);
		return;
	}
	fputc('{', f);
	for (i = 0; i < n; i++)
		json_key_u64(f, &inner, names[i], seconds[i]);
	fputc('}', f);
}

static void json_obj(const struct obj *o, FILE *f)
{
	const struct stmt *st = o->state;
	const char *names[2];
	bool first = true;
	unsigned int n;
	char buf[4];

	json_item_open(f, obj_type_name(o->type));
	json_key_str(f, &first, "family", family_name(o->h.family));
	json_key_str(f, &first, "name", o->name);
	json_key_str(f, &first, "table", o->h.table);
	json_key_u64(f, &first, "handle", o->handle);
	if (o->comment)
		json_key_str(f, &first, "comment", o->comment);
	switch (o->type) {
	case NFT_OBJECT_COUNTER:
		json_key_u64(f, &first, "packets", st->counter.packets);
		json_key_u64(f, &first, "bytes", st->counter.bytes);
		break;
	case NFT_OBJECT_QUOTA:
		json_key_u64(f, &first, "bytes", st->quota.bytes);
		json_key_u64(f, &first, "used", st->quota.used);
		json_key(f, &first, "inv");
		fputs(st->quota.inverted ? "true" : "false", f);
		break;
	case NFT_OBJECT_LIMIT: {
		const char *unit = NULL;
		uint64_t v = st->limit.rate;

		if (st->limit.bytes)
			v = bytes_in_unit(v, &unit);
		json_key_u64(f, &first, "rate", v);
		json_key_str(f, &first, "per", time_unit_name(st->limit.unit));
		if (st->limit.inverted) {
			json_key(f, &first, "inv");
			fputs("true", f);
		}
		if (st->limit.bytes)
			json_key_str(f, &first, "rate_unit", unit);
		v = st->limit.burst;
		if (st->limit.bytes)
			v = bytes_in_unit(v, &unit);
		json_key_u64(f, &first, "burst", v);
		if (st->limit.bytes)
			json_key_str(f, &first, "burst_unit", unit);
		break;
	}
	case NFT_OBJECT_CT_HELPER:
		/* the event of a deleted helper has no name of its type: the
		 * reference's C library writes a null string as "(null)" */
		json_key_str(f, &first, "type", o->ct_helper.type ? o->ct_helper.type : "(null)");
		json_key_str(f, &first, "protocol", l4proto_name(o->ct_helper.l4proto, buf));
		json_key_str(f, &first, "l3proto", family_name(o->l3proto));
		break;
	case NFT_OBJECT_CT_TIMEOUT:
		json_key_str(f, &first, "protocol", l4proto_name(o->ct_timeout.l4proto, buf));
		json_key_str(f, &first, "l3proto", family_name(o->l3proto));
		json_ct_timeout_policy(o, &first, f);
		break;
	case NFT_OBJECT_CT_EXPECT:
		json_key_str(f, &first, "protocol", l4proto_name(o->ct_expect.l4proto, buf));
		json_key_u64(f, &first, "dport", o->ct_expect.dport);
		json_key_u64(f, &first, "timeout", o->ct_expect.timeout);
		json_key_u64(f, &first, "size", o->ct_expect.size);
		json_key_str(f, &first, "l3proto", family_name(o->l3proto));
		break;
	case NFT_OBJECT_SYNPROXY:
		json_key_u64(f, &first, "mss", st->synproxy.mss);
		json_key_u64(f, &first, "wscale", st->synproxy.wscale);
		n = synproxy_flag_names(st->synproxy.flags, names);
		if (n) {
			json_key(f, &first, "flags");
			json_string_array(f, names, n);
		}
		break;
	case NFT_OBJECT_SECMARK:
		json_key_str(f, &first, "context", o->secmark.ctx ? o->secmark.ctx : "");
		break;
	}
	fputs("}}", f);
}

/* A flowtable: its hook and priority as numbers, its devices; not its
 * flags, which the reference leaves out. */
static void json_flowtable(const struct flowtable *ft, FILE *f)
{
	bool first = true;

	fputs("{\"flowtable\": {", f);
	json_key_str(f, &first, "family", family_name(ft->h.family));
	json_key_str(f, &first, "name", ft->name);
	json_key_str(f, &first, "table", ft->h.table);
	json_key_u64(f, &first, "handle", ft->handle);
	if (ft->has_hook) {
		json_key_str(f, &first, "hook", hook_name(NFPROTO_NETDEV, ft->hooknum));
		json_key(f, &first, "prio");
		fprintf(f, "%d", ft->priority);
	}
	if (ft->ndevices) {
		json_key(f, &first, "dev");
		json_names(f, (const char *const *)ft->devices, ft->ndevices);
	}
	fputs("}}", f);
}

/* ---- Listings ----------------------------------------------------------------- */

static void json_begin(FILE *f)
{
	bool first = true;

	fputs("{\"nftables\": [{\"metainfo\": {", f);
	json_key_str(f, &first, "version", "1.0.6");
	json_key_str(f, &first, "release_name", "Lester Gooch #5");
	json_key_u64(f, &first, "json_schema_version", JSON_SCHEMA_VERSION);
	fputs("}}", f);
}

static void json_end(FILE *f)
{
	fputs("]}\n", f);
}

static bool set_listed(const struct set *s)
{
	return !(s->flags & NFT_SET_ANONYMOUS) && s->key;
}

/* The table, its objects, sets, chains and (with @rules) their rules. */
static void json_table_all(struct nft_ctx *ctx, struct table *t, struct nl_msgs *rules)
{
	const struct flowtable *ft;
	const struct chain *c;
	const struct obj *o;
	struct set *s;

	json_next(ctx->out);
	json_table(t, ctx->out);
	for (o = t->objs; o; o = o->next) {
		json_next(ctx->out);
		json_obj(o, ctx->out);
	}
	for (s = t->sets; s; s = s->next)
		if (set_listed(s)) {
			json_next(ctx->out);
			json_set(ctx, s, ctx->out);
		}
	for (ft = t->flowtables; ft; ft = ft->next) {
		json_next(ctx->out);
		json_flowtable(ft, ctx->out);
	}
	for (c = t->chains; c; c = c->next) {
		json_next(ctx->out);
		json_chain(c, ctx->out);
	}
	for (c = t->chains; c; c = c->next)
		chain_rules_each(ctx, c, rules, json_rule_item);
}

/* What `list` prints, in JSON; the lookups fail as the text listing's do. */
int json_list_cmd(struct nft_ctx *ctx, struct cmd *c)
{
	const struct flowtable *ft = NULL;
	const struct table *ft_table;
	struct nl_msgs rules = { 0 };
	struct table *t = NULL;
	struct chain *ch = NULL;
	struct set *s = NULL;
	struct obj *o = NULL;
	FILE *f = ctx->out;
	int err = 0;

	switch (c->obj) {
	case OBJ_TABLE:
	case OBJ_CHAIN:
	case OBJ_SET:
	case OBJ_MAP:
	case OBJ_METER:
		t = cache_find_table(ctx, c->h.family, c->h.table);
		if (!t) {
			error_at(&c->h.table_loc, "%s", strerror(ENOENT));
			return -1;
		}
		break;
	default:
		if (listing_table_check(ctx, c) < 0)
			return -1;
		break;
	}
	if (c->obj == OBJ_CHAIN) {
		ch = cache_find_chain(t, c->h.chain);
		if (!ch) {
			error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
			return -1;
		}
	}
	if (c->obj == OBJ_SET || c->obj == OBJ_MAP || c->obj == OBJ_METER) {
		s = cache_find_set(t, c->h.chain);
		if (!s || !set_listed_as(s, c->obj)) {
			error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
			return -1;
		}
	}
	if (c->obj == OBJ_FLOWTABLE && flowtable_cmd_lookup(ctx, c, &ft_table, &ft) < 0)
		return -1;
	if (c->obj == OBJ_OBJECT || c->obj == OBJ_OBJECTS) {
		if (obj_cmd_lookup(ctx, c, &t, &o) < 0)
			return -1;
		if (c->op == CMD_RESET && obj_reset(ctx, c) < 0)
			return -1;
	}
	if (c->obj == OBJ_RULESET || c->obj == OBJ_TABLE || c->obj == OBJ_CHAIN) {
		err = load_rules(ctx, c->family_given || t ? c->h.family : NFPROTO_UNSPEC,
				 &rules);
		if (err < 0) {
			nl_msgs_free(&rules);
			fprintf(stderr, "netlink: Error: %s\n", strerror(-err));
			return -1;
		}
	}

	json_begin(f);
	switch (c->obj) {
	case OBJ_RULESET:
		for (t = cache_tables(ctx); t; t = t->next)
			if (listing_has_table(c, t))
				json_table_all(ctx, t, &rules);
		break;
	case OBJ_TABLE:
		json_table_all(ctx, t, &rules);
		break;
	case OBJ_TABLES:
		for (t = cache_tables(ctx); t; t = t->next)
			if (listing_has_table(c, t)) {
				json_next(f);
				json_table(t, f);
			}
		break;
	case OBJ_CHAINS:
		for (t = cache_tables(ctx); t; t = t->next)
			if (listing_has_table(c, t))
				for (ch = t->chains; ch; ch = ch->next) {
					json_next(f);
					json_chain(ch, f);
				}
		break;
	case OBJ_CHAIN:
		json_next(f);
		json_chain(ch, f);
		chain_rules_each(ctx, ch, &rules, json_rule_item);
		break;
	case OBJ_SET:
	case OBJ_MAP:
	case OBJ_METER:
		json_next(f);
		json_set(ctx, s, f);
		break;
	case OBJ_SETS:
	case OBJ_MAPS:
	case OBJ_METERS:
		for (t = cache_tables(ctx); t; t = t->next)
			if (listing_has_table(c, t))
				for (s = t->sets; s; s = s->next)
					if (set_listed_as(s, c->obj)) {
						json_next(f);
						json_set(ctx, s, f);
					}
		break;
	case OBJ_OBJECT:
	case OBJ_OBJECTS:
		/* (a reset brought the objects anew) */
		for (t = cache_tables(ctx); t; t = t->next)
			if (listing_has_table(c, t))
				for (o = t->objs; o; o = o->next) {
					if (o->type != c->obj_type ||
					    (c->obj == OBJ_OBJECT && strcmp(o->name, c->h.chain)))
						continue;
					json_next(f);
					json_obj(o, f);
				}
		break;
	case OBJ_FLOWTABLE:
		json_next(f);
		json_flowtable(ft, f);
		break;
	case OBJ_FLOWTABLES:
		for (t = cache_tables(ctx); t; t = t->next)
			if (listing_has_table(c, t))
				for (ft = t->flowtables; ft; ft = ft->next) {
					json_next(f);
					json_flowtable(ft, f);
				}
		break;
	default:
		break;
	}
	json_end(f);
	nl_msgs_free(&rules);
	return 0;
}

/* ---- Monitor events ------------------------------------------------------- */

/* {"VERB": OBJECT}: an event of `monitor -j`, or of `-j -e`. */
static void json_event_begin(FILE *f, const char *verb)
{
	fprintf(f, "{\"%s\": ", verb);
}

static void json_event_end(FILE *f)
{
	fputc('}', f);
}

void json_event_table(FILE *f, const char *verb, const struct table *t)
{
	json_event_begin(f, verb);
	json_table(t, f);
	json_event_end(f);
}

void json_event_chain(FILE *f, const char *verb, const struct chain *c)
{
	json_event_begin(f, verb);
	json_chain(c, f);
	json_event_end(f);
}

void json_event_rule(struct nft_ctx *ctx, const char *verb, const struct chain *c,
		     const struct nftnl_rule *nlr, const struct rule *r)
{
	json_event_begin(ctx->out, verb);
	json_rule(ctx, c, nlr, r, ctx->out);
	json_event_end(ctx->out);
}

void json_event_set(struct nft_ctx *ctx, const char *verb, struct set *s)
{
	/* a set's event has its declaration; its elements come as their own */
	struct nft_ctx terse = *ctx;

	terse.terse = true;
	json_event_begin(ctx->out, verb);
	json_set(&terse, s, ctx->out);
	json_event_end(ctx->out);
}

void json_event_elems(struct nft_ctx *ctx, const char *verb, const struct set *s,
		      const struct expr *elems)
{
	FILE *f = ctx->out;
	bool first = true;

	json_event_begin(f, verb);
	fputs("{\"element\": {", f);
	json_key_str(f, &first, "family", family_name(s->h.family));
	json_key_str(f, &first, "table", s->h.table);
	json_key_str(f, &first, "name", s->name);
	json_key(f, &first, "elem");
	fputs("{\"set\": ", f);
	json_list_of(ctx, s, elems, f);
	fputs("}}}", f);
	json_event_end(f);
}

void json_event_obj(FILE *f, const char *verb, const struct obj *o)
{
	json_event_begin(f, verb);
	json_obj(o, f);
	json_event_end(f);
}
