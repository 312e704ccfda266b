/* user/include/sys/statfs.h: what filesystem a file is on (the kernel's
 * i386 structures: include/uapi/asm/statfs.h). statfs64 and fstatfs64
 * take the structure's size, as the system calls do. */
#ifndef _TL_SYS_STATFS_H
#define _TL_SYS_STATFS_H

#include <sys/types.h>
#include <asm/statfs.h>
#include <linux/magic.h>

int statfs(const char *path, struct statfs *buf);
int fstatfs(int fd, struct statfs *buf);
int statfs64(const char *path, size_t size, struct statfs64 *buf);
int fstatfs64(int fd, size_t size, struct statfs64 *buf);

#endif
