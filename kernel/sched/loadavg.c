/* kernel/sched/loadavg.c: the load averages (include/sched/loadavg.h), by
 * Linux's formula: every LOAD_FREQ ticks,
 *     load = (load * exp + active * (FIXED_1 - exp)) / FIXED_1
 * for the 1, 5 and 15 minute exponents, where active counts the tasks
 * runnable or in uninterruptible sleep (as Linux's nr_running plus
 * nr_uninterruptible). Tasklab does not keep an uninterruptible count as
 * tasks sleep, so the update walks the task list, under tasklist_lock:
 * once per five seconds, the tick (CPU 0's) fires a timer event and the
 * walk runs at the next safe point in process context (run_timer_events),
 * not in the interrupt: a tick that read-locked tasklist_lock could arrive
 * while its CPU held files->file_lock, which fget_task takes under
 * task_lock, which __release_task takes under tasklist_lock held for
 * writing on another CPU: a cycle the lock checker reported. */
#include <kernel.h>
#include <sched.h>
#include <timer.h>
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

/* The sample, at a safe point (one CPU sends at a time): each expiry
 * counted since the last (count) is one sample of the same load. */
static void calc_load_send(struct timer_event *ev, unsigned int count)
{
	unsigned long active = nr_active_tasks() * FIXED_1;

	while (count--) {
		avenrun[0] = calc_load(avenrun[0], EXP_1, active);
		avenrun[1] = calc_load(avenrun[1], EXP_5, active);
		avenrun[2] = calc_load(avenrun[2], EXP_15, active);
	}
}

static struct timer_event calc_load_event = {
	.fired = LIST_HEAD_INIT(calc_load_event.fired),
	.send = calc_load_send,
};

void calc_global_load(void)
{
	if ((long)(jiffies - calc_load_update) < 0)
		return;
	calc_load_update += LOAD_FREQ;
	timer_event_fire(&calc_load_event);
}
