# shellcheck shell=bash
# Monitors side by side: ours and the reference listen in the test's
# namespace while a script makes changes; both must print the same events,
# byte for byte.  Load after lib/common (and lib/nft for nft); it takes
# over setup() and teardown().
#
#   MON_OURS, MON_REF       the two programs: ip unless the file sets them
#   mon_start SIDE ARG...   start SIDE's program (ours or ref) with ARG...
#   mon_wait_listening      until every monitor has subscribed
#   mon_stop                let the last events arrive, end the monitors
#   mon_signal SIG PID...   send SIG to the monitors PID...
#   mon_compare [--mask-time]   the two printed the same
#   mon_diff ARGS SCRIPT [--mask-time]   all of the above around SCRIPT
#
# Each side writes into $MON_DIR/SIDE.out and .err.

MON_OURS=${MON_OURS:-$NLKIT_IP}
MON_REF=${MON_REF:-$NLKIT_REF_IP}
MON_DIR=

setup() {
	nlkit_setup
	MON_DIR=$BATS_TEST_TMPDIR/monitor
	mkdir -p "$MON_DIR"
	MON_PIDS=()
}

teardown() {
	local pid

	for pid in "${MON_PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	nlkit_teardown
}

# mon_start SIDE ARG...: start SIDE's program (ours or ref) with ARG... in
# the test's namespace, its output into $MON_DIR/SIDE.out and .err.  The
# process is the program itself (nsenter execs it), so its pid is $!.
mon_start() {
	local side=$1 prog=$MON_OURS
	shift

	[ "$side" = ours ] || prog=$MON_REF
	nsenter --net="/proc/$NLKIT_NS_PID/ns/net" -- "$prog" "$@" \
		>"$MON_DIR/$side.out" 2>"$MON_DIR/$side.err" </dev/null 3>&- &
	MON_PIDS+=("$!")
}

# mon_wait_listening: wait until every started monitor sleeps in its
# receive, that is has subscribed and read its start-up dumps.
mon_wait_listening() {
	local pid

	for pid in "${MON_PIDS[@]}"; do
		wait_receiving "$pid" || true
	done
	# A dump's reply can make a receive wait too: let a late one end.
	sleep 0.2
}

# mon_stop: let the last events arrive, then end the monitors.
mon_stop() {
	local pid

	sleep 0.5
	for pid in "${MON_PIDS[@]}"; do
		# a slow one (valgrind) may still be printing
		wait_receiving "$pid" 60 || true
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	MON_PIDS=()
}

# mon_signal SIG PID...: send SIG (-STOP, -CONT) to the monitors PID...,
# and to their children: under valgrind each is testsuite/tools/valgrind-wrap,
# whose child is the program.
mon_signal() {
	local sig=$1 pid
	shift

	for pid; do
		# shellcheck disable=SC2046 # one pid a word
		kill "$sig" $(cat "/proc/$pid/task/$pid/children" 2>/dev/null) "$pid" 2>/dev/null || true
	done
}

# mon_compare [--mask-time]: ours and the reference printed the same, on
# stdout and stderr (the times of `ip monitor -t/-ts` masked with
# --mask-time); $output is then our stdout.
mon_compare() {
	local side part

	if [ "${1:-}" = --mask-time ]; then
		for side in ours ref; do
			sed -i -E -e 's/^Timestamp: .* [0-9]+ usec$/Timestamp: TIME/' \
				-e 's/^\[[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\.[0-9]{6}\] /[TIME] /' \
				"$MON_DIR/$side.out"
		done
	fi
	for part in out err; do
		if ! diff -u --label "reference $part" --label "our $part" \
			"$MON_DIR/ref.$part" "$MON_DIR/ours.$part"; then
			return 1
		fi
	done
	output=$(cat "$MON_DIR/ours.out")
}

# mon_diff ARGS SCRIPT [--mask-time]: run the programs with ARGS (global
# options and monitor arguments, one string) while the bash SCRIPT makes
# changes in the test's namespace ($REF: the reference program), then
# compare.  A SCRIPT that fails fails the comparison: both sides would
# agree on the events of changes that were never made.
mon_diff() {
	local args=$1 script=$2 pace=''
	local -a words

	read -r -a words <<<"$args"
	mon_start ours "${words[@]}"
	mon_start ref "${words[@]}"
	mon_wait_listening
	# Under valgrind ours prints an event long after it came, when a link
	# the script made may be gone, and its name with it: before each
	# command the script waits until ours has read everything.
	if [ -n "${NLKIT_VALGRIND_LOGS:-}" ]; then
		pace="$(declare -f wait_receiving); trap 'wait_receiving ${MON_PIDS[0]} || true' DEBUG;"
	fi
	if ! REF=$MON_REF ns bash -e -c "$pace$script"; then
		mon_stop
		echo "mon_diff: the changes of '$args' failed"
		return 1
	fi
	mon_stop
	mon_compare "${3:-}"
}
