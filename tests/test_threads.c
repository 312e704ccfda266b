/* tests/test_threads.c: thread groups from the kernel's side (c01, c04,
 * c07): the fields and rings a CLONE_THREAD child gets, the reference
 * counts of what it shares, a thread reaping itself, a leader held back as
 * an unreported zombie until its last thread is gone, and CLONE_SIGHAND
 * shown on the action table itself. The user-space view is the program
 * suites /bin/utest_thread and its siblings (user/bin/utest_thread*.c),
 * registered here too. */
#include <kernel.h>
#include <completion.h>
#include <errno.h>
#include <futex.h>
#include <ktest.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <timer.h>
#include <uapi/linux/signal.h>

KTEST_PROGRAM_SUITE(thread, "/bin/utest_thread");
KTEST_PROGRAM_SUITE(thread_tid, "/bin/utest_thread_tid");
KTEST_PROGRAM_SUITE(thread_exit, "/bin/utest_thread_exit");
KTEST_PROGRAM_SUITE(thread_futex, "/bin/utest_thread_futex");

static unsigned long read_futex_waiters(void) { return nr_futex_waiters; }
KTEST_COUNTER("futex_waiters", read_futex_waiters);

#define GROUP_FLAGS (CLONE_THREAD | CLONE_SIGHAND | CLONE_FS | CLONE_FILES)

/* A two-thread group: what the leader saw and the moments it waits for. */
struct group {
	struct completion made;           /* the thread exists, fields recorded */
	struct completion go;             /* the thread may exit */
	struct completion thread_gone;    /* the leader saw it go (case 1) */
	struct task_struct *leader, *thread;
	struct mm_struct *mm;
	int mm_users_both, mm_users_after;
	int sig_count_both, sig_live_both, sig_count_after, sig_live_after;
	unsigned long zombies_after;      /* nr_zombies once the thread is gone */
	bool leader_waits;                /* the leader outlives the thread */
};

static int thread_fn(void *arg)
{
	struct group *g = arg;

	wait_for_completion(&g->go);
	return 0;
}

/* The leader: an address space of its own (a kernel thread adopting one,
 * so CLONE_VM has something to share), a thread, and the counts. */
static int leader_fn(void *arg)
{
	struct group *g = arg;
	pid_t tid;

	g->leader = current;
	g->mm = mm_alloc();
	if (!g->mm)
		return 1;
	kthread_use_mm(g->mm);
	mmput(g->mm);                     /* our use is the only user now */
	tid = kernel_thread(thread_fn, g, NULL, GROUP_FLAGS);
	g->thread = tid > 0 ? find_task_by_pid(tid) : NULL;
	if (g->thread)
		get_task_struct(g->thread);   /* the case reads it after it is gone */
	g->mm_users_both = g->mm->mm_users;
	g->sig_count_both = current->signal->count;
	g->sig_live_both = current->signal->live;
	complete(&g->made);
	if (!g->thread || !g->leader_waits)
		return 7;
	while (!list_empty(&current->thread_group))
		msleep(1);                    /* the thread releases itself */
	g->mm_users_after = g->mm->mm_users;
	g->sig_count_after = current->signal->count;
	g->sig_live_after = current->signal->live;
	g->zombies_after = nr_zombies;
	complete(&g->thread_gone);
	return 7;
}

static pid_t start_group(struct group *g, bool leader_waits)
{
	memset(g, 0, sizeof(*g));
	init_completion(&g->made);
	init_completion(&g->go);
	init_completion(&g->thread_gone);
	g->leader_waits = leader_waits;
	return kernel_thread(leader_fn, g, NULL, SIGCHLD);
}

/* c01/c07: one group, two tasks: the thread's tgid is the leader's pid,
 * both point at the leader, the ring holds both, the thread has the
 * group's parent but is not on its children list (wait4 sees groups), and
 * it shares the signal_struct (count, live) and the mm (mm_users). It
 * reaps itself: no zombie, off the ring, counts back down. */
static void claim_c07_thread_group_fields(struct ktest *t)
{
	struct group g;
	unsigned long zombies = nr_zombies;
	pid_t pid = start_group(&g, true);
	struct task_struct *th;

	KTEST_ASSERT_GT(t, pid, 0);
	wait_for_completion(&g.made);
	th = g.thread;
	KTEST_ASSERT_NOT_NULL(t, th);
	KTEST_EXPECT_EQ(t, g.leader->pid, pid);
	KTEST_EXPECT_EQ(t, g.leader->tgid, pid);
	KTEST_EXPECT_EQ(t, th->tgid, pid);
	KTEST_EXPECT_NE(t, th->pid, pid);
	KTEST_EXPECT_PTR_EQ(t, th->group_leader, g.leader);
	KTEST_EXPECT_PTR_EQ(t, g.leader->group_leader, g.leader);
	KTEST_EXPECT_PTR_EQ(t, next_thread(g.leader), th);
	KTEST_EXPECT_PTR_EQ(t, next_thread(th), g.leader);
	KTEST_EXPECT_PTR_EQ(t, th->real_parent, current);      /* the group's parent */
	KTEST_EXPECT_TRUE(t, list_empty(&th->sibling));        /* not a child of ours */
	KTEST_EXPECT_EQ(t, th->exit_signal, -1);
	KTEST_EXPECT_EQ(t, th->pgid, g.leader->pgid);
	KTEST_EXPECT_EQ(t, th->sid, g.leader->sid);
	KTEST_EXPECT_PTR_EQ(t, th->signal, g.leader->signal);
	KTEST_EXPECT_PTR_EQ(t, th->sighand, g.leader->sighand);
	KTEST_EXPECT_PTR_EQ(t, th->mm, g.mm);
	KTEST_EXPECT_EQ(t, g.sig_count_both, 2);
	KTEST_EXPECT_EQ(t, g.sig_live_both, 2);
	KTEST_EXPECT_EQ(t, g.mm_users_both, 2);
	complete(&g.go);
	wait_for_completion(&g.thread_gone);
	KTEST_EXPECT_EQ(t, th->exit_state, EXIT_DEAD);         /* released by itself */
	KTEST_EXPECT_EQ(t, g.zombies_after, zombies);           /* no zombie thread */
	KTEST_EXPECT_EQ(t, g.sig_count_after, 1);
	KTEST_EXPECT_EQ(t, g.sig_live_after, 1);
	KTEST_EXPECT_EQ(t, g.mm_users_after, 1);
	put_task_struct(th);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
}

/* A leader that exits first is a zombie wait4 does not report while its
 * thread lives (delay_group_leader), and is reported, with its own code,
 * once the thread is gone. */
static void leader_zombie_waits_for_its_threads(struct ktest *t)
{
	struct group g;
	unsigned long zombies = nr_zombies;
	pid_t pid = start_group(&g, false);
	int status = 0;

	KTEST_ASSERT_GT(t, pid, 0);
	wait_for_completion(&g.made);
	KTEST_ASSERT_NOT_NULL(t, g.thread);
	get_task_struct(g.leader);
	for (int i = 0; i < 1000 && !g.leader->exit_state; i++)
		msleep(1);
	KTEST_EXPECT_EQ(t, g.leader->exit_state, EXIT_ZOMBIE);
	KTEST_EXPECT_TRUE(t, delay_group_leader(g.leader));
	KTEST_EXPECT_EQ(t, nr_zombies, zombies + 1);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, WNOHANG, NULL), 0);   /* not yet */
	KTEST_EXPECT_EQ(t, kernel_wait(-1, WNOHANG, NULL), 0);
	KTEST_EXPECT_EQ(t, g.thread->group_leader->pid, pid);
	complete(&g.go);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, &status), pid);
	KTEST_EXPECT_EQ(t, status, 7);                            /* the leader's code */
	KTEST_EXPECT_EQ(t, nr_zombies, zombies);
	put_task_struct(g.thread);
	put_task_struct(g.leader);
}

/* Signal actions a child changes in its table. */
static int child_ignores_usr1(void *arg)
{
	current->sighand->action[SIGUSR1].handler = 1;   /* SIG_IGN */
	return 0;
}

/* c04, CLONE_SIGHAND: one action table, so the child's change is ours;
 * without it the child changed a copy. Its user-space twin, with
 * rt_sigaction, is thread.claim_c04_clone_sighand_shared_vs_copied. */
static void claim_c04_clone_sighand_shared_vs_copied(struct ktest *t)
{
	struct k_sigaction *ours = &current->sighand->action[SIGUSR1];
	unsigned long saved = ours->handler;
	pid_t pid;

	ours->handler = 0;
	pid = kernel_thread(child_ignores_usr1, NULL, NULL, SIGCHLD);
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
	KTEST_EXPECT_EQ(t, ours->handler, 0);             /* copied */
	pid = kernel_thread(child_ignores_usr1, NULL, NULL, CLONE_SIGHAND | SIGCHLD);
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
	KTEST_EXPECT_EQ(t, ours->handler, 1);             /* shared */
	ours->handler = saved;
}

/* clone's validity rules, from the kernel side (no user memory needed).
 * Init may not make siblings (CLONE_PARENT: nobody would reap them), which
 * no user program can show: this case thread passes for init (tgid 1) for
 * that one call (nothing runs in between: no preemption). */
static void clone_validity_rules(struct ktest *t)
{
	struct pt_regs regs;
	static const unsigned long bad[] = {
		CLONE_VM | CLONE_THREAD,                  /* THREAD without SIGHAND */
		CLONE_SIGHAND,                            /* SIGHAND without VM */
		CLONE_VM | CLONE_FS | CLONE_NEWNS,
		CLONE_VM | 0x04000000,                    /* CLONE_NEWUTS */
		CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | CLONE_PIDFD,   /* a pidfd is for a process */
		CLONE_PIDFD | CLONE_DETACHED,
	};
	pid_t tgid = current->tgid;
	long r;

	kernel_thread_regs(&regs, child_ignores_usr1, NULL);
	for (unsigned i = 0; i < ARRAY_SIZE(bad); i++)
		KTEST_EXPECT_EQ(t, do_fork(&(struct kernel_clone_args){ .flags = bad[i] }, &regs),
				-EINVAL);
	KTEST_EXPECT_EQ(t, do_fork(&(struct kernel_clone_args){           /* one word for both */
		.flags = CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD,
		.pidfd = 0x1000, .parent_tid = 0x1000 }, &regs), -EINVAL);
	current->tgid = 1;
	r = do_fork(&(struct kernel_clone_args){ .flags = CLONE_VM | CLONE_PARENT | SIGCHLD }, &regs);
	current->tgid = tgid;
	KTEST_EXPECT_EQ(t, r, -EINVAL);
}

/* A group that is exiting (exit_group, a fatal signal) or execing
 * (de_thread) takes no new thread: -EAGAIN. Our own group is marked so for
 * the call only; nothing runs in between (no preemption). */
static void clone_thread_into_ending_group_eagain(struct ktest *t)
{
	const struct kernel_clone_args args = { .flags = CLONE_VM | CLONE_SIGHAND | CLONE_THREAD };
	struct signal_struct *sig = current->signal;
	struct task_struct *saved_exec = sig->group_exec_task;
	struct pt_regs regs;
	unsigned int saved = sig->flags;

	kernel_thread_regs(&regs, child_ignores_usr1, NULL);
	sig->flags |= SIGNAL_GROUP_EXIT;
	KTEST_EXPECT_EQ(t, do_fork(&args, &regs), -EAGAIN);
	sig->flags = saved;
	sig->group_exec_task = current;
	KTEST_EXPECT_EQ(t, do_fork(&args, &regs), -EAGAIN);
	sig->group_exec_task = saved_exec;
}

static const struct ktest_case threads_cases[] = {
	KTEST_CASE(claim_c07_thread_group_fields),
	KTEST_CASE(leader_zombie_waits_for_its_threads),
	KTEST_CASE(claim_c04_clone_sighand_shared_vs_copied),
	KTEST_CASE(clone_validity_rules),
	KTEST_CASE(clone_thread_into_ending_group_eagain),
	{}
};
KTEST_SUITE(threads, threads_cases);
