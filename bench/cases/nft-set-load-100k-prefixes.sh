# shellcheck shell=bash
# `nft -f` of one file adding 100000 IPv4 /30 prefixes to an interval set.
BENCH_TOOL=nft

setup() {
	BENCH_FILE=$(nft_set_file 'type ipv4_addr; flags interval;' 4 /30)
}

cmd() {
	"$IP" -f "$BENCH_FILE"
}

teardown() {
	rm -f "$BENCH_FILE"
}
