#!/bin/sh
# scripts/mkinitramfs.sh OUT STAGE OBJCOPY BUSYBOX INIT PROGRAM...: pack the
# initramfs. INIT (Tasklab's own init) becomes /sbin/tasklab-init and each
# PROGRAM /bin/<name> (debug info stripped: the unstripped copies stay in
# build/ for gdb); user/rootfs/ is copied as it is (/etc/motd ...); /proc,
# /sys/kernel/tracing (tracefs) and /mnt are empty directories to mount on
# (procfs by rcS or Tasklab's init; anything by hand).
# The kernel gives each file the archive's mode and owner (fs/initramfs.c),
# so these are the system's permissions: directories 0755, the files in etc
# 0644, programs 0755, tmp 1777 (anyone may make files there; the sticky bit
# keeps them from removing each other's), and two copies of our /bin/whoami
# program (not BusyBox's applet) that show set-id exec: whoami-suid (4755)
# and whoami-sgid (2755), root's.
#
# BUSYBOX is the directory scripts/fetch-busybox.sh fills. When its status
# says "ok", the userland is BusyBox's: /bin/busybox, a symlink to it at
# every applet's path (/bin/sh, /sbin/init, /usr/bin/id ...), and
# user/rootfs-busybox/ (/etc/inittab, /etc/init.d/rcS, /etc/profile ...).
# An applet link takes the place of a program of ours with the same path
# (ls, cat: BusyBox's are the real ones), except /bin/ps, which stays ours
# (BusyBox's ps has no -j). Otherwise /sbin/init -> tasklab-init and
# /bin/sh -> /sbin/init, as before BusyBox. /init -> sbin/init either way.
#
# The archive is newc cpio, files in sorted order, owned by root, with no
# host device or inode numbers, so the same inputs give the same bytes.
# /dev/console is not in the archive: making a device node needs mknod (root,
# and a host that allows it), and cpio cannot make one from a list. The
# kernel creates /dev/console (character 5:1) when it unpacks the archive,
# as Linux's default initramfs does, and /dev/null, /dev/zero and /dev/full
# (1:3, 1:5, 1:7) as their driver registers (drivers/char/mem.c).
set -eu
out=$1 stage=$2 objcopy=$3 busybox=$4 init=$5
shift 5
rm -rf "$stage"
mkdir -p "$stage/sbin" "$stage/bin" "$stage/dev" "$stage/etc" "$stage/mnt" "$stage/proc" "$stage/tmp" \
	"$stage/sys/kernel/tracing"
"$objcopy" --strip-debug "$init" "$stage/sbin/tasklab-init"
for p in "$@"; do
	"$objcopy" --strip-debug "$p" "$stage/bin/$(basename "$p")"
done
cp -R user/rootfs/. "$stage/"

if grep -q '^ok ' "$busybox/status" 2>/dev/null; then
	cp "$busybox/pkg/bin/busybox" "$stage/bin/busybox"
	cp -R user/rootfs-busybox/. "$stage/"
	mkdir -p "$stage/usr/bin" "$stage/usr/sbin" "$stage/root" "$stage/home/user"
	while IFS= read -r applet; do
		case "$applet" in
		bin/ps|bin/busybox|"") continue ;;
		esac
		rm -f "$stage/$applet"
		ln -s /bin/busybox "$stage/$applet"
	done < "$busybox/applets"
	userland="BusyBox: $(sed 's/^ok //' "$busybox/status")"
else
	ln -s tasklab-init "$stage/sbin/init"
	ln -s /sbin/init "$stage/bin/sh"
	userland="Tasklab's init; no BusyBox: $(sed 's/^unavailable: //' "$busybox/status" 2>/dev/null || echo 'not fetched')"
fi
ln -s sbin/init "$stage/init"

chmod -R u=rwX,go=rX "$stage"
chmod 1777 "$stage/tmp"
# Programs only: a plain chmod of bin/* would follow the absolute bin/sh
# link to the build machine's own /sbin/init (and fail where it is absent).
find "$stage/sbin" "$stage/bin" -type f -exec chmod 755 {} +
find "$stage/etc" -path '*/init.d/*' -type f -exec chmod 755 {} +
"$objcopy" --strip-debug "$(dirname "$init")/whoami" "$stage/bin/whoami-suid"
"$objcopy" --strip-debug "$(dirname "$init")/whoami" "$stage/bin/whoami-sgid"
chmod 4755 "$stage/bin/whoami-suid"
chmod 2755 "$stage/bin/whoami-sgid"
find "$stage" -exec touch -h -d @0 {} +    # fixed times: the same bytes every build
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | sed 's|^\./||' |
	cpio -o -H newc --quiet --owner=0:0 --reproducible) > "$out.tmp"
mv "$out.tmp" "$out"
echo "  CPIO    $out ($(wc -c < "$out") bytes, $(find "$stage" -mindepth 1 | wc -l) entries; $userland)"
