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
	EX_AUTOBOUND,	/* the local end was bound by the kernel */
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

/*
 * autobound, for the families the kernel's bytecode does not serve (and,
 * after the kernel's own test, for inet): an unnamed unix socket or one
 * of the names autobind makes ("@" and five hex digits), a packet socket
 * of no protocol and no device, a netlink port id of the kernel's (< 0),
 * an inet port of ip_local_port_range.
 */
static bool autobound(const struct ss_sock *s)
{
	static int low, high = 65535;

	switch (s->family) {
	case AF_UNIX:
		return !s->lname || (s->lname[0] == '@' && strlen(s->lname) == 6 &&
				     strspn(s->lname + 1, "0123456789abcdef") == 5);
	case AF_PACKET:
		return !s->proto && !s->iface;
	case AF_NETLINK:
		return (int32_t)s->lport < 0;
	}
	if (!low) {
		FILE *f = fopen("/proc/sys/net/ipv4/ip_local_port_range", "re");

		if (!f || fscanf(f, "%d%d", &low, &high) != 2)
			low = 1;
		if (f)
			fclose(f);
	}
	return s->lport >= (uint32_t)low && s->lport <= (uint32_t)high;
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
	case EX_AUTOBOUND:
		return autobound(s);
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
	if (len)
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
	case EX_AUTOBOUND:
		code_test(c, INET_DIAG_BC_AUTO, NULL, 0);
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

/*
 * The expression is read as the reference reads it: its words are joined
 * and split again at blanks (so a filter may be one quoted word or many),
 * and a word that is no keyword is a value, made at once into the
 * condition that the last of the keywords dst, src, dport, sport, dev,
 * fwmark, cgroup and autobound calls for; a bad value stops there, before
 * any syntax error further on.  and, or and juxtaposition bind alike,
 * from the left.
 */
enum token {
	TK_END,
	TK_NOT,
	TK_AND,
	TK_OR,
	TK_LPAREN,
	TK_RPAREN,
	TK_EQ,
	TK_NE,
	TK_LT,
	TK_GT,
	TK_LE,
	TK_GE,
	TK_DST,
	TK_SRC,
	TK_DPORT,
	TK_SPORT,
	TK_DEV,
	TK_FWMARK,
	TK_CGROUP,
	TK_AUTOBOUND,
	TK_VALUE,	/* a condition made of a word: lex.value */
};

static const struct {
	const char *word;
	enum token token;
} keywords[] = {
	{ "!", TK_NOT }, { "not", TK_NOT },
	{ "&", TK_AND }, { "&&", TK_AND }, { "and", TK_AND },
	{ "|", TK_OR }, { "||", TK_OR }, { "or", TK_OR },
	{ "(", TK_LPAREN }, { ")", TK_RPAREN },
	{ "=", TK_EQ }, { "==", TK_EQ }, { "eq", TK_EQ },
	{ "!=", TK_NE }, { "ne", TK_NE }, { "neq", TK_NE },
	{ "<", TK_LT }, { "lt", TK_LT }, { ">", TK_GT }, { "gt", TK_GT },
	{ "<=", TK_LE }, { "le", TK_LE }, { "leq", TK_LE },
	{ ">=", TK_GE }, { "ge", TK_GE }, { "geq", TK_GE },
	{ "dst", TK_DST }, { "src", TK_SRC }, { "dport", TK_DPORT }, { "sport", TK_SPORT },
	{ "dev", TK_DEV }, { "fwmark", TK_FWMARK }, { "cgroup", TK_CGROUP },
	{ "autobound", TK_AUTOBOUND },
};

static struct {
	char **words;
	int nwords, pos;
	bool peeked;		/* token and value hold the next token */
	enum token token;
	struct ss_expr *value;
	enum token value_kind;	/* the keyword the next value is for */
} lex;

static void parse_error(void) __attribute__((noreturn));
static void parse_error(void)
{
	fprintf(stderr, "ss: bison bellows (while parsing filter): \"syntax error!\" Sorry.\n");
	ss_usage(stderr, 255);
}

static void addr_error(const char *text) __attribute__((noreturn));
static void addr_error(const char *text)
{
	fprintf(stderr, "Error: an inet prefix is expected rather than \"%s\".\n", text);
	fprintf(stderr, "Cannot parse dst/src address.\n");
	exit(1);
}

/* A port: a number (unchecked, as the reference takes it), a service
 * name, or "*" or nothing: any (-1). */
static int parse_port(const char *text)
{
	struct servent *se;
	unsigned long port;
	char *end;

	if (!text[0] || !strcmp(text, "*"))
		return -1;
	port = strtoul(text, &end, 0);
	if (!*end)
		return (int)port;
	se = getservbyname(text, "tcp");
	if (!se) {
		fprintf(stderr, "Error: \"%s\" does not look like a port.\n", text);
		fprintf(stderr, "Cannot parse dst/src address.\n");
		exit(1);
	}
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
	static struct nl_sock *rtnl;
	unsigned int ifindex;

	/* One socket for every name the expression holds. */
	if (!rtnl) {
		rtnl = nl_open(NETLINK_ROUTE, 0);
		ifcache_init(rtnl);
	}
	ifindex = ifcache_index(name);
	return ifindex ? (int)ifindex : -1;
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

/* A host name, where no address is: its first address of @family
 * (AF_UNSPEC: either), a host's whole length. */
static int resolve_host(const char *name, int family, struct inet_prefix *p)
{
	struct addrinfo hints = { .ai_family = family }, *res;

	if (getaddrinfo(name, NULL, &hints, &res))
		return -1;
	memset(p, 0, sizeof(*p));
	p->family = (uint16_t)res->ai_family;
	if (res->ai_family == AF_INET) {
		memcpy(p->data, &((struct sockaddr_in *)res->ai_addr)->sin_addr, 4);
		p->bitlen = 32;
	} else {
		memcpy(p->data, &((struct sockaddr_in6 *)res->ai_addr)->sin6_addr, 16);
		p->bitlen = 128;
	}
	freeaddrinfo(res);
	return 0;
}

/*
 * ADDR[/LEN][:PORT], [ADDR6][/LEN][:PORT], :PORT, *:PORT, a bare IPv6 or
 * a host name, of the family -4 or -6 chose (either if neither did).
 */
static struct ss_expr *parse_inet_host(enum expr_kind kind, const char *text)
{
	/* No host name, address or port is this long. */
	char copy[1024], *host = copy, *port = NULL;
	int family = ss_preferred_family == AF_INET || ss_preferred_family == AF_INET6 ?
		     ss_preferred_family : AF_UNSPEC;
	struct inet_prefix p = { .family = AF_UNSPEC };
	struct ss_expr *e;
	int port_number = -1;

	/* Everything is checked before the node is made: the errors exit. */
	if (strlen(text) >= sizeof(copy))
		addr_error(text);
	strcpy(copy, text);
	if (host[0] == '[') {
		char *close = strchr(host, ']');

		if (!close)
			other_addr_error();
		*close = '\0';
		host++;
		/* The reference takes whatever follows "]" as the port. */
		port = close[1] == ':' ? close + 2 : close + 1;
	} else if (strchr(host, ':') == strrchr(host, ':')) {
		port = strrchr(host, ':');
		if (port)
			*port++ = '\0';
	}
	if (port)
		port_number = parse_port(port);
	/* "default", "any" and "all" are any address (AF_UNSPEC) too. */
	if (host[0] && strcmp(host, "*") && prefix_parse(host, family, &p) < 0 &&
	    (strchr(host, '/') || resolve_host(host, family, &p) < 0))
		addr_error(host);
	e = node(kind, NULL, NULL);
	e->port = port_number;
	e->family = p.family;
	e->prefix_len = p.bitlen;
	memcpy(e->addr, p.data, sizeof(e->addr));
	return e;
}

/* A value after dport or sport: [:]PORT, a condition on either end. */
static struct ss_expr *port_value(const char *text)
{
	int port = parse_port(text[0] == ':' ? text + 1 : text);
	struct ss_expr *e = node(EX_SRC, NULL, NULL);

	e->family = AF_UNSPEC;
	e->port = port;
	return e;
}

static struct ss_expr *device_value(const char *text)
{
	struct ss_expr *e;
	uint32_t ifindex;

	if (parse_u32(text, 0, &ifindex)) {
		ifindex = (uint32_t)device_number(text);
		if (ifindex == (uint32_t)-1) {
			fprintf(stderr, "Cannot parse device.\n");
			exit(1);
		}
	}
	e = node(EX_DEV, NULL, NULL);
	e->value = ifindex;
	return e;
}

/* MARK[/MASK], numbers as scanf's %i reads them. */
static struct ss_expr *mark_value(const char *text)
{
	struct ss_expr *e;
	int mark, mask = -1;
	int want = strchr(text, '/') ? 2 : 1;

	if (sscanf(text, want == 2 ? "%i/%i" : "%i", &mark, &mask) != want) {
		fprintf(stderr, "Cannot parse mark %s.\n", text);
		exit(1);
	}
	e = node(EX_MARK, NULL, NULL);
	e->value = (uint32_t)mark;
	e->mask = (uint32_t)mask;
	return e;
}

/* A cgroup v2 path, from the root of the hierarchy: its id is the inode
 * of its directory. */
static struct ss_expr *cgroup_value(const char *text)
{
	struct ss_expr *e;
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "/sys/fs/cgroup%s%s", text[0] == '/' ? "" : "/", text);
	if (stat(path, &st) < 0) {
		fprintf(stderr, "Failed to get cgroup2 ID: %s\n", strerror(errno));
		fprintf(stderr, "Cannot parse cgroup %s.\n", text);
		exit(1);
	}
	e = node(EX_CGROUP, NULL, NULL);
	e->id = st.st_ino;
	return e;
}

static struct ss_expr *make_value(const char *text)
{
	switch (lex.value_kind) {
	case TK_DPORT:
	case TK_SPORT:
		return port_value(text);
	case TK_DEV:
		return device_value(text);
	case TK_FWMARK:
		return mark_value(text);
	case TK_CGROUP:
		return cgroup_value(text);
	default:
		return parse_host(EX_SRC, text);
	}
}

static enum token peek(void)
{
	const char *w;
	size_t i;

	if (lex.peeked)
		return lex.token;
	lex.peeked = true;
	lex.value = NULL;
	if (lex.pos >= lex.nwords)
		return lex.token = TK_END;
	w = lex.words[lex.pos++];
	for (i = 0; i < ARRAY_SIZE(keywords); i++) {
		if (!strcmp(w, keywords[i].word)) {
			lex.token = keywords[i].token;
			if (lex.token >= TK_DST)
				lex.value_kind = lex.token;
			return lex.token;
		}
	}
	lex.value = make_value(w);
	return lex.token = TK_VALUE;
}

static enum token next(void)
{
	enum token t = peek();

	lex.peeked = false;
	return t;
}

/* The value that must come next. */
static struct ss_expr *expect_value(void)
{
	if (next() != TK_VALUE)
		parse_error();
	return lex.value;
}

static struct ss_expr *negate_if(bool negate, struct ss_expr *e)
{
	return negate ? node(EX_NOT, e, NULL) : e;
}

/* dport and sport: = and != compare the port of an end, the others order
 * it; > and < are the negations of <= and >=, as the reference has them. */
static struct ss_expr *port_cond(bool source)
{
	enum token cmp = peek();
	struct ss_expr *value, *e;

	if (cmp >= TK_EQ && cmp <= TK_GE)
		next();
	else
		cmp = TK_EQ;
	value = expect_value();
	if (cmp == TK_EQ || cmp == TK_NE) {
		value->kind = source ? EX_SRC : EX_DST;
		return negate_if(cmp == TK_NE, value);
	}
	if (cmp == TK_GE || cmp == TK_LT)
		e = node(source ? EX_SPORT_GE : EX_DPORT_GE, NULL, NULL);
	else
		e = node(source ? EX_SPORT_LE : EX_DPORT_LE, NULL, NULL);
	e->value = (uint32_t)value->port;
	free(value);
	return negate_if(cmp == TK_LT || cmp == TK_GT, e);
}

/* dev, fwmark, cgroup: [= | !=] VALUE. */
static struct ss_expr *equality_cond(void)
{
	enum token cmp = peek();

	if (cmp == TK_EQ || cmp == TK_NE)
		next();
	return negate_if(cmp == TK_NE, expect_value());
}

static struct ss_expr *parse_list(void);

static struct ss_expr *parse_cond(void)
{
	struct ss_expr *e;
	enum token t = next();

	switch (t) {
	case TK_LPAREN:
		e = parse_list();
		if (next() != TK_RPAREN)
			parse_error();
		return e;
	case TK_NOT:
		return node(EX_NOT, parse_cond(), NULL);
	case TK_DST:
	case TK_SRC:
		if (peek() == TK_EQ)
			next();
		e = expect_value();
		if (e->kind == EX_SRC && t == TK_DST)
			e->kind = EX_DST;
		return e;
	case TK_DPORT:
	case TK_SPORT:
		return port_cond(t == TK_SPORT);
	case TK_DEV:
	case TK_FWMARK:
	case TK_CGROUP:
		return equality_cond();
	case TK_AUTOBOUND:
		return node(EX_AUTOBOUND, NULL, NULL);
	default:
		parse_error();
	}
}

/* Conditions joined by and, or, or nothing (and), from the left. */
static struct ss_expr *parse_list(void)
{
	struct ss_expr *e = parse_cond();

	for (;;) {
		switch (peek()) {
		case TK_END:
		case TK_RPAREN:
			return e;
		case TK_OR:
			next();
			e = node(EX_OR, e, parse_cond());
			break;
		case TK_AND:
			next();
			/* fall through */
		default:
			e = node(EX_AND, e, parse_cond());
			break;
		}
	}
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

/* The expression of @argv: its words joined, split again at blanks. */
static void parse_expression(int argc, char **argv)
{
	int i;

	memset(&lex, 0, sizeof(lex));
	for (i = 0; i < argc; i++) {
		/* Kept: the words point into it. */
		char *copy = xstrdup(argv[i]), *save = NULL, *w;

		for (w = strtok_r(copy, " \t\n", &save); w; w = strtok_r(NULL, " \t\n", &save)) {
			lex.words = xrealloc(lex.words, (size_t)(lex.nwords + 1) * sizeof(*lex.words));
			lex.words[lex.nwords++] = w;
		}
	}
	if (peek() != TK_END) {
		ssf.expr = parse_list();
		if (peek() != TK_END)
			parse_error();
	}
}

void filter_parse(int argc, char **argv)
{
	bool named = false;

	/* The state words are words of their own, read before the rest. */
	for (; argc && (!strcmp(*argv, "state") || !strcmp(*argv, "exclude") ||
			!strcmp(*argv, "excl")); argc -= 2, argv += 2) {
		bool exclude = argv[0][0] == 'e';
		uint32_t bits;

		if (argc < 2) {
			fprintf(stderr, "Command line is not complete. Try option \"help\"\n");
			exit(255);
		}
		bits = state_bits(argv[1]);
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
	parse_expression(argc, argv);
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
	/* A line is a word of the expression; one starting with "#" is a
	 * comment.  No state words here, as in the reference. */
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		argv = xrealloc(argv, (size_t)(argc + 1) * sizeof(*argv));
		argv[argc++] = xstrdup(line);
	}
	if (f != stdin)
		fclose(f);
	parse_expression(argc, argv);
	while (argc)
		free(argv[--argc]);
	free(argv);
}
