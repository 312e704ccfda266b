/* tests/usermm.h: helpers for the self-tests that build user address
 * spaces from the kernel side (tests/test_usermm.c, tests/test_shm.c). The
 * test task adopts the address space it builds (kthread_use_mm), so its
 * user copies fault exactly as a process's would. */
#ifndef TASKLAB_TESTS_USERMM_H
#define TASKLAB_TESTS_USERMM_H

#include <sched.h>
#include <sched/mm.h>
#include <asm/uaccess.h>

/* A fresh address space with the test task running on it. */
static inline struct mm_struct *enter_new_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	kthread_use_mm(mm);
	mmput(mm);                 /* the task's reference is the only user now */
	return mm;
}

/* Give the address space back: the last user's leaving tears it down. */
static inline void leave_test_mm(struct mm_struct *mm)
{
	kthread_unuse_mm(mm);
	drop_lazy_mm();
}

static inline bool put_u32(unsigned long uaddr, u32 v) { return put_user_u32(v, (u32 *)uaddr) == 0; }

/* The word at uaddr, or 0xdeadbeef when it cannot be read. */
static inline u32 get_u32(unsigned long uaddr)
{
	u32 v = 0xdeadbeef;

	get_user_u32(&v, (u32 *)uaddr);
	return v;
}

/* A file mapped into a fresh address space: a ramfs tree of its own with
 * one file, "data", open with `flags`, and the test task on a new mm. */
struct file_mm {
	struct dentry *root;
	struct file *f;
	struct mm_struct *mm;
};

/* Set fx up with data[0..n) as the file's bytes: false (fx half made, for
 * file_mm_done) when something could not be made. */
bool file_mm_start(struct file_mm *fx, const void *data, size_t n, unsigned int flags);
/* Leave the mm, close the file, drop the tree: whatever was made. */
void file_mm_done(struct file_mm *fx);

#endif
