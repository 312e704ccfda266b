/* kernel/cputime.c: CPU-time accounting for processes (include/sched/cputime.h)
 * and the calls that report it: times (43) and getrusage (77). The tick
 * charges the running thread (scheduler_tick); this file adds threads up
 * into their process, keeps what threads that are gone used
 * (account_released_thread, from release_task) and what reaped children
 * used (account_reaped_child, from the wait path), as Linux's
 * signal_struct does. Times are whole ticks (10 ms); ru_maxrss, the fault
 * and I/O counts are not kept and read 0. */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/cputime.h>
#include <sched/signal.h>
#include <syscall.h>
#include <asm/uaccess.h>

/* Times and switches of one process, of its reaped children, or both. */
struct proc_usage {
	unsigned long utime, stime, nvcsw, nivcsw;
};

static void add_thread(struct proc_usage *u, const struct task_struct *t)
{
	u->utime += t->utime;
	u->stime += t->stime;
	u->nvcsw += t->nvcsw;
	u->nivcsw += t->nivcsw;
}

/* p's process: its live threads (and a zombie leader, which has not been
 * released), plus the threads released before. */
static void group_usage(struct task_struct *p, struct proc_usage *u)
{
	const struct signal_cputime *st = &p->signal->times;
	struct task_struct *t;

	*u = (struct proc_usage){ st->utime, st->stime, st->nvcsw, st->nivcsw };
	for_each_thread(p->group_leader, t)
		add_thread(u, t);
}

static void children_usage(const struct task_struct *p, struct proc_usage *u)
{
	const struct signal_cputime *st = &p->signal->times;

	u->utime += st->cutime;
	u->stime += st->cstime;
	u->nvcsw += st->cnvcsw;
	u->nivcsw += st->cnivcsw;
}

void thread_group_cputime(struct task_struct *p, struct task_cputime *ct)
{
	struct proc_usage u;

	group_usage(p, &u);
	ct->utime = u.utime;
	ct->stime = u.stime;
}

void account_released_thread(struct task_struct *p)
{
	struct signal_cputime *st = &p->signal->times;

	st->utime += p->utime;
	st->stime += p->stime;
	st->nvcsw += p->nvcsw;
	st->nivcsw += p->nivcsw;
}

void account_reaped_child(struct task_struct *p)
{
	struct signal_cputime *st = &current->signal->times;
	struct proc_usage u;

	group_usage(p, &u);
	children_usage(p, &u);
	st->cutime += u.utime;
	st->cstime += u.stime;
	st->cnvcsw += u.nvcsw;
	st->cnivcsw += u.nivcsw;
}

void ticks_to_timeval(unsigned long ticks, s32 *sec, s32 *usec)
{
	*sec = ticks / HZ;
	*usec = (ticks % HZ) * (1000000 / HZ);
}

void task_rusage(struct task_struct *p, int who, struct rusage32 *r)
{
	struct proc_usage u = { 0 };

	if (who == RUSAGE_THREAD)
		add_thread(&u, p);
	else if (who != RUSAGE_CHILDREN)
		group_usage(p, &u);
	if (who == RUSAGE_CHILDREN || who == RUSAGE_BOTH)
		children_usage(p, &u);
	memset(r, 0, sizeof(*r));
	ticks_to_timeval(u.utime, &r->ru_utime_sec, &r->ru_utime_usec);
	ticks_to_timeval(u.stime, &r->ru_stime_sec, &r->ru_stime_usec);
	r->ru_nvcsw = u.nvcsw;
	r->ru_nivcsw = u.nivcsw;
}

/* getrusage(who, usage): RUSAGE_SELF (every thread of the process),
 * RUSAGE_CHILDREN (the children it waited for, and theirs), RUSAGE_THREAD
 * (the caller alone); anything else EINVAL. */
long sys_getrusage(u32 who, u32 uru, u32 c, u32 d, u32 e, u32 f)
{
	struct rusage32 r;

	if ((int)who != RUSAGE_SELF && (int)who != RUSAGE_CHILDREN && (int)who != RUSAGE_THREAD)
		return -EINVAL;
	task_rusage(current, (int)who, &r);
	return copy_to_user((void *)uru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* times(buf): the process's and its waited-for children's user and system
 * time in clock ticks (USER_HZ is HZ, 100); returns the ticks since boot.
 * buf may be NULL. */
long sys_times(u32 ubuf, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct proc_usage self, children = { 0 };
	s32 tms[4];

	if (ubuf) {
		group_usage(current, &self);
		children_usage(current, &children);
		tms[0] = self.utime;
		tms[1] = self.stime;
		tms[2] = children.utime;
		tms[3] = children.stime;
		if (copy_to_user((void *)ubuf, tms, sizeof(tms)))
			return -EFAULT;
	}
	return (long)jiffies;
}
