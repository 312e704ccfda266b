/* user/include/time.h: sleeping and clocks. */
#ifndef _TL_TIME_H
#define _TL_TIME_H

#include <sys/types.h>
#include <linux/time.h>

#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(int clock, struct timespec *ts);
time_t time(time_t *t);

#endif
