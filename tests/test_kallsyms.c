/* tests/test_kallsyms.c: the embedded symbol table and frame-pointer
 * backtraces: a test can find its own name from its own return addresses. */
#include <kernel.h>
#include <kallsyms.h>
#include <ktest.h>
#include <asm/processor.h>

static void kallsyms_finds_own_function(struct ktest *t)
{
	unsigned long off = 99, size = 0;
	const char *name = kallsyms_lookup((unsigned long)kallsyms_finds_own_function + 3, &off, &size);

	KTEST_ASSERT_NOT_NULL(t, name);
	KTEST_EXPECT_STREQ(t, name, "kallsyms_finds_own_function");
	KTEST_EXPECT_EQ(t, off, 3);
	KTEST_EXPECT_GT(t, size, 3);
}

static void kallsyms_rejects_non_text(struct ktest *t)
{
	static int data_object;

	KTEST_EXPECT_NULL(t, kallsyms_lookup((unsigned long)&data_object, NULL, NULL));
	KTEST_EXPECT_NULL(t, kallsyms_lookup(0x1000, NULL, NULL));
	KTEST_EXPECT_NULL(t, kallsyms_lookup(0xFFFFF000, NULL, NULL));
}

static void kallsyms_name_to_address(struct ktest *t)
{
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("start_kernel"), (unsigned long)start_kernel);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("panic"), (unsigned long)panic);
	KTEST_EXPECT_EQ(t, kallsyms_lookup_name("no_such_function_xyz"), 0);
}

/* Two frames deep, so the walk must cross frames we own. */
static __noipa int inner_frames(unsigned long *addrs, int max)
{
	int n = save_backtrace(read_ebp(), addrs, max);
	barrier();
	return n;
}

static __noipa int outer_frames(unsigned long *addrs, int max)
{
	int n = inner_frames(addrs, max);
	barrier();
	return n;
}

/* GCC names specialised copies "fn.isra.0", "fn.constprop.0": same function. */
static bool sym_is(const char *name, const char *fn)
{
	size_t n = strlen(fn);

	return name && !strncmp(name, fn, n) && (name[n] == '\0' || name[n] == '.');
}

static void backtrace_names_the_callers(struct ktest *t)
{
	unsigned long addrs[16];
	const char *names[16] = { 0 };
	int n = outer_frames(addrs, 16);

	KTEST_ASSERT_GE(t, n, 3);
	for (int i = 0; i < n; i++)
		names[i] = kallsyms_lookup(addrs[i] - 1, NULL, NULL);   /* the call */
	KTEST_EXPECT_TRUE(t, sym_is(names[0], "outer_frames"));
	KTEST_EXPECT_TRUE(t, sym_is(names[1], "backtrace_names_the_callers"));
	bool runner_seen = false;
	for (int i = 2; i < n; i++) {
		KTEST_EXPECT_NOT_NULL(t, names[i]);    /* every frame is kernel text */
		runner_seen |= sym_is(names[i], "case_thread");   /* each case's thread */
	}
	if (!runner_seen)
		for (int i = 0; i < n; i++)
			ktest_log(t, "frame %d: %pS", i, (void *)addrs[i]);
	KTEST_EXPECT_TRUE(t, runner_seen);      /* the chain reaches the test runner */
}

static void sprint_symbol_format(struct ktest *t)
{
	char buf[96], want[96];
	unsigned long size = 0;

	kallsyms_lookup((unsigned long)sprint_symbol_format, NULL, &size);
	snprintf(want, sizeof(want), "sprint_symbol_format+0x10/%#lx", size);
	sprint_symbol(buf, sizeof(buf), (unsigned long)sprint_symbol_format + 0x10);
	KTEST_EXPECT_STREQ(t, buf, want);
}

static const struct ktest_case kallsyms_cases[] = {
	KTEST_CASE(kallsyms_finds_own_function),
	KTEST_CASE(kallsyms_rejects_non_text),
	KTEST_CASE(kallsyms_name_to_address),
	KTEST_CASE(backtrace_names_the_callers),
	KTEST_CASE(sprint_symbol_format),
	{}
};
KTEST_SUITE(kallsyms, kallsyms_cases);
