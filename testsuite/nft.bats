#!/usr/bin/env bats
# nft: ours against the reference, loading and listing rulesets.
#
# The triangle: for a ruleset file, (1) loaded by ours and listed by the
# reference equals loaded and listed by the reference (our encoding is
# right); (2) loaded by the reference and listed by ours equals the
# reference's listing (our decoding is right); (3) our listing, loaded
# again by ours, lists the same (round trip).

load lib/common
load lib/nft

CORPUS=$NLKIT_TOP/testsuite/nft/corpus
BAD=$NLKIT_TOP/testsuite/nft/bad

# One test per corpus file, so that a failure names its file.
@test "triangle: families-chains.nft" {
	triangle "$CORPUS/families-chains.nft"
}

@test "triangle: inet-filter-basic.nft" {
	triangle "$CORPUS/inet-filter-basic.nft"
}

@test "triangle: ip-selectors-statements.nft" {
	triangle "$CORPUS/ip-selectors-statements.nft"
}

@test "triangle: link-layer.nft (ether, vlan, arp; bridge and arp chains)" {
	triangle "$CORPUS/link-layer.nft"
}

@test "triangle: netdev.nft (ingress chains on devices, dup, fwd)" {
	ns ip link add veth0 type veth peer name veth1
	triangle "$CORPUS/netdev.nft"
}

@test "triangle: network-icmp.nft (ip, ip6, icmp, icmpv6 fields)" {
	triangle "$CORPUS/network-icmp.nft"
}

@test "triangle: transport.nft (tcp, udp, th, flag masks)" {
	triangle "$CORPUS/transport.nft"
}

@test "triangle: meta.nft (meta keys, meta set)" {
	triangle "$CORPUS/meta.nft"
}

@test "triangle: conntrack.nft (ct keys, ct set, notrack)" {
	triangle "$CORPUS/conntrack.nft"
}

@test "triangle: fib-rt-numgen-hash-socket.nft" {
	triangle "$CORPUS/fib-rt-numgen-hash-socket.nft"
}

@test "triangle: statements.nft (verdicts, counter, log, limit, reject, quota)" {
	triangle "$CORPUS/statements.nft"
}

@test "triangle: nat.nft (snat, dnat, masquerade, redirect)" {
	ns ip link add veth0 type veth peer name veth1
	triangle "$CORPUS/nat.nft"
}

@test "triangle: anonymous-sets.nft (sets of values, ICMP echo fields)" {
	triangle "$CORPUS/anonymous-sets.nft"
}

@test "triangle: rewrite.nft (header fields set, checksums kept right)" {
	triangle "$CORPUS/rewrite.nft"
}

@test "triangle: tcp-options.nft (tcp option fields, presence, rewrite)" {
	triangle "$CORPUS/tcp-options.nft"
}

@test "triangle: names.nft (words reserved only in their selector's scope as names)" {
	triangle "$CORPUS/names.nft"
}

@test "triangle: payload-joins.nft (side by side header fields in one load, in the reference's place)" {
	triangle "$CORPUS/payload-joins.nft"
}

@test "triangle: dependencies.nft (protocol matches listed as written after a statement, ether type as the network's)" {
	triangle "$CORPUS/dependencies.nft"
}

@test "triangle: meta-time.nft (meta time, day and hour: ranges past midnight, sets, maps, concatenations)" {
	triangle "$CORPUS/meta-time.nft"
}

@test "triangle: tproxy.nft (to an address, a port, both; families of ip, ip6, inet)" {
	triangle "$CORPUS/tproxy.nft"
}

@test "triangle: osf.nft (osf name, version, ttl; sets, maps, typeof)" {
	triangle "$CORPUS/osf.nft"
}

@test "triangle: more-transports.nft (udplite, dccp, sctp, esp, ah, comp, igmp; their dependencies, sets, typeof)" {
	triangle "$CORPUS/more-transports.nft"
}

@test "udplite, dccp, sctp, esp, ah, comp, igmp: the reference's requests, byte for byte" {
	wire_nft -f "$CORPUS/more-transports.nft"
}

@test "tproxy and osf: the reference's requests, byte for byte" {
	wire_nft -f "$CORPUS/tproxy.nft"
	wire_nft -f "$CORPUS/osf.nft"
}

@test "a set typeof a concatenation with osf: listed by its types, as the reference reads it back" {
	ref_nft add table ip t
	ref_nft add set ip t a '{ typeof ip saddr . osf name; }'
	ref_nft add set ip t b '{ typeof osf version; }'
	diff_nft list ruleset
	[[ $output == *'type ipv4_addr . string'* ]]
	[[ $output == *'typeof osf name'* ]]
}

@test "a rule the kernel refuses unblamed, from the command line: the whole command marked" {
	ref_nft add table ip t
	ref_nft add chain ip t in '{ type filter hook input priority 0; }'
	ref_nft add chain ip t out '{ type filter hook output priority 0; }'
	diff_nft add rule ip t in meta l4proto tcp tproxy to :8080
	[ "$status" = 1 ]
	diff_nft add rule ip t out osf name '"Linux"'
	[ "$status" = 1 ]
}

@test "every corpus file has its triangle test, and the corpus has 150 rules" {
	local f rules=0 n

	ns ip link add veth0 type veth peer name veth1
	for f in "$CORPUS"/*.nft; do
		grep -q "triangle \"\$CORPUS/${f##*/}\"" "$BATS_TEST_FILENAME" ||
			{ echo "no test for $f"; return 1; }
		ref_nft flush ruleset
		ref_nft -f "$f"
		# A rule's line ends with its handle; a table's or chain's with "{ # handle N".
		n=$(ref_nft -a list ruleset | grep '# handle' | grep -vc '{ # handle')
		rules=$((rules + n))
	done
	echo "$rules rules"
	[ "$rules" -ge 150 ]
}

@test "bad inputs: the reference's errors, status, and nothing applied" {
	local f failed=0

	ref_nft add table inet keep
	for f in "$BAD"/*.nft; do
		diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$f" || { echo "in $f"; failed=1; }
		[ "$status" = 1 ] || { echo "$f: status $status"; failed=1; }
		run ref_nft list ruleset
		[ "$output" = "table inet keep {
}" ] || { echo "$f changed the ruleset: $output"; failed=1; }
	done
	[ "$failed" = 0 ]
}

@test "symbols quoted or not, numbers quoted: as the reference reads them" {
	cat >"$BATS_TEST_TMPDIR/quoted.nft" <<'EOF'
table ip t {
	chain c {
		ct state "established" accept
		meta pkttype "host" accept
		meta pkttype "1" accept
		icmp type "echo-request" accept
		tcp flags "syn" accept
		ip dscp "cs1" accept
		meta iiftype "ether" accept
		ct state { "new", "related" } accept
	}
}
EOF
	wire_nft -f "$BATS_TEST_TMPDIR/quoted.nft"
	ours_nft -f "$BATS_TEST_TMPDIR/quoted.nft"
	diff_nft list ruleset
	[[ $output == *'ct state established accept'* ]]
}

@test "meta hour, day and time in other time zones: read, sent and listed as the reference does" {
	local zone opts file="$BATS_TEST_TMPDIR/zones.nft"

	# hours in local time of today's offset, dates of their own (summer
	# time, the hour skipped and the hour repeated in spring and autumn)
	cat >"$file" <<'EOF'
table ip t {
	set hours { typeof meta hour; elements = { "00:30", "10:00:05", "23:59" } }
	chain c {
		meta hour "00:30" accept
		meta hour "10:00"-"12:00" accept
		meta hour "23:00"-"01:00" drop
		meta hour != "00:00"-"02:00" drop
		meta hour 0 counter
		meta hour 17999 counter
		meta hour 86400 counter
		meta time "2024-03-31 02:30" counter
		meta time "2024-10-27 02:30" counter
		meta time "2024-07-01" counter
		meta time "1970-01-01" counter
		meta time 0 counter
		meta day . meta hour { "Monday" . "00:15" } accept
	}
}
EOF
	for zone in JST-9 EST+5 IST-5:30 CET-1CEST,M3.5.0,M10.5.0/3; do
		TZ=$zone wire_nft -f "$file" || { echo "in $zone"; return 1; }
		ref_nft flush ruleset
		TZ=$zone ref_nft -f "$file"
		for opts in -a -n -j -jn; do
			TZ=$zone diff_nft "$opts" list ruleset || { echo "in $zone"; return 1; }
		done
		# west of UTC, an hour before the offset lists as the
		# reference's does: seconds below zero, wrapped
		if [ "$zone" = EST+5 ]; then
			[[ $output == *'"right": "1193041:28:16"'* ]]
		fi
	done
}

@test "seed examples: filter chain dropping a subnet and ssh" {
	ours_nft add table inet filter
	ours_nft add chain inet filter input '{ type filter hook input priority 0; policy accept; }'
	ours_nft add rule inet filter input ip saddr 192.0.2.0/24 drop
	ours_nft add rule inet filter input tcp dport 22 drop
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list ruleset
	[[ $output == *$'\n\t\tip saddr 192.0.2.0/24 drop\n\t\ttcp dport 22 drop\n'* ]]
}

@test "seed examples: masquerade on an existing veth" {
	ns ip link add veth0 type veth peer name veth1
	ours_nft add table ip nat
	ours_nft add chain ip nat post '{ type nat hook postrouting priority srcnat; }'
	ours_nft add rule ip nat post oif '"veth0"' masquerade
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list ruleset
	[[ $output == *'oif "veth0" masquerade'* ]]
}

@test "list tables, chains, table, chain and -a handles" {
	ref_nft -f "$CORPUS/families-chains.nft"
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list tables
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list chains
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list table ip t
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list chain ip6 six in
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -a list ruleset
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -n list ruleset
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -s list ruleset
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list table ip nosuch
}

@test "-y lists base chain priorities as numbers, and only those; -n does both" {
	ref_nft -f "$CORPUS/families-chains.nft"
	ref_nft add rule ip t g ct state established accept
	diff_nft -y list ruleset
	[[ $output == *'type route hook output priority -155;'* ]]
	[[ $output == *'ct state established accept'* ]]
	diff_nft --numeric-priority list chain ip t g
	diff_nft -n list chain ip t g
	[[ $output == *'priority -155;'* ]]
	[[ $output == *'ct state 0x2 accept'* ]]
}

@test "every corpus and set file listed with the options of listings, in text and JSON, as the reference" {
	local f opts failed=0

	ns ip link add veth0 type veth peer name veth1
	for f in "$CORPUS"/*.nft "$NLKIT_TOP"/testsuite/nft/sets/*.nft; do
		ref_nft flush ruleset
		ref_nft -f "$f"
		for opts in "-n -a" "-s -t -y" "-S -u -N -p -T"; do
			# shellcheck disable=SC2086 # the options, one word each
			diff_nft $opts list ruleset || { echo "$f: $opts"; failed=1; }
			# shellcheck disable=SC2086
			diff_nft -j $opts list ruleset || { echo "$f: -j $opts"; failed=1; }
		done
	done
	[ "$failed" = 0 ]
}

@test "-p, -T, -S, -u and -N list protocols, times, services, users and hosts as the reference" {
	cat >"$BATS_TEST_TMPDIR/names.nft" <<'EOT'
table inet t {
	set s { type ipv4_addr; flags interval; elements = { 127.0.0.1, 10.0.0.1-10.0.0.5 } }
	set later { type ipv4_addr; flags timeout; timeout 1h; gc-interval 90s; }
	set s6 { type ipv6_addr; elements = { ::1, fe80::1 } }
	map m { type inet_service : ipv4_addr; elements = { 22 : 127.0.0.1, 60000 : 10.0.0.1 } }
	chain c {
		ip protocol tcp tcp dport 22 accept
		meta l4proto udp udp sport 53 udp dport 5353 counter
		ip saddr 127.0.0.1 ip daddr 127.0.0.1-127.0.0.3 accept
		ip saddr . tcp dport { 127.0.0.1 . 22 } accept
		tcp dport 22-80 ip protocol 6-17 meta skuid 0-5 accept
		meta skuid { 0, 12345 } meta skgid 0 meta l4proto tcp ct original proto-dst 80
		ct expiration 1m ct expiration 1m-2m
		dnat ip to tcp dport map { 22 : 127.0.0.1 }
	}
}
EOT
	ref_nft -f "$BATS_TEST_TMPDIR/names.nft"
	local opts
	for opts in -p -T -S -u -N "-S -u -N" "-n -S" --numeric-protocol --numeric-time \
		--service --guid --reversedns; do
		diff_nft $opts list ruleset
		diff_nft -j $opts list ruleset
	done
	diff_nft -S list chain inet t c
	[[ $output == *'tcp dport "ssh" accept'* ]]
	[[ $output == *'udp dport "mdns"'* ]]
	[[ $output == *'tcp dport 22-80 ip protocol 6-17 meta skuid 0-5 accept'* ]]
	diff_nft -N list set inet t s
	[[ $output == *'localhost'* ]]
	diff_nft -T list set inet t later
	[[ $output == *'timeout 3600s'* ]]
	[[ $output == *'gc-interval 90s'* ]]
}

@test "insert, replace, delete by handle, position and index; rename; flush" {
	ours_nft add table ip x
	ours_nft add chain ip x y
	ours_nft add rule ip x y meta mark 1 accept
	ours_nft add rule ip x y meta mark 2 accept
	ours_nft insert rule ip x y meta mark 0 accept
	ours_nft add rule ip x y position 2 meta mark 3 accept
	ours_nft insert rule ip x y index 1 meta mark 4 accept
	ours_nft replace rule ip x y handle 3 meta mark 5 drop
	ours_nft delete rule ip x y handle 2
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -a list ruleset
	[ "$(grep -c 'meta mark' <<<"$output")" = 4 ]
	ours_nft rename chain ip x y z
	ours_nft flush chain ip x z
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list ruleset
	[ "$output" = $'table ip x {\n\tchain z {\n\t}\n}' ]
	ours_nft delete chain ip x z
	ours_nft delete table ip x
	run ref_nft list ruleset
	[ -z "$output" ]
}

wire_table_setup() {
	ref_nft add table ip old
	ref_nft add chain ip old c
}

@test "tables, chains and rules (wire): the flags and attributes the reference sends" {
	wire_nft --setup wire_table_setup add table ip t
	wire_nft --setup wire_table_setup add table ip old
	wire_nft --setup wire_table_setup create table ip t
	wire_nft --setup wire_table_setup create table ip old
	wire_nft --setup wire_table_setup add table ip t '{ flags dormant; comment "c"; }'
	wire_nft --setup wire_table_setup add chain ip old d
	wire_nft --setup wire_table_setup create chain ip old c
	wire_nft --setup wire_table_setup add rule ip old c tcp dport 22 accept
	wire_nft --setup wire_table_setup insert rule ip old c meta mark 1 drop
	wire_nft --setup wire_table_setup add rule ip old c counter comment '"after the expressions"'
	printf 'table ip t {\n\tchain c {\n\t\ttype filter hook input priority 0; policy drop;\n\t\taccept\n\t}\n}\ntable ip old {\n}\nadd table ip u\ncreate table ip v\n' \
		>"$BATS_TEST_TMPDIR/tables.nft"
	wire_nft --setup wire_table_setup -f "$BATS_TEST_TMPDIR/tables.nft"
	wire_nft --setup wire_table_setup add chain ip old e '{ type nat hook postrouting priority 100; comment "n"; }'
	# devices the kernel here may or may not refuse: the same on both sides
	printf 'table netdev n {\n\tchain i {\n\t\ttype filter hook ingress devices = { bb, lo, aa } priority 10; policy accept; comment "three"\n\t}\n\tchain j {\n\t\ttype filter hook ingress device lo priority -1\n\t}\n}\n' \
		>"$BATS_TEST_TMPDIR/devices.nft"
	wire_nft -f "$BATS_TEST_TMPDIR/devices.nft"
	wire_nft --setup wire_table_setup delete table ip old
	wire_nft --setup wire_table_setup flush table ip old
}

@test "expressions (wire): masks, tests of flags, header writes and ICMP's dependencies as the reference sends them" {
	# a listing cannot show what differs here: the operation of a mask,
	# the checksum of a write that has none, the network protocol matched
	# before ICMP's
	cat >"$BATS_TEST_TMPDIR/exprs.nft" <<'EOF'
table inet t {
	chain c {
		type filter hook postrouting priority 0; policy accept;
		ip dscp cs1 accept
		ip dscp { cs1, cs2 } accept
		tcp flags & (syn | ack) == syn accept
		tcp flags syn / syn,ack accept
		ct state established,related accept
		ip saddr 10.0.0.0/8 accept
		ip saddr 10.128.0.0/9 accept
		meta mark 0x10/28 accept
		ct mark 0x10203/16 accept
		meta mark { 0x10/28, 0x1000000/8 } accept
		ip saddr & 255.255.0.0 == 10.1.0.0 accept
		ip6 flowlabel 5 accept
		meta mark set meta mark & 0xff | 0x10
		ct mark set ct mark & 0x0f
		tcp dport set 80
		ip saddr set 1.2.3.4
		ip ttl set 5
		ether saddr set 00:01:02:03:04:05
		ip6 hoplimit set 3
		ip6 daddr set ::1
		ip dscp set cs1
		ip6 dscp set cs2
		ip ecn set ce
		icmp type set echo-reply
		icmp type echo-request accept
		icmpv6 type echo-request accept
		ip saddr 1.2.3.4 icmp type echo-request accept
		ip6 saddr ::1 icmp type echo-request accept
		meta nfproto ipv6 icmpv6 type 1 accept
	}
}
table bridge b {
	chain c {
		icmp type echo-request accept
		ip saddr 1.2.3.4 icmp type echo-request accept
		icmpv6 type echo-request accept
	}
}
table netdev n {
	chain c {
		icmp type echo-request accept
		icmpv6 type echo-request accept
	}
}
EOF
	wire_nft -f "$BATS_TEST_TMPDIR/exprs.nft"
}

@test "nat (wire): the flags, family and registers the reference sends" {
	# a listing shows neither: the kernel maps the addresses it is given
	# whatever the flags say, and a port alone names no family
	cat >"$BATS_TEST_TMPDIR/nat.nft" <<'EOF'
table ip t {
	chain c {
		type nat hook prerouting priority dstnat; policy accept;
		dnat to 192.0.2.1
		tcp dport 1 dnat to 192.0.2.1-192.0.2.2:80-90 persistent
		tcp dport 2 dnat to :80
		tcp dport 3 dnat to 192.0.2.1:tcp dport map { 3 : 8003 }
		tcp dport 4 dnat to ip saddr map { 10.0.0.1 : 192.0.2.4 }:tcp dport map { 4 : 8004 }
		tcp dport 5 redirect to tcp dport map { 5 : 8005 } random
		dnat to ip saddr map { 10.0.0.2 : 192.0.2.5 }
		dnat ip to tcp dport map { 6 : 192.0.2.6 . 8006 } persistent
		tcp dport 7 dnat to 10.3.0.0-10.3.0.255:8007
		tcp dport 8 dnat to 10.4.0.0/16
	}
}
table ip6 t {
	chain c {
		type nat hook prerouting priority dstnat; policy accept;
		tcp dport 2 dnat to :80
		tcp dport 3 dnat to [2001:db8::1]:tcp dport map { 3 : 8003 }
		dnat ip6 to tcp dport map { 4 : [2001:db8::4] . 8004 }
		tcp dport 5 dnat to [2001:db8::5]-[2001:db8::6]:8005
	}
}
table inet t {
	chain c {
		type nat hook prerouting priority dstnat; policy accept;
		tcp dport 2 dnat to :80
		tcp dport 3 dnat ip to 192.0.2.1:80
	}
}
EOF
	wire_nft -f "$BATS_TEST_TMPDIR/nat.nft"
}

@test "tcp options (wire): the flags of a load, and a host-order value written in network order" {
	# the listing shows neither: the kernel takes a load without flags,
	# and rt mtu's bytes would be written swapped
	wire_nft -f "$NLKIT_TOP/testsuite/nft/corpus/tcp-options.nft"
}

wire_bridge_setup() {
	ref_nft add table bridge b
	ref_nft add chain bridge b c
}

@test "bridge meta keys (wire): ibrname, obrname, their older names, ibrpvid and ibrvproto as the reference sends them" {
	# This kernel may lack nft_meta_bridge; nft_vm.bats lists them where
	# it has it.
	wire_nft -f "$NLKIT_TOP/testsuite/nft/vm/bridge-meta.nft"
	wire_nft --setup wire_bridge_setup add rule bridge b c meta ibrvproto set 8021q
	wire_nft --setup wire_bridge_setup add rule bridge b c meta ibrpvid '{ 1, 5-7 }' accept
}

@test "queue (wire): its forms old and new, flags, ranges, numgen, hashes and maps as the reference sends them" {
	# This kernel may lack nft_queue (its refusal is the same on both
	# sides); nft_vm.bats lists them where it has it.  The file is
	# written as the reference lists: it reads it back the same.
	wire_nft -f "$NLKIT_TOP/testsuite/nft/vm/queue.nft"
	# the older forms: num, then bypass and fanout in any order, the
	# last number counting; where a number may go, a variable too
	local rule
	for rule in 'queue' 'queue num 1' 'queue num 1-3' 'queue bypass' 'queue fanout' \
		'queue num 1-2 fanout bypass' 'queue bypass,fanout num 4-5' 'queue num 1 num 2' \
		'queue flags bypass num 1' 'queue flags bypass,fanout num 1-2' 'queue to 0x10' \
		'queue flags bypass,bypass to 2' 'queue to 1 - 3' 'queue to 2-2' \
		'queue to numgen inc mod 2 map { 0 : 1, 1 : 2 }' 'queue to ct mark map { 1 : 2 }' \
		'queue to ip saddr . tcp dport map { 1.2.3.4 . 22 : 1 }'; do
		wire_nft --setup wire_table_setup add rule ip old c "$rule" || return 1
	done
	printf 'define q = 3\ntable ip t {\n\tchain c {\n\t\tqueue num $q\n\t\tqueue to $q - 5\n\t}\n}\n' \
		>"$BATS_TEST_TMPDIR/var.nft"
	wire_nft -f "$BATS_TEST_TMPDIR/var.nft"
	# a family of any kind: the kernel decides
	printf 'table %s t {\n\tchain c {\n\t\tqueue to symhash mod 2\n\t\tqueue flags bypass to jhash tcp dport mod 3\n\t}\n}\n' \
		bridge >"$BATS_TEST_TMPDIR/bridge.nft"
	wire_nft -f "$BATS_TEST_TMPDIR/bridge.nft"
}

@test "one -f file is one transaction: a late error applies nothing" {
	printf 'add table ip a\nadd chain ip a b\nadd rule ip a b tcp dport 22 accept\nadd rule ip a nochain drop\n' \
		>"$BATS_TEST_TMPDIR/t.nft"
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$BATS_TEST_TMPDIR/t.nft"
	[ "$status" = 1 ]
	run ref_nft list ruleset
	[ -z "$output" ]
}

@test "-c checks without applying; define, include and comments" {
	cat >"$BATS_TEST_TMPDIR/inc.nft" <<'EOT'
define web = 80 # a port
EOT
	cat >"$BATS_TEST_TMPDIR/main.nft" <<EOT
include "$BATS_TEST_TMPDIR/inc.nft"
define net = 10.0.0.0/8
table ip f { # the table
	chain c {
		ip saddr \$net tcp dport \$web accept
	}
}
EOT
	ours_nft -c -f "$BATS_TEST_TMPDIR/main.nft"
	run ref_nft list ruleset
	[ -z "$output" ]
	ours_nft -f "$BATS_TEST_TMPDIR/main.nft"
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list ruleset
	[[ $output == *'ip saddr 10.0.0.0/8 tcp dport 80 accept'* ]]
	# the kernel checks the batch too, and keeps none of it
	diff_nft -c add rule ip f c counter name nosuch
	[ "$status" = 1 ]
	diff_nft -c add chain ip f d '{ type filter hook ingress priority 0; }'
	[ "$status" = 1 ]
	diff_nft -c delete table ip f
	[ "$status" = 0 ]
	run ref_nft list table ip f
	[ "$status" = 0 ]
	[[ $output == *'tcp dport 80 accept'* ]]
}

# same_tables ARG...: nft ARG... of ours, then of the reference, each from
# an empty ruleset, leave the same tables; they are printed.
same_tables() {
	local ours ref

	ref_nft flush ruleset
	ours_nft "$@" || true
	ours=$(ref_nft list tables)
	ref_nft flush ruleset
	ref_nft "$@" || true
	ref=$(ref_nft list tables)
	[ "$ours" = "$ref" ] || { echo "nft $*: ours left [$ours], the reference [$ref]"; return 1; }
	echo "$ours"
}

@test "-I: included files looked for in the default directory, then in those of -I, as the reference" {
	local d=$BATS_TEST_TMPDIR
	mkdir -p "$d/a/sub" "$d/b"
	echo 'add table ip a_x' >"$d/a/x.nft"
	echo 'add table ip b_x' >"$d/b/x.nft"
	echo 'add table ip b_y' >"$d/b/y.nft"
	echo 'add table ip a_sub' >"$d/a/sub/z.nft"
	echo 'add table ip a_g' >"$d/a/g1.nft"
	printf 'flush ruleset\nadd table ip b_g\n' >"$d/b/g.nft"
	echo 'add table ip here' >"$d/h.nft"
	echo 'include "x.nft"' >"$d/plain.nft"
	echo 'include "y.nft"' >"$d/second.nft"
	echo 'include "sub/z.nft"' >"$d/sub.nft"
	echo 'include "g*.nft"' >"$d/glob.nft"
	echo 'include "./h.nft"' >"$d/dot.nft"
	echo 'include "nosuch.nft"' >"$d/missing.nft"
	cd "$d"
	diff_nft -f "$d/plain.nft"
	[ "$status" = 1 ]
	[[ $stderr == *'Error: File not found: x.nft'* ]]
	run same_tables -I "$d/a" -I "$d/b" -f "$d/plain.nft"
	[ "$output" = 'table ip a_x' ]
	run same_tables -I "$d/b" --includepath="$d/a" -f "$d/plain.nft"
	[ "$output" = 'table ip b_x' ]
	run same_tables -I "$d/a" -I"$d/b" -f "$d/second.nft"
	[ "$output" = 'table ip b_y' ]
	run same_tables -I "$d/a" -f "$d/sub.nft"
	[ "$output" = 'table ip a_sub' ]
	# a wildcard's matches in every directory, the last directory's first
	run same_tables -I "$d/a" -I "$d/b" -f "$d/glob.nft"
	[ "$output" = $'table ip b_g\ntable ip a_g' ]
	run same_tables -I "$d/b" -I "$d/a" -f "$d/glob.nft"
	[ "$output" = 'table ip b_g' ]
	# ./ is the working directory's, whatever -I says
	run same_tables -I "$d/a" -f "$d/dot.nft"
	[ "$output" = 'table ip here' ]
	diff_nft -I "$d/a" -I "$d/b" -f "$d/missing.nft"
	[ "$status" = 1 ]
	# a path too long to look for is an error, not another, shorter file
	printf 'include "%s"\n' "$(printf 'x%.0s' $(seq 1 4100))" >"$d/long.nft"
	run ours_nft -I "$d/a" -f "$d/long.nft"
	[ "$status" = 1 ]
	[[ $output == *'Error: Too long file path "/etc/xxx'* ]]
}

@test "-D: variables defined for the file of -f, and the reference's errors" {
	local d=$BATS_TEST_TMPDIR
	ref_nft add table ip t
	ref_nft add chain ip t c
	echo 'add rule ip t c tcp dport $p ip saddr $net' >"$d/use.nft"
	printf 'define p = 5\nadd rule ip t c tcp dport $p\n' >"$d/redefine.nft"
	diff_nft -D p=22 -D net=10.0.0.0/8 -f "$d/use.nft"
	diff_nft -D 'p={ 23, 24 }' --define net=10.1.0.0/16 -f "$d/use.nft"
	diff_nft -f "$d/use.nft" -Dp=25 -D net=10.2.0.1
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list ruleset
	[[ $output == *'tcp dport 22 ip saddr 10.0.0.0/8'* ]]
	[[ $output == *'tcp dport { 23, 24 } ip saddr 10.1.0.0/16'* ]]
	[[ $output == *'tcp dport 25 ip saddr 10.2.0.1'* ]]
	local bad
	for bad in p p= =3 'p=$q'; do
		diff_nft -D "$bad" -D net=1.1.1.1 -f "$d/use.nft"
		[ "$status" = 1 ]
	done
	diff_nft -D p=1 -D p=2 -D net=1.1.1.1 -f "$d/use.nft"
	[ "$status" = 1 ]
	[[ $stderr == *"redefinition of symbol 'p'"* ]]
	diff_nft -D p=1 -f "$d/redefine.nft"
	[ "$status" = 1 ]
	diff_nft -D p=1 list ruleset
	[ "$status" = 1 ]
	[[ $stderr == *'-D/--define can only be used with -f/--filename'* ]]
	# a definition that goes on with a command: refused, nothing applied
	# (the reference aborts on it)
	run ours_nft -D 'p=22; add table ip sneaked' -D net=1.1.1.1 -f "$d/use.nft"
	[ "$status" = 1 ]
	[[ $output == *"-D/--define takes a variable's definition, not a command"* ]]
	run ref_nft list table ip sneaked
	[ "$status" = 1 ]
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list ruleset
}

@test "variables: long values, sets in sets, maps of a set's elements, redefine and undefine, as the reference" {
	cat >"$BATS_TEST_TMPDIR/vars.nft" <<'EOT'
define web = { 80, 443, 8080, 8443, 9000, 9443 }
define nets = { 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 }
define admin = 10.1.1.1
define both = { $admin, 10.2.2.2 }
define kept = $admin
undefine admin
define gone = 1
undefine gone
undefine never
redefine gone = 2
table inet f {
	redefine kept = 10.9.9.9
	set allowed {
		type ipv4_addr
		flags interval
		elements = { 1.1.1.1, $nets }
	}
	map ports {
		type inet_service : verdict
		elements = { $web : accept, 22 : drop }
	}
	chain c {
		tcp dport $web accept
		tcp dport { $web, 22 } ip saddr $nets accept
		ip saddr $both tcp dport vmap { $web : accept, 25 : drop }
		meta mark set tcp dport map { $web : 1, 53 : 2 }
		ip saddr $kept tcp dport $gone
	}
}
table ip g {
	chain c {
		ip saddr $kept
	}
}
EOT
	ours_nft -f "$BATS_TEST_TMPDIR/vars.nft"
	ref_nft list ruleset >"$BATS_TEST_TMPDIR/ours"
	ref_nft flush ruleset
	ref_nft -f "$BATS_TEST_TMPDIR/vars.nft"
	ref_nft list ruleset >"$BATS_TEST_TMPDIR/ref"
	same_text "variables, loaded by ours and by the reference" "$BATS_TEST_TMPDIR/ref" \
		"$BATS_TEST_TMPDIR/ours"
	grep -q 'tcp dport { 80, 443, 8080, 8443, 9000, 9443 } accept' "$BATS_TEST_TMPDIR/ours"
	grep -q 'ip saddr 10.9.9.9 tcp dport 2$' "$BATS_TEST_TMPDIR/ours"
	grep -q 'ip saddr 10.1.1.1$' "$BATS_TEST_TMPDIR/ours"
}

@test "blocks: what the reference takes without a separator before the closing brace, and add chain's rules" {
	cat >"$BATS_TEST_TMPDIR/t.nft" <<'EOT'
table ip t {
	set s {
		type ipv4_addr; flags interval; auto-merge }
	set e {
		type ipv4_addr; elements = { 10.0.0.1 } comment "e"; }
	counter k { packets 1 bytes 2 }
	quota q { 10 mbytes }
	limit l { rate 10/second }
	synproxy p { mss 1460 wscale 7 timestamp }
}
add chain ip t c { tcp dport 22 accept; ip saddr { 10.0.0.1, 10.0.0.2 } drop; }
EOT
	ours_nft -f "$BATS_TEST_TMPDIR/t.nft"
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list ruleset
	[[ $output == *$'\t\ttcp dport 22 accept\n\t\tip saddr { 10.0.0.1, 10.0.0.2 } drop\n'* ]]
}

@test "errors in included files: named after the include statements, a block open across files" {
	local dir=$BATS_TEST_TMPDIR

	printf 'add table ip a b\nadd table ip c\n' >"$dir/err.nft"
	printf 'include "%s"\n' "$dir/err.nft" >"$dir/mid.nft"
	printf 'table ip t {\n\tchain c {\n' >"$dir/open.nft"
	cat >"$dir/main.nft" <<EOT
include "$dir/mid.nft"
include "$dir/open.nft"
		define port = 22
		tcp dport \$port accept
		foo
	}
	include "$dir/err.nft"
}
include "$dir/nowhere.nft"
add table ip x y
add rule ip t c tcp dport \$port accept
EOT
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f "$dir/main.nft"
	[ "$status" = 1 ]
	[[ $stderr == *"                 from $dir/main.nft:1:1-"* ]]
	run ref_nft list ruleset
	[ -z "$output" ]
}

@test "command-line errors as the reference words them" {
	ours_nft add table inet filter
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" add rule inet filter input foo
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" add rule ip filter input drop
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" add table x y
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list table inet nope
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -f /nonexistent/file
	# the operators' words are operators everywhere, names nowhere
	for word in and or xor not lshift rshift; do
		diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" add table ip "$word"
	done
	# an error does not end the input: the next command's is reported,
	# and the line's end inside a block after the closing brace passed
	# over; a block's members want a separator before its brace
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" add table ip t x ';' add table ip u y
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" add ct helper inet filter h \
		'{ type "ftp" protocol tcp }'
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" add chain inet filter c \
		'{ type filter hook input priority 0 }'
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" add chain inet filter c '{ comment "x" }'
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" add table ip u '{ flags dormant }'
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" 'table ip t { chain c { accept } }'
	[ "$status" = 1 ]
	run ref_nft list tables
	[ "$output" = "table inet filter" ]
	run -1 --separate-stderr ours_nft
	# valgrind-wrap runs the program by its own path, its argv[0]
	if [ -n "${NLKIT_VALGRIND_LOGS:-}" ]; then
		[ "$stderr" = "$(dirname "$NLKIT_NFT")/../nft/nft: no command specified" ]
	else
		[ "$stderr" = "$NLKIT_NFT: no command specified" ]
	fi
}

# as_nft DIR: in DIR, the commands "ours" and "ref" that run our nft and
# the reference's as "nft" (their argv[0]), which some errors quote.
as_nft() {
	mkdir -p "$1"
	printf '#!/bin/bash\nexec -a nft %q "$@"\n' "$NLKIT_NFT" >"$1/ours"
	printf '#!/bin/bash\nexec -a nft %q "$@"\n' "$NLKIT_REF_NFT" >"$1/ref"
	chmod +x "$1/ours" "$1/ref"
}

@test "an option after the command's first word: refused, pointed at, as the reference" {
	local dir=$BATS_TEST_TMPDIR/as-nft args

	# A script's argv[0] does not reach the program it runs (the kernel
	# puts the script's path there).
	[ -z "${NLKIT_VALGRIND_LOGS:-}" ] ||
		skip "valgrind-wrap, a script, cannot give ours the argv[0] nft"
	as_nft "$dir"
	ours_nft add table ip t
	for args in 'list ruleset -a' 'list ruleset -n' 'add table ip x -e' '-a list ruleset -j' \
		'list -a ruleset' 'list ruleset --handle' 'list ruleset -' 'list ruleset -- -a' \
		'-c list ruleset -a' '-f /dev/null x -a' 'add rule ip t c meta mark -1' \
		'add chain ip t c2 type filter hook input priority -100' 'list ruleset } -a' \
		'-n list ruleset -a -j'; do
		# shellcheck disable=SC2086 # the words of the command line
		diff_cmd --text "$dir/ours" "$dir/ref" $args
		[ "$status" = 1 ] || { echo "$args: status $status"; return 1; }
	done
	# the place, marked on standard output
	[ "$stderr" = 'Error: syntax error, options must be specified before commands
nft -n list ruleset -a -j ' ]
	[ "$output" = '
   ^                ~~' ]
	# from a block on, a word with a minus is no option
	diff_cmd "$dir/ours" "$dir/ref" \
		add chain ip t c '{' type filter hook input priority -100 ';' '}'
	[ "$status" = 0 ]
	diff_nft list ruleset
	[[ $output == *'type filter hook input priority -100;'* ]]
}

# echo_session NFT: adds of every kind with -e and -ae: tables, base and
# regular chains, rules added, inserted and added after others in one
# batch, a -f block, and commands that add nothing (delete, flush, -c, an
# existing table).
echo_session() {
	local nft=$1

	"$nft" -ae add table ip x
	"$nft" -ae add chain ip x y '{ type filter hook input priority 0; }'
	"$nft" -ae add chain ip x z
	"$nft" -ae add rule ip x z counter
	printf 'add rule ip x z drop\nadd rule ip x z accept\n' | "$nft" -e -f -
	"$nft" -e 'add table ip x; add chain ip x q; insert rule ip x q drop'
	"$nft" -ae add rule ip x y tcp dport 22 meta l4proto tcp counter accept
	"$nft" -e insert rule ip x y ip saddr 1.2.3.4 drop
	printf 'table ip t {\n\tchain c {\n\t\ttype filter hook output priority 0;\n%s\n\t}\n}\n' \
		'ip daddr 10.0.0.1 accept comment "hi"' | "$nft" -e -f -
	"$nft" -e delete chain ip x z
	"$nft" -e flush chain ip x y
	"$nft" -e -c add table ip zz
	"$nft" -e add table ip x
}

@test "-e echoes what was added, and -a -e its handles, as the reference" {
	local other ref_out ours_out

	export -f echo_session
	# Each program in a namespace of its own: handles and generations
	# count from the same start.  The pid in "# new generation N by
	# process PID (nft)" is all that differs.
	run ns bash -c 'echo_session "$1"' - "$NLKIT_REF_NFT"
	[ "$status" = 0 ]
	ref_out=$(nft_mask_process <<<"$output")
	nlkit_netns_start other
	run nsenter --net="/proc/$other/ns/net" -- bash -c 'echo_session "$1"' - "$NLKIT_NFT"
	[ "$status" = 0 ]
	ours_out=$(nft_mask_process <<<"$output")
	diff -u <(echo "$ref_out") <(echo "$ours_out")
	[[ $ours_out == *'add rule ip x z counter packets 0 bytes 0 # handle 3'* ]]
	[[ $ours_out == *'insert rule ip x q drop'* ]]
}

@test "interactive: one transaction per line" {
	printf 'add table ip i\nadd chain ip i c\nadd rule ip i c counter\nquit\n' |
		ns "$NLKIT_NFT" -i
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" -s list ruleset
	[[ $output == *$'\t\tcounter'* ]]
}

@test "interactive: a failing line is reported, the next still runs, the session ends well" {
	printf 'add chain ip nosuch c\nadd table ip ok\n' >"$BATS_TEST_TMPDIR/session"
	diff_nft -i <"$BATS_TEST_TMPDIR/session"
	[ "$status" = 0 ]
	[[ $stderr == 'Error: No such file or directory'* ]]
	run -0 ref_nft list tables
	[ "$output" = 'table ip ok' ]
}

@test "list: a table's user data record cut short (another program's) is passed over" {
	# A comment record (type 0) that says 200 bytes and holds 3, in a
	# table the kernel keeps as it was given: user data is unchecked.
	cat >"$BATS_TEST_TMPDIR/cut_udata.py" <<'PY'
# Batch begin and end (0x10, 0x11) around NEWTABLE inet "u" with NFTA_TABLE_USERDATA (6).
batch = (msg(0x10, 1, 1, 0, 10, b"")
         + msg(10 << 8, 0x1 | 0x4 | 0x400, 2, 1, 0,
               attr(1, b"u\0") + attr(6, bytes([0, 200]) + b"abc"))
         + msg(0x11, 1, 3, 0, 10, b""))
PY
	ns python3 "$NLKIT_TOP/testsuite/tools/nfbatch.py" "$BATS_TEST_TMPDIR/cut_udata.py"
	run ours_nft list ruleset
	[ "$status" = 0 ]
	[ "$output" = $'table inet u {\n}' ]
	# The reference's JSON passes it over too (its text reads past the record).
	diff_nft -j list ruleset
}

@test "a set of a key type nft does not know: listed nowhere, get element finds none" {
	# Another program's set: key type 0xdead, 4-byte keys, in table inet t.
	cat >"$BATS_TEST_TMPDIR/unknown_key.py" <<'PY'
# NEWTABLE; NEWSET with NFTA_SET_TABLE, _NAME, _KEY_TYPE, _KEY_LEN, _ID; acknowledged end.
batch = (msg(0x10, 1, 1, 0, 10, b"")
         + msg(10 << 8 | 0, 0x1 | 0x400, 2, 1, 0, attr(1, b"t\0"))
         + msg(10 << 8 | 9, 0x1 | 0x400, 3, 1, 0,
               attr(1, b"t\0") + attr(2, b"s\0") + attr(4, be32(0xdead)) + attr(5, be32(4))
               + attr(10, be32(1)))
         + msg(0x11, 1 | 0x4, 4, 0, 10, b""))
PY
	ns python3 "$NLKIT_TOP/testsuite/tools/nfbatch.py" "$BATS_TEST_TMPDIR/unknown_key.py"
	run ours_nft list ruleset
	[ "$status" = 0 ]
	[ "$output" = "$(ref_nft list ruleset 2>/dev/null)" ]
	run --separate-stderr ours_nft get element inet t s '{ 1.2.3.4 }'
	[ "$status" = 1 ]
	[[ $stderr == "Error: No such file or directory"* ]]
}

# What describe is given: a selector of every family ours has, symbols and
# the names of types, and what it refuses.
DESCRIBED=(
	'tcp dport' 'tcp flags' 'tcp sequence' 'udp length' 'th dport' 'ip saddr' 'ip dscp'
	'ip ecn' 'ip protocol' 'ip6 nexthdr' 'ip6 flowlabel' 'ip6 daddr' 'icmp type'
	'icmp code' 'icmp id' 'icmpv6 type' 'icmpv6 code' 'ether type' 'ether saddr'
	'vlan id' 'vlan type' 'arp operation' 'arp saddr ip' 'arp saddr ether'
	'meta l4proto' 'meta iifname' 'meta time' 'meta day' 'meta hour' 'meta priority'
	'meta pkttype' 'meta protocol' 'meta nfproto' 'meta iiftype' 'meta ibrvproto'
	'meta ipsec' 'meta mark' 'meta skuid' 'meta iifgroup' 'meta rtclassid'
	'meta nftrace' 'meta sdifname' 'day' 'time' 'hour' 'mark' 'iif' 'oifname'
	'ct state' 'ct status' 'ct direction' 'ct event' 'ct label' 'ct expiration'
	'ct helper' 'ct l3proto' 'ct protocol' 'ct bytes' 'ct zone' 'ct id'
	'ct original saddr' 'ct original ip saddr' 'ct reply ip6 daddr' 'ct proto-src'
	'fib daddr type' 'fib saddr . iif oif' 'fib daddr oifname'
	'rt mtu' 'rt classid' 'rt nexthop' 'rt ip nexthop' 'rt ip6 nexthop'
	'numgen inc mod 2' 'numgen random mod 10 offset 5' 'jhash ip saddr . tcp dport mod 2'
	'symhash mod 2 offset 3' 'socket transparent' 'socket wildcard' 'socket mark'
	'osf name' 'osf ttl loose version' 'tcp option maxseg size' 'tcp option maxseg'
	'tcp option sack-perm' 'tcp option sack left' 'tcp option timestamp tsval'
	'(tcp dport)' '(ct state & new)' '(ether type & 1)' '(1 & 2)' '(foo)'
	foo 1 '"foo"' ipv4_addr ct_state inet_proto integer string invalid verdict bitmask
	ether_type arp_op ifname icmpx_code boolean '"time"' ct_label ct_event
	'udplite sport' 'udplite csumcov' 'udplite checksum' 'dccp dport' 'dccp type'
	'sctp vtag' 'sctp checksum' 'esp spi' 'esp sequence' 'ah nexthdr' 'ah hdrlength'
	'ah reserved' 'ah spi' 'comp flags' 'comp cpi' 'comp nexthdr' 'igmp type' 'igmp mrt'
	'igmp checksum' 'igmp group' dccp_pkttype igmp_type
)

# ... and what it refuses, with the reference's errors.
DESCRIBE_ERRORS=(
	'' tcp meta ip 'tcp foo' 'tcp dport 22' 'ip saddr & 1' numgen 'numgen inc' jhash
	'fib daddr' osf 'meta foo' 'ct foo' 'rt foo' 'tcp option' 'tcp option foo'
	'tcp option maxseg kind' secmark priority ecn '{1,2}' '$foo' 'esp foo' 'igmp' 'ah'
)

@test "describe: what an expression is, its type and the type's symbols" {
	local e

	for e in "${DESCRIBED[@]}"; do
		diff_nft "describe $e" || { echo "describe $e"; return 1; }
	done
}

@test "describe: the reference's errors, and in files, batches, -j and -i" {
	local e

	for e in "${DESCRIBE_ERRORS[@]}"; do
		diff_nft "describe $e" || { echo "describe $e"; return 1; }
	done
	printf 'describe tcp dport\ndescribe ct direction\ndescribe foo\ndescribe ip saddr\n' \
		>"$BATS_TEST_TMPDIR/d.nft"
	diff_nft -f "$BATS_TEST_TMPDIR/d.nft"
	# an error anywhere in the file: nothing described
	printf 'describe tcp dport\ndescribe tcp foo\n' >"$BATS_TEST_TMPDIR/e.nft"
	diff_nft -f "$BATS_TEST_TMPDIR/e.nft"
	diff_nft 'describe tcp dport; add table t; describe ct state; list tables'
	diff_nft 'define x = ipv4_addr; describe $x'
	diff_nft -c describe meta l4proto
	# -j changes nothing: the answer is text
	diff_cmd --text "$NLKIT_NFT" "$NLKIT_REF_NFT" -j describe ct state
	diff_cmd --text "$NLKIT_NFT" "$NLKIT_REF_NFT" -j describe foo
	printf 'describe tcp dport\ndescribe foo\ndescribe tcp x\ndescribe ct direction\n' |
		diff_nft -i
}

@test "describe: no privilege needed, as nothing is read from the kernel" {
	run ns setpriv --reuid 65534 --regid 65534 --clear-groups "$NLKIT_NFT" describe ether type
	[ "$status" = 0 ]
	[ "$output" = "$(ns setpriv --reuid 65534 --regid 65534 --clear-groups \
		"$NLKIT_REF_NFT" describe ether type)" ]
}

@test "flags listed bit by bit, whatever their order in describe's table; day, hour and time without meta" {
	cat >"$BATS_TEST_TMPDIR/flags.nft" <<'NFT'
table ip t {
	chain c {
		ct state new,established,invalid,untracked,related
		ct status dying,expected,snat
		day "Monday" hour "10:00"
		socket transparent 1 meta ipsec 2
		fib daddr oifname "lo"
	}
}
NFT
	triangle "$BATS_TEST_TMPDIR/flags.nft"
	diff_nft -j list ruleset
	diff_nft 'add rule t c secmark 1'
	diff_nft 'add rule t c socket transparent 2'
}
