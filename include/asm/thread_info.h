/* include/asm/thread_info.h: the 8 KiB block every task runs on, and how the
 * running task is found from the stack pointer alone (seed claims c05, c06,
 * c19, c20, c21). One order-1 allocation (8 KiB, 8 KiB aligned) holds both the
 * small per-task struct thread_info and the task's kernel stack:
 *
 *   base + 8192 +----------------------------+ <- TSS.esp0 while the task runs
 *               | pt_regs of a trap or fork  |    (top of stack; c33)
 *               | kernel stack               |
 *               |   grows down               |
 *               |            |               |
 *               |            v               |
 *               |                            |
 *               | STACK_WARN_BYTES (512):    |    a trap taken with esp in here
 *               |   the warning zone         |    panics, before its handler overflows
 *               | STACK_END_MAGIC canary     | <- end_of_stack(): lowest usable
 *   base + 32   +----------------------------+    word; checked at every switch
 *               | struct thread_info         |    and timer tick (c19)
 *               |   task -> task_struct      |    (task_struct lives in its own
 *   base        +----------------------------+     slab cache, not here)
 *
 * Because the block is 8 KiB aligned, clearing the low 13 bits of %esp
 * anywhere on the stack gives `base`, i.e. the thread_info: no memory access
 * and no global variable is needed to find the running task. */
#ifndef TASKLAB_ASM_THREAD_INFO_H
#define TASKLAB_ASM_THREAD_INFO_H

#include <asm/page.h>

#define THREAD_SIZE_ORDER 1              /* 2 pages: one order-1 buddy block */
#define STACK_END_MAGIC 0x57AC6E9D

/* thread_info->flags bits (Linux's numbers). */
#define TIF_SIGPENDING     2     /* a signal to handle on the way to user mode */
#define TIF_NEED_RESCHED   3     /* call schedule() at the next safe point */
#define TIF_RESTORE_SIGMASK 9    /* sigsuspend: put saved_sigmask back after delivery */
#define _TIF_SIGPENDING    (1UL << TIF_SIGPENDING)
#define _TIF_NEED_RESCHED  (1UL << TIF_NEED_RESCHED)

/* thread_info->status bits. */
#define TS_USEDFPU         0x1   /* the FPU holds this task's state right now */

/* addr_limit values: what access_ok() will let a task touch. */
#define USER_DS            PAGE_OFFSET      /* user tasks: below 3 GiB */
#define KERNEL_DS          0xFFFFFFFFUL     /* kernel threads: everything */

#ifndef __ASSEMBLER__
#include <types.h>

struct task_struct;
struct trap_catch;

/* Owned by its task; only the task itself (or the scheduler on its behalf,
 * with interrupts off) changes these fields. */
struct thread_info {
	struct task_struct *task;        /* set once at fork */
	unsigned long flags;             /* TIF_* bits */
	unsigned long status;            /* TS_* bits */
	int cpu;                         /* the CPU it runs on: smp_processor_id() */
	int preempt_count;               /* 0: kernel not preemptible (sched.h) */
	unsigned long addr_limit;        /* USER_DS or KERNEL_DS */
	struct trap_catch *trap_catcher; /* innermost armed catcher (asm/traps.h) */
	unsigned long pad;               /* keeps the size at 32 bytes */
};

union thread_union {
	struct thread_info thread_info;
	unsigned long stack[THREAD_SIZE / sizeof(unsigned long)];
};

/* PID 0's block, 8 KiB aligned by linker.ld; boot/higher_half.asm starts on it. */
extern union thread_union init_thread_union;

/* The thread_info of the running task: %esp with the low 13 bits cleared. */
static inline struct thread_info *current_thread_info(void)
{
	unsigned long sp;

	__asm__("movl %%esp, %0" : "=r"(sp));
	return (struct thread_info *)(sp & ~(THREAD_SIZE - 1));
}

/* The canary word just above thread_info. */
static inline unsigned long *end_of_stack_ti(struct thread_info *ti)
{
	return (unsigned long *)(ti + 1);
}

/* Atomic (lock or / lock and): another CPU sets a task's need_resched
 * (a wake-up) or sigpending (a signal) while the task changes its own. */
static inline void set_ti_thread_flag(struct thread_info *ti, int flag)
{
	__atomic_fetch_or(&ti->flags, 1UL << flag, __ATOMIC_SEQ_CST);
}
static inline void clear_ti_thread_flag(struct thread_info *ti, int flag)
{
	__atomic_fetch_and(&ti->flags, ~(1UL << flag), __ATOMIC_SEQ_CST);
}
static inline bool test_ti_thread_flag(struct thread_info *ti, int flag)
{
	return __atomic_load_n(&ti->flags, __ATOMIC_RELAXED) & (1UL << flag);
}

#endif
#endif
