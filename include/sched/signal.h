/* include/sched/signal.h: signal handlers and the per-process signal state,
 * and the signal interface the rest of the kernel uses (kernel/signal.c,
 * kernel/sighand.c, kernel/kill.c, arch/i386/signal.c).
 *
 * sighand_struct (the action table) is shared by CLONE_SIGHAND or copied;
 * signal_struct (per thread group: the shared pending set, group stop and
 * exit state, the controlling terminal, rlimits) is shared by CLONE_THREAD
 * or new, and a new one inherits the terminal and the rlimits from the
 * parent's (pgid and sid are in task_struct and come with the copied task).
 * Each thread has its own pending set and blocked mask (task_struct).
 * TIF_SIGPENDING in thread_info says "something unblocked is pending, or the
 * group is stopping or exiting": the return to user mode tests only that. */
#ifndef TASKLAB_SCHED_SIGNAL_H
#define TASKLAB_SCHED_SIGNAL_H

#include <types.h>
#include <spinlock.h>
#include <posix-timers.h>
#include <resource.h>
#include <signal_types.h>
#include <sched/cputime.h>
#include <uapi/linux/signal.h>

struct task_struct;
struct tty_struct;
struct core_state;
struct pt_regs;
struct syscall_count_chunk;

#define _NSIG 64
/* signal_struct.syscall_counts: NR_syscalls (450) in chunks of 32. */
#define SYSCALL_COUNT_CHUNKS 15

#define SIG_DFL SIG_DFL_VALUE
#define SIG_IGN SIG_IGN_VALUE

static inline sigset_t sigmask(int sig) { return 1ULL << (sig - 1); }
static inline bool valid_signal(int sig) { return sig >= 1 && sig <= _NSIG; }
/* The signals nobody may catch, block or ignore. */
#define SIG_KERNEL_ONLY_MASK (sigmask(SIGKILL) | sigmask(SIGSTOP))

struct k_sigaction {
	unsigned long handler;            /* SIG_DFL 0, SIG_IGN 1, or a user address */
	unsigned long flags;              /* SA_* */
	unsigned long restorer;           /* SA_RESTORER: where the handler returns */
	sigset_t mask;                    /* blocked while the handler runs */
};

/* Guarded by siglock (interrupts off): count, action[], and the signal
 * state of every task sharing it: each one's pending queue, the group's
 * shared_pending and group stop. */
struct sighand_struct {
	spinlock_t siglock;
	int count;                        /* tasks sharing the table */
	struct k_sigaction action[_NSIG];
};

/* signal_struct flags */
#define SIGNAL_STOP_STOPPED   0x1     /* the group is stopped (job control) */
#define SIGNAL_STOP_CONTINUED 0x2     /* SIGCONT since; wait4 not told yet */
#define SIGNAL_GROUP_EXIT     0x4     /* exit_group or a fatal signal: every
				       * thread ends, with group_exit_code */
#define SIGNAL_CLD_CONTINUED  0x8     /* SIGCONT since; the parent not told yet:
				       * the first thread back in get_signal
				       * tells it (Linux's SIGNAL_CLD_CONTINUED) */

struct signal_struct {
	int count;                        /* tasks referring to it (atomic) */
	int live;                         /* threads of the group not yet in do_exit
					   * (atomic: the last one out finds the group dead) */
	int group_exit_code;              /* exit status, or the stop signal */
	unsigned int flags;               /* SIGNAL_* */
	int group_stop_count;             /* threads still to stop in a group stop */
	struct sigpending shared_pending; /* kill() and other group-directed signals */
	struct task_struct *group_exec_task;   /* de_thread: the thread execing,
					   * woken as each other thread goes */
	struct core_state *core_state;    /* a core dump in progress (fs/coredump.c) */
	struct tty_struct *tty;           /* controlling terminal, or NULL */
	struct rlimit rlim[RLIM_NLIMITS];
	pid_t leader_pid;                 /* the process's pid (an exec keeps it) */
	bool is_child_subreaper;          /* prctl: adopts its descendants' orphans */
	struct signal_cputime times;      /* include/sched/cputime.h */
	struct signal_timers timers;      /* include/posix-timers.h */
	/* The OOM killer's bias (include/oom.h), and the lowest value root
	 * set (a user may not go below it); both inherited by fork. */
	short oom_score_adj, oom_score_adj_min;
	/* System calls made, per number (include/syscall_counts.h), and a
	 * bit per chunk made (so the exit frees those without a scan). */
	struct syscall_count_chunk *syscall_counts[SYSCALL_COUNT_CHUNKS];
	u16 syscall_chunks_made;
};

extern struct sighand_struct init_sighand;
extern struct signal_struct init_signal;

struct kmem_cache;
extern struct kmem_cache *sighand_cachep, *signal_cachep, *sigqueue_cachep;
bool signal_caches_init(void);
/* Share or copy by flag into p; 0 or -ENOMEM. copy_sighand also gives p an
 * empty pending set of its own (the blocked mask is inherited). */
int copy_sighand(unsigned long clone_flags, struct task_struct *p);
int copy_signal(unsigned long clone_flags, struct task_struct *p);
/* Drop p's references (the last frees); exit_sighand also flushes p's own
 * pending queue, exit_signal the shared one with the last reference.
 * exit_sighand runs in do_exit, except for a leader whose threads run on:
 * it keeps the handler table until release_task (as Linux's
 * __exit_signal), so a signal sent to the process through the zombie
 * leader (kill, a process group) still reaches them. */
void exit_sighand(struct task_struct *p);
/* do_exit: p's own queue goes now (nothing more is delivered to p). */
void flush_signals_on_exit(struct task_struct *p);
/* exec: a private copy of shared handlers; 0 or -ENOMEM. */
int unshare_sighand(struct task_struct *p);
void exit_signal(struct task_struct *p);

/* kernel/signal.c (signal_pending, fatal_signal_pending: include/sched.h) */
/* Queue sig for one thread (tkill) or for p's whole group (kill); 0 or
 * -EAGAIN (a real-time signal that could not be queued). Sends nothing to
 * a task whose action ignores sig. */
int send_sig_info(int sig, struct kernel_siginfo *info, struct task_struct *p, bool group);
/* A signal from the kernel (SI_KERNEL) to thread p (SIGPIPE to a writer). */
void send_sig(int sig, struct task_struct *p);
/* sig to every process of group pgrp (kernel/kill.c): priv, from the kernel
 * (a terminal's signals: SI_KERNEL, no permission check); else as kill()
 * from current. 0 if one was signalled, else -ESRCH or -EPERM. kill_pgrp
 * walks the task list under tasklist_lock (read); __kill_pgrp_info is for
 * a caller that holds it already (exit_notify, for writing). */
int kill_pgrp(pid_t pgrp, int sig, int priv);
int __kill_pgrp_info(pid_t pgrp, int sig, int priv);
/* kernel/exit.c: has current's process group no member with a parent in
 * another group of the same session (POSIX's orphaned process group)? */
bool is_current_pgrp_orphaned(void);
/* Deliver a synchronous fault to current, unblocked and not ignored. */
void force_sig_fault(int sig, int code, u32 addr);
void force_sig(int sig);
/* A handler could not be entered: SIGSEGV, fatal if that is what failed. */
void force_sigsegv(int sig);
/* TIF_SIGPENDING to match current's pending sets; siglock held. */
void recalc_sigpending(void);
/* Take one pending signal outside mask off current's sets: its number and
 * siginfo, or 0. */
int dequeue_signal(sigset_t mask, struct kernel_siginfo *info);
/* Free every queued record and clear the set. */
void flush_sigqueue(struct sigpending *pending);
void set_current_blocked(sigset_t newset);
/* TIF_RESTORE_SIGMASK (sigsuspend): set, or test and clear (interrupts
 * off around the flags word, which the tick also writes). */
void set_restore_sigmask(void);
bool test_and_clear_restore_sigmask(void);
void flush_signals(struct task_struct *p);
/* Drop pending instances of sig anywhere in p's group. */
void discard_group_signal(struct task_struct *p, int sig);
/* SIGCHLD, SIGCONT, SIGURG, SIGWINCH: ignored when left at SIG_DFL. */
bool sig_ignored_by_default(int sig);
/* exec: handlers back to SIG_DFL (SIG_IGN stays), alternate stack gone. */
void flush_signal_handlers(struct task_struct *p);
/* At exit: tell the parent (exit_signal, normally SIGCHLD). True when the
 * parent ignores SIGCHLD or set SA_NOCLDWAIT: nobody will wait, reap now. */
bool do_notify_parent(struct task_struct *tsk, int sig);
/* For wait4 and waitid (WSTOPPED/WCONTINUED): a stop or continue of child
 * p not yet reported: CLD_STOPPED or CLD_CONTINUED with its wait status in
 * *status, the report consumed unless WNOWAIT; 0 when there is none. */
int wait_task_stopped_or_continued(struct task_struct *p, int options, int *status);
/* The CLD_* code and si_status of an exit's wait status (SIGCHLD's
 * siginfo, waitid). */
static inline int cld_code(int code, int *si_status)
{
	if (!(code & 0x7f)) {
		*si_status = (code >> 8) & 0xff;
		return CLD_EXITED;
	}
	*si_status = code & 0x7f;
	return (code & 0x80) ? CLD_DUMPED : CLD_KILLED;
}

/* A POSIX timer's record, embedded in the timer (kernel/posix-timers.c):
 * charged to current's user like any queued record (RLIMIT_SIGPENDING:
 * -EAGAIN past it); released with the timer, taken off `pending` (where
 * it was sent) if still queued there. sigqueue_cancel only takes it off
 * (the signal's bit goes too unless another instance is pending). */
int sigqueue_init_prealloc(struct sigqueue *q);
void sigqueue_release_prealloc(struct sigqueue *q, struct sigpending *pending);
void sigqueue_cancel(struct sigqueue *q, struct sigpending *pending);
/* Queue that record on p (group: p's process) for count expiries (count
 * - 1 overruns) unless the signal is ignored: 1; 0 when not queued. If it
 * is still queued, the count is added to its overruns instead: -1. All
 * under p's siglock, where delivery takes the record off and reads its
 * overruns (Linux's send_sigqueue). */
int send_sigqueue(struct sigqueue *q, struct task_struct *p, bool group, unsigned int count);

/* stack_t of the i386 ABI (sigaltstack, ucontext's uc_stack). */
struct user_stack {
	u32 ss_sp;
	int ss_flags;
	u32 ss_size;
};
/* Is sp on current's alternate signal stack? */
bool on_sig_stack(u32 sp);
/* sigaltstack's work, sp being the user stack pointer: 0 or -errno. */
int do_sigaltstack(const struct user_stack *ss, struct user_stack *oss, u32 sp);

/* The signal get_signal() chose for a handler, and its action as it was. */
struct ksignal {
	int sig;
	struct k_sigaction ka;
	struct kernel_siginfo info;
};
/* Dequeue signals, running default actions (exit, stop, ignore) until one
 * has a handler: true with *ksig filled, or false when none is left. */
bool get_signal(struct ksignal *ksig);
/* A handler frame was built: block ka.mask (and sig unless SA_NODEFER). */
void signal_delivered(struct ksignal *ksig);

/* kernel/sys_prctl.c: t's parent thread is exiting (current): send t's
 * prctl PR_SET_PDEATHSIG signal to its process. */
void send_pdeath_signal(struct task_struct *t);

/* arch/i386/signal.c: called on the way to user mode with TIF_SIGPENDING. */
void do_signal(struct pt_regs *regs);

/* p's handlers with their siglock held (interrupts off, *flags saved), or
 * NULL once p has released them at exit (kernel/signal.c). */
struct sighand_struct *lock_task_sighand(struct task_struct *p, unsigned long *flags);
void unlock_task_sighand(struct sighand_struct *sh, unsigned long flags);

#endif
