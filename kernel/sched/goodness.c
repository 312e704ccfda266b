/* kernel/sched/goodness.c: Linux 2.4's scheduler (seed claims c24, c27,
 * c28), one of the two classes behind kernel/sched/core.c (sched=goodness).
 * One run queue holds every runnable task, process, thread and kernel
 * thread alike, and one function, goodness(), ranks them: the ticks left in
 * the task's time slice (counter), plus its static priority from nice, plus
 * 1 when running it needs no address-space switch; a real-time task
 * (SCHED_FIFO, SCHED_RR: kernel/sched/syscalls.c) outranks them all by its
 * rt_priority, as in 2.4. When every runnable task has used up its slice,
 * an epoch recalculation gives every task counter/2 + its slice, so
 * sleepers come back with a bonus. The cost is O(runnable tasks) per
 * schedule(): the figures in `make bench` show why Linux 2.6 replaced it
 * with the O(1) scheduler (kernel/sched/o1.c).
 *
 * One change from 2.4: its epoch loop visits every task, sleepers included,
 * which makes a fork-heavy load with many sleeping tasks O(n^2) (creating
 * 32000 kernel threads took 11000 epochs over up to 32000 tasks). Here an
 * epoch recalculates the runnable tasks and bumps `epoch`; a sleeper is
 * brought up to date when it is woken (catch_up_epochs: the same
 * counter/2 + slice, once per epoch it missed), so every scheduling decision
 * sees exactly the counters 2.4 would have computed. task_counter() gives a
 * sleeper's up-to-date value.
 *
 * The idle tasks are never on the run queue: they run when nothing else
 * can. Everything here runs under rq->lock (kernel/sched/sched.h).
 *
 * SMP, as 2.4: one run queue and one lock for every CPU (shared_rq: CPU
 * 0's struct rq holds it). A CPU picks among the tasks allowed on it and
 * not running on another CPU (2.4's can_schedule, the has_cpu rule: here
 * p->on_cpu), and goodness() adds PROC_CHANGE_PENALTY for the CPU the task
 * last ran on, so a task stays where its cache is warm unless a much
 * better one waits. A wake-up asks reschedule_idle() which CPU to kick:
 * the task's last CPU if idle, else another idle CPU, else the CPU running
 * the task of lowest goodness if the woken one beats it. */
#include <kernel.h>
#include <sched.h>
#include <asm/irqflags.h>
#include "sched.h"

/* counter/2 + slice, once per missed epoch. With integer halving it settles
 * within a few steps at 2 * slice - 1 (from below) or 2 * slice (from above),
 * so the loop stops as soon as a step changes nothing. Counts its steps in
 * *steps if given (NULL on the scheduler's paths, where it is inlined and
 * the counting compiled out). */
static inline long recalc(long counter, long nice, unsigned long missed, unsigned long *steps)
{
	for (; missed; missed--) {
		long next = (counter >> 1) + NICE_TO_TICKS(nice);

		if (steps)
			(*steps)++;
		if (next == counter)
			break;
		counter = next;
	}
	return counter;
}

/* p's counter with the epochs it slept through applied. */
long task_counter(const struct task_struct *p)
{
	unsigned long epoch = task_rq(p)->epoch;

	if (task_on_runqueue(p) || p->epoch_seen == epoch)
		return p->counter;
	return recalc(p->counter, p->nice, epoch - p->epoch_seen, &sched_stats.recalc_steps);
}

/* Set p's counter as of now (a sleeper's pending epochs are dropped). */
void set_task_counter(struct task_struct *p, long counter)
{
	unsigned long flags = local_irq_save();

	p->counter = counter;
	p->epoch_seen = task_rq(p)->epoch;
	local_irq_restore(flags);
}

static inline void catch_up_epochs(struct rq *rq, struct task_struct *p)
{
	if (likely(p->epoch_seen == rq->epoch))
		return;
	p->counter = recalc(p->counter, p->nice, rq->epoch - p->epoch_seen, NULL);
	p->epoch_seen = rq->epoch;
}

static fastcall void enqueue_task_goodness(struct rq *rq, struct task_struct *p)
{
	catch_up_epochs(rq, p);
	list_add_tail(&p->run_list, &rq->goodness_queue);
}

static fastcall void dequeue_task_goodness(struct rq *rq, struct task_struct *p)
{
	list_del_init(&p->run_list);
}

/* 2.4's goodness() on CPU cpu: a real-time task (SCHED_FIFO, SCHED_RR)
 * 1000 plus its rt_priority, above any other; else 0 when p's slice is
 * used up, else the ticks left plus the nice priority, plus
 * PROC_CHANGE_PENALTY if p last ran on cpu (its cache is there), plus 1
 * when p shares this_mm or is a kernel thread (no CR3 write, the TLB stays
 * warm: c27). Higher is better. */
static inline __attribute__((always_inline)) int __goodness(const struct task_struct *p, int cpu,
							    const struct mm_struct *this_mm)
{
	int weight = p->counter;

	if (unlikely(p->policy != SCHED_OTHER))
		return 1000 + p->rt_priority;
	if (!weight)
		return 0;
	if (cpu >= 0 && sched_smp_active && task_cpu(p) == cpu)
		weight += PROC_CHANGE_PENALTY;   /* 2.4: only when tasks have a choice */
	if (p->mm == this_mm || !p->mm)
		weight += 1;
	return weight + 20 - p->nice;
}

/* Inline in the pick and the wake-up, which run on every switch. */
int goodness_on(struct task_struct *p, int cpu, struct mm_struct *this_mm)
{
	return __goodness(p, cpu, this_mm);
}

/* goodness() for no CPU in particular (no affinity bonus). */
int goodness(struct task_struct *p, struct mm_struct *this_mm)
{
	return goodness_on(p, -1, this_mm);
}

/* 2.4's can_schedule(): p may be picked on cpu (prev is cpu's own task).
 * While one CPU runs tasks (one online, or nosmpsched) it is CPU 0, and it
 * takes anyone. */
static bool can_schedule(struct task_struct *p, struct task_struct *prev, int cpu)
{
	if (p != prev && task_running(p))
		return false;
	return sched_smp_active ? task_allowed_on(p, cpu) : cpu == 0;
}

/* A new epoch: every task gets half of what it had left plus a full slice,
 * so sleepers accumulate up to twice a slice. Runnable tasks now, sleepers
 * when they wake (see the top of this file). */
static void recalculate_counters(struct rq *rq)
{
	struct task_struct *p;

	rq->epoch++;
	list_for_each_entry(p, &rq->goodness_queue, run_list) {
		p->counter = recalc(p->counter, p->nice, 1, NULL);
		p->epoch_seen = rq->epoch;
	}
	sched_stats.epochs++;
}

/* 2.4's real-time turns: an RR task whose slice ran out gets a new one,
 * and it or a yielding real-time task goes behind the others of its
 * priority (the pick takes the first of equal goodness), so a real-time
 * task yields only to those. */
static void rt_requeue(struct rq *rq, struct task_struct *prev, bool yielded)
{
	bool rr_expired = prev->policy == SCHED_RR && !prev->counter;

	if (rr_expired)
		prev->counter = NICE_TO_TICKS(prev->nice);
	if (rr_expired || yielded)
		list_move_tail(&prev->run_list, &rq->goodness_queue);
}

/* The best runnable task by a scan of the whole queue; prev, if it called
 * yield(), only beats idle (2.4's SCHED_YIELD). */
static fastcall struct task_struct *pick_next_task_goodness(struct rq *rq, struct task_struct *prev,
						   bool yielded)
{
	struct task_struct *p, *next;
	int best, cpu = smp_processor_id();

	if (unlikely(rt_task(prev)) && task_on_runqueue(prev)) {
		rt_requeue(rq, prev, yielded);
		yielded = false;         /* its place in the queue is its yield */
	}
	for (;;) {
		next = NULL;
		best = -1000;
		list_for_each_entry(p, &rq->goodness_queue, run_list) {
			int w;

			if (!can_schedule(p, prev, cpu))
				continue;
			w = (p == prev && yielded) ? -1 : __goodness(p, cpu, prev->active_mm);
			if (w > best) {
				best = w;
				next = p;
			}
		}
		if (best != 0)
			return next;
		recalculate_counters(rq);
	}
}

/* The idle CPU p may use, its last one first; -1 if none. */
static int find_idle_cpu(struct task_struct *p)
{
	int cpu = task_cpu(p);

	if (task_allowed_on(p, cpu) && cpu_is_idle(cpu))
		return cpu;
	for_each_online_cpu(cpu)
		if (task_allowed_on(p, cpu) && cpu_is_idle(cpu))
			return cpu;
	return -1;
}

/* 2.4's reschedule_idle(): an idle CPU p may use (the one it last ran on
 * first), else the CPU whose running task p beats by the most goodness
 * (the lowest-goodness one), else none. */
static fastcall int wakeup_cpu_goodness(struct rq *rq, struct task_struct *p)
{
	int cpu, best = -1, best_gap = 0;

	if (!sched_smp_active) {          /* 2.4's uniprocessor reschedule_idle */
		struct task_struct *cur = cpu_curr(0);

		return is_idle_task(cur) ||
		       __goodness(p, -1, cur->active_mm) > __goodness(cur, -1, cur->active_mm) ? 0 : -1;
	}
	cpu = find_idle_cpu(p);
	if (cpu >= 0)
		return cpu;
	for_each_online_cpu(cpu) {
		struct task_struct *cur = cpu_curr(cpu);
		int gap;

		if (!task_allowed_on(p, cpu))
			continue;
		gap = goodness_on(p, cpu, cur->active_mm) - goodness_on(cur, cpu, cur->active_mm);
		if (gap > best_gap) {
			best_gap = gap;
			best = cpu;
		}
	}
	return best;
}

/* End the slice when the counter runs out. */
static void task_tick_goodness(struct rq *rq, struct task_struct *p)
{
	if (p->counter > 0)
		p->counter--;
	if (!p->counter)
		set_tsk_need_resched(p);
}

/* c28: the parent's remaining slice is split with the child, so forking
 * does not create CPU time. The parent reschedules if it has none left. */
static fastcall void task_fork_goodness(struct rq *rq, struct task_struct *p)
{
	struct task_struct *parent = current;

	p->epoch_seen = rq->epoch;
	p->counter = (parent->counter + 1) >> 1;
	parent->counter >>= 1;
	if (!parent->counter)
		set_tsk_need_resched(parent);
}

static void prio_changed_goodness(struct rq *rq, struct task_struct *p)
{
	/* goodness() reads nice and the policy at every pick: nothing to move */
}

/* 2.4's slice for p's nice value (60 ms at nice 0); none for FIFO. */
static unsigned int timeslice_goodness(const struct task_struct *p)
{
	return p->policy == SCHED_FIFO ? 0 : NICE_TO_TICKS(p->nice);
}

static long slice_left_goodness(const struct task_struct *p)
{
	return task_counter(p);
}

/* For listings on the 2.6 scale: real-time 99 - rt_priority, else the
 * nice priority (2.4 had no dynamic priority beyond the counter). */
static int effective_prio_goodness(const struct task_struct *p)
{
	return rt_task(p) ? MAX_USER_RT_PRIO - 1 - (int)p->rt_priority : NICE_TO_PRIO(p->nice);
}

/* Taking over: the epochs p saw are the ones from now on. */
static void switched_to_goodness(struct rq *rq, struct task_struct *p)
{
	p->epoch_seen = rq->epoch;
}

static void init_goodness(struct rq *rq)
{
	INIT_LIST_HEAD(&rq->goodness_queue);
}

const struct sched_class goodness_sched_class = {
	.name = "goodness",
	.shared_rq = true,
	.init = init_goodness,
	.enqueue_task = enqueue_task_goodness,
	.dequeue_task = dequeue_task_goodness,
	.pick_next_task = pick_next_task_goodness,
	.wakeup_cpu = wakeup_cpu_goodness,
	.task_tick = task_tick_goodness,
	.task_fork = task_fork_goodness,
	.prio_changed = prio_changed_goodness,
	.switched_to = switched_to_goodness,
	.timeslice = timeslice_goodness,
	.slice_left = slice_left_goodness,
	.effective_prio = effective_prio_goodness,
};
