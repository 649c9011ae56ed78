# shellcheck shell=bash
# `ip route flush` of 100000 IPv4 routes, rebuilt before each timed run
# (the rebuild, with the reference's -batch, is not timed).

setup() {
	REF=$IP
	"$IP" link add v0 type veth peer name v1
	"$IP" link set v0 up
	"$IP" link set v1 up
	"$IP" addr add 10.255.0.1/16 dev v0
}

routes_batch() {
	local i

	for ((i = 0; i < 100000; i++)); do
		echo "route add 10.$((i / 65536)).$((i / 256 % 256)).$((i % 256))/32 via 10.255.0.2"
	done
}

cmd() {
	routes_batch | "$REF" -batch -
	"$IP" route flush proto boot
}
