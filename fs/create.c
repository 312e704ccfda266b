/* fs/create.c: making names: mknod/mknodat (regular files, FIFOs, sockets
 * and device nodes), mkdir/mkdirat and symlink/symlinkat, with Linux's
 * errors in Linux's order: the path first (EFAULT, ENAMETOOLONG, ENOENT,
 * ENOTDIR, ELOOP), then the name (EEXIST: it exists, even as a dangling
 * symlink, or is "/", "." or ".."; ENOENT: "missing/" for anything but a
 * directory, or the directory was removed), then write and search
 * permission on the directory (EACCES), then the call's own rules (a
 * device node needs root: EPERM).
 * The caller's umask is taken from the permission bits of nodes and
 * directories (a symlink's mode is always 0777). The new inode belongs to
 * the caller (a setgid directory passes its group on: fs/inode.c). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <fs_struct.h>
#include <capability.h>
#include <syscall.h>

/* Which types mknod makes: 0 means a regular file; a directory is mkdir's
 * (EPERM); anything else is EINVAL. */
static int may_mknod(umode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: case S_IFCHR: case S_IFBLK: case S_IFIFO: case S_IFSOCK: case 0:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

static long do_mknodat(int dfd, const char *upath, umode_t mode, dev_t dev)
{
	struct path_parent pp;
	struct dentry *d;
	int err = may_mknod(mode);

	if (err)
		return err;
	if (!(mode & S_IFMT))
		mode |= S_IFREG;
	err = user_path_create(dfd, upath, &pp, false);
	if (err)
		return err;
	mode = (mode & S_IFMT) | (mode & S_IALLUGO & ~current_umask());
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !capable(CAP_MKNOD)) {
		err = -EPERM;
	} else {
		d = ramfs_create(pp.dir, pp.last, pp.len, mode,
				 S_ISCHR(mode) || S_ISBLK(mode) ? dev : 0);
		err = IS_ERR(d) ? PTR_ERR(d) : 0;
	}
	path_parent_release(&pp);
	return err;
}

/* mknodat(dirfd, path, mode, dev): dev in Linux's 32-bit encoding; the
 * mode is a umode_t (16 bits), as in Linux, here and in mkdir. */
long sys_mknodat(u32 dfd, u32 upath, u32 mode, u32 dev, u32 e, u32 f)
{
	return do_mknodat((int)dfd, (const char *)upath, (u16)mode, new_decode_dev(dev));
}

long sys_mknod(u32 upath, u32 mode, u32 dev, u32 d, u32 e, u32 f)
{
	return do_mknodat(AT_FDCWD, (const char *)upath, (u16)mode, new_decode_dev(dev));
}

/* mkdirat(dirfd, path, mode): the mode's permission and sticky bits, less
 * the umask (Linux drops setuid and setgid: only a setgid parent gives
 * the latter). */
long sys_mkdirat(u32 dfd, u32 upath, u32 mode, u32 d, u32 e, u32 f)
{
	struct path_parent pp;
	struct dentry *dir;
	int err = user_path_create((int)dfd, (const char *)upath, &pp, true);

	if (err)
		return err;
	mode = (u16)mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX) & ~current_umask();
	dir = ramfs_create(pp.dir, pp.last, pp.len, S_IFDIR | mode, 0);
	path_parent_release(&pp);
	return IS_ERR(dir) ? PTR_ERR(dir) : 0;
}

long sys_mkdir(u32 upath, u32 mode, u32 c, u32 d, u32 e, u32 f)
{
	return sys_mkdirat((u32)AT_FDCWD, upath, mode, 0, 0, 0);
}

/* symlinkat(target, dirfd, linkpath): the target is stored as given (it
 * need not exist); "" is ENOENT. */
long sys_symlinkat(u32 utarget, u32 dfd, u32 upath, u32 d, u32 e, u32 f)
{
	char *target = getname((const char *)utarget);
	struct path_parent pp;
	struct dentry *link;
	int err;

	if (IS_ERR(target))
		return PTR_ERR(target);
	err = user_path_create((int)dfd, (const char *)upath, &pp, false);
	if (!err) {
		link = ramfs_symlink(pp.dir, pp.last, pp.len, target, strlen(target));
		err = IS_ERR(link) ? PTR_ERR(link) : 0;
		path_parent_release(&pp);
	}
	putname(target);
	return err;
}

long sys_symlink(u32 utarget, u32 upath, u32 c, u32 d, u32 e, u32 f)
{
	return sys_symlinkat(utarget, (u32)AT_FDCWD, upath, 0, 0, 0);
}
