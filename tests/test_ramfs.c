/* tests/test_ramfs.c: the ramfs and the VFS calls over it, each case on a
 * fresh tree of its own (killed at the end, so the vfs_objects, slab and
 * free-page counters must come back): path lookup and its errors, symlinks
 * and ELOOP, reading and writing across pages with exact page accounting,
 * truncation, open modes and their errors, readdir, device nodes, and user
 * buffers through vfs_read. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include "fs_helpers.h"

/* root: /a/b/file ("data"), /a/link -> b/file, /abs -> /a/b, /dangling -> nowhere */
static struct dentry *sample_tree(void)
{
	struct dentry *root = ramfs_new_root(), *a, *b;

	if (!root)
		return NULL;
	a = ramfs_create(root, "a", 1, S_IFDIR | 0755, 0);
	b = IS_ERR(a) ? a : ramfs_create(a, "b", 1, S_IFDIR | 0755, 0);
	if (IS_ERR(b) || !ktest_make_file(b, "file", "data", 4) ||
	    IS_ERR(ramfs_symlink(a, "link", 4, "b/file", 6)) ||
	    IS_ERR(ramfs_symlink(root, "abs", 3, "/a/b", 4)) ||
	    IS_ERR(ramfs_symlink(root, "dangling", 8, "nowhere", 7))) {
		ramfs_kill_tree(root);
		return NULL;
	}
	return root;
}

/* path_lookup's error code, or 0 if it found something (dropped again). */
static long lookup_err(struct dentry *root, struct dentry *cwd, const char *path, unsigned int flags)
{
	struct dentry *d = path_lookup(root, cwd, path, flags);

	if (IS_ERR(d))
		return PTR_ERR(d);
	dput(d);
	return 0;
}

static void ramfs_lookup_paths(struct ktest *t)
{
	struct dentry *root = sample_tree(), *a, *d;

	KTEST_ASSERT_NOT_NULL(t, root);
	a = path_lookup(root, root, "/a", 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(a));
	d = path_lookup(root, a, "b/file", 0);              /* relative to a */
	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	KTEST_EXPECT_STREQ(t, d->d_name, "file");
	KTEST_EXPECT_EQ(t, d->d_inode->i_size, 4);
	dput(d);
	d = path_lookup(root, a, "./b/../b/./file", 0);
	KTEST_EXPECT_STREQ(t, IS_ERR(d) ? "error" : d->d_name, "file");
	if (!IS_ERR(d))
		dput(d);
	d = path_lookup(root, a, "../../../..", 0);        /* ".." stops at the root */
	KTEST_EXPECT_PTR_EQ(t, d, root);
	if (!IS_ERR(d))
		dput(d);
	d = path_lookup(root, root, "//a///b//", 0);
	KTEST_EXPECT_STREQ(t, IS_ERR(d) ? "error" : d->d_name, "b");
	if (!IS_ERR(d))
		dput(d);
	dput(a);
	ramfs_kill_tree(root);
}

static void ramfs_lookup_errors(struct ktest *t)
{
	struct dentry *root = sample_tree();
	char *longname = kmalloc(PATH_MAX + 1, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, root);
	KTEST_ASSERT_NOT_NULL(t, longname);
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "/a/missing", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "", 0), -ENOENT);
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "/a/b/file/x", 0), -ENOTDIR);
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "/a/b/file/", 0), -ENOTDIR);
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "/a/b/file", LOOKUP_DIRECTORY), -ENOTDIR);
	memset(longname, 'n', NAME_MAX + 1);
	longname[NAME_MAX + 1] = '\0';
	KTEST_EXPECT_EQ(t, lookup_err(root, root, longname, 0), -ENAMETOOLONG);
	longname[NAME_MAX] = '\0';                          /* 255 bytes: fine, absent */
	KTEST_EXPECT_EQ(t, lookup_err(root, root, longname, 0), -ENOENT);
	for (int i = 0; i < PATH_MAX; i += 2)
		memcpy(longname + i, "./", 2);
	longname[PATH_MAX] = '\0';
	KTEST_EXPECT_EQ(t, lookup_err(root, root, longname, 0), -ENAMETOOLONG);
	longname[PATH_MAX - 2] = '\0';                      /* 4094 bytes: "/././...": ok */
	KTEST_EXPECT_EQ(t, lookup_err(root, root, longname, 0), 0);
	KTEST_EXPECT_EQ(t, PTR_ERR(ramfs_create(root, "a", 1, S_IFDIR | 0755, 0)), -EEXIST);
	KTEST_EXPECT_EQ(t, PTR_ERR(ramfs_create(root, "..", 2, S_IFREG | 0644, 0)), -EEXIST);
	KTEST_EXPECT_EQ(t, PTR_ERR(ramfs_create(root, "x/y", 3, S_IFREG | 0644, 0)), -EINVAL);
	kfree(longname);
	ramfs_kill_tree(root);
}

static void ramfs_symlinks(struct ktest *t)
{
	struct dentry *root = sample_tree(), *d, *file;
	char name[8];

	KTEST_ASSERT_NOT_NULL(t, root);
	file = path_lookup(root, root, "/a/b/file", 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(file));
	d = path_lookup(root, root, "/a/link", LOOKUP_FOLLOW);     /* relative target */
	KTEST_EXPECT_PTR_EQ(t, d, file);
	if (!IS_ERR(d))
		dput(d);
	d = path_lookup(root, root, "/a/link", 0);                 /* the link itself */
	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	KTEST_EXPECT_TRUE(t, S_ISLNK(d->d_inode->i_mode));
	KTEST_EXPECT_STREQ(t, d->d_inode->i_link, "b/file");
	dput(d);
	d = path_lookup(root, root, "abs/file", 0);                /* absolute, mid-path */
	KTEST_EXPECT_PTR_EQ(t, d, file);
	if (!IS_ERR(d))
		dput(d);
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "/dangling", LOOKUP_FOLLOW), -ENOENT);
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "/dangling", 0), 0);
	/* a chain of MAXSYMLINKS links resolves; one more is ELOOP */
	for (int i = 1; i <= MAXSYMLINKS + 1; i++) {
		char target[8];
		snprintf(name, sizeof(name), "c%d", i);
		snprintf(target, sizeof(target), "c%d", i - 1);
		KTEST_ASSERT_FALSE(t, IS_ERR(ramfs_symlink(root, name, strlen(name),
							   i == 1 ? "a/b/file" : target,
							   i == 1 ? 8 : strlen(target))));
	}
	snprintf(name, sizeof(name), "c%d", MAXSYMLINKS);
	d = path_lookup(root, root, name, LOOKUP_FOLLOW);
	KTEST_EXPECT_PTR_EQ(t, d, file);
	if (!IS_ERR(d))
		dput(d);
	snprintf(name, sizeof(name), "c%d", MAXSYMLINKS + 1);
	KTEST_EXPECT_EQ(t, lookup_err(root, root, name, LOOKUP_FOLLOW), -ELOOP);
	/* links whose targets have links mid-path nest, at most 8 deep:
	 * nK -> "n(K-1)/." with n0 -> "a/." */
	for (int i = 0; i <= 9; i++) {
		char target[8];
		snprintf(name, sizeof(name), "n%d", i);
		snprintf(target, sizeof(target), i ? "n%d/." : "a/.", i - 1);
		KTEST_ASSERT_FALSE(t, IS_ERR(ramfs_symlink(root, name, strlen(name),
							   target, strlen(target))));
	}
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "n7/b", 0), 0);     /* 8 deep */
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "n8/b", 0), -ELOOP);
	KTEST_ASSERT_FALSE(t, IS_ERR(ramfs_symlink(root, "loop1", 5, "loop2", 5)));
	KTEST_ASSERT_FALSE(t, IS_ERR(ramfs_symlink(root, "loop2", 5, "/loop1", 6)));
	KTEST_EXPECT_EQ(t, lookup_err(root, root, "loop1/x", 0), -ELOOP);
	dput(file);
	ramfs_kill_tree(root);
}

/* Writing allocates exactly the pages it touches; reading spans pages. */
static void ramfs_read_write_pages(struct ktest *t)
{
	struct dentry *root = ramfs_new_root();
	char *buf = kmalloc(3 * PAGE_SIZE, GFP_KERNEL), *back = kzalloc(3 * PAGE_SIZE, GFP_KERNEL);
	struct file *f;
	loff_t pos = 0;
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, root);
	KTEST_ASSERT_NOT_NULL(t, buf);
	KTEST_ASSERT_NOT_NULL(t, back);
	f = filp_open(root, root, "f", O_RDWR | O_CREAT, 0644);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	for (int i = 0; i < 3 * (int)PAGE_SIZE; i++)
		buf[i] = (char)(i * 7 + 1);
	KTEST_EXPECT_EQ(t, kernel_write(f, buf, 10, &pos), 10);   /* page 0 + the slot array */
	before = nr_free_pages();
	pos = PAGE_SIZE - 5;                                    /* pages 0 and 1 */
	KTEST_EXPECT_EQ(t, kernel_write(f, buf, 10, &pos), 10);
	KTEST_EXPECT_EQ(t, before - nr_free_pages(), 1);
	pos = 3 * PAGE_SIZE + 100;                              /* page 3 only: 2 is a hole */
	KTEST_EXPECT_EQ(t, kernel_write(f, "z", 1, &pos), 1);
	KTEST_EXPECT_EQ(t, before - nr_free_pages(), 2);
	KTEST_EXPECT_EQ(t, f->f_inode->i_size, 3 * PAGE_SIZE + 101);
	KTEST_EXPECT_FALSE(t, ramfs_page_present(f->f_inode, 2));
	pos = PAGE_SIZE - 8;
	KTEST_EXPECT_EQ(t, kernel_read(f, back, 2 * PAGE_SIZE, &pos), 2 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, back[3], buf[0]);                    /* byte PAGE_SIZE-5 */
	KTEST_EXPECT_EQ(t, back[12], buf[9]);
	KTEST_EXPECT_EQ(t, back[PAGE_SIZE + 100], 0);           /* inside the hole */
	KTEST_EXPECT_EQ(t, pos, 3 * PAGE_SIZE - 8);
	pos = 3 * PAGE_SIZE + 100;
	KTEST_EXPECT_EQ(t, kernel_read(f, back, 10, &pos), 1);  /* short at the end */
	KTEST_EXPECT_EQ(t, back[0], 'z');
	KTEST_EXPECT_EQ(t, kernel_read(f, back, 10, &pos), 0);  /* at EOF */
	before = nr_free_pages();
	fput(f);
	ramfs_kill_tree(root);
	KTEST_EXPECT_GE(t, nr_free_pages() - before, 3);        /* pages 0, 1 and 3 */
	kfree(buf);
	kfree(back);
}

static void ramfs_truncate_frees_and_zeroes(struct ktest *t)
{
	struct dentry *root = ramfs_new_root();
	char buf[8] = "";
	struct file *f;
	loff_t pos = 0;
	unsigned long before;

	KTEST_ASSERT_NOT_NULL(t, root);
	f = filp_open(root, root, "f", O_RDWR | O_CREAT, 0644);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_write(f, "abcdef", 6, &pos), 6);
	pos = 2 * PAGE_SIZE;
	KTEST_EXPECT_EQ(t, kernel_write(f, "x", 1, &pos), 1);
	before = nr_free_pages();
	KTEST_EXPECT_EQ(t, ramfs_truncate(f->f_inode, 3), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages() - before, 1);        /* page 2 freed */
	KTEST_EXPECT_EQ(t, ramfs_truncate(f->f_inode, 6), 0);   /* grows: a hole */
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), 6);
	KTEST_EXPECT_EQ(t, memcmp(buf, "abc\0\0\0", 6), 0);      /* not "def" again */
	KTEST_EXPECT_EQ(t, ramfs_truncate(f->f_inode, -1), -EINVAL);
	fput(f);
	/* O_TRUNC empties, O_APPEND writes at the end */
	f = filp_open(root, root, "f", O_WRONLY | O_TRUNC | O_APPEND, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, f->f_inode->i_size, 0);
	pos = 0;
	kernel_write(f, "12", 2, &pos);
	pos = 0;
	kernel_write(f, "34", 2, &pos);
	fput(f);
	memset(buf, 0, sizeof(buf));
	KTEST_EXPECT_EQ(t, ktest_read_file(root, "f", buf, sizeof(buf)), 4);
	KTEST_EXPECT_STREQ(t, buf, "1234");
	ramfs_kill_tree(root);
}

static long open_err(struct dentry *root, const char *path, unsigned int flags)
{
	struct file *f = filp_open(root, root, path, flags, 0644);

	if (IS_ERR(f))
		return PTR_ERR(f);
	fput(f);
	return 0;
}

static ssize_t test_dev_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	return copy_to_iter("dev", 3, to);
}
static const struct file_operations test_dev_fops = { .read_iter = test_dev_read };

static void ramfs_open_modes(struct ktest *t)
{
	struct dentry *root = sample_tree();
	struct file *f;
	char buf[4];
	loff_t pos = 0;

	KTEST_ASSERT_NOT_NULL(t, root);
	KTEST_EXPECT_EQ(t, open_err(root, "/a/new", O_WRONLY | O_CREAT | O_EXCL), 0);
	KTEST_EXPECT_EQ(t, open_err(root, "/a/new", O_WRONLY | O_CREAT | O_EXCL), -EEXIST);
	KTEST_EXPECT_EQ(t, open_err(root, "/a/nodir/new", O_WRONLY | O_CREAT), -ENOENT);
	KTEST_EXPECT_EQ(t, open_err(root, "/a", O_WRONLY), -EISDIR);
	KTEST_EXPECT_EQ(t, open_err(root, "/a/b/file", O_RDONLY | O_DIRECTORY), -ENOTDIR);
	KTEST_EXPECT_EQ(t, open_err(root, "/a/link", O_RDONLY | O_NOFOLLOW), -ELOOP);
	KTEST_EXPECT_EQ(t, open_err(root, "/a/link", O_RDONLY), 0);
	KTEST_EXPECT_EQ(t, open_err(root, "/a", 3), -EISDIR);
	f = filp_open(root, root, "/a/b/file", 3, 0);   /* Linux's mode 3: neither read nor write */
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, f->f_mode & (FMODE_READ | FMODE_WRITE), 0);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 4, &pos), -EBADF);
	KTEST_EXPECT_EQ(t, kernel_write(f, "x", 1, &pos), -EBADF);
	fput(f);
	f = filp_open(root, root, "/a/b/file", O_WRONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 4, &pos), -EBADF);
	fput(f);
	f = filp_open(root, root, "/a/b/file", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_write(f, "x", 1, &pos), -EBADF);
	fput(f);
	/* a device node opens only with a driver for its number */
	KTEST_ASSERT_FALSE(t, IS_ERR(ramfs_create(root, "dev9", 4, S_IFCHR | 0600, MKDEV(9, 0))));
	KTEST_EXPECT_EQ(t, open_err(root, "/dev9", O_RDONLY), -ENXIO);
	KTEST_ASSERT_EQ(t, register_chrdev(9, "test", &test_dev_fops), 0);
	KTEST_EXPECT_EQ(t, register_chrdev(9, "test", &test_dev_fops), -EBUSY);
	f = filp_open(root, root, "/dev9", O_RDONLY, 0);
	unregister_chrdev(9);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_PTR_EQ(t, f->f_op, &test_dev_fops);
	pos = 0;
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, 4, &pos), 3);
	fput(f);
	ramfs_kill_tree(root);
}

struct dirlist {
	char names[160];
	int count, stop_after;
};

static int collect(void *ctx, const char *name, int namelen, loff_t pos,
		   unsigned long ino, unsigned int type)
{
	struct dirlist *l = ctx;
	size_t len = strlen(l->names);

	if (l->count == l->stop_after)
		return 1;
	snprintf(l->names + len, sizeof(l->names) - len, "%.*s:%u ", namelen, name, type);
	l->count++;
	return 0;
}

static void ramfs_readdir_in_order(struct ktest *t)
{
	struct dentry *root = sample_tree();
	struct dirlist l = { "", 0, 3 };
	struct file *f;

	KTEST_ASSERT_NOT_NULL(t, root);
	f = filp_open(root, root, "/", O_RDONLY | O_DIRECTORY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, vfs_readdir(f, collect, &l), 0);       /* stops after 3 */
	KTEST_EXPECT_STREQ(t, l.names, ".:4 ..:4 a:4 ");
	KTEST_EXPECT_EQ(t, f->f_pos, 3);
	l.stop_after = 100;
	KTEST_EXPECT_EQ(t, vfs_readdir(f, collect, &l), 0);       /* resumes at f_pos */
	KTEST_EXPECT_STREQ(t, l.names, ".:4 ..:4 a:4 abs:10 dangling:10 ");
	fput(f);
	f = filp_open(root, root, "/a/b/file", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, vfs_readdir(f, collect, &l), -ENOTDIR);
	fput(f);
	ramfs_kill_tree(root);
}

/* An open file keeps its inode and data after its tree is gone. */
static void ramfs_open_file_outlives_tree(struct ktest *t)
{
	struct dentry *root = sample_tree();
	struct file *f;
	char buf[8] = "";
	loff_t pos = 0;

	KTEST_ASSERT_NOT_NULL(t, root);
	f = filp_open(root, root, "/a/link", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	ramfs_kill_tree(root);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), 4);
	KTEST_EXPECT_STREQ(t, buf, "data");
	KTEST_EXPECT_STREQ(t, f->f_dentry->d_parent->d_name, "b");
	fput(f);                                /* the last reference frees it all */
}

/* vfs_read copies to user memory through copy_to_user: a user buffer works,
 * NULL and kernel addresses give -EFAULT. */
static void ramfs_vfs_read_user_buffer(struct ktest *t)
{
	static char kbuf[8];
	struct dentry *root = sample_tree();
	struct file *f;
	char *ubuf;
	loff_t pos = 0;

	KTEST_ASSERT_NOT_NULL(t, root);
	f = filp_open(root, root, "/a/b/file", O_RDWR, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	ubuf = ktest_user_alias(kbuf);
	KTEST_EXPECT_EQ(t, vfs_read(f, ubuf, 4, &pos), 4);
	KTEST_EXPECT_EQ(t, memcmp(kbuf, "data", 4), 0);
	pos = 0;
	KTEST_EXPECT_EQ(t, vfs_write(f, ubuf + 2, 2, &pos), 2);
	ktest_drop_user_alias();
	pos = 0;
	KTEST_EXPECT_EQ(t, vfs_read(f, NULL, 4, &pos), -EFAULT);
	KTEST_EXPECT_EQ(t, vfs_read(f, kbuf, 4, &pos), -EFAULT);
	KTEST_EXPECT_EQ(t, vfs_write(f, kbuf, 4, &pos), -EFAULT);
	KTEST_EXPECT_EQ(t, vfs_write(f, (void *)0x30000000, 4, &pos), -EFAULT);  /* unmapped */
	KTEST_EXPECT_EQ(t, pos, 0);                 /* and the failed writes changed nothing: */
	KTEST_EXPECT_EQ(t, kernel_read(f, kbuf, 4, &pos), 4);
	KTEST_EXPECT_EQ(t, memcmp(kbuf, "tata", 4), 0);
	fput(f);
	ramfs_kill_tree(root);
}

/* getcwd's d_path, lseek and readlink, which the system calls build on */
static void ramfs_path_seek_readlink(struct ktest *t)
{
	static char ubuf[16];
	struct dentry *root = sample_tree(), *b, *link;
	char buf[16];
	struct file *f;

	KTEST_ASSERT_NOT_NULL(t, root);
	b = path_lookup(root, root, "/a/b", 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(b));
	KTEST_EXPECT_STREQ(t, d_path(root, b, buf, sizeof(buf)), "/a/b");
	KTEST_EXPECT_STREQ(t, d_path(root, root, buf, sizeof(buf)), "/");
	KTEST_EXPECT_STREQ(t, d_path(b->d_parent, b, buf, sizeof(buf)), "/b");   /* from a chroot */
	KTEST_EXPECT_EQ(t, PTR_ERR(d_path(root, b, buf, 4)), -ERANGE);
	KTEST_EXPECT_STREQ(t, d_path(root, b, buf, 5), "/a/b");
	dput(b);
	f = filp_open(root, root, "/a/b/file", O_RDONLY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, vfs_llseek(f, -1, SEEK_END), 3);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, -2, SEEK_CUR), 1);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, -2, SEEK_CUR), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, 7), -EINVAL);
	KTEST_EXPECT_EQ(t, f->f_pos, 1);                        /* unchanged by errors */
	fput(f);
	link = path_lookup(root, root, "/a/link", 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(link));
	KTEST_EXPECT_EQ(t, vfs_readlink(link, ktest_user_alias(ubuf), sizeof(ubuf)), 6);
	KTEST_EXPECT_EQ(t, memcmp(ubuf, "b/file", 6), 0);
	KTEST_EXPECT_EQ(t, vfs_readlink(link, ktest_user_alias(ubuf), 3), 3);   /* cut short */
	ktest_drop_user_alias();
	KTEST_EXPECT_EQ(t, vfs_readlink(link, ubuf, sizeof(ubuf)), -EFAULT);
	KTEST_EXPECT_EQ(t, vfs_readlink(link->d_parent, ubuf, sizeof(ubuf)), -EINVAL);
	dput(link);
	KTEST_EXPECT_EQ(t, open_err(root, "/a/newdir/", O_WRONLY | O_CREAT), -EISDIR);
	ramfs_kill_tree(root);
}

/* 1500 nested directories: found by one 3000-byte path, and freed without
 * recursion (which would overrun the 8 KiB stack). */
static void ramfs_deep_tree(struct ktest *t)
{
	struct dentry *root = ramfs_new_root(), *d, *found;
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	unsigned long inodes = nr_inodes;

	KTEST_ASSERT_NOT_NULL(t, root);
	KTEST_ASSERT_NOT_NULL(t, path);
	d = root;
	for (int i = 0; i < 1500; i++) {
		d = ramfs_create(d, "d", 1, S_IFDIR | 0755, 0);
		KTEST_ASSERT_FALSE(t, IS_ERR(d));
		memcpy(path + 2 * i, "d/", 2);
	}
	path[2 * 1500 - 1] = '\0';
	KTEST_EXPECT_EQ(t, nr_inodes - inodes, 1500);
	found = path_lookup(root, root, path, 0);
	KTEST_EXPECT_PTR_EQ(t, found, d);
	if (!IS_ERR(found))
		dput(found);
	ramfs_kill_tree(root);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes - 1);     /* the root's inode too */
	kfree(path);
}

static const struct ktest_case ramfs_cases[] = {
	KTEST_CASE(ramfs_lookup_paths),
	KTEST_CASE(ramfs_lookup_errors),
	KTEST_CASE(ramfs_symlinks),
	KTEST_CASE(ramfs_read_write_pages),
	KTEST_CASE(ramfs_truncate_frees_and_zeroes),
	KTEST_CASE(ramfs_open_modes),
	KTEST_CASE(ramfs_readdir_in_order),
	KTEST_CASE(ramfs_open_file_outlives_tree),
	KTEST_CASE(ramfs_vfs_read_user_buffer),
	KTEST_CASE(ramfs_path_seek_readlink),
	KTEST_CASE(ramfs_deep_tree),
	{}
};
KTEST_SUITE(ramfs, ramfs_cases);
