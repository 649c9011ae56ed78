#!/usr/bin/env bats
# Whole topologies built with our ip alone, then used: traffic must flow as
# the routes and rules say, and the reference must see what ours made.

load lib/common

# in_peer ARG...: our ip in the second namespace.
in_peer() {
	nsenter --net="/proc/$PEER_PID/ns/net" -- "$NLKIT_IP" "$@"
}

# Two namespaces joined by a veth pair, addressed and routed both ways,
# all with our ip.
two_hosts() {
	nlkit_netns_start PEER_PID
	ours link set lo up
	in_peer link set lo up
	ours link add va type veth peer name vb netns "$PEER_PID"
	ours addr add 10.1.0.1/24 dev va
	ours addr add 2001:db8:1::1/64 dev va nodad
	in_peer addr add 10.1.0.2/24 dev vb
	in_peer addr add 2001:db8:1::2/64 dev vb nodad
	ours link set va up
	in_peer link set vb up
	# Each side reaches a network behind the other through it.
	in_peer addr add 192.0.2.1/32 dev lo
	ours route add 192.0.2.0/24 via 10.1.0.2
	ours route add 2001:db8:2::/64 via 2001:db8:1::2
	in_peer addr add 2001:db8:2::1/128 dev lo nodad
}

@test "two namespaces, a veth pair, addresses and routes by ours: ping works across" {
	two_hosts
	ns ping -c 2 -i 0.2 -W 2 10.1.0.2
	ns ping -c 2 -i 0.2 -W 2 192.0.2.1
	ns ping -6 -c 2 -i 0.2 -W 2 2001:db8:1::2
	ns ping -6 -c 2 -i 0.2 -W 2 2001:db8:2::1
	# The reference sees exactly what ours shows.
	diff_ip addr show dev va
	diff_ip route show
	diff_ip -6 route show
	diff_ip -j route get 192.0.2.1
}

@test "without the route ours added, the far network is unreachable" {
	two_hosts
	ours route del 192.0.2.0/24 via 10.1.0.2
	run ns ping -c 1 -W 1 192.0.2.1
	[ "$status" -ne 0 ]
	diff_ip route get 192.0.2.1
}

@test "policy routing by ours: rules and tables steer as route get shows" {
	# Lookups for packets coming in on a device (iif) need forwarding on.
	ns sysctl -qw net.ipv4.ip_forward=1
	ours link add v0 type veth peer name v1
	ours link add w0 type veth peer name w1
	ours addr add 10.2.0.1/24 dev v0
	ours addr add 10.3.0.1/24 dev w0
	ours link set v0 up
	ours link set w0 up
	ours link set v1 up
	ours link set w1 up
	ours route add default via 10.2.0.2 table 100
	ours route add default via 10.3.0.2 table 200
	ours rule add from 10.9.0.0/16 lookup 100 pref 1000
	ours rule add fwmark 7 lookup 200 pref 1001
	ours rule add iif v1 lookup 200 pref 1002

	run ours route get 198.51.100.1 from 10.9.1.1 iif w1
	[[ $output == *"via 10.2.0.2 dev v0"* ]]
	run ours route get 198.51.100.1 mark 7
	[[ $output == *"via 10.3.0.2 dev w0"* ]]
	run ours route get 198.51.100.1 from 10.8.1.1 iif v1
	[[ $output == *"via 10.3.0.2 dev w0"* ]]
	# Without a matching rule, main has no default: unreachable.
	run ours route get 198.51.100.1
	[ "$status" -ne 0 ]

	diff_ip rule show
	diff_ip -j rule show
	diff_ip route get 198.51.100.1 from 10.9.1.1 iif w1
	diff_ip route get 198.51.100.1 mark 7
	diff_ip -j route get 198.51.100.1 from 10.8.1.1 iif v1
	diff_ip route get 198.51.100.1
	diff_ip route show table all
}
