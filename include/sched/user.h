/* include/sched/user.h: the per-user record (Linux's user_struct) and the
 * limits a fork must pass (seed claims c22, c29, c30, c31). Every task
 * points at the user_struct of its real uid; the record counts that user's
 * tasks, threads included, for RLIMIT_NPROC (kernel/user.c). The checks a
 * fork makes (threads-max with root's spare tasks, RLIMIT_NPROC, the
 * optional fork rate limit) are in kernel/fork_limits.c.
 *
 *   task_struct --user--> user_struct { uid, processes, count }
 *        (every task of real uid U shares one, found by uid in a small hash)
 */
#ifndef TASKLAB_SCHED_USER_H
#define TASKLAB_SCHED_USER_H

#include <types.h>
#include <list.h>
#include <resource.h>
#include <sched.h>
#include <sched/signal.h>

/* Its counts change by atomic operations on any CPU; the hash list under
 * kernel/user.c's uidhash_lock. */
struct user_struct {
	int count;                        /* references: its tasks, and callers */
	int processes;                    /* tasks with this real uid, reaped ones
					   * excepted (zombies count, as in Linux) */
	int sigpending;                   /* queued siginfo records of signals to its
					   * tasks (RLIMIT_SIGPENDING, kernel/signal.c) */
	unsigned int uid;
	struct list_head uidhash_list;    /* in its uidhash bucket */
};

/* uid 0: static, never freed; init_task and every kernel thread use it. */
extern struct user_struct root_user;
/* user_structs allocated (not root_user): the tests' leak counter. */
extern unsigned long nr_user_structs;

/* The record of uid with a reference taken, created on first use; NULL when
 * out of memory. */
struct user_struct *alloc_uid(unsigned int uid);
void __free_uid(struct user_struct *up);
/* Drop a reference; the last one frees the record. All but what may be the
 * last go without the lock: a count above 1 is lowered in one step. */
static inline void free_uid(struct user_struct *up)
{
	int c = __atomic_load_n(&up->count, __ATOMIC_RELAXED);

	while (c > 1)
		if (__atomic_compare_exchange_n(&up->count, &c, c - 1, false,
						__ATOMIC_RELEASE, __ATOMIC_RELAXED))
			return;
	__free_uid(up);
}
static inline struct user_struct *get_uid(struct user_struct *up)
{
	__atomic_add_fetch(&up->count, 1, __ATOMIC_RELAXED);
	return up;
}
/* Move current to the user_struct of uid new_ruid (setuid and friends):
 * 0, or -EAGAIN when out of memory or when that user is at current's
 * RLIMIT_NPROC (Linux 2.6's set_user; root's record is exempt). */
int set_user(unsigned int new_ruid);

/* kernel/fork_limits.c. Linux 2.2 kept this many tasks under threads-max
 * for root (euid 0) alone, so an administrator can still log in and kill a
 * user's fork bomb (c30). */
#define MIN_TASKS_LEFT_FOR_ROOT 4

/* The fork rate limit (c31): at most n forks per tick, 0 = off (the
 * default). The fork_rate_limit= boot parameter and
 * /proc/sys/kernel/fork_rate_limit set it. */
extern unsigned int fork_rate_limit;
/* Forks that waited for the next tick because of the rate limit. */
extern unsigned long fork_rate_waits;

/* After fork_init: RLIMIT_NPROC defaults to threads-max / 2, as Linux. */
void fork_limits_init(void);
int __fork_check_limits(void);
/* Called by copy_process before anything is allocated: 0, or -EAGAIN when
 * threads-max (less root's spare for others) or the real user's
 * RLIMIT_NPROC is reached; with the fork rate limit on, first waits for a
 * tick with room (-EINTR if killed meanwhile). Inline for the common case,
 * far from every limit, so that fork pays a few loads for it. */
static inline int fork_check_limits(void)
{
	struct task_struct *tsk = current;

	if (likely(!fork_rate_limit && nr_threads < max_threads - MIN_TASKS_LEFT_FOR_ROOT &&
		   (unsigned long)READ_ONCE(tsk->user->processes) < tsk->signal->rlim[RLIMIT_NPROC].rlim_cur))
		return 0;
	return __fork_check_limits();
}
/* Called when the new task p is linked (it cannot fail after): p is one
 * more task of its real user. */
static inline void fork_account_user(struct task_struct *p)
{
	__atomic_add_fetch(&get_uid(p->user)->processes, 1, __ATOMIC_RELAXED);
}
/* Called by release_task: p is no longer one of its user's tasks. */
static inline void release_task_user(struct task_struct *p)
{
	struct user_struct *up = p->user;

	p->user = NULL;
	__atomic_sub_fetch(&up->processes, 1, __ATOMIC_RELAXED);
	free_uid(up);
}

#endif
