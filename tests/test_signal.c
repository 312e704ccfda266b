/* tests/test_signal.c: signals from inside the kernel, where a test can
 * set up what a user program cannot (the user-visible behaviour is
 * user/bin/utest_signal*.c): kill's permission rules for uid, euid and
 * saved uid against a kernel thread, and the pending sets: a blocked signal is queued with its siginfo, a standard signal
 * once however often it is sent, a real-time one each time, TIF_SIGPENDING
 * follows the blocked mask, flushing frees every queued record, and
 * RLIMIT_SIGPENDING bounds them; and
 * the choice of the thread that takes a group signal. */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <slab.h>
#include <syscall.h>

/* As an ordinary user, kthreadd (root's) may not be signalled: EPERM from
 * kill, tkill and tgkill, also for signal 0; kill(-1) finds targets but
 * none it may signal, which Linux reports as success. A target whose saved
 * uid is the caller's may be; euid 0 may signal anyone. */
static void kill_another_users_task_is_eperm(struct ktest *t)
{
	struct task_struct *k = kthreadd_task;
	unsigned int uid = current->uid, euid = current->euid, suid = current->suid;

	KTEST_ASSERT_TRUE(t, k && k->uid == 0 && k->suid == 0);
	current->uid = current->euid = current->suid = 1000;
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_kill, k->pid, SIGUSR1, 0), -EPERM);
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_kill, k->pid, 0, 0), -EPERM);
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_tkill, k->pid, SIGUSR1, 0), -EPERM);
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_tgkill, k->tgid, k->pid, SIGUSR1), -EPERM);
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_kill, -1, 0, 0), 0);
	k->suid = 1000;                             /* its saved uid is ours */
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_kill, k->pid, 0, 0), 0);
	k->suid = 0;
	current->euid = 0;                          /* privileged again */
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_kill, k->pid, 0, 0), 0);
	current->uid = uid;
	current->euid = euid;
	current->suid = suid;
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_kill, k->pid, 0, 0), 0);   /* root may */
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_kill, 0x7fffffff, 0, 0), -ESRCH);
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_kill, k->pid, 65, 0), -EINVAL);
}

static unsigned long queued(struct sigpending *p, int sig)
{
	struct sigqueue *q;
	unsigned long n = 0;

	list_for_each_entry(q, &p->list, list)
		n += q->info.si_signo == sig;
	return n;
}

static void pending_sets_queue_and_flush(struct ktest *t)
{
	struct kernel_siginfo info = { .si_code = SI_USER };
	sigset_t old = current->blocked;
	int rt = __SIGRTMIN + 1;

	set_current_blocked(sigmask(SIGUSR1) | sigmask(rt));
	KTEST_EXPECT_FALSE(t, signal_pending(current));
	info.kill.pid = 4242;
	for (int i = 0; i < 3; i++) {
		KTEST_EXPECT_EQ(t, send_sig_info(SIGUSR1, &info, current, false), 0);
		KTEST_EXPECT_EQ(t, send_sig_info(rt, &info, current, false), 0);
	}
	KTEST_EXPECT_TRUE(t, current->pending.signal & sigmask(SIGUSR1));
	KTEST_EXPECT_EQ(t, queued(&current->pending, SIGUSR1), 1);   /* merged */
	KTEST_EXPECT_EQ(t, queued(&current->pending, rt), 3);        /* queued */
	KTEST_EXPECT_EQ(t, list_first_entry(&current->pending.list, struct sigqueue,
					    list)->info.kill.pid, 4242);
	KTEST_EXPECT_FALSE(t, signal_pending(current));              /* blocked */
	KTEST_EXPECT_FALSE(t, fatal_signal_pending(current));
	set_current_blocked(sigmask(rt));
	KTEST_EXPECT_TRUE(t, signal_pending(current));               /* SIGUSR1 unblocked */
	flush_signals(current);
	KTEST_EXPECT_TRUE(t, list_empty(&current->pending.list));
	KTEST_EXPECT_EQ(t, current->pending.signal, 0);
	set_current_blocked(old);
	KTEST_EXPECT_FALSE(t, signal_pending(current));
}

/* RLIMIT_SIGPENDING: records are charged to the receiver's user; past the
 * limit tkill of a real-time signal is EAGAIN, kill's is sent without its
 * record, and a standard signal gets through; freeing uncharges. */
static void sigpending_limit(struct ktest *t)
{
	struct rlimit *lim = &current->signal->rlim[RLIMIT_SIGPENDING], saved = *lim;
	struct kernel_siginfo tk = { .si_code = SI_TKILL }, user = { .si_code = SI_USER };
	sigset_t old = current->blocked;
	int rt = __SIGRTMIN + 2, base = current->user->sigpending;

	lim->rlim_cur = base + 2;
	set_current_blocked(sigmask(rt) | sigmask(SIGUSR2));
	KTEST_EXPECT_EQ(t, send_sig_info(rt, &tk, current, false), 0);
	KTEST_EXPECT_EQ(t, send_sig_info(rt, &tk, current, false), 0);
	KTEST_EXPECT_EQ(t, current->user->sigpending, base + 2);
	KTEST_EXPECT_EQ(t, send_sig_info(rt, &tk, current, false), -EAGAIN);
	KTEST_EXPECT_EQ(t, send_sig_info(rt, &user, current, false), 0);
	KTEST_EXPECT_EQ(t, queued(&current->pending, rt), 2);
	KTEST_EXPECT_EQ(t, send_sig_info(SIGUSR2, &user, current, false), 0);
	KTEST_EXPECT_EQ(t, queued(&current->pending, SIGUSR2), 1);   /* past the limit */
	KTEST_EXPECT_EQ(t, current->user->sigpending, base + 3);
	flush_signals(current);
	KTEST_EXPECT_EQ(t, current->user->sigpending, base);
	*lim = saved;
	set_current_blocked(old);
}

/* A kernel thread (like PID 1) ignores what it leaves at SIG_DFL: nothing
 * is queued, not even SIGKILL. */
static void kernel_threads_ignore_default_signals(struct ktest *t)
{
	struct kernel_siginfo info = { .si_code = SI_USER };

	KTEST_EXPECT_EQ(t, send_sig_info(SIGTERM, &info, current, true), 0);
	KTEST_EXPECT_EQ(t, send_sig_info(SIGKILL, &info, current, false), 0);
	KTEST_EXPECT_EQ(t, current->pending.signal | current->signal->shared_pending.signal, 0);
	KTEST_EXPECT_FALSE(t, signal_pending(current));
}

static volatile bool sleepers_stop;

static int interruptible_sleeper(void *unused)
{
	while (!sleepers_stop) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!sleepers_stop)
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* Two more threads in the caller's group (kernel threads with
 * CLONE_THREAD: the ring of include/sched.h), held by a reference. */
static int start_sleepers(struct task_struct *th[2])
{
	const unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;

	sleepers_stop = false;
	for (int i = 0; i < 2; i++) {
		pid_t pid = kernel_thread(interruptible_sleeper, NULL, NULL, flags);

		if (pid < 0) {
			sleepers_stop = true;      /* the first one, if any, ends */
			if (i)
				put_task_struct(th[0]);
			return pid;
		}
		th[i] = find_task_by_pid(pid);
		get_task_struct(th[i]);
	}
	while (th[0]->state != TASK_INTERRUPTIBLE || th[1]->state != TASK_INTERRUPTIBLE)
		yield();
	return 0;
}

static void stop_sleepers(struct task_struct *th[2])
{
	sleepers_stop = true;
	for (int i = 0; i < 2; i++) {
		flush_signals(th[i]);
		wake_up_process(th[i]);
	}
	while (!th[0]->exit_state || !th[1]->exit_state)
		yield();
	put_task_struct(th[0]);
	put_task_struct(th[1]);
}

/* A group signal goes to a thread that does not block it (Linux's
 * complete_signal): the caller and thread A block SIGUSR1, so B is marked
 * and woken; a thread-directed signal that A blocks stays on A, unmarked.
 * (A handler address is set so kernel threads do not just drop it.) */
static void group_signal_goes_to_a_thread_not_blocking_it(struct ktest *t)
{
	struct k_sigaction *ka = &current->sighand->action[SIGUSR1 - 1];
	struct kernel_siginfo info = { .si_code = SI_USER };
	struct task_struct *th[2] = { NULL, NULL };
	sigset_t old = current->blocked;

	KTEST_ASSERT_EQ(t, start_sleepers(th), 0);
	KTEST_EXPECT_PTR_EQ(t, th[0]->signal, current->signal);
	ka->handler = 0x1000;
	set_current_blocked(sigmask(SIGUSR1));
	th[0]->blocked = sigmask(SIGUSR1);
	th[1]->blocked = 0;
	KTEST_EXPECT_EQ(t, send_sig_info(SIGUSR1, &info, current, true), 0);
	KTEST_EXPECT_TRUE(t, current->signal->shared_pending.signal & sigmask(SIGUSR1));
	KTEST_EXPECT_FALSE(t, signal_pending(current));
	KTEST_EXPECT_FALSE(t, signal_pending(th[0]));
	KTEST_EXPECT_TRUE(t, signal_pending(th[1]));
	KTEST_EXPECT_EQ(t, th[1]->state, TASK_RUNNING);          /* woken */
	KTEST_EXPECT_EQ(t, send_sig_info(SIGUSR1, &info, th[0], false), 0);
	KTEST_EXPECT_TRUE(t, th[0]->pending.signal & sigmask(SIGUSR1));
	KTEST_EXPECT_FALSE(t, signal_pending(th[0]));
	ka->handler = SIG_DFL;
	flush_signals(current);
	set_current_blocked(old);
	stop_sleepers(th);
}

static const struct ktest_case signal_kernel_cases[] = {
	KTEST_CASE(group_signal_goes_to_a_thread_not_blocking_it),
	KTEST_CASE(kill_another_users_task_is_eperm),
	KTEST_CASE(pending_sets_queue_and_flush),
	KTEST_CASE(sigpending_limit),
	KTEST_CASE(kernel_threads_ignore_default_signals),
	{}
};
KTEST_SUITE(signal_kernel, signal_kernel_cases);
