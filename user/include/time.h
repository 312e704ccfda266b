/* user/include/time.h: sleeping, clocks and POSIX timers. */
#ifndef _TL_TIME_H
#define _TL_TIME_H

#include <sys/types.h>
#include <linux/time.h>

typedef int timer_t;
typedef int clockid_t;
struct sigevent;

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(int clock, struct timespec *ts);
int clock_getres(int clock, struct timespec *res);
/* The system call: -1 and errno (POSIX's clock_nanosleep returns the error). */
int clock_nanosleep(int clock, int flags, const struct timespec *req, struct timespec *rem);
time_t time(time_t *t);
int timer_create(clockid_t clock, struct sigevent *sev, timer_t *timerid);
int timer_settime(timer_t timerid, int flags, const struct itimerspec *new_value,
		  struct itimerspec *old_value);
int timer_gettime(timer_t timerid, struct itimerspec *cur);
int timer_getoverrun(timer_t timerid);
int timer_delete(timer_t timerid);

#endif
