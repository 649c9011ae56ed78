/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Attribute parsing into an index table, with type and length checks.
 *
 * A message from the kernel (or from a fuzzer) is never trusted: an
 * attribute whose header runs past the buffer ends the walk, and one whose
 * payload does not fit the type its policy names is left out of the
 * table, so that code reading the table can use the mnl_attr_get_*()
 * accessors without further checks.
 */
#ifndef NLKIT_ATTR_H
#define NLKIT_ATTR_H

#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

enum nl_attr_kind {
	NLA_ANY = 0,	/* any payload, even empty (flags) */
	NLA_U8,		/* at least 1 byte */
	NLA_U16,	/* at least 2 bytes */
	NLA_U32,	/* at least 4 bytes */
	NLA_U64,	/* at least 8 bytes */
	NLA_STR,	/* NUL-terminated within its payload */
	NLA_NESTED,	/* a (possibly empty) run of attributes */
	NLA_BINARY,	/* at least min_len bytes */
	NLA_NONE,	/* known but never stored (a type the caller ignores) */
};

struct nl_attr_policy {
	uint8_t kind;		/* enum nl_attr_kind */
	uint16_t min_len;	/* for NLA_BINARY (and as a floor for any kind) */
};

/**
 * nl_attr_parse - index the attributes in [@start, @start + @len)
 * @tb: array of @max + 1 entries; cleared, then tb[type] is the last
 *      attribute of that type (type with NLA_F_NESTED and
 *      NLA_F_NET_BYTEORDER masked off)
 * @policy: @max + 1 entries, or NULL to check only the framing
 *
 * Types above @max are skipped.  Returns 0 when everything was well
 * formed, -EINVAL when the framing was broken or an attribute failed its
 * policy (the table then holds what was valid).
 */
int nl_attr_parse(const void *start, size_t len, const struct nlattr **tb, unsigned int max,
		  const struct nl_attr_policy *policy);

/**
 * nl_attr_parse_msg - nl_attr_parse() over the attributes of @nlh that
 * follow a family header of @hdr_len bytes.  Returns -EINVAL also when
 * the message is too short to hold that header.
 */
int nl_attr_parse_msg(const struct nlmsghdr *nlh, size_t hdr_len, const struct nlattr **tb,
		      unsigned int max, const struct nl_attr_policy *policy);

/**
 * nl_attr_parse_nested - nl_attr_parse() over the payload of @nest, an
 * attribute from a table nl_attr_parse() filled (its nla_len is trusted).
 */
int nl_attr_parse_nested(const struct nlattr *nest, const struct nlattr **tb, unsigned int max,
			 const struct nl_attr_policy *policy);

/*
 * nl_msg_payload - the family header of @nlh when the message holds at
 * least @hdr_len bytes of it, NULL otherwise.  Like nl_attr_parse_msg(),
 * it trusts nlmsg_len: that the caller holds that many bytes is the
 * caller's check (nl_msg_ok() on what it received).
 */
const void *nl_msg_payload(const struct nlmsghdr *nlh, size_t hdr_len);

/*
 * nl_attr_nest_start_plain - mnl_attr_nest_start() without NLA_F_NESTED
 * in the type: most rtnetlink nests predate the flag, and the reference
 * sends them without it.  Close with mnl_attr_nest_end().
 */
struct nlattr *nl_attr_nest_start_plain(struct nlmsghdr *nlh, uint16_t type);

#endif
