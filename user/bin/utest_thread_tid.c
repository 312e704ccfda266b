/* user/bin/utest_thread_tid.c: KTAP self-tests of what a thread library
 * keeps per thread: CLONE_SETTLS and its errors, the tid words
 * (PARENT_SETTID, CHILD_SETTID, CHILD_CLEARTID, set_tid_address), and
 * set_robust_list as glibc meets it. One of the thread
 * programs listed in user/bin/utest_thread.c; runs on Tasklab and under
 * qemu-i386 on the build host (Linux's ABI). */
#include <errno.h>
#include <fcntl.h>
#include <futex.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* Linux's struct user_desc. */
struct user_desc {
	unsigned int entry_number, base_addr, limit;
	unsigned int seg_32bit:1, contents:2, read_exec_only:1, limit_in_pages:1,
		     seg_not_present:1, useable:1;
};

static void tls_desc(struct user_desc *u, int entry, void *base)
{
	memset(u, 0, sizeof(*u));
	u->entry_number = entry;
	u->base_addr = (unsigned int)base;
	u->limit = 0xfffff;
	u->seg_32bit = 1;
	u->limit_in_pages = 1;
	u->useable = 1;
}

static void clone_bad_pointers_efault(struct ktap *t)
{
	struct user_desc u;
	pid_t tid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 ignores bad TLS and PARENT_SETTID pointers");
		return;
	}
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS | CLONE_SETTLS, &tid, NULL, &tid), EFAULT);
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS | CLONE_SETTLS, &tid, (void *)0xC0000000, &tid), EFAULT);
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS, NULL, NULL, &tid), EFAULT);
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS, (pid_t *)0xC0001000, NULL, &tid), EFAULT);
	KTAP_EXPECT_EQ(t, clone_errno(CLONE_PARENT_SETTID | SIGCHLD, NULL, NULL, NULL), EFAULT);
	tls_desc(&u, 3, &u);                          /* not a TLS slot */
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS | CLONE_SETTLS, &tid, &u, &tid), EINVAL);
	tls_desc(&u, -1, &u);                         /* clone may not pick a slot */
	KTAP_EXPECT_EQ(t, clone_errno(THREAD_FLAGS | CLONE_SETTLS, &tid, &u, &tid), EINVAL);
}

/* ---- the thread library's words ---- */

static unsigned int tls_word = 0x7157eadu;
static volatile unsigned int read_through_gs;

static int thread_reads_gs(void *arg)
{
	unsigned int sel = *(unsigned int *)arg * 8 + 3, v;

	__asm__ __volatile__("movw %w1, %%gs\n\tmovl %%gs:0, %0" : "=r"(v) : "r"(sel));
	read_through_gs = v;
	__asm__ __volatile__("movw %w0, %%gs" :: "r"(0));
	return 0;
}

/* CLONE_SETTLS: the thread starts with its own descriptor in the slot. */
static void clone_settls_gives_thread_its_segment(struct ktap *t)
{
	struct user_desc u;
	struct thread th;
	unsigned int entry;

	tls_desc(&u, -1, &u);
	KTAP_ASSERT_EQ(t, syscall(__NR_set_thread_area, (long)&u, 0, 0, 0, 0, 0), 0);
	entry = u.entry_number;                       /* a free slot, ours now */
	tls_desc(&u, entry, &tls_word);
	read_through_gs = 0;
	KTAP_ASSERT_TRUE(t, map_stack(&th) != NULL);
	KTAP_ASSERT_GT(t, clone(thread_reads_gs, th.stack + THREAD_STACK_SIZE, THREAD_FLAGS | CLONE_SETTLS,
				&entry, (pid_t *)&th.tid, &u, (pid_t *)&th.tid), 0);
	thread_join(&th);
	KTAP_EXPECT_EQ(t, read_through_gs, tls_word);
	tls_desc(&u, entry, NULL);                    /* give the slot back: empty */
	u.limit = 0;
	u.seg_32bit = u.limit_in_pages = u.useable = 0;
	u.read_exec_only = u.seg_not_present = 1;
	syscall(__NR_set_thread_area, (long)&u, 0, 0, 0, 0, 0);
}

static volatile int settid_seen, set_tid_ret, other_word;

static int thread_reads_ctid(void *arg)
{
	settid_seen = *(volatile int *)arg;
	return 0;
}

/* CHILD_SETTID: the word holds the tid before the thread's first
 * instruction; CHILD_CLEARTID zeroes it at exit. */
static void clone_child_settid_and_cleartid(struct ktap *t)
{
	struct thread th;
	int tid;

	KTAP_ASSERT_TRUE(t, map_stack(&th) != NULL);
	settid_seen = 0;
	tid = clone(thread_reads_ctid, th.stack + THREAD_STACK_SIZE,
		    (THREAD_FLAGS & ~CLONE_PARENT_SETTID) | CLONE_CHILD_SETTID, (void *)&th.tid,
		    NULL, NULL, (pid_t *)&th.tid);
	KTAP_ASSERT_GT(t, tid, 0);
	while (settid_seen == 0)
		sched_yield();
	thread_join(&th);
	KTAP_EXPECT_EQ(t, settid_seen, tid);
	KTAP_EXPECT_EQ(t, th.tid, 0);
}

static int thread_moves_tid_word(void *arg)
{
	set_tid_ret = __syscall1(__NR_set_tid_address, (long)&other_word);
	other_word = __syscall0(__NR_gettid);
	return 0;
}

/* set_tid_address returns the tid and moves the word exit clears: the
 * clone's word stays, the new one is zeroed and woken. */
static void set_tid_address_moves_cleared_word(struct ktap *t)
{
	struct thread th;
	int tid;

	KTAP_EXPECT_EQ(t, set_tid_address((int *)&other_word), gettid());
	other_word = 1;                               /* until the thread sets it */
	tid = thread_start(&th, thread_moves_tid_word, NULL, 0);
	KTAP_ASSERT_GT(t, tid, 0);
	wait_word_zero(&other_word);                  /* its exit zeroes this one */
	KTAP_EXPECT_EQ(t, set_tid_ret, tid);
	KTAP_EXPECT_EQ(t, th.tid, tid);               /* not the clone's word */
	munmap(th.stack, THREAD_STACK_SIZE);
	set_tid_address(NULL);
}

/* glibc's start-up call that is accepted without doing much:
 * set_robust_list (Linux's size check). Tasklab only: qemu-i386 refuses
 * set_robust_list. (clone3, which glibc tries first for a thread, has
 * its own program: utest_clone3.) */
static void robust_list_accepted(struct ktap *t)
{
	long head[3] = { 0, 0, 0 };

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 refuses set_robust_list");
		return;
	}
	head[0] = (long)head;                         /* an empty list points at itself */
	KTAP_EXPECT_EQ(t, syscall(__NR_set_robust_list, (long)head, 12, 0, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, syscall(__NR_set_robust_list, (long)head, 8, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(clone_bad_pointers_efault),
	KTAP_CASE(clone_settls_gives_thread_its_segment),
	KTAP_CASE(clone_child_settid_and_cleartid),
	KTAP_CASE(set_tid_address_moves_cleared_word),
	KTAP_CASE(robust_list_accepted),
	{}
};

int main(void)
{
	return ktap_run_suite("thread_tid", cases);
}
