/* include/syscall_counts.h: system calls counted per number, per process
 * (kernel/syscall_counts.c), the kernel's own `strace -c`: how often the
 * process made each call and how often the answer was ENOSYS (a call the
 * kernel lacks, or an operation it does not offer), from the process's
 * start and across execve, summed over its threads (the counts live in the
 * signal_struct they share).
 *
 *   signal_struct.syscall_counts[nr / 32] --> struct syscall_count_chunk
 *                                             calls[nr % 32], enosys[nr % 32]
 *
 * A chunk of 32 numbers is allocated the first time the process makes a
 * call in its range, so a process that makes four kinds of calls pays for
 * one or two 256-byte chunks, and a kernel thread (no system calls) for
 * none; the chunks go with the signal_struct. Numbers past the table
 * (NR_syscalls) are not counted per number (syscall_enosys_count counts
 * them with the rest). A chunk that cannot be allocated loses that one
 * count (syscall_counts_lost). Read as /sys/kernel/debug/syscall_counts. */
#ifndef TASKLAB_SYSCALL_COUNTS_H
#define TASKLAB_SYSCALL_COUNTS_H

#include <types.h>
#include <syscall.h>
#include <sched.h>
#include <sched/signal.h>

#define SYSCALL_COUNT_CHUNK 32

struct syscall_count_chunk {
	u32 calls[SYSCALL_COUNT_CHUNK];   /* entries into the call */
	u32 enosys[SYSCALL_COUNT_CHUNK];  /* of which answered -ENOSYS */
};

/* Whether calls are counted at all: the boot word `syscall_counts` turns
 * it on (tests/run.py's boots give it). Off, the cost on every system call
 * is this one predictable test, and no process gets count chunks. */
extern bool syscall_counting;

/* The slow path: the chunk for nr made, then counted. */
void count_syscall_first(u32 nr, bool enosys);
extern unsigned long syscall_counts_lost;

/* One more call of nr (or -ENOSYS answer) for current's process. */
static inline void __count_syscall(u32 nr, bool enosys)
{
	struct syscall_count_chunk *c;

	if (unlikely(nr >= NR_syscalls))
		return;
	c = current->signal->syscall_counts[nr / SYSCALL_COUNT_CHUNK];
	if (likely(c))
		(enosys ? c->enosys : c->calls)[nr % SYSCALL_COUNT_CHUNK]++;
	else
		count_syscall_first(nr, enosys);
}

/* do_syscall, on entry (an exit or execve does not return to count)... */
static inline void count_syscall(u32 nr)
{
	if (unlikely(syscall_counting))
		__count_syscall(nr, false);
}
/* ...and when the answer was -ENOSYS. */
static inline void count_enosys(u32 nr)
{
	if (unlikely(syscall_counting))
		__count_syscall(nr, true);
}

/* The handler's name of nr without "sys_" (kallsyms), or "-" for none
 * (nr < NR_syscalls). */
const char *syscall_name(u32 nr);

/* The counts of sig's process, for a reader: one line "nr name calls
 * enosys" per number called (name: the handler without its sys_, or "-"
 * for none), in number order, NUL-terminated in buf; the length written
 * (the text stops short at a line that does not fit). */
size_t syscall_counts_show(const struct signal_struct *sig, char *buf, size_t size);
/* A count of sig's process: calls of nr, or its ENOSYS answers. */
u32 syscall_calls_of(const struct signal_struct *sig, u32 nr);
u32 syscall_enosys_of(const struct signal_struct *sig, u32 nr);
/* copy_signal: a new process counts from zero; exit_signal: the chunks go. */
void init_syscall_counts(struct signal_struct *sig);
void exit_syscall_counts(struct signal_struct *sig);
/* Make /sys/kernel/debug/syscall_counts (boot, after the initramfs). */
int syscall_counts_init(void);

#endif
