/* kernel/sched/balance.c: moving tasks between the per-CPU run queues of
 * the O(1) scheduler, as Linux 2.6 does (goodness has one shared queue and
 * needs none of this):
 *   - periodic load balancing from the tick (rebalance_tick: every
 *     BUSY_REBALANCE_TICKS on a busy CPU, every tick on an idle one) and
 *     idle balancing when a CPU's queue runs dry in schedule()
 *     (idle_balance): find the busiest queue and pull from it tasks that
 *     are not running, are allowed on this CPU and are not cache-hot
 *     (ran within CACHE_HOT_TICKS; after a few failed tries hotness is
 *     ignored, as 2.6's nr_balance_failed);
 *   - migration/N, a real-time kernel thread per CPU that moves a task off
 *     its CPU when its affinity no longer allows it there
 *     (set_cpus_allowed): only a thread running on that CPU knows the task
 *     is not running there, so the mover must be one.
 * Two queue locks are always taken by double_rq_lock (lower address
 * first). A pulled task keeps its priority; O(1)'s enqueue puts it in the
 * new queue's active array (2.6 keeps its array: a simplification). */
#include <kernel.h>
#include <sched.h>
#include <completion.h>
#include <kthread.h>
#include <errno.h>
#include "sched.h"

#define BALANCE_FAILED_MAX 3     /* failed tries before cache-hot tasks move */

/* Linux's can_migrate_task: may p go from its queue to CPU this_cpu? */
static bool can_migrate(struct rq *src, struct task_struct *p, int this_cpu)
{
	if (task_running(p) || p == src->curr || !task_allowed_on(p, this_cpu))
		return false;
	if (jiffies - p->last_ran < CACHE_HOT_TICKS &&
	    cpu_rq(this_cpu)->nr_balance_failed < BALANCE_FAILED_MAX)
		return false;                    /* cache-hot: leave it */
	return true;
}

/* Move p (queued on src, not running) to dst; both locks held. */
static void pull_task(struct rq *src, struct task_struct *p, struct rq *dst)
{
	deactivate_task(src, p);
	set_task_cpu(p, dst->cpu);
	activate_task(dst, p);
	dst->nr_pulled++;
	if (p->prio < dst->curr->prio)
		resched_cpu(dst->cpu);
}

/* The online queue with the most tasks, if it has at least two more than
 * this one (else balancing would only swap the imbalance). */
static struct rq *find_busiest_queue(struct rq *this)
{
	struct rq *busiest = NULL;
	unsigned long max = this->nr_running + 1;
	int cpu;

	for_each_online_cpu(cpu) {
		struct rq *rq = cpu_rq(cpu);
		unsigned long n = __atomic_load_n(&rq->nr_running, __ATOMIC_RELAXED);

		if (rq != this && n > max) {
			max = n;
			busiest = rq;
		}
	}
	return busiest;
}

/* Pull up to `want` movable tasks from src's arrays (expired first, whose
 * tasks wait longest anyway, then active; lowest priority first, as 2.6).
 * Both locks held. Returns how many moved. */
static int move_tasks(struct rq *this, struct rq *src, int want)
{
	struct prio_array *arrays[2] = { src->expired, src->active };
	int moved = 0;

	for (int a = 0; a < 2 && moved < want; a++) {
		for (int prio = MAX_PRIO - 1; prio >= 0 && moved < want; prio--) {
			struct task_struct *p, *n;

			list_for_each_entry_safe(p, n, &arrays[a]->queue[prio], run_list) {
				if (moved == want)
					break;
				if (!can_migrate(src, p, this->cpu))
					continue;
				pull_task(src, p, this);
				moved++;
			}
		}
	}
	return moved;
}

/* Contract: balance this CPU's queue against the busiest: pull half the
 * difference. this->lock held on entry when `locked` (idle balancing,
 * from schedule()), dropped and retaken in address order if needed, and
 * held again on return; else taken and dropped here. Interrupts off. */
static void load_balance(struct rq *this, bool locked)
{
	struct rq *busiest = find_busiest_queue(this);
	int moved = 0;

	if (!busiest)
		return;
	if (locked && busiest < this) {         /* keep the address order */
		spin_unlock(&this->lock);
		double_rq_lock(this, busiest);
	} else if (locked) {
		spin_lock(&busiest->lock);
	} else {
		double_rq_lock(this, busiest);
	}
	if (busiest->nr_running > this->nr_running + 1)
		moved = move_tasks(this, busiest, (busiest->nr_running - this->nr_running) / 2);
	this->nr_balance_failed = moved ? 0 : this->nr_balance_failed + 1;
	if (locked)
		spin_unlock(&busiest->lock);
	else
		double_rq_unlock(this, busiest);
}

void idle_balance(struct rq *this)
{
	if (num_online_cpus() > 1)
		load_balance(this, true);
}

/* From every CPU's tick, its queue unlocked, interrupts off. */
void rebalance_tick(struct rq *this, bool idle)
{
	unsigned long every = idle ? IDLE_REBALANCE_TICKS : BUSY_REBALANCE_TICKS;

	if (num_online_cpus() > 1 && (jiffies + this->cpu) % every == 0)
		load_balance(this, false);
}

/* --- migration/N ------------------------------------------------------ */

struct migration_req {
	struct list_head list;
	struct task_struct *task;
	int dest_cpu;
	struct completion done;
};

/* Linux's __migrate_task: move p from CPU src to dest if it still is on
 * src and may run on dest; run by src's migration thread, so p is not
 * running. Interrupts off. */
static void __migrate_task(struct task_struct *p, int src, int dest)
{
	struct rq *rq_src = cpu_rq(src), *rq_dest = cpu_rq(dest);

	double_rq_lock(rq_src, rq_dest);
	if (task_cpu(p) == src && task_allowed_on(p, dest) && !task_running(p)) {
		if (task_on_runqueue(p))
			pull_task(rq_src, p, rq_dest);
		else
			set_task_cpu(p, dest);      /* asleep: it wakes there */
		rq_dest->nr_migrated++;
	}
	double_rq_unlock(rq_src, rq_dest);
}

static int migration_thread(void *data)
{
	int cpu = (int)(long)data;
	struct rq *rq = cpu_rq(cpu);

	for (;;) {
		struct migration_req *req;
		unsigned long flags;

		flags = local_irq_save();
		spin_lock(&rq->lock);
		if (list_empty(&rq->migration_queue)) {
			__set_current_state(TASK_INTERRUPTIBLE);
			spin_unlock(&rq->lock);
			local_irq_restore(flags);
			schedule();
			continue;
		}
		req = list_first_entry(&rq->migration_queue, struct migration_req, list);
		list_del_init(&req->list);
		spin_unlock(&rq->lock);
		__migrate_task(req->task, cpu, req->dest_cpu);
		local_irq_restore(flags);
		complete(&req->done);
	}
	return 0;
}

/* The first allowed online CPU of p (CPU 0 under nosmpsched). */
static int any_allowed_cpu(struct task_struct *p)
{
	int cpu;

	for_each_online_cpu(cpu)
		if (task_allowed_on(p, cpu))
			return cpu;
	return 0;                        /* nosmpsched: CPU 0 runs everyone */
}

/* Contract: Linux's set_cpus_allowed: p may run only on the CPUs of mask
 * from now on; if its CPU is not one of them it is moved (a sleeping or
 * queued task directly, a running one by its CPU's migration thread, the
 * caller waiting). Under nosmpsched the mask is only recorded: CPU 0 runs
 * every task whatever its mask. Returns 0, or -EINVAL when mask has no online CPU.
 * Process context, interrupts on. */
int set_cpus_allowed(struct task_struct *p, cpumask_t mask)
{
	struct migration_req req;
	unsigned long flags = local_irq_save();
	struct rq *rq = task_rq_lock(p);
	int src = task_cpu(p), dest;

	if (!(mask.bits & cpu_online_mask->bits)) {
		spin_unlock_irqrestore(&rq->lock, flags);
		return -EINVAL;
	}
	p->cpus_allowed = mask;
	if (!smp_sched_enabled) {               /* CPU 0 runs everyone: nothing moves */
		spin_unlock_irqrestore(&rq->lock, flags);
		return 0;
	}
	dest = any_allowed_cpu(p);
	if (task_allowed_on(p, src) || (!task_running(p) && !task_on_runqueue(p))) {
		if (!task_allowed_on(p, src))
			set_task_cpu(p, dest);      /* asleep: it wakes there */
		spin_unlock_irqrestore(&rq->lock, flags);
		return 0;
	}
	if (sched_class->shared_rq) {           /* goodness: its next pick obeys */
		if (task_running(p))
			resched_cpu(src);
		spin_unlock_irqrestore(&rq->lock, flags);
		while (task_running(p) && task_cpu(p) == src && p != current)
			yield();                /* until it has left src */
		return 0;
	}
	INIT_LIST_HEAD(&req.list);
	req.task = p;
	req.dest_cpu = dest;
	init_completion(&req.done);
	list_add_tail(&req.list, &cpu_rq(src)->migration_queue);
	spin_unlock_irqrestore(&rq->lock, flags);
	wake_up_process(cpu_rq(src)->migration_thread);
	wait_for_completion(&req.done);
	return 0;
}

/* Linux's kthread_bind: k (just created, not yet woken) runs on cpu only.
 * It may still be switching out after kthread_create returned: wait until
 * it is off every CPU. Process context. */
void kthread_bind(struct task_struct *k, int cpu)
{
	for (;;) {
		unsigned long flags = local_irq_save();
		struct rq *rq = task_rq_lock(k);
		bool inactive = !task_running(k) && !task_on_runqueue(k);

		if (inactive) {
			k->cpus_allowed = (cpumask_t){ 1UL << cpu };
			set_task_cpu(k, cpu);
		}
		spin_unlock_irqrestore(&rq->lock, flags);
		if (inactive)
			return;
		yield();
	}
}

/* Contract: start migration/N for every online CPU: bound to it, SCHED_FIFO
 * at the top real-time priority (it must run before the task it moves).
 * Boot, process context, after the CPUs are up. */
void migration_init(void)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct task_struct *k = kthread_create(migration_thread, (void *)(long)cpu,
						       "migration/%d", cpu);

		if (IS_ERR(k))
			panic("migration/%d: %ld", cpu, PTR_ERR(k));
		kthread_bind(k, cpu);
		sched_setscheduler_nocheck(k, SCHED_FIFO, MAX_USER_RT_PRIO - 1, false);
		cpu_rq(cpu)->migration_thread = k;
		wake_up_process(k);
	}
}
