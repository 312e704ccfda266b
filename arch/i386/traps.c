/* arch/i386/traps.c: what happens after entry.asm has built a pt_regs frame.
 * do_trap_entry() sends exceptions, IRQs and system calls their way. A page
 * fault at a user address is first offered to the address space's fault
 * handler (demand paging, stack growth, copy-on-write: mm/memory.c); one that
 * failed for lack of memory goes to the OOM killer (include/oom.h) and is
 * retried; one it cannot resolve, and any other user-mode exception, is a
 * signal to the faulting thread (SIGSEGV, SIGFPE, SIGILL, SIGTRAP, SIGBUS). A kernel
 * exception is then looked up in the exception table (a user copy that hit a
 * bad address resumes at its fixup), then offered to an armed trap catcher
 * (self-tests), and is otherwise fatal: die()
 * prints the frame, the symbolized EIP and a backtrace, and panics. A fatal
 * page fault first says, in Linux's words, what the access was, and names
 * the protection it broke: SMAP (a kernel access to a user address outside
 * the uaccess helpers), SMEP (a kernel jump into a user page) or the
 * read-only kernel text (arch/i386/cpu.c, pgtable.c).
 * #NM (device not available) is not an error: it is the lazy FPU switch
 * (arch/i386/process.c). */
#include <kernel.h>
#include <lockdep.h>
#include <errno.h>
#include <kallsyms.h>
#include <sched.h>
#include <sched/signal.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/smap.h>
#include <asm/traps.h>
#include <asm/uaccess.h>
#include <mman.h>
#include <oom.h>
#include <uapi/linux/signal.h>

static const char *const trap_names[] = {
	"divide error", "debug", "NMI", "int3", "overflow", "bounds",
	"invalid opcode", "device not available", "double fault",
	"coprocessor segment overrun", "invalid TSS", "segment not present",
	"stack segment", "general protection", "page fault", "reserved",
	"x87 FPU error", "alignment check", "machine check", "SIMD FP exception",
};

const char *trap_name(unsigned int vector)
{
	if (vector < ARRAY_SIZE(trap_names))
		return trap_names[vector];
	return vector < 32 ? "reserved" : "interrupt";
}

void uncatch_trap(struct trap_catch *c)
{
	BUG_ON(trap_catcher != c);
	trap_catcher = c->prev;
}

/* Hand the trap to the innermost catcher that wants this vector, if any. */
static void try_catchers(struct pt_regs *regs)
{
	struct trap_catch *c;

	for (c = trap_catcher; c; c = c->prev) {
		if (c->vector != TRAP_ANY && c->vector != (int)regs->trapno)
			continue;
		trap_catcher = c->prev;
		c->regs = *regs;
		c->cr2 = read_cr2();
		c->task = current;
		c->handler_eflags = read_eflags();
		klongjmp(&c->env, 1);
	}
}

void show_regs(const struct pt_regs *regs)
{
	char sym[96];

	sprint_symbol(sym, sizeof(sym), regs->eip);
	printk(KERN_EMERG "EIP: %04x:%08x %s\n", regs->cs & 0xFFFF, regs->eip, sym);
	printk(KERN_EMERG "EFLAGS: %08x  CR0: %08x  CR2: %08x  CR3: %08x\n",
	       regs->eflags, read_cr0(), read_cr2(), read_cr3());
	printk(KERN_EMERG "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n",
	       regs->eax, regs->ebx, regs->ecx, regs->edx);
	printk(KERN_EMERG "ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n",
	       regs->esi, regs->edi, regs->ebp,
	       user_mode(regs) ? regs->esp : kernel_stack_pointer(regs));
	printk(KERN_EMERG "DS: %04x ES: %04x FS: %04x GS: %04x  trap %u error %08x\n",
	       regs->ds & 0xFFFF, regs->es & 0xFFFF, regs->fs & 0xFFFF, regs->gs & 0xFFFF,
	       regs->trapno, regs->error_code);
}

/* The registers at the call of panic(), for its report (Linux's
 * crash_setup_regs): eip is the caller's return address and ebp the caller's
 * frame pointer `frame`, esp the caller's stack pointer at the call (just
 * above the return address); the rest are what they hold now. Not inlined,
 * so `frame` is a real frame of the caller's. */
__noinline void crash_setup_regs(struct pt_regs *r, unsigned long frame)
{
	__asm__ __volatile__("movl %%eax, %0; movl %%ebx, %1; movl %%ecx, %2; movl %%edx, %3;"
			     "movl %%esi, %4; movl %%edi, %5"
			     : "=m"(r->eax), "=m"(r->ebx), "=m"(r->ecx), "=m"(r->edx),
			       "=m"(r->esi), "=m"(r->edi));
	__asm__ __volatile__("movl %%cs, %0; movl %%ds, %1; movl %%es, %2; movl %%fs, %3; movl %%gs, %4"
			     : "=r"(r->cs), "=r"(r->ds), "=r"(r->es), "=r"(r->fs), "=r"(r->gs));
	r->eflags = read_eflags();
	r->ebp = frame;
	r->eip = ((unsigned long *)frame)[1];
	r->esp = frame + 8;
	r->trapno = TRAPNO_NONE;
	r->error_code = 0;
}

void die(const char *what, struct pt_regs *regs)
{
	unsigned long guess = frameless_caller(regs->eip, kernel_stack_pointer(regs));

	debug_locks_off();          /* as panic(): printing under held locks */
	oops_in_progress = 1;
	console_verbose();
	printk(KERN_EMERG "Oops: %s, error %#x, in task %s\n", what, regs->error_code,
	       panic_task_name());
	show_regs(regs);
	printk(KERN_EMERG "Call Trace:\n");
	printk(KERN_EMERG " [<%08x>] %pS\n", regs->eip, (void *)regs->eip);
	if (guess && !user_mode(regs))
		printk(KERN_EMERG " [<%08lx>] ? %pB\n", guess, (void *)guess);
	show_backtrace(regs->ebp);
	panic("Fatal exception: %s", what);
}

unsigned long user_faults_resolved;

/* A kernel-mode fault at a user address that no page-in can cure: an
 * instruction fetch (the kernel never runs user code; with SMEP on, a
 * present user page faults too), or with SMAP on a data access outside a
 * uaccess window (EFLAGS.AC clear), present page or not, as Linux. */
static bool kernel_user_access_forbidden(const struct pt_regs *regs, unsigned long addr)
{
	if (user_mode(regs) || addr >= TASK_SIZE)
		return false;
	if (regs->error_code & X86_PF_INSTR)
		return true;
	return smap_enabled && !(regs->eflags & X86_EFLAGS_AC);
}

/* Which protection a fatal kernel page fault ran into, for the oops. */
static const char *kernel_fault_cause(const struct pt_regs *regs, unsigned long addr)
{
	u32 err = regs->error_code;

	if (addr < TASK_SIZE && (err & X86_PF_INSTR))
		return (err & X86_PF_PROT) && (read_cr4() & X86_CR4_SMEP)
			? "page fault: kernel jump into a user page (SMEP)"
			: "page fault: kernel jump to a user address";
	if (addr < TASK_SIZE && kernel_user_access_forbidden(regs, addr))
		return "page fault: kernel access to a user address outside uaccess (SMAP)";
	if (addr >= PAGE_OFFSET && (err & (X86_PF_PROT | X86_PF_WRITE)) == (X86_PF_PROT | X86_PF_WRITE))
		return "page fault: kernel write to read-only kernel memory";
	return "page fault";
}

/* Contract: report a page fault nothing resolved in kernel mode, as Linux's
 * show_fault_oops words it, and die naming the cause. Never returns. */
static __noreturn void page_fault_oops(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();
	u32 err = regs->error_code;

	/* before the first printk, as die(): a fault inside the lock checker
	 * holds its graph lock, which a checked printk would wait for */
	debug_locks_off();
	printk(KERN_EMERG "BUG: %s, address: %08lx\n", addr < PAGE_SIZE ?
	       "kernel NULL pointer dereference" : "unable to handle page fault for address", addr);
	printk(KERN_EMERG "#PF: supervisor %s in %s mode\n",
	       err & X86_PF_INSTR ? "instruction fetch" : err & X86_PF_WRITE ? "write access" :
	       "read access", err & X86_PF_USER ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04x) - %s\n", err,
	       err & X86_PF_PROT ? "permissions violation" : "not-present page");
	die(kernel_fault_cause(regs, addr), regs);
}

/* Contract: resolve a page fault (#PF, the address in CR2) in current's
 * address space: demand paging, file pages, stack growth, copy-on-write
 * (fault_in_user_address, mm/memory.c). Returns 0 when the faulting
 * instruction can be retried, else fault_in_user_address's error: the
 * caller then takes a user-mode -ENOMEM to the OOM killer
 * (user_fault_out_of_memory), sends any other user-mode fault SIGSEGV, or
 * SIGBUS for -EIO (a file page past the end of its file), through
 * user_trap_signal, and takes a kernel one to the exception table or
 * die(). The user path: a fault from
 * ring 3 (FAULT_USER) is served only for an address below TASK_SIZE inside
 * a VMA that allows the access, or just below a stack VMA, which grows down
 * if the address is within 64 KiB of the user esp and the stack limit.
 * Kernel code gets here from a user copy; one into a page not yet touched
 * succeeds instead of taking the fixup path. A kernel access to a user
 * address that SMAP or SMEP forbids is -EFAULT at once. Entered with interrupts off
 * (an interrupt gate: CR2 is read before anything can fault again); turns
 * them on if the faulting code had them on, as user code always does, and
 * leaves them so (do_trap_entry turns them off again before the return to
 * user mode). */
/* fault_in_user_address with mm's mmap_lock held for reading (none for a
 * kernel thread's fault: it has no user half to fault in). */
static int lock_and_fault_in(struct mm_struct *mm, unsigned long addr, unsigned int flags,
			     unsigned long esp)
{
	int err;

	if (!mm)
		return -EFAULT;
	down_read(&mm->mmap_lock);
	err = fault_in_user_address(mm, addr, flags, esp);
	up_read(&mm->mmap_lock);
	return err;
}

static int do_page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();
	unsigned int flags = 0;
	int err;

	if (regs->eflags & X86_EFLAGS_IF)
		local_irq_enable();     /* as the faulting code had them: may sleep */
	if (kernel_user_access_forbidden(regs, addr))
		return -EFAULT;         /* never resolved: it would fault again forever */
	if (regs->error_code & X86_PF_WRITE)
		flags |= FAULT_WRITE;
	if (user_mode(regs))
		flags |= FAULT_USER;
	err = lock_and_fault_in(current->mm, addr, flags, user_mode(regs) ? regs->esp : 0);
	if (!err) {
		user_faults_resolved++;
		current->min_flt++;              /* getrusage, /proc/<pid>/stat */
	}
	return err;
}

/* si_code of an unmasked floating-point exception: flags is the x87
 * status word, or MXCSR, whose 6 low bits have the same meaning (invalid,
 * denormal, divide by zero, overflow, underflow, precision); masked
 * holds the mask bits at the same places. Linux's order. */
static int fpe_code(u32 flags, u32 masked)
{
	u32 err = flags & ~masked & 0x3f;

	if (err & 0x01)
		return FPE_FLTINV;
	if (err & 0x04)
		return FPE_FLTDIV;
	if (err & 0x08)
		return FPE_FLTOVF;
	if (err & 0x12)
		return FPE_FLTUND;
	if (err & 0x20)
		return FPE_FLTRES;
	return FPE_FLTINV;
}

/* The x87 (#MF) or SSE (#XM) exception pending in the live FPU state (a
 * user instruction just raised it, so the state is in the registers);
 * the no-wait reads do not raise it again. */
static int fpu_trap_code(int trapno)
{
	u16 sw, cw;
	u32 mxcsr;

	if (trapno == X86_TRAP_MF) {
		__asm__ __volatile__("fnstsw %0\n\tfnstcw %1" : "=m"(sw), "=m"(cw));
		return fpe_code(sw, cw);
	}
	__asm__ __volatile__("stmxcsr %0" : "=m"(mxcsr));
	return fpe_code(mxcsr, mxcsr >> 7);
}

/* The signal, si_code and si_addr Linux gives an exception raised by
 * user code: the faulting address for a page fault, else the instruction.
 * fault_err is the page fault's error: -EIO is an access past the end of
 * a mapped file, SIGBUS (BUS_ADRERR). */
static int trap_signal(struct pt_regs *regs, int fault_err, int *code, u32 *addr)
{
	*addr = regs->eip;
	switch (regs->trapno) {
	case X86_TRAP_DE: *code = FPE_INTDIV; return SIGFPE;
	case X86_TRAP_UD: *code = ILL_ILLOPN; return SIGILL;
	case X86_TRAP_DB: *code = TRAP_BRKPT; return SIGTRAP;
	case X86_TRAP_BP: *code = SI_KERNEL; *addr = 0; return SIGTRAP;   /* int3, as Linux */
	case X86_TRAP_AC: *code = BUS_ADRERR; return SIGBUS;
	case X86_TRAP_MF:
	case X86_TRAP_XF: *code = fpu_trap_code(regs->trapno); return SIGFPE;
	case X86_TRAP_NP:
	case X86_TRAP_SS: *code = SI_KERNEL; *addr = 0; return SIGBUS;
	case X86_TRAP_PF:
		*addr = read_cr2();
		if (fault_err == -EIO) {
			*code = BUS_ADRERR;
			return SIGBUS;
		}
		*code = find_vma(current->mm, *addr) &&
			find_vma(current->mm, *addr)->vm_start <= *addr ? SEGV_ACCERR : SEGV_MAPERR;
		return SIGSEGV;
	default: *code = SI_KERNEL; *addr = 0; return SIGSEGV;
	}
}

/* A user-mode exception nothing resolved: the faulting thread gets the
 * signal, which it cannot block or ignore (force_sig_fault); a handler
 * runs on the way out, or the default action ends the process. */
static void user_trap_signal(struct pt_regs *regs, int fault_err)
{
	int code;
	u32 addr;
	int sig = trap_signal(regs, fault_err, &code, &addr);

	if (current->sighand->action[sig - 1].handler <= SIG_IGN ||
	    (current->blocked & sigmask(sig)))          /* it will be fatal: say why */
		pr_info("%s[%d]: %s at %08x ip %08x sp %08x error %x\n", current->comm,
			current->pid, trap_name(regs->trapno), addr, regs->eip, regs->esp,
			regs->error_code);
	local_irq_enable();
	force_sig_fault(sig, code, addr);
}

/* A user fault that failed for memory (Linux's VM_FAULT_OOM): the OOM
 * killer has chosen a victim, maybe current. The instruction is retried
 * (or current dies of its SIGKILL on the way out); when nothing could be
 * killed, current gets SIGKILL itself (Linux 2.6's answer; later ones
 * panic), so a fault never loops and never becomes a SIGSEGV the program
 * did not earn. */
static void user_fault_out_of_memory(void)
{
	if (pagefault_out_of_memory())
		return;
	pr_err("Out of memory: no killable process: killing the faulting process %d (%s)\n",
	       current->tgid, current->comm);
	force_sig(SIGKILL);
}

extern char ret_from_trap_segs[], ret_from_trap_segs_end[];

/* A #GP as ret_from_trap popped a user selector gone stale (entry.asm).
 * This frame saved fs and gs as they are now: the kernel never reloads
 * them, so they hold the same stale selector, and popping it on the way
 * to the fixup would fault again, forever. The kernel does not use them. */
static void null_stale_segments(struct pt_regs *regs)
{
	if (regs->eip >= (u32)ret_from_trap_segs && regs->eip < (u32)ret_from_trap_segs_end)
		regs->fs = regs->gs = 0;
}

void do_exception(struct pt_regs *regs)
{
	int fault_err = 0;

	if (regs->trapno == X86_TRAP_NM) {
		math_state_restore();
		return;
	}
	if (regs->trapno == X86_TRAP_PF) {
		fault_err = do_page_fault(regs);
		if (!fault_err)
			return;
		if (fault_err == -ENOMEM && user_mode(regs)) {
			user_fault_out_of_memory();   /* retry, or die of SIGKILL */
			return;
		}
	}
	if (user_mode(regs)) {
		user_trap_signal(regs, fault_err);
		return;
	}
	null_stale_segments(regs);
	if (fixup_exception(regs))              /* a user copy hit a bad address */
		return;
	try_catchers(regs);
	if (regs->trapno == X86_TRAP_PF)
		page_fault_oops(regs);
	die(trap_name(regs->trapno), regs);
}

void do_trap_entry(struct pt_regs *regs)
{
	if (!user_mode(regs))           /* c19: about to run off the stack? */
		check_stack_depth(current, (unsigned long)regs);
	if (regs->trapno < FIRST_EXTERNAL_VECTOR)
		do_exception(regs);
	else if (regs->trapno < FIRST_EXTERNAL_VECTOR + NR_IRQS)
		do_irq(regs);
	else if (regs->trapno == SYSCALL_VECTOR) {
		local_irq_enable();     /* system calls run with interrupts on */
		do_syscall(regs);
	} else if (regs->trapno >= FIRST_SYSTEM_VECTOR)
		smp_apic_interrupt(regs);   /* local APIC: timer, IPIs */
	if (user_mode(regs)) {
		local_irq_disable();    /* no wake-up missed between check and iret */
		exit_to_user_mode(regs);   /* the one preemption point (sched.h) */
	}
}
