// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip tuntap: persistent tun and tap devices.  They are made and removed
 * through /dev/net/tun's ioctls, not netlink; the listing takes the
 * devices from a link dump and their settings from sysfs, and -d adds
 * the processes that hold each device open, found through /proc.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <net/if.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>
#include <linux/rtnetlink.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"

#define TUN_DEVICE "/dev/net/tun"

/* The flags that `ip tuntap show` names; any other bit is shown in hex. */
#define TUNTAP_NAMED_FLAGS                                                               \
	(IFF_TUN | IFF_TAP | IFF_NO_PI | IFF_ONE_QUEUE | IFF_MULTI_QUEUE | IFF_VNET_HDR |  \
	 IFF_PERSIST)

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip tuntap { add | del | show | list | lst | help } [ dev PHYS_DEV ]\n"
	      "       [ mode { tun | tap } ] [ user USER ] [ group GROUP ]\n"
	      "       [ one_queue ] [ pi ] [ vnet_hdr ] [ multi_queue ] [ name NAME ]\n"
	      "\n"
	      "Where: USER  := { STRING | NUMBER }\n"
	      "       GROUP := { STRING | NUMBER }\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

/* What the kernel takes for a device name, as the reference checks it. */
static bool ifname_is_valid(const char *name)
{
	const char *c;

	if (!*name || strlen(name) >= IFNAMSIZ)
		return false;
	for (c = name; *c; c++)
		if (*c == '/' || isspace((unsigned char)*c))
			return false;
	return true;
}

/*
 * A user or group id: a decimal number (as a long, cut to an id as the
 * reference does, so that -1 means "none"), or else a name.
 */
static bool parse_id(const char *arg, bool is_group, unsigned int *id)
{
	char *end;
	long value;

	if (*arg) {
		value = strtol(arg, &end, 10);
		if (!*end) {
			*id = (unsigned int)value;
			return true;
		}
	}
	if (is_group) {
		const struct group *gr = getgrnam(arg);

		if (gr) {
			*id = gr->gr_gid;
			return true;
		}
	} else {
		const struct passwd *pw = getpwnam(arg);

		if (pw) {
			*id = pw->pw_uid;
			return true;
		}
	}
	return false;
}

struct tuntap_req {
	char name[IFNAMSIZ];
	unsigned short flags;	/* IFF_* for TUNSETIFF */
	unsigned int user;	/* (unsigned int)-1: leave as it is */
	unsigned int group;
};

static void set_name(struct tuntap_req *req, const char *key, const char *name)
{
	if (!ifname_is_valid(name))
		invarg(key[0] == 'd' ? "\"dev\" not a valid ifname" : "\"name\" not a valid ifname",
		       name);
	strcpy(req->name, name);
}

static void parse_args(int argc, char **argv, struct tuntap_req *req)
{
	unsigned short mode = 0;

	memset(req, 0, sizeof(*req));
	req->user = req->group = (unsigned int)-1;
	/* Without pi the kernel adds no packet information header. */
	req->flags = IFF_NO_PI;

	while (argc > 0) {
		if (matches(*argv, "mode")) {
			unsigned short new_mode;

			NEXT_ARG();
			if (matches(*argv, "tun")) {
				new_mode = IFF_TUN;
			} else if (matches(*argv, "tap")) {
				new_mode = IFF_TAP;
			} else {
				fprintf(stderr, "Unknown tunnel mode \"%s\"\n", *argv);
				exit(IP_EXIT_USAGE);
			}
			if (mode && mode != new_mode) {
				fprintf(stderr, "You managed to ask for more than one tunnel mode.\n");
				exit(IP_EXIT_USAGE);
			}
			mode = new_mode;
		} else if (matches(*argv, "user")) {
			NEXT_ARG();
			if (!parse_id(*argv, false, &req->user)) {
				fprintf(stderr, "invalid user \"%s\"\n", *argv);
				exit(IP_EXIT_USAGE);
			}
		} else if (matches(*argv, "group")) {
			NEXT_ARG();
			if (!parse_id(*argv, true, &req->group)) {
				fprintf(stderr, "invalid group \"%s\"\n", *argv);
				exit(IP_EXIT_USAGE);
			}
		} else if (matches(*argv, "one_queue")) {
			req->flags |= IFF_ONE_QUEUE;
		} else if (matches(*argv, "pi")) {
			req->flags &= ~IFF_NO_PI;
		} else if (matches(*argv, "vnet_hdr")) {
			req->flags |= IFF_VNET_HDR;
		} else if (matches(*argv, "multi_queue")) {
			req->flags |= IFF_MULTI_QUEUE;
		} else if (matches(*argv, "dev")) {
			/* dev may be given again: the last one counts. */
			NEXT_ARG();
			set_name(req, "dev", *argv);
		} else if (matches(*argv, "help")) {
			usage();
		} else {
			/* "name NAME", or the name alone, once. */
			if (matches(*argv, "name"))
				NEXT_ARG();
			if (req->name[0])
				duparg2("name", *argv);
			set_name(req, "name", *argv);
		}
		argc--;
		argv++;
	}
	req->flags |= mode;
}

/*
 * Attach to (or, with TUNSETIFF of a new name, make) the device and set
 * whether it outlives this descriptor; @add also sets its owner.
 */
static int tuntap_persist(const struct tuntap_req *req, bool add)
{
	struct ifreq ifr;
	int fd, ret = 1;

	if (!(req->flags & (IFF_TUN | IFF_TAP))) {
		fprintf(stderr, "You failed to specify a tunnel mode\n");
		return 1;
	}
	fd = open(TUN_DEVICE, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		perror("open");
		return 1;
	}
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, req->name, sizeof(ifr.ifr_name));
	/* Making one must not take over a device that exists already. */
	ifr.ifr_flags = req->flags | (add ? IFF_TUN_EXCL : 0);
	if (ioctl(fd, TUNSETIFF, &ifr)) {
		perror("ioctl(TUNSETIFF)");
		goto out;
	}
	if (add && req->user != (unsigned int)-1 &&
	    ioctl(fd, TUNSETOWNER, (unsigned long)req->user)) {
		perror("ioctl(TUNSETOWNER)");
		goto out;
	}
	if (add && req->group != (unsigned int)-1 &&
	    ioctl(fd, TUNSETGROUP, (unsigned long)req->group)) {
		perror("ioctl(TUNSETGROUP)");
		goto out;
	}
	if (ioctl(fd, TUNSETPERSIST, (unsigned long)add)) {
		perror("ioctl(TUNSETPERSIST)");
		goto out;
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

/* One value of /sys/class/net/DEV/ATTR, read as the kernel writes it. */
static bool read_sysfs_long(const char *dev, const char *attr, int base, long *value)
{
	char path[PATH_MAX];
	FILE *f;
	int n;

	snprintf(path, sizeof(path), "/sys/class/net/%s/%s", dev, attr);
	f = fopen(path, "re");
	if (!f) {
		fprintf(stderr, "fopen %s: %s\n", path, strerror(errno));
		return false;
	}
	n = fscanf(f, base == 16 ? "%lx" : "%ld", value);
	fclose(f);
	if (n != 1) {
		fprintf(stderr, "Failed to parse %s\n", path);
		return false;
	}
	return true;
}

static void print_flags(unsigned long flags)
{
	static const struct {
		unsigned long flag;
		const char *name;
	} named[] = {
		{ IFF_ONE_QUEUE, "one_queue" },
		{ IFF_MULTI_QUEUE, "multi_queue" },
		{ IFF_VNET_HDR, "vnet_hdr" },
		{ IFF_PERSIST, "persist" },
	};
	unsigned long rest = flags & ~(unsigned long)TUNTAP_NAMED_FLAGS;
	size_t i;

	pr_open_array("flags", NULL);
	if (flags & IFF_TUN)
		pr_string(NULL, " %s", "tun");
	if (flags & IFF_TAP)
		pr_string(NULL, " %s", "tap");
	if (!(flags & IFF_NO_PI))
		pr_string(NULL, " %s", "pi");
	for (i = 0; i < ARRAY_SIZE(named); i++)
		if (flags & named[i].flag)
			pr_string(NULL, " %s", named[i].name);
	/* IFF_NOFILTER is IFF_NO_PI's bit, read the other way round. */
	if (!(flags & IFF_NOFILTER))
		pr_string(NULL, " %s", "filter");
	if (rest) {
		char hex[32];

		snprintf(hex, sizeof(hex), "%#lx", rest);
		pr_string(NULL, " %s", hex);
	}
	pr_close_array(NULL);
}

/* Whether descriptor @fd_name of process @pid is attached to device @dev. */
static bool fd_holds_device(const char *pid, const char *fd_name, const char *dev)
{
	char path[PATH_MAX], link[sizeof(TUN_DEVICE)], line[256];
	bool found = false;
	ssize_t len;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/fd/%s", pid, fd_name);
	len = readlink(path, link, sizeof(link));
	if (len < 0) {
		perror("readlink");
		return false;
	}
	if ((size_t)len != sizeof(TUN_DEVICE) - 1 || memcmp(link, TUN_DEVICE, len))
		return false;

	/* The device a descriptor of /dev/net/tun serves is its "iff:" line. */
	snprintf(path, sizeof(path), "/proc/%s/fdinfo/%s", pid, fd_name);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		char *value;

		if (strncmp(line, "iff:", 4))
			continue;
		value = line + 4;
		value += strspn(value, " \t");
		value[strcspn(value, "\n")] = '\0';
		found = !strcmp(value, dev);
	}
	fclose(f);
	return found;
}

static void print_process(const char *pid)
{
	char path[PATH_MAX], comm[64] = "";
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/comm", pid);
	f = fopen(path, "re");
	if (f) {
		if (fgets(comm, sizeof(comm), f))
			comm[strcspn(comm, "\n")] = '\0';
		fclose(f);
	}
	pr_open_object(NULL);
	pr_string("name", "%s", comm);
	pr_int("pid", "(%d)", atoi(pid));
	pr_close_object();
}

static bool is_number(const char *s)
{
	return *s && strspn(s, "0123456789") == strlen(s);
}

/* -d: the processes with a descriptor attached to @dev, this one aside. */
static void print_processes(const char *dev)
{
	struct dirent *proc_entry, *fd_entry;
	char self[32], path[PATH_MAX];
	DIR *proc, *fds;

	pr_open_array("processes", "\n\tAttached to processes:");
	proc = opendir("/proc");
	snprintf(self, sizeof(self), "%d", (int)getpid());
	while (proc && (proc_entry = readdir(proc))) {
		if (!is_number(proc_entry->d_name) || !strcmp(proc_entry->d_name, self))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fd", proc_entry->d_name);
		fds = opendir(path);
		if (!fds)
			continue;
		while ((fd_entry = readdir(fds))) {
			if (!is_number(fd_entry->d_name))
				continue;
			if (fd_holds_device(proc_entry->d_name, fd_entry->d_name, dev))
				print_process(proc_entry->d_name);
		}
		closedir(fds);
	}
	if (proc)
		closedir(proc);
	pr_close_array(NULL);
}

static const struct nl_attr_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME] = { .kind = NLA_STR },
	[IFLA_LINKINFO] = { .kind = NLA_NESTED },
};

static const struct nl_attr_policy info_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = { .kind = NLA_STR },
};

static void print_device(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	long flags, user, group;
	const char *name;

	if (nlh->nlmsg_type != RTM_NEWLINK ||
	    nl_attr_parse_msg(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX, link_policy) < 0 ||
	    !tb[IFLA_IFNAME] || !tb[IFLA_LINKINFO])
		return;
	/* The kernel may not have filtered the dump by kind. */
	nl_attr_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX, info_policy);
	if (!info[IFLA_INFO_KIND] || strcmp(mnl_attr_get_str(info[IFLA_INFO_KIND]), "tun"))
		return;
	name = mnl_attr_get_str(tb[IFLA_IFNAME]);
	if (!read_sysfs_long(name, "tun_flags", 16, &flags) ||
	    !read_sysfs_long(name, "owner", 10, &user) ||
	    !read_sysfs_long(name, "group", 10, &group))
		return;

	pr_open_object(NULL);
	pr_string("ifname", "%s:", name);
	print_flags(flags);
	/* sysfs writes "-1" for none, any other id as unsigned. */
	if (user != -1)
		pr_uint("user", " user %u", (unsigned int)user);
	if (group != -1)
		pr_uint("group", " group %u", (unsigned int)group);
	if (ipo.details)
		print_processes(name);
	pr_text("\n");
	pr_close_object();
}

static int tuntap_show(void)
{
	char buf[NL_REQ_SIZE] = { 0 };
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct nl_msgs links = { 0 };
	struct ifinfomsg *ifi;
	struct nlattr *linkinfo;
	int err;

	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	linkinfo = mnl_attr_nest_start(nlh, IFLA_LINKINFO);
	mnl_attr_put_strz(nlh, IFLA_INFO_KIND, "tun");
	mnl_attr_nest_end(nlh, linkinfo);

	err = nl_dump_collect(ip_rtnl(), nlh, &links);
	if (err < 0) {
		nl_msgs_free(&links);
		ip_fail_nl(err);
		fprintf(stderr, "Dump terminated\n");
		return 1;
	}
	pr_start();
	nl_msgs_for_each(&links, nlh)
		print_device(nlh);
	nl_msgs_free(&links);
	return 0;
}

int do_tuntap(int argc, char **argv)
{
	struct tuntap_req req;

	if (argc < 1)
		return tuntap_show();
	if (matches(*argv, "add")) {
		parse_args(argc - 1, argv + 1, &req);
		return tuntap_persist(&req, true);
	}
	if (matches(*argv, "delete")) {
		parse_args(argc - 1, argv + 1, &req);
		return tuntap_persist(&req, false);
	}
	if (matches(*argv, "show") || matches(*argv, "lst") || matches(*argv, "list"))
		return tuntap_show();
	if (matches(*argv, "help"))
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip tuntap help\".\n", *argv);
	exit(IP_EXIT_USAGE);
}
