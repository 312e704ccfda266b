/* kernel/monitor.c: the serial console monitor, Tasklab's SysRq. Until there
 * is a user-space shell, a kernel thread (kmonitord, started by kernel_init)
 * sleeps on the serial receive wait queue, and each key typed on the serial
 * console runs one command (h lists them). t, SysRq-t, the task list, is
 * answered in the receive interrupt itself, as Linux's SysRq is: it must
 * work when a kernel thread spins and kmonitord never gets to run (the
 * kernel is not preemptible); s makes kmonitord spin to show it. */
#include <kernel.h>
#include <multiboot.h>
#include <proc_fs.h>
#include <sched.h>
#include <seq_file.h>
#include <wait.h>
#include <asm/processor.h>
#include <asm/serial.h>

static void show_help(void)
{
	printk("monitor keys: h help, t tasks (ps -efj, from the interrupt), m memory map, "
	       "d the end of the log (whole lines, up to 2 KiB), i interrupts per CPU, q the scheduler (policies, "
	       "priorities, slices, each CPU's run queue), j jiffies, s spin 2 s without scheduling, "
	       "r power off (exits QEMU)\n");
}

/* d: the last lines of the log ring, from a line's first byte even when
 * the ring has wrapped (log_buf_tail trims the partial first line). */
static void show_dmesg_tail(void)
{
	static char buf[MONITOR_DMESG_BYTES];

	log_buf_tail(buf, sizeof(buf));
	console_write(buf, strlen(buf));
}

/* i: /proc/interrupts' table, each line's counts per CPU. */
static void show_interrupt_counts(void)
{
	static char buf[4096];
	struct seq_file m = { .buf = buf, .size = sizeof(buf) - 1 };

	show_interrupts(&m);
	buf[min(m.count, m.size)] = '\0';
	console_write(buf, strlen(buf));
}

/* Hold the CPU for two seconds as a runaway kernel thread would. */
static void spin(void)
{
	unsigned long end = jiffies + 2 * HZ;

	printk("monitor: spinning 2 s without scheduling\n");
	while ((long)(jiffies - end) < 0)
		cpu_relax();
	printk("monitor: spin done\n");
}

/* In the serial receive interrupt: t lists the tasks at once. */
static bool monitor_sysrq(char c)
{
	if (c != 't')
		return false;
	show_tasks();
	return true;
}

static void monitor_key(int c)
{
	switch (c) {
	case 'h': case '?': show_help(); break;
	case 's': spin(); break;
	case 'm': multiboot_print_summary(); break;
	case 'q': show_sched_tasks(); break;
	case 'd': show_dmesg_tail(); break;
	case 'i': show_interrupt_counts(); break;
	case 'j': printk("jiffies = %lu\n", jiffies); break;
	case 'r': machine_exit(QEMU_EXIT_DONE);
	case '\r': case '\n': break;
	default: printk("monitor: unknown key '%c' (h for help)\n", c);
	}
}

int monitor_thread(void *unused)
{
	int c;

	serial_set_sysrq(monitor_sysrq);
	printk(KERN_NOTICE "Tasklab is up. Serial monitor ready: press h for help.\n");
	for (;;) {
		wait_event(serial_rx_wait, (c = serial_getc()) >= 0);
		monitor_key(c);
	}
	return 0;
}
