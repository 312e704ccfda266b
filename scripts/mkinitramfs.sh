#!/bin/sh
# scripts/mkinitramfs.sh OUT STAGE OBJCOPY PROGRAM...: pack the initramfs.
# The first PROGRAM becomes /sbin/init, the others /bin/<name> (debug info
# stripped: the unstripped copies stay in build/ for gdb); user/rootfs/ is
# copied as it is (/etc/motd); /bin/sh -> /sbin/init (an absolute symlink)
# and /init -> sbin/init (a relative one); /proc and /mnt are empty
# directories to mount on (procfs by init; anything by hand). The archive is newc cpio, files in
# sorted order, owned by root, with no host device or inode numbers, so the
# same inputs give the same bytes.
#
# /dev/console is not in the archive: making a device node needs mknod (root,
# and a host that allows it), and cpio cannot make one from a list. The
# kernel creates /dev/console (character 5:1) when it unpacks the archive,
# as Linux's default initramfs does.
set -eu
out=$1 stage=$2 objcopy=$3
shift 3
rm -rf "$stage"
mkdir -p "$stage/sbin" "$stage/bin" "$stage/dev" "$stage/etc" "$stage/mnt" "$stage/proc" "$stage/tmp"
init=$1
shift
"$objcopy" --strip-debug "$init" "$stage/sbin/init"
for p in "$@"; do
	"$objcopy" --strip-debug "$p" "$stage/bin/$(basename "$p")"
done
cp -R user/rootfs/. "$stage/"
ln -s /sbin/init "$stage/bin/sh"
ln -s sbin/init "$stage/init"
chmod -R u=rwX,go=rX "$stage"
chmod 1777 "$stage/tmp"
# Programs only: a plain chmod of bin/* would follow the absolute bin/sh
# link to the build machine's own /sbin/init (and fail where it is absent).
find "$stage/sbin" "$stage/bin" -type f -exec chmod 755 {} +
find "$stage" -exec touch -h -d @0 {} +    # fixed times: the same bytes every build
(cd "$stage" && find . -mindepth 1 | LC_ALL=C sort | sed 's|^\./||' |
	cpio -o -H newc --quiet --owner=0:0 --reproducible) > "$out.tmp"
mv "$out.tmp" "$out"
echo "  CPIO    $out ($(wc -c < "$out") bytes, $(find "$stage" -mindepth 1 | wc -l) entries)"
