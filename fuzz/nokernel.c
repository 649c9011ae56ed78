// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel's stand-in (see nokernel.h).  Each __wrap_X replaces X for
 * the objects linked with --wrap=X; the placeholder sockets are never
 * dereferenced by the core, since every function of it that would look
 * inside one is wrapped too.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "nokernel.h"

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
void __wrap_nl_pipe_free(struct nl_pipe *p);
void __wrap_nl_pipe_window(struct nl_pipe *p, unsigned int requests);
void __wrap_nl_pipe_no_ack(struct nl_pipe *p);
size_t __wrap_nl_pipe_failed(const struct nl_pipe *p);
size_t __wrap_nl_pipe_sent(const struct nl_pipe *p);
void *__wrap_nl_pipe_req(struct nl_pipe *p);
int __wrap_nl_pipe_push(struct nl_pipe *p);
int __wrap_nl_pipe_flush(struct nl_pipe *p);
ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags);
ssize_t __real_recv(int fd, void *buf, size_t len, int flags);
ssize_t __wrap_recvmsg(int fd, struct msghdr *msg, int flags);
ssize_t __real_recvmsg(int fd, struct msghdr *msg, int flags);

/* What each socket nlkit opens is instead. */
struct placeholder {
	int protocol;
	/*
	 * The real core refuses an exchange from inside another one's
	 * callback: the socket is busy while kernel.reply is this reply's
	 * number.  A callback that never returned (a target's exit()) leaves
	 * it busy for its own reply only.
	 */
	unsigned int busy_in;
};

static struct {
	const char *buf;
	size_t len;
	unsigned int reply;	/* counts the replies set, from 1 */
	nokernel_answers_fn *answers;
	/* A monitor's socket got the reply already. */
	bool received;
	uint32_t seq;
} kernel;

void nokernel_reply(const void *buf, size_t len)
{
	kernel.buf = buf;
	kernel.len = len;
	kernel.reply = kernel.reply + 1 ? kernel.reply + 1 : 1;
	kernel.received = false;
}

void nokernel_answers(nokernel_answers_fn *answers)
{
	kernel.answers = answers;
}

static struct nl_sock *placeholder_open(int protocol)
{
	struct placeholder *p = xcalloc(1, sizeof(*p));

	p->protocol = protocol;
	return (struct nl_sock *)p;
}

static struct placeholder *placeholder(struct nl_sock *s)
{
	return (struct placeholder *)s;
}

int __wrap_socket(int domain __attribute__((unused)), int type __attribute__((unused)),
		  int protocol __attribute__((unused)))
{
	errno = EACCES;
	return -1;
}

struct nl_sock *__wrap_nl_open(int protocol, unsigned int groups __attribute__((unused)))
{
	return placeholder_open(protocol);
}

struct nl_sock *__wrap_nl_open_netns(const char *netns_path __attribute__((unused)),
				     int protocol, unsigned int groups __attribute__((unused)))
{
	return placeholder_open(protocol);
}

void __wrap_nl_close(struct nl_sock *s)
{
	free(s);
}

int __wrap_nl_fd(const struct nl_sock *s __attribute__((unused)))
{
	return NOKERNEL_FD;
}

uint32_t __wrap_nl_portid(const struct nl_sock *s __attribute__((unused)))
{
	return 0;
}

/* A monitor joins whatever it asks for: the reply is its events. */
int __wrap_nl_join_group(struct nl_sock *s __attribute__((unused)),
			 unsigned int group __attribute__((unused)))
{
	return 0;
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
 * Pass each message of the reply that answers @req to @cb, as the core
 * does: up to the first NLMSG_DONE or NLMSG_ERROR, whose error is the
 * result; never the control messages below NLMSG_MIN_TYPE; with
 * @first_only (nl_ask) the first message only.
 */
static int deliver(struct nl_sock *s, const struct nlmsghdr *req, nl_msg_cb cb, void *data,
		   bool first_only)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)kernel.buf;
	int left = kernel.len > INT32_MAX ? INT32_MAX : (int)kernel.len;
	struct placeholder *p = placeholder(s);
	const char *ext_ack;
	bool stopped = false;
	int err = 0;

	if (p->busy_in == kernel.reply)
		return -EBUSY;
	p->busy_in = kernel.reply;
	for (; nl_msg_ok(nlh, left); nlh = mnl_nlmsg_next(nlh, &left)) {
		if (nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR) {
			if (!err)
				err = nl_msg_error(nlh, &ext_ack);
			break;
		}
		if (nlh->nlmsg_type < NLMSG_MIN_TYPE || !cb || stopped)
			continue;
		if (kernel.answers && !kernel.answers(p->protocol, req, nlh))
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
		if (first_only)
			break;
	}
	p->busy_in = 0;
	return err;
}

int __wrap_nl_talk(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb, void *data)
{
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	return deliver(s, req, cb, data, false);
}

int __wrap_nl_ask(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb, void *data)
{
	req->nlmsg_flags |= NLM_F_REQUEST;
	req->nlmsg_flags &= ~NLM_F_ACK;
	return deliver(s, req, cb, data, true);
}

int __wrap_nl_dump(struct nl_sock *s, struct nlmsghdr *req, const struct nl_dump_ops *ops,
		   void *data)
{
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
	return deliver(s, req, ops->msg, data, false);
}

/*
 * Append @nlh to @data, a struct nl_msgs, as the core's collectors do;
 * with a zero byte after it, in the room the arena has anyway: the
 * kernel ends every string attribute, and libnftnl reads one up to its
 * end whatever its length says, which in a fuzzed message is where the
 * next zero byte is.
 */
static int collect(const struct nlmsghdr *nlh, void *data)
{
	struct nl_msgs *m = data;
	size_t size = NLMSG_ALIGN(nlh->nlmsg_len);

	if (m->len + size + 1 > m->cap) {
		m->cap = (m->len + size + 1) * 2;
		m->buf = xrealloc(m->buf, m->cap);
	}
	memset(m->buf + m->len, 0, size + 1);
	memcpy(m->buf + m->len, nlh, nlh->nlmsg_len);
	m->len += size;
	m->count++;
	return MNL_CB_OK;
}

int __wrap_nl_dump_collect(struct nl_sock *s, struct nlmsghdr *req, struct nl_msgs *out)
{
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
	return deliver(s, req, collect, out, false);
}

int __wrap_nl_talk_collect(struct nl_sock *s, struct nlmsghdr *req, struct nl_msgs *out)
{
	size_t len = out->len, count = out->count;
	int err;

	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	err = deliver(s, req, collect, out, false);
	if (err) {
		out->len = len;
		out->count = count;
	}
	return err;
}

/*
 * The pipelined sender: each request is built in the same buffer,
 * checked as the core checks it, and acknowledged at once.
 */
struct nl_pipe {
	union nl_req_buf req;
	size_t sent;
};

struct nl_pipe *__wrap_nl_pipe_new(struct nl_sock *s __attribute__((unused)),
				   nl_pipe_err_cb on_err __attribute__((unused)),
				   void *data __attribute__((unused)))
{
	return xcalloc(1, sizeof(struct nl_pipe));
}

void __wrap_nl_pipe_free(struct nl_pipe *p)
{
	free(p);
}

void __wrap_nl_pipe_window(struct nl_pipe *p __attribute__((unused)),
			   unsigned int requests __attribute__((unused)))
{
}

void __wrap_nl_pipe_no_ack(struct nl_pipe *p __attribute__((unused)))
{
}

size_t __wrap_nl_pipe_failed(const struct nl_pipe *p __attribute__((unused)))
{
	return 0;
}

size_t __wrap_nl_pipe_sent(const struct nl_pipe *p)
{
	return p->sent;
}

void *__wrap_nl_pipe_req(struct nl_pipe *p)
{
	return &p->req;
}

int __wrap_nl_pipe_push(struct nl_pipe *p)
{
	if (p->req.nlh.nlmsg_len < NLMSG_HDRLEN || p->req.nlh.nlmsg_len > NL_REQ_SIZE)
		return -EINVAL;
	p->sent++;
	return 0;
}

int __wrap_nl_pipe_flush(struct nl_pipe *p __attribute__((unused)))
{
	return 0;
}

/*
 * A monitor's receive: the whole reply once, cut to @len as the kernel
 * cuts a datagram; then EBADF, as for any descriptor that is none.
 */
static ssize_t monitor_receive(void *buf, size_t len)
{
	size_t n = kernel.len < len ? kernel.len : len;

	if (kernel.received) {
		errno = EBADF;
		return -1;
	}
	kernel.received = true;
	if (n)
		memcpy(buf, kernel.buf, n);
	return (ssize_t)n;
}

ssize_t __wrap_recv(int fd, void *buf, size_t len, int flags)
{
	if (fd != NOKERNEL_FD)
		return __real_recv(fd, buf, len, flags);
	return monitor_receive(buf, len);
}

ssize_t __wrap_recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct sockaddr_nl *from = msg->msg_name;

	if (fd != NOKERNEL_FD || msg->msg_iovlen < 1)
		return __real_recvmsg(fd, msg, flags);
	/* From the kernel, with no ancillary data (no namespace id). */
	if (from && msg->msg_namelen >= sizeof(*from))
		*from = (struct sockaddr_nl){ .nl_family = AF_NETLINK };
	msg->msg_controllen = 0;
	msg->msg_flags = 0;
	return monitor_receive(msg->msg_iov[0].iov_base, msg->msg_iov[0].iov_len);
}
