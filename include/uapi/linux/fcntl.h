/* include/uapi/linux/fcntl.h: open() flags and fcntl() commands with Linux's
 * i386 values, for the kernel's open and the user libc alike. */
#ifndef TASKLAB_UAPI_FCNTL_H
#define TASKLAB_UAPI_FCNTL_H

#define O_ACCMODE   00000003
#define O_RDONLY    00000000
#define O_WRONLY    00000001
#define O_RDWR      00000002
#define O_CREAT     00000100
#define O_EXCL      00000200
#define O_NOCTTY    00000400
#define O_TRUNC     00001000
#define O_APPEND    00002000
#define O_NONBLOCK  00004000
#define O_LARGEFILE 00100000
#define O_DIRECTORY 00200000
#define O_NOFOLLOW  00400000
#define O_CLOEXEC   02000000
#define __O_TMPFILE 020000000
#define O_TMPFILE   (__O_TMPFILE | O_DIRECTORY)   /* an unnamed file in a directory */
#define O_PATH      010000000

#define SEEK_SET 0          /* lseek whence */
#define SEEK_CUR 1
#define SEEK_END 2

#define AT_FDCWD            -100   /* openat & co: relative to the cwd */
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR        0x200  /* unlinkat: rmdir */
#define AT_EACCESS          0x200  /* faccessat2: the effective ids */
#define AT_SYMLINK_FOLLOW   0x400  /* linkat: link what a symlink names */
#define AT_NO_AUTOMOUNT     0x800  /* stat: no automount (none exist here) */
#define AT_EMPTY_PATH       0x1000 /* "" names dirfd itself */
#define AT_STATX_SYNC_TYPE  0x6000 /* statx: FORCE_SYNC 0x2000, DONT_SYNC 0x4000 */

#define RENAME_NOREPLACE 1         /* renameat2: EEXIST rather than replace */
#define RENAME_EXCHANGE  2         /* renameat2: swap the two names */
#define RENAME_WHITEOUT  4         /* renameat2: overlayfs's; EINVAL on a ramfs */

#define UTIME_NOW  ((1L << 30) - 1)   /* utimensat: this time is now */
#define UTIME_OMIT ((1L << 30) - 2)   /* utimensat: leave this time */

#define F_DUPFD  0
#define F_GETFD  1
#define F_SETFD  2
#define F_GETFL  3
#define F_SETFL  4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1

#endif
