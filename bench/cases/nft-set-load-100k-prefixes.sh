# shellcheck shell=bash
# `nft -f` of one file adding 100000 IPv4 /30 prefixes to an interval set.
BENCH_TOOL=nft

setup() {
	local i

	BENCH_FILE=$(mktemp)
	{
		echo "flush ruleset"
		echo "add table ip t"
		echo "add set ip t s { type ipv4_addr; flags interval; }"
		printf 'add element ip t s { '
		for ((i = 0; i < 100000; i++)); do
			printf '10.%d.%d.%d/30, ' $((i / 16384)) $((i / 64 % 256)) $((i % 64 * 4))
		done
		echo '11.0.0.0/30 }'
	} >"$BENCH_FILE"
}

cmd() {
	"$IP" -f "$BENCH_FILE"
}

teardown() {
	rm -f "$BENCH_FILE"
}
