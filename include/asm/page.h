/* include/asm/page.h: the 3 GiB / 1 GiB split (seed claim c10).
 *
 *   0xFFFFFFFF +------------------------+
 *              | vmalloc, kmap (later)  |  kernel page tables, shared by all
 *   0xF8000000 +------------------------+
 *              | direct map of physical |  ZONE_DMA + ZONE_NORMAL, 4 MiB pages
 *              | 0 .. 896 MiB           |
 *   0xC0100000 |   kernel image         |
 *   0xC0000000 +------------------------+  PAGE_OFFSET: user space ends here
 *              | user space (3 GiB)     |  per process
 *   0x00000000 +------------------------+
 */
#ifndef TASKLAB_ASM_PAGE_H
#define TASKLAB_ASM_PAGE_H

#define PAGE_SHIFT   12
#define PAGE_SIZE    (1UL << PAGE_SHIFT)
#define PAGE_MASK    (~(PAGE_SIZE - 1))
#define PAGE_OFFSET  0xC0000000UL
#define LOWMEM_SIZE  (896UL << 20)
#define THREAD_SIZE  8192UL

#define __pa(x)      ((unsigned long)(x) - PAGE_OFFSET)
#define __va(x)      ((void *)((unsigned long)(x) + PAGE_OFFSET))

#endif
