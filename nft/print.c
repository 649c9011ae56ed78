// SPDX-License-Identifier: GPL-2.0-or-later
/* Printing: statements and chain heads as the reference lists them. */
#include <inttypes.h>
#include <netdb.h>
#include <stdio.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_log.h>
#include <linux/netfilter/nf_nat.h>
#include <linux/netfilter/nf_synproxy.h>
#include <libnftnl/expr.h>

#include <nlkit/util.h>

#include "ast.h"

static const char *const op_text[] = {
	[OP_EQ] = "==", [OP_NEQ] = "!=", [OP_LT] = "<", [OP_GT] = ">", [OP_LTE] = "<=",
	[OP_GTE] = ">=", [OP_AND] = "&", [OP_OR] = "|", [OP_XOR] = "^", [OP_LSHIFT] = "<<",
	[OP_RSHIFT] = ">>", [OP_NEG] = "!",
};

/* ---- Words the text and the JSON listings share -------------------------- */

struct flag_word {
	uint32_t flag;
	const char *name;
};

/* The names of the bits of @flags that @words has, in its order. */
static unsigned int flag_words(const struct flag_word *words, size_t count, uint32_t flags,
			       const char **names)
{
	unsigned int n = 0;
	size_t i;

	for (i = 0; i < count; i++)
		if (flags & words[i].flag)
			names[n++] = words[i].name;
	return n;
}

unsigned int fib_flag_names(uint32_t flags, const char *names[FIB_FLAG_WORDS])
{
	static const struct flag_word words[FIB_FLAG_WORDS] = {
		{ NFTA_FIB_F_SADDR, "saddr" }, { NFTA_FIB_F_DADDR, "daddr" },
		{ NFTA_FIB_F_MARK, "mark" }, { NFTA_FIB_F_IIF, "iif" }, { NFTA_FIB_F_OIF, "oif" },
	};

	return flag_words(words, ARRAY_SIZE(words), flags, names);
}

unsigned int nat_flag_names(uint32_t flags, const char *names[NAT_FLAG_WORDS])
{
	static const struct flag_word words[NAT_FLAG_WORDS] = {
		{ NF_NAT_RANGE_PROTO_RANDOM, "random" },
		{ NF_NAT_RANGE_PROTO_RANDOM_FULLY, "fully-random" },
		{ NF_NAT_RANGE_PERSISTENT, "persistent" },
	};

	return flag_words(words, ARRAY_SIZE(words), flags, names);
}

const char *nat_kind_name(enum nat_kind kind)
{
	static const char *const names[] = {
		[NAT_SNAT] = "snat", [NAT_DNAT] = "dnat", [NAT_MASQ] = "masquerade",
		[NAT_REDIR] = "redirect",
	};

	return names[kind];
}

const char *dynset_op_name(unsigned int op)
{
	static const char *const names[] = {
		[NFT_DYNSET_OP_ADD] = "add", [NFT_DYNSET_OP_UPDATE] = "update",
		[NFT_DYNSET_OP_DELETE] = "delete",
	};

	return names[op];
}

const char *log_level_name(unsigned int level)
{
	static const char *const names[] = {
		"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug", "audit",
	};

	return level < ARRAY_SIZE(names) ? names[level] : NULL;
}

const char *time_unit_name(uint64_t seconds)
{
	switch (seconds) {
	case 60:
		return "minute";
	case 3600:
		return "hour";
	case 86400:
		return "day";
	case 604800:
		return "week";
	default:
		return "second";
	}
}

uint64_t bytes_in_unit(uint64_t n, const char **unit)
{
	if (n && n % (1024 * 1024) == 0) {
		*unit = "mbytes";
		return n / (1024 * 1024);
	}
	if (n && n % 1024 == 0) {
		*unit = "kbytes";
		return n / 1024;
	}
	*unit = "bytes";
	return n;
}

/* ---- Text ----------------------------------------------------------------- */

/* @n of @names joined by @sep. */
static void print_joined(const char *const *names, unsigned int n, const char *sep, FILE *f)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		fprintf(f, "%s%s", i ? sep : "", names[i]);
}

static void print_fib_flags(unsigned int flags, FILE *f)
{
	const char *names[FIB_FLAG_WORDS];

	print_joined(names, fib_flag_names(flags, names), " . ", f);
}

bool is_flag_combination(const struct expr *v)
{
	return v->kind == EXPR_VALUE && v->dtype && (v->dtype->flags & TYPE_F_FLAGS) &&
	       v->dtype->symbols && __builtin_popcountll(value_u64(v)) > 1;
}

bool concat_mask_is_number(const struct expr *part)
{
	return part->kind == EXPR_BINOP && part->binop.op == OP_AND &&
	       is_flag_combination(part->binop.right) &&
	       part->binop.right->byteorder == BYTEORDER_BIG;
}

void print_flags_or(struct nft_ctx *ctx, const struct expr *v, FILE *f)
{
	uint64_t x = value_u64(v), bit;
	const char *sep = "";

	if (!ctx->numeric) {
		print_flag_names(v, " | ", f);
		return;
	}
	for (bit = 1; bit && bit <= x; bit <<= 1) {
		if (x & bit) {
			fprintf(f, "%s0x%llx", sep, (unsigned long long)bit);
			sep = " | ";
		}
	}
}

void print_expr(struct nft_ctx *ctx, const struct expr *e, FILE *f)
{
	switch (e->kind) {
	case EXPR_VALUE:
		print_value(ctx, e, f);
		break;
	case EXPR_SYMBOL:
		if (e->sym.quoted)
			fprintf(f, "\"%s\"", e->sym.text);
		else
			fputs(e->sym.text, f);
		break;
	case EXPR_PAYLOAD:
		fprintf(f, "%s %s", e->payload.desc->name, e->payload.field->name);
		break;
	case EXPR_META:
		if (e->meta.key->unqualified)
			fputs(e->meta.key->name, f);
		else
			fprintf(f, "meta %s", e->meta.key->name);
		break;
	case EXPR_CT:
		fputs("ct ", f);
		if (e->ct.dir >= 0)
			fputs(e->ct.dir ? "reply " : "original ", f);
		if (!e->ct.key->len || e->ct.key->nfproto)
			fputs(e->ct.nfproto == NFPROTO_IPV6 ? "ip6 " : "ip ", f);
		fputs(e->ct.key->name, f);
		break;
	case EXPR_RT:
		fputs(e->rt.key == NFT_RT_CLASSID ? "rt classid" :
		      e->rt.key == NFT_RT_NEXTHOP4 ? "rt ip nexthop" :
		      e->rt.key == NFT_RT_NEXTHOP6 ? "rt ip6 nexthop" : "rt mtu", f);
		break;
	case EXPR_FIB:
		fputs("fib ", f);
		print_fib_flags(e->fib.flags, f);
		fputs(e->fib.result == NFT_FIB_RESULT_OIF ? " oif" :
		      e->fib.result == NFT_FIB_RESULT_OIFNAME ? " oifname" : " type", f);
		break;
	case EXPR_NUMGEN:
		fprintf(f, "numgen %s mod %u", e->numgen.type == NFT_NG_INCREMENTAL ? "inc" :
			"random", e->numgen.mod);
		if (e->numgen.offset)
			fprintf(f, " offset %u", e->numgen.offset);
		break;
	case EXPR_HASH:
		if (e->hash.type == NFT_HASH_SYM) {
			fputs("symhash", f);
		} else {
			fputs("jhash ", f);
			print_expr(ctx, e->hash.arg, f);
		}
		fprintf(f, " mod %u", e->hash.mod);
		if (e->hash.seed_set)
			fprintf(f, " seed 0x%x", e->hash.seed);
		if (e->hash.offset)
			fprintf(f, " offset %u", e->hash.offset);
		break;
	case EXPR_MAP:
		print_expr(ctx, e->map.key, f);
		fputs(" map ", f);
		print_expr(ctx, e->map.set, f);
		break;
	case EXPR_EXTHDR:
		fprintf(f, "tcp option %s", e->exthdr.field->option);
		if (!e->exthdr.present)
			fprintf(f, " %s", e->exthdr.field->name);
		break;
	case EXPR_SOCKET:
		fputs(e->socket.key == NFT_SOCKET_MARK ? "socket mark" :
		      e->socket.key == NFT_SOCKET_WILDCARD ? "socket wildcard" :
		      "socket transparent", f);
		break;
	case EXPR_OSF:
		fputs("osf", f);
		if (osf_ttl_name(e->osf.ttl))
			fprintf(f, " ttl %s", osf_ttl_name(e->osf.ttl));
		fputs(e->osf.flags & NFT_OSF_F_VERSION ? " version" : " name", f);
		break;
	case EXPR_PREFIX:
		if (is_string_type(e->dtype)) {
			fprintf(f, "\"%.*s*\"", (int)strnlen((const char *)
				e->prefix.expr->value.data, e->prefix.plen / 8),
				(const char *)e->prefix.expr->value.data);
			break;
		}
		print_expr(ctx, e->prefix.expr, f);
		fprintf(f, "/%u", e->prefix.plen);
		break;
	case EXPR_RANGE: {
		/* the reference lists a range's ends as numbers: icmp type 0-8,
		 * not echo-reply-echo-request, even under -S, -u and -N */
		struct nft_ctx as_numbers = *ctx;

		as_numbers.numeric = as_numbers.numeric_proto = as_numbers.numeric_time = true;
		as_numbers.service_names = as_numbers.user_names = as_numbers.reverse_dns = false;
		print_expr(&as_numbers, e->range.low, f);
		fputc('-', f);
		print_expr(&as_numbers, e->range.high, f);
		break;
	}
	case EXPR_BINOP:
		print_expr(ctx, e->binop.left, f);
		fprintf(f, " %s ", op_text[e->binop.op]);
		if (is_flag_combination(e->binop.right)) {
			fputc('(', f);
			print_flags_or(ctx, e->binop.right, f);
			fputc(')', f);
		} else {
			print_expr(ctx, e->binop.right, f);
		}
		break;
	case EXPR_SET:
	case EXPR_LIST: {
		const struct expr *el;

		fputs("{ ", f);
		for (el = e->set.elems; el; el = el->next) {
			print_elem(ctx, el, f);
			if (el->next)
				fputs(", ", f);
		}
		fputs(" }", f);
		break;
	}
	case EXPR_CONCAT: {
		const struct expr *part;

		for (part = e->set.elems; part; part = part->next) {
			if (concat_mask_is_number(part)) {
				print_expr(ctx, part->binop.left, f);
				fprintf(f, " & 0x%0*llx", (int)expr_bytes(part->binop.right) * 2,
					(unsigned long long)value_u64(part->binop.right));
			} else {
				print_expr(ctx, part, f);
			}
			if (part->next)
				fputs(" . ", f);
		}
		break;
	}
	case EXPR_SET_REF:
		fprintf(f, "@%s", e->set_ref.name);
		break;
	case EXPR_MAPPING:
	case EXPR_SET_ELEM:
		print_elem(ctx, e, f);
		break;
	case EXPR_VERDICT:
		switch (e->verdict.code) {
		case NF_ACCEPT:
			fputs("accept", f);
			break;
		case NF_DROP:
			fputs("drop", f);
			break;
		case NFT_CONTINUE:
			fputs("continue", f);
			break;
		case NFT_RETURN:
			fputs("return", f);
			break;
		case NFT_JUMP:
			fprintf(f, "jump %s", e->verdict.chain);
			break;
		case NFT_GOTO:
			fprintf(f, "goto %s", e->verdict.chain);
			break;
		}
		break;
	}
}

static bool is_flag_value(const struct expr *v)
{
	return v->kind == EXPR_VALUE && v->dtype && v->dtype->flags & TYPE_F_FLAGS &&
	       v->dtype->symbols;
}

static void print_flags_equal(struct nft_ctx *ctx, const struct expr *v, FILE *f)
{
	uint64_t x = value_u64(v);
	const struct symbolic_constant *s;

	if (__builtin_popcountll(x) > 1 && v->byteorder == BYTEORDER_HOST) {
		print_flags_or(ctx, v, f);
		return;
	}
	fputs("== ", f);
	for (s = v->dtype->symbols; !ctx->numeric && s->name; s++) {
		if (s->value == x) {
			fputs(s->name, f);
			return;
		}
	}
	fprintf(f, "0x%llx", (unsigned long long)x);
}

static void print_match(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	const struct expr *l = s->match.left;

	/* A flag field masked and compared prints as "value / mask". */
	if (l->kind == EXPR_BINOP && l->binop.op == OP_AND &&
	    (s->match.op == OP_EQ || s->match.op == OP_NEQ) &&
	    l->dtype && l->dtype->flags & TYPE_F_FLAGS && s->match.right->kind == EXPR_VALUE) {
		print_expr(ctx, l->binop.left, f);
		fputs(s->match.op == OP_NEQ ? " != " : " ", f);
		print_expr(ctx, s->match.right, f);
		fputs(" / ", f);
		print_expr(ctx, l->binop.right, f);
		return;
	}
	print_expr(ctx, l, f);
	fputc(' ', f);
	/* A flag field equal to a value: "== syn", or "== 0x12" for more
	 * flags than one; the flags of a host's word are "a | b" alone. */
	if (s->match.op == OP_EQ && l->kind != EXPR_BINOP && is_flag_value(s->match.right)) {
		print_flags_equal(ctx, s->match.right, f);
		return;
	}
	if (s->match.op != OP_IMPLICIT && (s->match.op != OP_EQ || l->kind == EXPR_BINOP))
		fprintf(f, "%s ", op_text[s->match.op]);
	print_expr(ctx, s->match.right, f);
}

static void print_bytes(uint64_t n, FILE *f)
{
	const char *unit;
	uint64_t count = bytes_in_unit(n, &unit);

	fprintf(f, "%" PRIu64 " %s", count, unit);
}

static void print_log(const struct stmt *s, FILE *f)
{
	unsigned int p = s->log.present;

	fputs("log", f);
	if (p & 1 << NFTNL_EXPR_LOG_PREFIX)
		fprintf(f, " prefix \"%s\"", s->log.prefix);
	if (p & 1 << NFTNL_EXPR_LOG_GROUP)
		fprintf(f, " group %u", s->log.group);
	if (p & 1 << NFTNL_EXPR_LOG_SNAPLEN)
		fprintf(f, " snaplen %u", s->log.snaplen);
	if (p & 1 << NFTNL_EXPR_LOG_QTHRESHOLD)
		fprintf(f, " queue-threshold %u", s->log.qthreshold);
	if (p & 1 << NFTNL_EXPR_LOG_LEVEL && s->log.level != 4 && log_level_name(s->log.level))
		fprintf(f, " level %s", log_level_name(s->log.level));
	if (p & 1 << NFTNL_EXPR_LOG_FLAGS && s->log.flags) {
		uint32_t fl = s->log.flags;
		const char *sep = " flags ";

		if ((fl & NF_LOG_MASK) == NF_LOG_MASK) {
			fputs(" flags all", f);
			return;
		}
		if (fl & (NF_LOG_TCPSEQ | NF_LOG_TCPOPT)) {
			fputs(sep, f);
			fputs(fl & NF_LOG_TCPSEQ ? "tcp sequence" : "tcp options", f);
			if ((fl & (NF_LOG_TCPSEQ | NF_LOG_TCPOPT)) == (NF_LOG_TCPSEQ | NF_LOG_TCPOPT))
				fputs(",options", f);
			sep = ",";
		}
		if (fl & NF_LOG_IPOPT) {
			fprintf(f, "%sip options", sep);
			sep = ",";
		}
		if (fl & NF_LOG_UID) {
			fprintf(f, "%sskuid", sep);
			sep = ",";
		}
		if (fl & NF_LOG_MACDECODE)
			fprintf(f, "%sether", sep);
	}
}

static void print_nat_flags(uint32_t flags, FILE *f)
{
	const char *names[NAT_FLAG_WORDS];
	unsigned int n = nat_flag_names(flags, names);

	if (n)
		fputc(' ', f);
	print_joined(names, n, ",", f);
}

static void print_nat(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	/* (a prefix as the reference lists it: ::4/127:80) */
	bool bracketed = s->nat.addr && s->nat.port && s->nat.family == NFPROTO_IPV6 &&
			 s->nat.addr->kind != EXPR_PREFIX;

	fputs(nat_kind_name(s->nat.kind), f);
	if (s->nat.family_listed)
		fputs(s->nat.family == NFPROTO_IPV6 ? " ip6" : " ip", f);
	if (s->nat.addr || s->nat.port)
		fputs(" to ", f);
	if (bracketed && s->nat.addr->kind == EXPR_RANGE) {
		/* each bound apart: [::1]-[::2]:80 */
		fputc('[', f);
		print_expr(ctx, s->nat.addr->range.low, f);
		fputs("]-[", f);
		print_expr(ctx, s->nat.addr->range.high, f);
		fputc(']', f);
	} else if (bracketed) {
		fputc('[', f);
		print_expr(ctx, s->nat.addr, f);
		fputc(']', f);
	} else if (s->nat.addr) {
		print_expr(ctx, s->nat.addr, f);
	}
	if (s->nat.port) {
		fputc(':', f);
		print_expr(ctx, s->nat.port, f);
	}
	print_nat_flags(s->nat.flags, f);
}

/* An IPv6 address is bracketed, with a port or without. */
static void print_tproxy(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	bool bracketed = s->tproxy.family == NFPROTO_IPV6;

	fputs("tproxy", f);
	if (s->tproxy.family_listed)
		fputs(s->tproxy.family == NFPROTO_IPV6 ? " ip6" : " ip", f);
	fputs(" to ", f);
	if (s->tproxy.addr) {
		if (bracketed)
			fputc('[', f);
		print_expr(ctx, s->tproxy.addr, f);
		if (bracketed)
			fputc(']', f);
	}
	if (s->tproxy.port) {
		fputc(':', f);
		print_expr(ctx, s->tproxy.port, f);
	}
}

static void print_reject(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	struct expr v = { .kind = EXPR_VALUE, .byteorder = BYTEORDER_BIG, .len = 8 };

	fputs("reject", f);
	switch (s->reject.type) {
	case NFT_REJECT_TCP_RST:
		fputs(" with tcp reset", f);
		return;
	case NFT_REJECT_ICMPX_UNREACH:
		if (s->reject.icmp_code == 1)
			return;
		v.dtype = &icmpx_code_type;
		fputs(" with icmpx ", f);
		break;
	default:
		if (s->reject.code_type == &icmpv6_code_type) {
			if (s->reject.icmp_code == 4 && !s->reject.code_listed)
				return;
			v.dtype = &icmpv6_code_type;
			fputs(" with icmpv6 ", f);
		} else {
			if (s->reject.icmp_code == 3 && !s->reject.code_listed)
				return;
			v.dtype = &icmp_code_type;
			fputs(" with icmp ", f);
		}
		break;
	}
	value_set_u64(&v, s->reject.icmp_code);
	print_value(ctx, &v, f);
}

void print_stmt(struct nft_ctx *ctx, const struct stmt *s, FILE *f)
{
	switch (s->kind) {
	case STMT_MATCH:
		print_match(ctx, s, f);
		break;
	case STMT_VERDICT:
		print_expr(ctx, s->verdict.expr, f);
		break;
	case STMT_COUNTER:
		if (ctx->stateless)
			fputs("counter", f);
		else
			fprintf(f, "counter packets %" PRIu64 " bytes %" PRIu64, s->counter.packets,
				s->counter.bytes);
		break;
	case STMT_META_SET:
	case STMT_CT_SET:
	case STMT_PAYLOAD_SET:
	case STMT_EXTHDR_SET:
		print_expr(ctx, s->set.key, f);
		fputs(" set ", f);
		/* flags a header gets, the reference writes as their | */
		if (s->kind == STMT_PAYLOAD_SET && is_flag_combination(s->set.value))
			print_flags_or(ctx, s->set.value, f);
		else
			print_expr(ctx, s->set.value, f);
		break;
	case STMT_NOTRACK:
		fputs("notrack", f);
		break;
	case STMT_LIMIT:
		fprintf(f, "limit rate %s", s->limit.inverted ? "over " : "");
		if (s->limit.bytes) {
			print_bytes(s->limit.rate, f);
			fprintf(f, "/%s", time_unit_name(s->limit.unit));
			if (s->limit.burst) {
				fputs(" burst ", f);
				print_bytes(s->limit.burst, f);
			}
		} else {
			fprintf(f, "%" PRIu64 "/%s", s->limit.rate, time_unit_name(s->limit.unit));
			if (s->limit.burst != 5)
				fprintf(f, " burst %u packets", s->limit.burst);
		}
		break;
	case STMT_LOG:
		print_log(s, f);
		break;
	case STMT_REJECT:
		print_reject(ctx, s, f);
		break;
	case STMT_NAT:
		print_nat(ctx, s, f);
		break;
	case STMT_TPROXY:
		print_tproxy(ctx, s, f);
		break;
	case STMT_DUP:
	case STMT_FWD:
		fputs(s->kind == STMT_DUP ? "dup to " : "fwd to ", f);
		if (s->dup.addr)
			print_expr(ctx, s->dup.addr, f);
		if (s->dup.addr && s->dup.dev)
			fputs(" device ", f);
		if (s->dup.dev)
			print_expr(ctx, s->dup.dev, f);
		break;
	case STMT_QUOTA:
		fprintf(f, "quota %s", s->quota.inverted ? "over " : "");
		print_bytes(s->quota.bytes, f);
		if (s->quota.used && !ctx->stateless) {
			fputs(" used ", f);
			print_bytes(s->quota.used, f);
		}
		break;
	case STMT_VMAP:
		print_expr(ctx, s->vmap.key, f);
		fputs(" vmap ", f);
		print_expr(ctx, s->vmap.map, f);
		break;
	case STMT_DYNSET: {
		const struct set *meter = s->dynset.set->set_ref.set;
		const struct stmt *x;

		if (stmt_is_meter(s)) {
			fprintf(f, "meter %s", meter->name);
			if (meter->size)
				fprintf(f, " size %u", meter->size);
		} else {
			fprintf(f, "%s ", dynset_op_name(s->dynset.op));
			print_expr(ctx, s->dynset.set, f);
		}
		fputs(" { ", f);
		print_expr(ctx, s->dynset.key, f);
		if (s->dynset.timeout) {
			struct expr *v = value_new(NULL, &time_type, BYTEORDER_HOST, 64);

			value_set_u64(v, s->dynset.timeout);
			fputs(" timeout ", f);
			print_value(ctx, v, f);
			expr_free(v);
		}
		/* the statements of the elements a rule adds list without values */
		for (x = s->dynset.stmts; x; x = x->next) {
			struct nft_ctx stateless = *ctx;

			stateless.stateless = true;
			fputc(' ', f);
			print_stmt(&stateless, x, f);
		}
		if (s->dynset.data) {
			fputs(" : ", f);
			print_expr(ctx, s->dynset.data, f);
		}
		fputs(" }", f);
		break;
	}
	case STMT_OBJREF:
		fprintf(f, "%s ", obj_kind_of(s->objref.type)->ref);
		if (s->objref.expr)
			print_expr(ctx, s->objref.expr, f);
		else
			fprintf(f, "\"%s\"", s->objref.name);
		break;
	case STMT_FLOW_OFFLOAD:
		fprintf(f, "flow add @%s", s->flow.flowtable);
		break;
	case STMT_SYNPROXY:
		fputs("synproxy", f);
		/* either of mss and wscale brings both */
		if (s->synproxy.flags & (NF_SYNPROXY_OPT_MSS | NF_SYNPROXY_OPT_WSCALE))
			fprintf(f, " mss %u wscale %u", s->synproxy.mss, s->synproxy.wscale);
		if (s->synproxy.flags & NF_SYNPROXY_OPT_TIMESTAMP)
			fputs(" timestamp", f);
		if (s->synproxy.flags & NF_SYNPROXY_OPT_SACK_PERM)
			fputs(" sack-perm", f);
		break;
	case STMT_CONNLIMIT:
		fprintf(f, "ct count %s%u", s->connlimit.inverted ? "over " : "",
			s->connlimit.count);
		break;
	case STMT_QUEUE:
		fputs("queue", f);
		if (s->queue.flags)
			fputs(" flags ", f);
		if (s->queue.flags & NFT_QUEUE_FLAG_BYPASS)
			fprintf(f, "bypass%s", s->queue.flags & NFT_QUEUE_FLAG_CPU_FANOUT ? "," : "");
		if (s->queue.flags & NFT_QUEUE_FLAG_CPU_FANOUT)
			fputs("fanout", f);
		if (s->queue.qnum) {
			fputs(" to ", f);
			print_expr(ctx, s->queue.qnum, f);
		}
		break;
	default:
		break;
	}
}

void print_rule_stmts(struct nft_ctx *ctx, const struct rule *r, FILE *f)
{
	const struct stmt *s;

	for (s = r->stmts; s; s = s->next) {
		print_stmt(ctx, s, f);
		if (s->next)
			fputc(' ', f);
	}
	if (r->comment)
		fprintf(f, " comment \"%s\"", r->comment);
}

void print_chain_head(struct nft_ctx *ctx, const struct chain *c, FILE *f, const char *indent)
{
	unsigned int i;

	if (c->comment)
		fprintf(f, "%scomment \"%s\"\n", indent, c->comment);
	if (!c->base)
		return;
	fprintf(f, "%stype %s hook %s", indent, c->type, hook_name(c->h.family, c->hooknum));
	if (c->ndevices == 1) {
		fprintf(f, " device \"%s\"", c->devices[0]);
	} else if (c->ndevices > 1) {
		fputs(" devices = { ", f);
		for (i = 0; i < c->ndevices; i++)
			fprintf(f, "%s%s", i ? ", " : "", c->devices[i]);
		fputs(" }", f);
	}
	fputs(" priority ", f);
	priority_print(ctx, c->h.family, c->hooknum, c->priority, f);
	fprintf(f, "; policy %s;\n", c->policy == NF_DROP ? "drop" : "accept");
}

/* ---- describe -------------------------------------------------------------- */

/* The reference's names of the kinds of expression describe is given. */
static const char *const describe_kind_names[] = {
	[EXPR_SYMBOL] = "symbol", [EXPR_PAYLOAD] = "payload", [EXPR_META] = "meta",
	[EXPR_CT] = "ct", [EXPR_RT] = "rt", [EXPR_FIB] = "fib", [EXPR_NUMGEN] = "numgen",
	[EXPR_HASH] = "hash", [EXPR_SOCKET] = "socket", [EXPR_EXTHDR] = "exthdr",
	[EXPR_OSF] = "osf", [EXPR_BINOP] = "binop",
};

/*
 * The type of expression @e as parsed, and its width in *@len; NULL when
 * evaluation gives it one: conntrack addresses and ports by the packet's
 * protocols, a route's next hop by its family.  An operation has its left
 * operand's type and, not yet folded, no width; a TCP option alone is its
 * kind byte (which its presence is compared with).
 */
static const struct datatype *described_type(const struct expr *e, unsigned int *len,
					     enum byteorder *order)
{
	if (e->kind == EXPR_BINOP) {
		const struct datatype *dt = described_type(e->binop.left, len, order);

		*len = 0;
		return dt;
	}
	*len = e->len;
	*order = e->byteorder;
	if (e->kind == EXPR_SYMBOL || (e->kind == EXPR_RT && !e->len) ||
	    (e->kind == EXPR_CT && e->ct.key->needs_dir && !e->ct.key->nfproto))
		return NULL;
	if (e->kind == EXPR_EXTHDR && e->exthdr.present) {
		*len = e->exthdr.field->len;
		return &integer_type;
	}
	return e->dtype;
}

/* A protocol's name by its number, as /etc/protocols has them. */
static void describe_protocols(FILE *f)
{
	struct protoent *pe;
	unsigned int n;

	for (n = 0; n < 256; n++)
		if ((pe = getprotobynumber(n)))
			fprintf(f, "\t%-30s\t%u\n", pe->p_name, n);
}

/*
 * The symbols of @dt with their values.  A value of network byte order
 * is shown as the reference keeps it, in that order, when no expression
 * (@order) says the bytes are so: as they sit in memory.
 */
static void describe_symbols(const struct datatype *dt, enum byteorder order, FILE *f)
{
	bool hex = dt->flags & TYPE_F_HEX_SYMBOLS;
	const struct symbolic_constant *s;
	struct expr *v = value_new(NULL, dt, dt->byteorder, dt->size);
	uint64_t x;

	fprintf(f, "\npre-defined symbolic constants (in %s):\n", hex ? "hexadecimal" : "decimal");
	for (s = dt->symbols; s->name; s++) {
		value_set_u64(v, s->value);
		if (order != BYTEORDER_BIG)
			v->byteorder = BYTEORDER_HOST;
		x = value_u64(v);
		v->byteorder = dt->byteorder;
		if (hex)
			fprintf(f, "\t%-30s\t0x%0*" PRIx64 "\n", s->name, 2 * expr_bytes(v), x);
		else
			fprintf(f, "\t%-30s\t%20" PRIu64 "\n", s->name, x);
	}
	expr_free(v);
}

void describe_expr(const struct expr *e, FILE *f)
{
	const struct datatype *dt = NULL, *base;
	enum byteorder order = BYTEORDER_INVALID;
	unsigned int len;
	bool named;

	/* a symbol naming a type describes the type, in bits */
	named = e->kind == EXPR_SYMBOL && !e->sym.variable && (dt = datatype_find(e->sym.text));
	if (named) {
		len = dt->size;
	} else {
		dt = described_type(e, &len, &order);
		fprintf(f, "%s expression, ",
			e->kind == EXPR_SYMBOL && e->sym.variable ? "variable" :
								  describe_kind_names[e->kind]);
		/* of an expression without a type, the reference tells no
		 * more, nor ends the line */
		if (!dt) {
			fprintf(f, "datatype %s (%s)", invalid_type.name, invalid_type.desc);
			return;
		}
	}
	fprintf(f, "datatype %s (%s)", dt->name, dt->desc);
	if (dt->basetype) {
		fputs(" (basetype ", f);
		for (base = dt->basetype; base; base = base->basetype)
			fprintf(f, "%s%s", base == dt->basetype ? "" : ", ", base->desc);
		fputc(')', f);
	}
	if (!named && is_string_type(dt))
		fprintf(f, ", %u characters\n", len / 8);
	else
		fprintf(f, ", %u bits\n", len);
	if (dt == &inet_proto_type)
		describe_protocols(f);
	else if (dt->symbols)
		describe_symbols(dt, order, f);
}
