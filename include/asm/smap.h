/* include/asm/smap.h: opening and closing a window for kernel access to user
 * pages. With SMAP on (CR4.SMAP), a kernel-mode data access to a page with
 * the user bit faults unless EFLAGS.AC is set: stac sets it, clac clears it.
 * Only the uaccess helpers (arch/i386/uaccess.c) open the window, around the
 * one instruction or string instruction that touches user memory, so a
 * kernel access to a user address anywhere else oopses instead of working by
 * accident. The trap entry clears AC (entry.asm), so neither a user program
 * that set AC nor an interrupt taken inside a window runs kernel code with it;
 * the saved EFLAGS brings it back on the way out. Linux patches stac/clac into
 * nops on a CPU without SMAP; Tasklab's text is read-only and never patched,
 * so the instructions are guarded by a test of smap_enabled instead. */
#ifndef TASKLAB_ASM_SMAP_H
#define TASKLAB_ASM_SMAP_H

#include <asm/cpufeature.h>

#define X86_EFLAGS_AC 0x00040000

static inline void stac(void)
{
	if (smap_enabled)
		__asm__ __volatile__("stac" ::: "memory");
}

static inline void clac(void)
{
	if (smap_enabled)
		__asm__ __volatile__("clac" ::: "memory");
}

#endif
