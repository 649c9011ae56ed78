/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A stand-in for the kernel, for the fuzz targets of code that talks to
 * it.  A target links fuzz/nokernel.c with the linker's --wrap for each
 * function that the Makefile lists (NOKERNEL_WRAP): every netlink
 * socket nlkit would open is then a placeholder no system call sees,
 * socket() fails with EACCES, and every exchange is answered with the
 * messages the target set as the kernel's reply, so that the printers run
 * on fuzzed input exactly as they run on the kernel's.
 */
#ifndef NLKIT_FUZZ_NOKERNEL_H
#define NLKIT_FUZZ_NOKERNEL_H

#include <stddef.h>

/*
 * nokernel_reply - answer every request from now on with the netlink
 * messages in @buf (@len bytes; kept, not copied): the dumps get each
 * message up to the first NLMSG_DONE or NLMSG_ERROR, which ends them as
 * the kernel's would; so do single requests, which are then acknowledged.
 * A message that does not fit what is left of @buf ends the reply.
 */
void nokernel_reply(const void *buf, size_t len);

#endif
