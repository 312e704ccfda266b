/* fs/proc/loadavg.c: /proc/loadavg, "1min 5min 15min running/tasks
 * last-pid", the averages rounded to hundredths as Linux prints them
 * (include/sched/loadavg.h). */
#include <kernel.h>
#include <pid.h>
#include <sched.h>
#include <sched/loadavg.h>
#include "internal.h"

int proc_loadavg_show(struct seq_file *m, struct proc_inode *pi)
{
	unsigned long a[3];

	for (int i = 0; i < 3; i++)
		a[i] = avenrun[i] + FIXED_1 / 200;
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %lu/%d %d\n",
		   LOAD_INT(a[0]), LOAD_FRAC(a[0]), LOAD_INT(a[1]), LOAD_FRAC(a[1]),
		   LOAD_INT(a[2]), LOAD_FRAC(a[2]), nr_running(), nr_threads, last_pid);
	return 0;
}
