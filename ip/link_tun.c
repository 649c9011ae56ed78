// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * tun and tap devices: the kernel reports both as kind "tun", with the
 * device type, its flags and its owner in IFLA_TUN_* attributes.
 */
#include <grp.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <linux/if_link.h>
#include <linux/if_tun.h>

#include <nlkit/attr.h>
#include <nlkit/print.h>

#include "link.h"

static const struct nl_attr_policy tun_policy[IFLA_TUN_MAX + 1] = {
	[IFLA_TUN_OWNER] = { .kind = NLA_U32 },
	[IFLA_TUN_GROUP] = { .kind = NLA_U32 },
	[IFLA_TUN_TYPE] = { .kind = NLA_U8 },
	[IFLA_TUN_PI] = { .kind = NLA_U8 },
	[IFLA_TUN_VNET_HDR] = { .kind = NLA_U8 },
	[IFLA_TUN_PERSIST] = { .kind = NLA_U8 },
	[IFLA_TUN_MULTI_QUEUE] = { .kind = NLA_U8 },
	[IFLA_TUN_NUM_QUEUES] = { .kind = NLA_U32 },
	[IFLA_TUN_NUM_DISABLED_QUEUES] = { .kind = NLA_U32 },
};

static void print_type(uint8_t type)
{
	char unknown[sizeof("UNKNOWN:255")];

	switch (type) {
	case IFF_TUN:
		pr_string("type", "type %s ", "tun");
		break;
	case IFF_TAP:
		pr_string("type", "type %s ", "tap");
		break;
	default:
		snprintf(unknown, sizeof(unknown), "UNKNOWN:%u", type);
		pr_string("type", "type %s ", unknown);
	}
}

/* A setting shown as "NAME on" or "NAME off" in text, a boolean in JSON. */
static void print_on_off(const char *name, const struct nlattr *attr)
{
	char text[32];
	bool on;

	if (!attr)
		return;
	on = mnl_attr_get_u8(attr);
	snprintf(text, sizeof(text), "%s %s ", name, on ? "on" : "off");
	pr_bool(name, text, on);
}

/* The owner by name when the system knows it, by number otherwise. */
static void print_owner(const struct nlattr *user, const struct nlattr *group)
{
	if (user) {
		uid_t uid = mnl_attr_get_u32(user);
		const struct passwd *pw = getpwuid(uid);

		if (pw)
			pr_string("user", "user %s ", pw->pw_name);
		else
			pr_uint("user", "user %u ", uid);
	}
	if (group) {
		gid_t gid = mnl_attr_get_u32(group);
		const struct group *gr = getgrgid(gid);

		if (gr)
			pr_string("group", "group %s ", gr->gr_name);
		else
			pr_uint("group", "group %u ", gid);
	}
}

static void tun_print_data(const struct nlattr *data)
{
	const struct nlattr *tb[IFLA_TUN_MAX + 1];
	bool multi_queue;

	if (!data)
		return;
	nl_attr_parse_nested(data, tb, IFLA_TUN_MAX, tun_policy);

	if (tb[IFLA_TUN_TYPE])
		print_type(mnl_attr_get_u8(tb[IFLA_TUN_TYPE]));
	print_on_off("pi", tb[IFLA_TUN_PI]);
	print_on_off("vnet_hdr", tb[IFLA_TUN_VNET_HDR]);

	/* JSON always tells; text only when it is on, with the queue counts. */
	multi_queue = tb[IFLA_TUN_MULTI_QUEUE] && mnl_attr_get_u8(tb[IFLA_TUN_MULTI_QUEUE]);
	pr_bool("multi_queue", multi_queue ? "multi_queue " : NULL, multi_queue);
	if (multi_queue) {
		if (tb[IFLA_TUN_NUM_QUEUES])
			pr_uint("numqueues", "numqueues %u ",
				mnl_attr_get_u32(tb[IFLA_TUN_NUM_QUEUES]));
		if (tb[IFLA_TUN_NUM_DISABLED_QUEUES])
			pr_uint("numdisabled", "numdisabled %u ",
				mnl_attr_get_u32(tb[IFLA_TUN_NUM_DISABLED_QUEUES]));
	}

	print_on_off("persist", tb[IFLA_TUN_PERSIST]);
	print_owner(tb[IFLA_TUN_OWNER], tb[IFLA_TUN_GROUP]);
}

static const struct link_kind tun_kind = {
	.name = "tun",
	.print_data = tun_print_data,
};
LINK_KIND(tun_kind);
