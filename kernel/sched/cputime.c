/* kernel/sched/cputime.c: CPU-time and fault accounting for threads and
 * processes (include/sched/cputime.h), and the calls that report it:
 * times (43), getrusage (77) and the CPU-time clocks of clock_gettime
 * (read_clock, kernel/time.c).
 * The tick charges the running thread (account_process_tick, from
 * scheduler_tick); the fault handler counts its faults in the thread
 * (arch/i386/traps.c); this file adds threads up into their process,
 * keeps what threads that are gone used (account_released_thread) and
 * what reaped children used (account_reaped_child), as Linux's
 * signal_struct does. Times are whole ticks (10 ms, USER_HZ 100 as on
 * Linux); ru_maxrss and the I/O and IPC counts are not kept and read 0. */
#include <kernel.h>
#include <errno.h>
#include <pid.h>
#include <sched.h>
#include <sched/cputime.h>
#include <sched/loadavg.h>
#include <sched/signal.h>
#include <syscall.h>
#include <time.h>
#include <asm/uaccess.h>

/* Times, switches and faults of threads, a process, or its children. */
struct proc_usage {
	unsigned long utime, stime, nvcsw, nivcsw, min_flt, maj_flt;
};

unsigned long long kcpustat_cpu[NR_CPUS][NR_CPUTIME];

unsigned long long kcpustat_total(enum cpu_usage_stat kind)
{
	unsigned long long n = 0;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		n += kcpustat_cpu[cpu][kind];
	return n;
}

void account_process_tick(struct task_struct *p, bool user_tick)
{
	enum cpu_usage_stat kind;

	if (is_idle_task(p)) {
		kind = CPUTIME_IDLE;
	} else if (user_tick) {
		p->utime++;
		kind = p->nice > 0 ? CPUTIME_NICE : CPUTIME_USER;
	} else {
		p->stime++;
		kind = CPUTIME_SYSTEM;
	}
	kcpustat_cpu[smp_processor_id()][kind]++;      /* this CPU's own row */
	if (smp_processor_id() == 0)
		calc_global_load();          /* once per tick of time, not per CPU */
}

static void add_thread(struct proc_usage *u, const struct task_struct *t)
{
	u->utime += t->utime;
	u->stime += t->stime;
	u->nvcsw += t->nvcsw;
	u->nivcsw += t->nivcsw;
	u->min_flt += t->min_flt;
	u->maj_flt += t->maj_flt;
}

/* p's process: its live threads (and a zombie leader, which has not been
 * released), plus the threads released before. p must not be released
 * (its signal_struct is gone then). */
static void group_usage(struct task_struct *p, struct proc_usage *u)
{
	const struct signal_cputime *st = &p->signal->times;
	struct task_struct *t;

	*u = (struct proc_usage){ st->utime, st->stime, st->nvcsw, st->nivcsw,
				  st->min_flt, st->maj_flt };
	for_each_thread(p->group_leader, t)
		add_thread(u, t);
}

static void add_children(const struct task_struct *p, struct proc_usage *u)
{
	const struct signal_cputime *st = &p->signal->times;

	u->utime += st->cutime;
	u->stime += st->cstime;
	u->nvcsw += st->cnvcsw;
	u->nivcsw += st->cnivcsw;
	u->min_flt += st->cmin_flt;
	u->maj_flt += st->cmaj_flt;
}

void thread_group_cputime(struct task_struct *p, struct task_cputime *ct)
{
	struct proc_usage u;

	group_usage(p, &u);
	ct->utime = u.utime;
	ct->stime = u.stime;
}

void thread_group_faults(struct task_struct *p, unsigned long *min_flt, unsigned long *maj_flt)
{
	struct proc_usage u;

	group_usage(p, &u);
	*min_flt = u.min_flt;
	*maj_flt = u.maj_flt;
}

void account_released_thread(struct task_struct *p)
{
	struct signal_cputime *st = &p->signal->times;

	st->utime += p->utime;
	st->stime += p->stime;
	st->nvcsw += p->nvcsw;
	st->nivcsw += p->nivcsw;
	st->min_flt += p->min_flt;
	st->maj_flt += p->maj_flt;
}

void account_reaped_child(struct task_struct *p)
{
	struct signal_cputime *st = &current->signal->times;
	struct proc_usage u;

	group_usage(p, &u);
	add_children(p, &u);
	st->cutime += u.utime;
	st->cstime += u.stime;
	st->cnvcsw += u.nvcsw;
	st->cnivcsw += u.nivcsw;
	st->cmin_flt += u.min_flt;
	st->cmaj_flt += u.maj_flt;
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
		add_children(p, &u);
	memset(r, 0, sizeof(*r));
	ticks_to_timeval(u.utime, &r->ru_utime_sec, &r->ru_utime_usec);
	ticks_to_timeval(u.stime, &r->ru_stime_sec, &r->ru_stime_usec);
	r->ru_minflt = u.min_flt;
	r->ru_majflt = u.maj_flt;
	r->ru_nvcsw = u.nvcsw;
	r->ru_nivcsw = u.nivcsw;
}

/* getrusage(who, usage): RUSAGE_SELF (every thread of the process),
 * RUSAGE_CHILDREN (the children it waited for, and theirs), RUSAGE_THREAD
 * (the caller alone); any other who is EINVAL, a bad buffer EFAULT. */
long sys_getrusage(u32 who, u32 uru, u32 c, u32 d, u32 e, u32 f)
{
	struct rusage32 r;

	if ((int)who != RUSAGE_SELF && (int)who != RUSAGE_CHILDREN && (int)who != RUSAGE_THREAD)
		return -EINVAL;
	read_lock(&tasklist_lock);       /* the walk of our threads: they exit on other CPUs */
	task_rusage(current, (int)who, &r);
	read_unlock(&tasklist_lock);
	return copy_to_user((void *)uru, &r, sizeof(r)) ? -EFAULT : 0;
}

/* times(buf): the process's and its waited-for children's user and system
 * time in clock ticks (struct tms); returns the ticks since boot. buf may
 * be NULL; a bad one is EFAULT. */
long sys_times(u32 ubuf, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct proc_usage self, children = { 0 };
	s32 tms[4];

	if (ubuf) {
		read_lock(&tasklist_lock);   /* as getrusage */
		group_usage(current, &self);
		add_children(current, &children);
		read_unlock(&tasklist_lock);
		tms[0] = self.utime;
		tms[1] = self.stime;
		tms[2] = children.utime;
		tms[3] = children.stime;
		if (copy_to_user((void *)ubuf, tms, sizeof(tms)))
			return -EFAULT;
	}
	return (long)jiffies;
}

/* Linux's encoding of a CPU-time clock id: ~pid << 3, bit 2 for a thread
 * (pid is a tid), the low bits the kind; pid 0 is the caller. */
#define CPUCLOCK_PID(clock)      (~((clock) >> 3))
#define CPUCLOCK_PERTHREAD(clock) ((clock) & 4)
#define CPUCLOCK_WHICH(clock)    ((clock) & 3)
#define CPUCLOCK_PROF  0                 /* user + system */
#define CPUCLOCK_VIRT  1                 /* user */
#define CPUCLOCK_SCHED 2                 /* run time: user + system here */

/* The task a CPU clock names, or NULL: a thread of the caller's process
 * for a thread clock, a process for a process clock. tasklist_lock held
 * (read), which keeps it and its threads from being released. */
static struct task_struct *cpuclock_task(int clock, bool thread)
{
	pid_t pid = clock >= 0 ? 0 : CPUCLOCK_PID(clock);
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;

	if (!p || p->exit_state == EXIT_DEAD || is_idle_task(p))
		return NULL;
	if (thread)
		return p->tgid == current->tgid ? p : NULL;
	return p->pid == p->tgid ? p : NULL;
}

int cputime_clock_get(int clock, struct timespec64 *ts)
{
	bool thread = clock >= 0 ? clock == CLOCK_THREAD_CPUTIME_ID : CPUCLOCK_PERTHREAD(clock);
	int which = clock >= 0 ? CPUCLOCK_SCHED : CPUCLOCK_WHICH(clock);
	struct task_struct *p;
	struct task_cputime ct;
	unsigned long ticks;

	if (which > CPUCLOCK_SCHED)
		return -EINVAL;
	read_lock(&tasklist_lock);
	p = cpuclock_task(clock, thread);
	if (p && thread)
		ct = (struct task_cputime){ p->utime, p->stime };
	else if (p)
		thread_group_cputime(p, &ct);
	read_unlock(&tasklist_lock);
	if (!p)
		return -EINVAL;
	ticks = which == CPUCLOCK_VIRT ? ct.utime : ct.utime + ct.stime;
	jiffies_to_timespec(ticks, ts);
	return 0;
}
