#!/usr/bin/env bats
# nft monitor: ours and the reference listen side by side in the test's
# namespace while the reference nft changes the ruleset; both must print
# the same events, byte for byte, in text and in JSON, with every filter.

load lib/common
load lib/nft
load lib/monitor

MON_OURS=$NLKIT_NFT
MON_REF=$NLKIT_REF_NFT

# Tables, base and regular chains, sets and maps with elements, rules
# (added, inserted, with named and anonymous sets, a vmap), stateful
# objects; then some deleted one by one and the rest by a flush.
CHANGES='
	$REF add table ip t
	$REF add chain ip t c "{ type filter hook input priority 0; policy accept; }"
	$REF add chain ip t other
	$REF add set ip t s "{ type ipv4_addr; }"
	$REF add set ip t ports "{ type inet_service; flags timeout; timeout 1h; size 1000; }"
	$REF add map ip t vm "{ type inet_service : verdict; }"
	$REF add element ip t s "{ 1.2.3.4, 5.6.7.8 }"
	$REF add element ip t vm "{ 22 : accept, 80 : jump other }"
	$REF add rule ip t c ip saddr @s counter accept comment "\"hi\""
	$REF add rule ip t c tcp dport "{ 22, 80 }" drop
	$REF add rule ip t c tcp dport vmap @vm
	$REF insert rule ip t c ct state established,related accept
	printf "add rule ip t c udp dport 53 drop\nadd rule ip t c udp dport 54 drop\n" | $REF -f -
	$REF add counter ip t cnt "{ packets 3 bytes 4 }"
	$REF add quota ip t q "{ over 1 mbytes }"
	$REF delete element ip t s "{ 1.2.3.4 }"
	$REF delete element ip t vm "{ 22 }"
	$REF -f - <<EOF
table inet u {
	chain d {
		ct state established accept
	}
}
EOF
	$REF delete rule ip t c handle "$($REF -a list chain ip t c | sed -n "s/.*vmap @vm # handle //p")"
	$REF delete chain ip t other || true
	$REF delete quota ip t q
	$REF flush ruleset
'

# A dormant table; the reference's JSON event of it breaks off after
# "flags": (a bug of its own), so only the text tests add it.
DORMANT='
	$REF add table ip d "{ flags dormant; }"
'

# The conntrack objects, synproxies and the rules that use them; objects
# deleted by name.  A ct timeout's deletion brings the reference's monitor
# down (it reads the event's missing policy), so the one added stays.
OBJECTS='
	$REF -f "$NLKIT_TOP/testsuite/nft/sets/stateful-objects.nft"
	$REF add ct helper inet obj h2 "{ type \"tftp\" protocol udp; l3proto ip; comment \"c\"; }"
	$REF add synproxy inet obj empty "{ }"
	$REF add synproxy inet obj sp3 "{ mss 1 wscale 2 sack-perm; }"
	$REF add ct expectation ip obj4 e2 "{ protocol udp; dport 69; timeout 3s; size 2; }"
	$REF add rule inet obj in synproxy
	$REF delete ct expectation ip obj4 e2
	$REF delete synproxy inet obj sp3
	$REF delete synproxy inet obj empty
	$REF delete ct helper inet obj h2
'

@test "monitor: every event, with the generations" {
	mon_diff "monitor" "$DORMANT$CHANGES"
	[[ $output == *'# new generation '*' by process '*' (nft)'* ]]
	[[ $output == *'add rule ip t c tcp dport { 22, 80 } drop'* ]]
	# two rules of one batch: the first names the rule it follows
	[[ $output == *'add rule ip t c handle '*' udp dport 53 drop'* ]]
	[[ $output == *'add element ip t s { 1.2.3.4 }'* ]]
	[[ $output == *'delete table inet u'* ]]
}

@test "monitor new, monitor destroy" {
	mon_diff "monitor new" "$DORMANT$CHANGES"
	[[ $output != *delete* ]]
	mon_diff "monitor destroy" "$DORMANT$CHANGES"
	[[ $output != *'add '* ]]
}

@test "monitor tables, chains, sets, rules, elements, ruleset" {
	local what

	for what in tables chains sets rules elements ruleset; do
		mon_diff "monitor $what" "$DORMANT$CHANGES" || { echo "in monitor $what"; return 1; }
	done
	mon_diff "monitor new rules" "$CHANGES"
	[[ $output == *'insert rule ip t c ct state established,related accept'* ]]
	mon_diff "monitor destroy sets" "$CHANGES"
}

# Anonymous sets given out of order, whose events keep the order given;
# sets and maps declared by selectors.
ORDER_TYPEOF='
	$REF -f - <<EOF
table ip t {
	set s { typeof ip saddr; elements = { 1.2.3.4 } }
	map m { typeof tcp dport : meta mark; }
	set c { typeof ip saddr . tcp dport; }
	chain c {
		tcp dport { 3, 1, 2 } accept
		ip saddr { 10.0.0.3, 10.0.0.1 } drop
		tcp dport vmap { 9 : accept, 5 : drop }
		ip saddr { 10.0.0.0/8, 1.0.0.0/8 } accept
	}
}
EOF
	$REF add rule ip t c meta mark "{ 7, 3, 5 }" accept
'

@test "monitor: anonymous sets in the order given, sets declared by typeof as declared" {
	mon_diff "monitor" "$ORDER_TYPEOF"
	[[ $output == *'add rule ip t c tcp dport { 3, 1, 2 } accept'* ]]
	[[ $output == *'add set ip t c { typeof ip saddr . tcp dport; }'* ]]
	mon_diff "-j monitor" "$ORDER_TYPEOF"
}

# Rules with anonymous sets of a header field of some bits, which hold the
# values in place in the field's bytes: the monitor reads the elements by
# the field the rule loads.
BIT_FIELDS='
	$REF -f - <<EOF
table inet t {
	set s { typeof ip6 dscp; elements = { cs1, af41 } }
	chain c {
		ip dscp { cs1, cs2 } accept
		ip6 dscp { af11, cs1 } accept
		ip6 dscp @s accept
		ip dscp vmap { cs1 : accept, af41 : drop }
		meta mark set ip6 dscp map { af11 : 1 }
	}
}
EOF
'

@test "monitor: rules with sets of a header field of some bits (ip dscp, ip6 dscp)" {
	mon_diff "monitor" "$BIT_FIELDS"
	[[ $output == *'ip6 dscp { af11, cs1 } accept'* ]]
	mon_diff "-j monitor" "$BIT_FIELDS"
}

@test "monitor -j: every event as JSON, and the filters" {
	mon_diff "-j monitor" "$CHANGES"
	[[ $output == *'{"add": {"rule": {"family": "ip", "table": "t", "chain": "c", '* ]]
	mon_diff "-j monitor new" "$CHANGES"
	mon_diff "-j monitor destroy" "$CHANGES"
	mon_diff "-j monitor elements" "$CHANGES"
	[[ $output == *'{"delete": {"element": {"family": "ip", "table": "t", "name": "s", "elem": {"set": ["1.2.3.4"]}}}}'* ]]
}

@test "monitor: the command line's errors as the reference words them" {
	diff_nft monitor foo
	[ "$status" = 1 ]
	diff_nft monitor counters
	diff_nft monitor new foo
	diff_nft monitor new 5
	diff_nft monitor tables tables
	diff_nft monitor trace trace
	diff_nft monitor trace new
	diff_nft monitor trace rules
}

@test "monitor -a: the handles, where the reference puts them" {
	mon_diff "-a monitor" "$DORMANT$CHANGES"
	[[ $output == *'add set ip t s { # handle '*' type ipv4_addr; } '* ]]
	[[ $output == *'add counter ip t cnt { # handle '*' packets 3 bytes 4 } '* ]]
	[[ $output == *'add table ip d { flags dormant; } # handle '* ]]
}

# Interval sets and a map, their elements added and deleted: prefixes,
# ranges, values, a range to the last value, a comment; IPv6 bounds the
# reference pairs its own way (an end in ::/32 it takes for the set's
# opening zero, and skips: the range runs on to the next bound).
INTERVALS='
	$REF add table ip t
	$REF add table ip6 t
	$REF add set ip t s "{ type ipv4_addr; flags interval; }"
	$REF add set ip t p "{ type inet_service; flags interval; }"
	$REF add map ip t m "{ type ipv4_addr : mark; flags interval; }"
	$REF add set ip6 t s6 "{ type ipv6_addr; flags interval; }"
	$REF add element ip t s "{ 10.0.0.0/8 }"
	$REF add element ip t s "{ 1.2.3.4-1.2.3.9, 192.168.1.1, 255.255.255.0/24 }"
	$REF add element ip t s "{ 30.0.0.0/8 comment \"c\" }"
	$REF add element ip t p "{ 0, 22-25, 65535 }"
	$REF add element ip t m "{ 10.0.0.0/8 : 0x5, 1.2.3.4 : 7 }"
	$REF add element ip6 t s6 "{ 2001:db8::/32, fe80::1-fe80::5, ffff::/16 }"
	$REF add element ip6 t s6 "{ ::5 }"
	$REF add element ip6 t s6 "{ 1::1 }"
	$REF add element ip6 t s6 "{ ::7, ::9 }"
	$REF delete element ip t s "{ 10.0.0.0/8, 1.2.3.4-1.2.3.9, 255.255.255.0/24 }"
	$REF delete element ip6 t s6 "{ 2001:db8::/32 }"
	$REF delete set ip t p
	$REF flush ruleset
'

@test "monitor: interval elements paired into ranges and prefixes as the reference pairs them" {
	mon_diff "monitor" "$INTERVALS"
	[[ $output == *'add element ip t s { 10.0.0.0/8 }'* ]]
	[[ $output == *'add element ip t s { 1.2.3.4-1.2.3.9 }'*'add element ip t s { 192.168.1.1 }'*'add element ip t s { 255.255.255.0/24 }'* ]]
	[[ $output == *'add element ip t s { 30.0.0.0/8 comment "c" }'* ]]
	[[ $output == *'add element ip t p { 0 }'*'add element ip t p { 22-25 }'*'add element ip t p { 65535 }'* ]]
	[[ $output == *'add element ip t m { 1.2.3.4 : 0x00000007 }'* ]]
	[[ $output == *'add element ip6 t s6 { ffff::/16 }'* ]]
	[[ $output == *'add element ip6 t s6 { ::5-1::,'$'\n\t\t\t''     1::1-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff }'* ]]
	[[ $output == *'delete element ip t s { 1.2.3.4-1.2.3.9 }'* ]]
	mon_diff "-j monitor" "$INTERVALS"
	[[ $output == *'{"delete": {"element": {"family": "ip", "table": "t", "name": "s", "elem": {"set": [{"range": ["1.2.3.4", "1.2.3.9"]}]}}}}'* ]]
	mon_diff "monitor elements" "$INTERVALS"
	mon_diff "-j monitor new elements" "$INTERVALS"
	mon_diff "monitor destroy elements" "$INTERVALS"
	# ours making the changes: the same bounds, the same marks on them
	mon_diff "monitor" "${INTERVALS//\$REF/$NLKIT_NFT}"
	[[ $output == *'add element ip t s { 255.255.255.0/24 }'* ]]
	[[ $output == *'delete element ip t s { 1.2.3.4-1.2.3.9 }'* ]]
}

# Sets and maps of concatenations of ranges, rules with anonymous ones and
# ct helper matches.  The reference's monitor prints the elements of such
# sets as nonsense (and its -e crashes on them): those are checked apart.
CONCAT_RANGES='
	$REF add table inet t
	$REF add chain inet t c
	$REF add set inet t s "{ type ipv4_addr . inet_service; flags interval; }"
	$REF add map inet t m "{ type ipv4_addr . inet_service : verdict; flags interval; }"
	$REF add rule inet t c ip saddr . tcp dport "{ 10.0.0.0/8 . 1-1024, 1.1.1.1 . 5 }" accept
	$REF add rule inet t c ip saddr . meta mark vmap "{ 10.0.0.0/8 . 0x1-0x2 : accept }"
	$REF add rule inet t c ct helper "\"ftp\"" accept
	$REF add rule inet t c ct helper "{ \"sip\", \"ftp\" }" drop
	$REF flush ruleset
'

@test "monitor: sets of concatenations of ranges, their rules, ct helper matches" {
	mon_diff "monitor" "$CONCAT_RANGES"
	[[ $output == *'add set inet t s { type ipv4_addr . inet_service; flags interval; }'* ]]
	[[ $output == *'add rule inet t c ip saddr . tcp dport { 10.0.0.0/8 . 1-1024, 1.1.1.1 . 5 } accept'* ]]
	[[ $output == *'add rule inet t c ct helper "ftp" accept'* ]]
	mon_diff "-j monitor" "$CONCAT_RANGES"
	mon_diff "monitor" "${CONCAT_RANGES//\$REF/$NLKIT_NFT}"
}

@test "monitor and -e: elements of concatenations of ranges, one a message, as listed" {
	ours_nft add table inet t
	ours_nft add set inet t s '{ type ipv4_addr . inet_service; flags interval; }'
	ours_nft add map inet t m '{ type ipv4_addr . inet_service : verdict; flags interval; }'
	mon_start ours monitor elements
	mon_wait_listening
	run ours_nft -e add element inet t s '{ 10.0.0.0/8 . 22-80, 192.168.1.1 . 443 }'
	[ "$status" = 0 ]
	[[ $output == 'add element inet t s { 10.0.0.0/8 . 22-80 }'$'\n''add element inet t s { 192.168.1.1 . 443 }'$'\n''# new generation '* ]]
	run ours_nft -e -j add element inet t m '{ 10.1.2.3-10.1.2.9 . 5 : drop }'
	[[ $output == *'"elem": {"set": [[{"concat": [{"range": ["10.1.2.3", "10.1.2.9"]}, 5]}, {"drop": null}]]}'* ]]
	ours_nft delete element inet t s '{ 192.168.1.1 . 443 }'
	mon_stop
	diff -u - "$MON_DIR/ours.out" <<-'EOF'
	add element inet t s { 10.0.0.0/8 . 22-80 }
	add element inet t s { 192.168.1.1 . 443 }
	add element inet t m { 10.1.2.3-10.1.2.9 . 5 : drop }
	delete element inet t s { 192.168.1.1 . 443 }
	EOF
	# the reference's listing of the same
	run ref_nft list set inet t s
	[[ $output == *'elements = { 10.0.0.0/8 . 22-80 }'* ]]
}

# echo_changes NFT: with -e and -a -e, adds of every kind the monitor
# prints: a dormant table, sets and maps, elements, objects, rules; then a
# delete the kernel refuses (the set is in use), which echoes nothing.
echo_changes() {
	local nft=$1

	"$nft" -e add table ip t
	"$nft" -e add table ip d '{ flags dormant; }'
	"$nft" -ae add chain ip t c '{ type filter hook input priority 0; }'
	"$nft" -e add set ip t s '{ type ipv4_addr; }'
	"$nft" -ae add map ip t m '{ type inet_service : verdict; }'
	"$nft" -e add element ip t s '{ 10.0.0.1, 1.2.3.4 }'
	"$nft" -ae add counter ip t k
	"$nft" -e add quota ip t q '{ over 1 mbytes }'
	"$nft" -ae add rule ip t c ip saddr @s counter accept
	"$nft" -e delete set ip t s || true
}

# echo_diff FUNCTION: FUNCTION NFT run with the reference and with ours,
# each in a namespace of its own (handles and generations count from the
# same start; the generation's pid is all that differs), prints the same;
# $output is then ours.
echo_diff() {
	local fn=$1 other ref_out

	export -f "$fn"
	run ns bash -e -c "$fn"' "$1"' - "$NLKIT_REF_NFT"
	[ "$status" = 0 ] || { echo "$output"; return 1; }
	ref_out=$(nft_mask_process <<<"$output")
	nlkit_netns_start other
	run nsenter --net="/proc/$other/ns/net" -- bash -e -c "$fn"' "$1"' - "$NLKIT_NFT"
	[ "$status" = 0 ] || { echo "$output"; return 1; }
	output=$(nft_mask_process <<<"$output")
	diff -u --label reference --label ours <(echo "$ref_out") <(echo "$output")
}

@test "-e: sets, elements, objects and a dormant table echoed as the monitor prints them" {
	echo_diff echo_changes
	[[ $output == *'add element ip t s { 1.2.3.4 }'* ]]
	[[ $output == *'add quota ip t q { over 1 mbytes } '* ]]
	[[ $output == *'add map ip t m { # handle '* ]]
}

# echo_removals NFT: with -e, a replaced rule (the kernel echoes its
# removal too), deletes (which the reference does not ask echoed), and
# batches that begin with a removal (no generation follows), in text and
# JSON.
echo_removals() {
	local nft=$1

	printf 'add table inet t\nadd chain inet t c\nadd rule inet t c accept\nadd rule inet t c drop\n' |
		"$nft" -f -
	"$nft" -ae replace rule inet t c handle 3 counter
	"$nft" -e delete rule inet t c handle 2
	"$nft" -e insert rule inet t c accept
	printf 'delete rule inet t c handle 4\nadd rule inet t c drop\nflush chain inet t c\n' |
		"$nft" -e -f -
	"$nft" -e add rule inet t c drop
	printf 'delete rule inet t c handle 6\nadd set inet t s { type ipv4_addr; }\n' >"$BATS_TEST_TMPDIR/removal.nft"
	"$nft" -e -j -f "$BATS_TEST_TMPDIR/removal.nft"
	"$nft" -e -j add rule inet t c accept
	"$nft" -e -j replace rule inet t c handle 8 counter
	"$nft" -e flush ruleset
}

@test "-e: a replaced rule's removal, deletes, and batches that begin with one, as the reference echoes them" {
	echo_diff echo_removals
	[[ $output == *'delete rule inet t c handle 3'* ]]
}

# echo_intervals NFT: with -e, elements of interval sets and maps (a
# prefix, a range, a value, a range to the last value), IPv6 bounds the
# reference pairs its own way (in ::/32 an end is lost), in text and JSON.
echo_intervals() {
	local nft=$1

	"$nft" add table ip t
	"$nft" add table ip6 t
	"$nft" add set ip t s '{ type ipv4_addr; flags interval; }'
	"$nft" add set ip6 t s6 '{ type ipv6_addr; flags interval; }'
	"$nft" -e add element ip t s '{ 10.0.0.0/8 }'
	"$nft" -e add element ip t s '{ 1.2.3.4-1.2.3.9, 192.168.1.1, 255.255.255.0/24 }'
	"$nft" -e -j add element ip t s '{ 20.0.0.0/8, 7.7.7.7 }'
	"$nft" -e add element ip t s '{ 30.0.0.0/8 comment "c" }'
	"$nft" -e add map ip t m '{ type ipv4_addr : mark; flags interval; }'
	"$nft" -e add element ip t m '{ 10.0.0.0/8 : 0x5, 1.2.3.4 : 7 }'
	"$nft" -e add element ip6 t s6 '{ 2001:db8::/32, fe80::1-fe80::5 }'
	"$nft" -e -j add element ip6 t s6 '{ ::5 }'
	"$nft" -e add element ip6 t s6 '{ ::7, ::9 }'
	"$nft" -e add element ip6 t s6 '{ ::20, 1::1 }'
	"$nft" -e delete element ip t s '{ 10.0.0.0/8, 255.255.255.0/24 }'
}

@test "-e: interval elements paired into ranges and prefixes as the reference pairs them" {
	echo_diff echo_intervals
	[[ $output == *'add element ip t s { 1.2.3.4-1.2.3.9 }'*'add element ip t s { 192.168.1.1 }'*'add element ip t s { 255.255.255.0/24 }'* ]]
	[[ $output == *'{"add": {"element": {"family": "ip", "table": "t", "name": "s", "elem": {"set": [{"prefix": {"addr": "20.0.0.0", "len": 8}}]}}}}'* ]]
	[[ $output == *'add element ip t m { 10.0.0.0/8 : 0x00000005 }'* ]]
	[[ $output == *'add element ip6 t s6 { 2001:db8::/32 }'*'add element ip6 t s6 { fe80::1-fe80::5 }'* ]]
	# ::5 waits for an end that never comes; a transaction of nothing
	# more says its generation, or []
	[[ $output == *'{"nftables": []}'* ]]
	[[ $output == *'add element ip6 t s6 { ::7-::8,'$'\n\t\t\t''     ::9-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff }'* ]]
}

# echo_anonymous NFT: with -e, rules with the sets { } makes, of values,
# ranges, concatenations, maps and verdict maps; a table with a named set
# and such rules in one transaction.
echo_anonymous() {
	local nft=$1

	"$nft" add table ip t
	"$nft" add chain ip t c
	"$nft" -e add rule ip t c tcp dport '{ 22, 80 }' accept
	"$nft" -e add rule ip t c ip saddr '{ 10.0.0.0/8, 1.2.3.4 }' tcp dport '{ 22-25, 80 }' drop
	"$nft" -e add rule ip t c tcp dport vmap '{ 22 : accept, 23 : drop }'
	"$nft" -e add rule ip t c meta mark set tcp dport map '{ 22 : 1, 23 : 2 }'
	"$nft" -ae add rule ip t c ip daddr . tcp dport '{ 1.2.3.4 . 22, 5.6.7.8 . 80 }' counter
	"$nft" -e insert rule ip t c udp dport '{ 53, 54 }' accept
	"$nft" -e add rule ip t c udp dport '{ 3, 1, 2 }' accept
	"$nft" -e -j add rule ip t c ip saddr '{ 10.0.0.0/8, 1.2.3.4 }' drop
	printf 'add rule ip t c udp dport { 1, 2 } accept\nadd rule ip t c udp dport { 3, 4 } drop\n' |
		"$nft" -e -f -
	"$nft" -e -f - <<'EOF'
table inet x {
	set s { type ipv4_addr; elements = { 1.1.1.1 } }
	chain c {
		ip saddr @s tcp dport { 22, 80 } accept
		ip6 daddr { ::1, 2001:db8::/32 } accept
	}
}
EOF
}

@test "-e: rules with anonymous sets echoed whole" {
	echo_diff echo_anonymous
	[[ $output == *'add rule ip t c tcp dport { 22, 80 } accept'* ]]
	[[ $output == *'add rule ip t c ip saddr { 1.2.3.4, 10.0.0.0/8 } tcp dport { 22-25, 80 } drop'* ]]
	[[ $output == *'"right": {"set": ["1.2.3.4", {"prefix": {"addr": "10.0.0.0", "len": 8}}]}'* ]]
	[[ $output == *'add rule inet x c ip saddr @s tcp dport { 22, 80 } accept'* ]]
	[[ $output != *unknown* ]]
}

# ---- Traces -------------------------------------------------------------------

# load_traced_ruleset: from an empty ruleset, rules that trace what lo
# carries: IPv4 through jumps, gotos, returns, drops and policies, marks
# set on the way; IPv6 echoes in an inet table.
load_traced_ruleset() {
	ref_nft flush ruleset
	ref_nft -f - <<'EOF'
table ip t {
	chain o {
		type filter hook output priority 0; policy accept;
		meta mark set 0x10
		meta nftrace set 1
		udp dport 9999 jump sub
		udp dport 9998 goto sub2
		tcp dport 8888 tcp flags syn counter drop
		icmp type echo-request counter comment "ping"
	}
	chain sub {
		meta mark set 5
		return
	}
	chain sub2 {
		meta mark set 6
	}
	chain i {
		type filter hook input priority 0; policy drop;
		meta nftrace set 1
		icmp type { echo-request, echo-reply } accept
		udp dport 9999 accept
	}
}
table inet u {
	chain o {
		type filter hook output priority 10; policy accept;
		meta l4proto ipv6-icmp meta nftrace set 1
		ip6 daddr ::1 counter accept
	}
}
EOF
}

# What lo carries: an echo of each IP version, datagrams (one answered
# with a port unreachable), a SYN (dropped: no waiting for its retries).
LO_TRAFFIC='
	ping -c 1 -W 1 127.0.0.1 >/dev/null || true
	ping -6 -c 1 -W 1 ::1 >/dev/null || true
	echo x >/dev/udp/127.0.0.1/9999
	echo x >/dev/udp/127.0.0.1/9998
	timeout 0.3 bash -c "echo >/dev/tcp/127.0.0.1/8888" 2>/dev/null || true
'

@test "monitor trace: packets through rules, jumps, gotos, returns and policies, marks set" {
	ns ip link set lo up
	load_traced_ruleset
	mon_diff "monitor trace" "$LO_TRAFFIC"
	[[ $output == *' ip t o packet: oif "lo" ip saddr 127.0.0.1 ip daddr 127.0.0.1 ip dscp cs0 ip ecn not-ect ip ttl 64 ip id '*' icmp type echo-request icmp code net-unreachable icmp id '* ]]
	[[ $output == *' ip t i packet: iif "lo" @ll,0,112 0x800 ip saddr 127.0.0.1 '* ]]
	[[ $output == *' ip t o rule udp dport 9999 jump sub (verdict jump sub)'* ]]
	[[ $output == *' ip t sub rule return (verdict return)'* ]]
	[[ $output == *' ip t o policy accept meta mark 0x00000005 '* ]]
	[[ $output == *' ip t o rule udp dport 9998 goto sub2 (verdict goto sub2)'* ]]
	[[ $output == *' ip t i policy drop meta mark 0x00000006 '* ]]
	[[ $output == *' ip t o rule icmp type echo-request counter packets 0 bytes 0 comment "ping" (verdict continue)'* ]]
	[[ $output == *'tcp dport 8888 tcp flags == syn tcp window '* ]]
	[[ $output == *' ip t i rule icmp type { echo-reply, echo-request } accept (verdict accept)'* ]]
	# the inet table keeps the network protocol the ip table leaves out
	[[ $output == *' inet u o packet: oif "lo" ip6 saddr ::1 ip6 daddr ::1 '*' ip6 nexthdr ipv6-icmp ip6 length '*' icmpv6 type echo-request icmpv6 code no-route icmpv6 parameter-problem '* ]]
	[[ $output == *'udp dport 9999 udp length 10 @th,64,16 0x780a '* ]]
}

@test "monitor trace: with -a, -n, -s and -j; and among every event" {
	ns ip link set lo up
	load_traced_ruleset
	mon_diff "-a monitor trace" "$LO_TRAFFIC"
	[[ $output == *' ip t o rule udp dport 9999 jump sub # handle '*' (verdict jump sub)'* ]]
	mon_diff "-n monitor trace" "$LO_TRAFFIC"
	[[ $output == *'ip dscp 0x00 ip ecn 0x0 ip ttl 64 '* ]]
	[[ $output == *'tcp flags == 0x2 '* ]]
	mon_diff "-s monitor trace" "$LO_TRAFFIC"
	[[ $output == *' tcp flags syn counter drop (verdict drop)'* ]]
	# the reference's JSON has no traces: they come as text
	mon_diff "-j monitor trace" "$LO_TRAFFIC"
	[[ $output == *' ip t i rule udp dport 9999 accept (verdict accept)'* ]]
	mon_diff "monitor" "$LO_TRAFFIC"'
		$REF add rule ip t o udp dport 9997 accept
		echo x >/dev/udp/127.0.0.1/9997'
	[[ $output == *'# new generation '* ]]
	[[ $output == *' ip t o unknown rule handle '*' (verdict accept)'* ]]
	mon_diff "-j monitor" "$LO_TRAFFIC"'
		$REF add rule ip t o udp dport 9996 accept'
	[[ $output == *'{"add": {"rule": '* ]]
	[[ $output == *' ip t o packet: '* ]]
	# traces are neither new nor destroyed, nor part of the ruleset
	mon_diff "monitor ruleset" "$LO_TRAFFIC"
	[ -z "$output" ]
}

# load_counting_ruleset: a chain whose rules have handles 2 and 3.
load_counting_ruleset() {
	ref_nft flush ruleset
	ref_nft -f - <<'EOF'
table ip t {
	chain o {
		type filter hook output priority 0; policy accept;
		meta nftrace set 1
		udp dport 9999 counter
	}
}
EOF
}

@test "monitor trace: rules as the monitor found them at its start" {
	local changes='
		echo x >/dev/udp/127.0.0.1/9999
		$REF add rule ip t o udp dport 9999 accept
		echo x >/dev/udp/127.0.0.1/9999
		$REF delete table ip t
		$REF -f - <<EOF
table ip t {
	chain o {
		type filter hook output priority 0; policy accept;
		meta nftrace set 1
		udp dport 9999 counter comment "again"
	}
}
EOF
		echo x >/dev/udp/127.0.0.1/9999'
	local counted=' ip t o rule udp dport 9999 counter packets 0 bytes 0 (verdict continue)'

	ns ip link set lo up
	# A rule added since is unknown.  With traces alone, the rules of a
	# table deleted and made again go by those of the table before (the
	# same handles); with the ruleset's events they are unknown.
	load_counting_ruleset
	mon_diff "monitor trace" "$changes"
	[[ $output == *' ip t o unknown rule handle 4 (verdict accept)'* ]]
	[[ $(grep -c -F "$counted" <<<"$output") = 3 ]]
	[[ $output != *again* ]]
	load_counting_ruleset
	mon_diff "monitor" "$changes"
	[[ $output == *'delete table ip t'* ]]
	[[ $(grep -c -F "$counted" <<<"$output") = 2 ]]
	[[ $output == *' ip t o unknown rule handle 3 (verdict continue)'* ]]
}

@test "monitor trace: Ethernet, VLAN, ARP and IPv6 headers, bridge and netdev tables, a packet forwarded" {
	# no IPv6 of the kernel's own on the links: only the frames sent
	ns sysctl -qw net.ipv6.conf.default.addr_gen_mode=1 net.ipv6.conf.default.accept_dad=0 \
		net.ipv6.conf.default.router_solicitations=0 net.ipv4.ip_forward=1
	ns ip link add v0 address 02:00:00:00:00:02 type veth peer name v1 address 02:00:00:00:00:01
	ns ip link add v2 type veth peer name v3
	ns ip link add br0 address 02:00:00:00:00:01 type bridge
	ns ip link set v1 master br0
	for dev in v0 v1 v2 v3 br0; do ns ip link set "$dev" up; done
	ns ip addr add 10.0.0.1/24 dev br0
	ns ip addr add 10.9.0.1/16 dev v2
	ns ip neigh add 10.9.9.9 lladdr 02:00:00:00:00:09 dev v2
	ref_nft -f - <<'EOF'
table netdev n {
	chain in {
		type filter hook ingress device v1 priority 0;
		ether saddr 02:00:00:00:00:02 meta nftrace set 1
	}
}
table bridge b {
	chain pre {
		type filter hook prerouting priority 0;
		ether saddr 02:00:00:00:00:02 meta nftrace set 1
	}
	chain in {
		type filter hook input priority 0;
		ether type arp counter
	}
}
table ip t {
	chain fw {
		type filter hook forward priority 0; policy drop;
		meta nftrace set 1
		ip daddr 10.9.9.9 meta mark set 0xff
	}
}
EOF
	# frames from v0 to the bridge: IPv4 (a datagram, an echo, one to
	# forward), tagged, ARP, IPv6 (a datagram, a SYN, a hop-by-hop
	# header, an echo), an unknown type
	cat >"$MON_DIR/frames.py" <<'EOF'
import socket, struct
def ip4(proto, payload, dst):
    h = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(payload), 0x1234, 0, 64, proto, 0,
                    socket.inet_aton('10.0.0.2'), socket.inet_aton(dst))
    total = sum(struct.unpack('!10H', h))
    total = (total & 0xffff) + (total >> 16)
    checksum = ~((total & 0xffff) + (total >> 16)) & 0xffff
    return h[:10] + struct.pack('!H', checksum) + h[12:] + payload
def ip6(nexthdr, payload, tclass=0, flow=0):
    return struct.pack('!IHBB', 6 << 28 | tclass << 20 | flow, len(payload), nexthdr, 64) + \
        socket.inet_pton(socket.AF_INET6, 'fe80::2') + socket.inet_pton(socket.AF_INET6, 'fe80::1')
udp = struct.pack('!HHHH', 1234, 9999, 12, 0) + b'abcd'
syn = struct.pack('!HHIIBBHHH', 1111, 8888, 100, 0, 0x50, 0x02, 512, 0, 0)
echo = struct.pack('!BBHHH', 8, 0, 0, 77, 3) + b'ping'
echo6 = struct.pack('!BBHHH', 128, 0, 0, 77, 3) + b'ping'
hop = struct.pack('!BB6s', 17, 0, b'\x01\x04\0\0\0\0')
src, dst = bytes.fromhex('020000000002'), bytes.fromhex('020000000001')
arp = struct.pack('!HHBBH', 1, 0x800, 6, 4, 1) + src + socket.inet_aton('10.0.0.2') + \
    bytes(6) + socket.inet_aton('10.0.0.1')
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(('v0', 0))
for frame in (
        dst + src + b'\x08\x00' + ip4(17, udp, '10.0.0.1'),
        dst + src + b'\x08\x00' + ip4(1, echo, '10.0.0.1'),
        dst + src + b'\x08\x00' + ip4(17, udp, '10.9.9.9'),
        dst + src + b'\x81\x00\x20\x05\x08\x00' + ip4(17, udp, '10.0.0.1'),
        b'\xff' * 6 + src + b'\x08\x06' + arp,
        dst + src + b'\x86\xdd' + ip6(17, udp, 0xb8, 12345) + udp,
        dst + src + b'\x86\xdd' + ip6(6, syn) + syn,
        dst + src + b'\x86\xdd' + ip6(0, hop + udp) + hop + udp,
        dst + src + b'\x86\xdd' + ip6(58, echo6) + echo6,
        dst + src + b'\x88\xb5' + b'raw data of no known type'):
    s.send(frame)
EOF
	mon_diff "monitor trace" "python3 $MON_DIR/frames.py"
	[[ $output == *' netdev n in packet: iif "v1" ether saddr 02:00:00:00:00:02 ether daddr 02:00:00:00:00:01 ip saddr 10.0.0.2 ip daddr 10.0.0.1 '*' ip protocol udp '* ]]
	[[ $output == *' netdev n in packet: iif "v1" ether saddr 02:00:00:00:00:02 ether daddr 02:00:00:00:00:01 vlan pcp 1 vlan dei 0 vlan id 5 ip saddr '* ]]
	[[ $output == *' bridge b pre packet: iif "v1" ether saddr 02:00:00:00:00:02 ether daddr ff:ff:ff:ff:ff:ff arp operation request '* ]]
	[[ $output == *' bridge b in policy accept '* ]]
	[[ $output == *'ip6 saddr fe80::2 ip6 daddr fe80::1 ip6 dscp ef ip6 ecn not-ect ip6 hoplimit 64 ip6 flowlabel 12345 ip6 nexthdr udp '* ]]
	[[ $output == *'ip6 nexthdr ip ip6 length 20 @th,0,96 0x4d2270f000c000061626364 '* ]]
	[[ $output == *'ether type 0x88b5 @nh,0,200 0x'* ]]
	[[ $output == *' ip t fw packet: iif "br0" oif "v2" ether saddr 02:00:00:00:00:02 '* ]]
	[[ $output == *' ip t fw policy drop meta mark 0x000000ff '* ]]
}

@test "monitor: ct helpers, timeouts, expectations and synproxies, in text and JSON" {
	mon_diff "monitor" "$OBJECTS"
	[[ $output == *'add ct timeout inet obj agressive-tcp { protocol tcp; l3proto ip; policy = { established : 100, close_wait : 4, close : 4 }; } '* ]]
	[[ $output == *'add synproxy inet obj empty {; } '* ]]
	[[ $output == *'add synproxy inet obj sp3 { mss 1 wscale 2  sack-perm; } '* ]]
	[[ $output == *$'\ndelete ct helper inet obj h2\n'* ]]
	mon_diff "-a monitor" "$OBJECTS"
	[[ $output == *'add ct helper inet obj h2 { # handle '*' comment "c" type "tftp" protocol udp; l3proto ip; } '* ]]
	mon_diff "-j monitor" "$OBJECTS"
	# a deleted object's event has no values: the reference lists them so
	[[ $output == *'{"delete": {"ct helper": {"family": "inet", "name": "h2", "table": "obj", "handle": '*', "type": "(null)", "protocol": "ip", "l3proto": "unknown"}}}'* ]]
	mon_diff "monitor new rules" "$OBJECTS"
	mon_diff "monitor destroy" "$OBJECTS"
}

# echo_objects NFT: -e and -j -e of every kind of conntrack object and
# synproxy, and the rules that use them.
echo_objects() {
	local nft=$1

	"$nft" -e add table inet t
	"$nft" -e add ct helper inet t h '{ type "ftp" protocol tcp; }'
	"$nft" -ae add ct timeout inet t to '{ protocol udp; l3proto ip; policy = { replied: 12 }; }'
	"$nft" -e add ct expectation inet t e '{ protocol udp; dport 69; timeout 100ms; size 5; l3proto ip6; }'
	"$nft" -ae add synproxy inet t s '{ mss 1400 wscale 3 sack-perm; }'
	"$nft" -e add synproxy inet t s0 '{ comment "empty" }'
	"$nft" -je add synproxy inet t s2 '{ mss 1400 wscale 3 timestamp; }'
	"$nft" -je add ct helper inet t h2 '{ type "tftp" protocol udp; }'
	"$nft" -je add ct timeout inet t to2 '{ protocol tcp; policy = { close: 3 }; }'
	"$nft" -je add ct expectation inet t e2 '{ protocol tcp; dport 1; timeout 1h; size 5; l3proto ip; }'
	"$nft" -e add chain inet t c '{ type filter hook input priority 0; }'
	"$nft" -e add rule inet t c ct helper set h
	"$nft" -e add rule inet t c synproxy mss 1 wscale 2 timestamp sack-perm
	"$nft" -je add rule inet t c ct timeout set to ct expectation set e synproxy name s
	"$nft" -e delete ct helper inet t h2
}

@test "-e and -j -e: conntrack objects, synproxies and their rules echoed as the reference's" {
	echo_diff echo_objects
	[[ $output == *'add ct timeout inet t to { # handle '*' protocol udp; l3proto ip; policy = { replied : 12 }; } '* ]]
	[[ $output == *'{"nftables": [{"add": {"ct expectation": {"family": "inet", "name": "e2", "table": "t", "handle": '*', "protocol": "tcp", "dport": 1, "timeout": 3600000, "size": 5, "l3proto": "ip"}}}]}'* ]]
}

# Maps of objects, their elements added and deleted, the rules that pick
# an object by map (named, anonymous, of intervals: the reference's events
# leave an anonymous map of objects' ranges unpaired), a rule deleted
# with its anonymous map (whose elements the JSON event lists), a map
# flushed and deleted.  No named map of concatenated ranges: the
# reference's monitor writes garbage for their elements.
OBJMAPS='
	$REF -f - <<EOF
table ip om {
	counter c1 { }
	counter c2 { packets 3 bytes 4 }
	quota q1 { over 10 mbytes }
	ct helper ftp { type "ftp" protocol tcp; }
	map by-addr { type ipv4_addr : counter; flags interval; elements = { 10.0.0.0/8 : "c2", 192.0.2.1 : "c1" } }
	map by-port { type inet_service : quota; elements = { 22 : "q1", 80 : "q1" } }
	map pairs { type ipv4_addr . inet_service : counter; elements = { 192.0.2.1 . 22 : "c1" } }
	chain c {
		counter name ip saddr map @by-addr
		quota name tcp dport map @by-port
		counter name ip saddr . tcp dport map @pairs accept
		ct helper set tcp dport map { 21 : "ftp", 2121 : "ftp" }
	}
}
EOF
	$REF add element ip om by-addr "{ 172.16.0.0/12 : \"c1\" }"
	$REF delete element ip om by-addr "{ 172.16.0.0/12 }"
	$REF add element ip om by-port "{ 8080 : q1 }"
	$REF delete element ip om by-port "{ 22 : \"q1\" }"
	$REF add rule ip om c counter name ip saddr map "{ 10.1.0.0/16 : \"c1\", 192.0.2.9 : \"c2\" }"
	$REF add rule ip om c counter name ip saddr . tcp dport map "{ 10.1.0.0/16 . 1-1024 : \"c1\" }"
	$REF add rule ip om c quota name udp dport map "{ 53 : \"q1\" }"
	$REF delete rule ip om c handle "$($REF -a list chain ip om c | sed -n "s/.*udp dport map .* # handle //p")"
	$REF flush map ip om by-port
	$REF delete rule ip om c handle "$($REF -a list chain ip om c | sed -n "s/.*@pairs accept # handle //p")"
	$REF delete map ip om pairs
	$REF flush ruleset
'

@test "monitor: maps of objects, their elements and the rules that pick an object, in text and JSON" {
	mon_diff "monitor" "$OBJMAPS"
	[[ $output == *'add map ip om by-port { type inet_service : quota; } '* ]]
	[[ $output == *'add element ip om by-addr { 10.0.0.0/8 : "c2" }'* ]]
	[[ $output == *'add rule ip om c counter name ip saddr map { 0.0.0.0, 10.1.0.0 : "c1", 10.2.0.0, 192.0.2.9 : "c2", 192.0.2.10 }'* ]]
	mon_diff "-j monitor" "$OBJMAPS"
	[[ $output == *'{"delete": {"rule": {"family": "ip", "table": "om", "chain": "c", "handle": '*', "expr": [{"quota": {"map": {"key": {"payload": {"protocol": "udp", "field": "dport"}}, "data": {"set": [[53, "q1"]]}}}}]}}}'* ]]
	mon_diff "-a monitor" "$OBJMAPS"
	mon_diff "monitor destroy" "$OBJMAPS"
	mon_diff "monitor elements" "$OBJMAPS"
}

# echo_objmaps NFT: -e and -j -e of maps of objects, their elements and
# the rules that pick an object by map.
echo_objmaps() {
	local nft=$1

	"$nft" -e add table ip t
	"$nft" -e add counter ip t c1
	"$nft" -e add chain ip t c
	"$nft" -e add map ip t m '{ type ipv4_addr : counter; flags interval; elements = { 10.0.0.0/8 : c1 } }'
	"$nft" -je add map ip t mq '{ type inet_service : counter; elements = { 22 : "c1" } }'
	"$nft" -e add element ip t m '{ 192.0.2.1 : "c1" }'
	"$nft" -je add element ip t mq '{ 80 : "c1" }'
	"$nft" -e add rule ip t c counter name ip saddr map @m
	"$nft" -e add rule ip t c counter name ip saddr map '{ 10.0.0.1 : c1, 10.2.0.0/16 : c1 }'
	"$nft" -je add rule ip t c counter name ip saddr . tcp dport map '{ 10.0.0.1 . 22 : c1, 10.2.0.0/16 . 1-2 : c1 }'
	"$nft" -je add rule ip t c counter name tcp dport map '{ 22 : c1 }'
}

@test "-e and -j -e: maps of objects and the rules that pick an object echoed as the reference's" {
	echo_diff echo_objmaps
	[[ $output == *'add rule ip t c counter name ip saddr map { 0.0.0.0, 10.0.0.1 : "c1", 10.0.0.2, 10.2.0.0 : "c1", 10.3.0.0 }'* ]]
}
