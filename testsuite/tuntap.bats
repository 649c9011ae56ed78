#!/usr/bin/env bats
# ip tuntap: add, del, show and their errors, against the reference.
#
# The listing reads the devices' settings from /sys/class/net, which shows
# the devices of the namespace that mounted it, and with -d scans /proc for
# the processes that hold a device open.  The commands compared therefore
# run through wrappers (made in setup) that give them a sysfs of the test's
# namespace and a PID namespace of their own, in which the holders that
# NLKIT_TUN_HOLDERS names ("DEV:FLAGS ...", as TUNSETIFF takes them) are
# started first: the same holders with the same PIDs for both sides.

load lib/common

setup() {
	nlkit_setup
	OURS_SYS=$BATS_TEST_TMPDIR/ours-sys
	REF_SYS=$BATS_TEST_TMPDIR/ref-sys
	make_sys_wrapper "$OURS_SYS" "$NLKIT_IP"
	make_sys_wrapper "$REF_SYS" "$NLKIT_REF_IP"
}

# A process that attaches to tun device $1 with TUNSETIFF flags $2 (hex),
# says "ready" and waits.  Perl, which every Debian system has, can ioctl.
# shellcheck disable=SC2016 # perl's variables
HOLDER='open(my $fh, "+<", "/dev/net/tun") or die "open: $!";
	ioctl($fh, 0x400454ca, pack("a16 S x22", $ARGV[0], hex $ARGV[1])) or die "TUNSETIFF: $!";
	$| = 1; print "ready\n"; sleep 1000;'

# make_sys_wrapper FILE PROG: write FILE, a program that runs PROG as
# described at the top.
make_sys_wrapper() {
	cat >"$1" <<EOF
#!/bin/bash
exec unshare -m -p -f --mount-proc -- /bin/bash -c '
	mount -t sysfs sysfs /sys || exit 99
	n=0
	for holder in \$NLKIT_TUN_HOLDERS; do
		n=\$((n + 1))
		fifo=\$(mktemp -u)
		mkfifo "\$fifo"
		perl -e "\$0" "\${holder%%:*}" "\${holder#*:}" >"\$fifo" &
		read -r _ <"\$fifo"
		rm -f "\$fifo"
	done
	"\$@"
	status=\$?
	exit \$status' '$HOLDER' '$2' "\$@"
EOF
	chmod +x "$1"
}

# diff_sys ARG...: ours and the reference, each through its wrapper, which
# must have run them (two wrappers that could not mount sysfs fail alike).
diff_sys() {
	diff_cmd "$OURS_SYS" "$REF_SYS" "$@" || return 1
	[ "$status" != 99 ] || { echo "diff_sys: no sysfs of the test's namespace: $stderr"; return 1; }
}

# make_persistent DEV FLAGS: a persistent device made by TUNSETIFF with
# FLAGS (hex), for flags ip tuntap cannot ask for.
make_persistent() {
	# shellcheck disable=SC2016 # perl's variables
	ns perl -e 'open(my $fh, "+<", "/dev/net/tun") or die "open: $!";
		ioctl($fh, 0x400454ca, pack("a16 S x22", $ARGV[0], hex $ARGV[1])) or die "TUNSETIFF: $!";
		ioctl($fh, 0x400454cb, 1) or die "TUNSETPERSIST: $!";' "$1" "$2"
}

# diff_listing: every form of the listing, and of one device's details.
diff_listing() {
	local dev

	diff_sys tuntap show
	diff_sys tuntap
	diff_sys -j tuntap show
	diff_sys -j -p tuntap list
	diff_sys -d tuntap lst
	for dev; do
		diff_ip -d link show dev "$dev"
		diff_ip -d -j link show dev "$dev"
	done
}

@test "tuntap: made by ours with every option, shown by both" {
	ours tuntap add dev nlkt0 mode tap vnet_hdr user 1 group 2 multi_queue
	ours tuntap add nlkt1 mode tun pi one_queue
	ours tuntap add name nlkt2 mode tap user root group daemon pi
	ours tuntap add mode tun
	diff_listing nlkt0 nlkt1 nlkt2 tun0
	[ "$(ours -d link show dev nlkt0 | grep -c 'tun type tap pi off vnet_hdr on multi_queue')" = 1 ]
}

@test "tuntap: made by the reference, shown by ours" {
	ref tuntap add dev nlkt0 mode tap one_queue vnet_hdr
	ref tuntap add dev nlkt1 mode tun user 65534 group 65534
	ref tuntap add mode tap
	diff_listing nlkt0 nlkt1 tap0
}

@test "tuntap: abbreviations, the name given three ways, ids as numbers" {
	ours tuntap a m tu nlkt0
	ours tuntap add dev nlkt9 mode tap dev nlkt1
	ours tuntap add mode tap name nlkt2 multi vnet u 4294967294 g -2
	ours tuntap add mode tun user -1 group 4294967295 nlkt3
	diff_listing nlkt0 nlkt1 nlkt2 nlkt3
	run ours link show dev nlkt9
	[ "$status" = 1 ]
}

@test "tuntap: flags without a name are shown in hex" {
	# IFF_NAPI and IFF_NAPI_FRAGS on a tap with packet information.
	make_persistent nlkt0 0x32
	make_persistent nlkt1 0x2001
	diff_listing nlkt0 nlkt1
	diff_sys tuntap show
	[ "$output" = "nlkt0: tap pi persist filter 0x30
nlkt1: tun pi one_queue persist filter" ]
}

@test "tuntap: del removes what add made, as the reference" {
	ours tuntap add dev nlkt0 mode tap multi_queue
	ours tuntap add dev nlkt1 mode tun
	ref tuntap add dev nlkt2 mode tun pi
	ours tuntap del dev nlkt0 mode tap multi_queue
	ours tuntap d nlkt2 mode tun pi
	diff_listing nlkt1
	run ref link show dev nlkt0
	[ "$status" = 1 ]
	run ref link show dev nlkt2
	[ "$status" = 1 ]
	ours tuntap delete name nlkt1 mode tun
	diff_sys tuntap show
	[ -z "$output" ]
	diff_sys -j tuntap show
	[ "$output" = "[]" ]
}

@test "tuntap: -d names the processes attached to each device" {
	ours tuntap add dev nlkt0 mode tap multi_queue
	ours tuntap add dev nlkt1 mode tun
	ours tuntap add dev nlkt2 mode tap
	export NLKIT_TUN_HOLDERS="nlkt0:0x1102 nlkt0:0x1102 nlkt1:0x1001"
	diff_sys -d tuntap show
	[[ $output =~ ^"nlkt0: tap multi_queue persist"$'\n\t'"Attached to processes:perl("[0-9]+")perl("[0-9]+")"$'\n'"nlkt1: tun persist"$'\n\t'"Attached to processes:perl("[0-9]+")"$'\n'"nlkt2: tap persist"$'\n\t'"Attached to processes:"$ ]]
	diff_sys tuntap show
	# The reference writes the processes as bare members of an array, which
	# is not JSON; ours makes each an object.
	run -0 ns "$OURS_SYS" -d -j tuntap show
	[ "$(jq -c '[.[] | [.processes[] | .name, (.pid | type)]]' <<<"$output")" = \
		'[["perl","number","perl","number"],["perl","number"],[]]' ]
}

@test "tuntap: a device that is not persistent, while a process holds it" {
	export NLKIT_TUN_HOLDERS="nlkt0:0x1002 nlkt1:0x0001"
	diff_sys tuntap show
	[ "$output" = "nlkt0: tap
nlkt1: tun pi filter" ]
	diff_sys -j tuntap show
	# Gone with its holder.
	run ref link show dev nlkt0
	[ "$status" = 1 ]
}

@test "tuntap: a sysfs of another namespace has no such device" {
	# Without the wrappers /sys is the one the run started with.
	ours tuntap add dev nlkt7 mode tap
	diff_ip tuntap show
	[[ $stderr == "fopen /sys/class/net/nlkt7/tun_flags: No such file or directory" ]]
}

@test "tuntap: refused by the kernel" {
	ours tuntap add dev nlkt0 mode tap multi_queue
	ref link add v0 type veth peer name v1
	diff_ip tuntap add dev nlkt0 mode tap multi_queue
	[ "$status" = 1 ]
	diff_ip tuntap add dev v0 mode tun
	diff_ip tuntap del dev nlkt0 mode tap
	diff_ip tuntap del dev v0 mode tun
	diff_ip tuntap add dev . mode tun
	diff_ip tuntap add dev a:b mode tun
	diff_sys tuntap show
}

@test "tuntap: no /dev/net/tun" {
	local ours_nodev=$BATS_TEST_TMPDIR/ours-nodev ref_nodev=$BATS_TEST_TMPDIR/ref-nodev prog

	for prog in ours_nodev ref_nodev; do
		[ "$prog" = ours_nodev ] && set -- "$NLKIT_IP" || set -- "$NLKIT_REF_IP"
		printf '#!/bin/sh\nexec unshare -m sh -c %s sh "$@"\n' \
			"'mount -t tmpfs none /dev/net && exec $1 \"\$@\"'" >"${!prog}"
		chmod +x "${!prog}"
	done
	diff_cmd "$ours_nodev" "$ref_nodev" tuntap add dev nlkt0 mode tun
	[ "$stderr" = "open: No such file or directory" ]
	diff_cmd "$ours_nodev" "$ref_nodev" tuntap del dev nlkt0 mode tun
}

@test "tuntap: bad command lines" {
	local args

	while read -r -a args; do
		diff_ip tuntap "${args[@]}"
	done <<-'EOF'
		add dev nlkt0
		del nlkt0
		add
		add dev nlkt0 mode foo
		add dev nlkt0 mode TAP
		add dev nlkt0 mode tun mode tap
		add dev nlkt0 mode tun user nosuchuser
		add dev nlkt0 mode tun group nosuchgroup
		add dev nlkt0 mode tun user 0x10
		add dev nlkt0 mode tun user 12abc
		add dev nlkt0 mode tun bogus
		add nlkt0 nlkt1 mode tun
		add name nlkt0 name nlkt1 mode tun
		add mode tun nlkt0 name nlkt1
		add dev 0123456789abcdef mode tun
		add 0123456789abcdef mode tun
		add mode tun name a/b
		add dev nlkt0 mode
		add dev
		add mode tun name
		add mode tun help
		add mode tun h
		help
		help add
		foo
	EOF
	diff_ip tuntap add mode tun user ""
	diff_ip tuntap add mode tun group ""
	diff_ip tuntap add mode tun name "a b"
	diff_ip tuntap add mode tun dev ""
	[ "$status" = 255 ]
}

@test "tuntap: the tap alias and -batch" {
	ours tap add dev nlkt0 mode tap
	diff_sys tap show
	# The second line fails and ends the batch.
	printf '%s\n' "tuntap show" "tuntap add dev nlkt0 mode tap" "tuntap show" \
		>"$BATS_TEST_TMPDIR/batch"
	diff_sys -batch "$BATS_TEST_TMPDIR/batch"
	[ "$status" = 1 ]
	[ "$output" = "nlkt0: tap persist" ]
}
