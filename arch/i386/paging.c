/* arch/i386/paging.c: the kernel's page directory. boot/head.asm fills
 * swapper_pg_dir with 4 MiB pages mapping physical 0..896 MiB at PAGE_OFFSET
 * before paging is on; it is the page directory of init_task and of every
 * kernel thread that has not borrowed another. */
#include <kernel.h>
#include <asm/page.h>

u32 swapper_pg_dir[1024] __aligned(4096) __section(".bss..page_aligned");
