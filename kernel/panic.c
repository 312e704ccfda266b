/* kernel/panic.c: the end of the line. panic() prints the message, where it
 * was called from (registers and a symbolized backtrace), the running task,
 * and then exits QEMU with the panic status (or halts on real hardware, where
 * no isa-debug-exit device exists). It raises the console level first, so a
 * quiet console still shows the panic, and disarms every trap catcher, so a
 * fault while printing cannot return into the code that panicked. A panic
 * inside a panic exits at once, so a broken printk cannot loop. */
#include <kernel.h>
#include <kallsyms.h>
#include <ktest.h>
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

void panic(const char *fmt, ...)
{
	struct pt_regs regs;
	char msg[256], test[96];
	va_list ap;

	local_irq_disable();
	trap_catcher = NULL;
	if (panic_depth++)
		machine_exit(QEMU_EXIT_PANIC);
	console_verbose();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	printk(KERN_EMERG "Task: %s\n", panic_task_name());
	crash_setup_regs(&regs, read_ebp());
	show_regs(&regs);
	if (ktest_running_case(test, sizeof(test)))
		printk(KERN_EMERG "ktest: the running test is %s\n", test);
	printk(KERN_EMERG "Call Trace:\n");
	show_backtrace(read_ebp());
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", msg);
	machine_exit(QEMU_EXIT_PANIC);
}
