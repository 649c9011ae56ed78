// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The main() of a fuzz target built without libFuzzer: run each file
 * named on the command line (each file of a directory named there) once
 * through LLVMFuzzerTestOneInput(), in an exact-size heap copy so that
 * the sanitizers see a read past its end as libFuzzer would.  Exits 0
 * when every input ran; a crash ends the program as it would the fuzzer.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <nlkit/util.h>

#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "re");
	uint8_t *data = NULL;
	size_t len = 0, cap = 0, got;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			data = xrealloc(data, cap);
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
	} while (got);
	if (ferror(f)) {
		fprintf(stderr, "replay: %s: read error\n", path);
		fclose(f);
		free(data);
		return 1;
	}
	fclose(f);
	/* An exact-size copy: a read one byte past the input is caught. */
	data = xrealloc(data, len ? len : 1);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	return 0;
}

static int replay_dir(const char *path)
{
	struct dirent **entries;
	int n, i, failed = 0;

	n = scandir(path, &entries, NULL, alphasort);
	if (n < 0) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		char *file;

		if (entries[i]->d_name[0] != '.' &&
		    asprintf(&file, "%s/%s", path, entries[i]->d_name) >= 0) {
			failed |= replay_file(file);
			free(file);
		}
		free(entries[i]);
	}
	free(entries);
	return failed;
}

int main(int argc, char **argv)
{
	struct stat st;
	int i, failed = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++) {
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
			failed |= replay_dir(argv[i]);
		else
			failed |= replay_file(argv[i]);
	}
	return failed;
}
