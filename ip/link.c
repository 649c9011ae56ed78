// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip link: show (list, lst) and help; the link part that ip address show
 * prints before each device's addresses; the registry of link kinds.  The
 * commands that change links are in ip/link_change.c.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"

/* Where `ip netns` keeps the namespaces it names. */
#define NETNS_RUN_DIR "/run/netns"

/*
 * Kinds.  GNU ld defines these two symbols around the section that
 * LINK_KIND() fills; weak, so that a build without any kind still links.
 */
extern const struct link_kind *const __start_nlkit_link_kinds[] __attribute__((weak));
extern const struct link_kind *const __stop_nlkit_link_kinds[] __attribute__((weak));

const struct link_kind *link_kind_find(const char *name)
{
	const struct link_kind *const *k;

	for (k = __start_nlkit_link_kinds; k < __stop_nlkit_link_kinds; k++)
		if (!strcmp((*k)->name, name))
			return *k;
	return NULL;
}

/*
 * The flags of the links seen so far, by index: M-DOWN tells whether the
 * device a link sits on is down, and that device is usually in the same
 * dump.  Open addressing; index 0 (never a device) marks a free slot.
 */
struct flags_slot {
	unsigned int index;
	unsigned int flags;
};

static struct {
	struct flags_slot *slots;
	size_t cap;		/* a power of two, or 0 */
	size_t used;
} known_flags;

static size_t flags_slot(const struct flags_slot *slots, size_t cap, unsigned int index)
{
	size_t mask = cap - 1;
	size_t i = (index * 2654435761u) & mask;

	while (slots[i].index && slots[i].index != index)
		i = (i + 1) & mask;
	return i;
}

static void flags_grow(void)
{
	size_t cap = known_flags.cap ? known_flags.cap * 2 : 64;
	struct flags_slot *slots = xcalloc(cap, sizeof(*slots));
	size_t i;

	for (i = 0; i < known_flags.cap; i++) {
		const struct flags_slot *old = &known_flags.slots[i];

		if (old->index)
			slots[flags_slot(slots, cap, old->index)] = *old;
	}
	free(known_flags.slots);
	known_flags.slots = slots;
	known_flags.cap = cap;
}

static void flags_remember(unsigned int index, unsigned int flags)
{
	struct flags_slot *slot;

	if ((known_flags.used + 1) * 2 > known_flags.cap)
		flags_grow();
	slot = &known_flags.slots[flags_slot(known_flags.slots, known_flags.cap, index)];
	if (!slot->index) {
		slot->index = index;
		known_flags.used++;
	}
	slot->flags = flags;
}

static const struct flags_slot *flags_find(unsigned int index)
{
	const struct flags_slot *slot;

	if (!known_flags.cap)
		return NULL;
	slot = &known_flags.slots[flags_slot(known_flags.slots, known_flags.cap, index)];
	return slot->index ? slot : NULL;
}

void link_forget(void)
{
	free(known_flags.slots);
	memset(&known_flags, 0, sizeof(known_flags));
}

void link_learn(const struct nlmsghdr *nlh)
{
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));

	if (nlh->nlmsg_type != RTM_NEWLINK || !ifi || ifi->ifi_index <= 0)
		return;
	ifcache_learn(nlh);
	flags_remember((unsigned int)ifi->ifi_index, ifi->ifi_flags);
}

void link_monitor_learn(const struct nlmsghdr *nlh)
{
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));

	if (!ifi || ifi->ifi_index <= 0)
		return;
	if (nlh->nlmsg_type == RTM_DELLINK) {
		ifcache_learn(nlh);
		return;
	}
	if (nlh->nlmsg_type != RTM_NEWLINK)
		return;
	if (!ifcache_known((unsigned int)ifi->ifi_index))
		ifcache_learn(nlh);
	flags_remember((unsigned int)ifi->ifi_index, ifi->ifi_flags);
}

static int learn_msg(const struct nlmsghdr *nlh, void *data __attribute__((unused)))
{
	link_learn(nlh);
	return MNL_CB_OK;
}

/*
 * The flags of device @index, asked of the kernel when no dump showed it.
 * A device that cannot be found counts as down, as in the reference.
 */
static unsigned int link_flags_of(unsigned int index)
{
	const struct flags_slot *slot = flags_find(index);
	union nl_req_buf req;
	struct ifinfomsg *ifi;

	if (slot)
		return slot->flags;
	ifi = nl_req_init(req.buf, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_index = (int)index;
	mnl_attr_put_u32(&req.nlh, IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
	if (nl_talk(ip_rtnl(), &req.nlh, learn_msg, NULL) < 0)
		flags_remember(index, 0);
	slot = flags_find(index);
	return slot ? slot->flags : 0;
}

/*
 * One link by name: IFLA_IFNAME, or IFLA_ALT_IFNAME for a name too long
 * to be a device's own, which only an alternative name can be.
 */
static int link_get_by_name(const char *name, int family, uint32_t ext_mask, struct nl_msgs *out)
{
	union nl_req_buf req;
	struct ifinfomsg *ifi;
	uint16_t type = strlen(name) < IFNAMSIZ ? IFLA_IFNAME : IFLA_ALT_IFNAME;

	ifi = nl_req_init(req.buf, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = (uint8_t)family;
	if (!mnl_attr_put_strz_check(&req.nlh, NL_REQ_SIZE, type, name))
		return -ENODEV;
	mnl_attr_put_u32(&req.nlh, IFLA_EXT_MASK, ext_mask);
	return nl_talk_collect(ip_rtnl(), &req.nlh, out);
}

static const struct nl_attr_policy info_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = { .kind = NLA_STR },
	[IFLA_INFO_DATA] = { .kind = NLA_NESTED },
	[IFLA_INFO_SLAVE_KIND] = { .kind = NLA_STR },
	[IFLA_INFO_SLAVE_DATA] = { .kind = NLA_NESTED },
};

static const struct nl_attr_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_ADDRESS] = { .kind = NLA_BINARY },
	[IFLA_BROADCAST] = { .kind = NLA_BINARY },
	[IFLA_IFNAME] = { .kind = NLA_STR },
	[IFLA_MTU] = { .kind = NLA_U32 },
	[IFLA_LINK] = { .kind = NLA_U32 },
	[IFLA_QDISC] = { .kind = NLA_STR },
	[IFLA_MASTER] = { .kind = NLA_U32 },
	[IFLA_TXQLEN] = { .kind = NLA_U32 },
	[IFLA_OPERSTATE] = { .kind = NLA_U8 },
	[IFLA_LINKMODE] = { .kind = NLA_U8 },
	[IFLA_LINKINFO] = { .kind = NLA_NESTED },
	[IFLA_IFALIAS] = { .kind = NLA_STR },
	/* Kernels before 4.6 end the structure before rx_nohandler. */
	[IFLA_STATS64] = { .kind = NLA_BINARY,
			   .min_len = offsetof(struct rtnl_link_stats64, rx_nohandler) },
	[IFLA_AF_SPEC] = { .kind = NLA_NESTED },
	[IFLA_GROUP] = { .kind = NLA_U32 },
	[IFLA_PROMISCUITY] = { .kind = NLA_U32 },
	[IFLA_NUM_TX_QUEUES] = { .kind = NLA_U32 },
	[IFLA_NUM_RX_QUEUES] = { .kind = NLA_U32 },
	[IFLA_PHYS_PORT_ID] = { .kind = NLA_BINARY },
	[IFLA_CARRIER_CHANGES] = { .kind = NLA_U32 },
	[IFLA_PHYS_SWITCH_ID] = { .kind = NLA_BINARY },
	[IFLA_LINK_NETNSID] = { .kind = NLA_U32 },
	[IFLA_PHYS_PORT_NAME] = { .kind = NLA_STR },
	[IFLA_PROTO_DOWN] = { .kind = NLA_U8 },
	[IFLA_GSO_MAX_SEGS] = { .kind = NLA_U32 },
	[IFLA_GSO_MAX_SIZE] = { .kind = NLA_U32 },
	[IFLA_MIN_MTU] = { .kind = NLA_U32 },
	[IFLA_MAX_MTU] = { .kind = NLA_U32 },
	[IFLA_PROP_LIST] = { .kind = NLA_NESTED },
	[IFLA_PERM_ADDRESS] = { .kind = NLA_BINARY },
	[IFLA_PROTO_DOWN_REASON] = { .kind = NLA_NESTED },
	[IFLA_PARENT_DEV_NAME] = { .kind = NLA_STR },
	[IFLA_PARENT_DEV_BUS_NAME] = { .kind = NLA_STR },
	[IFLA_GRO_MAX_SIZE] = { .kind = NLA_U32 },
	[IFLA_TSO_MAX_SIZE] = { .kind = NLA_U32 },
	[IFLA_TSO_MAX_SEGS] = { .kind = NLA_U32 },
	[IFLA_ALLMULTI] = { .kind = NLA_U32 },
};

/*
 * The kind (or, with @slave, the slave kind) in IFLA_LINKINFO: NULL
 * without IFLA_LINKINFO, "" when it names none (which `type _slave`
 * selects, as in the reference).
 */
static const char *linkinfo_kind(const struct nlattr *linkinfo, bool slave)
{
	const struct nlattr *info[IFLA_INFO_MAX + 1];
	const struct nlattr *kind;

	if (!linkinfo)
		return NULL;
	nl_attr_parse_nested(linkinfo, info, IFLA_INFO_MAX, info_policy);
	kind = info[slave ? IFLA_INFO_SLAVE_KIND : IFLA_INFO_KIND];
	return kind ? mnl_attr_get_str(kind) : "";
}

/* The index of VRF device @name; anything else ends the run. */
unsigned int link_vrf_index(const char *name)
{
	const struct nlattr *tb[IFLA_MAX + 1];
	struct nl_msgs reply = { 0 };
	const struct nlmsghdr *nlh;
	const struct ifinfomsg *ifi;
	const char *kind;
	unsigned int index = 0;

	if (link_get_by_name(name, AF_UNSPEC, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS,
			     &reply) == 0) {
		nl_msgs_for_each(&reply, nlh) {
			ifi = nl_msg_payload(nlh, sizeof(*ifi));
			if (nlh->nlmsg_type != RTM_NEWLINK || !ifi)
				continue;
			nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy);
			kind = linkinfo_kind(tb[IFLA_LINKINFO], false);
			if (kind && !strcmp(kind, "vrf"))
				index = (unsigned int)ifi->ifi_index;
			break;
		}
	}
	nl_msgs_free(&reply);
	if (!index)
		invarg("Not a valid VRF name\n", name);
	return index;
}

int link_filter_arg(struct link_filter *f, int *argcp, char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;
	const char *word = *argv;

	if (!strcmp(word, "up")) {
		f->up = true;
	} else if (!strcmp(word, "group")) {
		NEXT_ARG();
		if (names_parse(NT_GROUPS, *argv, &f->group))
			invarg("Invalid \"group\" value\n", *argv);
		f->has_group = true;
	} else if (!strcmp(word, "master")) {
		NEXT_ARG();
		f->master = ifcache_index(*argv);
		if (!f->master)
			invarg("Device does not exist\n", *argv);
		f->nomaster = false;
	} else if (!strcmp(word, "vrf")) {
		NEXT_ARG();
		f->master = link_vrf_index(*argv);
		f->nomaster = false;
	} else if (!strcmp(word, "nomaster")) {
		f->nomaster = true;
		f->master = 0;
	} else if (!strcmp(word, "type")) {
		static const char slave_suffix[] = "_slave";
		size_t len, suffix_len = sizeof(slave_suffix) - 1;

		NEXT_ARG();
		len = strlen(*argv);
		f->kind_is_slave = len >= suffix_len && !strcmp(*argv + len - suffix_len,
								 slave_suffix);
		if (f->kind_is_slave)
			(*argv)[len - suffix_len] = '\0';
		f->kind = *argv;
	} else {
		return 0;
	}
	*argcp = argc - 1;
	*argvp = argv + 1;
	return 1;
}

bool link_filter_match(const struct link_filter *f, const struct nlmsghdr *nlh)
{
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));
	const struct nlattr *tb[IFLA_MAX + 1];
	const char *kind;

	if (!ifi)
		return false;
	if (f->ifindex && (unsigned int)ifi->ifi_index != f->ifindex)
		return false;
	if (f->up && !(ifi->ifi_flags & IFF_UP))
		return false;
	if (!f->has_group && !f->master && !f->kind)
		return true;
	nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy);
	if (f->has_group && tb[IFLA_GROUP] && mnl_attr_get_u32(tb[IFLA_GROUP]) != f->group)
		return false;
	if (f->master && (!tb[IFLA_MASTER] || mnl_attr_get_u32(tb[IFLA_MASTER]) != f->master))
		return false;
	if (f->kind) {
		kind = linkinfo_kind(tb[IFLA_LINKINFO], f->kind_is_slave);
		if (!kind || strcmp(kind, f->kind))
			return false;
	}
	return true;
}

void link_filter_req(const struct link_filter *f, struct nlmsghdr *req)
{
	struct nlattr *info;

	if (f->nomaster)
		mnl_attr_put_u32(req, IFLA_MASTER, UINT32_MAX);
	else if (f->master)
		mnl_attr_put_u32(req, IFLA_MASTER, f->master);
	if (f->kind && !f->kind_is_slave) {
		info = mnl_attr_nest_start(req, IFLA_LINKINFO);
		/* Without the NUL, as the reference sends it. */
		mnl_attr_put(req, IFLA_INFO_KIND, strlen(f->kind), f->kind);
		mnl_attr_nest_end(req, info);
	}
}

/* The hardware types by the names the reference gives them. */
static const struct {
	unsigned short type;
	const char *name;
} arphrd_names[] = {
	{ ARPHRD_NETROM, "netrom" },
	{ ARPHRD_ETHER, "ether" },
	{ ARPHRD_EETHER, "eether" },
	{ ARPHRD_AX25, "ax25" },
	{ ARPHRD_PRONET, "pronet" },
	{ ARPHRD_CHAOS, "chaos" },
	{ ARPHRD_IEEE802, "ieee802" },
	{ ARPHRD_ARCNET, "arcnet" },
	{ ARPHRD_APPLETLK, "atalk" },
	{ ARPHRD_DLCI, "dlci" },
	{ ARPHRD_ATM, "atm" },
	{ ARPHRD_METRICOM, "metricom" },
	{ ARPHRD_IEEE1394, "ieee1394" },
	{ ARPHRD_INFINIBAND, "infiniband" },
	{ ARPHRD_SLIP, "slip" },
	{ ARPHRD_CSLIP, "cslip" },
	{ ARPHRD_SLIP6, "slip6" },
	{ ARPHRD_CSLIP6, "cslip6" },
	{ ARPHRD_RSRVD, "rsrvd" },
	{ ARPHRD_ADAPT, "adapt" },
	{ ARPHRD_ROSE, "rose" },
	{ ARPHRD_X25, "x25" },
	{ ARPHRD_HWX25, "hwx25" },
	{ ARPHRD_CAN, "can" },
	{ ARPHRD_PPP, "ppp" },
	{ ARPHRD_CISCO, "hdlc" },
	{ ARPHRD_LAPB, "lapb" },
	{ ARPHRD_DDCMP, "ddcmp" },
	{ ARPHRD_RAWHDLC, "rawhdlc" },
	{ ARPHRD_TUNNEL, "ipip" },
	{ ARPHRD_TUNNEL6, "tunnel6" },
	{ ARPHRD_FRAD, "frad" },
	{ ARPHRD_SKIP, "skip" },
	{ ARPHRD_LOOPBACK, "loopback" },
	{ ARPHRD_LOCALTLK, "ltalk" },
	{ ARPHRD_FDDI, "fddi" },
	{ ARPHRD_BIF, "bif" },
	{ ARPHRD_SIT, "sit" },
	{ ARPHRD_IPDDP, "ip/ddp" },
	{ ARPHRD_IPGRE, "gre" },
	{ ARPHRD_PIMREG, "pimreg" },
	{ ARPHRD_HIPPI, "hippi" },
	{ ARPHRD_ASH, "ash" },
	{ ARPHRD_ECONET, "econet" },
	{ ARPHRD_IRDA, "irda" },
	{ ARPHRD_FCPP, "fcpp" },
	{ ARPHRD_FCAL, "fcal" },
	{ ARPHRD_FCPL, "fcpl" },
	{ ARPHRD_FCFABRIC, "fcfb0" },
	{ ARPHRD_FCFABRIC + 1, "fcfb1" },
	{ ARPHRD_FCFABRIC + 2, "fcfb2" },
	{ ARPHRD_FCFABRIC + 3, "fcfb3" },
	{ ARPHRD_FCFABRIC + 4, "fcfb4" },
	{ ARPHRD_FCFABRIC + 5, "fcfb5" },
	{ ARPHRD_FCFABRIC + 6, "fcfb6" },
	{ ARPHRD_FCFABRIC + 7, "fcfb7" },
	{ ARPHRD_FCFABRIC + 8, "fcfb8" },
	{ ARPHRD_FCFABRIC + 9, "fcfb9" },
	{ ARPHRD_FCFABRIC + 10, "fcfb10" },
	{ ARPHRD_FCFABRIC + 11, "fcfb11" },
	{ ARPHRD_FCFABRIC + 12, "fcfb12" },
	{ ARPHRD_IEEE802_TR, "tr" },
	{ ARPHRD_IEEE80211, "ieee802.11" },
	{ ARPHRD_IEEE80211_PRISM, "ieee802.11/prism" },
	{ ARPHRD_IEEE80211_RADIOTAP, "ieee802.11/radiotap" },
	{ ARPHRD_IEEE802154, "ieee802.15.4" },
	{ ARPHRD_IEEE802154_MONITOR, "ieee802.15.4/monitor" },
	{ ARPHRD_PHONET, "phonet" },
	{ ARPHRD_PHONET_PIPE, "phonet_pipe" },
	{ ARPHRD_CAIF, "caif" },
	{ ARPHRD_IP6GRE, "gre6" },
	{ ARPHRD_NETLINK, "netlink" },
	{ ARPHRD_6LOWPAN, "6lowpan" },
	{ ARPHRD_NONE, "none" },
	{ ARPHRD_VOID, "void" },
};

/* The name of hardware type @type; its number with -N or without a name. */
static const char *arphrd_name(unsigned short type, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(arphrd_names) && !ipo.numeric; i++)
		if (arphrd_names[i].type == type)
			return arphrd_names[i].name;
	snprintf(buf, len, "[%u]", type);
	return buf;
}

/*
 * Named network namespaces by the id this namespace knows them by, read
 * once: the reference names the namespace a link's peer lives in when
 * `ip netns` named it.
 */
struct netns_name {
	int nsid;
	char *name;
};

static struct {
	bool loaded;
	size_t count;
	struct netns_name *names;
} netns_names;

static const struct nl_attr_policy nsid_policy[NETNSA_MAX + 1] = {
	[NETNSA_NSID] = { .kind = NLA_U32 },
};

static int nsid_reply(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NETNSA_MAX + 1];
	int *nsid = data;

	if (nlh->nlmsg_type == RTM_NEWNSID &&
	    nl_attr_parse_msg(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX, nsid_policy) == 0 &&
	    tb[NETNSA_NSID])
		*nsid = (int)mnl_attr_get_u32(tb[NETNSA_NSID]);
	return MNL_CB_OK;
}

int link_netns_id(int fd)
{
	union nl_req_buf req;
	struct rtgenmsg *g;
	int nsid = NETNSA_NSID_NOT_ASSIGNED;

	g = nl_req_init(req.buf, RTM_GETNSID, 0, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(&req.nlh, NETNSA_FD, (uint32_t)fd);
	if (nl_talk(ip_rtnl(), &req.nlh, nsid_reply, &nsid) < 0)
		return NETNSA_NSID_NOT_ASSIGNED;
	return nsid;
}

static void netns_names_load(void)
{
	struct dirent *entry;
	DIR *dir;

	netns_names.loaded = true;
	dir = opendir(NETNS_RUN_DIR);
	if (!dir)
		return;
	while ((entry = readdir(dir))) {
		int fd, nsid;

		if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
			continue;
		fd = openat(dirfd(dir), entry->d_name, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		nsid = link_netns_id(fd);
		close(fd);
		if (nsid < 0)
			continue;
		netns_names.names = xrealloc(netns_names.names,
					     (netns_names.count + 1) * sizeof(*netns_names.names));
		netns_names.names[netns_names.count].nsid = nsid;
		netns_names.names[netns_names.count].name = xstrdup(entry->d_name);
		netns_names.count++;
	}
	closedir(dir);
}

static const char *netns_name(int nsid)
{
	size_t i;

	if (!netns_names.loaded)
		netns_names_load();
	for (i = 0; i < netns_names.count; i++)
		if (netns_names.names[i].nsid == nsid)
			return netns_names.names[i].name;
	return NULL;
}

/*
 * "NAME" or "NAME@LOWER" with @fmt, where LOWER is the device the link
 * sits on (IFLA_LINK): by name, "if%d" when it lives in another
 * namespace, "NONE" for index 0.  JSON gives LOWER as a member of its
 * own.  Returns whether LOWER is down (the M-DOWN flag).
 */
static bool print_name(const struct nlattr **tb, const char *fmt)
{
	const char *name = mnl_attr_get_str(tb[IFLA_IFNAME]);
	const char *lower = NULL;
	char lower_buf[IFNAMSIZ + 16], text[IFNAMSIZ + sizeof(lower_buf) + 2];
	bool lower_down = false;
	unsigned int iflink;

	if (tb[IFLA_LINK]) {
		iflink = mnl_attr_get_u32(tb[IFLA_LINK]);
		if (!iflink) {
			pr_null("link", NULL);
			lower = "NONE";
		} else if (tb[IFLA_LINK_NETNSID]) {
			pr_uint("link_index", NULL, iflink);
			snprintf(lower_buf, sizeof(lower_buf), "if%u", iflink);
			lower = lower_buf;
		} else {
			/* First: a lookup for the flags teaches the cache the name. */
			lower_down = !(link_flags_of(iflink) & IFF_UP);
			lower = ifcache_name_or_num(iflink, lower_buf, sizeof(lower_buf));
			pr_string("link", NULL, lower);
		}
	}
	if (lower && !pr_json()) {
		snprintf(text, sizeof(text), "%s@%s", name, lower);
		name = text;
	}
	pr_color_string(PR_C_IFNAME, "ifname", fmt, name);
	return lower_down;
}

/* The interface flags in the reference's order. */
static const struct {
	unsigned int bit;
	const char *name;
} iff_names[] = {
	{ IFF_LOOPBACK, "LOOPBACK" },
	{ IFF_BROADCAST, "BROADCAST" },
	{ IFF_POINTOPOINT, "POINTOPOINT" },
	{ IFF_MULTICAST, "MULTICAST" },
	{ IFF_NOARP, "NOARP" },
	{ IFF_ALLMULTI, "ALLMULTI" },
	{ IFF_PROMISC, "PROMISC" },
	{ IFF_MASTER, "MASTER" },
	{ IFF_SLAVE, "SLAVE" },
	{ IFF_DEBUG, "DEBUG" },
	{ IFF_DYNAMIC, "DYNAMIC" },
	{ IFF_AUTOMEDIA, "AUTOMEDIA" },
	{ IFF_PORTSEL, "PORTSEL" },
	{ IFF_NOTRAILERS, "NOTRAILERS" },
	{ IFF_UP, "UP" },
	{ IFF_LOWER_UP, "LOWER_UP" },
	{ IFF_DORMANT, "DORMANT" },
	{ IFF_ECHO, "ECHO" },
};

/*
 * "<A,B,...> ".  A comma follows a name while flags remain, bits without
 * a name included (printed last, in hex); M-DOWN brings its own comma.
 */
static void print_flags(unsigned int flags, bool lower_down)
{
	size_t i;

	pr_open_array("flags", "<");
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		pr_string(NULL, "%s,", "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	for (i = 0; i < ARRAY_SIZE(iff_names); i++) {
		if (!(flags & iff_names[i].bit))
			continue;
		flags &= ~iff_names[i].bit;
		pr_string(NULL, flags ? "%s," : "%s", iff_names[i].name);
	}
	if (flags)
		pr_hex(NULL, "%x", flags);
	if (lower_down)
		pr_string(NULL, ",%s", "M-DOWN");
	pr_close_array("> ");
}

static const char *const oper_states[] = {
	[IF_OPER_UNKNOWN] = "UNKNOWN",
	[IF_OPER_NOTPRESENT] = "NOTPRESENT",
	[IF_OPER_DOWN] = "DOWN",
	[IF_OPER_LOWERLAYERDOWN] = "LOWERLAYERDOWN",
	[IF_OPER_TESTING] = "TESTING",
	[IF_OPER_DORMANT] = "DORMANT",
	[IF_OPER_UP] = "UP",
};

static void print_operstate(uint8_t state, bool brief)
{
	enum pr_color color = PR_C_NONE;

	if (state >= ARRAY_SIZE(oper_states)) {
		pr_uint("operstate_index", "state %#x ", state);
		return;
	}
	if (state == IF_OPER_UP)
		color = PR_C_OPER_UP;
	else if (state == IF_OPER_DOWN)
		color = PR_C_OPER_DOWN;
	if (!brief)
		pr_text("state ");
	pr_color_string(color, "operstate", brief ? "%-14s " : "%s ", oper_states[state]);
}

static void print_linkmode(uint8_t mode)
{
	static const char *const modes[] = {
		[IF_LINK_MODE_DEFAULT] = "DEFAULT",
		[IF_LINK_MODE_DORMANT] = "DORMANT",
	};

	if (mode < ARRAY_SIZE(modes))
		pr_string("linkmode", "mode %s ", modes[mode]);
	else
		pr_int("linkmode_index", "mode %d ", mode);
}

/* Big enough for any hardware address the kernel keeps (MAX_ADDR_LEN 32). */
#define LLADDR_TEXT 256

static const char *lladdr_text(const struct nlattr *attr, unsigned short type, char *buf)
{
	return lladdr_format(mnl_attr_get_payload(attr), mnl_attr_get_payload_len(attr), type,
			     buf, LLADDR_TEXT);
}

static bool same_payload(const struct nlattr *a, const struct nlattr *b)
{
	return a && b && mnl_attr_get_payload_len(a) == mnl_attr_get_payload_len(b) &&
	       !memcmp(mnl_attr_get_payload(a), mnl_attr_get_payload(b),
		       mnl_attr_get_payload_len(a));
}

/* The "link/TYPE ADDRESS brd ADDRESS" line. */
static void print_link_layer(const struct ifinfomsg *ifi, const struct nlattr **tb)
{
	char buf[LLADDR_TEXT];

	pr_nl();
	pr_string("link_type", "    link/%s ", arphrd_name(ifi->ifi_type, buf, sizeof(buf)));
	if (tb[IFLA_ADDRESS])
		pr_color_string(PR_C_MAC, "address", "%s",
				lladdr_text(tb[IFLA_ADDRESS], ifi->ifi_type, buf));
	if (tb[IFLA_BROADCAST]) {
		if (ifi->ifi_flags & IFF_POINTOPOINT)
			pr_flag("link_pointtopoint", " peer ");
		else
			pr_text(" brd ");
		pr_color_string(PR_C_MAC, "broadcast", "%s",
				lladdr_text(tb[IFLA_BROADCAST], ifi->ifi_type, buf));
	}
	/* Only a permanent address that was changed away from is news. */
	if (tb[IFLA_PERM_ADDRESS] && !same_payload(tb[IFLA_PERM_ADDRESS], tb[IFLA_ADDRESS])) {
		pr_text(" permaddr ");
		pr_color_string(PR_C_MAC, "permaddr", "%s",
				lladdr_text(tb[IFLA_PERM_ADDRESS], ifi->ifi_type, buf));
	}
}

/* Text names the peer's namespace when `ip netns` did; JSON gives the id. */
static void print_link_netnsid(const struct nlattr *attr)
{
	int nsid = (int)mnl_attr_get_u32(attr);
	const char *name = NULL;

	if (nsid < 0) {
		pr_int("link_netnsid", " link-netnsid unknown", nsid);
		return;
	}
	if (!pr_json())
		name = netns_name(nsid);
	if (name) {
		pr_int("link_netnsid", NULL, nsid);
		pr_string(NULL, " link-netns %s", name);
	} else {
		pr_int("link_netnsid", " link-netnsid %d", nsid);
	}
}

static const struct nl_attr_policy reason_policy[IFLA_PROTO_DOWN_REASON_MAX + 1] = {
	[IFLA_PROTO_DOWN_REASON_MASK] = { .kind = NLA_U32 },
	[IFLA_PROTO_DOWN_REASON_VALUE] = { .kind = NLA_U32 },
};

/* The bits set in the protodown reason, as "protodown_reason <0,3>". */
static void print_protodown_reasons(const struct nlattr *nest)
{
	const struct nlattr *tb[IFLA_PROTO_DOWN_REASON_MAX + 1];
	char number[sizeof("31")];
	unsigned int bit;
	uint32_t value;
	bool first = true;

	nl_attr_parse_nested(nest, tb, IFLA_PROTO_DOWN_REASON_MAX, reason_policy);
	if (!tb[IFLA_PROTO_DOWN_REASON_VALUE])
		return;
	value = mnl_attr_get_u32(tb[IFLA_PROTO_DOWN_REASON_VALUE]);
	pr_open_array("proto_down_reason", "protodown_reason <");
	for (bit = 0; bit < 32; bit++) {
		if (!(value & (1u << bit)))
			continue;
		snprintf(number, sizeof(number), "%u", bit);
		pr_string(NULL, first ? "%s" : ",%s", number);
		first = false;
	}
	pr_close_array(">");
}

/*
 * IFLA_LINKINFO: "\n    KIND " and the kind's IFLA_INFO_DATA, then
 * "\n    MASTERKIND_slave " and the port's IFLA_INFO_SLAVE_DATA.  In JSON
 * the object "linkinfo" with "info_kind", "info_data", "info_slave_kind"
 * and "info_slave_data"; a data object exists exactly when the kind
 * prints that data, even when the kernel sent none.
 */
static void print_linkinfo(const struct nlattr *linkinfo)
{
	const struct nlattr *info[IFLA_INFO_MAX + 1];
	const struct link_kind *kind;
	const char *name;

	nl_attr_parse_nested(linkinfo, info, IFLA_INFO_MAX, info_policy);
	pr_open_object("linkinfo");
	if (info[IFLA_INFO_KIND]) {
		name = mnl_attr_get_str(info[IFLA_INFO_KIND]);
		pr_nl();
		pr_string("info_kind", "    %s ", name);
		kind = link_kind_find(name);
		if (kind && kind->print_data) {
			pr_open_object("info_data");
			kind->print_data(info[IFLA_INFO_DATA]);
			pr_close_object();
		}
	}
	if (info[IFLA_INFO_SLAVE_KIND]) {
		name = mnl_attr_get_str(info[IFLA_INFO_SLAVE_KIND]);
		pr_nl();
		pr_string("info_slave_kind", "    %s_slave ", name);
		kind = link_kind_find(name);
		if (kind && kind->print_slave_data) {
			pr_open_object("info_slave_data");
			kind->print_slave_data(info[IFLA_INFO_SLAVE_DATA]);
			pr_close_object();
		}
	}
	pr_close_object();
}

static const struct nl_attr_policy af_spec_policy[AF_INET6 + 1] = {
	[AF_INET6] = { .kind = NLA_NESTED },
};

static const struct nl_attr_policy inet6_policy[IFLA_INET6_MAX + 1] = {
	[IFLA_INET6_ADDR_GEN_MODE] = { .kind = NLA_U8 },
};

/* How the kernel makes the device's IPv6 link-local address. */
static void print_addrgenmode(const struct nlattr *af_spec)
{
	static const char *const modes[] = {
		[IN6_ADDR_GEN_MODE_EUI64] = "eui64",
		[IN6_ADDR_GEN_MODE_NONE] = "none",
		[IN6_ADDR_GEN_MODE_STABLE_PRIVACY] = "stable_secret",
		[IN6_ADDR_GEN_MODE_RANDOM] = "random",
	};
	const struct nlattr *af[AF_INET6 + 1];
	const struct nlattr *inet6[IFLA_INET6_MAX + 1];
	char unknown[sizeof("0xff")];
	const char *name;
	uint8_t mode;

	nl_attr_parse_nested(af_spec, af, AF_INET6, af_spec_policy);
	if (!af[AF_INET6])
		return;
	nl_attr_parse_nested(af[AF_INET6], inet6, IFLA_INET6_MAX, inet6_policy);
	if (!inet6[IFLA_INET6_ADDR_GEN_MODE])
		return;
	mode = mnl_attr_get_u8(inet6[IFLA_INET6_ADDR_GEN_MODE]);
	if (mode < ARRAY_SIZE(modes)) {
		name = modes[mode];
	} else {
		snprintf(unknown, sizeof(unknown), "%#.2hhx", mode);
		name = unknown;
	}
	pr_string("inet6_addr_gen_mode", "addrgenmode %s ", name);
}

/* A binary identifier as the reference writes it: hex digits, no separator. */
static void print_hex_id(const char *key, const char *fmt, const struct nlattr *attr)
{
	const uint8_t *id = mnl_attr_get_payload(attr);
	size_t len = mnl_attr_get_payload_len(attr), i;
	char text[2 * 64 + 1];

	if (len > 64)
		len = 64;
	for (i = 0; i < len; i++)
		snprintf(text + 2 * i, 3, "%02x", id[i]);
	text[2 * len] = '\0';
	pr_string(key, fmt, text);
}

/* The counters and sizes -d adds after the kind. */
static const struct {
	unsigned short attr;
	const char *key;
	const char *fmt;
} detail_numbers[] = {
	{ IFLA_NUM_TX_QUEUES, "num_tx_queues", "numtxqueues %u " },
	{ IFLA_NUM_RX_QUEUES, "num_rx_queues", "numrxqueues %u " },
	{ IFLA_GSO_MAX_SIZE, "gso_max_size", "gso_max_size %u " },
	{ IFLA_GSO_MAX_SEGS, "gso_max_segs", "gso_max_segs %u " },
	{ IFLA_TSO_MAX_SIZE, "tso_max_size", "tso_max_size %u " },
	{ IFLA_TSO_MAX_SEGS, "tso_max_segs", "tso_max_segs %u " },
	{ IFLA_GRO_MAX_SIZE, "gro_max_size", "gro_max_size %u " },
};

static void print_details(const struct nlattr **tb, enum link_show_mode mode)
{
	size_t i;

	if (tb[IFLA_PROMISCUITY])
		pr_uint("promiscuity", " promiscuity %u ", mnl_attr_get_u32(tb[IFLA_PROMISCUITY]));
	if (tb[IFLA_ALLMULTI])
		pr_uint("allmulti", " allmulti %u ", mnl_attr_get_u32(tb[IFLA_ALLMULTI]));
	if (tb[IFLA_MIN_MTU])
		pr_uint("min_mtu", "minmtu %u ", mnl_attr_get_u32(tb[IFLA_MIN_MTU]));
	if (tb[IFLA_MAX_MTU])
		pr_uint("max_mtu", "maxmtu %u ", mnl_attr_get_u32(tb[IFLA_MAX_MTU]));
	if (tb[IFLA_LINKINFO])
		print_linkinfo(tb[IFLA_LINKINFO]);
	if (mode == LINK_SHOW_LINK && tb[IFLA_AF_SPEC])
		print_addrgenmode(tb[IFLA_AF_SPEC]);
	for (i = 0; i < ARRAY_SIZE(detail_numbers); i++)
		if (tb[detail_numbers[i].attr])
			pr_uint(detail_numbers[i].key, detail_numbers[i].fmt,
				mnl_attr_get_u32(tb[detail_numbers[i].attr]));
	if (tb[IFLA_PHYS_PORT_NAME])
		pr_string("phys_port_name", "portname %s ",
			  mnl_attr_get_str(tb[IFLA_PHYS_PORT_NAME]));
	if (tb[IFLA_PHYS_PORT_ID])
		print_hex_id("phys_port_id", "portid %s ", tb[IFLA_PHYS_PORT_ID]);
	if (tb[IFLA_PHYS_SWITCH_ID])
		print_hex_id("phys_switch_id", "switchid %s ", tb[IFLA_PHYS_SWITCH_ID]);
	if (tb[IFLA_PARENT_DEV_BUS_NAME])
		pr_string("parentbus", "parentbus %s ",
			  mnl_attr_get_str(tb[IFLA_PARENT_DEV_BUS_NAME]));
	if (tb[IFLA_PARENT_DEV_NAME])
		pr_string("parentdev", "parentdev %s ", mnl_attr_get_str(tb[IFLA_PARENT_DEV_NAME]));
}

/*
 * The statistics table.  Its columns are shared by the RX and TX rows
 * and the -s -s error rows under them: each is as wide as its header
 * (the first, under "RX errors:", as that label) or its widest number.
 * Scaled numbers (-h) are never wider than a header.
 */
enum { COL_BYTES, COL_PACKETS, COL_ERRORS, COL_DROPPED, COL_FOURTH, COL_FIFTH, COL_EXTRA, NCOLS };

static void widen(unsigned int *width, unsigned long long value)
{
	unsigned int digits = 1;

	if (ipo.human)
		return;
	while (value >= 10) {
		value /= 10;
		digits++;
	}
	if (digits > *width)
		*width = digits;
}

static void size_columns(unsigned int *w, const struct rtnl_link_stats64 *s, uint32_t changes,
			 bool errors)
{
	widen(&w[COL_BYTES], s->rx_bytes);
	widen(&w[COL_BYTES], s->tx_bytes);
	widen(&w[COL_PACKETS], s->rx_packets);
	widen(&w[COL_PACKETS], s->tx_packets);
	widen(&w[COL_ERRORS], s->rx_errors);
	widen(&w[COL_ERRORS], s->tx_errors);
	widen(&w[COL_DROPPED], s->rx_dropped);
	widen(&w[COL_DROPPED], s->tx_dropped);
	widen(&w[COL_FOURTH], s->rx_missed_errors);
	widen(&w[COL_FOURTH], s->tx_carrier_errors);
	widen(&w[COL_FIFTH], s->multicast);
	widen(&w[COL_FIFTH], s->collisions);
	widen(&w[COL_EXTRA], s->rx_compressed);
	widen(&w[COL_EXTRA], s->tx_compressed);
	if (!errors)
		return;
	widen(&w[COL_PACKETS], s->rx_length_errors);
	widen(&w[COL_PACKETS], s->tx_aborted_errors);
	widen(&w[COL_ERRORS], s->rx_crc_errors);
	widen(&w[COL_ERRORS], s->tx_fifo_errors);
	widen(&w[COL_DROPPED], s->rx_frame_errors);
	widen(&w[COL_DROPPED], s->tx_window_errors);
	widen(&w[COL_FOURTH], s->rx_fifo_errors);
	widen(&w[COL_FOURTH], s->tx_heartbeat_errors);
	widen(&w[COL_FIFTH], s->rx_over_errors);
	widen(&w[COL_FIFTH], changes);
	widen(&w[COL_EXTRA], s->rx_nohandler);
}

static void print_rx_stats(const struct rtnl_link_stats64 *s, const unsigned int *w, bool errors)
{
	pr_open_object("rx");
	pr_text("    RX: %*s %*s %*s %*s %*s %*s %*s", w[COL_BYTES] - 4, "bytes",
		w[COL_PACKETS], "packets", w[COL_ERRORS], "errors", w[COL_DROPPED], "dropped",
		w[COL_FOURTH], "missed", w[COL_FIFTH], "mcast", w[COL_EXTRA],
		s->rx_compressed ? "compressed" : "");
	pr_nl();
	pr_text("    ");
	pr_num("bytes", w[COL_BYTES], s->rx_bytes);
	pr_num("packets", w[COL_PACKETS], s->rx_packets);
	pr_num("errors", w[COL_ERRORS], s->rx_errors);
	pr_num("dropped", w[COL_DROPPED], s->rx_dropped);
	/*
	 * The text column here counts missed packets where JSON has the
	 * overruns; each shows the other in the error row.
	 */
	pr_num(NULL, w[COL_FOURTH], s->rx_missed_errors);
	pr_u64("over_errors", NULL, s->rx_over_errors);
	pr_num("multicast", w[COL_FIFTH], s->multicast);
	if (s->rx_compressed)
		pr_num("compressed", w[COL_EXTRA], s->rx_compressed);
	if (errors) {
		pr_nl();
		pr_text("    RX errors:%*s %*s %*s %*s %*s %*s", w[COL_BYTES] - 10, "",
			w[COL_PACKETS], "length", w[COL_ERRORS], "crc", w[COL_DROPPED], "frame",
			w[COL_FOURTH], "fifo", w[COL_FIFTH], "overrun");
		if (s->rx_nohandler)
			pr_text(" %*s", w[COL_EXTRA], "nohandler");
		pr_nl();
		pr_text("%*s", w[COL_BYTES] + 5, "");
		pr_num("length_errors", w[COL_PACKETS], s->rx_length_errors);
		pr_num("crc_errors", w[COL_ERRORS], s->rx_crc_errors);
		pr_num("frame_errors", w[COL_DROPPED], s->rx_frame_errors);
		pr_num("fifo_errors", w[COL_FOURTH], s->rx_fifo_errors);
		pr_num(NULL, w[COL_FIFTH], s->rx_over_errors);
		pr_u64("missed_errors", NULL, s->rx_missed_errors);
		if (s->rx_nohandler)
			pr_num("nohandler", w[COL_EXTRA], s->rx_nohandler);
	}
	pr_close_object();
}

static void print_tx_stats(const struct rtnl_link_stats64 *s, const struct nlattr *changes,
			   const unsigned int *w, bool errors)
{
	pr_open_object("tx");
	pr_text("    TX: %*s %*s %*s %*s %*s %*s %*s", w[COL_BYTES] - 4, "bytes",
		w[COL_PACKETS], "packets", w[COL_ERRORS], "errors", w[COL_DROPPED], "dropped",
		w[COL_FOURTH], "carrier", w[COL_FIFTH], "collsns", w[COL_EXTRA],
		s->tx_compressed ? "compressed" : "");
	pr_nl();
	pr_text("    ");
	pr_num("bytes", w[COL_BYTES], s->tx_bytes);
	pr_num("packets", w[COL_PACKETS], s->tx_packets);
	pr_num("errors", w[COL_ERRORS], s->tx_errors);
	pr_num("dropped", w[COL_DROPPED], s->tx_dropped);
	pr_num("carrier_errors", w[COL_FOURTH], s->tx_carrier_errors);
	pr_num("collisions", w[COL_FIFTH], s->collisions);
	if (s->tx_compressed)
		pr_num("compressed", w[COL_EXTRA], s->tx_compressed);
	if (errors) {
		pr_nl();
		pr_text("    TX errors:%*s %*s %*s %*s %*s", w[COL_BYTES] - 10, "",
			w[COL_PACKETS], "aborted", w[COL_ERRORS], "fifo", w[COL_DROPPED], "window",
			w[COL_FOURTH], "heartbt");
		/* The column is there even when its counter is not. */
		pr_text(" %*s", w[COL_FIFTH], changes ? "transns" : "");
		pr_nl();
		pr_text("%*s", w[COL_BYTES] + 5, "");
		pr_num("aborted_errors", w[COL_PACKETS], s->tx_aborted_errors);
		pr_num("fifo_errors", w[COL_ERRORS], s->tx_fifo_errors);
		pr_num("window_errors", w[COL_DROPPED], s->tx_window_errors);
		pr_num("heartbeat_errors", w[COL_FOURTH], s->tx_heartbeat_errors);
		if (changes)
			pr_num("carrier_changes", w[COL_FIFTH], mnl_attr_get_u32(changes));
	}
	pr_close_object();
}

/*
 * The RX and TX rows (and their error rows under -s -s), no line break
 * before the first or after the last.  A message without counters (the
 * IPv6 link dump of ip address -6) shows zeros, as in the reference.
 */
static void print_stats(const struct nlattr **tb)
{
	static const unsigned int header_width[NCOLS] = {
		[COL_BYTES] = sizeof("RX errors:") - 1,
		[COL_PACKETS] = sizeof("packets") - 1,
		[COL_ERRORS] = sizeof("errors") - 1,
		[COL_DROPPED] = sizeof("dropped") - 1,
		[COL_FOURTH] = sizeof("heartbt") - 1,
		[COL_FIFTH] = sizeof("overrun") - 1,
		[COL_EXTRA] = sizeof("compressed") - 1,
	};
	const struct nlattr *changes = tb[IFLA_CARRIER_CHANGES];
	struct rtnl_link_stats64 s = { 0 };
	unsigned int w[NCOLS];
	bool errors = ipo.stats > 1;
	size_t len;

	if (tb[IFLA_STATS64]) {
		len = mnl_attr_get_payload_len(tb[IFLA_STATS64]);
		memcpy(&s, mnl_attr_get_payload(tb[IFLA_STATS64]),
		       len < sizeof(s) ? len : sizeof(s));
	}
	memcpy(w, header_width, sizeof(w));
	size_columns(w, &s, changes ? mnl_attr_get_u32(changes) : 0, errors);

	pr_open_object("stats64");
	print_rx_stats(&s, w, errors);
	pr_nl();
	print_tx_stats(&s, changes, w, errors);
	pr_close_object();
}

static void print_altnames(const struct nlattr *list)
{
	const struct nlattr *attr;

	pr_open_array("altnames", NULL);
	mnl_attr_for_each_nested(attr, list) {
		if (mnl_attr_get_type(attr) != IFLA_ALT_IFNAME ||
		    mnl_attr_validate(attr, MNL_TYPE_NUL_STRING) < 0)
			continue;
		pr_nl();
		pr_string(NULL, "    altname %s", mnl_attr_get_str(attr));
	}
	pr_close_array(NULL);
}

/*
 * The transmit queue length of a link whose message lacks it (the IPv6
 * link dump of ip address -6 leaves it out): asked by ioctl, as the
 * reference does; 0 when that fails.
 */
static uint32_t queue_length(const struct nlattr **tb)
{
	static int fd = -1;
	struct ifreq ifr = { 0 };

	if (fd < 0)
		fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	strncpy(ifr.ifr_name, mnl_attr_get_str(tb[IFLA_IFNAME]), IFNAMSIZ - 1);
	if (ioctl(fd, SIOCGIFTXQLEN, &ifr) < 0)
		return 0;
	return (uint32_t)ifr.ifr_qlen;
}

/* NAME[@LOWER] STATE [ADDRESS <FLAGS>]: the -br form. */
static void print_brief(const struct ifinfomsg *ifi, const struct nlattr **tb,
			enum link_show_mode mode)
{
	char buf[LLADDR_TEXT];
	bool lower_down = print_name(tb, "%-16s ");

	if (tb[IFLA_OPERSTATE])
		print_operstate(mnl_attr_get_u8(tb[IFLA_OPERSTATE]), true);
	/* Addresses take the place of the link layer unless -0 asked for it. */
	if (mode != LINK_SHOW_LINK && ipo.family != AF_PACKET)
		return;
	if (tb[IFLA_ADDRESS])
		pr_color_string(PR_C_MAC, "address", "%s ",
				lladdr_text(tb[IFLA_ADDRESS], ifi->ifi_type, buf));
	print_flags(ifi->ifi_flags, lower_down);
	pr_text("\n");
}

void link_print_open(const struct nlmsghdr *nlh, enum link_show_mode mode)
{
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));
	const struct nlattr *tb[IFLA_MAX + 1];
	char buf[64];
	bool lower_down;
	uint32_t txqlen;

	pr_open_object(NULL);
	if (!ifi)
		return;
	nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy);
	if (!tb[IFLA_IFNAME])
		return;
	if (ipo.brief) {
		print_brief(ifi, tb, mode);
		return;
	}

	pr_int("ifindex", "%d: ", ifi->ifi_index);
	lower_down = print_name(tb, "%s: ");
	print_flags(ifi->ifi_flags, lower_down);
	if (tb[IFLA_MTU])
		pr_uint("mtu", "mtu %u ", mnl_attr_get_u32(tb[IFLA_MTU]));
	if (tb[IFLA_QDISC])
		pr_string("qdisc", "qdisc %s ", mnl_attr_get_str(tb[IFLA_QDISC]));
	if (tb[IFLA_MASTER])
		pr_string("master", "master %s ",
			  ifcache_name_or_num(mnl_attr_get_u32(tb[IFLA_MASTER]), buf, sizeof(buf)));
	if (tb[IFLA_OPERSTATE])
		print_operstate(mnl_attr_get_u8(tb[IFLA_OPERSTATE]), false);
	if (mode == LINK_SHOW_LINK && tb[IFLA_LINKMODE])
		print_linkmode(mnl_attr_get_u8(tb[IFLA_LINKMODE]));
	if (tb[IFLA_GROUP])
		pr_string("group", "group %s ",
			  names_format(NT_GROUPS, mnl_attr_get_u32(tb[IFLA_GROUP]), buf,
				       sizeof(buf)));
	if (mode != LINK_SHOW_MONITOR) {
		txqlen = tb[IFLA_TXQLEN] ? mnl_attr_get_u32(tb[IFLA_TXQLEN]) : queue_length(tb);
		if (txqlen)
			pr_uint("txqlen", "qlen %u", txqlen);
	}

	/* ip address -4/-6 leaves the link layer out, unless -d. */
	if (mode != LINK_SHOW_ADDRESS || ipo.family == AF_UNSPEC || ipo.family == AF_PACKET ||
	    ipo.details)
		print_link_layer(ifi, tb);
	if (tb[IFLA_LINK_NETNSID])
		print_link_netnsid(tb[IFLA_LINK_NETNSID]);
	if (tb[IFLA_PROTO_DOWN] && mnl_attr_get_u8(tb[IFLA_PROTO_DOWN]))
		pr_flag("proto_down", " protodown on ");
	if (tb[IFLA_PROTO_DOWN_REASON])
		print_protodown_reasons(tb[IFLA_PROTO_DOWN_REASON]);
	if (ipo.details)
		print_details(tb, mode);
	if ((mode == LINK_SHOW_LINK || ipo.details) && tb[IFLA_IFALIAS]) {
		pr_nl();
		pr_string("ifalias", "    alias %s", mnl_attr_get_str(tb[IFLA_IFALIAS]));
	}
	if (mode == LINK_SHOW_LINK && ipo.stats) {
		pr_nl();
		print_stats(tb);
	}
	if (tb[IFLA_PROP_LIST])
		print_altnames(tb[IFLA_PROP_LIST]);
	pr_text("\n");
}

void link_print_close(const struct nlmsghdr *nlh, enum link_show_mode mode)
{
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));
	const struct nlattr *tb[IFLA_MAX + 1];

	if (mode == LINK_SHOW_ADDRESS && ipo.stats && !ipo.brief && ifi) {
		nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy);
		print_stats(tb);
		pr_text("\n");
	}
	pr_close_object();
}

void link_usage(void)
{
	fputs("Usage: ip link add [link DEV | parentdev NAME] [ name ] NAME\n"
	      "\t\t    [ txqueuelen PACKETS ]\n"
	      "\t\t    [ address LLADDR ]\n"
	      "\t\t    [ broadcast LLADDR ]\n"
	      "\t\t    [ mtu MTU ] [index IDX ]\n"
	      "\t\t    [ numtxqueues QUEUE_COUNT ]\n"
	      "\t\t    [ numrxqueues QUEUE_COUNT ]\n"
	      "\t\t    [ netns { PID | NAME } ]\n"
	      "\t\t    type TYPE [ ARGS ]\n"
	      "\n"
	      "\tip link delete { DEVICE | dev DEVICE | group DEVGROUP } type TYPE [ ARGS ]\n"
	      "\n"
	      "\tip link set { DEVICE | dev DEVICE | group DEVGROUP }\n"
	      "\t\t\t[ { up | down } ]\n"
	      "\t\t\t[ type TYPE ARGS ]\n"
	      "\t\t[ arp { on | off } ]\n"
	      "\t\t[ dynamic { on | off } ]\n"
	      "\t\t[ multicast { on | off } ]\n"
	      "\t\t[ allmulticast { on | off } ]\n"
	      "\t\t[ promisc { on | off } ]\n"
	      "\t\t[ trailers { on | off } ]\n"
	      "\t\t[ carrier { on | off } ]\n"
	      "\t\t[ txqueuelen PACKETS ]\n"
	      "\t\t[ name NEWNAME ]\n"
	      "\t\t[ address LLADDR ]\n"
	      "\t\t[ broadcast LLADDR ]\n"
	      "\t\t[ mtu MTU ]\n"
	      "\t\t[ netns { PID | NAME } ]\n"
	      "\t\t[ link-netns NAME | link-netnsid ID ]\n"
	      "\t\t[ alias NAME ]\n"
	      "\t\t[ vf NUM [ mac LLADDR ]\n"
	      "\t\t\t [ vlan VLANID [ qos VLAN-QOS ] [ proto VLAN-PROTO ] ]\n"
	      "\t\t\t [ rate TXRATE ]\n"
	      "\t\t\t [ max_tx_rate TXRATE ]\n"
	      "\t\t\t [ min_tx_rate TXRATE ]\n"
	      "\t\t\t [ spoofchk { on | off} ]\n"
	      "\t\t\t [ query_rss { on | off} ]\n"
	      "\t\t\t [ state { auto | enable | disable} ]\n"
	      "\t\t\t [ trust { on | off} ]\n"
	      "\t\t\t [ node_guid EUI64 ]\n"
	      "\t\t\t [ port_guid EUI64 ] ]\n"
	      "\t\t[ { xdp | xdpgeneric | xdpdrv | xdpoffload } { off |\n"
	      "\t\t\t  object FILE [ { section | program } NAME ] [ verbose ] |\n"
	      "\t\t\t  pinned FILE } ]\n"
	      "\t\t[ master DEVICE ][ vrf NAME ]\n"
	      "\t\t[ nomaster ]\n"
	      "\t\t[ addrgenmode { eui64 | none | stable_secret | random } ]\n"
	      "\t\t[ protodown { on | off } ]\n"
	      "\t\t[ protodown_reason PREASON { on | off } ]\n"
	      "\t\t[ gso_max_size BYTES ] | [ gso_max_segs PACKETS ]\n"
	      "\t\t[ gro_max_size BYTES ]\n"
	      "\n"
	      "\tip link show [ DEVICE | group GROUP ] [up] [master DEV] [vrf NAME] [type TYPE]\n"
	      "\t\t[nomaster]\n"
	      "\n"
	      "\tip link xstats type TYPE [ ARGS ]\n"
	      "\n"
	      "\tip link afstats [ dev DEVICE ]\n"
	      "\tip link property add dev DEVICE [ altname NAME .. ]\n"
	      "\tip link property del dev DEVICE [ altname NAME .. ]\n"
	      "\n"
	      "\tip link help [ TYPE ]\n"
	      "\n"
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

/*
 * The address flags `ip address show` selects by; `ip link show` takes
 * them too, and ignores them, as the reference does.
 */
static bool is_address_flag(const char *word)
{
	static const char *const flags[] = {
		"secondary", "temporary", "nodad", "optimistic", "dadfailed",
		"home", "deprecated", "tentative", "permanent", "mngtmpaddr",
		"noprefixroute", "autojoin", "stable-privacy", "dynamic", "primary",
	};
	size_t i;

	if (*word == '-')
		word++;
	for (i = 0; i < ARRAY_SIZE(flags); i++)
		if (!strcmp(word, flags[i]))
			return true;
	return false;
}

/*
 * The reference parses `ip link show` with the selectors of `ip address
 * show`: those about addresses are checked and then have nothing to
 * select, but "label" leaves every link out.
 */
static void parse_show_args(int argc, char **argv, struct link_filter *f, const char **dev,
			    bool *none)
{
	uint32_t scope;

	while (argc > 0) {
		if (!strcmp(*argv, "to")) {
			NEXT_ARG();
			fprintf(stderr,
				"Error: \"%s\" may be inet prefix, but it is not allowed in this context.\n",
				*argv);
			exit(1);
		} else if (!strcmp(*argv, "scope")) {
			NEXT_ARG();
			if (names_parse(NT_SCOPES, *argv, &scope) && strcmp(*argv, "all"))
				invarg("invalid \"scope\"\n", *argv);
		} else if (link_filter_arg(f, &argc, &argv)) {
			continue;
		} else if (is_address_flag(*argv)) {
			;
		} else if (!strcmp(*argv, "label")) {
			NEXT_ARG();
			*none = true;
		} else {
			if (!strcmp(*argv, "dev"))
				NEXT_ARG();
			else if (matches(*argv, "help"))
				link_usage();
			if (*dev)
				duparg2("dev", *argv);
			*dev = *argv;
		}
		argc--;
		argv++;
	}
}

/* Every link the kernel lists under the filters it applies itself. */
static int dump_links(const struct link_filter *f, struct nl_msgs *links)
{
	union nl_req_buf req;
	struct ifinfomsg *ifi;

	ifi = nl_req_init(req.buf, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_PACKET;
	mnl_attr_put_u32(&req.nlh, IFLA_EXT_MASK, RTEXT_FILTER_VF);
	link_filter_req(f, &req.nlh);
	return nl_dump_collect(ip_rtnl(), &req.nlh, links);
}

static int link_show(int argc, char **argv)
{
	struct link_filter f = { 0 };
	struct nl_msgs links = { 0 };
	const struct nlmsghdr *nlh;
	const char *dev = NULL;
	bool none = false;
	int err;

	/* An earlier command of a batch may have changed any link. */
	ifcache_forget();
	link_forget();
	parse_show_args(argc, argv, &f, &dev, &none);
	if (dev) {
		/* One request for one device; the other selectors still apply,
		 * except nomaster, which only a dump knows. */
		err = link_get_by_name(dev, AF_PACKET, RTEXT_FILTER_VF, &links);
		if (err < 0) {
			fprintf(stderr, "Device \"%s\" does not exist.\n", dev);
			nl_msgs_free(&links);
			return 1;
		}
	} else {
		err = dump_links(&f, &links);
		if (err < 0) {
			ip_fail_nl(err);
			fprintf(stderr, "Dump terminated\n");
			nl_msgs_free(&links);
			return 1;
		}
	}

	/* Even an empty listing is a JSON document: "[]". */
	pr_start();
	nl_msgs_for_each(&links, nlh)
		link_learn(nlh);
	nl_msgs_for_each(&links, nlh) {
		if (nlh->nlmsg_type != RTM_NEWLINK)
			continue;
		/* JSON keeps an empty object for each link a selector left out. */
		if (none || !link_filter_match(&f, nlh)) {
			pr_open_object(NULL);
			pr_close_object();
			continue;
		}
		link_print_open(nlh, LINK_SHOW_LINK);
		link_print_close(nlh, LINK_SHOW_LINK);
	}
	nl_msgs_free(&links);
	return 0;
}

/* ip link help [KIND | KIND_slave]: a kind's own help, or the usage. */
static int link_help(int argc, char **argv)
{
	static const char slave_suffix[] = "_slave";
	size_t suffix_len = sizeof(slave_suffix) - 1;
	const struct link_kind *kind;
	char name[64];
	size_t len;

	if (argc < 1)
		link_usage();
	len = strlen(argv[0]);
	if (len >= suffix_len && len < sizeof(name) &&
	    !strcmp(argv[0] + len - suffix_len, slave_suffix)) {
		memcpy(name, argv[0], len - suffix_len);
		name[len - suffix_len] = '\0';
		kind = link_kind_find(name);
		if (kind && kind->print_slave_help) {
			kind->print_slave_help(stdout);
			return 0;
		}
	}
	kind = link_kind_find(argv[0]);
	if (kind && kind->print_help) {
		kind->print_help(stdout);
		return 0;
	}
	link_usage();
}

/*
 * The reference's commands in its order: an abbreviation means the first
 * command it abbreviates ("s" is set, "l" lst).  Commands whose issue has
 * not landed yet keep their place, with no handler.
 */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "add", link_add },
	{ "change", link_change },
	{ "replace", link_replace },
	{ "delete", link_delete },
	{ "set", link_change },
	{ "show", link_show },
	{ "lst", link_show },
	{ "list", link_show },
	{ "xstats", NULL },
	{ "afstats", NULL },
	{ "property", link_property },
	{ "help", link_help },
};

int do_link(int argc, char **argv)
{
	size_t i;

	if (argc < 1)
		return link_show(0, NULL);
	for (i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!matches(*argv, commands[i].name))
			continue;
		if (!commands[i].run) {
			fprintf(stderr, "Command \"%s\" is not available in this build of nlkit.\n",
				commands[i].name);
			return 1;
		}
		return commands[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip link help\".\n", *argv);
	exit(IP_EXIT_USAGE);
}
