# shellcheck shell=bash
# `ip -batch` of 100000 `route del` lines, the routes of
# batch-route-add-100k.  Each run starts from the same state: cmd makes the
# device and adds the routes anew, untimed (with the reference's -batch,
# outside "$IP").

ADD_FILE=$(mktemp)
DEL_FILE=$(mktemp)
trap 'rm -f "$ADD_FILE" "$DEL_FILE"' EXIT

setup() {
	local i route

	for ((i = 0; i < 100000; i++)); do
		route="10.$((i >> 16)).$(((i >> 8) & 255)).$((i & 255))/32 dev d0"
		echo "route add $route" >>"$ADD_FILE"
		echo "route del $route" >>"$DEL_FILE"
	done
}

cmd() {
	"$REF_IP" link del d0 2>/dev/null || true
	"$REF_IP" link add d0 type veth peer name d1
	"$REF_IP" link set d0 up
	"$REF_IP" link set d1 up
	"$REF_IP" -batch "$ADD_FILE"
	"$IP" -batch "$DEL_FILE"
}
