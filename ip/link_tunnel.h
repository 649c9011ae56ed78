/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the IP tunnel kinds (gre, ip6gre, ipip, sit, ip6tnl) share: their
 * endpoints, hop limits, TOS, keys, lower device, the fou/gue
 * encapsulation, and the settings of a tunnel that `ip link set` changes.
 */
#ifndef NLKIT_IP_LINK_TUNNEL_H
#define NLKIT_IP_LINK_TUNNEL_H

#include <stdbool.h>
#include <stdint.h>
#include <netinet/in.h>
#include <libmnl/libmnl.h>

/*
 * tnl_existing_data - the IFLA_INFO_DATA of the link @req changes, whose
 * settings `ip link set` keeps where its words say nothing; NULL when
 * @req creates a link.  A link without such data ends the program with
 * the reference's "Failed to get existing tunnel info.".  The nest stays
 * valid until the next call.
 */
const struct nlattr *tnl_existing_data(const struct nlmsghdr *req);

/*
 * The endpoints: a bad address ends the program with the reference's
 * "inet address is expected" (status 1).  "any" is the zero address.
 */
uint32_t tnl_parse_ipv4(const char *arg);
void tnl_parse_ipv6(const char *arg, struct in6_addr *addr);

/* tnl_parse_dev - the index of lower device @name, or the reference's
 * "Cannot find device" and status 255. */
uint32_t tnl_parse_dev(const char *name);

/* TTL 0-255, "inherit" being 0 (the reference's "invalid TTL"). */
uint8_t tnl_parse_ttl(const char *arg);

/* TOS as a DS field, "inherit" being 1 (the reference's "bad TOS value"). */
uint8_t tnl_parse_tos(const char *arg);

/*
 * tnl_parse_key - a GRE key, in network order: a dotted quad or a 32-bit
 * number; @key names the option in the error.
 */
uint32_t tnl_parse_key(const char *key, const char *arg);

/* The fou/gue encapsulation, in the four attributes every kind numbers
 * in the same order: type, flags, source and destination port. */
struct tnl_encap {
	uint16_t type;		/* TUNNEL_ENCAP_* */
	uint16_t flags;		/* TUNNEL_ENCAP_FLAG_* */
	uint16_t sport;		/* network order, 0 for auto */
	uint16_t dport;
};

/*
 * tnl_encap_read - @e from the attributes of an existing link, @tb
 * indexed from @type_attr (its ENCAP_TYPE), as left where one is absent.
 */
void tnl_encap_read(struct tnl_encap *e, const struct nlattr *const *tb, int type_attr);

/*
 * tnl_encap_parse - if the word at **@argv is an encapsulation option,
 * take it (and its value, moving *@argc and *@argv to the value) into @e
 * and return true.
 */
bool tnl_encap_parse(int *argc, char ***argv, struct tnl_encap *e);

/* tnl_encap_put - the four attributes, from @type_attr on. */
void tnl_encap_put(struct nlmsghdr *req, const struct tnl_encap *e, int type_attr);

/* tnl_encap_print - the encapsulation under -d, unless there is none. */
void tnl_encap_print(const struct nlattr *const *tb, int type_attr);

/*
 * Printing.  tnl_print_endpoint() writes "NAME ADDR " ("any" for the zero
 * address) for the IPv4 or IPv6 address in @attr (absent: "any").
 */
void tnl_print_endpoint(const char *name, const struct nlattr *attr, int family);
/* "dev NAME " for a lower device, nothing for none. */
void tnl_print_dev(const struct nlattr *attr);
/* "ttl N ", or "ttl inherit " for 0. */
void tnl_print_ttl(const char *name, const struct nlattr *attr);
/* "tos 0xN ", "tos inherit " for 1, nothing for 0 or absent. */
void tnl_print_tos(const char *name, const struct nlattr *attr);
/* "ikey 0.0.0.5 " (a GRE key as the reference shows one). */
void tnl_print_key(const char *name, const struct nlattr *attr);
/* tnl_print_hex - @value as "0x1f" in JSON and in text through @fmt. */
void tnl_print_hex(const char *key, const char *fmt, uint32_t value);
/* "fwmark 0x5 ", nothing for 0. */
void tnl_print_fwmark(const struct nlattr *attr);

/*
 * GRE's keys, sequence numbers and checksums, each for the way in (i),
 * the way out (o) or both, as gre and ip6gre take them.
 */
struct tnl_gre_keys {
	uint16_t iflags;	/* GRE_KEY, GRE_SEQ, GRE_CSUM, network order */
	uint16_t oflags;
	uint32_t ikey;		/* network order */
	uint32_t okey;
};

/* tnl_gre_keys_read - @k from the IFLA_GRE_* table of an existing link. */
void tnl_gre_keys_read(struct tnl_gre_keys *k, const struct nlattr *const *tb);

/* tnl_gre_keys_parse - as tnl_encap_parse(), for the key, seq and csum
 * words. */
bool tnl_gre_keys_parse(int *argc, char ***argv, struct tnl_gre_keys *k);

/* tnl_gre_keys_print - ikey, okey, iseq, oseq, icsum, ocsum. */
void tnl_gre_keys_print(const struct nlattr *const *tb);

/*
 * What the IPv6 tunnels (ip6gre, ip6tnl) share: hop limit, encapsulation
 * limit, traffic class and flow label, fwmark, and the flags that make
 * each of them inherited from the inner packet.
 */
struct tnl_ip6 {
	uint8_t hoplimit;
	uint8_t encap_limit;
	uint32_t flowinfo;	/* network order: traffic class and flow label */
	uint32_t flags;		/* IP6_TNL_F_* */
	uint32_t fwmark;
};

/*
 * tnl_ip6_parse - as tnl_encap_parse(), for those settings' words.  The
 * reference's ip6tnl (@ip6tnl) takes the hop limit and traffic class
 * words only in full, and a bad encaplimit there is 0 rather than an
 * error.
 */
bool tnl_ip6_parse(int *argc, char ***argv, struct tnl_ip6 *t, bool ip6tnl);

/*
 * tnl_ip6_print - hoplimit, encaplimit, traffic class, flow label and
 * the flags, from the attributes @ttl, @limit, @flowinfo, @flags of @tb.
 */
void tnl_ip6_print(const struct nlattr *ttl, const struct nlattr *limit,
		   const struct nlattr *flowinfo, const struct nlattr *flags);

/* tnl_ip6_print_fwmark - "fwmark inherit " or the mark. */
void tnl_ip6_print_fwmark(const struct nlattr *fwmark, const struct nlattr *flags);

/* ERSPAN's settings, for the erspan and ip6erspan kinds. */
struct tnl_erspan {
	uint8_t ver;
	uint8_t dir;
	uint16_t hwid;
	uint32_t index;
};

void tnl_erspan_read(struct tnl_erspan *e, const struct nlattr *const *tb);
bool tnl_erspan_parse(int *argc, char ***argv, struct tnl_erspan *e);
/* tnl_erspan_put - the version, then what that version uses. */
void tnl_erspan_put(struct nlmsghdr *req, const struct tnl_erspan *e);
void tnl_erspan_print(const struct nlattr *const *tb);

#endif
