// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * ip -batch: the commands of a file, each run through the object table as
 * if it were a command line, and ip_request(), through which the object
 * handlers make their changes.
 *
 * In a batch the changes are pipelined: ip_request() queues each request
 * on a sender of its own socket (lib/pipe.c) and returns, so that a long
 * batch costs a few sendmsg() and recvmmsg() calls per thousand requests
 * instead of a round trip each.  What the reference does must not change
 * for that:
 *
 *  - a lookup or dump (any nl_talk()/nl_dump()) must see every change
 *    queued before it: the exchange hook of the core flushes the pipe
 *    first (nl_set_exchange_hook());
 *  - without -force the reference stops at the first failed line, and the
 *    lines after it never run.  Requests sent after the failed one before
 *    its error was read (the overshoot) are taken back, newest first, with
 *    the inverse request recorded when each was queued.  A request whose
 *    inverse is not known is not pipelined: the batch waits for every
 *    earlier answer before and for its own after it;
 *  - with -atomic, a failure takes back every change of the batch, so each
 *    request must have a known inverse; one without is refused before it is
 *    sent, which fails its line.
 *
 * The inverses and the objects they cover are in undo.h.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <nlkit/attr.h>
#include <nlkit/nl.h>
#include <nlkit/print.h>
#include <nlkit/util.h>

#include "batch.h"
#include "ip.h"
#include "undo.h"

/* The reference's limit: 511 words and the terminating NULL. */
#define BATCH_MAX_ARGS 512

/*
 * Outside -atomic the journal is only needed for requests whose answer is
 * not read yet: past this many the batch waits for the answers and starts
 * it anew, which bounds its memory on long batches.
 */
#define BATCH_JOURNAL_SPAN 4096

/* One request queued on the pipe since the journal was last emptied. */
struct journal_entry {
	unsigned long line;
	size_t undo_off;	/* the inverse, in the journal's arena */
	uint32_t undo_len;	/* 0: nothing to take back */
	bool failed;
};

static struct {
	bool active;
	const char *name;	/* the file, as "Command failed" names it */
	unsigned long line;	/* the last physical line of the command */
	struct nl_sock *sock;	/* the pipe's: lookups use ip_rtnl() */
	struct nl_pipe *pipe;
	size_t base;		/* the pipe's index of entries[0] */
	struct journal_entry *entries;
	size_t count, cap;
	char *arena;
	size_t arena_len, arena_cap;
	bool stopping;		/* a failure ends the batch at the next sync */
	size_t first_failed;	/* the journal's index of that failure */
	bool undoing;
	unsigned long reported_line;	/* -force: one report per line */
	int status;
} batch;

static void report_failed_line(unsigned long line)
{
	fprintf(stderr, "Command failed %s:%lu\n", batch.name, line);
	batch.status = 1;
}

static int pipe_error(size_t index, int err, const char *ext_ack, void *data __attribute__((unused)))
{
	struct journal_entry *e = &batch.entries[index - batch.base];

	e->failed = true;
	if (ipo.force && !ipo.atomic) {
		if (e->line != batch.reported_line) {
			ip_report_nl(err, ext_ack);
			report_failed_line(e->line);
			batch.reported_line = e->line;
		}
		return 0;
	}
	/* After the first failure, the rest is overshoot, taken back silently. */
	if (!batch.stopping) {
		ip_report_nl(err, ext_ack);
		report_failed_line(e->line);
		batch.stopping = true;
		batch.first_failed = index - batch.base;
	}
	return 1;
}

static void journal_reset(void)
{
	batch.base += batch.count;
	batch.count = 0;
	batch.arena_len = 0;
}

/*
 * Take back, newest first, what the requests of the journal did: all of
 * them under -atomic, otherwise those after the failed one, which the
 * reference would never have sent.
 */
static void undo_journal(void)
{
	size_t sent = nl_pipe_sent(batch.pipe), i, oldest = 0;
	struct nlmsghdr *undo;
	int err;

	if (!ipo.atomic)
		oldest = batch.stopping ? batch.first_failed + 1 : batch.count;
	batch.undoing = true;
	for (i = batch.count; i-- > oldest;) {
		const struct journal_entry *e = &batch.entries[i];

		if (e->failed || !e->undo_len || batch.base + i >= sent)
			continue;
		undo = (struct nlmsghdr *)(batch.arena + e->undo_off);
		err = nl_talk(ip_rtnl(), undo, NULL, NULL);
		if (err < 0) {
			fprintf(stderr, "Cannot undo the change of %s:%lu: ", batch.name, e->line);
			ip_fail_nl(err);
		}
	}
	batch.undoing = false;
	journal_reset();
}

/* The batch ends here, as the reference's ends at its failed line. */
static void __attribute__((noreturn)) batch_abort(void)
{
	undo_journal();
	pr_finish();
	exit(1);
}

/*
 * Wait for the answer to every request sent; a failure outside -force ends
 * the batch.
 */
static void batch_sync(void)
{
	int err;

	if (!batch.pipe || batch.undoing || !batch.count)
		return;
	err = nl_pipe_flush(batch.pipe);
	if (err < 0 && nl_pipe_failed(batch.pipe) == 0) {
		/* A local failure: what became of the requests is unknown. */
		fprintf(stderr, "Cannot talk to the kernel: %s\n", strerror(-err));
		pr_finish();
		exit(1);
	}
	if (batch.stopping)
		batch_abort();
	if (!ipo.atomic)
		journal_reset();
}

static void exchange_hook(void *data __attribute__((unused)))
{
	batch_sync();
}

/* A command that calls exit() (a usage error) still gets its answers. */
static void batch_at_exit(void)
{
	if (!batch.pipe || batch.undoing || !batch.count)
		return;
	nl_pipe_flush(batch.pipe);
	if (batch.stopping || (ipo.atomic && batch.status))
		undo_journal();
}

static void *arena_reserve(size_t len)
{
	size_t need = batch.arena_len + NLMSG_ALIGN(len);

	if (need > batch.arena_cap) {
		batch.arena_cap = batch.arena_cap ? batch.arena_cap * 2 : 1 << 16;
		if (batch.arena_cap < need)
			batch.arena_cap = need;
		batch.arena = xrealloc(batch.arena, batch.arena_cap);
	}
	return batch.arena + batch.arena_len;
}

static struct journal_entry *journal_add(void)
{
	struct journal_entry *e;

	if (batch.count == batch.cap) {
		batch.cap = batch.cap ? batch.cap * 2 : 1024;
		batch.entries = xrealloc(batch.entries, batch.cap * sizeof(*batch.entries));
	}
	e = &batch.entries[batch.count++];
	*e = (struct journal_entry){ .line = batch.line };
	return e;
}

static int request_now(struct nlmsghdr *req)
{
	int err = nl_talk(ip_rtnl(), req, NULL, NULL);

	return err < 0 ? ip_fail_nl(err) : 0;
}

static void queue(const struct nlmsghdr *req, struct journal_entry *e)
{
	void *slot = nl_pipe_req(batch.pipe);
	int err;

	memcpy(slot, req, req->nlmsg_len);
	err = nl_pipe_push(batch.pipe);
	if (err < 0) {
		fprintf(stderr, "Cannot talk to the kernel: %s\n", strerror(-err));
		e->failed = true;
		batch.stopping = true;
	}
}

int ip_request(struct nlmsghdr *req)
{
	char undo_buf[NL_REQ_SIZE] __attribute__((aligned(4)));
	struct nlmsghdr *undo = (struct nlmsghdr *)undo_buf;
	struct journal_entry *e;
	int kind = UNDO_NOTHING;

	if (!batch.active)
		return request_now(req);
	if (req->nlmsg_len < NLMSG_HDRLEN || req->nlmsg_len > NL_REQ_SIZE)
		return -EINVAL;

	if (!ipo.force || ipo.atomic) {
		/* An inverse that reads the object first syncs the batch
		 * through the exchange hook. */
		kind = undo_build(req, undo, ipo.atomic);
		if (kind == UNDO_UNKNOWN && ipo.atomic) {
			fprintf(stderr, "Error: this change cannot be undone, which -atomic needs.\n");
			return 2;
		}
	}
	if (kind == UNDO_NEEDS_READ) {
		/* Outside -atomic an inverse only takes back overshoot, what was
		 * sent after a request that failed.  Once every answer is in,
		 * this request is none: a round trip, where reading the object
		 * would be one too, or a dump of its whole table. */
		batch_sync();
		kind = UNDO_NOTHING;
	}
	if (kind == UNDO_UNKNOWN) {
		/* Not pipelined: nothing may have been sent after it when it fails. */
		batch_sync();
		e = journal_add();
		queue(req, e);
		batch_sync();
		return 0;
	}

	e = journal_add();
	if (kind == UNDO_BUILT) {
		void *slot = arena_reserve(undo->nlmsg_len);

		memcpy(slot, undo, undo->nlmsg_len);
		e->undo_off = batch.arena_len;
		e->undo_len = undo->nlmsg_len;
		batch.arena_len += NLMSG_ALIGN(undo->nlmsg_len);
	}
	queue(req, e);
	if (!ipo.atomic && batch.count >= BATCH_JOURNAL_SPAN)
		batch_sync();
	return 0;
}

/*
 * Command lines.  One buffer holds the command, grown as needed and reused
 * from line to line, and the words point into it.
 */
struct line_reader {
	FILE *in;
	char *line;		/* getline()'s buffer */
	size_t line_cap;
	char *cmd;		/* the command, continuation lines joined */
	size_t cmd_len, cmd_cap;
	unsigned long lineno;
};

/* Read one physical line into the command, its comment cut off. */
static bool read_line(struct line_reader *r, bool append)
{
	ssize_t n = getline(&r->line, &r->line_cap, r->in);
	char *hash;

	if (n < 0)
		return false;
	r->lineno++;
	hash = memchr(r->line, '#', n);
	if (hash) {
		*hash = '\0';
		n = hash - r->line;
	}
	if (!append)
		r->cmd_len = 0;
	if (r->cmd_len + n + 1 > r->cmd_cap) {
		r->cmd_cap = (r->cmd_len + n + 1) * 2;
		r->cmd = xrealloc(r->cmd, r->cmd_cap);
	}
	memcpy(r->cmd + r->cmd_len, r->line, n + 1);
	r->cmd_len += n;
	return true;
}

/* The next command, continuation lines joined; false at the end of the file. */
static bool read_command(struct line_reader *r)
{
	if (!read_line(r, false))
		return false;
	while (r->cmd_len >= 2 && r->cmd[r->cmd_len - 2] == '\\' &&
	       r->cmd[r->cmd_len - 1] == '\n') {
		r->cmd_len -= 2;
		r->cmd[r->cmd_len] = '\0';
		if (!read_line(r, true))
			break;
	}
	return true;
}

/* Split the command into words in place; -1 after reporting bad syntax. */
static int split_words(char *s, char **argv)
{
	int argc = 0;

	for (;;) {
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		if (argc == BATCH_MAX_ARGS - 1) {
			fprintf(stderr, "Too many arguments to command\n");
			return -1;
		}
		if (*s == '"' || *s == '\'') {
			char *end = strchr(s + 1, *s);

			if (!end) {
				fprintf(stderr, "Unterminated quoted string\n");
				return -1;
			}
			argv[argc++] = s + 1;
			*end = '\0';
			s = end + 1;
			continue;
		}
		argv[argc++] = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
	argv[argc] = NULL;
	return argc;
}

static int run_lines(struct line_reader *r, const struct pr_config *cfg)
{
	char *argv[BATCH_MAX_ARGS];
	int argc;

	while (read_command(r)) {
		argc = split_words(r->cmd, argv);
		if (argc < 0)
			return 1;
		if (!argc)
			continue;
		batch.line = r->lineno;
		pr_init(stdout, cfg);
		if (ip_run_object(argc, argv)) {
			batch_sync();
			report_failed_line(r->lineno);
			if (!ipo.force || ipo.atomic) {
				pr_finish();
				return 1;
			}
		}
		pr_finish();
	}
	batch_sync();
	return 0;
}

int ip_batch(const char *file, const struct pr_config *cfg)
{
	struct line_reader r = { .in = stdin };
	int status;

	if (strcmp(file, "-")) {
		r.in = fopen(file, "re");
		if (!r.in) {
			fprintf(stderr, "Cannot open file \"%s\" for reading: %s\n", file,
				strerror(errno));
			return 1;
		}
	}
	batch.name = file;
	batch.sock = nl_open(NETLINK_ROUTE, 0);
	if (batch.sock)
		batch.pipe = nl_pipe_new(batch.sock, pipe_error, NULL);
	if (!batch.pipe) {
		fprintf(stderr, "Cannot open netlink socket: %s\n", strerror(errno));
		exit(1);
	}
	batch.active = true;
	nl_set_exchange_hook(exchange_hook, NULL);
	atexit(batch_at_exit);

	status = run_lines(&r, cfg);
	if (status || batch.status) {
		status = 1;
		if (ipo.atomic) {
			batch_sync();
			undo_journal();
		}
	}

	nl_set_exchange_hook(NULL, NULL);
	batch.active = false;
	nl_pipe_free(batch.pipe);
	batch.pipe = NULL;
	nl_close(batch.sock);
	free(batch.entries);
	free(batch.arena);
	free(r.line);
	free(r.cmd);
	if (r.in != stdin)
		fclose(r.in);
	return status;
}
