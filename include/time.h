/* include/time.h: wall-clock, monotonic and CPU time. The wall clock is the
 * CMOS RTC read once at boot plus the jiffies since; the monotonic clock is
 * jiffies alone; the CPU-time clocks are the ticks charged to a task or a
 * process (kernel/sched/cputime.c). Resolution is one tick (10 ms), as on
 * a 2.4 kernel.
 *
 * In the kernel a time is a struct timespec64 (64-bit seconds). User space
 * passes one of two layouts: the old i386 one (32-bit seconds and
 * nanoseconds) or, in the *_time64 calls glibc 2.34+ tries first, Linux's
 * struct __kernel_timespec (64-bit seconds and a 64-bit nanosecond field of
 * which a 32-bit kernel reads the low half, as Linux does). */
#ifndef TASKLAB_TIME_H
#define TASKLAB_TIME_H

#include <types.h>
#include <uapi/linux/time.h>   /* the clock ids, TIMER_ABSTIME, ITIMER_* */

/* The Linux i386 ABI structures: 32-bit time_t and long. */
struct timespec32 { s32 tv_sec; s32 tv_nsec; };
struct timeval32 { s32 tv_sec; s32 tv_usec; };
/* The *_time64 calls' layout. */
struct __kernel_timespec { s64 tv_sec; s64 tv_nsec; };
/* The kernel's own (clocks, timers, inode timestamps): 64-bit seconds, so
 * a date past 2038 or before 1970 fits (utimensat_time64 can set one). */
struct timespec64 { s64 tv_sec; long tv_nsec; };

#define NSEC_PER_SEC  1000000000L
#define NSEC_PER_TICK (NSEC_PER_SEC / HZ)

u64 rtc_read_unix_time(void);
long days_from_civil(long y, unsigned int m, unsigned int d);
void time_init(void);
/* Seconds since the epoch at boot (from the RTC). */
extern u64 boot_time_seconds;
/* The wall clock now (CLOCK_REALTIME): the boot time plus the jiffies. */
void ktime_get_real_ts64(struct timespec64 *ts);
/* Fill ts for the given clock; -EINVAL for an unknown clock. */
int read_clock(int clock, struct timespec64 *ts);
/* A user timespec in either layout copied into ts as it is (utimensat's
 * UTIME_NOW and UTIME_OMIT, dates before 1970): 0 or -EFAULT. */
int copy_timespec_from_user(u32 uts, struct timespec64 *ts, bool time64);
/* The same for a time or interval, which must be valid: 0, -EFAULT, or
 * -EINVAL (negative tv_sec, or tv_nsec outside 0..999999999). */
int get_user_timespec(u32 uts, struct timespec64 *ts, bool time64);
/* ts written to user memory in either layout: 0 or -EFAULT. */
int put_user_timespec(u32 uts, const struct timespec64 *ts, bool time64);
/* Whole ticks covering ns (or ts), rounded up so a timeout never ends
 * early, clamped to MAX_SCHEDULE_TIMEOUT (no limit: 2^31 ticks are eight
 * months) rather than overflowing. */
long nsecs_to_jiffies_timeout(u64 ns);
long timespec_to_jiffies(const struct timespec64 *ts);
void jiffies_to_timespec(unsigned long ticks, struct timespec64 *ts);
static inline s64 timespec_to_ns(const struct timespec64 *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}
/* Sleep ts, interruptibly: 0, or -ERESTART_RESTARTBLOCK with the time left
 * in user memory at urem (0: nowhere; time64: which layout), or -EFAULT. */
long do_nanosleep(const struct timespec64 *ts, u32 urem, bool time64);

#endif
