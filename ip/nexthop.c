// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip nexthop: nexthop objects (add, replace, del, get, flush, show) and
 * the buckets of resilient groups (bucket show, bucket get).
 *
 * Selectors of show and flush go to the kernel in the dump request, as
 * the reference sends them, except the protocol, which is compared here.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/lwtunnel.h>
#include <linux/mpls_iptunnel.h>
#include <linux/nexthop.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"
#include "nexthop.h"

/* Kernel timers are in clock ticks of 1/100 s; users give seconds. */
#define NH_TICKS_PER_SEC 100

/* The reference's status when `flush id ID` fails. */
#define NH_EXIT_FLUSH_ID 1

static const struct nl_attr_policy nh_policy[NHA_MAX + 1] = {
	[NHA_ID] = { .kind = NLA_U32 },
	[NHA_GROUP] = { .kind = NLA_BINARY, .min_len = sizeof(struct nexthop_grp) },
	[NHA_GROUP_TYPE] = { .kind = NLA_U16 },
	[NHA_BLACKHOLE] = { .kind = NLA_ANY },
	[NHA_OIF] = { .kind = NLA_U32 },
	[NHA_GATEWAY] = { .kind = NLA_BINARY, .min_len = 4 },
	[NHA_ENCAP_TYPE] = { .kind = NLA_U16 },
	[NHA_ENCAP] = { .kind = NLA_NESTED },
	[NHA_FDB] = { .kind = NLA_ANY },
	[NHA_RES_GROUP] = { .kind = NLA_NESTED },
	[NHA_RES_BUCKET] = { .kind = NLA_NESTED },
};

static const struct nl_attr_policy res_group_policy[NHA_RES_GROUP_MAX + 1] = {
	[NHA_RES_GROUP_BUCKETS] = { .kind = NLA_U16 },
	[NHA_RES_GROUP_IDLE_TIMER] = { .kind = NLA_U32 },
	[NHA_RES_GROUP_UNBALANCED_TIMER] = { .kind = NLA_U32 },
	[NHA_RES_GROUP_UNBALANCED_TIME] = { .kind = NLA_U64 },
};

static const struct nl_attr_policy res_bucket_policy[NHA_RES_BUCKET_MAX + 1] = {
	[NHA_RES_BUCKET_INDEX] = { .kind = NLA_U16 },
	[NHA_RES_BUCKET_IDLE_TIME] = { .kind = NLA_U64 },
	[NHA_RES_BUCKET_NH_ID] = { .kind = NLA_U32 },
};

static const struct nl_attr_policy mpls_encap_policy[MPLS_IPTUNNEL_MAX + 1] = {
	[MPLS_IPTUNNEL_DST] = { .kind = NLA_BINARY, .min_len = 4 },
};

/* The selectors of show, flush and bucket show. */
struct nh_filter {
	uint32_t id;		/* 0: all */
	uint32_t oif, master;
	bool groups, fdb;
	bool has_protocol;
	uint32_t protocol;
	uint32_t bucket_nhid;	/* bucket show only */
};

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip nexthop { list | flush } [ protocol ID ] SELECTOR\n"
	      "       ip nexthop { add | replace } id ID NH [ protocol ID ]\n"
	      "       ip nexthop { get | del } id ID\n"
	      "       ip nexthop bucket list BUCKET_SELECTOR\n"
	      "       ip nexthop bucket get id ID index INDEX\n"
	      "SELECTOR := [ id ID ] [ dev DEV ] [ vrf NAME ] [ master DEV ]\n"
	      "            [ groups ] [ fdb ]\n"
	      "BUCKET_SELECTOR := SELECTOR | [ nhid ID ]\n"
	      "NH := { blackhole | [ via ADDRESS ] [ dev DEV ] [ onlink ]\n"
	      "        [ encap ENCAPTYPE ENCAPHDR ] |\n"
	      "        group GROUP [ fdb ] [ type TYPE [ TYPE_ARGS ] ] }\n"
	      "GROUP := [ <id[,weight]>/<id[,weight]>/... ]\n"
	      "TYPE := { mpath | resilient }\n"
	      "TYPE_ARGS := [ RESILIENT_ARGS ]\n"
	      "RESILIENT_ARGS := [ buckets BUCKETS ] [ idle_timer IDLE ]\n"
	      "                  [ unbalanced_timer UNBALANCED ]\n"
	      "ENCAPTYPE := [ mpls ]\n"
	      "ENCAPHDR := [ MPLSLABEL ]\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

static uint32_t parse_device(const char *name)
{
	uint32_t index = ifcache_index(name);

	if (!index)
		invarg("Device does not exist\n", name);
	return index;
}

static const struct nl_attr_policy link_policy[IFLA_MAX + 1] = {
	[IFLA_LINKINFO] = { .kind = NLA_NESTED },
};

static const struct nl_attr_policy linkinfo_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND] = { .kind = NLA_STR },
};

/* Whether device @index is a VRF, the only kind of master `vrf` takes. */
static bool link_is_vrf(uint32_t index)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct ifinfomsg *ifi = nl_req_init(buf, RTM_GETLINK, 0, sizeof(*ifi));
	struct nl_msgs reply = { 0 };
	struct nlmsghdr *nlh;
	bool vrf = false;

	ifi->ifi_index = (int)index;
	if (nl_talk_collect(ip_rtnl(), (struct nlmsghdr *)buf, &reply))
		return false;
	nl_msgs_for_each(&reply, nlh) {
		const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];

		if (nlh->nlmsg_type != RTM_NEWLINK ||
		    nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_MAX, link_policy) < 0 ||
		    !tb[IFLA_LINKINFO])
			continue;
		nl_attr_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX, linkinfo_policy);
		vrf = info[IFLA_INFO_KIND] && !strcmp(mnl_attr_get_str(info[IFLA_INFO_KIND]), "vrf");
	}
	nl_msgs_free(&reply);
	return vrf;
}

static uint32_t parse_id(const char *arg)
{
	uint32_t id;

	if (parse_u32(arg, 0, &id))
		invarg("invalid id value", arg);
	return id;
}

/* Seconds as the kernel's clock ticks, as the reference reads them. */
static uint32_t parse_timer(const char *arg, const char *what)
{
	uint32_t seconds;

	if (parse_u32(arg, 0, &seconds) || seconds > UINT32_MAX / NH_TICKS_PER_SEC)
		invarg(what, arg);
	return seconds * NH_TICKS_PER_SEC;
}

/* Clock ticks as seconds, "%g" as the reference prints them. */
static const char *format_ticks(uint64_t ticks, char *buf, size_t len)
{
	snprintf(buf, len, "%g", (double)ticks / NH_TICKS_PER_SEC);
	return buf;
}

/* ---- printing ---- */

static void print_group(const struct nlattr *attr)
{
	const struct nexthop_grp *grp = mnl_attr_get_payload(attr);
	size_t i, count = mnl_attr_get_payload_len(attr) / sizeof(*grp);

	pr_open_array("group", "group ");
	for (i = 0; i < count; i++) {
		pr_open_object(NULL);
		pr_uint("id", i ? "/%u" : "%u", grp[i].id);
		if (grp[i].weight)
			pr_uint("weight", ",%u", grp[i].weight + 1U);
		pr_close_object();
	}
	pr_close_array(" ");
}

static void print_res_group(const struct nlattr *attr)
{
	const struct nlattr *tb[NHA_RES_GROUP_MAX + 1];
	char buf[32];

	nl_attr_parse_nested(attr, tb, NHA_RES_GROUP_MAX, res_group_policy);
	pr_open_object("resilient_args");
	if (tb[NHA_RES_GROUP_BUCKETS])
		pr_uint("buckets", "buckets %u ", mnl_attr_get_u16(tb[NHA_RES_GROUP_BUCKETS]));
	if (tb[NHA_RES_GROUP_IDLE_TIMER])
		pr_number("idle_timer", "idle_timer %s ",
			  format_ticks(mnl_attr_get_u32(tb[NHA_RES_GROUP_IDLE_TIMER]), buf,
				       sizeof(buf)));
	if (tb[NHA_RES_GROUP_UNBALANCED_TIMER])
		pr_number("unbalanced_timer", "unbalanced_timer %s ",
			  format_ticks(mnl_attr_get_u32(tb[NHA_RES_GROUP_UNBALANCED_TIMER]), buf,
				       sizeof(buf)));
	if (tb[NHA_RES_GROUP_UNBALANCED_TIME])
		pr_number("unbalanced_time", "unbalanced_time %s ",
			  format_ticks(mnl_attr_get_u64(tb[NHA_RES_GROUP_UNBALANCED_TIME]), buf,
				       sizeof(buf)));
	pr_close_object();
}

static void print_encap(const struct nlattr *type, const struct nlattr *encap)
{
	const struct nlattr *tb[MPLS_IPTUNNEL_MAX + 1];
	char buf[64];

	if (!type || !encap || mnl_attr_get_u16(type) != LWTUNNEL_ENCAP_MPLS)
		return;
	nl_attr_parse_nested(encap, tb, MPLS_IPTUNNEL_MAX, mpls_encap_policy);
	if (!tb[MPLS_IPTUNNEL_DST])
		return;
	pr_string("encap", "encap %s ", "mpls");
	pr_string("dst", "%s ",
		  addr_format(AF_MPLS, mnl_attr_get_payload(tb[MPLS_IPTUNNEL_DST]),
			      mnl_attr_get_payload_len(tb[MPLS_IPTUNNEL_DST]), buf, sizeof(buf)));
}

/* The next hop flags, in the order the reference prints them. */
static const struct {
	uint32_t mask;
	const char *name;
} nh_flag_names[] = {
	{ RTNH_F_DEAD, "dead" },
	{ RTNH_F_ONLINK, "onlink" },
	{ RTNH_F_PERVASIVE, "pervasive" },
	{ RTNH_F_OFFLOAD, "offload" },
	{ RTNH_F_TRAP, "trap" },
	{ RTNH_F_LINKDOWN, "linkdown" },
	{ RTNH_F_UNRESOLVED, "unresolved" },
};

static void print_nh_flags(uint32_t flags)
{
	size_t i;

	pr_open_array("flags", NULL);
	for (i = 0; i < ARRAY_SIZE(nh_flag_names); i++)
		if (flags & nh_flag_names[i].mask)
			pr_string(NULL, "%s ", nh_flag_names[i].name);
	pr_close_array(NULL);
}

/* The fields of a nexthop object, as show lists them and nh_info has them. */
static void print_nexthop_fields(const struct nhmsg *nhm, const struct nlattr **tb)
{
	char buf[64];

	if (tb[NHA_ID])
		pr_uint("id", "id %u ", mnl_attr_get_u32(tb[NHA_ID]));
	if (tb[NHA_GROUP])
		print_group(tb[NHA_GROUP]);
	if (tb[NHA_GROUP_TYPE] && mnl_attr_get_u16(tb[NHA_GROUP_TYPE]) == NEXTHOP_GRP_TYPE_RES) {
		pr_string("type", "type %s ", "resilient");
		if (tb[NHA_RES_GROUP])
			print_res_group(tb[NHA_RES_GROUP]);
	}
	print_encap(tb[NHA_ENCAP_TYPE], tb[NHA_ENCAP]);
	/* The words plain, the values coloured, as the reference does. */
	if (tb[NHA_GATEWAY]) {
		pr_text("via ");
		pr_color_string(nhm->nh_family == AF_INET6 ? PR_C_INET6 : PR_C_INET, "gateway",
				"%s ",
				addr_format(nhm->nh_family, mnl_attr_get_payload(tb[NHA_GATEWAY]),
					    mnl_attr_get_payload_len(tb[NHA_GATEWAY]), buf,
					    sizeof(buf)));
	}
	if (tb[NHA_OIF]) {
		pr_text("dev ");
		pr_color_string(PR_C_IFNAME, "dev", "%s ",
				ifcache_name_or_num(mnl_attr_get_u32(tb[NHA_OIF]), buf,
						    sizeof(buf)));
	}
	if (nhm->nh_scope != RT_SCOPE_UNIVERSE || ipo.details)
		pr_string("scope", "scope %s ",
			  names_format(NT_SCOPES, nhm->nh_scope, buf, sizeof(buf)));
	if (tb[NHA_BLACKHOLE])
		pr_null("blackhole", "blackhole ");
	if (nhm->nh_protocol != RTPROT_UNSPEC || ipo.details)
		pr_string("protocol", "proto %s ",
			  names_format(NT_PROTOS, nhm->nh_protocol, buf, sizeof(buf)));
	print_nh_flags(nhm->nh_flags);
	if (tb[NHA_FDB])
		pr_null("fdb", "fdb");
}

static void print_nexthop(const struct nhmsg *nhm, const struct nlattr **tb)
{
	pr_open_object(NULL);
	print_nexthop_fields(nhm, tb);
	pr_close_object();
	pr_text("\n");
}

/*
 * Every nexthop object, read once for the nh_info of routes under -d,
 * with an index by id: a listing may hold many routes through many
 * objects.
 */
static struct nl_msgs nh_info_cache;
static struct nh_info_entry {
	uint32_t id;
	const struct nlmsghdr *nlh;
} *nh_info_index;
static size_t nh_info_count;
static bool nh_info_loaded;

static int nh_info_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct nh_info_entry *)a)->id;
	uint32_t y = ((const struct nh_info_entry *)b)->id;

	return x < y ? -1 : x > y;
}

static void nh_info_build_index(void)
{
	const struct nlattr *tb[NHA_MAX + 1];
	struct nlmsghdr *nlh;

	nh_info_index = xmalloc((nh_info_cache.count + 1) * sizeof(*nh_info_index));
	nh_info_count = 0;
	nl_msgs_for_each(&nh_info_cache, nlh) {
		if (nlh->nlmsg_type != RTM_NEWNEXTHOP || !nl_msg_payload(nlh, sizeof(struct nhmsg)))
			continue;
		nl_attr_parse_msg(nlh, sizeof(struct nhmsg), tb, NHA_MAX, nh_policy);
		if (!tb[NHA_ID])
			continue;
		nh_info_index[nh_info_count++] = (struct nh_info_entry){
			mnl_attr_get_u32(tb[NHA_ID]), nlh
		};
	}
	if (nh_info_count > 1)
		qsort(nh_info_index, nh_info_count, sizeof(*nh_info_index), nh_info_cmp);
}

int nexthop_info_load(void)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	int err;

	if (nh_info_loaded)
		return 0;
	nl_req_init(buf, RTM_GETNEXTHOP, 0, sizeof(struct nhmsg));
	err = nl_dump_collect(ip_rtnl(), (struct nlmsghdr *)buf, &nh_info_cache);
	nh_info_loaded = !err;
	if (nh_info_loaded)
		nh_info_build_index();
	return err;
}

void nexthop_info_forget(void)
{
	nl_msgs_free(&nh_info_cache);
	free(nh_info_index);
	nh_info_index = NULL;
	nh_info_count = 0;
	nh_info_loaded = false;
}

void nexthop_print_info(uint32_t id)
{
	const struct nh_info_entry key = { .id = id };
	const struct nh_info_entry *found = NULL;
	const struct nlattr *tb[NHA_MAX + 1];
	const struct nhmsg *nhm;

	if (nh_info_count)
		found = bsearch(&key, nh_info_index, nh_info_count, sizeof(*nh_info_index),
				nh_info_cmp);
	if (!found) {
		/* What the reference's own request for the object gets (the
		 * kernel attaches no message to it). */
		fprintf(stderr, "RTNETLINK answers: %s\n", strerror(ENOENT));
		return;
	}
	nhm = NLMSG_DATA(found->nlh);
	nl_attr_parse_msg(found->nlh, sizeof(*nhm), tb, NHA_MAX, nh_policy);
	/* A line of its own even under -o, as in the reference. */
	pr_text("\n\tnh_info ");
	pr_open_object("nh_info");
	print_nexthop_fields(nhm, tb);
	pr_close_object();
}

static void print_bucket(const struct nlattr **tb)
{
	const struct nlattr *btb[NHA_RES_BUCKET_MAX + 1];
	char buf[32];

	if (tb[NHA_ID])
		pr_uint("id", "id %u ", mnl_attr_get_u32(tb[NHA_ID]));
	if (!tb[NHA_RES_BUCKET])
		return;
	nl_attr_parse_nested(tb[NHA_RES_BUCKET], btb, NHA_RES_BUCKET_MAX, res_bucket_policy);
	pr_open_object("bucket");
	if (btb[NHA_RES_BUCKET_INDEX])
		pr_uint("index", "index %u ", mnl_attr_get_u16(btb[NHA_RES_BUCKET_INDEX]));
	if (btb[NHA_RES_BUCKET_IDLE_TIME])
		pr_number("idle_time", "idle_time %s ",
			  format_ticks(mnl_attr_get_u64(btb[NHA_RES_BUCKET_IDLE_TIME]), buf,
				       sizeof(buf)));
	if (btb[NHA_RES_BUCKET_NH_ID])
		pr_uint("nhid", "nhid %u ", mnl_attr_get_u32(btb[NHA_RES_BUCKET_NH_ID]));
	pr_close_object();
}

/*
 * Print one RTM_NEWNEXTHOP or RTM_NEWNEXTHOPBUCKET that passes @f (NULL:
 * any), or the RTM_DELNEXTHOP of a monitor.
 */
static void print_nh_msg(const struct nlmsghdr *nlh, const struct nh_filter *f)
{
	const struct nhmsg *nhm = nl_msg_payload(nlh, sizeof(*nhm));
	const struct nlattr *tb[NHA_MAX + 1];

	if (!nhm)
		return;
	nl_attr_parse_msg(nlh, sizeof(*nhm), tb, NHA_MAX, nh_policy);
	if (f && f->has_protocol && nhm->nh_protocol != f->protocol)
		return;
	if (nlh->nlmsg_type == RTM_NEWNEXTHOPBUCKET) {
		pr_open_object(NULL);
		print_bucket(tb);
		print_nh_flags(nhm->nh_flags);
		pr_close_object();
		pr_text("\n");
	} else if (nlh->nlmsg_type == RTM_NEWNEXTHOP || nlh->nlmsg_type == RTM_DELNEXTHOP) {
		print_nexthop(nhm, tb);
	}
}

void nexthop_print_msg(const struct nlmsghdr *nlh)
{
	print_nh_msg(nlh, NULL);
}

/* ---- show, get, flush ---- */

static void parse_filter(int argc, char **argv, struct nh_filter *f, bool buckets)
{
	while (argc > 0) {
		const char *arg = *argv;

		if (!strcmp(arg, "dev")) {
			NEXT_ARG();
			f->oif = parse_device(*argv);
		} else if (!strcmp(arg, "groups")) {
			f->groups = true;
		} else if (!strcmp(arg, "master")) {
			NEXT_ARG();
			f->master = parse_device(*argv);
		} else if (!strcmp(arg, "vrf")) {
			NEXT_ARG();
			f->master = ifcache_index(*argv);
			if (!f->master || !link_is_vrf(f->master))
				invarg("Invalid VRF\n", *argv);
		} else if (!strcmp(arg, "id")) {
			NEXT_ARG();
			f->id = parse_id(*argv);
		} else if (!strcmp(arg, "fdb")) {
			f->fdb = true;
		} else if (buckets && !strcmp(arg, "nhid")) {
			NEXT_ARG();
			f->bucket_nhid = parse_id(*argv);
		} else if (matches(arg, "protocol")) {
			NEXT_ARG();
			if (parse_u32(*argv, 0, &f->protocol) || f->protocol > 255)
				invarg("invalid protocol value", *argv);
			f->has_protocol = true;
		} else if (matches(arg, "help")) {
			usage();
		} else {
			invarg("", arg);
		}
		argc--;
		argv++;
	}
}

static struct nlmsghdr *nh_dump_request(void *buf, uint16_t type, const struct nh_filter *f)
{
	struct nhmsg *nhm = nl_req_init(buf, type, 0, sizeof(*nhm));
	struct nlmsghdr *nlh = buf;

	nhm->nh_family = (uint8_t)ipo.family;
	if (type == RTM_GETNEXTHOPBUCKET && f->id)
		mnl_attr_put_u32(nlh, NHA_ID, f->id);
	if (f->oif)
		mnl_attr_put_u32(nlh, NHA_OIF, f->oif);
	if (f->groups)
		mnl_attr_put(nlh, NHA_GROUPS, 0, NULL);
	if (f->master)
		mnl_attr_put_u32(nlh, NHA_MASTER, f->master);
	if (f->fdb)
		mnl_attr_put(nlh, NHA_FDB, 0, NULL);
	if (f->bucket_nhid) {
		struct nlattr *nest = mnl_attr_nest_start(nlh, NHA_RES_BUCKET);

		mnl_attr_put_u32(nlh, NHA_RES_BUCKET_NH_ID, f->bucket_nhid);
		mnl_attr_nest_end(nlh, nest);
	}
	return nlh;
}

/*
 * Run dump @req and print what passes @f.  The dump is read whole first:
 * naming devices takes requests of its own on the socket.
 */
static int nh_dump_print(struct nlmsghdr *req, const struct nh_filter *f)
{
	struct nl_msgs list = { 0 };
	struct nlmsghdr *nlh;
	int err;

	err = nl_dump_collect(ip_rtnl(), req, &list);
	if (err) {
		nl_msgs_free(&list);
		ip_fail_nl(err);
		fprintf(stderr, "Dump terminated\n");
		return 2;
	}
	pr_start();
	nl_msgs_for_each(&list, nlh)
		print_nh_msg(nlh, f);
	nl_msgs_free(&list);
	return 0;
}

/* One nexthop by id, as `get` and `show id` ask for it. */
static int nh_get(uint32_t id, const struct nh_filter *f)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct nhmsg *nhm = nl_req_init(buf, RTM_GETNEXTHOP, 0, sizeof(*nhm));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nl_msgs reply = { 0 };
	struct nlmsghdr *msg;
	int err;

	nhm->nh_family = (uint8_t)ipo.family;
	mnl_attr_put_u32(nlh, NHA_ID, id);
	err = nl_talk_collect(ip_rtnl(), nlh, &reply);
	if (err)
		return ip_fail_nl(err);
	pr_start();
	nl_msgs_for_each(&reply, msg)
		print_nh_msg(msg, f);
	nl_msgs_free(&reply);
	return 0;
}

static int nh_list(int argc, char **argv)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct nh_filter f = { 0 };

	parse_filter(argc, argv, &f, false);
	if (f.id)
		return nh_get(f.id, &f);
	return nh_dump_print(nh_dump_request(buf, RTM_GETNEXTHOP, &f), &f);
}

static int nh_delete_id(uint32_t id)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));

	nl_req_init(buf, RTM_DELNEXTHOP, 0, sizeof(struct nhmsg));
	mnl_attr_put_u32((struct nlmsghdr *)buf, NHA_ID, id);
	return nl_talk(ip_rtnl(), (struct nlmsghdr *)buf, NULL, NULL);
}

/* Delete every nexthop a dump with @f lists; returns how many went. */
static int nh_flush_pass(const struct nh_filter *f, unsigned int *flushed)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct nl_msgs list = { 0 };
	struct nlmsghdr *nlh;
	int err;

	err = nl_dump_collect(ip_rtnl(), nh_dump_request(buf, RTM_GETNEXTHOP, f), &list);
	if (err) {
		nl_msgs_free(&list);
		return err;
	}
	nl_msgs_for_each(&list, nlh) {
		const struct nhmsg *nhm = nl_msg_payload(nlh, sizeof(*nhm));
		const struct nlattr *tb[NHA_MAX + 1];

		if (nlh->nlmsg_type != RTM_NEWNEXTHOP || !nhm)
			continue;
		nl_attr_parse_msg(nlh, sizeof(*nhm), tb, NHA_MAX, nh_policy);
		if (!tb[NHA_ID] || (f->has_protocol && nhm->nh_protocol != f->protocol))
			continue;
		err = nh_delete_id(mnl_attr_get_u32(tb[NHA_ID]));
		/* Deleting a group's last member may have taken the group already. */
		if (err == -ENOENT)
			continue;
		if (err)
			break;
		(*flushed)++;
	}
	nl_msgs_free(&list);
	return err == -ENOENT ? 0 : err;
}

static int nh_flush(int argc, char **argv)
{
	struct nh_filter f = { 0 }, groups_first;
	unsigned int flushed = 0;
	int err;

	parse_filter(argc, argv, &f, false);
	/* One nexthop named by id goes alone and silently. */
	if (f.id) {
		err = nh_delete_id(f.id);
		if (err)
			ip_fail_nl(err);
		return err ? NH_EXIT_FLUSH_ID : 0;
	}
	/* Groups go first, so that their members are no longer in use. */
	groups_first = f;
	groups_first.groups = true;
	err = nh_flush_pass(&groups_first, &flushed);
	if (!err)
		err = nh_flush_pass(&f, &flushed);
	if (err)
		return ip_fail_nl(err);
	if (flushed)
		printf("Flushed %u nexthops\n", flushed);
	else
		printf("Nothing to flush\n");
	return 0;
}

/* ---- add, replace, del, get ---- */

/*
 * The reference names a bad group by its first ID's text (up to ',' or
 * '/'): invarg()'s words, printed from @arg itself, so that the exit
 * leaves no copy lost.
 */
static void __attribute__((noreturn)) bad_group(const char *arg)
{
	fprintf(stderr, "Error: argument \"%.*s\" is wrong: \"group\" value is invalid\n\n",
		(int)strcspn(arg, ",/"), arg);
	exit(IP_EXIT_USAGE);
}

/* "ID[,WEIGHT]/ID[,WEIGHT]...", weights 1-256. */
static void parse_group(const char *arg, struct nlmsghdr *nlh)
{
	struct nexthop_grp grp[256];
	const char *entry = arg;
	size_t count = 0;

	for (;;) {
		size_t len = strcspn(entry, "/");
		char text[32], *comma;
		uint32_t weight = 1;

		if (!len || len >= sizeof(text) || count == ARRAY_SIZE(grp))
			bad_group(arg);
		memcpy(text, entry, len);
		text[len] = '\0';
		comma = strchr(text, ',');
		if (comma)
			*comma = '\0';
		if (parse_u32(text, 0, &grp[count].id))
			bad_group(arg);
		if (comma && (parse_u32(comma + 1, 0, &weight) || weight < 1 || weight > 256))
			invarg("\"weight\" is invalid\n", entry + (comma + 1 - text));
		grp[count].weight = (uint8_t)(weight - 1);
		grp[count].resvd1 = 0;
		grp[count].resvd2 = 0;
		count++;
		if (!entry[len])
			break;
		entry += len + 1;
	}
	mnl_attr_put(nlh, NHA_GROUP, count * sizeof(grp[0]), grp);
}

static int nh_modify(int argc, char **argv, uint16_t cmd, uint16_t flags)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct nhmsg *nhm = nl_req_init(buf, cmd, flags, sizeof(*nhm));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	uint32_t oif = 0;

	nhm->nh_family = (uint8_t)ipo.family;
	while (argc > 0) {
		const char *arg = *argv;

		if (!strcmp(arg, "id")) {
			NEXT_ARG();
			mnl_attr_put_u32(nlh, NHA_ID, parse_id(*argv));
		} else if (!strcmp(arg, "dev")) {
			NEXT_ARG();
			oif = parse_device(*argv);
			if (nhm->nh_family == AF_UNSPEC)
				nhm->nh_family = AF_INET;
		} else if (!strcmp(arg, "via")) {
			struct inet_prefix gw;

			NEXT_ARG();
			if (addr_parse(*argv, nhm->nh_family, &gw) || !gw.bytelen) {
				fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n",
					nhm->nh_family == AF_UNSPEC ? "any valid"
								    : family_name(nhm->nh_family),
					*argv);
				exit(1);
			}
			nhm->nh_family = (uint8_t)gw.family;
			mnl_attr_put(nlh, NHA_GATEWAY, gw.bytelen, gw.data);
		} else if (!strcmp(arg, "blackhole")) {
			mnl_attr_put(nlh, NHA_BLACKHOLE, 0, NULL);
			if (nhm->nh_family == AF_UNSPEC)
				nhm->nh_family = AF_INET;
		} else if (!strcmp(arg, "fdb")) {
			mnl_attr_put(nlh, NHA_FDB, 0, NULL);
		} else if (!strcmp(arg, "onlink")) {
			nhm->nh_flags |= RTNH_F_ONLINK;
		} else if (!strcmp(arg, "group")) {
			NEXT_ARG();
			parse_group(*argv, nlh);
		} else if (!strcmp(arg, "type")) {
			uint16_t type;

			NEXT_ARG();
			if (!strcmp(*argv, "mpath"))
				type = NEXTHOP_GRP_TYPE_MPATH;
			else if (!strcmp(*argv, "resilient"))
				type = NEXTHOP_GRP_TYPE_RES;
			else
				invarg("\"type\" value is invalid\n", *argv);
			if (type == NEXTHOP_GRP_TYPE_RES) {
				struct nlattr *nest = mnl_attr_nest_start(nlh, NHA_RES_GROUP);

				while (argc > 1) {
					const char *word = argv[1];

					if (!strcmp(word, "buckets")) {
						uint16_t buckets;

						NEXT_ARG();
						NEXT_ARG();
						if (parse_u16(*argv, 0, &buckets))
							invarg("invalid buckets value", *argv);
						mnl_attr_put_u16(nlh, NHA_RES_GROUP_BUCKETS, buckets);
					} else if (!strcmp(word, "idle_timer")) {
						NEXT_ARG();
						NEXT_ARG();
						mnl_attr_put_u32(nlh, NHA_RES_GROUP_IDLE_TIMER,
								 parse_timer(*argv, "invalid idle timer value"));
					} else if (!strcmp(word, "unbalanced_timer")) {
						NEXT_ARG();
						NEXT_ARG();
						mnl_attr_put_u32(nlh, NHA_RES_GROUP_UNBALANCED_TIMER,
								 parse_timer(*argv,
									     "invalid unbalanced timer value"));
					} else {
						break;
					}
				}
				mnl_attr_nest_end(nlh, nest);
			}
			mnl_attr_put_u16(nlh, NHA_GROUP_TYPE, type);
		} else if (!strcmp(arg, "encap")) {
			struct inet_prefix labels;
			struct nlattr *nest;

			NEXT_ARG();
			if (strcmp(*argv, "mpls"))
				invarg("\"encap type\" value is invalid\n", *argv);
			NEXT_ARG();
			if (addr_parse(*argv, AF_MPLS, &labels)) {
				fprintf(stderr, "Error: unexpected end of line after \"encap\"\n");
				exit(IP_EXIT_USAGE);
			}
			nest = mnl_attr_nest_start(nlh, NHA_ENCAP);
			mnl_attr_put(nlh, MPLS_IPTUNNEL_DST, labels.bytelen, labels.data);
			mnl_attr_nest_end(nlh, nest);
			mnl_attr_put_u16(nlh, NHA_ENCAP_TYPE, LWTUNNEL_ENCAP_MPLS);
		} else if (matches(arg, "protocol")) {
			uint32_t proto;

			NEXT_ARG();
			if (names_parse(NT_PROTOS, *argv, &proto))
				invarg("\"protocol\" value is invalid\n", *argv);
			nhm->nh_protocol = (uint8_t)proto;
		} else if (matches(arg, "help")) {
			usage();
		} else {
			invarg("", arg);
		}
		argc--;
		argv++;
	}
	if (oif)
		mnl_attr_put_u32(nlh, NHA_OIF, oif);

	return ip_request(nlh);
}

/* `get id ID` and `del id ID`: exactly those words. */
static uint32_t parse_id_only(int argc, char **argv)
{
	if (argc != 2 || strcmp(argv[0], "id"))
		usage();
	return parse_id(argv[1]);
}

static int nh_del(int argc, char **argv)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;

	nl_req_init(buf, RTM_DELNEXTHOP, 0, sizeof(struct nhmsg));
	if (argc)
		mnl_attr_put_u32(nlh, NHA_ID, parse_id_only(argc, argv));
	return ip_request(nlh);
}

static int nh_bucket_get(int argc, char **argv)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nl_msgs reply = { 0 };
	struct nlmsghdr *msg;
	bool have_id = false, have_index = false;
	uint32_t id = 0;
	uint16_t index = 0;
	struct nlattr *nest;
	int err;

	while (argc > 0) {
		if (!strcmp(*argv, "id")) {
			NEXT_ARG();
			id = parse_id(*argv);
			have_id = true;
		} else if (!strcmp(*argv, "index")) {
			NEXT_ARG();
			if (parse_u16(*argv, 0, &index))
				invarg("invalid index value", *argv);
			have_index = true;
		} else {
			usage();
		}
		argc--;
		argv++;
	}
	if (!have_id || !have_index)
		usage();
	nl_req_init(buf, RTM_GETNEXTHOPBUCKET, 0, sizeof(struct nhmsg));
	mnl_attr_put_u32(nlh, NHA_ID, id);
	nest = mnl_attr_nest_start(nlh, NHA_RES_BUCKET);
	mnl_attr_put_u16(nlh, NHA_RES_BUCKET_INDEX, index);
	mnl_attr_nest_end(nlh, nest);
	err = nl_talk_collect(ip_rtnl(), nlh, &reply);
	if (err)
		return ip_fail_nl(err);
	pr_start();
	nl_msgs_for_each(&reply, msg)
		print_nh_msg(msg, NULL);
	nl_msgs_free(&reply);
	return 0;
}

static int nh_bucket(int argc, char **argv)
{
	char buf[NL_REQ_SIZE] __attribute__((aligned(8)));
	struct nh_filter f = { 0 };

	if (argc > 0 && matches(argv[0], "get"))
		return nh_bucket_get(argc - 1, argv + 1);
	if (argc > 0 && !matches(argv[0], "list") && !matches(argv[0], "show")) {
		fprintf(stderr, "Command \"%s\" is unknown, try \"ip nexthop help\".\n", argv[0]);
		return IP_EXIT_USAGE;
	}
	if (argc > 0) {
		argc--;
		argv++;
	}
	parse_filter(argc, argv, &f, true);
	return nh_dump_print(nh_dump_request(buf, RTM_GETNEXTHOPBUCKET, &f), &f);
}

int do_nexthop(int argc, char **argv)
{
	const char *cmd;

	if (argc < 1)
		return nh_list(0, NULL);
	cmd = argv[0];
	argc--;
	argv++;
	if (!strcmp(cmd, "add"))
		return nh_modify(argc, argv, RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_EXCL);
	if (!strcmp(cmd, "replace"))
		return nh_modify(argc, argv, RTM_NEWNEXTHOP, NLM_F_CREATE | NLM_F_REPLACE);
	if (!strcmp(cmd, "delete") || !strcmp(cmd, "del"))
		return nh_del(argc, argv);
	if (!strcmp(cmd, "get"))
		return nh_get(parse_id_only(argc, argv), NULL);
	if (matches(cmd, "list") || matches(cmd, "show") || !strcmp(cmd, "lst"))
		return nh_list(argc, argv);
	if (!strcmp(cmd, "flush"))
		return nh_flush(argc, argv);
	if (!strcmp(cmd, "bucket"))
		return nh_bucket(argc, argv);
	if (matches(cmd, "help"))
		usage();
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip nexthop help\".\n", cmd);
	return IP_EXIT_USAGE;
}
