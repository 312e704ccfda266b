/* fs/sys_files.c: the file system calls of the i386 ABI over the VFS and
 * the task's fd table: open/openat/close, read/write/writev, lseek and
 * _llseek, dup/dup2/fcntl64, ioctl, getdents64, the stat family, chdir,
 * getcwd, access and readlink. Paths are copied in with strncpy_from_user
 * (ENAMETOOLONG past PATH_MAX) and resolved from the root or the task's
 * working directory; every user buffer goes through the uaccess helpers,
 * so a bad pointer is -EFAULT. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <fs_struct.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <asm/uaccess.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/stat.h>

#define PATH_MAX 4096

/* A user path in a kmalloc'd buffer (kfree it), or ERR_PTR. */
static char *getname(u32 upath)
{
	char *name = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!name)
		return ERR_PTR(-ENOMEM);
	n = strncpy_from_user(name, (const char *)upath, PATH_MAX);
	if (n == PATH_MAX)
		n = -ENAMETOOLONG;
	else if (n == 0)
		n = -ENOENT;
	if (n < 0) {
		kfree(name);
		return ERR_PTR(n);
	}
	return name;
}

/* The directory a relative path starts from: the cwd or dirfd's. */
static struct dentry *start_dir(int dirfd)
{
	struct file *f;

	if (dirfd == AT_FDCWD)
		return current_cwd();
	f = fcheck(dirfd);
	if (!f)
		return ERR_PTR(-EBADF);
	if (!S_ISDIR(f->f_inode->i_mode))
		return ERR_PTR(-ENOTDIR);
	return dget(f->f_dentry);
}

/* Look a user path up (from dirfd when relative): a referenced dentry. */
static struct dentry *user_lookup(int dirfd, u32 upath, unsigned int flags)
{
	char *name = getname(upath);
	struct dentry *dir, *d;

	if (IS_ERR(name))
		return (struct dentry *)name;
	dir = start_dir(dirfd);
	d = IS_ERR(dir) ? dir : path_lookup(root_dentry, dir, name, flags);
	if (!IS_ERR(dir))
		dput(dir);
	kfree(name);
	return d;
}

long sys_openat(u32 dirfd, u32 upath, u32 flags, u32 mode, u32 e, u32 f)
{
	char *name = getname(upath);
	struct dentry *dir;
	struct file *file;
	int fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd(0);
	dir = start_dir((int)dirfd);
	if (fd >= 0 && IS_ERR(dir))
		fd = PTR_ERR(dir);
	if (fd >= 0) {
		file = filp_open(root_dentry, dir, name, flags,
				 mode & ~(current->fs ? current->fs->umask : 022));
		if (IS_ERR(file))
			fd = PTR_ERR(file);
		else
			fd_install(fd, file, flags & O_CLOEXEC);
	}
	if (!IS_ERR(dir))
		dput(dir);
	kfree(name);
	return fd;
}

long sys_open(u32 upath, u32 flags, u32 mode, u32 d, u32 e, u32 f)
{
	return sys_openat((u32)AT_FDCWD, upath, flags, mode, 0, 0);
}

long sys_close(u32 fd, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return close_fd((int)fd);
}

static bool readable(const struct file *f) { return (f->f_flags & O_ACCMODE) != O_WRONLY; }
static bool writable(const struct file *f) { return (f->f_flags & O_ACCMODE) != O_RDONLY; }

long sys_read(u32 fd, u32 buf, u32 count, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)fd);

	if (!file || !readable(file))
		return -EBADF;
	if (!access_ok((void *)buf, count))
		return -EFAULT;
	return vfs_read(file, (void *)buf, count, &file->f_pos);
}

long sys_write(u32 fd, u32 buf, u32 count, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)fd);

	if (!file || !writable(file))
		return -EBADF;
	if (!access_ok((void *)buf, count))
		return -EFAULT;
	return vfs_write(file, (const void *)buf, count, &file->f_pos);
}

struct iovec32 { u32 base, len; };
#define IOV_MAX 1024

/* writev: the iovecs in order; stops at the first short write. */
long sys_writev(u32 fd, u32 uiov, u32 iovcnt, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)fd);
	struct iovec32 v;
	long done = 0;

	if (!file || !writable(file))
		return -EBADF;
	if (iovcnt > IOV_MAX)
		return -EINVAL;
	for (u32 i = 0; i < iovcnt; i++) {
		ssize_t n;

		if (copy_from_user(&v, (struct iovec32 *)uiov + i, sizeof(v)))
			return done ? done : -EFAULT;
		if (!v.len)
			continue;
		if (!access_ok((void *)v.base, v.len))
			return done ? done : -EFAULT;
		n = vfs_write(file, (const void *)v.base, v.len, &file->f_pos);
		if (n < 0)
			return done ? done : n;
		done += n;
		if ((u32)n < v.len)
			break;
	}
	return done;
}

/* The seek both lseek and _llseek do: -EBADF, -ESPIPE for a pipe, or the
 * new position (or vfs_llseek's error). */
static loff_t seek_fd(u32 fd, loff_t offset, u32 whence)
{
	struct file *file = fcheck((int)fd);

	if (!file)
		return -EBADF;
	if (S_ISFIFO(file->f_inode->i_mode))
		return -ESPIPE;
	return vfs_llseek(file, offset, (int)whence);
}

long sys_lseek(u32 fd, u32 offset, u32 whence, u32 d, u32 e, u32 f)
{
	loff_t pos = seek_fd(fd, (s32)offset, whence);

	if (pos > 0x7FFFFFFF)
		return -EOVERFLOW;
	return (long)pos;
}

long sys_llseek(u32 fd, u32 hi, u32 lo, u32 uresult, u32 whence, u32 f)
{
	loff_t pos = seek_fd(fd, (loff_t)(((u64)hi << 32) | lo), whence);

	if (pos < 0)
		return (long)pos;
	if (copy_to_user((void *)uresult, &pos, sizeof(pos)))
		return -EFAULT;
	return 0;
}

static long do_dup(struct file *file, int from, bool cloexec)
{
	int fd = get_unused_fd(from);

	if (fd < 0)
		return fd;
	fd_install(fd, get_file(file), cloexec);
	return fd;
}

long sys_dup(u32 oldfd, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)oldfd);

	return file ? do_dup(file, 0, false) : -EBADF;
}

long sys_dup2(u32 oldfd, u32 newfd, u32 c, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)oldfd);

	if (!file)
		return -EBADF;
	if (newfd >= NR_OPEN_DEFAULT)
		return -EBADF;
	if (oldfd == newfd)
		return newfd;
	close_fd((int)newfd);
	fd_install((int)newfd, get_file(file), false);
	return newfd;
}

#define F_DUPFD_CLOEXEC 1030
#define SETFL_MASK (O_APPEND | O_NONBLOCK)

long sys_fcntl64(u32 fd, u32 cmd, u32 arg, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)fd);
	struct files_struct *files = current->files;

	if (!file)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= NR_OPEN_DEFAULT)
			return -EINVAL;
		return do_dup(file, (int)arg, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return (files->close_on_exec >> fd) & 1;
	case F_SETFD:
		if (arg & FD_CLOEXEC)
			files->close_on_exec |= 1u << fd;
		else
			files->close_on_exec &= ~(1u << fd);
		return 0;
	case F_GETFL:
		return file->f_flags;
	case F_SETFL:
		file->f_flags = (file->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_ioctl(u32 fd, u32 cmd, u32 arg, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)fd);

	return file ? vfs_ioctl(file, cmd, arg) : -EBADF;
}

long sys_getdents64(u32 fd, u32 buf, u32 count, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)fd);

	return file ? vfs_getdents64(file, (void *)buf, count) : -EBADF;
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
	return stat_dentry(user_lookup(AT_FDCWD, upath, LOOKUP_FOLLOW), ubuf, false);
}

long sys_lstat64(u32 upath, u32 ubuf, u32 c, u32 d, u32 e, u32 f)
{
	return stat_dentry(user_lookup(AT_FDCWD, upath, 0), ubuf, false);
}

long sys_fstat64(u32 fd, u32 ubuf, u32 c, u32 d, u32 e, u32 f)
{
	struct file *file = fcheck((int)fd);

	return file ? stat_inode(file->f_inode, ubuf, false) : -EBADF;   /* pipes too */
}

#define AT_EMPTY_PATH 0x1000

/* fstatat64 and statx share this: an empty path with AT_EMPTY_PATH is dirfd. */
static struct dentry *at_lookup(u32 dirfd, u32 upath, u32 flags)
{
	char c;

	if ((flags & AT_EMPTY_PATH) && !copy_from_user(&c, (void *)upath, 1) && !c) {
		struct file *file = fcheck((int)dirfd);

		if (!file)
			return ERR_PTR(-EBADF);
		return file->f_dentry ? dget(file->f_dentry) : ERR_PTR(-EINVAL);
	}
	return user_lookup((int)dirfd, upath,
			   (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
}

#define AT_NO_AUTOMOUNT          0x800   /* no automounts here: means nothing */
#define AT_STATX_SYNC_TYPE       0x6000  /* FORCE_SYNC 0x2000, DONT_SYNC 0x4000 */
#define STATX__RESERVED          0x80000000U
/* The flags Linux's vfs_statx takes (glibc 2.36's stat passes
 * AT_NO_AUTOMOUNT, and may pass a sync type): any other bit is -EINVAL.
 * The sync types mean nothing for a ramfs, whose attributes are always
 * current. */
#define STAT_AT_FLAGS (AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE)

long sys_fstatat64(u32 dirfd, u32 upath, u32 ubuf, u32 flags, u32 e, u32 f)
{
	if (flags & ~STAT_AT_FLAGS)
		return -EINVAL;
	return stat_dentry(at_lookup(dirfd, upath, flags), ubuf, false);
}

/* statx: as fstatat64, but both sync types at once, or the reserved mask
 * bit, are -EINVAL too (Linux's sys_statx). */
long sys_statx(u32 dirfd, u32 upath, u32 flags, u32 mask, u32 ubuf, u32 f)
{
	if ((flags & ~STAT_AT_FLAGS) || (flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE ||
	    (mask & STATX__RESERVED))
		return -EINVAL;
	return stat_dentry(at_lookup(dirfd, upath, flags), ubuf, true);
}

long sys_chdir(u32 upath, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct dentry *dir = user_lookup(AT_FDCWD, upath, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	char buf[FS_PATH_MAX];
	char *p;

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	p = d_path(root_dentry, dir, buf, sizeof(buf));
	dput(dir);
	if (IS_ERR(p))
		return -ENAMETOOLONG;
	strlcpy(current->fs->pwd, p, sizeof(current->fs->pwd));
	return 0;
}

/* getcwd(buf, size): the length with the NUL, ERANGE when it does not fit. */
long sys_getcwd(u32 ubuf, u32 size, u32 c, u32 d, u32 e, u32 f)
{
	const char *pwd = current->fs ? current->fs->pwd : "/";
	size_t len = strlen(pwd) + 1;

	if (len > size)
		return -ERANGE;
	return copy_to_user((void *)ubuf, pwd, len) ? -EFAULT : (long)len;
}

/* access(path, mode): existence, then the owner's permission bits (every
 * task is root for now, which Linux grants anything but execute without
 * an x bit). */
long sys_access(u32 upath, u32 mode, u32 c, u32 d, u32 e, u32 f)
{
	struct dentry *dentry;
	long err = 0;

	if (mode & ~7u)
		return -EINVAL;
	dentry = user_lookup(AT_FDCWD, upath, LOOKUP_FOLLOW);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	if ((mode & 1) && !S_ISDIR(dentry->d_inode->i_mode) && !(dentry->d_inode->i_mode & 0111))
		err = -EACCES;
	dput(dentry);
	return err;
}

long sys_readlink(u32 upath, u32 ubuf, u32 size, u32 d, u32 e, u32 f)
{
	struct dentry *dentry;
	long n;

	if ((s32)size <= 0)
		return -EINVAL;
	dentry = user_lookup(AT_FDCWD, upath, 0);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);
	n = vfs_readlink(dentry, (char *)ubuf, (int)size);
	dput(dentry);
	return n;
}

#define AT_REMOVEDIR 0x200

/* unlinkat(dirfd, path, flags): the last component of path, from dirfd. */
long sys_unlinkat(u32 dirfd, u32 upath, u32 flags, u32 d, u32 e, u32 f)
{
	char *name;
	struct dentry *dir, *parent;
	const char *last;
	int len;
	long err;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	name = getname(upath);
	if (IS_ERR(name))
		return PTR_ERR(name);
	dir = start_dir((int)dirfd);
	err = IS_ERR(dir) ? PTR_ERR(dir) : 0;
	if (!err) {
		parent = path_lookup_parent(root_dentry, dir, name, &last, &len);
		err = IS_ERR(parent) ? PTR_ERR(parent)
				     : vfs_unlink(parent, last, len, flags & AT_REMOVEDIR);
		if (!IS_ERR(parent))
			dput(parent);
		dput(dir);
	}
	kfree(name);
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
