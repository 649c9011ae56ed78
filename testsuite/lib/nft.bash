# shellcheck shell=bash
# nft tests: ours and the reference side by side, and the triangle of
# testsuite/nft.bats and testsuite/nft_sets.bats.  Load after lib/common.

# meta hour and meta time are written in local time, and a set's range of
# hours may not pass midnight UTC: the corpora are written for UTC, and
# the tests of other zones name theirs.
export TZ=UTC

NLKIT_NFT=${NLKIT_NFT:-$NLKIT_BUILD/nft/nft}
NLKIT_REF_NFT=${NLKIT_REF_NFT:-/usr/sbin/nft}

ours_nft() {
	ns "$NLKIT_NFT" "$@"
}

ref_nft() {
	ns "$NLKIT_REF_NFT" "$@"
}

diff_nft() {
	diff_cmd "$NLKIT_NFT" "$NLKIT_REF_NFT" "$@"
}

# same_text WHAT EXPECTED ACTUAL: fail with a diff unless the files match.
same_text() {
	diff -u --label "$1 (expected)" --label "$1 (got)" "$2" "$3"
}

# triangle FILE: from an empty ruleset each time, (1) loaded and listed by
# the reference, listed by ours: the same (our decoding is right); (2)
# loaded by ours, listed by the reference: the same as in (1) (our
# encoding is right); (3) our listing, loaded again by ours, lists the
# same (round trip).
triangle() {
	local file=$1 dir="$BATS_TEST_TMPDIR/triangle"

	mkdir -p "$dir"
	# Called behind ||, where errexit is off: every step checks itself.
	ref_nft flush ruleset || return 1
	ref_nft -f "$file" || { echo "the reference cannot load $file"; return 1; }
	ref_nft list ruleset >"$dir/ref" || return 1
	[ -s "$dir/ref" ] || { echo "the reference loaded nothing from $file"; return 1; }

	ours_nft list ruleset >"$dir/ours-decoded" || return 1
	same_text "ruleset loaded by the reference, listed by ours" "$dir/ref" \
		"$dir/ours-decoded" || return 1

	ref_nft flush ruleset || return 1
	ours_nft -f "$file" || { echo "ours cannot load $file"; return 1; }
	ref_nft list ruleset >"$dir/ours-encoded" || return 1
	same_text "ruleset loaded by ours, listed by the reference" "$dir/ref" \
		"$dir/ours-encoded" || return 1

	ours_nft list ruleset >"$dir/listing" || return 1
	ref_nft flush ruleset || return 1
	ours_nft -f "$dir/listing" || { echo "ours cannot load its own listing"; return 1; }
	ours_nft list ruleset >"$dir/again" || return 1
	same_text "our listing loaded again by ours" "$dir/listing" "$dir/again"
}

# The nf_tables messages that change the ruleset (new and delete of
# tables, chains, rules, sets, elements, objects) and the batch's begin
# and end: what a wire test of nft compares (the lookups that fill the
# cache may differ).
NLKIT_NFT_CHANGE_TYPES=(16 17 2560 2562 2563 2565 2566 2568 2569 2571 2572 2574 2578 2580 2582 2584)

# wire_nft [--setup FN] ARG...: `nft ARG...` of ours and of the reference,
# through wire_cmd: each in a fresh namespace of its own (prepared by the
# shell function FN, if given), they must send the same changes and print
# the same with the same exit status.  For what the kernel here cannot do:
# its refusal is the same on both sides.
wire_nft() {
	local opts=() type

	if [ "$1" = --setup ]; then
		opts+=(--setup "$2")
		shift 2
	fi
	for type in "${NLKIT_NFT_CHANGE_TYPES[@]}"; do
		opts+=(--type "$type")
	done
	wire_cmd "${opts[@]}" --output "$NLKIT_NFT" "$NLKIT_REF_NFT" "$@"
}

# nft_mask_process: stdin to stdout, the pid in "# new generation N by
# process PID (NAME)" masked; under valgrind the name too, which is then
# valgrind's process's (memcheck-amd64-).
nft_mask_process() {
	if [ -n "${NLKIT_VALGRIND_LOGS:-}" ]; then
		sed -E 's/by process [0-9]* \([^)]*\)$/by process PID (NAME)/'
	else
		sed 's/by process [0-9]*/by process PID/'
	fi
}
