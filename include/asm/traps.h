/* include/asm/traps.h: CPU exceptions, and "trap catchers" that let kernel code
 * (the self-tests) survive a deliberate fault: arm a catcher, fault, and control
 * comes back from catch_trap() a second time with the fault's registers. */
#ifndef TASKLAB_ASM_TRAPS_H
#define TASKLAB_ASM_TRAPS_H

#include <types.h>
#include <asm/ptrace.h>
#include <asm/thread_info.h>

struct task_struct;

enum {
	X86_TRAP_DE = 0, X86_TRAP_DB, X86_TRAP_NMI, X86_TRAP_BP, X86_TRAP_OF,
	X86_TRAP_BR, X86_TRAP_UD, X86_TRAP_NM, X86_TRAP_DF, X86_TRAP_OLD_MF,
	X86_TRAP_TS, X86_TRAP_NP, X86_TRAP_SS, X86_TRAP_GP, X86_TRAP_PF,
	X86_TRAP_SPURIOUS, X86_TRAP_MF, X86_TRAP_AC, X86_TRAP_MC, X86_TRAP_XF,
};

/* A page fault's error code (Linux's enum x86_pf_error_code). */
#define X86_PF_PROT  0x01            /* set: a protection violation; clear: not present */
#define X86_PF_WRITE 0x02
#define X86_PF_USER  0x04            /* the access was made in user mode */
#define X86_PF_RSVD  0x08
#define X86_PF_INSTR 0x10            /* an instruction fetch (reported with SMEP on) */

/* Callee-saved state for ksetjmp/klongjmp (arch/i386/setjmp.asm). */
struct kjmp_buf {
	u32 ebx, esi, edi, ebp, esp, eip, eflags;
};
int ksetjmp(struct kjmp_buf *env) __attribute__((returns_twice));
void klongjmp(struct kjmp_buf *env, int val) __noreturn;

#define TRAP_ANY (-1)

struct trap_catch {
	struct kjmp_buf env;
	int vector;                  /* the vector to catch, or TRAP_ANY */
	struct pt_regs regs;         /* the trap frame, filled when caught */
	u32 cr2;                     /* the faulting address of a #PF */
	struct task_struct *task;    /* current, as the exception handler found it */
	u32 handler_eflags;          /* EFLAGS as the handler ran (AC cleared at entry) */
	struct trap_catch *prev;     /* catchers nest: innermost first */
};

/* The innermost armed catcher of the running task: catchers are per task (kept
 * in thread_info), so a fault in one kernel thread never jumps onto another's
 * stack. */
#define trap_catcher (current_thread_info()->trap_catcher)

/* Arm `c` for `vector`; evaluates to 0 when armed, 1 when a trap was caught
 * (then c->regs holds the frame and the catcher is already disarmed). */
#define catch_trap(c, vec) \
	((c)->vector = (vec), (c)->prev = trap_catcher, trap_catcher = (c), ksetjmp(&(c)->env))
/* Disarm a catcher whose code did not trap. */
void uncatch_trap(struct trap_catch *c);

/* int3: a #BP trap (vector X86_TRAP_BP) whose saved EIP is the instruction
 * after it, as a debugger's breakpoint (self-tests of the trap paths). */
static inline void arch_breakpoint(void) { __asm__ __volatile__("int3" ::: "memory"); }

/* A system call through the int $0x80 gate from kernel mode: the whole entry
 * and exit path a user program takes, minus the privilege change (self-tests
 * of system calls before user processes exist). Returns eax: a result or
 * -errno. */
static inline long syscall_trap(long nr, long a, long b, long c)
{
	long ret;

	__asm__ __volatile__("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

const char *trap_name(unsigned int vector);
void show_regs(const struct pt_regs *regs);
/* Fill r as the registers at the call that made `frame` (panic's report). */
void crash_setup_regs(struct pt_regs *r, unsigned long frame);
void do_exception(struct pt_regs *regs);
/* The C entry of every trap (entry.asm); reschedules on the way to user mode. */
void do_trap_entry(struct pt_regs *regs);
/* A system call from int $0x80; kernel/syscall.c provides the real one. */
void do_syscall(struct pt_regs *regs);

#endif
