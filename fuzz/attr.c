// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: attribute parsing (include/nlkit/attr.h) with a policy of
 * every kind, and its promise: what lands in the table can be read with
 * the mnl_attr_get_*() accessor its kind names, a string up to its NUL,
 * a nest parsed in turn.  The input is also read as a netlink message
 * (nl_msg_ok(), nl_attr_parse_msg(), nl_msg_error()).
 */
#include <string.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "fuzz.h"

enum {
	FA_UNSPEC,
	FA_U8,
	FA_U16,
	FA_U32,
	FA_U64,
	FA_STR,
	FA_NESTED,
	FA_BINARY,
	FA_ANY,
	FA_NONE,
	FA_MAX = FA_NONE,
};

#define NEST_DEPTH 4

static const struct nl_attr_policy policy[FA_MAX + 1] = {
	[FA_U8] = { .kind = NLA_U8 },
	[FA_U16] = { .kind = NLA_U16 },
	[FA_U32] = { .kind = NLA_U32 },
	[FA_U64] = { .kind = NLA_U64 },
	[FA_STR] = { .kind = NLA_STR },
	[FA_NESTED] = { .kind = NLA_NESTED },
	[FA_BINARY] = { .kind = NLA_BINARY, .min_len = 6 },
	[FA_ANY] = { .kind = NLA_ANY },
	[FA_NONE] = { .kind = NLA_NONE },
};

/* Read what the table promises; the sum keeps the reads from being optimised out. */
static uint64_t use_table(const struct nlattr **tb, int depth)
{
	const struct nlattr *nested[FA_MAX + 1];
	uint64_t sum = 0;

	if (tb[FA_U8])
		sum += mnl_attr_get_u8(tb[FA_U8]);
	if (tb[FA_U16])
		sum += mnl_attr_get_u16(tb[FA_U16]);
	if (tb[FA_U32])
		sum += mnl_attr_get_u32(tb[FA_U32]);
	if (tb[FA_U64])
		sum += mnl_attr_get_u64(tb[FA_U64]);
	if (tb[FA_STR])
		sum += strlen(mnl_attr_get_str(tb[FA_STR]));
	if (tb[FA_BINARY])
		sum += ((const uint8_t *)mnl_attr_get_payload(tb[FA_BINARY]))[5];
	if (tb[FA_NONE])
		__builtin_trap();
	if (tb[FA_NESTED] && depth < NEST_DEPTH) {
		nl_attr_parse_nested(tb[FA_NESTED], nested, FA_MAX, policy);
		sum += use_table(nested, depth + 1);
	}
	return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)data;
	const struct nlattr *tb[FA_MAX + 1];
	volatile uint64_t sink;
	const char *ext_ack;

	nl_attr_parse(data, size, tb, FA_MAX, policy);
	sink = use_table(tb, 0);
	nl_attr_parse(data, size, tb, FA_MAX, NULL);

	if (size <= INT32_MAX && nl_msg_ok(nlh, (int)size)) {
		if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
			nl_msg_error(nlh, &ext_ack);
			if (ext_ack)
				sink = strlen(ext_ack);
		}
		nl_attr_parse_msg(nlh, sizeof(struct nlmsgerr), tb, FA_MAX, policy);
		sink = use_table(tb, 0);
	}
	(void)sink;
	return 0;
}
