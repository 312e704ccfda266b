/* fs/init.c: mkdir and mknod for the kernel's own use at boot (Linux's
 * fs/init.c), on the root filesystem, before any process exists: /dev and
 * its nodes are made so. No umask, and the caller (the kernel) owns what
 * they make. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>

/* Make the last component of path in its parent directory. */
static int init_create(const char *path, umode_t mode, dev_t dev)
{
	const char *last;
	int len;
	struct dentry *dir = path_lookup_parent(root_dentry, root_dentry, path, &last, &len);
	struct dentry *d;

	if (IS_ERR(dir))
		return PTR_ERR(dir);
	d = ramfs_create(dir, last, len, mode, dev);
	dput(dir);
	return IS_ERR(d) ? PTR_ERR(d) : 0;
}

int init_mkdir(const char *path, umode_t mode)
{
	return init_create(path, S_IFDIR | (mode & S_IALLUGO), 0);
}

int init_mknod(const char *path, umode_t mode, dev_t dev)
{
	if (!S_ISCHR(mode) && !S_ISBLK(mode) && !S_ISFIFO(mode))
		return -EINVAL;
	return init_create(path, mode, dev);
}
