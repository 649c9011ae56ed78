// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the address, prefix and link-layer address parsers
 * (include/nlkit/addr.h) on the input as a string, and their printers on
 * the input as an address's bytes.
 *
 * Input: one byte choosing the family of the parsers (bits 0-1: any,
 * inet, inet6, mpls) and the ARPHRD type of lladdr_format() (bits 2-4),
 * then the text, which is also the bytes.
 */
#include <linux/if_arp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/mpls.h>

#include <nlkit/addr.h>
#include <nlkit/util.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int families[] = { AF_UNSPEC, AF_INET, AF_INET6, AF_MPLS };
	static const int format_families[] = { AF_INET, AF_INET6, AF_MPLS, AF_PACKET, AF_BRIDGE,
					       AF_UNSPEC };
	static const unsigned int arphrds[] = { ARPHRD_ETHER, ARPHRD_TUNNEL, ARPHRD_SIT,
						ARPHRD_IPGRE, ARPHRD_TUNNEL6, ARPHRD_IP6GRE,
						ARPHRD_LOOPBACK, ARPHRD_INFINIBAND };
	struct inet_prefix addr, prefix;
	uint8_t lladdr[32];
	char text[256], *s;
	int family;
	size_t i;

	if (size < 1)
		return 0;
	family = families[data[0] & 0x03];
	s = xmalloc(size);
	memcpy(s, data + 1, size - 1);
	s[size - 1] = '\0';

	if (addr_parse(s, family, &addr) == 0 && prefix_parse(s, family, &prefix) == 0 &&
	    addr.family == prefix.family)
		prefix_match(&addr, &prefix, prefix.bitlen < 0 ? 0 : prefix.bitlen);
	lladdr_parse(s, lladdr, sizeof(lladdr));
	free(s);

	for (i = 0; i < ARRAY_SIZE(format_families); i++)
		addr_format(format_families[i], data + 1, size - 1, text, sizeof(text));
	/* A short buffer too: whole bytes only, never past its end. */
	lladdr_format(data + 1, size - 1, arphrds[(data[0] >> 2) & 0x07], text, 8);
	lladdr_format(data + 1, size - 1, arphrds[(data[0] >> 2) & 0x07], text, sizeof(text));
	return 0;
}
