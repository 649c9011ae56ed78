#!/usr/bin/env bats
# nlkit: vm-lane
# Round trips of full `ip xfrm state`s (ESP, AH, IPCOMP): made by ours and
# by the reference, shown by both, in text, with -s and -s -s, without
# keys, and as JSON.  A kernel without ESP, AH or IPCOMP (or the crypto
# they use) refuses such states: each test skips there, saying which it
# lacks, and runs in the VM lane (`make check-vm`, whose Debian kernel has
# them all).  What needs no such kernel (the requests on the wire, larval
# states) is in xfrm_state.bats.

load lib/common
load lib/xfrm

KEY16=0x00112233445566778899aabbccddeeff
KEY20=0x00112233445566778899aabbccddeeff00112233
KEY32=0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
ID="src 192.0.2.1 dst 192.0.2.2"

# require_state WHAT ARG...: skip unless the kernel takes `ip xfrm state
# add ARG...` (tried by the reference in a scratch namespace).
require_state() {
	local what=$1
	shift
	unshare -n "$NLKIT_REF_IP" xfrm state add "$@" >/dev/null 2>&1 ||
		skip "the kernel takes no $what state (no module for it or its algorithms)"
}

require_esp_state() {
	have_esp_state || skip "the kernel takes no ESP state (no esp4/esp6 or its algorithms)"
}

# check_state ARG...: `ip xfrm state add ARG...` by ours, shown by both, then
# by the reference, shown by both, and our JSON carries our text.
check_state() {
	ours xfrm state add "$@"
	diff_ip xfrm state
	diff_ip -s xfrm state
	diff_ip xfrm state list nokeys
	diff_ip -s xfrm state list nokeys
	json_covers_text xfrm state
	ours xfrm state flush
	ref xfrm state add "$@"
	diff_ip xfrm state
	diff_ip -s -s xfrm state
}

@test "round trip: esp with enc and auth-trunc" {
	require_esp_state
	check_state $ID proto esp spi 0x100 enc "cbc(aes)" $KEY16 \
		auth-trunc "hmac(sha1)" $KEY20 96
}

@test "round trip: esp tunnel with selector, limits, mark, if_id, flags" {
	require_esp_state
	check_state $ID proto esp spi 0x101 mode tunnel reqid 7 replay-window 32 flag noecn \
		enc "cbc(aes)" $KEY16 sel src 10.0.0.0/8 proto tcp limit time-hard 600 \
		limit byte-soft 1000 mark 3 mask 0xff if_id 9 output-mark 4 extra-flag dont-encap-dscp
}

@test "round trip: esp with ESN replay state" {
	require_esp_state
	check_state $ID proto esp spi 0x102 flag esn replay-window 128 replay-seq 4 \
		replay-oseq 5 enc "cbc(aes)" $KEY16
}

@test "round trip: esp with udp encapsulation" {
	require_esp_state
	check_state $ID proto esp spi 0x103 enc "cbc(aes)" $KEY16 encap espinudp 4500 4500 0.0.0.0
}

@test "round trip: esp with aead, IPv6" {
	require_esp_state
	check_state src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x104 \
		aead "rfc4106(gcm(aes))" 0x0011223344556677889900112233445566778899 128
}

@test "round trip: ah with auth and with auth-trunc" {
	require_state AH $ID proto ah spi 0x105 auth "hmac(sha256)" $KEY32
	check_state $ID proto ah spi 0x105 auth "hmac(sha256)" $KEY32
	ref xfrm state flush
	check_state src 2001:db8::1 dst 2001:db8::2 proto ah spi 0x106 mode tunnel \
		auth-trunc "hmac(sha1)" $KEY20 96
}

@test "round trip: comp with deflate" {
	require_state IPCOMP $ID proto comp spi 0x107 comp deflate
	check_state $ID proto comp spi 0x107 comp deflate
}

@test "full states: get, count, deleteall, flush" {
	require_esp_state
	require_state AH $ID proto ah spi 0x105 auth "hmac(sha256)" $KEY32
	ref xfrm state add $ID proto esp spi 0x100 enc "cbc(aes)" $KEY16
	ref xfrm state add $ID proto ah spi 0x105 auth "hmac(sha256)" $KEY32
	ref xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x104 \
		aead "rfc4106(gcm(aes))" 0x0011223344556677889900112233445566778899 128
	diff_ip xfrm state get $ID proto ah spi 0x105
	diff_ip -s xfrm state get $ID proto esp spi 0x100
	diff_ip xfrm state count
	diff_ip -s xfrm state count
	ours xfrm state deleteall proto ah
	diff_ip xfrm state
	[ -z "$(ref xfrm state list proto ah)" ]
	[ -n "$(ref xfrm state list proto esp)" ]
	ours xfrm state delete $ID proto esp spi 0x100
	diff_ip xfrm state
	[ -z "$(ref xfrm state list $ID proto esp spi 0x100)" ]
	ours xfrm state flush
	[ -z "$(ref xfrm state)" ]
}
