// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip: the entry point.  Parses the global options of ip(8), sets up the
 * printing layer and hands the rest of the command line to an object.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <nlkit/addr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "batch.h"
#include "ip.h"

#define NLKIT_VERSION "0.1"

struct ip_options ipo;

static struct nl_sock *rtnl;
static int rcvbuf;
static struct pr_config print_config;

struct nl_sock *ip_rtnl_open(unsigned int groups)
{
	struct nl_sock *s = nl_open(NETLINK_ROUTE, groups);

	if (!s) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		exit(1);
	}
	if (rcvbuf && nl_set_rcvbuf(s, rcvbuf) < 0) {
		fprintf(stderr, "Cannot set rcvbuf: %s\n", strerror(errno));
		exit(1);
	}
	return s;
}

struct nl_sock *ip_rtnl(void)
{
	if (rtnl)
		return rtnl;
	rtnl = ip_rtnl_open(0);
	ifcache_init(rtnl);
	return rtnl;
}

const struct pr_config *ip_pr_config(void)
{
	return &print_config;
}

enum pr_color ip_family_color(int family)
{
	if (family == AF_INET)
		return PR_C_INET;
	if (family == AF_INET6)
		return PR_C_INET6;
	return PR_C_NONE;
}

int ip_report_nl(int err, const char *ext_ack)
{
	size_t len = ext_ack ? strlen(ext_ack) : 0;

	if (len)
		fprintf(stderr, "Error: %s%s\n", ext_ack, ext_ack[len - 1] == '.' ? "" : ".");
	else
		fprintf(stderr, "RTNETLINK answers: %s\n", strerror(-err));
	return 2;
}

int ip_fail_nl(int err)
{
	return ip_report_nl(err, rtnl ? nl_ext_ack_msg(rtnl) : NULL);
}

void invarg(const char *msg, const char *arg)
{
	fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", arg, msg);
	exit(IP_EXIT_USAGE);
}

void duparg(const char *key, const char *arg)
{
	fprintf(stderr, "Error: duplicate \"%s\": \"%s\" is the second value.\n", key, arg);
	exit(IP_EXIT_USAGE);
}

void duparg2(const char *key, const char *arg)
{
	fprintf(stderr, "Error: either \"%s\" is duplicate, or \"%s\" is a garbage.\n", key, arg);
	exit(IP_EXIT_USAGE);
}

void incomplete_command(void)
{
	fprintf(stderr, "Command line is not complete. Try option \"help\"\n");
	exit(IP_EXIT_USAGE);
}

void missarg(const char *key)
{
	fprintf(stderr, "Error: argument \"%s\" is required\n", key);
	exit(IP_EXIT_USAGE);
}

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
	      "       ip [ -force ] [ -atomic ] -batch filename\n"
	      "where  OBJECT := { address | help | link | monitor | neighbour | netns |\n"
	      "                   nexthop | ntable | route | rule | tap | tuntap | xfrm }\n"
	      "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
	      "                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
	      "                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
	      "                    -4 | -6 | -M | -B | -0 |\n"
	      "                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
	      "                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
	      "                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] | -at[omic] |\n"
	      "                    -c[olor][={always|auto|never}] }\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

static int do_help(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	usage();
}

/*
 * The reference's objects in its order: an abbreviation means the first
 * object it abbreviates ("ip r" is route, "ip n" neighbor).  Objects
 * nlkit does not provide keep their place, with no handler (or a weak one
 * not linked in yet), so that no abbreviation changes meaning when they
 * arrive.
 */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} objects[] = {
	{ "address", do_address },
	{ "addrlabel", NULL },
	{ "maddress", NULL },
	{ "route", do_route },
	{ "rule", do_rule },
	{ "neighbor", do_neigh },
	{ "neighbour", do_neigh },
	{ "ntable", do_ntable },
	{ "ntbl", do_ntable },
	{ "link", do_link },
	{ "l2tp", NULL },
	{ "fou", NULL },
	{ "ila", NULL },
	{ "macsec", NULL },
	{ "tunnel", NULL },
	{ "tunl", NULL },
	{ "tuntap", do_tuntap },
	{ "tap", do_tuntap },
	{ "token", NULL },
	{ "tcpmetrics", NULL },
	{ "tcp_metrics", NULL },
	{ "monitor", do_monitor },
	{ "xfrm", do_xfrm },
	{ "mroute", NULL },
	{ "mrule", NULL },
	{ "netns", do_netns },
	{ "netconf", NULL },
	{ "vrf", NULL },
	{ "sr", NULL },
	{ "nexthop", do_nexthop },
	{ "mptcp", NULL },
	{ "ioam", NULL },
	{ "stats", NULL },
	{ "help", do_help },
};

int ip_run_object(int argc, char **argv)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(objects); i++) {
		if (!matches(argv[0], objects[i].name))
			continue;
		if (!objects[i].run) {
			fprintf(stderr, "Object \"%s\" is not available in this build of nlkit.\n",
				objects[i].name);
			return 1;
		}
		return objects[i].run(argc - 1, argv + 1);
	}
	fprintf(stderr, "Object \"%s\" is unknown, try \"ip help\".\n", argv[0]);
	return 1;
}

/*
 * -color, -color=always|auto|never, and their abbreviations ("-c").
 * Returns false for anything else.
 */
static bool parse_color(const char *opt, enum pr_color_mode *mode)
{
	const char *eq = strchr(opt, '=');
	size_t len = eq ? (size_t)(eq - opt) : strlen(opt);
	char name[16];

	if (len >= sizeof(name))
		return false;
	memcpy(name, opt, len);
	name[len] = '\0';
	if (!matches(name, "-color"))
		return false;
	if (!eq || !strcmp(eq + 1, "always"))
		*mode = PR_COLOR_ALWAYS;
	else if (!strcmp(eq + 1, "auto"))
		*mode = PR_COLOR_AUTO;
	else if (!strcmp(eq + 1, "never"))
		*mode = PR_COLOR_NEVER;
	else
		return false;
	return true;
}

/* Enter the network namespace /run/netns/NAME for the rest of the run. */
static void enter_netns(const char *name)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n", name,
			strerror(errno));
		exit(IP_EXIT_USAGE);
	}
	if (setns(fd, CLONE_NEWNET) < 0) {
		fprintf(stderr, "setting the network namespace \"%s\" failed: %s\n", name,
			strerror(errno));
		exit(IP_EXIT_USAGE);
	}
	close(fd);
}

static void __attribute__((noreturn)) not_in_this_build(const char *opt)
{
	fprintf(stderr, "Option \"%s\" is not available in this build of nlkit.\n", opt);
	exit(IP_EXIT_USAGE);
}

/*
 * The reference matches options by abbreviation in this order, so that
 * "-h" is -human-readable, "-s" -stats, "-b" -batch and "-br" -brief.
 */
static int parse_global_options(int argc, char **argv, enum pr_color_mode *color)
{
	bool human = false, iec = false;
	int consumed = 0;

	while (argc > 1) {
		const char *opt = argv[1];

		if (!strcmp(opt, "--")) {
			argc--;
			argv++;
			consumed++;
			break;
		}
		if (opt[0] != '-')
			break;
		if (opt[1] == '-')
			opt++;

		if (matches(opt, "-loops")) {
			if (argc <= 2)
				usage();
			argc--;
			argv++;
			consumed++;
			ipo.loops = (unsigned int)atoi(argv[1]);
		} else if (matches(opt, "-family")) {
			if (argc <= 2)
				usage();
			argc--;
			argv++;
			consumed++;
			if (!strcmp(argv[1], "help"))
				usage();
			ipo.family = family_parse(argv[1]);
			if (ipo.family == AF_UNSPEC)
				invarg("invalid protocol family", argv[1]);
		} else if (!strcmp(opt, "-4")) {
			ipo.family = AF_INET;
		} else if (!strcmp(opt, "-6")) {
			ipo.family = AF_INET6;
		} else if (!strcmp(opt, "-0")) {
			ipo.family = AF_PACKET;
		} else if (!strcmp(opt, "-M")) {
			ipo.family = AF_MPLS;
		} else if (!strcmp(opt, "-B")) {
			ipo.family = AF_BRIDGE;
		} else if (matches(opt, "-human") || matches(opt, "-human-readable")) {
			human = true;
		} else if (matches(opt, "-iec")) {
			iec = true;
		} else if (matches(opt, "-stats") || matches(opt, "-statistics")) {
			ipo.stats++;
		} else if (matches(opt, "-details")) {
			ipo.details++;
		} else if (matches(opt, "-resolve")) {
			ipo.resolve = true;
		} else if (matches(opt, "-oneline")) {
			ipo.oneline = true;
		} else if (matches(opt, "-timestamp")) {
			ipo.timestamp = ipo.timestamp > 1 ? ipo.timestamp : 1;
		} else if (matches(opt, "-tshort")) {
			ipo.timestamp = 2;
		} else if (matches(opt, "-Version")) {
			printf("ip utility, iproute2-6.1.0 compatible, nlkit %s\n", NLKIT_VERSION);
			exit(0);
		} else if (matches(opt, "-force")) {
			ipo.force = true;
		} else if (matches(opt, "-batch")) {
			if (argc <= 2)
				usage();
			argc--;
			argv++;
			consumed++;
			ipo.batch = argv[1];
		} else if (matches(opt, "-brief")) {
			ipo.brief = true;
		} else if (matches(opt, "-json")) {
			ipo.json = true;
		} else if (matches(opt, "-pretty")) {
			ipo.pretty = true;
		} else if (matches(opt, "-rcvbuf")) {
			if (argc <= 2)
				usage();
			argc--;
			argv++;
			consumed++;
			if (parse_s32(argv[1], 0, &rcvbuf) < 0 || rcvbuf < 0) {
				fprintf(stderr, "rcvbuf size \"%s\" is invalid\n", argv[1]);
				exit(IP_EXIT_USAGE);
			}
		} else if (parse_color(opt, color)) {
			;
		} else if (matches(opt, "-help")) {
			usage();
		} else if (matches(opt, "-netns")) {
			if (argc <= 2)
				incomplete_command();
			argc--;
			argv++;
			consumed++;
			ipo.netns = argv[1];
			enter_netns(ipo.netns);
		} else if (matches(opt, "-Numeric")) {
			ipo.numeric = true;
		} else if (matches(opt, "-all")) {
			ipo.all = true;
		} else if (matches(opt, "-atomic")) {
			ipo.atomic = true;
		} else if (!strcmp(opt, "-echo")) {
			not_in_this_build(argv[1]);
		} else {
			fprintf(stderr, "Option \"%s\" is unknown, try \"ip -help\".\n", argv[1]);
			exit(IP_EXIT_USAGE);
		}
		argc--;
		argv++;
		consumed++;
	}
	/* -iec only chooses the base that -human scales by. */
	ipo.human = human ? (iec ? 1024 : 1000) : 0;
	return consumed;
}

int ip_main(int argc, char **argv)
{
	enum pr_color_mode color = PR_COLOR_NEVER;
	struct pr_config cfg;
	int consumed, status;

	consumed = parse_global_options(argc, argv, &color);
	argc -= consumed;
	argv += consumed;
	if (argc <= 1 && !ipo.batch)
		usage();

	names_numeric(ipo.numeric);
	cfg = (struct pr_config){
		.json = ipo.json,
		.pretty = ipo.pretty,
		.oneline = ipo.oneline,
		.color = ipo.json ? PR_COLOR_NEVER : color,
		.human = ipo.human,
	};
	print_config = cfg;
	pr_init(stdout, &cfg);
	ip_rtnl();

	if (ipo.batch)
		status = ip_batch(ipo.batch, &cfg);
	else
		status = ip_run_object(argc - 1, argv + 1);
	/* The reference ignores write errors on its output (ip link >/dev/full exits 0). */
	pr_finish();
	nl_close(rtnl);
	return status;
}
