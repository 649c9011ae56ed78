/* SPDX-License-Identifier: GPL-2.0-or-later */
/* -i for TCP sockets: what inet.c found in the kernel's message. */
#ifndef SS_TCPINFO_H
#define SS_TCPINFO_H

#include <stddef.h>
#include <linux/inet_diag.h>

struct tcp_diag_info {
	const void *info;	/* struct tcp_info, possibly shorter */
	size_t info_len;
	const char *cong;	/* congestion control name, or NULL */
	const struct tcp_bbr_info *bbr;
	const struct tcp_dctcp_info *dctcp;
};

void out_tcp_info(const struct tcp_diag_info *di);

#endif
