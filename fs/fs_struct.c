/* fs/fs_struct.c: a task's filesystem context (include/fs_struct.h):
 * sharing or copying it at fork (CLONE_FS), dropping it at exit, and the
 * calls that change it: chdir, fchdir and umask. The root and working
 * directory are dentry references, taken and dropped here. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <fs_struct.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>

void init_fs_root(void)
{
	init_fs.root = dget(root_dentry);
	init_fs.pwd = dget(root_dentry);
}

/* Tasks that run before the root exists, or kernel threads without an
 * fs_struct, resolve from the boot root. */
struct dentry *current_cwd(void)
{
	struct fs_struct *fs = current->fs;

	return dget(fs && fs->pwd ? fs->pwd : root_dentry);
}

struct dentry *current_root(void)
{
	struct fs_struct *fs = current->fs;

	return dget(fs && fs->root ? fs->root : root_dentry);
}

unsigned int current_umask(void)
{
	return current->fs ? current->fs->umask : 022;
}

void set_fs_pwd(struct fs_struct *fs, struct dentry *d)
{
	struct dentry *old = fs->pwd;

	fs->pwd = dget(d);
	dput(old);
}

int copy_fs(unsigned long clone_flags, struct task_struct *p)
{
	struct fs_struct *fs = current->fs, *copy;

	if (clone_flags & CLONE_FS) {
		fs->users++;
		return 0;
	}
	copy = kmalloc(sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	*copy = *fs;
	copy->users = 1;
	if (copy->root)
		dget(copy->root);
	if (copy->pwd)
		dget(copy->pwd);
	p->fs = copy;
	return 0;
}

void exit_fs(struct task_struct *p)
{
	struct fs_struct *fs = p->fs;

	p->fs = NULL;
	if (--fs->users == 0) {
		BUG_ON(fs == &init_fs);
		dput(fs->pwd);
		dput(fs->root);
		kfree(fs);
	}
}

/* chdir(path): ENOENT, ENOTDIR, ENAMETOOLONG, ELOOP, EFAULT, and EACCES
 * without search permission on the directory (or on one on the way). */
long sys_chdir(u32 upath, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct dentry *dir = user_path_at(AT_FDCWD, (const char *)upath,
					  LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	int err;

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	err = inode_permission(dir->d_inode, MAY_EXEC);
	if (!err)
		set_fs_pwd(current->fs, dir);
	dput(dir);
	return err;
}

/* fchdir(fd): the open directory fd becomes the cwd; EBADF, ENOTDIR,
 * EACCES (search permission is checked now, not at the open). */
long sys_fchdir(u32 fd, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)fd);
	int err;

	if (!file)
		return -EBADF;
	if (!S_ISDIR(file->f_inode->i_mode))
		return -ENOTDIR;
	err = inode_permission(file->f_inode, MAY_EXEC);
	if (!err)
		set_fs_pwd(current->fs, file->f_dentry);
	return err;
}

/* umask(mask): the old mask; the new one is mask & 0777. */
long sys_umask(u32 mask, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	unsigned int old = current->fs->umask;

	current->fs->umask = mask & 0777;
	return old;
}
