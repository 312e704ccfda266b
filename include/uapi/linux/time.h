/* include/uapi/linux/time.h: the time structures of the i386 calls (32-bit
 * seconds: nanosleep, clock_gettime, setitimer, timer_settime...), the
 * clock ids and the interval timers' names, shared by the kernel and the
 * user libc. */
#ifndef TASKLAB_UAPI_TIME_H
#define TASKLAB_UAPI_TIME_H

struct timespec {
	long tv_sec;
	long tv_nsec;
};

struct timeval {
	long tv_sec;
	long tv_usec;
};

/* setitimer/getitimer */
struct itimerval {
	struct timeval it_interval;       /* the reload; zero: one shot */
	struct timeval it_value;          /* time left; zero: disarmed */
};

/* timer_settime/timer_gettime */
struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3
#define CLOCK_MONOTONIC_RAW      4
#define CLOCK_REALTIME_COARSE    5
#define CLOCK_MONOTONIC_COARSE   6
#define CLOCK_BOOTTIME           7
#define CLOCK_TAI                11

#define TIMER_ABSTIME  1                  /* clock_nanosleep, timer_settime */

#define ITIMER_REAL    0                  /* wall time: SIGALRM */
#define ITIMER_VIRTUAL 1                  /* user CPU time: SIGVTALRM */
#define ITIMER_PROF    2                  /* user and system CPU time: SIGPROF */

#endif
