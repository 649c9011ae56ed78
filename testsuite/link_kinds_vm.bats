#!/usr/bin/env bats
# nlkit: vm-lane
# Round trips of the link kinds this machine's kernel may lack: made by the
# reference, then by ours, and shown by both under -d, in text and JSON.
# Each test skips where the kernel cannot make the kind (`make check-vm`
# runs them on a kernel that can).

load lib/common

# made_by_both ARG...: `link add ARG...` by the reference, shown by both;
# deleted, then made again by ours and shown by both.  The device is the
# word after "name", or the first word.
made_by_both() {
	local dev=$1 i

	for ((i = 1; i < $#; i++)); do
		if [ "${!i}" = name ]; then
			i=$((i + 1))
			dev=${!i}
			break
		fi
	done
	ref link add "$@"
	diff_link_details --no-pretty "$dev"
	ref link delete "$dev"
	ours link add "$@"
	diff_link_details --no-pretty "$dev"
}

@test "vm dummy: round trip" {
	require_link_kind dummy
	made_by_both d0 type dummy
}

@test "vm vrf: round trips" {
	require_link_kind vrf
	made_by_both vrf0 type vrf table 10
	made_by_both vrf1 type vrf table main
	# A port shows its master's table.
	require_link_kind dummy
	ref link add d0 master vrf1 type dummy
	diff_link_details --no-pretty d0
}

@test "vm vlan: round trips" {
	require_link_kind vlan
	ref link add v0 type veth peer name v1
	made_by_both link v0 name v0.10 type vlan id 10
	made_by_both link v0 name v0.11 type vlan id 11 protocol 802.1ad reorder_hdr off \
		gvrp on mvrp on loose_binding on bridge_binding on
	made_by_both link v0 name v0.12 type vlan id 4094 ingress-qos-map 1:2 3:4 \
		egress-qos-map 5:6 7:1
}

@test "vm gre, gretap, erspan: round trips" {
	require_link_kind gre remote 192.0.2.1
	ref link add v0 type veth peer name v1
	made_by_both g0 type gre remote 192.0.2.1 local 192.0.2.2 ttl 64 tos 0x10 key 5 \
		iseq ocsum fwmark 0x7
	made_by_both g1 type gre remote 192.0.2.3 nopmtudisc ignore-df dev v0 ikey 1.2.3.4
	made_by_both name g2 type gre external
	# set changes what it names and keeps the rest.
	ours link set g0 type gre ttl 9 nokey
	diff_link_details --no-pretty g0
	require_link_kind gretap remote 192.0.2.1
	made_by_both g3 type gretap remote 239.1.1.1 local 192.0.2.2 encap fou encap-dport 5555 \
		encap-csum
	# Debian's 6.1 refuses an erspan link without a key and sequence numbers.
	require_link_kind erspan remote 192.0.2.1 seq key 1
	made_by_both g4 type erspan remote 192.0.2.4 local 192.0.2.2 erspan_ver 1 erspan 9 seq \
		key 3
	made_by_both g5 type erspan remote 192.0.2.5 local 192.0.2.2 erspan_ver 2 \
		erspan_dir egress erspan_hwid 7 seq key 4
}

@test "vm ip6gre, ip6gretap, ip6erspan: round trips" {
	require_link_kind ip6gre remote 2001:db8::1
	made_by_both g0 type ip6gre remote 2001:db8::1 local 2001:db8::2 hoplimit 10 \
		tclass 0x10 flowlabel 0x123 encaplimit none key 7
	made_by_both g1 type ip6gre remote 2001:db8::3 tclass inherit flowlabel inherit \
		dscp inherit allow-localremote fwmark inherit
	require_link_kind ip6gretap remote 2001:db8::1
	made_by_both g2 type ip6gretap remote 2001:db8::4 encaplimit 7 hoplimit 0
	require_link_kind ip6erspan remote 2001:db8::1 seq key 1
	made_by_both g3 type ip6erspan remote 2001:db8::5 local 2001:db8::2 erspan_ver 1 erspan 3 \
		seq key 1
}

@test "vm ipip, sit: round trips" {
	require_link_kind ipip remote 192.0.2.1
	made_by_both t0 type ipip remote 192.0.2.1 local 192.0.2.2 ttl 32 tos inherit
	made_by_both t1 type ipip remote 192.0.2.3 mode any nopmtudisc fwmark 5
	made_by_both name t2 type ipip external
	ours link set t0 type ipip tos 0x20
	diff_link_details --no-pretty t0
	require_link_kind sit remote 192.0.2.1
	made_by_both s0 type sit remote 192.0.2.4 mode ip6ip ttl 64 6rd-prefix 2001:db8::/32 \
		6rd-relay_prefix 10.0.0.0/8
	made_by_both s1 type sit local 192.0.2.2 isatap
}

@test "vm ip6tnl: round trips" {
	require_link_kind ip6tnl remote 2001:db8::1
	made_by_both t0 type ip6tnl remote 2001:db8::1 local 2001:db8::2 mode ipip6 hoplimit 5 \
		encaplimit none tclass 0x20 flowlabel 0x12
	made_by_both t1 type ip6tnl remote 2001:db8::3 mode any tclass inherit flowlabel inherit \
		dscp inherit fwmark inherit allow-localremote
	made_by_both name t2 type ip6tnl external
	ours link set t0 type ip6tnl hoplimit 7 flowlabel inherit
	diff_link_details --no-pretty t0
}

@test "vm geneve: round trips" {
	require_link_kind geneve
	made_by_both n0 type geneve id 5 remote 192.0.2.1 ttl 5 tos 0x10 df set \
		dstport 6082 noudpcsum
	# The kernel takes a flow label only for an IPv6 remote.
	made_by_both n1 type geneve id 6 remote 2001:db8::1 ttl inherit tos inherit flowlabel 7 \
		udp6zerocsumtx udp6zerocsumrx
	# An external device wants a port no other geneve device has.
	made_by_both n2 type geneve external dstport 6090
}

@test "vm bond and its ports: round trips" {
	require_link_kind bond
	made_by_both b0 type bond mode active-backup miimon 100 updelay 200 downdelay 200 \
		primary_reselect better fail_over_mac active num_grat_arp 3 resend_igmp 2
	made_by_both b1 type bond mode 802.3ad lacp_rate fast ad_select bandwidth \
		xmit_hash_policy layer3+4 min_links 1 ad_actor_sys_prio 100 \
		ad_user_port_key 5 ad_actor_system 02:00:00:00:00:01
	made_by_both b2 type bond mode balance-rr arp_interval 100 \
		arp_ip_target 192.0.2.1,192.0.2.2 arp_validate all arp_all_targets all \
		ns_ip6_target 2001:db8::1
	ref link add v0 type veth peer name v1
	ref link set v0 master b0
	ours link set v0 type bond_slave queue_id 2 prio 7
	diff_link_details --no-pretty v0 b0
	ref link set v0 type bond_slave queue_id 3
	diff_link_details --no-pretty v0
}
