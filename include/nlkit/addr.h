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
 * @family: AF_UNSPEC to accept any family (IPv6 when @s holds a ':',
 *          IPv4 otherwise), or the one required: AF_INET, AF_INET6 or
 *          AF_MPLS
 *
 * IPv4 takes one to four dotted parts, each a byte as strtoul() reads it
 * (so 0x hex and 0 octal too); missing trailing bytes are zero, "10.1"
 * being 10.1.0.0, as the reference reads it.  IPv6 is what inet_pton()
 * takes (no zone, no brackets).  MPLS is a stack of up to four labels
 * "L1/L2", stored as struct mpls_label entries (network order, the last
 * one bottom of stack), with bitlen 20.
 *
 * Accepts "default", "any" and "all" (family taken from @family, AF_UNSPEC
 * otherwise, bytelen 0, bitlen 0; "default" gets ADDR_F_DEFAULT and
 * ADDR_F_PREFIX, the others ADDR_F_ANY), except for MPLS.  Returns 0 or
 * -EINVAL.
 */
int addr_parse(const char *s, int family, struct inet_prefix *out);

/**
 * prefix_parse - parse ADDR[/LEN] as addr_parse() and a prefix length
 * (ADDR_F_PREFIX), as the reference: LEN is a number as strtoul() reads
 * it, no larger than the family's width, or else a contiguous dotted
 * netmask, for IPv6 too ("/255.255" is 16).  "default"/"any"/"all" give
 * a zero prefix, and take no LEN.  Host bits are left as given.  Returns
 * 0, -EINVAL or -ENOMEM.
 */
int prefix_parse(const char *s, int family, struct inet_prefix *out);

/**
 * prefix_match - @a equals @b in the first @bits bits (at most 128) of
 * their data; the families are the caller's to check.
 */
bool prefix_match(const struct inet_prefix *a, const struct inet_prefix *b, int bits);

/**
 * addr_format - text of the address of @family in @data (@len bytes):
 * dotted quad, inet_ntop()'s IPv6 (RFC 5952, "::ffff:1.2.3.4"), MPLS label
 * stack "L1/L2" up to the bottom of stack, AF_PACKET as colon-separated
 * hex, AF_BRIDGE by its length; "???" for anything else or a @len too
 * short for the family.  Returns @buf.
 */
const char *addr_format(int family, const void *data, size_t len, char *buf, size_t buflen);

/**
 * addr_format_host - addr_format(), or with @resolve (the reference's -r)
 * the host name of an IPv4 or IPv6 address as getnameinfo() finds it
 * (NI_NAMEREQD: /etc/hosts, DNS), the address text when it has none.
 * Returns @buf.
 */
const char *addr_format_host(int family, const void *data, size_t len, bool resolve, char *buf,
			     size_t buflen);

/*
 * Text for an address family as the reference prints it: "inet", "inet6",
 * "link" (AF_PACKET), "mpls", "bridge"; "???" for any other.
 */
const char *family_name(int family);

/*
 * The family for exactly "inet", "inet6", "link", "mpls" or "bridge" (the
 * names -family takes); AF_UNSPEC (0) for anything else.
 */
int family_parse(const char *name);

/**
 * lladdr_format - a link-layer address as the reference prints it for a
 * device of ARPHRD type @arphrd: colon-separated lowercase hex ("" for
 * @len 0), or the IPv4 address of a 4-byte ARPHRD_TUNNEL, _SIT or _IPGRE
 * address, the IPv6 one of a 16-byte ARPHRD_TUNNEL6 or _IP6GRE address.
 * A @buf too short gets whole bytes only.  Returns @buf.
 */
const char *lladdr_format(const uint8_t *a, size_t len, unsigned int arphrd, char *buf, size_t buflen);

/**
 * lladdr_parse - a link-layer address from the command line into @out,
 * as the reference reads it: bytes separated by ':', each what
 * sscanf("%x") takes (so "2:1:2:3:4:5", "0x2" and "5g" pass) up to 0xff;
 * or, when @s holds a '.', a dotted IPv4 address (4 bytes, for tunnels).
 *
 * Returns the number of bytes; @max + 1 when there are more (the bytes
 * past @max are neither stored nor checked), so that the caller reports
 * the reference's "Invalid address length" with @max the size of its
 * buffer (32 in the reference).  A bad byte gets the reference's
 * "\"BYTE\" is invalid lladdr." on stderr and -EINVAL.
 */
int lladdr_parse(const char *s, uint8_t *out, size_t max);

#endif
