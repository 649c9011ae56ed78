/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What every fuzz target defines.  Each target is built twice: with
 * libFuzzer (make fuzz), and as a plain program with fuzz/replay.c's
 * main(), which runs the inputs named on its command line once each, so
 * that the test suite replays the corpora without clang.
 */
#ifndef NLKIT_FUZZ_H
#define NLKIT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Optional: called once before the first input. */
int LLVMFuzzerInitialize(int *argc, char ***argv);

/*
 * LeakSanitizer's: what is allocated between __lsan_disable() and
 * __lsan_enable() is never reported.  Weak: a replay program built
 * without the sanitizers has none, and a target calls them only when
 * they are there.
 */
void __lsan_disable(void) __attribute__((weak));
void __lsan_enable(void) __attribute__((weak));

#endif
