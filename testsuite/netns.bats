#!/usr/bin/env bats
# ip netns: ours against the reference.  Each scenario runs twice, once
# with each ip, in a network namespace and a private mount namespace of its
# own with an empty tmpfs on /run, so that neither run sees the other's
# names and nothing reaches the host's /run/netns.

load lib/common

# scenario SCRIPT: run the bash SCRIPT with $IP naming ours, then the
# reference; their stdout, stderr and exit status must be the same.
scenario() {
	local side dir="$BATS_TEST_TMPDIR/scenario" status
	local -A bin=([ours]="$NLKIT_IP" [ref]="$NLKIT_REF_IP")

	for side in ours ref; do
		mkdir -p "$dir/$side"
		status=0
		IP=${bin[$side]} unshare -n -m --propagation private \
			timeout -k 5 "$NLKIT_CMD_TIMEOUT" bash -c \
			'mount -t tmpfs none /run || exit 99; cd /; '"$1" \
			</dev/null >"$dir/$side/out" 2>"$dir/$side/err" || status=$?
		echo "$status" >"$dir/$side/status"
	done
	if ! nlkit_same_results "$dir" ""; then
		echo "scenario: ours and the reference differ on: $1"
		nlkit_show_differences "$dir" ""
		return 1
	fi
	output=$(cat "$dir/ours/out")
}

# The host's names, to check that no test leaves one behind.
host_names() {
	ls -A /run/netns 2>/dev/null || true
}

setup() {
	nlkit_setup
	HOST_NAMES_BEFORE=$(host_names)
}

teardown() {
	[ "$(host_names)" = "$HOST_NAMES_BEFORE" ] ||
		echo "the host's /run/netns changed" >&2
	nlkit_teardown
}

@test "list with no /run/netns, an empty one, and names with ids" {
	scenario '$IP netns; echo $?; $IP -j netns list; $IP netns list-id; $IP -j netns list-id
		mkdir /run/netns; $IP -j netns; $IP -j -p netns
		$IP netns add a; $IP netns add b; $IP netns list; $IP netns
		$IP netns set a 5; $IP netns set b auto
		$IP netns list; $IP -j netns; $IP -j -p netns show; $IP netns s; $IP netns l
		$IP netns list-id; $IP -j netns list-id; $IP netns list-id nsid 5
		$IP netns list-id nsid 7; echo $?'
	[[ $output == *"a (id: 5)"* ]]
}

@test "add makes /run/netns a shared mount point bound on itself" {
	scenario '$IP netns add a; echo $?
		awk "\$5 == \"/run/netns\" { print \$4, (\$7 ~ /shared/) }" /proc/self/mountinfo
		$IP netns add a; echo $?; $IP netns add; echo $?; $IP netns add a/b; echo $?
		$IP netns add ..; echo $?; ls /run/netns; $IP netns delete a; ls /run/netns'
	[[ $output == *"/netns 1"* ]]
}

@test "exec runs the command inside, with /sys and /etc/netns of that namespace" {
	scenario '$IP netns add a
		$IP netns exec a '"$NLKIT_REF_IP"' link add v0 type veth peer name v1
		$IP netns exec a ls /sys/class/net; $IP netns exec a $IP netns identify
		$IP netns exec a sh -c "$IP netns identify \$\$; exit 3"; echo $?
		$IP netns exec a false; echo $?; $IP netns exec a nosuchcmd; echo $?
		$IP netns exec a; echo $?; $IP netns exec; echo $?
		$IP netns exec nosuch true; echo $?
		mkdir -p /run/etc/u /run/etc/w
		mount -t overlay none -o lowerdir=/etc,upperdir=/run/etc/u,workdir=/run/etc/w /etc
		mkdir -p /etc/netns/a/sub; echo "nameserver 192.0.2.1" >/etc/netns/a/resolv.conf
		echo new >/etc/netns/a/newfile
		$IP netns exec a cat /etc/resolv.conf; cat /etc/resolv.conf | grep -c 192.0.2.1'
	[[ $output == *v0* && $output == *"nameserver 192.0.2.1"* ]]
}

@test "identify and pids" {
	scenario '$IP netns add a; $IP netns identify; $IP netns identify 1 2; echo $?
		$IP netns identify abc; echo $?; $IP netns identify 999999; echo $?
		$IP netns exec a sleep 60.25 &
		until pid=$(pgrep -f "^sleep 60.25$"); do sleep 0.1; done
		[ "$($IP netns pids a)" = "$pid" ] && echo same pids
		$IP netns identify "$pid"
		kill %1; wait
		$IP netns pids; echo $?; $IP netns pids nosuch; echo $?; $IP netns pids a b; echo $?'
	[[ $output == *"same pids"* ]]
}

@test "attach, set, list-id with a target, and their errors" {
	scenario 'unshare -n sleep 60.5 &
		until pid=$(pgrep -f "^sleep 60.5$"); do sleep 0.1; done
		$IP netns attach b "$pid"; echo $?; $IP netns attach c 999999; echo $?
		$IP netns attach c abc; echo $?; $IP netns attach c; echo $?; ls /run/netns
		$IP netns add a; $IP netns set a 5; $IP netns set a 5; echo $?
		$IP netns set a 6; echo $?; $IP netns set b 5; echo $?
		$IP netns set a; echo $?; $IP netns set a foo; echo $?; $IP netns set nosuch 3; echo $?
		$IP netns exec a $IP netns set b 9
		$IP netns list-id target-nsid 5; $IP -j netns list-id target-nsid 5
		$IP netns list-id nsid 5 target-nsid 5; $IP -j netns list-id nsid 5 target-nsid 5
		$IP netns list-id target-nsid x; echo $?; $IP netns list-id foo; echo $?
		$IP netns exec a $IP netns list-id; kill %1; wait'
}

@test "-all exec and -all delete" {
	scenario '$IP netns add a; $IP netns add b; $IP netns add c
		$IP -all netns exec $IP netns identify; echo $?
		$IP -all netns exec false; echo $?; $IP -all netns exec nosuchcmd; echo $?
		$IP -all netns exec; echo $?; $IP netns delete; echo $?
		$IP netns delete nosuch; echo $?; $IP -all netns delete; echo $?; ls -A /run/netns'
}

@test "-n NAME with several objects, and monitor" {
	scenario '$IP netns add a; $IP -n a link add v0 type veth peer name v1 2>/dev/null ||
			$IP netns exec a '"$NLKIT_REF_IP"' link add v0 type veth peer name v1
		$IP -n a link show v0 | head -1; $IP -n a -br addr; $IP -n a -j link show lo
		$IP -n nosuch link; echo $?
		stdbuf -oL $IP netns monitor >/run/monitor.out & sleep 0.5
		$IP netns add b; $IP netns delete b; sleep 0.5; kill %1; wait; cat /run/monitor.out'
}

@test "unknown commands, help and abbreviations" {
	scenario '$IP netns foo; echo $?; $IP netns help; echo $?; $IP netns add a
		for w in li sh i p; do $IP netns $w; echo "$w $?"; done'
}
