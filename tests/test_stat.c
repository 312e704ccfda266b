/* tests/test_stat.c: what stat64, statx and getdents64 hand to programs
 * (fs/stat.c, fs/readdir.c): Linux i386's structure layouts, the values
 * taken from a ramfs inode, Linux's device number encoding, and the
 * getdents64 records written to a user buffer (reached through the test
 * alias of kernel memory), with EINVAL for a buffer too small and EFAULT for
 * a bad one. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <uapi/asm/stat.h>
#include <uapi/linux/dirent.h>
#include "fs_helpers.h"

static void stat_layouts_are_linux_i386(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, sizeof(struct stat64), 96);
	KTEST_EXPECT_EQ(t, offsetof(struct stat64, st_mode), 16);
	KTEST_EXPECT_EQ(t, offsetof(struct stat64, st_rdev), 32);
	KTEST_EXPECT_EQ(t, offsetof(struct stat64, st_size), 44);
	KTEST_EXPECT_EQ(t, offsetof(struct stat64, st_blocks), 56);
	KTEST_EXPECT_EQ(t, offsetof(struct stat64, st_mtime), 72);
	KTEST_EXPECT_EQ(t, offsetof(struct stat64, st_ino), 88);
	KTEST_EXPECT_EQ(t, sizeof(struct statx), 256);
	KTEST_EXPECT_EQ(t, offsetof(struct statx, stx_mode), 28);
	KTEST_EXPECT_EQ(t, offsetof(struct statx, stx_size), 40);
	KTEST_EXPECT_EQ(t, offsetof(struct statx, stx_mtime), 112);
	KTEST_EXPECT_EQ(t, offsetof(struct statx, stx_rdev_major), 128);
	KTEST_EXPECT_EQ(t, offsetof(struct linux_dirent64, d_name), 19);
}

static void stat_encodes_devices(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, new_encode_dev(MKDEV(5, 1)), 0x501);
	KTEST_EXPECT_EQ(t, new_encode_dev(MKDEV(4, 300)), 0x10042c);
	KTEST_EXPECT_EQ(t, new_encode_dev(MKDEV(0, 0)), 0);
	KTEST_EXPECT_EQ(t, new_decode_dev(0x10042c), MKDEV(4, 300));     /* and back */
	KTEST_EXPECT_EQ(t, new_decode_dev(0x103), MKDEV(1, 3));
}

static void stat_copies_inode(struct ktest *t)
{
	static struct stat64 st;
	static struct statx sx;
	static char data[5000];
	struct dentry *root = ramfs_new_root(), *d, *dev;
	struct kstat k;

	KTEST_ASSERT_NOT_NULL(t, root);
	d = ktest_make_file(root, "f", data, sizeof(data));
	dev = ramfs_create(root, "tty", 3, S_IFCHR | 0620, MKDEV(4, 300));
	KTEST_ASSERT_NOT_NULL(t, d);
	KTEST_ASSERT_FALSE(t, IS_ERR(dev));
	d->d_inode->i_atime = (struct timespec64){ 1000000001, 1 };
	d->d_inode->i_mtime = (struct timespec64){ 1000000002, 999999999 };
	d->d_inode->i_ctime = (struct timespec64){ 1000000003, 3 };
	vfs_getattr(d->d_inode, &k);
	KTEST_EXPECT_EQ(t, cp_new_stat64(&k, ktest_user_alias(&st)), 0);
	KTEST_EXPECT_EQ(t, cp_statx(&k, ktest_user_alias(&sx)), 0);
	KTEST_EXPECT_EQ(t, st.st_size, 5000);
	KTEST_EXPECT_EQ(t, st.st_blocks, 16);               /* two pages */
	KTEST_EXPECT_EQ(t, st.st_mode, S_IFREG | 0644);
	KTEST_EXPECT_EQ(t, st.st_nlink, 1);
	KTEST_EXPECT_EQ(t, st.st_ino, d->d_inode->i_ino);
	KTEST_EXPECT_EQ(t, st.__st_ino, d->d_inode->i_ino);
	KTEST_EXPECT_EQ(t, st.st_atime, 1000000001);          /* three times, each its own */
	KTEST_EXPECT_EQ(t, st.st_atime_nsec, 1);
	KTEST_EXPECT_EQ(t, st.st_mtime, 1000000002);
	KTEST_EXPECT_EQ(t, st.st_mtime_nsec, 999999999);
	KTEST_EXPECT_EQ(t, st.st_ctime, 1000000003);
	KTEST_EXPECT_EQ(t, st.st_ctime_nsec, 3);
	KTEST_EXPECT_EQ(t, sx.stx_atime.tv_sec, 1000000001);
	KTEST_EXPECT_EQ(t, sx.stx_mtime.tv_nsec, 999999999);
	KTEST_EXPECT_EQ(t, sx.stx_ctime.tv_sec, 1000000003);
	KTEST_EXPECT_EQ(t, sx.stx_mask, STATX_BASIC_STATS);
	KTEST_EXPECT_EQ(t, sx.stx_size, 5000);
	KTEST_EXPECT_EQ(t, sx.stx_mode, S_IFREG | 0644);
	vfs_getattr(dev->d_inode, &k);
	KTEST_EXPECT_EQ(t, cp_new_stat64(&k, ktest_user_alias(&st)), 0);
	KTEST_EXPECT_EQ(t, cp_statx(&k, ktest_user_alias(&sx)), 0);
	KTEST_EXPECT_EQ(t, st.st_rdev, 0x10042c);
	KTEST_EXPECT_EQ(t, sx.stx_rdev_major, 4);
	KTEST_EXPECT_EQ(t, sx.stx_rdev_minor, 300);
	ktest_drop_user_alias();
	KTEST_EXPECT_EQ(t, cp_new_stat64(&k, &st), -EFAULT);       /* a kernel address */
	KTEST_EXPECT_EQ(t, cp_statx(&k, NULL), -EFAULT);
	ramfs_kill_tree(root);
}

/* The names in a getdents64 buffer of n bytes, space-separated, into out. */
static int dirent_names(const char *buf, long n, char *out, size_t size, long long *last_off)
{
	int count = 0;

	out[0] = '\0';
	for (long off = 0; off < n; count++) {
		const struct linux_dirent64 *d = (const void *)(buf + off);
		size_t len = strlen(out);
		snprintf(out + len, size - len, "%s:%u ", d->d_name, d->d_type);
		*last_off = d->d_off;
		if (d->d_reclen % 8 || d->d_reclen == 0)
			return -1;
		off += d->d_reclen;
	}
	return count;
}

static void getdents64_fills_records(struct ktest *t)
{
	static char buf[256];
	struct dentry *root = ramfs_new_root();
	char names[128];
	long long last_off = 0;
	struct file *f;
	long n;

	KTEST_ASSERT_NOT_NULL(t, root);
	KTEST_ASSERT_NOT_NULL(t, ktest_make_file(root, "file", "x", 1));
	KTEST_ASSERT_FALSE(t, IS_ERR(ramfs_symlink(root, "link", 4, "file", 4)));
	f = filp_open(root, root, "/", O_RDONLY | O_DIRECTORY, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, vfs_getdents64(f, ktest_user_alias(buf), 10), -EINVAL);  /* too small */
	n = vfs_getdents64(f, ktest_user_alias(buf), 48);   /* "." and ".." (24 each) */
	KTEST_EXPECT_EQ(t, n, 48);
	KTEST_EXPECT_EQ(t, dirent_names(buf, n, names, sizeof(names), &last_off), 2);
	KTEST_EXPECT_STREQ(t, names, ".:4 ..:4 ");
	KTEST_EXPECT_EQ(t, last_off, 2);
	n = vfs_getdents64(f, ktest_user_alias(buf), sizeof(buf));
	KTEST_EXPECT_EQ(t, dirent_names(buf, n, names, sizeof(names), &last_off), 2);
	KTEST_EXPECT_STREQ(t, names, "file:8 link:10 ");
	KTEST_EXPECT_EQ(t, vfs_getdents64(f, ktest_user_alias(buf), sizeof(buf)), 0);  /* the end */
	ktest_drop_user_alias();
	f->f_pos = 0;
	KTEST_EXPECT_EQ(t, vfs_getdents64(f, buf, sizeof(buf)), -EFAULT);
	fput(f);
	ramfs_kill_tree(root);
}

static const struct ktest_case stat_cases[] = {
	KTEST_CASE(stat_layouts_are_linux_i386),
	KTEST_CASE(stat_encodes_devices),
	KTEST_CASE(stat_copies_inode),
	KTEST_CASE(getdents64_fills_records),
	{}
};
KTEST_SUITE(stat, stat_cases);
