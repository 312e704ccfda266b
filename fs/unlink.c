/* fs/unlink.c: removing names from the ramfs tree (unlink, unlinkat,
 * rmdir). The name goes from its directory at once; the dentry and inode
 * live on while an open file still holds them (the file's reference), as
 * in Linux, and are freed by the last fput. An inode with other hard links
 * keeps them. Linux's errors: unlink of a directory is EISDIR (Linux's
 * choice; POSIX allows EPERM), "file/" is ENOTDIR; rmdir of a non-empty
 * directory ENOTEMPTY, of "." EINVAL, of ".." ENOTEMPTY, of "/" EBUSY, of
 * a directory something is mounted on EBUSY; on a read-only mount EROFS
 * (before the name is even looked up, as Linux's mnt_want_write); in
 * procfs, whose entries are its own, EPERM. Permission, as Linux's
 * may_delete, once the victim is found: write and search on its
 * directory (EACCES), and the sticky bit's rule (EPERM: in /tmp only the
 * file's owner, the directory's or root removes it). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <rwsem.h>
#include <syscall.h>

/* unlink: the victim d of a name in dir, with `slash` when the user's
 * path had a '/' after it ("file/" must be a directory, and unlink takes
 * none: Linux says so before it looks at permission). */
static int may_unlink(struct dentry *dir, struct dentry *d, bool slash)
{
	int err;

	if (!d)
		return -ENOENT;
	if (slash)
		return S_ISDIR(d->d_inode->i_mode) ? -EISDIR : -ENOTDIR;
	if ((err = may_delete(dir->d_inode, d->d_inode)))
		return err;
	return S_ISDIR(d->d_inode->i_mode) ? -EISDIR : 0;
}

static int may_rmdir(struct dentry *dir, struct dentry *d)
{
	int err;

	if (!d)
		return -ENOENT;
	if ((err = may_delete(dir->d_inode, d->d_inode)))
		return err;
	if (!S_ISDIR(d->d_inode->i_mode))
		return -ENOTDIR;
	if (d_mountpoint(d))
		return -EBUSY;                  /* something is mounted on it */
	return list_empty(&d->d_subdirs) ? 0 : -ENOTEMPTY;
}

/* A name in a procfs directory: there (EPERM: procfs removes nothing, as
 * Linux's directories without ->unlink) or not (ENOENT). */
static int no_unlink_in(struct dentry *dir, const char *name, int len)
{
	struct dentry *d = lookup_child(dir, name, len);

	if (IS_ERR(d))
		return PTR_ERR(d);
	dput(d);
	return -EPERM;
}

/* unlink or rmdir the name of type `type` (LAST_*) in dir. */
static int do_unlink(struct dentry *dir, const char *name, int len, int type, bool slash,
		     bool is_rmdir)
{
	struct dentry *d;
	int err;

	if (!S_ISDIR(dir->d_inode->i_mode))
		return -ENOTDIR;
	if (type != LAST_NORM && !is_rmdir)
		return -EISDIR;
	if (type != LAST_NORM)
		return type == LAST_DOT ? -EINVAL : type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
	if (d_readonly(dir))
		return -EROFS;
	if (dir->d_inode->i_op)
		return no_unlink_in(dir, name, len);
	down_write(&ramfs_tree_sem);    /* two CPUs removing one name: one finds it */
	d = __d_lookup(dir, name, len);
	err = is_rmdir ? may_rmdir(dir, d) : may_unlink(dir, d, slash);
	if (!err)
		__ramfs_unlink(dir, d);
	up_write(&ramfs_tree_sem);
	return err;
}

int vfs_unlink(struct dentry *dir, const char *name, int len, bool is_rmdir)
{
	return do_unlink(dir, name, len, path_last_type(name, len), false, is_rmdir);
}

/* unlinkat(dirfd, path, flags): the last component of path, from dirfd;
 * AT_REMOVEDIR makes it rmdir. */
long sys_unlinkat(u32 dfd, u32 upath, u32 flags, u32 d, u32 e, u32 f)
{
	struct path_parent pp;
	int err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	err = user_path_parent((int)dfd, (const char *)upath, &pp);
	if (err)
		return err;
	err = do_unlink(pp.dir, pp.last, pp.len, pp.type, pp.slash, flags & AT_REMOVEDIR);
	path_parent_release(&pp);
	return err;
}

long sys_unlink(u32 upath, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return sys_unlinkat((u32)AT_FDCWD, upath, 0, 0, 0, 0);
}

long sys_rmdir(u32 upath, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return sys_unlinkat((u32)AT_FDCWD, upath, AT_REMOVEDIR, 0, 0, 0);
}
