// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * runstat CMD [ARGS...]: run a command and report, on stderr once it has
 * ended, its wall-clock time, its peak resident set size and its exit
 * status, on one line:
 *
 *   wall_s=0.123456 maxrss_kb=1234 status=0
 *
 * The command's own stdin, stdout and stderr are left alone, so the report
 * is the last line of stderr.  status is the exit code, or 128 plus the
 * signal number when a signal ended the command (as in the shell), and is
 * also runstat's own exit status; 127 and 126 mean that it could not be
 * started (not found, not executable).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds_between(const struct timespec *start, const struct timespec *end)
{
	return (double)(end->tv_sec - start->tv_sec) + (end->tv_nsec - start->tv_nsec) / 1e9;
}

int main(int argc, char **argv)
{
	struct timespec start, end;
	struct rusage usage;
	int wstatus, status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: runstat CMD [ARGS...]\n");
		return 2;
	}

	clock_gettime(CLOCK_MONOTONIC, &start);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "runstat: fork: %s\n", strerror(errno));
		return 126;
	}
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		fprintf(stderr, "runstat: %s: %s\n", argv[1], strerror(errno));
		_exit(errno == ENOENT ? 127 : 126);
	}
	while (wait4(pid, &wstatus, 0, &usage) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "runstat: wait4: %s\n", strerror(errno));
			return 126;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &end);

	status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
	fprintf(stderr, "wall_s=%.6f maxrss_kb=%ld status=%d\n", seconds_between(&start, &end),
		usage.ru_maxrss, status);
	return status;
}
