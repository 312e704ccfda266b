/* include/oom.h: the OOM killer (mm/oom_kill.c). When memory a user
 * process asked for cannot be had, a process is chosen by Linux's badness
 * rule and killed with SIGKILL so that its memory comes back; allocations
 * the kernel makes for itself just fail. oom_score_adj (-1000..1000, per
 * process: signal_struct, inherited by fork, kept by exec) steers the
 * choice; -1000 means never. */
#ifndef TASKLAB_OOM_H
#define TASKLAB_OOM_H

#include <types.h>
#include <gfp.h>

#define OOM_SCORE_ADJ_MIN (-1000)
#define OOM_SCORE_ADJ_MAX 1000
/* oom_badness() of a task never chosen: LONG_MIN, as in Linux. */
#define OOM_BADNESS_NEVER (-__LONG_MAX__ - 1)

struct task_struct;
struct mm_struct;

/* The page allocator's call when an allocation for user memory failed
 * (gfp_oom_allowed): kill a victim unless one is already on its way out.
 * Never sleeps; the allocation still fails, and its caller retries later
 * (a user fault: pagefault_out_of_memory) or reports -ENOMEM. */
void out_of_memory(gfp_t gfp, unsigned int order);
/* A user page fault failed for memory. True: retry the faulting
 * instruction (current is dying, or the victims' memory is back, or a
 * second past the kill); false: nothing could be killed. Process context,
 * interrupts on; may sleep. */
bool pagefault_out_of_memory(void);

/* Linux's badness: resident pages plus page tables (no swap here),
 * moved by oom_score_adj in thousandths of totalpages; OOM_BADNESS_NEVER
 * for a task that must not be chosen (PID 1, kernel threads, -1000, no mm, a
 * vfork child: its parent's mm is the same). */
long oom_badness(struct task_struct *p, unsigned long totalpages);

/* p's process's oom_score_adj: get 0 (*adj set); set 0 or -EINVAL (out
 * of range), or -EACCES (below the lowest value root has set, by a user
 * who is not root: Linux's rule for /proc/PID/oom_score_adj); both
 * -ESRCH once p is released (a /proc file of it still open). */
int get_oom_score_adj(struct task_struct *p, int *adj);
int set_oom_score_adj(struct task_struct *p, int adj);

/* mmput: mm's memory has been freed; a victim's wakes the waiters. */
void exit_oom_mm(struct mm_struct *mm);

/* Processes killed since boot (/proc/vmstat's oom_kill). */
extern unsigned long oom_kill_count;

#endif
