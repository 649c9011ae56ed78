#!/usr/bin/env bats
# ip address show: ours against the reference on the same namespace.

load lib/common

# wait_dad: until no IPv6 address of the namespace is tentative, so that
# the two runs see the same flags.
wait_dad() {
	local tries

	for ((tries = 0; tries < 100; tries++)); do
		[ -z "$(ref -6 -o addr show tentative -dadfailed)" ] && return 0
		sleep 0.1
	done
	echo "duplicate address detection never ended" >&2
	return 1
}

veth_pair() {
	ref link add v0 type veth peer name v1
}

# IPv4 addresses on v0/v1: a labelled primary with a broadcast, a
# secondary in its subnet, a peer address, a link-scope one.
ipv4_addrs() {
	ref addr add 10.0.0.1/24 brd + dev v0 label v0:one
	ref addr add 10.0.0.2/24 dev v0
	ref addr add 10.0.0.3 peer 10.1.0.1/24 dev v0
	ref addr add 192.168.5.1/16 dev v1 scope link
}

# IPv6 addresses on v0/v1 with each flag a user can set, lifetimes, a
# peer, a site-scope one.
ipv6_addrs() {
	ref addr add 2001:db8::1/64 dev v0 nodad valid_lft 100 preferred_lft 50
	ref addr add 2001:db8::2/64 dev v0 nodad home mngtmpaddr noprefixroute
	ref addr add 2001:db8::3/64 dev v0 nodad preferred_lft 0
	ref addr add 2001:db8:1::1 peer 2001:db8:1::2/128 dev v0 nodad
	ref addr add fd00::1/8 dev v1 nodad scope site
}

@test "empty namespace: ip addr and its spellings" {
	diff_ip addr
	diff_ip address
	diff_ip a
	diff_ip addr show
	diff_ip addr list
	diff_ip addr lst
	diff_ip addr ls
	diff_ip addr sh
	diff_ip addr s
	diff_ip addr l
	diff_ip -j addr
	diff_ip -j -p addr
}

@test "loopback up" {
	ref link set lo up
	diff_ip addr
	diff_ip addr show dev lo
	diff_ip -j addr show lo
	diff_ip -j -p addr
	diff_ip -o addr
	diff_ip -br addr
}

@test "IPv4: broadcast, label, secondary and peer" {
	veth_pair
	ipv4_addrs
	diff_ip addr
	diff_ip addr show dev v0
	diff_ip -j addr
	diff_ip -j -p addr show v0
	diff_ip -o addr
	diff_ip -br addr
	diff_ip -j -br addr
}

@test "IPv4: metric, scopes by name and number, autojoin" {
	ref link add v0 type veth peer name v1
	ref addr add 10.0.0.1/24 dev v0 metric 5
	ref addr add 10.0.2.1/24 brd 10.0.2.77 dev v0 scope 77
	ref addr add 10.0.3.1/24 dev v0 scope host
	ref addr add 10.0.4.1/24 dev v0 scope nowhere
	ref addr add 10.0.5.1/24 dev v0 scope site label v0:site
	ref addr add 224.0.0.5/32 dev v0 autojoin
	diff_ip addr
	diff_ip -j -p addr
	diff_ip -br addr
	diff_ip -j -br addr
	diff_ip -o addr
}

@test "IPv4 lifetimes: dynamic and deprecated" {
	ref link add v0 type veth peer name v1
	ref addr add 10.0.0.1/24 dev v0 valid_lft 100 preferred_lft 100
	ref addr add 10.0.0.2/24 dev v0 valid_lft 200 preferred_lft 0 noprefixroute
	diff_ip addr show dev v0
	diff_ip -j addr show dev v0
	diff_ip -o addr
}

@test "IPv6: lifetimes, flags and peer" {
	veth_pair
	ipv6_addrs
	diff_ip addr
	diff_ip -6 addr
	diff_ip -j addr
	diff_ip -j -p -6 addr show dev v0
	diff_ip -o -6 addr
	diff_ip -br addr
	diff_ip -j -br -6 addr
}

@test "IPv6: temporary addresses of a mngtmpaddr template" {
	ref link add v0 type veth peer name v1
	ns sysctl -qw net.ipv6.conf.v0.use_tempaddr=2
	ref link set v0 up
	ref link set v1 up
	ref addr add 2001:db8:1::1/64 dev v0 mngtmpaddr nodad valid_lft 1000 preferred_lft 500
	wait_dad
	diff_ip addr show dev v0
	diff_ip -j addr show dev v0
	diff_ip -o addr show temporary
	diff_ip -o addr show secondary
	diff_ip -o addr show -temporary
	diff_ip -o addr show primary
	diff_ip -o addr show -primary
}

@test "IPv6: optimistic and tentative during duplicate address detection" {
	ref link add v0 type veth peer name v1
	ns sysctl -qw net.ipv6.conf.v0.optimistic_dad=1
	ns sysctl -qw net.ipv6.conf.v0.dad_transmits=50
	ns sysctl -qw net.ipv6.conf.v1.dad_transmits=50
	ref link set v0 up
	ref link set v1 up
	ref addr add 2001:db8::2/64 dev v0 optimistic home
	ref addr add 2001:db8::3/64 dev v0
	diff_ip addr show dev v0
	diff_ip -j addr
	diff_ip -o addr show tentative
	diff_ip -o addr show -tentative
	diff_ip -o addr show optimistic
	diff_ip -o addr show -optimistic
}

@test "IPv6: dadfailed, stable-privacy and link-local addresses" {
	ref link add v0 type veth peer name v1
	ns sysctl -qw net.ipv6.conf.v0.stable_secret=::1234
	ref link set v0 addrgenmode stable_secret
	ref addr add 2001:db8::7/64 dev v1 home
	ref addr add 2001:db8::7/64 dev v0
	ref link set v0 up
	ref link set v1 up
	wait_dad
	diff_ip addr
	diff_ip -j -p addr
	diff_ip -o addr show dadfailed
	diff_ip -o addr show -dadfailed
	diff_ip -o addr show stable-privacy
	diff_ip -o addr show -stable-privacy
	diff_ip -br addr show up
}

@test "deprecated addresses" {
	veth_pair
	ipv6_addrs
	ref addr add 10.0.0.9/24 dev v1 valid_lft 300 preferred_lft 0
	diff_ip addr show deprecated
	diff_ip addr show -deprecated
	diff_ip -o addr show deprecated
	diff_ip -j addr show -deprecated
}

@test "flag selectors and their inverses" {
	veth_pair
	ipv4_addrs
	ipv6_addrs
	ref addr add 224.0.0.7/32 dev v1 autojoin
	ref addr add 10.9.0.1/24 dev v1 valid_lft 100 preferred_lft 100
	local word
	for word in permanent dynamic secondary temporary primary tentative deprecated \
		dadfailed home nodad mngtmpaddr noprefixroute autojoin optimistic \
		stable-privacy; do
		diff_ip -o addr show "$word"
		diff_ip -o addr show "-$word"
	done
	diff_ip addr show permanent nodad
	diff_ip addr show primary -home
}

# The reference opens a JSON object before it checks the selectors: what
# they leave out stays as {} (links under -o excepted).
@test "JSON: empty objects for what the selectors leave out" {
	veth_pair
	ipv4_addrs
	ipv6_addrs
	ref link set lo up
	ref link set v1 up
	diff_ip -j addr show up
	diff_ip -j -br addr show up
	diff_ip -j -o addr show up
	diff_ip -j -o -4 addr show up
	diff_ip -j addr show dev v0 up
	diff_ip -j -o addr show dev v0 up
	diff_ip -j addr show nodad
	diff_ip -j -br addr show -nodad
	diff_ip -j -o addr show secondary
	diff_ip -j addr show scope link
	diff_ip -j addr show to 10.0.0.2
	diff_ip -j -br addr show label v0
	diff_ip -j addr show label v0 up
	diff_ip -j -4 addr show group 5
	diff_ip -j -o addr show group 5
	diff_ip -j -o addr show type bridge_slave
	diff_ip -j -4 addr show type veth
	diff_ip -o addr show up
	diff_ip -o addr show group 5
	diff_ip -br addr show label v0 up
}

# Requests are compared where both programs make the same ones: the
# address dump (the link requests differ in their ACK flag).
@test "requests: the address dump" {
	wire_ip --setup veth_pair --type RTM_GETADDR addr
	wire_ip --setup veth_pair --type RTM_GETADDR -4 addr
	wire_ip --setup veth_pair --type RTM_GETADDR -6 addr show dev v0
	wire_ip --setup veth_pair --type RTM_GETADDR addr show to 10.0.0.0/8
	wire_ip --setup veth_pair --type RTM_GETADDR addr show dev v1 to 2001:db8::/32
}

@test "dev selector: keyword, bare name, up, altname" {
	veth_pair
	ipv4_addrs
	ref link property add dev v0 altname v0-alternative
	ref link set v1 up
	diff_ip addr show dev v0
	diff_ip addr show v0
	diff_ip addr show v1
	diff_ip addr show dev v0-alternative
	diff_ip addr show up
	diff_ip addr show dev v0 up
	diff_ip -j addr show up
	diff_ip -br addr show dev v1 up
}

@test "scope selector: names, numbers and all" {
	veth_pair
	ipv4_addrs
	ipv6_addrs
	ref link set lo up
	local scope
	for scope in global host link site nowhere 0 200 253 254 255 0xfd all; do
		diff_ip addr show scope "$scope"
	done
	diff_ip -j addr show scope link
	diff_ip -br addr show scope host
}

@test "to selector: prefixes, exact addresses, netmasks, default" {
	veth_pair
	ipv4_addrs
	ipv6_addrs
	local prefix
	for prefix in 10.0.0.0/8 10.0.0.2 10.0.0.5/24 10.0.1.0/24 10.1.0.1 \
		10.0.0.1/255.255.255.0 10.0.0.0/010 0/0 2001:db8::/32 ::/0 default any all \
		10.0.0.3/32; do
		diff_ip addr show to "$prefix"
	done
	diff_ip -4 addr show to default
	diff_ip -6 addr show to default
	diff_ip -j addr show to 10.0.0.0/24
	diff_ip -br addr show to 2001:db8::/48
	diff_ip addr show dev v0 to 10.0.0.0/8
}

@test "label selector: patterns, and the link part it leaves out" {
	veth_pair
	ipv4_addrs
	ipv6_addrs
	local pattern
	for pattern in 'v0' 'v0*' 'v0:one' '*' 'v1' 'nomatch' 'v?' '[v]0:*'; do
		diff_ip addr show label "$pattern"
		diff_ip -o addr show label "$pattern"
		diff_ip -br addr show label "$pattern"
		diff_ip -j addr show label "$pattern"
	done
	diff_ip -j -br addr show label 'v0*'
	diff_ip -0 addr show label 'v0*'
	diff_ip -j -0 addr show label 'v0*'
	diff_ip -4 -br addr show label 'v0*'
	diff_ip -s addr show label v0
}

@test "link selectors: master, nomaster, type, group" {
	veth_pair
	ipv4_addrs
	ref link add br0 type bridge
	ref link set v0 master br0
	ref addr add 10.7.0.1/24 dev br0
	diff_ip addr show master br0
	diff_ip addr show nomaster
	diff_ip addr show type veth
	diff_ip addr show type bridge
	diff_ip addr show type bridge_slave
	diff_ip addr show type nosuchkind
	diff_ip -4 addr show master br0
	diff_ip -6 addr show master br0
	diff_ip -4 addr show type veth
	diff_ip -6 addr show type veth
	diff_ip addr show group default
	diff_ip addr show group 5
	diff_ip -6 addr show group default
	diff_ip -0 addr show master br0
	diff_ip -j addr show master br0
}

@test "families: -4, -6, -0, -f, -M, -B" {
	veth_pair
	ipv4_addrs
	ipv6_addrs
	ref link set lo up
	diff_ip -4 addr
	diff_ip -6 addr
	diff_ip -0 addr
	diff_ip -f inet addr
	diff_ip -f inet6 addr show dev v0
	diff_ip -f link addr
	diff_ip -0 addr show dev v0
	diff_ip -4 addr show dev v1
	diff_ip -6 addr show dev v1
	diff_ip -M addr
	diff_ip -B addr
	diff_ip -j -4 addr
	diff_ip -j -0 addr
	diff_ip -j -6 addr show dev lo
}

@test "brief and oneline, alone and together" {
	veth_pair
	ipv4_addrs
	ipv6_addrs
	diff_ip -br addr
	diff_ip -br -4 addr
	diff_ip -br -6 addr
	diff_ip -br -0 addr
	diff_ip -o addr
	diff_ip -o -0 addr
	diff_ip -o -4 addr show dev v0
	diff_ip -br -o addr
	diff_ip -o -br addr
	diff_ip -j -o addr
	diff_ip -j -p -o addr
	diff_ip -j -br addr
	diff_ip -j -p -br -0 addr
}

@test "statistics, details and timestamps" {
	veth_pair
	ipv4_addrs
	ref link set lo up
	diff_ip -s addr
	diff_ip -s -s addr show dev v0
	diff_ip -s -4 addr
	diff_ip -s -o addr
	diff_ip -br -s addr
	diff_ip -d addr
	diff_ip -d -4 addr
	diff_ip -d -6 addr
	diff_ip -s -6 addr
	diff_ip -d -j addr show dev v0
	diff_ip -s -j addr show dev lo
	diff_ip -t addr
}

@test "colours" {
	veth_pair
	ipv4_addrs
	ipv6_addrs
	diff_ip -c=always addr
	diff_ip -c=always -o addr
	diff_ip -c=always -br addr
	diff_ip -color=never addr
}

@test "-r resolves addresses to names" {
	veth_pair
	ipv4_addrs
	ref link set lo up
	ref addr add 127.0.0.2/8 dev lo
	diff_ip -r addr show dev lo
	diff_ip -r -j addr show dev lo
	diff_ip -r -br addr
	diff_ip -r -o addr show dev v0
}

@test "many links and many addresses" {
	local i batch="$BATS_TEST_TMPDIR/batch"

	{
		for ((i = 0; i < 100; i++)); do
			echo "link add a$i type veth peer name b$i"
			echo "addr add 10.$((i / 100)).$((i % 100)).1/24 dev a$i"
		done
		for ((i = 2; i < 200; i++)); do
			echo "addr add 10.200.0.$i/16 dev a0"
			echo "addr add 2001:db8::$i/64 dev a1 nodad"
		done
	} >"$batch"
	ref -batch "$batch"
	diff_ip addr
	diff_ip -j addr
	diff_ip -o addr
	diff_ip -br addr
	diff_ip addr show dev a0
	diff_ip addr show to 10.200.0.0/16
}

@test "errors: devices" {
	veth_pair
	ipv4_addrs
	diff_ip addr show dev nope
	diff_ip addr show nope
	diff_ip -j addr show dev nope
	diff_ip addr show dev v0 dev v1
	diff_ip addr show v0 v1
	diff_ip addr show v0 dev v1
	diff_ip addr show dev
	diff_ip addr show dev if99
	diff_ip -j addr show dev if99
	diff_ip addr show dev help
	diff_ip addr show metric 5
	diff_ip addr show master nope
	diff_ip addr show master
	diff_ip addr show vrf v0
	diff_ip addr show group foo
	diff_ip addr show type
}

@test "errors: scope and prefix" {
	veth_pair
	ipv4_addrs
	diff_ip addr show scope foo
	diff_ip addr show scope 300
	diff_ip addr show scope -1
	diff_ip addr show scope ""
	diff_ip addr show scope
	diff_ip addr show dev nope scope foo
	diff_ip -j addr show scope foo
	diff_ip addr show to
	diff_ip addr show to foo
	diff_ip addr show to 10.0.0.1/33
	diff_ip addr show to 2001:db8::/129
	diff_ip addr show to 1.2.3.4/
	diff_ip addr show to 1.2.3.4/08
	diff_ip addr show to 10.0.0.1/255.0.255.0
	diff_ip -6 addr show to 10.0.0.0/8
	diff_ip -4 addr show to 2001:db8::/32
	diff_ip -0 addr show to 10.0.0.0/8
	diff_ip -M addr show to 1.2.3.4
	diff_ip -B addr show to 1.2.3.4
	diff_ip addr show label
}

@test "help and unknown commands" {
	diff_ip addr help
	diff_ip addr h
	diff_ip addr show help
	diff_ip addr show he
	diff_ip -j addr help
	diff_ip addr foo
	diff_ip addr lsx
	diff_ip addr ""
	diff_ip -j addr foo
}

# Every field the text shows is in the JSON: render the JSON of -j -o back
# into the text of -o and compare.
@test "JSON carries every field of the text" {
	veth_pair
	ipv4_addrs
	ipv6_addrs
	ref addr add 10.0.2.1/24 dev v1 metric 7 valid_lft 100 preferred_lft 0
	ref link set lo up
	run ours -j -o addr
	[ "$status" -eq 0 ]
	local rendered
	# shellcheck disable=SC2016 # jq variables
	rendered=$(jq -r '
		def lft: if . == 4294967295 then "forever" else "\(.)sec" end;
		def flags: to_entries | map(select(.value == true) | "\(.key) ") | join("");
		.[].addr_info[] |
		"\(.index): \(.dev)    \(.family) \(.local)" +
		(if .address then " peer \(.address)" else "" end) +
		"/\(.prefixlen) " +
		(if .metric then "metric \(.metric) " else "" end) +
		(if .broadcast then "brd \(.broadcast) " else "" end) +
		"scope \(.scope) " + flags + (.label // "") +
		"\\       valid_lft \(.valid_life_time | lft)" +
		" preferred_lft \(.preferred_life_time | lft)"' <<<"$output")
	run ours -o addr
	[ "$status" -eq 0 ]
	# (two runs of ours: under valgrind, seconds apart)
	if ! nlkit_same_file <(echo "$output") <(echo "$rendered"); then
		diff -u <(echo "$output") <(echo "$rendered")
		return 1
	fi
	# And the JSON of the full listing holds the same addresses.
	[ "$(ours -j addr | jq '[.[].addr_info[]] | length')" = \
		"$(ours -o addr | wc -l)" ]
}
