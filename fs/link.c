/* fs/link.c: hard links: link and linkat give an existing inode a second
 * name (i_nlink counts the names; the inode is freed when the last name is
 * gone and the last open file closed). Linux's rules: the old path is
 * looked up first (a symlink in its last component is linked itself,
 * unless linkat has AT_SYMLINK_FOLLOW), then the new name must be free
 * (EEXIST) and the caller must be able to write and search its directory
 * (EACCES), then a directory cannot be linked (EPERM), nor an inode with
 * no name left (ENOENT: an unlinked open file) unless it is an O_TMPFILE
 * file opened without O_EXCL (I_LINKABLE). linkat with AT_EMPTY_PATH
 * links the file dirfd itself; Linux asks for CAP_DAC_READ_SEARCH (root)
 * and says ENOENT to anyone else. A link across mounts is EXDEV, and so
 * is one of a pipe(2) (it lives on Linux's pipefs, not the ramfs). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <capability.h>
#include <mount.h>
#include <syscall.h>

long sys_linkat(u32 olddfd, u32 uold, u32 newdfd, u32 unew, u32 flags, u32 f)
{
	struct path_parent pp;
	struct dentry *old, *link;
	unsigned int how = 0;
	int err;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if ((flags & AT_EMPTY_PATH) && !capable(CAP_DAC_READ_SEARCH))
		return -ENOENT;
	how |= flags & AT_SYMLINK_FOLLOW ? LOOKUP_FOLLOW : 0;
	how |= flags & AT_EMPTY_PATH ? LOOKUP_EMPTY : 0;
	old = user_path_at((int)olddfd, (const char *)uold, how);
	if (IS_ERR(old))
		return PTR_ERR(old);
	err = user_path_create((int)newdfd, (const char *)unew, &pp, false);
	if (!err) {
		if ((old->d_inode->i_state & I_PIPEFS) || d_mnt(old) != d_mnt(pp.dir))
			err = -EXDEV;   /* another mount, or a pipe(2): on no filesystem of ours */
		else if (S_ISDIR(old->d_inode->i_mode))
			err = -EPERM;
		else if (!old->d_inode->i_nlink && !(old->d_inode->i_state & I_LINKABLE))
			err = -ENOENT;
		link = err ? NULL : ramfs_link(old, pp.dir, pp.last, pp.len);
		if (IS_ERR(link))
			err = PTR_ERR(link);
		path_parent_release(&pp);
	}
	dput(old);
	return err;
}

long sys_link(u32 uold, u32 unew, u32 c, u32 d, u32 e, u32 f)
{
	return sys_linkat((u32)AT_FDCWD, uold, (u32)AT_FDCWD, unew, 0, 0);
}
