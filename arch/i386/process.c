/* arch/i386/process.c: the CPU-specific half of task creation and switching
 * (seed claims c26, c33).
 *
 * copy_thread() builds a new task's first kernel stack: a struct pt_regs at
 * the top, and thread.esp/eip so that the first switch to it lands in
 * ret_from_fork (switch_to.asm). __switch_to() runs on every switch before
 * the stacks change: it points TSS.esp0 at the top of next's stack, so the CPU
 * enters the kernel on the right stack (c33), and handles the FPU.
 *
 * FPU strategy: lazy, with CR0.TS, as Linux 2.6 i386. The kernel is compiled
 * with -mgeneral-regs-only, so only user programs and code that asks for it
 * (inline asm in the self-tests) touch the FPU. At switch-out, a task whose
 * state is live in the FPU (TS_USEDFPU) is saved with fxsave and CR0.TS set;
 * the next FPU instruction of whichever task runs raises #NM
 * (device not available), and math_state_restore() clears TS and loads that
 * task's state (fxrstor), or a clean one (fninit) on its first use. Tasks that
 * never use the FPU pay nothing: no fxsave, no CR0 write. */
#include <kernel.h>
#include <sched.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/segment.h>

extern void ret_from_fork(void);
extern void kernel_thread_helper(void);

static inline void clts(void) { __asm__ __volatile__("clts" ::: "memory"); }
static inline void stts(void) { write_cr0(read_cr0() | X86_CR0_TS); }

static inline void fxsave(struct fpu_state *f)
{
	__asm__ __volatile__("fxsave %0" : "=m"(*f) :: "memory");
}

static inline void fxrstor(struct fpu_state *f)
{
	__asm__ __volatile__("fxrstor %0" :: "m"(*f) : "memory");
}

/* Contract: called once at boot. FPU present (MP), no emulation (EM), x87
 * errors as #MF rather than the PC's IRQ 13 (NE), fxsave and SSE enabled
 * (OSFXSR, OSXMMEXCPT), and TS set so the first use traps. */
void fpu_init(void)
{
	write_cr0((read_cr0() | X86_CR0_MP | X86_CR0_NE) & ~X86_CR0_EM);
	write_cr4(read_cr4() | X86_CR4_OSFXSR | 0x400 /* OSXMMEXCPT */);
	stts();
}

/* Save p's live FPU state (if any) into p->thread.fpu and set TS. */
static void unlazy_fpu(struct task_struct *p)
{
	struct thread_info *ti = task_thread_info(p);

	if (!(ti->status & TS_USEDFPU))
		return;
	fxsave(&p->thread.fpu);
	ti->status &= ~TS_USEDFPU;
	sched_stats.fpu_saves++;
	stts();
}

/* #NM: the running task touched the FPU while CR0.TS was set. */
void math_state_restore(void)
{
	struct task_struct *tsk = current;
	static const u32 mxcsr = MXCSR_DEFAULT;

	clts();
	if (tsk->flags & PF_USED_MATH) {
		fxrstor(&tsk->thread.fpu);
	} else {
		__asm__ __volatile__("fninit; ldmxcsr %0" :: "m"(mxcsr));
		tsk->flags |= PF_USED_MATH;
	}
	task_thread_info(tsk)->status |= TS_USEDFPU;
	sched_stats.fpu_traps++;
}

/* Signal frames (arch/i386/signal.c): current's FPU state, if it has one,
 * written back to thread.fpu so it can be copied out; false if it never
 * used the FPU. */
bool fpu_save_current(void)
{
	unsigned long flags = local_irq_save();

	unlazy_fpu(current);
	local_irq_restore(flags);
	return current->flags & PF_USED_MATH;
}

/* Forget current's FPU state: its next FPU instruction starts clean (#NM
 * then fninit), or from thread.fpu if the caller sets PF_USED_MATH again. */
void fpu_drop_current(void)
{
	unsigned long flags = local_irq_save();

	exit_thread(current);
	current->flags &= ~PF_USED_MATH;
	local_irq_restore(flags);
}

/* Called for the parent before its task_struct is copied: the child must
 * inherit the FPU state as it is in the registers, not a stale save. */
void prepare_to_copy(struct task_struct *parent)
{
	unsigned long flags = local_irq_save();

	unlazy_fpu(parent);
	local_irq_restore(flags);
}

/* Contract: the CPU-state half of a switch from prev to next, called by
 * context_switch() on prev's stack after the address space is switched and
 * before switch_to_asm changes stacks: prev's live FPU state is saved (and
 * CR0.TS set), TSS.esp0 points at the top of next's stack, and a next with
 * an mm gets its TLS descriptors in the GDT (and fs/gs cleared). Returns
 * nothing. Interrupts off, as schedule() keeps them from picking next to
 * running it, and left off. */
__attribute__((regparm(2))) void __switch_to(struct task_struct *prev, struct task_struct *next)
{
	int cpu = smp_processor_id();

	unlazy_fpu(prev);
	per_cpu(init_tss, cpu).esp0 = next->thread.esp0;      /* load_esp0 */
	/* A kernel thread never returns to user mode: the GDT may keep the last
	 * user task's TLS slots, which the live fs/gs still match. Only a
	 * task that will return to user mode needs its own slots loaded (and
	 * fs/gs cleared, as the slots they pointed at change). */
	if (next->mm) {
		load_TLS_desc(&next->thread, cpu);
		clear_user_segments();
	}
}

struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)((u32)task_stack_page(p) + THREAD_SIZE) - 1;
}

/* exec's last step: the frame returns to user mode at eip with the stack at
 * esp, user segments, interrupts on and every general register 0 (edx must
 * be 0: glibc's _start registers it as an atexit function). */
void start_thread(struct pt_regs *regs, u32 eip, u32 esp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ds = regs->es = regs->ss = __USER_DS;
	regs->fs = regs->gs = 0;
	regs->cs = __USER_CS;
	regs->eip = eip;
	regs->esp = esp;
	regs->eflags = 0x202;           /* IF, and the always-one bit 1 */
	regs->orig_eax = (u32)-1;
}

/* A dying task's FPU state is dropped, not saved. */
void exit_thread(struct task_struct *p)
{
	struct thread_info *ti = task_thread_info(p);

	if (ti->status & TS_USEDFPU) {
		ti->status &= ~TS_USEDFPU;
		stts();
	}
}

/* Give p its first kernel stack frame: a copy of regs at the top, with eax =
 * 0 (fork returns 0 in the child), resumed through ret_from_fork. */
void copy_thread(struct task_struct *p, struct pt_regs *regs)
{
	u32 top = (u32)task_stack_page(p) + THREAD_SIZE;
	struct pt_regs *childregs = (struct pt_regs *)top - 1;

	*childregs = *regs;
	childregs->eax = 0;
	p->thread.esp0 = top;
	p->thread.esp = (u32)childregs;
	p->thread.eip = (u32)ret_from_fork;
}

/* The register frame a kernel thread starts from: kernel segments,
 * interrupts on, ebx = fn, edx = arg, eip = kernel_thread_helper. */
void kernel_thread_regs(struct pt_regs *regs, int (*fn)(void *), void *arg)
{
	memset(regs, 0, sizeof(*regs));
	regs->ebx = (u32)fn;
	regs->edx = (u32)arg;
	regs->ds = regs->es = __KERNEL_DS;
	regs->cs = __KERNEL_CS;
	regs->eip = (u32)kernel_thread_helper;
	regs->eflags = 0x202;           /* IF, and the always-one bit 1 */
	regs->orig_eax = (u32)-1;
}
