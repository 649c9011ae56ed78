// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ss: the entry point.  Reads the options of ss(8) into the socket tables,
 * families and states to list, then lists each table in turn.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ss.h"

#define NLKIT_VERSION "iproute2-6.1.0"

struct ss_options sso;
struct ss_filter ssf;

/* What the options asked for before the defaults are merged in. */
bool ss_states_given;
static uint32_t default_states;

struct db_def {
	const char *netid;
	int family;
	uint32_t states;	/* when chosen by name (-t, -A tcp) */
};

static const struct db_def dbs[DB_COUNT] = {
	[DB_NETLINK] = { "nl", AF_NETLINK, SS_CONN },
	[DB_PACKET_R] = { "p_raw", AF_PACKET, SS_CONN },
	[DB_PACKET_DG] = { "p_dgr", AF_PACKET, SS_CONN },
	[DB_UNIX_ST] = { "u_str", AF_UNIX, SS_CONN },
	[DB_UNIX_DG] = { "u_dgr", AF_UNIX, SS_CONN },
	[DB_UNIX_SQ] = { "u_seq", AF_UNIX, SS_CONN },
	[DB_RAW] = { "raw", AF_INET, 1u << SS_ESTABLISHED },
	[DB_UDP] = { "udp", AF_INET, 1u << SS_ESTABLISHED },
	[DB_TCP] = { "tcp", AF_INET, SS_CONN },
	[DB_DCCP] = { "dccp", AF_INET, SS_CONN },
	[DB_SCTP] = { "sctp", AF_INET, SS_CONN },
	[DB_VSOCK_ST] = { "v_str", AF_VSOCK, SS_CONN },
	[DB_VSOCK_DG] = { "v_dgr", AF_VSOCK, SS_CONN },
	[DB_TIPC] = { "tipc", AF_TIPC, SS_CONN },
	[DB_XDP] = { "xdp", AF_XDP, SS_CONN },
	[DB_MPTCP] = { "mptcp", AF_INET, SS_CONN },
};

#define INET_FAMILIES ((1ull << AF_INET) | (1ull << AF_INET6))
#define INET_DBS (DB_BIT(DB_RAW) | DB_BIT(DB_UDP) | DB_BIT(DB_TCP) | DB_BIT(DB_DCCP) | \
		  DB_BIT(DB_SCTP) | DB_BIT(DB_MPTCP))
#define UNIX_DBS (DB_BIT(DB_UNIX_ST) | DB_BIT(DB_UNIX_DG) | DB_BIT(DB_UNIX_SQ))
#define PACKET_DBS (DB_BIT(DB_PACKET_R) | DB_BIT(DB_PACKET_DG))
#define VSOCK_DBS (DB_BIT(DB_VSOCK_ST) | DB_BIT(DB_VSOCK_DG))
/* "all", and no table named at all: every table but TIPC's, as the reference. */
#define ALL_DBS ((DB_BIT(DB_COUNT) - 1) & ~DB_BIT(DB_TIPC))

static uint64_t db_families(enum ss_db db)
{
	return dbs[db].family == AF_INET ? INET_FAMILIES : 1ull << dbs[db].family;
}

const char *ss_db_netid(enum ss_db db)
{
	return dbs[db].netid;
}

const char *ss_state_name(int state)
{
	static const char *const names[] = {
		"UNKNOWN", "ESTAB", "SYN-SENT", "SYN-RECV", "FIN-WAIT-1", "FIN-WAIT-2",
		"TIME-WAIT", "UNCONN", "CLOSE-WAIT", "LAST-ACK", "LISTEN", "CLOSING",
	};

	return state >= 0 && state < SS_MAX ? names[state] : "UNKNOWN";
}

void ss_usage(FILE *to, int status)
{
	fputs("Usage: ss [ OPTIONS ]\n"
	      "       ss [ OPTIONS ] [ FILTER ]\n"
	      "   -h, --help          this message\n"
	      "   -V, --version       output version information\n"
	      "   -n, --numeric       don't resolve service names\n"
	      "   -r, --resolve       resolve host names\n"
	      "   -a, --all           display all sockets\n"
	      "   -l, --listening     display listening sockets\n"
	      "   -o, --options       show timer information\n"
	      "   -e, --extended      show detailed socket information\n"
	      "   -m, --memory        show socket memory usage\n"
	      "   -p, --processes     show process using socket\n"
	      "   -T, --threads       show thread using socket\n"
	      "   -i, --info          show internal TCP information\n"
	      "       --tipcinfo      show internal tipc socket information\n"
	      "   -s, --summary       show socket usage summary\n"
	      "       --tos           show tos and priority information\n"
	      "       --cgroup        show cgroup information\n"
	      "   -b, --bpf           show bpf filter socket information\n"
	      "   -E, --events        continually display sockets as they are destroyed\n"
	      "   -Z, --context       display task SELinux security contexts\n"
	      "   -z, --contexts      display task and socket SELinux security contexts\n"
	      "   -N, --net           switch to the specified network namespace name\n"
	      "\n"
	      "   -4, --ipv4          display only IP version 4 sockets\n"
	      "   -6, --ipv6          display only IP version 6 sockets\n"
	      "   -0, --packet        display PACKET sockets\n"
	      "   -t, --tcp           display only TCP sockets\n"
	      "   -M, --mptcp         display only MPTCP sockets\n"
	      "   -S, --sctp          display only SCTP sockets\n"
	      "   -u, --udp           display only UDP sockets\n"
	      "   -d, --dccp          display only DCCP sockets\n"
	      "   -w, --raw           display only RAW sockets\n"
	      "   -x, --unix          display only Unix domain sockets\n"
	      "       --tipc          display only TIPC sockets\n"
	      "       --vsock         display only vsock sockets\n"
	      "       --xdp           display only XDP sockets\n"
	      "   -f, --family=FAMILY display sockets of type FAMILY\n"
	      "       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}\n"
	      "\n"
	      "   -K, --kill          forcibly close sockets, display what was closed\n"
	      "   -H, --no-header     Suppress header line\n"
	      "   -O, --oneline       socket's data printed on a single line\n"
	      "       --inet-sockopt  show various inet socket options\n"
	      "   -j, --json          one JSON array of socket objects\n"
	      "\n"
	      "   -A, --query=QUERY, --socket=QUERY\n"
	      "       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]\n"
	      "\n"
	      "   -D, --diag=FILE     Dump raw information about TCP sockets to FILE\n"
	      "   -F, --filter=FILE   read filter information from FILE\n"
	      "       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]\n"
	      "       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}\n"
	      "         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}\n"
	      "          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n"
	      "       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}\n"
	      "             bucket := {syn-recv|time-wait}\n"
	      "                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}\n",
	      to);
	exit(status);
}

static void select_db(enum ss_db db)
{
	ssf.dbs |= DB_BIT(db);
	default_states |= dbs[db].states;
}

int ss_preferred_family = AF_UNSPEC;

static void select_family(int family)
{
	ssf.families |= 1ull << family;
	ss_preferred_family = family;
	if (family == AF_PACKET || family == AF_NETLINK || family == AF_XDP)
		default_states |= 1u << SS_CLOSE;
	else if (family == AF_TIPC)
		default_states |= (1u << SS_ESTABLISHED) | (1u << SS_CLOSE) | (1u << SS_LISTEN);
	else
		default_states |= SS_CONN;
}

static void select_family_name(const char *name)
{
	static const struct {
		const char *name;
		int family;
	} names[] = {
		{ "inet", AF_INET }, { "inet6", AF_INET6 }, { "link", AF_PACKET },
		{ "unix", AF_UNIX }, { "netlink", AF_NETLINK }, { "vsock", AF_VSOCK },
		{ "tipc", AF_TIPC }, { "xdp", AF_XDP },
	};
	size_t i;

	if (!strcmp(name, "help"))
		ss_usage(stdout, 0);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (!strcmp(name, names[i].name)) {
			select_family(names[i].family);
			return;
		}
	}
	fprintf(stderr, "ss: \"%s\" is invalid family\n", name);
	ss_usage(stderr, 255);
}

/* -A: a comma-separated list of table names and groups of them. */
static void select_query(const char *query)
{
	static const struct {
		const char *name;
		uint32_t dbs;
	} names[] = {
		{ "all", ALL_DBS },
		{ "inet", INET_DBS },
		{ "tcp", DB_BIT(DB_TCP) },
		{ "mptcp", DB_BIT(DB_MPTCP) },
		{ "udp", DB_BIT(DB_UDP) },
		{ "raw", DB_BIT(DB_RAW) },
		{ "unix", UNIX_DBS },
		{ "unix_dgram", DB_BIT(DB_UNIX_DG) },
		{ "unix_stream", DB_BIT(DB_UNIX_ST) },
		{ "u_str", DB_BIT(DB_UNIX_ST) },
		{ "unix_seqpacket", DB_BIT(DB_UNIX_SQ) },
		{ "u_seq", DB_BIT(DB_UNIX_SQ) },
		{ "packet", PACKET_DBS },
		{ "packet_raw", DB_BIT(DB_PACKET_R) },
		{ "packet_dgram", DB_BIT(DB_PACKET_DG) },
		{ "netlink", DB_BIT(DB_NETLINK) },
		{ "dccp", DB_BIT(DB_DCCP) },
		{ "sctp", DB_BIT(DB_SCTP) },
		{ "vsock", VSOCK_DBS },
		{ "vsock_stream", DB_BIT(DB_VSOCK_ST) },
		{ "v_str", DB_BIT(DB_VSOCK_ST) },
		{ "vsock_dgram", DB_BIT(DB_VSOCK_DG) },
		{ "v_dgr", DB_BIT(DB_VSOCK_DG) },
		{ "tipc", DB_BIT(DB_TIPC) },
		{ "xdp", DB_BIT(DB_XDP) },
	};
	char *copy = xstrdup(query), *save = NULL, *word;

	for (word = strtok_r(copy, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		size_t i;
		int db;

		for (i = 0; i < ARRAY_SIZE(names); i++)
			if (!strcmp(word, names[i].name))
				break;
		if (i == ARRAY_SIZE(names)) {
			fprintf(stderr, "ss: \"%s\" is illegal socket table id\n", word);
			ss_usage(stderr, 255);
		}
		for (db = 0; db < DB_COUNT; db++)
			if (names[i].dbs & DB_BIT(db))
				select_db(db);
	}
	free(copy);
}

static void enter_netns(const char *name)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n", name,
			strerror(errno));
		exit(1);
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "setting the network namespace \"%s\" failed: %s\n", name,
			strerror(errno));
		exit(1);
	}
	close(fd);
}

/* Merge the defaults into what the options chose, as the reference. */
static void settle_filter(void)
{
	int db;

	if (!ssf.dbs && !ssf.families) {
		ssf.dbs = ALL_DBS;
		ssf.families = ~0ull;
		default_states = SS_CONN;
	} else if (!ssf.dbs) {
		for (db = 0; db < DB_COUNT; db++)
			if (db_families(db) & ssf.families)
				ssf.dbs |= DB_BIT(db);
	} else if (!ssf.families) {
		for (db = 0; db < DB_COUNT; db++)
			if (ssf.dbs & DB_BIT(db))
				ssf.families |= db_families(db);
	} else {
		/*
		 * Tables and families both named (-t -x, -A udp -f link): the
		 * tables of the families other than inet join the named ones,
		 * and each named table brings its family; an inet table keeps
		 * to IPv4 or IPv6 only when -4, -6 or -f said which.
		 */
		uint64_t named = ssf.families;

		for (db = 0; db < DB_COUNT; db++) {
			if (db_families(db) & named & ~INET_FAMILIES)
				ssf.dbs |= DB_BIT(db);
			if (!(ssf.dbs & DB_BIT(db)))
				continue;
			if (dbs[db].family != AF_INET)
				ssf.families |= db_families(db);
			else if (!(named & INET_FAMILIES))
				ssf.families |= INET_FAMILIES;
		}
	}
	ssf.dbs &= DB_BIT(DB_COUNT) - 1;
	if (!ss_states_given)
		ssf.states = default_states;
}

/* Skip the tables whose sockets the expression can never pass. */
static void drop_unmatchable_tables(void)
{
	uint64_t families = filter_families();
	int db;

	for (db = 0; db < DB_COUNT; db++)
		if (!(db_families(db) & families))
			ssf.dbs &= ~DB_BIT(db);
}

static unsigned int count_bits(uint32_t v)
{
	return (unsigned int)__builtin_popcount(v);
}

void columns_settle(void)
{
	if (count_bits(ssf.dbs) <= 1)
		out_hide(COL_NETID);
	if (count_bits(ssf.states) <= 1)
		out_hide(COL_STATE);
}

void tables_show(void)
{
	netlink_show();
	packet_show();
	unix_show();
	inet_show();
	vsock_show();
	tipc_show();
	xdp_show();
	mptcp_show();
}

enum {
	OPT_TIPC = 256,
	OPT_VSOCK,
	OPT_XDP,
	OPT_TOS,
	OPT_CGROUP,
	OPT_TIPCINFO,
	OPT_INET_SOCKOPT,
};

static const struct option long_options[] = {
	{ "numeric", no_argument, NULL, 'n' },
	{ "resolve", no_argument, NULL, 'r' },
	{ "options", no_argument, NULL, 'o' },
	{ "extended", no_argument, NULL, 'e' },
	{ "memory", no_argument, NULL, 'm' },
	{ "info", no_argument, NULL, 'i' },
	{ "processes", no_argument, NULL, 'p' },
	{ "threads", no_argument, NULL, 'T' },
	{ "bpf", no_argument, NULL, 'b' },
	{ "events", no_argument, NULL, 'E' },
	{ "dccp", no_argument, NULL, 'd' },
	{ "tcp", no_argument, NULL, 't' },
	{ "sctp", no_argument, NULL, 'S' },
	{ "udp", no_argument, NULL, 'u' },
	{ "raw", no_argument, NULL, 'w' },
	{ "unix", no_argument, NULL, 'x' },
	{ "tipc", no_argument, NULL, OPT_TIPC },
	{ "vsock", no_argument, NULL, OPT_VSOCK },
	{ "all", no_argument, NULL, 'a' },
	{ "listening", no_argument, NULL, 'l' },
	{ "ipv4", no_argument, NULL, '4' },
	{ "ipv6", no_argument, NULL, '6' },
	{ "packet", no_argument, NULL, '0' },
	{ "family", required_argument, NULL, 'f' },
	{ "socket", required_argument, NULL, 'A' },
	{ "query", required_argument, NULL, 'A' },
	{ "summary", no_argument, NULL, 's' },
	{ "diag", required_argument, NULL, 'D' },
	{ "filter", required_argument, NULL, 'F' },
	{ "version", no_argument, NULL, 'V' },
	{ "help", no_argument, NULL, 'h' },
	{ "context", no_argument, NULL, 'Z' },
	{ "contexts", no_argument, NULL, 'z' },
	{ "net", required_argument, NULL, 'N' },
	{ "tipcinfo", no_argument, NULL, OPT_TIPCINFO },
	{ "tos", no_argument, NULL, OPT_TOS },
	{ "cgroup", no_argument, NULL, OPT_CGROUP },
	{ "kill", no_argument, NULL, 'K' },
	{ "no-header", no_argument, NULL, 'H' },
	{ "xdp", no_argument, NULL, OPT_XDP },
	{ "mptcp", no_argument, NULL, 'M' },
	{ "oneline", no_argument, NULL, 'O' },
	{ "inet-sockopt", no_argument, NULL, OPT_INET_SOCKOPT },
	{ "json", no_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 },
};

static void parse_options(int argc, char **argv, const char **filter_file,
			  const char **diag_file)
{
	int opt;

	while ((opt = getopt_long(argc, argv, "dhaletuwxnro460spTbEf:mMiA:D:F:vVzZN:KHSOj",
				  long_options, NULL)) != -1) {
		switch (opt) {
		case 'n': sso.numeric = true; break;
		case 'r': sso.resolve = true; break;
		case 'd': select_db(DB_DCCP); break;
		case 't': select_db(DB_TCP); break;
		case 'S': select_db(DB_SCTP); break;
		case 'u': select_db(DB_UDP); break;
		case 'w': select_db(DB_RAW); break;
		case 'M': select_db(DB_MPTCP); break;
		case 'x': select_family(AF_UNIX); break;
		case OPT_TIPC: select_family(AF_TIPC); break;
		case OPT_VSOCK: select_family(AF_VSOCK); break;
		case OPT_XDP: select_family(AF_XDP); break;
		case '4': select_family(AF_INET); break;
		case '6': select_family(AF_INET6); break;
		case '0': select_family(AF_PACKET); break;
		case 'f': select_family_name(optarg); break;
		case 'A': select_query(optarg); break;
		case 'a':
			ssf.states = SS_ALL;
			ss_states_given = true;
			break;
		case 'l':
			ssf.states = (1u << SS_LISTEN) | (1u << SS_CLOSE);
			ss_states_given = true;
			break;
		case 'e':
			sso.extended = true;
			sso.timers = true;
			break;
		case 'o': sso.timers = true; break;
		case 'm': sso.memory = true; break;
		case 'i': sso.info = true; break;
		case 'p': sso.processes = true; break;
		case 'T':
			sso.processes = true;
			sso.threads = true;
			break;
		case 'b':
			/* As the reference's, -b shows the timers too. */
			sso.bpf = true;
			sso.timers = true;
			break;
		case 's': sso.summary = true; break;
		case 'E': sso.events = true; break;
		case 'F': *filter_file = optarg; break;
		case 'D': *diag_file = optarg; break;
		case 'K': sso.kill = true; break;
		case 'H': sso.no_header = true; break;
		case 'O': sso.oneline = true; break;
		case 'j': sso.json = true; break;
		case 'z':
		case 'Z':
			/* The reference refuses at once, before any later option. */
			if (!ss_selinux_enabled()) {
				fprintf(stderr, "ss: SELinux is not enabled.\n");
				exit(1);
			}
			sso.selinux_sock |= opt == 'z';
			sso.selinux = true;
			sso.processes = true;
			break;
		case 'N': sso.netns = optarg; break;
		case OPT_TOS: sso.tos = true; break;
		case OPT_CGROUP: sso.cgroup = true; break;
		case OPT_TIPCINFO: sso.tipcinfo = true; break;
		case OPT_INET_SOCKOPT: sso.inet_sockopt = true; break;
		case 'v':
		case 'V':
			printf("ss utility, %s\n", NLKIT_VERSION);
			exit(0);
		case 'h':
			ss_usage(stdout, 0);
		default:
			ss_usage(stderr, 255);
		}
	}
}

/*
 * -D FILE: the TCP dumps, raw, into FILE ("-": stdout), and nothing
 * printed.  Like the reference, a file that cannot be opened gets
 * nothing and says nothing.
 */
static int dump_diag(const char *path)
{
	FILE *to;

	if (!(ssf.dbs & DB_BIT(DB_TCP))) {
		fprintf(stderr, "ss: tcpdiag dump requested and no tcp in filter.\n");
		return 0;
	}
	to = strcmp(path, "-") ? fopen(path, "we") : stdout;
	if (!to)
		return 0;
	inet_dump_tcp_raw(to);
	if (to != stdout)
		fclose(to);
	return 0;
}

int ss_main(int argc, char **argv)
{
	const char *filter_file = NULL, *diag_file = NULL;
	bool list_given;
	struct pr_config cfg = { 0 };

	parse_options(argc, argv, &filter_file, &diag_file);
	list_given = ssf.dbs || ssf.families;
	if (sso.netns)
		enter_netns(sso.netns);
	if (filter_file) {
		if (optind < argc) {
			fprintf(stderr, "ss: filter file and command line filter are exclusive\n");
			ss_usage(stderr, 255);
		}
		filter_parse_file(filter_file);
	} else {
		filter_parse(argc - optind, argv + optind);
	}
	settle_filter();

	if (sso.summary) {
		/* Counted in the totals, as the reference's own socket is. */
		if (list_given)
			ss_diag_sock();
		summary_show();
		if (!list_given && !diag_file)
			return 0;
	}
	if (diag_file)
		return dump_diag(diag_file);

	cfg.json = sso.json;
	pr_init(stdout, &cfg);
	out_setup(sso.json, !sso.no_header);
	columns_settle();
	/* After the columns are settled, as the reference's choice is. */
	drop_unmatchable_tables();

	if (sso.events)
		events_show();
	else
		tables_show();
	out_finish();
	return 0;
}
