// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: ss's listing of sockets, from the kernel's sock_diag
 * replies to what it prints (ss/inet.c, unix.c, packet.c, netlink.c,
 * misc.c, tcpinfo.c, out.c): every table's dump, the filter applied to
 * each socket, the rows in text or JSON; or, as under -E, each message
 * as a destroyed TCP or UDP socket's notification.
 *
 * Input: four bytes, then netlink messages: every dump's reply (each
 * dump gets the messages of its address family, as the kernel's does).
 *   byte 0: bit 0 -j, 1 -e, 2 -o, 3 -m, 4 -i, 5 -p, 6 -n, 7 -O
 *   byte 1: bit 0 -H, 1 -K, 2 --tos, 3 --cgroup, 4 --inet-sockopt,
 *           5 -b, 6 -E (the table is TCP's, or UDP's when bit 1 of
 *           byte 2 is set and bit 0 not), 7 -T
 *   byte 2: the tables: bit 0 TCP, 1 UDP, 2 RAW, 3 MPTCP, 4 UNIX,
 *           5 PACKET, 6 NETLINK, 7 DCCP, SCTP, VSOCK, TIPC and XDP
 *   byte 3: bits 0-1 the states: those of the filter, -a, -l, or the
 *           filter's when it names any; bits 2-3 the families: both
 *           inet ones, -4, -6; bits 4-7 the filter (filters[] below)
 *
 * The filters are parsed once, before the first input (fuzz target
 * ss_filter fuzzes the parser): ss keeps a parsed filter for its whole
 * run, and so does this target.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "../ss/ss.h"
#include "fuzz.h"
#include "nokernel.h"

static const char *const filters[16][12] = {
	{ NULL },
	{ "state", "established" },
	{ "state", "listening", "state", "closed" },
	{ "sport", "=", ":2222" },
	{ "dport", ">=", ":1024", "and", "dport", "<=", ":65535" },
	{ "src", "127.0.0.1" },
	{ "dst", "[::1]" },
	{ "src", "127.0.0.0/8", "or", "src", "[::1]" },
	{ "!", "sport", "=", ":22" },
	{ "fwmark", "0x10/0xff" },
	{ "exclude", "time-wait", "autobound" },
	{ "src", "*:*" },
	{ "src", "unix:@nlkit*" },
	{ "state", "connected", "(", "sport", ">", ":1000", "or", "dport", "<", ":100", ")" },
	{ "dport", "=", ":53", "or", "sport", "=", ":5353" },
	{ "dst", "0.0.0.0/0", "and", "not", "dst", "10.0.0.0/8" },
};

/* A filter as ss holds it after parsing. */
static struct {
	struct ss_expr *expr;
	uint32_t states;
	bool states_given;
} parsed[ARRAY_SIZE(filters)];

static const uint32_t table_bits[8] = {
	DB_BIT(DB_TCP),
	DB_BIT(DB_UDP),
	DB_BIT(DB_RAW),
	DB_BIT(DB_MPTCP),
	DB_BIT(DB_UNIX_ST) | DB_BIT(DB_UNIX_DG) | DB_BIT(DB_UNIX_SQ),
	DB_BIT(DB_PACKET_R) | DB_BIT(DB_PACKET_DG),
	DB_BIT(DB_NETLINK),
	DB_BIT(DB_DCCP) | DB_BIT(DB_SCTP) | DB_BIT(DB_VSOCK_ST) | DB_BIT(DB_VSOCK_DG) |
		DB_BIT(DB_TIPC) | DB_BIT(DB_XDP),
};

/* Every sock_diag request starts with the family it asks about, every reply too. */
static bool same_family(int protocol, const struct nlmsghdr *req, const struct nlmsghdr *msg)
{
	const uint8_t *asked = nl_msg_payload(req, 1), *got = nl_msg_payload(msg, 1);

	return protocol != NETLINK_SOCK_DIAG || !asked || (got && *got == *asked);
}

int LLVMFuzzerInitialize(int *argc __attribute__((unused)), char ***argv __attribute__((unused)))
{
	size_t i;
	int n;

	/*
	 * The parser keeps what it made for the whole run, and ss parses
	 * once; here each parse's words outlive the lexer that held them:
	 * no leak to report.
	 */
	if (__lsan_disable)
		__lsan_disable();
	for (i = 0; i < ARRAY_SIZE(filters); i++) {
		for (n = 0; n < (int)ARRAY_SIZE(filters[i]) && filters[i][n]; n++)
			;
		memset(&ssf, 0, sizeof(ssf));
		ss_states_given = false;
		filter_parse(n, (char **)filters[i]);
		parsed[i].expr = ssf.expr;
		parsed[i].states = ssf.states;
		parsed[i].states_given = ss_states_given;
	}
	if (__lsan_enable)
		__lsan_enable();
	nokernel_answers(same_family);
	return 0;
}

/* ssf and sso as ss_main() leaves them for the options of @data. */
static void set_options(const uint8_t *data)
{
	static const uint64_t families[] = {
		1ull << AF_INET | 1ull << AF_INET6, 1ull << AF_INET, 1ull << AF_INET6, 0,
	};
	const uint8_t *filter = data + 3;
	size_t i;

	memset(&sso, 0, sizeof(sso));
	sso.json = data[0] & 0x01;
	sso.extended = data[0] & 0x02;
	sso.timers = data[0] & 0x06 || data[1] & 0x20;
	sso.memory = data[0] & 0x08;
	sso.info = data[0] & 0x10;
	sso.processes = data[0] & 0x20 || data[1] & 0x80;
	sso.numeric = data[0] & 0x40;
	sso.oneline = data[0] & 0x80;
	sso.no_header = data[1] & 0x01;
	sso.kill = data[1] & 0x02;
	sso.tos = data[1] & 0x04;
	sso.cgroup = data[1] & 0x08;
	sso.inet_sockopt = data[1] & 0x10;
	sso.bpf = data[1] & 0x20;
	sso.events = data[1] & 0x40;
	sso.threads = data[1] & 0x80;

	memset(&ssf, 0, sizeof(ssf));
	for (i = 0; i < ARRAY_SIZE(table_bits); i++)
		if (data[2] & 1u << i)
			ssf.dbs |= table_bits[i];
	ssf.families = families[*filter >> 2 & 0x03] | 1ull << AF_UNIX | 1ull << AF_PACKET |
		       1ull << AF_NETLINK | 1ull << AF_VSOCK | 1ull << AF_TIPC | 1ull << AF_XDP;
	ss_preferred_family = (*filter & 0x0c) == 0x04 ? AF_INET :
			      (*filter & 0x0c) == 0x08 ? AF_INET6 : AF_UNSPEC;
	i = *filter >> 4;
	ssf.expr = parsed[i].expr;
	ss_states_given = parsed[i].states_given;
	switch (*filter & 0x03) {
	case 1:
		ssf.states = SS_ALL;
		break;
	case 2:
		ssf.states = (1u << SS_LISTEN) | (1u << SS_CLOSE);
		break;
	default:
		ssf.states = parsed[i].states_given ? parsed[i].states : SS_CONN | 1u << SS_CLOSE;
		break;
	}
}

/* -E: each message as ss_main()'s events_show() hands it on. */
static void show_events(const void *msgs, size_t size)
{
	enum ss_db db = ssf.dbs & DB_BIT(DB_UDP) && !(ssf.dbs & DB_BIT(DB_TCP)) ? DB_UDP : DB_TCP;
	const struct nlmsghdr *nlh = msgs;
	int left = size > INT32_MAX ? INT32_MAX : (int)size;

	if (sso.json) {
		pr_start();
		out_flush();
	}
	for (; nl_msg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY)
			continue;
		inet_event(nlh, db);
		out_flush();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pr_config cfg = { 0 };
	void *reply;

	if (size < 4)
		return 0;
	set_options(data);
	/* Aligned, as the kernel's messages are; exactly sized, for the sanitizers. */
	reply = xmalloc(size - 4 ? size - 4 : 1);
	memcpy(reply, data + 4, size - 4);
	nokernel_reply(reply, size - 4);

	cfg.json = sso.json;
	pr_init(stdout, &cfg);
	out_setup(sso.json, !sso.no_header);
	columns_settle();
	if (sso.events)
		show_events(reply, size - 4);
	else
		tables_show();
	out_finish();
	free(reply);
	return 0;
}
