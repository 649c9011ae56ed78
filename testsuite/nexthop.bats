#!/usr/bin/env bats
# ip nexthop: ours against the reference, both ways round.

load lib/common

# Links and addresses the nexthops use.
nh_links() {
	ref link set lo up
	ref link add v0 type veth peer name v1
	ref link set v0 up
	ref link set v1 up
	ref link add br0 type bridge
	ref link set br0 up
	ref link set v1 master br0
	ref addr add 10.0.0.1/24 dev v0
	ref -6 addr add 2001:db8::1/64 dev v0 nodad
}

# Every kind of nexthop the kernel keeps, made by the program given.
nexthops() {
	local ip=$1

	$ip nexthop add id 1 via 10.0.0.2 dev v0
	$ip nexthop add id 2 via 2001:db8::2 dev v0
	$ip nexthop add id 3 blackhole
	$ip nexthop add id 4 dev br0
	$ip nexthop add id 5 via 10.0.0.3 dev v0 onlink protocol static
	$ip nexthop add id 6 via 10.0.0.4 fdb
	$ip nexthop add id 7 group 1/5
	$ip nexthop add id 8 group 1,10/5,20 type resilient buckets 8 idle_timer 10 \
		unbalanced_timer 20
	$ip nexthop add id 9 group 2/1,3 type mpath
	$ip nexthop add id 11 group 6 fdb
	$ip -6 nexthop add id 12 blackhole
	$ip nexthop add id 13 via 2001:db8::3 dev v0 protocol 99
}

show_all() {
	diff_ip nexthop
	diff_ip nexthop show
	diff_ip nexthop list
	diff_ip -d nexthop
	diff_ip -s nexthop
	diff_ip -j nexthop
	diff_ip -j -p nexthop
	diff_ip -d -j nexthop
	diff_ip -4 nexthop
	diff_ip -6 nexthop
	diff_ip -6 -j nexthop
}

# diff_buckets ARGS: bucket output, the idle times aside (they run on).
diff_buckets() {
	local ours_out ref_out

	ours_out=$(ours "$@" 2>&1 | sed -E 's/idle_time"?:? ?[0-9.e+-]+/idle_time X/g')
	ref_out=$(ref "$@" 2>&1 | sed -E 's/idle_time"?:? ?[0-9.e+-]+/idle_time X/g')
	[ "$ours_out" = "$ref_out" ] || {
		diff -u <(echo "$ref_out") <(echo "$ours_out")
		return 1
	}
}

@test "no nexthops" {
	diff_ip nexthop
	diff_ip -j nexthop
	diff_ip -j -p nexthop
	diff_ip nexthop flush
	diff_ip nexthop bucket
}

@test "nexthops made by the reference, shown by both" {
	nh_links
	nexthops ref
	show_all
}

@test "nexthops made by ours, shown by both" {
	nh_links
	nexthops ours
	show_all
}

@test "ours and the reference make the same nexthops" {
	nh_links
	nexthops ours
	ours -d -j nexthop >"$BATS_TEST_TMPDIR/ours"
	ref nexthop flush
	nexthops ref
	ref -d -j nexthop | diff -u - "$BATS_TEST_TMPDIR/ours"
}

@test "the wire: add, replace, del, get" {
	wire_ip --setup nh_links nexthop add id 2 via 10.0.0.9 dev v0 onlink protocol static
	wire_ip --setup nh_links nexthop add id 3 blackhole
	wire_ip --setup nh_links -6 nexthop add id 3 blackhole
	wire_ip --setup nh_links nexthop add id 4 via 10.0.0.4 fdb
	wire_ip --setup nh_links nexthop add id 9 group 1/5 type mpath
	wire_ip --setup nh_links nexthop replace id 8 group 1,10/5,20 type resilient buckets 8 \
		idle_timer 10 unbalanced_timer 20
	wire_ip --setup nh_links nexthop add id 10 encap mpls 100/200 via 10.0.0.5 dev v0
	wire_ip --setup nh_links nexthop del id 1
}

@test "show selectors" {
	nh_links
	nexthops ref
	local sel
	for sel in "id 1" "id 7" "id 99" "dev v0" "dev br0" "groups" "fdb" "master br0" \
		"proto 4" "protocol 99" "id 7 dev v0" "groups fdb" "dev nope" "vrf br0" \
		"protocol static" "foo" "id foo" "id" "nhid 8" "master nope"; do
		# shellcheck disable=SC2086 # a selector is several words
		diff_ip nexthop show $sel
		# shellcheck disable=SC2086
		diff_ip -j nexthop show $sel
	done
}

@test "get and del" {
	nh_links
	nexthops ref
	diff_ip nexthop get id 1
	diff_ip -j nexthop get id 8
	diff_ip -d nexthop get id 12
	diff_ip nexthop get id 99
	diff_ip nexthop get
	diff_ip nexthop get id 1 foo
	diff_ip nexthop del id 99
	diff_ip nexthop del
	diff_ip nexthop del id 7
	diff_ip nexthop del id 1
	diff_ip -d nexthop
	diff_ip nexthop help
	diff_ip nexthop foo
}

# bad_add ARGS: both refuse alike, nothing changes.
bad_add() {
	local before
	before=$(ref -d nexthop)
	diff_ip nexthop add "$@"
	[ "$status" -ne 0 ]
	[ "$(ref -d nexthop)" = "$before" ]
}

@test "bad add: argument errors and the kernel's" {
	nh_links
	nexthops ref
	bad_add id 20
	bad_add id 20 via
	bad_add id 20 via foo dev v0
	bad_add id 20 dev nope
	bad_add id 20 group 1/foo
	bad_add id 20 group 1,300
	bad_add id 20 group 1,0
	bad_add id 20 group foo
	bad_add id 20 group 1/
	bad_add id 20 group 1 type foo
	bad_add id 20 group 1 type resilient buckets foo
	bad_add id 20 group 1 type resilient idle_timer foo
	bad_add id foo via 10.0.0.5 dev v0
	bad_add id 20 foo
	bad_add id 20 blackhole dev v0
	bad_add id 20 via 10.0.0.9 dev v0 protocol foo
	bad_add id 20 encap foo
	bad_add id 20 encap mpls foo
	bad_add id 20 dev v0 fdb
	bad_add id 1 via 10.0.0.9 dev v0
	bad_add id 20 group 99
	bad_add id 20 encap mpls 100 via 10.0.0.5 dev v0
	bad_add id 20 group 1,256/5,255/99
}

@test "replace and the changes groups see" {
	nh_links
	nexthops ours
	diff_ip nexthop replace id 8 group 1,10/5,30 type resilient buckets 8 idle_timer 15 \
		unbalanced_timer 25
	diff_ip nexthop replace id 7 group 1,2/5
	diff_ip nexthop replace id 1 via 10.0.0.9 dev v0
	diff_ip -d nexthop
	diff_ip -j -p nexthop
	ref link set v0 down
	diff_ip -d nexthop
}

@test "flush: everything, by selector, by id" {
	nh_links
	nexthops ref
	diff_ip nexthop flush id 3
	diff_ip nexthop flush id 99
	diff_ip nexthop flush proto 4
	diff_ip -d nexthop
	diff_ip nexthop flush dev v0
	diff_ip -d nexthop
	diff_ip nexthop flush groups
	diff_ip -d nexthop
	diff_ip nexthop flush
	diff_ip nexthop flush
	diff_ip -d nexthop
}

@test "buckets of a resilient group" {
	nh_links
	nexthops ours
	diff_buckets nexthop bucket
	diff_buckets nexthop bucket show id 8
	diff_buckets nexthop bucket list nhid 5
	diff_buckets -j nexthop bucket show nhid 1
	diff_buckets nexthop bucket show dev v0
	diff_buckets nexthop bucket get id 8 index 3
	diff_buckets -j -p nexthop bucket get id 8 index 0
	diff_ip nexthop bucket show nhid 8
	diff_ip nexthop bucket get id 8 index 9
	diff_ip nexthop bucket get id 8
	diff_ip nexthop bucket foo
}

@test "a route through a group made by ours" {
	nh_links
	nexthops ours
	ref route add 192.0.2.0/24 nhid 7
	run ref route get 192.0.2.1
	[[ "$output" == *"via 10.0.0."[23]" dev v0"* ]]
	diff_ip nexthop
}

@test "colours: gateways by family, devices, as the reference" {
	nh_links
	nexthops ref
	diff_ip -c=always nexthop
	diff_ip -c=always -d nexthop
	diff_ip -c=always -6 nexthop
	diff_ip -c=always -j nexthop
}

# --- table-driven: one nexthop per case, made by each, shown by both ---

# nh_cases CASE...: each CASE (the arguments of `nexthop add`, a family
# option first where it takes one) made by the reference, then by ours,
# each time in a fresh namespace with nh_links and ids 1, 2 (IPv4), 6, 7
# (IPv6) and 21, 22 (fdb) to group, and listed by both in text and JSON.
nh_cases() {
	local first_ns=$NLKIT_NS_PID case maker

	for case in "$@"; do
		for maker in ref ours; do
			echo "case: $maker nexthop add $case"
			[ "$NLKIT_NS_PID" = "$first_ns" ] || nlkit_netns_stop "$NLKIT_NS_PID"
			nlkit_netns_start NLKIT_NS_PID
			nh_links
			ref addr add 10.0.1.1/24 dev v1
			ref -6 addr add 2001:db8:f::1/64 dev v1 nodad
			ref nexthop add id 1 via 10.0.0.2 dev v0
			ref nexthop add id 2 via 10.0.1.2 dev v1
			ref nexthop add id 6 via 2001:db8::2 dev v0
			ref nexthop add id 7 via 2001:db8:f::3 dev v1
			ref nexthop add id 21 via 10.0.0.5 fdb
			ref nexthop add id 22 via 10.0.0.6 fdb
			# shellcheck disable=SC2086 # a case is words
			"$maker" $case
			diff_ip nexthop
			diff_ip -j nexthop
		done
	done
}

@test "table: nexthops of both families, made by each, shown by both" {
	nh_cases \
		"-4 nexthop add id 30 via 10.0.0.2 dev v0" \
		"-4 nexthop add id 30 dev v0" \
		"-4 nexthop add id 30 via 10.9.9.9 dev v0 onlink" \
		"-4 nexthop add id 30 blackhole" \
		"-4 nexthop add id 30 via 10.0.0.2 dev v0 proto static" \
		"-4 nexthop add id 30 via 10.0.0.2 fdb" \
		"nexthop add id 30 group 1/2" \
		"nexthop add id 30 group 1,3/2,7" \
		"nexthop add id 30 group 1/2 type resilient buckets 16 idle_timer 60 unbalanced_timer 30" \
		"nexthop add id 30 group 21/22 fdb" \
		"-6 nexthop add id 30 via 2001:db8::2 dev v0" \
		"-6 nexthop add id 30 via fe80::1 dev v0" \
		"-6 nexthop add id 30 blackhole" \
		"-6 nexthop add id 30 via 2001:db8::2 dev v0 proto 99" \
		"-6 nexthop add id 30 via 2001:db8::2 fdb" \
		"nexthop add id 30 group 6/7" \
		"nexthop add id 30 group 6,2/7,9 type mpath"
}
