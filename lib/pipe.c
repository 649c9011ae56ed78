// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The pipelined sender: many requests per sendmsg(), ACKs read many per
 * recvmmsg() (or, in no-ACK mode, only the errors of refused requests),
 * so that a bulk change costs little more than the kernel's own work on
 * it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>

#include <nlkit/nl.h>

/*
 * One sendmsg() carries up to this much.  The kernel handles all of its
 * messages, ACKs included, before sendmsg() returns, so bigger only saves
 * syscalls; the window usually ends a batch first anyway.
 */
#define PIPE_SEND_BYTES (256 << 10)

/*
 * Receive-buffer room per request in flight.  The kernel charges each
 * queued skb its truesize: 832 bytes for a capped ACK (measured on 6.18),
 * twice that with the NLM_F_ECHO copy of a route.  4 KiB leaves room for
 * extended-ACK TLVs and larger echoes.
 */
#define PIPE_ROOM_PER_REQ 4096

/*
 * 1024 requests in flight need 4 MiB of receive buffer at that rate, a
 * sixteenth of what nl_open() gets as root (32 MiB, doubled by the
 * kernel), so ACKs are never dropped.  Past a few hundred requests per
 * batch the syscalls are a small share of the kernel's work, so a larger
 * window gains little.  Without the privilege to force the buffer size
 * the window shrinks to what the buffer holds.
 */
#define PIPE_DEFAULT_WINDOW 1024

/*
 * ACKs come one per datagram; recvmmsg() takes this many at a time.  A
 * slot holds an uncapped error too (an old kernel echoing the whole
 * request, at most NL_REQ_SIZE); echoed data messages, skipped anyway,
 * may be cut.
 */
#define PIPE_RECV_SLOTS 64
#define PIPE_SLOT_BYTES (NL_REQ_SIZE + 4096)

struct nl_pipe {
	struct nl_sock *s;
	int fd;
	nl_pipe_err_cb on_err;
	void *data;

	char *send_buf;
	size_t send_cap;	/* the largest datagram the socket accepts */
	size_t send_len;
	size_t queued;		/* requests in send_buf */

	uint32_t base;		/* sequence number of request 0 */
	size_t sent;		/* requests handed to the kernel */
	size_t acked;		/* of those, answered */
	unsigned int window;

	size_t failed;
	int first_err;
	int local_err;
	bool stopped;
	bool no_ack;		/* only refused requests are answered */

	char *recv_buf;
	struct mmsghdr msgs[PIPE_RECV_SLOTS];
	struct iovec iov[PIPE_RECV_SLOTS];
	struct sockaddr_nl from[PIPE_RECV_SLOTS];
};

static int sock_buf_size(int fd, int opt)
{
	socklen_t len = sizeof(int);
	int bytes = 0;

	if (getsockopt(fd, SOL_SOCKET, opt, &bytes, &len) < 0)
		return -1;
	return bytes;
}

struct nl_pipe *nl_pipe_new(struct nl_sock *s, nl_pipe_err_cb on_err, void *data)
{
	struct nl_pipe *p;
	int want = PIPE_SEND_BYTES, sndbuf;
	size_t i;

	p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->s = s;
	p->fd = nl_fd(s);
	p->on_err = on_err;
	p->data = data;
	p->base = nl_seq_claim(s, 0);

	if (setsockopt(p->fd, SOL_SOCKET, SO_SNDBUFFORCE, &want, sizeof(want)) < 0)
		setsockopt(p->fd, SOL_SOCKET, SO_SNDBUF, &want, sizeof(want));
	/* netlink_sendmsg() refuses a datagram over sk_sndbuf - 32. */
	sndbuf = sock_buf_size(p->fd, SO_SNDBUF) - 32;
	if (sndbuf < NL_REQ_SIZE) {
		free(p);
		errno = ENOBUFS;
		return NULL;
	}
	p->send_cap = sndbuf < PIPE_SEND_BYTES ? sndbuf : PIPE_SEND_BYTES;

	nl_pipe_window(p, PIPE_DEFAULT_WINDOW);

	p->send_buf = malloc(p->send_cap);
	p->recv_buf = malloc((size_t)PIPE_RECV_SLOTS * PIPE_SLOT_BYTES);
	if (!p->send_buf || !p->recv_buf) {
		nl_pipe_free(p);
		errno = ENOMEM;
		return NULL;
	}
	for (i = 0; i < PIPE_RECV_SLOTS; i++) {
		p->iov[i].iov_base = p->recv_buf + i * PIPE_SLOT_BYTES;
		p->iov[i].iov_len = PIPE_SLOT_BYTES;
		p->msgs[i].msg_hdr.msg_iov = &p->iov[i];
		p->msgs[i].msg_hdr.msg_iovlen = 1;
		p->msgs[i].msg_hdr.msg_name = &p->from[i];
	}
	return p;
}

void nl_pipe_free(struct nl_pipe *p)
{
	if (!p)
		return;
	free(p->send_buf);
	free(p->recv_buf);
	free(p);
}

void nl_pipe_window(struct nl_pipe *p, unsigned int requests)
{
	int rcvbuf = sock_buf_size(p->fd, SO_RCVBUF);

	if (rcvbuf >= 0 && requests > (unsigned int)rcvbuf / PIPE_ROOM_PER_REQ)
		requests = rcvbuf / PIPE_ROOM_PER_REQ;
	p->window = requests ? requests : 1;
}

void nl_pipe_no_ack(struct nl_pipe *p)
{
	p->no_ack = true;
}

size_t nl_pipe_failed(const struct nl_pipe *p)
{
	return p->failed;
}

size_t nl_pipe_sent(const struct nl_pipe *p)
{
	return p->sent;
}

void *nl_pipe_req(struct nl_pipe *p)
{
	return p->send_buf + p->send_len;
}

static void handle_answer(struct nl_pipe *p, const struct nlmsghdr *nlh)
{
	uint32_t index = nlh->nlmsg_seq - p->base;
	const char *ext_ack;
	int err;

	/* Data (an NLM_F_ECHO copy) and answers from before the pipe. */
	if (nlh->nlmsg_type != NLMSG_ERROR || index >= p->sent)
		return;
	p->acked++;
	err = nl_msg_error(nlh, &ext_ack);
	if (!err)
		return;
	p->failed++;
	if (!p->first_err)
		p->first_err = err;
	if (p->on_err && p->on_err(index, err, ext_ack, p->data))
		p->stopped = true;
}

static void handle_datagram(struct nl_pipe *p, const struct mmsghdr *m)
{
	const struct sockaddr_nl *from = m->msg_hdr.msg_name;
	const struct nlmsghdr *nlh = m->msg_hdr.msg_iov->iov_base;
	int len = m->msg_len < PIPE_SLOT_BYTES ? (int)m->msg_len : PIPE_SLOT_BYTES;
	uint32_t portid = nl_portid(p->s);

	if (m->msg_hdr.msg_namelen != sizeof(*from) || from->nl_pid != 0 || from->nl_groups != 0)
		return;
	for (; nl_msg_ok(nlh, len); nlh = mnl_nlmsg_next(nlh, &len))
		if (nlh->nlmsg_pid == portid)
			handle_answer(p, nlh);
}

/* One recvmmsg() into the slots, its datagrams handled: how many, or -errno. */
static int receive_some(struct nl_pipe *p, int flags)
{
	int i, n;

	for (i = 0; i < PIPE_RECV_SLOTS; i++) {
		p->msgs[i].msg_hdr.msg_namelen = sizeof(p->from[i]);
		p->msgs[i].msg_hdr.msg_flags = 0;
	}
	do
		n = recvmmsg(p->fd, p->msgs, PIPE_RECV_SLOTS, flags, NULL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	for (i = 0; i < n; i++)
		handle_datagram(p, &p->msgs[i]);
	return n;
}

/*
 * Read answers until at most @max_in_flight requests wait for theirs;
 * without @wait, stop early when nothing more has arrived.
 */
static int receive_acks(struct nl_pipe *p, size_t max_in_flight, bool wait)
{
	int n;

	while (!p->local_err && p->sent - p->acked > max_in_flight) {
		n = receive_some(p, wait ? MSG_WAITFORONE : MSG_DONTWAIT);
		if (n == -EAGAIN && !wait)
			return 0;
		if (n < 0) {
			/* ENOBUFS: ACKs were dropped, and waiting for them
			 * would never end. */
			p->local_err = n;
			p->acked = p->sent;
		}
	}
	return p->local_err;
}

/*
 * Without NLM_F_ACK only the requests the kernel refused are answered.
 * The kernel handles every message of a datagram before sendmsg()
 * returns, so the errors of what was sent are all queued by then: read
 * them without waiting, and count the rest of the requests as answered.
 */
static int receive_errors(struct nl_pipe *p)
{
	int n;

	while (!p->local_err) {
		n = receive_some(p, MSG_DONTWAIT);
		if (n == -EAGAIN)
			break;
		/* ENOBUFS: errors were dropped, requests that failed would
		 * pass for done. */
		if (n < 0)
			p->local_err = n;
	}
	p->acked = p->sent;
	return p->local_err;
}

static void discard_queued(struct nl_pipe *p)
{
	p->send_len = 0;
	p->queued = 0;
}

static int send_queued(struct nl_pipe *p)
{
	static const struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	ssize_t n;

	if (p->queued < p->window)
		receive_acks(p, p->window - p->queued, true);
	else
		receive_acks(p, 0, true);
	if (p->stopped || p->local_err) {
		discard_queued(p);
		return p->local_err;
	}

	do {
		n = sendto(p->fd, p->send_buf, p->send_len, 0, (const struct sockaddr *)&kernel,
			   sizeof(kernel));
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		p->local_err = -errno;
		discard_queued(p);
		return p->local_err;
	}
	p->sent += p->queued;
	discard_queued(p);
	if (p->no_ack)
		return receive_errors(p);
	return receive_acks(p, 0, false);
}

int nl_pipe_push(struct nl_pipe *p)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)(p->send_buf + p->send_len);
	int ret = 0;

	if (p->local_err)
		return p->local_err;
	if (p->stopped)
		return 1;
	if (nlh->nlmsg_len < NLMSG_HDRLEN || nlh->nlmsg_len > NL_REQ_SIZE)
		return -EINVAL;

	nlh->nlmsg_flags |= NLM_F_REQUEST;
	if (p->no_ack)
		nlh->nlmsg_flags &= ~NLM_F_ACK;
	else
		nlh->nlmsg_flags |= NLM_F_ACK;
	nlh->nlmsg_seq = nl_seq_claim(p->s, 1);
	nlh->nlmsg_pid = 0;
	p->send_len += NLMSG_ALIGN(nlh->nlmsg_len);
	p->queued++;

	if (p->send_cap - p->send_len < NL_REQ_SIZE || p->sent - p->acked + p->queued >= p->window)
		ret = send_queued(p);
	if (ret)
		return ret;
	return p->stopped ? 1 : 0;
}

int nl_pipe_flush(struct nl_pipe *p)
{
	if (p->queued)
		send_queued(p);
	receive_acks(p, 0, true);
	if (p->local_err)
		return p->local_err;
	return p->first_err;
}
