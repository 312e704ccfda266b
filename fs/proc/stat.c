/* fs/proc/stat.c: /proc/stat, the CPU and scheduler counters top and
 * vmstat read: the CPU's time by kind in ticks (USER_HZ 100, the same as
 * HZ here) for the whole machine and each online CPU, the interrupts by
 * number, context switches, boot time, forks since boot, runnable tasks.
 * Nothing here waits for I/O (procs_blocked 0) or runs softirqs. */
#include <kernel.h>
#include <sched.h>
#include <sched/cputime.h>
#include <time.h>
#include <asm/irq.h>
#include "internal.h"

static void show_cpu(struct seq_file *m, const char *name, const unsigned long long *t)
{
	seq_printf(m, "%s %llu %llu %llu %llu 0 0 0 0 0 0\n", name, t[CPUTIME_USER],
		   t[CPUTIME_NICE], t[CPUTIME_SYSTEM], t[CPUTIME_IDLE]);
}

int proc_stat_show(struct seq_file *m, struct proc_inode *pi)
{
	unsigned long long irqs = 0;

	unsigned long long sum[NR_CPUTIME];
	char name[8];
	int cpu;

	for (int k = 0; k < NR_CPUTIME; k++)
		sum[k] = kcpustat_total(k);
	show_cpu(m, "cpu ", sum);
	for_each_online_cpu(cpu) {
		snprintf(name, sizeof(name), "cpu%d", cpu);
		show_cpu(m, name, kcpustat_cpu[cpu]);
	}
	for (int i = 0; i < NR_IRQS; i++)
		irqs += irq_count[i];
	seq_printf(m, "intr %llu", irqs);
	for (int i = 0; i < NR_IRQS; i++)
		seq_printf(m, " %lu", irq_count[i]);
	seq_printf(m, "\nctxt %lu\nbtime %llu\nprocesses %lu\nprocs_running %lu\nprocs_blocked 0\n",
		   sched_stats.context_switches, boot_time_seconds, total_forks, nr_running());
	seq_puts(m, "softirq 0 0 0 0 0 0 0 0 0 0 0\n");
	return 0;
}
