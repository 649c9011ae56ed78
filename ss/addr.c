// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The address columns: "ADDR:" right-aligned in one column, the port in
 * the next, as the reference writes them; host and service names when
 * asked for, each looked up once.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include <nlkit/addr.h>
#include <nlkit/ifcache.h>
#include <nlkit/util.h>

#include "ss.h"

struct name_cache {
	uint32_t key;
	char *name;
	struct name_cache *next;
};

#define NAME_BUCKETS 256

static struct name_cache *services[NAME_BUCKETS];

/* The service name of @port for @proto, or NULL; cached, misses too. */
static const char *service_name(uint32_t port, const char *proto)
{
	uint32_t key = port | (uint32_t)proto[0] << 24;
	struct name_cache **head = &services[port % NAME_BUCKETS], *n;
	struct servent *se;

	for (n = *head; n; n = n->next)
		if (n->key == key)
			return n->name;
	se = getservbyport(htons((uint16_t)port), proto);
	n = xmalloc(sizeof(*n));
	n->key = key;
	n->name = se ? xstrdup(se->s_name) : NULL;
	n->next = *head;
	*head = n;
	return n->name;
}

static const char *host_name(int family, const uint8_t *addr)
{
	static struct name_cache *hosts[NAME_BUCKETS];
	uint32_t key;
	struct name_cache **head, *n;
	struct hostent *he;

	if (family != AF_INET)
		return NULL;
	memcpy(&key, addr, 4);
	head = &hosts[key % NAME_BUCKETS];
	for (n = *head; n; n = n->next)
		if (n->key == key)
			return n->name;
	he = gethostbyaddr(addr, 4, AF_INET);
	n = xmalloc(sizeof(*n));
	n->key = key;
	n->name = he ? xstrdup(he->h_name) : NULL;
	n->next = *head;
	*head = n;
	return n->name;
}

void out_addr_port(bool local, const char *addr, char delim, const char *port)
{
	char text[2] = { delim, '\0' };

	out_col(local ? COL_LADDR : COL_RADDR);
	out_str(local ? "local_address" : "peer_address", "%s", addr);
	out_text("%s", text);
	out_col(local ? COL_LPORT : COL_RPORT);
	if (port)
		out_str(local ? "local_port" : "peer_port", "%s", port);
}

static bool all_zero(const uint8_t *p, size_t len)
{
	while (len--)
		if (*p++)
			return false;
	return true;
}

/* inet_ntop() for IPv4, without the sprintf glibc's spends most of a -tan on. */
static void format_ipv4(const uint8_t *addr, char *buf)
{
	int i;

	for (i = 0; i < 4; i++) {
		unsigned int b = addr[i];

		if (b >= 100)
			*buf++ = (char)('0' + b / 100);
		if (b >= 10)
			*buf++ = (char)('0' + b / 10 % 10);
		*buf++ = (char)('0' + b % 10);
		*buf++ = i < 3 ? '.' : '\0';
	}
}

/* A port number's text into @buf (16 bytes). */
static const char *format_port(uint32_t port, char *buf)
{
	char *p = buf + 15;

	*p = '\0';
	do {
		*--p = (char)('0' + port % 10);
		port /= 10;
	} while (port);
	return p;
}

void out_inet_addr(bool local, int family, const uint8_t *addr, uint32_t port,
		   uint32_t ifindex, bool v6only, const char *proto)
{
	char host[INET6_ADDRSTRLEN + 2 + 64], num[24], ifbuf[32];
	const char *name = NULL, *port_text;
	size_t hl;

	if (family == AF_INET) {
		if (sso.resolve && !all_zero(addr, 4))
			name = host_name(family, addr);
		if (name)
			snprintf(host, sizeof(host), "%s", name);
		else
			format_ipv4(addr, host);
	} else if (!v6only && all_zero(addr, 16)) {
		strcpy(host, "*");
	} else {
		host[0] = '[';
		inet_ntop(AF_INET6, addr, host + 1, sizeof(host) - 2);
		strcat(host, "]");
	}
	if (ifindex) {
		hl = strlen(host);
		snprintf(host + hl, sizeof(host) - hl, "%%%s",
			 ifcache_name_or_num(ifindex, ifbuf, sizeof(ifbuf)));
	}
	if (!port) {
		port_text = "*";
	} else {
		port_text = NULL;
		if (!sso.numeric) {
			if (proto && !strcmp(proto, "raw")) {
				struct protoent *pe = getprotobynumber((int)port);

				/* A protocol without a name is shown as the reference shows it. */
				if (pe) {
					port_text = pe->p_name;
				} else {
					snprintf(num, sizeof(num), "ipproto-%u", port);
					port_text = num;
				}
			} else if (proto) {
				port_text = service_name(port, proto);
			}
		}
		if (!port_text)
			port_text = format_port(port, num);
	}
	out_addr_port(local, host, ':', port_text);
}

void out_row_head(const struct ss_sock *s)
{
	out_row();
	out_col(COL_NETID);
	out_str("netid", "%s", ss_db_netid(s->db));
	out_col(COL_STATE);
	out_str("state", "%s", ss_state_name(s->state));
	out_col(COL_RECVQ);
	out_int("recv_q", "%-6d", s->rq);
	out_col(COL_SENDQ);
	out_int("send_q", "%-6d", s->wq);
}

void out_sock_ids(const struct ss_sock *s)
{
	if (s->uid)
		out_uint("uid", " uid:%u", s->uid);
	out_uint("ino", " ino:%u", s->ino);
	out_u64("sk", " sk:%llx", (unsigned long long)s->cookie);
}
