// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -p: which processes hold a socket.  The first question walks /proc
 * once: every /proc/PID/fd directory (under -T, every thread's
 * /proc/PID/task/TID/fd) read with getdents64, every entry read with
 * readlinkat, and only "socket:[INODE]" links kept, in a hash table by
 * inode.  A process's name is read from its stat file only when one of
 * its sockets is printed.  Under -Z and -z the SELinux contexts of the
 * process (and thread) and of the socket's file join the entry.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/vfs.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <nlkit/util.h>

#include "ss.h"

struct sock_user {
	uint32_t ino;
	int pid, tid, fd;	/* tid: 0 unless -T */
	struct sock_user *next;	/* in the bucket, the last found first */
};

struct proc_name {
	int pid;
	char *name;
	struct proc_name *next;
};

#define USER_BUCKETS 65536
#define NAME_BUCKETS 1024

static struct sock_user **users;
static struct proc_name *names[NAME_BUCKETS];

/* The link of a socket is "socket:[INODE]". */
static bool socket_inode(const char *link, ssize_t len, uint32_t *ino)
{
	char *end;
	unsigned long v;

	if (len < 10 || memcmp(link, "socket:[", 8) || link[len - 1] != ']')
		return false;
	v = strtoul(link + 8, &end, 10);
	if (end != link + len - 1)
		return false;
	*ino = (uint32_t)v;
	return true;
}

/* Users print the last found first, as the reference's do. */
static void add_user(uint32_t ino, int pid, int tid, int fd)
{
	struct sock_user *u = xmalloc(sizeof(*u)), **head = &users[ino % USER_BUCKETS];

	u->ino = ino;
	u->pid = pid;
	u->tid = tid;
	u->fd = fd;
	u->next = *head;
	*head = u;
}

/* The sockets among the files of @fd_dir (a path under /proc). */
static void scan_fds(int proc, const char *fd_dir, int pid, int tid)
{
	char buf[32768], link[64];
	int dir;
	long n;

	dir = openat(proc, fd_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return;
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0) {
		long off = 0;

		while (off < n) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			ssize_t len;
			uint32_t ino;

			off += d->d_reclen;
			if (d->d_name[0] < '0' || d->d_name[0] > '9')
				continue;
			len = readlinkat(dir, d->d_name, link, sizeof(link));
			if (len > 0 && socket_inode(link, len, &ino))
				add_user(ino, pid, tid, atoi(d->d_name));
		}
	}
	close(dir);
}

/* Calls @fn(@proc, NAME, @data) for each numeric entry NAME of @dir_path. */
static void for_each_number(int proc, const char *dir_path,
			    void (*fn)(int proc, const char *name, const char *parent),
			    const char *parent)
{
	char buf[32768];
	int dir;
	long n;

	dir = openat(proc, dir_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return;
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0) {
		long off = 0;

		while (off < n) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			off += d->d_reclen;
			if (d->d_name[0] >= '1' && d->d_name[0] <= '9')
				fn(proc, d->d_name, parent);
		}
	}
	close(dir);
}

static void scan_thread(int proc, const char *tid_name, const char *pid_name)
{
	char path[300];

	snprintf(path, sizeof(path), "%s/task/%s/fd", pid_name, tid_name);
	scan_fds(proc, path, atoi(pid_name), atoi(tid_name));
}

static void scan_process(int proc, const char *pid_name, const char *parent)
{
	char path[300];

	(void)parent;
	if (sso.threads) {
		snprintf(path, sizeof(path), "%s/task", pid_name);
		for_each_number(proc, path, scan_thread, pid_name);
		return;
	}
	snprintf(path, sizeof(path), "%s/fd", pid_name);
	scan_fds(proc, path, atoi(pid_name), 0);
}

static void scan_proc(void)
{
	int proc;

	users = xcalloc(USER_BUCKETS, sizeof(*users));
	proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (proc < 0)
		return;
	for_each_number(proc, ".", scan_process, NULL);
	close(proc);
}

static const char *process_name(int pid)
{
	struct proc_name **head = &names[pid % NAME_BUCKETS], *p;
	char path[64], stat[512];
	FILE *f;

	for (p = *head; p; p = p->next)
		if (p->pid == pid)
			return p->name;
	p = xmalloc(sizeof(*p));
	p->pid = pid;
	p->name = NULL;
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "re");
	if (f) {
		if (fgets(stat, sizeof(stat), f)) {
			char *open = strchr(stat, '('), *close = strrchr(stat, ')');

			if (open && close && close > open) {
				*close = '\0';
				p->name = xstrdup(open + 1);
			}
		}
		fclose(f);
	}
	if (!p->name)
		p->name = xstrdup("");
	p->next = *head;
	*head = p;
	return p->name;
}

/* selinuxfs's magic number, by which libselinux tells that SELinux is on. */
#define SELINUX_MAGIC 0xf97cff8c

bool ss_selinux_enabled(void)
{
	static const char *const mounts[] = { "/sys/fs/selinux", "/selinux" };
	struct statfs st;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mounts); i++)
		if (!statfs(mounts[i], &st) && (uint32_t)st.f_type == SELINUX_MAGIC)
			return true;
	return false;
}

/*
 * The SELinux context in @path (an attr/current file), or of the file
 * @path names (@xattr), into @buf; "unavailable" when there is none.
 */
static const char *selinux_context(const char *path, bool xattr, char *buf, size_t len)
{
	ssize_t n = -1;
	int fd;

	if (xattr) {
		n = getxattr(path, "security.selinux", buf, len - 1);
	} else {
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd >= 0) {
			n = read(fd, buf, len - 1);
			close(fd);
		}
	}
	/* The kernel may end the context with a newline or a NUL. */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\0'))
		n--;
	if (n <= 0)
		return "unavailable";
	buf[n] = '\0';
	return buf;
}

static void out_user_contexts(const struct sock_user *u, bool fd_done)
{
	char path[96], ctx[256];

	if (!fd_done) {
		snprintf(path, sizeof(path), "/proc/%d/attr/current", u->pid);
		out_str("proc_ctx", ",proc_ctx=%s", selinux_context(path, false, ctx, sizeof(ctx)));
		return;
	}
	if (!sso.selinux_sock)
		return;
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", u->pid, u->fd);
	out_str("sock_ctx", ",sock_ctx=%s", selinux_context(path, true, ctx, sizeof(ctx)));
}

void out_users(uint32_t ino)
{
	struct sock_user *u;
	bool first = true;

	if (!users)
		scan_proc();
	for (u = users[ino % USER_BUCKETS]; u; u = u->next) {
		if (u->ino != ino)
			continue;
		if (first)
			out_open_array("users", " users:(");
		out_open_object(NULL, first ? "(" : ",(");
		out_str("name", "\"%s\"", process_name(u->pid));
		out_uint("pid", ",pid=%u", (unsigned int)u->pid);
		if (sso.threads)
			out_uint("tid", ",tid=%u", (unsigned int)u->tid);
		if (sso.selinux)
			out_user_contexts(u, false);
		out_uint("fd", ",fd=%u", (unsigned int)u->fd);
		if (sso.selinux)
			out_user_contexts(u, true);
		out_close_object(")");
		first = false;
	}
	if (!first)
		out_close_array(")");
}
