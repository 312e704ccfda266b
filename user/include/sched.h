/* user/include/sched.h: clone() and its flags. clone runs fn(arg) on the
 * given stack in the child and exits with fn's return value. */
#ifndef _TL_SCHED_H
#define _TL_SCHED_H

#include <sys/types.h>

#include <linux/sched.h>     /* the CLONE_* flags, shared with the kernel */

int clone(int (*fn)(void *), void *stack, int flags, void *arg,
	  pid_t *ptid, void *tls, pid_t *ctid);
int sched_yield(void);

/* The scheduling calls (user/lib/sched.c): struct sched_param is one int;
 * an affinity mask is a bit per CPU (the system calls' form: the size in
 * bytes, a multiple of 4). */
struct sched_param {
	int sched_priority;
};
struct timespec;
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
int sched_getscheduler(pid_t pid);
int sched_setparam(pid_t pid, const struct sched_param *param);
int sched_getparam(pid_t pid, struct sched_param *param);
int sched_get_priority_max(int policy);
int sched_get_priority_min(int policy);
int sched_rr_get_interval(pid_t pid, struct timespec *tp);
/* The system calls: getaffinity returns the bytes written. */
int sched_setaffinity(pid_t pid, size_t size, const unsigned long *mask);
int sched_getaffinity(pid_t pid, size_t size, unsigned long *mask);

#endif
