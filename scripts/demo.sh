#!/bin/sh
# The main job: two network namespaces joined by a veth pair, addressed,
# pinged across, and shown with nlkit's own ip; then a third namespace
# behind the second, reached through NAT that nlkit's own nft sets up.
# Everything it makes is removed on exit, whatever happens.
#
# Every step is nlkit's; only the clean-up uses the reference ip
# (/usr/sbin/ip), which must work whatever happened to ours.
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

# join NS DEV ADDR PEER-NS PEER-DEV PEER-ADDR: a veth pair from DEV in the
# namespace NS to PEER-DEV in PEER-NS, each end addressed and up, with lo.
join() {
	"$OURS" -n "$1" link add "$2" type veth peer name "$5" netns "$4"
	"$OURS" -n "$1" addr add "$3" dev "$2"
	"$OURS" -n "$4" addr add "$6" dev "$5"
	"$OURS" -n "$1" link set "$2" up
	"$OURS" -n "$4" link set "$5" up
	"$OURS" -n "$1" link set lo up
	"$OURS" -n "$4" link set lo up
}

step "nlkit: two namespaces, $A and $B, joined by a veth pair"
"$OURS" netns add "$A"
"$OURS" netns add "$B"
join "$A" veth-a 10.99.0.1/24 "$B" veth-b 10.99.0.2/24

step "ping from $A to $B"
"$OURS" netns exec "$A" ping -c 3 -i 0.2 -W 2 10.99.0.2

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
step "nlkit: $C behind $B; $B forwards and masquerades what leaves towards $C"
"$OURS" netns add "$C"
join "$B" veth-bc 10.98.0.1/24 "$C" veth-cb 10.98.0.2/24
"$OURS" -n "$A" route add default via 10.99.0.2
"$OURS" netns exec "$B" sysctl -q -w net.ipv4.ip_forward=1

step "nlkit: nft, in $B: a nat chain masquerading on veth-bc"
"$OURS" netns exec "$B" "$OURS_NFT" add table ip nat
"$OURS" netns exec "$B" "$OURS_NFT" add chain ip nat postrouting \
	'{ type nat hook postrouting priority srcnat; policy accept; }'
"$OURS" netns exec "$B" "$OURS_NFT" add rule ip nat postrouting oifname '"veth-bc"' \
	counter masquerade

step "ping from $A to $C, through $B"
"$OURS" netns exec "$A" ping -c 3 -i 0.2 -W 2 10.98.0.2

step "nlkit: nft list ruleset, in $B (the nat chain counts the first packet of the flow)"
"$OURS" netns exec "$B" "$OURS_NFT" list ruleset

echo
echo "demo: done; removing $A, $B and $C"
