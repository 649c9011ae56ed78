#!/usr/bin/env bats
# ss: ours against the reference on sockets each test makes in its own
# namespace with testsuite/tools/sockfarm.

load lib/common

NLKIT_SS=${NLKIT_SS:-$NLKIT_BUILD/ss/ss}
NLKIT_REF_SS=${NLKIT_REF_SS:-/usr/bin/ss}
NLKIT_SOCKFARM=${NLKIT_SOCKFARM:-$NLKIT_BUILD/testsuite/tools/sockfarm}
FARM_PIDS=()

setup() {
	nlkit_setup
	ns ip link set lo up
}

teardown() {
	local pid

	for pid in "${FARM_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	FARM_PIDS=()
	nlkit_teardown
}

# farm SPEC...: make sockets in the test's namespace, kept until teardown.
farm() {
	local pid

	pid=$(ns "$NLKIT_SOCKFARM" "$@") || return 1
	FARM_PIDS+=("$pid")
}

diff_ss() {
	diff_cmd "$NLKIT_SS" "$NLKIT_REF_SS" "$@"
}

# A namespace with a bit of everything.
many_sockets() {
	farm listen 0.0.0.0:22 tcp 127.0.0.1:8080 2 listen '[::]:80' tcp '[::1]:443' 1 \
		udp 0.0.0.0:53 udp '[::]:5353' udp-conn 127.0.0.1:5000 127.0.0.1:5001 \
		unix-stream "$BATS_TEST_TMPDIR/sock" 2 unix-dgram @abs unix-seqpacket @seq 1 \
		unix-pair packet 3 packet-dgram 0 netlink 0 raw 1 raw6 58 \
		tcp-data 127.0.0.1:9200 1 5000 closewait 127.0.0.1:9100 1 \
		keepalive 127.0.0.1:7000 1
}

# diff_ss_masked SED ARG...: as diff_ss, both outputs through SED first,
# for values that move by the millisecond (tcp_info's last* ages).
diff_ss_masked() {
	local sed_script=$1 attempt
	shift

	for attempt in 1 2 3; do
		ns "$NLKIT_SS" "$@" 2>&1 | sed -E "$sed_script" >"$BATS_TEST_TMPDIR/ours"
		ns "$NLKIT_REF_SS" "$@" 2>&1 | sed -E "$sed_script" >"$BATS_TEST_TMPDIR/ref"
		cmp -s "$BATS_TEST_TMPDIR/ours" "$BATS_TEST_TMPDIR/ref" && return 0
		sleep 0.3
	done
	diff -u "$BATS_TEST_TMPDIR/ref" "$BATS_TEST_TMPDIR/ours"
	return 1
}

# Each program sees its own sock_diag socket among the netlink ones: leave
# that line out.
SELF_DIAG='/(tcpdiag:ss\/| 4:)[1-9][0-9]* /d'

@test "empty namespace: every table, headers only" {
	diff_ss
	diff_ss_masked "$SELF_DIAG" -a
	diff_ss -t
	diff_ss -ta
	diff_ss -u
	diff_ss -x
	diff_ss_masked "$SELF_DIAG" -l
	diff_ss -H
	diff_ss -w
	diff_ss -0
}

@test "tcp listeners and established pairs" {
	many_sockets
	diff_ss -t
	diff_ss -tn
	diff_ss -ta
	diff_ss -tan
	diff_ss -tl
	diff_ss -tln
	diff_ss -tanH
	diff_ss -4 -tan
	diff_ss -6 -tan
	diff_ss -t -4
	diff_ss -6
	diff_ss --tcp --all --numeric
	diff_ss -A tcp -an
}

@test "time-wait, close-wait and fin-wait-2" {
	farm timewait 127.0.0.1:9000 2 closewait 127.0.0.1:9100 1
	diff_ss -tan
	diff_ss -tn state time-wait
	diff_ss -tn state close-wait
	diff_ss -tn state fin-wait-2
	diff_ss -tan state bucket
	diff_ss -tano
	diff_ss -tane
}

@test "udp, raw, unix, packet and netlink tables" {
	many_sockets
	diff_ss -u
	diff_ss -ua
	diff_ss -uan
	diff_ss -ul
	diff_ss -w
	diff_ss -wa
	diff_ss -wan
	diff_ss -x
	diff_ss -xa
	diff_ss -xl
	diff_ss -A unix_dgram -a
	diff_ss -A unix_seqpacket,unix_stream -a
	diff_ss -0
	diff_ss -0a
	diff_ss -f link
	diff_ss -A packet_raw -a
	diff_ss -A raw,udp -a
	diff_ss -a -f inet
	diff_ss -a -f inet6
	diff_ss -f unix
}

@test "every table at once" {
	many_sockets
	diff_ss
	diff_ss -n
	diff_ss_masked "$SELF_DIAG" -l -n
	diff_ss_masked "$SELF_DIAG" -a -e
	diff_ss_masked "$SELF_DIAG" -A netlink -a
	diff_ss_masked "$SELF_DIAG" -f netlink
	diff_ss -4
	diff_ss -d
	diff_ss -da
	diff_ss -S
	diff_ss -Ma
	diff_ss --vsock -a
	diff_ss --xdp -a
}

@test "state filters" {
	many_sockets
	farm timewait 127.0.0.1:9000 1
	local state
	for state in all connected synchronized bucket big established syn-sent syn-recv \
		fin-wait-1 fin-wait-2 time-wait closed close-wait last-ack listening closing; do
		diff_ss -tn state "$state"
	done
	diff_ss -tn state established state listening
	diff_ss -tn exclude listening
	diff_ss -un state closed
	diff_ss -l -t
	diff_ss -t -l -a
	diff_ss -t -a -l
	diff_ss -ua -t
}

@test "-e, -o, -m, -p, --tos, --cgroup" {
	many_sockets
	farm timewait 127.0.0.1:9000 1
	diff_ss -tane
	diff_ss -tano
	diff_ss -tanm
	diff_ss -tanp
	diff_ss -tanpe
	diff_ss -tnope state established
	diff_ss -uaep
	diff_ss -uaem
	diff_ss -xae
	diff_ss -xap
	diff_ss -xaem
	diff_ss -0ae
	diff_ss -0aep
	diff_ss -tan --tos
	diff_ss -tan --cgroup
	diff_ss -tanmO
	diff_ss -tan -e -H
}

@test "-i: tcp_info (ages in ms masked)" {
	many_sockets
	diff_ss_masked 's/(last(snd|rcv|ack)):[0-9]+/\1:N/g' -tani
	diff_ss_masked 's/(last(snd|rcv|ack)):[0-9]+/\1:N/g' -tanim
	diff_ss_masked 's/(last(snd|rcv|ack)):[0-9]+/\1:N/g' -tn -i state established
}

# "Total" counts the sockets of the whole machine and the TCP line's alloc
# count drifts: both move with whatever else runs, so only their form is
# compared.
@test "-s" {
	many_sockets
	diff_ss_masked 's/^TCP: .*//; s/^Total: [0-9]+$/Total: N/' -s
	diff_ss_masked 's/^TCP: .*//; s/^Total: [0-9]+$/Total: N/' -s -t
}

@test "expression filters of ss(8)" {
	many_sockets
	diff_ss -tn sport = :7000
	diff_ss -tn dport = :7000
	diff_ss -tn sport == :7000
	diff_ss -tn sport eq :7000
	diff_ss -tan sport != :8080
	diff_ss -tan sport neq :8080
	diff_ss -tan sport gt :9000
	diff_ss -tan sport '>' :9000
	diff_ss -tan sport lt :9000
	diff_ss -tan sport ge :9100
	diff_ss -tan sport le :9100
	diff_ss -tan dport '>=' :9100
	diff_ss -tan dport '<=' :1024
	diff_ss -tan '(' sport = :7000 or dport = :7000 ')'
	diff_ss -tan '(' dport = :ssh or sport = :ssh ')'
	diff_ss -tan not sport = :9200
	diff_ss -tan ! dport = :8080
	diff_ss -tan src 127.0.0.1
	diff_ss -tan src 127.0.0.0/8
	diff_ss -tan src 127.0.0.1:8080
	diff_ss -tan dst '[::1]'
	diff_ss -tan src '[::1]:443'
	diff_ss -tan dst 127.0.0.1:9200 or src 127.0.0.1:9200
	diff_ss -tan sport = :8080 and dport gt :1024
	diff_ss -tan sport = :8080 '&&' dport gt :1024
	diff_ss -tan src 10.0.0.0/8
	diff_ss -uan dst 127.0.0.1
	diff_ss -uan sport = :53
	diff_ss -tan dev lo
	diff_ss -tan fwmark 0
	diff_ss -tan fwmark = 0x0/0xff
	diff_ss -tan state established '(' sport = :8080 or dport = :8080 ')'
	diff_ss -o state established '(' dport = :7000 or sport = :7000 ')'
}

@test "-F: the filter from a file" {
	many_sockets
	echo 'sport = :8080 or dport = :8080' >"$BATS_TEST_TMPDIR/filter"
	diff_ss -tan -F "$BATS_TEST_TMPDIR/filter"
}

@test "errors: words and exit statuses" {
	diff_ss state foo
	diff_ss -tan src foo
	diff_ss -F /nonexistent
	diff_ss -N nonexistent
}

@test "-j: one parsable array carrying every text field" {
	local args fields
	many_sockets
	for args in "-tan" "-tanp" "-tane" "-tano" "-tanm" "-uaep" "-xae" "-0ae" \
		"-A netlink -a -e" "-a" "-tani"; do
		# shellcheck disable=SC2086 # word splitting wanted
		run --separate-stderr ns "$NLKIT_SS" -j $args
		[ "$status" -eq 0 ]
		echo "$output" | jq -e 'type == "array"' >/dev/null
		# Every socket row of the text has its object.
		# shellcheck disable=SC2086
		[ "$(echo "$output" | jq length)" -eq "$(ns "$NLKIT_SS" -H $args | grep -vc '^	')" ]
		fields=$(echo "$output" | jq -r '[.[] | keys[]] | unique | join(" ")')
		echo "$args: $fields"
		[[ " $fields " == *" local_address "* ]]
		[[ " $fields " == *" recv_q "* ]]
		case $args in
		*p*) [[ " $fields " == *" users "* ]] || [[ $args == "-A netlink -a -e" ]] ;;
		esac
		case $args in
		*e*) [[ " $fields " =~ \ (ino|vfs_ino|groups)\  ]] ;;
		esac
		case $args in
		*m*) echo "$output" | jq -e '[.[] | select(.skmem)] | length > 0' >/dev/null ;;
		esac
	done
	run ns "$NLKIT_SS" -j -tan state time-wait
	[ "$output" = "[]" ]
}

@test "-j: fields hold the values the text shows" {
	farm listen 127.0.0.1:2222
	run ns "$NLKIT_SS" -j -tln
	[ "$(echo "$output" | jq -r '.[0].state')" = LISTEN ]
	[ "$(echo "$output" | jq -r '.[0].local_address')" = 127.0.0.1 ]
	[ "$(echo "$output" | jq -r '.[0].local_port')" = 2222 ]
	[ "$(echo "$output" | jq -r '.[0].send_q')" = 128 ]
	[ "$(echo "$output" | jq -r '.[0].peer_port')" = '*' ]
}
