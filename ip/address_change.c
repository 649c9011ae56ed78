// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip address add, change, replace and del.
 *
 * The whole command line is read and checked before the one request is
 * sent.  Attributes go into the request in the reference's order: those
 * the command line gives with a value as they come, then what is derived
 * once everything is known (flags, the address when no peer was named,
 * a computed broadcast, the lifetimes).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/rtnetlink.h>

#include <nlkit/addr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "address.h"
#include "ip.h"

#define LIFETIME_FOREVER 0xffffffffU

/* Flags a user may set, and whether only IPv6 addresses take them. */
static const struct {
	const char *word;
	uint32_t mask;
	bool ipv6_only;
} conf_flags[] = {
	{ "home", IFA_F_HOMEADDRESS, true },
	{ "nodad", IFA_F_NODAD, true },
	{ "optimistic", IFA_F_OPTIMISTIC, true },
	{ "mngtmpaddr", IFA_F_MANAGETEMPADDR, true },
	{ "noprefixroute", IFA_F_NOPREFIXROUTE, false },
	{ "autojoin", IFA_F_MCAUTOJOIN, false },
};

/* "+" sets the host bits of the local address, "-" clears them. */
enum brd_kind { BRD_NONE, BRD_GIVEN, BRD_SET_HOST, BRD_CLEAR_HOST };

struct addr_request {
	struct nlmsghdr *nlh;
	struct ifaddrmsg *ifa;
	const char *dev;
	struct inet_prefix local;
	bool has_local, has_peer, has_scope;
	enum brd_kind brd;
	uint32_t flags;
	bool has_lifetime;
	uint32_t valid_lft, preferred_lft;
};

/* The reference's words for a family in "... is expected rather than". */
static const char *family_words(int family)
{
	return family == AF_UNSPEC ? "any valid" : family_name(family);
}

static void parse_prefix_or_exit(const char *arg, int family, struct inet_prefix *out)
{
	if (prefix_parse(arg, family, out) < 0) {
		fprintf(stderr, "Error: %s prefix is expected rather than \"%s\".\n",
			family_words(family), arg);
		exit(1);
	}
}

static void parse_addr_or_exit(const char *arg, int family, struct inet_prefix *out)
{
	if (addr_parse(arg, family, out) < 0) {
		fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n",
			family_words(family), arg);
		exit(1);
	}
}

static void put_addr(struct nlmsghdr *nlh, uint16_t type, const struct inet_prefix *p)
{
	mnl_attr_put(nlh, type, p->bytelen, p->data);
}

static uint32_t parse_lifetime(const char *arg, const char *what)
{
	uint32_t value;

	if (!strcmp(arg, "forever"))
		return LIFETIME_FOREVER;
	if (parse_u32(arg, 0, &value) < 0)
		invarg(what, arg);
	return value;
}

static void parse_local(struct addr_request *r, const char *arg)
{
	parse_prefix_or_exit(arg, r->ifa->ifa_family, &r->local);
	r->has_local = true;
	r->ifa->ifa_family = (uint8_t)r->local.family;
	r->ifa->ifa_prefixlen = (uint8_t)r->local.bitlen;
	put_addr(r->nlh, IFA_LOCAL, &r->local);
}

static bool parse_conf_flag(struct addr_request *r, const char *arg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(conf_flags); i++) {
		if (strcmp(arg, conf_flags[i].word))
			continue;
		if (conf_flags[i].ipv6_only && r->ifa->ifa_family != AF_INET6)
			fprintf(stderr, "Warning: %s option can be set only for IPv6 addresses\n",
				arg);
		else
			r->flags |= conf_flags[i].mask;
		return true;
	}
	return false;
}

static void parse_args(struct addr_request *r, int argc, char **argv)
{
	struct inet_prefix p;
	uint32_t value;

	while (argc > 0) {
		if (!strcmp(*argv, "peer") || !strcmp(*argv, "remote")) {
			NEXT_ARG();
			if (r->has_peer)
				duparg("peer", *argv);
			parse_prefix_or_exit(*argv, r->ifa->ifa_family, &p);
			r->has_peer = true;
			r->ifa->ifa_family = (uint8_t)p.family;
			r->ifa->ifa_prefixlen = (uint8_t)p.bitlen;
			put_addr(r->nlh, IFA_ADDRESS, &p);
		} else if (matches(*argv, "broadcast") || !strcmp(*argv, "brd")) {
			NEXT_ARG();
			if (r->brd != BRD_NONE)
				duparg("broadcast", *argv);
			if (!strcmp(*argv, "+")) {
				r->brd = BRD_SET_HOST;
			} else if (!strcmp(*argv, "-")) {
				r->brd = BRD_CLEAR_HOST;
			} else {
				parse_addr_or_exit(*argv, r->ifa->ifa_family, &p);
				if (!r->ifa->ifa_family)
					r->ifa->ifa_family = (uint8_t)p.family;
				put_addr(r->nlh, IFA_BROADCAST, &p);
				r->brd = BRD_GIVEN;
			}
		} else if (matches(*argv, "anycast")) {
			NEXT_ARG();
			parse_addr_or_exit(*argv, r->ifa->ifa_family, &p);
			if (!r->ifa->ifa_family)
				r->ifa->ifa_family = (uint8_t)p.family;
			put_addr(r->nlh, IFA_ANYCAST, &p);
		} else if (!strcmp(*argv, "scope")) {
			NEXT_ARG();
			if (names_parse(NT_SCOPES, *argv, &value) < 0)
				invarg("invalid scope value.", *argv);
			r->ifa->ifa_scope = (uint8_t)value;
			r->has_scope = true;
		} else if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			r->dev = *argv;
		} else if (!strcmp(*argv, "label")) {
			NEXT_ARG();
			mnl_attr_put_strz(r->nlh, IFA_LABEL, *argv);
		} else if (matches(*argv, "metric") || matches(*argv, "priority") ||
			   matches(*argv, "preference")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &value) < 0)
				invarg("\"metric\" value is invalid\n", *argv);
			mnl_attr_put_u32(r->nlh, IFA_RT_PRIORITY, value);
		} else if (matches(*argv, "valid_lft")) {
			NEXT_ARG();
			r->valid_lft = parse_lifetime(*argv, "valid_lft value");
			r->has_lifetime = true;
		} else if (matches(*argv, "preferred_lft")) {
			NEXT_ARG();
			r->preferred_lft = parse_lifetime(*argv, "preferred_lft value");
			r->has_lifetime = true;
		} else if (parse_conf_flag(r, *argv)) {
			;
		} else {
			if (!strcmp(*argv, "local")) {
				NEXT_ARG();
				if (r->has_local)
					duparg2("local", *argv);
			} else if (matches(*argv, "help")) {
				address_usage();
			} else if (r->has_local) {
				duparg2("local", *argv);
			}
			parse_local(r, *argv);
		}
		argc--;
		argv++;
	}
}

/* The broadcast address "+" or "-" asks for, when the prefix leaves room. */
static void put_derived_broadcast(struct addr_request *r)
{
	struct inet_prefix brd = r->local;
	int bits = r->ifa->ifa_prefixlen, i;

	if (r->ifa->ifa_family != AF_INET) {
		fprintf(stderr, "Broadcast can be set only for IPv4 addresses\n");
		exit(1);
	}
	if (!r->has_local || bits >= 31)
		return;
	for (i = bits; i < 32; i++) {
		uint8_t bit = (uint8_t)(0x80 >> (i % 8));

		if (r->brd == BRD_SET_HOST)
			brd.data[i / 8] |= bit;
		else
			brd.data[i / 8] &= (uint8_t)~bit;
	}
	put_addr(r->nlh, IFA_BROADCAST, &brd);
}

/* The scope an address gets when none was named: host for 127/8. */
static uint8_t default_scope(const struct addr_request *r)
{
	if (r->has_local && r->local.family == AF_INET && r->local.data[0] == 127)
		return RT_SCOPE_HOST;
	return RT_SCOPE_UNIVERSE;
}

static bool local_is_multicast(const struct addr_request *r)
{
	if (r->local.family == AF_INET)
		return (r->local.data[0] & 0xf0) == 0xe0;
	if (r->local.family == AF_INET6)
		return r->local.data[0] == 0xff;
	return false;
}

static int modify_address(int cmd, uint16_t flags, int argc, char **argv)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct addr_request r = {
		.valid_lft = LIFETIME_FOREVER,
		.preferred_lft = LIFETIME_FOREVER,
	};
	unsigned int ifindex;

	r.ifa = nl_req_init(req.buf, (uint16_t)cmd, flags, sizeof(*r.ifa));
	r.nlh = &req.nlh;
	r.ifa->ifa_family = (uint8_t)ipo.family;
	parse_args(&r, argc, argv);

	if (!r.dev) {
		fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
		exit(1);
	}
	if (r.flags & ~0xffU)
		mnl_attr_put_u32(r.nlh, IFA_FLAGS, r.flags);
	else
		r.ifa->ifa_flags = (uint8_t)r.flags;

	if (r.has_local && !r.has_peer) {
		if (cmd == RTM_DELADDR && r.local.family == AF_INET &&
		    !(r.local.flags & ADDR_F_PREFIX)) {
			char text[64];

			fprintf(stderr,
				"Warning: Executing wildcard deletion to stay compatible with old scripts.\n"
				"         Explicitly specify the prefix length (%s/%d) to avoid this warning.\n"
				"         This special behaviour is likely to disappear in further releases,\n"
				"         fix your scripts!\n",
				addr_format(AF_INET, r.local.data, r.local.bytelen, text,
					    sizeof(text)),
				r.local.bitlen);
		} else {
			put_addr(r.nlh, IFA_ADDRESS, &r.local);
		}
	}
	if (r.brd == BRD_SET_HOST || r.brd == BRD_CLEAR_HOST)
		put_derived_broadcast(&r);
	if (!r.has_scope && cmd != RTM_DELADDR)
		r.ifa->ifa_scope = default_scope(&r);

	if (r.has_lifetime) {
		struct ifa_cacheinfo ci = {
			.ifa_prefered = r.preferred_lft,
			.ifa_valid = r.valid_lft,
		};

		if (r.preferred_lft > r.valid_lft) {
			fprintf(stderr, "preferred_lft is greater than valid_lft\n");
			exit(1);
		}
		mnl_attr_put(r.nlh, IFA_CACHEINFO, sizeof(ci), &ci);
	}
	if ((r.flags & IFA_F_MCAUTOJOIN) && !local_is_multicast(&r)) {
		fprintf(stderr, "autojoin needs multicast address\n");
		exit(1);
	}

	/* A batch goes on after a device it cannot find, so no exit() here. */
	ifindex = ifcache_index(r.dev);
	if (!ifindex) {
		fprintf(stderr, "Cannot find device \"%s\"\n", r.dev);
		return 1;
	}
	r.ifa->ifa_index = ifindex;

	return ip_request(r.nlh);
}

int address_add(int argc, char **argv)
{
	return modify_address(RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL, argc, argv);
}

int address_change(int argc, char **argv)
{
	return modify_address(RTM_NEWADDR, NLM_F_REPLACE, argc, argv);
}

int address_replace(int argc, char **argv)
{
	return modify_address(RTM_NEWADDR, NLM_F_CREATE | NLM_F_REPLACE, argc, argv);
}

int address_del(int argc, char **argv)
{
	return modify_address(RTM_DELADDR, 0, argc, argv);
}
