/* include/lockdep.h: the lock checker's interface (kernel/locking/lockdep.c),
 * Linux's "lockdep" in small. Every lock embeds a struct lockdep_map naming
 * its class: the name the lock was defined or initialised with, so all the
 * locks made by one DEFINE_SPINLOCK or one spin_lock_init line share a class,
 * as in Linux. The lock operations call lock_acquire()/lock_release(); the
 * checker keeps, per task, the stack of locks it holds, and across the whole
 * run the order in which classes were nested. It reports (and panics):
 *   - an inversion: class B taken while holding A, where A was earlier taken
 *     while holding B (directly or through a chain), with both call sites;
 *   - sleeping (schedule(), mutex_lock, down...) with a spinning lock held;
 *   - one spinning class taken in an interrupt handler and elsewhere with
 *     interrupts on (the handler could interrupt the holder on its own CPU);
 *   - taking a lock instance the task already holds (certain self-deadlock).
 * A trylock that succeeds is held but checked for neither an inversion
 * nor a recursion: it waited for nothing (lock_acquire_try).
 * It is on unless the kernel command line says `nolockdep` (make bench does,
 * so its figures count no checking); `debug_locks` tells which. The order
 * rules it enforces for known locks are written in include/lock_order.h. */
#ifndef TASKLAB_LOCKDEP_H
#define TASKLAB_LOCKDEP_H

#include <types.h>
#include <asm/jump_label.h>

struct lock_class;

struct lockdep_map {
	const char *name;                /* the class name */
	struct lock_class *class;        /* looked up at first acquire */
};

#define STATIC_LOCKDEP_MAP_INIT(n) { .name = (n), .class = NULL }

/* What kind of hold: the first three spin (no sleeping under them). */
enum lock_kind {
	LD_SPIN,                         /* spinlock_t */
	LD_READ,                         /* rwlock_t, shared (recursive) */
	LD_WRITE,                        /* rwlock_t, exclusive */
	LD_SLEEP,                        /* mutex, rw_semaphore for writing */
	LD_SLEEP_READ,                   /* rw_semaphore for reading */
};

#define MAX_LOCK_DEPTH 16

struct held_lock {
	struct lock_class *class;
	const struct lockdep_map *instance;  /* the lock's own map: which lock */
	unsigned long ip;                /* where it was taken */
	u8 kind;                         /* enum lock_kind */
};

/* Per task (task_struct.lockdep): what it holds, innermost last. */
struct task_lockdep {
	int depth;
	int recursion;                   /* >0: inside the checker, don't check */
	struct held_lock held[MAX_LOCK_DEPTH];
};

extern bool debug_locks;             /* the checker is on */

void lock_acquire(struct lockdep_map *map, int kind, unsigned long ip);
/* A trylock that succeeded: held, but no order recorded against what the
 * task holds (it waited for nothing; Linux's lockdep does the same). */
void lock_acquire_try(struct lockdep_map *map, int kind, unsigned long ip);
void lock_release(struct lockdep_map *map);
/* Called by schedule() and every sleeping lock: reports a spinning lock
 * held (one nop when the checker is off from boot: a static branch). */
void __lockdep_might_sleep(const char *what, unsigned long ip);
#define lockdep_might_sleep(what, ip) do {                              \
	if (static_branch_unlikely(&debug_locks))                       \
		__lockdep_might_sleep(what, ip);                        \
} while (0)
/* The checker stops (a panic or oops is under way: its printk must not be checked). */
void debug_locks_off(void);
/* Totals, for the tests and the end-of-run line. */
struct lockdep_stats {
	unsigned int classes, dependencies;
	unsigned long acquisitions;
};
void lockdep_get_stats(struct lockdep_stats *s);
/* Whether the checker has seen class `a` held while `b` was taken. */
bool lockdep_depends(const char *a, const char *b);
/* The i-th recorded dependency: class *held was held when *taken was taken. */
bool lockdep_dependency(unsigned int i, const char **held, const char **taken);
void lockdep_print_summary(void);

/* The inline lock forms call these out-of-line: the call site recorded is
 * their return address, inside the function that took the lock. */
void lock_acquire_here(struct lockdep_map *map, int kind);

#ifndef __always_inline
#define __always_inline inline __attribute__((always_inline))
#endif

/* Every lock and unlock: with nolockdep one nop (a static branch, patched
 * at boot); otherwise a call, and the checker looks at debug_locks itself
 * (a panic may have turned it off since). */
static __always_inline void __lock_acquire(struct lockdep_map *map, int kind)
{
	if (static_branch_unlikely(&debug_locks))
		lock_acquire_here(map, kind);
}

static __always_inline void __lock_release(struct lockdep_map *map)
{
	if (static_branch_unlikely(&debug_locks))
		lock_release(map);
}

#endif
