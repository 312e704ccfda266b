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
 * SMP: each CPU has its struct rq (cpu_rq(cpu)): its running task (curr),
 * its idle task, its counters and its migration/N thread. The queue a CPU
 * schedules from is sched_rq(cpu): its own rq under O(1) (per-CPU queues,
 * each under its own lock, load balanced by kernel/sched/balance.c), but
 * under goodness CPU 0's rq for every CPU: 2.4's one run queue under one
 * lock (runqueue_lock), which is how the seam holds both: the class says
 * shared_rq, and core.c asks sched_rq() rather than cpu_rq() for a queue.
 * Two queue locks are taken lowest address first (double_rq_lock), the
 * rule of include/lock_order.h for two locks of one class. */
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

/* A CPU's run queue. Guarded by lock (interrupts off); curr, idle,
 * prev_mm and the counters are this CPU's whichever queue it uses. */
struct rq {
	spinlock_t lock;
	int cpu;
	unsigned long nr_running;        /* tasks queued, the running one included */
	unsigned long nr_switches;
	struct task_struct *curr, *idle;
	struct rq *locked;               /* the queue whose lock this CPU hands
					  * across its switch (finish_task_switch) */
	/* per CPU: switches by kind (c25 per CPU) and balancing */
	unsigned long switches_new_mm, switches_same_mm, switches_to_kthread;
	unsigned long nr_pulled, nr_migrated, nr_wake_remote, nr_balance_failed;
	/* migration/N and its requests (balance.c) */
	struct task_struct *migration_thread;
	struct list_head migration_queue;
	struct mm_struct *prev_mm;       /* a kernel thread's borrowed mm, dropped
					  * once we are off its stack */
	bool drops_in_flight;            /* finish_task_switch still has a dead
					  * task or an mm to drop, past the
					  * lock (sched_exit_in_flight) */
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
#define cpu_curr(cpu) (cpu_rq(cpu)->curr)
/* The queue CPU cpu schedules from (see above). */
#define sched_rq(cpu) (sched_class->shared_rq ? cpu_rq(0) : cpu_rq(cpu))
#define this_rq()     sched_rq(smp_processor_id())
#define task_rq(p)    sched_rq(task_cpu(p))

/* The seam: one policy's hooks, all called with rq->lock held and
 * interrupts off. core.c keeps rq->nr_running and p->run_list's emptiness
 * (task_on_runqueue) true around them. */
struct sched_class {
	const char *name;                               /* as in sched= */
	bool shared_rq;                                 /* one queue for all CPUs */
	void (*init)(struct rq *rq);
	/* p becomes runnable (a wake-up, a new task) / stops being runnable. */
	void (fastcall *enqueue_task)(struct rq *rq, struct task_struct *p);
	void (fastcall *dequeue_task)(struct rq *rq, struct task_struct *p);
	/* The task to run next on this CPU (NULL: none, the idle task runs):
	 * one allowed here and not running on another CPU. prev is current,
	 * still queued if runnable; yielded: prev called yield(). */
	struct task_struct *(fastcall *pick_next_task)(struct rq *rq, struct task_struct *prev,
						       bool yielded);
	/* p was just queued by a wake-up on rq: the CPU whose running task
	 * should give way to it (its need_resched set, a reschedule IPI if it
	 * is another CPU), or -1. */
	int (fastcall *wakeup_cpu)(struct rq *rq, struct task_struct *p);
	/* One tick of the running task p (not the idle task). */
	void (*task_tick)(struct rq *rq, struct task_struct *p);
	/* A new task p forked from current: share out the time slice. */
	void (fastcall *task_fork)(struct rq *rq, struct task_struct *p);
	/* p is reaped: what it did not use goes back to its parent. */
	void (fastcall *task_exit)(struct rq *rq, struct task_struct *p);
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

static inline void activate_task(struct rq *rq, struct task_struct *p)
{
	sched_class->enqueue_task(rq, p);
	rq->nr_running++;
}

static inline void deactivate_task(struct rq *rq, struct task_struct *p)
{
	sched_class->dequeue_task(rq, p);
	rq->nr_running--;
}
/* Place p (not running, on no queue) on CPU cpu: its thread_info->cpu. */
static inline void set_task_cpu(struct task_struct *p, int cpu)
{
	task_thread_info(p)->cpu = cpu;
}
/* Ask CPU cpu to reschedule (need_resched; a reschedule IPI if remote). */
void resched_cpu(int cpu);
/* A CPU is idle: its running task is its idle task. */
static inline bool cpu_is_idle(int cpu) { return is_idle_task(cpu_curr(cpu)); }
/* A task may run on cpu (its affinity, cpu online and running tasks). */
static inline bool task_allowed_on(const struct task_struct *p, int cpu)
{
	return cpumask_test_cpu(cpu, &p->cpus_allowed) && cpu_online(cpu) &&
	       (cpu == 0 || smp_sched_enabled);
}
/* The task is running, or a CPU is still switching away from it. */
static inline bool task_running(const struct task_struct *p)
{
	return __atomic_load_n(&p->on_cpu, __ATOMIC_ACQUIRE);
}
void double_rq_lock(struct rq *a, struct rq *b);

/* Lock p's queue; p may move between reading its CPU and getting the
 * lock, so check and retry (Linux's task_rq_lock). Interrupts off. Inline:
 * every wake-up takes it. */
static inline __attribute__((always_inline)) struct rq *task_rq_lock(struct task_struct *p)
{
	for (;;) {
		struct rq *rq = task_rq(p);

		spin_lock(&rq->lock);
		/* On one CPU nothing moves p (sched_smp_active, read under the
		 * lock: a CPU sets it before it takes any queue's lock). */
		if (likely(!READ_ONCE(sched_smp_active) || rq == task_rq(p)))
			return rq;
		spin_unlock(&rq->lock);
	}
}
void double_rq_unlock(struct rq *a, struct rq *b);

/* Lock the queue this CPU schedules from (Linux 2.6's this_rq_lock).
 * Which queue that is depends on the policy (goodness shares CPU 0's),
 * and sched_switch_class may change the policy while we wait for the
 * lock, so check and retry, as task_rq_lock. The policy changes only
 * under every queue's lock, so once ours is held it cannot change; the
 * check is one load and compare (every switch takes this). Interrupts
 * off. */
static inline __attribute__((always_inline)) struct rq *this_rq_lock(void)
{
	for (;;) {
		const struct sched_class *class = READ_ONCE(sched_class);
		struct rq *rq = class->shared_rq ? cpu_rq(0) : cpu_rq(smp_processor_id());

		spin_lock(&rq->lock);
		if (likely(READ_ONCE(sched_class) == class))
			return rq;
		spin_unlock(&rq->lock);
	}
}

/* kernel/sched/balance.c (O(1) only: goodness has one queue) */
#define CACHE_HOT_TICKS        1         /* ran this recently: cache-hot */
#define BUSY_REBALANCE_TICKS   (HZ / 5)  /* a busy CPU balances every 200 ms */
#define IDLE_REBALANCE_TICKS   1         /* an idle one every tick */
void rebalance_tick(struct rq *rq, bool idle);
void idle_balance(struct rq *rq);

/* The highest priority with a task queued: the first set bit. The builtin
 * is one bsf instruction on i386. Unrolled for the five words of 140 + 1
 * bits, as 2.6's: the real-time words are tested once each, not looped over. */
static inline int sched_find_first_bit(const unsigned long *b)
{
	_Static_assert(BITMAP_SIZE == 5, "sched_find_first_bit is unrolled for 5 words");
	if (unlikely(b[0]))
		return __builtin_ctzl(b[0]);
	if (unlikely(b[1]))
		return __builtin_ctzl(b[1]) + 32;
	if (unlikely(b[2]))
		return __builtin_ctzl(b[2]) + 64;
	if (b[3])
		return __builtin_ctzl(b[3]) + 96;
	return __builtin_ctzl(b[4]) + 128;
}

static inline bool rt_task(const struct task_struct *p)
{
	return p->policy != SCHED_OTHER;
}

#endif
