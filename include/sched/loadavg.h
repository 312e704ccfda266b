/* include/sched/loadavg.h: the load averages (kernel/sched/loadavg.c), as
 * Linux keeps them: every LOAD_FREQ ticks (5 s and a tick) the number of
 * tasks that are runnable or in uninterruptible sleep is folded into three
 * exponentially decaying averages over 1, 5 and 15 minutes, in fixed point
 * with FSHIFT fraction bits. /proc/loadavg and sysinfo read them. */
#ifndef TASKLAB_SCHED_LOADAVG_H
#define TASKLAB_SCHED_LOADAVG_H

#include <types.h>

#define FSHIFT    11                      /* bits of fraction */
#define FIXED_1   (1 << FSHIFT)           /* 1.0 */
#define LOAD_FREQ (5 * HZ + 1)            /* ticks between updates */
#define EXP_1     1884                    /* 2048 / exp(5 s / 1 min) */
#define EXP_5     2014                    /* 2048 / exp(5 s / 5 min) */
#define EXP_15    2037                    /* 2048 / exp(5 s / 15 min) */

/* The 1, 5 and 15 minute averages, FSHIFT fixed point. */
extern unsigned long avenrun[3];
/* The integer and hundredths of an average, rounded as Linux prints them. */
#define LOAD_INT(x)  ((x) >> FSHIFT)
#define LOAD_FRAC(x) LOAD_INT(((x) & (FIXED_1 - 1)) * 100)

/* Called by CPU 0's tick (interrupts off): every LOAD_FREQ ticks it fires
 * the sample, taken at the next safe point (kernel/sched/loadavg.c). */
void calc_global_load(void);
/* One step of the average: load decayed by exp toward active (both fixed
 * point). */
unsigned long calc_load(unsigned long load, unsigned long exp, unsigned long active);
/* Tasks that count toward the load now: runnable, or in uninterruptible
 * sleep (not the idle task). */
unsigned long nr_active_tasks(void);

#endif
