// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * vsock, TIPC and XDP sockets.  Kernels without them refuse the dump,
 * which, as for the reference, lists nothing and says nothing.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/tipc_netlink.h>
#include <linux/tipc_sockets_diag.h>
#include <linux/vm_sockets_diag.h>
#include <linux/xdp_diag.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>

#include "ss.h"

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

/* TIPC answers with generic-netlink attributes, TIPC_NLA_SOCK first. */
static const struct nl_attr_policy tipc_policy[TIPC_NLA_MAX + 1] = {
	[TIPC_NLA_SOCK] = { NLA_NESTED, 0 },
};

static const struct nl_attr_policy tipc_sock_policy[TIPC_NLA_SOCK_MAX + 1] = {
	[TIPC_NLA_SOCK_ADDR] = { NLA_U32, 0 },
	[TIPC_NLA_SOCK_REF] = { NLA_U32, 0 },
	[TIPC_NLA_SOCK_CON] = { NLA_NESTED, 0 },
	[TIPC_NLA_SOCK_HAS_PUBL] = { NLA_ANY, 0 },
	[TIPC_NLA_SOCK_STAT] = { NLA_NESTED, 0 },
	[TIPC_NLA_SOCK_TYPE] = { NLA_U32, 0 },
	[TIPC_NLA_SOCK_INO] = { NLA_U32, 0 },
	[TIPC_NLA_SOCK_UID] = { NLA_U32, 0 },
	[TIPC_NLA_SOCK_TIPC_STATE] = { NLA_U32, 0 },
	[TIPC_NLA_SOCK_COOKIE] = { NLA_U64, 0 },
};

static const struct nl_attr_policy tipc_stat_policy[TIPC_NLA_SOCK_STAT_MAX + 1] = {
	[TIPC_NLA_SOCK_STAT_RCVQ] = { NLA_U32, 0 },
	[TIPC_NLA_SOCK_STAT_SENDQ] = { NLA_U32, 0 },
	[TIPC_NLA_SOCK_STAT_LINK_CONG] = { NLA_ANY, 0 },
	[TIPC_NLA_SOCK_STAT_CONN_CONG] = { NLA_ANY, 0 },
	[TIPC_NLA_SOCK_STAT_DROP] = { NLA_U32, 0 },
};

static const struct nl_attr_policy tipc_con_policy[TIPC_NLA_CON_MAX + 1] = {
	[TIPC_NLA_CON_FLAG] = { NLA_ANY, 0 },
	[TIPC_NLA_CON_NODE] = { NLA_U32, 0 },
	[TIPC_NLA_CON_SOCK] = { NLA_U32, 0 },
	[TIPC_NLA_CON_TYPE] = { NLA_U32, 0 },
	[TIPC_NLA_CON_INST] = { NLA_U32, 0 },
};

static uint32_t attr_u32(const struct nlattr *a)
{
	return a ? mnl_attr_get_u32(a) : 0;
}

/* NODE:PORT into an address column pair. */
static void out_tipc_addr(bool local, const struct nlattr *node, const struct nlattr *port)
{
	char addr[16], ref[16];

	snprintf(addr, sizeof(addr), "%u", attr_u32(node));
	snprintf(ref, sizeof(ref), "%u", attr_u32(port));
	out_addr_port(local, addr, ':', ref);
}

static const char *tipc_type_name(uint32_t type)
{
	switch (type) {
	case SOCK_STREAM:
		return "stream";
	case SOCK_DGRAM:
		return "dgram";
	case SOCK_RDM:
		return "rdm";
	case SOCK_SEQPACKET:
		return "seqpacket";
	default:
		return "unknown";
	}
}

static int tipc_msg(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[TIPC_NLA_MAX + 1], *sk[TIPC_NLA_SOCK_MAX + 1];
	const struct nlattr *stat[TIPC_NLA_SOCK_STAT_MAX + 1] = { NULL };
	const struct nlattr *con[TIPC_NLA_CON_MAX + 1] = { NULL };
	struct ss_sock s = { .db = DB_TIPC, .family = AF_TIPC };

	(void)data;
	nl_attr_parse_msg(nlh, 0, tb, TIPC_NLA_MAX, tipc_policy);
	if (!tb[TIPC_NLA_SOCK])
		return MNL_CB_OK;
	nl_attr_parse_nested(tb[TIPC_NLA_SOCK], sk, TIPC_NLA_SOCK_MAX, tipc_sock_policy);
	if (sk[TIPC_NLA_SOCK_STAT])
		nl_attr_parse_nested(sk[TIPC_NLA_SOCK_STAT], stat, TIPC_NLA_SOCK_STAT_MAX,
				     tipc_stat_policy);
	if (sk[TIPC_NLA_SOCK_CON])
		nl_attr_parse_nested(sk[TIPC_NLA_SOCK_CON], con, TIPC_NLA_CON_MAX, tipc_con_policy);
	/* TIPC's states take the numbers of TCP's. */
	s.state = attr_u32(sk[TIPC_NLA_SOCK_TIPC_STATE]);
	if (s.state >= SS_MAX)
		s.state = SS_UNKNOWN;
	s.ino = attr_u32(sk[TIPC_NLA_SOCK_INO]);
	s.uid = attr_u32(sk[TIPC_NLA_SOCK_UID]);
	s.has_uid = true;
	s.rq = (int)attr_u32(stat[TIPC_NLA_SOCK_STAT_RCVQ]);
	s.wq = (int)attr_u32(stat[TIPC_NLA_SOCK_STAT_SENDQ]);
	s.cookie = sk[TIPC_NLA_SOCK_COOKIE] ? mnl_attr_get_u64(sk[TIPC_NLA_SOCK_COOKIE]) : 0;
	if (!ss_filter_match(&s))
		return MNL_CB_OK;

	out_row_head(&s);
	out_tipc_addr(true, sk[TIPC_NLA_SOCK_ADDR], sk[TIPC_NLA_SOCK_REF]);
	if (sk[TIPC_NLA_SOCK_CON])
		out_tipc_addr(false, con[TIPC_NLA_CON_NODE], con[TIPC_NLA_CON_SOCK]);
	else
		out_addr_port(false, "-", '\0', NULL);
	out_col(COL_PROC);
	if (sso.processes)
		out_users(s.ino);
	if (sso.extended)
		out_sock_ids(&s);
	if (sso.tipcinfo) {
		out_nl_tab_or_space();
		out_str("type", "type:%s", tipc_type_name(attr_u32(sk[TIPC_NLA_SOCK_TYPE])));
		out_str("cong", " cong:%s", stat[TIPC_NLA_SOCK_STAT_LINK_CONG] ? "link" :
					    stat[TIPC_NLA_SOCK_STAT_CONN_CONG] ? "conn" : "none");
		out_uint("drop", " drop:%u", attr_u32(stat[TIPC_NLA_SOCK_STAT_DROP]));
		if (sk[TIPC_NLA_SOCK_HAS_PUBL])
			out_flag("publ", " publ");
		if (con[TIPC_NLA_CON_FLAG]) {
			out_open_object("via", " via {");
			out_uint("type", "%u", attr_u32(con[TIPC_NLA_CON_TYPE]));
			out_uint("instance", ",%u", attr_u32(con[TIPC_NLA_CON_INST]));
			out_close_object("}");
		}
	}
	out_row_end();
	return MNL_CB_OK;
}

int tipc_show(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_dump_ops ops = { .msg = tipc_msg };
	struct tipc_sock_diag_req *req;

	if (!(ssf.dbs & DB_BIT(DB_TIPC)))
		return 0;
	req = nl_req_init(buf, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, sizeof(*req));
	req->sdiag_family = AF_TIPC;
	req->tidiag_states = ssf.states;
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
