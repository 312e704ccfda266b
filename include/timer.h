/* include/timer.h: the jiffies timer list (kernel/timer.c). A timer calls
 * function(data) from the timer interrupt once jiffies reaches `expires`.
 * schedule_timeout() and msleep() sleep on one. The list is kept sorted by
 * expiry, so the tick looks only at its head. */
#ifndef TASKLAB_TIMER_H
#define TASKLAB_TIMER_H

#include <types.h>
#include <list.h>

struct timer_list {
	struct list_head entry;           /* on the timer list while pending */
	unsigned long expires;            /* in jiffies */
	void (*function)(unsigned long data);
	unsigned long data;
};

static inline void init_timer(struct timer_list *t)
{
	INIT_LIST_HEAD(&t->entry);
}

static inline void setup_timer(struct timer_list *t, void (*fn)(unsigned long), unsigned long data)
{
	init_timer(t);
	t->function = fn;
	t->data = data;
}

static inline bool timer_pending(const struct timer_list *t) { return !list_empty(&t->entry); }

/* (Re)arm t for `expires`; returns true if it was pending. */
bool mod_timer(struct timer_list *t, unsigned long expires);
/* Disarm t; returns true if it was pending. */
bool del_timer(struct timer_list *t);
struct pt_regs;
/* The tick's work (kernel/timer.c), called by the PIT interrupt with
 * interrupts off: charge the running task, run the expired timers. */
void timer_tick(struct pt_regs *regs);

#define MAX_SCHEDULE_TIMEOUT 0x7FFFFFFFL
long schedule_timeout_uninterruptible(long ticks);
void msleep(unsigned int ms);
unsigned long msecs_to_jiffies(unsigned int ms);

#endif
