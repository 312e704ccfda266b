/* include/coredump.h: core dumps (fs/coredump.c: when and where; the ELF
 * file itself: fs/binfmt_elf_core.c).
 *
 * A fatal signal whose default action is "core" makes the thread that
 * takes it call do_coredump() before the group exits. It stops the other
 * threads first: each is sent SIGKILL and, on its way out through
 * do_exit(), links a struct core_thread into the dumper's core_state and
 * sleeps there until the file is written, its user registers intact at
 * the top of its kernel stack (Linux's coredump_wait and
 * coredump_task_exit). */
#ifndef TASKLAB_COREDUMP_H
#define TASKLAB_COREDUMP_H

#include <types.h>
#include <completion.h>
#include <fs.h>

struct task_struct;
struct file;
struct kernel_siginfo;

/* The name of the core file, in the dumping process's working directory:
 * Linux's default kernel.core_pattern. */
#define CORE_NAME "core"

struct core_thread {
	struct task_struct *task;         /* NULL once the dumper lets it go */
	struct core_thread *next;
};

struct core_state {
	int nr_threads;                   /* threads still to arrive */
	struct core_thread dumper;        /* the dumper, then every other thread */
	struct completion startup;        /* the last one to arrive completes it */
};

/* What the ELF writer is given, and how far it got. */
struct coredump_params {
	const struct kernel_siginfo *siginfo;
	struct file *file;
	unsigned long limit;              /* RLIMIT_CORE: bytes written, holes not counted */
	unsigned long written;            /* bytes written so far */
	loff_t pos;                       /* where the next byte goes */
	unsigned long to_skip;            /* a hole still to leave before it */
	void *page;                       /* a page-sized buffer for user memory */
};

/* Contract: called by get_signal() for the thread that dequeued a fatal
 * "core" signal, before do_group_exit(). Returns at once, changing
 * nothing, when there is no mm, it is not dumpable, or the group is
 * already exiting or exec'ing. Otherwise the group is marked exiting with
 * the signal, its other threads are stopped in do_exit, the core file is
 * written if RLIMIT_CORE allows, the exit code gets 0x80 if it was
 * written whole, and the stopped threads go on. Interrupts on; sleeps. */
void do_coredump(const struct kernel_siginfo *siginfo);
/* do_exit(): if a dump of tsk's group is in progress, wait in it until the
 * file is written. do_exit skips it for a thread alone in its group. */
void coredump_task_exit(struct task_struct *tsk);

/* Write nr bytes at the position (after any pending hole); false when the
 * limit would be passed or the write failed: the dump stops there. */
bool dump_emit(struct coredump_params *cprm, const void *addr, size_t nr);
/* Leave nr bytes of hole (they read as zeros and cost no memory). */
void dump_skip(struct coredump_params *cprm, size_t nr);
/* Pad with a hole up to the next multiple of align (a power of 2). */
void dump_align(struct coredump_params *cprm, size_t align);

/* fs/binfmt_elf_core.c: write current's process as an ELF core file;
 * true when the whole file was written. */
bool elf_core_dump(struct coredump_params *cprm);

#endif
