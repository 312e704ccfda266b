/* kernel/itimer.c: the interval timers of setitimer/getitimer (104/105)
 * and alarm (27), one set per process (include/posix-timers.h).
 * ITIMER_REAL runs on the jiffies timer list and sends SIGALRM to the
 * process; alarm is ITIMER_REAL with no interval, so the two replace each
 * other, as in Linux. ITIMER_VIRTUAL (SIGVTALRM) counts the process's
 * user ticks and ITIMER_PROF (SIGPROF) its user and system ticks, charged
 * by the timer tick to whichever thread was running (itimer_tick). Each
 * reloads with its interval when it expires. Times are whole ticks
 * (10 ms), rounded up from what the caller asks; a signal goes out
 * through a timer event, at the next safe point (include/timer.h).
 * itimer_lock (interrupts off: the tick takes it) guards every process's
 * CPU itimers (left, incr) and ITIMER_REAL's interval: one lock for all
 * processes, as the tick touches two counters under it. */
#include <kernel.h>
#include <errno.h>
#include <pid.h>
#include <posix-timers.h>
#include <sched.h>
#include <sched/signal.h>
#include <syscall.h>
#include <time.h>
#include <timer.h>
#include <spinlock.h>
#include <asm/uaccess.h>

static DEFINE_SPINLOCK(itimer_lock);

/* One itimer's setting, in ticks (value 0: disarmed). */
struct itimer_ticks {
	unsigned long value, interval;
};

/* A signal from the kernel (SI_KERNEL, as Linux's itimers send) to the
 * process whose signal_struct is sig, if it still has a thread. */
static void signal_process(struct signal_struct *sig, int signo)
{
	struct kernel_siginfo info = { .si_signo = signo, .si_code = SI_KERNEL };
	struct task_struct *p = find_get_task_by_pid(sig->leader_pid);

	if (!p)
		return;
	if (p->signal == sig)
		send_sig_info(signo, &info, p, true);
	put_task_struct(p);
}

static void send_sigalrm(struct timer_event *ev, unsigned int count)
{
	signal_process(container_of(ev, struct signal_struct, timers.real_event), SIGALRM);
}

static void send_sigvtalrm(struct timer_event *ev, unsigned int count)
{
	signal_process(container_of(ev, struct signal_struct, timers.virt.event), SIGVTALRM);
}

static void send_sigprof(struct timer_event *ev, unsigned int count)
{
	signal_process(container_of(ev, struct signal_struct, timers.prof.event), SIGPROF);
}

/* ITIMER_REAL expired (the tick, interrupts off): SIGALRM, and the next
 * period counted from this expiry, not from now, so periods do not drift. */
static void it_real_fn(unsigned long data)
{
	struct signal_timers *it = &((struct signal_struct *)data)->timers;

	timer_event_fire(&it->real_event);
	if (it->real_incr)
		mod_timer(&it->real_timer, it->real_timer.expires + it->real_incr);
}

void signal_timers_init(struct signal_struct *sig)
{
	struct signal_timers *it = &sig->timers;

	setup_timer(&it->real_timer, it_real_fn, (unsigned long)sig);
	it->real_incr = 0;
	timer_event_init(&it->real_event, send_sigalrm);
	it->virt.left = it->virt.incr = it->prof.left = it->prof.incr = 0;
	it->itimers_used = false;
	timer_event_init(&it->virt.event, send_sigvtalrm);
	timer_event_init(&it->prof.event, send_sigprof);
	mutex_init(&it->posix_mutex);
	INIT_LIST_HEAD(&it->posix_timers);
	it->next_posix_timer_id = 0;
}

/* Is any of sig's timers armed, or a signal of one not sent yet (or being
 * sent on another CPU: timer_event_busy)? Nothing
 * can arm one behind our back (only the process's own calls do), so the
 * answer holds once it is no: exit_itimers' fast path. */
static bool any_timer(const struct signal_timers *it)
{
	return timer_pending(&it->real_timer) || it->virt.left || it->prof.left ||
	       timer_event_busy(&it->real_event) || timer_event_busy(&it->virt.event) ||
	       timer_event_busy(&it->prof.event) || !list_empty(&it->posix_timers);
}

void exit_itimers(struct signal_struct *sig)
{
	struct signal_timers *it = &sig->timers;
	unsigned long flags;

	/* first, and always: it_real_fn may run on another CPU now, off the
	 * timer list (not pending), about to fire or re-arm */
	del_timer_sync(&it->real_timer);
	if (likely(!any_timer(it)))
		return;
	spin_lock_irqsave(&itimer_lock, flags);
	it->virt.left = it->prof.left = 0;
	spin_unlock_irqrestore(&itimer_lock, flags);
	timer_event_cancel(&it->real_event);
	timer_event_cancel(&it->virt.event);
	timer_event_cancel(&it->prof.event);
	exit_posix_timers(sig);
}

static void cpu_itimer_tick(struct cpu_itimer *it)
{
	if (!it->left || --it->left)
		return;
	timer_event_fire(&it->event);
	it->left = it->incr;
}

void itimer_tick(bool user_tick)
{
	struct signal_struct *sig = current->signal;

	if (is_idle_task(current) || !sig)
		return;
	spin_lock(&itimer_lock);         /* the tick: interrupts are off */
	cpu_itimer_tick(&sig->timers.prof);
	if (user_tick)
		cpu_itimer_tick(&sig->timers.virt);
	spin_unlock(&itimer_lock);
}

/* A timeval as ticks, rounded up (a value under one tick is one), at most
 * MAX_SCHEDULE_TIMEOUT; or -EINVAL for a negative or out-of-range one. */
static long timeval_to_ticks(const struct timeval32 *tv, unsigned long *ticks)
{
	if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
		return -EINVAL;
	*ticks = nsecs_to_jiffies_timeout(((u64)tv->tv_sec * 1000000 + tv->tv_usec) * 1000);
	return 0;
}

/* ITIMER_REAL's setting now: the ticks to its expiry (at least one while
 * it is armed) and its interval. */
static struct itimer_ticks real_timer_get(struct signal_timers *it)
{
	unsigned long flags;
	struct itimer_ticks cur;

	spin_lock_irqsave(&itimer_lock, flags);
	cur = (struct itimer_ticks){ 0, it->real_incr };
	if (timer_pending(&it->real_timer)) {
		long left = (long)(it->real_timer.expires - jiffies);

		cur.value = left > 0 ? left : 1;
	}
	spin_unlock_irqrestore(&itimer_lock, flags);
	return cur;
}

/* Read (old, if not NULL) and then set (new, if not NULL) itimer which of
 * current's process; 0 or -EINVAL for an unknown timer. An expiry whose
 * signal is pending keeps it. */
static int do_itimer(int which, const struct itimer_ticks *new, struct itimer_ticks *old)
{
	struct signal_timers *it = &current->signal->timers;
	struct cpu_itimer *cpu = which == ITIMER_VIRTUAL ? &it->virt : &it->prof;
	unsigned long flags;

	if (which < ITIMER_REAL || which > ITIMER_PROF)
		return -EINVAL;
	if (new && !it->itimers_used)
		WRITE_ONCE(it->itimers_used, true);   /* exit_itimers looks from now on */
	if (which == ITIMER_REAL) {
		if (old)
			*old = real_timer_get(it);
		if (!new)
			return 0;
		del_timer_sync(&it->real_timer);   /* not re-armed by it_real_fn after */
		spin_lock_irqsave(&itimer_lock, flags);
		it->real_incr = new->value ? new->interval : 0;
		spin_unlock_irqrestore(&itimer_lock, flags);
		if (new->value)
			mod_timer(&it->real_timer, jiffies + new->value);
		return 0;
	}
	spin_lock_irqsave(&itimer_lock, flags);
	if (old)
		*old = (struct itimer_ticks){ cpu->left, cpu->incr };
	if (new) {
		cpu->left = new->value;
		cpu->incr = new->interval;     /* kept even when disarmed, as Linux */
	}
	spin_unlock_irqrestore(&itimer_lock, flags);
	return 0;
}

/* The i386 struct itimerval: interval, then value. */
struct itimerval32 {
	struct timeval32 interval, value;
};

static int put_itimerval(u32 uval, const struct itimer_ticks *t)
{
	struct itimerval32 v;

	ticks_to_timeval(t->interval, &v.interval.tv_sec, &v.interval.tv_usec);
	ticks_to_timeval(t->value, &v.value.tv_sec, &v.value.tv_usec);
	return copy_to_user((void *)uval, &v, sizeof(v)) ? -EFAULT : 0;
}

/* setitimer(which, new, old): new NULL disarms (Linux accepts it, with a
 * warning); EFAULT, EINVAL for a bad timeval or timer. */
long sys_setitimer(u32 which, u32 unew, u32 uold, u32 d, u32 e, u32 f)
{
	struct itimerval32 v = { { 0, 0 }, { 0, 0 } };
	struct itimer_ticks new, old;
	int err;

	if (unew && copy_from_user(&v, (void *)unew, sizeof(v)))
		return -EFAULT;
	if ((err = timeval_to_ticks(&v.value, &new.value)) ||
	    (err = timeval_to_ticks(&v.interval, &new.interval)))
		return err;
	if ((err = do_itimer((int)which, &new, uold ? &old : NULL)))
		return err;
	return uold ? put_itimerval(uold, &old) : 0;
}

long sys_getitimer(u32 which, u32 uval, u32 c, u32 d, u32 e, u32 f)
{
	struct itimer_ticks cur;
	int err = do_itimer((int)which, NULL, &cur);

	return err ? err : put_itimerval(uval, &cur);
}

/* alarm(seconds): ITIMER_REAL once, after seconds (0: cancel); returns the
 * seconds the previous alarm had left, rounded to the nearest, and at
 * least 1 if one was set, as Linux. */
long sys_alarm(u32 seconds, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct timeval32 tv = { seconds > INT_MAX ? INT_MAX : (s32)seconds, 0 }, left;
	struct itimer_ticks new = { 0, 0 }, old;

	timeval_to_ticks(&tv, &new.value);
	do_itimer(ITIMER_REAL, &new, &old);
	ticks_to_timeval(old.value, &left.tv_sec, &left.tv_usec);
	if ((!left.tv_sec && left.tv_usec) || left.tv_usec >= 500000)
		left.tv_sec++;
	return left.tv_sec;
}
