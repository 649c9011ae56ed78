#!/bin/sh
# Install the Debian packages nlkit needs to build and test.
#   scripts/deps.sh          install every package that is missing
#   scripts/deps.sh --check  list the missing packages; exit 1 when there are any
#   scripts/deps.sh --vm     also what `make check-vm` needs: qemu and the rest
#   scripts/deps.sh --fuzz   also what `make fuzz` needs: clang and its libFuzzer
# The options combine (--vm --check: is anything of the VM lane missing?).
# Runs apt-get as root, or through sudo for a user who has it.
set -eu

# package:probe pairs; a probe is a command on PATH, or a file.
PKGS="
gcc:gcc
make:make
libc6-dev:/usr/include/stdio.h
pkgconf:pkg-config
libmnl-dev:/usr/include/libmnl/libmnl.h
libnftnl-dev:/usr/include/libnftnl/table.h
bats:bats
jq:jq
iproute2:/usr/sbin/ip
nftables:/usr/sbin/nft
iputils-ping:ping
util-linux:unshare
procps:ps
strace:strace
valgrind:valgrind
python3:python3
"
# The VM lane's (scripts/vm/check-vm.sh): qemu, a static busybox for the
# initramfs (dpkg's record of it: the dynamic busybox has the same path),
# kmod's depmod and modprobe for the guest kernel's modules, cpio.
VM_PKGS="
qemu-system-x86:qemu-system-x86_64
busybox-static:/var/lib/dpkg/info/busybox-static.list
kmod:/sbin/depmod
cpio:cpio
"
# libFuzzer's runtime is not part of Debian 12's clang-14 package.
FUZZ_PKGS="
clang:clang
libclang-rt-14-dev:/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
"

check=
for arg; do
	case $arg in
	--check) check=1 ;;
	--vm) PKGS="$PKGS $VM_PKGS" ;;
	--fuzz) PKGS="$PKGS $FUZZ_PKGS" ;;
	*) echo "usage: scripts/deps.sh [--vm] [--fuzz] [--check]" >&2; exit 2 ;;
	esac
done

missing=
for pair in $PKGS; do
	pkg=${pair%%:*}
	probe=${pair#*:}
	case $probe in
	/*) [ -e "$probe" ] && continue ;;
	*) command -v "$probe" >/dev/null 2>&1 && continue ;;
	esac
	missing="$missing $pkg"
done

if [ -n "$check" ]; then
	[ -z "$missing" ] && exit 0
	echo "missing Debian packages:$missing"
	exit 1
fi
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	as_root=
elif command -v sudo >/dev/null 2>&1; then
	as_root=sudo
else
	echo "deps: these Debian packages are missing:$missing" >&2
	echo "deps: run 'make deps' as root to install them" >&2
	exit 1
fi

echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get update -q
# shellcheck disable=SC2086
$as_root apt-get install -y -q --no-install-recommends $missing
