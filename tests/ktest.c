/* tests/ktest.c: the self-test runner. It picks the suites and cases that
 * test= selects, runs each case isolated in its own kernel thread (an armed
 * trap catcher for faults, a jump buffer for failed assertions; the runner,
 * PID 1, reaps the thread), prints KTAP version 1, checks the leak
 * counters around each suite, and exits QEMU with the "done" status.
 *
 * KTAP shape:            KTAP version 1
 *                        1..<suites>
 *                            KTAP version 1
 *                            # Subtest: <suite>
 *                            1..<cases>
 *                            ok 1 <case>
 *                        ok 1 <suite>
 */
#include <kernel.h>
#include <errno.h>
#include <kallsyms.h>
#include <ktap_format.h>
#include <ktest.h>
#include <lockdep.h>
#include <mount.h>
#include <params.h>
#include <sched.h>
#include <sched/mm.h>
#include <timer.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/processor.h>
#include <asm/traps.h>

extern const struct ktest_suite __ktest_suites_start[], __ktest_suites_end[];
extern const struct ktest_counter __ktest_counters_start[], __ktest_counters_end[];

#define MAX_COUNTERS 16
static char test_glob[256];
static bool test_requested;

static int set_test(const char *value)
{
	if (!value || !*value)
		return -EINVAL;
	if (strlcpy(test_glob, value, sizeof(test_glob)) >= sizeof(test_glob))
		return -E2BIG;
	test_requested = true;
	return 0;
}
KERNEL_PARAM("test", set_test);

/* ktest_panic_ok: this boot exists to run one should-panic case (the host
 * runner adds it); without it, should-panic cases are only listed. */
static bool panic_boot;

static int set_panic_ok(const char *value)
{
	panic_boot = true;
	return 0;
}
KERNEL_PARAM("ktest_panic_ok", set_panic_ok);

bool ktest_requested(void)
{
	return test_requested;
}

/* KTAP output (lib/ktap_format.c formats it): always to the console,
 * never timestamped (KERN_RAW). */
static void ktap_console(const char *line, size_t len)
{
	printk(KERN_RAW "%s", line);
}

static void ktap(int depth, const char *fmt, ...) __printf(2, 3);
static void ktap(int depth, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vprint(ktap_console, depth, fmt, ap);
	va_end(ap);
}

/* --- selection ------------------------------------------------------------ */

struct candidate {
	const char *suite;
	const struct ktest_case *c;
	char full[128];             /* "suite.case" */
};

/* Does one glob of test= select this case? Manual cases need their exact
 * "suite.case" name; should-panic cases run only in a ktest_panic_ok boot. */
static bool glob_selects(const char *glob, const void *arg)
{
	const struct candidate *k = arg;

	if (k->c->should_panic && !panic_boot)
		return false;
	if (k->c->manual)
		return !strcmp(glob, k->full);
	return glob_match(glob, k->suite) || glob_match(glob, k->full);
}

static bool case_selected(const char *suite, const struct ktest_case *c)
{
	struct candidate k = { suite, c, "" };

	snprintf(k.full, sizeof(k.full), "%s.%s", suite, c->name);
	return glob_list_any(test_glob, glob_selects, &k);
}

static int selected_cases(const struct ktest_suite *s)
{
	int n = 0;

	for (const struct ktest_case *c = s->cases; c->name; c++)
		n += case_selected(s->name, c);
	return n;
}

/* Should-panic cases the glob matches (ignoring their manual flag) are listed
 * for the runner, which boots each one on its own. */
static void list_should_panic(const struct ktest_suite *s)
{
	for (const struct ktest_case *c = s->cases; c->name; c++) {
		struct ktest_case probe = *c;
		probe.manual = false;
		probe.should_panic = NULL;
		if (c->should_panic && case_selected(s->name, &probe))
			ktap(0, "# ktest should-panic %s.%s", s->name, c->name);
	}
}

/* The case running now, for panic messages (ktest_running_case). */
static const struct ktest *running;

const char *ktest_running_case(char *buf, size_t size)
{
	if (!running)
		return NULL;
	snprintf(buf, size, "%s.%s", running->suite, running->name);
	return buf;
}

/* --- reporting ------------------------------------------------------------ */


void ktest_log(struct ktest *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vprint_diag(ktap_console, 1, t->name, fmt, ap);
	va_end(ap);
}

/* Leave the case: t->abort is on the case thread's stack, so a helper thread
 * the case started (current != t->task) cannot jump there: it exits instead,
 * and the case goes on, marked failed or skipped. */
static __noreturn void ktest_abort(struct ktest *t)
{
	if (t->task && t->task != current)
		do_exit(-EINTR);
	klongjmp(&t->abort, 1);
}

static void print_failure(struct ktest *t, bool fatal, const char *file, int line)
{
	ktap_print_failure(ktap_console, 1, t->name, fatal ? "ASSERTION" : "EXPECTATION",
			   file, line);
}

static void ktest_failed(struct ktest *t, bool fatal)
{
	t->failed = true;
	if (fatal)
		ktest_abort(t);
}

void ktest_fail_int(struct ktest *t, bool fatal, const char *file, int line,
		    const char *a_str, const char *op, const char *b_str, long long a, long long b)
{
	print_failure(t, fatal, file, line);
	ktap_print_expected_int(ktap_console, 1, a_str, op, b_str, a, b);
	ktest_failed(t, fatal);
}

void ktest_fail_str(struct ktest *t, bool fatal, const char *file, int line,
		    const char *a_str, const char *b_str, const char *a, const char *b)
{
	print_failure(t, fatal, file, line);
	ktap_print_expected_str(ktap_console, 1, a_str, b_str, a, b);
	ktest_failed(t, fatal);
}

void ktest_fail_msg(struct ktest *t, bool fatal, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	print_failure(t, fatal, file, line);
	va_start(ap, fmt);
	ktap_vprint_diag(ktap_console, 1, NULL, fmt, ap);
	va_end(ap);
	ktest_failed(t, fatal);
}

void ktest_skip(struct ktest *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->skip_reason, sizeof(t->skip_reason), fmt, ap);
	va_end(ap);
	t->skipped = true;
	ktest_abort(t);
}

static void report_fault(struct ktest *t, const struct trap_catch *c)
{
	unsigned long addrs[8];
	int n = save_backtrace(c->regs.ebp, addrs, ARRAY_SIZE(addrs));
	unsigned long guess = frameless_caller(c->regs.eip, kernel_stack_pointer(&c->regs));

	ktap(1, "# %s: unexpected %s (vector %u, error %#x) at %pS, cr2 %#x",
	     t->name, trap_name(c->regs.trapno), c->regs.trapno, c->regs.error_code,
	     (void *)c->regs.eip, c->cr2);
	if (guess)
		ktap(1, "#   called from ? %pB", (void *)guess);
	for (int i = 0; i < n; i++)
		ktap(1, "#   called from %pB", (void *)addrs[i]);
}

/* --- running --------------------------------------------------------------- */

struct case_run {
	const struct ktest_case *c;
	struct ktest *t;
};

/* The body of a case's own kernel thread: a failed ASSERT (klongjmp to
 * t->abort) or a fault (caught by the guard) ends the case and the thread,
 * never the run. */
static int case_thread(void *arg)
{
	struct case_run *r = arg;
	struct ktest *t = r->t;
	struct trap_catch guard;

	set_task_comm(current, "ktest");
	t->task = current;
	/* A should-panic case runs without the guard: its fault must oops. */
	if (r->c->should_panic || catch_trap(&guard, TRAP_ANY) == 0) {
		if (ksetjmp(&t->abort) == 0)
			r->c->run(t);
		if (r->c->should_panic && !t->skipped)
			KTEST_FAIL(t, "expected a kernel panic (\"%s\"), none happened", r->c->should_panic);
	} else {
		report_fault(t, &guard);
		t->failed = true;
		this_cpu(hardirq_depth) = 0;   /* a fault may have abandoned an IRQ handler */
	}
	return 0;
}

/* Run one case in its own kernel thread and reap it; returns true if it
 * passed (or was skipped). */
static __noinline bool run_case(const struct ktest_suite *s, const struct ktest_case *c, int n, int *skips)
{
	struct ktest t = { .suite = s->name, .name = c->name };
	struct case_run r = { c, &t };
	pid_t pid;

	running = &t;
	if (c->should_panic)
		ktap(1, "# ktest expecting panic: %s", c->should_panic);
	pid = kernel_thread(case_thread, &r, NULL, CLONE_FS | CLONE_FILES | SIGCHLD);
	if (pid < 0)
		KTEST_FAIL(&t, "cannot start the case's kernel thread (%d)", pid);
	else if (kernel_wait(pid, 0, NULL) != pid)
		KTEST_FAIL(&t, "could not reap the case's kernel thread %d", pid);
	running = NULL;
	if (t.skipped && !t.failed) {
		ktap_print_result(ktap_console, 1, n, c->name, true, t.skip_reason);
		(*skips)++;
		return true;
	}
	ktap_print_result(ktap_console, 1, n, c->name, !t.failed, NULL);
	return !t.failed;
}

/* Let deferred releases finish before the leak counters are read: kernel
 * threads that exited are reaped by kthreadd when it next runs, orphans a
 * case left behind are reaped here (the runner is PID 1), and a task
 * reaped while still on another CPU gets off it (its mm goes back in its
 * last switch). Gives up after a second (the counters then show the leak). */
static void ktest_settle(void)
{
	for (int i = 0; i < HZ; i++) {
		while (kernel_wait(-1, WNOHANG, NULL) > 0)
			;                /* orphans the cases left to PID 1 */
		if (!nr_zombies && list_empty(&current->children) && !sched_exit_in_flight()) {
			drop_lazy_mm();  /* the runner may borrow a dead mm */
			/* and so may idle CPUs; a reaped task can still be on its
			 * CPU, on its way out: the idle task it switches to
			 * borrows its mm. Again, until none is borrowed. */
			if (drop_idle_lazy_mms() && !lazy_user_mm_held())
				return;
		}
		msleep(10);
	}
}

static int read_counters(unsigned long *vals)
{
	int n = 0;

	ktest_settle();
	BUG_ON(__ktest_counters_end - __ktest_counters_start > MAX_COUNTERS);
	for (const struct ktest_counter *k = __ktest_counters_start; k < __ktest_counters_end; k++)
		vals[n++] = k->read();
	return n;
}

struct totals { int pass, fail, skip; };

/* Are the leak counters back where they were? Reports each one that is not. */
static bool leaks_clean(const unsigned long *before, int n, int depth)
{
	unsigned long after[MAX_COUNTERS];
	bool ok = true;

	read_counters(after);
	for (int i = 0; i < n; i++) {
		if (after[i] == before[i])
			continue;
		ok = false;
		ktap(depth, "# no_leaks: %s was %lu before the suite, %lu after (%+ld)",
		     __ktest_counters_start[i].name, before[i], after[i],
		     (long)(after[i] - before[i]));
	}
	return ok;
}

/* The implicit last case of every suite: the leak counters are back. */
static bool check_leaks(const unsigned long *before, int n, int num)
{
	bool ok = leaks_clean(before, n, 1);

	ktap_print_result(ktap_console, 1, num, "no_leaks", ok, NULL);
	return ok;
}

/* A user program suite: the program prints the subtest, we close it. A
 * leak fails the suite (the runner then sees a "not ok" suite whose cases
 * all passed, and reports that too). */
static bool run_program_suite(const struct ktest_suite *s, int num, struct totals *tot)
{
	static const char *const no_args[] = { NULL };
	unsigned long before[MAX_COUNTERS];
	int n = read_counters(before);
	int status = ktest_run_program(s->program, no_args, NULL);
	bool ok = status == 0;

	if (status < 0)
		ktap(0, "# %s: cannot run %s (error %d)", s->name, s->program, status);
	else if (status)
		ktap(0, "# %s: %s ended with wait status %#x", s->name, s->program, status);
	ok &= leaks_clean(before, n, 0);
	tot->pass += ok;
	tot->fail += !ok;
	ktap_print_result(ktap_console, 0, num, s->name, ok, NULL);
	return ok;
}

/* A kernel suite's cases run on CPU 0, and so do the tasks they fork:
 * their counters (switches, CR3 writes, ticks) are the machine's, and a
 * case reads them as if nothing ran beside it. The claim_c32 cases spread
 * their own tasks over the CPUs; the program suites run everywhere. */
static void pin_to_boot_cpu(bool pin)
{
	cpumask_t mask = pin ? (cpumask_t){ 1 } : *cpu_possible_mask;

	set_cpus_allowed(current, mask);
	set_cpus_allowed(kthreadd_task, mask);   /* and the kthreads they make */
}

static bool run_suite(const struct ktest_suite *s, int num, struct totals *tot)
{
	unsigned long before[MAX_COUNTERS];
	int ncounters, ncases = selected_cases(s), n = 0, skips = 0, fails = 0;
	bool ok = true;

	if (s->program)
		return run_program_suite(s, num, tot);   /* on every CPU */
	pin_to_boot_cpu(true);
	ncounters = read_counters(before);
	ktap_print_subtest(ktap_console, 1, s->name, ncases + (ncounters > 0));
	if (s->init)
		s->init();
	for (const struct ktest_case *c = s->cases; c->name; c++) {
		if (!case_selected(s->name, c))
			continue;
		bool passed = run_case(s, c, ++n, &skips);
		ok &= passed;
		fails += !passed;
	}
	if (s->exit)
		s->exit();
	tot->skip += skips;
	tot->fail += fails;
	tot->pass += n - skips - fails;
	if (ncounters) {
		bool clean = check_leaks(before, ncounters, n + 1);
		ok &= clean;
		tot->fail += !clean;
		tot->pass += clean;
	}
	ktap_print_result(ktap_console, 0, num, s->name, ok, NULL);
	pin_to_boot_cpu(false);
	return ok;
}

/* The user program suites read /proc, as programs on a Linux system may
 * expect to; the runner, PID 1 here, mounts it first, as an init does,
 * before any suite counts its baseline. */
static void mount_proc(void)
{
	int err = do_mount("proc", "/proc", "proc", 0, NULL);

	if (err)
		ktap(0, "# ktest: cannot mount /proc (error %d)", err);
}

/* The lock checker's totals, which the runner checks (on for the whole run,
 * since any report would have panicked, and really checking locks), and
 * every lock order it saw: the real nesting, for include/lock_order.h. */
static void ktap_lockdep_summary(void)
{
	struct lockdep_stats ls;
	const char *held, *taken;

	lockdep_get_stats(&ls);
	ktap(0, "# lockdep: %s, %u classes, %u dependencies, %lu acquisitions checked",
	     debug_locks ? "on" : "off", ls.classes, ls.dependencies, ls.acquisitions);
	for (unsigned int i = 0; lockdep_dependency(i, &held, &taken); i++)
		ktap(0, "# lockdep order: %s -> %s", held, taken);
}

bool ktest_run_selected(void)
{
	const struct ktest_suite *s;
	struct totals tot = { 0, 0, 0 };
	int nsuites = 0, num = 0;

	if (!test_requested)
		return false;
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		nsuites += selected_cases(s) > 0;
	ktap_print_version(ktap_console, 0);
	ktap(0, "# ktest: test=%s", test_glob);
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		list_should_panic(s);
	ktap_print_plan(ktap_console, 0, nsuites);
	mount_proc();
	for (s = __ktest_suites_start; s < __ktest_suites_end; s++)
		if (selected_cases(s) > 0)
			run_suite(s, ++num, &tot);
	ktap(0, "# Totals: pass:%d fail:%d skip:%d", tot.pass, tot.fail, tot.skip);
	ktap_lockdep_summary();
	ktap(0, "# ktest: end of run");
	machine_exit(QEMU_EXIT_DONE);
}
