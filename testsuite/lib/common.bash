# shellcheck shell=bash
#
# Helpers shared by the nlkit bats tests; every test file starts with
#
#   load lib/common
#
# Each test runs in a fresh, empty network namespace of its own, made by the
# default setup() and removed by the default teardown() below.  A file that
# needs its own setup()/teardown() calls nlkit_setup/nlkit_teardown from them.
#
#   ns CMD [ARG...]           run a program in the test's namespace
#   ref [ARG...]              the reference ip, in the test's namespace
#   ours [ARG...]             our ip, in the test's namespace
#   diff_ip [ARG...]          ours and the reference must print the same
#   diff_cmd [--json|--text] OURS REF [ARG...]  the same, for any pair of
#                             programs
#   diff_link_details [--no-pretty] DEV...  diff_ip -d link show of each
#                             device, in text and JSON
#   diff_fails [ARG...]       ours and the reference must fail alike and change
#                             nothing (that the file's snapshot shows)
#   wire_ip [OPTION...] [ARG...]          ours and the reference must send
#   wire_cmd [OPTION...] OURS REF [ARG...]  the same netlink requests
#   sniff FILE CMD [ARG...]   run CMD in the test's namespace, recording the
#                             netlink messages it sends into FILE
#   sniff_dump [OPTION...] FILE   print a recording as readable blocks
#   unit NAME [CASE]          run a C unit test program (testsuite/unit)
#   have_link_kind KIND [ARG...]     whether the kernel can make KIND links
#   require_link_kind KIND [ARG...]  skip the test when it cannot
#   nlkit_netns_start VAR     make one more namespace for the test (e.g. to
#                             move a link into), the pid holding it in VAR;
#                             teardown ends it with the test's own
#   wait_receiving PID        until a monitor started in the background
#                             listens
#
# What they test comes from the environment, as `make check` sets it; the
# defaults suit a tree built with a plain `make`.

# Lets tests use `run`'s flags (run -1, run !, run --separate-stderr).
bats_require_minimum_version 1.5.0

NLKIT_TOP=${NLKIT_TOP:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
NLKIT_BUILD=${NLKIT_BUILD:-$NLKIT_TOP/build/default}
NLKIT_IP=${NLKIT_IP:-$NLKIT_BUILD/ip/ip}
NLKIT_SNIFF=${NLKIT_SNIFF:-$NLKIT_BUILD/testsuite/tools/nlsniff.so}
NLKIT_RUNSTAT=${NLKIT_RUNSTAT:-$NLKIT_BUILD/testsuite/tools/runstat}
NLKIT_REF_IP=${NLKIT_REF_IP:-/usr/sbin/ip}
# A sanitized build run under a preloading tool (stdbuf, the sniff shim)
# would refuse to start because ASan's runtime is not first in line.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
# Seconds a compared command may run before it counts as hung.
NLKIT_CMD_TIMEOUT=${NLKIT_CMD_TIMEOUT:-60}

# The pid of the process that holds the test's namespace, and of every
# namespace-holding process the test started (teardown ends them all).
NLKIT_NS_PID=
NLKIT_NS_PIDS=()

# nlkit_netns_start VAR: start a process in a new, empty network namespace
# and store its pid in VAR.
nlkit_netns_start() {
	local pid tries netns self_netns

	# bats waits for every process that holds its TAP channel (fd 3) open.
	unshare -n sleep infinity </dev/null >/dev/null 2>&1 3>&- &
	pid=$!
	NLKIT_NS_PIDS+=("$pid")
	self_netns=$(readlink /proc/self/ns/net)
	# The background process enters its new namespace a moment after it
	# starts; until then it is in ours, and so would be what ns runs.
	for ((tries = 0; tries < 500; tries++)); do
		netns=$(readlink "/proc/$pid/ns/net" 2>/dev/null) || netns=
		if [ -z "$netns" ]; then
			echo "nlkit: cannot make a network namespace:" \
				"$(unshare -n true 2>&1)" >&2
			return 1
		fi
		if [ "$netns" != "$self_netns" ]; then
			printf -v "$1" %s "$pid"
			return 0
		fi
		sleep 0.01
	done
	echo "nlkit: process $pid never entered its network namespace" >&2
	return 1
}

# nlkit_netns_stop PID: end a process started by nlkit_netns_start, and with
# it (unless something else still holds it) its namespace.  Never fails: the
# process may be gone already.
nlkit_netns_stop() {
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

nlkit_setup() {
	nlkit_netns_start NLKIT_NS_PID
}

nlkit_teardown() {
	local pid

	for pid in "${NLKIT_NS_PIDS[@]}"; do
		nlkit_netns_stop "$pid"
	done
	NLKIT_NS_PIDS=()
	NLKIT_NS_PID=
}

setup() {
	nlkit_setup
}

teardown() {
	nlkit_teardown
}

# ns CMD [ARG...]: run the program CMD (not a shell function) in the test's
# namespace.
ns() {
	if [ -z "$NLKIT_NS_PID" ]; then
		echo "ns: no test namespace (does the file's setup call nlkit_setup?)" >&2
		return 1
	fi
	nsenter --net="/proc/$NLKIT_NS_PID/ns/net" -- "$@"
}

ref() {
	ns "$NLKIT_REF_IP" "$@"
}

ours() {
	ns "$NLKIT_IP" "$@"
}

# nlkit_wants_json [ARG...]: whether the arguments ask for JSON output: -j,
# -js, -json (ip takes any abbreviation, with one dash or two).
nlkit_wants_json() {
	local arg

	for arg; do
		[[ $arg =~ ^--?j(s(on?)?)?$ ]] && return 0
	done
	return 1
}

# nlkit_input DIR: the file every run of a comparison reads on its stdin:
# the regular file on the caller's (diff_ip ARG... <FILE), copied into DIR so
# that each run reads it from its start; /dev/null for anything else (a
# terminal, a pipe), which the first run would take from the others.
nlkit_input() {
	if [ -f /dev/stdin ]; then
		cp /dev/stdin "$1/stdin"
		echo "$1/stdin"
	else
		echo /dev/null
	fi
}

# nlkit_capture DIR INPUT CMD [ARG...]: run CMD in the test's namespace,
# reading the file INPUT, keeping its stdout, stderr and exit status in
# DIR/out, DIR/err and DIR/status.
nlkit_capture() {
	local dir=$1 input=$2 status=0
	shift 2

	mkdir -p "$dir"
	ns timeout -k 5 "$NLKIT_CMD_TIMEOUT" "$@" <"$input" >"$dir/out" 2>"$dir/err" ||
		status=$?
	echo "$status" >"$dir/status"
}

# nlkit_same_results DIR JSON: whether DIR/ours and DIR/ref hold the same
# results (and, when JSON is not empty, valid JSON on stdout).
nlkit_same_results() {
	local dir=$1 json=$2 part

	for part in err status; do
		cmp -s "$dir/ours/$part" "$dir/ref/$part" || return 1
	done
	nlkit_same_file "$dir/ours/out" "$dir/ref/out" || return 1
	[ -z "$json" ] || jq empty "$dir/ours/out" >/dev/null 2>&1
}

# nlkit_mask_countdowns: stdin to stdout, the seconds that count down
# (address lifetimes, route expiry, a socket's timer) or up (a neighbour's
# ages) replaced by "N".
nlkit_mask_countdowns() {
	sed -E 's/((valid|preferred)_lft|expires) [0-9]+sec/\1 Nsec/g
		s/(used (\x1b\[[0-9;]*m)?)[0-9]+\/[0-9]+\/[0-9]+/\1N\/N\/N/g
		s/"((valid|preferred)_life_time|expires|used|confirmed|updated)": ?[0-9]+/"\1":N/g
		s/(timer:\([a-z_]+),[^,)]*/\1,N/g'
}

# nlkit_same_file A B: whether the files A and B, outputs of ours and of the
# reference, are the same.  Under `make check VALGRIND=1` ours runs for a
# second or more before it reads the kernel, so the countdowns of the two
# are seconds apart: they are left out there (the plain and sanitized runs
# compare them).
nlkit_same_file() {
	cmp -s "$1" "$2" && return 0
	[ -n "${NLKIT_VALGRIND_LOGS:-}" ] || return 1
	cmp -s <(nlkit_mask_countdowns <"$1") <(nlkit_mask_countdowns <"$2")
}

# nlkit_show_differences DIR JSON: say how DIR/ours and DIR/ref differ.
nlkit_show_differences() {
	local dir=$1 json=$2 side stdout_shown='' invalid=''
	local -A who=([ours]="our" [ref]="the reference's")

	if [ -n "$json" ]; then
		for side in ref ours; do
			if ! jq . "$dir/$side/out" >/dev/null 2>"$dir/$side/jq.err"; then
				echo "${who[$side]} stdout is not valid JSON: $(cat "$dir/$side/jq.err")"
				invalid=1
			fi
		done
		if [ -z "$invalid" ]; then
			jq -S . "$dir/ref/out" >"$dir/ref/out.sorted"
			jq -S . "$dir/ours/out" >"$dir/ours/out.sorted"
			# One-line JSON makes a useless diff: show the parsed forms.
			if ! diff -u --label "reference stdout (jq -S .)" \
				--label "our stdout (jq -S .)" \
				"$dir/ref/out.sorted" "$dir/ours/out.sorted"; then
				stdout_shown=1
			fi
		fi
	fi
	# The diffs only inform, and must not trip bats's errexit.
	if [ -z "$stdout_shown" ]; then
		diff -u --label "reference stdout" --label "our stdout" \
			"$dir/ref/out" "$dir/ours/out" || true
	fi
	diff -u --label "reference stderr" --label "our stderr" \
		"$dir/ref/err" "$dir/ours/err" || true
	if ! cmp -s "$dir/ref/status" "$dir/ours/status"; then
		echo "exit status: reference $(cat "$dir/ref/status"), ours $(cat "$dir/ours/status")"
	fi
	for side in ref ours; do
		if [ "$(cat "$dir/$side/status")" = 124 ]; then
			echo "(status 124: ${who[$side]} command ran over ${NLKIT_CMD_TIMEOUT}s and was killed)"
		fi
	done
	return 0
}

# diff_cmd [--json|--text] OURS REF [ARG...]: run the programs OURS and REF
# with the same arguments in the test's namespace (ours first); fail, showing
# unified diffs (- reference, + ours), unless stdout, stderr and exit status
# are the same.  With --json, or arguments that ask ip for JSON, stdout must
# also be valid JSON (compared parsed and sorted for a readable diff);
# --text is for the commands that print text even then (ip route showdump).
# Afterwards, as with bats's `run`, $output, $stderr and $status hold our
# program's stdout, stderr and exit status, for further checks (two programs
# that fail alike also compare equal).
# Standard input: as nlkit_input says.
diff_cmd() {
	local json='' text='' ours_cmd ref_cmd dir="$BATS_TEST_TMPDIR/diff" attempt input

	case ${1:-} in
	--json) json=1; shift ;;
	--text) text=1; shift ;;
	esac
	ours_cmd=$1
	ref_cmd=$2
	shift 2
	if [ -z "$text" ] && nlkit_wants_json "$@"; then
		json=1
	fi
	rm -rf "$dir"
	mkdir -p "$dir"
	input=$(nlkit_input "$dir")
	# Some values move on their own between two runs (address lifetimes
	# count down each second, counters of an up interface grow): a run that
	# straddles such a change gets two more chances before it counts.
	for attempt in 1 2 3; do
		nlkit_capture "$dir/ours" "$input" "$ours_cmd" "$@"
		nlkit_capture "$dir/ref" "$input" "$ref_cmd" "$@"
		if nlkit_same_results "$dir" "$json"; then
			# shellcheck disable=SC2034 # for the test that called us
			output=$(cat "$dir/ours/out")
			# shellcheck disable=SC2034 # for the test that called us
			stderr=$(cat "$dir/ours/err")
			status=$(cat "$dir/ours/status")
			return 0
		fi
		[ "$attempt" = 3 ] || sleep 0.3
	done
	echo "diff_cmd: '$*': ours ($ours_cmd) and the reference ($ref_cmd) differ:"
	nlkit_show_differences "$dir" "$json"
	return 1
}

diff_ip() {
	diff_cmd "$NLKIT_IP" "$NLKIT_REF_IP" "$@"
}

# diff_link_details [--no-pretty] DEV...: each device as both show it under
# -d (its kind's details) in text, JSON and pretty JSON; --no-pretty leaves
# the last out (the VM lane's files: under emulation every run counts, and
# indenting is the same for every kind).
diff_link_details() {
	local dev pretty=1

	if [ "${1:-}" = --no-pretty ]; then
		pretty=
		shift
	fi
	for dev; do
		diff_ip -d link show dev "$dev" || return 1
		diff_ip -d -j link show dev "$dev" || return 1
		if [ -n "$pretty" ]; then
			diff_ip -d -j -p link show dev "$dev" || return 1
		fi
	done
}

# diff_fails ARG...: ours and the reference fail alike on `ip ARG...`, and
# change nothing that `snapshot FILE` (which the calling file defines: the
# state its commands could touch, written to FILE) shows.
diff_fails() {
	snapshot "$BATS_TEST_TMPDIR/before"
	diff_ip "$@" || return 1
	[ "$status" -ne 0 ] || { echo "diff_fails: '$*' succeeded"; return 1; }
	snapshot "$BATS_TEST_TMPDIR/after"
	diff -u --label "state before" --label "state after" "$BATS_TEST_TMPDIR/before" \
		"$BATS_TEST_TMPDIR/after"
}

nlkit_sniff_built() {
	if [ ! -f "$NLKIT_SNIFF" ]; then
		echo "nlkit: $NLKIT_SNIFF is not built" >&2
		return 1
	fi
}

# sniff FILE CMD [ARG...]: run the program CMD in the test's namespace with
# the nlsniff shim preloaded, recording into FILE (emptied first) every
# netlink message it sends; see testsuite/tools/nlsniff.c for the format.
# Returns CMD's exit status.
sniff() {
	local file=$1
	shift

	nlkit_sniff_built || return 1
	: >"$file"
	# An ASan build wants its runtime first in the library order, which a
	# preloaded library comes before: tell it that this is fine.
	ns timeout -k 5 "$NLKIT_CMD_TIMEOUT" env LD_PRELOAD="$NLKIT_SNIFF" \
		NLSNIFF_OUT="$file" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		"$@"
}

# The awk program behind sniff_dump.  It prints each kept message as one
# block: a line with protocol, type (named for NETLINK_ROUTE), flags and
# length, then the payload in hex (with its printable characters): the
# family header, then one line per attribute ("attr TYPE len LEN: BYTES"),
# nested attributes indented under theirs, so that a diff of two dumps
# lines up attribute by attribute.  An attribute whose payload parses as
# attributes counts as nested; padding between attributes is not shown; a
# payload that does not parse is shown as plain rows of 16 bytes.  Sequence
# numbers and port ids are left out: they differ from run to run.
#
# Which messages it keeps (variable "keep"):
#   state  (the default) for NETLINK_ROUTE only the requests that can change
#          state: not RTM_GET* (lookups, which our ip may make differently,
#          e.g. to resolve an interface name), not control messages, not
#          messages whose payload is all zero (the reference probes the
#          kernel with an empty RTM_NEWLINK that changes nothing), not bytes
#          that do not form a message (the reference pads some dump requests
#          with zeros).  Every message of the other protocols.
#   all    every message.
#   LIST   the messages whose type is in LIST: numbers or RTM_ names, one
#          per line.
# shellcheck disable=SC2016 # awk's $ fields, not the shell's
NLKIT_SNIFF_AWK='
BEGIN {
	# Each RTM_ family holds four types (NEW, DEL, GET, SET) from 16 up;
	# the letters say which of them exist, the number is the size of the
	# family header that starts the payload.
	nfam = split("LINK:NDGS:16 ADDR:NDG:8 ROUTE:NDG:12 NEIGH:NDG:12 " \
		"RULE:NDG:12 QDISC:NDG:20 TCLASS:NDG:20 TFILTER:NDG:20 " \
		"ACTION:NDG:4 PREFIX:N:12 MULTICAST:G:8 ANYCAST:G:8 " \
		"NEIGHTBL:NGS:4 NDUSEROPT:N:16 ADDRLABEL:NDG:12 DCB:GS:4 " \
		"NETCONF:NDG:4 MDB:NDG:8 NSID:NDG:4 STATS:NGS:12 CACHEREPORT:N:0 " \
		"CHAIN:NDG:20 NEXTHOP:NDG:8 LINKPROP:NDG:16 VLAN:NDG:8 " \
		"NEXTHOPBUCKET:NDG:8 TUNNEL:NDG:8", fam, " ")
	split("NEW DEL GET SET", op, " ")
	for (f = 1; f <= nfam; f++) {
		split(fam[f], part, ":")
		for (o = 1; o <= 4; o++) {
			t = 11 + 4 * f + o
			rtm_header[t] = part[3]
			if (index(part[2], substr(op[o], 1, 1))) {
				rtm_name[t] = "RTM_" op[o] part[1]
				rtm_type[rtm_name[t]] = t
			}
		}
	}
	ctl_name[1] = "NLMSG_NOOP"; ctl_name[2] = "NLMSG_ERROR"
	ctl_name[3] = "NLMSG_DONE"; ctl_name[4] = "NLMSG_OVERRUN"
	# Family header of every message of NETLINK_NETFILTER (nfgenmsg) and
	# NETLINK_GENERIC (genlmsghdr).
	proto_header[12] = 4; proto_header[16] = 4
	for (i = 0; i < 256; i++) {
		byte = sprintf("%02x", i)
		value[byte] = i
		ascii[byte] = (i >= 32 && i < 127) ? sprintf("%c", i) : "."
	}
	if (keep != "state" && keep != "all") {
		n = split(keep, list, "\n")
		for (i = 1; i <= n; i++) {
			if (list[i] in rtm_type)
				wanted[rtm_type[list[i]]] = 1
			else if (list[i] ~ /^[0-9]+$/)
				wanted[list[i] + 0] = 1
			else {
				print "sniff_dump: unknown message type " list[i] > "/dev/stderr"
				exit 2
			}
		}
	}
}

function bit(val, mask) {
	return int(val / mask) % 2
}

# The names of the flags that are set, most of them known only for
# rtnetlink requests (what 0x100-0x800 mean depends on the request kind).
function flag_names(proto, type, flags,    s, kind, names, i) {
	s = ""
	split("REQUEST MULTI ACK ECHO", names, " ")
	for (i = 1; i <= 4; i++)
		if (bit(flags, 2 ^ (i - 1)))
			s = s "|" names[i]
	kind = (proto == 0 && type >= 16) ? (type - 16) % 4 : -1
	if (kind == 0)
		split("REPLACE EXCL CREATE APPEND", names, " ")
	else if (kind == 1)
		split("NONREC BULK", names, " ")
	else if (kind == 2)
		split("ROOT MATCH ATOMIC", names, " ")
	else
		split("", names)
	for (i = 1; (i in names); i++)
		if (bit(flags, 256 * 2 ^ (i - 1)))
			s = s "|" names[i]
	return substr(s, 2)
}

function kept(kind, proto, type, payload) {
	if (keep == "all")
		return 1
	if (keep != "state")
		return kind == "msg" && (type in wanted)
	if (proto != 0)
		return 1
	return kind == "msg" && type >= 16 && (type - 16) % 4 != 2 && payload !~ /^[0-]*$/
}

# The little-endian u16 at byte offset off of the hex string hex.
function u16(hex, off) {
	return value[substr(hex, 2 * off + 3, 2)] * 256 + value[substr(hex, 2 * off + 1, 2)]
}

function align4(n) {
	return int((n + 3) / 4) * 4
}

# Print the n bytes at offset off of hex, 16 a line, the first line led by
# label, the others by as many spaces.
function rows(label, hex, off, n,    end, line, text, i, byte) {
	for (end = off + n; off < end; off += 16) {
		line = ""
		text = ""
		for (i = off; i < off + 16 && i < end; i++) {
			byte = substr(hex, 2 * i + 1, 2)
			line = line " " byte
			text = text ascii[byte]
		}
		printf "%s%-48s  |%s|\n", label, line, text
		gsub(/./, " ", label)
	}
}

# Whether the bytes from off to end of hex are a run of attributes.
function are_attrs(hex, off, end,    len) {
	while (off < end) {
		if (end - off < 4)
			return 0
		len = u16(hex, off)
		if (len < 4 || off + len > end)
			return 0
		off += align4(len)
	}
	return 1
}

function print_attrs(hex, off, end, indent,    len, type) {
	while (off < end) {
		len = u16(hex, off)
		type = u16(hex, off + 2)
		if (len > 4 && are_attrs(hex, off + 4, off + len)) {
			printf "%sattr %d len %d\n", indent, type, len
			print_attrs(hex, off + 4, off + len, indent "  ")
		} else if (len == 4) {
			printf "%sattr %d len %d\n", indent, type, len
		} else {
			rows(sprintf("%sattr %d len %d:", indent, type, len), hex, off + 4, len - 4)
		}
		off += align4(len)
	}
}

function print_payload(proto, type, hex,    n, header) {
	n = (hex == "-") ? 0 : length(hex) / 2
	header = -1
	if (proto == 0 && (type in rtm_header))
		header = rtm_header[type]
	else if (proto in proto_header)
		header = proto_header[proto]
	if (header >= 0 && header <= n && are_attrs(hex, header, n)) {
		if (header)
			rows("  header", hex, 0, header)
		print_attrs(hex, header, n, "  ")
	} else {
		rows("  data", hex, 0, n)
	}
}

$1 == "msg" && kept("msg", $2, $3, $8) {
	name = ($2 == 0 && ($3 in rtm_name)) ? " " rtm_name[$3] : ""
	if ($3 in ctl_name)
		name = " " ctl_name[$3]
	printf "proto %d type %d%s flags 0x%x (%s) len %d\n", $2, $3, name, $4,
		flag_names($2, $3, $4), $7
	print_payload($2, $3, $8)
	print ""
}

$1 == "junk" && kept("junk", $2, -1, $4) {
	printf "proto %d, %d bytes that are no message\n", $2, $3
	rows("  data", $4, 0, length($4) / 2)
	print ""
}
'

# sniff_dump [--all | --type TYPE...] FILE: print the messages a sniff
# recorded, one block each; see NLKIT_SNIFF_AWK for which ones are kept by
# default.  --all keeps all of them, --type (repeatable; a number or an RTM_
# name) only those of the given types.
sniff_dump() {
	local keep=state types=()

	while [ $# -gt 1 ]; do
		case $1 in
		--all) keep=all; shift ;;
		--type) types+=("$2"); shift 2 ;;
		*) break ;;
		esac
	done
	if [ ${#types[@]} -gt 0 ]; then
		keep=$(printf '%s\n' "${types[@]}")
	fi
	awk -v keep="$keep" "$NLKIT_SNIFF_AWK" "$1"
}

# wire_cmd [--setup FN] [--all | --type TYPE...] OURS REF [ARG...]: run the
# programs OURS and REF with the same arguments, each in a fresh namespace
# of its own (after the shell function FN, if given, prepared it: FN runs
# with ns/ref/ours pointing there), recording the netlink messages they
# send; fail, showing a diff of the dumps (- reference, + ours), unless they
# sent the same messages and ended with the same exit status.  The messages
# compared are those sniff_dump keeps with the same options: by default the
# NETLINK_ROUTE requests that can change state.  Comparing nothing fails:
# pass --all or --type for commands that only read.  --output: stdout and
# stderr must be the same too.
wire_cmd() {
	local setup_fn='' dump_opts=() ours_cmd ref_cmd dir="$BATS_TEST_TMPDIR/wire"
	local test_ns_pid=$NLKIT_NS_PID side cmd status output=''

	while [ $# -gt 2 ]; do
		case $1 in
		--setup) setup_fn=$2; shift 2 ;;
		--all) dump_opts+=(--all); shift ;;
		--type) dump_opts+=(--type "$2"); shift 2 ;;
		--output) output=1; shift ;;
		*) break ;;
		esac
	done
	ours_cmd=$1
	ref_cmd=$2
	shift 2
	nlkit_sniff_built || return 1
	rm -rf "$dir"
	mkdir -p "$dir"
	for side in ours ref; do
		[ "$side" = ours ] && cmd=$ours_cmd || cmd=$ref_cmd
		nlkit_netns_start NLKIT_NS_PID || return 1
		if [ -n "$setup_fn" ]; then
			"$setup_fn"
		fi
		status=0
		sniff "$dir/$side.sniff" "$cmd" "$@" >"$dir/$side.out" 2>"$dir/$side.err" ||
			status=$?
		echo "$status" >"$dir/$side.status"
		nlkit_netns_stop "$NLKIT_NS_PID"
		NLKIT_NS_PID=$test_ns_pid
		sniff_dump "${dump_opts[@]}" "$dir/$side.sniff" >"$dir/$side.dump" || return 1
	done

	if [ ! -s "$dir/ours.dump" ] && [ ! -s "$dir/ref.dump" ]; then
		echo "wire_cmd: '$*': no message to compare (use --all or --type?)"
	elif cmp -s "$dir/ours.dump" "$dir/ref.dump" &&
		cmp -s "$dir/ours.status" "$dir/ref.status" &&
		{ [ -z "$output" ] || { cmp -s "$dir/ours.out" "$dir/ref.out" &&
			cmp -s "$dir/ours.err" "$dir/ref.err"; }; }; then
		return 0
	else
		echo "wire_cmd: '$*': ours ($ours_cmd) and the reference ($ref_cmd) differ:"
		diff -u --label "reference requests" --label "our requests" \
			"$dir/ref.dump" "$dir/ours.dump" || true
		if ! cmp -s "$dir/ours.status" "$dir/ref.status"; then
			echo "exit status: reference $(cat "$dir/ref.status")," \
				"ours $(cat "$dir/ours.status")"
		fi
		if [ -n "$output" ]; then
			diff -u --label "reference output" --label "our output" \
				"$dir/ref.out" "$dir/ours.out" || true
		fi
	fi
	for side in ref ours; do
		if [ -s "$dir/$side.err" ]; then
			echo "$side stderr:"
			cat "$dir/$side.err"
		fi
	done
	return 1
}

wire_ip() {
	local opts=()

	while [ $# -gt 0 ]; do
		case $1 in
		--setup | --type) opts+=("$1" "$2"); shift 2 ;;
		--all) opts+=("$1"); shift ;;
		*) break ;;
		esac
	done
	wire_cmd "${opts[@]}" "$NLKIT_IP" "$NLKIT_REF_IP" "$@"
}

# unit NAME [CASE]: run the unit test program NAME (all its cases, or CASE),
# built from testsuite/unit/NAME.c; its stderr tells what failed.
unit() {
	local prog="$NLKIT_BUILD/testsuite/unit/$1" status=0
	shift

	if [ ! -x "$prog" ]; then
		echo "unit: $prog is not built" >&2
		return 1
	fi
	ns "$prog" "$@" || status=$?
	if [ "$status" != 0 ]; then
		echo "unit: ${prog##*/} $* failed with status $status" >&2
		return 1
	fi
}

# have_link_kind KIND [ARG...]: whether the kernel can make links of KIND:
# tries `ip link add ... type KIND ARG...` (with arguments that suit KIND
# when none are given).  It tries in a scratch namespace: a link made and
# deleted in the test's own would move the ifindexes the test then sees.
have_link_kind() {
	local kind=$1
	shift
	local args=("$@")

	# Kinds stacked on a lower device name it before "type", as ip wants.
	local lower=()
	case $kind in
	vlan | macvlan | macvtap | ipvlan | ipvtap | macsec) lower=(link nlkitlower) ;;
	esac
	if [ $# -eq 0 ]; then
		case $kind in
		vxlan) args=(id 1 dstport 4789) ;;
		geneve) args=(id 1 remote 192.0.2.1) ;;
		vrf) args=(table 10) ;;
		vlan) args=(id 1) ;;
		esac
	fi
	# shellcheck disable=SC2016 # $0 and $@ belong to the inner shell
	unshare -n sh -c '"$0" link add nlkitlower type veth peer name nlkitpeer
		exec "$0" link add "$@"' \
		"$NLKIT_REF_IP" "${lower[@]}" nlkitprobe type "$kind" "${args[@]}" >/dev/null 2>&1
}

require_link_kind() {
	have_link_kind "$@" || skip "the kernel cannot make $1 links"
}

# diff_fresh [--sorted] FN ARG...: for each side a fresh namespace, which
# the function FN fills, then ours (or the reference) runs `ip ARG...` in
# it: both must print the same, exit alike and leave the same state
# (state_of, which the calling file defines).  A command that changes the
# state cannot be compared with diff_ip, whose second run would find the
# first one's result.  With --sorted, output and state are compared
# line-sorted (neighbour tables list in an order of their own in every
# namespace).  As in diff_cmd, what moves on its own (timers in seconds,
# the entries IPv6 makes as a link comes up) gets two more chances.
# Standard input: as nlkit_input says.
diff_fresh() {
	local sorted='' fn side prog status dir=$BATS_TEST_TMPDIR/fresh test_ns=$NLKIT_NS_PID
	local part attempt same input

	if [ "$1" = --sorted ]; then
		sorted=1
		shift
	fi
	fn=$1
	shift
	rm -rf "$dir"
	mkdir -p "$dir"
	input=$(nlkit_input "$dir")
	for attempt in 1 2 3; do
		for side in ours ref; do
			[ "$side" = ours ] && prog=$NLKIT_IP || prog=$NLKIT_REF_IP
			nlkit_netns_start NLKIT_NS_PID
			"$fn"
			status=0
			ns "$prog" "$@" <"$input" >"$dir/$side.out" 2>"$dir/$side.err" ||
				status=$?
			echo "$status" >"$dir/$side.status"
			state_of >"$dir/$side.state"
			nlkit_netns_stop "$NLKIT_NS_PID"
			NLKIT_NS_PID=$test_ns
			if [ -n "$sorted" ]; then
				sort -o "$dir/$side.out" "$dir/$side.out"
				sort -o "$dir/$side.state" "$dir/$side.state"
			fi
		done
		same=1
		for part in out err status state; do
			nlkit_same_file "$dir/ours.$part" "$dir/ref.$part" || same=''
		done
		[ -z "$same" ] || return 0
	done
	# Every part's diff, not only the first one's: they only inform.
	for part in out err status state; do
		diff -u --label "reference $part" --label "our $part" "$dir/ref.$part" \
			"$dir/ours.$part" || true
	done
	return 1
}

# wait_receiving PID [SECONDS]: wait (up to SECONDS, 5 by default) until
# process PID sleeps in a socket receive: a monitor that has subscribed and read its start-up
# dumps, so that the events made next reach it.  Under valgrind PID is
# testsuite/tools/valgrind-wrap, and the one that receives its child.
wait_receiving() {
	local tries pid stat

	for ((tries = 0; tries < ${2:-5} * 100; tries++)); do
		# ended (a zombie, or gone): it will receive nothing
		read -r stat <"/proc/$1/stat" 2>/dev/null || return 1
		stat=${stat##*) }
		[ "${stat%% *}" != Z ] || return 1
		for pid in "$1" $(cat "/proc/$1/task/$1/children" 2>/dev/null); do
			case $(cat "/proc/$pid/wchan" 2>/dev/null) in
			# a receive, or the reference nft's poll before it
			__skb_wait_for_more_packets | poll_schedule_timeout*) return 0 ;;
			esac
		done
		sleep 0.01
	done
	return 1
}
