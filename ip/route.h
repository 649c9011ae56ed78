/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the parts of `ip route` share: the selectors and the printer. */
#ifndef NLKIT_IP_ROUTE_H
#define NLKIT_IP_ROUTE_H

#include <stdbool.h>
#include <stdint.h>

#include <nlkit/addr.h>

struct nlmsghdr;

/*
 * The selectors of show, flush and save.  A selector that pins a field
 * to one value also hides that field from the listing, as the reference
 * does (`ip route show dev v0` prints no "dev v0").
 */
struct route_filter {
	int family;		/* of the routes selected */
	int dump_family;	/* of the dump asked for */
	uint32_t table;		/* 0: every table */
	bool cloned;		/* `cache`: the routing cache, not the FIB */
	bool has_protocol, has_scope, has_tos, has_metric, has_realms;
	uint8_t protocol, scope, tos;
	uint32_t metric, realms;
	uint32_t types;		/* bit per RTN_* type; 0: any */
	unsigned int oif, iif;
	struct inet_prefix rdst, mdst, rsrc, msrc;	/* root/match, family 0 when unset */
	struct inet_prefix via, prefsrc;
};

/* route_filter_match - whether the route in @nlh passes @f. */
bool route_filter_match(const struct route_filter *f, const struct nlmsghdr *nlh);

/*
 * route_print - one route as the reference lists it, the fields @f pins
 * left out.  Messages that are no route are skipped.
 */
void route_print(const struct nlmsghdr *nlh, const struct route_filter *f);

#endif
