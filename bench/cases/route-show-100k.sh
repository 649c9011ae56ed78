# shellcheck shell=bash
# `ip route show` over 100000 IPv4 routes through one veth.

setup() {
	local i

	{
		echo "link add v0 type veth peer name v1"
		echo "link set v0 up"
		echo "link set v1 up"
		echo "addr add 10.255.0.1/16 dev v0"
		for ((i = 0; i < 100000; i++)); do
			echo "route add 10.$((i / 65536)).$((i / 256 % 256)).$((i % 256))/32 via 10.255.0.2"
		done
	} | "$IP" -batch -
}

cmd() {
	"$IP" route show
}
