/* kernel/posix-timers.c: POSIX timers, timer_create (259), timer_settime
 * (260), timer_gettime (261), timer_getoverrun (262), timer_delete (263),
 * and the *_time64 forms of settime and gettime (409, 408). A timer
 * (struct k_itimer) belongs to its process (signal_struct), has an id
 * there (0, 1, 2...), runs on the jiffies timer list on CLOCK_REALTIME,
 * CLOCK_MONOTONIC, CLOCK_BOOTTIME or CLOCK_TAI, and at each expiry sends
 * its signal to the process (SIGEV_SIGNAL), to one of its threads
 * (SIGEV_THREAD_ID) or nowhere (SIGEV_NONE: timer_gettime shows it).
 *
 * As in Linux, the signal is a siginfo record the timer owns (allocated,
 * and charged to RLIMIT_SIGPENDING, by timer_create): it is queued at most
 * once, and an expiry while it is still pending only counts an overrun,
 * which the signal carries (si_overrun) and timer_getoverrun reports once
 * it is delivered. A fork starts without timers, an exec deletes them,
 * and so does the end of the process; a signal still pending when its
 * timer is deleted or set again is dropped (Linux 6.13 and later; 6.1
 * delivered it). The CPU-time clocks, the coarse
 * clocks and CLOCK_MONOTONIC_RAW are not offered for timers
 * (EOPNOTSUPP, Linux's answer for the latter two).
 *
 * Locking: the process's posix_mutex (a sleeping lock) guards its timer
 * list, and each call's use of a timer against its other threads; a
 * timer's it_lock (interrupts off: the expiry takes it) its interval and
 * arming against the expiry on another CPU. A timer is disarmed with
 * del_timer_sync and its event cancelled (which waits for a send in
 * flight) before it is set again or freed. */
#include <kernel.h>
#include <errno.h>
#include <pid.h>
#include <posix-timers.h>
#include <sched.h>
#include <sched/signal.h>
#include <slab.h>
#include <syscall.h>
#include <time.h>
#include <timer.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>

struct k_itimer {
	struct list_head list;            /* in its process's posix_timers */
	int id;
	int clock;
	int notify;                       /* SIGEV_SIGNAL, SIGEV_NONE, SIGEV_THREAD_ID */
	struct signal_struct *sig;        /* its process */
	struct task_struct *thread;       /* SIGEV_THREAD_ID: its target (a reference) */
	spinlock_t it_lock;               /* interval, timer: vs. posix_timer_fn */
	struct timer_list timer;
	unsigned long interval;           /* ticks; 0: one shot */
	struct timer_event event;
	struct sigqueue sigq;             /* its signal; queued at most once */
	struct sigpending *queued_on;     /* where sigq was last sent */
	int overrun_last;                 /* timer_getoverrun's answer */
};

/* The i386 struct sigevent (64 bytes): value, signal, how, then a union
 * whose first word is SIGEV_THREAD_ID's thread. */
struct sigevent32 {
	u32 value;
	int signo;
	int notify;
	int tid;
	u32 pad[12];
};

struct itimerspec64 {
	struct timespec64 interval, value;
};

unsigned long nr_posix_timers;

static struct mutex *current_posix_mutex(void)
{
	return &current->signal->timers.posix_mutex;
}

/* posix_mutex held. */
static struct k_itimer *find_timer(int id)
{
	struct k_itimer *tm;

	list_for_each_entry(tm, &current->signal->timers.posix_timers, list)
		if (tm->id == id)
			return tm;
	return NULL;
}

/* The tick, interrupts off: count the expiry (a signal to send), and the
 * next period from this expiry, so periods do not drift. */
static void posix_timer_fn(unsigned long data)
{
	struct k_itimer *tm = (struct k_itimer *)data;

	spin_lock(&tm->it_lock);
	if (tm->notify != SIGEV_NONE)
		timer_event_fire(&tm->event);
	if (tm->interval)
		mod_timer(&tm->timer, tm->timer.expires + tm->interval);
	spin_unlock(&tm->it_lock);
}

/* count expiries since the last send: one signal, or overruns of the one
 * still pending. */
static void posix_timer_send(struct timer_event *ev, unsigned int count)
{
	struct k_itimer *tm = container_of(ev, struct k_itimer, event);
	struct sigqueue *q = &tm->sigq;
	bool group = tm->notify != SIGEV_THREAD_ID;
	struct task_struct *p = group ? find_get_task_by_pid(tm->sig->leader_pid) : tm->thread;

	if (!p)
		return;
	if ((!group || p->signal == tm->sig) && send_sigqueue(q, p, group, count) > 0)
		tm->queued_on = group ? &p->signal->shared_pending : &p->pending;
	if (group)
		put_task_struct(p);
}

void posix_timer_delivered(struct sigqueue *q)
{
	struct k_itimer *tm = container_of(q, struct k_itimer, sigq);

	tm->overrun_last = q->info.timer.overrun < 0 ? INT_MAX : q->info.timer.overrun;
	q->info.timer.overrun = 0;
}

/* The sigevent rules of Linux's good_sigevent: a signal 1..64 unless
 * SIGEV_NONE, and SIGEV_THREAD_ID's thread in the caller's process (in
 * *thread with a reference, when 0 is returned). */
static int check_sigevent(const struct sigevent32 *ev, struct task_struct **thread)
{
	struct task_struct *t;

	*thread = NULL;
	switch (ev->notify) {
	case SIGEV_THREAD_ID:
		if (!valid_signal(ev->signo))
			return -EINVAL;
		t = find_get_task_by_pid(ev->tid);
		if (t && (t->tgid != current->tgid || t->exit_state)) {
			put_task_struct(t);
			t = NULL;
		}
		*thread = t;
		return t ? 0 : -EINVAL;
	case SIGEV_SIGNAL:
	case SIGEV_THREAD:
		return valid_signal(ev->signo) ? 0 : -EINVAL;
	case SIGEV_NONE:
		return 0;
	default:
		return -EINVAL;
	}
}

static int check_timer_clock(int clock)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
}

/* A free id in current's process: the next one, as Linux, skipping ids
 * in use. */
static int alloc_timer_id(void)
{
	struct signal_timers *it = &current->signal->timers;
	int id;

	do {
		id = it->next_posix_timer_id;
		it->next_posix_timer_id = (id + 1) & INT_MAX;
	} while (find_timer(id));
	return id;
}

/* A new timer for current's process, disarmed, with the event ev
 * (checked) and thread's reference, if any; -EAGAIN past
 * RLIMIT_SIGPENDING, -ENOMEM. posix_mutex held. */
static struct k_itimer *new_timer(int clock, const struct sigevent32 *ev, struct task_struct *thread)
{
	struct k_itimer *tm = kzalloc(sizeof(*tm), GFP_KERNEL);
	int err;

	if (!tm)
		return ERR_PTR(-ENOMEM);
	if ((err = sigqueue_init_prealloc(&tm->sigq))) {
		kfree(tm);
		return ERR_PTR(err);
	}
	tm->id = alloc_timer_id();
	tm->clock = clock;
	tm->notify = ev->notify == SIGEV_THREAD ? SIGEV_SIGNAL : ev->notify;
	tm->sig = current->signal;
	tm->thread = thread;
	spin_lock_init(&tm->it_lock);
	setup_timer(&tm->timer, posix_timer_fn, (unsigned long)tm);
	timer_event_init(&tm->event, posix_timer_send);
	tm->sigq.info = (struct kernel_siginfo){ .si_signo = ev->signo, .si_code = SI_TIMER };
	tm->sigq.info.timer.tid = tm->id;
	tm->sigq.info.timer.value = ev->value;
	list_add(&tm->list, &current->signal->timers.posix_timers);
	__atomic_add_fetch(&nr_posix_timers, 1, __ATOMIC_RELAXED);
	return tm;
}

/* posix_mutex held. */
static void delete_timer(struct k_itimer *tm)
{
	del_timer_sync(&tm->timer);
	timer_event_cancel(&tm->event);
	sigqueue_release_prealloc(&tm->sigq, tm->queued_on);
	list_del(&tm->list);
	if (tm->thread)
		put_task_struct(tm->thread);
	kfree(tm);
	__atomic_sub_fetch(&nr_posix_timers, 1, __ATOMIC_RELAXED);
}

void exit_posix_timers(struct signal_struct *sig)
{
	mutex_lock(&sig->timers.posix_mutex);
	while (!list_empty(&sig->timers.posix_timers))
		delete_timer(list_first_entry(&sig->timers.posix_timers, struct k_itimer, list));
	mutex_unlock(&sig->timers.posix_mutex);
}

/* timer_create(clock, sevp, timerid): sevp NULL is SIGALRM to the process
 * with the timer's id as its value, as Linux. EINVAL for an unknown clock
 * or a bad sigevent, EOPNOTSUPP (see the top), EAGAIN, EFAULT. */
long sys_timer_create(u32 clock, u32 usevp, u32 uid, u32 d, u32 e, u32 f)
{
	struct sigevent32 ev = { .signo = SIGALRM, .notify = SIGEV_SIGNAL };
	struct mutex *lock = current_posix_mutex();
	struct task_struct *thread;
	struct k_itimer *tm;
	int err = check_timer_clock((int)clock), id;

	if (err)
		return err;
	if (usevp && copy_from_user(&ev, (void *)usevp, sizeof(ev)))
		return -EFAULT;
	if ((err = check_sigevent(&ev, &thread)))
		return err;
	mutex_lock(lock);
	tm = new_timer((int)clock, &ev, thread);
	if (!IS_ERR(tm) && !usevp)
		tm->sigq.info.timer.value = tm->id;
	id = IS_ERR(tm) ? 0 : tm->id;
	mutex_unlock(lock);
	if (IS_ERR(tm)) {
		if (thread)
			put_task_struct(thread);
		return PTR_ERR(tm);
	}
	if (put_user_u32(id, (u32 *)uid)) {
		mutex_lock(lock);
		if ((tm = find_timer(id)))       /* unless another thread guessed it */
			delete_timer(tm);
		mutex_unlock(lock);
		return -EFAULT;
	}
	return 0;
}

/* Ticks until tm's next expiry (at least one while armed). */
static unsigned long timer_left(const struct k_itimer *tm)
{
	long left = (long)(tm->timer.expires - jiffies);

	if (!timer_pending(&tm->timer))
		return 0;
	return left > 0 ? left : 1;
}

/* tm's setting now, one snapshot against its expiry on another CPU. */
static void timer_get(struct k_itimer *tm, struct itimerspec64 *cur)
{
	unsigned long flags;

	spin_lock_irqsave(&tm->it_lock, flags);
	jiffies_to_timespec(timer_left(tm), &cur->value);
	jiffies_to_timespec(tm->interval, &cur->interval);
	spin_unlock_irqrestore(&tm->it_lock, flags);
}

/* Arm tm as new says (it_value zero disarms); an absolute time is on
 * tm's clock, and one already past expires at the next tick. A signal of
 * the old setting still pending is dropped (Linux 6.13 and later). */
static void timer_set(struct k_itimer *tm, int flags, const struct itimerspec64 *new)
{
	struct timespec64 now;
	s64 ns = timespec_to_ns(&new->value);
	unsigned long irqflags;

	del_timer_sync(&tm->timer);      /* posix_timer_fn re-arms no more */
	timer_event_cancel(&tm->event);
	sigqueue_cancel(&tm->sigq, tm->queued_on);
	tm->overrun_last = 0;
	if (ns && (flags & TIMER_ABSTIME)) {
		read_clock(tm->clock, &now);
		ns -= timespec_to_ns(&now);
	}
	spin_lock_irqsave(&tm->it_lock, irqflags);
	tm->interval = 0;
	if (timespec_to_ns(&new->value)) {
		tm->interval = timespec_to_jiffies(&new->interval);
		mod_timer(&tm->timer, jiffies + (ns > 0 ? nsecs_to_jiffies_timeout((u64)ns) : 0));
	}
	spin_unlock_irqrestore(&tm->it_lock, irqflags);
}

static int get_itimerspec(u32 uts, struct itimerspec64 *its, bool time64)
{
	size_t half = time64 ? sizeof(struct __kernel_timespec) : sizeof(struct timespec32);
	int err = get_user_timespec(uts, &its->interval, time64);

	return err ? err : get_user_timespec(uts + half, &its->value, time64);
}

static int put_itimerspec(u32 uts, const struct itimerspec64 *its, bool time64)
{
	size_t half = time64 ? sizeof(struct __kernel_timespec) : sizeof(struct timespec32);
	int err = put_user_timespec(uts, &its->interval, time64);

	return err ? err : put_user_timespec(uts + half, &its->value, time64);
}

/* timer_settime(id, flags, new, old): EINVAL for no such timer, a NULL
 * or invalid new value; EFAULT. old gets the setting it replaced. */
static long do_timer_settime(u32 id, u32 flags, u32 unew, u32 uold, bool time64)
{
	struct itimerspec64 new, old;
	struct k_itimer *tm;
	int err;

	if (!unew)
		return -EINVAL;
	if ((err = get_itimerspec(unew, &new, time64)))
		return err;
	mutex_lock(current_posix_mutex());
	if ((tm = find_timer((int)id))) {
		timer_get(tm, &old);
		timer_set(tm, (int)flags, &new);
	}
	mutex_unlock(current_posix_mutex());
	if (!tm)
		return -EINVAL;
	return uold ? put_itimerspec(uold, &old, time64) : 0;
}

static long do_timer_gettime(u32 id, u32 ucur, bool time64)
{
	struct itimerspec64 cur;
	struct k_itimer *tm;

	mutex_lock(current_posix_mutex());
	if ((tm = find_timer((int)id)))
		timer_get(tm, &cur);
	mutex_unlock(current_posix_mutex());
	return tm ? put_itimerspec(ucur, &cur, time64) : -EINVAL;
}

long sys_timer_settime(u32 id, u32 flags, u32 unew, u32 uold, u32 e, u32 f)
{
	return do_timer_settime(id, flags, unew, uold, false);
}

long sys_timer_settime64(u32 id, u32 flags, u32 unew, u32 uold, u32 e, u32 f)
{
	return do_timer_settime(id, flags, unew, uold, true);
}

long sys_timer_gettime(u32 id, u32 ucur, u32 c, u32 d, u32 e, u32 f)
{
	return do_timer_gettime(id, ucur, false);
}

long sys_timer_gettime64(u32 id, u32 ucur, u32 c, u32 d, u32 e, u32 f)
{
	return do_timer_gettime(id, ucur, true);
}

/* The expiries that came while the last delivered signal was pending. */
long sys_timer_getoverrun(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct k_itimer *tm;
	long ret;

	mutex_lock(current_posix_mutex());
	tm = find_timer((int)id);
	ret = tm ? tm->overrun_last : -EINVAL;
	mutex_unlock(current_posix_mutex());
	return ret;
}

long sys_timer_delete(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct k_itimer *tm;

	mutex_lock(current_posix_mutex());
	if ((tm = find_timer((int)id)))
		delete_timer(tm);
	mutex_unlock(current_posix_mutex());
	return tm ? 0 : -EINVAL;
}
