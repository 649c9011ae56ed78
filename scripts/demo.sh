#!/bin/sh
# The main job: two network namespaces joined by a veth pair, addressed,
# pinged across, and shown with nlkit's own ip.  Everything it makes is
# removed on exit, whatever happens.
#
# Steps that nlkit cannot do yet are done with the reference ip
# (/usr/sbin/ip); each later feature replaces its step here.
set -eu

OURS=${NLKIT_IP:-$(dirname "$0")/../ip/ip}
REF=/usr/sbin/ip
A=nlkit-demo-a-$$
B=nlkit-demo-b-$$

if [ "$(id -u)" -ne 0 ]; then
	echo "demo: run as root (sudo make demo)" >&2
	exit 1
fi

cleanup() {
	$REF netns del "$A" 2>/dev/null || true
	$REF netns del "$B" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

step() { printf '\n== %s\n' "$*"; }

step "two namespaces, $A and $B, joined by a veth pair"
$REF netns add "$A"
$REF netns add "$B"
$REF -n "$A" link add veth-a type veth peer name veth-b netns "$B"
$REF -n "$A" addr add 10.99.0.1/24 dev veth-a
$REF -n "$B" addr add 10.99.0.2/24 dev veth-b
$REF -n "$A" link set veth-a up
$REF -n "$B" link set veth-b up
$REF -n "$A" link set lo up
$REF -n "$B" link set lo up

step "ping from $A to $B"
ip netns exec "$A" ping -c 3 -i 0.2 -W 2 10.99.0.2

step "nlkit: ip -n $A -br link"
"$OURS" -n "$A" -br link
step "nlkit: ip -n $B addr"
"$OURS" -n "$B" addr
step "nlkit: ip -n $A -s link show veth-a"
"$OURS" -n "$A" -s link show veth-a
step "nlkit: ip -n $B -j -p addr show dev veth-b"
"$OURS" -n "$B" -j -p addr show dev veth-b

echo
echo "demo: done; removing $A and $B"
