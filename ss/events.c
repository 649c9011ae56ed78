// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -E: the kernel tells the sock_diag multicast groups of every TCP and
 * UDP socket it destroys, with the socket's last state; each is printed
 * as it comes, the column widths growing as needed.  The groups to join
 * follow the tables and families asked for; with none of them, the
 * reference exits at once with status 255, silently, and so do we.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include <nlkit/nl.h>
#include <nlkit/print.h>

#include "ss.h"

static const struct {
	unsigned int group;
	enum ss_db db;
	int family;
} event_groups[] = {
	{ SKNLGRP_INET_TCP_DESTROY, DB_TCP, AF_INET },
	{ SKNLGRP_INET_UDP_DESTROY, DB_UDP, AF_INET },
	{ SKNLGRP_INET6_TCP_DESTROY, DB_TCP, AF_INET6 },
	{ SKNLGRP_INET6_UDP_DESTROY, DB_UDP, AF_INET6 },
};

static volatile sig_atomic_t stop;

static void request_stop(int sig)
{
	(void)sig;
	stop = 1;
}

/* The table of a notification: the group it came to says. */
static int group_db(uint32_t groups, enum ss_db *db)
{
	size_t i;

	for (i = 0; i < sizeof(event_groups) / sizeof(event_groups[0]); i++) {
		if (groups & (1u << (event_groups[i].group - 1))) {
			*db = event_groups[i].db;
			return 0;
		}
	}
	return -1;
}

int events_show(void)
{
	static char buf[65536] __attribute__((aligned(4)));
	unsigned int groups = 0;
	struct nl_sock *s;
	size_t i;

	for (i = 0; i < sizeof(event_groups) / sizeof(event_groups[0]); i++)
		if ((ssf.dbs & DB_BIT(event_groups[i].db)) &&
		    (ssf.families & (1ull << event_groups[i].family)))
			groups |= 1u << (event_groups[i].group - 1);
	if (!groups)
		exit(255);
	s = nl_open(NETLINK_SOCK_DIAG, groups);
	if (!s) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		exit(1);
	}
	/*
	 * JSON has an array to close: a signal ends the wait (no SA_RESTART)
	 * and the document.  Text dies of it, as the reference does.
	 */
	if (sso.json) {
		struct sigaction sa = { .sa_handler = request_stop };

		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		pr_start();
		out_flush();
	}
	while (!stop) {
		struct sockaddr_nl from;
		socklen_t from_len = sizeof(from);
		const struct nlmsghdr *nlh = (const struct nlmsghdr *)buf;
		ssize_t n = recvfrom(nl_fd(s), buf, sizeof(buf), 0, (struct sockaddr *)&from,
				     &from_len);
		int left = (int)n;
		enum ss_db db;

		if (n < 0) {
			/* ENOBUFS: notifications were lost; the next ones still count. */
			if (errno == EINTR || errno == ENOBUFS)
				continue;
			fprintf(stderr, "recvmsg: %s\n", strerror(errno));
			break;
		}
		if (group_db(from.nl_groups, &db) < 0)
			continue;
		/* A render per notification, filtered out or not: the first
		 * prints the header at its own widths, as the reference's. */
		for (; nl_msg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
			if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY)
				continue;
			inet_event(nlh, db);
			out_flush();
		}
	}
	nl_close(s);
	return 0;
}
