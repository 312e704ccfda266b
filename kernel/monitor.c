/* kernel/monitor.c: the serial console monitor, Tasklab's SysRq. Until there is
 * a user-space shell, the boot CPU sits here: it sleeps until an interrupt, and
 * each key typed on the serial console runs one command (h lists them). */
#include <kernel.h>
#include <multiboot.h>
#include <asm/irqflags.h>
#include <asm/serial.h>

static void show_help(void)
{
	printk("monitor keys: h help, m memory map, d last 2 KiB of the log, "
	       "j jiffies, r power off (exits QEMU)\n");
}

static void show_dmesg_tail(void)
{
	static char buf[2048];

	log_buf_tail(buf, sizeof(buf));
	console_write(buf, strlen(buf));
}

static void monitor_key(int c)
{
	switch (c) {
	case 'h': case '?': show_help(); break;
	case 'm': multiboot_print_summary(); break;
	case 'd': show_dmesg_tail(); break;
	case 'j': printk("jiffies = %lu\n", jiffies); break;
	case 'r': machine_exit(QEMU_EXIT_DONE);
	case '\r': case '\n': break;
	default: printk("monitor: unknown key '%c' (h for help)\n", c);
	}
}

void monitor_loop(void)
{
	printk(KERN_NOTICE "Tasklab is up. Serial monitor ready: press h for help.\n");
	for (;;) {
		int c = serial_getc();
		if (c < 0) {
			halt();
			continue;
		}
		monitor_key(c);
	}
}
