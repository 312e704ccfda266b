/* fs/rename.c: rename, renameat and renameat2 (RENAME_NOREPLACE,
 * RENAME_EXCHANGE), with the checks of Linux's do_renameat2 and vfs_rename
 * in their order:
 *   flags: unknown bits, or EXCHANGE with NOREPLACE or WHITEOUT  EINVAL
 *          (WHITEOUT alone: the ramfs, as Linux's, has no whiteouts)
 *   the two parents on different mounts                          EXDEV
 *   "/", "." or ".." as either last component                    EBUSY
 *          (EEXIST for the new one under NOREPLACE)
 *   a read-only mount                                            EROFS
 *   a procfs directory (it renames nothing)                      EPERM
 *   the old name missing                                         ENOENT
 *   NOREPLACE and the new name exists                            EEXIST
 *   EXCHANGE and the new name missing                            ENOENT
 *   a trailing '/' on a name that is not a directory             ENOTDIR
 *   the old directory an ancestor of the new name's directory    EINVAL
 *   the new name an ancestor of the old one                      ENOTEMPTY
 *          (EINVAL under EXCHANGE)
 *   both names one inode (hard links, or the same name)          0, no change
 *   no write and search permission on the old name's directory   EACCES
 *          or the sticky bit's rule forbids taking it out        EPERM
 *   the same for the new name's directory (for a new name:
 *          write and search permission, as a create)           EACCES, EPERM
 *   a directory onto a non-directory                             ENOTDIR
 *   a non-directory onto a directory                             EISDIR
 *   a directory moving to another parent that the caller cannot
 *          write (its ".." changes; EXCHANGE: either directory)  EACCES
 *   a directory onto a non-empty one                             ENOTEMPTY
 *   either name a mountpoint                                     EBUSY
 * A replaced name is unlinked (its inode lives on while open, as unlink's).
 * Link counts and the times of both directories change as Linux's. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <rwsem.h>
#include <syscall.h>

/* May the victim `v` be replaced by a file whose type is dir or not? */
static int may_replace(struct dentry *v, bool is_dir)
{
	if (is_dir && !S_ISDIR(v->d_inode->i_mode))
		return -ENOTDIR;
	if (!is_dir && S_ISDIR(v->d_inode->i_mode))
		return -EISDIR;
	return 0;
}

/* Linux's vfs_rename checks for the move of old_d to new_d (NULL: a new
 * name), in its order: taking each name out of its directory
 * (may_delete; a new name needs write and search, as a create), the
 * types, and the write permission on a directory changing parent, whose
 * ".." is rewritten. */
static int rename_permission(struct path_parent *o, struct dentry *old_d, struct path_parent *n,
			     struct dentry *new_d, bool exchange)
{
	bool is_dir = S_ISDIR(old_d->d_inode->i_mode);
	int err = may_delete(o->dir->d_inode, old_d->d_inode);

	if (!err && !new_d)
		err = inode_permission(n->dir->d_inode, MAY_WRITE | MAY_EXEC);
	if (!err && new_d)
		err = may_delete(n->dir->d_inode, new_d->d_inode);
	if (!err && new_d && !exchange)
		err = may_replace(new_d, is_dir);
	if (err || o->dir == n->dir)
		return err;
	if (is_dir && (err = inode_permission(old_d->d_inode, MAY_WRITE)))
		return err;
	if (exchange && S_ISDIR(new_d->d_inode->i_mode))
		err = inode_permission(new_d->d_inode, MAY_WRITE);
	return err;
}

/* The checks once both parents are known; old_d exists. */
static int check_rename(struct path_parent *o, struct dentry *old_d, struct path_parent *n,
			struct dentry *new_d, unsigned int flags)
{
	bool exchange = flags & RENAME_EXCHANGE;
	int err;

	if ((flags & RENAME_NOREPLACE) && new_d)
		return -EEXIST;
	if (exchange && !new_d)
		return -ENOENT;
	if (exchange && n->slash && !S_ISDIR(new_d->d_inode->i_mode))
		return -ENOTDIR;
	if (!S_ISDIR(old_d->d_inode->i_mode) && (o->slash || (!exchange && n->slash)))
		return -ENOTDIR;
	if (o->dir != n->dir && is_subdir(n->dir, old_d))
		return -EINVAL;         /* into its own subtree */
	if (o->dir != n->dir && new_d && is_subdir(o->dir, new_d))
		return exchange ? -EINVAL : -ENOTEMPTY;
	if (new_d && new_d->d_inode == old_d->d_inode)
		return 1;               /* one inode: nothing to do */
	if ((err = rename_permission(o, old_d, n, new_d, exchange)))
		return err;
	if (!exchange && new_d && S_ISDIR(new_d->d_inode->i_mode) && !list_empty(&new_d->d_subdirs))
		return -ENOTEMPTY;
	return 0;
}

/* The lookups, checks and move of do_rename, ramfs_tree_sem held for
 * writing: another CPU's unlink or rename of either name waits. */
static int rename_locked(struct path_parent *o, struct path_parent *n, unsigned int flags)
{
	struct dentry *old_d, *new_d;
	int err;

	old_d = __d_lookup(o->dir, o->last, o->len);
	if (!old_d)
		return -ENOENT;
	new_d = __d_lookup(n->dir, n->last, n->len);
	err = check_rename(o, old_d, n, new_d, flags);
	if (err)
		return err > 0 ? 0 : err;
	if (!new_d && !n->dir->d_inode->i_nlink)
		return -ENOENT;         /* the new directory was removed */
	if (d_mountpoint(old_d) || (new_d && d_mountpoint(new_d)))
		return -EBUSY;
	return __ramfs_rename(o->dir, old_d, n->dir, n->last, n->len, new_d,
			      flags & RENAME_EXCHANGE);
}

static int do_rename(struct path_parent *o, struct path_parent *n, unsigned int flags)
{
	int err;

	if (d_mnt(o->dir) != d_mnt(n->dir))
		return -EXDEV;
	if (o->type != LAST_NORM)
		return -EBUSY;
	if (n->type != LAST_NORM)
		return flags & RENAME_NOREPLACE ? -EEXIST : -EBUSY;
	if (d_readonly(o->dir))
		return -EROFS;
	if (!S_ISDIR(o->dir->d_inode->i_mode) || !S_ISDIR(n->dir->d_inode->i_mode))
		return -ENOTDIR;
	if (o->dir->d_inode->i_op || n->dir->d_inode->i_op)
		return -EPERM;
	down_write(&ramfs_tree_sem);    /* the names checked are the names moved */
	err = rename_locked(o, n, flags);
	up_write(&ramfs_tree_sem);
	return err;
}

/* renameat2(olddirfd, oldpath, newdirfd, newpath, flags) */
long sys_renameat2(u32 olddfd, u32 uold, u32 newdfd, u32 unew, u32 flags, u32 f)
{
	struct path_parent o, n;
	int err;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT))
		return -EINVAL;
	if ((flags & RENAME_EXCHANGE) && (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT)))
		return -EINVAL;
	if (flags & RENAME_WHITEOUT)
		return -EINVAL;
	err = user_path_parent((int)olddfd, (const char *)uold, &o);
	if (err)
		return err;
	err = user_path_parent((int)newdfd, (const char *)unew, &n);
	if (!err) {
		err = do_rename(&o, &n, flags);
		path_parent_release(&n);
	}
	path_parent_release(&o);
	return err;
}

long sys_renameat(u32 olddfd, u32 uold, u32 newdfd, u32 unew, u32 e, u32 f)
{
	return sys_renameat2(olddfd, uold, newdfd, unew, 0, 0);
}

long sys_rename(u32 uold, u32 unew, u32 c, u32 d, u32 e, u32 f)
{
	return sys_renameat2((u32)AT_FDCWD, uold, (u32)AT_FDCWD, unew, 0, 0);
}
