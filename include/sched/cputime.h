/* include/sched/cputime.h: CPU-time accounting (kernel/cputime.c). The
 * timer tick charges the running task one tick of user or system time
 * (scheduler_tick: task_struct utime/stime); a process's time is the sum
 * over its live threads plus what its threads that are gone left in
 * signal_struct, and its children's time is what each child it waited for
 * had used, with that child's own waited-for children (Linux's cutime).
 * times, getrusage, wait4's and waitid's rusage, the CPU-time clocks and
 * the ITIMER_VIRTUAL/ITIMER_PROF timers read these counts. */
#ifndef TASKLAB_SCHED_CPUTIME_H
#define TASKLAB_SCHED_CPUTIME_H

#include <types.h>

struct task_struct;

struct task_cputime {
	unsigned long utime, stime;       /* ticks */
};

/* The times a signal_struct keeps (zeroed for a new process). */
struct signal_cputime {
	unsigned long utime, stime, nvcsw, nivcsw;       /* threads gone */
	unsigned long cutime, cstime, cnvcsw, cnivcsw;   /* children waited for */
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

/* The CPU time of p's process: every live thread and those gone. */
void thread_group_cputime(struct task_struct *p, struct task_cputime *ct);
/* release_task: a thread's ticks and switches go to its group's totals. */
void account_released_thread(struct task_struct *p);
/* current reaps zombie leader p: p's process, and its own waited-for
 * children, count as current's process's children. */
void account_reaped_child(struct task_struct *p);
/* Ticks as a 32-bit timeval (struct rusage's, a core's prstatus times). */
void ticks_to_timeval(unsigned long ticks, s32 *sec, s32 *usec);
/* getrusage's work for p (RUSAGE_SELF, _CHILDREN, _THREAD or _BOTH). */
void task_rusage(struct task_struct *p, int who, struct rusage32 *r);

#endif
