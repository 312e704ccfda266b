/* user/bin/utest_system.c: KTAP self-tests of the system's calls, their
 * results and Linux's errors: supplementary groups (getgroups/setgroups,
 * the 32- and 16-bit forms), sethostname/setdomainname and uname, syslog(2)
 * (klogctl: the log's records, CLEAR and READ_CLEAR, READ's consumption,
 * SIZE_UNREAD, who may do what) and reboot(2)'s magic and permission rules.
 *
 * The same binary runs under qemu-i386 on the build host as root, where
 * these calls reach the host's kernel: only what cannot change the host
 * runs there (errors, reads, a child's own groups). Renaming the host,
 * clearing or consuming its log, Ctrl-Alt-Del and RESTART2 run on Tasklab
 * only, and reboot is only ever called there with a command or magic that
 * is refused. Tasklab's log gets known lines from an unimplemented system
 * call (the kernel logs each ENOSYS at debug level). */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <ktap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/klog.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <linux/reboot.h>

#define UID_USER 40101          /* an ordinary user for the EPERM checks */

#define NO_SUCH_REBOOT_CMD        0x12345678   /* refused (EINVAL) by Linux and Tasklab */

#define NO_SUCH_SYSCALL 1000    /* past the table: ENOSYS, logged by Tasklab */

#define EXPECT_ERRNO(t, call, err) do {                                        \
	errno = 0;                                                             \
	long __r = (long)(call);                                               \
	if (__r != -1 || errno != (err))                                       \
		KTAP_FAIL(t, "%s returned %ld, errno %d (want -1, errno %d)",  \
			  #call, __r, errno, err);                             \
} while (0)

static long sys_reboot(unsigned int m1, unsigned int m2, unsigned int cmd, void *arg)
{
	return syscall(__NR_reboot, m1, m2, cmd, (long)arg, 0, 0);
}

/* --- groups ------------------------------------------------------------ */

/* In a child (root): may this host's root set groups at all? */
static int try_setgroups(void)
{
	gid_t g = 7;

	return setgroups(1, &g) ? 1 : 0;
}

static bool skip_without_setgroups(struct ktap *t)
{
	if (ktap_run_child(try_setgroups) == 0)
		return false;
	ktap_skip(t, "this host's root may not set groups (no CAP_SETGID)");
	return true;
}

static int groups_set_get_child(void)
{
	gid_t set[] = { 7, 3, 5 }, got[8] = { 0 };
	int fails = 0;

	fails += setgroups(3, set) != 0;
	fails += getgroups(0, NULL) != 3;
	fails += getgroups(8, got) != 3;
	fails += got[0] != 3 || got[1] != 5 || got[2] != 7;     /* kept sorted */
	fails += getgroups(2, got) != -1 || errno != EINVAL;     /* too small */
	fails += setgroups(0, NULL) != 0 || getgroups(0, NULL) != 0;
	return fails;
}

static int groups_inherited_child(void)
{
	gid_t got[4];

	return getgroups(4, got) == 2 && got[0] == 11 && got[1] == 12 ? 0 : 1;
}

static int groups_fork_child(void)
{
	gid_t set[] = { 12, 11 };

	if (setgroups(2, set))
		return 1;
	return ktap_run_child(groups_inherited_child) == 0 ? 0 : 2;
}

static void groups_set_get_sorted(struct ktap *t)
{
	gid_t got[1];

	EXPECT_ERRNO(t, getgroups(-1, got), EINVAL);
	if (skip_without_setgroups(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_run_child(groups_set_get_child), 0);
	KTAP_EXPECT_EQ(t, ktap_run_child(groups_fork_child), 0);   /* fork keeps them */
}

/* NGROUPS_MAX (65536) gids are fine, one more is EINVAL, and so is a gid
 * of -1; nothing changes on an error. */
static int groups_limits_child(void)
{
	gid_t *list = malloc(65537 * sizeof(gid_t)), bad[] = { 4, (gid_t)-1 };
	int fails = 0;

	if (!list)
		return 100;
	for (int i = 0; i < 65537; i++)
		list[i] = 65537 - i;
	fails += setgroups(65536, list) != 0;
	fails += getgroups(0, NULL) != 65536;
	fails += setgroups(65537, list) != -1 || errno != EINVAL;
	fails += setgroups(2, bad) != -1 || errno != EINVAL;
	fails += getgroups(0, NULL) != 65536;
	fails += getgroups(65536, list) != 65536 || list[0] != 2 || list[65535] != 65537;
	free(list);
	return fails;
}

static void groups_setgroups_limits(struct ktap *t)
{
	if (skip_without_setgroups(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_run_child(groups_limits_child), 0);
}

/* The 16-bit calls: a gid above 65535 reads as 65534; 0xffff is -1. */
static int groups_16bit_child(void)
{
	unsigned int set32[] = { 70000, 4 }, got32[4];
	unsigned short got16[4], set16[] = { 9, 2 }, minus1[] = { 0xffff };
	int fails = 0;

	fails += syscall(__NR_setgroups32, 2, (long)set32, 0, 0, 0, 0) != 0;
	fails += syscall(__NR_getgroups, 4, (long)got16, 0, 0, 0, 0) != 2;
	fails += got16[0] != 4 || got16[1] != 65534;
	fails += syscall(__NR_setgroups, 2, (long)set16, 0, 0, 0, 0) != 0;
	fails += syscall(__NR_getgroups32, 4, (long)got32, 0, 0, 0, 0) != 2;
	fails += got32[0] != 2 || got32[1] != 9;
	fails += syscall(__NR_setgroups, 1, (long)minus1, 0, 0, 0, 0) != -1 || errno != EINVAL;
	return fails;
}

static void groups_16bit_forms(struct ktap *t)
{
	if (skip_without_setgroups(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_run_child(groups_16bit_child), 0);
}

static int groups_user_checks(struct ktap *t)
{
	gid_t g = 0;

	EXPECT_ERRNO(t, setgroups(0, NULL), EPERM);
	EXPECT_ERRNO(t, setgroups(1, &g), EPERM);
	if (ktap_on_tasklab())      /* qemu-i386 7.2 checks the size itself first */
		EXPECT_ERRNO(t, setgroups(65537, &g), EPERM);   /* permission first */
	KTAP_EXPECT_GE(t, getgroups(0, NULL), 0);
	return t->failed;
}

static void groups_setgroups_eperm_for_users(struct ktap *t)
{
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_as_user(t, UID_USER, groups_user_checks), 0);
}

/* --- host and domain names --------------------------------------------- */

static void uts_names_einval(struct ktap *t)
{
	EXPECT_ERRNO(t, sethostname("x", 65), EINVAL);
	EXPECT_ERRNO(t, sethostname("x", (size_t)-1), EINVAL);
	EXPECT_ERRNO(t, setdomainname("x", 65), EINVAL);
	EXPECT_ERRNO(t, setdomainname("x", (size_t)-1), EINVAL);
}

static int uts_user_checks(struct ktap *t)
{
	EXPECT_ERRNO(t, sethostname("x", 1), EPERM);
	EXPECT_ERRNO(t, sethostname("x", 65), EPERM);     /* permission first */
	EXPECT_ERRNO(t, setdomainname("x", 1), EPERM);
	return t->failed;
}

static void uts_names_eperm_for_users(struct ktap *t)
{
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_as_user(t, UID_USER, uts_user_checks), 0);
}

/* The len bytes given become the name, NUL-padded (they need no NUL of
 * their own); uname shows it, to every process. */
static void uts_names_set_and_shown(struct ktap *t)
{
	struct utsname u, before;
	char name64[64];

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "it would rename the build host");
		return;
	}
	KTAP_ASSERT_EQ(t, uname(&before), 0);
	KTAP_EXPECT_EQ(t, sethostname("tl-test-hostXXX", 12), 0);
	KTAP_EXPECT_EQ(t, uname(&u), 0);
	KTAP_EXPECT_STREQ(t, u.nodename, "tl-test-host");
	memset(name64, 'h', sizeof(name64));
	KTAP_EXPECT_EQ(t, sethostname(name64, 64), 0);
	KTAP_EXPECT_EQ(t, uname(&u), 0);
	KTAP_EXPECT_EQ(t, strlen(u.nodename), 64);
	KTAP_EXPECT_EQ(t, setdomainname("example.org", 11), 0);
	KTAP_EXPECT_EQ(t, uname(&u), 0);
	KTAP_EXPECT_STREQ(t, u.domainname, "example.org");
	KTAP_EXPECT_EQ(t, sethostname(before.nodename, strlen(before.nodename)), 0);
	KTAP_EXPECT_EQ(t, setdomainname(before.domainname, strlen(before.domainname)), 0);
	KTAP_EXPECT_EQ(t, uname(&u), 0);
	KTAP_EXPECT_STREQ(t, u.nodename, before.nodename);
}

/* --- syslog ----------------------------------------------------------- */

#define LOG_BYTES (256 * 1024)

/* Every record of buf[0..n) is "<level>text\n". */
static bool records_well_formed(const char *buf, int n)
{
	for (int i = 0; i < n;) {
		if (n - i < 4 || buf[i] != '<' || buf[i + 1] < '0' || buf[i + 1] > '7' || buf[i + 2] != '>')
			return false;
		while (i < n && buf[i] != '\n')
			i++;
		if (i == n)
			return false;             /* no newline: a cut record */
		i++;
	}
	return true;
}

static void syslog_read_all_records(struct ktap *t)
{
	char *buf = malloc(LOG_BYTES);
	int size = klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), n;

	KTAP_ASSERT_TRUE(t, buf != NULL);
	KTAP_EXPECT_GT(t, size, 0);
	if (ktap_on_tasklab())
		KTAP_EXPECT_EQ(t, size, 65536);
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, LOG_BYTES);
	KTAP_EXPECT_GT(t, n, 0);
	KTAP_EXPECT_TRUE(t, records_well_formed(buf, n));
	n = klogctl(SYSLOG_ACTION_READ_ALL, buf, 200);           /* the newest that fit */
	KTAP_EXPECT_GE(t, n, 0);
	KTAP_EXPECT_LE(t, n, 200);
	KTAP_EXPECT_TRUE(t, records_well_formed(buf, n));
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_READ_ALL, buf, 0), 0);
	free(buf);
}

/* A record in Tasklab's log: "syscall <nr>: not implemented ...". */
static void log_marker(int nr, char *text, size_t size)
{
	syscall(nr, 0, 0, 0, 0, 0, 0);
	snprintf(text, size, "syscall %d: not implemented (ENOSYS), pid %d", nr, getpid());
}

static bool log_has(char *buf, const char *text)
{
	int n = klogctl(SYSLOG_ACTION_READ_ALL, buf, LOG_BYTES);

	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, text) != NULL;
}

static void syslog_clear_and_read_clear(struct ktap *t)
{
	char *buf = malloc(LOG_BYTES + 1), one[96], two[96];
	int n;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "it would clear the build host's kernel log");
		free(buf);
		return;
	}
	KTAP_ASSERT_TRUE(t, buf != NULL);
	log_marker(NO_SUCH_SYSCALL, one, sizeof(one));
	KTAP_EXPECT_TRUE(t, log_has(buf, one));
	n = klogctl(SYSLOG_ACTION_READ_CLEAR, buf, LOG_BYTES);    /* read, then clear */
	buf[n > 0 ? n : 0] = '\0';
	KTAP_EXPECT_TRUE(t, strstr(buf, one) != NULL);
	KTAP_EXPECT_TRUE(t, !log_has(buf, one));
	log_marker(NO_SUCH_SYSCALL + 1, two, sizeof(two));
	KTAP_EXPECT_TRUE(t, log_has(buf, two));
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_CLEAR, NULL, 0), 0);
	KTAP_EXPECT_TRUE(t, !log_has(buf, two));
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_READ_ALL, buf, LOG_BYTES), 0);
	free(buf);
}

/* READ consumes: SIZE_UNREAD counts what it has not given, a short READ
 * gives part of a record and the next READ the rest. */
static void syslog_read_consumes(struct ktap *t)
{
	char *buf = malloc(LOG_BYTES + 1), marker[96], head[10];
	int unread;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "it would take the build host's log from its logger");
		free(buf);
		return;
	}
	KTAP_ASSERT_TRUE(t, buf != NULL);
	while (klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0) > 0)
		KTAP_ASSERT_GT(t, klogctl(SYSLOG_ACTION_READ, buf, LOG_BYTES), 0);
	log_marker(NO_SUCH_SYSCALL + 2, marker, sizeof(marker));
	unread = klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0);
	KTAP_EXPECT_GT(t, unread, (int)strlen(marker));
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_READ, head, sizeof(head)), 10);
	KTAP_EXPECT_EQ(t, memcmp(head, "<7>[", 4), 0);          /* debug level */
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), unread - 10);
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_READ, buf, LOG_BYTES), unread - 10);
	buf[unread - 10] = '\0';
	KTAP_EXPECT_TRUE(t, strstr(buf, marker) != NULL);
	KTAP_EXPECT_EQ(t, buf[unread - 11], '\n');
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), 0);
	free(buf);
}

static void syslog_errors(struct ktap *t)
{
	char buf[16];

	EXPECT_ERRNO(t, klogctl(11, NULL, 0), EINVAL);
	EXPECT_ERRNO(t, klogctl(-1, NULL, 0), EINVAL);
	EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 0), EINVAL);
	EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), EINVAL);
	/* qemu-i386 7.2 says EFAULT for these before the kernel sees them
	 * (for a NULL buffer, and for len -1: it tests the buffer's address
	 * for a negative length) */
	if (ktap_on_tasklab()) {
		EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_READ_ALL, buf, -1), EINVAL);
		EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_READ_ALL, NULL, 16), EINVAL);
		EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_READ, NULL, 16), EINVAL);
	}
}

/* Tasklab's console level, set and restored. */
static void syslog_console_actions(struct ktap *t)
{
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "it would change the build host's console level");
		return;
	}
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_CONSOLE_OFF, NULL, 0), 0);
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_CONSOLE_ON, NULL, 0), 0);
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 7), 0);
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_OPEN, NULL, 0), 0);
	KTAP_EXPECT_EQ(t, klogctl(SYSLOG_ACTION_CLOSE, NULL, 0), 0);
}

/* Linux's dmesg_restrict: Tasklab keeps Linux's default 0; a host's is in
 * /proc/sys/kernel/dmesg_restrict (Debian sets 1). */
static bool dmesg_restricted(void)
{
	char c = '0';
	int fd = open("/proc/sys/kernel/dmesg_restrict", O_RDONLY);

	if (fd >= 0) {
		read(fd, &c, 1);
		close(fd);
	}
	return c == '1';
}

static int syslog_user_checks(struct ktap *t)
{
	char buf[64];
	bool restricted = dmesg_restricted();

	if (restricted) {
		EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf)), EPERM);
		EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), EPERM);
	} else {
		KTAP_EXPECT_GE(t, klogctl(SYSLOG_ACTION_READ_ALL, buf, sizeof(buf)), 0);
		KTAP_EXPECT_GT(t, klogctl(SYSLOG_ACTION_SIZE_BUFFER, NULL, 0), 0);
	}
	EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_READ_CLEAR, buf, sizeof(buf)), EPERM);
	EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_READ, buf, sizeof(buf)), EPERM);
	EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_CLEAR, NULL, 0), EPERM);
	EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_SIZE_UNREAD, NULL, 0), EPERM);
	EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_CONSOLE_LEVEL, NULL, 9), EPERM);
	EXPECT_ERRNO(t, klogctl(SYSLOG_ACTION_OPEN, NULL, 0), EPERM);
	if (ktap_on_tasklab())           /* qemu-i386 answers EINVAL itself */
		EXPECT_ERRNO(t, klogctl(11, NULL, 0), EPERM);
	return t->failed;
}

static void syslog_user_permissions(struct ktap *t)
{
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_as_user(t, UID_USER, syslog_user_checks), 0);
}

/* --- reboot ------------------------------------------------------------ */

/* Refused magic numbers, and with good ones a command that does not exist:
 * EINVAL, and nothing happens (safe to ask the build host too). */
static void reboot_refuses_bad_magic_and_cmd(struct ktap *t)
{
	const unsigned int m1 = LINUX_REBOOT_MAGIC1, m2 = LINUX_REBOOT_MAGIC2;

	EXPECT_ERRNO(t, sys_reboot(0xdeadbeef, m2, NO_SUCH_REBOOT_CMD, NULL), EINVAL);
	EXPECT_ERRNO(t, sys_reboot(m1, 12345, NO_SUCH_REBOOT_CMD, NULL), EINVAL);
	EXPECT_ERRNO(t, sys_reboot(m1, m2, NO_SUCH_REBOOT_CMD, NULL), EINVAL);
}

static int reboot_user_checks(struct ktap *t)
{
	const unsigned int m1 = LINUX_REBOOT_MAGIC1, m2 = LINUX_REBOOT_MAGIC2;

	/* permission before magic, before the command */
	EXPECT_ERRNO(t, sys_reboot(0xdeadbeef, 0, NO_SUCH_REBOOT_CMD, NULL), EPERM);
	EXPECT_ERRNO(t, sys_reboot(m1, m2, NO_SUCH_REBOOT_CMD, NULL), EPERM);
	return t->failed;
}

static void reboot_eperm_for_users(struct ktap *t)
{
	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_EXPECT_EQ(t, ktap_as_user(t, UID_USER, reboot_user_checks), 0);
}

/* Every MAGIC2 value is taken (CAD_OFF/CAD_ON answer 0), and RESTART2's
 * string is read before anything happens: a bad one is EFAULT. */
static void reboot_magic2_values_and_restart2_efault(struct ktap *t)
{
	static const unsigned int magic2[] = { LINUX_REBOOT_MAGIC2, LINUX_REBOOT_MAGIC2A,
					       LINUX_REBOOT_MAGIC2B, LINUX_REBOOT_MAGIC2C };
	const unsigned int m1 = LINUX_REBOOT_MAGIC1, restart2 = LINUX_REBOOT_CMD_RESTART2;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "Ctrl-Alt-Del and RESTART2 are never asked of the build host");
		return;
	}

	for (int i = 0; i < 4; i++) {
		KTAP_EXPECT_EQ(t, sys_reboot(m1, magic2[i], LINUX_REBOOT_CMD_CAD_OFF, NULL), 0);
		KTAP_EXPECT_EQ(t, sys_reboot(m1, magic2[i], LINUX_REBOOT_CMD_CAD_ON, NULL), 0);
	}
	EXPECT_ERRNO(t, sys_reboot(m1, magic2[0], restart2, (void *)0xC0000000), EFAULT);
	EXPECT_ERRNO(t, sys_reboot(m1, magic2[0], restart2, NULL), EFAULT);
}

static const struct ktap_case system_cases[] = {
	KTAP_CASE(groups_set_get_sorted),
	KTAP_CASE(groups_setgroups_limits),
	KTAP_CASE(groups_16bit_forms),
	KTAP_CASE(groups_setgroups_eperm_for_users),
	KTAP_CASE(uts_names_einval),
	KTAP_CASE(uts_names_eperm_for_users),
	KTAP_CASE(uts_names_set_and_shown),
	KTAP_CASE(syslog_read_all_records),
	KTAP_CASE(syslog_clear_and_read_clear),
	KTAP_CASE(syslog_read_consumes),
	KTAP_CASE(syslog_errors),
	KTAP_CASE(syslog_console_actions),
	KTAP_CASE(syslog_user_permissions),
	KTAP_CASE(reboot_refuses_bad_magic_and_cmd),
	KTAP_CASE(reboot_eperm_for_users),
	KTAP_CASE(reboot_magic2_values_and_restart2_efault),
	{}
};

int main(void)
{
	return ktap_run_suite("system", system_cases);
}
