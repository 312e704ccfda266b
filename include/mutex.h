/* include/mutex.h: the sleeping mutual-exclusion lock (kernel/locking/mutex.c),
 * Linux's struct mutex: one owner at a time, released by that owner, never
 * taken in an interrupt handler. A task that finds it taken sleeps (on the
 * mutex's wait queue) instead of spinning, so it may be held across
 * anything that sleeps: allocation, user copies, disk-less waits. It may not
 * be taken with a spinning lock held (the checker reports it). */
#ifndef TASKLAB_MUTEX_H
#define TASKLAB_MUTEX_H

#include <types.h>
#include <lockdep.h>
#include <wait.h>
#include <asm/thread_info.h>

struct task_struct;

/* The lock word is the owner, as Linux's: NULL when free, taken by one
 * compare-and-exchange of NULL for the taker (so reports and gdb see who
 * holds it at no extra cost). */
struct mutex {
	struct task_struct *volatile owner;
	wait_queue_head_t wait;          /* sleepers wanting it */
	struct lockdep_map dep_map;
};

#define __MUTEX_INITIALIZER(n) { NULL, __WAIT_QUEUE_HEAD_INITIALIZER(n.wait), \
				 STATIC_LOCKDEP_MAP_INIT(#n) }
#define DEFINE_MUTEX(n) struct mutex n = __MUTEX_INITIALIZER(n)

void __mutex_init(struct mutex *m, const char *name);
#define mutex_init(m) __mutex_init((m), #m)

/* The out-of-line paths: the checker's notes, the sleep, the wake-up. */
void __mutex_lock(struct mutex *m);
void __mutex_unlock(struct mutex *m);

/* Contract: returns owning m, having slept as long as needed. Process
 * context, no spinning lock held, interrupts on. Inline: with the checker
 * off (nolockdep: a nop, patched at boot) a free mutex is taken by one
 * compare-and-exchange, as Linux's fast path (a pipe switch takes one
 * per read and write); otherwise, or when it is taken, the path above. */
static __always_inline void mutex_lock(struct mutex *m)
{
	if (!static_branch_unlikely(&debug_locks) &&
	    __sync_bool_compare_and_swap(&m->owner, NULL, current_thread_info()->task))
		return;
	__mutex_lock(m);
}
/* As mutex_lock, but a signal ends the wait: 0 (owned) or -EINTR. */
int mutex_lock_interruptible(struct mutex *m);
/* 1 if it got m without waiting, else 0. */
int mutex_trylock(struct mutex *m);
/* The release is an exchange (a full barrier) before the look at the
 * queue, so a waiter that queued and then tried is seen and woken. */
static __always_inline void mutex_unlock(struct mutex *m)
{
	if (static_branch_unlikely(&debug_locks)) {
		__mutex_unlock(m);
		return;
	}
	(void)__atomic_exchange_n(&m->owner, NULL, __ATOMIC_SEQ_CST);
	if (waitqueue_active(&m->wait))
		wake_up(&m->wait);
}
static inline bool mutex_is_locked(const struct mutex *m) { return m->owner != NULL; }

#endif
