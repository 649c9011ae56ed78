// SPDX-License-Identifier: GPL-2.0-or-later
/* Attribute parsing into an index table, with type and length checks. */
#include <errno.h>
#include <string.h>

#include <nlkit/attr.h>

/* Whether [payload, payload + len) is a run of well-framed attributes. */
static bool attrs_framed(const char *payload, size_t len)
{
	const struct nlattr *nla;
	size_t off = 0, step;

	while (len - off >= NLA_HDRLEN) {
		nla = (const struct nlattr *)(payload + off);
		if (nla->nla_len < NLA_HDRLEN || nla->nla_len > len - off)
			return false;
		step = NLA_ALIGN(nla->nla_len);
		if (step >= len - off)
			return true;
		off += step;
	}
	return off == len;
}

static bool attr_fits(const struct nlattr *nla, const struct nl_attr_policy *pol)
{
	const char *payload = mnl_attr_get_payload(nla);
	size_t len = nla->nla_len - NLA_HDRLEN;

	if (len < pol->min_len)
		return false;
	switch (pol->kind) {
	case NLA_ANY:
	case NLA_BINARY:
		return true;
	case NLA_U8:
		return len >= sizeof(uint8_t);
	case NLA_U16:
		return len >= sizeof(uint16_t);
	case NLA_U32:
		return len >= sizeof(uint32_t);
	case NLA_U64:
		return len >= sizeof(uint64_t);
	case NLA_STR:
		return memchr(payload, '\0', len) != NULL;
	case NLA_NESTED:
		return attrs_framed(payload, len);
	default:
		return false;
	}
}

int nl_attr_parse(const void *start, size_t len, const struct nlattr **tb, unsigned int max,
		  const struct nl_attr_policy *policy)
{
	const char *buf = start;
	const struct nlattr *nla;
	size_t off = 0, step;
	unsigned int type;
	int ret = 0;

	memset(tb, 0, (max + 1) * sizeof(*tb));
	while (len - off >= NLA_HDRLEN) {
		nla = (const struct nlattr *)(buf + off);
		if (nla->nla_len < NLA_HDRLEN || nla->nla_len > len - off)
			return -EINVAL;

		type = nla->nla_type & NLA_TYPE_MASK;
		if (type <= max && !(policy && policy[type].kind == NLA_NONE)) {
			if (!policy || attr_fits(nla, &policy[type]))
				tb[type] = nla;
			else
				ret = -EINVAL;
		}

		/* The last attribute may go without its padding. */
		step = NLA_ALIGN(nla->nla_len);
		if (step >= len - off)
			return ret;
		off += step;
	}
	return off == len ? ret : -EINVAL;
}

const void *nl_msg_payload(const struct nlmsghdr *nlh, size_t hdr_len)
{
	if (nlh->nlmsg_len < NLMSG_HDRLEN || nlh->nlmsg_len - NLMSG_HDRLEN < hdr_len)
		return NULL;
	return mnl_nlmsg_get_payload(nlh);
}

int nl_attr_parse_msg(const struct nlmsghdr *nlh, size_t hdr_len, const struct nlattr **tb,
		      unsigned int max, const struct nl_attr_policy *policy)
{
	const char *payload = nl_msg_payload(nlh, hdr_len);
	size_t payload_len, attrs_off = NLMSG_ALIGN(hdr_len);

	if (!payload) {
		memset(tb, 0, (max + 1) * sizeof(*tb));
		return -EINVAL;
	}
	payload_len = nlh->nlmsg_len - NLMSG_HDRLEN;
	/* A family header without its padding leaves no attributes. */
	if (attrs_off > payload_len)
		attrs_off = payload_len;
	return nl_attr_parse(payload + attrs_off, payload_len - attrs_off, tb, max, policy);
}

int nl_attr_parse_nested(const struct nlattr *nest, const struct nlattr **tb, unsigned int max,
			 const struct nl_attr_policy *policy)
{
	if (nest->nla_len < NLA_HDRLEN) {
		memset(tb, 0, (max + 1) * sizeof(*tb));
		return -EINVAL;
	}
	return nl_attr_parse(mnl_attr_get_payload(nest), nest->nla_len - NLA_HDRLEN, tb, max,
			     policy);
}

struct nlattr *nl_attr_nest_start_plain(struct nlmsghdr *nlh, uint16_t type)
{
	struct nlattr *nest = mnl_attr_nest_start(nlh, type);

	nest->nla_type = type;
	return nest;
}
