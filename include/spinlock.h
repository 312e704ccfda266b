/* include/spinlock.h: the spinning locks (spinlock_t, rwlock_t) that guard
 * the kernel's shared structures, with Linux's names and forms: spin_lock,
 * spin_lock_irq, spin_lock_irqsave, read_lock, write_lock_irq...
 *
 * The lock word is the arch's (include/asm/spinlock.h: a ticket lock and a
 * biased reader/writer counter, correct on several CPUs). The kernel is not
 * preemptible (include/sched.h), so a holder is never switched out while it
 * spins or holds; what a plain spin_lock() does not stop is an interrupt on
 * the same CPU, hence the _irq/_irqsave forms for any lock an interrupt
 * handler also takes (include/lock_order.h lists which). A spinning lock is
 * never held across anything that sleeps.
 *
 * Each lock carries a lockdep_map (include/lockdep.h): its class name, for the
 * lock checker that is on in test builds. The checker's hook is a static
 * branch, a nop when it is off (`nolockdep`, as make bench).
 * The interrupt flag is changed before a lock is taken and after it is
 * released, so the checker sees the state the lock is really held in.
 *
 * On a machine with one CPU the lock word itself is not needed: the kernel
 * is not preemptible, so nothing else runs while a holder holds, and the
 * _irq forms still keep interrupts out. There every lock word access is
 * patched out at boot (`smp_lock_words` false: arch/i386/smpboot.c), as a
 * uniprocessor build compiles it out and as Linux 2.6's SMP alternatives
 * patched the lock prefixes out of an SMP kernel booted on one CPU. With
 * the checker off too (`spin_lock_work` false), a lock and an unlock cost
 * one nop each (a static branch over both the checker and the word). The word
 * then stays at its unlocked value: spin_is_locked() answers only where
 * the words are taken. */
#ifndef TASKLAB_SPINLOCK_H
#define TASKLAB_SPINLOCK_H

#include <types.h>
#include <lockdep.h>
#include <asm/irqflags.h>
#include <asm/spinlock.h>

/* More than one CPU may run: the lock words are taken. True until the CPU
 * count is known (every early lock is real), never turned on after. */
extern bool smp_lock_words;
/* A lock or unlock has anything to do beyond the interrupt flag: the
 * lock words are taken or the checker is on (decided with smp_lock_words).
 * Its one static branch in front of both is all a lock costs on one CPU
 * with nolockdep. */
extern bool spin_lock_work;

typedef struct spinlock {
	arch_spinlock_t raw;
	struct lockdep_map dep_map;      /* .name: the lock's class name */
} spinlock_t;

typedef struct rwlock {
	arch_rwlock_t raw;
	struct lockdep_map dep_map;
} rwlock_t;

#define __SPIN_LOCK_UNLOCKED(n) { .raw = __ARCH_SPIN_LOCK_UNLOCKED, .dep_map = STATIC_LOCKDEP_MAP_INIT(#n) }
#define DEFINE_SPINLOCK(n) spinlock_t n = __SPIN_LOCK_UNLOCKED(n)
/* A static lock of the class the dynamic ones get from __spin_lock_init(l, cls). */
#define __SPIN_LOCK_UNLOCKED_CLASS(cls) { .raw = __ARCH_SPIN_LOCK_UNLOCKED, .dep_map = STATIC_LOCKDEP_MAP_INIT(cls) }
#define __RW_LOCK_UNLOCKED(n) { .raw = __ARCH_RW_LOCK_UNLOCKED, .dep_map = STATIC_LOCKDEP_MAP_INIT(#n) }
#define DEFINE_RWLOCK(n) rwlock_t n = __RW_LOCK_UNLOCKED(n)

/* name: the class name (a string literal: one class per init site). */
static inline void __spin_lock_init(spinlock_t *l, const char *name)
{
	l->raw = (arch_spinlock_t)__ARCH_SPIN_LOCK_UNLOCKED;
	l->dep_map = (struct lockdep_map)STATIC_LOCKDEP_MAP_INIT(name);
}
#define spin_lock_init(l) __spin_lock_init((l), #l)

static __always_inline void spin_lock(spinlock_t *l)
{
	if (static_branch_unlikely(&spin_lock_work)) {
		__lock_acquire(&l->dep_map, LD_SPIN);
		if (static_branch_unlikely(&smp_lock_words))
			arch_spin_lock(&l->raw);
	}
}

static __always_inline void spin_unlock(spinlock_t *l)
{
	if (static_branch_unlikely(&spin_lock_work)) {
		__lock_release(&l->dep_map);
		if (static_branch_unlikely(&smp_lock_words))
			arch_spin_unlock(&l->raw);
	}
}

static __always_inline bool spin_trylock(spinlock_t *l)
{
	if (static_branch_unlikely(&smp_lock_words) && !arch_spin_trylock(&l->raw))
		return false;
	__lock_acquire(&l->dep_map, LD_SPIN);
	return true;
}

/* Held by someone: only where the lock words are taken (see the top). */
static inline bool spin_is_locked(const spinlock_t *l) { return arch_spin_is_locked(&l->raw); }

static __always_inline void spin_lock_irq(spinlock_t *l) { local_irq_disable(); spin_lock(l); }
static __always_inline void spin_unlock_irq(spinlock_t *l) { spin_unlock(l); local_irq_enable(); }
#define spin_lock_irqsave(l, flags) \
	do { (flags) = local_irq_save(); spin_lock(l); } while (0)
static __always_inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	spin_unlock(l);
	local_irq_restore(flags);
}

static inline void __rwlock_init(rwlock_t *l, const char *name)
{
	l->raw = (arch_rwlock_t)__ARCH_RW_LOCK_UNLOCKED;
	l->dep_map = (struct lockdep_map)STATIC_LOCKDEP_MAP_INIT(name);
}
#define rwlock_init(l) __rwlock_init((l), #l)

static __always_inline void read_lock(rwlock_t *l)
{
	if (static_branch_unlikely(&spin_lock_work)) {
		__lock_acquire(&l->dep_map, LD_READ);
		if (static_branch_unlikely(&smp_lock_words))
			arch_read_lock(&l->raw);
	}
}

static __always_inline void read_unlock(rwlock_t *l)
{
	if (static_branch_unlikely(&spin_lock_work)) {
		__lock_release(&l->dep_map);
		if (static_branch_unlikely(&smp_lock_words))
			arch_read_unlock(&l->raw);
	}
}

static __always_inline void write_lock(rwlock_t *l)
{
	if (static_branch_unlikely(&spin_lock_work)) {
		__lock_acquire(&l->dep_map, LD_WRITE);
		if (static_branch_unlikely(&smp_lock_words))
			arch_write_lock(&l->raw);
	}
}

static __always_inline void write_unlock(rwlock_t *l)
{
	if (static_branch_unlikely(&spin_lock_work)) {
		__lock_release(&l->dep_map);
		if (static_branch_unlikely(&smp_lock_words))
			arch_write_unlock(&l->raw);
	}
}

static __always_inline void read_lock_irq(rwlock_t *l) { local_irq_disable(); read_lock(l); }
static __always_inline void read_unlock_irq(rwlock_t *l) { read_unlock(l); local_irq_enable(); }
static __always_inline void write_lock_irq(rwlock_t *l) { local_irq_disable(); write_lock(l); }
static __always_inline void write_unlock_irq(rwlock_t *l) { write_unlock(l); local_irq_enable(); }
#define read_lock_irqsave(l, flags) \
	do { (flags) = local_irq_save(); read_lock(l); } while (0)
static __always_inline void read_unlock_irqrestore(rwlock_t *l, unsigned long flags)
{
	read_unlock(l);
	local_irq_restore(flags);
}
#define write_lock_irqsave(l, flags) \
	do { (flags) = local_irq_save(); write_lock(l); } while (0)
static __always_inline void write_unlock_irqrestore(rwlock_t *l, unsigned long flags)
{
	write_unlock(l);
	local_irq_restore(flags);
}

#endif
