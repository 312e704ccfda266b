/* tests/test_system.c: the system's calls from the kernel's side. The user
 * program utest_system (groups, names, syslog, reboot) is a suite of its
 * own, as under qemu-i386; the kernel cases check what only the kernel
 * sees: the level kept with each log line, the console level and
 * Ctrl-Alt-Del flag the calls set. Supplementary group sets are a leak
 * counter of every suite. */
#include <kernel.h>
#include <cred.h>
#include <errno.h>
#include <ktest.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/linux/reboot.h>
#include <uapi/linux/syslog.h>

KTEST_PROGRAM_SUITE(system, "/bin/utest_system");

static unsigned long read_nr_group_infos(void) { return nr_group_infos; }
KTEST_COUNTER("group_infos", read_nr_group_infos);

/* The log position where the next line starts. */
static u32 next_line_start(void)
{
	printk(KERN_INFO "\n");          /* end any open line */
	return log_head;
}

/* Each line keeps its level at its first byte, the lines of one printk
 * too; KERN_RAW lines (no timestamp) get the default level. */
static void syslog_lines_keep_their_level(struct ktest *t)
{
	u32 first = next_line_start(), second;

	printk(KERN_ERR "syslog-level-one\nsyslog-level-two\n");
	second = first;
	while (log_buf[second % LOG_BUF_LEN] != '\n')
		second++;
	second++;
	KTEST_EXPECT_EQ(t, log_level_buf[first % LOG_BUF_LEN], 3);
	KTEST_EXPECT_EQ(t, log_level_buf[second % LOG_BUF_LEN], 3);
	KTEST_EXPECT_EQ(t, log_buf[second % LOG_BUF_LEN], 's');   /* no stamp of its own */
	first = log_head;
	printk(KERN_RAW "raw line\n");
	KTEST_EXPECT_EQ(t, log_level_buf[first % LOG_BUF_LEN], LOGLEVEL_DEFAULT);
	first = log_head;
	printk(KERN_DEBUG "debug line\n");
	KTEST_EXPECT_EQ(t, log_level_buf[first % LOG_BUF_LEN], 7);
}

/* CONSOLE_LEVEL sets console_loglevel (1..8), CONSOLE_OFF saves it and
 * leaves only emergencies, CONSOLE_ON puts it back. */
static void syslog_console_level(struct ktest *t)
{
	int saved = console_loglevel;

	KTEST_EXPECT_EQ(t, sys_syslog(SYSLOG_ACTION_CONSOLE_LEVEL, 0, 5, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, console_loglevel, 5);
	KTEST_EXPECT_EQ(t, sys_syslog(SYSLOG_ACTION_CONSOLE_OFF, 0, 0, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, console_loglevel, 1);
	KTEST_EXPECT_EQ(t, sys_syslog(SYSLOG_ACTION_CONSOLE_OFF, 0, 0, 0, 0, 0), 0);  /* saved once */
	KTEST_EXPECT_EQ(t, sys_syslog(SYSLOG_ACTION_CONSOLE_ON, 0, 0, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, console_loglevel, 5);
	KTEST_EXPECT_EQ(t, sys_syslog(SYSLOG_ACTION_CONSOLE_LEVEL, 0, 9, 0, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, sys_syslog(SYSLOG_ACTION_CONSOLE_LEVEL, 0, 0, 0, 0, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, console_loglevel, 5);
	KTEST_EXPECT_EQ(t, sys_syslog(SYSLOG_ACTION_SIZE_BUFFER, 0, 0, 0, 0, 0), LOG_BUF_LEN);
	console_loglevel = saved;
}

extern int C_A_D;

/* CAD_OFF and CAD_ON set the Ctrl-Alt-Del flag; a caller that is not root
 * is refused before the magic is looked at. */
static void reboot_cad_flag_and_eperm(struct ktest *t)
{
	unsigned int euid = current->euid;

	KTEST_EXPECT_EQ(t, sys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
				      LINUX_REBOOT_CMD_CAD_OFF, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, C_A_D, 0);
	KTEST_EXPECT_EQ(t, sys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2A,
				      LINUX_REBOOT_CMD_CAD_ON, 0, 0, 0), 0);
	KTEST_EXPECT_EQ(t, C_A_D, 1);
	KTEST_EXPECT_EQ(t, sys_reboot(LINUX_REBOOT_MAGIC1, 1, LINUX_REBOOT_CMD_CAD_ON, 0, 0, 0), -EINVAL);
	current->euid = 1000;
	KTEST_EXPECT_EQ(t, sys_reboot(LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2,
				      LINUX_REBOOT_CMD_CAD_OFF, 0, 0, 0), -EPERM);
	KTEST_EXPECT_EQ(t, sys_reboot(0, 0, 0, 0, 0, 0), -EPERM);
	current->euid = euid;
	KTEST_EXPECT_EQ(t, C_A_D, 1);
}

static const struct ktest_case system_kernel_cases[] = {
	KTEST_CASE(syslog_lines_keep_their_level),
	KTEST_CASE(syslog_console_level),
	KTEST_CASE(reboot_cad_flag_and_eperm),
	{}
};
KTEST_SUITE(system_kernel, system_kernel_cases);
