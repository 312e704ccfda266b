/* user/include/sys/time.h: the interval timers (user/lib/timers.c) and
 * utimes() (user/lib/files.c). */
#ifndef _TL_SYS_TIME_H
#define _TL_SYS_TIME_H

#include <linux/time.h>   /* struct timeval, struct itimerval, ITIMER_* */

int setitimer(int which, const struct itimerval *new_value, struct itimerval *old_value);
int getitimer(int which, struct itimerval *value);
int utimes(const char *path, const struct timeval times[2]);

#endif
