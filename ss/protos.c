// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The protocol names of packet and netlink sockets, both ways: the
 * Local Address column prints them, filters name them (link:ip,
 * netlink:rtnl).  Kept apart from the printers so that the filter's
 * fuzz target, which takes filter.c alone, can take these too.
 */
#include <string.h>
#include <strings.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>

#include <nlkit/util.h>

#include "ss.h"

static const struct {
	uint16_t proto;
	const char *name;
} packet_names[] = {
	{ ETH_P_ALL, "*" }, { ETH_P_IP, "ip" }, { ETH_P_IPV6, "ipv6" },
	{ ETH_P_ARP, "arp" }, { ETH_P_8021Q, "802.1Q" }, { ETH_P_LOOP, "loop" },
};

const char *packet_proto_name(uint16_t proto)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(packet_names); i++)
		if (packet_names[i].proto == proto)
			return packet_names[i].name;
	return NULL;
}

/* Filters name protocols in either case ("*" is their wildcard, not ETH_P_ALL). */
int packet_proto_number(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(packet_names); i++)
		if (packet_names[i].proto != ETH_P_ALL && !strcasecmp(packet_names[i].name, name))
			return packet_names[i].proto;
	return -1;
}

static const char *const netlink_names[] = {
	[NETLINK_ROUTE] = "rtnl",
	[NETLINK_UNUSED] = "unused",
	[NETLINK_USERSOCK] = "usersock",
	[NETLINK_FIREWALL] = "fw",
	[NETLINK_SOCK_DIAG] = "tcpdiag",
	[NETLINK_NFLOG] = "nflog",
	[NETLINK_XFRM] = "xfrm",
	[NETLINK_SELINUX] = "selinux",
	[NETLINK_ISCSI] = "iscsi",
	[NETLINK_AUDIT] = "audit",
	[NETLINK_FIB_LOOKUP] = "fiblookup",
	[NETLINK_CONNECTOR] = "connector",
	[NETLINK_NETFILTER] = "nft",
	[NETLINK_IP6_FW] = "ip6fw",
	[NETLINK_DNRTMSG] = "dec-rt",
	[NETLINK_KOBJECT_UEVENT] = "uevent",
	[NETLINK_GENERIC] = "genl",
	[NETLINK_SCSITRANSPORT] = "scsi-trans",
	[NETLINK_ECRYPTFS] = "ecryptfs",
	[NETLINK_RDMA] = "rdma",
	[NETLINK_CRYPTO] = "crypto",
};

const char *netlink_proto_name(unsigned int protocol)
{
	return protocol < ARRAY_SIZE(netlink_names) ? netlink_names[protocol] : NULL;
}

int netlink_proto_number(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(netlink_names); i++)
		if (netlink_names[i] && !strcmp(netlink_names[i], name))
			return (int)i;
	return -1;
}
