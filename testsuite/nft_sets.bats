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

@test "triangle: dynamic-objects.nft (add/update @set, counter, quota, limit)" {
	triangle "$SETS/dynamic-objects.nft"
}

@test "triangle: typeof.nft (sets and maps declared by selectors, listed so)" {
	triangle "$SETS/typeof.nft"
}

@test "triangle: map-values.nft (values looked up: meta mark set ... map, snat to ... map)" {
	triangle "$SETS/map-values.nft"
}

@test "triangle: mixed.nft" {
	triangle "$SETS/mixed.nft"
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
	cases=$(awk '/^\t(set|map|counter|quota|limit) [a-z0-9_]+ \{/ { n++ }
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
	local dir=$BATS_TEST_TMPDIR f before failed=0

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
	run ref_nft list ruleset
	before=$output
	for f in "$dir"/*.nft; do
		diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$f" || { echo "in $f"; failed=1; }
		[ "$status" = 1 ] || { echo "$f: status $status"; failed=1; }
		run ref_nft list ruleset
		[ "$output" = "$before" ] || { echo "$f changed the ruleset"; failed=1; }
	done
	[ "$failed" = 0 ]
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
	local dir=$BATS_TEST_TMPDIR f i=0 before failed=0
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
	run ref_nft list ruleset
	before=$output
	for f in "$dir"/*.nft; do
		diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$f" || { echo "in $f"; failed=1; }
		[ "$status" = 1 ] || { echo "$f: status $status"; failed=1; }
		run ref_nft list ruleset
		[ "$output" = "$before" ] || { echo "$f changed the ruleset"; failed=1; }
	done
	[ "$failed" = 0 ]
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
	run ref_nft list set ip t s
	[[ $output == *'10.1.134.159 }'* ]]
	diff_nft list ruleset
}

@test "large sets: the kernel's errors on elements where the reference points, messages split as its" {
	local dir=$BATS_TEST_TMPDIR f n before failed=0

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
	run ref_nft list ruleset
	before=$output
	for f in "$dir"/*.nft; do
		diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$f" || { echo "in $f"; failed=1; }
		[ "$status" = 1 ] || { echo "$f: status $status"; failed=1; }
		run ref_nft list ruleset
		[ "$output" = "$before" ] || { echo "$f changed the ruleset"; failed=1; }
	done
	[ "$failed" = 0 ]
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
