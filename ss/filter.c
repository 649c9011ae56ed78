// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * FILTER: state words, then an expression of ss(8) (sport, dport, src,
 * dst, dev, fwmark, cgroup; and, or, not, parentheses).  The expression
 * is a tree that user space evaluates on every socket, and that compiles
 * into inet_diag bytecode for the kernel, so that a dump brings only the
 * sockets that pass.
 *
 * Bytecode: a run of struct inet_diag_bc_op, each followed by its
 * operand; a test that holds jumps "yes" bytes on, one that fails jumps
 * "no" bytes on.  Running off the end exactly accepts the socket, four
 * bytes past it rejects it.  A compiled fragment accepts by reaching its
 * own end and rejects by jumping four bytes past it, so fragments join:
 * A and B is A then B with A's rejections moved past B; A or B is A, a
 * jump over B, then B (A's rejection lands on B); not A is A then a jump
 * that turns A's acceptance into a rejection and the reverse.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fnmatch.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <linux/inet_diag.h>

#include <nlkit/addr.h>
#include <nlkit/ifcache.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ss.h"

enum expr_kind {
	EX_AND,
	EX_OR,
	EX_NOT,
	EX_SPORT_GE,	/* port >= value */
	EX_SPORT_LE,
	EX_DPORT_GE,
	EX_DPORT_LE,
	EX_SRC,		/* host condition on the local end */
	EX_DST,
	EX_DEV,
	EX_MARK,
	EX_CGROUP,
};

struct ss_expr {
	enum expr_kind kind;
	struct ss_expr *a, *b;
	uint32_t value, mask;
	uint64_t id;
	/* host conditions */
	int family;		/* AF_UNSPEC: any address */
	int prefix_len;
	int port;		/* -1: any; link: the device's index */
	uint8_t addr[16];
	int proto;		/* link, netlink: the protocol, -1: any */
	char *pattern;		/* unix: a glob of the path */
};

static struct ss_expr *node(enum expr_kind kind, struct ss_expr *a, struct ss_expr *b)
{
	struct ss_expr *e = xcalloc(1, sizeof(*e));

	e->kind = kind;
	e->a = a;
	e->b = b;
	return e;
}

/* --- user-space evaluation --- */

static bool host_match(const struct ss_expr *e, int family, const uint8_t *addr, uint32_t port)
{
	if (e->port != -1 && (uint32_t)e->port != port)
		return false;
	if (e->family == AF_UNSPEC || !e->prefix_len)
		return e->family == AF_UNSPEC || family == e->family ||
		       (e->family == AF_INET && family == AF_INET6);
	if (e->family == AF_INET && family == AF_INET6) {
		static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };

		if (memcmp(addr, mapped, 12))
			return false;
		addr += 12;
	} else if (family != e->family) {
		return false;
	}
	{
		struct inet_prefix want = { .family = (uint16_t)e->family }, got = want;

		memcpy(want.data, e->addr, 16);
		memcpy(got.data, addr, e->family == AF_INET ? 4 : 16);
		return prefix_match(&want, &got, e->prefix_len);
	}
}

static bool is_inet(int family)
{
	return family == AF_INET || family == AF_INET6 || family == AF_UNSPEC;
}

/*
 * A host condition of a family other than inet: unix (a glob of the
 * path, either case), link (protocol and device) or netlink (protocol
 * and port id).  Only the local end has these: a condition on the
 * remote end holds only when it leaves everything open.
 */
static bool other_host_match(const struct ss_expr *e, const struct ss_sock *s, bool local)
{
	if (s->family != e->family)
		return false;
	if (e->family == AF_UNIX && !e->pattern)
		return true;
	if (!local)
		return e->family != AF_UNIX && e->proto == -1 && e->port == -1;
	switch (e->family) {
	case AF_UNIX:
		return s->lname && !fnmatch(e->pattern, s->lname, FNM_CASEFOLD);
	case AF_PACKET:
		return (e->proto == -1 || (uint32_t)e->proto == s->proto) &&
		       (e->port == -1 || (uint32_t)e->port == s->iface);
	default:
		return (e->proto == -1 || (uint32_t)e->proto == s->proto) &&
		       (e->port == -1 || (uint32_t)e->port == s->lport);
	}
}

static bool eval(const struct ss_expr *e, const struct ss_sock *s)
{
	bool inet = s->family == AF_INET || s->family == AF_INET6;

	switch (e->kind) {
	case EX_AND:
		return eval(e->a, s) && eval(e->b, s);
	case EX_OR:
		return eval(e->a, s) || eval(e->b, s);
	case EX_NOT:
		return !eval(e->a, s);
	case EX_SPORT_GE:
		return s->lport >= e->value;
	case EX_SPORT_LE:
		return s->lport <= e->value;
	case EX_DPORT_GE:
		return s->rport >= e->value;
	case EX_DPORT_LE:
		return s->rport <= e->value;
	case EX_SRC:
		if (!is_inet(e->family))
			return other_host_match(e, s, true);
		return inet && host_match(e, s->family, s->local, s->lport);
	case EX_DST:
		if (!is_inet(e->family))
			return other_host_match(e, s, false);
		return inet && host_match(e, s->family, s->remote, s->rport);
	case EX_DEV:
		return s->iface == e->value;
	case EX_MARK:
		return (s->mark & e->mask) == e->value;
	case EX_CGROUP:
		return s->cgroup_id == e->id;
	}
	return false;
}

bool ss_filter_match(const struct ss_sock *s)
{
	return !ssf.expr || eval(ssf.expr, s);
}

/* --- bytecode --- */

struct code {
	uint8_t *buf;
	size_t len;
	size_t *ops;	/* offsets of the op headers, to move jumps */
	size_t nops;
};

static void code_put(struct code *c, const void *data, size_t len, bool is_op)
{
	c->buf = xrealloc(c->buf, c->len + len);
	if (is_op) {
		c->ops = xrealloc(c->ops, (c->nops + 1) * sizeof(*c->ops));
		c->ops[c->nops++] = c->len;
	}
	memcpy(c->buf + c->len, data, len);
	c->len += len;
}

/* A test: holds → on to the fragment's end; fails → past it. */
static void code_test(struct code *c, uint8_t op, const void *operand, size_t len)
{
	struct inet_diag_bc_op head = {
		.code = op,
		.yes = (uint8_t)(sizeof(head) + len),
		.no = (uint16_t)(sizeof(head) + len + 4),
	};

	code_put(c, &head, sizeof(head), true);
	code_put(c, operand, len, false);
}

static void code_append(struct code *c, const struct code *d)
{
	size_t base = c->len, i;

	code_put(c, d->buf, d->len, false);
	c->ops = xrealloc(c->ops, (c->nops + d->nops) * sizeof(*c->ops));
	for (i = 0; i < d->nops; i++)
		c->ops[c->nops++] = base + d->ops[i];
}

/* Move every jump of @c that rejects (lands 4 bytes past its end) by @by. */
static void code_move_rejects(struct code *c, size_t by)
{
	size_t i;

	for (i = 0; i < c->nops; i++) {
		struct inet_diag_bc_op *op = (struct inet_diag_bc_op *)(c->buf + c->ops[i]);
		size_t at = c->ops[i];

		if (op->code != INET_DIAG_BC_JMP && at + op->yes == c->len + 4)
			op->yes = (uint8_t)(op->yes + by);
		if (at + op->no == c->len + 4)
			op->no = (uint16_t)(op->no + by);
	}
}

static void code_free(struct code *c)
{
	free(c->buf);
	free(c->ops);
}

static void compile(const struct ss_expr *e, struct code *c)
{
	struct code a = { 0 }, b = { 0 };
	struct inet_diag_bc_op jmp = { .code = INET_DIAG_BC_JMP, .yes = 4 };

	switch (e->kind) {
	case EX_AND:
		compile(e->a, &a);
		compile(e->b, &b);
		code_move_rejects(&a, b.len);
		code_append(c, &a);
		code_append(c, &b);
		break;
	case EX_OR:
		compile(e->a, &a);
		compile(e->b, &b);
		code_append(c, &a);
		jmp.no = (uint16_t)(b.len + 4);
		code_put(c, &jmp, sizeof(jmp), true);
		code_append(c, &b);
		break;
	case EX_NOT:
		compile(e->a, &a);
		code_append(c, &a);
		jmp.no = 8;
		code_put(c, &jmp, sizeof(jmp), true);
		break;
	case EX_SPORT_GE:
	case EX_SPORT_LE:
	case EX_DPORT_GE:
	case EX_DPORT_LE: {
		static const uint8_t ops[] = {
			[EX_SPORT_GE] = INET_DIAG_BC_S_GE, [EX_SPORT_LE] = INET_DIAG_BC_S_LE,
			[EX_DPORT_GE] = INET_DIAG_BC_D_GE, [EX_DPORT_LE] = INET_DIAG_BC_D_LE,
		};
		struct inet_diag_bc_op port = { .no = (uint16_t)e->value };

		code_test(c, ops[e->kind], &port, sizeof(port));
		break;
	}
	case EX_SRC:
	case EX_DST: {
		uint8_t operand[sizeof(struct inet_diag_hostcond) + 16] = { 0 };
		struct inet_diag_hostcond *h = (struct inet_diag_hostcond *)operand;
		size_t alen = e->family == AF_INET6 ? 16 : e->family == AF_INET ? 4 : 0;

		h->family = (uint8_t)e->family;
		h->prefix_len = (uint8_t)e->prefix_len;
		h->port = e->port;
		memcpy(h->addr, e->addr, alen);
		code_test(c, e->kind == EX_SRC ? INET_DIAG_BC_S_COND : INET_DIAG_BC_D_COND,
			  operand, sizeof(*h) + alen);
		break;
	}
	case EX_DEV:
		code_test(c, INET_DIAG_BC_DEV_COND, &e->value, sizeof(e->value));
		break;
	case EX_MARK: {
		struct inet_diag_markcond m = { .mark = e->value, .mask = e->mask };

		code_test(c, INET_DIAG_BC_MARK_COND, &m, sizeof(m));
		break;
	}
	case EX_CGROUP:
		code_test(c, INET_DIAG_BC_CGROUP_COND, &e->id, sizeof(e->id));
		break;
	}
	code_free(&a);
	code_free(&b);
}

/* The families whose sockets @e may pass: a host condition of a family
 * other than inet's limits them. */
static uint64_t expr_families(const struct ss_expr *e)
{
	switch (e->kind) {
	case EX_AND:
		return expr_families(e->a) & expr_families(e->b);
	case EX_OR:
		return expr_families(e->a) | expr_families(e->b);
	case EX_SRC:
	case EX_DST:
		if (!is_inet(e->family))
			return 1ull << e->family;
		return ~0ull;
	default:
		return ~0ull;
	}
}

uint64_t filter_families(void)
{
	return ssf.expr ? expr_families(ssf.expr) : ~0ull;
}

/* Whether the kernel's inet bytecode can say what @e says. */
static bool kernel_can_eval(const struct ss_expr *e)
{
	switch (e->kind) {
	case EX_AND:
	case EX_OR:
		return kernel_can_eval(e->a) && kernel_can_eval(e->b);
	case EX_NOT:
		return kernel_can_eval(e->a);
	case EX_SRC:
	case EX_DST:
		return is_inet(e->family);
	default:
		return true;
	}
}

void *filter_bytecode(int family, size_t *len)
{
	struct code c = { 0 };

	(void)family;
	if (!ssf.expr || !kernel_can_eval(ssf.expr))
		return NULL;
	compile(ssf.expr, &c);
	free(c.ops);
	*len = c.len;
	return c.buf;
}

/* --- parsing --- */

static char **words;
static int nwords, pos;

static void parse_error(void) __attribute__((noreturn));
static void parse_error(void)
{
	fprintf(stderr, "ss: bison-generated parser error: syntax error\n");
	exit(255);
}

static const char *peek(void)
{
	return pos < nwords ? words[pos] : NULL;
}

static const char *next(void)
{
	if (pos >= nwords)
		parse_error();
	return words[pos++];
}

static bool accept_word(const char *const *alternatives)
{
	const char *w = peek();

	if (!w)
		return false;
	for (; *alternatives; alternatives++) {
		if (!strcmp(w, *alternatives)) {
			pos++;
			return true;
		}
	}
	return false;
}

enum cmp { CMP_EQ, CMP_NE, CMP_LT, CMP_GT, CMP_LE, CMP_GE, CMP_NONE };

static enum cmp parse_cmp(void)
{
	static const struct {
		const char *word;
		enum cmp cmp;
	} ops[] = {
		{ "=", CMP_EQ }, { "==", CMP_EQ }, { "eq", CMP_EQ },
		{ "!=", CMP_NE }, { "ne", CMP_NE }, { "neq", CMP_NE },
		{ "<", CMP_LT }, { "lt", CMP_LT }, { ">", CMP_GT }, { "gt", CMP_GT },
		{ "<=", CMP_LE }, { "le", CMP_LE }, { "leq", CMP_LE },
		{ ">=", CMP_GE }, { "ge", CMP_GE }, { "geq", CMP_GE },
	};
	const char *w = peek();
	size_t i;

	if (!w)
		return CMP_NONE;
	for (i = 0; i < ARRAY_SIZE(ops); i++) {
		if (!strcmp(w, ops[i].word)) {
			pos++;
			return ops[i].cmp;
		}
	}
	return CMP_NONE;
}

static void addr_error(const char *text) __attribute__((noreturn));
static void addr_error(const char *text)
{
	fprintf(stderr, "Error: an inet prefix is expected rather than \"%s\".\n", text);
	fprintf(stderr, "Cannot parse dst/src address.\n");
	exit(1);
}

static int parse_port(const char *text, const char *whole)
{
	struct servent *se;
	uint16_t port;

	if (!strcmp(text, "*"))
		return -1;
	if (!parse_u16(text, 0, &port))
		return port;
	se = getservbyname(text, "tcp");
	if (!se)
		addr_error(whole);
	return ntohs((uint16_t)se->s_port);
}

static struct ss_expr *parse_inet_host(enum expr_kind kind, const char *text);

static void other_addr_error(void) __attribute__((noreturn));
static void other_addr_error(void)
{
	fprintf(stderr, "Cannot parse dst/src address.\n");
	exit(1);
}

/* "*" (or nothing): -1; a number; else @name_to_number's say (-1: none). */
static int parse_wild(const char *text, int (*name_to_number)(const char *name))
{
	char *end;
	long v;

	if (!text[0] || !strcmp(text, "*"))
		return -1;
	v = strtol(text, &end, 0);
	if (!*end && v >= 0 && v <= INT32_MAX)
		return (int)v;
	v = name_to_number ? name_to_number(text) : -1;
	if (v < 0)
		other_addr_error();
	return (int)v;
}

static int device_number(const char *name)
{
	ifcache_init(nl_open(NETLINK_ROUTE, 0));
	return ifcache_index(name) ? (int)ifcache_index(name) : -1;
}

static int kernel_port(const char *name)
{
	return strcmp(name, "kernel") ? -1 : 0;
}

/*
 * link: PROTO[:DEVICE]; netlink: PROTO[:PORT]; unix: a glob of the path
 * (a port would be part of it).
 */
static struct ss_expr *parse_other_host(enum expr_kind kind, int family, const char *text)
{
	struct ss_expr *e = node(kind, NULL, NULL);
	char *copy, *colon;

	e->family = family;
	e->proto = -1;
	e->port = -1;
	/* "*" alone is every unix socket, named or not; NULL pattern. */
	if (family == AF_UNIX) {
		e->pattern = strcmp(text, "*") ? xstrdup(text) : NULL;
		return e;
	}
	copy = xstrdup(text);
	colon = strchr(copy, ':');
	if (colon)
		*colon++ = '\0';
	if (family == AF_PACKET) {
		e->proto = parse_wild(copy, packet_proto_number);
		if (colon)
			e->port = parse_wild(colon, device_number);
	} else {
		e->proto = parse_wild(copy, netlink_proto_number);
		if (colon)
			e->port = parse_wild(colon, kernel_port);
	}
	free(copy);
	return e;
}

/*
 * [FAMILY:]HOST: FAMILY a name of -f; without it, the family -f (or -x,
 * -0, ...) chose, inet when none did.
 */
static struct ss_expr *parse_host(enum expr_kind kind, const char *text)
{
	static const struct {
		const char *name;
		int family;
	} prefixes[] = {
		{ "unix:", AF_UNIX }, { "link:", AF_PACKET }, { "netlink:", AF_NETLINK },
		{ "inet:", AF_INET }, { "inet6:", AF_INET6 },
	};
	int family = ss_preferred_family;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prefixes); i++) {
		if (!strncmp(text, prefixes[i].name, strlen(prefixes[i].name))) {
			family = prefixes[i].family;
			text += strlen(prefixes[i].name);
			break;
		}
	}
	if (family == AF_UNIX || family == AF_PACKET || family == AF_NETLINK)
		return parse_other_host(kind, family, text);
	return parse_inet_host(kind, text);
}

/* ADDR[/LEN][:PORT], [ADDR6][/LEN][:PORT], :PORT, *:PORT or a bare IPv6. */
static struct ss_expr *parse_inet_host(enum expr_kind kind, const char *text)
{
	struct ss_expr *e = node(kind, NULL, NULL);
	char *copy = xstrdup(text), *host = copy, *port = NULL;
	struct inet_prefix p;

	e->port = -1;
	if (host[0] == '[') {
		char *close = strchr(host, ']');

		if (!close)
			addr_error(text);
		*close = '\0';
		host++;
		if (close[1] == ':')
			port = close + 2;
		else if (close[1])
			addr_error(text);
	} else if (strchr(host, ':') == strrchr(host, ':')) {
		port = strrchr(host, ':');
		if (port)
			*port++ = '\0';
	}
	if (port)
		e->port = parse_port(port, text);
	if (!host[0] || !strcmp(host, "*")) {
		e->family = AF_UNSPEC;
	} else {
		if (prefix_parse(host, AF_UNSPEC, &p) < 0 || p.family == AF_UNSPEC)
			addr_error(text);
		e->family = p.family;
		e->prefix_len = p.bitlen;
		memcpy(e->addr, p.data, sizeof(e->addr));
	}
	free(copy);
	return e;
}

static struct ss_expr *port_cmp(bool source, enum cmp cmp, const char *text)
{
	const char *colon = strrchr(text, ':');
	int port = parse_port(colon ? colon + 1 : text, text);
	enum expr_kind ge = source ? EX_SPORT_GE : EX_DPORT_GE;
	enum expr_kind le = source ? EX_SPORT_LE : EX_DPORT_LE;
	struct ss_expr *e;

	if (port < 0)
		addr_error(text);
	switch (cmp) {
	case CMP_GE:
		e = node(ge, NULL, NULL);
		break;
	case CMP_LE:
		e = node(le, NULL, NULL);
		break;
	case CMP_GT:
		e = node(ge, NULL, NULL);
		port++;
		break;
	case CMP_LT:
		e = node(le, NULL, NULL);
		port--;
		break;
	default: {
		struct ss_expr *eq = node(source ? EX_SRC : EX_DST, NULL, NULL);

		eq->family = AF_UNSPEC;
		eq->port = port;
		return cmp == CMP_NE ? node(EX_NOT, eq, NULL) : eq;
	}
	}
	e->value = (uint32_t)port;
	return e;
}

static struct ss_expr *parse_or(void);

static struct ss_expr *parse_primary(void)
{
	static const char *const lparen[] = { "(", NULL };
	static const char *const rparen[] = { ")", NULL };
	static const char *const nots[] = { "not", "!", NULL };
	const char *w = peek();
	enum cmp cmp;
	struct ss_expr *e;

	if (!w)
		parse_error();
	if (accept_word(nots))
		return node(EX_NOT, parse_primary(), NULL);
	if (accept_word(lparen)) {
		e = parse_or();
		if (!accept_word(rparen))
			parse_error();
		return e;
	}
	pos++;
	if (!strcmp(w, "sport") || !strcmp(w, "dport")) {
		cmp = parse_cmp();
		return port_cmp(w[0] == 's', cmp == CMP_NONE ? CMP_EQ : cmp, next());
	}
	if (!strcmp(w, "src") || !strcmp(w, "dst")) {
		cmp = parse_cmp();
		if (cmp != CMP_NONE && cmp != CMP_EQ && cmp != CMP_NE)
			parse_error();
		e = parse_host(w[0] == 's' ? EX_SRC : EX_DST, next());
		return cmp == CMP_NE ? node(EX_NOT, e, NULL) : e;
	}
	if (!strcmp(w, "dev")) {
		const char *name;

		cmp = parse_cmp();
		name = next();
		e = node(EX_DEV, NULL, NULL);
		if (parse_u32(name, 0, &e->value)) {
			ifcache_init(nl_open(NETLINK_ROUTE, 0));
			e->value = ifcache_index(name);
			if (!e->value) {
				fprintf(stderr, "Cannot find device \"%s\"\n", name);
				exit(1);
			}
		}
		return cmp == CMP_NE ? node(EX_NOT, e, NULL) : e;
	}
	if (!strcmp(w, "fwmark")) {
		char *slash, *copy;

		cmp = parse_cmp();
		copy = xstrdup(next());
		e = node(EX_MARK, NULL, NULL);
		e->mask = ~0u;
		slash = strchr(copy, '/');
		if (slash)
			*slash++ = '\0';
		if (parse_u32(copy, 0, &e->value) || (slash && parse_u32(slash, 0, &e->mask))) {
			fprintf(stderr, "Error: \"fwmark\" value is invalid\n");
			exit(1);
		}
		free(copy);
		return cmp == CMP_NE ? node(EX_NOT, e, NULL) : e;
	}
	if (!strcmp(w, "cgroup")) {
		char path[4096];
		struct stat st;
		const char *name;

		cmp = parse_cmp();
		name = next();
		snprintf(path, sizeof(path), "/sys/fs/cgroup%s%s", name[0] == '/' ? "" : "/", name);
		if (stat(path, &st) < 0) {
			fprintf(stderr, "Error: cgroup \"%s\" is invalid\n", name);
			exit(1);
		}
		e = node(EX_CGROUP, NULL, NULL);
		e->id = st.st_ino;
		return cmp == CMP_NE ? node(EX_NOT, e, NULL) : e;
	}
	/* A bare address is a condition on either end. */
	return node(EX_OR, parse_host(EX_DST, w), parse_host(EX_SRC, w));
}

static struct ss_expr *parse_and(void)
{
	static const char *const ands[] = { "and", "&&", "&", NULL };
	static const char *const stops[] = { "or", "||", "|", ")", NULL };
	struct ss_expr *e = parse_primary();

	for (;;) {
		const char *w = peek();
		size_t i;
		bool stop = !w;

		for (i = 0; w && stops[i]; i++)
			stop |= !strcmp(w, stops[i]);
		if (stop)
			return e;
		accept_word(ands);
		e = node(EX_AND, e, parse_primary());
	}
}

static struct ss_expr *parse_or(void)
{
	static const char *const ors[] = { "or", "||", "|", NULL };
	struct ss_expr *e = parse_and();

	while (accept_word(ors))
		e = node(EX_OR, e, parse_and());
	return e;
}

static uint32_t state_bits(const char *name)
{
	static const struct {
		const char *name;
		uint32_t bits;
	} states[] = {
		{ "all", SS_ALL },
		{ "connected", SS_ALL & ~((1u << SS_LISTEN) | (1u << SS_CLOSE)) },
		{ "synchronized", SS_ALL & ~((1u << SS_LISTEN) | (1u << SS_CLOSE) | (1u << SS_SYN_SENT)) },
		{ "bucket", (1u << SS_SYN_RECV) | (1u << SS_TIME_WAIT) },
		{ "big", SS_ALL & ~((1u << SS_SYN_RECV) | (1u << SS_TIME_WAIT)) },
		{ "established", 1u << SS_ESTABLISHED },
		{ "syn-sent", 1u << SS_SYN_SENT },
		{ "syn-recv", 1u << SS_SYN_RECV },
		{ "fin-wait-1", 1u << SS_FIN_WAIT1 },
		{ "fin-wait-2", 1u << SS_FIN_WAIT2 },
		{ "time-wait", 1u << SS_TIME_WAIT },
		{ "closed", 1u << SS_CLOSE },
		{ "close-wait", 1u << SS_CLOSE_WAIT },
		{ "last-ack", 1u << SS_LAST_ACK },
		{ "listening", 1u << SS_LISTEN },
		{ "listen", 1u << SS_LISTEN },
		{ "closing", 1u << SS_CLOSING },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(states); i++)
		if (!strcmp(name, states[i].name))
			return states[i].bits;
	fprintf(stderr, "ss: wrong state name: %s\n", name);
	exit(255);
}

void filter_parse(int argc, char **argv)
{
	bool named = false;

	words = argv;
	nwords = argc;
	pos = 0;
	while (peek() && (!strcmp(peek(), "state") || !strcmp(peek(), "exclude") ||
			  !strcmp(peek(), "excl"))) {
		bool exclude = peek()[0] == 'e';
		uint32_t bits;

		pos++;
		bits = state_bits(next());
		if (!named) {
			ssf.states = exclude ? SS_ALL : 0;
			named = true;
			ss_states_given = true;
		}
		if (exclude)
			ssf.states &= ~bits;
		else
			ssf.states |= bits;
	}
	if (peek()) {
		ssf.expr = parse_or();
		if (peek())
			parse_error();
	}
}

void filter_parse_file(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "re") : stdin;
	char **argv = NULL, line[4096];
	int argc = 0;

	if (!f) {
		perror("fopen filter file");
		exit(255);
	}
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL, *w;

		for (w = strtok_r(line, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save)) {
			if (w[0] == '#')
				break;
			argv = xrealloc(argv, (size_t)(argc + 1) * sizeof(*argv));
			argv[argc++] = xstrdup(w);
		}
	}
	if (f != stdin)
		fclose(f);
	filter_parse(argc, argv);
}
