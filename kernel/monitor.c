/* kernel/monitor.c: the serial console monitor, Tasklab's SysRq. Until there
 * is a user-space shell, a kernel thread (kmonitord, started by kernel_init)
 * sleeps on the serial receive wait queue, and each key typed on the serial
 * console runs one command (h lists them; t is SysRq-t, the task list). */
#include <kernel.h>
#include <multiboot.h>
#include <sched.h>
#include <wait.h>
#include <asm/serial.h>

static void show_help(void)
{
	printk("monitor keys: h help, t tasks (ps -efj), m memory map, "
	       "d last 2 KiB of the log, j jiffies, r power off (exits QEMU)\n");
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
	case 't': show_tasks(); break;
	case 'm': multiboot_print_summary(); break;
	case 'd': show_dmesg_tail(); break;
	case 'j': printk("jiffies = %lu\n", jiffies); break;
	case 'r': machine_exit(QEMU_EXIT_DONE);
	case '\r': case '\n': break;
	default: printk("monitor: unknown key '%c' (h for help)\n", c);
	}
}

int monitor_thread(void *unused)
{
	int c;

	printk(KERN_NOTICE "Tasklab is up. Serial monitor ready: press h for help.\n");
	for (;;) {
		wait_event(serial_rx_wait, (c = serial_getc()) >= 0);
		monitor_key(c);
	}
	return 0;
}
