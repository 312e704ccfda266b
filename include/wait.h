/* include/wait.h: wait queues, the way a task sleeps until something happens
 * (kernel/wait.c). A sleeper puts an entry naming itself on the queue, sets its
 * state, re-checks its condition and calls schedule(); wake_up() makes the
 * sleepers runnable again. An *exclusive* sleeper (prepare_to_wait_exclusive)
 * sits at the tail and wake_up() wakes only one of those, which avoids waking
 * a herd when only one of them can proceed; wake_up_all() wakes everyone.
 *
 * The queue is guarded by its own spinlock, wait_queue_head.lock, taken with
 * interrupts off (wake_up() may run in an interrupt handler); the sleeper
 * sets its state under it, so a wake-up on another CPU between the queueing
 * and the re-check is not lost. The lock nests inside every other lock and
 * takes none but the run queue's (include/lock_order.h). The condition
 * must be re-checked after each wake-up. */
#ifndef TASKLAB_WAIT_H
#define TASKLAB_WAIT_H

#include <types.h>
#include <list.h>
#include <spinlock.h>

struct task_struct;

#define WQ_FLAG_EXCLUSIVE 0x01

struct wait_queue_head {
	spinlock_t lock;                  /* guards task_list */
	struct list_head task_list;
};
typedef struct wait_queue_head wait_queue_head_t;

struct wait_queue_entry {
	unsigned int flags;               /* WQ_FLAG_EXCLUSIVE */
	struct task_struct *task;
	struct list_head entry;           /* on the head's task_list; empty when off */
};

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ __SPIN_LOCK_UNLOCKED(name.lock), LIST_HEAD_INIT((name).task_list) }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DEFINE_WAIT(name) struct wait_queue_entry name = { 0, current, LIST_HEAD_INIT((name).entry) }

/* name: the queue lock's class name; each init site is one class. */
/* Whether anyone sleeps on q: a waker that changed the condition under a
 * lock the sleeper also takes after queueing may skip an empty queue. */
static inline bool waitqueue_active(const struct wait_queue_head *q)
{
	return !list_empty(&q->task_list);
}

static inline void __init_waitqueue_head(struct wait_queue_head *q, const char *name)
{
	__spin_lock_init(&q->lock, name);
	INIT_LIST_HEAD(&q->task_list);
}
#define init_waitqueue_head(q) __init_waitqueue_head((q), #q ".lock")

fastcall void prepare_to_wait(struct wait_queue_head *q, struct wait_queue_entry *w, long state);
fastcall void prepare_to_wait_exclusive(struct wait_queue_head *q, struct wait_queue_entry *w,
				    long state);
/* finish_wait() is inline in include/sched.h (it sets current's state);
 * this is its slow part: w still queued, taken off under q->lock. */
fastcall void __finish_wait(struct wait_queue_head *q, struct wait_queue_entry *w);
/* Queue w (once) without touching the task's state, and take it off (if
 * a wake-up did not already): poll keeps entries on several queues while
 * it checks its files (fs/select.c). */
void add_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w);
void remove_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w);
/* The same, q->lock held by the caller (interrupts off): w joins the
 * exclusive sleepers at the tail, if not queued already; and leaves. */
static inline void __add_wait_queue_exclusive(struct wait_queue_head *q,
					      struct wait_queue_entry *w)
{
	if (list_empty(&w->entry)) {
		w->flags |= WQ_FLAG_EXCLUSIVE;
		list_add_tail(&w->entry, &q->task_list);
	}
}
static inline void __remove_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	(void)q;
	if (!list_empty(&w->entry))
		list_del_init(&w->entry);
}
/* The locked wake-up pass of __wake_up (kernel/wait.c). */
fastcall int __wake_up_common_lock(struct wait_queue_head *q, int nr_exclusive);

/* Contract: wake every non-exclusive sleeper and up to nr_exclusive
 * exclusive ones (0: all); returns how many tasks were made runnable. Any
 * context. Inline: an empty queue costs a barrier and a test, no call and
 * no lock (Linux's wq_has_sleeper, for every waker). The waker changed its
 * condition before the full barrier; every sleeper is queued before a full
 * barrier and only then checks the condition (set_current_state in
 * prepare_to_wait, smp_mb at the end of add_wait_queue for poll). So either
 * this sees the entry, or the sleeper sees the new condition. */
static inline int __wake_up(struct wait_queue_head *q, int nr_exclusive)
{
	smp_mb();
	if (list_empty(&q->task_list))
		return 0;
	return __wake_up_common_lock(q, nr_exclusive);
}
/* The same with q->lock already held (by the caller, interrupts off). */
int __wake_up_locked(struct wait_queue_head *q, int nr_exclusive);
#define wake_up(q)     __wake_up(q, 1)
#define wake_up_all(q) __wake_up(q, 0)

long schedule_timeout(long ticks);

/* The loop behind wait_event*: if cond is not true already, queue with
 * `prepare`, re-check, sleep, until it is. */
#define ___wait_event(wq, cond, prepare) do {                           \
	if (cond)                                                       \
		break;                                                  \
	DEFINE_WAIT(__wait);                                            \
	for (;;) {                                                      \
		prepare(&(wq), &__wait, TASK_UNINTERRUPTIBLE);          \
		if (cond)                                               \
			break;                                          \
		schedule();                                             \
		if (cond)               /* woken for it: skip a re-queue */ \
			break;                                          \
	}                                                               \
	finish_wait(&(wq), &__wait);                                    \
} while (0)

/* Sleep until cond is true or a signal is pending (the caller includes
 * sched.h): 0, or -ERESTARTSYS. */
#define wait_event_interruptible(wq, cond) ({                           \
	int __ret = 0;                                                  \
	DEFINE_WAIT(__wait);                                            \
	for (;;) {                                                      \
		prepare_to_wait(&(wq), &__wait, TASK_INTERRUPTIBLE);    \
		if (cond)                                               \
			break;                                          \
		if (signal_pending(current)) {                          \
			__ret = -ERESTARTSYS;                           \
			break;                                          \
		}                                                       \
		schedule();                                             \
	}                                                               \
	finish_wait(&(wq), &__wait);                                    \
	__ret;                                                          \
})

/* Sleep until cond is true (uninterruptible: nothing else ends the sleep). */
#define wait_event(wq, cond) ___wait_event(wq, cond, prepare_to_wait)
/* As wait_event, but the caller queues exclusively. */
#define wait_event_exclusive(wq, cond) ___wait_event(wq, cond, prepare_to_wait_exclusive)

/* Sleep until cond or `ticks` jiffies pass. Evaluates to the ticks left
 * (at least 1) when cond became true, 0 on timeout. */
#define wait_event_timeout(wq, cond, ticks) ({                          \
	long __left = (ticks);                                          \
	DEFINE_WAIT(__wait);                                            \
	for (;;) {                                                      \
		prepare_to_wait(&(wq), &__wait, TASK_UNINTERRUPTIBLE);  \
		if (cond) {                                             \
			if (!__left)                                    \
				__left = 1;                             \
			break;                                          \
		}                                                       \
		if (!__left)                                            \
			break;                                          \
		__left = schedule_timeout(__left);                      \
	}                                                               \
	finish_wait(&(wq), &__wait);                                    \
	__left;                                                         \
})

#endif
