// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip netns: named network namespaces.  A name is a file under /run/netns
 * on which the namespace is bind-mounted, which keeps it alive with no
 * process in it.  /run/netns is made a shared mount point (bound on
 * itself first when it is none) so that the mounts made there show in
 * every mount namespace that shares it, as the reference does.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"

#define NETNS_RUN_DIR "/run/netns"
#define NETNS_ETC_DIR "/etc/netns"

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage:\tip netns list\n"
	      "\tip netns add NAME\n"
	      "\tip netns attach NAME PID\n"
	      "\tip netns set NAME NETNSID\n"
	      "\tip [-all] netns delete [NAME]\n"
	      "\tip netns identify [PID]\n"
	      "\tip netns pids NAME\n"
	      "\tip [-all] netns exec [NAME] cmd ...\n"
	      "\tip netns monitor\n"
	      "\tip netns list-id [target-nsid POSITIVE-INT] [nsid POSITIVE-INT]\n"
	      "NETNSID := auto | POSITIVE-INT\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

static void netns_path(char *buf, size_t len, const char *name)
{
	snprintf(buf, len, "%s/%s", NETNS_RUN_DIR, name);
}

/* A name must make one file right under /run/netns. */
static bool name_is_valid(const char *name)
{
	return *name && strlen(name) < NAME_MAX && !strchr(name, '/') && strcmp(name, ".") &&
	       strcmp(name, "..");
}

static const char *checked_name(const char *name)
{
	if (!name_is_valid(name)) {
		fprintf(stderr, "Invalid netns name \"%s\"\n", name);
		exit(IP_EXIT_USAGE);
	}
	return name;
}

static const struct nl_attr_policy nsid_policy[NETNSA_MAX + 1] = {
	[NETNSA_NSID] = { .kind = NLA_U32 },
	[NETNSA_CURRENT_NSID] = { .kind = NLA_U32 },
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

/* The id the current namespace gives the named one, or -1 (none, or no such name). */
static int nsid_of_name(const char *name)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *req = (struct nlmsghdr *)buf;
	struct rtgenmsg *g;
	char path[PATH_MAX];
	int fd, nsid = -1;

	netns_path(path, sizeof(path), name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	g = nl_req_init(req, RTM_GETNSID, 0, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(req, NETNSA_FD, fd);
	if (nl_talk(ip_rtnl(), req, nsid_reply, &nsid) < 0)
		nsid = -1;
	close(fd);
	return nsid;
}

/* The name under /run/netns whose namespace has @nsid here, or NULL. */
static const char *name_of_nsid(int nsid, char *buf, size_t len)
{
	struct dirent *de;
	DIR *dir;

	if (nsid < 0)
		return NULL;
	dir = opendir(NETNS_RUN_DIR);
	if (!dir)
		return NULL;
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (nsid_of_name(de->d_name) == nsid) {
			snprintf(buf, len, "%s", de->d_name);
			closedir(dir);
			return buf;
		}
	}
	closedir(dir);
	return NULL;
}

static int netns_list(void)
{
	struct dirent *de;
	DIR *dir;
	int nsid;

	dir = opendir(NETNS_RUN_DIR);
	if (!dir)
		return 0;
	pr_start();
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		pr_open_object(NULL);
		pr_string("name", "%s", de->d_name);
		nsid = nsid_of_name(de->d_name);
		if (nsid >= 0)
			pr_uint("id", " (id: %u)", (unsigned int)nsid);
		pr_text("\n");
		pr_close_object();
	}
	closedir(dir);
	return 0;
}

/* Print an RTM_NEWNSID/RTM_DELNSID as list-id and the monitor do. */
void netns_print_nsid(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[NETNSA_MAX + 1];
	const char *name = NULL;
	char buf[NAME_MAX + 1];
	int shown;

	if (nl_attr_parse_msg(nlh, sizeof(struct rtgenmsg), tb, NETNSA_MAX, nsid_policy) < 0)
		return;
	pr_open_object(NULL);
	if (nlh->nlmsg_type == RTM_DELNSID)
		pr_flag("deleted", "Deleted ");
	if (tb[NETNSA_NSID] && (int)mnl_attr_get_u32(tb[NETNSA_NSID]) >= 0)
		pr_uint("nsid", "nsid %u ", mnl_attr_get_u32(tb[NETNSA_NSID]));
	else
		pr_string(NULL, "nsid %s ", "unassigned");
	shown = tb[NETNSA_NSID] ? (int)mnl_attr_get_u32(tb[NETNSA_NSID]) : -1;
	if (tb[NETNSA_CURRENT_NSID]) {
		shown = (int)mnl_attr_get_u32(tb[NETNSA_CURRENT_NSID]);
		if (shown >= 0)
			pr_uint("current-nsid", "current-nsid %u ", (unsigned int)shown);
		else
			pr_string(NULL, "current-nsid %s ", "unassigned");
	}
	name = name_of_nsid(shown, buf, sizeof(buf));
	if (name)
		pr_string("name", "(iproute2 netns name: %s)", name);
	pr_text("\n");
	pr_close_object();
}

static int parse_nsid_value(const char *what, const char *arg)
{
	int32_t v;

	if (parse_s32(arg, 0, &v) < 0 || v < 0) {
		char msg[64];

		snprintf(msg, sizeof(msg), "\"%s\" value is invalid", what);
		invarg(msg, arg);
	}
	return v;
}

static int netns_list_id(int argc, char **argv)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *req = (struct nlmsghdr *)buf, *nlh;
	struct nl_msgs msgs = { 0 };
	struct rtgenmsg *g;
	int target = -1, nsid = -1, err;

	while (argc > 0) {
		if (!strcmp(*argv, "target-nsid")) {
			if (target >= 0)
				duparg("target-nsid", argv[1] ? argv[1] : "");
			NEXT_ARG();
			target = parse_nsid_value("target-nsid", *argv);
		} else if (!strcmp(*argv, "nsid")) {
			if (nsid >= 0)
				duparg("nsid", argv[1] ? argv[1] : "");
			NEXT_ARG();
			nsid = parse_nsid_value("nsid", *argv);
		} else {
			usage();
		}
		argc--;
		argv++;
	}

	g = nl_req_init(req, RTM_GETNSID, 0, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	if (target >= 0)
		mnl_attr_put_u32(req, NETNSA_TARGET_NSID, target);
	if (nsid >= 0)
		mnl_attr_put_u32(req, NETNSA_NSID, nsid);
	/* One id is a question of its own, not a filter on the dump. */
	if (nsid >= 0)
		err = nl_talk_collect(ip_rtnl(), req, &msgs);
	else
		err = nl_dump_collect(ip_rtnl(), req, &msgs);
	if (err < 0) {
		nl_msgs_free(&msgs);
		if (nsid >= 0)
			return ip_fail_nl(err);
		ip_fail_nl(err);
		fprintf(stderr, "Dump terminated\n");
		return 1;
	}
	pr_start();
	nl_msgs_for_each(&msgs, nlh)
		if (nlh->nlmsg_type == RTM_NEWNSID)
			netns_print_nsid(nlh);
	nl_msgs_free(&msgs);
	return 0;
}

/* Make /run/netns exist and be a shared mount point, as the reference. */
static int prepare_run_dir(void)
{
	int fd, ret = 0;

	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "mkdir %s failed: %s\n", NETNS_RUN_DIR, strerror(errno));
		return -1;
	}
	/* Two ip runs at once must not both bind it on itself. */
	fd = open(NETNS_RUN_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0)
		flock(fd, LOCK_EX);
	if (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) < 0) {
		if (errno != EINVAL) {
			fprintf(stderr, "mount --make-shared %s failed: %s\n", NETNS_RUN_DIR,
				strerror(errno));
			ret = -1;
		} else if (mount(NETNS_RUN_DIR, NETNS_RUN_DIR, "none", MS_BIND | MS_REC, NULL) < 0) {
			fprintf(stderr, "mount --bind %s %s failed: %s\n", NETNS_RUN_DIR,
				NETNS_RUN_DIR, strerror(errno));
			ret = -1;
		} else if (mount("", NETNS_RUN_DIR, "none", MS_SHARED | MS_REC, NULL) < 0) {
			fprintf(stderr, "mount --make-shared %s failed: %s\n", NETNS_RUN_DIR,
				strerror(errno));
			ret = -1;
		}
	}
	if (fd >= 0) {
		flock(fd, LOCK_UN);
		close(fd);
	}
	return ret;
}

/*
 * Bind the namespace of @pid (0: a new one) on /run/netns/NAME.  A new
 * namespace is made by this process and left right after, so that ip
 * itself stays where it was.
 */
static int netns_create(const char *name, pid_t pid)
{
	char path[PATH_MAX], source[64];
	int self = -1;

	if (prepare_run_dir() < 0)
		return 1;
	netns_path(path, sizeof(path), name);
	{
		int fd = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0);

		if (fd < 0) {
			fprintf(stderr, "Cannot create namespace file \"%s\": %s\n", path,
				strerror(errno));
			return 1;
		}
		close(fd);
	}
	if (pid) {
		snprintf(source, sizeof(source), "/proc/%d/ns/net", pid);
	} else {
		snprintf(source, sizeof(source), "/proc/self/ns/net");
		self = open(source, O_RDONLY | O_CLOEXEC);
		if (self < 0 || unshare(CLONE_NEWNET) < 0) {
			fprintf(stderr, "Failed to create a new network namespace \"%s\": %s\n",
				name, strerror(errno));
			goto fail;
		}
	}
	if (mount(source, path, "none", MS_BIND, NULL) < 0) {
		fprintf(stderr, "Bind %s -> %s failed: %s\n", source, path, strerror(errno));
		goto fail;
	}
	if (self >= 0) {
		if (setns(self, CLONE_NEWNET) < 0) {
			fprintf(stderr, "setns failed: %s\n", strerror(errno));
			exit(1);
		}
		close(self);
	}
	return 0;

fail:
	if (self >= 0) {
		setns(self, CLONE_NEWNET);
		close(self);
	}
	unlink(path);
	return 1;
}

static int netns_add(int argc, char **argv)
{
	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return 1;
	}
	return netns_create(checked_name(argv[0]), 0);
}

static int netns_attach(int argc, char **argv)
{
	int32_t pid;

	if (argc < 2) {
		fprintf(stderr, "No netns name and PID specified\n");
		return 1;
	}
	if (parse_s32(argv[1], 10, &pid) < 0 || pid <= 0) {
		fprintf(stderr, "Invalid PID: %s\n", argv[1]);
		return 1;
	}
	return netns_create(checked_name(argv[0]), pid);
}

static int remove_name(const char *name)
{
	char path[PATH_MAX];

	netns_path(path, sizeof(path), name);
	umount2(path, MNT_DETACH);
	if (unlink(path) < 0) {
		fprintf(stderr, "Cannot remove namespace file \"%s\": %s\n", path,
			strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Call @fn for every name under /run/netns, in directory order; the
 * result is -1 when any call failed.
 */
static int for_each_name(int (*fn)(const char *name))
{
	struct dirent *de;
	int ret = 0;
	DIR *dir;

	dir = opendir(NETNS_RUN_DIR);
	if (!dir)
		return 0;
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (fn(de->d_name) < 0)
			ret = -1;
	}
	closedir(dir);
	return ret;
}

static int netns_delete(int argc, char **argv)
{
	if (argc < 1 && !ipo.all) {
		fprintf(stderr, "No netns name specified\n");
		return 1;
	}
	if (ipo.all)
		return for_each_name(remove_name) < 0 ? 1 : 0;
	return remove_name(checked_name(argv[0])) < 0 ? 1 : 0;
}

static int netns_set(int argc, char **argv)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *req = (struct nlmsghdr *)buf;
	char path[PATH_MAX];
	struct rtgenmsg *g;
	int32_t nsid = -1;
	int fd, ret;

	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return 1;
	}
	if (argc < 2) {
		fprintf(stderr, "No nsid specified\n");
		return 1;
	}
	if (strcmp(argv[1], "auto") && (parse_s32(argv[1], 0, &nsid) < 0 || nsid < 0))
		invarg("Invalid \"netnsid\" value", argv[1]);
	netns_path(path, sizeof(path), checked_name(argv[0]));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "Cannot open network namespace \"%s\": %s\n", argv[0],
			strerror(errno));
		return 1;
	}
	g = nl_req_init(req, RTM_NEWNSID, 0, sizeof(*g));
	g->rtgen_family = AF_UNSPEC;
	mnl_attr_put_u32(req, NETNSA_FD, fd);
	mnl_attr_put_u32(req, NETNSA_NSID, (uint32_t)nsid);
	/* Not ip_request(): the request names @fd, which must outlive its sending. */
	ret = nl_talk(ip_rtnl(), req, NULL, NULL);
	close(fd);
	return ret < 0 ? ip_fail_nl(ret) : 0;
}

static int same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static int netns_identify(int argc, char **argv)
{
	const char *pidstr = "self";
	struct stat want, st;
	char path[PATH_MAX];
	struct dirent *de;
	bool first = true;
	int32_t pid;
	DIR *dir;

	if (argc > 1) {
		fprintf(stderr, "extra arguments specified\n");
		return 1;
	}
	if (argc == 1) {
		pidstr = argv[0];
		if (parse_s32(pidstr, 10, &pid) < 0 || pid <= 0) {
			fprintf(stderr, "Specified string '%s' is not a pid\n", pidstr);
			return 1;
		}
	}
	snprintf(path, sizeof(path), "/proc/%s/ns/net", pidstr);
	if (stat(path, &want) < 0) {
		fprintf(stderr, "Cannot open network namespace: %s\n", strerror(errno));
		return 1;
	}
	dir = opendir(NETNS_RUN_DIR);
	if (dir) {
		while ((de = readdir(dir))) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			netns_path(path, sizeof(path), de->d_name);
			if (stat(path, &st) == 0 && same_file(&st, &want)) {
				printf("%s%s", first ? "" : " ", de->d_name);
				first = false;
			}
		}
		closedir(dir);
	}
	printf("\n");
	return 0;
}

static int netns_pids(int argc, char **argv)
{
	struct stat want, st;
	char path[PATH_MAX];
	struct dirent *de;
	DIR *dir;

	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return 1;
	}
	if (argc > 1) {
		fprintf(stderr, "extra arguments specified\n");
		return 1;
	}
	netns_path(path, sizeof(path), checked_name(argv[0]));
	if (stat(path, &want) < 0) {
		fprintf(stderr, "Cannot open network namespace: %s\n", strerror(errno));
		return 1;
	}
	dir = opendir("/proc");
	if (!dir) {
		fprintf(stderr, "Open of /proc failed: %s\n", strerror(errno));
		return 1;
	}
	while ((de = readdir(dir))) {
		if (de->d_name[0] < '1' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/net", de->d_name);
		if (stat(path, &st) == 0 && same_file(&st, &want))
			printf("%s\n", de->d_name);
	}
	closedir(dir);
	return 0;
}

/* Bind each file of /etc/netns/NAME over its namesake in /etc. */
static void bind_etc(const char *name)
{
	char dir_path[PATH_MAX], from[PATH_MAX * 2], to[PATH_MAX * 2];
	struct dirent *de;
	DIR *dir;

	snprintf(dir_path, sizeof(dir_path), "%s/%s", NETNS_ETC_DIR, name);
	dir = opendir(dir_path);
	if (!dir)
		return;
	while ((de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(from, sizeof(from), "%s/%s", dir_path, de->d_name);
		snprintf(to, sizeof(to), "/etc/%s", de->d_name);
		if (mount(from, to, "none", MS_BIND, NULL) < 0)
			fprintf(stderr, "Bind %s -> %s failed: %s\n", from, to, strerror(errno));
	}
	closedir(dir);
}

/*
 * Enter the named namespace for good, in a mount namespace of our own
 * where /sys shows that namespace's devices and /etc/netns/NAME's files
 * stand in for /etc's.  Exits with the reference's message on failure.
 */
static void netns_switch(const char *name)
{
	unsigned long sys_flags = 0;
	char path[PATH_MAX];
	struct statvfs fs;
	int fd;

	netns_path(path, sizeof(path), name);
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
	if (unshare(CLONE_NEWNS) < 0) {
		fprintf(stderr, "unshare failed: %s\n", strerror(errno));
		exit(IP_EXIT_USAGE);
	}
	/* Our mounts must not leak back into the namespace we came from. */
	if (mount("", "/", "none", MS_SLAVE | MS_REC, NULL) < 0) {
		fprintf(stderr, "\"mount --make-rslave /\" failed: %s\n", strerror(errno));
		exit(IP_EXIT_USAGE);
	}
	if (statvfs("/sys", &fs) == 0 && (fs.f_flag & ST_RDONLY))
		sys_flags = MS_RDONLY;
	umount2("/sys", MNT_DETACH);
	if (mount(name, "/sys", "sysfs", sys_flags, NULL) < 0) {
		fprintf(stderr, "mount of /sys failed: %s\n", strerror(errno));
		exit(IP_EXIT_USAGE);
	}
	bind_etc(name);
}

static void __attribute__((noreturn)) exec_command(const char *name, char **cmd)
{
	netns_switch(name);
	execvp(cmd[0], cmd);
	fprintf(stderr, "exec of \"%s\" failed: %s\n", cmd[0], strerror(errno));
	exit(1);
}

/* Run @cmd in a child inside @name; returns its exit status. */
static int exec_in_child(const char *name, char **cmd)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "fork failed: %s\n", strerror(errno));
		return 1;
	}
	if (!pid)
		exec_command(name, cmd);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return 1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static char **all_exec_cmd;

static int exec_in_one(const char *name)
{
	printf("\nnetns: %s\n", name);
	exec_in_child(name, all_exec_cmd);
	return 0;
}

static int netns_exec(int argc, char **argv)
{
	if (ipo.all) {
		if (argc < 1) {
			fprintf(stderr, "No command specified\n");
			return 1;
		}
		all_exec_cmd = argv;
		for_each_name(exec_in_one);
		return 0;
	}
	if (argc < 1) {
		fprintf(stderr, "No netns name specified\n");
		return 1;
	}
	if (argc < 2) {
		fprintf(stderr, "No command specified\n");
		return 1;
	}
	checked_name(argv[0]);
	/* A batch goes on after the command. */
	if (ipo.batch)
		return exec_in_child(argv[0], argv + 1) ? 1 : 0;
	pr_finish();
	exec_command(argv[0], argv + 1);
}

static int netns_monitor(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const struct inotify_event *ev;
	ssize_t len;
	int fd;

	fd = inotify_init1(IN_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "inotify_init failed: %s\n", strerror(errno));
		return 1;
	}
	if (mkdir(NETNS_RUN_DIR, 0755) < 0 && errno != EEXIST) {
		fprintf(stderr, "mkdir %s failed: %s\n", NETNS_RUN_DIR, strerror(errno));
		return 1;
	}
	if (inotify_add_watch(fd, NETNS_RUN_DIR, IN_CREATE | IN_DELETE) < 0) {
		fprintf(stderr, "inotify_add_watch failed: %s\n", strerror(errno));
		return 1;
	}
	for (;;) {
		len = read(fd, buf, sizeof(buf));
		if (len < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "read failed: %s\n", strerror(errno));
			return 1;
		}
		for (ev = (const struct inotify_event *)buf; (const char *)ev < buf + len;
		     ev = (const struct inotify_event *)((const char *)ev + sizeof(*ev) + ev->len)) {
			if (ev->mask & IN_CREATE)
				printf("add %s\n", ev->name);
			if (ev->mask & IN_DELETE)
				printf("delete %s\n", ev->name);
		}
		/* Each event as it happens, whatever the output is. */
		fflush(stdout);
	}
}

static int netns_help(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	usage();
}

static int netns_list_cmd(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	return netns_list();
}

/* In the reference's order: "s" is show, "a" add, "d" delete. */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} commands[] = {
	{ "list", netns_list_cmd },
	{ "show", netns_list_cmd },
	{ "lst", netns_list_cmd },
	{ "list-id", netns_list_id },
	{ "monitor", netns_monitor },
	{ "add", netns_add },
	{ "attach", netns_attach },
	{ "set", netns_set },
	{ "delete", netns_delete },
	{ "identify", netns_identify },
	{ "pids", netns_pids },
	{ "exec", netns_exec },
	{ "help", netns_help },
};

int do_netns(int argc, char **argv)
{
	size_t i;

	if (argc < 1)
		return netns_list();
	for (i = 0; i < ARRAY_SIZE(commands); i++)
		if (matches(*argv, commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip netns help\".\n", *argv);
	exit(IP_EXIT_USAGE);
}
