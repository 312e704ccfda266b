/* include/spinlock.h: the spinning locks' interface (spinlock_t, rwlock_t) that
 * every shared kernel structure will name as its guard once the kernel runs on
 * several CPUs (Linux's names and forms: spin_lock, spin_lock_irq,
 * spin_lock_irqsave, read_lock, write_lock...).
 *
 * Today's implementation is the uniprocessor one: the kernel is not
 * preemptible (include/sched.h), so against other tasks on this CPU a lock
 * needs no word at all; only the _irq and _irqsave forms do something, they
 * turn interrupts off exactly as the local_irq_save() they replace. The lock
 * still records its name and whether it is held, so code can assert it
 * (assert_spin_locked) and a debugger can see it. The SMP issue makes these
 * real (an atomic word, a spinning acquire, a lock-order checker) behind this
 * same interface, so code written against it now needs no change then. */
#ifndef TASKLAB_SPINLOCK_H
#define TASKLAB_SPINLOCK_H

#include <types.h>
#include <asm/irqflags.h>

typedef struct spinlock {
	volatile int locked;     /* 1 while held (bookkeeping on one CPU) */
	const char *name;        /* the lock's class name, for reports */
} spinlock_t;

typedef struct rwlock {
	volatile int readers;    /* readers inside */
	volatile int writer;     /* 1 while a writer holds it */
	const char *name;
} rwlock_t;

#define __SPIN_LOCK_UNLOCKED(n) { .locked = 0, .name = #n }
#define DEFINE_SPINLOCK(n) spinlock_t n = __SPIN_LOCK_UNLOCKED(n)
#define __RW_LOCK_UNLOCKED(n) { .readers = 0, .writer = 0, .name = #n }
#define DEFINE_RWLOCK(n) rwlock_t n = __RW_LOCK_UNLOCKED(n)

static inline void __spin_lock_init(spinlock_t *l, const char *name)
{
	l->locked = 0;
	l->name = name;
}
#define spin_lock_init(l) __spin_lock_init((l), #l)

static inline void spin_lock(spinlock_t *l) { l->locked = 1; barrier(); }
static inline void spin_unlock(spinlock_t *l) { barrier(); l->locked = 0; }
static inline bool spin_is_locked(const spinlock_t *l) { return l->locked; }
#define assert_spin_locked(l) BUG_ON(!spin_is_locked(l))

static inline void spin_lock_irq(spinlock_t *l) { local_irq_disable(); spin_lock(l); }
static inline void spin_unlock_irq(spinlock_t *l) { spin_unlock(l); local_irq_enable(); }
#define spin_lock_irqsave(l, flags) \
	do { (flags) = local_irq_save(); spin_lock(l); } while (0)
static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	local_irq_restore(flags);
}

static inline void __rwlock_init(rwlock_t *l, const char *name)
{
	l->readers = 0;
	l->writer = 0;
	l->name = name;
}
#define rwlock_init(l) __rwlock_init((l), #l)
static inline void read_lock(rwlock_t *l) { l->readers++; barrier(); }
static inline void read_unlock(rwlock_t *l) { barrier(); l->readers--; }
static inline void write_lock(rwlock_t *l) { l->writer = 1; barrier(); }
static inline void write_unlock(rwlock_t *l) { barrier(); l->writer = 0; }
static inline void write_lock_irq(rwlock_t *l) { local_irq_disable(); write_lock(l); }
static inline void write_unlock_irq(rwlock_t *l) { write_unlock(l); local_irq_enable(); }
#define read_lock_irqsave(l, flags) \
	do { (flags) = local_irq_save(); read_lock(l); } while (0)
static inline void read_unlock_irqrestore(rwlock_t *l, unsigned long flags)
{
	read_unlock(l);
	local_irq_restore(flags);
}
#define write_lock_irqsave(l, flags) \
	do { (flags) = local_irq_save(); write_lock(l); } while (0)
static inline void write_unlock_irqrestore(rwlock_t *l, unsigned long flags)
{
	write_unlock(l);
	local_irq_restore(flags);
}

#endif
