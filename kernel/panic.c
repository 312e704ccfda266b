/* kernel/panic.c: the end of the line. panic() prints the message, where it
 * was called from (registers and a symbolized backtrace), the running task,
 * and then exits QEMU with the panic status (or halts on real hardware, where
 * no isa-debug-exit device exists). It raises the console level first, so a
 * quiet console still shows the panic, and disarms every trap catcher, so a
 * fault while printing cannot return into the code that panicked. A panic
 * inside a panic exits at once, so a broken printk cannot loop. The stack
 * protector's failure path, __stack_chk_fail, is here too, as in Linux. */
#include <kernel.h>
#include <kallsyms.h>
#include <lockdep.h>
#include <ktest.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/stackprotector.h>
#include <asm/ptrace.h>
#include <asm/traps.h>

static int panic_depth;

void panic(const char *fmt, ...)
{
	struct pt_regs regs;
	char msg[256], test[96];
	va_list ap;

	local_irq_disable();
	trap_catcher = NULL;
	if (panic_depth++)
		machine_exit(QEMU_EXIT_PANIC);
	debug_locks_off();          /* its printk runs under whatever locks are held */
	oops_in_progress = 1;
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

/* The stack canary (include/asm/stackprotector.h): chosen in start_kernel. */
unsigned long __stack_chk_guard __ro_after_init;

/* Called by a function whose canary was overwritten, instead of returning
 * into whatever the overrun left in its return address. The call is the
 * function's last instruction, so its return address may already be the
 * next function's first byte: %pB looks up the byte before it. */
__noreturn __used void __stack_chk_fail(void)
{
	panic("stack-protector: Kernel stack is corrupted in: %pB",
	      __builtin_return_address(0));
}
