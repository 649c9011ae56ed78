// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's stand-in (see nokernel.h).  Each __wrap_X replaces X for
 * the objects linked with --wrap=X; the placeholder socket is never
 * dereferenced, since every function that would look inside it is
 * wrapped too.
 */
#include <errno.h>
#include <stdbool.h>
#include <string.h>

#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "nokernel.h"

struct nl_pipe;

/* Declared here only: nothing outside the linker's --wrap calls these. */
int __wrap_socket(int domain, int type, int protocol);
struct nl_sock *__wrap_nl_open(int protocol, unsigned int groups);
struct nl_sock *__wrap_nl_open_netns(const char *netns_path, int protocol, unsigned int groups);
void __wrap_nl_close(struct nl_sock *s);
int __wrap_nl_fd(const struct nl_sock *s);
uint32_t __wrap_nl_portid(const struct nl_sock *s);
int __wrap_nl_join_group(struct nl_sock *s, unsigned int group);
int __wrap_nl_set_rcvbuf(struct nl_sock *s, int bytes);
const char *__wrap_nl_ext_ack_msg(const struct nl_sock *s);
uint32_t __wrap_nl_seq_claim(struct nl_sock *s, uint32_t count);
int __wrap_nl_talk(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb, void *data);
int __wrap_nl_ask(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb, void *data);
int __wrap_nl_dump(struct nl_sock *s, struct nlmsghdr *req, const struct nl_dump_ops *ops,
		   void *data);
int __wrap_nl_dump_collect(struct nl_sock *s, struct nlmsghdr *req, struct nl_msgs *out);
int __wrap_nl_talk_collect(struct nl_sock *s, struct nlmsghdr *req, struct nl_msgs *out);
struct nl_pipe *__wrap_nl_pipe_new(struct nl_sock *s, nl_pipe_err_cb on_err, void *data);

static char placeholder;
#define PLACEHOLDER_SOCK ((struct nl_sock *)&placeholder)

static struct {
	const char *buf;
	size_t len;
	/* The real core refuses an exchange from inside another one's callback. */
	bool busy;
	uint32_t seq;
} kernel;

void nokernel_reply(const void *buf, size_t len)
{
	kernel.buf = buf;
	kernel.len = len;
}

int __wrap_socket(int domain __attribute__((unused)), int type __attribute__((unused)),
		  int protocol __attribute__((unused)))
{
	errno = EACCES;
	return -1;
}

struct nl_sock *__wrap_nl_open(int protocol __attribute__((unused)),
			       unsigned int groups __attribute__((unused)))
{
	return PLACEHOLDER_SOCK;
}

struct nl_sock *__wrap_nl_open_netns(const char *netns_path __attribute__((unused)),
				     int protocol __attribute__((unused)),
				     unsigned int groups __attribute__((unused)))
{
	return PLACEHOLDER_SOCK;
}

void __wrap_nl_close(struct nl_sock *s __attribute__((unused)))
{
}

int __wrap_nl_fd(const struct nl_sock *s __attribute__((unused)))
{
	return -1;
}

uint32_t __wrap_nl_portid(const struct nl_sock *s __attribute__((unused)))
{
	return 0;
}

int __wrap_nl_join_group(struct nl_sock *s __attribute__((unused)),
			 unsigned int group __attribute__((unused)))
{
	return -EPERM;
}

int __wrap_nl_set_rcvbuf(struct nl_sock *s __attribute__((unused)),
			 int bytes __attribute__((unused)))
{
	return 0;
}

const char *__wrap_nl_ext_ack_msg(const struct nl_sock *s __attribute__((unused)))
{
	return NULL;
}

uint32_t __wrap_nl_seq_claim(struct nl_sock *s __attribute__((unused)), uint32_t count)
{
	uint32_t first = kernel.seq;

	kernel.seq += count;
	return first;
}

/*
 * Pass each message of the reply to @cb as nl_dump() would: up to the
 * first NLMSG_DONE or NLMSG_ERROR, whose error is the result.
 */
static int deliver(nl_msg_cb cb, void *data)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)kernel.buf;
	int left = kernel.len > INT32_MAX ? INT32_MAX : (int)kernel.len;
	const char *ext_ack;
	bool stopped = false;
	int err = 0;

	if (kernel.busy)
		return -EBUSY;
	kernel.busy = true;
	for (; nl_msg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR) {
			if (!err)
				err = nl_msg_error(nlh, &ext_ack);
			break;
		}
		if (nlh->nlmsg_type == NLMSG_NOOP || stopped)
			continue;
		errno = 0;
		switch (cb(nlh, data)) {
		case MNL_CB_STOP:
			stopped = true;
			break;
		case MNL_CB_ERROR:
			stopped = true;
			err = errno > 0 ? -errno : -EINVAL;
			break;
		}
	}
	kernel.busy = false;
	return err;
}

int __wrap_nl_talk(struct nl_sock *s __attribute__((unused)),
		   struct nlmsghdr *req __attribute__((unused)), nl_msg_cb cb, void *data)
{
	return deliver(cb, data);
}

int __wrap_nl_ask(struct nl_sock *s __attribute__((unused)),
		  struct nlmsghdr *req __attribute__((unused)), nl_msg_cb cb, void *data)
{
	return deliver(cb, data);
}

int __wrap_nl_dump(struct nl_sock *s __attribute__((unused)),
		   struct nlmsghdr *req __attribute__((unused)), const struct nl_dump_ops *ops,
		   void *data)
{
	return deliver(ops->msg, data);
}

/* Append @nlh to @data, a struct nl_msgs, as the core's collectors do. */
static int collect(const struct nlmsghdr *nlh, void *data)
{
	struct nl_msgs *m = data;
	size_t size = NLMSG_ALIGN(nlh->nlmsg_len);

	if (m->len + size > m->cap) {
		m->cap = (m->len + size) * 2;
		m->buf = xrealloc(m->buf, m->cap);
	}
	memset(m->buf + m->len, 0, size);
	memcpy(m->buf + m->len, nlh, nlh->nlmsg_len);
	m->len += size;
	m->count++;
	return MNL_CB_OK;
}

int __wrap_nl_dump_collect(struct nl_sock *s __attribute__((unused)),
			   struct nlmsghdr *req __attribute__((unused)), struct nl_msgs *out)
{
	return deliver(collect, out);
}

int __wrap_nl_talk_collect(struct nl_sock *s __attribute__((unused)),
			   struct nlmsghdr *req __attribute__((unused)), struct nl_msgs *out)
{
	size_t len = out->len, count = out->count;
	int err = deliver(collect, out);

	if (err) {
		out->len = len;
		out->count = count;
	}
	return err;
}

struct nl_pipe *__wrap_nl_pipe_new(struct nl_sock *s __attribute__((unused)),
				   nl_pipe_err_cb on_err __attribute__((unused)),
				   void *data __attribute__((unused)))
{
	errno = EPERM;
	return NULL;
}
