#!/bin/sh
# scripts/ensure-tools.sh PURPOSE: make sure the tools for PURPOSE are
# installed: build (compile, pack, boot in QEMU), gdb (build and gdb) or test
# (build, gdb, qemu-user and chromium). The Makefile runs it before anything else (see
# its head). Missing Debian packages are installed with apt-get (as root, or
# through sudo), saying what is installed; where that is impossible, print the
# exact command and fail. Then BusyBox, the initramfs's userland, is fetched
# (scripts/fetch-busybox.sh), which never fails the build: without it the
# initramfs carries Tasklab's own init.
set -u
purpose=${1:-build}
need=""

have() { command -v "$1" >/dev/null 2>&1; }
want() { have "$1" || need="$need $2"; }

want i686-linux-gnu-gcc gcc-i686-linux-gnu
want i686-linux-gnu-ld binutils-i686-linux-gnu
want nasm nasm
want python3 python3
want make make
want qemu-system-i386 qemu-system-x86
want grub-mkrescue grub-common
[ -d /usr/lib/grub/i386-pc ] || need="$need grub-pc-bin"
want xorriso xorriso
want mformat mtools
want cpio cpio
[ -f /usr/i686-linux-gnu/lib/libc.a ] || need="$need libc6-dev-i386-cross"
if [ "$purpose" = gdb ] || [ "$purpose" = test ]; then
	want gdb gdb
fi
# qemu-i386 runs the user test programs on Linux's own ABI (tests/run.py).
[ "$purpose" = test ] && want qemu-i386 qemu-user
# A real browser opens build/trace/timeline.html headless (tests/trace_check.py).
[ "$purpose" = test ] && want chromium chromium
fetch_busybox() { sh scripts/fetch-busybox.sh build/busybox; }
[ -z "$need" ] && { fetch_busybox; exit 0; }

pkgs=$(echo $need | tr ' ' '\n' | sort -u | tr '\n' ' ')
cmd="apt-get update && apt-get install -y --no-install-recommends $pkgs"
if [ "$(id -u)" = 0 ]; then
	sudo=""
elif have sudo && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	echo "Tasklab needs these Debian packages: $pkgs" >&2
	echo "Install them as root with:  $cmd" >&2
	exit 1
fi
echo "Installing the Debian packages Tasklab needs: $pkgs"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null && $sudo apt-get install -y -qq --no-install-recommends $pkgs >/dev/null || {
	echo "apt-get failed. Run by hand:  $cmd" >&2
	exit 1
}
echo "Installed: $pkgs"
fetch_busybox
