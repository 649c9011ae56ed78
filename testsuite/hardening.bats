#!/usr/bin/env bats
# Hardening: what ip leaves to the programs it starts (no descriptor), where
# the changing commands write (only namespace files and named files), and
# what ip, ss and nft do without the privilege to change anything (fail as
# the reference does, change and write nothing, still show).

load lib/common
load lib/nft

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

# fd_numbers: from `ls -l /proc/self/fd` output on stdin, the numbers of
# the descriptors, one a line (other lines as they are, the "total" one
# left out), less the one ls reads the directory with.  Under `make check
# VALGRIND=1` it leaves out the one valgrind's report is written to too:
# valgrind, not ip, leaves that one open for the program ip starts
# (testsuite/tools/valgrind-wrap).
fd_numbers() {
	awk -v logs="${NLKIT_VALGRIND_LOGS:-}" '
		/^total / { next }
		NF >= 3 && $(NF - 1) == "->" {
			if ($NF !~ /^\/proc\/[0-9]+\/fd$/ &&
			    (logs == "" || index($NF, logs "/") != 1))
				print $(NF - 2)
			next
		}
		{ print }'
}

@test "the descriptors a command starts with, without ip" {
	run in_private_run 'ls -l /proc/self/fd'
	[ "$status" -eq 0 ]
	[ "$(fd_numbers <<<"$output")" = "$(printf '0\n1\n2')" ]
}

@test "ip netns exec: the command inherits no descriptor from ip" {
	run in_private_run '$IP netns add a && $IP netns exec a ls -l /proc/self/fd'
	[ "$status" -eq 0 ]
	[ "$(fd_numbers <<<"$output")" = "$(printf '0\n1\n2')" ]
}

@test "ip -all netns exec: no descriptor either, in each namespace" {
	run in_private_run '$IP netns add a && $IP netns add b &&
		$IP -all netns exec ls -l /proc/self/fd'
	[ "$status" -eq 0 ]
	output=$(fd_numbers <<<"$output")
	[ "$output" = "$(printf '\nnetns: a\n0\n1\n2\n\nnetns: b\n0\n1\n2')" ] ||
		[ "$output" = "$(printf '\nnetns: b\n0\n1\n2\n\nnetns: a\n0\n1\n2')" ]
}

@test "ip -batch netns exec: neither the batch file nor the sockets of the batch" {
	printf 'netns add a\nnetns exec a ls -l /proc/self/fd\n' >"$BATS_TEST_TMPDIR/batch"
	run in_private_run '$IP -batch '"$BATS_TEST_TMPDIR/batch"
	[ "$status" -eq 0 ]
	[ "$(fd_numbers <<<"$output")" = "$(printf '0\n1\n2')" ]
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

NLKIT_SS=${NLKIT_SS:-$NLKIT_BUILD/ss/ss}
NLKIT_REF_SS=${NLKIT_REF_SS:-/usr/bin/ss}
NLKIT_SOCKFARM=${NLKIT_SOCKFARM:-$NLKIT_BUILD/testsuite/tools/sockfarm}

# unprivileged_wrappers [PROGRAM]: $OURS_UNPRIV and $REF_UNPRIV, programs
# that run ours and the reference PROGRAM (ip, ss or nft; ip by default)
# without the privilege.
unprivileged_wrappers() {
	local prefix side bin program=${1:-ip}
	local -A ours=([ip]=$NLKIT_IP [ss]=$NLKIT_SS [nft]=$NLKIT_NFT)
	local -A ref=([ip]=$NLKIT_REF_IP [ss]=$NLKIT_REF_SS [nft]=$NLKIT_REF_NFT)

	prefix=$(unprivileged_prefix)
	for side in ours ref; do
		[ $side = ours ] && bin=${ours[$program]} || bin=${ref[$program]}
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

# same_unprivileged EXPECTED_STATUS: each line of stdin, a command line,
# run without the privilege by ours and by the reference, must fail alike
# with that status.
same_unprivileged() {
	local expected=$1 cmd

	while IFS= read -r cmd; do
		# shellcheck disable=SC2086 # the words of the command
		diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" $cmd
		[ "$status" -eq "$expected" ] || { echo "$cmd: status $status"; return 1; }
		[[ $stderr == *"Operation not permitted"* ]] || { echo "$cmd: $stderr"; return 1; }
	done
}

@test "without CAP_NET_ADMIN the flushes report the refusal and fail, as in the reference" {
	unprivileged_wrappers
	make_state
	same_unprivileged 2 <<-'EOF'
	route flush 192.0.2.0/24
	-s -s route flush root 192.0.2.0/24
	EOF
	ours rule add from 10.0.0.0/8 table 100
	same_unprivileged 255 <<-'EOF'
	address flush dev v0
	rule flush
	EOF
	same_unprivileged 1 <<<'neigh flush dev v0 nud permanent'
	# (the batch on standard input: nobody may not read the test's files)
	echo 'route flush 192.0.2.0/24' >"$BATS_TEST_TMPDIR/batch"
	diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" -batch - <"$BATS_TEST_TMPDIR/batch"
	[ "$stderr" = "$(printf 'Failed to send flush request: Operation not permitted\nCommand failed -:1')" ]
	# Nothing went.
	run -0 ref route show 192.0.2.0/24
	[ -n "$output" ]
}

@test "without CAP_NET_ADMIN ip xfrm changes fail with EPERM, as in the reference" {
	unprivileged_wrappers
	ours xfrm policy add src 10.0.0.0/24 dst 10.1.0.0/24 dir out
	same_unprivileged 2 <<-'EOF'
	xfrm policy add src 10.2.0.0/24 dst 10.3.0.0/24 dir in
	xfrm policy del src 10.0.0.0/24 dst 10.1.0.0/24 dir out
	xfrm policy flush
	xfrm state flush
	xfrm state add src 10.0.0.1 dst 10.0.0.2 proto esp spi 1 enc cbc(aes) 0x00112233445566778899aabbccddeeff
	EOF
	run ref xfrm policy show
	[[ $output == "src 10.0.0.0/24 dst 10.1.0.0/24 "* ]]
	[ "${#lines[@]}" -eq 2 ] || { echo "$output"; false; }
}

# The process holding the sockets of a test (sockfarm), ended with it.
FARM_PID=

teardown() {
	if [ -n "$FARM_PID" ]; then
		kill "$FARM_PID" 2>/dev/null || true
	fi
	nlkit_teardown
}

@test "without CAP_NET_ADMIN ss -K closes nothing, as the reference" {
	unprivileged_wrappers ss
	ours link set lo up
	FARM_PID=$(ns "$NLKIT_SOCKFARM" tcp 127.0.0.1:7000 1)
	diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" -K -tn dport = :7000
	[ "$stderr" = "SOCK_DESTROY answers: Operation not permitted" ]
	run ns "$NLKIT_REF_SS" -Htn
	# The pair of the connection is still there.
	[ "${#lines[@]}" -eq 2 ] || { echo "$output"; false; }
}

# Without the privilege nft fails two ways, as the reference: commands
# that need the ruleset read first fail reading it; the others (a table
# added without a body, flushes) go to the kernel, which refuses the whole
# batch, reported on each command.
@test "without CAP_NET_ADMIN nft fails as the reference, changing nothing" {
	unprivileged_wrappers nft
	ref_nft add table ip keep
	ref_nft add chain ip keep c
	# The harness can drop the privilege: a test that cannot fail otherwise.
	run ns "$OURS_UNPRIV" add table ip t
	[ "$status" -eq 1 ]
	same_unprivileged 1 <<-'EOF'
	add table ip t
	create table ip t
	add table ip x; flush ruleset
	flush table ip keep
	flush chain ip keep c
	flush chain ip nosuch c
	list ruleset
	add chain ip keep d
	delete table ip keep
	add table ip x { }
	-e add table ip x
	EOF
	diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" add table ip t
	[ "$stderr" = $'Error: Could not process rule: Operation not permitted\nadd table ip t\n^^^^^^^^^^^^^^^' ]
	diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" list tables
	[ "$stderr" = $'Operation not permitted (you must be root)\nnetlink: Error: cache initialization failed: Operation not permitted' ]
	# (files on standard input: nobody may not read the test's files)
	printf 'add table ip x\nflush table ip keep\n' >"$BATS_TEST_TMPDIR/refused.nft"
	diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" -f - <"$BATS_TEST_TMPDIR/refused.nft"
	[ "$status" -eq 1 ]
	[ "$(grep -c 'Could not process rule: Operation not permitted' <<<"$stderr")" -eq 2 ]
	printf 'list ruleset\n' >"$BATS_TEST_TMPDIR/cache.nft"
	diff_cmd "$OURS_UNPRIV" "$REF_UNPRIV" -f - <"$BATS_TEST_TMPDIR/cache.nft"
	[ "$stderr" = 'netlink: Error: cache initialization failed: Operation not permitted' ]
	# Nothing changed.
	run -0 ref_nft list ruleset
	[ "$output" = $'table ip keep {\n\tchain c {\n\t}\n}' ]
}

@test "without CAP_NET_ADMIN ip netns add fails as in the reference, writing nothing" {
	local side script

	# shellcheck disable=SC2016 # for in_private_run's shell
	script='$UNPRIV $BIN netns add a; echo "status $?"; $UNPRIV $BIN netns delete a;
		echo "status $?"; find /run -mindepth 1 | sed "s/^/left: /"'
	for side in ours ref; do
		[ "$side" = ours ] && BIN=$NLKIT_IP || BIN=$NLKIT_REF_IP
		BIN=$BIN UNPRIV=$(unprivileged_prefix) run in_private_run "$script"
		echo "$output" >"$BATS_TEST_TMPDIR/$side"
	done
	diff -u "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/ours"
	[[ $output == *"status 1"* ]]
	# At most the directory of namespace files, where the reference makes it too.
	[ -z "$(grep '^left: ' <<<"$output" | grep -vx 'left: /run/netns')" ]
}

# writes_outside: from an strace log on stdin (-f, each line led by a pid),
# the calls that change the file system anywhere but in the namespace
# files (/run/netns, /etc/netns), the files named in $NAMED, /dev/null and
# the tun device, and the sysfs that `ip netns exec` mounts in its own
# mount namespace.  A mount that only changes propagation ("" source) is
# no write.
writes_outside() {
	awk -v named="$NAMED" '
		function allowed(p) {
			return p ~ /^\/run\/netns(\/|$)/ || p ~ /^\/etc\/netns(\/|$)/ ||
			       (named != "" && index(p, named "/") == 1) ||
			       p == "/dev/null" || p == "/dev/net/tun"
		}
		/ = -1 E/ || /resumed>/ || /^[0-9]+ +(\+\+\+|---)/ { next }
		{
			call = $2; sub(/\(.*/, "", call)
			n = split($0, q, "\"")
			first = q[2]; second = q[4]
		}
		call ~ /^(open|openat|openat2)$/ {
			if ($0 ~ /O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)/ && !allowed(first))
				print
			next
		}
		call == "mount" {
			if (first == "" && $0 ~ /MS_(SLAVE|PRIVATE|SHARED)/)
				next
			if (!allowed(second) && second != "/sys")
				print
			next
		}
		call == "umount2" {
			if (!allowed(first) && first != "/sys")
				print
			next
		}
		call ~ /^(rename|renameat|renameat2|link|linkat|symlink|symlinkat)$/ {
			if (!allowed(first) || !allowed(second))
				print
			next
		}
		{ if (!allowed(first)) print }'
}

@test "the changing commands write only namespace files and the files they name" {
	local script

	# valgrind makes and removes files of its own in $TMPDIR, in the
	# program's process: the plain and sanitized runs trace the program.
	[ -z "${NLKIT_VALGRIND_LOGS:-}" ] ||
		skip "under valgrind, whose own files would be traced as the program's"
	export NAMED=$BATS_TEST_TMPDIR/named
	mkdir -p "$NAMED"
	printf 'link add w0 type veth peer name w1\naddress add 10.9.0.1/24 dev w0\n' \
		>"$NAMED/batch"
	printf 'table ip t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t}\n}\n' \
		>"$NAMED/ruleset.nft"
	# shellcheck disable=SC2016 # for in_private_run's shell
	script='S="strace -f -qq -A -o $NAMED/strace.log -e trace=open,openat,openat2,creat,mkdir,mkdirat,mknod,mknodat,unlink,unlinkat,rmdir,rename,renameat,renameat2,link,linkat,symlink,symlinkat,truncate,chmod,fchmodat,chown,fchownat,lchown,utime,utimes,utimensat,setxattr,lsetxattr,removexattr,lremovexattr,mount,umount2"
		$S $IP netns add a && $S $IP netns exec a true && $S $IP -all netns exec true &&
		$S $IP link add v0 type veth peer name v1 && $S $IP link set v1 netns a &&
		$S $IP -batch $NAMED/batch && $S $IP link set w0 up &&
		$S $IP route add 10.8.0.0/16 dev w0 && $S $IP rule add table 7 &&
		$S $IP neigh add 10.9.0.2 lladdr 02:00:00:00:00:02 dev w0 &&
		$S $IP route save >/dev/null && $S $IP route flush dev w0 &&
		$S $IP xfrm policy add dir out src 1.1.1.1 dst 2.2.2.2 &&
		$S $IP tuntap add tp0 mode tap && $S timeout 0.5 $IP monitor;
		$S $NFT -f $NAMED/ruleset.nft && $S $NFT add rule ip t c accept &&
		echo "list ruleset" | $S $NFT -i >/dev/null &&
		$S $SS -K dst 192.0.2.1 && $S $SS -D $NAMED/diag -t &&
		$S $IP netns del a && echo done'
	IP=$NLKIT_IP NFT=$NLKIT_NFT SS=$NLKIT_SS run in_private_run "$script"
	[[ $output == *done* ]]
	[ -s "$NAMED/strace.log" ]
	# The log does record writes: the namespace file and its directory.
	grep -q 'mkdir("/run/netns"' "$NAMED/strace.log"
	run writes_outside <"$NAMED/strace.log"
	[ -z "$output" ] || { echo "written outside: $output"; false; }
}

# Every call of the sources that makes a descriptor asks for close-on-exec
# (checked on the text: each such call is on one line), so that none can
# reach a program ip starts, whichever path opened it.
@test "the sources open every descriptor close-on-exec" {
	local src=("$NLKIT_TOP"/{ip,ss,nft,lib}/*.c)

	run grep -nE '\b(fopen|freopen)\([^;]*"[^"e]*"\)' "${src[@]}"
	[ -z "$output" ] || { echo "fopen without \"e\": $output"; false; }
	run grep -nE '\bopen(at)?\(' "${src[@]}"
	[ "$status" -eq 0 ]
	run grep -v O_CLOEXEC <<<"$output"
	[ -z "$output" ] || { echo "open without O_CLOEXEC: $output"; false; }
	run grep -nE '\bsocket\(' "${src[@]}"
	run grep -v SOCK_CLOEXEC <<<"$output"
	[ -z "$output" ] || { echo "socket without SOCK_CLOEXEC: $output"; false; }
	run grep -nE '\b(mnl_socket_open|pipe|dup|accept|epoll_create|inotify_init|memfd_create)\(' \
		"${src[@]}"
	[ -z "$output" ] || { echo "a call without a close-on-exec flag: $output"; false; }
}
