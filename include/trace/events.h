/* include/trace/events.h: the trace events (Linux's tracepoints, a subset)
 * and the one line of C each costs at its site. Every event has a bit in
 * trace_events_on; a site is an inline call such as
 *
 *   trace_sched_switch(prev, next, cr3_written);
 *
 * which tests that bit and, only when it is set, calls the out-of-line
 * recorder (kernel/trace/trace_events.c). Off, the cost is one load, one
 * test and one branch the CPU predicts (Linux's static keys patch even that
 * away; a teaching kernel keeps the branch and says so). The bit is set by
 * tracefs (events/<group>/<event>/enable, set_event) or the boot word
 * trace=<events>; tracing_on and set_event_pid decide in the recorder
 * whether an enabled event is written to the ring (kernel/trace/).
 *
 * An event's fields, and its text, are Linux's (the trace-format contract in
 * kernel/trace/trace_output.c), with Tasklab's extras appended. */
#ifndef TASKLAB_TRACE_EVENTS_H
#define TASKLAB_TRACE_EVENTS_H

#include <types.h>

struct task_struct;
struct kernel_siginfo;
struct k_sigaction;

/* The events, in the order tracefs lists them within their group. */
enum trace_event_id {
	TRACE_SCHED_SWITCH,
	TRACE_SCHED_WAKEUP,
	TRACE_SCHED_WAKEUP_NEW,
	TRACE_SCHED_PROCESS_FORK,
	TRACE_SCHED_PROCESS_EXEC,
	TRACE_SCHED_PROCESS_EXIT,
	TRACE_SCHED_PROCESS_WAIT,
	TRACE_SYS_ENTER,
	TRACE_SYS_EXIT,
	TRACE_PAGE_FAULT_USER,
	TRACE_SIGNAL_GENERATE,
	TRACE_SIGNAL_DELIVER,
	TRACE_IRQ_HANDLER_ENTRY,
	TRACE_IRQ_HANDLER_EXIT,
	TRACE_IPI_RAISE,
	TRACE_TLB_FLUSH,
	NR_TRACE_EVENTS
};

/* page_fault_user's kind= (Tasklab's addition to Linux's fields). */
enum fault_kind {
	FAULT_KIND_DEMAND_ZERO,
	FAULT_KIND_COW_COPY,
	FAULT_KIND_COW_REUSE,
	FAULT_KIND_FILE,
	FAULT_KIND_STACK_GROW,
};

/* tlb_flush's reason (Linux's enum tlb_flush_reason, the values its
 * trace prints in parentheses). A CR3 write at a task switch is Linux's
 * TLB_FLUSH_ON_TASK_SWITCH; Tasklab shows it as sched_switch's cr3=1 and
 * records no tlb_flush for it (the switch path stays one test lighter). */
enum tlb_flush_reason {
	TLB_FLUSH_ON_TASK_SWITCH,
	TLB_REMOTE_SHOOTDOWN,            /* a CPU flushed for another's IPI */
	TLB_LOCAL_SHOOTDOWN,
	TLB_LOCAL_MM_SHOOTDOWN,          /* the CPU changing the mm flushed its own */
	TLB_REMOTE_SEND_IPI,             /* the sender, before it sends the IPIs */
};
#define TLB_FLUSH_ALL_PAGES (-1L)        /* tlb_flush's pages: the whole TLB */

/* The bit after the events': strace= follows a process (trace_syscalls.c). */
#define TRACE_STRACE NR_TRACE_EVENTS

/* Bit n: event n is enabled. Guarded by trace_lock for writers; the sites
 * read it without a lock (a stale bit costs one event, recorded or not). */
extern u32 trace_events_on;

#define TRACE_BIT(id) (1u << (id))
static inline bool trace_event_enabled(u32 bits)
{
	return unlikely(trace_events_on & bits);
}

/* The recorders (kernel/trace/trace_events.c), called only when enabled. */
void __trace_sched_switch(struct task_struct *prev, struct task_struct *next, bool cr3);
void __trace_sched_wakeup(struct task_struct *p);
void __trace_sched_process_fork(struct task_struct *parent, struct task_struct *child,
				unsigned long clone_flags);
void __trace_sched_process_exec(struct task_struct *p, pid_t old_pid, const char *filename);
void __trace_sched_process_exit(struct task_struct *p);
void __trace_sched_process_wait(pid_t pid);
void __trace_sys_enter(long nr, const u32 *args);
void __trace_sys_exit(long nr, long ret);
void __trace_page_fault_user(unsigned long address, unsigned int flags, enum fault_kind kind);
void __trace_signal_generate(int sig, const struct kernel_siginfo *info,
			     struct task_struct *p, bool group, int res);
void __trace_signal_deliver(int sig, const struct kernel_siginfo *info,
			    const struct k_sigaction *ka);
void __trace_irq_handler(int irq, const char *name, bool entry);
void __trace_ipi_raise(unsigned long target_mask, const char *reason);
void __trace_tlb_flush(enum tlb_flush_reason reason, long pages);

/* sched_switch: prev leaves the CPU for next; cr3: switch_mm wrote CR3. */
static inline void trace_sched_switch(struct task_struct *prev, struct task_struct *next,
				      bool cr3)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SCHED_SWITCH)))
		__trace_sched_switch(prev, next, cr3);
}

/* sched_wakeup, or sched_wakeup_new for a task that never ran yet. */
static inline void trace_sched_wakeup(struct task_struct *p)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SCHED_WAKEUP) | TRACE_BIT(TRACE_SCHED_WAKEUP_NEW)))
		__trace_sched_wakeup(p);
}

static inline void trace_sched_process_fork(struct task_struct *parent,
					    struct task_struct *child, unsigned long flags)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SCHED_PROCESS_FORK)))
		__trace_sched_process_fork(parent, child, flags);
}

static inline void trace_sched_process_exec(struct task_struct *p, pid_t old_pid,
					    const char *filename)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SCHED_PROCESS_EXEC)))
		__trace_sched_process_exec(p, old_pid, filename);
}

static inline void trace_sched_process_exit(struct task_struct *p)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SCHED_PROCESS_EXIT)))
		__trace_sched_process_exit(p);
}

/* sched_process_wait: current starts waiting for pid (0: any child). */
static inline void trace_sched_process_wait(pid_t pid)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SCHED_PROCESS_WAIT)))
		__trace_sched_process_wait(pid);
}

/* Is either system call event (or strace) on? do_syscall's one test. */
static inline bool trace_syscalls_enabled(void)
{
	return trace_event_enabled(TRACE_BIT(TRACE_SYS_ENTER) | TRACE_BIT(TRACE_SYS_EXIT) |
				   TRACE_BIT(TRACE_STRACE));
}

/* sys_enter: args are the six argument registers, ebx first. The strace
 * decoder (kernel/trace/trace_syscalls.c) rides on the same bits. */
static inline void trace_sys_enter(long nr, const u32 *args)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SYS_ENTER) | TRACE_BIT(TRACE_STRACE)))
		__trace_sys_enter(nr, args);
}

static inline void trace_sys_exit(long nr, long ret)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SYS_EXIT) | TRACE_BIT(TRACE_STRACE)))
		__trace_sys_exit(nr, ret);
}

/* page_fault_user: flags are the fault's FAULT_* (only FAULT_USER ones are
 * recorded: a kernel access to user memory is Linux's page_fault_kernel). */
static inline void trace_page_fault_user(unsigned long address, unsigned int flags,
					 enum fault_kind kind)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_PAGE_FAULT_USER)))
		__trace_page_fault_user(address, flags, kind);
}

/* signal_generate: res is Linux's TRACE_SIGNAL_* result below. */
enum {
	TRACE_SIGNAL_DELIVERED,
	TRACE_SIGNAL_IGNORED,
	TRACE_SIGNAL_ALREADY_PENDING,
	TRACE_SIGNAL_OVERFLOW_FAIL,
	TRACE_SIGNAL_LOSE_INFO,
};

static inline void trace_signal_generate(int sig, const struct kernel_siginfo *info,
					 struct task_struct *p, bool group, int res)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SIGNAL_GENERATE)))
		__trace_signal_generate(sig, info, p, group, res);
}

static inline void trace_signal_deliver(int sig, const struct kernel_siginfo *info,
					const struct k_sigaction *ka)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_SIGNAL_DELIVER)))
		__trace_signal_deliver(sig, info, ka);
}

static inline void trace_irq_handler_entry(int irq, const char *name)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_IRQ_HANDLER_ENTRY)))
		__trace_irq_handler(irq, name, true);
}

static inline void trace_irq_handler_exit(int irq)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_IRQ_HANDLER_EXIT)))
		__trace_irq_handler(irq, NULL, false);
}

/* ipi_raise: this CPU sends an IPI to the CPUs of target_mask; reason is
 * the kind's caption in /proc/interrupts ("Rescheduling interrupts"). */
static inline void trace_ipi_raise(unsigned long target_mask, const char *reason)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_IPI_RAISE)))
		__trace_ipi_raise(target_mask, reason);
}

/* tlb_flush: this CPU flushes pages of its TLB (TLB_FLUSH_ALL_PAGES: all
 * of the user half), or sends the IPIs that make others do it. */
static inline void trace_tlb_flush(enum tlb_flush_reason reason, long pages)
{
	if (trace_event_enabled(TRACE_BIT(TRACE_TLB_FLUSH)))
		__trace_tlb_flush(reason, pages);
}

/* Boot (start_kernel, interrupts on): allocate the rings, calibrate the
 * TSC against the PIT, apply trace=, register tracefs. */
void trace_init(void);

#endif
