/* user/glibc/selfcheck.h: how the self-checking glibc programs report. Each
 * check prints one line, `<prog>: ok: <what>` or `<prog>: FAIL: <what>`;
 * finish() prints the verdict line `<prog>: PASS: N checks held` (or
 * `<prog>: FAIL: k of N checks failed`) and returns the exit status, 0 only
 * when every check held. A runner checks both the status and the PASS line,
 * so a process that dies with status 0 before its end is not a pass.
 * Plain C with glibc: nothing here knows which kernel runs the program. */
#ifndef SELFCHECK_H
#define SELFCHECK_H

#include <stdarg.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *selfcheck_prog = "?";
static int selfcheck_checks, selfcheck_failed;

/* Record and print one check (thread-safe: the counters are atomic, and
 * stdio locks the stream for each call). Returns ok. */
static inline int __attribute__((format(printf, 2, 3))) check(int ok, const char *fmt, ...)
{
	char what[240];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	__atomic_fetch_add(&selfcheck_checks, 1, __ATOMIC_SEQ_CST);
	if (!ok)
		__atomic_fetch_add(&selfcheck_failed, 1, __ATOMIC_SEQ_CST);
	printf("%s: %s: %s\n", selfcheck_prog, ok ? "ok" : "FAIL", what);
	fflush(stdout);
	return ok;
}

/* The verdict line and the exit status. */
static inline int finish(void)
{
	if (selfcheck_failed || !selfcheck_checks)
		printf("%s: FAIL: %d of %d checks failed\n", selfcheck_prog,
		       selfcheck_failed, selfcheck_checks);
	else
		printf("%s: PASS: %d checks held\n", selfcheck_prog, selfcheck_checks);
	fflush(stdout);
	return selfcheck_failed || !selfcheck_checks;
}

/* The kernel's id of the calling thread. */
static inline pid_t thread_id(void)
{
	return (pid_t)syscall(SYS_gettid);
}

#endif
