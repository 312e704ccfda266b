/* fs/fs_struct.c: a task's filesystem context (include/fs_struct.h):
 * sharing or copying it at fork (CLONE_FS), dropping it at exit, and the
 * calls that change it: chdir, fchdir and umask. The root and working
 * directory are dentry references, taken and dropped here; fs->lock guards
 * them and the umask (a dentry is put after the lock is dropped). */
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

/* A reference on fs's root or pwd, or the boot root when it has none. */
static struct dentry *fs_dentry(struct fs_struct *fs, bool root)
{
	struct dentry *d;

	if (!fs)
		return dget(root_dentry);
	spin_lock(&fs->lock);
	d = root ? fs->root : fs->pwd;
	d = dget(d ? d : root_dentry);
	spin_unlock(&fs->lock);
	return d;
}

/* Tasks that run before the root exists, or kernel threads without an
 * fs_struct, resolve from the boot root. */
struct dentry *current_cwd(void)
{
	return fs_dentry(current->fs, false);
}

struct dentry *current_root(void)
{
	return fs_dentry(current->fs, true);
}

unsigned int current_umask(void)
{
	return current->fs ? current->fs->umask : 022;
}

void set_fs_pwd(struct fs_struct *fs, struct dentry *d)
{
	struct dentry *old;

	spin_lock(&fs->lock);
	old = fs->pwd;
	fs->pwd = dget(d);
	spin_unlock(&fs->lock);
	dput(old);
}

/* CLONE_FS shares current's context; else p gets a copy, which takes
 * references on the root and working directory. fs->lock is for a
 * context other tasks share: one only current uses (users 1) changes
 * only by current's own calls, not under way while it forks (a /proc
 * reader only takes references, atomically). */
int copy_fs(unsigned long clone_flags, struct task_struct *p)
{
	struct fs_struct *fs = current->fs, *copy;
	bool shared;

	if (clone_flags & CLONE_FS) {
		__sync_fetch_and_add(&fs->users, 1);
		return 0;
	}
	copy = kmalloc(sizeof(*copy), GFP_KERNEL);
	if (!copy)
		return -ENOMEM;
	__spin_lock_init(&copy->lock, "fs->lock");
	copy->users = 1;
	shared = READ_ONCE(fs->users) > 1;
	if (shared)
		spin_lock(&fs->lock);
	copy->umask = fs->umask;
	copy->root = fs->root ? dget(fs->root) : NULL;
	copy->pwd = fs->pwd ? dget(fs->pwd) : NULL;
	if (shared)
		spin_unlock(&fs->lock);
	p->fs = copy;
	return 0;
}

void exit_fs(struct task_struct *p)
{
	struct fs_struct *fs = p->fs;

	task_lock(p);                    /* /proc's cwd and root links */
	p->fs = NULL;
	task_unlock(p);
	if (__sync_sub_and_fetch(&fs->users, 1) == 0) {
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
	struct fd file = fdget((int)fd);
	int err;

	if (!file.file)
		return -EBADF;
	err = S_ISDIR(file.file->f_inode->i_mode) ? inode_permission(file.file->f_inode, MAY_EXEC) : -ENOTDIR;
	if (!err)
		set_fs_pwd(current->fs, file.file->f_dentry);
	fdput(file);
	return err;
}

/* umask(mask): the old mask; the new one is mask & 0777. */
long sys_umask(u32 mask, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct fs_struct *fs = current->fs;
	unsigned int old;

	spin_lock(&fs->lock);
	old = fs->umask;
	fs->umask = mask & 0777;
	spin_unlock(&fs->lock);
	return old;
}
