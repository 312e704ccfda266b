/* include/asm/page.h: the page size and the 3 GiB / 1 GiB split (seed claim
 * c10): user space below PAGE_OFFSET, the kernel above it, with physical
 * memory up to LOWMEM_SIZE mapped at PAGE_OFFSET (__pa, __va). The map of
 * the whole address space is in include/asm/pgtable.h. */
#ifndef TASKLAB_ASM_PAGE_H
#define TASKLAB_ASM_PAGE_H

#define PAGE_SHIFT   12
#define PAGE_SIZE    (1UL << PAGE_SHIFT)
#define PAGE_MASK    (~(PAGE_SIZE - 1))
#define PAGE_OFFSET  0xC0000000UL
#define TASK_SIZE    PAGE_OFFSET      /* user addresses are below */
#define LOWMEM_SIZE  (896UL << 20)
#define THREAD_SIZE  8192UL

#define __pa(x)      ((unsigned long)(x) - PAGE_OFFSET)
#define __va(x)      ((void *)((unsigned long)(x) + PAGE_OFFSET))

#endif
