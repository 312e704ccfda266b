/* kernel/sched/syscalls.c: the scheduling calls a program makes about itself or
 * another task: its nice value (nice 34, getpriority 96, setpriority 97),
 * its policy and real-time priority (sched_setparam .. sched_rr_get_interval,
 * 154-161, and sched_rr_get_interval_time64) and its CPU affinity
 * (sched_setaffinity 241, sched_getaffinity 242), with Linux's rules.
 *
 * They answer for either policy (kernel/sched/core.c: O(1) or goodness):
 * SCHED_OTHER, and the real-time SCHED_FIFO and SCHED_RR both have (a real-time task always beats an ordinary one, the higher
 * rt_priority first; RR takes turns at the end of each slice, FIFO runs
 * until it blocks or yields). SCHED_BATCH, SCHED_IDLE and SCHED_DEADLINE
 * are later Linux's and are EINVAL here. Privilege is euid 0 (Linux's
 * CAP_SYS_NICE); without it RLIMIT_NICE and RLIMIT_RTPRIO say how far a
 * task may raise itself (Linux's defaults: not at all). An affinity mask
 * is a cpumask_t (one word: NR_CPUS 8) of which the online CPUs count. */
#include <kernel.h>
#include <errno.h>
#include <pid.h>
#include <sched.h>
#include <sched/signal.h>
#include <syscall.h>
#include <time.h>
#include <asm/uaccess.h>

#define PRIO_PROCESS 0
#define PRIO_PGRP    1
#define PRIO_USER    2
#define MIN_NICE     (-20)
#define MAX_NICE     19
#define MAX_RT_PRIO  100
#define CPUMASK_SIZE sizeof(cpumask_t)    /* bytes: one unsigned long */

static bool capable_sys_nice(void)
{
	return current->euid == 0;
}

/* Linux's check_same_owner: the caller's euid is p's real or effective uid. */
static bool same_owner(const struct task_struct *p)
{
	return current->euid == p->euid || current->euid == p->uid;
}

/* May p's nice value go down to nice (RLIMIT_NICE is 20 - the lowest)? */
static bool can_nice(const struct task_struct *p, long nice)
{
	return 20 - nice <= (long)p->signal->rlim[RLIMIT_NICE].rlim_cur || capable_sys_nice();
}

/* pid 0 is the caller; any thread's id names that thread. The task comes
 * with a reference (put_task_struct it): it may exit and be reaped on
 * another CPU while the caller uses it. */
static struct task_struct *find_process_by_pid(pid_t pid)
{
	if (pid)
		return find_get_task_by_pid(pid);
	get_task_struct(current);
	return current;
}

static bool rt_policy(unsigned int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* --- nice values ----------------------------------------------------- */

/* setpriority's step for one task: -EPERM (another user's), -EACCES (a
 * lower nice without privilege), or error turned 0 from -ESRCH once a task
 * was found, as Linux's set_one_prio. */
static int set_one_prio(struct task_struct *p, long nice, int error)
{
	if (!same_owner(p) && !capable_sys_nice())
		return -EPERM;
	if (nice < p->nice && !can_nice(p, nice))
		return -EACCES;
	set_user_nice(p, nice);
	return error == -ESRCH ? 0 : error;
}

/* Does p fall under (which, who)? who is already resolved (0 replaced).
 * PRIO_USER leaves kernel threads out (Linux counts root's): the test
 * runner is one, and a renice of "every root task" is not meant for it. */
static bool prio_matches(const struct task_struct *p, int which, unsigned int who)
{
	if (which == PRIO_PGRP)
		return p->pgid == (pid_t)who;
	return p->uid == who && !is_kernel_thread(p);
}

/* Every task setpriority/getpriority names calls fn; the result is fn's
 * last, or -ESRCH when none matched, -EINVAL for a bad which. */
static long for_each_prio_task(int which, unsigned int who,
			       int (*fn)(struct task_struct *, long, int), long arg)
{
	struct task_struct *p;
	int ret = -ESRCH;

	if (which == PRIO_PROCESS) {
		p = find_process_by_pid((pid_t)who);
		if (!p)
			return -ESRCH;
		ret = fn(p, arg, ret);
		put_task_struct(p);
		return ret;
	}
	if (which != PRIO_PGRP && which != PRIO_USER)
		return -EINVAL;
	if (!who)
		who = which == PRIO_PGRP ? (unsigned int)current->pgid : current->uid;
	read_lock(&tasklist_lock);            /* no task leaves the list meanwhile */
	for_each_process(p)
		if (prio_matches(p, which, who))
			ret = fn(p, arg, ret);
	read_unlock(&tasklist_lock);
	return ret;
}

/* getpriority's step: the best (highest 20 - nice) so far. */
static int get_one_prio(struct task_struct *p, long unused, int best)
{
	return max(best, (int)(20 - p->nice));
}

/* setpriority(which, who, nice): PRIO_PROCESS (one task: who is a pid or
 * tid, 0 the caller), PRIO_PGRP (a process group, 0 the caller's),
 * PRIO_USER (a real uid, 0 the caller's); nice clamped to -20..19. */
long sys_setpriority(u32 which, u32 who, u32 niceval, u32 d, u32 e, u32 f)
{
	long nice = (int)niceval;

	nice = nice < MIN_NICE ? MIN_NICE : nice > MAX_NICE ? MAX_NICE : nice;
	return for_each_prio_task((int)which, who, set_one_prio, nice);
}

/* getpriority: 20 - the lowest nice among the tasks named (1..40: the
 * system call's form, which keeps clear of errors; glibc turns it back). */
long sys_getpriority(u32 which, u32 who, u32 c, u32 d, u32 e, u32 f)
{
	return for_each_prio_task((int)which, who, get_one_prio, 0);
}

/* nice(inc): the caller's nice value moved by inc (clamped); lowering it
 * without privilege is EPERM here (setpriority says EACCES), as Linux. */
long sys_nice(u32 uinc, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	long inc = (int)uinc, nice;

	inc = inc < -40 ? -40 : inc > 40 ? 40 : inc;
	nice = current->nice + inc;
	nice = nice < MIN_NICE ? MIN_NICE : nice > MAX_NICE ? MAX_NICE : nice;
	if (inc < 0 && !can_nice(current, nice))
		return -EPERM;
	set_user_nice(current, nice);
	return 0;
}

/* --- policies -------------------------------------------------------- */

/* The permission rules of Linux's __sched_setscheduler without
 * CAP_SYS_NICE: a real-time policy needs RLIMIT_RTPRIO (to switch to one,
 * and for a priority above both the old one and the limit); only the
 * owner may change a task; SCHED_RESET_ON_FORK, once set, stays. */
static int setscheduler_allowed(struct task_struct *p, unsigned int policy, unsigned int prio,
				bool reset_on_fork)
{
	unsigned long rtprio = p->signal->rlim[RLIMIT_RTPRIO].rlim_cur;

	if (capable_sys_nice())
		return 0;
	if (rt_policy(policy) && policy != p->policy && !rtprio)
		return -EPERM;
	if (rt_policy(policy) && prio > p->rt_priority && prio > rtprio)
		return -EPERM;
	if (!same_owner(p))
		return -EPERM;
	if (p->sched_reset_on_fork && !reset_on_fork)
		return -EPERM;
	return 0;
}

/* policy -1 (sched_setparam) keeps p's policy and reset-on-fork flag.
 * A real-time policy takes priority 1..99, SCHED_OTHER only 0. */
static long do_setscheduler(struct task_struct *p, int policy, unsigned int prio)
{
	bool reset_on_fork = policy == -1 ? p->sched_reset_on_fork : !!(policy & SCHED_RESET_ON_FORK);
	unsigned int pol = policy == -1 ? p->policy : (unsigned int)policy & ~SCHED_RESET_ON_FORK;
	int err;

	if (pol != SCHED_OTHER && !rt_policy(pol))
		return -EINVAL;
	if (prio > MAX_RT_PRIO - 1 || rt_policy(pol) != (prio != 0))
		return -EINVAL;
	if ((err = setscheduler_allowed(p, pol, prio, reset_on_fork)))
		return err;
	sched_setscheduler_nocheck(p, pol, prio, reset_on_fork);
	return 0;
}

/* struct sched_param is one int, sched_priority. */
static long setscheduler_call(pid_t pid, int policy, u32 uparam)
{
	struct task_struct *p;
	long ret;
	u32 prio;

	if (!uparam || pid < 0)
		return -EINVAL;
	if (get_user_u32(&prio, (u32 *)uparam))
		return -EFAULT;
	if (!(p = find_process_by_pid(pid)))
		return -ESRCH;
	ret = do_setscheduler(p, policy, prio);
	put_task_struct(p);
	return ret;
}

long sys_sched_setscheduler(u32 pid, u32 policy, u32 uparam, u32 d, u32 e, u32 f)
{
	if ((int)policy < 0)
		return -EINVAL;
	return setscheduler_call((pid_t)pid, (int)policy, uparam);
}

long sys_sched_setparam(u32 pid, u32 uparam, u32 c, u32 d, u32 e, u32 f)
{
	return setscheduler_call((pid_t)pid, -1, uparam);
}

long sys_sched_getscheduler(u32 upid, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct task_struct *p;
	long ret;

	if ((pid_t)upid < 0)
		return -EINVAL;
	if (!(p = find_process_by_pid((pid_t)upid)))
		return -ESRCH;
	ret = p->policy | (p->sched_reset_on_fork ? SCHED_RESET_ON_FORK : 0);
	put_task_struct(p);
	return ret;
}

long sys_sched_getparam(u32 upid, u32 uparam, u32 c, u32 d, u32 e, u32 f)
{
	struct task_struct *p;
	u32 prio;

	if (!uparam || (pid_t)upid < 0)
		return -EINVAL;
	if (!(p = find_process_by_pid((pid_t)upid)))
		return -ESRCH;
	prio = p->rt_priority;
	put_task_struct(p);
	return put_user_u32(prio, (u32 *)uparam) ? -EFAULT : 0;
}

long sys_sched_get_priority_max(u32 policy, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	if (rt_policy(policy))
		return MAX_RT_PRIO - 1;
	return policy == SCHED_OTHER ? 0 : -EINVAL;
}

long sys_sched_get_priority_min(u32 policy, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	if (rt_policy(policy))
		return 1;
	return policy == SCHED_OTHER ? 0 : -EINVAL;
}

/* The time slice p gets: none for FIFO (it runs until it yields), else
 * the running policy's slice for its nice value (O(1): 100 ms at nice 0;
 * goodness: 60 ms). */
static long do_rr_get_interval(u32 upid, u32 uts, bool time64)
{
	struct task_struct *p;
	struct timespec64 ts;

	if ((pid_t)upid < 0)
		return -EINVAL;
	if (!(p = find_process_by_pid((pid_t)upid)))
		return -ESRCH;
	jiffies_to_timespec(task_timeslice(p), &ts);
	put_task_struct(p);
	return put_user_timespec(uts, &ts, time64);
}

long sys_sched_rr_get_interval(u32 pid, u32 uts, u32 c, u32 d, u32 e, u32 f)
{
	return do_rr_get_interval(pid, uts, false);
}

long sys_sched_rr_get_interval_time64(u32 pid, u32 uts, u32 c, u32 d, u32 e, u32 f)
{
	return do_rr_get_interval(pid, uts, true);
}

/* --- affinity -------------------------------------------------------- */

/* sched_getaffinity(pid, len, mask): p's allowed CPUs that are online,
 * in as many bytes as Linux copies (min(len, its mask size)); len must
 * hold nr_cpu_ids bits and be a multiple of sizeof(long), else EINVAL.
 * Returns the bytes written. */
long sys_sched_getaffinity(u32 pid, u32 len, u32 umask, u32 d, u32 e, u32 f)
{
	struct task_struct *p;
	u32 n = min(len, (u32)CPUMASK_SIZE);
	unsigned long mask;

	if (len * 8 < nr_cpu_ids || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (!(p = find_process_by_pid((pid_t)pid)))
		return -ESRCH;
	mask = p->cpus_allowed.bits & cpu_online_mask->bits;
	put_task_struct(p);
	return copy_to_user((void *)umask, &mask, n) ? -EFAULT : (long)n;
}

/* sched_setaffinity(pid, len, mask): a shorter mask is zero-extended, a
 * longer one cut to ours (Linux's get_user_cpu_mask); the CPUs that exist
 * are kept, and p is moved off a CPU no longer allowed (set_cpus_allowed).
 * No online CPU in the mask: EINVAL; another user's task: EPERM. */
long sys_sched_setaffinity(u32 pid, u32 len, u32 umask, u32 d, u32 e, u32 f)
{
	struct task_struct *p;
	cpumask_t mask = { 0 };
	long ret;

	if (copy_from_user(&mask.bits, (void *)umask, min(len, (u32)CPUMASK_SIZE)))
		return -EFAULT;
	if (!(p = find_process_by_pid((pid_t)pid)))
		return -ESRCH;
	mask.bits &= cpu_possible_mask->bits;
	ret = same_owner(p) || capable_sys_nice() ? set_cpus_allowed(p, mask) : -EPERM;
	put_task_struct(p);                   /* held across set_cpus_allowed's sleep */
	return ret;
}
