/* kernel/main.c: start_kernel(), the first C code, called by boot/head.asm on
 * init_task's stack with paging on. It brings the machine up in dependency
 * order: descriptor tables and the console first (so a fault can be reported),
 * then the boot information and command line, memory, interrupts and the timer. With
 * test= it runs the selected self-tests and exits QEMU, with bench= the selected
 * benchmarks; otherwise it hands the serial console to the monitor. */
#include <kernel.h>
#include <kbench.h>
#include <fs.h>
#include <ktest.h>
#include <tty.h>
#include <mm.h>
#include <multiboot.h>
#include <params.h>
#include <time.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/segment.h>
#include <asm/serial.h>

#define TASKLAB_VERSION "0.1"

void monitor_loop(void) __noreturn;

void start_kernel(u32 magic, phys_addr_t mbi)
{
	gdt_init();
	serial_init();
	idt_init();
	printk(KERN_NOTICE "Tasklab %s (i386) booting, built " __DATE__ " " __TIME__ "\n",
	       TASKLAB_VERSION);
	if (!multiboot_parse(magic, mbi))
		panic("not started by a multiboot loader (eax=%#x)", magic);
	printk(KERN_NOTICE "Command line: %s\n", boot_params.cmdline);
	parse_kernel_cmdline(boot_params.cmdline);
	multiboot_print_summary();
	mem_init();
	rootfs_init();
	populate_rootfs();          /* the initramfs (module 0) into the root */
	tty_init();                 /* /dev/console */
	pic_init();
	pit_init();
	time_init();
	serial_enable_rx_irq();
	local_irq_enable();
	pr_info("interrupts on: PIT at %d Hz, COM1 receive on IRQ 4\n", HZ);
	ktest_run_selected();          /* returns only without test= */
	kbench_run_selected();         /* returns only without bench= */
	monitor_loop();
}
