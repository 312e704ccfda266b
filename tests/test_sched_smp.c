/* tests/test_sched_smp.c: claim c32's scheduling half, tasks on several
 * CPUs (kernel/sched/core.c, balance.c). Busy kernel threads ("hogs")
 * record every CPU they run on and, for a window of jiffies, which CPU
 * they were on at each tick; their affinity is set here, since the kernel
 * suites' own tasks are pinned to CPU 0 (tests/ktest.c). Every case also
 * holds in a boot with `nosmpsched`, where it asserts the other mode:
 * only CPU 0 runs tasks (sched_nr_cpus() is 1). */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include "tasktest.h"

#define WINDOW 64                          /* jiffies recorded per hog */
#define MAX_HOGS (2 * NR_CPUS)

struct hog {
	struct task_struct *task;
	unsigned long cpus;                /* a bit per CPU it ran on */
	unsigned long from;                /* the first jiffy of the window */
	u8 at[WINDOW];                     /* CPU + 1 seen at each jiffy */
};

/* Spin until stopped, giving way when asked (the kernel is not
 * preemptible), recording where it runs. */
static int hog_thread(void *arg)
{
	struct hog *h = arg;

	while (!kthread_should_stop()) {
		int cpu = smp_processor_id();
		unsigned long j = jiffies - __atomic_load_n(&h->from, __ATOMIC_RELAXED);

		__atomic_fetch_or(&h->cpus, 1UL << cpu, __ATOMIC_RELAXED);
		if (j < WINDOW)
			h->at[j] = cpu + 1;
		if (need_resched())
			schedule();
		cpu_relax();
	}
	return 0;
}

static cpumask_t all_cpus(void)
{
	return *cpu_online_mask;
}

/* Start n hogs allowed on mask, their window starting `delay` jiffies on. */
static void start_hogs(struct ktest *t, struct hog *h, int n, cpumask_t mask, int delay)
{
	memset(h, 0, n * sizeof(*h));
	for (int i = 0; i < n; i++) {
		h[i].from = jiffies + delay;
		h[i].task = kthread_create(hog_thread, &h[i], "hog%d", i);
		KTEST_ASSERT_FALSE(t, IS_ERR(h[i].task));
		KTEST_EXPECT_EQ(t, set_cpus_allowed(h[i].task, mask), 0);
		wake_up_process(h[i].task);
	}
}

static void stop_hogs(struct hog *h, int n)
{
	for (int i = 0; i < n; i++)
		if (h[i].task && !IS_ERR(h[i].task))
			kthread_stop(h[i].task);
	wait_for_reaping();
}

/* At jiffy j, did all n hogs run, each on a CPU of its own? */
static bool all_at_once(const struct hog *h, int n, int j)
{
	unsigned long seen = 0;

	for (int i = 0; i < n; i++) {
		if (!h[i].at[j] || (seen & (1UL << (h[i].at[j] - 1))))
			return false;
		seen |= 1UL << (h[i].at[j] - 1);
	}
	return true;
}

/* N busy threads run on N CPUs at once: some tick saw each on a CPU of
 * its own. With one CPU running tasks, they all ran on CPU 0. */
static void claim_c32_n_busy_threads_on_n_cpus_at_once(struct ktest *t)
{
	int n = sched_nr_cpus(), ticks_together = 0;
	struct hog h[NR_CPUS];

	start_hogs(t, h, n, all_cpus(), 100 * HZ);   /* no window yet */
	for (int i = 0; i < n; i++)                 /* from 10 ticks after all started */
		__atomic_store_n(&h[i].from, jiffies + 10, __ATOMIC_RELAXED);
	msleep((10 + WINDOW) * 1000 / HZ + 50);
	stop_hogs(h, n);
	for (int j = 0; j < WINDOW; j++)
		ticks_together += all_at_once(h, n, j);
	ktest_log(t, "%d threads on %d CPUs: all at once during %d of %d ticks",
		  n, n, ticks_together, WINDOW);
	KTEST_EXPECT_GE(t, ticks_together, WINDOW / 4);
	for (int i = 0; i < n; i++) {
		KTEST_EXPECT_NE(t, h[i].cpus, 0);
		if (n == 1)
			KTEST_EXPECT_EQ(t, h[i].cpus, 1);
	}
}

/* The CPU a case's own tasks go to: CPU 2 if it runs tasks, else the
 * last that does (CPU 0 alone with nosmpsched). */
static int target_cpu(void)
{
	int n = sched_nr_cpus();

	return n > 2 ? 2 : n - 1;
}

/* Affinity honoured: a hog pinned to one CPU runs only there; when its
 * mask changes (from this CPU, while it runs there), migration/N moves it
 * and it runs only on the new CPU. */
static void claim_c32_affinity_honoured_and_migration_moves(struct ktest *t)
{
	int cpu = target_cpu(), other = sched_nr_cpus() > 1 ? 1 : 0;
	struct sched_cpu_stats before, after;
	struct hog h[1];

	start_hogs(t, h, 1, (cpumask_t){ 1UL << cpu }, 0);
	msleep(200);
	KTEST_EXPECT_EQ(t, __atomic_load_n(&h[0].cpus, __ATOMIC_SEQ_CST), 1UL << cpu);
	sched_get_cpu_stats(other, &before);
	KTEST_EXPECT_EQ(t, set_cpus_allowed(h[0].task, (cpumask_t){ 1UL << other }), 0);
	__atomic_store_n(&h[0].cpus, 0, __ATOMIC_SEQ_CST);
	msleep(200);
	KTEST_EXPECT_EQ(t, __atomic_load_n(&h[0].cpus, __ATOMIC_SEQ_CST), 1UL << other);
	sched_get_cpu_stats(other, &after);
	if (other != cpu && strcmp(sched_class_name(), "goodness"))   /* by migration/<cpu> */
		KTEST_EXPECT_EQ(t, after.nr_migrated - before.nr_migrated, 1);
	KTEST_EXPECT_EQ(t, set_cpus_allowed(h[0].task, (cpumask_t){ ~cpu_online_mask->bits & 0xff }),
			-EINVAL);                        /* no online CPU in it */
	stop_hogs(h, 1);
}

/* Load balancing spreads 2N hogs started on CPU 0 alone: once they may
 * run anywhere, the periodic and idle balancing pull them until every CPU
 * has some (the pulls counted). Under goodness every idle CPU picks from
 * the one queue: every CPU runs some, nothing is pulled. */
static void claim_c32_load_balancing_spreads_hogs(struct ktest *t)
{
	int n = sched_nr_cpus(), cpu;
	unsigned long pulled = 0, ran = 0;
	struct hog h[MAX_HOGS];
	struct sched_cpu_stats s;

	start_hogs(t, h, 2 * n, (cpumask_t){ 1 }, 0);
	msleep(50);
	for (int i = 0; i < 2 * n; i++)          /* allowed everywhere, still queued on 0 */
		KTEST_EXPECT_EQ(t, set_cpus_allowed(h[i].task, all_cpus()), 0);
	msleep(1000);
	for_each_online_cpu(cpu) {
		sched_get_cpu_stats(cpu, &s);
		pulled += s.nr_pulled;
		if (cpu < n && strcmp(sched_class_name(), "goodness")) {  /* per-CPU queues */
			ktest_log(t, "CPU%d: %lu tasks queued, %lu pulled by balancing so far",
				  cpu, s.nr_running, s.nr_pulled);
			KTEST_EXPECT_GE(t, s.nr_running, 1);
		}
	}
	for (int i = 0; i < 2 * n; i++)
		ran |= h[i].cpus;
	stop_hogs(h, 2 * n);
	KTEST_EXPECT_EQ(t, ran, (1UL << n) - 1);     /* every CPU that runs tasks */
	if (n > 1 && strcmp(sched_class_name(), "goodness"))
		KTEST_EXPECT_GE(t, pulled, (unsigned long)n);   /* goodness: one queue, no pulls */
}

/* A sleeper that wakes while the CPU it last ran on is free goes back to
 * it (wake-up placement: the cache there is warm). */
static int sleeper_thread(void *arg)
{
	struct hog *h = arg;

	for (int i = 0; i < 50 && !kthread_should_stop(); i++) {
		int cpu = smp_processor_id();

		if (i && h->at[0] != cpu + 1)
			h->from++;                        /* a move */
		h->at[0] = cpu + 1;
		__atomic_fetch_or(&h->cpus, 1UL << cpu, __ATOMIC_RELAXED);
		msleep(5);
	}
	sleep_until_stopped();
	return 0;
}

/* The affinity bonus, both schedulers: under O(1) a sleeper woken while
 * its last CPU is idle goes back there (no move in 50 sleeps); goodness()
 * gives a task PROC_CHANGE_PENALTY more on its last CPU than on another
 * (2.4 on SMP; nothing while one CPU runs tasks: one online, or
 * nosmpsched, where every task is CPU 0's). */
static void claim_c32_task_prefers_its_last_cpu(struct ktest *t)
{
	int cpu = target_cpu(), other;
	struct hog h = { 0 };
	struct task_struct *k = kthread_create(sleeper_thread, &h, "sleeper");

	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	KTEST_EXPECT_EQ(t, set_cpus_allowed(k, all_cpus()), 0);
	wake_up_process(k);
	msleep(600);
	ktest_log(t, "50 sleeps: ran on CPUs %#lx, moved %lu times", h.cpus, h.from);
	KTEST_EXPECT_LE(t, h.from, 2);
	other = task_thread_info(k)->cpu == cpu ? (cpu ? 0 : 1) : cpu;
	set_task_counter(k, 5);                  /* a slice left: goodness() > 0 */
	KTEST_EXPECT_EQ(t, goodness_on(k, task_thread_info(k)->cpu, NULL) - goodness_on(k, other, NULL),
			sched_smp_active ? PROC_CHANGE_PENALTY : 0);
	kthread_stop(k);
	wait_for_reaping();
}

/* c25 per CPU: two threads of one mm taking turns on one CPU switch with
 * no CR3 write there (that CPU's switch counters). */
struct turns {
	struct task_struct *task[2];
	struct mm_struct *mm;
	volatile int turn;
	int rounds;
	struct completion done;
};

struct player { struct turns *tt; int me; };

static int player_thread(void *arg)
{
	struct player *pl = arg;
	struct turns *tt = pl->tt;

	kthread_use_mm(tt->mm);
	for (int r = 0; r < tt->rounds; r++) {
		for (;;) {
			set_current_state(TASK_UNINTERRUPTIBLE);
			if (tt->turn == pl->me)
				break;
			schedule();
		}
		__set_current_state(TASK_RUNNING);
		__atomic_store_n(&tt->turn, !pl->me, __ATOMIC_SEQ_CST);
		wake_up_process(tt->task[!pl->me]);
	}
	kthread_unuse_mm(tt->mm);
	complete(&tt->done);
	sleep_until_stopped();
	return 0;
}

static void claim_c25_threads_woken_where_mm_loaded_no_cr3_write(struct ktest *t)
{
	int cpu = target_cpu();
	struct turns tt = { .rounds = 200 };
	struct player pl[2] = { { &tt, 0 }, { &tt, 1 } };
	struct sched_cpu_stats before, after;

	init_completion(&tt.done);
	tt.mm = mm_alloc();
	KTEST_ASSERT_NOT_NULL(t, tt.mm);
	for (int i = 0; i < 2; i++) {
		tt.task[i] = kthread_create(player_thread, &pl[i], "player%d", i);
		KTEST_ASSERT_FALSE(t, IS_ERR(tt.task[i]));
		KTEST_EXPECT_EQ(t, set_cpus_allowed(tt.task[i], (cpumask_t){ 1UL << cpu }), 0);
	}
	sched_get_cpu_stats(cpu, &before);
	wake_up_process(tt.task[0]);
	wake_up_process(tt.task[1]);
	wait_for_completion(&tt.done);
	wait_for_completion(&tt.done);
	sched_get_cpu_stats(cpu, &after);
	ktest_log(t, "CPU%d: %lu switches to the same mm, %lu to a new one", cpu,
		  after.switches_same_mm - before.switches_same_mm,
		  after.switches_new_mm - before.switches_new_mm);
	KTEST_EXPECT_GE(t, after.switches_same_mm - before.switches_same_mm, 2 * 200 - 2);
	KTEST_EXPECT_LE(t, after.switches_new_mm - before.switches_new_mm, 2);
	for (int i = 0; i < 2; i++)
		kthread_stop(tt.task[i]);
	wait_for_reaping();
	mmput(tt.mm);
}

/* Yield until stopped, counting the rounds: every round is a pass
 * through __schedule, which locks the queue its CPU schedules from. */
static int yielder_thread(void *arg)
{
	while (!kthread_should_stop()) {
		yield();
		__atomic_add_fetch((long *)arg, 1, __ATOMIC_RELAXED);
	}
	return 0;
}

/* The self-tests change the policy while other CPUs schedule (each
 * goodness or o1 suite does, at its start and end). Which queue a CPU
 * schedules from depends on the policy (goodness shares CPU 0's), so a CPU
 * that chose its queue, then waited for the lock while the policy changed,
 * picked with the new policy from the wrong queue: CPU 1's idle task took
 * a task running on CPU 0 (BUG_ON(task_running(next)), seen once in a
 * nosmpsched run of make test). Here: yielders on every CPU while the
 * policy goes back and forth 400 times. */
static void policy_switch_races_schedule(struct ktest *t)
{
	const char *boot = sched_class_name();
	const char *other = strcmp(boot, "o1") ? "o1" : "goodness";
	int n = 2 * num_online_cpus();
	struct task_struct *k[MAX_HOGS];
	long rounds[MAX_HOGS] = { 0 };

	for (int i = 0; i < n; i++) {
		k[i] = kthread_create(yielder_thread, &rounds[i], "yielder%d", i);
		KTEST_ASSERT_FALSE(t, IS_ERR(k[i]));
		KTEST_EXPECT_EQ(t, set_cpus_allowed(k[i], all_cpus()), 0);
		wake_up_process(k[i]);
	}
	for (int i = 0; i < 400; i++) {
		KTEST_EXPECT_EQ(t, sched_switch_class(i & 1 ? boot : other), 0);
		yield();
	}
	KTEST_EXPECT_STREQ(t, sched_class_name(), boot);
	for (int i = 0; i < n; i++) {
		kthread_stop(k[i]);
		KTEST_EXPECT_GT(t, rounds[i], 0);
	}
	wait_for_reaping();
}

static struct ktest_case sched_smp_cases[] = {
	KTEST_CASE(claim_c32_n_busy_threads_on_n_cpus_at_once),
	KTEST_CASE(claim_c32_affinity_honoured_and_migration_moves),
	KTEST_CASE(claim_c32_load_balancing_spreads_hogs),
	KTEST_CASE(claim_c32_task_prefers_its_last_cpu),
	KTEST_CASE(claim_c25_threads_woken_where_mm_loaded_no_cr3_write),
	KTEST_CASE(policy_switch_races_schedule),
	{}
};
KTEST_SUITE(sched_smp, sched_smp_cases);
