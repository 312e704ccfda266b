/* user/lib/sysinfo.c: the wrappers for mounts and system information:
 * mount, umount, umount2, sysinfo (times and getrusage are in
 * user/lib/timers.c). Each is one trap (user/lib/syscall.c); its raw
 * result becomes -1 + errno. */
#include <errno.h>
#include <sys/mount.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>

#define RET(x) return __syscall_ret(x)

int mount(const char *source, const char *target, const char *type,
	  unsigned long flags, const void *data)
{
	RET(__syscall6(__NR_mount, (long)source, (long)target, (long)type, (long)flags, (long)data, 0));
}

int umount(const char *target)              { RET(__syscall1(__NR_umount, target)); }
int umount2(const char *target, int flags)  { RET(__syscall2(__NR_umount2, target, flags)); }
int sysinfo(struct sysinfo *info)           { RET(__syscall1(__NR_sysinfo, info)); }

