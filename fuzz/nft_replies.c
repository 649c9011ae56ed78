// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: nft's listings and its monitor, from the nf_tables
 * replies to what they print (nft/netlink.c, set.c, obj.c, delinearize.c,
 * print.c, json_out.c, monitor.c): each command below run as nft runs
 * it, with the kernel's answers taken from the input.
 *
 * Input: one byte of options, one choosing the command (below, modulo
 * their number), then netlink messages: every dump's reply (each dump
 * gets the messages that answer it, as the kernel's would: tables for
 * tables, the family asked for, the elements of the set asked for) and
 * the monitor's events.
 *   options: bit 0 -j, 1 -a, 2 -n, 3 -y, 4 -s, 5 -t
 *
 * libnftnl trusts what the kernel sends: it ends the program on an
 * attribute of a size the kernel's ABI does not give it ("nf_tables
 * kernel ABI is broken", as it would end the reference's nft), and
 * crashes on a message without its nfgenmsg, an expression without a
 * name, a jump without a chain or an element's attribute of a type past
 * the last.  No kernel sends such messages: the
 * stand-in kernel leaves them out (kernel_messages()).  A string that
 * libnftnl reads past its attribute (the kernel ends every one) ends at
 * the zero byte that follows the reply (see fuzz/nokernel.c's collect()).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netlink.h>

#include <libnftnl/chain.h>
#include <libnftnl/object.h>
#include <libnftnl/rule.h>
#include <libnftnl/set.h>
#include <libnftnl/table.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "../nft/ast.h"
#include "exit_trap.h"
#include "fuzz.h"
#include "nokernel.h"

static const char *const commands[] = {
	"list ruleset",
	"list tables",
	"list chains",
	"list sets",
	"list maps",
	"list counters",
	"list quotas",
	"list limits",
	"list table inet t",
	"list chain inet t c",
	"list set inet t s",
	"list map inet t m",
	"list counter inet t cnt",
	"list ruleset inet",
	"reset counters",
	"get element inet t s { 10.1.2.3 }",
	"monitor",
	"monitor new rules",
	"monitor destroy",
	"list quota inet t q",
	"list limit inet t l",
	"reset quotas",
	"list set inet t cs",
	"list map inet t mm",
};

/* The message type that answers the dump request of type @get. */
static int answer_type(int get)
{
	switch (get) {
	case NFT_MSG_GETTABLE:
		return NFT_MSG_NEWTABLE;
	case NFT_MSG_GETCHAIN:
		return NFT_MSG_NEWCHAIN;
	case NFT_MSG_GETRULE:
		return NFT_MSG_NEWRULE;
	case NFT_MSG_GETSET:
		return NFT_MSG_NEWSET;
	case NFT_MSG_GETSETELEM:
		return NFT_MSG_NEWSETELEM;
	case NFT_MSG_GETGEN:
		return NFT_MSG_NEWGEN;
	case NFT_MSG_GETOBJ:
	case NFT_MSG_GETOBJ_RESET:
		return NFT_MSG_NEWOBJ;
	case NFT_MSG_GETFLOWTABLE:
		return NFT_MSG_NEWFLOWTABLE;
	default:
		return -1;
	}
}

/* Whether string attribute @type of @a and of @b (after an nfgenmsg) differ. */
static bool attr_differs(const struct nlmsghdr *a, const struct nlmsghdr *b, unsigned int type)
{
	const struct nlattr *ta[NFTA_SET_ELEM_LIST_MAX + 1], *tb[NFTA_SET_ELEM_LIST_MAX + 1];

	nl_attr_parse_msg(a, sizeof(struct nfgenmsg), ta, NFTA_SET_ELEM_LIST_MAX, NULL);
	nl_attr_parse_msg(b, sizeof(struct nfgenmsg), tb, NFTA_SET_ELEM_LIST_MAX, NULL);
	if (!ta[type] || !tb[type])
		return false;
	return mnl_attr_get_payload_len(ta[type]) != mnl_attr_get_payload_len(tb[type]) ||
	       memcmp(mnl_attr_get_payload(ta[type]), mnl_attr_get_payload(tb[type]),
		      mnl_attr_get_payload_len(ta[type]));
}

static bool answers(int protocol, const struct nlmsghdr *req, const struct nlmsghdr *msg)
{
	const struct nfgenmsg *asked, *got;

	if (protocol != NETLINK_NETFILTER)
		return true;
	if (NFNL_SUBSYS_ID(msg->nlmsg_type) != NFNL_SUBSYS_NFTABLES ||
	    NFNL_MSG_TYPE(msg->nlmsg_type) != answer_type(NFNL_MSG_TYPE(req->nlmsg_type)))
		return false;
	asked = nl_msg_payload(req, sizeof(*asked));
	got = nl_msg_payload(msg, sizeof(*got));
	if (asked && got && asked->nfgen_family != NFPROTO_UNSPEC &&
	    got->nfgen_family != asked->nfgen_family)
		return false;
	if (NFNL_MSG_TYPE(req->nlmsg_type) == NFT_MSG_GETSETELEM && got &&
	    (attr_differs(req, msg, NFTA_SET_ELEM_LIST_TABLE) ||
	     attr_differs(req, msg, NFTA_SET_ELEM_LIST_SET)))
		return false;
	return true;
}

/* Parse the message @data as nft does, with libnftnl. */
static void nftnl_parse(void *data)
{
	const struct nlmsghdr *nlh = data;

	switch (NFNL_MSG_TYPE(nlh->nlmsg_type)) {
	case NFT_MSG_NEWTABLE:
	case NFT_MSG_DELTABLE: {
		struct nftnl_table *t = nftnl_table_alloc();

		nftnl_table_nlmsg_parse(nlh, t);
		nftnl_table_free(t);
		break;
	}
	case NFT_MSG_NEWCHAIN:
	case NFT_MSG_DELCHAIN: {
		struct nftnl_chain *c = nftnl_chain_alloc();

		nftnl_chain_nlmsg_parse(nlh, c);
		nftnl_chain_free(c);
		break;
	}
	case NFT_MSG_NEWRULE:
	case NFT_MSG_DELRULE: {
		struct nftnl_rule *r = nftnl_rule_alloc();

		nftnl_rule_nlmsg_parse(nlh, r);
		nftnl_rule_free(r);
		break;
	}
	case NFT_MSG_NEWSET:
	case NFT_MSG_DELSET: {
		struct nftnl_set *s = nftnl_set_alloc();

		nftnl_set_nlmsg_parse(nlh, s);
		nftnl_set_free(s);
		break;
	}
	case NFT_MSG_NEWSETELEM:
	case NFT_MSG_DELSETELEM: {
		struct nftnl_set *s = nftnl_set_alloc();

		nftnl_set_elems_nlmsg_parse(nlh, s);
		nftnl_set_free(s);
		break;
	}
	case NFT_MSG_NEWOBJ:
	case NFT_MSG_DELOBJ: {
		struct nftnl_obj *o = nftnl_obj_alloc();

		nftnl_obj_nlmsg_parse(nlh, o);
		nftnl_obj_free(o);
		break;
	}
	}
}

static bool exprs_named(const struct nlattr *list);

/*
 * Whether expression @expr names its kind, as the kernel's always do:
 * libnftnl reads the name before it checks it is there.  A dynset's own
 * expressions too.
 */
static bool expr_named(const struct nlattr *expr)
{
	const struct nlattr *a, *name = NULL, *data = NULL;

	mnl_attr_for_each_nested(a, expr) {
		if (mnl_attr_get_type(a) == NFTA_EXPR_NAME)
			name = a;
		else if (mnl_attr_get_type(a) == NFTA_EXPR_DATA)
			data = a;
	}
	if (!name || !memchr(mnl_attr_get_payload(name), '\0', mnl_attr_get_payload_len(name)))
		return false;
	if (!data || strcmp(mnl_attr_get_str(name), "dynset"))
		return true;
	mnl_attr_for_each_nested(a, data) {
		if ((mnl_attr_get_type(a) == NFTA_DYNSET_EXPR && !expr_named(a)) ||
		    (mnl_attr_get_type(a) == NFTA_DYNSET_EXPRESSIONS && !exprs_named(a)))
			return false;
	}
	return true;
}

static bool exprs_named(const struct nlattr *list)
{
	const struct nlattr *a;

	mnl_attr_for_each_nested(a, list)
		if (!expr_named(a))
			return false;
	return true;
}

/*
 * Whether every verdict that jumps in the attributes at @start (@len
 * bytes), however deep, names its chain, as the kernel's always do:
 * libnftnl reads the name of a jump's chain without looking whether
 * there is one.  Every attribute is taken for a nest of the attributes
 * that begin its payload (as far as libnftnl reads one), and an
 * NFTA_DATA_VERDICT holding a jump's code for a verdict.
 */
static bool jumps_named(const void *start, size_t len)
{
	const struct nlattr *a, *v, *code, *chain;

	for (a = start; mnl_attr_ok(a, (int)((const char *)start + len - (const char *)a));
	     a = mnl_attr_next(a)) {
		if (mnl_attr_get_type(a) == NFTA_DATA_VERDICT) {
			code = chain = NULL;
			mnl_attr_for_each_nested(v, a) {
				if (mnl_attr_get_type(v) == NFTA_VERDICT_CODE &&
				    mnl_attr_get_payload_len(v) >= sizeof(uint32_t))
					code = v;
				else if (mnl_attr_get_type(v) == NFTA_VERDICT_CHAIN)
					chain = v;
			}
			if (code && ((int32_t)ntohl(mnl_attr_get_u32(code)) == NFT_JUMP ||
				     (int32_t)ntohl(mnl_attr_get_u32(code)) == NFT_GOTO) &&
			    (!chain || !memchr(mnl_attr_get_payload(chain), '\0',
					       mnl_attr_get_payload_len(chain))))
				return false;
		}
		if (!jumps_named(mnl_attr_get_payload(a), mnl_attr_get_payload_len(a)))
			return false;
	}
	return true;
}

/*
 * Whether every expression of message @nlh (a rule's, a set's, an
 * element's) names its kind, and every attribute of an element is of a
 * type the kernel has (libnftnl indexes its table of them unchecked).
 */
static bool msg_exprs_named(const struct nlmsghdr *nlh)
{
	const struct nlattr *a, *elem, *b;

	mnl_attr_for_each(a, nlh, sizeof(struct nfgenmsg)) {
		switch (NFNL_MSG_TYPE(nlh->nlmsg_type)) {
		case NFT_MSG_NEWRULE:
		case NFT_MSG_DELRULE:
			if (mnl_attr_get_type(a) == NFTA_RULE_EXPRESSIONS && !exprs_named(a))
				return false;
			break;
		case NFT_MSG_NEWSET:
		case NFT_MSG_DELSET:
			if ((mnl_attr_get_type(a) == NFTA_SET_EXPR && !expr_named(a)) ||
			    (mnl_attr_get_type(a) == NFTA_SET_EXPRESSIONS && !exprs_named(a)))
				return false;
			break;
		case NFT_MSG_NEWSETELEM:
		case NFT_MSG_DELSETELEM:
			if (mnl_attr_get_type(a) != NFTA_SET_ELEM_LIST_ELEMENTS)
				break;
			mnl_attr_for_each_nested(elem, a) {
				mnl_attr_for_each_nested(b, elem) {
					if (mnl_attr_get_type(b) > NFTA_SET_ELEM_MAX ||
					    (mnl_attr_get_type(b) == NFTA_SET_ELEM_EXPR && !expr_named(b)) ||
					    (mnl_attr_get_type(b) == NFTA_SET_ELEM_EXPRESSIONS &&
					     !exprs_named(b)))
						return false;
				}
			}
			break;
		}
	}
	return true;
}

/*
 * Copy into @out the messages of the @size bytes at @in that libnftnl
 * takes, each aligned as the kernel aligns them; returns their length.
 * What libnftnl allocated for one it refused is lost, and not reported.
 */
static size_t kernel_messages(const void *in, size_t size, char *out)
{
	const struct nlmsghdr *nlh = in;
	int left = size > INT32_MAX ? INT32_MAX : (int)size;
	size_t len = 0;
	bool refused;

	for (; nl_msg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		if (NFNL_SUBSYS_ID(nlh->nlmsg_type) == NFNL_SUBSYS_NFTABLES) {
			/* libnftnl reads the nfgenmsg without looking whether it is there. */
			if (!nl_msg_payload(nlh, sizeof(struct nfgenmsg)) || !msg_exprs_named(nlh) ||
			    !jumps_named(mnl_nlmsg_get_payload_offset(nlh, sizeof(struct nfgenmsg)),
					 mnl_nlmsg_get_payload_len(nlh) - sizeof(struct nfgenmsg)))
				continue;
			if (__lsan_disable)
				__lsan_disable();
			refused = fuzz_exits(nftnl_parse, (void *)nlh);
			if (__lsan_enable)
				__lsan_enable();
			if (refused)
				continue;
		}
		memcpy(out + len, nlh, nlh->nlmsg_len);
		len += nlh->nlmsg_len;
		memset(out + len, 0, NLMSG_ALIGN(len) - len);
		len = NLMSG_ALIGN(len);
	}
	return len;
}

int LLVMFuzzerInitialize(int *argc __attribute__((unused)), char ***argv __attribute__((unused)))
{
	nokernel_answers(answers);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct nft_ctx ctx = { 0 };
	struct cmd *cmds = NULL;
	const char *command;
	struct input *in;
	void *input, *reply;
	char text[64];
	size_t len;

	if (size < 2)
		return 0;
	if (!devnull) {
		devnull = fopen("/dev/null", "we");
		if (!devnull)
			abort();
	}
	ctx.out = devnull;
	ctx.json = data[0] & 0x01;
	ctx.handles = data[0] & 0x02;
	ctx.numeric = data[0] & 0x04;
	ctx.numeric_priority = data[0] & 0x0c;
	ctx.stateless = data[0] & 0x10;
	ctx.terse = data[0] & 0x20;
	command = commands[data[1] % ARRAY_SIZE(commands)];
	/* Aligned, as the kernel's messages are. */
	input = xmalloc(size - 2 ? size - 2 : 1);
	memcpy(input, data + 2, size - 2);
	reply = xmalloc(size - 2 + NLMSG_ALIGNTO + 1);
	len = kernel_messages(input, size - 2, reply);
	free(input);
	/*
	 * Exactly sized, for the sanitizers, but for one zero byte: a
	 * string of the last message ends there (see nokernel.c's collect()).
	 */
	reply = xrealloc(reply, len + 1);
	((char *)reply)[len] = '\0';
	nokernel_reply(reply, len);

	/* As nft's command line ends: as a line does. */
	snprintf(text, sizeof(text), "%s\n", command);
	in = input_from_string(NULL, text);
	if (!strncmp(command, "monitor", 7)) {
		monitor_run(&ctx, in);
	} else {
		if (parse_input(&ctx, in, &cmds) == 0 && evaluate(&ctx, cmds) == 0)
			run_commands(&ctx, cmds);
		cmds_free(cmds);
	}
	defines_free(&ctx);
	inputs_free();
	free(reply);
	return 0;
}
