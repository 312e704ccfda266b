/* include/asm/spinlock.h: the i386 lock words under spinlock_t and rwlock_t
 * (include/spinlock.h), correct when several CPUs race for them.
 *
 * A spinlock is a ticket lock, as Linux i386 since 2.6.25: one 32-bit word,
 * `next` in the high half and `owner` in the low half. Taking it is one
 * `lock xadd` that draws the next ticket; the taker then waits, with `pause`
 * in the loop (it tells the CPU this is a spin-wait: less power, no memory
 * order mis-speculation on exit), until `owner` reaches its ticket. Release
 * is a plain increment of `owner` by the holder alone: x86 keeps stores in
 * order, so every store made under the lock is visible before it. Tickets
 * make the lock fair (FIFO): no CPU starves while others retake it.
 *
 * A rwlock is Linux i386's biased counter: RW_LOCK_BIAS when free, a reader
 * subtracts 1 (it got in if the result is still positive), a writer
 * subtracts the whole bias (it got in if the result is 0); a taker that
 * failed puts back what it took and spins reading until it could succeed. */
#ifndef TASKLAB_ASM_SPINLOCK_H
#define TASKLAB_ASM_SPINLOCK_H

#include <types.h>
#include <asm/barrier.h>
#include <asm/processor.h>

typedef struct {
	volatile u32 slock;              /* next ticket << 16 | owner */
} arch_spinlock_t;

#define __ARCH_SPIN_LOCK_UNLOCKED { 0 }
#define TICKET_SHIFT 16

static inline void arch_spin_lock(arch_spinlock_t *l)
{
	u32 t = 1U << TICKET_SHIFT, next;
	bool free;

	/* The two halves compared as 16-bit words, straight from the flags:
	 * the uncontended path is the xadd and three instructions. */
	__asm__ __volatile__("lock; xaddl %0, %1\n\t"
			     "movl %0, %2\n\t"
			     "shrl $16, %2\n\t"
			     "cmpw %w0, %w2"
			     : "+r"(t), "+m"(l->slock), "=&r"(next), "=@ccz"(free) :: "memory");
	if (likely(free))
		return;                  /* it was free: the ticket drawn is the owner's */
	while ((u16)l->slock != (u16)(t >> TICKET_SHIFT))
		cpu_relax();
	barrier();
}

/* Take it only if nobody holds or waits for it: true on success. */
static inline bool arch_spin_trylock(arch_spinlock_t *l)
{
	u32 old = l->slock;

	if ((u16)old != (u16)(old >> TICKET_SHIFT))
		return false;
	return __sync_bool_compare_and_swap(&l->slock, old, old + (1U << TICKET_SHIFT));
}

static inline void arch_spin_unlock(arch_spinlock_t *l)
{
	barrier();
	__asm__ __volatile__("incw %0" : "+m"(*(volatile u16 *)&l->slock) :: "memory");
}

static inline bool arch_spin_is_locked(const arch_spinlock_t *l)
{
	u32 v = l->slock;

	return (u16)v != (u16)(v >> TICKET_SHIFT);
}

#define RW_LOCK_BIAS 0x01000000

typedef struct {
	volatile int lock;               /* RW_LOCK_BIAS - readers, 0: a writer */
} arch_rwlock_t;

#define __ARCH_RW_LOCK_UNLOCKED { RW_LOCK_BIAS }

static inline void arch_read_lock(arch_rwlock_t *l)
{
	while (__sync_sub_and_fetch(&l->lock, 1) < 0) {
		__sync_add_and_fetch(&l->lock, 1);
		while (l->lock <= 0)
			cpu_relax();
	}
}

static inline void arch_read_unlock(arch_rwlock_t *l)
{
	__sync_add_and_fetch(&l->lock, 1);
}

static inline void arch_write_lock(arch_rwlock_t *l)
{
	while (__sync_sub_and_fetch(&l->lock, RW_LOCK_BIAS) != 0) {
		__sync_add_and_fetch(&l->lock, RW_LOCK_BIAS);
		while (l->lock != RW_LOCK_BIAS)
			cpu_relax();
	}
}

static inline void arch_write_unlock(arch_rwlock_t *l)
{
	__sync_add_and_fetch(&l->lock, RW_LOCK_BIAS);
}

#endif
