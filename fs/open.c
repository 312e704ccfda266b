/* fs/open.c: open files. filp_open resolves a path (creating or truncating
 * the file when asked), checks the access mode against the file's type, and
 * returns a struct file whose f_op comes from the inode (or, for a device
 * node, from the driver registered for its major number). vfs_read and
 * vfs_write check the access mode and call f_op with an iov_iter over a
 * user buffer; kernel_read and kernel_write do the same over a kernel one.
 * Permission bits are not checked: tasks have uids (kernel/sys_cred.c), but
 * every file call answers them as it would root (access() says the same). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mount.h>
#include <slab.h>

unsigned long nr_files;

static struct {
	const char *name;
	const struct file_operations *fops;
} chrdevs[MAX_CHRDEV];

int register_chrdev(unsigned int major, const char *name, const struct file_operations *fops)
{
	if (major == 0 || major >= MAX_CHRDEV || !fops)
		return -EINVAL;
	if (chrdevs[major].fops)
		return -EBUSY;
	chrdevs[major].name = name;
	chrdevs[major].fops = fops;
	return 0;
}

void unregister_chrdev(unsigned int major)
{
	if (major < MAX_CHRDEV)
		chrdevs[major].fops = NULL;
}

static const struct file_operations *fops_of(const struct inode *inode)
{
	if (S_ISCHR(inode->i_mode))
		return MAJOR(inode->i_rdev) < MAX_CHRDEV ? chrdevs[MAJOR(inode->i_rdev)].fops : NULL;
	return inode->i_fop;
}

/* Can an inode of this type be opened with these flags? 0 or -errno. */
static int may_open(const struct inode *inode, unsigned int flags)
{
	unsigned int acc = flags & O_ACCMODE;

	if (acc == 3)
		return -EINVAL;
	if (S_ISLNK(inode->i_mode))
		return -ELOOP;                  /* O_NOFOLLOW met a link */
	if (S_ISDIR(inode->i_mode) && acc != O_RDONLY)
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (!fops_of(inode))
		return -ENXIO;                  /* a device with no driver */
	return 0;
}

/* What the mount holding d forbids: writing (MS_RDONLY), devices
 * (MS_NODEV). */
static int mount_allows(struct dentry *d, unsigned int flags)
{
	if (S_ISCHR(d->d_inode->i_mode) && d_nodev(d))
		return -EACCES;
	if ((flags & O_ACCMODE) != O_RDONLY && !S_ISCHR(d->d_inode->i_mode) && d_readonly(d))
		return -EROFS;
	return 0;
}

struct file *dentry_open(struct dentry *d, unsigned int flags)
{
	struct inode *inode = d->d_inode;
	int err = may_open(inode, flags);
	struct file *f;

	if (!err)
		err = mount_allows(d, flags);
	if (err)
		return ERR_PTR(err);
	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return ERR_PTR(-ENOMEM);
	f->f_dentry = dget(d);
	f->f_inode = inode;
	f->f_op = fops_of(inode);
	f->f_flags = flags;
	f->f_count = 1;
	nr_files++;
	if (f->f_op->open && (err = f->f_op->open(inode, f))) {
		dput(f->f_dentry);          /* no release: it never opened */
		kfree(f);
		nr_files--;
		return ERR_PTR(err);
	}
	return f;
}

struct file *get_file(struct file *f)
{
	f->f_count++;
	return f;
}

void fput(struct file *f)
{
	if (--f->f_count > 0)
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	dput(f->f_dentry);
	kfree(f);
	nr_files--;
}

/* The dentry for an open with O_CREAT: the existing one (unless O_EXCL) or
 * a new regular file. Returned with a reference. */
static struct dentry *lookup_create(struct dentry *root, struct dentry *cwd, const char *path,
				    unsigned int flags, umode_t mode)
{
	const char *last;
	int len;
	struct dentry *dir = path_lookup_parent(root, cwd, path, &last, &len);
	struct dentry *d;

	if (IS_ERR(dir))
		return dir;
	d = len ? lookup_child(dir, last, len) : dget(dir);    /* procfs's too */
	if (!IS_ERR(d))
		dput(d);                /* only: is it there? */
	if (!IS_ERR(d) && (flags & O_EXCL)) {
		d = ERR_PTR(-EEXIST);
	} else if (!IS_ERR(d)) {
		dput(dir);              /* an existing file: the usual lookup */
		return path_lookup(root, cwd, path,
				   (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	} else if (PTR_ERR(d) == -ENOENT) {
		d = ramfs_create(dir, last, len, S_IFREG | (mode & 07777), 0);
		if (!IS_ERR(d))
			dget(d);
	}
	dput(dir);
	return d;
}

struct file *filp_open(struct dentry *root, struct dentry *cwd, const char *path,
		       unsigned int flags, umode_t mode)
{
	struct dentry *d;
	struct file *f;

	if ((flags & O_CREAT) && path[0] && path[strlen(path) - 1] == '/')
		d = ERR_PTR(-EISDIR);           /* open("dir/", O_CREAT), as Linux */
	else if (flags & O_CREAT)
		d = lookup_create(root, cwd, path, flags, mode);
	else
		d = path_lookup(root, cwd, path, (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW);
	if (IS_ERR(d))
		return ERR_PTR(PTR_ERR(d));
	f = dentry_open(d, flags);
	if (!IS_ERR(f) && (flags & O_TRUNC) && (flags & O_ACCMODE) != O_RDONLY &&
	    S_ISREG(d->d_inode->i_mode))
		ramfs_truncate(d->d_inode, 0);
	dput(d);
	return f;
}

static ssize_t do_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	if ((f->f_flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (S_ISDIR(f->f_inode->i_mode))
		return -EISDIR;
	if (!f->f_op->read_iter)
		return -EINVAL;
	if (*pos < 0)
		return -EINVAL;
	return f->f_op->read_iter(f, to, pos);
}

static ssize_t do_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	if ((f->f_flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!f->f_op->write_iter)
		return -EINVAL;
	if (f->f_flags & O_APPEND)
		*pos = f->f_inode->i_size;
	if (*pos < 0)
		return -EINVAL;
	return f->f_op->write_iter(f, from, pos);
}

ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	struct iov_iter i;

	iov_iter_kernel(&i, buf, n);
	return do_read(f, &i, pos);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct iov_iter i;

	iov_iter_kernel(&i, (void *)buf, n);
	return do_write(f, &i, pos);
}

ssize_t vfs_read(struct file *f, void *ubuf, size_t n, loff_t *pos)
{
	struct iov_iter i;

	iov_iter_user(&i, ubuf, n);
	return do_read(f, &i, pos);
}

ssize_t vfs_write(struct file *f, const void *ubuf, size_t n, loff_t *pos)
{
	struct iov_iter i;

	iov_iter_user(&i, (void *)ubuf, n);
	return do_write(f, &i, pos);
}

loff_t vfs_llseek(struct file *f, loff_t offset, int whence)
{
	loff_t pos;

	switch (whence) {
	case SEEK_SET: pos = offset; break;
	case SEEK_CUR: pos = f->f_pos + offset; break;
	case SEEK_END: pos = f->f_inode->i_size + offset; break;
	default: return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (!f->f_op->unlocked_ioctl)
		return -ENOTTY;
	return f->f_op->unlocked_ioctl(f, cmd, arg);
}

__poll_t vfs_poll(struct file *f, poll_table *pt)
{
	if (!f->f_op || !f->f_op->poll)
		return DEFAULT_POLLMASK;
	return f->f_op->poll(f, pt);
}

int vfs_readdir(struct file *f, filldir_t filldir, void *ctx)
{
	if (!S_ISDIR(f->f_inode->i_mode) || !f->f_op->readdir)
		return -ENOTDIR;
	return f->f_op->readdir(f, filldir, ctx);
}
