// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The name tables: built-in names, files in a test configuration
 * directory (NLKIT_CONFDIR), and the reference's loading rules.  The
 * tables are loaded once per process, so each case runs in a child.
 */
#include <errno.h>
#include <ftw.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <nlkit/names.h>

#include "unit.h"

static char conf_dir[] = "/tmp/names_test.XXXXXX";

static void write_conf(const char *name, const char *content)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", conf_dir, name);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(content, f);
	fclose(f);
}

static void make_conf_subdir(const char *name)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", conf_dir, name);
	CHECK(mkdir(path, 0755) == 0);
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/*
 * Run @fn in a child, with a fresh configuration directory that @setup
 * fills, and count its failures as ours.
 */
static void in_child(void (*setup)(void), void (*fn)(void))
{
	int status;
	pid_t pid;

	CHECK(mkdtemp(conf_dir) != NULL);
	setenv("NLKIT_CONFDIR", conf_dir, 1);
	if (setup)
		setup();
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		fn();
		_exit(unit_failed);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	nftw(conf_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
	strcpy(conf_dir + strlen(conf_dir) - 6, "XXXXXX");
}

static const char *fmt(enum name_table table, uint32_t id)
{
	static char buf[64];

	return names_format(table, id, buf, sizeof(buf));
}

/* names_parse(), or -1 when it fails. */
static long long parse(enum name_table table, const char *name)
{
	uint32_t id = 12345;

	if (names_parse(table, name, &id))
		return -1;
	return id;
}

static void check_builtins(void)
{
	static const char *const protos[256] = {
		[0] = "unspec",	    [1] = "redirect", [2] = "kernel", [3] = "boot",
		[4] = "static",	    [8] = "gated",    [9] = "ra",     [10] = "mrt",
		[11] = "zebra",	    [12] = "bird",    [13] = "dnrouted", [14] = "xorp",
		[15] = "ntk",	    [16] = "dhcp",    [18] = "keepalived", [42] = "babel",
		[186] = "bgp",	    [187] = "isis",   [188] = "ospf", [189] = "rip",
		[192] = "eigrp",
	};
	char num[16];
	uint32_t id;

	for (id = 0; id < 256; id++) {
		snprintf(num, sizeof(num), "%u", id);
		CHECK_STR(fmt(NT_PROTOS, id), protos[id] ? protos[id] : num);
		if (protos[id])
			CHECK(parse(NT_PROTOS, protos[id]) == id);
	}
	CHECK(parse(NT_PROTOS, "openr") == -1);

	CHECK_STR(fmt(NT_TABLES, 0), "0");
	CHECK_STR(fmt(NT_TABLES, 253), "default");
	CHECK_STR(fmt(NT_TABLES, 254), "main");
	CHECK_STR(fmt(NT_TABLES, 255), "local");
	CHECK_STR(fmt(NT_TABLES, 4294967295u), "4294967295");
	CHECK(parse(NT_TABLES, "main") == 254);
	CHECK(parse(NT_TABLES, "local") == 255);
	CHECK(parse(NT_TABLES, "default") == 253);
	CHECK(parse(NT_TABLES, "unspec") == -1);
	CHECK(parse(NT_TABLES, "all") == -1);

	CHECK_STR(fmt(NT_SCOPES, 0), "global");
	CHECK_STR(fmt(NT_SCOPES, 200), "site");
	CHECK_STR(fmt(NT_SCOPES, 253), "link");
	CHECK_STR(fmt(NT_SCOPES, 254), "host");
	CHECK_STR(fmt(NT_SCOPES, 255), "nowhere");
	CHECK_STR(fmt(NT_SCOPES, 77), "77");
	CHECK(parse(NT_SCOPES, "nowhere") == 255);
	CHECK(parse(NT_SCOPES, "global") == 0);

	CHECK_STR(fmt(NT_REALMS, 0), "unknown");
	CHECK_STR(fmt(NT_REALMS, 65535), "65535");
	CHECK(parse(NT_REALMS, "unknown") == 0);
	CHECK(parse(NT_REALMS, "cosmos") == -1);

	CHECK_STR(fmt(NT_DSFIELD, 0), "0x00");
	CHECK_STR(fmt(NT_DSFIELD, 0x28), "0x28");
	CHECK(parse(NT_DSFIELD, "default") == -1);

	CHECK_STR(fmt(NT_GROUPS, 0), "default");
	CHECK_STR(fmt(NT_GROUPS, 7), "7");
	CHECK(parse(NT_GROUPS, "default") == 0);
}

static void builtins(void)
{
	in_child(NULL, check_builtins);
}

/* Numbers as the reference reads them, within each table's range. */
static void check_numbers(void)
{
	CHECK(parse(NT_PROTOS, "255") == 255);
	CHECK(parse(NT_PROTOS, "256") == -1);
	CHECK(parse(NT_PROTOS, "0x2b") == 43);
	CHECK(parse(NT_PROTOS, "0X2c") == 44);
	CHECK(parse(NT_PROTOS, "052") == 42);
	CHECK(parse(NT_PROTOS, " 5") == 5);
	CHECK(parse(NT_PROTOS, "+5") == 5);
	CHECK(parse(NT_PROTOS, "-0") == 0);
	CHECK(parse(NT_PROTOS, "-1") == -1);
	CHECK(parse(NT_PROTOS, "0x") == -1);
	CHECK(parse(NT_PROTOS, "1e") == -1);
	CHECK(parse(NT_PROTOS, "") == -1);
	CHECK(parse(NT_SCOPES, "256") == -1);

	CHECK(parse(NT_TABLES, "4294967295") == 4294967295ll);
	CHECK(parse(NT_TABLES, "4294967296") == -1);
	CHECK(parse(NT_TABLES, "010") == 8);
	CHECK(parse(NT_TABLES, "-1") == -1);

	CHECK(parse(NT_REALMS, "65536") == 65536);

	CHECK(parse(NT_GROUPS, "2147483647") == 2147483647);
	CHECK(parse(NT_GROUPS, "2147483648") == -1);
	CHECK(parse(NT_GROUPS, "0x10") == 16);

	/* DS fields are hex: "20" is CS1's 0x20. */
	CHECK(parse(NT_DSFIELD, "20") == 0x20);
	CHECK(parse(NT_DSFIELD, "0x1") == 1);
	CHECK(parse(NT_DSFIELD, "ff") == 255);
	CHECK(parse(NT_DSFIELD, "100") == -1);
}

static void numbers(void)
{
	in_child(NULL, check_numbers);
}

static void setup_protos(void)
{
	write_conf("rt_protos", "  0x2A  mybabel\n"
				"43 bar # c\n"
				"44\tbaz\n"
				"45 qux#x\n"
				"# comment\n"
				"   # indented comment\n"
				"\n"
				"   \n"
				"50 first\n"
				"50 second\n"
				"0X33 upx\n"
				"052 oct\n"
				"-1 neg\n"
				"300 big\n"
				"70 x y z\n"
				"72 cr\r\n"
				"0x0049 hexpad\n"
				"0x4A\thextab\n"
				"76 #hash\n");
	make_conf_subdir("rt_protos.d");
	write_conf("rt_protos.d/a.conf", "47 fromd\n43 bar2\n");
	write_conf("rt_protos.d/b.txt", "48 notconf\n");
	write_conf("rt_protos.d/.h.conf", "60 hidden\n");
	write_conf("rt_protos.d/n.conf", "67 nonl");
	make_conf_subdir("rt_protos.d/d.conf");
}

/* Built-in names are printed without reading the file... */
static void check_protos_builtin_first(void)
{
	CHECK_STR(fmt(NT_PROTOS, 42), "babel");
	CHECK_STR(fmt(NT_PROTOS, 0), "unspec");
	/* ...until a miss reads it, and then its names win. */
	CHECK_STR(fmt(NT_PROTOS, 43), "bar2");
	CHECK_STR(fmt(NT_PROTOS, 42), "mybabel");
}

static void protos_builtin_first(void)
{
	in_child(setup_protos, check_protos_builtin_first);
}

/* Parsing reads the file first: a renamed built-in is gone. */
static void check_protos_file(void)
{
	CHECK(parse(NT_PROTOS, "babel") == -1);
	CHECK(parse(NT_PROTOS, "mybabel") == 42);
	CHECK(parse(NT_PROTOS, "bar") == -1);
	CHECK(parse(NT_PROTOS, "bar2") == 43);
	CHECK(parse(NT_PROTOS, "fromd") == 47);
	CHECK(parse(NT_PROTOS, "first") == -1);
	CHECK(parse(NT_PROTOS, "second") == 50);
	CHECK(parse(NT_PROTOS, "oct") == 52);
	CHECK(parse(NT_PROTOS, "upx") == -1);
	CHECK(parse(NT_PROTOS, "X33") == 0);
	CHECK(parse(NT_PROTOS, "unspec") == -1);
	CHECK(parse(NT_PROTOS, "kernel") == 2);

	CHECK_STR(fmt(NT_PROTOS, 44), "baz");
	CHECK_STR(fmt(NT_PROTOS, 45), "qux#x");
	CHECK_STR(fmt(NT_PROTOS, 48), "48");
	CHECK_STR(fmt(NT_PROTOS, 60), "60");
	CHECK_STR(fmt(NT_PROTOS, 67), "nonl");
	CHECK_STR(fmt(NT_PROTOS, 70), "x");
	CHECK_STR(fmt(NT_PROTOS, 72), "cr");
	CHECK_STR(fmt(NT_PROTOS, 73), "hexpad");
	CHECK_STR(fmt(NT_PROTOS, 74), "hextab");
	CHECK_STR(fmt(NT_PROTOS, 76), "#hash");
	CHECK_STR(fmt(NT_PROTOS, 44), "baz");
	CHECK_STR(fmt(NT_PROTOS, 255), "255");
	CHECK_STR(fmt(NT_PROTOS, 300), "300");
}

static void protos_file(void)
{
	in_child(setup_protos, check_protos_file);
}

static void setup_tables(void)
{
	write_conf("rt_tables", "255 mylocal\n"
				"1000 thousand\n"
				"0x10 hexa\n"
				"100 hundred\n"
				"100 hundredb\n"
				"0x10000 big\n"
				"4294967295 maxi\n"
				"4294967296 over\n"
				"300 b300\n"
				"299 b299\n"
				"300 c300\n");
	make_conf_subdir("rt_tables.d");
	write_conf("rt_tables.d/x.conf", "101 dtab\n1000 thousandd\n");
	write_conf("group", "0 mydefault\n0x7fffffff top\n");
	write_conf("rt_scopes", "253 mylink\n77 s77\n");
	write_conf("rt_realms", "0 myunknown\n5 r5\n");
	write_conf("rt_dsfield", "0x28\tAF11\n0xB8 EF\n");
}

/* Tables and groups read their files first; older names still parse. */
static void check_wide_tables(void)
{
	CHECK_STR(fmt(NT_TABLES, 255), "mylocal");
	CHECK_STR(fmt(NT_TABLES, 254), "main");
	CHECK_STR(fmt(NT_TABLES, 16), "hexa");
	CHECK_STR(fmt(NT_TABLES, 100), "hundredb");
	CHECK_STR(fmt(NT_TABLES, 101), "dtab");
	CHECK_STR(fmt(NT_TABLES, 1000), "thousandd");
	CHECK_STR(fmt(NT_TABLES, 65536), "big");
	CHECK_STR(fmt(NT_TABLES, 299), "b299");
	CHECK_STR(fmt(NT_TABLES, 300), "c300");
	CHECK_STR(fmt(NT_TABLES, 301), "301");
	CHECK_STR(fmt(NT_TABLES, 4294967295u), "4294967295");
	CHECK_STR(fmt(NT_TABLES, 0), "over");
	CHECK(parse(NT_TABLES, "local") == 255);
	CHECK(parse(NT_TABLES, "mylocal") == 255);
	CHECK(parse(NT_TABLES, "hundred") == 100);
	CHECK(parse(NT_TABLES, "thousand") == 1000);
	CHECK(parse(NT_TABLES, "b300") == 300);
	CHECK(parse(NT_TABLES, "maxi") == -1);
	CHECK(parse(NT_TABLES, "over") == 0);

	CHECK_STR(fmt(NT_GROUPS, 0), "mydefault");
	CHECK_STR(fmt(NT_GROUPS, 0x7fffffff), "top");
	CHECK(parse(NT_GROUPS, "default") == 0);
	CHECK(parse(NT_GROUPS, "top") == 0x7fffffff);

	/* Built-in first for scopes and realms; DS fields have none. */
	CHECK_STR(fmt(NT_SCOPES, 253), "link");
	CHECK_STR(fmt(NT_REALMS, 0), "unknown");
	CHECK_STR(fmt(NT_DSFIELD, 0x28), "AF11");
	CHECK_STR(fmt(NT_DSFIELD, 0xb8), "EF");
	CHECK_STR(fmt(NT_DSFIELD, 0x20), "0x20");
	CHECK_STR(fmt(NT_SCOPES, 77), "s77");
	CHECK_STR(fmt(NT_SCOPES, 253), "mylink");
	CHECK_STR(fmt(NT_REALMS, 5), "r5");
	CHECK_STR(fmt(NT_REALMS, 0), "myunknown");
	CHECK(parse(NT_DSFIELD, "AF11") == 0x28);
	CHECK(parse(NT_SCOPES, "link") == -1);
}

static void wide_tables(void)
{
	in_child(setup_tables, check_wide_tables);
}

/* -N prints every number as a number, parsing still takes names. */
static void check_numeric(void)
{
	names_numeric(true);
	CHECK_STR(fmt(NT_TABLES, 254), "254");
	CHECK_STR(fmt(NT_PROTOS, 2), "2");
	CHECK_STR(fmt(NT_SCOPES, 253), "253");
	CHECK_STR(fmt(NT_GROUPS, 0), "0");
	CHECK_STR(fmt(NT_DSFIELD, 0x28), "0x28");
	CHECK(parse(NT_TABLES, "main") == 254);
	names_numeric(false);
	CHECK_STR(fmt(NT_TABLES, 254), "main");
	CHECK_STR(fmt(NT_DSFIELD, 0x28), "AF11");
}

static void numeric(void)
{
	in_child(setup_tables, check_numeric);
}

static void setup_corrupted(void)
{
	write_conf("rt_protos", "69 tabbed\n71\n72 lost\n");
	make_conf_subdir("rt_protos.d");
	write_conf("rt_protos.d/g.conf", "64 good\nbad line\n65 afterbad\n");
}

/* A bad line ends its file, with the reference's message; others go on. */
static void check_corrupted(void)
{
	char path[512], msg[1024];
	size_t len;
	FILE *err;

	snprintf(path, sizeof(path), "%s/stderr", conf_dir);
	CHECK(freopen(path, "w+", stderr) != NULL);
	CHECK_STR(fmt(NT_PROTOS, 69), "tabbed");
	CHECK_STR(fmt(NT_PROTOS, 72), "72");
	CHECK_STR(fmt(NT_PROTOS, 64), "good");
	CHECK_STR(fmt(NT_PROTOS, 65), "65");
	fflush(stderr);
	err = fopen(path, "r");
	CHECK(err != NULL);
	if (!err)
		return;
	len = fread(msg, 1, sizeof(msg) - 1, err);
	msg[len] = '\0';
	fclose(err);
	snprintf(path, sizeof(path),
		 "Database %s/rt_protos is corrupted at 71\n\n"
		 "Database %s/rt_protos.d/g.conf is corrupted at bad line\n\n",
		 conf_dir, conf_dir);
	CHECK_STR(msg, path);
}

static void corrupted(void)
{
	in_child(setup_corrupted, check_corrupted);
}

static void setup_many_tables(void)
{
	char path[512];
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "%s/rt_tables", conf_dir);
	f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	/* Descending, so that every insertion lands in front. */
	for (i = 20000; i >= 1; i--)
		fprintf(f, "%d t%d\n", i * 7, i * 7);
	fclose(f);
}

static void check_many_tables(void)
{
	char want[32];
	uint32_t id;

	for (id = 1; id <= 140000; id++) {
		if (id >= 253 && id <= 255)
			continue;
		if (id % 7)
			snprintf(want, sizeof(want), "%u", id);
		else
			snprintf(want, sizeof(want), "t%u", id);
		CHECK_STR(fmt(NT_TABLES, id), want);
	}
	CHECK(parse(NT_TABLES, "t140000") == 140000);
	CHECK(parse(NT_TABLES, "t7") == 7);
}

static void many_tables(void)
{
	in_child(setup_many_tables, check_many_tables);
}

UNIT_CASES(UNIT(builtins), UNIT(numbers), UNIT(protos_builtin_first), UNIT(protos_file),
	   UNIT(wide_tables), UNIT(numeric), UNIT(corrupted), UNIT(many_tables))
