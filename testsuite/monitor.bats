#!/usr/bin/env bats
# ip monitor: ours and the reference listen side by side in the test's
# namespace while the reference ip makes changes; both must print the
# same events, byte for byte.  Also `ip monitor file` on what rtmon(8)
# recorded, the command line's errors, and a burst of 10000 events.

load lib/common
load lib/monitor

# The changes most tests watch: on a veth pair, addresses of both
# families, routes, rules, neighbours, nexthops, forwarding switched on,
# each undone again, and the pair deleted.
CHANGES_ON_V0='
	$REF addr add 10.0.0.1/24 dev v0
	$REF link set v0 up
	$REF link set v1 up
	$REF addr add 2001:db8::1/64 dev v0 nodad
	$REF route add 10.1.0.0/16 via 10.0.0.2
	$REF -6 route add 2001:db8:5::/64 via 2001:db8::2
	$REF route add 10.3.0.0/16 dev v1 table 100
	$REF rule add pref 100 from 1.2.3.4 table 5
	$REF -6 rule add pref 100 from 2001:db8::/32 table 5
	$REF neigh add 10.0.0.9 lladdr 00:11:22:33:44:55 dev v0
	$REF -6 neigh add 2001:db8::9 lladdr 00:11:22:33:44:56 dev v0
	$REF nexthop add id 1 via 10.0.0.3 dev v0
	$REF nexthop add id 2 via 2001:db8::3 dev v0
	$REF nexthop add id 3 group 1
	$REF route add 10.4.0.0/16 nhid 3
	$REF nexthop replace id 1 via 10.0.0.4 dev v0
	$REF route add 10.5.0.0/16 nhid 1
	sysctl -qw net.ipv4.conf.v0.forwarding=1
	sysctl -qw net.ipv6.conf.v0.forwarding=1
	sysctl -qw net.ipv4.conf.default.rp_filter=2
	$REF route del 10.1.0.0/16
	$REF rule del pref 100
	$REF -6 rule del pref 100
	$REF nexthop del id 3
	$REF neigh del 10.0.0.9 dev v0
	$REF addr del 10.0.0.1/24 dev v0
	$REF link set v0 down
	$REF link del v0
'
CHANGES='$REF link add v0 type veth peer name v1'$CHANGES_ON_V0

@test "no object: every event, without labels" {
	mon_diff "monitor" "$CHANGES"
	[[ $output == *"Deleted 100:	from 1.2.3.4 lookup 5"* ]]
	[[ $output == *"inet v0 forwarding on"* ]]
}

@test "all: every event with its label" {
	mon_diff "monitor all" "$CHANGES"
	[[ $output == *"[LINK]Deleted "* && $output == *"[NETCONF]"* ]]
	[[ $output == *"[NEXTHOP]id 3 group 1"* ]]
}

@test "link" {
	mon_diff "monitor link" "$CHANGES"
	[[ $output == *"v0@v1: <BROADCAST,MULTICAST,UP,LOWER_UP>"* ]]
}

@test "address, abbreviated" {
	mon_diff "monitor a" "$CHANGES"
	[[ $output == *"Deleted 3: v0    inet 10.0.0.1/24 scope global v0"* ]]
}

@test "route" {
	mon_diff "monitor route" "$CHANGES"
	[[ $output == *"Deleted 10.1.0.0/16 via 10.0.0.2 dev v0"* ]]
}

@test "rule" {
	mon_diff "monitor rule" "$CHANGES"
	[[ $output == *"100:	from 2001:db8::/32 lookup 5"* ]]
}

@test "neigh" {
	mon_diff "monitor neigh" "$CHANGES"
	[[ $output == *"10.0.0.9 dev v0 lladdr 00:11:22:33:44:55 PERMANENT"* ]]
}

@test "neigh: a miss, the kernel asking a daemon to resolve" {
	ref link add v0 type veth peer name v1
	ref link set v0 up
	ref link set v1 up
	ref addr add 10.0.0.1/24 dev v0
	ns sysctl -qw net.ipv4.neigh.v0.app_solicit=1 net.ipv4.neigh.v0.mcast_solicit=0 \
		net.ipv4.neigh.v0.ucast_solicit=0
	mon_diff "-s monitor neigh" "python3 -c \"
import socket
socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('10.0.0.77', 9))\"
		sleep 1.5"
	[[ $output == *"miss 10.0.0.77 dev v0 "* ]]
}

@test "nexthop" {
	mon_diff "monitor nexthop" "$CHANGES"
	[[ $output == *"Deleted id 3 group 1"* ]]
}

@test "netconf" {
	mon_diff "monitor netconf" "$CHANGES"
	[[ $output == *"inet default rp_filter loose"* ]]
}

@test "several objects and label" {
	mon_diff "monitor route link label nexthop" "$CHANGES"
	[[ $output == *"[ROUTE]"* && $output == *"[LINK]"* && $output != *"[ADDR]"* ]]
}

@test "-4 and -6 choose the groups and the neighbours" {
	mon_diff "-4 monitor" "$CHANGES"
	[[ $output != *"2001:db8::/64"* ]]
	mon_diff "-6 monitor all" "$CHANGES"
	[[ $output != *"10.0.0.1/24"* ]]
}

@test "dev: only that device's events, their leads still printed" {
	ref link add v0 type veth peer name v1
	mon_diff "monitor all dev v0" "$CHANGES_ON_V0"
	[[ $output == *"inet v0 forwarding on"* ]]
}

@test "-t and -ts: the time ahead of each event" {
	mon_diff "-t monitor" "$CHANGES" --mask-time
	[[ $output == *"Timestamp: TIME"* ]]
	mon_diff "-ts monitor label" "$CHANGES" --mask-time
	[[ $output == *"[TIME] [LINK]"* ]]
}

@test "-o, -d, -s, -c" {
	mon_diff "-o -d -s monitor" "$CHANGES"
	[[ $output == *'\    link/ether'* ]]
	[[ $output == *"nh_info id 1 via 10.0.0.4 dev v0"* ]]
	# Colours: of the objects whose show commands colour as the reference.
	mon_diff "-c monitor link address netconf label" "$CHANGES"
	[[ $output == *$'[NETCONF]inet \e[36mv0 \e[0m'* ]]
	mon_diff "-c monitor neigh rule label" "$CHANGES"
	[[ $output == *$'[NEIGH]\e[35m10.0.0.9 \e[0mdev \e[36mv0 \e[0m'* ]]
	[[ $output == *$'[RULE]100:\tfrom \e[35m1.2.3.4\e[0m lookup 5'* ]]
}

@test "-br: links and addresses in brief, their lines not ended; neighbours in columns" {
	mon_diff "-br monitor link address" "$CHANGES"
	[[ $output == *"Deleted v0@NONE          DOWN           "* ]]
	mon_diff "-br monitor neigh" "$CHANGES"
	[[ $output == *"10.0.0.9                                v0               00:11:22:33:44:55"* ]]
}

@test "a rename: the name seen first stays, as the reference's" {
	ref link add v0 type veth peer name v1
	mon_diff "monitor" '
		$REF link set v0 name v0x
		$REF link set v0x up
		$REF addr add 10.0.0.1/24 dev v0x
		$REF link property add dev v0x altname alternativename
		$REF link set v0x alias "an alias"
		$REF link del v0x'
	[[ $output == *"inet 10.0.0.1/24 scope global v0x"* ]]
}

# The events of the reference's text under `label`, one a line: their
# kind and, for a removal, " deleted" ("ADDR deleted").
ref_events() {
	sed -nE 's/^(\[[0-9T:.-]+\] )?(\[nsid [a-z0-9]+\])?\[([A-Z]+)\](Deleted )?.*/\3 \4/p' "$1" |
		sed -e 's/ Deleted $/ deleted/' -e 's/ $//'
}

# The same of our JSON records; fails unless each line is one JSON object.
our_events() {
	jq -R -r 'fromjson | if type != "object" then error("not an object: \(.)") else . end |
		(.object | if . == "address" then "ADDR" else ascii_upcase end) +
		(if .deleted then " deleted" else "" end)' "$1"
}

# mon_json OURS-ARGS REF-ARGS SCRIPT: ours with OURS-ARGS (one string,
# with -j) and the reference with REF-ARGS (text, with label) side by side
# while SCRIPT makes changes; both must have printed the same events, ours
# each as one JSON object on a line of its own.
mon_json() {
	local -a ours refs

	read -r -a ours <<<"$1"
	read -r -a refs <<<"$2"
	mon_start ours "${ours[@]}"
	mon_start ref "${refs[@]}"
	mon_wait_listening
	REF=$MON_REF ns bash -e -c "$3"
	mon_stop
	[ ! -s "$MON_DIR/ours.err" ]
	our_events "$MON_DIR/ours.out" >"$MON_DIR/ours.events"
	ref_events "$MON_DIR/ref.out" >"$MON_DIR/ref.events"
	[ -s "$MON_DIR/ref.events" ]
	diff -u --label reference --label ours "$MON_DIR/ref.events" "$MON_DIR/ours.events"
	[ "$(wc -l <"$MON_DIR/ours.out")" -eq "$(wc -l <"$MON_DIR/ref.events")" ]
}

@test "-j: one JSON object a line, the events the reference's text has" {
	mon_json "-j monitor" "monitor label" "$CHANGES"
	# No lead, no label: the object says what the event is about.
	jq -e -s 'all(.[]; .object != null and has("time") == false and has("netnsid") == false)' \
		"$MON_DIR/ours.out"
	grep -q '^{"object":"route","deleted":true,"dst":"10.1.0.0/16","gateway":"10.0.0.2",' \
		"$MON_DIR/ours.out"
	mon_json "-j -p monitor all" "monitor all" "$CHANGES"
}

@test "-j with -t, -ts and all-nsid: the lead's time and namespace as members" {
	local time='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}$'

	mon_json "-j -ts monitor label all-nsid" "-ts monitor label all-nsid" "$CHANGES"
	jq -e -s --arg time "$time" \
		'all(.[]; (.time | test($time)) and .netnsid == "current")' "$MON_DIR/ours.out"
	mon_json "-j -t monitor link address" "monitor label link address" "$CHANGES"
	jq -e -s --arg time "$time" 'all(.[]; .time | test($time))' "$MON_DIR/ours.out"
	! grep -q Timestamp "$MON_DIR/ours.out"
}

@test "-j: the members of the show commands' JSON; a removal marked" {
	local r=$MON_DIR/ref.json o=$MON_DIR/ours.out

	mon_start ours -j monitor
	mon_wait_listening
	ns bash -e -c "$NLKIT_REF_IP link add v0 type veth peer name v1
		$NLKIT_REF_IP link set v0 mtu 1400
		$NLKIT_REF_IP link set v1 up
		$NLKIT_REF_IP link set v0 up
		$NLKIT_REF_IP addr add 10.0.0.1/24 brd + dev v0
		$NLKIT_REF_IP route add 10.1.0.0/16 via 10.0.0.2 metric 7
		$NLKIT_REF_IP rule add pref 100 from 1.2.3.4 table 5
		$NLKIT_REF_IP neigh add 10.0.0.9 lladdr 00:11:22:33:44:55 dev v0
		$NLKIT_REF_IP nexthop add id 1 via 10.0.0.3 dev v0"
	mon_stop
	mv "$o" "$MON_DIR/added.json"
	# What the reference's show commands print of the same objects.
	ref -j link show dev v0 | jq -c '.[0]' >"$r.link"
	ref -j addr show dev v0 | jq -c '.[0].addr_info[] | select(.local == "10.0.0.1")' >"$r.addr"
	ref -j route show 10.1.0.0/16 | jq -c '.[0]' >"$r.route"
	ref -j rule show pref 100 | jq -c '.[0]' >"$r.rule"
	ref -j neigh show 10.0.0.9 dev v0 | jq -c '.[0]' >"$r.neigh"
	ref -j nexthop show id 1 | jq -c '.[0]' >"$r.nexthop"
	o=$MON_DIR/added.json
	jq -e -s --slurpfile r "$r.link" '[.[] | select(.object == "link" and .ifname == "v0")] |
		last | {ifindex, ifname, mtu, address, link} == ($r[0] |
		{ifindex, ifname, mtu, address, link}) and .mtu == 1400' "$o"
	jq -e -s --slurpfile r "$r.addr" '[.[] | select(.object == "address" and
		.local == "10.0.0.1")] | length == 1 and (.[0] | .index > 0 and .dev == "v0" and
		del(.object, .index, .dev) == $r[0])' "$o"
	jq -e -s --slurpfile r "$r.route" '[.[] | select(.object == "route" and
		.dst == "10.1.0.0/16")] | length == 1 and (.[0] | {dst, gateway, dev, metric} ==
		($r[0] | {dst, gateway, dev, metric}) and .gateway == "10.0.0.2")' "$o"
	jq -e -s --slurpfile r "$r.rule" '[.[] | select(.object == "rule")] |
		length == 1 and (.[0] | del(.object)) == $r[0]' "$o"
	jq -e -s --slurpfile r "$r.neigh" '[.[] | select(.object == "neigh" and
		.dst == "10.0.0.9")] | length == 1 and (.[0] | .dev == "v0" and del(.object, .dev) ==
		$r[0])' "$o"
	jq -e -s --slurpfile r "$r.nexthop" '[.[] | select(.object == "nexthop")] |
		length == 1 and (.[0] | del(.object)) == $r[0]' "$o"
	# Nothing was removed yet; then the removals, each marked.
	jq -e -s 'all(.[]; has("deleted") | not)' "$o"
	mon_start ours -j monitor
	mon_wait_listening
	ref route del 10.1.0.0/16
	ref addr del 10.0.0.1/24 dev v0
	ref link del v0
	mon_stop
	o=$MON_DIR/ours.out
	jq -e -s '[.[] | select(.object == "route" and .dst == "10.1.0.0/16")] |
		length == 1 and .[0].deleted == true' "$o"
	jq -e -s '[.[] | select(.object == "address" and .local == "10.0.0.1")] |
		length == 1 and .[0].deleted == true' "$o"
	jq -e -s '[.[] | select(.object == "link" and .deleted)] | map(.ifname) | sort ==
		["v0", "v1"]' "$o"
}

@test "-j dev: an event left out leaves nothing, not even its lead" {
	ref link add v0 type veth peer name v1
	mon_start ours -j -ts monitor all dev v0
	mon_wait_listening
	REF=$MON_REF ns bash -e -c "$CHANGES_ON_V0"
	mon_stop
	our_events "$MON_DIR/ours.out" >/dev/null
	jq -e -s 'any(.[]; .object == "link" and .ifname == "v0")' "$MON_DIR/ours.out"
	jq -e -s 'all(.[]; [.ifname, .dev, .interface] | index("v1") | not)' "$MON_DIR/ours.out"
	# Each record holds more than its lead.
	jq -e -s 'all(.[]; keys - ["time", "object", "deleted"] | length > 0)' "$MON_DIR/ours.out"
}

@test "nsid and all-nsid: events of another namespace" {
	local other

	nlkit_netns_start other
	mon_diff "monitor all-nsid" '
		$REF link add v0 type veth peer name v1 netns '"$other"'
		nsenter --net=/proc/'"$other"'/ns/net '"$NLKIT_REF_IP"' link set v1 up
		$REF link set v0 up
		$REF link del v0'
	[[ $output == *"[nsid current]nsid 0 (iproute2 netns name"* ||
		$output == *"[nsid current]nsid 0"* ]]
	[[ $output == *"[nsid 0]"* ]]
}

@test "prefix: what a router advertises" {
	ref link add v0 type veth peer name v1
	ns sysctl -qw net.ipv6.conf.v0.accept_dad=0 net.ipv6.conf.v1.accept_dad=0
	ref link set v0 up
	ref link set v1 up
	# A router advertisement from v1's link-local address, with one prefix
	# (on-link, autonomous), to all nodes: v0 and v1 learn it.
	cat >"$MON_DIR/ra.py" <<'EOF'
import socket, struct
index = socket.if_nametoindex('v1')
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, index)
ra = struct.pack('!BBHBBHII', 134, 0, 0, 64, 0, 1800, 0, 0)
info = struct.pack('!BBBBIII', 3, 4, 64, 0xc0, 86400, 14400, 0)
info += socket.inet_pton(socket.AF_INET6, '2001:db8:77::')
s.sendto(ra + info, ('ff02::1', 0, 0, index))
EOF
	mon_diff "monitor prefix" "python3 $MON_DIR/ra.py"
	[[ $output == *"prefix 2001:db8:77::/64dev v0 valid 86400 preferred 14400 "* ]]
	mon_diff "-6 monitor all" "python3 $MON_DIR/ra.py"
	[[ $output == *"[PREFIX]prefix 2001:db8:77::/64dev v1 "* ]]
}

@test "mroute: multicast forwarding entries" {
	local dev

	for dev in v0 v2; do
		ref link add $dev type veth peer name ${dev}p
		ref link set $dev up
	done
	# A multicast router's socket: three interfaces, one entry from v0 to
	# v0p and (with a TTL threshold of 2) v2, then the entry removed.
	cat >"$MON_DIR/mr.py" <<'EOF'
import socket, struct, time
MRT_INIT, MRT_ADD_VIF, MRT_ADD_MFC, MRT_DEL_MFC, VIFF_USE_IFINDEX = 200, 202, 204, 205, 8
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
s.setsockopt(socket.IPPROTO_IP, MRT_INIT, 1)
for vifi, name in enumerate(['v0', 'v0p', 'v2']):
    s.setsockopt(socket.IPPROTO_IP, MRT_ADD_VIF, struct.pack('=HBBIiI', vifi,
                 VIFF_USE_IFINDEX, 1, 0, socket.if_nametoindex(name), 0))
ttls = bytes([0, 1, 2] + [0] * 29)
mfc = (socket.inet_aton('10.0.0.5') + socket.inet_aton('239.1.1.1') +
       struct.pack('=H', 0) + ttls + bytes(2) + struct.pack('=IIIi', 0, 0, 0, 0))
s.setsockopt(socket.IPPROTO_IP, MRT_ADD_MFC, mfc)
time.sleep(0.1)
s.setsockopt(socket.IPPROTO_IP, MRT_DEL_MFC, mfc)
EOF
	mon_diff "monitor mroute" "python3 $MON_DIR/mr.py"
	[[ $output == *"(10.0.0.5,239.1.1.1)             Iif: v0         Oifs: v0p v2(ttl 2)  State: resolved Table: default"* ]]
	mon_diff "-s -d monitor all" "python3 $MON_DIR/mr.py"
	[[ $output == *"[MROUTE]Deleted (10.0.0.5,239.1.1.1)"* ]]
	mon_diff "monitor mroute dev v2" "python3 $MON_DIR/mr.py"
	[ -z "$output" ]
}

@test "file: what rtmon recorded" {
	nsenter --net="/proc/$NLKIT_NS_PID/ns/net" -- rtmon file "$MON_DIR/log" \
		</dev/null 3>&- &
	MON_PIDS+=("$!")
	mon_wait_listening
	REF=$NLKIT_REF_IP ns bash -e -c "$CHANGES"
	mon_stop
	diff_ip monitor file "$MON_DIR/log"
	[[ $output == *"Timestamp: "*" us"* && $output == *"Deleted "* ]]
	diff_ip monitor label all-nsid file "$MON_DIR/log"
	diff_ip monitor file "$MON_DIR/log" link

	# -j: each event and each recorded time a JSON object a line (-p or
	# not), the events those of the reference's text.
	TZ=UTC ours -j monitor file "$MON_DIR/log" >"$MON_DIR/ours.out"
	TZ=UTC ours -j -p monitor file "$MON_DIR/log" | diff -u "$MON_DIR/ours.out" -
	ref monitor label file "$MON_DIR/log" >"$MON_DIR/ref.out"
	jq -c 'select(.object != "timestamp")' "$MON_DIR/ours.out" >"$MON_DIR/ours.events.json"
	our_events "$MON_DIR/ours.events.json" >"$MON_DIR/ours.events"
	ref_events "$MON_DIR/ref.out" >"$MON_DIR/ref.events"
	[ -s "$MON_DIR/ref.events" ]
	diff -u "$MON_DIR/ref.events" "$MON_DIR/ours.events"
	[ "$(grep -c '^{"object":"timestamp","time":"[0-9]\{4\}-[0-9-]*T[0-9:]*\.[0-9]\{6\}"}$' \
		"$MON_DIR/ours.out")" -eq "$(grep -c '^Timestamp: ' "$MON_DIR/ref.out")" ]
	[ "$(wc -l <"$MON_DIR/ours.out")" -eq \
		"$(($(wc -l <"$MON_DIR/ref.events") + $(grep -c '^Timestamp: ' "$MON_DIR/ref.out")))" ]
}

@test "file: damaged recordings, stats events" {
	local f=$MON_DIR

	python3 - "$f" <<'EOF'
import struct, sys
d = sys.argv[1]
def msg(t, flags, payload):
    n = 16 + len(payload)
    return struct.pack('=IHHII', n, t, flags, 0, 0) + payload + b'\0' * (-n % 4)
stamp = msg(15, 0, struct.pack('=II', 1700000000, 12345))
unknown = msg(0x99, 2, b'abcd')
files = {
    'good': stamp + unknown + msg(3, 0, struct.pack('=i', 0)),
    'cut-body': (stamp + stamp)[:44],
    'cut-header': stamp + b'ab',
    'short-len': stamp + struct.pack('=IHHII', 8, 1, 0, 0, 0),
    'long-len': struct.pack('=IHHII', 40000, 1, 0, 0, 0),
    'empty': b'',
}
# Stats events: hardware L3 counters asked for or in use, or neither; a
# device that does not exist; a kind of counters unknown to the printer.
def nest(t, payload):
    return struct.pack('=HH', 4 + len(payload), t) + payload + b'\0' * (-len(payload) % 4)
def stats(index, hw_s_info):
    return msg(92, 0, struct.pack('=BBHII', 0, 0, 0, index, 0x1f) + nest(4, hw_s_info))
def l3(*values):
    return nest(2, nest(3, b''.join(nest(t, bytes([v])) for t, v in values)))
files['stats'] = (stats(1, l3((1, 1), (2, 0))) + stats(1, l3((2, 1))) + stats(1, l3()) +
                  stats(77, l3((1, 0))) + stats(1, nest(2, nest(5, b''))) +
                  stats(1, nest(1, bytes(8))))
for name, data in files.items():
    open(d + '/' + name, 'wb').write(data)
EOF
	for name in good cut-body cut-header short-len long-len empty stats; do
		TZ=UTC diff_ip monitor file "$f/$name"
	done
	diff_ip -o monitor all file "$f/stats"
	[[ $output == *'[STATS]1: lo:\    l3_stats on used off\'* ]]
	diff_ip monitor file "$f"
	diff_ip monitor file "$f/nonexistent"
	[ "$status" -eq 255 ]
}

@test "command line errors" {
	diff_ip monitor help
	diff_ip monitor nosuchobject
	diff_ip monitor dev
	diff_ip monitor file
	diff_ip monitor dev nosuchdevice
	diff_ip monitor st
	[ "$status" -eq 255 ]
}

# Issue #11: a burst of 10000 route changes while the monitors cannot
# read (stopped): ours keeps every event, where the reference's smaller
# buffer overflows and says so.  After an overflow ours reports it in the
# reference's words and goes on.
@test "burst: 10000 routes, none lost; an overrun is reported and survived" {
	local i

	ref link set lo up
	for ((i = 0; i < 10000; i++)); do
		echo "route add 10.$((i / 256)).$((i % 256)).0/24 dev lo"
	done >"$MON_DIR/batch"
	mon_start ours monitor route
	mon_wait_listening
	mon_signal -STOP "${MON_PIDS[0]}"
	ref -batch "$MON_DIR/batch"
	mon_signal -CONT "${MON_PIDS[0]}"
	mon_stop
	[ "$(wc -l <"$MON_DIR/ours.out")" -eq 10000 ]
	[ ! -s "$MON_DIR/ours.err" ]

	# With a receive buffer too small for the burst, the loss is reported.
	mon_start ours -rc 65536 monitor route
	mon_start ref -rc 65536 monitor route
	mon_wait_listening
	mon_signal -STOP "${MON_PIDS[@]}"
	ref route flush dev lo
	mon_signal -CONT "${MON_PIDS[@]}"
	sleep 0.5
	ref route add 10.200.0.0/16 dev lo
	mon_stop
	diff -u "$MON_DIR/ref.err" "$MON_DIR/ours.err"
	[ "$(cat "$MON_DIR/ours.err")" = "netlink receive error No buffer space available (105)" ]
	[ "$(tail -n 1 "$MON_DIR/ours.out")" = "10.200.0.0/16 dev lo scope link " ]
}
