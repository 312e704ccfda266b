/* arch/i386/traps.c: what happens after entry.asm has built a pt_regs frame.
 * do_trap_entry() sends exceptions, IRQs and system calls their way. A kernel
 * exception is first looked up in the exception table (a user copy that hit a
 * bad address resumes at its fixup), then offered to an armed trap catcher
 * (self-tests), and is otherwise fatal: die()
 * prints the frame, the symbolized EIP and a backtrace, and panics. */
#include <kernel.h>
#include <kallsyms.h>
#include <asm/irq.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/uaccess.h>

struct trap_catch *trap_catcher;

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

void die(const char *what, struct pt_regs *regs)
{
	printk(KERN_EMERG "Oops: %s, error %#x, in task %s\n", what, regs->error_code,
	       panic_task_name());
	show_regs(regs);
	printk(KERN_EMERG "Call Trace:\n");
	printk(KERN_EMERG " [<%08x>] %pS\n", regs->eip, (void *)regs->eip);
	show_backtrace(regs->ebp);
	panic("Fatal exception: %s", what);
}

void do_exception(struct pt_regs *regs)
{
	char what[64];

	if (!user_mode(regs)) {
		if (fixup_exception(regs))      /* a user copy hit a bad address */
			return;
		try_catchers(regs);
	}
	snprintf(what, sizeof(what), "%s%s", trap_name(regs->trapno),
		 user_mode(regs) ? " in user mode" : "");
	die(what, regs);
}

void do_trap_entry(struct pt_regs *regs)
{
	if (regs->trapno < FIRST_EXTERNAL_VECTOR)
		do_exception(regs);
	else if (regs->trapno < FIRST_EXTERNAL_VECTOR + NR_IRQS)
		do_irq(regs);
	else if (regs->trapno == SYSCALL_VECTOR)
		do_syscall(regs);
}
