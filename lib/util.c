// SPDX-License-Identifier: GPL-2.0-or-later
/* Small helpers shared by the command-line front ends. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nlkit/util.h>

bool matches(const char *arg, const char *word)
{
	size_t len = strlen(arg);

	return len && !strncmp(word, arg, len);
}

/*
 * strtoull() skips leading blanks and negates a '-' number into a huge
 * positive one: refuse both, so that "-1" is no valid count.
 */
static int parse_unsigned(const char *s, int base, unsigned long long max,
			  unsigned long long *out)
{
	unsigned long long v;
	char *end;

	if (!*s || isspace((unsigned char)*s) || *s == '-')
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno || *end || end == s || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

int parse_u8(const char *s, int base, uint8_t *out)
{
	unsigned long long v;
	int ret = parse_unsigned(s, base, UINT8_MAX, &v);

	if (!ret)
		*out = v;
	return ret;
}

int parse_u16(const char *s, int base, uint16_t *out)
{
	unsigned long long v;
	int ret = parse_unsigned(s, base, UINT16_MAX, &v);

	if (!ret)
		*out = v;
	return ret;
}

int parse_u32(const char *s, int base, uint32_t *out)
{
	unsigned long long v;
	int ret = parse_unsigned(s, base, UINT32_MAX, &v);

	if (!ret)
		*out = v;
	return ret;
}

int parse_u64(const char *s, int base, uint64_t *out)
{
	unsigned long long v;
	int ret = parse_unsigned(s, base, UINT64_MAX, &v);

	if (!ret)
		*out = v;
	return ret;
}

int parse_s32(const char *s, int base, int32_t *out)
{
	long long v;
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoll(s, &end, base);
	if (errno || *end || end == s || v < INT32_MIN || v > INT32_MAX)
		return -EINVAL;
	*out = v;
	return 0;
}

static void *checked(void *p)
{
	if (!p) {
		fprintf(stderr, "%s: out of memory\n", program_invocation_short_name);
		exit(1);
	}
	return p;
}

/* A zero size still gets a pointer, so that NULL always means failure. */
void *xmalloc(size_t n)
{
	return checked(malloc(n ? n : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return checked(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t n)
{
	return checked(realloc(p, n ? n : 1));
}

char *xstrdup(const char *s)
{
	return checked(strdup(s));
}
