/* include/asm/ptrace.h: struct pt_regs, the frame every trap, interrupt and
 * system call builds on the kernel stack (arch/i386/entry.asm). Its first seven
 * words are Linux's i386 order, so the syscall arguments ebx..ebp are in place.
 *
 *   higher addresses
 *   +-----------+
 *   | ss        |  \ pushed by the CPU only on a change of privilege
 *   | esp       |  /  (ring 3 -> ring 0); absent for kernel-mode traps
 *   | eflags    |  \
 *   | cs        |   > pushed by the CPU
 *   | eip       |  /
 *   | orig_eax  |  error code (CPU or stub), syscall number, or ~irq
 *   | trapno    |  vector, pushed by the stub
 *   | gs fs es ds |  pushed by the common entry
 *   | eax ebp edi esi edx ecx ebx |  <- struct pt_regs * (esp at the C call)
 *   +-----------+
 *   lower addresses
 */
#ifndef TASKLAB_ASM_PTRACE_H
#define TASKLAB_ASM_PTRACE_H

#include <types.h>

struct pt_regs {
	u32 ebx, ecx, edx, esi, edi, ebp, eax;
	u32 ds, es, fs, gs;
	u32 trapno;
	union {
		u32 orig_eax;      /* system call number (int $0x80) */
		u32 error_code;    /* CPU error code for exceptions, 0 if none */
	};
	u32 eip, cs, eflags;
	u32 esp, ss;           /* valid only when user_mode(regs) */
};

static inline bool user_mode(const struct pt_regs *regs) { return (regs->cs & 3) == 3; }

/* trapno of a frame filled in by software (panic), not by a trap: its esp is
 * valid as written. */
#define TRAPNO_NONE 0xFFFFFFFFu

/* The kernel-mode stack pointer at the time of the trap: for a trap from ring 0
 * the CPU pushed no esp/ss, so the old esp is just past eflags. */
static inline u32 kernel_stack_pointer(const struct pt_regs *regs)
{
	if (regs->trapno == TRAPNO_NONE)
		return regs->esp;
	return (u32)&regs->esp;
}

/* Leave the kernel through the trap exit (arch/i386/entry.asm) on regs, which
 * must be the frame at the top of the running task's stack: how a kernel
 * thread that has exec'd a program first enters user mode (kernel_execve).
 * The iret takes eflags, so interrupt state is whatever regs says. */
static inline __noreturn void ret_to_user(struct pt_regs *regs)
{
	__asm__ __volatile__("mov %0, %%esp\n\t"
			     "jmp ret_from_trap" :: "r"(regs) : "memory");
	__builtin_unreachable();
}

#endif
