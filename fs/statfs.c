/* fs/statfs.c: statfs, fstatfs, statfs64 and fstatfs64: what filesystem a
 * file is on. The ramfs (the boot root and every ramfs mount) answers as
 * Linux's ramfs (simple_statfs): RAMFS_MAGIC, page-sized blocks, names up
 * to NAME_MAX, and no block or inode counts (a ramfs has no size: it
 * grows until memory runs out); procfs answers with its own magic, pipes
 * as pipefs. The flags are the mount's (read-only, nosuid, nodev, noexec),
 * relatime (how atimes move: fs/inode.c) and "valid". */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <mount.h>
#include <syscall.h>
#include <asm/page.h>
#include <asm/uaccess.h>
#include <uapi/asm/statfs.h>
#include <uapi/linux/magic.h>

static unsigned long fs_magic(const struct inode *inode)
{
	if (inode->i_state & I_PIPEFS)
		return PIPEFS_MAGIC;
	if (inode->i_sb && !strcmp(inode->i_sb->s_type->name, "proc"))
		return PROC_SUPER_MAGIC;
	return RAMFS_MAGIC;
}

static void vfs_statfs(const struct dentry *d, struct statfs64 *st)
{
	unsigned long mnt_flags = d_mnt_flags(d);

	memset(st, 0, sizeof(*st));
	st->f_type = fs_magic(d->d_inode);
	st->f_bsize = PAGE_SIZE;
	st->f_frsize = PAGE_SIZE;
	st->f_namelen = NAME_MAX;
	st->f_flags = ST_VALID | ST_RELATIME;
	/* MS_RDONLY..MS_NOEXEC are ST_RDONLY..ST_NOEXEC */
	st->f_flags |= mnt_flags & (ST_RDONLY | ST_NOSUID | ST_NODEV | ST_NOEXEC);
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
	vfs_statfs(d, &st);
	dput(d);
	return put_statfs(&st, ubuf, is64);
}

static long fd_statfs(u32 fd, u32 ubuf, bool is64)
{
	struct fd file = fdget((int)fd);
	struct statfs64 st;

	if (!file.file)
		return -EBADF;
	vfs_statfs(file.file->f_dentry, &st);
	fdput(file);
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
