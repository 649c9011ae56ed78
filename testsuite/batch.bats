#!/usr/bin/env bats
# ip -batch: syntax, errors naming their line, -force, and -atomic.

load lib/common

# batch_file NAME: write stdin to a batch file and print its path.
batch_file() {
	cat >"$BATCH_TMPDIR/$1"
	echo "$BATCH_TMPDIR/$1"
}

setup() {
	nlkit_setup
	BATCH_TMPDIR=$BATS_TEST_TMPDIR
}

# A veth pair whose addresses are the same in every namespace, for
# diff_fresh (which compares what state_of, below, shows).
veth_fixed() {
	ref link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
}

# A veth pair up, 10.1.0.1/24 on v0, for the routes and nexthops of -atomic.
# No IPv6 link-local address: its duplicate address detection would change
# the state that a slow run (valgrind) compares, while it compares it.
veth_up() {
	ns sysctl -qw net.ipv6.conf.default.addr_gen_mode=1 net.ipv6.conf.all.addr_gen_mode=1
	ref link add v0 type veth peer name v1
	ref link set v0 up
	ref link set v1 up
	ref addr add 10.1.0.1/24 dev v0
}

@test "syntax: comments, continuations, quotes, white space" {
	local f
	f=$(batch_file syntax <<'EOF2'
# a comment
link show lo   # a trailing comment
link show lo#cut right here

	   
link show \
  dev \
  lo
link show "lo"
link show 'lo'
link show "l"o
EOF2
)
	diff_ip -batch "$f"
	diff_ip -force -batch "$f"
	diff_ip -br -force -batch "$f"
	diff_ip -j -force -batch "$f"
	diff_ip -j -p -force -batch "$f"
	[[ $output == *lo* ]]
}

@test "bad syntax ends the batch" {
	local f
	f=$(printf 'link show lo\nlink show "lo\nlink show lo\n' | batch_file quote)
	diff_ip -force -batch "$f"
	[ "$status" -eq 1 ]
	f=$( { echo "link show lo"; printf 'link show%.0s x' {1..510}; echo; echo "link show lo"; } |
		batch_file many)
	diff_ip -force -batch "$f"
	f=$( { printf 'link show%.0s lo' {1..255}; echo; } | batch_file enough)
	diff_ip -batch "$f"
	f=$(printf 'link show \\\\\nlo\nlink show lo\\\r\nlink show # c \\\nlo\n' | batch_file backslash)
	diff_ip -force -batch "$f"
}

@test "errors name their line; without -force the batch stops there" {
	local f
	f=$(batch_file errors <<'EOF2'
link show lo
foo bar

link bogus-is-not-reached
link show \
  nosuch
link show lo
EOF2
)
	diff_ip -batch "$f"
	[[ $stderr == *"Command failed $f:2"* ]]
	diff_ip -force -batch "$f"
	diff_ip -batch - <"$f"
	diff_ip -batch /nonexistent/file
	run ours -batch
	[ "$status" -eq 255 ]
	[[ $output == *"-batch filename"* ]]
}

@test "mixed show and change lines give the reference's output and state" {
	local f
	f=$(batch_file mixed <<'EOF2'
addr add 10.0.0.1/24 dev v0
addr add 10.0.0.2/24 dev v0
addr show dev v0
addr add 10.0.0.1/24 dev v0
addr add 10.0.0.3/24 dev v0
addr add 10.0.0.4/24 dev nosuch
addr show dev v0
addr add 10.0.0.5/24 dev v0
addr add 10.0.0.5/24 dev v0
addr add 10.0.0.6/24 dev v0
addr add 2001:db8::1/64 dev v0 nodad
EOF2
)
	diff_fresh veth_fixed -batch "$f"
	diff_fresh veth_fixed -force -batch "$f"
	diff_fresh veth_fixed -j -force -batch "$f"
	diff_fresh veth_fixed -force -batch - <"$f"
	[[ $(cat "$BATS_TEST_TMPDIR/fresh/ours.state") == *" 10.0.0.6/24 "* ]]
}

@test "a long batch of address changes, with a failure in the middle" {
	local f i
	f=$( {
		for ((i = 0; i < 3000; i++)); do
			echo "addr add 10.1.$((i / 250)).$((i % 250 + 1))/32 dev v0"
		done
		echo "addr add 10.1.0.1/32 dev v0"
		for ((i = 0; i < 100; i++)); do
			echo "addr add 10.2.0.$((i + 1))/32 dev v0"
		done
	} | batch_file long)
	diff_fresh veth_fixed -batch "$f"
	diff_fresh veth_fixed -force -batch "$f"
}

# routes_added: veth_fixed, up, with 10.1.0.1/24 on v0 and no IPv6 (whose
# link-local addresses come and go on their own), and the routes of the
# file $ROUTES, made with the reference's -batch.
routes_added() {
	ns sysctl -qw net.ipv6.conf.default.disable_ipv6=1
	veth_fixed
	ref link set v0 up
	ref link set v1 up
	ref addr add 10.1.0.1/24 dev v0
	ref -batch "$ROUTES"
}

@test "a long batch of deletions, with a failure in the middle" {
	local f i
	ROUTES=$BATS_TEST_TMPDIR/routes
	for ((i = 0; i < 2000; i++)); do
		echo "route add 10.3.$((i / 250)).$((i % 250 + 1))/32 dev v0"
	done >"$ROUTES"
	# Deletions are sent one answer apart (their inverse would need the
	# table read): none after the failing one may be applied.
	f=$( {
		sed 's/^route add/route del/' "$ROUTES" | head -n 1500
		echo "route del 10.9.9.9/32 dev v0"
		sed 's/^route add/route del/' "$ROUTES" | tail -n 500
		echo "addr del 10.1.0.1/24 dev v0"
	} | batch_file deletions)
	diff_fresh routes_added -batch "$f"
	# The first route after the failing line is still there.
	[[ $(cat "$BATS_TEST_TMPDIR/fresh/ours.state") == *$'\n10.3.6.1 dev v0 '* ]]
	diff_fresh routes_added -force -batch "$f"
}

# state_of: everything -atomic must restore, in the reference's words (and
# what diff_fresh compares).
state_of() {
	ref -d link show
	ref -d addr show
	ref route show table all
	ref -6 route show table all
	ref rule show
	ref -6 rule show
	ref neigh show
	ref neigh show proxy
	ref nexthop show
}

# atomic_round_trip FILE [OPTION...]: FILE must fail at its last line
# under `-atomic OPTION...` and leave the state as it was; without that
# line, it must apply.
atomic_round_trip() {
	local f=$1 before count
	shift

	before=$(state_of)
	count=$(wc -l <"$f")
	run ours "$@" -atomic -batch "$f"
	[ "$status" -eq 1 ] || { echo "status $status: $output"; return 1; }
	[[ $output == *"Command failed $f:$count"* ]] || { echo "$output"; return 1; }
	diff -u <(echo "$before") <(state_of) || return 1

	head -n $((count - 1)) "$f" >"$f.good"
	run ours "$@" -atomic -batch "$f.good"
	[ "$status" -eq 0 ] || { echo "good part: status $status: $output"; return 1; }
	[ "$(state_of)" != "$before" ] || { echo "the good part changed nothing"; return 1; }
}

@test "-atomic: a failure restores the exact earlier state" {
	local f before
	ref link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
	ref addr add 10.9.0.1/16 dev v0
	ref addr add 2001:db8:9::1/64 dev v0 nodad
	before=$(state_of)
	f=$(batch_file atomic <<'EOF2'
addr add 10.0.0.1/24 dev v0
addr add 10.0.0.2/24 dev v0
addr add 2001:db8::1/64 dev v0 nodad
addr replace 10.9.0.1/16 dev v0 valid_lft 100 preferred_lft 100
addr del 2001:db8:9::1/64 dev v0
addr show dev v0
addr add 10.0.0.3/24 dev v0
addr add 10.0.0.1/24 dev v0
addr add 10.0.0.4/24 dev v0
EOF2
)
	run ours -atomic -batch "$f"
	[ "$status" -eq 1 ]
	[[ $output == *"Command failed $f:8"* ]]
	[ "$(state_of)" = "$before" ]

	# Without a failure, everything stays.
	head -n 7 "$f" >"$f.good"
	run ours "$@" -atomic -batch "$f.good"
	[ "$status" -eq 0 ]
	[ "$(state_of)" != "$before" ]
	ref addr show dev v0 | grep -q 10.0.0.3/24
}

@test "-atomic: links made and set, then restored" {
	ref link add v0 address 02:00:00:00:00:01 type veth peer name v1 address 02:00:00:00:00:02
	ref link set v0 mtu 1400 alias before group 3
	f=$(batch_file links <<'EOF2'
link add v2 type veth peer name v3
link set v2 up
link set v0 mtu 9000 address 02:00:00:00:00:aa alias after group 7 txqueuelen 50
link set v1 name w1 multicast off
link add br0 type bridge
link set v0 master br0
link set v0 nomaster
link set v0 master br0
link set nosuch up
EOF2
)
	atomic_round_trip "$f"
}

@test "-atomic: routes added, replaced, changed, appended and deleted, then restored" {
	veth_up
	ref addr add 2001:db8:1::1/64 dev v0 nodad
	ref route add 10.5.0.0/16 via 10.1.0.2 metric 5
	ref route add 10.6.0.0/16 dev v0 table 100 mtu 1300
	ref -6 route add 2001:db8:5::/48 via 2001:db8:1::2
	f=$(batch_file routes <<'EOF2'
route add 10.7.0.0/16 via 10.1.0.2
route replace 10.5.0.0/16 via 10.1.0.3 metric 5
route change 10.6.0.0/16 dev v0 table 100 mtu 1200
route append 10.8.0.0/16 via 10.1.0.2 table 100
route prepend 10.5.0.0/16 via 10.1.0.4 metric 5
route del 2001:db8:5::/48
route add 2001:db8:6::/48 dev v0 metric 7
route add 10.7.0.0/16 via 10.1.0.2
EOF2
)
	atomic_round_trip "$f"
}

@test "-atomic: rules added and deleted, then restored" {
	ref rule add from 10.0.0.0/8 table 100 pref 100
	ref rule add fwmark 0x10/0xff lookup 200
	ref -6 rule add to 2001:db8::/32 iif lo table 300 pref 300
	f=$(batch_file rules <<'EOF2'
rule add from 192.0.2.0/24 table 5
rule add not to 198.51.100.0/24 ipproto tcp dport 80 prohibit pref 50
rule del from 10.0.0.0/8 table 100
rule del fwmark 0x10/0xff
rule del pref 12345
EOF2
)
	atomic_round_trip "$f"

	# A batch has one family: -6 for all of it.
	f=$(batch_file rules6 <<'EOF2'
rule del to 2001:db8::/32
rule add from 2001:db8:1::/48 uidrange 100-200 table 7
rule add to 2001:db8:2::/48 pref 200 goto 300
rule del pref 12345
EOF2
)
	atomic_round_trip "$f" -6
}

@test "-atomic: neighbours added, replaced, changed and deleted, then restored" {
	ref link add v0 type veth peer name v1
	ref link set v0 up
	ref neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev v0
	ref neigh add 10.0.0.2 lladdr 02:00:00:00:00:02 dev v0 nud noarp router
	ref neigh add 2001:db8::1 lladdr 02:00:00:00:00:03 dev v0
	ref neigh add proxy 10.0.0.9 dev v0
	f=$(batch_file neigh <<'EOF2'
neigh add 10.0.0.3 lladdr 02:00:00:00:00:04 dev v0
neigh replace 10.0.0.1 lladdr 02:00:00:00:00:05 dev v0 nud reachable
neigh change 10.0.0.2 lladdr 02:00:00:00:00:06 dev v0
neigh del 2001:db8::1 dev v0
neigh del proxy 10.0.0.9 dev v0
neigh add proxy 10.0.0.10 dev v0
neigh replace 10.0.0.4 lladdr 02:00:00:00:00:07 dev v0
neigh add 10.0.0.1 lladdr 02:00:00:00:00:01 dev v0
EOF2
)
	atomic_round_trip "$f"
}

@test "-atomic: nexthops added, replaced and deleted, then restored" {
	veth_up
	ref link set lo up
	ref nexthop add id 1 via 10.1.0.2 dev v0
	ref nexthop add id 2 via 10.1.0.3 dev v0
	ref nexthop add id 3 blackhole
	ref nexthop add id 10 group 1/2
	f=$(batch_file nexthops <<'EOF2'
nexthop add id 4 via 10.1.0.4 dev v0
nexthop replace id 2 via 10.1.0.5 dev v0
nexthop replace id 10 group 1,3/2
nexthop del id 3
nexthop add id 11 group 4/1
nexthop add id 1 via 10.1.0.2 dev v0
EOF2
)
	atomic_round_trip "$f"
}

@test "-atomic: a nexthop a route or a group uses cannot be taken back" {
	veth_up
	ref nexthop add id 1 via 10.1.0.2 dev v0
	ref nexthop add id 2 via 10.1.0.3 dev v0
	ref nexthop add id 10 group 2
	ref route add 10.9.0.0/16 nhid 1
	before=$(state_of)
	for id in 1 2; do
		echo "nexthop del id $id" >"$BATS_TEST_TMPDIR/del$id"
		run ours -atomic -batch "$BATS_TEST_TMPDIR/del$id"
		[ "$status" -eq 1 ]
		[[ $output == *"cannot be undone"* ]]
	done
	[ "$(state_of)" = "$before" ]
}
