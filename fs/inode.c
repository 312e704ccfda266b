/* fs/inode.c: inodes: making one (its number, owner and times), the
 * reference count that frees it with its data, and the three times Linux
 * keeps: atime (data read), mtime (data changed), ctime (data or
 * attributes changed). Times come from the wall clock (the RTC at boot
 * plus jiffies: 10 ms steps), kept with nanoseconds as Linux keeps them,
 * so that utimensat can set any value and stat gives it back. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <capability.h>
#include <mount.h>
#include <slab.h>
#include <time.h>

#define RELATIME_MAX  (24 * 60 * 60)    /* a day: atime moves at least this often */

unsigned long nr_inodes;
static unsigned long last_ino;

struct timespec64 current_time(void)
{
	struct timespec64 now;

	ktime_get_real_ts64(&now);
	return now;
}

/* What every inode needs before anyone can see it, whichever filesystem
 * makes it (new_inode, procfs, tracefs): its mapping list and locks. */
void inode_init_once(struct inode *inode)
{
	INIT_LIST_HEAD(&inode->i_mmap);
	__spin_lock_init(&inode->i_lock, "inode->i_lock");
	__spin_lock_init(&inode->i_mmap_lock, "inode->i_mmap_lock");
	__init_rwsem(&inode->i_rwsem, "inode->i_rwsem");
}

struct inode *new_inode(umode_t mode)
{
	struct inode *inode = kzalloc(sizeof(*inode), GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_ino = __atomic_add_fetch(&last_ino, 1, __ATOMIC_RELAXED);
	inode->i_mode = mode;
	inode->i_nlink = S_ISDIR(mode) ? 2 : 1;
	inode->i_uid = current->fsuid;
	inode->i_gid = current->fsgid;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	inode_init_once(inode);
	__atomic_add_fetch(&nr_inodes, 1, __ATOMIC_RELAXED);
	return inode;
}

void inode_init_owner(struct inode *inode, const struct inode *dir, umode_t mode)
{
	inode->i_uid = current->fsuid;
	if (dir && (dir->i_mode & S_ISGID)) {
		inode->i_gid = dir->i_gid;
		if (S_ISDIR(mode))
			mode |= S_ISGID;
		else if ((mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) &&
			 !in_group_p(inode->i_gid) && !capable(CAP_FSETID))
			mode &= ~S_ISGID;       /* no setgid program for a group not ours */
	} else {
		inode->i_gid = current->fsgid;
	}
	inode->i_mode = mode;
}

/* Atomic: the dentries and files holding an inode are dropped on any CPU. */
struct inode *ihold(struct inode *inode)
{
	__atomic_add_fetch(&inode->i_count, 1, __ATOMIC_RELAXED);
	return inode;
}

/* The last reference frees the inode; its filesystem lets go of what it
 * hung on it first (procfs: a task), and of the superblock after. */
void iput(struct inode *inode)
{
	struct super_block *sb = inode->i_sb;

	if (__atomic_sub_fetch(&inode->i_count, 1, __ATOMIC_ACQ_REL) > 0)
		return;
	BUG_ON(inode->i_pipe);          /* its last open end freed the pipe */
	BUG_ON(!list_empty(&inode->i_mmap));     /* each VMA holds a reference */
	if (sb && sb->s_op && sb->s_op->evict_inode)
		sb->s_op->evict_inode(inode);
	if (S_ISREG(inode->i_mode))
		ramfs_truncate(inode, 0);
	kfree(inode->i_pages);
	kfree(inode->i_link);
	kfree(inode);
	__atomic_sub_fetch(&nr_inodes, 1, __ATOMIC_RELAXED);
	if (sb)
		put_super(sb);
}

void inode_touch(struct inode *inode, int which)
{
	struct timespec64 now = current_time();

	if (which & S_ATIME)
		inode->i_atime = now;
	if (which & S_MTIME)
		inode->i_mtime = now;
	if (which & S_CTIME)
		inode->i_ctime = now;
}

static bool ts_after(struct timespec64 a, struct timespec64 b)
{
	return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

/* Linux's relatime (the default mount option): a read moves the atime
 * only if it is not after the mtime or the ctime (so "read since the last
 * change?" can be answered) or if it is a day old. */
void touch_atime(struct inode *inode)
{
	struct timespec64 now = current_time();

	if (!ts_after(inode->i_atime, inode->i_mtime) || !ts_after(inode->i_atime, inode->i_ctime) ||
	    now.tv_sec - inode->i_atime.tv_sec >= RELATIME_MAX)
		inode->i_atime = now;
}
