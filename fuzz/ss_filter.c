// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: ss's filter (ss/filter.c): the input as the words of a
 * FILTER (split at white space, as -F FILE reads it), parsed, compiled to
 * the kernel's bytecode for each family, and run on a socket made of the
 * input's first bytes.
 *
 * The parser is made for one run: it ends the program on a bad filter and
 * frees nothing.  This target includes ss/filter.c so that its exit()
 * returns here instead and its allocations are tracked, to be freed
 * after each input; device names find no device (fuzz/nokernel.h).
 */
#include <setjmp.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <nlkit/util.h>

static void *tracked_calloc(size_t n, size_t size);
static void *tracked_realloc(void *p, size_t size);
static char *tracked_strdup(const char *s);
static void tracked_free(void *p);
static void filter_exit(int status) __attribute__((noreturn));
/* Host names resolve to nothing: a fuzzer asks no name server. */
#define getaddrinfo no_getaddrinfo
#define xcalloc tracked_calloc
#define xrealloc tracked_realloc
#define xstrdup tracked_strdup
#define free tracked_free
#define exit(status) filter_exit(status)
#include "../ss/filter.c"
#undef exit
#undef getaddrinfo
#undef free
#undef xstrdup
#undef xrealloc
#undef xcalloc
#include "../ss/protos.c"

#include "fuzz.h"

/* Defined with ss's main(), which is not linked here. */
struct ss_filter ssf;
bool ss_states_given;
struct ss_options sso;
int ss_preferred_family;

static struct {
	void **blocks;
	size_t count, cap;
} tracked;

static jmp_buf filter_exited;

static void filter_exit(int status __attribute__((unused)))
{
	longjmp(filter_exited, 1);
}

int no_getaddrinfo(const char *node __attribute__((unused)),
		   const char *service __attribute__((unused)),
		   const struct addrinfo *hints __attribute__((unused)),
		   struct addrinfo **res __attribute__((unused)))
{
	return EAI_NONAME;
}

/* A syntax error's usage text would only slow the fuzzer. */
void ss_usage(FILE *to __attribute__((unused)), int status)
{
	filter_exit(status);
}

static void *track(void *p)
{
	if (tracked.count == tracked.cap) {
		tracked.cap = tracked.cap ? tracked.cap * 2 : 64;
		tracked.blocks = xrealloc(tracked.blocks, tracked.cap * sizeof(*tracked.blocks));
	}
	tracked.blocks[tracked.count++] = p;
	return p;
}

static void *tracked_calloc(size_t n, size_t size)
{
	return track(xcalloc(n, size));
}

/* The slot of @p in the tracked blocks, or tracked.count. */
static size_t tracked_slot(const void *p)
{
	size_t i;

	for (i = 0; p && i < tracked.count; i++)
		if (tracked.blocks[i] == p)
			return i;
	return tracked.count;
}

static void *tracked_realloc(void *p, size_t size)
{
	size_t slot = tracked_slot(p);
	void *q = xrealloc(p, size);

	if (slot < tracked.count) {
		tracked.blocks[slot] = q;
		return q;
	}
	return track(q);
}

static void tracked_free(void *p)
{
	size_t slot = tracked_slot(p);

	if (slot < tracked.count)
		tracked.blocks[slot] = tracked.blocks[--tracked.count];
	free(p);
}

static char *tracked_strdup(const char *s)
{
	return track(xstrdup(s));
}

static void free_tracked(void)
{
	size_t i;

	for (i = 0; i < tracked.count; i++)
		free(tracked.blocks[i]);
	tracked.count = 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int families[] = { AF_INET, AF_INET6, AF_UNIX, AF_PACKET, AF_NETLINK };
	/* Volatile: their values must survive the longjmp() of a bad filter. */
	char *volatile text;
	char **volatile argv = NULL;
	volatile int argc = 0;
	struct ss_sock sock = { 0 };
	char *save = NULL, *word;
	size_t i, len;
	void *code;

	memcpy(&sock, data, size < sizeof(sock) ? size : sizeof(sock));
	sock.lname = sock.rname = NULL;
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (word = strtok_r(text, " \t\n", &save); word; word = strtok_r(NULL, " \t\n", &save)) {
		argv = xrealloc(argv, (size_t)(argc + 1) * sizeof(*argv));
		argv[argc++] = word;
	}

	memset(&ssf, 0, sizeof(ssf));
	ss_states_given = false;
	if (!setjmp(filter_exited)) {
		filter_parse(argc, argv);
		for (i = 0; i < ARRAY_SIZE(families); i++) {
			code = filter_bytecode(families[i], &len);
			tracked_free(code);
			sock.family = families[i];
			ss_filter_match(&sock);
		}
	}
	free_tracked();
	free(argv);
	free(text);
	return 0;
}
