// SPDX-License-Identifier: GPL-2.0-or-later
/* Attribute parsing: framing, policies, and hostile input. */
#include <endian.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>
#include "unit.h"

enum {
	T_UNSPEC,
	T_U8,
	T_U16,
	T_U32,
	T_U64,
	T_STR,
	T_NEST,
	T_BIN,
	T_ANY,
	T_IGNORED,
	T_MAX = T_IGNORED,
};

static const struct nl_attr_policy policy[T_MAX + 1] = {
	[T_U8] = { .kind = NLA_U8 },
	[T_U16] = { .kind = NLA_U16 },
	[T_U32] = { .kind = NLA_U32 },
	[T_U64] = { .kind = NLA_U64 },
	[T_STR] = { .kind = NLA_STR },
	[T_NEST] = { .kind = NLA_NESTED },
	[T_BIN] = { .kind = NLA_BINARY, .min_len = 6 },
	[T_ANY] = { .kind = NLA_ANY },
	[T_IGNORED] = { .kind = NLA_NONE },
};

/* Attributes are built in a buffer that holds a message, as in real use. */
static union {
	struct nlmsghdr nlh;
	char bytes[4096];
} msg;

static struct nlmsghdr *new_msg(void)
{
	memset(&msg, 0, sizeof(msg));
	return mnl_nlmsg_put_header(msg.bytes);
}

static const void *attrs_of(const struct nlmsghdr *nlh)
{
	return mnl_nlmsg_get_payload(nlh);
}

static size_t attrs_len(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_len - NLMSG_HDRLEN;
}

/* A raw attribute header, for framings libmnl would not write. */
static void put_raw(struct nlmsghdr *nlh, uint16_t type, uint16_t len, const void *payload,
		    size_t payload_len)
{
	struct nlattr *nla = mnl_nlmsg_get_payload_tail(nlh);

	nla->nla_type = type;
	nla->nla_len = len;
	if (payload_len)
		memcpy(nla + 1, payload, payload_len);
	nlh->nlmsg_len += NLA_HDRLEN + payload_len;
}

static void well_formed(void)
{
	struct nlmsghdr *nlh = new_msg();
	const struct nlattr *tb[T_MAX + 1], *inner[T_MAX + 1];
	static const uint8_t mac[6] = { 2, 0, 0, 0, 0, 1 };
	struct nlattr *nest;

	mnl_attr_put_u8(nlh, T_U8, 7);
	mnl_attr_put_u16(nlh, T_U16, 1600);
	mnl_attr_put_u32(nlh, T_U32, 70000);
	mnl_attr_put_u64(nlh, T_U64, 1ULL << 40);
	mnl_attr_put_strz(nlh, T_STR, "eth0");
	nest = mnl_attr_nest_start(nlh, T_NEST);
	mnl_attr_put_u32(nlh, T_U32, 5);
	mnl_attr_nest_end(nlh, nest);
	mnl_attr_put(nlh, T_BIN, sizeof(mac), mac);
	mnl_attr_put(nlh, T_ANY, 0, NULL);
	mnl_attr_put_u32(nlh, T_IGNORED, 1);

	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == 0);
	CHECK(tb[T_U8] && mnl_attr_get_u8(tb[T_U8]) == 7);
	CHECK(tb[T_U16] && mnl_attr_get_u16(tb[T_U16]) == 1600);
	CHECK(tb[T_U32] && mnl_attr_get_u32(tb[T_U32]) == 70000);
	CHECK(tb[T_U64] && mnl_attr_get_u64(tb[T_U64]) == 1ULL << 40);
	CHECK(tb[T_STR] && !strcmp(mnl_attr_get_str(tb[T_STR]), "eth0"));
	CHECK(tb[T_BIN] && !memcmp(mnl_attr_get_payload(tb[T_BIN]), mac, sizeof(mac)));
	CHECK(tb[T_ANY] && mnl_attr_get_payload_len(tb[T_ANY]) == 0);
	CHECK(!tb[T_IGNORED]);
	CHECK(!tb[T_UNSPEC]);
	CHECK(tb[T_NEST] != NULL);
	if (tb[T_NEST]) {
		CHECK(nl_attr_parse_nested(tb[T_NEST], inner, T_MAX, policy) == 0);
		CHECK(inner[T_U32] && mnl_attr_get_u32(inner[T_U32]) == 5);
	}

	/* Without a policy every type up to max is indexed, even ignored ones. */
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, NULL) == 0);
	CHECK(tb[T_IGNORED] != NULL);

	/* The last of a repeated type wins. */
	nlh = new_msg();
	mnl_attr_put_u32(nlh, T_U32, 1);
	mnl_attr_put_u32(nlh, T_U32, 2);
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == 0);
	CHECK(tb[T_U32] && mnl_attr_get_u32(tb[T_U32]) == 2);

	/* An empty run parses to an empty table. */
	memset(tb, 0xff, sizeof(tb));
	CHECK(nl_attr_parse(msg.bytes, 0, tb, T_MAX, policy) == 0);
	CHECK(!tb[T_U8] && !tb[T_MAX]);
}

/* One attribute of @type with @len payload bytes: does the policy take it? */
static int parse_one(uint16_t type, size_t len, const struct nlattr **tb)
{
	struct nlmsghdr *nlh = new_msg();
	char payload[16];

	memset(payload, 'x', sizeof(payload));
	mnl_attr_put(nlh, type, len, payload);
	return nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy);
}

static void kind_lengths(void)
{
	static const struct {
		uint16_t type;
		size_t need;
	} kinds[] = {
		{ T_U8, 1 }, { T_U16, 2 }, { T_U32, 4 }, { T_U64, 8 }, { T_BIN, 6 },
	};
	const struct nlattr *tb[T_MAX + 1];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		CHECK(parse_one(kinds[i].type, kinds[i].need - 1, tb) == -EINVAL);
		CHECK(!tb[kinds[i].type]);
		CHECK(parse_one(kinds[i].type, kinds[i].need, tb) == 0);
		CHECK(tb[kinds[i].type] != NULL);
		/* Longer is accepted: the kernel may grow a field. */
		CHECK(parse_one(kinds[i].type, kinds[i].need + 3, tb) == 0);
		CHECK(tb[kinds[i].type] != NULL);
	}
}

static void min_len_floor(void)
{
	static const struct nl_attr_policy floor_policy[] = {
		[1] = { .kind = NLA_U8, .min_len = 4 },
		[2] = { .kind = NLA_ANY, .min_len = 2 },
	};
	struct nlmsghdr *nlh = new_msg();
	const struct nlattr *tb[3];
	uint16_t two = 2;

	mnl_attr_put_u8(nlh, 1, 1);
	mnl_attr_put(nlh, 2, sizeof(two), &two);
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, 2, floor_policy) == -EINVAL);
	CHECK(!tb[1]);
	CHECK(tb[2] != NULL);
}

static void strings(void)
{
	const struct nlattr *tb[T_MAX + 1];
	struct nlmsghdr *nlh;

	nlh = new_msg();
	mnl_attr_put(nlh, T_STR, 4, "eth0");
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == -EINVAL);
	CHECK(!tb[T_STR]);

	nlh = new_msg();
	mnl_attr_put(nlh, T_STR, 0, NULL);
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == -EINVAL);
	CHECK(!tb[T_STR]);

	/* A NUL before the end is enough: the string is shorter than its room. */
	nlh = new_msg();
	mnl_attr_put(nlh, T_STR, 8, "ab\0cdefg");
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == 0);
	CHECK(tb[T_STR] && !strcmp(mnl_attr_get_str(tb[T_STR]), "ab"));

	nlh = new_msg();
	mnl_attr_put_strz(nlh, T_STR, "");
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == 0);
	CHECK(tb[T_STR] && !strcmp(mnl_attr_get_str(tb[T_STR]), ""));
}

static void nested(void)
{
	const struct nlattr *tb[T_MAX + 1], *inner[T_MAX + 1], *deepest[T_MAX + 1];
	struct nlattr *outer, *mid;
	struct nlmsghdr *nlh;

	nlh = new_msg();
	outer = mnl_attr_nest_start(nlh, T_NEST);
	mnl_attr_put_strz(nlh, T_STR, "veth");
	mid = mnl_attr_nest_start(nlh, T_NEST);
	mnl_attr_put_u16(nlh, T_U16, 9);
	mnl_attr_nest_end(nlh, mid);
	mnl_attr_nest_end(nlh, outer);
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == 0);
	CHECK(tb[T_NEST] != NULL);
	if (!tb[T_NEST])
		return;
	CHECK(nl_attr_parse_nested(tb[T_NEST], inner, T_MAX, policy) == 0);
	CHECK(inner[T_STR] && !strcmp(mnl_attr_get_str(inner[T_STR]), "veth"));
	CHECK(inner[T_NEST] != NULL);
	if (inner[T_NEST]) {
		CHECK(nl_attr_parse_nested(inner[T_NEST], deepest, T_MAX, policy) == 0);
		CHECK(deepest[T_U16] && mnl_attr_get_u16(deepest[T_U16]) == 9);
	}

	/* An empty nest is a valid, empty run. */
	nlh = new_msg();
	mnl_attr_nest_end(nlh, mnl_attr_nest_start(nlh, T_NEST));
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == 0);
	CHECK(tb[T_NEST] != NULL);
	if (tb[T_NEST]) {
		CHECK(nl_attr_parse_nested(tb[T_NEST], inner, T_MAX, policy) == 0);
		CHECK(!inner[T_STR]);
	}

	/* A nest whose content is no run of attributes fails the policy. */
	nlh = new_msg();
	mnl_attr_put(nlh, T_NEST, 3, "abc");
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == -EINVAL);
	CHECK(!tb[T_NEST]);

	nlh = new_msg();
	outer = mnl_attr_nest_start(nlh, T_NEST);
	mnl_attr_put_u32(nlh, T_U32, 1);
	mnl_attr_nest_end(nlh, outer);
	((struct nlattr *)mnl_attr_get_payload(outer))->nla_len = 200;
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == -EINVAL);
	CHECK(!tb[T_NEST]);
}

static void flags_masked(void)
{
	const struct nlattr *tb[T_MAX + 1];
	struct nlmsghdr *nlh = new_msg();
	struct nlattr *nest;

	nest = mnl_attr_nest_start(nlh, T_NEST);
	mnl_attr_nest_end(nlh, nest);
	nest->nla_type |= NLA_F_NESTED;
	mnl_attr_put_u32(nlh, T_U32 | NLA_F_NET_BYTEORDER, htobe32(3));
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == 0);
	CHECK(tb[T_NEST] == nest);
	CHECK(tb[T_U32] && be32toh(mnl_attr_get_u32(tb[T_U32])) == 3);
}

static void above_max(void)
{
	const struct nlattr *tb[T_MAX + 1], *small[T_U8 + 2];
	struct nlmsghdr *nlh = new_msg();

	mnl_attr_put_u32(nlh, T_MAX + 1, 1);
	mnl_attr_put_u32(nlh, 0x3fff, 2);
	mnl_attr_put_u8(nlh, T_U8, 3);
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == 0);
	CHECK(tb[T_U8] && mnl_attr_get_u8(tb[T_U8]) == 3);

	/* A smaller table sees only its part; the rest is not written. */
	small[T_U8 + 1] = (const struct nlattr *)&msg;
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), small, T_U8, policy) == 0);
	CHECK(small[T_U8] != NULL);
	CHECK(small[T_U8 + 1] == (const struct nlattr *)&msg);
}

static void truncated_header(void)
{
	const struct nlattr *tb[T_MAX + 1];
	struct nlmsghdr *nlh = new_msg();
	size_t len;

	mnl_attr_put_u32(nlh, T_U32, 1);
	len = attrs_len(nlh);
	/* Half a header after a good attribute: the good one is kept. */
	CHECK(nl_attr_parse(attrs_of(nlh), len + 2, tb, T_MAX, policy) == -EINVAL);
	CHECK(tb[T_U32] != NULL);
	/* Less than one header in all. */
	CHECK(nl_attr_parse(attrs_of(nlh), 3, tb, T_MAX, policy) == -EINVAL);
	CHECK(!tb[T_U32]);
}

static void past_buffer(void)
{
	const struct nlattr *tb[T_MAX + 1];
	struct nlmsghdr *nlh = new_msg();
	uint32_t v = 9;

	mnl_attr_put_u8(nlh, T_U8, 1);
	put_raw(nlh, T_U32, NLA_HDRLEN + 64, &v, sizeof(v));
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == -EINVAL);
	CHECK(tb[T_U8] != NULL);
	CHECK(!tb[T_U32]);

	/* The last attribute may omit its padding, but not its payload. */
	nlh = new_msg();
	mnl_attr_put_u8(nlh, T_U8, 1);
	CHECK(nl_attr_parse(attrs_of(nlh), NLA_HDRLEN + 1, tb, T_MAX, policy) == 0);
	CHECK(tb[T_U8] != NULL);
	CHECK(nl_attr_parse(attrs_of(nlh), NLA_HDRLEN, tb, T_MAX, policy) == -EINVAL);
	CHECK(!tb[T_U8]);
}

static void zero_length(void)
{
	const struct nlattr *tb[T_MAX + 1];
	struct nlmsghdr *nlh;

	/* nla_len 4: a header without payload, a flag. */
	nlh = new_msg();
	put_raw(nlh, T_ANY, NLA_HDRLEN, NULL, 0);
	put_raw(nlh, T_U8, NLA_HDRLEN, NULL, 0);
	mnl_attr_put_u16(nlh, T_U16, 4);
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == -EINVAL);
	CHECK(tb[T_ANY] != NULL);
	CHECK(!tb[T_U8]);
	CHECK(tb[T_U16] != NULL);

	/* nla_len 0 or below the header would loop forever if trusted. */
	nlh = new_msg();
	put_raw(nlh, T_ANY, 0, "\0\0\0\0", 4);
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, policy) == -EINVAL);
	CHECK(!tb[T_ANY]);
	nlh = new_msg();
	put_raw(nlh, T_ANY, 3, "\0\0\0\0", 4);
	CHECK(nl_attr_parse(attrs_of(nlh), attrs_len(nlh), tb, T_MAX, NULL) == -EINVAL);
	CHECK(!tb[T_ANY]);
}

static void msg_payload(void)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	struct nlmsghdr *nlh = new_msg();
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = RTM_NEWLINK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = 4;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "eth9");
	mnl_attr_put_u32(nlh, IFLA_MTU, 9000);

	CHECK(nl_msg_payload(nlh, sizeof(*ifi)) == ifi);
	CHECK(nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, NULL) == 0);
	CHECK(tb[IFLA_MTU] && mnl_attr_get_u32(tb[IFLA_MTU]) == 9000);
	CHECK(tb[IFLA_IFNAME] && !strcmp(mnl_attr_get_str(tb[IFLA_IFNAME]), "eth9"));

	/* Too short for the family header. */
	nlh->nlmsg_len = NLMSG_HDRLEN + sizeof(*ifi) - 1;
	CHECK(nl_msg_payload(nlh, sizeof(*ifi)) == NULL);
	CHECK(nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, NULL) == -EINVAL);
	CHECK(!tb[IFLA_MTU]);
	nlh->nlmsg_len = NLMSG_HDRLEN - 1;
	CHECK(nl_msg_payload(nlh, 0) == NULL);

	/* Exactly the header, no attributes; a header without its padding. */
	nlh->nlmsg_len = NLMSG_HDRLEN + sizeof(*ifi);
	CHECK(nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, NULL) == 0);
	CHECK(!tb[IFLA_MTU]);
	nlh->nlmsg_len = NLMSG_HDRLEN + 1;
	CHECK(nl_attr_parse_msg(nlh, 1, tb, IFLA_MAX, NULL) == 0);

	/* Framing of the message itself, before any of the above may run. */
	nlh->nlmsg_len = 64;
	CHECK(nl_msg_ok(nlh, 64));
	CHECK(!nl_msg_ok(nlh, 63));
	CHECK(!nl_msg_ok(nlh, -1));
	nlh->nlmsg_len = NLMSG_HDRLEN - 1;
	CHECK(!nl_msg_ok(nlh, 64));
	nlh->nlmsg_len = 0x80000000u;
	CHECK(!nl_msg_ok(nlh, 64));
	nlh->nlmsg_len = 0xffffffffu;
	CHECK(!nl_msg_ok(nlh, 64));
}

/*
 * Hostile input.  Each buffer is a heap block of exactly its length, so
 * that a sanitized build catches a read one byte past it.
 */
static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state >> 32;
}

static const struct nl_attr_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = { .kind = NLA_STR },
	[IFLA_MTU] = { .kind = NLA_U32 },
	[IFLA_ADDRESS] = { .kind = NLA_BINARY, .min_len = 6 },
	[IFLA_LINKINFO] = { .kind = NLA_NESTED },
	[IFLA_TXQLEN] = { .kind = NLA_U32 },
	[IFLA_OPERSTATE] = { .kind = NLA_U8 },
	[IFLA_GROUP] = { .kind = NLA_U32 },
	[IFLA_STATS64] = { .kind = NLA_BINARY, .min_len = 8 },
	[IFLA_AF_SPEC] = { .kind = NLA_NESTED },
	[IFLA_CARRIER_CHANGES] = { .kind = NLA_U32 },
	[IFLA_ALT_IFNAME] = { .kind = NLA_STR },
	[IFLA_PROP_LIST] = { .kind = NLA_NESTED },
	[IFLA_PROTO_DOWN] = { .kind = NLA_U8 },
	[IFLA_NEW_NETNSID] = { .kind = NLA_NONE },
	[IFLA_MAP] = { .kind = NLA_BINARY, .min_len = sizeof(struct rtnl_link_ifmap) },
	[IFLA_GSO_MAX_SIZE] = { .kind = NLA_U32 },
	[IFLA_XDP] = { .kind = NLA_NESTED },
	[IFLA_PARENT_DEV_NAME] = { .kind = NLA_STR },
	[IFLA_PERM_ADDRESS] = { .kind = NLA_ANY },
	[IFLA_MAX_MTU] = { .kind = NLA_U64 },
	[IFLA_MIN_MTU] = { .kind = NLA_U16 },
};

static volatile uint64_t sink;

/* Read every byte a parsed table claims, as a printer would. */
static void consume(const struct nlattr **tb, unsigned int max,
		    const struct nl_attr_policy *pol, int depth)
{
	const struct nlattr *sub[IFLA_MAX + 1];
	const uint8_t *p;
	unsigned int i;
	size_t j;

	for (i = 0; i <= max; i++) {
		if (!tb[i])
			continue;
		p = mnl_attr_get_payload(tb[i]);
		for (j = 0; j < mnl_attr_get_payload_len(tb[i]); j++)
			sink += p[j];
		switch (pol ? pol[i].kind : NLA_NESTED) {
		case NLA_STR:
			sink += strlen(mnl_attr_get_str(tb[i]));
			break;
		case NLA_U64:
			sink += mnl_attr_get_u64(tb[i]);
			break;
		case NLA_NESTED:
			if (depth < 4) {
				nl_attr_parse_nested(tb[i], sub, IFLA_MAX, pol);
				consume(sub, IFLA_MAX, pol, depth + 1);
			}
			break;
		default:
			break;
		}
	}
}

static void fuzz_buffer(const void *data, size_t len)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	void *copy = malloc(len ? len : 1);

	memcpy(copy, data, len);
	nl_attr_parse(copy, len, tb, IFLA_MAX, link_policy);
	consume(tb, IFLA_MAX, link_policy, 0);
	nl_attr_parse(copy, len, tb, IFLA_MAX, NULL);
	consume(tb, IFLA_MAX, NULL, 0);
	free(copy);
}

/* A message as it is read: only when its nlmsg_len holds in what came. */
static void fuzz_message(const void *data, size_t len)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	struct nlmsghdr *copy = malloc(len);

	memcpy(copy, data, len);
	if (nl_msg_ok(copy, len)) {
		nl_attr_parse_msg(copy, sizeof(struct ifinfomsg), tb, IFLA_MAX, link_policy);
		consume(tb, IFLA_MAX, link_policy, 0);
	}
	free(copy);
}

#define FUZZ_ROUNDS 200000

static void random_bytes(void)
{
	uint32_t words[64];
	uint8_t *bytes = (uint8_t *)words;
	struct nlattr *nla;
	size_t i, k, len;

	for (i = 0; i < FUZZ_ROUNDS; i++) {
		len = rng() % (sizeof(words) + 1);
		for (k = 0; k < ARRAY_SIZE(words); k++)
			words[k] = rng();
		/* Plausible headers now and then, so that the walk gets deep. */
		for (k = 0; k + NLA_HDRLEN <= len && rng() % 4; k += NLA_ALIGN(nla->nla_len)) {
			nla = (struct nlattr *)(bytes + k);
			nla->nla_len = NLA_HDRLEN + rng() % 24;
			nla->nla_type = rng() % (IFLA_MAX + 4);
			if (rng() % 8 == 0)
				nla->nla_type |= NLA_F_NESTED;
		}
		fuzz_buffer(bytes, len);
	}
	CHECK(1);
}

static size_t build_newlink(char *buf)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	static const uint8_t mac[6] = { 2, 0, 0, 0xaa, 0xbb, 0xcc };
	struct nlattr *info, *data, *peer, *spec;
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = RTM_NEWLINK;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_index = 3;
	ifi->ifi_flags = IFF_UP;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "veth0");
	mnl_attr_put_u32(nlh, IFLA_MTU, 1500);
	mnl_attr_put_u32(nlh, IFLA_TXQLEN, 1000);
	mnl_attr_put_u8(nlh, IFLA_OPERSTATE, 6);
	mnl_attr_put(nlh, IFLA_ADDRESS, sizeof(mac), mac);
	mnl_attr_put_u64(nlh, IFLA_MAX_MTU, 65535);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "veth1");
	mnl_attr_nest_end(nlh, peer);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	spec = mnl_attr_nest_start(nlh, IFLA_AF_SPEC);
	mnl_attr_nest_end(nlh, mnl_attr_nest_start(nlh, AF_INET));
	mnl_attr_nest_end(nlh, spec);
	return nlh->nlmsg_len;
}

static void random_newlink(void)
{
	char real[1024] __attribute__((aligned(4)));
	char mutated[1024] __attribute__((aligned(4)));
	const struct nlattr *tb[IFLA_MAX + 1];
	size_t len = build_newlink(real), i, k, flips, cut;

	CHECK(nl_attr_parse_msg((struct nlmsghdr *)real, sizeof(struct ifinfomsg), tb, IFLA_MAX,
				link_policy) == 0);
	CHECK(tb[IFLA_IFNAME] && !strcmp(mnl_attr_get_str(tb[IFLA_IFNAME]), "veth0"));
	CHECK(tb[IFLA_LINKINFO] != NULL);

	for (i = 0; i < FUZZ_ROUNDS / 4; i++) {
		memcpy(mutated, real, len);
		flips = 1 + rng() % 6;
		for (k = 0; k < flips; k++) {
			size_t at = rng() % len;

			if (rng() % 2)
				mutated[at] ^= 1 << (rng() % 8);
			else
				mutated[at] = rng();
		}
		/* Sometimes the message is cut short, as by a short read. */
		cut = rng() % 4 ? len : rng() % (len + 1);
		if (cut >= NLMSG_HDRLEN)
			fuzz_message(mutated, cut);
		fuzz_buffer(mutated + NLMSG_HDRLEN, cut > NLMSG_HDRLEN ? cut - NLMSG_HDRLEN : 0);
	}
	CHECK(1);
}

/* A plain nest carries no NLA_F_NESTED, and closes like libmnl's own. */
static void nest_plain(void)
{
	char buf[256] __attribute__((aligned(4))) = { 0 };
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nlattr *plain, *flagged;

	plain = nl_attr_nest_start_plain(nlh, IFLA_LINKINFO);
	mnl_attr_put_u32(nlh, 1, 7);
	mnl_attr_nest_end(nlh, plain);
	flagged = mnl_attr_nest_start(nlh, IFLA_PROP_LIST);
	mnl_attr_nest_end(nlh, flagged);
	CHECK(plain->nla_type == IFLA_LINKINFO);
	CHECK(plain->nla_len == NLA_HDRLEN + NLA_HDRLEN + 4);
	CHECK(flagged->nla_type == (IFLA_PROP_LIST | NLA_F_NESTED));
	CHECK(nlh->nlmsg_len == (uint32_t)(NLMSG_HDRLEN + plain->nla_len + NLA_HDRLEN));
}

UNIT_CASES(UNIT(well_formed), UNIT(kind_lengths), UNIT(min_len_floor), UNIT(strings),
	   UNIT(nested), UNIT(flags_masked), UNIT(above_max), UNIT(truncated_header),
	   UNIT(past_buffer), UNIT(zero_length), UNIT(msg_payload), UNIT(random_bytes),
	   UNIT(random_newlink), UNIT(nest_plain))
