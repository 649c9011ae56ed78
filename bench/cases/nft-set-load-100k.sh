# shellcheck shell=bash
# `nft -f` of one file adding 100000 IPv4 addresses to a set in one batch.
BENCH_TOOL=nft

setup() {
	local i

	BENCH_FILE=$(mktemp)
	{
		echo "flush ruleset"
		echo "add table ip t"
		echo "add set ip t s { type ipv4_addr; size 200000; }"
		printf 'add element ip t s { '
		for ((i = 0; i < 100000; i++)); do
			printf '10.%d.%d.%d, ' $((i / 65536)) $((i / 256 % 256)) $((i % 256))
		done
		echo '10.255.255.255 }'
	} >"$BENCH_FILE"
}

cmd() {
	"$IP" -f "$BENCH_FILE"
}

teardown() {
	rm -f "$BENCH_FILE"
}
