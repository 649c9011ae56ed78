// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip xfrm monitor: print the kernel's xfrm notifications as they come,
 * each as the matching show command prints its object, led by what
 * happened ("Updated", "Deleted", "Expired", ...).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "xfrm_common.h"

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip xfrm monitor [ nokeys ] [ all-nsid ] [ all | OBJECTS | help ]\n"
	      "OBJECTS := { acquire | expire | SA | aevent | policy | report }\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

static bool monitor_nokeys;
static bool monitor_all_nsid;

static void sa_event(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[XFRMA_MAX + 1];
	const xfrm_usersa_info_nl *si;
	const char *title = nlh->nlmsg_type == XFRM_MSG_UPDSA ? "Updated" : NULL;
	size_t hdr = sizeof(*si);

	if (nlh->nlmsg_type == XFRM_MSG_DELSA) {
		/* A deletion carries the SA's id, and the SA itself as an attribute. */
		hdr = sizeof(struct xfrm_usersa_id);
		title = "Deleted";
	}
	if (!nl_msg_payload(nlh, hdr))
		return;
	nl_attr_parse_msg(nlh, hdr, tb, XFRMA_MAX, xfrma_policy);
	si = nlh->nlmsg_type == XFRM_MSG_DELSA ?
		     (tb[XFRMA_SA] ? mnl_attr_get_payload(tb[XFRMA_SA]) : NULL) :
		     nl_msg_payload(nlh, hdr);
	if (si)
		xfrm_state_print(si, tb, title, monitor_nokeys);
}

static void policy_event(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[XFRMA_MAX + 1];
	const xfrm_userpolicy_info_nl *pi;
	const char *title = nlh->nlmsg_type == XFRM_MSG_UPDPOLICY ? "Updated" : NULL;
	size_t hdr = sizeof(*pi);

	if (nlh->nlmsg_type == XFRM_MSG_DELPOLICY) {
		hdr = sizeof(struct xfrm_userpolicy_id);
		title = "Deleted";
	}
	if (!nl_msg_payload(nlh, hdr))
		return;
	nl_attr_parse_msg(nlh, hdr, tb, XFRMA_MAX, xfrma_policy);
	pi = nlh->nlmsg_type == XFRM_MSG_DELPOLICY ?
		     (tb[XFRMA_POLICY] ? mnl_attr_get_payload(tb[XFRMA_POLICY]) : NULL) :
		     nl_msg_payload(nlh, hdr);
	if (pi)
		xfrm_policy_print(pi, tb, title);
}

static void flush_event(const struct nlmsghdr *nlh)
{
	char num[16];

	pr_open_object(NULL);
	if (nlh->nlmsg_type == XFRM_MSG_FLUSHSA) {
		const struct xfrm_usersa_flush *f = nl_msg_payload(nlh, sizeof(*f));

		pr_string("event", "%s ", "Flushed");
		pr_text("state ");
		pr_string("proto", "proto %s", f ? xfrm_proto_name(f->proto, num, sizeof(num)) : "");
	} else {
		const struct nlattr *tb[XFRMA_MAX + 1];

		nl_attr_parse_msg(nlh, 0, tb, XFRMA_MAX, xfrma_policy);
		pr_string("event", "%s ", "Flushed");
		pr_text("policy ");
		if (tb[XFRMA_POLICY_TYPE]) {
			const struct xfrm_userpolicy_type *upt =
				mnl_attr_get_payload(tb[XFRMA_POLICY_TYPE]);
			static const char *const ptypes[] = { "main", "sub" };

			pr_string("ptype", "ptype %s ",
				  name_or_num(ptypes, ARRAY_SIZE(ptypes), upt->type, num, sizeof(num)));
		}
	}
	pr_close_object();
	pr_text("\n");
}

static void expire_event(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[XFRMA_MAX + 1];
	uint8_t hard;

	if (nlh->nlmsg_type == XFRM_MSG_EXPIRE) {
		const xfrm_user_expire_nl *xe = nl_msg_payload(nlh, sizeof(*xe));

		if (!xe)
			return;
		nl_attr_parse_msg(nlh, sizeof(*xe), tb, XFRMA_MAX, xfrma_policy);
		pr_open_object(NULL);
		xfrm_state_print_fields(&xe->state, tb, "Expired", monitor_nokeys);
		hard = xe->hard;
	} else {
		const xfrm_user_polexpire_nl *xpe = nl_msg_payload(nlh, sizeof(*xpe));

		if (!xpe)
			return;
		nl_attr_parse_msg(nlh, sizeof(*xpe), tb, XFRMA_MAX, xfrma_policy);
		pr_open_object(NULL);
		xfrm_policy_print_fields(&xpe->pol, tb, "Expired");
		hard = xpe->hard;
	}
	/* Whether the hard limit ran out (the object is gone) or the soft one. */
	pr_uint("hard", "\thard %u", hard);
	pr_close_object();
	pr_text("\n");
}

static void acquire_event(const struct nlmsghdr *nlh)
{
	const xfrm_user_acquire_nl *xa = nl_msg_payload(nlh, sizeof(*xa));
	const struct nlattr *tb[XFRMA_MAX + 1];
	char num[16];

	if (!xa)
		return;
	nl_attr_parse_msg(nlh, sizeof(*xa), tb, XFRMA_MAX, xfrma_policy);
	pr_open_object(NULL);
	pr_string("event", "%s ", "acquire");
	pr_string("proto", "proto %s ", xfrm_proto_name(xa->id.proto, num, sizeof(num)));
	if (ipo.stats || xa->id.spi) {
		pr_text("spi ");
		pr_hex("spi", "0x%08x", ntohl(xa->id.spi));
		pr_text(" ");
	}
	pr_nl();
	pr_open_object("sel");
	pr_text("\tsel ");
	xfrm_selector_print(&xa->sel, AF_UNSPEC);
	pr_close_object();
	pr_close_object();
	pr_open_array("policy", NULL);
	xfrm_policy_print(&xa->policy, tb, NULL);
	pr_close_array(NULL);
}

static void report_event(const struct nlmsghdr *nlh)
{
	const struct xfrm_user_report *xr = nl_msg_payload(nlh, sizeof(*xr));
	const struct nlattr *tb[XFRMA_MAX + 1];
	char num[16], addr[64];

	if (!xr)
		return;
	nl_attr_parse_msg(nlh, sizeof(*xr), tb, XFRMA_MAX, xfrma_policy);
	pr_open_object(NULL);
	pr_string("event", "%s ", "report");
	pr_string("proto", "proto %s ", xfrm_proto_name(xr->proto, num, sizeof(num)));
	pr_nl();
	pr_open_object("sel");
	pr_text("\tsel ");
	xfrm_selector_print(&xr->sel, AF_UNSPEC);
	pr_close_object();
	if (tb[XFRMA_COADDR]) {
		pr_string("coa", "\tcoa %s",
			  xfrm_addr_format(xr->sel.family, mnl_attr_get_payload(tb[XFRMA_COADDR]),
					   addr, sizeof(addr)));
		pr_nl();
	}
	pr_close_object();
}

static void aevent_event(const struct nlmsghdr *nlh)
{
	const struct xfrm_aevent_id *ae = nl_msg_payload(nlh, sizeof(*ae));
	const struct nlattr *tb[XFRMA_MAX + 1];
	char num[16], addr[64];

	if (!ae)
		return;
	nl_attr_parse_msg(nlh, sizeof(*ae), tb, XFRMA_MAX, xfrma_policy);
	pr_open_object(NULL);
	pr_string("event", "%s ", "Async event");
	pr_hex("flags", "(0x%x) ", ae->flags);
	pr_nl();
	pr_text("\t");
	pr_string("src", "src %s ", xfrm_addr_format(ae->sa_id.family, &ae->saddr, addr,
							    sizeof(addr)));
	pr_string("dst", "dst %s ", xfrm_addr_format(ae->sa_id.family, &ae->sa_id.daddr, addr,
							    sizeof(addr)));
	pr_uint("reqid", "reqid 0x%x ", ae->reqid);
	pr_string("protocol", "protocol %s ", xfrm_proto_name(ae->sa_id.proto, num, sizeof(num)));
	pr_text("SPI ");
	pr_hex("spi", "0x%x", ntohl(ae->sa_id.spi));
	pr_nl();
	if (tb[XFRMA_REPLAY_VAL]) {
		const struct xfrm_replay_state *r = mnl_attr_get_payload(tb[XFRMA_REPLAY_VAL]);

		pr_text("\t");
		pr_hex("oseq", "oseq 0x%x ", r->oseq);
		pr_hex("seq", "seq 0x%x ", r->seq);
		pr_hex("bitmap", "bitmap 0x%x ", r->bitmap);
		pr_nl();
	}
	pr_close_object();
	pr_text("\n");
}

static void mapping_event(const struct nlmsghdr *nlh)
{
	const struct xfrm_user_mapping *m = nl_msg_payload(nlh, sizeof(*m));
	char num[16], addr[64];

	if (!m)
		return;
	pr_open_object(NULL);
	pr_string("event", "%s ", "Mapping change");
	pr_string("old_addr", "%s", xfrm_addr_format(m->id.family, &m->old_saddr, addr,
							     sizeof(addr)));
	pr_uint("old_port", ":%u -> ", ntohs(m->old_sport));
	pr_string("new_addr", "%s", xfrm_addr_format(m->id.family, &m->new_saddr, addr,
							     sizeof(addr)));
	pr_uint("new_port", ":%u", ntohs(m->new_sport));
	pr_nl();
	pr_text("\t");
	pr_string("dst", "dst %s ", xfrm_addr_format(m->id.family, &m->id.daddr, addr,
							    sizeof(addr)));
	pr_string("proto", "proto %s ", xfrm_proto_name(m->id.proto, num, sizeof(num)));
	pr_text("spi ");
	pr_hex("spi", "0x%08x", ntohl(m->id.spi));
	pr_text(" ");
	pr_uint("reqid", "reqid %u", m->reqid);
	pr_nl();
	pr_close_object();
	pr_text("\n");
}

static void default_event(const struct nlmsghdr *nlh)
{
	const struct xfrm_userpolicy_default *d = nl_msg_payload(nlh, sizeof(*d));

	if (d)
		xfrm_default_print(d);
}

/* The printer of each kind of event the monitor shows. */
static void (*event_printer(uint16_t type))(const struct nlmsghdr *nlh)
{
	switch (type) {
	case XFRM_MSG_NEWSA:
	case XFRM_MSG_UPDSA:
	case XFRM_MSG_DELSA:
		return sa_event;
	case XFRM_MSG_NEWPOLICY:
	case XFRM_MSG_UPDPOLICY:
	case XFRM_MSG_DELPOLICY:
		return policy_event;
	case XFRM_MSG_FLUSHSA:
	case XFRM_MSG_FLUSHPOLICY:
		return flush_event;
	case XFRM_MSG_EXPIRE:
	case XFRM_MSG_POLEXPIRE:
		return expire_event;
	case XFRM_MSG_ACQUIRE:
		return acquire_event;
	case XFRM_MSG_REPORT:
		return report_event;
	case XFRM_MSG_NEWAE:
		return aevent_event;
	case XFRM_MSG_MAPPING:
		return mapping_event;
	case XFRM_MSG_GETDEFAULT:
		return default_event;
	default:
		return NULL;
	}
}

static void monitor_msg(const struct nlmsghdr *nlh, int nsid)
{
	void (*print)(const struct nlmsghdr *nlh) = event_printer(nlh->nlmsg_type);

	/* The reference leads whatever it receives, as ip monitor does; in
	 * JSON a message it does not show is no record. */
	if (!print) {
		if (!pr_json())
			ip_monitor_lead(monitor_all_nsid, nsid);
		return;
	}
	/* The record; the printer's own object joins it (pr_config.records). */
	pr_open_object(NULL);
	ip_monitor_lead(monitor_all_nsid, nsid);
	print(nlh);
	pr_close_object();
	/* Each event reaches a reader (a pipe, a test) when it happens. */
	fflush(stdout);
}

static unsigned int group_bit(unsigned int group)
{
	return 1U << (group - 1);
}

int do_xfrm_monitor(int argc, char **argv)
{
	static const struct {
		const char *word;
		unsigned int group;
	} objects[] = {
		{ "acquire", XFRMNLGRP_ACQUIRE }, { "expire", XFRMNLGRP_EXPIRE },
		{ "SA", XFRMNLGRP_SA },		  { "policy", XFRMNLGRP_POLICY },
		{ "aevent", XFRMNLGRP_AEVENTS },  { "report", XFRMNLGRP_REPORT },
	};
	/* With no object named, NAT mappings come too: the command line has no word for them. */
	unsigned int groups = 0, all_groups = group_bit(XFRMNLGRP_MAPPING);
	struct nl_sock *s;
	int i, status;
	size_t k;

	for (k = 0; k < ARRAY_SIZE(objects); k++)
		all_groups |= group_bit(objects[k].group);
	/* Each command line starts from its own words (ip -batch runs several). */
	monitor_nokeys = false;
	monitor_all_nsid = false;
	/*
	 * The reference's order of words: "nokeys" and "all" whole, then
	 * "all-nsid" before the objects, so that "a" means all-nsid.
	 */
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "nokeys")) {
			monitor_nokeys = true;
			continue;
		}
		if (!strcmp(argv[i], "all"))
			continue;
		if (matches(argv[i], "all-nsid")) {
			monitor_all_nsid = true;
			continue;
		}
		for (k = 0; k < ARRAY_SIZE(objects); k++)
			if (matches(argv[i], objects[k].word))
				break;
		if (k < ARRAY_SIZE(objects)) {
			groups |= group_bit(objects[k].group);
			continue;
		}
		if (matches(argv[i], "help"))
			usage();
		fprintf(stderr, "Argument \"%s\" is unknown, try \"ip xfrm monitor help\".\n",
			argv[i]);
		exit(IP_EXIT_USAGE);
	}
	s = nl_open(NETLINK_XFRM, groups ? groups : all_groups);
	if (!s) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		return 1;
	}
	if (monitor_all_nsid)
		ip_monitor_all_nsid(s);
	/* In JSON, as ip monitor: each event an object on a line of its own,
	 * so that a stream that never ends can still be read. */
	if (pr_json()) {
		struct pr_config cfg = { .json = true, .records = true, .human = ipo.human };

		pr_finish();
		pr_init(stdout, &cfg);
	}
	status = ip_monitor_listen(s, monitor_msg);
	nl_close(s);
	return status;
}
