#!/usr/bin/env bats
# ip link show: ours against the reference on the same namespace.

load lib/common

# The output options every state is compared under.
FORMS=("" -d -s "-s -s" -br -o -j "-j -p" -c "-d -s" "-j -d -s" "-j -br" "-o -d" "-c -br")

# diff_forms [SELECTOR...]: ip OPTIONS link show SELECTOR... for each of
# FORMS.
diff_forms() {
	local form

	for form in "${FORMS[@]}"; do
		# shellcheck disable=SC2086 # a form is several options
		diff_ip $form link show "$@"
	done
}

# no_ipv6: links brought up send no router solicitations or MLD reports,
# whose counters would move between the two runs.
no_ipv6() {
	ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
}

ifindex() {
	ref -j link show dev "$1" | jq '.[0].ifindex'
}

# mktap NAME TYPE [tun]: a persistent tap (tun with "tun") device whose
# hardware type (ARPHRD_*) is TYPE, which no ip command can set.
mktap() {
	# shellcheck disable=SC2016 # perl's variables
	ns perl -e '
		my ($name, $type, $tun) = @ARGV;
		open(my $fd, "+<", "/dev/net/tun") or die "/dev/net/tun: $!";
		my $flags = ($tun ? 0x0001 : 0x0002) | 0x1000;	# IFF_TUN or IFF_TAP, IFF_NO_PI
		ioctl($fd, 0x400454ca, pack("a16 s x22", $name, $flags)) or die "TUNSETIFF: $!";
		ioctl($fd, 0x400454cb, 1) or die "TUNSETPERSIST: $!";
		ioctl($fd, 0x400454cd, $type + 0) or die "TUNSETLINK: $!";
	' "$@"
}

# set_linkmode DEV MODE: IFLA_LINKMODE by number (ip only knows 0 and 1).
set_linkmode() {
	# shellcheck disable=SC2016 # perl's variables
	ns perl -e '
		my ($index, $mode) = @ARGV;
		socket(my $s, 16, 3, 0) or die "netlink: $!";	# AF_NETLINK, SOCK_RAW, ROUTE
		my $ifi = pack("C x S l L L", 0, 0, $index, 0, 0);
		my $attr = pack("S S C x3", 5, 17, $mode);	# IFLA_LINKMODE
		my $msg = pack("L S S L L", 16 + length($ifi) + length($attr), 16, 5, 1, 0);
		send($s, $msg . $ifi . $attr, 0, pack("S x2 L L", 16, 0, 0)) or die "send: $!";
		recv($s, my $reply, 4096, 0);
		my $err = unpack("x16 l", $reply);
		die "RTM_NEWLINK: error $err\n" if $err;
	' "$(ifindex "$1")" "$2"
}

# udp_to_lo COUNT SIZE: COUNT datagrams of SIZE bytes to a closed port of
# 127.0.0.1 (each answered by an ICMP error), to move lo's counters.
udp_to_lo() {
	# shellcheck disable=SC2016 # perl's variables
	ns perl -MSocket -e '
		my ($count, $size) = @ARGV;
		socket(my $s, AF_INET, SOCK_DGRAM, 0) or die "socket: $!";
		my $to = sockaddr_in(9, inet_aton("127.0.0.1"));
		send($s, "x" x $size, 0, $to) or die "send: $!" for 1 .. $count;
	' "$@"
}

# frames_from DEV COUNT: COUNT Ethernet frames of a protocol nobody
# handles, sent out of DEV (the peer counts them as dropped).
frames_from() {
	# shellcheck disable=SC2016 # perl's variables
	ns perl -e '
		my ($index, $count) = @ARGV;
		socket(my $s, 17, 3, 0) or die "packet: $!";	# AF_PACKET, SOCK_RAW
		my $to = pack("S n l S C C a8", 17, 0x88b5, $index, 0, 0, 6, "\xff" x 6);
		my $frame = ("\xff" x 6) . ("\x02" x 6) . "\x88\xb5" . ("x" x 50);
		send($s, $frame, 0, $to) or die "send: $!" for 1 .. $count;
	' "$(ifindex "$1")" "$2"
}

@test "lo alone, down: every form and spelling" {
	diff_forms
	diff_ip link
	diff_ip link list
	diff_ip link lst
	diff_ip link sh
	diff_ip l
	diff_ip -j link
	diff_ip link show lo
	diff_ip link show dev lo
	diff_ip -4 link show
	diff_ip -6 link show
	diff_ip -0 link show
	diff_ip -d -4 link show
	diff_ip -N link show
	diff_ip -N -j link show
}

@test "lo up" {
	ref link set lo up
	diff_forms
	diff_forms up
}

@test "veth pair down: M-DOWN on both sides" {
	ref link add v0 type veth peer name v1
	diff_forms
	diff_forms dev v0
	diff_forms v1
}

@test "veth pair, one side up: NO-CARRIER, LOWERLAYERDOWN" {
	no_ipv6
	ref link add v0 type veth peer name v1
	ref link set v0 up
	diff_forms
	diff_forms up
	diff_ip -c link show dev v0
}

@test "veth pair up" {
	no_ipv6
	ref link add v0 type veth peer name v1
	ref link set v0 up
	ref link set v1 up
	diff_forms
	diff_forms dev v1 up
}

@test "veth whose peer is in another namespace: link-netnsid, @ifN" {
	local other

	nlkit_netns_start other
	ref link add v0 type veth peer name v1 netns "$other"
	ref link add mv0 link v0 type macvlan mode private
	diff_forms
	diff_forms dev v0
	diff_forms mv0
}

# with_named_netns NAME PID DIR: write DIR/ours and DIR/ref, which run our
# ip and the reference in a mount namespace of their own where `ip netns`
# would find the network namespace of PID under NAME.
with_named_netns() {
	local name=$1 pid=$2 dir=$3 side bin

	for side in ours ref; do
		bin=$NLKIT_IP
		[ "$side" = ref ] && bin=$NLKIT_REF_IP
		cat >"$dir/$side" <<-EOF
			#!/bin/sh
			exec unshare -m --propagation private sh -c '
				mount -t tmpfs nlkit /run && mkdir /run/netns &&
				touch /run/netns/$name &&
				mount --bind /proc/$pid/ns/net /run/netns/$name &&
				exec "\$0" "\$@"' "$bin" "\$@"
		EOF
		chmod +x "$dir/$side"
	done
}

@test "veth whose peer is in a namespace ip netns named: link-netns" {
	local other dir=$BATS_TEST_TMPDIR

	nlkit_netns_start other
	ref link add v0 type veth peer name v1 netns "$other"
	with_named_netns peerns "$other" "$dir"
	diff_cmd "$dir/ours" "$dir/ref" link show
	[[ $output == *"link-netns peerns"* ]]
	diff_cmd "$dir/ours" "$dir/ref" -j link show
	diff_cmd "$dir/ours" "$dir/ref" -d link show dev v0
	diff_cmd "$dir/ours" "$dir/ref" -br link show
}

@test "macvlan and macvtap in each mode" {
	ref link add v0 type veth peer name v1
	ref link add mv0 link v0 type macvlan mode bridge
	ref link add mv1 link v0 type macvlan mode private
	ref link add mv2 link v0 type macvlan mode vepa
	ref link add mvt0 link v1 type macvtap mode bridge
	ref link add mvt1 link v1 type macvtap
	diff_forms
	diff_forms type macvlan
	diff_forms type macvtap
}

@test "bridge with two veth ports: master, bridge_slave details" {
	ref link add br0 type bridge
	ref link add v0 type veth peer name v1
	ref link add w0 type veth peer name w1
	ref link set v0 master br0
	ref link set w0 master br0
	diff_forms
	diff_forms master br0
	diff_forms type bridge_slave
	diff_forms type bridge
	diff_forms nomaster
	diff_forms dev v0
}

@test "vxlan" {
	require_link_kind vxlan
	ref link add vx0 type vxlan id 42 dstport 4789
	ref link add vx1 type vxlan id 7 dstport 8472 local 192.0.2.1 remote 192.0.2.2 ttl 9 tos 0x10
	diff_forms
	diff_forms type vxlan
}

@test "protodown and its reasons" {
	require_link_kind vxlan
	ref link add vx0 type vxlan id 42 dstport 4789
	ref link add vx1 type vxlan id 43 dstport 4789
	ref link set vx0 protodown_reason 0 on
	ref link set vx0 protodown_reason 3 on
	ref link set vx0 protodown on
	# Reasons with protodown off: the reference runs them into the address.
	ref link set vx1 protodown_reason 5 on
	diff_forms
}

@test "tap and tun" {
	ref tuntap add tap0 mode tap
	ref tuntap add tun0 mode tun
	ref tuntap add tap1 mode tap multi_queue
	diff_forms
	diff_forms type tun
	diff_forms dev tun0
}

@test "ifb" {
	ref link add ifb0 type ifb
	ref link add ifb1 type ifb
	ref link set ifb1 mtu 9000
	diff_forms
}

@test "hardware types: names, unnamed numbers, point-to-point peers" {
	local type

	# Not netrom (0) nor rose (270): their addresses are written as
	# AX.25 callsigns, which nlkit's address printing does not do yet.
	for type in 2 3 5 8 15 19 24 27 32 256 260 280 512 513 519 768 769 772 774 \
		776 777 778 787 799 800 801 804 805 820 823 824 825 826 9999 65534 65535; do
		mktap "t$type" "$type"
	done
	mktap p1 1 tun
	mktap p778 778 tun
	mktap p776 776 tun
	mktap p823 823 tun
	diff_ip link show
	diff_ip -d link show
	diff_ip -br link show
	diff_ip -o link show
	diff_ip -j link show
	diff_ip -j -br link show
	diff_forms p1
	diff_forms p778
	diff_forms p776
	diff_forms p823
}

@test "alternative names; looking a link up by one" {
	ref link add v0 type veth peer name v1
	ref link property add dev v0 altname short0
	ref link property add dev v0 altname a_much_longer_alternative_name_for_v0
	ref link property add dev v1 altname other1
	diff_forms
	diff_forms short0
	diff_forms dev a_much_longer_alternative_name_for_v0
	diff_forms other1
}

@test "aliases with characters JSON escapes" {
	ref link add v0 type veth peer name v1
	ref link set v0 alias "$(printf 'q"uote\\back\tslash/é')"
	ref link set v1 alias "$(printf 'two\nlines')"
	diff_forms
	diff_forms dev v0
}

@test "groups by number and by name" {
	ref link add v0 type veth peer name v1
	ref link add w0 type veth peer name w1
	ref link set v1 group 7
	ref link set w0 group 2147483647
	diff_forms
	diff_forms group 7
	diff_forms group default
	diff_forms group 0x7
	diff_forms group 2147483647
	diff_forms group 5
	diff_ip -N link show
	diff_ip -N -j link show
	diff_forms dev v1 group 7
	diff_forms dev v1 group 0
}

@test "mtu, queue length 0, flags" {
	no_ipv6
	ref link add v0 type veth peer name v1
	ref link set v0 mtu 9000 txqueuelen 0
	ref link set v0 promisc on allmulticast on dynamic on trailers off
	ref link set v1 multicast off arp off mtu 68
	ref link set v1 up
	diff_forms
}

@test "link modes: dormant, and one the reference cannot name" {
	no_ipv6
	ref link add v0 type veth peer name v1
	ref link add w0 type veth peer name w1
	ref link set v0 mode dormant
	set_linkmode w0 2
	ref link set v0 up
	ref link set v1 up
	ref link set w0 up
	ref link set w1 up
	diff_forms
}

@test "addrgenmode, promiscuity and allmulti counts under -d" {
	ref link add v0 type veth peer name v1
	ref link add w0 type veth peer name w1
	ref link add x0 type veth peer name x1
	ref link set v0 addrgenmode none
	ref link set v1 addrgenmode random
	ref link set x0 promisc on allmulticast on
	diff_ip -d link show
	diff_ip -j -d link show
	diff_ip -d -o link show
}

@test "counters: -s, -s -s, -h, -h -iec, dropped frames" {
	no_ipv6
	ref link set lo up
	ref link add v0 type veth peer name v1
	ref link set v0 up
	ref link set v1 up
	udp_to_lo 1500 1000
	frames_from v1 3
	diff_forms
	diff_ip -h -s link show
	diff_ip -h -s -s link show
	diff_ip -h -iec -s -s link show
	# -iec alone only chooses the base: without -h nothing is scaled.
	diff_ip -iec -s link show
	diff_ip -iec -h -s link show
	diff_ip -j -h -s link show
	diff_ip -o -s -s link show
}

@test "counters wider than their column" {
	ref link set lo up
	# Over 10^10 bytes: 11 digits, one more than the bytes column holds.
	udp_to_lo 155000 65000
	diff_ip -s link show
	diff_ip -s -s link show
	diff_ip -s -s -o link show
	diff_ip -h -s -s link show
	diff_ip -j -s -s link show
}

@test "many links: names and peers resolved from one dump" {
	local i

	for ((i = 0; i < 100; i++)); do
		echo "link add a$i type veth peer name b$i"
	done >"$BATS_TEST_TMPDIR/batch"
	ref -batch "$BATS_TEST_TMPDIR/batch"
	ref link set a7 up
	diff_ip link show
	diff_ip -j link show
	diff_ip -br link show
	diff_ip link show dev b99
}

@test "selectors: up, type, KIND_slave, master, nomaster, dev with others" {
	ref link add br0 type bridge
	ref link add v0 type veth peer name v1
	ref link set v0 master br0
	ref link set lo up
	ref tuntap add tap0 mode tap
	diff_forms up
	diff_forms type veth
	diff_forms type veth_slave
	diff_forms type bridge_slave
	diff_forms type _slave
	diff_forms type nope
	diff_forms type veth type bridge
	diff_forms master br0 nomaster
	diff_forms nomaster master br0
	diff_forms dev v0 master br0
	diff_forms dev v0 master v1
	diff_forms dev v0 nomaster
	diff_forms dev v1 type veth
	diff_forms dev v1 type bridge
	diff_forms up dev lo
}

@test "empty listings" {
	ref link add v0 type veth peer name v1
	ref link add br0 type bridge
	diff_forms master br0
	diff_forms master lo
	diff_forms type vxlan
	diff_forms up
}

@test "in a batch: each command on its own, a failure does not end it under -force" {
	local file=$BATS_TEST_TMPDIR/batch

	ref link add v0 type veth peer name v1
	printf '%s\n' "link show dev v0" "link show nope" "link show up" "link show" \
		"link show master v1" "link show dev v1" >"$file"
	diff_ip -force -batch "$file"
	diff_ip -j -force -batch "$file"
	diff_ip -d -s -force -batch "$file"
	diff_ip -batch "$file"
}

@test "address selectors that ip link show takes too" {
	ref link add v0 type veth peer name v1
	diff_forms scope global
	diff_forms scope all
	diff_forms scope 5
	diff_forms permanent
	diff_forms -tentative dynamic primary
	diff_forms secondary temporary nodad home deprecated dadfailed
	diff_forms mngtmpaddr noprefixroute autojoin stable-privacy optimistic
	diff_forms label v0
	diff_forms dev v0 label x
	diff_ip link show to 10.0.0.1
	diff_ip -j link show to default
	diff_ip link show scope nope
	diff_ip link show scope 300
}

@test "errors: devices that do not exist" {
	ref link add v0 type veth peer name v1
	diff_ip link show nope
	diff_ip link show dev nope
	diff_ip -j link show nope
	diff_ip -j -p link show dev nope
	diff_ip -s -d link show nope
	diff_ip link show 1
	diff_ip link show ""
	diff_ip link show dev a_name_longer_than_any_device_name_could_be
	diff_ip link show "$(printf 'x%.0s' {1..200})"
	diff_ip link show master nope
	diff_ip link show master 1
	diff_ip link show dev nope group 5
	diff_ip link show nope master nope2
	diff_ip link show master nope dev nope2
	diff_ip link show vrf v0
	diff_ip link show vrf nope
	diff_ip -j link show vrf v0
}

@test "errors: bad and missing arguments, help" {
	diff_ip link show group nope
	diff_ip link show group -1
	diff_ip link show group 2147483648
	diff_ip link show group 5 group bad
	diff_ip -j link show group nope
	diff_ip link show group
	diff_ip link show master
	diff_ip link show vrf
	diff_ip link show type
	diff_ip link show dev
	diff_ip link show label
	diff_ip link show scope
	diff_ip link show to
	diff_ip link show up dev
	diff_ip link show dev lo dev lo
	diff_ip link show lo lo
	diff_ip link show foo bar
	diff_ip link show index 1
	diff_ip link show ma lo
	diff_ip link foo
	diff_ip -j link foo
	diff_ip link help
	diff_ip link he
	diff_ip link show help
	diff_ip link show h
	diff_ip link show up help
	diff_ip link show dev lo help
	diff_ip link show dev help
	diff_ip link help nope
	diff_ip -j link help
}

@test "help of the kinds" {
	local kind

	for kind in veth bridge bridge_slave vxlan macvlan macvtap ifb tun veth_slave _slave; do
		diff_ip link help "$kind"
	done
	diff_ip link help veth extra words
}

@test "colours for each operational state" {
	no_ipv6
	ref link set lo up
	ref link add v0 type veth peer name v1
	ref link add w0 type veth peer name w1
	ref link set v0 up
	ref link set v1 up
	ref link set w0 up
	ref link set w1 mode dormant
	ref link set w1 up
	diff_ip -c link show
	diff_ip -c -br link show
	diff_ip -c -d link show
	diff_ip -c -o link show
	diff_ip -color=always link show
	diff_ip -color=never link show
}

@test "no memory errors or leaks under valgrind" {
	local memcheck

	command -v valgrind >/dev/null || skip "valgrind is not installed"
	if ldd "$NLKIT_IP" | grep -q libasan; then
		skip "valgrind cannot run a sanitized build"
	fi
	ref link set lo up
	ref link add br0 type bridge
	ref link add v0 type veth peer name v1
	ref link set v0 master br0
	ref link add mv0 link v1 type macvlan mode bridge
	ref tuntap add tap0 mode tap
	ref link add ifb0 type ifb
	ref link property add dev v1 altname a_long_alternative_name_here
	ref link set v1 alias 'an "alias"'
	if have_link_kind vxlan; then
		ref link add vx0 type vxlan id 42 dstport 4789
	fi
	# memcheck's errors exit with a status of their own: ip's own failure
	# (status 1, as below) must not hide them.
	memcheck=(valgrind --error-exitcode=97 -q --leak-check=full)
	ns "${memcheck[@]}" "$NLKIT_IP" -j -d -s link show >/dev/null
	ns "${memcheck[@]}" "$NLKIT_IP" -d -s -s link show >/dev/null
	ns "${memcheck[@]}" "$NLKIT_IP" -br link show >/dev/null
	ns "${memcheck[@]}" "$NLKIT_IP" -d link show dev a_long_alternative_name_here >/dev/null
	ns "${memcheck[@]}" "$NLKIT_IP" link show type veth >/dev/null
	run ns "${memcheck[@]}" "$NLKIT_IP" link show nope
	[ "$status" -eq 1 ]
}
