/* fs/open.c: open files. filp_open resolves a path (creating the file, or
 * an unnamed one for O_TMPFILE, or truncating it when asked), checks the
 * open flags against the file's type and the caller's permission, and
 * returns a struct file whose f_op comes from the inode: a ramfs file or
 * directory, a FIFO (fs/pipe.c), or a device node's driver
 * (fs/char_dev.c). f_mode says what the file may do: read and write from
 * the access mode (Linux's (flags + 1) & 3, so mode 3 opens for ioctl
 * only), seeking and positioned I/O unless it is a pipe.
 *
 * Permission is checked once, at open, as Linux does: read and/or write
 * as the access mode asks (mode 3 asks both), write for O_TRUNC; a file
 * the open creates is not checked (open(O_CREAT | O_RDWR, 0444) works),
 * its directory is (write and search). What the struct file may do then
 * holds whatever happens to the mode or the caller's ids later.
 * Also here: open, openat, creat, close, and access/faccessat/faccessat2. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <fs_struct.h>
#include <mount.h>
#include <slab.h>
#include <syscall.h>
#include <sched.h>

unsigned long nr_files;

static const struct file_operations *fops_of(const struct inode *inode)
{
	if (S_ISCHR(inode->i_mode))
		return chrdev_fops(inode->i_rdev);
	if (S_ISFIFO(inode->i_mode))
		return &pipefifo_fops;
	return inode->i_fop;            /* NULL for sockets and block devices */
}

/* The permission an open with these flags asks of an existing file
 * (Linux's ACC_MODE, and O_TRUNC writes). */
static int open_acc_mode(unsigned int flags)
{
	static const int acc[4] = { MAY_READ, MAY_WRITE, MAY_READ | MAY_WRITE, MAY_READ | MAY_WRITE };

	return acc[flags & O_ACCMODE] | (flags & O_TRUNC ? MAY_WRITE : 0);
}

/* What the mount holding d forbids: writing (MS_RDONLY), devices
 * (MS_NODEV), executing (MS_NOEXEC, when acc_mode asks it). */
static int mount_allows(struct dentry *d, unsigned int flags, int acc_mode)
{
	if (S_ISCHR(d->d_inode->i_mode) && d_nodev(d))
		return -EACCES;
	if ((acc_mode & MAY_EXEC) && d_noexec(d))
		return -EACCES;
	if ((flags & O_ACCMODE) != O_RDONLY && !S_ISCHR(d->d_inode->i_mode) && d_readonly(d))
		return -EROFS;
	return 0;
}

/* Can d's inode be opened with these flags, asking acc_mode (0: no
 * permission check)? Linux's may_open: the type's rules first (a
 * directory is not written, only a regular file is executed), then the
 * mount's (EROFS comes before EACCES), then the permission, then whether
 * a driver is there. 0 or -errno. */
static int may_open(struct dentry *d, unsigned int flags, int acc_mode)
{
	const struct inode *inode = d->d_inode;
	int err;

	if (S_ISLNK(inode->i_mode))
		return -ELOOP;                  /* O_NOFOLLOW met a link */
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISDIR(inode->i_mode) && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC)))
		return -EISDIR;
	if ((acc_mode & MAY_EXEC) && !S_ISREG(inode->i_mode))
		return -EACCES;
	if ((err = mount_allows(d, flags, acc_mode)))
		return err;
	if (acc_mode && (err = inode_permission(inode, acc_mode)))
		return err;
	if (!fops_of(inode))
		return -ENXIO;                  /* a device with no driver, a socket */
	return 0;
}

struct file *alloc_file(struct dentry *d, unsigned int flags, const struct file_operations *fop)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->f_dentry = dget(d);
	f->f_inode = d->d_inode;
	f->f_op = fop;
	f->f_flags = flags & ~(O_CREAT | O_EXCL | O_TRUNC);
	f->f_mode = ((flags + 1) & O_ACCMODE) | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE;
	if (d->d_inode && (S_ISREG(d->d_inode->i_mode) || S_ISDIR(d->d_inode->i_mode)))
		f->f_mode |= FMODE_ATOMIC_POS;     /* as Linux: not pipes, ttys, devices */
	__mutex_init(&f->f_pos_lock, "file->f_pos_lock");
	f->f_count = 1;
	__atomic_add_fetch(&nr_files, 1, __ATOMIC_RELAXED);
	return f;
}

/* Undo alloc_file for a file whose open failed (no release). */
static void free_file(struct file *f)
{
	dput(f->f_dentry);
	kfree(f);
	__atomic_sub_fetch(&nr_files, 1, __ATOMIC_RELAXED);
}

/* Open d, asking acc_mode of it (0: none, the kernel's own opens). */
static struct file *do_dentry_open(struct dentry *d, unsigned int flags, int acc_mode)
{
	struct inode *inode = d->d_inode;
	int err = may_open(d, flags, acc_mode);
	struct file *f;

	if (err)
		return ERR_PTR(err);
	f = alloc_file(d, flags, fops_of(inode));
	if (!f)
		return ERR_PTR(-ENOMEM);
	if (f->f_op->open && (err = f->f_op->open(inode, f))) {
		free_file(f);
		return ERR_PTR(err);
	}
	f->f_flags &= ~O_NOCTTY;        /* for the open method (a tty) only, as Linux */
	return f;
}

struct file *dentry_open(struct dentry *d, unsigned int flags)
{
	return do_dentry_open(d, flags, 0);
}

void __fput(struct file *f)
{
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	free_file(f);
}

/* What an O_CREAT open finds at `last` in dir (a tree child, a procfs
 * entry, or the root mounted there): a new regular file (if the mount is
 * writable, -EROFS, and the caller may write and search dir, -EACCES;
 * *created set), the existing file (-EEXIST under O_EXCL; -EISDIR for a
 * directory, "." or "/"), each with a reference; or NULL with *link set
 * (referenced) for a symlink to follow. */
static struct dentry *create_or_open(struct dentry *dir, const char *last, int len,
				     const struct open_flags *op, bool *created, struct dentry **link)
{
	struct dentry *d = path_last_type(last, len) == LAST_NORM ? lookup_child(dir, last, len)
								  : dget(dir);
	unsigned int flags = op->open_flag;

	if (d == ERR_PTR(-ENOENT)) {
		int err = d_readonly(dir) ? -EROFS : inode_permission(dir->d_inode, MAY_WRITE | MAY_EXEC);

		if (err)
			return ERR_PTR(err);
		d = ramfs_create_get(dir, last, len, S_IFREG | (op->mode & S_IALLUGO), 0);
		*created = !IS_ERR(d);
		return d;                /* ours, as well as the tree's */
	}
	if (IS_ERR(d))
		return d;
	if (!(flags & O_EXCL) && d != dir && S_ISLNK(d->d_inode->i_mode) && !(flags & O_NOFOLLOW)) {
		*link = d;
		return NULL;
	}
	if ((flags & O_EXCL) || S_ISDIR(d->d_inode->i_mode)) {
		int err = flags & O_EXCL ? -EEXIST : -EISDIR;

		dput(d);
		return ERR_PTR(err);
	}
	return d;
}

/* The dentry for an open with O_CREAT, with a reference (or ERR_PTR). A
 * symlink in the last component is followed (unless O_NOFOLLOW: the open
 * then fails with ELOOP), and what a dangling one names is created, as in
 * Linux; past MAXSYMLINKS links, -ELOOP. */
static struct dentry *lookup_create(struct dentry *root, struct dentry *cwd, const char *path,
				    const struct open_flags *op, bool *created)
{
	struct dentry *start = dget(cwd), *link = NULL, *next = NULL, *dir, *d;
	const char *last;
	int len, links = 0;

	for (;;) {
		dir = path_lookup_parent(root, start, path, &last, &len);
		dput(start);
		d = IS_ERR(dir) ? dir : create_or_open(dir, last, len, op, created, &next);
		dput(link);             /* path and last were in its target */
		link = next;
		next = NULL;
		if (!d && ++links > MAXSYMLINKS)
			d = ERR_PTR(-ELOOP);
		if (!d && IS_ERR(path = d_link(link)))
			d = (struct dentry *)path;      /* procfs: not the caller's to read */
		if (d)
			break;
		start = dir;            /* follow: the link's target, from its directory */
	}
	if (!IS_ERR(dir))
		dput(dir);
	dput(link);
	return d;
}

/* O_TMPFILE: an unnamed file in the directory path names, which the
 * caller must be able to write and search (-EACCES). It must be opened
 * for writing and without O_CREAT (-EINVAL); without O_EXCL,
 * linkat(AT_EMPTY_PATH) may name it later. */
static struct file *open_tmpfile(struct dentry *root, struct dentry *cwd, const char *path,
				 unsigned int flags, umode_t mode)
{
	struct dentry *dir, *d;
	struct file *f;
	int err;

	if ((flags & O_CREAT) || !(flags & O_DIRECTORY) || (flags & O_ACCMODE) == O_RDONLY)
		return ERR_PTR(-EINVAL);
	dir = path_lookup(root, cwd, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY);
	if (IS_ERR(dir))
		return ERR_PTR(PTR_ERR(dir));
	err = inode_permission(dir->d_inode, MAY_WRITE | MAY_EXEC);
	d = err ? ERR_PTR(err) : ramfs_tmpfile(dir, mode & S_IALLUGO);
	dput(dir);
	if (IS_ERR(d))
		return ERR_PTR(PTR_ERR(d));
	if (!(flags & O_EXCL))
		d->d_inode->i_state |= I_LINKABLE;
	f = dentry_open(d, flags & ~(O_DIRECTORY | __O_TMPFILE));
	dput(d);
	return f;
}

/* O_TRUNC of a regular file, once it is open: Linux truncates even for
 * O_RDONLY (write permission was asked), sets the mtime and ctime, and
 * takes setuid bits off as any truncate does. */
static int handle_truncate(struct file *f, unsigned int flags)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE | ATTR_MTIME | ATTR_CTIME, .ia_size = 0 };
	int err;

	if (!(flags & O_TRUNC) || !S_ISREG(f->f_inode->i_mode))
		return 0;
	if ((err = dentry_remove_privs(f->f_dentry)))
		return err;
	return notify_change(f->f_dentry, &attr);
}

struct file *do_filp_open(struct dentry *root, struct dentry *cwd, const char *path,
			  const struct open_flags *op)
{
	unsigned int flags = op->open_flag;
	bool created = false;
	struct dentry *d;
	struct file *f;
	int err;

	if (flags & __O_TMPFILE)
		return open_tmpfile(root, cwd, path, flags, op->mode);
	if ((flags & O_CREAT) && path[0] && path[strlen(path) - 1] == '/')
		d = ERR_PTR(-EISDIR);           /* open("dir/", O_CREAT), as Linux */
	else if (flags & O_CREAT)
		d = lookup_create(root, cwd, path, op, &created);
	else
		d = path_lookup(root, cwd, path, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (IS_ERR(d))
		return ERR_PTR(PTR_ERR(d));
	f = do_dentry_open(d, flags, created ? 0 : op->acc_mode);
	dput(d);
	if (!IS_ERR(f) && (err = handle_truncate(f, flags))) {
		fput(f);
		f = ERR_PTR(err);
	}
	return f;
}

struct file *filp_open(struct dentry *root, struct dentry *cwd, const char *path,
		       unsigned int flags, umode_t mode)
{
	struct open_flags op = { flags, mode, open_acc_mode(flags) };

	return do_filp_open(root, cwd, path, &op);
}

/* openat(dirfd, path, flags, mode): the lowest free fd, reserved before
 * the lookup (EMFILE first, as Linux) and filled after the open, which may
 * sleep (a FIFO's) while a thread sharing the table opens too; mode less
 * the umask for a new file; O_CLOEXEC marks the fd. */
long sys_openat(u32 dfd, u32 upath, u32 flags, u32 mode, u32 e, u32 f)
{
	char *name = getname((const char *)upath);
	struct dentry *dir, *root;
	struct file *file = NULL;
	int fd;

	if (IS_ERR(name))
		return PTR_ERR(name);
	fd = get_unused_fd(0);
	dir = path_start((int)dfd, name);
	root = current_root();
	if (fd >= 0 && !IS_ERR(dir))
		file = filp_open(root, dir, name, flags, (u16)mode & ~current_umask());
	if (fd >= 0 && (IS_ERR(dir) || IS_ERR(file))) {
		put_unused_fd(fd);
		fd = IS_ERR(dir) ? PTR_ERR(dir) : PTR_ERR(file);
	} else if (fd >= 0) {
		fd_install(fd, file, flags & O_CLOEXEC);
	}
	if (!IS_ERR(dir))
		dput(dir);
	dput(root);
	putname(name);
	return fd;
}

long sys_open(u32 upath, u32 flags, u32 mode, u32 d, u32 e, u32 f)
{
	return sys_openat((u32)AT_FDCWD, upath, flags, mode, 0, 0);
}

/* creat(path, mode): open(path, O_CREAT | O_WRONLY | O_TRUNC, mode). */
long sys_creat(u32 upath, u32 mode, u32 c, u32 d, u32 e, u32 f)
{
	return sys_openat((u32)AT_FDCWD, upath, O_CREAT | O_WRONLY | O_TRUNC, mode, 0, 0);
}

long sys_close(u32 fd, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return close_fd((int)fd);
}

/* faccessat2(dirfd, path, mode, flags): mode F_OK or R_OK|W_OK|X_OK (the
 * MAY_* bits), flags AT_EACCESS, AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH;
 * anything else is EINVAL. Then the lookup and inode_permission, as an
 * open or exec would check, but with the caller's real ids unless
 * AT_EACCESS: for the call, the filesystem ids are the real uid and gid
 * (Linux's access_override_creds), so that a setuid program asks what its
 * user may do, and root's powers are the real uid's. The path walk's
 * search checks use them too. */
long sys_faccessat2(u32 dfd, u32 upath, u32 mode, u32 flags, u32 e, u32 f)
{
	unsigned int fsuid = current->fsuid, fsgid = current->fsgid;
	struct dentry *d;
	long err;

	if (mode & ~7u)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS)) {
		current->fsuid = current->uid;
		current->fsgid = current->gid;
	}
	d = user_path_at((int)dfd, (const char *)upath, at_lookup_flags(flags));
	err = IS_ERR(d) ? PTR_ERR(d) : inode_permission(d->d_inode, mode);
	if (!IS_ERR(d))
		dput(d);
	current->fsuid = fsuid;
	current->fsgid = fsgid;
	return err;
}

/* faccessat(dirfd, path, mode): Linux's has no flags argument. */
long sys_faccessat(u32 dfd, u32 upath, u32 mode, u32 d, u32 e, u32 f)
{
	return sys_faccessat2(dfd, upath, mode, 0, 0, 0);
}

long sys_access(u32 upath, u32 mode, u32 c, u32 d, u32 e, u32 f)
{
	return sys_faccessat2((u32)AT_FDCWD, upath, mode, 0, 0, 0);
}
