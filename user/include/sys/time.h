/* user/include/sys/time.h: struct timeval and utimes(). */
#ifndef _TL_SYS_TIME_H
#define _TL_SYS_TIME_H

#include <sys/types.h>

struct timeval {
	time_t tv_sec;
	long tv_usec;
};

int utimes(const char *path, const struct timeval times[2]);

#endif
