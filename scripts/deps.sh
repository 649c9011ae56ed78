#!/bin/sh
# Install the Debian packages nlkit needs to build and test.
#   scripts/deps.sh          install every package that is missing
#   scripts/deps.sh --check  list the missing packages; exit 1 when there are any
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
"

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

if [ "${1:-}" = "--check" ]; then
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
