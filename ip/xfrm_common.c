// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip xfrm: the pieces states and policies share, on the command line
 * and in what the kernel reports.
 */
#include <errno.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>
#include <libmnl/libmnl.h>

#include "ip.h"
#include "xfrm_common.h"

const char *xa_word(const struct xfrm_args *a)
{
	return a->argc > 0 ? a->argv[0] : NULL;
}

void xa_skip(struct xfrm_args *a)
{
	a->argc--;
	a->argv++;
}

const char *xa_value(struct xfrm_args *a)
{
	if (a->argc <= 1)
		incomplete_command();
	xa_skip(a);
	return a->argv[0];
}

bool xa_is(const struct xfrm_args *a, const char *kw)
{
	return a->argc > 0 && !strcmp(a->argv[0], kw);
}

static struct nl_sock *xfrm_nl;

struct nl_sock *xfrm_sock(void)
{
	if (xfrm_nl)
		return xfrm_nl;
	xfrm_nl = nl_open(NETLINK_XFRM, 0);
	if (!xfrm_nl) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		exit(1);
	}
	return xfrm_nl;
}

/* The object @nlh carries, its attributes in @tb, when it is one of @d's and passes; else NULL. */
static const void *dump_obj(const struct xfrm_dump *d, const struct nlmsghdr *nlh,
			    const struct nlattr **tb)
{
	const void *obj = nl_msg_payload(nlh, d->obj_len);

	if (nlh->nlmsg_type != d->obj_type || !obj)
		return NULL;
	nl_attr_parse_msg(nlh, d->obj_len, tb, XFRMA_MAX, xfrma_policy);
	return d->match(obj, tb, d->filter) ? obj : NULL;
}

/* The whole dump of @d, held while list or deleteall walks it; 0 or -errno. */
static int dump_collect(const struct xfrm_dump *d, struct nl_msgs *msgs)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));

	nl_req_init(buf, d->get_type, 0, 0);
	return nl_dump_collect(xfrm_sock(), (struct nlmsghdr *)buf, msgs);
}

int xfrm_dump_list(const struct xfrm_dump *d,
		   void (*print)(const void *obj, const struct nlattr **tb, const void *filter))
{
	struct nl_msgs msgs = { 0 };
	struct nlmsghdr *nlh;
	int err = dump_collect(d, &msgs);

	if (err) {
		nl_msgs_free(&msgs);
		return xfrm_fail_nl(err);
	}
	pr_start();
	nl_msgs_for_each(&msgs, nlh) {
		const struct nlattr *tb[XFRMA_MAX + 1];
		const void *obj = dump_obj(d, nlh, tb);

		if (obj)
			print(obj, tb, d->filter);
	}
	nl_msgs_free(&msgs);
	return 0;
}

static int report_delete_error(size_t index, int err, const char *ext_ack, void *data)
{
	(void)index;
	(void)ext_ack;
	(void)data;
	fprintf(stderr, "Failed to send delete-all request: %s\n", strerror(-err));
	return 1;
}

int xfrm_dump_deleteall(const struct xfrm_dump *d,
			void (*delete_req)(struct nlmsghdr *req, const void *obj,
					   const struct nlattr **tb))
{
	struct nl_msgs msgs = { 0 };
	struct nlmsghdr *nlh;
	struct nl_pipe *pipe;
	int err = dump_collect(d, &msgs);

	if (err) {
		nl_msgs_free(&msgs);
		return xfrm_fail_nl(err);
	}
	pipe = nl_pipe_new(xfrm_sock(), report_delete_error, NULL);
	if (!pipe) {
		nl_msgs_free(&msgs);
		return xfrm_fail_nl(-errno);
	}
	nl_msgs_for_each(&msgs, nlh) {
		const struct nlattr *tb[XFRMA_MAX + 1];
		const void *obj = dump_obj(d, nlh, tb);

		if (!obj)
			continue;
		delete_req(nl_pipe_req(pipe), obj, tb);
		if (nl_pipe_push(pipe))
			break;
	}
	err = nl_pipe_flush(pipe);
	nl_pipe_free(pipe);
	nl_msgs_free(&msgs);
	return err ? 1 : 0;
}

int xfrm_fail_nl(int err)
{
	const char *msg = xfrm_nl ? nl_ext_ack_msg(xfrm_nl) : NULL;
	size_t len = msg ? strlen(msg) : 0;

	fflush(stdout);
	if (len)
		fprintf(stderr, "Error: %s%s\n", msg, msg[len - 1] == '.' ? "" : ".");
	else
		fprintf(stderr, "RTNETLINK answers: %s\n", strerror(-err));
	return 2;
}

void xfrm_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	exit(1);
}

uint32_t xfrm_u32_arg(const char *word, const char *msg)
{
	uint32_t v;

	if (parse_u32(word, 0, &v) < 0)
		invarg(msg, word);
	return v;
}

static const struct {
	const char *name;
	uint8_t proto;
} proto_names[] = {
	{ "esp", IPPROTO_ESP }, { "ah", IPPROTO_AH }, { "comp", IPPROTO_COMP },
	{ "route2", IPPROTO_ROUTING }, { "hao", IPPROTO_DSTOPTS },
};

bool xfrm_proto_parse(const char *word, uint8_t *proto)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(proto_names); i++) {
		if (!strcmp(word, proto_names[i].name)) {
			*proto = proto_names[i].proto;
			return true;
		}
	}
	return false;
}

const char *xfrm_proto_name(uint8_t proto, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(proto_names); i++)
		if (proto_names[i].proto == proto)
			return proto_names[i].name;
	snprintf(buf, len, "%u", proto);
	return buf;
}

const char *name_or_num(const char *const *names, size_t count, unsigned int v, char *buf,
			size_t len)
{
	if (v < count && names[v])
		return names[v];
	snprintf(buf, len, "%u", v);
	return buf;
}

const char *xfrm_share_name(uint8_t share, char *buf, size_t len)
{
	static const char *const shares[] = { "any", "session", "user", "unique" };

	return name_or_num(shares, ARRAY_SIZE(shares), share, buf, len);
}

static const char *const mode_names[] = {
	[XFRM_MODE_TRANSPORT] = "transport",
	[XFRM_MODE_TUNNEL] = "tunnel",
	[XFRM_MODE_ROUTEOPTIMIZATION] = "ro",
	[XFRM_MODE_IN_TRIGGER] = "in_trigger",
	[XFRM_MODE_BEET] = "beet",
};

bool xfrm_mode_parse(const char *word, uint8_t *mode)
{
	uint8_t i;

	for (i = 0; i < ARRAY_SIZE(mode_names); i++) {
		if (!strcmp(word, mode_names[i])) {
			*mode = i;
			return true;
		}
	}
	return false;
}

static const char *const dir_names[] = {
	[XFRM_POLICY_IN] = "in",
	[XFRM_POLICY_OUT] = "out",
	[XFRM_POLICY_FWD] = "fwd",
};

bool xfrm_dir_parse(const char *word, uint8_t *dir)
{
	uint8_t i;

	for (i = 0; i < ARRAY_SIZE(dir_names); i++) {
		if (!strcmp(word, dir_names[i])) {
			*dir = i;
			return true;
		}
	}
	return false;
}

/*
 * An address or prefix after src/dst: the family -f chose, or the one
 * the text has; the reference's words and status 1 when it is neither.
 */
static void addr_arg(const char *word, bool is_prefix, struct inet_prefix *p)
{
	int family = ipo.family == AF_INET || ipo.family == AF_INET6 ? ipo.family : AF_UNSPEC;
	int err = is_prefix ? prefix_parse(word, family, p) : addr_parse(word, family, p);

	if (err < 0) {
		fprintf(stderr, "Error: %s %s is expected rather than \"%s\".\n",
			family == AF_UNSPEC ? "any valid" : family_name(family),
			is_prefix ? "prefix" : "address", word);
		exit(1);
	}
}

/* src and dst must be of one family: the second one given is wrong otherwise. */
static void same_family(uint16_t *family, const struct inet_prefix *p, const char *word)
{
	if (*family != AF_UNSPEC && p->family != AF_UNSPEC && *family != p->family)
		invarg("the same address family is required between values after \"src\" and \"dst\"",
		       word);
	if (p->family != AF_UNSPEC)
		*family = p->family;
}

void xfrm_id_parse(struct xfrm_args *a, xfrm_address_t *saddr, struct xfrm_id *id,
		   uint16_t *family)
{
	uint16_t seen = AF_UNSPEC;
	struct inet_prefix p;
	const char *w, *last = NULL;
	bool mixed = false;

	while ((w = xa_word(a))) {
		if (!strcmp(w, "src") || !strcmp(w, "dst")) {
			last = xa_value(a);
			addr_arg(last, true, &p);
			if (seen != AF_UNSPEC && p.family != AF_UNSPEC && seen != p.family)
				mixed = true;
			else if (p.family != AF_UNSPEC)
				seen = p.family;
			memcpy(w[0] == 's' ? (void *)saddr : (void *)&id->daddr, p.data, p.bytelen);
		} else if (!strcmp(w, "proto")) {
			last = xa_value(a);
			if (!xfrm_proto_parse(last, &id->proto))
				invarg("XFRM-PROTO value is invalid", last);
		} else if (!strcmp(w, "spi")) {
			last = xa_value(a);
			id->spi = htonl(xfrm_u32_arg(last, "SPI value is invalid"));
		} else {
			break;
		}
		xa_skip(a);
	}
	/*
	 * The families are compared once the ID ends, so that a bad word
	 * after them is told first, and the error names the ID's last word,
	 * as the reference's does.
	 */
	if (mixed)
		invarg("the same address family is required between values after \"src\" and \"dst\"",
		       last);
	if (seen != AF_UNSPEC)
		*family = seen;
}

/* The protocols whose selectors take ports, ICMP-like type/code, or a GRE key. */
static bool proto_has_ports(uint8_t proto)
{
	return proto == 0 || proto == IPPROTO_TCP || proto == IPPROTO_UDP ||
	       proto == IPPROTO_SCTP || proto == IPPROTO_DCCP;
}

static bool proto_has_type(uint8_t proto)
{
	return proto == IPPROTO_ICMP || proto == IPPROTO_ICMPV6 || proto == IPPROTO_MH;
}

/* The /etc/protocols name of @proto, or its number. */
static const char *ip_proto_name(uint8_t proto, char *buf, size_t len)
{
	struct protoent *pe = getprotobynumber(proto);

	if (pe)
		return pe->p_name;
	snprintf(buf, len, "%u", proto);
	return buf;
}

static uint16_t port_arg(const char *word, const char *msg)
{
	uint16_t v;

	if (parse_u16(word, 0, &v) < 0)
		invarg(msg, word);
	return v;
}

static uint8_t u8_arg(const char *word, const char *msg)
{
	uint8_t v;

	if (parse_u8(word, 0, &v) < 0)
		invarg(msg, word);
	return v;
}

/* A GRE key, dotted or a number: its high half goes in sport, as the reference keeps it. */
static void gre_key_arg(const char *word, struct xfrm_selector *sel)
{
	struct in_addr in;
	uint32_t key;

	if (strchr(word, '.')) {
		if (inet_pton(AF_INET, word, &in) != 1)
			goto bad;
		key = ntohl(in.s_addr);
	} else if (parse_u32(word, 0, &key) < 0) {
		goto bad;
	}
	sel->sport = htons((uint16_t)(key >> 16));
	sel->dport = htons((uint16_t)(key & 0xffff));
	sel->sport_mask = 0xffff;
	sel->dport_mask = 0xffff;
	return;
bad:
	fprintf(stderr, "value after \"key\" is invalid\n");
	exit(IP_EXIT_USAGE);
}

unsigned int xfrm_selector_parse(struct xfrm_args *a, struct xfrm_selector *sel)
{
	bool ports = false, types = false, key = false;
	enum { UPSPEC_NONE, UPSPEC_RUN, UPSPEC_DONE } upspec = UPSPEC_NONE;
	unsigned int given = 0;
	uint16_t family = AF_UNSPEC;
	struct inet_prefix p;
	char buf[16];
	const char *w;

	while ((w = xa_word(a))) {
		bool upspec_word = !strcmp(w, "proto") || !strcmp(w, "sport") ||
				   !strcmp(w, "dport") || !strcmp(w, "type") ||
				   !strcmp(w, "code") || !strcmp(w, "key");

		/* The UPSPEC words come as one run: a second run ends the selector. */
		if (upspec_word && upspec == UPSPEC_DONE)
			break;
		if (upspec_word)
			upspec = UPSPEC_RUN;
		else if (upspec == UPSPEC_RUN)
			upspec = UPSPEC_DONE;
		if (!strcmp(w, "src") || !strcmp(w, "dst")) {
			const char *v = xa_value(a);

			addr_arg(v, true, &p);
			same_family(&family, &p, v);
			if (w[0] == 's') {
				memcpy(&sel->saddr, p.data, p.bytelen);
				sel->prefixlen_s = (uint8_t)p.bitlen;
				given |= XSEL_SRC;
			} else {
				memcpy(&sel->daddr, p.data, p.bytelen);
				sel->prefixlen_d = (uint8_t)p.bitlen;
				given |= XSEL_DST;
			}
		} else if (!strcmp(w, "dev")) {
			const char *v = xa_value(a);

			sel->ifindex = (int)ifcache_index(v);
			if (!sel->ifindex)
				invarg("DEV value is invalid", v);
			given |= XSEL_DEV;
		} else if (!strcmp(w, "proto")) {
			const char *v = xa_value(a);
			struct protoent *pe = getprotobyname(v);

			if (pe)
				sel->proto = (uint8_t)pe->p_proto;
			else if (!strcmp(v, "any"))
				sel->proto = 0;
			else
				sel->proto = u8_arg(v, "PROTO value is invalid");
			given |= XSEL_PROTO;
		} else if (!strcmp(w, "sport")) {
			sel->sport = htons(port_arg(xa_value(a), "value after \"sport\" is invalid"));
			sel->sport_mask = sel->sport ? 0xffff : 0;
			ports = true;
			given |= XSEL_SPORT;
		} else if (!strcmp(w, "dport")) {
			sel->dport = htons(port_arg(xa_value(a), "value after \"dport\" is invalid"));
			sel->dport_mask = sel->dport ? 0xffff : 0;
			ports = true;
			given |= XSEL_DPORT;
		} else if (!strcmp(w, "type")) {
			sel->sport = htons(u8_arg(xa_value(a), "value after \"type\" is invalid"));
			sel->sport_mask = 0xffff;
			types = true;
			given |= XSEL_SPORT;
		} else if (!strcmp(w, "code")) {
			sel->dport = htons(u8_arg(xa_value(a), "value after \"code\" is invalid"));
			sel->dport_mask = 0xffff;
			types = true;
			given |= XSEL_DPORT;
		} else if (!strcmp(w, "key")) {
			gre_key_arg(xa_value(a), sel);
			key = true;
			given |= XSEL_SPORT | XSEL_DPORT;
		} else {
			break;
		}
		xa_skip(a);
	}
	if (ports && !proto_has_ports(sel->proto))
		xfrm_die("\"sport\" and \"dport\" are invalid with PROTO value \"%s\"\n",
			 ip_proto_name(sel->proto, buf, sizeof(buf)));
	if (types && !proto_has_type(sel->proto))
		xfrm_die("\"type\" and \"code\" are invalid with PROTO value \"%s\"\n",
			 ip_proto_name(sel->proto, buf, sizeof(buf)));
	if (key && sel->proto != IPPROTO_GRE)
		xfrm_die("\"key\" is invalid with PROTO value \"%s\"\n",
			 ip_proto_name(sel->proto, buf, sizeof(buf)));
	if (family == AF_UNSPEC)
		family = ipo.family == AF_INET6 ? AF_INET6 : AF_INET;
	sel->family = family;
	return given;
}

uint32_t xfrm_flag_list_parse(struct xfrm_args *a, const struct xfrm_flag_name *names,
			      size_t count, uint32_t max, uint32_t flags)
{
	const char *w = xa_value(a);
	size_t i;

	if (strlen(w) > 2 && !strncmp(w, "0x", 2)) {
		if (parse_u32(w, 16, &flags) < 0 || flags > max)
			invarg("FLAG value is invalid", w);
		return flags;
	}
	for (;;) {
		for (i = 0; i < count; i++)
			if (!strcmp(w, names[i].name))
				break;
		if (i == count) {
			/* Not a flag: step back onto it, for the caller. */
			a->argc++;
			a->argv--;
			return flags;
		}
		flags |= names[i].bit;
		if (a->argc <= 1)
			return flags;
		w = xa_value(a);
	}
}

void xfrm_lifetime_init(xfrm_lifetime_cfg_nl *lft)
{
	lft->soft_byte_limit = XFRM_LIMIT_INF;
	lft->hard_byte_limit = XFRM_LIMIT_INF;
	lft->soft_packet_limit = XFRM_LIMIT_INF;
	lft->hard_packet_limit = XFRM_LIMIT_INF;
}

void xfrm_limit_parse(struct xfrm_args *a, xfrm_lifetime_cfg_nl *lft)
{
	static const struct {
		const char *word;
		size_t offset;
	} limits[] = {
		{ "time-soft", offsetof(xfrm_lifetime_cfg_nl, soft_add_expires_seconds) },
		{ "time-hard", offsetof(xfrm_lifetime_cfg_nl, hard_add_expires_seconds) },
		{ "time-use-soft", offsetof(xfrm_lifetime_cfg_nl, soft_use_expires_seconds) },
		{ "time-use-hard", offsetof(xfrm_lifetime_cfg_nl, hard_use_expires_seconds) },
		{ "byte-soft", offsetof(xfrm_lifetime_cfg_nl, soft_byte_limit) },
		{ "byte-hard", offsetof(xfrm_lifetime_cfg_nl, hard_byte_limit) },
		{ "packet-soft", offsetof(xfrm_lifetime_cfg_nl, soft_packet_limit) },
		{ "packet-hard", offsetof(xfrm_lifetime_cfg_nl, hard_packet_limit) },
	};
	const char *w = xa_value(a);
	char msg[64];
	uint64_t v;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(limits); i++)
		if (!strcmp(w, limits[i].word))
			break;
	if (i == ARRAY_SIZE(limits))
		invarg("LIMIT value is invalid", w);
	snprintf(msg, sizeof(msg), "value after \"%s\" is invalid", w);
	if (parse_u64(xa_value(a), 0, &v) < 0)
		invarg(msg, xa_word(a));
	memcpy((char *)lft + limits[i].offset, &v, sizeof(v));
}

void xfrm_mark_parse(struct xfrm_args *a, struct xfrm_mark *mark)
{
	const char *v = xa_value(a);

	mark->v = xfrm_u32_arg(v, "MARK value is invalid\n");
	mark->m = 0xffffffff;
	if (a->argc > 1 && !strcmp(a->argv[1], "mask")) {
		xa_skip(a);
		v = xa_value(a);
		mark->m = xfrm_u32_arg(v, "MASK value is invalid\n");
	}
}

void xfrm_tmpl_parse(struct xfrm_args *a, struct xfrm_user_tmpl *tmpl)
{
	bool id_seen = false;
	const char *w;

	xa_skip(a);
	tmpl->aalgos = ~0U;
	tmpl->ealgos = ~0U;
	tmpl->calgos = ~0U;
	while ((w = xa_word(a))) {
		if (!strcmp(w, "mode")) {
			const char *v = xa_value(a);

			if (!xfrm_mode_parse(v, &tmpl->mode))
				invarg("MODE value is invalid", v);
		} else if (!strcmp(w, "reqid")) {
			tmpl->reqid = xfrm_u32_arg(xa_value(a), "REQID value is invalid");
		} else if (!strcmp(w, "level")) {
			const char *v = xa_value(a);

			if (!strcmp(v, "required"))
				tmpl->optional = 0;
			else if (!strcmp(v, "use"))
				tmpl->optional = 1;
			else
				invarg("LEVEL value is invalid\n", v);
		} else if (!id_seen && (!strcmp(w, "src") || !strcmp(w, "dst") ||
					!strcmp(w, "proto") || !strcmp(w, "spi"))) {
			xfrm_id_parse(a, &tmpl->saddr, &tmpl->id, &tmpl->family);
			id_seen = true;
			continue;
		} else {
			break;
		}
		xa_skip(a);
	}
}

void xfrm_ctx_put(struct nlmsghdr *nlh, const char *ctx)
{
	size_t len = strlen(ctx) + 1;
	struct {
		struct xfrm_user_sec_ctx hdr;
		char text[256];
	} buf = { 0 };

	if (len > sizeof(buf.text))
		invarg("CTX value is too long", ctx);
	buf.hdr.len = (uint16_t)(sizeof(buf.hdr) + len);
	buf.hdr.exttype = XFRMA_SEC_CTX;
	buf.hdr.ctx_alg = 1;
	buf.hdr.ctx_doi = 1;
	buf.hdr.ctx_len = (uint16_t)len;
	memcpy(buf.text, ctx, len);
	mnl_attr_put(nlh, XFRMA_SEC_CTX, buf.hdr.len, &buf);
}

/* Printing. */

const struct nl_attr_policy xfrma_policy[XFRMA_MAX + 1] = {
	[XFRMA_ALG_AUTH] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_algo) },
	[XFRMA_ALG_CRYPT] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_algo) },
	[XFRMA_ALG_COMP] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_algo) },
	[XFRMA_ENCAP] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_encap_tmpl) },
	[XFRMA_TMPL] = { .kind = NLA_BINARY },
	[XFRMA_SA] = { .kind = NLA_BINARY, .min_len = sizeof(xfrm_usersa_info_nl) },
	[XFRMA_POLICY] = { .kind = NLA_BINARY, .min_len = sizeof(xfrm_userpolicy_info_nl) },
	[XFRMA_SEC_CTX] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_user_sec_ctx) },
	[XFRMA_LTIME_VAL] = { .kind = NLA_BINARY, .min_len = sizeof(xfrm_lifetime_cur_nl) },
	[XFRMA_REPLAY_VAL] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_replay_state) },
	[XFRMA_REPLAY_THRESH] = { .kind = NLA_U32 },
	[XFRMA_ETIMER_THRESH] = { .kind = NLA_U32 },
	[XFRMA_SRCADDR] = { .kind = NLA_BINARY, .min_len = sizeof(xfrm_address_t) },
	[XFRMA_COADDR] = { .kind = NLA_BINARY, .min_len = sizeof(xfrm_address_t) },
	[XFRMA_LASTUSED] = { .kind = NLA_U64 },
	[XFRMA_POLICY_TYPE] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_userpolicy_type) },
	[XFRMA_ALG_AEAD] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_algo_aead) },
	[XFRMA_ALG_AUTH_TRUNC] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_algo_auth) },
	[XFRMA_MARK] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_mark) },
	[XFRMA_TFCPAD] = { .kind = NLA_U32 },
	[XFRMA_REPLAY_ESN_VAL] = { .kind = NLA_BINARY,
				   .min_len = sizeof(struct xfrm_replay_state_esn) },
	[XFRMA_SA_EXTRA_FLAGS] = { .kind = NLA_U32 },
	[XFRMA_PROTO] = { .kind = NLA_U8 },
	[XFRMA_OFFLOAD_DEV] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrm_user_offload) },
	[XFRMA_SET_MARK] = { .kind = NLA_U32 },
	[XFRMA_SET_MARK_MASK] = { .kind = NLA_U32 },
	[XFRMA_IF_ID] = { .kind = NLA_U32 },
};

const char *xfrm_addr_format(uint16_t family, const xfrm_address_t *a, char *buf, size_t len)
{
	return addr_format(family, a, family == AF_INET ? 4 : 16, buf, len);
}

void xfrm_selector_print(const struct xfrm_selector *sel, uint16_t family)
{
	char addr[INET6_ADDRSTRLEN + 8], num[16];
	char text[INET6_ADDRSTRLEN + 8];
	uint16_t f = sel->family != AF_UNSPEC ? sel->family : family;

	if (f == AF_UNSPEC)
		f = ipo.family == AF_INET6 ? AF_INET6 : AF_INET;
	snprintf(text, sizeof(text), "%s/%u", xfrm_addr_format(f, &sel->saddr, addr, sizeof(addr)),
		 sel->prefixlen_s);
	pr_string("src", "src %s ", text);
	snprintf(text, sizeof(text), "%s/%u", xfrm_addr_format(f, &sel->daddr, addr, sizeof(addr)),
		 sel->prefixlen_d);
	pr_string("dst", "dst %s ", text);
	if (sel->proto)
		pr_string("proto", "proto %s ", ip_proto_name(sel->proto, num, sizeof(num)));
	if (proto_has_type(sel->proto)) {
		if (sel->sport_mask)
			pr_uint("type", "type %u ", ntohs(sel->sport));
		if (sel->dport_mask)
			pr_uint("code", "code %u ", ntohs(sel->dport));
	} else if (sel->proto == IPPROTO_GRE) {
		if (sel->sport_mask || sel->dport_mask)
			pr_uint("key", "key %u ",
				((unsigned int)ntohs(sel->sport) << 16) | ntohs(sel->dport));
	} else {
		if (sel->sport_mask)
			pr_uint("sport", "sport %u ", ntohs(sel->sport));
		if (sel->dport_mask)
			pr_uint("dport", "dport %u ", ntohs(sel->dport));
	}
	if (sel->ifindex > 0)
		pr_string("dev", "dev %s ",
			  ifcache_name_or_num((unsigned int)sel->ifindex, num, sizeof(num)));
	if (ipo.stats)
		pr_uint("uid", "uid %u", sel->user);
	pr_nl();
}

/* A byte or packet limit: "(INF)" in text for none. */
static void limit_print(const char *key, const char *unit_fmt, uint64_t v)
{
	pr_u64(key, v == XFRM_LIMIT_INF ? "(INF)" : "%llu", v);
	pr_text("%s", unit_fmt);
}

/* A time of the kernel's lifetimes: local time, or "-" for never. */
static void time_print(const char *key, const char *fmt, uint64_t t)
{
	char buf[64];
	time_t tt = (time_t)t;
	struct tm tm;

	if (!t || !localtime_r(&tt, &tm)) {
		pr_string(key, fmt, t ? "?" : "-");
		return;
	}
	strftime(buf, sizeof(buf), "%Y-%m-%d %T", &tm);
	pr_string(key, fmt, buf);
}

void xfrm_lifetime_print(const xfrm_lifetime_cfg_nl *lft, const xfrm_lifetime_cur_nl *cur)
{
	if (lft) {
		pr_open_object("lifetime_config");
		pr_text("\tlifetime config:");
		pr_nl();
		pr_open_object("limit_bytes");
		pr_text("\t  limit: soft ");
		limit_print("soft", "(bytes), hard ", lft->soft_byte_limit);
		limit_print("hard", "(bytes)", lft->hard_byte_limit);
		pr_close_object();
		pr_nl();
		pr_open_object("limit_packets");
		pr_text("\t  limit: soft ");
		limit_print("soft", "(packets), hard ", lft->soft_packet_limit);
		limit_print("hard", "(packets)", lft->hard_packet_limit);
		pr_close_object();
		pr_nl();
		pr_open_object("expire_add_sec");
		pr_u64("soft", "\t  expire add: soft %llu(sec), ",
		       (unsigned long long)lft->soft_add_expires_seconds);
		pr_u64("hard", "hard %llu(sec)", (unsigned long long)lft->hard_add_expires_seconds);
		pr_close_object();
		pr_nl();
		pr_open_object("expire_use_sec");
		pr_u64("soft", "\t  expire use: soft %llu(sec), ",
		       (unsigned long long)lft->soft_use_expires_seconds);
		pr_u64("hard", "hard %llu(sec)", (unsigned long long)lft->hard_use_expires_seconds);
		pr_close_object();
		pr_nl();
		pr_close_object();
	}
	if (cur) {
		pr_open_object("lifetime_current");
		pr_text("\tlifetime current:");
		pr_nl();
		pr_u64("bytes", "\t  %llu(bytes), ", (unsigned long long)cur->bytes);
		pr_u64("packets", "%llu(packets)", (unsigned long long)cur->packets);
		pr_nl();
		time_print("add", "\t  add %s ", cur->add_time);
		time_print("use", "use %s", cur->use_time);
		pr_nl();
		pr_close_object();
	}
}

void xfrm_id_print(const xfrm_address_t *saddr, const struct xfrm_id *id, uint8_t mode,
		   uint32_t reqid, uint16_t family, bool force_spi, const char *indent)
{
	char addr[INET6_ADDRSTRLEN], num[16];
	uint32_t spi = ntohl(id->spi);

	pr_string("src", "src %s ", xfrm_addr_format(family, saddr, addr, sizeof(addr)));
	pr_string("dst", "dst %s", xfrm_addr_format(family, &id->daddr, addr, sizeof(addr)));
	pr_nl();
	pr_text("%s", indent);
	pr_string("proto", "proto %s ", xfrm_proto_name(id->proto, num, sizeof(num)));
	if (ipo.stats || force_spi || spi) {
		pr_text("spi ");
		pr_hex("spi", "0x%08x", spi);
		if (ipo.stats)
			pr_text("(%u)", spi);
		pr_text(" ");
	}
	pr_uint("reqid", "reqid %u", reqid);
	if (ipo.stats)
		pr_text("(0x%08x)", reqid);
	pr_string("mode", " mode %s", name_or_num(mode_names, ARRAY_SIZE(mode_names), mode, num,
						    sizeof(num)));
	pr_nl();
}

void xfrm_flags_print(const char *key, const char *label, uint32_t flags,
		      const struct xfrm_flag_name *names, size_t count, bool always, bool bits)
{
	uint32_t rest = flags;
	size_t i;

	if (!flags && !always)
		return;
	pr_open_array(key, label);
	for (i = 0; i < count; i++) {
		if (!(rest & names[i].bit))
			continue;
		rest &= ~names[i].bit;
		pr_string(NULL, rest ? "%s " : "%s", names[i].name);
	}
	if (rest)
		pr_hex(NULL, "%x", rest);
	pr_close_array(NULL);
	if (bits)
		xfrm_flag_bits_print(flags);
}

void xfrm_flag_bits_print(uint32_t flags)
{
	char binary[9];
	int b;

	for (b = 7; b >= 0; b--)
		binary[7 - b] = (char)((flags >> b) & 1 ? '1' : '0');
	binary[8] = '\0';
	pr_string("flag_bits", " (0x%s)", binary);
}

/* Key material as the reference prints it: "0x" and the bytes in hex. */
static void key_print(const char *key, const unsigned char *data, size_t len)
{
	char *hex = xmalloc(2 * len + 3);
	size_t i;

	strcpy(hex, "0x");
	for (i = 0; i < len; i++)
		sprintf(hex + 2 + 2 * i, "%02x", data[i]);
	pr_string(key, "%s", hex);
	free(hex);
}

/*
 * An algorithm: "NAME KEY [LEN]", with -s "NAME KEY (BITS bits) [LEN]".
 * An empty key (IPCOMP's) shows nothing; nokeys shows a placeholder in
 * its place (JSON leaves "key" out); a key whose length runs past the
 * attribute is reported as truncated.
 */
static void algo_print(const char *kind, const struct nlattr *attr, size_t hdr_len,
		       const char *len_key, int len_value, bool nokeys)
{
	const struct xfrm_algo *algo = mnl_attr_get_payload(attr);
	size_t avail = mnl_attr_get_payload_len(attr) - hdr_len;
	size_t key_bytes = (algo->alg_key_len + 7) / 8;
	char name[sizeof(algo->alg_name) + 1];
	const unsigned char *key_data = (const unsigned char *)algo + hdr_len;

	memcpy(name, algo->alg_name, sizeof(algo->alg_name));
	name[sizeof(algo->alg_name)] = '\0';
	pr_open_object(kind);
	pr_text("\t%s ", kind);
	pr_string("name", "%s ", name);
	if (key_bytes > avail) {
		if (!nokeys)
			pr_string("key", "%s", "(ERROR truncated)");
	} else if (nokeys) {
		pr_text("<<Keys hidden>>");
	} else if (key_bytes) {
		key_print("key", key_data, key_bytes);
		if (ipo.stats)
			pr_uint("key_bits", " (%u bits)", algo->alg_key_len);
	}
	if (len_key)
		pr_int(len_key, " %d", len_value);
	pr_close_object();
	pr_nl();
}

static void tmpl_print(const struct nlattr *attr, uint16_t family)
{
	const struct xfrm_user_tmpl *tmpls = mnl_attr_get_payload(attr);
	size_t n = mnl_attr_get_payload_len(attr) / sizeof(*tmpls);
	char num[16];
	size_t i;

	pr_open_array("tmpl", NULL);
	for (i = 0; i < n; i++) {
		const struct xfrm_user_tmpl *t = &tmpls[i];

		pr_open_object(NULL);
		pr_text("\ttmpl ");
		xfrm_id_print(&t->saddr, &t->id, t->mode, t->reqid,
			      t->family != AF_UNSPEC ? t->family : family, false, "\t\t");
		if (ipo.stats || t->optional) {
			pr_text("\t\t");
			if (t->optional <= 1)
				pr_string("level", "level %s ", t->optional ? "use" : "required");
			else
				pr_uint("level", "level %u ", t->optional);
		}
		if (ipo.stats)
			pr_string("share", "share %s ",
				  xfrm_share_name(t->share, num, sizeof(num)));
		if (ipo.stats || t->optional)
			pr_nl();
		if (ipo.stats) {
			pr_text("\t\tenc-mask ");
			pr_hex("enc-mask", "%08x", t->ealgos);
			pr_text(" auth-mask ");
			pr_hex("auth-mask", "%08x", t->aalgos);
			pr_text(" comp-mask ");
			pr_hex("comp-mask", "%08x", t->calgos);
			pr_nl();
		}
		pr_close_object();
	}
	pr_close_array(NULL);
}

void xfrm_sec_ctx_print(const struct nlattr **tb)
{
	const struct xfrm_user_sec_ctx *ctx;
	size_t len;
	char *s;

	if (!tb[XFRMA_SEC_CTX])
		return;
	ctx = mnl_attr_get_payload(tb[XFRMA_SEC_CTX]);
	len = mnl_attr_get_payload_len(tb[XFRMA_SEC_CTX]) - sizeof(*ctx);
	if (ctx->ctx_len < len)
		len = ctx->ctx_len;
	s = xmalloc(len + 1);
	memcpy(s, ctx + 1, len);
	s[len] = '\0';
	pr_string("security_context", "\tsecurity context %s ", s);
	pr_nl();
	free(s);
}

static void encap_print(const struct xfrm_encap_tmpl *e, uint16_t family)
{
	char addr[INET6_ADDRSTRLEN], num[16];
	const char *type;

	switch (e->encap_type) {
	case 1:
		type = "espinudp-nonike";
		break;
	case 2:
		type = "espinudp";
		break;
	case 6:
		type = "espintcp";
		break;
	default:
		snprintf(num, sizeof(num), "%u", e->encap_type);
		type = num;
		break;
	}
	pr_open_object("encap");
	pr_string("type", "\tencap type %s ", type);
	pr_uint("sport", "sport %u ", ntohs(e->encap_sport));
	pr_uint("dport", "dport %u ", ntohs(e->encap_dport));
	pr_string("addr", "addr %s", xfrm_addr_format(family, &e->encap_oa, addr, sizeof(addr)));
	pr_close_object();
	pr_nl();
}

/* A state's replay state, plain or ESN. */
static void replay_print(const struct nlattr **tb)
{
	if (tb[XFRMA_REPLAY_VAL]) {
		const struct xfrm_replay_state *r = mnl_attr_get_payload(tb[XFRMA_REPLAY_VAL]);

		pr_open_object("anti-replay context");
		pr_text("\tanti-replay context: ");
		pr_hex("seq", "seq 0x%x, ", r->seq);
		pr_hex("oseq", "oseq 0x%x, ", r->oseq);
		pr_hex("bitmap", "bitmap 0x%08x", r->bitmap);
		pr_close_object();
		pr_nl();
	}
	if (tb[XFRMA_REPLAY_ESN_VAL]) {
		const struct xfrm_replay_state_esn *r = mnl_attr_get_payload(tb[XFRMA_REPLAY_ESN_VAL]);
		size_t words = (mnl_attr_get_payload_len(tb[XFRMA_REPLAY_ESN_VAL]) - sizeof(*r)) / 4;
		size_t n = r->bmp_len < words ? r->bmp_len : words, i;

		pr_open_object("anti-replay esn context");
		pr_text("\tanti-replay esn context:");
		pr_nl();
		pr_text("\t seq-hi ");
		pr_hex("seq-hi", "0x%x", r->seq_hi);
		pr_text(", seq ");
		pr_hex("seq", "0x%x", r->seq);
		pr_text(", oseq-hi ");
		pr_hex("oseq-hi", "0x%x", r->oseq_hi);
		pr_text(", oseq ");
		pr_hex("oseq", "0x%x", r->oseq);
		pr_nl();
		pr_uint("replay_window", "\t replay_window %u, ", r->replay_window);
		pr_uint("bitmap-length", "bitmap-length %u", r->bmp_len);
		pr_open_array("bitmap", NULL);
		for (i = n; i > 0; i--) {
			if ((n - i) % 8 == 0) {
				pr_nl();
				pr_text("\t ");
			}
			pr_hex(NULL, "%08x ", r->bmp[i - 1]);
		}
		pr_close_array(NULL);
		pr_nl();
		pr_close_object();
	}
}

void xfrm_attrs_print(const struct nlattr **tb, uint16_t family, bool nokeys)
{
	char addr[INET6_ADDRSTRLEN], num[16];

	if (tb[XFRMA_MARK]) {
		const struct xfrm_mark *m = mnl_attr_get_payload(tb[XFRMA_MARK]);

		pr_text("\tmark ");
		pr_hex("mark", "%#x", m->v);
		pr_text("/");
		pr_hex("mask", "%#x", m->m);
		pr_text(" ");
	}
	/* A state's output mark shares the mark's line. */
	if (tb[XFRMA_SET_MARK]) {
		pr_text(tb[XFRMA_MARK] ? "output-mark " : "\toutput-mark ");
		pr_hex("output-mark", "%#x", mnl_attr_get_u32(tb[XFRMA_SET_MARK]));
		if (tb[XFRMA_SET_MARK_MASK]) {
			pr_text("/");
			pr_hex("output-mask", "%#x", mnl_attr_get_u32(tb[XFRMA_SET_MARK_MASK]));
		}
	}
	if (tb[XFRMA_MARK] || tb[XFRMA_SET_MARK])
		pr_nl();
	if (tb[XFRMA_ALG_AUTH] && !tb[XFRMA_ALG_AUTH_TRUNC])
		algo_print("auth", tb[XFRMA_ALG_AUTH], sizeof(struct xfrm_algo), NULL, 0, nokeys);
	if (tb[XFRMA_ALG_AUTH_TRUNC]) {
		const struct xfrm_algo_auth *a = mnl_attr_get_payload(tb[XFRMA_ALG_AUTH_TRUNC]);

		algo_print("auth-trunc", tb[XFRMA_ALG_AUTH_TRUNC], sizeof(*a), "trunc_len",
			   (int)a->alg_trunc_len, nokeys);
	}
	if (tb[XFRMA_ALG_AEAD]) {
		const struct xfrm_algo_aead *a = mnl_attr_get_payload(tb[XFRMA_ALG_AEAD]);

		algo_print("aead", tb[XFRMA_ALG_AEAD], sizeof(*a), "icv_len", (int)a->alg_icv_len,
			   nokeys);
	}
	if (tb[XFRMA_ALG_CRYPT])
		algo_print("enc", tb[XFRMA_ALG_CRYPT], sizeof(struct xfrm_algo), NULL, 0, nokeys);
	if (tb[XFRMA_ALG_COMP])
		algo_print("comp", tb[XFRMA_ALG_COMP], sizeof(struct xfrm_algo), NULL, 0, nokeys);
	if (tb[XFRMA_ENCAP])
		encap_print(mnl_attr_get_payload(tb[XFRMA_ENCAP]), family);
	if (tb[XFRMA_TMPL])
		tmpl_print(tb[XFRMA_TMPL], family);
	if (tb[XFRMA_COADDR]) {
		pr_string("coa", "\tcoa %s",
			  xfrm_addr_format(family, mnl_attr_get_payload(tb[XFRMA_COADDR]), addr,
					   sizeof(addr)));
		pr_nl();
	}
	if (tb[XFRMA_LASTUSED]) {
		time_print("lastused", "\tlastused %s", mnl_attr_get_u64(tb[XFRMA_LASTUSED]));
		pr_nl();
	}
	replay_print(tb);
	if (tb[XFRMA_OFFLOAD_DEV]) {
		const struct xfrm_user_offload *o = mnl_attr_get_payload(tb[XFRMA_OFFLOAD_DEV]);

		pr_open_object("crypto offload parameters");
		pr_string("dev", "\tcrypto offload parameters: dev %s ",
			  ifcache_name_or_num((unsigned int)o->ifindex, num, sizeof(num)));
		pr_string("dir", "dir %s", o->flags & XFRM_OFFLOAD_INBOUND ? "in" : "out");
		pr_close_object();
		pr_nl();
	}
	if (tb[XFRMA_IF_ID]) {
		pr_text("\tif_id ");
		pr_hex("if_id", "%#x", mnl_attr_get_u32(tb[XFRMA_IF_ID]));
		pr_nl();
	}
	if (tb[XFRMA_TFCPAD]) {
		pr_uint("tfcpad", "\ttfcpad %u", mnl_attr_get_u32(tb[XFRMA_TFCPAD]));
		pr_nl();
	}
}
