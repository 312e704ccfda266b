/* kernel/time.c: time, gettimeofday and clock_gettime. CLOCK_REALTIME is the
 * RTC's boot time plus the jiffies since; the monotonic clocks are jiffies
 * since boot. Results go to user memory through copy_to_user (EFAULT). */
#include <kernel.h>
#include <errno.h>
#include <time.h>
#include <asm/uaccess.h>

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

long sys_clock_gettime(u32 clock, u32 tp, u32 c, u32 d, u32 e, u32 f)
{
	struct timespec32 ts;
	int err = read_clock((int)clock, &ts);

	if (err)
		return err;
	if (copy_to_user((void *)tp, &ts, sizeof(ts)))
		return -EFAULT;
	return 0;
}
