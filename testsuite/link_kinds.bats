#!/usr/bin/env bats
# `ip -d link show` of each link kind nlkit knows: the kind's own details
# (IFLA_INFO_DATA) and a bridge port's (IFLA_INFO_SLAVE_DATA), in text,
# JSON and pretty JSON, against the reference.
#
# Every device stays down: a bridge that is up runs timers that would move
# between our run and the reference's.

load lib/common

# A bridge b0 with two veth ports, v0 and v2 (peers v1 and v3).
make_bridge_with_ports() {
	ref link add b0 type bridge "$@"
	ref link add v0 type veth peer name v1
	ref link add v2 type veth peer name v3
	ref link set v0 master b0
	ref link set v2 master b0
}

@test "bridge: defaults" {
	ref link add b0 type bridge
	diff_link_details b0
}

@test "bridge: STP, priority, group forwarding and address" {
	ref link add b0 type bridge stp_state 1 priority 100 forward_delay 1000 \
		hello_time 300 max_age 3000 group_fwd_mask 0x4000 \
		group_address 01:80:c2:00:00:0e vlan_protocol 802.1ad
	diff_link_details b0
}

@test "bridge: multicast and netfilter options" {
	ref link add b0 type bridge mcast_snooping 0 mcast_router 2 mcast_querier 1 \
		mcast_query_use_ifaddr 1 mcast_hash_elasticity 8 mcast_hash_max 1024 \
		mcast_last_member_count 3 mcast_startup_query_count 4 \
		mcast_last_member_interval 200 mcast_membership_interval 30000 \
		mcast_querier_interval 30000 mcast_query_interval 15000 \
		mcast_query_response_interval 500 mcast_startup_query_interval 4000 \
		mcast_stats_enabled 1 mcast_igmp_version 3 mcast_mld_version 2 \
		nf_call_iptables 1 nf_call_ip6tables 1 nf_call_arptables 1 \
		no_linklocal_learn 1
	diff_link_details b0
}

@test "bridge: its ports with the defaults" {
	make_bridge_with_ports
	diff_link_details b0 v0 v2 v1
}

@test "bridge port: every on/off option turned over" {
	make_bridge_with_ports
	ref link set v0 type bridge_slave priority 7 cost 1234 hairpin on guard on \
		root_block on fastleave on learning off flood off proxy_arp on \
		proxy_arp_wifi on mcast_router 2 mcast_flood off bcast_flood off \
		mcast_to_unicast on neigh_suppress on vlan_tunnel on isolated on locked on
	diff_link_details v0
}

@test "bridge port: group forwarding mask names and backup port" {
	make_bridge_with_ports
	ref link set v0 type bridge_slave group_fwd_mask 0x4005 backup_port v2
	ref link set v2 type bridge_slave group_fwd_mask 0xfff8 mcast_router 0
	diff_link_details v0 v2
}

@test "bridge port: a tap and an ifb as ports" {
	require_link_kind ifb
	ref link add b0 type bridge
	ref tuntap add t0 mode tap
	ref link add i0 type ifb
	ref link set t0 master b0
	ref link set i0 master b0
	diff_link_details t0 i0
}

@test "bridge: all links, ports listed by master, one line each" {
	make_bridge_with_ports stp_state 1
	diff_ip -d link show
	diff_ip -d -j link show
	diff_ip -d link show master b0
	diff_ip -d -j -p link show master b0
	diff_ip -o -d link show
	diff_ip -d -d link show
}

@test "veth and ifb: nothing past the kind's name" {
	require_link_kind ifb
	ref link add v0 type veth peer name v1
	ref link add i0 type ifb
	diff_link_details v0 v1 i0
}

@test "vxlan: IPv4 remote and local" {
	require_link_kind vxlan
	ref link add vx0 type vxlan id 42 remote 10.0.0.2 local 10.0.0.1 dstport 4789
	diff_link_details vx0
}

@test "vxlan: IPv4 group on a device, source ports, inherited TOS, DF set" {
	require_link_kind vxlan
	ref link add d0 type bridge
	ref link add vx0 type vxlan id 43 group 239.1.1.1 dev d0 dstport 0 \
		srcport 1000 2000 ttl auto tos inherit df set nolearning ageing 100
	diff_link_details vx0
}

@test "vxlan: IPv6 endpoints, TTL, TOS, DF inherit, GBP and checksums" {
	require_link_kind vxlan
	ref link add vx0 type vxlan id 44 remote 2001:db8::2 local 2001:db8::1 ttl 64 \
		tos 0x10 df inherit gbp noudpcsum udp6zerocsumtx udp6zerocsumrx dstport 4789
	diff_link_details vx0
}

@test "vxlan: IPv6 group, proxy, misses, address limit, flow label" {
	require_link_kind vxlan
	ref link add d0 type bridge
	ref link add vx0 type vxlan id 45 group ff05::100 dev d0 dstport 8472 proxy rsc \
		l2miss l3miss maxaddress 100 flowlabel 0x12345
	diff_link_details vx0
}

@test "vxlan: external, with VNI filtering and with GPE" {
	require_link_kind vxlan
	ref link add vx0 type vxlan dstport 4789 external vnifilter
	ref link add vx1 type vxlan dstport 4789 external gpe
	ref link add vx2 type vxlan dstport 4789 external
	diff_link_details vx0 vx1 vx2
}

@test "vxlan: inherited TTL, remote checksum offload, largest VNI" {
	require_link_kind vxlan
	ref link add vx0 type vxlan id 48 dstport 4789 remote 10.1.1.1 ttl inherit df unset
	ref link add vx1 type vxlan id 16777215 dstport 4789 remote 10.1.1.1 noudpcsum \
		remcsumtx remcsumrx
	ref link add d0 type bridge
	ref link add vx2 type vxlan id 6 dstport 65535 group 239.0.0.1 dev d0 ttl 255 \
		tos 0xfc local 10.9.9.9
	diff_link_details vx0 vx1 vx2
}

@test "vxlan: -r names the endpoints" {
	require_link_kind vxlan
	ref link add vx0 type vxlan id 1 dstport 4789 remote 127.0.0.1 local 127.0.0.1
	ref link add vx1 type vxlan id 2 dstport 4789 remote ::1
	diff_ip -r -d link show dev vx0
	diff_ip -r -d -j link show dev vx0
	diff_ip -r -d link show dev vx1
}

@test "vxlan: a lower device left in another namespace" {
	require_link_kind vxlan
	local other

	ref link add d0 type bridge
	ref link add vx0 type vxlan id 1 dstport 4789 dev d0
	nlkit_netns_start other
	ref link set vx0 netns "$other"
	NLKIT_NS_PID=$other
	diff_link_details vx0
}

@test "macvlan: each mode" {
	local mode

	ref link add v0 type veth peer name v1
	for mode in private vepa bridge source; do
		ref link add "mv$mode" link v0 type macvlan mode "$mode"
	done
	ref link add mvpassthru link v1 type macvlan mode passthru
	diff_link_details mvprivate mvvepa mvbridge mvsource mvpassthru
}

@test "macvlan: mode flags and broadcast queue length" {
	ref link add v0 type veth peer name v1
	ref link add v2 type veth peer name v3
	ref link add mv0 link v0 type macvlan mode passthru flag nopromisc
	ref link add mv1 link v2 type macvlan mode bridge flag nodst bcqueuelen 5000
	ref link add mv2 link v2 type macvlan mode private bcqueuelen 0
	diff_link_details mv0 mv1 mv2
}

@test "macvlan: source mode with its allowed senders" {
	ref link add v0 type veth peer name v1
	ref link add mv0 link v0 type macvlan mode source
	ref link add mv1 link v0 type macvlan mode source macaddr add 00:11:22:33:44:55
	ref link set mv1 type macvlan macaddr set 00:11:22:33:44:55 00:11:22:33:44:66 \
		00:00:00:00:00:01
	diff_link_details mv0 mv1
}

@test "macvtap: modes" {
	ref link add v0 type veth peer name v1
	ref link add v2 type veth peer name v3
	ref link add mt0 link v0 type macvtap mode vepa
	ref link add mt1 link v0 type macvtap mode source macaddr add 00:11:22:33:44:55
	ref link add mt2 link v2 type macvtap mode passthru
	diff_link_details mt0 mt1 mt2
}

@test "tun: tun and tap, persistent" {
	ref tuntap add t0 mode tun
	ref tuntap add t1 mode tap
	diff_link_details t0 t1
}

@test "tun: packet information and virtio header" {
	ref tuntap add t0 mode tun pi vnet_hdr one_queue
	ref tuntap add t1 mode tap vnet_hdr
	diff_link_details t0 t1
}

@test "tun: multiqueue with an owner and a group" {
	ref tuntap add t0 mode tap multi_queue user 0 group 0
	diff_link_details t0
}

@test "tun: owner and group that have no name" {
	ref tuntap add t0 mode tun user 54321 group 54321
	diff_link_details t0
}

@test "all kinds together, in every form" {
	require_link_kind vxlan
	make_bridge_with_ports
	ref link add vx0 type vxlan id 7 dstport 4789 group 239.1.1.7 dev b0
	ref link add mv0 link v1 type macvlan mode vepa
	ref tuntap add t0 mode tap
	ref link set t0 master b0
	diff_ip -d link show
	diff_ip -d -j link show
	diff_ip -d -j -p link show
	diff_ip -o -d link show
	diff_ip -d link show type bridge_slave
}

@test "help of each kind, and of a bridge port" {
	local kind

	for kind in bridge bridge_slave vxlan macvlan macvtap veth ifb tun; do
		diff_ip link help "$kind"
	done
}
