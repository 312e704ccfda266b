/* kernel/trace/trace_output.c: an entry as text, in Linux ftrace's format
 * (options/irq-info off, options/record-tgid on), the interface the host
 * tools (make trace) and a Linux trace parser read:
 *
 *               sh-5       (      5) [000]    12.345678: sched_switch: prev_comm=sh ...
 *
 * comm-pid, tgid, CPU, seconds.microseconds since boot, the event's name,
 * then its fields: Linux's own, in Linux's order, with Tasklab's additions
 * appended as more key=value pairs (next_tgid, next_kthread and cr3 on a
 * switch; child_tgid, clone_flags and the split slices on a fork; kind on
 * a page fault), so a parser written for Linux still reads every line. The
 * idle task is `<idle>-0`, its tgid `-------`, as Linux prints them. */
#include <kernel.h>
#include <trace/trace.h>

static const char *const fault_kinds[] = {
	[FAULT_KIND_DEMAND_ZERO] = "demand_zero",
	[FAULT_KIND_COW_COPY] = "cow_copy",
	[FAULT_KIND_COW_REUSE] = "cow_reuse",
	[FAULT_KIND_FILE] = "file",
	[FAULT_KIND_STACK_GROW] = "stack_grow",
};

/* Linux's TLB_FLUSH_REASON strings. */
static const char *const tlb_flush_reasons[] = {
	[TLB_FLUSH_ON_TASK_SWITCH] = "flush on task switch",
	[TLB_REMOTE_SHOOTDOWN] = "remote shootdown",
	[TLB_LOCAL_SHOOTDOWN] = "local shootdown",
	[TLB_LOCAL_MM_SHOOTDOWN] = "local mm shootdown",
	[TLB_REMOTE_SEND_IPI] = "remote ipi send",
};

static int sched_fields(const struct trace_entry *e, char *buf, size_t size)
{
	switch (e->type) {
	case TRACE_SCHED_SWITCH:
		return snprintf(buf, size, "prev_comm=%s prev_pid=%d prev_prio=%d prev_state=%s"
				" ==> next_comm=%s next_pid=%d next_prio=%d next_tgid=%d"
				" next_kthread=%d cr3=%d", e->comm, e->pid, e->sw.prev_prio,
				e->sw.prev_state, e->sw.next_comm, e->sw.next_pid,
				e->sw.next_prio, e->sw.next_tgid, e->sw.next_kthread, e->sw.cr3);
	case TRACE_SCHED_WAKEUP:
	case TRACE_SCHED_WAKEUP_NEW:
		return snprintf(buf, size, "comm=%s pid=%d prio=%d target_cpu=%03d", e->task.comm,
				e->task.pid, e->task.prio, e->task.target_cpu);
	case TRACE_SCHED_PROCESS_FORK:
		return snprintf(buf, size, "comm=%s pid=%d child_comm=%s child_pid=%d"
				" child_tgid=%d clone_flags=0x%lx parent_slice=%ld child_slice=%ld",
				e->comm, e->pid, e->fork.child_comm, e->fork.child_pid,
				e->fork.child_tgid, e->fork.clone_flags, e->fork.parent_slice,
				e->fork.child_slice);
	case TRACE_SCHED_PROCESS_EXEC:
		return snprintf(buf, size, "filename=%s pid=%d old_pid=%d", e->exec.filename,
				e->exec.pid, e->exec.old_pid);
	default:                         /* exit, wait */
		return snprintf(buf, size, "comm=%s pid=%d prio=%d", e->task.comm, e->task.pid,
				e->task.prio);
	}
}

int trace_format_fields(const struct trace_entry *e, char *buf, size_t size)
{
	const u32 *a = e->sys.args;

	switch (e->type) {
	case TRACE_SYS_ENTER:
		return snprintf(buf, size, "NR %ld (%lx, %lx, %lx, %lx, %lx, %lx)", e->sys.nr,
				(unsigned long)a[0], (unsigned long)a[1], (unsigned long)a[2],
				(unsigned long)a[3], (unsigned long)a[4], (unsigned long)a[5]);
	case TRACE_SYS_EXIT:
		return snprintf(buf, size, "NR %ld = %ld", e->sys.nr, e->sys.ret);
	case TRACE_PAGE_FAULT_USER:
		return snprintf(buf, size, "address=0x%lx ip=0x%lx error_code=0x%lx kind=%s",
				e->fault.address, e->fault.ip, e->fault.error_code,
				fault_kinds[e->fault.kind]);
	case TRACE_SIGNAL_GENERATE:
		return snprintf(buf, size, "sig=%d errno=%d code=%d comm=%s pid=%d grp=%d res=%d",
				e->sig.sig, e->sig.errno, e->sig.code, e->sig.comm, e->sig.pid,
				e->sig.grp, e->sig.res);
	case TRACE_SIGNAL_DELIVER:
		return snprintf(buf, size, "sig=%d errno=%d code=%d sa_handler=%lx sa_flags=%lx",
				e->sig.sig, e->sig.errno, e->sig.code, e->sig.sa_handler,
				e->sig.sa_flags);
	case TRACE_IRQ_HANDLER_ENTRY:
		return snprintf(buf, size, "irq=%d name=%s", e->irq.irq, e->irq.name);
	case TRACE_IRQ_HANDLER_EXIT:
		return snprintf(buf, size, "irq=%d ret=handled", e->irq.irq);
	case TRACE_IPI_RAISE:            /* Linux's bitmap: 32 bits a group */
		return snprintf(buf, size, "target_mask=%08lx (%s)", e->ipi.target_mask,
				e->ipi.reason);
	case TRACE_TLB_FLUSH:
		return snprintf(buf, size, "pages:%ld reason:%s (%d)", e->tlb.pages,
				tlb_flush_reasons[e->tlb.reason], e->tlb.reason);
	default:
		return sched_fields(e, buf, size);
	}
}

int trace_format_entry(const struct trace_entry *e, char *buf, size_t size)
{
	u64 us = trace_clock_us(e->ts);
	unsigned long secs = (unsigned long)(us / 1000000), usecs = (unsigned long)(us % 1000000);
	char tgid[8];
	int n;

	if (e->pid)
		snprintf(tgid, sizeof(tgid), "%7d", e->tgid);
	else
		strlcpy(tgid, "-------", sizeof(tgid));
	n = snprintf(buf, size, "%16s-%-7d (%s) [%03d] %5lu.%06lu: %s: ",
		     e->pid ? e->comm : "<idle>", e->pid, tgid, e->cpu, secs, usecs,
		     trace_event_table[e->type].name);
	if (n >= (int)size - 1)
		return size - 1;
	n += trace_format_fields(e, buf + n, size - n);
	if (n >= (int)size - 1)
		n = size - 2;                    /* cut, but the line still ends */
	buf[n++] = '\n';
	buf[n] = '\0';
	return n;
}

int trace_format_header(char *buf, size_t size)
{
	unsigned long entries, written;

	ring_buffer_counts(&entries, &written);
	return snprintf(buf, size, "# tracer: nop\n#\n"
			"# entries-in-buffer/entries-written: %lu/%lu   #P:%u\n#\n"
			"#           TASK-PID     TGID     CPU#     TIMESTAMP  FUNCTION\n"
			"#              | |         |        |         |         |\n",
			entries, written, trace_nr_cpus);
}
