/* include/cpio.h: reading a newc ("new ASCII", magic 070701) cpio archive,
 * the format of Linux's initramfs and of `cpio -o -H newc`. Each entry is a
 * 110-byte header of 13 eight-digit hex fields, the name (NUL-terminated,
 * padded so header + name is a multiple of 4), then the data (padded to 4).
 * The entry named TRAILER!!! ends the archive.
 *
 *   offset 0    "070701"          magic ("070702": the same with a checksum)
 *          6    ino mode uid gid nlink mtime filesize
 *               devmajor devminor rdevmajor rdevminor namesize check
 *        110    name\0 + padding, then data + padding
 */
#ifndef TASKLAB_CPIO_H
#define TASKLAB_CPIO_H

#include <types.h>

#define CPIO_HEADER_SIZE 110

struct cpio_entry {
	const char *name;           /* inside the archive, NUL-terminated */
	u32 namelen;                /* without the NUL */
	u32 ino, mode, uid, gid, nlink, mtime;
	u32 devmajor, devminor, rdevmajor, rdevminor;
	const void *data;           /* file contents or symlink target */
	u32 size;
};

/* Parse the entry at *off in buf[0..len). Returns 1 with *e filled and *off
 * moved past it, 0 at the trailer, or -EINVAL if the archive is malformed
 * or truncated (a bad magic or hex digit, a name without its NUL, a name or
 * data running past the end). Never reads outside buf. */
int cpio_next(const u8 *buf, size_t len, size_t *off, struct cpio_entry *e);

#endif
