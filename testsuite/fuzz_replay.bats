#!/usr/bin/env bats
# The fuzz targets' corpora (fuzz/corpus/TARGET: the seeds and every input
# that once crashed a target), replayed through the targets built without
# libFuzzer ($NLKIT_BUILD/fuzz/replay-TARGET): each input must run through
# without a crash, and with `make SANITIZE=1 check` without a sanitizer's
# complaint.  Nothing here talks to the kernel.

load lib/common

# replay TARGET: run every input of TARGET's corpus.
replay() {
	local program=$NLKIT_BUILD/fuzz/replay-$1 corpus=$NLKIT_TOP/fuzz/corpus/$1

	[ -x "$program" ] || { echo "no $program: build it with make"; return 1; }
	[ -n "$(ls -A "$corpus")" ] || { echo "empty corpus $corpus"; return 1; }
	# Their output is what the inputs make the code under test say.
	run --separate-stderr timeout -k 5 "$NLKIT_CMD_TIMEOUT" "$program" "$corpus"
	if [ "$status" -ne 0 ]; then
		printf '%s\n' "$stderr" | tail -40
		return 1
	fi
}

@test "fuzz corpus replays: rtnl_link (link printers)" {
	replay rtnl_link
}

@test "fuzz corpus replays: rtnl_show (ip show commands on fuzzed replies)" {
	replay rtnl_show
}

@test "fuzz corpus replays: addr (address, prefix, lladdr parsers)" {
	replay addr
}

@test "fuzz corpus replays: attr (attribute parsing)" {
	replay attr
}

@test "fuzz corpus replays: names (name-table files)" {
	replay names
}

@test "fuzz corpus replays: nft_parse (nft parser and evaluation)" {
	replay nft_parse
}

@test "fuzz corpus replays: ss_filter (ss filter parser, bytecode, matching)" {
	replay ss_filter
}

@test "fuzz corpus replays: xfrm (ip xfrm list, get, count, deleteall, monitor)" {
	replay xfrm
}

@test "fuzz corpus replays: sock_diag (ss tables on fuzzed sock_diag replies)" {
	replay sock_diag
}

@test "fuzz corpus replays: nft_replies (nft listings and monitor on fuzzed replies)" {
	replay nft_replies
}

@test "fuzz corpus replays: ip_args (ip's changing commands, every request acknowledged)" {
	replay ip_args
}

@test "a replay program fails on an input it cannot read" {
	run "$NLKIT_BUILD/fuzz/replay-attr" /nonexistent/input
	[ "$status" -ne 0 ]
}
