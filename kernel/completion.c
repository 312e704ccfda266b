/* kernel/completion.c: completions (include/completion.h), a count of events
 * and a wait queue. Waiters queue exclusively, so complete() wakes exactly
 * one of them for its one event. `done` is guarded by the queue's own lock,
 * c->wait.lock (interrupts off: complete() may run in a handler), as Linux. */
#include <kernel.h>
#include <completion.h>
#include <sched.h>
#include <spinlock.h>

#define COMPLETE_ALL 0x7FFFFFFFU

void complete(struct completion *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->wait.lock, flags);
	if (c->done != COMPLETE_ALL)
		c->done++;
	__wake_up_locked(&c->wait, 1);
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

void complete_all(struct completion *c)
{
	unsigned long flags;

	spin_lock_irqsave(&c->wait.lock, flags);
	c->done = COMPLETE_ALL;
	__wake_up_locked(&c->wait, 0);
	spin_unlock_irqrestore(&c->wait.lock, flags);
}

/* Contract: take one event, sleeping (TASK_UNINTERRUPTIBLE) until there
 * is one. Process context; interrupts as they were on return. The test,
 * the queueing and the state are all under the queue's lock, which
 * complete() takes too: a complete() on another CPU either comes first
 * (done is seen) or finds us queued and asleep-to-be, as Linux's. One
 * lock round when the event is there, two when it sleeps once. A wake-up
 * takes the entry off the queue (kernel/wait.c); after a spurious one it
 * goes back at the tail. */
void wait_for_completion(struct completion *c)
{
	DEFINE_WAIT(wait);
	unsigned long flags;

	spin_lock_irqsave(&c->wait.lock, flags);
	while (!c->done) {
		__add_wait_queue_exclusive(&c->wait, &wait);
		__set_current_state(TASK_UNINTERRUPTIBLE);
		spin_unlock_irqrestore(&c->wait.lock, flags);
		schedule();
		spin_lock_irqsave(&c->wait.lock, flags);
	}
	__remove_wait_queue(&c->wait, &wait);
	if (c->done != COMPLETE_ALL)
		c->done--;
	spin_unlock_irqrestore(&c->wait.lock, flags);
}
