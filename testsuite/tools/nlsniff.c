// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nlsniff: an LD_PRELOAD shim that records the netlink messages a program
 * sends, so that the test suite can compare the requests of our tools with
 * those of the reference ones.
 *
 * It wraps send(), sendto(), sendmsg() and sendmmsg().  When the socket is
 * an AF_NETLINK one and $NLSNIFF_OUT names a file, every netlink message of
 * the buffer is appended to that file before the real function is called.
 * The file is text, one record per line, fields separated by one space:
 *
 *   msg PROTO TYPE FLAGS SEQ PID LEN PAYLOAD
 *   junk PROTO LEN BYTES
 *
 * PROTO is the socket's netlink protocol (0 for NETLINK_ROUTE), TYPE,
 * FLAGS, SEQ, PID and LEN are the nlmsghdr fields, all in decimal.  PAYLOAD
 * is the LEN - 16 bytes after the header in lowercase hex ("-" when there
 * are none); the alignment padding between messages is not recorded.  A
 * "junk" record holds, in hex, bytes at the end of a buffer that do not form
 * a whole message (fewer than a header, or an nlmsg_len that does not fit).
 * A send that is retried (EINTR, EAGAIN) is recorded once per attempt.
 *
 * A send may happen in a signal handler, so recording uses only open(),
 * write(), close() and getsockopt() on a stack buffer, never malloc() or
 * stdio; the real functions and the output path are looked up once, when the
 * shim is loaded.  errno is restored before the real function runs, so the
 * caller sees exactly the errno the real call leaves.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static __typeof__(send) *real_send;
static __typeof__(sendto) *real_sendto;
static __typeof__(sendmsg) *real_sendmsg;
static __typeof__(sendmmsg) *real_sendmmsg;
static const char *out_path;

/*
 * Called when the shim is loaded, and again by a wrapper that finds its
 * function unresolved (another library's constructor sent something before
 * ours ran).
 */
static void resolve(void)
{
	real_send = dlsym(RTLD_NEXT, "send");
	real_sendto = dlsym(RTLD_NEXT, "sendto");
	real_sendmsg = dlsym(RTLD_NEXT, "sendmsg");
	real_sendmmsg = dlsym(RTLD_NEXT, "sendmmsg");
	out_path = getenv("NLSNIFF_OUT");
}

__attribute__((constructor)) static void nlsniff_init(void)
{
	resolve();
}

struct out {
	int fd;
	size_t used;
	char buf[4096];
};

static void out_flush(struct out *o)
{
	size_t done = 0;
	ssize_t n;

	while (done < o->used) {
		n = write(o->fd, o->buf + done, o->used - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += n;
	}
	o->used = 0;
}

static void out_char(struct out *o, char c)
{
	if (o->used == sizeof(o->buf))
		out_flush(o);
	o->buf[o->used++] = c;
}

static void out_str(struct out *o, const char *s)
{
	while (*s)
		out_char(o, *s++);
}

static void out_uint(struct out *o, unsigned long v)
{
	char digits[24];
	int n = 0;

	do {
		digits[n++] = '0' + v % 10;
		v /= 10;
	} while (v);
	while (n)
		out_char(o, digits[--n]);
}

static void out_hex(struct out *o, const unsigned char *p, size_t len)
{
	static const char hexdigits[] = "0123456789abcdef";

	while (len--) {
		out_char(o, hexdigits[*p >> 4]);
		out_char(o, hexdigits[*p & 0xf]);
		p++;
	}
}

/* The bytes of a send, which may be spread over several iovecs. */
struct cursor {
	const struct iovec *iov;
	size_t iovcnt;
	size_t off;	/* into iov[0] */
	size_t left;	/* bytes still to read, over all iovecs */
};

static size_t cursor_read(struct cursor *c, void *dst, size_t len)
{
	size_t got = 0, chunk;

	if (len > c->left)
		len = c->left;
	while (got < len && c->iovcnt) {
		chunk = c->iov->iov_len - c->off;
		if (chunk > len - got)
			chunk = len - got;
		if (dst)
			memcpy((char *)dst + got, (const char *)c->iov->iov_base + c->off, chunk);
		got += chunk;
		c->off += chunk;
		if (c->off == c->iov->iov_len) {
			c->iov++;
			c->iovcnt--;
			c->off = 0;
		}
	}
	c->left -= got;
	return got;
}

static void cursor_hex(struct out *o, struct cursor *c, size_t len)
{
	unsigned char chunk[256];
	size_t got;

	while (len) {
		got = cursor_read(c, chunk, len < sizeof(chunk) ? len : sizeof(chunk));
		if (!got)
			break;
		out_hex(o, chunk, got);
		len -= got;
	}
}

static int netlink_protocol(int fd)
{
	int domain, protocol;
	socklen_t len = sizeof(domain);

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &len) || domain != AF_NETLINK)
		return -1;
	len = sizeof(protocol);
	if (getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, &protocol, &len))
		return -1;
	return protocol;
}

static void record_messages(struct out *o, int protocol, struct cursor *c)
{
	struct nlmsghdr hdr;
	size_t got, pad;

	while (c->left) {
		got = cursor_read(c, &hdr, sizeof(hdr));
		if (got < sizeof(hdr) || hdr.nlmsg_len < sizeof(hdr) ||
		    hdr.nlmsg_len - sizeof(hdr) > c->left) {
			out_str(o, "junk ");
			out_uint(o, protocol);
			out_char(o, ' ');
			out_uint(o, got + c->left);
			out_char(o, ' ');
			out_hex(o, (const unsigned char *)&hdr, got);
			cursor_hex(o, c, c->left);
			out_char(o, '\n');
			return;
		}
		out_str(o, "msg ");
		out_uint(o, protocol);
		out_char(o, ' ');
		out_uint(o, hdr.nlmsg_type);
		out_char(o, ' ');
		out_uint(o, hdr.nlmsg_flags);
		out_char(o, ' ');
		out_uint(o, hdr.nlmsg_seq);
		out_char(o, ' ');
		out_uint(o, hdr.nlmsg_pid);
		out_char(o, ' ');
		out_uint(o, hdr.nlmsg_len);
		out_char(o, ' ');
		if (hdr.nlmsg_len == sizeof(hdr))
			out_char(o, '-');
		else
			cursor_hex(o, c, hdr.nlmsg_len - sizeof(hdr));
		out_char(o, '\n');
		pad = NLMSG_ALIGN(hdr.nlmsg_len) - hdr.nlmsg_len;
		cursor_read(c, NULL, pad);
	}
}

static void record(int fd, const struct iovec *iov, size_t iovcnt)
{
	struct cursor c = { .iov = iov, .iovcnt = iovcnt };
	struct out o;
	int protocol;
	size_t i;

	if (!out_path || !*out_path)
		return;
	protocol = netlink_protocol(fd);
	if (protocol < 0)
		return;
	for (i = 0; i < iovcnt; i++)
		c.left += iov[i].iov_len;
	o.fd = open(out_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (o.fd < 0)
		return;
	o.used = 0;
	record_messages(&o, protocol, &c);
	out_flush(&o);
	close(o.fd);
}

static void record_buffer(int fd, const void *buf, size_t len)
{
	struct iovec iov = { .iov_base = (void *)buf, .iov_len = len };

	if (buf)
		record(fd, &iov, 1);
}

static void record_msghdr(int fd, const struct msghdr *msg)
{
	if (msg && msg->msg_iov)
		record(fd, msg->msg_iov, msg->msg_iovlen);
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	int saved_errno = errno;

	if (!real_send)
		resolve();
	record_buffer(fd, buf, len);
	errno = saved_errno;
	return real_send(fd, buf, len, flags);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, __CONST_SOCKADDR_ARG addr,
	       socklen_t addrlen)
{
	int saved_errno = errno;

	if (!real_sendto)
		resolve();
	record_buffer(fd, buf, len);
	errno = saved_errno;
	return real_sendto(fd, buf, len, flags, addr, addrlen);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	int saved_errno = errno;

	if (!real_sendmsg)
		resolve();
	record_msghdr(fd, msg);
	errno = saved_errno;
	return real_sendmsg(fd, msg, flags);
}

int sendmmsg(int fd, struct mmsghdr *msgvec, unsigned int vlen, int flags)
{
	int saved_errno = errno;
	unsigned int i;

	if (!real_sendmmsg)
		resolve();
	for (i = 0; msgvec && i < vlen; i++)
		record_msghdr(fd, &msgvec[i].msg_hdr);
	errno = saved_errno;
	return real_sendmmsg(fd, msgvec, vlen, flags);
}
