/* tests/test_files.c: the file calls. The utest_files_* programs check
 * them from user space, and files-glibc with glibc's own functions (stat
 * through statx among them), each a suite (KTEST_PROGRAM_SUITE), as they
 * do under qemu-i386 against Linux itself. The kernel cases below check
 * what only the kernel sees: inodes and dentries freed exactly when the
 * last name and the last open file are gone, link counts, rename moving
 * dentries with long names, the character-device table, the /dev nodes
 * made at boot, relatime, a FIFO's pipe. Each case works on a ramfs tree
 * of its own, killed at the end, so the suite's vfs_objects, slab and
 * page counters must come back. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <ktest.h>
#include "fs_helpers.h"

KTEST_PROGRAM_SUITE(files_dirs, "/bin/utest_files_dirs");
KTEST_PROGRAM_SUITE(files_attrs, "/bin/utest_files_attrs");
KTEST_PROGRAM_SUITE(files_io, "/bin/utest_files_io");
KTEST_PROGRAM_SUITE(files_glibc, "/bin/files-glibc");
/* LTP's set-up and IPC: a mkdtemp directory, a results file mapped
 * MAP_SHARED, three children meeting on futexes in it. */
KTEST_PROGRAM_SUITE(ltp_checkpoint, "/bin/ltp-checkpoint");

extern unsigned long nr_pipes;

/* A file unlinked while open: its name goes at once, its dentry and inode
 * (and data pages) at the last close, not before. */
static void files_unlinked_inode_lives_until_last_close(struct ktest *t)
{
	struct dentry *root = ramfs_new_root(), *d;
	unsigned long inodes, dentries;
	struct file *f, *f2;
	char buf[8] = "";
	loff_t pos = 0;

	KTEST_ASSERT_NOT_NULL(t, root);
	d = ktest_make_file(root, "victim", "payload", 7);
	KTEST_ASSERT_NOT_NULL(t, d);
	f = dentry_open(d, O_RDONLY);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	f2 = get_file(f);                       /* a dup: one more reference */
	inodes = nr_inodes;
	dentries = nr_dentries;
	KTEST_EXPECT_EQ(t, vfs_unlink(root, "victim", 6, false), 0);
	KTEST_EXPECT_NULL(t, d_lookup(root, "victim", 6));
	KTEST_EXPECT_TRUE(t, d_unlinked(f->f_dentry));
	KTEST_EXPECT_EQ(t, f->f_inode->i_nlink, 0);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes);
	KTEST_EXPECT_EQ(t, kernel_read(f, buf, sizeof(buf), &pos), 7);
	KTEST_EXPECT_STREQ(t, buf, "payload");
	fput(f);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes);  /* the dup still holds it */
	fput(f2);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes - 1);
	KTEST_EXPECT_EQ(t, nr_dentries, dentries - 1);
	ramfs_kill_tree(root);
}

/* fget takes a reference of its own: a close of the fd meanwhile (another
 * thread's, on another CPU) drops only the table's, and the file stays
 * usable until fput. get_unused_fd reserves its fd: a second one picks
 * another even before the first is installed, and put_unused_fd gives a
 * reservation back. */
static void files_fget_holds_the_file_past_close(struct ktest *t)
{
	struct dentry *root = ramfs_new_root(), *d;
	struct file *f, *g;
	unsigned long inodes;
	char buf[4] = "";
	loff_t pos = 0;
	int fd, other;

	KTEST_ASSERT_NOT_NULL(t, root);
	d = ktest_make_file(root, "held", "abc", 3);
	KTEST_ASSERT_NOT_NULL(t, d);
	f = dentry_open(d, O_RDONLY);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	inodes = nr_inodes;
	fd = get_unused_fd(0);
	KTEST_ASSERT_GE(t, fd, 0);
	KTEST_EXPECT_NULL(t, fget(fd));               /* reserved, not open */
	other = get_unused_fd(0);
	KTEST_EXPECT_GT(t, other, fd);                /* the reservation holds */
	put_unused_fd(other);
	KTEST_EXPECT_EQ(t, get_unused_fd(0), other);  /* given back: free again */
	put_unused_fd(other);
	fd_install(fd, f, false);
	KTEST_EXPECT_EQ(t, f->f_count, 1);
	g = fget(fd);
	KTEST_EXPECT_PTR_EQ(t, g, f);
	KTEST_EXPECT_EQ(t, f->f_count, 2);
	KTEST_EXPECT_EQ(t, close_fd(fd), 0);
	KTEST_EXPECT_NULL(t, fget(fd));
	KTEST_EXPECT_EQ(t, g->f_count, 1);            /* ours alone */
	KTEST_EXPECT_EQ(t, kernel_read(g, buf, 3, &pos), 3);
	KTEST_EXPECT_STREQ(t, buf, "abc");
	KTEST_EXPECT_EQ(t, vfs_unlink(root, "held", 4, false), 0);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes);        /* open: the inode stays */
	fput(g);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes - 1);    /* the last reference */
	ramfs_kill_tree(root);
}

/* Hard links: two dentries, one inode, i_nlink 2; the inode goes with the
 * last name. A directory's link count is 2 plus its subdirectories. */
static void files_hard_links_share_one_inode(struct ktest *t)
{
	struct dentry *root = ramfs_new_root(), *a, *b, *dir;
	unsigned long inodes;

	KTEST_ASSERT_NOT_NULL(t, root);
	a = ktest_make_file(root, "a", "x", 1);
	KTEST_ASSERT_NOT_NULL(t, a);
	b = ramfs_link(a, root, "b", 1);
	KTEST_ASSERT_FALSE(t, IS_ERR(b));
	KTEST_EXPECT_PTR_EQ(t, a->d_inode, b->d_inode);
	KTEST_EXPECT_EQ(t, a->d_inode->i_nlink, 2);
	KTEST_EXPECT_EQ(t, PTR_ERR(ramfs_link(a, root, "b", 1)), -EEXIST);
	dir = ramfs_create(root, "d", 1, S_IFDIR | 0755, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(dir));
	KTEST_EXPECT_EQ(t, root->d_inode->i_nlink, 3);
	inodes = nr_inodes;
	KTEST_EXPECT_EQ(t, vfs_unlink(root, "a", 1, false), 0);
	KTEST_EXPECT_EQ(t, b->d_inode->i_nlink, 1);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes);
	KTEST_EXPECT_EQ(t, vfs_unlink(root, "b", 1, false), 0);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes - 1);
	KTEST_EXPECT_EQ(t, vfs_unlink(root, "d", 1, true), 0);
	KTEST_EXPECT_EQ(t, root->d_inode->i_nlink, 2);
	ramfs_kill_tree(root);
}

/* Names up to DNAME_INLINE_LEN - 1 bytes live in the dentry; longer ones
 * in a kmalloc'd copy, freed when a rename makes the name short again (the
 * slab counter checks it). rename moves a dentry between directories with
 * their link counts; exchange swaps two. */
static void files_rename_moves_dentries(struct ktest *t)
{
	static char longname[200];
	struct dentry *root = ramfs_new_root(), *a, *b, *f, *g;
	char buf[300], *p;

	memset(longname, 'L', sizeof(longname) - 1);
	KTEST_ASSERT_NOT_NULL(t, root);
	a = ramfs_create(root, "a", 1, S_IFDIR | 0755, 0);
	b = ramfs_create(root, "b", 1, S_IFDIR | 0755, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(a) || IS_ERR(b));
	f = ramfs_create(a, "sub", 3, S_IFDIR | 0755, 0);
	g = ktest_make_file(b, "g", "g", 1);
	KTEST_ASSERT_FALSE(t, IS_ERR(f) || !g);
	KTEST_EXPECT_PTR_EQ(t, f->d_name, f->d_iname);
	KTEST_ASSERT_EQ(t, ramfs_rename(a, f, b, longname, sizeof(longname) - 1, NULL, false), 0);
	KTEST_EXPECT_TRUE(t, f->d_name != f->d_iname);          /* a long name: its own copy */
	KTEST_EXPECT_PTR_EQ(t, f->d_parent, b);
	KTEST_EXPECT_EQ(t, a->d_inode->i_nlink, 2);
	KTEST_EXPECT_EQ(t, b->d_inode->i_nlink, 3);
	p = d_path(root, f, buf, sizeof(buf));
	KTEST_EXPECT_FALSE(t, IS_ERR(p));
	KTEST_EXPECT_EQ(t, strlen(p), 2 + 1 + sizeof(longname) - 1);   /* "/b/LLL..." */
	KTEST_ASSERT_EQ(t, ramfs_rename(b, f, a, "s", 1, NULL, false), 0);
	KTEST_EXPECT_PTR_EQ(t, f->d_name, f->d_iname);          /* short again */
	KTEST_ASSERT_EQ(t, ramfs_rename(a, f, b, "x", 1, g, true), 0);   /* exchange */
	KTEST_EXPECT_PTR_EQ(t, f->d_parent, b);
	KTEST_EXPECT_PTR_EQ(t, g->d_parent, a);
	KTEST_EXPECT_STREQ(t, f->d_name, "g");
	KTEST_EXPECT_STREQ(t, g->d_name, "s");
	KTEST_EXPECT_EQ(t, a->d_inode->i_nlink, 2);
	KTEST_EXPECT_EQ(t, b->d_inode->i_nlink, 3);
	KTEST_EXPECT_TRUE(t, is_subdir(f, b) && !is_subdir(f, a) && is_subdir(f, root));
	ramfs_kill_tree(root);
}

static ssize_t dev_read_one(struct file *f, struct iov_iter *to, loff_t *pos)
{
	return copy_to_iter("1", 1, to);
}
static ssize_t dev_read_two(struct file *f, struct iov_iter *to, loff_t *pos)
{
	return copy_to_iter("2", 1, to);
}
static const struct file_operations dev_one = { .read_iter = dev_read_one };
static const struct file_operations dev_two = { .read_iter = dev_read_two };

/* The character-device table: ranges of minors, found by number; overlaps
 * are EBUSY; bad ranges EINVAL; a full table ENOSPC. */
static void files_chrdev_ranges(struct ktest *t)
{
	int n = 0;

	KTEST_EXPECT_EQ(t, __register_chrdev(200, 10, 5, "one", &dev_one), 0);
	KTEST_EXPECT_EQ(t, __register_chrdev(200, 14, 1, "clash", &dev_two), -EBUSY);
	KTEST_EXPECT_EQ(t, __register_chrdev(200, 0, 11, "clash", &dev_two), -EBUSY);
	KTEST_EXPECT_EQ(t, __register_chrdev(200, 15, 1, "two", &dev_two), 0);
	KTEST_EXPECT_PTR_EQ(t, chrdev_fops(MKDEV(200, 10)), &dev_one);
	KTEST_EXPECT_PTR_EQ(t, chrdev_fops(MKDEV(200, 14)), &dev_one);
	KTEST_EXPECT_PTR_EQ(t, chrdev_fops(MKDEV(200, 15)), &dev_two);
	KTEST_EXPECT_NULL(t, chrdev_fops(MKDEV(200, 9)));
	KTEST_EXPECT_NULL(t, chrdev_fops(MKDEV(201, 10)));
	KTEST_EXPECT_EQ(t, __register_chrdev(0, 0, 1, "zero", &dev_one), -EINVAL);
	KTEST_EXPECT_EQ(t, __register_chrdev(CHRDEV_MAJOR_MAX, 0, 1, "big", &dev_one), -EINVAL);
	KTEST_EXPECT_EQ(t, __register_chrdev(200, 20, 0, "none", &dev_one), -EINVAL);
	while (__register_chrdev(300, n, 1, "fill", &dev_one) == 0)
		n++;
	KTEST_EXPECT_EQ(t, __register_chrdev(300, n, 1, "fill", &dev_one), -ENOSPC);
	KTEST_EXPECT_GT(t, n, 4);
	while (n--)
		__unregister_chrdev(300, n, 1);
	__unregister_chrdev(200, 10, 5);
	__unregister_chrdev(200, 15, 1);
	KTEST_EXPECT_NULL(t, chrdev_fops(MKDEV(200, 15)));
	KTEST_EXPECT_NULL(t, chrdev_fops(MKDEV(300, 0)));
}

/* /dev holds the console and the memory devices from boot on. */
static void files_dev_nodes_made_at_boot(struct ktest *t)
{
	static const struct { const char *path; unsigned int major, minor, mode; } nodes[] = {
		{ "/dev/console", 5, 1, 0600 }, { "/dev/null", 1, 3, 0666 },
		{ "/dev/zero", 1, 5, 0666 }, { "/dev/full", 1, 7, 0666 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(nodes); i++) {
		struct dentry *d = path_lookup(root_dentry, root_dentry, nodes[i].path, 0);

		KTEST_ASSERT_FALSE(t, IS_ERR(d));
		KTEST_EXPECT_EQ(t, d->d_inode->i_mode, S_IFCHR | nodes[i].mode);
		KTEST_EXPECT_EQ(t, d->d_inode->i_rdev, MKDEV(nodes[i].major, nodes[i].minor));
		KTEST_EXPECT_NOT_NULL(t, chrdev_fops(d->d_inode->i_rdev));
		dput(d);
	}
}

/* relatime: a read moves the atime only if it is not after the mtime or
 * the ctime, or is a day old. */
static void files_atime_is_relatime(struct ktest *t)
{
	struct dentry *root = ramfs_new_root(), *d;
	struct inode *inode;
	struct timespec64 now = current_time();

	KTEST_ASSERT_NOT_NULL(t, root);
	d = ktest_make_file(root, "f", "x", 1);
	KTEST_ASSERT_NOT_NULL(t, d);
	inode = d->d_inode;
	inode->i_mtime = inode->i_ctime = (struct timespec64){ now.tv_sec - 100, 0 };
	inode->i_atime = (struct timespec64){ now.tv_sec - 50, 0 };     /* read since */
	touch_atime(inode);
	KTEST_EXPECT_EQ(t, inode->i_atime.tv_sec, now.tv_sec - 50);
	inode->i_atime = inode->i_mtime;                                /* not since */
	touch_atime(inode);
	KTEST_EXPECT_GE(t, inode->i_atime.tv_sec, now.tv_sec);
	inode->i_mtime = inode->i_ctime = (struct timespec64){ now.tv_sec - 200000, 0 };
	inode->i_atime = (struct timespec64){ now.tv_sec - 100000, 0 }; /* a day old */
	touch_atime(inode);
	KTEST_EXPECT_GE(t, inode->i_atime.tv_sec, now.tv_sec);
	ramfs_kill_tree(root);
}

/* A FIFO's pipe exists while the FIFO is open: made by the first open,
 * freed by the last close. */
static void files_fifo_pipe_lives_while_open(struct ktest *t)
{
	struct dentry *root = ramfs_new_root(), *d;
	unsigned long pipes = nr_pipes;
	struct file *rw, *r;

	KTEST_ASSERT_NOT_NULL(t, root);
	d = ramfs_create(root, "fifo", 4, S_IFIFO | 0600, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	KTEST_EXPECT_NULL(t, d->d_inode->i_pipe);
	rw = dentry_open(d, O_RDWR);
	KTEST_ASSERT_FALSE(t, IS_ERR(rw));
	KTEST_EXPECT_NOT_NULL(t, d->d_inode->i_pipe);
	KTEST_EXPECT_EQ(t, nr_pipes, pipes + 1);
	KTEST_EXPECT_EQ(t, rw->f_mode & (FMODE_LSEEK | FMODE_PREAD), 0);
	r = dentry_open(d, O_RDONLY);           /* a writer exists: no wait */
	KTEST_ASSERT_FALSE(t, IS_ERR(r));
	KTEST_EXPECT_EQ(t, nr_pipes, pipes + 1);        /* the same pipe */
	fput(rw);
	KTEST_EXPECT_NOT_NULL(t, d->d_inode->i_pipe);
	fput(r);
	KTEST_EXPECT_NULL(t, d->d_inode->i_pipe);
	KTEST_EXPECT_EQ(t, nr_pipes, pipes);
	KTEST_EXPECT_EQ(t, PTR_ERR(dentry_open(d, O_WRONLY | O_NONBLOCK)), -ENXIO);
	KTEST_EXPECT_EQ(t, nr_pipes, pipes);
	ramfs_kill_tree(root);
}

static const struct ktest_case files_cases[] = {
	KTEST_CASE(files_unlinked_inode_lives_until_last_close),
	KTEST_CASE(files_hard_links_share_one_inode),
	KTEST_CASE(files_rename_moves_dentries),
	KTEST_CASE(files_chrdev_ranges),
	KTEST_CASE(files_dev_nodes_made_at_boot),
	KTEST_CASE(files_atime_is_relatime),
	KTEST_CASE(files_fifo_pipe_lives_while_open),
	KTEST_CASE(files_fget_holds_the_file_past_close),
	{}
};
KTEST_SUITE(files, files_cases);
