/* kernel/completion.c: completions (include/completion.h), a count of events
 * and a wait queue. Waiters queue exclusively, so complete() wakes exactly
 * one of them for its one event. */
#include <kernel.h>
#include <completion.h>
#include <sched.h>
#include <asm/irqflags.h>

#define COMPLETE_ALL 0x7FFFFFFFU

void complete(struct completion *c)
{
	unsigned long flags = local_irq_save();

	if (c->done != COMPLETE_ALL)
		c->done++;
	__wake_up(&c->wait, 1);
	local_irq_restore(flags);
}

void complete_all(struct completion *c)
{
	unsigned long flags = local_irq_save();

	c->done = COMPLETE_ALL;
	__wake_up(&c->wait, 0);
	local_irq_restore(flags);
}

/* Take one event, interrupts off between the test and the decrement so an
 * interrupt-time complete() cannot slip in between. */
static bool try_take(struct completion *c)
{
	unsigned long flags = local_irq_save();
	bool got = c->done > 0;

	if (got && c->done != COMPLETE_ALL)
		c->done--;
	local_irq_restore(flags);
	return got;
}

void wait_for_completion(struct completion *c)
{
	wait_event_exclusive(c->wait, try_take(c));
}
