#!/usr/bin/env bats
# ip link add, set, change, replace, delete and property against the
# reference: the links our commands make as both show them, every option
# of `ip link set` read back, the requests on the wire, the refusals with
# the reference's words and exit statuses, and nothing left behind by a
# refused command.

load lib/common

# field DEV JQ: one field of the reference's JSON for DEV.
field() {
	ref -d -j link show dev "$1" | jq -r ".[0]$2"
}

# shows_same DEV...: each device as both show it, in every output form.
shows_same() {
	local dev

	for dev; do
		diff_ip link show dev "$dev"
		diff_ip -d link show dev "$dev"
		diff_ip -d -j link show dev "$dev"
		diff_ip -br link show dev "$dev"
	done
}

# twins_same A B: links A (made or changed by us) and B (by the reference)
# show the same, but for what names them and what the kernel draws at
# random (index, name, peer, address, bridge identifiers).
twins_same() {
	local norm='.[0] | del(.ifindex, .ifname, .link, .address, .link_index)
		| del(.linkinfo.info_data.bridge_id, .linkinfo.info_data.root_id)
		| del(.linkinfo.info_slave_data.bridge_id, .linkinfo.info_slave_data.root_id)
		| del(.linkinfo.info_data.gc_timer)
		| del(.linkinfo.info_slave_data.id, .linkinfo.info_slave_data.no)
		| del(.linkinfo.info_slave_data.designated_port)'

	diff <(ref -d -j link show dev "$2" | jq -S "$norm") \
		<(ref -d -j link show dev "$1" | jq -S "$norm")
}

# every_link: all links, in full, as a refused command must leave them.
every_link() {
	ref -d link show
}

setup_veth() {
	ref link add v0 type veth peer name v1
}

setup_port() {
	ref link add b0 type bridge
	ref link add v0 type veth peer name v1
	ref link set v0 master b0
}

# --- made by us, shown by both ---

@test "add veth: the pair, shown by both" {
	ours link add v0 type veth peer name v1
	shows_same v0 v1
	diff_ip -br link show
	diff_ip -j link show
}

@test "add veth: generic options on both ends" {
	ours link add v0 mtu 1400 txqueuelen 50 address 02:00:00:00:00:01 group 3 \
		numtxqueues 2 numrxqueues 3 alias first type veth peer name v1 mtu 1300 \
		address 02:00:00:00:00:02 txqueuelen 7
	shows_same v0 v1
	[ "$(field v0 .mtu)" = 1400 ]
	[ "$(field v1 .mtu)" = 1300 ]
	[ "$(field v0 .num_tx_queues)" = 2 ]
}

@test "add veth: the peer without a name gets the kernel's" {
	ours link add v0 type veth peer
	shows_same v0
	[ "$(ref -br link show | wc -l)" = 3 ]
}

@test "add veth: name keyword, index and up" {
	ours link add name v0 index 40 up type veth peer name v1 index 41
	shows_same v0 v1
	[ "$(field v0 .ifindex)" = 40 ]
	[ "$(field v1 .ifindex)" = 41 ]
}

@test "add veth: the peer moved into another namespace" {
	local other

	nlkit_netns_start other
	ours link add v0 type veth peer name v1 netns "$other"
	shows_same v0
	nsenter --net="/proc/$other/ns/net" "$NLKIT_REF_IP" link show dev v1
}

@test "add bridge: STP settings" {
	ours link add b0 type bridge stp_state 1 priority 100 forward_delay 1000 hello_time 300 \
		max_age 3000 ageing_time 6000
	ref link add b1 type bridge stp_state 1 priority 100 forward_delay 1000 hello_time 300 \
		max_age 3000 ageing_time 6000
	twins_same b0 b1
	[ "$(field b0 .linkinfo.info_data.priority)" = 100 ]
	diff_ip -br link show dev b0
}

@test "add bridge: multicast and netfilter settings" {
	local opts=(mcast_snooping 0 mcast_router 2 mcast_querier 1 mcast_query_use_ifaddr 1
		mcast_hash_elasticity 8 mcast_hash_max 1024 mcast_last_member_count 3
		mcast_startup_query_count 4 mcast_last_member_interval 200
		mcast_membership_interval 30000 mcast_querier_interval 30000
		mcast_query_interval 15000 mcast_query_response_interval 500
		mcast_startup_query_interval 4000 mcast_stats_enabled 1 mcast_igmp_version 3
		mcast_mld_version 2 nf_call_iptables 1 nf_call_ip6tables 1 nf_call_arptables 1)

	ours link add b0 type bridge "${opts[@]}"
	ref link add b1 type bridge "${opts[@]}"
	twins_same b0 b1
	[ "$(field b0 .linkinfo.info_data.mcast_hash_max)" = 1024 ]
}

@test "add bridge: VLANs, group address, mask and the boolean options" {
	local opts=(vlan_protocol 802.1ad vlan_default_pvid 7 vlan_stats_enabled 1
		vlan_stats_per_port 1 group_fwd_mask 0x4000 group_address 01:80:c2:00:00:0e
		no_linklocal_learn 1 fdb_flush)

	ours link add b0 type bridge "${opts[@]}"
	ref link add b1 type bridge "${opts[@]}"
	twins_same b0 b1
	[ "$(field b0 .linkinfo.info_data.group_fwd_mask)" = 0x4000 ]
	[ "$(field b0 .linkinfo.info_data.no_linklocal_learn)" = 1 ]
}

@test "set bridge: changing a bridge's settings" {
	ref link add b0 type bridge
	ref link add b1 type bridge
	ours link set b0 type bridge stp_state 1 priority 7 vlan_stats_enabled 1 mcast_snooping 0
	ref link set b1 type bridge stp_state 1 priority 7 vlan_stats_enabled 1 mcast_snooping 0
	twins_same b0 b1
	[ "$(field b0 .linkinfo.info_data.stp_state)" = 1 ]
}

@test "set bridge_slave: every switch of a port" {
	local opts=(priority 3 cost 9 guard on hairpin on fastleave on root_block on
		learning off flood off proxy_arp on mcast_router 2 mcast_flood off
		bcast_flood off mcast_to_unicast on group_fwd_mask 0x4000 neigh_suppress on
		vlan_tunnel on isolated on locked on fdb_flush)

	setup_port
	ref link add v2 type veth peer name v3
	ref link set v2 master b0
	ours link set v0 type bridge_slave "${opts[@]}"
	ref link set v2 type bridge_slave "${opts[@]}"
	twins_same v0 v2
	[ "$(field v0 .linkinfo.info_slave_data.cost)" = 9 ]
	[ "$(field v0 .linkinfo.info_slave_data.isolated)" = true ]
}

@test "set bridge_slave: state, backup port and back" {
	setup_port
	ref link add v2 type veth peer name v3
	ref link set v2 master b0
	ours link set v0 type bridge_slave backup_port v2
	[ "$(field v0 .linkinfo.info_slave_data.backup_port)" = v2 ]
	ours link set v0 type bridge_slave nobackup_port
	[ "$(field v0 .linkinfo.info_slave_data.backup_port)" = null ]
	shows_same v0
}

@test "add macvlan: each mode" {
	local mode

	setup_veth
	for mode in private vepa bridge passthru; do
		ours link add link v0 name m0 type macvlan mode "$mode"
		[ "$(field m0 .linkinfo.info_data.mode)" = "$mode" ]
		shows_same m0
		ref link del m0
	done
}

@test "add macvlan: passthru without promiscuity, and the broadcast queue" {
	setup_veth
	ours link add link v0 name m0 type macvlan mode passthru flag nopromisc
	ours link add link v1 name m1 type macvlan mode bridge bcqueuelen 77
	shows_same m0 m1
	[ "$(field m0 .linkinfo.info_data.nopromisc)" = true ]
	[ "$(field m1 .linkinfo.info_data.bcqueuelen)" = 77 ]
}

@test "add macvtap: source mode and its senders" {
	setup_veth
	ours link add link v0 name t0 type macvtap mode source macaddr add 02:00:00:00:00:01
	ours link set t0 type macvtap macaddr add 02:00:00:00:00:02
	shows_same t0
	[ "$(field t0 .linkinfo.info_data.macaddr_count)" = 2 ]
	ours link set t0 type macvtap macaddr set 02:00:00:00:00:03
	[ "$(field t0 '.linkinfo.info_data.macaddr_data | join(",")')" = 02:00:00:00:00:03 ]
	ours link set t0 type macvtap macaddr flush
	[ "$(field t0 .linkinfo.info_data.macaddr_count)" = 0 ]
}

@test "add macvlan: senders added and removed one by one" {
	setup_veth
	ours link add link v0 name m0 type macvlan mode source
	ours link set m0 type macvlan macaddr add 02:00:00:00:00:01
	ours link set m0 type macvlan macaddr add 02:00:00:00:00:02
	ours link set m0 type macvlan macaddr del 02:00:00:00:00:01
	[ "$(field m0 '.linkinfo.info_data.macaddr_data | join(",")')" = 02:00:00:00:00:02 ]
	shows_same m0
}

@test "add ifb: with and without words after the kind" {
	ours link add i0 type ifb
	ours link add i1 type ifb anything at all
	shows_same i0 i1
}

@test "made by the reference, shown by us" {
	ref link add v0 mtu 1280 group 9 type veth peer name v1 txqueuelen 3
	ref link add b0 type bridge stp_state 1
	ref link set v0 master b0
	ref link add link v1 name m0 type macvlan mode vepa
	shows_same v0 v1 b0 m0
	diff_ip -d -j -p link show
}

# --- every option of ip link set, read back ---

@test "set: up and down" {
	setup_veth
	ours link set v0 up
	[ "$(field v0 '.flags | index("UP") != null')" = true ]
	ours link set dev v0 down
	[ "$(field v0 '.flags | index("UP") != null')" = false ]
}

@test "set: arp off and on" {
	setup_veth
	ours link set v0 arp off
	[ "$(field v0 '.flags | index("NOARP") != null')" = true ]
	ours link set v0 arp on
	[ "$(field v0 '.flags | index("NOARP") != null')" = false ]
}

@test "set: multicast, allmulticast, promisc, dynamic" {
	setup_veth
	ours link set v0 multicast off allmulticast on promisc on dynamic on
	[ "$(field v0 '.flags | index("MULTICAST") != null')" = false ]
	[ "$(field v0 '.flags | index("ALLMULTI") != null')" = true ]
	[ "$(field v0 '.flags | index("PROMISC") != null')" = true ]
	[ "$(field v0 '.flags | index("DYNAMIC") != null')" = true ]
	[ "$(field v0 .promiscuity)" = 1 ]
	shows_same v0
}

@test "set: txqueuelen and its other names" {
	setup_veth
	ours link set v0 txqueuelen 11
	[ "$(field v0 .txqlen)" = 11 ]
	ours link set v0 txqlen 12
	[ "$(field v0 .txqlen)" = 12 ]
	ours link set v0 qlen 13
	[ "$(field v0 .txqlen)" = 13 ]
}

@test "set: mtu" {
	setup_veth
	ours link set v0 mtu 1280
	[ "$(field v0 .mtu)" = 1280 ]
}

@test "set: name" {
	setup_veth
	ours link set v0 name renamed
	[ "$(field renamed .ifname)" = renamed ]
	run -1 ours link show dev v0
}

@test "set: address and broadcast" {
	setup_veth
	ours link set v0 address 02:11:22:33:44:55 broadcast 02:ff:ff:ff:ff:ff
	[ "$(field v0 .address)" = 02:11:22:33:44:55 ]
	[ "$(field v0 .broadcast)" = 02:ff:ff:ff:ff:ff ]
}

@test "set: alias, and an empty one clears it" {
	setup_veth
	ours link set v0 alias "the first"
	[ "$(field v0 .ifalias)" = "the first" ]
	ours link set v0 alias ""
	[ "$(field v0 .ifalias)" = null ]
}

@test "set: group by number and by name" {
	setup_veth
	ours link set v0 group 12
	[ "$(field v0 .group)" = 12 ]
	ours link set v0 group default
	[ "$(field v0 .group)" = default ]
}

@test "set group: every link of a group at once" {
	setup_veth
	ref link set v0 group 4
	ref link set v1 group 4
	ours link set group 4 mtu 1300
	[ "$(field v0 .mtu)" = 1300 ]
	[ "$(field v1 .mtu)" = 1300 ]
}

@test "set: master and nomaster" {
	setup_port
	ref link set v0 nomaster
	ours link set v0 master b0
	[ "$(field v0 .master)" = b0 ]
	ours link set v0 nomaster
	[ "$(field v0 .master)" = null ]
}

@test "set: addrgenmode" {
	setup_veth
	ours link set v0 addrgenmode none
	[ "$(field v0 .inet6_addr_gen_mode)" = none ]
	ours link set v0 addrgenmode random
	[ "$(field v0 .inet6_addr_gen_mode)" = random ]
	shows_same v0
}

@test "set: mode and state" {
	setup_veth
	ours link set v0 mode dormant
	[ "$(field v0 .linkmode)" = DORMANT ]
	ours link set v0 mode default state down
	[ "$(field v0 .linkmode)" = DEFAULT ]
}

@test "set: gso and gro limits" {
	setup_veth
	ours link set v0 gso_max_size 32000 gso_max_segs 100 gro_max_size 30000
	[ "$(field v0 .gso_max_size)" = 32000 ]
	[ "$(field v0 .gso_max_segs)" = 100 ]
	[ "$(field v0 .gro_max_size)" = 30000 ]
}

@test "set: netns by pid, with a new index" {
	local other

	setup_veth
	nlkit_netns_start other
	ours link set v0 netns "$other" index 77
	run -1 ours link show dev v0
	[ "$(nsenter --net="/proc/$other/ns/net" "$NLKIT_REF_IP" -j link show dev v0 |
		jq '.[0].ifindex')" = 77 ]
}

@test "set: carrier and protodown, which veth refuses alike" {
	setup_veth
	diff_ip link set v0 carrier on
	[ "$status" -ne 0 ]
	diff_ip link set v0 protodown on
	[ "$status" -ne 0 ]
	diff_ip link set v0 protodown_reason 3 on
	[ "$status" -ne 0 ]
}

@test "set: carrier of a tap whose queue is open, read back" {
	local holder fifo="$BATS_TEST_TMPDIR/holder"

	ref tuntap add t0 mode tap
	# A tap takes a carrier only while a process has its queue open.
	mkfifo "$fifo"
	# shellcheck disable=SC2016 # perl's variables
	ns perl -e 'open(my $fh, "+<", "/dev/net/tun") or die "open: $!";
		my $req = pack("a16 S x22", "t0", 0x1002);
		ioctl($fh, 0x400454ca, $req) or die "TUNSETIFF: $!";
		$| = 1; print "$$\n"; sleep 1000;' >"$fifo" 3>&- &
	read -r holder <"$fifo"
	# Ended by teardown with the namespaces, should the test fail first.
	NLKIT_NS_PIDS+=("$holder")
	ref link set t0 up
	ours link set t0 carrier off
	[ "$(field t0 '.flags | index("NO-CARRIER") != null')" = true ]
	ours link set t0 carrier on
	[ "$(field t0 '.flags | index("NO-CARRIER") != null')" = false ]
	[ "$(field t0 .operstate)" = UP ]
}

@test "set: protodown and its reasons, on a vxlan, read back" {
	require_link_kind vxlan
	ref link add vx0 type vxlan id 1 dstport 4789
	ours link set vx0 protodown on
	[ "$(field vx0 .proto_down)" = true ]
	ours link set vx0 protodown_reason 3 on
	[ "$(field vx0 '.proto_down_reason | join(",")')" = 3 ]
	ours link set vx0 protodown_reason 0 on
	[ "$(field vx0 '.proto_down_reason | join(",")')" = 0,3 ]
	ours link set vx0 protodown_reason 3 off
	[ "$(field vx0 '.proto_down_reason | join(",")')" = 0 ]
	# The kernel keeps a device with reasons down.
	ours link set vx0 protodown_reason 0 off
	[ "$(field vx0 .proto_down_reason)" = null ]
	ours link set vx0 protodown off
	# Shown only when on.
	[ "$(field vx0 .proto_down)" = null ]
	shows_same vx0
}

@test "set: netns by name, and link-netns naming a namespace" {
	setup_veth
	# A private /run: the names stay out of the host's /run/netns.
	# shellcheck disable=SC2016 # the inner shell's variables
	run -0 ns unshare -m --propagation private env OURS="$NLKIT_IP" REF="$NLKIT_REF_IP" \
		bash -ec 'mount -t tmpfs none /run
		"$REF" netns add nlkit-link-a
		"$REF" netns add nlkit-link-b
		"$OURS" link set v0 netns nlkit-link-a
		"$REF" -n nlkit-link-a -j link show dev v0 | jq -r ".[0].ifname"
		"$REF" -j -d link show dev v1 | jq -r ".[0].link_netnsid"
		# The kernel keeps the peer where it is, but the namespace
		# named gets an id here, as the reference gives it one.
		"$OURS" link set v1 link-netns nlkit-link-b
		"$REF" netns list-id'
	diff -u - <(echo "$output") <<-'EOF'
		v0
		0
		nsid 0 (iproute2 netns name: nlkit-link-a)
		nsid 1 (iproute2 netns name: nlkit-link-b)
	EOF
}

@test "change: the same as set" {
	setup_veth
	ours link change v0 mtu 1300 up
	[ "$(field v0 .mtu)" = 1300 ]
}

@test "property: alternative names added and removed" {
	setup_veth
	ours link property add dev v0 altname first altname second
	[ "$(field v0 '.altnames | join(",")')" = first,second ]
	ours link set first mtu 1400
	[ "$(field v0 .mtu)" = 1400 ]
	ours link property del v0 altname first
	[ "$(field v0 '.altnames | join(",")')" = second ]
	shows_same v0
}

@test "delete: by name, by dev, with its kind, by group" {
	setup_veth
	ref link add b0 type bridge
	ref link add b1 type bridge
	ref link set b1 group 6
	ours link delete v0
	ours link del dev b0 type bridge
	ours link del group 6
	[ "$(ref -br link show | wc -l)" = 1 ]
}

# --- the requests, byte for byte ---

@test "wire: add veth" {
	wire_ip link add v0 type veth peer name v1
	wire_ip link add v0 mtu 1400 index 50 type veth peer v1 mtu 1300 address 02:00:00:00:00:09 \
		txqueuelen 3 numtxqueues 2 up
	wire_ip link add type veth
}

@test "wire: add with every generic option" {
	wire_ip link add link lo name m0 txqueuelen 5 address 02:00:00:00:00:01 \
		broadcast ff:ff:ff:ff:ff:fe mtu 1400 index 77 numtxqueues 2 numrxqueues 3 \
		group 3 alias x parentdev y up type ifb
}

@test "wire: add bridge with options" {
	wire_ip link add b0 type bridge fdb_flush no_linklocal_learn 1 forward_delay 1000 \
		group_fwd_mask 0x4000 group_address 01:80:c2:00:00:0e vlan_protocol 802.1ad \
		mcast_vlan_snooping 1 mcast_last_member_interval 200 priority 5 vlan_filtering 1
}

@test "wire: set bridge_slave" {
	wire_ip --setup setup_port link set v0 type bridge_slave fdb_flush state 0 priority 3 \
		cost 9 guard on hairpin off fastleave on root_block on learning off flood off \
		proxy_arp on proxy_arp_wifi on mcast_router 2 mcast_fast_leave off mcast_flood off \
		bcast_flood off mcast_to_unicast on group_fwd_mask 0x4000 neigh_suppress on \
		vlan_tunnel on isolated on locked on backup_port v1 nobackup_port
}

@test "wire: macvlan and macvtap options" {
	wire_ip --setup setup_veth link add m0 link v0 type macvlan mode source flag nodst \
		bcqueuelen 10 macaddr add 02:00:00:00:00:01 macaddr set 02:00:00:00:00:01 \
		02:00:00:00:00:02 macaddr flush macaddr del 02:00:00:00:00:03
	wire_ip --setup setup_veth link add m0 link v0 type macvtap mode passthru nopromisc
}

@test "wire: set with flags and every attribute" {
	wire_ip --setup setup_port link set v0 up arp off multicast on allmulticast on promisc on \
		dynamic on trailers on txqlen 10 name v9 address 02:00:00:00:00:02 \
		broadcast ff:ff:ff:ff:ff:fe mtu 1300 alias foo group 5 master b0 carrier on \
		protodown off
	wire_ip --setup setup_port link set dev v0 down nomaster addrgenmode none \
		gso_max_size 10000 gso_max_segs 10 gro_max_size 20000 link-netnsid 3 mode dormant \
		state up protodown_reason 3 on
	wire_ip --setup setup_veth link set group 0 up mtu 1400
}

@test "wire: delete, replace and property" {
	wire_ip --setup setup_veth link del v0
	wire_ip --setup setup_veth link del v0 type veth
	wire_ip --setup setup_veth link del group 0
	wire_ip --setup setup_veth link replace v0 mtu 1400 type veth
	wire_ip --setup setup_veth link property add dev v0 altname foo altname bar
	wire_ip --setup setup_veth link property del v0 altname foo
}

# --- refusals ---

@test "errors: the command line of add" {
	diff_ip link add v0
	diff_ip link add v0 name v1 type veth
	diff_ip link add v0 v1 type veth
	diff_ip link add a/b type veth
	diff_ip link add v0 type veth peer name
	diff_ip link add v0 type veth peer name aaaaaaaaaaaaaaaaaaa
	diff_ip link add v0 type veth peer name v1 type veth
	diff_ip link add v0 type veth foo
}

@test "errors: bad values of the generic options" {
	local opt

	for opt in mtu txqueuelen index numtxqueues numrxqueues netns gso_max_size \
		gso_max_segs gro_max_size group link-netnsid; do
		diff_ip link add v0 "$opt" bogus type veth
	done
	diff_ip link add v0 address zz type veth
	diff_ip link add v0 mode bogus type veth
	diff_ip link add v0 state bogus type veth
	diff_ip link add v0 addrgenmode bogus type veth
	diff_ip link add v0 protodown_reason 99 on type veth
}

@test "errors: on and off" {
	local opt

	setup_veth
	for opt in arp multicast allmulticast promisc trailers dynamic carrier protodown; do
		diff_ip link set v0 "$opt" maybe
	done
	diff_ip link set v0 protodown_reason 3 maybe
}

@test "errors: devices that do not exist" {
	setup_veth
	diff_ip link set nope up
	diff_ip link del nope
	diff_ip link set v0 master nope
	diff_ip link add link nope name m0 type macvlan
	diff_ip link property add dev nope altname x
	diff_ip link set v0 vrf v1
	diff_ip link set nope type bridge foo
}

@test "errors: the command line of set, delete and property" {
	setup_veth
	diff_ip link set
	diff_ip link del
	diff_ip link set v0 foo
	diff_ip link set v0 dev v0
	diff_ip link set v0 name
	diff_ip link set v0 name aaaaaaaaaaaaaaaaaaaaaaaaa
	diff_ip link set v0 index 5
	diff_ip link set v0 group 1 group 2
	diff_ip link set v0 address 1:2:3
	diff_ip link set v0 alias "$(printf 'x%.0s' {1..300})"
	diff_ip link property foo
	diff_ip link property add
	diff_ip link property add dev v0 foo
	diff_ip link property add dev v0 altname "a b"
}

@test "errors: the kernel's answers" {
	setup_veth
	diff_ip link add v0 type veth
	diff_ip link add v2 type nokind
	diff_ip link add aaaaaaaaaaaaaaaaaaaaaaaaa type veth
	diff_ip link del group 77
	diff_ip link property del dev v0 altname nope
	diff_ip link replace v0 type veth
}

@test "errors: unknown kinds and help" {
	diff_ip link add v0 type nokind foo
	diff_ip link add v0 type nokind help
	diff_ip link add v0 type bridge help
	diff_ip link add v0 type macvlan help
	diff_ip link add v0 type veth help
	diff_ip link add v0 type veth peer help
	diff_ip link set lo help
}

@test "errors: bridge options" {
	local opt

	for opt in forward_delay hello_time max_age ageing_time stp_state priority \
		group_fwd_mask no_linklocal_learn vlan_filtering vlan_protocol vlan_default_pvid \
		mcast_snooping mcast_router mcast_hash_max mcast_last_member_interval \
		nf_call_iptables group_address; do
		diff_ip link add b0 type bridge "$opt" bogus
	done
	diff_ip link add b0 type bridge priority 70000
	diff_ip link add b0 type bridge bogus
	diff_ip link add b0 type bridge stp_state
}

@test "errors: bridge_slave options" {
	local opt

	setup_port
	for opt in state priority cost mcast_router group_fwd_mask backup_port guard hairpin \
		learning locked; do
		diff_ip link set v0 type bridge_slave "$opt" bogus
	done
	diff_ip link set v0 type bridge_slave bogus
	diff_ip link set v0 type bridge_slave help
}

@test "errors: macvlan options" {
	setup_veth
	diff_ip link add m0 link v0 type macvlan mode bogus
	diff_ip link add m0 link v0 type macvlan flag bogus
	diff_ip link add m0 link v0 type macvlan bcqueuelen bogus
	diff_ip link add m0 link v0 type macvlan bogus
	diff_ip link add m0 link v0 type macvlan macaddr bogus
	diff_ip link add m0 link v0 type macvlan mode source macaddr add zz
	diff_ip link add m0 link v0 type macvtap nopromisc
	diff_ip link add m0 link v0 type macvtap help
}

@test "a refused add leaves nothing behind" {
	local before

	setup_veth
	before=$(every_link)
	run -2 ours link add v2 type veth peer name v0
	[ "$(every_link)" = "$before" ]
	run -255 ours link add v2 mtu 1400 type veth peer name v3 mtu bogus
	[ "$(every_link)" = "$before" ]
	run -1 ours link add m0 link v0 type macvlan mode bogus
	[ "$(every_link)" = "$before" ]
	run -1 ours link add m0 link v0 type macvlan mode bridge nopromisc
	[ "$(every_link)" = "$before" ]
	run -2 ours link add b0 type bridge mcast_vlan_snooping 1
	[ "$(every_link)" = "$before" ]
}

@test "a refused set changes nothing" {
	local before

	setup_veth
	before=$(every_link)
	run -255 ours link set v0 mtu 1400 up txqueuelen bogus
	[ "$(every_link)" = "$before" ]
	run -1 ours link set v0 mtu 1400 address 1:2:3
	[ "$(every_link)" = "$before" ]
}

@test "batch: adds, sets and deletes in one run" {
	printf '%s\n' "link add v0 type veth peer name v1" "link set v0 up mtu 1400" \
		"link add b0 type bridge" "link set v1 master b0" "link set v1 type bridge_slave cost 7" \
		"link property add dev v0 altname other" "link del b0" >"$BATS_TEST_TMPDIR/cmds"
	ours -batch "$BATS_TEST_TMPDIR/cmds"
	[ "$(field v0 .mtu)" = 1400 ]
	[ "$(field v0 '.altnames[0]')" = other ]
	run -1 ours link show dev b0
}

@test "batch: a missing device fails its line, the batch goes on with -force" {
	printf '%s\n' "link set nope up" "link add v0 type veth peer name v1" >"$BATS_TEST_TMPDIR/cmds"
	diff_ip -force -batch "$BATS_TEST_TMPDIR/cmds"
}
