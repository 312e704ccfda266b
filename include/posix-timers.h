/* include/posix-timers.h: a process's timers (kernel/itimer.c,
 * kernel/posix-timers.c). ITIMER_REAL (setitimer and alarm share it) runs
 * on the jiffies timer list; ITIMER_VIRTUAL and ITIMER_PROF count the
 * process's user, or user and system, ticks (itimer_tick); the POSIX
 * timers of timer_create run on the timer list and signal the process or
 * one of its threads. All belong to the process (signal_struct), as in
 * Linux: a fork starts with none, an exec keeps the itimers and deletes
 * the POSIX timers, and the process's end stops and frees them all. Their
 * signals go out through timer events (include/timer.h). */
#ifndef TASKLAB_POSIX_TIMERS_H
#define TASKLAB_POSIX_TIMERS_H

#include <types.h>
#include <list.h>
#include <mutex.h>
#include <timer.h>

struct signal_struct;
struct sigqueue;

/* ITIMER_VIRTUAL or ITIMER_PROF: ticks left (0: disarmed) and the reload. */
struct cpu_itimer {
	unsigned long left, incr;
	struct timer_event event;
};

struct signal_timers {
	struct timer_list real_timer;     /* ITIMER_REAL and alarm: one timer */
	unsigned long real_incr;          /* its reload in ticks, 0: one shot */
	struct timer_event real_event;
	struct cpu_itimer virt, prof;
	/* posix_mutex: the POSIX timer list and ids, and each timer's
	 * settings against its process's other threads (timer_settime and
	 * timer_delete from two threads at once) */
	struct mutex posix_mutex;
	struct list_head posix_timers;    /* struct k_itimer, newest first */
	int next_posix_timer_id;
	/* set by the process's first setitimer or alarm: until then
	 * exit_itimers has no itimer to stop or wait for */
	bool itimers_used;
};

/* A new process's timers: none armed. */
void signal_timers_init(struct signal_struct *sig);
/* Did the process ever set an itimer or make a POSIX timer? Only its own
 * threads do (setitimer, alarm, timer_create), and each of them has
 * dropped signal->live (a full barrier) before the last one out asks:
 * a no then is final, and exit_itimers has nothing to stop or wait for
 * (most processes: do_exit skips the call). */
static inline bool signal_timers_used(const struct signal_timers *it)
{
	return READ_ONCE(it->itimers_used) || !list_empty(&it->posix_timers);
}
/* The process's last thread exits: every timer stops, the POSIX ones are
 * freed. */
void exit_itimers(struct signal_struct *sig);
/* exec: the POSIX timers are deleted; the itimers stay. */
void exit_posix_timers(struct signal_struct *sig);
/* The tick (interrupts off): one tick of current's CPU time against its
 * process's ITIMER_PROF, and ITIMER_VIRTUAL if it was a user tick. */
void itimer_tick(bool user_tick);
/* kernel/signal.c took a POSIX timer's signal off a pending set: its
 * overrun count becomes the one timer_getoverrun reports. */
void posix_timer_delivered(struct sigqueue *q);

/* POSIX timers in existence (a ktest leak counter). */
extern unsigned long nr_posix_timers;

#endif
