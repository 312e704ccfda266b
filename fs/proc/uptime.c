/* fs/proc/uptime.c: /proc/uptime, "seconds-since-boot idle-seconds" with
 * hundredths, as Linux; the idle time is the ticks the idle tasks ran,
 * summed over the CPUs (so it may exceed the uptime on SMP, as on Linux). */
#include <kernel.h>
#include <sched/cputime.h>
#include "internal.h"

int proc_uptime_show(struct seq_file *m, struct proc_inode *pi)
{
	unsigned long up = jiffies;
	unsigned long long idle = kcpustat_total(CPUTIME_IDLE);   /* every CPU's, as Linux */

	seq_printf(m, "%lu.%02lu %llu.%02llu\n", up / HZ, (up % HZ) * 100 / HZ,
		   idle / HZ, (idle % HZ) * 100 / HZ);
	return 0;
}
