// SPDX-License-Identifier: GPL-2.0-or-later
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <nlkit/ifcache.h>
#include <nlkit/names.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "../ip/ip.h"
#include "../ip/link.h"
#include "../ip/nexthop.h"
#include "exit_trap.h"
#include "nokernel.h"
#include "options.h"

static FILE *devnull;

void fuzz_ip_options(uint8_t options, uint8_t family)
{
	static const int families[] = { AF_UNSPEC, AF_INET, AF_INET6, AF_PACKET };
	struct pr_config cfg;

	if (!devnull) {
		devnull = fopen("/dev/null", "we");
		if (!devnull)
			abort();
	}
	ifcache_forget();
	link_forget();
	nexthop_info_forget();
	memset(&ipo, 0, sizeof(ipo));
	ipo.json = options & 0x01;
	ipo.pretty = options & 0x02;
	ipo.details = !!(options & 0x04);
	ipo.stats = !!(options & 0x08) + !!(options & 0x10);
	ipo.brief = options & 0x20;
	ipo.oneline = options & 0x40;
	ipo.family = families[family & 0x03];
	ipo.human = family & 0x04 ? (family & 0x08 ? 1024 : 1000) : 0;
	ipo.numeric = family & 0x10;
	names_numeric(ipo.numeric);
	cfg = (struct pr_config){
		.json = ipo.json,
		.pretty = ipo.pretty,
		.oneline = ipo.oneline,
		.color = family & 0x20 && !ipo.json ? PR_COLOR_ALWAYS : PR_COLOR_NEVER,
		.human = ipo.human,
	};
	pr_init(devnull, &cfg);
}

void fuzz_ip_done(void)
{
	pr_finish();
}

void fuzz_ip_command(const uint8_t *data, size_t size, const char *const *commands, size_t n,
		     size_t width)
{
	const char *const *command;
	char **argv;
	void *reply;
	int argc;

	if (size < 3)
		return;
	argv = xcalloc(width, sizeof(*argv));
	fuzz_ip_options(data[0], data[1]);
	command = commands + (data[2] % n) * width;
	/* ip's handlers take argv as the command line gives it: writable. */
	for (argc = 0; argc < (int)width && command[argc]; argc++)
		argv[argc] = (char *)command[argc];
	/* Aligned, as the kernel's messages are; exactly sized, for the sanitizers. */
	reply = xmalloc(size - 3 ? size - 3 : 1);
	memcpy(reply, data + 3, size - 3);
	nokernel_reply(reply, size - 3);
	fuzz_run_command(ip_run_object, argc, argv);
	fuzz_ip_done();
	free(reply);
	free(argv);
}
