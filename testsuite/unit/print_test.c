// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The printing layer against strings captured from the reference
 * (iproute2 6.1's ip) in a fresh network namespace.
 */
#include <stdlib.h>

#include <nlkit/print.h>

#include "unit.h"

static FILE *capture_stream;
static char *capture_buf;
static size_t capture_len;

static void capture_begin(const struct pr_config *cfg)
{
	capture_stream = open_memstream(&capture_buf, &capture_len);
	pr_init(capture_stream, cfg);
}

/* The bytes written since capture_begin(); the caller frees them. */
static char *capture_end(void)
{
	CHECK(pr_finish() == 0);
	fclose(capture_stream);
	return capture_buf;
}

#define CHECK_OUTPUT(want)                                                               \
	do {                                                                             \
		char *got__ = capture_end();                                             \
		CHECK_STR(got__, want);                                                  \
		free(got__);                                                             \
	} while (0)

/* The link part of `ip link show lo` in a fresh namespace, lo up. */
static void print_lo_link(bool with_mode)
{
	static const char *const flags[] = { "LOOPBACK", "UP", "LOWER_UP" };
	size_t i;

	pr_open_object(NULL);
	pr_uint("ifindex", "%u: ", 1);
	pr_color_string(PR_C_IFNAME, "ifname", "%s: ", "lo");
	pr_open_array("flags", "<");
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
		if (i)
			pr_text(",");
		pr_string(NULL, "%s", flags[i]);
	}
	pr_close_array("> ");
	pr_uint("mtu", "mtu %u ", 65536);
	pr_string("qdisc", "qdisc %s ", "noqueue");
	pr_string("operstate", "state %s ", "UNKNOWN");
	if (with_mode)
		pr_string("linkmode", "mode %s ", "DEFAULT");
	pr_string("group", "group %s ", "default");
	pr_uint("txqlen", "qlen %u", 1000);
	pr_nl();
	pr_text("    link/");
	pr_string("link_type", "%s ", "loopback");
	pr_color_string(PR_C_MAC, "address", "%s", "00:00:00:00:00:00");
	pr_text(" brd ");
	pr_color_string(PR_C_MAC, "broadcast", "%s", "00:00:00:00:00:00");
}

/* The addresses `ip address show lo` adds after the link part. */
static void print_lo_addrs(void)
{
	pr_open_array("addr_info", NULL);

	pr_open_object(NULL);
	pr_nl();
	pr_string("family", "    %s ", "inet");
	pr_color_string(PR_C_INET, "local", "%s", "127.0.0.1");
	pr_uint("prefixlen", "/%u ", 8);
	pr_string("scope", "scope %s ", "host");
	pr_string("label", "%s", "lo");
	pr_nl();
	pr_text("       valid_lft ");
	pr_uint("valid_life_time", NULL, 4294967295u);
	pr_text("forever");
	pr_text(" preferred_lft ");
	pr_uint("preferred_life_time", NULL, 4294967295u);
	pr_text("forever");
	pr_close_object();

	pr_open_object(NULL);
	pr_nl();
	pr_string("family", "    %s ", "inet6");
	pr_color_string(PR_C_INET6, "local", "%s", "::1");
	pr_uint("prefixlen", "/%u ", 128);
	pr_string("scope", "scope %s ", "host");
	pr_nl();
	pr_text("       valid_lft ");
	pr_uint("valid_life_time", NULL, 4294967295u);
	pr_text("forever");
	pr_text(" preferred_lft ");
	pr_uint("preferred_life_time", NULL, 4294967295u);
	pr_text("forever");
	pr_close_object();

	pr_close_array(NULL);
}

static void print_lo_address_show(void)
{
	print_lo_link(false);
	print_lo_addrs();
	pr_text("\n");
	pr_close_object();
}

static const char lo_link_text[] =
	"1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
	"group default qlen 1000\n"
	"    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n";

static void text_link(void)
{
	struct pr_config cfg = { 0 };

	capture_begin(&cfg);
	print_lo_link(true);
	pr_text("\n");
	pr_close_object();
	CHECK_OUTPUT(lo_link_text);
}

static void text_oneline(void)
{
	struct pr_config cfg = { .oneline = true };

	capture_begin(&cfg);
	CHECK(pr_oneline());
	CHECK(!pr_json());
	print_lo_link(true);
	pr_text("\n");
	pr_close_object();
	CHECK_OUTPUT("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode "
		     "DEFAULT group default qlen 1000\\    link/loopback 00:00:00:00:00:00 brd "
		     "00:00:00:00:00:00\n");
}

static void text_scalars(void)
{
	struct pr_config cfg = { 0 };

	capture_begin(&cfg);
	pr_string("k", NULL, "hidden");
	pr_string(NULL, "[%s]", "shown");
	pr_uint("u", "%u,", 4294967295u);
	pr_u64("U", "%llu,", 18446744073709551615ull);
	pr_int("i", "%d,", -2147483647 - 1);
	pr_s64("I", "%lld,", -9223372036854775807ll - 1);
	pr_hex("h", "0x%x,", 0x1f);
	pr_bool("b", "b %s,", true);
	pr_bool("b", "b %s,", false);
	pr_flag("f", "flag%,");
	pr_null("n", "n %s,");
	pr_string("s", "s %s", NULL);
	pr_open_object("o");
	pr_open_array("a", NULL);
	pr_close_array(NULL);
	pr_close_object();
	CHECK_OUTPUT("[shown]4294967295,18446744073709551615,-2147483648,"
		     "-9223372036854775808,0x1f,b true,b false,flag%,n null,s null");
}

static void json_compact_address(void)
{
	struct pr_config cfg = { .json = true };

	capture_begin(&cfg);
	CHECK(pr_json());
	print_lo_address_show();
	CHECK_OUTPUT("[{\"ifindex\":1,\"ifname\":\"lo\","
		     "\"flags\":[\"LOOPBACK\",\"UP\",\"LOWER_UP\"],"
		     "\"mtu\":65536,\"qdisc\":\"noqueue\",\"operstate\":\"UNKNOWN\",\"group\":"
		     "\"default\",\"txqlen\":1000,\"link_type\":\"loopback\",\"address\":"
		     "\"00:00:00:00:00:00\",\"broadcast\":\"00:00:00:00:00:00\",\"addr_info\":"
		     "[{\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8,\"scope\":"
		     "\"host\",\"label\":\"lo\",\"valid_life_time\":4294967295,"
		     "\"preferred_life_time\":4294967295},{\"family\":\"inet6\",\"local\":\"::1\","
		     "\"prefixlen\":128,\"scope\":\"host\",\"valid_life_time\":4294967295,"
		     "\"preferred_life_time\":4294967295}]}]\n");
}

/* ip -j -p addr show lo */
static const char lo_address_pretty[] =
	"[ {\n"
	"        \"ifindex\": 1,\n"
	"        \"ifname\": \"lo\",\n"
	"        \"flags\": [ \"LOOPBACK\",\"UP\",\"LOWER_UP\" ],\n"
	"        \"mtu\": 65536,\n"
	"        \"qdisc\": \"noqueue\",\n"
	"        \"operstate\": \"UNKNOWN\",\n"
	"        \"group\": \"default\",\n"
	"        \"txqlen\": 1000,\n"
	"        \"link_type\": \"loopback\",\n"
	"        \"address\": \"00:00:00:00:00:00\",\n"
	"        \"broadcast\": \"00:00:00:00:00:00\",\n"
	"        \"addr_info\": [ {\n"
	"                \"family\": \"inet\",\n"
	"                \"local\": \"127.0.0.1\",\n"
	"                \"prefixlen\": 8,\n"
	"                \"scope\": \"host\",\n"
	"                \"label\": \"lo\",\n"
	"                \"valid_life_time\": 4294967295,\n"
	"                \"preferred_life_time\": 4294967295\n"
	"            },{\n"
	"                \"family\": \"inet6\",\n"
	"                \"local\": \"::1\",\n"
	"                \"prefixlen\": 128,\n"
	"                \"scope\": \"host\",\n"
	"                \"valid_life_time\": 4294967295,\n"
	"                \"preferred_life_time\": 4294967295\n"
	"            } ]\n"
	"    } ]\n";

static void json_pretty_address(void)
{
	struct pr_config cfg = { .json = true, .pretty = true };

	capture_begin(&cfg);
	print_lo_address_show();
	CHECK_OUTPUT(lo_address_pretty);
}

/* Nested objects and an empty array, as in ip -j -p -s link show lo. */
static void json_pretty_nested(void)
{
	struct pr_config cfg = { .json = true, .pretty = true };

	capture_begin(&cfg);
	pr_open_object(NULL);
	pr_string("ifname", "%s", "v1");
	pr_open_object("linkinfo");
	pr_string("info_kind", NULL, "veth");
	pr_close_object();
	pr_open_array("addr_info", NULL);
	pr_close_array(NULL);
	pr_open_object("stats64");
	pr_open_object("rx");
	pr_num("bytes", 10, 0);
	pr_num("packets", 7, 12);
	pr_close_object();
	pr_open_object("tx");
	pr_num("bytes", 10, 1);
	pr_close_object();
	pr_close_object();
	pr_close_object();
	CHECK_OUTPUT("[ {\n"
		     "        \"ifname\": \"v1\",\n"
		     "        \"linkinfo\": {\n"
		     "            \"info_kind\": \"veth\"\n"
		     "        },\n"
		     "        \"addr_info\": [ ],\n"
		     "        \"stats64\": {\n"
		     "            \"rx\": {\n"
		     "                \"bytes\": 0,\n"
		     "                \"packets\": 12\n"
		     "            },\n"
		     "            \"tx\": {\n"
		     "                \"bytes\": 1\n"
		     "            }\n"
		     "        }\n"
		     "    } ]\n");
}

/*
 * Empty results: nothing at all unless the command started the
 * document, and ip -j link show up with nothing up (the reference opens
 * every record).
 */
static void json_empty(void)
{
	struct pr_config cfg = { .json = true };
	int i;

	capture_begin(&cfg);
	CHECK_OUTPUT("");

	capture_begin(&cfg);
	pr_start();
	pr_start();
	CHECK_OUTPUT("[]\n");

	cfg.pretty = true;
	capture_begin(&cfg);
	pr_start();
	CHECK_OUTPUT("[ ]\n");

	capture_begin(&cfg);
	for (i = 0; i < 3; i++) {
		pr_open_object(NULL);
		pr_close_object();
	}
	CHECK_OUTPUT("[ {},{},{} ]\n");

	cfg.pretty = false;
	capture_begin(&cfg);
	for (i = 0; i < 3; i++) {
		pr_open_object(NULL);
		pr_close_object();
	}
	pr_start();
	CHECK_OUTPUT("[{},{},{}]\n");

	/* Text has no document to start. */
	cfg.json = false;
	capture_begin(&cfg);
	pr_start();
	CHECK_OUTPUT("");
}

/* Text-only calls never start the document, nor write in an object. */
static void json_text_only(void)
{
	struct pr_config cfg = { .json = true };

	capture_begin(&cfg);
	pr_text("%s", "text");
	pr_nl();
	pr_color_start(PR_C_MAC);
	pr_color_end();
	fflush(capture_stream);
	CHECK(capture_len == 0);
	pr_open_object(NULL);
	pr_num(NULL, 8, 5);
	pr_string("k", NULL, "v");
	pr_string(NULL, "%s", "text only");
	pr_close_object();
	CHECK_OUTPUT("[{\"k\":\"v\"}]\n");
}

/* Members with NULL names are left out; array elements need none. */
static void json_null_keys(void)
{
	struct pr_config cfg = { .json = true };

	capture_begin(&cfg);
	pr_open_object(NULL);
	pr_uint(NULL, "%u", 1);
	pr_uint("a", NULL, 2);
	pr_open_array("l", NULL);
	pr_uint("ignored", NULL, 3);
	pr_hex(NULL, "0x%02x", 4);
	pr_bool(NULL, NULL, false);
	pr_flag(NULL, NULL);
	pr_null(NULL, NULL);
	pr_s64(NULL, NULL, -5);
	pr_open_object("x");
	pr_close_object();
	pr_close_array(NULL);
	pr_hex("h", "0x%x", 0xab);
	pr_hex("none", NULL, 1);
	pr_int("i", NULL, -1);
	pr_u64("u", NULL, 18446744073709551615ull);
	pr_close_object();
	CHECK_OUTPUT("[{\"a\":2,\"l\":[3,\"0x04\",false,true,null,-5,{}],\"h\":\"0xab\",\"i\":-1,"
		     "\"u\":18446744073709551615}]\n");
}

/*
 * An alias set with printf 'a"b\\c\td\001e\047f/g\177h\303\251i\200j\n\r\f\bk\033\037z':
 * the reference escapes only '"', '\\' and \n \r \t \f \b.
 */
static void json_escape(void)
{
	static const char alias[] = "a\"b\\c\td\001e'f/g\177h\303\251i\200j\n\r\f\bk\033\037z";
	struct pr_config cfg = { .json = true };
	char *buf = NULL;
	size_t len = 0;
	FILE *f;

	capture_begin(&cfg);
	pr_open_object(NULL);
	pr_string("ifalias", "%s", alias);
	pr_string("k\"\\", "%s", "");
	pr_close_object();
	CHECK_OUTPUT("[{\"ifalias\":\"a\\\"b\\\\c\\td\001e'f/g\177h\303\251i\200j\\n\\r\\f\\bk"
		     "\033\037z\",\"k\\\"\\\\\":\"\"}]\n");

	f = open_memstream(&buf, &len);
	pr_escape_json(f, "<>&\x01");
	fclose(f);
	CHECK_STR(buf, "\"<>&\x01\"");
	free(buf);
}

/* A command that stops half way still gets a complete document. */
static void json_finish_closes(void)
{
	struct pr_config cfg = { .json = true };

	capture_begin(&cfg);
	pr_open_object(NULL);
	pr_open_array("addr_info", NULL);
	pr_open_object(NULL);
	pr_string("family", NULL, "inet");
	pr_open_object("cacheinfo");
	pr_open_array("flags", NULL);
	pr_string(NULL, NULL, "x");
	CHECK_OUTPUT("[{\"addr_info\":[{\"family\":\"inet\","
		     "\"cacheinfo\":{\"flags\":[\"x\"]}}]}]\n");

	cfg.pretty = true;
	capture_begin(&cfg);
	pr_open_object(NULL);
	pr_open_array("addr_info", NULL);
	pr_open_object(NULL);
	pr_string("family", NULL, "inet");
	CHECK_OUTPUT("[ {\n"
		     "        \"addr_info\": [ {\n"
		     "                \"family\": \"inet\"\n"
		     "            } ]\n"
		     "    } ]\n");

	/* Extra closes are harmless. */
	cfg.pretty = false;
	capture_begin(&cfg);
	pr_start();
	pr_close_object();
	pr_close_array(NULL);
	CHECK_OUTPUT("[]\n");
}

/* ip -c=always addr show lo, and with COLORFGBG="15;0" (a dark background) */
static void color_always(void)
{
	struct pr_config cfg = { .color = PR_COLOR_ALWAYS };

	unsetenv("COLORFGBG");
	capture_begin(&cfg);
	print_lo_address_show();
	CHECK_OUTPUT("1: \033[36mlo: \033[0m<LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state "
		     "UNKNOWN group default qlen 1000\n"
		     "    link/loopback \033[33m00:00:00:00:00:00\033[0m brd "
		     "\033[33m00:00:00:00:00:00\033[0m\n"
		     "    inet \033[35m127.0.0.1\033[0m/8 scope host lo\n"
		     "       valid_lft forever preferred_lft forever\n"
		     "    inet6 \033[34m::1\033[0m/128 scope host \n"
		     "       valid_lft forever preferred_lft forever\n");

	setenv("COLORFGBG", "15;0", 1);
	capture_begin(&cfg);
	pr_color_string(PR_C_IFNAME, "ifname", "%-16s ", "v0@v1");
	pr_color_string(PR_C_OPER_UP, "operstate", "%-14s ", "UP");
	pr_color_string(PR_C_OPER_DOWN, "operstate", "%-14s ", "DOWN");
	pr_color_start(PR_C_INET6);
	pr_text("%s", "fe80::1");
	pr_color_end();
	CHECK_OUTPUT("\033[1;36mv0@v1            \033[0m\033[1;32mUP             \033[0m"
		     "\033[1;31mDOWN           \033[0m\033[1;34mfe80::1\033[0m");
	unsetenv("COLORFGBG");
}

/* Only a one-character background 0-6 or 8 after the last ';' is dark. */
static void color_background(void)
{
	static const struct {
		const char *colorfgbg;
		bool dark;
	} cases[] = {
		{ "15;0", true },   { "15;6", true },   { "15;8", true },
		{ ";0", true },     { "15;default;0", true },
		{ "15;7", false },  { "15;9", false },  { "15;10", false },
		{ "0;15", false },  { "0", false },     { "15;", false },
		{ "15;06", false }, { "15;0x", false }, { "", false },
	};
	struct pr_config cfg = { .color = PR_COLOR_ALWAYS };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		setenv("COLORFGBG", cases[i].colorfgbg, 1);
		capture_begin(&cfg);
		pr_color_string(PR_C_MAC, NULL, "%s", "m");
		CHECK_OUTPUT(cases[i].dark ? "\033[1;33mm\033[0m" : "\033[33mm\033[0m");
	}
	unsetenv("COLORFGBG");
}

/* No colour: never, auto on something that is not a terminal, JSON. */
static void color_off_modes(void)
{
	struct pr_config cfg = { .color = PR_COLOR_NEVER };

	capture_begin(&cfg);
	pr_color_string(PR_C_IFNAME, "ifname", "%s: ", "lo");
	pr_color_start(PR_C_MAC);
	pr_text("x");
	pr_color_end();
	CHECK_OUTPUT("lo: x");

	cfg.color = PR_COLOR_AUTO;
	capture_begin(&cfg);
	pr_color_string(PR_C_IFNAME, "ifname", "%s: ", "lo");
	CHECK_OUTPUT("lo: ");

	cfg.color = PR_COLOR_ALWAYS;
	cfg.json = true;
	capture_begin(&cfg);
	pr_color_string(PR_C_IFNAME, "ifname", "%s: ", "lo");
	pr_color_start(PR_C_MAC);
	pr_color_end();
	CHECK_OUTPUT("[\"lo\"]\n");

	/* An uncoloured value within colour mode, and a colour left open. */
	cfg.json = false;
	capture_begin(&cfg);
	pr_color_string(PR_C_NONE, "k", "%s", "plain");
	pr_color_start(PR_C_NONE);
	pr_color_end();
	pr_color_start(PR_C_OPER_DOWN);
	pr_text("DOWN");
	CHECK_OUTPUT("plain\033[31mDOWN\033[0m");
}

/* TX bytes and packets columns of ip -s link, -s -h and -s -h -iec. */
static void num_scaling(void)
{
	static const struct {
		unsigned long long value;
		const char *plain, *si, *iec;
	} cases[] = {
		{ 0, "         0 ", "         0 ", "         0 " },
		{ 999, "       999 ", "       999 ", "       999 " },
		{ 1000, "      1000 ", "     1.00k ", "      1000 " },
		{ 1023, "      1023 ", "     1.02k ", "      1023 " },
		{ 1040, "      1040 ", "     1.04k ", "    1.02ki " },
		{ 1100, "      1100 ", "     1.10k ", "    1.07ki " },
		{ 9994, "      9994 ", "     9.99k ", "    9.76ki " },
		{ 10239, "     10239 ", "     10.2k ", "   10.00ki " },
		{ 10260, "     10260 ", "     10.3k ", "    10.0ki " },
		{ 99949, "     99949 ", "     99.9k ", "    97.6ki " },
		{ 99999, "     99999 ", "    100.0k ", "    97.7ki " },
		{ 102399, "    102399 ", "      102k ", "   100.0ki " },
		{ 102420, "    102420 ", "      102k ", "     100ki " },
		{ 999499, "    999499 ", "      999k ", "     976ki " },
		{ 999999, "    999999 ", "     1000k ", "     977ki " },
		{ 1048575, "   1048575 ", "     1.05M ", "    1024ki " },
		{ 1048600, "   1048600 ", "     1.05M ", "    1.00Mi " },
		{ 9994999, "   9994999 ", "     9.99M ", "    9.53Mi " },
		{ 99950000, "  99950000 ", "    100.0M ", "    95.3Mi " },
		{ 100000000, " 100000000 ", "      100M ", "    95.4Mi " },
		{ 999500000, " 999500000 ", "     1000M ", "     953Mi " },
		{ 1000000000, "1000000000 ", "     1.00G ", "     954Mi " },
		{ 1073741824, "1073741824 ", "     1.07G ", "    1.00Gi " },
		{ 10000000000ull, "10000000000 ", "     10.0G ", "    9.31Gi " },
		{ 18446744073709551615ull, "18446744073709551615 ", "     18.4E ", "    16.0Ei " },
	};
	struct pr_config cfg = { 0 };
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cfg.human = 0;
		capture_begin(&cfg);
		pr_num("bytes", 10, cases[i].value);
		CHECK_OUTPUT(cases[i].plain);

		cfg.human = 1000;
		capture_begin(&cfg);
		pr_num("bytes", 10, cases[i].value);
		CHECK_OUTPUT(cases[i].si);

		cfg.human = 1024;
		capture_begin(&cfg);
		pr_num("bytes", 10, cases[i].value);
		CHECK_OUTPUT(cases[i].iec);
	}

	/* The packets column, and JSON keeping the exact count under -h. */
	cfg.human = 1000;
	capture_begin(&cfg);
	pr_num("packets", 7, 16528);
	pr_num("packets", 7, 153783);
	CHECK_OUTPUT("  16.5k    154k ");

	cfg.json = true;
	capture_begin(&cfg);
	pr_num("bytes", 10, 1073741824);
	pr_num(NULL, 10, 1);
	CHECK_OUTPUT("[1073741824,1]\n");
}

/* A full disk is reported by pr_finish(). */
static void finish_write_error(void)
{
	struct pr_config cfg = { 0 };
	FILE *full = fopen("/dev/full", "w");

	CHECK(full != NULL);
	if (!full)
		return;
	pr_init(full, &cfg);
	pr_text("%s", "lost");
	CHECK(pr_finish() == -1);
	fclose(full);
}

/* Thousands of records go out through the buffer, in order. */
static void many_records(void)
{
	static const char last[] = "{\"ifindex\":3999,\"ifname\":\"veth-with-a-long-name\"}]\n";
	struct pr_config cfg = { .json = true };
	char *out, *p;
	int i;

	capture_begin(&cfg);
	for (i = 0; i < 4000; i++) {
		pr_open_object(NULL);
		pr_int("ifindex", NULL, i);
		pr_string("ifname", NULL, "veth-with-a-long-name");
		pr_close_object();
	}
	out = capture_end();
	CHECK(!strncmp(out, "[{\"ifindex\":0,", 14));
	p = strstr(out, last);
	CHECK(p && !strcmp(p, last));
	free(out);
}

/*
 * The same records on stdout, for print.bats to compare with the
 * reference's output in a fresh namespace.
 */
static void stdout_lo(const struct pr_config *cfg, bool address_show)
{
	pr_init(stdout, cfg);
	if (address_show) {
		print_lo_address_show();
	} else {
		print_lo_link(true);
		pr_text("\n");
		pr_close_object();
	}
	CHECK(pr_finish() == 0);
}

static void stdout_lo_link(void)
{
	struct pr_config cfg = { 0 };

	stdout_lo(&cfg, false);
}

static void stdout_lo_oneline(void)
{
	struct pr_config cfg = { .oneline = true };

	stdout_lo(&cfg, false);
}

static void stdout_lo_color(void)
{
	struct pr_config cfg = { .color = PR_COLOR_ALWAYS };

	stdout_lo(&cfg, true);
}

static void stdout_lo_json(void)
{
	struct pr_config cfg = { .json = true };

	stdout_lo(&cfg, true);
}

static void stdout_lo_pretty(void)
{
	struct pr_config cfg = { .json = true, .pretty = true };

	stdout_lo(&cfg, true);
}

/* Documents cut short at various depths, for jq to read. */
static void stdout_partial(void)
{
	struct pr_config cfg = { .json = true };
	int pretty;

	for (pretty = 0; pretty < 2; pretty++) {
		cfg.pretty = pretty;
		pr_init(stdout, &cfg);
		pr_open_object(NULL);
		pr_string("ifname", NULL, "a\"b\\c\td\n");
		pr_open_array("flags", NULL);
		pr_string(NULL, NULL, "UP");
		pr_open_object(NULL);
		pr_open_object("linkinfo");
		pr_open_array("empty", NULL);
		CHECK(pr_finish() == 0);

		pr_init(stdout, &cfg);
		pr_start();
		CHECK(pr_finish() == 0);

		pr_init(stdout, &cfg);
		pr_open_object(NULL);
		pr_close_object();
		pr_open_object(NULL);
		pr_uint("n", NULL, 1);
		CHECK(pr_finish() == 0);
	}
}

UNIT_CASES(UNIT(text_link), UNIT(text_oneline), UNIT(text_scalars), UNIT(json_compact_address),
	   UNIT(json_pretty_address), UNIT(json_pretty_nested), UNIT(json_empty),
	   UNIT(json_text_only), UNIT(json_null_keys), UNIT(json_escape),
	   UNIT(json_finish_closes), UNIT(color_always), UNIT(color_background),
	   UNIT(color_off_modes), UNIT(num_scaling), UNIT(finish_write_error),
	   UNIT(many_records), UNIT(stdout_lo_link), UNIT(stdout_lo_oneline),
	   UNIT(stdout_lo_color), UNIT(stdout_lo_json), UNIT(stdout_lo_pretty),
	   UNIT(stdout_partial))
