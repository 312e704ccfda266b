/* tests/test_cpio.c: the newc parser (fs/cpio.c) on archives built here,
 * byte by byte: a good one parses entry by entry; every malformed or
 * truncated variant is refused with -EINVAL; and unpack_to_rootfs turns a
 * good one into directories, files (hard links too), symlinks and device
 * nodes. */
#include <kernel.h>
#include <cpio.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <slab.h>
#include "fs_helpers.h"

#define ARCHIVE_MAX 2048

struct archive {
	char buf[ARCHIVE_MAX];
	size_t len;
};

/* Append one newc entry (header, name, padding, data, padding). */
static void put_entry(struct archive *a, const char *name, u32 mode, u32 nlink,
		      u32 rdevmajor, u32 rdevminor, const char *data, u32 size)
{
	u32 namesize = strlen(name) + 1;

	a->len += snprintf(a->buf + a->len, ARCHIVE_MAX - a->len,
			   "070701%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
			   7, mode, 0, 0, nlink, 1700000000, size, 0, 0,
			   rdevmajor, rdevminor, namesize, 0);
	memcpy(a->buf + a->len, name, namesize);
	a->len = ALIGN_UP(a->len + namesize, 4);
	memcpy(a->buf + a->len, data, size);
	a->len = ALIGN_UP(a->len + size, 4);
}

static void put_trailer(struct archive *a)
{
	put_entry(a, "TRAILER!!!", 0, 1, 0, 0, "", 0);
}

/* dir d, file d/f ("hello"), symlink l -> d/f, char device 4:64, trailer */
static struct archive *good_archive(void)
{
	struct archive *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return NULL;
	put_entry(a, ".", S_IFDIR | 0755, 2, 0, 0, "", 0);
	put_entry(a, "d", S_IFDIR | 0755, 2, 0, 0, "", 0);
	put_entry(a, "d/f", S_IFREG | 0644, 1, 0, 0, "hello", 5);
	put_entry(a, "l", S_IFLNK | 0777, 1, 0, 0, "d/f", 3);
	put_entry(a, "tty0", S_IFCHR | 0620, 1, 4, 64, "", 0);
	put_trailer(a);
	return a;
}

/* Parse all of buf; the number of entries, or the error. */
static int count_entries(const void *buf, size_t len)
{
	struct cpio_entry e;
	size_t off = 0;
	int n = 0, ret;

	while ((ret = cpio_next(buf, len, &off, &e)) > 0)
		n++;
	return ret < 0 ? ret : n;
}

static void cpio_parses_entries(struct ktest *t)
{
	struct archive *a = good_archive();
	struct cpio_entry e;
	size_t off = 0;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_EQ(t, cpio_next((u8 *)a->buf, a->len, &off, &e), 1);
	KTEST_EXPECT_STREQ(t, e.name, ".");
	KTEST_EXPECT_EQ(t, cpio_next((u8 *)a->buf, a->len, &off, &e), 1);
	KTEST_EXPECT_STREQ(t, e.name, "d");
	KTEST_EXPECT_EQ(t, e.mode, S_IFDIR | 0755);
	KTEST_EXPECT_EQ(t, cpio_next((u8 *)a->buf, a->len, &off, &e), 1);
	KTEST_EXPECT_STREQ(t, e.name, "d/f");
	KTEST_EXPECT_EQ(t, e.size, 5);
	KTEST_EXPECT_EQ(t, memcmp(e.data, "hello", 5), 0);
	KTEST_EXPECT_EQ(t, ((const char *)e.data - a->buf) % 4, 0);
	KTEST_EXPECT_EQ(t, e.mtime, 1700000000);
	KTEST_EXPECT_EQ(t, off % 4, 0);
	KTEST_EXPECT_EQ(t, cpio_next((u8 *)a->buf, a->len, &off, &e), 1);
	KTEST_EXPECT_EQ(t, cpio_next((u8 *)a->buf, a->len, &off, &e), 1);
	KTEST_EXPECT_EQ(t, e.rdevmajor, 4);
	KTEST_EXPECT_EQ(t, e.rdevminor, 64);
	KTEST_EXPECT_EQ(t, cpio_next((u8 *)a->buf, a->len, &off, &e), 0);   /* trailer */
	kfree(a);
}

/* Every proper prefix of a good archive is refused: no prefix can look
 * complete, because the trailer comes last. */
static void cpio_rejects_every_truncation(struct ktest *t)
{
	struct archive *a = good_archive();
	int refused = 0;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_EQ(t, count_entries(a->buf, a->len), 5);
	for (size_t len = 0; len < a->len; len++)
		refused += count_entries(a->buf, len) == -EINVAL;
	KTEST_EXPECT_EQ(t, refused, a->len);
	kfree(a);
}

/* Corrupt one byte of the first header at `at`; the parse must fail. */
static int corrupted(struct archive *a, size_t at, char c)
{
	char saved = a->buf[at];
	int ret;

	a->buf[at] = c;
	ret = count_entries(a->buf, a->len);
	a->buf[at] = saved;
	return ret;
}

static void cpio_rejects_malformed_headers(struct ktest *t)
{
	struct archive *a = good_archive();

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_EXPECT_EQ(t, corrupted(a, 5, '7'), -EINVAL);       /* magic 070707 (odc) */
	KTEST_EXPECT_EQ(t, corrupted(a, 0, 'x'), -EINVAL);
	KTEST_EXPECT_EQ(t, corrupted(a, 6 + 8 + 3, 'g'), -EINVAL);  /* a non-hex digit in mode */
	KTEST_EXPECT_EQ(t, corrupted(a, 6 + 8 * 11 + 7, '0'), -EINVAL); /* namesize 0 */
	KTEST_EXPECT_EQ(t, corrupted(a, 6 + 8 * 11, 'f'), -EINVAL); /* namesize past the end */
	KTEST_EXPECT_EQ(t, corrupted(a, 6 + 8 * 6, 'f'), -EINVAL);  /* filesize past the end */
	KTEST_EXPECT_EQ(t, corrupted(a, 6 + 8 * 11 + 7, '1'), -EINVAL); /* name "." loses its NUL */
	KTEST_EXPECT_EQ(t, corrupted(a, 0, '0'), 5);              /* unchanged byte: still good */
	kfree(a);
}

static void cpio_rejects_embedded_nul(struct ktest *t)
{
	struct archive *a = kzalloc(sizeof(*a), GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, a);
	put_entry(a, "ab", S_IFREG | 0644, 1, 0, 0, "", 0);
	put_trailer(a);
	KTEST_EXPECT_EQ(t, count_entries(a->buf, a->len), 1);
	a->buf[CPIO_HEADER_SIZE] = '\0';        /* "\0b\0": a NUL inside the name */
	KTEST_EXPECT_EQ(t, count_entries(a->buf, a->len), -EINVAL);
	kfree(a);
}

static void cpio_unpacks_into_ramfs(struct ktest *t)
{
	struct archive *a = good_archive();
	struct dentry *root = ramfs_new_root(), *d;
	char buf[16] = "";

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, root);
	KTEST_EXPECT_EQ(t, unpack_to_rootfs(root, a->buf, a->len), 0);
	KTEST_EXPECT_EQ(t, ktest_read_file(root, "/l", buf, sizeof(buf)), 5);
	KTEST_EXPECT_STREQ(t, buf, "hello");
	d = path_lookup(root, root, "/tty0", 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	KTEST_EXPECT_EQ(t, d->d_inode->i_mode, S_IFCHR | 0620);
	KTEST_EXPECT_EQ(t, d->d_inode->i_rdev, MKDEV(4, 64));
	KTEST_EXPECT_EQ(t, MAJOR(d->d_inode->i_rdev), 4);
	dput(d);
	d = path_lookup(root, root, "d/f", 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(d));
	KTEST_EXPECT_EQ(t, d->d_inode->i_mtime.tv_sec, 1700000000);
	dput(d);
	ramfs_kill_tree(root);
	kfree(a);
}

static void cpio_unpack_errors(struct ktest *t)
{
	struct archive *a = kzalloc(sizeof(*a), GFP_KERNEL);
	struct dentry *root = ramfs_new_root();

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, root);
	put_entry(a, "nodir/f", S_IFREG | 0644, 1, 0, 0, "x", 1);   /* parent missing */
	put_trailer(a);
	KTEST_EXPECT_EQ(t, unpack_to_rootfs(root, a->buf, a->len), -ENOENT);
	a->len = 0;
	put_entry(a, "x", 0170000, 1, 0, 0, "", 0);                 /* no such file type */
	put_trailer(a);
	KTEST_EXPECT_EQ(t, unpack_to_rootfs(root, a->buf, a->len), -EINVAL);
	ramfs_kill_tree(root);
	kfree(a);
}

/* Hard links: entries with one inode number and nlink 2 are one file
 * under two names; the data comes with the last (GNU cpio's way). */
static void cpio_unpacks_hard_links(struct ktest *t)
{
	struct archive *a = kzalloc(sizeof(*a), GFP_KERNEL);
	struct dentry *root = ramfs_new_root(), *h1, *h2;
	char buf[8] = "";

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, root);
	put_entry(a, "h1", S_IFREG | 0644, 2, 0, 0, "", 0);
	put_entry(a, "h2", S_IFREG | 0644, 2, 0, 0, "data", 4);
	put_trailer(a);
	KTEST_EXPECT_EQ(t, unpack_to_rootfs(root, a->buf, a->len), 0);
	h1 = path_lookup(root, root, "h1", 0);
	h2 = path_lookup(root, root, "h2", 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(h1) || IS_ERR(h2));
	KTEST_EXPECT_PTR_EQ(t, h1->d_inode, h2->d_inode);
	KTEST_EXPECT_EQ(t, h1->d_inode->i_nlink, 2);
	KTEST_EXPECT_EQ(t, ktest_read_file(root, "/h1", buf, sizeof(buf)), 4);
	KTEST_EXPECT_STREQ(t, buf, "data");
	dput(h1);
	dput(h2);
	ramfs_kill_tree(root);
	kfree(a);
}

static const struct ktest_case cpio_cases[] = {
	KTEST_CASE(cpio_parses_entries),
	KTEST_CASE(cpio_rejects_every_truncation),
	KTEST_CASE(cpio_rejects_malformed_headers),
	KTEST_CASE(cpio_rejects_embedded_nul),
	KTEST_CASE(cpio_unpacks_into_ramfs),
	KTEST_CASE(cpio_unpack_errors),
	KTEST_CASE(cpio_unpacks_hard_links),
	{}
};
KTEST_SUITE(cpio, cpio_cases);
