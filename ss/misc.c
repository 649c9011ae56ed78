// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsock and XDP sockets.  Kernels without them refuse the dump, which,
 * as for the reference, lists nothing and says nothing.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/vm_sockets_diag.h>
#include <linux/xdp_diag.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>

#include "ss.h"

#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif
#ifndef AF_XDP
#define AF_XDP 44
#endif

static int vsock_msg(const struct nlmsghdr *nlh, void *data)
{
	const struct vsock_diag_msg *r = nl_msg_payload(nlh, sizeof(*r));
	struct ss_sock s = { .family = AF_VSOCK };
	char addr[16], port[16];

	(void)data;
	if (!r)
		return MNL_CB_OK;
	s.db = r->vdiag_type == SOCK_DGRAM ? DB_VSOCK_DG : DB_VSOCK_ST;
	s.state = r->vdiag_state < SS_MAX ? r->vdiag_state : SS_UNKNOWN;
	if (!(ssf.dbs & DB_BIT(s.db)) || !(ssf.states & (1u << s.state)))
		return MNL_CB_OK;
	s.ino = r->vdiag_ino;
	s.lport = r->vdiag_src_port;
	s.rport = r->vdiag_dst_port;
	if (!ss_filter_match(&s))
		return MNL_CB_OK;
	out_row_head(&s);
	snprintf(addr, sizeof(addr), "%u", r->vdiag_src_cid);
	snprintf(port, sizeof(port), "%u", r->vdiag_src_port);
	out_addr_port(true, addr, ':', port);
	snprintf(addr, sizeof(addr), "%u", r->vdiag_dst_cid);
	snprintf(port, sizeof(port), "%u", r->vdiag_dst_port);
	out_addr_port(false, addr, ':', port);
	out_col(COL_PROC);
	if (sso.processes)
		out_users(s.ino);
	out_row_end();
	return MNL_CB_OK;
}

int vsock_show(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_dump_ops ops = { .msg = vsock_msg };
	struct vsock_diag_req *req;

	if (!(ssf.dbs & (DB_BIT(DB_VSOCK_ST) | DB_BIT(DB_VSOCK_DG))))
		return 0;
	req = nl_req_init(buf, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, sizeof(*req));
	req->sdiag_family = AF_VSOCK;
	req->vdiag_states = ssf.states;
	return nl_dump(ss_diag_sock(), (struct nlmsghdr *)buf, &ops, NULL);
}

static int xdp_msg(const struct nlmsghdr *nlh, void *data)
{
	const struct xdp_diag_msg *r = nl_msg_payload(nlh, sizeof(*r));
	struct ss_sock s = { .db = DB_XDP, .family = AF_XDP, .state = SS_CLOSE };
	char ino[16];

	(void)data;
	if (!r)
		return MNL_CB_OK;
	s.ino = r->xdiag_ino;
	if (!ss_filter_match(&s))
		return MNL_CB_OK;
	out_row_head(&s);
	snprintf(ino, sizeof(ino), "%u", r->xdiag_ino);
	out_addr_port(true, "", '\0', ino);
	out_addr_port(false, "", '\0', NULL);
	out_col(COL_PROC);
	if (sso.processes)
		out_users(s.ino);
	out_row_end();
	return MNL_CB_OK;
}

int xdp_show(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_dump_ops ops = { .msg = xdp_msg };
	struct xdp_diag_req *req;

	if (!(ssf.dbs & DB_BIT(DB_XDP)) || !(ssf.states & (1u << SS_CLOSE)))
		return 0;
	req = nl_req_init(buf, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, sizeof(*req));
	req->sdiag_family = AF_XDP;
	req->xdiag_show = XDP_SHOW_INFO | XDP_SHOW_RING_CFG | XDP_SHOW_UMEM | XDP_SHOW_MEMINFO |
			  XDP_SHOW_STATS;
	return nl_dump(ss_diag_sock(), (struct nlmsghdr *)buf, &ops, NULL);
}
