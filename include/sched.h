/* include/sched.h: struct task_struct, the one object behind every process,
 * thread and kernel thread (seed claims c01, c07, c24), and the scheduler's
 * interface: schedule(), wake_up_process(), the run queue, the task list and
 * `current`.
 *
 * Where a task lives:
 *   - its task_struct comes from the "task_struct" slab cache (kernel/fork.c);
 *   - its thread_info and kernel stack share one 8 KiB block
 *     (include/asm/thread_info.h), p->stack points at it;
 *   - it is on the task list (anchored at init_task, p->tasks), in the pid hash,
 *     on its parent's children list (p->sibling), and on the run queue while
 *     runnable (p->run_list).
 *
 * Preemption (2.4 style): the kernel is not preemptible. A task running kernel
 * code keeps the CPU until it blocks, calls schedule(), or returns to user
 * mode; the timer tick and wake-ups only set TIF_NEED_RESCHED, which is acted
 * on when an interrupt or system call returns to user mode and in the idle
 * loop (kernel code that loops long calls schedule() or yield() itself).
 * thread_info->preempt_count stays 0:
 * nothing reads it until kernel preemption is wanted.
 * Shared structures are guarded by named locks (include/lock_order.h).
 */
#ifndef TASKLAB_SCHED_H
#define TASKLAB_SCHED_H

#include <types.h>
#include <uapi/linux/sched.h>   /* clone() flags */
#include <uapi/linux/signal.h>  /* SIGCHLD, fork's exit signal */
#include <list.h>
#include <wait.h>
#include <asm/thread_info.h>
#include <asm/processor.h>
#include <asm/segment.h>
#include <smp.h>
#include <cpumask.h>
#include <signal_types.h>
#include <lockdep.h>
#include <spinlock.h>

struct mm_struct;
struct fs_struct;
struct files_struct;
struct sighand_struct;
struct signal_struct;
struct kthread;
struct user_struct;
struct completion;
struct pt_regs;
struct prio_array;

/* p->state */
#define TASK_RUNNING          0
#define TASK_INTERRUPTIBLE    1
#define TASK_UNINTERRUPTIBLE  2
#define TASK_STOPPED          4      /* job control: SIGCONT or SIGKILL wakes */
#define TASK_DEAD             64     /* did its last schedule(); reap pending */

/* p->exit_state */
#define EXIT_ZOMBIE           16
#define EXIT_DEAD             32     /* being released by its reaper */

/* p->flags */
#define PF_IDLE               0x00000002   /* a CPU's idle task: init_task, swapper/N */
#define PF_EXITING            0x00000004
#define PF_KTHREAD            0x00200000   /* created by kernel_thread() */
#define PF_USED_MATH          0x00002000   /* has an FPU state in thread.fpu */
#define PF_UMOUNT_LOOKUP      0x00004000   /* Tasklab's: umount2 looking its target
					      up (not a use of the mounts crossed) */

#define TASK_COMM_LEN         16

/* The 2.4 scheduler's time slice, in ticks: 6 ticks (60 ms) at nice 0,
 * more for negative nice, fewer for positive (NICE_TO_TICKS in 2.4). */
#define NICE_TO_TICKS(nice)   ((((20 - (nice)) >> 2) + 1) * HZ / 100)
#define MAX_COUNTER           (20 * HZ / 100)
/* The O(1) scheduler's ceiling on sleep_avg, in ticks (1 s): a task with
 * this much is the most interactive (bonus +5). */
#define MAX_SLEEP_AVG         (HZ)

struct task_struct {
	/* Scheduling: guarded by the lock of the task's run queue, taken with
	 * interrupts off (wake-ups come from interrupt handlers too):
	 * kernel/sched/sched.h. */
	volatile long state;              /* TASK_* */
	struct thread_info *stack;        /* the 8 KiB block (thread_info + stack) */
	unsigned int flags;               /* PF_* */
	int usage;                        /* references to this struct (get/put) */
	struct list_head run_list;        /* on the run queue while runnable */
	long nice;                        /* -20..19 (set_user_nice) */
	unsigned int policy;              /* SCHED_OTHER, SCHED_FIFO, SCHED_RR */
	unsigned int rt_priority;         /* 1..99 for FIFO and RR, else 0 */
	bool sched_reset_on_fork;         /* a child starts SCHED_OTHER, nice >= 0 */
	/* The 2.4 scheduler's (kernel/sched/goodness.c): */
	long counter;                     /* ticks left in this epoch; for a */
	unsigned long epoch_seen;         /* sleeper, as of epoch_seen */
	/* The O(1) scheduler's (kernel/sched/o1.c), Linux 2.6's names: */
	int prio, static_prio;            /* dynamic and nice priority, 0..139 */
	struct prio_array *array;         /* active or expired, while queued */
	unsigned int time_slice;          /* ticks left of the slice */
	bool first_time_slice;            /* still on the slice fork gave it */
	unsigned long sleep_avg;          /* ticks, 0..MAX_SLEEP_AVG: the bonus */
	unsigned long timestamp;          /* jiffies it last slept or woke */
	unsigned long last_ran;           /* jiffies it last left a CPU */
	/* SMP (kernel/sched/core.c): the CPUs p may run on (sched_setaffinity),
	 * and on_cpu, 1 from the moment a CPU picks p until the switch away
	 * from p has finished on that CPU (finish_task_switch): a task runs on
	 * one CPU at a time, and no other CPU may pick or move it before its
	 * registers are saved. Its CPU is task_thread_info(p)->cpu. */
	cpumask_t cpus_allowed;
	int on_cpu;

	/* Address space (c12, c17): mm == NULL for kernel threads, which borrow
	 * the previous task's mm as active_mm (lazy TLB). */
	struct mm_struct *mm, *active_mm;

	/* Identity (c07). Set at fork; pgid/sid change by setpgid/setsid later. */
	pid_t pid, tgid, pgid, sid;
	/* Credentials (kernel/sys_cred.c), per task as in Linux 2.6: real,
	 * effective (checked for privilege: root is euid 0) and saved ids,
	 * and the filesystem ids that file permission checks use (they
	 * follow the effective ids; setfsuid moves them alone). user is the
	 * record of the real uid (include/sched/user.h). */
	unsigned int uid, euid, suid, fsuid;
	unsigned int gid, egid, sgid, fsgid;
	struct user_struct *user;
	struct group_info *group_info;    /* supplementary groups (include/cred.h) */
	struct task_struct *real_parent;  /* who forked us (or init after reparenting) */
	struct task_struct *parent;       /* who gets our exit status */
	struct task_struct *group_leader; /* thread group leader (c01); ourself if none */
	struct list_head thread_group;    /* ring of every thread of our group (no
					   * anchor: the leader is one member) */
	struct list_head children;        /* our children, linked by their sibling */
	struct list_head sibling;         /* in our parent's children list */
	struct list_head tasks;           /* the global task list, from init_task */
	struct list_head pid_chain;       /* pid hash bucket */
	struct pid *thread_pid;           /* our struct pid once a pidfd named us
					   * (include/pid.h), else NULL */

	/* Shared or copied at fork by CLONE_FS / CLONE_FILES / CLONE_SIGHAND.
	 * alloc_lock (task_lock) guards the files pointer against exit_files
	 * for another task's reader (pidfd_getfd, /proc/<pid>/fd). */
	spinlock_t alloc_lock;
	struct fs_struct *fs;
	struct files_struct *files;
	struct sighand_struct *sighand;
	struct signal_struct *signal;

	/* Signals (kernel/signal.c): this thread's own pending set (tkill,
	 * faults), its blocked mask, the mask sigsuspend restores, the mask
	 * rt_sigtimedwait lifted for its wait (0 otherwise), and the
	 * alternate signal stack (sigaltstack; size 0: none). */
	struct sigpending pending;
	sigset_t blocked, saved_sigmask, real_blocked;
	unsigned long sas_ss_sp, sas_ss_size;
	/* How restart_syscall (0) goes on with a call a signal interrupted
	 * (-ERESTART_RESTARTBLOCK) when no handler ran: nanosleep, poll
	 * and a futex wait with a timeout sleep on to the same end. fn
	 * NULL: nothing to restart (EINTR). */
	struct restart_block {
		long (*fn)(struct restart_block *);
		unsigned long expires;        /* the jiffies the sleep ends at */
		union {
			struct {
				u32 urem;     /* where the time left goes */
				bool time64;  /* in the 64-bit timespec layout */
			} nanosleep;
			struct {
				u32 uaddr, val, bitset;
				bool private;
			} futex;
			struct {
				u32 ufds;     /* poll's arguments again */
				unsigned int nfds;
				bool has_timeout;   /* else: no end */
			} poll;
		};
	} restart_block;

	/* Exit: exit_code is the value do_exit() got; the parent sleeps on its
	 * own wait_chldexit for any child to become a zombie. */
	int exit_state;                   /* 0, EXIT_ZOMBIE, EXIT_DEAD */
	int exit_code;
	int exit_signal;                  /* signal to the parent at exit, -1: none */
	int pdeath_signal;                /* prctl: sent to us when our parent
					   * thread exits (0: none; not inherited) */
	bool no_new_privs;                /* prctl: set for good, inherited */
	u32 set_child_tid;                /* CLONE_CHILD_SETTID: the new task writes
					   * its tid there when it first runs */
	u32 clear_child_tid;              /* CLONE_CHILD_CLEARTID, set_tid_address:
					   * zeroed and futex-woken at exit */
	struct wait_queue_head wait_chldexit;

	/* Accounting for the task listing (c16), /proc and getrusage
	 * (include/sched/cputime.h). */
	unsigned long start_time;         /* jiffies at fork */
	unsigned long utime, stime;       /* ticks spent in user / kernel mode */
	unsigned long nvcsw, nivcsw;      /* voluntary / involuntary switches */
	unsigned long min_flt, maj_flt;   /* page faults resolved (no I/O / with) */

	struct kthread *kthread;          /* kthread_create() bookkeeping, or NULL */
	struct completion *vfork_done;    /* a vfork parent waits on it (mm_release) */
	char comm[TASK_COMM_LEN];         /* name, no path */
	struct thread_struct thread;      /* CPU state while switched out */
	struct task_lockdep lockdep;      /* locks held, for the lock checker */
};

/* The task running on this CPU: found from %esp (asm/thread_info.h). */
static inline struct task_struct *get_current(void)
{
	return current_thread_info()->task;
}
#define current get_current()

/* PID 0: the first task, on init_thread_union; the idle task after boot. */
extern struct task_struct init_task;
#define task_thread_info(p)  ((p)->stack)
/* The CPU p runs on, or last ran on (/proc's stat shows it). */
#define task_cpu(p)          (task_thread_info(p)->cpu)
#define task_stack_page(p)   ((void *)(p)->stack)
#define end_of_stack(p)      end_of_stack_ti(task_thread_info(p))

#define for_each_process(p) \
	for (p = &init_task; (p = list_entry((p)->tasks.next, struct task_struct, tasks)) != &init_task; )

/* Thread groups (c01): a ring through thread_group, one entry per thread.
 * for_each_thread(g, t) visits every thread of g's group, g first. */
static inline struct task_struct *next_thread(const struct task_struct *p)
{
	return list_entry(p->thread_group.next, struct task_struct, thread_group);
}
static inline bool thread_group_leader(const struct task_struct *p) { return p->group_leader == p; }
static inline bool thread_group_empty(const struct task_struct *p) { return list_empty(&p->thread_group); }
/* A leader that exited before its threads: a zombie wait4 must not report
 * until the whole group is gone (Linux's delay_group_leader). */
static inline bool delay_group_leader(const struct task_struct *p)
{
	return thread_group_leader(p) && !thread_group_empty(p);
}
#define for_each_thread(g, t) \
	for (t = (g); t; t = next_thread(t) == (g) ? NULL : next_thread(t))

static inline bool is_kernel_thread(const struct task_struct *p) { return p->flags & PF_KTHREAD; }
static inline bool is_idle_task(const struct task_struct *p) { return p->flags & PF_IDLE; }

static inline void set_tsk_need_resched(struct task_struct *p) { set_ti_thread_flag(task_thread_info(p), TIF_NEED_RESCHED); }
static inline void clear_tsk_need_resched(struct task_struct *p) { clear_ti_thread_flag(task_thread_info(p), TIF_NEED_RESCHED); }
static inline bool need_resched(void) { return test_ti_thread_flag(current_thread_info(), TIF_NEED_RESCHED); }

/* A full barrier after the store (xchg, as Linux's smp_store_mb): the
 * sleeper's later test of its condition must not pass the store, or a
 * waker on another CPU could set the condition, see the task still
 * running, skip the wake-up, and the sleeper sleep for ever. */
#define set_current_state(s)  __atomic_store_n(&current->state, (s), __ATOMIC_SEQ_CST)
#define __set_current_state(s) (current->state = (s))

/* Back to TASK_RUNNING and off the queue w joined (prepare_to_wait), if a
 * wake-up did not already take it off. A waker takes the entry off
 * (list_del_init) under the lock: an entry whose both links point at
 * itself is off for good, and needs no lock (Linux's list_empty_careful:
 * a half-done removal on another CPU leaves the two links different).
 * Inline: after a wake-up (every sleep) that is a store and two tests. */
static inline void finish_wait(struct wait_queue_head *q, struct wait_queue_entry *w)
{
	__set_current_state(TASK_RUNNING);
	if (READ_ONCE(w->entry.next) != &w->entry || READ_ONCE(w->entry.prev) != &w->entry)
		__finish_wait(q, w);
}

/* Interrupt context: inside a hardware interrupt handler (arch do_irq, the
 * local APIC's smp_apic_interrupt), counted per CPU: another CPU's handler
 * does not make this CPU's code interrupt context. */
extern int hardirq_depth[NR_CPUS];
#define in_interrupt()        (this_cpu(hardirq_depth) > 0)

/* CPU cpu's idle task, swapper/cpu (kernel/fork.c): ERR_PTR(-ENOMEM) on failure. */
struct task_struct *fork_idle(int cpu);
/* Name p: name cut to TASK_COMM_LEN - 1 bytes, the rest of comm zeroed. */
void set_task_comm(struct task_struct *p, const char *name);
void get_task_struct(struct task_struct *p);
/* Guards the task list, parentage and the pid hash (kernel/fork.c). */
extern rwlock_t tasklist_lock;
void put_task_struct(struct task_struct *p);
/* Linux's task_lock: p's alloc_lock (include/lock_order.h). */
static inline void task_lock(struct task_struct *p) { spin_lock(&p->alloc_lock); }
static inline void task_unlock(struct task_struct *p) { spin_unlock(&p->alloc_lock); }

/* kernel/sched/core.c */
void sched_init(void);
void schedule(void);
/* Make p runnable; returns true if it was not already. Safe in interrupts. */
bool wake_up_process(struct task_struct *p);
bool wake_up_state(struct task_struct *p, long state);
fastcall bool __wake_up_state(struct task_struct *p, long state);   /* interrupts off */
void scheduler_tick(bool user_tick);
void schedule_tail(struct task_struct *prev);
void sched_fork(struct task_struct *p);
/* p is being reaped (release_task): its unused first slice goes back. */
void sched_exit(struct task_struct *p);
bool task_on_runqueue(const struct task_struct *p);
/* The policy running ("o1" or "goodness", from sched=). */
const char *sched_class_name(void);
/* Switch the running policy ("o1", "goodness"): 0 or -EINVAL. */
int sched_switch_class(const char *name);
/* What listings show of p's scheduling (kernel/sched/core.c): its
 * priority on Linux 2.6's 0..139 scale (dynamic under O(1)), the static
 * one from nice, and the ticks left of its slice. */
int task_prio(const struct task_struct *p);
int task_static_prio(const struct task_struct *p);
long task_slice_left(const struct task_struct *p);
/* The full slice p gets now, in ticks (0 for SCHED_FIFO). */
unsigned int task_timeslice(const struct task_struct *p);
/* Change p's nice / policy and real-time priority (checked by the caller),
 * and requeue p as the policy ranks it now. */
void set_user_nice(struct task_struct *p, long nice);
void sched_setscheduler_nocheck(struct task_struct *p, unsigned int policy,
				unsigned int rt_priority, bool reset_on_fork);
/* The 2.4 scheduler's own (kernel/sched/goodness.c): goodness() is how
 * much it wants p after a task using this_mm; p->counter brought up to
 * date for the epochs p slept through. */
int goodness(struct task_struct *p, struct mm_struct *this_mm);
/* The same as CPU cpu sees it: on SMP, PROC_CHANGE_PENALTY more for a
 * task that last ran on cpu (2.4's i386 value: 15 ticks' worth). */
#define PROC_CHANGE_PENALTY 15
int goodness_on(struct task_struct *p, int cpu, struct mm_struct *this_mm);
long task_counter(const struct task_struct *p);
void set_task_counter(struct task_struct *p, long counter);
void yield(void);
/* Called by the trap exit when returning to user mode: reschedule if asked. */
void exit_to_user_mode(struct pt_regs *regs);
void cpu_idle(void) __noreturn;
/* Linux's set_cpus_allowed: p runs only on mask's CPUs from now on (moved
 * by migration/N if it runs elsewhere); 0 or -EINVAL (no online CPU in
 * mask). Process context. kernel/sched/balance.c. */
int set_cpus_allowed(struct task_struct *p, cpumask_t mask);
/* A new kernel thread, not yet woken, runs on cpu only. */
void kthread_bind(struct task_struct *k, int cpu);
/* migration/N for each online CPU (boot, more than one CPU). */
void migration_init(void);
/* One CPU's scheduler counters (kernel/sched/core.c), for tests and the
 * monitor: switches by kind there (c25 per CPU), tasks pulled to it by
 * balancing, moved to it by migration/N, woken from another CPU. */
struct sched_cpu_stats {
	unsigned long nr_running, nr_switches, switches_new_mm, switches_same_mm;
	unsigned long switches_to_kthread, nr_pulled, nr_migrated, nr_wake_remote;
};
void sched_get_cpu_stats(int cpu, struct sched_cpu_stats *s);
/* The CPUs that run tasks now (every online one with smpsched, else 0). */
unsigned int sched_nr_cpus(void);
/* Is an exited task still on a CPU, on its way to its last switch (its mm
 * not yet given back), or a CPU past that switch still dropping the task
 * or a borrowed mm (finish_task_switch, after the run queue's lock)? For
 * the self-tests' leak counters: with tasks on every CPU, a zombie may be
 * reaped before it has left its CPU. */
bool sched_exit_in_flight(void);

/* True unless booted with nosmpsched: every online CPU runs tasks (else
 * CPU 0 alone; kernel/sched/core.c says why). */
extern bool smp_sched_enabled;
/* A CPU came online (the CPU itself, after set_cpu_online): the scheduler
 * notes whether tasks may now run on more than one CPU. */
void sched_cpu_online(void);
/* Tasks may run on more than one CPU (smpsched and a second CPU online).
 * While false every task runs on one CPU and the kernel is not
 * preemptible, so between two instructions of a task no other task runs:
 * the fast paths use that (kernel/sched/core.c says where). */
extern bool sched_smp_active;
/* CPU cpu's queue gets its idle task (before the CPU starts). */
void init_idle(struct task_struct *idle, int cpu);
void check_stack_end(struct task_struct *p);
/* Closer than this to the end of its stack, a task taking a trap panics. */
#define STACK_WARN_BYTES 512
void check_stack_depth(struct task_struct *p, unsigned long esp);
void init_task_stack_end(void);
unsigned long nr_running(void);   /* runnable tasks, all CPUs */

/* Scheduler statistics of all CPUs together, read by the self-tests and
 * benchmarks as differences. Plain increments (two CPUs may lose one),
 * where the tests that need exact counts per CPU read the run queues'
 * (sched_cpu_stats: each under its queue's lock). */
struct sched_stats {
	unsigned long context_switches;   /* every prev != next switch */
	unsigned long cr3_writes;         /* every load of CR3 by switch_mm */
	unsigned long epochs;             /* counter recalculations (goodness) */
	unsigned long array_swaps;        /* active/expired swaps (O(1)) */
	unsigned long recalc_steps;       /* catch-up steps task_counter() took */
	unsigned long fpu_traps;          /* #NM: lazy FPU restores */
	unsigned long fpu_saves;          /* fxsave at switch-out */
};
extern struct sched_stats sched_stats;

/* kernel/fork.c */
extern int nr_threads, max_threads;
extern unsigned long total_forks;               /* tasks made by do_fork since boot */
extern struct kmem_cache *task_struct_cachep;   /* c06: task_structs come from here */
int set_max_threads(long n);
/* What a new task is made with beyond its first frame (Linux's struct
 * kernel_clone_args): the flags, and user addresses used only when their
 * flag is set. fork, vfork and kernel threads set flags alone; clone fills
 * the addresses, clone3 (kernel/sys_proc.c) every field. */
struct kernel_clone_args {
	u64 flags;                        /* CLONE_* (clone3's 64 bits), the exit
					   * signal in CSIGNAL */
	unsigned long stack;              /* child's user esp; 0: the parent's */
	u32 parent_tid;                   /* CLONE_PARENT_SETTID */
	u32 child_tid;                    /* CLONE_CHILD_SETTID / _CLEARTID */
	u32 tls;                          /* CLONE_SETTLS: a struct user_desc */
	u32 pidfd;                        /* CLONE_PIDFD: where the pidfd's number goes */
	const pid_t *set_tid;             /* clone3: the pid the child must have, */
	size_t set_tid_size;              /* if set_tid_size is 1 (0: any) */
	const char *name;                 /* the child's comm; NULL: the parent's */
};
/* The one entry that makes a task (contract in kernel/fork.c): the child's
 * pid, or -errno. */
long do_fork(const struct kernel_clone_args *args, struct pt_regs *regs);
/* A new kernel thread running fn(arg), called name from its creation on
 * (NULL: its parent's name, as a fork's child); its pid or -errno. */
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags);
void fork_init(void);

/* kernel/exit.c */
void do_exit(long code) __noreturn;
/* End every thread of current's group with code (exit_group, a fatal
 * signal); the first caller's code is the group's. */
void do_group_exit(long code) __noreturn;
/* kernel/signal.c: SIGKILL to every other thread of p's group, woken even
 * from a stop; each then leaves through get_signal() and do_group_exit
 * (with the group's code when SIGNAL_GROUP_EXIT is set). Returns how many
 * were told. */
int zap_other_threads(struct task_struct *p);
/* Unlink a dead task p (a reaped zombie, a thread reaping itself, a leader
 * replaced by an execing thread) and drop the reaper's reference. */
void release_task(struct task_struct *p);
/* Wait for a child to exit: pid > 0 that one, -1 any, 0 any in current's
 * process group, < -1 any in group -pid (as wait4). WNOHANG: return 0 at
 * once when none has. Returns the reaped pid, 0, -ECHILD, or -EINTR when a
 * fatal signal came (the sleep is interruptible). */
#include <uapi/linux/wait.h>   /* WNOHANG */
pid_t kernel_wait(pid_t pid, int options, int *status);
/* What wait4 and waitid ask (Linux's struct wait_opts) and what they get. */
enum pid_type { PIDTYPE_PID, PIDTYPE_PGID, PIDTYPE_MAX };   /* MAX: any child */
struct rusage32;
struct wait_opts {
	enum pid_type type;
	pid_t pid;                        /* the child, or the process group */
	int flags;                        /* WEXITED, WSTOPPED, WCONTINUED, WNOHANG,
					   * WNOWAIT, __WCLONE, __WALL, __WNOTHREAD */
	struct rusage32 *rusage;          /* if not NULL: the child's, filled */
	/* out, for the child reported: */
	pid_t pid_found;
	unsigned int uid;
	int status;                       /* its wait status word (wait4's) */
	int cause;                        /* CLD_STOPPED, CLD_CONTINUED, or
					   * CLD_EXITED for an end (see the status) */
};
/* The wait both calls share: the pid reported (reaped unless WNOWAIT), 0
 * (WNOHANG, none ready), -ECHILD (no child matches), or -ERESTARTSYS
 * when a signal came first. With __WCLONE only children whose exit
 * signal is not SIGCHLD are seen (without it, only the others; __WALL:
 * all), with __WNOTHREAD only the caller's own, not its group's. */
pid_t do_wait(struct wait_opts *wo);
/* wait4's pid (> 0 that child, -1 any, 0 the caller's process group,
 * < -1 group -pid) and options into wo; -ESRCH for INT_MIN, as Linux. */
int wait4_opts(pid_t pid, int options, struct wait_opts *wo);
extern unsigned long nr_zombies;
/* Has current a child that exited and awaits reaping? */
bool has_zombie_child(void);

/* kernel/pid.c */
struct task_struct *find_task_by_pid(pid_t pid);

/* arch/i386/process.c and switch_to.asm */
__attribute__((regparm(3)))   /* arguments in eax, edx, ecx */
struct task_struct *switch_to_asm(struct thread_struct *prev, struct thread_struct *next,
				  struct task_struct *last);
/* fastcall, as Linux i386: prev and next arrive in eax and edx. */
__attribute__((regparm(2))) void __switch_to(struct task_struct *prev, struct task_struct *next);
void copy_thread(struct task_struct *p, struct pt_regs *regs);
void kernel_thread_regs(struct pt_regs *regs, int (*fn)(void *), void *arg);
void prepare_to_copy(struct task_struct *parent);
void exit_thread(struct task_struct *p);
/* The user-mode register frame at the top of p's kernel stack. */
struct pt_regs *task_pt_regs(struct task_struct *p);
/* Make regs return to user mode at eip with stack esp (exec). */
void start_thread(struct pt_regs *regs, u32 eip, u32 esp);
/* TLS descriptors (arch/i386/tls.c): into the GDT at each switch; exec
 * clears them. */
void load_TLS(struct task_struct *next);
/* set_thread_area's work for task p (current, or a child being made):
 * can_allocate lets entry_number -1 pick a free slot (CLONE_SETTLS may not). */
int do_set_thread_area(struct task_struct *p, u32 u_info, bool can_allocate);
void clear_TLS(struct task_struct *p);
/* kernel/signal.c: an interruptible sleep ends early (-EINTR or
 * -ERESTARTSYS) when signal_pending; a killable one when
 * fatal_signal_pending (SIGKILL is pending: the task is dying). */
static inline bool signal_pending(struct task_struct *p)
{
	return test_ti_thread_flag(task_thread_info(p), TIF_SIGPENDING);
}
bool fatal_signal_pending(struct task_struct *p);
void math_state_restore(void);
void fpu_init(void);
bool fpu_save_current(void);
void fpu_drop_current(void);

/* kernel/main.c */
void rest_init(void) __noreturn;
extern struct task_struct *kthreadd_task;

/* kernel/ps.c: the task listing (c16) */
int format_task_line(struct task_struct *p, char *buf, size_t size);
void show_tasks(void);
/* kernel/sched/debug.c: the monitor's q: policies, priorities, slices, queues */
void show_sched_tasks(void);

#endif
