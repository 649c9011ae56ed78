# shellcheck shell=bash
# `ip -batch` of 100000 `route add` lines (10.0.0.0/32 up to 10.1.134.159/32
# via one device).  Each run starts from the same state: cmd makes the
# device anew, untimed (with the reference, outside "$IP"), which drops the
# routes the previous run added.

BATCH_FILE=$(mktemp)
trap 'rm -f "$BATCH_FILE"' EXIT

fresh_device() {
	"$REF_IP" link del d0 2>/dev/null || true
	"$REF_IP" link add d0 type veth peer name d1
	"$REF_IP" link set d0 up
	"$REF_IP" link set d1 up
}

setup() {
	local i

	for ((i = 0; i < 100000; i++)); do
		echo "route add 10.$((i >> 16)).$(((i >> 8) & 255)).$((i & 255))/32 dev d0"
	done >"$BATCH_FILE"
}

cmd() {
	fresh_device
	"$IP" -batch "$BATCH_FILE"
}
