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
/* user/lib/files.c */
#include <linux/time.h>
int fstatat(int dirfd, const char *path, struct stat64 *st, int flags);
int mkdir(const char *path, mode_t mode);
int mkdirat(int dirfd, const char *path, mode_t mode);
int mknod(const char *path, mode_t mode, unsigned int dev);
int mknodat(int dirfd, const char *path, mode_t mode, unsigned int dev);
int mkfifo(const char *path, mode_t mode);
int chmod(const char *path, mode_t mode);
int fchmod(int fd, mode_t mode);
int fchmodat(int dirfd, const char *path, mode_t mode, int flags);
mode_t umask(mode_t mask);
int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags);
int futimens(int fd, const struct timespec times[2]);

#endif
