// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Fuzz target: nft's front end, the scanner, parser and evaluation
 * (nft/parser.c, nft/evaluate.c) of the input as a ruleset, as nft -c
 * checks one before anything is sent.  "include" finds no file here (the
 * Makefile wraps glob()): a fuzzed path must not read the host's files,
 * /dev/zero among them.
 */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nlkit/util.h>

#include "../nft/ast.h"
#include "fuzz.h"

int __wrap_glob(const char *pattern, int flags, int (*errfunc)(const char *, int), glob_t *g);
const char *__asan_default_options(void);

/*
 * The parser keeps every "define" for the life of the process, as nft -i
 * needs (a later line uses an earlier line's), and frees none: that is
 * no leak to report, in libFuzzer's runs or in the replays.
 */
const char *__asan_default_options(void)
{
	return "detect_leaks=0";
}

int __wrap_glob(const char *pattern __attribute__((unused)), int flags __attribute__((unused)),
		int (*errfunc)(const char *, int) __attribute__((unused)), glob_t *g)
{
	memset(g, 0, sizeof(*g));
	return GLOB_NOMATCH;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct nft_ctx ctx = { .check_only = true };
	struct cmd *cmds = NULL;
	char *text;

	if (!devnull) {
		devnull = fopen("/dev/null", "we");
		if (!devnull)
			abort();
	}
	ctx.out = devnull;
	text = xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	/* as nft does, what was read is evaluated after errors too */
	parse_input(&ctx, input_from_string(NULL, text), &cmds);
	evaluate(&ctx, cmds);
	cmds_free(cmds);
	inputs_free();
	free(text);
	return 0;
}
