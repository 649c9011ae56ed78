#!/usr/bin/env bats
# ip rule: ours against the reference, both ways round.

load lib/common

# A rule set that uses every selector and action the kernel keeps,
# made by the program given ("ref" or "ours").
rules_v4() {
	local ip=$1

	ref link add v0 type veth peer name v1
	$ip rule add from 10.0.0.0/8 table 100 pref 100
	$ip rule add from 10.1.0.0/16 to 10.2.0.0/16 table 101 pref 101 fwmark 5/0xf \
		iif v0 oif v1 tos 0x10 protocol static
	$ip rule add not from 10.1.0.0/16 pref 102 uidrange 5-9 ipproto udp \
		sport 1-5 dport 7 l3mdev
	$ip rule add fwmark 7 table 100 pref 103 protocol 99 realms 7 tun_id 9
	$ip rule add blackhole pref 104 to 10.9.9.9
	$ip rule add pref 105 from 10.0.0.1 fwmark 0xffffffff
	$ip rule add pref 106 realms 1/2 goto 200 ipproto 253
	$ip rule add pref 107 suppress_prefixlength 0 suppress_ifgroup 3 table main
	$ip rule add pref 108 nop
	$ip rule add pref 109 prohibit
	$ip rule add pref 110 table 5000 fwmark 0/0xff
	$ip rule add pref 111 unreachable
	$ip rule add pref 112 type 5
}

rules_v6() {
	local ip=$1

	$ip -6 rule add from 2001:db8::/32 to ::1 table 100 pref 10
	$ip -6 rule add not iif lo table 100 pref 11 protocol 99
	$ip -6 rule add blackhole pref 12
	$ip -6 rule add pref 13 fwmark 0x20/0xf0 dport 443 ipproto tcp table 7
}

# show_all: every way of listing must agree.
show_all() {
	diff_ip rule
	diff_ip rule show
	diff_ip -d rule list
	diff_ip -j rule
	diff_ip -j -p rule
	diff_ip -d -j rule
	diff_ip -N rule
	diff_ip -6 rule
	diff_ip -6 -d rule
	diff_ip -6 -j -p rule
	diff_ip -c=always rule
	diff_ip -c=always -6 rule
}

@test "default rules and spellings" {
	diff_ip rule
	diff_ip rule list
	diff_ip rule lst
	diff_ip rule s
	diff_ip rule l
	diff_ip -4 rule show
	diff_ip -6 rule show
	diff_ip -j rule
	diff_ip -j -p -6 rule
	diff_ip -d rule
}

@test "rules made by the reference, shown by both" {
	rules_v4 ref
	rules_v6 ref
	show_all
}

@test "rules made by ours, shown by both" {
	rules_v4 ours
	rules_v6 ours
	show_all
}

@test "ours and the reference make the same rules" {
	ref rule flush
	ref -6 rule flush
	rules_v4 ours
	rules_v6 ours
	ours -d rule >"$BATS_TEST_TMPDIR/ours4"
	ours -6 -d -j rule >"$BATS_TEST_TMPDIR/ours6"
	ref rule flush
	ref -6 rule flush
	ref link del v0
	rules_v4 ref
	rules_v6 ref
	ref -d rule | diff -u - "$BATS_TEST_TMPDIR/ours4"
	ref -6 -d -j rule | diff -u - "$BATS_TEST_TMPDIR/ours6"
}

@test "the wire: add and del send what the reference sends" {
	wire_ip rule add not from 10.0.0.0/8 to 1.2.3.4 fwmark 0x10/0xff iif lo tos 0x10 \
		uidrange 1-100 ipproto tcp sport 80 dport 1000-2000 table 200 protocol static pref 5
	wire_ip rule add pref 5 table 300 from 1.2.3.4
	wire_ip rule add from 1.2.3.4
	wire_ip rule add nop
	wire_ip rule add goto 50 table 5
	wire_ip rule add l3mdev pref 9
	wire_ip rule add unicast
	wire_ip rule add tun_id 5 pref 8
	wire_ip -6 rule add from ::/0 table main
	wire_ip rule del pref 0
}

@test "selectors of show" {
	rules_v4 ref
	rules_v6 ref
	local sel
	for sel in "from 10.0.0.0/8" "from 10.0.0.0" "from 10/8" "from all" "from 0/0" \
		"10.0.0.0/8" "to 10.9.9.9" "to 10.0.0.0/8" "not" "fwmark 5" "fwmark 5/0xf" \
		"fwmark 0x5/0xff" "iif v0" "dev v0" "oif v1" "iif nonex" "tos 0x10" "dsfield 16" \
		"protocol static" "pref 103" "order 103" "priority 100" "table 100" "table main" \
		"lookup 101" "table 0" "uidrange 5-9" "uidrange 5-8" "ipproto udp" "ipproto 17" \
		"sport 1-5" "sport 1" "dport 7" "dport 7-7" "l3mdev" "tun_id 9" "tun_id 8" \
		"pref 101 pref 100"; do
		# shellcheck disable=SC2086 # a selector is several words
		diff_ip rule show $sel
		# shellcheck disable=SC2086
		diff_ip -j rule show $sel
	done
	diff_ip -6 rule show from 2001:db8::/16
	diff_ip -6 rule show fwmark 0x20/0xf0
	diff_ip -j rule show pref 999
}

@test "errors of show" {
	diff_ip rule show foo
	diff_ip rule show from foo
	diff_ip rule show table foo
	diff_ip rule show pref foo
	diff_ip rule show iif
	diff_ip rule show realms 7
	diff_ip -6 rule show from 1.1.1.1/8
	diff_ip rule foo
	diff_ip rule help
	diff_ip -0 rule
	diff_ip -M rule
}

# bad_add ARGS: ours and the reference refuse alike and change nothing.
bad_add() {
	local before
	before=$(ref -d rule; ref -6 -d rule)
	diff_ip rule add "$@"
	[ "$status" -ne 0 ]
	[ "$(ref -d rule; ref -6 -d rule)" = "$before" ]
}

@test "bad add: argument errors and their exit statuses" {
	bad_add foo
	bad_add from
	bad_add iif
	bad_add from foo
	bad_add to 1.2.3.4/33
	bad_add pref foo
	bad_add priority 4294967296
	bad_add table foo
	bad_add fwmark foo
	bad_add fwmark 1/foo
	bad_add tos foo
	bad_add dsfield 0x100
	bad_add realms foo
	bad_add realms 1/foo
	bad_add uidrange 5
	bad_add uidrange 5-a
	bad_add ipproto foo
	bad_add sport foo
	bad_add goto foo
	bad_add suppress_prefixlength foo
	bad_add suppress_ifgroup foo
	bad_add protocol foo
	bad_add type 256
	bad_add thr
	bad_add l3mdev table 5
	bad_add iif 12345678901234567890
	bad_add nat
	bad_add nat 1::
	bad_add from 1.2.3.4 pref 7 table foo
}

@test "bad add: the kernel's refusals" {
	bad_add sport 5-1
	bad_add goto 5
	bad_add dsfield 0x20 table 7
	bad_add type local
	bad_add from 1.2.3.4 to ::1
	bad_add from 2001:db8::/32
	diff_ip rule add pref 50 table 5
	diff_ip rule add pref 50 table 5
	[ "$status" -eq 2 ]
}

@test "add quirks: abbreviations, types, nat, port truncation" {
	local args
	for args in "p 7" "pr 8" "pro 5" "o 9" "ta 5" "t 5" "d 0x10" "r 4" "s 3" "suppress_i 4" \
		"g 10000" "n" "b" "bl" "u" "uni" "proh" "a" "mu" "x" "throw" "type nat" \
		"type unicast" "unicast map-to 1.2.3.4" "map-to 1.2.3.4 unicast" "m 1.2.3.4" \
		"nat 1.2.3.4 blackhole" "dport 70000" "sport 1-" "table 0" "lookup 99" "type 255" \
		"l3mdev"; do
		# shellcheck disable=SC2086
		diff_ip rule add $args
	done
	diff_ip -d rule
	diff_ip -N rule
	diff_ip -j rule
}

@test "del: by selector, by priority, and what is missing" {
	rules_v4 ref
	diff_ip rule del pref 104
	diff_ip rule del from 10.0.0.0/8 table 100
	diff_ip rule del pref 4242
	diff_ip rule del nop
	diff_ip rule d table main
	diff_ip -d rule
}

@test "flush keeps priority 0 and honours its selectors" {
	rules_v4 ref
	rules_v6 ref
	diff_ip rule flush protocol static
	diff_ip -d rule
	diff_ip rule flush from 10.0.0.0/8
	diff_ip -d rule
	diff_ip -j rule flush
	diff_ip -d rule
	diff_ip -6 -d rule
	diff_ip -6 rule flush
	diff_ip -6 -d rule
	diff_ip rule flush foo
}

# save_restore SAVER RESTORER FAMILY...: rules made, saved by SAVER, flushed,
# restored by RESTORER into a fresh namespace: the dumps must match.
save_restore() {
	local saver=$1 restorer=$2 fam
	shift 2

	rules_v4 ref
	rules_v6 ref
	for fam in "$@"; do
		$saver "$fam" rule save >"$BATS_TEST_TMPDIR/save$fam"
		ref "$fam" -d rule >"$BATS_TEST_TMPDIR/before$fam"
	done
	nlkit_teardown
	nlkit_setup
	ref link add v0 type veth peer name v1
	for fam in "$@"; do
		ref "$fam" rule flush
		$restorer "$fam" rule restore <"$BATS_TEST_TMPDIR/save$fam"
		# The kernel's priority-0 rule was kept by the flush and restored again.
		ref "$fam" rule del pref 0
		ref "$fam" -d rule | diff -u "$BATS_TEST_TMPDIR/before$fam" -
	done
}

@test "save by ours, restore by the reference" {
	save_restore ours ref -4 -6
}

@test "save by the reference, restore by ours" {
	save_restore ref ours -4 -6
}

@test "save streams: same bytes but sequence numbers; errors" {
	rules_v4 ref
	ours rule save >"$BATS_TEST_TMPDIR/ours"
	ref rule save >"$BATS_TEST_TMPDIR/ref"
	[ "$(stat -c %s "$BATS_TEST_TMPDIR/ours")" = "$(stat -c %s "$BATS_TEST_TMPDIR/ref")" ]
	[ "$(head -c 4 "$BATS_TEST_TMPDIR/ours" | od -An -tx1)" = " 86 69 70 71" ]
	diff_ip rule save foo
	[ "$status" -eq 1 ]
	# Under -j the reference ends the stream with its empty JSON document.
	[ "$(ours -j rule save | tail -c 3)" = "$(ref -j rule save | tail -c 3)" ]
	run ref rule restore </dev/null
	[ "$status" -eq 255 ]
	[ "$output" = "Magic mismatch (0 elems, 0 magic)" ]
	run ours rule restore </dev/null
	[ "$status" -eq 255 ]
	[ "$output" = "Magic mismatch (0 elems, 0 magic)" ]
	run ref rule restore <<<"garbage"
	[ "$status" -eq 255 ]
	[ "$output" = "Magic mismatch (1 elems, 62726167 magic)" ]
	run ours rule restore <<<"garbage"
	[ "$status" -eq 255 ]
	[ "$output" = "Magic mismatch (1 elems, 62726167 magic)" ]
}

# Policy routing: two tables, rules steering by source, mark and input
# device, checked with route get.
@test "policy routing: rules made by ours steer as the reference's" {
	ref link add v0 type veth peer name v1
	ref link add w0 type veth peer name w1
	ref link set v0 up
	ref link set v1 up
	ref link set w0 up
	ref link set lo up
	ns sysctl -qw net.ipv4.ip_forward=1
	ref addr add 192.0.2.1/24 dev v0
	ref addr add 198.51.100.1/24 dev w0
	ref addr add 10.10.1.1/32 dev lo
	ref route add default via 192.0.2.254 table 100
	ref route add default via 198.51.100.254 table 200
	ours rule add from 10.10.0.0/16 lookup 100 pref 1000
	ours rule add fwmark 0x2/0xff lookup 200 pref 1001
	ours rule add iif v1 lookup 200 pref 1002
	ours rule add to 203.0.113.0/24 blackhole pref 999
	diff_ip rule
	diff_ip -j rule show pref 1001
	run ref route get 8.8.8.8 from 10.10.1.1
	[[ "$output" == *"via 192.0.2.254 dev v0 table 100"* ]]
	run ref route get 8.8.8.8 mark 0x102
	[[ "$output" == *"via 198.51.100.254 dev w0 table 200"* ]]
	run ref route get 8.8.8.8 mark 0x103
	[[ "$output" != *"table 200"* ]]
	run ref route get 8.8.8.8 from 192.0.2.7 iif v1
	[[ "$output" == *"via 198.51.100.254 dev w0 table 200"* ]]
	run ref route get 203.0.113.5
	[ "$status" -ne 0 ]
	ours rule del pref 1001
	run ref route get 8.8.8.8 mark 0x102
	[[ "$output" != *"table 200"* ]]
	ours -6 rule add from 2001:db8:1::/48 lookup 100 pref 50
	diff_ip -6 rule
}

# The IPv6 side, and route get compared whole: the rules, made by ours,
# pick the table, and both print the same answer for each lookup.
@test "policy routing: route get answers alike through rules made by ours" {
	ref link add v0 type veth peer name v1
	ref link add w0 type veth peer name w1
	ref link set lo up
	ref link set v0 up
	ref link set v1 up
	ref link set w0 up
	ns sysctl -qw net.ipv4.ip_forward=1
	ns sysctl -qw net.ipv6.conf.all.forwarding=1
	ref addr add 192.0.2.1/24 dev v0
	ref addr add 198.51.100.1/24 dev w0
	ref addr add 2001:db8:a::1/64 dev v0 nodad
	ref addr add 2001:db8:b::1/64 dev w0 nodad
	# Sources the lookups give must be local.
	ref addr add 10.10.1.1/32 dev lo
	ref addr add 2001:db8:1::5/128 dev lo nodad
	ours route add default via 192.0.2.254 table 100
	ours route add default via 198.51.100.254 table 200
	ours -6 route add default via 2001:db8:a::fe table 100
	ours -6 route add default via 2001:db8:b::fe table 200
	ours rule add from 10.10.0.0/16 lookup 100 pref 1000
	ours rule add fwmark 0x2/0xff lookup 200 pref 1001
	ours rule add ipproto udp dport 53 lookup 200 pref 1002
	ours -6 rule add from 2001:db8:1::/48 lookup 100 pref 1000
	ours -6 rule add fwmark 9 lookup 200 pref 1001
	ours -6 rule add to 2001:db8:dead::/48 prohibit pref 999
	diff_ip route get 8.8.8.8 from 10.10.1.1
	diff_ip -j route get 8.8.8.8 mark 0x102
	diff_ip route get 8.8.8.8 ipproto udp dport 53
	diff_ip route get 8.8.8.8 ipproto udp dport 54
	diff_ip -6 route get 2001:db8:99::1 from 2001:db8:1::5
	diff_ip -6 -j route get 2001:db8:99::1 mark 9
	diff_ip -6 route get 2001:db8:dead::1
	diff_ip -6 route get 2001:db8:99::1
	# Each answer above came from the table its rule names.
	run -0 ours route get 8.8.8.8 from 10.10.1.1
	[[ "$output" == *"via 192.0.2.254 dev v0 table 100"* ]]
	run -0 ours route get 8.8.8.8 ipproto udp dport 53
	[[ "$output" == *"via 198.51.100.254 dev w0 table 200"* ]]
	run -0 ours -6 route get 2001:db8:99::1 mark 9
	[[ "$output" == *"via 2001:db8:b::fe dev w0"* ]]
	run -0 ours -6 route get 2001:db8:99::1 from 2001:db8:1::5
	[[ "$output" == *"via 2001:db8:a::fe dev v0"* ]]
	run -0 ours route get 8.8.8.8 mark 0x102
	[[ "$output" == *"via 198.51.100.254 dev w0 table 200"* ]]
	run ours -6 route get 2001:db8:dead::1
	[ "$status" -ne 0 ]
}

# --- table-driven: one rule per case, made by each, shown by both ---

# rule_cases FAMILY CASE...: each CASE (the arguments of `rule add`) made
# by the reference, then by ours, each time in a fresh namespace with a
# veth pair, and listed by both in text and in JSON.
rule_cases() {
	local family=$1 first_ns=$NLKIT_NS_PID case maker
	shift

	for case in "$@"; do
		for maker in ref ours; do
			echo "case: $maker $family rule add $case"
			[ "$NLKIT_NS_PID" = "$first_ns" ] || nlkit_netns_stop "$NLKIT_NS_PID"
			nlkit_netns_start NLKIT_NS_PID
			ref link add v0 type veth peer name v1
			# shellcheck disable=SC2086 # a case is words
			"$maker" "$family" rule add $case
			diff_ip "$family" rule
			diff_ip "$family" -j rule
		done
	done
}

@test "table: IPv4 rules, made by each, shown by both" {
	rule_cases -4 \
		"from 10.0.0.0/8 lookup 100" \
		"to 10.1.0.0/16 lookup 100" \
		"from 10.0.0.1 to 10.2.0.0/16 priority 50 table main" \
		"iif v0 lookup 100" \
		"oif v1 lookup 100" \
		"fwmark 5 lookup 100" \
		"fwmark 0x10/0xff lookup 100" \
		"tos 0x10 lookup 100" \
		"dsfield 0x08 lookup 100" \
		"uidrange 1000-2000 lookup 100" \
		"ipproto tcp lookup 100" \
		"ipproto udp dport 53 lookup 100" \
		"ipproto tcp sport 1000-2000 lookup 100" \
		"lookup main suppress_prefixlength 0" \
		"lookup main suppress_ifgroup 5" \
		"protocol static lookup 100" \
		"not from 10.0.0.0/8 lookup 100" \
		"priority 100 goto 200" \
		"priority 100 nop" \
		"blackhole" \
		"unreachable" \
		"prohibit" \
		"from 10.0.0.0/8 realms 3/4 lookup 100" \
		"lookup 5000" \
		"l3mdev priority 1000"
}

@test "table: IPv6 rules, made by each, shown by both" {
	rule_cases -6 \
		"from 2001:db8::/32 lookup 100" \
		"to 2001:db8:1::/48 lookup 100" \
		"iif v0 oif v1 lookup 100" \
		"fwmark 7/0xf lookup 100" \
		"ipproto tcp dport 443 lookup 100" \
		"uidrange 0-0 lookup main" \
		"not to 2001:db8::/32 lookup 100" \
		"lookup main suppress_prefixlength 64" \
		"priority 77 prohibit" \
		"blackhole" \
		"protocol 42 lookup local"
}
