/* tests/test_ktest.c: tests of the test framework itself.
 * The `ktest` suite checks that EXPECT records and goes on, ASSERT ends the
 * case and SKIP carries its reason. The manual cases of `ktest_selftest` are
 * broken on purpose; the host runner boots each alone and requires that it is
 * reported as a failure (a failed EXPECT, a panic, a hang, a fault, after
 * which the next case must still run, a skip: none is allowed on Tasklab),
 * which proves that the runner cannot count a crash or a case that did not
 * run as a pass. The
 * `panic` suite's should-panic cases each get a boot of their own too.
 * The `ktest` suite also checks the KTAP lines of lib/ktap_format.c, which
 * the runner and the user test programs share. */
#include <kernel.h>
#include <errno.h>
#include <ktap_format.h>
#include <ktest.h>
#include <sched.h>
#include <asm/irqflags.h>

/* Run fn against a scratch struct ktest, as the runner would. */
static bool run_scratch(void (*fn)(struct ktest *), struct ktest *scratch)
{
	*scratch = (struct ktest){ .suite = "scratch", .name = "scratch (deliberate failure)",
				   .task = current };
	if (ksetjmp(&scratch->abort) == 0) {
		fn(scratch);
		return true;              /* ran to its end */
	}
	return false;                     /* ended early by an ASSERT or SKIP */
}

static int after_expect;
static void failing_expect(struct ktest *t) { KTEST_EXPECT_EQ(t, 1, 2); after_expect = 1; }
static void failing_assert(struct ktest *t) { KTEST_ASSERT_EQ(t, 1, 2); after_expect = 2; }
static void skipping(struct ktest *t) { KTEST_SKIP(t, "because %d", 42); }

static void ktest_expect_records_and_continues(struct ktest *t)
{
	struct ktest s;

	after_expect = 0;
	KTEST_EXPECT_TRUE(t, run_scratch(failing_expect, &s));
	KTEST_EXPECT_TRUE(t, s.failed);
	KTEST_EXPECT_EQ(t, after_expect, 1);
}

static void ktest_assert_ends_the_case(struct ktest *t)
{
	struct ktest s;

	after_expect = 0;
	KTEST_EXPECT_FALSE(t, run_scratch(failing_assert, &s));
	KTEST_EXPECT_TRUE(t, s.failed);
	KTEST_EXPECT_EQ(t, after_expect, 0);
}

static void ktest_skip_carries_reason(struct ktest *t)
{
	struct ktest s;

	KTEST_EXPECT_FALSE(t, run_scratch(skipping, &s));
	KTEST_EXPECT_TRUE(t, s.skipped);
	KTEST_EXPECT_FALSE(t, s.failed);
	KTEST_EXPECT_STREQ(t, s.skip_reason, "because 42");
}

static int helper_asserts(void *scratch)
{
	failing_assert(scratch);
	return 0;                         /* not reached: the ASSERT ends us */
}

/* An ASSERT in a helper thread of a case ends the helper, not the case (the
 * case's abort point is on another stack): the case is marked failed and the
 * helper's exit code says the ASSERT ended it. */
static void ktest_assert_in_helper_ends_the_helper(struct ktest *t)
{
	struct ktest s = { .suite = "scratch", .name = "scratch (helper)", .task = current };
	int status = 0;
	pid_t pid;

	after_expect = 0;
	if (ksetjmp(&s.abort) != 0)
		KTEST_FAIL(t, "the helper's ASSERT jumped onto the case's stack");
	pid = kernel_thread(helper_asserts, &s, NULL, CLONE_FS | CLONE_FILES | SIGCHLD);
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, kernel_wait(pid, 0, &status), pid);
	KTEST_EXPECT_EQ(t, status, -EINTR);
	KTEST_EXPECT_TRUE(t, s.failed);
	KTEST_EXPECT_EQ(t, after_expect, 0);
}

static void ktest_case_name_is_known_to_panic(struct ktest *t)
{
	char buf[96];

	KTEST_EXPECT_STREQ(t, ktest_running_case(buf, sizeof(buf)),
			   "ktest.ktest_case_name_is_known_to_panic");
}

/* The KTAP lines of lib/ktap_format.c, which the user programs print too
 * (user/lib/ktap.c), caught in a buffer instead of the console. */
static char captured[1024];
static size_t captured_len;

static void capture_line(const char *line, size_t len)
{
	if (captured_len + len < sizeof(captured)) {
		memcpy(captured + captured_len, line, len + 1);
		captured_len += len;
	}
}

static void ktest_ktap_format_lines(struct ktest *t)
{
	char long_name[KTAP_LINE_MAX + 40];

	captured_len = 0;
	captured[0] = '\0';
	ktap_print_subtest(capture_line, 1, "demo", 3);
	ktap_print_result(capture_line, 1, 1, "a", true, NULL);
	ktap_print_result(capture_line, 1, 2, "b", false, NULL);
	ktap_print_result(capture_line, 1, 3, "c", true, "no disk");
	ktap_print_failure(capture_line, 1, "b", "EXPECTATION", "x.c", 7);
	ktap_print_expected_int(capture_line, 1, "n", "==", "2", 1, 2);
	ktap_print_result(capture_line, 0, 4, "demo", false, NULL);
	KTEST_EXPECT_STREQ(t, captured,
		"    KTAP version 1\n    # Subtest: demo\n    1..3\n"
		"    ok 1 a\n    not ok 2 b\n    ok 3 c # SKIP no disk\n"
		"    # b: EXPECTATION failed at x.c:7\n    # Expected n == 2, but\n"
		"    #     n == 1 (0x1)\n    #     2 == 2 (0x2)\n"
		"not ok 4 demo\n");
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	captured_len = 0;
	ktap_print_result(capture_line, 1, 5, long_name, true, NULL);
	KTEST_EXPECT_EQ(t, captured_len, 4 + KTAP_LINE_MAX - 1 + strlen(" [line truncated]") + 1);
	KTEST_EXPECT_NOT_NULL(t, strstr(captured, "xxx [line truncated]\n"));
}

static const struct ktest_case ktest_cases[] = {
	KTEST_CASE(ktest_expect_records_and_continues),
	KTEST_CASE(ktest_assert_ends_the_case),
	KTEST_CASE(ktest_skip_carries_reason),
	KTEST_CASE(ktest_assert_in_helper_ends_the_helper),
	KTEST_CASE(ktest_case_name_is_known_to_panic),
	KTEST_CASE(ktest_ktap_format_lines),
	{}
};
KTEST_SUITE(ktest, ktest_cases);

/* --- broken on purpose: only run when named exactly ---------------------- */

static void broken_expect(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, 1 + 1, 3);
}

static void panics(struct ktest *t)
{
	panic("deliberate panic from ktest_selftest.panics");
}

static void faults(struct ktest *t)
{
	int *volatile p = (int *)0x10;     /* volatile pointer: no compile-time bounds */

	*p = 1;            /* caught by the case's guard: not ok, run goes on */
	KTEST_FAIL(t, "the write to 0x10 did not fault");
}

static void runs_after_fault(struct ktest *t)
{
	KTEST_EXPECT_FALSE(t, irqs_disabled());     /* the runner restored them */
}

static void skips(struct ktest *t)
{
	KTEST_SKIP(t, "deliberate skip from ktest_selftest.skips");
}

static void hangs(struct ktest *t)
{
	local_irq_disable();
	for (;;)
		;
}

static const struct ktest_case ktest_selftest_cases[] = {
	KTEST_MANUAL(broken_expect),
	KTEST_MANUAL(panics),
	KTEST_MANUAL(faults),
	KTEST_MANUAL(runs_after_fault),
	KTEST_MANUAL(hangs),
	KTEST_MANUAL(skips),
	{}
};
KTEST_SUITE(ktest_selftest, ktest_selftest_cases);

/* --- should panic: each booted alone by the runner ----------------------- */

static __noipa void panic_from_nested_call(void)
{
	panic("deliberate panic: the backtrace must name the test");
}

static void panic_prints_symbolized_backtrace(struct ktest *t)
{
	panic_from_nested_call();
}

static void null_dereference_oopses(struct ktest *t)
{
	volatile int *p = NULL;

	*p = 1;          /* no catcher armed in a should-panic case: an oops */
}

static const struct ktest_case panic_cases[] = {
	KTEST_SHOULD_PANIC(panic_prints_symbolized_backtrace,
			   "deliberate panic: the backtrace must name the test"),
	KTEST_SHOULD_PANIC(null_dereference_oopses, "Fatal exception: page fault"),
	{}
};
KTEST_SUITE(panic, panic_cases);
