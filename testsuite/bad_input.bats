#!/usr/bin/env bats
# Bad input: command lines, batch files and filters that must fail.  Each
# case of the tables in testsuite/bad_input/ (a line of a .cases file) runs
# with ours and with the reference, in a namespace holding the topology
# below; ours must print what the reference prints (stdout, stderr) and exit
# with its status, which must not be 0, and the namespace's state (every
# dump of state_dump) must be what it was: nothing applied, not even in
# part.  Every case runs with a private, empty /run, which must stay empty:
# no namespace file made, no lock left.  A failure names the file and line
# of each case that failed, with the differences.
#
# The tables of nft's own language are testsuite/nft/bad (nft.bats).

load lib/common

NLKIT_SS=${NLKIT_SS:-$NLKIT_BUILD/ss/ss}
NLKIT_REF_SS=${NLKIT_REF_SS:-/usr/bin/ss}
NLKIT_NFT=${NLKIT_NFT:-$NLKIT_BUILD/nft/nft}
NLKIT_REF_NFT=${NLKIT_REF_NFT:-/usr/sbin/nft}
CASES=$NLKIT_TOP/testsuite/bad_input

# The topology the cases run against, made with the reference: links,
# addresses, routes, a rule, a neighbour, nexthops, an xfrm policy (not
# a state: hosts without ESP are many), an nft table, so that the cases can
# name what exists (and fail to make it again).  No IPv6 link-local address and no up link of its
# own carrier: nothing changes on its own while the cases run.
make_topology() {
	ns sysctl -qw net.ipv6.conf.default.addr_gen_mode=1 net.ipv6.conf.all.addr_gen_mode=1
	# Addresses of their own, so that a fresh topology shows the same.
	ref link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
	ref link add br0 address 02:00:00:00:00:03 type bridge
	ref link set v0 up
	ref link set v1 up
	ref address add 10.0.0.1/24 dev v0
	ref address add 2001:db8::1/64 dev v0 nodad
	ref route add 192.0.2.0/24 via 10.0.0.2
	ref -6 route add 2001:db8:1::/64 via 2001:db8::2
	ref rule add from 10.1.0.0/16 table 100 pref 100
	ref neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0 nud permanent
	ref nexthop add id 1 via 10.0.0.2 dev v0
	ref nexthop add id 10 group 1
	ref xfrm policy add src 10.0.0.0/24 dst 10.1.0.0/24 dir out \
		tmpl src 10.0.0.1 dst 10.0.0.2 proto esp mode tunnel
	ns "$NLKIT_REF_NFT" add table inet keep
}

# state_dump: the namespace's whole state, as the reference shows it (one
# shell in the namespace runs every dump: a case costs two dumps).
state_dump() {
	# shellcheck disable=SC2016 # for the inner shell
	ns env REF_IP="$NLKIT_REF_IP" REF_NFT="$NLKIT_REF_NFT" bash -c '
	while read -r dump; do
		echo "== ip $dump"
		$REF_IP $dump 2>&1
	done <<-EOF
	-d link show
	-d address show
	-4 route show table all
	-6 route show table all
	-4 rule show
	-6 rule show
	neigh show
	nexthop show
	xfrm state
	xfrm policy
	tuntap show
	EOF
	echo "== nft list ruleset"
	$REF_NFT list ruleset 2>&1'
}

# run_case DIR PROG ARG...: run PROG with the arguments in the test's
# namespace, from the cases' directory, with a private empty /run; DIR gets
# out, err and status (as nlkit_capture does) and run: what /run holds after.
run_case() {
	local dir=$1 status=0
	shift

	mkdir -p "$dir"
	# shellcheck disable=SC2016 # for the inner shell
	(cd "$CASES" && ns unshare -m --propagation private \
		timeout -k 5 "$NLKIT_CMD_TIMEOUT" sh -c '
		mount -t tmpfs nlkit-run /run || exit 99
		run_list=$1
		shift
		"$@"
		status=$?
		find /run -mindepth 1 >"$run_list"
		exit $status' sh "$dir/run" "$@") </dev/null >"$dir/out" 2>"$dir/err" || status=$?
	echo "$status" >"$dir/status"
}

# fresh_topology: the test's namespace replaced by a new one holding the
# topology, after a case changed the state.
fresh_topology() {
	nlkit_teardown
	nlkit_setup
	make_topology
}

# check_case WHERE COMPARE OURS REF ARG...: one case (WHERE: its file and
# line); prints what is wrong with it, and fails then.  COMPARE empty: the
# reference goes wrong on this case (see the .cases files) and is not run;
# ours must fail with one line (and maybe blank ones) on stderr, nothing
# on stdout.  The state to
# compare with is in $BATS_TEST_TMPDIR/state.
check_case() {
	local where=$1 compare=$2 ours_prog=$3 ref_prog=$4 side bad=''
	local dir="$BATS_TEST_TMPDIR/case" state="$BATS_TEST_TMPDIR/state"
	shift 4

	rm -rf "$dir"
	for side in ours ${compare:+ref}; do
		if [ "$side" = ours ]; then
			run_case "$dir/ours" "$ours_prog" "$@"
		else
			run_case "$dir/ref" "$ref_prog" "$@"
		fi
		state_dump >"$dir/$side/state"
		if ! cmp -s "$state" "$dir/$side/state"; then
			if [ "$side" = ours ]; then
				echo "ours changed the state:"
			else
				echo "the reference changed the state (a bad case?):"
			fi
			diff -u --label before --label after "$state" "$dir/$side/state" || true
			# The next side and the next cases start from the topology.
			fresh_topology
			bad=1
		fi
		# Without the list, the case never ran to its end (no private
		# /run, or a hang): both sides failing alike so would prove nothing.
		if [ ! -e "$dir/$side/run" ]; then
			echo "$side did not run to its end (status $(cat "$dir/$side/status")):" \
				"$(cat "$dir/$side/err")"
			bad=1
		elif [ -s "$dir/$side/run" ]; then
			echo "$side left in /run: $(cat "$dir/$side/run")"
			bad=1
		fi
	done
	if [ -n "$compare" ]; then
		if ! nlkit_same_results "$dir" ""; then
			nlkit_show_differences "$dir" ""
			bad=1
		fi
		if [ "$(cat "$dir/ref/status")" = 0 ]; then
			echo "the reference accepts this case: it is no bad input"
			bad=1
		fi
	elif [ -s "$dir/ours/out" ] || [ "$(grep -c . "$dir/ours/err")" != 1 ]; then
		echo "ours does not fail with one line on stderr alone:"
		cat "$dir/ours/out" "$dir/ours/err"
		bad=1
	fi
	if [ "$(cat "$dir/ours/status")" = 0 ] || [ ! -s "$dir/ours/err" ]; then
		echo "ours succeeds, or says nothing on stderr"
		bad=1
	fi
	if [ -n "$bad" ]; then
		echo "^^^ $where: $*"
		return 1
	fi
}

# check_table FILE OURS REF: every case of the table FILE; fails, after
# trying them all, when one failed.  A line starting with "~ " is a case
# the reference goes wrong on (check_case).
check_table() {
	local file=$1 ours_prog=$2 ref_prog=$3 line lineno=0 count=0 failed=0
	local compare
	local -a words

	state_dump >"$BATS_TEST_TMPDIR/state"
	while IFS= read -r line; do
		lineno=$((lineno + 1))
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		compare=1
		if [[ $line == "~ "* ]]; then
			compare=
			line=${line#"~ "}
		fi
		# The line is words as the shell splits them, quotes and all.
		count=$((count + 1))
		if ! eval "words=($line)"; then
			echo "^^^ ${file##*/}:$lineno: the line does not split into words"
			failed=$((failed + 1))
			continue
		fi
		check_case "${file##*/}:$lineno" "$compare" "$ours_prog" "$ref_prog" \
			"${words[@]}" || failed=$((failed + 1))
	done <"$file"
	echo "${file##*/}: $count cases, $failed failed"
	[ "$count" -gt 0 ] && [ "$failed" = 0 ]
}

setup() {
	nlkit_setup
	make_topology
}

@test "ip: bad command lines fail as the reference's, changing nothing" {
	check_table "$CASES/ip.cases" "$NLKIT_IP" "$NLKIT_REF_IP"
}

@test "ip -batch: bad batch files fail as the reference's, changing nothing" {
	check_table "$CASES/batch.cases" "$NLKIT_IP" "$NLKIT_REF_IP"
}

@test "ss: bad options and filters fail as the reference's" {
	check_table "$CASES/ss.cases" "$NLKIT_SS" "$NLKIT_REF_SS"
}

@test "nft: bad command lines fail as the reference's, changing nothing" {
	check_table "$CASES/nft.cases" "$NLKIT_NFT" "$NLKIT_REF_NFT"
}

@test "the tables hold at least 200 cases" {
	local total

	total=$(cat "$CASES"/*.cases | grep -cvE '^[[:space:]]*(#|$)')
	echo "$total cases"
	[ "$total" -ge 200 ]
}
