/* user/lib/sysinfo.c: the wrappers for mounts, CPU times and system
 * information: mount, umount, umount2, times, getrusage, sysinfo. Each is
 * one trap (user/lib/syscall.c); its raw result becomes -1 + errno. */
#include <errno.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>

#define RET(x) return __syscall_ret(x)

int mount(const char *source, const char *target, const char *type,
	  unsigned long flags, const void *data)
{
	RET(__syscall6(__NR_mount, (long)source, (long)target, (long)type, (long)flags, (long)data, 0));
}

int umount(const char *target)              { RET(__syscall1(__NR_umount, target)); }
int umount2(const char *target, int flags)  { RET(__syscall2(__NR_umount2, target, flags)); }
int getrusage(int who, struct rusage *ru)   { RET(__syscall2(__NR_getrusage, who, ru)); }
int sysinfo(struct sysinfo *info)           { RET(__syscall1(__NR_sysinfo, info)); }

/* times returns a tick count that may look negative: not an error. */
clock_t times(struct tms *buf)
{
	long r = __syscall1(__NR_times, buf);

	if (r < 0 && r >= -4095)
		return __syscall_ret(r);
	return r;
}
