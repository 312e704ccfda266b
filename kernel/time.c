/* kernel/time.c: time, gettimeofday, clock_gettime, and the sleeps
 * (nanosleep's work, clock_nanosleep). CLOCK_REALTIME is the RTC's boot
 * time plus the jiffies since; the monotonic clocks are jiffies since boot.
 * Results go to user memory through copy_to_user (EFAULT). A sleep is
 * interruptible: a signal ends it with the time left, and
 * -ERESTART_RESTARTBLOCK makes that EINTR if a handler runs, else the
 * sleep goes on to the same end through restart_syscall. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/cputime.h>
#include <time.h>
#include <timer.h>
#include <asm/uaccess.h>

#define NSEC_PER_TICK (1000000000L / HZ)

static long nanosleep_restart(struct restart_block *rb);

u64 boot_time_seconds;

void time_init(void)
{
	boot_time_seconds = rtc_read_unix_time();
	pr_info("time: RTC says %llu seconds since the epoch\n", boot_time_seconds);
}

int read_clock(int clock, struct timespec32 *ts)
{
	unsigned long j = jiffies;

	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		ts->tv_sec = (s32)(boot_time_seconds + j / HZ);
		break;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		ts->tv_sec = (s32)(j / HZ);
		break;
	default:
		return -EINVAL;
	}
	ts->tv_nsec = (s32)((j % HZ) * (1000000000 / HZ));
	return 0;
}

long sys_time(u32 tloc, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct timespec32 ts;

	read_clock(CLOCK_REALTIME, &ts);
	if (tloc && put_user_u32((u32)ts.tv_sec, (u32 *)tloc))
		return -EFAULT;
	return ts.tv_sec;
}

long sys_gettimeofday(u32 tv, u32 tz, u32 c, u32 d, u32 e, u32 f)
{
	struct timespec32 ts;
	struct timeval32 out;

	read_clock(CLOCK_REALTIME, &ts);
	out.tv_sec = ts.tv_sec;
	out.tv_usec = ts.tv_nsec / 1000;
	if (tv && copy_to_user((void *)tv, &out, sizeof(out)))
		return -EFAULT;
	if (tz && clear_user((void *)tz, 8))      /* struct timezone: all zero */
		return -EFAULT;
	return 0;
}

/* The CPU-time clocks (kernel/sched_cputime.c): the caller's process and
 * thread, and the negative ids clock_getcpuclockid makes. */
static bool is_cpu_clock(int clock)
{
	return clock < 0 || clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID;
}

long sys_clock_gettime(u32 clock, u32 tp, u32 c, u32 d, u32 e, u32 f)
{
	struct timespec32 ts;
	int err = is_cpu_clock((int)clock) ? cputime_clock_get((int)clock, &ts)
					   : read_clock((int)clock, &ts);

	if (err)
		return err;
	if (copy_to_user((void *)tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}

int get_user_timespec(u32 uts, struct timespec32 *ts)
{
	if (copy_from_user(ts, (void *)uts, sizeof(*ts)))
		return -EFAULT;
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L)
		return -EINVAL;
	return 0;
}

long nsecs_to_jiffies_timeout(u64 ns)
{
	u64 ticks = (ns + NSEC_PER_TICK - 1) / NSEC_PER_TICK;

	return ticks >= MAX_SCHEDULE_TIMEOUT ? MAX_SCHEDULE_TIMEOUT : (long)ticks;
}

long timespec_to_jiffies(const struct timespec32 *ts)
{
	return nsecs_to_jiffies_timeout((u64)ts->tv_sec * 1000000000ULL + (u64)ts->tv_nsec);
}

/* Sleep until jiffies reaches expires. On a signal the time left goes to
 * urem (if not 0) and the result is -ERESTART_RESTARTBLOCK: EINTR if a
 * handler runs, else restart_syscall sleeps on to the same end (a stop
 * and continue do not start the sleep over). */
static long nanosleep_until(unsigned long expires, u32 urem)
{
	long ticks = (long)(expires - jiffies);
	struct restart_block *rb = &current->restart_block;
	struct timespec32 left;

	while (ticks > 0 && !signal_pending(current)) {
		__set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(ticks);
		ticks = (long)(expires - jiffies);
	}
	if (ticks <= 0)
		return 0;
	left.tv_sec = ticks / HZ;
	left.tv_nsec = (ticks % HZ) * NSEC_PER_TICK;
	if (urem && copy_to_user((void *)urem, &left, sizeof(left)))
		return -EFAULT;
	rb->fn = nanosleep_restart;
	rb->expires = expires;
	rb->urem = urem;
	return -ERESTART_RESTARTBLOCK;
}

static long nanosleep_restart(struct restart_block *rb)
{
	return nanosleep_until(rb->expires, rb->urem);
}

/* Sleep ts (whole ticks, rounded up), as nanosleep_until. */
long do_nanosleep(const struct timespec32 *ts, u32 urem)
{
	return nanosleep_until(jiffies + timespec_to_jiffies(ts), urem);
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
	struct timespec32 ts;
	int err = get_user_timespec(ureq, &ts);

	return err ? err : do_nanosleep(&ts, urem);
}

#define TIMER_ABSTIME 1

/* clock_nanosleep(clock, flags, req, rem): what glibc's nanosleep, sleep
 * and usleep call. A relative sleep is nanosleep's; TIMER_ABSTIME sleeps
 * until the clock reads req (rem untouched; after a signal a restart
 * aims at the same time). Only the realtime and monotonic clocks. */
long sys_clock_nanosleep(u32 clock, u32 flags, u32 ureq, u32 urem, u32 e, u32 f)
{
	struct timespec32 ts, now;
	int err;

	if (read_clock((int)clock, &now) || (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC))
		return -EINVAL;
	if ((err = get_user_timespec(ureq, &ts)))
		return err;
	if (!(flags & TIMER_ABSTIME))
		return do_nanosleep(&ts, urem);
	ts.tv_sec -= now.tv_sec;
	ts.tv_nsec -= now.tv_nsec;
	if (ts.tv_nsec < 0) {
		ts.tv_nsec += 1000000000L;
		ts.tv_sec--;
	}
	if (ts.tv_sec < 0)
		return 0;                        /* already past */
	return do_nanosleep(&ts, 0);
}
