// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * nft: the front end.  Options, then the commands from the command line,
 * a file (-f) or standard input line by line (-i), each input parsed,
 * evaluated and run as one transaction.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nlkit/util.h>

#include "ast.h"

static const char usage_text[] =
	"Usage: nft [ options ] [ cmds... ]\n"
	"\n"
	"Commands (nft(8)) add, list, change and delete tables, chains, rules, sets\n"
	"and objects; \"describe EXPRESSION\" tells what a selector is: its type and\n"
	"the type's named values.\n"
	"\n"
	"Options:\n"
	"  -h, --help             print this text\n"
	"  -v, --version          print the version\n"
	"  -f, --file FILE        read commands from FILE ('-': standard input)\n"
	"  -D, --define NAME=VALUE\n"
	"                         define variable NAME for the file of -f\n"
	"  -I, --includepath DIR  look for included files in DIR too (after " DEFAULT_INCLUDE_DIR ")\n"
	"  -i, --interactive      read commands line by line from standard input\n"
	"  -c, --check            check the commands, change nothing\n"
	"  -e, --echo             print what was added, as the commands that add it\n"
	"  -a, --handle           list handles\n"
	"  -n, --numeric          list everything as numbers\n"
	"  -y, --numeric-priority list chain priorities as numbers\n"
	"  -p, --numeric-protocol list layer 4 protocols as numbers\n"
	"  -T, --numeric-time     list times in seconds\n"
	"  -S, --service          list ports by the name of their service\n"
	"  -u, --guid             list user and group ids by name\n"
	"  -N, --reversedns       list addresses by the name of their host\n"
	"  -s, --stateless        list without counter values\n"
	"  -t, --terse            list sets without their elements\n"
	"  -j, --json             list in JSON\n";

static const struct option long_options[] = {
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'v' },
	{ "file", required_argument, NULL, 'f' },
	{ "define", required_argument, NULL, 'D' },
	{ "includepath", required_argument, NULL, 'I' },
	{ "interactive", no_argument, NULL, 'i' },
	{ "check", no_argument, NULL, 'c' },
	{ "echo", no_argument, NULL, 'e' },
	{ "handle", no_argument, NULL, 'a' },
	{ "numeric", no_argument, NULL, 'n' },
	{ "numeric-priority", no_argument, NULL, 'y' },
	{ "numeric-protocol", no_argument, NULL, 'p' },
	{ "numeric-time", no_argument, NULL, 'T' },
	{ "service", no_argument, NULL, 'S' },
	{ "guid", no_argument, NULL, 'u' },
	{ "reversedns", no_argument, NULL, 'N' },
	{ "stateless", no_argument, NULL, 's' },
	{ "terse", no_argument, NULL, 't' },
	{ "json", no_argument, NULL, 'j' },
	{ NULL, 0, NULL, 0 },
};

static int run_input(struct nft_ctx *ctx, struct input *in)
{
	struct cmd *cmds = NULL;
	int ret;

	/* with -j, input may be JSON: its commands are read as written out */
	if (ctx->json && json_input_looks_like_json(in->buf)) {
		bool written_out;
		char *text = json_input_to_commands(in->name, in->buf, &written_out);

		if (!text)
			return -1;
		in = input_from_string(in->name, text);
		in->internal = written_out;
		free(text);
	}
	ret = parse_input(ctx, in, &cmds);
	/* after errors it went past, the reference evaluates what it read,
	 * for the errors there too, and fails */
	ret = evaluate(ctx, cmds) < 0 || ret < 0 ? -1 : 0;
	if (ret == 0)
		ret = run_commands(ctx, cmds);
	cmds_free(cmds);
	fflush(ctx->out);
	return ret;
}

/* A line that fails is reported and the session goes on; as the
 * reference's, the session itself ends with success. */
static void interactive(struct nft_ctx *ctx)
{
	char *line = NULL;
	size_t cap = 0;

	for (;;) {
		if (isatty(STDIN_FILENO)) {
			fputs("nft> ", stdout);
			fflush(stdout);
		}
		if (getline(&line, &cap, stdin) < 0)
			break;
		line[strcspn(line, "\n")] = '\0';
		cap = strlen(line) + 2;
		line = xrealloc(line, cap);
		if (!strcmp(line, "quit"))
			break;
		run_input(ctx, input_from_string(NULL, strcat(line, "\n")));
	}
	free(line);
}

/* Whether option @arg takes the next argument as its value. */
static bool option_takes_value(const char *arg)
{
	const char *c;

	if (arg[1] == '-')
		return !strcmp(arg, "--file") || !strcmp(arg, "--includepath") ||
		       !strcmp(arg, "--define") || !strcmp(arg, "--debug");
	/* in "-af FILE" the value is the next argument, in "-fFILE" not */
	for (c = arg + 1; *c; c++)
		if (strchr("fIDd", *c))
			return !c[1];
	return false;
}

/*
 * As the reference, refuse an option written after the first word of the
 * commands ("nft list ruleset -a"), pointing at it in the command line.
 * From an argument that opens a block ('{') on, the words are the
 * commands' own: "priority -100" in a chain's block is no option.
 */
static int options_before_commands(int argc, char **argv)
{
	bool in_commands = false, value = false;
	size_t pos = 0, col;
	int i, j;

	for (i = 1; i < argc && argv[i][0] != '{'; i++) {
		if (value)
			value = false;
		else if (argv[i][0] != '-')
			in_commands = true;
		else if (in_commands)
			break;
		else
			value = option_takes_value(argv[i]);
	}
	if (i >= argc || argv[i][0] != '-')
		return 0;
	fputs("Error: syntax error, options must be specified before commands\n", stderr);
	for (j = 0; j < argc; j++) {
		fprintf(stderr, "%s ", argv[j]);
		if (j < i)
			pos += strlen(argv[j]) + 1;
	}
	/* the reference marks the place on standard output */
	fputs("\n   ^", stdout);
	for (col = 4; col < pos; col++)
		fputc(' ', stdout);
	fputs("~~\n", stdout);
	return -1;
}

int main(int argc, char **argv)
{
	struct nft_ctx ctx = { .out = stdout };
	const char *file = NULL;
	char *defines = NULL;
	size_t defines_len = 0;
	struct input *in;
	int opt, ret = 0;

	if (options_before_commands(argc, argv) < 0)
		return 1;
	while ((opt = getopt_long(argc, argv, "+hvf:D:I:iceanyptTSuNsj", long_options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case 'v':
			puts("nftables v1.0.6 (nlkit)");
			return 0;
		case 'f':
			file = optarg;
			break;
		case 'i':
			ctx.interactive = true;
			break;
		case 'c':
			ctx.check_only = true;
			break;
		case 'a':
			ctx.handles = true;
			break;
		case 'e':
			ctx.echo = true;
			break;
		case 'D':
			/* the reference reads them as define statements before
			 * the file, and quotes them so in its errors */
			if (!strchr(optarg, '=')) {
				fprintf(stderr, "Failed to define variable '%s'\n", optarg);
				ret = -1;
				goto out;
			}
			defines = xrealloc(defines, defines_len + strlen(optarg) + sizeof("define ; "));
			defines_len += sprintf(defines + defines_len, "define %s; ", optarg);
			break;
		case 'I':
			ctx.include_dirs = xrealloc(ctx.include_dirs, (ctx.n_include_dirs + 1) *
								   sizeof(*ctx.include_dirs));
			ctx.include_dirs[ctx.n_include_dirs++] = optarg;
			break;
		case 'n':
			ctx.numeric = ctx.numeric_proto = ctx.numeric_time = true;
			ctx.numeric_priority = true;
			break;
		case 'y':
			ctx.numeric_priority = true;
			break;
		case 'p':
			ctx.numeric_proto = true;
			break;
		case 'T':
			ctx.numeric_time = true;
			break;
		case 'S':
			ctx.service_names = true;
			break;
		case 'u':
			ctx.user_names = true;
			break;
		case 'N':
			ctx.reverse_dns = true;
			break;
		case 's':
			ctx.stateless = true;
			break;
		case 't':
			ctx.terse = true;
			break;
		case 'j':
			ctx.json = true;
			break;
		default:
			ret = -1;
			goto out;
		}
	}
	if (defines && !file) {
		fputs("Error: -D/--define can only be used with -f/--filename\n", stderr);
		ret = -1;
		goto out;
	}
	if (file) {
		if (optind < argc) {
			fprintf(stderr, "%s: -f does not take commands\n", argv[0]);
			ret = -1;
			goto out;
		}
		in = input_from_file(file);
		if (!in) {
			fprintf(stderr, "internal:0:0-0: Error: Could not open file \"%s\": %s\n\n\n",
				file, strerror(errno));
			ret = -1;
			goto out;
		}
		ret = 0;
		if (defines) {
			struct cmd *cmds;

			ret = parse_input(&ctx, input_from_string(NULL, defines), &cmds);
			/* a value that ends its define and goes on with a
			 * command would apply it before the file: refused (the
			 * reference aborts there) */
			if (cmds) {
				fputs("Error: -D/--define takes a variable's definition, not a command\n",
				      stderr);
				cmds_free(cmds);
				ret = -1;
			}
		}
		if (ret == 0)
			ret = run_input(&ctx, in);
	} else if (ctx.interactive) {
		interactive(&ctx);
		ret = 0;
	} else if (optind < argc) {
		size_t len = 0;
		char *text;
		int i;

		for (i = optind; i < argc; i++)
			len += strlen(argv[i]) + 1;
		text = xcalloc(1, len + 2);
		for (i = optind; i < argc; i++) {
			strcat(text, argv[i]);
			if (i + 1 < argc)
				strcat(text, " ");
		}
		/* The command line ends as a line does: errors there say "newline". */
		strcat(text, "\n");
		in = input_from_string(NULL, text);
		free(text);
		/* the monitor runs on its own, not as a command of a batch */
		if (!strcmp(argv[optind], "monitor"))
			ret = monitor_run(&ctx, in);
		else
			ret = run_input(&ctx, in);
	} else {
		fprintf(stderr, "%s: no command specified\n", argv[0]);
		ret = -1;
		goto out;
	}
out:
	defines_free(&ctx);
	inputs_free();
	free(ctx.include_dirs);
	free(defines);
	return ret < 0 ? 1 : 0;
}
