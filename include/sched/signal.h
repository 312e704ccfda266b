/* include/sched/signal.h: signal handlers and the per-process signal state
 * (kernel/sighand.c). sighand_struct (the action table) is shared by
 * CLONE_SIGHAND or copied; signal_struct (per thread group: pending shared
 * signals, the controlling terminal, rlimits) is shared by CLONE_THREAD or
 * new, and a new one inherits the terminal and the rlimits from the parent's
 * (the process group and session, pgid and sid, are in task_struct and come
 * with the copied task). Delivery arrives with the signals issue; fork and
 * exit manage them now. */
#ifndef TASKLAB_SCHED_SIGNAL_H
#define TASKLAB_SCHED_SIGNAL_H

#include <types.h>
#include <resource.h>

struct task_struct;
struct tty_struct;

#define _NSIG 64

struct k_sigaction {
	unsigned long handler;            /* SIG_DFL 0, SIG_IGN 1, or a user address */
	unsigned long flags;
	u64 mask;
};

struct sighand_struct {
	int count;                        /* tasks sharing the table */
	struct k_sigaction action[_NSIG];
};

/* signal_struct.flags */
#define SIGNAL_GROUP_EXIT 0x00000004      /* exit_group or a fatal signal: every
					   * thread ends, with group_exit_code */

struct signal_struct {
	int count;                        /* tasks referring to it */
	int live;                         /* threads of the group not yet in do_exit */
	unsigned int flags;               /* SIGNAL_* */
	int group_exit_code;
	struct task_struct *group_exec_task;   /* de_thread: the thread execing,
					   * woken as each other thread goes */
	struct tty_struct *tty;           /* controlling terminal, or NULL */
	struct rlimit rlim[RLIM_NLIMITS];
};

extern struct sighand_struct init_sighand;
extern struct signal_struct init_signal;

struct kmem_cache;
extern struct kmem_cache *sighand_cachep, *signal_cachep;
bool signal_caches_init(void);
/* Share or copy by flag into p; 0 or -ENOMEM. */
int copy_sighand(unsigned long clone_flags, struct task_struct *p);
int copy_signal(unsigned long clone_flags, struct task_struct *p);
/* Drop p's references (the last frees). */
void exit_sighand(struct task_struct *p);
void exit_signal(struct task_struct *p);

#endif
