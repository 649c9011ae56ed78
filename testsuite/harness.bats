#!/usr/bin/env bats
# Tests of the test harness itself (lib/common.bash, tools/, run): each one
# shows that a check can fail, so that a passing suite means something.
# They use the reference ip only, so that they run before ours is built.
# shellcheck disable=SC2034,SC2153,SC2154 # variables lib/common.bash uses and sets

load lib/common

# fake_cmd NAME SCRIPT: write SCRIPT as the executable shell script NAME in
# the test's temporary directory and print its path.
fake_cmd() {
	local path="$BATS_TEST_TMPDIR/$1"

	printf '#!/bin/sh\n%s\n' "$2" >"$path"
	chmod +x "$path"
	echo "$path"
}

@test "diff_cmd passes when both programs print the same" {
	diff_cmd /bin/echo /bin/echo same words
	[ "$output" = "same words" ]
	[ "$status" -eq 0 ]
}

@test "diff_cmd catches a one-byte difference on stdout" {
	run diff_cmd "$(fake_cmd ours 'echo abc')" "$(fake_cmd ref 'echo abd')"
	[ "$status" -eq 1 ]
	[[ $output == *$'--- reference stdout\n+++ our stdout\n'*$'\n-abd\n+abc'* ]]
}

@test "diff_cmd catches a one-byte difference on stderr" {
	run diff_cmd "$(fake_cmd ours 'echo abc >&2')" "$(fake_cmd ref 'echo abd >&2')"
	[ "$status" -eq 1 ]
	[[ $output == *$'--- reference stderr\n+++ our stderr\n'*$'\n-abd\n+abc'* ]]
}

@test "diff_cmd catches a different exit status" {
	run diff_cmd "$(fake_cmd ours 'exit 1')" "$(fake_cmd ref 'exit 0')"
	[ "$status" -eq 1 ]
	[[ $output == *"exit status: reference 0, ours 1"* ]]
}

@test "diff_cmd retries a comparison that differs once" {
	local count="$BATS_TEST_TMPDIR/count"

	echo 0 >"$count"
	diff_cmd "$(fake_cmd ours "n=\$((\$(cat $count) + 1)); echo \$n >$count
		[ \$n -gt 1 ] && echo settled || echo moving")" "$(fake_cmd ref 'echo settled')"
	[ "$(cat "$count")" -eq 2 ]
}

@test "diff_cmd gives up after three attempts" {
	local count="$BATS_TEST_TMPDIR/count"

	echo 0 >"$count"
	run diff_cmd "$(fake_cmd ours "n=\$((\$(cat $count) + 1)); echo \$n >$count
		echo moving")" "$(fake_cmd ref 'echo settled')"
	[ "$status" -eq 1 ]
	[ "$(cat "$count")" -eq 3 ]
}

@test "diff_cmd gives every run the file on its stdin, from the start" {
	local input="$BATS_TEST_TMPDIR/input"

	printf 'line 1\nline 2\n' >"$input"
	# The reference runs second: it must not find the file read already.
	diff_cmd /bin/cat /bin/cat <"$input"
	[ "$output" = "$(printf 'line 1\nline 2')" ]
	run diff_cmd /bin/cat "$(fake_cmd ref 'echo other')" <"$input"
	[ "$status" -eq 1 ]
	[[ $output == *$'\n-other\n+line 1\n+line 2'* ]]
	# A pipe is no file: both read nothing.
	echo piped | {
		diff_cmd /bin/cat /bin/cat
		[ -z "$output" ]
	}
}

@test "diff_fresh gives both sides the file on its stdin, and shows every difference" {
	local input="$BATS_TEST_TMPDIR/input" fresh="$BATS_TEST_TMPDIR/fresh"

	nothing() { :; }
	state_of() { ref -br link show | awk '{ print $1 }'; }
	echo "link add v0 type veth peer name v1" >"$input"
	NLKIT_IP=$NLKIT_REF_IP diff_fresh nothing -batch - <"$input"
	[[ $(cat "$fresh/ours.state") == *$'\nv0@v1'* ]]
	NLKIT_IP=$(fake_cmd ours 'echo other') run diff_fresh nothing -batch - <"$input"
	[ "$status" -eq 1 ]
	[[ $output == *$'--- reference out\n+++ our out\n'*$'\n+other'* ]]
	[[ $output == *$'--- reference state\n+++ our state\n'*$'\n-v0@v1'* ]]
}

@test "diff_cmd rejects invalid JSON when the arguments ask for JSON" {
	local broken opt

	broken=$(fake_cmd broken 'echo "{\"a\": 1"')
	diff_cmd "$broken" "$broken" link show
	for opt in -j -js -json --json; do
		run diff_cmd "$broken" "$broken" "$opt" link show
		[ "$status" -eq 1 ]
		[[ $output == *"our stdout is not valid JSON"* ]]
		[[ $output == *"the reference's stdout is not valid JSON"* ]]
	done
	run diff_cmd --json "$broken" "$broken"
	[ "$status" -eq 1 ]
	diff_cmd --text "$broken" "$broken" -j link show
}

@test "diff_cmd compares JSON in parsed and sorted form" {
	run diff_cmd "$(fake_cmd ours 'echo "{\"b\":2,\"a\":1}"')" \
		"$(fake_cmd ref 'echo "{\"b\":3,\"a\":1}"')" -j link show
	[ "$status" -eq 1 ]
	[[ $output == *$'--- reference stdout (jq -S .)\n'* ]]
	[[ $output == *$'\n   "a": 1,\n-  "b": 3\n+  "b": 2\n'* ]]
}

@test "diff_ip passes for the reference against itself, failures included" {
	NLKIT_IP=$NLKIT_REF_IP

	ref link add v0 type veth peer name v1
	ref addr add 192.0.2.1/24 dev v0
	diff_ip link show
	[[ $output == *" v0@v1: "* ]]
	diff_ip -j addr show
	[[ $output == *'"local":"192.0.2.1"'* ]]
	diff_ip link show dev nlkit-none
	[ "$status" -eq 1 ]
	[[ $stderr == *'"nlkit-none" does not exist'* ]]
}

@test "ns, ref and ours work in the test's namespace, not in the test's own" {
	NLKIT_IP=$NLKIT_REF_IP

	[ "$(ns readlink /proc/self/ns/net)" != "$(readlink /proc/self/ns/net)" ]
	[ "$(ref -br link show | awk '{ print $1 }')" = lo ]
	ref link add v0 type veth peer name v1
	ours link show dev v0
	run ip -br link show
	[[ $output != *v0* ]]
}

@test "each test gets a fresh namespace (1/2: make a link)" {
	ref link add fresh0 type veth peer name fresh1
	ref link show dev fresh0
}

@test "each test gets a fresh namespace (2/2: the link is gone)" {
	run ref link show dev fresh0
	[ "$status" -ne 0 ]
	[[ $output == *'"fresh0" does not exist'* ]]
}

@test "nlkit_teardown ends the process that holds the namespace" {
	local pid=$NLKIT_NS_PID

	kill -0 "$pid"
	nlkit_teardown
	run kill -0 "$pid"
	[ "$status" -ne 0 ]
	[ -z "$NLKIT_NS_PID" ]
	nlkit_setup
	[ "$NLKIT_NS_PID" != "$pid" ]
}

@test "sniff records the exact request, and the request still goes through" {
	local capture="$BATS_TEST_TMPDIR/capture"

	sniff "$capture" "$NLKIT_REF_IP" link add v0 type veth peer name v1
	ref link show dev v1
	# RTM_NEWLINK, flags REQUEST|ACK|EXCL|CREATE: IFLA_IFNAME "v0", then
	# IFLA_LINKINFO holding IFLA_INFO_KIND "veth" and, deeper, the peer's
	# IFLA_IFNAME "v1".
	grep -E '^msg 0 16 1541 [0-9]+ 0 84 0{32}0700030076300000.*0800010076657468.*0700030076310000$' \
		"$capture"
}

@test "sniff records every message of a multi-message send" {
	local capture="$BATS_TEST_TMPDIR/capture"

	command -v nft >/dev/null || skip "nft is not installed"
	sniff "$capture" nft add table inet nlkit
	# NFNL_MSG_BATCH_BEGIN, NFT_MSG_NEWTABLE, NFNL_MSG_BATCH_END: one send.
	[ "$(awk '$1 == "msg" && $2 == 12 { print $3 }' "$capture" | tail -n 3 | paste -sd ' ')" \
		= "16 2560 17" ]
}

@test "sniff_dump keeps state changes by default, --type and --all pick others" {
	local capture="$BATS_TEST_TMPDIR/capture"

	ref link add v0 type veth peer name v1
	sniff "$capture" "$NLKIT_REF_IP" link set dev v0 up
	grep -q '^msg 0 18 ' "$capture"
	run sniff_dump "$capture"
	[ "${lines[0]}" = "proto 0 type 16 RTM_NEWLINK flags 0x5 (REQUEST|ACK) len 32" ]
	# ifinfomsg: ifindex 3 (veth registers the peer, v1, first), IFF_UP set
	[ "${lines[1]}" = "  header 00 00 00 00 03 00 00 00 01 00 00 00 01 00 00 00  |................|" ]
	[ "${#lines[@]}" -eq 2 ]
	run sniff_dump --type RTM_GETLINK "$capture"
	[[ ${lines[0]} == "proto 0 type 18 RTM_GETLINK "* ]]
	[[ $output != *RTM_NEWLINK* ]]
	run sniff_dump --all "$capture"
	[[ $output == *RTM_GETLINK*RTM_NEWLINK* ]]
}

@test "wire_cmd passes for the reference against itself" {
	NLKIT_IP=$NLKIT_REF_IP

	wire_ip link add v0 type veth peer name v1
	# Each side ran in a namespace of its own, not in the test's.
	run ref link show dev v0
	[ "$status" -ne 0 ]
}

@test "wire_cmd sees two different ip link add command lines" {
	local ours

	ours=$(fake_cmd ours "exec $NLKIT_REF_IP link add v0 mtu 1400 type veth peer name v1")
	run wire_cmd "$ours" "$NLKIT_REF_IP" link add v0 type veth peer name v1
	[ "$status" -eq 1 ]
	[[ $output == *$'--- reference requests\n+++ our requests\n'* ]]
	# IFLA_MTU 1400
	[[ $output == *$'\n+  attr 4 len 8: 78 05 00 00 '* ]]
}

@test "wire_cmd sees a different exit status" {
	local ours

	ours=$(fake_cmd ours "$NLKIT_REF_IP \"\$@\"; exit 3")
	run wire_cmd "$ours" "$NLKIT_REF_IP" link add v0 type veth peer name v1
	[ "$status" -eq 1 ]
	[[ $output == *"exit status: reference 0, ours 3"* ]]
}

make_v0() {
	ref link add v0 type veth peer name v1
}

@test "wire_cmd --setup prepares both namespaces; nothing compared fails" {
	NLKIT_IP=$NLKIT_REF_IP

	wire_ip --setup make_v0 link set dev v0 up
	wire_ip --setup make_v0 --type RTM_GETLINK link set dev v0 up
	run wire_ip link set dev v0 up
	[ "$status" -eq 1 ]
	[[ $output == *"no message to compare"* ]]
}

@test "wire_cmd leaves no namespace process behind" {
	local pid

	NLKIT_IP=$NLKIT_REF_IP wire_ip link add v0 type veth peer name v1
	[ "${#NLKIT_NS_PIDS[@]}" -eq 3 ]
	for pid in "${NLKIT_NS_PIDS[@]}"; do
		[ "$pid" = "$NLKIT_NS_PID" ] && continue
		run kill -0 "$pid"
		[ "$status" -ne 0 ]
	done
}

@test "unit runs a unit test program and fails with its stderr" {
	local unit_dir="$BATS_TEST_TMPDIR/build/testsuite/unit"

	mkdir -p "$unit_dir"
	NLKIT_BUILD="$BATS_TEST_TMPDIR/build"
	printf '#!/bin/sh\necho "$@" >%s\n' "$BATS_TEST_TMPDIR/args" >"$unit_dir/good_test"
	printf '#!/bin/sh\necho "x_test.c:7: check failed: boom" >&2\nexit 1\n' \
		>"$unit_dir/bad_test"
	chmod +x "$unit_dir/good_test" "$unit_dir/bad_test"

	unit good_test some_case
	[ "$(cat "$BATS_TEST_TMPDIR/args")" = some_case ]
	run unit bad_test
	[ "$status" -eq 1 ]
	[[ $output == *"x_test.c:7: check failed: boom"* ]]
	run unit missing_test
	[ "$status" -eq 1 ]
	[[ $output == *"missing_test is not built"* ]]
}

@test "have_link_kind tells kinds apart, outside the test's namespace" {
	have_link_kind veth
	have_link_kind bridge
	run have_link_kind nlkit-no-such-kind
	[ "$status" -ne 0 ]
	[ "$(ref -br link show | awk '{ print $1 }')" = lo ]
}

@test "require_link_kind skips only when the kind is missing" {
	local skipped=

	skip() { skipped=$1; }
	require_link_kind veth
	[ -z "$skipped" ]
	require_link_kind nlkit-no-such-kind
	[ "$skipped" = "the kernel cannot make nlkit-no-such-kind links" ]
}

@test "runstat reports time, peak RSS and status, and leaves stdout alone" {
	local out="$BATS_TEST_TMPDIR/out" err="$BATS_TEST_TMPDIR/err" exit_status=0

	"$NLKIT_RUNSTAT" sh -c 'echo out; echo err >&2; exit 3' >"$out" 2>"$err" ||
		exit_status=$?
	[ "$exit_status" -eq 3 ]
	[ "$(cat "$out")" = out ]
	[ "$(head -n 1 "$err")" = err ]
	tail -n 1 "$err" | grep -Eq '^wall_s=[0-9]+\.[0-9]{6} maxrss_kb=[1-9][0-9]* status=3$'
	run "$NLKIT_RUNSTAT" sh -c 'kill -TERM $$'
	[[ $output == *" status=143" ]]
	run -127 "$NLKIT_RUNSTAT" /nonexistent/nlkit
}

@test "the runner counts passes, failures and skips, and fails on a failure" {
	local dir=$BATS_TEST_TMPDIR

	printf '@test "a" { true; }\n@test "b" { false; }\n@test "c" { skip; }\n' >"$dir/mixed.bats"
	printf '@test "a" { true; }\n' >"$dir/good.bats"
	printf '@test "a" { true; \n' >"$dir/broken.bats"

	run "$NLKIT_TOP/testsuite/run" "$dir/mixed.bats"
	[ "$status" -eq 1 ]
	[ "${lines[-1]}" = "1 passed, 1 failed, 1 skipped" ]
	run "$NLKIT_TOP/testsuite/run" "$dir/good.bats"
	[ "$status" -eq 0 ]
	[ "${lines[-1]}" = "1 passed, 0 failed" ]
	run "$NLKIT_TOP/testsuite/run" "$dir/good.bats" "$dir/broken.bats"
	[ "$status" -eq 1 ]
	[[ ${lines[-1]} == *" passed, "[1-9]*" failed" ]]
}
