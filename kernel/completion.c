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

/* Take one event, under the queue's lock between the test and the
 * decrement so a complete() elsewhere cannot slip in between. Inline in
 * wait_event's loop (a vfork parent tries twice). */
static __always_inline bool try_take(struct completion *c)
{
	unsigned long flags;
	bool got;

	spin_lock_irqsave(&c->wait.lock, flags);
	got = c->done > 0;
	if (got && c->done != COMPLETE_ALL)
		c->done--;
	spin_unlock_irqrestore(&c->wait.lock, flags);
	return got;
}

void wait_for_completion(struct completion *c)
{
	wait_event_exclusive(c->wait, try_take(c));
}
