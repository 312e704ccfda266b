/* kernel/time.c: time, gettimeofday, clock_gettime and clock_getres, and
 * the sleeps (nanosleep's work, clock_nanosleep), each clock call also in
 * its *_time64 form (the same work, the 64-bit timespec layout: what glibc
 * 2.34+ calls first). CLOCK_REALTIME is the RTC's boot time plus the
 * jiffies since; the monotonic clocks are jiffies since boot; the CPU-time
 * clocks are the ticks charged to a process or thread, the caller's or
 * (a negative id, clock_getcpuclockid's) another's
 * (kernel/sched/cputime.c). Results go to user memory through
 * copy_to_user (EFAULT). A sleep is interruptible: a signal ends it with the time left,
 * and -ERESTART_RESTARTBLOCK makes that EINTR if a handler runs, else the
 * sleep goes on to the same end through restart_syscall. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/cputime.h>
#include <time.h>
#include <timer.h>
#include <asm/uaccess.h>

static long nanosleep_restart(struct restart_block *rb);

u64 boot_time_seconds;

void time_init(void)
{
	boot_time_seconds = rtc_read_unix_time();
	pr_info("time: RTC says %llu seconds since the epoch\n", boot_time_seconds);
}

void jiffies_to_timespec(unsigned long ticks, struct timespec64 *ts)
{
	ts->tv_sec = ticks / HZ;
	ts->tv_nsec = (long)(ticks % HZ) * NSEC_PER_TICK;
}

void ktime_get_real_ts64(struct timespec64 *ts)
{
	jiffies_to_timespec(jiffies, ts);
	ts->tv_sec += boot_time_seconds;
}

int read_clock(int clock, struct timespec64 *ts)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
	case CLOCK_TAI:                  /* no leap-second offset set: realtime */
		ktime_get_real_ts64(ts);
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		jiffies_to_timespec(jiffies, ts);
		return 0;
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		return cputime_clock_get(clock, ts);
	default:                         /* a negative id: another task's CPU clock */
		return clock < 0 ? cputime_clock_get(clock, ts) : -EINVAL;
	}
}

long sys_time(u32 tloc, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct timespec64 ts;

	read_clock(CLOCK_REALTIME, &ts);
	if (tloc && put_user_u32((u32)ts.tv_sec, (u32 *)tloc))
		return -EFAULT;
	return (s32)ts.tv_sec;
}

long sys_gettimeofday(u32 tv, u32 tz, u32 c, u32 d, u32 e, u32 f)
{
	struct timespec64 ts;
	struct timeval32 out;

	read_clock(CLOCK_REALTIME, &ts);
	out.tv_sec = (s32)ts.tv_sec;
	out.tv_usec = ts.tv_nsec / 1000;
	if (tv && copy_to_user((void *)tv, &out, sizeof(out)))
		return -EFAULT;
	if (tz && clear_user((void *)tz, 8))      /* struct timezone: all zero */
		return -EFAULT;
	return 0;
}

int copy_timespec_from_user(u32 uts, struct timespec64 *ts, bool time64)
{
	struct __kernel_timespec k64;
	struct timespec32 k32;

	if (time64) {
		if (copy_from_user(&k64, (void *)uts, sizeof(k64)))
			return -EFAULT;
		ts->tv_sec = k64.tv_sec;
		ts->tv_nsec = (long)k64.tv_nsec;     /* the low half, as 32-bit Linux */
	} else {
		if (copy_from_user(&k32, (void *)uts, sizeof(k32)))
			return -EFAULT;
		ts->tv_sec = k32.tv_sec;
		ts->tv_nsec = k32.tv_nsec;
	}
	return 0;
}

int get_user_timespec(u32 uts, struct timespec64 *ts, bool time64)
{
	if (copy_timespec_from_user(uts, ts, time64))
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	return 0;
}

int put_user_timespec(u32 uts, const struct timespec64 *ts, bool time64)
{
	struct __kernel_timespec k64 = { ts->tv_sec, ts->tv_nsec };
	struct timespec32 k32 = { (s32)ts->tv_sec, (s32)ts->tv_nsec };

	if (time64 ? copy_to_user((void *)uts, &k64, sizeof(k64))
		   : copy_to_user((void *)uts, &k32, sizeof(k32)))
		return -EFAULT;
	return 0;
}

static long do_clock_gettime(u32 clock, u32 tp, bool time64)
{
	struct timespec64 ts;
	int err = read_clock((int)clock, &ts);

	return err ? err : put_user_timespec(tp, &ts, time64);
}

long sys_clock_gettime(u32 clock, u32 tp, u32 c, u32 d, u32 e, u32 f)
{
	return do_clock_gettime(clock, tp, false);
}

long sys_clock_gettime64(u32 clock, u32 tp, u32 c, u32 d, u32 e, u32 f)
{
	return do_clock_gettime(clock, tp, true);
}

/* clock_getres(clock, res): every clock here moves by whole ticks, so its
 * resolution is one tick (10 ms); res may be NULL (only the clock is
 * checked). */
static long do_clock_getres(u32 clock, u32 ures, bool time64)
{
	struct timespec64 ts;
	int err = read_clock((int)clock, &ts);

	if (err)
		return err;
	jiffies_to_timespec(1, &ts);
	return ures ? put_user_timespec(ures, &ts, time64) : 0;
}

long sys_clock_getres(u32 clock, u32 res, u32 c, u32 d, u32 e, u32 f)
{
	return do_clock_getres(clock, res, false);
}

long sys_clock_getres_time64(u32 clock, u32 res, u32 c, u32 d, u32 e, u32 f)
{
	return do_clock_getres(clock, res, true);
}

long nsecs_to_jiffies_timeout(u64 ns)
{
	u64 ticks = (ns + NSEC_PER_TICK - 1) / NSEC_PER_TICK;

	return ticks >= MAX_SCHEDULE_TIMEOUT ? MAX_SCHEDULE_TIMEOUT : (long)ticks;
}

long timespec_to_jiffies(const struct timespec64 *ts)
{
	if ((u64)ts->tv_sec >= (u64)MAX_SCHEDULE_TIMEOUT / HZ)
		return MAX_SCHEDULE_TIMEOUT;
	return nsecs_to_jiffies_timeout((u64)timespec_to_ns(ts));
}

/* Sleep until jiffies reaches expires. On a signal the time left goes to
 * urem (if not 0, in the layout time64 says) and the result is
 * -ERESTART_RESTARTBLOCK: EINTR if a handler runs, else restart_syscall
 * sleeps on to the same end (a stop and continue do not start the sleep
 * over). */
static long nanosleep_until(unsigned long expires, u32 urem, bool time64)
{
	long ticks = (long)(expires - jiffies);
	struct restart_block *rb = &current->restart_block;
	struct timespec64 left;

	while (ticks > 0 && !signal_pending(current)) {
		__set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(ticks);
		ticks = (long)(expires - jiffies);
	}
	if (ticks <= 0)
		return 0;
	jiffies_to_timespec(ticks, &left);
	if (urem && put_user_timespec(urem, &left, time64))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->expires = expires;
	rb->nanosleep.urem = urem;
	rb->nanosleep.time64 = time64;
	return -ERESTART_RESTARTBLOCK;
}

static long nanosleep_restart(struct restart_block *rb)
{
	return nanosleep_until(rb->expires, rb->nanosleep.urem, rb->nanosleep.time64);
}

/* Sleep ts (whole ticks, rounded up), as nanosleep_until. */
long do_nanosleep(const struct timespec64 *ts, u32 urem, bool time64)
{
	return nanosleep_until(jiffies + timespec_to_jiffies(ts), urem, time64);
}

/* restart_syscall (0): what a signal interrupted goes on, once. */
long sys_restart_syscall(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct restart_block *rb = &current->restart_block;
	long (*fn)(struct restart_block *) = rb->fn;

	rb->fn = NULL;
	return fn ? fn(rb) : -EINTR;
}

long sys_nanosleep(u32 ureq, u32 urem, u32 c, u32 d, u32 e, u32 f)
{
	struct timespec64 ts;
	int err = get_user_timespec(ureq, &ts, false);

	return err ? err : do_nanosleep(&ts, urem, false);
}

/* clock_nanosleep(clock, flags, req, rem): what glibc's nanosleep, sleep
 * and usleep call. A relative sleep is nanosleep's; TIMER_ABSTIME sleeps
 * until the clock reads req (rem untouched; after a signal a restart
 * aims at the same time). Only the realtime and monotonic clocks. */
static long do_clock_nanosleep(u32 clock, u32 flags, u32 ureq, u32 urem, bool time64)
{
	struct timespec64 ts, now;
	s64 ns;
	int err;

	if (read_clock((int)clock, &now) || (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC))
		return -EINVAL;
	if ((err = get_user_timespec(ureq, &ts, time64)))
		return err;
	if (!(flags & TIMER_ABSTIME))
		return do_nanosleep(&ts, urem, time64);
	ns = timespec_to_ns(&ts) - timespec_to_ns(&now);
	if (ns <= 0)
		return 0;                        /* already past */
	return nanosleep_until(jiffies + nsecs_to_jiffies_timeout((u64)ns), 0, time64);
}

long sys_clock_nanosleep(u32 clock, u32 flags, u32 ureq, u32 urem, u32 e, u32 f)
{
	return do_clock_nanosleep(clock, flags, ureq, urem, false);
}

long sys_clock_nanosleep_time64(u32 clock, u32 flags, u32 ureq, u32 urem, u32 e, u32 f)
{
	return do_clock_nanosleep(clock, flags, ureq, urem, true);
}
