// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nft monitor trace: the packets `meta nftrace set 1` marks, as the kernel
 * reports their way through the chains (NFT_MSG_TRACE), printed as the
 * reference prints them whatever -j says:
 *
 *   trace id ID FAMILY TABLE CHAIN packet: iif "lo" ip saddr ... tcp dport 22
 *   trace id ID FAMILY TABLE CHAIN rule RULE (verdict VERDICT)
 *   trace id ID FAMILY TABLE CHAIN policy VERDICT [meta mark MARK]
 *
 * The packet line decodes the headers the kernel copied, field by field,
 * as matches; what no field covers is a raw payload (@th,64,32 0x...).
 * A rule is named by its handle: its text is that of the ruleset as the
 * monitor found it at its start, the reference's cache of rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_arp.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <libnftnl/rule.h>
#include <libnftnl/trace.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ast.h"

/* ---- The rules a trace names ------------------------------------------------ */

struct trace_rule {
	unsigned int family;
	char *table, *chain;
	uint64_t handle;
	char *text;			/* the statements, as listed */
	struct trace_rule *next;
};

#define TRACE_RULE_BUCKETS 256

struct trace_rules {
	struct trace_rule *buckets[TRACE_RULE_BUCKETS];	/* by handle */
};

int trace_rules_load(struct nft_ctx *ctx)
{
	struct nl_msgs msgs = { 0 };
	struct nlmsghdr *nlh;
	int err;

	ctx->trace_rules = xcalloc(1, sizeof(*ctx->trace_rules));
	err = load_rules(ctx, NFPROTO_UNSPEC, &msgs);
	nl_msgs_for_each(&msgs, nlh) {
		struct nftnl_rule *nlr = nftnl_rule_alloc();
		struct trace_rule *tr;
		struct rule *r;
		size_t len = 0;
		FILE *m;

		/* (a rule without its table or chain is no kernel's) */
		if (parse_kernel_rule(nlh, nlr) < 0) {
			nftnl_rule_free(nlr);
			continue;
		}
		tr = xcalloc(1, sizeof(*tr));
		tr->family = nftnl_rule_get_u32(nlr, NFTNL_RULE_FAMILY);
		tr->table = xstrdup(nftnl_rule_get_str(nlr, NFTNL_RULE_TABLE));
		tr->chain = xstrdup(nftnl_rule_get_str(nlr, NFTNL_RULE_CHAIN));
		tr->handle = nftnl_rule_get_u64(nlr, NFTNL_RULE_HANDLE);
		r = delinearize_rule(ctx, nlr, tr->family);
		m = open_memstream(&tr->text, &len);
		if (r)
			print_rule_stmts(ctx, r, m);
		else
			fputs("# unknown rule", m);
		fclose(m);
		if (r)
			rule_free(r);
		nftnl_rule_free(nlr);
		tr->next = ctx->trace_rules->buckets[tr->handle % TRACE_RULE_BUCKETS];
		ctx->trace_rules->buckets[tr->handle % TRACE_RULE_BUCKETS] = tr;
	}
	nl_msgs_free(&msgs);
	return err;
}

static void trace_rule_free(struct trace_rule *tr)
{
	free(tr->table);
	free(tr->chain);
	free(tr->text);
	free(tr);
}

void trace_rules_forget_table(struct nft_ctx *ctx, unsigned int family, const char *table)
{
	struct trace_rule **p, *tr;
	size_t i;

	for (i = 0; ctx->trace_rules && i < TRACE_RULE_BUCKETS; i++) {
		for (p = &ctx->trace_rules->buckets[i]; (tr = *p);) {
			if (tr->family == family && !strcmp(tr->table, table)) {
				*p = tr->next;
				trace_rule_free(tr);
			} else {
				p = &tr->next;
			}
		}
	}
}

void trace_rules_free(struct nft_ctx *ctx)
{
	struct trace_rule *tr, *next;
	size_t i;

	for (i = 0; ctx->trace_rules && i < TRACE_RULE_BUCKETS; i++) {
		for (tr = ctx->trace_rules->buckets[i]; tr; tr = next) {
			next = tr->next;
			trace_rule_free(tr);
		}
	}
	free(ctx->trace_rules);
	ctx->trace_rules = NULL;
}

static const struct trace_rule *trace_rule_find(const struct nft_ctx *ctx, unsigned int family,
						const char *table, const char *chain,
						uint64_t handle)
{
	const struct trace_rule *tr;

	for (tr = ctx->trace_rules->buckets[handle % TRACE_RULE_BUCKETS]; tr; tr = tr->next)
		if (tr->handle == handle && tr->family == family && !strcmp(tr->table, table) &&
		    !strcmp(tr->chain, chain))
			return tr;
	return NULL;
}

/* ---- The packet's headers ------------------------------------------------- */

/*
 * How the reference shows a protocol's header: the fields it names, in its
 * order; it leaves the others out (versions, lengths of headers,
 * checksums, sequence numbers).
 */
struct header_view {
	const struct proto_desc *desc;
	const char *shown[8];
};

static const struct header_view header_views[] = {
	{ &proto_ether, { "saddr", "daddr", "type" } },
	{ &proto_vlan, { "pcp", "dei", "id", "type" } },
	{ &proto_arp, { "operation" } },
	{ &proto_ip, { "saddr", "daddr", "dscp", "ecn", "ttl", "id", "protocol", "length" } },
	{ &proto_ip6, { "saddr", "daddr", "dscp", "ecn", "hoplimit", "flowlabel", "nexthdr",
			"length" } },
	{ &proto_icmp, { "type", "code", "id", "sequence" } },
	{ &proto_icmp6, { "type", "code", "parameter-problem" } },
	{ &proto_tcp, { "sport", "dport", "flags", "window" } },
	{ &proto_udp, { "sport", "dport", "length" } },
};

static const struct header_view *view_of(const struct proto_desc *d)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(header_views); i++)
		if (header_views[i].desc == d)
			return &header_views[i];
	return NULL;
}

/* The protocol of @layer that number @protocol (an ether type, an IP
 * protocol) names, among those a trace decodes. */
static const struct proto_desc *view_by_number(enum proto_layer layer, unsigned int protocol)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(header_views); i++)
		if (header_views[i].desc->layer == layer &&
		    header_views[i].desc->protocol == protocol)
			return header_views[i].desc;
	return NULL;
}

/* Where a shown field goes among its header's: its place in the view. */
static int shown_rank(const struct header_view *v, const struct proto_field *f)
{
	int i;

	for (i = 0; i < (int)ARRAY_SIZE(v->shown) && v->shown[i]; i++)
		if (!strcmp(v->shown[i], f->name))
			return i;
	return -1;
}

/* One field of a header as a match: field == its value in the packet. */
struct decoded_field {
	const struct proto_desc *desc;
	const struct proto_field *field;
	int rank;
	bool implied;			/* a type the next fields' protocol implies */
	struct stmt *match;
};

/* A header (one of the kernel's copies) decoded: its fields, what they
 * lead to, and the bytes no field covers. */
struct decoded_header {
	unsigned int base;		/* NFT_PAYLOAD_*_HEADER */
	const uint8_t *data;
	unsigned int bits;
	struct decoded_field fields[32];
	unsigned int nfields, nshown;
	int type_field;			/* the field naming the next header, or -1 */
	uint64_t next_protocol;
	unsigned int raw_from;		/* bits; == bits when all decoded */
};

static uint64_t bits_at(const uint8_t *data, unsigned int off, unsigned int len)
{
	uint64_t x = 0;
	unsigned int i;

	for (i = off; i < off + len; i++)
		x = x << 1 | ((data[i / 8] >> (7 - i % 8)) & 1);
	return x;
}

static struct stmt *field_match(const struct proto_desc *d, const struct proto_field *f,
				const uint8_t *data, unsigned int off)
{
	struct stmt *s = stmt_new(STMT_MATCH, NULL);
	struct expr *sel = payload_expr_new(d, f, NULL);
	struct expr *v = value_new(NULL, f->dtype, sel->byteorder, f->len);

	if (off % 8 == 0 && f->len % 8 == 0)
		memcpy(v->value.data, data + off / 8, f->len / 8);
	else
		value_set_u64(v, bits_at(data, off, f->len));
	s->match.op = OP_EQ;
	s->match.left = sel;
	s->match.right = v;
	return s;
}

/* The first field of @d at bit @off that the @bits of the header hold
 * (@bits 0: any at @off). */
static const struct proto_field *field_at(const struct proto_desc *d, unsigned int off,
					  unsigned int bits)
{
	const struct proto_field *f;

	for (f = d->fields; f->name; f++)
		if (f->offset == off && (!bits || off + f->len <= bits))
			return f;
	return NULL;
}

/*
 * The fields of header copy @data (@bytes long) of protocol @d, one after
 * the other from its start; an Ethernet header's type may lead to a VLAN
 * header, whose fields follow in the same copy.  @d NULL: nothing known.
 */
static void decode_header(struct decoded_header *h, unsigned int base, const uint8_t *data,
			  unsigned int bytes, const struct proto_desc *d)
{
	unsigned int off = 0;

	memset(h, 0, sizeof(*h));
	h->base = base;
	h->data = data;
	h->bits = bytes * 8;
	h->type_field = -1;
	while (d && off < h->bits && h->nfields < ARRAY_SIZE(h->fields)) {
		const struct proto_field *f = field_at(d, off, h->bits);
		struct decoded_field *df;

		if (!f) {
			/* a header cut short within a field: the reference
			 * says no more of it */
			if (field_at(d, off, 0))
				off = h->bits;
			break;
		}
		df = &h->fields[h->nfields];
		df->desc = d;
		df->field = f;
		df->rank = shown_rank(view_of(d), f);
		if (df->rank >= 0) {
			df->match = field_match(d, f, data, off);
			h->nshown++;
		}
		off += f->len;
		if (f->dtype == &ethertype_type || f->dtype == &inet_proto_type) {
			h->type_field = h->nfields;
			h->next_protocol = bits_at(data, f->offset, f->len);
			/* a VLAN header next, in the same copy */
			if (f->dtype == &ethertype_type && h->next_protocol == proto_vlan.protocol &&
			    field_at(&proto_vlan, off, h->bits)) {
				d = &proto_vlan;
				df->implied = true;
			}
		}
		h->nfields++;
	}
	h->raw_from = off;
}

static void decoded_header_free(struct decoded_header *h)
{
	unsigned int i;

	for (i = 0; i < h->nfields; i++)
		if (h->fields[i].match)
			stmt_free(h->fields[i].match);
}

/* Bytes of a header no field covers: @ll,64,32 0x... */
static void print_raw(const struct decoded_header *h, FILE *f)
{
	static const char *const bases[] = {
		[NFT_PAYLOAD_LL_HEADER] = "ll", [NFT_PAYLOAD_NETWORK_HEADER] = "nh",
		[NFT_PAYLOAD_TRANSPORT_HEADER] = "th",
	};
	unsigned int i, nibble;
	bool leading = true;

	fprintf(f, "@%s,%u,%u 0x", bases[h->base], h->raw_from, h->bits - h->raw_from);
	for (i = h->raw_from; i < h->bits; i += 4) {
		nibble = bits_at(h->data, i, 4);
		if (leading && !nibble && i + 4 < h->bits)
			continue;
		leading = false;
		fprintf(f, "%x", nibble);
	}
	fputc(' ', f);
}

/* The shown fields of @h, each protocol's in the reference's order, but
 * those naming a next header that was decoded (the last only when
 * @hide_type); then what no field covers. */
static void print_header(struct nft_ctx *ctx, const struct decoded_header *h, bool hide_type,
			 FILE *f)
{
	unsigned int start, end, i;
	int rank;

	for (start = 0; start < h->nfields; start = end) {
		for (end = start; end < h->nfields && h->fields[end].desc == h->fields[start].desc;
		     end++)
			;
		for (rank = 0; rank < (int)ARRAY_SIZE(header_views[0].shown); rank++) {
			for (i = start; i < end; i++) {
				const struct decoded_field *df = &h->fields[i];

				if (df->rank != rank || df->implied ||
				    (hide_type && (int)i == h->type_field))
					continue;
				print_stmt(ctx, df->match, f);
				fputc(' ', f);
			}
		}
	}
	if (h->raw_from < h->bits)
		print_raw(h, f);
}

static void print_meta(struct nft_ctx *ctx, unsigned int key, uint32_t value, FILE *f)
{
	const struct meta_key *k = meta_key_by_number(key);
	struct stmt *s = stmt_new(STMT_MATCH, NULL);

	s->match.op = OP_EQ;
	s->match.left = meta_expr_new(k, NULL);
	s->match.right = value_new(NULL, k->dtype, k->byteorder, k->len);
	value_set_u64(s->match.right, value);
	print_stmt(ctx, s, f);
	fputc(' ', f);
	stmt_free(s);
}

static const void *trace_data(const struct nftnl_trace *nlt, uint16_t attr, uint32_t *len)
{
	*len = 0;
	return nftnl_trace_is_set(nlt, attr) ? nftnl_trace_get_data(nlt, attr, len) : NULL;
}

/* The network protocol of a packet of a @family table: the family's own,
 * or for inet what the kernel says, else what the link layer said. */
static const struct proto_desc *network_of(const struct nftnl_trace *nlt, unsigned int family,
					   const struct decoded_header *ll)
{
	unsigned int nfproto = family;

	if (family == NFPROTO_INET && nftnl_trace_is_set(nlt, NFTNL_TRACE_NFPROTO))
		nfproto = nftnl_trace_get_u32(nlt, NFTNL_TRACE_NFPROTO);
	switch (nfproto) {
	case NFPROTO_IPV4:
		return &proto_ip;
	case NFPROTO_IPV6:
		return &proto_ip6;
	case NFPROTO_ARP:
		return &proto_arp;
	default:
		return ll->type_field >= 0 ? view_by_number(LAYER_NETWORK, ll->next_protocol) :
		       NULL;
	}
}

/*
 * The packet line.  The field naming the next header is left out when
 * something of that header shows, as the reference drops a match another implies:
 * the link layer's type always, the network protocol only in a table of
 * that protocol's own family (inet, bridge and netdev tables keep it).
 */
static void print_packet(struct nft_ctx *ctx, const struct nftnl_trace *nlt, unsigned int family,
			 FILE *f)
{
	struct decoded_header ll, nh, th;
	const struct proto_desc *net, *transport = NULL;
	const void *data;
	uint32_t len;

	fputs("packet: ", f);
	if (nftnl_trace_is_set(nlt, NFTNL_TRACE_IIF))
		print_meta(ctx, NFT_META_IIF, nftnl_trace_get_u32(nlt, NFTNL_TRACE_IIF), f);
	if (nftnl_trace_is_set(nlt, NFTNL_TRACE_OIF))
		print_meta(ctx, NFT_META_OIF, nftnl_trace_get_u32(nlt, NFTNL_TRACE_OIF), f);
	data = trace_data(nlt, NFTNL_TRACE_LL_HEADER, &len);
	decode_header(&ll, NFT_PAYLOAD_LL_HEADER, data, len,
		      nftnl_trace_is_set(nlt, NFTNL_TRACE_IIFTYPE) &&
		      nftnl_trace_get_u16(nlt, NFTNL_TRACE_IIFTYPE) == ARPHRD_ETHER ?
		      &proto_ether : NULL);
	net = network_of(nlt, family, &ll);
	data = trace_data(nlt, NFTNL_TRACE_NETWORK_HEADER, &len);
	decode_header(&nh, NFT_PAYLOAD_NETWORK_HEADER, data, len, net);
	if (nh.type_field >= 0)
		transport = view_by_number(LAYER_TRANSPORT, nh.next_protocol);
	data = trace_data(nlt, NFTNL_TRACE_TRANSPORT_HEADER, &len);
	decode_header(&th, NFT_PAYLOAD_TRANSPORT_HEADER, data, len, transport);

	print_header(ctx, &ll, net && nh.nshown, f);
	print_header(ctx, &nh, transport && th.nshown && net && net->nfproto == family, f);
	print_header(ctx, &th, false, f);
	fputc('\n', f);
	decoded_header_free(&ll);
	decoded_header_free(&nh);
	decoded_header_free(&th);
}

/* ---- The event --------------------------------------------------------------- */

static void print_verdict(struct nft_ctx *ctx, int code, const char *chain, FILE *f)
{
	struct expr *v = expr_new(EXPR_VERDICT, NULL);

	v->verdict.code = code;
	v->verdict.chain = chain ? xstrdup(chain) : NULL;
	print_expr(ctx, v, f);
	expr_free(v);
}

static void print_head(const struct nftnl_trace *nlt, FILE *f)
{
	fprintf(f, "trace id %08x %s %s %s ", nftnl_trace_get_u32(nlt, NFTNL_TRACE_ID),
		family_name(nftnl_trace_get_u32(nlt, NFTNL_TRACE_FAMILY)),
		nftnl_trace_get_str(nlt, NFTNL_TRACE_TABLE),
		nftnl_trace_get_str(nlt, NFTNL_TRACE_CHAIN));
}

static void print_trace_verdict(struct nft_ctx *ctx, const struct nftnl_trace *nlt, FILE *f)
{
	print_verdict(ctx, (int)nftnl_trace_get_u32(nlt, NFTNL_TRACE_VERDICT),
		      nftnl_trace_is_set(nlt, NFTNL_TRACE_JUMP_TARGET) ?
		      nftnl_trace_get_str(nlt, NFTNL_TRACE_JUMP_TARGET) : NULL, f);
}

static void print_rule_line(struct nft_ctx *ctx, const struct nftnl_trace *nlt, FILE *f)
{
	unsigned int family = nftnl_trace_get_u32(nlt, NFTNL_TRACE_FAMILY);
	uint64_t handle = nftnl_trace_get_u64(nlt, NFTNL_TRACE_RULE_HANDLE);
	const struct trace_rule *tr;

	print_head(nlt, f);
	tr = trace_rule_find(ctx, family, nftnl_trace_get_str(nlt, NFTNL_TRACE_TABLE),
			     nftnl_trace_get_str(nlt, NFTNL_TRACE_CHAIN), handle);
	if (tr) {
		fprintf(f, "rule %s", tr->text);
		if (ctx->handles)
			fprintf(f, " # handle %llu", (unsigned long long)handle);
	} else {
		fprintf(f, "unknown rule handle %llu", (unsigned long long)handle);
	}
	fputs(" (verdict ", f);
	print_trace_verdict(ctx, nlt, f);
	fputs(")\n", f);
}

/* The end of a chain: its policy, or the verdict it returns with. */
static void print_end_line(struct nft_ctx *ctx, const struct nftnl_trace *nlt, bool policy,
			   FILE *f)
{
	print_head(nlt, f);
	if (policy) {
		fputs("policy ", f);
		print_verdict(ctx, (int)nftnl_trace_get_u32(nlt, NFTNL_TRACE_POLICY), NULL, f);
	} else {
		fputs("verdict ", f);
		print_trace_verdict(ctx, nlt, f);
	}
	fputc(' ', f);
	if (nftnl_trace_is_set(nlt, NFTNL_TRACE_MARK))
		print_meta(ctx, NFT_META_MARK, nftnl_trace_get_u32(nlt, NFTNL_TRACE_MARK), f);
	fputc('\n', f);
}

void print_trace_event(struct nft_ctx *ctx, const struct nlmsghdr *nlh)
{
	struct nftnl_trace *nlt = nftnl_trace_alloc();
	uint32_t type;

	if (nftnl_trace_nlmsg_parse(nlh, nlt) < 0 ||
	    !nftnl_trace_is_set(nlt, NFTNL_TRACE_TABLE) ||
	    !nftnl_trace_is_set(nlt, NFTNL_TRACE_CHAIN)) {
		nftnl_trace_free(nlt);
		return;
	}
	type = nftnl_trace_get_u32(nlt, NFTNL_TRACE_TYPE);
	/* the first event of a packet in a chain carries the packet */
	if (nftnl_trace_is_set(nlt, NFTNL_TRACE_LL_HEADER) ||
	    nftnl_trace_is_set(nlt, NFTNL_TRACE_NETWORK_HEADER)) {
		print_head(nlt, ctx->out);
		print_packet(ctx, nlt, nftnl_trace_get_u32(nlt, NFTNL_TRACE_FAMILY), ctx->out);
	}
	switch (type) {
	case NFT_TRACETYPE_RULE:
		if (nftnl_trace_is_set(nlt, NFTNL_TRACE_RULE_HANDLE))
			print_rule_line(ctx, nlt, ctx->out);
		break;
	case NFT_TRACETYPE_POLICY:
	case NFT_TRACETYPE_RETURN:
		print_end_line(ctx, nlt, type == NFT_TRACETYPE_POLICY, ctx->out);
		break;
	}
	nftnl_trace_free(nlt);
}
