/* tests/bench_user.c: user-mode benchmarks. They run in static glibc
 * programs (user/glibc/bench-glibc.c, bench-threads.c, forkbench.c) that
 * time themselves with rdtsc (guest instructions under -icount) and print
 * their own `bench:` lines; the kernel starts them, as children of PID 1,
 * and reports whether they ran. For bench-threads it also counts the CR3
 * writes (sched_stats) each figure costs: the program runs one benchmark
 * n times, then again 0 times (start-up, set-up and exit only), and the
 * difference over the n operations is the figure's count. Issues 5 and 6
 * list Linux 6.1's figures for the same programs on the same QEMU. */
#include <kernel.h>
#include <kbench.h>
#include <ktest.h>
#include <sched.h>
#include <asm/tlbflush.h>

static void bench_user_programs(const struct kbench *b)
{
	static const char *const none[] = { NULL };
	int status = ktest_run_program("/bin/bench-glibc", none, NULL);

	if (status)
		printk(KERN_RAW "bench: FAILED: /bin/bench-glibc exited with status %#x\n", status);
}
KBENCH(user, bench_user_programs);

/* bench-threads' figures: its name for the benchmark, the figure it prints,
 * how many times, and how many operations one time is (a pipe round trip
 * is two switches). */
struct thread_figure {
	const char *which, *figure;
	int n, ops;
};

static const struct thread_figure thread_figures[] = {
	{ "pthread", "user_pthread_create_join", 200, 1 },
	{ "clone_vm", "user_clone_vm_exit_wait", 200, 1 },
	{ "vfork", "user_vfork_exit_wait", 200, 1 },
	{ "fork", "user_process_fork_exit_wait", 100, 1 },
	{ "pipe_threads", "user_pipe_switch_threads", 1000, 2 },
	{ "pipe_processes", "user_pipe_switch_processes", 1000, 2 },
};

/* What a run of bench-threads cost besides its time. */
struct run_counts {
	long cr3_writes, shootdowns;
};

/* Run `bench-threads which n`: false if it failed, else the CR3 writes and
 * TLB shootdowns meanwhile in *c. */
static bool run_counting(const char *which, int n, struct run_counts *c)
{
	char count[12];
	const char *const argv[] = { which, count, NULL };
	unsigned long cr3 = sched_stats.cr3_writes, sd = tlb_shootdowns;
	int status;

	snprintf(count, sizeof(count), "%d", n);
	status = ktest_run_program("/bin/bench-threads", argv, NULL);
	if (status) {
		printk(KERN_RAW "bench: FAILED: %s not measured: bench-threads %s %d exited with status %#x\n",
		       which, which, n, status);
		return false;
	}
	c->cr3_writes = sched_stats.cr3_writes - cr3;
	c->shootdowns = tlb_shootdowns - sd;
	return true;
}

/* "bench: <figure>_<what> x.yy per op (extra over ops)" */
static void report_per_op(const char *figure, const char *what, long extra, long ops, const char *unit)
{
	printk(KERN_RAW "bench: %s_%s %ld.%02ld per %s (%ld over %ld)\n", figure, what,
	       extra / ops, (extra * 100 / ops) % 100, unit, extra, ops);
}

static void bench_threads(const struct kbench *b)
{
	static const char *const ratio[] = { "ratio", "100", NULL };
	static const char *const none[] = { NULL };

	for (size_t i = 0; i < ARRAY_SIZE(thread_figures); i++) {
		const struct thread_figure *f = &thread_figures[i];
		const char *unit = f->ops == 2 ? "switch" : "op";
		struct run_counts with, without;
		long ops = (long)f->n * f->ops;

		if (!run_counting(f->which, f->n, &with) || !run_counting(f->which, 0, &without))
			continue;
		report_per_op(f->figure, "cr3_writes", with.cr3_writes - without.cr3_writes, ops, unit);
		report_per_op(f->figure, "tlb_shootdowns", with.shootdowns - without.shootdowns, ops, unit);
	}
	if (ktest_run_program("/bin/bench-threads", ratio, NULL))
		printk(KERN_RAW "bench: FAILED: /bin/bench-threads ratio\n");
	if (ktest_run_program("/bin/forkbench", none, NULL))
		printk(KERN_RAW "bench: FAILED: /bin/forkbench\n");
}
KBENCH(threads, bench_threads);
