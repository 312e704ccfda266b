#!/bin/sh
# scripts/fetch-busybox.sh DIR: get Debian's busybox-static for i386 into DIR
# (build/busybox), for the initramfs's userland. The tool step
# (scripts/ensure-tools.sh) runs it after the build tools are in place.
#
# The package is downloaded with `apt-get download` and unpacked with
# `dpkg -x`: nothing i386 is installed on the host. That needs the i386
# architecture in dpkg (added once, as root) and a package index that has
# it. `apt-get update` may exit 100 because of one index (an i386 security
# index's size mismatch was seen) while the main one is fine, so its exit
# status is not trusted: `apt-cache policy` says whether a candidate exists.
# The applets' install paths come from the binary itself
# (`busybox --list-full`, run under qemu-i386: qemu-user is installed for
# that when missing).
#
# It never fails the build. It writes DIR/status: "ok VERSION", or
# "unavailable: REASON", and the initramfs then carries Tasklab's own init
# instead (`make run` says so). An "ok" is kept; an "unavailable" is retried
# by the next make after ten minutes (or at once after rm -rf DIR).
# DIR/pkg is the unpacked package, DIR/applets the applet paths, one a line
# (bin/ls, usr/bin/id, ...).
set -u
dir=${1:-build/busybox}
pkg=busybox-static:i386
mkdir -p "$dir"
status=$dir/status

have() { command -v "$1" >/dev/null 2>&1; }
# Write the status file only when it changes, so that make rebuilds the
# initramfs only when BusyBox appears or goes.
say_status() {
	if [ "$(cat "$status" 2>/dev/null)" != "$1" ]; then
		printf '%s\n' "$1" > "$status.tmp" && mv "$status.tmp" "$status"
	fi
}
unavailable() {
	echo "BusyBox: $1; the initramfs gets Tasklab's own init (retried after 10 min, or: rm -rf $dir)" >&2
	say_status "unavailable: $1"
	touch "$status"
	exit 0
}

if grep -q '^ok ' "$status" 2>/dev/null && [ -x "$dir/pkg/bin/busybox" ] && [ -s "$dir/applets" ]; then
	exit 0
fi
if grep -q '^unavailable' "$status" 2>/dev/null && [ -z "$(find "$status" -mmin +10)" ]; then
	exit 0
fi

if [ "$(id -u)" = 0 ]; then
	sudo=""
elif have sudo && sudo -n true 2>/dev/null; then
	sudo="sudo"
else
	sudo="none"
fi
as_root() {
	[ "$sudo" = none ] && return 1
	$sudo "$@"
}

have apt-get && have dpkg || unavailable "no apt-get/dpkg (not a Debian system)"
candidate() {
	apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: *//p' | grep -v '(none)'
}
if ! dpkg --print-foreign-architectures | grep -qx i386; then
	echo "BusyBox: adding the i386 architecture to dpkg (for apt-get download $pkg)"
	as_root dpkg --add-architecture i386 ||
		unavailable "dpkg lacks the i386 architecture; as root: dpkg --add-architecture i386 && apt-get update"
fi
if [ -z "$(candidate)" ]; then
	echo "BusyBox: apt-get update (for the i386 package index)"
	# The exit status may be 100 for one broken index while the one we
	# need is fine: judged by the candidate below instead.
	as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1
fi
version=$(candidate)
[ -n "$version" ] || unavailable "no $pkg in the package index (offline?)"

debs=$dir/deb
rm -rf "$debs" "$dir/pkg" "$dir/applets"
mkdir -p "$debs"
echo "BusyBox: apt-get download $pkg ($version)"
(cd "$debs" && apt-get download -q "$pkg" >/dev/null 2>&1) || unavailable "apt-get download $pkg failed (offline?)"
dpkg -x "$debs"/busybox-static_*_i386.deb "$dir/pkg" || unavailable "dpkg -x of the package failed"
[ -x "$dir/pkg/bin/busybox" ] || unavailable "the package has no bin/busybox"

if ! have qemu-i386; then
	echo "BusyBox: installing qemu-user (qemu-i386 lists the applets)"
	as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-user >/dev/null 2>&1 ||
		unavailable "qemu-i386 (Debian qemu-user) is needed to list the applets"
fi
qemu-i386 "$dir/pkg/bin/busybox" --list-full > "$dir/applets.tmp" 2>/dev/null &&
	grep -qx 'sbin/init' "$dir/applets.tmp" ||
	unavailable "busybox --list-full under qemu-i386 failed"
mv "$dir/applets.tmp" "$dir/applets"
say_status "ok $pkg $version ($(wc -l < "$dir/applets") applets)"
echo "BusyBox: $(cat "$status")"
