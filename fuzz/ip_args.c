// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: ip's command-line parsers and the requests they build,
 * for the commands that change things: link (add, set, delete, with
 * every kind), address, route, rule, neighbour, nexthop, ntable and
 * xfrm.  The kernel stand-in (fuzz/nokernel.h) acknowledges every
 * request and answers the lookups from a small fixed table of links,
 * addresses, routes, rules, neighbours and nexthops (kernel_table());
 * ip xfrm monitor gets that table as its events, once.
 *
 * Input: one byte of options and one of family (fuzz/options.h), then
 * the words of the command line, split at white space and NUL bytes; the
 * first must name one of the objects above in full (objects[]), so that
 * no input reaches ip netns, ip monitor or ip tuntap, which would enter
 * or make namespaces and devices of the host.  fuzz/ip_args.dict holds
 * ip's keywords, for libFuzzer's -dict.
 *
 * A bad command line ends ip with exit(), which returns to this target
 * instead (fuzz/exit_trap.h).  What the command allocated is then left
 * behind, as the program would leave it to its end: leaks are not
 * reported.  The target's open() refuses to write and never blocks
 * (a FIFO named as a namespace), and standard input reads as empty (the
 * restore commands).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/nexthop.h>
#include <linux/fib_rules.h>
#include <linux/rtnetlink.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "../ip/ip.h"
#include "exit_trap.h"
#include "fuzz.h"
#include "nokernel.h"
#include "options.h"

int __wrap_open(const char *path, int flags, ...);
int __real_open(const char *path, int flags, ...);
const char *__asan_default_options(void);

static const char *const objects[] = {
	"link", "address", "route", "rule", "neighbour", "neighbor", "nexthop", "ntable", "xfrm",
};

int __wrap_open(const char *path, int flags, ...)
{
	if ((flags & O_ACCMODE) != O_RDONLY || flags & (O_CREAT | O_TRUNC | O_TMPFILE)) {
		errno = EROFS;
		return -1;
	}
	return __real_open(path, flags | O_NONBLOCK);
}

const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}

/* The kernel's table: the messages every request is answered from. */
static struct {
	char buf[8192] __attribute__((aligned(4)));
	size_t len;
} table;

static struct nlmsghdr *table_msg(uint16_t type, size_t hdr_len)
{
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(table.buf + table.len);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_MULTI;
	mnl_nlmsg_put_extra_header(nlh, hdr_len);
	return nlh;
}

static void table_end(struct nlmsghdr *nlh)
{
	table.len += NLMSG_ALIGN(nlh->nlmsg_len);
}

static void table_link(int index, const char *name, unsigned short type, unsigned int flags,
		       const char *kind)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
	struct nlmsghdr *nlh = table_msg(RTM_NEWLINK, sizeof(struct ifinfomsg));
	struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

	ifi->ifi_index = index;
	ifi->ifi_type = type;
	ifi->ifi_flags = flags;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	mnl_attr_put_u32(nlh, IFLA_MTU, type == ARPHRD_LOOPBACK ? 65536 : 1500);
	if (type == ARPHRD_ETHER)
		mnl_attr_put(nlh, IFLA_ADDRESS, sizeof(mac), mac);
	if (kind) {
		struct nlattr *info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);

		mnl_attr_put_strz(nlh, IFLA_INFO_KIND, kind);
		mnl_attr_nest_end(nlh, info);
	}
	table_end(nlh);
}

static void table_addr(int family, const char *text, uint8_t prefix, int index)
{
	struct nlmsghdr *nlh = table_msg(RTM_NEWADDR, sizeof(struct ifaddrmsg));
	struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	uint8_t addr[16];

	inet_pton(family, text, addr);
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = prefix;
	ifa->ifa_index = index;
	mnl_attr_put(nlh, IFA_ADDRESS, family == AF_INET ? 4 : 16, addr);
	mnl_attr_put(nlh, IFA_LOCAL, family == AF_INET ? 4 : 16, addr);
	table_end(nlh);
}

static void table_route(const char *dst, uint8_t prefix, const char *gateway, int index)
{
	struct nlmsghdr *nlh = table_msg(RTM_NEWROUTE, sizeof(struct rtmsg));
	struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	struct in_addr addr;

	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = prefix;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = gateway ? RTPROT_BOOT : RTPROT_KERNEL;
	rtm->rtm_scope = gateway ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put_u32(nlh, RTA_TABLE, RT_TABLE_MAIN);
	if (prefix) {
		inet_pton(AF_INET, dst, &addr);
		mnl_attr_put(nlh, RTA_DST, sizeof(addr), &addr);
	}
	if (gateway) {
		inet_pton(AF_INET, gateway, &addr);
		mnl_attr_put(nlh, RTA_GATEWAY, sizeof(addr), &addr);
	}
	mnl_attr_put_u32(nlh, RTA_OIF, index);
	table_end(nlh);
}

static void table_rule(uint32_t priority, uint8_t table_id)
{
	struct nlmsghdr *nlh = table_msg(RTM_NEWRULE, sizeof(struct fib_rule_hdr));
	struct fib_rule_hdr *frh = mnl_nlmsg_get_payload(nlh);

	frh->family = AF_INET;
	frh->table = table_id;
	frh->action = FR_ACT_TO_TBL;
	mnl_attr_put_u32(nlh, FRA_TABLE, table_id);
	mnl_attr_put_u32(nlh, FRA_PRIORITY, priority);
	table_end(nlh);
}

static void table_neigh(const char *text, int index)
{
	static const uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0xfe };
	struct nlmsghdr *nlh = table_msg(RTM_NEWNEIGH, sizeof(struct ndmsg));
	struct ndmsg *ndm = mnl_nlmsg_get_payload(nlh);
	struct in_addr addr;

	inet_pton(AF_INET, text, &addr);
	ndm->ndm_family = AF_INET;
	ndm->ndm_ifindex = index;
	ndm->ndm_state = NUD_REACHABLE;
	mnl_attr_put(nlh, NDA_DST, sizeof(addr), &addr);
	mnl_attr_put(nlh, NDA_LLADDR, sizeof(mac), mac);
	table_end(nlh);
}

static void table_nexthop(uint32_t id, const char *gateway, int index)
{
	struct nlmsghdr *nlh = table_msg(RTM_NEWNEXTHOP, sizeof(struct nhmsg));
	struct nhmsg *nhm = mnl_nlmsg_get_payload(nlh);
	struct in_addr addr;

	inet_pton(AF_INET, gateway, &addr);
	nhm->nh_family = AF_INET;
	nhm->nh_protocol = RTPROT_BOOT;
	mnl_attr_put_u32(nlh, NHA_ID, id);
	mnl_attr_put(nlh, NHA_GATEWAY, sizeof(addr), &addr);
	mnl_attr_put_u32(nlh, NHA_OIF, index);
	table_end(nlh);
}

/* lo, an Ethernet device and a bridge, an address of each family, ... */
static void kernel_table(void)
{
	struct nlmsghdr *done;

	table_link(1, "lo", ARPHRD_LOOPBACK, IFF_UP | IFF_LOOPBACK | IFF_RUNNING, NULL);
	table_link(2, "eth0", ARPHRD_ETHER, IFF_UP | IFF_BROADCAST | IFF_MULTICAST | IFF_RUNNING,
		   NULL);
	table_link(3, "br0", ARPHRD_ETHER, IFF_BROADCAST | IFF_MULTICAST, "bridge");
	table_link(4, "vx0", ARPHRD_ETHER, IFF_BROADCAST | IFF_MULTICAST, "vxlan");
	table_addr(AF_INET, "10.0.0.1", 24, 2);
	table_addr(AF_INET6, "2001:db8::1", 64, 2);
	table_route("10.0.0.0", 24, NULL, 2);
	table_route("0.0.0.0", 0, "10.0.0.254", 2);
	table_rule(0, RT_TABLE_LOCAL);
	table_rule(32766, RT_TABLE_MAIN);
	table_rule(32767, RT_TABLE_DEFAULT);
	table_neigh("10.0.0.254", 2);
	table_nexthop(1, "10.0.0.254", 2);
	done = table_msg(NLMSG_DONE, sizeof(int));
	table_end(done);
}

/* Whether link message @msg is the one the lookup @req names (by index, or by name). */
static bool link_named(const struct nlmsghdr *req, const struct nlmsghdr *msg)
{
	const struct ifinfomsg *asked = nl_msg_payload(req, sizeof(*asked));
	const struct ifinfomsg *got = nl_msg_payload(msg, sizeof(*got));
	const struct nlattr *ta[IFLA_MAX + 1], *tb[IFLA_MAX + 1];

	if (!asked || !got)
		return false;
	if (asked->ifi_index)
		return asked->ifi_index == got->ifi_index;
	nl_attr_parse_msg(req, sizeof(*asked), ta, IFLA_MAX, NULL);
	nl_attr_parse_msg(msg, sizeof(*got), tb, IFLA_MAX, NULL);
	if (!ta[IFLA_IFNAME] && ta[IFLA_ALT_IFNAME])
		ta[IFLA_IFNAME] = ta[IFLA_ALT_IFNAME];
	return ta[IFLA_IFNAME] && tb[IFLA_IFNAME] &&
	       !strcmp(mnl_attr_get_str(ta[IFLA_IFNAME]), mnl_attr_get_str(tb[IFLA_IFNAME]));
}

/*
 * A rtnetlink GET (every type ending in 2 modulo 4) is answered with its
 * NEW messages, a lookup of one device with that device's; every other
 * request with its ACK alone.
 */
static bool answers(int protocol, const struct nlmsghdr *req, const struct nlmsghdr *msg)
{
	if (protocol != NETLINK_ROUTE || req->nlmsg_type < RTM_BASE || req->nlmsg_type % 4 != 2 ||
	    msg->nlmsg_type != req->nlmsg_type - 2)
		return false;
	if (req->nlmsg_type == RTM_GETLINK && !(req->nlmsg_flags & NLM_F_DUMP))
		return link_named(req, msg);
	return true;
}

int LLVMFuzzerInitialize(int *argc __attribute__((unused)), char ***argv __attribute__((unused)))
{
	if (!freopen("/dev/null", "r", stdin))
		abort();
	kernel_table();
	nokernel_answers(answers);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char **argv = NULL, *text;
	int argc = 0;
	char *save = NULL, *word;
	size_t i;

	if (size < 2)
		return 0;
	fuzz_ip_options(data[0], data[1]);
	/* The words, writable as the command line's; NUL bytes split them too. */
	text = xmalloc(size - 1);
	memcpy(text, data + 2, size - 2);
	text[size - 2] = '\0';
	for (i = 0; i < size - 2; i++)
		if (!text[i])
			text[i] = ' ';
	for (word = strtok_r(text, " \t\n\r\v\f", &save); word;
	     word = strtok_r(NULL, " \t\n\r\v\f", &save)) {
		argv = xrealloc(argv, (size_t)(argc + 2) * sizeof(*argv));
		argv[argc++] = word;
		argv[argc] = NULL;
	}
	for (i = 0; argc && i < ARRAY_SIZE(objects); i++)
		if (!strcmp(argv[0], objects[i]))
			break;
	if (argc && i < ARRAY_SIZE(objects)) {
		nokernel_reply(table.buf, table.len);
		fuzz_run_command(ip_run_object, argc, argv);
	}
	fuzz_ip_done();
	free(argv);
	free(text);
	return 0;
}
