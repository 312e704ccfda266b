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

void down_read(struct rw_semaphore *s);
void down_write(struct rw_semaphore *s);
/* 1 if taken without waiting, else 0 (Linux's sense). */
int down_read_trylock(struct rw_semaphore *s);
int down_write_trylock(struct rw_semaphore *s);
void up_read(struct rw_semaphore *s);
void up_write(struct rw_semaphore *s);
/* Whether someone holds it (either way): for assertions. */
static inline bool rwsem_is_locked(const struct rw_semaphore *s) { return s->count != 0; }

#endif
