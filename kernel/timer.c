/* kernel/timer.c: the timer tick's work and the jiffies timer list
 * (include/timer.h). Every tick (arch/i386/i8253.c calls timer_tick with
 * interrupts off) charges the running task (scheduler_tick, and its
 * process's CPU-time itimers) and runs the timers whose time has come. The
 * list is sorted by expiry: adding is O(n), the tick looks at the head
 * only. schedule_timeout() sleeps on a timer that wakes the sleeper;
 * msleep() is built on it. Timers that send signals hand them to the
 * fired list of timer events, sent at the next safe point. The timer list
 * is guarded by timer_lock, the fired list by timer_events_lock, both taken
 * with interrupts off (the tick uses them); a timer's function runs with
 * neither held, so it may re-arm its timer or fire an event. On several
 * CPUs a function may be running on one while its owner disarms it on
 * another: del_timer_sync() waits for it, as Linux's, and the fired events
 * are sent by one CPU at a time, timer_event_cancel() waiting for a send
 * in flight, so that the structure holding either can then be freed. */
#include <kernel.h>
#include <sched.h>
#include <posix-timers.h>
#include <timer.h>
#include <spinlock.h>
#include <asm/barrier.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/ptrace.h>

static LIST_HEAD(timer_list_head);
static DEFINE_SPINLOCK(timer_lock);          /* timer_list_head, each entry's place */
static DEFINE_SPINLOCK(timer_events_lock);   /* timer_events_fired, event counts */
/* Under timer_events_lock: the event being sent, and whether a CPU is
 * sending (the others leave the fired list to it). */
static struct timer_event *running_event;
static bool events_draining;

static void enqueue_timer(struct timer_list *t)
{
	struct timer_list *pos;

	list_for_each_entry(pos, &timer_list_head, entry)
		if ((long)(t->expires - pos->expires) < 0)
			break;
	list_add_tail(&t->entry, &pos->entry);   /* before pos: stays sorted */
}

bool mod_timer(struct timer_list *t, unsigned long expires)
{
	unsigned long flags;
	bool was;

	spin_lock_irqsave(&timer_lock, flags);
	was = timer_pending(t);
	if (was)
		list_del_init(&t->entry);
	t->expires = expires;
	enqueue_timer(t);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}

bool del_timer(struct timer_list *t)
{
	unsigned long flags;
	bool was;

	spin_lock_irqsave(&timer_lock, flags);
	was = timer_pending(t);
	if (was)
		list_del_init(&t->entry);
	spin_unlock_irqrestore(&timer_lock, flags);
	return was;
}

/* The timer whose function runs now (on the CPU keeping time), or NULL:
 * del_timer_sync waits for it. Under timer_lock. */
static struct timer_list *running_timer;

/* Disarm t and, if its function is running on another CPU, wait until
 * it has returned (Linux's del_timer_sync): after this, t may be freed
 * (a stack frame left, a task reaped). Returns true if t was pending.
 * Not from the function itself, nor with a lock it takes held. */
bool del_timer_sync(struct timer_list *t)
{
	unsigned long flags;
	bool was, running;

	for (;;) {
		spin_lock_irqsave(&timer_lock, flags);
		was = timer_pending(t);
		if (was)
			list_del_init(&t->entry);
		running = running_timer == t;
		spin_unlock_irqrestore(&timer_lock, flags);
		if (!running)
			return was;
		cpu_relax();
	}
}

/* Run every expired timer (the tick, interrupts off), each function
 * called with timer_lock dropped (running_timer names it meanwhile). */
static void run_timers(void)
{
	spin_lock(&timer_lock);
	while (!list_empty(&timer_list_head)) {
		struct timer_list *t = list_first_entry(&timer_list_head, struct timer_list, entry);
		void (*fn)(unsigned long) = t->function;
		unsigned long data = t->data;

		if ((long)(jiffies - t->expires) < 0)
			break;
		list_del_init(&t->entry);
		running_timer = t;
		spin_unlock(&timer_lock);
		fn(data);
		spin_lock(&timer_lock);
		running_timer = NULL;
	}
	spin_unlock(&timer_lock);
}

LIST_HEAD(timer_events_fired);

void timer_event_fire(struct timer_event *ev)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_events_lock, flags);
	if (!ev->count++)
		list_add_tail(&ev->fired, &timer_events_fired);
	spin_unlock_irqrestore(&timer_events_lock, flags);
}

bool timer_event_busy(const struct timer_event *ev)
{
	if (READ_ONCE(ev->count))
		return true;
	barrier();    /* x86 keeps loads in order: running_event was set before count was cleared */
	return READ_ONCE(running_event) == ev;
}

void timer_event_cancel(struct timer_event *ev)
{
	unsigned long flags;

	if (!timer_event_busy(ev))       /* stays so: its timer is disarmed */
		return;
	spin_lock_irqsave(&timer_events_lock, flags);
	if (ev->count)
		list_del_init(&ev->fired);
	ev->count = 0;
	while (running_event == ev) {    /* another CPU sends it: wait */
		spin_unlock_irqrestore(&timer_events_lock, flags);
		cpu_relax();
		spin_lock_irqsave(&timer_events_lock, flags);
	}
	spin_unlock_irqrestore(&timer_events_lock, flags);
}

/* Each event is taken off the list (and its count read) under
 * timer_events_lock, then sent with it dropped and interrupts as the
 * caller had them: send() may allocate and wake tasks. An event fired
 * again meanwhile is queued again. One CPU sends at a time (the others
 * return at once: it drains the list), so no event is sent twice at once. */
void run_timer_events(void)
{
	unsigned long flags;

	spin_lock_irqsave(&timer_events_lock, flags);
	if (events_draining) {
		spin_unlock_irqrestore(&timer_events_lock, flags);
		return;
	}
	events_draining = true;
	while (!list_empty(&timer_events_fired)) {
		struct timer_event *ev = list_first_entry(&timer_events_fired,
							  struct timer_event, fired);
		unsigned int count = ev->count;

		list_del_init(&ev->fired);
		running_event = ev;
		ev->count = 0;
		spin_unlock_irqrestore(&timer_events_lock, flags);
		ev->send(ev, count);
		spin_lock_irqsave(&timer_events_lock, flags);
		running_event = NULL;
	}
	events_draining = false;
	spin_unlock_irqrestore(&timer_events_lock, flags);
}

/* Every CPU's tick (its local APIC timer, interrupts off): charge it to
 * the task running there (Linux's update_process_times). */
void update_process_times(struct pt_regs *regs)
{
	bool user_tick = regs && user_mode(regs);

	scheduler_tick(user_tick);
	itimer_tick(user_tick);          /* ITIMER_VIRTUAL and ITIMER_PROF */
}

/* The tick the kernel keeps time by (CPU 0's, or the PIT's alone): the
 * running task's share, then the timer list. */
void timer_tick(struct pt_regs *regs)
{
	update_process_times(regs);
	run_timers();
}

static void process_timeout(unsigned long data)
{
	wake_up_process((struct task_struct *)data);
}

/* Sleep (in the state the caller set) for up to `ticks` jiffies; a wake-up
 * ends it early. Returns the ticks left (0 when the time ran out). With the
 * state still TASK_RUNNING it only gives up the CPU. */
long schedule_timeout(long ticks)
{
	struct timer_list timer;
	unsigned long expire;

	if (ticks == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return ticks;
	}
	if (ticks < 0)
		ticks = 0;
	expire = jiffies + ticks;
	setup_timer(&timer, process_timeout, (unsigned long)current);
	mod_timer(&timer, expire);
	schedule();
	/* _sync: woken by another, we may return while the tick on another
	 * CPU is still in process_timeout with our frame's timer (and then
	 * wake us in a later sleep, or after we are gone) */
	del_timer_sync(&timer);
	ticks = (long)(expire - jiffies);
	return ticks < 0 ? 0 : ticks;
}

long schedule_timeout_uninterruptible(long ticks)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(ticks);
}

unsigned long msecs_to_jiffies(unsigned int ms)
{
	return ((unsigned long)ms * HZ + 999) / 1000;
}

/* Sleep at least ms milliseconds (rounded up to whole ticks, plus one so a
 * partly elapsed tick does not count). */
void msleep(unsigned int ms)
{
	long ticks = msecs_to_jiffies(ms) + 1;

	while (ticks)
		ticks = schedule_timeout_uninterruptible(ticks);
}
