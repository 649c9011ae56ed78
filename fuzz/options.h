/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ip options a fuzz input chooses, for the targets that run ip's
 * printers: set up ipo, the name tables and the printing layer (on
 * /dev/null), as ip_main() would from the command line, and undo what
 * the previous input left in the caches.
 */
#ifndef NLKIT_FUZZ_OPTIONS_H
#define NLKIT_FUZZ_OPTIONS_H

#include <stddef.h>
#include <stdint.h>

/*
 * fuzz_ip_options - @options: bit 0 -j, 1 -p, 2 -d, 3 -s, 4 -s again,
 * 5 -br, 6 -o (bit 7 is the target's); @family: bits 0-1 none, -4, -6,
 * -0; bit 2 -h, bit 3 -iec, bit 4 -N, bit 5 -color=always
 * (bits 6-7 the target's).
 */
void fuzz_ip_options(uint8_t options, uint8_t family);

/* fuzz_ip_done - end the output as ip_main() does. */
void fuzz_ip_done(void);

/*
 * fuzz_ip_command - run one of @n commands of ip, each @width words (NULL
 * after its last), that byte 2 of @data chooses, with the options of
 * bytes 0 and 1 (fuzz_ip_options) and the rest of @data as the kernel's
 * answers (nokernel_reply).  An exit() of ip's ends the command alone
 * (fuzz/exit_trap.h).
 */
void fuzz_ip_command(const uint8_t *data, size_t size, const char *const *commands, size_t n,
		     size_t width);

#endif
