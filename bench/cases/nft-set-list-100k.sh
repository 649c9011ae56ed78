# shellcheck shell=bash
# `nft list ruleset` of a table whose set holds 100000 IPv4 addresses.
BENCH_TOOL=nft

setup() {
	local i file

	file=$(mktemp)
	{
		echo "add table ip t"
		echo "add set ip t s { type ipv4_addr; size 200000; }"
		printf 'add element ip t s { '
		for ((i = 0; i < 100000; i++)); do
			printf '10.%d.%d.%d, ' $((i / 65536)) $((i / 256 % 256)) $((i % 256))
		done
		echo '10.255.255.255 }'
	} >"$file"
	"$REF_NFT" -f "$file"
	rm -f "$file"
}

cmd() {
	"$IP" list ruleset
}
