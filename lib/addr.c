// SPDX-License-Identifier: GPL-2.0-or-later
/* Addresses, prefixes and link-layer addresses, read and written as the reference does. */
#include <arpa/inet.h>
#include <netdb.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_arp.h>
#include <linux/mpls.h>

#include <nlkit/addr.h>

#define MPLS_LABEL_BITS 20
#define MPLS_MAX_LABELS (sizeof(((struct inet_prefix *)0)->data) / sizeof(uint32_t))

/*
 * A number as strtoul() reads it (leading blanks, a sign, base prefixes)
 * that must take the whole of [@s, @end).  The reference reads address
 * bytes and prefix lengths that way.
 */
static int read_number(const char *s, const char **end, unsigned long max, unsigned long *out)
{
	char *stop;
	unsigned long n;

	errno = 0;
	n = strtoul(s, &stop, 0);
	if (stop == s || errno || n > max)
		return -EINVAL;
	*end = stop;
	*out = n;
	return 0;
}

/*
 * Dotted IPv4 with one to four parts, each a byte in any base strtoul()
 * takes; missing trailing bytes are zero ("10.1" is 10.1.0.0).
 */
static int parse_ipv4(const char *s, uint8_t *out)
{
	unsigned int i;

	memset(out, 0, 4);
	for (i = 0; i < 4; i++) {
		unsigned long n;
		const char *end;

		if (read_number(s, &end, 255, &n))
			return -EINVAL;
		out[i] = (uint8_t)n;
		if (!*end)
			return 0;
		if (*end != '.')
			return -EINVAL;
		s = end + 1;
	}
	return -EINVAL;
}

/* Labels "L1/L2/...", the last one marked bottom of stack. */
static int parse_mpls(const char *s, struct inet_prefix *out)
{
	unsigned int i;

	for (i = 0; i < MPLS_MAX_LABELS; i++) {
		unsigned long label;
		const char *end;
		uint32_t entry;

		if (read_number(s, &end, (1ul << MPLS_LABEL_BITS) - 1, &label))
			return -EINVAL;
		if (*end && *end != '/')
			return -EINVAL;
		entry = (uint32_t)label << MPLS_LS_LABEL_SHIFT;
		if (!*end)
			entry |= MPLS_LS_S_MASK;
		entry = htonl(entry);
		memcpy(out->data + i * sizeof(entry), &entry, sizeof(entry));
		if (!*end) {
			out->family = AF_MPLS;
			out->bytelen = (uint16_t)((i + 1) * sizeof(entry));
			out->bitlen = MPLS_LABEL_BITS;
			return 0;
		}
		s = end + 1;
	}
	return -EINVAL;
}

int addr_parse(const char *s, int family, struct inet_prefix *out)
{
	memset(out, 0, sizeof(*out));

	if (!strcmp(s, "default") || !strcmp(s, "any") || !strcmp(s, "all")) {
		if (family == AF_MPLS)
			return -EINVAL;
		out->family = (uint16_t)family;
		out->flags = s[0] == 'd' ? ADDR_F_DEFAULT | ADDR_F_PREFIX : ADDR_F_ANY;
		return 0;
	}

	switch (family) {
	case AF_MPLS:
		return parse_mpls(s, out);
	case AF_UNSPEC:
		family = strchr(s, ':') ? AF_INET6 : AF_INET;
		break;
	case AF_INET:
	case AF_INET6:
		break;
	default:
		return -EINVAL;
	}

	if (family == AF_INET6) {
		if (inet_pton(AF_INET6, s, out->data) != 1)
			return -EINVAL;
		out->bytelen = 16;
		out->bitlen = 128;
	} else {
		if (parse_ipv4(s, out->data))
			return -EINVAL;
		out->bytelen = 4;
		out->bitlen = 32;
	}
	out->family = (uint16_t)family;
	return 0;
}

/* A contiguous netmask's length, or -1. */
static int mask_bits(const uint8_t *mask)
{
	uint32_t m = (uint32_t)mask[0] << 24 | mask[1] << 16 | mask[2] << 8 | mask[3];
	uint32_t host = ~m;

	/* The host part must be a run of low ones. */
	if (host & (host + 1))
		return -1;
	return __builtin_popcount(m);
}

/* A prefix length: a number, or a dotted netmask (any family, as the reference). */
static int parse_prefix_len(const char *s, int max_bits)
{
	unsigned long n;
	const char *end;
	uint8_t mask[4];
	int bits;

	if (!read_number(s, &end, max_bits, &n) && !*end)
		return (int)n;
	if (!read_number(s, &end, ~0ul, &n) && !*end)
		return -1;
	if (parse_ipv4(s, mask))
		return -1;
	bits = mask_bits(mask);
	return bits <= max_bits ? bits : -1;
}

int prefix_parse(const char *s, int family, struct inet_prefix *out)
{
	const char *slash = strchr(s, '/');
	char *addr;
	int err, bits;

	if (family == AF_MPLS || !slash)
		return addr_parse(s, family, out);

	addr = strndup(s, (size_t)(slash - s));
	if (!addr)
		return -ENOMEM;
	err = addr_parse(addr, family, out);
	free(addr);
	if (err)
		return err;
	if (out->flags & (ADDR_F_DEFAULT | ADDR_F_ANY))
		return -EINVAL;
	bits = parse_prefix_len(slash + 1, out->bitlen);
	if (bits < 0)
		return -EINVAL;
	out->bitlen = (int16_t)bits;
	out->flags |= ADDR_F_PREFIX;
	return 0;
}

bool prefix_match(const struct inet_prefix *a, const struct inet_prefix *b, int bits)
{
	int whole;

	if (bits > (int)sizeof(a->data) * 8)
		bits = sizeof(a->data) * 8;
	if (bits <= 0)
		return true;
	whole = bits / 8;
	if (memcmp(a->data, b->data, (size_t)whole))
		return false;
	bits %= 8;
	if (bits) {
		uint8_t mask = (uint8_t)(0xff00 >> bits);

		if ((a->data[whole] ^ b->data[whole]) & mask)
			return false;
	}
	return true;
}

static const char *format_mpls(const uint8_t *data, size_t len, char *buf, size_t buflen)
{
	size_t off = 0, i;

	buf[0] = '\0';
	for (i = 0; i + 4 <= len; i += 4) {
		uint32_t entry;
		int n;

		memcpy(&entry, data + i, sizeof(entry));
		entry = ntohl(entry);
		n = snprintf(buf + off, buflen - off, "%s%u", i ? "/" : "",
			     (entry & MPLS_LS_LABEL_MASK) >> MPLS_LS_LABEL_SHIFT);
		if (n < 0 || (size_t)n >= buflen - off) {
			buf[off] = '\0';
			break;
		}
		off += (size_t)n;
		if (entry & MPLS_LS_S_MASK)
			break;
	}
	return buf;
}

/*
 * A dotted quad without printf: listings format one or two per line,
 * and inet_ntop() goes through sprintf().  @buf holds at least 16 bytes.
 */
static const char *format_inet4(const uint8_t *a, char *buf)
{
	char *p = buf;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned int v = a[i];

		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
		*p++ = i < 3 ? '.' : '\0';
	}
	return buf;
}

const char *addr_format(int family, const void *data, size_t len, char *buf, size_t buflen)
{
	if (!buflen)
		return buf;
	switch (family) {
	case AF_INET:
		if (len >= 4 && buflen >= INET_ADDRSTRLEN)
			return format_inet4(data, buf);
		if (len >= 4 && inet_ntop(AF_INET, data, buf, (socklen_t)buflen))
			return buf;
		break;
	case AF_INET6:
		if (len >= 16 && inet_ntop(AF_INET6, data, buf, (socklen_t)buflen))
			return buf;
		break;
	case AF_MPLS:
		return format_mpls(data, len, buf, buflen);
	case AF_PACKET:
		return lladdr_format(data, len, ARPHRD_VOID, buf, buflen);
	case AF_BRIDGE:
		if (len == 4 || len == 16)
			return addr_format(len == 4 ? AF_INET : AF_INET6, data, len, buf, buflen);
		break;
	}
	snprintf(buf, buflen, "???");
	return buf;
}

static const struct {
	int family;
	const char *name;
} family_names[] = {
	{ AF_INET, "inet" },
	{ AF_INET6, "inet6" },
	{ AF_PACKET, "link" },
	{ AF_MPLS, "mpls" },
	{ AF_BRIDGE, "bridge" },
};

const char *family_name(int family)
{
	size_t i;

	for (i = 0; i < sizeof(family_names) / sizeof(family_names[0]); i++)
		if (family_names[i].family == family)
			return family_names[i].name;
	return "???";
}

int family_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(family_names) / sizeof(family_names[0]); i++)
		if (!strcmp(family_names[i].name, name))
			return family_names[i].family;
	return AF_UNSPEC;
}

const char *lladdr_format(const uint8_t *a, size_t len, unsigned int arphrd, char *buf,
			  size_t buflen)
{
	size_t i, off = 0;

	if (!buflen)
		return buf;
	if (len == 4 && (arphrd == ARPHRD_TUNNEL || arphrd == ARPHRD_SIT || arphrd == ARPHRD_IPGRE))
		return addr_format(AF_INET, a, len, buf, buflen);
	if (len == 16 && (arphrd == ARPHRD_TUNNEL6 || arphrd == ARPHRD_IP6GRE))
		return addr_format(AF_INET6, a, len, buf, buflen);

	buf[0] = '\0';
	/* Whole bytes only: "xx" or ":xx" must fit with the NUL. */
	for (i = 0; i < len && off + (i ? 3 : 2) < buflen; i++)
		off += (size_t)snprintf(buf + off, buflen - off, i ? ":%02x" : "%02x", a[i]);
	return buf;
}

static int lladdr_invalid(const char *what)
{
	fprintf(stderr, "\"%s\" is invalid lladdr.\n", what);
	return -EINVAL;
}

int lladdr_parse(const char *s, uint8_t *out, size_t max)
{
	const char *piece = s;
	size_t i;

	/* A dotted address is an IPv4 one, for tunnels. */
	if (strchr(s, '.')) {
		uint8_t ipv4[4];

		if (parse_ipv4(s, ipv4))
			return lladdr_invalid(s);
		memcpy(out, ipv4, max < 4 ? max : 4);
		return max < 4 ? (int)max + 1 : 4;
	}

	for (i = 0; i < max; i++) {
		const char *colon = strchr(piece, ':');
		size_t piece_len = colon ? (size_t)(colon - piece) : strlen(piece);
		char *copy = strndup(piece, piece_len);
		unsigned int byte;
		int ok;

		if (!copy)
			return -ENOMEM;
		/* sscanf() as the reference: blanks, a sign, 0x and trailing junk pass. */
		ok = sscanf(copy, "%x", &byte) == 1 && byte <= 255;
		if (!ok) {
			lladdr_invalid(copy);
			free(copy);
			return -EINVAL;
		}
		free(copy);
		out[i] = (uint8_t)byte;
		if (!colon)
			return (int)i + 1;
		piece = colon + 1;
	}
	/* More bytes than @max: the reference reports the count as max + 1. */
	return (int)max + 1;
}

const char *addr_format_host(int family, const void *data, size_t len, bool resolve, char *buf,
			     size_t buflen)
{
	struct sockaddr_storage ss = { 0 };
	socklen_t sa_len = 0;

	if (resolve && family == AF_INET && len == sizeof(struct in_addr)) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, data, len);
		sa_len = sizeof(*sin);
	} else if (resolve && family == AF_INET6 && len == sizeof(struct in6_addr)) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, data, len);
		sa_len = sizeof(*sin6);
	}
	if (sa_len && buflen <= (size_t)UINT32_MAX &&
	    !getnameinfo((struct sockaddr *)&ss, sa_len, buf, (socklen_t)buflen, NULL, 0,
			 NI_NAMEREQD))
		return buf;
	return addr_format(family, data, len, buf, buflen);
}
