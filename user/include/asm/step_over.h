/* user/include/asm/step_over.h: a byte load and a byte store of exactly
 * two bytes each (8a 01, 88 01), so a SIGBUS or SIGSEGV handler can step
 * over one (EIP += 2) and a test goes on past a faulting access. */
#ifndef _TL_ASM_STEP_OVER_H
#define _TL_ASM_STEP_OVER_H

static inline int load_byte(const volatile void *addr)
{
	int v;

	__asm__ __volatile__("movb (%%ecx), %%al" : "=a"(v) : "c"(addr), "a"(0) : "memory");
	return v & 0xff;
}

static inline void store_byte(volatile void *addr, int c)
{
	__asm__ __volatile__("movb %%al, (%%ecx)" : "+a"(c) : "c"(addr) : "memory");
}

#endif
