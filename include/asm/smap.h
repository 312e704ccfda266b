/* include/asm/smap.h: opening and closing a window for kernel access to user
 * pages. With SMAP on (CR4.SMAP), a kernel-mode data access to a page with
 * the user bit faults unless EFLAGS.AC is set: stac sets it, clac clears it.
 * Only the uaccess helpers (arch/i386/uaccess.c) open the window, around the
 * one instruction or string instruction that touches user memory, so a
 * kernel access to a user address anywhere else oopses instead of working by
 * accident. The trap entry clears AC (entry.asm), so neither a user program
 * that set AC nor an interrupt taken inside a window runs kernel code with it;
 * the saved EFLAGS brings it back on the way out. Linux patches stac/clac into
 * nops on a CPU without SMAP; so does Tasklab, at boot (static_insn3,
 * include/asm/jump_label.h), before the text is made read-only and before
 * any user access: with SMAP each is the one instruction, without it one
 * nop (a test of smap_enabled cost a load, a compare and a branch). */
#ifndef TASKLAB_ASM_SMAP_H
#define TASKLAB_ASM_SMAP_H

#include <asm/cpufeature.h>
#include <asm/jump_label.h>

#define X86_EFLAGS_AC 0x00040000

static inline __attribute__((always_inline)) void stac(void)
{
	static_insn3(&smap_enabled, "stac");
}

static inline __attribute__((always_inline)) void clac(void)
{
	static_insn3(&smap_enabled, "clac");
}

#endif
