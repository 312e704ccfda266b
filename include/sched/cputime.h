/* include/sched/cputime.h: CPU time and page-fault accounting
 * (kernel/sched/cputime.c).
 *
 * The timer tick charges the running thread one tick (10 ms) of user or
 * system time, by the mode the tick interrupted (account_process_tick):
 * task_struct utime/stime. The page-fault handler counts each fault it
 * resolves in min_flt (every fault is minor here: no page is ever read
 * from a device, so maj_flt stays 0, as on Linux for a tmpfs or ramfs
 * file). A process's counts are the sum over its live threads plus what
 * its threads that are gone left in its signal_struct
 * (account_released_thread, from release_task); its children's are what
 * each child it waited for had used, with that child's own waited-for
 * children (account_reaped_child, from the reaping wait), as Linux's
 * cutime, cstime, cmin_flt. times(2), getrusage(2), wait4's and waitid's
 * rusage, the CPU-time clocks, the ITIMER_VIRTUAL/ITIMER_PROF timers,
 * /proc/<pid>/stat and top read these. */
#ifndef TASKLAB_SCHED_CPUTIME_H
#define TASKLAB_SCHED_CPUTIME_H

#include <types.h>
#include <smp.h>

struct task_struct;
struct timespec64;

struct task_cputime {
	unsigned long utime, stime;       /* ticks */
};

/* What a signal_struct keeps for its process (zeroed for a new one). */
struct signal_cputime {
	unsigned long utime, stime, nvcsw, nivcsw, min_flt, maj_flt;       /* threads gone */
	unsigned long cutime, cstime, cnvcsw, cnivcsw, cmin_flt, cmaj_flt; /* children waited for */
};

/* Linux's struct rusage on i386 (72 bytes). */
struct rusage32 {
	s32 ru_utime_sec, ru_utime_usec;
	s32 ru_stime_sec, ru_stime_usec;
	s32 ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	s32 ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};

#define RUSAGE_SELF      0
#define RUSAGE_CHILDREN  (-1)
#define RUSAGE_THREAD    1
#define RUSAGE_BOTH      (-2)             /* in-kernel: a process and its children */

/* The CPU's time by kind, in ticks (/proc/stat's cpu line, /proc/uptime's
 * idle time): user (nice 0 or below), nice (user time of nice > 0 tasks),
 * system, idle (the idle task ran). No tick can land in an interrupt
 * handler (they run with interrupts off) and nothing waits for I/O, so
 * irq, softirq and iowait time are 0 here. */
enum cpu_usage_stat { CPUTIME_USER, CPUTIME_NICE, CPUTIME_SYSTEM, CPUTIME_IDLE, NR_CPUTIME };
/* Per CPU (each CPU's tick adds to its own row, so no lock), and summed. */
extern unsigned long long kcpustat_cpu[NR_CPUS][NR_CPUTIME];
unsigned long long kcpustat_total(enum cpu_usage_stat kind);

/* The tick (interrupts off), for the task it interrupted (the idle task
 * too): charge a tick of user or system time to p and to the CPU, and
 * every LOAD_FREQ ticks bring the load averages up to date
 * (kernel/sched/loadavg.c). */
void account_process_tick(struct task_struct *p, bool user_tick);
/* The CPU time of p's process: every live thread and those gone. */
void thread_group_cputime(struct task_struct *p, struct task_cputime *ct);
/* Page faults of p's process (minor, major), the same way. */
void thread_group_faults(struct task_struct *p, unsigned long *min_flt, unsigned long *maj_flt);
/* release_task: a thread's ticks, switches and faults go to its group's
 * totals (interrupts off). */
void account_released_thread(struct task_struct *p);
/* current reaps zombie leader p: p's process, and its own waited-for
 * children, count as current's process's children. */
void account_reaped_child(struct task_struct *p);
/* Ticks as a 32-bit timeval (struct rusage's, a core's prstatus times,
 * the interval timers'). */
void ticks_to_timeval(unsigned long ticks, s32 *sec, s32 *usec);
/* getrusage's work for p (RUSAGE_SELF, _CHILDREN, _THREAD or _BOTH). */
void task_rusage(struct task_struct *p, int who, struct rusage32 *r);
/* clock_gettime of a CPU-time clock (CLOCK_PROCESS_CPUTIME_ID,
 * CLOCK_THREAD_CPUTIME_ID, or a negative id for another process or
 * thread): 0, or -EINVAL for an id naming no live task or no clock. */
int cputime_clock_get(int clock, struct timespec64 *ts);

#endif
