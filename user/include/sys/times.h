/* user/include/sys/times.h: times(2) (user/lib/sysinfo.c): CPU time in
 * clock ticks (100 a second, as sysconf(_SC_CLK_TCK) says on Linux). */
#ifndef _TL_SYS_TIMES_H
#define _TL_SYS_TIMES_H

typedef long clock_t;

struct tms {
	clock_t tms_utime, tms_stime;     /* the process */
	clock_t tms_cutime, tms_cstime;   /* its waited-for children */
};

clock_t times(struct tms *buf);

#endif
