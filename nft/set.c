// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Sets and maps: their declarations and elements through evaluation, the
 * kernel's messages for them (NEWSET, NEWSETELEM, in the batch of the
 * rules that use them), their dumps and their listing.
 *
 * The kernel knows a set by its key's length and a type number that only
 * nft reads back: the numbers are the reference's, so that either program
 * lists what the other loaded.  What the kernel does not keep (the key's
 * byte order, auto-merge, comments) goes in the set's user data, in the
 * reference's layout.  An interval set holds each range as a start
 * element and an end element (the first value after the range) flagged
 * NFT_SET_ELEM_INTERVAL_END, in network byte order whatever the key's.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink_osf.h>
#include <libmnl/libmnl.h>
#include <libnftnl/common.h>
#include <libnftnl/expr.h>
#include <libnftnl/rule.h>
#include <libnftnl/set.h>
#include <libnftnl/udata.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ast.h"

const struct datatype verdict_type = {
	.name = "verdict", .desc = "netfilter verdict", .byteorder = BYTEORDER_INVALID,
};

/* The reference's type numbers, as the kernel stores them for it. */
static const struct { const struct datatype *dt; uint32_t id; } type_ids[] = {
	{ &verdict_type, 1 }, { &nfproto_type, 2 }, { &ipv4_type, 7 }, { &ipv6_type, 8 },
	{ &ether_type_addr, 9 }, { &ethertype_type, 10 }, { &arpop_type, 11 },
	{ &inet_proto_type, 12 }, { &inet_service_type, 13 }, { &icmp_type_type, 14 },
	{ &tcp_flag_type, 15 }, { &mark_type, 19 }, { &ifindex_type, 20 }, { &iftype_type, 21 },
	{ &realm_type, 22 }, { &tc_handle_type, 23 }, { &uid_type, 24 }, { &gid_type, 25 },
	{ &ct_state_type, 26 }, { &ct_dir_type, 27 }, { &ct_status_type, 28 },
	{ &icmpv6_type_type, 29 }, { &pkttype_type, 31 }, { &icmp_code_type, 32 },
	{ &icmpv6_code_type, 33 }, { &icmpx_code_type, 34 }, { &devgroup_type, 35 },
	{ &dscp_type, 36 }, { &ecn_type, 37 }, { &fib_addrtype_type, 38 },
	{ &boolean_type, 39 }, { &ifname_type, 41 }, { &date_type, 43 }, { &hour_type, 44 },
	{ &day_type, 45 }, { &dccp_pkttype_type, 16 }, { &igmp_type_type, 42 },
	/* keys of plain numbers and strings: vlan id { 10, 20 } */
	{ &integer_type, 4 }, { &string_type, 5 }, { &bitmask_type, 3 },
};

/* Bits of one part of a concatenation's type number. */
#define TYPE_BITS 6
#define VERDICT_DATA_TYPE 0xffffff00u

/* User data of a set, as the reference lays it out. */
enum {
	UDATA_SET_KEYBYTEORDER,
	UDATA_SET_DATABYTEORDER,
	UDATA_SET_MERGE_ELEMENTS,
	UDATA_SET_KEY_TYPEOF,
	UDATA_SET_DATA_TYPEOF,
	UDATA_SET_EXPR,
	UDATA_SET_DATA_INTERVAL,
	UDATA_SET_COMMENT,
};

/* The reference's byte order numbers and concatenation expression kind. */
enum { UDATA_BYTEORDER_INVALID, UDATA_BYTEORDER_HOST, UDATA_BYTEORDER_BIG };
#define UDATA_TYPEOF_CONCAT 13

enum { UDATA_ELEM_COMMENT, UDATA_ELEM_FLAGS };
/* an element's flag in its user data: the start of a range to the end of
 * the values, which has no end element */
#define UDATA_ELEM_INTERVAL_OPEN 0x1

/* The date of meta time shares its name with the relative time, which
 * is what the reference finds by that name. */
const struct datatype *datatype_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(type_ids); i++)
		if (!strcmp(type_ids[i].dt->name, name) && type_ids[i].dt != &verdict_type &&
		    type_ids[i].dt != &integer_type && type_ids[i].dt != &string_type &&
		    type_ids[i].dt != &date_type)
			return type_ids[i].dt;
	return NULL;
}

const struct datatype *datatype_find(const char *name)
{
	/* before the others, as the reference's list has them: its
	 * relative time is found by the name it shares with the date */
	static const struct datatype *const unnumbered[] = {
		&invalid_type, &bitmask_type, &time_type,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(unnumbered); i++)
		if (!strcmp(unnumbered[i]->name, name))
			return unnumbered[i];
	for (i = 0; i < ARRAY_SIZE(type_ids); i++)
		if (!strcmp(type_ids[i].dt->name, name))
			return type_ids[i].dt;
	return NULL;
}

static uint32_t datatype_id(const struct datatype *dt)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(type_ids); i++)
		if (type_ids[i].dt == dt)
			return type_ids[i].id;
	return 0;
}

static const struct datatype *datatype_by_id(uint32_t id)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(type_ids); i++)
		if (type_ids[i].id == id)
			return type_ids[i].dt;
	return NULL;
}

struct expr *set_key_of_type(const struct datatype *dt, const struct location *loc)
{
	return value_new(loc, dt, dt->byteorder, dt->size);
}

struct expr *concat_of_types(const struct datatype *dt1, const struct datatype *dt2)
{
	struct expr *c = expr_new(EXPR_CONCAT, NULL);

	c->set.elems = set_key_of_type(dt1, NULL);
	c->set.elems->next = set_key_of_type(dt2, NULL);
	c->set.count = 2;
	return c;
}

bool map_gives_concat(const struct expr *map)
{
	const struct expr *set = map->map.set, *first;

	if (set->kind == EXPR_SET_REF)
		return set->set_ref.set && set->set_ref.set->data &&
		       set->set_ref.set->data->kind == EXPR_CONCAT;
	first = set->kind == EXPR_SET ? set->set.elems : NULL;
	return first && first->kind == EXPR_MAPPING && first->mapping.data->kind == EXPR_CONCAT;
}

static bool elems_have_data_ranges(const struct expr *elems);

/* Whether map expression @map gives ranges: its map's data are. */
bool map_gives_interval(const struct expr *map)
{
	const struct expr *set = map->map.set;

	if (set->kind == EXPR_SET_REF)
		return set->set_ref.set && set->set_ref.set->data_interval;
	return set->kind == EXPR_SET && elems_have_data_ranges(set);
}

/* ---- Shapes of keys ----------------------------------------------------------- */

/* The parts of a key: a concatenation's, or the key itself. */
static const struct expr *key_parts(const struct expr *key)
{
	return key->kind == EXPR_CONCAT ? key->set.elems : key;
}

static bool key_is_concat(const struct expr *key)
{
	return key->kind == EXPR_CONCAT;
}

/* A concatenation of ranges (the kernel's pipapo set): an element is one
 * range of keys, with its key at the first value of each part and its end
 * key at the last. */
static bool set_has_key_ends(const struct set *s)
{
	return s->key && key_is_concat(s->key) && (s->flags & NFT_SET_INTERVAL);
}

/* A header field of some bits only (ip dscp, vlan id), which a rule loads
 * in the bytes it spans and masks. */
static bool is_bit_field(const struct expr *part)
{
	return part->kind == EXPR_PAYLOAD && (part->payload.offset % 8 || part->len % 8);
}

/*
 * Where a set holds the value of a bit field of its key, as the
 * reference: a set or map declared for the field (and the data of a
 * map), shifted down into the field's own bytes; a concatenation or meter
 * a rule makes, shifted down into the bytes the rule loads (ip6 dscp: two,
 * the value in the second); a rule's { } of the one field, in place in
 * those bytes, the other bits clear.  The rule shifts its load down to
 * the value but for the last.
 */
enum field_layout { FIELD_OWN, FIELD_LOADED, FIELD_IN_PLACE };

static enum field_layout key_layout(const struct set *s)
{
	if (!(s->flags & NFT_SET_ANONYMOUS))
		return FIELD_OWN;
	return set_is_meter(s) || key_is_concat(s->key) ? FIELD_LOADED : FIELD_IN_PLACE;
}

bool set_shifts_bit_fields(const struct set *s)
{
	return key_layout(s) != FIELD_IN_PLACE;
}

/* The parts of @key, which a rule loads for a lookup in anonymous set @s,
 * as the parts of the set's key where the set's types say too little: a
 * bit field's value is where the rule's set has it, and a number of a
 * concatenation as wide as the rule's selector. */
void set_key_of_rule(struct set *s, const struct expr *key)
{
	const struct expr *want;
	struct expr **slot, *part;

	if (s->elems || key_is_concat(key) != key_is_concat(s->key))
		return;
	slot = key_is_concat(s->key) ? &s->key->set.elems : &s->key;
	for (want = key_parts(key); want && *slot;
	     want = key_is_concat(key) ? want->next : NULL, slot = &(*slot)->next) {
		if ((*slot)->dtype != &integer_type &&
		    (!is_bit_field(want) || (*slot)->dtype != want->dtype))
			continue;
		part = expr_clone(want);
		part->next = (*slot)->next;
		expr_free(*slot);
		*slot = part;
	}
}

static unsigned int bit_field_bytes(const struct expr *part)
{
	return (part->payload.offset % 8 + part->len + 7) / 8;
}

/* The bits right of a bit field in the bytes it spans. */
static unsigned int bit_field_shift(const struct expr *part)
{
	return bit_field_bytes(part) * 8 - part->payload.offset % 8 - part->len;
}

/* The bytes of a part's value in a set that holds it so. */
static unsigned int part_width(const struct expr *part, enum field_layout layout)
{
	return is_bit_field(part) && layout != FIELD_OWN ? bit_field_bytes(part) :
	       expr_bytes(part);
}

/* A part's bytes in the key: whole 32-bit words in a concatenation. */
static unsigned int part_bytes(const struct expr *part, enum field_layout layout, bool concat)
{
	unsigned int n = part_width(part, layout);

	return concat ? (n + 3) / 4 * 4 : n;
}

static unsigned int key_bytes(const struct expr *key, enum field_layout layout)
{
	const struct expr *p;
	unsigned int n = 0;

	if (!key_is_concat(key))
		return part_bytes(key, layout, false);
	for (p = key->set.elems; p; p = p->next)
		n += part_bytes(p, layout, true);
	return n;
}

static uint32_t key_type_id(const struct expr *key)
{
	const struct expr *p;
	uint32_t id = 0;

	for (p = key_parts(key); p; p = key_is_concat(key) ? p->next : NULL)
		id = id << TYPE_BITS | datatype_id(p->dtype);
	return id;
}

/* The parts of a key of type number @id. */
static unsigned int type_id_parts(uint32_t id)
{
	unsigned int n = 0;

	for (; id; id >>= TYPE_BITS)
		n++;
	return n;
}

/* Free @parts, a list linked by next. */
static void parts_free(struct expr *parts)
{
	struct expr *next;

	for (; parts; parts = next) {
		next = parts->next;
		expr_free(parts);
	}
}

/* The shape a key of type number @id and @len bytes has: NULL if the
 * number names a type this nft does not know.  A concatenation's numbers
 * of no width of their own (vlan id) take a word each when the others
 * leave that: the rule that uses the set tells more (set_key_of_rule()). */
static struct expr *key_of_type_id(uint32_t id, unsigned int len)
{
	struct expr *parts = NULL, *c, *p, *string = NULL;
	unsigned int n = 0, sum = 0, unsized = 0, strings = 0;

	while (id) {
		const struct datatype *dt = datatype_by_id(id & ((1u << TYPE_BITS) - 1));

		if (!dt) {
			parts_free(parts);
			return NULL;
		}
		p = set_key_of_type(dt, NULL);
		p->next = parts;
		parts = p;
		n++;
		sum += part_bytes(p, FIELD_OWN, true);
		unsized += dt == &integer_type;
		if (!p->len && dt != &integer_type) {
			string = p;
			strings++;
		}
		id >>= TYPE_BITS;
	}
	if (!parts || n == 1) {
		if (parts && !parts->len)
			parts->len = len * 8;
		return parts;
	}
	/* a string of a selector's (osf name . ip saddr, which the reference
	 * lists by its types): the bytes the others leave */
	if (strings == 1 && !unsized && len > sum) {
		string->len = (len - sum) * 8;
		sum = len;
	}
	if (sum + 4 * unsized != len || strings > 1 || (strings && !string->len)) {
		parts_free(parts);
		return NULL;
	}
	for (p = parts; p; p = p->next)
		if (p->dtype == &integer_type)
			p->len = 32;
	c = expr_new(EXPR_CONCAT, NULL);
	c->set.elems = parts;
	c->set.count = n;
	return c;
}

static bool same_shape(const struct expr *a, const struct expr *b)
{
	const struct expr *x, *y;

	if (key_is_concat(a) != key_is_concat(b))
		return false;
	for (x = key_parts(a), y = key_parts(b); x && y;
	     x = key_is_concat(a) ? x->next : NULL, y = key_is_concat(b) ? y->next : NULL) {
		if (x->len != y->len || (x->dtype != y->dtype && x->dtype != &integer_type &&
					  y->dtype != &integer_type))
			return false;
	}
	return !x && !y;
}

/* ---- Evaluation -------------------------------------------------------------- */

static struct expr *elem_key(struct expr *el)
{
	if (el->kind == EXPR_MAPPING)
		el = el->mapping.key;
	if (el->kind == EXPR_SET_ELEM)
		el = el->elem.key;
	return el;
}

static struct expr **elem_key_slot(struct expr *el)
{
	if (el->kind == EXPR_MAPPING) {
		if (el->mapping.key->kind == EXPR_SET_ELEM)
			return &el->mapping.key->elem.key;
		return &el->mapping.key;
	}
	if (el->kind == EXPR_SET_ELEM)
		return &el->elem.key;
	return NULL;
}

/* A name ending in '*' against a string: a prefix once resolved. */
static bool is_wildcard(const struct expr *e, const struct expr *part)
{
	size_t n;

	if (e->kind != EXPR_SYMBOL || !part || !is_string_type(part->dtype))
		return false;
	n = strlen(e->sym.text);
	return n && e->sym.text[n - 1] == '*';
}

/* One value, prefix or range against one part of the key. */
static struct expr *resolve_part(struct expr *e, const struct expr *part, bool interval)
{
	if (!interval && (e->kind == EXPR_RANGE || e->kind == EXPR_PREFIX || is_wildcard(e, part))) {
		error_at(&e->loc, "You must add 'flags interval' to your set declaration if "
			 "you want to add prefix elements");
		return NULL;
	}
	return expr_resolve(e, part);
}

static struct expr *resolve_key(struct expr *e, const struct expr *key, bool interval)
{
	struct expr *out, **tail, *x, *part;

	if (!key_is_concat(key)) {
		/* the first of values joined has no type to take, as the
		 * reference evaluates them */
		if (e->kind == EXPR_CONCAT) {
			error_at(&e->set.elems->loc, "Can't parse symbolic invalid expressions");
			return NULL;
		}
		return resolve_part(e, key, interval);
	}
	if (e->kind != EXPR_CONCAT || e->set.count != key->set.count) {
		error_at(&e->loc, "datatype mismatch, expected concatenation of (%u types), "
			 "expression has type %s", key->set.count,
			 e->kind == EXPR_CONCAT ? "concatenation" : "value");
		return NULL;
	}
	out = expr_new(EXPR_CONCAT, &e->loc);
	tail = &out->set.elems;
	for (x = e->set.elems, part = key->set.elems; x; x = x->next, part = part->next) {
		struct expr *r = resolve_part(x, part, interval);

		if (!r) {
			expr_free(out);
			return NULL;
		}
		*tail = r;
		tail = &r->next;
		out->set.count++;
	}
	return out;
}

/*
 * The data of an element of an object map: an object's name, a word or a
 * string, which the kernel looks for.  A verdict names none: the kernel
 * is sent the bytes of the element's key instead, as the reference sends
 * them (elem_put()), and finds no object.
 */
static int check_obj_name(const struct expr *d)
{
	switch (d->kind) {
	case EXPR_SYMBOL:
		if (d->sym.text[0] && d->sym.text[strlen(d->sym.text) - 1] == '*') {
			error_at(&d->loc, "Value must be a singleton");
			return -1;
		}
		return 0;
	case EXPR_VERDICT:
		return 0;
	case EXPR_RANGE:
		error_at2(&d->range.low->loc, &d->loc,
			  "Range expression is undefined for string types");
		return -1;
	case EXPR_CONCAT:
		error_at(&d->set.elems->loc, "Can't parse symbolic invalid expressions");
		return -1;
	default:
		error_at(&d->loc, "Value must be a singleton");
		return -1;
	}
}

/* An element of a named set may carry the statements its set declares
 * (a counter), and no others; one of an anonymous set, any. */
static int elem_stmts_check(const struct set *s, const struct expr *el)
{
	const struct expr *opt = el->kind == EXPR_MAPPING ? el->mapping.key : el;
	unsigned int declared = s->counter, given = 0;
	const struct stmt *st;

	if (opt->kind != EXPR_SET_ELEM || !opt->elem.stmts || (s->flags & NFT_SET_ANONYMOUS))
		return 0;
	for (st = opt->elem.stmts; st; st = st->next)
		given++;
	if (!declared) {
		error_at(&opt->elem.stmts->loc, "missing statement in set declaration");
		return -1;
	}
	if (given != declared) {
		error_at(&opt->loc, "number of statements mismatch, set expects %u but element has %u",
			 declared, given);
		return -1;
	}
	return 0;
}

/* Whether a map's data @d is a range, or a concatenation with one. */
static bool data_has_ranges(const struct expr *d)
{
	const struct expr *p;

	for (p = key_parts(d); p; p = key_is_concat(d) ? p->next : NULL)
		if (p->kind == EXPR_RANGE || p->kind == EXPR_PREFIX)
			return true;
	return false;
}

/* Resolve the element *@elp, which a plain element's value replaces; an
 * element of a map has its data but where @keys_only. */
static int resolve_elem(struct set *s, struct expr **elp, bool keys_only)
{
	struct expr *el = *elp, **slot = elem_key_slot(el), *key = elem_key(el), *r;
	bool interval = s->flags & NFT_SET_INTERVAL;

	r = resolve_key(key, s->key, interval);
	if (!r)
		return -1;
	if (slot) {
		expr_free(*slot);
		*slot = r;
	} else {
		r->next = el->next;
		el->next = NULL;
		expr_free(el);
		*elp = el = r;
	}
	if (elem_stmts_check(s, el) < 0)
		return -1;
	/* the kernel refuses an object map's element without its object */
	if ((s->flags & NFT_SET_MAP) && el->kind != EXPR_MAPPING && !keys_only) {
		error_at(&el->loc, "map elements need a value: key : value");
		return -1;
	}
	if (!set_is_map(s) && el->kind == EXPR_MAPPING) {
		error_at(&el->loc, "set elements take no value: this is not a map");
		return -1;
	}
	if (el->kind == EXPR_MAPPING) {
		struct expr *d = el->mapping.data;

		if (s->objtype)
			return check_obj_name(d);
		if (s->data->dtype == &verdict_type) {
			if (d->kind != EXPR_VERDICT) {
				error_at(&d->loc, "Could not parse netfilter verdict");
				return -1;
			}
			return 0;
		}
		if (d->kind == EXPR_VERDICT) {
			error_at(&d->loc, "datatype mismatch, expected %s, expression has type "
				 "netfilter verdict", s->data->dtype->desc);
			return -1;
		}
		if (!s->data_interval && data_has_ranges(d)) {
			error_at(&d->loc, "Value must be a singleton");
			return -1;
		}
		r = resolve_key(d, s->data, s->data_interval);
		if (!r)
			return -1;
		expr_free(el->mapping.data);
		el->mapping.data = r;
	}
	return 0;
}

/* ---- Elements kept by their places ------------------------------------------- */

/* Where an element of a set block begins in the input; an offset of
 * IN_LIST stands for the next expression of the set's list instead. */
struct elem_span {
	uint32_t offset;
	uint32_t line;
};

#define IN_LIST UINT32_MAX

struct elem_spans {
	const struct input *in;		/* the one a set block is read from */
	struct elem_span *v;
	size_t n, cap;
};

bool set_block_add_place(struct expr *set, const struct location *start)
{
	struct elem_spans *sp = set->set.spans;
	size_t offset = start ? start->line_start + start->first_col - 1 - start->in->buf : 0;

	if (!sp)
		sp = set->set.spans = xcalloc(1, sizeof(*sp));
	if (sp->n == sp->cap) {
		sp->cap = sp->cap ? sp->cap * 2 : 4;
		sp->v = xrealloc(sp->v, sp->cap * sizeof(*sp->v));
	}
	sp->v[sp->n].offset = IN_LIST;
	if (start && offset < IN_LIST) {
		sp->in = start->in;
		sp->v[sp->n].offset = offset;
		sp->v[sp->n].line = start->line;
	}
	return sp->v[sp->n++].offset != IN_LIST;
}

struct elem_spans *elem_spans_clone(const struct elem_spans *sp)
{
	struct elem_spans *c;

	if (!sp)
		return NULL;
	c = xmalloc(sizeof(*c));
	*c = *sp;
	c->v = xmalloc(sp->cap * sizeof(*sp->v));
	memcpy(c->v, sp->v, sp->n * sizeof(*sp->v));
	return c;
}

void elem_spans_free(struct elem_spans *sp)
{
	if (sp)
		free(sp->v);
	free(sp);
}

/* The place of @e as a token's, into @loc, which holds the place before
 * it: the line's start is looked for once a line. */
static void span_loc(const struct elem_spans *sp, const struct elem_span *e,
		     struct location *loc)
{
	if (loc->in != sp->in || loc->line != e->line) {
		const char *nl = memrchr(sp->in->buf, '\n', e->offset);

		loc->in = sp->in;
		loc->line = e->line;
		loc->line_start = nl ? nl + 1 : sp->in->buf;
	}
	loc->first_col = sp->in->buf + e->offset - loc->line_start + 1;
	loc->last_col = loc->first_col;
}

/* A walk over the elements of a set block: those kept by place parsed
 * again, those of the list copied; each raw, as written, and the
 * caller's to free. */
struct place_walk {
	const struct elem_spans *sp;
	const struct expr *next;	/* in the list */
	size_t i;
	struct location loc;
};

static void place_walk_start(struct place_walk *w, const struct expr *elems)
{
	memset(w, 0, sizeof(*w));
	w->sp = elems->set.spans;
	w->next = elems->set.elems;
}

/* 1 with the next element in *@el, 0 at the end, -1 for an element that
 * no longer parses (reported). */
static int place_walk_next(struct place_walk *w, struct expr **el)
{
	const struct elem_span *e;

	if (w->i == w->sp->n)
		return 0;
	e = &w->sp->v[w->i++];
	if (e->offset == IN_LIST) {
		*el = expr_clone(w->next);
		w->next = w->next->next;
		return 1;
	}
	span_loc(w->sp, e, &w->loc);
	*el = parse_set_elem_at(&w->loc);
	return *el ? 1 : -1;
}

/* Element @index of a set block, raw as written; NULL if it no longer parses. */
static struct expr *place_elem(const struct expr *elems, size_t index)
{
	struct place_walk w;
	struct expr *el = NULL;
	size_t i;

	place_walk_start(&w, elems);
	for (i = 0; i < index; i++) {
		if (w.sp->v[i].offset == IN_LIST)
			w.next = w.next->next;
	}
	w.i = index;
	return place_walk_next(&w, &el) > 0 ? el : NULL;
}

bool elem_block_loc(const struct expr *block, size_t index, struct location *loc)
{
	const struct expr *el = block->set.elems;
	struct expr *parsed = NULL;

	if (block->set.spans) {
		el = parsed = place_elem(block, index);
	} else {
		while (el && index--)
			el = el->next;
	}
	if (!el)
		return false;
	*loc = (el->kind == EXPR_MAPPING ? el->mapping.key : el)->loc;
	expr_free(parsed);
	return true;
}

/* The elements of a set block kept by place made expressions of its list. */
static int elems_expand(struct expr *elems)
{
	struct expr *list = NULL, **tail = &list, *el, *next;
	struct place_walk w;
	int r, ret = 0;

	if (!elems->set.spans)
		return 0;
	place_walk_start(&w, elems);
	while ((r = place_walk_next(&w, &el)) != 0) {
		if (r < 0) {
			ret = -1;
			continue;
		}
		*tail = el;
		tail = &el->next;
	}
	for (el = elems->set.elems; el; el = next) {
		next = el->next;
		expr_free(el);
	}
	elems->set.elems = list;
	elem_spans_free(elems->set.spans);
	elems->set.spans = NULL;
	return ret;
}

/*
 * The elements of a set block kept by place are resolved as they go into
 * the batch, one at a time: here only checked.  Those of a list are
 * resolved in place.  As in the reference, the first element in error
 * ends the block's evaluation: it alone is reported.
 */
static int elems_evaluate(struct set *s, struct expr *elems, bool keys_only)
{
	struct expr **elp, *el;
	struct place_walk w;
	int r, ret = 0;

	if (!elems)
		return 0;
	if (elems->set.spans) {
		place_walk_start(&w, elems);
		while (ret == 0 && (r = place_walk_next(&w, &el)) != 0) {
			if (r < 0 || resolve_elem(s, &el, keys_only) < 0)
				ret = -1;
			if (r > 0)
				expr_free(el);
		}
		return ret;
	}
	for (elp = &elems->set.elems; ret == 0 && *elp; elp = &(*elp)->next)
		if (resolve_elem(s, elp, keys_only) < 0)
			ret = -1;
	return ret;
}

int set_elems_evaluate(struct nft_ctx *ctx, struct set *s, struct expr *elems)
{
	(void)ctx;
	return elems_evaluate(s, elems, false);
}

/* The elements of a command that names them by key, delete and get: a
 * map's may come without data. */
static int set_keys_evaluate(struct set *s, struct expr *elems)
{
	return elems_evaluate(s, elems, true);
}

int set_evaluate(struct nft_ctx *ctx, struct set *s)
{
	const struct expr *p;

	if (!s->key) {
		error_at(&s->loc, "set definition does not specify key");
		return -1;
	}
	/* a verdict has no size: type ipv4_addr : verdict . mark */
	for (p = s->data && key_is_concat(s->data) ? s->data->set.elems : NULL; p; p = p->next) {
		if (p->dtype == &verdict_type) {
			error_at2(&p->loc, &s->data->loc, "can not use variable sized data types "
				  "(verdict) in concat expressions");
			return -1;
		}
	}
	for (p = key_parts(s->key); p; p = key_is_concat(s->key) ? p->next : NULL) {
		if (!p->len || !p->dtype) {
			error_at(&p->loc, "unsized key: use a type of fixed size");
			return -1;
		}
	}
	if (set_has_key_ends(s))
		s->flags |= NFT_SET_CONCAT;
	return set_elems_evaluate(ctx, s, s->elems);
}

struct set *set_lookup(struct nft_ctx *ctx, const struct handle *h, const char *name)
{
	bool flushed = ctx->ruleset_flushed && (ctx->flushed_family == NFPROTO_UNSPEC ||
						ctx->flushed_family == h->family);
	struct table *t = ctx->cache && !flushed ? cache_find_table(ctx, h->family, h->table) :
			  NULL;
	struct set *s = t ? cache_find_set(t, name) : NULL;
	struct cmd *c;

	/* A kernel set of a key type this nft does not know is listed
	 * nowhere, and none to use. */
	if (s && s->key)
		return s;
	for (c = ctx->batch_cmds; c; c = c->next) {
		if (c->table && c->h.family == h->family && !strcmp(c->h.table, h->table)) {
			for (s = c->table->sets; s; s = s->next)
				if (!strcmp(s->name, name))
					return s;
		}
		if (c->set && (c->op == CMD_ADD || c->op == CMD_CREATE) &&
		    c->h.family == h->family && !strcmp(c->h.table, h->table) &&
		    !strcmp(c->set->name, name))
			return c->set;
	}
	return NULL;
}

static bool has_intervals(const struct expr *elems, const struct expr *key)
{
	const struct expr *el, *k, *p, *part;

	for (el = elems->set.elems; el; el = el->next) {
		k = elem_key((struct expr *)el);
		part = key_parts(key);
		for (p = key_parts(k); p; p = key_is_concat(k) ? p->next : NULL) {
			if (p->kind == EXPR_RANGE || p->kind == EXPR_PREFIX || is_wildcard(p, part))
				return true;
			part = part && key_is_concat(key) ? part->next : NULL;
		}
	}
	return false;
}

/* An anonymous map's data are ranges when one element's are. */
static bool elems_have_data_ranges(const struct expr *elems)
{
	const struct expr *el;

	for (el = elems->set.elems; el; el = el->next)
		if (el->kind == EXPR_MAPPING && data_has_ranges(el->mapping.data))
			return true;
	return false;
}

static int interval_elems_count(struct set *s, const struct expr *elems);
static struct expr *anon_set_new(struct nft_ctx *ctx, const struct handle *h, struct expr *e,
				 const struct expr *key, struct expr *data, unsigned int objtype);

/* The type of a key's part: its selector's, under any operations. */
static const struct datatype *part_type(const struct expr *part)
{
	while (part->kind == EXPR_BINOP)
		part = part->binop.left;
	return part->dtype;
}

char *key_type_desc(const struct expr *key)
{
	const struct expr *p;
	char *desc, *more;

	if (!key_is_concat(key))
		return xstrdup(part_type(key)->desc);
	desc = xstrdup("concatenation of (");
	for (p = key->set.elems; p; p = p->next) {
		more = xasprintf("%s%s%s", desc, part_type(p)->desc, p->next ? ", " : ")");
		free(desc);
		desc = more;
	}
	return desc;
}

/* Whether named set @s is of the kind @use wants; the error reported
 * at @e when not. */
static bool set_fits_use(const struct set *s, const struct expr *e, enum set_use use)
{
	switch (use) {
	case SET_LOOKUP:
		return true;
	case SET_OBJMAP:
		if (s->objtype)
			return true;
		error_at(&e->loc, "Expression is not a map with objects");
		return false;
	default:
		if (!(s->flags & NFT_SET_MAP)) {
			error_at(&e->loc, "Expression is not a map");
			return false;
		}
		if (use == SET_VMAP && (!s->data || s->data->dtype != &verdict_type)) {
			error_at(&e->loc, "Map '%s' is not a verdict map", s->name);
			return false;
		}
		return true;
	}
}

struct expr *set_ref_evaluate(struct nft_ctx *ctx, const struct handle *h, struct expr *e,
			      const struct expr *key, enum set_use use)
{
	struct expr *ref;
	struct set *s;

	if (e->kind == EXPR_SET_REF) {
		s = set_lookup(ctx, h, e->set_ref.name);
		if (!s) {
			error_at(&e->loc, "%s", strerror(ENOENT));
			return NULL;
		}
		if (!set_fits_use(s, e, use))
			return NULL;
		if (!same_shape(s->key, key)) {
			char *set_desc = key_type_desc(s->key), *key_desc = key_type_desc(key);

			if (use == SET_LOOKUP)
				error_at2(&e->loc, &key->loc, "datatype mismatch, expected %s, "
					  "expression has type %s", key_desc, set_desc);
			else
				error_at2(&e->loc, &key->loc, "datatype mismatch, map expects %s, "
					  "mapping expression has type %s", set_desc, key_desc);
			free(set_desc);
			free(key_desc);
			return NULL;
		}
		ref = expr_new(EXPR_SET_REF, &e->loc);
		ref->set_ref.name = xstrdup(e->set_ref.name);
		ref->set_ref.set = s;
		return ref;
	}
	return anon_set_new(ctx, h, e, key,
			    use == SET_VMAP ? set_key_of_type(&verdict_type, &e->loc) : NULL, 0);
}

struct expr *map_ref_evaluate(struct nft_ctx *ctx, const struct handle *h, struct expr *e,
			      const struct expr *key, const struct expr *data)
{
	if (e->kind == EXPR_SET_REF)
		return set_ref_evaluate(ctx, h, e, key, SET_MAP);
	return anon_set_new(ctx, h, e, key, key_is_concat(data) ? expr_clone(data) :
					    value_new(&e->loc, data->dtype, data->byteorder,
						      data->len), 0);
}

struct expr *objmap_ref_evaluate(struct nft_ctx *ctx, const struct handle *h, struct expr *e,
				 const struct expr *key, unsigned int objtype)
{
	if (e->kind == EXPR_SET_REF)
		return set_ref_evaluate(ctx, h, e, key, SET_OBJMAP);
	return anon_set_new(ctx, h, e, key, NULL, objtype);
}

/* The anonymous set (a map, given the shape of its @data, owned, or the
 * type of the objects it names) that the { } @e written against @key
 * makes. */
static struct expr *anon_set_new(struct nft_ctx *ctx, const struct handle *h, struct expr *e,
				 const struct expr *key, struct expr *data, unsigned int objtype)
{
	struct expr *ref;
	struct set *s;

	s = xcalloc(1, sizeof(*s));
	s->h.family = h->family;
	s->h.table = xstrdup(h->table);
	s->name = xstrdup(objtype ? "__objmap%d" : data ? "__map%d" : "__set%d");
	s->loc = e->loc;
	s->key = expr_clone(key);
	/* the reference records the selectors of a set's key, and of a
	 * map's when they are concatenated, but for a header field of some
	 * bits alone, which it matches masked; an object map's key it knows
	 * by its type alone */
	s->key_typeof = !objtype && (key_is_concat(key) || (!data && !is_bit_field(key)));
	s->flags = NFT_SET_ANONYMOUS | NFT_SET_CONSTANT;
	if (data) {
		s->flags |= NFT_SET_MAP;
		s->data = data;
		s->data_interval = elems_have_data_ranges(e);
	}
	if (objtype) {
		s->flags |= NFT_SET_OBJECT;
		s->objtype = objtype;
	}
	if (has_intervals(e, key))
		s->flags |= NFT_SET_INTERVAL;
	if (set_has_key_ends(s))
		s->flags |= NFT_SET_CONCAT;
	s->automerge = true;
	s->size = e->set.count;
	s->elems = expr_clone(e);
	if (set_elems_evaluate(ctx, s, s->elems) < 0) {
		set_free(s);
		return NULL;
	}
	if ((s->flags & NFT_SET_INTERVAL) && !set_has_key_ends(s)) {
		int count = interval_elems_count(s, s->elems);

		if (count < 0) {
			set_free(s);
			return NULL;
		}
		s->size = count;
	}
	ref = expr_new(EXPR_SET_REF, &e->loc);
	ref->set_ref.name = xstrdup("");
	ref->set_ref.set = s;
	return ref;
}

/* ---- Elements as the kernel holds them --------------------------------------- */

/* Whether a part's values are numbers of host byte order, which an
 * interval set holds in network order (strings are bytes in order). */
static bool numbers_swapped(const struct expr *part)
{
	return part->byteorder == BYTEORDER_HOST && !is_string_type(part->dtype);
}

/* A value's bytes as a key part holds them: whole words in a
 * concatenation, network order in an interval set. */
static void part_put(const struct expr *v, const struct expr *part, enum field_layout layout,
		     bool concat, bool interval, uint8_t *out)
{
	unsigned int n = part_width(part, layout), i;

	if (is_bit_field(part) && layout != FIELD_OWN) {
		uint64_t x = value_u64(v);

		if (layout == FIELD_IN_PLACE)
			x <<= bit_field_shift(part);
		for (i = 0; i < n; i++)
			out[n - 1 - i] = x >> (8 * i);
	} else if (interval && numbers_swapped(part)) {
		for (i = 0; i < n; i++)
			out[i] = v->value.data[n - 1 - i];
	} else {
		memcpy(out, v->value.data, n);
	}
	if (concat)
		memset(out + n, 0, part_bytes(part, layout, true) - n);
}

static void key_put(const struct expr *k, const struct expr *key, enum field_layout layout,
		    bool interval, uint8_t *out)
{
	const struct expr *v, *part;
	unsigned int off = 0;

	if (!key_is_concat(key)) {
		part_put(k, key, layout, false, interval, out);
		return;
	}
	for (v = k->set.elems, part = key->set.elems; v; v = v->next, part = part->next) {
		part_put(v, part, layout, true, interval, out + off);
		off += part_bytes(part, layout, true);
	}
}

/* The first and last value of an element of an interval set, in network
 * byte order (@interval: a key's), or as a value is held (a map's data). */
static void elem_bounds(const struct expr *k, const struct expr *key, enum field_layout layout,
			bool interval, uint8_t *lo, uint8_t *hi)
{
	unsigned int n = part_width(key, layout), i;

	memset(lo, 0, VALUE_MAX_BYTES);
	memset(hi, 0, VALUE_MAX_BYTES);
	switch (k->kind) {
	case EXPR_RANGE:
		part_put(k->range.low, key, layout, false, interval, lo);
		part_put(k->range.high, key, layout, false, interval, hi);
		break;
	case EXPR_PREFIX:
		part_put(k->prefix.expr, key, layout, false, interval, lo);
		memcpy(hi, lo, n);
		for (i = k->prefix.plen; i < n * 8; i++)
			hi[i / 8] |= 0x80 >> (i % 8);
		break;
	default:
		part_put(k, key, layout, false, interval, lo);
		memcpy(hi, lo, n);
		break;
	}
}

/* The first and last key of an element of a concatenation of ranges, each
 * part's bounds in its word. */
static void concat_bounds(const struct expr *k, const struct expr *key, enum field_layout layout,
			  bool interval, uint8_t *lo, uint8_t *hi)
{
	uint8_t plo[VALUE_MAX_BYTES], phi[VALUE_MAX_BYTES];
	const struct expr *v, *part;
	unsigned int off = 0;

	memset(lo, 0, VALUE_MAX_BYTES);
	memset(hi, 0, VALUE_MAX_BYTES);
	for (v = k->set.elems, part = key->set.elems; v; v = v->next, part = part->next) {
		elem_bounds(v, part, layout, interval, plo, phi);
		memcpy(lo + off, plo, part_width(part, layout));
		memcpy(hi + off, phi, part_width(part, layout));
		off += part_bytes(part, layout, true);
	}
}

static bool all_bytes_zero(const uint8_t *v, unsigned int n)
{
	while (n--)
		if (v[n])
			return false;
	return true;
}

/* @v + 1 in place; false when it wrapped around to zero. */
static bool bytes_inc(uint8_t *v, unsigned int n)
{
	while (n--) {
		if (++v[n])
			return true;
	}
	return false;
}

/* The bits of the key of interval set @s, as the reference counts them:
 * a range that ends at the last value has no end element.  A bit field
 * has its own (ip dscp: up to 63), in place those right of it too. */
static unsigned int interval_key_bits(const struct set *s)
{
	const struct expr *key = s->key;
	unsigned int bits = part_width(key, key_layout(s)) * 8;

	if (is_bit_field(key) && key_layout(s) == FIELD_IN_PLACE)
		return key->len + bit_field_shift(key);
	return key->len && key->len < bits ? key->len : bits;
}

/* The last value of @bits bits, in the @n bytes of @v. */
static void last_value(uint8_t *v, unsigned int n, unsigned int bits)
{
	unsigned int i, below;

	for (i = 0; i < n; i++) {
		below = (n - 1 - i) * 8;
		v[i] = below >= bits ? 0 : bits - below >= 8 ? 0xff : (1u << (bits - below)) - 1;
	}
}

static void put_data(struct nlmsghdr *nlh, uint16_t type, const struct set *s,
		     const struct expr *d)
{
	struct nlattr *outer = mnl_attr_nest_start(nlh, type), *v;

	if (d->kind == EXPR_VERDICT) {
		v = mnl_attr_nest_start(nlh, NFTA_DATA_VERDICT);
		mnl_attr_put_u32(nlh, NFTA_VERDICT_CODE, htonl(d->verdict.code));
		if (d->verdict.chain)
			mnl_attr_put_strz(nlh, NFTA_VERDICT_CHAIN, d->verdict.chain);
		mnl_attr_nest_end(nlh, v);
	} else if (s->data_interval && data_has_ranges(d)) {
		uint8_t lo[VALUE_MAX_BYTES], hi[VALUE_MAX_BYTES], buf[2 * VALUE_MAX_BYTES];
		unsigned int n = key_bytes(s->data, FIELD_OWN), hi_at = n;

		if (key_is_concat(s->data)) {
			concat_bounds(d, s->data, FIELD_OWN, false, lo, hi);
		} else {
			elem_bounds(d, s->data, FIELD_OWN, false, lo, hi);
			/* the reference puts the last value a whole word after
			 * the first: of a value shorter than one (a port),
			 * it is cut off */
			hi_at = (n + 3) / 4 * 4;
		}
		memset(buf, 0, 2 * n);
		memcpy(buf, lo, n);
		if (hi_at < 2 * n)
			memcpy(buf + hi_at, hi, 2 * n - hi_at < n ? 2 * n - hi_at : n);
		mnl_attr_put(nlh, NFTA_DATA_VALUE, 2 * n, buf);
	} else {
		/* (a single value where ranges are wanted too, as the
		 * reference sends it: the kernel refuses its length) */
		uint8_t buf[VALUE_MAX_BYTES];

		key_put(d, s->data, FIELD_OWN, false, buf);
		mnl_attr_put(nlh, NFTA_DATA_VALUE, key_bytes(s->data, FIELD_OWN), buf);
	}
	mnl_attr_nest_end(nlh, outer);
}

/* The data of an element of an object map: the name of its object; for
 * a verdict, which names none, the bytes of the key put last, up to a
 * zero, as the reference sends them (for the kernel to find no object). */
static void put_obj_name(struct nlmsghdr *nlh, const struct expr *d, const uint8_t *key,
			 unsigned int len)
{
	char name[VALUE_MAX_BYTES + 1];

	if (d->kind == EXPR_SYMBOL) {
		mnl_attr_put_strz(nlh, NFTA_SET_ELEM_OBJREF, d->sym.text);
		return;
	}
	memcpy(name, key, len);
	name[len] = '\0';
	mnl_attr_put_strz(nlh, NFTA_SET_ELEM_OBJREF, name);
}

/* As in the reference, a message holds the elements its list's
 * attribute, of a 16-bit length, has room for. */
#define ELEMS_LIST_MAX UINT16_MAX

/* The messages a command's elements go in, one after another: each is
 * opened when the last is full. */
struct elem_msgs {
	struct batch *b;
	const struct set *s;
	uint16_t type, flags;
	const struct location *loc;
	/* the set block the elements come from, for the places of the
	 * kernel's errors: in order, or (an interval set's bounds) each
	 * from the block's element number @index, which the caller sets */
	const struct expr *block;
	bool by_index;
	uint32_t index;			/* in the block, of the next element */
	uint32_t in_msg;		/* the elements of the open message */
	struct nlmsghdr *nlh;		/* the one open, or NULL */
	struct nlattr *list;
	/* the number of the last element's attribute: the reference's go on
	 * from message to message, skipping the one of an element that
	 * did not fit in the last */
	uint16_t n;
};

static void elem_msgs_open(struct elem_msgs *m)
{
	const struct set *s = m->s;

	batch_reserve(m->b, ELEMS_LIST_MAX + 4096);
	m->nlh = batch_msg(m->b, m->type, s->h.family, m->flags, m->loc);
	m->in_msg = 0;
	if (m->block)
		batch_msg_elems(m->b, m->block, m->index);
	mnl_attr_put_strz(m->nlh, NFTA_SET_ELEM_LIST_TABLE, s->h.table);
	mnl_attr_put_strz(m->nlh, NFTA_SET_ELEM_LIST_SET, s->name);
	if (s->id)
		mnl_attr_put_u32(m->nlh, NFTA_SET_ELEM_LIST_SET_ID, htonl(s->id));
	m->list = mnl_attr_nest_start(m->nlh, NFTA_SET_ELEM_LIST_ELEMENTS);
}

static void elem_msgs_close(struct elem_msgs *m)
{
	if (!m->nlh)
		return;
	mnl_attr_nest_end(m->nlh, m->list);
	batch_done(m->b, m->nlh);
	m->nlh = NULL;
}

/* An element's statements: one alone as the element's expression, more
 * as a list of them. */
static void elem_put_stmts(struct nlmsghdr *nlh, const struct stmt *stmts)
{
	struct nlattr *list = NULL, *nest;
	const struct stmt *st;
	struct nftnl_expr *x;

	if (stmts->next)
		list = mnl_attr_nest_start(nlh, NFTA_SET_ELEM_EXPRESSIONS);
	for (st = stmts; st; st = st->next) {
		x = stateful_expr(st);
		nest = mnl_attr_nest_start(nlh, list ? NFTA_LIST_ELEM : NFTA_SET_ELEM_EXPR);
		nftnl_expr_build_payload(nlh, x);
		mnl_attr_nest_end(nlh, nest);
		nftnl_expr_free(x);
	}
	if (list)
		mnl_attr_nest_end(nlh, list);
}

/* Element number @i of the list of @nlh: key @key, @flags, whether it
 * is @open, and what else @el says (see elem_msgs_put()). */
static void elem_put(struct nlmsghdr *nlh, uint16_t i, const struct set *s, const uint8_t *key,
		     const uint8_t *key_end, uint32_t flags, bool open, const struct expr *el)
{
	const struct expr *opt = NULL, *data = NULL;
	struct nlattr *nest, *k;

	if (el && el->kind == EXPR_MAPPING) {
		data = el->mapping.data;
		el = el->mapping.key;
	}
	if (el && el->kind == EXPR_SET_ELEM)
		opt = el;
	nest = mnl_attr_nest_start(nlh, i);
	if (flags)
		mnl_attr_put_u32(nlh, NFTA_SET_ELEM_FLAGS, htonl(flags));
	if (opt && opt->elem.timeout)
		mnl_attr_put_u64(nlh, NFTA_SET_ELEM_TIMEOUT, htobe64(opt->elem.timeout));
	if (opt && opt->elem.expires)
		mnl_attr_put_u64(nlh, NFTA_SET_ELEM_EXPIRATION, htobe64(opt->elem.expires));
	k = mnl_attr_nest_start(nlh, NFTA_SET_ELEM_KEY);
	mnl_attr_put(nlh, NFTA_DATA_VALUE, key_bytes(s->key, key_layout(s)), key);
	mnl_attr_nest_end(nlh, k);
	if (key_end) {
		k = mnl_attr_nest_start(nlh, NFTA_SET_ELEM_KEY_END);
		mnl_attr_put(nlh, NFTA_DATA_VALUE, key_bytes(s->key, key_layout(s)), key_end);
		mnl_attr_nest_end(nlh, k);
	}
	if (data && !s->objtype)
		put_data(nlh, NFTA_SET_ELEM_DATA, s, data);
	if ((opt && opt->elem.comment) || open) {
		struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);

		if (opt && opt->elem.comment)
			nftnl_udata_put_strz(ud, UDATA_ELEM_COMMENT, opt->elem.comment);
		/* as the reference marks it, for the monitors to read */
		if (open)
			nftnl_udata_put_u32(ud, UDATA_ELEM_FLAGS, UDATA_ELEM_INTERVAL_OPEN);
		mnl_attr_put(nlh, NFTA_SET_ELEM_USERDATA, nftnl_udata_buf_len(ud),
			     nftnl_udata_buf_data(ud));
		nftnl_udata_buf_free(ud);
	}
	if (data && s->objtype)
		put_obj_name(nlh, data, key_end ? key_end : key, key_bytes(s->key, key_layout(s)));
	if (opt && opt->elem.stmts)
		elem_put_stmts(nlh, opt->elem.stmts);
	mnl_attr_nest_end(nlh, nest);
}

/* An element with key @key (in the set's layout), its end key @key_end
 * (or NULL: a set of single keys, or of an interval's bounds) and @flags, @open when
 * it starts a range that runs to the last value (no end element follows);
 * its options and a map's data are those of @el, the element as written,
 * unless NULL (an interval's end).  A deleted element is its key alone. */
static void elem_msgs_put(struct elem_msgs *m, const uint8_t *key, const uint8_t *key_end,
			  uint32_t flags, bool open, const struct expr *el)
{
	uint32_t len;

	if (m->type == NFT_MSG_DELSETELEM) {
		el = NULL;
		open = false;
	}
	if (!m->nlh)
		elem_msgs_open(m);
	len = m->nlh->nlmsg_len;
	elem_put(m->nlh, ++m->n, m->s, key, key_end, flags, open, el);
	if ((char *)mnl_nlmsg_get_payload_tail(m->nlh) - (char *)m->list > ELEMS_LIST_MAX) {
		/* it goes first in the next message instead */
		m->nlh->nlmsg_len = len;
		elem_msgs_close(m);
		elem_msgs_open(m);
		elem_put(m->nlh, ++m->n, m->s, key, key_end, flags, open, el);
	}
	if (m->by_index)
		batch_msg_elem_from(m->b, m->in_msg, m->index);
	else
		m->index++;
	m->in_msg++;
}

/*
 * A walk over the elements of a set block as the batch takes them,
 * resolved: those of a list as they are (resolved already), those kept
 * by place parsed again and resolved for the step, their errors
 * reported.  1 with the element in *@el (the caller's to free when it
 * sets *@own), 0 at the end, -1 for an element in error.
 */
struct batch_walk {
	struct set *s;
	const struct expr *next;	/* in the list */
	struct place_walk places;
	bool by_place;
	bool keys_only;			/* elements named by key (a delete) */
};

static void batch_walk_start(struct batch_walk *w, struct set *s, const struct expr *elems,
			     bool keys_only)
{
	w->s = s;
	w->keys_only = keys_only;
	w->next = elems->set.elems;
	w->by_place = elems->set.spans != NULL;
	if (w->by_place)
		place_walk_start(&w->places, elems);
}

static int batch_walk_next(struct batch_walk *w, struct expr **el, bool *own)
{
	int r;

	*own = w->by_place;
	if (!w->by_place) {
		*el = (struct expr *)w->next;
		if (!*el)
			return 0;
		w->next = w->next->next;
		return 1;
	}
	r = place_walk_next(&w->places, el);
	if (r > 0 && resolve_elem(w->s, el, w->keys_only) < 0) {
		expr_free(*el);
		return -1;
	}
	return r;
}

/* A range of an interval set on its way to the kernel: its first and last
 * value in network byte order, key_len bytes each, and the element it
 * came from: its index in the set block, and the element itself when it
 * is kept (with its options or data, or in a list). */
struct range_rec {
	uint32_t index;
	uint32_t kept;			/* 1 + its index in the kept, 0: none */
	uint8_t bounds[];		/* low, then high */
};

struct ranges {
	uint8_t *v;
	size_t n, cap;
	unsigned int key_len, size;
	struct expr **kept;
	size_t nkept, kept_cap;
	bool own_kept;			/* parsed again for the batch */
	bool keys_only;			/* elements named by key (a delete) */
};

static struct range_rec *range_at(const struct ranges *r, size_t i)
{
	return (struct range_rec *)(r->v + i * r->size);
}

static uint8_t *range_lo(const struct ranges *r, size_t i)
{
	return range_at(r, i)->bounds;
}

static uint8_t *range_hi(const struct ranges *r, size_t i)
{
	return range_at(r, i)->bounds + r->key_len;
}

static unsigned int sort_len;

static int range_cmp(const void *a, const void *b)
{
	const struct range_rec *x = a, *y = b;
	int c = memcmp(x->bounds, y->bounds, sort_len);

	/* of ranges from one start, the one written last comes first, as
	 * in the reference: a merged range has its options */
	if (c == 0)
		c = (x->index < y->index) - (x->index > y->index);
	return c;
}

/* Add the range of element @el, number @index; keep @el with it when
 * @keep: whether it was kept. */
static bool ranges_add(struct ranges *r, const struct set *s, struct expr *el, uint32_t index,
		       bool keep)
{
	uint8_t lo[VALUE_MAX_BYTES], hi[VALUE_MAX_BYTES];
	struct range_rec *rec;

	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		r->v = xrealloc(r->v, r->cap * r->size);
	}
	elem_bounds(elem_key(el), s->key, key_layout(s), true, lo, hi);
	rec = range_at(r, r->n++);
	rec->index = index;
	rec->kept = 0;
	memcpy(rec->bounds, lo, r->key_len);
	memcpy(rec->bounds + r->key_len, hi, r->key_len);
	if (!keep)
		return false;
	if (r->nkept == r->kept_cap) {
		r->kept_cap = r->kept_cap ? r->kept_cap * 2 : 16;
		r->kept = xrealloc(r->kept, r->kept_cap * sizeof(*r->kept));
	}
	r->kept[r->nkept++] = el;
	rec->kept = r->nkept;
	return true;
}

static void ranges_free(struct ranges *r)
{
	size_t i;

	if (r->own_kept)
		for (i = 0; i < r->nkept; i++)
			expr_free(r->kept[i]);
	free(r->kept);
	free(r->v);
}

/* Where an element's key was written, which errors about it mark. */
static const struct location *elem_key_loc(const struct expr *el)
{
	return &(el->kind == EXPR_MAPPING ? el->mapping.key : el)->loc;
}

/* The element range @i came from, resolved (the caller's). */
static struct expr *range_elem(const struct ranges *r, size_t i, struct set *s,
			       const struct expr *elems)
{
	const struct range_rec *rec = range_at(r, i);
	struct expr *el;

	if (rec->kept)
		return expr_clone(r->kept[rec->kept - 1]);
	el = place_elem(elems, rec->index);
	if (el && resolve_elem(s, &el, r->keys_only) < 0) {
		expr_free(el);
		return NULL;
	}
	return el;
}

/* Ranges @i and the one before it overlap: the error at the elements
 * they came from, as the reference marks them. */
static void range_conflict(const struct ranges *r, size_t i, struct set *s,
			   const struct expr *elems)
{
	struct expr *el = range_elem(r, i, s, elems), *prev = range_elem(r, i - 1, s, elems);

	if (el && prev)
		error_at2(elem_key_loc(el), elem_key_loc(prev), "conflicting intervals specified");
	expr_free(el);
	expr_free(prev);
}

/*
 * The ranges of the elements @elems of an interval set, sorted, with
 * adjacent and overlapping ranges merged when the set merges (anonymous
 * sets and auto-merge), else the same given twice once: -1 after an error
 * (ranges that overlap).  The ranges are records of their bounds; only the
 * elements with options or data are kept whole.
 */
static int ranges_collect(struct ranges *r, struct set *s, const struct expr *elems,
			  bool keys_only)
{
	unsigned int n = key_bytes(s->key, key_layout(s));
	bool merge = s->automerge && !set_is_map(s);
	struct batch_walk w;
	struct expr *el;
	uint32_t index = 0;
	size_t i;
	bool own;
	int rc;

	memset(r, 0, sizeof(*r));
	r->key_len = n;
	r->own_kept = elems->set.spans != NULL;
	r->keys_only = keys_only;
	r->size = (sizeof(struct range_rec) + 2 * n + 3) / 4 * 4;
	batch_walk_start(&w, s, elems, keys_only);
	for (; (rc = batch_walk_next(&w, &el, &own)) > 0; index++) {
		if (!ranges_add(r, s, el, index, !own || el->kind == EXPR_MAPPING ||
						 el->kind == EXPR_SET_ELEM) && own)
			expr_free(el);
	}
	if (rc < 0) {
		ranges_free(r);
		return -1;
	}
	sort_len = n;
	if (r->n > 1)
		qsort(r->v, r->n, r->size, range_cmp);
	if (merge) {
		size_t j = 0;

		for (i = 1; i < r->n; i++) {
			uint8_t next[VALUE_MAX_BYTES];
			bool wrapped;

			memcpy(next, range_hi(r, j), n);
			wrapped = !bytes_inc(next, n);
			if (wrapped || memcmp(range_lo(r, i), next, n) <= 0) {
				if (memcmp(range_hi(r, i), range_hi(r, j), n) > 0)
					memcpy(range_hi(r, j), range_hi(r, i), n);
				continue;
			}
			memcpy(range_at(r, ++j), range_at(r, i), r->size);
		}
		r->n = r->n ? j + 1 : 0;
	} else {
		size_t j = 0;

		/* a range given again is no conflict: it is sent once */
		for (i = 1; i < r->n; i++) {
			if (!memcmp(range_lo(r, i), range_lo(r, i - 1), 2 * n))
				continue;
			if (memcmp(range_lo(r, i), range_hi(r, i - 1), n) <= 0) {
				range_conflict(r, i, s, elems);
				ranges_free(r);
				return -1;
			}
		}
		for (i = 1; i < r->n; i++)
			if (memcmp(range_lo(r, i), range_lo(r, j), 2 * n))
				memcpy(range_at(r, ++j), range_at(r, i), r->size);
		r->n = r->n ? j + 1 : 0;
	}
	return 0;
}

/* The elements of a constant interval set's ranges, as the reference
 * counts them for its size: each range's start and end, and the end at
 * zero before the first. */
static uint32_t ranges_count(const struct ranges *r)
{
	return 2 * r->n + (r->n && !all_bytes_zero(range_lo(r, 0), r->key_len));
}

/* The start and end elements of ranges @r of @elems into @m, freed.  In
 * an anonymous set, a range's end where the next one starts goes as that
 * start alone, as the reference sends it. */
static void ranges_put(struct elem_msgs *m, struct ranges *r, const struct expr *elems)
{
	bool anonymous = m->s->flags & NFT_SET_ANONYMOUS;
	uint8_t zero[VALUE_MAX_BYTES] = { 0 }, last[VALUE_MAX_BYTES];
	unsigned int n = r->key_len;
	size_t i;

	last_value(last, n, interval_key_bits(m->s));
	/* the kernel's error about a range's bound is about the element
	 * it came from; the end at zero goes with the first */
	m->block = elems;
	m->by_index = true;
	if (r->n)
		m->index = range_at(r, 0)->index;
	/* a delete leaves the end at zero that opens the set's first range:
	 * other ranges may start after it */
	if (!r->keys_only && r->n && !all_bytes_zero(range_lo(r, 0), n))
		elem_msgs_put(m, zero, NULL, NFT_SET_ELEM_INTERVAL_END, false, NULL);
	for (i = 0; i < r->n; i++) {
		const struct range_rec *rec = range_at(r, i);
		uint8_t end[VALUE_MAX_BYTES];
		bool open;

		m->index = rec->index;
		memcpy(end, range_hi(r, i), n);
		open = !memcmp(end, last, n) || !bytes_inc(end, n);
		elem_msgs_put(m, range_lo(r, i), NULL, 0, open,
			      rec->kept ? r->kept[rec->kept - 1] : NULL);
		if (!open && !(anonymous && i + 1 < r->n && !memcmp(end, range_lo(r, i + 1), n)))
			elem_msgs_put(m, end, NULL, NFT_SET_ELEM_INTERVAL_END, false, NULL);
	}
	ranges_free(r);
}

static int batch_interval_elems(struct elem_msgs *m, struct set *s, const struct expr *elems)
{
	struct ranges r;

	if (ranges_collect(&r, s, elems, m->type == NFT_MSG_DELSETELEM) < 0)
		return -1;
	ranges_put(m, &r, elems);
	return 0;
}

/* How many elements the ranges @elems of interval set @s are to the
 * kernel (ranges_count()): the size the reference declares for an
 * anonymous one.  -1 after an error in them. */
static int interval_elems_count(struct set *s, const struct expr *elems)
{
	struct ranges r;
	int count;

	if (ranges_collect(&r, s, elems, false) < 0)
		return -1;
	count = ranges_count(&r);
	ranges_free(&r);
	return count;
}

int batch_set_elems(struct nft_ctx *ctx, struct batch *b, struct set *s,
		    const struct expr *elems, uint16_t type, uint16_t flags,
		    const struct location *loc)
{
	struct elem_msgs m = { .b = b, .s = s, .type = type, .flags = flags, .loc = loc };
	struct batch_walk w;
	struct expr *el;
	bool own;
	int ret;

	(void)ctx;
	if (!elems)
		return 0;
	if ((s->flags & NFT_SET_INTERVAL) && !set_has_key_ends(s)) {
		ret = batch_interval_elems(&m, s, elems);
	} else {
		/* the kernel finds the overlaps of ranges of concatenations */
		m.block = elems;
		batch_walk_start(&w, s, elems, type == NFT_MSG_DELSETELEM);
		while ((ret = batch_walk_next(&w, &el, &own)) > 0) {
			uint8_t key[VALUE_MAX_BYTES], key_end[VALUE_MAX_BYTES];

			if (set_has_key_ends(s)) {
				concat_bounds(elem_key(el), s->key, key_layout(s), true, key,
					      key_end);
				elem_msgs_put(&m, key, key_end, 0, false, el);
			} else {
				key_put(elem_key(el), s->key, key_layout(s), false, key);
				elem_msgs_put(&m, key, NULL, 0, false, el);
			}
			if (own)
				expr_free(el);
		}
	}
	elem_msgs_close(&m);
	return ret;
}

/* ---- Sets as the kernel holds them ------------------------------------------ */

/* The byte order the reference records for @key, the key or data of @s:
 * the key of a rule's set (not map) of ranges of one byte (meta l4proto
 * { 1-6, 17 }) as network order, which it holds its ranges in. */
static uint32_t byteorder_udata(const struct set *s, const struct expr *key)
{
	if (key_is_concat(key) || key->dtype == &verdict_type)
		return UDATA_BYTEORDER_INVALID;
	if (key->byteorder == BYTEORDER_HOST &&
	    !(key == s->key && !set_is_map(s) && (s->flags & NFT_SET_ANONYMOUS) &&
	      (s->flags & NFT_SET_INTERVAL) && expr_bytes(key) == 1))
		return UDATA_BYTEORDER_HOST;
	return UDATA_BYTEORDER_BIG;
}

/*
 * A `typeof` key or data, as the reference records it in a set's user
 * data so that it lists the set as declared: per expression its kind
 * and, nested, what names the selector.  The numbers are the reference's.
 */
enum {
	TYPEOF_EXPR_VERDICT = 1, TYPEOF_EXPR_PAYLOAD = 7, TYPEOF_EXPR_META = 9,
	TYPEOF_EXPR_OSF = 11, TYPEOF_EXPR_CT = 12, TYPEOF_EXPR_RT = 25, TYPEOF_EXPR_FIB = 26,
};
enum { TYPEOF_KIND, TYPEOF_DATA };
enum { TYPEOF_PAYLOAD_DESC, TYPEOF_PAYLOAD_FIELD, TYPEOF_PAYLOAD_LEN = 4 };
enum { TYPEOF_CT_KEY, TYPEOF_CT_DIR };
enum { TYPEOF_FIB_RESULT, TYPEOF_FIB_FLAGS };

static const struct { const struct proto_desc *desc; uint32_t id; } typeof_protos[] = {
	{ &proto_ah, 1 }, { &proto_esp, 2 }, { &proto_comp, 3 }, { &proto_icmp, 4 },
	{ &proto_igmp, 5 }, { &proto_udp, 6 }, { &proto_udplite, 7 }, { &proto_tcp, 8 },
	{ &proto_dccp, 9 }, { &proto_sctp, 10 }, { &proto_th, 11 },
	{ &proto_ip, 12 }, { &proto_ip6, 13 }, { &proto_icmp6, 14 }, { &proto_arp, 15 },
	{ &proto_vlan, 16 }, { &proto_ether, 17 },
};

/* A field's number: its place in the header's table, but ICMPv6's
 * table in the reference has fields (pointer) this nft does not. */
static uint32_t typeof_field_number(const struct expr *e)
{
	static const struct { const char *name; uint32_t number; } icmp6[] = {
		{ "mtu", 5 }, { "id", 6 }, { "sequence", 7 }, { "max-delay", 8 },
	};
	size_t i;

	if (e->payload.desc == &proto_icmp6)
		for (i = 0; i < ARRAY_SIZE(icmp6); i++)
			if (!strcmp(icmp6[i].name, e->payload.field->name))
				return icmp6[i].number;
	return e->payload.field - e->payload.desc->fields + 1;
}

static const struct proto_field *typeof_field_by_number(const struct proto_desc *d,
							uint32_t number)
{
	const struct proto_field *f;

	for (f = d->fields; f->name; f++) {
		struct expr probe = { .kind = EXPR_PAYLOAD };

		probe.payload.desc = d;
		probe.payload.field = f;
		if (typeof_field_number(&probe) == number)
			return f;
	}
	return NULL;
}

/* One selector's record; false for a selector the reference cannot
 * record (then the set is listed by its types). */
static bool typeof_put_expr(struct nftnl_udata_buf *ud, const struct expr *e)
{
	struct nftnl_udata *data;
	uint32_t desc = 0;
	size_t i;

	switch (e->kind) {
	case EXPR_PAYLOAD:
		for (i = 0; i < ARRAY_SIZE(typeof_protos); i++)
			if (typeof_protos[i].desc == e->payload.desc)
				desc = typeof_protos[i].id;
		if (!desc)
			return false;
		nftnl_udata_put_u32(ud, TYPEOF_KIND, TYPEOF_EXPR_PAYLOAD);
		data = nftnl_udata_nest_start(ud, TYPEOF_DATA);
		nftnl_udata_put_u32(ud, TYPEOF_PAYLOAD_DESC, desc);
		nftnl_udata_put_u32(ud, TYPEOF_PAYLOAD_FIELD, typeof_field_number(e));
		/* an integer's width is not in its type */
		if (e->dtype == &integer_type)
			nftnl_udata_put_u32(ud, TYPEOF_PAYLOAD_LEN, e->len);
		break;
	case EXPR_META:
		nftnl_udata_put_u32(ud, TYPEOF_KIND, TYPEOF_EXPR_META);
		data = nftnl_udata_nest_start(ud, TYPEOF_DATA);
		nftnl_udata_put_u32(ud, 0, e->meta.key->key);
		break;
	case EXPR_CT:
		nftnl_udata_put_u32(ud, TYPEOF_KIND, TYPEOF_EXPR_CT);
		data = nftnl_udata_nest_start(ud, TYPEOF_DATA);
		nftnl_udata_put_u32(ud, TYPEOF_CT_KEY, e->ct.key->key);
		nftnl_udata_put_u32(ud, TYPEOF_CT_DIR, (uint32_t)e->ct.dir);
		break;
	case EXPR_RT:
		nftnl_udata_put_u32(ud, TYPEOF_KIND, TYPEOF_EXPR_RT);
		data = nftnl_udata_nest_start(ud, TYPEOF_DATA);
		nftnl_udata_put_u32(ud, 0, e->rt.key);
		break;
	case EXPR_FIB:
		nftnl_udata_put_u32(ud, TYPEOF_KIND, TYPEOF_EXPR_FIB);
		data = nftnl_udata_nest_start(ud, TYPEOF_DATA);
		nftnl_udata_put_u32(ud, TYPEOF_FIB_RESULT, e->fib.result);
		nftnl_udata_put_u32(ud, TYPEOF_FIB_FLAGS, e->fib.flags);
		break;
	case EXPR_OSF:
		/* the kind alone: the reference lists any as osf name */
		nftnl_udata_put_u32(ud, TYPEOF_KIND, TYPEOF_EXPR_OSF);
		data = nftnl_udata_nest_start(ud, TYPEOF_DATA);
		break;
	default:
		/* a verdict map's data: the kind alone */
		if (e->dtype != &verdict_type)
			return false;
		nftnl_udata_put_u32(ud, TYPEOF_KIND, TYPEOF_EXPR_VERDICT);
		data = nftnl_udata_nest_start(ud, TYPEOF_DATA);
		break;
	}
	nftnl_udata_nest_end(ud, data);
	return true;
}

static bool typeof_recordable(const struct expr *key)
{
	const struct expr *p;

	for (p = key_parts(key); p; p = key_is_concat(key) ? p->next : NULL)
		if (p->kind != EXPR_PAYLOAD && p->kind != EXPR_META && p->kind != EXPR_CT &&
		    p->kind != EXPR_RT && p->kind != EXPR_OSF && p->kind != EXPR_FIB &&
		    p->dtype != &verdict_type)
			return false;
	return true;
}

/* Whether the rule shifts part @p of the key of anonymous set @s down
 * (a bit field), or converts it to network byte order (a number of a set
 * of ranges, not a map): the reference records no parts from it on. */
static bool typeof_cut(const struct set *s, const struct expr *p)
{
	if (!(s->flags & NFT_SET_ANONYMOUS))
		return false;
	if (is_bit_field(p))
		return bit_field_shift(p) > 0;
	return !set_is_map(s) && set_has_key_ends(s) && numbers_swapped(p) && expr_bytes(p) > 1;
}

/* The record of a typeof key or data of @s: a concatenation's parts
 * nested one by one. */
static void typeof_put(struct nftnl_udata_buf *ud, uint8_t type, const struct set *s,
		       const struct expr *key)
{
	struct nftnl_udata *nest = nftnl_udata_nest_start(ud, type), *data, *part_nest;
	const struct expr *p;
	uint8_t i = 0;

	if (!key_is_concat(key)) {
		typeof_put_expr(ud, key);
		nftnl_udata_nest_end(ud, nest);
		return;
	}
	nftnl_udata_put_u32(ud, TYPEOF_KIND, UDATA_TYPEOF_CONCAT);
	data = nftnl_udata_nest_start(ud, TYPEOF_DATA);
	for (p = key->set.elems; p && !(key == s->key && typeof_cut(s, p)); p = p->next) {
		part_nest = nftnl_udata_nest_start(ud, i++);
		typeof_put_expr(ud, p);
		nftnl_udata_nest_end(ud, part_nest);
	}
	nftnl_udata_nest_end(ud, data);
	nftnl_udata_nest_end(ud, nest);
}

/* The reference marks a concatenation of types (not of selectors) with
 * an empty concatenation expression. */
static void typeof_put_concat_of_types(struct nftnl_udata_buf *ud, int attr)
{
	struct nftnl_udata *nest = nftnl_udata_nest_start(ud, attr);

	nftnl_udata_put_u32(ud, TYPEOF_KIND, UDATA_TYPEOF_CONCAT);
	nftnl_udata_nest_end(ud, nftnl_udata_nest_start(ud, TYPEOF_DATA));
	nftnl_udata_nest_end(ud, nest);
}

static void set_udata(const struct set *s, struct nftnl_set *ns)
{
	struct nftnl_udata_buf *ud = nftnl_udata_buf_alloc(NFT_USERDATA_MAXLEN);

	nftnl_udata_put_u32(ud, UDATA_SET_KEYBYTEORDER, byteorder_udata(s, s->key));
	if (s->data)
		nftnl_udata_put_u32(ud, UDATA_SET_DATABYTEORDER, byteorder_udata(s, s->data));
	if (s->automerge && (!(s->flags & NFT_SET_ANONYMOUS) ||
			     ((s->flags & NFT_SET_INTERVAL) && !set_is_map(s))))
		nftnl_udata_put_u32(ud, UDATA_SET_MERGE_ELEMENTS, 1);
	if (s->key_typeof && typeof_recordable(s->key)) {
		typeof_put(ud, UDATA_SET_KEY_TYPEOF, s, s->key);
	} else if (key_is_concat(s->key) && !set_is_meter(s) &&
		   !((s->flags & NFT_SET_ANONYMOUS) && s->objtype)) {
		/* (the key of an anonymous object map, a value of the
		 * concatenation's type, not at all) */
		typeof_put_concat_of_types(ud, UDATA_SET_KEY_TYPEOF);
	}
	if (s->data && (s->data_typeof || ((s->key_typeof || (s->flags & NFT_SET_ANONYMOUS)) &&
					   s->data->dtype == &verdict_type)) &&
	    typeof_recordable(s->data))
		typeof_put(ud, UDATA_SET_DATA_TYPEOF, s, s->data);
	else if (s->data && key_is_concat(s->data) && !(s->flags & NFT_SET_ANONYMOUS))
		typeof_put_concat_of_types(ud, UDATA_SET_DATA_TYPEOF);
	if (s->data || s->objtype)
		nftnl_udata_put_u32(ud, UDATA_SET_DATA_INTERVAL, s->data_interval);
	if (s->comment)
		nftnl_udata_put_strz(ud, UDATA_SET_COMMENT, s->comment);
	nftnl_set_set_data(ns, NFTNL_SET_USERDATA, nftnl_udata_buf_data(ud),
			   nftnl_udata_buf_len(ud));
	nftnl_udata_buf_free(ud);
}

/* The lengths of a concatenation's parts, which the kernel's pipapo set
 * matches field by field: a bit field's, as the reference gives it, its
 * type's bytes (ip6 dscp: one of the two it holds), or else its own. */
static void set_desc_concat(const struct set *s, struct nftnl_set *ns)
{
	uint8_t field_len[NFT_REG32_COUNT] = { 0 };
	const struct expr *p;
	unsigned int n = 0;

	for (p = s->key->set.elems; p && n < NFT_REG32_COUNT; p = p->next)
		field_len[n++] = is_bit_field(p) && p->dtype->size ? (p->dtype->size + 7) / 8 :
				 part_width(p, key_layout(s));
	nftnl_set_set_data(ns, NFTNL_SET_DESC_CONCAT, field_len, n);
}

/* A set's message of @type; a new one's @size: how many elements the
 * kernel is to expect, 0 for no hint. */
static void batch_set(struct nft_ctx *ctx, struct batch *b, struct set *s, uint16_t type,
		      uint16_t flags, const struct location *loc, uint32_t size)
{
	struct nftnl_set *ns = nftnl_set_alloc();
	struct nlmsghdr *nlh;

	nftnl_set_set_u32(ns, NFTNL_SET_FAMILY, s->h.family);
	nftnl_set_set_str(ns, NFTNL_SET_TABLE, s->h.table);
	if (s->name)
		nftnl_set_set_str(ns, NFTNL_SET_NAME, s->name);
	if (s->h.has_handle)
		nftnl_set_set_u64(ns, NFTNL_SET_HANDLE, s->h.handle);
	if (type == NFT_MSG_NEWSET) {
		if (!s->id)
			s->id = ++ctx->set_id;
		nftnl_set_set_u32(ns, NFTNL_SET_FLAGS, s->flags);
		nftnl_set_set_u32(ns, NFTNL_SET_KEY_TYPE, key_type_id(s->key));
		nftnl_set_set_u32(ns, NFTNL_SET_KEY_LEN, key_bytes(s->key, key_layout(s)));
		if (s->data && s->data->dtype == &verdict_type) {
			nftnl_set_set_u32(ns, NFTNL_SET_DATA_TYPE, VERDICT_DATA_TYPE);
			nftnl_set_set_u32(ns, NFTNL_SET_DATA_LEN, 0);
		} else if (s->data) {
			nftnl_set_set_u32(ns, NFTNL_SET_DATA_TYPE, key_type_id(s->data));
			nftnl_set_set_u32(ns, NFTNL_SET_DATA_LEN, key_bytes(s->data, FIELD_OWN) *
					  (s->data_interval ? 2 : 1));
		}
		if (s->objtype)
			nftnl_set_set_u32(ns, NFTNL_SET_OBJ_TYPE, s->objtype);
		nftnl_set_set_u32(ns, NFTNL_SET_ID, s->id);
		if (s->has_policy)
			nftnl_set_set_u32(ns, NFTNL_SET_POLICY, s->policy);
		if (size)
			nftnl_set_set_u32(ns, NFTNL_SET_DESC_SIZE, size);
		if (s->flags & NFT_SET_CONCAT)
			set_desc_concat(s, ns);
		if (s->timeout)
			nftnl_set_set_u64(ns, NFTNL_SET_TIMEOUT, s->timeout);
		if (s->gc_interval)
			nftnl_set_set_u32(ns, NFTNL_SET_GC_INTERVAL, s->gc_interval);
		set_udata(s, ns);
		if (s->counter)
			nftnl_set_add_expr(ns, nftnl_expr_alloc("counter"));
	}
	nlh = batch_msg(b, type, s->h.family, flags, loc);
	nftnl_set_nlmsg_build_payload(nlh, ns);
	batch_done(b, nlh);
	nftnl_set_free(ns);
}

/*
 * A new set, and the elements it is declared with, into the batch (its
 * message's @flags): -1 after an error.  The size of a named constant set
 * is the count of its elements as the kernel gets them, whatever it was
 * declared with, as the reference counts them: an interval set's ranges
 * are read first for that.  An anonymous set's was counted when it was
 * made (anon_set_new()).
 */
static int batch_new_set(struct nft_ctx *ctx, struct batch *b, struct set *s, uint16_t flags,
			 const struct location *loc)
{
	struct elem_msgs m = {
		.b = b, .s = s, .type = NFT_MSG_NEWSETELEM, .flags = NLM_F_CREATE, .loc = loc,
	};
	bool counted = (s->flags & NFT_SET_CONSTANT) && !(s->flags & NFT_SET_ANONYMOUS) &&
		       s->elems;
	struct ranges r;

	if (!counted || !(s->flags & NFT_SET_INTERVAL) || set_has_key_ends(s)) {
		batch_set(ctx, b, s, NFT_MSG_NEWSET, flags, loc,
			  counted ? s->elems->set.count : s->size);
		return batch_set_elems(ctx, b, s, s->elems, NFT_MSG_NEWSETELEM, NLM_F_CREATE,
				       loc);
	}
	if (ranges_collect(&r, s, s->elems, false) < 0)
		return -1;
	batch_set(ctx, b, s, NFT_MSG_NEWSET, flags, loc, ranges_count(&r));
	ranges_put(&m, &r, s->elems);
	elem_msgs_close(&m);
	return 0;
}

static int batch_anon_set(struct nft_ctx *ctx, struct batch *b, struct expr *e,
			  const struct location *loc)
{
	if (!e || e->kind != EXPR_SET_REF || e->set_ref.name[0])
		return 0;
	return batch_new_set(ctx, b, e->set_ref.set, NLM_F_CREATE, loc);
}

/* Resolve the named sets rule @r refers to, now that the kernel's are
 * known, and send the anonymous ones before it. */
static void rule_sets_mark_dynamic(struct nft_ctx *ctx, const struct rule *r)
{
	const struct stmt *st;
	struct set *s;

	for (; r; r = r->next)
		for (st = r->stmts; st; st = st->next)
			if (st->kind == STMT_DYNSET && st->dynset.set->kind == EXPR_SET_REF &&
			    st->dynset.set->set_ref.name[0] &&
			    (s = set_lookup(ctx, &r->h, st->dynset.set->set_ref.name)))
				s->flags |= NFT_SET_EVAL;
}

void sets_mark_dynamic(struct nft_ctx *ctx, struct cmd *cmds)
{
	const struct chain *ch;
	struct cmd *c;

	for (c = cmds; c; c = c->next) {
		if (c->rule)
			rule_sets_mark_dynamic(ctx, c->rule);
		if (c->chain)
			rule_sets_mark_dynamic(ctx, c->chain->rules);
		for (ch = c->table ? c->table->chains : NULL; ch; ch = ch->next)
			rule_sets_mark_dynamic(ctx, ch->rules);
	}
}

/* Where statement @st refers to its @n-th set (NULL if it does not), the
 * key it looks up, and what for (@use).  Only a nat statement has two:
 * its address's map and its port's. */
static struct expr **stmt_set_ref(struct stmt *st, unsigned int n, struct expr **key,
				  enum set_use *use)
{
	struct expr **ref = NULL, *m = NULL;

	*key = NULL;
	*use = SET_LOOKUP;
	if (st->kind == STMT_NAT) {
		struct expr *maps[2];
		unsigned int count = 0;

		if (st->nat.addr && st->nat.addr->kind == EXPR_MAP)
			maps[count++] = st->nat.addr;
		if (st->nat.port && st->nat.port->kind == EXPR_MAP)
			maps[count++] = st->nat.port;
		if (n >= count)
			return NULL;
		*use = SET_MAP;
		*key = maps[n]->map.key;
		return &maps[n]->map.set;
	}
	if (n > 0)
		return NULL;
	if (st->kind == STMT_MATCH && st->match.right->kind == EXPR_SET_REF) {
		ref = &st->match.right;
		*key = st->match.left;
	} else if (st->kind == STMT_VMAP) {
		ref = &st->vmap.map;
		*key = st->vmap.key;
		*use = SET_VMAP;
	} else if (st->kind == STMT_DYNSET) {
		ref = &st->dynset.set;
		*key = st->dynset.key;
	} else if ((st->kind == STMT_META_SET || st->kind == STMT_CT_SET) &&
		   st->set.value->kind == EXPR_MAP) {
		m = st->set.value;
		*use = SET_MAP;
	} else if (st->kind == STMT_QUEUE && st->queue.qnum &&
		   st->queue.qnum->kind == EXPR_MAP) {
		m = st->queue.qnum;
		*use = SET_MAP;
	} else if (st->kind == STMT_OBJREF && st->objref.expr &&
		   st->objref.expr->kind == EXPR_MAP) {
		m = st->objref.expr;
		*use = SET_OBJMAP;
	}
	if (m) {
		ref = &m->map.set;
		*key = m->map.key;
	}
	return ref;
}

bool rule_names_sets(struct rule *r)
{
	struct stmt *st;
	struct expr **ref, *key;
	enum set_use use;

	unsigned int n;

	for (st = r->stmts; st; st = st->next)
		for (n = 0; (ref = stmt_set_ref(st, n, &key, &use)); n++)
			if ((*ref)->kind == EXPR_SET_REF && (*ref)->set_ref.name[0])
				return true;
	return false;
}

/* A rule adds keys of its set's shape; else the reference's word, which
 * differs from a lookup's. */
static bool dynset_key_fits(struct nft_ctx *ctx, const struct handle *h, const struct stmt *st)
{
	const struct set *s = set_lookup(ctx, h, st->dynset.set->set_ref.name);
	char *set_desc, *key_desc;

	if (!s || same_shape(s->key, st->dynset.key))
		return true;
	set_desc = key_type_desc(s->key);
	key_desc = key_type_desc(st->dynset.key);
	error_at2(&st->dynset.key->loc, &st->loc,
		  "datatype mismatch: expected %s, expression has type %s", set_desc, key_desc);
	free(set_desc);
	free(key_desc);
	return false;
}

/* The value a rule writes into a map with the key it adds, of the map's
 * data type. */
static int dynset_data_resolve(struct stmt *st)
{
	const struct set *s = st->dynset.set->set_ref.set;
	struct expr *d = st->dynset.data, *v;

	if (!d)
		return 0;
	if (!s->data || s->objtype) {
		error_at(&d->loc, "set elements take no value: this is not a map");
		return -1;
	}
	if (d->kind == EXPR_SYMBOL) {
		if (!(v = resolve_key(d, s->data, false)))
			return -1;
		expr_free(d);
		st->dynset.data = v;
		return 0;
	}
	if (d->dtype != s->data->dtype) {
		error_at2(&d->loc, &st->loc, "datatype mismatch: expected %s, expression has type %s",
			  s->data->dtype->desc, d->dtype->desc);
		return -1;
	}
	return 0;
}

/* Set reference @ref of statement @st of rule @r: an anonymous set sent
 * before the rule, a named one resolved. */
static int batch_set_ref(struct nft_ctx *ctx, struct batch *b, struct rule *r,
			 const struct cmd *c, struct stmt *st, struct expr **ref, struct expr *key,
			 enum set_use use)
{
	struct expr *resolved;

	if (!(*ref)->set_ref.name[0])
		/* the kernel's word on a meter's set is about its key */
		return batch_anon_set(ctx, b, *ref, stmt_is_meter(st) ?
				      &(*ref)->set_ref.set->loc : &r->loc);
	if ((*ref)->set_ref.set)
		return 0;
	/* the reference hints at a set near in name for a rule of its own
	 * command, not one of a block */
	if (c && !set_lookup(ctx, &r->h, (*ref)->set_ref.name) &&
	    hint_missing(ctx, c, HINT_SET, (*ref)->set_ref.name, &(*ref)->loc, HINT_NAME))
		return -1;
	if (st->kind == STMT_DYNSET && !dynset_key_fits(ctx, &r->h, st))
		return -1;
	resolved = set_ref_evaluate(ctx, &r->h, *ref, key, use);
	if (!resolved)
		return -1;
	expr_free(*ref);
	*ref = resolved;
	if (st->kind == STMT_DYNSET && dynset_data_resolve(st) < 0)
		return -1;
	return 0;
}

int batch_rule_sets(struct nft_ctx *ctx, struct batch *b, struct rule *r, const struct cmd *c)
{
	struct expr **ref, *key;
	enum set_use use;
	struct stmt *st;
	unsigned int n;

	for (st = r->stmts; st; st = st->next)
		for (n = 0; (ref = stmt_set_ref(st, n, &key, &use)); n++)
			if (batch_set_ref(ctx, b, r, c, st, ref, key, use) < 0)
				return -1;
	return 0;
}

static struct set *set_of_cmd(struct nft_ctx *ctx, struct cmd *c)
{
	struct set *s = set_lookup(ctx, &c->h, c->h.chain);

	if (!s && !hint_missing(ctx, c, HINT_SET, c->h.chain, &c->h.chain_loc, HINT_NAME))
		error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
	return s;
}

/* Whether element command @c goes with @prev, the one before it: both
 * add (or both create) elements to one set.  The reference evaluates
 * such a group as one command: after an error in it, the rest of the
 * group is not looked at. */
static bool same_elems_group(const struct cmd *prev, const struct cmd *c)
{
	return prev->next == c && prev->obj == OBJ_ELEMENT && prev->op == c->op &&
	       prev->h.family == c->h.family && !strcmp(prev->h.table, c->h.table) &&
	       !strcmp(prev->h.chain, c->h.chain);
}

static int batch_elems_cmd(struct nft_ctx *ctx, struct batch *b, struct cmd *c)
{
	uint16_t excl = c->op == CMD_CREATE ? NLM_F_EXCL : 0;
	struct set *s;

	if (ctx->elems_failed && same_elems_group(ctx->elems_failed, c)) {
		ctx->elems_failed = c;
		return -1;
	}
	/* the elements, kept by place, are resolved on their way */
	if (!(s = set_of_cmd(ctx, c)) ||
	    batch_set_elems(ctx, b, s, c->elems, NFT_MSG_NEWSETELEM, NLM_F_CREATE | excl,
			    &c->h.chain_loc) < 0) {
		ctx->elems_failed = c;
		return -1;
	}
	return 0;
}

int batch_set_cmd(struct nft_ctx *ctx, struct batch *b, struct cmd *c)
{
	uint16_t excl = c->op == CMD_CREATE ? NLM_F_EXCL : 0;
	struct set *s;

	switch (c->op) {
	case CMD_ADD:
	case CMD_CREATE:
		if (c->obj != OBJ_ELEMENT)
			return batch_new_set(ctx, b, c->set, NLM_F_CREATE | excl,
					     &c->set->name_loc);
		return batch_elems_cmd(ctx, b, c);
	case CMD_DELETE:
		if (c->obj == OBJ_ELEMENT) {
			if (!(s = set_of_cmd(ctx, c)))
				return -1;
			return batch_set_elems(ctx, b, s, c->elems, NFT_MSG_DELSETELEM, 0,
					       &c->h.chain_loc);
		} else {
			struct set del = { .h = c->h, .name = c->h.chain };

			batch_set(ctx, b, &del, NFT_MSG_DELSET, 0,
				  c->h.has_handle ? &c->h.handle_loc : &c->h.chain_loc, 0);
			return 0;
		}
	case CMD_FLUSH: {
		struct nlmsghdr *nlh;

		if (!set_of_cmd(ctx, c))
			return -1;
		/* the set's name first, as the reference lays it out */
		nlh = batch_msg(b, NFT_MSG_DELSETELEM, c->h.family, 0, &c->h.chain_loc);
		mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_SET, c->h.chain);
		mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_TABLE, c->h.table);
		batch_done(b, nlh);
		return 0;
	}
	default:
		return 0;
	}
}

/* ---- Dumps --------------------------------------------------------------------- */

/* A dump request of @msg for @family, of the set @set of @table when
 * given, in @buf (NL_REQ_SIZE bytes). */
static struct nlmsghdr *dump_request_build(char *buf, uint16_t msg, unsigned int family,
					   const char *table, const char *set)
{
	struct nlmsghdr *nlh;

	memset(buf, 0, NL_REQ_SIZE);
	nlh = nftnl_nlmsg_build_hdr(buf, msg, family, NLM_F_DUMP, 0);
	if (table)
		mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_TABLE, table);
	if (set)
		mnl_attr_put_strz(nlh, NFTA_SET_ELEM_LIST_SET, set);
	return nlh;
}

static int dump_request(struct nft_ctx *ctx, uint16_t msg, unsigned int family,
			const char *table, const char *set, struct nl_msgs *out)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));

	return nl_dump_collect(ctx->sock, dump_request_build(buf, msg, family, table, set), out);
}

/* The attributes of a record by type, up to @max. */
static void udata_attrs(const void *data, uint32_t len, const struct nftnl_udata **tb,
			unsigned int max)
{
	const struct nftnl_udata *attr;

	memset(tb, 0, max * sizeof(*tb));
	udata_for_each(data, len, attr) {
		if (nftnl_udata_type(attr) < max)
			tb[nftnl_udata_type(attr)] = attr;
	}
}

static uint32_t udata_u32(const struct nftnl_udata *attr, uint32_t absent)
{
	return attr && nftnl_udata_len(attr) == 4 ? nftnl_udata_get_u32(attr) : absent;
}

/* The selector a record names (of a set of @family), NULL if unknown. */
static struct expr *typeof_get_expr(const struct nftnl_udata *attr, unsigned int family)
{
	const struct nftnl_udata *tb[2], *data[5];
	const struct proto_field *f;
	const struct meta_key *mk;
	const struct ct_key *ck;
	struct expr *e;
	uint32_t v;
	size_t i;

	udata_attrs(nftnl_udata_get(attr), nftnl_udata_len(attr), tb, 2);
	if (!tb[TYPEOF_DATA])
		return NULL;
	udata_attrs(nftnl_udata_get(tb[TYPEOF_DATA]), nftnl_udata_len(tb[TYPEOF_DATA]), data, 5);
	switch (udata_u32(tb[TYPEOF_KIND], 0)) {
	case TYPEOF_EXPR_PAYLOAD:
		v = udata_u32(data[TYPEOF_PAYLOAD_DESC], 0);
		for (i = 0; i < ARRAY_SIZE(typeof_protos) && typeof_protos[i].id != v; i++)
			;
		if (i == ARRAY_SIZE(typeof_protos) ||
		    !(f = typeof_field_by_number(typeof_protos[i].desc,
						 udata_u32(data[TYPEOF_PAYLOAD_FIELD], 0))))
			return NULL;
		return payload_expr_new(typeof_protos[i].desc, f, NULL);
	case TYPEOF_EXPR_META:
		mk = meta_key_by_number(udata_u32(data[0], 0));
		return mk ? meta_expr_new(mk, NULL) : NULL;
	case TYPEOF_EXPR_CT:
		if (!(ck = ct_key_by_number(udata_u32(data[TYPEOF_CT_KEY], UINT32_MAX))))
			return NULL;
		e = expr_new(EXPR_CT, NULL);
		e->ct.key = ck;
		e->ct.dir = (int32_t)udata_u32(data[TYPEOF_CT_DIR], UINT32_MAX);
		e->ct.nfproto = ck->nfproto;
		e->dtype = ck->dtype;
		e->byteorder = ck->byteorder;
		e->len = ck->len;
		if (!ck->len) {
			/* an address of the table's version */
			e->ct.nfproto = family == NFPROTO_IPV6 ? NFPROTO_IPV6 : NFPROTO_IPV4;
			e->dtype = family == NFPROTO_IPV6 ? &ipv6_type : &ipv4_type;
			e->len = family == NFPROTO_IPV6 ? 128 : 32;
		}
		return e;
	case TYPEOF_EXPR_VERDICT:
		return set_key_of_type(&verdict_type, NULL);
	case TYPEOF_EXPR_OSF:
		return osf_expr_new(NF_OSF_TTL_TRUE, 0, NULL);
	case TYPEOF_EXPR_FIB:
		v = udata_u32(data[TYPEOF_FIB_RESULT], 0);
		if (v < NFT_FIB_RESULT_OIF || v > NFT_FIB_RESULT_ADDRTYPE)
			return NULL;
		return fib_expr_new(v, udata_u32(data[TYPEOF_FIB_FLAGS], 0), NULL);
	case TYPEOF_EXPR_RT:
		v = udata_u32(data[0], 0);
		if (v != NFT_RT_NEXTHOP4 && v != NFT_RT_NEXTHOP6)
			return NULL;
		e = expr_new(EXPR_RT, NULL);
		e->rt.key = v;
		e->dtype = v == NFT_RT_NEXTHOP6 ? &ipv6_type : &ipv4_type;
		e->len = v == NFT_RT_NEXTHOP6 ? 128 : 32;
		e->byteorder = BYTEORDER_BIG;
		return e;
	}
	return NULL;
}

/* A typeof key or data: one selector, or a concatenation of them. */
static struct expr *typeof_get(const struct nftnl_udata *attr, unsigned int family)
{
	const struct nftnl_udata *tb[2], *part;
	struct expr *c, **tail;

	udata_attrs(nftnl_udata_get(attr), nftnl_udata_len(attr), tb, 2);
	if (udata_u32(tb[TYPEOF_KIND], 0) != UDATA_TYPEOF_CONCAT)
		return typeof_get_expr(attr, family);
	if (!tb[TYPEOF_DATA])
		return NULL;
	c = expr_new(EXPR_CONCAT, NULL);
	tail = &c->set.elems;
	udata_for_each(nftnl_udata_get(tb[TYPEOF_DATA]),
				  nftnl_udata_len(tb[TYPEOF_DATA]), part) {
		/* the reference reads no osf back as a part: the set is
		 * listed by its types then */
		if (!(*tail = typeof_get_expr(part, family)) || (*tail)->kind == EXPR_OSF) {
			expr_free(c);
			return NULL;
		}
		tail = &(*tail)->next;
		c->set.count++;
	}
	/* no parts: a concatenation declared by its types */
	if (!c->set.count) {
		expr_free(c);
		return NULL;
	}
	return c;
}

static void set_udata_parse(struct set *s, const void *data, uint32_t len,
			    enum byteorder *key_order, enum byteorder *data_order)
{
	const struct nftnl_udata *attr;

	udata_for_each(data, len, attr) {
		const void *v = nftnl_udata_get(attr);
		uint32_t u = nftnl_udata_len(attr) == 4 ? nftnl_udata_get_u32(attr) : 0;

		switch (nftnl_udata_type(attr)) {
		case UDATA_SET_KEYBYTEORDER:
			*key_order = u == UDATA_BYTEORDER_HOST ? BYTEORDER_HOST : BYTEORDER_BIG;
			break;
		case UDATA_SET_DATABYTEORDER:
			*data_order = u == UDATA_BYTEORDER_HOST ? BYTEORDER_HOST : BYTEORDER_BIG;
			break;
		case UDATA_SET_MERGE_ELEMENTS:
			s->automerge = u;
			break;
		case UDATA_SET_COMMENT:
			s->comment = strndup(v, nftnl_udata_len(attr));
			break;
		case UDATA_SET_DATA_INTERVAL:
			s->data_interval = u;
			break;
		case UDATA_SET_KEY_TYPEOF:
			expr_free(s->key);
			s->key = typeof_get(attr, s->h.family);
			break;
		case UDATA_SET_DATA_TYPEOF:
			expr_free(s->data);
			s->data = typeof_get(attr, s->h.family);
			break;
		}
	}
}

struct set *set_from_nl(struct nftnl_set *ns)
{
	struct set *s = xcalloc(1, sizeof(*s));
	enum byteorder key_order = BYTEORDER_INVALID, data_order = BYTEORDER_INVALID;
	const void *ud;
	uint32_t len;

	s->h.family = nftnl_set_get_u32(ns, NFTNL_SET_FAMILY);
	s->h.table = xstrdup(nftnl_set_get_str(ns, NFTNL_SET_TABLE));
	s->name = xstrdup(nftnl_set_get_str(ns, NFTNL_SET_NAME));
	s->handle = nftnl_set_get_u64(ns, NFTNL_SET_HANDLE);
	s->flags = nftnl_set_get_u32(ns, NFTNL_SET_FLAGS);
	if (nftnl_set_is_set(ns, NFTNL_SET_POLICY)) {
		s->policy = nftnl_set_get_u32(ns, NFTNL_SET_POLICY);
		s->has_policy = true;
	}
	if (nftnl_set_is_set(ns, NFTNL_SET_DESC_SIZE))
		s->size = nftnl_set_get_u32(ns, NFTNL_SET_DESC_SIZE);
	if (nftnl_set_is_set(ns, NFTNL_SET_TIMEOUT))
		s->timeout = nftnl_set_get_u64(ns, NFTNL_SET_TIMEOUT);
	if (nftnl_set_is_set(ns, NFTNL_SET_GC_INTERVAL))
		s->gc_interval = nftnl_set_get_u32(ns, NFTNL_SET_GC_INTERVAL);
	s->counter = nftnl_set_is_set(ns, NFTNL_SET_EXPR);
	ud = nftnl_set_get_data(ns, NFTNL_SET_USERDATA, &len);
	if (ud)
		set_udata_parse(s, ud, len, &key_order, &data_order);
	/* the reference records an anonymous set's selectors up to the first
	 * it cannot (see typeof_cut()): a key of more parts goes by its types */
	if (s->key && (s->flags & NFT_SET_ANONYMOUS) && key_is_concat(s->key) &&
	    s->key->set.count != type_id_parts(nftnl_set_get_u32(ns, NFTNL_SET_KEY_TYPE))) {
		expr_free(s->key);
		s->key = NULL;
	}
	/* the selectors of a typeof declaration, as listed; else the types,
	 * as the reference lists a map of ranges whatever it recorded */
	s->key_typeof = s->key != NULL && !s->data_interval;
	s->data_typeof = s->data && s->data->dtype != &verdict_type && !s->data_interval;
	if (!s->key) {
		s->key = key_of_type_id(nftnl_set_get_u32(ns, NFTNL_SET_KEY_TYPE),
					nftnl_set_get_u32(ns, NFTNL_SET_KEY_LEN));
		if (s->key && !key_is_concat(s->key) && key_order != BYTEORDER_INVALID)
			s->key->byteorder = key_order;
	}
	/* an object map of a type ours does not know is listed nowhere */
	if (s->flags & NFT_SET_OBJECT) {
		s->objtype = nftnl_set_get_u32(ns, NFTNL_SET_OBJ_TYPE);
		if (!obj_kind_of(s->objtype)) {
			expr_free(s->key);
			s->key = NULL;
		}
	}
	if (s->flags & NFT_SET_MAP && !s->data) {
		uint32_t dt = nftnl_set_get_u32(ns, NFTNL_SET_DATA_TYPE);

		s->data = dt == VERDICT_DATA_TYPE ? set_key_of_type(&verdict_type, NULL) :
			  key_of_type_id(dt, nftnl_set_get_u32(ns, NFTNL_SET_DATA_LEN) /
					     (s->data_interval ? 2 : 1));
		if (s->data && !key_is_concat(s->data) && data_order != BYTEORDER_INVALID)
			s->data->byteorder = data_order;
	}
	/* wider than a register file: no kernel's, and no buffer's here */
	if (s->key && key_bytes(s->key, key_layout(s)) > VALUE_MAX_BYTES) {
		expr_free(s->key);
		s->key = NULL;
	}
	if (s->data && s->data->dtype != &verdict_type &&
	    key_bytes(s->data, FIELD_OWN) > VALUE_MAX_BYTES) {
		expr_free(s->data);
		s->data = NULL;
	}
	return s;
}

struct set *cache_find_set(struct table *t, const char *name)
{
	struct set *s;

	for (s = t->sets; s; s = s->next)
		if (!strcmp(s->name, name))
			return s;
	return NULL;
}

int cache_load_sets(struct nft_ctx *ctx)
{
	struct nl_msgs msgs = { 0 };
	struct nlmsghdr *nlh;
	int err;

	err = dump_request(ctx, NFT_MSG_GETSET, NFPROTO_UNSPEC, NULL, NULL, &msgs);
	if (err == 0) {
		nl_msgs_for_each(&msgs, nlh) {
			struct nftnl_set *ns = nftnl_set_alloc();
			struct table *t;

			if (parse_kernel_set(nlh, ns) == 0 &&
			    (t = cache_find_table(ctx, nftnl_set_get_u32(ns, NFTNL_SET_FAMILY),
						  nftnl_set_get_str(ns, NFTNL_SET_TABLE)))) {
				struct set **tail;

				for (tail = &t->sets; *tail; tail = &(*tail)->next)
					;
				*tail = set_from_nl(ns);
			}
			nftnl_set_free(ns);
		}
	}
	nl_msgs_free(&msgs);
	if (err == 0)
		err = cache_load_objs(ctx);
	return err;
}

/* ---- Elements from the kernel ------------------------------------------------- */

/* What an element of a listing carries besides its key and flags. */
struct dumped_extra {
	uint64_t timeout, expires;
	bool has_timeout;
	struct stmt *stmts;
	char *comment;
	struct expr *data;
};

/* One element as read from a message. */
struct dumped_elem {
	uint8_t key[VALUE_MAX_BYTES], key_end[VALUE_MAX_BYTES];
	uint32_t flags;
	struct dumped_extra x;
};

/*
 * The elements of a listing, sorted, as records of one size: the key in
 * its sorting order (its parts as numbers, most significant byte first),
 * its flags and, for the few elements that carry more, that.  A set of
 * many elements costs a few bytes each, its elements built one at a time
 * as they are printed.  A concatenation of ranges has its elements in the
 * kernel's order, each with its end key after its key.
 */
struct dumped_rec {
	uint32_t flags;
	uint32_t extra;			/* 1 + its index in the extras, 0: none */
	uint8_t order[];
};

struct elem_dump {
	uint8_t *recs;
	size_t n, cap;
	unsigned int key_len, size;
	bool key_ends;
	struct dumped_extra *extras;
	size_t nextras, extras_cap;
};

static struct dumped_rec *dumped_at(const struct elem_dump *d, size_t i)
{
	return (struct dumped_rec *)(d->recs + i * d->size);
}

static struct elem_dump *elem_dump_new(const struct set *s)
{
	struct elem_dump *d = xcalloc(1, sizeof(*d));

	d->key_len = key_bytes(s->key, key_layout(s));
	d->key_ends = set_has_key_ends(s);
	d->size = (sizeof(struct dumped_rec) + d->key_len * (d->key_ends ? 2 : 1) + 3) / 4 * 4;
	return d;
}

static void dumped_extra_free(struct dumped_extra *x)
{
	free(x->comment);
	expr_free(x->data);
	stmts_free(x->stmts);
}

/* Forget what a dump read, when it starts over. */
static void elem_dump_reset(void *data)
{
	struct elem_dump *d = data;
	size_t i;

	for (i = 0; i < d->nextras; i++)
		dumped_extra_free(&d->extras[i]);
	d->nextras = 0;
	d->n = 0;
}

void elem_dump_free(struct elem_dump *d)
{
	if (!d)
		return;
	elem_dump_reset(d);
	free(d->extras);
	free(d->recs);
	free(d);
}

struct elem_dump *elem_dump_clone(const struct elem_dump *d)
{
	struct elem_dump *c;
	size_t i;

	if (!d)
		return NULL;
	c = xmalloc(sizeof(*c));
	*c = *d;
	c->recs = xmalloc(d->cap * d->size);
	memcpy(c->recs, d->recs, d->n * d->size);
	c->extras = xmalloc(d->extras_cap * sizeof(*d->extras));
	for (i = 0; i < d->nextras; i++) {
		c->extras[i] = d->extras[i];
		c->extras[i].comment = d->extras[i].comment ? xstrdup(d->extras[i].comment) : NULL;
		c->extras[i].data = expr_clone(d->extras[i].data);
		c->extras[i].stmts = stateful_stmts_clone(d->extras[i].stmts);
	}
	return c;
}

static unsigned int order_len;

static int dumped_cmp(const void *a, const void *b)
{
	const struct dumped_rec *x = a, *y = b;
	int c = memcmp(x->order, y->order, order_len);

	/* a range's end element at the next one's start comes first */
	if (c == 0)
		c = (int)(y->flags & NFT_SET_ELEM_INTERVAL_END) -
		    (int)(x->flags & NFT_SET_ELEM_INTERVAL_END);
	return c;
}

/* A value of a part from its bytes in the kernel's layout. */
static struct expr *part_value(const struct expr *part, enum field_layout layout,
			       const uint8_t *bytes, bool interval)
{
	struct expr *v = value_new(NULL, part->dtype, part->byteorder, part->len);
	unsigned int n = part_width(part, layout), i;

	if (is_bit_field(part) && layout != FIELD_OWN) {
		uint64_t x = 0;

		for (i = 0; i < n; i++)
			x = x << 8 | bytes[i];
		if (layout == FIELD_IN_PLACE)
			x >>= bit_field_shift(part);
		value_set_u64(v, x & ((1ULL << part->len) - 1));
	} else if (interval && numbers_swapped(part)) {
		for (i = 0; i < n; i++)
			v->value.data[i] = bytes[n - 1 - i];
	} else {
		memcpy(v->value.data, bytes, n);
	}
	return v;
}

static struct expr *key_value(const struct expr *key, enum field_layout layout,
			      const uint8_t *bytes, bool interval)
{
	const struct expr *part;
	struct expr *c, **tail;
	unsigned int off = 0;

	if (!key_is_concat(key))
		return part_value(key, layout, bytes, interval);
	c = expr_new(EXPR_CONCAT, NULL);
	tail = &c->set.elems;
	for (part = key->set.elems; part; part = part->next) {
		*tail = part_value(part, layout, bytes + off, interval);
		tail = &(*tail)->next;
		off += part_bytes(part, layout, true);
		c->set.count++;
	}
	return c;
}

/* The sort order of a key: its parts as numbers, most significant first;
 * a concatenation's bytes as one little-endian number, as the reference
 * sorts it (1.1.1.1 . 256 before 2.0.0.1 . 1).  The same turns the order
 * back into the key. */
static void key_order(const struct expr *key, enum field_layout layout, const uint8_t *bytes,
		      bool interval, uint8_t *out)
{
	const struct expr *part;
	unsigned int off = 0, i, n;

	if (key_is_concat(key) && !interval) {
		n = key_bytes(key, layout);
		for (i = 0; i < n; i++)
			out[i] = bytes[n - 1 - i];
		return;
	}
	for (part = key_parts(key); part; part = key_is_concat(key) ? part->next : NULL) {
		unsigned int w = part_bytes(part, layout, key_is_concat(key));

		n = part_width(part, layout);
		for (i = 0; i < n; i++)
			out[off + i] = part->byteorder == BYTEORDER_HOST && !interval ?
				       bytes[off + n - 1 - i] : bytes[off + i];
		off += w;
	}
}

static struct expr *data_range_expr(const struct expr *data, const uint8_t *bytes);

static void parse_data(const struct nlattr *nest, const struct set *s, struct dumped_extra *x)
{
	static const struct nl_attr_policy policy[NFTA_DATA_MAX + 1] = {
		[NFTA_DATA_VERDICT] = { .kind = NLA_NESTED },
	};
	static const struct nl_attr_policy verdict_policy[NFTA_VERDICT_MAX + 1] = {
		[NFTA_VERDICT_CODE] = { .kind = NLA_U32 },
		[NFTA_VERDICT_CHAIN] = { .kind = NLA_STR },
	};
	const struct nlattr *tb[NFTA_DATA_MAX + 1], *vtb[NFTA_VERDICT_MAX + 1];
	const struct nlattr *value;
	struct expr *e;

	nl_attr_parse_nested(nest, tb, NFTA_DATA_MAX, policy);
	value = tb[NFTA_DATA_VALUE];
	if (value && s->data && s->data_interval &&
	    mnl_attr_get_payload_len(value) >= 2 * key_bytes(s->data, FIELD_OWN)) {
		x->data = data_range_expr(s->data, mnl_attr_get_payload(value));
	} else if (value && s->data &&
		   mnl_attr_get_payload_len(value) >= key_bytes(s->data, FIELD_OWN)) {
		x->data = key_value(s->data, FIELD_OWN, mnl_attr_get_payload(value), false);
	} else if (tb[NFTA_DATA_VERDICT]) {
		nl_attr_parse_nested(tb[NFTA_DATA_VERDICT], vtb, NFTA_VERDICT_MAX, verdict_policy);
		e = expr_new(EXPR_VERDICT, NULL);
		if (vtb[NFTA_VERDICT_CODE])
			e->verdict.code = (int32_t)ntohl(mnl_attr_get_u32(vtb[NFTA_VERDICT_CODE]));
		if (vtb[NFTA_VERDICT_CHAIN])
			e->verdict.chain = xstrdup(mnl_attr_get_str(vtb[NFTA_VERDICT_CHAIN]));
		x->data = e;
	}
}

/* An object's name as an object map's element has it, written quoted. */
static struct expr *obj_name_expr(const char *name)
{
	struct expr *e = expr_new(EXPR_SYMBOL, NULL);

	e->sym.text = xstrdup(name);
	e->sym.quoted = true;
	return e;
}

/* A statement that keeps state, from the attributes of its expression
 * @data; NULL for an expression of another kind.  Elements are read from
 * their attributes (rules, through libnftnl: delinearize.c). */
static struct stmt *stateful_stmt_of_attrs(const char *name, const struct nlattr *data)
{
	const struct nlattr *a;
	struct stmt *s;

	if (!strcmp(name, "counter"))
		s = stmt_new(STMT_COUNTER, NULL);
	else if (!strcmp(name, "limit"))
		s = stmt_new(STMT_LIMIT, NULL);
	else if (!strcmp(name, "quota"))
		s = stmt_new(STMT_QUOTA, NULL);
	else if (!strcmp(name, "connlimit"))
		s = stmt_new(STMT_CONNLIMIT, NULL);
	else
		return NULL;
	if (!data)
		return s;
	mnl_attr_for_each_nested(a, data) {
		uint16_t type = mnl_attr_get_type(a);
		uint64_t v;

		/* each a number of 8 bytes or of 4; one of another size
		 * (another program's) is left out */
		if (mnl_attr_get_payload_len(a) == sizeof(uint64_t))
			v = be64toh(mnl_attr_get_u64(a));
		else if (mnl_attr_get_payload_len(a) == sizeof(uint32_t))
			v = ntohl(mnl_attr_get_u32(a));
		else
			continue;
		switch (s->kind) {
		case STMT_COUNTER:
			if (type == NFTA_COUNTER_PACKETS)
				s->counter.packets = v;
			else if (type == NFTA_COUNTER_BYTES)
				s->counter.bytes = v;
			break;
		case STMT_LIMIT:
			if (type == NFTA_LIMIT_RATE)
				s->limit.rate = v;
			else if (type == NFTA_LIMIT_UNIT)
				s->limit.unit = v;
			else if (type == NFTA_LIMIT_BURST)
				s->limit.burst = v;
			else if (type == NFTA_LIMIT_TYPE)
				s->limit.bytes = v == NFT_LIMIT_PKT_BYTES;
			else if (type == NFTA_LIMIT_FLAGS)
				s->limit.inverted = v & NFT_LIMIT_F_INV;
			break;
		case STMT_QUOTA:
			if (type == NFTA_QUOTA_BYTES)
				s->quota.bytes = v;
			else if (type == NFTA_QUOTA_CONSUMED)
				s->quota.used = v;
			else if (type == NFTA_QUOTA_FLAGS)
				s->quota.inverted = v & NFT_QUOTA_F_INV;
			break;
		default:	/* ct count */
			if (type == NFTA_CONNLIMIT_COUNT)
				s->connlimit.count = v;
			else if (type == NFTA_CONNLIMIT_FLAGS)
				s->connlimit.inverted = v & NFT_CONNLIMIT_F_INV;
			break;
		}
	}
	return s;
}

/* An element's expression (NFTA_EXPR_NAME, NFTA_EXPR_DATA) into its
 * statements; one of a kind ours does not know is left out. */
static void parse_elem_expr(const struct nlattr *nest, struct dumped_extra *x)
{
	static const struct nl_attr_policy policy[NFTA_EXPR_MAX + 1] = {
		[NFTA_EXPR_NAME] = { .kind = NLA_STR },
		[NFTA_EXPR_DATA] = { .kind = NLA_NESTED },
	};
	const struct nlattr *tb[NFTA_EXPR_MAX + 1];
	struct stmt *s, **tail = &x->stmts;

	nl_attr_parse_nested(nest, tb, NFTA_EXPR_MAX, policy);
	if (!tb[NFTA_EXPR_NAME] ||
	    !(s = stateful_stmt_of_attrs(mnl_attr_get_str(tb[NFTA_EXPR_NAME]), tb[NFTA_EXPR_DATA])))
		return;
	while (*tail)
		tail = &(*tail)->next;
	*tail = s;
}

/* A key's bytes from its nest @nest into @out, unless longer than a key. */
static void parse_key(const struct nlattr *nest, uint8_t *out)
{
	const struct nlattr *tb[NFTA_DATA_MAX + 1];

	nl_attr_parse_nested(nest, tb, NFTA_DATA_MAX, NULL);
	if (tb[NFTA_DATA_VALUE] && mnl_attr_get_payload_len(tb[NFTA_DATA_VALUE]) <= VALUE_MAX_BYTES)
		memcpy(out, mnl_attr_get_payload(tb[NFTA_DATA_VALUE]),
		       mnl_attr_get_payload_len(tb[NFTA_DATA_VALUE]));
}

/*
 * Element @nest of a message.  Its attributes are checked before they are
 * read: a monitor reads other programs' elements, and keeps the messages
 * of an interval's bounds no longer than they say they are.
 */
static void parse_elem(const struct nlattr *nest, const struct set *s, struct dumped_elem *d)
{
	static const struct nl_attr_policy policy[NFTA_SET_ELEM_MAX + 1] = {
		[NFTA_SET_ELEM_KEY] = { .kind = NLA_NESTED },
		[NFTA_SET_ELEM_KEY_END] = { .kind = NLA_NESTED },
		[NFTA_SET_ELEM_DATA] = { .kind = NLA_NESTED },
		[NFTA_SET_ELEM_FLAGS] = { .kind = NLA_U32 },
		[NFTA_SET_ELEM_TIMEOUT] = { .kind = NLA_U64 },
		[NFTA_SET_ELEM_EXPIRATION] = { .kind = NLA_U64 },
		[NFTA_SET_ELEM_EXPR] = { .kind = NLA_NESTED },
		[NFTA_SET_ELEM_EXPRESSIONS] = { .kind = NLA_NESTED },
		[NFTA_SET_ELEM_OBJREF] = { .kind = NLA_STR },
	};
	const struct nlattr *tb[NFTA_SET_ELEM_MAX + 1], *a;

	nl_attr_parse_nested(nest, tb, NFTA_SET_ELEM_MAX, policy);
	if (tb[NFTA_SET_ELEM_KEY])
		parse_key(tb[NFTA_SET_ELEM_KEY], d->key);
	if (tb[NFTA_SET_ELEM_KEY_END])
		parse_key(tb[NFTA_SET_ELEM_KEY_END], d->key_end);
	if (tb[NFTA_SET_ELEM_FLAGS])
		d->flags = ntohl(mnl_attr_get_u32(tb[NFTA_SET_ELEM_FLAGS]));
	if (tb[NFTA_SET_ELEM_TIMEOUT]) {
		d->x.timeout = be64toh(mnl_attr_get_u64(tb[NFTA_SET_ELEM_TIMEOUT]));
		d->x.has_timeout = true;
	}
	if (tb[NFTA_SET_ELEM_EXPIRATION])
		d->x.expires = be64toh(mnl_attr_get_u64(tb[NFTA_SET_ELEM_EXPIRATION]));
	if (tb[NFTA_SET_ELEM_DATA])
		parse_data(tb[NFTA_SET_ELEM_DATA], s, &d->x);
	if (tb[NFTA_SET_ELEM_OBJREF] && s->objtype)
		d->x.data = obj_name_expr(mnl_attr_get_str(tb[NFTA_SET_ELEM_OBJREF]));
	if (tb[NFTA_SET_ELEM_USERDATA])
		d->x.comment = udata_comment(mnl_attr_get_payload(tb[NFTA_SET_ELEM_USERDATA]),
					     mnl_attr_get_payload_len(tb[NFTA_SET_ELEM_USERDATA]),
					     UDATA_ELEM_COMMENT);
	if (tb[NFTA_SET_ELEM_EXPR])
		parse_elem_expr(tb[NFTA_SET_ELEM_EXPR], &d->x);
	if (tb[NFTA_SET_ELEM_EXPRESSIONS])
		mnl_attr_for_each_nested(a, tb[NFTA_SET_ELEM_EXPRESSIONS])
			parse_elem_expr(a, &d->x);
}

/* The elements of @s in message @nlh (a dump's part, or an event), into @d. */
static void collect_elems(const struct set *s, const struct nlmsghdr *nlh, struct elem_dump *d)
{
	static const struct nl_attr_policy policy[NFTA_SET_ELEM_LIST_MAX + 1] = {
		[NFTA_SET_ELEM_LIST_ELEMENTS] = { .kind = NLA_NESTED },
	};
	const struct nlattr *tb[NFTA_SET_ELEM_LIST_MAX + 1], *el;
	bool interval = s->flags & NFT_SET_INTERVAL;

	/* within the message's length, which mnl_attr_for_each() rounds up */
	nl_attr_parse_msg(nlh, sizeof(struct nfgenmsg), tb, NFTA_SET_ELEM_LIST_MAX, policy);
	if (tb[NFTA_SET_ELEM_LIST_ELEMENTS]) {
		mnl_attr_for_each_nested(el, tb[NFTA_SET_ELEM_LIST_ELEMENTS]) {
			struct dumped_elem e;
			struct dumped_rec *rec;

			memset(&e, 0, sizeof(e));
			parse_elem(el, s, &e);
			if (d->n == d->cap) {
				d->cap = d->cap ? d->cap * 2 : 64;
				d->recs = xrealloc(d->recs, d->cap * d->size);
			}
			rec = dumped_at(d, d->n++);
			memset(rec, 0, d->size);
			rec->flags = e.flags;
			key_order(s->key, key_layout(s), e.key, interval, rec->order);
			if (d->key_ends)
				key_order(s->key, key_layout(s), e.key_end, true,
					  rec->order + d->key_len);
			if (!e.x.has_timeout && !e.x.expires && !e.x.comment && !e.x.stmts &&
			    !e.x.data)
				continue;
			if (d->nextras == d->extras_cap) {
				d->extras_cap = d->extras_cap ? d->extras_cap * 2 : 16;
				d->extras = xrealloc(d->extras, d->extras_cap * sizeof(*d->extras));
			}
			d->extras[d->nextras++] = e.x;
			rec->extra = d->nextras;
		}
	}
}

/* The element of the listing for @key and what @x (or NULL) says of it:
 * key with options and data. */
static struct expr *elem_expr(const struct set *s, const struct dumped_extra *x,
			      struct expr *key)
{
	struct expr *e = key;

	if (!x)
		return e;
	if ((x->has_timeout && x->timeout != s->timeout) || x->expires || x->comment ||
	    x->stmts) {
		e = expr_new(EXPR_SET_ELEM, NULL);
		e->elem.key = key;
		if (x->has_timeout && x->timeout != s->timeout)
			e->elem.timeout = x->timeout;
		e->elem.expires = x->expires;
		e->elem.comment = x->comment ? xstrdup(x->comment) : NULL;
		e->elem.stmts = stateful_stmts_clone(x->stmts);
	}
	if (x->data) {
		struct expr *m = expr_new(EXPR_MAPPING, NULL);

		m->mapping.key = e;
		m->mapping.data = expr_clone(x->data);
		e = m;
	}
	return e;
}

/* A range of an interval set's @key (one not concatenated) as the
 * reference writes it: a value, a prefix when it covers one exactly, or
 * low-high. */
bool range_is_prefix(const uint8_t *lo, const uint8_t *hi, unsigned int n, unsigned int *plen)
{
	unsigned int i;

	/* the bits where lo and hi first differ up to the end: lo all 0, hi all 1 */
	for (*plen = 0; *plen < n * 8; (*plen)++)
		if ((lo[*plen / 8] ^ hi[*plen / 8]) & (0x80 >> (*plen % 8)))
			break;
	for (i = *plen; i < n * 8; i++)
		if ((lo[i / 8] & (0x80 >> (i % 8))) || !(hi[i / 8] & (0x80 >> (i % 8))))
			return false;
	return true;
}

static struct expr *range_expr(const struct expr *key, enum field_layout layout,
			       const uint8_t *lo, const uint8_t *hi, bool interval)
{
	unsigned int n = part_width(key, layout), plen;
	bool prefix = range_is_prefix(lo, hi, n, &plen);
	struct expr *e;

	if (!memcmp(lo, hi, n))
		return key_value(key, layout, lo, interval);
	/* a string's prefix of whole bytes: "eth*" */
	if (prefix && ((key->dtype->flags & TYPE_F_PREFIX) ||
		       (is_string_type(key->dtype) && plen % 8 == 0))) {
		e = expr_new(EXPR_PREFIX, NULL);
		e->prefix.expr = key_value(key, layout, lo, interval);
		e->prefix.plen = plen;
		e->dtype = key->dtype;
		return e;
	}
	e = expr_new(EXPR_RANGE, NULL);
	e->range.low = key_value(key, layout, lo, interval);
	e->range.high = key_value(key, layout, hi, interval);
	e->dtype = key->dtype;
	return e;
}

/* An element of a concatenation of ranges from its key @lo and end key
 * @hi: each part a value, prefix or range. */
static struct expr *concat_range_expr(const struct expr *key, enum field_layout layout,
				      const uint8_t *lo, const uint8_t *hi, bool interval)
{
	struct expr *c = expr_new(EXPR_CONCAT, NULL), **tail = &c->set.elems;
	const struct expr *part;
	unsigned int off = 0;

	for (part = key->set.elems; part; part = part->next) {
		*tail = range_expr(part, layout, lo + off, hi + off, interval);
		tail = &(*tail)->next;
		off += part_bytes(part, layout, true);
		c->set.count++;
	}
	return c;
}

/* A map's data of ranges from its bytes: the first value, then the
 * last.  The reference lists a range of addresses that is a prefix as one,
 * of a single address too (/32); a concatenation's parts as a key's.  Data
 * of host byte order it reads as one number of both values' bytes and
 * lists its halves, the high one first: so do we. */
static struct expr *data_range_expr(const struct expr *data, const uint8_t *held)
{
	unsigned int n = key_bytes(data, FIELD_OWN), plen, i;
	uint8_t swapped[2 * VALUE_MAX_BYTES];
	const uint8_t *bytes = held;
	struct expr *e;

	if (key_is_concat(data))
		return concat_range_expr(data, FIELD_OWN, bytes, bytes + n, false);
	if (numbers_swapped(data)) {
		for (i = 0; i < 2 * n; i++)
			swapped[i] = held[2 * n - 1 - i];
		bytes = swapped;
	}
	if ((data->dtype->flags & TYPE_F_PREFIX) && range_is_prefix(bytes, bytes + n, n, &plen)) {
		e = expr_new(EXPR_PREFIX, NULL);
		e->prefix.expr = key_value(data, FIELD_OWN, bytes, false);
		e->prefix.plen = plen;
	} else {
		e = expr_new(EXPR_RANGE, NULL);
		e->range.low = key_value(data, FIELD_OWN, bytes, false);
		e->range.high = key_value(data, FIELD_OWN, bytes + n, false);
	}
	e->dtype = data->dtype;
	return e;
}

/*
 * The element of the listing that the records of @d from *@i on stand
 * for: one, or in an interval set a range's start and end; *@i then at
 * the next.  NULL after the last.
 */
static struct expr *dumped_elem_expr(const struct set *s, const struct elem_dump *d, size_t *i)
{
	bool interval = s->flags & NFT_SET_INTERVAL;
	unsigned int klen = d->key_len;
	const struct dumped_rec *rec;
	struct expr *key;

	/* an interval set's end elements end the range before them */
	while (interval && !d->key_ends && *i < d->n && (dumped_at(d, *i)->flags & NFT_SET_ELEM_INTERVAL_END))
		(*i)++;
	if (*i == d->n)
		return NULL;
	rec = dumped_at(d, (*i)++);
	if (d->key_ends) {
		key = concat_range_expr(s->key, key_layout(s), rec->order, rec->order + klen, true);
	} else if (interval) {
		uint8_t hi[VALUE_MAX_BYTES];

		/* in an interval set, keys are in network byte order: their
		 * order is themselves.  The end element, or a start the range
		 * runs into (a monitor's bounds), is the first value after it. */
		if (*i < d->n) {
			memcpy(hi, dumped_at(d, *i)->order, klen);
			for (int j = klen - 1; j >= 0 && hi[j]-- == 0; j--)
				;
		} else {
			last_value(hi, klen, interval_key_bits(s));
		}
		key = range_expr(s->key, key_layout(s), rec->order, hi, true);
	} else {
		uint8_t bytes[VALUE_MAX_BYTES] = { 0 };

		key_order(s->key, key_layout(s), rec->order, false, bytes);
		key = key_value(s->key, key_layout(s), bytes, false);
	}
	return elem_expr(s, rec->extra ? &d->extras[rec->extra - 1] : NULL, key);
}

/* @d sorted as the listing has its elements (unless @as_sent, for a set
 * of single keys), as an EXPR_SET. */
static struct expr *elems_of_dump(const struct set *s, struct elem_dump *d, bool as_sent)
{
	struct expr *set = expr_new(EXPR_SET, NULL);
	size_t i;

	order_len = d->key_len;
	/* No elements may come with no array: qsort() takes no NULL. */
	if (d->n > 1 && !d->key_ends && !(as_sent && !(s->flags & NFT_SET_INTERVAL)))
		qsort(d->recs, d->n, d->size, dumped_cmp);
	for (i = 0; i < d->n; i++)
		if (!(s->flags & NFT_SET_INTERVAL) || d->key_ends ||
		    !(dumped_at(d, i)->flags & NFT_SET_ELEM_INTERVAL_END))
			set->set.count++;
	set->set.dump = d;
	return set;
}

void elem_walk_start(struct elem_walk *w, const struct set *s, const struct expr *elems)
{
	memset(w, 0, sizeof(*w));
	w->s = s;
	w->next = elems->set.elems;
	w->dump = elems->set.dump;
}

void elem_walk_stop(struct elem_walk *w)
{
	expr_free(w->made);
	w->made = NULL;
}

const struct expr *elem_walk_next(struct elem_walk *w)
{
	const struct expr *el = w->next;

	elem_walk_stop(w);
	if (w->dump)
		return w->made = dumped_elem_expr(w->s, w->dump, &w->i);
	if (el)
		w->next = el->next;
	return el;
}

struct expr *elems_as_list(const struct set *s, const struct expr *elems)
{
	struct expr *list = expr_new(EXPR_SET, NULL), **tail = &list->set.elems;
	const struct expr *el;
	struct elem_walk w;

	elem_walk_start(&w, s, elems);
	while ((el = elem_walk_next(&w))) {
		*tail = expr_clone(el);
		tail = &(*tail)->next;
		list->set.count++;
	}
	return list;
}

struct expr *elems_unpaired(const struct set *s, const struct expr *elems)
{
	const struct elem_dump *d = elems->set.dump;
	struct expr *list, **tail;
	size_t i;

	if (!d)
		return elems_as_list(s, elems);
	list = expr_new(EXPR_SET, NULL);
	tail = &list->set.elems;
	for (i = 0; i < d->n; i++) {
		const struct dumped_rec *rec = dumped_at(d, i);
		const struct dumped_extra *x = rec->extra ? &d->extras[rec->extra - 1] : NULL;
		unsigned int k;

		for (k = 0; k < (d->key_ends ? 2u : 1u); k++) {
			*tail = elem_expr(s, x, key_value(s->key, key_layout(s),
							  rec->order + k * d->key_len,
							  s->flags & NFT_SET_INTERVAL));
			tail = &(*tail)->next;
			list->set.count++;
		}
	}
	return list;
}

struct expr *set_records_of_msgs(const struct set *s, const struct nlmsghdr *const *msgs,
				 size_t count, bool as_sent)
{
	struct elem_dump *d = elem_dump_new(s);
	size_t i;

	for (i = 0; i < count; i++)
		collect_elems(s, msgs[i], d);
	return elems_of_dump(s, d, as_sent);
}

struct expr *set_elems_of_msgs(const struct set *s, const struct nlmsghdr *const *msgs,
				size_t count, bool as_sent)
{
	struct expr *dumped = set_records_of_msgs(s, msgs, count, as_sent), *list;

	list = elems_as_list(s, dumped);
	expr_free(dumped);
	return list;
}

struct elems_dump_ctx {
	const struct set *s;
	struct elem_dump *d;
};

static int elems_dump_msg(const struct nlmsghdr *nlh, void *data)
{
	struct elems_dump_ctx *dc = data;

	collect_elems(dc->s, nlh, dc->d);
	return MNL_CB_OK;
}

static void elems_dump_restart(void *data)
{
	elem_dump_reset(((struct elems_dump_ctx *)data)->d);
}

/* The elements are read message by message into records as the kernel
 * sends them, never held as its messages. */
int set_load_elems(struct nft_ctx *ctx, struct set *s)
{
	static const struct nl_dump_ops ops = {
		.msg = elems_dump_msg,
		.restart = elems_dump_restart,
	};
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct elems_dump_ctx dc = { .s = s };
	int err;

	if (s->elems || !s->key)
		return 0;
	if (s->elem_msgs) {
		s->elems = set_records_of_msgs(s, (const struct nlmsghdr *const *)s->elem_msgs,
					       s->elem_msgs_count, true);
		set_elem_msgs_free(s);
		return 0;
	}
	dc.d = elem_dump_new(s);
	err = nl_dump(ctx->sock, dump_request_build(buf, NFT_MSG_GETSETELEM, s->h.family,
						    s->h.table, s->name), &ops, &dc);
	if (err < 0) {
		elem_dump_free(dc.d);
		return err;
	}
	s->elems = elems_of_dump(s, dc.d, false);
	return 0;
}

/* ---- Listing ------------------------------------------------------------------ */

/* How many elements the reference puts on a line of a named set, by the
 * type of its key: five numbers of some types, two addresses or states,
 * else one (of a concatenation too). */
static unsigned int elems_per_line(const struct expr *key)
{
	static const struct datatype *const five[] = {
		&nfproto_type, &integer_type, &arpop_type, &inet_proto_type, &inet_service_type,
		&tcp_flag_type, &mark_type, &ifindex_type, &tc_handle_type, &uid_type,
		&gid_type, &ct_dir_type, &dccp_pkttype_type,
	};
	static const struct datatype *const two[] = {
		&ipv4_type, &ct_state_type, &ct_status_type, &pkttype_type,
	};
	size_t i;

	if (key_is_concat(key))
		return 1;
	for (i = 0; i < ARRAY_SIZE(five); i++)
		if (key->dtype == five[i])
			return 5;
	for (i = 0; i < ARRAY_SIZE(two); i++)
		if (key->dtype == two[i])
			return 2;
	return 1;
}

static void print_ms(struct nft_ctx *ctx, uint64_t ms, FILE *f)
{
	struct expr *v = value_new(NULL, &time_type, BYTEORDER_HOST, 64);

	value_set_u64(v, ms);
	print_value(ctx, v, f);
	expr_free(v);
}

void print_elem(struct nft_ctx *ctx, const struct expr *el, FILE *f)
{
	const struct expr *p;
	const struct stmt *x;

	switch (el->kind) {
	case EXPR_CONCAT:
		for (p = el->set.elems; p; p = p->next) {
			print_expr(ctx, p, f);
			if (p->next)
				fputs(" . ", f);
		}
		break;
	case EXPR_SET_ELEM:
		print_elem(ctx, el->elem.key, f);
		for (x = el->elem.stmts; x; x = x->next) {
			fputc(' ', f);
			print_stmt(ctx, x, f);
		}
		if (el->elem.timeout) {
			fputs(" timeout ", f);
			print_ms(ctx, el->elem.timeout, f);
		}
		/* what is left of a timeout is state too */
		if (el->elem.expires && !ctx->stateless) {
			fputs(" expires ", f);
			print_ms(ctx, el->elem.expires, f);
		}
		if (el->elem.comment)
			fprintf(f, " comment \"%s\"", el->elem.comment);
		break;
	case EXPR_MAPPING:
		print_elem(ctx, el->mapping.key, f);
		fputs(" : ", f);
		print_elem(ctx, el->mapping.data, f);
		break;
	default:
		/* several flags in one element: a | b, as a,b would be two */
		if (is_flag_combination(el))
			print_flags_or(ctx, el, f);
		else
			print_expr(ctx, el, f);
		break;
	}
}

void print_set_elems(struct nft_ctx *ctx, const struct set *s, const struct expr *elems,
		     bool wrap, FILE *f)
{
	unsigned int per_line = elems_per_line(s->key), n = 0;
	const struct expr *el;
	struct elem_walk w;

	fputs("{ ", f);
	elem_walk_start(&w, s, elems);
	while ((el = elem_walk_next(&w))) {
		if (n && wrap && n % per_line == 0)
			fputs(",\n\t\t\t     ", f);
		else if (n)
			fputs(", ", f);
		print_elem(ctx, el, f);
		n++;
	}
	fputs(" }", f);
}

static void print_key_type(const struct expr *key, FILE *f)
{
	const struct expr *p;

	for (p = key_parts(key); p; p = key_is_concat(key) ? p->next : NULL) {
		fputs(p->dtype->name, f);
		if (key_is_concat(key) && p->next)
			fputs(" . ", f);
	}
}

char *key_type_name(const struct expr *key)
{
	char *name = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&name, &len);

	print_key_type(key, f);
	fclose(f);
	return name;
}

/* A key or a map's data as declared: by the selectors (@typeof_) or by
 * their types. */
static void print_key_decl(struct nft_ctx *ctx, const struct expr *key, bool typeof_, FILE *f)
{
	if (typeof_)
		print_expr(ctx, key, f);
	else
		print_key_type(key, f);
}

void print_set_types(struct nft_ctx *ctx, const struct set *s, bool as_declared, FILE *f)
{
	print_key_decl(ctx, s->key, as_declared && s->key_typeof, f);
	if (s->objtype) {
		fprintf(f, " : %s", obj_type_name(s->objtype));
	} else if (s->data) {
		fputs(s->data_interval ? " : interval " : " : ", f);
		print_key_decl(ctx, s->data, as_declared && s->data_typeof, f);
	}
}

static void print_set_flags(const struct set *s, FILE *f)
{
	static const struct { uint32_t flag; const char *name; } names[] = {
		{ NFT_SET_CONSTANT, "constant" }, { NFT_SET_EVAL, "dynamic" },
		{ NFT_SET_INTERVAL, "interval" }, { NFT_SET_TIMEOUT, "timeout" },
	};
	const char *sep = "";
	size_t i;

	/* a default timeout says the flag already */
	if (!(s->flags & (NFT_SET_CONSTANT | NFT_SET_EVAL | NFT_SET_INTERVAL)) &&
	    (!(s->flags & NFT_SET_TIMEOUT) || s->timeout))
		return;
	fputs("\t\tflags ", f);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (s->flags & names[i].flag) {
			fprintf(f, "%s%s", sep, names[i].name);
			sep = ",";
		}
	}
	fputc('\n', f);
}

/* A set's declarations after its type, in the reference's order; @whole:
 * with its counter and comment, which get element leaves out. */
static void print_set_props(struct nft_ctx *ctx, const struct set *s, bool whole, FILE *f)
{
	if (s->has_policy && s->policy == NFT_SET_POL_MEMORY)
		fputs("\t\tpolicy memory\n", f);
	/* a constant set's size is its elements' count, not listed */
	if (s->size && !(s->flags & NFT_SET_CONSTANT))
		fprintf(f, "\t\tsize %u\n", s->size);
	print_set_flags(s, f);
	if (s->counter && whole)
		fputs("\t\tcounter\n", f);
	if (s->automerge)
		fputs("\t\tauto-merge\n", f);
	if (s->timeout) {
		fputs("\t\ttimeout ", f);
		print_ms(ctx, s->timeout, f);
		fputc('\n', f);
	}
	if (s->gc_interval) {
		fputs("\t\tgc-interval ", f);
		print_ms(ctx, s->gc_interval, f);
		fputc('\n', f);
	}
	if (s->comment && whole)
		fprintf(f, "\t\tcomment \"%s\"\n", s->comment);
}

static void print_set(struct nft_ctx *ctx, struct set *s, FILE *f)
{
	fprintf(f, "\t%s %s {", set_is_meter(s) ? "meter" : set_is_map(s) ? "map" : "set", s->name);
	if (ctx->handles)
		fprintf(f, " # handle %" PRIu64, s->handle);
	fputs(s->key_typeof ? "\n\t\ttypeof " : "\n\t\ttype ", f);
	print_set_types(ctx, s, true, f);
	fputc('\n', f);
	print_set_props(ctx, s, true, f);
	/* a meter's elements are its state, which -s leaves out */
	if (!ctx->terse && !(ctx->stateless && set_is_meter(s)) && set_load_elems(ctx, s) == 0 &&
	    s->elems && s->elems->set.count) {
		fputs("\t\telements = ", f);
		/* as a rule's anonymous sets, a meter's go on one line */
		print_set_elems(ctx, s, s->elems, !(s->flags & NFT_SET_ANONYMOUS), f);
		fputc('\n', f);
	}
	fputs("\t}\n", f);
}

bool set_is_meter(const struct set *set)
{
	return (set->flags & NFT_SET_ANONYMOUS) && (set->flags & NFT_SET_EVAL);
}

bool set_is_map(const struct set *set)
{
	return set->flags & (NFT_SET_MAP | NFT_SET_OBJECT);
}

static bool set_listed(const struct set *s)
{
	return !(s->flags & NFT_SET_ANONYMOUS) && s->key;
}

bool print_table_sets(struct nft_ctx *ctx, const struct table *t)
{
	const struct obj *o;
	struct set *s;
	bool any = false;

	for (o = t->objs; o; o = o->next) {
		if (any)
			fputc('\n', ctx->out);
		print_obj(ctx, o, ctx->out);
		any = true;
	}
	for (s = t->sets; s; s = s->next) {
		if (!set_listed(s))
			continue;
		if (any)
			fputc('\n', ctx->out);
		print_set(ctx, s, ctx->out);
		any = true;
	}
	return any;
}

bool set_listed_as(const struct set *s, enum cmd_obj kind)
{
	if (!s->key)
		return false;
	switch (kind) {
	case OBJ_METER:
	case OBJ_METERS:
		return set_is_meter(s);
	case OBJ_MAP:
	case OBJ_MAPS:
		return !(s->flags & NFT_SET_ANONYMOUS) && set_is_map(s);
	default:
		return !(s->flags & NFT_SET_ANONYMOUS) && !set_is_map(s);
	}
}

/* list set|map|meter T NAME, list sets|maps|meters [FAMILY], list sets table T */
int list_set_cmd(struct nft_ctx *ctx, struct cmd *c)
{
	struct table *t;
	struct set *s;

	if (c->obj == OBJ_SETS || c->obj == OBJ_MAPS || c->obj == OBJ_METERS) {
		if (listing_table_check(ctx, c) < 0)
			return -1;
		for (t = cache_tables(ctx); t; t = t->next) {
			if (!listing_has_table(c, t))
				continue;
			fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
			for (s = t->sets; s; s = s->next)
				if (set_listed_as(s, c->obj))
					print_set(ctx, s, ctx->out);
			fputs("}\n", ctx->out);
		}
		return 0;
	}
	t = cache_find_table(ctx, c->h.family, c->h.table);
	if (!t) {
		error_at(&c->h.table_loc, "%s", strerror(ENOENT));
		return -1;
	}
	s = cache_find_set(t, c->h.chain);
	if (!s || !set_listed_as(s, c->obj)) {
		error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
		return -1;
	}
	fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
	print_set(ctx, s, ctx->out);
	fputs("}\n", ctx->out);
	return 0;
}

/* ---- Rules ------------------------------------------------------------------------ */

/* Load @key for a lookup in @s into the registers from @base up (1 but
 * where registers before it hold something already): a concatenation's
 * parts word after word, each named as the reference names its register
 * (one of 16 bytes where it starts one); a concatenation of ranges has
 * its numbers in network byte order.  A bit field is shifted down to its
 * value where @s holds it so. */
static void load_key_at(struct nftnl_rule *nlr, const struct expr *key, const struct set *s,
			unsigned int base)
{
	bool shift_down = key_layout(s) != FIELD_IN_PLACE;
	const struct expr *p;
	unsigned int words = (base - NFT_REG_1) * 4, reg;

	if (!key_is_concat(key)) {
		load_selector_into(nlr, key, base, shift_down);
		if ((s->flags & NFT_SET_INTERVAL) && numbers_swapped(key) && !is_bit_field(key) &&
		    expr_bytes(key) > 1)
			add_byteorder(nlr, base, expr_bytes(key));
		return;
	}
	for (p = key->set.elems; p; p = p->next) {
		reg = words % 4 ? NFT_REG32_00 + words : NFT_REG_1 + words / 4;
		load_selector_into(nlr, p, reg, shift_down);
		if (set_has_key_ends(s) && numbers_swapped(p) && !is_bit_field(p) &&
		    expr_bytes(p) > 1)
			add_byteorder(nlr, reg, expr_bytes(p));
		words += part_bytes(p, FIELD_LOADED, true) / 4;
	}
}

static void load_key(struct nftnl_rule *nlr, const struct expr *key, const struct set *s)
{
	load_key_at(nlr, key, s, NFT_REG_1);
}

static struct nftnl_expr *add_lookup_at(struct nftnl_rule *nlr, const struct set *s,
					unsigned int sreg)
{
	struct nftnl_expr *x = nftnl_expr_alloc("lookup");

	nftnl_expr_set_u32(x, NFTNL_EXPR_LOOKUP_SREG, sreg);
	nftnl_expr_set_str(x, NFTNL_EXPR_LOOKUP_SET, s->name);
	if (s->id)
		nftnl_expr_set_u32(x, NFTNL_EXPR_LOOKUP_SET_ID, s->id);
	nftnl_rule_add_expr(nlr, x);
	return x;
}

static struct nftnl_expr *add_lookup(struct nftnl_rule *nlr, const struct set *s)
{
	return add_lookup_at(nlr, s, NFT_REG_1);
}

void linearize_map(struct nftnl_rule *nlr, const struct expr *map, unsigned int reg)
{
	const struct set *s = map->map.set->set_ref.set;
	struct nftnl_expr *x;

	load_key_at(nlr, map->map.key, s, reg);
	x = add_lookup_at(nlr, s, reg);
	nftnl_expr_set_u32(x, NFTNL_EXPR_LOOKUP_DREG, reg);
}

int linearize_lookup(struct nftnl_rule *nlr, const struct stmt *st)
{
	struct nftnl_expr *x;

	load_key(nlr, st->match.left, st->match.right->set_ref.set);
	x = add_lookup(nlr, st->match.right->set_ref.set);
	if (st->match.op == OP_NEQ)
		nftnl_expr_set_u32(x, NFTNL_EXPR_LOOKUP_FLAGS, NFT_LOOKUP_F_INV);
	return 0;
}

/* A map's value into the register after the key's, for dynset @x: the
 * reference's is register 2, as its keys fill one at most. */
static void dynset_data_load(struct nftnl_rule *nlr, struct nftnl_expr *x,
			     const struct expr *data, const struct set *s)
{
	unsigned int reg = NFT_REG_1 + (key_bytes(s->key, key_layout(s)) + 15) / 16;

	if (data->kind == EXPR_VALUE)
		add_immediate_data(nlr, reg, data->value.data, expr_bytes(s->data));
	else if (data->kind == EXPR_BINOP)
		load_changed_value(nlr, data, reg);
	else
		load_selector_into(nlr, data, reg, false);
	nftnl_expr_set_u32(x, NFTNL_EXPR_DYNSET_SREG_DATA, reg);
}

int linearize_set_stmt(struct nft_ctx *ctx, struct nftnl_rule *nlr, const struct stmt *st)
{
	struct nftnl_expr *x;
	const struct stmt *y;
	const struct set *s;

	(void)ctx;
	switch (st->kind) {
	case STMT_VMAP:
		load_key(nlr, st->vmap.key, st->vmap.map->set_ref.set);
		x = add_lookup(nlr, st->vmap.map->set_ref.set);
		nftnl_expr_set_u32(x, NFTNL_EXPR_LOOKUP_DREG, NFT_REG_VERDICT);
		return 0;
	case STMT_DYNSET:
		s = st->dynset.set->set_ref.set;
		load_key(nlr, st->dynset.key, s);
		x = nftnl_expr_alloc("dynset");
		nftnl_expr_set_u32(x, NFTNL_EXPR_DYNSET_SREG_KEY, NFT_REG_1);
		nftnl_expr_set_u32(x, NFTNL_EXPR_DYNSET_OP, st->dynset.op);
		if (st->dynset.timeout)
			nftnl_expr_set_u64(x, NFTNL_EXPR_DYNSET_TIMEOUT, st->dynset.timeout);
		nftnl_expr_set_str(x, NFTNL_EXPR_DYNSET_SET_NAME, s->name);
		if (s->id)
			nftnl_expr_set_u32(x, NFTNL_EXPR_DYNSET_SET_ID, s->id);
		if (st->dynset.data)
			dynset_data_load(nlr, x, st->dynset.data, s);
		for (y = st->dynset.stmts; y; y = y->next)
			nftnl_expr_add_expr(x, NFTNL_EXPR_DYNSET_EXPRESSIONS, stateful_expr(y));
		/* more than one goes as a list, which the reference flags */
		if (st->dynset.stmts && st->dynset.stmts->next)
			nftnl_expr_set_u32(x, NFTNL_EXPR_DYNSET_FLAGS, NFT_DYNSET_F_EXPR);
		nftnl_rule_add_expr(nlr, x);
		return 0;
	case STMT_OBJREF:
		x = nftnl_expr_alloc("objref");
		if (!st->objref.expr) {
			nftnl_expr_set_u32(x, NFTNL_EXPR_OBJREF_IMM_TYPE, st->objref.type);
			nftnl_expr_set_str(x, NFTNL_EXPR_OBJREF_IMM_NAME, st->objref.name);
			nftnl_rule_add_expr(nlr, x);
			return 0;
		}
		/* the object the key maps to, by the map's type */
		s = st->objref.expr->map.set->set_ref.set;
		load_key(nlr, st->objref.expr->map.key, s);
		nftnl_expr_set_u32(x, NFTNL_EXPR_OBJREF_SET_SREG, NFT_REG_1);
		nftnl_expr_set_str(x, NFTNL_EXPR_OBJREF_SET_NAME, s->name);
		if (s->id)
			nftnl_expr_set_u32(x, NFTNL_EXPR_OBJREF_SET_ID, s->id);
		nftnl_rule_add_expr(nlr, x);
		return 0;
	default:
		return -1;
	}
}

/* The objects and sets declared in a table block, before its rules. */
int batch_table_sets(struct nft_ctx *ctx, struct batch *b, struct table *t)
{
	struct obj *o;
	struct set *s;
	int ret = 0;

	for (o = t->objs; o; o = o->next)
		batch_obj(b, o, NFT_MSG_NEWOBJ, NLM_F_CREATE, &o->name_loc);
	for (s = t->sets; s; s = s->next)
		if (batch_new_set(ctx, b, s, NLM_F_CREATE, &s->name_loc) < 0)
			ret = -1;
	return ret;
}

/* Whether element @el holds all of @want: the same value, or in an
 * interval set values within its range, part by part in a concatenation.
 * The kernel finds a concatenation of ranges by the first key @want
 * holds alone (@first). */
static bool elem_covers(const struct expr *el, const struct expr *want, const struct expr *key,
			enum field_layout layout, bool first)
{
	const struct expr *e = elem_key((struct expr *)el), *w = elem_key((struct expr *)want);
	const struct expr *part = key_parts(key);
	uint8_t lo[VALUE_MAX_BYTES], hi[VALUE_MAX_BYTES], wlo[VALUE_MAX_BYTES], whi[VALUE_MAX_BYTES];

	if (key_is_concat(key)) {
		e = e->set.elems;
		w = w->set.elems;
	}
	for (; part; part = part->next, e = e->next, w = w->next) {
		unsigned int n = part_width(part, layout);

		elem_bounds(e, part, layout, true, lo, hi);
		elem_bounds(w, part, layout, true, wlo, whi);
		if (first)
			memcpy(whi, wlo, n);
		if (memcmp(lo, wlo, n) > 0 || memcmp(whi, hi, n) > 0)
			return false;
		if (!key_is_concat(key))
			break;
	}
	return true;
}

/*
 * A range of an interval set as the kernel answers a get with it: its key
 * alone; of a map, its first value and the data.  A map is asked for a
 * value alone, other keys are not found.
 */
static struct expr *range_found(const struct set *s, const struct expr *el,
				const struct expr *want)
{
	const struct expr *key = elem_key((struct expr *)el), *asked;
	struct expr *m;

	if (!set_is_map(s))
		return expr_clone(key);
	asked = elem_key((struct expr *)want);
	if (want->kind == EXPR_MAPPING || asked->kind == EXPR_RANGE || asked->kind == EXPR_PREFIX)
		return NULL;
	m = expr_new(EXPR_MAPPING, NULL);
	m->mapping.key = expr_clone(key->kind == EXPR_RANGE ? key->range.low :
				    key->kind == EXPR_PREFIX ? key->prefix.expr : key);
	m->mapping.data = expr_clone(el->mapping.data);
	return m;
}

/*
 * get element T S { keys }: the set's elements that hold those keys, a
 * copy for each key asked for.  The ranges of an interval set, and the
 * elements of a concatenation of ranges, come in the order asked, as the
 * kernel gives them; elements of other sets in the listing's order.  With -j too the answer is text, as the reference's.
 */
int get_elems_cmd(struct nft_ctx *ctx, struct cmd *c)
{
	struct table *t = cache_find_table(ctx, c->h.family, c->h.table);
	struct set *s = t ? set_lookup(ctx, &c->h, c->h.chain) : NULL;
	struct expr *found = expr_new(EXPR_SET, NULL), **tail = &found->set.elems, *want;
	const struct expr *el;
	struct elem_walk w;
	bool ranges, key_ends;

	if (!t) {
		if (!hint_missing(ctx, c, HINT_TABLE, c->h.table, &c->h.table_loc, HINT_NAME))
			error_at(&c->h.table_loc, "%s", strerror(ENOENT));
		expr_free(found);
		return -1;
	}
	if (!s || elems_expand(c->elems) < 0 || set_keys_evaluate(s, c->elems) < 0 ||
	    set_load_elems(ctx, s) < 0) {
		if (!s && !hint_missing(ctx, c, HINT_SET, c->h.chain, &c->h.chain_loc, HINT_NAME))
			error_at(&c->h.chain_loc, "%s", strerror(ENOENT));
		expr_free(found);
		return -1;
	}
	/* start and end elements, which the kernel answers as ranges */
	key_ends = set_has_key_ends(s);
	ranges = (s->flags & NFT_SET_INTERVAL) && !key_ends;
	for (want = c->elems->set.elems; want; want = want->next) {
		elem_walk_start(&w, s, s->elems);
		while ((el = elem_walk_next(&w)))
			if (elem_covers(el, want, s->key, key_layout(s), key_ends))
				break;
		if (el && ranges)
			*tail = range_found(s, el, want);
		else if (el && key_ends)
			*tail = expr_clone(el);
		elem_walk_stop(&w);
		if (!el || ((ranges || key_ends) && !*tail)) {
			error_at(&c->loc, "Could not process rule: %s", strerror(ENOENT));
			expr_free(found);
			return -1;
		}
		if (ranges || key_ends) {
			tail = &(*tail)->next;
			found->set.count++;
		}
	}
	elem_walk_start(&w, s, s->elems);
	while (!ranges && !key_ends && (el = elem_walk_next(&w))) {
		for (want = c->elems->set.elems; want; want = want->next) {
			if (!elem_covers(el, want, s->key, key_layout(s), false))
				continue;
			*tail = expr_clone(el);
			tail = &(*tail)->next;
			found->set.count++;
		}
	}
	elem_walk_stop(&w);
	fprintf(ctx->out, "table %s %s {\n", family_name(t->h.family), t->h.table);
	fprintf(ctx->out, "\t%s %s {\n\t\ttype ", set_is_map(s) ? "map" : "set", s->name);
	print_set_types(ctx, s, false, ctx->out);
	fputc('\n', ctx->out);
	print_set_props(ctx, s, false, ctx->out);
	fputs("\t\telements = ", ctx->out);
	print_set_elems(ctx, s, found, true, ctx->out);
	fputs("\n\t}\n}\n", ctx->out);
	expr_free(found);
	return 0;
}
