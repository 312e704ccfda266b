/* fs/anon_inodes.c: files that are not in any directory and are not pipes:
 * a pidfd today (kernel/pidfd.c), an eventfd or a timerfd later. Linux
 * hangs them all on one inode of its anon_inodefs; here each file gets an
 * inode of its own from the ramfs, linked nowhere (ramfs_new_unlinked), of
 * mode 0600 and no file type, which is what fstat shows of Linux's anon
 * inode, and its dentry is named "anon_inode:[name]", what Linux shows in
 * /proc/<pid>/fd. The owner's object rides in f->private_data; the inode
 * and dentry go with the file's last fput. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>

/* Contract: a new file of fops on an anonymous inode, private_data priv,
 * f_flags O_RDWR plus flags' O_NONBLOCK (Linux keeps only those two, so
 * F_GETFL shows them). One reference, for the caller; or ERR_PTR(-ENOMEM),
 * priv untouched. Process context. */
struct file *anon_inode_getfile(const char *name, const struct file_operations *fops,
				void *priv, unsigned int flags)
{
	char dname[32];
	struct dentry *d;
	struct file *f;

	snprintf(dname, sizeof(dname), "anon_inode:%s", name);
	d = ramfs_new_unlinked(dname, S_IRUSR | S_IWUSR);
	if (!d)
		return ERR_PTR(-ENOMEM);
	d->d_inode->i_fop = fops;
	f = dentry_open(d, O_RDWR | (flags & O_NONBLOCK));
	dput(d);                         /* the file holds its own reference */
	if (!IS_ERR(f))
		f->private_data = priv;
	return f;
}

/* The same, installed at the lowest free fd with close-on-exec when flags
 * has O_CLOEXEC: the fd, -EMFILE or -ENOMEM. */
int anon_inode_getfd(const char *name, const struct file_operations *fops,
		     void *priv, unsigned int flags)
{
	int fd = get_unused_fd(0);
	struct file *f;

	if (fd < 0)
		return fd;
	f = anon_inode_getfile(name, fops, priv, flags);
	if (IS_ERR(f)) {
		put_unused_fd(fd);
		return PTR_ERR(f);
	}
	fd_install(fd, f, flags & O_CLOEXEC);
	return fd;
}
