# shellcheck shell=bash
# `nft list ruleset` of a table whose set holds 100000 IPv4 addresses.
BENCH_TOOL=nft

setup() {
	local file

	file=$(nft_set_file 'type ipv4_addr; size 200000;' 1 '')
	"$REF_NFT" -f "$file"
	rm -f "$file"
}

cmd() {
	"$IP" list ruleset
}
