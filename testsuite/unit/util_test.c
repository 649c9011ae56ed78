// SPDX-License-Identifier: GPL-2.0-or-later
/* Abbreviations, number parsing and the allocators. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlkit/util.h>
#include "unit.h"

static void abbreviations(void)
{
	CHECK(matches("l", "link"));
	CHECK(matches("li", "link"));
	CHECK(matches("link", "link"));
	CHECK(!matches("links", "link"));
	CHECK(!matches("lx", "link"));
	CHECK(!matches("", "link"));
	CHECK(!matches("L", "link"));
	CHECK(!matches("a", ""));
	CHECK(!matches("", ""));
}

static void unsigned_bounds(void)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	CHECK(parse_u8("0", 0, &u8) == 0 && u8 == 0);
	CHECK(parse_u8("255", 0, &u8) == 0 && u8 == 255);
	CHECK(parse_u8("256", 0, &u8) == -EINVAL && u8 == 255);
	CHECK(parse_u16("65535", 10, &u16) == 0 && u16 == 65535);
	CHECK(parse_u16("65536", 10, &u16) == -EINVAL);
	CHECK(parse_u32("4294967295", 0, &u32) == 0 && u32 == UINT32_MAX);
	CHECK(parse_u32("4294967296", 0, &u32) == -EINVAL);
	CHECK(parse_u64("18446744073709551615", 0, &u64) == 0 && u64 == UINT64_MAX);
	CHECK(parse_u64("18446744073709551616", 0, &u64) == -EINVAL);
	CHECK(parse_u32("+7", 0, &u32) == 0 && u32 == 7);
}

static void unsigned_bases(void)
{
	uint32_t u32;
	uint16_t u16;

	CHECK(parse_u32("0x10", 0, &u32) == 0 && u32 == 16);
	CHECK(parse_u32("010", 0, &u32) == 0 && u32 == 8);
	CHECK(parse_u32("010", 10, &u32) == 0 && u32 == 10);
	CHECK(parse_u32("ff", 16, &u32) == 0 && u32 == 255);
	CHECK(parse_u32("0xff", 16, &u32) == 0 && u32 == 255);
	CHECK(parse_u16("0xffff", 0, &u16) == 0 && u16 == 0xffff);
	CHECK(parse_u16("0x10000", 0, &u16) == -EINVAL);
	CHECK(parse_u32("08", 0, &u32) == -EINVAL);
	CHECK(parse_u32("12", 1, &u32) == -EINVAL);
	CHECK(parse_u32("12", 37, &u32) == -EINVAL);
}

static void garbage(void)
{
	static const char *const bad[] = {
		"", " 1", "1 ", "1x", "x1", "-1", "-0", "0x", "1.5", "--1", "+", "\t2", "1\n",
	};
	uint8_t u8 = 42;
	uint16_t u16 = 42;
	uint32_t u32 = 42;
	uint64_t u64 = 42;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		if (parse_u8(bad[i], 0, &u8) != -EINVAL ||
		    parse_u16(bad[i], 0, &u16) != -EINVAL ||
		    parse_u32(bad[i], 0, &u32) != -EINVAL ||
		    parse_u64(bad[i], 0, &u64) != -EINVAL) {
			fprintf(stderr, "accepted \"%s\"\n", bad[i]);
			unit_failed = 1;
		}
	}
	CHECK(u8 == 42 && u16 == 42 && u32 == 42 && u64 == 42);
}

static void signed_range(void)
{
	static const char *const bad[] = {
		"", " 1", "1 ", "2147483648", "-2147483649", "9999999999999999999999", "0x", "- 1",
		"1e3",
	};
	int32_t v = 42;
	size_t i;

	CHECK(parse_s32("-2147483648", 0, &v) == 0 && v == INT32_MIN);
	CHECK(parse_s32("2147483647", 0, &v) == 0 && v == INT32_MAX);
	CHECK(parse_s32("-1", 0, &v) == 0 && v == -1);
	CHECK(parse_s32("-0x10", 0, &v) == 0 && v == -16);
	CHECK(parse_s32("+5", 10, &v) == 0 && v == 5);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		v = 42;
		if (parse_s32(bad[i], 0, &v) != -EINVAL || v != 42) {
			fprintf(stderr, "accepted \"%s\"\n", bad[i]);
			unit_failed = 1;
		}
	}
}

static void allocators(void)
{
	char *s = xstrdup("nlkit");
	int *v = xcalloc(4, sizeof(*v));
	void *empty = xmalloc(0);

	CHECK(!strcmp(s, "nlkit"));
	CHECK(v[0] == 0 && v[3] == 0);
	v = xrealloc(v, 1000 * sizeof(*v));
	v[999] = 1;
	CHECK(v[0] == 0 && v[999] == 1);
	CHECK(empty != NULL);
	free(s);
	free(v);
	free(empty);
}

#ifdef __SANITIZE_ADDRESS__
/* The sanitizer's malloc would abort where libc's returns NULL. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}
#endif

/* Running out of memory ends the program with its message and status 1. */
static void out_of_memory(void)
{
	int pipefd[2], status;
	char msg[512] = "";
	size_t got = 0;
	ssize_t n;
	pid_t pid;

	CHECK(pipe(pipefd) == 0);
	pid = fork();
	if (pid == 0) {
		dup2(pipefd[1], STDERR_FILENO);
		xmalloc(SIZE_MAX / 2);
		_exit(0);
	}
	close(pipefd[1]);
	while (got < sizeof(msg) - 1 && (n = read(pipefd[0], msg + got, sizeof(msg) - 1 - got)) > 0)
		got += n;
	close(pipefd[0]);
	CHECK(waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 1);
	CHECK(strstr(msg, ": out of memory\n") != NULL);
}

UNIT_CASES(UNIT(abbreviations), UNIT(unsigned_bounds), UNIT(unsigned_bases), UNIT(garbage),
	   UNIT(signed_range), UNIT(allocators), UNIT(out_of_memory))
