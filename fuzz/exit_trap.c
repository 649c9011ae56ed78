// SPDX-License-Identifier: GPL-2.0-or-later
#include <dlfcn.h>
#include <setjmp.h>
#include <stdlib.h>
#include <unistd.h>

#include "exit_trap.h"

static jmp_buf trapped;
static bool trapping;

/* The program's exit(): a call from the code under test comes back to fuzz_exits(). */
void exit(int status)
{
	void (*libc_exit)(int);

	if (trapping) {
		trapping = false;
		longjmp(trapped, 1);
	}
	*(void **)&libc_exit = dlsym(RTLD_NEXT, "exit");
	if (libc_exit)
		libc_exit(status);
	_exit(status);
}

bool fuzz_exits(void (*fn)(void *data), void *data)
{
	if (setjmp(trapped))
		return true;
	trapping = true;
	fn(data);
	trapping = false;
	return false;
}

struct command {
	int (*run)(int argc, char **argv);
	int argc;
	char **argv;
};

static void run_command(void *data)
{
	struct command *c = data;

	c->run(c->argc, c->argv);
}

void fuzz_run_command(int (*run)(int argc, char **argv), int argc, char **argv)
{
	struct command c = { run, argc, argv };

	fuzz_exits(run_command, &c);
}
