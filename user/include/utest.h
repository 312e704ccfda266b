/* user/include/utest.h: what the utest_* programs share besides KTAP
 * itself (user/lib/utest.c): milliseconds of sleep and of the monotonic
 * clock, and threads made the way a thread library makes them: a raw
 * clone on an mmap'd stack, joined by sleeping on the tid word the kernel
 * zeroes and futex-wakes at exit (CLONE_CHILD_CLEARTID). errno is one
 * global in our libc, so code running in a thread uses raw system calls.
 * The clone helpers make children that do not share the address space
 * (or are waited for before the next one), all on one static stack. */
#ifndef _TL_UTEST_H
#define _TL_UTEST_H

#include <ktap.h>
#include <sched.h>
#include <stdbool.h>

void sleep_ms(long ms);
long now_ms(void);                    /* CLOCK_MONOTONIC, in ms */

#define THREAD_STACK_SIZE (32 * 1024)
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

struct thread {
	char *stack;                     /* mmap'd (c13) */
	volatile int tid;                /* PARENT_SETTID sets it, CLEARTID zeroes it */
};

/* Map th's stack (the tid word starts at -1: no thread yet); the stack,
 * or NULL if mmap failed. */
char *map_stack(struct thread *th);
/* Start fn(arg) as a thread of ours (THREAD_FLAGS | extra_flags); its
 * tid, or -1 with errno. */
int thread_start(struct thread *th, int (*fn)(void *), void *arg, int extra_flags);
/* Sleep until the thread has exited, then unmap its stack. */
void thread_join(struct thread *th);
/* Sleep until *word is 0 (pthread_join's way). */
void wait_word_zero(volatile int *word);
/* exit(2): this thread only. */
void raw_exit(int code) __attribute__((noreturn));
/* Sleep on a futex nobody wakes, until killed. */
void sleep_forever(void) __attribute__((noreturn));

/* One static stack for children made by a bare clone. */
#define CHILD_STACK_SIZE 16384
extern char child_stack[CHILD_STACK_SIZE];
#define CHILD_STACK_TOP (child_stack + CHILD_STACK_SIZE)

int child_returns_0(void *arg);
/* clone(flags | SIGCHLD) a child running fn(arg) on child_stack and wait
 * for it: its exit code, or -1. */
int clone_wait(int (*fn)(void *), void *arg, int flags);
/* A clone that must fail: its errno, 0 if it did not (a child made
 * anyway is reaped first, a thread ends by itself). */
int clone_errno(int flags, pid_t *ptid, void *tls, pid_t *ctid);
/* qemu-i386 offers clone only as a fork or as a full thread: false (and
 * the case skipped) there. */
bool partial_flags_offered(struct ktap *t);

#endif
