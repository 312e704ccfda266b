/* include/uapi/linux/time.h: the time structures of nanosleep and
 * clock_gettime on i386 (32-bit seconds), and the clock ids. */
#ifndef TASKLAB_UAPI_TIME_H
#define TASKLAB_UAPI_TIME_H

struct timespec {
	long tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME  0
#define CLOCK_MONOTONIC 1

#endif
