/* mm/internal.h: what the files of mm/ share and nobody else needs: the
 * boot-time record of reserved physical ranges (mm/bootmem.c), the buddy
 * allocator's boot entry points (mm/page_alloc.c), and the set-up functions
 * mem_init() calls in order. */
#ifndef TASKLAB_MM_INTERNAL_H
#define TASKLAB_MM_INTERNAL_H

#include <mm.h>

#define MAX_RESERVED_RANGES 48

/* A physical range [start, end) that must never be handed out. */
struct reserved_range {
	u64 start, end;
	const char *what;
};

extern struct reserved_range reserved_ranges[MAX_RESERVED_RANGES];
extern int nr_reserved_ranges;

/* Record [start, end) as reserved; ranges are kept sorted by start. */
void reserve_bootmem(u64 start, u64 end, const char *what);
/* Reserve the fixed things: first 1 MiB, kernel image, multiboot data, modules. */
void reserve_boot_ranges(void);
/* Find `size` bytes of RAM, page aligned, below `limit`, not reserved, at or
 * above `min` if possible; reserve them as `what`. Returns the physical
 * address, or 0 if nothing fits. */
phys_addr_t bootmem_alloc(unsigned long size, phys_addr_t min, phys_addr_t limit, const char *what);
/* Call fn(start_pfn, end_pfn) for every run of RAM frames not reserved. */
void for_each_free_bootmem_range(void (*fn)(unsigned long start_pfn, unsigned long end_pfn));

/* mm/page_alloc.c: set up the zones' spans, then hand free frames over. */
void zones_init(void);
void free_bootmem_range(unsigned long start_pfn, unsigned long end_pfn);

/* mm/slab.c, mm/kmalloc.c, mm/vmalloc.c, mm/highmem.c */
void kmem_cache_init(void);
void kmalloc_init(void);
void vmalloc_init(void);
void kmap_init(void);

/* mm/mmap.c: the VMA list, for the calls that rearrange it (mremap). */
struct mm_struct;
struct vm_area_struct;
/* The VMA after v on its mm's list, or NULL. */
struct vm_area_struct *next_vma(struct vm_area_struct *v);
/* Put v (vm_start set) on mm's list before the first VMA above it. */
void insert_vma(struct mm_struct *mm, struct vm_area_struct *v);
/* Take v off its mm's list (it keeps its file and i_mmap place). */
void unlink_vma(struct vm_area_struct *v);
/* Split VMAs so that start and end are VMA boundaries: 0 or -ENOMEM. */
int split_at_edges(struct mm_struct *mm, unsigned long start, unsigned long end);

/* mm/slab_debug.c: red zones and poisoning (include/slab.h). */
struct kmem_cache;
#define SLAB_REDZONE_BYTES 4
void slab_debug_init_object(struct kmem_cache *s, void *obj);
void slab_debug_alloc(struct kmem_cache *s, struct page *page, void *obj);
void slab_debug_free(struct kmem_cache *s, struct page *page, void *obj);

#endif
