/* fs/unlink.c: removing names from the ramfs tree (unlink, rmdir). The
 * name goes from its directory at once; the dentry and inode live on while
 * an open file still holds them (the file's reference), as in Linux, and
 * are freed by the last fput. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <fs_struct.h>
#include <mount.h>
#include <uapi/linux/stat.h>

int vfs_unlink(struct dentry *dir, const char *name, int len, bool is_rmdir)
{
	struct dentry *d;
	umode_t mode;

	if (!S_ISDIR(dir->d_inode->i_mode))
		return -ENOTDIR;
	if (len == 1 && name[0] == '.')
		return is_rmdir ? -EINVAL : -EISDIR;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return is_rmdir ? -ENOTEMPTY : -EISDIR;
	d = len ? d_lookup(dir, name, len) : NULL;
	if (!d)
		return len ? -ENOENT : -EBUSY;     /* "" is the root itself */
	mode = d->d_inode->i_mode;
	if (is_rmdir && !S_ISDIR(mode))
		return -ENOTDIR;
	if (!is_rmdir && S_ISDIR(mode))
		return -EISDIR;
	if (is_rmdir && !list_empty(&d->d_subdirs))
		return -ENOTEMPTY;
	if (d_mountpoint(d))
		return -EBUSY;                 /* something is mounted on it */
	if (d_readonly(dir))
		return -EROFS;
	list_del_init(&d->d_child);
	d->d_inode->i_nlink -= is_rmdir ? 2 : 1;
	if (is_rmdir)
		dir->d_inode->i_nlink--;
	dput(d);                               /* the tree's reference */
	return 0;
}
