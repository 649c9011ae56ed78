# shellcheck shell=bash
# `ip link show` over 4000 links: 2000 veth pairs, down, without addresses.

setup() {
	veth_pairs_batch 2000 | "$IP" -batch -
}

cmd() {
	"$IP" link show
}
