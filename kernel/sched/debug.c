/* kernel/sched/debug.c: the scheduler as the monitor's q key shows it
 * (kernel/monitor.c; gdb's tl-runqueue prints the same from outside,
 * scripts/gdb/tasklab.py): the policy running, each task's policy, its
 * priorities (dynamic and static, on Linux 2.6's 0..139 scale), nice, the
 * ticks left of its slice and its sleep_avg, then each online CPU's run
 * queue: what runs there and, under O(1), the levels queued in each of its
 * priority arrays with their tasks, in pick order (goodness has one queue,
 * CPU 0's, for every CPU). */
#include <kernel.h>
#include <sched.h>
#include "sched.h"

static const char *policy_name(unsigned int policy)
{
	return policy == SCHED_FIFO ? "FIFO" : policy == SCHED_RR ? "RR" : "OTHER";
}

static void show_task(struct task_struct *p)
{
	printk(KERN_RAW "%5d %-6s %3d %6d %3ld %5ld %9lu %c %s\n", p->pid, policy_name(p->policy),
	       task_prio(p), task_static_prio(p), p->nice, task_slice_left(p), p->sleep_avg,
	       task_on_runqueue(p) ? 'R' : 'S', p->comm);
}

/* Each level with a bit set in array, and its tasks in queue order (the
 * first few: a line is at most 120 characters). */
static void show_array(const char *name, struct prio_array *array)
{
	printk(KERN_RAW "%s array: %u queued\n", name, array->nr_active);
	for (int prio = sched_find_first_bit(array->bitmap); prio < MAX_PRIO; prio++) {
		struct task_struct *p;
		char line[128];
		int n;

		if (!(array->bitmap[prio / BITS_PER_LONG] & (1ul << (prio % BITS_PER_LONG))))
			continue;
		n = snprintf(line, sizeof(line), "  %3d:", prio);
		list_for_each_entry(p, &array->queue[prio], run_list) {
			if (n > (int)sizeof(line) - 16) {
				n += snprintf(line + n, sizeof(line) - n, " ...");
				break;
			}
			n += snprintf(line + n, sizeof(line) - n, " %d", p->pid);
		}
		printk(KERN_RAW "%s\n", line);
	}
}

/* cpu's queue: its counts and running task, and under O(1) its arrays,
 * under its lock (one at a time: never two queue locks nested here). */
static void show_rq(int cpu)
{
	struct rq *rq = cpu_rq(cpu);
	unsigned long flags;

	spin_lock_irqsave(&rq->lock, flags);
	printk(KERN_RAW "cpu%d: %lu runnable, %lu switches, running %d\n", cpu, rq->nr_running,
	       rq->nr_switches, rq->curr->pid);
	if (sched_class == &o1_sched_class) {
		show_array("active", rq->active);
		show_array("expired", rq->expired);
	}
	spin_unlock_irqrestore(&rq->lock, flags);
}

/* Contract: print the table (under tasklist_lock, read, for the walk, and
 * this CPU's rq lock; interrupts off while printing), then every online
 * CPU's queue. Process or interrupt
 * context. The first line's total is read without the other CPUs' locks:
 * a glance, each queue's own line is exact. */
void show_sched_tasks(void)
{
	struct task_struct *p;
	unsigned long flags, runnable = 0;
	struct rq *rq;
	int cpu;

	for_each_online_cpu(cpu)
		runnable += READ_ONCE(cpu_rq(cpu)->nr_running);
	flags = local_irq_save();
	read_lock(&tasklist_lock);       /* the walk: tasks exit on other CPUs */
	rq = this_rq_lock();
	printk(KERN_RAW "sched=%s: %lu runnable on %u CPU(s)\n", sched_class->name, runnable,
	       cpumask_weight(cpu_online_mask));
	printk(KERN_RAW "  PID POLICY PRI STATIC  NI SLICE SLEEP_AVG Q CMD\n");
	for_each_process(p)
		show_task(p);
	spin_unlock(&rq->lock);
	read_unlock(&tasklist_lock);
	local_irq_restore(flags);
	for_each_online_cpu(cpu)
		show_rq(cpu);
}
