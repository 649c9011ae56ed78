// SPDX-License-Identifier: GPL-2.0-or-later
/* -s: the kernel's socket counters from /proc/net. */
#include <stdlib.h>
#include <string.h>

#include "ss.h"

struct sockstat_counts {
	long sockets, tcp_inuse, tcp_orphan, tcp_tw, tcp_alloc, udp, raw, frag;
	long tcp6, udp6, raw6, frag6, estab;
};

/* The number after @key on the line of @file that starts with @tag. */
static long counter(const char *file, const char *tag, const char *key)
{
	char line[1024];
	long value = 0;
	FILE *f = fopen(file, "re");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *p;

		if (strncmp(line, tag, strlen(tag)))
			continue;
		p = strstr(line + strlen(tag), key);
		if (p)
			value = strtol(p + strlen(key), NULL, 10);
		break;
	}
	fclose(f);
	return value;
}

/* /proc/net/snmp gives a line of names, then a line of values. */
static long snmp_counter(const char *tag, const char *name)
{
	char names[2048], values[2048];
	long value = 0;
	FILE *f = fopen("/proc/net/snmp", "re");

	if (!f)
		return 0;
	while (fgets(names, sizeof(names), f) && fgets(values, sizeof(values), f)) {
		char *ns, *vs, *n, *v;

		if (strncmp(names, tag, strlen(tag)))
			continue;
		n = strtok_r(names, " \n", &ns);
		v = strtok_r(values, " \n", &vs);
		while (n && v) {
			if (!strcmp(n, name)) {
				value = strtol(v, NULL, 10);
				break;
			}
			n = strtok_r(NULL, " \n", &ns);
			v = strtok_r(NULL, " \n", &vs);
		}
		break;
	}
	fclose(f);
	return value;
}

int summary_show(void)
{
	const char *s4 = "/proc/net/sockstat", *s6 = "/proc/net/sockstat6";
	struct sockstat_counts c = {
		.sockets = counter(s4, "sockets:", "used "),
		.tcp_inuse = counter(s4, "TCP:", "inuse "),
		.tcp_orphan = counter(s4, "TCP:", "orphan "),
		.tcp_tw = counter(s4, "TCP:", " tw "),
		.tcp_alloc = counter(s4, "TCP:", "alloc "),
		.udp = counter(s4, "UDP:", "inuse "),
		.raw = counter(s4, "RAW:", "inuse "),
		.frag = counter(s4, "FRAG:", "inuse "),
		.tcp6 = counter(s6, "TCP6:", "inuse "),
		.udp6 = counter(s6, "UDP6:", "inuse "),
		.raw6 = counter(s6, "RAW6:", "inuse "),
		.frag6 = counter(s6, "FRAG6:", "inuse "),
		.estab = snmp_counter("Tcp:", "CurrEstab"),
	};
	const char *row = "%s\t  %-9ld %-9ld %-9ld\n";

	printf("Total: %ld\n", c.sockets);
	printf("TCP:   %ld (estab %ld, closed %ld, orphaned %ld, timewait %ld)\n", c.tcp_alloc,
	       c.estab, c.tcp_alloc - (c.tcp_inuse + c.tcp6), c.tcp_orphan, c.tcp_tw);
	printf("\n");
	printf("Transport Total     IP        IPv6\n");
	printf(row, "RAW", c.raw + c.raw6, c.raw, c.raw6);
	printf(row, "UDP", c.udp + c.udp6, c.udp, c.udp6);
	printf(row, "TCP", c.tcp_inuse + c.tcp6, c.tcp_inuse, c.tcp6);
	printf(row, "INET", c.raw + c.udp + c.tcp_inuse + c.raw6 + c.udp6 + c.tcp6,
	       c.raw + c.udp + c.tcp_inuse, c.raw6 + c.udp6 + c.tcp6);
	printf(row, "FRAG", c.frag + c.frag6, c.frag, c.frag6);
	printf("\n");
	fflush(stdout);
	return 0;
}
