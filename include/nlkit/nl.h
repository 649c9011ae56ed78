/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * nlkit netlink core: sockets, request/reply exchanges, dumps and the
 * pipelined sender, on top of libmnl.
 *
 * Every function that can fail returns 0 on success and a negative errno
 * on failure.  When the kernel attached an extended-ACK message to an
 * error, it is kept in the socket and returned by nl_ext_ack_msg() until
 * the next exchange on that socket.
 */
#ifndef NLKIT_NL_H
#define NLKIT_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libmnl/libmnl.h>

struct nl_sock;

/*
 * Called once per netlink message of a reply or dump, never for
 * NLMSG_DONE, NLMSG_ERROR or NLMSG_NOOP.  Return MNL_CB_OK to go on,
 * MNL_CB_STOP to end the exchange early (the rest of the reply is drained
 * and discarded) or MNL_CB_ERROR to abort it with -EINVAL (or -errno if
 * the callback set errno).  @nlh lives in the socket's receive buffer
 * until the callback returns.  A callback may talk on another socket,
 * not on this one: nl_talk() and nl_dump() called from it fail with
 * -EBUSY (collect the dump first, then ask).
 */
typedef int (*nl_msg_cb)(const struct nlmsghdr *nlh, void *data);

/**
 * nl_open - open a netlink socket of protocol @protocol
 * @protocol: NETLINK_ROUTE, NETLINK_XFRM, NETLINK_SOCK_DIAG, ...
 * @groups: multicast groups to join (the legacy bitmask), or 0
 *
 * The socket gets a 32 MiB receive buffer (SO_RCVBUFFORCE where allowed,
 * SO_RCVBUF otherwise), NETLINK_EXT_ACK, NETLINK_CAP_ACK and
 * NETLINK_GET_STRICT_CHK (options the kernel does not know are ignored).
 * It is opened with SOCK_CLOEXEC.  Returns NULL with errno set on failure.
 */
struct nl_sock *nl_open(int protocol, unsigned int groups);

/**
 * nl_open_netns - nl_open() inside the network namespace at @netns_path
 * @netns_path: a file that names a network namespace, such as
 *              /run/netns/NAME or /proc/PID/ns/net
 *
 * The calling thread enters the namespace only for the socket() call and
 * returns to its own namespace before this function returns.
 */
struct nl_sock *nl_open_netns(const char *netns_path, int protocol, unsigned int groups);

/** nl_close - close @s and free everything it owns; NULL is a no-op. */
void nl_close(struct nl_sock *s);

/** nl_fd - the socket's file descriptor, for poll(). */
int nl_fd(const struct nl_sock *s);

/** nl_portid - the port id the kernel bound the socket to. */
uint32_t nl_portid(const struct nl_sock *s);

/** nl_join_group - join multicast group @group (an RTNLGRP_* number). */
int nl_join_group(struct nl_sock *s, unsigned int group);

/**
 * nl_set_rcvbuf - set the receive buffer to @bytes (as `ip -rc`).
 */
int nl_set_rcvbuf(struct nl_sock *s, int bytes);

/**
 * nl_ext_ack_msg - the extended-ACK text of the last failed exchange on
 * @s, or NULL when the kernel gave none.  A successful exchange may have
 * one too: a warning the kernel attached to its ACK.
 */
const char *nl_ext_ack_msg(const struct nl_sock *s);

/**
 * nl_seq_claim - take @count consecutive sequence numbers of @s for
 * requests sent by other means than nl_talk() and nl_dump(), so that
 * their replies are never taken for the answer to a later exchange.
 * Returns the first of them.
 */
uint32_t nl_seq_claim(struct nl_sock *s, uint32_t count);

/**
 * nl_msg_ok - whether a whole message starts at @nlh with @len bytes
 * left: its header fits, and its nlmsg_len covers that header without
 * running past @len.  Use it where mnl_nlmsg_ok() would go, with
 * mnl_nlmsg_next() to step: libmnl 1.0.4's check lets a nlmsg_len of
 * 2 GiB or more through.
 */
bool nl_msg_ok(const struct nlmsghdr *nlh, int len);

/**
 * nl_msg_error - what an NLMSG_ERROR or NLMSG_DONE message reports
 * @nlh: the message; its nlmsg_len bytes must be readable (as
 *       nl_msg_ok() checks)
 * @ext_ack: set to the kernel's extended-ACK text, pointing into @nlh,
 *           or to NULL
 *
 * Returns 0 for an ACK or a clean end of dump, the -errno the kernel
 * reported, or -EBADMSG for a message too short or with a code that is
 * no errno.
 */
int nl_msg_error(const struct nlmsghdr *nlh, const char **ext_ack);

/*
 * Request building.  A request lives in caller storage of at least
 * NL_REQ_SIZE bytes (aligned for struct nlmsghdr); attributes are added
 * with libmnl's mnl_attr_put*() and mnl_attr_nest_start()/_end(), whose
 * _check variants take NL_REQ_SIZE as the buffer length.
 */
#define NL_REQ_SIZE 16384

/* Caller storage for one request, aligned for the headers it starts with. */
union nl_req_buf {
	struct nlmsghdr nlh;
	char buf[NL_REQ_SIZE];
};

/**
 * nl_req_init - start a request in @buf
 * @type: message type (RTM_GETLINK, ...)
 * @flags: NLM_F_* flags; NLM_F_REQUEST is always added
 * @hdr_len: size of the family header that follows (struct ifinfomsg, ...)
 *
 * The NL_REQ_SIZE bytes at @buf are zeroed first, so that the padding
 * libmnl leaves after an attribute goes out as zeros, as the reference's
 * does.  Returns the zeroed family header, or NULL when @hdr_len is 0.  The
 * netlink header is at @buf.  nl_talk() and nl_dump() fill in the
 * sequence number.
 */
void *nl_req_init(void *buf, uint16_t type, uint16_t flags, size_t hdr_len);

/**
 * nl_talk - send one request and wait for its answer
 * @req: the request; NLM_F_ACK is added so that success is reported
 * @cb: called for each reply message (RTM_NEWLINK for a RTM_GETLINK, ...),
 *      or NULL
 *
 * Returns 0 once the kernel acknowledged the request, or -errno for the
 * error it reported (see nl_ext_ack_msg()) or for a local failure
 * (-EMSGSIZE for a reply datagram larger than the 1 MiB receive buffer).
 * When @cb failed, its error is returned once the kernel answered.
 */
int nl_talk(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb, void *data);

/**
 * nl_set_exchange_hook - have nl_talk() and nl_dump(), on any socket, call
 * @hook(@data) before they send their request; NULL removes it.  A layer
 * that holds requests back (ip -batch's pipeline) uses it to send them
 * first, so that no exchange sees the kernel's state without them.
 * Exchanges the hook makes itself do not call it again.
 */
void nl_set_exchange_hook(void (*hook)(void *data), void *data);

/**
 * nl_ask - send one request without NLM_F_ACK (NLM_F_ACK is cleared) and
 * wait for its one answer: the first reply message, passed to @cb, or
 * the kernel's error.  For requests the kernel answers with a single
 * message and which the reference sends unacknowledged (xfrm's GETSA,
 * GETPOLICY, ALLOCSPI, GETSPDINFO), so that the requests on the wire are
 * the same.  Returns 0 once @cb saw the reply (or its error, as for
 * nl_talk()), or -errno.  A request the kernel answers with nothing but
 * an ACK must not be asked this way: it would wait forever.
 */
int nl_ask(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb, void *data);

/*
 * Dumps.  A dump whose reply is marked NLM_F_DUMP_INTR (the table changed
 * while it was read) or which overflowed the receive buffer (ENOBUFS) is
 * restarted from the beginning when the caller can undo what it saw, that
 * is when it gave a @restart hook; up to NL_DUMP_RETRIES times.
 */
#define NL_DUMP_RETRIES 8

struct nl_dump_ops {
	nl_msg_cb msg;			/* per message; required */
	void (*restart)(void *data);	/* forget what msg saw; optional */
};

/**
 * nl_dump - run dump request @req (NLM_F_DUMP is added)
 * @req: sent again for a restart: it must outlive the call unchanged (a
 *       callback must not build its own requests in the same buffer)
 *
 * Returns 0 at NLMSG_DONE; the error carried by NLMSG_DONE or
 * NLMSG_ERROR as -errno; -EINTR when the dump was interrupted and there
 * was no @restart hook, or it still was after NL_DUMP_RETRIES restarts
 * (the callback then saw every message, consistent or not); -ENOBUFS
 * likewise; the callback's error or a local failure as for nl_talk().
 * A callback's MNL_CB_STOP or error still reads the dump to its end, so
 * that the socket can start the next one.
 */
int nl_dump(struct nl_sock *s, struct nlmsghdr *req, const struct nl_dump_ops *ops, void *data);

/*
 * Collected dumps: the messages of a dump copied into one growing arena,
 * for commands that join several dumps (links with their addresses) or
 * must read everything before acting (flush).
 */
struct nl_msgs {
	char *buf;
	size_t len, cap;
	size_t count;
};

/**
 * nl_dump_collect - nl_dump() into @out, restarting cleanly when needed
 * @out: zeroed, or holding earlier dumps: the messages are appended, and
 *       a restart drops only what this dump added.  On failure @out may
 *       hold part of the dump; nl_msgs_free() it either way.
 */
int nl_dump_collect(struct nl_sock *s, struct nlmsghdr *req, struct nl_msgs *out);

/**
 * nl_talk_collect - nl_talk() whose replies are appended to @out (a
 * RTM_GETLINK for one device, say).  On failure @out is as it was.
 */
int nl_talk_collect(struct nl_sock *s, struct nlmsghdr *req, struct nl_msgs *out);

/** nl_msgs_free - release the arena of @m and empty it. */
void nl_msgs_free(struct nl_msgs *m);

/*
 * Iterate over the messages of a struct nl_msgs.  An empty one may have
 * no arena at all: NULL + 0 is undefined behaviour, so it is not computed.
 */
#define nl_msgs_for_each(m, nlh)                                                         \
	for ((nlh) = (struct nlmsghdr *)(m)->buf;                                      \
	     (nlh) && (char *)(nlh) < (m)->buf + (m)->len;                             \
	     (nlh) = (struct nlmsghdr *)((char *)(nlh) + NLMSG_ALIGN((nlh)->nlmsg_len)))

/*
 * The pipelined sender.  Requests are queued into large send buffers and
 * sent in as few sendmsg() calls as the socket takes, keeping at most a
 * window of unacknowledged requests in flight so that the ACKs never
 * overflow the receive buffer.  Every request is acknowledged (NLM_F_ACK
 * is added, unless nl_pipe_no_ack() asked otherwise) and every ACK or
 * error is matched to its request by sequence number.  While a pipe is in
 * use, its socket carries nothing else: nl_talk() or nl_dump() on it would
 * take the pipe's ACKs.  The requests must not be dumps, which are
 * answered without an ACK.
 */
struct nl_pipe;

/*
 * Called for each request the kernel refused, in the order of the
 * requests: @index counts requests from 0 in the order they were queued,
 * @err is -errno and @ext_ack the kernel's extended-ACK text or NULL.
 * Return 0 to go on, non-zero to stop sending (requests already sent are
 * still acknowledged and reported; the rest are discarded).
 */
typedef int (*nl_pipe_err_cb)(size_t index, int err, const char *ext_ack, void *data);

/**
 * nl_pipe_new - a pipelined sender on @s; NULL with errno on failure.
 * It raises the send buffer of @s (to 256 KiB, forced where allowed) so
 * that a batch of requests goes in one sendmsg().
 */
struct nl_pipe *nl_pipe_new(struct nl_sock *s, nl_pipe_err_cb on_err, void *data);

/**
 * nl_pipe_req - space for the next request, at least NL_REQ_SIZE bytes;
 * fill it with nl_req_init() and mnl_attr_put*(), then nl_pipe_push().
 * The space is part of the pipe's send buffer, allocated with the pipe:
 * never NULL.
 */
void *nl_pipe_req(struct nl_pipe *p);

/**
 * nl_pipe_push - queue the request built in the space nl_pipe_req() gave;
 * it may be sent at once.  Returns 0, a negative errno on a local failure
 * (the socket; -EINVAL for a request whose nlmsg_len is not within
 * [NLMSG_HDRLEN, NL_REQ_SIZE]), or 1 once the error callback asked to
 * stop: from then on requests are dropped unsent.
 */
int nl_pipe_push(struct nl_pipe *p);

/**
 * nl_pipe_flush - send what is queued and wait for every ACK.  Returns 0,
 * or the first -errno that a request got since nl_pipe_new(), or a local
 * failure (-ENOBUFS when ACKs were lost, the window being larger than
 * the receive buffer could take).
 */
int nl_pipe_flush(struct nl_pipe *p);

/**
 * nl_pipe_no_ack - send the requests of @p without NLM_F_ACK (it is
 * cleared), as the reference's flushes do: the kernel then answers only
 * the requests it refuses, with the same error messages, which reach the
 * error callback and nl_pipe_flush() as before; what succeeded costs no
 * answer to make, queue and read.  This relies on the kernel handling
 * every message of a datagram before sendmsg() returns, as rtnetlink
 * does: the errors of a batch are read right after it is sent, without
 * waiting.  Call it before the first nl_pipe_push().  The window still
 * bounds the requests per datagram, so that their errors fit the receive
 * buffer.
 */
void nl_pipe_no_ack(struct nl_pipe *p);

/** nl_pipe_failed - how many requests the kernel refused so far. */
size_t nl_pipe_failed(const struct nl_pipe *p);

/**
 * nl_pipe_sent - how many requests were handed to the kernel so far:
 * after the error callback asked to stop, the requests from this index
 * on were discarded unsent.
 */
size_t nl_pipe_sent(const struct nl_pipe *p);

/** nl_pipe_free - free @p; requests still queued are not sent. */
void nl_pipe_free(struct nl_pipe *p);

/**
 * nl_pipe_window - set how many unacknowledged requests may be in flight:
 * @requests, but at least 1 and at most what the socket's receive buffer
 * holds now at 4 KiB per request (room for its ACK and an echo).  The
 * default, 1024, fits the buffer nl_open() sets up as root (see
 * nl_set_rcvbuf() to grow it otherwise, before this call).
 */
void nl_pipe_window(struct nl_pipe *p, unsigned int requests);

#endif
