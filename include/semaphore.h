/* include/semaphore.h: the counting semaphore (kernel/locking/semaphore.c),
 * Linux's struct semaphore: down() takes one of `count` units, sleeping
 * until one is free; up() gives one back and may be called by any task or
 * an interrupt handler (it has no owner, unlike a mutex, so the checker
 * only checks that down() is not called with a spinning lock held). */
#ifndef TASKLAB_SEMAPHORE_H
#define TASKLAB_SEMAPHORE_H

#include <types.h>
#include <spinlock.h>
#include <wait.h>

struct semaphore {
	spinlock_t lock;                 /* guards count (interrupts off: up() from handlers) */
	unsigned int count;
	wait_queue_head_t wait;
};

#define __SEMAPHORE_INITIALIZER(n, c) \
	{ __SPIN_LOCK_UNLOCKED(n.lock), (c), __WAIT_QUEUE_HEAD_INITIALIZER(n.wait) }
#define DEFINE_SEMAPHORE(n, c) struct semaphore n = __SEMAPHORE_INITIALIZER(n, c)

void __sema_init(struct semaphore *s, unsigned int count, const char *name);
#define sema_init(s, c) __sema_init((s), (c), #s ".lock")

void down(struct semaphore *s);
/* 0, or -EINTR if a signal ended the wait. */
int down_interruptible(struct semaphore *s);
/* 0 if a unit was taken without waiting, 1 if none was free (Linux's sense). */
int down_trylock(struct semaphore *s);
void up(struct semaphore *s);

#endif
