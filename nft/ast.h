/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nft's abstract syntax tree and the interfaces between its stages:
 *
 *   scanner -> parser -> evaluate -> linearize -> netlink (one batch)
 *   netlink (dumps) -> delinearize -> print
 *
 * The parser builds commands whose rules hold statements of expressions
 * with unresolved symbols; evaluation types every expression, resolves
 * symbols into values of the right byte order and adds the implicit
 * protocol matches; linearization turns statements into libnftnl
 * expressions.  Listing goes the other way: delinearization rebuilds
 * statements from the kernel's expressions, printing writes them as text.
 */
#ifndef NFT_AST_H
#define NFT_AST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- Input and locations ---------------------------------------------- */

struct input;

struct location {
	const struct input *in;
	const char *line_start;	/* first byte of the line in in->buf */
	unsigned int line;	/* 1-based */
	unsigned int first_col, last_col;	/* 1-based, inclusive */
};

struct input {
	char *name;		/* file name, or NULL for the command line */
	char *buf;		/* the whole text, NUL-terminated */
	size_t len;
	/* written out from JSON input: the reference places its errors
	 * nowhere ("internal:0:0-0") and shows no source line */
	bool internal;
	/* an included file's include statement (.in NULL for the others):
	 * its errors name the statements that led there first */
	struct location included_at;
	struct input *next;	/* every input read, freed together */
};

/* The span from @a's first to @b's last column (same line). */
struct location loc_join(const struct location *a, const struct location *b);

/*
 * Errors are reported as the reference does: "FILE:LINE:FIRST-LAST: Error:
 * MSG", the source line, and a line marking the place with carets (and a
 * second, related place with tildes).
 */
void error_at(const struct location *loc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void error_at2(const struct location *loc, const struct location *related,
	       const char *fmt, ...) __attribute__((format(printf, 3, 4)));
extern unsigned int error_count;

/* ---- Scanner ------------------------------------------------------------ */

enum token_kind {
	TOK_EOF,
	TOK_NEWLINE,
	TOK_SEMICOLON,
	TOK_WORD,		/* identifiers, keywords, addresses */
	TOK_NUMBER,
	TOK_QUOTED,		/* "text", without the quotes */
	TOK_VARIABLE,		/* $name, without the dollar */
	TOK_PUNCT,		/* one of { } ( ) , / - + : . * @ & | ^ ! < > = $ [ ] */
	TOK_EQ,			/* == */
	TOK_NEQ,		/* != */
	TOK_LTE,		/* <= */
	TOK_GTE,		/* >= */
	TOK_LSHIFT,		/* << */
	TOK_RSHIFT,		/* >> */
	TOK_JUNK,		/* a character no token begins with, or an
				 * unterminated string's quote */
};

struct token {
	enum token_kind kind;
	char *text;		/* owned; words, numbers, quoted strings */
	char punct;
	bool keyword;		/* a word the reference's grammar reserves */
	bool expanded;		/* from a variable's value */
	struct location loc;
};

struct scanner;

struct scanner *scanner_new(struct input *in);
/* A scanner that goes on from where the token at @loc begins. */
struct scanner *scanner_new_at(const struct location *loc);
void scanner_free(struct scanner *s);
/* The next token; TOK_JUNK where none can begin. */
void scanner_next(struct scanner *s, struct token *tok);
/* How the reference's parser names a token in "unexpected ..." errors. */
const char *token_describe(const struct token *tok);
bool is_keyword(const char *word);
/* Whether the scanner reads all of @text as one word or number (not
 * 10:00:05, 2024-01-01, 10.0.0.0/8). */
bool scans_as_one_word(const char *text);

struct input *input_from_string(const char *name, const char *text);
struct input *input_from_file(const char *path);
void inputs_free(void);

/* ---- Data types --------------------------------------------------------- */

enum byteorder {
	BYTEORDER_INVALID,
	BYTEORDER_HOST,
	BYTEORDER_BIG,
};

struct symbolic_constant {
	const char *name;
	uint64_t value;
};

struct expr;
struct datatype;

enum type_flags {
	TYPE_F_FLAGS = 1,	/* a bitmask: values combine as a,b,c */
	TYPE_F_PREFIX = 2,	/* accepts address/len */
	TYPE_F_QUOTED = 4,	/* its symbols listed quoted: "Monday" */
	TYPE_F_HEX_SYMBOLS = 8,	/* describe lists its symbols' values in hex */
};

struct datatype {
	const char *name;
	const char *desc;
	enum byteorder byteorder;
	unsigned int size;	/* bits, 0 when variable */
	unsigned int flags;
	const struct datatype *basetype;
	const struct symbolic_constant *symbols;
	/* Parse a symbol into a value of this type; NULL: integer/symbols. */
	int (*parse)(const struct datatype *dt, struct expr *sym, struct expr *val);
	/* Print a value; NULL: symbols, else as an integer. */
	void (*print)(const struct expr *val, FILE *f);
	bool print_hex;		/* integers as 0x%0Nx */
};

extern const struct datatype invalid_type, bitmask_type, lladdr_type, integer_type, string_type, ifname_type, ipv4_type, ipv6_type,
	ether_type_addr, inet_proto_type, inet_service_type, mark_type, nfproto_type,
	ethertype_type, pkttype_type, ifindex_type, iftype_type, ct_state_type,
	ct_status_type, ct_event_type, ct_dir_type, tcp_flag_type, icmp_type_type, icmp_code_type,
	icmpv6_type_type, icmpv6_code_type, dscp_type, ecn_type, arpop_type, uid_type,
	gid_type, time_type, tc_handle_type, fib_addrtype_type, boolean_type, realm_type,
	devgroup_type, icmpx_code_type, level_type, ct_label_type, date_type, hour_type,
	day_type, dccp_pkttype_type, igmp_type_type;

/* Resolve symbol @sym into @val (whose width and byte order are set) as a
 * value of @dt; reports the error at the symbol and returns -1. */
int datatype_parse(const struct datatype *dt, struct expr *sym, struct expr *val);

/* ---- Expressions -------------------------------------------------------- */

enum expr_kind {
	EXPR_SYMBOL,		/* an unresolved word, number or string; an
				 * object's name, the data of an object map */
	EXPR_VALUE,		/* a typed constant in register layout */
	EXPR_PAYLOAD,
	EXPR_META,
	EXPR_CT,
	EXPR_RT,
	EXPR_FIB,
	EXPR_NUMGEN,
	EXPR_HASH,
	EXPR_SOCKET,
	EXPR_EXTHDR,		/* tcp option NAME FIELD, or its presence */
	EXPR_OSF,		/* osf [ttl loose|skip] name|version: the OS guessed */
	EXPR_PREFIX,
	EXPR_RANGE,
	EXPR_SET,		/* printed as { a, b } */
	EXPR_LIST,		/* flag list a,b,c */
	EXPR_BINOP,		/* & | ^ << >> */
	EXPR_VERDICT,
	EXPR_CONCAT,		/* a . b: the components in set.elems */
	EXPR_SET_REF,		/* @name, or the anonymous set a { } became */
	EXPR_MAPPING,		/* key : data, an element of a map */
	EXPR_SET_ELEM,		/* an element written with options */
	EXPR_MAP,		/* key map { k : v, ... } or key map @name: a value */
};

enum op {
	OP_IMPLICIT,
	OP_EQ,
	OP_NEQ,
	OP_LT,
	OP_GT,
	OP_LTE,
	OP_GTE,
	OP_AND,
	OP_OR,
	OP_XOR,
	OP_LSHIFT,
	OP_RSHIFT,
	OP_NEG,		/* ! flag: none of the flags is set */
};

#define VALUE_MAX_BYTES 64

struct proto_desc;
struct proto_field;
struct meta_key;
struct ct_key;
struct elem_spans;
struct elem_dump;

struct expr {
	enum expr_kind kind;
	struct location loc;
	const struct datatype *dtype;
	enum byteorder byteorder;
	unsigned int len;		/* bits */
	struct expr *next;		/* sibling in a set, list or concat */
	union {
		struct {
			char *text;
			bool quoted;
			bool number;
			bool variable;	/* a variable's value, to describe */
		} sym;
		struct {
			uint8_t data[VALUE_MAX_BYTES];
		} value;
		struct {
			const struct proto_desc *desc;
			const struct proto_field *field;
			unsigned int base;	/* NFT_PAYLOAD_*_HEADER */
			unsigned int offset;	/* bits from the header */
		} payload;
		struct {
			const struct meta_key *key;
		} meta;
		struct {
			const struct ct_key *key;
			int dir;		/* -1: none */
			unsigned int nfproto;	/* ip or ip6 for addresses */
		} ct;
		struct {
			unsigned int key;	/* NFT_RT_* */
		} rt;
		struct {
			unsigned int flags;	/* NFTA_FIB_F_* */
			unsigned int result;	/* NFT_FIB_RESULT_* */
		} fib;
		struct {
			unsigned int type;	/* NFT_NG_* */
			uint32_t mod, offset;
		} numgen;
		struct {
			unsigned int type;	/* NFT_HASH_* */
			struct expr *arg;	/* hashed expression (jhash) */
			uint32_t mod, seed, offset;
			bool seed_set;
		} hash;
		struct {
			unsigned int key;	/* NFT_SOCKET_* */
			uint32_t level;
		} socket;
		struct {
			const struct tcpopt_field *field;
			bool present;		/* exists/missing: the option's kind */
		} exthdr;
		struct {
			uint8_t ttl;		/* NF_OSF_TTL_*: how the TTL must match */
			uint32_t flags;		/* NFT_OSF_F_VERSION: "Linux:4.20" */
		} osf;
		struct {
			struct expr *expr;
			unsigned int plen;
		} prefix;
		struct {
			struct expr *low, *high;
		} range;
		struct {
			struct expr *elems;	/* linked by next */
			unsigned int count;
			/* a set block's elements by their places in the
			 * input, or the kernel's listing as records, rather
			 * than as expressions (set.c): NULL for a list */
			struct elem_spans *spans;
			struct elem_dump *dump;
		} set;			/* EXPR_SET, EXPR_LIST */
		struct {
			enum op op;
			struct expr *left, *right;
		} binop;
		struct {
			int code;		/* NF_ACCEPT, NFT_JUMP, ... */
			char *chain;
			struct location chain_loc;
		} verdict;
		struct {
			char *name;
			struct set *set;	/* resolved; owned when anonymous */
		} set_ref;
		struct {
			struct expr *key, *data;
		} mapping;
		struct {
			struct expr *key;	/* the selector looked up */
			struct expr *set;	/* EXPR_SET as parsed, EXPR_SET_REF after */
		} map;
		struct {
			struct expr *key;
			uint64_t timeout, expires;	/* ms; 0: none */
			char *comment;
			struct stmt *stmts;	/* counter, limit, quota, ct count */
		} elem;
	};
};

struct expr *expr_new(enum expr_kind kind, const struct location *loc);
/* Selectors: their type, length and byte order are those of the meta key
 * or of the header field they read. */
struct expr *meta_expr_new(const struct meta_key *k, const struct location *loc);
struct expr *payload_expr_new(const struct proto_desc *d, const struct proto_field *f,
			      const struct location *loc);
/* osf name, or osf version with NFT_OSF_F_VERSION in @flags: a string of
 * the kernel's fixed length. */
struct expr *osf_expr_new(uint8_t ttl, uint32_t flags, const struct location *loc);
/* fib FLAGS RESULT (NFT_FIB_RESULT_*, NFTA_FIB_F_*), of its result's type. */
struct expr *fib_expr_new(uint32_t result, uint32_t flags, const struct location *loc);
/* "loose", "skip" for a ttl other than the default; NULL for it. */
const char *osf_ttl_name(uint8_t ttl);
struct expr *expr_clone(const struct expr *e);
void expr_free(struct expr *e);
struct expr *value_new(const struct location *loc, const struct datatype *dt,
		       enum byteorder order, unsigned int len_bits);
uint64_t value_u64(const struct expr *v);
void value_set_u64(struct expr *v, uint64_t x);
unsigned int expr_bytes(const struct expr *e);
/* Strings (ifname, ct helper): a prefix of one is written "eth*". */
bool is_string_type(const struct datatype *dt);

/* Selectors: the tables every keyword of a match comes from. */
struct proto_field {
	const char *name;
	unsigned int offset, len;	/* bits */
	const struct datatype *dtype;
	/* An ICMP field exists in the header of some types only (mtu, id):
	 * those types, which a match of the field depends on. */
	uint8_t icmp_types[2];
	unsigned int n_icmp_types;
	/* part of the pseudo-header the transport checksum covers: a
	 * rewrite of it updates that checksum too */
	bool pseudo_header;
	/* a field the reference lists but has no word for in its language
	 * (ICMPv6's parameter-problem pointer): never parsed */
	bool unnamed;
};

enum proto_layer {
	LAYER_LL,
	LAYER_NETWORK,
	LAYER_TRANSPORT,
};

struct proto_desc {
	const char *name;
	enum proto_layer layer;
	unsigned int base;		/* NFT_PAYLOAD_*_HEADER */
	unsigned int protocol;		/* its number in the layer below */
	const struct proto_field *fields;
	unsigned int nfproto;		/* NFPROTO_* of a network protocol */
	/* the one network protocol a transport protocol belongs to (ICMP
	 * to IPv4): where none is known, the reference matches it first */
	const struct proto_desc *network;
	/* what the reference's grammar expects after the protocol's name,
	 * in its words, where it names them (four at most) */
	const char *expecting;
};

const struct proto_desc *proto_find(const char *name);
const struct proto_desc *proto_by_number(enum proto_layer layer, unsigned int protocol);
const struct proto_field *proto_field_find(const struct proto_desc *d, const char *name);
extern const struct proto_desc proto_ether, proto_vlan, proto_arp, proto_ip, proto_ip6,
	proto_icmp, proto_icmp6, proto_igmp, proto_tcp, proto_udp, proto_udplite, proto_dccp,
	proto_sctp, proto_esp, proto_ah, proto_comp, proto_th;

struct meta_key {
	const char *name;
	unsigned int key;		/* NFT_META_* */
	const struct datatype *dtype;
	enum byteorder byteorder;
	unsigned int len;		/* bits */
	bool unqualified;		/* printed without "meta" */
};

const struct meta_key *meta_key_find(const char *name);
/* "length, protocol, ...": the names of all meta keys, allocated. */
char *meta_key_list(void);
const struct meta_key *meta_key_by_number(unsigned int key);

struct ct_key {
	const char *name;
	unsigned int key;		/* NFT_CT_* */
	const struct datatype *dtype;
	enum byteorder byteorder;
	unsigned int len;		/* bits, 0: from the address family */
	bool directional;		/* may take original/reply */
	bool needs_dir;			/* must take original/reply */
	unsigned int nfproto;		/* keys of one family's addresses */
};

/* A field of a TCP option; the option's kind byte has no field name and
 * stands for the option itself (tcp option sack-perm exists). */
struct tcpopt_field {
	const char *option;
	unsigned int type;		/* TCPOPT_* kind */
	const char *name;		/* NULL: the kind byte */
	unsigned int offset, len;	/* bytes from the option's start, bits */
};

/* @field of @option (NULL: the kind byte); "sack0" is "sack". */
const struct tcpopt_field *tcpopt_field_find(const char *option, const char *field);
/* The field of option kind @type at byte @offset, @len bytes long. */
const struct tcpopt_field *tcpopt_field_at(unsigned int type, unsigned int offset,
					   unsigned int len);

const struct ct_key *ct_key_find(const char *name);
/* The key @name names when written after "ip" or "ip6" (@nfproto). */
const struct ct_key *ct_key_find_family(const char *name, unsigned int nfproto);
const struct ct_key *ct_key_by_number(unsigned int key);

/* ---- Statements --------------------------------------------------------- */

enum stmt_kind {
	STMT_MATCH,
	STMT_VERDICT,
	STMT_COUNTER,
	STMT_META_SET,
	STMT_CT_SET,
	STMT_PAYLOAD_SET,	/* a header field rewritten: ip ttl set 64 */
	STMT_EXTHDR_SET,	/* tcp option maxseg size set 1360 */
	STMT_NOTRACK,
	STMT_LIMIT,
	STMT_LOG,
	STMT_REJECT,
	STMT_NAT,
	STMT_QUOTA,
	STMT_QUEUE,
	STMT_VMAP,		/* key vmap { ... } or key vmap @map */
	STMT_DYNSET,		/* add, update or delete @set { key } */
	STMT_OBJREF,		/* counter name "x", ct helper set "x", ...: a named object */
	STMT_SYNPROXY,		/* synproxy [mss N wscale N] [timestamp] [sack-perm] */
	STMT_DUP,		/* dup to address [device "if"], or to "if" (netdev) */
	STMT_FWD,		/* fwd to "if" */
	STMT_CONNLIMIT,		/* ct count [over] N */
	STMT_TPROXY,		/* tproxy [ip|ip6] to [ADDRESS][:PORT] */
	STMT_FLOW_OFFLOAD,	/* flow add @flowtable */
};

enum nat_kind {
	NAT_SNAT,
	NAT_DNAT,
	NAT_MASQ,
	NAT_REDIR,
};

struct stmt {
	enum stmt_kind kind;
	struct location loc;
	/* its first word's, where the reference's errors about some
	 * statements point (see stmt_blamed_loc) */
	struct location word_loc;
	struct stmt *next;
	union {
		struct {
			enum op op;
			struct expr *left, *right;
			struct location op_loc;
		} match;
		struct {
			struct expr *expr;	/* EXPR_VERDICT */
		} verdict;
		struct {
			uint64_t packets, bytes;
		} counter;
		struct {
			struct expr *key;	/* META, CT, PAYLOAD, EXTHDR */
			struct expr *value;	/* a value, or a selector to copy */
		} set;
		struct {
			uint64_t rate, unit;	/* unit in seconds */
			uint32_t burst;
			bool bytes, inverted;
		} limit;
		struct {
			char *prefix;
			uint32_t group, snaplen, qthreshold, level, flags;
			unsigned int present;	/* NFTNL_EXPR_LOG_* bits */
		} log;
		struct {
			unsigned int type;	/* NFT_REJECT_* */
			int icmp_code;		/* -1: the default */
			/* where the family leaves the version open (inet,
			 * bridge, netdev), even the default code is listed */
			bool code_listed;
			const struct datatype *code_type;
			struct location code_loc;
		} reject;
		struct {
			enum nat_kind kind;
			unsigned int family;	/* NFPROTO_* of the address, 0 */
			bool family_listed;	/* "snat ip to": in an inet table */
			/* "dnat ip addr . port to": both from the map's value */
			bool concat;
			struct expr *addr, *port;	/* may be NULL */
			uint32_t flags;		/* NF_NAT_RANGE_* */
		} nat;
		struct {
			uint64_t bytes, used;
			bool inverted;
		} quota;
		struct {
			/* the queue: a number, a range of them, or what an
			 * expression (numgen, hash, map) gives; NULL for none
			 * written, which the kernel takes as queue 0 */
			struct expr *qnum;
			uint16_t flags;		/* NFT_QUEUE_FLAG_* */
		} queue;
		struct {
			struct expr *key;
			struct expr *map;	/* EXPR_SET as parsed, EXPR_SET_REF after */
		} vmap;
		struct {
			unsigned int op;	/* NFT_DYNSET_OP_* */
			/* EXPR_SET_REF: @name, or a meter's set (see
			 * stmt_is_meter) */
			struct expr *set;
			struct expr *key;
			uint64_t timeout;	/* ms; 0: the set's */
			struct stmt *stmts;	/* per element: counter, ... */
			/* a map's value for the key: a value, or a
			 * selector's (update @m { ip saddr : meta mark }) */
			struct expr *data;
		} dynset;
		struct {
			unsigned int type;	/* NFT_OBJECT_* */
			char *name;
			/* instead of a name, what picks the object: key map
			 * { k : "name", ... } or key map @name (EXPR_MAP), or
			 * another expression that evaluation refuses */
			struct expr *expr;
		} objref;
		struct {
			uint16_t mss;
			uint8_t wscale;
			uint32_t flags;		/* NF_SYNPROXY_OPT_*: what was given */
		} synproxy;
		struct {
			struct expr *addr;	/* the gateway; NULL: to a device */
			struct expr *dev;	/* an interface index; may be NULL */
		} dup;			/* STMT_DUP, STMT_FWD */
		struct {
			uint32_t count;
			bool inverted;
		} connlimit;
		struct {
			/* NFPROTO_* of the address: written, or the table's;
			 * 0 for a port alone in an inet table */
			unsigned int family;
			bool family_listed;	/* "tproxy ip to": in an inet table */
			struct expr *addr, *port;	/* either may be NULL */
		} tproxy;
		struct {
			char *flowtable;	/* its name, in the rule's table */
		} flow;
	};
};

struct stmt *stmt_new(enum stmt_kind kind, const struct location *loc);
/* Where an error about statement @s points: its first word for those the
 * reference's grammar places there (counter, log, reject, the nat
 * statements, synproxy), else all of it (a queue statement's older forms
 * end it at its word). */
const struct location *stmt_blamed_loc(const struct stmt *s);
void stmt_free(struct stmt *s);
void stmts_free(struct stmt *s);

/*
 * meter NAME [size N] { KEY STMT }: a dynset on a set of the rule's own,
 * made with it, anonymous (it goes with the rule) but named, and
 * dynamic; its reference has no name, the set holds it.
 */
static inline bool stmt_is_meter(const struct stmt *s)
{
	return s->kind == STMT_DYNSET && s->dynset.set->kind == EXPR_SET_REF &&
	       !s->dynset.set->set_ref.name[0];
}

/* Whether @s keeps state per element: counter, limit, quota, ct count. */
bool stmt_is_stateful(const struct stmt *s);
/* A copy of @s, a list of such statements. */
struct stmt *stateful_stmts_clone(const struct stmt *s);

/* ---- Objects and commands ----------------------------------------------- */

struct handle {
	unsigned int family;		/* NFPROTO_* */
	char *table;
	char *chain;
	uint64_t handle;		/* of a table, chain or rule */
	uint64_t position;		/* rule position (handle to add after) */
	uint32_t index;			/* rule index form */
	bool has_handle, has_position, has_index;
	struct location table_loc, chain_loc, handle_loc, position_loc;
};

struct rule {
	struct handle h;
	struct stmt *stmts;
	/* per kernel expression, the place it was made from: where an
	 * error the kernel pins on one of them points */
	struct location *expr_locs;
	unsigned int nexpr_locs;
	char *comment;
	struct location loc;
	struct rule *next;
};

struct chain {
	struct handle h;
	char *type;
	/* the hook and a named priority as written, until evaluation has
	 * them by the chain's family: hooknum, and priority (a named
	 * one's offset until then) */
	char *hook;
	unsigned int hooknum;
	int priority;
	char *priority_text;
	bool base, has_policy;
	int policy;
	char **devices;
	unsigned int ndevices;
	char *comment;
	struct rule *rules;		/* rules given with a block */
	struct location loc, type_loc, hook_loc, prio_loc, policy_loc;
	struct location spec_loc;	/* type ... priority ...; */
	struct chain *next;
	uint32_t flags;
	uint64_t use;
};

/* A named or anonymous set, or map (with data). */
struct set {
	struct handle h;		/* family and table */
	char *name;
	struct location loc, name_loc;
	struct expr *key;		/* the key's shape: a typed expression, or
					 * EXPR_CONCAT of them */
	struct expr *data;		/* a map's data shape; NULL for a set and
					 * an object map */
	unsigned int objtype;		/* NFT_OBJECT_* of an object map's data:
					 * names of objects of that type */
	bool key_typeof, data_typeof;	/* declared with typeof, not type */
	/* a map's data are ranges (: interval TYPE): an element's data its
	 * first value and its last, one after the other */
	bool data_interval;
	uint32_t flags;			/* NFT_SET_* */
	uint64_t timeout, gc_interval;	/* ms */
	uint32_t size, policy;
	bool has_policy, automerge, counter;
	char *comment;
	struct expr *elems;		/* EXPR_SET: given, or listed */
	/* an anonymous set's element messages as a monitor got them, read
	 * into elems once the rule that uses it tells their key */
	struct nlmsghdr **elem_msgs;
	size_t elem_msgs_count;
	uint32_t id;			/* names it for rules of the same batch */
	uint64_t handle;
	struct set *next;
};

/* A ct timeout's policy as written, state by name: the names resolve
 * once the whole block is read, as the protocol may come after them. */
struct timeout_state {
	char *name;
	uint64_t seconds;
	struct location loc;
	struct timeout_state *next;
};

/* The most states a protocol's timeout policy has (tcp's). */
#define CT_TIMEOUT_STATES_MAX 11

/* A named stateful object. */
struct obj {
	struct handle h;		/* family and table */
	char *name;
	struct location loc, name_loc;
	unsigned int type;		/* NFT_OBJECT_* */
	/* the values of a counter, quota, limit or synproxy, as the
	 * statement of the type has them */
	struct stmt *state;
	union {
		struct {
			char *type;		/* the helper: "ftp" */
			uint8_t l4proto;
		} ct_helper;
		struct {
			uint8_t l4proto;
			struct timeout_state *policy;	/* as written */
			/* seconds, by state: the policy over the defaults */
			uint32_t timeouts[CT_TIMEOUT_STATES_MAX];
		} ct_timeout;
		struct {
			uint8_t l4proto;
			uint16_t dport;
			uint32_t timeout;	/* ms */
			uint8_t size;
		} ct_expect;
		struct {
			char *ctx;		/* the SELinux context */
		} secmark;
	};
	/* of a ct helper, timeout or expectation: NFPROTO_*, when given or
	 * listed (the kernel takes the table's family without one) */
	uint16_t l3proto;
	bool has_l3proto;
	char *comment;
	uint64_t handle;
	struct obj *next;
};

/*
 * A flowtable: the devices whose forwarded flows a rule's `flow add`
 * offloads, hooked at ingress like a netdev chain.
 */
struct flowtable {
	struct handle h;		/* family and table; a deletion's handle */
	char *name;
	struct location loc, name_loc;
	/* the block from its brace: where an error about its hook points */
	struct location block_loc;
	/* the hook and a named priority as written, until evaluation has
	 * them: hooknum, and priority (a name's offset until then) */
	char *hook;
	unsigned int hooknum;
	bool has_hook;
	int priority;
	char *priority_text;
	struct location hook_loc, prio_loc;
	char **devices;
	unsigned int ndevices;
	uint32_t flags;			/* NFT_FLOWTABLE_* */
	uint64_t handle;
	struct flowtable *next;
};

struct table {
	struct handle h;
	struct chain *chains;
	struct set *sets;
	struct obj *objs;
	struct flowtable *flowtables;
	uint32_t flags;
	char *comment;
	bool has_body;		/* added with a { } body, even an empty one */
	struct location loc;
	struct table *next;
};

enum cmd_op {
	CMD_ADD,
	CMD_CREATE,
	CMD_INSERT,
	CMD_REPLACE,
	CMD_DELETE,
	CMD_DESTROY,
	CMD_FLUSH,
	CMD_LIST,
	CMD_RENAME,
	CMD_GET,
	CMD_RESET,
	CMD_DESCRIBE,		/* describe EXPR: what an expression is */
};

enum cmd_obj {
	OBJ_TABLE,
	OBJ_CHAIN,
	OBJ_RULE,
	OBJ_RULESET,
	OBJ_TABLES,
	OBJ_CHAINS,
	OBJ_SET,
	OBJ_MAP,
	OBJ_ELEMENT,
	OBJ_SETS,
	OBJ_MAPS,
	OBJ_METER,
	OBJ_METERS,
	OBJ_OBJECT,		/* a named stateful object of type cmd.obj_type */
	OBJ_OBJECTS,		/* the objects of type cmd.obj_type (list, reset) */
	OBJ_FLOWTABLE,
	OBJ_FLOWTABLES,
	OBJ_EXPR,		/* describe's expression, in cmd.expr */
};

struct cmd {
	enum cmd_op op;
	enum cmd_obj obj;
	struct handle h;
	struct table *table;		/* add/create table (with block) */
	struct chain *chain;		/* add/create chain */
	struct rule *rule;		/* add/insert/replace rule */
	char *new_name;			/* rename */
	struct set *set;		/* add set/map; the set of element commands */
	struct expr *elems;		/* EXPR_SET of element commands */
	struct obj *object;		/* add counter, ct helper, ... */
	struct flowtable *flowtable;	/* add flowtable; delete one's devices */
	struct expr *expr;		/* describe */
	unsigned int obj_type;		/* NFT_OBJECT_* of OBJ_OBJECT(S) */
	bool family_given;
	struct location loc;
	struct cmd *next;
};

void cmds_free(struct cmd *c);
void table_free(struct table *t);
void chain_free(struct chain *c);
/* A chain's hook specification (type, hook, priority, devices) freed,
 * none left. */
void chain_hook_clear(struct chain *c);
void rule_free(struct rule *r);
void set_free(struct set *s);
/* Drop the element messages @s keeps (see struct set). */
void set_elem_msgs_free(struct set *s);
void obj_free(struct obj *o);
void flowtable_free(struct flowtable *ft);

const char *family_name(unsigned int family);
int family_parse(const char *name, unsigned int *family);

/* ---- Stages ------------------------------------------------------------- */

/* Where include looks for a plain file name first: Debian's sysconfdir,
 * the reference's. */
#define DEFAULT_INCLUDE_DIR "/etc"

struct nft_ctx {
	bool check_only;
	bool handles;
	bool echo;		/* -e: print what the kernel added, as commands */
	bool echoed;		/* something was, since the last generation */
	bool numeric;		/* -n: symbolic constants as numbers */
	bool numeric_proto;	/* -p, and -n: layer 4 protocols as numbers */
	bool numeric_time;	/* -T, and -n: times in seconds */
	bool numeric_priority;	/* -y, and -n: base chain priorities as numbers */
	bool service_names;	/* -S: ports by the name of their service */
	bool user_names;	/* -u: user and group ids by name */
	bool reverse_dns;	/* -N: addresses by the name of their host */
	bool stateless;		/* -s */
	bool terse;		/* -t: sets without their elements */
	bool json;		/* -j: listings in JSON */
	/* printing the kernel's events (monitor, -e), where the reference
	 * writes an anonymous map of objects' intervals as its elements,
	 * unpaired */
	bool events;
	bool interactive;
	/* -I: where an include's plain file name is looked for, after
	 * the default directory */
	const char **include_dirs;
	unsigned int n_include_dirs;
	struct define *defines;
	struct nl_sock *sock;
	struct cache *cache;	/* the kernel's tables and chains */
	struct cmd *batch_cmds;	/* the commands being sent */
	/* the last element command of the batch whose elements failed */
	const struct cmd *elems_failed;
	/* a flush ruleset of the batch, of all families or of @flushed_family,
	 * goes before the commands still to come: the kernel's sets are
	 * gone for them */
	bool ruleset_flushed;
	unsigned int flushed_family;
	uint32_t set_id;	/* the last id given to a set of the batch */
	struct trace_rules *trace_rules;	/* monitor trace: rules by handle */
	struct event_state *event_state;	/* what events keep for the next */
	FILE *out;
};

/* Free the variables `define` made, at the end of the run. */
void defines_free(struct nft_ctx *ctx);

/* Parse @in into commands: 0, or -1 when errors were reported; the
 * parser goes past them as the reference's does, and *@cmds has the
 * commands read whole all the same, to be evaluated for their errors. */
int parse_input(struct nft_ctx *ctx, struct input *in, struct cmd **cmds);

/* Type and resolve every command; errors are reported, -1 then. */
int evaluate(struct nft_ctx *ctx, struct cmd *cmds);

/* The expressions of one evaluated rule, added to @nlr (a nftnl_rule). */
struct nftnl_rule;
int linearize_rule(struct nft_ctx *ctx, struct rule *r, struct nftnl_rule *nlr);
/* A rule's comment, after its expressions as the reference puts it. */
struct nlmsghdr;
void rule_userdata_put(struct nlmsghdr *nlh, const struct rule *r);
/* The kernel's expression of a statement that keeps state (counter,
 * limit, quota, ct count), as a rule and a dynset's element hold it;
 * NULL for any other statement. */
struct nftnl_expr;
struct nftnl_expr *stateful_expr(const struct stmt *s);

/* Whether rewriting header field @key keeps bits around it (a bit field,
 * or a byte in a 16-bit checksummed word): then only a constant fits. */
bool payload_set_masks(const struct expr *key);

/* Statements of a kernel rule; NULL with the reason when not understood. */
struct rule *delinearize_rule(struct nft_ctx *ctx, const struct nftnl_rule *nlr,
			      unsigned int family);

/* describe: what expression @e is, its type and the type's symbols. */
void describe_expr(const struct expr *e, FILE *f);

/* Printing of listings. */
void print_rule_stmts(struct nft_ctx *ctx, const struct rule *r, FILE *f);
void print_chain_head(struct nft_ctx *ctx, const struct chain *c, FILE *f, const char *indent);
void print_value(struct nft_ctx *ctx, const struct expr *v, FILE *f);
/* The name -S, -u or -N lists value @v by (a port's service, a user's or
 * group's name, an address's host), in @buf where it must be; NULL when
 * it has none.  *@quoted: whether the text listing quotes it (services
 * and users, as the reference). */
const char *value_name(const struct nft_ctx *ctx, const struct expr *v, char *buf, size_t len,
		       bool *quoted);
/* The name of the service of @port in the reference's list, or NULL. */
const char *service_name(uint16_t port);
/* The flags of value @v by name, joined by @sep (a,b or a | b). */
void print_flag_names(const struct expr *v, const char *sep, FILE *f);
/* The name of value @x among @dt's symbols (its first), NULL if none. */
const char *symbol_name(const struct datatype *dt, uint64_t x);
/* Whether @v is a value of a flag type with more than one flag. */
bool is_flag_combination(const struct expr *v);
/* The flags of @v joined by " | ": by name, or with -n bit by bit. */
void print_flags_or(struct nft_ctx *ctx, const struct expr *v, FILE *f);
/* Whether a part of a concatenation masks a header field with several
 * flags: the reference writes that mask as a number (tcp flags & 0x12). */
bool concat_mask_is_number(const struct expr *part);

/* Words the text and the JSON listings share (print.c).  The flag names
 * of a fib lookup and of a nat statement, in the reference's order, into
 * @names: how many. */
#define FIB_FLAG_WORDS 5
#define NAT_FLAG_WORDS 3
unsigned int fib_flag_names(uint32_t flags, const char *names[FIB_FLAG_WORDS]);
unsigned int nat_flag_names(uint32_t flags, const char *names[NAT_FLAG_WORDS]);
const char *nat_kind_name(enum nat_kind kind);
const char *dynset_op_name(unsigned int op);
/* NULL for a level without a name. */
const char *log_level_name(unsigned int level);
/* "second", or the larger unit @seconds is one of. */
const char *time_unit_name(uint64_t seconds);
/* A byte count in the largest unit that divides it: the count, @unit. */
uint64_t bytes_in_unit(uint64_t n, const char **unit);

/*
 * The kernel's objects as libnftnl reads them from @nlh, each refused
 * (-1) when it lacks what the kernel always gives: a table's name; a
 * chain's table and name, and a base chain's type; a rule's table and
 * chain; a set's (and an element message's) table and set.
 */
struct nlmsghdr;
struct nftnl_table;
struct nftnl_chain;
struct nftnl_rule;
struct nftnl_set;
struct nftnl_obj;
int parse_kernel_table(const struct nlmsghdr *nlh, struct nftnl_table *t);
int parse_kernel_chain(const struct nlmsghdr *nlh, struct nftnl_chain *c);
int parse_kernel_rule(const struct nlmsghdr *nlh, struct nftnl_rule *r);
int parse_kernel_set(const struct nlmsghdr *nlh, struct nftnl_set *s);
int parse_kernel_elems(const struct nlmsghdr *nlh, struct nftnl_set *s);
int parse_kernel_obj(const struct nlmsghdr *nlh, struct nftnl_obj *o);

/* Kernel side: the cache of tables and chains, the batch, the listing. */
int cache_load(struct nft_ctx *ctx);
/* cache_drop - free what cache_load() read; ctx->cache is NULL then. */
void cache_drop(struct nft_ctx *ctx);
struct nl_msgs;
/* The rules of @family (NFPROTO_UNSPEC: all), as the kernel dumps them. */
int load_rules(struct nft_ctx *ctx, unsigned int family, struct nl_msgs *out);
/*
 * chain_rules_each - call @fn for each rule of @rules (a dump) that belongs
 * to chain @c, in order, with the kernel's rule @nlr and what ours reads of
 * it, @r (NULL for a rule ours cannot read); both are freed after.
 */
struct nftnl_rule;
void chain_rules_each(struct nft_ctx *ctx, const struct chain *c, const struct nl_msgs *rules,
		      void (*fn)(struct nft_ctx *ctx, const struct chain *c,
				 const struct nftnl_rule *nlr, const struct rule *r));
/* `list` in JSON (json_out.c). */
int json_list_cmd(struct nft_ctx *ctx, struct cmd *c);
/* The events of `monitor -j` (json_out.c), a line each: {"VERB": {...}}. */
void json_event_table(FILE *f, const char *verb, const struct table *t);
void json_event_chain(FILE *f, const char *verb, const struct chain *c);
void json_event_rule(struct nft_ctx *ctx, const char *verb, const struct chain *c,
		     const struct nftnl_rule *nlr, const struct rule *r);
void json_event_set(struct nft_ctx *ctx, const char *verb, struct set *s);
void json_event_elems(struct nft_ctx *ctx, const char *verb, const struct set *s,
		      const struct expr *elems);
void json_event_obj(FILE *f, const char *verb, const struct obj *o);
/* `monitor ...` in @in (monitor.c): print the kernel's events until
 * killed; -1 after an error. */
int monitor_run(struct nft_ctx *ctx, struct input *in);
/* -e: the kernel's echo of a batch's message @nlh, as the monitor prints
 * it and a "# new generation" line after a transaction; with -j as the
 * reference writes it: {"nftables": [{"add": {...}}, ...]}, a line a
 * transaction. */
void echo_event(struct nft_ctx *ctx, const struct nlmsghdr *nlh);
/* After a batch's answers: ends a -j echo the kernel told no generation
 * after (the batch began with a removal). */
void echo_end(struct nft_ctx *ctx);
/* `monitor trace` (trace.c): the rules of the ruleset as the monitor
 * found them at its start (the rules a trace names, by handle), less
 * those of a table deleted since; a NFT_MSG_TRACE event as the reference
 * prints it, in text whatever -j. */
int trace_rules_load(struct nft_ctx *ctx);
void trace_rules_forget_table(struct nft_ctx *ctx, unsigned int family, const char *table);
void trace_rules_free(struct nft_ctx *ctx);
void print_trace_event(struct nft_ctx *ctx, const struct nlmsghdr *nlh);
/* JSON input (json_in.c): whether @text is JSON rather than commands, and
 * its commands in the native language (@text itself when it does not parse
 * as JSON, NULL after reporting an error); @written_out: whether they were
 * written out from JSON. */
bool json_input_looks_like_json(const char *text);
char *json_input_to_commands(const char *name, const char *text, bool *written_out);
struct table *cache_find_table(struct nft_ctx *ctx, unsigned int family, const char *name);
/* A table the cache did not have, at its end (owned by the cache). */
void cache_add_table(struct nft_ctx *ctx, struct table *t);
struct chain *cache_find_chain(struct table *t, const char *name);
/*
 * hint_missing - report that the @kind named @asked (a command's, with the
 * commands before @upto run) does not exist, at @loc, with the reference's
 * "did you mean" for the one nearest in name in any table and family;
 * false, reporting nothing, when none is near.  @as: what the hint names:
 * the one found (HINT_NAME); the same unless it has the very name asked
 * (HINT_OTHER_NAME: a rule's chain); or its table (HINT_ITS_TABLE: the
 * command's table is missing).
 */
enum hint_kind { HINT_TABLE, HINT_CHAIN, HINT_SET, HINT_OBJ, HINT_FLOWTABLE };
enum hint_as { HINT_NAME, HINT_OTHER_NAME, HINT_ITS_TABLE };
bool hint_missing(struct nft_ctx *ctx, const struct cmd *upto, enum hint_kind kind,
		  const char *asked, const struct location *loc, enum hint_as as);
/* Run the commands: changes as one batch, then the listings. */
int run_commands(struct nft_ctx *ctx, struct cmd *cmds);

/* Priorities, hooks and policies by name. */
int hook_parse(unsigned int family, const char *name, unsigned int *hook);
const char *hook_name(unsigned int family, unsigned int hook);
int priority_parse(unsigned int family, unsigned int hook, const char *name, int *prio);
void priority_print(struct nft_ctx *ctx, unsigned int family, unsigned int hook, int prio,
		    FILE *f);

/* ---- Sets, maps and stateful objects (set.c, obj.c) ------------------- */

extern const struct datatype verdict_type;

/* Whether @set is a meter's: anonymous, as it goes with its rule, and dynamic. */
bool set_is_meter(const struct set *set);
/* Whether a rule shifts a header field of some bits (ip dscp) down to
 * its value for a lookup in @s: all but a rule's { } of that one field,
 * which holds the value in place. */
bool set_shifts_bit_fields(const struct set *s);
/* Decoding a rule: its key @key as anonymous set @s's where the set's
 * types say too little (such fields; the widths of numbers in a
 * concatenation), before the set's elements are read. */
void set_key_of_rule(struct set *s, const struct expr *key);
/* Whether @set is a map: of values or verdicts, or of objects by name. */
bool set_is_map(const struct set *set);
/* The datatype a set declaration names ("ipv4_addr"), NULL if none. */
const struct datatype *datatype_by_name(const char *name);
/* Any datatype the reference finds by @name (describe's symbols). */
const struct datatype *datatype_find(const char *name);
/* The shape of a key of type @dt, as `type` declares it. */
struct expr *set_key_of_type(const struct datatype *dt, const struct location *loc);

/* Keep the next element of set block @set (EXPR_SET) by its place @start
 * in the input, to parse it again when needed: whether it could be.  If
 * not (NULL: it took a variable's value), it is the next expression of
 * the set's list. */
bool set_block_add_place(struct expr *set, const struct location *start);
/* The element of a set block that begins at @loc, parsed again (parser.c). */
struct expr *parse_set_elem_at(const struct location *loc);
/* Copies and release of what an EXPR_SET keeps compactly. */
struct elem_spans *elem_spans_clone(const struct elem_spans *sp);
void elem_spans_free(struct elem_spans *sp);
struct elem_dump *elem_dump_clone(const struct elem_dump *d);
void elem_dump_free(struct elem_dump *d);

/*
 * A walk over the elements of an EXPR_SET, as a listing has them: those
 * of its list, or those of the kernel's records each built for its step
 * (and freed at the next).  elem_walk_next() returns NULL at the end,
 * having freed all; a walk left before calls elem_walk_stop().  @s is
 * the set the elements belong to.
 */
struct elem_walk {
	const struct set *s;
	const struct expr *next;
	const struct elem_dump *dump;
	size_t i;
	struct expr *made;
};
void elem_walk_start(struct elem_walk *w, const struct set *s, const struct expr *elems);
const struct expr *elem_walk_next(struct elem_walk *w);
void elem_walk_stop(struct elem_walk *w);
/* The elements of @elems (of @s), however held, as a list of expressions. */
struct expr *elems_as_list(const struct set *s, const struct expr *elems);
/* The same, each element of the kernel's one (an interval's bounds apart,
 * a concatenation of ranges' key and end key each with its data), in
 * the listing's order. */
struct expr *elems_unpaired(const struct set *s, const struct expr *elems);

/* @e (a symbol, prefix, range) resolved as a value of @key's type. */
struct expr *expr_resolve(struct expr *e, const struct expr *key);
/* Evaluation of set declarations, elements and set references. */
int set_evaluate(struct nft_ctx *ctx, struct set *s);
int set_elems_evaluate(struct nft_ctx *ctx, struct set *s, struct expr *elems);
/* What a key of @key's shape is, in errors: its type ("IPv4 address"),
 * or a concatenation's types: "concatenation of (IPv4 address, ...)". */
char *key_type_desc(const struct expr *key);
/* The names of a key's types as a declaration writes them ("ipv4_addr .
 * inet_service"), allocated. */
char *key_type_name(const struct expr *key);
/* What a rule does with a set: looks its key up, or maps the key to a
 * value, a verdict or an object through it. */
enum set_use { SET_LOOKUP, SET_MAP, SET_VMAP, SET_OBJMAP };
/* Resolve @e (EXPR_SET or EXPR_SET_REF, found in a rule of @h) against
 * the selector @key: an anonymous set (of verdicts for SET_VMAP) made of
 * a { }, or the named set, which must be a map of the kind @use wants.
 * NULL after an error. */
struct expr *set_ref_evaluate(struct nft_ctx *ctx, const struct handle *h, struct expr *e,
			      const struct expr *key, enum set_use use);
/* The same for a map whose data is a value of @data's shape (key map
 * { ... } giving a mark, an address): the data of an anonymous one. */
struct expr *map_ref_evaluate(struct nft_ctx *ctx, const struct handle *h, struct expr *e,
			      const struct expr *key, const struct expr *data);
/* Whether map @map (EXPR_MAP) gives concatenations: written so in its
 * { }, or declared so (dnat ip to ip saddr map @m, of addresses and
 * ports). */
bool map_gives_concat(const struct expr *map);
bool map_gives_interval(const struct expr *map);
/* Whether the @n bytes from @lo to @hi (network order) are all those of
 * a prefix, of *@plen bits. */
bool range_is_prefix(const uint8_t *lo, const uint8_t *hi, unsigned int n, unsigned int *plen);
/* The shape of a value of @dt1 joined with one of @dt2, as a map's data. */
struct expr *concat_of_types(const struct datatype *dt1, const struct datatype *dt2);
/* The same for a map whose data names objects: of type @objtype in an
 * anonymous one (counter name ip saddr map { 10.0.0.1 : "c1" }). */
struct expr *objmap_ref_evaluate(struct nft_ctx *ctx, const struct handle *h, struct expr *e,
				 const struct expr *key, unsigned int objtype);
/* Load the key of @map (EXPR_MAP) and look it up, the data in register 1. */
/* The value map @map gives for its key, into register @reg (the key
 * loaded from there on). */
void linearize_map(struct nftnl_rule *nlr, const struct expr *map, unsigned int reg);
/* The named set @name of the table of @h: in the kernel or in the batch. */
struct set *set_lookup(struct nft_ctx *ctx, const struct handle *h, const char *name);

/* The kernel side of sets: messages into the batch, the listing. */
struct batch;
struct nlmsghdr;
struct nlmsghdr *batch_msg(struct batch *b, uint16_t type, unsigned int family,
			   uint16_t flags, const struct location *loc);
void batch_done(struct batch *b, struct nlmsghdr *nlh);
/* The message just begun holds the elements of set block @block from
 * number @first on, in order: an error the kernel pins on one of them
 * points at it. */
void batch_msg_elems(struct batch *b, const struct expr *block, uint32_t first);
/* Element number @n of that message came from element @index of the
 * block instead: the bounds of an interval set's ranges are not in the
 * block's order. */
void batch_msg_elem_from(struct batch *b, uint32_t n, uint32_t index);
/* Where element number @index of set block @block was written: its key. */
bool elem_block_loc(const struct expr *block, size_t index, struct location *loc);
void batch_reserve(struct batch *b, size_t len);
/* The sets the rules of @cmds add to or update become dynamic, as the
 * kernel wants them (the reference adds the flag too). */
void sets_mark_dynamic(struct nft_ctx *ctx, struct cmd *cmds);
/* The anonymous sets of rule @r, each before the rule that uses it; the
 * named ones resolved, a missing one hinted at when @r is command @c's
 * own (NULL: of a block). */
int batch_rule_sets(struct nft_ctx *ctx, struct batch *b, struct rule *r, const struct cmd *c);
/* Whether rule @r refers to a set by name. */
bool rule_names_sets(struct rule *r);
int cache_load_objs(struct nft_ctx *ctx);
/* The elements of @elems (of @s) into the batch: -1 after an error. */
int batch_set_elems(struct nft_ctx *ctx, struct batch *b, struct set *s,
		    const struct expr *elems, uint16_t type, uint16_t flags,
		    const struct location *loc);
int batch_set_cmd(struct nft_ctx *ctx, struct batch *b, struct cmd *c);
int batch_table_sets(struct nft_ctx *ctx, struct batch *b, struct table *t);
int get_elems_cmd(struct nft_ctx *ctx, struct cmd *c);
/* Whether @s is listed as a set, a map or a meter (@kind: OBJ_SET(S),
 * OBJ_MAP(S) or OBJ_METER(S)); anonymous sets but meters never are. */
bool set_listed_as(const struct set *s, enum cmd_obj kind);
int list_set_cmd(struct nft_ctx *ctx, struct cmd *c);
/* Listings of the objects of many tables (list sets, list counters [table
 * T], ...): whether table @t is among those @c lists; whether the table it
 * names is there (-1 after the error). */
bool listing_has_table(const struct cmd *c, const struct table *t);
int listing_table_check(struct nft_ctx *ctx, const struct cmd *c);
/* Sets and objects of every table into the cache; elements come later. */
int cache_load_sets(struct nft_ctx *ctx);
/* The elements of @s in the @count messages @msgs (EXPR_SET), as a
 * listing has them: an interval set's bounds paired into ranges, sorted
 * unless @as_sent, which keeps a set of single keys in the messages' order
 * (as the reference's monitor prints an anonymous set). */
struct expr *set_elems_of_msgs(const struct set *s, const struct nlmsghdr *const *msgs,
				size_t count, bool as_sent);
/* The same as the records of the kernel's elements, as set_load_elems()
 * keeps them, for a listing to walk (elem_walk_start()). */
struct expr *set_records_of_msgs(const struct set *s, const struct nlmsghdr *const *msgs,
				 size_t count, bool as_sent);
/* Objects of the kernel's messages, as the cache holds them. */
struct nftnl_set;
struct nftnl_chain;
struct nftnl_obj;
struct nftnl_table;
struct table *table_from_nl(struct nftnl_table *nt);
struct set *set_from_nl(struct nftnl_set *ns);
struct chain *chain_from_nl(struct nftnl_chain *nc);
struct obj *obj_from_nl(struct nftnl_obj *no);
/* The comment of type @type in an object's user data, or NULL. */
char *udata_comment(const void *data, uint32_t len, uint8_t type);
/*
 * udata_for_each - each record of the user data at @data (@len bytes),
 * up to the first that does not lie whole within it: the kernel keeps
 * user data for whichever program wrote it, unchecked.
 */
struct nftnl_udata;
bool udata_whole(const struct nftnl_udata *attr, const void *end);
#define udata_for_each(data, len, attr)                                                  \
	for ((attr) = (const struct nftnl_udata *)(data);                                \
	     udata_whole((attr), (const char *)(data) + (len));                           \
	     (attr) = nftnl_udata_next(attr))
/* The elements of @s from the kernel, once. */
int set_load_elems(struct nft_ctx *ctx, struct set *s);
struct set *cache_find_set(struct table *t, const char *name);
struct table *cache_tables(struct nft_ctx *ctx);
/* The table's objects and sets, in the reference's order and form; whether
 * anything was printed. */
bool print_table_sets(struct nft_ctx *ctx, const struct table *t);
void print_set_elems(struct nft_ctx *ctx, const struct set *s, const struct expr *elems,
		     bool wrap, FILE *f);
/* A set's key and a map's data, or the kind of its objects: as declared
 * (@as_declared: those of typeof by their selectors), or by their types
 * ("ipv4_addr . inet_service : counter"). */
void print_set_types(struct nft_ctx *ctx, const struct set *s, bool as_declared, FILE *f);
void print_expr(struct nft_ctx *ctx, const struct expr *e, FILE *f);
/* An element of a set: key, options, data. */
void print_elem(struct nft_ctx *ctx, const struct expr *el, FILE *f);
void print_stmt(struct nft_ctx *ctx, const struct stmt *s, FILE *f);

/* Rules: the lookup, vmap and dynset expressions of sets. */
int linearize_set_stmt(struct nft_ctx *ctx, struct nftnl_rule *nlr, const struct stmt *s);
int linearize_lookup(struct nftnl_rule *nlr, const struct stmt *s);
void load_selector_into(struct nftnl_rule *nlr, const struct expr *e, unsigned int dreg,
			bool shift_down);
/* Register @reg's first @len bytes, numbers of host byte order, into network order. */
void add_byteorder(struct nftnl_rule *nlr, unsigned int reg, unsigned int len);
/* A selector's value changed by << >> & | ^ values into register @reg. */
void load_changed_value(struct nftnl_rule *nlr, const struct expr *v, unsigned int reg);
/* @len bytes of @data into register @dreg. */
void add_immediate_data(struct nftnl_rule *nlr, unsigned int dreg, const uint8_t *data,
			unsigned int len);
/* The object commands and listings (obj.c). */
struct obj_kind {
	unsigned int type;	/* NFT_OBJECT_* */
	const char *word;	/* in commands and listings: "ct helper" */
	const char *plural;	/* list counters, ...; NULL: the reference lists none */
	const char *ref;	/* a rule's use of one by name: "ct helper set" */
	bool resettable;
	/* a map's data may be of the type: type ipv4_addr : counter */
	bool map_data;
};
extern const struct obj_kind obj_kinds[];
extern const size_t n_obj_kinds;
/* The kind of object of type @type; NULL for one ours does not know. */
const struct obj_kind *obj_kind_of(unsigned int type);
/* "counter", "ct helper", ...: the word of a known type; else NULL. */
const char *obj_type_name(unsigned int type);
int batch_obj_cmd(struct nft_ctx *ctx, struct batch *b, struct cmd *c);
/* An object's message: an error about it points at @loc, or at the
 * object's name_loc when the kernel blames its name or handle. */
void batch_obj(struct batch *b, struct obj *o, uint16_t type, uint16_t flags,
	       const struct location *loc);
/* Where an error the kernel pins on the last message's name points. */
void batch_name_loc(struct batch *b, const struct location *loc);
/* Resolve what an object's declaration leaves to the end of its block
 * (a ct timeout's state names); its errors are reported, -1 then. */
int obj_evaluate(struct obj *o);
void timeout_states_free(struct timeout_state *st);
/* The states of a ct timeout policy that differ from the protocol's
 * defaults, as a listing names them: how many. */
unsigned int ct_timeout_states(const struct obj *o, const char *names[CT_TIMEOUT_STATES_MAX],
			       uint32_t seconds[CT_TIMEOUT_STATES_MAX]);
/* A layer 4 protocol by name ("tcp"), or its number in @buf. */
const char *l4proto_name(uint8_t l4proto, char buf[4]);
/* The option words of a synproxy's flags, in the reference's order. */
unsigned int synproxy_flag_names(uint32_t flags, const char *names[2]);
void print_obj(struct nft_ctx *ctx, const struct obj *o, FILE *f);
/* "VERB KIND FAMILY TABLE NAME[ { values } ]", a line of the monitor. */
void print_obj_event_text(struct nft_ctx *ctx, const char *verb, const struct obj *o, bool values,
		     FILE *f);
struct obj *cache_find_obj(const struct table *t, unsigned int type, const char *name);
/* The table (NULL for a listing of every table) and object (for one
 * object) command @c names; ENOENT is reported where it points. */
int obj_cmd_lookup(struct nft_ctx *ctx, struct cmd *c, struct table **t, struct obj **o);
/* Reset the kernel's objects that command @c names (of its type, in its
 * family or table, or the one of its name); the cache gets their values. */
int obj_reset(struct nft_ctx *ctx, const struct cmd *c);
int list_obj_cmd(struct nft_ctx *ctx, struct cmd *c);

/* Flowtables (flowtable.c): their commands into the batch, the kernel's
 * in the cache, their listings. */
struct nftnl_flowtable;
int batch_flowtable_cmd(struct nft_ctx *ctx, struct batch *b, struct cmd *c);
/* The flowtables of table @t's block, as it adds them after its sets. */
void batch_table_flowtables(struct batch *b, const struct table *t);
int parse_kernel_flowtable(const struct nlmsghdr *nlh, struct nftnl_flowtable *nft);
struct flowtable *flowtable_from_nl(struct nftnl_flowtable *nft);
int cache_load_flowtables(struct nft_ctx *ctx);
struct flowtable *cache_find_flowtable(const struct table *t, const char *name);
/* The table and flowtable command @c names; ENOENT is reported where it
 * points. */
int flowtable_cmd_lookup(struct nft_ctx *ctx, const struct cmd *c, const struct table **t,
			 const struct flowtable **ft);
void print_flowtable(struct nft_ctx *ctx, const struct flowtable *ft, FILE *f);
int list_flowtable_cmd(struct nft_ctx *ctx, struct cmd *c);

/* Mini allocation helpers, fatal on failure. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
