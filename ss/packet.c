// SPDX-License-Identifier: GPL-2.0-or-later
/* Packet sockets through packet_diag. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <arpa/inet.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/netlink.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>

#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ss.h"

static const struct nl_attr_policy packet_policy[PACKET_DIAG_MAX + 1] = {
	[PACKET_DIAG_INFO] = { NLA_BINARY, sizeof(struct packet_diag_info) },
	[PACKET_DIAG_MEMINFO] = { NLA_BINARY, 0 },
	[PACKET_DIAG_UID] = { NLA_U32, 0 },
	[PACKET_DIAG_FILTER] = { NLA_BINARY, 0 },
};

/* The protocol as the reference names it: ETH_P_ALL is "*", one it has
 * no name for "[NUMBER]". */
static const char *packet_proto(uint16_t proto, char *buf, size_t len)
{
	const char *name = packet_proto_name(proto);

	if (name)
		return name;
	snprintf(buf, len, "[%u]", proto);
	return buf;
}

static void out_packet_flags(uint32_t flags)
{
	static const struct {
		uint32_t bit;
		const char *name;
	} words[] = {
		{ PDI_RUNNING, "running" }, { PDI_AUXDATA, "auxdata" }, { PDI_ORIGDEV, "origdev" },
		{ PDI_VNETHDR, "vnethdr" }, { PDI_LOSS, "loss" },
	};
	size_t i;

	out_open_array("flags", " flags( ");
	if (!flags)
		out_str(NULL, "%s ", "0");
	for (i = 0; i < ARRAY_SIZE(words); i++)
		if (flags & words[i].bit)
			out_str(NULL, "%s ", words[i].name);
	out_close_array(")");
}

/* -b: the classic BPF program attached to the socket, one instruction a group. */
static void out_bpf_filter(const struct nlattr *attr)
{
	const struct sock_filter *insn = mnl_attr_get_payload(attr);
	size_t i, n = mnl_attr_get_payload_len(attr) / sizeof(*insn);

	out_nl_tab_or_space();
	out_text("bpf filter (%zu): ", n);
	out_open_array("bpf_filter", NULL);
	for (i = 0; i < n; i++) {
		out_open_object(NULL, NULL);
		out_text(" ");
		out_hex("code", "0x%02x", insn[i].code);
		out_uint("jt", " %u", insn[i].jt);
		out_uint("jf", " %u", insn[i].jf);
		out_uint("k", " %u,", insn[i].k);
		out_close_object(NULL);
	}
	out_close_array(NULL);
}

static int packet_msg(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[PACKET_DIAG_MAX + 1];
	const struct packet_diag_msg *r = nl_msg_payload(nlh, sizeof(*r));
	const struct packet_diag_info *info = NULL;
	struct ss_sock s = { .family = AF_PACKET, .state = SS_CLOSE };
	char protobuf[16], ifbuf[32];
	const char *ifname = "*";

	(void)data;
	if (!r)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(*r), tb, PACKET_DIAG_MAX, packet_policy);
	s.db = r->pdiag_type == SOCK_RAW ? DB_PACKET_R : DB_PACKET_DG;
	/* Either packet table brings both, as with the reference. */
	if (!(ssf.states & (1u << s.state)))
		return MNL_CB_OK;
	s.ino = r->pdiag_ino;
	s.cookie = (uint64_t)r->pdiag_cookie[1] << 32 | r->pdiag_cookie[0];
	s.lport = r->pdiag_num;
	s.proto = r->pdiag_num;
	if (tb[PACKET_DIAG_INFO]) {
		info = mnl_attr_get_payload(tb[PACKET_DIAG_INFO]);
		s.iface = info->pdi_index;
	}
	if (tb[PACKET_DIAG_MEMINFO] && mnl_attr_get_payload_len(tb[PACKET_DIAG_MEMINFO]) >= 4)
		s.rq = *(const uint32_t *)mnl_attr_get_payload(tb[PACKET_DIAG_MEMINFO]);
	if (tb[PACKET_DIAG_UID]) {
		s.uid = mnl_attr_get_u32(tb[PACKET_DIAG_UID]);
		s.has_uid = true;
	}
	if (!ss_filter_match(&s))
		return MNL_CB_OK;

	out_row_head(&s);
	if (s.iface)
		ifname = ifcache_name_or_num(s.iface, ifbuf, sizeof(ifbuf));
	out_addr_port(true, packet_proto((uint16_t)s.lport, protobuf, sizeof(protobuf)), ':',
		      ifname);
	out_addr_port(false, "*", '\0', NULL);
	out_col(COL_PROC);
	if (sso.processes)
		out_users(s.ino);
	if (sso.extended)
		out_sock_ids(&s);
	if (sso.extended && info) {
		out_nl_tab_or_space();
		out_uint("ver", "ver:%u", info->pdi_version);
		out_uint("cpy_thresh", " cpy_thresh:%u", info->pdi_copy_thresh);
		out_packet_flags(info->pdi_flags);
	}
	if (sso.bpf && tb[PACKET_DIAG_FILTER])
		out_bpf_filter(tb[PACKET_DIAG_FILTER]);
	/* Unlike the other tables', packet's skmem stays on the first line. */
	if (sso.memory && tb[PACKET_DIAG_MEMINFO])
		out_skmem(mnl_attr_get_payload(tb[PACKET_DIAG_MEMINFO]),
			  mnl_attr_get_payload_len(tb[PACKET_DIAG_MEMINFO]) / 4);
	out_row_end();
	return MNL_CB_OK;
}

int packet_show(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_dump_ops ops = { .msg = packet_msg };
	struct packet_diag_req *req;
	int err;

	if (!(ssf.dbs & (DB_BIT(DB_PACKET_R) | DB_BIT(DB_PACKET_DG))) ||
	    !(ssf.states & (1u << SS_CLOSE)))
		return 0;
	req = nl_req_init(buf, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, sizeof(*req));
	req->sdiag_family = AF_PACKET;
	req->pdiag_show = PACKET_SHOW_INFO | PACKET_SHOW_MEMINFO | PACKET_SHOW_FILTER |
			  PACKET_SHOW_RING_CFG | PACKET_SHOW_FANOUT;
	err = nl_dump(ss_diag_sock(), (struct nlmsghdr *)buf, &ops, NULL);
	if (err < 0 && err != -ENOENT)
		ss_dump_error(err);
	return err;
}
