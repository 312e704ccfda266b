/* tests/test_sys_basic.c: the first system calls, made through the real
 * int $0x80 path from ring 0 with their buffers at user addresses: uname,
 * time, gettimeofday, clock_gettime, and their errors (EFAULT, EINVAL). */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <syscall.h>
#include <time.h>
#include <asm/irqflags.h>
#include <asm/page.h>

static char ubuf[512];

static void uname_reports_linux_release(struct ktest *t)
{
	char *u = ktest_user_alias(ubuf);
	long ret = ktest_syscall(__NR_uname, (long)u, 0, 0);

	ktest_drop_user_alias();
	KTEST_ASSERT_EQ(t, ret, 0);
	KTEST_EXPECT_STREQ(t, ubuf, "Linux");               /* sysname */
	KTEST_EXPECT_STREQ(t, ubuf + 2 * 65, "4.4.0-tasklab"); /* release >= glibc's 3.2 */
	KTEST_EXPECT_STREQ(t, ubuf + 4 * 65, "i686");        /* machine */
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_uname, 0x1000, 0, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_uname, (long)ubuf, 0, 0), -EFAULT);  /* kernel address */
}

static void civil_date_arithmetic(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, days_from_civil(1970, 1, 1), 0);
	KTEST_EXPECT_EQ(t, days_from_civil(2000, 3, 1), 11017);
	KTEST_EXPECT_EQ(t, days_from_civil(2020, 1, 1), 18262);
	KTEST_EXPECT_EQ(t, days_from_civil(2038, 1, 19), 24855);
}

static void time_follows_rtc_and_jiffies(struct ktest *t)
{
	u32 *u = ktest_user_alias(ubuf);
	unsigned long j0 = jiffies;
	long now = ktest_syscall(__NR_time, (long)u, 0, 0);
	unsigned long j1 = jiffies;

	ktest_drop_user_alias();
	KTEST_EXPECT_GE(t, now, 1577836800);                  /* after 2020-01-01 */
	KTEST_EXPECT_EQ(t, *(u32 *)ubuf, (u32)now);           /* also stored via tloc */
	/* RTC time at boot + jiffies, read at some tick between j0 and j1 */
	KTEST_EXPECT_GE(t, now, (long)(boot_time_seconds + j0 / HZ));
	KTEST_EXPECT_LE(t, now, (long)(boot_time_seconds + j1 / HZ));
	KTEST_EXPECT_GE(t, ktest_syscall(__NR_time, 0, 0, 0), now);
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_time, 0x1000, 0, 0), -EFAULT);
}

static void clock_gettime_monotonic_and_errors(struct ktest *t)
{
	struct timespec32 *u = ktest_user_alias(ubuf), a, b;

	KTEST_ASSERT_EQ(t, ktest_syscall(__NR_clock_gettime, CLOCK_MONOTONIC, (long)u, 0), 0);
	a = *(struct timespec32 *)ubuf;
	for (unsigned long j = jiffies; jiffies == j;)
		halt();
	KTEST_ASSERT_EQ(t, ktest_syscall(__NR_clock_gettime, CLOCK_MONOTONIC, (long)u, 0), 0);
	b = *(struct timespec32 *)ubuf;
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_clock_gettime, 99, (long)u, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_clock_gettime, CLOCK_REALTIME, 0x1000, 0), -EFAULT);
	KTEST_EXPECT_EQ(t, ktest_syscall(__NR_gettimeofday, (long)u, 0, 0), 0);
	ktest_drop_user_alias();
	KTEST_EXPECT_LT(t, a.tv_nsec, 1000000000);
	KTEST_EXPECT_GT(t, (long long)b.tv_sec * 1000000000 + b.tv_nsec,
			(long long)a.tv_sec * 1000000000 + a.tv_nsec);   /* strictly later */
	KTEST_EXPECT_GE(t, *(s32 *)ubuf, 1577836800);            /* gettimeofday's tv_sec */
}

static const struct ktest_case sys_basic_cases[] = {
	KTEST_CASE(uname_reports_linux_release),
	KTEST_CASE(civil_date_arithmetic),
	KTEST_CASE(time_follows_rtc_and_jiffies),
	KTEST_CASE(clock_gettime_monotonic_and_errors),
	{}
};
KTEST_SUITE(sys_basic, sys_basic_cases);
