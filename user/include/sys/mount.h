/* user/include/sys/mount.h: mount(2) and umount2(2) (user/lib/sysinfo.c),
 * with Linux's flag values. */
#ifndef _TL_SYS_MOUNT_H
#define _TL_SYS_MOUNT_H

#define MS_RDONLY   0x1
#define MS_NOSUID   0x2
#define MS_NODEV    0x4
#define MS_NOEXEC   0x8
#define MS_REMOUNT  0x20
#define MS_BIND     0x1000
#define MS_SILENT   0x8000

#define MNT_FORCE       0x1
#define MNT_DETACH      0x2
#define MNT_EXPIRE      0x4
#define UMOUNT_NOFOLLOW 0x8

int mount(const char *source, const char *target, const char *type,
	  unsigned long flags, const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);

#endif
