/* include/asm/bitops.h: atomic bit operations on a word in memory, as Linux
 * i386's: one instruction with a lock prefix (bts, btr, btc), so two CPUs
 * changing different bits of one word never lose each other's change, and
 * the test_and_ forms tell exactly one of two racing callers that it made
 * the change. Each is a full barrier (a locked instruction orders all
 * memory accesses around it). nr counts from bit 0 of addr[0] across as
 * many words as it reaches (the bit-string form of bts/btr/btc, nr in a
 * register). test_bit is a plain read. Used for thread_info->flags (set
 * by other CPUs: a signal, a reschedule) and wherever a flag word is
 * shared. */
#ifndef TASKLAB_ASM_BITOPS_H
#define TASKLAB_ASM_BITOPS_H

#include <types.h>

static inline void set_bit(int nr, volatile unsigned long *addr)
{
	__asm__ __volatile__("lock btsl %1, %0" : "+m"(*addr) : "r"(nr) : "memory");
}

static inline void clear_bit(int nr, volatile unsigned long *addr)
{
	__asm__ __volatile__("lock btrl %1, %0" : "+m"(*addr) : "r"(nr) : "memory");
}

static inline void change_bit(int nr, volatile unsigned long *addr)
{
	__asm__ __volatile__("lock btcl %1, %0" : "+m"(*addr) : "r"(nr) : "memory");
}

/* The bit's old value; it is set / cleared now. */
static inline bool test_and_set_bit(int nr, volatile unsigned long *addr)
{
	bool old;

	__asm__ __volatile__("lock btsl %2, %0" : "+m"(*addr), "=@ccc"(old) : "r"(nr) : "memory");
	return old;
}

static inline bool test_and_clear_bit(int nr, volatile unsigned long *addr)
{
	bool old;

	__asm__ __volatile__("lock btrl %2, %0" : "+m"(*addr), "=@ccc"(old) : "r"(nr) : "memory");
	return old;
}

static inline bool test_bit(int nr, const volatile unsigned long *addr)
{
	return (addr[nr >> 5] >> (nr & 31)) & 1;
}

#endif
