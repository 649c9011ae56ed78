#!/usr/bin/env bats
# Hardening: what ip leaves to the programs it starts (no descriptor), and
# what it does without the privilege to change anything (fail as the
# reference does, still show).

load lib/common

# in_private_run SCRIPT: run the bash SCRIPT with $IP naming ours, in a
# network namespace and a private mount namespace of its own with an empty
# tmpfs on /run (as netns.bats does), with every descriptor above 2
# closed first, so that what a command finds open is what ip left open.
in_private_run() {
	IP=$NLKIT_IP unshare -n -m --propagation private \
		timeout -k 5 "$NLKIT_CMD_TIMEOUT" bash -c '
		mount -t tmpfs none /run || exit 99
		cd /
		for fd in /proc/$$/fd/*; do
			fd=${fd##*/}
			[ "$fd" -gt 2 ] && eval "exec $fd>&-"
		done
		'"$1" </dev/null
}

@test "the descriptors a command starts with, without ip" {
	run in_private_run 'ls /proc/self/fd'
	[ "$status" -eq 0 ]
	# ls's own, for reading the directory, is 3.
	[ "$output" = "$(printf '0\n1\n2\n3')" ]
}

@test "ip netns exec: the command inherits no descriptor from ip" {
	run in_private_run '$IP netns add a && $IP netns exec a ls /proc/self/fd'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '0\n1\n2\n3')" ]
}

@test "ip -all netns exec: no descriptor either, in each namespace" {
	run in_private_run '$IP netns add a && $IP netns add b &&
		$IP -all netns exec ls /proc/self/fd'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '\nnetns: a\n0\n1\n2\n3\n\nnetns: b\n0\n1\n2\n3')" ] ||
		[ "$output" = "$(printf '\nnetns: b\n0\n1\n2\n3\n\nnetns: a\n0\n1\n2\n3')" ]
}

@test "ip -batch netns exec: neither the batch file nor the sockets of the batch" {
	printf 'netns add a\nnetns exec a ls /proc/self/fd\n' >"$BATS_TEST_TMPDIR/batch"
	run in_private_run '$IP -batch '"$BATS_TEST_TMPDIR/batch"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '0\n1\n2\n3')" ]
}

# Running without CAP_NET_ADMIN: as nobody with no capability left where
# the run may change its user (as root), otherwise as the user it is (root
# of the suite's user namespace) with every capability dropped.  Either
# way the kernel refuses every change with EPERM.
unprivileged_prefix() {
	local drop=(setpriv --inh-caps=-all --ambient-caps=-all --bounding-set=-all)

	if ns "${drop[@]}" --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
		echo "${drop[*]} --reuid=65534 --regid=65534 --clear-groups"
	else
		echo "${drop[*]}"
	fi
}

# unprivileged_wrappers: $OURS_UNPRIV and $REF_UNPRIV, programs that run
# ours and the reference without the privilege.
unprivileged_wrappers() {
	local prefix side bin

	prefix=$(unprivileged_prefix)
	for side in ours ref; do
		[ $side = ours ] && bin=$NLKIT_IP || bin=$NLKIT_REF_IP
		printf '#!/bin/sh\nexec %s %s "$@"\n' "$prefix" "$bin" \
			>"$BATS_TEST_TMPDIR/$side-unpriv"
		chmod +x "$BATS_TEST_TMPDIR/$side-unpriv"
	done
	OURS_UNPRIV=$BATS_TEST_TMPDIR/ours-unpriv
	REF_UNPRIV=$BATS_TEST_TMPDIR/ref-unpriv
}

# The state the changes below would touch, made with privilege.
make_state() {
	ours link add v0 type veth peer name v1
	ours link set v0 up
	ours address add 10.0.0.1/24 dev v0
	ours route add 192.0.2.0/24 via 10.0.0.2
	ours neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0
}

@test "without CAP_NET_ADMIN the changes fail with the kernel's EPERM, as in the reference" {
	local change

	unprivileged_wrappers
	make_state
	# The harness can drop the privilege: a test that cannot fail otherwise.
	run ns "$OURS_UNPRIV" link add d0 type veth
	[ "$status" -ne 0 ]
	while IFS= read -r change; do
		# shellcheck disable=SC2086 # the words of the command
		diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" $change
		[ "$status" -eq 2 ] || { echo "$change: status $status"; false; }
		[ "$stderr" = "RTNETLINK answers: Operation not permitted" ] ||
			{ echo "$change: $stderr"; false; }
	done <<-'EOF'
	link add d0 type veth
	link add d1 type veth peer name d2
	link set v0 down
	link set v0 mtu 1400
	link set v1 name w1
	link del v1
	address add 10.0.1.1/24 dev v0
	address del 10.0.0.1/24 dev v0
	route add 198.51.100.0/24 via 10.0.0.2
	route del 192.0.2.0/24
	rule add from 10.0.0.0/8 table 100
	neigh add 10.0.0.3 lladdr 02:00:00:00:00:03 dev v0
	neigh del 10.0.0.2 dev v0
	nexthop add id 1 via 10.0.0.2 dev v0
	EOF
	# Nothing changed.
	run ours -br link show v1
	[[ $output == v1@v0* ]]
}

@test "without CAP_NET_ADMIN the show commands work, as in the reference" {
	local show

	unprivileged_wrappers
	make_state
	while IFS= read -r show; do
		# shellcheck disable=SC2086 # the words of the command
		diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" $show
		[ "$status" -eq 0 ] || { echo "$show: status $status"; false; }
	done <<-'EOF'
	link show
	-d -s link show
	address show
	-j address show dev v0
	route show
	-6 route show
	rule show
	neigh show
	nexthop show
	EOF
	diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" route show 192.0.2.0/24
	# (with "linkdown" until the veth pair has its carrier)
	[[ $output == "192.0.2.0/24 via 10.0.0.2 dev v0 "* ]] || { echo "route: $output"; false; }
}
