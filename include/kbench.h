/* include/kbench.h: in-kernel micro-benchmarks, run by `make bench`.
 *
 * A benchmark is a function registered with KBENCH(name, fn); the table is a
 * linker section, as for ktest, so adding one edits no central list. The
 * kernel parameter bench=<glob>[,<glob>...] runs the matching ones after
 * boot, each printing lines `bench: <name> <value> <unit>`, then exits QEMU
 * with the "done" status. `make bench` boots under QEMU -icount, where rdtsc
 * counts guest instructions, so every figure repeats exactly from run to run
 * (tests/bench.py): a "cycle" here is one instruction, and TLB misses or
 * cache effects cost nothing.
 *
 *   static void op(void *arg) { kfree(kmalloc(64, GFP_KERNEL)); }
 *   static void bench_kmalloc(const struct kbench *b)
 *   {
 *           kbench_report(b, NULL, kbench_measure(op, NULL, 10000), "cycles");
 *   }
 *   KBENCH(kmalloc64_kfree, bench_kmalloc);
 */
#ifndef TASKLAB_KBENCH_H
#define TASKLAB_KBENCH_H

#include <types.h>

struct kbench {
	const char *name;
	void (*run)(const struct kbench *b);
	bool by_name_only;           /* run only when bench= names it exactly */
};

#define KBENCH(bname, fn) \
	static const struct kbench __kbench_##bname __used \
	__section(".kbench") __aligned(4) = { #bname, fn, false }

/* A benchmark no glob selects (`bench=*` leaves it out): one that is not a
 * figure of `make bench`, such as the wall-time loops of `make bench-wall`. */
#define KBENCH_BY_NAME(bname, fn) \
	static const struct kbench __kbench_##bname __used \
	__section(".kbench") __aligned(4) = { #bname, fn, true }

/* Print `bench: <name> <value> <unit>`; name NULL means the benchmark's own. */
void kbench_report(const struct kbench *b, const char *name, u64 value, const char *unit);

/* Cycles one call of op(arg) costs on average over `iterations` calls, after
 * a warm-up of iterations / 10 calls, with interrupts off, the cost of the
 * measuring loop itself (an empty op) subtracted. */
u64 kbench_measure(void (*op)(void *arg), void *arg, unsigned long iterations);

/* Run the benchmarks bench= selects (if any) and exit QEMU; returns false
 * when no bench= was given. */
bool kbench_run_selected(void);

#endif
