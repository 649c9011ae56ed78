/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * For the fuzz targets whose code under test may end the program on bad
 * input (ip's invarg() and usage(), libnftnl on an attribute the
 * kernel's ABI has not): fuzz/exit_trap.c defines exit() for the whole
 * program, so that an exit() from inside fuzz_exits() returns from it
 * instead, the shared libraries' too; anywhere else exit() is the C
 * library's.
 */
#ifndef NLKIT_FUZZ_EXIT_TRAP_H
#define NLKIT_FUZZ_EXIT_TRAP_H

#include <stdbool.h>

/*
 * fuzz_exits - call @fn(@data); whether it called exit().  What it
 * allocated before it exited is left behind, as the program would have
 * left it to its end.
 */
bool fuzz_exits(void (*fn)(void *data), void *data);

/* fuzz_run_command - @run(@argc, @argv) through fuzz_exits(). */
void fuzz_run_command(int (*run)(int argc, char **argv), int argc, char **argv);

#endif
