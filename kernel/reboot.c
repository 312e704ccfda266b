/* kernel/reboot.c: reboot(2) (88), with Linux's magic numbers and rules.
 * Only root may call it (-EPERM, Linux's CAP_SYS_BOOT), which is checked
 * before anything else; then magic1 must be LINUX_REBOOT_MAGIC1 and magic2
 * one of the four LINUX_REBOOT_MAGIC2 values (-EINVAL); then cmd:
 *   RESTART, RESTART2 (its string argument read and logged)  reset the machine
 *   HALT                                      stop the CPU (QEMU keeps running)
 *   POWER_OFF                                 QEMU exits with status 33
 *   CAD_ON, CAD_OFF                           what Ctrl-Alt-Del would do
 * and any other -EINVAL (kexec and suspend are not built in, as in a Linux
 * without them). BusyBox's poweroff signals init, which ends every process
 * and then calls reboot(POWER_OFF) from a vfork'd child.
 *
 * Before powering off, the kernel logs its task count, free pages and slab
 * objects (kmalloc caches shrunk first, as the self-tests' counters do), so
 * that two runs ended by poweroff can be compared for leaks: the console
 * test (tests/console.py) does. The serial console has no Ctrl-Alt-Del;
 * C_A_D is kept and reported only. */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <sched.h>
#include <sched/mm.h>
#include <timer.h>
#include <slab.h>
#include <syscall.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>
#include <uapi/linux/reboot.h>

/* Ctrl-Alt-Del: 1 restarts at once, 0 would signal init (Linux's C_A_D). */
int C_A_D = 1;

static void kernel_restart(const char *cmd)
{
	if (cmd)
		pr_emerg("reboot: Restarting system with command '%s'\n", cmd);
	else
		pr_emerg("reboot: Restarting system\n");
	machine_restart();
}

static void kernel_halt(void)
{
	pr_emerg("reboot: System halted\n");
	machine_halt();
}

/* The power-off figures count what outlives its owner. On several CPUs an
 * idle one may still borrow an exited process's mm (lazy TLB), or be on
 * its way out of that process and about to: not a leak, so each lets go
 * first (for at most a second). */
static void drop_lazy_mms_before_counting(void)
{
	for (int i = 0; i < 100 && !drop_idle_lazy_mms(); i++)
		msleep(10);
}

static void kernel_power_off(void)
{
	drop_lazy_mms_before_counting();
	kmem_cache_shrink_all();
	pr_info("reboot: at power off: %d tasks, %lu free pages, %lu slab objects\n",
		nr_threads, nr_free_pages(), slab_objects_in_use());
	pr_emerg("reboot: Power down\n");
	machine_power_off();
}

static bool reboot_magic_ok(u32 magic1, u32 magic2)
{
	return magic1 == LINUX_REBOOT_MAGIC1 &&
	       (magic2 == LINUX_REBOOT_MAGIC2 || magic2 == LINUX_REBOOT_MAGIC2A ||
		magic2 == LINUX_REBOOT_MAGIC2B || magic2 == LINUX_REBOOT_MAGIC2C);
}

/* RESTART2: the command string (at most 255 bytes are used), or -EFAULT. */
static long restart2(u32 uarg)
{
	char buf[256];

	if (strncpy_from_user(buf, (const char *)uarg, sizeof(buf) - 1) < 0)
		return -EFAULT;
	buf[sizeof(buf) - 1] = '\0';
	kernel_restart(buf);
	return 0;
}

/* Contract: reboot(magic1, magic2, cmd, arg) as the file's head says;
 * returns 0 (CAD_ON/CAD_OFF) or -errno, and does not return for the
 * commands that stop the machine. Process context, interrupts on. */
long sys_reboot(u32 magic1, u32 magic2, u32 cmd, u32 arg, u32 e, u32 f)
{
	if (current->euid != 0)                 /* Linux: CAP_SYS_BOOT */
		return -EPERM;
	if (!reboot_magic_ok(magic1, magic2))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_RESTART:
		kernel_restart(NULL);
		return 0;
	case LINUX_REBOOT_CMD_RESTART2:
		return restart2(arg);
	case LINUX_REBOOT_CMD_HALT:
		kernel_halt();
		return 0;
	case LINUX_REBOOT_CMD_POWER_OFF:
		kernel_power_off();
		return 0;
	case LINUX_REBOOT_CMD_CAD_ON:
		C_A_D = 1;
		return 0;
	case LINUX_REBOOT_CMD_CAD_OFF:
		C_A_D = 0;
		return 0;
	default:
		return -EINVAL;
	}
}
