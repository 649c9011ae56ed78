/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A minimal unit-test frame.  A test program lists its cases with
 * UNIT_CASES(); run with no argument it runs them all, with a case name
 * it runs that one (so that bats reports each case on its own line).  A
 * failed CHECK() reports the file, line and expression on stderr, marks
 * the case failed and goes on; the exit status is 0 only when every case
 * that ran passed.
 */
#ifndef NLKIT_UNIT_H
#define NLKIT_UNIT_H

#include <stdio.h>
#include <string.h>

static int unit_failed;

#define CHECK(expr)                                                                      \
	do {                                                                             \
		if (!(expr)) {                                                           \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#expr);                                                  \
			unit_failed = 1;                                                 \
		}                                                                        \
	} while (0)

#define CHECK_STR(got, want)                                                             \
	do {                                                                             \
		const char *got_ = (got), *want_ = (want);                               \
		if (!got_ || strcmp(got_, want_)) {                                      \
			fprintf(stderr, "%s:%d: %s: got \"%s\", want \"%s\"\n", __FILE__,  \
				__LINE__, #got, got_ ? got_ : "(null)", want_);          \
			unit_failed = 1;                                                 \
		}                                                                        \
	} while (0)

struct unit_case {
	const char *name;
	void (*run)(void);
};

#define UNIT_CASES(...)                                                                  \
	static const struct unit_case unit_cases[] = { __VA_ARGS__ };                   \
	int main(int argc, char **argv)                                                  \
	{                                                                                \
		size_t i, ran = 0;                                                       \
		for (i = 0; i < sizeof(unit_cases) / sizeof(unit_cases[0]); i++) {     \
			if (argc > 1 && strcmp(argv[1], unit_cases[i].name))            \
				continue;                                                \
			unit_cases[i].run();                                             \
			ran++;                                                           \
		}                                                                        \
		if (!ran) {                                                              \
			fprintf(stderr, "no case named %s\n", argc > 1 ? argv[1] : ""); \
			return 2;                                                        \
		}                                                                        \
		return unit_failed;                                                      \
	}

#define UNIT(fn) { #fn, fn }

#endif
