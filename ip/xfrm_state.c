// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip xfrm state: add, update, allocspi, delete, get, deleteall, list,
 * flush, count and help.
 *
 * The attributes of add and update go into the request in the order the
 * reference sends them, so that both put the same bytes on the wire:
 * security context, encapsulation, algorithms, care-of address and
 * offload as they come on the command line, then the replay state, extra
 * flags, mark, interface id, TFC padding and output mark.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "xfrm_common.h"

/* The largest key material the reference takes, in bytes. */
#define ALGO_KEY_MAX 512

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip xfrm state { add | update } ID [ ALGO-LIST ] [ mode MODE ]\n"
	      "        [ mark MARK [ mask MASK ] ] [ reqid REQID ] [ seq SEQ ]\n"
	      "        [ replay-window SIZE ] [ replay-seq SEQ ] [ replay-oseq SEQ ]\n"
	      "        [ replay-seq-hi SEQ ] [ replay-oseq-hi SEQ ]\n"
	      "        [ flag FLAG-LIST ] [ sel SELECTOR ] [ LIMIT-LIST ] [ encap ENCAP ]\n"
	      "        [ coa ADDR[/PLEN] ] [ ctx CTX ] [ extra-flag EXTRA-FLAG-LIST ]\n"
	      "        [ offload [dev DEV] dir DIR ]\n"
	      "        [ output-mark OUTPUT-MARK [ mask MASK ] ]\n"
	      "        [ if_id IF_ID ] [ tfcpad LENGTH ]\n"
	      "Usage: ip xfrm state allocspi ID [ mode MODE ] [ mark MARK [ mask MASK ] ]\n"
	      "        [ reqid REQID ] [ seq SEQ ] [ min SPI max SPI ]\n"
	      "Usage: ip xfrm state { delete | get } ID [ mark MARK [ mask MASK ] ]\n"
	      "Usage: ip xfrm state deleteall [ ID ] [ mode MODE ] [ reqid REQID ]\n"
	      "        [ flag FLAG-LIST ]\n"
	      "Usage: ip xfrm state list [ nokeys ] [ ID ] [ mode MODE ] [ reqid REQID ]\n"
	      "        [ flag FLAG-LIST ]\n"
	      "Usage: ip xfrm state flush [ proto XFRM-PROTO ]\n"
	      "Usage: ip xfrm state count\n"
	      "ID := [ src ADDR ] [ dst ADDR ] [ proto XFRM-PROTO ] [ spi SPI ]\n"
	      "XFRM-PROTO := esp | ah | comp | route2 | hao\n"
	      "ALGO-LIST := [ ALGO-LIST ] ALGO\n"
	      "ALGO := { enc | auth } ALGO-NAME ALGO-KEYMAT |\n"
	      "        auth-trunc ALGO-NAME ALGO-KEYMAT ALGO-TRUNC-LEN |\n"
	      "        aead ALGO-NAME ALGO-KEYMAT ALGO-ICV-LEN |\n"
	      "        comp ALGO-NAME\n"
	      "MODE := transport | tunnel | beet | ro | in_trigger\n"
	      "FLAG-LIST := [ FLAG-LIST ] FLAG\n"
	      "FLAG := noecn | decap-dscp | nopmtudisc | wildrecv | icmp | af-unspec | align4 | esn\n"
	      "EXTRA-FLAG-LIST := [ EXTRA-FLAG-LIST ] EXTRA-FLAG\n"
	      "EXTRA-FLAG := dont-encap-dscp | oseq-may-wrap\n"
	      "SELECTOR := [ src ADDR[/PLEN] ] [ dst ADDR[/PLEN] ] [ dev DEV ] [ UPSPEC ]\n"
	      "UPSPEC := proto { { tcp | udp | sctp | dccp } [ sport PORT ] [ dport PORT ] |\n"
	      "                  { icmp | ipv6-icmp | mobility-header } [ type NUMBER ] [ code NUMBER ] |\n"
	      "                  gre [ key { DOTTED-QUAD | NUMBER } ] | PROTO }\n"
	      "LIMIT-LIST := [ LIMIT-LIST ] limit LIMIT\n"
	      "LIMIT := { time-soft | time-hard | time-use-soft | time-use-hard } SECONDS |\n"
	      "         { byte-soft | byte-hard } SIZE | { packet-soft | packet-hard } COUNT\n"
	      "ENCAP := { espinudp | espinudp-nonike | espintcp } SPORT DPORT OADDR\n"
	      "DIR := in | out\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

static const struct xfrm_flag_name state_flags[] = {
	{ XFRM_STATE_NOECN, "noecn" },
	{ XFRM_STATE_DECAP_DSCP, "decap-dscp" },
	{ XFRM_STATE_NOPMTUDISC, "nopmtudisc" },
	{ XFRM_STATE_WILDRECV, "wildrecv" },
	{ XFRM_STATE_ICMP, "icmp" },
	{ XFRM_STATE_AF_UNSPEC, "af-unspec" },
	{ XFRM_STATE_ALIGN4, "align4" },
	{ XFRM_STATE_ESN, "esn" },
};

static const struct xfrm_flag_name extra_flags[] = {
	{ XFRM_SA_XFLAG_DONT_ENCAP_DSCP, "dont-encap-dscp" },
	{ XFRM_SA_XFLAG_OSEQ_MAY_WRAP, "oseq-may-wrap" },
};

/* Key material: "0x" and hex digits (an odd count gets a leading zero), or the text itself. */
static size_t keymat_parse(const char *word, unsigned char *key)
{
	size_t len = strlen(word), n, i;
	const char *hex;

	if (len <= 2 || strncmp(word, "0x", 2)) {
		if (len > ALGO_KEY_MAX)
			invarg("ALGO-KEYMAT value makes buffer overflow\n", word);
		memcpy(key, word, len);
		return len;
	}
	hex = word + 2;
	len -= 2;
	n = (len + 1) / 2;
	if (n > ALGO_KEY_MAX)
		invarg("ALGO-KEYMAT value makes buffer overflow\n", word);
	for (i = 0; i < n; i++) {
		char pair[3] = { 0 };
		char *end;
		size_t digits = (i == 0 && len % 2) ? 1 : 2;

		memcpy(pair, hex, digits);
		hex += digits;
		key[i] = (unsigned char)strtoul(pair, &end, 16);
		if (*end || !pair[0] || pair[0] == '+' || pair[0] == '-' ||
		    (digits == 2 && (pair[1] == '+' || pair[1] == '-')))
			invarg("ALGO-KEYMAT value is invalid", word);
	}
	return n;
}

enum algo_kind { ALGO_ENC, ALGO_AUTH, ALGO_AUTH_TRUNC, ALGO_AEAD, ALGO_COMP, ALGO_KINDS };

static const struct {
	const char *word;
	uint16_t attr;
} algo_kinds[ALGO_KINDS] = {
	[ALGO_ENC] = { "enc", XFRMA_ALG_CRYPT },
	[ALGO_AUTH] = { "auth", XFRMA_ALG_AUTH },
	[ALGO_AUTH_TRUNC] = { "auth-trunc", XFRMA_ALG_AUTH_TRUNC },
	[ALGO_AEAD] = { "aead", XFRMA_ALG_AEAD },
	[ALGO_COMP] = { "comp", XFRMA_ALG_COMP },
};

/* ALGO after its type word: name, key material and, for some, a length. */
static void algo_put(struct nlmsghdr *nlh, enum algo_kind kind, struct xfrm_args *a)
{
	struct {
		union {
			struct xfrm_algo plain;
			struct xfrm_algo_auth auth;
			struct xfrm_algo_aead aead;
		} hdr;
		unsigned char key[ALGO_KEY_MAX];
	} buf;
	size_t hdr_len = sizeof(struct xfrm_algo), key_len = 0;
	unsigned char *key = buf.key;
	const char *name;

	memset(&buf, 0, sizeof(buf));
	if (a->argc <= 1)
		missarg("ALGO-NAME");
	name = xa_value(a);
	strncpy(buf.hdr.plain.alg_name, name, sizeof(buf.hdr.plain.alg_name) - 1);
	if (kind == ALGO_AUTH_TRUNC) {
		hdr_len = sizeof(struct xfrm_algo_auth);
	} else if (kind == ALGO_AEAD) {
		hdr_len = sizeof(struct xfrm_algo_aead);
	}
	/* The key follows the header that the kind has. */
	key = (unsigned char *)&buf + hdr_len;
	if (kind != ALGO_COMP) {
		if (a->argc <= 1)
			missarg("ALGO-KEYMAT");
		key_len = keymat_parse(xa_value(a), key);
	}
	if (kind == ALGO_AUTH_TRUNC || kind == ALGO_AEAD) {
		uint32_t len;

		if (a->argc <= 1)
			missarg(kind == ALGO_AEAD ? "ALGO-ICV-LEN" : "ALGO-TRUNC-LEN");
		len = xfrm_u32_arg(xa_value(a), kind == ALGO_AEAD ? "ALGO-ICV-LEN value is invalid" :
								  "ALGO-TRUNC-LEN value is invalid");
		if (kind == ALGO_AEAD) {
			buf.hdr.aead.alg_key_len = (unsigned int)key_len * 8;
			buf.hdr.aead.alg_icv_len = len;
		} else {
			buf.hdr.auth.alg_key_len = (unsigned int)key_len * 8;
			buf.hdr.auth.alg_trunc_len = len;
		}
	} else {
		buf.hdr.plain.alg_key_len = (unsigned int)key_len * 8;
	}
	mnl_attr_put(nlh, algo_kinds[kind].attr, hdr_len + key_len, &buf);
}

static void encap_put(struct nlmsghdr *nlh, struct xfrm_args *a)
{
	struct xfrm_encap_tmpl e = { 0 };
	struct inet_prefix p;
	const char *w = xa_value(a);
	uint16_t port;

	if (!strcmp(w, "espinudp-nonike"))
		e.encap_type = 1;
	else if (!strcmp(w, "espinudp"))
		e.encap_type = 2;
	else if (!strcmp(w, "espintcp"))
		e.encap_type = 7;
	else
		invarg("ENCAP-TYPE value is invalid", w);
	w = xa_value(a);
	if (parse_u16(w, 0, &port) < 0)
		invarg("SPORT value after \"encap\" is invalid", w);
	e.encap_sport = htons(port);
	w = xa_value(a);
	if (parse_u16(w, 0, &port) < 0)
		invarg("DPORT value after \"encap\" is invalid", w);
	e.encap_dport = htons(port);
	w = xa_value(a);
	if (addr_parse(w, ipo.family == AF_INET || ipo.family == AF_INET6 ? ipo.family : AF_UNSPEC,
		       &p) < 0) {
		fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n",
			ipo.family == AF_INET || ipo.family == AF_INET6 ? family_name(ipo.family) :
									  "any valid",
			w);
		exit(1);
	}
	memcpy(&e.encap_oa, p.data, p.bytelen);
	mnl_attr_put(nlh, XFRMA_ENCAP, sizeof(e), &e);
}

/* offload [ dev DEV ] dir DIR */
static void offload_put(struct nlmsghdr *nlh, struct xfrm_args *a)
{
	struct xfrm_user_offload o = { 0 };
	const char *w = xa_value(a);

	if (!strcmp(w, "dev")) {
		const char *dev = xa_value(a);

		o.ifindex = (int)ifcache_index(dev);
		if (!o.ifindex)
			invarg("Device does not exist\n", dev);
		w = xa_value(a);
	}
	if (strcmp(w, "dir"))
		invarg("unknown", w);
	w = xa_value(a);
	if (!strcmp(w, "in"))
		o.flags |= XFRM_OFFLOAD_INBOUND;
	else if (strcmp(w, "out"))
		invarg("DIR value is invalid", w);
	mnl_attr_put(nlh, XFRMA_OFFLOAD_DEV, sizeof(o), &o);
}

/* What add checks once the command line is read. */
static void check_algos(uint8_t proto, const bool *algo, uint8_t mode, bool have_mode,
			bool have_coa, uint32_t spi)
{
	bool mobile = proto == IPPROTO_ROUTING || proto == IPPROTO_DSTOPTS;
	bool mobile_mode = mode == XFRM_MODE_ROUTEOPTIMIZATION || mode == XFRM_MODE_IN_TRIGGER;
	char buf[16];
	const char *name = xfrm_proto_name(proto, buf, sizeof(buf));

	switch (proto) {
	case IPPROTO_ESP:
		if (algo[ALGO_COMP])
			xfrm_die("ALGO-TYPE value \"comp\" is invalid with XFRM-PROTO value \"%s\"\n",
				 name);
		if (!algo[ALGO_ENC] && !algo[ALGO_AEAD])
			xfrm_die("ALGO-TYPE value \"enc\" or \"aead\" is required with XFRM-PROTO value \"%s\"\n",
				 name);
		break;
	case IPPROTO_AH:
		if (algo[ALGO_ENC] || algo[ALGO_AEAD] || algo[ALGO_COMP])
			xfrm_die("ALGO-TYPE values \"enc\", \"aead\", and \"comp\" are invalid with XFRM-PROTO value \"%s\"\n",
				 name);
		if (!algo[ALGO_AUTH] && !algo[ALGO_AUTH_TRUNC])
			xfrm_die("ALGO-TYPE value \"auth\" or \"auth-trunc\" is required with XFRM-PROTO value \"%s\"\n",
				 name);
		break;
	case IPPROTO_COMP:
		if (algo[ALGO_ENC] || algo[ALGO_AUTH] || algo[ALGO_AUTH_TRUNC] || algo[ALGO_AEAD])
			xfrm_die("ALGO-TYPE values \"enc\", \"auth\", \"auth-trunc\", and \"aead\" are invalid with XFRM-PROTO value \"%s\"\n",
				 name);
		if (!algo[ALGO_COMP])
			xfrm_die("ALGO-TYPE value \"comp\" is required with XFRM-PROTO value \"%s\"\n",
				 name);
		break;
	default:
		if (algo[ALGO_ENC] || algo[ALGO_AUTH] || algo[ALGO_AUTH_TRUNC] || algo[ALGO_AEAD] ||
		    algo[ALGO_COMP])
			xfrm_die("ALGO is invalid with XFRM-PROTO value \"%s\"\n", name);
		break;
	}
	if (have_mode && mobile != mobile_mode)
		xfrm_die("MODE value is invalid with XFRM-PROTO value \"%s\"\n", name);
	if (mobile) {
		if (spi)
			xfrm_die("\"spi\" is invalid with XFRM-PROTO value \"%s\"\n", name);
		if (!have_mode)
			xfrm_die("\"mode\" is required with XFRM-PROTO value \"%s\"\n", name);
		if (!have_coa)
			xfrm_die("\"coa\" is required with XFRM-PROTO value \"%s\"\n", name);
	} else if (have_coa) {
		xfrm_die("\"coa\" is invalid with XFRM-PROTO value \"%s\"\n", name);
	}
}

/* add and update. */
static int state_modify(uint16_t type, struct xfrm_args *a)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	xfrm_usersa_info_nl *si;
	struct xfrm_replay_state replay = { 0 };
	struct xfrm_replay_state_esn esn = { 0 };
	struct xfrm_mark mark = { 0 };
	bool algo[ALGO_KINDS] = { false };
	bool have_id = false, have_mode = false, have_coa = false, have_mark = false;
	bool have_replay = false, have_extra = false, have_if_id = false, have_tfcpad = false;
	bool have_output_mark = false, have_output_mask = false;
	uint32_t extra = 0, if_id = 0, tfcpad = 0, output_mark = 0, output_mask = 0;
	uint32_t replay_window = 0;
	const char *w;
	int err;

	si = nl_req_init(buf, type, 0, sizeof(*si));
	xfrm_lifetime_init(&si->lft);
	while ((w = xa_word(a))) {
		size_t k;

		if (!strcmp(w, "mode")) {
			const char *v = xa_value(a);

			if (!xfrm_mode_parse(v, &si->mode))
				invarg("MODE value is invalid", v);
			have_mode = true;
		} else if (!strcmp(w, "mark")) {
			xfrm_mark_parse(a, &mark);
			have_mark = true;
		} else if (!strcmp(w, "reqid")) {
			si->reqid = xfrm_u32_arg(xa_value(a), "REQID value is invalid");
		} else if (!strcmp(w, "seq")) {
			si->seq = htonl(xfrm_u32_arg(xa_value(a), "SEQ value is invalid"));
		} else if (!strcmp(w, "replay-window")) {
			replay_window = xfrm_u32_arg(xa_value(a),
						     "value after \"replay-window\" is invalid");
		} else if (!strcmp(w, "replay-seq")) {
			replay.seq = xfrm_u32_arg(xa_value(a), "value after \"replay-seq\" is invalid");
			have_replay = true;
		} else if (!strcmp(w, "replay-oseq")) {
			replay.oseq = xfrm_u32_arg(xa_value(a),
						   "value after \"replay-oseq\" is invalid");
			have_replay = true;
		} else if (!strcmp(w, "replay-seq-hi")) {
			esn.seq_hi = xfrm_u32_arg(xa_value(a),
						  "value after \"replay-seq-hi\" is invalid");
		} else if (!strcmp(w, "replay-oseq-hi")) {
			esn.oseq_hi = xfrm_u32_arg(xa_value(a),
						   "value after \"replay-oseq-hi\" is invalid");
		} else if (!strcmp(w, "flag")) {
			si->flags = (uint8_t)xfrm_flag_list_parse(a, state_flags, ARRAY_SIZE(state_flags),
							    0xff, si->flags);
		} else if (!strcmp(w, "extra-flag")) {
			extra = xfrm_flag_list_parse(a, extra_flags, ARRAY_SIZE(extra_flags), ~0U, extra);
			have_extra = true;
		} else if (!strcmp(w, "sel")) {
			xa_skip(a);
			xfrm_selector_parse(a, &si->sel);
			continue;
		} else if (!strcmp(w, "limit")) {
			xfrm_limit_parse(a, &si->lft);
		} else if (!strcmp(w, "encap")) {
			encap_put(nlh, a);
		} else if (!strcmp(w, "coa")) {
			struct inet_prefix p;
			xfrm_address_t coa = { 0 };
			const char *v = xa_value(a);

			if (prefix_parse(v, AF_UNSPEC, &p) < 0) {
				fprintf(stderr, "Error: any valid prefix is expected rather than \"%s\".\n",
					v);
				exit(1);
			}
			memcpy(&coa, p.data, p.bytelen);
			mnl_attr_put(nlh, XFRMA_COADDR, sizeof(coa), &coa);
			have_coa = true;
		} else if (!strcmp(w, "ctx")) {
			xfrm_ctx_put(nlh, xa_value(a));
		} else if (!strcmp(w, "offload")) {
			offload_put(nlh, a);
		} else if (!strcmp(w, "output-mark")) {
			output_mark = xfrm_u32_arg(xa_value(a),
						   "value after \"output-mark\" is invalid");
			have_output_mark = true;
			if (a->argc > 1 && !strcmp(a->argv[1], "mask")) {
				xa_skip(a);
				output_mask = xfrm_u32_arg(xa_value(a), "MASK value is invalid\n");
				have_output_mask = true;
			}
		} else if (!strcmp(w, "if_id")) {
			if_id = xfrm_u32_arg(xa_value(a), "IF_ID value is invalid");
			have_if_id = true;
		} else if (!strcmp(w, "tfcpad")) {
			tfcpad = xfrm_u32_arg(xa_value(a), "value after \"tfcpad\" is invalid");
			have_tfcpad = true;
		} else {
			for (k = 0; k < ALGO_KINDS; k++)
				if (!strcmp(w, algo_kinds[k].word))
					break;
			if (k < ALGO_KINDS) {
				if (algo[k])
					duparg("ALGO-TYPE", w);
				algo[k] = true;
				algo_put(nlh, (enum algo_kind)k, a);
			} else {
				if (have_id)
					invarg("unknown", w);
				have_id = true;
				xfrm_id_parse(a, &si->saddr, &si->id, &si->family);
				if (xa_word(a) == w)
					invarg("unknown", w);
				continue;
			}
		}
		xa_skip(a);
	}
	if (!have_id)
		xfrm_die("Not enough information: ID is required\n");
	if (!si->id.proto)
		missarg("XFRM-PROTO");
	if (si->family == AF_UNSPEC)
		si->family = ipo.family == AF_INET6 ? AF_INET6 : AF_INET;
	check_algos(si->id.proto, algo, si->mode, have_mode, have_coa, si->id.spi);
	if (si->flags & XFRM_STATE_ESN) {
		if (!replay_window) {
			fprintf(stderr, "Error: esn flag set without replay-window.\n");
			exit(IP_EXIT_USAGE);
		}
		esn.bmp_len = (replay_window + 31) / 32;
		esn.replay_window = replay_window;
		esn.seq = replay.seq;
		esn.oseq = replay.oseq;
		mnl_attr_put(nlh, XFRMA_REPLAY_ESN_VAL, sizeof(esn), &esn);
	} else {
		if (replay_window > 0xff)
			invarg("value after \"replay-window\" is invalid", "replay-window");
		si->replay_window = (uint8_t)replay_window;
		if (have_replay)
			mnl_attr_put(nlh, XFRMA_REPLAY_VAL, sizeof(replay), &replay);
	}
	if (have_extra)
		mnl_attr_put_u32(nlh, XFRMA_SA_EXTRA_FLAGS, extra);
	if (have_mark)
		mnl_attr_put(nlh, XFRMA_MARK, sizeof(mark), &mark);
	if (have_if_id)
		mnl_attr_put_u32(nlh, XFRMA_IF_ID, if_id);
	if (have_tfcpad)
		mnl_attr_put_u32(nlh, XFRMA_TFCPAD, tfcpad);
	if (have_output_mark)
		mnl_attr_put_u32(nlh, XFRMA_OUTPUT_MARK, output_mark);
	if (have_output_mask)
		mnl_attr_put_u32(nlh, XFRMA_SET_MARK_MASK, output_mask);
	err = nl_talk(xfrm_sock(), nlh, NULL, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

/* Printing. */

static bool selector_is_zero(const struct xfrm_selector *sel)
{
	static const struct xfrm_selector zero;

	return !memcmp(sel, &zero, sizeof(zero));
}

void xfrm_state_print_fields(const xfrm_usersa_info_nl *si, const struct nlattr **tb,
			     const char *title, bool nokeys)
{
	if (title)
		pr_string("event", "%s ", title);
	xfrm_id_print(&si->saddr, &si->id, si->mode, si->reqid, si->family, true, "\t");
	pr_uint("replay-window", "\treplay-window %u ", si->replay_window);
	if (ipo.stats) {
		pr_text("seq ");
		pr_hex("seq", "0x%08x", si->seq);
		pr_text(" ");
	}
	xfrm_flags_print("flag", "flag ", si->flags, state_flags, ARRAY_SIZE(state_flags),
			 ipo.stats > 0, false);
	/* The reference shows the extra flags only with -s, glued to the flags. */
	if (ipo.stats && tb[XFRMA_SA_EXTRA_FLAGS])
		xfrm_flags_print("extra_flag", "extra_flag ", mnl_attr_get_u32(tb[XFRMA_SA_EXTRA_FLAGS]),
				 extra_flags, ARRAY_SIZE(extra_flags), true, false);
	if (ipo.stats)
		xfrm_flag_bits_print(si->flags);
	pr_nl();
	xfrm_attrs_print(tb, si->family, nokeys);
	if (!selector_is_zero(&si->sel)) {
		pr_open_object("sel");
		pr_text("\tsel ");
		xfrm_selector_print(&si->sel, si->family);
		pr_close_object();
	}
	if (ipo.stats) {
		xfrm_lifetime_print(&si->lft, &si->curlft);
		pr_open_object("stats");
		pr_text("\tstats:");
		pr_nl();
		pr_uint("replay-window", "\t  replay-window %u ", si->stats.replay_window);
		pr_uint("replay", "replay %u ", si->stats.replay);
		pr_uint("failed", "failed %u", si->stats.integrity_failed);
		pr_nl();
		pr_close_object();
	}
	xfrm_sec_ctx_print(tb);
	/* Under -o the record's line breaks were "\"; it still ends a line. */
	if (pr_oneline())
		pr_text("\n");
}

void xfrm_state_print(const xfrm_usersa_info_nl *si, const struct nlattr **tb,
		      const char *title, bool nokeys)
{
	pr_open_object(NULL);
	xfrm_state_print_fields(si, tb, title, nokeys);
	pr_close_object();
}

/* The states list and deleteall keep, and how list shows them. */
struct state_filter {
	xfrm_usersa_info_nl si;
	bool src, dst, proto, spi, mode, reqid, flags;
	bool nokeys;
};

/* The filter of list and deleteall; @nokeys_allowed for list alone. */
static void filter_parse(struct xfrm_args *a, struct state_filter *f, bool nokeys_allowed)
{
	bool have_id = false;
	const char *w;

	while ((w = xa_word(a))) {
		if (nokeys_allowed && !strcmp(w, "nokeys")) {
			f->nokeys = true;
		} else if (!strcmp(w, "mode")) {
			const char *v = xa_value(a);

			if (!xfrm_mode_parse(v, &f->si.mode))
				invarg("MODE value is invalid", v);
			f->mode = true;
		} else if (!strcmp(w, "reqid")) {
			f->si.reqid = xfrm_u32_arg(xa_value(a), "REQID value is invalid");
			f->reqid = true;
		} else if (!strcmp(w, "flag")) {
			f->si.flags = (uint8_t)xfrm_flag_list_parse(a, state_flags, ARRAY_SIZE(state_flags),
							       0xff, f->si.flags);
			f->flags = true;
		} else {
			struct xfrm_args before = *a;

			if (have_id)
				invarg("unknown", w);
			have_id = true;
			xfrm_id_parse(a, &f->si.saddr, &f->si.id, &f->si.family);
			if (xa_word(a) == w)
				invarg("unknown", w);
			for (; before.argv != a->argv; xa_skip(&before)) {
				if (!strcmp(before.argv[0], "src"))
					f->src = true;
				else if (!strcmp(before.argv[0], "dst"))
					f->dst = true;
				else if (!strcmp(before.argv[0], "proto"))
					f->proto = true;
				else if (!strcmp(before.argv[0], "spi"))
					f->spi = true;
				else
					continue;
				xa_skip(&before);
			}
			continue;
		}
		xa_skip(a);
	}
}

static bool filter_match(const void *obj, const struct nlattr **tb, const void *filter)
{
	const struct state_filter *f = filter;
	const xfrm_usersa_info_nl *si = obj;
	size_t len = f->si.family == AF_INET6 ? 16 : 4;

	(void)tb;
	if ((ipo.family == AF_INET || ipo.family == AF_INET6) && si->family != ipo.family)
		return false;
	if (f->src && memcmp(&si->saddr, &f->si.saddr, len))
		return false;
	if (f->dst && memcmp(&si->id.daddr, &f->si.id.daddr, len))
		return false;
	if (f->proto && si->id.proto != f->si.id.proto)
		return false;
	if (f->spi && si->id.spi != f->si.id.spi)
		return false;
	if (f->mode && si->mode != f->si.mode)
		return false;
	if (f->reqid && si->reqid != f->si.reqid)
		return false;
	if (f->flags && !(si->flags & f->si.flags))
		return false;
	return true;
}

/* The dump list and deleteall walk, with the filter @f of their command line. */
static struct xfrm_dump state_dump(const struct state_filter *f)
{
	return (struct xfrm_dump){
		.get_type = XFRM_MSG_GETSA,
		.obj_type = XFRM_MSG_NEWSA,
		.obj_len = sizeof(xfrm_usersa_info_nl),
		.match = filter_match,
		.filter = f,
	};
}

static void state_list_print(const void *obj, const struct nlattr **tb, const void *filter)
{
	const struct state_filter *f = filter;

	xfrm_state_print(obj, tb, NULL, f->nokeys);
}

static int state_list(struct xfrm_args *a)
{
	struct state_filter f = { 0 };
	struct xfrm_dump d = state_dump(&f);

	filter_parse(a, &f, true);
	return xfrm_dump_list(&d, state_list_print);
}

/* A state is deleted by its destination, SPI, protocol and source, and the keys beside them. */
static void state_delete_req(struct nlmsghdr *req, const void *obj, const struct nlattr **tb)
{
	const xfrm_usersa_info_nl *si = obj;
	struct xfrm_usersa_id *id = nl_req_init(req, XFRM_MSG_DELSA, 0, sizeof(*id));

	id->daddr = si->id.daddr;
	id->spi = si->id.spi;
	id->family = si->family;
	id->proto = si->id.proto;
	mnl_attr_put(req, XFRMA_SRCADDR, sizeof(si->saddr), &si->saddr);
	if (tb[XFRMA_MARK])
		mnl_attr_put(req, XFRMA_MARK, sizeof(struct xfrm_mark),
			     mnl_attr_get_payload(tb[XFRMA_MARK]));
	if (tb[XFRMA_IF_ID])
		mnl_attr_put_u32(req, XFRMA_IF_ID, mnl_attr_get_u32(tb[XFRMA_IF_ID]));
}

static int state_deleteall(struct xfrm_args *a)
{
	struct state_filter f = { 0 };
	struct xfrm_dump d = state_dump(&f);

	filter_parse(a, &f, false);
	return xfrm_dump_deleteall(&d, state_delete_req);
}

/* The state that get or allocspi answered with. */
static int state_msg_print(const struct nlmsghdr *nlh, void *data)
{
	const xfrm_usersa_info_nl *si = nl_msg_payload(nlh, sizeof(*si));
	const struct nlattr *tb[XFRMA_MAX + 1];

	(void)data;
	if (nlh->nlmsg_type != XFRM_MSG_NEWSA || !si)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(*si), tb, XFRMA_MAX, xfrma_policy);
	xfrm_state_print(si, tb, NULL, false);
	return MNL_CB_OK;
}

/* get and delete: ID [ mark MARK [ mask MASK ] ] */
static int state_get_or_delete(bool delete, struct xfrm_args *a)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct xfrm_usersa_id *id;
	struct xfrm_id xid = { 0 };
	xfrm_address_t saddr = { 0 };
	struct xfrm_mark mark = { 0 };
	bool have_id = false, have_mark = false;
	uint16_t family = AF_UNSPEC;
	const char *w;
	int err;

	id = nl_req_init(buf, delete ? XFRM_MSG_DELSA : XFRM_MSG_GETSA, 0, sizeof(*id));
	while ((w = xa_word(a))) {
		if (!strcmp(w, "mark")) {
			xfrm_mark_parse(a, &mark);
			have_mark = true;
		} else {
			if (have_id)
				invarg("unknown", w);
			have_id = true;
			xfrm_id_parse(a, &saddr, &xid, &family);
			if (xa_word(a) == w)
				invarg("unknown", w);
			continue;
		}
		xa_skip(a);
	}
	/* With no ID at all the request goes out as it is: the kernel refuses it. */
	if (have_id && !xid.proto)
		missarg("XFRM-PROTO");
	id->daddr = xid.daddr;
	id->spi = xid.spi;
	id->proto = xid.proto;
	id->family = family != AF_UNSPEC ? family :
		     ipo.family == AF_INET6 ? AF_INET6 : AF_INET;
	/* No ID, no source: the kernel then refuses the request, as the reference's. */
	if (have_id)
		mnl_attr_put(nlh, XFRMA_SRCADDR, sizeof(saddr), &saddr);
	if (have_mark)
		mnl_attr_put(nlh, XFRMA_MARK, sizeof(mark), &mark);
	if (delete)
		err = nl_talk(xfrm_sock(), nlh, NULL, NULL);
	else
		err = nl_ask(xfrm_sock(), nlh, state_msg_print, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

static int state_allocspi(struct xfrm_args *a)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct xfrm_userspi_info *spi;
	struct xfrm_mark mark = { 0 };
	bool have_id = false, have_mark = false, have_min = false, have_max = false;
	const char *w;
	int err;

	spi = nl_req_init(buf, XFRM_MSG_ALLOCSPI, 0, sizeof(*spi));
	while ((w = xa_word(a))) {
		if (!strcmp(w, "mode")) {
			const char *v = xa_value(a);

			if (!xfrm_mode_parse(v, &spi->info.mode))
				invarg("MODE value is invalid", v);
		} else if (!strcmp(w, "mark")) {
			xfrm_mark_parse(a, &mark);
			have_mark = true;
		} else if (!strcmp(w, "reqid")) {
			spi->info.reqid = xfrm_u32_arg(xa_value(a), "REQID value is invalid");
		} else if (!strcmp(w, "seq")) {
			spi->info.seq = htonl(xfrm_u32_arg(xa_value(a), "SEQ value is invalid"));
		} else if (!strcmp(w, "min")) {
			spi->min = xfrm_u32_arg(xa_value(a), "value after \"min\" is invalid");
			have_min = true;
		} else if (!strcmp(w, "max")) {
			spi->max = xfrm_u32_arg(xa_value(a), "value after \"max\" is invalid");
			have_max = true;
		} else {
			if (have_id)
				invarg("unknown", w);
			have_id = true;
			xfrm_id_parse(a, &spi->info.saddr, &spi->info.id, &spi->info.family);
			if (xa_word(a) == w)
				invarg("unknown", w);
			if (spi->info.id.spi)
				xfrm_die("\"spi\" is invalid\n");
			continue;
		}
		xa_skip(a);
	}
	if (!have_id)
		xfrm_die("Not enough information: ID is required\n");
	if (!spi->info.id.proto)
		missarg("XFRM-PROTO");
	if (have_min != have_max)
		xfrm_die("\"%s\" is missing\n", have_min ? "max" : "min");
	if (have_min && spi->min > spi->max)
		xfrm_die("value after \"min\" is larger than value after \"max\"\n");
	if (!have_min) {
		/* The kernel's own range is 256 up; the reference asks for the lower 28 bits. */
		spi->min = 0x100;
		spi->max = 0x0fffffff;
	}
	if (spi->info.family == AF_UNSPEC)
		spi->info.family = ipo.family == AF_INET6 ? AF_INET6 : AF_INET;
	if (have_mark)
		mnl_attr_put(nlh, XFRMA_MARK, sizeof(mark), &mark);
	err = nl_ask(xfrm_sock(), nlh, state_msg_print, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

static int state_flush(struct xfrm_args *a)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct xfrm_usersa_flush *fl;
	const char *w;
	int err;

	fl = nl_req_init(buf, XFRM_MSG_FLUSHSA, 0, sizeof(*fl));
	/* The reference sends the one byte unpadded. */
	((struct nlmsghdr *)buf)->nlmsg_len = NLMSG_HDRLEN + sizeof(*fl);
	while ((w = xa_word(a))) {
		if (!strcmp(w, "proto")) {
			const char *v = xa_value(a);

			if (!xfrm_proto_parse(v, &fl->proto))
				invarg("XFRM-PROTO value is invalid", v);
		} else {
			invarg("unknown", w);
		}
		xa_skip(a);
	}
	err = nl_talk(xfrm_sock(), (struct nlmsghdr *)buf, NULL, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

static const struct nl_attr_policy sad_policy[XFRMA_SAD_MAX + 1] = {
	[XFRMA_SAD_CNT] = { .kind = NLA_U32 },
	[XFRMA_SAD_HINFO] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrmu_sadhinfo) },
};

static int sadinfo_print(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[XFRMA_SAD_MAX + 1];

	(void)data;
	if (nlh->nlmsg_type != XFRM_MSG_NEWSADINFO)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(uint32_t), tb, XFRMA_SAD_MAX, sad_policy);
	pr_open_object(NULL);
	pr_open_object("sad");
	pr_text("\t");
	if (tb[XFRMA_SAD_CNT])
		pr_uint("count", " SAD count %u", mnl_attr_get_u32(tb[XFRMA_SAD_CNT]));
	if (ipo.stats && tb[XFRMA_SAD_HINFO]) {
		const struct xfrmu_sadhinfo *hi = mnl_attr_get_payload(tb[XFRMA_SAD_HINFO]);

		pr_open_object("buckets");
		pr_uint("count", " (buckets count %u", hi->sadhcnt);
		pr_uint("max", " Max %u)", hi->sadhmcnt);
		pr_close_object();
	}
	pr_text("\n");
	pr_close_object();
	pr_close_object();
	return MNL_CB_OK;
}

static int state_count(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	uint32_t *flags = nl_req_init(buf, XFRM_MSG_GETSADINFO, 0, sizeof(uint32_t));
	int err;

	*flags = 0xffffffff;
	err = nl_ask(xfrm_sock(), (struct nlmsghdr *)buf, sadinfo_print, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

int do_xfrm_state(int argc, char **argv)
{
	struct xfrm_args a = { argc - 1, argv + 1 };
	const char *cmd;

	if (argc < 1) {
		a = (struct xfrm_args){ 0, argv };
		return state_list(&a);
	}
	cmd = argv[0];
	if (matches(cmd, "add"))
		return state_modify(XFRM_MSG_NEWSA, &a);
	if (matches(cmd, "update"))
		return state_modify(XFRM_MSG_UPDSA, &a);
	if (matches(cmd, "allocspi"))
		return state_allocspi(&a);
	if (matches(cmd, "delete"))
		return state_get_or_delete(true, &a);
	if (matches(cmd, "deleteall") || matches(cmd, "delall"))
		return state_deleteall(&a);
	if (matches(cmd, "list") || matches(cmd, "show") || matches(cmd, "lst"))
		return state_list(&a);
	if (matches(cmd, "get"))
		return state_get_or_delete(false, &a);
	if (matches(cmd, "flush"))
		return state_flush(&a);
	if (matches(cmd, "count"))
		return state_count();
	if (matches(cmd, "help"))
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip xfrm state help\".\n", cmd);
	return IP_EXIT_USAGE;
}
