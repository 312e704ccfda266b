/* arch/i386/paging.c: the kernel's page directory. boot/head.asm fills
 * swapper_pg_dir with 4 MiB pages mapping physical 0..896 MiB at PAGE_OFFSET
 * before paging is on; mem_init() trims that to the lowmem that exists and
 * adds the kernel page tables (arch/i386/pgtable.c). It is the page directory
 * of init_task and of every kernel thread that has not borrowed another. */
#include <kernel.h>
#include <asm/pgtable.h>

pgd_t swapper_pg_dir[PTRS_PER_PGD] __aligned(4096) __section(".bss..page_aligned");
