/* user/lib/sched.c: the wrappers for the process-control calls: waitid,
 * prctl, nice values, scheduling policies and CPU affinity; each is one
 * trap, -1 + errno on failure (getpriority and nice are the system calls,
 * not glibc's adjusted forms: see their headers). */
#include <errno.h>
#include <sched.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define RET(x) return __syscall_ret(x)

int nice(int inc)                                 { RET(__syscall1(__NR_nice, inc)); }
int getpriority(int which, int who)               { RET(__syscall2(__NR_getpriority, which, who)); }
int setpriority(int which, int who, int prio)     { RET(__syscall3(__NR_setpriority, which, who, prio)); }
int sched_getscheduler(pid_t pid)                 { RET(__syscall1(__NR_sched_getscheduler, pid)); }
int sched_get_priority_max(int policy)            { RET(__syscall1(__NR_sched_get_priority_max, policy)); }
int sched_get_priority_min(int policy)            { RET(__syscall1(__NR_sched_get_priority_min, policy)); }

int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param)
{
	RET(__syscall3(__NR_sched_setscheduler, pid, policy, param));
}

int sched_setparam(pid_t pid, const struct sched_param *param)
{
	RET(__syscall2(__NR_sched_setparam, pid, param));
}

int sched_getparam(pid_t pid, struct sched_param *param)
{
	RET(__syscall2(__NR_sched_getparam, pid, param));
}

int sched_rr_get_interval(pid_t pid, struct timespec *tp)
{
	RET(__syscall2(__NR_sched_rr_get_interval, pid, tp));
}

int sched_setaffinity(pid_t pid, size_t size, const unsigned long *mask)
{
	RET(__syscall3(__NR_sched_setaffinity, pid, size, mask));
}

int sched_getaffinity(pid_t pid, size_t size, unsigned long *mask)
{
	RET(__syscall3(__NR_sched_getaffinity, pid, size, mask));
}

int prctl(int option, unsigned long arg2, unsigned long arg3, unsigned long arg4,
	  unsigned long arg5)
{
	RET(__syscall6(__NR_prctl, option, (long)arg2, (long)arg3, (long)arg4, (long)arg5, 0));
}

int waitid(idtype_t idtype, int id, siginfo_t *info, int options, struct rusage *ru)
{
	RET(__syscall6(__NR_waitid, idtype, id, (long)info, options, (long)ru, 0));
}
