#!/bin/bash
# scripts/vm/check-vm.sh [BATS-FILE...]: run the test suite (testsuite/run)
# inside a qemu guest on Debian 12's own kernel (linux-image-amd64), which
# has what the kernel of the machine running it may lack: dummy, vlan, bond,
# vrf and tunnel links, ESP/AH states, raw socket diag, ...  Its output is
# the guest's suite output, ending with its "N passed, N failed" line; its
# exit status is the suite's.
#
# How: the kernel package is fetched with `apt-get download` and unpacked
# under $NLKIT_VM_CACHE (kept between runs); an initramfs holds a static
# busybox, the modules of MODULES below (with what they depend on) and
# scripts/vm/init.  The guest mounts the host's / read-only over 9p and runs
# the suite in a chroot into it, so it uses the host's bash, bats, jq, the
# reference ip, ss and nft and our build, at the host's paths.  It runs
# under TCG (no KVM needed): slow to boot (~20 s), but the same everywhere.
#
# Environment: what `make check` gives testsuite/run (NLKIT_TOP, NLKIT_BUILD,
# NLKIT_IP, ..., BATS), passed on to the guest; and
#   NLKIT_VM_CACHE    where the kernel package is kept, shared by every
#                     build (default $NLKIT_TOP/build/vm/cache)
#   NLKIT_VM_DIR      where the initramfs and the run go, one per build so
#                     that two builds' lanes may run at once
#                     (default $NLKIT_BUILD/vm)
#   NLKIT_VM_KERNEL   the kernel package (default: the one linux-image-amd64
#                     depends on)
#   NLKIT_VM_TIMEOUT  seconds the guest may run before it counts as hung
#                     (default 1500)
set -u

top=${NLKIT_TOP:?NLKIT_TOP is not set (run me through make check-vm)}
build=${NLKIT_BUILD:?NLKIT_BUILD is not set (run me through make check-vm)}
cache=${NLKIT_VM_CACHE:-$top/build/vm/cache}
vm_dir=${NLKIT_VM_DIR:-$build/vm}
timeout=${NLKIT_VM_TIMEOUT:-1500}

# The modules the suite may want, by module name (not alias: an alias may
# name a module for hardware the guest lacks); those this kernel lacks are
# left out with a notice, those built into it need no loading.  Soft
# dependencies and what a module asks for at run time are not followed:
# name them too (crc32c_generic for libcrc32c, which sctp and nf_tables
# need; drbg and jitterentropy_rng, the default RNG that echainiv and seqiv,
# and so every ESP state, need; ghash_generic for gcm).
MODULES="
virtio_pci 9pnet_virtio 9p
dummy veth 8021q bonding vrf bridge vxlan geneve macvlan macvtap ipvlan ipvtap
tun ifb nlmon vcan vxcan
ip_gre ipip sit ip6_tunnel ip6_gre ip_vti ip6_vti fou fou6
mpls_router mpls_iptunnel
xfrm_user xfrm_interface esp4 esp6 ah4 ah6 xfrm_ipcomp ipcomp ipcomp6
cbc aes_generic hmac sha1_generic sha256_generic sha512_generic authenc authencesn
echainiv seqiv drbg jitterentropy_rng gcm ghash_generic ccm ctr cmac xcbc
des_generic chacha20poly1305 rmd160 sha3_generic blake2b_generic twofish_generic
serpent_generic camellia_generic cast5_generic lz4 crc32c_generic
inet_diag tcp_diag udp_diag raw_diag unix_diag af_packet_diag netlink_diag
sctp sctp_diag
nf_tables nft_ct nft_nat nft_chain_nat nft_reject_inet nft_fib_inet nft_meta_bridge nft_queue
nft_hash nft_numgen
nf_flow_table nf_flow_table_inet nft_flow_offload
"

say() {
	echo "vm: $*"
}

die() {
	echo "vm: $*" >&2
	exit 1
}

now() {
	date +%s
}

for tool in qemu-system-x86_64 apt-get dpkg cpio /sbin/depmod /sbin/modprobe /bin/busybox; do
	command -v "$tool" >/dev/null 2>&1 ||
		die "$tool is missing: run scripts/deps.sh --vm (make check-vm does)"
done

# The kernel package: linux-image-VERSION.
kernel_package() {
	if [ -n "${NLKIT_VM_KERNEL:-}" ]; then
		echo "$NLKIT_VM_KERNEL"
		return
	fi
	apt-cache depends linux-image-amd64 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[^ ]*\)$/\1/p' | head -n 1
}

start=$(now)
package=$(kernel_package)
if [ -z "$package" ]; then
	# A machine whose package lists were never fetched knows no kernel yet.
	say "apt-get update, to find the kernel package"
	apt-get update -q >/dev/null || die "apt-get update failed"
	package=$(kernel_package)
fi
[ -n "$package" ] || die "no package linux-image-amd64 depends on"
version=${package#linux-image-}
root=$cache/$version
mkdir -p "$cache"
if [ ! -f "$root/done" ]; then
	rm -rf "$root" "$cache"/"$package"_*.deb
	say "fetching $package"
	(cd "$cache" && apt-get download -q "$package") || die "apt-get download $package failed"
	dpkg -x "$cache"/"$package"_*.deb "$root" || die "cannot unpack $package"
	/sbin/depmod -b "$root" "$version" || die "depmod failed"
	touch "$root/done"
fi
[ -f "$root/boot/vmlinuz-$version" ] || die "$package has no /boot/vmlinuz-$version"
say "kernel $version ready in $(($(now) - start)) s"

# The initramfs, made anew each run (a second or two).
start=$(now)
initrd_root=$vm_dir/initramfs
rm -rf "$initrd_root"
mkdir -p "$initrd_root"/{bin,sbin,usr/bin,usr/sbin,dev,etc,proc,sys,lib/modules/"$version"}
cp /bin/busybox "$initrd_root/bin/busybox"
cp "$top/scripts/vm/init" "$initrd_root/init"
cp "$root/lib/modules/$version"/modules.{builtin,builtin.modinfo,order} \
	"$initrd_root/lib/modules/$version/"
: >"$initrd_root/etc/modules"
for module in $MODULES; do
	if ! deps=$(/sbin/modprobe -d "$root" -S "$version" --show-depends "$module" 2>/dev/null); then
		say "this kernel has no module $module"
		continue
	fi
	# Lines "insmod PATH [OPTIONS]", or "builtin NAME" for what needs no loading.
	while read -r what path _; do
		[ "$what" = insmod ] || continue
		dest=$initrd_root/${path#"$root"/}
		mkdir -p "${dest%/*}"
		cp "$path" "$dest"
	done <<<"$deps"
	grep -q '^insmod' <<<"$deps" && echo "$module" >>"$initrd_root/etc/modules"
done
/sbin/depmod -b "$initrd_root" "$version" || die "depmod failed on the initramfs"
initrd=$vm_dir/initramfs.cpio
(cd "$initrd_root" && find . | cpio -o -H newc --quiet) >"$initrd" ||
	die "cannot make the initramfs"
say "initramfs ready in $(($(now) - start)) s ($(du -h "$initrd" | cut -f1))"

# The run directory, shared read-write: the suite's script in, the status out.
run=$vm_dir/run
rm -rf "$run"
mkdir -p "$run"
{
	echo "# Written by scripts/vm/check-vm.sh: the suite, as the guest runs it."
	echo "export HOME=/tmp PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	for var in NLKIT_TOP NLKIT_BUILD NLKIT_IP NLKIT_SS NLKIT_NFT NLKIT_SNIFF \
		NLKIT_RUNSTAT NLKIT_SOCKFARM BATS; do
		[ -n "${!var:-}" ] && printf 'export %s=%q\n' "$var" "${!var}"
	done
	# A tree under /tmp, /run, /var/tmp or /dev/shm lies under the guest's
	# tmpfs mounts: bind it back from the second view of the host's root.
	printf 'if [ ! -d %q/testsuite ]; then\n' "$top"
	printf '\tmkdir -p %q && mount --bind /run/nlkit-hostroot%q %q || exit 1\n' \
		"$top" "$top" "$top"
	echo 'fi'
	printf 'cd %q || exit 1\n' "$top"
	printf 'exec testsuite/run'
	printf ' %q' "$@"
	echo
} >"$run/suite.sh"

say "booting the guest (TCG; it may run ${timeout} s)"
start=$(now)
timeout -k 10 "$timeout" qemu-system-x86_64 \
	-accel tcg -cpu max -smp 2 -m 2048 \
	-nodefaults -no-user-config -display none -serial stdio -no-reboot \
	-kernel "$root/boot/vmlinuz-$version" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 quiet loglevel=3" \
	-fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot \
	-fsdev local,id=run,path="$run",security_model=none \
	-device virtio-9p-pci,fsdev=run,mount_tag=run \
	</dev/null
qemu_status=$?
say "guest ran $(($(now) - start)) s"
[ "$qemu_status" -ne 124 ] || die "the guest ran over ${timeout} s and was killed"
[ -f "$run/status" ] || die "the guest ended (qemu status $qemu_status) without a suite status"
exit "$(cat "$run/status")"
