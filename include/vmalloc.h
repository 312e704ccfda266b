/* include/vmalloc.h: virtually contiguous kernel memory built from pages that
 * need not be physically contiguous (and may be highmem), mapped between
 * VMALLOC_START and VMALLOC_END (include/asm/pgtable.h). Every area is
 * followed by one unmapped guard page, so running off its end faults instead
 * of corrupting the next area. Use it for big buffers that need no physical
 * contiguity; kmalloc is faster and physically contiguous. vmalloc and vfree
 * are for task context only, never interrupt handlers. */
#ifndef TASKLAB_VMALLOC_H
#define TASKLAB_VMALLOC_H

#include <types.h>
#include <list.h>
#include <asm/pgtable.h>

struct page;

struct vm_struct {
	struct list_head list;     /* on the address-ordered list of areas */
	unsigned long addr;        /* first mapped byte */
	unsigned long size;        /* mapped bytes plus the guard page */
	struct page **pages;       /* nr_pages backing pages, in address order */
	unsigned int nr_pages;
};

/* size bytes (rounded up to pages) of mapped memory, or NULL when memory or
 * address space runs out, or size is 0. */
void *vmalloc(unsigned long size);
/* Free an area vmalloc returned; NULL is ignored. */
void vfree(const void *addr);
/* The area containing addr (guard page included), or NULL. The list is
 * searched under vmap_area_lock; the record stays valid only while its
 * owner has not vfree'd it. */
struct vm_struct *find_vm_area(const void *addr);
/* The page mapped at a vmalloc address, or NULL. */
struct page *vmalloc_to_page(const void *addr);

static inline bool is_vmalloc_addr(const void *addr)
{
	return (unsigned long)addr >= VMALLOC_START && (unsigned long)addr < VMALLOC_END;
}

#endif
