/* tests/test_user.c: user mode from the kernel's side. The utest_* programs
 * of the initramfs are suites of their own (KTEST_PROGRAM_SUITE): each
 * checks the system calls from user space and prints its KTAP here, as it
 * does under qemu-i386 against Linux itself. The kernel cases below check
 * what only the kernel can see: a static glibc program's output, PID 1's
 * address space, page and slab counts around many processes. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <sched/mm.h>
#include <slab.h>
#include <wait.h>
#include <asm/pgtable.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include "fs_helpers.h"

KTEST_PROGRAM_SUITE(libc, "/bin/utest_libc");
KTEST_PROGRAM_SUITE(proc, "/bin/utest_proc");
KTEST_PROGRAM_SUITE(efault, "/bin/utest_efault");
KTEST_PROGRAM_SUITE(fs, "/bin/utest_fs");
KTEST_PROGRAM_SUITE(signal, "/bin/utest_signal");
KTEST_PROGRAM_SUITE(signal_frame, "/bin/utest_signal_frame");
KTEST_PROGRAM_SUITE(signal_wait, "/bin/utest_signal_wait");
KTEST_PROGRAM_SUITE(signal_child, "/bin/utest_signal_child");
KTEST_PROGRAM_SUITE(signal_threads, "/bin/utest_signal_threads");
KTEST_PROGRAM_SUITE(signals_glibc, "/bin/signals-glibc");

extern unsigned long nr_pipes;
static unsigned long read_nr_pipes(void) { return nr_pipes; }
KTEST_COUNTER("pipes", read_nr_pipes);
KTEST_PROGRAM_SUITE(stress, "/bin/utest_stress");

/* A static glibc program (start-up, stdio, malloc, fork, waitpid) runs
 * and prints what it checked. */
static void glibc_program_runs_and_prints(struct ktest *t)
{
	static const char *const none[] = { NULL };
	struct ktest_program p = { "/bin/hello-glibc", none, "/tmp/hello-glibc.out", 0, false };
	int status;
	char *out = ktest_capture_program(&p, 2048, &status);

	KTEST_ASSERT_NOT_NULL(t, out);
	ktest_log_lines(t, out);
	KTEST_EXPECT_EQ(t, status, 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(out, "hello-glibc: malloc ok: 1024 KiB of x"));
	KTEST_EXPECT_NOT_NULL(t, strstr(out, "exited with 42"));
	kfree(out);
}

/* c14, the exec half: a kernel thread (mm NULL) execs a program and goes on
 * as a user process with the same pid (PID 1 does so with /sbin/init; the
 * runner's init boot checks getpid() == 1 there). */
static void claim_c14_kernel_thread_execs_and_keeps_its_pid(struct ktest *t)
{
	static const char *const args[] = { "c14", NULL };
	struct ktest_program p = { "/bin/hello", args, "/tmp/c14.out", 0, true };
	char want[48];
	int status;
	char *out = ktest_capture_program(&p, 2048, &status);

	KTEST_ASSERT_NOT_NULL(t, out);
	KTEST_EXPECT_EQ(t, status, 0);
	KTEST_EXPECT_FALSE(t, p.had_mm);
	snprintf(want, sizeof(want), "pid %d, parent %d", p.pid, current->pid);
	KTEST_EXPECT_NOT_NULL(t, strstr(out, want));
	KTEST_EXPECT_NOT_NULL(t, strstr(out, "argv[1] = \"c14\""));
	kfree(out);
}

/* exec errors leave the caller as it was: ENOENT, and EACCES for a
 * directory and for a file without an execute bit (/etc/motd is 0644; a
 * text file with one gives ENOEXEC: utest_proc's proc_execve_errors). */
static void execve_errors_leave_caller(struct ktest *t)
{
	static const char *const none[] = { NULL };

	KTEST_EXPECT_EQ(t, ktest_run_program("/no/such", none, NULL), ENOENT);
	KTEST_EXPECT_EQ(t, ktest_run_program("/tmp", none, NULL), EACCES);
	KTEST_EXPECT_EQ(t, ktest_run_program("/etc/motd", none, NULL), EACCES);
}

/* --- the fork storm ------------------------------------------------- */

static DECLARE_WAIT_QUEUE_HEAD(storm_wq);
static bool storm_over;

static int storm_child(void *unused)
{
	wait_event(storm_wq, storm_over);
	return 0;
}

static void hoard_pages(struct list_head *hoard, unsigned long keep)
{
	struct page *page;

	kmem_cache_shrink_all();
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN)))
		list_add(&page->lru, hoard);
	for (unsigned long i = 0; i < keep && !list_empty(hoard); i++) {
		page = list_first_entry(hoard, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
}

static void free_hoard(struct list_head *hoard)
{
	while (!list_empty(hoard)) {
		struct page *page = list_first_entry(hoard, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
	}
}

/* A process with 64 touched pages forks copies of itself (each a new
 * address space sharing those pages copy-on-write) with memory nearly
 * exhausted, until fork fails with -ENOMEM or -EAGAIN; then all exit and
 * are reaped. The suite's counters check that pages, slab objects, tasks,
 * pids, mms and VMAs are all back. */
static void fork_storm_until_enomem(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();
	LIST_HEAD(hoard);
	struct kernel_clone_args args = { .flags = SIGCHLD };
	struct pt_regs regs;
	int made = 0, reaped = 0;
	long pid;

	KTEST_ASSERT_NOT_NULL(t, mm);
	kthread_use_mm(mm);
	mmput(mm);
	KTEST_ASSERT_EQ(t, mmap_region(mm, TASK_UNMAPPED_BASE, 64 * PAGE_SIZE,
				       VM_READ | VM_WRITE, NULL, 0, 0), 0);
	for (int i = 0; i < 64; i++)
		put_user_u32(i, (u32 *)(TASK_UNMAPPED_BASE + i * PAGE_SIZE));
	storm_over = false;
	hoard_pages(&hoard, 600);
	kernel_thread_regs(&regs, storm_child, NULL);
	while ((pid = do_fork(&args, &regs)) > 0)
		made++;
	free_hoard(&hoard);
	ktest_log(t, "%d processes before fork failed with %ld", made, pid);
	KTEST_EXPECT_TRUE(t, pid == -ENOMEM || pid == -EAGAIN);
	KTEST_EXPECT_GE(t, made, 10);
	storm_over = true;
	wake_up_all(&storm_wq);
	while (kernel_wait(-1, 0, NULL) > 0)
		reaped++;
	KTEST_EXPECT_EQ(t, reaped, made);
	KTEST_EXPECT_EQ(t, page_count(pfn_to_page(pte_phys(*user_pte(mm, TASK_UNMAPPED_BASE))
					      >> PAGE_SHIFT)), 1);
	kthread_unuse_mm(mm);
	drop_lazy_mm();
}

static struct ktest_case usermode_cases[] = {
	KTEST_CASE(glibc_program_runs_and_prints),
	KTEST_CASE(claim_c14_kernel_thread_execs_and_keeps_its_pid),
	KTEST_CASE(execve_errors_leave_caller),
	KTEST_CASE(fork_storm_until_enomem),
	{}
};
KTEST_SUITE(usermode, usermode_cases);
