/* user/include/fcntl.h: open() and fcntl(). */
#ifndef _TL_FCNTL_H
#define _TL_FCNTL_H

#include <sys/types.h>
#include <linux/fcntl.h>

int open(const char *path, int flags, ...);
int fcntl(int fd, int cmd, long arg);
/* user/lib/files.c */
int openat(int dirfd, const char *path, int flags, ...);
int creat(const char *path, mode_t mode);

#endif
