/* fs/stat.c: what stat tells about an inode, in the two forms i386 programs
 * ask for: struct stat64 (stat64/lstat64/fstat64/fstatat64) and struct
 * statx (statx, tried first by glibc). The inode's attributes are gathered
 * into a struct kstat (vfs_getattr), then copied out to the caller's buffer
 * with copy_to_user: -EFAULT for a bad one. Device numbers go out in
 * Linux's encoding (new_encode_dev). The ramfs keeps one time, the mtime,
 * which stands for atime and ctime too. readlink is here too, as in Linux. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <asm/page.h>
#include <asm/uaccess.h>
#include <uapi/asm/stat.h>

#define RAMFS_DEV MKDEV(0, 1)   /* the boot rootfs's; mounts have their own */

/* Linux's 32-bit user encoding: minor's low byte, major, minor's rest. */
u32 new_encode_dev(dev_t dev)
{
	return (MINOR(dev) & 0xff) | (MAJOR(dev) << 8) | ((MINOR(dev) & ~0xffU) << 12);
}

void vfs_getattr(const struct inode *inode, struct kstat *st)
{
	*st = (struct kstat){
		.ino = inode->i_ino, .mode = inode->i_mode, .nlink = inode->i_nlink,
		.uid = inode->i_uid, .gid = inode->i_gid, .rdev = inode->i_rdev,
		.dev = inode->i_sb ? inode->i_sb->s_dev : RAMFS_DEV, .size = inode->i_size, .mtime = inode->i_mtime,
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
	s.st_atime = s.st_mtime = s.st_ctime = st->mtime;
	return copy_to_user(ubuf, &s, sizeof(s)) ? -EFAULT : 0;
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
	x.stx_atime.tv_sec = x.stx_ctime.tv_sec = x.stx_mtime.tv_sec = st->mtime;
	x.stx_rdev_major = MAJOR(st->rdev);
	x.stx_rdev_minor = MINOR(st->rdev);
	x.stx_dev_major = MAJOR(st->dev);
	x.stx_dev_minor = MINOR(st->dev);
	return copy_to_user(ubuf, &x, sizeof(x)) ? -EFAULT : 0;
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
	return copy_to_user(ubuf, target, len) ? -EFAULT : len;
}
