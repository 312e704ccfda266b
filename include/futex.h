/* include/futex.h: fast user-space mutexes (kernel/futex.c). A futex is a
 * 32-bit word in user memory; user space does the uncontended work with
 * atomic instructions and asks the kernel only to sleep until the word
 * changes (FUTEX_WAIT) or to wake sleepers (FUTEX_WAKE). */
#ifndef TASKLAB_FUTEX_H
#define TASKLAB_FUTEX_H

#include <types.h>

#include <uapi/linux/futex.h>

struct mm_struct;

/* Wake up to nr waiters on the word at user address uaddr of mm (any
 * bitset); returns how many. For the exit path (CLONE_CHILD_CLEARTID). */
int futex_wake_mm(struct mm_struct *mm, u32 uaddr, int nr);

void futex_init(void);

/* Tasks sleeping in FUTEX_WAIT now (a ktest counter: 0 between suites). */
extern unsigned long nr_futex_waiters;

#endif
