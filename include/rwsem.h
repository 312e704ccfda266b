/* include/rwsem.h: the reader/writer semaphore (kernel/locking/rwsem.c),
 * Linux's struct rw_semaphore: many readers or one writer, sleepers wait.
 * A waiting writer stops new readers from entering, so a stream of readers
 * cannot starve it; hence a reader must not take it twice (a writer queued
 * between the two would deadlock them), which the checker reports. Process
 * context only; no spinning lock held. mm->mmap_lock is one. */
#ifndef TASKLAB_RWSEM_H
#define TASKLAB_RWSEM_H

#include <types.h>
#include <lockdep.h>
#include <spinlock.h>
#include <wait.h>

struct rw_semaphore {
	volatile int count;              /* >0: readers inside; -1: a writer (atomic) */
	volatile int writers_waiting;    /* atomic */
	wait_queue_head_t wait;
	struct lockdep_map dep_map;
};

#define __RWSEM_INITIALIZER(n) { 0, 0, \
				 __WAIT_QUEUE_HEAD_INITIALIZER(n.wait), STATIC_LOCKDEP_MAP_INIT(#n) }
#define DECLARE_RWSEM(n) struct rw_semaphore n = __RWSEM_INITIALIZER(n)

void __init_rwsem(struct rw_semaphore *s, const char *name);
#define init_rwsem(s) __init_rwsem((s), #s)

/* One try to enter for reading: false if a writer is inside or, unless
 * trylock, waiting (down_read_trylock's promise is only "no sleep"). */
static __always_inline bool __rwsem_try_read(struct rw_semaphore *s, bool trylock)
{
	for (;;) {
		int c = READ_ONCE(s->count);

		if (c < 0 || (!trylock && READ_ONCE(s->writers_waiting)))
			return false;
		if (__sync_bool_compare_and_swap(&s->count, c, c + 1))
			return true;
	}
}

/* waiting: the caller counted itself in writers_waiting; count it out on success. */
static __always_inline bool __rwsem_try_write(struct rw_semaphore *s, bool waiting)
{
	if (!__sync_bool_compare_and_swap(&s->count, 0, -1))
		return false;
	if (waiting)
		__sync_fetch_and_sub(&s->writers_waiting, 1);
	return true;
}

/* The checked and the waiting paths (kernel/locking/rwsem.c). */
void __down_read(struct rw_semaphore *s);
void __down_write(struct rw_semaphore *s);

/* The fast paths are inline, as Linux's: every page fault takes and drops
 * mmap_lock for reading. With the checker off (nolockdep) an uncontended
 * down is one compare-and-exchange and an up one locked decrement; the
 * checker's bookkeeping and any sleep are out of line. */
static __always_inline void down_read(struct rw_semaphore *s)
{
	if (!static_branch_unlikely(&debug_locks) && __rwsem_try_read(s, false))
		return;
	__down_read(s);
}

static __always_inline void down_write(struct rw_semaphore *s)
{
	if (!static_branch_unlikely(&debug_locks) && __rwsem_try_write(s, false))
		return;
	__down_write(s);
}

/* 1 if taken without waiting, else 0 (Linux's sense). */
int down_read_trylock(struct rw_semaphore *s);
int down_write_trylock(struct rw_semaphore *s);

/* A release changes count by a locked instruction (a full barrier) before
 * it looks at the queue, so a sleeper that queued first is seen. */
static __always_inline void up_read(struct rw_semaphore *s)
{
	__lock_release(&s->dep_map);
	if (__sync_sub_and_fetch(&s->count, 1) == 0 && waitqueue_active(&s->wait))
		wake_up_all(&s->wait);
}

static __always_inline void up_write(struct rw_semaphore *s)
{
	__lock_release(&s->dep_map);
	__atomic_exchange_n(&s->count, 0, __ATOMIC_SEQ_CST);
	if (waitqueue_active(&s->wait))
		wake_up_all(&s->wait);
}
/* Whether someone holds it (either way): for assertions. */
static inline bool rwsem_is_locked(const struct rw_semaphore *s) { return s->count != 0; }

#endif
