/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A stand-in for the kernel, for the fuzz targets of code that talks to
 * it.  A target links fuzz/nokernel.c with the linker's --wrap for each
 * function that the Makefile lists (NOKERNEL_WRAP): every netlink
 * socket nlkit would open is then a placeholder no system call sees,
 * socket() fails with EACCES, and every exchange is answered with the
 * messages the target set as the kernel's reply, so that the printers run
 * on fuzzed input exactly as they run on the kernel's.
 *
 * A monitor's socket (whose descriptor nl_fd() gives as -1) receives the
 * whole reply once, as one datagram, through recv(), recvfrom() or
 * recvmsg(); the next receive fails with EBADF, which ends the monitor.
 * The pipelined sender queues its requests and has each acknowledged.
 */
#ifndef NLKIT_FUZZ_NOKERNEL_H
#define NLKIT_FUZZ_NOKERNEL_H

#include <stdbool.h>
#include <stddef.h>

struct nlmsghdr;

/*
 * nokernel_reply - answer every request from now on with the netlink
 * messages in @buf (@len bytes; kept, not copied): the dumps get each
 * message up to the first NLMSG_DONE or NLMSG_ERROR, which ends them as
 * the kernel's would; so do single requests, which are then acknowledged.
 * A message that does not fit what is left of @buf ends the reply.  The
 * monitors' sockets may receive it once again.
 */
void nokernel_reply(const void *buf, size_t len);

/*
 * nokernel_answers - from now on pass to request @req, sent on a socket
 * of netlink protocol @protocol, only the messages of the reply for which
 * @answers returns true (a dump of links gets the links, not the
 * addresses); NULL, as at first, passes every message to every request.
 */
typedef bool nokernel_answers_fn(int protocol, const struct nlmsghdr *req,
				 const struct nlmsghdr *msg);
void nokernel_answers(nokernel_answers_fn *answers);

/* NOKERNEL_FD - what nl_fd() gives for every placeholder socket. */
#define NOKERNEL_FD (-1)

#endif
