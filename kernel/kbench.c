/* kernel/kbench.c: the benchmark runner (include/kbench.h). It selects the
 * benchmarks named by bench=, runs them one after the other, and exits
 * QEMU. The figures come from rdtsc, which under QEMU -icount counts guest
 * instructions, so they are exact and repeatable. */
#include <kernel.h>
#include <errno.h>
#include <kbench.h>
#include <params.h>
#include <asm/irqflags.h>
#include <asm/processor.h>

extern const struct kbench __kbench_start[], __kbench_end[];

static char bench_glob[128];

static int set_bench(const char *value)
{
	if (!value || !*value)
		return -EINVAL;
	if (strlcpy(bench_glob, value, sizeof(bench_glob)) >= sizeof(bench_glob))
		return -E2BIG;
	return 0;
}
KERNEL_PARAM("bench", set_bench);

void kbench_report(const struct kbench *b, const char *name, u64 value, const char *unit)
{
	printk(KERN_RAW "bench: %s %llu %s\n", name ? name : b->name, value, unit);
}

static void empty_op(void *arg)
{
	barrier();
}

static u64 time_loop(void (*op)(void *), void *arg, unsigned long n)
{
	u64 start = rdtsc();

	for (unsigned long i = 0; i < n; i++)
		op(arg);
	return rdtsc() - start;
}

u64 kbench_measure(void (*op)(void *arg), void *arg, unsigned long iterations)
{
	unsigned long flags = local_irq_save();
	u64 total, overhead;

	time_loop(op, arg, iterations / 10 + 1);          /* warm up */
	total = time_loop(op, arg, iterations);
	overhead = time_loop(empty_op, NULL, iterations);
	local_irq_restore(flags);
	total = total > overhead ? total - overhead : 0;
	return (total + iterations / 2) / iterations;
}

static bool name_matches(const char *glob, const void *name)
{
	return glob_match(glob, name);
}

static bool name_equals(const char *glob, const void *name)
{
	return !strcmp(glob, name);
}

/* Does one of the comma-separated globs of bench= match b's name (or, for
 * a benchmark run by name only, equal it)? */
static bool bench_selected(const struct kbench *b)
{
	return glob_list_any(bench_glob, b->by_name_only ? name_equals : name_matches, b->name);
}

bool kbench_run_selected(void)
{
	int ran = 0;

	if (!bench_glob[0])
		return false;
	printk(KERN_RAW "# kbench: bench=%s\n", bench_glob);
	for (const struct kbench *b = __kbench_start; b < __kbench_end; b++) {
		if (!bench_selected(b))
			continue;
		b->run(b);
		ran++;
	}
	printk(KERN_RAW "# kbench: %d benchmarks run\n", ran);
	machine_exit(QEMU_EXIT_DONE);
}
