/* tests/helpers.c: shared helpers for the self-tests.
 * ktest_user_alias() makes a kernel object reachable through a user-space
 * address (a 4 MiB user page aliasing physical 0..4 MiB, where the kernel
 * image lives), so system calls and user-copy routines can be exercised from
 * kernel tests before user processes exist. Drop the alias before returning. */
#include <kernel.h>
#include <ktest.h>
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
