/* tests/fs_helpers.c: building and reading ramfs files in the self-tests,
 * plus the filesystem's leak counter (inodes, dentries and open files
 * alive), which ktest checks around every suite. */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include "fs_helpers.h"

struct dentry *ktest_make_file(struct dentry *dir, const char *name, const void *data, size_t n)
{
	struct dentry *d = ramfs_create(dir, name, strlen(name), S_IFREG | 0644, 0);
	struct file *f;
	loff_t pos = 0;
	ssize_t w;

	if (IS_ERR(d))
		return NULL;
	f = dentry_open(d, O_WRONLY);
	if (IS_ERR(f))
		return NULL;
	w = kernel_write(f, data, n, &pos);
	fput(f);
	return w == (ssize_t)n ? d : NULL;
}

ssize_t ktest_read_file(struct dentry *root, const char *path, void *buf, size_t size)
{
	struct file *f = filp_open(root, root, path, O_RDONLY, 0);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, size, &pos);
	fput(f);
	return n;
}

static unsigned long ktest_vfs_objects(void)
{
	return nr_inodes + nr_dentries + nr_files;
}
KTEST_COUNTER("vfs_objects", ktest_vfs_objects);
