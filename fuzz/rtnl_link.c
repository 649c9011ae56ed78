// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: the link printers (ip/link.c's link_print_open() and
 * link_print_close()) on RTM_NEWLINK messages, as ip link show and ip
 * address show call them.
 *
 * Input: one byte of options, one of family, then netlink messages: the
 * link dump, which is also the kernel's answer to the lookups the
 * printers make (lower devices' flags, names of other devices).
 *   options: bits 0-6 as fuzz_ip_options() takes them; bit 7
 *            LINK_SHOW_ADDRESS mode (LINK_SHOW_LINK otherwise)
 *   family:  as fuzz_ip_options() takes it (fuzz/options.h)
 */
#include <stdlib.h>
#include <string.h>
#include <linux/rtnetlink.h>

#include <nlkit/nl.h>
#include <nlkit/util.h>

#include "../ip/link.h"
#include "fuzz.h"
#include "nokernel.h"
#include "options.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct nlmsghdr *nlh;
	enum link_show_mode mode;
	uint8_t *msgs;
	int left;

	if (size < 2)
		return 0;
	mode = data[0] & 0x80 ? LINK_SHOW_ADDRESS : LINK_SHOW_LINK;
	fuzz_ip_options(data[0], data[1]);
	/* Aligned, as the kernel's messages are; exactly sized, for the sanitizers. */
	size -= 2;
	msgs = xmalloc(size ? size : 1);
	memcpy(msgs, data + 2, size);
	nokernel_reply(msgs, size);

	left = size > INT32_MAX ? INT32_MAX : (int)size;
	for (nlh = (const struct nlmsghdr *)msgs; nl_msg_ok(nlh, left);
	     nlh = mnl_nlmsg_next(nlh, &left))
		link_learn(nlh);
	left = size > INT32_MAX ? INT32_MAX : (int)size;
	for (nlh = (const struct nlmsghdr *)msgs; nl_msg_ok(nlh, left);
	     nlh = mnl_nlmsg_next(nlh, &left)) {
		if (nlh->nlmsg_type != RTM_NEWLINK)
			continue;
		link_print_open(nlh, mode);
		link_print_close(nlh, mode);
	}
	fuzz_ip_done();
	free(msgs);
	return 0;
}
