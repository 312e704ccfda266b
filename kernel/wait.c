/* kernel/wait.c: wait queues (include/wait.h). A sleeper is an entry on a
 * queue plus a task state other than TASK_RUNNING; waking it is
 * wake_up_process(). Exclusive sleepers are queued at the tail, so one
 * __wake_up() pass wakes all the non-exclusive ones in front and stops after
 * nr_exclusive exclusive ones. A queue is changed only under its lock, taken
 * with interrupts off (q->lock, include/wait.h); __wake_up finds a queue
 * empty without it (include/wait.h says why that is safe). */
#include <kernel.h>
#include <sched.h>
#include <wait.h>
#include <spinlock.h>

/* Inline in its two callers: every sleep on a pipe or a lock goes through it. */
static __always_inline void queue_entry(struct wait_queue_head *q, struct wait_queue_entry *w,
					long state, bool exclusive)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	w->task = current;
	if (list_empty(&w->entry)) {
		if (exclusive) {
			w->flags |= WQ_FLAG_EXCLUSIVE;
			list_add_tail(&w->entry, &q->task_list);
		} else {
			w->flags &= ~WQ_FLAG_EXCLUSIVE;
			list_add(&w->entry, &q->task_list);
		}
	}
	set_current_state(state);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* Queue w (once) and set the sleeping state; the caller then re-checks its
 * condition and calls schedule(). */
fastcall void prepare_to_wait(struct wait_queue_head *q, struct wait_queue_entry *w, long state)
{
	queue_entry(q, w, state, false);
}

fastcall void prepare_to_wait_exclusive(struct wait_queue_head *q, struct wait_queue_entry *w, long state)
{
	queue_entry(q, w, state, true);
}

/* finish_wait's slow part (include/sched.h): w may still be queued. */
fastcall void __finish_wait(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	__remove_wait_queue(q, w);
	spin_unlock_irqrestore(&q->lock, flags);
}

void add_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	w->flags &= ~WQ_FLAG_EXCLUSIVE;
	if (list_empty(&w->entry))
		list_add(&w->entry, &q->task_list);
	spin_unlock_irqrestore(&q->lock, flags);
	smp_mb();          /* queued before the caller checks: see __wake_up */
}

void remove_wait_queue(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	__remove_wait_queue(q, w);
	spin_unlock_irqrestore(&q->lock, flags);
}

/* The wake-up pass, q->lock held by the caller. Inline in __wake_up (a
 * pipe switch wakes twice): one call frame less. */
static __always_inline int wake_up_locked(struct wait_queue_head *q, int nr_exclusive)
{
	struct wait_queue_entry *w, *tmp;
	int woken = 0;

	list_for_each_entry_safe(w, tmp, &q->task_list, entry) {
		bool exclusive = w->flags & WQ_FLAG_EXCLUSIVE;

		if (!__wake_up_state(w->task, TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE))
			continue;          /* already running: it will re-check */
		woken++;
		/* a woken waiter leaves the queue; it re-queues if it must wait */
		list_del_init(&w->entry);
		if (exclusive && nr_exclusive && !--nr_exclusive)
			break;
	}
	return woken;
}

int __wake_up_locked(struct wait_queue_head *q, int nr_exclusive)
{
	return wake_up_locked(q, nr_exclusive);
}

/* __wake_up's work on a queue it found not empty (include/wait.h). */
fastcall int __wake_up_common_lock(struct wait_queue_head *q, int nr_exclusive)
{
	unsigned long flags;
	int woken;

	spin_lock_irqsave(&q->lock, flags);
	woken = wake_up_locked(q, nr_exclusive);
	spin_unlock_irqrestore(&q->lock, flags);
	return woken;
}
