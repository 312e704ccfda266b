/* fs/statfs.c: statfs, fstatfs, statfs64 and fstatfs64: what filesystem a
 * file is on. Everything Tasklab has is in the ramfs, which answers as
 * Linux's ramfs (simple_statfs): RAMFS_MAGIC, page-sized blocks, names up
 * to NAME_MAX, and no block or inode counts (a ramfs has no size: it
 * grows until memory runs out); pipes answer as pipefs. The flags are
 * relatime (how atimes move: fs/inode.c) and "valid". */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <syscall.h>
#include <asm/page.h>
#include <asm/uaccess.h>
#include <uapi/asm/statfs.h>
#include <uapi/linux/magic.h>

static void vfs_statfs(const struct inode *inode, struct statfs64 *st)
{
	memset(st, 0, sizeof(*st));
	st->f_type = inode->i_state & I_PIPEFS ? PIPEFS_MAGIC : RAMFS_MAGIC;
	st->f_bsize = PAGE_SIZE;
	st->f_frsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	st->f_flags = ST_VALID | ST_RELATIME;
}

/* Copy out in the old layout (32-bit counts: they all fit) or the 64-bit
 * one: 0 or -EFAULT. */
static long put_statfs(const struct statfs64 *st, u32 ubuf, bool is64)
{
	struct statfs old;

	if (is64)
		return copy_to_user((void *)ubuf, st, sizeof(*st)) ? -EFAULT : 0;
	memset(&old, 0, sizeof(old));
	old.f_type = st->f_type;
	old.f_bsize = st->f_bsize;
	old.f_blocks = st->f_blocks;
	old.f_bfree = st->f_bfree;
	old.f_bavail = st->f_bavail;
	old.f_files = st->f_files;
	old.f_ffree = st->f_ffree;
	old.f_fsid = st->f_fsid;
	old.f_namelen = st->f_namelen;
	old.f_frsize = st->f_frsize;
	old.f_flags = st->f_flags;
	return copy_to_user((void *)ubuf, &old, sizeof(old)) ? -EFAULT : 0;
}

static long user_statfs(u32 upath, u32 ubuf, bool is64)
{
	struct dentry *d = user_path_at(AT_FDCWD, (const char *)upath, LOOKUP_FOLLOW);
	struct statfs64 st;

	if (IS_ERR(d))
		return PTR_ERR(d);
	vfs_statfs(d->d_inode, &st);
	dput(d);
	return put_statfs(&st, ubuf, is64);
}

static long fd_statfs(u32 fd, u32 ubuf, bool is64)
{
	struct file *file = fcheck((int)fd);
	struct statfs64 st;

	if (!file)
		return -EBADF;
	vfs_statfs(file->f_inode, &st);
	return put_statfs(&st, ubuf, is64);
}

long sys_statfs(u32 upath, u32 ubuf, u32 c, u32 d, u32 e, u32 f)
{
	return user_statfs(upath, ubuf, false);
}

long sys_fstatfs(u32 fd, u32 ubuf, u32 c, u32 d, u32 e, u32 f)
{
	return fd_statfs(fd, ubuf, false);
}

/* statfs64(path, size, buf): size must be sizeof(struct statfs64), 84. */
long sys_statfs64(u32 upath, u32 size, u32 ubuf, u32 d, u32 e, u32 f)
{
	return size == sizeof(struct statfs64) ? user_statfs(upath, ubuf, true) : -EINVAL;
}

long sys_fstatfs64(u32 fd, u32 size, u32 ubuf, u32 d, u32 e, u32 f)
{
	return size == sizeof(struct statfs64) ? fd_statfs(fd, ubuf, true) : -EINVAL;
}
