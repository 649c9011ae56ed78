#!/usr/bin/env bats
# nlkit: vm-lane
# The proof of the VM lane (`make check-vm`, scripts/vm/check-vm.sh): each
# test needs a kernel feature that a machine's kernel may lack (an ESP
# state, raw socket diag), makes the object with the reference and shows it
# with ours.  Where the kernel lacks the feature the test skips, saying
# why; on the guest's Debian kernel none should.  The line "nlkit: vm-lane"
# above puts this file in CI's VM lane, with link_kinds_vm.bats (the link
# kinds) and xfrm_state_vm.bats (ESP, AH and IPCOMP states).

load lib/common
load lib/xfrm

NLKIT_SS=${NLKIT_SS:-$NLKIT_BUILD/ss/ss}
NLKIT_REF_SS=${NLKIT_REF_SS:-/usr/bin/ss}
NLKIT_SOCKFARM=${NLKIT_SOCKFARM:-$NLKIT_BUILD/testsuite/tools/sockfarm}
FARM_PID=

teardown() {
	if [ -n "$FARM_PID" ]; then
		kill "$FARM_PID" 2>/dev/null || true
	fi
	nlkit_teardown
}

# have_raw_diag: whether the kernel answers sock_diag dumps of raw sockets
# (raw_diag).  Without it the reference ss reads /proc/net/raw instead,
# which has no memory figures: "skmem:" shows only what came by netlink.
have_raw_diag() {
	# shellcheck disable=SC2016 # $0, $1 and $pid belong to the inner shell
	unshare -n sh -c 'pid=$("$0" raw 255) || exit 1
		out=$("$1" -w -a -n -m)
		kill "$pid"
		case $out in *skmem:*) exit 0 ;; esac
		exit 1' "$NLKIT_SOCKFARM" "$NLKIT_REF_SS"
}

@test "ESP state, made by the reference, shown by ours" {
	have_esp_state || skip "the kernel takes no ESP state (no esp4 or its algorithms)"
	ref xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x1000 \
		enc "cbc(aes)" 0x00112233445566778899aabbccddeeff \
		auth-trunc "hmac(sha256)" 0x00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff 128 \
		mode tunnel
	diff_ip xfrm state
	diff_ip -s xfrm state
}

@test "raw socket, dumped by sock_diag, shown by ours" {
	have_raw_diag || skip "the kernel has no raw socket diag (raw_diag)"
	FARM_PID=$(ns "$NLKIT_SOCKFARM" raw 255 raw6 58)
	diff_cmd "$NLKIT_SS" "$NLKIT_REF_SS" -w -a -n -m
	# What only the dump gives: proof that both asked the kernel.
	[[ $output == *skmem:* ]]
	diff_cmd "$NLKIT_SS" "$NLKIT_REF_SS" -w -a
	diff_cmd "$NLKIT_SS" "$NLKIT_REF_SS" -w -a -n -e
	diff_cmd "$NLKIT_SS" "$NLKIT_REF_SS" -4 -w -a -n
	diff_cmd "$NLKIT_SS" "$NLKIT_REF_SS" -A raw -a -n -i
}
