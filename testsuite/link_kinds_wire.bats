#!/usr/bin/env bats
# `ip link add ... type KIND ARGS` for kinds this machine's kernel may not
# have: the request must be the reference's, byte for byte, whether or not
# the kernel then makes the link (it answers both alike).  Bad arguments
# must be refused with the reference's words and status.

load lib/common

# The lower device of the kinds that need one.
lower_v0() {
	ref link add v0 type veth peer name v1
}

@test "dummy: requests" {
	wire_ip link add d0 type dummy
	# The reference sends an empty data nest for words it ignores.
	wire_ip link add d0 type dummy whatever words
	wire_ip link add name d1 mtu 1400 type dummy
	diff_ip link help dummy
}

@test "vrf: requests" {
	wire_ip link add vrf0 type vrf table 10
	wire_ip link add vrf0 type vrf tab main
	wire_ip link add vrf0 type vrf table 0x10 table default
	wire_ip link add vrf0 type vrf
}

@test "vrf: bad arguments" {
	diff_ip link add vrf0 type vrf table
	diff_ip link add vrf0 type vrf table -1
	diff_ip link add vrf0 type vrf table 4294967296
	diff_ip link add vrf0 type vrf foo
	diff_ip link add vrf0 type vrf table 5 foo
	diff_ip link add vrf0 type vrf help
	diff_ip link add vrf0 type vrf h
	diff_ip link help vrf
}

@test "vlan: requests" {
	wire_ip --setup lower_v0 link add link v0 name v0.10 type vlan id 10
	wire_ip --setup lower_v0 link add link v0 name v0.10 type vlan id 4095 pro 802.1q
	wire_ip --setup lower_v0 link add link v0 name v0.10 type vlan id 10 \
		protocol 802.1ad reorder_hdr off gvrp on mvrp on loose_binding on \
		bridge_binding off ingress-qos-map 1:2 3:4 egress-qos-map 5:6 7:1
	wire_ip --setup lower_v0 link add link v0 name v0.10 type vlan id 1 \
		ingress-qos-map id 2
	wire_ip --setup lower_v0 link add link v0 name v0.10 type vlan id 1 \
		egress-qos-map 0x10:010 protocol 0x88a8
	wire_ip --setup lower_v0 link add link v0 name v0.10 type vlan id 1 \
		reorder_hdr on gvrp off reorder_hdr off
}

@test "vlan: bad arguments" {
	local args

	lower_v0
	while read -r -a args; do
		diff_ip link add link v0 name v0.1 type vlan "${args[@]}"
	done <<-'EOF'
		id -1
		id 65536
		id abc
		id 1 protocol foo
		id 1 reorder_hdr foo
		id 1 gvrp
		id 1 ingress-qos-map
		id 1 ingress-qos-map foo
		id 1 ingress-qos-map 1:2 foo
		id 1 ingress-qos-map 1:x
		id 1 egress-qos-map x:1
		id 1 egress-qos-map 1
		id 1 help
		id 1 foo
	EOF
	diff_ip link help vlan
}

# A macvlan on v0: a link whose data a tunnel's `set` reads as its own.
lower_macvlan() {
	lower_v0
	ref link add link v0 name m0 type macvlan mode bridge
}

# wire_add_lines: each line of stdin, after `link add g0`, sent alike.
wire_add_lines() {
	local args

	while read -r -a args; do
		wire_ip link add g0 "${args[@]}" || return 1
	done
}

# diff_add_lines: each line of stdin, after `link add g0`, refused alike.
diff_add_lines() {
	local args

	while read -r -a args; do
		diff_ip link add g0 "${args[@]}" || return 1
	done
}

@test "gre, gretap, erspan: requests" {
	wire_add_lines <<-'EOF'
		type gre remote 1.2.3.4
		type gre
		type gretap local 1.2.3.4 remote 5.6.7.8 ttl 10 key 5
		type gre remote 1.2.3.4 ikey 1.2.3.4 okey 7 iseq ocsum ttl inherit tos inherit nopmtudisc ignore-df fwmark 0x10 encap fou encap-sport 5 encap-dport 6 encap-csum encap-udp6-csum encap-remcsum
		type gre external
		type gre remote 1.2.3.4 dev lo tos 0x10 ttl 64 noencap-csum encap-sport auto noignore-df
		type gre key 5 nokey okey 1.1.1.1 noikey seq noseq csum nocsum noicsum noocsum
		type gre ikey 10.1 okey 0x1.2.3.010
		type gre i 5 t 5 s c h 6 p
		type gretap remote 239.1.1.1 local 1.2.3.4
		type gretap remote 239.1.1.1 local 1.2.3.4 ikey 5
		type erspan remote 1.2.3.4 erspan_ver 1 erspan 5
		type erspan remote 1.2.3.4
		type erspan remote 1.2.3.4 erspan_ver 2 erspan_dir egress erspan_hwid 7
		type erspan remote 1.2.3.4 erspan_ver 0 noencap
	EOF
	# `set` keeps what the link has: here a macvlan's data, read as GRE's,
	# whose remote is then a group (and the key too, unless given).
	wire_ip --setup lower_macvlan link set m0 type gre key 5 local 1.2.3.4 ttl 3
	wire_ip --setup lower_macvlan link set m0 type gretap local 1.2.3.4
	lower_macvlan
	diff_ip link set m0 type gre key 5
}

@test "gre, gretap, erspan: bad arguments" {
	diff_add_lines <<-'EOF'
		type gre foo
		type gre help
		type gre ttl 256
		type gre tos 256
		type gre key foo
		type gre key 4294967296
		type gre ikey 1.2.3.4.5
		type gretap okey 1.2.3.4/32
		type gre dev nosuch
		type gre remote ::1
		type gre local foo
		type gre fwmark foo
		type gre encap foo
		type gre encap-sport foo
		type gre encap-dport 70000
		type gre encap-csum6
		type gre erspan 5
		type gretap remote 239.1.1.1
		type erspan erspan 0x100000
		type erspan erspan 0
		type erspan erspan x
		type erspan erspan_ver 3
		type erspan erspan_ver 256
		type erspan erspan_dir foo
		type erspan erspan_hwid x
		type gre remote
	EOF
	lower_v0
	# A link that is no tunnel has no settings to keep.
	diff_ip link set v0 type gre remote 1.2.3.4
	diff_ip link set v0 type erspan ttl 3
	diff_ip link help gre
	diff_ip link help gretap
	diff_ip link help erspan
}

@test "ip6gre, ip6gretap, ip6erspan: requests" {
	wire_add_lines <<-'EOF'
		type ip6gre remote 2001:db8::1 local 2001:db8::2
		type ip6gretap dev lo remote ::1
		type ip6gre tclass 10 flowlabel 0x12345
		type ip6gre tclass inherit flowlabel inherit dscp inherit allow-localremote fwmark inherit
		type ip6gre encaplimit 7 hoplimit 0 external
		type ip6gre noallow-localremote fwmark 7 ttl inherit
		type ip6gre tos 0x10 encaplimit none
		type ip6gre local any key 1.2.3.4 iseq ocsum
		type ip6gre nocsum encap-csum noencap-udp6-csum encap gue encap-dport 5555
		type ip6gre fl 5 tc 5 t 3 ds inherit
		type ip6gre d lo r ::1 l ::2
		type ip6erspan erspan 5 erspan_ver 1
		type ip6erspan erspan_ver 2 erspan_dir egress erspan_hwid 3
	EOF
}

@test "ip6gre, ip6gretap, ip6erspan: bad arguments" {
	diff_add_lines <<-'EOF'
		type ip6gre dscp foo
		type ip6gre remote 1.2.3.4
		type ip6gre tclass inh
		type ip6gre flowlabel 0x100000
		type ip6gre encaplimit non
		type ip6gre fwmark inh
		type ip6gre ttl 256
		type ip6gre e 5
		type ip6gretap d nosuch
		type ip6erspan erspan 0
		type ip6gre erspan -1
		type ip6erspan erspan_ver x
		type ip6gre help
		type ip6gretap foo
	EOF
	lower_v0
	diff_ip link set v0 type ip6gre hoplimit 3
	diff_ip link help ip6gre
	diff_ip link help ip6gretap
	diff_ip link help ip6erspan
}

@test "ipip, sit: requests" {
	wire_add_lines <<-'EOF'
		type ipip remote 1.2.3.4
		type sit remote 1.2.3.4
		type ipip local 1.2.3.4 dev lo ttl 64 tos inherit
		type sit mode any external
		type ipip mode ipip fwmark 7
		type sit mode ip6ip encap fou encap-sport 1 encap-csum
		type sit isatap
		type sit 6rd-prefix 2001:db8::/32 6rd-relay_prefix 10.0.0.0/8
		type ipip 6rd-prefix 2001:db8::/32
		type ipip mode mplsip pmtudisc ttl inherit nopmtudisc
		type ipip tc 0x24 ds 4 hlim 3 d lo
	EOF
}

@test "ipip, sit: bad arguments" {
	diff_add_lines <<-'EOF'
		type ipip mode mplsip ttl 5 tos 0x10 nopmtudisc
		type sit mode ipv6
		type ipip mode ip6ip
		type ipip isatap
		type sit 6rd-prefix x
		type sit 6rd-relay_prefix x
		type ipip ttl 256
		type ipip tos x
		type ipip fwmark x
		type ipip foo
		type sit help
		type ipip t 4
		type sit r 1.2.3.4
		type ipip tcl 4
	EOF
	lower_v0
	diff_ip link set v0 type ipip ttl 3
	diff_ip link set v0 type sit isatap
	diff_ip link help ipip
	diff_ip link help sit
}

@test "ip6tnl: requests" {
	wire_add_lines <<-'EOF'
		type ip6tnl remote 2001:db8::1
		type ip6tnl local 2001:db8::1 mode ipip6 encaplimit none hoplimit 5 tclass inherit flowlabel 0x12345 dscp inherit allow-localremote fwmark inherit
		type ip6tnl tclass 0x10 flowlabel inherit fwmark 5 encaplimit 7 mode any external
		type ip6tnl dev lo remote ::1 encaplimit x
		type ip6tnl mode ip6ip6 encap fou encap-sport 3 encap-dport 4 encap-remcsum
		type ip6tnl encaplimit 256 tc 4 hlim 3 fl 9
		type ip6tnl d lo ds 4
	EOF
}

@test "ip6tnl: bad arguments" {
	diff_add_lines <<-'EOF'
		type ip6tnl remote 1.2.3.4
		type ip6tnl mode x
		type ip6tnl hoplimit x
		type ip6tnl tclass x
		type ip6tnl flowlabel x
		type ip6tnl fwmark x
		type ip6tnl dscp x
		type ip6tnl t 3
		type ip6tnl r ::1
		type ip6tnl tcl 4
		type ip6tnl d nosuch
		type ip6tnl foo
		type ip6tnl help
	EOF
	lower_v0
	diff_ip link set v0 type ip6tnl hoplimit 3
	diff_ip link help ip6tnl
}

@test "geneve: requests" {
	wire_add_lines <<-'EOF'
		type geneve id 5 remote 1.2.3.4
		type geneve id 5 remote 2001:db8::1
		type geneve id 5 remote 1.2.3.4 ttl 5 tos 0x10 df set flowlabel 7 dstport 6081 udpcsum noudp6zerocsumtx udp6zerocsumrx innerprotoinherit
		type geneve id 5 remote 1.2.3.4 ttl inherit tos inherit df inherit
		type geneve id 5 remote 1.2.3.4 ttl auto df unset
		type geneve external
		type geneve external dstport 5 innerprotoinherit noudpcsum
		type geneve i 3 r 1.2.3.4 t 3 l 4
	EOF
	# A changed link keeps the defaults it has.
	wire_ip --setup lower_v0 link set v0 type geneve id 5 remote 1.2.3.4 ttl 3
	wire_ip --setup lower_v0 link set v0 type geneve external
}

@test "geneve: bad arguments" {
	diff_add_lines <<-'EOF'
		type geneve external id 5
		type geneve id 5
		type geneve remote 1.2.3.4
		type geneve id x
		type geneve id 16777216
		type geneve id 1 remote x
		type geneve id 1 remote 1.2.3.4 ttl x
		type geneve id 1 remote 1.2.3.4 ttl 256
		type geneve id 1 remote 1.2.3.4 tos x
		type geneve id 1 remote 1.2.3.4 df x
		type geneve id 1 remote 1.2.3.4 flowlabel 0x100000
		type geneve id 1 remote 1.2.3.4 dstport 70000
		type geneve id 1 remote 1.2.3.4 foo
		type geneve id 1 remote 239.1.1.1
		type geneve id 1 remote ff02::1
		type geneve help
		type geneve id 5 id 6 remote 1.2.3.4
		type geneve id 5 remote 1.2.3.4 ttl 1 ttl inherit
		type geneve id 5 remote 1.2.3.4 udpcsum noudpcsum
		type geneve noexternal id 5 remote 1.2.3.4 external
		type geneve id 5 remote 1.2.3.4 innerprotoinherit innerprotoinherit
	EOF
	diff_ip link help geneve
}

@test "bond: requests" {
	wire_ip --setup lower_v0 link add b0 type bond mode 802.3ad active_slave v0 \
		clear_active_slave miimon 100 updelay 200 downdelay 300 peer_notify_delay 400 \
		use_carrier 1 arp_interval 5 arp_validate filter_backup arp_all_targets all \
		arp_ip_target 1.2.3.4,5.6.7.8 ns_ip6_target 2001:db8::1,::2 primary v0 \
		primary_reselect failure fail_over_mac follow xmit_hash_policy vlan+srcmac \
		resend_igmp 3 num_grat_arp 4 all_slaves_active 1 min_links 2 lp_interval 9 \
		packets_per_slave 7 tlb_dynamic_lb 1 lacp_rate fast lacp_active on \
		ad_select count ad_user_port_key 11 ad_actor_sys_prio 12 \
		ad_actor_system 00:11:22:33:44:55 arp_missed_max 6
	wire_ip link add b0 type bond mode 4 arp_ip_target "" ad_actor_system f
	wire_ip link add b0 type bond mode 04 arp_validate 6 xmit_hash_policy 5 lacp_rate 1 \
		num_unsol_na 5 use_carrier 0x1
	wire_ip --setup lower_v0 link add b0 type bond mi 5 arp 5 p 5 l 5 ad stable a v0
	wire_ip link add b0 type bond arp_ip_target 1.2.3.4,,5.6.7.8,any ns_ip6_target any,::1
	wire_ip link add b0 type bond ad_actor_system \
		00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd:ee:ff:00:11
	wire_ip link set lo type bond mode active-backup
}

@test "bond: bad arguments" {
	local args

	while read -r -a args; do
		diff_ip link add b0 type bond "${args[@]}"
	done <<-'EOF'
		ad_actor_system x
		mode foo
		mode 7
		mode 0x4
		mode BALANCE-RR
		miimon x
		use_carrier 256
		arp_ip_target foo
		arp_ip_target 1.2.3.4,x
		ns_ip6_target foo
		primary nosuch
		active_slave nosuch
		num_unsol_na 300
		min_links -1
		ad_actor_sys_prio 70000
		n ::1
		foo
		help
		mo
	EOF
	diff_ip link help bond
}

@test "bond_slave: requests" {
	wire_ip --setup lower_v0 link set v0 type bond_slave queue_id 3 prio -5
	wire_ip --setup lower_v0 link set v0 type bond_slave queue_id 3 queue_id 4
	wire_ip --setup lower_v0 link set v0 type bond_slave q 5 prio 6
}

@test "bond_slave: bad arguments" {
	lower_v0
	diff_ip link set v0 type bond_slave q 5 p 6
	diff_ip link set v0 type bond_slave queue_id x
	diff_ip link set v0 type bond_slave prio x
	diff_ip link set v0 type bond_slave prio 2147483648
	diff_ip link set v0 type bond_slave foo
	diff_ip link set v0 type bond_slave help
	diff_ip link help bond_slave
}

@test "nlmon, netdevsim, vcan, virt_wifi, team: requests and usage" {
	local kind

	for kind in nlmon netdevsim vcan virt_wifi team; do
		wire_ip link add x type "$kind"
		# Words after these kinds go out as an empty data nest.
		wire_ip link add x type "$kind" any words
		wire_ip link add name x mtu 1400 type "$kind" help
		diff_ip link help "$kind"
		diff_ip -d link show type "$kind"
	done
}

@test "team_slave: requests and usage" {
	wire_ip --setup lower_v0 link set v0 type team_slave
	wire_ip --setup lower_v0 link set v0 type team_slave any words
	wire_ip link add x type team_slave foo
	diff_ip link help team_slave
}
