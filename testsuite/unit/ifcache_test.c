// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The interface cache: learning from link messages, and lookups that ask
 * the kernel.  The cases that talk to the kernel enter a network namespace
 * of their own first, so they never see nor change the host's links.
 */
#include <errno.h>
#include <net/if.h>
#include <sched.h>
#include <stdlib.h>
#include <time.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>

#include <nlkit/ifcache.h>
#include <nlkit/nl.h>

#include "unit.h"

static union {
	struct nlmsghdr nlh;
	char buf[NL_REQ_SIZE];
} msg;

/* A RTM_NEWLINK (or @type) for device @index named @name, of ARPHRD @arphrd. */
static const struct nlmsghdr *link_msg(uint16_t type, int index, const char *name,
				       unsigned short arphrd)
{
	struct ifinfomsg *ifi;

	memset(&msg, 0, sizeof(msg));
	msg.nlh.nlmsg_len = NLMSG_HDRLEN;
	msg.nlh.nlmsg_type = type;
	ifi = mnl_nlmsg_put_extra_header(&msg.nlh, sizeof(*ifi));
	ifi->ifi_index = index;
	ifi->ifi_type = arphrd;
	mnl_attr_put_u32(&msg.nlh, IFLA_MTU, 1500);
	if (name)
		mnl_attr_put_strz(&msg.nlh, IFLA_IFNAME, name);
	return &msg.nlh;
}

static void learn(int index, const char *name, unsigned short arphrd)
{
	ifcache_learn(link_msg(RTM_NEWLINK, index, name, arphrd));
}

/* No socket: only what was learned is known. */
static void learned_only(void)
{
	char buf[IFNAMSIZ + 8];

	ifcache_forget();
	ifcache_init(NULL);
	learn(1, "lo", ARPHRD_LOOPBACK);
	learn(7, "eth0", ARPHRD_ETHER);
	CHECK(ifcache_index("lo") == 1);
	CHECK(ifcache_index("eth0") == 7);
	CHECK_STR(ifcache_name(7), "eth0");
	CHECK(ifcache_type(1) == ARPHRD_LOOPBACK);
	CHECK(ifcache_type(7) == ARPHRD_ETHER);
	CHECK(ifcache_type(8) == -1);
	CHECK(ifcache_name(8) == NULL);
	CHECK(ifcache_name(0) == NULL);
	CHECK_STR(ifcache_name_or_num(7, buf, sizeof(buf)), "eth0");
	CHECK_STR(ifcache_name_or_num(8, buf, sizeof(buf)), "if8");
	CHECK(ifcache_index("eth1") == 0);
	CHECK(ifcache_index("") == 0);
	CHECK(ifcache_index(NULL) == 0);

	/* As the reference, "ifN" names device N when nothing else is so named. */
	CHECK(ifcache_index("if8") == 8);
	CHECK(ifcache_index("if1x") == 1);
	CHECK(ifcache_index("if0x1") == 0);
	CHECK(ifcache_index("IF1") == 0);
	learn(9, "if8", ARPHRD_ETHER);
	CHECK(ifcache_index("if8") == 9);

	ifcache_forget();
	CHECK(ifcache_index("lo") == 0);
	CHECK(ifcache_name(1) == NULL);
}

/* Renames, a name passed on to another device, deletions, bad messages. */
static void changes(void)
{
	ifcache_forget();
	ifcache_init(NULL);
	learn(3, "v0", ARPHRD_ETHER);
	learn(4, "v1", ARPHRD_ETHER);

	learn(3, "renamed", ARPHRD_ETHER);
	CHECK(ifcache_index("v0") == 0);
	CHECK(ifcache_index("renamed") == 3);
	CHECK_STR(ifcache_name(3), "renamed");

	learn(5, "v1", ARPHRD_NONE);
	CHECK(ifcache_index("v1") == 5);
	CHECK(ifcache_name(4) == NULL);
	CHECK(ifcache_type(5) == ARPHRD_NONE);

	learn(5, "v1", ARPHRD_TUNNEL);
	CHECK(ifcache_type(5) == ARPHRD_TUNNEL);

	ifcache_learn(link_msg(RTM_DELLINK, 5, "v1", ARPHRD_TUNNEL));
	CHECK(ifcache_index("v1") == 0);
	CHECK(ifcache_name(5) == NULL);
	ifcache_learn(link_msg(RTM_DELLINK, 5, NULL, 0));

	/* Ignored: no name, an empty or too long one, no index, other types. */
	learn(6, NULL, ARPHRD_ETHER);
	learn(6, "", ARPHRD_ETHER);
	learn(6, "name-too-long-for-a-device", ARPHRD_ETHER);
	learn(0, "zero", ARPHRD_ETHER);
	learn(-1, "negative", ARPHRD_ETHER);
	ifcache_learn(link_msg(RTM_NEWADDR, 6, "addr", ARPHRD_ETHER));
	CHECK(ifcache_name(6) == NULL);
	CHECK(ifcache_index("zero") == 0);
	CHECK(ifcache_index("negative") == 0);
	CHECK(ifcache_index("addr") == 0);
	msg.nlh.nlmsg_type = RTM_NEWLINK;
	msg.nlh.nlmsg_len = NLMSG_HDRLEN + 4;
	ifcache_learn(&msg.nlh);
	CHECK(ifcache_index("addr") == 0);
	CHECK(ifcache_index("renamed") == 3);
	ifcache_forget();
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 20000 devices: learning and lookups stay fast. */
static void many_links(void)
{
	const int count = 20000;
	char name[IFNAMSIZ];
	double start;
	int i, round;

	ifcache_forget();
	ifcache_init(NULL);
	start = seconds();
	for (i = 1; i <= count; i++) {
		snprintf(name, sizeof(name), "veth%d", i);
		learn(i * 3, name, ARPHRD_ETHER);
	}
	for (round = 0; round < 10; round++) {
		for (i = 1; i <= count; i++) {
			snprintf(name, sizeof(name), "veth%d", i);
			if (ifcache_index(name) != (unsigned int)i * 3)
				break;
			if (strcmp(ifcache_name((unsigned int)i * 3), name))
				break;
		}
		CHECK(i == count + 1);
	}
	/* About 0.04 s here; a linear search would take minutes. */
	CHECK(seconds() - start < 5.0);
	ifcache_forget();
}

/* Enter a new network namespace with lo and v0/v1 in it. */
static struct nl_sock *kernel_setup(void)
{
	struct nl_sock *s;

	if (unshare(CLONE_NEWNET)) {
		fprintf(stderr, "unshare(CLONE_NEWNET): %s\n", strerror(errno));
		unit_failed = 1;
		return NULL;
	}
	if (system("/usr/sbin/ip link add v0 type veth peer name v1")) {
		unit_failed = 1;
		return NULL;
	}
	s = nl_open(NETLINK_ROUTE, 0);
	CHECK(s != NULL);
	ifcache_forget();
	ifcache_init(s);
	return s;
}

/* A miss asks the kernel, once. */
static void kernel_lookup(void)
{
	struct nl_sock *s = kernel_setup();
	unsigned int v0;
	char buf[32];

	if (!s)
		return;
	CHECK(ifcache_index("lo") == 1);
	CHECK_STR(ifcache_name(1), "lo");
	CHECK(ifcache_type(1) == ARPHRD_LOOPBACK);
	v0 = ifcache_index("v0");
	CHECK(v0 > 1);
	CHECK(ifcache_type(v0) == ARPHRD_ETHER);
	CHECK_STR(ifcache_name(v0), "v0");
	CHECK(ifcache_index("v1") > 1);
	CHECK(ifcache_index("nope") == 0);
	CHECK(ifcache_name(999) == NULL);
	CHECK(ifcache_type(999) == -1);
	CHECK_STR(ifcache_name_or_num(999, buf, sizeof(buf)), "if999");
	CHECK(ifcache_index("if999") == 999);

	/* Known now: answered without the kernel. */
	ifcache_init(NULL);
	CHECK(ifcache_index("v0") == v0);
	CHECK_STR(ifcache_name(1), "lo");
	CHECK(ifcache_index("v1") > 1);
	ifcache_init(s);

	/* A device the kernel knows by index only. */
	ifcache_forget();
	CHECK_STR(ifcache_name(v0), "v0");
	CHECK(ifcache_type(v0) == ARPHRD_ETHER);
	nl_close(s);
	ifcache_init(NULL);
	ifcache_forget();
}

/* Alternative names, long ones too, resolve through the kernel. */
static void kernel_altname(void)
{
	struct nl_sock *s = kernel_setup();
	unsigned int v0;

	if (!s)
		return;
	v0 = ifcache_index("v0");
	if (system("/usr/sbin/ip link property add dev v0 altname short0 "
		   "altname a-very-long-alternative-name-for-v0")) {
		unit_failed = 1;
		return;
	}
	CHECK(v0 > 1);
	CHECK(ifcache_index("short0") == v0);
	CHECK(ifcache_index("a-very-long-alternative-name-for-v0") == v0);
	CHECK_STR(ifcache_name(v0), "v0");
	nl_close(s);
	ifcache_init(NULL);
	ifcache_forget();
}

UNIT_CASES(UNIT(learned_only), UNIT(changes), UNIT(many_links), UNIT(kernel_lookup),
	   UNIT(kernel_altname))
