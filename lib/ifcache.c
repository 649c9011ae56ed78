// SPDX-License-Identifier: GPL-2.0-or-later
/* Interface names and indexes: two hashes over one set of entries. */
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <nlkit/attr.h>
#include <nlkit/ifcache.h>
#include <nlkit/nl.h>
#include <nlkit/util.h>

/* The kernel takes names this long as IFLA_ALT_IFNAME (ALTIFNAMSIZ). */
#define IFCACHE_ALTNAME_MAX 128

#define IFCACHE_MIN_BUCKETS 256

struct ifc_entry {
	struct ifc_entry *next_by_index;
	struct ifc_entry *next_by_name;
	unsigned int index;
	int type;
	char name[IFNAMSIZ];
};

static struct {
	struct nl_sock *sock;
	/* Both arrays have n_buckets chains; grown to keep chains short. */
	struct ifc_entry **by_index;
	struct ifc_entry **by_name;
	size_t n_buckets;
	size_t count;
} ifc;

void ifcache_init(struct nl_sock *s)
{
	ifc.sock = s;
}

/* FNV-1a */
static size_t name_hash(const char *name)
{
	uint32_t h = 2166136261u;

	for (; *name; name++)
		h = (h ^ (uint8_t)*name) * 16777619u;
	return h;
}

static struct ifc_entry **index_chain(unsigned int index)
{
	/* Indexes are handed out in sequence: the low bits spread them. */
	return &ifc.by_index[index & (ifc.n_buckets - 1)];
}

static struct ifc_entry **name_chain(const char *name)
{
	return &ifc.by_name[name_hash(name) & (ifc.n_buckets - 1)];
}

static struct ifc_entry *find_index(unsigned int index)
{
	struct ifc_entry *e;

	if (!ifc.n_buckets)
		return NULL;
	for (e = *index_chain(index); e; e = e->next_by_index)
		if (e->index == index)
			return e;
	return NULL;
}

static struct ifc_entry *find_name(const char *name)
{
	struct ifc_entry *e;

	if (!ifc.n_buckets)
		return NULL;
	for (e = *name_chain(name); e; e = e->next_by_name)
		if (!strcmp(e->name, name))
			return e;
	return NULL;
}

static void link_entry(struct ifc_entry *e)
{
	struct ifc_entry **chain = index_chain(e->index);

	e->next_by_index = *chain;
	*chain = e;
	chain = name_chain(e->name);
	e->next_by_name = *chain;
	*chain = e;
}

static void grow(void)
{
	struct ifc_entry **old = ifc.by_index;
	size_t old_buckets = ifc.n_buckets, i;

	ifc.n_buckets = old_buckets ? old_buckets * 2 : IFCACHE_MIN_BUCKETS;
	ifc.by_index = xcalloc(ifc.n_buckets, sizeof(*ifc.by_index));
	free(ifc.by_name);
	ifc.by_name = xcalloc(ifc.n_buckets, sizeof(*ifc.by_name));
	for (i = 0; i < old_buckets; i++) {
		struct ifc_entry *e = old[i], *next;

		for (; e; e = next) {
			next = e->next_by_index;
			link_entry(e);
		}
	}
	free(old);
}

static void unlink_entry(struct ifc_entry *e)
{
	struct ifc_entry **p;

	for (p = index_chain(e->index); *p != e; p = &(*p)->next_by_index)
		;
	*p = e->next_by_index;
	for (p = name_chain(e->name); *p != e; p = &(*p)->next_by_name)
		;
	*p = e->next_by_name;
	free(e);
	ifc.count--;
}

void ifcache_forget(void)
{
	size_t i;

	for (i = 0; i < ifc.n_buckets; i++) {
		struct ifc_entry *e = ifc.by_index[i], *next;

		for (; e; e = next) {
			next = e->next_by_index;
			free(e);
		}
	}
	free(ifc.by_index);
	free(ifc.by_name);
	ifc.by_index = ifc.by_name = NULL;
	ifc.n_buckets = ifc.count = 0;
}

static void remember(unsigned int index, int type, const char *name)
{
	struct ifc_entry *e = find_index(index), *other;

	if (e && !strcmp(e->name, name)) {
		e->type = type;
		return;
	}
	/* A renamed device, or a name now worn by another one. */
	if (e)
		unlink_entry(e);
	other = find_name(name);
	if (other)
		unlink_entry(other);

	if (ifc.count >= ifc.n_buckets)
		grow();
	e = xcalloc(1, sizeof(*e));
	e->index = index;
	e->type = type;
	strcpy(e->name, name);
	link_entry(e);
	ifc.count++;
}

void ifcache_learn(const struct nlmsghdr *nlh)
{
	static const struct nl_attr_policy policy[IFLA_IFNAME + 1] = {
		[IFLA_IFNAME] = { .kind = NLA_STR },
	};
	const struct nlattr *tb[IFLA_IFNAME + 1];
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));
	const char *name;
	struct ifc_entry *e;

	if (!ifi || ifi->ifi_index <= 0)
		return;
	if (nlh->nlmsg_type == RTM_DELLINK) {
		e = find_index((unsigned int)ifi->ifi_index);
		if (e)
			unlink_entry(e);
		return;
	}
	if (nlh->nlmsg_type != RTM_NEWLINK)
		return;
	nl_attr_parse_msg(nlh, sizeof(*ifi), tb, IFLA_IFNAME, policy);
	if (!tb[IFLA_IFNAME])
		return;
	name = mnl_attr_get_str(tb[IFLA_IFNAME]);
	if (!*name || strlen(name) >= IFNAMSIZ)
		return;
	remember((unsigned int)ifi->ifi_index, ifi->ifi_type, name);
}

bool ifcache_known(unsigned int index)
{
	return find_index(index) != NULL;
}

static int learn_reply(const struct nlmsghdr *nlh, void *data)
{
	const struct ifinfomsg *ifi = nl_msg_payload(nlh, sizeof(*ifi));
	unsigned int *index = data;

	if (nlh->nlmsg_type == RTM_NEWLINK && ifi && ifi->ifi_index > 0) {
		ifcache_learn(nlh);
		*index = (unsigned int)ifi->ifi_index;
	}
	return MNL_CB_OK;
}

/*
 * Ask the kernel about one device, by @index or, when it is 0, by
 * @name (an altname too).  Returns its index, 0 when there is none.
 */
static unsigned int query(unsigned int index, const char *name)
{
	union {
		struct nlmsghdr nlh;
		char buf[NL_REQ_SIZE];
	} req;
	struct ifinfomsg *ifi;
	unsigned int found = 0;

	if (!ifc.sock)
		return 0;
	ifi = nl_req_init(&req, RTM_GETLINK, 0, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = (int)index;
	/* What the reference asks for: no statistics, VFs in a summary. */
	mnl_attr_put_u32(&req.nlh, IFLA_EXT_MASK, RTEXT_FILTER_VF | RTEXT_FILTER_SKIP_STATS);
	if (!index)
		mnl_attr_put_strz(&req.nlh, strlen(name) < IFNAMSIZ ? IFLA_IFNAME : IFLA_ALT_IFNAME,
				  name);
	if (nl_talk(ifc.sock, &req.nlh, learn_reply, &found))
		return 0;
	return found;
}

unsigned int ifcache_index(const char *name)
{
	struct ifc_entry *e;
	unsigned int index;

	if (!name || !*name || strlen(name) >= IFCACHE_ALTNAME_MAX)
		return 0;
	e = find_name(name);
	if (e)
		return e->index;
	index = query(0, name);
	if (index)
		return index;
	/* The reference takes "ifN", as it prints a device it cannot name. */
	if (sscanf(name, "if%u", &index) == 1)
		return index;
	return 0;
}

/* The entry for @index, asking the kernel when it is not cached. */
static struct ifc_entry *entry_for(unsigned int index)
{
	struct ifc_entry *e;

	if (!index)
		return NULL;
	e = find_index(index);
	if (e)
		return e;
	if (query(index, NULL) != index)
		return NULL;
	return find_index(index);
}

const char *ifcache_name(unsigned int index)
{
	struct ifc_entry *e = entry_for(index);

	return e ? e->name : NULL;
}

const char *ifcache_name_or_num(unsigned int index, char *buf, size_t len)
{
	const char *name = ifcache_name(index);

	if (name)
		return name;
	snprintf(buf, len, "if%u", index);
	return buf;
}

int ifcache_type(unsigned int index)
{
	struct ifc_entry *e = entry_for(index);

	return e ? e->type : -1;
}
