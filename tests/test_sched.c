/* tests/test_sched.c: the scheduler and the context switch (seed claims c17,
 * c24, c25, c26, c27, c28), wait queues, timers, and exit/reaping. Tasks
 * with an address space are kernel threads that adopted one with
 * kthread_use_mm(): a "process" with its own page directory whose every
 * step the case controls, with no user program to load. */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <mm.h>
#include <pid.h>
#include <timer.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/segment.h>
#include <asm/traps.h>
#include "tasktest.h"

/* A ping-pong (tasktest.h) whose players each optionally run on an mm of
 * their own and use the FPU; the switches and CR3 writes are measured
 * between turn 1 (both players running) and the last turn. */
struct sched_pingpong {
	struct pingpong pp;
	struct mm_struct *mm[2];
	struct mm_struct *seen_mm[2], *seen_active_mm[2];
	unsigned long cr3_start, cr3_end, cs_start, cs_end;
	int fpu_bad[2];
	bool use_fpu;
};

static void sched_turn(struct pingpong *pp, int me, int r)
{
	struct sched_pingpong *sp = container_of(pp, struct sched_pingpong, pp);

	if (me == 0 && r == 1) {                           /* both run: measure */
		sp->cr3_start = sched_stats.cr3_writes;
		sp->cs_start = sched_stats.context_switches;
	}
	if (me == 0 && r == pp->rounds - 1) {
		sp->cr3_end = sched_stats.cr3_writes;
		sp->cs_end = sched_stats.context_switches;
	}
	if (sp->use_fpu && fpu_read_int() != 1000 + 111 * me)
		sp->fpu_bad[me]++;
}

static int player(void *arg)
{
	struct sched_pingpong *sp = arg;
	int me = pingpong_seat(&sp->pp);

	if (sp->mm[me])
		kthread_use_mm(sp->mm[me]);
	sp->seen_mm[me] = current->mm;
	sp->seen_active_mm[me] = current->active_mm;
	if (sp->use_fpu)
		fpu_load_int(1000 + 111 * me);
	pingpong_turns(&sp->pp, me, sched_turn);
	if (sp->mm[me])
		kthread_unuse_mm(sp->mm[me]);
	return 0;
}

/* Run a ping-pong of `rounds` turns each; the players are our children. */
static void play(struct ktest *t, struct sched_pingpong *sp, int rounds)
{
	pid_t pid[2];

	pingpong_init(&sp->pp, rounds);
	for (int i = 0; i < 2; i++) {
		pid[i] = kernel_thread(player, sp, NULL, 0);
		KTEST_ASSERT_GT(t, pid[i], 0);
		set_task_comm(find_task_by_pid(pid[i]), i ? "playr1" : "playr0");
	}
	for (int i = 0; i < 2; i++)
		KTEST_EXPECT_EQ(t, kernel_wait(pid[i], 0, NULL), pid[i]);
	KTEST_EXPECT_EQ(t, sp->pp.turn, 0);               /* every turn was played */
}

/* c25: threads sharing an mm switch without a single CR3 write; so do
 * kernel threads that keep mm == NULL on a borrowed mm (lazy TLB); tasks on
 * different mms write CR3 at every switch between them. */
static void claim_c25_no_cr3_write_between_threads(struct ktest *t)
{
	struct mm_struct *a = mm_alloc(), *b = mm_alloc();
	struct sched_pingpong same = { .use_fpu = false }, diff = same, lazy = same;
	const int rounds = 100;
	unsigned long switches;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	same.mm[0] = same.mm[1] = a;
	play(t, &same, rounds);
	switches = same.cs_end - same.cs_start;
	ktest_log(t, "shared mm: %lu switches, %lu CR3 writes", switches, same.cr3_end - same.cr3_start);
	KTEST_EXPECT_GE(t, switches, 2 * (rounds - 2));
	KTEST_EXPECT_EQ(t, same.cr3_end - same.cr3_start, 0);

	play(t, &lazy, rounds);                  /* mm[] NULL: pure kernel threads */
	switches = lazy.cs_end - lazy.cs_start;
	ktest_log(t, "borrowed mm: %lu switches, %lu CR3 writes", switches, lazy.cr3_end - lazy.cr3_start);
	for (int i = 0; i < 2; i++) {
		KTEST_EXPECT_NULL(t, lazy.seen_mm[i]);
		KTEST_EXPECT_NOT_NULL(t, lazy.seen_active_mm[i]);
	}
	KTEST_EXPECT_GE(t, switches, 2 * (rounds - 2));
	KTEST_EXPECT_EQ(t, lazy.cr3_end - lazy.cr3_start, 0);

	diff.mm[0] = a;
	diff.mm[1] = b;
	play(t, &diff, rounds);
	switches = diff.cs_end - diff.cs_start;
	ktest_log(t, "two mms: %lu switches, %lu CR3 writes", switches, diff.cr3_end - diff.cr3_start);
	KTEST_EXPECT_GE(t, diff.cr3_end - diff.cr3_start, 2 * (rounds - 2));
	KTEST_EXPECT_LE(t, diff.cr3_end - diff.cr3_start, switches);
	mmput(a);
	mmput(b);
}

/* c26: x87 registers survive switches between two tasks that both use them
 * (lazy FPU: saved at switch-out, restored at the first use after). */
static void claim_c26_fpu_state_survives_switches(struct ktest *t)
{
	struct sched_pingpong pp = { .use_fpu = true };
	const int rounds = 50;
	unsigned long traps = sched_stats.fpu_traps, saves = sched_stats.fpu_saves;

	play(t, &pp, rounds);
	KTEST_EXPECT_EQ(t, pp.fpu_bad[0], 0);
	KTEST_EXPECT_EQ(t, pp.fpu_bad[1], 0);
	ktest_log(t, "#NM traps %lu, fxsaves %lu", sched_stats.fpu_traps - traps,
		  sched_stats.fpu_saves - saves);
	KTEST_EXPECT_GE(t, sched_stats.fpu_traps - traps, 2 * (rounds - 1));
	KTEST_EXPECT_GE(t, sched_stats.fpu_saves - saves, 2 * (rounds - 1));
	KTEST_EXPECT_TRUE(t, read_cr0() & X86_CR0_TS);   /* we never used it */
}

struct lazy_probe {
	struct completion go, done;
	struct mm_struct *active_mm, *mm;
	int mm_count;
	unsigned long cr3_writes;
	u32 cr3;
};

static int lazy_kthread(void *arg)
{
	struct lazy_probe *lp = arg;

	lp->mm = current->mm;
	lp->active_mm = current->active_mm;
	lp->mm_count = current->active_mm->mm_count;
	lp->cr3_writes = sched_stats.cr3_writes;
	lp->cr3 = read_cr3();
	complete(&lp->done);
	sleep_until_stopped();
	return 0;
}

/* c17: switching from a task with an mm to a kernel thread lends the mm
 * (active_mm, one more mm_count) and loads no CR3. */
static void claim_c17_kernel_thread_borrows_active_mm(struct ktest *t)
{
	struct mm_struct *mm = mm_alloc();
	struct lazy_probe lp;
	struct task_struct *k;
	unsigned long cr3_before;
	int count_before;

	KTEST_ASSERT_NOT_NULL(t, mm);
	init_completion(&lp.done);
	k = kthread_create(lazy_kthread, &lp, "c17_lazy");   /* kthreadd's: mm NULL */
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	kthread_use_mm(mm);                 /* we are a task with its own mm now */
	KTEST_EXPECT_PTR_EQ(t, current->active_mm, mm);
	KTEST_EXPECT_EQ(t, read_cr3(), __pa(mm->pgd));
	wake_up_process(k);                 /* runs right after us: we sleep */
	count_before = mm->mm_count;
	cr3_before = sched_stats.cr3_writes;
	wait_for_completion(&lp.done);
	KTEST_EXPECT_NULL(t, lp.mm);
	KTEST_EXPECT_PTR_EQ(t, lp.active_mm, mm);
	KTEST_EXPECT_EQ(t, lp.mm_count, count_before + 1);
	KTEST_EXPECT_EQ(t, lp.cr3_writes, cr3_before);
	KTEST_EXPECT_EQ(t, lp.cr3, __pa(mm->pgd));
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
	KTEST_EXPECT_EQ(t, mm->mm_count, count_before);  /* given back after its switch */
	kthread_unuse_mm(mm);
	mmput(mm);
}

struct c18 {
	struct mm_struct *mm;
	struct task_struct *borrower;
	struct completion seen;
	int users, count;
	unsigned long nr_mm;
	struct mm_struct *active_mm;
	u32 cr3;
};

/* The last user of mm: adopts it, wakes the borrower, exits. */
static int last_user(void *arg)
{
	struct c18 *c = arg;

	kthread_use_mm(c->mm);
	mmput(c->mm);                         /* the test's reference: we are the last */
	wake_up_process(c->borrower);         /* runs right after our exit */
	return 0;
}

static int borrower(void *arg)
{
	struct c18 *c = arg;

	c->active_mm = current->active_mm;
	c->users = c->mm->mm_users;
	c->count = c->mm->mm_count;
	c->nr_mm = nr_mm_structs;
	c->cr3 = read_cr3();
	complete(&c->seen);
	sleep_until_stopped();                /* the switch away drops the borrow */
	return 0;
}

/* c18: when the last user of an mm exits while a kernel thread borrows it,
 * mm_users is 0 (the mappings would be gone) but mm_count keeps the struct
 * and page directory until the borrower switches away. */
static void claim_c18_borrowed_mm_outlives_its_users(struct ktest *t)
{
	struct c18 c;
	unsigned long nr_before;
	pid_t pid;

	drop_lazy_mm();                 /* not holding an earlier test's dead mm */
	nr_before = nr_mm_structs;
	init_completion(&c.seen);
	c.mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, c.mm);
	c.borrower = kthread_create(borrower, &c, "c18_lazy");
	KTEST_ASSERT_FALSE(t, IS_ERR(c.borrower));
	pid = kernel_thread(last_user, &c, NULL, 0);
	KTEST_ASSERT_GT(t, pid, 0);
	wait_for_completion(&c.seen);
	KTEST_EXPECT_PTR_EQ(t, c.active_mm, c.mm);
	KTEST_EXPECT_EQ(t, c.users, 0);
	KTEST_EXPECT_EQ(t, c.count, 1);               /* only the borrower */
	KTEST_EXPECT_EQ(t, c.nr_mm, nr_before + 1);    /* not freed yet */
	KTEST_EXPECT_EQ(t, c.cr3, __pa(c.mm->pgd));    /* still running on it */
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
	KTEST_EXPECT_EQ(t, kthread_stop(c.borrower), 0);
	drop_lazy_mm();                               /* in case we borrowed it next */
	KTEST_EXPECT_EQ(t, nr_mm_structs, nr_before);  /* freed at mm_count 0 */
}

struct race {
	struct completion go;
	int order[2], n;
	struct mm_struct *mm;
};

static int racer(void *arg)
{
	struct race *r = arg;
	struct mm_struct *mm = r->mm;      /* ours; r->mm changes for the next */

	if (mm)
		kthread_use_mm(mm);
	wait_for_completion(&r->go);       /* all sleep; then all become runnable */
	r->order[r->n++] = current->pid;
	if (mm)
		kthread_unuse_mm(mm);
	return 0;
}

/* Start a racer and wait until it sleeps in wait_for_completion. */
static pid_t start_racer(struct ktest *t, struct race *r, struct mm_struct *mm)
{
	pid_t pid;
	struct task_struct *p;

	r->mm = mm;
	pid = kernel_thread(racer, r, NULL, 0);
	KTEST_ASSERT_GT(t, pid, 0);
	p = find_task_by_pid(pid);
	while (p->state == TASK_RUNNING)
		yield();
	return pid;
}

static bool goodness_runs(void)
{
	return !strcmp(sched_class_name(), "goodness");
}

/* c27: of two otherwise equal runnable tasks, goodness() prefers the one
 * sharing the current mm (+1: no TLB flush), and schedule() runs it first
 * even though the other was woken first. The O(1) scheduler (2.6) dropped
 * the bonus: there the better dynamic priority runs first, and of two
 * equal ones the first woken (its lists are FIFO). */
static void claim_c27_same_mm_picked_first(struct ktest *t)
{
	struct mm_struct *a = mm_alloc(), *b = mm_alloc();
	struct race r = { .n = 0 };
	struct task_struct *x, *y;
	pid_t px, py, first;

	KTEST_ASSERT_NOT_NULL(t, a);
	KTEST_ASSERT_NOT_NULL(t, b);
	init_completion(&r.go);
	py = start_racer(t, &r, b);          /* other mm */
	px = start_racer(t, &r, a);          /* will share ours */
	kthread_use_mm(a);
	x = find_task_by_pid(px);
	y = find_task_by_pid(py);
	set_task_counter(x, 5);
	set_task_counter(y, 5);
	x->nice = y->nice = 0;
	KTEST_EXPECT_EQ(t, goodness(x, a), goodness(y, a) + 1);
	KTEST_EXPECT_EQ(t, goodness(x, a), 5 + 20 + 1);
	local_irq_disable();
	complete_all(&r.go);                 /* wakes y first, then x */
	first = goodness_runs() || task_prio(x) < task_prio(y) ? px : py;
	local_irq_enable();
	KTEST_EXPECT_EQ(t, kernel_wait(py, 0, NULL), py);
	KTEST_EXPECT_EQ(t, kernel_wait(px, 0, NULL), px);
	KTEST_EXPECT_EQ(t, r.order[0], first);
	KTEST_EXPECT_EQ(t, r.order[1], first == px ? py : px);
	kthread_unuse_mm(a);
	mmput(a);
	mmput(b);
}

/* c24: a kernel thread and a task with its own address space sit on the one
 * run queue and are ranked by the same goodness() (under O(1): the same
 * priority and slice from nice). */
static void claim_c24_one_runqueue_for_all(struct ktest *t)
{
	struct mm_struct *a = mm_alloc();
	struct race r = { .n = 0 };
	struct task_struct *proc, *thr;
	pid_t pp, pt;
	unsigned long running;

	KTEST_ASSERT_NOT_NULL(t, a);
	init_completion(&r.go);
	pp = start_racer(t, &r, a);
	pt = start_racer(t, &r, NULL);
	proc = find_task_by_pid(pp);
	thr = find_task_by_pid(pt);
	KTEST_EXPECT_FALSE(t, task_on_runqueue(proc));
	running = nr_running();
	complete_all(&r.go);
	KTEST_EXPECT_TRUE(t, task_on_runqueue(proc));
	KTEST_EXPECT_TRUE(t, task_on_runqueue(thr));
	KTEST_EXPECT_EQ(t, nr_running(), running + 2);
	set_task_counter(proc, 3);
	set_task_counter(thr, 3);
	/* same formula; the kernel thread gets the no-switch bonus */
	KTEST_EXPECT_EQ(t, goodness(thr, NULL), goodness(proc, NULL) + 1);
	/* the O(1) scheduler's priorities come from one formula for both too */
	KTEST_EXPECT_EQ(t, task_static_prio(thr), task_static_prio(proc));
	KTEST_EXPECT_EQ(t, task_timeslice(thr), task_timeslice(proc));
	KTEST_EXPECT_EQ(t, kernel_wait(pp, 0, NULL), pp);
	KTEST_EXPECT_EQ(t, kernel_wait(pt, 0, NULL), pt);
	KTEST_EXPECT_EQ(t, r.n, 2);
	mmput(a);
}

static int idle_child(void *arg)
{
	return 7;
}

/* The running task's slice left, in the field of either policy (2.4's
 * counter, 2.6's time_slice). Interrupts off. */
static void set_current_slice(long ticks)
{
	current->counter = ticks;
	current->time_slice = ticks;
}

/* sched_fork alone, on a scratch child: the halves of the slice, and
 * whether the parent was told to reschedule. Interrupts are off. */
static long split_counter(long counter, long *parent_after, bool *resched)
{
	static struct task_struct scratch;

	scratch.stack = current->stack;       /* only its CPU is read there */
	set_current_slice(counter);
	clear_tsk_need_resched(current);
	sched_fork(&scratch);
	*parent_after = task_slice_left(current);
	*resched = need_resched();
	return task_slice_left(&scratch);
}

/* c28: fork splits the parent's remaining slice: the child gets the larger
 * half, the total is unchanged, a parent left with 0 must reschedule.
 * Interrupts stay off from setting the counter to reading the halves, so
 * no tick takes one off in between (the kernel is not preemptible, and a
 * fork without CLONE_VFORK does not sleep). The reschedule request is
 * checked on sched_fork alone: waking a child with the larger half asks
 * for one too. In 2.6's form (O(1)) the split is the same, and a parent
 * left with 0 expires at once: a new full slice (in the expired array
 * unless interactive) and a reschedule. */
static void claim_c28_fork_splits_counter(struct ktest *t)
{
	unsigned long flags = local_irq_save();
	long parent_after, child_got, parent_rest, small_parent_rest;
	long child_half, small_child_half;
	bool resched, small_resched;
	int status = 0;
	pid_t pid;

	set_current_slice(11);
	pid = kernel_thread(idle_child, NULL, NULL, 0);
	child_got = pid > 0 ? task_slice_left(find_task_by_pid(pid)) : -1;
	parent_after = task_slice_left(current);
	child_half = split_counter(11, &parent_rest, &resched);
	small_child_half = split_counter(1, &small_parent_rest, &small_resched);
	local_irq_restore(flags);
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, child_got, 6);
	KTEST_EXPECT_EQ(t, parent_after, 5);
	KTEST_EXPECT_EQ(t, child_half, 6);
	KTEST_EXPECT_EQ(t, parent_rest, 5);
	KTEST_EXPECT_FALSE(t, resched);
	KTEST_EXPECT_EQ(t, small_child_half, 1);
	KTEST_EXPECT_EQ(t, small_parent_rest, goodness_runs() ? 0 : (long)task_timeslice(current));
	KTEST_EXPECT_TRUE(t, small_resched);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, &status), pid);
	KTEST_EXPECT_EQ(t, status, 7);
}

static int spinner(void *arg)
{
	while (!kthread_should_stop())
		yield();
	return 0;
}

/* Epoch: when every runnable task has used its slice, all counters are
 * recalculated (counter / 2 + slice), sleepers included. */
static void epoch_recalculates_counters(struct ktest *t)
{
	struct task_struct *k = kthread_run(spinner, NULL, "spinner");
	struct task_struct *sleeper = kthreadd_task;
	unsigned long epochs = sched_stats.epochs;
	long before;

	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	before = task_counter(sleeper);
	local_irq_disable();
	current->counter = 0;
	k->counter = 0;
	local_irq_enable();
	yield();                                  /* best goodness is 0: new epoch */
	KTEST_EXPECT_GT(t, sched_stats.epochs, epochs);
	KTEST_EXPECT_EQ(t, sleeper->state, TASK_INTERRUPTIBLE);
	KTEST_EXPECT_GE(t, task_counter(sleeper), before / 2 + NICE_TO_TICKS(sleeper->nice));
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
}

/* Start a kthread that sleeps until stopped and return it asleep, its
 * counter set to 0 as of the current epoch. */
static struct task_struct *start_zero_sleeper(struct ktest *t, struct probe *pr)
{
	struct task_struct *k;

	probe_init(pr, 0);
	k = kthread_run(probe_thread, pr, "sleeper");
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	wait_for_completion(&pr->ready);
	while (task_on_runqueue(k))
		yield();
	set_task_counter(k, 0);
	return k;
}

/* Force one epoch: every runnable counter (ours and a spinner's) is 0. */
static void force_epoch(struct ktest *t, struct task_struct *spin)
{
	unsigned long epochs = sched_stats.epochs;

	local_irq_disable();
	current->counter = 0;
	spin->counter = 0;
	local_irq_enable();
	yield();
	KTEST_EXPECT_GT(t, sched_stats.epochs, epochs);
}

/* A sleeper woken after epochs it slept through is put on the run queue with
 * its counter caught up: the raw p->counter the scheduler's goodness() reads
 * is the recalculated one (0 -> s -> s/2 + s after two epochs), not the 0 it
 * had when it went to sleep. */
static void woken_sleeper_counter_caught_up(struct ktest *t)
{
	struct task_struct *spin = kthread_run(spinner, NULL, "spinner");
	struct probe pr;
	struct task_struct *k;
	unsigned long epochs;
	long expect = 0, counter;
	bool queued;

	KTEST_ASSERT_FALSE(t, IS_ERR(spin));
	k = start_zero_sleeper(t, &pr);
	epochs = sched_stats.epochs;
	force_epoch(t, spin);
	force_epoch(t, spin);
	for (unsigned long i = epochs; i < sched_stats.epochs; i++)
		expect = expect / 2 + NICE_TO_TICKS(k->nice);
	local_irq_disable();
	KTEST_EXPECT_EQ(t, k->counter, 0);        /* epochs skip sleepers */
	wake_up_process(k);
	queued = task_on_runqueue(k);
	counter = k->counter;
	local_irq_enable();
	KTEST_EXPECT_TRUE(t, queued);
	KTEST_EXPECT_GE(t, expect, NICE_TO_TICKS(k->nice) * 3 / 2);
	KTEST_EXPECT_EQ(t, counter, expect);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
	KTEST_EXPECT_EQ(t, kthread_stop(spin), 0);
}

/* A sleeper that missed a thousand epochs catches up in a few steps: the
 * recalculation stops once counter / 2 + slice no longer changes it (the
 * fixed point from 0 is 2 * slice - 1). */
static void long_sleeper_catches_up_in_few_steps(struct ktest *t)
{
	struct probe pr;
	struct task_struct *k = start_zero_sleeper(t, &pr);
	unsigned long steps;
	long counter;

	local_irq_disable();
	k->epoch_seen -= 1000;
	steps = sched_stats.recalc_steps;
	counter = task_counter(k);
	steps = sched_stats.recalc_steps - steps;
	local_irq_enable();
	KTEST_EXPECT_EQ(t, counter, 2 * NICE_TO_TICKS(k->nice) - 1);
	KTEST_EXPECT_LE(t, steps, 8);
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
}

static struct wait_queue_head wq_test;
static volatile int wq_go, wq_woken;
static struct completion wq_ran;          /* one event per sleeper that woke */

static int wq_sleeper(void *arg)
{
	if (arg)
		wait_event_exclusive(wq_test, wq_go);
	else
		wait_event(wq_test, wq_go);
	wq_woken++;
	complete(&wq_ran);
	return 0;
}

/* Sleepers on q now, and how many of them are exclusive. */
static int wq_sleepers(struct wait_queue_head *q, int *exclusive)
{
	unsigned long flags = local_irq_save();
	struct wait_queue_entry *w;
	int n = 0;

	*exclusive = 0;
	list_for_each_entry(w, &q->task_list, entry) {
		n++;
		*exclusive += !!(w->flags & WQ_FLAG_EXCLUSIVE);
	}
	local_irq_restore(flags);
	return n;
}

/* wake_up() wakes every non-exclusive sleeper and one exclusive one;
 * wake_up_all() the rest. What is checked is the queue itself (who is on
 * it), and each woken sleeper reports through wq_ran, so no result depends
 * on how long anything took to run. */
static void wait_queue_exclusive_wakeups(struct ktest *t)
{
	int exclusive, queued = 0;
	pid_t pids[5];

	init_waitqueue_head(&wq_test);
	init_completion(&wq_ran);
	wq_go = 0;
	wq_woken = 0;
	for (int i = 0; i < 5; i++) {
		pids[i] = kernel_thread(wq_sleeper, i < 3 ? (void *)1 : NULL, NULL, 0);
		KTEST_ASSERT_GT(t, pids[i], 0);
	}
	for (int i = 0; i < HZ && (queued = wq_sleepers(&wq_test, &exclusive)) < 5; i++)
		schedule_timeout_uninterruptible(1);    /* until all five are queued */
	KTEST_ASSERT_EQ(t, queued, 5);
	KTEST_EXPECT_EQ(t, exclusive, 3);
	KTEST_EXPECT_EQ(t, wq_woken, 0);
	wq_go = 1;
	KTEST_EXPECT_EQ(t, wake_up(&wq_test), 3);    /* 2 plain + 1 exclusive */
	KTEST_EXPECT_EQ(t, wq_sleepers(&wq_test, &exclusive), 2);
	KTEST_EXPECT_EQ(t, exclusive, 2);             /* the other exclusive ones wait on */
	for (int i = 0; i < 3; i++)
		wait_for_completion(&wq_ran);
	KTEST_EXPECT_EQ(t, wq_woken, 3);
	KTEST_EXPECT_EQ(t, wq_sleepers(&wq_test, &exclusive), 2);   /* still asleep */
	KTEST_EXPECT_EQ(t, wake_up_all(&wq_test), 2);
	for (int i = 0; i < 5; i++)
		KTEST_EXPECT_EQ(t, kernel_wait(pids[i], 0, NULL), pids[i]);
	KTEST_EXPECT_EQ(t, wq_woken, 5);
}

static struct timer_list wake_timer;

static void wake_wq_test(unsigned long unused)
{
	wq_go = 1;
	wake_up(&wq_test);
}

/* schedule_timeout sleeps the given ticks unless woken; msleep rounds up;
 * wait_event_timeout returns 0 on timeout, the ticks left when woken. */
static void timers_and_msleep(struct ktest *t)
{
	unsigned long j = jiffies;
	long left;

	msleep(30);
	KTEST_EXPECT_GE(t, jiffies - j, 3);
	j = jiffies;
	left = schedule_timeout_uninterruptible(5);
	KTEST_EXPECT_EQ(t, left, 0);
	KTEST_EXPECT_GE(t, jiffies - j, 5);
	init_waitqueue_head(&wq_test);
	wq_go = 0;
	left = wait_event_timeout(wq_test, wq_go, 5);
	KTEST_EXPECT_EQ(t, left, 0);
	setup_timer(&wake_timer, wake_wq_test, 0);         /* a wake-up after 3 ticks */
	j = jiffies;
	mod_timer(&wake_timer, j + 3);
	left = wait_event_timeout(wq_test, wq_go, 50);
	KTEST_EXPECT_TRUE(t, wq_go);
	KTEST_EXPECT_GE(t, left, 50 - 4);                  /* woken early: time left */
	KTEST_EXPECT_LE(t, left, 50 - 2);                  /* a tick may come before the wait */
	KTEST_EXPECT_FALSE(t, del_timer(&wake_timer));      /* it fired: not pending */
}

static struct completion orphan_release;

static int orphan(void *arg)
{
	wait_for_completion(&orphan_release);
	return 0;
}

static int short_lived_parent(void *arg)
{
	*(pid_t *)arg = kernel_thread(orphan, NULL, NULL, 0);
	return 0;                                /* exits before its child */
}

/* An exiting task's children are reparented to PID 1, which reaps them. */
static void orphans_go_to_init(struct ktest *t)
{
	pid_t child = 0, parent;
	struct task_struct *o;

	init_completion(&orphan_release);
	parent = kernel_thread(short_lived_parent, &child, NULL, 0);
	KTEST_ASSERT_GT(t, parent, 0);
	KTEST_EXPECT_EQ(t, kernel_wait(parent, 0, NULL), parent);
	KTEST_ASSERT_GT(t, child, 0);
	o = find_task_by_pid(child);
	KTEST_ASSERT_NOT_NULL(t, o);
	KTEST_EXPECT_EQ(t, o->parent->pid, 1);
	KTEST_EXPECT_EQ(t, kernel_wait(child, WNOHANG, NULL), -ECHILD);  /* not ours */
	complete(&orphan_release);
}

/* A zombie keeps its stack until reaped, and its stack is freed only after
 * the switch away from it. */
static void zombie_keeps_stack_until_reaped(struct ktest *t)
{
	pid_t pid = kernel_thread(idle_child, NULL, NULL, 0);
	struct task_struct *p = find_task_by_pid(pid);
	unsigned long free_zombie;

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, p->usage, 2);
	while (p->exit_state != EXIT_ZOMBIE)
		msleep(1);
	KTEST_EXPECT_EQ(t, p->state, TASK_DEAD);
	KTEST_EXPECT_EQ(t, p->usage, 1);             /* the switch away dropped one */
	KTEST_EXPECT_EQ(t, *end_of_stack(p), STACK_END_MAGIC);   /* still there */
	free_zombie = nr_free_pages();
	KTEST_EXPECT_EQ(t, kernel_wait(pid, WNOHANG, NULL), pid);
	KTEST_EXPECT_GE(t, nr_free_pages() - free_zombie, 2);
	KTEST_EXPECT_NULL(t, find_task_by_pid(pid));
	KTEST_EXPECT_EQ(t, kernel_wait(-1, WNOHANG, NULL), -ECHILD);
}

static volatile bool child_ran;

static int note_run(void *arg)
{
	child_ran = true;
	return 0;
}

/* 2.4 preemption model: interrupts returning to kernel mode never switch
 * tasks, even with need_resched set; the trap exit toward user mode does. */
static void need_resched_acted_on_only_toward_user_mode(struct ktest *t)
{
	struct pt_regs regs = { .trapno = 0x81 };        /* a vector nobody handles */
	unsigned long j;
	pid_t pid;

	child_ran = false;
	pid = kernel_thread(note_run, NULL, NULL, 0);          /* runnable, not running */
	KTEST_ASSERT_GT(t, pid, 0);
	set_tsk_need_resched(current);
	for (j = jiffies; jiffies - j < 3; )
		halt();                                  /* ticks return to kernel mode */
	KTEST_EXPECT_FALSE(t, child_ran);
	regs.cs = __KERNEL_CS;
	do_trap_entry(&regs);
	KTEST_EXPECT_FALSE(t, child_ran);
	KTEST_EXPECT_TRUE(t, need_resched());
	regs.cs = __USER_CS;                             /* as if returning to ring 3 */
	do_trap_entry(&regs);
	KTEST_EXPECT_TRUE(t, child_ran);
	KTEST_EXPECT_FALSE(t, need_resched());
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
}

static int sleeper_back;

/* Sleep as a wait loop that checks for signals first and then sets its
 * state would, with the signal come in between (TIF_SIGPENDING set, as a
 * sender on another CPU sets it, after the check and before the sleep). */
static int sleep_with_signal_come(void *arg)
{
	(void)arg;
	set_current_state(TASK_INTERRUPTIBLE);
	set_ti_thread_flag(current_thread_info(), TIF_SIGPENDING);
	schedule();
	clear_ti_thread_flag(current_thread_info(), TIF_SIGPENDING);
	WRITE_ONCE(sleeper_back, 1);
	return 0;
}

/* Linux's rule in schedule(): a TASK_INTERRUPTIBLE task with a signal
 * pending is not put to sleep (pause() once lost a SIGTERM sent from
 * another CPU as it went to sleep: signals_glibc's glibc_kill_child hung). */
static void signal_pending_keeps_interruptible_sleeper_running(struct ktest *t)
{
	pid_t pid;
	struct task_struct *p;

	sleeper_back = 0;
	pid = kernel_thread(sleep_with_signal_come, NULL, NULL, 0);
	KTEST_ASSERT_GT(t, pid, 0);
	p = find_get_task_by_pid(pid);
	for (int i = 0; i < 100 && !READ_ONCE(sleeper_back); i++)
		msleep(10);
	KTEST_EXPECT_EQ(t, READ_ONCE(sleeper_back), 1);
	if (p) {
		wake_up_process(p);                /* asleep for good without the rule */
		put_task_struct(p);
	}
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
}

static const struct ktest_case sched_cases[] = {
	KTEST_CASE(claim_c17_kernel_thread_borrows_active_mm),
	KTEST_CASE(claim_c18_borrowed_mm_outlives_its_users),
	KTEST_CASE(claim_c24_one_runqueue_for_all),
	KTEST_CASE(claim_c25_no_cr3_write_between_threads),
	KTEST_CASE(claim_c26_fpu_state_survives_switches),
	KTEST_CASE(claim_c27_same_mm_picked_first),
	KTEST_CASE(claim_c28_fork_splits_counter),
	KTEST_CASE(wait_queue_exclusive_wakeups),
	KTEST_CASE(timers_and_msleep),
	KTEST_CASE(orphans_go_to_init),
	KTEST_CASE(zombie_keeps_stack_until_reaped),
	KTEST_CASE(need_resched_acted_on_only_toward_user_mode),
	KTEST_CASE(signal_pending_keeps_interruptible_sleeper_running),
	{}
};
KTEST_SUITE(sched, sched_cases);

/* The 2.4 scheduler's own workings (epochs, sleepers' catch-up), run under
 * it whatever sched= chose: the suite switches to it and back. */
static const char *boot_policy;

static void goodness_suite_init(void)
{
	boot_policy = sched_class_name();
	BUG_ON(sched_switch_class("goodness"));
}

static void goodness_suite_exit(void)
{
	BUG_ON(sched_switch_class(boot_policy));
}

static const struct ktest_case sched_goodness_cases[] = {
	KTEST_CASE(claim_c27_same_mm_picked_first),
	KTEST_CASE(epoch_recalculates_counters),
	KTEST_CASE(woken_sleeper_counter_caught_up),
	KTEST_CASE(long_sleeper_catches_up_in_few_steps),
	{}
};
KTEST_SUITE_FULL(sched_goodness, sched_goodness_cases, goodness_suite_init, goodness_suite_exit);
