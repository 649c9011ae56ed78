#!/usr/bin/env bats
# ss: ours against the reference on sockets each test makes in its own
# namespace with testsuite/tools/sockfarm.

load lib/common

NLKIT_SS=${NLKIT_SS:-$NLKIT_BUILD/ss/ss}
NLKIT_REF_SS=${NLKIT_REF_SS:-/usr/bin/ss}
NLKIT_SOCKFARM=${NLKIT_SOCKFARM:-$NLKIT_BUILD/testsuite/tools/sockfarm}
FARM_PIDS=()

setup() {
	nlkit_setup
	ns ip link set lo up
}

teardown() {
	local pid

	for pid in "${FARM_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	FARM_PIDS=()
	nlkit_teardown
}

# farm SPEC...: make sockets in the test's namespace, kept until teardown.
farm() {
	local pid

	pid=$(ns "$NLKIT_SOCKFARM" "$@") || return 1
	FARM_PIDS+=("$pid")
}

diff_ss() {
	diff_cmd "$NLKIT_SS" "$NLKIT_REF_SS" "$@"
}

# A namespace with a bit of everything.
many_sockets() {
	farm listen 0.0.0.0:22 tcp 127.0.0.1:8080 2 listen '[::]:80' tcp '[::1]:443' 1 \
		udp 0.0.0.0:53 udp '[::]:5353' udp-conn 127.0.0.1:5000 127.0.0.1:5001 \
		unix-stream "$BATS_TEST_TMPDIR/sock" 2 unix-dgram @abs unix-seqpacket @seq 1 \
		unix-pair packet 3 packet-dgram 0 netlink 0 raw 1 raw6 58 \
		tcp-data 127.0.0.1:9200 1 5000 closewait 127.0.0.1:9100 1 \
		keepalive 127.0.0.1:7000 1 udp-opts 127.0.0.1:99 packet-bpf 3 netlink 16 \
		unix-stream @Upper 1 threads 2
}

# diff_ss_masked SED ARG...: as diff_ss, both outputs through SED first,
# for values that move by the millisecond (tcp_info's last* ages).
diff_ss_masked() {
	local sed_script=$1 attempt side prog status
	shift

	for attempt in 1 2 3; do
		for side in ours ref; do
			[ "$side" = ours ] && prog=$NLKIT_SS || prog=$NLKIT_REF_SS
			status=0
			ns "$prog" "$@" >"$BATS_TEST_TMPDIR/$side.out" \
				2>"$BATS_TEST_TMPDIR/$side.err" || status=$?
			# Masked stdout, then stderr and the exit status, each compared.
			{
				sed -E "$sed_script" "$BATS_TEST_TMPDIR/$side.out"
				echo "stderr:"
				cat "$BATS_TEST_TMPDIR/$side.err"
				echo "exit status $status"
			} >"$BATS_TEST_TMPDIR/$side"
		done
		nlkit_same_file "$BATS_TEST_TMPDIR/ours" "$BATS_TEST_TMPDIR/ref" && return 0
		sleep 0.3
	done
	diff -u "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/ours"
	return 1
}

# VOLATILE: sed script for the values that move between two runs: tcp_info's
# last* ages, a timer's time left (ms).
VOLATILE='s/(last(snd|rcv|ack)):[0-9]+/\1/g; s/(timer:\([a-z]+),[^,]*,/\1,/g'

# The jq program behind json_carries_text: for each socket object, one line
# of the words it carries: its keys, its values (numbers also in hex, as
# the text writes some), each key followed by its value (skmem's "rb212992"),
# and the length of each array (bpf filter's "(4)").
JSON_ATOMS='
def hex: if . < 16 then "0123456789abcdef"[.:.+1]
	else ((. / 16 | floor) | hex) + ("0123456789abcdef"[(. % 16):(. % 16) + 1]) end;
.[] | [ (.. | objects | to_entries[] | .key as $k | .value |
		if type == "object" or type == "array" then $k
		else $k, tostring, ($k + tostring),
			(if type == "number" and . >= 0 and . == floor then hex, ("0x" + hex)
			 else empty end)
		end),
	(.. | arrays | length | tostring),
	(.. | arrays | .[] | scalars | tostring) ] | join(" ")'

# json_carries_text ARG...: our `ss -j ARG...` is one JSON array with an
# object per socket of the text, in the same order, and every word of a
# text row (split at punctuation; a number may carry a unit) is a key or a
# value of its object.  The sock_diag sockets (ours has a new pid each
# run, their queues move with the dumps) are left out of both.  The two
# runs are tried again, as diff_ss_masked's, when a socket came or went
# between them (a TIME-WAIT socket ending, under valgrind's slowness).
json_carries_text() {
	local attempt

	for attempt in 1 2 3; do
		json_carries_text_once "$@" >"$BATS_TEST_TMPDIR/json-carries" && return 0
		sleep 0.3
	done
	cat "$BATS_TEST_TMPDIR/json-carries"
	return 1
}

json_carries_text_once() {
	local dir=$BATS_TEST_TMPDIR/json

	mkdir -p "$dir"
	ns "$NLKIT_SS" -H -O "$@" 2>/dev/null | grep -vE '(^| )(tcpdiag|4):[^ ]* ' |
		sed -E "$VOLATILE" >"$dir/text"
	ns "$NLKIT_SS" -j "$@" 2>/dev/null >"$dir/json"
	if ! jq -e 'type == "array"' "$dir/json" >/dev/null; then
		echo "json_carries_text $*: not a JSON array:"
		cat "$dir/json"
		return 1
	fi
	jq -r '[.[] | select(.local_address == "tcpdiag" or .local_address == "4" | not)]' \
		"$dir/json" | jq -r "$JSON_ATOMS" >"$dir/atoms"
	awk -v args="$*" '
		function words(line, out,    n, i, w, parts) {
			n = split(line, parts, /[ \t(),=:"\/<>\[\]{}_*+-]+/)
			for (i = 1; i <= n; i++)
				if (parts[i] != "")
					out[parts[i]] = 1
		}
		FILENAME == ARGV[1] { delete have; words($0, have); for (w in have) atoms[FNR, w] = 1; objects = FNR; next }
		{
			rows = FNR
			delete want
			words($0, want)
			for (w in want) {
				if ((FNR, w) in atoms)
					continue
				bare = w
				sub(/(bps|ms|sec|min)$/, "", bare)
				if (bare != w && (FNR, bare) in atoms)
					continue
				printf "json_carries_text %s: row %d: \"%s\" is not in its object\n  text: %s\n", args, FNR, w, $0
				bad = 1
			}
		}
		END {
			if (rows != objects) {
				printf "json_carries_text %s: %d text rows, %d objects\n", args, rows, objects
				bad = 1
			}
			exit bad
		}' "$dir/atoms" "$dir/text"
}

# check_case ARG...: ours prints what the reference prints (diff_ss), and
# our -j of it carries every field of the text (json_carries_text).
check_case() {
	diff_ss "$@"
	json_carries_text "$@"
}

# check_masked SED ARG...: the same, for outputs diff_ss_masked compares.
check_masked() {
	diff_ss_masked "$@"
	shift
	json_carries_text "$@"
}

# check_cases: check_case on each line of stdin, split into words as the
# shell would (quotes keep a word whole).
check_cases() {
	local line args

	while IFS= read -r line; do
		[ -n "$line" ] || continue
		eval "args=($line)"
		check_case "${args[@]}"
	done
}

# Each program sees its own sock_diag socket among the netlink ones: leave
# that line out.  Under valgrind ours is valgrind's process, whose longer
# name widened the columns before the line went: there the words alone
# are compared.
SELF_DIAG='/(tcpdiag:ss\/| 4:)[1-9][0-9]* /d'
if [ -n "${NLKIT_VALGRIND_LOGS:-}" ]; then
	SELF_DIAG='/(tcpdiag:(ss|memcheck-amd64-)\/| 4:)[1-9][0-9]* /d; s/ +/ /g'
fi

@test "empty namespace: every table, headers only" {
	check_cases <<-'EOF'
		-t
		-ta
		-u
		-x
		-H
		-w
		-0
		--tipc
	EOF
	diff_ss
	check_masked "$SELF_DIAG" -a
	check_masked "$SELF_DIAG" -l
}

@test "tcp listeners and established pairs" {
	many_sockets
	check_cases <<-'EOF'
		-t
		-tn
		-ta
		-tan
		-tl
		-tln
		-tanH
		-4 -tan
		-6 -tan
		-t -4
		-6
		--tcp --all --numeric
		-A tcp -an
		-tr
		-tanO
	EOF
}

@test "time-wait, close-wait and fin-wait-2" {
	farm timewait 127.0.0.1:9000 2 closewait 127.0.0.1:9100 1
	check_cases <<-'EOF'
		-tan
		-tn state time-wait
		-tn state close-wait
		-tn state fin-wait-2
		-tan state bucket
		-tane
	EOF
	check_masked "$VOLATILE" -tano
}

@test "udp, raw, unix, packet and netlink tables" {
	many_sockets
	check_cases <<-'EOF'
		-u
		-ua
		-uan
		-ul
		-w
		-wa
		-wan
		-x
		-xa
		-xl
		-A unix_dgram -a
		-A unix_seqpacket,unix_stream -a
		-0
		-0a
		-f link
		-A packet_raw -a
		-A packet_dgram -a
		-A raw,udp -a
		-a -f inet
		-a -f inet6
		-f unix
		-A inet -n
	EOF
}

# Tables and families named together: the tables of the families other
# than inet join the named ones; the last of -4 and -6 is the inet dump's.
@test "tables and families together" {
	many_sockets
	check_cases <<-'EOF'
		-a -t -x
		-a -x -t
		-a -u -x
		-a -t -0
		-a -t -u -x
		-a -A tcp -f unix
		-a -f link -A udp
		-a -4 -6
		-a -6 -4
		-a -f inet -f inet6
		-a -w -x -4
		-a -4 -x
		-a -6 -w
	EOF
	check_masked "$SELF_DIAG" -a -x -A netlink
}

@test "every table at once" {
	many_sockets
	check_cases <<-'EOF'
		-n
		-4
		-d
		-da
		-S
		-Ma
		--vsock -a
		--xdp -a
		--tipc -a
		-A tipc
		-f tipc -l
	EOF
	diff_ss
	check_masked "$SELF_DIAG" -l -n
	check_masked "$SELF_DIAG" -a -e
	check_masked "$SELF_DIAG" -A netlink -a
	check_masked "$SELF_DIAG" -f netlink
	# Our own sock_diag socket's skmem (its larger buffer) widens the
	# column: spaces are not compared.
	check_masked "$SELF_DIAG; s/ +/ /g" -A netlink -a -e -m
	check_masked "$SELF_DIAG; s/ +/ /g" -A netlink -a -m -O
}

@test "state filters" {
	many_sockets
	farm timewait 127.0.0.1:9000 1
	local state
	for state in all connected synchronized bucket big established syn-sent syn-recv \
		fin-wait-1 fin-wait-2 time-wait closed close-wait last-ack listening closing; do
		check_case -tn state "$state"
	done
	check_cases <<-'EOF'
		-tn state established state listening
		-tn exclude listening
		-un state closed
		-l -t
		-t -l -a
		-t -a -l
		-ua -t
	EOF
}

@test "-e, -o, -m, -p, -T, --tos, --cgroup, --inet-sockopt, -b" {
	many_sockets
	farm timewait 127.0.0.1:9000 1
	check_cases <<-'EOF'
		-tane
		-tanm
		-tanp
		-tanpe
		-tanT
		-uaep
		-uaem
		-uaT
		-xae
		-xap
		-xaem
		-xaT
		-0ae
		-0aep
		-0am
		-0aem
		-0aeO
		-0ab
		-0abm
		-0abe
		-0abeO
		-tan -b
		-tan --tos
		-tane --tos
		-tan --cgroup
		-tanmO
		-tan -e -H
		-tan --inet-sockopt
		-uan --inet-sockopt
		-ua --inet-sockopt -O
		-tanme --inet-sockopt --tos
	EOF
	check_masked "$VOLATILE" -tano
	check_masked "$VOLATILE" -tnope state established
	check_masked "$VOLATILE" -tanmeoO --inet-sockopt
}

@test "-i: tcp_info (ages in ms masked)" {
	many_sockets
	check_masked "$VOLATILE" -tani
	check_masked "$VOLATILE" -tanim
	check_masked "$VOLATILE" -tn -i state established
	check_masked "$VOLATILE" -tanio
}

# "Total" counts the sockets of the whole machine and the TCP line's alloc
# count drifts: both move with whatever else runs, so only their form is
# compared.
@test "-s" {
	many_sockets
	diff_ss_masked 's/^TCP: .*//; s/^Total: [0-9]+$/Total: N/' -s
	diff_ss_masked 's/^TCP: .*//; s/^Total: [0-9]+$/Total: N/' -s -t
}

@test "expression filters of ss(8)" {
	many_sockets
	check_cases <<-'EOF'
		-tn sport = :7000
		-tn dport = :7000
		-tn sport == :7000
		-tn sport eq :7000
		-tan sport != :8080
		-tan sport neq :8080
		-tan sport gt :9000
		-tan sport '>' :9000
		-tan sport lt :9000
		-tan sport ge :9100
		-tan sport le :9100
		-tan dport '>=' :9100
		-tan dport '<=' :1024
		-tan '(' sport = :7000 or dport = :7000 ')'
		-tan '(' dport = :ssh or sport = :ssh ')'
		-tan not sport = :9200
		-tan ! dport = :8080
		-tan src 127.0.0.1
		-tan src 127.0.0.0/8
		-tan src 127.0.0.1:8080
		-tan dst '[::1]'
		-tan src '[::1]:443'
		-tan dst 127.0.0.1:9200 or src 127.0.0.1:9200
		-tan sport = :8080 and dport gt :1024
		-tan sport = :8080 '&&' dport gt :1024
		-tan src 10.0.0.0/8
		-uan dst 127.0.0.1
		-uan sport = :53
		-tan dev lo
		-tan fwmark 0
		-tan fwmark = 0x0/0xff
		-tan state established '(' sport = :8080 or dport = :8080 ')'
		-o state established '(' dport = :7000 or sport = :7000 ')'
		-tan 'sport = :8080 or dport = :8080'
		-tan 'sport = :8080 or' dport = :8080
		-tan sport = :7000 or sport = :8080 and dport gt :1024
		-tan sport = :8080 dport gt :1024
		-tan sport = :ssh or sport = :8080 dport '<' :1024
		-tan dev '!=' lo
		-tan fwmark '!=' 1
		-tan autobound
		-tan not autobound
		-uan autobound
		-xa autobound
		-0a autobound
		-0a not autobound
		-tan src localhost
		-tan dst localhost:7000
		-tan src default
		-6 -tan src any
		-4 -tan src 127.0.0.1
		-tan src '[::1]'
	EOF
	check_masked "$SELF_DIAG" -a autobound
}

# A filter the grammar refuses: the reference's words, then its usage
# (ours has one line more, for -j), status 255.
@test "filter syntax errors: words, usage and status" {
	local args
	while IFS= read -r args; do
		eval "args=($args)"
		nlkit_capture "$BATS_TEST_TMPDIR/ref" /dev/null "$NLKIT_REF_SS" "${args[@]}"
		nlkit_capture "$BATS_TEST_TMPDIR/ours" /dev/null "$NLKIT_SS" "${args[@]}"
		grep -qx '   -j, --json          one JSON array of socket objects' \
			"$BATS_TEST_TMPDIR/ours/err"
		diff -u "$BATS_TEST_TMPDIR/ref/err" \
			<(grep -vx '   -j, --json .*' "$BATS_TEST_TMPDIR/ours/err")
		[ "$(cat "$BATS_TEST_TMPDIR/ref/status")" = 255 ]
		[ "$(cat "$BATS_TEST_TMPDIR/ours/status")" = 255 ]
		[ ! -s "$BATS_TEST_TMPDIR/ours/out" ]
	done <<-'EOF'
		-tan 127.0.0.1
		-tan src != 127.0.0.1
		-tan dev ge lo
		-tan fwmark gt 1
		-tan sport = :22 ')'
		'(' sport = :22
		dst
		'( )'
		sport = :1 and or sport = :2
		autobound = x
	EOF
}

# Host conditions of the other families (HOST SYNTAX of ss(8)): unix
# paths are globs, either case, "*" any socket; link is PROTO[:DEVICE];
# netlink PROTO[:PORT]; the family comes from a "FAMILY:" prefix or -f.
@test "unix, link and netlink address filters" {
	many_sockets
	check_cases <<-EOF
		-x src $BATS_TEST_TMPDIR/sock
		-xa src '$BATS_TEST_TMPDIR/*'
		-xa src '${BATS_TEST_TMPDIR^^}/*'
		-xa src @abs
		-xa src '@s*'
		-xa src '@UP*'
		-xa src '*'
		-xa dst '*'
		-xa src '?'
		-xa dst $BATS_TEST_TMPDIR/sock
		-a src unix:@abs
		-xa not src @abs
		-xa src @abs:3
		-0a src '*'
		-0a src ip
		-0a src IP
		-0a src link:ip:'*'
		-0a src ':*'
		-0a src :lo
		-0a dst ':*'
		-0a dev lo
		-A packet -a src '*:1'
		-f netlink src rtnl:kernel
		-f netlink src rtnl:0
		-f netlink src 'genl:*'
		-f netlink src 16
		-f netlink dst :0
		-a src netlink:genl
		-a src link:ip
	EOF
	check_masked "$SELF_DIAG" -f netlink src :kernel
	check_masked "$SELF_DIAG" -f netlink dst '*:*'
	check_masked "$SELF_DIAG" -f netlink src 'tcpdiag:*'
}

@test "-F: the filter from a file" {
	many_sockets
	echo 'sport = :8080 or dport = :8080' >"$BATS_TEST_TMPDIR/filter"
	check_case -tan -F "$BATS_TEST_TMPDIR/filter"
	# Lines are words: a comment is a line starting with "#".
	printf '# a comment\nsport =\n:7000 or\n  dport = :7000\n' >"$BATS_TEST_TMPDIR/filter"
	check_case -tan -F "$BATS_TEST_TMPDIR/filter"
	# A "#" further on is a word; state words are the command line's only.
	echo 'sport = :7000 # no comment' >"$BATS_TEST_TMPDIR/filter"
	diff_ss -tan -F "$BATS_TEST_TMPDIR/filter"
	[ "$status" = 1 ]
	echo 'state established' >"$BATS_TEST_TMPDIR/filter"
	diff_ss -tan -F "$BATS_TEST_TMPDIR/filter"
	[ "$status" = 1 ]
}

@test "errors: words and exit statuses" {
	diff_ss state foo
	diff_ss -tan src foo
	diff_ss -F /nonexistent
	diff_ss -N nonexistent
	diff_ss -0a src foo
	diff_ss -f netlink src RTNL
	diff_ss -f netlink src foo
	diff_ss -A netlink src rtnl
	diff_ss -a src /tmp/sock
	diff_ss -Ex
	diff_ss -E -w
	diff_ss -D "$BATS_TEST_TMPDIR/diag" -u
	diff_ss -D /nonexistent/diag
}

# Without SELinux the reference refuses -Z and -z at once, whatever follows.
@test "-Z, -z: refused without SELinux" {
	if [ -e /sys/fs/selinux/enforce ]; then
		skip "SELinux is on here"
	fi
	diff_ss -Z
	diff_ss -z -tan
	diff_ss -Z -h
	diff_ss -tZ state foo
}

# raw_messages FILE: the netlink messages of FILE, one a line of bytes,
# what differs between two runs masked: the sequence number and port id,
# and a socket's timer (idiag_expires counts down).
raw_messages() {
	od -An -v -tu1 "$1" | tr -s ' \n' '\n\n' | grep . | awk '
		{ b[n++] = $1 + 0 }
		END {
			for (at = 0; at + 16 <= n; at += len) {
				len = b[at] + 256 * (b[at + 1] + 256 * (b[at + 2] + 256 * b[at + 3]))
				if (len < 16)
					break
				line = ""
				for (i = at; i < at + len && i < n; i++)
					line = line " " ((i - at >= 8 && i - at < 16) ||
						(len >= 88 && i - at >= 68 && i - at < 72) ? "x" : b[i])
				print line
				len = int((len + 3) / 4) * 4
			}
		}'
}

@test "-D: the raw TCP dump, as the reference writes it" {
	many_sockets
	local args
	for args in "" "-l" "-6" "-4 -a" "-tm" "-a sport = :8080" "-t -x" "-4 -6" "-6 -4"; do
		# shellcheck disable=SC2086 # word splitting wanted
		ns "$NLKIT_SS" -D "$BATS_TEST_TMPDIR/ours" $args
		# shellcheck disable=SC2086
		ns "$NLKIT_REF_SS" -D "$BATS_TEST_TMPDIR/ref" $args
		diff -u <(raw_messages "$BATS_TEST_TMPDIR/ref") <(raw_messages "$BATS_TEST_TMPDIR/ours")
		[ -s "$BATS_TEST_TMPDIR/ours" ]
	done
	run ns "$NLKIT_SS" -D - -t
	[ "$status" -eq 0 ]
	[ -n "$output" ]
}

# kill_farm: the sockets -K tests close.
kill_farm() {
	farm tcp 127.0.0.1:7000 2 udp 127.0.0.1:53 unix-pair listen '[::1]:80' \
		tcp 127.0.0.1:7100 1
}

# -K changes what it lists: ours and the reference each get a namespace of
# their own with the same sockets; what each closes (ephemeral ports
# masked) and what remains must be the same.
@test "-K: closes and shows what it closed, as the reference" {
	local side args ss_bin mask='s/:[0-9]{5}\b/:PORT/g; s/\b[0-9]{6,}\b/INO/g'
	for args in "-n dport = :7000" "-tln sport = :80" "-uan" "-xa" "-n6"; do
		for side in ours ref; do
			nlkit_netns_start NLKIT_NS_PID
			ns ip link set lo up
			kill_farm
			[ "$side" = ours ] && ss_bin=$NLKIT_SS || ss_bin=$NLKIT_REF_SS
			# shellcheck disable=SC2086 # word splitting wanted
			# Each namespace hashes its sockets its own way: sorted.
			ns "$ss_bin" -K $args 2>&1 | sed -E "$mask" | sort >"$BATS_TEST_TMPDIR/killed.$side"
			ns "$NLKIT_REF_SS" -tuan 2>&1 | sed -E "$mask" | sort >"$BATS_TEST_TMPDIR/left.$side"
		done
		diff -u "$BATS_TEST_TMPDIR/killed.ref" "$BATS_TEST_TMPDIR/killed.ours"
		diff -u "$BATS_TEST_TMPDIR/left.ref" "$BATS_TEST_TMPDIR/left.ours"
		# The pairs on port 7000 were shown and closed.
		if [ "$args" = "-n dport = :7000" ]; then
			[ "$(grep -c ESTAB "$BATS_TEST_TMPDIR/killed.ours")" -eq 2 ]
			if grep -q '127.0.0.1:7000 *127' "$BATS_TEST_TMPDIR/left.ours"; then
				echo "-K left a pair of port 7000 open"
				return 1
			fi
		fi
	done
}

# events SS ARG...: run SS -E ARG... on a terminal (script(1)) in a fresh
# namespace, make sockets and close them, and print what it showed, the
# ephemeral ports and the socket cookies (a count of the whole machine's)
# masked.
events() {
	local ss_bin=$1 pid
	shift
	nlkit_netns_start NLKIT_NS_PID
	ns ip link set lo up
	nsenter --net="/proc/$NLKIT_NS_PID/ns/net" -- \
		script -qfc "$ss_bin -E $*" "$BATS_TEST_TMPDIR/events" </dev/null >/dev/null 2>&1 3>&- &
	pid=$!
	sleep 0.5
	farm tcp 127.0.0.1:7000 1 udp 127.0.0.1:53 udp-conn 127.0.0.1:5000 127.0.0.1:5001 \
		unix-pair udp '[::1]:54' listen '[::1]:80'
	sleep 0.2
	kill "${FARM_PIDS[@]}"
	FARM_PIDS=()
	sleep 0.5
	kill "$pid"
	wait "$pid" || true
	grep -v '^Script ' "$BATS_TEST_TMPDIR/events" | tr -d '\r' |
		sed -E 's/:[0-9]{5}\b/:PORT/g; s/ sk:[0-9a-f]+/ sk:C/g'
}

@test "-E: the sockets the kernel destroys, as they go" {
	if ! command -v script >/dev/null; then
		skip "no script(1) to give -E a terminal"
	fi
	local args
	for args in "" "-n" "-tn" "-u4" "-n sport = :7000" "-H -n" "-6n" "-ne"; do
		# shellcheck disable=SC2086 # word splitting wanted
		events "$NLKIT_REF_SS" $args >"$BATS_TEST_TMPDIR/ref.events"
		# shellcheck disable=SC2086
		events "$NLKIT_SS" $args >"$BATS_TEST_TMPDIR/ours.events"
		diff -u "$BATS_TEST_TMPDIR/ref.events" "$BATS_TEST_TMPDIR/ours.events"
		grep -q UNCONN "$BATS_TEST_TMPDIR/ours.events"
	done
}

@test "-E -j: the array closes when ss is stopped" {
	local pid
	nsenter --net="/proc/$NLKIT_NS_PID/ns/net" -- \
		"$NLKIT_SS" -E -j -n >"$BATS_TEST_TMPDIR/events.json" 3>&- &
	pid=$!
	sleep 0.5
	farm tcp 127.0.0.1:7000 1 udp 127.0.0.1:53
	kill "${FARM_PIDS[@]}"
	FARM_PIDS=()
	sleep 0.5
	kill "$pid"
	wait "$pid"
	[ "$(jq length "$BATS_TEST_TMPDIR/events.json")" -eq 4 ]
	[ "$(jq -r '.[0].send_q' "$BATS_TEST_TMPDIR/events.json")" = -1 ]
}

# A terminal that reports no width (a pty nobody sized) gets the columns
# at their natural width.
@test "a terminal of no width" {
	many_sockets
	ns script -qfc "$NLKIT_REF_SS -tan" "$BATS_TEST_TMPDIR/ref.tty" </dev/null >/dev/null 3>&-
	ns script -qfc "$NLKIT_SS -tan" "$BATS_TEST_TMPDIR/ours.tty" </dev/null >/dev/null 3>&-
	diff -u <(grep -v '^Script ' "$BATS_TEST_TMPDIR/ref.tty") \
		<(grep -v '^Script ' "$BATS_TEST_TMPDIR/ours.tty")
}

@test "--tipc: the request the reference sends" {
	wire_cmd "$NLKIT_SS" "$NLKIT_REF_SS" --tipc -a
	wire_cmd "$NLKIT_SS" "$NLKIT_REF_SS" -f tipc
	wire_cmd "$NLKIT_SS" "$NLKIT_REF_SS" -A tipc state established
}

# A cell holds 64 KiB at most, in the reference: -T's list of users of a
# socket held by 2000 threads is cut there.  JSON has no such limit.
@test "a cell past 64 KiB is cut as the reference cuts it" {
	farm threads 2000 listen 127.0.0.1:7000 listen 127.0.0.1:7001
	diff_ss -tlnT
	[ "$(awk 'NR == 2 { print (length($0) > 65535) }' <<<"$output")" = 1 ]
	diff_ss -tlnTO
	run ns "$NLKIT_SS" -j -tlnT
	[ "$(jq '.[0].users | length' <<<"$output")" -eq 2001 ]
}

@test "-j: fields hold the values the text shows" {
	farm listen 127.0.0.1:2222
	run ns "$NLKIT_SS" -j -tln
	[ "$(echo "$output" | jq -r '.[0].state')" = LISTEN ]
	[ "$(echo "$output" | jq -r '.[0].local_address')" = 127.0.0.1 ]
	[ "$(echo "$output" | jq -r '.[0].local_port')" = 2222 ]
	[ "$(echo "$output" | jq -r '.[0].send_q')" = 128 ]
	[ "$(echo "$output" | jq -r '.[0].peer_port')" = '*' ]
	run ns "$NLKIT_SS" -j -tan state time-wait
	[ "$output" = "[]" ]
}
