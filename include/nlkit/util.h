/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small helpers shared by the command-line front ends. */
#ifndef NLKIT_UTIL_H
#define NLKIT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * matches - @arg abbreviates @word: a non-empty prefix of it, as the
 * reference accepts "ip l" for "ip link".
 */
bool matches(const char *arg, const char *word);

/* Whole-string number parsing; 0 on success, -EINVAL otherwise.
 * @base 0 takes decimal, 0x hex and 0 octal as strtoul() does.  The
 * string is the number alone: no blanks around it; an optional '+', and
 * '-' only for parse_s32(); a value outside the type's range fails.
 * *@out is written only on success. */
int parse_u8(const char *s, int base, uint8_t *out);
int parse_u16(const char *s, int base, uint16_t *out);
int parse_u32(const char *s, int base, uint32_t *out);
int parse_u64(const char *s, int base, uint64_t *out);
int parse_s32(const char *s, int base, int32_t *out);

/* Allocation that ends the program when memory runs out, with status 1
 * after "PROGRAM: out of memory" on stderr.  A zero size is allocated as
 * one byte, so the result is never NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
