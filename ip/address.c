// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip address: show (list, lst), flush, save, showdump, restore and help;
 * the commands that change one address are in address_change.c.
 *
 * `ip address show` prints each link as `ip link show` starts it and then
 * its addresses.  Both tables are read with one dump each (a single
 * RTM_GETLINK for `dev NAME`): the addresses are indexed by interface
 * before anything is printed, so that the cost does not grow with links
 * times addresses, and the interface cache learns every link first, so
 * that names of peers and masters need no further request.
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <netdb.h>
#include <netinet/in.h>
#include <unistd.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "address.h"
#include "ip.h"
#include "link.h"

/* The kernel's lifetime for an address that never expires. */
#define LIFETIME_FOREVER 0xffffffffU

/* The selectors of `ip address show` that apply to addresses. */
struct addr_filter {
	int family;
	bool has_scope;
	uint8_t scope;
	uint32_t flags;		/* wanted values of the bits in flagmask */
	uint32_t flagmask;
	const char *label;	/* shell pattern */
	bool has_prefix;
	struct inet_prefix prefix;
};

/* One address of the dump, parsed once. */
struct addr_entry {
	const struct ifaddrmsg *ifa;
	const struct nlattr *tb[IFA_MAX + 1];
	uint32_t flags;		/* IFA_FLAGS when present, ifa_flags otherwise */
	size_t order;		/* position in the dump */
};

struct addr_table {
	struct addr_entry *entries;
	size_t count;
};

static const struct nl_attr_policy ifa_policy[IFA_MAX + 1] = {
	[IFA_ADDRESS] = { .kind = NLA_BINARY, .min_len = 1 },
	[IFA_LOCAL] = { .kind = NLA_BINARY, .min_len = 1 },
	[IFA_LABEL] = { .kind = NLA_STR },
	[IFA_BROADCAST] = { .kind = NLA_BINARY, .min_len = 1 },
	[IFA_ANYCAST] = { .kind = NLA_BINARY, .min_len = 1 },
	[IFA_CACHEINFO] = { .kind = NLA_BINARY, .min_len = sizeof(struct ifa_cacheinfo) },
	[IFA_FLAGS] = { .kind = NLA_U32 },
	[IFA_RT_PRIORITY] = { .kind = NLA_U32 },
};

/*
 * Address flags in the order the reference prints them.  IFA_F_SECONDARY
 * reads "temporary" on IPv6 and IFA_F_PERMANENT is shown by its absence,
 * as "dynamic".
 */
static const struct addr_flag {
	uint32_t mask;
	const char *key;
	const char *text;
} addr_flags[] = {
	{ IFA_F_SECONDARY, "secondary", "secondary " },
	{ IFA_F_NODAD, "nodad", "nodad " },
	{ IFA_F_OPTIMISTIC, "optimistic", "optimistic " },
	{ IFA_F_DADFAILED, "dadfailed", "dadfailed " },
	{ IFA_F_HOMEADDRESS, "home", "home " },
	{ IFA_F_DEPRECATED, "deprecated", "deprecated " },
	{ IFA_F_TENTATIVE, "tentative", "tentative " },
	{ IFA_F_PERMANENT, "dynamic", "dynamic " },
	{ IFA_F_MANAGETEMPADDR, "mngtmpaddr", "mngtmpaddr " },
	{ IFA_F_NOPREFIXROUTE, "noprefixroute", "noprefixroute " },
	{ IFA_F_MCAUTOJOIN, "autojoin", "autojoin " },
	{ IFA_F_STABLE_PRIVACY, "stable-privacy", "stable-privacy " },
};

/*
 * The flag selectors of `ip address show`; each also takes a leading '-'
 * that inverts it.  An inverse word selects addresses without the bit.
 */
static const struct flag_word {
	const char *word;
	uint32_t mask;
	bool inverse;
} flag_words[] = {
	{ "permanent", IFA_F_PERMANENT, false },
	{ "dynamic", IFA_F_PERMANENT, true },
	{ "primary", IFA_F_SECONDARY, true },
	{ "secondary", IFA_F_SECONDARY, false },
	{ "temporary", IFA_F_SECONDARY, false },
	{ "nodad", IFA_F_NODAD, false },
	{ "optimistic", IFA_F_OPTIMISTIC, false },
	{ "dadfailed", IFA_F_DADFAILED, false },
	{ "home", IFA_F_HOMEADDRESS, false },
	{ "deprecated", IFA_F_DEPRECATED, false },
	{ "tentative", IFA_F_TENTATIVE, false },
	{ "mngtmpaddr", IFA_F_MANAGETEMPADDR, false },
	{ "noprefixroute", IFA_F_NOPREFIXROUTE, false },
	{ "autojoin", IFA_F_MCAUTOJOIN, false },
	{ "stable-privacy", IFA_F_STABLE_PRIVACY, false },
};

void address_usage(void)
{
	fputs("Usage: ip address {add|change|replace} IFADDR dev IFNAME [ LIFETIME ]\n"
	      "                                                      [ CONFFLAG-LIST ]\n"
	      "       ip address del IFADDR dev IFNAME [mngtmpaddr]\n"
	      "       ip address {save|flush} [ dev IFNAME ] [ scope SCOPE-ID ]\n"
	      "                            [ to PREFIX ] [ FLAG-LIST ] [ label LABEL ] [up]\n"
	      "       ip address [ show [ dev IFNAME ] [ scope SCOPE-ID ] [ master DEVICE ]\n"
	      "                         [ nomaster ]\n"
	      "                         [ type TYPE ] [ to PREFIX ] [ FLAG-LIST ]\n"
	      "                         [ label LABEL ] [up] [ vrf NAME ] ]\n"
	      "       ip address {showdump|restore}\n"
	      "IFADDR := PREFIX | ADDR peer PREFIX\n"
	      "          [ broadcast ADDR ] [ anycast ADDR ]\n"
	      "          [ label IFNAME ] [ scope SCOPE-ID ] [ metric METRIC ]\n"
	      "SCOPE-ID := [ host | link | global | NUMBER ]\n"
	      "FLAG-LIST := [ FLAG-LIST ] FLAG\n"
	      "FLAG  := [ permanent | dynamic | secondary | primary |\n"
	      "           [-]tentative | [-]deprecated | [-]dadfailed | temporary |\n"
	      "           CONFFLAG-LIST ]\n"
	      "CONFFLAG-LIST := [ CONFFLAG-LIST ] CONFFLAG\n"
	      "CONFFLAG  := [ home | nodad | mngtmpaddr | noprefixroute | autojoin ]\n"
	      "LIFETIME := [ valid_lft LFT ] [ preferred_lft LFT ]\n"
	      "LFT := forever | SECONDS\n"
	      "TYPE := { amt | bareudp | bond | bond_slave | bridge | bridge_slave |\n"
	      "          dsa | dummy | erspan | geneve | gre | gretap | gtp | ifb |\n"
	      "          ip6erspan | ip6gre | ip6gretap | ip6tnl |\n"
	      "          ipip | ipoib | ipvlan | ipvtap |\n"
	      "          macsec | macvlan | macvtap |\n"
	      "          netdevsim | nlmon | rmnet | sit | team | team_slave |\n"
	      "          vcan | veth | vlan | vrf | vti | vxcan | vxlan | wwan |\n"
	      "          xfrm | virt_wifi }\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

/* A flag selector: "-" inverts the word that follows it. */
static bool parse_flag_word(const char *arg, struct addr_filter *f)
{
	bool negated = arg[0] == '-';
	const char *word = arg + negated;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(flag_words); i++) {
		const struct flag_word *w = &flag_words[i];

		if (strcmp(word, w->word))
			continue;
		f->flagmask |= w->mask;
		if (negated != w->inverse)
			f->flags &= ~w->mask;
		else
			f->flags |= w->mask;
		return true;
	}
	return false;
}

/* The reference's words for a family in "... prefix is expected". */
static const char *prefix_family_words(int family)
{
	return family == AF_UNSPEC ? "any valid" : family_name(family);
}

static void parse_to_prefix(const char *arg, struct addr_filter *f)
{
	if (f->family == AF_PACKET) {
		fprintf(stderr,
			"Error: \"%s\" may be inet prefix, but it is not allowed in this context.\n",
			arg);
		exit(1);
	}
	if (prefix_parse(arg, f->family, &f->prefix) < 0) {
		fprintf(stderr, "Error: %s prefix is expected rather than \"%s\".\n",
			prefix_family_words(f->family), arg);
		exit(1);
	}
	f->has_prefix = true;
	/* A prefix of one family narrows the whole listing to it, links too. */
	if (f->family == AF_UNSPEC)
		f->family = f->prefix.family;
}

static void parse_scope(const char *arg, struct addr_filter *f)
{
	uint32_t scope;

	if (names_parse(NT_SCOPES, arg, &scope) == 0) {
		f->has_scope = true;
		f->scope = (uint8_t)scope;
	} else if (!strcmp(arg, "all")) {
		f->has_scope = false;
	} else {
		invarg("invalid \"scope\"\n", arg);
	}
}

/*
 * Parse the selectors of `ip address show`.  The device is only named
 * here: the reference reports a bad selector before a missing device.
 */
static void parse_show_args(int argc, char **argv, struct addr_filter *f,
			    struct link_filter *lf, const char **dev)
{
	while (argc > 0) {
		if (!strcmp(*argv, "to")) {
			NEXT_ARG();
			parse_to_prefix(*argv, f);
		} else if (!strcmp(*argv, "scope")) {
			NEXT_ARG();
			parse_scope(*argv, f);
		} else if (!strcmp(*argv, "label")) {
			NEXT_ARG();
			f->label = *argv;
		} else if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			if (*dev)
				duparg2("dev", *argv);
			*dev = *argv;
		} else if (link_filter_arg(lf, &argc, &argv)) {
			continue;
		} else if (parse_flag_word(*argv, f)) {
			;
		} else if (matches(*argv, "help")) {
			address_usage();
		} else {
			if (*dev)
				duparg2("dev", *argv);
			*dev = *argv;
		}
		argc--;
		argv++;
	}
}

/* The address text of @family in @nla, or its host name under -r. */
static const char *format_host(int family, const struct nlattr *nla, char *buf, size_t len)
{
	return addr_format_host(family, mnl_attr_get_payload(nla), mnl_attr_get_payload_len(nla),
				ipo.resolve, buf, len);
}

/* The address an entry stands for: IFA_LOCAL, or IFA_ADDRESS without it. */
static const struct nlattr *entry_local(const struct addr_entry *e)
{
	return e->tb[IFA_LOCAL] ? e->tb[IFA_LOCAL] : e->tb[IFA_ADDRESS];
}

static bool prefix_covers(const struct inet_prefix *prefix, int family, const struct nlattr *nla)
{
	struct inet_prefix addr = { 0 };
	size_t len;

	if (prefix->family == AF_UNSPEC || prefix->bitlen <= 0)
		return true;
	if (!nla || family != prefix->family)
		return false;
	len = mnl_attr_get_payload_len(nla);
	if (len != prefix->bytelen || len > sizeof(addr.data))
		return false;
	addr.family = family;
	addr.bytelen = len;
	addr.bitlen = (int16_t)(len * 8);
	memcpy(addr.data, mnl_attr_get_payload(nla), len);
	return prefix_match(&addr, prefix, prefix->bitlen);
}

static bool addr_selected(const struct addr_entry *e, const struct addr_filter *f)
{
	const struct ifaddrmsg *ifa = e->ifa;

	if (f->family && f->family != ifa->ifa_family)
		return false;
	if (f->has_scope && f->scope != ifa->ifa_scope)
		return false;
	if ((f->flags ^ e->flags) & f->flagmask)
		return false;
	if (f->label) {
		char buf[32];
		const char *label = e->tb[IFA_LABEL] ?
			mnl_attr_get_str(e->tb[IFA_LABEL]) :
			ifcache_name_or_num(ifa->ifa_index, buf, sizeof(buf));

		if (fnmatch(f->label, label, 0))
			return false;
	}
	return !f->has_prefix || prefix_covers(&f->prefix, ifa->ifa_family, entry_local(e));
}

/* Local address, peer, prefix length and metric: what -br shows too. */
static void print_addr_head(const struct addr_entry *e)
{
	const struct ifaddrmsg *ifa = e->ifa;
	const struct nlattr *local = entry_local(e);
	const struct nlattr *peer = e->tb[IFA_ADDRESS];
	enum pr_color color = ip_family_color(ifa->ifa_family);
	char buf[NI_MAXHOST];

	if (local) {
		pr_color_string(color, "local", "%s",
				format_host(ifa->ifa_family, local, buf, sizeof(buf)));
		if (peer && peer != local &&
		    (mnl_attr_get_payload_len(peer) != mnl_attr_get_payload_len(local) ||
		     memcmp(mnl_attr_get_payload(peer), mnl_attr_get_payload(local),
			    mnl_attr_get_payload_len(local)))) {
			pr_text(" peer ");
			pr_color_string(color, "address", "%s",
					format_host(ifa->ifa_family, peer, buf, sizeof(buf)));
		}
		pr_uint("prefixlen", "/%u ", ifa->ifa_prefixlen);
	}
	if (e->tb[IFA_RT_PRIORITY])
		pr_uint("metric", "metric %u ", mnl_attr_get_u32(e->tb[IFA_RT_PRIORITY]));
}

static void print_addr_flags(const struct addr_entry *e)
{
	uint32_t flags = e->flags;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(addr_flags); i++) {
		const struct addr_flag *fl = &addr_flags[i];

		if (fl->mask == IFA_F_PERMANENT) {
			if (!(flags & fl->mask))
				pr_flag(fl->key, fl->text);
		} else if (flags & fl->mask) {
			if (fl->mask == IFA_F_SECONDARY && e->ifa->ifa_family == AF_INET6)
				pr_flag("temporary", "temporary ");
			else
				pr_flag(fl->key, fl->text);
		}
		flags &= ~fl->mask;
	}
	if (flags) {
		char hex[16];

		snprintf(hex, sizeof(hex), "%02x", flags);
		pr_string("ifa_flags", "flags %s ", hex);
	}
}

static void print_lifetimes(const struct nlattr *nla)
{
	struct ifa_cacheinfo ci;

	memcpy(&ci, mnl_attr_get_payload(nla), sizeof(ci));
	pr_nl();
	/* The text says "forever" where JSON keeps the kernel's number. */
	pr_uint("valid_life_time",
		ci.ifa_valid == LIFETIME_FOREVER ? "       valid_lft forever" :
						   "       valid_lft %usec",
		ci.ifa_valid);
	pr_uint("preferred_life_time",
		ci.ifa_prefered == LIFETIME_FOREVER ? " preferred_lft forever" :
						      " preferred_lft %usec",
		ci.ifa_prefered);
}

static void print_addr_fields(const struct addr_entry *e, bool oneline)
{
	const struct ifaddrmsg *ifa = e->ifa;
	enum pr_color color = ip_family_color(ifa->ifa_family);
	char buf[NI_MAXHOST];

	if (ipo.brief) {
		print_addr_head(e);
		return;
	}
	if (oneline) {
		pr_uint("index", "%u: ", ifa->ifa_index);
		pr_string("dev", "%s", ifcache_name_or_num(ifa->ifa_index, buf, sizeof(buf)));
	}
	if (ifa->ifa_family == AF_INET || ifa->ifa_family == AF_INET6)
		pr_string("family", "    %s ", family_name(ifa->ifa_family));
	else
		pr_uint("family_index", "    family %u ", ifa->ifa_family);

	print_addr_head(e);
	if (e->tb[IFA_BROADCAST]) {
		pr_text("brd ");
		pr_color_string(color, "broadcast", "%s ",
				format_host(ifa->ifa_family, e->tb[IFA_BROADCAST], buf,
					    sizeof(buf)));
	}
	if (e->tb[IFA_ANYCAST]) {
		pr_text("any ");
		pr_color_string(color, "anycast", "%s ",
				format_host(ifa->ifa_family, e->tb[IFA_ANYCAST], buf,
					    sizeof(buf)));
	}
	pr_string("scope", "scope %s ", names_format(NT_SCOPES, ifa->ifa_scope, buf, sizeof(buf)));
	print_addr_flags(e);
	if (e->tb[IFA_LABEL])
		pr_string("label", "%s", mnl_attr_get_str(e->tb[IFA_LABEL]));
	if (e->tb[IFA_CACHEINFO])
		print_lifetimes(e->tb[IFA_CACHEINFO]);
	pr_text("\n");
}

/*
 * One address of the link being shown.  The reference lists one that the
 * selectors leave out as an empty JSON object: so do we.
 */
static void print_addr(const struct addr_entry *e, const struct addr_filter *f, bool oneline)
{
	if (f->family && f->family != e->ifa->ifa_family)
		return;
	pr_open_object(NULL);
	if (addr_selected(e, f))
		print_addr_fields(e, oneline);
	pr_close_object();
}

static int compare_entries(const void *a, const void *b)
{
	const struct addr_entry *x = a, *y = b;

	if (x->ifa->ifa_index != y->ifa->ifa_index)
		return x->ifa->ifa_index < y->ifa->ifa_index ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* Parse an address message, new or deleted, into @e. */
static bool addr_entry_fill(const struct nlmsghdr *nlh, struct addr_entry *e)
{
	e->ifa = nl_msg_payload(nlh, sizeof(*e->ifa));
	if (!e->ifa)
		return false;
	nl_attr_parse_msg(nlh, sizeof(*e->ifa), e->tb, IFA_MAX, ifa_policy);
	e->flags = e->tb[IFA_FLAGS] ? mnl_attr_get_u32(e->tb[IFA_FLAGS]) : e->ifa->ifa_flags;
	return true;
}

/* Parse one address message of a dump or a saved file into @e. */
static bool addr_entry_parse(const struct nlmsghdr *nlh, struct addr_entry *e)
{
	return nlh->nlmsg_type == RTM_NEWADDR && addr_entry_fill(nlh, e);
}

void address_print_msg(const struct nlmsghdr *nlh)
{
	struct addr_entry e = { 0 };

	if (addr_entry_fill(nlh, &e))
		print_addr_fields(&e, true);
}

/*
 * Index the addresses of a dump by interface, keeping the dump's order
 * (IPv4, then IPv6) within each.
 */
static void addr_table_build(struct addr_table *t, const struct nl_msgs *msgs)
{
	const struct nlmsghdr *nlh;

	t->entries = xcalloc(msgs->count, sizeof(*t->entries));
	t->count = 0;
	nl_msgs_for_each(msgs, nlh) {
		struct addr_entry *e = &t->entries[t->count];

		if (addr_entry_parse(nlh, e))
			e->order = t->count++;
	}
	if (t->count > 1)
		qsort(t->entries, t->count, sizeof(*t->entries), compare_entries);
}

/* The entries of interface @ifindex: *@n of them from the one returned. */
static const struct addr_entry *addr_table_find(const struct addr_table *t, unsigned int ifindex,
						size_t *n)
{
	size_t lo = 0, hi = t->count, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->entries[mid].ifa->ifa_index < ifindex)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < t->count && t->entries[end].ifa->ifa_index == ifindex; end++)
		;
	*n = end - lo;
	return t->entries + lo;
}

/*
 * Whether a link belongs in the listing: one of its addresses passes the
 * filter, or it has none at all and no family was asked for.
 */
static bool link_selected(const struct addr_entry *addrs, size_t n, const struct addr_filter *f)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (addr_selected(&addrs[i], f))
			return true;
	return n == 0 && f->family == AF_UNSPEC;
}

static void show_link(const struct nlmsghdr *nlh, const struct addr_table *addrs,
		      const struct addr_filter *f, const struct link_filter *lf)
{
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));
	bool with_addrs = f->family != AF_PACKET;
	/* -o lists addresses alone; -br wins over -o. */
	bool oneline = ipo.oneline && !ipo.brief && with_addrs;
	const struct addr_entry *own = NULL;
	size_t n = 0, i;

	if (nlh->nlmsg_type != RTM_NEWLINK || !ifi)
		return;
	if (with_addrs) {
		own = addr_table_find(addrs, (unsigned int)ifi->ifi_index, &n);
		if (!link_selected(own, n, f))
			return;
	}
	/*
	 * As in the reference: where a link part could be printed, a link
	 * the link selectors leave out is an empty JSON object; under -o
	 * they are ignored, but for "up", which then drops the addresses.
	 */
	if (!oneline && !link_filter_match(lf, nlh)) {
		pr_open_object(NULL);
		pr_close_object();
		return;
	}
	if (oneline && lf->up && !(ifi->ifi_flags & IFF_UP))
		n = 0;

	/* Nor does the reference print the link part under a label filter. */
	if (!oneline && !f->label)
		link_print_open(nlh, LINK_SHOW_ADDRESS);
	else
		pr_open_object(NULL);
	if (with_addrs) {
		pr_open_array("addr_info", NULL);
		for (i = 0; i < n; i++)
			print_addr(&own[i], f, oneline);
		pr_close_array(NULL);
		if (ipo.brief)
			pr_text("\n");
	}
	if (!oneline && !f->label)
		link_print_close(nlh, LINK_SHOW_ADDRESS);
	else
		pr_close_object();
}

/*
 * The families whose link dump the reference sends with IFLA_EXT_MASK and
 * the kernel-side filters (the AF_INET6 dump would refuse attributes).
 */
static bool link_dump_takes_filters(int family)
{
	return family == AF_UNSPEC || family == AF_PACKET;
}

/*
 * Ask for the links the reference asks for: one by index under `dev`,
 * else a dump of the family -4/-6/-0 chose.  The kernel's AF_INET6 link
 * dump differs (no qdisc, group or statistics), and the link part shows it.
 */
static int fetch_links(unsigned int ifindex, int family, const struct link_filter *lf,
		       struct nl_msgs *links)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct ifinfomsg *ifi;

	ifi = nl_req_init(req.buf, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = (uint8_t)family;
	if (ifindex) {
		ifi->ifi_index = (int)ifindex;
		mnl_attr_put_u32(&req.nlh, IFLA_EXT_MASK,
				 RTEXT_FILTER_VF | (ipo.stats ? 0 : RTEXT_FILTER_SKIP_STATS));
		return nl_talk_collect(ip_rtnl(), &req.nlh, links);
	}
	if (link_dump_takes_filters(family)) {
		mnl_attr_put_u32(&req.nlh, IFLA_EXT_MASK, RTEXT_FILTER_VF);
		link_filter_req(lf, &req.nlh);
	}
	return nl_dump_collect(ip_rtnl(), &req.nlh, links);
}

static int fetch_addrs(unsigned int ifindex, int family, struct nl_msgs *addrs)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct ifaddrmsg *ifa;

	ifa = nl_req_init(req.buf, RTM_GETADDR, 0, sizeof(*ifa));
	ifa->ifa_family = (uint8_t)family;
	ifa->ifa_index = ifindex;
	return nl_dump_collect(ip_rtnl(), &req.nlh, addrs);
}

static int dump_failed(int err)
{
	ip_fail_nl(err);
	fprintf(stderr, "Dump terminated\n");
	return 1;
}

static int address_show(int argc, char **argv)
{
	struct addr_filter f = { .family = ipo.family };
	struct link_filter lf = { 0 };
	struct nl_msgs links = { 0 }, addr_msgs = { 0 };
	struct addr_table addrs = { 0 };
	const struct nlmsghdr *nlh;
	const char *dev = NULL;
	unsigned int ifindex = 0;
	int err, status = 0;

	parse_show_args(argc, argv, &f, &lf, &dev);
	if (dev) {
		ifindex = ifcache_index(dev);
		if (!ifindex) {
			fprintf(stderr, "Device \"%s\" does not exist.\n", dev);
			exit(1);
		}
	}
	/* From here on the reference's JSON output is at least "[]". */
	pr_start();

	/* A dump asks for the family of the command line, a single link for
	 * the one `to` may have narrowed it to: as the reference does. */
	err = fetch_links(ifindex, ifindex ? f.family : ipo.family, &lf, &links);
	if (err < 0) {
		if (ifindex) {
			/* An "ifN" name of no device: reported, yet a success. */
			ip_fail_nl(err);
			fprintf(stderr, "Cannot send link request: %s\n", strerror(-err));
		} else {
			status = dump_failed(err);
		}
		goto out;
	}
	nl_msgs_for_each(&links, nlh)
		link_learn(nlh);

	if (f.family != AF_PACKET) {
		err = fetch_addrs(ifindex, f.family, &addr_msgs);
		if (err < 0) {
			status = dump_failed(err);
			goto out;
		}
		addr_table_build(&addrs, &addr_msgs);
	}

	/* The link part follows the family `to` narrowed the listing to. */
	ipo.family = f.family;
	nl_msgs_for_each(&links, nlh)
		show_link(nlh, &addrs, &f, &lf);
out:
	free(addrs.entries);
	nl_msgs_free(&addr_msgs);
	nl_msgs_free(&links);
	return status;
}

/* The first four bytes of a file `ip address save` writes. */
#define SAVE_MAGIC 0x47361222U

/*
 * The selectors of flush and save, which are those of show; the device
 * they name is looked up here.  Returns its index, or 0 for all.
 */
static unsigned int parse_selection(int argc, char **argv, struct addr_filter *f)
{
	struct link_filter lf = { 0 };
	const char *dev = NULL;
	unsigned int ifindex = 0;

	parse_show_args(argc, argv, f, &lf, &dev);
	if (dev) {
		ifindex = ifcache_index(dev);
		if (!ifindex) {
			fprintf(stderr, "Device \"%s\" does not exist.\n", dev);
			exit(1);
		}
	}
	return ifindex;
}

/* What the flush pipe reports; a secondary goes with its primary. */
static int flush_error(size_t index __attribute__((unused)), int err,
		       const char *ext_ack __attribute__((unused)), void *data)
{
	int *first = data;

	if (err != -EADDRNOTAVAIL && !*first)
		*first = err;
	return 0;
}

/* Queue the deletion of the address @nlh: the kernel's own message. */
static int queue_delete(struct nl_pipe *pipe, const struct nlmsghdr *nlh)
{
	struct nlmsghdr *req = nl_pipe_req(pipe);

	if (nlh->nlmsg_len > NL_REQ_SIZE)
		return -EMSGSIZE;
	memcpy(req, nlh, nlh->nlmsg_len);
	req->nlmsg_type = RTM_DELADDR;
	req->nlmsg_flags = NLM_F_REQUEST;
	return nl_pipe_push(pipe);
}

/*
 * One round of flush: delete what the selectors pick from a fresh dump.
 * Returns how many addresses it asked to delete, or a negative errno.
 */
static int flush_round(unsigned int ifindex, const struct addr_filter *f)
{
	struct nl_msgs msgs = { 0 };
	const struct nlmsghdr *nlh;
	struct nl_pipe *pipe;
	int count = 0, failed = 0, err;

	err = fetch_addrs(ifindex, ipo.family, &msgs);
	if (err < 0) {
		nl_msgs_free(&msgs);
		dump_failed(err);
		return -EIO;
	}
	/*
	 * List first: naming a device may ask the kernel, which the socket
	 * cannot do while the pipe uses it.
	 */
	if (ipo.stats > 1) {
		nl_msgs_for_each(&msgs, nlh) {
			struct addr_entry e = { 0 };

			if (addr_entry_parse(nlh, &e) && addr_selected(&e, f))
				print_addr_fields(&e, true);
		}
	}
	pipe = nl_pipe_new(ip_rtnl(), flush_error, &failed);
	if (!pipe) {
		err = -errno;
		goto out;
	}
	nl_msgs_for_each(&msgs, nlh) {
		struct addr_entry e = { 0 };

		if (!addr_entry_parse(nlh, &e) || !addr_selected(&e, f))
			continue;
		err = queue_delete(pipe, nlh);
		if (err < 0)
			goto out;
		count++;
	}
	err = nl_pipe_flush(pipe);
	if (err == -EADDRNOTAVAIL || err == 0)
		err = failed;
out:
	nl_pipe_free(pipe);
	nl_msgs_free(&msgs);
	return err < 0 ? err : count;
}

struct flush_args {
	unsigned int ifindex;
	const struct addr_filter *filter;
};

static int flush_one_round(void *data)
{
	const struct flush_args *a = data;

	return flush_round(a->ifindex, a->filter);
}

static int address_flush(int argc, char **argv)
{
	struct addr_filter f = { .family = ipo.family };
	struct flush_args args = { .filter = &f };
	/* Only the address flush takes -l; it fails with status 255 (-1). */
	const struct ip_flush_kind kind = {
		.noun = "addresses",
		.max_rounds = ipo.loops ? ipo.loops : IP_FLUSH_ROUNDS,
		.fail_status = 255,
	};

	if (argc <= 0) {
		fprintf(stderr, "Flush requires arguments.\n");
		/* Returned, not exit(): a batch goes on to say which line failed. */
		return 1;
	}
	args.ifindex = parse_selection(argc, argv, &f);
	return ip_flush(&kind, flush_one_round, &args);
}

static int address_save(int argc, char **argv)
{
	struct addr_filter f = { .family = ipo.family };
	struct nl_msgs msgs = { 0 };
	const struct nlmsghdr *nlh;
	uint32_t magic = SAVE_MAGIC;
	unsigned int ifindex;
	int err;

	ifindex = parse_selection(argc, argv, &f);
	if (isatty(fileno(stdout))) {
		fprintf(stderr, "Not sending a binary stream to stdout\n");
		exit(1);
	}
	err = fetch_addrs(ifindex, ipo.family, &msgs);
	if (err < 0) {
		nl_msgs_free(&msgs);
		return dump_failed(err);
	}
	fwrite(&magic, sizeof(magic), 1, stdout);
	nl_msgs_for_each(&msgs, nlh) {
		struct addr_entry e = { 0 };

		if (addr_entry_parse(nlh, &e) && addr_selected(&e, &f))
			fwrite(nlh, nlh->nlmsg_len, 1, stdout);
	}
	nl_msgs_free(&msgs);
	return 0;
}

/* The start of what save wrote, on standard input; exits when it is not. */
static void read_saved_magic(void)
{
	uint32_t magic = 0;
	size_t n;

	n = fread(&magic, sizeof(magic), 1, stdin);
	if (n != 1 || magic != SAVE_MAGIC) {
		fprintf(stderr, "Magic mismatch (%zu elems, %x magic)\n", n, magic);
		exit(IP_EXIT_USAGE);
	}
}

/*
 * Call @fn for each message that follows the magic on standard input.  A
 * broken file ends the program with the reference's words, after what
 * was printed so far is closed.
 */
static void read_saved(void (*fn)(struct nlmsghdr *nlh))
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} msg;
	size_t n;

	for (;;) {
		n = fread(&msg.nlh, 1, sizeof(msg.nlh), stdin);
		if (n == 0)
			return;
		if (n < sizeof(msg.nlh))
			break;
		if (msg.nlh.nlmsg_len < sizeof(msg.nlh) || msg.nlh.nlmsg_len > sizeof(msg)) {
			fprintf(stderr, "!!!malformed message: len=%u @%lu\n", msg.nlh.nlmsg_len,
				(unsigned long)ftell(stdin));
			pr_finish();
			exit(IP_EXIT_USAGE);
		}
		n = msg.nlh.nlmsg_len - sizeof(msg.nlh);
		if (fread(msg.buf + sizeof(msg.nlh), 1, n, stdin) != n)
			break;
		fn(&msg.nlh);
	}
	fprintf(stderr, "rtnl-from_file: truncated message\n");
	pr_finish();
	exit(IP_EXIT_USAGE);
}

static void showdump_one(struct nlmsghdr *nlh)
{
	struct addr_entry e = { 0 };

	if (!addr_entry_parse(nlh, &e))
		return;
	pr_open_object(NULL);
	pr_uint("index", "if%u:", e.ifa->ifa_index);
	pr_nl();
	print_addr_fields(&e, false);
	pr_close_object();
}

static int address_showdump(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	read_saved_magic();
	pr_open_object(NULL);
	pr_open_array("addr_info", NULL);
	read_saved(showdump_one);
	pr_close_array(NULL);
	pr_close_object();
	return 0;
}

/* A failed address is reported and the rest still restored. */
static void restore_one(struct nlmsghdr *nlh)
{
	int err;

	if (nlh->nlmsg_type != RTM_NEWADDR)
		return;
	nlh->nlmsg_flags |= NLM_F_CREATE;
	err = nl_talk(ip_rtnl(), nlh, NULL, NULL);
	if (err < 0)
		ip_fail_nl(err);
}

static int address_restore(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	read_saved_magic();
	read_saved(restore_one);
	return 0;
}

static int address_help(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	address_usage();
}

/*
 * The subcommands in the reference's order, which decides what an
 * abbreviation means: "s" is show, "l" list.
 */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} address_cmds[] = {
	{ "add", address_add },
	{ "change", address_change },
	{ "chg", address_change },
	{ "replace", address_replace },
	{ "delete", address_del },
	{ "list", address_show },
	{ "show", address_show },
	{ "lst", address_show },
	{ "flush", address_flush },
	{ "save", address_save },
	{ "showdump", address_showdump },
	{ "restore", address_restore },
	{ "help", address_help },
};

int do_address(int argc, char **argv)
{
	size_t i;

	if (argc < 1)
		return address_show(0, NULL);
	for (i = 0; i < ARRAY_SIZE(address_cmds); i++)
		if (matches(argv[0], address_cmds[i].name))
			return address_cmds[i].run(argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip address help\".\n", argv[0]);
	exit(IP_EXIT_USAGE);
}
