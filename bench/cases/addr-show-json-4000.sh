# shellcheck shell=bash
# `ip -j addr show` over 4000 links (2000 veth pairs, down), each with an
# IPv4 address.

setup() {
	local i side=(a b)

	{
		veth_pairs_batch 2000
		# 10.0.0.1 up to 10.0.19.200, on a0, b0, a1, b1...
		for ((i = 0; i < 4000; i++)); do
			echo "addr add 10.0.$((i / 200)).$((i % 200 + 1))/16" \
				"dev ${side[i % 2]}$((i / 2))"
		done
	} | "$IP" -batch -
}

cmd() {
	"$IP" -j addr show
}
