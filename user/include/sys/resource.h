/* user/include/sys/resource.h: resource limits (user/lib/resource.c). The
 * limit numbers and struct rlimit are Linux i386's: 32-bit values with
 * RLIM_INFINITY = ~0 (ugetrlimit/setrlimit); prlimit64 takes 64-bit ones. */
#ifndef _TL_SYS_RESOURCE_H
#define _TL_SYS_RESOURCE_H

#include <sys/types.h>

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
#define RLIM_NLIMITS    16

int getrlimit(int resource, struct rlimit *rlim);      /* ugetrlimit (191) */
int setrlimit(int resource, const struct rlimit *rlim);
int prlimit64(pid_t pid, int resource, const struct rlimit64 *new_limit,
	      struct rlimit64 *old_limit);

#endif
