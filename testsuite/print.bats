#!/usr/bin/env bats
# The core's printing layer, name tables, addresses and interface cache:
# their C unit tests case by case, and the printing layer's output against
# the reference's on the same namespace.

load lib/common

@test "print: text link record" { unit print_test text_link; }
@test "print: oneline" { unit print_test text_oneline; }
@test "print: text scalars and NULL keys/formats" { unit print_test text_scalars; }
@test "print: compact JSON" { unit print_test json_compact_address; }
@test "print: pretty JSON" { unit print_test json_pretty_address; }
@test "print: pretty JSON nesting, empty array" { unit print_test json_pretty_nested; }
@test "print: empty documents and objects" { unit print_test json_empty; }
@test "print: text-only calls in JSON" { unit print_test json_text_only; }
@test "print: JSON members without names" { unit print_test json_null_keys; }
@test "print: JSON string escapes" { unit print_test json_escape; }
@test "print: pr_finish closes what is open" { unit print_test json_finish_closes; }
@test "print: colours, light and dark palette" { unit print_test color_always; }
@test "print: COLORFGBG background detection" { unit print_test color_background; }
@test "print: no colour (never, auto off a tty, JSON)" { unit print_test color_off_modes; }
@test "print: statistics columns, -h and -iec" { unit print_test num_scaling; }
@test "print: pr_finish reports a write error" { unit print_test finish_write_error; }
@test "print: thousands of records" { unit print_test many_records; }

# print_same REF-ARGS... -- CASE: the print_test CASE prints what the
# reference prints for `ip REF-ARGS`, lo up.
print_same() {
	local args=() case

	while [ "$1" != -- ]; do
		args+=("$1")
		shift
	done
	case=$2
	ref link set lo up
	ref "${args[@]}" >"$BATS_TEST_TMPDIR/ref.out"
	ns "$NLKIT_BUILD/testsuite/unit/print_test" "$case" >"$BATS_TEST_TMPDIR/ours.out"
	diff -u --label reference --label ours "$BATS_TEST_TMPDIR/ref.out" "$BATS_TEST_TMPDIR/ours.out"
}

@test "print: same as the reference: ip link show lo" {
	print_same link show lo -- stdout_lo_link
}

@test "print: same as the reference: ip -o link show lo" {
	print_same -o link show lo -- stdout_lo_oneline
}

@test "print: same as the reference: ip -c=always addr show lo" {
	unset COLORFGBG
	print_same -c=always addr show lo -- stdout_lo_color
}

@test "print: same as the reference: ip -j addr show lo" {
	print_same -j addr show lo -- stdout_lo_json
}

@test "print: same as the reference: ip -j -p addr show lo" {
	print_same -j -p addr show lo -- stdout_lo_pretty
}

@test "print: documents cut short are valid JSON" {
	run -0 ns "$NLKIT_BUILD/testsuite/unit/print_test" stdout_partial
	run -0 jq -s -c . <<<"$output"
	local doc='[{"ifname":"a\"b\\c\td\n","flags":["UP",{"linkinfo":{"empty":[]}}]}]'
	[ "$output" = "[$doc,[],[{},{\"n\":1}],$doc,[],[{},{\"n\":1}]]" ]
}

@test "names: built-in names" { unit names_test builtins; }
@test "names: numbers and ranges" { unit names_test numbers; }
@test "names: built-in names printed before the file is read" { unit names_test protos_builtin_first; }
@test "names: rt_protos and rt_protos.d" { unit names_test protos_file; }
@test "names: rt_tables, group and the other files" { unit names_test wide_tables; }
@test "names: -N" { unit names_test numeric; }
@test "names: corrupted files" { unit names_test corrupted; }
@test "names: many tables" { unit names_test many_tables; }

@test "addr: IPv4 forms" { unit addr_test ipv4_forms; }
@test "addr: IPv6 forms" { unit addr_test ipv6_forms; }
@test "addr: prefix lengths and netmasks" { unit addr_test prefix_lengths; }
@test "addr: default, any, all" { unit addr_test keywords; }
@test "addr: MPLS label stacks" { unit addr_test mpls_labels; }
@test "addr: formats and families" { unit addr_test formats; }
@test "addr: link-layer addresses printed" { unit addr_test lladdr_formats; }
@test "addr: link-layer addresses parsed" { unit addr_test lladdr_parsing; }
@test "addr: round trips" { unit addr_test round_trips; }
@test "addr: prefix matching" { unit addr_test matching; }
@test "addr: host names under -r" { unit addr_test host_names; }

@test "ifcache: learned devices" { unit ifcache_test learned_only; }
@test "ifcache: renames and deletions" { unit ifcache_test changes; }
@test "ifcache: many devices" { unit ifcache_test many_links; }
@test "ifcache: lookups through the kernel" { unit ifcache_test kernel_lookup; }
@test "ifcache: alternative names" { unit ifcache_test kernel_altname; }
