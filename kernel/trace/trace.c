/* kernel/trace/trace.c: the tracer's controls: the table of events and
 * their groups, which events are on (trace_events_on), tracing_on, the
 * set_event_pid filter, set_event's token syntax (shared by the boot word
 * trace=), and the clock: the TSC, calibrated against the PIT at boot so
 * a line's timestamp is microseconds since boot. All of it guarded by
 * trace_lock (interrupts off: the sites read trace_events_on and the pid
 * list from any context). */
#include <kernel.h>
#include <cpumask.h>
#include <errno.h>
#include <params.h>
#include <sched.h>
#include <timer.h>
#include <asm/processor.h>
#include <trace/trace.h>

u32 trace_events_on;
bool tracing_on = true;                   /* Linux's default too */
pid_t trace_pids[TRACE_MAX_PIDS];
unsigned int trace_nr_pids;
static DEFINE_SPINLOCK(trace_lock);

const struct trace_event_info trace_event_table[NR_TRACE_EVENTS] = {
	[TRACE_SCHED_SWITCH] = { "sched_switch", "sched" },
	[TRACE_SCHED_WAKEUP] = { "sched_wakeup", "sched" },
	[TRACE_SCHED_WAKEUP_NEW] = { "sched_wakeup_new", "sched" },
	[TRACE_SCHED_PROCESS_FORK] = { "sched_process_fork", "sched" },
	[TRACE_SCHED_PROCESS_EXEC] = { "sched_process_exec", "sched" },
	[TRACE_SCHED_PROCESS_EXIT] = { "sched_process_exit", "sched" },
	[TRACE_SCHED_PROCESS_WAIT] = { "sched_process_wait", "sched" },
	[TRACE_SYS_ENTER] = { "sys_enter", "raw_syscalls" },
	[TRACE_SYS_EXIT] = { "sys_exit", "raw_syscalls" },
	[TRACE_PAGE_FAULT_USER] = { "page_fault_user", "exceptions" },
	[TRACE_SIGNAL_GENERATE] = { "signal_generate", "signal" },
	[TRACE_SIGNAL_DELIVER] = { "signal_deliver", "signal" },
	[TRACE_IRQ_HANDLER_ENTRY] = { "irq_handler_entry", "irq" },
	[TRACE_IRQ_HANDLER_EXIT] = { "irq_handler_exit", "irq" },
	[TRACE_IPI_RAISE] = { "ipi_raise", "ipi" },
	[TRACE_TLB_FLUSH] = { "tlb_flush", "tlb" },
};

/* The groups with events, in tracefs's order. */
const char *const trace_groups[] = { "exceptions", "ipi", "irq", "raw_syscalls", "sched", "signal",
				     "tlb" };
const unsigned int nr_trace_groups = ARRAY_SIZE(trace_groups);

void trace_set_events(u32 bits, bool on)
{
	unsigned long flags;

	spin_lock_irqsave(&trace_lock, flags);
	if (on)
		trace_events_on |= bits;
	else
		trace_events_on &= ~bits;
	spin_unlock_irqrestore(&trace_lock, flags);
}

/* Does one side of a set_event token match? NULL (empty or "*") matches
 * everything. */
static bool side_matches(const char *want, const char *have)
{
	return !want || !strcmp(want, have);
}

/* Linux's ftrace_set_clr_event: "group:event", either side may be "*" or
 * empty; a token without ':' matches an event or a whole group by name;
 * a leading '!' turns the matches off. -EINVAL when nothing matches. */
int trace_set_event_token(const char *tok)
{
	char buf[64], *colon, *grp = NULL, *ev;
	bool on = *tok != '!';
	u32 bits = 0;

	if (!on)
		tok++;
	if (strlcpy(buf, tok, sizeof(buf)) >= sizeof(buf) || !buf[0])
		return -EINVAL;
	ev = buf;
	colon = strchr(buf, ':');
	if (colon) {
		*colon = '\0';
		grp = (buf[0] && strcmp(buf, "*")) ? buf : NULL;
		ev = (colon[1] && strcmp(colon + 1, "*")) ? colon + 1 : NULL;
	}
	for (int i = 0; i < NR_TRACE_EVENTS; i++) {
		const struct trace_event_info *t = &trace_event_table[i];
		bool match = colon ? side_matches(grp, t->group) && side_matches(ev, t->name)
				   : !strcmp(ev, t->name) || !strcmp(ev, t->group);

		if (match)
			bits |= TRACE_BIT(i);
	}
	if (!bits)
		return -EINVAL;
	trace_set_events(bits, on);
	return 0;
}

bool trace_pid_listed(pid_t pid)
{
	for (unsigned int i = 0; i < trace_nr_pids; i++)
		if (trace_pids[i] == pid)
			return true;
	return false;
}

/* Linux's set_event_pid: an event is kept when current's pid is listed,
 * or (for the events about two tasks: switch, wake-up, fork, signal) the
 * other task's. */
bool trace_wanted(const struct task_struct *other)
{
	if (!tracing_on)
		return false;
	if (likely(!trace_nr_pids))
		return true;
	return trace_pid_listed(current->pid) || (other && trace_pid_listed(other->pid));
}

/* --- the clock ----------------------------------------------------------- */

static u64 tsc_at_boot;                   /* TSC when trace_init calibrated */
static u64 tsc_per_ms = 1000000;          /* until calibrated: a 1 GHz guess */

u64 trace_clock_us(u64 tsc)
{
	u64 cycles = tsc > tsc_at_boot ? tsc - tsc_at_boot : 0;

	return cycles * 1000 / tsc_per_ms;
}

/* Count TSC cycles over two timer ticks (20 ms), from one tick edge to
 * another; interrupts must be on. The time before calibration counts from
 * here: boot took jiffies ticks. */
static void trace_clock_init(void)
{
	unsigned long j = jiffies;
	u64 t0;

	while (jiffies == j)
		cpu_relax();
	t0 = rdtsc();
	j = jiffies;
	while (jiffies - j < 2)
		cpu_relax();
	tsc_per_ms = (rdtsc() - t0) * HZ / 2000;
	if (!tsc_per_ms)
		tsc_per_ms = 1;
	tsc_at_boot = t0 - tsc_per_ms * (1000 / HZ) * j;
}

/* --- boot ----------------------------------------------------------------- */

static char trace_boot_events[128];

/* trace=<ev>[,<ev>...]: set_event's tokens, applied at trace_init;
 * "syscalls,pid=N" (or pid=N alone) starts strace for process N. */
static int set_trace_param(const char *value)
{
	if (!value || !*value)
		return -EINVAL;
	if (strlcpy(trace_boot_events, value, sizeof(trace_boot_events)) >=
	    sizeof(trace_boot_events))
		return -E2BIG;
	return 0;
}
KERNEL_PARAM("trace", set_trace_param);

/* One word of trace=: 0, or 1 when it names nothing (and is ignored). */
static int apply_boot_token(const char *tok)
{
	unsigned int pid;

	if (!strncmp(tok, "pid=", 4) && !parse_small_uint(tok + 4, 1u << 30, &pid))
		strace_pid = pid;
	else if (strcmp(tok, "syscalls") && trace_set_event_token(tok)) {
		pr_warn("trace=: no event '%s'\n", tok);   /* "syscalls" needs pid= */
		return 1;
	}
	return 0;
}

int trace_boot_words(char *words)
{
	char *tok = words;
	int bad = 0;

	while (*tok) {
		char *comma = strchr(tok, ',');

		if (comma)
			*comma = '\0';
		if (*tok)
			bad += apply_boot_token(tok);
		tok = comma ? comma + 1 : tok + strlen(tok);
	}
	if (strace_pid)
		trace_set_events(TRACE_BIT(TRACE_STRACE), true);
	return bad;
}

void trace_init(void)
{
	trace_clock_init();
	trace_nr_cpus = nr_cpu_ids;         /* every CPU the MADT listed (apic_init ran) */
	ring_buffer_init();
	if (ring_buffer_resize(trace_buffer_kb))
		panic("trace_init: no memory for the trace rings");
	trace_boot_words(trace_boot_events);
	tracefs_init();
	pr_info("trace: %lu KiB ring per CPU (%u-byte entries), TSC %llu kHz\n",
		trace_buffer_kb, (unsigned int)sizeof(struct trace_entry), tsc_per_ms);
}
