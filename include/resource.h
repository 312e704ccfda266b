/* include/resource.h: resource limits (getrlimit/setrlimit), per thread
 * group in signal_struct and inherited at fork, as in Linux. The numbering
 * is Linux i386's, since user programs pass it in system calls. */
#ifndef TASKLAB_RESOURCE_H
#define TASKLAB_RESOURCE_H

struct rlimit {
	unsigned long rlim_cur;           /* the soft limit, enforced */
	unsigned long rlim_max;           /* the ceiling for rlim_cur */
};

#define RLIM_INFINITY   (~0UL)

#define RLIMIT_CPU        0               /* seconds of CPU time */
#define RLIMIT_FSIZE      1               /* largest file */
#define RLIMIT_DATA       2               /* data segment */
#define RLIMIT_STACK      3               /* stack */
#define RLIMIT_CORE       4               /* core file */
#define RLIMIT_RSS        5
#define RLIMIT_NPROC      6               /* processes of one user */
#define RLIMIT_NOFILE     7               /* open files */
#define RLIMIT_MEMLOCK    8
#define RLIMIT_AS         9               /* address space */
#define RLIMIT_LOCKS      10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE   12
#define RLIMIT_NICE       13
#define RLIMIT_RTPRIO     14
#define RLIMIT_RTTIME     15
#define RLIM_NLIMITS      16

#endif
