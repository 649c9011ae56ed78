// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * -p: which processes hold a socket.  The first question walks /proc
 * once: every /proc/PID/fd directory read with getdents64, every entry
 * read with readlinkat, and only "socket:[INODE]" links kept, in a hash
 * table by inode.  A process's name is read from /proc/PID/stat only
 * when one of its sockets is printed.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <nlkit/util.h>

#include "ss.h"

struct sock_user {
	uint32_t ino;
	int pid, fd;
	struct sock_user *next;	/* in the bucket, then in scan order */
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

static void add_user(uint32_t ino, int pid, int fd)
{
	struct sock_user *u = xmalloc(sizeof(*u)), **tail;

	u->ino = ino;
	u->pid = pid;
	u->fd = fd;
	u->next = NULL;
	/* Keep the scan order within an inode: users print in it. */
	for (tail = &users[ino % USER_BUCKETS]; *tail; tail = &(*tail)->next)
		;
	*tail = u;
}

static void scan_fds(int proc, const char *pid_name)
{
	char buf[32768], path[300], link[64];
	int pid = atoi(pid_name), dir;
	long n;

	snprintf(path, sizeof(path), "%s/fd", pid_name);
	dir = openat(proc, path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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
				add_user(ino, pid, atoi(d->d_name));
		}
	}
	close(dir);
}

static void scan_proc(void)
{
	char buf[32768];
	int proc;
	long n;

	users = xcalloc(USER_BUCKETS, sizeof(*users));
	proc = open("/proc", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (proc < 0)
		return;
	while ((n = syscall(SYS_getdents64, proc, buf, sizeof(buf))) > 0) {
		long off = 0;

		while (off < n) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);

			off += d->d_reclen;
			if (d->d_name[0] >= '1' && d->d_name[0] <= '9')
				scan_fds(proc, d->d_name);
		}
	}
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
	f = fopen(path, "r");
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
		out_uint("fd", ",fd=%u", (unsigned int)u->fd);
		out_close_object(")");
		first = false;
	}
	if (!first)
		out_close_array(")");
}
