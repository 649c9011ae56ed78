/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What `ip xfrm state`, `policy` and `monitor` share: the NETLINK_XFRM
 * socket, the parsers of the pieces both objects take on the command line
 * (ids, selectors, limits, marks, templates) and the printers of what the
 * kernel sends back about them.
 */
#ifndef NLKIT_IP_XFRM_COMMON_H
#define NLKIT_IP_XFRM_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <netinet/in.h>
#include <linux/xfrm.h>

#include <nlkit/attr.h>

/*
 * Netlink aligns messages to 4 bytes only, and these headers hold 64-bit
 * members: read them in place through types aligned to 4 (a typedef may
 * lower alignment), never through the 8-aligned structs.
 */
typedef struct xfrm_usersa_info xfrm_usersa_info_nl __attribute__((aligned(4)));
typedef struct xfrm_userpolicy_info xfrm_userpolicy_info_nl __attribute__((aligned(4)));
typedef struct xfrm_user_expire xfrm_user_expire_nl __attribute__((aligned(4)));
typedef struct xfrm_user_polexpire xfrm_user_polexpire_nl __attribute__((aligned(4)));
typedef struct xfrm_user_acquire xfrm_user_acquire_nl __attribute__((aligned(4)));
typedef struct xfrm_lifetime_cfg xfrm_lifetime_cfg_nl __attribute__((aligned(4)));
typedef struct xfrm_lifetime_cur xfrm_lifetime_cur_nl __attribute__((aligned(4)));

struct nl_sock;
struct nlattr;
struct nlmsghdr;

/*
 * The command line as parsers walk it.  A parser that meets a word that
 * is not its own leaves the cursor on it, for the caller to read.
 */
struct xfrm_args {
	int argc;
	char **argv;
};

/* The word under the cursor, or NULL at the end. */
const char *xa_word(const struct xfrm_args *a);
/* Step past the current word. */
void xa_skip(struct xfrm_args *a);
/* Step to the next word and return it; fail as the reference when there is none. */
const char *xa_value(struct xfrm_args *a);
/* Whether the current word is @kw. */
bool xa_is(const struct xfrm_args *a, const char *kw);

/* The NETLINK_XFRM socket of this run, opened on first use. */
struct nl_sock *xfrm_sock(void);

/*
 * xfrm_fail_nl - report a failed exchange on the xfrm socket as the
 * reference does ("Error: EXTACK." or "RTNETLINK answers: ...") and
 * return its exit status, 2.
 */
int xfrm_fail_nl(int err);

/* Fail with "MSG" alone on stderr and status 1, as the reference's checks do. */
void xfrm_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/*
 * One dump of states or policies, filtered on our side (the kernel has
 * no filter for them), as list and deleteall walk it.
 */
struct xfrm_dump {
	uint16_t get_type;	/* XFRM_MSG_GETSA or XFRM_MSG_GETPOLICY */
	uint16_t obj_type;	/* what each object comes as: NEWSA or NEWPOLICY */
	size_t obj_len;		/* the object's header, before its attributes */
	/* Whether @obj passes the command line's filter @filter. */
	bool (*match)(const void *obj, const struct nlattr **tb, const void *filter);
	const void *filter;
};

/* xfrm_dump_list - print with @print each object that passes; the exit status. */
int xfrm_dump_list(const struct xfrm_dump *d,
		   void (*print)(const void *obj, const struct nlattr **tb, const void *filter));

/*
 * xfrm_dump_deleteall - delete each object that passes, through the
 * pipelined sender: @delete_req writes the request that deletes @obj
 * into @req.  Returns the exit status.
 */
int xfrm_dump_deleteall(const struct xfrm_dump *d,
			void (*delete_req)(struct nlmsghdr *req, const void *obj,
					   const struct nlattr **tb));

/* The infinite limit of the kernel's xfrm_lifetime_cfg_nl. */
#define XFRM_LIMIT_INF (~0ULL)

/* Parsers.  Each fails the run with the reference's words on bad input. */

/* An XFRM-PROTO word: esp, ah, comp, route2, hao; false otherwise. */
bool xfrm_proto_parse(const char *word, uint8_t *proto);
/* A MODE word: transport, tunnel, ro, in_trigger, beet. */
bool xfrm_mode_parse(const char *word, uint8_t *mode);
/* A DIR word: in, out, fwd. */
bool xfrm_dir_parse(const char *word, uint8_t *dir);

/*
 * xfrm_id_parse - ID := [ src ADDR ] [ dst ADDR ] [ proto XFRM-PROTO ] [ spi SPI ]
 * @saddr: where src goes; @family: set from the addresses (kept when none)
 */
void xfrm_id_parse(struct xfrm_args *a, xfrm_address_t *saddr, struct xfrm_id *id,
		   uint16_t *family);

/* What a SELECTOR on the command line named, for filters. */
#define XSEL_SRC	0x01
#define XSEL_DST	0x02
#define XSEL_DEV	0x04
#define XSEL_PROTO	0x08
#define XSEL_SPORT	0x10	/* sport, type, or a GRE key's high half */
#define XSEL_DPORT	0x20	/* dport, code, or a GRE key's low half */

/*
 * xfrm_selector_parse - SELECTOR: src, dst, dev and UPSPEC words, as many
 * as follow.  The family comes from the addresses, else from -f.
 * Returns the XSEL_* bits of what was given.
 */
unsigned int xfrm_selector_parse(struct xfrm_args *a, struct xfrm_selector *sel);

/* xfrm_limit_parse - the LIMIT after "limit" (the cursor is on "limit"). */
void xfrm_limit_parse(struct xfrm_args *a, xfrm_lifetime_cfg_nl *lft);

/* The infinite limits a new state or policy starts from. */
void xfrm_lifetime_init(xfrm_lifetime_cfg_nl *lft);

/* xfrm_mark_parse - MARK [ mask MASK ] after "mark" (the cursor is on "mark"). */
void xfrm_mark_parse(struct xfrm_args *a, struct xfrm_mark *mark);

/* xfrm_tmpl_parse - TMPL after "tmpl" (the cursor is on "tmpl"). */
void xfrm_tmpl_parse(struct xfrm_args *a, struct xfrm_user_tmpl *tmpl);

/* @names[@v] when there is one, else @v in decimal, written to @buf. */
const char *name_or_num(const char *const *names, size_t count, unsigned int v, char *buf,
			size_t len);

/* The SHARE name of a state or template: any, session, user, unique. */
const char *xfrm_share_name(uint8_t share, char *buf, size_t len);


/*
 * xfrm_ctx_put - the security context CTX as the kernel takes it: the
 * header, then the text with its NUL.
 */
void xfrm_ctx_put(struct nlmsghdr *nlh, const char *ctx);

/* The XFRM-PROTO name of @proto, or its number written to @buf. */
const char *xfrm_proto_name(uint8_t proto, char *buf, size_t len);

/* A u32 argument of a keyword, with the reference's "MSG" on failure. */
uint32_t xfrm_u32_arg(const char *word, const char *msg);

/* Printers: one call per field, text as the reference and JSON (print.h). */

/* Text of an address of @family; "::" style for IPv6, dotted for IPv4. */
const char *xfrm_addr_format(uint16_t family, const xfrm_address_t *a, char *buf, size_t len);

/* The attribute policy of everything the kernel sends about states and policies. */
extern const struct nl_attr_policy xfrma_policy[XFRMA_MAX + 1];

/*
 * xfrm_selector_print - "src A/P dst A/P [proto ...] [dev D] [uid U]"
 * and the line break; @family stands in for an AF_UNSPEC selector.
 */
void xfrm_selector_print(const struct xfrm_selector *sel, uint16_t family);

/* xfrm_lifetime_print - the -s block of limits and current use. */
void xfrm_lifetime_print(const xfrm_lifetime_cfg_nl *lft, const xfrm_lifetime_cur_nl *cur);

/*
 * xfrm_id_print - "src A dst B" and, on the next line after @indent,
 * "proto P spi S reqid R mode M"; @force_spi prints a zero SPI too.
 */
void xfrm_id_print(const xfrm_address_t *saddr, const struct xfrm_id *id, uint8_t mode,
		   uint32_t reqid, uint16_t family, bool force_spi, const char *indent);

/*
 * xfrm_attrs_print - the attributes states and policies share: mark,
 * algorithms, encapsulation, templates, care-of address, last use,
 * offload, output mark, interface id and TFC padding.
 */
void xfrm_attrs_print(const struct nlattr **tb, uint16_t family, bool nokeys);

/* xfrm_sec_ctx_print - "security context CTX" when the kernel sent one. */
void xfrm_sec_ctx_print(const struct nlattr **tb);

/* The flag words of a bit set, as the reference prints them. */
struct xfrm_flag_name {
	uint32_t bit;
	const char *name;
};

/*
 * xfrm_flag_list_parse - a FLAG-LIST after "flag" or "extra-flag" (the
 * cursor is on it): one "0x.." number up to @max for all the bits, or a
 * run of @names added to @flags (the word may come again).  The cursor
 * is left on the last word taken.
 */
uint32_t xfrm_flag_list_parse(struct xfrm_args *a, const struct xfrm_flag_name *names,
			      size_t count, uint32_t max, uint32_t flags);

/*
 * xfrm_flags_print - @label ("flag ") and the names of the bits set, the
 * unnamed rest in hex, as a JSON array under @key; with @bits the low
 * eight bits follow as " (0xBITS)", in binary ("flag_bits" in JSON).
 * Nothing when no bit is set, unless @always.
 */
void xfrm_flags_print(const char *key, const char *label, uint32_t flags,
		      const struct xfrm_flag_name *names, size_t count, bool always, bool bits);
/* xfrm_flag_bits_print - the " (0xBITS)" that xfrm_flags_print adds. */
void xfrm_flag_bits_print(uint32_t flags);

/* The objects of `ip xfrm`; each returns the exit status of its command. */
int do_xfrm_state(int argc, char **argv);
int do_xfrm_policy(int argc, char **argv);
int do_xfrm_monitor(int argc, char **argv);

/*
 * Whole records, shared with the monitor: @title ("Updated", "Deleted",
 * ...) leads the record, as the JSON member "event"; NULL for none.
 */
void xfrm_policy_print(const xfrm_userpolicy_info_nl *pi, const struct nlattr **tb,
		       const char *title);
void xfrm_state_print(const xfrm_usersa_info_nl *si, const struct nlattr **tb,
		      const char *title, bool nokeys);
/* The same, inside a JSON object the caller opened, for it to add to (an expiry's "hard"). */
void xfrm_policy_print_fields(const xfrm_userpolicy_info_nl *pi, const struct nlattr **tb,
			      const char *title);
void xfrm_state_print_fields(const xfrm_usersa_info_nl *si, const struct nlattr **tb,
			     const char *title, bool nokeys);
void xfrm_default_print(const struct xfrm_userpolicy_default *d);

#endif
