/* tests/test_trace.c: the tracer (kernel/trace/). /bin/tracee is run with
 * every event on and its entries are checked field by field: each event
 * fires at its site (a fork records the child's pid, tgid and clone flags
 * and the split slices; an exec its filename; a switch between two
 * threads of tracee writes no CR3, one between tracee and its forked child
 * does; the faults' kinds, the signal's generate and deliver, the open's
 * enter and exit, the child's exit and the parent's wait; the timer
 * interrupt); ipi_raise and tlb_flush at a function call, a reschedule
 * and a munmap, with another CPU on the mm when there is one. Entries are
 * looked for on every CPU's ring. A full ring overwrites its oldest
 * entries and counts them; tracefs's files take and refuse input as
 * Linux's (set_event junk is EINVAL, a write longer than a page splits no
 * word, enable takes 0 or 1 only, buffer_size_kb past free memory is
 * ENOMEM, O_TRUNC clears); trace_pipe consumes and wakes a blocked reader,
 * and two readers of one open file get each byte once; the strace decoder
 * names calls, flags and errnos, and strace run on tracee prints its
 * failed open on the console; the boot word trace= takes set_event's words
 * and strace's. Every case leaves the tracer off and its rings at the boot
 * size, so the leak counters stay at baseline. */
#include <kernel.h>
#include <binfmts.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <kthread.h>
#include <ktest.h>
#include <mm.h>
#include <mman.h>
#include <mount.h>
#include <printk.h>
#include <sched.h>
#include <timer.h>
#include <uapi/asm/unistd_32.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/sched.h>
#include <uapi/linux/signal.h>
#include <smp.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <trace/trace.h>
#include "usermm.h"

#define ALL_EVENTS (TRACE_BIT(NR_TRACE_EVENTS) - 1)

/* Everything off and empty, the ring at its boot size. */
static void trace_quiet(void)
{
	strace_pid = 0;
	trace_set_events(ALL_EVENTS | TRACE_BIT(TRACE_STRACE), false);
	tracing_on = true;
	trace_nr_pids = 0;
	if (trace_buffer_kb != 512)
		ring_buffer_resize(512);
	ring_buffer_reset();
}

/* The first entry of cpu's ring from index *idx on that pred takes (with
 * arg), or false; *idx is left after it. */
static bool next_match_on(int cpu, unsigned long *idx,
			  bool (*pred)(const struct trace_entry *, long), long arg,
			  struct trace_entry *e)
{
	while (ring_buffer_peek(cpu, idx, e)) {
		++*idx;
		if (pred(e, arg))
			return true;
	}
	return false;
}

/* The first entry that pred takes on any CPU's ring (CPU 0's first): with
 * smpsched the events land on whichever CPU the task ran. */
static bool find(bool (*pred)(const struct trace_entry *, long), long arg,
		 struct trace_entry *e)
{
	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++) {
		unsigned long idx = per_cpu(trace_rings, cpu).tail;

		if (next_match_on(cpu, &idx, pred, arg, e))
			return true;
	}
	return false;
}

/* How many entries of every ring pred takes; check(t, e) on each. */
static int count_matches(struct ktest *t, bool (*pred)(const struct trace_entry *, long),
			 long arg, void (*check)(struct ktest *t, const struct trace_entry *e))
{
	struct trace_entry e;
	int n = 0;

	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++)
		for (unsigned long idx = per_cpu(trace_rings, cpu).tail;
		     next_match_on(cpu, &idx, pred, arg, &e); n++)
			check(t, &e);
	return n;
}

/* --- /bin/tracee under the tracer -------------------------------------- */

static int tracee_child(void *unused)
{
	static const char *const argv[] = { "/bin/tracee", NULL };
	static const char *const envp[] = { "HOME=/", NULL };
	int err = open_console_fds();

	if (!err)
		err = kernel_execve(argv[0], argv, envp);
	return -err;
}

static pid_t tracee;                      /* its pid in the last run */

/* Run /bin/tracee with every event on (and a few timer ticks after):
 * its pid, after it exited 0. */
static void run_tracee(struct ktest *t)
{
	int status = -1;

	trace_quiet();
	trace_set_events(ALL_EVENTS, true);
	tracee = kernel_thread(tracee_child, NULL, NULL, SIGCHLD);
	KTEST_ASSERT_GT(t, tracee, 0);
	KTEST_ASSERT_EQ(t, kernel_wait(tracee, 0, &status), tracee);
	msleep(30);                      /* timer interrupts, traced */
	trace_set_events(ALL_EVENTS, false);
	KTEST_EXPECT_EQ(t, status, 0);
}

static bool fork_of(const struct trace_entry *e, long child)
{
	return e->type == TRACE_SCHED_PROCESS_FORK && e->fork.child_pid == child;
}

/* A fork by tracee (tgid) of a new process (not a thread). */
static bool tracee_forks_process(const struct trace_entry *e, long tgid)
{
	return e->type == TRACE_SCHED_PROCESS_FORK && e->tgid == tgid &&
	       e->fork.child_tgid == e->fork.child_pid;
}

static bool tracee_forks_thread(const struct trace_entry *e, long tgid)
{
	return e->type == TRACE_SCHED_PROCESS_FORK && e->tgid == tgid &&
	       e->fork.child_tgid == tgid;
}

static void fork_records_child_and_flags(struct ktest *t)
{
	struct trace_entry e;

	run_tracee(t);
	/* kernel_thread's own fork: our flags plus the two it adds */
	KTEST_ASSERT_TRUE(t, find(fork_of, tracee, &e));
	KTEST_EXPECT_EQ(t, e.pid, current->pid);
	KTEST_EXPECT_EQ(t, e.fork.child_tgid, tracee);
	KTEST_EXPECT_EQ(t, e.fork.clone_flags, SIGCHLD | CLONE_VM | CLONE_UNTRACED);
	/* c28: the slice split in two halves, the child's the bigger (as the
	 * split left them: no tick comes between it and the record); or,
	 * under O(1), a parent left with nothing (it had one tick) expires at
	 * once with a new full slice, as 2.6's sched_fork: child 1, parent a
	 * full slice (seen once in a whole run at -smp 4) */
	if (e.fork.child_slice == 1 && e.fork.parent_slice > 1) {
		KTEST_EXPECT_STREQ(t, sched_class_name(), "o1");
		KTEST_EXPECT_EQ(t, e.fork.parent_slice, (long)task_timeslice(current));
	} else {
		KTEST_EXPECT_GE(t, e.fork.child_slice, e.fork.parent_slice);
		KTEST_EXPECT_LE(t, e.fork.child_slice - e.fork.parent_slice, 1);
	}
	/* tracee's fork() and its thread's clone */
	KTEST_ASSERT_TRUE(t, find(tracee_forks_process, tracee, &e));
	KTEST_EXPECT_EQ(t, e.pid, tracee);
	KTEST_EXPECT_EQ(t, e.fork.clone_flags, SIGCHLD);
	KTEST_EXPECT_STREQ(t, e.fork.child_comm, "tracee");
	KTEST_ASSERT_TRUE(t, find(tracee_forks_thread, tracee, &e));
	KTEST_EXPECT_TRUE(t, e.fork.clone_flags & CLONE_THREAD);
	KTEST_EXPECT_TRUE(t, e.fork.clone_flags & CLONE_VM);
	KTEST_EXPECT_NE(t, e.fork.child_pid, tracee);
	trace_quiet();
}

static bool wakeup_new_of(const struct trace_entry *e, long pid)
{
	return e->type == TRACE_SCHED_WAKEUP_NEW && e->task.pid == pid;
}

static bool exec_of(const struct trace_entry *e, long pid)
{
	return e->type == TRACE_SCHED_PROCESS_EXEC && e->pid == pid;
}

static void exec_and_wakeup_new_recorded(struct ktest *t)
{
	struct trace_entry e;

	run_tracee(t);
	KTEST_ASSERT_TRUE(t, find(wakeup_new_of, tracee, &e));
	KTEST_EXPECT_EQ(t, e.task.target_cpu, 0);
	/* Linux's prio: nice 0's 120, moved by O(1)'s interactivity bonus
	 * (at most 5 either way; goodness has none). */
	KTEST_EXPECT_GE(t, e.task.prio, 115);
	KTEST_EXPECT_LE(t, e.task.prio, 125);
	KTEST_ASSERT_TRUE(t, find(exec_of, tracee, &e));
	KTEST_EXPECT_STREQ(t, e.exec.filename, "/bin/tracee");
	KTEST_EXPECT_EQ(t, e.exec.pid, tracee);
	KTEST_EXPECT_EQ(t, e.exec.old_pid, tracee);
	KTEST_EXPECT_STREQ(t, e.comm, "tracee");        /* the new name already */
	trace_quiet();
}

/* A switch between two threads of tracee / from tracee's thread group
 * to another user process (its child). */
static bool thread_switch(const struct trace_entry *e, long tgid)
{
	return e->type == TRACE_SCHED_SWITCH && e->tgid == tgid && e->sw.next_tgid == tgid &&
	       e->pid != e->sw.next_pid;
}

static bool process_switch(const struct trace_entry *e, long tgid)
{
	return e->type == TRACE_SCHED_SWITCH && !e->sw.next_kthread &&
	       (e->tgid == tgid) != (e->sw.next_tgid == tgid) &&
	       (!strcmp(e->comm, "tracee") && !strcmp(e->sw.next_comm, "tracee"));
}

static bool to_kthread(const struct trace_entry *e, long unused)
{
	return e->type == TRACE_SCHED_SWITCH && e->sw.next_kthread;
}

/* c25 in the trace: every thread-to-thread switch says cr3=0, every
 * switch between tracee and its child cr3=1, and both happened. */
static void expect_no_cr3(struct ktest *t, const struct trace_entry *e)
{
	KTEST_EXPECT_EQ(t, e->sw.cr3, 0);
}

static void expect_cr3(struct ktest *t, const struct trace_entry *e)
{
	KTEST_EXPECT_EQ(t, e->sw.cr3, 1);
}

static void switch_records_cr3_write(struct ktest *t)
{
	run_tracee(t);
	/* three yields each way between tracee's threads */
	KTEST_EXPECT_GE(t, count_matches(t, thread_switch, tracee, expect_no_cr3), 2);
	KTEST_EXPECT_GE(t, count_matches(t, process_switch, tracee, expect_cr3), 1);
	/* a switch to a kernel thread borrows the mm: never a CR3 write (c17);
	 * the idle task at least */
	KTEST_EXPECT_GE(t, count_matches(t, to_kthread, 0, expect_no_cr3), 1);
	trace_quiet();
}

static bool open_enter(const struct trace_entry *e, long pid)
{
	return e->type == TRACE_SYS_ENTER && e->pid == pid && e->sys.nr == __NR_open;
}

static bool open_exit(const struct trace_entry *e, long pid)
{
	return e->type == TRACE_SYS_EXIT && e->pid == pid && e->sys.nr == __NR_open;
}

static bool fault_kind(const struct trace_entry *e, long kind)
{
	return e->type == TRACE_PAGE_FAULT_USER && e->fault.kind == kind &&
	       !strcmp(e->comm, "tracee");
}

/* The forked child's write to the page it shares with its parent. */
static bool child_cow_copy(const struct trace_entry *e, long parent)
{
	return fault_kind(e, FAULT_KIND_COW_COPY) && e->tgid != parent;
}

static void syscalls_and_faults_recorded(struct ktest *t)
{
	struct trace_entry e;

	run_tracee(t);
	KTEST_ASSERT_TRUE(t, find(open_enter, tracee, &e));
	KTEST_EXPECT_EQ(t, e.sys.args[1] & O_ACCMODE, O_RDONLY);
	KTEST_ASSERT_TRUE(t, find(open_exit, tracee, &e));
	KTEST_EXPECT_EQ(t, e.sys.ret, -ENOENT);
	KTEST_ASSERT_TRUE(t, find(fault_kind, FAULT_KIND_DEMAND_ZERO, &e));
	KTEST_EXPECT_TRUE(t, e.fault.error_code & 4);          /* a user-mode fault */
	KTEST_EXPECT_LT(t, e.fault.ip, TASK_SIZE);
	KTEST_EXPECT_TRUE(t, find(fault_kind, FAULT_KIND_FILE, &e));       /* its text */
	KTEST_ASSERT_TRUE(t, find(child_cow_copy, tracee, &e));
	KTEST_EXPECT_TRUE(t, e.fault.error_code & 2);          /* a write */
	trace_quiet();
}

static bool sig_event(const struct trace_entry *e, long type)
{
	return e->type == type && e->sig.sig == SIGUSR1;
}

static bool exit_of_child(const struct trace_entry *e, long parent)
{
	return e->type == TRACE_SCHED_PROCESS_EXIT && e->task.pid != parent &&
	       !strcmp(e->task.comm, "tracee") && e->tgid == e->pid;
}

static bool wait_by(const struct trace_entry *e, long pid)
{
	return e->type == TRACE_SCHED_PROCESS_WAIT && e->pid == pid;
}

static bool irq_event(const struct trace_entry *e, long type)
{
	return e->type == type && e->irq.irq == 0;
}

static void signals_exit_wait_irq_recorded(struct ktest *t)
{
	struct trace_entry e;
	pid_t child;

	run_tracee(t);
	KTEST_ASSERT_TRUE(t, find(sig_event, TRACE_SIGNAL_GENERATE, &e));
	KTEST_EXPECT_EQ(t, e.sig.pid, tracee);
	KTEST_EXPECT_EQ(t, e.sig.res, TRACE_SIGNAL_DELIVERED);
	KTEST_ASSERT_TRUE(t, find(sig_event, TRACE_SIGNAL_DELIVER, &e));
	KTEST_EXPECT_EQ(t, e.pid, tracee);
	KTEST_EXPECT_GT(t, e.sig.sa_handler, 1);               /* tracee's own handler */
	KTEST_ASSERT_TRUE(t, find(exit_of_child, tracee, &e));
	child = e.task.pid;
	KTEST_ASSERT_TRUE(t, find(wait_by, tracee, &e));
	KTEST_EXPECT_EQ(t, e.task.pid, child);                 /* waitpid(child) */
	KTEST_ASSERT_TRUE(t, find(irq_event, TRACE_IRQ_HANDLER_ENTRY, &e));
	KTEST_EXPECT_STREQ(t, e.irq.name, "timer");
	KTEST_EXPECT_TRUE(t, find(irq_event, TRACE_IRQ_HANDLER_EXIT, &e));
	trace_quiet();
}

/* --- ipi_raise and tlb_flush (SMP) -------------------------------------- */

/* An IPI the test task raised: the kind's caption and the target mask. */
struct ipi_want {
	const char *reason;
	unsigned long target_mask;
};

static bool ipi_of(const struct trace_entry *e, long want)
{
	const struct ipi_want *w = (const struct ipi_want *)want;

	return e->type == TRACE_IPI_RAISE && e->pid == current->pid &&
	       !strcmp(e->ipi.reason, w->reason) && e->ipi.target_mask == w->target_mask;
}

static bool tlb_flush_of(const struct trace_entry *e, long reason)
{
	return e->type == TRACE_TLB_FLUSH && e->tlb.reason == reason;
}

static void note_ipi(void *hit)
{
	*(int *)hit = smp_processor_id() + 1;
}

/* The other CPU takes mm as a task of mm running there would. */
static void take_mm(void *mm)
{
	switch_mm(this_cpu(cpu_tlbstate).active_mm, mm);
}

static void back_to_init_mm(void *unused)
{
	switch_mm(this_cpu(cpu_tlbstate).active_mm, &init_mm);
	enter_lazy_tlb(&init_mm, current);
}

/* The first online CPU other than cpu, or -1 on one CPU. */
static int cpu_other_than(int cpu)
{
	int other;

	for_each_online_cpu(other)
		if (other != cpu)
			return other;
	return -1;
}

/* ipi_raise: a function call to a CPU (this one too: a self-IPI, so one
 * CPU checks it as well) and a reschedule IPI record the target mask and
 * the kind's caption on the sender's ring. */
static void ipi_raise_recorded(struct ktest *t, int cpu)
{
	struct ipi_want call = { "Function call interrupts", 1UL << cpu };
	struct ipi_want resched = { "Rescheduling interrupts", 1UL << cpu };
	struct trace_entry e;
	int hit = 0;

	ring_buffer_reset();
	KTEST_ASSERT_EQ(t, smp_call_function_single(cpu, note_ipi, &hit, 1), 0);
	KTEST_EXPECT_EQ(t, hit, cpu + 1);
	KTEST_EXPECT_TRUE(t, find(ipi_of, (long)&call, &e));
	KTEST_EXPECT_EQ(t, e.cpu, smp_processor_id());        /* the sender's ring */
	KTEST_EXPECT_FALSE(t, find(ipi_of, (long)&resched, &e));
	smp_send_reschedule(cpu);
	KTEST_EXPECT_TRUE(t, find(ipi_of, (long)&resched, &e));
}

/* tlb_flush: a munmap of one page flushes it here (local mm shootdown,
 * pages:1); with the mm on another CPU too, this CPU records the send
 * (remote ipi send) and an ipi_raise to that CPU alone, and the other
 * CPU its own flush of the page (remote shootdown) on its ring. One CPU:
 * none of those three. */
static void tlb_flush_recorded(struct ktest *t, int other)
{
	unsigned long base = TASK_UNMAPPED_BASE;
	struct ipi_want shootdown = { "TLB shootdowns", other >= 0 ? 1UL << other : 0 };
	struct mm_struct *mm = enter_new_mm();
	struct trace_entry e;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_EQ(t, mmap_region(mm, base, 2 * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0, 0), 0);
	KTEST_EXPECT_TRUE(t, put_u32(base, 1));
	if (other >= 0)
		KTEST_ASSERT_EQ(t, smp_call_function_single(other, take_mm, mm, 1), 0);
	ring_buffer_reset();
	KTEST_ASSERT_EQ(t, do_munmap(mm, base, PAGE_SIZE), 0);
	KTEST_ASSERT_TRUE(t, find(tlb_flush_of, TLB_LOCAL_MM_SHOOTDOWN, &e));
	KTEST_EXPECT_EQ(t, e.tlb.pages, 1);
	KTEST_EXPECT_EQ(t, find(tlb_flush_of, TLB_REMOTE_SEND_IPI, &e), other >= 0);
	KTEST_EXPECT_EQ(t, find(tlb_flush_of, TLB_REMOTE_SHOOTDOWN, &e), other >= 0);
	KTEST_EXPECT_EQ(t, find(ipi_of, (long)&shootdown, &e), other >= 0);
	if (other >= 0) {
		KTEST_ASSERT_TRUE(t, find(tlb_flush_of, TLB_REMOTE_SHOOTDOWN, &e));
		KTEST_EXPECT_EQ(t, e.cpu, other);
		KTEST_EXPECT_EQ(t, e.tlb.pages, 1);
		KTEST_ASSERT_EQ(t, smp_call_function_single(other, back_to_init_mm, NULL, 1), 0);
	}
	leave_test_mm(mm);
}

/* Run on one CPU throughout (the other is named before), so that "this
 * CPU" and "the other" stay what they were. */
static void ipi_and_tlb_flush_recorded(struct ktest *t)
{
	cpumask_t saved = current->cpus_allowed;
	int cpu;

	trace_quiet();
	KTEST_ASSERT_EQ(t, set_cpus_allowed(current, (cpumask_t){ 1UL << smp_processor_id() }), 0);
	cpu = smp_processor_id();
	trace_set_events(TRACE_BIT(TRACE_IPI_RAISE) | TRACE_BIT(TRACE_TLB_FLUSH), true);
	ipi_raise_recorded(t, cpu);
	ipi_raise_recorded(t, cpu_other_than(cpu) >= 0 ? cpu_other_than(cpu) : cpu);
	tlb_flush_recorded(t, cpu_other_than(cpu));
	trace_quiet();
	set_cpus_allowed(current, saved);
}

/* --- the ring ------------------------------------------------------------ */

static void write_exits(long from, long n)
{
	struct trace_entry e = { .type = TRACE_SYS_EXIT };

	for (long i = from; i < from + n; i++) {
		e.sys.nr = i;
		ring_buffer_write(&e);
	}
}

static void full_ring_overwrites_oldest(struct ktest *t)
{
	struct trace_ring *r = &per_cpu(trace_rings, 0);
	unsigned long entries, written, idx;
	struct trace_entry e;
	long slots;

	trace_quiet();
	KTEST_ASSERT_EQ(t, ring_buffer_resize(1), 0);     /* 1 KiB: a few slots */
	slots = r->nr_slots;
	KTEST_ASSERT_GT(t, slots, 2);
	write_exits(0, slots + 5);
	ring_buffer_counts(&entries, &written);
	KTEST_EXPECT_EQ(t, entries, slots);
	KTEST_EXPECT_EQ(t, written, slots + 5);
	KTEST_EXPECT_EQ(t, r->overrun, 5);
	idx = r->tail;
	KTEST_ASSERT_TRUE(t, ring_buffer_peek(0, &idx, &e));
	KTEST_EXPECT_EQ(t, e.sys.nr, 5);                   /* 0..4 are gone */
	idx = r->head - 1;
	KTEST_ASSERT_TRUE(t, ring_buffer_peek(0, &idx, &e));
	KTEST_EXPECT_EQ(t, e.sys.nr, slots + 4);
	idx = 0;                                           /* an overwritten index */
	KTEST_ASSERT_TRUE(t, ring_buffer_peek(0, &idx, &e));
	KTEST_EXPECT_EQ(t, idx, r->tail);
	/* and timestamps increase */
	KTEST_EXPECT_TRUE(t, r->slots[(r->head - 1) % slots].ts > r->slots[r->tail % slots].ts);
	trace_quiet();
	KTEST_EXPECT_EQ(t, trace_buffer_kb, 512);
}

/* --- tracefs ------------------------------------------------------------- */

#define TFS "/mnt"

static struct file *tfs_open(const char *name, unsigned int flags)
{
	char path[96];

	snprintf(path, sizeof(path), TFS "/%s", name);
	return filp_open(root_dentry, root_dentry, path, flags, 0);
}

static ssize_t tfs_write_flags(const char *name, const char *text, unsigned int flags)
{
	struct file *f = tfs_open(name, O_WRONLY | flags);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = *text ? kernel_write(f, text, strlen(text), &pos) : 0;
	fput(f);
	return n;
}

static ssize_t tfs_write(const char *name, const char *text)
{
	return tfs_write_flags(name, text, 0);
}

/* The file's text (NUL-terminated) into buf: its length or -errno. */
static ssize_t tfs_read(const char *name, char *buf, size_t size)
{
	struct file *f = tfs_open(name, O_RDONLY | O_NONBLOCK);
	loff_t pos = 0;
	ssize_t n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, size - 1, &pos);
	fput(f);
	buf[n > 0 ? n : 0] = '\0';
	return n;
}

#define W(name, text) tfs_write(name, text)
#define OK(text) ((ssize_t)strlen(text))

static void set_event_syntax(struct ktest *t)
{
	u32 sched = 0;
	char buf[512];

	for (int i = TRACE_SCHED_SWITCH; i <= TRACE_SCHED_PROCESS_WAIT; i++)
		sched |= TRACE_BIT(i);
	KTEST_EXPECT_EQ(t, W("set_event", "foo\n"), -EINVAL);          /* Linux: EINVAL */
	KTEST_EXPECT_EQ(t, W("set_event", "sched:nosuch"), -EINVAL);
	KTEST_EXPECT_EQ(t, W("set_event", "sched:sched_switch\n"), OK("sched:sched_switch\n"));
	KTEST_EXPECT_EQ(t, trace_events_on, TRACE_BIT(TRACE_SCHED_SWITCH));
	KTEST_EXPECT_EQ(t, tfs_read("set_event", buf, sizeof(buf)), OK("sched:sched_switch\n"));
	KTEST_EXPECT_EQ(t, W("set_event", "!sched:sched_switch"), OK("!sched:sched_switch"));
	KTEST_EXPECT_EQ(t, trace_events_on, 0);
	KTEST_EXPECT_EQ(t, W("set_event", "sched:*"), OK("sched:*"));
	KTEST_EXPECT_EQ(t, trace_events_on, sched);
	KTEST_EXPECT_EQ(t, W("set_event", "irq sys_enter"), OK("irq sys_enter"));
	KTEST_EXPECT_EQ(t, trace_events_on, sched | TRACE_BIT(TRACE_IRQ_HANDLER_ENTRY) |
			   TRACE_BIT(TRACE_IRQ_HANDLER_EXIT) | TRACE_BIT(TRACE_SYS_ENTER));
	KTEST_EXPECT_EQ(t, W("set_event", "*:sys_exit"), OK("*:sys_exit"));
	KTEST_EXPECT_TRUE(t, trace_events_on & TRACE_BIT(TRACE_SYS_EXIT));
	/* `echo x > set_event` opens with O_TRUNC: every event off first */
	KTEST_EXPECT_EQ(t, tfs_write_flags("set_event", "signal", O_TRUNC), OK("signal"));
	KTEST_EXPECT_EQ(t, trace_events_on, TRACE_BIT(TRACE_SIGNAL_GENERATE) |
			   TRACE_BIT(TRACE_SIGNAL_DELIVER));
	KTEST_EXPECT_EQ(t, tfs_write_flags("set_event", "", O_TRUNC), 0);
	KTEST_EXPECT_EQ(t, trace_events_on, 0);
}

/* A set_event write longer than a page: the kernel takes whole words only
 * (a short count up to the last blank before the page's end), and the
 * writer's next write starts at the word that would have been split. One
 * word longer than a page names nothing: EINVAL. */
static void set_event_long_write(struct ktest *t)
{
	static const char word[] = "sched:sched_switch ";      /* 19 bytes */
	static char text[4800];
	struct file *f = tfs_open("set_event", O_WRONLY | O_TRUNC);
	size_t len = 0, want = (PAGE_SIZE - 1) / (sizeof(word) - 1) * (sizeof(word) - 1);
	loff_t pos = 0;
	ssize_t n;

	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	while (len + sizeof(word) < sizeof(text) - 32)
		len += strlcpy(text + len, word, sizeof(text) - len);
	len += strlcpy(text + len, "irq:irq_handler_entry\n", sizeof(text) - len);
	KTEST_ASSERT_GT(t, len, PAGE_SIZE);
	KTEST_ASSERT_NE(t, (PAGE_SIZE - 1) % (sizeof(word) - 1), 0);   /* a page ends mid-word */
	n = kernel_write(f, text, len, &pos);
	KTEST_EXPECT_EQ(t, n, (ssize_t)want);
	KTEST_EXPECT_EQ(t, trace_events_on, TRACE_BIT(TRACE_SCHED_SWITCH));
	if (n > 0)
		KTEST_EXPECT_EQ(t, kernel_write(f, text + n, len - n, &pos), (ssize_t)(len - n));
	KTEST_EXPECT_EQ(t, trace_events_on, TRACE_BIT(TRACE_SCHED_SWITCH) |
			   TRACE_BIT(TRACE_IRQ_HANDLER_ENTRY));
	memset(text, 'x', PAGE_SIZE + 8);
	KTEST_EXPECT_EQ(t, kernel_write(f, text, PAGE_SIZE + 8, &pos), -EINVAL);
	fput(f);
	trace_set_events(ALL_EVENTS, false);
}

static void enable_files(struct ktest *t)
{
	char buf[16];

	KTEST_EXPECT_EQ(t, W("events/sched/sched_switch/enable", "2"), -EINVAL);
	KTEST_EXPECT_EQ(t, W("events/sched/sched_switch/enable", "on"), -EINVAL);
	KTEST_EXPECT_EQ(t, W("events/sched/sched_switch/enable", " 1"), -EINVAL);
	KTEST_EXPECT_EQ(t, W("events/sched/sched_switch/enable", "1\n"), 2);
	KTEST_EXPECT_EQ(t, trace_events_on, TRACE_BIT(TRACE_SCHED_SWITCH));
	tfs_read("events/sched/sched_switch/enable", buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "1\n");
	tfs_read("events/sched/enable", buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "X\n");                     /* some of the group */
	KTEST_EXPECT_EQ(t, W("events/irq/enable", "1"), 1);
	tfs_read("events/irq/enable", buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "1\n");
	KTEST_EXPECT_EQ(t, W("events/enable", "3"), -EINVAL);
	KTEST_EXPECT_EQ(t, W("events/enable", "0"), 1);
	KTEST_EXPECT_EQ(t, trace_events_on, 0);
	tfs_read("events/enable", buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "0\n");
	KTEST_EXPECT_EQ(t, W("events/nosuch/enable", "1"), -ENOENT);
}

static void control_files(struct ktest *t)
{
	unsigned long entries, written;
	char buf[64];

	KTEST_EXPECT_EQ(t, W("tracing_on", "x"), -EINVAL);
	KTEST_EXPECT_EQ(t, W("tracing_on", "0"), 1);
	KTEST_EXPECT_FALSE(t, tracing_on);
	KTEST_EXPECT_EQ(t, W("tracing_on", "5\n"), 2);        /* any non-zero: on */
	KTEST_EXPECT_TRUE(t, tracing_on);
	KTEST_EXPECT_EQ(t, W("buffer_size_kb", "0"), -EINVAL);
	KTEST_EXPECT_EQ(t, W("buffer_size_kb", "-4"), -EINVAL);
	KTEST_EXPECT_EQ(t, W("buffer_size_kb", "8"), 1);
	tfs_read("buffer_size_kb", buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "8\n");
	/* more than free memory holds, over the CPUs' rings: ENOMEM, as Linux;
	 * the rings stay as they were */
	snprintf(buf, sizeof(buf), "%lu", (nr_free_pages() / trace_nr_cpus + 2) * (PAGE_SIZE / 1024));
	KTEST_EXPECT_EQ(t, W("buffer_size_kb", buf), -ENOMEM);
	KTEST_EXPECT_EQ(t, W("buffer_size_kb", "4294967295"), -ENOMEM);   /* bytes overflow */
	tfs_read("buffer_size_kb", buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "8\n");
	KTEST_EXPECT_EQ(t, trace_buffer_kb, 8);
	KTEST_EXPECT_EQ(t, W("set_event_pid", "12 34\n"), 6);
	tfs_read("set_event_pid", buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "12\n34\n");
	KTEST_EXPECT_EQ(t, W("set_event_pid", "abc"), -EINVAL);
	KTEST_EXPECT_EQ(t, tfs_write_flags("set_event_pid", "", O_TRUNC), 0);
	KTEST_EXPECT_EQ(t, trace_nr_pids, 0);
	/* `echo > trace`: O_TRUNC empties the rings; what is written is ignored */
	write_exits(0, 3);
	KTEST_EXPECT_EQ(t, tfs_write_flags("trace", "\n", O_TRUNC), 1);
	ring_buffer_counts(&entries, &written);
	KTEST_EXPECT_EQ(t, entries + written, 0);
	KTEST_EXPECT_EQ(t, W("trace_pipe", "1"), -EINVAL);
	KTEST_EXPECT_EQ(t, W("nosuch", "1"), -ENOENT);
}

/* The text trace shows for known entries: the header's counts and the
 * contract's line. */
static void trace_text(struct ktest *t)
{
	static char buf[1024];
	char want[80];
	struct trace_entry e = { .type = TRACE_SYS_EXIT };

	ring_buffer_reset();
	e.pid = e.tgid = current->pid;
	strlcpy(e.comm, current->comm, sizeof(e.comm));
	e.sys.nr = 4;
	e.sys.ret = -2;
	ring_buffer_write(&e);
	KTEST_ASSERT_GT(t, tfs_read("trace", buf, sizeof(buf)), 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "# tracer: nop\n"));
	snprintf(want, sizeof(want), "entries-in-buffer/entries-written: 1/1   #P:%u\n",
		 trace_nr_cpus);                 /* a ring per CPU the MADT listed */
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, want));
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "] ") && strstr(buf, ": sys_exit: NR 4 = -2\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, e.comm));
	ring_buffer_reset();
}

static void tracefs_files(struct ktest *t)
{
	trace_quiet();
	KTEST_ASSERT_EQ(t, do_mount("nodev", TFS, "tracefs", 0, NULL), 0);
	set_event_syntax(t);
	set_event_long_write(t);
	enable_files(t);
	control_files(t);
	trace_text(t);
	KTEST_EXPECT_EQ(t, do_umount(TFS, 0), 0);
	KTEST_EXPECT_EQ(t, do_mount("nodev", TFS, "tracefs", 0, "mode=700"), -EINVAL);
	trace_quiet();
}

/* --- trace_pipe ---------------------------------------------------------- */

static int late_writer(void *unused)
{
	msleep(30);
	write_exits(42, 1);
	return 0;
}

static void trace_pipe_consumes_and_blocks(struct ktest *t)
{
	char buf[256];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;

	trace_quiet();
	KTEST_ASSERT_EQ(t, do_mount("nodev", TFS, "tracefs", 0, NULL), 0);
	KTEST_EXPECT_EQ(t, tfs_read("trace_pipe", buf, sizeof(buf)), -EAGAIN);
	write_exits(1, 2);
	KTEST_EXPECT_GT(t, tfs_read("trace_pipe", buf, sizeof(buf)), 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "sys_exit: NR 1 = 0\n"));
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "sys_exit: NR 2 = 0\n"));
	KTEST_EXPECT_NULL(t, strstr(buf, "# tracer"));          /* no header */
	KTEST_EXPECT_EQ(t, tfs_read("trace_pipe", buf, sizeof(buf)), -EAGAIN);   /* consumed */
	/* a blocking read waits for the entry another task writes later */
	f = tfs_open("trace_pipe", O_RDONLY);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, SEEK_SET), -ESPIPE);     /* a stream, as Linux's */
	KTEST_ASSERT_GT(t, kernel_thread(late_writer, NULL, "late_writer", SIGCHLD), 0);
	n = kernel_read(f, buf, sizeof(buf) - 1, &pos);
	fput(f);
	KTEST_EXPECT_GT(t, n, 0);
	buf[n > 0 ? n : 0] = '\0';
	KTEST_EXPECT_NOT_NULL(t, strstr(buf, "sys_exit: NR 42 = 0\n"));
	KTEST_EXPECT_GT(t, kernel_wait(-1, 0, NULL), 0);
	KTEST_EXPECT_EQ(t, do_umount(TFS, 0), 0);
	trace_quiet();
}

/* One of two readers of the same open trace_pipe: reads in small pieces
 * until the pipe is empty (O_NONBLOCK: EAGAIN), counting the bytes. */
struct pipe_reader {
	struct file *f;
	size_t got;
};

static int drain_pipe(void *arg)
{
	struct pipe_reader *pr = arg;
	char buf[24];
	loff_t pos = 0;
	ssize_t n;

	while ((n = kernel_read(pr->f, buf, sizeof(buf), &pos)) > 0) {
		pr->got += n;
		yield();                 /* let the other in between */
	}
	return n == -EAGAIN ? 0 : 1;
}

/* The bytes the entries in every ring make as text. */
static size_t rings_text_bytes(void)
{
	static char line[384];
	struct trace_entry e;
	size_t bytes = 0;

	for (unsigned int cpu = 0; cpu < trace_nr_cpus; cpu++)
		for (unsigned long idx = per_cpu(trace_rings, cpu).tail;
		     ring_buffer_peek(cpu, &idx, &e); idx++)
			bytes += trace_format_entry(&e, line, sizeof(line));
	return bytes;
}

/* Two threads read one trace_pipe file at once (its reader state is under
 * the file's lock): together they get every line's bytes exactly once. */
static void trace_pipe_two_readers_one_file(struct ktest *t)
{
	struct pipe_reader a = { 0 }, b = { 0 };
	size_t want;
	int status[2] = { -1, -1 };
	pid_t pa, pb;

	trace_quiet();
	KTEST_ASSERT_EQ(t, do_mount("nodev", TFS, "tracefs", 0, NULL), 0);
	write_exits(1000, 300);
	want = rings_text_bytes();
	a.f = b.f = tfs_open("trace_pipe", O_RDONLY | O_NONBLOCK);
	KTEST_ASSERT_FALSE(t, IS_ERR(a.f));
	pa = kernel_thread(drain_pipe, &a, "pipe_reader", SIGCHLD);
	pb = kernel_thread(drain_pipe, &b, "pipe_reader", SIGCHLD);
	KTEST_EXPECT_GT(t, pa, 0);
	KTEST_EXPECT_GT(t, pb, 0);
	KTEST_EXPECT_EQ(t, kernel_wait(pa, 0, &status[0]), pa);
	KTEST_EXPECT_EQ(t, kernel_wait(pb, 0, &status[1]), pb);
	fput(a.f);
	KTEST_EXPECT_EQ(t, status[0] | status[1], 0);
	KTEST_EXPECT_GT(t, want, 300 * 20);
	KTEST_EXPECT_EQ(t, a.got + b.got, want);
	ktest_log(t, "%lu bytes: %lu and %lu", (unsigned long)want, (unsigned long)a.got,
		  (unsigned long)b.got);
	KTEST_EXPECT_TRUE(t, ring_buffer_empty());
	KTEST_EXPECT_EQ(t, do_umount(TFS, 0), 0);
	trace_quiet();
}

/* --- strace -------------------------------------------------------------- */

static void strace_decodes_calls(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	static const char path[] = "/etc/passwd";
	char buf[160];
	u32 args[6] = { 0 };
	long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = get_unmapped_area(mm, 0, PAGE_SIZE);
	KTEST_ASSERT_GT(t, a, 0);
	KTEST_ASSERT_EQ(t, mmap_region(mm, a, PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0, 0), 0);
	KTEST_ASSERT_EQ(t, copy_to_user((void *)a, path, sizeof(path)), 0);
	args[0] = a;
	args[1] = O_RDONLY;
	strace_format(__NR_open, args, -ENOENT, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "open(\"/etc/passwd\", O_RDONLY) = -1 ENOENT");
	args[1] = O_WRONLY | O_CREAT | O_TRUNC;
	args[2] = 0644;
	strace_format(__NR_open, args, 3, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "open(\"/etc/passwd\", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 3");
	args[0] = 1;
	args[1] = a;
	args[2] = 4;
	strace_format(__NR_write, args, 4, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "write(1, \"/etc\", 4) = 4");
	args[0] = 9;
	strace_format(__NR_close, args, -EBADF, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "close(9) = -1 EBADF");
	strace_format(__NR_getpid, args, 5, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "getpid() = 5");
	args[0] = a;                     /* page-aligned: no O_CREAT bit in the pointer */
	args[1] = 0755;
	strace_format(__NR_mkdir, args, 0, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "mkdir(\"/etc/passwd\", 0755) = 0");
	args[0] = 0;                                    /* a bad pointer: its value */
	strace_format(__NR_chdir, args, -EFAULT, buf, sizeof(buf));
	KTEST_EXPECT_STREQ(t, buf, "chdir(NULL) = -1 EFAULT");
	KTEST_EXPECT_STREQ(t, errno_name(ENOENT), "ENOENT");
	KTEST_EXPECT_NULL(t, errno_name(4000));
	leave_test_mm(mm);
}

/* A call whose text outgrows strace's line (control bytes escaped four
 * to one, every open flag, the widest fd) is cut inside the buffer: the
 * bytes after it stay as they were. A string of exactly 32 bytes is shown
 * whole, without strace's "..." (that marks a cut string). */
static void strace_long_call_stays_in_buffer(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	struct { char buf[200]; char guard[256]; } out;
	char s[41];
	u32 args[6] = { 0 };
	size_t i;
	long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = get_unmapped_area(mm, 0, PAGE_SIZE);
	KTEST_ASSERT_GT(t, a, 0);
	KTEST_ASSERT_EQ(t, mmap_region(mm, a, PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0, 0), 0);
	memset(s, '\001', sizeof(s) - 1);
	s[sizeof(s) - 1] = '\0';
	KTEST_ASSERT_EQ(t, copy_to_user((void *)a, s, sizeof(s)), 0);
	memset(&out, 'G', sizeof(out));
	args[0] = 0x80000000u;
	args[1] = a;
	args[2] = 0xffffffffu;                  /* every flag, then the unnamed bits */
	args[3] = 0777;
	strace_format(__NR_openat, args, -ENOENT, out.buf, sizeof(out.buf));
	KTEST_EXPECT_LT(t, strnlen(out.buf, sizeof(out.buf)), sizeof(out.buf));
	for (i = 0; i < sizeof(out.guard) && out.guard[i] == 'G'; i++)
		;
	KTEST_EXPECT_EQ(t, i, sizeof(out.guard));      /* nothing written past buf */
	KTEST_EXPECT_NOT_NULL(t, strstr(out.buf, "openat(-2147483648, \"\\1\\1"));
	memset(s, 'x', 32);
	s[32] = '\0';
	KTEST_ASSERT_EQ(t, copy_to_user((void *)a, s, 33), 0);
	args[0] = a;
	strace_format(__NR_chdir, args, 0, out.buf, sizeof(out.buf));
	KTEST_EXPECT_STREQ(t, out.buf, "chdir(\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\") = 0");
	s[32] = 'y';
	KTEST_ASSERT_EQ(t, copy_to_user((void *)a, s, 33), 0);
	strace_format(__NR_chdir, args, 0, out.buf, sizeof(out.buf));
	KTEST_EXPECT_STREQ(t, out.buf, "chdir(\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"...) = 0");
	leave_test_mm(mm);
}

/* strace for real: tracee's failed open, printed on the console. */
static int straced_tracee(void *unused)
{
	strace_pid = current->tgid;
	trace_set_events(TRACE_BIT(TRACE_STRACE), true);
	return tracee_child(NULL);
}

static void strace_prints_a_process_calls(struct ktest *t)
{
	u32 since = log_head;
	char want[96];
	pid_t pid;
	int status = -1;

	trace_quiet();
	pid = kernel_thread(straced_tracee, NULL, NULL, SIGCHLD);
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_ASSERT_EQ(t, kernel_wait(pid, 0, &status), pid);
	KTEST_EXPECT_EQ(t, status, 0);
	snprintf(want, sizeof(want), "[pid %d] open(\"/nonexistent\", O_RDONLY|O_LARGEFILE)"
		 " = -1 ENOENT\n", pid);
	KTEST_EXPECT_TRUE(t, log_contains(since, want));
	snprintf(want, sizeof(want), "[pid %d] exit_group(0) = ?\n", pid);
	KTEST_EXPECT_TRUE(t, log_contains(since, want));
	snprintf(want, sizeof(want), "[pid %d] write(1, \"tracee: done\\n\", 13) = 13\n", pid);
	KTEST_EXPECT_TRUE(t, log_contains(since, want));
	trace_quiet();
}

/* The boot word's syntax: set_event's words, plus strace's. */
static void trace_boot_word(struct ktest *t)
{
	char words[] = "sched_switch,irq,nosuch,syscalls,pid=123";

	trace_quiet();
	KTEST_EXPECT_EQ(t, trace_boot_words(words), 1);          /* "nosuch" */
	KTEST_EXPECT_EQ(t, trace_events_on, TRACE_BIT(TRACE_SCHED_SWITCH) |
			   TRACE_BIT(TRACE_IRQ_HANDLER_ENTRY) | TRACE_BIT(TRACE_IRQ_HANDLER_EXIT) |
			   TRACE_BIT(TRACE_STRACE));
	KTEST_EXPECT_EQ(t, strace_pid, 123);
	trace_quiet();
	KTEST_EXPECT_EQ(t, strace_pid, 0);
}

static const struct ktest_case trace_cases[] = {
	KTEST_CASE(fork_records_child_and_flags),
	KTEST_CASE(exec_and_wakeup_new_recorded),
	KTEST_CASE(switch_records_cr3_write),
	KTEST_CASE(syscalls_and_faults_recorded),
	KTEST_CASE(signals_exit_wait_irq_recorded),
	KTEST_CASE(ipi_and_tlb_flush_recorded),
	KTEST_CASE(full_ring_overwrites_oldest),
	KTEST_CASE(tracefs_files),
	KTEST_CASE(trace_pipe_consumes_and_blocks),
	KTEST_CASE(trace_pipe_two_readers_one_file),
	KTEST_CASE(strace_decodes_calls),
	KTEST_CASE(strace_long_call_stays_in_buffer),
	KTEST_CASE(strace_prints_a_process_calls),
	KTEST_CASE(trace_boot_word),
	{}
};
KTEST_SUITE(trace, trace_cases);
