// SPDX-License-Identifier: GPL-2.0-or-later
/* Unix sockets through unix_diag: one dump for the three socket types. */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>

#include "ss.h"

static const struct nl_attr_policy unix_policy[UNIX_DIAG_MAX + 1] = {
	[UNIX_DIAG_NAME] = { NLA_BINARY, 0 },
	[UNIX_DIAG_VFS] = { NLA_BINARY, sizeof(struct unix_diag_vfs) },
	[UNIX_DIAG_PEER] = { NLA_U32, 0 },
	[UNIX_DIAG_ICONS] = { NLA_BINARY, 0 },
	[UNIX_DIAG_RQLEN] = { NLA_BINARY, sizeof(struct unix_diag_rqlen) },
	[UNIX_DIAG_MEMINFO] = { NLA_BINARY, 0 },
	[UNIX_DIAG_SHUTDOWN] = { NLA_U8, 0 },
	[UNIX_DIAG_UID] = { NLA_U32, 0 },
};

static enum ss_db unix_db(unsigned int type)
{
	switch (type) {
	case SOCK_DGRAM:
		return DB_UNIX_DG;
	case SOCK_SEQPACKET:
		return DB_UNIX_SQ;
	default:
		return DB_UNIX_ST;
	}
}

static void out_unix_details(const struct ss_sock *s, const struct nlattr **tb)
{
	out_col(COL_PROC);
	if (sso.processes)
		out_users(s->ino);
	if (sso.memory && tb[UNIX_DIAG_MEMINFO])
		out_skmem(mnl_attr_get_payload(tb[UNIX_DIAG_MEMINFO]),
			  mnl_attr_get_payload_len(tb[UNIX_DIAG_MEMINFO]) / 4);
	if (!sso.extended)
		return;
	if (tb[UNIX_DIAG_SHUTDOWN])
		out_shutdown(mnl_attr_get_u8(tb[UNIX_DIAG_SHUTDOWN]));
	if (tb[UNIX_DIAG_VFS]) {
		const struct unix_diag_vfs *vfs = mnl_attr_get_payload(tb[UNIX_DIAG_VFS]);
		char dev[32];

		out_uint("vfs_ino", " ino:%u", vfs->udiag_vfs_ino);
		snprintf(dev, sizeof(dev), "%u/%u", major(vfs->udiag_vfs_dev),
			 minor(vfs->udiag_vfs_dev));
		out_str("dev", " dev:%s", dev);
	}
	if (tb[UNIX_DIAG_ICONS]) {
		const uint32_t *peers = mnl_attr_get_payload(tb[UNIX_DIAG_ICONS]);
		size_t i, n = mnl_attr_get_payload_len(tb[UNIX_DIAG_ICONS]) / 4;

		out_open_array("peers", " peers:");
		for (i = 0; i < n; i++)
			out_uint(NULL, " %u", peers[i]);
		out_close_array(NULL);
	}
}

static int unix_msg(const struct nlmsghdr *nlh, void *data)
{
	const struct nlattr *tb[UNIX_DIAG_MAX + 1];
	const struct unix_diag_msg *r = nl_msg_payload(nlh, sizeof(*r));
	struct ss_sock s = { .family = AF_UNIX };
	char name[sizeof(((struct sockaddr_un *)0)->sun_path) + 1];
	char port[16];

	(void)data;
	if (!r)
		return MNL_CB_OK;
	nl_attr_parse_msg(nlh, sizeof(*r), tb, UNIX_DIAG_MAX, unix_policy);
	s.db = unix_db(r->udiag_type);
	s.state = r->udiag_state < SS_MAX ? r->udiag_state : SS_UNKNOWN;
	if (!(ssf.dbs & DB_BIT(s.db)) || !(ssf.states & (1u << s.state)))
		return MNL_CB_OK;
	s.ino = r->udiag_ino;
	s.lport = r->udiag_ino;
	if (tb[UNIX_DIAG_RQLEN]) {
		const struct unix_diag_rqlen *q = mnl_attr_get_payload(tb[UNIX_DIAG_RQLEN]);

		s.rq = q->udiag_rqueue;
		s.wq = q->udiag_wqueue;
	}
	if (tb[UNIX_DIAG_PEER])
		s.rport = mnl_attr_get_u32(tb[UNIX_DIAG_PEER]);
	if (tb[UNIX_DIAG_NAME]) {
		size_t len = mnl_attr_get_payload_len(tb[UNIX_DIAG_NAME]);

		if (len >= sizeof(name))
			len = sizeof(name) - 1;
		memcpy(name, mnl_attr_get_payload(tb[UNIX_DIAG_NAME]), len);
		name[len] = '\0';
		if (len && name[0] == '\0')
			name[0] = '@';
		s.lname = name;
	}
	if (!ss_filter_match(&s))
		return MNL_CB_OK;

	out_row_head(&s);
	snprintf(port, sizeof(port), "%u", s.lport);
	out_addr_port(true, s.lname ? s.lname : "*", ' ', port);
	snprintf(port, sizeof(port), "%u", s.rport);
	out_addr_port(false, "*", ' ', port);
	out_unix_details(&s, tb);
	out_row_end();
	return MNL_CB_OK;
}

int unix_show(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nl_dump_ops ops = { .msg = unix_msg };
	struct unix_diag_req *req;
	int err;

	if (!(ssf.dbs & (DB_BIT(DB_UNIX_ST) | DB_BIT(DB_UNIX_DG) | DB_BIT(DB_UNIX_SQ))))
		return 0;
	req = nl_req_init(buf, SOCK_DIAG_BY_FAMILY, NLM_F_DUMP, sizeof(*req));
	req->sdiag_family = AF_UNIX;
	req->udiag_states = ssf.states;
	req->udiag_show = UDIAG_SHOW_NAME | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN;
	if (sso.extended)
		req->udiag_show |= UDIAG_SHOW_VFS | UDIAG_SHOW_ICONS;
	if (sso.memory)
		req->udiag_show |= UDIAG_SHOW_MEMINFO;
	err = nl_dump(ss_diag_sock(), (struct nlmsghdr *)buf, &ops, NULL);
	if (err < 0 && err != -ENOENT)
		ss_dump_error(err);
	return err;
}
