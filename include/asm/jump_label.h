/* include/asm/jump_label.h: Linux's static branches in small, for a test
 * that is decided once at boot and read on hot paths (the lock checker's
 * `debug_locks`, off under nolockdep). Each site is one 5-byte jmp to the
 * unlikely code, recorded in the __jump_table section with the address of
 * its key (a bool). jump_label_init (arch/i386/jump_label.c), run while the
 * kernel text is still writable and one CPU runs, turns the jmp of every
 * site whose key is false into a 5-byte nop: the test then costs one nop
 * instead of a load, a compare and a branch. A site whose key is true keeps
 * its jmp, and so does every site before jump_label_init: the code behind
 * it must look at the key itself (it may also be cleared later, as
 * debug_locks is by a panic; a key is never turned on after boot).
 * static_insn3 records an instruction instead of a jmp: it becomes a nop
 * when its key is false (stac and clac when the CPU runs without SMAP). */
#ifndef TASKLAB_ASM_JUMP_LABEL_H
#define TASKLAB_ASM_JUMP_LABEL_H

#include <types.h>

struct jump_entry {
	unsigned long code;              /* the site's first byte */
	const bool *key;
	unsigned long len;               /* bytes made nops when *key is false */
};

/* One __jump_table entry for the site at local label 1, of len bytes. */
#define JUMP_TABLE_ENTRY(len)                                           \
	".pushsection __jump_table, \"a\"\n\t.balign 4\n\t"               \
	".long 1b, %c0, " #len "\n\t.popsection"

/* True (the jmp is taken) unless jump_label_init found *key false. */
static inline __attribute__((always_inline)) bool static_branch_unlikely(const bool *key)
{
	__asm__ goto("1:\t.byte 0xe9\n\t.long %l[yes] - 2f\n2:\n\t" JUMP_TABLE_ENTRY(5)
		     : : "i"(key) : : yes);
	return false;
yes:
	return true;
}

/* A 3-byte instruction that runs only if *key is true: jump_label_init
 * makes it a nop otherwise (stac and clac without SMAP, Linux's
 * alternatives in small). Before that it runs whatever the key says, so
 * it must be harmless or unreached until then. */
#define static_insn3(key, insn)                                         \
	__asm__ __volatile__("1:\t" insn "\n\t" JUMP_TABLE_ENTRY(3) : : "i"(key) : "memory")

/* Once, from start_kernel after the keys are final and before mem_init
 * makes the text read-only; one CPU runs. The sites of the few keys that
 * are decided later (smp_lock_words) keep their jmp until
 * jump_label_apply(key) (arch/i386/jump_label.c). */
void jump_label_init(void);
unsigned int jump_label_apply(const bool *key);

#endif
