#!/usr/bin/env bats
# `ip link add ... type vxlan ...` and `ip link set DEV type vxlan ...`:
# the requests, byte for byte, and the warnings printed with them; the
# devices made by ours as the reference shows them and makes them; the
# changes the kernel allows; and bad values, refused in the reference's
# words.

load lib/common

# The lower device a vxlan's dev names, and a group needs.
lower_d0() {
	ref link add d0 type veth peer name d1
}

# A vxlan made by the reference, for `set` to change.
existing_vx0() {
	lower_d0
	ref link add vx0 type vxlan id 5 dstport 4789 remote 10.0.0.2 dev d0
}

# wire_vxlan [--setup FN] ARG...: wire_ip, and the same stderr: the
# warning about the destination port comes with the request.  wire_cmd
# leaves each side's stderr in $BATS_TEST_TMPDIR/wire.
wire_vxlan() {
	local setup=lower_d0

	if [ "$1" = --setup ]; then
		setup=$2
		shift 2
	fi
	wire_ip --setup "$setup" "$@" || return 1
	if ! cmp -s "$BATS_TEST_TMPDIR/wire/ref.err" "$BATS_TEST_TMPDIR/wire/ours.err"; then
		echo "wire_vxlan: '$*': the requests match, stderr differs:"
		diff -u --label "reference stderr" --label "our stderr" \
			"$BATS_TEST_TMPDIR/wire/ref.err" "$BATS_TEST_TMPDIR/wire/ours.err" || true
		return 1
	fi
}

# wire_add_lines: each line of stdin, after `link add vx0 type vxlan`.
wire_add_lines() {
	local args

	while read -r -a args; do
		wire_vxlan link add vx0 type vxlan "${args[@]}" || return 1
	done
}

@test "vxlan add: the VNI, the endpoints and the lower device" {
	wire_add_lines <<-'EOF'
		id 5 remote 10.0.0.2 dstport 4789
		vni 16777215 dstport 0
		i 0x10 dstport 010
		id 5
		id 5 group 239.1.1.1 dev d0 local 10.0.0.1 dstport 4789
		id 5 g 239.1.1.1 d d0
		id 5 remote 2001:db8::2 local 2001:db8::1 dstport 4789
		id 5 local 2001:db8::1 group ff05::100 dev d0 dstport 4789
		id 5 local 10.0.0.1 dstport 4789
		id 5 remote 10.1 dstport 4789
		id 5 remote 0.0.0.0 local 0.0.0.0 dstport 4789
		id 5 remote :: dstport 4789
		id 5 remote 10.0.0.2 local default dstport 4789
		id 5 remote 10.0.0.2 local any dstport 4789
		id 5 local ::1 remote all dstport 4789
		id 5 r 10.0.0.2 l 10.0.0.1 dst 4789
	EOF
}

@test "vxlan add: TTL, TOS, DF, flow label, ageing, address limit, ports" {
	wire_add_lines <<-'EOF'
		id 5 dstport 4789 ttl 64 tos 0x10 df set
		id 5 dstport 4789 ttl auto tos inherit df unset
		id 5 dstport 4789 ttl inherit df inherit
		id 5 dstport 4789 hoplimit 010 dsfield fc
		id 5 dstport 4789 t 0x10 ds 10
		id 5 remote 2001:db8::2 dstport 4789 flowlabel 0xfffff
		id 5 remote 2001:db8::2 dstport 4789 label 7
		id 5 dstport 4789 ageing 300 maxaddress 100
		id 5 dstport 4789 ageing none maxaddress 0
		id 5 dstport 4789 a 5 m 5
		id 5 dstport 4789 srcport 1000 2000
		id 5 dstport 4789 srcport 0 0
		id 5 dstport 4789 port 0x10 0x20
		id 5 dstport 4789 s 0 5
		id 5 dstport 65535
	EOF
}

@test "vxlan add: the on/off options, in full and abbreviated" {
	wire_add_lines <<-'EOF'
		id 5 dstport 4789 nolearning proxy rsc l2miss l3miss
		id 5 dstport 4789 learning noproxy norsc nol2miss nol3miss
		id 5 dstport 4789 udpcsum udp6zerocsumtx udp6zerocsumrx remcsumtx remcsumrx
		id 5 dstport 4789 noudpcsum noudp6zerocsumtx noudp6zerocsumrx noremcsumtx noremcsumrx
		id 5 dstport 4789 n pr rs l2 l3 u udp6 gb
		id 5 dstport 4789 no nop nor nol2 nol3 nou noudp6zerocsumr nore
		id 5 dstport 4789 remc
		id 5 dstport 4789 le udp6zerocsum noremcsum
		id 5 dstport 4789 noudp6zerocsum
		id 5 dstport 4789 gbp noexternal novnifilter
		id 5 dstport 4789 noe
		id 5 dstport 4789 remote 10.0.0.2 local 10.0.0.1 dev d0 ttl 64 tos inherit df inherit ageing 300 maxaddress 10 srcport 1000 2000 nolearning proxy rsc l2miss l3miss udpcsum noudp6zerocsumtx udp6zerocsumrx remcsumtx noremcsumrx noexternal gbp novnifilter
	EOF
}

@test "vxlan add: external, VNI filtering, GPE and what they imply" {
	wire_add_lines <<-'EOF'
		external dstport 4789
		e dstport 4789
		external
		external learning dstport 4789
		learning external dstport 4789
		external nolearning dstport 4789
		external vnifilter dstport 4789
		external gpe
		external gp dstport 0
		id 5 gpe
		id 5 gpe dstport 5
	EOF
}

@test "vxlan add: without dstport, the reference's warning" {
	wire_add_lines <<-'EOF'
		id 5
		id 5 remote 10.0.0.2
		external
	EOF
}

@test "vxlan add: the family of -4 and -6 for a tunnel without addresses" {
	local family

	for family in -4 -6 -0 "-f inet6" "-f link"; do
		# shellcheck disable=SC2086 # -f takes its value as a word of its own
		wire_vxlan $family link add vx0 type vxlan id 5 dstport 4789
	done
	wire_vxlan -6 link add vx0 type vxlan id 5 remote 10.0.0.2 dstport 4789
	wire_vxlan -4 link add vx0 type vxlan id 5 local 2001:db8::1 dstport 4789
	wire_vxlan -4 link add vx0 type vxlan dstport 4789 external
	wire_vxlan link add name vx0 mtu 1400 type vxlan id 5 dstport 4789
	wire_vxlan link replace vx0 type vxlan id 5 dstport 4789
}

@test "vxlan set: only what is given, learning and the port included" {
	local args

	while read -r -a args; do
		wire_vxlan --setup existing_vx0 link set vx0 type vxlan "${args[@]}"
	done <<-'EOF'
		ttl 5
		learning
		nolearning
		remote 10.0.0.3
		group 239.1.1.1 dev d0
		local 10.0.0.1 dev d1
		tos 0x10 df set ageing 10
		gpe
		external
		id 6
		dstport 0
	EOF
	wire_vxlan --setup existing_vx0 link change vx0 type vxlan ttl 6
	wire_vxlan --setup existing_vx0 -6 link set vx0 type vxlan ttl 1
	wire_vxlan --setup existing_vx0 -4 link set vx0 type vxlan ttl 1
}

# diff_details DEV...: each device's details, in every output form, and its
# JSON without them.
diff_details() {
	local dev

	diff_link_details "$@"
	for dev; do
		diff_ip -j link show dev "$dev"
	done
}

# linkinfo DEV: the kind and its data as the reference shows them, but
# for the VNI (two tunnels on one port cannot share one).
linkinfo() {
	ref -d -j link show dev "$1" | jq -S '.[0].linkinfo | del(.info_data.id)'
}

# same_as_reference ARG...: ours makes vx0 with the words after "type
# vxlan", then the reference with the same words: the reference must see
# the same tunnel, and ours must show each as the reference does.
same_as_reference() {
	local made_by_ours

	ours link add vx0 type vxlan "$@"
	diff_details vx0
	made_by_ours=$(ref -d -j link show dev vx0 | jq -S '.[0].linkinfo')
	ref link del vx0
	ref link add vx0 type vxlan "$@"
	diff -u --label reference --label ours \
		<(ref -d -j link show dev vx0 | jq -S '.[0].linkinfo') <(echo "$made_by_ours")
	diff_details vx0
	ref link del vx0
}

@test "vxlan made by ours: as the reference makes it, shown alike" {
	local args

	lower_d0
	while read -r -a args; do
		same_as_reference "${args[@]}"
	done <<-'EOF'
		id 42 remote 10.0.0.2 local 10.0.0.1 dstport 4789
		id 43 group 239.1.1.1 dev d0 dstport 0 srcport 1000 2000 ttl auto tos inherit df set nolearning ageing 100
		id 44 remote 2001:db8::2 local 2001:db8::1 ttl 64 tos 0x10 df inherit gbp noudpcsum udp6zerocsumtx udp6zerocsumrx dstport 4789
		id 45 group ff05::100 dev d0 dstport 8472 proxy rsc l2miss l3miss maxaddress 100 flowlabel 0x12345
		id 46 dstport 4789 remote 10.1.1.1 ttl inherit df unset remcsumtx remcsumrx
		id 16777215 dstport 65535 group 239.0.0.1 dev d0 ttl 255 tos 0xfc local 10.9.9.9
		id 0 dstport 4789 ageing none learning noproxy norsc nol2miss nol3miss udpcsum
		external dstport 4789
		external vnifilter dstport 4789
		external gpe
		id 47 dstport 4789 local 10.0.0.1 dev d0 srcport 0 5 noexternal novnifilter
	EOF
}

@test "vxlan made by ours with -4 and -6 and no address" {
	ours -6 link add vx0 type vxlan id 1 dstport 4789
	ours -4 link add vx1 type vxlan id 2 dstport 4789
	ref -6 link add vx2 type vxlan id 3 dstport 4789
	diff_details vx0 vx1 vx2
	diff -u <(linkinfo vx2) <(linkinfo vx0)
}

# set_both ARG...: the same change to vxa by ours and to vxb by the
# reference, two vxlans made alike; then the reference sees both alike.
set_both() {
	ours link set vxa type vxlan "$@"
	ref link set vxb type vxlan "$@"
	diff -u <(linkinfo vxb) <(linkinfo vxa)
}

@test "vxlan set: the changes the kernel allows, read back" {
	local args

	lower_d0
	ref link add vxa type vxlan id 5 dstport 4789 remote 10.0.0.2 dev d0
	ref link add vxb type vxlan id 6 dstport 4789 remote 10.0.0.2 dev d0
	# The VNI is the one difference before any change.
	diff -u <(linkinfo vxb) <(linkinfo vxa)
	while read -r -a args; do
		set_both "${args[@]}"
	done <<-'EOF'
		ttl 9
		hoplimit auto
		tos 0x20
		dsfield inherit
		df set
		df inherit
		ageing 20
		ageing none
		nolearning
		learning
		remote 10.0.0.9
		local 10.0.0.1
		dev d1
		group 239.1.1.1 dev d0
		ttl 3 tos 0x4 df unset ageing 30 nolearning remote 10.0.0.8 local 10.0.0.7
	EOF
	diff_details vxa

	ref link add vx6a type vxlan id 7 dstport 4789 remote 2001:db8::2
	ref link add vx6b type vxlan id 8 dstport 4789 remote 2001:db8::2
	ours link set vx6a type vxlan flowlabel 0x55 remote 2001:db8::9 local 2001:db8::1
	ref link set vx6b type vxlan flowlabel 0x55 remote 2001:db8::9 local 2001:db8::1
	diff -u <(linkinfo vx6b) <(linkinfo vx6a)
	diff_details vx6a
}

@test "vxlan set: changes the kernel refuses, refused alike" {
	local args

	existing_vx0
	while read -r -a args; do
		diff_ip link set vx0 type vxlan "${args[@]}"
		[ "$status" = 2 ]
	done <<-'EOF'
		ttl inherit
		maxaddress 7
		srcport 100 200
		dstport 99
		proxy
		rsc
		l2miss
		l3miss
		noudpcsum
		remcsumtx
		gbp
		noexternal
		novnifilter
		id 6
		remote 2001:db8::1
	EOF
	diff_details vx0
}

@test "vxlan: bad values, refused before anything is sent" {
	local args

	lower_d0
	while read -r -a args; do
		diff_ip link add vx0 type vxlan "${args[@]}"
		[ "$status" != 0 ]
	done <<-'EOF'
		id 5 id 6
		id 5 vni 6
		id 16777216
		id -1
		id foo
		id
		id 5 group 239.1.1.1
		id 5 group 10.1.1.1
		id 5 remote 239.1.1.1
		id 5 remote 10.1.1.1 group 239.1.1.1
		id 5 group 239.1.1.1 remote 10.1.1.1
		id 5 remote 10.1.1.1 group
		id 5 remote 10.1.1.1 remote 10.1.1.2
		id 5 group 239.1.1.1 group 239.1.1.2 dev d0
		id 5 remote any
		id 5 remote default
		id 5 remote foo
		id 5 remote 10.0.0.1/24
		id 5 remote
		id 5 local any
		id 5 local 224.0.0.1
		id 5 local ff02::1
		id 5 local 1.1.1.1 local 1.1.1.2
		id 5 remote 10.1.1.1 local 2001::1
		id 5 local 2001::1 remote 10.1.1.1
		id 5 local 10.0.0.1 group ff05::1 dev d0
		id 5 local 1.1.1.1 group any dev d0
		id 5 dev nosuch
		id 5 dev d0 dev d0
		id 5 ttl 256
		id 5 ttl foo
		id 5 ttl -1
		id 5 ttl inherit ttl 5
		id 5 hoplimit 1 ttl 1
		id 5 tos foo
		id 5 tos 256
		id 5 tos 0x100
		id 5 tos 1 dsfield 2
		id 5 df foo
		id 5 df set df set
		id 5 flowlabel 0x100000
		id 5 flowlabel -1
		id 5 label 1 flowlabel 2
		id 5 ageing foo
		id 5 ageing 4294967296
		id 5 ageing 1 ageing 2
		id 5 maxaddress foo
		id 5 maxaddress none
		id 5 maxaddress 1 maxaddress 2
		id 5 srcport 5
		id 5 srcport 70000 1
		id 5 srcport 1 70000
		id 5 srcport 1 2 srcport 1 2
		id 5 port 1 2 srcport 1 2
		id 5 dstport 70000
		id 5 dstport foo
		id 5 dstport -1
		id 5 dstport 1 dstport 2
		id 5 nolearning learning
		id 5 learning learning
		id 5 proxy noproxy
		id 5 rsc rsc
		id 5 l2miss nol2miss
		id 5 l3miss l3miss
		id 5 udpcsum noudpcsum
		id 5 noudp6zerocsumrx udp6zerocsumrx
		id 5 udp6zerocsumtx udp6zerocsumtx
		id 5 remcsumtx remcsumtx
		id 5 noremcsumrx remcsumrx
		id 5 gbp gbp
		id 5 gpe gpe
		id 5 vnifilter vnifilter
		id 5 rem
		id 5 external
		external id 5
		external noexternal
		noexternal external
		noexternal
		external vn
		external vnif
		id 5 novni
		id 5 localbypass
		id 5 no-learning
		id 5 foo
		h
		id 5 help
		id 5 he
		help
		id 5 dstport 4789 srcport 2 1
		id 5 dstport 4789 flowlabel 5
		id 5 gpe
	EOF
	run -0 ref link show
	[ "$(ref -o link show | wc -l)" = 3 ]
}

@test "vxlan: usage" {
	diff_ip link help vxlan
	diff_ip link add type vxlan help
	diff_ip link add vx0 type vxlan id 5 help
	diff_ip link add vx0 type vxlan foo
	diff_ip link set lo type vxlan help
}
