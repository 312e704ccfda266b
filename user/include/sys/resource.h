/* user/include/sys/resource.h: resource limits (user/lib/resource.c). The
 * limit numbers and struct rlimit are Linux i386's: 32-bit values with
 * RLIM_INFINITY = ~0 (ugetrlimit/setrlimit); prlimit64 takes 64-bit ones. */
#ifndef _TL_SYS_RESOURCE_H
#define _TL_SYS_RESOURCE_H

#include <sys/types.h>
#include <linux/time.h>

typedef unsigned long rlim_t;
struct rlimit {
	rlim_t rlim_cur;
	rlim_t rlim_max;
};
struct rlimit64 {
	unsigned long long rlim_cur;
	unsigned long long rlim_max;
};

#define RLIM_INFINITY   (~0UL)
#define RLIM64_INFINITY (~0ULL)

#define RLIMIT_STACK    3
#define RLIMIT_CORE     4
#define RLIMIT_NPROC    6
#define RLIMIT_NOFILE   7
#define RLIMIT_SIGPENDING 11
#define RLIMIT_NICE     13
#define RLIMIT_RTPRIO   14
#define RLIM_NLIMITS    16

/* getrusage and wait4/waitid's rusage (user/lib/sched.c) */
struct rusage {
	struct timeval ru_utime;
	struct timeval ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};
#define RUSAGE_SELF     0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD   1

/* getpriority/setpriority's which */
#define PRIO_PROCESS 0
#define PRIO_PGRP    1
#define PRIO_USER    2

int getrusage(int who, struct rusage *usage);
/* The system call's answer: 20 - nice (1..40), not glibc's nice value. */
int getpriority(int which, int who);
int setpriority(int which, int who, int prio);

int getrlimit(int resource, struct rlimit *rlim);      /* ugetrlimit (191) */
int setrlimit(int resource, const struct rlimit *rlim);
int prlimit64(pid_t pid, int resource, const struct rlimit64 *new_limit,
	      struct rlimit64 *old_limit);

#endif
