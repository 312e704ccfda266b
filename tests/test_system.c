/* tests/test_system.c: the system's calls and the start of a userland from
 * the kernel's side. The user programs utest_system (groups, names,
 * syslog, reboot) and utest_script (#! scripts) are suites of their own, as
 * under qemu-i386; the kernel cases check what only the kernel sees: the
 * level kept with each log line, the console level and Ctrl-Alt-Del flag
 * the calls set, load_script's rewrite of the arguments, what the command
 * line hands to init, and PID 1's session. Supplementary group sets are a
 * leak counter of every suite. */
#include <kernel.h>
#include <binfmts.h>
#include <cred.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <params.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/reboot.h>
#include <uapi/linux/syslog.h>
#include "fs_helpers.h"

KTEST_PROGRAM_SUITE(system, "/bin/utest_system");
KTEST_PROGRAM_SUITE(script, "/bin/utest_script");

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

/* load_script on a ramfs file "s" read as the script path; the result. */
static int script_of(const char *text, struct exec_args *a, char *interp)
{
	static const char *const argv[] = { "argv0", "x", NULL }, *const envp[] = { "E=1", NULL };
	struct dentry *root = ramfs_new_root();
	struct file *f;
	int ret = -ENOMEM;

	if (root && ktest_make_file(root, "s", text, strlen(text))) {
		f = filp_open(root, root, "s", O_RDONLY, 0);
		ret = IS_ERR(f) ? PTR_ERR(f) : 0;
		if (!ret && !(ret = exec_copy_strings_kernel(a, argv, false)) &&
		    !(ret = exec_copy_strings_kernel(a, envp, true)))
			ret = load_script(f, "/dir/s", a, interp);
		if (!IS_ERR(f))
			fput(f);
	}
	if (root)
		ramfs_kill_tree(root);
	return ret;
}

/* The interpreter, its one argument and the script's path take argv[0]'s
 * place; the environment follows untouched. */
static void binfmt_script_rewrites_argv(struct ktest *t)
{
	static const char want[] = "/bin/echo\0one two\0/dir/s\0x\0E=1";
	char interp[BINPRM_BUF_SIZE];
	struct exec_args a;

	KTEST_ASSERT_EQ(t, exec_args_init(&a), 0);
	KTEST_EXPECT_EQ(t, script_of("#!  /bin/echo\tone two \t\nrest\n", &a, interp), 1);
	KTEST_EXPECT_STREQ(t, interp, "/bin/echo");
	KTEST_EXPECT_EQ(t, a.argc, 4);
	KTEST_EXPECT_EQ(t, a.envc, 1);
	KTEST_EXPECT_EQ(t, a.used, sizeof(want));
	KTEST_EXPECT_EQ(t, a.argv_len, sizeof(want) - 4);
	KTEST_EXPECT_EQ(t, memcmp(a.buf, want, sizeof(want)), 0);
	exec_args_free(&a);
	KTEST_ASSERT_EQ(t, exec_args_init(&a), 0);
	KTEST_EXPECT_EQ(t, script_of("\177ELF not a script", &a, interp), 0);
	KTEST_EXPECT_EQ(t, a.argc, 2);                          /* left alone */
	exec_args_free(&a);
	KTEST_ASSERT_EQ(t, exec_args_init(&a), 0);
	KTEST_EXPECT_EQ(t, script_of("#! \t\n/bin/echo\n", &a, interp), -ENOEXEC);
	exec_args_free(&a);
}

/* Replacing argv[0] must fit in the argument space: -E2BIG, nothing moved. */
static void binfmt_script_args_e2big(struct ktest *t)
{
	static char big[MAX_ARG_STRLEN];
	const char *argv[] = { NULL, NULL, NULL }, *front[] = { NULL, "arg", "/p" };
	struct exec_args a;

	memset(big, 'z', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	KTEST_ASSERT_EQ(t, exec_args_init(&a), 0);
	argv[0] = big + sizeof(big) - 100;        /* 100 bytes, NUL included */
	argv[1] = big + sizeof(big) / 2;          /* half the space */
	front[0] = big + sizeof(big) / 2;         /* and that again: too much */
	KTEST_ASSERT_EQ(t, exec_copy_strings_kernel(&a, argv, false), 0);
	KTEST_EXPECT_EQ(t, exec_args_replace_arg0(&a, front, 3), -E2BIG);
	KTEST_EXPECT_EQ(t, a.argc, 2);
	front[0] = "/bin/sh";
	KTEST_EXPECT_EQ(t, exec_args_replace_arg0(&a, front, 3), 0);
	KTEST_EXPECT_EQ(t, a.argc, 4);
	KTEST_EXPECT_STREQ(t, a.buf, "/bin/sh");
	exec_args_free(&a);
}

static bool listed(const char *const *list, const char *word)
{
	for (; *list; list++)
		if (!strcmp(*list, word))
			return true;
	return false;
}

static int count(const char *const *list)
{
	int n = 0;

	while (list[n])
		n++;
	return n;
}

/* Unknown words go to init: key=value to the environment (a name already
 * there is replaced), bare words to argv, everything after "--" to argv;
 * a word with a dot (a module parameter) is dropped. No PATH is given. */
static void cmdline_words_reach_init(struct ktest *t)
{
	int nenv = count(init_envp()), nargs = count(init_argv()), level = console_loglevel;

	KTEST_EXPECT_TRUE(t, listed(init_envp(), "HOME=/"));
	KTEST_EXPECT_FALSE(t, listed(init_envp(), "PATH=/sbin:/bin"));
	parse_kernel_cmdline("tl_env=1 tl_bare mod.param=3 loglevel=7 TERM=vt100 -- tl_after=2 quiet");
	KTEST_EXPECT_TRUE(t, listed(init_envp(), "tl_env=1"));
	KTEST_EXPECT_TRUE(t, listed(init_envp(), "TERM=vt100"));
	KTEST_EXPECT_FALSE(t, listed(init_envp(), "TERM=linux"));
	KTEST_EXPECT_EQ(t, count(init_envp()), nenv + 1);
	KTEST_EXPECT_TRUE(t, listed(init_argv(), "tl_bare"));
	KTEST_EXPECT_TRUE(t, listed(init_argv(), "tl_after=2"));
	KTEST_EXPECT_TRUE(t, listed(init_argv(), "quiet"));     /* after "--": init's */
	KTEST_EXPECT_EQ(t, count(init_argv()), nargs + 3);
	KTEST_EXPECT_FALSE(t, listed(init_envp(), "mod.param=3"));
	KTEST_EXPECT_FALSE(t, listed(init_argv(), "mod.param=3"));
	KTEST_EXPECT_EQ(t, console_loglevel, 7);                /* known words still apply */
	console_loglevel = level;
	unknown_bootoption("TERM", "linux", false);              /* as it was */
}

/* PID 1 starts in session 0 and process group 0, the swapper's, as on
 * Linux (here it is still the kernel thread running the tests), so init's
 * own setsid() can work; kthreadd stays there. */
static void pid1_starts_in_session_0(struct ktest *t)
{
	struct task_struct *init = find_task_by_pid(1), *kthreadd = find_task_by_pid(2);

	KTEST_ASSERT_NOT_NULL(t, init);
	KTEST_ASSERT_NOT_NULL(t, kthreadd);
	KTEST_EXPECT_EQ(t, init->sid, 0);
	KTEST_EXPECT_EQ(t, init->pgid, 0);
	KTEST_EXPECT_EQ(t, kthreadd->sid, 0);
	KTEST_EXPECT_EQ(t, kthreadd->pgid, 0);
}

static const struct ktest_case system_kernel_cases[] = {
	KTEST_CASE(syslog_lines_keep_their_level),
	KTEST_CASE(syslog_console_level),
	KTEST_CASE(reboot_cad_flag_and_eperm),
	KTEST_CASE(binfmt_script_rewrites_argv),
	KTEST_CASE(binfmt_script_args_e2big),
	KTEST_CASE(cmdline_words_reach_init),
	KTEST_CASE(pid1_starts_in_session_0),
	{}
};
KTEST_SUITE(system_kernel, system_kernel_cases);
