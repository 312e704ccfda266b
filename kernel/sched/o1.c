/* kernel/sched/o1.c: Linux 2.6's O(1) scheduler (before CFS), the default
 * class behind kernel/sched/core.c (sched=o1). Each run queue holds two
 * priority arrays, active and expired: a bitmap of 140 priorities and a
 * FIFO list per priority. The pick is the first set bit of the active
 * bitmap and the head of that list, so its cost does not depend on how
 * many tasks are runnable (`make bench`: schedule_N_runnable).
 *
 * Priorities: 0..99 real-time (SCHED_FIFO, SCHED_RR: 99 - rt_priority),
 * 100..139 the static priority from nice. An ordinary task's dynamic
 * priority is its static one moved by up to 5 either way by sleep_avg, the
 * ticks it slept minus the ticks it ran (0..MAX_SLEEP_AVG): a task that
 * sleeps often (interactive) rises, a CPU hog sinks. The slice comes from
 * the static priority (800 ms at nice -20, 100 ms at nice 0, 5 ms at nice
 * 19, at least one tick). A task that used up its slice gets a new one in
 * the expired array, where it waits until the active array empties and the
 * two swap; an interactive task goes back into the active array instead,
 * unless the expired array has waited too long (EXPIRED_STARVING). FIFO
 * has no slice; RR gets one and goes behind its equals when it ends.
 *
 * Simplified from 2.6: time is counted in ticks, not nanoseconds (HZ is
 * 100, and sleep_avg moves by whole ticks); no interactive_credit and no
 * TIMESLICE_GRANULARITY round-robin among interactive tasks. Everything
 * here runs under rq->lock (kernel/sched/sched.h). */
#include <kernel.h>
#include <sched.h>
#include <timer.h>
#include "sched.h"

#define MIN_TIMESLICE      max(5 * HZ / 1000, 1)
#define DEF_TIMESLICE      (100 * HZ / 1000)
#define MAX_BONUS          (MAX_USER_PRIO * 25 / 100)      /* 10: -5..+5 */
/* MAX_SLEEP_AVG (include/sched.h) is DEF_TIMESLICE * MAX_BONUS: 1 s. */
#define STARVATION_LIMIT   MAX_SLEEP_AVG
#define INTERACTIVE_DELTA  2
#define CHILD_PENALTY      95                              /* percent */
#define EXIT_WEIGHT        3

#define CURRENT_BONUS(p)   ((int)((p)->sleep_avg * MAX_BONUS / MAX_SLEEP_AVG))
/* 2.6's DELTA: how much bonus makes a task of this nice interactive. */
#define INTERACTIVE_DELTA_OF(p) ((int)(p)->nice * MAX_BONUS / 40 + INTERACTIVE_DELTA)
#define TASK_INTERACTIVE(p) ((p)->prio <= (p)->static_prio - INTERACTIVE_DELTA_OF(p))

/* 2.6.11's slice table: x * (MAX_PRIO - prio) / 20, x = 400 ms below nice
 * 0 and 100 ms from it on, at least MIN_TIMESLICE. */
static unsigned int static_prio_timeslice(int static_prio)
{
	int base = static_prio < NICE_TO_PRIO(0) ? DEF_TIMESLICE * 4 : DEF_TIMESLICE;
	int t = base * (MAX_PRIO - static_prio) / (MAX_USER_PRIO / 2);

	return max(t, MIN_TIMESLICE);
}

static unsigned int timeslice_o1(const struct task_struct *p)
{
	return p->policy == SCHED_FIFO ? 0 : static_prio_timeslice(p->static_prio);
}

/* Linux's effective_prio(): real-time tasks keep 99 - rt_priority; others
 * get static_prio - (bonus - 5), kept within 100..139. */
static int effective_prio_o1(const struct task_struct *p)
{
	int prio;

	if (rt_task(p))
		return MAX_USER_RT_PRIO - 1 - (int)p->rt_priority;
	prio = p->static_prio - (CURRENT_BONUS(p) - MAX_BONUS / 2);
	return min(max(prio, MAX_RT_PRIO), MAX_PRIO - 1);
}

static void enqueue(struct task_struct *p, struct prio_array *array)
{
	list_add_tail(&p->run_list, &array->queue[p->prio]);
	array->bitmap[p->prio / BITS_PER_LONG] |= 1ul << (p->prio % BITS_PER_LONG);
	array->nr_active++;
	p->array = array;
}

static void dequeue(struct task_struct *p, struct prio_array *array)
{
	array->nr_active--;
	list_del_init(&p->run_list);
	if (list_empty(&array->queue[p->prio]))
		array->bitmap[p->prio / BITS_PER_LONG] &= ~(1ul << (p->prio % BITS_PER_LONG));
	p->array = NULL;
}

/* To the end of its level in the array it is in (a yield, an RR turn). */
static void requeue(struct task_struct *p, struct prio_array *array)
{
	list_move_tail(&p->run_list, &array->queue[p->prio]);
}

/* Linux's recalc_task_prio() on a wake-up: the ticks slept count toward
 * sleep_avg (capped), and the dynamic priority follows. */
static void recalc_task_prio(struct task_struct *p, unsigned long now)
{
	unsigned long slept = now - p->timestamp;

	p->sleep_avg = min(p->sleep_avg + slept, (unsigned long)MAX_SLEEP_AVG);
	p->prio = effective_prio_o1(p);
}

/* Linux's activate_task(): a woken (or new) task joins the active array. */
static fastcall void enqueue_task_o1(struct rq *rq, struct task_struct *p)
{
	recalc_task_prio(p, jiffies);
	p->timestamp = jiffies;
	enqueue(p, rq->active);
}

static fastcall void dequeue_task_o1(struct rq *rq, struct task_struct *p)
{
	p->timestamp = jiffies;               /* the sleep starts */
	dequeue(p, p->array);
}

/* The expired array has waited too long, or holds a better task than the
 * running one: interactive tasks stop going back to the active array. */
static bool expired_starving(struct rq *rq)
{
	if (rq->expired_timestamp &&
	    jiffies - rq->expired_timestamp >= STARVATION_LIMIT * rq->nr_running + 1)
		return true;
	return rq->curr->static_prio > rq->best_expired_prio;
}

/* Linux's schedule() pick: swap the arrays when the active one is empty,
 * then the first task of the best level. A yielding task first goes to
 * the expired array (2.6's sched_yield; a real-time one behind its equals).
 * O(1): a bitmap search of 5 words and a list head. */
static fastcall struct task_struct *pick_next_task_o1(struct rq *rq, struct task_struct *prev,
					     bool yielded)
{
	struct prio_array *array;

	if (yielded && task_on_runqueue(prev) && !is_idle_task(prev)) {
		if (rt_task(prev)) {
			requeue(prev, prev->array);
		} else {
			dequeue(prev, prev->array);
			enqueue(prev, rq->expired);
			rq->best_expired_prio = min(rq->best_expired_prio, prev->prio);
		}
	}
	if (!rq->nr_running)
		return NULL;
	array = rq->active;
	if (unlikely(!array->nr_active)) {
		rq->active = rq->expired;
		rq->expired = array;
		array = rq->active;
		rq->expired_timestamp = 0;
		rq->best_expired_prio = MAX_PRIO;
		sched_stats.array_swaps++;
	}
	return list_first_entry(&array->queue[sched_find_first_bit(array->bitmap)],
				struct task_struct, run_list);
}

/* 2.6's TASK_PREEMPTS_CURR on the queue p joined (its CPU's): an idle
 * CPU, or a better dynamic priority than the runner there. */
static fastcall int wakeup_cpu_o1(struct rq *rq, struct task_struct *p)
{
	struct task_struct *curr = rq->curr;

	return is_idle_task(curr) || p->prio < curr->prio ? rq->cpu : -1;
}

/* A slice used up: a new one, and the expired array, unless p is
 * interactive and nobody is starving there. */
static void expire(struct rq *rq, struct task_struct *p)
{
	dequeue(p, rq->active);
	set_tsk_need_resched(p);
	p->prio = effective_prio_o1(p);
	p->time_slice = timeslice_o1(p);
	p->first_time_slice = false;
	if (!rq->expired_timestamp)
		rq->expired_timestamp = jiffies;
	if (!TASK_INTERACTIVE(p) || expired_starving(rq)) {
		enqueue(p, rq->expired);
		rq->best_expired_prio = min(rq->best_expired_prio, p->prio);
	} else {
		enqueue(p, rq->active);
	}
}

/* Linux's scheduler_tick() for a task: running costs sleep_avg; FIFO runs
 * on; RR takes its turn behind its equals when the slice ends. */
static void task_tick_o1(struct rq *rq, struct task_struct *p)
{
	if (p->sleep_avg)
		p->sleep_avg--;
	if (p->array != rq->active) {     /* expired under us: 2.6 asks again */
		set_tsk_need_resched(p);
		return;
	}
	if (p->policy == SCHED_FIFO)
		return;
	if (p->time_slice && --p->time_slice)
		return;
	if (p->policy == SCHED_RR) {
		p->time_slice = timeslice_o1(p);
		p->first_time_slice = false;
		set_tsk_need_resched(p);
		requeue(p, rq->active);
		return;
	}
	expire(rq, p);
}

/* 2.6's sched_fork(): the child gets the larger half of the parent's slice
 * (c28 in its 2.6 form), remembers it is on that first slice (for
 * sched_exit), and a share of the parent's sleep_avg. A parent left with
 * nothing expires at once, as 2.6 does by running a tick for it. The idle
 * task's first children (kthreadd, init) get a full slice: idle runs on
 * none. */
static fastcall void task_fork_o1(struct rq *rq, struct task_struct *p)
{
	struct task_struct *parent = current;

	p->static_prio = NICE_TO_PRIO(p->nice);
	p->sleep_avg = parent->sleep_avg * CHILD_PENALTY / 100;
	p->prio = effective_prio_o1(p);
	p->array = NULL;
	p->timestamp = p->last_ran = jiffies;
	p->first_time_slice = true;
	if (is_idle_task(parent)) {
		p->time_slice = timeslice_o1(p);
		return;
	}
	p->time_slice = (parent->time_slice + 1) >> 1;
	parent->time_slice >>= 1;
	if (!parent->time_slice && parent->policy != SCHED_FIFO) {
		parent->time_slice = 1;
		if (task_on_runqueue(parent))
			task_tick_o1(rq, parent);
		else
			parent->time_slice = timeslice_o1(parent);
	}
}

/* Linux's sched_exit(): a child reaped while still on the slice fork gave
 * it returns what it left to its parent (up to a full slice), and a child
 * that ran more than it slept pulls its parent's sleep_avg down. */
static fastcall void task_exit_o1(struct rq *rq, struct task_struct *p)
{
	struct task_struct *parent = p->parent;

	if (!parent || is_idle_task(parent))
		return;
	if (p->first_time_slice && parent->policy != SCHED_FIFO) {
		parent->time_slice += p->time_slice;
		parent->time_slice = min(parent->time_slice, timeslice_o1(parent));
	}
	if (p->sleep_avg < parent->sleep_avg)
		parent->sleep_avg = parent->sleep_avg / (EXIT_WEIGHT + 1) * EXIT_WEIGHT +
				    p->sleep_avg / (EXIT_WEIGHT + 1);
}

/* Linux's set_user_nice()/__setscheduler(): the new static and dynamic
 * priority, and a queued task moves to its new level. */
static void prio_changed_o1(struct rq *rq, struct task_struct *p)
{
	struct prio_array *array = p->array;

	p->static_prio = NICE_TO_PRIO(p->nice);
	if (array)
		dequeue(p, array);
	p->prio = effective_prio_o1(p);
	if (p->policy == SCHED_FIFO)
		p->time_slice = 0;
	else if (!p->time_slice)
		p->time_slice = timeslice_o1(p);
	if (array)
		enqueue(p, array);
}

/* Taking over: fresh arrays, and p's priorities from its nice value and
 * the sleep_avg it has (its sleep starts now, not at an old timestamp). */
static void switched_to_o1(struct rq *rq, struct task_struct *p)
{
	rq->expired_timestamp = 0;
	rq->best_expired_prio = MAX_PRIO;
	p->array = NULL;
	p->timestamp = jiffies;
	prio_changed_o1(rq, p);
}

static long slice_left_o1(const struct task_struct *p)
{
	return p->time_slice;
}

static int prio_o1(const struct task_struct *p)
{
	return p->prio;
}

static void init_o1(struct rq *rq)
{
	rq->active = &rq->arrays[0];
	rq->expired = &rq->arrays[1];
	rq->best_expired_prio = MAX_PRIO;
	for (int i = 0; i < 2; i++) {
		struct prio_array *a = &rq->arrays[i];

		for (int j = 0; j < MAX_PRIO; j++)
			INIT_LIST_HEAD(&a->queue[j]);
		memset(a->bitmap, 0, sizeof(a->bitmap));
		a->bitmap[MAX_PRIO / BITS_PER_LONG] |= 1ul << (MAX_PRIO % BITS_PER_LONG);
	}
}

const struct sched_class o1_sched_class = {
	.name = "o1",
	.init = init_o1,
	.enqueue_task = enqueue_task_o1,
	.dequeue_task = dequeue_task_o1,
	.pick_next_task = pick_next_task_o1,
	.wakeup_cpu = wakeup_cpu_o1,
	.task_tick = task_tick_o1,
	.task_fork = task_fork_o1,
	.task_exit = task_exit_o1,
	.prio_changed = prio_changed_o1,
	.switched_to = switched_to_o1,
	.timeslice = timeslice_o1,
	.slice_left = slice_left_o1,
	.effective_prio = prio_o1,
};
