# shellcheck shell=bash
# `ss -tani` (tcp_info) over 50k TCP sockets: three listeners and 25k connected pairs on
# loopback, held by three sockfarm processes while the case runs (a
# process may hold no more files than the hard RLIMIT_NOFILE, which may
# be 20000).
# shellcheck disable=SC2034 # read by run.sh
BENCH_TOOL=ss

setup() {
	local port

	"$IP" link set lo up
	FARM_PIDS=()
	for port in 7000 7001 7002; do
		FARM_PIDS+=("$("$SOCKFARM" nofile 20000 tcp "127.0.0.1:$port" 8334)")
	done
}

cmd() {
	"$IP" -tani
}

teardown() {
	kill "${FARM_PIDS[@]}"
}
