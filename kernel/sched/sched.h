/* kernel/sched/sched.h: what the files of kernel/sched/ share and nothing
 * outside them sees: the per-CPU run queue (struct rq), the O(1)
 * scheduler's priority arrays, and the scheduler-class seam (struct
 * sched_class) through which core.c drives whichever policy was chosen at
 * boot (sched=o1, the default, or sched=goodness).
 *
 * Locking: everything in a struct rq is guarded by rq->lock, taken with
 * interrupts off (interrupt handlers wake tasks). The class hooks are all
 * called with it held; core.c takes it, the classes never do. A task's
 * scheduling fields (counter, time_slice, prio, array, run_list...) are
 * guarded by the lock of the queue the task belongs to (task_rq(p)).
 *
 * SMP (designed for, not done: only CPU 0 runs today). Each CPU has its own
 * rq and lock; a task belongs to the rq of task_cpu(p). What the SMP work
 * adds fits here without changing the classes: rq->cpu, a migration queue
 * and the migration/N thread per rq, double_rq_lock() taking two queue
 * locks in address order for load balancing (pull from the busiest rq:
 * dequeue_task on one, enqueue_task on the other, for a task that is not
 * running, allowed on the target CPU and not cache-hot, judged by
 * p->last_ran), and wake-up placement choosing the rq in try_to_wake_up
 * before its lock is taken. The goodness class keeps 2.4's single queue per
 * rq, which is how 2.4 ran on SMP too (one global queue): on SMP it would
 * be one shared rq for all CPUs. */
#ifndef TASKLAB_KERNEL_SCHED_H
#define TASKLAB_KERNEL_SCHED_H

#include <sched.h>
#include <smp.h>
#include <spinlock.h>

/* Priorities as Linux 2.6: 0..99 real-time (0 best), 100..139 nice -20..19. */
#define MAX_USER_RT_PRIO    100
#define MAX_RT_PRIO         MAX_USER_RT_PRIO
#define MAX_PRIO            (MAX_RT_PRIO + 40)
#define NICE_TO_PRIO(nice)  (MAX_RT_PRIO + (nice) + 20)
#define PRIO_TO_NICE(prio)  ((prio) - MAX_RT_PRIO - 20)
#define USER_PRIO(p)        ((p) - MAX_RT_PRIO)
#define MAX_USER_PRIO       (USER_PRIO(MAX_PRIO))
#define BITS_PER_LONG       32
#define BITMAP_SIZE         ((MAX_PRIO + 1 + BITS_PER_LONG - 1) / BITS_PER_LONG)

/* One of the O(1) scheduler's two arrays: a bit per priority level that has
 * a task queued, and a FIFO list of tasks per level. The bit at MAX_PRIO
 * is always set, so the search for the first set bit always ends. */
struct prio_array {
	unsigned int nr_active;
	unsigned long bitmap[BITMAP_SIZE];
	struct list_head queue[MAX_PRIO];
};

/* A CPU's run queue. Guarded by lock (interrupts off). */
struct rq {
	spinlock_t lock;
	unsigned long nr_running;        /* tasks queued, the running one included */
	unsigned long nr_switches;
	struct task_struct *curr, *idle;
	struct mm_struct *prev_mm;       /* a kernel thread's borrowed mm, dropped
					  * once we are off its stack */
	/* goodness (2.4): one list of every runnable task, and the epoch. */
	struct list_head goodness_queue;
	unsigned long epoch;
	/* O(1) (2.6): the two arrays, which one is active. */
	struct prio_array *active, *expired, arrays[2];
	unsigned long expired_timestamp; /* jiffies when the first task of this
					  * round expired (0: none yet) */
	int best_expired_prio;           /* the best prio in the expired array */
};

DECLARE_PER_CPU(struct rq, runqueues);
#define cpu_rq(cpu)   (&per_cpu(runqueues, (cpu)))
#define this_rq()     cpu_rq(smp_processor_id())
#define task_cpu(p)   (task_thread_info(p)->cpu)
#define task_rq(p)    cpu_rq(task_cpu(p))

/* The seam: one policy's hooks, all called with rq->lock held and
 * interrupts off. core.c keeps rq->nr_running and p->run_list's emptiness
 * (task_on_runqueue) true around them. */
struct sched_class {
	const char *name;                               /* as in sched= */
	void (*init)(struct rq *rq);
	/* p becomes runnable (a wake-up, a new task) / stops being runnable. */
	void (*enqueue_task)(struct rq *rq, struct task_struct *p);
	void (*dequeue_task)(struct rq *rq, struct task_struct *p);
	/* The task to run next (rq->idle when none). prev is current, still
	 * queued if runnable; yielded: prev called yield(). */
	struct task_struct *(*pick_next_task)(struct rq *rq, struct task_struct *prev,
					      bool yielded);
	/* Should the newly woken p take the CPU from rq->curr? */
	bool (*preempts_curr)(struct rq *rq, struct task_struct *p);
	/* One tick of the running task p (not the idle task). */
	void (*task_tick)(struct rq *rq, struct task_struct *p);
	/* A new task p forked from current: share out the time slice. */
	void (*task_fork)(struct rq *rq, struct task_struct *p);
	/* p is reaped: what it did not use goes back to its parent. */
	void (*task_exit)(struct rq *rq, struct task_struct *p);
	/* p's nice, policy or rt_priority changed (p may be queued). */
	void (*prio_changed)(struct rq *rq, struct task_struct *p);
	/* This policy takes over from another (sched_switch_class): bring
	 * p's fields up to date; p is on no queue. */
	void (*switched_to)(struct rq *rq, struct task_struct *p);
	/* The full slice p gets, in ticks (0: none, SCHED_FIFO), and what is
	 * left of its current one. */
	unsigned int (*timeslice)(const struct task_struct *p);
	long (*slice_left)(const struct task_struct *p);
	/* p's priority as the class ranks it, for listings (0 best .. 139). */
	int (*effective_prio)(const struct task_struct *p);
};

extern const struct sched_class goodness_sched_class, o1_sched_class;
extern const struct sched_class *sched_class;

/* The highest priority with a task queued: the first set bit. The builtin
 * is one bsf instruction on i386. */
static inline int sched_find_first_bit(const unsigned long *b)
{
	for (int i = 0; ; i++)
		if (b[i])
			return i * BITS_PER_LONG + __builtin_ctzl(b[i]);
}

static inline bool rt_task(const struct task_struct *p)
{
	return p->policy != SCHED_OTHER;
}

#endif
