/* tests/helpers.c: shared helpers for the self-tests.
 * ktest_user_alias() makes a kernel object reachable through a user-space
 * address (a 4 MiB user page aliasing physical 0..4 MiB, where the kernel
 * image lives), so system calls and user-copy routines can be exercised from
 * kernel tests before user processes exist. Drop the alias before returning.
 * ktest_on_all_cpus() runs a function on every online CPU at once, for the
 * tests that race CPUs against each other on one shared object. */
#include <kernel.h>
#include <ktest.h>
#include <sched.h>
#include <smp.h>
#include <asm/processor.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/traps.h>

extern u32 swapper_pg_dir[1024];
#define ALIAS_BASE 0x40000000UL     /* a user address, 4 MiB aligned */

void *ktest_user_alias(void *kernel_obj)
{
	BUG_ON(__pa(kernel_obj) >= (4UL << 20));   /* only the first 4 MiB */
	swapper_pg_dir[pgd_index(ALIAS_BASE)] = _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_PSE;
	__flush_tlb_one(ALIAS_BASE);
	return (void *)(ALIAS_BASE + __pa(kernel_obj));
}

void ktest_drop_user_alias(void)
{
	swapper_pg_dir[pgd_index(ALIAS_BASE)] = 0;
	__flush_tlb_one(ALIAS_BASE);
}

long ktest_syscall(long nr, long a, long b, long c)
{
	return syscall_trap(nr, a, b, c);
}

/* One call at a time (the tests run one after another): static, so a CPU
 * that answers after the timeout still finds it. */
static struct {
	void (*fn)(void *arg);
	void *arg;
	int done;
} all_cpus_call;

static void all_cpus_one(void *unused)
{
	(void)unused;
	all_cpus_call.fn(all_cpus_call.arg);
	__atomic_fetch_add(&all_cpus_call.done, 1, __ATOMIC_SEQ_CST);
}

int ktest_on_all_cpus(void (*fn)(void *arg), void *arg)
{
	unsigned long start = jiffies;

	all_cpus_call.fn = fn;
	all_cpus_call.arg = arg;
	all_cpus_call.done = 0;
	if (smp_call_function(all_cpus_one, NULL, 0))
		return -1;
	all_cpus_one(NULL);                   /* this CPU too, at the same time */
	while (__atomic_load_n(&all_cpus_call.done, __ATOMIC_SEQ_CST) < (int)num_online_cpus() &&
	       jiffies - start < 30 * HZ)
		cpu_relax();
	return __atomic_load_n(&all_cpus_call.done, __ATOMIC_SEQ_CST);
}
