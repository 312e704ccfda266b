/* user/lib/ktap.c: the case runner of include/ktap.h. Its KTAP lines are
 * formatted by the kernel's own lib/ktap_format.c (built into this libc
 * too) at depth 1, four spaces, as the kernel prints a suite's lines, so
 * one parser reads both. */
/* The kernel's header, by its path: user code does not search include/. */
#include "../../include/ktap_format.h"
#include <ktap.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <sys/wait.h>

/* Each line in one write(), so a child's lines never split a parent's. */
static void ktap_stdout(const char *line, size_t len)
{
	write(STDOUT_FILENO, line, len);
}

static void fail_header(struct ktap *t, const char *file, int line)
{
	ktap_print_failure(ktap_stdout, 1, t->name, "EXPECTATION", file, line);
	t->failed = true;
}

void ktap_fail_int(struct ktap *t, const char *file, int line, const char *a_str,
		   const char *op, const char *b_str, long long a, long long b)
{
	fail_header(t, file, line);
	ktap_print_expected_int(ktap_stdout, 1, a_str, op, b_str, a, b);
}

void ktap_fail_str(struct ktap *t, const char *file, int line, const char *a_str,
		   const char *b_str, const char *a, const char *b)
{
	fail_header(t, file, line);
	ktap_print_expected_str(ktap_stdout, 1, a_str, b_str, a, b);
}

void ktap_fail_msg(struct ktap *t, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fail_header(t, file, line);
	va_start(ap, fmt);
	ktap_vprint_diag(ktap_stdout, 1, NULL, fmt, ap);
	va_end(ap);
}

void ktap_log(struct ktap *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vprint_diag(ktap_stdout, 1, t->name, fmt, ap);
	va_end(ap);
}

void ktap_skip(struct ktap *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->skip_reason, sizeof(t->skip_reason), fmt, ap);
	va_end(ap);
	t->skipped = true;
}

/* What tests/run.py puts in the environment of the programs it runs under
 * qemu-i386 (Linux's ABI on the build host). */
#define KTAP_PLATFORM_ENV   "KTAP_PLATFORM"
#define KTAP_PLATFORM_LINUX "linux-abi"

static void __attribute__((noreturn)) ktap_bail_out(const char *why)
{
	ktap_print(ktap_stdout, 1, "Bail out! %s", why);
	_exit(2);
}

/* Does uname say Tasklab (kernel/sys.c: release "<n>-tasklab", version
 * naming Tasklab)? */
static bool uname_says_tasklab(void)
{
	struct utsname u;
	size_t n;

	if (uname(&u) != 0)
		return false;
	n = strlen(u.release);
	return n > 8 && !strcmp(u.release + n - 8, "-tasklab") && strstr(u.version, "Tasklab");
}

/* Decided once, from what the runner says, and checked against uname:
 * tests/run.py runs these programs under qemu-i386 with
 * KTAP_PLATFORM=linux-abi in the environment; without it the program is on
 * Tasklab. When uname disagrees the program stops (status 2) with a
 * "Bail out!" line, so that a changed uname string fails the run instead
 * of turning Tasklab's checks into skips. */
int ktap_nr_cpus(void)
{
	unsigned long mask[4] = { 0 };
	int n = 0;

	if (sched_getaffinity(0, sizeof(mask), mask) < 0)
		return 1;
	for (unsigned int i = 0; i < 4; i++)
		n += __builtin_popcountl(mask[i]);
	return n;
}

bool ktap_on_tasklab(void)
{
	static int on_tasklab = -1;
	const char *platform;
	bool linux_abi;

	if (on_tasklab >= 0)
		return on_tasklab;
	platform = getenv(KTAP_PLATFORM_ENV);
	linux_abi = platform && !strcmp(platform, KTAP_PLATFORM_LINUX);
	if (platform && !linux_abi)
		ktap_bail_out(KTAP_PLATFORM_ENV " is set, but not to " KTAP_PLATFORM_LINUX);
	if (uname_says_tasklab() == linux_abi)
		ktap_bail_out(linux_abi ? KTAP_PLATFORM_ENV "=" KTAP_PLATFORM_LINUX
					  " but uname says Tasklab" :
			      "no " KTAP_PLATFORM_ENV " (so on Tasklab) but uname does not say Tasklab");
	on_tasklab = !linux_abi;
	return on_tasklab;
}

int ktap_run_child(int (*fn)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

bool ktap_can_switch_uid(void)
{
	int status = -1;
	pid_t pid;

	if (ktap_on_tasklab())
		return true;
	pid = fork();
	if (pid == 0)
		_exit(setgid(70000) || setuid(70000) ? 1 : 0);
	return pid > 0 && waitpid(pid, &status, 0) == pid && status == 0;
}

int ktap_as_user(struct ktap *t, unsigned int uid, int (*fn)(struct ktap *t))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (setgid(uid) || setuid(uid))
			_exit(100);
		_exit(fn(t));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 200 + WTERMSIG(status);
}

bool ktap_skip_without_uid_switch(struct ktap *t)
{
	if (ktap_can_switch_uid())
		return false;
	ktap_skip(t, "this host does not let root become another user (uid 70000)");
	return true;
}

int ktap_run_suite(const char *suite, const struct ktap_case *cases)
{
	int n = 0, failed = 0;

	while (cases[n].name)
		n++;
	ktap_on_tasklab();               /* decided (or bailed out) before any case */
	ktap_print_subtest(ktap_stdout, 1, suite, n);
	for (int i = 0; i < n; i++) {
		struct ktap t = { .name = cases[i].name };
		cases[i].run(&t);
		ktap_print_result(ktap_stdout, 1, i + 1, t.name, !t.failed,
				  t.skipped && !t.failed ? t.skip_reason : NULL);
		failed += t.failed;
	}
	return failed ? 1 : 0;
}
