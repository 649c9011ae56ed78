#!/bin/bash
# bench/run.sh [CASE...]: time our ip against the reference, case by case
# (by default every bench/cases/*.sh), and print one table row per case:
# the median wall time and the median peak RSS of each, and their ratios
# (ours / reference: below 1 means ours is faster or smaller).
#
# A case is a file bench/cases/NAME.sh that defines two shell functions:
#   setup  builds the state to measure, with the reference ip as "$IP"
#   cmd    runs the command to time, with the ip under test as "$IP"
#          (every "$IP" run counts: times add up, peak RSS is the largest)
#   teardown  (optional) ends what setup left running
# A case that measures ss rather than ip sets BENCH_TOOL=ss: "$IP" then
# names our ss and the reference ss; "$SOCKFARM" is the socket maker of
# testsuite/tools.  One that measures nft sets BENCH_TOOL=nft, and "$IP"
# names our nft and the reference nft (/usr/sbin/nft).  Its setup runs with
# "$REF_NFT" at hand.
# Each case gets a fresh network namespace of its own: setup runs once,
# then ours and the reference run alternately in the same state, after one
# untimed run each (to warm caches); cmd's stdout goes to /dev/null.
#
# Environment: NLKIT_IP (our ip), NLKIT_REF_IP (the reference, /usr/sbin/ip),
# NLKIT_RUNSTAT (testsuite/tools/runstat), BENCH_RUNS (timed runs of each,
# default 5).  Runs unprivileged too, in a user namespace.
set -euo pipefail

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
top=${NLKIT_TOP:-$(dirname "$bench_dir")}
OURS_IP=${NLKIT_IP:-$top/build/default/ip/ip}
REF_IP=${NLKIT_REF_IP:-/usr/sbin/ip}
RUNSTAT=${NLKIT_RUNSTAT:-$top/build/default/testsuite/tools/runstat}
OURS_SS=${NLKIT_SS:-$top/build/default/ss/ss}
REF_SS=${NLKIT_REF_SS:-/usr/bin/ss}
OURS_NFT=${NLKIT_NFT:-$top/build/default/nft/nft}
REF_NFT=${NLKIT_REF_NFT:-/usr/sbin/nft}
SOCKFARM=${NLKIT_SOCKFARM:-$top/build/default/testsuite/tools/sockfarm}
BENCH_RUNS=${BENCH_RUNS:-5}

ROW_FORMAT='%-28s %-7s %-7s %-6s %-12s %-11s %s\n'

# veth_pairs_batch N: `ip -batch` lines that make N veth pairs, aN and bN.
# For the cases' setup.
# shellcheck disable=SC2317 # called from the case files
veth_pairs_batch() {
	local i

	for ((i = 0; i < $1; i++)); do
		echo "link add a$i type veth peer name b$i"
	done
}

# nft_set_file DECLARATION STEP SUFFIX: a new temporary file (its name on
# stdout) of `nft -f` commands that, from an empty ruleset, add table ip t,
# its set s { DECLARATION } and, in one command, 100000 elements: from
# 10.0.0.0 on, STEP addresses apart, each followed by SUFFIX.
# For the cases' setup.
# shellcheck disable=SC2317 # called from the case files
nft_set_file() {
	local file i addr sep=''

	file=$(mktemp)
	{
		echo "flush ruleset"
		echo "add table ip t"
		echo "add set ip t s { $1 }"
		printf 'add element ip t s { '
		for ((i = 0; i < 100000; i++)); do
			addr=$((i * $2))
			printf '%s10.%d.%d.%d%s' "$sep" $((addr >> 16 & 255)) \
				$((addr >> 8 & 255)) $((addr & 255)) "$3"
			sep=', '
		done
		echo ' }'
	} >"$file"
	echo "$file"
}

# median: the median of the numbers on stdin, one a line.
median() {
	sort -g | awk '{ v[NR] = $1 }
		END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# timed_ip [ARG...]: what "$IP" names while cmd is timed: runs
# $TIMED_BINARY under runstat, which reports on the last line of stderr;
# that goes, with the rest of stderr, to the file $TIMED_STATS.
# shellcheck disable=SC2317 # called through "$IP"
timed_ip() {
	"$RUNSTAT" "$TIMED_BINARY" "$@" 2>>"$TIMED_STATS"
}

# time_cmd TOOL BINARY: run the case's cmd once with BINARY as "$IP"; add
# its wall time and peak RSS to the caller's arrays TOOL_wall and TOOL_rss.
time_cmd() {
	local stats wall rss failed
	local -n walls=${1}_wall rsss=${1}_rss

	stats=$(mktemp)
	TIMED_BINARY=$2 TIMED_STATS=$stats IP=timed_ip cmd >/dev/null || true
	# Times add up, the peak RSS is the largest; other lines are the
	# binary's own stderr.
	read -r wall rss failed < <(awk -F '[= ]' '
		/^wall_s=[0-9.]+ maxrss_kb=[0-9]+ status=[0-9]+$/ {
			wall += $2
			if ($4 > rss)
				rss = $4
			if ($6 != 0)
				failed = $6
		}
		END { print wall + 0, rss + 0, failed + 0 }' "$stats")
	if [ "$failed" != 0 ] || [ "$rss" = 0 ]; then
		if [ "$rss" = 0 ]; then
			echo "bench: the case's cmd never ran \$IP" >&2
		else
			echo "bench: $2 failed with status $failed:" >&2
		fi
		cat "$stats" >&2
		rm -f "$stats"
		return 1
	fi
	rm -f "$stats"
	walls+=("$wall")
	rsss+=("$rss")
}

# run_case NAME: inside the case's own namespace, set up, time, print a row.
run_case() {
	local name=$1 run ours_s ref_s ours_kb ref_kb
	# shellcheck disable=SC2034 # filled through time_cmd's namerefs
	local ours_wall=() ours_rss=() ref_wall=() ref_rss=() warmup_wall=() warmup_rss=()

	local ours_bin=$OURS_IP ref_bin=$REF_IP

	# shellcheck source=/dev/null
	. "$bench_dir/cases/$name.sh"
	if [ "${BENCH_TOOL:-ip}" = ss ]; then
		ours_bin=$OURS_SS
		ref_bin=$REF_SS
	elif [ "${BENCH_TOOL:-ip}" = nft ]; then
		ours_bin=$OURS_NFT
		ref_bin=$REF_NFT
	fi
	IP=$REF_IP setup >/dev/null
	time_cmd warmup "$ours_bin"
	time_cmd warmup "$ref_bin"
	for ((run = 0; run < BENCH_RUNS; run++)); do
		time_cmd ours "$ours_bin"
		time_cmd ref "$ref_bin"
	done
	if declare -F teardown >/dev/null; then
		teardown
	fi
	ours_s=$(printf '%s\n' "${ours_wall[@]}" | median)
	ref_s=$(printf '%s\n' "${ref_wall[@]}" | median)
	ours_kb=$(printf '%s\n' "${ours_rss[@]}" | median)
	ref_kb=$(printf '%s\n' "${ref_rss[@]}" | median)
	# shellcheck disable=SC2059 # the format is ours
	printf "$ROW_FORMAT" "$name" \
		"$(printf '%.4f' "$ours_s")" "$(printf '%.4f' "$ref_s")" \
		"$(awk -v a="$ours_s" -v b="$ref_s" 'BEGIN { printf "%.2f", a / b }')" \
		"$(printf '%.0f' "$ours_kb")" "$(printf '%.0f' "$ref_kb")" \
		"$(awk -v a="$ours_kb" -v b="$ref_kb" 'BEGIN { printf "%.2f", a / b }')"
}

if [ "${1:-}" = --in-netns ]; then
	run_case "$2"
	exit
fi

for binary in "$OURS_IP" "$REF_IP" "$RUNSTAT"; do
	if [ ! -x "$binary" ]; then
		echo "bench: $binary is not built (run make)" >&2
		exit 1
	fi
done
if [ $# -gt 0 ]; then
	cases=("$@")
else
	cases=()
	for file in "$bench_dir"/cases/*.sh; do
		name=${file##*/}
		cases+=("${name%.sh}")
	done
fi
if [ "$(id -u)" -eq 0 ]; then
	unshare_opts=-n
else
	unshare_opts=-rn
fi

status=0
# shellcheck disable=SC2059 # the format is ours
printf "$ROW_FORMAT" case ours_s ref_s ratio ours_rss_kb ref_rss_kb rss_ratio
for name in "${cases[@]}"; do
	if [ ! -f "$bench_dir/cases/$name.sh" ]; then
		echo "bench: no case $name (bench/cases/$name.sh)" >&2
		status=1
		continue
	fi
	unshare "$unshare_opts" -- "$BASH" "${BASH_SOURCE[0]}" --in-netns "$name" || status=1
done
exit "$status"
