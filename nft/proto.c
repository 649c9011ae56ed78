// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The selector tables: protocol header fields, meta keys, conntrack keys,
 * families, hooks and priorities.  A new field or key is one row.
 */
#include <netinet/in.h>
#include <string.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/if_ether.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>

#include <nlkit/util.h>

#include "ast.h"

#define F(n, off, l, t) { .name = n, .offset = off, .len = l, .dtype = &t }
/* A field of the header of ICMP type @ty (or of both types of an echo). */
#define FT(n, off, l, t, ty) { .name = n, .offset = off, .len = l, .dtype = &t, \
			       .icmp_types = { ty }, .n_icmp_types = 1 }
#define FT2(n, off, l, t, ty1, ty2) { .name = n, .offset = off, .len = l, .dtype = &t, \
				      .icmp_types = { ty1, ty2 }, .n_icmp_types = 2 }
/* A field the transport checksum's pseudo-header covers. */
#define FPH(n, off, l, t) { .name = n, .offset = off, .len = l, .dtype = &t, \
			    .pseudo_header = true }
/* A field only listed: the language has no word for it. */
#define FU(n, off, l, t, ty) { .name = n, .offset = off, .len = l, .dtype = &t, \
			       .icmp_types = { ty }, .n_icmp_types = 1, .unnamed = true }
#define END { .name = NULL }

static const struct proto_field ether_fields[] = {
	F("daddr", 0, 48, ether_type_addr),
	F("saddr", 48, 48, ether_type_addr),
	F("type", 96, 16, ethertype_type),
	END,
};

/* The VLAN header follows the Ethernet header in the link-layer base. */
static const struct proto_field vlan_fields[] = {
	F("pcp", 112, 3, integer_type),
	F("dei", 115, 1, integer_type),
	F("cfi", 115, 1, integer_type),	/* dei's old name, listed as dei */
	F("id", 116, 12, integer_type),
	F("type", 128, 16, ethertype_type),
	END,
};

static const struct proto_field arp_fields[] = {
	F("htype", 0, 16, integer_type),
	F("ptype", 16, 16, ethertype_type),
	F("hlen", 32, 8, integer_type),
	F("plen", 40, 8, integer_type),
	F("operation", 48, 16, arpop_type),
	/* the addresses of Ethernet and IPv4, as the reference knows them */
	F("saddr ether", 64, 48, ether_type_addr),
	F("saddr ip", 112, 32, ipv4_type),
	F("daddr ether", 144, 48, ether_type_addr),
	F("daddr ip", 192, 32, ipv4_type),
	END,
};

static const struct proto_field ip_fields[] = {
	F("version", 0, 4, integer_type),
	F("hdrlength", 4, 4, integer_type),
	F("dscp", 8, 6, dscp_type),
	F("ecn", 14, 2, ecn_type),
	F("length", 16, 16, integer_type),
	F("id", 32, 16, integer_type),
	F("frag-off", 48, 16, integer_type),
	F("ttl", 64, 8, integer_type),
	FPH("protocol", 72, 8, inet_proto_type),
	F("checksum", 80, 16, integer_type),
	FPH("saddr", 96, 32, ipv4_type),
	FPH("daddr", 128, 32, ipv4_type),
	END,
};

static const struct proto_field ip6_fields[] = {
	F("version", 0, 4, integer_type),
	F("dscp", 4, 6, dscp_type),
	F("ecn", 10, 2, ecn_type),
	F("flowlabel", 12, 20, integer_type),
	F("length", 32, 16, integer_type),
	FPH("nexthdr", 48, 8, inet_proto_type),
	F("hoplimit", 56, 8, integer_type),
	FPH("saddr", 64, 128, ipv6_type),
	FPH("daddr", 192, 128, ipv6_type),
	END,
};

static const struct proto_field icmp_fields[] = {
	F("type", 0, 8, icmp_type_type),
	F("code", 8, 8, icmp_code_type),
	F("checksum", 16, 16, integer_type),
	FT2("id", 32, 16, integer_type, ICMP_ECHOREPLY, ICMP_ECHO),
	FT2("sequence", 48, 16, integer_type, ICMP_ECHOREPLY, ICMP_ECHO),
	FT("gateway", 32, 32, integer_type, ICMP_REDIRECT),
	FT("mtu", 48, 16, integer_type, ICMP_DEST_UNREACH),
	END,
};

static const struct proto_field icmp6_fields[] = {
	F("type", 0, 8, icmpv6_type_type),
	F("code", 8, 8, icmpv6_code_type),
	F("checksum", 16, 16, integer_type),
	/* the pointer of a parameter problem, first of the fields after the
	 * checksum in the reference's table (what a trace shows there) */
	FU("parameter-problem", 32, 32, integer_type, ICMPV6_PARAMPROB),
	FT2("id", 32, 16, integer_type, ICMPV6_ECHO_REQUEST, ICMPV6_ECHO_REPLY),
	FT2("sequence", 48, 16, integer_type, ICMPV6_ECHO_REQUEST, ICMPV6_ECHO_REPLY),
	FT("mtu", 32, 32, integer_type, ICMPV6_PKT_TOOBIG),
	FT("max-delay", 32, 16, integer_type, ICMPV6_MGM_QUERY),
	END,
};

static const struct proto_field tcp_fields[] = {
	F("sport", 0, 16, inet_service_type),
	F("dport", 16, 16, inet_service_type),
	F("sequence", 32, 32, integer_type),
	F("ackseq", 64, 32, integer_type),
	F("doff", 96, 4, integer_type),
	F("reserved", 100, 4, integer_type),
	F("flags", 104, 8, tcp_flag_type),
	F("window", 112, 16, integer_type),
	F("checksum", 128, 16, integer_type),
	F("urgptr", 144, 16, integer_type),
	END,
};

static const struct proto_field udp_fields[] = {
	F("sport", 0, 16, inet_service_type),
	F("dport", 16, 16, inet_service_type),
	F("length", 32, 16, integer_type),
	F("checksum", 48, 16, integer_type),
	END,
};

static const struct proto_field udplite_fields[] = {
	F("sport", 0, 16, inet_service_type),
	F("dport", 16, 16, inet_service_type),
	F("csumcov", 32, 16, integer_type),
	F("checksum", 48, 16, integer_type),
	END,
};

static const struct proto_field dccp_fields[] = {
	F("sport", 0, 16, inet_service_type),
	F("dport", 16, 16, inet_service_type),
	/* after data offset, CCVal, CsCov, checksum and three reserved bits */
	F("type", 67, 4, dccp_pkttype_type),
	END,
};

static const struct proto_field sctp_fields[] = {
	F("sport", 0, 16, inet_service_type),
	F("dport", 16, 16, inet_service_type),
	F("vtag", 32, 32, integer_type),
	F("checksum", 64, 32, integer_type),
	END,
};

static const struct proto_field esp_fields[] = {
	F("spi", 0, 32, integer_type),
	F("sequence", 32, 32, integer_type),
	END,
};

static const struct proto_field ah_fields[] = {
	F("nexthdr", 0, 8, inet_proto_type),
	F("hdrlength", 8, 8, integer_type),
	F("reserved", 16, 16, integer_type),
	F("spi", 32, 32, integer_type),
	F("sequence", 64, 32, integer_type),
	END,
};

static const struct proto_field comp_fields[] = {
	F("nexthdr", 0, 8, inet_proto_type),
	F("flags", 8, 8, bitmask_type),
	F("cpi", 16, 16, integer_type),
	END,
};

/* in the reference's order, which numbers them in a set's typeof */
static const struct proto_field igmp_fields[] = {
	F("type", 0, 8, igmp_type_type),
	F("checksum", 16, 16, integer_type),
	F("mrt", 8, 8, integer_type),
	F("group", 32, 32, integer_type),
	END,
};

static const struct proto_field th_fields[] = {
	F("sport", 0, 16, inet_service_type),
	F("dport", 16, 16, inet_service_type),
	END,
};

const struct proto_desc proto_ether = { "ether", LAYER_LL, NFT_PAYLOAD_LL_HEADER, 1,
					ether_fields, 0, NULL, "saddr or daddr or type" };
const struct proto_desc proto_vlan = { "vlan", LAYER_LL, NFT_PAYLOAD_LL_HEADER, 0x8100,
				       vlan_fields, 0, NULL, NULL };
const struct proto_desc proto_arp = { "arp", LAYER_NETWORK, NFT_PAYLOAD_NETWORK_HEADER,
				      ETH_P_ARP, arp_fields, NFPROTO_ARP, NULL, NULL };
const struct proto_desc proto_ip = { "ip", LAYER_NETWORK, NFT_PAYLOAD_NETWORK_HEADER,
				     ETH_P_IP, ip_fields, NFPROTO_IPV4, NULL, NULL };
const struct proto_desc proto_ip6 = { "ip6", LAYER_NETWORK, NFT_PAYLOAD_NETWORK_HEADER,
				      ETH_P_IPV6, ip6_fields, NFPROTO_IPV6, NULL, NULL };
const struct proto_desc proto_icmp = { "icmp", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				       IPPROTO_ICMP, icmp_fields, 0, &proto_ip, NULL };
const struct proto_desc proto_icmp6 = { "icmpv6", LAYER_TRANSPORT,
					NFT_PAYLOAD_TRANSPORT_HEADER, IPPROTO_ICMPV6,
					icmp6_fields, 0, &proto_ip6, NULL };
const struct proto_desc proto_igmp = { "igmp", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				       IPPROTO_IGMP, igmp_fields, 0, &proto_ip, "type or checksum or mrt or group" };
const struct proto_desc proto_tcp = { "tcp", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				      IPPROTO_TCP, tcp_fields, 0, NULL, NULL };
const struct proto_desc proto_udp = { "udp", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				      IPPROTO_UDP, udp_fields, 0, NULL, "length or checksum or sport or dport" };
const struct proto_desc proto_udplite = { "udplite", LAYER_TRANSPORT,
					  NFT_PAYLOAD_TRANSPORT_HEADER, IPPROTO_UDPLITE,
					  udplite_fields, 0, NULL, "checksum or sport or dport or csumcov" };
const struct proto_desc proto_dccp = { "dccp", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				       IPPROTO_DCCP, dccp_fields, 0, NULL, "type or sport or dport" };
const struct proto_desc proto_sctp = { "sctp", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				       IPPROTO_SCTP, sctp_fields, 0, NULL, NULL };
const struct proto_desc proto_esp = { "esp", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				      IPPROTO_ESP, esp_fields, 0, NULL, "seq or spi" };
const struct proto_desc proto_ah = { "ah", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				     IPPROTO_AH, ah_fields, 0, NULL, NULL };
const struct proto_desc proto_comp = { "comp", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				       IPPROTO_COMP, comp_fields, 0, NULL, "nexthdr or flags or cpi" };
const struct proto_desc proto_th = { "th", LAYER_TRANSPORT, NFT_PAYLOAD_TRANSPORT_HEADER,
				     0, th_fields, 0, NULL, "sport or dport" };

static const struct proto_desc *const protocols[] = {
	&proto_ether, &proto_vlan, &proto_arp, &proto_ip, &proto_ip6, &proto_icmp,
	&proto_icmp6, &proto_igmp, &proto_tcp, &proto_udp, &proto_udplite, &proto_dccp,
	&proto_sctp, &proto_esp, &proto_ah, &proto_comp, &proto_th,
};

const struct proto_desc *proto_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(protocols); i++)
		if (!strcmp(protocols[i]->name, name))
			return protocols[i];
	return NULL;
}

const struct proto_desc *proto_by_number(enum proto_layer layer, unsigned int protocol)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(protocols); i++)
		if (protocols[i]->layer == layer && protocols[i]->protocol == protocol &&
		    protocols[i] != &proto_vlan)
			return protocols[i];
	return NULL;
}

const struct proto_field *proto_field_find(const struct proto_desc *d, const char *name)
{
	const struct proto_field *f;

	for (f = d->fields; f->name; f++)
		if (!f->unnamed && !strcmp(f->name, name))
			return f;
	return NULL;
}

#define M(n, k, t, o, l, ...) { .name = n, .key = k, .dtype = &t, .byteorder = o, .len = l, \
				 __VA_ARGS__ }

static const struct meta_key meta_keys[] = {
	M("length", NFT_META_LEN, integer_type, BYTEORDER_HOST, 32),
	M("protocol", NFT_META_PROTOCOL, ethertype_type, BYTEORDER_BIG, 16),
	M("priority", NFT_META_PRIORITY, tc_handle_type, BYTEORDER_HOST, 32),
	M("mark", NFT_META_MARK, mark_type, BYTEORDER_HOST, 32),
	M("iif", NFT_META_IIF, ifindex_type, BYTEORDER_HOST, 32, .unqualified = true),
	M("iifname", NFT_META_IIFNAME, ifname_type, BYTEORDER_HOST, 128, .unqualified = true),
	M("iiftype", NFT_META_IIFTYPE, iftype_type, BYTEORDER_HOST, 16),
	M("oif", NFT_META_OIF, ifindex_type, BYTEORDER_HOST, 32, .unqualified = true),
	M("oifname", NFT_META_OIFNAME, ifname_type, BYTEORDER_HOST, 128, .unqualified = true),
	M("oiftype", NFT_META_OIFTYPE, iftype_type, BYTEORDER_HOST, 16),
	M("skuid", NFT_META_SKUID, uid_type, BYTEORDER_HOST, 32),
	M("skgid", NFT_META_SKGID, gid_type, BYTEORDER_HOST, 32),
	M("nftrace", NFT_META_NFTRACE, integer_type, BYTEORDER_HOST, 1),
	M("rtclassid", NFT_META_RTCLASSID, realm_type, BYTEORDER_HOST, 32),
	M("secmark", NFT_META_SECMARK, integer_type, BYTEORDER_HOST, 32),
	M("nfproto", NFT_META_NFPROTO, nfproto_type, BYTEORDER_HOST, 8),
	M("l4proto", NFT_META_L4PROTO, inet_proto_type, BYTEORDER_HOST, 8),
	M("pkttype", NFT_META_PKTTYPE, pkttype_type, BYTEORDER_HOST, 8),
	M("cpu", NFT_META_CPU, integer_type, BYTEORDER_HOST, 32),
	M("iifgroup", NFT_META_IIFGROUP, devgroup_type, BYTEORDER_HOST, 32, .unqualified = true),
	M("oifgroup", NFT_META_OIFGROUP, devgroup_type, BYTEORDER_HOST, 32, .unqualified = true),
	M("cgroup", NFT_META_CGROUP, integer_type, BYTEORDER_HOST, 32),
	M("random", NFT_META_PRANDOM, integer_type, BYTEORDER_BIG, 32),
	M("time", NFT_META_TIME_NS, date_type, BYTEORDER_HOST, 64),
	M("day", NFT_META_TIME_DAY, day_type, BYTEORDER_HOST, 8),
	M("hour", NFT_META_TIME_HOUR, hour_type, BYTEORDER_HOST, 32),
	M("ibrname", NFT_META_BRI_IIFNAME, ifname_type, BYTEORDER_HOST, 128),
	M("obrname", NFT_META_BRI_OIFNAME, ifname_type, BYTEORDER_HOST, 128),
	M("ibrpvid", NFT_META_BRI_IIFPVID, integer_type, BYTEORDER_HOST, 16),
	M("ibrvproto", NFT_META_BRI_IIFVPROTO, ethertype_type, BYTEORDER_BIG, 16),
	M("ipsec", NFT_META_SECPATH, boolean_type, BYTEORDER_HOST, 8),
	M("iifkind", NFT_META_IIFKIND, ifname_type, BYTEORDER_HOST, 128),
	M("oifkind", NFT_META_OIFKIND, ifname_type, BYTEORDER_HOST, 128),
	M("sdif", NFT_META_SDIF, ifindex_type, BYTEORDER_HOST, 32),
	M("sdifname", NFT_META_SDIFNAME, ifname_type, BYTEORDER_HOST, 128),
	/* older names the language still takes, listed by the names above */
	M("ibriport", NFT_META_BRI_IIFNAME, ifname_type, BYTEORDER_HOST, 128),
	M("obriport", NFT_META_BRI_OIFNAME, ifname_type, BYTEORDER_HOST, 128),
	M("secpath", NFT_META_SECPATH, boolean_type, BYTEORDER_HOST, 8),
};

/* Every meta key the kernel numbers, named as the language names them:
 * what an unknown key's error lists, in the kernel's order. */
static const char *const meta_key_names[] = {
	[NFT_META_LEN] = "length", [NFT_META_PROTOCOL] = "protocol",
	[NFT_META_PRIORITY] = "priority", [NFT_META_MARK] = "mark", [NFT_META_IIF] = "iif",
	[NFT_META_OIF] = "oif", [NFT_META_IIFNAME] = "iifname", [NFT_META_OIFNAME] = "oifname",
	[NFT_META_IIFTYPE] = "iiftype", [NFT_META_OIFTYPE] = "oiftype",
	[NFT_META_SKUID] = "skuid", [NFT_META_SKGID] = "skgid", [NFT_META_NFTRACE] = "nftrace",
	[NFT_META_RTCLASSID] = "rtclassid", [NFT_META_SECMARK] = "secmark",
	[NFT_META_NFPROTO] = "nfproto", [NFT_META_L4PROTO] = "l4proto",
	[NFT_META_BRI_IIFNAME] = "ibrname", [NFT_META_BRI_OIFNAME] = "obrname",
	[NFT_META_PKTTYPE] = "pkttype", [NFT_META_CPU] = "cpu",
	[NFT_META_IIFGROUP] = "iifgroup", [NFT_META_OIFGROUP] = "oifgroup",
	[NFT_META_CGROUP] = "cgroup", [NFT_META_PRANDOM] = "random",
	[NFT_META_SECPATH] = "ipsec", [NFT_META_IIFKIND] = "iifkind",
	[NFT_META_OIFKIND] = "oifkind", [NFT_META_BRI_IIFPVID] = "ibrpvid",
	[NFT_META_BRI_IIFVPROTO] = "ibrvproto", [NFT_META_TIME_NS] = "time",
	[NFT_META_TIME_DAY] = "day", [NFT_META_TIME_HOUR] = "hour", [NFT_META_SDIF] = "sdif",
	[NFT_META_SDIFNAME] = "sdifname",
};

char *meta_key_list(void)
{
	size_t i, len = 1;
	char *list;

	for (i = 0; i < ARRAY_SIZE(meta_key_names); i++)
		len += strlen(meta_key_names[i]) + 2;
	list = xcalloc(1, len);
	for (i = 0; i < ARRAY_SIZE(meta_key_names); i++) {
		if (i)
			strcat(list, ", ");
		strcat(list, meta_key_names[i]);
	}
	return list;
}

const struct meta_key *meta_key_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(meta_keys); i++)
		if (!strcmp(meta_keys[i].name, name))
			return &meta_keys[i];
	return NULL;
}

const struct meta_key *meta_key_by_number(unsigned int key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(meta_keys); i++)
		if (meta_keys[i].key == key)
			return &meta_keys[i];
	return NULL;
}

#define C(n, k, t, o, l, ...) { .name = n, .key = k, .dtype = &t, .byteorder = o, .len = l, \
				 __VA_ARGS__ }

/* Addresses take their type and width from the protocol context: len 0. */
static const struct ct_key ct_keys[] = {
	C("state", NFT_CT_STATE, ct_state_type, BYTEORDER_HOST, 32),
	C("direction", NFT_CT_DIRECTION, ct_dir_type, BYTEORDER_HOST, 8),
	C("status", NFT_CT_STATUS, ct_status_type, BYTEORDER_HOST, 32),
	C("mark", NFT_CT_MARK, mark_type, BYTEORDER_HOST, 32),
	/* the events a conntrack reports, which a rule sets */
	C("event", NFT_CT_EVENTMASK, ct_event_type, BYTEORDER_HOST, 32),
	C("label", NFT_CT_LABELS, ct_label_type, BYTEORDER_HOST, 128),
	C("expiration", NFT_CT_EXPIRATION, time_type, BYTEORDER_HOST, 32),
	/* the name of the conntrack's helper, as ifname a string of 16 bytes */
	C("helper", NFT_CT_HELPER, string_type, BYTEORDER_HOST, 128),
	C("zone", NFT_CT_ZONE, integer_type, BYTEORDER_HOST, 16, .directional = true),
	C("l3proto", NFT_CT_L3PROTOCOL, nfproto_type, BYTEORDER_HOST, 8, .directional = true),
	C("protocol", NFT_CT_PROTOCOL, inet_proto_type, BYTEORDER_BIG, 8, .directional = true),
	C("saddr", NFT_CT_SRC, ipv4_type, BYTEORDER_BIG, 0, .directional = true,
	  .needs_dir = true),
	C("daddr", NFT_CT_DST, ipv4_type, BYTEORDER_BIG, 0, .directional = true,
	  .needs_dir = true),
	C("proto-src", NFT_CT_PROTO_SRC, inet_service_type, BYTEORDER_BIG, 16,
	  .directional = true, .needs_dir = true),
	C("proto-dst", NFT_CT_PROTO_DST, inet_service_type, BYTEORDER_BIG, 16,
	  .directional = true, .needs_dir = true),
	C("bytes", NFT_CT_BYTES, integer_type, BYTEORDER_HOST, 64, .directional = true),
	C("packets", NFT_CT_PKTS, integer_type, BYTEORDER_HOST, 64, .directional = true),
	C("avgpkt", NFT_CT_AVGPKT, integer_type, BYTEORDER_HOST, 64, .directional = true),
	C("id", NFT_CT_ID, integer_type, BYTEORDER_BIG, 32),
	C("saddr", NFT_CT_SRC_IP, ipv4_type, BYTEORDER_BIG, 32, .directional = true,
	  .needs_dir = true, .nfproto = NFPROTO_IPV4),
	C("daddr", NFT_CT_DST_IP, ipv4_type, BYTEORDER_BIG, 32, .directional = true,
	  .needs_dir = true, .nfproto = NFPROTO_IPV4),
	C("saddr", NFT_CT_SRC_IP6, ipv6_type, BYTEORDER_BIG, 128, .directional = true,
	  .needs_dir = true, .nfproto = NFPROTO_IPV6),
	C("daddr", NFT_CT_DST_IP6, ipv6_type, BYTEORDER_BIG, 128, .directional = true,
	  .needs_dir = true, .nfproto = NFPROTO_IPV6),
};

/* ---- TCP options --------------------------------------------------------- */

#define TCPOPT_KIND(opt, ty) { opt, ty, NULL, 0, 8 }
#define TCPOPT(opt, ty, n, off, l) { opt, ty, n, off, l }
#define TCPOPT_SACK(opt, block) \
	TCPOPT_KIND(opt, 5), TCPOPT(opt, 5, "length", 1, 8), \
	TCPOPT(opt, 5, "left", 2 + 8 * (block), 32), TCPOPT(opt, 5, "right", 6 + 8 * (block), 32)

static const struct tcpopt_field tcpopt_fields[] = {
	TCPOPT_KIND("eol", 0),
	TCPOPT_KIND("nop", 1),
	TCPOPT_KIND("maxseg", 2),
	TCPOPT("maxseg", 2, "length", 1, 8),
	TCPOPT("maxseg", 2, "size", 2, 16),
	TCPOPT_KIND("window", 3),
	TCPOPT("window", 3, "length", 1, 8),
	TCPOPT("window", 3, "count", 2, 8),
	TCPOPT_KIND("sack-perm", 4),
	TCPOPT("sack-perm", 4, "length", 1, 8),
	/* the first SACK block is listed as "sack" */
	TCPOPT_SACK("sack", 0),
	TCPOPT_SACK("sack1", 1),
	TCPOPT_SACK("sack2", 2),
	TCPOPT_SACK("sack3", 3),
	TCPOPT_KIND("timestamp", 8),
	TCPOPT("timestamp", 8, "length", 1, 8),
	TCPOPT("timestamp", 8, "tsval", 2, 32),
	TCPOPT("timestamp", 8, "tsecr", 6, 32),
	TCPOPT_KIND("md5sig", 19),
	TCPOPT("md5sig", 19, "length", 1, 8),
	TCPOPT_KIND("mptcp", 30),
	TCPOPT("mptcp", 30, "length", 1, 8),
	TCPOPT_KIND("fastopen", 34),
	TCPOPT("fastopen", 34, "length", 1, 8),
};

const struct tcpopt_field *tcpopt_field_find(const char *option, const char *field)
{
	size_t i;

	/* other names the language takes, listed as the table's */
	if (!strcmp(option, "sack0"))
		option = "sack";
	else if (!strcmp(option, "mss"))
		option = "maxseg";
	for (i = 0; i < ARRAY_SIZE(tcpopt_fields); i++) {
		const struct tcpopt_field *f = &tcpopt_fields[i];

		if (strcmp(f->option, option))
			continue;
		if (field ? f->name && !strcmp(f->name, field) : !f->name)
			return f;
	}
	return NULL;
}

const struct tcpopt_field *tcpopt_field_at(unsigned int type, unsigned int offset,
					   unsigned int len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(tcpopt_fields); i++) {
		const struct tcpopt_field *f = &tcpopt_fields[i];

		if (f->type == type && f->offset == offset && f->len == len * 8)
			return f;
	}
	return NULL;
}

const struct ct_key *ct_key_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ct_keys); i++)
		if (!strcmp(ct_keys[i].name, name))
			return &ct_keys[i];
	return NULL;
}

const struct ct_key *ct_key_find_family(const char *name, unsigned int nfproto)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ct_keys); i++)
		if (ct_keys[i].nfproto == nfproto && !strcmp(ct_keys[i].name, name))
			return &ct_keys[i];
	return NULL;
}

const struct ct_key *ct_key_by_number(unsigned int key)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ct_keys); i++)
		if (ct_keys[i].key == key)
			return &ct_keys[i];
	return NULL;
}

/* ---- Families, hooks and priorities ---------------------------------------- */

static const struct {
	const char *name;
	unsigned int family;
} families[] = {
	{ "ip", NFPROTO_IPV4 }, { "ip6", NFPROTO_IPV6 }, { "inet", NFPROTO_INET },
	{ "arp", NFPROTO_ARP }, { "bridge", NFPROTO_BRIDGE }, { "netdev", NFPROTO_NETDEV },
};

const char *family_name(unsigned int family)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(families); i++)
		if (families[i].family == family)
			return families[i].name;
	return "unknown";
}

int family_parse(const char *name, unsigned int *family)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(families); i++) {
		if (!strcmp(families[i].name, name)) {
			*family = families[i].family;
			return 0;
		}
	}
	return -1;
}

static const char *const inet_hooks[] = {
	[NF_INET_PRE_ROUTING] = "prerouting", [NF_INET_LOCAL_IN] = "input",
	[NF_INET_FORWARD] = "forward", [NF_INET_LOCAL_OUT] = "output",
	[NF_INET_POST_ROUTING] = "postrouting", [NF_INET_INGRESS] = "ingress",
};
static const char *const arp_hooks[] = { "input", "output" };
static const char *const netdev_hooks[] = { "ingress", "egress" };

static const char *const *family_hooks(unsigned int family, size_t *n)
{
	switch (family) {
	case NFPROTO_ARP:
		*n = ARRAY_SIZE(arp_hooks);
		return arp_hooks;
	case NFPROTO_NETDEV:
		*n = ARRAY_SIZE(netdev_hooks);
		return netdev_hooks;
	case NFPROTO_BRIDGE:
		*n = NF_INET_POST_ROUTING + 1;
		return inet_hooks;
	case NFPROTO_INET:
		*n = ARRAY_SIZE(inet_hooks);
		return inet_hooks;
	default:
		*n = NF_INET_POST_ROUTING + 1;
		return inet_hooks;
	}
}

int hook_parse(unsigned int family, const char *name, unsigned int *hook)
{
	const char *const *hooks;
	size_t n, i;

	hooks = family_hooks(family, &n);
	for (i = 0; i < n; i++) {
		if (!strcmp(hooks[i], name)) {
			*hook = i;
			return 0;
		}
	}
	return -1;
}

const char *hook_name(unsigned int family, unsigned int hook)
{
	const char *const *hooks;
	size_t n;

	hooks = family_hooks(family, &n);
	return hook < n ? hooks[hook] : "unknown";
}

struct prio_name {
	const char *name;
	int value;
	int only_hook;		/* -1: any hook */
	bool bridge;
};

static const struct prio_name prio_names[] = {
	{ "raw", -300, -1, false },
	{ "mangle", -150, -1, false },
	{ "dstnat", -100, NF_INET_PRE_ROUTING, false },
	{ "filter", 0, -1, false },
	{ "security", 50, -1, false },
	{ "srcnat", 100, NF_INET_POST_ROUTING, false },
	{ "dstnat", -300, NF_INET_PRE_ROUTING, true },
	{ "filter", -200, -1, true },
	{ "out", 100, NF_INET_LOCAL_OUT, true },
	{ "srcnat", 300, NF_INET_POST_ROUTING, true },
};

static bool prio_applies(const struct prio_name *p, unsigned int family, unsigned int hook)
{
	if (p->bridge != (family == NFPROTO_BRIDGE))
		return false;
	if (family == NFPROTO_NETDEV || family == NFPROTO_ARP)
		return !strcmp(p->name, "filter");
	return p->only_hook < 0 || (unsigned int)p->only_hook == hook;
}

int priority_parse(unsigned int family, unsigned int hook, const char *name, int *prio)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prio_names); i++) {
		if (!strcmp(prio_names[i].name, name) &&
		    prio_applies(&prio_names[i], family, hook)) {
			*prio = prio_names[i].value;
			return 0;
		}
	}
	return -1;
}

void priority_print(struct nft_ctx *ctx, unsigned int family, unsigned int hook, int prio,
		    FILE *f)
{
	size_t i;

	if (!ctx->numeric_priority) {
		for (i = 0; i < ARRAY_SIZE(prio_names); i++) {
			const struct prio_name *p = &prio_names[i];
			/* wide: a priority near INT_MIN is no name's neighbour */
			long long off = (long long)prio - p->value;

			if (!prio_applies(p, family, hook) || off < -10 || off > 10)
				continue;
			if (off == 0)
				fputs(p->name, f);
			else
				fprintf(f, "%s %c %lld", p->name, off < 0 ? '-' : '+', off < 0 ? -off : off);
			return;
		}
	}
	fprintf(f, "%d", prio);
}
