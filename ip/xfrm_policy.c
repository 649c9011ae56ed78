// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip xfrm policy: add, update, delete, get, deleteall, list, flush,
 * count, set, setdefault, getdefault and help.
 *
 * list and deleteall filter one dump on our side, as the reference does:
 * the kernel has no filter for policies.  deleteall collects the dump
 * first and then deletes through the pipelined sender.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "xfrm_common.h"

/* The most templates one policy takes (the kernel's XFRM_MAX_DEPTH). */
#define POLICY_TMPL_MAX 6

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip xfrm policy { add | update } SELECTOR dir DIR [ ctx CTX ]\n"
	      "\t[ mark MARK [ mask MASK ] ] [ index INDEX ] [ ptype PTYPE ]\n"
	      "\t[ action ACTION ] [ priority PRIORITY ] [ flag FLAG-LIST ]\n"
	      "\t[ if_id IF_ID ] [ LIMIT-LIST ] [ TMPL-LIST ]\n"
	      "Usage: ip xfrm policy { delete | get } { SELECTOR | index INDEX } dir DIR\n"
	      "\t[ ctx CTX ] [ mark MARK [ mask MASK ] ] [ ptype PTYPE ]\n"
	      "\t[ if_id IF_ID ]\n"
	      "Usage: ip xfrm policy { deleteall | list } [ nosock ] [ SELECTOR ] [ dir DIR ]\n"
	      "\t[ index INDEX ] [ ptype PTYPE ] [ action ACTION ] [ priority PRIORITY ]\n"
	      "\t[ flag FLAG-LIST ]\n"
	      "Usage: ip xfrm policy flush [ ptype PTYPE ]\n"
	      "Usage: ip xfrm policy count\n"
	      "Usage: ip xfrm policy set [ hthresh4 LBITS RBITS ] [ hthresh6 LBITS RBITS ]\n"
	      "Usage: ip xfrm policy setdefault DIR ACTION [ DIR ACTION ] [ DIR ACTION ]\n"
	      "Usage: ip xfrm policy getdefault\n"
	      "SELECTOR := [ src ADDR[/PLEN] ] [ dst ADDR[/PLEN] ] [ dev DEV ] [ UPSPEC ]\n"
	      "UPSPEC := proto { { tcp | udp | sctp | dccp } [ sport PORT ] [ dport PORT ] |\n"
	      "                  { icmp | ipv6-icmp | mobility-header } [ type NUMBER ] [ code NUMBER ] |\n"
	      "                  gre [ key { DOTTED-QUAD | NUMBER } ] | PROTO }\n"
	      "DIR := in | out | fwd\n"
	      "PTYPE := main | sub\n"
	      "ACTION := allow | block\n"
	      "FLAG-LIST := [ FLAG-LIST ] FLAG\n"
	      "FLAG := localok | icmp\n"
	      "LIMIT-LIST := [ LIMIT-LIST ] limit LIMIT\n"
	      "LIMIT := { time-soft | time-hard | time-use-soft | time-use-hard } SECONDS |\n"
	      "         { byte-soft | byte-hard } SIZE | { packet-soft | packet-hard } COUNT\n"
	      "TMPL-LIST := [ TMPL-LIST ] tmpl TMPL\n"
	      "TMPL := ID [ mode MODE ] [ reqid REQID ] [ level LEVEL ]\n"
	      "ID := [ src ADDR ] [ dst ADDR ] [ proto XFRM-PROTO ] [ spi SPI ]\n"
	      "XFRM-PROTO := esp | ah | comp | route2 | hao\n"
	      "MODE := transport | tunnel | beet | ro | in_trigger\n"
	      "LEVEL := required | use\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

static const struct xfrm_flag_name policy_flags[] = {
	{ XFRM_POLICY_LOCALOK, "localok" },
	{ XFRM_POLICY_ICMP, "icmp" },
};

static const char *const dir_names[] = { "in", "out", "fwd" };
static const char *const ptype_names[] = { "main", "sub" };

static uint8_t ptype_arg(const char *word)
{
	if (!strcmp(word, "main"))
		return XFRM_POLICY_TYPE_MAIN;
	if (!strcmp(word, "sub"))
		return XFRM_POLICY_TYPE_SUB;
	invarg("PTYPE value is invalid", word);
}

static uint8_t action_arg(const char *word)
{
	if (!strcmp(word, "allow"))
		return XFRM_POLICY_ALLOW;
	if (!strcmp(word, "block"))
		return XFRM_POLICY_BLOCK;
	invarg("ACTION value is invalid\n", word);
}

static uint8_t dir_arg(const char *word)
{
	uint8_t dir;

	if (!xfrm_dir_parse(word, &dir))
		invarg("DIR value is invalid", word);
	return dir;
}

/* FLAG-LIST after "flag"; the cursor is left on the last word taken. */
static void flag_list_parse(struct xfrm_args *a, uint8_t *flags)
{
	*flags = (uint8_t)xfrm_flag_list_parse(a, policy_flags, ARRAY_SIZE(policy_flags), 0xff,
					       *flags);
}

static void ptype_put(struct nlmsghdr *nlh, uint8_t ptype)
{
	struct xfrm_userpolicy_type upt = { .type = ptype };

	mnl_attr_put(nlh, XFRMA_POLICY_TYPE, sizeof(upt), &upt);
}

/* Printing. */

void xfrm_policy_print_fields(const xfrm_userpolicy_info_nl *pi, const struct nlattr **tb,
			      const char *title)
{
	char num[16];
	uint8_t dir = pi->dir;
	bool socket = dir >= XFRM_POLICY_MAX;

	if (title)
		pr_string("event", "%s ", title);
	xfrm_selector_print(&pi->sel, AF_UNSPEC);
	xfrm_sec_ctx_print(tb);
	if (socket)
		dir -= XFRM_POLICY_MAX;
	pr_text("\t");
	pr_string(socket ? "socket" : "dir", socket ? "socket %s " : "dir %s ",
		  name_or_num(dir_names, ARRAY_SIZE(dir_names), dir, num, sizeof(num)));
	if (pi->action == XFRM_POLICY_BLOCK || (pi->action == XFRM_POLICY_ALLOW && ipo.stats))
		pr_string("action", "action %s ", pi->action ? "block" : "allow");
	else if (pi->action != XFRM_POLICY_ALLOW)
		pr_uint("action", "action %u ", pi->action);
	if (ipo.stats)
		pr_uint("index", "index %u ", pi->index);
	pr_uint("priority", "priority %u ", pi->priority);
	if (tb[XFRMA_POLICY_TYPE]) {
		const struct xfrm_userpolicy_type *upt = mnl_attr_get_payload(tb[XFRMA_POLICY_TYPE]);

		pr_string("ptype", "ptype %s ",
			  name_or_num(ptype_names, ARRAY_SIZE(ptype_names), upt->type, num,
				      sizeof(num)));
	}
	if (ipo.stats)
		pr_string("share", "share %s ", xfrm_share_name(pi->share, num, sizeof(num)));
	xfrm_flags_print("flag", "flag ", pi->flags, policy_flags, ARRAY_SIZE(policy_flags),
			 ipo.stats > 0, ipo.stats > 0);
	pr_nl();
	if (ipo.stats)
		xfrm_lifetime_print(&pi->lft, &pi->curlft);
	xfrm_attrs_print(tb, pi->sel.family, false);
	/* Under -o the record's line breaks were "\"; it still ends a line. */
	if (pr_oneline())
		pr_text("\n");
}

void xfrm_policy_print(const xfrm_userpolicy_info_nl *pi, const struct nlattr **tb,
		       const char *title)
{
	pr_open_object(NULL);
	xfrm_policy_print_fields(pi, tb, title);
	pr_close_object();
}

/* Print a NEWPOLICY (or POLEXPIRE's policy) message; others are skipped. */
static int policy_msg_print(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[XFRMA_MAX + 1];
	const xfrm_userpolicy_info_nl *pi = nl_msg_payload(nlh, sizeof(*pi));

	(void)data;
	if (nlh->nlmsg_type != XFRM_MSG_NEWPOLICY || !pi)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(*pi), tb, XFRMA_MAX, xfrma_policy);
	xfrm_policy_print(pi, tb, NULL);
	return MNL_CB_OK;
}

/* What names a policy on the command line of add, update, get and delete alike. */
struct policy_keys {
	const char *ctx;
	struct xfrm_mark mark;
	uint32_t if_id;
	uint8_t ptype;
	bool have_dir, have_sel, have_mark, have_ptype, have_if_id;
};

/*
 * policy_key_parse - the key under the cursor (dir, ctx, mark, ptype,
 * if_id) into @k and @dir, or else a SELECTOR into @sel; a word that is
 * neither, or a second selector, is unknown.  The cursor is left past
 * what was taken.
 */
static void policy_key_parse(struct xfrm_args *a, struct policy_keys *k, uint8_t *dir,
			     struct xfrm_selector *sel)
{
	const char *w = xa_word(a);

	if (!strcmp(w, "dir")) {
		*dir = dir_arg(xa_value(a));
		k->have_dir = true;
	} else if (!strcmp(w, "ctx")) {
		k->ctx = xa_value(a);
	} else if (!strcmp(w, "mark")) {
		xfrm_mark_parse(a, &k->mark);
		k->have_mark = true;
	} else if (!strcmp(w, "ptype")) {
		k->ptype = ptype_arg(xa_value(a));
		k->have_ptype = true;
	} else if (!strcmp(w, "if_id")) {
		k->if_id = xfrm_u32_arg(xa_value(a), "IF_ID value is invalid");
		k->have_if_id = true;
	} else {
		if (k->have_sel)
			duparg("unknown", w);
		k->have_sel = true;
		xfrm_selector_parse(a, sel);
		/* A word the selector did not take is unknown. */
		if (xa_word(a) == w)
			duparg("unknown", w);
		return;
	}
	xa_skip(a);
}

/*
 * policy_keys_put - the keys' attributes, in the reference's order: the
 * type, then add's templates (@tmpls_len bytes, or none), then the mark,
 * the context and the interface id.
 */
static void policy_keys_put(struct nlmsghdr *nlh, const struct policy_keys *k,
			    const void *tmpls, size_t tmpls_len)
{
	if (k->have_ptype)
		ptype_put(nlh, k->ptype);
	if (tmpls_len)
		mnl_attr_put(nlh, XFRMA_TMPL, tmpls_len, tmpls);
	if (k->have_mark)
		mnl_attr_put(nlh, XFRMA_MARK, sizeof(k->mark), &k->mark);
	if (k->ctx)
		xfrm_ctx_put(nlh, k->ctx);
	if (k->have_if_id)
		mnl_attr_put_u32(nlh, XFRMA_IF_ID, k->if_id);
}

/* add and update. */
static int policy_modify(uint16_t type, struct xfrm_args *a)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct xfrm_user_tmpl tmpls[POLICY_TMPL_MAX];
	xfrm_userpolicy_info_nl *pi;
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct policy_keys k = { .ptype = XFRM_POLICY_TYPE_MAIN };
	const char *w;
	size_t ntmpl = 0;
	int err;

	pi = nl_req_init(buf, type, 0, sizeof(*pi));
	xfrm_lifetime_init(&pi->lft);
	memset(tmpls, 0, sizeof(tmpls));
	while ((w = xa_word(a))) {
		if (!strcmp(w, "index")) {
			pi->index = xfrm_u32_arg(xa_value(a), "INDEX value is invalid");
		} else if (!strcmp(w, "action")) {
			pi->action = action_arg(xa_value(a));
		} else if (!strcmp(w, "priority")) {
			pi->priority = xfrm_u32_arg(xa_value(a), "PRIORITY value is invalid");
		} else if (!strcmp(w, "flag")) {
			flag_list_parse(a, &pi->flags);
		} else if (!strcmp(w, "limit")) {
			xfrm_limit_parse(a, &pi->lft);
		} else if (!strcmp(w, "tmpl")) {
			if (ntmpl == POLICY_TMPL_MAX)
				invarg("too many templates", w);
			/*
			 * A template without addresses takes the family known
			 * so far: -f's, or the selector's when it came first.
			 */
			tmpls[ntmpl].family = k.have_sel ? pi->sel.family :
					      ipo.family == AF_INET || ipo.family == AF_INET6 ?
					      (uint16_t)ipo.family : AF_UNSPEC;
			xfrm_tmpl_parse(a, &tmpls[ntmpl++]);
			continue;
		} else {
			policy_key_parse(a, &k, &pi->dir, &pi->sel);
			continue;
		}
		xa_skip(a);
	}
	if (!k.have_dir)
		xfrm_die("Not enough information: DIR is required.\n");
	if (!k.have_sel)
		pi->sel.family = ipo.family == AF_INET6 ? AF_INET6 : AF_INET;
	policy_keys_put(nlh, &k, tmpls, ntmpl * sizeof(tmpls[0]));
	err = nl_talk(xfrm_sock(), nlh, NULL, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

/* get and delete: a policy named by its selector or index, and its direction. */
static int policy_get_or_delete(bool delete, struct xfrm_args *a)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct xfrm_userpolicy_id *pid;
	struct policy_keys k = { .ptype = XFRM_POLICY_TYPE_MAIN };
	bool have_index = false;
	const char *w;
	int err;

	pid = nl_req_init(buf, delete ? XFRM_MSG_DELPOLICY : XFRM_MSG_GETPOLICY, 0,
			  sizeof(*pid));
	while ((w = xa_word(a))) {
		if (!strcmp(w, "index")) {
			pid->index = xfrm_u32_arg(xa_value(a), "INDEX value is invalid");
			have_index = true;
			xa_skip(a);
		} else {
			policy_key_parse(a, &k, &pid->dir, &pid->sel);
		}
	}
	if (!k.have_dir)
		xfrm_die("Not enough information: DIR is required.\n");
	if (!k.have_sel && !have_index)
		xfrm_die("Not enough information: either SELECTOR or INDEX is required.\n");
	if (k.have_sel && have_index)
		duparg2("SELECTOR", "INDEX");
	if (!k.have_sel)
		pid->sel.family = ipo.family == AF_INET6 ? AF_INET6 : AF_INET;
	policy_keys_put(nlh, &k, NULL, 0);
	if (delete)
		err = nl_talk(xfrm_sock(), nlh, NULL, NULL);
	else
		err = nl_ask(xfrm_sock(), nlh, policy_msg_print, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

/* What list and deleteall keep: the fields given, compared as given. */
struct policy_filter {
	xfrm_userpolicy_info_nl pi;
	unsigned int sel_given;
	bool nosock, dir, index, ptype, action, priority, flags;
	uint8_t ptype_value;
};

static void filter_parse(struct xfrm_args *a, struct policy_filter *f)
{
	bool have_sel = false;
	const char *w;

	while ((w = xa_word(a))) {
		if (!strcmp(w, "dir")) {
			f->pi.dir = dir_arg(xa_value(a));
			f->dir = true;
		} else if (!strcmp(w, "index")) {
			f->pi.index = xfrm_u32_arg(xa_value(a), "INDEX value is invalid");
			f->index = true;
		} else if (!strcmp(w, "ptype")) {
			f->ptype_value = ptype_arg(xa_value(a));
			f->ptype = true;
		} else if (!strcmp(w, "action")) {
			f->pi.action = action_arg(xa_value(a));
			f->action = true;
		} else if (!strcmp(w, "priority")) {
			f->pi.priority = xfrm_u32_arg(xa_value(a), "PRIORITY value is invalid");
			f->priority = true;
		} else if (!strcmp(w, "flag")) {
			flag_list_parse(a, &f->pi.flags);
			f->flags = true;
		} else if (!strcmp(w, "nosock")) {
			f->nosock = true;
		} else {
			if (have_sel)
				duparg("unknown", w);
			have_sel = true;
			f->sel_given = xfrm_selector_parse(a, &f->pi.sel);
			if (xa_word(a) == w)
				duparg("unknown", w);
			continue;
		}
		xa_skip(a);
	}
}

/* Whether @a lies in the prefix @want/@bits. */
static bool addr_in_prefix(const xfrm_address_t *a, const xfrm_address_t *want, unsigned int bits)
{
	const uint8_t *x = (const uint8_t *)a, *y = (const uint8_t *)want;
	unsigned int whole = bits / 8, rest = bits % 8;

	if (bits > 128 || memcmp(x, y, whole))
		return false;
	return !rest || !((x[whole] ^ y[whole]) & (uint8_t)(0xff << (8 - rest)));
}

static bool filter_match(const void *obj, const struct nlattr **tb, const void *filter)
{
	const struct policy_filter *f = filter;
	const xfrm_userpolicy_info_nl *pi = obj;
	const struct xfrm_selector *want = &f->pi.sel, *sel = &pi->sel;
	uint8_t ptype = XFRM_POLICY_TYPE_MAIN;

	if (tb[XFRMA_POLICY_TYPE])
		ptype = ((const struct xfrm_userpolicy_type *)
				 mnl_attr_get_payload(tb[XFRMA_POLICY_TYPE]))->type;
	if ((ipo.family == AF_INET || ipo.family == AF_INET6) && sel->family != ipo.family)
		return false;
	if (f->dir && pi->dir != f->pi.dir)
		return false;
	if (f->nosock && pi->dir >= XFRM_POLICY_MAX)
		return false;
	if (f->ptype && ptype != f->ptype_value)
		return false;
	if (f->sel_given & XSEL_SRC && !addr_in_prefix(&sel->saddr, &want->saddr, want->prefixlen_s))
		return false;
	if (f->sel_given & XSEL_DST && !addr_in_prefix(&sel->daddr, &want->daddr, want->prefixlen_d))
		return false;
	if (f->sel_given & XSEL_DEV && sel->ifindex != want->ifindex)
		return false;
	if (f->sel_given & XSEL_PROTO && sel->proto != want->proto)
		return false;
	if (f->sel_given & XSEL_SPORT && sel->sport != want->sport)
		return false;
	if (f->sel_given & XSEL_DPORT && sel->dport != want->dport)
		return false;
	if (f->index && pi->index != f->pi.index)
		return false;
	if (f->action && pi->action != f->pi.action)
		return false;
	if (f->priority && pi->priority != f->pi.priority)
		return false;
	if (f->flags && !(pi->flags & f->pi.flags))
		return false;
	return true;
}

/* The dump list and deleteall walk, with the filter @f of their command line. */
static struct xfrm_dump policy_dump(const struct policy_filter *f)
{
	return (struct xfrm_dump){
		.get_type = XFRM_MSG_GETPOLICY,
		.obj_type = XFRM_MSG_NEWPOLICY,
		.obj_len = sizeof(xfrm_userpolicy_info_nl),
		.match = filter_match,
		.filter = f,
	};
}

static void policy_list_print(const void *obj, const struct nlattr **tb, const void *filter)
{
	(void)filter;
	xfrm_policy_print(obj, tb, NULL);
}

static int policy_list(struct xfrm_args *a)
{
	struct policy_filter f = { 0 };
	struct xfrm_dump d = policy_dump(&f);

	filter_parse(a, &f);
	return xfrm_dump_list(&d, policy_list_print);
}

/* A policy is deleted by its selector, direction and index, and the keys beside them. */
static void policy_delete_req(struct nlmsghdr *req, const void *obj, const struct nlattr **tb)
{
	const xfrm_userpolicy_info_nl *pi = obj;
	struct xfrm_userpolicy_id *pid = nl_req_init(req, XFRM_MSG_DELPOLICY, 0, sizeof(*pid));

	pid->sel = pi->sel;
	pid->dir = pi->dir;
	pid->index = pi->index;
	if (tb[XFRMA_POLICY_TYPE])
		mnl_attr_put(req, XFRMA_POLICY_TYPE, sizeof(struct xfrm_userpolicy_type),
			     mnl_attr_get_payload(tb[XFRMA_POLICY_TYPE]));
	if (tb[XFRMA_MARK])
		mnl_attr_put(req, XFRMA_MARK, sizeof(struct xfrm_mark),
			     mnl_attr_get_payload(tb[XFRMA_MARK]));
	if (tb[XFRMA_IF_ID])
		mnl_attr_put_u32(req, XFRMA_IF_ID, mnl_attr_get_u32(tb[XFRMA_IF_ID]));
}

static int policy_deleteall(struct xfrm_args *a)
{
	struct policy_filter f = { 0 };
	struct xfrm_dump d = policy_dump(&f);

	filter_parse(a, &f);
	return xfrm_dump_deleteall(&d, policy_delete_req);
}

static int policy_flush(struct xfrm_args *a)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	bool have_ptype = false;
	uint8_t ptype = XFRM_POLICY_TYPE_MAIN;
	const char *w;
	int err;

	nl_req_init(buf, XFRM_MSG_FLUSHPOLICY, 0, 0);
	while ((w = xa_word(a))) {
		if (!strcmp(w, "ptype")) {
			ptype = ptype_arg(xa_value(a));
			have_ptype = true;
		} else {
			invarg("unknown", w);
		}
		xa_skip(a);
	}
	if (have_ptype)
		ptype_put(nlh, ptype);
	err = nl_talk(xfrm_sock(), nlh, NULL, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

static const struct nl_attr_policy spd_policy[XFRMA_SPD_MAX + 1] = {
	[XFRMA_SPD_INFO] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrmu_spdinfo) },
	[XFRMA_SPD_HINFO] = { .kind = NLA_BINARY, .min_len = sizeof(struct xfrmu_spdhinfo) },
	[XFRMA_SPD_IPV4_HTHRESH] = { .kind = NLA_BINARY,
				     .min_len = sizeof(struct xfrmu_spdhthresh) },
	[XFRMA_SPD_IPV6_HTHRESH] = { .kind = NLA_BINARY,
				     .min_len = sizeof(struct xfrmu_spdhthresh) },
};

static void hthresh_print(const char *key, const char *label, const struct nlattr *attr)
{
	const struct xfrmu_spdhthresh *h;

	if (!attr)
		return;
	h = mnl_attr_get_payload(attr);
	pr_open_object(key);
	pr_uint("local", label, h->lbits);
	pr_uint("remote", " remote %u", h->rbits);
	pr_close_object();
	pr_text("\n");
}

static int spdinfo_print(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[XFRMA_SPD_MAX + 1];

	(void)data;
	if (nlh->nlmsg_type != XFRM_MSG_NEWSPDINFO)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(uint32_t), tb, XFRMA_SPD_MAX, spd_policy);
	pr_open_object(NULL);
	pr_text("\t");
	if (tb[XFRMA_SPD_INFO]) {
		const struct xfrmu_spdinfo *si = mnl_attr_get_payload(tb[XFRMA_SPD_INFO]);

		pr_open_object("spd");
		pr_uint("in", " SPD IN  %u", si->incnt);
		pr_uint("out", " OUT %u", si->outcnt);
		pr_uint("fwd", " FWD %u", si->fwdcnt);
		if (ipo.stats) {
			pr_open_object("sock");
			pr_uint("in", " (Sock: IN %u", si->inscnt);
			pr_uint("out", " OUT %u", si->outscnt);
			pr_uint("fwd", " FWD %u)", si->fwdscnt);
			pr_close_object();
		}
		pr_close_object();
		pr_text("\n");
	}
	if (ipo.stats > 1) {
		if (tb[XFRMA_SPD_HINFO]) {
			const struct xfrmu_spdhinfo *hi = mnl_attr_get_payload(tb[XFRMA_SPD_HINFO]);

			pr_open_object("spd_buckets");
			pr_uint("count", "\t SPD buckets: count %u", hi->spdhcnt);
			pr_uint("max", " Max %u", hi->spdhmcnt);
			pr_close_object();
			pr_text("\n");
		}
		hthresh_print("spd_ipv4_thresholds", "\t SPD IPv4 thresholds: local %u",
			      tb[XFRMA_SPD_IPV4_HTHRESH]);
		hthresh_print("spd_ipv6_thresholds", "\t SPD IPv6 thresholds: local %u",
			      tb[XFRMA_SPD_IPV6_HTHRESH]);
	}
	pr_close_object();
	return MNL_CB_OK;
}

static int policy_count(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	uint32_t *flags = nl_req_init(buf, XFRM_MSG_GETSPDINFO, 0, sizeof(uint32_t));
	int err;

	*flags = 0xffffffff;
	err = nl_ask(xfrm_sock(), (struct nlmsghdr *)buf, spdinfo_print, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

/* set hthresh4 LBITS RBITS / hthresh6 LBITS RBITS. */
static int policy_set(struct xfrm_args *a)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	uint32_t *flags = nl_req_init(buf, XFRM_MSG_NEWSPDINFO, 0, sizeof(uint32_t));
	const char *w;
	int err;

	*flags = 0xffffffff;
	while ((w = xa_word(a))) {
		bool v4 = !strcmp(w, "hthresh4");
		struct xfrmu_spdhthresh h;
		char msg[32];

		if (!v4 && strcmp(w, "hthresh6"))
			invarg("unknown", w);
		snprintf(msg, sizeof(msg), "%s LBITS value is invalid", w);
		if (parse_u8(xa_value(a), 0, &h.lbits) < 0 || h.lbits > (v4 ? 32 : 128))
			invarg(msg, xa_word(a));
		snprintf(msg, sizeof(msg), "%s RBITS value is invalid", w);
		if (parse_u8(xa_value(a), 0, &h.rbits) < 0 || h.rbits > (v4 ? 32 : 128))
			invarg(msg, xa_word(a));
		mnl_attr_put(nlh, v4 ? XFRMA_SPD_IPV4_HTHRESH : XFRMA_SPD_IPV6_HTHRESH,
			     sizeof(h), &h);
		xa_skip(a);
	}
	err = nl_talk(xfrm_sock(), nlh, NULL, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

static const char *const default_names[] = {
	[XFRM_USERPOLICY_UNSPEC] = "unspec",
	[XFRM_USERPOLICY_BLOCK] = "block",
	[XFRM_USERPOLICY_ACCEPT] = "accept",
};

static int policy_setdefault(struct xfrm_args *a)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct xfrm_userpolicy_default *d;
	const char *w;
	int err;

	d = nl_req_init(buf, XFRM_MSG_SETDEFAULT, 0, sizeof(*d));
	/* The reference sends the three bytes unpadded. */
	((struct nlmsghdr *)buf)->nlmsg_len = NLMSG_HDRLEN + sizeof(*d);
	if (!xa_word(a))
		incomplete_command();
	while ((w = xa_word(a))) {
		uint8_t *slot, action;
		const char *v;
		char msg[32];

		if (!strcmp(w, "in"))
			slot = &d->in;
		else if (!strcmp(w, "fwd"))
			slot = &d->fwd;
		else if (!strcmp(w, "out"))
			slot = &d->out;
		else
			invarg("unknown direction", w);
		v = xa_value(a);
		if (!strcmp(v, "block"))
			action = XFRM_USERPOLICY_BLOCK;
		else if (!strcmp(v, "accept"))
			action = XFRM_USERPOLICY_ACCEPT;
		else {
			snprintf(msg, sizeof(msg), "%s policy value is invalid", w);
			invarg(msg, v);
		}
		*slot = action;
		xa_skip(a);
	}
	err = nl_talk(xfrm_sock(), (struct nlmsghdr *)buf, NULL, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

void xfrm_default_print(const struct xfrm_userpolicy_default *d)
{
	char num[16];

	pr_open_object(NULL);
	pr_open_object("default_policies");
	pr_text("Default policies:\n");
	pr_string("in", " in:  %s\n",
		  name_or_num(default_names, ARRAY_SIZE(default_names), d->in, num, sizeof(num)));
	pr_string("fwd", " fwd: %s\n",
		  name_or_num(default_names, ARRAY_SIZE(default_names), d->fwd, num, sizeof(num)));
	pr_string("out", " out: %s\n",
		  name_or_num(default_names, ARRAY_SIZE(default_names), d->out, num, sizeof(num)));
	pr_close_object();
	pr_close_object();
}

static int default_msg_print(const struct nlmsghdr *nlh, void *data)
{
	const struct xfrm_userpolicy_default *d = nl_msg_payload(nlh, sizeof(*d));

	(void)data;
	if (nlh->nlmsg_type == XFRM_MSG_GETDEFAULT && d)
		xfrm_default_print(d);
	return MNL_CB_OK;
}

static int policy_getdefault(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	int err;

	nl_req_init(buf, XFRM_MSG_GETDEFAULT, 0, sizeof(struct xfrm_userpolicy_default));
	((struct nlmsghdr *)buf)->nlmsg_len = NLMSG_HDRLEN + sizeof(struct xfrm_userpolicy_default);
	err = nl_ask(xfrm_sock(), (struct nlmsghdr *)buf, default_msg_print, NULL);
	return err ? xfrm_fail_nl(err) : 0;
}

int do_xfrm_policy(int argc, char **argv)
{
	struct xfrm_args a = { argc - 1, argv + 1 };
	const char *cmd;

	if (argc < 1) {
		a = (struct xfrm_args){ 0, argv };
		return policy_list(&a);
	}
	cmd = argv[0];
	if (matches(cmd, "add"))
		return policy_modify(XFRM_MSG_NEWPOLICY, &a);
	if (matches(cmd, "update"))
		return policy_modify(XFRM_MSG_UPDPOLICY, &a);
	if (matches(cmd, "delete"))
		return policy_get_or_delete(true, &a);
	if (matches(cmd, "deleteall") || matches(cmd, "delall"))
		return policy_deleteall(&a);
	if (matches(cmd, "list") || matches(cmd, "show") || matches(cmd, "lst"))
		return policy_list(&a);
	if (matches(cmd, "get"))
		return policy_get_or_delete(false, &a);
	if (matches(cmd, "flush"))
		return policy_flush(&a);
	if (matches(cmd, "count"))
		return policy_count();
	if (matches(cmd, "set"))
		return policy_set(&a);
	if (matches(cmd, "setdefault"))
		return policy_setdefault(&a);
	if (matches(cmd, "getdefault"))
		return policy_getdefault();
	if (matches(cmd, "help"))
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip xfrm policy help\".\n", cmd);
	return IP_EXIT_USAGE;
}
