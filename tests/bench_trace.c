/* tests/bench_trace.c: what tracing costs. trace_event_recorded is one
 * sys_exit event written to the ring (the site's test, the recorder's
 * filters, the entry filled with pid, tgid and comm, the ring's lock with
 * interrupts off, the copy into the slot); trace_event_off is the same
 * site with the event off: the one test and branch every system call,
 * switch and fault pays. The user_* figures (bench_user.c) are measured
 * with the sites compiled in and every event off. */
#include <kernel.h>
#include <kbench.h>
#include <trace/trace.h>

static void record_one(void *arg)
{
	trace_sys_exit(4, 0);
}

static void bench_trace_event(const struct kbench *b)
{
	u32 was = trace_events_on;

	trace_set_events(TRACE_BIT(TRACE_SYS_EXIT), true);
	kbench_report(b, "trace_event_recorded", kbench_measure(record_one, NULL, 10000),
		      "cycles");
	trace_set_events(TRACE_BIT(TRACE_SYS_EXIT), false);
	kbench_report(b, "trace_event_off", kbench_measure(record_one, NULL, 10000), "cycles");
	trace_set_events(was, true);
	ring_buffer_reset();
}
KBENCH(trace_event, bench_trace_event);
