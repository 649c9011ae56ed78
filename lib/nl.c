// SPDX-License-Identifier: GPL-2.0-or-later
/* Netlink sockets, request/reply exchanges and dumps. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

/* What nl_open() asks for: room for a burst of notifications or a large
 * window of pipelined ACKs. */
#define NL_RCVBUF_BYTES (32 << 20)

/*
 * The kernel fills a dump skb up to 32 KiB, but a single message (a link
 * with many VFs, and then every skb of that dump) can be larger, and a
 * datagram that does not fit is lost.  The buffer is malloc()ed, so its
 * untouched pages cost nothing: be generous.
 */
#define NL_RECV_BYTES (1 << 20)

/* Kernel extended-ACK texts are short; a longer one is cut. */
#define NL_EXT_ACK_BYTES 512

struct nl_sock {
	struct mnl_socket *mnl;
	int fd;
	uint32_t portid;
	uint32_t seq;
	char *recv_buf;
	bool busy;		/* in an exchange: callbacks may not start another */
	bool has_ext_ack;
	char ext_ack[NL_EXT_ACK_BYTES];
};

static struct {
	void (*fn)(void *data);
	void *data;
	bool running;
} exchange_hook;

void nl_set_exchange_hook(void (*hook)(void *data), void *data)
{
	exchange_hook.fn = hook;
	exchange_hook.data = data;
}

/* The hook may talk itself; its own exchanges do not call it again. */
static void run_exchange_hook(void)
{
	if (!exchange_hook.fn || exchange_hook.running)
		return;
	exchange_hook.running = true;
	exchange_hook.fn(exchange_hook.data);
	exchange_hook.running = false;
}

static void set_buf_size(int fd, int force_opt, int opt, int bytes)
{
	if (setsockopt(fd, SOL_SOCKET, force_opt, &bytes, sizeof(bytes)) < 0)
		setsockopt(fd, SOL_SOCKET, opt, &bytes, sizeof(bytes));
}

/* Options, binding and state for a socket made in whichever netns. */
static struct nl_sock *nl_setup(struct mnl_socket *mnl, unsigned int groups)
{
	static const int sock_opts[] = { NETLINK_EXT_ACK, NETLINK_CAP_ACK, NETLINK_GET_STRICT_CHK };
	struct nl_sock *s;
	int on = 1, saved;
	size_t i;

	s = calloc(1, sizeof(*s));
	if (!s)
		goto fail;
	s->recv_buf = malloc(NL_RECV_BYTES);
	if (!s->recv_buf)
		goto fail;
	s->mnl = mnl;
	s->fd = mnl_socket_get_fd(mnl);

	set_buf_size(s->fd, SO_RCVBUFFORCE, SO_RCVBUF, NL_RCVBUF_BYTES);
	/* Protocols without one of these options refuse it: nothing lost. */
	for (i = 0; i < ARRAY_SIZE(sock_opts); i++)
		setsockopt(s->fd, SOL_NETLINK, sock_opts[i], &on, sizeof(on));

	if (mnl_socket_bind(mnl, groups, MNL_SOCKET_AUTOPID) < 0)
		goto fail;
	s->portid = mnl_socket_get_portid(mnl);
	return s;

fail:
	saved = errno;
	if (s)
		free(s->recv_buf);
	free(s);
	mnl_socket_close(mnl);
	errno = saved;
	return NULL;
}

struct nl_sock *nl_open(int protocol, unsigned int groups)
{
	struct mnl_socket *mnl = mnl_socket_open2(protocol, SOCK_CLOEXEC);

	if (!mnl)
		return NULL;
	return nl_setup(mnl, groups);
}

struct nl_sock *nl_open_netns(const char *netns_path, int protocol, unsigned int groups)
{
	struct mnl_socket *mnl = NULL;
	int own, target, saved;

	own = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (own < 0)
		return NULL;
	target = open(netns_path, O_RDONLY | O_CLOEXEC);
	if (target >= 0 && setns(target, CLONE_NEWNET) == 0) {
		mnl = mnl_socket_open2(protocol, SOCK_CLOEXEC);
		saved = errno;
		/* Stuck in the other namespace, the thread would open all
		 * later sockets there: the caller must hear of it. */
		if (setns(own, CLONE_NEWNET) < 0) {
			saved = errno;
			if (mnl)
				mnl_socket_close(mnl);
			mnl = NULL;
		}
		errno = saved;
	}

	saved = errno;
	if (target >= 0)
		close(target);
	close(own);
	errno = saved;
	return mnl ? nl_setup(mnl, groups) : NULL;
}

void nl_close(struct nl_sock *s)
{
	if (!s)
		return;
	mnl_socket_close(s->mnl);
	free(s->recv_buf);
	free(s);
}

int nl_fd(const struct nl_sock *s)
{
	return s->fd;
}

uint32_t nl_portid(const struct nl_sock *s)
{
	return s->portid;
}

int nl_join_group(struct nl_sock *s, unsigned int group)
{
	int g = group;

	if (mnl_socket_setsockopt(s->mnl, NETLINK_ADD_MEMBERSHIP, &g, sizeof(g)) < 0)
		return -errno;
	return 0;
}

int nl_set_rcvbuf(struct nl_sock *s, int bytes)
{
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUFFORCE, &bytes, sizeof(bytes)) == 0)
		return 0;
	if (setsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof(bytes)) == 0)
		return 0;
	return -errno;
}

const char *nl_ext_ack_msg(const struct nl_sock *s)
{
	return s->has_ext_ack ? s->ext_ack : NULL;
}

uint32_t nl_seq_claim(struct nl_sock *s, uint32_t count)
{
	uint32_t first = s->seq + 1;

	s->seq += count;
	return first;
}

void *nl_req_init(void *buf, uint16_t type, uint16_t flags, size_t hdr_len)
{
	struct nlmsghdr *nlh;

	/* libmnl 1.0.4 leaves the padding after an attribute as it finds it:
	 * a zeroed buffer keeps stale bytes off the wire. */
	memset(buf, 0, NL_REQ_SIZE);
	nlh = mnl_nlmsg_put_header(buf);

	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = NLM_F_REQUEST | flags;
	if (!hdr_len)
		return NULL;
	return mnl_nlmsg_put_extra_header(nlh, hdr_len);
}

bool nl_msg_ok(const struct nlmsghdr *nlh, int len)
{
	return len >= (int)sizeof(*nlh) && nlh->nlmsg_len >= sizeof(*nlh) &&
	       nlh->nlmsg_len <= (unsigned int)len;
}

/*
 * The extended-ACK TLVs of an NLMSG_ERROR or NLMSG_DONE start after the
 * error code and, unless the kernel capped it, after the whole request
 * it echoes.
 */
static size_t ext_ack_offset(const struct nlmsghdr *nlh, size_t payload_len)
{
	const struct nlmsgerr *e = mnl_nlmsg_get_payload(nlh);

	if (nlh->nlmsg_type == NLMSG_DONE)
		return NLMSG_ALIGN(sizeof(int));
	if (nlh->nlmsg_flags & NLM_F_CAPPED)
		return NLMSG_ALIGN(sizeof(*e));
	if (payload_len < sizeof(*e))
		return SIZE_MAX;
	return NLMSG_ALIGN(sizeof(int) + (size_t)e->msg.nlmsg_len);
}

int nl_msg_error(const struct nlmsghdr *nlh, const char **ext_ack)
{
	static const struct nl_attr_policy policy[NLMSGERR_ATTR_MSG + 1] = {
		[NLMSGERR_ATTR_MSG] = { .kind = NLA_STR },
	};
	const struct nlattr *tb[NLMSGERR_ATTR_MSG + 1];
	size_t payload_len, off;
	const char *payload;
	int err;

	*ext_ack = NULL;
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(int))
		return -EBADMSG;
	payload = mnl_nlmsg_get_payload(nlh);
	payload_len = nlh->nlmsg_len - NLMSG_HDRLEN;
	memcpy(&err, payload, sizeof(err));
	if (err > 0 || err < -4095)
		return -EBADMSG;

	if (nlh->nlmsg_flags & NLM_F_ACK_TLVS) {
		off = ext_ack_offset(nlh, payload_len);
		if (off < payload_len) {
			nl_attr_parse(payload + off, payload_len - off, tb, NLMSGERR_ATTR_MSG,
				      policy);
			if (tb[NLMSGERR_ATTR_MSG])
				*ext_ack = mnl_attr_get_str(tb[NLMSGERR_ATTR_MSG]);
		}
	}
	return err;
}

static void keep_ext_ack(struct nl_sock *s, const char *text)
{
	if (!text)
		return;
	s->has_ext_ack = true;
	strncpy(s->ext_ack, text, sizeof(s->ext_ack) - 1);
	s->ext_ack[sizeof(s->ext_ack) - 1] = '\0';
}

static int send_req(struct nl_sock *s, struct nlmsghdr *req)
{
	if (mnl_socket_sendto(s->mnl, req, req->nlmsg_len) < 0)
		return -errno;
	return 0;
}

/*
 * Receive one datagram into the socket's buffer.  Returns its length or
 * -errno; 0 for a datagram that did not come from the kernel to us alone
 * (another process, a multicast notification), which the caller skips.
 */
static int recv_datagram(struct nl_sock *s)
{
	struct sockaddr_nl from;
	struct iovec iov = { .iov_base = s->recv_buf, .iov_len = NL_RECV_BYTES };
	struct msghdr msg = {
		.msg_name = &from,
		.msg_namelen = sizeof(from),
		.msg_iov = &iov,
		.msg_iovlen = 1,
	};
	ssize_t n;

	do {
		n = recvmsg(s->fd, &msg, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (msg.msg_flags & MSG_TRUNC)
		return -EMSGSIZE;
	if (msg.msg_namelen != sizeof(from) || from.nl_pid != 0 || from.nl_groups != 0)
		return 0;
	return n;
}

/* Run a message callback, turning MNL_CB_ERROR into -errno. */
static int run_cb(nl_msg_cb cb, const struct nlmsghdr *nlh, void *data, bool *stop)
{
	int ret;

	errno = 0;
	ret = cb(nlh, data);
	if (ret == MNL_CB_ERROR)
		return errno > 0 ? -errno : -EINVAL;
	if (ret == MNL_CB_STOP)
		*stop = true;
	return 0;
}

/*
 * Read the answer to request @seq up to its NLMSG_ERROR or NLMSG_DONE,
 * passing the data messages to @cb until it stops or fails.  For a dump,
 * @interrupted notes NLM_F_DUMP_INTR or a receive-buffer overflow, after
 * which messages are passed on only when the dump cannot be restarted
 * (!@can_restart); for anything else (@interrupted NULL) an overflow
 * fails the exchange.
 */
static int read_answer(struct nl_sock *s, uint32_t seq, nl_msg_cb cb, void *data,
		       int *interrupted, bool can_restart, bool first_only)
{
	const struct nlmsghdr *nlh;
	const char *ext_ack;
	int cb_err = 0, ret, n;
	bool stop = false;

	for (;;) {
		n = recv_datagram(s);
		if (n == -ENOBUFS && interrupted) {
			*interrupted = -ENOBUFS;
			continue;
		}
		if (n < 0)
			return n;
		for (nlh = (struct nlmsghdr *)s->recv_buf; nl_msg_ok(nlh, n);
		     nlh = mnl_nlmsg_next(nlh, &n)) {
			if (nlh->nlmsg_seq != seq || nlh->nlmsg_pid != s->portid)
				continue;
			if (interrupted && nlh->nlmsg_flags & NLM_F_DUMP_INTR && !*interrupted)
				*interrupted = -EINTR;
			if (nlh->nlmsg_type == NLMSG_ERROR || nlh->nlmsg_type == NLMSG_DONE) {
				ret = nl_msg_error(nlh, &ext_ack);
				keep_ext_ack(s, ext_ack);
				return cb_err ? cb_err : ret;
			}
			if (nlh->nlmsg_type < NLMSG_MIN_TYPE || !cb || stop || cb_err ||
			    (interrupted && *interrupted && can_restart))
				continue;
			cb_err = run_cb(cb, nlh, data, &stop);
			if (first_only)
				return cb_err;
		}
	}
}

int nl_talk(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb, void *data)
{
	int ret;

	if (s->busy)
		return -EBUSY;
	run_exchange_hook();
	s->has_ext_ack = false;
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	req->nlmsg_seq = nl_seq_claim(s, 1);
	req->nlmsg_pid = 0;
	ret = send_req(s, req);
	if (ret)
		return ret;
	s->busy = true;
	ret = read_answer(s, req->nlmsg_seq, cb, data, NULL, false, false);
	s->busy = false;
	return ret;
}

int nl_ask(struct nl_sock *s, struct nlmsghdr *req, nl_msg_cb cb, void *data)
{
	int ret;

	if (s->busy)
		return -EBUSY;
	run_exchange_hook();
	s->has_ext_ack = false;
	req->nlmsg_flags |= NLM_F_REQUEST;
	req->nlmsg_flags &= ~NLM_F_ACK;
	req->nlmsg_seq = nl_seq_claim(s, 1);
	req->nlmsg_pid = 0;
	ret = send_req(s, req);
	if (ret)
		return ret;
	s->busy = true;
	ret = read_answer(s, req->nlmsg_seq, cb, data, NULL, false, true);
	s->busy = false;
	return ret;
}

int nl_dump(struct nl_sock *s, struct nlmsghdr *req, const struct nl_dump_ops *ops, void *data)
{
	unsigned int attempt;
	int ret, interrupted;

	if (s->busy)
		return -EBUSY;
	run_exchange_hook();
	s->has_ext_ack = false;
	req->nlmsg_flags |= NLM_F_REQUEST | NLM_F_DUMP;
	req->nlmsg_pid = 0;
	s->busy = true;
	for (attempt = 0;; attempt++) {
		bool can_restart = ops->restart && attempt < NL_DUMP_RETRIES;

		interrupted = 0;
		req->nlmsg_seq = nl_seq_claim(s, 1);
		ret = send_req(s, req);
		if (!ret)
			ret = read_answer(s, req->nlmsg_seq, ops->msg, data, &interrupted,
					  can_restart, false);
		if (ret || !interrupted)
			break;
		if (!can_restart) {
			ret = interrupted;
			break;
		}
		ops->restart(data);
	}
	s->busy = false;
	return ret;
}

/* Arena growth: doubling keeps the copies amortized O(1) per byte. */
static int msgs_reserve(struct nl_msgs *m, size_t need)
{
	size_t cap = m->cap ? m->cap : 65536;
	char *buf;

	if (need <= m->cap)
		return 0;
	while (cap < need) {
		if (cap > SIZE_MAX / 2)
			return -ENOMEM;
		cap *= 2;
	}
	buf = realloc(m->buf, cap);
	if (!buf)
		return -ENOMEM;
	m->buf = buf;
	m->cap = cap;
	return 0;
}

/* Where this dump's messages begin in the arena, to start over from. */
struct collect {
	struct nl_msgs *m;
	size_t start_len, start_count;
};

static int collect_msg(const struct nlmsghdr *nlh, void *data)
{
	struct nl_msgs *m = ((struct collect *)data)->m;
	size_t size = NLMSG_ALIGN(nlh->nlmsg_len);

	if (msgs_reserve(m, m->len + size) < 0) {
		errno = ENOMEM;
		return MNL_CB_ERROR;
	}
	memcpy(m->buf + m->len, nlh, nlh->nlmsg_len);
	memset(m->buf + m->len + nlh->nlmsg_len, 0, size - nlh->nlmsg_len);
	m->len += size;
	m->count++;
	return MNL_CB_OK;
}

static void collect_restart(void *data)
{
	struct collect *c = data;

	c->m->len = c->start_len;
	c->m->count = c->start_count;
}

int nl_dump_collect(struct nl_sock *s, struct nlmsghdr *req, struct nl_msgs *out)
{
	static const struct nl_dump_ops ops = { .msg = collect_msg, .restart = collect_restart };
	struct collect c = { .m = out, .start_len = out->len, .start_count = out->count };

	return nl_dump(s, req, &ops, &c);
}

int nl_talk_collect(struct nl_sock *s, struct nlmsghdr *req, struct nl_msgs *out)
{
	struct collect c = { .m = out, .start_len = out->len, .start_count = out->count };
	int ret = nl_talk(s, req, collect_msg, &c);

	if (ret < 0)
		collect_restart(&c);
	return ret;
}

void nl_msgs_free(struct nl_msgs *m)
{
	free(m->buf);
	memset(m, 0, sizeof(*m));
}
