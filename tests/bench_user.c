/* tests/bench_user.c: user-mode benchmarks. They run in static glibc
 * programs (user/glibc/bench-glibc.c, bench-threads.c, forkbench.c) that
 * time themselves with rdtsc (guest instructions under -icount) and print
 * their own `bench:` lines; the kernel starts them, as children of PID 1,
 * and reports whether they ran. For bench-threads it also counts the CR3
 * writes (sched_stats) each figure costs: the program runs one benchmark
 * n times, then again 0 times (start-up, set-up and exit only), and the
 * difference over the n operations is the figure's count. bench-glibc's
 * figures are counted the same way (IPIs by kind, TLB shootdowns too), each
 * run alone after the plain run that prints them. Issues 5 and 6
 * list Linux 6.1's figures for the same programs on the same QEMU. */
#include <kernel.h>
#include <errno.h>
#include <kbench.h>
#include <ktest.h>
#include <params.h>
#include <sched.h>
#include <sched/cputime.h>
#include <smp.h>
#include <asm/tlbflush.h>

/* A figure whose costs besides time are counted: the program and its name
 * for the benchmark, the figure it prints, how many times, and how many
 * operations one time is (a pipe round trip is two switches). */
struct counted_figure {
	const char *prog, *which, *figure;
	int n, ops;
};

#define GLIBC_FIGURE(name, n, ops) { "/bin/bench-glibc", name, name, n, ops }
static const struct counted_figure user_figures[] = {
	GLIBC_FIGURE("user_null_syscall_getpid", 20000, 1),
	GLIBC_FIGURE("user_fork_exit_wait", 100, 1),
	GLIBC_FIGURE("user_fork_exit_wait_4mib", 100, 1),
	GLIBC_FIGURE("user_fork_exec_wait", 30, 1),
	GLIBC_FIGURE("user_demand_zero_fault", 1024, 1),
	GLIBC_FIGURE("user_cow_fault", 1024, 1),
	GLIBC_FIGURE("user_pipe_switch", 1000, 2),
};

#define THREADS_FIGURE(which, figure, n, ops) { "/bin/bench-threads", which, figure, n, ops }
static const struct counted_figure thread_figures[] = {
	THREADS_FIGURE("pthread", "user_pthread_create_join", 200, 1),
	THREADS_FIGURE("clone_vm", "user_clone_vm_exit_wait", 200, 1),
	THREADS_FIGURE("vfork", "user_vfork_exit_wait", 200, 1),
	THREADS_FIGURE("fork", "user_process_fork_exit_wait", 100, 1),
	THREADS_FIGURE("pipe_threads", "user_pipe_switch_threads", 1000, 2),
	THREADS_FIGURE("pipe_processes", "user_pipe_switch_processes", 1000, 2),
};

/* What a run cost besides its time: CR3 writes, TLB shootdowns that
 * interrupted another CPU, and the IPIs every CPU received, by kind. */
struct run_counts {
	long cr3_writes, shootdowns, ipi_reschedule, ipi_call_function, ipi_invalidate;
};

static void read_counts(struct run_counts *c)
{
	int cpu;

	c->cr3_writes = sched_stats.cr3_writes;
	c->shootdowns = __atomic_load_n(&tlb_shootdowns, __ATOMIC_RELAXED);
	c->ipi_reschedule = c->ipi_call_function = c->ipi_invalidate = 0;
	for_each_online_cpu(cpu) {
		const struct ipi_stats *s = &per_cpu(ipi_received, cpu);

		c->ipi_reschedule += READ_ONCE(s->reschedule);
		c->ipi_call_function += READ_ONCE(s->call_function);
		c->ipi_invalidate += READ_ONCE(s->invalidate);
	}
}

/* Run `prog which n`: false if it failed, else in *c what it cost. */
static bool run_counting(const struct counted_figure *f, int n, struct run_counts *c)
{
	char count[12];
	const char *const argv[] = { f->which, count, NULL };
	struct run_counts before;
	int status;

	snprintf(count, sizeof(count), "%d", n);
	read_counts(&before);
	status = ktest_run_program(f->prog, argv, NULL);
	if (status) {
		printk(KERN_RAW "bench: FAILED: %s not measured: %s %s %d exited with status %#x\n",
		       f->figure, f->prog, f->which, n, status);
		return false;
	}
	read_counts(c);
	c->cr3_writes -= before.cr3_writes;
	c->shootdowns -= before.shootdowns;
	c->ipi_reschedule -= before.ipi_reschedule;
	c->ipi_call_function -= before.ipi_call_function;
	c->ipi_invalidate -= before.ipi_invalidate;
	return true;
}

/* "bench: <figure>_<what> x.yy per op (extra over ops)" */
static void report_per_op(const char *figure, const char *what, long extra, long ops, const char *unit)
{
	printk(KERN_RAW "bench: %s_%s %ld.%02ld per %s (%ld over %ld)\n", figure, what,
	       extra / ops, (extra * 100 / ops) % 100, unit, extra, ops);
}

/* Each figure run n times and 0 times (start-up, set-up and exit only):
 * the difference over the n operations is what one operation costs in
 * CR3 writes, shootdowns and IPIs. */
static void report_counts(const struct counted_figure *figs, size_t nr)
{
	for (size_t i = 0; i < nr; i++) {
		const struct counted_figure *f = &figs[i];
		const char *unit = f->ops == 2 ? "switch" : "op";
		struct run_counts with, without;
		long ops = (long)f->n * f->ops;

		if (!run_counting(f, f->n, &with) || !run_counting(f, 0, &without))
			continue;
		report_per_op(f->figure, "cr3_writes", with.cr3_writes - without.cr3_writes, ops, unit);
		report_per_op(f->figure, "tlb_shootdowns", with.shootdowns - without.shootdowns, ops, unit);
		report_per_op(f->figure, "ipi_reschedule", with.ipi_reschedule - without.ipi_reschedule,
			      ops, unit);
		report_per_op(f->figure, "ipi_call_function",
			      with.ipi_call_function - without.ipi_call_function, ops, unit);
		report_per_op(f->figure, "ipi_invalidate", with.ipi_invalidate - without.ipi_invalidate,
			      ops, unit);
	}
}

/* bench-glibc's figures from one plain run (as issue 5 took them), then
 * each figure alone, counted. */
static void bench_user_programs(const struct kbench *b)
{
	static const char *const none[] = { NULL };
	int status = ktest_run_program("/bin/bench-glibc", none, NULL);

	if (status)
		printk(KERN_RAW "bench: FAILED: /bin/bench-glibc exited with status %#x\n", status);
	report_counts(user_figures, ARRAY_SIZE(user_figures));
}
KBENCH(user, bench_user_programs);

static void bench_threads(const struct kbench *b)
{
	static const char *const ratio[] = { "ratio", "100", NULL };
	static const char *const none[] = { NULL };

	report_counts(thread_figures, ARRAY_SIZE(thread_figures));
	if (ktest_run_program("/bin/bench-threads", ratio, NULL))
		printk(KERN_RAW "bench: FAILED: /bin/bench-threads ratio\n");
	if (ktest_run_program("/bin/forkbench", none, NULL))
		printk(KERN_RAW "bench: FAILED: /bin/forkbench\n");
}
KBENCH(threads, bench_threads);

/* `make bench-wall` (tests/bench.py --wall): two loops of bench_wall_n=
 * fork+exit+wait (default 5000) at once (wall_parallel) or one after the
 * other (wall_serial), timed by the kernel's CLOCK_MONOTONIC inside
 * bench-glibc. Run by name only: under -icount wall time means nothing. */
static unsigned long wall_n = 5000;

static int wall_n_param(const char *value)
{
	long n = value ? simple_strtol(value, NULL, 0) : 0;

	if (n < 1 || n > 1000000)
		return -EINVAL;
	wall_n = n;
	return 0;
}
KERNEL_PARAM("bench_wall_n", wall_n_param);

/* Ticks cpu spent running tasks (user, nice, system): not idle. */
static unsigned long long busy_ticks(int cpu)
{
	return kcpustat_cpu[cpu][CPUTIME_USER] + kcpustat_cpu[cpu][CPUTIME_NICE] +
	       kcpustat_cpu[cpu][CPUTIME_SYSTEM];
}

/* Run the loops; then each CPU's busy ticks meanwhile, which say whether
 * the two loops really ran on two CPUs. */
static void bench_wall(const char *mode)
{
	unsigned long long busy[NR_CPUS];
	char n[12];
	const char *const argv[] = { "wall", mode, "2", n, NULL };
	int status, cpu;

	snprintf(n, sizeof(n), "%lu", wall_n);
	for_each_online_cpu(cpu)
		busy[cpu] = busy_ticks(cpu);
	status = ktest_run_program("/bin/bench-glibc", argv, NULL);
	if (status)
		printk(KERN_RAW "bench: FAILED: bench-glibc wall %s 2 %s exited with status %#x\n",
		       mode, n, status);
	for_each_online_cpu(cpu)
		printk(KERN_RAW "bench: wall_%s_cpu%d_busy %llu ticks\n", mode, cpu,
		       busy_ticks(cpu) - busy[cpu]);
}

static void bench_wall_parallel(const struct kbench *b)
{
	bench_wall("parallel");
}
KBENCH_BY_NAME(wall_parallel, bench_wall_parallel);

static void bench_wall_serial(const struct kbench *b)
{
	bench_wall("serial");
}
KBENCH_BY_NAME(wall_serial, bench_wall_serial);
