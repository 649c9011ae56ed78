// SPDX-License-Identifier: GPL-2.0-or-later
/* Netlink sockets through netlink_diag. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/sock_diag.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "ss.h"

static const struct nl_attr_policy netlink_policy[NETLINK_DIAG_MAX + 1] = {
	[NETLINK_DIAG_MEMINFO] = { NLA_BINARY, 0 },
	[NETLINK_DIAG_GROUPS] = { NLA_BINARY, 0 },
};

static const char *protocol_name(unsigned int protocol, char *buf, size_t len)
{
	const char *name = netlink_proto_name(protocol);

	if (!sso.numeric && name)
		return name;
	snprintf(buf, len, "%u", protocol);
	return buf;
}

/* The port of a netlink socket: "kernel", or the process its id names. */
static const char *port_name(uint32_t portid, char *buf, size_t len)
{
	char path[64], stat[512];
	FILE *f;

	if (sso.numeric) {
		snprintf(buf, len, "%d", (int)portid);
		return buf;
	}
	if (!portid)
		return "kernel";
	snprintf(buf, len, "%d", (int)portid);
	if ((int)portid < 0)
		return buf;
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)portid);
	f = fopen(path, "re");
	if (!f)
		return buf;
	if (fgets(stat, sizeof(stat), f)) {
		char *open = strchr(stat, '('), *close = strrchr(stat, ')');

		if (open && close && close > open) {
			*close = '\0';
			snprintf(buf, len, "%s/%d", open + 1, (int)portid);
		}
	}
	fclose(f);
	return buf;
}

static int netlink_msg(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[NETLINK_DIAG_MAX + 1];
	const struct netlink_diag_msg *r = nl_msg_payload(nlh, sizeof(*r));
	struct ss_sock s = { .db = DB_NETLINK, .family = AF_NETLINK, .state = SS_CLOSE };
	char protobuf[16], portbuf[64], peer[16];
	uint32_t groups = 0;

	(void)data;
	if (!r)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(*r), tb, NETLINK_DIAG_MAX, netlink_policy);
	s.ino = r->ndiag_ino;
	s.lport = r->ndiag_portid;
	s.proto = r->ndiag_protocol;
	s.rport = r->ndiag_dst_portid;
	if (tb[NETLINK_DIAG_MEMINFO] && mnl_attr_get_payload_len(tb[NETLINK_DIAG_MEMINFO]) >= 8) {
		const uint32_t *mem = mnl_attr_get_payload(tb[NETLINK_DIAG_MEMINFO]);

		s.rq = mem[0];
		s.wq = mem[2];
	}
	if (tb[NETLINK_DIAG_GROUPS] && mnl_attr_get_payload_len(tb[NETLINK_DIAG_GROUPS]) >= 4)
		groups = *(const uint32_t *)mnl_attr_get_payload(tb[NETLINK_DIAG_GROUPS]);
	if (!ss_filter_match(&s))
		return MNL_CB_OK;

	out_row_head(&s);
	out_addr_port(true, protocol_name(r->ndiag_protocol, protobuf, sizeof(protobuf)), ':',
		      port_name(r->ndiag_portid, portbuf, sizeof(portbuf)));
	if (r->ndiag_state == NETLINK_CONNECTED) {
		snprintf(peer, sizeof(peer), "%d", (int)r->ndiag_dst_portid);
		out_addr_port(false, "", '\0', peer);
	} else {
		out_addr_port(false, "*", '\0', NULL);
	}
	out_col(COL_PROC);
	if (sso.extended) {
		/* The kernel hides both pointers: the reference writes 0 for them. */
		out_str("sk", " sk=%s", "0");
		out_str("cb", " cb=%s", "0");
		out_hex("groups", " groups=0x%08x", groups);
	}
	/* The reference puts a tab, but no line break, before netlink's skmem. */
	if (sso.memory && tb[NETLINK_DIAG_MEMINFO]) {
		out_text("\t");
		out_skmem(mnl_attr_get_payload(tb[NETLINK_DIAG_MEMINFO]),
			  mnl_attr_get_payload_len(tb[NETLINK_DIAG_MEMINFO]) / 4);
	}
	out_row_end();
	return MNL_CB_OK;
}

int netlink_show(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_dump_ops ops = { .msg = netlink_msg };
	struct netlink_diag_req *req;
	int err;

	if (!(ssf.dbs & DB_BIT(DB_NETLINK)) || !(ssf.states & (1u << SS_CLOSE)))
		return 0;
	req = nl_req_init(buf, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, sizeof(*req));
	req->sdiag_family = AF_NETLINK;
	req->sdiag_protocol = NDIAG_PROTO_ALL;
	req->ndiag_show = NDIAG_SHOW_MEMINFO | NDIAG_SHOW_GROUPS;
	err = nl_dump(ss_diag_sock(), (struct nlmsghdr *)buf, &ops, NULL);
	if (err < 0 && err != -ENOENT)
		ss_dump_error(err);
	return err;
}
