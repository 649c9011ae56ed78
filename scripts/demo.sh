#!/bin/sh
# The main job: two network namespaces joined by a veth pair, addressed,
# pinged across, and shown with nlkit's own ip; then a third namespace
# behind the second, reached through NAT that nlkit's own nft sets up.
# Everything it makes is removed on exit, whatever happens.
#
# Steps that nlkit cannot do yet are done with the reference ip
# (/usr/sbin/ip); each later feature replaces its step here.
set -eu

OURS=${NLKIT_IP:-$(dirname "$0")/../ip/ip}
OURS_NFT=${NLKIT_NFT:-$(dirname "$0")/../nft/nft}
REF=/usr/sbin/ip
A=nlkit-demo-a-$$
B=nlkit-demo-b-$$
C=nlkit-demo-c-$$

if [ "$(id -u)" -ne 0 ]; then
	echo "demo: run as root (sudo make demo)" >&2
	exit 1
fi

cleanup() {
	$REF netns del "$A" 2>/dev/null || true
	$REF netns del "$B" 2>/dev/null || true
	$REF netns del "$C" 2>/dev/null || true
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

# NAT: $B routes $A's traffic on to a third namespace, $C, which has no
# route back to $A's network; only masquerading on $B (set up with
# nlkit's nft) lets $C's answers find their way.
step "$C behind $B; $B forwards and masquerades what leaves towards $C"
$REF netns add "$C"
$REF -n "$B" link add veth-bc type veth peer name veth-cb netns "$C"
$REF -n "$B" addr add 10.98.0.1/24 dev veth-bc
$REF -n "$C" addr add 10.98.0.2/24 dev veth-cb
$REF -n "$B" link set veth-bc up
$REF -n "$C" link set veth-cb up
$REF -n "$C" link set lo up
$REF -n "$A" route add default via 10.99.0.2
ip netns exec "$B" sysctl -q -w net.ipv4.ip_forward=1

step "nlkit: nft, in $B: a nat chain masquerading on veth-bc"
ip netns exec "$B" "$OURS_NFT" add table ip nat
ip netns exec "$B" "$OURS_NFT" add chain ip nat postrouting \
	'{ type nat hook postrouting priority srcnat; policy accept; }'
ip netns exec "$B" "$OURS_NFT" add rule ip nat postrouting oifname '"veth-bc"' counter masquerade

step "ping from $A to $C, through $B"
ip netns exec "$A" ping -c 3 -i 0.2 -W 2 10.98.0.2

step "nlkit: nft list ruleset, in $B (the nat chain counts the first packet of the flow)"
ip netns exec "$B" "$OURS_NFT" list ruleset

echo
echo "demo: done; removing $A, $B and $C"
