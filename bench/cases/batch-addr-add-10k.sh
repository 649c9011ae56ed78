# shellcheck shell=bash
# `ip -batch` of 10000 `address add` lines (10.0.0.1/32 up to 10.0.39.250/32
# on one device).  Each run starts from the same state: cmd makes the device
# anew, untimed (with the reference, outside "$IP").

BATCH_FILE=$(mktemp)
trap 'rm -f "$BATCH_FILE"' EXIT

fresh_device() {
	"$REF_IP" link del d0 2>/dev/null || true
	"$REF_IP" link add d0 type veth peer name d1
}

setup() {
	local i

	for ((i = 0; i < 10000; i++)); do
		echo "addr add 10.0.$((i / 250)).$((i % 250 + 1))/32 dev d0"
	done >"$BATCH_FILE"
}

cmd() {
	fresh_device
	"$IP" -batch "$BATCH_FILE"
}
