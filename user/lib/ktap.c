/* user/lib/ktap.c: the KTAP printer and case runner of include/ktap.h.
 * Lines are those of the kernel's tests/ktest.c at depth 1 (four spaces),
 * so one parser reads both. */
#include <ktap.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/utsname.h>
#include <sys/wait.h>

static void ktap_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void ktap_line(const char *fmt, ...)
{
	char line[320];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	printf("    %s\n", line);
}

static void fail_header(struct ktap *t, const char *file, int line)
{
	ktap_line("# %s: EXPECTATION failed at %s:%d", t->name, file, line);
	t->failed = true;
}

void ktap_fail_int(struct ktap *t, const char *file, int line, const char *a_str,
		   const char *op, const char *b_str, long long a, long long b)
{
	fail_header(t, file, line);
	ktap_line("# Expected %s %s %s, but", a_str, op, b_str);
	ktap_line("#     %s == %lld (%#llx)", a_str, a, a);
	ktap_line("#     %s == %lld (%#llx)", b_str, b, b);
}

void ktap_fail_str(struct ktap *t, const char *file, int line, const char *a_str,
		   const char *b_str, const char *a, const char *b)
{
	fail_header(t, file, line);
	ktap_line("# Expected %s == %s, but", a_str, b_str);
	ktap_line("#     %s == \"%s\"", a_str, a ? a : "(null)");
	ktap_line("#     %s == \"%s\"", b_str, b ? b : "(null)");
}

void ktap_fail_msg(struct ktap *t, const char *file, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fail_header(t, file, line);
	ktap_line("# %s", msg);
}

void ktap_log(struct ktap *t, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ktap_line("# %s: %s", t->name, msg);
}

void ktap_skip(struct ktap *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->skip_reason, sizeof(t->skip_reason), fmt, ap);
	va_end(ap);
	t->skipped = true;
}

bool ktap_on_tasklab(void)
{
	struct utsname u;

	return uname(&u) == 0 && strstr(u.version, "Tasklab") != NULL;
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
	ktap_line("KTAP version 1");
	ktap_line("# Subtest: %s", suite);
	ktap_line("1..%d", n);
	for (int i = 0; i < n; i++) {
		struct ktap t = { .name = cases[i].name };
		cases[i].run(&t);
		if (t.skipped && !t.failed)
			ktap_line("ok %d %s # SKIP %s", i + 1, t.name, t.skip_reason);
		else
			ktap_line("%sok %d %s", t.failed ? "not " : "", i + 1, t.name);
		failed += t.failed;
	}
	return failed ? 1 : 0;
}
