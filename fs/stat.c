/* fs/stat.c: what stat tells about an inode, in the two forms i386 programs
 * ask for: struct stat64 (stat64/lstat64/fstat64/fstatat64) and struct
 * statx (statx, tried first by glibc). The inode's attributes are gathered
 * into a struct kstat (vfs_getattr), then copied out to the caller's buffer
 * with copy_to_user: -EFAULT for a bad one. Device numbers go out in
 * Linux's encoding (new_encode_dev). The three times are the inode's own
 * (fs/inode.c), to the nanosecond. readlink and readlinkat are here too,
 * as in Linux. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <mount.h>
#include <syscall.h>
#include <asm/page.h>
#include <asm/uaccess.h>
#include <uapi/asm/stat.h>

#define RAMFS_DEV MKDEV(0, 1)   /* the boot rootfs's; mounts have their own */

/* Linux's 32-bit user encoding: minor's low byte, major, minor's rest. */
u32 new_encode_dev(dev_t dev)
{
	return (MINOR(dev) & 0xff) | (MAJOR(dev) << 8) | ((MINOR(dev) & ~0xffU) << 12);
}

dev_t new_decode_dev(u32 dev)
{
	return MKDEV((dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
}

void vfs_getattr(const struct inode *inode, struct kstat *st)
{
	*st = (struct kstat){
		.ino = inode->i_ino, .mode = inode->i_mode, .nlink = inode->i_nlink,
		.uid = inode->i_uid, .gid = inode->i_gid, .rdev = inode->i_rdev,
		.dev = inode->i_sb ? inode->i_sb->s_dev : RAMFS_DEV, .size = inode->i_size,
		.atime = inode->i_atime, .mtime = inode->i_mtime, .ctime = inode->i_ctime,
		.blksize = PAGE_SIZE,
		/* pages really held, in 512-byte units */
		.blocks = S_ISREG(inode->i_mode) ? ramfs_pages_held(inode) * 8 : 0,
	};
}

int cp_new_stat64(const struct kstat *st, struct stat64 *ubuf)
{
	struct stat64 s;

	memset(&s, 0, sizeof(s));
	s.st_dev = new_encode_dev(st->dev);
	s.__st_ino = (unsigned long)st->ino;
	s.st_ino = st->ino;
	s.st_mode = st->mode;
	s.st_nlink = st->nlink;
	s.st_uid = st->uid;
	s.st_gid = st->gid;
	s.st_rdev = new_encode_dev(st->rdev);
	s.st_size = st->size;
	s.st_blksize = st->blksize;
	s.st_blocks = st->blocks;
	s.st_atime = (unsigned long)st->atime.tv_sec;
	s.st_atime_nsec = st->atime.tv_nsec;
	s.st_mtime = (unsigned long)st->mtime.tv_sec;
	s.st_mtime_nsec = st->mtime.tv_nsec;
	s.st_ctime = (unsigned long)st->ctime.tv_sec;
	s.st_ctime_nsec = st->ctime.tv_nsec;
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
}

static struct statx_timestamp statx_time(struct timespec64 ts)
{
	return (struct statx_timestamp){ ts.tv_sec, (unsigned int)ts.tv_nsec, 0 };
}

int cp_statx(const struct kstat *st, struct statx *ubuf)
{
	struct statx x;

	memset(&x, 0, sizeof(x));
	x.stx_mask = STATX_BASIC_STATS;
	x.stx_blksize = st->blksize;
	x.stx_nlink = st->nlink;
	x.stx_uid = st->uid;
	x.stx_gid = st->gid;
	x.stx_mode = (unsigned short)st->mode;
	x.stx_ino = st->ino;
	x.stx_size = st->size;
	x.stx_blocks = st->blocks;
	x.stx_atime = statx_time(st->atime);
	x.stx_mtime = statx_time(st->mtime);
	x.stx_ctime = statx_time(st->ctime);
	x.stx_rdev_major = MAJOR(st->rdev);
	x.stx_rdev_minor = MINOR(st->rdev);
	x.stx_dev_major = MAJOR(st->dev);
	x.stx_dev_minor = MINOR(st->dev);
	return copy_to_user(ubuf, &x, sizeof(x)) ? -EFAULT : 0;
}

static long stat_inode(const struct inode *inode, u32 ubuf, bool statx)
{
	struct kstat st;

	vfs_getattr(inode, &st);
	return statx ? cp_statx(&st, (struct statx *)ubuf)
		     : cp_new_stat64(&st, (struct stat64 *)ubuf);
}

/* stat of a looked-up dentry, which is dropped. */
static long stat_dentry(struct dentry *d, u32 ubuf, bool statx)
{
	long err;

	if (IS_ERR(d))
		return PTR_ERR(d);
	err = stat_inode(d->d_inode, ubuf, statx);
	dput(d);
	return err;
}

long sys_stat64(u32 upath, u32 ubuf, u32 c, u32 d, u32 e, u32 f)
{
	return stat_dentry(user_path_at(AT_FDCWD, (const char *)upath, LOOKUP_FOLLOW), ubuf, false);
}

long sys_lstat64(u32 upath, u32 ubuf, u32 c, u32 d, u32 e, u32 f)
{
	return stat_dentry(user_path_at(AT_FDCWD, (const char *)upath, 0), ubuf, false);
}

long sys_fstat64(u32 fd, u32 ubuf, u32 c, u32 d, u32 e, u32 f)
{
	struct fd fr = fdget((int)fd);
	struct file *file = fr.file;
	long ret;

	if (!file)
		return -EBADF;
	ret = stat_inode(file->f_inode, ubuf, false);   /* pipes too */
	fdput(fr);
	return ret;
}

static struct dentry *at_lookup(u32 dfd, u32 upath, u32 flags)
{
	return user_path_at((int)dfd, (const char *)upath, at_lookup_flags(flags));
}

#define STATX__RESERVED 0x80000000U
/* The flags Linux's vfs_statx takes (glibc 2.36's stat passes
 * AT_NO_AUTOMOUNT, and may pass a sync type): any other bit is -EINVAL.
 * The sync types mean nothing for a ramfs, whose attributes are always
 * current. */
#define STAT_AT_FLAGS (AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)

long sys_fstatat64(u32 dfd, u32 upath, u32 ubuf, u32 flags, u32 e, u32 f)
{
	if (flags & ~STAT_AT_FLAGS)
		return -EINVAL;
	return stat_dentry(at_lookup(dfd, upath, flags), ubuf, false);
}

/* statx: as fstatat64, but both sync types at once, or the reserved mask
 * bit, are -EINVAL too (Linux's sys_statx). */
long sys_statx(u32 dfd, u32 upath, u32 flags, u32 mask, u32 ubuf, u32 f)
{
	if ((flags & ~STAT_AT_FLAGS) || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE ||
	    (mask & STATX__RESERVED))
		return -EINVAL;
	return stat_dentry(at_lookup(dfd, upath, flags), ubuf, true);
}

int vfs_readlink(struct dentry *d, char *ubuf, int size)
{
	const char *target;
	int len;

	if (!S_ISLNK(d->d_inode->i_mode) || size <= 0)
		return -EINVAL;
	target = d_link(d);
	if (IS_ERR(target))
		return PTR_ERR(target);          /* procfs: not the reader's to see */
	len = min((int)strlen(target), size);
	if (copy_to_user(ubuf, target, len))
		return -EFAULT;
	touch_atime(d->d_inode);
	return len;
}

/* readlinkat(dirfd, path, buf, size): the link itself (never followed);
 * a size <= 0 is EINVAL before the lookup, a name that is not a link
 * EINVAL after it. */
long sys_readlinkat(u32 dfd, u32 upath, u32 ubuf, u32 size, u32 e, u32 f)
{
	struct dentry *d;
	long n;

	if ((s32)size <= 0)
		return -EINVAL;
	d = user_path_at((int)dfd, (const char *)upath, 0);
	if (IS_ERR(d))
		return PTR_ERR(d);
	n = vfs_readlink(d, (char *)ubuf, (int)size);
	dput(d);
	return n;
}

long sys_readlink(u32 upath, u32 ubuf, u32 size, u32 d, u32 e, u32 f)
{
	return sys_readlinkat((u32)AT_FDCWD, upath, ubuf, size, 0, 0);
}
