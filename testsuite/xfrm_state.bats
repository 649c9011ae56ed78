#!/usr/bin/env bats
# `ip xfrm state` against the reference.
#
# A kernel without ESP, AH or IPCOMP refuses every `state add`, so each add
# and update is checked on the wire: ours must send the reference's request
# byte for byte and end with its exit status.  Larval states (allocspi) work
# everywhere: they carry list, get, delete, deleteall, flush and count
# round trips.  The round trips of full states are in xfrm_state_vm.bats
# (the VM lane: the guest runs these wire tests too slowly to repeat them).

load lib/common
load lib/xfrm

KEY16=0x00112233445566778899aabbccddeeff
KEY20=0x00112233445566778899aabbccddeeff00112233
ID="src 192.0.2.1 dst 192.0.2.2"

# wire_state ARG...: `ip xfrm state add ARG...` sends what the reference sends.
wire_state() {
	wire_ip xfrm state add "$@"
}

@test "wire: esp with enc" {
	wire_state $ID proto esp spi 0x100 enc "cbc(aes)" $KEY16
}

@test "wire: esp with enc and auth-trunc, in either order" {
	wire_state $ID proto esp spi 0x100 enc "cbc(aes)" $KEY16 \
		auth-trunc "hmac(sha256)" $KEY16 128
	wire_state $ID proto esp spi 0x100 auth-trunc "hmac(sha1)" $KEY20 96 \
		enc "cbc(des3_ede)" 0x001122334455667700112233445566770011223344556677
}

@test "wire: esp with enc and plain auth" {
	wire_state $ID proto esp spi 0x100 enc "cbc(aes)" $KEY16 auth "hmac(md5)" $KEY16
}

@test "wire: esp with aead" {
	wire_state $ID proto esp spi 5 aead "rfc4106(gcm(aes))" 0x0011223344556677889900112233445566778899 64
}

@test "wire: ah with auth, a string key" {
	wire_state $ID proto ah spi 5 auth "hmac(md5)" abc
}

@test "wire: ah with auth-trunc" {
	wire_state $ID proto ah spi 0x200 auth-trunc "hmac(sha1)" $KEY20 96
}

@test "wire: comp with deflate" {
	wire_state $ID proto comp spi 5 comp deflate
}

@test "wire: route2 and hao with a care-of address" {
	wire_state src 2001:db8::1 dst 2001:db8::2 proto route2 mode ro coa 2001:db8::3
	wire_state src 2001:db8::1 dst 2001:db8::2 proto hao mode ro coa 2001:db8::3/64
}

@test "wire: key material forms" {
	local key
	for key in 0x001 0x0 0x abc 0X11 0x1234567 "key with spaces"; do
		wire_state $ID proto esp spi 1 enc a "$key"
	done
}

@test "wire: every mode" {
	local mode
	for mode in transport tunnel beet; do
		wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 mode "$mode"
	done
	for mode in ro in_trigger; do
		wire_state src 2001:db8::1 dst 2001:db8::2 proto route2 mode "$mode" coa 2001:db8::3
	done
}

@test "wire: reqid, seq, replay window and flags" {
	wire_state $ID proto esp spi 1 reqid 7 seq 9 replay-window 32 flag noecn \
		flag decap-dscp nopmtudisc wildrecv icmp af-unspec align4 enc "cbc(aes)" $KEY16
	wire_state $ID proto esp spi 1 flag 0x41 enc "cbc(aes)" $KEY16
}

@test "wire: replay state, plain and ESN" {
	wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 replay-seq 4 replay-oseq 5
	wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 replay-seq 4 replay-oseq-hi 3
	wire_state $ID proto esp spi 1 replay-seq 4 flag esn replay-window 64 enc "cbc(aes)" $KEY16
	wire_state $ID proto esp spi 1 flag esn replay-window 100 replay-seq-hi 2 \
		replay-oseq-hi 3 replay-oseq 9 enc "cbc(aes)" $KEY16
}

@test "wire: selector and limits" {
	wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 sel src 10.0.0.0/8 dst 10.1.0.0/16 \
		proto tcp dport 80 limit time-soft 5 limit packet-hard 99 limit byte-soft 1000 \
		limit time-use-hard 7
}

@test "wire: udp and tcp encapsulation" {
	wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 encap espinudp 4500 4500 0.0.0.0
	wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 encap espinudp-nonike 500 4500 192.0.2.9
	wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 encap espintcp 4500 4500 0.0.0.0
}

@test "wire: mark, output mark, interface id, extra flags" {
	wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 mark 3 output-mark 4 mask 0xf \
		if_id 9 extra-flag dont-encap-dscp
	wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 output-mark 5 if_id 3 mark 1 mask 0xff \
		extra-flag oseq-may-wrap dont-encap-dscp
}

@test "wire: context, offload and TFC padding" {
	wire_state $ID proto esp spi 1 ctx abc enc "cbc(aes)" $KEY16 offload dir in
	wire_state $ID proto esp spi 1 enc "cbc(aes)" $KEY16 offload dev lo dir out
	wire_state $ID proto esp spi 1 mode tunnel tfcpad 9 enc "cbc(aes)" $KEY16
}

@test "wire: everything at once" {
	wire_state $ID proto esp spi 0x100 reqid 7 seq 9 replay-window 32 flag noecn flag esn \
		mode tunnel auth-trunc "hmac(sha256)" $KEY16 128 enc "cbc(aes)" abcdefghijklmnop \
		sel src 10.0.0.0/8 limit time-soft 5 limit packet-hard 99 \
		encap espinudp 4500 4500 0.0.0.0 mark 3 output-mark 4 mask 0xf if_id 9 \
		extra-flag dont-encap-dscp ctx abc
}

@test "wire: IPv6 and -6" {
	wire_state src 2001:db8::1 dst 2001:db8::2 proto esp spi 1 enc "cbc(aes)" $KEY16 \
		sel src 2001:db8::/32
	wire_ip -6 xfrm state add proto esp spi 1 enc "cbc(aes)" $KEY16
}

@test "wire: update" {
	wire_ip xfrm state update $ID proto esp spi 1 enc "cbc(aes)" $KEY16 reqid 3
}

@test "wire: get, delete, allocspi, flush, count" {
	wire_ip --all xfrm state get $ID proto ah spi 5 mark 3
	wire_ip xfrm state delete dst 192.0.2.2 proto ah spi 5
	wire_ip --all xfrm state allocspi $ID proto esp mark 7 mask 0xf reqid 3 seq 4 mode tunnel
	wire_ip --all xfrm state allocspi $ID proto esp min 100 max 200
	wire_ip xfrm state flush proto esp
	wire_ip xfrm state flush
	wire_ip --all xfrm state count
}

@test "errors on the command line" {
	local args
	for args in "$ID spi 1" "$ID proto esp" "src bogus dst 192.0.2.2 proto esp spi 1" \
		"$ID proto esp spi 1 enc cbc(aes) 0x0g" "$ID proto esp spi 1 enc" \
		"$ID proto esp spi 1 enc x" "$ID proto esp spi 1 auth-trunc x 0x00 x" \
		"$ID proto esp spi 1 aead x 0x00 x" "$ID proto esp spi 1 enc a 0x00 enc b 0x00" \
		"$ID proto esp spi 1 auth a 0x00" "$ID proto ah spi 1 enc a 0x00" \
		"$ID proto comp spi 1 enc a 0x00" "$ID proto comp spi 1" "$ID proto route2 spi 1" \
		"src ::1 dst ::2 proto route2" "$ID proto esp spi 1 enc a 0x00 mode x" \
		"$ID proto esp spi 1 enc a 0x00 flag x" "$ID proto esp spi 1 enc a 0x00 extra-flag x" \
		"$ID proto esp spi 1 enc a 0x00 replay-window x" \
		"$ID proto esp spi 1 enc a 0x00 encap x 1 2 0.0.0.0" \
		"$ID proto esp spi 1 enc a 0x00 encap espinudp x 2 0.0.0.0" \
		"$ID proto esp spi 1 enc a 0x00 encap espinudp 1 2 x" \
		"$ID proto esp spi 1 enc a 0x00 offload dev lo" \
		"$ID proto esp spi 1 enc a 0x00 offload dir x" "$ID proto esp spi 1 enc a 0x00 tfcpad x" \
		"$ID proto esp spi 1 enc a 0x00 bogus" "$ID proto esp spi 1 enc a 0x00 sel bogus" \
		"$ID proto esp spi 1 enc a 0x00 output-mark x" \
		"$ID proto esp spi 1 enc a 0x00 replay-seq x" "$ID proto esp spi 1 enc a 0x00 seq x" \
		"$ID proto esp spi 1 enc a 0x00 coa 1.2.3.4" "$ID proto esp spi 1 enc a 0x00 flag esn" \
		"$ID proto esp spi 1 enc a 0x00 mode ro" "src ::1 dst ::2 proto route2 mode tunnel coa ::3" \
		"src ::1 dst ::2 proto hao mode ro"; do
		# shellcheck disable=SC2086 # the arguments are words
		diff_ip xfrm state add $args
	done
	diff_ip xfrm state delete $ID spi 1
	diff_ip xfrm state get $ID proto esp
	diff_ip xfrm state allocspi $ID proto esp min 5
	diff_ip xfrm state allocspi $ID proto esp min 5 max 3
	diff_ip xfrm state allocspi $ID proto esp min x max 3
	diff_ip xfrm state allocspi $ID proto esp spi 5
	diff_ip xfrm state bogus
	diff_ip xfrm state flush proto x
	diff_ip xfrm state deleteall bogus
	diff_ip xfrm state help
}

# Larval states, made by allocspi with a one-SPI range so that both tools see the same.
make_larval() {
	"$@" xfrm state allocspi $ID proto esp min 0x100 max 0x100 mode tunnel reqid 5 mark 3 \
		mask 0xf >/dev/null
	"$@" xfrm state allocspi src 2001:db8::1 dst 2001:db8::2 proto ah min 300 max 300 \
		>/dev/null
	"$@" xfrm state allocspi $ID proto comp min 400 max 400 reqid 9 >/dev/null
}

# show_states: the state table as both print it.
show_states() {
	diff_ip xfrm state
	diff_ip -s xfrm state
	diff_ip -s -s xfrm state list
	diff_ip xfrm state list nokeys
	diff_ip -4 xfrm state
	diff_ip -6 xfrm state
	diff_ip -o -s xfrm state
	diff_ip xfrm state count
	diff_ip -s xfrm state count
	json_covers_text xfrm state
	json_covers_text xfrm state count
}

@test "larval states made by ours, shown by both" {
	make_larval ours
	show_states
}

@test "larval states made by the reference, shown by both" {
	make_larval ref
	show_states
}

@test "allocspi prints the state it made" {
	diff_cmd "$NLKIT_IP" "$NLKIT_REF_IP" xfrm state list
	run ours xfrm state allocspi $ID proto esp min 0x200 max 0x200 reqid 2
	[ "$status" -eq 0 ]
	[ "$output" = "$(ref xfrm state get $ID proto esp spi 0x200)" ]
	run ours -j xfrm state allocspi $ID proto ah min 0x300 max 0x300
	jq -e '.[0].spi == "0x00000300"' <<<"$output"
}

# Larval states expire after 30 seconds: each test below is over well before.
@test "get and list filters" {
	make_larval ref
	diff_ip xfrm state get $ID proto esp spi 0x100 mark 3
	diff_ip -s xfrm state get $ID proto esp spi 0x100 mark 3
	diff_ip xfrm state get $ID proto esp spi 0x100
	json_covers_text xfrm state get $ID proto esp spi 0x100 mark 3
	local filter
	for filter in "proto esp" "proto ah" "src 192.0.2.1" "dst 2001:db8::2" "mode tunnel" \
		"reqid 9" "spi 300" "proto comp reqid 9" "mode beet"; do
		# shellcheck disable=SC2086 # the filter is words
		diff_ip xfrm state list $filter
	done
}

@test "delete, deleteall, flush" {
	make_larval ref
	ours xfrm state delete $ID proto esp spi 0x100 mark 3 mask 0xf
	diff_ip xfrm state
	[ -z "$(ref xfrm state list $ID proto esp)" ]
	ours xfrm state deleteall proto comp
	diff_ip xfrm state
	# What the filter names is gone, and only that.
	[ -z "$(ref xfrm state list proto comp)" ]
	[ -n "$(ref xfrm state list proto ah)" ]
	ours xfrm state deleteall
	[ -z "$(ref xfrm state)" ]
	make_larval ref
	ours xfrm state flush proto ah
	diff_ip xfrm state
	[ -z "$(ref xfrm state list proto ah)" ]
	[ -n "$(ref xfrm state list proto comp)" ]
	ours xfrm state flush
	[ -z "$(ref xfrm state)" ]
}
