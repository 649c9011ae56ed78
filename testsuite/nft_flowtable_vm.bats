#!/usr/bin/env bats
# nlkit: vm-lane
# nft flowtables the kernel holds: loaded and listed by ours and by the
# reference (text and JSON), and the kernel's refusals, which need a kernel
# with flowtables (nf_flow_table, nf_flow_table_inet, nft_flow_offload).
# Where the kernel has none, each test skips; the VM lane (`make
# check-vm`, Debian's kernel) has them.  What a kernel without flowtables
# can judge (the requests, the errors before the kernel) is in
# nft_flowtable.bats.

load lib/common
load lib/nft

FLOWTABLES=$NLKIT_TOP/testsuite/nft/flowtables

# require_flowtables: skip unless the kernel takes a flowtable (made by
# the reference in the test's namespace, then removed); make the dummy
# devices the files name.
require_flowtables() {
	local dev

	ref_nft add table inet flowprobe
	if ! ref_nft add flowtable inet flowprobe f '{ hook ingress priority 0; }' 2>/dev/null; then
		ref_nft delete table inet flowprobe
		skip "the kernel takes no flowtable (no nf_flow_table_inet)"
	fi
	ref_nft delete table inet flowprobe
	for dev in nd0 nd1 nd2 nd3; do
		ref link add "$dev" type dummy ||
			skip "the kernel makes no dummy link for a flowtable's devices"
	done
}

@test "flowtables: triangle of a ruleset with flowtables and flow statements" {
	require_flowtables
	triangle "$FLOWTABLES/flowtables.nft"
}

@test "flowtables: listings, text and JSON, with the reference's options" {
	local opts

	require_flowtables
	ref_nft -f "$FLOWTABLES/flowtables.nft"
	for opts in -a -n -y -t -s -j -ja -jn; do
		diff_nft "$opts" list ruleset || { echo "options $opts"; return 1; }
	done
	diff_nft list table inet fwd
	diff_nft -j list table inet fwd
	diff_nft list flowtables
	diff_nft -a list flowtables inet
	diff_nft list flowtables ip6
	diff_nft list flow tables ip
	diff_nft -j list flowtables
	diff_nft -j list flowtables ip
	diff_nft list flowtable inet fw g
	diff_nft -a list flowtable inet fw f
	diff_nft -j list flowtable ip v4 f
	diff_nft list flow table ip v4 f
	diff_nft list flowtable inet fw nope
	diff_nft -j list flowtable inet nope f
}

@test "flowtables: what ours adds and deletes, listed by the reference" {
	require_flowtables
	ours_nft add table inet t
	ours_nft add flowtable inet t f '{ hook ingress priority filter - 3; devices = { nd2, nd0 }; counter; }'
	ours_nft create flowtable inet t g '{ hook ingress priority 7; }'
	ours_nft add flowtable inet t h '{ hook ingress priority 0; devices = { nd1 }; }'
	ours_nft add chain inet t c
	ours_nft add rule inet t c flow offload @f
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" list ruleset
	run ref_nft list ruleset
	[ "$output" = "$(ours_nft list ruleset)" ]
	[[ $output == *$'\tflowtable f {\n\t\thook ingress priority filter - 3\n\t\tdevices = { nd0, nd2 }\n\t\tcounter\n\t}'* ]]
	ours_nft add flowtable inet t h '{ hook ingress priority 0; devices = { nd3 }; }'
	ours_nft delete flowtable inet t h '{ devices = { nd1 }; }'
	diff_nft list flowtable inet t h
	[[ $output == *'devices = { nd3 }'* ]]
	handle=$(ref_nft -a list flowtable inet t g | sed -n 's/.*flowtable g { # handle \([0-9]*\)$/\1/p')
	ours_nft delete flowtable inet t handle "$handle"
	ours_nft delete flowtable inet t h
	diff_nft list flowtables
	[[ $output != *'flowtable g'* && $output != *'flowtable h'* ]]
	ours_nft flush ruleset
	run ref_nft list ruleset
	[ -z "$output" ]
}

@test "flowtables: the kernel's refusals, in the reference's words" {
	require_flowtables
	ref_nft -f "$FLOWTABLES/flowtables.nft"
	# in use by a rule, already there, a hint at a name near, by handle
	diff_nft delete flowtable inet fw f
	diff_nft create flowtable inet fw g '{ hook ingress priority 0; }'
	diff_nft delete flowtable inet fw gg
	diff_nft delete flowtable inet fw handle 999
	diff_nft add rule inet fw forward flow add @nope
	diff_nft add flowtable inet fw m '{ hook ingress priority 0; devices = { nosuchdev }; }'
	diff_nft add flowtable ip v4 m '{ hook ingress priority 0; devices = { lo }; }'
	diff_nft add flowtable inet fw e '{ hook egress priority 0; devices = { nd3 }; }'
}

@test "flowtables: JSON of ours loaded back by ours, listed by the reference" {
	local dir=$BATS_TEST_TMPDIR

	require_flowtables
	ref_nft -f "$FLOWTABLES/flowtables.nft"
	ref_nft list ruleset >"$dir/expected"
	ours_nft -j list ruleset >"$dir/listing.json"
	ref_nft flush ruleset
	ours_nft -j -f "$dir/listing.json"
	# JSON has neither a flowtable's counter nor its flags
	ref_nft list ruleset | sed '/^\t\tcounter$/d' >"$dir/got"
	sed '/^\t\tcounter$/d' "$dir/expected" >"$dir/want"
	same_text "JSON of ours loaded by ours" "$dir/want" "$dir/got"
}

@test "flowtables: -e and the monitor print none, as the reference's" {
	require_flowtables
	ref_nft add table inet t
	# (the generations differ by one)
	run ours_nft -e add flowtable inet t f '{ hook ingress priority 0; devices = { nd0 }; }'
	ours_out=$(nft_mask_process <<<"$output" | sed 's/generation [0-9]*/generation N/')
	run ref_nft -e add flowtable inet t g '{ hook ingress priority 0; devices = { nd1 }; }'
	ref_out=$(nft_mask_process <<<"$output" | sed 's/generation [0-9]*/generation N/')
	echo "ours: $ours_out"
	echo "reference: $ref_out"
	[ "$ours_out" = "$ref_out" ]
	[[ $ours_out == '# new generation N by process PID'* ]]
	run ours_nft -j -e add flowtable inet t h '{ hook ingress priority 0; }'
	[ "$output" = '{"nftables": []}' ]
}
