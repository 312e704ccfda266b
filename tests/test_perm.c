/* tests/test_perm.c: file permissions (fs/namei.c's generic_permission,
 * the path walk's search checks, may_delete's sticky rule). The utest_perm
 * program checks every system call's rules from user space, as ordinary
 * users, as the "perm" suite (also under qemu-i386 against Linux); the
 * kernel cases below check the functions themselves on a ramfs tree of
 * their own, with the test thread's filesystem ids set for each check
 * and given back to root's at the end. */
#include <kernel.h>
#include <capability.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <sched.h>
#include "fs_helpers.h"

KTEST_PROGRAM_SUITE(perm, "/bin/utest_perm");

/* The test thread acts as fsuid uid, fsgid gid (0, 0: root again). */
static void as_ids(unsigned int uid, unsigned int gid)
{
	current->fsuid = uid;
	current->fsgid = gid;
}

/* A mode-0640 inode of uid 5, gid 6: each caller gets exactly one class
 * of bits; root reads and writes anything, executes only what has an x. */
static void dac_one_class_of_bits(struct ktest *t)
{
	struct inode inode = { .i_mode = S_IFREG | 0640, .i_uid = 5, .i_gid = 6 };
	struct inode dir = { .i_mode = S_IFDIR | 0000, .i_uid = 5, .i_gid = 6 };

	as_ids(5, 9);                                   /* the owner */
	KTEST_EXPECT_EQ(t, generic_permission(&inode, MAY_READ | MAY_WRITE), 0);
	KTEST_EXPECT_EQ(t, generic_permission(&inode, MAY_EXEC), -EACCES);
	as_ids(7, 6);                                   /* the group */
	KTEST_EXPECT_EQ(t, generic_permission(&inode, MAY_READ), 0);
	KTEST_EXPECT_EQ(t, generic_permission(&inode, MAY_WRITE), -EACCES);
	as_ids(7, 8);                                   /* the others */
	KTEST_EXPECT_EQ(t, generic_permission(&inode, MAY_READ), -EACCES);
	inode.i_mode = S_IFREG | 0077;                  /* the owner's own bits say no */
	as_ids(5, 6);
	KTEST_EXPECT_EQ(t, generic_permission(&inode, MAY_READ), -EACCES);
	as_ids(0, 0);                                   /* root */
	KTEST_EXPECT_TRUE(t, capable(CAP_DAC_OVERRIDE));
	KTEST_EXPECT_EQ(t, generic_permission(&inode, MAY_READ | MAY_WRITE), 0);
	KTEST_EXPECT_EQ(t, generic_permission(&inode, MAY_EXEC), 0);      /* group x set */
	inode.i_mode = S_IFREG | 0666;
	KTEST_EXPECT_EQ(t, generic_permission(&inode, MAY_EXEC), -EACCES);
	KTEST_EXPECT_EQ(t, generic_permission(&dir, MAY_READ | MAY_WRITE | MAY_EXEC), 0);
	as_ids(7, 6);
	KTEST_EXPECT_FALSE(t, capable(CAP_DAC_OVERRIDE));
	KTEST_EXPECT_EQ(t, generic_permission(&dir, MAY_EXEC), -EACCES);
	as_ids(0, 0);
}

/* The walk checks search permission on every directory it looks a name
 * up in: a 0700 directory of uid 5 stops uid 7 on the way to a 0644 file. */
static void dac_walk_needs_search(struct ktest *t)
{
	struct dentry *root = ramfs_new_root(), *a, *d;
	const char *last;
	int len;

	KTEST_ASSERT_NOT_NULL(t, root);
	a = ramfs_create(root, "a", 1, S_IFDIR | 0700, 0);
	KTEST_ASSERT_FALSE(t, IS_ERR(a));
	KTEST_ASSERT_NOT_NULL(t, ktest_make_file(a, "f", "x", 1));
	a->d_inode->i_uid = 5;
	as_ids(7, 7);
	KTEST_EXPECT_EQ(t, PTR_ERR(path_lookup(root, root, "/a/f", 0)), -EACCES);
	KTEST_EXPECT_EQ(t, PTR_ERR(path_lookup_parent(root, root, "a/new", &last, &len)), -EACCES);
	d = path_lookup(root, root, "/a", 0);           /* a itself: root's search only */
	KTEST_EXPECT_FALSE(t, IS_ERR(d));
	if (!IS_ERR(d))
		dput(d);
	as_ids(5, 5);
	d = path_lookup(root, root, "/a/f", 0);
	KTEST_EXPECT_FALSE(t, IS_ERR(d));
	if (!IS_ERR(d))
		dput(d);
	as_ids(0, 0);
	ramfs_kill_tree(root);
}

/* may_delete: write and search on the directory (EACCES), and in a
 * sticky one only the victim's owner, the directory's owner or root
 * (EPERM). */
static void dac_sticky_may_delete(struct ktest *t)
{
	struct inode tmp = { .i_mode = S_IFDIR | 01777, .i_uid = 3 };
	struct inode victim = { .i_mode = S_IFREG | 0666, .i_uid = 5 };

	as_ids(7, 7);
	KTEST_EXPECT_EQ(t, may_delete(&tmp, &victim), -EPERM);
	as_ids(5, 5);                                   /* the victim's owner */
	KTEST_EXPECT_EQ(t, may_delete(&tmp, &victim), 0);
	as_ids(3, 3);                                   /* the directory's */
	KTEST_EXPECT_EQ(t, may_delete(&tmp, &victim), 0);
	tmp.i_mode = S_IFDIR | 0777;                    /* not sticky: anyone */
	as_ids(7, 7);
	KTEST_EXPECT_EQ(t, may_delete(&tmp, &victim), 0);
	tmp.i_mode = S_IFDIR | 01755;                   /* not writable */
	KTEST_EXPECT_EQ(t, may_delete(&tmp, &victim), -EACCES);
	as_ids(0, 0);
	KTEST_EXPECT_EQ(t, may_delete(&tmp, &victim), 0);
}

static const struct ktest_case dac_cases[] = {
	KTEST_CASE(dac_one_class_of_bits),
	KTEST_CASE(dac_walk_needs_search),
	KTEST_CASE(dac_sticky_may_delete),
	{}
};
KTEST_SUITE(dac, dac_cases);
