# shellcheck shell=bash
# `nft -f` of one file adding 100000 IPv4 addresses to a set in one batch.
BENCH_TOOL=nft

setup() {
	BENCH_FILE=$(nft_set_file 'type ipv4_addr; size 200000;' 1 '')
}

cmd() {
	"$IP" -f "$BENCH_FILE"
}

teardown() {
	rm -f "$BENCH_FILE"
}
