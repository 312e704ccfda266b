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
/* Disarm t and wait for its function if it runs on another CPU. */
bool del_timer_sync(struct timer_list *t);
struct pt_regs;
/* The tick's work (kernel/timer.c), called by the PIT interrupt with
 * interrupts off: charge the running task, run the expired timers. */
void timer_tick(struct pt_regs *regs);
/* Every CPU's tick: charge it to the task running there. */
void update_process_times(struct pt_regs *regs);

/* A timer whose expiry sends a signal (itimers, POSIX timers). The signal
 * code is not safe in interrupt context, so the tick only counts the
 * expiry and queues the event (timer_event_fire); the signal goes out at
 * the next safe point, run_timer_events(): the return to user mode or the
 * idle loop, where no kernel code is half-way through anything (the job
 * Linux gives its timer softirq). send() gets the expiries counted since
 * the last send (more than one: the signal was late, an overrun). */
struct timer_event {
	struct list_head fired;           /* on the fired list until sent */
	unsigned int count;               /* expiries not yet sent */
	void (*send)(struct timer_event *ev, unsigned int count);
};

static inline void timer_event_init(struct timer_event *ev,
				    void (*send)(struct timer_event *, unsigned int))
{
	INIT_LIST_HEAD(&ev->fired);
	ev->count = 0;
	ev->send = send;
}

/* Interrupts off (a timer function): count one expiry of ev. */
void timer_event_fire(struct timer_event *ev);
/* Forget ev's unsent expiries (before it is freed or re-armed); the
 * caller has disarmed what fires it. */
void timer_event_cancel(struct timer_event *ev);
/* Send what fired; process context, interrupts on (see above). */
void run_timer_events(void);
extern struct list_head timer_events_fired;
static inline bool timer_events_pending(void) { return !list_empty(&timer_events_fired); }

#define MAX_SCHEDULE_TIMEOUT 0x7FFFFFFFL
long schedule_timeout_uninterruptible(long ticks);
void msleep(unsigned int ms);
unsigned long msecs_to_jiffies(unsigned int ms);

#endif
