#!/usr/bin/env bats
# `ip xfrm policy` and `ip xfrm monitor` against the reference: each policy
# is made by our ip and shown by both, then made by the reference and shown
# by both (text, -s, -s -s), the add request must be the reference's byte
# for byte, and our JSON must carry every word and number of our text.

load lib/common
load lib/xfrm

# show_both: the policy table as both print it, in every detail.
show_both() {
	diff_ip xfrm policy
	diff_ip -s xfrm policy
	diff_ip -s -s xfrm policy
	diff_ip xfrm policy count
	diff_ip -s -s xfrm policy count
}

# check_policy ARG...: `ip xfrm policy add ARG...` made by ours, shown by
# both; made by the reference, shown by both; the same request on the wire;
# our JSON covering our text.
check_policy() {
	run ours xfrm policy add "$@"
	[ "$status" -eq 0 ] || { echo "ours failed: $output"; return 1; }
	show_both
	json_covers_text xfrm policy
	ours xfrm policy flush
	ours xfrm policy flush ptype sub
	ref xfrm policy add "$@"
	show_both
	wire_ip xfrm policy add "$@"
}

@test "policy: empty selector, out" {
	check_policy dir out
}

@test "policy: prefixes and a tunnel template" {
	check_policy src 10.0.0.0/24 dst 10.1.0.0/24 dir out \
		tmpl src 192.0.2.1 dst 192.0.2.2 proto esp mode tunnel reqid 5
}

@test "policy: host addresses, in" {
	check_policy src 10.0.0.1 dst 10.0.0.2 dir in
}

@test "policy: fwd with priority" {
	check_policy src 10.2.0.0/16 dir fwd priority 100
}

@test "policy: tcp ports" {
	check_policy src 10.0.0.0/8 proto tcp sport 80 dport 443 dir out
}

@test "policy: udp destination port only" {
	check_policy proto udp dport 53 dir in
}

@test "policy: sctp and dccp ports" {
	check_policy proto sctp sport 5 dport 6 dir out
	ours xfrm policy flush
	check_policy proto dccp dport 3 dir fwd
}

@test "policy: a zero port is no port" {
	check_policy proto udp sport 0 dport 7 dir out
}

@test "policy: ports without a protocol" {
	check_policy sport 5 dir out
}

@test "policy: icmp type and code" {
	check_policy proto icmp type 8 code 0 dir in
}

@test "policy: ipv6-icmp type" {
	check_policy src 2001:db8::/32 proto ipv6-icmp type 135 dir in
}

@test "policy: mobility header" {
	check_policy dst 2001:db8::1 proto mobility-header type 5 dir out
}

@test "policy: gre key as a number" {
	check_policy proto gre key 5 dir out
}

@test "policy: gre key dotted" {
	check_policy proto gre key 10.0.0.1 dir out
}

@test "policy: protocol by number and by /etc/protocols name" {
	check_policy proto 200 dir out
	ours xfrm policy flush
	check_policy proto ospf dir in
}

@test "policy: device" {
	check_policy src 10.0.0.0/24 dev lo dir out
}

@test "policy: protocol then device" {
	check_policy proto tcp dev lo dir in
}

@test "policy: action block" {
	check_policy src 10.9.0.0/16 dir in action block
}

@test "policy: action allow said outright" {
	check_policy dir in action allow
}

@test "policy: flags by name" {
	check_policy dir out flag localok icmp
}

@test "policy: flags as a number" {
	check_policy dir out flag 0x3
}

@test "policy: one flag" {
	check_policy dir in flag icmp
}

@test "policy: mark" {
	check_policy dir out mark 7
}

@test "policy: mark and mask" {
	check_policy dir out mark 0x50 mask 0xf0
}

@test "policy: interface id" {
	check_policy dir out if_id 42
}

@test "policy: index" {
	check_policy dir out index 0x101
}

@test "policy: sub policy type" {
	check_policy dir in ptype sub
}

@test "policy: time limits" {
	check_policy dir out limit time-soft 100 limit time-hard 200 \
		limit time-use-soft 30 limit time-use-hard 60
}

@test "policy: byte and packet limits" {
	check_policy dir in limit byte-soft 1000 limit byte-hard 2000 \
		limit packet-soft 10 limit packet-hard 20
}

@test "policy: template, transport ah with an spi" {
	check_policy src 10.0.0.0/24 dir out tmpl proto ah spi 0x100
}

@test "policy: template level use on input" {
	check_policy dir in tmpl src 192.0.2.1 dst 192.0.2.2 proto esp mode tunnel level use
}

@test "policy: two templates" {
	check_policy dir out tmpl proto comp mode tunnel src 192.0.2.1 dst 192.0.2.2 \
		tmpl proto esp reqid 9
}

@test "policy: beet mode template" {
	check_policy dir out tmpl src 192.0.2.1 dst 192.0.2.2 proto esp mode beet
}

@test "policy: IPv6 selector with a template of its family" {
	check_policy src 2001:db8:1::/48 dst 2001:db8:2::/48 dir out \
		tmpl src 2001:db8::1 dst 2001:db8::2 proto esp mode tunnel reqid 3
}

@test "policy: -6 with no address" {
	run ours -6 xfrm policy add dir out tmpl proto ah
	[ "$status" -eq 0 ]
	show_both
	json_covers_text xfrm policy
	wire_ip -6 xfrm policy add dir out tmpl proto ah
}

@test "policy: every option at once" {
	check_policy src 10.0.0.0/24 dst 10.1.0.0/24 proto tcp dport 22 dir in \
		priority 7 index 0x200 mark 1 mask 3 if_id 9 action block flag localok \
		limit time-hard 600 limit packet-soft 99 ptype sub ctx system_u
}

@test "policy: arguments in another order" {
	check_policy if_id 4 tmpl src 192.0.2.1 dst 192.0.2.2 proto esp mode tunnel reqid 5 \
		src 10.0.0.0/8 dir fwd mark 3 ptype sub tmpl proto ah
}

@test "policy: update replaces" {
	ours xfrm policy add src 10.0.0.0/24 dir out
	ours xfrm policy update src 10.0.0.0/24 dir out priority 5 action block
	show_both
	ref xfrm policy update src 10.0.0.0/24 dir out priority 6
	show_both
	wire_ip xfrm policy update src 10.0.0.0/24 dir out priority 6 tmpl proto esp
}

@test "policy: get by selector, by index, with -s and JSON" {
	ref xfrm policy add src 10.0.0.0/24 dst 10.1.0.0/24 dir out priority 3 mark 5 \
		tmpl proto esp
	ref xfrm policy add src 10.3.0.0/24 dir in ptype sub
	diff_ip xfrm policy get src 10.0.0.0/24 dst 10.1.0.0/24 dir out mark 5
	diff_ip -s xfrm policy get src 10.0.0.0/24 dst 10.1.0.0/24 dir out mark 5
	diff_ip xfrm policy get src 10.3.0.0/24 dir in ptype sub
	index=$(ref -s xfrm policy list dir in | sed -n 's/.* index \([0-9]*\) .*/\1/p')
	diff_ip xfrm policy get index "$index" dir in ptype sub
	diff_ip xfrm policy get src 10.9.0.0/24 dir out
	json_covers_text xfrm policy get src 10.0.0.0/24 dst 10.1.0.0/24 dir out mark 5
	wire_ip --all xfrm policy get src 10.0.0.0/24 dir out mark 5 ptype sub if_id 3
	wire_ip --all xfrm policy get index 9 dir fwd
}

@test "policy: delete by selector and by index" {
	ours xfrm policy add src 10.0.0.0/24 dir out mark 5
	ours xfrm policy add src 10.1.0.0/24 dir in
	ours xfrm policy delete src 10.0.0.0/24 dir out mark 5
	index=$(ref -s xfrm policy list | sed -n 's/.* index \([0-9]*\) .*/\1/p')
	ours xfrm policy delete index "$index" dir in
	diff_ip xfrm policy
	[ -z "$(ref xfrm policy)" ]
	diff_ip xfrm policy delete src 10.0.0.0/24 dir out
	wire_ip xfrm policy delete if_id 3 ptype sub mark 5 ctx abc src 1.1.1.1 dir in
}

@test "policy: list filters" {
	ref xfrm policy add src 10.0.0.0/24 dir out priority 1 action block flag icmp
	ref xfrm policy add src 10.1.0.0/24 dst 10.2.0.0/24 proto tcp dport 80 dir in priority 2
	ref xfrm policy add src 10.0.0.0/24 dir fwd ptype sub index 0x3f2
	ref xfrm policy add dst 2001:db8::/32 dir in
	local filter
	for filter in "dir in" "dir out" "src 10.0.0.0/24" "dst 10.2.0.0/24" "proto tcp" \
		"proto tcp dport 80" "ptype sub" "action block" "action allow" "priority 2" \
		"flag icmp" "nosock" "dst 2001:db8::/32" "index 0x3f2" "src 10.0.0.0/16"; do
		# shellcheck disable=SC2086 # the filter is words
		diff_ip xfrm policy list $filter
	done
	diff_ip -4 xfrm policy
	diff_ip -6 xfrm policy
	diff_ip -o xfrm policy
	diff_ip -o -s xfrm policy
}

@test "policy: deleteall with and without a filter, flush by type" {
	ref xfrm policy add src 10.0.0.0/24 dir out
	ref xfrm policy add src 10.1.0.0/24 dir in
	ref xfrm policy add src 10.2.0.0/24 dir fwd
	ours xfrm policy deleteall dir in
	diff_ip xfrm policy
	# What the filter names is gone, and only that.
	[ -z "$(ref xfrm policy list dir in)" ]
	[ "$(ref xfrm policy | grep -c '^src ')" -eq 2 ]
	ours xfrm policy deleteall
	[ -z "$(ref xfrm policy)" ]
	ref xfrm policy add dir out ptype sub
	ref xfrm policy add dir in
	ours xfrm policy flush ptype sub
	diff_ip xfrm policy
	[ -z "$(ref xfrm policy list ptype sub)" ]
	[ -n "$(ref xfrm policy list dir in)" ]
	ours xfrm policy flush
	[ -z "$(ref xfrm policy)" ]
	wire_ip xfrm policy flush
	wire_ip xfrm policy flush ptype sub
}

@test "policy: count, set and the default policies" {
	ours xfrm policy set hthresh4 24 16 hthresh6 64 32
	diff_ip -s -s xfrm policy count
	json_covers_text -s xfrm policy count
	ours xfrm policy setdefault out block fwd accept
	diff_ip xfrm policy getdefault
	json_covers_text xfrm policy getdefault
	wire_ip xfrm policy set hthresh6 64 32
	wire_ip xfrm policy setdefault in block out accept
	wire_ip --all xfrm policy getdefault
	wire_ip --all xfrm policy count
}

@test "policy: errors on the command line" {
	local args
	for args in "dir inx" "src 1.1.1.1" "dir out src bogus" "dir out src 1.1.1.1/33" \
		"dir out proto tcp sport x" "dir out proto bogus" "dir out proto gre key x" \
		"dir out proto icmp type 300" "dir out mark x" "dir out mark 1 mask x" \
		"dir out priority x" "dir out index x" "dir out ptype x" "dir out action x" \
		"dir out flag x" "dir out limit x 5" "dir out limit time-soft x" \
		"dir out tmpl proto x" "dir out tmpl mode x" "dir out tmpl level x" \
		"dir out tmpl reqid x" "dir out tmpl spi x" "dir out tmpl src 1.1.1.1 dst ::1" \
		"dir out src 1.1.1.1 dst ::1" "dir out if_id x" "dir out bogus" "x dir out" \
		"dir out dev nosuch" "proto tcp type 1 dir out" "proto udp key 1 dir out" \
		"proto icmp sport 5 dir out" "proto tcp src 1.1.1.1 sport 5 dir out" \
		"src 1.1.1.1 dir out priority 5 dst 2.2.2.2" "dir out flag 3 localok" "dir"; do
		# shellcheck disable=SC2086 # the arguments are words
		diff_ip xfrm policy add $args
	done
	diff_ip xfrm policy get dir out
	diff_ip xfrm policy get index 1 src 1.1.1.1 dir out
	diff_ip xfrm policy delete
	diff_ip xfrm policy bogus
	diff_ip xfrm policy setdefault in x
	diff_ip xfrm policy setdefault x drop
	diff_ip xfrm policy set hthresh4 40 0
	diff_ip xfrm policy add dir out
	diff_ip xfrm policy add dir out
}

@test "policy: help and the object's help" {
	diff_ip xfrm policy help
	diff_ip xfrm help
	diff_ip xfrm
	diff_ip xfrm bogus
}

# monitor_start OUT "PROG [OPTION...]" ARG...: start `PROG OPTION... xfrm
# monitor ARG...` in the test's namespace, its output in OUT, and give it
# time to listen; monitor_stop ends it once the last event had time to come.
monitor_start() {
	local out=$1 prog=$2
	shift 2

	# A simple command, so that $! is the monitor itself; bats waits for
	# whatever holds its fd 3.
	# shellcheck disable=SC2086 # the program and its options are words
	nsenter --net="/proc/$NLKIT_NS_PID/ns/net" -- $prog xfrm monitor "$@" \
		>"$out" 2>&1 3>&- &
	MONITOR_PID=$!
	wait_receiving "$MONITOR_PID" || true
}

monitor_stop() {
	sleep 0.3
	kill "$MONITOR_PID"
	wait "$MONITOR_PID" || true
}

# monitor_run OUT "PROG [OPTION...]" ARG...: run `PROG OPTION... xfrm
# monitor ARG...` in the test's namespace while policies and states come
# and go; its output in OUT.
monitor_run() {
	monitor_start "$@"
	ref xfrm policy add src 10.0.0.0/24 dir out tmpl src 192.0.2.1 dst 192.0.2.2 \
		proto esp mode tunnel
	ref xfrm policy update src 10.0.0.0/24 dir out priority 5
	ref xfrm policy delete src 10.0.0.0/24 dir out
	ref xfrm policy add dir in mark 3 if_id 4
	ref xfrm policy flush
	ref xfrm policy add dir in ptype sub
	ref xfrm policy flush ptype sub
	ref xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto esp min 256 max 256 >/dev/null
	ref xfrm state delete src 192.0.2.1 dst 192.0.2.2 proto esp spi 256
	ref xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto ah min 300 max 300 >/dev/null
	ref xfrm state flush
	ref xfrm policy setdefault out block
	ref xfrm policy setdefault out accept
	monitor_stop
}

@test "monitor: policy, SA, flush and default events" {
	monitor_run "$BATS_TEST_TMPDIR/ref.mon" "$NLKIT_REF_IP"
	monitor_run "$BATS_TEST_TMPDIR/ours.mon" "$NLKIT_IP"
	diff -u "$BATS_TEST_TMPDIR/ref.mon" "$BATS_TEST_TMPDIR/ours.mon"
	[ -s "$BATS_TEST_TMPDIR/ours.mon" ]
}

@test "monitor: one object, -s, and JSON that parses" {
	monitor_run "$BATS_TEST_TMPDIR/ref.mon" "$NLKIT_REF_IP" policy
	monitor_run "$BATS_TEST_TMPDIR/ours.mon" "$NLKIT_IP" policy
	diff -u "$BATS_TEST_TMPDIR/ref.mon" "$BATS_TEST_TMPDIR/ours.mon"
	monitor_run "$BATS_TEST_TMPDIR/ref.mon" "$NLKIT_REF_IP -s" SA
	monitor_run "$BATS_TEST_TMPDIR/ours.mon" "$NLKIT_IP -s" SA
	# The two runs made their states a moment apart.
	diff -u <(sed 's/add [0-9-]* [0-9:]* use/add TIME use/' "$BATS_TEST_TMPDIR/ref.mon") \
		<(sed 's/add [0-9-]* [0-9:]* use/add TIME use/' "$BATS_TEST_TMPDIR/ours.mon")
	monitor_start "$BATS_TEST_TMPDIR/json.mon" "$NLKIT_IP -j"
	ref xfrm policy add src 10.0.0.0/8 dir out mark 3
	ref xfrm policy delete src 10.0.0.0/8 dir out mark 3
	monitor_stop
	# One document a line, one event each.
	[ "$(wc -l <"$BATS_TEST_TMPDIR/json.mon")" -eq 2 ]
	jq -e -s 'length == 2 and all(type == "object") and .[1].event == "Deleted" and
		.[0].mark == "0x3"' \
		"$BATS_TEST_TMPDIR/json.mon"
	# -ts: the time is a member of each event's object, as in ip -j monitor.
	monitor_start "$BATS_TEST_TMPDIR/json.mon" "$NLKIT_IP -j -ts"
	ref xfrm policy add src 10.0.0.0/8 dir out mark 3
	monitor_stop
	jq -e -s 'length == 1 and (.[0].time | test("^[0-9-]+T[0-9:.]+$")) and
		.[0].mark == "0x3"' "$BATS_TEST_TMPDIR/json.mon" ||
		{ cat "$BATS_TEST_TMPDIR/json.mon"; return 1; }
}

# monitor_nsid_run OUT "PROG [OPTION...]" PID: `PROG OPTION... xfrm monitor
# all-nsid` while policies come and go here and in the namespace of PID.
monitor_nsid_run() {
	local other=$3

	monitor_start "$1" "$2" all-nsid
	ref xfrm policy add src 10.0.0.0/24 dir out
	nsenter --net="/proc/$other/ns/net" -- "$NLKIT_REF_IP" xfrm policy add \
		src 10.9.0.0/24 dir in
	nsenter --net="/proc/$other/ns/net" -- "$NLKIT_REF_IP" xfrm policy flush
	ref xfrm policy setdefault out block
	ref xfrm policy flush
	monitor_stop
}

@test "monitor: all-nsid and -t, -ts lead each event with its namespace and time" {
	local other opt
	nlkit_netns_start other
	# The veth's peer gives the other namespace an id here: its events come too.
	ref link add v0 type veth peer name v1 netns "$other"
	monitor_nsid_run "$BATS_TEST_TMPDIR/ref.mon" "$NLKIT_REF_IP" "$other"
	monitor_nsid_run "$BATS_TEST_TMPDIR/ours.mon" "$NLKIT_IP" "$other"
	diff -u "$BATS_TEST_TMPDIR/ref.mon" "$BATS_TEST_TMPDIR/ours.mon"
	grep -q '^\[nsid 0\]Flushed policy ptype main' "$BATS_TEST_TMPDIR/ours.mon"
	grep -q '^\[nsid current\]Default policies:' "$BATS_TEST_TMPDIR/ours.mon"
	# The two runs saw their events at other times.
	for opt in -t -ts; do
		monitor_nsid_run "$BATS_TEST_TMPDIR/ref.mon" "$NLKIT_REF_IP $opt" "$other"
		monitor_nsid_run "$BATS_TEST_TMPDIR/ours.mon" "$NLKIT_IP $opt" "$other"
		diff -u <(sed -E 's/^(Timestamp: ).*( usec)$/\1TIME\2/; s/^\[[0-9T:.-]+\] /[TIME] /' \
				"$BATS_TEST_TMPDIR/ref.mon") \
			<(sed -E 's/^(Timestamp: ).*( usec)$/\1TIME\2/; s/^\[[0-9T:.-]+\] /[TIME] /' \
				"$BATS_TEST_TMPDIR/ours.mon")
	done
	grep -q '^\[[0-9T:.-]*\] \[nsid 0\]src 10.9.0.0/24 ' "$BATS_TEST_TMPDIR/ours.mon"
}

@test "monitor: the words the reference takes, and those it refuses" {
	local word
	for word in a al all-n ac e S p r nokeys all; do
		monitor_start "$BATS_TEST_TMPDIR/ref.mon" "$NLKIT_REF_IP" "$word"
		ref xfrm policy add dir out
		ref xfrm policy flush
		monitor_stop
		monitor_start "$BATS_TEST_TMPDIR/ours.mon" "$NLKIT_IP" "$word"
		ref xfrm policy add dir out
		ref xfrm policy flush
		monitor_stop
		diff -u "$BATS_TEST_TMPDIR/ref.mon" "$BATS_TEST_TMPDIR/ours.mon"
	done
	for word in nok mapping m sa; do
		diff_ip xfrm monitor "$word"
	done
	diff_ip xfrm monitor help
}

# expire_run OUT "PROG [OPTION...]": `PROG OPTION... xfrm monitor expire`
# while a larval state expires (hard) and a policy expires soft, then hard.
expire_run() {
	monitor_start "$1" "$2" expire
	ref xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto esp min 300 max 300 >/dev/null
	# The kernel counts a policy's lifetimes in whole seconds from a
	# truncated start: soft comes 2-3 s after the add, hard 4-5 s, and so
	# the three in this order.
	ref xfrm policy add src 10.0.0.0/24 dir out limit time-soft 3 limit time-hard 5
	sleep 5.5
	monitor_stop
}

@test "monitor: expiry of a state and of a policy, soft and hard, in text and JSON" {
	# A larval state lives for xfrm_acq_expires seconds, then expires hard.
	ns sysctl -qw net.core.xfrm_acq_expires=1
	expire_run "$BATS_TEST_TMPDIR/ref.mon" "$NLKIT_REF_IP"
	expire_run "$BATS_TEST_TMPDIR/ours.mon" "$NLKIT_IP"
	diff -u "$BATS_TEST_TMPDIR/ref.mon" "$BATS_TEST_TMPDIR/ours.mon"
	grep -q $'^\thard 0$' "$BATS_TEST_TMPDIR/ours.mon"
	expire_run "$BATS_TEST_TMPDIR/json.mon" "$NLKIT_IP -j"
	jq -e -s 'map([.event, .hard]) ==
		[["Expired", 1], ["Expired", 0], ["Expired", 1]] and .[0].spi == "0x0000012c"' \
		"$BATS_TEST_TMPDIR/json.mon" || { cat "$BATS_TEST_TMPDIR/json.mon"; return 1; }
}
