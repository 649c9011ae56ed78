#!/usr/bin/env bats
# ip neighbour: add, change, replace, del, show, flush, get against the
# reference on the same namespace.

load lib/common

setup() {
	nlkit_setup
	setup_links
}

# snapshot FILE: every neighbour entry and proxy as the reference sees
# them, but for those the kernel changes on its own at any time: the
# multicast entries of IPv6, entries that are being resolved.
snapshot() {
	{
		ref neigh show nud all
		ref neigh show proxy
	} | grep -v -E '^ff02::|PROBE|DELAY|FAILED|INCOMPLETE|REACHABLE' >"$1" || true
}

# state_of: every entry, as snapshot keeps them.
state_of() {
	snapshot /dev/stdout
}

# links_filled, links_settled: a fresh namespace as setup() makes the
# test's, with fill or fill_settled.
links_filled() {
	setup_links
	fill ref
}

links_settled() {
	setup_links
	fill_settled
}

# Fixed MAC addresses: the multicast entries of the link-local addresses
# they make (nud noarp) are then the same in every namespace.
setup_links() {
	ref link add v0 address 02:00:00:00:01:00 type veth peer name v1 address 02:00:00:00:01:01
	ref link set v0 up
	ref link set v1 up
	ref addr add 10.0.0.1/24 dev v0
	ref addr add 2001:db8::1/64 dev v0 nodad
	[ -z "${NLKIT_VALGRIND_LOGS:-}" ] || neigh_settled
}

# neigh_settled: wait until the links' own IPv6 traffic (duplicate address
# detection, MLD reports, router solicitations) has made its multicast
# entries: until no address is tentative and the table has stayed the same
# for 2 s.  Under valgrind ours reads the table seconds after the reference
# would, when more of them are there.
neigh_settled() {
	local last='' now same=0 tries

	for ((tries = 0; tries < 60 && same < 4; tries++)); do
		sleep 0.5
		now=$(ref -6 addr show tentative; ref neigh show nud all)
		if [ "$now" = "$last" ] && [[ $now != *tentative* ]]; then
			same=$((same + 1))
		else
			same=0
		fi
		last=$now
	done
}

# diff_shows: the listings a user would look at, text and JSON.
diff_shows() {
	diff_ip neigh
	diff_ip neigh show nud all
	diff_ip -j neigh show nud all
	diff_ip neigh show proxy
	diff_ip -j neigh show proxy
	diff_ip -c=always neigh show nud all
	diff_ip -c=always -s neigh show nud all
	diff_ip -c=always neigh show proxy
	diff_ip -br neigh show nud all
	diff_ip -br -c=always -s neigh show nud all
	diff_ip -br -j neigh show nud all
	diff_ip -br neigh show proxy
	diff_ip -br neigh show dev v0
}

# fill PROG: one entry of each state and flag, made with PROG.
fill() {
	local ip=$1

	"$ip" neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0
	"$ip" neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev v0 nud noarp
	"$ip" neigh add 10.0.0.4 lladdr 02:00:00:00:00:04 dev v0 nud stale router
	"$ip" neigh add 10.0.0.5 lladdr 02:00:00:00:00:05 dev v0 nud reachable
	"$ip" neigh add 10.0.0.6 lladdr 02:00:00:00:00:06 dev v0 nud probe
	"$ip" neigh add 10.0.0.7 dev v0 nud failed
	"$ip" neigh add 10.0.0.8 lladdr 02:00:00:00:00:08 dev v0 nud delay
	"$ip" neigh add 10.0.0.9 dev v0 nud incomplete
	"$ip" neigh add 10.0.0.10 dev v0 nud none
	"$ip" neigh add 10.0.0.11 lladdr 02:00:00:00:00:0b dev v0 extern_learn protocol static
	"$ip" neigh add 10.0.0.12 lladdr 02:00:00:00:00:0c dev v0 nud stale protocol 99
	"$ip" neigh add 2001:db8::2 lladdr 02:00:00:00:00:22 dev v0 router nud stale
	"$ip" neigh add 2001:db8::3 lladdr 02:00:00:00:00:23 dev v1
	"$ip" neigh add proxy 10.0.0.99 dev v0
	"$ip" neigh add proxy 2001:db8::99 dev v0 router
}

@test "empty tables" {
	diff_ip neigh
	diff_ip -j neigh
	diff_ip neigh show proxy
	diff_ip -j neigh show proxy
	diff_ip neigh list
	diff_ip neigh lst
}

@test "made by ours, shown by both" {
	fill ours
	diff_shows
}

@test "made by the reference, shown by both" {
	fill ref
	diff_shows
}

@test "made by ours equals made by the reference" {
	fill ours
	snapshot "$BATS_TEST_TMPDIR/ours"
	ref neigh flush dev v0 nud all
	ref neigh flush dev v0 nud noarp
	ref neigh flush dev v1 nud all
	ref neigh del proxy 10.0.0.99 dev v0
	ref neigh del proxy 2001:db8::99 dev v0
	fill ref
	snapshot "$BATS_TEST_TMPDIR/ref"
	diff -u "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/ours"
}

@test "use and managed" {
	ours neigh add 10.0.0.20 dev v0 use
	ours neigh add 10.0.0.21 dev v0 managed
	diff_ip neigh show nud all
	diff_ip -j neigh show nud all
}

@test "show filters: nud states" {
	local s

	fill ref
	for s in permanent noarp stale reachable probe failed delay incomplete none all; do
		diff_ip neigh show nud "$s"
		diff_ip -j neigh show nud "$s"
	done
	diff_ip neigh show nud noarp nud stale
	diff_ip neigh show nud 0x4
}

@test "show filters: dev, to, unused, family, nomaster" {
	fill ref
	diff_ip neigh show dev v0
	diff_ip -j neigh show dev v0
	diff_ip neigh show dev v1
	diff_ip neigh show to 10.0.0.0/29
	diff_ip neigh show 10.0.0.4
	diff_ip neigh show 2001:db8::/64
	diff_ip -4 neigh show
	diff_ip -6 neigh show nud all
	diff_ip neigh show unused
	diff_ip neigh show nomaster
	diff_ip -j -p neigh show dev v0 nud stale
	diff_ip neigh show proxy dev v0
}

@test "show: host names under -r" {
	ref link set lo up
	ref neigh add 127.0.0.1 lladdr 02:00:00:00:00:07 dev v0
	ref neigh add 10.0.0.9 lladdr 02:00:00:00:00:09 dev v0
	diff_ip -r neigh
	diff_ip -r -j neigh show dev v0
}

# fill_settled: entries in states the kernel leaves alone, whose probe
# counts and timers do not move between two listings (but for the seconds).
fill_settled() {
	ref neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0
	ref neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev v0 nud noarp
	ref neigh add 10.0.0.4 lladdr 02:00:00:00:00:04 dev v0 nud stale router
	ref neigh add 10.0.0.10 dev v0 nud none
	ref neigh add 10.0.0.11 lladdr 02:00:00:00:00:0b dev v0 extern_learn protocol static
	ref neigh add proxy 10.0.0.99 dev v0
}

@test "show: statistics" {
	fill_settled
	diff_ip -s neigh show dev v0
	diff_ip -s neigh show nud all
	diff_ip -s -j neigh show nud all
	diff_ip -s -s neigh show
	diff_ip -s -j -p neigh show nud all
	diff_ip -s neigh show proxy
	diff_ip -s neigh get 10.0.0.4 dev v0
}

@test "change and replace" {
	fill ours
	ours neigh change 10.0.0.2 dev v0 nud reachable
	ours neigh change 10.0.0.4 lladdr 02:00:00:00:01:04 dev v0 nud permanent
	ours neigh replace 10.0.0.30 lladdr 02:00:00:00:00:30 dev v0 nud stale
	ours neigh replace 2001:db8::2 lladdr 02:00:00:00:01:22 dev v0 nud noarp
	ours neigh chg 10.0.0.5 lladdr 02:00:00:00:01:05 dev v0
	diff_shows
}

@test "del" {
	fill ref
	ours neigh del 10.0.0.2 dev v0
	ours neigh del 2001:db8::2 dev v0
	ours neigh del proxy 10.0.0.99 dev v0
	ours neigh delete 10.0.0.11 dev v0
	diff_shows
}

@test "errors: command line" {
	# entries that change on their own would change the state compared
	fill_settled
	diff_fails neigh add 10.0.0.40 dev v0 nud bogus
	diff_fails neigh add 10.0.0.40 dev v0 lladdr zz
	diff_fails neigh add 10.0.0.40 dev nope
	diff_fails neigh add 10.0.0.40
	diff_fails neigh add dev v0
	diff_fails neigh add x dev v0
	diff_fails neigh add 10.0.0.40 10.0.0.41 dev v0
	diff_fails neigh add 10.0.0.40 dev v0 protocol bogus
	diff_fails neigh add 10.0.0.40 dev v0 lladdr
	diff_fails neigh show nud bogus
	diff_fails neigh show dev v9
	diff_fails neigh show vrf v0
	diff_fails neigh show to x
	diff_fails neigh foo
	diff_fails neigh help
	diff_fails neigh get 10.0.0.2
	diff_fails neigh get 10.0.0.2 dev v0 foo
}

@test "errors: from the kernel" {
	# entries that change on their own would change the state compared
	fill_settled
	diff_fails neigh add 10.0.0.2 dev v0 lladdr 02:00:00:00:00:09
	diff_fails neigh del 10.9.9.9 dev v0
	diff_fails neigh del proxy 10.9.9.9 dev v0
	diff_fails neigh add 10.0.0.2 dev v0 nud stale lladdr 02:00:00:00:00:41
	diff_fails neigh get 10.0.0.99 dev v0
	diff_fails neigh change 10.0.0.42 dev v0 nud stale lladdr 02:00:00:00:00:42
}

@test "get" {
	fill ref
	diff_ip neigh get 10.0.0.2 dev v0
	diff_ip neigh get 10.0.0.4 dev v0
	diff_ip neigh get 2001:db8::2 dev v0
	diff_ip neigh get proxy 10.0.0.99 dev v0
	diff_ip neigh get to 10.0.0.11 dev v0
}

@test "flush: defaults spare permanent and noarp entries" {
	diff_fresh --sorted links_filled -s neigh flush dev v0
	diff_fresh --sorted links_filled neigh flush dev v0
	diff_fresh --sorted setup_links -s neigh flush dev v0
}

@test "flush: -s -s lists what goes, with nud and to" {
	diff_fresh --sorted links_settled -s -s neigh flush dev v0 nud permanent
	diff_fresh --sorted links_settled -s -s neigh flush to 10.0.0.0/29 nud all
	diff_fresh --sorted links_settled -4 -s neigh flush all nud all
	diff_fresh --sorted links_settled -s -s neigh flush dev v0 nud noarp
	diff_fresh --sorted links_settled -s -s neigh flush dev v0 nud none
}

@test "flush: proxies, -o and errors" {
	diff_fresh --sorted links_settled -s neigh flush proxy dev v0
	diff_fresh --sorted links_settled -o -s -s neigh flush dev v0 nud stale
	diff_fresh --sorted links_settled -br -s -s neigh flush dev v0 nud all
	diff_fails neigh flush
	diff_fails neigh flush dev nope
}

many_entries() {
	local i

	setup_links
	ref addr add 10.0.0.1/16 dev v0
	for ((i = 1; i <= 250; i++)); do
		echo "neigh add 10.0.$((i / 200 + 4)).$((i % 200 + 1)) lladdr 02:00:00:00:00:01 dev v0 nud stale"
	done >"$BATS_TEST_TMPDIR/batch"
	ref -b "$BATS_TEST_TMPDIR/batch"
}

@test "flush: many entries" {
	diff_fresh --sorted many_entries -s neigh flush dev v0
}

@test "flush: -l bounds only the address flush" {
	diff_fresh --sorted links_filled -l 1 -s neigh flush dev v0
	grep -qx '\*\*\* Flush is complete after 1 round \*\*\*' \
		"$BATS_TEST_TMPDIR/fresh/ours.out"
}

@test "the requests on the wire" {
	wire_ip --setup wire_setup neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0
	wire_ip --setup wire_setup neigh add lladdr 02:00:00:00:00:03 10.0.0.3 dev v0 protocol 5 nud stale router extern_learn
	wire_ip --setup wire_setup neigh replace 2001:db8::3 lladdr 02:00:00:00:00:03 dev v0 nud reachable
	wire_ip --setup wire_setup neigh add proxy 10.0.0.9 dev v0
	wire_ip --setup wire_setup neigh add 10.0.0.7 dev v0 use managed
	wire_ip --setup wire_setup neigh add 10.0.0.8 dev v0 managed
	wire_ip --setup wire_setup neigh change 10.0.0.2 dev v0 nud 0x2
	wire_ip --setup wire_setup neigh del 10.0.0.3 dev v0
}

wire_setup() {
	ref link add v0 type veth peer name v1
	ref link set v0 up
	ref addr add 10.0.0.1/24 dev v0
}

@test "ntable show: tables, devices, filters" {
	diff_ip ntable show dev v0
	diff_ip ntable show dev v0 name arp_cache
	diff_ip -j ntable show dev v1
	diff_ip -j -p ntable show dev lo name ndisc_cache
	diff_ip -4 ntable show dev v0
	diff_ip -6 ntable show dev v0
	diff_ip -s ntable show dev v0
	diff_ip ntable show name nosuch_cache
	diff_ip -j ntable show name nosuch_cache
	diff_ip ntable list dev v0
	diff_ip ntbl show dev v0
}

@test "ntable change: device parameters and errors" {
	ours ntable change name arp_cache dev v0 queue 8 app_probes 2 ucast_probes 4 \
		base_reachable 20000 retrans 1200 gc_stale 30000 delay_probe 3000 mcast_probes 2 \
		anycast_delay 900 proxy_delay 500 proxy_queue 32 locktime 1100
	diff_ip ntable show dev v0
	diff_ip -j ntable show dev v0 name arp_cache
	ref ntable change name ndisc_cache dev v1 queue 9 retrans 1300
	diff_ip -6 ntable show dev v1
	# Reference counts move on their own.
	ref ntable show | sed 's/refcnt [0-9]*//' >"$BATS_TEST_TMPDIR/before"
	diff_ip ntable change name arp_cache dev v0 queue x
	diff_ip ntable change name arp_cache dev nope queue 1
	diff_ip ntable change name arp_cache thresh1 x
	diff_ip ntable change dev v0 queue 3
	diff_ip ntable change name arp_cache
	diff_ip ntable change name arp_cache queue
	diff_ip ntable change name arp_cache bogus 1
	diff_ip ntable change name nosuch_cache dev v0 queue 3
	diff_ip ntable show bogus
	diff_ip ntable show dev nope
	diff_ip ntable foo
	diff_ip ntable help
	ref ntable show | sed 's/refcnt [0-9]*//' | diff -u "$BATS_TEST_TMPDIR/before" -
}

@test "ntable change: the request on the wire" {
	wire_ip --setup wire_setup ntable change dev v0 queue 8 name arp_cache app_probes 2 \
		base_reachable 20000 locktime 1000
	wire_ip --setup wire_setup ntable change name arp_cache dev v0 retrans 900 ucast_probes 5
}
