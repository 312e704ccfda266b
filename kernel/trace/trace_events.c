/* kernel/trace/trace_events.c: the recorders the trace_* sites call when
 * their event is enabled (include/trace/events.h). Each fills one struct
 * trace_entry with Linux's fields for its event (and Tasklab's extras),
 * names the running task (pid, tgid, comm: the line's TASK-PID column) and
 * writes it to this CPU's ring. Whether an enabled event is written at all
 * is trace_wanted's (tracing_on, set_event_pid). */
#include <kernel.h>
#include <sched.h>
#include <sched/signal.h>
#include <signal_types.h>
#include <mman.h>
#include <asm/ptrace.h>
#include <trace/trace.h>

/* Start an entry of type id about current. */
static void entry_init(struct trace_entry *e, enum trace_event_id id)
{
	const struct task_struct *c = current;

	e->type = id;
	e->pid = c->pid;
	e->tgid = c->tgid;
	memcpy(e->comm, c->comm, TRACE_COMM_LEN);
	e->comm[TRACE_COMM_LEN - 1] = '\0';
}

static bool event_on(enum trace_event_id id)
{
	return trace_events_on & TRACE_BIT(id);
}

/* Linux's prev_state letters: R+ for a task switched out while still
 * runnable (preempted), R for the idle task. */
static const char *switch_state(const struct task_struct *p)
{
	if (p->state == TASK_RUNNING)
		return is_idle_task(p) ? "R" : "R+";
	if (p->state & TASK_INTERRUPTIBLE)
		return "S";
	if (p->state & TASK_UNINTERRUPTIBLE)
		return "D";
	if (p->state & TASK_STOPPED)
		return "T";
	return p->exit_state == EXIT_ZOMBIE ? "Z" : "X";
}

void __trace_sched_switch(struct task_struct *prev, struct task_struct *next, bool cr3)
{
	struct trace_entry e;

	if (!trace_wanted(next))
		return;
	entry_init(&e, TRACE_SCHED_SWITCH);
	memcpy(e.sw.next_comm, next->comm, TRACE_COMM_LEN);
	e.sw.next_comm[TRACE_COMM_LEN - 1] = '\0';
	e.sw.next_pid = next->pid;
	e.sw.next_tgid = next->tgid;
	e.sw.prev_prio = task_prio(prev);
	e.sw.next_prio = task_prio(next);
	strlcpy(e.sw.prev_state, switch_state(prev), sizeof(e.sw.prev_state));
	e.sw.next_kthread = !next->mm;
	e.sw.cr3 = cr3;
	ring_buffer_write(&e);
}

static void task_fields(struct trace_entry *e, const struct task_struct *p)
{
	memcpy(e->task.comm, p->comm, TRACE_COMM_LEN);
	e->task.comm[TRACE_COMM_LEN - 1] = '\0';
	e->task.pid = p->pid;
	e->task.prio = task_prio(p);
	e->task.target_cpu = task_thread_info(p)->cpu;
}

/* A task that was never switched out (no voluntary or involuntary switch
 * counted) has never run: this is its first wake-up, at fork. */
void __trace_sched_wakeup(struct task_struct *p)
{
	enum trace_event_id id = !p->nvcsw && !p->nivcsw ? TRACE_SCHED_WAKEUP_NEW
							    : TRACE_SCHED_WAKEUP;
	struct trace_entry e;

	if (!event_on(id) || !trace_wanted(p))
		return;
	entry_init(&e, id);
	task_fields(&e, p);
	ring_buffer_write(&e);
}

/* The slices are after sched_fork's split (claim c28). */
void __trace_sched_process_fork(struct task_struct *parent, struct task_struct *child,
				unsigned long clone_flags)
{
	struct trace_entry e;

	if (!trace_wanted(child))
		return;
	entry_init(&e, TRACE_SCHED_PROCESS_FORK);
	memcpy(e.fork.child_comm, child->comm, TRACE_COMM_LEN);
	e.fork.child_comm[TRACE_COMM_LEN - 1] = '\0';
	e.fork.child_pid = child->pid;
	e.fork.child_tgid = child->tgid;
	e.fork.clone_flags = clone_flags;
	e.fork.parent_slice = task_slice_left(parent);
	e.fork.child_slice = task_slice_left(child);
	ring_buffer_write(&e);
}

void __trace_sched_process_exec(struct task_struct *p, pid_t old_pid, const char *filename)
{
	struct trace_entry e;

	if (!trace_wanted(NULL))
		return;
	entry_init(&e, TRACE_SCHED_PROCESS_EXEC);
	strlcpy(e.exec.filename, filename, TRACE_STR_LEN);
	e.exec.pid = p->pid;
	e.exec.old_pid = old_pid;
	ring_buffer_write(&e);
}

void __trace_sched_process_exit(struct task_struct *p)
{
	struct trace_entry e;

	if (!trace_wanted(NULL))
		return;
	entry_init(&e, TRACE_SCHED_PROCESS_EXIT);
	task_fields(&e, p);
	ring_buffer_write(&e);
}

/* Linux records current's comm and prio with the pid waited for. */
void __trace_sched_process_wait(pid_t pid)
{
	struct trace_entry e;

	if (!trace_wanted(NULL))
		return;
	entry_init(&e, TRACE_SCHED_PROCESS_WAIT);
	task_fields(&e, current);
	e.task.pid = pid;
	ring_buffer_write(&e);
}

void __trace_sys_enter(long nr, const u32 *args)
{
	struct trace_entry e;

	if (unlikely(strace_pid == current->tgid))
		strace_sys_enter(nr, args);
	if (!event_on(TRACE_SYS_ENTER) || !trace_wanted(NULL))
		return;
	entry_init(&e, TRACE_SYS_ENTER);
	e.sys.nr = nr;
	memcpy(e.sys.args, args, sizeof(e.sys.args));
	ring_buffer_write(&e);
}

void __trace_sys_exit(long nr, long ret)
{
	struct trace_entry e;

	if (unlikely(strace_pid == current->tgid))
		strace_sys_exit(nr, ret);
	if (!event_on(TRACE_SYS_EXIT) || !trace_wanted(NULL))
		return;
	entry_init(&e, TRACE_SYS_EXIT);
	e.sys.nr = nr;
	e.sys.ret = ret;
	ring_buffer_write(&e);
}

/* A user-mode fault's frame is the one at the top of the kernel stack
 * (task_pt_regs): the ip and error code come from it. address is the
 * faulting page's. */
void __trace_page_fault_user(unsigned long address, unsigned int flags, enum fault_kind kind)
{
	const struct pt_regs *regs = task_pt_regs(current);
	struct trace_entry e;

	if (!(flags & FAULT_USER) || !trace_wanted(NULL))
		return;
	entry_init(&e, TRACE_PAGE_FAULT_USER);
	e.fault.address = address;
	e.fault.ip = regs->eip;
	e.fault.error_code = regs->error_code;
	e.fault.kind = kind;
	ring_buffer_write(&e);
}

void __trace_signal_generate(int sig, const struct kernel_siginfo *info,
			     struct task_struct *p, bool group, int res)
{
	struct trace_entry e;

	if (!trace_wanted(p))
		return;
	entry_init(&e, TRACE_SIGNAL_GENERATE);
	e.sig.sig = sig;
	e.sig.errno = info ? info->si_errno : 0;
	e.sig.code = info ? info->si_code : 0;
	memcpy(e.sig.comm, p->comm, TRACE_COMM_LEN);
	e.sig.comm[TRACE_COMM_LEN - 1] = '\0';
	e.sig.pid = p->pid;
	e.sig.grp = group;
	e.sig.res = res;
	ring_buffer_write(&e);
}

void __trace_signal_deliver(int sig, const struct kernel_siginfo *info,
			    const struct k_sigaction *ka)
{
	struct trace_entry e;

	if (!trace_wanted(NULL))
		return;
	entry_init(&e, TRACE_SIGNAL_DELIVER);
	e.sig.sig = sig;
	e.sig.errno = info->si_errno;
	e.sig.code = info->si_code;
	e.sig.sa_handler = ka->handler;
	e.sig.sa_flags = ka->flags;
	ring_buffer_write(&e);
}

void __trace_irq_handler(int irq, const char *name, bool entry)
{
	enum trace_event_id id = entry ? TRACE_IRQ_HANDLER_ENTRY : TRACE_IRQ_HANDLER_EXIT;
	struct trace_entry e;

	if (!trace_wanted(NULL))
		return;
	entry_init(&e, id);
	e.irq.irq = irq;
	e.irq.name = name ? name : "";
	ring_buffer_write(&e);
}

void __trace_ipi_raise(unsigned long target_mask, const char *reason)
{
	struct trace_entry e;

	if (!trace_wanted(NULL))
		return;
	entry_init(&e, TRACE_IPI_RAISE);
	e.ipi.target_mask = target_mask;
	e.ipi.reason = reason;
	ring_buffer_write(&e);
}

void __trace_tlb_flush(enum tlb_flush_reason reason, long pages)
{
	struct trace_entry e;

	if (!trace_wanted(NULL))
		return;
	entry_init(&e, TRACE_TLB_FLUSH);
	e.tlb.pages = pages;
	e.tlb.reason = reason;
	ring_buffer_write(&e);
}
