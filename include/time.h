/* include/time.h: wall-clock and monotonic time. The wall clock is the CMOS
 * RTC read once at boot plus the jiffies since; the monotonic clock is
 * jiffies alone. Resolution is one tick (10 ms), as on a 2.4 kernel. */
#ifndef TASKLAB_TIME_H
#define TASKLAB_TIME_H

#include <types.h>

/* The Linux i386 ABI structures: 32-bit time_t and long. */
struct timespec32 { s32 tv_sec; s32 tv_nsec; };
struct timeval32 { s32 tv_sec; s32 tv_usec; };
/* The kernel's own time of day (inode timestamps): 64-bit seconds, so a
 * date past 2038 or before 1970 fits (utimensat_time64 can set one). */
struct timespec64 { s64 tv_sec; long tv_nsec; };

#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 1
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME  7

u64 rtc_read_unix_time(void);
long days_from_civil(long y, unsigned int m, unsigned int d);
void time_init(void);
/* Seconds since the epoch at boot (from the RTC). */
extern u64 boot_time_seconds;
/* Fill ts for the given clock; -EINVAL for an unknown clock. */
int read_clock(int clock, struct timespec32 *ts);
/* A user timespec copied into ts: 0, -EFAULT, or -EINVAL (negative
 * tv_sec, or tv_nsec outside 0..999999999). */
int get_user_timespec(u32 uts, struct timespec32 *ts);
/* Whole ticks covering ns (or ts), rounded up so a timeout never ends
 * early, clamped to MAX_SCHEDULE_TIMEOUT (no limit: 2^31 ticks are eight
 * months) rather than overflowing. */
long nsecs_to_jiffies_timeout(u64 ns);
long timespec_to_jiffies(const struct timespec32 *ts);
/* Sleep ts, interruptibly: 0, or -ERESTART_RESTARTBLOCK with the time left
 * in user memory at urem (0: nowhere), or -EFAULT. */
long do_nanosleep(const struct timespec32 *ts, u32 urem);

#endif
