/* kernel/sched/loadavg.c: the load averages (include/sched/loadavg.h), by
 * Linux's formula: every LOAD_FREQ ticks,
 *     load = (load * exp + active * (FIXED_1 - exp)) / FIXED_1
 * for the 1, 5 and 15 minute exponents, where active counts the tasks
 * runnable or in uninterruptible sleep (as Linux's nr_running plus
 * nr_uninterruptible). Tasklab does not keep an uninterruptible count as
 * tasks sleep, so the update walks the task list: once per five seconds,
 * from the tick, with interrupts off (the list only changes with them
 * off). */
#include <kernel.h>
#include <sched.h>
#include <sched/loadavg.h>

unsigned long avenrun[3];
static unsigned long calc_load_update = LOAD_FREQ;

unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	if (active >= load)
		newload += FIXED_1 - 1;          /* round up while rising, as Linux */
	return newload / FIXED_1;
}

unsigned long nr_active_tasks(void)
{
	struct task_struct *p;
	unsigned long n = 0, flags = local_irq_save();

	read_lock(&tasklist_lock);            /* tasks exit on other CPUs */
	for_each_process(p)
		if (!p->exit_state && (p->state == TASK_RUNNING || (p->state & TASK_UNINTERRUPTIBLE)))
			n++;
	read_unlock(&tasklist_lock);
	local_irq_restore(flags);
	return n;
}

void calc_global_load(void)
{
	unsigned long active;

	if ((long)(jiffies - calc_load_update) < 0)
		return;
	active = nr_active_tasks() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
	calc_load_update += LOAD_FREQ;
}
