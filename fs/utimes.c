/* fs/utimes.c: setting a file's access and modification times:
 * utimensat (32-bit times) and utimensat_time64, and the older utime,
 * utimes and futimesat. Linux's rules (do_utimes, vfs_utimes):
 *   - no times: both become now;
 *   - a time whose tv_nsec is UTIME_NOW becomes now, UTIME_OMIT stays;
 *     both UTIME_OMIT: nothing to do, and the path is not even looked at;
 *   - any other tv_nsec outside 0..999999999 is EINVAL (after the lookup);
 *     a seconds value may be anything, before 1970 too;
 *   - utimensat(fd, NULL, ...) changes the open file fd (futimens), with
 *     no flags allowed; flags other than AT_SYMLINK_NOFOLLOW and
 *     AT_EMPTY_PATH are EINVAL;
 *   - the ctime becomes now whenever something was set;
 *   - who may: setting both times to now (no times, or both UTIME_NOW)
 *     takes the file's owner, root, or anyone who may write it (EACCES);
 *     anything else (given times, or now for one and UTIME_OMIT for the
 *     other) the owner or root (EPERM). fs/attr.c checks it. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <syscall.h>
#include <time.h>
#include <asm/uaccess.h>

static bool nsec_valid(long nsec)
{
	return nsec == UTIME_OMIT || nsec == UTIME_NOW || (nsec >= 0 && nsec <= 999999999);
}

/* Set d's inode's times from ts[2] (atime, mtime), or to now if ts is
 * NULL. */
static long vfs_utimes(struct dentry *d, struct timespec64 *ts)
{
	struct iattr attr = { .ia_valid = ATTR_ATIME | ATTR_MTIME | ATTR_CTIME };

	if (ts && ts[0].tv_nsec == UTIME_NOW && ts[1].tv_nsec == UTIME_NOW)
		ts = NULL;              /* both now: as no times */
	attr.ia_valid |= ts ? ATTR_TIMES_SET : ATTR_TOUCH;
	if (ts) {
		if (!nsec_valid(ts[0].tv_nsec) || !nsec_valid(ts[1].tv_nsec))
			return -EINVAL;
		if (ts[0].tv_nsec == UTIME_OMIT)
			attr.ia_valid &= ~ATTR_ATIME;
		else if (ts[0].tv_nsec != UTIME_NOW)
			attr.ia_valid |= ATTR_ATIME_SET;
		if (ts[1].tv_nsec == UTIME_OMIT)
			attr.ia_valid &= ~ATTR_MTIME;
		else if (ts[1].tv_nsec != UTIME_NOW)
			attr.ia_valid |= ATTR_MTIME_SET;
		attr.ia_atime = ts[0];
		attr.ia_mtime = ts[1];
	}
	return notify_change(d, &attr);
}

static long do_utimes(int dfd, u32 upath, struct timespec64 *ts, u32 flags)
{
	struct dentry *d;
	long err;

	if (!upath && dfd != AT_FDCWD) {        /* futimens */
		struct fd file;

		if (flags)
			return -EINVAL;
		file = fdget(dfd);
		err = file.file ? vfs_utimes(file.file->f_dentry, ts) : -EBADF;
		fdput(file);
		return err;
	}
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	d = user_path_at(dfd, (const char *)upath, at_lookup_flags(flags));
	if (IS_ERR(d))
		return PTR_ERR(d);
	err = vfs_utimes(d, ts);
	dput(d);
	return err;
}

/* The two times at utimes, in i386's struct timespec layout or, for the
 * time64 call, struct __kernel_timespec's: 0 or -EFAULT. */
static int get_utimes(u32 utimes, struct timespec64 ts[2], bool time64)
{
	u32 size = time64 ? sizeof(struct __kernel_timespec) : sizeof(struct timespec32);

	for (int i = 0; i < 2; i++)
		if (copy_timespec_from_user(utimes + i * size, &ts[i], time64))
			return -EFAULT;
	return 0;
}

/* utimensat(dirfd, path, const struct timespec times[2], flags) */
static long do_utimensat(u32 dfd, u32 upath, u32 utimes, u32 flags, bool time64)
{
	struct timespec64 ts[2];

	if (!utimes)
		return do_utimes((int)dfd, upath, NULL, flags);
	if (get_utimes(utimes, ts, time64))
		return -EFAULT;
	if (ts[0].tv_nsec == UTIME_OMIT && ts[1].tv_nsec == UTIME_OMIT)
		return 0;
	return do_utimes((int)dfd, upath, ts, flags);
}

long sys_utimensat(u32 dfd, u32 upath, u32 utimes, u32 flags, u32 e, u32 f)
{
	return do_utimensat(dfd, upath, utimes, flags, false);
}

long sys_utimensat_time64(u32 dfd, u32 upath, u32 utimes, u32 flags, u32 e, u32 f)
{
	return do_utimensat(dfd, upath, utimes, flags, true);
}

/* futimesat(dirfd, path, const struct timeval times[2]) and utimes: a
 * tv_usec outside 0..999999 is EINVAL. */
long sys_futimesat(u32 dfd, u32 upath, u32 utimes, u32 d, u32 e, u32 f)
{
	struct timeval32 tv[2];
	struct timespec64 ts[2];

	if (!utimes)
		return do_utimes((int)dfd, upath, NULL, 0);
	if (copy_from_user(tv, (void *)utimes, sizeof(tv)))
		return -EFAULT;
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
			return -EINVAL;
		ts[i] = (struct timespec64){ tv[i].tv_sec, tv[i].tv_usec * 1000L };
	}
	return do_utimes((int)dfd, upath, ts, 0);
}

long sys_utimes(u32 upath, u32 utimes, u32 c, u32 d, u32 e, u32 f)
{
	return sys_futimesat((u32)AT_FDCWD, upath, utimes, 0, 0, 0);
}

/* utime(path, const struct utimbuf *times): whole seconds. */
long sys_utime(u32 upath, u32 utimes, u32 c, u32 d, u32 e, u32 f)
{
	s32 t[2];               /* actime, modtime */
	struct timespec64 ts[2];

	if (!utimes)
		return do_utimes(AT_FDCWD, upath, NULL, 0);
	if (copy_from_user(t, (void *)utimes, sizeof(t)))
		return -EFAULT;
	ts[0] = (struct timespec64){ t[0], 0 };
	ts[1] = (struct timespec64){ t[1], 0 };
	return do_utimes(AT_FDCWD, upath, ts, 0);
}
