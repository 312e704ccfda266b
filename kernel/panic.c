/* kernel/panic.c: the end of the line. panic() prints the message, where it
 * was called from (registers and a symbolized backtrace), the running task,
 * and then exits QEMU with the panic status (or halts on real hardware and
 * under `make run`, where no isa-debug-exit device exists). A panic inside a
 * panic only halts, so a broken printk cannot loop. */
#include <kernel.h>
#include <kallsyms.h>
#include <ktest.h>
#include <asm/io.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

static int panic_depth;

/* Overridden by kernel/sched once tasks exist. */
__attribute__((weak)) const char *panic_task_name(void)
{
	return "none (before tasks)";
}

void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		halt();
}

void machine_exit(u32 code)
{
	outl(0xf4, code);          /* isa-debug-exit: QEMU exits (code << 1) | 1 */
	machine_halt();
}

/* The registers at the call of panic(): eip is the caller's return address,
 * ebp and esp the caller's frame; the rest are what they hold now. */
static __noinline void capture_regs(struct pt_regs *r, unsigned long caller_ebp)
{
	__asm__ __volatile__("movl %%eax, %0; movl %%ebx, %1; movl %%ecx, %2; movl %%edx, %3;"
			     "movl %%esi, %4; movl %%edi, %5"
			     : "=m"(r->eax), "=m"(r->ebx), "=m"(r->ecx), "=m"(r->edx),
			       "=m"(r->esi), "=m"(r->edi));
	__asm__ __volatile__("movl %%cs, %0; movl %%ds, %1; movl %%es, %2; movl %%fs, %3; movl %%gs, %4"
			     : "=r"(r->cs), "=r"(r->ds), "=r"(r->es), "=r"(r->fs), "=r"(r->gs));
	r->eflags = read_eflags();
	r->ebp = caller_ebp;
	r->eip = ((unsigned long *)caller_ebp)[1];
	r->trapno = r->error_code = 0;
}

void panic(const char *fmt, ...)
{
	struct pt_regs regs;
	char msg[256], test[96];
	va_list ap;

	local_irq_disable();
	if (panic_depth++)
		machine_halt();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	printk(KERN_EMERG "Task: %s\n", panic_task_name());
	capture_regs(&regs, read_ebp());
	show_regs(&regs);
	if (ktest_running_case(test, sizeof(test)))
		printk(KERN_EMERG "ktest: the running test is %s\n", test);
	printk(KERN_EMERG "Call Trace:\n");
	show_backtrace(read_ebp());
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", msg);
	machine_exit(QEMU_EXIT_PANIC);
}
