// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip neighbour: add, change, replace, delete, show (list), flush, get.
 *
 * A listing prints each entry of the kernel's dump as it arrives; flush
 * collects the dump first, then deletes what the selectors pick through
 * the pipelined sender, round after round until nothing is left.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netdb.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>

#include <nlkit/addr.h>
#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "ip.h"

/* The filter bit that stands for entries in no state at all (nud none). */
#define NUD_FILTER_NONE 0x100

static const struct nl_attr_policy nda_policy[NDA_MAX + 1] = {
	[NDA_DST] = { .kind = NLA_BINARY, .min_len = 1 },
	[NDA_LLADDR] = { .kind = NLA_ANY },
	[NDA_CACHEINFO] = { .kind = NLA_BINARY, .min_len = sizeof(struct nda_cacheinfo) },
	[NDA_PROBES] = { .kind = NLA_U32 },
	[NDA_PROTOCOL] = { .kind = NLA_U8 },
	[NDA_FLAGS_EXT] = { .kind = NLA_U32 },
};

/* The states in the order of their bits, which is the order printed. */
static const struct {
	const char *word;
	const char *text;
	uint16_t state;
} nud_states[] = {
	{ "incomplete", "INCOMPLETE", NUD_INCOMPLETE },
	{ "reachable", "REACHABLE", NUD_REACHABLE },
	{ "stale", "STALE", NUD_STALE },
	{ "delay", "DELAY", NUD_DELAY },
	{ "probe", "PROBE", NUD_PROBE },
	{ "failed", "FAILED", NUD_FAILED },
	{ "noarp", "NOARP", NUD_NOARP },
	{ "permanent", "PERMANENT", NUD_PERMANENT },
};

/* Entry flags as printed, each a JSON null member. */
static const struct {
	uint8_t mask;
	const char *key;
	const char *text;
} neigh_flags[] = {
	{ NTF_ROUTER, "router", "router " },
	{ NTF_PROXY, "proxy", "proxy " },
	{ NTF_EXT_LEARNED, "extern_learn", "extern_learn " },
	{ NTF_OFFLOADED, "offload", "offload " },
};

struct neigh_filter {
	int family;
	unsigned int ifindex;
	unsigned int master;
	bool has_master;
	uint32_t states;	/* NUD_* bits, NUD_FILTER_NONE for no state */
	bool states_given;	/* nud was on the command line */
	bool noarp_named;	/* ... as "noarp" (or its number), not only "all" */
	bool unused;
	bool proxy;
	struct inet_prefix to;
	bool has_to;
};

static void __attribute__((noreturn)) usage(void)
{
	fputs("Usage: ip neigh { add | del | change | replace }\n"
	      "                { ADDR [ lladdr LLADDR ] [ nud STATE ] proxy ADDR }\n"
	      "                [ dev DEV ] [ router ] [ use ] [ managed ] [ extern_learn ]\n"
	      "                [ protocol PROTO ]\n"
	      "\n"
	      "\tip neigh { show | flush } [ proxy ] [ to PREFIX ] [ dev DEV ] [ nud STATE ]\n"
	      "\t\t\t\t  [ vrf NAME ] [ nomaster ]\n"
	      "\tip neigh get { ADDR | proxy ADDR } dev DEV\n"
	      "\n"
	      "STATE := { delay | failed | incomplete | noarp | none |\n"
	      "           permanent | probe | reachable | stale }\n",
	      stderr);
	exit(IP_EXIT_USAGE);
}

/* A state word, "none" or a number; "all" too when @filter. */
static uint32_t parse_nud(const char *arg, bool filter)
{
	uint32_t value;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(nud_states); i++)
		if (matches(arg, nud_states[i].word))
			return nud_states[i].state;
	if (!strcmp(arg, "none"))
		return filter ? NUD_FILTER_NONE : 0;
	if (filter && !strcmp(arg, "all"))
		return 0xff | NUD_FILTER_NONE;
	if (parse_u32(arg, 0, &value) < 0 || value > 0xff)
		invarg("nud state is bad", arg);
	return value;
}

static unsigned int device_index(const char *name)
{
	unsigned int ifindex = ifcache_index(name);

	if (!ifindex) {
		fprintf(stderr, "Cannot find device \"%s\"\n", name);
		exit(1);
	}
	return ifindex;
}

static void parse_dst(const char *arg, int family, struct inet_prefix *dst)
{
	if (addr_parse(arg, family, dst) < 0) {
		fprintf(stderr, "Error: %s address is expected rather than \"%s\".\n",
			family == AF_UNSPEC ? "any valid" : family_name(family), arg);
		exit(1);
	}
}

static int neigh_modify(uint16_t cmd, uint16_t flags, int argc, char **argv)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct ndmsg *ndm;
	struct inet_prefix dst = { 0 };
	uint8_t lladdr[32];
	int lladdr_len = -1;
	const char *dev = NULL;
	bool has_dst = false, has_nud = false, managed = false;
	uint32_t value;

	ndm = nl_req_init(req.buf, cmd, flags, sizeof(*ndm));
	ndm->ndm_family = (uint8_t)ipo.family;
	ndm->ndm_state = NUD_PERMANENT;
	while (argc > 0) {
		if (matches(*argv, "lladdr")) {
			NEXT_ARG();
			if (lladdr_len >= 0)
				duparg("lladdr", *argv);
			lladdr_len = lladdr_parse(*argv, lladdr, sizeof(lladdr));
			if (lladdr_len < 0)
				exit(1);
			if (lladdr_len > (int)sizeof(lladdr)) {
				fprintf(stderr, "Invalid address length %d - must be %zu bytes\n",
					lladdr_len, sizeof(lladdr));
				exit(1);
			}
		} else if (!strcmp(*argv, "nud")) {
			NEXT_ARG();
			ndm->ndm_state = (uint16_t)parse_nud(*argv, false);
			has_nud = true;
		} else if (matches(*argv, "proxy")) {
			NEXT_ARG();
			if (has_dst)
				duparg("address", *argv);
			parse_dst(*argv, ndm->ndm_family, &dst);
			has_dst = true;
			ndm->ndm_flags |= NTF_PROXY;
		} else if (!strcmp(*argv, "router")) {
			ndm->ndm_flags |= NTF_ROUTER;
		} else if (!strcmp(*argv, "extern_learn")) {
			ndm->ndm_flags |= NTF_EXT_LEARNED;
		} else if (!strcmp(*argv, "use")) {
			ndm->ndm_flags |= NTF_USE;
		} else if (!strcmp(*argv, "managed")) {
			managed = true;
		} else if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			dev = *argv;
		} else if (matches(*argv, "protocol")) {
			NEXT_ARG();
			if (names_parse(NT_PROTOS, *argv, &value) < 0)
				invarg("\"protocol\" value is invalid\n", *argv);
			mnl_attr_put_u8(&req.nlh, NDA_PROTOCOL, (uint8_t)value);
		} else {
			if (!strcmp(*argv, "to")) {
				NEXT_ARG();
			} else if (matches(*argv, "help")) {
				usage();
			}
			if (has_dst)
				duparg2("to", *argv);
			parse_dst(*argv, ndm->ndm_family, &dst);
			has_dst = true;
		}
		argc--;
		argv++;
	}
	if (!dev || !has_dst) {
		fprintf(stderr, "Device and destination are required arguments.\n");
		exit(IP_EXIT_USAGE);
	}
	/* A managed entry is resolved by the kernel: it starts in no state. */
	if (managed && !has_nud)
		ndm->ndm_state = 0;
	ndm->ndm_family = (uint8_t)dst.family;
	mnl_attr_put(&req.nlh, NDA_DST, dst.bytelen, dst.data);
	if (lladdr_len >= 0)
		mnl_attr_put(&req.nlh, NDA_LLADDR, (size_t)lladdr_len, lladdr);
	if (managed)
		mnl_attr_put_u32(&req.nlh, NDA_FLAGS_EXT, NTF_EXT_MANAGED);
	ndm->ndm_ifindex = (int)device_index(dev);

	return ip_request(&req.nlh);
}

/* One parsed entry of a dump or get. */
struct neigh_entry {
	const struct ndmsg *ndm;
	const struct nlattr *tb[NDA_MAX + 1];
};

static bool neigh_parse(const struct nlmsghdr *nlh, struct neigh_entry *e)
{
	/* A RTM_GETNEIGH only comes to a monitor: the kernel asking for help. */
	if (nlh->nlmsg_type != RTM_NEWNEIGH && nlh->nlmsg_type != RTM_DELNEIGH &&
	    nlh->nlmsg_type != RTM_GETNEIGH)
		return false;
	e->ndm = nl_msg_payload(nlh, sizeof(*e->ndm));
	if (!e->ndm)
		return false;
	nl_attr_parse_msg(nlh, sizeof(*e->ndm), e->tb, NDA_MAX, nda_policy);
	return e->tb[NDA_DST] != NULL;
}

static bool neigh_selected(const struct neigh_entry *e, const struct neigh_filter *f)
{
	const struct ndmsg *ndm = e->ndm;

	if (f->family && f->family != ndm->ndm_family)
		return false;
	if (f->ifindex && f->ifindex != (unsigned int)ndm->ndm_ifindex)
		return false;
	/* Proxies and externally learnt entries have no state to select by. */
	if (!(ndm->ndm_flags & (NTF_PROXY | NTF_EXT_LEARNED))) {
		if (ndm->ndm_state ? !(f->states & ndm->ndm_state) :
				     !(f->states & NUD_FILTER_NONE))
			return false;
	}
	if (f->unused && e->tb[NDA_CACHEINFO]) {
		struct nda_cacheinfo ci;

		memcpy(&ci, mnl_attr_get_payload(e->tb[NDA_CACHEINFO]), sizeof(ci));
		if (ci.ndm_refcnt)
			return false;
	}
	if (f->has_to) {
		struct inet_prefix dst = { 0 };
		size_t len = mnl_attr_get_payload_len(e->tb[NDA_DST]);

		if (f->to.family && f->to.family != ndm->ndm_family)
			return false;
		if (f->to.bitlen > 0) {
			if (len != f->to.bytelen)
				return false;
			memcpy(dst.data, mnl_attr_get_payload(e->tb[NDA_DST]), len);
			if (!prefix_match(&dst, &f->to, f->to.bitlen))
				return false;
		}
	}
	return true;
}

static void print_stats(const struct neigh_entry *e)
{
	long hz = sysconf(_SC_CLK_TCK);

	if (e->tb[NDA_CACHEINFO]) {
		struct nda_cacheinfo ci;

		memcpy(&ci, mnl_attr_get_payload(e->tb[NDA_CACHEINFO]), sizeof(ci));
		if (hz <= 0)
			hz = 100;
		if (ci.ndm_refcnt)
			pr_uint("refcnt", " ref %u", ci.ndm_refcnt);
		pr_uint("used", " used %u", (unsigned int)(ci.ndm_used / hz));
		pr_uint("confirmed", "/%u", (unsigned int)(ci.ndm_confirmed / hz));
		pr_uint("updated", "/%u", (unsigned int)(ci.ndm_updated / hz));
	}
	if (e->tb[NDA_PROBES])
		pr_uint("probes", "probes %u ", mnl_attr_get_u32(e->tb[NDA_PROBES]));
}

static void print_state(uint16_t state)
{
	size_t i;

	if (!state)
		return;
	pr_open_array("state", NULL);
	for (i = 0; i < ARRAY_SIZE(nud_states); i++)
		if (state & nud_states[i].state)
			pr_string(NULL, "%s ", nud_states[i].text);
	pr_close_array(NULL);
}

static void print_neigh(const struct neigh_entry *e, const struct neigh_filter *f)
{
	const struct ndmsg *ndm = e->ndm;
	const struct nlattr *dst = e->tb[NDA_DST];
	char buf[NI_MAXHOST];
	size_t i;

	pr_open_object(NULL);
	/*
	 * The reference colours the values with the space after them; -br
	 * puts them in columns, unnamed, and stops after the lladdr.
	 */
	pr_color_string(ip_family_color(ndm->ndm_family), "dst", ipo.brief ? "%-39s " : "%s ",
			addr_format_host(ndm->ndm_family, mnl_attr_get_payload(dst),
					 mnl_attr_get_payload_len(dst), ipo.resolve, buf,
					 sizeof(buf)));
	if (!f->ifindex && ndm->ndm_ifindex) {
		if (!ipo.brief)
			pr_text("dev ");
		pr_color_string(PR_C_IFNAME, "dev", ipo.brief ? "%-16s " : "%s ",
				ifcache_name_or_num((unsigned int)ndm->ndm_ifindex, buf,
						    sizeof(buf)));
	}
	if (e->tb[NDA_LLADDR] && mnl_attr_get_payload_len(e->tb[NDA_LLADDR])) {
		const struct nlattr *ll = e->tb[NDA_LLADDR];
		int type = ifcache_type((unsigned int)ndm->ndm_ifindex);

		if (!ipo.brief)
			pr_text("lladdr ");
		pr_color_string(PR_C_MAC, "lladdr", ipo.brief ? "%s" : "%s ",
				lladdr_format(mnl_attr_get_payload(ll),
					      mnl_attr_get_payload_len(ll),
					      type < 0 ? 0 : (unsigned int)type, buf, sizeof(buf)));
	}
	if (ipo.brief) {
		pr_text("\n");
		pr_close_object();
		return;
	}
	for (i = 0; i < ARRAY_SIZE(neigh_flags); i++)
		if (ndm->ndm_flags & neigh_flags[i].mask)
			pr_null(neigh_flags[i].key, neigh_flags[i].text);
	if (e->tb[NDA_FLAGS_EXT] &&
	    (mnl_attr_get_u32(e->tb[NDA_FLAGS_EXT]) & NTF_EXT_MANAGED))
		pr_null("managed", "managed ");
	if (ipo.stats)
		print_stats(e);
	print_state(ndm->ndm_state);
	if (e->tb[NDA_PROTOCOL])
		pr_string("protocol", "proto %s ",
			  names_format(NT_PROTOS, mnl_attr_get_u8(e->tb[NDA_PROTOCOL]), buf,
				       sizeof(buf)));
	pr_text("\n");
	pr_close_object();
}

void neigh_print_msg(const struct nlmsghdr *nlh, unsigned int ifindex)
{
	const struct neigh_filter f = { .ifindex = ifindex };
	struct neigh_entry e;

	if (neigh_parse(nlh, &e))
		print_neigh(&e, &f);
}

static int link_kind_cb(const struct nlmsghdr *nlh, void *data)
{
	static const struct nl_attr_policy link_policy[IFLA_MAX + 1] = {
		[IFLA_LINKINFO] = { .kind = NLA_NESTED },
	};
	static const struct nl_attr_policy info_policy[IFLA_INFO_MAX + 1] = {
		[IFLA_INFO_KIND] = { .kind = NLA_STR },
	};
	const struct nlattr *tb[IFLA_MAX + 1], *info[IFLA_INFO_MAX + 1];
	bool *is_vrf = data;

	nl_attr_parse_msg(nlh, sizeof(struct ifinfomsg), tb, IFLA_MAX, link_policy);
	if (!tb[IFLA_LINKINFO])
		return MNL_CB_OK;
	nl_attr_parse_nested(tb[IFLA_LINKINFO], info, IFLA_INFO_MAX, info_policy);
	*is_vrf = info[IFLA_INFO_KIND] && !strcmp(mnl_attr_get_str(info[IFLA_INFO_KIND]), "vrf");
	return MNL_CB_OK;
}

/* Whether device @ifindex is a VRF, which `vrf NAME` must name. */
static bool link_is_vrf(unsigned int ifindex)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct ifinfomsg *ifi = nl_req_init(req.buf, RTM_GETLINK, 0, sizeof(*ifi));
	bool is_vrf = false;

	ifi->ifi_index = (int)ifindex;
	if (nl_talk(ip_rtnl(), &req.nlh, link_kind_cb, &is_vrf) < 0)
		return false;
	return is_vrf;
}

static void parse_filter(int argc, char **argv, struct neigh_filter *f)
{
	const char *dev = NULL;

	f->family = ipo.family;
	f->states = 0xff & ~NUD_NOARP;
	while (argc > 0) {
		if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			if (dev)
				duparg("dev", *argv);
			dev = *argv;
		} else if (!strcmp(*argv, "master")) {
			NEXT_ARG();
			f->master = ifcache_index(*argv);
			if (!f->master)
				invarg("Device does not exist\n", *argv);
			f->has_master = true;
		} else if (!strcmp(*argv, "vrf")) {
			NEXT_ARG();
			f->master = ifcache_index(*argv);
			if (!f->master || !link_is_vrf(f->master))
				invarg("Not a valid VRF name\n", *argv);
			f->has_master = true;
		} else if (!strcmp(*argv, "nomaster")) {
			f->master = 0;
			f->has_master = true;
		} else if (!strcmp(*argv, "unused")) {
			f->unused = true;
		} else if (!strcmp(*argv, "nud")) {
			uint32_t states;

			NEXT_ARG();
			if (!f->states_given)
				f->states = 0;
			f->states_given = true;
			states = parse_nud(*argv, true);
			if (states & NUD_NOARP && strcmp(*argv, "all"))
				f->noarp_named = true;
			f->states |= states;
		} else if (!strcmp(*argv, "proxy")) {
			f->proxy = true;
		} else {
			if (!strcmp(*argv, "to")) {
				NEXT_ARG();
			} else if (matches(*argv, "help")) {
				usage();
			}
			if (prefix_parse(*argv, f->family, &f->to) < 0) {
				fprintf(stderr, "Error: %s prefix is expected rather than \"%s\".\n",
					f->family ? family_name(f->family) : "any valid", *argv);
				exit(1);
			}
			if (!f->family)
				f->family = f->to.family;
			f->has_to = true;
		}
		argc--;
		argv++;
	}
	if (dev)
		f->ifindex = device_index(dev);
}

/* Dump the table the filter asks for into @msgs. */
static int neigh_fetch(const struct neigh_filter *f, struct nl_msgs *msgs)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct ndmsg *ndm = nl_req_init(req.buf, RTM_GETNEIGH, 0, sizeof(*ndm));

	ndm->ndm_family = (uint8_t)f->family;
	if (f->proxy)
		ndm->ndm_flags = NTF_PROXY;
	if (f->ifindex)
		mnl_attr_put_u32(&req.nlh, NDA_IFINDEX, f->ifindex);
	if (f->has_master)
		mnl_attr_put_u32(&req.nlh, NDA_MASTER, f->master);
	return nl_dump_collect(ip_rtnl(), &req.nlh, msgs);
}

static int neigh_show(int argc, char **argv)
{
	struct neigh_filter f = { 0 };
	struct nl_msgs msgs = { 0 };
	const struct nlmsghdr *nlh;
	int err;

	parse_filter(argc, argv, &f);
	pr_start();
	err = neigh_fetch(&f, &msgs);
	if (err < 0) {
		nl_msgs_free(&msgs);
		ip_fail_nl(err);
		fprintf(stderr, "Dump terminated\n");
		return 1;
	}
	nl_msgs_for_each(&msgs, nlh) {
		struct neigh_entry e = { 0 };

		if (neigh_parse(nlh, &e) && neigh_selected(&e, &f))
			print_neigh(&e, &f);
	}
	nl_msgs_free(&msgs);
	return 0;
}

static int flush_error(size_t index __attribute__((unused)), int err,
		       const char *ext_ack __attribute__((unused)), void *data)
{
	int *first = data;

	/* An entry may go away on its own between the dump and the request. */
	if (err != -ENOENT && !*first)
		*first = err;
	return 0;
}

static int flush_round(const struct neigh_filter *f)
{
	struct nl_msgs msgs = { 0 };
	const struct nlmsghdr *nlh;
	struct nl_pipe *pipe;
	int count = 0, failed = 0, err;

	err = neigh_fetch(f, &msgs);
	if (err < 0) {
		nl_msgs_free(&msgs);
		ip_fail_nl(err);
		fprintf(stderr, "Dump terminated\n");
		return -EIO;
	}
	/*
	 * List first: naming a device may ask the kernel, which the socket
	 * cannot do while the pipe uses it.
	 */
	if (ipo.stats > 1) {
		nl_msgs_for_each(&msgs, nlh) {
			struct neigh_entry e = { 0 };

			if (neigh_parse(nlh, &e) && neigh_selected(&e, f))
				print_neigh(&e, f);
		}
	}
	pipe = nl_pipe_new(ip_rtnl(), flush_error, &failed);
	if (!pipe) {
		nl_msgs_free(&msgs);
		return -errno;
	}
	nl_msgs_for_each(&msgs, nlh) {
		struct neigh_entry e = { 0 };
		struct ndmsg *ndm;
		const struct nlattr *dst;
		struct nlmsghdr *req;

		if (!neigh_parse(nlh, &e) || !neigh_selected(&e, f))
			continue;
		dst = e.tb[NDA_DST];
		req = nl_pipe_req(pipe);
		ndm = nl_req_init(req, RTM_DELNEIGH, 0, sizeof(*ndm));
		ndm->ndm_family = e.ndm->ndm_family;
		ndm->ndm_ifindex = e.ndm->ndm_ifindex;
		ndm->ndm_flags = e.ndm->ndm_flags & NTF_PROXY;
		mnl_attr_put(req, NDA_DST, mnl_attr_get_payload_len(dst),
			     mnl_attr_get_payload(dst));
		err = nl_pipe_push(pipe);
		if (err < 0)
			break;
		count++;
	}
	if (err >= 0) {
		err = nl_pipe_flush(pipe);
		if (err == -ENOENT || err == 0)
			err = failed;
	}
	nl_pipe_free(pipe);
	nl_msgs_free(&msgs);
	return err < 0 ? err : count;
}

static int flush_one_round(void *data)
{
	return flush_round(data);
}

static int neigh_flush(int argc, char **argv)
{
	static const struct ip_flush_kind kind = {
		.noun = "entries",
		.max_rounds = IP_FLUSH_ROUNDS,
		.fail_status = 1,
	};
	struct neigh_filter f = { 0 };

	if (argc <= 0) {
		fprintf(stderr, "Flush requires arguments.\n");
		/* Returned, not exit(): a batch goes on to say which line failed. */
		return 1;
	}
	parse_filter(argc, argv, &f);
	/*
	 * Flush spares what was set by hand unless nud names it, and entries
	 * that need no resolving unless nud names noarp itself.
	 */
	if (!f.states_given)
		f.states = (0xff | NUD_FILTER_NONE) & ~NUD_PERMANENT;
	if (!f.noarp_named)
		f.states &= ~(uint32_t)NUD_NOARP;
	return ip_flush(&kind, flush_one_round, &f);
}

static int neigh_get_cb(const struct nlmsghdr *nlh, void *data)
{
	const struct neigh_filter *f = data;
	struct neigh_entry e = { 0 };

	if (neigh_parse(nlh, &e))
		print_neigh(&e, f);
	return MNL_CB_OK;
}

static int neigh_get(int argc, char **argv)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct ndmsg *ndm = nl_req_init(req.buf, RTM_GETNEIGH, 0, sizeof(*ndm));
	const struct pr_config text = { .oneline = ipo.oneline, .human = ipo.human };
	struct neigh_filter f = { 0 };
	struct inet_prefix dst = { 0 };
	const char *dev = NULL;
	bool has_dst = false;
	int err;

	while (argc > 0) {
		if (!strcmp(*argv, "dev")) {
			NEXT_ARG();
			dev = *argv;
		} else if (matches(*argv, "proxy")) {
			NEXT_ARG();
			if (has_dst)
				duparg("address", *argv);
			parse_dst(*argv, ipo.family, &dst);
			has_dst = true;
			ndm->ndm_flags |= NTF_PROXY;
		} else {
			if (!strcmp(*argv, "to")) {
				NEXT_ARG();
			} else if (matches(*argv, "help")) {
				usage();
			}
			if (has_dst)
				duparg2("to", *argv);
			parse_dst(*argv, ipo.family, &dst);
			has_dst = true;
		}
		argc--;
		argv++;
	}
	if (!dev || !has_dst) {
		fprintf(stderr, "Device and address are required arguments.\n");
		exit(1);
	}
	ndm->ndm_family = (uint8_t)dst.family;
	ndm->ndm_ifindex = (int)device_index(dev);
	mnl_attr_put(&req.nlh, NDA_DST, dst.bytelen, dst.data);

	/* The reference answers get in text, JSON asked for or not. */
	pr_finish();
	pr_init(stdout, &text);
	err = nl_talk(ip_rtnl(), &req.nlh, neigh_get_cb, &f);
	if (err < 0)
		return ip_fail_nl(err);
	return 0;
}

static int neigh_add(int argc, char **argv)
{
	return neigh_modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_EXCL, argc, argv);
}

static int neigh_change(int argc, char **argv)
{
	return neigh_modify(RTM_NEWNEIGH, NLM_F_REPLACE, argc, argv);
}

static int neigh_replace(int argc, char **argv)
{
	return neigh_modify(RTM_NEWNEIGH, NLM_F_CREATE | NLM_F_REPLACE, argc, argv);
}

static int neigh_del(int argc, char **argv)
{
	return neigh_modify(RTM_DELNEIGH, 0, argc, argv);
}

static int neigh_help(int argc __attribute__((unused)), char **argv __attribute__((unused)))
{
	usage();
}

/* In the reference's order, which decides what an abbreviation means. */
static const struct {
	const char *name;
	int (*run)(int argc, char **argv);
} neigh_cmds[] = {
	{ "add", neigh_add },
	{ "change", neigh_change },
	{ "chg", neigh_change },
	{ "replace", neigh_replace },
	{ "delete", neigh_del },
	{ "list", neigh_show },
	{ "show", neigh_show },
	{ "lst", neigh_show },
	{ "flush", neigh_flush },
	{ "get", neigh_get },
	{ "help", neigh_help },
};

int do_neigh(int argc, char **argv)
{
	size_t i;

	if (argc < 1)
		return neigh_show(0, NULL);
	for (i = 0; i < ARRAY_SIZE(neigh_cmds); i++)
		if (matches(argv[0], neigh_cmds[i].name))
			return neigh_cmds[i].run(argc - 1, argv + 1);
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip neigh help\".\n", argv[0]);
	exit(IP_EXIT_USAGE);
}
