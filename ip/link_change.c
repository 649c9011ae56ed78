// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip link add, set (change), replace, delete and property: the commands
 * that change links.
 *
 * One request a command, built as the reference builds it: the options
 * in the order they come, then the lower device, the name and the kind's
 * nest.  The whole command line is read and checked before the request
 * is sent, so that a refused command changes nothing.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <linux/if.h>
#include <linux/if_link.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ip.h"
#include "link.h"

/* Where `ip netns` keeps the namespaces it names. */
#define NETNS_RUN_DIR "/run/netns"

/* The longest address the reference takes (its buffer). */
#define LLADDR_MAX 32

/* The reference exits with EINVAL for a bad on/off of these options. */
#define EXIT_BAD_ON_OFF 22

/* The device flags that "WORD on|off" sets; @inverted when on clears it. */
static const struct {
	const char *word;
	unsigned int flag;
	bool inverted;
} flag_words[] = {
	{ "multicast", IFF_MULTICAST, false },
	{ "allmulticast", IFF_ALLMULTI, false },
	{ "promisc", IFF_PROMISC, false },
	{ "trailers", IFF_NOTRAILERS, true },
	{ "arp", IFF_NOARP, true },
	{ "dynamic", IFF_DYNAMIC, false },
};

/* The options that take a 32-bit count, each its own attribute. */
static const struct {
	const char *word;
	uint16_t type;
} u32_words[] = {
	{ "txqueuelen", IFLA_TXQLEN },
	{ "txqlen", IFLA_TXQLEN },
	{ "qlen", IFLA_TXQLEN },
	{ "mtu", IFLA_MTU },
	{ "numtxqueues", IFLA_NUM_TX_QUEUES },
	{ "numrxqueues", IFLA_NUM_RX_QUEUES },
	{ "gso_max_size", IFLA_GSO_MAX_SIZE },
	{ "gso_max_segs", IFLA_GSO_MAX_SEGS },
	{ "gro_max_size", IFLA_GRO_MAX_SIZE },
};

static const char *const operstate_names[] = {
	[IF_OPER_UNKNOWN] = "unknown",
	[IF_OPER_NOTPRESENT] = "notpresent",
	[IF_OPER_DOWN] = "down",
	[IF_OPER_LOWERLAYERDOWN] = "lowerlayerdown",
	[IF_OPER_TESTING] = "testing",
	[IF_OPER_DORMANT] = "dormant",
	[IF_OPER_UP] = "up",
};

static const char *const addrgenmode_names[] = {
	[IN6_ADDR_GEN_MODE_EUI64] = "eui64",
	[IN6_ADDR_GEN_MODE_NONE] = "none",
	[IN6_ADDR_GEN_MODE_STABLE_PRIVACY] = "stable_secret",
	[IN6_ADDR_GEN_MODE_RANDOM] = "random",
};

/* The names the kernel would take for a device (dev_valid_name()). */
static bool valid_name(const char *name, size_t size)
{
	const char *c;

	if (!*name || strlen(name) >= size)
		return false;
	for (c = name; *c; c++)
		if (*c == '/' || isspace((unsigned char)*c))
			return false;
	return true;
}

/* "on" or "off" for the option @key; anything else ends the program. */
static bool parse_on_off(const char *key, const char *arg)
{
	if (!strcmp(arg, "on"))
		return true;
	if (!strcmp(arg, "off"))
		return false;
	fprintf(stderr, "Error: argument of \"%s\" must be \"on\" or \"off\", not \"%s\"\n", key,
		arg);
	exit(1);
}

/* The same with the other wording the reference has for some options. */
static uint8_t parse_one_of_on_off(const char *key, const char *arg)
{
	if (!strcmp(arg, "on"))
		return 1;
	if (!strcmp(arg, "off"))
		return 0;
	fprintf(stderr, "Error: argument of \"%s\" must be one of \"off\", \"on\", not \"%s\"\n",
		key, arg);
	exit(EXIT_BAD_ON_OFF);
}

/* The index of @name in @names (case ignored, as the reference), or -1. */
static int name_index(const char *const *names, size_t count, const char *name)
{
	size_t i;

	for (i = 0; i < count; i++)
		if (!strcasecmp(names[i], name))
			return (int)i;
	return -1;
}

/*
 * The id this namespace knows the named namespace @name by, one being
 * given to it when it has none, as the reference does for link-netns.
 */
static int named_netns_id(const char *name)
{
	char path[PATH_MAX];
	union nl_req_buf req;
	struct rtgenmsg *g;
	int fd, nsid;

	snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		invarg("Invalid \"link-netns\" value\n", name);
	nsid = link_netns_id(fd);
	if (nsid < 0) {
		g = nl_req_init(req.buf, RTM_NEWNSID, 0, sizeof(*g));
		g->rtgen_family = AF_UNSPEC;
		mnl_attr_put_u32(&req.nlh, NETNSA_FD, (uint32_t)fd);
		mnl_attr_put_u32(&req.nlh, NETNSA_NSID, (uint32_t)NETNSA_NSID_NOT_ASSIGNED);
		if (nl_talk(ip_rtnl(), &req.nlh, NULL, NULL) == 0)
			nsid = link_netns_id(fd);
	}
	close(fd);
	if (nsid < 0)
		invarg("Invalid \"link-netns\" value\n", name);
	return nsid;
}

/* netns NAME (a namespace `ip netns` named) or netns PID. */
static void put_netns(struct nlmsghdr *nlh, const char *arg)
{
	char path[PATH_MAX];
	uint32_t pid;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", NETNS_RUN_DIR, arg);
	/* Left open: the kernel reads it when the request arrives. */
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		mnl_attr_put_u32(nlh, IFLA_NET_NS_FD, (uint32_t)fd);
	else if (parse_u32(arg, 0, &pid) == 0)
		mnl_attr_put_u32(nlh, IFLA_NET_NS_PID, pid);
	else
		invarg("Invalid \"netns\" value\n", arg);
}

/* An address or broadcast address, in place; its length, for the check
 * of the address against the device's own that `set` makes. */
static int put_lladdr(struct nlmsghdr *nlh, uint16_t type, const char *arg)
{
	uint8_t addr[LLADDR_MAX];
	int len = lladdr_parse(arg, addr, sizeof(addr));

	if (len < 0)
		exit(1);
	if (len > LLADDR_MAX) {
		fprintf(stderr, "Invalid address length %d - must be %d bytes\n", len, LLADDR_MAX);
		exit(1);
	}
	mnl_attr_put(nlh, type, (size_t)len, addr);
	return len;
}

static void put_addrgenmode(struct nlmsghdr *nlh, const char *arg)
{
	int mode = name_index(addrgenmode_names, ARRAY_SIZE(addrgenmode_names), arg);
	struct nlattr *spec, *inet6;

	if (mode < 0 || strcmp(arg, addrgenmode_names[mode]))
		invarg("Invalid address generation mode\n", arg);
	spec = nl_attr_nest_start_plain(nlh, IFLA_AF_SPEC);
	inet6 = nl_attr_nest_start_plain(nlh, AF_INET6);
	mnl_attr_put_u8(nlh, IFLA_INET6_ADDR_GEN_MODE, (uint8_t)mode);
	mnl_attr_nest_end(nlh, inet6);
	mnl_attr_nest_end(nlh, spec);
}

/* protodown_reason REASON on|off: one bit of the mask and of the value. */
static void put_protodown_reason(struct nlmsghdr *nlh, const char *reason, const char *state)
{
	struct nlattr *nest;
	uint32_t bit, mask;

	if (parse_u32(reason, 0, &bit) < 0 || bit >= 32)
		invarg("invalid protodown reason\n", reason);
	mask = 1u << bit;
	nest = mnl_attr_nest_start(nlh, IFLA_PROTO_DOWN_REASON);
	mnl_attr_put_u32(nlh, IFLA_PROTO_DOWN_REASON_MASK, mask);
	mnl_attr_put_u32(nlh, IFLA_PROTO_DOWN_REASON_VALUE,
			 parse_on_off("protodown_reason", state) ? mask : 0);
	mnl_attr_nest_end(nlh, nest);
}

static void set_flag(struct ifinfomsg *ifi, unsigned int flag, bool on)
{
	ifi->ifi_change |= flag;
	if (on)
		ifi->ifi_flags |= flag;
	else
		ifi->ifi_flags &= ~flag;
}

/* The words that are a flag, a count or a name table's entry. */
static bool parse_simple_option(struct link_opts *o, int *argcp, char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;
	const char *word = *argv;
	uint32_t value;
	size_t i;
	int n;

	for (i = 0; i < ARRAY_SIZE(flag_words); i++) {
		if (strcmp(word, flag_words[i].word))
			continue;
		NEXT_ARG();
		set_flag(o->ifi, flag_words[i].flag,
			 parse_on_off(word, *argv) != flag_words[i].inverted);
		goto consumed;
	}
	for (i = 0; i < ARRAY_SIZE(u32_words); i++) {
		char what[64];

		if (strcmp(word, u32_words[i].word))
			continue;
		NEXT_ARG();
		snprintf(what, sizeof(what), "Invalid \"%s\" value\n", word);
		if (parse_u32(*argv, 0, &value) < 0)
			invarg(what, *argv);
		mnl_attr_put_u32(o->nlh, u32_words[i].type, value);
		goto consumed;
	}
	if (!strcmp(word, "mode")) {
		NEXT_ARG();
		if (!strcasecmp(*argv, "default"))
			mnl_attr_put_u8(o->nlh, IFLA_LINKMODE, IF_LINK_MODE_DEFAULT);
		else if (!strcasecmp(*argv, "dormant"))
			mnl_attr_put_u8(o->nlh, IFLA_LINKMODE, IF_LINK_MODE_DORMANT);
		else
			invarg("Invalid link mode\n", *argv);
	} else if (!strcmp(word, "state")) {
		NEXT_ARG();
		n = name_index(operstate_names, ARRAY_SIZE(operstate_names), *argv);
		if (n < 0)
			invarg("Invalid operstate\n", *argv);
		mnl_attr_put_u8(o->nlh, IFLA_OPERSTATE, (uint8_t)n);
	} else if (!strcmp(word, "carrier")) {
		NEXT_ARG();
		mnl_attr_put_u8(o->nlh, IFLA_CARRIER, parse_one_of_on_off(word, *argv));
	} else if (!strcmp(word, "protodown")) {
		NEXT_ARG();
		mnl_attr_put_u8(o->nlh, IFLA_PROTO_DOWN, parse_one_of_on_off(word, *argv));
	} else if (!strcmp(word, "protodown_reason")) {
		NEXT_ARG();
		NEXT_ARG();
		put_protodown_reason(o->nlh, argv[-1], *argv);
	} else if (!strcmp(word, "addrgenmode")) {
		NEXT_ARG();
		put_addrgenmode(o->nlh, *argv);
	} else {
		return false;
	}
consumed:
	*argcp = argc;
	*argvp = argv;
	return true;
}

/* The words that name devices, namespaces and groups. */
static bool parse_reference_option(struct link_opts *o, int *argcp, char ***argvp)
{
	int argc = *argcp;
	char **argv = *argvp;
	const char *word = *argv;
	uint32_t value;
	int32_t nsid;

	if (!strcmp(word, "master")) {
		NEXT_ARG();
		value = ifcache_index(*argv);
		if (!value)
			invarg("Device does not exist\n", *argv);
		mnl_attr_put_u32(o->nlh, IFLA_MASTER, value);
	} else if (!strcmp(word, "vrf")) {
		NEXT_ARG();
		mnl_attr_put_u32(o->nlh, IFLA_MASTER, link_vrf_index(*argv));
	} else if (!strcmp(word, "nomaster")) {
		mnl_attr_put_u32(o->nlh, IFLA_MASTER, 0);
	} else if (!strcmp(word, "group")) {
		NEXT_ARG();
		if (o->has_group)
			duparg("group", *argv);
		if (names_parse(NT_GROUPS, *argv, &value))
			invarg("Invalid \"group\" value\n", *argv);
		o->has_group = true;
		mnl_attr_put_u32(o->nlh, IFLA_GROUP, value);
	} else if (!strcmp(word, "netns")) {
		NEXT_ARG();
		if (o->has_netns)
			duparg("netns", *argv);
		put_netns(o->nlh, *argv);
		o->has_netns = true;
	} else if (!strcmp(word, "link-netns")) {
		NEXT_ARG();
		mnl_attr_put_u32(o->nlh, IFLA_LINK_NETNSID, (uint32_t)named_netns_id(*argv));
	} else if (!strcmp(word, "link-netnsid")) {
		NEXT_ARG();
		if (parse_s32(*argv, 0, &nsid) < 0)
			invarg("Invalid \"link-netnsid\" value\n", *argv);
		mnl_attr_put_u32(o->nlh, IFLA_LINK_NETNSID, (uint32_t)nsid);
	} else if (!strcmp(word, "alias")) {
		NEXT_ARG();
		if (strlen(*argv) >= IFALIASZ)
			invarg("alias too long\n", *argv);
		mnl_attr_put(o->nlh, IFLA_IFALIAS, strlen(*argv), *argv);
	} else if (!strcmp(word, "parentdev")) {
		NEXT_ARG();
		mnl_attr_put_strz(o->nlh, IFLA_PARENT_DEV_NAME, *argv);
	} else {
		return false;
	}
	*argcp = argc;
	*argvp = argv;
	return true;
}

void link_opts_parse(struct link_opts *o, int argc, char **argv)
{
	int32_t index;

	o->addr_len = -1;
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "up")) {
			set_flag(o->ifi, IFF_UP, true);
		} else if (!strcmp(*argv, "down")) {
			set_flag(o->ifi, IFF_UP, false);
		} else if (!strcmp(*argv, "name")) {
			NEXT_ARG();
			if (o->name)
				duparg("name", *argv);
			if (!valid_name(*argv, IFNAMSIZ))
				invarg("\"name\" not a valid ifname", *argv);
			o->name = *argv;
		} else if (!strcmp(*argv, "index")) {
			NEXT_ARG();
			if (o->index)
				duparg("index", *argv);
			if (parse_s32(*argv, 0, &index) < 0 || index < 0)
				invarg("Invalid \"index\" value", *argv);
			o->index = index;
			if (o->create)
				o->ifi->ifi_index = index;
		} else if (!strcmp(*argv, "link")) {
			NEXT_ARG();
			o->link = *argv;
		} else if (!strcmp(*argv, "address")) {
			NEXT_ARG();
			o->addr_len = put_lladdr(o->nlh, IFLA_ADDRESS, *argv);
		} else if (!strcmp(*argv, "broadcast") || !strcmp(*argv, "brd")) {
			NEXT_ARG();
			put_lladdr(o->nlh, IFLA_BROADCAST, *argv);
		} else if (!strcmp(*argv, "type")) {
			NEXT_ARG();
			o->kind = *argv;
			o->kind_argc = argc - 1;
			o->kind_argv = argv + 1;
			break;
		} else if (parse_simple_option(o, &argc, &argv) ||
			   parse_reference_option(o, &argc, &argv)) {
			continue;
		} else {
			if (!strcmp(*argv, "dev"))
				NEXT_ARG();
			else if (matches(*argv, "help"))
				link_usage();
			if (o->dev)
				duparg2("dev", *argv);
			if (!valid_name(*argv, ALTIFNAMSIZ))
				invarg("\"dev\" not a valid ifname", *argv);
			o->dev = *argv;
		}
	}

	if (o->create && o->dev && o->name) {
		fprintf(stderr, "both \"name\" and \"dev\" cannot be used when creating devices.\n");
		exit(IP_EXIT_USAGE);
	}
	if (!o->create && o->index && !o->has_netns) {
		fprintf(stderr, "index can be used only when creating devices or when moving device to another netns.\n");
		exit(IP_EXIT_USAGE);
	}
}

int link_opts_finish(struct link_opts *o)
{
	const char *name = o->create ? (o->name ? o->name : o->dev) : o->name;
	unsigned int lower;

	if (!o->create && o->index)
		mnl_attr_put_u32(o->nlh, IFLA_NEW_IFINDEX, (uint32_t)o->index);
	if (o->link) {
		lower = ifcache_index(o->link);
		if (!lower) {
			fprintf(stderr, "Cannot find device \"%s\"\n", o->link);
			return 1;
		}
		mnl_attr_put_u32(o->nlh, IFLA_LINK, lower);
	}
	if (name)
		mnl_attr_put_strz(o->nlh, IFLA_IFNAME, name);
	return 0;
}

/*
 * The kind's nest: IFLA_INFO_KIND as given (without its NUL, as the
 * reference sends it) and, when words follow it, the data nest the kind
 * fills.  KIND_slave is a port's options, which the master's kind reads.
 */
static int put_kind(const struct link_opts *o)
{
	static const char slave_suffix[] = "_slave";
	size_t suffix_len = sizeof(slave_suffix) - 1, len = strlen(o->kind);
	void (*parse)(int argc, char **argv, struct nlmsghdr *req) = NULL;
	const struct link_kind *kind = NULL;
	bool slave = false;
	struct nlattr *info, *data;
	char base[64];

	if (len > suffix_len && len - suffix_len < sizeof(base) &&
	    !strcmp(o->kind + len - suffix_len, slave_suffix)) {
		memcpy(base, o->kind, len - suffix_len);
		base[len - suffix_len] = '\0';
		kind = link_kind_find(base);
		slave = kind && kind->parse_slave;
		if (slave)
			parse = kind->parse_slave;
	}
	if (!slave) {
		kind = link_kind_find(o->kind);
		parse = kind ? kind->parse : NULL;
	}
	if (!kind && o->kind_argc) {
		if (matches(*o->kind_argv, "help"))
			link_usage();
		fprintf(stderr, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n",
			*o->kind_argv);
		return 1;
	}

	info = nl_attr_nest_start_plain(o->nlh, IFLA_LINKINFO);
	mnl_attr_put(o->nlh, IFLA_INFO_KIND, len, o->kind);
	if (o->kind_argc) {
		data = nl_attr_nest_start_plain(o->nlh,
						slave ? IFLA_INFO_SLAVE_DATA : IFLA_INFO_DATA);
		if (parse)
			parse(o->kind_argc, o->kind_argv, o->nlh);
		mnl_attr_nest_end(o->nlh, data);
	}
	mnl_attr_nest_end(o->nlh, info);
	return 0;
}

static int address_length_reply(const struct nlmsghdr *nlh, void *data)
{
	static const struct nl_attr_policy policy[IFLA_MAX + 1] = {
		[IFLA_ADDRESS] = { .kind = NLA_BINARY },
	};
	const struct nlattr *tb[IFLA_MAX + 1];
	int *len = data;

	if (nlh->nlmsg_type == RTM_NEWLINK &&
	    nl_attr_parse_msg(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX, policy) == 0)
		*len = tb[IFLA_ADDRESS] ? mnl_attr_get_payload_len(tb[IFLA_ADDRESS]) : 0;
	return MNL_CB_OK;
}

/*
 * An address given to an existing device must have the length of the
 * one it has, as the reference checks before asking the kernel (the
 * broadcast address it leaves to the kernel).
 */
static int check_address_length(const struct link_opts *o)
{
	union nl_req_buf req;
	struct ifinfomsg *ifi;
	int want = -1;

	if (o->addr_len < 0)
		return 0;
	ifi = nl_req_init(req.buf, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_index = o->ifi->ifi_index;
	mnl_attr_put_u32(&req.nlh, IFLA_EXT_MASK, RTEXT_FILTER_SKIP_STATS);
	if (nl_talk(ip_rtnl(), &req.nlh, address_length_reply, &want) < 0 || want < 0 ||
	    o->addr_len == want)
		return 0;
	fprintf(stderr, "Invalid address length %d - must be %d bytes\n", o->addr_len, want);
	return 1;
}

/* add, set, replace and delete: one RTM_NEWLINK or RTM_DELLINK. */
static int link_modify(uint16_t type, uint16_t flags, int argc, char **argv)
{
	union nl_req_buf req;
	struct link_opts o = { 0 };
	unsigned int index;

	/* An earlier command of a batch may have renamed any link. */
	ifcache_forget();
	o.ifi = nl_req_init(req.buf, type, flags, sizeof(*o.ifi));
	/* -4, -6, -0, ...: the reference says which in every link request. */
	o.ifi->ifi_family = ipo.family;
	o.nlh = &req.nlh;
	o.create = flags & NLM_F_CREATE;
	link_opts_parse(&o, argc, argv);

	if (o.create && !o.kind) {
		fprintf(stderr, "Not enough information: \"type\" argument is required\n");
		return 1;
	}
	if (!o.create) {
		if (!o.dev && !o.has_group) {
			fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
			exit(IP_EXIT_USAGE);
		}
		if (o.dev) {
			index = ifcache_index(o.dev);
			if (!index) {
				fprintf(stderr, "Cannot find device \"%s\"\n", o.dev);
				return 1;
			}
			o.ifi->ifi_index = (int)index;
			if (check_address_length(&o))
				return 1;
		}
	}
	if (link_opts_finish(&o))
		return 1;
	if (o.kind && put_kind(&o))
		return 1;
	return ip_request(&req.nlh);
}

int link_add(int argc, char **argv)
{
	return link_modify(RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, argc, argv);
}

int link_replace(int argc, char **argv)
{
	return link_modify(RTM_NEWLINK, NLM_F_CREATE | NLM_F_REPLACE, argc, argv);
}

int link_change(int argc, char **argv)
{
	return link_modify(RTM_NEWLINK, 0, argc, argv);
}

int link_delete(int argc, char **argv)
{
	return link_modify(RTM_DELLINK, 0, argc, argv);
}

/* ip link property { add | del } [dev] DEV [altname NAME]... */
int link_property(int argc, char **argv)
{
	union nl_req_buf req;
	struct ifinfomsg *ifi;
	struct nlattr *list;
	const char *dev = NULL;
	unsigned int index;
	uint16_t type, flags = 0;

	if (argc > 0 && matches(*argv, "add")) {
		type = RTM_NEWLINKPROP;
		flags = NLM_F_CREATE | NLM_F_EXCL | NLM_F_APPEND;
	} else if (argc > 0 && matches(*argv, "delete")) {
		type = RTM_DELLINKPROP;
	} else {
		fprintf(stderr, "Operator required\n");
		exit(IP_EXIT_USAGE);
	}
	argc--;
	argv++;

	ifcache_forget();
	ifi = nl_req_init(req.buf, type, flags, sizeof(*ifi));
	ifi->ifi_family = ipo.family;
	list = mnl_attr_nest_start(&req.nlh, IFLA_PROP_LIST);
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "altname")) {
			NEXT_ARG();
			if (!valid_name(*argv, ALTIFNAMSIZ))
				invarg("not a valid altname", *argv);
			mnl_attr_put_strz(&req.nlh, IFLA_ALT_IFNAME, *argv);
			continue;
		}
		if (!strcmp(*argv, "dev"))
			NEXT_ARG();
		else if (matches(*argv, "help"))
			link_usage();
		if (dev)
			duparg2("dev", *argv);
		if (!valid_name(*argv, ALTIFNAMSIZ))
			invarg("\"dev\" not a valid ifname", *argv);
		dev = *argv;
	}
	mnl_attr_nest_end(&req.nlh, list);

	if (!dev) {
		fprintf(stderr, "Not enough of information: \"dev\" argument is required.\n");
		exit(IP_EXIT_USAGE);
	}
	index = ifcache_index(dev);
	if (!index) {
		fprintf(stderr, "Cannot find device \"%s\"\n", dev);
		return 1;
	}
	ifi->ifi_index = (int)index;
	return ip_request(&req.nlh);
}
