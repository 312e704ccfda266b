/* tests/test_pidfd.c: pidfds and struct pid from the kernel's side, and
 * the per-process system call counts. The pidfd's poll method is tested
 * here through vfs_poll and a poll_table of the test's own (Tasklab has no
 * poll system call yet): not readable while the process runs, nor while a
 * leader that exited first waits for its threads; woken and readable once
 * the whole group is gone, before and after the reaping. A struct pid
 * outlives its task and its number: the number is free for a new process
 * at once. The user-space view is the program suites /bin/utest_clone3
 * and /bin/utest_pidfd (user/bin/), registered here too. */
#include <kernel.h>
#include <completion.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <pid.h>
#include <poll.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <syscall_counts.h>
#include <timer.h>
#include <wait.h>

KTEST_PROGRAM_SUITE(clone3, "/bin/utest_clone3");
KTEST_PROGRAM_SUITE(pidfd, "/bin/utest_pidfd");

/* A poll_table that queues the caller on the file's queue, as a poll
 * system call does: poll, and if nothing is ready, sleep until woken. */
struct poll_sleeper {
	poll_table pt;
	struct wait_queue_head *wq;
	struct wait_queue_entry entry;
};

static void queue_sleeper(struct file *f, struct wait_queue_head *wq, poll_table *pt)
{
	struct poll_sleeper *s = container_of(pt, struct poll_sleeper, pt);

	s->wq = wq;
	prepare_to_wait(wq, &s->entry, TASK_UNINTERRUPTIBLE);
}

/* Poll f, sleeping up to a second for it to become ready: the events, and
 * in *woken whether a wake-up (not the timeout) ended the sleep. */
static __poll_t poll_and_sleep(struct file *f, bool *woken)
{
	struct poll_sleeper s = { .pt = { queue_sleeper, POLLIN } };
	__poll_t mask;

	INIT_LIST_HEAD(&s.entry.entry);
	s.entry.task = current;
	s.entry.flags = 0;
	mask = vfs_poll(f, &s.pt);
	*woken = false;
	if (!mask && s.wq)
		*woken = schedule_timeout(HZ) > 0;
	if (s.wq)
		finish_wait(s.wq, &s.entry);
	return mask ? mask : vfs_poll(f, NULL);
}

/* A pidfd file on the task with pid nr (the test's own, not in a table). */
static struct file *pidfd_on(pid_t nr)
{
	struct pid *pid = get_task_pid(find_task_by_pid(nr));
	struct file *f = pid ? pidfd_file(pid, 0) : ERR_PTR(-ENOMEM);

	put_pid(pid);
	return f;
}

static int wait_to_exit(void *arg)
{
	wait_for_completion(arg);
	return 0;
}

/* A running process's pidfd polls 0; its exit wakes the poller, and it
 * polls POLLIN | POLLRDNORM as a zombie and after the reaping, when the
 * struct pid no longer has a task. */
static void pidfd_poll_wakes_at_exit(struct ktest *t)
{
	DECLARE_COMPLETION(go);
	pid_t nr = kernel_thread(wait_to_exit, &go, "pidfd_waiter", SIGCHLD);
	struct file *f;
	bool woken;

	KTEST_ASSERT_GT(t, nr, 0);
	f = pidfd_on(nr);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, vfs_poll(f, NULL), 0);
	complete(&go);
	KTEST_EXPECT_EQ(t, poll_and_sleep(f, &woken), POLLIN | POLLRDNORM);
	KTEST_EXPECT_TRUE(t, woken);
	KTEST_EXPECT_PTR_EQ(t, pidfd_pid(f)->task, find_task_by_pid(nr));   /* a zombie */
	KTEST_EXPECT_EQ(t, kernel_wait(nr, 0, NULL), nr);
	KTEST_EXPECT_NULL(t, pidfd_pid(f)->task);
	KTEST_EXPECT_EQ(t, vfs_poll(f, NULL), POLLIN | POLLRDNORM);
	fput(f);
}

/* A leader that exits first and the thread it leaves. */
struct pair {
	struct completion go;            /* the thread may exit */
	pid_t thread;
};

static int thread_waits(void *arg)
{
	wait_for_completion(&((struct pair *)arg)->go);
	return 0;
}

static int leader_leaves_thread(void *arg)
{
	struct pair *pr = arg;

	pr->thread = kernel_thread(thread_waits, pr, "pidfd_thread",
				   CLONE_THREAD | CLONE_SIGHAND | CLONE_FS | CLONE_FILES);
	return 0;
}

/* Linux's rule: a pidfd is readable when the whole process has ended, not
 * when its leader has (a wait4 would not report it either). */
static void pidfd_poll_waits_for_every_thread(struct ktest *t)
{
	struct pair pr = { .thread = 0 };
	struct task_struct *leader;
	struct file *f;
	pid_t nr;
	bool woken;

	init_completion(&pr.go);
	nr = kernel_thread(leader_leaves_thread, &pr, "pidfd_leader", SIGCHLD);
	KTEST_ASSERT_GT(t, nr, 0);
	leader = find_task_by_pid(nr);
	f = pidfd_on(nr);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	while (!leader->exit_state)
		msleep(1);                       /* the leader is a zombie now */
	KTEST_EXPECT_GT(t, pr.thread, 0);
	KTEST_EXPECT_EQ(t, vfs_poll(f, NULL), 0);  /* its thread runs on */
	complete(&pr.go);
	KTEST_EXPECT_EQ(t, poll_and_sleep(f, &woken), POLLIN | POLLRDNORM);
	KTEST_EXPECT_TRUE(t, woken);
	KTEST_EXPECT_EQ(t, kernel_wait(nr, 0, NULL), nr);
	fput(f);
}

/* The struct pid is one per task, made on first use; it keeps its number
 * after the reaping, when the number itself is free for a new process. */
static void struct_pid_outlives_task_and_number(struct ktest *t)
{
	DECLARE_COMPLETION(go);
	pid_t nr = kernel_thread(wait_to_exit, &go, "pidfd_waiter", SIGCHLD);
	struct task_struct *p = find_task_by_pid(nr);
	struct pid *pid, *again;

	KTEST_ASSERT_GT(t, nr, 0);
	KTEST_EXPECT_NULL(t, p->thread_pid);
	pid = get_task_pid(p);
	KTEST_ASSERT_NOT_NULL(t, pid);
	again = get_task_pid(p);
	KTEST_EXPECT_PTR_EQ(t, again, pid);
	KTEST_EXPECT_EQ(t, pid->count, 3);           /* the task's and our two */
	put_pid(again);
	complete(&go);
	KTEST_EXPECT_EQ(t, kernel_wait(nr, 0, NULL), nr);
	KTEST_EXPECT_NULL(t, pid->task);
	KTEST_EXPECT_EQ(t, pid->nr, nr);
	KTEST_EXPECT_EQ(t, pid->count, 1);           /* ours alone */
	KTEST_EXPECT_EQ(t, alloc_pid_nr(nr), nr);    /* free for someone else */
	free_pid(nr);
	put_pid(pid);
}

/* The counts: every entry, every ENOSYS answer, per number, in this case
 * thread's own process (a kernel thread: none before), and the reader's
 * text: "nr name calls enosys" for the numbers called. */
static void syscall_counts_per_process(struct ktest *t)
{
	struct signal_struct *sig = current->signal;
	char *buf = kmalloc(4096, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, buf);
	KTEST_EXPECT_EQ(t, syscall_counts_show(sig, buf, 4096), 0);
	count_syscall(__NR_clone3);
	count_syscall(__NR_clone3);
	count_syscall(17);
	count_enosys(17);
	count_syscall(NR_syscalls + 5);              /* past the table: not counted */
	KTEST_EXPECT_EQ(t, syscall_calls_of(sig, __NR_clone3), 2);
	KTEST_EXPECT_EQ(t, syscall_enosys_of(sig, __NR_clone3), 0);
	KTEST_EXPECT_EQ(t, syscall_calls_of(sig, 17), 1);
	KTEST_EXPECT_EQ(t, syscall_enosys_of(sig, 17), 1);
	KTEST_EXPECT_EQ(t, syscall_counts_show(sig, buf, 4096), strlen("17 - 1 1\n435 clone3 2 0\n"));
	KTEST_EXPECT_STREQ(t, buf, "17 - 1 1\n435 clone3 2 0\n");
	KTEST_EXPECT_EQ(t, syscall_counts_show(sig, buf, 12), strlen("17 - 1 1\n"));
	KTEST_EXPECT_STREQ(t, buf, "17 - 1 1\n");    /* whole lines only */
	kfree(buf);
}

static const struct ktest_case pidfd_kernel_cases[] = {
	KTEST_CASE(pidfd_poll_wakes_at_exit),
	KTEST_CASE(pidfd_poll_waits_for_every_thread),
	KTEST_CASE(struct_pid_outlives_task_and_number),
	KTEST_CASE(syscall_counts_per_process),
	{}
};
KTEST_SUITE(pidfd_kernel, pidfd_kernel_cases);
