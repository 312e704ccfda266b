/* user/include/ktap.h: self-tests in user programs, printing the same KTAP
 * version 1 as the kernel's ktest (include/ktest.h), so tests/run.py counts
 * them the same way.
 *
 *   static void libc_strlen(struct ktap *t) { KTAP_EXPECT_EQ(t, strlen("ab"), 2); }
 *   static const struct ktap_case cases[] = { KTAP_CASE(libc_strlen), {} };
 *   int main(void) { return ktap_run_suite("libc", cases); }
 *
 * A program is one suite. It prints the suite's nested document, indented
 * four spaces as the kernel prints a suite:
 *
 *       KTAP version 1
 *       # Subtest: libc
 *       1..1
 *       ok 1 libc_strlen
 *
 * and returns exit status 0 if every case passed, 1 otherwise; whoever ran
 * it (the kernel's test runner, or tests/run.py) prints the top-level
 * `ok N libc` line from that status. A program that crashes prints fewer
 * results than its plan, which the runner reports as a failure.
 * EXPECT records a failure and goes on; ASSERT also returns from the case
 * (so it may only be used in the case function itself). */
#ifndef _TL_KTAP_H
#define _TL_KTAP_H

#include <stdbool.h>

struct ktap {
	const char *name;
	bool failed;
	bool skipped;
	char skip_reason[96];
};

struct ktap_case {
	const char *name;
	void (*run)(struct ktap *t);
};

#define KTAP_CASE(fn) { #fn, fn }

int ktap_run_suite(const char *suite, const struct ktap_case *cases);

void ktap_fail_int(struct ktap *t, const char *file, int line, const char *a_str,
		   const char *op, const char *b_str, long long a, long long b);
void ktap_fail_str(struct ktap *t, const char *file, int line, const char *a_str,
		   const char *b_str, const char *a, const char *b);
void ktap_fail_msg(struct ktap *t, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A diagnostic line in the case's output ("    # name: ..."). */
void ktap_log(struct ktap *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Is this Tasklab, or Linux's ABI under qemu-i386 on the build host (where
 * tests/run.py runs the same binaries with KTAP_PLATFORM=linux-abi)? For
 * the few checks whose answer differs: reparenting to PID 1, vfork sharing
 * memory. uname must agree with the environment, or the program bails out
 * (status 2): skips are for the Linux side only. */
bool ktap_on_tasklab(void);
/* How many CPUs this process may run on (its affinity mask; 1 if the
 * call fails): some checks hold on one CPU only, where a yield hands the
 * CPU to the task just woken. */
int ktap_nr_cpus(void);
/* Can a root child become another user (uid 70000) here? Always on
 * Tasklab; a build host may refuse (a container without CAP_SETUID or
 * with a narrow uid map), and then the identity tests cannot run there.
 * The _skip form marks the case skipped when not, and says so. */
bool ktap_can_switch_uid(void);
bool ktap_skip_without_uid_switch(struct ktap *t);
/* Run fn(t) in a child that first becomes user uid (gid uid too); its
 * exit status is fn's result (0: its checks passed; they print their own
 * diagnostics), 100 if it could not become uid, 200 + the signal if one
 * killed it, -1 if fork or wait failed. */
int ktap_as_user(struct ktap *t, unsigned int uid, int (*fn)(struct ktap *t));
/* Fork a child that runs fn and _exits with its value; wait for it and
 * return the raw wait status (-1 if fork or wait failed). */
int ktap_run_child(int (*fn)(void));
/* Mark the case skipped (the caller returns from the case). */
void ktap_skip(struct ktap *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define __KTAP_CMP(t, a, op, b, on_fail) do {                                  \
	long long __a = (long long)(a), __b = (long long)(b);                  \
	if (!(__a op __b)) {                                                   \
		ktap_fail_int(t, __FILE__, __LINE__, #a, #op, #b, __a, __b);   \
		on_fail;                                                       \
	}                                                                      \
} while (0)
#define __KTAP_STR(t, a, b, on_fail) do {                                      \
	const char *__a = (a), *__b = (b);                                     \
	if (!__a || !__b || strcmp(__a, __b)) {                                \
		ktap_fail_str(t, __FILE__, __LINE__, #a, #b, __a, __b);        \
		on_fail;                                                       \
	}                                                                      \
} while (0)

#define KTAP_EXPECT_EQ(t, a, b) __KTAP_CMP(t, a, ==, b, (void)0)
#define KTAP_EXPECT_NE(t, a, b) __KTAP_CMP(t, a, !=, b, (void)0)
#define KTAP_EXPECT_LT(t, a, b) __KTAP_CMP(t, a, <, b, (void)0)
#define KTAP_EXPECT_LE(t, a, b) __KTAP_CMP(t, a, <=, b, (void)0)
#define KTAP_EXPECT_GT(t, a, b) __KTAP_CMP(t, a, >, b, (void)0)
#define KTAP_EXPECT_GE(t, a, b) __KTAP_CMP(t, a, >=, b, (void)0)
#define KTAP_EXPECT_TRUE(t, c)  __KTAP_CMP(t, !!(c), ==, 1, (void)0)
#define KTAP_EXPECT_STREQ(t, a, b) __KTAP_STR(t, a, b, (void)0)
#define KTAP_ASSERT_EQ(t, a, b) __KTAP_CMP(t, a, ==, b, return)
#define KTAP_ASSERT_NE(t, a, b) __KTAP_CMP(t, a, !=, b, return)
#define KTAP_ASSERT_GE(t, a, b) __KTAP_CMP(t, a, >=, b, return)
#define KTAP_ASSERT_GT(t, a, b) __KTAP_CMP(t, a, >, b, return)
#define KTAP_ASSERT_TRUE(t, c)  __KTAP_CMP(t, !!(c), ==, 1, return)
#define KTAP_FAIL(t, ...) ktap_fail_msg(t, __FILE__, __LINE__, __VA_ARGS__)

#endif
