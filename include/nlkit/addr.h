/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Addresses and prefixes: IPv4, IPv6, MPLS labels and link-layer
 * addresses, parsed from the command line and printed from netlink
 * attributes as the reference does.
 */
#ifndef NLKIT_ADDR_H
#define NLKIT_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ADDR_F_DEFAULT	0x1	/* written as "default" */
#define ADDR_F_ANY	0x2	/* written as "any" or "all" */
#define ADDR_F_PREFIX	0x4	/* a prefix length was given */

struct inet_prefix {
	uint16_t family;	/* AF_INET, AF_INET6, AF_MPLS, or AF_UNSPEC for "default"/"any" */
	uint16_t bytelen;	/* bytes in data that hold the address */
	int16_t bitlen;		/* prefix length; the full width when none was given */
	uint16_t flags;		/* ADDR_F_* */
	uint8_t data[16];
};

/**
 * addr_parse - parse an address with no prefix length
 * @family: AF_UNSPEC to accept any family, or the one required
 *
 * Accepts "default", "any" and "all" (family taken from @family, AF_UNSPEC
 * otherwise, bytelen 0).  Returns 0 or -EINVAL.
 */
int addr_parse(const char *s, int family, struct inet_prefix *out);

/**
 * prefix_parse - parse ADDR[/LEN]; LEN may be a dotted IPv4 netmask for
 * IPv4.  "default"/"any"/"all" give a zero prefix.  Returns 0 or -EINVAL.
 */
int prefix_parse(const char *s, int family, struct inet_prefix *out);

/** prefix_match - @a equals @b in the first @bits bits. */
bool prefix_match(const struct inet_prefix *a, const struct inet_prefix *b, int bits);

/**
 * addr_format - text of the address of @family in @data (@len bytes):
 * dotted quad, RFC 5952 IPv6, MPLS label stack "L1/L2".  Returns @buf.
 */
const char *addr_format(int family, const void *data, size_t len, char *buf, size_t buflen);

/* Text for an address family as the reference prints it ("inet", "inet6", "mpls", ...). */
const char *family_name(int family);

/* The family for "inet", "inet6", "mpls", "link", "bridge", ...; AF_UNSPEC (0) if none. */
int family_parse(const char *name);

/**
 * lladdr_format - a link-layer address as the reference prints it for a
 * device of ARPHRD type @arphrd: colon-separated hex, or the IPv4/IPv6
 * address for tunnel types whose hardware address is one.
 */
const char *lladdr_format(const uint8_t *a, size_t len, unsigned int arphrd, char *buf, size_t buflen);

/**
 * lladdr_parse - "aa:bb:..." (':' or '.' separators, one or two hex
 * digits a byte) into @out; returns the number of bytes, or -EINVAL.
 */
int lladdr_parse(const char *s, uint8_t *out, size_t max);

#endif
