/* include/ktest.h: Tasklab's in-kernel self-tests, in the style of KUnit.
 *
 * A test case is a function taking a struct ktest *. Cases are grouped in
 * suites; a suite registers itself with KTEST_SUITE, which puts it in a linker
 * section, so no central list needs editing. Results are printed as KTAP
 * version 1 on the console, one nested KTAP document per suite, and read by
 * the host runner (tests/run.py).
 *
 *   static void printk_pads(struct ktest *t) { KTEST_EXPECT_STREQ(t, buf, "  7"); }
 *   static const struct ktest_case printk_cases[] = {
 *           KTEST_CASE(printk_pads), {} };
 *   KTEST_SUITE(printk, printk_cases);
 *
 * EXPECT records a failure and goes on; ASSERT records it and ends the case.
 * Each case runs isolated: a failed ASSERT or an unexpected CPU exception in a
 * case ends that case only (reported `not ok` with the fault) and the run goes
 * on; an ASSERT or SKIP in a helper thread the case started ends that helper
 * (do_exit(-EINTR)) and marks the case. A case marked KTEST_SHOULD_PANIC is left out of the normal run and booted
 * on its own by the runner, which checks that the kernel panicked as expected.
 * A KTEST_MANUAL case runs only when test= names it exactly.
 *
 * After each suite the runner compares every registered leak counter
 * (KTEST_COUNTER: free pages, slab objects...) with its value before the
 * suite; a difference fails the suite's extra case `no_leaks`.
 */
#ifndef TASKLAB_KTEST_H
#define TASKLAB_KTEST_H

#include <types.h>
#include <asm/traps.h>

struct ktest {
	const char *suite;
	const char *name;
	bool failed;
	bool skipped;
	char skip_reason[96];
	struct kjmp_buf abort;      /* ASSERT failures and SKIP jump here */
	struct task_struct *task;   /* the case's thread (owner of abort), or NULL */
};

struct ktest_case {
	const char *name;
	void (*run)(struct ktest *t);
	const char *should_panic;   /* expected panic text, or NULL */
	bool manual;                /* only when named exactly by test= */
};

struct ktest_suite {
	const char *name;
	const struct ktest_case *cases;   /* ends with an empty entry */
	void (*init)(void);               /* optional, before the first case */
	void (*exit)(void);               /* optional, after the last case */
	const char *program;              /* a user program suite: its path */
};

struct ktest_counter {
	const char *name;
	unsigned long (*read)(void);
};

#define KTEST_CASE(fn)               { #fn, fn, NULL, false }
#define KTEST_SHOULD_PANIC(fn, text) { #fn, fn, text, true }
#define KTEST_MANUAL(fn)             { #fn, fn, NULL, true }

#define KTEST_SUITE_FULL(sname, case_array, init_fn, exit_fn) \
	static const struct ktest_suite __ktest_suite_##sname __used \
	__section(".ktest_suites") __aligned(4) = { #sname, case_array, init_fn, exit_fn, NULL }
#define KTEST_SUITE(sname, case_array) KTEST_SUITE_FULL(sname, case_array, NULL, NULL)

/* A suite that is a user program from the initramfs (user/bin/utest_*): it
 * prints its own subtest (KTAP version, "# Subtest: sname", plan, results)
 * on the console and exits 0 when every case passed; the runner execs it
 * as a child of PID 1, adds the top-level result line from its exit status
 * and checks the leak counters around it. Selected by its name. */
#define KTEST_PROGRAM_SUITE(sname, path) \
	static const struct ktest_case __ktest_prog_##sname[] = { \
		{ "program", NULL, NULL, false }, { NULL, NULL, NULL, false } }; \
	static const struct ktest_suite __ktest_suite_##sname __used \
	__section(".ktest_suites") __aligned(4) = { #sname, __ktest_prog_##sname, NULL, NULL, path }

/* Run a user program as a child of the caller, with fds 0-2 on the console
 * (or fd 1 and 2 on out_path, created, when not NULL); its wait status, or
 * -errno when it could not be started (tests/ktest_program.c). */
int ktest_run_program(const char *path, const char *const *argv, const char *out_path);
/* The same, also telling the child's pid and whether it had an mm just
 * before its exec. */
struct ktest_program {
	const char *path;
	const char *const *argv;          /* arguments after argv[0] = path */
	const char *out_path;
	pid_t pid;                        /* out */
	bool had_mm;                      /* out */
};
int ktest_spawn_program(struct ktest_program *p);
/* Run p with its output on p->out_path (a file in /tmp) and return what it
 * printed, NUL-terminated, in a kmalloc'd buffer of `size` bytes (kfree
 * it; NULL when out of memory); *status is its wait status. The file is
 * removed. */
char *ktest_capture_program(struct ktest_program *p, size_t size, int *status);
/* Each line of text as a diagnostic of the running case (ktest_log). */
void ktest_log_lines(struct ktest *t, char *text);

#define KTEST_COUNTER(cname, fn) \
	static const struct ktest_counter __ktest_counter_##fn __used \
	__section(".ktest_counters") __aligned(4) = { cname, fn }

/* Failure reporting; `fatal` ends the case. */
void ktest_fail_int(struct ktest *t, bool fatal, const char *file, int line,
		    const char *a_str, const char *op, const char *b_str, long long a, long long b);
void ktest_fail_str(struct ktest *t, bool fatal, const char *file, int line,
		    const char *a_str, const char *b_str, const char *a, const char *b);
void ktest_fail_msg(struct ktest *t, bool fatal, const char *file, int line,
		    const char *fmt, ...) __printf(5, 6);
void ktest_skip(struct ktest *t, const char *fmt, ...) __printf(2, 3) __noreturn;
/* A diagnostic line inside the current case's KTAP output ("    # ..."). */
void ktest_log(struct ktest *t, const char *fmt, ...) __printf(2, 3);

#define __KT_CMP(t, fatal, a, op, b) do {                                      \
	long long __ka = (long long)(a), __kb = (long long)(b);                \
	if (!(__ka op __kb))                                                   \
		ktest_fail_int(t, fatal, __FILE__, __LINE__, #a, #op, #b, __ka, __kb); \
} while (0)
#define __KT_PTR(t, fatal, a, op, b) do {                                      \
	unsigned long __ka = (unsigned long)(a), __kb = (unsigned long)(b);    \
	if (!(__ka op __kb))                                                   \
		ktest_fail_int(t, fatal, __FILE__, __LINE__, #a, #op, #b, __ka, __kb); \
} while (0)
#define __KT_STR(t, fatal, a, b) do {                                          \
	const char *__ka = (a), *__kb = (b);                                   \
	if (!__ka || !__kb || strcmp(__ka, __kb))                              \
		ktest_fail_str(t, fatal, __FILE__, __LINE__, #a, #b, __ka, __kb); \
} while (0)
#define __KT_TRUE(t, fatal, c) do {                                            \
	if (!(c))                                                              \
		ktest_fail_msg(t, fatal, __FILE__, __LINE__, "Expected %s to be true", #c); \
} while (0)

#define KTEST_EXPECT_EQ(t, a, b)  __KT_CMP(t, false, a, ==, b)
#define KTEST_EXPECT_NE(t, a, b)  __KT_CMP(t, false, a, !=, b)
#define KTEST_EXPECT_LT(t, a, b)  __KT_CMP(t, false, a, <, b)
#define KTEST_EXPECT_LE(t, a, b)  __KT_CMP(t, false, a, <=, b)
#define KTEST_EXPECT_GT(t, a, b)  __KT_CMP(t, false, a, >, b)
#define KTEST_EXPECT_GE(t, a, b)  __KT_CMP(t, false, a, >=, b)
#define KTEST_EXPECT_TRUE(t, c)   __KT_TRUE(t, false, c)
#define KTEST_EXPECT_FALSE(t, c)  __KT_TRUE(t, false, !(c))
#define KTEST_EXPECT_PTR_EQ(t, a, b) __KT_PTR(t, false, a, ==, b)
#define KTEST_EXPECT_PTR_NE(t, a, b) __KT_PTR(t, false, a, !=, b)
#define KTEST_EXPECT_NULL(t, p)   __KT_PTR(t, false, p, ==, 0)
#define KTEST_EXPECT_NOT_NULL(t, p) __KT_PTR(t, false, p, !=, 0)
#define KTEST_EXPECT_STREQ(t, a, b) __KT_STR(t, false, a, b)

#define KTEST_ASSERT_EQ(t, a, b)  __KT_CMP(t, true, a, ==, b)
#define KTEST_ASSERT_NE(t, a, b)  __KT_CMP(t, true, a, !=, b)
#define KTEST_ASSERT_LT(t, a, b)  __KT_CMP(t, true, a, <, b)
#define KTEST_ASSERT_LE(t, a, b)  __KT_CMP(t, true, a, <=, b)
#define KTEST_ASSERT_GT(t, a, b)  __KT_CMP(t, true, a, >, b)
#define KTEST_ASSERT_GE(t, a, b)  __KT_CMP(t, true, a, >=, b)
#define KTEST_ASSERT_TRUE(t, c)   __KT_TRUE(t, true, c)
#define KTEST_ASSERT_FALSE(t, c)  __KT_TRUE(t, true, !(c))
#define KTEST_ASSERT_PTR_EQ(t, a, b) __KT_PTR(t, true, a, ==, b)
#define KTEST_ASSERT_NOT_NULL(t, p) __KT_PTR(t, true, p, !=, 0)
#define KTEST_ASSERT_STREQ(t, a, b) __KT_STR(t, true, a, b)
#define KTEST_FAIL(t, fmt, ...) ktest_fail_msg(t, false, __FILE__, __LINE__, fmt, ##__VA_ARGS__)
#define KTEST_SKIP(t, fmt, ...) ktest_skip(t, fmt, ##__VA_ARGS__)

/* tests/helpers.c: a user-space alias of a kernel object in the first 4 MiB
 * (static data of the kernel image), and a system call made from ring 0. */
void *ktest_user_alias(void *kernel_obj);
void ktest_drop_user_alias(void);
long ktest_syscall(long nr, long a, long b, long c);
/* Run fn(arg) on every online CPU at once (the others by IPI, with
 * interrupts off); the number of CPUs that finished within 30 s, -1 if the
 * IPI could not be sent. */
int ktest_on_all_cpus(void (*fn)(void *arg), void *arg);

/* "suite.case" of the case running now (into buf), or NULL; for panic(). */
const char *ktest_running_case(char *buf, size_t size);

/* Run the suites selected by test= (if any). Returns false when no test= was
 * given; otherwise prints the KTAP report and exits QEMU. */
bool ktest_run_selected(void);
/* Has test= selected anything? (boot code may adapt, e.g. skip the monitor) */
bool ktest_requested(void);

#endif
