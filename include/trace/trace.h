/* include/trace/trace.h: the tracer's objects, shared by kernel/trace/ (and
 * its self-tests): the recorded entry, the per-CPU ring buffers, the event
 * table and the controls tracefs exposes.
 *
 * An entry is fixed-size (struct trace_entry), so a ring is an array of
 * slots and overwriting the oldest is moving an index. Each CPU has its
 * own ring (trace_rings[cpu], DEFINE_PER_CPU), guarded by its own
 * spinlock_t taken with interrupts off (an interrupt handler records
 * events too):
 *
 *   head     entries ever written since the last clear (the next goes to
 *            slot head % nr_slots)
 *   tail     the oldest entry still in the ring (head - tail <= nr_slots)
 *   overrun  entries overwritten before anyone read them (lost)
 *
 * `trace` reads from tail to head without consuming; `trace_pipe` consumes
 * (tail moves). Timestamps are raw TSC values, converted to microseconds
 * since boot only when printed (trace_clock_us), so recording costs no
 * division. */
#ifndef TASKLAB_TRACE_TRACE_H
#define TASKLAB_TRACE_TRACE_H

#include <types.h>
#include <smp.h>
#include <spinlock.h>
#include <trace/events.h>

#define TRACE_COMM_LEN 16
#define TRACE_STR_LEN  48             /* exec's filename, cut to this */

struct trace_entry {
	u64 ts;                           /* rdtsc at the event */
	u16 type;                         /* enum trace_event_id */
	u16 cpu;
	pid_t pid, tgid;                  /* current's: the task the line names */
	char comm[TRACE_COMM_LEN];
	union {
		struct {                  /* sched_switch: prev is current */
			char next_comm[TRACE_COMM_LEN];
			pid_t next_pid, next_tgid;
			short prev_prio, next_prio;
			char prev_state[3];       /* "R", "R+", "S", ... */
			u8 next_kthread, cr3;
		} sw;
		struct {                  /* sched_wakeup, _new, exit, wait */
			char comm[TRACE_COMM_LEN];
			pid_t pid;
			int prio, target_cpu;
		} task;
		struct {                  /* sched_process_fork */
			char child_comm[TRACE_COMM_LEN];
			pid_t child_pid, child_tgid;
			unsigned long clone_flags;
			long parent_slice, child_slice;
		} fork;
		struct {                  /* sched_process_exec */
			char filename[TRACE_STR_LEN];
			pid_t pid, old_pid;
		} exec;
		struct {                  /* sys_enter, sys_exit */
			long nr, ret;
			u32 args[6];
		} sys;
		struct {                  /* page_fault_user */
			unsigned long address, ip, error_code;
			int kind;
		} fault;
		struct {                  /* signal_generate, signal_deliver */
			int sig, errno, code, grp, res;
			char comm[TRACE_COMM_LEN];
			pid_t pid;
			unsigned long sa_handler, sa_flags;
		} sig;
		struct {                  /* irq_handler_entry, _exit */
			int irq;
			const char *name;         /* request_irq's, never freed */
		} irq;
		struct {                  /* ipi_raise */
			unsigned long target_mask;
			const char *reason;       /* a string constant */
		} ipi;
		struct {                  /* tlb_flush */
			long pages;
			int reason;               /* enum tlb_flush_reason */
		} tlb;
	};
};

/* One CPU's ring. trace_rings[cpu].lock guards every field. */
struct trace_ring {
	spinlock_t lock;
	struct trace_entry *slots;        /* vmalloc'd; NULL before trace_init */
	unsigned long nr_slots;
	unsigned long head, tail, overrun;
};
DECLARE_PER_CPU(struct trace_ring, trace_rings);

/* --- ring_buffer.c ----------------------------------------------------- */

/* Write e to the running CPU's ring (overwriting the oldest when full);
 * fills e->ts and e->cpu. Any context. */
void ring_buffer_write(struct trace_entry *e);
/* Copy the entry at index idx of cpu's ring (tail <= idx < head) into *e:
 * true, or false when idx was overwritten meanwhile (*idx moved to tail)
 * or there is nothing there. */
bool ring_buffer_peek(int cpu, unsigned long *idx, struct trace_entry *e);
/* Take the oldest entry of any CPU (the earliest timestamp) into *e:
 * true, or false when every ring is empty. */
bool ring_buffer_consume(struct trace_entry *e);
/* Forget every entry and the counts (trace's O_TRUNC). */
void ring_buffer_reset(void);
/* Each CPU's ring to hold at least kb KiB: 0 or -ENOMEM (the old rings
 * stay). Entries are dropped. */
int ring_buffer_resize(unsigned long kb);
/* Name every ring's lock for the lock checker (trace_init, before the first resize). */
void ring_buffer_init(void);
/* Totals over the CPUs: entries in the rings and entries ever written. */
void ring_buffer_counts(unsigned long *entries, unsigned long *written);
/* Is there an entry to consume? */
bool ring_buffer_empty(void);
extern unsigned long trace_buffer_kb;     /* buffer_size_kb: per CPU */
extern unsigned int trace_nr_cpus;        /* the CPUs with rings (#P) */

/* --- trace.c: controls -------------------------------------------------- */

struct trace_event_info {
	const char *name;                 /* "sched_switch" */
	const char *group;                /* "sched" */
};
extern const struct trace_event_info trace_event_table[NR_TRACE_EVENTS];
extern const char *const trace_groups[];
extern const unsigned int nr_trace_groups;

extern bool tracing_on;                   /* tracefs tracing_on */
#define TRACE_MAX_PIDS 16
extern pid_t trace_pids[TRACE_MAX_PIDS];  /* set_event_pid; empty: all */
extern unsigned int trace_nr_pids;

/* Turn the events bits selects on or off. */
void trace_set_events(u32 bits, bool on);
/* One set_event token ("sched:sched_switch", "!irq:*", "sched", "*:*"):
 * 0, or -EINVAL when it names no event. */
int trace_set_event_token(const char *tok);
/* Apply trace='s words (cut in place): events as set_event's tokens,
 * "syscalls" and "pid=N" for strace. The number of words that named
 * nothing (ignored, with a warning). */
int trace_boot_words(char *words);
/* May an event about current (and other, or NULL) be recorded now:
 * tracing_on and the pid filter. */
bool trace_wanted(const struct task_struct *other);
/* TSC cycles since boot in microseconds (the calibration of trace_init). */
u64 trace_clock_us(u64 tsc);
/* Does the set_event_pid list hold pid? */
bool trace_pid_listed(pid_t pid);

/* --- trace_output.c ------------------------------------------------------ */

/* e as one line of the contract's text (with its newline) into buf: the
 * length (cut at size - 1). */
int trace_format_entry(const struct trace_entry *e, char *buf, size_t size);
/* The header `trace` starts with. */
int trace_format_header(char *buf, size_t size);
/* The event's fields alone (after "name: "). */
int trace_format_fields(const struct trace_entry *e, char *buf, size_t size);

/* --- trace_syscalls.c: strace -------------------------------------------- */

/* The process strace= follows (0: none). */
extern pid_t strace_pid;
/* One decoded call: `open("/etc/passwd", O_RDONLY) = -1 ENOENT (...)`
 * (without newline) into buf; args are the six argument registers, read
 * from current's memory for strings. The length. */
int strace_format(long nr, const u32 *args, long ret, char *buf, size_t size);
void strace_sys_enter(long nr, const u32 *args);
void strace_sys_exit(long nr, long ret);
/* The errno's name ("ENOENT") or NULL. */
const char *errno_name(int err);

/* --- tracefs.c ----------------------------------------------------------- */
void tracefs_init(void);

#endif
