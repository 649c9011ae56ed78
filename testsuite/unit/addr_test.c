// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Addresses and prefixes: the forms the reference accepts and rejects (as
 * `ip route add`, `ip addr add` and `ip link set address` showed), and
 * the text it prints.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <linux/if_arp.h>

#include <nlkit/addr.h>

#include "unit.h"

/* prefix_parse() then addr_format() (plus "/LEN" when a length was given), or "ERR". */
static const char *prefix_text(const char *s, int family)
{
	static char out[128];
	struct inet_prefix p;
	char buf[64];

	if (prefix_parse(s, family, &p))
		return "ERR";
	if (p.flags & ADDR_F_DEFAULT)
		snprintf(out, sizeof(out), "default");
	else if (p.flags & ADDR_F_ANY)
		snprintf(out, sizeof(out), "any");
	else
		addr_format(p.family, p.data, p.bytelen, buf, sizeof(buf));
	if (!(p.flags & (ADDR_F_DEFAULT | ADDR_F_ANY))) {
		if (p.flags & ADDR_F_PREFIX)
			snprintf(out, sizeof(out), "%s/%d", buf, p.bitlen);
		else
			snprintf(out, sizeof(out), "%s", buf);
	}
	return out;
}

static void ipv4_forms(void)
{
	CHECK_STR(prefix_text("1.2.3.4", AF_UNSPEC), "1.2.3.4");
	CHECK_STR(prefix_text("10.1", AF_INET), "10.1.0.0");
	CHECK_STR(prefix_text("10", AF_INET), "10.0.0.0");
	CHECK_STR(prefix_text("10.2.3", AF_INET), "10.2.3.0");
	CHECK_STR(prefix_text("0x11.0.0.0", AF_INET), "17.0.0.0");
	CHECK_STR(prefix_text("017.0.0.0", AF_INET), "15.0.0.0");
	CHECK_STR(prefix_text("-0.1.1.1", AF_INET), "0.1.1.1");
	CHECK_STR(prefix_text(" 10.0.0.0", AF_INET), "10.0.0.0");
	CHECK_STR(prefix_text("255.255.255.255", AF_INET), "255.255.255.255");
	CHECK_STR(prefix_text("15.1.2.3.4", AF_INET), "ERR");
	CHECK_STR(prefix_text("16.256.0.0", AF_INET), "ERR");
	CHECK_STR(prefix_text("1.2.3.4.", AF_INET), "ERR");
	CHECK_STR(prefix_text("1..2", AF_INET), "ERR");
	CHECK_STR(prefix_text("1.2.3.-1", AF_INET), "ERR");
	CHECK_STR(prefix_text("08.1.1.1", AF_INET), "ERR");
	CHECK_STR(prefix_text("", AF_INET), "ERR");
	CHECK_STR(prefix_text("a.b.c.d", AF_INET), "ERR");
	CHECK_STR(prefix_text("2001::1", AF_INET), "ERR");
}

static void ipv6_forms(void)
{
	CHECK_STR(prefix_text("2001:db8::1", AF_UNSPEC), "2001:db8::1");
	CHECK_STR(prefix_text("2001:DB8::6", AF_INET6), "2001:db8::6");
	CHECK_STR(prefix_text("2001:db8:0:0:1:0:0:1", AF_INET6), "2001:db8::1:0:0:1");
	CHECK_STR(prefix_text("::ffff:1.2.3.4", AF_INET6), "::ffff:1.2.3.4");
	CHECK_STR(prefix_text("::1.2.3.4", AF_INET6), "::1.2.3.4");
	CHECK_STR(prefix_text("::ffff:0:1.2.3.4", AF_INET6), "::ffff:0:102:304");
	CHECK_STR(prefix_text("64:ff9b::1.2.3.4", AF_INET6), "64:ff9b::102:304");
	CHECK_STR(prefix_text("1:2:3:4:5:6:7:8", AF_INET6), "1:2:3:4:5:6:7:8");
	CHECK_STR(prefix_text("2001:db8:::1", AF_INET6), "ERR");
	CHECK_STR(prefix_text("1:2:3:4:5:6:7:8:9", AF_INET6), "ERR");
	CHECK_STR(prefix_text("fe80::1%lo", AF_INET6), "ERR");
	CHECK_STR(prefix_text("[2001:db8::5]", AF_INET6), "ERR");
	CHECK_STR(prefix_text("1.2.3.4", AF_INET6), "ERR");
}

static void prefix_lengths(void)
{
	CHECK_STR(prefix_text("10.0.0.0/8", AF_UNSPEC), "10.0.0.0/8");
	CHECK_STR(prefix_text("1.2.3.4/255.255.255.0", AF_INET), "1.2.3.4/24");
	CHECK_STR(prefix_text("1.2.3.4/255.255.255.254", AF_INET), "1.2.3.4/31");
	CHECK_STR(prefix_text("1.2.3.4/255.255.255.255", AF_INET), "1.2.3.4/32");
	CHECK_STR(prefix_text("1.2.3.4/0.0.0.0", AF_INET), "1.2.3.4/0");
	CHECK_STR(prefix_text("1.2.3.4/128.0.0.0", AF_INET), "1.2.3.4/1");
	CHECK_STR(prefix_text("1.2.3.0/255.255", AF_INET), "1.2.3.0/16");
	CHECK_STR(prefix_text("12.0.0.0/+8", AF_INET), "12.0.0.0/8");
	CHECK_STR(prefix_text("18.0.0.0/0x8", AF_INET), "18.0.0.0/8");
	CHECK_STR(prefix_text("10.0.0.2/010", AF_INET), "10.0.0.2/8");
	CHECK_STR(prefix_text("1.2.3.0/ 8", AF_INET), "1.2.3.0/8");
	CHECK_STR(prefix_text("22.0.0.0/-0", AF_INET), "22.0.0.0/0");
	CHECK_STR(prefix_text("1.2.3.4/255.0.255.0", AF_INET), "ERR");
	CHECK_STR(prefix_text("1.2.3.4/255.255.255.1", AF_INET), "ERR");
	CHECK_STR(prefix_text("1.2.3.0/8.8", AF_INET), "ERR");
	CHECK_STR(prefix_text("11.0.0.0/08", AF_INET), "ERR");
	CHECK_STR(prefix_text("13.0.0.0/", AF_INET), "ERR");
	CHECK_STR(prefix_text("14.0.0.0/33", AF_INET), "ERR");
	CHECK_STR(prefix_text("1.0.0.0/255", AF_INET), "ERR");
	CHECK_STR(prefix_text("2.0.0.0/254", AF_INET), "ERR");
	CHECK_STR(prefix_text("8.0.0.0/0xff", AF_INET), "ERR");
	CHECK_STR(prefix_text("21.0.0.0/8/", AF_INET), "ERR");
	CHECK_STR(prefix_text("10.0.0.0/8x", AF_INET), "ERR");
	CHECK_STR(prefix_text("1.2.3.4/-1", AF_INET), "ERR");
	CHECK_STR(prefix_text("7.0.0.0/255.255.255.255.0", AF_INET), "ERR");

	CHECK_STR(prefix_text("2001:db8::/32", AF_UNSPEC), "2001:db8::/32");
	CHECK_STR(prefix_text("2001:db8::/0x40", AF_INET6), "2001:db8::/64");
	CHECK_STR(prefix_text("::/0", AF_INET6), "::/0");
	CHECK_STR(prefix_text("2001:db8::/128", AF_INET6), "2001:db8::/128");
	CHECK_STR(prefix_text("2001:db8::/255.255.0.0", AF_INET6), "2001:db8::/16");
	CHECK_STR(prefix_text("2001:db8::/129", AF_INET6), "ERR");
	CHECK_STR(prefix_text("fe80::2/ffff::", AF_INET6), "ERR");
}

static void keywords(void)
{
	struct inet_prefix p;

	CHECK(prefix_parse("default", AF_INET6, &p) == 0);
	CHECK(p.family == AF_INET6 && p.bytelen == 0 && p.bitlen == 0);
	CHECK(p.flags == (ADDR_F_DEFAULT | ADDR_F_PREFIX));
	CHECK(addr_parse("any", AF_UNSPEC, &p) == 0);
	CHECK(p.family == AF_UNSPEC && p.bytelen == 0 && p.flags == ADDR_F_ANY);
	CHECK(prefix_parse("all", AF_INET, &p) == 0);
	CHECK(p.family == AF_INET && p.flags == ADDR_F_ANY);
	CHECK(prefix_parse("default/8", AF_INET, &p) == -EINVAL);
	CHECK(prefix_parse("all/0", AF_INET, &p) == -EINVAL);
	CHECK(addr_parse("default", AF_MPLS, &p) == -EINVAL);
	CHECK(addr_parse("Default", AF_INET, &p) == -EINVAL);

	/* Without a length, the full width. */
	CHECK(prefix_parse("1.2.3.4", AF_INET, &p) == 0);
	CHECK(p.bitlen == 32 && p.bytelen == 4 && p.flags == 0);
	CHECK(prefix_parse("::1", AF_UNSPEC, &p) == 0);
	CHECK(p.family == AF_INET6 && p.bitlen == 128 && p.bytelen == 16);
	CHECK(addr_parse("1.2.3.4/8", AF_INET, &p) == -EINVAL);
	CHECK(addr_parse("1.2.3.4", AF_PACKET, &p) == -EINVAL);
}

static void mpls_labels(void)
{
	static const uint8_t two[] = { 0x00, 0x06, 0x40, 0x00, 0x00, 0x0c, 0x81, 0x00 };
	struct inet_prefix p;
	char buf[64];

	CHECK(prefix_parse("100/200", AF_MPLS, &p) == 0);
	CHECK(p.family == AF_MPLS && p.bytelen == 8 && p.bitlen == 20);
	CHECK(!memcmp(p.data, two, sizeof(two)));
	CHECK_STR(addr_format(AF_MPLS, p.data, p.bytelen, buf, sizeof(buf)), "100/200");

	CHECK_STR(prefix_text("1048575", AF_MPLS), "1048575");
	CHECK_STR(prefix_text("0x10/0/3/4", AF_MPLS), "16/0/3/4");
	CHECK_STR(prefix_text("1048576", AF_MPLS), "ERR");
	CHECK_STR(prefix_text("1/2/3/4/5", AF_MPLS), "ERR");
	CHECK_STR(prefix_text("1//2", AF_MPLS), "ERR");
	CHECK_STR(prefix_text("1/", AF_MPLS), "ERR");
	CHECK_STR(prefix_text("x", AF_MPLS), "ERR");

	/* Printing stops at the bottom of stack, or at the end of the data. */
	CHECK_STR(addr_format(AF_MPLS, two, 4, buf, sizeof(buf)), "100");
	CHECK_STR(addr_format(AF_MPLS, two, 3, buf, sizeof(buf)), "");
	p.data[3] |= 0x01;
	CHECK_STR(addr_format(AF_MPLS, p.data, 8, buf, sizeof(buf)), "100/200");
	CHECK_STR(addr_format(AF_MPLS, two + 4, 4, buf, 3), "");
}

static void formats(void)
{
	static const uint8_t v4[] = { 192, 0, 2, 1 };
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	char buf[64];

	CHECK_STR(addr_format(AF_INET, v4, 4, buf, sizeof(buf)), "192.0.2.1");
	CHECK_STR(addr_format(AF_INET6, v6, 16, buf, sizeof(buf)), "2001:db8::1");
	CHECK_STR(addr_format(AF_BRIDGE, v4, 4, buf, sizeof(buf)), "192.0.2.1");
	CHECK_STR(addr_format(AF_BRIDGE, v6, 16, buf, sizeof(buf)), "2001:db8::1");
	CHECK_STR(addr_format(AF_PACKET, v4, 4, buf, sizeof(buf)), "c0:00:02:01");
	CHECK_STR(addr_format(AF_INET, v4, 3, buf, sizeof(buf)), "???");
	CHECK_STR(addr_format(AF_INET6, v6, 4, buf, sizeof(buf)), "???");
	CHECK_STR(addr_format(AF_BRIDGE, v4, 6, buf, sizeof(buf)), "???");
	CHECK_STR(addr_format(AF_UNIX, v4, 4, buf, sizeof(buf)), "???");
	CHECK_STR(addr_format(AF_INET, v4, 4, buf, 4), "???");

	CHECK_STR(family_name(AF_INET), "inet");
	CHECK_STR(family_name(AF_INET6), "inet6");
	CHECK_STR(family_name(AF_PACKET), "link");
	CHECK_STR(family_name(AF_MPLS), "mpls");
	CHECK_STR(family_name(AF_BRIDGE), "bridge");
	CHECK_STR(family_name(AF_UNSPEC), "???");
	CHECK(family_parse("inet") == AF_INET);
	CHECK(family_parse("inet6") == AF_INET6);
	CHECK(family_parse("link") == AF_PACKET);
	CHECK(family_parse("mpls") == AF_MPLS);
	CHECK(family_parse("bridge") == AF_BRIDGE);
	CHECK(family_parse("ipx") == AF_UNSPEC);
	CHECK(family_parse("dnet") == AF_UNSPEC);
	CHECK(family_parse("INET") == AF_UNSPEC);
	CHECK(family_parse("i") == AF_UNSPEC);
}

static void lladdr_formats(void)
{
	static const uint8_t mac[] = { 0x02, 0xab, 0x00, 0x0d, 0xff, 0x10 };
	static const uint8_t v4[] = { 1, 2, 3, 4 };
	static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };
	uint8_t ib[20];
	char buf[128];
	size_t i;

	CHECK_STR(lladdr_format(mac, 6, ARPHRD_ETHER, buf, sizeof(buf)), "02:ab:00:0d:ff:10");
	CHECK_STR(lladdr_format(mac, 6, ARPHRD_LOOPBACK, buf, sizeof(buf)), "02:ab:00:0d:ff:10");
	CHECK_STR(lladdr_format(v4, 4, ARPHRD_TUNNEL, buf, sizeof(buf)), "1.2.3.4");
	CHECK_STR(lladdr_format(v4, 4, ARPHRD_SIT, buf, sizeof(buf)), "1.2.3.4");
	CHECK_STR(lladdr_format(v4, 4, ARPHRD_IPGRE, buf, sizeof(buf)), "1.2.3.4");
	CHECK_STR(lladdr_format(v4, 4, ARPHRD_ETHER, buf, sizeof(buf)), "01:02:03:04");
	CHECK_STR(lladdr_format(v6, 16, ARPHRD_TUNNEL6, buf, sizeof(buf)), "2001:db8::2");
	CHECK_STR(lladdr_format(v6, 16, ARPHRD_IP6GRE, buf, sizeof(buf)), "2001:db8::2");
	CHECK_STR(lladdr_format(v6, 16, ARPHRD_TUNNEL, buf, sizeof(buf)),
		  "20:01:0d:b8:00:00:00:00:00:00:00:00:00:00:00:02");
	for (i = 0; i < sizeof(ib); i++)
		ib[i] = (uint8_t)(i * 13);
	CHECK_STR(lladdr_format(ib, 20, ARPHRD_INFINIBAND, buf, sizeof(buf)),
		  "00:0d:1a:27:34:41:4e:5b:68:75:82:8f:9c:a9:b6:c3:d0:dd:ea:f7");
	CHECK_STR(lladdr_format(mac, 0, ARPHRD_NONE, buf, sizeof(buf)), "");
	CHECK_STR(lladdr_format(mac, 6, ARPHRD_ETHER, buf, 9), "02:ab:00");
	CHECK_STR(lladdr_format(mac, 6, ARPHRD_ETHER, buf, 8), "02:ab");
	CHECK_STR(lladdr_format(mac, 6, ARPHRD_ETHER, buf, 3), "02");
	CHECK_STR(lladdr_format(mac, 6, ARPHRD_ETHER, buf, 2), "");
}

/* lladdr_parse(), its bytes as text or "ERR", and what it wrote on stderr. */
static const char *lladdr_text(const char *s, size_t max, char *err, size_t err_len)
{
	static char out[160];
	uint8_t bytes[32];
	char hex[128];
	FILE *saved = stderr, *capture;
	int n;

	capture = fmemopen(err, err_len, "w");
	stderr = capture;
	n = lladdr_parse(s, bytes, max);
	stderr = saved;
	fclose(capture);
	if (n < 0)
		return "ERR";
	lladdr_format(bytes, (size_t)n > max ? max : (size_t)n, ARPHRD_ETHER, hex, sizeof(hex));
	snprintf(out, sizeof(out), "%d %s", n, hex);
	return out;
}

static void lladdr_parsing(void)
{
	static const struct {
		const char *in, *out, *err;
	} cases[] = {
		{ "2:1:2:3:4:5", "6 02:01:02:03:04:05", "" },
		{ "02:11:22:33:44:5g", "6 02:11:22:33:44:05", "" },
		{ "002:11:22:33:44:55", "6 02:11:22:33:44:55", "" },
		{ " 2:1:2:3:4:8", "6 02:01:02:03:04:08", "" },
		{ "2:1:2:3:4:+9", "6 02:01:02:03:04:09", "" },
		{ "2:1:2:3:4:-0", "6 02:01:02:03:04:00", "" },
		{ "0x2:1:2:3:4:5", "6 02:01:02:03:04:05", "" },
		{ "AA:BB:CC:DD:EE:FF", "6 aa:bb:cc:dd:ee:ff", "" },
		{ "2:1:2:3:4:5:6", "7 02:01:02:03:04:05:06", "" },
		{ "2:1:2:3:4", "5 02:01:02:03:04", "" },
		{ "02-11-22-33-44-55", "1 02", "" },
		{ "1.2.3.4", "4 01:02:03:04", "" },
		{ "1.2", "4 01:02:00:00", "" },
		{ "0x1.2.3.4", "4 01:02:03:04", "" },
		{ "1.2.3.256", "ERR", "\"1.2.3.256\" is invalid lladdr.\n" },
		{ "02.11.22.33.44.56", "ERR", "\"02.11.22.33.44.56\" is invalid lladdr.\n" },
		{ "02:11.22:33:44:57", "ERR", "\"02:11.22:33:44:57\" is invalid lladdr.\n" },
		{ "2:1:2:3:4:5:", "ERR", "\"\" is invalid lladdr.\n" },
		{ ":2:1:2:3:4:5", "ERR", "\"\" is invalid lladdr.\n" },
		{ "02::11:22:33:44", "ERR", "\"\" is invalid lladdr.\n" },
		{ "", "ERR", "\"\" is invalid lladdr.\n" },
		{ "2:1:2:3:4:100", "ERR", "\"100\" is invalid lladdr.\n" },
		{ "2:1:2:3:4:ffffffffff", "ERR", "\"ffffffffff\" is invalid lladdr.\n" },
		{ "2:1:2:3:4:-1", "ERR", "\"-1\" is invalid lladdr.\n" },
		{ "zz", "ERR", "\"zz\" is invalid lladdr.\n" },
	};
	char err[256];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(err, 0, sizeof(err));
		CHECK_STR(lladdr_text(cases[i].in, 32, err, sizeof(err)), cases[i].out);
		CHECK_STR(err, cases[i].err);
	}

	/* 34 bytes into the reference's 32-byte buffer: "length 33". */
	memset(err, 0, sizeof(err));
	CHECK_STR(lladdr_text("1:2:3:4:5:6:7:8:9:a:b:c:d:e:f:10:11:12:13:14:15:16:17:18:19:"
			      "1a:1b:1c:1d:1e:1f:20:21:zz",
			      32, err, sizeof(err)),
		  "33 01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13:14:15:16:17:18:"
		  "19:1a:1b:1c:1d:1e:1f:20");
	CHECK_STR(err, "");
	CHECK_STR(lladdr_text("1.2.3.4", 2, err, sizeof(err)), "3 01:02");
}

static void round_trips(void)
{
	static const char *const prefixes[] = {
		"0.0.0.0/0", "10.0.0.0/8", "192.168.1.77/32", "255.255.255.255/32", "::/0",
		"2001:db8::/32", "fe80::1:2:3:4/64", "::ffff:10.1.2.3/128", "1:2:3:4:5:6:7:8/128",
	};
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		CHECK_STR(prefix_text(prefixes[i], AF_UNSPEC), prefixes[i]);
}

static void matching(void)
{
	struct inet_prefix a, b;

	CHECK(prefix_parse("10.1.2.3", AF_INET, &a) == 0);
	CHECK(prefix_parse("10.1.255.0", AF_INET, &b) == 0);
	CHECK(prefix_match(&a, &b, 0));
	CHECK(prefix_match(&a, &b, 16));
	CHECK(!prefix_match(&a, &b, 17));
	CHECK(prefix_match(&a, &b, 16 + 0));
	CHECK(prefix_parse("10.1.128.0", AF_INET, &b) == 0);
	CHECK(!prefix_match(&a, &b, 17));
	CHECK(prefix_parse("10.1.127.0", AF_INET, &b) == 0);
	CHECK(prefix_match(&a, &b, 17));
	CHECK(!prefix_match(&a, &b, 24));
	CHECK(prefix_match(&a, &a, 32));
	CHECK(prefix_match(&a, &a, 1000));

	CHECK(prefix_parse("2001:db8::1", AF_INET6, &a) == 0);
	CHECK(prefix_parse("2001:db8::2", AF_INET6, &b) == 0);
	CHECK(prefix_match(&a, &b, 126));
	CHECK(!prefix_match(&a, &b, 127));
	CHECK(!prefix_match(&a, &b, 128));
}

static void host_names(void)
{
	const uint8_t loopback[4] = { 127, 0, 0, 1 }, unnamed[4] = { 192, 0, 2, 77 };
	const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
	char buf[256];

	CHECK_STR(addr_format_host(AF_INET, loopback, 4, false, buf, sizeof(buf)), "127.0.0.1");
	/* Debian's /etc/hosts names the loopback address. */
	CHECK_STR(addr_format_host(AF_INET, loopback, 4, true, buf, sizeof(buf)), "localhost");
	CHECK_STR(addr_format_host(AF_INET, unnamed, 4, true, buf, sizeof(buf)), "192.0.2.77");
	CHECK_STR(addr_format_host(AF_INET6, v6, 16, true, buf, sizeof(buf)), "2001:db8::1");
	CHECK_STR(addr_format_host(AF_MAX, v6, 16, true, buf, sizeof(buf)), "???");
}

UNIT_CASES(UNIT(ipv4_forms), UNIT(ipv6_forms), UNIT(prefix_lengths), UNIT(keywords),
	   UNIT(mpls_labels), UNIT(formats), UNIT(lladdr_formats), UNIT(lladdr_parsing),
	   UNIT(round_trips), UNIT(matching), UNIT(host_names))
