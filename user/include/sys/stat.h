/* user/include/sys/stat.h: file mode bits and stat(). */
#ifndef _TL_SYS_STAT_H
#define _TL_SYS_STAT_H

#include <sys/types.h>
#include <linux/stat.h>
#include <asm/stat.h>

/* Our libc uses the kernel's struct stat64 directly (Linux i386's layout):
 * stat() and friends take one. */
int stat(const char *path, struct stat64 *st);
int lstat(const char *path, struct stat64 *st);
int fstat(int fd, struct stat64 *st);

#endif
