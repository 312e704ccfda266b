/* fs/proc/array.c: the task tables ps, top and procps read, field by field
 * as Linux 6.1 prints them:
 *   /proc/<pid>/stat    one line of 52 fields; the process's counts summed
 *                       over its threads (task/<tid>/stat: the thread's)
 *   /proc/<pid>/statm   seven sizes in pages
 *   /proc/<pid>/status  "Key:\tvalue" lines
 * The values are kept for real: CPU time and faults by the tick and the
 * fault handler (kernel/sched/cputime.c), sizes from the VMAs
 * (task_mmu.c), the terminal from the session's controlling tty (tty_nr
 * and tpgid; 0 and -1 without one, as Linux). What Tasklab does not have
 * reads as Linux shows it absent: no ptrace (TracerPid 0), root with
 * every capability and others with none. Field 39 is the CPU the task
 * last ran on (ps's PSR). */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs_struct.h>
#include <sched.h>
#include <sched/cputime.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <tty.h>
#include "internal.h"

#define CAP_FULL_SET 0x000001ffffffffffULL   /* CAP_LAST_CAP 40, as Linux 6.1 */

static const char *const task_state_names[] = {
	"R (running)", "S (sleeping)", "D (disk sleep)", "T (stopped)",
	"X (dead)", "Z (zombie)",
};

/* Index into task_state_names, as Linux's task_state_index. */
static int task_state_index(const struct task_struct *p)
{
	if (p->exit_state == EXIT_DEAD)
		return 4;
	if (p->exit_state == EXIT_ZOMBIE)
		return 5;
	if (p->state & TASK_INTERRUPTIBLE)
		return 1;
	if (p->state & TASK_UNINTERRUPTIBLE)
		return 2;
	if (p->state & TASK_STOPPED)
		return 3;
	return 0;
}

char task_state_char(const struct task_struct *p)
{
	return task_state_names[task_state_index(p)][0];
}

/* The signals p's handlers ignore and catch (1..64 as bits); p's siglock
 * held (lock_task_sighand: the table is not let go meanwhile). */
static void sig_ign_catch(const struct task_struct *p, sigset_t *ign, sigset_t *catch)
{
	*ign = *catch = 0;
	for (int i = 0; i < _NSIG; i++) {
		unsigned long h = p->sighand->action[i].handler;

		if (h == SIG_IGN)
			*ign |= 1ULL << i;
		else if (h != SIG_DFL)
			*catch |= 1ULL << i;
	}
}

/* Under tasklist_lock (read), as Linux's pid_alive check: the parent of
 * a released task may be freed (0 then). */
static pid_t ppid_of(const struct task_struct *p)
{
	pid_t ppid;

	read_lock(&tasklist_lock);
	ppid = p->signal && p->real_parent ? p->real_parent->tgid : 0;
	read_unlock(&tasklist_lock);
	return ppid;
}

/* The counts a stat line shows, for the process (whole) or the thread. */
struct stat_counts {
	unsigned long utime, stime, min_flt, maj_flt;
};

/* What /proc shows of p's process that lives in its signal_struct and
 * handler table, and the walk of its threads: read at once under
 * tasklist_lock (read). p's release (__release_task: exit_sighand,
 * release_task_user and exit_signal, under it for writing) may come on
 * another CPU after the read's proc_task_alive; under the lock p->signal
 * is there or NULL, and the group leader whose ring is walked is not
 * freed. The terminal and the handlers also under p's siglock while p
 * has one (a zombie has let its handlers go: its signal->tty is then
 * written only under tasklist_lock, by session_clear_tty). Released
 * meanwhile: every count reads 0, as Linux's when lock_task_sighand
 * fails. */
struct proc_task_snap {
	int threads, sigq;               /* sigq: its user's queued signals */
	dev_t tty_nr;
	pid_t tty_pgrp;
	sigset_t ign, catch, shared_pending;
	unsigned long rss_lim, sigq_lim;
	struct signal_cputime sc;        /* the children's: cutime... */
	struct stat_counts c;            /* the thread's, or summed (whole) */
};

static void snap_sighand(struct task_struct *p, struct proc_task_snap *s)
{
	unsigned long flags;
	struct sighand_struct *sh = lock_task_sighand(p, &flags);
	const struct tty_struct *tty = p->signal->tty;

	s->tty_nr = new_encode_dev(tty_devnum(tty));
	s->tty_pgrp = tty ? tty_get_pgrp(tty) : -1;
	s->shared_pending = p->signal->shared_pending.signal;
	if (sh) {
		sig_ign_catch(p, &s->ign, &s->catch);
		unlock_task_sighand(sh, flags);
	}
}

static void snap_task(struct task_struct *p, bool whole, struct proc_task_snap *s)
{
	struct signal_struct *sig;
	struct task_struct *t;

	*s = (struct proc_task_snap){ .tty_pgrp = -1 };
	read_lock(&tasklist_lock);
	sig = p->signal;
	if (!sig)
		goto out;
	for_each_thread(p->group_leader, t)
		s->threads++;
	snap_sighand(p, s);
	s->rss_lim = sig->rlim[RLIMIT_RSS].rlim_cur;
	s->sigq_lim = sig->rlim[RLIMIT_SIGPENDING].rlim_cur;
	s->sigq = p->user ? p->user->sigpending : 0;
	s->sc = sig->times;
	s->c = (struct stat_counts){ p->utime, p->stime, p->min_flt, p->maj_flt };
	if (whole) {
		struct task_cputime ct;

		thread_group_cputime(p, &ct);
		thread_group_faults(p, &s->c.min_flt, &s->c.maj_flt);
		s->c.utime = ct.utime;
		s->c.stime = ct.stime;
	}
out:
	read_unlock(&tasklist_lock);
}

/* Fields 1-22: identity, state, terminal, faults, times, priority (as
 * Linux: the scheduler's 0..139 less 100, so 20 + nice for an ordinary
 * task without bonus, -1 - rt_priority for a real-time one), nice,
 * threads, start. The terminal is the session's controlling tty: its
 * device number and foreground group (0: none), or 0 and -1 without one. */
static void stat_head(struct seq_file *m, struct task_struct *p, const struct proc_task_snap *s)
{
	const struct signal_cputime *sc = &s->sc;

	seq_printf(m, "%d (%s) %c %d %d %d %u %d %u %lu %lu %lu %lu %lu %lu %lu %lu %ld %ld %d 0 %lu",
		   p->pid, p->comm, task_state_char(p), ppid_of(p), p->pgid, p->sid,
		   s->tty_nr, s->tty_pgrp, p->flags, s->c.min_flt, sc->cmin_flt, s->c.maj_flt,
		   sc->cmaj_flt, s->c.utime, s->c.stime, sc->cutime, sc->cstime,
		   (long)task_prio(p) - 100, p->nice, s->threads, p->start_time);
}

/* Fields 23-28: sizes and code bounds (startcode/endcode 1 for a reader
 * who may not see them, as Linux does so ps still tells it from a kthread). */
static void stat_mm(struct seq_file *m, struct mm_struct *mm, const struct proc_task_snap *s,
		    bool permitted)
{
	struct mm_sizes sz = { 0 };

	if (mm)
		mm_sizes(mm, &sz);
	seq_printf(m, " %lu %lu %lu %lu %lu %lu", sz.total << PAGE_SHIFT, sz.rss, s->rss_lim,
		   mm ? (permitted ? mm->start_code : 1) : 0,
		   mm ? (permitted ? mm->end_code : 1) : 0,
		   mm && permitted ? mm->start_stack : 0);
}

/* Fields 29-52: esp, eip, signals, wchan, swap, exit signal, CPU,
 * rt_priority and policy, delays, guest time, the data and argument bounds, exit code. */
static void stat_tail(struct seq_file *m, struct task_struct *p, struct mm_struct *mm,
		      const struct proc_task_snap *s, bool whole, bool permitted)
{
	int wchan = permitted && (!whole || s->threads < 2) && p->state != TASK_RUNNING;

	seq_printf(m, " 0 0 %lu %lu %lu %lu %d 0 0 %d %d %u %u 0 0 0",
		   (unsigned long)(p->pending.signal & 0x7fffffff),
		   (unsigned long)(p->blocked & 0x7fffffff), (unsigned long)(s->ign & 0x7fffffff),
		   (unsigned long)(s->catch & 0x7fffffff), wchan, p->exit_signal,
		   task_cpu(p), p->rt_priority, p->policy);
	seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu %d\n",
		   mm ? mm->start_data : 0, mm ? mm->end_data : 0, mm ? mm->start_brk : 0,
		   mm ? mm->arg_start : 0, mm ? mm->arg_end : 0, mm ? mm->env_start : 0,
		   mm ? mm->env_end : 0, permitted ? p->exit_code : 0);
}

static int do_task_stat(struct seq_file *m, struct task_struct *p, bool whole)
{
	bool permitted = proc_may_access(p);
	struct mm_struct *mm = get_task_mm(p);   /* p may exit meanwhile */
	struct proc_task_snap s;

	snap_task(p, whole, &s);
	stat_head(m, p, &s);
	stat_mm(m, mm, &s, permitted);
	stat_tail(m, p, permitted ? mm : NULL, &s, whole, permitted);
	if (mm)
		mmput(mm);
	return 0;
}

int proc_tgid_stat(struct seq_file *m, struct proc_inode *pi)
{
	return do_task_stat(m, pi->task, true);
}

int proc_tid_stat(struct seq_file *m, struct proc_inode *pi)
{
	return do_task_stat(m, pi->task, false);
}

/* size resident shared text lib data dt, in pages; shared is 0 because
 * every resident page is a private copy (task_mmu.c). */
int proc_pid_statm(struct seq_file *m, struct proc_inode *pi)
{
	struct mm_struct *mm = get_task_mm(pi->task);
	struct mm_sizes s = { 0 };

	if (mm) {
		mm_sizes(mm, &s);
		mmput(mm);
	}
	seq_printf(m, "%lu %lu 0 %lu 0 %lu 0\n", s.total, s.rss, s.text, s.data + s.stack);
	return 0;
}

/* --- status ----------------------------------------------------------- */

static void status_ids(struct seq_file *m, struct task_struct *p)
{
	struct files_struct *files = p->files;   /* only tested */
	int umask = -1;

	task_lock(p);                    /* exit_fs lets go of fs under it */
	if (p->fs)
		umask = (int)p->fs->umask;
	task_unlock(p);
	if (umask >= 0)
		seq_printf(m, "Umask:\t%04o\n", umask);
	seq_printf(m, "State:\t%s\n", task_state_names[task_state_index(p)]);
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\nTracerPid:\t0\n",
		   p->tgid, p->pid, ppid_of(p));
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\n", p->uid, p->euid, p->suid, p->euid);
	seq_printf(m, "Gid:\t%u\t%u\t%u\t%u\n", p->gid, p->egid, p->sgid, p->egid);
	seq_printf(m, "FDSize:\t%d\nGroups:\t \n", files ? NR_OPEN_DEFAULT : 0);
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n",
		   p->tgid, p->pid, p->pgid, p->sid);
}

#define KB(pages) ((pages) << (PAGE_SHIFT - 10))

/* The Vm lines, for a task with an address space (Linux's task_mem). No
 * page is ever locked, pinned, swapped or backed by a shared file here. */
static void status_mem(struct seq_file *m, struct mm_struct *mm)
{
	struct mm_sizes s;

	mm_sizes(mm, &s);
	seq_printf(m, "VmSize:\t%8lu kB\nVmLck:\t%8lu kB\nVmPin:\t%8lu kB\n",
		   KB(s.total), 0UL, 0UL);
	seq_printf(m, "VmRSS:\t%8lu kB\nRssAnon:\t%8lu kB\nRssFile:\t%8lu kB\nRssShmem:\t%8lu kB\n",
		   KB(s.rss), KB(s.rss), 0UL, 0UL);
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\nVmLib:\t%8lu kB\n",
		   KB(s.data), KB(s.stack), KB(s.text), KB(s.lib));
	seq_printf(m, "VmPTE:\t%8lu kB\nVmSwap:\t%8lu kB\n", KB(s.ptes), 0UL);
	/* Tasklab's own: TLB shootdowns of this mm that interrupted another
	 * CPU, and the IPIs they sent (asm/tlbflush.h) */
	seq_printf(m, "TlbShootdowns:\t%lu\nTlbShootdownIPIs:\t%lu\n",
		   __atomic_load_n(&mm->tlb_shootdowns, __ATOMIC_RELAXED),
		   __atomic_load_n(&mm->tlb_ipis, __ATOMIC_RELAXED));
}

static void status_signals(struct seq_file *m, struct task_struct *p)
{
	struct proc_task_snap s;

	snap_task(p, false, &s);
	seq_printf(m, "Threads:\t%d\n", s.threads);
	seq_printf(m, "SigQ:\t%d/%lu\n", s.sigq, s.sigq_lim);
	seq_printf(m, "SigPnd:\t%016llx\nShdPnd:\t%016llx\n", p->pending.signal,
		   s.shared_pending);
	seq_printf(m, "SigBlk:\t%016llx\nSigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		   p->blocked, s.ign, s.catch);
}

static void status_caps(struct seq_file *m, struct task_struct *p)
{
	unsigned long long eff = p->euid == 0 ? CAP_FULL_SET : 0;

	seq_printf(m, "CapInh:\t%016llx\nCapPrm:\t%016llx\nCapEff:\t%016llx\n", 0ULL, eff, eff);
	seq_printf(m, "CapBnd:\t%016llx\nCapAmb:\t%016llx\n", CAP_FULL_SET, 0ULL);
	seq_printf(m, "NoNewPrivs:\t0\nSeccomp:\t0\n");
	seq_printf(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n");
	seq_printf(m, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n",
		   p->nvcsw, p->nivcsw);
}

int proc_pid_status(struct seq_file *m, struct proc_inode *pi)
{
	struct task_struct *p = pi->task;
	struct mm_struct *mm = get_task_mm(p);

	seq_puts(m, "Name:\t");
	seq_escape(m, p->comm, "\\");
	seq_putc(m, '\n');
	status_ids(m, p);
	if (mm) {
		status_mem(m, mm);
		mmput(mm);
	}
	status_signals(m, p);
	status_caps(m, p);
	return 0;
}
