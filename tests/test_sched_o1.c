/* tests/test_sched_o1.c: the O(1) scheduler (kernel/sched/o1.c), run under
 * it whatever sched= chose (the suite switches to it and back): the pick
 * by priority, SCHED_FIFO and SCHED_RR, the share nice buys, the
 * interactivity bonus, the expired array's starvation limit, and fork's
 * slice split with sched_exit's return. The busy tasks are kernel threads
 * that call schedule() when asked (the kernel is not preemptible: this is
 * where a preemptible one would switch), and time is counted in ticks. */
#include <kernel.h>
#include <ktest.h>
#include <kthread.h>
#include <timer.h>
#include <asm/irqflags.h>
#include "tasktest.h"

static const char *boot_policy;

static void o1_suite_init(void)
{
	boot_policy = sched_class_name();
	BUG_ON(sched_switch_class("o1"));
}

/* Back to the boot's policy, once kthreadd has reaped the busy threads
 * (so no later case sees their stacks freed under it). */
static void o1_suite_exit(void)
{
	for (int i = 0; nr_zombies && i < 1000; i++)
		msleep(1);
	BUG_ON(sched_switch_class(boot_policy));
}

/* A preemption point: what the tick or a wake-up asked for. */
static inline void cond_resched(void)
{
	if (need_resched())
		schedule();
}

/* --- the pick ------------------------------------------------------- */

#define NR_RACERS 8

struct order {
	struct completion go;
	pid_t ran[NR_RACERS];
	int n;
};

static int record_and_exit(void *arg)
{
	struct order *o = arg;

	wait_for_completion(&o->go);
	o->ran[o->n++] = current->pid;
	return 0;
}

/* Racers of different nice values and real-time priorities, asleep. */
static void start_racers(struct ktest *t, struct order *o, struct task_struct **p)
{
	static const int nices[NR_RACERS] = { 10, -5, 19, 0, 5, -20, 0, 0 };

	for (int i = 0; i < NR_RACERS; i++) {
		pid_t pid = kernel_thread(record_and_exit, o, NULL, 0);

		KTEST_ASSERT_GT(t, pid, 0);
		p[i] = find_task_by_pid(pid);
		while (p[i]->state == TASK_RUNNING)
			yield();
		set_user_nice(p[i], nices[i]);
	}
	sched_setscheduler_nocheck(p[6], SCHED_FIFO, 10, false);
	sched_setscheduler_nocheck(p[7], SCHED_RR, 50, false);
}

/* The bitmap pick: tasks woken together run in order of priority (real
 * time first, the higher rt_priority first), equal ones in wake order,
 * whatever their nice and however they were queued. */
static void bitmap_pick_returns_highest_priority(struct ktest *t)
{
	struct task_struct *p[NR_RACERS];
	struct order o = { .n = 0 };
	int prio[NR_RACERS], expect[NR_RACERS];

	init_completion(&o.go);
	start_racers(t, &o, p);
	local_irq_disable();
	complete_all(&o.go);                    /* wakes them in list order */
	for (int i = 0; i < NR_RACERS; i++) {
		prio[i] = task_prio(p[i]);
		expect[i] = p[i]->pid;
	}
	local_irq_enable();
	for (int i = 1; i < NR_RACERS; i++)      /* stable: ties keep wake order */
		for (int j = i; j > 0 && prio[j] < prio[j - 1]; j--) {
			int tp = prio[j], te = expect[j];

			prio[j] = prio[j - 1];
			expect[j] = expect[j - 1];
			prio[j - 1] = tp;
			expect[j - 1] = te;
		}
	KTEST_EXPECT_EQ(t, prio[0], 99 - 50);   /* the RR task at 50 */
	KTEST_EXPECT_EQ(t, prio[1], 99 - 10);   /* then the FIFO one */
	for (int i = 0; i < NR_RACERS; i++)
		KTEST_EXPECT_EQ(t, kernel_wait(expect[i], 0, NULL), expect[i]);
	KTEST_ASSERT_EQ(t, o.n, NR_RACERS);
	for (int i = 0; i < NR_RACERS; i++)
		KTEST_EXPECT_EQ(t, o.ran[i], expect[i]);
}

/* --- real time ------------------------------------------------------ */

struct busy {
	volatile bool stop;
	volatile unsigned long loops;
	volatile unsigned long last_seen, max_gap;   /* jiffies; the longest wait */
	bool pin_interactive;                        /* keep sleep_avg full */
	bool zero_sleep_avg;                         /* start as a hog */
};

/* Spin until told to stop, noting the longest time off the CPU. */
static int busy_loop(void *arg)
{
	struct busy *b = arg;

	if (b->zero_sleep_avg)
		current->sleep_avg = 0;
	b->last_seen = jiffies;
	while (!b->stop) {
		unsigned long now = jiffies;

		b->max_gap = max(b->max_gap, now - b->last_seen);
		b->last_seen = now;
		b->loops++;
		if (b->pin_interactive)
			current->sleep_avg = MAX_SLEEP_AVG;
		cond_resched();
	}
	return 0;
}

static struct task_struct *start_busy(struct ktest *t, struct busy *b, const char *name)
{
	struct task_struct *k = kthread_run(busy_loop, b, name);

	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	return k;
}

struct fifo_probe {
	struct busy *hog;
	unsigned long hog_before, hog_after_spin, hog_after_yield;
};

/* Spin 5 ticks with preemption points, yield, then report. */
static int fifo_spin(void *arg)
{
	struct fifo_probe *f = arg;
	unsigned long j = jiffies;

	f->hog_before = f->hog->loops;
	while (jiffies - j < 5)
		cond_resched();
	f->hog_after_spin = f->hog->loops;
	yield();
	f->hog_after_yield = f->hog->loops;
	return 0;
}

/* A SCHED_FIFO task runs ahead of every SCHED_OTHER one and keeps the CPU
 * through ticks and even a yield (no other real-time task is runnable). */
static void fifo_runs_until_it_blocks_ahead_of_others(struct ktest *t)
{
	struct busy hog = { 0 };
	struct fifo_probe f = { .hog = &hog };
	struct task_struct *h = start_busy(t, &hog, "hog");
	pid_t pid;

	msleep(30);                          /* the hog is running */
	KTEST_EXPECT_GT(t, hog.loops, 0);
	pid = kernel_thread(fifo_spin, &f, "fifo", 0);   /* runs after we sleep */
	KTEST_ASSERT_GT(t, pid, 0);
	sched_setscheduler_nocheck(find_task_by_pid(pid), SCHED_FIFO, 1, false);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, NULL), pid);
	KTEST_EXPECT_EQ(t, f.hog_after_spin, f.hog_before);
	KTEST_EXPECT_EQ(t, f.hog_after_yield, f.hog_before);
	hog.stop = true;
	KTEST_EXPECT_EQ(t, kthread_stop(h), 0);
}

#define RR_TURNS 8

struct rr_log {
	volatile int last, turns;
	unsigned long turn_start;
	int who[RR_TURNS];
	unsigned long len[RR_TURNS];
};

struct rr_player {
	struct rr_log *log;
	int me;
};

/* Note each change of runner and how long the previous turn lasted. */
static int rr_play(void *arg)
{
	struct rr_player *p = arg;
	struct rr_log *l = p->log;

	while (l->turns < RR_TURNS) {
		if (l->last != p->me) {
			unsigned long flags = local_irq_save();

			if (l->turns)
				l->len[l->turns - 1] = jiffies - l->turn_start;
			l->turn_start = jiffies;
			l->who[l->turns++] = p->me;
			l->last = p->me;
			local_irq_restore(flags);
		}
		cond_resched();
	}
	return 0;
}

/* Two SCHED_RR tasks of one priority take turns of one slice each (100 ms
 * at nice 0: task_timeslice), and nothing else runs between them. */
static void rr_tasks_alternate_at_their_slice(struct ktest *t)
{
	struct rr_log log = { .last = -1 };
	struct rr_player pl[2] = { { &log, 0 }, { &log, 1 } };
	pid_t pid[2];
	long slice = 0;

	for (int i = 0; i < 2; i++) {          /* neither runs before we sleep */
		struct task_struct *k;

		pid[i] = kernel_thread(rr_play, &pl[i], "rr", 0);
		KTEST_ASSERT_GT(t, pid[i], 0);
		k = find_task_by_pid(pid[i]);
		sched_setscheduler_nocheck(k, SCHED_RR, 20, false);
		slice = task_timeslice(k);
	}
	KTEST_EXPECT_EQ(t, slice, 100 * HZ / 1000);
	for (int i = 0; i < 2; i++)
		KTEST_EXPECT_EQ(t, kernel_wait(pid[i], 0, NULL), pid[i]);
	KTEST_ASSERT_EQ(t, log.turns, RR_TURNS);
	for (int i = 1; i < RR_TURNS; i++)
		KTEST_EXPECT_NE(t, log.who[i], log.who[i - 1]);
	for (int i = 2; i < RR_TURNS - 1; i++) {   /* each one's first: a fork's half */
		ktest_log(t, "turn %d: %lu ticks", i, log.len[i]);
		KTEST_EXPECT_GE(t, log.len[i], slice - 1);
		KTEST_EXPECT_LE(t, log.len[i], slice + 1);
	}
}

/* --- shares and interactivity -------------------------------------- */

static unsigned long ticks_run(const struct task_struct *p)
{
	return p->utime + p->stime;
}

/* Two CPU hogs, nice 0 and nice 19: each runs its whole slice, then waits
 * in the expired array for the other, so their shares are the slice table's
 * 100 ms : 5 ms (one tick at HZ 100): 10 to 1. Asserted within 8..13. */
static void nice19_against_nice0_shares_as_2_6(struct ktest *t)
{
	struct busy b0 = { .zero_sleep_avg = true }, b19 = b0;
	struct task_struct *k0 = start_busy(t, &b0, "nice0");
	struct task_struct *k19 = start_busy(t, &b19, "nice19");
	unsigned long r0, r19;

	set_user_nice(k19, 19);
	KTEST_EXPECT_EQ(t, task_timeslice(k0), 10 * task_timeslice(k19));
	msleep(200);                         /* the hogs lose what sleep_avg they had */
	r0 = ticks_run(k0);
	r19 = ticks_run(k19);
	msleep(2000);
	r0 = ticks_run(k0) - r0;
	r19 = ticks_run(k19) - r19;
	b0.stop = b19.stop = true;
	KTEST_EXPECT_EQ(t, kthread_stop(k0), 0);
	KTEST_EXPECT_EQ(t, kthread_stop(k19), 0);
	ktest_log(t, "nice 0 ran %lu ticks, nice 19 %lu", r0, r19);
	KTEST_ASSERT_GT(t, r19, 0);
	KTEST_EXPECT_GE(t, r0, 8 * r19);
	KTEST_EXPECT_LE(t, r0, 13 * r19);
}

struct sleeper_probe {
	volatile bool stop;
};

/* Sleep 3 ticks, run about one: mostly asleep, as an interactive task. */
static int often_asleep(void *arg)
{
	struct sleeper_probe *s = arg;

	while (!s->stop) {
		unsigned long j;

		schedule_timeout_uninterruptible(3);
		for (j = jiffies; jiffies == j; )
			cond_resched();
	}
	return 0;
}

/* A task that sleeps often earns a better dynamic priority than a CPU hog
 * of the same nice (bonus up to +5, the hog -5), and keeps it while it
 * goes on sleeping: sampled ten times over a second. */
static void interactive_task_beats_hog(struct ktest *t)
{
	struct busy hog = { .zero_sleep_avg = true };
	struct sleeper_probe sp = { false };
	struct task_struct *h = start_busy(t, &hog, "hog");
	struct task_struct *s = kthread_run(often_asleep, &sp, "interactive");
	int better = 0;

	KTEST_ASSERT_FALSE(t, IS_ERR(s));
	msleep(1500);
	for (int i = 0; i < 10; i++) {
		int ps = task_prio(s), ph = task_prio(h);

		better += ps < ph;
		if (i == 9)
			ktest_log(t, "interactive prio %d, hog prio %d", ps, ph);
		msleep(100);
	}
	KTEST_EXPECT_EQ(t, better, 10);
	KTEST_EXPECT_EQ(t, task_prio(h), task_static_prio(h) + 5);
	KTEST_EXPECT_LT(t, task_prio(s), task_static_prio(s));
	sp.stop = true;
	hog.stop = true;
	KTEST_EXPECT_EQ(t, kthread_stop(s), 0);
	KTEST_EXPECT_EQ(t, kthread_stop(h), 0);
}

/* An interactive hog goes back into the active array at each slice's end;
 * a plain hog waits in the expired array, but not for ever: once the
 * expired array has waited the starvation limit (1 s per runnable task),
 * expiring tasks go there too and the arrays swap. As 2.6, the hog may
 * then wait one more limit (after the swap the interactive task, better
 * placed, runs and is put back again): its longest wait is at least 1 s
 * (it was kept waiting) and within two limits for two tasks plus a few
 * slices; the 6 s run is longer than that, so a hog starved for good
 * would show. */
static void expired_array_starves_no_one(struct ktest *t)
{
	struct busy inter = { .pin_interactive = true };
	struct busy hog = { .zero_sleep_avg = true };
	struct task_struct *k = start_busy(t, &inter, "inter");
	struct task_struct *h = start_busy(t, &hog, "hog");
	unsigned long limit = 2 * (MAX_SLEEP_AVG * 2 + 1) + 4 * task_timeslice(h);
	unsigned long gap;

	msleep(6000);
	local_irq_disable();
	gap = max(hog.max_gap, jiffies - hog.last_seen);
	inter.stop = hog.stop = true;
	local_irq_enable();
	KTEST_EXPECT_EQ(t, kthread_stop(k), 0);
	KTEST_EXPECT_EQ(t, kthread_stop(h), 0);
	ktest_log(t, "the hog waited up to %lu ticks (limit %lu)", gap, limit);
	KTEST_EXPECT_GE(t, gap, MAX_SLEEP_AVG);
	KTEST_EXPECT_LE(t, gap, limit);
}

/* --- fork and exit -------------------------------------------------- */

/* 2.6's fork splits the slice as 2.4's did (c28); a child reaped while
 * still on that first slice gives what it left back to its parent, up to
 * a full slice; one that had a slice of its own gives nothing. Done on a
 * scratch child with interrupts off, so no tick moves the figures. */
static void fork_split_and_sched_exit_return(struct ktest *t)
{
	static struct task_struct child;
	unsigned long flags = local_irq_save();
	unsigned int full = task_timeslice(current);
	long after_fork, child_got, after_exit, capped, not_first;

	child.stack = current->stack;         /* only its CPU is read there */
	current->time_slice = 8;
	sched_fork(&child);
	after_fork = task_slice_left(current);
	child_got = task_slice_left(&child);
	child.parent = current;
	child.time_slice = 3;                 /* it ran one tick */
	sched_exit(&child);
	after_exit = task_slice_left(current);
	current->time_slice = full - 2;
	child.time_slice = 5;
	sched_exit(&child);
	capped = task_slice_left(current);
	current->time_slice = 4;
	child.first_time_slice = false;
	sched_exit(&child);
	not_first = task_slice_left(current);
	local_irq_restore(flags);
	KTEST_EXPECT_EQ(t, after_fork, 4);
	KTEST_EXPECT_EQ(t, child_got, 4);
	KTEST_EXPECT_EQ(t, after_exit, 7);
	KTEST_EXPECT_EQ(t, capped, full);
	KTEST_EXPECT_EQ(t, not_first, 4);
}

/* sched_yield under O(1) puts the caller in the expired array: a hog in
 * the active array runs before the yielder returns, and the arrays swap
 * (the yielder at nice 19 runs after the hog even if the hog expired). */
static void yield_goes_behind_the_active_array(struct ktest *t)
{
	struct busy hog = { .zero_sleep_avg = true };
	struct task_struct *h = start_busy(t, &hog, "hog");
	unsigned long before, after, swaps;
	long nice = current->nice;

	msleep(20);
	set_user_nice(current, 19);   /* below the hog even if both expired */
	before = hog.loops;
	swaps = sched_stats.array_swaps;
	yield();
	after = hog.loops;
	set_user_nice(current, nice);
	KTEST_EXPECT_GT(t, after, before);
	KTEST_EXPECT_GT(t, sched_stats.array_swaps, swaps);
	hog.stop = true;
	KTEST_EXPECT_EQ(t, kthread_stop(h), 0);
}

static const struct ktest_case sched_o1_cases[] = {
	KTEST_CASE(bitmap_pick_returns_highest_priority),
	KTEST_CASE(fifo_runs_until_it_blocks_ahead_of_others),
	KTEST_CASE(rr_tasks_alternate_at_their_slice),
	KTEST_CASE(nice19_against_nice0_shares_as_2_6),
	KTEST_CASE(interactive_task_beats_hog),
	KTEST_CASE(expired_array_starves_no_one),
	KTEST_CASE(fork_split_and_sched_exit_return),
	KTEST_CASE(yield_goes_behind_the_active_array),
	{}
};
KTEST_SUITE_FULL(sched_o1, sched_o1_cases, o1_suite_init, o1_suite_exit);
