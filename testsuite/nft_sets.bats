#!/usr/bin/env bats
# nft sets, maps, verdict maps, concatenations and stateful objects: ours
# against the reference.
#
# The triangle over every file of testsuite/nft/sets: (1) loaded by ours
# and listed by the reference equals loaded and listed by the reference
# (our messages are right); (2) loaded by the reference and listed by ours
# equals the reference's listing (our reading of the kernel's sets is
# right); (3) our listing, loaded again by ours, lists the same.

load lib/common
load lib/nft

SETS=$NLKIT_TOP/testsuite/nft/sets

# files_fail_alike DIR: each DIR/*.nft fails, with ours as with the
# reference, in the same words, and leaves the ruleset as it was.
files_fail_alike() {
	local f before failed=0

	run ref_nft list ruleset
	before=$output
	for f in "$1"/*.nft; do
		diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$f" || { echo "in $f"; failed=1; }
		[ "$status" = 1 ] || { echo "$f: status $status"; failed=1; }
		run ref_nft list ruleset
		[ "$output" = "$before" ] || { echo "$f changed the ruleset"; failed=1; }
	done
	[ "$failed" = 0 ]
}

@test "triangle: types.nft (named sets of every key type, set options)" {
	triangle "$SETS/types.nft"
}

@test "triangle: intervals.nft (prefixes, ranges, auto-merge, anonymous intervals)" {
	triangle "$SETS/intervals.nft"
}

@test "triangle: maps.nft (maps, verdict maps named and anonymous)" {
	triangle "$SETS/maps.nft"
}

@test "triangle: concat.nft (concatenations in sets, maps and rules)" {
	triangle "$SETS/concat.nft"
}

@test "triangle: concat-intervals.nft (concatenations of ranges: named, typeof, maps, anonymous, vmaps)" {
	triangle "$SETS/concat-intervals.nft"
}

@test "triangle: dynamic-objects.nft (add/update @set, counter, quota, limit)" {
	triangle "$SETS/dynamic-objects.nft"
}

@test "triangle: typeof.nft (sets and maps declared by selectors, listed so)" {
	triangle "$SETS/typeof.nft"
}

@test "triangle: map-values.nft (values looked up: meta mark set ... map, snat to ... map)" {
	triangle "$SETS/map-values.nft"
}

@test "triangle: map-interval-data.nft (maps of ranges: named, typeof, anonymous, with ports; nat from them)" {
	triangle "$SETS/map-interval-data.nft"
}

@test "maps of ranges of numbers: sent and listed as the reference does" {
	local file=$BATS_TEST_TMPDIR/numbers.nft dir=$BATS_TEST_TMPDIR

	# The reference puts the last value a word after the first, which
	# cuts a port's off (80-90 is listed 80-0), and lists a mark's range
	# with its values swapped: not a listing that loads back the same.
	cat >"$file" <<'EOF'
table ip t {
	map marks {
		type ipv4_addr : interval mark
		elements = { 10.0.0.1 : 0x01020304-0x05060708 }
	}

	map ports {
		type ipv4_addr : interval inet_service
		elements = { 10.0.0.1 : 1-5 }
	}

	map protos {
		type ipv4_addr : interval inet_proto
		elements = { 10.0.0.1 : 6-17 }
	}

	map mark_parts {
		type ipv4_addr : interval ipv4_addr . mark
		elements = { 10.0.0.1 : 1.1.1.1 . 0x01020304-0x05060708 }
	}

	chain f {
		type filter hook input priority filter; policy accept;
		meta mark set ip saddr map { 1.1.1.1 : 1-3, 1.1.1.2 : 0x10-0x20 }
	}

	chain pre {
		type nat hook prerouting priority dstnat; policy accept;
		tcp dport 1-100 dnat to 1.1.1.1 : tcp dport map { 1 : 80-90 }
	}
}
EOF
	ref_nft -f "$file"
	ref_nft list ruleset >"$dir/ref"
	ours_nft list ruleset >"$dir/ours"
	same_text "loaded by the reference, listed by ours" "$dir/ref" "$dir/ours"
	ref_nft flush ruleset
	ours_nft -f "$file"
	ref_nft list ruleset >"$dir/ours-encoded"
	same_text "loaded by ours, listed by the reference" "$dir/ref" "$dir/ours-encoded"
	diff_nft -j list ruleset
}

@test "maps of ranges: what the reference refuses, refused alike" {
	local failed=0 bad

	ref_nft add table ip t
	ref_nft add chain ip t pre '{ type nat hook prerouting priority dstnat; }'
	for bad in \
		'add map ip t m { type ipv4_addr : ipv4_addr; elements = { 10.0.0.1 : 1.1.1.1-1.1.1.5 } }' \
		'add map ip t m { type ipv4_addr : ipv4_addr . inet_service; elements = { 10.0.0.1 : 1.1.1.1 . 1-5 } }' \
		'add map ip t m { type ipv4_addr : interval ipv4_addr; elements = { 10.0.0.1 : 1.1.1.1 } }' \
		'add map ip t m { type ipv4_addr : interval ipv4_addr . inet_service; elements = { 10.0.0.1 : 1.1.1.2 . 80 } }' \
		'add rule ip t pre meta l4proto tcp dnat to ip saddr map { 1.1.1.1 : 2.2.2.2-2.2.2.3, 1.1.1.2 : 3.3.3.3 }' \
		'add rule ip t pre dnat ip to ip saddr map { 1.1.1.1 : 2.2.2.2 . 80-90 }' \
		'add map ip t m { type ipv4_addr : interval ipv4_addr . inet_service; }; add rule ip t pre dnat to ip saddr map @m'; do
		diff_nft "$bad" || { echo "in: $bad"; failed=1; }
		[ "$status" = 1 ] || { echo "$bad: status $status"; failed=1; }
	done
	[ "$failed" = 0 ]
}

@test "maps of ranges: add element, delete element, list map, -j list map, as the reference" {
	local nft dir=$BATS_TEST_TMPDIR

	for nft in ref_nft ours_nft; do
		ref_nft flush ruleset
		ref_nft -f "$SETS/map-interval-data.nft"
		"$nft" add element ip t addr_ports '{ 10.0.0.20 : 192.0.2.1-192.0.2.3 . 53 }'
		"$nft" add element ip6 t6 ranges6 '{ ::5 : 2001:db8:5::/120 }'
		"$nft" delete element ip t ranges '{ 12.0.0.1 }'
		ref_nft list ruleset >"$dir/$nft"
	done
	same_text "elements changed by ours, listed by the reference" "$dir/ref_nft" "$dir/ours_nft"
	diff_nft list map ip t ranges
	diff_nft list map ip t addr_ports
	diff_nft -j list map ip t ranges
	diff_nft list map ip6 t6 ranges6
	diff_nft -j list map ip t addr_ports
	diff_nft list chain ip t post
}

@test "triangle: mixed.nft" {
	triangle "$SETS/mixed.nft"
}

@test "triangle: meters.nft (meter NAME [size N] { key [timeout T] statement })" {
	triangle "$SETS/meters.nft"
}

@test "triangle: dynset-stmts.nft (limit, quota, ct count, counters in set updates)" {
	triangle "$SETS/dynset-stmts.nft"
}

@test "triangle: stateful-objects.nft (ct helper, timeout, expectation, synproxy objects and their rules)" {
	triangle "$SETS/stateful-objects.nft"
}

@test "triangle: bit-fields.nft (ip dscp, ip6 dscp, ecn, flowlabel, vlan, ip version fields in sets, maps, anonymous sets)" {
	triangle "$SETS/bit-fields.nft"
}

@test "triangle: object-maps.nft (maps of counters, quotas, limits, synproxies, secmarks; the statements that pick an object by map)" {
	triangle "$SETS/object-maps.nft"
}

@test "triangle: transport-typeof.nft (udplite, dccp, sctp, esp, ah, comp, igmp fields as keys and data; typeof, dccp_pkttype, igmp_type)" {
	triangle "$SETS/transport-typeof.nft"
}

@test "every sets file has its triangle test; the files hold 100 cases" {
	local f cases

	for f in "$SETS"/*.nft; do
		grep -q "triangle: ${f##*/}" "$BATS_TEST_FILENAME" || {
			echo "no triangle test for $f"
			return 1
		}
	done
	# a case: a set, map or object declared, or a rule
	cases=$(awk '/^\t(set|map|counter|quota|limit|ct (helper|timeout|expectation)|synproxy|secmark) [a-z0-9_-]+ \{/ { n++ }
		/^\tchain/ { inchain = 1; next }
		inchain && /^\t}/ { inchain = 0 }
		inchain && /^\t\t/ && !/^\t\ttype / { n++ }
		END { print n }' "$SETS"/*.nft)
	echo "cases: $cases"
	[ "$cases" -ge 100 ]
}

@test "list sets, maps, set, map, counters, quotas, limits" {
	ref_nft -f "$SETS/mixed.nft"
	ref_nft -f "$SETS/dynamic-objects.nft"
	diff_nft list sets
	[[ $output == *'set s1 {'* ]]
	diff_nft list sets ip
	diff_nft list maps
	[[ $output == *'map m2 {'* ]]
	diff_nft list set ip t s1
	diff_nft list map ip t m2
	diff_nft list counters
	[[ $output == *'counter c1 {'* ]]
	diff_nft list quotas
	diff_nft list limits
	diff_nft list counter ip dyn total
	diff_nft -t list ruleset
	diff_nft -a list set ip t s1
	diff_nft -s list ruleset
}

@test "list set errors as the reference words them" {
	ref_nft -f "$SETS/mixed.nft"
	diff_nft list set ip t nosuch
	[ "$status" = 1 ]
	diff_nft list set ip nosuch s1
	diff_nft list map ip t s1
}

@test "add, delete and get element; flush and delete set" {
	ours_nft add table ip f
	ours_nft add set ip f s '{ type ipv4_addr; }'
	ours_nft add element ip f s '{ 192.0.2.1, 192.0.2.2, 192.0.2.3 }'
	ours_nft delete element ip f s '{ 192.0.2.2 }'
	diff_nft list set ip f s
	[[ $output == *'elements = { 192.0.2.1, 192.0.2.3 }'* ]]
	diff_nft get element ip f s '{ 192.0.2.3 }'
	ours_nft add set ip f i '{ type ipv4_addr; flags interval; }'
	ours_nft add element ip f i '{ 10.0.0.0/8, 192.168.0.1-192.168.0.9 }'
	diff_nft get element ip f i '{ 10.1.2.3 }'
	ours_nft add map ip f m '{ type inet_service : verdict; }'
	ours_nft add element ip f m '{ 22 : accept, 23 : drop }'
	diff_nft list ruleset
	[[ $output == *'elements = { 22 : accept, 23 : drop }'* ]]
	ours_nft flush set ip f s
	diff_nft list set ip f s
	[[ $output != *elements* ]]
	ours_nft delete set ip f s
	ours_nft delete map ip f m
	diff_nft list ruleset
	[[ $output != *'set s '* ]]
}

@test "elements with timeouts: timeout and expires as the reference lists them" {
	ours_nft add table ip t
	ours_nft add set ip t s '{ type ipv4_addr; flags timeout; timeout 1h; }'
	ours_nft add element ip t s '{ 192.0.2.1 timeout 10m comment "short", 192.0.2.2 }'
	# expires counts down: compare the listings without it
	run ours_nft list set ip t s
	[ "$status" = 0 ]
	ours=$(sed 's/ expires [0-9hms]*//g' <<<"$output")
	run ref_nft list set ip t s
	ref=$(sed 's/ expires [0-9hms]*//g' <<<"$output")
	echo "ours: $ours"; echo "ref: $ref"
	[ "$ours" = "$ref" ]
	[[ $ours == *'192.0.2.1 timeout 10m comment "short"'* ]]
	[[ $output == *'192.0.2.2 expires '* ]]
}

@test "reset counters and quotas lists the values and zeroes them" {
	ref_nft -f "$SETS/dynamic-objects.nft"
	ref_nft add counter ip dyn used '{ packets 7 bytes 700 }'
	run ours_nft reset counters
	[ "$status" = 0 ]
	[[ $output == *'packets 7 bytes 700'* ]]
	diff_nft list counter ip dyn used
	[[ $output == *'packets 0 bytes 0'* ]]
	run ours_nft reset quotas
	[ "$status" = 0 ]
	[[ $output == *'over 2 kbytes used 512 bytes'* ]]
	diff_nft list quotas
}

@test "set errors: unknown set, prefix elements without flags interval" {
	ours_nft add table ip t
	ours_nft add chain ip t c
	diff_nft add rule ip t c ip saddr @nosuch drop
	[ "$status" = 1 ]
	diff_nft add set ip t s '{ type ipv4_addr; elements = { 10.0.0.0/8 }; }'
	[ "$status" = 1 ]
}

# addresses COUNT STEP SUFFIX [FIRST [SPAN]]: COUNT elements for a set's
# braces, ten a line: IPv4 addresses from FIRST.0.0.0 on (FIRST: 10 if not
# given), STEP apart, each the range up to SPAN addresses further when
# SPAN is given, followed by SUFFIX (/30, " : 42", ...).
addresses() {
	awk -v n="$1" -v step="$2" -v suffix="$3" -v first="${4:-10}" -v span="${5:-0}" '
	function addr(a) {
		return sprintf("%d.%d.%d.%d", first + int(a / 16777216), int(a / 65536) % 256,
			       int(a / 256) % 256, a % 256)
	}
	BEGIN {
		for (i = 0; i < n; i++) {
			a = i * step
			if (i)
				printf "%s", i % 10 ? ", " : ",\n\t"
			printf "%s%s%s", addr(a), span ? "-" addr(a + span) : "", suffix
		}
	}'
}

# big_sets FILE: large sets, each filled by one command or declaration:
# addresses, prefixes, overlapping ranges merged, a map, comments, and
# elements that come from variables among them.
big_sets() {
	{
		echo 'define extra = 192.168.0.1'
		echo 'define other = 192.168.0.0/24'
		echo 'add table ip big'
		echo 'add set ip big plain { type ipv4_addr; }'
		echo "add element ip big plain { \$extra, $(addresses 20000 1 '') }"
		echo 'add set ip big prefixes { type ipv4_addr; flags interval; }'
		echo "add element ip big prefixes { $(addresses 20000 4 /30), \$other }"
		echo "add set ip big merged { type ipv4_addr; flags interval; auto-merge;"
		echo "	elements = { $(addresses 5000 4 '' 11 5), 172.16.0.0-172.16.255.255,"
		echo '		172.16.1.0/24 comment "inside" } }'
		echo "add map ip big marks { type ipv4_addr : mark;"
		echo "	elements = { $(addresses 5000 3 ' : 42' 12) } }"
		echo "add set ip big notes { type ipv4_addr;"
		echo "	elements = { $(addresses 2000 1 ' comment "n"' 13), \$extra } }"
	} >"$1"
}

@test "large sets: loaded and listed as the reference does, in text and JSON" {
	local file=$BATS_TEST_TMPDIR/big.nft

	big_sets "$file"
	triangle "$file"
	diff_nft list ruleset
	[[ $output == *'elements = { 11.0.0.0-11.0.78.33, 172.16.0.0/16 }'* ]]
	diff_nft -j list ruleset
	diff_nft list set ip big prefixes
	diff_nft get element ip big plain '{ 10.0.78.31, 192.168.0.1 }'
	diff_nft get element ip big prefixes '{ 10.1.0.5, 192.168.0.7 }'
}

@test "large sets: deleting many elements, checking a load" {
	local file=$BATS_TEST_TMPDIR/big.nft del=$BATS_TEST_TMPDIR/del.nft before

	big_sets "$file"
	ours_nft -f "$file"
	{
		echo "delete element ip big plain { $(addresses 10000 2 '') }"
		echo "delete element ip big prefixes { $(addresses 10000 8 /30) }"
	} >"$del"
	ours_nft -f "$del"
	diff_nft list ruleset
	run ref_nft list ruleset
	before=$output
	ours_nft -c -f "$file"
	run ref_nft list ruleset
	[ "$output" = "$before" ]
}

@test "large sets: a bad element deep in one: the reference's error at its place, nothing applied" {
	local dir=$BATS_TEST_TMPDIR

	ref_nft add table ip big
	ref_nft add set ip big s '{ type ipv4_addr; }'
	ref_nft add set ip big p '{ type ipv4_addr; flags interval; }'
	# after 15000 elements: a bad address, a prefix where intervals are
	# not, prefixes and ranges that overlap one 10000 elements before, a
	# bad address in a declaration and in a table block
	echo "add element ip big s { $(addresses 15000 1 ''), 10.0.300.1, 11.0.0.1 }" >"$dir/address.nft"
	echo "add element ip big s { $(addresses 15000 1 ''), 11.0.0.0/8 }" >"$dir/prefix.nft"
	echo "add element ip big p { $(addresses 15000 4 /30), 10.0.23.0/24 }" >"$dir/same-start.nft"
	echo "add element ip big p { $(addresses 15000 4 /30), 10.0.23.1-10.0.23.9 }" >"$dir/inside.nft"
	echo "add set ip big d { type ipv4_addr; elements = { $(addresses 15000 1 ''),
		10.0.300.1 } }" >"$dir/declared.nft"
	echo "table ip big {
	set b { type ipv4_addr; flags interval;
		elements = { $(addresses 15000 1 ''), 10.0.300.0/24 } }
}" >"$dir/block.nft"
	files_fail_alike "$dir"
}

@test "interval sets: ranges given again, overlapping, merged as the reference does" {
	local dir=$BATS_TEST_TMPDIR els i=0 failed=0

	# each: the set's options, then its elements
	while IFS='|' read -r opts els; do
		i=$((i + 1))
		printf 'add table ip t\nadd set ip t s%d { type ipv4_addr; flags interval; %s elements = {\n\t%b } }\n' \
			"$i" "$opts" "$els" >"$dir/$i.nft"
		ref_nft flush ruleset
		diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$dir/$i.nft" || { echo "in: $els"; failed=1; }
		diff_nft list ruleset || { echo "after: $els"; failed=1; }
	done <<'EOS'
|10.0.0.1, 10.0.0.1, 10.0.0.2, 10.0.0.1
|10.0.0.0/8, 10.0.0.0-10.255.255.255
|10.0.0.0/8 comment "x", 10.0.0.0/8 comment "y"
|10.0.0.0/8, 10.0.0.0/16
|10.0.0.0/16, 10.0.0.0/8
|10.2.0.0/16, 10.1.0.0/16,\n\t10.0.0.0/8
|10.0.0.5-10.0.0.20, 10.0.0.0-10.0.0.10
auto-merge;|10.0.0.0/8 comment "a", 10.0.0.0/16 comment "b", 10.0.0.0/8 comment "c"
auto-merge;|10.0.0.0/9 comment "a", 10.0.0.0/8 comment "b", 10.0.0.0/10 comment "c"
auto-merge;|10.0.0.1, 10.0.0.2, 10.0.0.4, 10.0.0.3, 0.0.0.0, 255.255.255.255
EOS
	[ "$failed" = 0 ]
}

@test "element errors as the reference reports them: the first of a block, of a set's commands in a row" {
	local dir=$BATS_TEST_TMPDIR f i=0
	local head='add table ip t\nadd set ip t s { type ipv4_addr; }\nadd set ip t p { type ipv4_addr; flags interval; }\n'

	# each: the commands after $head
	while IFS= read -r f; do
		i=$((i + 1))
		printf "$head%b\n" "$f" >"$dir/$i.nft"
	done <<'EOS'
add set ip t d { type ipv4_addr; elements = { 10.0.300.1, 10.0.0.0/8 } }
add element ip t s { 10.0.0.0/8 }\nadd element ip t s { 10.0.1.0/8 }
add element ip t s { 10.0.0.1, 10.0.300.1, 10.0.0.0/8 }\nadd element ip t s { 10.0.0.0/8 }
add element ip t s { 10.0.300.1 }\nadd element ip t p { 10.0.301.1 }\nadd element ip t s { 10.0.302.1 }
add element ip t s { 10.0.300.1 }\ndelete element ip t s { 10.0.0.0/8 }
add element ip t s { 10.0.300.1 }\ncreate element ip t s { 10.0.301.1 }
add element ip t p { 10.0.0.0/8, 10.0.300.0/24, 10.1.0.0/16 }\nadd element ip t p { 10.0.301.0/24 }
add chain ip t c\nadd rule ip t c ip saddr { 1.2.3.400, 1.2.3.500 }
table ip t {\n\tset d { type ipv4_addr; elements = { 10.0.300.1, 10.0.0.0/8 }; }\n\tset e { type ipv4_addr; elements = { 10.0.0.0/8 }; }\n}
add element ip t nosuch { 10.0.0.1 }\nadd element ip t nosuch { 10.0.0.2 }\nflush set ip t nosuch
EOS
	ref_nft add table inet keep
	files_fail_alike "$dir"
}

@test "large sets: 100000 commands of an element each, acknowledged past the default receive buffer" {
	local file=$BATS_TEST_TMPDIR/lines.nft

	{
		echo 'add table ip t'
		echo 'add set ip t s { type ipv4_addr; }'
		awk 'BEGIN {
			for (i = 0; i < 100000; i++)
				printf "add element ip t s { 10.%d.%d.%d }\n", int(i / 65536),
				       int(i / 256) % 256, i % 256
		}'
	} >"$file"
	ours_nft -f "$file"
	# every element; the kernel grows a hash table this size in the
	# background after the batch, and a dump while it grows misses some
	# elements and repeats others (seen under load): so a few tries
	local try count
	for try in 1 2 3 4 5 6 7 8 9 10; do
		run ref_nft list set ip t s
		count=$(grep -o '10\.[0-9.]*' <<<"$output" | sort -u | wc -l)
		[ "$count" = 100000 ] && break
		sleep 0.5
	done
	[ "$count" = 100000 ] || { echo "the reference lists $count elements"; return 1; }
	diff_nft list ruleset
}

@test "large sets: the kernel's errors on elements where the reference points, messages split as its" {
	local dir=$BATS_TEST_TMPDIR n

	ref_nft add table ip t
	ref_nft add set ip t s '{ type ipv4_addr; }'
	ref_nft add set ip t small '{ type ipv4_addr; size 3; }'
	ref_nft add map ip t m '{ type ipv4_addr : verdict; }'
	ref_nft add element ip t s '{ 11.0.0.1 }'
	ref_nft add element ip t m '{ 11.0.0.1 : accept }'
	# an element there already, after N others: in the first message,
	# or in a later one (which the reference takes for the element at the
	# same place of the first)
	for n in 50 5000 15000; do
		echo "create element ip t s { $(addresses "$n" 1 ''), 11.0.0.1, 12.0.0.1 }" >"$dir/exists-$n.nft"
	done
	echo "create element ip t m { $(addresses 100 1 ' : drop'), 11.0.0.1 : drop }" >"$dir/map.nft"
	echo "delete element ip t s { 11.0.0.1, $(addresses 30 1 '') }" >"$dir/missing.nft"
	echo "add element ip t small { $(addresses 30 1 '') }" >"$dir/full.nft"
	files_fail_alike "$dir"
	# the element messages (NFT_MSG_NEWSETELEM): as many elements each
	# as the reference's, and no acknowledgement asked for
	{
		echo 'add table ip w'
		echo 'add set ip w s { type ipv4_addr; }'
		echo "add element ip w s { $(addresses 10000 1 '') }"
	} >"$dir/wire.nft"
	wire_cmd --type 2572 "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$dir/wire.nft"
}

@test "a set declared anew after flush ruleset: its elements go by the new declaration" {
	local dir=$BATS_TEST_TMPDIR

	ref_nft add table ip t
	ref_nft add set ip t s '{ type ipv4_addr; }'
	ref_nft add element ip t s '{ 10.0.0.1 }'
	printf 'add set ip t s { type ipv4_addr; flags interval; }\nadd element ip t s { 10.0.0.0/30 }\n' \
		>"$dir/kept.nft"
	printf 'flush ruleset\nadd table ip t\nadd set ip t s { type ipv4_addr; flags interval; }\nadd element ip t s { 10.0.0.0/30, 10.0.0.8/30 }\n' \
		>"$dir/flushed.nft"
	# without the flush, the set is the kernel's
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$dir/kept.nft"
	[ "$status" = 1 ]
	ours_nft -f "$dir/flushed.nft"
	diff_nft list ruleset
	[[ $output == *'elements = { 10.0.0.0/30, 10.0.0.8/30 }'* ]]
}

# A table whose output chain fills meters, and objects in two tables.
meters_with_traffic() {
	ns ip link set lo up
	ours_nft -f - <<-'EOF'
	table ip t {
		counter c1 { packets 5 bytes 10 }
		quota q1 { over 100 mbytes used 10 mbytes }
		limit l1 { rate 10/second }
		set s { type ipv4_addr; flags interval; elements = { 10.0.0.0/8 } }
		chain o {
			type filter hook output priority 0;
			meter m1 size 100 { ip daddr . udp dport counter }
			meter m2 { udp dport limit rate 10/second }
			meter m3 { ip daddr . udp dport quota over 1 mbytes }
		}
	}
	table inet u {
		counter c2 { packets 1 bytes 2 }
		quota q2 { 5 kbytes }
		set s2 { type ipv4_addr; }
	}
	EOF
	# UDP to closed ports: the answers are ICMP, which no meter counts
	# shellcheck disable=SC2016 # the inner shell's loop variable
	ns bash -c 'for port in 9 9 7; do echo x >/dev/udp/127.0.0.1/$port; done;
		echo x >/dev/udp/127.0.0.2/9' 2>/dev/null || true
}

@test "list meters and meter: the sets of meters, their elements and their state" {
	meters_with_traffic
	diff_nft list chain ip t o
	[[ $output == *'meter m1 size 100 { ip daddr . udp dport counter }'* ]]
	[[ $output == *'meter m2 size 65535 { udp dport limit rate 10/second }'* ]]
	diff_nft list meter ip t m1
	[[ $output == *'	meter m1 {
		type ipv4_addr . inet_service
		size 100
		flags dynamic
		elements = { 127.0.0.1 . 7 counter packets 1 bytes 30, 127.0.0.1 . 9 counter packets 2 bytes 60, 127.0.0.2 . 9 counter packets 1 bytes 30 }'* ]]
	diff_nft list meter t m2
	[[ $output == *'elements = { 7 limit rate 10/second, 9 limit rate 10/second }'* ]]
	diff_nft list meter ip t m3
	diff_nft -a list meters
	diff_nft list meters ip
	diff_nft list meters inet
	diff_nft -s list meters
	[[ $output != *elements* ]]
	diff_nft -t list meters
	diff_nft -j list meters
	diff_nft -js list meter ip t m1
	diff_nft -j list meter ip t m3
	diff_nft -j list chain ip t o
	# a meter is no set, a set no meter; nor are meters listed with sets
	diff_nft list set ip t m1
	[ "$status" = 1 ]
	diff_nft list meter ip t s
	[ "$status" = 1 ]
	diff_nft list meter ip t nosuch
	diff_nft list sets
	[[ $output != *meter* ]]
	diff_nft list ruleset
	# elements with a timeout: expires counts down, compared without it
	ours_nft add chain ip t o2 '{ type filter hook output priority 1; }'
	ours_nft add rule ip t o2 meter m4 '{ ip daddr . udp dport timeout 1h counter }'
	ns bash -c 'echo x >/dev/udp/127.0.0.1/9' 2>/dev/null || true
	run ours_nft list meter ip t m4
	[ "$status" = 0 ]
	ours=$(sed 's/ expires [0-9hms]*//g' <<<"$output")
	run ref_nft list meter ip t m4
	[ "$(sed 's/ expires [0-9hms]*//g' <<<"$output")" = "$ours" ]
	[[ $ours == *'flags dynamic,timeout'* ]]
	[[ $ours == *'elements = { 127.0.0.1 . 9 counter packets 1 bytes 30 timeout 1h }'* ]]
}

@test "list sets, counters, quotas and limits of one table; list meters by family" {
	meters_with_traffic
	diff_nft list counters table ip t
	[[ $output == *'counter c1 {'* && $output != *c2* ]]
	diff_nft list counters table t
	diff_nft list counters table inet u
	[[ $output == *'counter c2 {'* && $output != *c1* ]]
	diff_nft list quotas table ip t
	diff_nft list limits table ip t
	diff_nft list sets table ip t
	[[ $output == *'set s {'* && $output != *s2* ]]
	diff_nft list sets table inet u
	diff_nft -j list counters table ip t
	diff_nft -j list quotas table inet u
	diff_nft -j list sets table ip t
	diff_nft list counters table ip nosuch
	[ "$status" = 1 ]
	diff_nft list sets table inet nosuch
	diff_nft -j list limits table ip nosuch
}

@test "list and reset forms the reference refuses, in its words" {
	meters_with_traffic
	local args

	for args in 'list maps table ip t' 'list meters table ip t' 'list meters foo' \
		'list meter ip' 'list meter ip t' 'list quotas table' 'list counters ip t' \
		'reset' 'reset limits' 'reset limits table ip t' 'reset limit ip t l1' \
		'reset rule' 'reset element ip t s { 10.0.0.1 }' 'reset counters table' \
		'reset counters table ip nosuch' 'reset counter ip t nosuch' \
		'reset quota ip t nosuch' 'delete meter ip t m1' 'add table rule' \
		'add table meter'; do
		# shellcheck disable=SC2086 # the words of the command
		diff_nft $args
		[ "$status" = 1 ] || { echo "$args: status $status"; return 1; }
	done
	[[ $stderr == *'unexpected meter, expecting string'* ]]
	diff_nft reset element ip t s '{ 10.0.0.1 }'
	[[ $stderr == *'unexpected element, expecting counter or counters or quotas or quota'* ]]
}

# same_reset ARG...: a reset as ours and as the reference run it, each
# from the state meters_with_traffic makes: the same output and status;
# the state is the reference's after.
same_reset() {
	local ours ours_status

	ours_nft flush ruleset
	meters_with_traffic
	run ours_nft "$@"
	ours=$output ours_status=$status
	ours_nft flush ruleset
	meters_with_traffic
	run ref_nft "$@"
	[ "$ours" = "$output" ] && [ "$ours_status" = "$status" ] || {
		echo "'$*': ours ($ours_status): $ours"
		echo "the reference ($status): $output"
		return 1
	}
}

@test "reset counters and quotas of one table, or one of them, zeroes those alone" {
	same_reset reset counters table ip t
	[[ $output == *'packets 5 bytes 10'* && $output != *c2* ]]
	diff_nft list counters
	[[ $output == *'packets 0 bytes 0'* && $output == *'packets 1 bytes 2'* ]]
	same_reset reset counter inet u c2
	[[ $output == *'packets 1 bytes 2'* ]]
	diff_nft list counters
	[[ $output == *'packets 5 bytes 10'* && $output == *'packets 0 bytes 0'* ]]
	same_reset reset quotas table ip t
	diff_nft list quotas
	same_reset reset quotas inet
	diff_nft -j list quotas
	same_reset -j reset counters table ip t
	[[ $output == *'"packets": 5, "bytes": 10'* ]]
	same_reset -j reset quotas
	same_reset reset counters
	diff_nft list counters
}

@test "get element: interval ranges without their state, maps by key, -j as text" {
	local args

	ref_nft -f - <<-'EOF'
	table ip t {
		set i { type ipv4_addr; flags interval,timeout; counter;
			elements = { 10.0.0.0/8 timeout 1h comment "a", 11.0.0.1-11.0.0.5, 12.0.0.1 } }
		set h { type inet_service; counter; elements = { 10, 20 counter packets 3 bytes 4, 30 } }
		map mv { type ipv4_addr : verdict; counter; elements = { 1.1.1.1 : accept, 2.2.2.2 : drop } }
		map mr { type ipv4_addr : ipv4_addr; flags interval;
			 elements = { 10.0.0.0/8 : 1.2.3.4, 11.0.0.1-11.0.0.5 : 2.2.2.2, 12.0.0.1 : 3.3.3.3 } }
		set p { type inet_service; flags interval; elements = { 10-20, 30 } }
	}
	EOF
	diff_nft get element ip t i '{ 10.1.2.3 }'
	[[ $output == *'elements = { 10.0.0.0/8 }'* ]]
	diff_nft get element ip t i '{ 12.0.0.1, 11.0.0.2, 10.0.0.0/8 }'
	diff_nft get element ip t h '{ 30, 20, 30 }'
	[[ $output == *'elements = { 20 counter packets 3 bytes 4, 30 counter packets 0 bytes 0,'* ]]
	diff_nft -s get element ip t h '{ 10 }'
	diff_nft get element ip t mv '{ 2.2.2.2, 1.1.1.1 }'
	diff_nft get element ip t mv '{ 1.1.1.1 : drop }'
	diff_nft get element ip t mr '{ 10.1.2.3, 11.0.0.5, 12.0.0.1 }'
	[[ $output == *'elements = { 10.0.0.0 : 1.2.3.4, 11.0.0.1 : 2.2.2.2,'* ]]
	diff_nft get element ip t p '{ 15-17, 30, 15 }'
	diff_cmd --text "$NLKIT_NFT" "$NLKIT_REF_NFT" -j get element ip t p '{ 16 }'
	[[ $output == *'elements = { 10-20 }'* ]]
	# what is not found, nor a map's key with data or a range
	for args in 'i { 9.9.9.9 }' 'h { 11 }' 'mv { 3.3.3.3, 1.1.1.1 }' \
		'mr { 12.0.0.1 : 3.3.3.3 }' 'mr { 10.0.0.0/8 }' 'p { 15-25 }'; do
		# shellcheck disable=SC2086 # the set and its braces
		diff_nft get element ip t $args
		[ "$status" = 1 ] || { echo "$args: status $status"; return 1; }
	done
	[[ $stderr == *'Could not process rule: No such file or directory'* ]]
}

@test "delete element of a map by its key alone" {
	ours_nft add table ip t
	ours_nft add map ip t m \
		'{ type ipv4_addr : verdict; elements = { 1.1.1.1 : accept, 2.2.2.2 : drop } }'
	ours_nft delete element ip t m '{ 1.1.1.1 }'
	diff_nft list map ip t m
	[[ $output == *'elements = { 2.2.2.2 : drop }'* ]]
}

@test "objects: the list commands of every kind, as the reference's" {
	ref_nft -f "$SETS/stateful-objects.nft"
	ref_nft -f "$SETS/dynamic-objects.nft"
	ref_nft add table ip bare
	diff_nft list ct helpers table inet obj
	[[ $output == *'ct helper sip-5060 {'* ]]
	diff_nft list ct helpers table obj4
	diff_nft list ct helpers table ip6 obj6
	# a table without objects is not listed, even when named
	diff_nft list ct helpers table ip bare
	[ -z "$output" ]
	diff_nft list ct helpers table ip nosuch
	[ "$status" = 1 ]
	diff_nft list ct helpers
	[ "$status" = 1 ]
	diff_nft list ct timeouts
	[[ $stderr == *'expecting timeout or expectation or helper or helpers'* ]]
	diff_nft list ct helper inet obj ftp-standard
	diff_nft list ct timeout inet obj every-tcp-state
	[[ $output == *'policy = { syn_sent : 1, syn_recv : 2, '* ]]
	diff_nft list ct expectation inet obj tftp-data
	[[ $output == *'timeout 1d2h3m4s5ms'* ]]
	diff_nft list synproxy inet obj sp-sack
	diff_nft list synproxys
	diff_nft list synproxys ip
	diff_nft list synproxys table inet obj
	diff_nft list secmarks
	diff_nft list counters
	diff_nft list counters table inet obj
	diff_nft list ct helper inet obj nosuch
	[ "$status" = 1 ]
	diff_nft list synproxy ip nosuch sp4
	diff_nft reset ct helpers
	[ "$status" = 1 ]
	diff_nft reset limits
	diff_nft reset counters table inet obj
	[[ $output == *'counter seen {'* ]]
}

@test "objects: handles, numbers, stateless and terse listings" {
	ref_nft -f "$SETS/stateful-objects.nft"
	diff_nft -a list ruleset
	[[ $output == *'synproxy sp1 { # handle '* ]]
	# -n writes times in seconds
	diff_nft -n list ruleset
	[[ $output == *'timeout 93784s'* ]]
	diff_nft -s list ruleset
	diff_nft -t list table inet obj
	diff_nft -a list ct helper ip obj4 ftp
}

@test "ct timeout: every state of tcp and udp by name, the defaults left unlisted" {
	ours_nft add table inet t
	ours_nft add ct timeout inet t tcp-defaults '{ protocol tcp; policy = { syn_sent: 120, syn_recv: 60, established: 432000, fin_wait: 120, close_wait: 60, last_ack: 30, time_wait: 120, close: 10, syn_sent2: 120, retrans: 300, unack: 300 }; }'
	ours_nft add ct timeout inet t udp-defaults '{ protocol udp; policy = { unreplied: 30, replied: 120 }; }'
	ours_nft add ct timeout inet t none '{ protocol udp; l3proto ip6; }'
	ours_nft add ct timeout inet t udp-7 '{ protocol udp; policy = { replied: 5, unreplied: 6, replied: 7 }; }'
	# the kernel's timeouts are 32 bits wide
	ours_nft add ct timeout inet t wide '{ policy = { close: 4294967297 }; protocol tcp; }'
	ours_nft add ct timeout inet t twice '{ protocol tcp; policy = { close: 5 }; policy = { established: 7 }; }'
	diff_nft list ruleset
	[[ $output == *$'\t\tpolicy = {  }\n'* ]]
	[[ $output == *'policy = { unreplied : 6, replied : 7 }'* ]]
	[[ $output == *'policy = { close : 1 }'* ]]
	diff_nft -j list ruleset
	[[ $output == *'"policy": null'* ]]
}

@test "objects: values the kernel keeps in fewer bits, defaults, comments" {
	ours_nft add table ip t
	ours_nft add ct helper ip t h '{ type "sip" protocol udp; comment "no l3proto: the table'"'"'s"; }'
	ours_nft add ct expectation ip t e '{ protocol tcp; dport 70000; timeout 4294968s; size 300; }'
	ours_nft add ct expectation ip t any-order '{ size 3; timeout 5s; dport 99; protocol tcp; l3proto ip; }'
	ours_nft add synproxy ip t empty '{ }'
	ours_nft add synproxy ip t big '{ mss 65536 wscale 256; mss 70000 wscale 300 timestamp; }'
	ours_nft add synproxy ip t lines '{ mss 1460; wscale 7; sack-perm; comment "c"; }'
	ours_nft add synproxy ip t bare mss 1 wscale 2
	ours_nft create synproxy ip t created mss 3 wscale 4 timestamp sack-perm
	ours_nft create counter ip t c packets 1 bytes 2
	ours_nft add counter ip t c2 '{ }'
	diff_nft list ruleset
	[[ $output == *$'\t\tdport 4464\n\t\ttimeout 704ms\n\t\tsize 44\n'* ]]
	[[ $output == *$'synproxy empty {\n\t}'* ]]
	diff_nft -j list ruleset
}

@test "objects: add, create and delete by name and by handle, as the reference refuses them" {
	local handle

	ref_nft -f "$SETS/stateful-objects.nft"
	# in use by a rule
	diff_nft delete ct helper inet obj ftp-standard
	[ "$status" = 1 ]
	[[ $stderr == *'Device or resource busy'* ]]
	diff_nft delete synproxy inet obj sp1
	handle=$(ref_nft -a list synproxy inet obj sp1 | sed -n 's/.*sp1 { # handle //p')
	diff_nft delete synproxy inet obj handle "$handle"
	diff_nft delete counter inet obj handle 9999
	[[ $stderr == *'No such file or directory'* ]]
	# a conntrack object goes by name alone
	diff_nft delete ct timeout inet obj handle 1
	[[ $stderr == *'unexpected handle, expecting string'* ]]
	# (a name the reference has no suggestion for)
	diff_nft delete ct expectation inet obj averyveryverylongname
	diff_nft create ct helper inet obj ftp-standard '{ type "ftp" protocol tcp; }'
	[[ $stderr == *'File exists'* ]]
	diff_nft add ct expectation inet obj e-inet '{ protocol tcp; dport 1; timeout 1s; size 1; }'
	[[ $stderr == *'Address family not supported by protocol'* ]]
	diff_nft add ct helper inet obj nosuch '{ type "nosuch" protocol tcp; }'
	diff_nft add rule inet obj pre ct timeout set '"nosuch"'
	diff_nft add rule inet obj pre meta secmark set 5

	ours_nft delete rule inet obj forward handle \
		"$(ref_nft -a list chain inet obj forward | sed -n 's/.*"sp-plain" # handle //p')"
	handle=$(ref_nft -a list synproxy inet obj sp-plain | sed -n 's/.*sp-plain { # handle //p')
	ours_nft delete synproxy inet obj handle "$handle"
	ours_nft delete ct expectation ip obj4 quick || true
	ours_nft delete chain ip6 obj6 pre
	ours_nft delete ct helper ip6 obj6 ftp6
	ours_nft delete ct timeout ip6 obj6 tcp6
	ours_nft create counter ip6 obj6 c
	ours_nft delete counter ip6 obj6 c
	diff_nft list ruleset
	[[ $output != *sp-plain* ]]
	[[ $output == *$'table ip6 obj6 {\n}'* ]]
}

@test "objects: the reference's errors for bad values" {
	ours_nft add table ip t
	ours_nft add chain ip t c
	diff_nft add ct helper ip t h '{ type "ftp"; }'
	[ "$status" = 1 ]
	diff_nft add ct helper ip t h '{ protocol tcp; }'
	diff_nft add ct helper ip t h '{ type ftp protocol tcp; }'
	diff_nft add ct helper ip t h '{ type "ftp" protocol icmp; }'
	diff_nft add ct helper ip t h '{ type "ftp" protocol tcp; l3proto foo; }'
	diff_nft add ct helper ip t h '{ type "sip" protocol udp; l3proto ip6; }'
	[[ $stderr == *'Invalid argument'* ]]
	diff_nft add ct helper ip t h
	diff_nft add ct timeout ip t o '{ protocol tcp; policy = { nosuch: 1 }; }'
	[[ $stderr == *'invalid state for this protocol'* ]]
	diff_nft add ct timeout ip t o '{ protocol tcp; policy = { unreplied: 1 }; }'
	diff_nft add ct timeout ip t o '{ policy = { replied: 5 }; }'
	diff_nft add ct timeout ip t o '{ protocol udp; policy = { "replied": 5 }; }'
	diff_nft add ct timeout ip t o '{ protocol udp; policy = { replied 2 }; }'
	diff_nft add ct timeout ip t o '{ protocol udp; policy { replied: 2 }; }'
	diff_nft add ct timeout ip t o '{ protocol udp; policy = { }; }'
	diff_nft add ct timeout ip t o '{ protocol udp; policy = { replied: 1, }; }'
	diff_nft add ct timeout ip t o '{ protocol tcp; policy = { timeout: 30 }; }'
	diff_nft add ct timeout ip t o '{ comment "x" }'
	diff_nft add ct expectation ip t e '{ protocol udp; }'
	[[ $stderr == *'missing options'* ]]
	diff_nft add ct expectation ip t e '{ protocol tcp; dport 0; timeout 0s; size 0; }'
	diff_nft add ct expectation ip t e '{ protocol tcp; dport 1; timeout 5s; size 256; }'
	diff_nft add synproxy ip t s '{ mss 1; sack-perm; }'
	[[ $stderr == *'unexpected sack-permitted, expecting wscale'* ]]
	diff_nft add synproxy ip t s '{ mss 1460 wscale 7 sack-perm timestamp; }'
	diff_nft add synproxy ip t s
	diff_nft create synproxy ip t s
	diff_nft create secmark ip t s '{ "x" }'
	diff_nft create counter ip t c '{ packets 1 bytes 2 }'
	diff_nft create limit ip t l '{ rate 1/second }'
	diff_nft add rule ip t c synproxy mss sack-perm
	diff_nft add rule ip t c synproxy wscale x
	diff_nft add rule ip t c synproxy name
	diff_nft list ruleset
	[ "$output" = $'table ip t {\n\tchain c {\n\t}\n}' ]
}

@test "synproxy statement: its options in any order, alone, repeated" {
	ours_nft add table inet t
	ours_nft add chain inet t c '{ type filter hook forward priority 0; }'
	ours_nft add rule inet t c synproxy
	ours_nft add rule inet t c synproxy mss 5
	ours_nft add rule inet t c synproxy wscale 5
	ours_nft add rule inet t c synproxy sack-perm
	ours_nft add rule inet t c synproxy timestamp
	ours_nft add rule inet t c synproxy sack-perm timestamp mss 3
	ours_nft add rule inet t c synproxy wscale 1 mss 3 wscale 2 accept
	ours_nft add rule inet t c synproxy mss 70000 wscale 300
	diff_nft list ruleset
	[[ $output == *$'\t\tsynproxy mss 5 wscale 0\n'* ]]
	[[ $output == *$'\t\tsynproxy mss 3 wscale 0 timestamp sack-perm\n'* ]]
	diff_nft -j list ruleset
	[[ $output == *'{"synproxy": null}'* ]]
}

# A secmark object names an SELinux context: the kernel needs SELinux (or
# another security module with secmarks) for one; without, it refuses
# with ENOENT.
secmark_setup() {
	ref_nft add table inet t
	ref_nft add chain inet t c
	ref_nft add table ip x
}

kernel_has_secmark() {
	ref_nft add table inet probe &&
		ref_nft add secmark inet probe s '{ "system_u:object_r:ssh_server_packet_t:s0" }' \
			2>/dev/null
	local has=$?

	ref_nft delete table inet probe
	return "$has"
}

@test "secmark (wire): the objects and rules ours sends, as the reference's" {
	local ctx='"system_u:object_r:ssh_server_packet_t:s0"'

	wire_nft --setup secmark_setup add secmark inet t ssh "{ $ctx }"
	wire_nft --setup secmark_setup add secmark inet t ssh "$ctx"
	wire_nft --setup secmark_setup create secmark inet t ssh "$ctx"
	wire_nft --setup secmark_setup add secmark inet t ssh "{ $ctx; comment \"ssh\"; }"
	wire_nft --setup secmark_setup add secmark inet t ssh '{ "a"; "b" }'
	wire_nft --setup secmark_setup add secmark inet t ssh '{ }'
	printf 'add secmark inet t ssh { %s }\nadd rule inet t c tcp dport 22 meta secmark set "ssh"\n' \
		"$ctx" >"$BATS_TEST_TMPDIR/secmark.nft"
	wire_nft --setup secmark_setup -f "$BATS_TEST_TMPDIR/secmark.nft"
	wire_nft --setup secmark_setup add rule inet t c meta secmark set '"ssh"'
	wire_nft --setup secmark_setup add rule inet t c meta secmark set 5
	wire_nft --setup secmark_setup delete secmark inet t ssh
	wire_nft --setup secmark_setup delete secmark inet t handle 7
	printf '{"nftables": [{"add": {"secmark": {"family": "inet", "table": "t", "name": "ssh", "context": %s}}}, {"add": {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"secmark": "ssh"}]}}}]}\n' \
		"$ctx" >"$BATS_TEST_TMPDIR/secmark.json"
	wire_nft --setup secmark_setup -j -f "$BATS_TEST_TMPDIR/secmark.json"
}

@test "interval sets (wire): numbers of host byte order converted for the lookup (64 bits at once); anonymous sets' sizes; a rule's set of one-byte ranges recorded as network order" {
	# listings cannot tell a lookup that converts the key from one that
	# does not, nor show the size of an anonymous set: the messages can
	cat >"$BATS_TEST_TMPDIR/intervals.nft" <<'EOF'
table ip t {
	set s { type mark; flags interval; elements = { 1-5 } }
	map m { type mark : mark; flags interval; elements = { 1-5 : 3 } }
	chain c {
		meta mark @s accept
		meta mark { 1-5, 9 } accept
		meta mark { 1, 9 } accept
		meta mark set meta mark map @m
		meta mark set ct mark map { 1-5 : 3 }
		meta skuid { 1000-2000 } accept
		meta priority { 1:1-1:5 } accept
		meta mark vmap { 1-5 : accept }
		meta length { 100-200 } accept
		meta cpu { 1-3 } accept
		ip saddr { 10.0.0.0/8, 192.168.0.0/16 } accept
		tcp dport { 0-10, 20-30, 25-40, 65535 } accept
		tcp dport vmap { 0-5 : accept, 10-65535 : drop }
		ip saddr { 0.0.0.0/1, 128.0.0.0/1 } accept
		iifname { "a", "b*" } accept
		meta l4proto { 1-6, 17 } accept
		meta day { 1-3, 5 } accept
		meta pkttype set meta l4proto map { 1-10 : host, 17 : other }
		meta l4proto vmap { 1-6 : accept, 17 : drop }
		ct bytes 1-5 accept
		ct packets < 5 accept
		meta time "2024-01-01"-"2024-02-01" accept
	}
}
EOF
	wire_nft -f "$BATS_TEST_TMPDIR/intervals.nft"
}

@test "listings: elements a line as the reference puts them by the key's type; concatenations in its order" {
	cat >"$BATS_TEST_TMPDIR/lines.nft" <<'EOF'
table ip t {
	set pkttypes { typeof meta pkttype; elements = { host, broadcast, multicast, other } }
	set states { typeof ct state; elements = { 1, 2, 4, 8, 64 } }
	set statuses { typeof ct status; elements = { 1, 2, 4, 8 } }
	set iftypes { typeof meta iiftype; elements = { 1, 512, 768, 769, 772, 776 } }
	set realms { typeof meta rtclassid; elements = { 1, 2, 3, 4, 5, 6, 7 } }
	set groups { typeof meta iifgroup; elements = { 1, 2, 3, 4, 5, 6, 7 } }
	set tcpflags { typeof tcp flags; elements = { fin, syn, rst, psh, ack, urg, ecn } }
	set ops { typeof arp operation; elements = { 1, 2, 3, 4, 8, 9, 10 } }
	set bytes { typeof ct bytes; elements = { 1, 2, 3, 4, 5, 6, 7 } }
	set days { typeof meta day; elements = { 1, 2, 3, 4, 5, 6 } }
	set hours { typeof meta hour; elements = { 1, 2, 3, 4, 5, 6 } }
	set services { type ipv4_addr . inet_service; elements = { 1.1.1.1 . 1, 1.1.1.1 . 256, 2.0.0.1 . 1, 1.0.0.2 . 1 } }
	set marks { typeof meta mark . meta cpu; elements = { 1 . 1, 256 . 1, 1 . 256 } }
	set moments { typeof meta day . meta hour; elements = { 2 . 1, 1 . 2, 3 . 0, 0 . 3 } }
	chain c {
		ip saddr . tcp dport { 2.0.0.1 . 1, 1.1.1.1 . 256, 1.0.0.2 . 1 } accept
	}
}
EOF
	ref_nft -f "$BATS_TEST_TMPDIR/lines.nft"
	diff_nft list ruleset
	[[ $output == *$'{ host, broadcast,\n\t\t\t     multicast, other }'* ]]
	[[ $output == *$'{ 1.1.1.1 . 256,\n\t\t\t     2.0.0.1 . 1,'* ]]
	diff_nft -j list ruleset
	triangle "$BATS_TEST_TMPDIR/lines.nft"
}

@test "map updates from rules (wire, errors): the key's value from a register of its own, refused where the reference refuses" {
	local r

	wire_nft -f "$SETS/dynset-stmts.nft"
	ours_nft add table ip t
	ours_nft add map ip t m '{ type ipv4_addr : mark; flags dynamic,timeout; }'
	ours_nft add set ip t s '{ type ipv4_addr; flags dynamic; }'
	ours_nft add chain ip t c
	for r in '{ ip saddr }' '{ ip saddr : "foo" }' '{ ip saddr : ip daddr }' \
		'{ ip saddr : 1 counter }' '{ ip saddr : meta mark timeout 5s }' \
		'{ ip saddr : accept }' '{ ip saddr : 1-2 }' '{ ip saddr : { 1, 2 } }' \
		'{ ip saddr : meta mark map { 1 : 2 } }' '{ ip saddr . tcp dport : 1 }'; do
		diff_nft add rule ip t c update @m "$r"
		[ "$status" = 1 ] || { echo "$r: status $status"; return 1; }
	done
	diff_nft add rule ip t c update @s '{ tcp dport }'
	[ "$status" = 1 ]
	run ref_nft list chain ip t c
	[[ $output != *update* ]]
}

@test "secmark: objects and meta secmark set, where the kernel has secmarks" {
	kernel_has_secmark || skip "this kernel refuses secmark objects (no security module with secmarks)"
	ours_nft add table inet t
	ours_nft add secmark inet t ssh '{ "system_u:object_r:ssh_server_packet_t:s0"; comment "ssh"; }'
	ours_nft add chain inet t c '{ type filter hook input priority 0; }'
	ours_nft add rule inet t c tcp dport 22 meta secmark set '"ssh"'
	diff_nft list ruleset
	diff_nft -j list ruleset
	diff_nft list secmarks
	diff_nft list secmark inet t ssh
}

# table_chain_setup: table inet t with chain c, for the wire tests.
table_chain_setup() {
	ref_nft add table inet t
	ref_nft add chain inet t c
}

@test "concatenations of ranges (wire): sets, elements and anonymous sets as the reference sends them" {
	local w=(wire_nft --setup table_chain_setup)

	"${w[@]}" add set inet t s '{ type ipv4_addr . inet_service; flags interval; elements = { 10.0.0.0/8 . 22-80, 192.168.1.1 . 443 } }'
	"${w[@]}" add set inet t s '{ typeof ip saddr . tcp dport; flags interval; elements = { 10.0.0.0/8 . 22-80 } }'
	"${w[@]}" add map inet t m '{ type ipv4_addr . inet_service : verdict; flags interval; elements = { 10.0.0.0/8 . 1 : accept } }'
	"${w[@]}" add map inet t m '{ type ipv4_addr . inet_service : ipv4_addr; flags interval; elements = { 10.0.0.0/8 . 1-2 : 1.2.3.4 } }'
	"${w[@]}" add set inet t s '{ type mark . inet_service; flags interval,timeout; elements = { 0x10-0x20 . 9-10 timeout 1h comment "c", 0x5 . 1-5 } }'
	"${w[@]}" add set inet t s '{ type ifname . inet_service; flags interval; elements = { "eth*" . 22, "lo" . 1-2 } }'
	"${w[@]}" add rule inet t c 'ip saddr . tcp dport { 10.0.0.0/8 . 1-1024, 1.2.3.4 . 5 } accept'
	"${w[@]}" add rule inet t c 'ip saddr . meta mark vmap { 10.0.0.0/8 . 0x1-0x2 : accept }'
	"${w[@]}" add rule inet t c 'meta mark set ip saddr . tcp dport map { 10.0.0.0/8 . 1-1024 : 0x3 }'
	"${w[@]}" add rule inet t c 'iifname . meta mark { "eth*" . 1-5 } ct mark . ct zone { 1-2 . 3 }'
	"${w[@]}" add rule inet t c 'ip6 saddr . tcp dport { ::1 . 22 }'
	"${w[@]}" add rule inet t c 'ct helper { "ftp", "sip" } accept'
	"${w[@]}" add rule inet t c 'ct helper "ftp" ct helper != "tftp*" drop'
	# a range the wrong way round, a string in a concatenation: refused
	# before anything is sent
	table_chain_setup
	diff_nft add set inet t s '{ type ipv4_addr . inet_service; flags interval; elements = { 10.0.0.0/8 . 80-22 } }'
	[[ $stderr == *'Range has zero or negative size'* ]]
	diff_nft add rule inet t c 'ct helper . ct mark { "ftp" . 1 }'
	[[ $stderr == *'can not use variable sized data types (string) in concat expressions'* ]]
}

# The rules of a bit field that a set holds shifted down to its value, and
# what the reference lists of them wrongly, so outside the triangle: the
# shift its rule does, which it reads back as a second shift (ip dscp >> 2 .
# tcp dport { ... }); a raw payload its maps refuse (meta mark set (@nh,8,8
# & 0xfc) >> 2 map @m); the ip6 dscp of a rule's concatenation as cs0; a
# range to a field's last value up to 0xff (0x3f-0xff, ip ecn 0x2-0xff);
# and for vlan pcp . vlan id { ... } it stops on an assertion.  Ours lists
# them as written.
bit_fields_shifted() {
	cat <<'EOF'
table inet t {
	set s {
		typeof ip dscp
		size 65535
		flags dynamic
	}

	set s6 {
		typeof ip6 dscp
		size 65535
		flags dynamic,timeout
	}

	set pairs {
		typeof ip dscp . tcp dport
		elements = { af11 . 80,
			     cs2 . 443 }
	}

	set pairs6 {
		typeof ip6 dscp . tcp dport
		flags interval
		elements = { 0x0a-0x0e . 80-90,
			     cs2 . 443 }
	}

	set last {
		typeof ip6 dscp
		flags interval
		elements = { 0x08-0x18,
			     0x3f }
	}

	map marks {
		typeof ip dscp : meta mark
		elements = { cs1 : 0x00000001,
			     af41 : 0x00000002 }
	}

	map marks6 {
		typeof ip6 dscp : meta mark
		elements = { cs1 : 0x00000001 }
	}

	map verdicts {
		type dscp : verdict
		elements = { cs1 : accept,
			     af41 : drop }
	}

	chain c {
		ip dscp . tcp dport @pairs accept
		ip6 dscp . tcp dport @pairs6 accept
		ip6 dscp @last accept
		meta mark set ip dscp map @marks
		meta mark set ip6 dscp map @marks6
		ip dscp vmap @verdicts
		add @s { ip dscp }
		update @s6 { ip6 dscp timeout 1m }
		ip dscp . tcp dport { af11 . 80, cs2 . 443 } accept
		ip6 dscp . tcp dport { af11 . 80, cs2 . 443 } accept
		ip6 dscp . tcp dport { 0x0a-0x0e . 80-90 } accept
		tcp dport . ip6 flowlabel . ip6 dscp . tcp sport { 80 . 5 . cs1 . 22 } accept
		ip dscp . tcp dport vmap { af11 . 80 : accept }
		meta mark set ip6 dscp . tcp dport map { af11 . 80 : 0x00000003 }
		meter m1 size 65535 { ip dscp limit rate 10/second }
		meter m2 size 65535 { ip6 dscp . tcp dport counter }
		ip ecn { not-ect, 0x2-0x3 } drop
	}
}
table netdev v {
	chain c {
		vlan pcp . vlan id { 1 . 10, 7 . 4000 } accept
		vlan dei . vlan pcp vmap { 1 . 2 : accept }
	}
}
EOF
}

@test "bit fields shifted down in keys: ours lists the reference's rules as written, and reads that back" {
	local file=$BATS_TEST_TMPDIR/shifted.nft

	bit_fields_shifted >"$file"
	ref_nft -f "$file"
	ours_nft list ruleset >"$BATS_TEST_TMPDIR/listed"
	same_text "loaded by the reference, listed by ours" "$file" "$BATS_TEST_TMPDIR/listed"
	ref_nft list table inet t >"$BATS_TEST_TMPDIR/ref-loaded"
	ref_nft flush ruleset
	ours_nft -f "$file"
	ours_nft list ruleset >"$BATS_TEST_TMPDIR/again"
	same_text "loaded by ours, listed by ours" "$file" "$BATS_TEST_TMPDIR/again"
	ref_nft list table inet t >"$BATS_TEST_TMPDIR/ours-loaded"
	same_text "listed by the reference, loaded by ours" "$BATS_TEST_TMPDIR/ref-loaded" \
		"$BATS_TEST_TMPDIR/ours-loaded"
}

@test "bit fields (wire): key lengths, element layouts, shifts and records of selectors as the reference sends them" {
	local dir=$BATS_TEST_TMPDIR table

	# what listings cannot show: a set's key length (typeof ip6 dscp:
	# one byte), the bytes of its elements, the shift of the rule's load,
	# the lengths of a concatenation of ranges, the selectors recorded
	bit_fields_shifted >"$dir/shifted.nft"
	wire_nft -f "$dir/shifted.nft"
	# and in JSON, ours' listing of it (the reference's has the shifts)
	ours_nft -f "$dir/shifted.nft"
	ours_nft -j list ruleset >"$dir/shifted.json"
	wire_nft -j -f "$dir/shifted.json"
	# each table of the corpus file alone: the reference numbers the sets
	# of a file's declarations before those of its rules
	for table in 1 2 3; do
		awk -v n="$table" '/^table /{ t++ } t == n' "$SETS/bit-fields.nft" >"$dir/table$table.nft"
		wire_nft -f "$dir/table$table.nft"
	done
	# a range to a field's last value has no end element
	cat >"$dir/last.nft" <<'EOF'
table inet t {
	set r { typeof ip dscp; flags interval; elements = { 60-63 } }
	set d { type dscp; flags interval; elements = { 63 } }
	set e { type ecn; flags interval; elements = { 1-3 } }
	chain c {
		ip ecn { 2-3 } drop
		ip6 dscp { 62-63 } drop
	}
}
EOF
	wire_nft -f "$dir/last.nft"
}

@test "concatenations of ranges: add, delete, get element; overlaps refused where the reference points" {
	ref_nft -f - <<-'EOF'
	table inet t {
		set s { type ipv4_addr . inet_service; flags interval; }
		map m { type ipv4_addr . inet_service : verdict; flags interval; elements = { 2.2.2.2 . 9-10 : accept } }
		set d { type ipv4_addr . inet_service; flags interval,timeout; counter; }
	}
	EOF
	ours_nft add element inet t s '{ 5.0.0.0/8 . 1, 1.0.0.0/8 . 2 }'
	ours_nft add element inet t s '{ 3.3.3.3 . 7, 2.2.2.2 . 9-10, 10.1.0.0/16 . 30-40 }'
	ours_nft delete element inet t s '{ 3.3.3.3 . 7 }'
	# the kernel's order, not sorted
	diff_nft list set inet t s
	[[ $output == *'elements = { 5.0.0.0/8 . 1,'*'1.0.0.0/8 . 2,'*'2.2.2.2 . 9-10,'*'10.1.0.0/16 . 30-40 }'* ]]
	diff_nft -j list set inet t s
	# overlapping, given again, created again, the wrong way round
	diff_nft add element inet t s '{ 10.0.0.0/8 . 22-80, 10.1.0.0/16 . 35-36 }'
	[ "$status" = 1 ]
	[[ $stderr == *'File exists'* ]]
	diff_nft add element inet t s '{ 2.2.2.2 . 9-10, 2.2.2.2 . 9-10 }'
	[ "$status" = 0 ]
	diff_nft create element inet t s '{ 2.2.2.2 . 9-10 }'
	[ "$status" = 1 ]
	diff_nft add element inet t s '{ 7.0.0.0/8 . 81-80 }'
	[[ $stderr == *'Range has zero or negative size'* ]]
	diff_nft list ruleset
	# get: the element holding each key's first values, in the order asked
	diff_nft get element inet t s '{ 10.1.2.3 . 31-100, 2.2.2.2 . 9 }'
	[[ $output == *'elements = { 10.1.0.0/16 . 30-40,'*'2.2.2.2 . 9-10 }'* ]]
	diff_nft get element inet t s '{ 2.2.2.0/24 . 9 }'
	[ "$status" = 1 ]
	diff_nft get element inet t m '{ 2.2.2.2 . 10 }'
	[[ $output == *'2.2.2.2 . 9-10 : accept'* ]]
	diff_cmd --text "$NLKIT_NFT" "$NLKIT_REF_NFT" -j get element inet t s '{ 5.1.2.3 . 1 }'
	# timeouts, comments and counters of elements; expires counts down
	ours_nft add element inet t d '{ 10.0.0.0/8 . 22-80 timeout 1h comment "x", 192.0.2.1 . 443 }'
	run ours_nft list set inet t d
	ours=$(sed 's/ expires [0-9hms]*//g' <<<"$output")
	run ref_nft list set inet t d
	ref=$(sed 's/ expires [0-9hms]*//g' <<<"$output")
	[ "$ours" = "$ref" ]
	[[ $ours == *'10.0.0.0/8 . 22-80 counter packets 0 bytes 0 timeout 1h comment "x",'* ]]
}

@test "concatenations of ranges and ct helper in JSON: listed, and loaded by nft -j -f" {
	ref_nft -f "$SETS/concat-intervals.nft"
	diff_nft -j list ruleset
	[[ $output == *'{"concat": [{"prefix": {"addr": "10.0.0.0", "len": 8}}, {"range": [22, 80]}]}'* ]]
	ref_nft flush ruleset
	ours_nft -j -f - <<-'EOF'
	{"nftables": [{"table": {"family": "inet", "name": "t"}},
	 {"set": {"family": "inet", "name": "s", "table": "t", "type": ["ipv4_addr", "inet_service"], "flags": ["interval"],
	   "elem": [{"concat": [{"prefix": {"addr": "10.0.0.0", "len": 8}}, {"range": [22, 80]}]}, {"concat": ["192.168.1.1", 443]}]}},
	 {"chain": {"family": "inet", "table": "t", "name": "c"}},
	 {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"match": {"op": "==",
	   "left": {"concat": [{"payload": {"protocol": "ip", "field": "saddr"}}, {"payload": {"protocol": "tcp", "field": "dport"}}]},
	   "right": {"set": [{"concat": [{"prefix": {"addr": "10.0.0.0", "len": 8}}, {"range": [1, 1024]}]}]}}}, {"accept": null}]}},
	 {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"ct": {"key": "helper"}}, "right": "ftp"}}, {"accept": null}]}}]}
	EOF
	run ref_nft list ruleset
	[[ $output == *'elements = { 10.0.0.0/8 . 22-80,'*'192.168.1.1 . 443 }'* ]]
	[[ $output == *'ip saddr . tcp dport { 10.0.0.0/8 . 1-1024 } accept'* ]]
	[[ $output == *'ct helper "ftp" accept'* ]]
	diff_nft -j list ruleset
}

@test "maps of objects: list maps, map, sets; -t, -a, -s, -n, -j; get element; as the reference" {
	ref_nft -f "$SETS/object-maps.nft"
	diff_nft list maps
	[[ $output == *$'\tmap by-port {\n\t\ttype inet_service : quota\n'* ]]
	diff_nft list maps inet
	diff_nft list sets
	[[ $output != *map* ]]
	diff_nft list map ip om rates
	diff_nft list set ip om by-addr
	[ "$status" = 1 ]
	diff_nft -t list ruleset
	diff_nft -a list map ip om pairs
	diff_nft -s list ruleset
	diff_nft -n list map ip om marks
	diff_nft -j list maps
	diff_nft -j list map ip om proxies
	[[ $output == *'"map": "synproxy", "elem": [["192.0.2.1", "sp1"]]'* ]]
	diff_nft get element ip om by-addr '{ 10.1.2.3, 192.168.1.1 }'
	[[ $output == *'elements = { 10.0.0.0 : "c2", 192.168.1.1 : "c1" }'* ]]
	diff_nft get element ip om by-port '{ 22 : "q1", 443 }'
	diff_nft get element ip om pairs '{ 1.2.3.5 . 22 }'
	diff_nft get element ip om rates '{ 10.1.2.3 . 2000 }'
	diff_nft get element ip om by-port '{ 23 }'
	[ "$status" = 1 ]
}

@test "maps of objects: declared, filled, emptied and used by ours, as the reference lists them" {
	ours_nft add table ip t
	ours_nft add counter ip t c1
	ours_nft add quota ip t q1 '{ 10 mbytes }'
	ours_nft add map ip t m '{ type ipv4_addr : counter; flags interval; }'
	ours_nft add element ip t m '{ 10.0.0.0/8 : c1, 192.0.2.1 : "c1", 192.0.2.5-192.0.2.9 : c1 }'
	ours_nft add map ip t ports '{ type inet_service : quota; }'
	ours_nft add element ip t ports '{ 22 : "q1", 80 : q1 }'
	ours_nft add chain ip t c
	ours_nft add rule ip t c counter name ip saddr map @m
	ours_nft add rule ip t c quota name tcp dport map @ports
	# the objects of a named map are of its type, whatever the words
	ours_nft add rule ip t c ct helper set ip daddr map @m
	ours_nft add rule ip t c quota name udp dport map '{ 53 : "q1" }'
	diff_nft list ruleset
	[[ $output == *$'\t\tcounter name ip saddr map @m\n\t\tquota name tcp dport map @ports\n\t\tcounter name ip daddr map @m\n'* ]]
	ours_nft delete element ip t m '{ 192.0.2.1 }'
	ours_nft delete element ip t ports '{ 22 : "q1" }'
	diff_nft list ruleset
	[[ $output == *'elements = { 10.0.0.0/8 : "c1", 192.0.2.5-192.0.2.9 : "c1" }'* ]]
	diff_nft get element ip t m '{ 10.1.1.1 }'
	ours_nft flush map ip t ports
	diff_nft list map ip t ports
	[[ $output != *elements* ]]
	diff_nft -j list ruleset
}

@test "maps of objects: the reference's errors on the command line, nothing applied" {
	local before

	ref_nft -f - <<-'EOF'
	table ip t {
		counter c1 {
		}
		map m {
			type ipv4_addr : counter
			flags interval
		}
		map vm {
			type ipv4_addr : verdict
		}
		chain c {
		}
	}
	EOF
	before=$(ref_nft list ruleset)
	diff_nft add element ip t m '{ 10.0.0.1 : "c1", 10.1.0.0/16 : "nosuch" }'
	[ "$status" = 1 ]
	[[ $stderr == *'No such file or directory'* ]]
	diff_nft add element ip t m '{ 10.0.0.1 }'
	[[ $stderr == *'Invalid argument'* ]]
	diff_nft add element ip t m '{ 10.0.0.1 : "c*" }'
	[[ $stderr == *'Value must be a singleton'* ]]
	diff_nft add map ip t m2 '{ type ipv4_addr : ct helper; }'
	[[ $stderr == *'set definition does not specify key'* ]]
	diff_nft add map ip t m2 '{ typeof tcp dport : counter; flags bogus; }'
	diff_nft add map ip t m2 '{ type ipv4_addr : counter }'
	diff_nft add rule ip t c counter name ip saddr
	[[ $stderr == *'datatype mismatch: expected string, expression has type IPv4 address'* ]]
	diff_nft add rule ip t c counter name ip saddr map @vm
	[[ $stderr == *'Expression is not a map with objects'* ]]
	diff_nft add rule ip t c counter name ip saddr map @nosuch
	diff_nft add rule ip t c counter name tcp dport map @m
	diff_nft add rule ip t c meta mark set ip saddr map @m
	diff_nft add rule ip t c ip saddr vmap @m
	diff_nft add rule ip t c counter name ip saddr map '{ 10.0.0.1 : "c1", 10.0.0.2 : accept }'
	diff_nft add rule ip t c counter name ip saddr map @m map @m
	[[ $stderr == *'unexpected map, expecting end of file or newline or semicolon'* ]]
	diff_nft add rule ip t c counter name '"c1"' . '"c1"'
	[ "$(ref_nft list ruleset)" = "$before" ]
}

# objmap_setup: table inet t with chain c, counter c1 and quota q1, for
# the wire tests.
objmap_setup() {
	table_chain_setup
	ref_nft add counter inet t c1
	ref_nft add quota inet t q1 '{ 1 mbytes }'
}

# objmap_map_setup: objmap_setup's, and a map of counters with an element.
objmap_map_setup() {
	objmap_setup
	ref_nft add map inet t m '{ type ipv4_addr : counter; elements = { 10.0.0.1 : "c1" } }'
}

@test "maps of objects (wire): maps, their elements and the rules that pick an object, as the reference sends them" {
	local w=(wire_nft --setup objmap_setup) file=$BATS_TEST_TMPDIR/objmap.nft

	"${w[@]}" add map inet t m '{ type ipv4_addr : counter; flags interval; elements = { 10.0.0.0/8 : "c1", 192.0.2.1 : c1 } }'
	"${w[@]}" add map inet t m '{ type ipv4_addr . inet_service : quota; flags interval; comment "q"; elements = { 10.0.0.0/8 . 22-80 : "q1" } }'
	"${w[@]}" add map inet t m '{ type mark : limit; size 10; }'
	"${w[@]}" add map inet t m '{ type inet_service : secmark; }'
	"${w[@]}" add rule inet t c 'counter name ip saddr map { 10.0.0.1 : "c1", 10.0.0.2 : "c1" }'
	"${w[@]}" add rule inet t c 'quota name tcp dport map { 22 : "q1", 80-90 : "q1" }'
	"${w[@]}" add rule inet t c 'counter name ip saddr . tcp dport map { 10.0.0.0/8 . 22-80 : "c1" }'
	# names of no object: the kernel refuses them alike
	"${w[@]}" add rule inet t c 'ct helper set meta mark map { 1 : "ftp" }'
	"${w[@]}" add rule inet t c 'meta secmark set tcp dport map { 22 : "ssh" }'
	# a verdict names none: the reference sends the key's bytes
	"${w[@]}" add rule inet t c 'counter name ip saddr map { 1.2.3.4 : accept }'
	# a named map of the same batch, by name and id
	cat >"$file" <<-'EOF'
	add map inet t m { type ipv4_addr : counter; elements = { 10.0.0.1 : "c1", 10.0.0.2 : drop } }
	add rule inet t c limit name ip saddr map @m
	EOF
	"${w[@]}" -f "$file"
	wire_nft --setup objmap_map_setup flush map inet t m
	wire_nft --setup objmap_map_setup delete element inet t m '{ 10.0.0.1 : "c1" }'
}
