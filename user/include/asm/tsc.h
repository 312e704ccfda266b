/* user/include/asm/tsc.h: rdtsc for user programs, the one place a user
 * benchmark reads the time-stamp counter. Under QEMU -icount, as `make
 * bench` runs, the counter counts guest instructions and repeats exactly
 * from run to run. Our programs include it as <asm/tsc.h>; the glibc ones
 * in user/glibc include it by its relative path, so that our libc's
 * headers never shadow glibc's. It needs only <stdint.h>, which both C
 * libraries have.
 *
 * The kernel reads the counter with include/asm/processor.h's rdtsc; its
 * rule that inline assembly lives only in arch/i386 and include/asm is a
 * kernel rule, and this header is the user-space side of the same idea:
 * the instruction is written once, here, not in each benchmark. */
#ifndef _TL_ASM_TSC_H
#define _TL_ASM_TSC_H

#include <stdint.h>

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#endif
