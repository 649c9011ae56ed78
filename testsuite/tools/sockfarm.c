// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * sockfarm SPEC...: make sockets of every kind ss shows, in the current
 * network namespace, and keep them open in the background.
 *
 * Once every socket is made, sockfarm prints the pid of the background
 * process that holds them on stdout and exits 0, so that a caller gets a
 * known state synchronously: `pid=$(sockfarm tcp 127.0.0.1:80 2)`; it
 * ends with that process (kill PID).  On a failure it says why on stderr
 * and exits 1 with nothing left running.
 *
 * SPEC, ADDR being IPV4:PORT or [IPV6]:PORT:
 *   listen ADDR [BACKLOG]        a TCP listener
 *   tcp ADDR N                   a listener and N connected pairs
 *   keepalive ADDR N             N pairs whose ends have SO_KEEPALIVE on
 *   tcp-data ADDR N BYTES        the same, each client having sent BYTES
 *                                that the server does not read, and
 *                                each server BYTES the client does not read
 *   timewait ADDR N              N pairs whose client closed first and
 *                                whose server then closed: N sockets in
 *                                TIME-WAIT (the listener stays)
 *   closewait ADDR N             N pairs whose client closed first, the
 *                                server keeping its end: CLOSE-WAIT and
 *                                FIN-WAIT-2
 *   udp ADDR                     a bound UDP socket
 *   udp-conn ADDR PEER           a UDP socket bound to ADDR, connected
 *   unix-stream PATH N           a listening unix stream socket at PATH
 *                                ('@' first: abstract) and N pairs on it
 *   unix-seqpacket PATH N        the same, SOCK_SEQPACKET
 *   unix-dgram PATH              a bound unix datagram socket
 *   unix-pair                    an unnamed stream socketpair
 *   packet PROTO                 a packet socket (PROTO: ETH_P number, 0:
 *                                none bound, 3: all)
 *   packet-dgram PROTO           the same, SOCK_DGRAM
 *   netlink PROTO                a netlink socket of protocol PROTO
 *   raw PROTO                    an IPv4 raw socket of protocol PROTO
 *   raw6 PROTO                   an IPv6 raw socket of protocol PROTO
 *   packet-bpf PROTO             a packet socket with a classic BPF filter
 *                                (accept IPv4 frames whole, drop the rest)
 *   udp-opts ADDR                a bound UDP socket with the IP options
 *                                ss --inet-sockopt shows set (recverr,
 *                                freebind, transparent, no mc_loop, no
 *                                mc_all, bind_address_no_port,
 *                                recverr_rfc4884)
 *   threads N                    N more threads in the holding process
 *                                (ss -T lists a socket once per thread)
 *   nofile N                     raise RLIMIT_NOFILE to N (or to the hard
 *                                limit, when it is lower and fixed)
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netpacket/packet.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

static void die(const char *what)
{
	fprintf(stderr, "sockfarm: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage_error(const char *why)
{
	fprintf(stderr, "sockfarm: %s\n", why);
	exit(1);
}

static socklen_t parse_inet(const char *s, struct sockaddr_storage *ss)
{
	char host[INET6_ADDRSTRLEN + 2];
	const char *colon = strrchr(s, ':');
	size_t len;

	memset(ss, 0, sizeof(*ss));
	if (!colon)
		usage_error("an address needs a :PORT");
	len = (size_t)(colon - s);
	if (len >= sizeof(host))
		usage_error("address too long");
	memcpy(host, s, len);
	host[len] = '\0';
	if (host[0] == '[') {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		if (len < 2 || host[len - 1] != ']')
			usage_error("bad [IPV6] address");
		host[len - 1] = '\0';
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(atoi(colon + 1));
		if (inet_pton(AF_INET6, host + 1, &sin6->sin6_addr) != 1)
			usage_error("bad IPv6 address");
		return sizeof(*sin6);
	} else {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(atoi(colon + 1));
		if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
			usage_error("bad IPv4 address");
		return sizeof(*sin);
	}
}

static int inet_socket(int type, const struct sockaddr_storage *addr, socklen_t len)
{
	int one = 1;
	int fd = socket(addr->ss_family, type, 0);

	if (fd < 0)
		die("socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(fd, (const struct sockaddr *)addr, len) < 0)
		die("bind");
	return fd;
}

static int tcp_listener(const char *spec, int backlog)
{
	struct sockaddr_storage addr;
	socklen_t len = parse_inet(spec, &addr);
	int fd = inet_socket(SOCK_STREAM, &addr, len);

	if (listen(fd, backlog) < 0)
		die("listen");
	return fd;
}

/* The address a client connects to: the listener's, with the port the
 * kernel gave it (port 0 asks for any). */
static socklen_t bound_address(int fd, struct sockaddr_storage *addr)
{
	socklen_t len = sizeof(*addr);

	if (getsockname(fd, (struct sockaddr *)addr, &len) < 0)
		die("getsockname");
	return len;
}

static void write_bytes(int fd, long bytes)
{
	char chunk[4096];

	memset(chunk, 'x', sizeof(chunk));
	while (bytes > 0) {
		ssize_t n = write(fd, chunk, bytes < (long)sizeof(chunk) ? (size_t)bytes : sizeof(chunk));

		if (n <= 0)
			die("write");
		bytes -= n;
	}
}

enum pair_end { KEEP_BOTH, KEEPALIVE, CLIENT_CLOSES, BOTH_CLOSE };

static void tcp_pairs(const char *spec, long count, long bytes, enum pair_end end)
{
	struct sockaddr_storage addr;
	int listener = tcp_listener(spec, count > 128 ? (int)count : 128);
	socklen_t len = bound_address(listener, &addr);
	long i;

	for (i = 0; i < count; i++) {
		int client = socket(addr.ss_family, SOCK_STREAM, 0);
		int server;

		if (client < 0)
			die("socket");
		if (connect(client, (struct sockaddr *)&addr, len) < 0)
			die("connect");
		server = accept(listener, NULL, NULL);
		if (server < 0)
			die("accept");
		if (end == KEEPALIVE) {
			int one = 1;

			setsockopt(client, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
			setsockopt(server, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
		}
		if (bytes) {
			write_bytes(client, bytes);
			write_bytes(server, bytes);
		}
		if (end == CLIENT_CLOSES || end == BOTH_CLOSE)
			close(client);
		if (end == BOTH_CLOSE) {
			/* Read the FIN first, so that the client ends in TIME-WAIT. */
			char byte;

			if (read(server, &byte, 1) < 0)
				die("read");
			close(server);
		}
	}
	/* Let the FINs be answered before the caller looks. */
	if (end == CLIENT_CLOSES || end == BOTH_CLOSE)
		usleep(100000);
}

static void unix_pairs(const char *path, int type, long count)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	size_t plen = strlen(path);
	socklen_t len;
	int listener;
	long i;

	if (plen >= sizeof(sun.sun_path))
		usage_error("unix path too long");
	memcpy(sun.sun_path, path, plen);
	if (path[0] == '@')
		sun.sun_path[0] = '\0';
	else
		unlink(path);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + plen + (path[0] != '@'));
	listener = socket(AF_UNIX, type, 0);
	if (listener < 0)
		die("socket");
	if (bind(listener, (struct sockaddr *)&sun, len) < 0)
		die("bind");
	if (type == SOCK_DGRAM)
		return;
	if (listen(listener, 128) < 0)
		die("listen");
	for (i = 0; i < count; i++) {
		int client = socket(AF_UNIX, type, 0);

		if (client < 0)
			die("socket");
		if (connect(client, (struct sockaddr *)&sun, len) < 0)
			die("connect");
		if (accept(listener, NULL, NULL) < 0)
			die("accept");
	}
}

/* Up to @n, or the hard limit when we may not raise that. */
static void raise_nofile(long n)
{
	struct rlimit rl = { .rlim_cur = (rlim_t)n, .rlim_max = (rlim_t)n };

	if (setrlimit(RLIMIT_NOFILE, &rl) == 0)
		return;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		die("getrlimit");
	if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < (rlim_t)n)
		rl.rlim_cur = rl.rlim_max;
	else
		rl.rlim_cur = (rlim_t)n;
	if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
		die("setrlimit");
}

static void *idle_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void start_threads(long n)
{
	pthread_t t;

	while (n-- > 0) {
		errno = pthread_create(&t, NULL, idle_thread, NULL);
		if (errno)
			die("pthread_create");
	}
}

static void set_int_option(int fd, int level, int name, int value)
{
	if (setsockopt(fd, level, name, &value, sizeof(value)) < 0)
		die("setsockopt");
}

static long number(const char *s)
{
	char *end;
	long n = strtol(s, &end, 0);

	if (!*s || *end || n < 0)
		usage_error("bad number");
	return n;
}

/* Consumes the SPEC at argv[0]; returns how many arguments it took. */
static int make_spec(char **argv, int left)
{
	const char *kind = argv[0];
	struct sockaddr_storage addr, peer;
	socklen_t len;
	int fd;

#define NEED(n)                                                   \
	do {                                                      \
		if (left < (n) + 1)                               \
			usage_error("missing argument");          \
	} while (0)

	if (!strcmp(kind, "listen")) {
		NEED(1);
		if (left > 2 && argv[2][0] >= '0' && argv[2][0] <= '9') {
			tcp_listener(argv[1], (int)number(argv[2]));
			return 3;
		}
		tcp_listener(argv[1], 128);
		return 2;
	}
	if (!strcmp(kind, "tcp") || !strcmp(kind, "timewait") || !strcmp(kind, "closewait") ||
	    !strcmp(kind, "keepalive")) {
		enum pair_end end = !strcmp(kind, "timewait")	 ? BOTH_CLOSE :
				    !strcmp(kind, "closewait")	 ? CLIENT_CLOSES :
				    !strcmp(kind, "keepalive") ? KEEPALIVE : KEEP_BOTH;

		NEED(2);
		tcp_pairs(argv[1], number(argv[2]), 0, end);
		return 3;
	}
	if (!strcmp(kind, "tcp-data")) {
		NEED(3);
		tcp_pairs(argv[1], number(argv[2]), number(argv[3]), KEEP_BOTH);
		return 4;
	}
	if (!strcmp(kind, "udp")) {
		NEED(1);
		len = parse_inet(argv[1], &addr);
		inet_socket(SOCK_DGRAM, &addr, len);
		return 2;
	}
	if (!strcmp(kind, "udp-conn")) {
		NEED(2);
		len = parse_inet(argv[1], &addr);
		fd = inet_socket(SOCK_DGRAM, &addr, len);
		len = parse_inet(argv[2], &peer);
		if (connect(fd, (struct sockaddr *)&peer, len) < 0)
			die("connect");
		return 3;
	}
	if (!strcmp(kind, "unix-stream") || !strcmp(kind, "unix-seqpacket")) {
		NEED(2);
		unix_pairs(argv[1], kind[5] == 's' && kind[6] == 't' ? SOCK_STREAM : SOCK_SEQPACKET,
			   number(argv[2]));
		return 3;
	}
	if (!strcmp(kind, "unix-dgram")) {
		NEED(1);
		unix_pairs(argv[1], SOCK_DGRAM, 0);
		return 2;
	}
	if (!strcmp(kind, "unix-pair")) {
		int sv[2];

		if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
			die("socketpair");
		return 1;
	}
	if (!strcmp(kind, "packet") || !strcmp(kind, "packet-dgram")) {
		NEED(1);
		fd = socket(AF_PACKET, kind[6] ? SOCK_DGRAM : SOCK_RAW, htons((uint16_t)number(argv[1])));
		if (fd < 0)
			die("socket");
		return 2;
	}
	if (!strcmp(kind, "packet-bpf")) {
		/* ldh [12]; jeq #ETH_P_IP, 0, 1; ret #-1; ret #0 */
		static struct sock_filter code[] = {
			BPF_STMT(BPF_LD | BPF_H | BPF_ABS, 12),
			BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ETH_P_IP, 0, 1),
			BPF_STMT(BPF_RET | BPF_K, 0xffffffff),
			BPF_STMT(BPF_RET | BPF_K, 0),
		};
		struct sock_fprog prog = { .len = 4, .filter = code };

		NEED(1);
		fd = socket(AF_PACKET, SOCK_RAW, htons((uint16_t)number(argv[1])));
		if (fd < 0)
			die("socket");
		if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog)) < 0)
			die("SO_ATTACH_FILTER");
		return 2;
	}
	if (!strcmp(kind, "udp-opts")) {
		NEED(1);
		len = parse_inet(argv[1], &addr);
		fd = socket(addr.ss_family, SOCK_DGRAM, 0);
		if (fd < 0)
			die("socket");
		set_int_option(fd, SOL_IP, IP_RECVERR, 1);
		set_int_option(fd, SOL_IP, IP_FREEBIND, 1);
		set_int_option(fd, SOL_IP, IP_TRANSPARENT, 1);
		set_int_option(fd, SOL_IP, IP_MULTICAST_LOOP, 0);
		set_int_option(fd, SOL_IP, IP_MULTICAST_ALL, 0);
		set_int_option(fd, SOL_IP, IP_BIND_ADDRESS_NO_PORT, 1);
		set_int_option(fd, SOL_IP, IP_RECVERR_RFC4884, 1);
		if (bind(fd, (struct sockaddr *)&addr, len) < 0)
			die("bind");
		return 2;
	}
	if (!strcmp(kind, "threads")) {
		NEED(1);
		start_threads(number(argv[1]));
		return 2;
	}
	if (!strcmp(kind, "netlink")) {
		struct sockaddr_nl snl = { .nl_family = AF_NETLINK };

		NEED(1);
		fd = socket(AF_NETLINK, SOCK_RAW, (int)number(argv[1]));
		if (fd < 0)
			die("socket");
		if (bind(fd, (struct sockaddr *)&snl, sizeof(snl)) < 0)
			die("bind");
		return 2;
	}
	if (!strcmp(kind, "raw") || !strcmp(kind, "raw6")) {
		NEED(1);
		fd = socket(kind[3] ? AF_INET6 : AF_INET, SOCK_RAW, (int)number(argv[1]));
		if (fd < 0)
			die("socket");
		return 2;
	}
	if (!strcmp(kind, "nofile")) {
		NEED(1);
		raise_nofile(number(argv[1]));
		return 2;
	}
#undef NEED
	fprintf(stderr, "sockfarm: unknown SPEC %s\n", kind);
	exit(1);
}

int main(int argc, char **argv)
{
	int ready[2], devnull, i;
	char byte;
	pid_t pid;

	if (argc < 2)
		usage_error("usage: sockfarm SPEC...");
	if (pipe(ready) < 0)
		die("pipe");
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid > 0) {
		int status;

		close(ready[1]);
		if (read(ready[0], &byte, 1) == 1) {
			printf("%d\n", (int)pid);
			return 0;
		}
		waitpid(pid, &status, 0);
		return 1;
	}
	close(ready[0]);
	/* Hold nothing the caller waits on (bats waits for its fd 3). */
	if (ready[1] > 3)
		close_range(3, (unsigned int)ready[1] - 1, 0);
	close_range((unsigned int)ready[1] + 1, ~0U, 0);
	for (i = 1; i < argc;)
		i += make_spec(argv + i, argc - i);
	/* Let nobody who waits for our output wait for us. */
	devnull = open("/dev/null", O_RDWR);
	if (devnull < 0)
		die("/dev/null");
	dup2(devnull, 0);
	dup2(devnull, 1);
	dup2(devnull, 2);
	close(devnull);
	setsid();
	if (write(ready[1], "1", 1) != 1)
		return 1;
	close(ready[1]);
	for (;;)
		pause();
}
