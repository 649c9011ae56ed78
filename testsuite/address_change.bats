#!/usr/bin/env bats
# ip address add, change, replace, del, flush, save, restore, showdump:
# state made by one ip is shown by both; errors leave the namespace as it was.

load lib/common

setup() {
	nlkit_setup
	ref link add v0 type veth peer name v1
}

# diff_state [ARG...]: the namespace's addresses (and links) as both show them.
diff_state() {
	diff_ip addr show "$@"
	diff_ip -j addr show "$@"
}

# snapshot FILE: the reference's view of every address, for before/after
# checks (diff_fails).
snapshot() {
	ref -d addr show >"$1"
}

# state_of: the addresses of the namespace (the MAC addresses of fresh
# links differ from namespace to namespace).
state_of() {
	ref addr show | grep -v link/
}

# same_both SETUP-FN: the state SETUP-FN makes with ours equals the one it
# makes with the reference, shown by both.  Lifetimes count down in
# seconds: a second that turns between the two sides gets two more chances.
same_both() {
	local fn=$1 side attempt dir=$BATS_TEST_TMPDIR

	for attempt in 1 2 3; do
		for side in ours ref; do
			ref addr flush dev v0
			ref addr flush dev v1
			"$fn" "$side"
			diff_state dev v0
			ref addr show dev v0 >"$dir/$side.v0"
			ref addr show dev v1 >"$dir/$side.v1"
		done
		if nlkit_same_file "$dir/ours.v0" "$dir/ref.v0" &&
			nlkit_same_file "$dir/ours.v1" "$dir/ref.v1"; then
			return 0
		fi
	done
	diff -u "$dir/ref.v0" "$dir/ours.v0"
	diff -u "$dir/ref.v1" "$dir/ours.v1"
}

@test "add IPv4: prefix, brd +, label, metric, scope, lifetimes" {
	ours addr add 10.0.0.1/24 brd + dev v0 label v0:one metric 5
	ours addr add 10.5.0.2/24 dev v0 scope link
	ours addr add 10.1.0.1/16 dev v0 brd - valid_lft 100 preferred_lft 50
	ours addr add 127.0.0.5/8 dev v1
	diff_state
	diff_state dev v0
	diff_ip -o addr show
	diff_ip -br addr show
}

@test "add IPv6: nodad, home, mngtmpaddr, noprefixroute, optimistic, lifetimes" {
	ours addr add 2001:db8::1/64 dev v0 nodad home mngtmpaddr noprefixroute
	ours addr add 2001:db8::2/64 dev v0 nodad valid_lft 200 preferred_lft 100
	ours addr add 2001:db8::3/64 dev v0 optimistic nodad preferred_lft 0
	ours addr add 2001:db8:1::1 peer 2001:db8:1::2/128 dev v0 nodad
	ours -6 addr add fd00::1/8 dev v1 nodad scope site
	diff_state
	diff_ip -6 -j -p addr show
}

@test "add: peer, broadcast and anycast addresses" {
	ours addr add 10.0.0.3 peer 10.1.0.1/24 dev v0
	ours addr add 10.2.0.1/24 broadcast 10.2.0.127 anycast 10.2.0.9 dev v0
	ours addr add local 10.3.0.1/31 brd + dev v0
	ours addr add 10.4.0.1/32 brd + dev v0
	diff_state
}

@test "add: autojoin on multicast addresses" {
	ours addr add 224.0.0.9/24 dev v0 autojoin
	ours addr add ff0e::1/64 dev v0 autojoin nodad
	diff_state dev v0
}

@test "add by ours equals add by the reference" {
	build() {
		"$1" addr add 10.0.0.1/24 brd + dev v0 label v0:x metric 7
		"$1" addr add 10.0.0.9 peer 10.9.0.1/24 dev v0 scope 17
		"$1" addr add 2001:db8::1/64 dev v0 nodad noprefixroute valid_lft 300 preferred_lft 300
		"$1" addr add 10.5.0.1/16 brd - dev v1 preferred_lft forever valid_lft forever
	}
	same_both build
}

@test "made by the reference, shown by both" {
	ref addr add 10.0.0.1/24 brd + dev v0 label v0:a
	ref addr add 2001:db8::5/64 dev v0 nodad mngtmpaddr
	ref addr add 192.168.0.1 peer 192.168.0.2 dev v1
	diff_state
	diff_ip -4 -o addr
}

@test "change and replace" {
	ours addr add 10.0.0.1/24 dev v0 valid_lft 100 preferred_lft 100
	ours addr change 10.0.0.1/24 dev v0 valid_lft forever preferred_lft forever metric 3
	diff_state dev v0
	ours addr replace 10.0.0.1/24 dev v0 noprefixroute
	ours addr replace 10.0.0.2/24 dev v0 label v0:r
	diff_state dev v0
	ours addr chg 10.0.0.2/24 dev v0 preferred_lft 0 valid_lft 30
	diff_state dev v0
	ours -6 addr add 2001:db8::7/64 dev v0 nodad
	ours addr change 2001:db8::7/64 dev v0 nodad home
	diff_state dev v0
}

with_primary() {
	setup_v0
	ref addr add 10.0.0.1/24 dev v0
}

@test "del: by prefix, IPv6, mngtmpaddr, and the wildcard warning" {
	ref addr add 10.0.0.1/24 dev v0
	ref addr add 10.0.0.2/24 dev v0
	ref addr add 2001:db8::1/64 dev v0 nodad
	ours addr del 10.0.0.2/24 dev v0
	diff_state dev v0
	diff_fresh with_primary addr del 10.0.0.1 dev v0
	ours addr del 2001:db8::1/64 dev v0
	diff_state dev v0
	ref addr add 2001:db8::1/64 dev v0 nodad mngtmpaddr
	ours addr del 2001:db8::1/64 dev v0 mngtmpaddr
	diff_state dev v0
}

@test "errors: bad prefixes and addresses" {
	diff_fails addr add x/24 dev v0
	diff_fails addr add 10.0.0.1/33 dev v0
	diff_fails addr add 10.0.0.1/24 dev v0 brd x
	diff_fails addr add 10.0.0.1/24 dev v0 peer x
	diff_fails addr add 10.0.0.1/24 peer 2001:db8::1 dev v0
	diff_fails addr add 10.0.0.1/24 dev v0 anycast x
	diff_fails -6 addr add 10.0.0.1/24 dev v0
}

@test "errors: bad and missing arguments" {
	diff_fails addr add 10.0.0.1/24
	diff_fails addr add 10.0.0.1/24 dev nope
	diff_fails addr add 10.0.0.1/24 dev v0 scope bogus
	diff_fails addr add 10.0.0.1/24 dev v0 valid_lft x
	diff_fails addr add 10.0.0.1/24 dev v0 valid_lft -1
	diff_fails addr add 10.0.0.1/24 dev v0 metric x
	diff_fails addr add 10.0.0.1/24 10.0.0.2/24 dev v0
	diff_fails addr add 10.0.0.1/24 dev v0 bogus
	diff_fails addr add 10.0.0.1/24 dev v0 brd
	diff_fails addr add 10.0.0.1/24 dev v0 valid_lft 5 preferred_lft 10
	diff_fails addr add 10.0.0.1/24 dev v0 valid_lft 5
	diff_fails addr add 2001:db8::1/64 dev v0 brd +
	diff_fails addr add 2001:db8::1/64 dev v0 autojoin
	diff_fails addr foo
	diff_fails addr add help
}

@test "errors from the kernel: exists, not found, extack" {
	ref addr add 10.0.0.1/24 dev v0
	ref addr add 2001:db8::1/64 dev v0 nodad
	diff_fails addr add 10.0.0.1/24 dev v0
	diff_fails addr add 2001:db8::1/64 dev v0 nodad
	diff_fails addr del 10.9.0.1/24 dev v0
	diff_fails addr del 2001:db8::9/64 dev v0
	diff_fails addr add dev v0
	diff_fails addr add 10.0.0.1/24 dev v0 label v0:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
	diff_fails addr add 10.0.0.2/24 dev v0 scope host
}

@test "warnings for IPv6-only flags on IPv4" {
	diff_fresh setup_v0 addr add 10.0.0.1/24 dev v0 nodad home
	diff_fresh setup_v0 -4 addr add optimistic 10.0.0.1/24 dev v0 mngtmpaddr
}

@test "the requests on the wire" {
	wire_ip --setup setup_v0 addr add 10.0.0.1/24 brd + dev v0 label v0:x metric 5 valid_lft 100 preferred_lft 50
	wire_ip --setup setup_v0 addr add 2001:db8::1/64 dev v0 nodad home mngtmpaddr noprefixroute
	wire_ip --setup setup_v0 addr add nodad 2001:db8::2 dev v0
	wire_ip --setup setup_v0 addr add 10.0.0.2 peer 10.9.0.1/24 dev v0 brd 10.0.0.255 anycast 10.0.0.7 scope link
	wire_ip --setup setup_v0 addr replace 10.0.0.3/8 dev v0 brd -
	wire_ip --setup setup_v0 addr add 224.1.1.1/24 dev v0 autojoin brd +
	wire_ip --setup setup_v0 addr del 10.0.0.3 dev v0
	wire_ip --setup setup_v0 addr del 2001:db8::1/64 dev v0 mngtmpaddr
}

setup_v0() {
	ref link add v0 type veth peer name v1
}

fill() {
	ref link set lo up
	ref addr add 10.0.0.1/24 dev v0 label v0:x
	ref addr add 10.0.0.2/24 dev v0
	ref addr add 10.0.0.3/24 dev v0 metric 4 brd +
	ref addr add 2001:db8::1/64 dev v0 nodad preferred_lft 0
	ref addr add 192.168.1.1/24 dev v1
	ref addr add 2001:db8:2::1/64 dev v1 nodad
}

links_filled() {
	setup_v0
	fill
}

@test "flush: by device, with -s and -s -s" {
	diff_fresh links_filled -s addr flush dev v0
	diff_fresh links_filled -s -s addr flush dev v0
	diff_fresh links_filled addr flush dev v0
	diff_fresh links_filled -o -s -s addr flush dev v0
	diff_fresh links_filled -br -s -s addr flush dev v0
	# Flush answers in text even under -j, which diff_ip would refuse.
	diff_fresh links_filled -j -s -s addr flush dev v0
	diff_fresh setup_v0 -s addr flush dev v0
	diff_fresh setup_v0 -s -s addr flush dev v0
}

@test "flush: selectors" {
	diff_fresh links_filled -4 -s addr flush label "v0*"
	diff_fresh links_filled -s -s addr flush to 2001:db8::/32
	diff_fresh links_filled -s addr flush scope host
	diff_fresh links_filled -s -s addr flush secondary
	diff_fresh links_filled -6 -s -s addr flush deprecated
	diff_fresh links_filled -s addr flush dev v1 up
}

@test "flush: errors" {
	fill
	diff_fails addr flush
	diff_fails addr flush dev nope
	diff_fails addr flush all
	diff_fails addr flush to x
}

many_addresses() {
	local i

	setup_v0
	for ((i = 1; i <= 300; i++)); do
		echo "address add 10.1.$((i / 250)).$((i % 250 + 1))/16 dev v0"
	done >"$BATS_TEST_TMPDIR/batch"
	ref -b "$BATS_TEST_TMPDIR/batch"
}

@test "flush: many addresses in one round" {
	diff_fresh many_addresses -s addr flush dev v0
	diff_fresh many_addresses -s -s addr flush to 10.1.0.0/24
}

@test "flush: -l bounds the rounds; one too few fails with the reference's words" {
	local fresh=$BATS_TEST_TMPDIR/fresh

	diff_fresh links_filled -l 1 -s addr flush dev v0
	[ "$(cat "$fresh/ours.status")" = 255 ]
	[ "$(cat "$fresh/ours.err")" = "*** Flush remains incomplete after 1 rounds. ***" ]
	diff_fresh links_filled -l 2 -s addr flush dev v0
	[ "$(cat "$fresh/ours.status")" = 0 ]
}

@test "save and showdump: ours reads the reference's file and back" {
	fill
	ref addr save >"$BATS_TEST_TMPDIR/ref.save"
	ours addr save >"$BATS_TEST_TMPDIR/ours.save"
	diff_ip addr showdump <"$BATS_TEST_TMPDIR/ref.save"
	diff_ip addr showdump <"$BATS_TEST_TMPDIR/ours.save"
	diff_ip -j -p addr showdump <"$BATS_TEST_TMPDIR/ours.save"
	diff_ip -o addr showdump <"$BATS_TEST_TMPDIR/ours.save"
	diff_ip -br addr showdump <"$BATS_TEST_TMPDIR/ours.save"
	# The same messages but for sequence numbers and port ids.
	cmp <(ref addr showdump <"$BATS_TEST_TMPDIR/ref.save") \
		<(ref addr showdump <"$BATS_TEST_TMPDIR/ours.save")
}

@test "save with selectors" {
	fill
	ours addr save dev v0 >"$BATS_TEST_TMPDIR/ours.save"
	ref addr save dev v0 >"$BATS_TEST_TMPDIR/ref.save"
	diff <(ref addr showdump <"$BATS_TEST_TMPDIR/ref.save") \
		<(ref addr showdump <"$BATS_TEST_TMPDIR/ours.save")
	ours -6 addr save >"$BATS_TEST_TMPDIR/ours.save"
	ref -6 addr save >"$BATS_TEST_TMPDIR/ref.save"
	diff <(ref addr showdump <"$BATS_TEST_TMPDIR/ref.save") \
		<(ref addr showdump <"$BATS_TEST_TMPDIR/ours.save")
	diff_ip -j addr showdump <"$BATS_TEST_TMPDIR/ours.save"
}

# full_dump: every address, lifetimes that count down masked.
full_dump() {
	ref addr show | sed 's/[0-9]*sec/Nsec/g'
}

@test "restore: our save into the reference, and the reverse" {
	fill
	ours addr save dev v0 >"$BATS_TEST_TMPDIR/ours.save"
	ref addr save dev v0 >"$BATS_TEST_TMPDIR/ref.save"
	full_dump >"$BATS_TEST_TMPDIR/full"
	ref addr flush dev v0
	ref addr restore <"$BATS_TEST_TMPDIR/ours.save"
	full_dump | diff -u "$BATS_TEST_TMPDIR/full" -
	ref addr flush dev v0
	ours addr restore <"$BATS_TEST_TMPDIR/ref.save"
	full_dump | diff -u "$BATS_TEST_TMPDIR/full" -
	# Restoring over what is there: the kernel's errors, still a success.
	diff_ip addr restore <"$BATS_TEST_TMPDIR/ref.save"
	[ "$status" -eq 0 ]
	full_dump | diff -u "$BATS_TEST_TMPDIR/full" -
}

@test "restore and showdump: bad input" {
	printf '' >"$BATS_TEST_TMPDIR/empty"
	echo hello >"$BATS_TEST_TMPDIR/hello"
	printf '\x22\x12\x36\x47' >"$BATS_TEST_TMPDIR/magic"
	printf '\x22\x12\x36\x47\x10\x00' >"$BATS_TEST_TMPDIR/short"
	printf '\x22\x12\x36\x47\x04\x00\x00\x00\x10\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00' \
		>"$BATS_TEST_TMPDIR/tiny"
	printf '\x22\x12\x36\x47\x40\x00\x00\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00' \
		>"$BATS_TEST_TMPDIR/cut"
	for f in empty hello magic short tiny cut; do
		diff_ip addr showdump <"$BATS_TEST_TMPDIR/$f"
		diff_ip -j addr showdump <"$BATS_TEST_TMPDIR/$f"
		diff_ip addr restore <"$BATS_TEST_TMPDIR/$f"
	done
}

@test "help and abbreviations" {
	diff_ip addr help
	diff_fresh setup_v0 a a 10.0.0.1/24 dev v0
	diff_fresh with_primary a r 10.0.0.1/24 dev v0 metric 2
	diff_fresh with_primary a c 10.0.0.1/24 dev v0 metric 3
	diff_fresh with_primary a d 10.0.0.1/24 dev v0
}
