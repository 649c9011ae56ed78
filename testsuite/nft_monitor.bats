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
}

@test "monitor -a: the handles, where the reference puts them" {
	mon_diff "-a monitor" "$DORMANT$CHANGES"
	[[ $output == *'add set ip t s { # handle '*' type ipv4_addr; } '* ]]
	[[ $output == *'add counter ip t cnt { # handle '*' packets 3 bytes 4 } '* ]]
	[[ $output == *'add table ip d { flags dormant; } # handle '* ]]
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

@test "-e: sets, elements, objects and a dormant table echoed as the monitor prints them" {
	local other ref_out ours_out

	export -f echo_changes
	# each side in a namespace of its own: handles and generations count
	# from the same start; the generation's pid is all that differs
	run ns bash -e -c 'echo_changes "$1"' - "$NLKIT_REF_NFT"
	[ "$status" = 0 ]
	ref_out=$(sed 's/by process [0-9]*/by process PID/' <<<"$output")
	nlkit_netns_start other
	run nsenter --net="/proc/$other/ns/net" -- bash -e -c 'echo_changes "$1"' - "$NLKIT_NFT"
	[ "$status" = 0 ]
	ours_out=$(sed 's/by process [0-9]*/by process PID/' <<<"$output")
	diff -u --label reference --label ours <(echo "$ref_out") <(echo "$ours_out")
	[[ $ours_out == *'add element ip t s { 1.2.3.4 }'* ]]
	[[ $ours_out == *'add quota ip t q { over 1 mbytes } '* ]]
	[[ $ours_out == *'add map ip t m { # handle '* ]]
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
	local other ref_out ours_out

	export -f echo_objects
	run ns bash -e -c 'echo_objects "$1"' - "$NLKIT_REF_NFT"
	[ "$status" = 0 ]
	ref_out=$(sed 's/by process [0-9]*/by process PID/' <<<"$output")
	nlkit_netns_start other
	run nsenter --net="/proc/$other/ns/net" -- bash -e -c 'echo_objects "$1"' - "$NLKIT_NFT"
	[ "$status" = 0 ]
	ours_out=$(sed 's/by process [0-9]*/by process PID/' <<<"$output")
	diff -u --label reference --label ours <(echo "$ref_out") <(echo "$ours_out")
	[[ $ours_out == *'add ct timeout inet t to { # handle '*' protocol udp; l3proto ip; policy = { replied : 12 }; } '* ]]
	[[ $ours_out == *'{"nftables": [{"add": {"ct expectation": {"family": "inet", "name": "e2", "table": "t", "handle": '*', "protocol": "tcp", "dport": 1, "timeout": 3600000, "size": 5, "l3proto": "ip"}}}]}'* ]]
}
