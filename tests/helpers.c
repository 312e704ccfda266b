/* tests/helpers.c: shared helpers for the self-tests.
 * ktest_user_alias() makes a kernel object reachable through a user-space
 * address (a 4 MiB user page aliasing physical 0..4 MiB, where the kernel
 * image lives), so system calls and user-copy routines can be exercised from
 * kernel tests before user processes exist. Drop the alias before returning. */
#include <kernel.h>
#include <ktest.h>
#include <asm/page.h>

extern u32 swapper_pg_dir[1024];
#define ALIAS_BASE 0x40000000UL     /* a user address, 4 MiB aligned */

static void invlpg(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" :: "r"(addr) : "memory");
}

void *ktest_user_alias(void *kernel_obj)
{
	BUG_ON(__pa(kernel_obj) >= (4UL << 20));   /* only the first 4 MiB */
	swapper_pg_dir[ALIAS_BASE >> 22] = 0x87;     /* present, rw, user, 4 MiB */
	invlpg(ALIAS_BASE);
	return (void *)(ALIAS_BASE + __pa(kernel_obj));
}

void ktest_drop_user_alias(void)
{
	swapper_pg_dir[ALIAS_BASE >> 22] = 0;
	invlpg(ALIAS_BASE);
}

long ktest_syscall(long nr, long a, long b, long c)
{
	long ret;

	__asm__ __volatile__("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}
