#!/usr/bin/env bats
# nlkit: vm-lane
# nft on what the kernel of a machine may lack (the bridge's meta keys, in
# nft_meta_bridge; the queue statement, in nft_queue): the triangle of testsuite/nft.bats over each file of
# testsuite/nft/vm, where the reference can load it.  Where the kernel
# refuses the file, the test skips saying so, and the wire tests of
# nft.bats check what ours sends; the VM lane's Debian kernel takes them.

load lib/common
load lib/nft

# loads_with_reference FILE: whether the reference loads FILE here (the
# kernel has its expressions); the ruleset is empty again after.
loads_with_reference() {
	ref_nft -f "$1" >/dev/null 2>&1 || return 1
	ref_nft flush ruleset
}

@test "bridge meta keys (ibrname, obrname, ibrpvid, ibrvproto): the triangle" {
	local file=$NLKIT_TOP/testsuite/nft/vm/bridge-meta.nft

	loads_with_reference "$file" || skip "the kernel has no bridge meta keys (nft_meta_bridge)"
	triangle "$file"
	diff_nft -j list ruleset
}

@test "queue (numbers, ranges, flags, numgen, hashes, maps): the triangle, and JSON both ways" {
	local file=$NLKIT_TOP/testsuite/nft/vm/queue.nft json=$BATS_TEST_TMPDIR/queue.json

	loads_with_reference "$file" || skip "the kernel has no queue statement (nft_queue)"
	triangle "$file"
	diff_nft -j list ruleset
	# the reference's JSON, loaded by ours, lists the same
	ref_nft list ruleset >"$BATS_TEST_TMPDIR/expected"
	ref_nft -j list ruleset >"$json"
	ref_nft flush ruleset
	ours_nft -j -f "$json"
	ref_nft list ruleset >"$BATS_TEST_TMPDIR/got"
	same_text "the reference's JSON loaded by ours" "$BATS_TEST_TMPDIR/expected" \
		"$BATS_TEST_TMPDIR/got"
}
