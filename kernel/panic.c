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

void panic(const char *fmt, ...)
{
	char msg[256], test[96];
	va_list ap;

	local_irq_disable();
	if (panic_depth++)
		machine_halt();
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	printk(KERN_EMERG "Task: %s  CR2: %08x  CR3: %08x  ESP: %08x\n", panic_task_name(),
	       read_cr2(), read_cr3(), read_esp());
	if (ktest_running_case(test, sizeof(test)))
		printk(KERN_EMERG "ktest: the running test is %s\n", test);
	printk(KERN_EMERG "Call Trace:\n");
	show_backtrace(read_ebp());
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", msg);
	machine_exit(QEMU_EXIT_PANIC);
}
