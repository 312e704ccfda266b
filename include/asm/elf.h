/* include/asm/elf.h: what the i386 ELF loader tells a new program about the
 * CPU (Linux's asm/elf.h), and the i386 register sets a core file carries
 * (arch/i386/regset.c). AT_HWCAP is CPUID leaf 1's edx, the feature flags
 * (fpu, tsc, cmov, mmx, sse, ...), which glibc reads to pick its routines.
 * The register sets have Linux's user-visible i386 layouts, which gdb
 * recognizes by their sizes. */
#ifndef TASKLAB_ASM_ELF_H
#define TASKLAB_ASM_ELF_H

#include <asm/processor.h>

#define ELF_HWCAP (cpuid_edx(1))

/* struct user_regs_struct, the general registers of NT_PRSTATUS: ebx ecx
 * edx esi edi ebp eax, ds es fs gs, orig_eax, eip cs eflags esp ss. */
#define ELF_NGREG 17
typedef u32 elf_gregset_t[ELF_NGREG];

/* struct user_i387_struct (NT_PRFPREG, 108 bytes): the x87 state as fsave
 * stores it, the eight registers 10 bytes each in stack order. */
struct user_i387_struct {
	u32 cwd, swd, twd;                /* control, status, full tag word */
	u32 fip, fcs;                     /* last instruction: offset, selector | opcode << 16 */
	u32 foo, fos;                     /* last operand: offset, selector */
	u8 st_space[80];
};

struct pt_regs;
struct task_struct;
/* The user registers of a frame, as NT_PRSTATUS holds them. */
void elf_core_copy_regs(elf_gregset_t gregs, const struct pt_regs *regs);
/* p's FPU state as an fxsave image (NT_PRXFPREG): current's is saved from
 * the FPU first; a task that never used the FPU gets the state fninit
 * leaves (in *scratch). p must not run meanwhile (the dumper or a thread
 * waiting for it). */
const struct fpu_state *task_fxsave_image(struct task_struct *p, struct fpu_state *scratch);
/* The same state in the fsave layout (Linux's convert_from_fxsr). */
void convert_from_fxsr(struct user_i387_struct *env, const struct fpu_state *fx);

#endif
