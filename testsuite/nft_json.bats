#!/usr/bin/env bats
# nft -j: JSON listings byte for byte as the reference's, over every ruleset
# of the corpora (testsuite/nft/corpus, testsuite/nft/sets), and the other
# list commands.

load lib/common
load lib/nft

CORPUS=$NLKIT_TOP/testsuite/nft/corpus
SETS=$NLKIT_TOP/testsuite/nft/sets

# same_json_listing FILE...: each file loaded by the reference from an
# empty ruleset, `-j list ruleset` of ours and the reference's the same
# bytes (-a changes nothing: JSON always has the handles; -s drops values;
# -n writes numbers).
same_json_listing() {
	local file failed=0

	# the nat and netdev files name these devices
	ns ip link add veth0 type veth peer name veth1
	for file; do
		ref_nft flush ruleset
		ref_nft -f "$file" || { echo "the reference cannot load $file"; return 1; }
		for opts in -j -ja -js -jn; do
			diff_nft "$opts" list ruleset || { echo "in $file"; failed=1; }
		done
	done
	return "$failed"
}

@test "-j list ruleset: every file of the rule corpus" {
	same_json_listing "$CORPUS"/*.nft
}

@test "-j list ruleset: every file of the sets corpus" {
	same_json_listing "$SETS"/*.nft
}

@test "-j: the listings of tables, chains, sets, maps and objects" {
	ref_nft -f "$SETS/mixed.nft"
	ref_nft -f "$SETS/dynamic-objects.nft"
	ref_nft -f "$SETS/maps.nft"
	diff_nft -j list tables
	[[ $output == '{"nftables": [{"metainfo": {"version": "1.0.6", '* ]]
	diff_nft -j list tables ip
	diff_nft -j list chains
	diff_nft -j list table ip dyn
	diff_nft -j list chain ip dyn c
	diff_nft -j list sets
	diff_nft -j list sets ip
	diff_nft -j list maps
	diff_nft -j list set ip dyn seen
	diff_nft -j list map ip mp vm
	diff_nft -j list counters
	diff_nft -j list quotas
	diff_nft -j list limits
	diff_nft -j list counter ip dyn total
	diff_nft -j list quota ip dyn monthly
	diff_nft -j -t list ruleset
	diff_nft -j list ruleset ip
	diff_nft -j list ruleset ip6
}

@test "-j: an empty ruleset is the metainfo alone" {
	diff_nft -j list ruleset
	[ "$output" = '{"nftables": [{"metainfo": {"version": "1.0.6", "release_name": "Lester Gooch #5", "json_schema_version": 1}}]}' ]
}

@test "-j: strings escaped as the reference escapes them" {
	printf 'table ip t {\n\tchain c {\n\t\tlog prefix "a\tb/c" comment "x/y"\n\t}\n}\n' \
		>"$BATS_TEST_TMPDIR/escape.nft"
	ref_nft -f "$BATS_TEST_TMPDIR/escape.nft"
	diff_nft -j list ruleset
	[[ $output == *'"prefix": "a\tb/c"'* ]]
}

@test "-j: lookups that fail as the reference's" {
	ref_nft -f "$SETS/dynamic-objects.nft"
	diff_nft -j list table ip nosuch
	[ "$status" = 1 ]
	diff_nft -j list chain ip dyn nosuch
	diff_nft -j list set ip dyn nosuch
	diff_nft -j list counter ip dyn nosuch
}

# json_round_trip FILE...: the reference's JSON listing of each file, loaded
# by ours with -j -f into an empty ruleset, lists (by the reference) as the
# same JSON, handles aside (they count the order objects came in).  Where
# the reference cannot load its own listing back (a netdev chain's device
# and a jump to a chain listed later are not in it), ours fails too; but
# the reference's JSON input also refuses objects its listing has whole (a
# synproxy object: "Unknown object passed to add command."; a ct
# expectation: "missing options", whatever it holds), which ours loads.
json_round_trip() {
	local file dir="$BATS_TEST_TMPDIR/json" failed=0

	mkdir -p "$dir"
	ns ip link add veth0 type veth peer name veth1
	for file; do
		ref_nft flush ruleset
		ref_nft -f "$file"
		ref_nft -j list ruleset >"$dir/listing.json"
		ref_nft flush ruleset
		if ! ref_nft -j -f "$dir/listing.json" 2>/dev/null &&
		   ! jq -e 'any(.nftables[]; has("synproxy") or has("ct expectation"))' \
			"$dir/listing.json" >/dev/null; then
			ref_nft flush ruleset
			if ours_nft -j -f "$dir/listing.json" 2>/dev/null; then
				echo "ours loads the listing of $file, the reference does not"
				failed=1
			fi
			continue
		fi
		ref_nft flush ruleset
		ours_nft -j -f "$dir/listing.json" || { echo "ours cannot load the JSON of $file"; failed=1; continue; }
		ref_nft -j list ruleset >"$dir/again.json"
		jq -c 'del(..|.handle?)' "$dir/listing.json" >"$dir/expected"
		jq -c 'del(..|.handle?)' "$dir/again.json" >"$dir/got"
		if ! cmp -s "$dir/expected" "$dir/got"; then
			echo "$file: the JSON listing loaded by ours lists differently"
			diff <(jq . "$dir/expected") <(jq . "$dir/got") | head -40
			failed=1
		fi
	done
	return "$failed"
}

@test "-j -f: the reference's JSON of every rule corpus file loads back the same" {
	json_round_trip "$CORPUS"/*.nft
}

@test "-j -f: the reference's JSON of every sets corpus file loads back the same" {
	json_round_trip "$SETS"/*.nft
}

@test "-j -f: rules with anonymous maps of ranges load back the same" {
	cat >"$BATS_TEST_TMPDIR/ranges.nft" <<'EOF'
table ip t {
	chain post {
		type nat hook postrouting priority srcnat; policy accept;
		snat to ip saddr map { 10.0.0.1 : 192.168.0.1-192.168.0.10, 10.0.0.2 : 192.168.1.0/24 }
		meta l4proto tcp snat ip to ip saddr map { 1.1.1.1 : 2.2.2.2 . 80-90, 1.1.1.2 : 2.2.2.0/30 . 22 }
	}
}
table ip6 t6 {
	chain post {
		type nat hook postrouting priority srcnat; policy accept;
		snat to ip6 saddr map { ::2 : [2001:db8::10]-[2001:db8::20] }
	}
}
EOF
	json_round_trip "$BATS_TEST_TMPDIR/ranges.nft"
}

@test "-j -f: commands in JSON (add, insert, delete, flush), as the reference runs them" {
	local cmds="$BATS_TEST_TMPDIR/cmds.json"

	cat >"$cmds" <<'JSON'
{"nftables": [
 {"add": {"table": {"family": "inet", "name": "t"}}},
 {"add": {"chain": {"family": "inet", "table": "t", "name": "in", "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}},
 {"add": {"set": {"family": "inet", "table": "t", "name": "ports", "type": "inet_service", "elem": [22, 80]}}},
 {"add": {"element": {"family": "inet", "table": "t", "name": "ports", "elem": [443]}}},
 {"add": {"rule": {"family": "inet", "table": "t", "chain": "in", "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": "@ports"}}, {"accept": null}]}}},
 {"insert": {"rule": {"family": "inet", "table": "t", "chain": "in", "expr": [{"match": {"op": "in", "left": {"ct": {"key": "state"}}, "right": ["established", "related"]}}, {"accept": null}]}}},
 {"add": {"counter": {"family": "inet", "table": "t", "name": "c", "packets": 1, "bytes": 2}}},
 {"add": {"chain": {"family": "inet", "table": "t", "name": "gone"}}},
 {"delete": {"chain": {"family": "inet", "table": "t", "name": "gone"}}}
]}
JSON
	ref_nft -j -f "$cmds"
	ref_nft list ruleset >"$BATS_TEST_TMPDIR/ref"
	ref_nft flush ruleset
	ours_nft -j -f "$cmds"
	ref_nft list ruleset >"$BATS_TEST_TMPDIR/ours"
	same_text "JSON commands run by ours" "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/ours"
	grep -q 'ct state established,related accept' "$BATS_TEST_TMPDIR/ours"
	echo '{"nftables": [{"flush": {"ruleset": null}}]}' >"$cmds"
	ours_nft -j -f "$cmds"
	run ref_nft list ruleset
	[ -z "$output" ]
}

@test "-j -f: ranges of symbols (\"range\": [\"cs1\", \"cs3\"]) as the reference reads them" {
	local cmds="$BATS_TEST_TMPDIR/ranges.json"

	cat >"$cmds" <<'JSON'
{"nftables": [
 {"add": {"table": {"family": "inet", "name": "t"}}},
 {"add": {"chain": {"family": "inet", "table": "t", "name": "c"}}},
 {"add": {"set": {"family": "inet", "table": "t", "name": "s", "type": "dscp", "flags": ["interval"], "elem": [{"range": ["cs1", "cs3"]}, "ef"]}}},
 {"add": {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "icmp", "field": "type"}}, "right": {"range": ["echo-reply", "echo-request"]}}}]}}},
 {"add": {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip6", "field": "dscp"}}, "right": {"set": [{"range": ["af11", "af13"]}, "cs6"]}}}]}}}
]}
JSON
	wire_nft -j -f "$cmds"
	ours_nft -j -f "$cmds"
	diff_nft list ruleset
	[[ $output == *'icmp type 0-8'* ]]
}

# queue_json QUEUE: a document adding a rule of the queue statement
# {"queue": QUEUE} to table ip t, chain c (made first).
queue_json() {
	printf '{"nftables": [{"add": {"table": {"family": "ip", "name": "t"}}}, {"add": {"chain": {"family": "ip", "table": "t", "name": "c"}}}, {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"queue": %s}]}}}]}\n' "$1"
}

@test "-j -f: queue (a number, a range, numgen, a hash, a map; flags alone) as the reference sends it" {
	# This kernel may lack nft_queue: the requests are compared, and its
	# refusal is the same on both sides.
	local queue file=$BATS_TEST_TMPDIR/queue.json
	local -a queues=(
		'{"num": 3}'
		'{"num": 3, "flags": "bypass"}'
		'{"num": {"range": [1, 3]}, "flags": ["bypass", "fanout"]}'
		'{"flags": "bypass"}'
		'{"flags": ["fanout", "bypass"]}'
		'{"num": 3, "flags": []}'
		'null'
		'{}'
		'{"num": {"symhash": {"mod": 2}}}'
		'{"num": {"numgen": {"mode": "inc", "mod": 4, "offset": 1}}, "flags": "bypass"}'
		'{"num": {"jhash": {"expr": {"payload": {"protocol": "ip", "field": "saddr"}}, "mod": 2}}}'
		'{"num": {"map": {"key": {"payload": {"protocol": "ip", "field": "saddr"}}, "data": {"set": [["1.2.3.4", 1], ["5.6.7.8", 2]]}}}}'
	)

	for queue in "${queues[@]}"; do
		queue_json "$queue" >"$file"
		wire_nft -j -f "$file" || { echo "in $queue"; return 1; }
	done
}

@test "-j -f: a queue's flags and numbers the reference refuses, in its words" {
	local queue file=$BATS_TEST_TMPDIR/queue.json
	local -a queues=(
		'{"num": 3, "flags": "foo"}'
		'{"num": 3, "flags": ["bypass", "x"]}'
		'{"num": 3, "flags": [1]}'
		'{"num": 3, "flags": 3}'
		'{"num": 1, "flags": "fanout"}'
		'{"num": 70000}'
		'{"num": {"symhash": {"mod": 70000}}}'
	)

	for queue in "${queues[@]}"; do
		queue_json "$queue" >"$file"
		diff_nft -j -f "$file" || { echo "in $queue"; return 1; }
		[ "$status" = 1 ] || { echo "$queue: status $status"; return 1; }
	done
	[[ $stderr == *"Error: queue expression max value exceeds 65535"* ]]
	run ref_nft list ruleset
	[ -z "$output" ]
}

@test "-j -f: meta hour, day and time, sets of their types, as the reference reads them" {
	local cmds="$BATS_TEST_TMPDIR/times.json"

	# strings are values whole, as the reference reads them: an hour
	# with seconds, a date with its time
	cat >"$cmds" <<'JSON'
{"nftables": [
 {"add": {"table": {"family": "ip", "name": "t"}}},
 {"add": {"set": {"family": "ip", "table": "t", "name": "days", "type": "day", "elem": ["Monday", 2]}}},
 {"add": {"set": {"family": "ip", "table": "t", "name": "hours", "type": "hour", "flags": ["interval"], "elem": [{"range": ["10:00", "12:00:30"]}, "13:00"]}}},
 {"add": {"map": {"family": "ip", "table": "t", "name": "shifts", "type": "day", "map": "hour", "elem": [["Monday", "10:00"]]}}},
 {"add": {"chain": {"family": "ip", "table": "t", "name": "c"}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "hour"}}, "right": "10:00:05"}}, {"accept": null}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "hour"}}, "right": {"range": ["23:00", "01:00"]}}}, {"drop": null}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "!=", "left": {"meta": {"key": "day"}}, "right": {"range": ["Monday", "Friday"]}}}, {"drop": null}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "day"}}, "right": 3}}, {"accept": null}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "time"}}, "right": 1700000000}}, {"accept": null}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "<", "left": {"meta": {"key": "time"}}, "right": "2024-01-01 00:00:00"}}, {"drop": null}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "time"}}, "right": {"range": ["2024-01-01", "2024-02-01 10:00"]}}}, {"accept": null}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"concat": [{"meta": {"key": "day"}}, {"meta": {"key": "hour"}}]}, "right": {"set": [{"concat": ["Monday", "10:00"]}, {"concat": ["Sunday", "23:59:59"]}]}}}, {"accept": null}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "hour"}}, "right": "@hours"}}, {"accept": null}]}}}
]}
JSON
	wire_nft -j -f "$cmds"
	ours_nft -j -f "$cmds"
	diff_nft list ruleset
	[[ $output == *'meta hour != "01:00"-"23:00" drop'* ]]
	[[ $output == *'meta time "2024-01-01 00:00:00"-"2024-02-01 10:00:00" accept'* ]]
	diff_nft -j list ruleset
	[[ $output == *'"right": {"range": ["Monday", "Friday"]}'* ]]
	# an hour the reference lists but cannot read back, in its words
	echo '{"nftables": [{"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"meta": {"key": "hour"}}, "right": "1193041:28:16"}}]}}}]}' >"$cmds"
	diff_nft -j -f "$cmds"
	[ "$status" = 1 ]
	[[ $stderr == *'Error: wrong time format'* ]]
}

@test "-j -f: a file of commands, not JSON, runs as commands" {
	printf 'add table ip t\nadd chain ip t c\n' >"$BATS_TEST_TMPDIR/cmds.nft"
	ours_nft -j -f "$BATS_TEST_TMPDIR/cmds.nft"
	diff_nft -j list chains
	[[ $output == *'"name": "c"'* ]]
}

@test "-j -f: broken JSON fails with exit status 1" {
	echo '{"nftables": [{"add": ' >"$BATS_TEST_TMPDIR/bad.json"
	# what is not JSON is read as commands, and fails as they do
	diff_nft -j -f "$BATS_TEST_TMPDIR/bad.json"
	[ "$status" = 1 ]
	[[ $stderr == *"bad.json:1:1-1: Error: syntax error, unexpected '{'"* ]]
	run ref_nft list ruleset
	[ -z "$output" ]
}

@test "-j -f: JSON that is no list of commands fails as the reference words it" {
	local doc file=$BATS_TEST_TMPDIR/doc.json
	local -a docs=(
		'{"foo": 1}'
		'{"nftables": 5}'
		'{"nftables": [5]}'
		'{"nftables": ["a"]}'
		'{"nftables": [{}]}'
		'{"nftables": [{"bogus": {}}]}'
		'{"nftables": [{"add": 1.5}]}'
		'{"nftables": [{"add": null}]}'
		'{"nftables": [{"add": {}}]}'
		'{"nftables": [{"delete": {"bogus": {}}}]}'
		'{"nftables": [{"list": {"bogus": {}}}]}'
		'{"nftables": [{"insert": {"table": {"family": "ip", "name": "t"}}}]}'
		'{"nftables": [{"add": {"table": {"family": "ip", "name": "t"}}}, {"flush": "x"}]}'
	)

	for doc in "${docs[@]}"; do
		printf '%s\n' "$doc" >"$file"
		diff_nft -j -f "$file" || { echo "in $doc"; return 1; }
		[ "$status" = 1 ] || { echo "$doc: status $status"; return 1; }
	done
	[[ $stderr == *'Error: Value of flush command must be object (got string instead).'* ]]
	[[ $stderr == *'Error: Parsing command array at index 1 failed.'* ]]
	# nothing of a document that failed is applied
	run ref_nft list ruleset
	[ -z "$output" ]
}

@test "-j -e: what a transaction added, echoed as the reference's JSON" {
	local script='
		$NFT -j -e add table ip t
		$NFT -j -e add chain ip t c "{ type filter hook input priority 0; }"
		$NFT -j -e add rule ip t c tcp dport 22 accept
		$NFT -j -e insert rule ip t c drop
		$NFT -j -e add set ip t s "{ type ipv4_addr; }"
		$NFT -j -e add counter ip t k
		$NFT -j -e add element ip t s "{ 1.1.1.1, 2.2.2.2 }"
		$NFT -j -e delete rule ip t c handle 2
		$NFT -j -e flush ruleset
	'

	NFT=$NLKIT_REF_NFT ns bash -e -c "$script" >"$BATS_TEST_TMPDIR/ref"
	NFT=$NLKIT_NFT ns bash -e -c "$script" >"$BATS_TEST_TMPDIR/ours"
	# a namespace numbers its tables on: the second run's table is another
	sed -i -E 's/("table": \{"family": "ip", "name": "t", "handle": )[0-9]+/\1N/' \
		"$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/ours"
	same_text "-j -e" "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/ours"
	grep -q '^{"nftables": \[{"insert": {"rule": ' "$BATS_TEST_TMPDIR/ours"
}

@test "-j: the listings of conntrack objects, synproxies and secmarks" {
	ref_nft -f "$SETS/stateful-objects.nft"
	diff_nft -j list ct helper inet obj sip-5060
	[[ $output == *'"comment": "sip over udp", "type": "sip", "protocol": "udp", "l3proto": "ip"}'* ]]
	diff_nft -j list ct helpers table inet obj
	diff_nft -j list ct helpers table ip6 obj6
	diff_nft -j list ct helpers table ip nosuch
	[ "$status" = 1 ]
	diff_nft -j list secmarks
	diff_nft -j list counters table inet obj
	diff_nft -j list table inet obj
	[[ $output == *'"policy": {"established": 100, "close_wait": 4, "close": 4}'* ]]
	[[ $output == *'{"synproxy": {"mss": 1460, "wscale": 5, "flags": ["sack-perm"]}}'* ]]
	diff_nft -j list chain inet obj pre
	[[ $output == *'{"ct timeout": "agressive-tcp"}'* ]]
}

# The reference aborts on these (an assertion of its JSON listing): ours
# lists each object as its -j list ruleset does.
@test "-j: one ct timeout, ct expectation or synproxy, and every synproxy, where the reference aborts" {
	local listing="$BATS_TEST_TMPDIR/ruleset.json"

	ref_nft -f "$SETS/stateful-objects.nft"
	diff_nft -j list ruleset
	echo "$output" >"$listing"
	run ours_nft -j list ct timeout inet obj udp-quick
	[ "$status" = 0 ]
	[ "$(jq -c '.nftables[1:]' <<<"$output")" = \
	  "$(jq -c '[.nftables[] | select(."ct timeout".name? == "udp-quick")]' "$listing")" ]
	run ours_nft -j list ct expectation ip obj4 quick
	[ "$(jq -c '.nftables[1:]' <<<"$output")" = \
	  "$(jq -c '[.nftables[] | select(."ct expectation".name? == "quick")]' "$listing")" ]
	run ours_nft -j list synproxy inet obj sp-ts
	[ "$(jq -c '.nftables[1:]' <<<"$output")" = \
	  "$(jq -c '[.nftables[] | select(.synproxy.name? == "sp-ts")]' "$listing")" ]
	run ours_nft -j list synproxys
	[ "$(jq -c '.nftables[1:]' <<<"$output")" = \
	  "$(jq -c '[.nftables[] | select(.synproxy.name?)]' "$listing")" ]
	[ "$(jq '.nftables | length' <<<"$output")" = 6 ]
}

@test "-j -f: conntrack objects, synproxies and the rules that use them, in JSON commands" {
	local cmds="$BATS_TEST_TMPDIR/objs.json" text="$BATS_TEST_TMPDIR/objs.nft"

	cat >"$cmds" <<'JSON'
{"nftables": [
 {"add": {"table": {"family": "inet", "name": "t"}}},
 {"add": {"ct helper": {"family": "inet", "table": "t", "name": "ftp", "type": "ftp", "protocol": "tcp", "l3proto": "ip"}}},
 {"add": {"ct timeout": {"family": "inet", "table": "t", "name": "short", "protocol": "udp", "l3proto": "ip6", "policy": {"unreplied": 5, "replied": 7}}}},
 {"add": {"ct expectation": {"family": "inet", "table": "t", "name": "e", "protocol": "tcp", "dport": 21, "timeout": 172800001, "size": 8, "l3proto": "ip", "comment": "two days"}}},
 {"add": {"synproxy": {"family": "inet", "table": "t", "name": "sp", "mss": 1460, "wscale": 7, "flags": ["timestamp", "sack-perm"]}}},
 {"add": {"chain": {"family": "inet", "table": "t", "name": "in", "type": "filter", "hook": "input", "prio": 0}}},
 {"add": {"rule": {"family": "inet", "table": "t", "chain": "in", "expr": [{"ct helper": "ftp"}, {"ct timeout": "short"}, {"ct expectation": "e"}]}}},
 {"add": {"rule": {"family": "inet", "table": "t", "chain": "in", "expr": [{"synproxy": "sp"}]}}},
 {"add": {"rule": {"family": "inet", "table": "t", "chain": "in", "expr": [{"synproxy": {"mss": 1400, "flags": ["sack-perm"]}}]}}},
 {"add": {"rule": {"family": "inet", "table": "t", "chain": "in", "expr": [{"synproxy": null}]}}}
]}
JSON
	cat >"$text" <<'NFT'
table inet t {
	ct helper ftp {
		type "ftp" protocol tcp
		l3proto ip
	}
	ct timeout short {
		protocol udp
		l3proto ip6
		policy = { unreplied : 5, replied : 7 }
	}
	ct expectation e {
		comment "two days"
		protocol tcp
		dport 21
		timeout 2d1ms
		size 8
		l3proto ip
	}
	synproxy sp {
		mss 1460
		wscale 7
		timestamp sack-perm
	}
	chain in {
		type filter hook input priority filter; policy accept;
		ct helper set "ftp" ct timeout set "short" ct expectation set "e"
		synproxy name "sp"
		synproxy mss 1400 sack-perm
		synproxy
	}
}
NFT
	# (the reference's JSON input knows no synproxy object, and no ct
	# expectation with its options: the text is the reference's)
	ours_nft -j -f "$cmds"
	run ref_nft list ruleset
	ref_nft flush ruleset
	ref_nft -f "$text"
	diff -u <(ref_nft list ruleset) <(echo "$output")
}

@test "-j -f: a ct helper in use, deleted: the kernel's refusal as the reference reports it" {
	local cmds="$BATS_TEST_TMPDIR/busy.json"

	ref_nft -f "$SETS/stateful-objects.nft"
	echo '{"nftables": [{"delete": {"ct helper": {"family": "inet", "table": "obj", "name": "tftp"}}}]}' >"$cmds"
	diff_nft -j -f "$cmds"
	[ "$status" = 1 ]
	[ "$stderr" = 'internal:0:0-0: Error: Could not process rule: Device or resource busy' ]
	echo '{"nftables": [{"add": {"rule": {"family": "inet", "table": "obj", "chain": "in", "expr": [{"synproxy": "nosuch"}]}}}]}' >"$cmds"
	diff_nft -j -f "$cmds"
	[ "$status" = 1 ]
}

@test "-j -f: maps of objects and the statements that pick an object by map, in JSON commands" {
	local cmds="$BATS_TEST_TMPDIR/cmds.json"

	cat >"$cmds" <<'JSON'
{"nftables": [{"add": {"table": {"family": "ip", "name": "t"}}},
 {"add": {"counter": {"family": "ip", "table": "t", "name": "c1"}}},
 {"add": {"counter": {"family": "ip", "table": "t", "name": "web"}}},
 {"add": {"quota": {"family": "ip", "table": "t", "name": "q1", "bytes": 1048576, "inv": true}}},
 {"add": {"ct helper": {"family": "ip", "table": "t", "name": "ftp", "type": "ftp", "protocol": "tcp"}}},
 {"add": {"map": {"family": "ip", "table": "t", "name": "m", "type": "ipv4_addr", "map": "counter", "flags": ["interval"],
   "elem": [["10.0.0.1", "c1"], [{"prefix": {"addr": "192.168.0.0", "len": 16}}, "web"]]}}},
 {"add": {"map": {"family": "ip", "table": "t", "name": "mq", "type": ["ipv4_addr", "inet_service"], "map": "quota"}}},
 {"add": {"element": {"family": "ip", "table": "t", "name": "mq", "elem": [[{"concat": ["10.0.0.1", 22]}, "q1"]]}}},
 {"add": {"element": {"family": "ip", "table": "t", "name": "m", "elem": [["10.0.0.2", "web"]]}}},
 {"add": {"chain": {"family": "ip", "table": "t", "name": "c"}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"counter": {"map": {"key": {"payload": {"protocol": "ip", "field": "saddr"}}, "data": "@m"}}}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"quota": {"map": {"key": {"concat": [{"payload": {"protocol": "ip", "field": "saddr"}}, {"payload": {"protocol": "tcp", "field": "dport"}}]}, "data": "@mq"}}}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"ct helper": {"map": {"key": {"payload": {"protocol": "tcp", "field": "dport"}}, "data": {"set": [[21, "ftp"], [2121, "ftp"]]}}}}, {"accept": null}]}}},
 {"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "expr": [{"counter": {"map": {"key": {"meta": {"key": "mark"}}, "data": {"set": [[1, "web"], [2, "c1"]]}}}}]}}}
]}
JSON
	ref_nft -j -f "$cmds"
	ref_nft -j list ruleset | jq -c 'del(..|.handle?)' >"$BATS_TEST_TMPDIR/ref"
	ref_nft flush ruleset
	ours_nft -j -f "$cmds"
	# a namespace numbers its tables on: the second run's table is another
	ref_nft -j list ruleset | jq -c 'del(..|.handle?)' >"$BATS_TEST_TMPDIR/ours"
	same_text "JSON commands run by ours" "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/ours"
	run ref_nft list ruleset
	[[ $output == *'ct helper set tcp dport map { 21 : "ftp", 2121 : "ftp" } accept'* ]]
	[[ $output == *'elements = { 10.0.0.1 : "c1", 10.0.0.2 : "web",'* ]]
}

@test "-j -f: maps of objects the reference's JSON refuses, in its words" {
	local type file=$BATS_TEST_TMPDIR/map.json

	for type in '"ct helper"' '"ct timeout"' '"ct expectation"' '"bogus"'; do
		printf '{"nftables": [{"add": {"table": {"family": "ip", "name": "t"}}}, {"add": {"map": {"family": "ip", "name": "m", "table": "t", "type": "ipv4_addr", "map": %s}}}]}\n' \
			"$type" >"$file"
		diff_nft -j -f "$file" || { echo "with $type"; return 1; }
		[ "$status" = 1 ] || { echo "$type: status $status"; return 1; }
	done
	[[ $stderr == *"Error: Invalid map type 'bogus'."* ]]
	run ref_nft list ruleset
	[ -z "$output" ]
}
