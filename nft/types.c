// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Data types: how a word of the language becomes a value in the layout
 * the kernel compares registers in, and how such a value prints.  A type
 * is a table row; most need only their symbols.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <net/if.h>
#include <netdb.h>
#include <pwd.h>
#include <grp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <nlkit/names.h>
#include <nlkit/util.h>

#include "ast.h"

static int parse_number(const char *text, uint64_t *out)
{
	char *end;

	if (!isdigit((unsigned char)text[0]))
		return -1;
	errno = 0;
	*out = strtoull(text, &end, 0);
	return errno || *end ? -1 : 0;
}

/* Integers: a number that must fit the value's width. */
static int integer_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	uint64_t x, max;

	if (parse_number(sym->sym.text, &x) < 0) {
		error_at(&sym->loc, "Could not parse %s", dt->desc);
		return -1;
	}
	max = val->len >= 64 ? UINT64_MAX : (1ULL << val->len) - 1;
	if (x > max) {
		error_at(&sym->loc, "Value %llu exceeds valid range 0-%llu",
			 (unsigned long long)x, (unsigned long long)max);
		return -1;
	}
	value_set_u64(val, x);
	return 0;
}

static void integer_print(const struct expr *val, FILE *f)
{
	if (val->dtype->print_hex)
		fprintf(f, "0x%0*llx", (int)(val->len + 3) / 4, (unsigned long long)value_u64(val));
	else
		fprintf(f, "%llu", (unsigned long long)value_u64(val));
}

static int string_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	size_t n = strlen(sym->sym.text);

	(void)dt;
	/* the kernel's strings end in a NUL within their bytes */
	if (n >= val->len / 8) {
		error_at(&sym->loc, "String exceeds maximum length of %u", val->len / 8);
		return -1;
	}
	memset(val->value.data, 0, val->len / 8);
	memcpy(val->value.data, sym->sym.text, n);
	return 0;
}

static void string_print(const struct expr *val, FILE *f)
{
	fprintf(f, "\"%.*s\"", (int)strnlen((const char *)val->value.data, val->len / 8),
		(const char *)val->value.data);
}

static int addr_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	int af = dt == &ipv4_type ? AF_INET : AF_INET6;
	struct addrinfo hints = { .ai_family = af }, *ai;
	int err;

	if (inet_pton(af, sym->sym.text, val->value.data) == 1)
		return 0;
	err = getaddrinfo(sym->sym.text, NULL, &hints, &ai);
	if (err) {
		error_at(&sym->loc, "Could not resolve hostname: %s", gai_strerror(err));
		return -1;
	}
	if (af == AF_INET)
		memcpy(val->value.data, &((struct sockaddr_in *)ai->ai_addr)->sin_addr, 4);
	else
		memcpy(val->value.data, &((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr, 16);
	freeaddrinfo(ai);
	return 0;
}

static void addr_print(const struct expr *val, FILE *f)
{
	char buf[INET6_ADDRSTRLEN];

	inet_ntop(val->dtype == &ipv4_type ? AF_INET : AF_INET6, val->value.data, buf,
		  sizeof(buf));
	fputs(buf, f);
}

static int etheraddr_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	unsigned int b[6];
	char tail;
	int i;

	(void)dt;
	if (sscanf(sym->sym.text, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4],
		   &b[5], &tail) != 6) {
		error_at(&sym->loc, "Could not parse %s", dt->desc);
		return -1;
	}
	for (i = 0; i < 6; i++)
		val->value.data[i] = b[i];
	return 0;
}

static void etheraddr_print(const struct expr *val, FILE *f)
{
	const uint8_t *d = val->value.data;

	fprintf(f, "%02x:%02x:%02x:%02x:%02x:%02x", d[0], d[1], d[2], d[3], d[4], d[5]);
}

static int proto_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	struct protoent *p;

	if (isdigit((unsigned char)sym->sym.text[0]))
		return integer_parse(dt, sym, val);
	/* the language's own name of ICMPv6, which /etc/protocols lacks */
	if (!strcmp(sym->sym.text, "icmpv6")) {
		value_set_u64(val, IPPROTO_ICMPV6);
		return 0;
	}
	p = getprotobyname(sym->sym.text);
	if (!p) {
		error_at(&sym->loc, "Could not resolve protocol name");
		return -1;
	}
	value_set_u64(val, p->p_proto);
	return 0;
}

static void proto_print(const struct expr *val, FILE *f)
{
	struct protoent *p = getprotobynumber(value_u64(val));

	if (p)
		fputs(p->p_name, f);
	else
		fprintf(f, "%llu", (unsigned long long)value_u64(val));
}

static int service_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	struct addrinfo *ai;
	uint64_t x;
	int err;

	(void)dt;
	if (parse_number(sym->sym.text, &x) == 0) {
		if (x > 65535) {
			error_at(&sym->loc, "Service out of range");
			return -1;
		}
		value_set_u64(val, x);
		return 0;
	}
	err = getaddrinfo(NULL, sym->sym.text, NULL, &ai);
	if (err) {
		error_at(&sym->loc, "Could not resolve service: %s", gai_strerror(err));
		return -1;
	}
	value_set_u64(val, ntohs(((struct sockaddr_in *)ai->ai_addr)->sin_port));
	freeaddrinfo(ai);
	return 0;
}

static int ifindex_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	unsigned int idx;
	uint64_t x;

	(void)dt;
	if (!sym->sym.quoted && parse_number(sym->sym.text, &x) == 0) {
		value_set_u64(val, x);
		return 0;
	}
	idx = if_nametoindex(sym->sym.text);
	if (!idx) {
		error_at(&sym->loc, "Interface does not exist");
		return -1;
	}
	value_set_u64(val, idx);
	return 0;
}

static void ifindex_print(const struct expr *val, FILE *f)
{
	char name[IF_NAMESIZE];

	if (if_indextoname(value_u64(val), name))
		fprintf(f, "\"%s\"", name);
	else
		fprintf(f, "%llu", (unsigned long long)value_u64(val));
}

/* Device groups by the names of /etc/iproute2/group, listed quoted. */
/* Device groups and realms: by number, or by the name their
 * /etc/iproute2 file gives, which is listed quoted. */
static int named_number_parse(enum name_table table, const struct datatype *dt,
			      struct expr *sym, struct expr *val)
{
	uint32_t id;

	if (names_parse(table, sym->sym.text, &id) < 0) {
		error_at(&sym->loc, "Could not parse %s", dt->desc);
		return -1;
	}
	value_set_u64(val, id);
	return 0;
}

static void named_number_print(enum name_table table, const struct expr *val, FILE *f)
{
	char buf[16];
	const char *name = names_format_files(table, value_u64(val), buf, sizeof(buf));

	if (name == buf)
		fputs(name, f);
	else
		fprintf(f, "\"%s\"", name);
}

static int devgroup_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	return named_number_parse(NT_GROUPS, dt, sym, val);
}

static void devgroup_print(const struct expr *val, FILE *f)
{
	named_number_print(NT_GROUPS, val, f);
}

static int realm_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	return named_number_parse(NT_REALMS, dt, sym, val);
}

static void realm_print(const struct expr *val, FILE *f)
{
	named_number_print(NT_REALMS, val, f);
}

static int uid_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	uint64_t x;

	if (parse_number(sym->sym.text, &x) == 0)
		return integer_parse(dt, sym, val);
	if (dt == &uid_type) {
		struct passwd *pw = getpwnam(sym->sym.text);

		if (!pw) {
			error_at(&sym->loc, "User does not exist");
			return -1;
		}
		value_set_u64(val, pw->pw_uid);
	} else {
		struct group *gr = getgrnam(sym->sym.text);

		if (!gr) {
			error_at(&sym->loc, "Group does not exist");
			return -1;
		}
		value_set_u64(val, gr->gr_gid);
	}
	return 0;
}

static int tchandle_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	unsigned int major, minor;
	char tail;

	(void)dt;
	if (!strcmp(sym->sym.text, "root")) {
		value_set_u64(val, 0xffffffffu);
		return 0;
	}
	if (!strcmp(sym->sym.text, "none")) {
		value_set_u64(val, 0);
		return 0;
	}
	if (sscanf(sym->sym.text, "%x:%x%c", &major, &minor, &tail) != 2 || major > 0xffff ||
	    minor > 0xffff) {
		error_at(&sym->loc, "Could not parse %s", dt->desc);
		return -1;
	}
	value_set_u64(val, major << 16 | minor);
	return 0;
}

static void tchandle_print(const struct expr *val, FILE *f)
{
	uint32_t h = value_u64(val);

	if (h == 0xffffffffu)
		fputs("root", f);
	else if (h == 0)
		fputs("none", f);
	else
		fprintf(f, "%x:%x", h >> 16, h & 0xffff);
}

/* Durations: 1d2h3m4s5ms, kept in milliseconds. */
static int time_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	static const struct { const char *unit; uint64_t ms; } units[] = {
		{ "ms", 1 }, { "d", 86400000 }, { "h", 3600000 }, { "m", 60000 }, { "s", 1000 },
	};
	const char *p = sym->sym.text;
	uint64_t total = 0;
	unsigned int i;

	(void)dt;
	while (*p) {
		char *end;
		uint64_t n = strtoull(p, &end, 10);

		if (end == p)
			goto bad;
		p = end;
		for (i = 0; i < ARRAY_SIZE(units); i++) {
			size_t l = strlen(units[i].unit);

			if (!strncmp(p, units[i].unit, l)) {
				total += n * units[i].ms;
				p += l;
				break;
			}
		}
		if (i == ARRAY_SIZE(units)) {
			if (*p)
				goto bad;
			total += n * 1000;
		}
	}
	value_set_u64(val, total);
	return 0;
bad:
	error_at(&sym->loc, "wrong time format");
	return -1;
}

static void time_print(const struct expr *val, FILE *f)
{
	uint64_t ms = value_u64(val);
	uint64_t d = ms / 86400000, h = ms / 3600000 % 24, m = ms / 60000 % 60;
	uint64_t s = ms / 1000 % 60;

	ms %= 1000;
	if (d)
		fprintf(f, "%llud", (unsigned long long)d);
	if (h)
		fprintf(f, "%lluh", (unsigned long long)h);
	if (m)
		fprintf(f, "%llum", (unsigned long long)m);
	if (s)
		fprintf(f, "%llus", (unsigned long long)s);
	if (ms || !(d || h || m || s))
		fprintf(f, "%llums", (unsigned long long)ms);
}

/*
 * The time of a packet's reception (meta time, hour, day): the kernel's
 * clock, UTC; the language writes it in local time.
 */
#define SECONDS_PER_DAY 86400
#define NSEC_PER_SEC 1000000000ULL

/* How far local time is ahead of UTC now.  Hours of the day are in UTC
 * whatever the day, so the reference shifts them by today's offset,
 * summer time or not. */
static long local_offset_now(void)
{
	time_t now = time(NULL);
	struct tm tm;

	return localtime_r(&now, &tm) ? tm.tm_gmtoff : 0;
}

/* A whole number as strtoul() reads it (spaces and a sign before it,
 * wrapping): whether @text is one, "" being 0. */
static bool parse_wrapping_number(const char *text, uint64_t *out)
{
	char *end;

	*out = strtoull(text, &end, 10);
	return !*end;
}

/* Dates: "YYYY-MM-DD[ HH:MM[:SS]]" in local time, with anything after
 * what the longest of these forms takes ignored, or a number of seconds
 * since the epoch; kept in nanoseconds. */
static int date_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	static const char *const forms[] = {
		"%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d",
	};
	const char *text = sym->sym.text;
	struct tm tm, local;
	uint64_t seconds;
	time_t t;
	size_t i;

	(void)dt;
	if (*text && parse_wrapping_number(text, &seconds)) {
		value_set_u64(val, seconds * NSEC_PER_SEC);
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(forms); i++) {
		memset(&tm, 0, sizeof(tm));
		if (strptime(text, forms[i], &tm))
			break;
	}
	if (i == ARRAY_SIZE(forms)) {
		error_at(&sym->loc, "Cannot parse date");
		return -1;
	}
	/* the offset of local time at that moment read as UTC, as the
	 * reference takes it (a time skipped or repeated when the clocks
	 * change is resolved so) */
	t = timegm(&tm);
	if (localtime_r(&t, &local))
		t -= local.tm_gmtoff;
	value_set_u64(val, (uint64_t)t * NSEC_PER_SEC);
	return 0;
}

static void date_print(const struct expr *val, FILE *f)
{
	time_t t = value_u64(val) / NSEC_PER_SEC;
	char text[64] = "";
	struct tm tm;

	if (localtime_r(&t, &tm))
		strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(f, "\"%s\"", text);
}

/* Hours of the day: seconds since midnight UTC, written HH:MM[:SS] in
 * local time, or as a number of those seconds. */
static int hour_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	const char *text = sym->sym.text, *end;
	uint64_t seconds;
	struct tm tm;
	long since_midnight;

	(void)dt;
	if (parse_wrapping_number(text, &seconds)) {
		value_set_u64(val, seconds);
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	end = strptime(text, "%H:%M:%S", &tm);
	if (!end || *end) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(text, "%H:%M", &tm);
	}
	if (!end) {
		error_at(&sym->loc, "wrong time format");
		return -1;
	}
	if (*end) {
		/* the reference's message ends with a line of its own */
		error_at(&sym->loc, "Can't parse trailing input: \"%s\"\n", end);
		return -1;
	}
	since_midnight = (tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec - local_offset_now()) %
			 SECONDS_PER_DAY;
	if (since_midnight < 0)
		since_midnight += SECONDS_PER_DAY;
	value_set_u64(val, since_midnight);
	return 0;
}

static void hour_print(const struct expr *val, FILE *f)
{
	/* as the reference: an hour before the offset west of UTC takes it
	 * as a number of seconds below zero, wrapped ("1193041:28:16") */
	uint32_t seconds = ((long)value_u64(val) + local_offset_now()) % SECONDS_PER_DAY;

	fprintf(f, "\"%02u:%02u", seconds / 3600, seconds % 3600 / 60);
	if (seconds % 60)
		fprintf(f, ":%02u", seconds % 60);
	fputc('"', f);
}

/* Days of the week: Sunday is 0, as the kernel counts them. */
static int day_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	uint64_t x;

	if (parse_number(sym->sym.text, &x) < 0) {
		error_at(&sym->loc, "Could not parse %s", dt->desc);
		return -1;
	}
	if (x > 6) {
		error_at(&sym->loc, "Value %llu exceeds valid range 0-6", (unsigned long long)x);
		return -1;
	}
	value_set_u64(val, x);
	return 0;
}

#define T(n, d, o, sz, ...) { .name = n, .desc = d, .byteorder = o, .size = sz, __VA_ARGS__ }
/* a type of numbers, as most are */
#define TI(n, d, o, sz, ...) T(n, d, o, sz, .basetype = &integer_type, __VA_ARGS__)

/* what an expression not yet typed has */
const struct datatype invalid_type = T("invalid", "invalid", BYTEORDER_INVALID, 0);

const struct datatype integer_type = T("integer", "integer", BYTEORDER_HOST, 0,
				       .parse = integer_parse);
const struct datatype string_type = T("string", "string", BYTEORDER_HOST, 0,
				      .parse = string_parse, .print = string_print);
/* a bitmask of its own (comp flags) in hexadecimal, unpadded; JSON has
 * the number */
static void bitmask_print(const struct expr *val, FILE *f)
{
	fprintf(f, "0x%llx", (unsigned long long)value_u64(val));
}

/* the numbers of flags, and of link layer addresses: what their types
 * are made of */
const struct datatype bitmask_type = TI("bitmask", "bitmask", BYTEORDER_HOST, 0,
					.parse = integer_parse, .print = bitmask_print,
					.print_hex = true);
const struct datatype lladdr_type = TI("lladdr", "link layer address", BYTEORDER_BIG, 0,
				       .parse = integer_parse);
const struct datatype ifname_type = T("ifname", "network interface name", BYTEORDER_HOST,
				      128, .basetype = &string_type, .parse = string_parse,
				      .print = string_print);
const struct datatype ipv4_type = TI("ipv4_addr", "IPv4 address", BYTEORDER_BIG, 32,
				    .flags = TYPE_F_PREFIX, .parse = addr_parse,
				    .print = addr_print);
const struct datatype ipv6_type = TI("ipv6_addr", "IPv6 address", BYTEORDER_BIG, 128,
				    .flags = TYPE_F_PREFIX, .parse = addr_parse,
				    .print = addr_print);
const struct datatype ether_type_addr = T("ether_addr", "Ethernet address", BYTEORDER_BIG,
					  48, .basetype = &lladdr_type, .parse = etheraddr_parse,
					  .print = etheraddr_print);
const struct datatype inet_proto_type = TI("inet_proto", "Internet protocol", BYTEORDER_BIG,
					  8, .parse = proto_parse, .print = proto_print);
const struct datatype inet_service_type = TI("inet_service", "internet network service",
					    BYTEORDER_BIG, 16, .parse = service_parse);
/* marks, realms and groups list a range that is a prefix as one, as
 * addresses do */
const struct datatype mark_type = TI("mark", "packet mark", BYTEORDER_HOST, 32,
				    .flags = TYPE_F_PREFIX, .print_hex = true,
				    .parse = integer_parse);
const struct datatype ifindex_type = TI("iface_index", "network interface index",
				       BYTEORDER_HOST, 32, .parse = ifindex_parse,
				       .print = ifindex_print);
const struct datatype uid_type = TI("uid", "user ID", BYTEORDER_HOST, 32, .parse = uid_parse);
const struct datatype gid_type = TI("gid", "group ID", BYTEORDER_HOST, 32, .parse = uid_parse);
const struct datatype time_type = TI("time", "relative time", BYTEORDER_HOST, 32,
				    .parse = time_parse, .print = time_print);
const struct datatype date_type = TI("time", "Relative time of packet reception",
				    BYTEORDER_HOST, 64, .parse = date_parse, .print = date_print);
const struct datatype hour_type = TI("hour", "Hour of day of packet reception", BYTEORDER_HOST,
				    32, .parse = hour_parse, .print = hour_print);
static const struct symbolic_constant day_symbols[] = {
	{ "Sunday", 0 }, { "Monday", 1 }, { "Tuesday", 2 }, { "Wednesday", 3 },
	{ "Thursday", 4 }, { "Friday", 5 }, { "Saturday", 6 }, { NULL, 0 },
};
const struct datatype day_type = TI("day", "Day of week of packet reception", BYTEORDER_HOST, 8,
				   .flags = TYPE_F_QUOTED, .symbols = day_symbols,
				   .parse = day_parse);
const struct datatype tc_handle_type = TI("classid", "TC classid", BYTEORDER_HOST, 32,
					 .parse = tchandle_parse, .print = tchandle_print);
const struct datatype realm_type = TI("realm", "routing realm", BYTEORDER_HOST, 32,
				     .flags = TYPE_F_PREFIX, .parse = realm_parse,
				     .print = realm_print);
const struct datatype devgroup_type = TI("devgroup", "devgroup name", BYTEORDER_HOST, 32,
					.flags = TYPE_F_PREFIX, .parse = devgroup_parse,
					.print = devgroup_print);
/*
 * Conntrack labels: a bit each, by number or by the name
 * /etc/connlabel.conf gives it ("NUMBER NAME" lines).  A label's bit sits
 * in the 128-bit host-order value as the kernel keeps it.
 */
#define CONNLABEL_CONF "/etc/connlabel.conf"
#define CT_LABEL_BITS 128

/* The label named @name (by -1) or numbered @bit (to *name, owned). */
static int connlabel_lookup(const char *name, unsigned int bit, char **found)
{
	FILE *conf = fopen(CONNLABEL_CONF, "re");
	char line[256], label[128];
	unsigned int n;
	int ret = -1;

	if (!conf)
		return -1;
	while (fgets(line, sizeof(line), conf)) {
		if (sscanf(line, "%u %127s", &n, label) != 2 || label[0] == '#')
			continue;
		if (name ? !strcmp(name, label) : n == bit) {
			if (found)
				*found = xstrdup(label);
			ret = n;
			break;
		}
	}
	fclose(conf);
	return ret;
}

static int ct_label_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	uint64_t bit;
	int named;

	(void)dt;
	if (parse_number(sym->sym.text, &bit) < 0) {
		named = connlabel_lookup(sym->sym.text, 0, NULL);
		if (named < 0) {
			error_at(&sym->loc, "%s: could not parse conntrack label \"%s\"",
				 CONNLABEL_CONF, sym->sym.text);
			return -1;
		}
		bit = named;
	}
	if (bit >= CT_LABEL_BITS) {
		error_at(&sym->loc, "%s: bit %llu out of range (%u max)", sym->sym.text,
			 (unsigned long long)bit, CT_LABEL_BITS);
		return -1;
	}
	memset(val->value.data, 0, CT_LABEL_BITS / 8);
	val->value.data[bit / 8] = 1 << (bit % 8);
	return 0;
}

static void ct_label_print(const struct expr *val, FILE *f)
{
	const char *sep = "";
	unsigned int bit;
	char *name;

	for (bit = 0; bit < CT_LABEL_BITS; bit++) {
		if (!(val->value.data[bit / 8] & (1 << (bit % 8))))
			continue;
		if (connlabel_lookup(NULL, bit, &name) >= 0) {
			fprintf(f, "%s%s", sep, name);
			free(name);
		} else {
			fprintf(f, "%s%u", sep, bit);
		}
		sep = ",";
	}
}

const struct datatype ct_label_type = T("ct_label", "conntrack label", BYTEORDER_HOST,
					CT_LABEL_BITS, .basetype = &bitmask_type,
					.flags = TYPE_F_FLAGS, .parse = ct_label_parse,
					.print = ct_label_print);

/* what `fib ... oif exists` and `tcp option ... missing` compare with */
static const struct symbolic_constant boolean_symbols[] = {
	{ "exists", 1 }, { "missing", 0 }, { NULL, 0 },
};
const struct datatype boolean_type = TI("boolean", "boolean type", BYTEORDER_HOST, 1,
				       .symbols = boolean_symbols, .parse = integer_parse);

/* flags are numbers of a bitmask, the others plain numbers */
#define SYMTYPE_OF(var, n, d, o, sz, fl, hex, ...)                                        \
	static const struct symbolic_constant var##_symbols[] = { __VA_ARGS__, { NULL, 0 } }; \
	const struct datatype var = T(n, d, o, sz, .flags = fl, .symbols = var##_symbols,   \
				      .basetype = (fl) & TYPE_F_FLAGS ? &bitmask_type :    \
								&integer_type,     \
				      .parse = integer_parse, .print_hex = hex)
#define SYMTYPE(var, n, d, o, sz, fl, ...) SYMTYPE_OF(var, n, d, o, sz, fl, false, __VA_ARGS__)
/* a value without a name, and every value with -n, in hexadecimal */
#define SYMTYPE_HEX(var, n, d, o, sz, fl, ...) SYMTYPE_OF(var, n, d, o, sz, fl, true, __VA_ARGS__)

SYMTYPE(nfproto_type, "nf_proto", "netfilter protocol", BYTEORDER_HOST, 8, 0,
	{ "ipv4", 2 }, { "ipv6", 10 });
SYMTYPE_HEX(ethertype_type, "ether_type", "Ethernet protocol", BYTEORDER_BIG, 16,
	TYPE_F_HEX_SYMBOLS,
	{ "ip", 0x0800 }, { "arp", 0x0806 }, { "ip6", 0x86dd }, { "8021q", 0x8100 },
	{ "8021ad", 0x88a8 }, { "vlan", 0x8100 });
SYMTYPE(pkttype_type, "pkt_type", "packet type", BYTEORDER_HOST, 8, 0,
	{ "host", 0 }, { "unicast", 0 }, { "broadcast", 1 }, { "multicast", 2 }, { "other", 3 });
SYMTYPE(iftype_type, "iface_type", "network interface type", BYTEORDER_HOST, 16, TYPE_F_HEX_SYMBOLS,
	{ "ether", 1 }, { "ppp", 512 }, { "ipip", 768 }, { "ipip6", 769 },
	{ "loopback", 772 }, { "sit", 776 }, { "ipgre", 778 });
SYMTYPE(ct_state_type, "ct_state", "conntrack state", BYTEORDER_HOST, 32,
	TYPE_F_FLAGS | TYPE_F_HEX_SYMBOLS,
	{ "invalid", 1 }, { "new", 8 }, { "established", 2 }, { "related", 4 },
	{ "untracked", 64 });
SYMTYPE(ct_status_type, "ct_status", "conntrack status", BYTEORDER_HOST, 32,
	TYPE_F_FLAGS | TYPE_F_HEX_SYMBOLS,
	{ "expected", 1 }, { "seen-reply", 2 }, { "assured", 4 }, { "confirmed", 8 },
	{ "snat", 16 }, { "dnat", 32 }, { "dying", 512 });
SYMTYPE(ct_event_type, "ct_event", "conntrack event bits", BYTEORDER_HOST, 32,
	TYPE_F_FLAGS | TYPE_F_HEX_SYMBOLS,
	{ "new", 1 }, { "related", 2 }, { "destroy", 4 }, { "reply", 8 }, { "assured", 16 },
	{ "protoinfo", 32 }, { "helper", 64 }, { "mark", 128 }, { "seqadj", 256 },
	{ "secmark", 512 }, { "label", 1024 });
SYMTYPE(ct_dir_type, "ct_dir", "conntrack direction", BYTEORDER_HOST, 8, 0,
	{ "original", 0 }, { "reply", 1 });
SYMTYPE(tcp_flag_type, "tcp_flag", "TCP flag", BYTEORDER_BIG, 8, TYPE_F_FLAGS | TYPE_F_HEX_SYMBOLS,
	{ "fin", 1 }, { "syn", 2 }, { "rst", 4 }, { "psh", 8 }, { "ack", 16 }, { "urg", 32 },
	{ "ecn", 64 }, { "cwr", 128 });
SYMTYPE(icmp_type_type, "icmp_type", "ICMP type", BYTEORDER_BIG, 8, 0,
	{ "echo-reply", 0 }, { "destination-unreachable", 3 }, { "source-quench", 4 },
	{ "redirect", 5 }, { "echo-request", 8 }, { "router-advertisement", 9 },
	{ "router-solicitation", 10 }, { "time-exceeded", 11 }, { "parameter-problem", 12 },
	{ "timestamp-request", 13 }, { "timestamp-reply", 14 }, { "info-request", 15 },
	{ "info-reply", 16 }, { "address-mask-request", 17 }, { "address-mask-reply", 18 });
SYMTYPE(icmp_code_type, "icmp_code", "icmp code", BYTEORDER_BIG, 8, 0,
	{ "net-unreachable", 0 }, { "host-unreachable", 1 }, { "prot-unreachable", 2 },
	{ "port-unreachable", 3 }, { "net-prohibited", 9 }, { "host-prohibited", 10 },
	{ "admin-prohibited", 13 }, { "frag-needed", 4 });
SYMTYPE(icmpv6_type_type, "icmpv6_type", "ICMPv6 type", BYTEORDER_BIG, 8, 0,
	{ "destination-unreachable", 1 }, { "packet-too-big", 2 }, { "time-exceeded", 3 },
	{ "parameter-problem", 4 }, { "echo-request", 128 }, { "echo-reply", 129 },
	{ "mld-listener-query", 130 }, { "mld-listener-report", 131 },
	{ "mld-listener-done", 132 }, { "mld-listener-reduction", 132 },
	{ "nd-router-solicit", 133 }, { "nd-router-advert", 134 },
	{ "nd-neighbor-solicit", 135 }, { "nd-neighbor-advert", 136 }, { "nd-redirect", 137 },
	{ "router-renumbering", 138 }, { "ind-neighbor-solicit", 141 },
	{ "ind-neighbor-advert", 142 }, { "mld2-listener-report", 143 });
SYMTYPE(icmpv6_code_type, "icmpv6_code", "icmpv6 code", BYTEORDER_BIG, 8, 0,
	{ "no-route", 0 }, { "admin-prohibited", 1 }, { "addr-unreachable", 3 },
	{ "port-unreachable", 4 }, { "policy-fail", 5 }, { "reject-route", 6 });
SYMTYPE(icmpx_code_type, "icmpx_code", "icmpx code", BYTEORDER_BIG, 8, 0,
	{ "port-unreachable", 1 }, { "admin-prohibited", 3 }, { "no-route", 0 },
	{ "host-unreachable", 2 });
SYMTYPE_HEX(dscp_type, "dscp", "Differentiated Services Code Point", BYTEORDER_BIG, 6,
	TYPE_F_HEX_SYMBOLS,
	{ "cs0", 0 }, { "cs1", 8 }, { "cs2", 16 }, { "cs3", 24 }, { "cs4", 32 }, { "cs5", 40 },
	{ "cs6", 48 }, { "cs7", 56 }, { "df", 0 }, { "be", 0 }, { "lephb", 1 }, { "af11", 10 },
	{ "af12", 12 }, { "af13", 14 }, { "af21", 18 }, { "af22", 20 }, { "af23", 22 },
	{ "af31", 26 }, { "af32", 28 }, { "af33", 30 }, { "af41", 34 }, { "af42", 36 },
	{ "af43", 38 }, { "va", 44 }, { "ef", 46 });
SYMTYPE_HEX(ecn_type, "ecn", "Explicit Congestion Notification", BYTEORDER_BIG, 2,
	TYPE_F_HEX_SYMBOLS,
	{ "not-ect", 0 }, { "ect1", 1 }, { "ect0", 2 }, { "ce", 3 });
SYMTYPE(arpop_type, "arp_op", "ARP operation", BYTEORDER_BIG, 16, TYPE_F_HEX_SYMBOLS,
	{ "request", 1 }, { "reply", 2 }, { "rrequest", 3 }, { "rreply", 4 },
	{ "inrequest", 8 }, { "inreply", 9 }, { "nak", 10 });
SYMTYPE(dccp_pkttype_type, "dccp_pkttype", "DCCP packet type", BYTEORDER_BIG, 4,
	TYPE_F_HEX_SYMBOLS,
	{ "request", 0 }, { "response", 1 }, { "data", 2 }, { "ack", 3 }, { "dataack", 4 },
	{ "closereq", 5 }, { "close", 6 }, { "reset", 7 }, { "sync", 8 }, { "syncack", 9 });
SYMTYPE(igmp_type_type, "igmp_type", "IGMP type", BYTEORDER_BIG, 8, 0,
	{ "membership-query", 0x11 }, { "membership-report-v1", 0x12 },
	{ "membership-report-v2", 0x16 }, { "membership-report-v3", 0x22 },
	{ "leave-group", 0x17 });
SYMTYPE(fib_addrtype_type, "fib_addrtype", "fib address type", BYTEORDER_HOST, 32, 0,
	{ "unspec", 0 }, { "unicast", 1 }, { "local", 2 }, { "broadcast", 3 },
	{ "anycast", 4 }, { "multicast", 5 }, { "blackhole", 6 }, { "unreachable", 7 },
	{ "prohibit", 8 });
SYMTYPE(level_type, "log_level", "log level", BYTEORDER_HOST, 32, 0,
	{ "emerg", 0 }, { "alert", 1 }, { "crit", 2 }, { "err", 3 }, { "warn", 4 },
	{ "notice", 5 }, { "info", 6 }, { "debug", 7 }, { "audit", 8 });

/* ---- Values ---------------------------------------------------------------- */

bool is_string_type(const struct datatype *dt)
{
	return dt == &ifname_type || dt == &string_type;
}

unsigned int expr_bytes(const struct expr *e)
{
	return (e->len + 7) / 8;
}

uint64_t value_u64(const struct expr *v)
{
	unsigned int n = expr_bytes(v), i;
	uint64_t x = 0;

	if (n > 8)
		n = 8;
	if (v->byteorder == BYTEORDER_BIG) {
		for (i = 0; i < n; i++)
			x = x << 8 | v->value.data[i];
	} else {
		for (i = n; i-- > 0;)
			x = x << 8 | v->value.data[i];
	}
	return x;
}

void value_set_u64(struct expr *v, uint64_t x)
{
	unsigned int n = expr_bytes(v), i;

	memset(v->value.data, 0, sizeof(v->value.data));
	if (n > 8)
		n = 8;
	for (i = 0; i < n; i++) {
		if (v->byteorder == BYTEORDER_BIG)
			v->value.data[n - 1 - i] = x >> (8 * i);
		else
			v->value.data[i] = x >> (8 * i);
	}
}

struct expr *value_new(const struct location *loc, const struct datatype *dt,
		       enum byteorder order, unsigned int len_bits)
{
	struct expr *v = expr_new(EXPR_VALUE, loc);

	v->dtype = dt;
	v->byteorder = order;
	v->len = len_bits;
	return v;
}

static const struct symbolic_constant *symbol_by_value(const struct datatype *dt, uint64_t x)
{
	const struct symbolic_constant *s;

	for (s = dt->symbols; s && s->name; s++)
		if (s->value == x)
			return s;
	return NULL;
}

const char *symbol_name(const struct datatype *dt, uint64_t x)
{
	const struct symbolic_constant *s = symbol_by_value(dt, x);

	return s ? s->name : NULL;
}

/* bit by bit, from the lowest, as the reference lists them: its tables
 * are in an order of their own (ct state's new comes second) */
void print_flag_names(const struct expr *v, const char *sep, FILE *f)
{
	uint64_t x = value_u64(v), unnamed = 0, bit;
	const char *between = "", *name;

	for (bit = 1; bit && bit <= x; bit <<= 1) {
		if (!(x & bit))
			continue;
		if (!(name = symbol_name(v->dtype, bit))) {
			unnamed |= bit;
			continue;
		}
		fprintf(f, "%s%s", between, name);
		between = sep;
	}
	if (unnamed)
		fprintf(f, "%s0x%llx", between, (unsigned long long)unnamed);
}

/* The name of the host at address @v (of ipv4_addr or ipv6_addr) into
 * @buf, or NULL when it has none. */
static const char *host_name(const struct expr *v, char *buf, size_t len)
{
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6 };
	struct sockaddr_in sin = { .sin_family = AF_INET };
	struct sockaddr *sa = (struct sockaddr *)&sin;
	socklen_t salen = sizeof(sin);

	if (v->dtype == &ipv4_type) {
		memcpy(&sin.sin_addr, v->value.data, sizeof(sin.sin_addr));
	} else {
		memcpy(&sin6.sin6_addr, v->value.data, sizeof(sin6.sin6_addr));
		sa = (struct sockaddr *)&sin6;
		salen = sizeof(sin6);
	}
	return getnameinfo(sa, salen, buf, len, NULL, 0, NI_NAMEREQD) ? NULL : buf;
}

const char *value_name(const struct nft_ctx *ctx, const struct expr *v, char *buf, size_t len,
		       bool *quoted)
{
	const struct datatype *dt = v->dtype;
	struct passwd *pw;
	struct group *gr;

	if (v->kind != EXPR_VALUE)
		return NULL;
	*quoted = true;
	if (ctx->service_names && dt == &inet_service_type)
		return service_name(value_u64(v));
	if (ctx->user_names && dt == &uid_type)
		return (pw = getpwuid(value_u64(v))) ? pw->pw_name : NULL;
	if (ctx->user_names && dt == &gid_type)
		return (gr = getgrgid(value_u64(v))) ? gr->gr_name : NULL;
	*quoted = false;
	if (ctx->reverse_dns && (dt == &ipv4_type || dt == &ipv6_type))
		return host_name(v, buf, len);
	return NULL;
}

void print_value(struct nft_ctx *ctx, const struct expr *v, FILE *f)
{
	const struct datatype *dt = v->dtype;
	const struct symbolic_constant *s;
	uint64_t x = value_u64(v);
	char buf[NI_MAXHOST];
	const char *name;
	bool quoted;

	if ((name = value_name(ctx, v, buf, sizeof(buf), &quoted))) {
		fprintf(f, quoted ? "\"%s\"" : "%s", name);
		return;
	}

	/* -n: flags by their bits, 0x2,0x10 */
	if (ctx->numeric && dt->symbols && dt->flags & TYPE_F_FLAGS) {
		uint64_t bit;
		const char *sep = "";

		if (!x)
			fputs("0x0", f);
		for (bit = 1; bit && bit <= x; bit <<= 1) {
			if (x & bit) {
				fprintf(f, "%s0x%llx", sep, (unsigned long long)bit);
				sep = ",";
			}
		}
		return;
	}
	if (ctx->numeric && dt->symbols) {
		integer_print(v, f);
		return;
	}
	if (dt->flags & TYPE_F_FLAGS && dt->symbols && x) {
		print_flag_names(v, ",", f);
		return;
	}
	if (dt->symbols && (s = symbol_by_value(dt, x))) {
		fprintf(f, dt->flags & TYPE_F_QUOTED ? "\"%s\"" : "%s", s->name);
		return;
	}
	if (dt->symbols && dt->flags & TYPE_F_FLAGS) {
		fprintf(f, "0x%llx", (unsigned long long)x);
		return;
	}
	/* -T writes a time in whole seconds */
	if (ctx->numeric_time && dt == &time_type) {
		fprintf(f, "%llus", (unsigned long long)x / 1000);
		return;
	}
	if (dt->symbols) {
		integer_print(v, f);
		return;
	}
	/* interfaces go by name even with -n, groups and realms not */
	if (dt->print && !(ctx->numeric_proto && dt == &inet_proto_type) &&
	    !(ctx->numeric && (dt == &devgroup_type || dt == &realm_type))) {
		dt->print(v, f);
		return;
	}
	integer_print(v, f);
}

/* Resolve a symbol against @dt's symbols or its parser into @val. */
int datatype_parse(const struct datatype *dt, struct expr *sym, struct expr *val)
{
	const struct symbolic_constant *s;

	/* quoted or not, as the reference: ct state "established" */
	for (s = dt->symbols; s && s->name; s++) {
		if (!strcmp(s->name, sym->sym.text)) {
			value_set_u64(val, s->value);
			return 0;
		}
	}
	return dt->parse(dt, sym, val);
}
