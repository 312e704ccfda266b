/* kernel/init_task.c: the stack of the first task. init_thread_union is the
 * 8 KiB, 8 KiB-aligned region boot/head.asm runs start_kernel on; the linker
 * script places .data..init_task first in .data so the alignment holds. The
 * tasks issue puts init_task's thread_info at its low end. */
#include <kernel.h>
#include <asm/page.h>

union thread_union_storage {
	unsigned long stack[THREAD_SIZE / sizeof(unsigned long)];
};

union thread_union_storage init_thread_union __aligned(THREAD_SIZE) __section(".data..init_task");
