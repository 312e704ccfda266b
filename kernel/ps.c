/* kernel/ps.c: the task table in `ps -efj` columns (seed claim c16), printed
 * by the monitor's t key (SysRq-t) and mirrored by gdb's tl-ps
 * (scripts/gdb/tasklab.py). As in ps, a task without a user address space
 * (a kernel thread, mm == NULL) shows its name in [square brackets]. STIME is
 * the time since boot when the task started (mm:ss), TIME the CPU time it
 * used, C its CPU share in percent since it started, TTY its controlling
 * terminal (? for none). */
#include <kernel.h>
#include <sched.h>
#include <sched/signal.h>
#include <tty.h>
#include <asm/irqflags.h>

#define PS_HEADER "UID        PID  PPID  PGID   SID  C STIME TTY          TIME CMD"

static unsigned int cpu_percent(const struct task_struct *p)
{
	unsigned long alive = jiffies - p->start_time;

	return alive ? (p->utime + p->stime) * 100 / alive : 0;
}

/* One line for p (no newline) into buf; returns its length. */
int format_task_line(struct task_struct *p, char *buf, size_t size)
{
	unsigned long start = p->start_time / HZ, used = (p->utime + p->stime) / HZ;
	const char *open = p->mm ? "" : "[", *close = p->mm ? "" : "]";
	const char *tty = p->signal && p->signal->tty ? p->signal->tty->name : "?";

	return snprintf(buf, size, "%-8s %5d %5d %5d %5d %2u %02lu:%02lu %-8s %02lu:%02lu:%02lu %s%s%s",
			p->uid ? "user" : "root", p->pid, p->parent->pid, p->pgid, p->sid,
			cpu_percent(p), start / 60 % 60, start % 60, tty,
			used / 3600, used / 60 % 60, used % 60, open, p->comm, close);
}

/* Print every task, init_task first, then in creation order, under
 * tasklist_lock (read, which an interrupt handler may take: the monitor's
 * key). */
void show_tasks(void)
{
	struct task_struct *p = &init_task;
	char line[128];

	printk(KERN_RAW PS_HEADER "\n");
	read_lock(&tasklist_lock);
	do {
		format_task_line(p, line, sizeof(line));
		printk(KERN_RAW "%s\n", line);
		p = list_entry(p->tasks.next, struct task_struct, tasks);
	} while (p != &init_task);
	read_unlock(&tasklist_lock);
}
