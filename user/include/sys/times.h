/* user/include/sys/times.h: times (user/lib/timers.c). */
#ifndef _TL_SYS_TIMES_H
#define _TL_SYS_TIMES_H

typedef long clock_t;

struct tms {
	clock_t tms_utime, tms_stime;     /* the process's, in ticks of 1/100 s */
	clock_t tms_cutime, tms_cstime;   /* its waited-for children's */
};

clock_t times(struct tms *buf);

#endif
