// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The netlink core against the kernel.  Each case changes the network
 * it sees, so each first moves into a network namespace of its own: run
 * by hand or by the harness, it never touches the host's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <net/if.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>
#include <linux/veth.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>
#include "unit.h"

/* The loopback device has this index in every namespace. */
#define LO_INDEX 1

static char req_buf[NL_REQ_SIZE] __attribute__((aligned(4)));

static void fresh_netns(void)
{
	if (unshare(CLONE_NEWNET) < 0) {
		perror("unshare(CLONE_NEWNET)");
		exit(1);
	}
}

static struct nl_sock *open_route(void)
{
	struct nl_sock *s = nl_open(NETLINK_ROUTE, 0);

	if (!s) {
		perror("nl_open");
		exit(1);
	}
	return s;
}

static int set_link(struct nl_sock *s, int index, unsigned int flags, uint32_t mtu)
{
	struct ifinfomsg *ifi = nl_req_init(req_buf, RTM_NEWLINK, 0, sizeof(*ifi));

	ifi->ifi_index = index;
	ifi->ifi_flags = flags;
	ifi->ifi_change = IFF_UP;
	if (mtu)
		mnl_attr_put_u32((struct nlmsghdr *)req_buf, IFLA_MTU, mtu);
	return nl_talk(s, (struct nlmsghdr *)req_buf, NULL, NULL);
}

static int add_veth(struct nl_sock *s, const char *name, const char *peer_name)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)req_buf;
	struct nlattr *info, *data, *peer;

	nl_req_init(req_buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifinfomsg));
	mnl_attr_put_strz(nlh, IFLA_IFNAME, name);
	info = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "veth");
	data = mnl_attr_nest_start(nlh, IFLA_INFO_DATA);
	peer = mnl_attr_nest_start(nlh, VETH_INFO_PEER);
	mnl_nlmsg_put_extra_header(nlh, sizeof(struct ifinfomsg));
	mnl_attr_put_strz(nlh, IFLA_IFNAME, peer_name);
	mnl_attr_nest_end(nlh, peer);
	mnl_attr_nest_end(nlh, data);
	mnl_attr_nest_end(nlh, info);
	return nl_talk(s, nlh, NULL, NULL);
}

/* A /32 route to @dst (host order) through @oif, built in @buf. */
static void build_route(void *buf, uint32_t dst, uint32_t oif)
{
	struct rtmsg *rtm = nl_req_init(buf, RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL,
					sizeof(*rtm));

	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 32;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_scope = RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put_u32(buf, RTA_DST, htonl(dst));
	mnl_attr_put_u32(buf, RTA_OIF, oif);
}

static void build_addr(void *buf, uint32_t addr)
{
	struct ifaddrmsg *ifa = nl_req_init(buf, RTM_NEWADDR, NLM_F_CREATE | NLM_F_EXCL,
					    sizeof(*ifa));

	ifa->ifa_family = AF_INET;
	ifa->ifa_prefixlen = 32;
	ifa->ifa_index = LO_INDEX;
	mnl_attr_put_u32(buf, IFA_LOCAL, htonl(addr));
	mnl_attr_put_u32(buf, IFA_ADDRESS, htonl(addr));
}

static int count_static_route(const struct nlmsghdr *nlh, void *data)
{
	const struct rtmsg *rtm = nl_msg_payload(nlh, sizeof(*rtm));

	if (nlh->nlmsg_type == RTM_NEWROUTE && rtm && rtm->rtm_table == RT_TABLE_MAIN &&
	    rtm->rtm_protocol == RTPROT_STATIC)
		++*(size_t *)data;
	return MNL_CB_OK;
}

static void zero_count(void *data)
{
	*(size_t *)data = 0;
}

/* The static IPv4 routes of the main table. */
static size_t count_routes(struct nl_sock *s)
{
	static const struct nl_dump_ops ops = { .msg = count_static_route, .restart = zero_count };
	struct rtmsg *rtm = nl_req_init(req_buf, RTM_GETROUTE, 0, sizeof(*rtm));
	size_t n = 0;

	rtm->rtm_family = AF_INET;
	CHECK(nl_dump(s, (struct nlmsghdr *)req_buf, &ops, &n) == 0);
	return n;
}

static int min_int(int a, int b)
{
	return a < b ? a : b;
}

/* The most SO_RCVBUF grants without the privilege to force it. */
static int rmem_max(void)
{
	FILE *f = fopen("/proc/sys/net/core/rmem_max", "r");
	int v = 0;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 0;
		fclose(f);
	}
	return v;
}

static void open_close(void)
{
	struct nl_sock *s;
	socklen_t len = sizeof(int);
	int rcvbuf = 0;

	fresh_netns();
	s = nl_open(NETLINK_ROUTE, 0);
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK(nl_fd(s) >= 0);
	CHECK(fcntl(nl_fd(s), F_GETFD) & FD_CLOEXEC);
	CHECK(nl_portid(s) != 0);
	/* 32 MiB, forced as root, or as much as rmem_max allows; doubled. */
	CHECK(getsockopt(nl_fd(s), SOL_SOCKET, SO_RCVBUF, &rcvbuf, &len) == 0);
	CHECK(rcvbuf >= 2 * min_int(32 << 20, rmem_max()));
	CHECK(nl_set_rcvbuf(s, 1 << 20) == 0);
	CHECK(getsockopt(nl_fd(s), SOL_SOCKET, SO_RCVBUF, &rcvbuf, &len) == 0);
	CHECK(rcvbuf >= 2 * min_int(1 << 20, rmem_max()) && rcvbuf <= 2 << 20);
	CHECK(nl_join_group(s, RTNLGRP_LINK) == 0);
	CHECK(nl_ext_ack_msg(s) == NULL);
	nl_close(s);
	nl_close(NULL);

	/* Other protocols take what options they know. */
	s = nl_open(NETLINK_SOCK_DIAG, 0);
	CHECK(s != NULL);
	nl_close(s);

	errno = 0;
	CHECK(nl_open(MAX_LINKS + 1, 0) == NULL);
	CHECK(errno != 0);
}

struct link_seen {
	size_t count;
	int index;
	char name[IFNAMSIZ];
	uint32_t mtu;
};

static int note_link(const struct nlmsghdr *nlh, void *data)
{
	static const struct nl_attr_policy policy[IFLA_MAX + 1] = {
		[IFLA_IFNAME] = { .kind = NLA_STR },
		[IFLA_MTU] = { .kind = NLA_U32 },
	};
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));
	const struct nlattr *tb[IFLA_MAX + 1];
	struct link_seen *seen = data;

	if (nlh->nlmsg_type != RTM_NEWLINK || !ifi)
		return MNL_CB_ERROR;
	nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, policy);
	seen->count++;
	seen->index = ifi->ifi_index;
	if (tb[IFLA_IFNAME])
		snprintf(seen->name, sizeof(seen->name), "%s", mnl_attr_get_str(tb[IFLA_IFNAME]));
	if (tb[IFLA_MTU])
		seen->mtu = mnl_attr_get_u32(tb[IFLA_MTU]);
	return MNL_CB_OK;
}

static int get_link(struct nl_sock *s, const char *name, struct link_seen *seen)
{
	nl_req_init(req_buf, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	mnl_attr_put_strz((struct nlmsghdr *)req_buf, IFLA_IFNAME, name);
	memset(seen, 0, sizeof(*seen));
	return nl_talk(s, (struct nlmsghdr *)req_buf, note_link, seen);
}

static void talk_getlink(void)
{
	struct nl_sock *s;
	struct link_seen seen;

	fresh_netns();
	s = open_route();
	CHECK(get_link(s, "lo", &seen) == 0);
	CHECK(seen.count == 1);
	CHECK(seen.index == LO_INDEX);
	CHECK_STR(seen.name, "lo");
	CHECK(seen.mtu == 65536);
	CHECK(nl_ext_ack_msg(s) == NULL);

	CHECK(get_link(s, "nlkit-none", &seen) == -ENODEV);
	CHECK(seen.count == 0);
	nl_close(s);
}

/* An unacknowledged request ends at its one reply, or at its error. */
static void ask_getlink(void)
{
	struct nl_sock *s;
	struct link_seen seen;

	fresh_netns();
	s = open_route();
	nl_req_init(req_buf, RTM_GETLINK, NLM_F_ACK, sizeof(struct ifinfomsg));
	mnl_attr_put_strz((struct nlmsghdr *)req_buf, IFLA_IFNAME, "lo");
	memset(&seen, 0, sizeof(seen));
	CHECK(nl_ask(s, (struct nlmsghdr *)req_buf, note_link, &seen) == 0);
	CHECK(!(((struct nlmsghdr *)req_buf)->nlmsg_flags & NLM_F_ACK));
	CHECK(seen.count == 1);
	CHECK(seen.index == LO_INDEX);

	nl_req_init(req_buf, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	mnl_attr_put_strz((struct nlmsghdr *)req_buf, IFLA_IFNAME, "nlkit-none");
	memset(&seen, 0, sizeof(seen));
	CHECK(nl_ask(s, (struct nlmsghdr *)req_buf, note_link, &seen) == -ENODEV);
	CHECK(seen.count == 0);

	/* No ACK is left behind to be taken for the next answer. */
	CHECK(get_link(s, "lo", &seen) == 0);
	CHECK(seen.count == 1);
	nl_close(s);
}

static void talk_ext_ack(void)
{
	struct nl_sock *s;
	struct nlattr *info;
	struct link_seen seen;

	fresh_netns();
	s = open_route();
	/* lo starts down in a new namespace. */
	build_route(req_buf, 0x0a000001, LO_INDEX);
	CHECK(nl_talk(s, (struct nlmsghdr *)req_buf, NULL, NULL) == -ENETDOWN);
	CHECK_STR(nl_ext_ack_msg(s), "Device for nexthop is not up");

	nl_req_init(req_buf, RTM_NEWLINK, NLM_F_CREATE | NLM_F_EXCL, sizeof(struct ifinfomsg));
	mnl_attr_put_strz((struct nlmsghdr *)req_buf, IFLA_IFNAME, "x0");
	info = mnl_attr_nest_start((struct nlmsghdr *)req_buf, IFLA_LINKINFO);
	mnl_attr_put_strz((struct nlmsghdr *)req_buf, IFLA_INFO_KIND, "nlkit-no-such-kind");
	mnl_attr_nest_end((struct nlmsghdr *)req_buf, info);
	CHECK(nl_talk(s, (struct nlmsghdr *)req_buf, NULL, NULL) == -EOPNOTSUPP);
	CHECK_STR(nl_ext_ack_msg(s), "Unknown device type");

	/* The next exchange starts clean. */
	CHECK(get_link(s, "lo", &seen) == 0);
	CHECK(nl_ext_ack_msg(s) == NULL);
	nl_close(s);
}

/* What a buffer held before never reaches the wire through padding. */
static void req_init_zeroes(void)
{
	struct nlmsghdr *nlh;
	const unsigned char *bytes;
	uint32_t i;

	memset(req_buf, 0xaa, NL_REQ_SIZE);
	nl_req_init(req_buf, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	nlh = (struct nlmsghdr *)req_buf;
	mnl_attr_put_strz(nlh, IFLA_IFNAME, "ab");
	mnl_attr_put_u32(nlh, IFLA_MTU, 1500);
	bytes = (const unsigned char *)req_buf;
	CHECK(nlh->nlmsg_len == NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(struct ifinfomsg)) + 8 + 8);
	for (i = NLMSG_HDRLEN; i < nlh->nlmsg_len; i++)
		CHECK(bytes[i] != 0xaa);
	CHECK(bytes[nlh->nlmsg_len] == 0);
}

/* Replies land in the arena after what it held; a failure leaves it as it was. */
static void talk_collect(void)
{
	struct nl_msgs msgs = { 0 };
	struct nl_sock *s;
	struct nlmsghdr *nlh;
	size_t len;

	fresh_netns();
	s = open_route();
	nl_req_init(req_buf, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	mnl_attr_put_strz((struct nlmsghdr *)req_buf, IFLA_IFNAME, "lo");
	CHECK(nl_talk_collect(s, (struct nlmsghdr *)req_buf, &msgs) == 0);
	CHECK(nl_talk_collect(s, (struct nlmsghdr *)req_buf, &msgs) == 0);
	CHECK(msgs.count == 2);
	nl_msgs_for_each(&msgs, nlh) {
		const struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);

		CHECK(nlh->nlmsg_type == RTM_NEWLINK);
		CHECK(ifi->ifi_index == LO_INDEX);
	}

	len = msgs.len;
	nl_req_init(req_buf, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	mnl_attr_put_strz((struct nlmsghdr *)req_buf, IFLA_IFNAME, "nlkit-none");
	CHECK(nl_talk_collect(s, (struct nlmsghdr *)req_buf, &msgs) == -ENODEV);
	CHECK(msgs.count == 2 && msgs.len == len);
	nl_msgs_free(&msgs);
	nl_close(s);
}

static int fail_with_e2big(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	errno = E2BIG;
	return MNL_CB_ERROR;
}

static int stop_at_first(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	++*(size_t *)data;
	return MNL_CB_STOP;
}

static int count_msg(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	++*(size_t *)data;
	return MNL_CB_OK;
}

static struct nl_sock *busy_sock;
static int busy_err;

static int talk_from_callback(const struct nlmsghdr *nlh, void *data)
{
	struct link_seen seen;
	char req[NL_REQ_SIZE] __attribute__((aligned(4)));

	(void)nlh;
	(void)data;
	nl_req_init(req, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	mnl_attr_put_strz((struct nlmsghdr *)req, IFLA_IFNAME, "lo");
	busy_err = nl_talk(busy_sock, (struct nlmsghdr *)req, note_link, &seen);
	return MNL_CB_OK;
}

static const struct nl_dump_ops reenter_ops = { .msg = talk_from_callback };

static void link_dump_req(void)
{
	nl_req_init(req_buf, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
}

/* A callback's error or stop ends the exchange, and the socket stays usable. */
static void callback_ends(void)
{
	static const struct nl_dump_ops fail_ops = { .msg = fail_with_e2big };
	static const struct nl_dump_ops stop_ops = { .msg = stop_at_first };
	static const struct nl_dump_ops count_ops = { .msg = count_msg };
	struct nl_sock *s;
	struct link_seen seen;
	size_t n;

	fresh_netns();
	s = open_route();
	CHECK(add_veth(s, "v0", "v1") == 0);

	nl_req_init(req_buf, RTM_GETLINK, 0, sizeof(struct ifinfomsg));
	mnl_attr_put_strz((struct nlmsghdr *)req_buf, IFLA_IFNAME, "lo");
	CHECK(nl_talk(s, (struct nlmsghdr *)req_buf, fail_with_e2big, NULL) == -E2BIG);
	CHECK(get_link(s, "lo", &seen) == 0 && seen.count == 1);

	link_dump_req();
	CHECK(nl_dump(s, (struct nlmsghdr *)req_buf, &fail_ops, NULL) == -E2BIG);
	n = 0;
	link_dump_req();
	CHECK(nl_dump(s, (struct nlmsghdr *)req_buf, &stop_ops, &n) == 0);
	CHECK(n == 1);
	/* A dump left running would make the next one fail with EBUSY. */
	n = 0;
	link_dump_req();
	CHECK(nl_dump(s, (struct nlmsghdr *)req_buf, &count_ops, &n) == 0);
	CHECK(n == 3);

	/* An exchange on the same socket from inside a callback is refused. */
	busy_sock = s;
	busy_err = 0;
	link_dump_req();
	CHECK(nl_dump(s, (struct nlmsghdr *)req_buf, &reenter_ops, NULL) == 0);
	CHECK(busy_err == -EBUSY);
	nl_close(s);
}

/* Notifications on a socket that joined a group do not confuse a talk. */
static void talk_among_notifications(void)
{
	struct nl_sock *s, *other;
	struct link_seen seen;
	struct pollfd pfd;
	int i;

	fresh_netns();
	s = open_route();
	other = open_route();
	CHECK(nl_join_group(s, RTNLGRP_LINK) == 0);
	for (i = 0; i < 20; i++)
		CHECK(set_link(other, LO_INDEX, i % 2 ? IFF_UP : 0, 1500 + i) == 0);
	pfd.fd = nl_fd(s);
	pfd.events = POLLIN;
	CHECK(poll(&pfd, 1, 0) == 1);
	CHECK(get_link(s, "lo", &seen) == 0);
	CHECK(seen.count == 1 && seen.mtu == 1519);
	/* ... nor does one that came of our own request. */
	CHECK(set_link(s, LO_INDEX, IFF_UP, 1400) == 0);
	CHECK(get_link(s, "lo", &seen) == 0);
	CHECK(seen.count == 1 && seen.mtu == 1400);
	nl_close(other);
	nl_close(s);
}

struct names_seen {
	size_t count;
	bool lo, v0, v1;
};

static int note_name(const struct nlmsghdr *nlh, void *data)
{
	struct link_seen one = { 0 };
	struct names_seen *seen = data;

	if (note_link(nlh, &one) != MNL_CB_OK)
		return MNL_CB_ERROR;
	seen->count++;
	seen->lo |= !strcmp(one.name, "lo");
	seen->v0 |= !strcmp(one.name, "v0");
	seen->v1 |= !strcmp(one.name, "v1");
	return MNL_CB_OK;
}

static void dump_links(void)
{
	static const struct nl_dump_ops ops = { .msg = note_name };
	struct nl_sock *s;
	struct names_seen seen = { 0 };
	struct ifinfomsg *ifi;

	fresh_netns();
	s = open_route();
	CHECK(add_veth(s, "v0", "v1") == 0);
	link_dump_req();
	CHECK(nl_dump(s, (struct nlmsghdr *)req_buf, &ops, &seen) == 0);
	CHECK(seen.count == 3 && seen.lo && seen.v0 && seen.v1);

	/* The kernel's refusal of a dump comes with its reason. */
	ifi = nl_req_init(req_buf, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_index = LO_INDEX;
	CHECK(nl_dump(s, (struct nlmsghdr *)req_buf, &ops, &seen) == -EINVAL);
	CHECK(nl_ext_ack_msg(s) != NULL);
	nl_close(s);
}

struct pipe_errors {
	size_t count;
	size_t index[16];
	int err[16];
	char ext_ack[16][64];
	size_t stop_at;		/* index whose error stops the pipe, or SIZE_MAX */
};

static int note_pipe_error(size_t index, int err, const char *ext_ack, void *data)
{
	struct pipe_errors *pe = data;

	if (pe->count < ARRAY_SIZE(pe->index)) {
		pe->index[pe->count] = index;
		pe->err[pe->count] = err;
		snprintf(pe->ext_ack[pe->count], sizeof(pe->ext_ack[0]), "%s",
			 ext_ack ? ext_ack : "");
	}
	pe->count++;
	return index == pe->stop_at;
}

static bool in(size_t v, const size_t *set, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == v)
			return true;
	return false;
}

#define PIPE_ROUTES 5000

/* Which requests route_pipe() makes fail, and how. */
static const size_t dups[] = { 7, 1023, 1024, 2047, 3333, 4999 };
static const size_t no_dev[] = { 100 };
static const size_t dev_down[] = { 2048 };
#define PIPE_FAILURES (ARRAY_SIZE(dups) + ARRAY_SIZE(no_dev) + ARRAY_SIZE(dev_down))

/*
 * PIPE_ROUTES route additions through a pipe with @window (0: default):
 * duplicates of the first, a missing device, a device that is down
 * (@down_index), some on the boundaries of the default window; with
 * @no_ack, sent without NLM_F_ACK, the failures must be caught all the
 * same.
 */
static void route_pipe(struct nl_sock *s, uint32_t first_dst, unsigned int window,
		       int down_index, bool no_ack)
{
	struct pipe_errors pe = { .stop_at = SIZE_MAX };
	size_t before = count_routes(s), i, e;
	struct nl_pipe *p;

	p = nl_pipe_new(s, note_pipe_error, &pe);
	CHECK(p != NULL);
	if (!p)
		return;
	if (window)
		nl_pipe_window(p, window);
	if (no_ack)
		nl_pipe_no_ack(p);
	for (i = 0; i < PIPE_ROUTES; i++) {
		void *req = nl_pipe_req(p);

		if (in(i, dups, ARRAY_SIZE(dups)))
			build_route(req, first_dst, LO_INDEX);
		else if (in(i, no_dev, ARRAY_SIZE(no_dev)))
			build_route(req, first_dst + i, 999);
		else if (in(i, dev_down, ARRAY_SIZE(dev_down)))
			build_route(req, first_dst + i, down_index);
		else
			build_route(req, first_dst + i, LO_INDEX);
		if (nl_pipe_push(p) != 0) {
			fprintf(stderr, "push %zu failed\n", i);
			unit_failed = 1;
			break;
		}
	}
	/* The first failure in request order, not the first by kind. */
	CHECK(nl_pipe_flush(p) == -EEXIST);
	CHECK(nl_pipe_failed(p) == PIPE_FAILURES);
	CHECK(pe.count == PIPE_FAILURES);
	for (e = 0, i = 0; i < PIPE_ROUTES && e < pe.count; i++) {
		int want;

		if (in(i, dups, ARRAY_SIZE(dups)))
			want = -EEXIST;
		else if (in(i, no_dev, ARRAY_SIZE(no_dev)))
			want = -ENODEV;
		else if (in(i, dev_down, ARRAY_SIZE(dev_down)))
			want = -ENETDOWN;
		else
			continue;
		if (pe.index[e] != i || pe.err[e] != want) {
			fprintf(stderr, "error %zu: index %zu err %d, want index %zu err %d\n", e,
				pe.index[e], pe.err[e], i, want);
			unit_failed = 1;
		}
		if (want == -ENETDOWN)
			CHECK_STR(pe.ext_ack[e], "Device for nexthop is not up");
		e++;
	}
	nl_pipe_free(p);
	CHECK(count_routes(s) - before == PIPE_ROUTES - PIPE_FAILURES);
}

static void pipe_routes(void)
{
	struct nl_sock *s;
	struct link_seen down;

	fresh_netns();
	s = open_route();
	CHECK(set_link(s, LO_INDEX, IFF_UP, 0) == 0);
	CHECK(add_veth(s, "v0", "v1") == 0);
	CHECK(get_link(s, "v0", &down) == 0);
	route_pipe(s, 0x0a000000, 0, down.index, false);
	route_pipe(s, 0x0a100000, 3, down.index, false);
	route_pipe(s, 0x0a200000, 5000, down.index, false);
	route_pipe(s, 0x0a300000, 0, down.index, true);
	route_pipe(s, 0x0a400000, 3, down.index, true);
	/* The socket is still in step for plain exchanges. */
	CHECK(count_routes(s) == 5 * (PIPE_ROUTES - PIPE_FAILURES));
	nl_close(s);
}

/* An error callback that asks to stop: what was sent is still reported. */
static void pipe_stop(void)
{
	struct nl_sock *s;
	struct pipe_errors pe = { .stop_at = 7 };
	struct nl_pipe *p;
	size_t i;
	int ret = 0;

	fresh_netns();
	s = open_route();
	CHECK(set_link(s, LO_INDEX, IFF_UP, 0) == 0);
	p = nl_pipe_new(s, note_pipe_error, &pe);
	CHECK(p != NULL);
	if (!p)
		return;
	nl_pipe_window(p, 100);
	for (i = 0; i < 1000; i++) {
		bool dup = i == 7 || i == 50 || i == 150;

		build_route(nl_pipe_req(p), dup ? 0x0a000000 : 0x0a000000 + i, LO_INDEX);
		ret = nl_pipe_push(p);
		if (ret)
			break;
	}
	/* The hundredth request filled the window and was sent with the rest. */
	CHECK(ret == 1 && i == 99);
	build_route(nl_pipe_req(p), 0x0b000000, LO_INDEX);
	CHECK(nl_pipe_push(p) == 1);
	CHECK(nl_pipe_flush(p) == -EEXIST);
	CHECK(pe.count == 2 && pe.index[0] == 7 && pe.index[1] == 50);
	CHECK(nl_pipe_failed(p) == 2);
	nl_pipe_free(p);
	CHECK(count_routes(s) == 98);
	nl_close(s);
}

static void dump_collect(void)
{
	struct nl_sock *s;
	struct nl_msgs m = { 0 };
	struct nlmsghdr *nlh;
	struct nl_pipe *p;
	size_t i, statics = 0, count = 0, bytes = 0;

	fresh_netns();
	s = open_route();
	CHECK(set_link(s, LO_INDEX, IFF_UP, 0) == 0);
	p = nl_pipe_new(s, NULL, NULL);
	CHECK(p != NULL);
	if (!p)
		return;
	for (i = 0; i < 3000; i++) {
		build_route(nl_pipe_req(p), 0x0a000000 + i, LO_INDEX);
		CHECK(nl_pipe_push(p) == 0);
	}
	CHECK(nl_pipe_flush(p) == 0);
	nl_pipe_free(p);

	((struct rtmsg *)nl_req_init(req_buf, RTM_GETROUTE, 0, sizeof(struct rtmsg)))->rtm_family =
		AF_INET;
	CHECK(nl_dump_collect(s, (struct nlmsghdr *)req_buf, &m) == 0);
	nl_msgs_for_each(&m, nlh) {
		CHECK(nl_msg_ok(nlh, m.buf + m.len - (char *)nlh));
		count_static_route(nlh, &statics);
		bytes += NLMSG_ALIGN(nlh->nlmsg_len);
		count++;
	}
	CHECK(statics == 3000);
	CHECK(count == m.count && bytes == m.len && m.len <= m.cap);

	/* A second collection into the same arena appends. */
	CHECK(nl_dump_collect(s, (struct nlmsghdr *)req_buf, &m) == 0);
	CHECK(m.count == 2 * count && m.len == 2 * bytes);
	nl_msgs_free(&m);
	CHECK(m.buf == NULL && m.len == 0 && m.count == 0);
	nl_close(s);
}

#define INTR_ADDRS 3000

struct intr_dump {
	struct nl_sock *other;
	size_t count, restarts, flagged;
	uint32_t next_addr;
	bool changed;
};

/* Change the table while its dump is read, once. */
static int count_and_disturb(const struct nlmsghdr *nlh, void *data)
{
	struct intr_dump *d = data;

	d->count++;
	if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
		d->flagged++;
	if (!d->changed) {
		d->changed = true;
		build_addr(req_buf, d->next_addr++);
		if (nl_talk(d->other, (struct nlmsghdr *)req_buf, NULL, NULL))
			return MNL_CB_ERROR;
		/* The dump request, in the same buffer, is not read again. */
	}
	return MNL_CB_OK;
}

static void intr_restart(void *data)
{
	struct intr_dump *d = data;

	d->count = 0;
	d->flagged = 0;
	d->restarts++;
}

static void dump_intr(void)
{
	static const struct nl_dump_ops with_restart = { .msg = count_and_disturb,
							  .restart = intr_restart };
	static const struct nl_dump_ops without = { .msg = count_and_disturb };
	struct nl_sock *s;
	struct intr_dump d = { .next_addr = 0x0b000001 };
	char dump_req[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_pipe *p;
	size_t i;

	fresh_netns();
	s = open_route();
	d.other = open_route();

	p = nl_pipe_new(s, NULL, NULL);
	CHECK(p != NULL);
	if (!p)
		return;
	for (i = 0; i < INTR_ADDRS; i++) {
		build_addr(nl_pipe_req(p), 0x0a000000 + i);
		CHECK(nl_pipe_push(p) == 0);
	}
	CHECK(nl_pipe_flush(p) == 0);
	nl_pipe_free(p);

	((struct ifaddrmsg *)nl_req_init(dump_req, RTM_GETADDR, 0,
					 sizeof(struct ifaddrmsg)))->ifa_family = AF_INET;
	CHECK(nl_dump(s, (struct nlmsghdr *)dump_req, &with_restart, &d) == 0);
	CHECK(d.restarts == 1);
	CHECK(d.count == INTR_ADDRS + 1 && d.flagged == 0);

	/* Without a way to start over, the caller sees it all and -EINTR. */
	d.changed = false;
	d.count = d.flagged = 0;
	CHECK(nl_dump(s, (struct nlmsghdr *)dump_req, &without, &d) == -EINTR);
	CHECK(d.flagged > 0);
	CHECK(d.count >= INTR_ADDRS + 1);
	nl_close(d.other);
	nl_close(s);
}

/* A child that sits in a namespace of its own with lo's MTU at 1280. */
static pid_t spawn_netns_child(int *release_fd)
{
	int ready[2], release[2];
	pid_t pid;
	char c;

	if (pipe(ready) || pipe(release))
		return -1;
	pid = fork();
	if (pid == 0) {
		struct nl_sock *s;

		close(ready[0]);
		close(release[1]);
		if (unshare(CLONE_NEWNET) < 0)
			_exit(1);
		s = nl_open(NETLINK_ROUTE, 0);
		if (!s || set_link(s, LO_INDEX, 0, 1280))
			_exit(1);
		if (write(ready[1], "r", 1) != 1)
			_exit(1);
		if (read(release[0], &c, 1) < 0)
			_exit(1);
		_exit(0);
	}
	close(ready[1]);
	close(release[0]);
	if (read(ready[0], &c, 1) != 1)
		pid = -1;
	close(ready[0]);
	*release_fd = release[1];
	return pid;
}

static ino_t own_netns(void)
{
	struct stat st;

	if (stat("/proc/thread-self/ns/net", &st) < 0)
		return 0;
	return st.st_ino;
}

static void open_netns(void)
{
	ino_t before;
	struct nl_sock *there, *here;
	struct link_seen seen;
	char path[64];
	int release = -1, status;
	pid_t pid;

	fresh_netns();
	before = own_netns();
	pid = spawn_netns_child(&release);
	CHECK(pid > 0);
	if (pid <= 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/ns/net", (int)pid);
	there = nl_open_netns(path, NETLINK_ROUTE, 0);
	CHECK(there != NULL);
	CHECK(own_netns() == before);
	here = open_route();
	if (there) {
		CHECK(get_link(there, "lo", &seen) == 0 && seen.mtu == 1280);
		nl_close(there);
	}
	CHECK(get_link(here, "lo", &seen) == 0 && seen.mtu == 65536);
	nl_close(here);
	close(release);
	CHECK(waitpid(pid, &status, 0) == pid && WIFEXITED(status) && !WEXITSTATUS(status));

	errno = 0;
	CHECK(nl_open_netns("/nonexistent/ns", NETLINK_ROUTE, 0) == NULL);
	CHECK(errno == ENOENT);
	/* A file that is no namespace: setns() refuses it. */
	errno = 0;
	CHECK(nl_open_netns("/proc/self/status", NETLINK_ROUTE, 0) == NULL);
	CHECK(errno == EINVAL);
	CHECK(own_netns() == before);
}

UNIT_CASES(UNIT(open_close), UNIT(talk_getlink), UNIT(ask_getlink), UNIT(talk_ext_ack),
	   UNIT(talk_collect), UNIT(req_init_zeroes), UNIT(callback_ends), UNIT(talk_among_notifications), UNIT(dump_links), UNIT(pipe_routes), UNIT(pipe_stop),
	   UNIT(dump_collect), UNIT(dump_intr), UNIT(open_netns))
