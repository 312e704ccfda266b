/* include/pid.h: process ids (kernel/pid.c). A bitmap of pid_max bits hands
 * out pids in increasing order from the last one given, wrapping around to
 * RESERVED_PIDS (as Linux: the low pids stay for early daemons) and skipping
 * pids in use; a hash table finds a task by pid. pid_max (default 32768, as
 * 32-bit Linux) is tunable up to PID_MAX_LIMIT with pid_max= on the command
 * line or set_pid_max(). */
#ifndef TASKLAB_PID_H
#define TASKLAB_PID_H

#include <types.h>

struct task_struct;

#define PID_MAX_DEFAULT 0x8000
#define PID_MAX_LIMIT   0x20000           /* 131072: the bitmap is 16 KiB */
#define RESERVED_PIDS   300

extern int pid_max;
extern int nr_pids;                       /* pids in use (a ktest counter) */
extern int last_pid;                      /* the last pid handed out */

/* The next free pid, or -EAGAIN when all pid_max - 1 are in use. */
int alloc_pid(void);
void free_pid(int pid);
/* The lowest pid in use at or above from (0 is init_task's), or -1: for
 * listing /proc in pid order. */
int next_pid(int from);
/* 0, or -EINVAL outside [RESERVED_PIDS + 1, PID_MAX_LIMIT]. */
int set_pid_max(long n);

void pidhash_init(void);
void attach_pid(struct task_struct *p);
void detach_pid(struct task_struct *p);
struct task_struct *find_task_by_pid(pid_t pid);

#endif
