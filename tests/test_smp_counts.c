/* tests/test_smp_counts.c: the reference counts that CPUs change on one
 * shared object without a common lock (include/lock_order.h's "made safe"
 * list): a superblock's (every /proc inode holds proc's), a user_struct's
 * (its tasks' signals are queued under many siglocks), a dentry's and an
 * inode's (an open file holds both), and the supplementary groups' (every
 * fork takes init_groups, every task's last put drops it). Every CPU at once takes and drops
 * references many times; the count must come back to where it was. A
 * plain ++/-- loses updates here within a few thousand rounds under QEMU's
 * multi-threaded TCG (make test runs the suite so), and a lost update of a
 * count is a use-after-free or a leak later. */
#include <kernel.h>
#include <cred.h>
#include <fs.h>
#include <ktest.h>
#include <mount.h>
#include <sched/user.h>
#include <smp.h>

#define ROUNDS 50000
#define TEST_UID 54321           /* a uid no other test or task uses */

static struct super_block *count_sb;
static struct user_struct *count_user;
static struct dentry *count_dentry;

/* Each CPU: take and drop one reference of each object, ROUNDS times. */
static void take_and_drop(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++) {
		get_super(count_sb);
		get_uid(count_user);
		dget(count_dentry);
		ihold(count_dentry->d_inode);
		get_group_info(&init_groups);
		put_super(count_sb);
		free_uid(count_user);
		iput(count_dentry->d_inode);
		dput(count_dentry);
		put_group_info(&init_groups);
	}
}

static void claim_c32_shared_counts_atomic_across_cpus(struct ktest *t)
{
	static struct file_system_type count_fs = { .name = "smp_counts" };
	int sb_count, user_count, d_count, i_count, groups_usage;

	count_sb = alloc_super(&count_fs, NULL);
	KTEST_ASSERT_NOT_NULL(t, count_sb);
	count_user = alloc_uid(TEST_UID);
	count_dentry = ramfs_new_unlinked("smp_counts", S_IFREG | 0600);
	if (!count_user || !count_dentry) {
		KTEST_FAIL(t, "out of memory making the objects");
		goto out;
	}
	sb_count = count_sb->s_count;
	user_count = count_user->count;
	d_count = count_dentry->d_count;
	i_count = count_dentry->d_inode->i_count;
	groups_usage = init_groups.usage;
	KTEST_EXPECT_EQ(t, ktest_on_all_cpus(take_and_drop, NULL), num_online_cpus());
	KTEST_EXPECT_EQ(t, count_sb->s_count, sb_count);
	KTEST_EXPECT_EQ(t, count_user->count, user_count);
	KTEST_EXPECT_EQ(t, count_dentry->d_count, d_count);
	KTEST_EXPECT_EQ(t, count_dentry->d_inode->i_count, i_count);
	KTEST_EXPECT_EQ(t, init_groups.usage, groups_usage);
	ktest_log(t, "%d CPUs, %d references each taken and dropped per object",
		  num_online_cpus(), ROUNDS);
out:
	if (count_dentry)
		dput(count_dentry);
	if (count_user)
		free_uid(count_user);
	put_super(count_sb);
}

static struct ktest_case smp_counts_cases[] = {
	KTEST_CASE(claim_c32_shared_counts_atomic_across_cpus),
	{}
};
KTEST_SUITE(smp_counts, smp_counts_cases);
