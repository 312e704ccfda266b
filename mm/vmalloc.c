/* mm/vmalloc.c: vmalloc and vfree. The areas live on one list sorted by
 * address; a new area goes in the first gap big enough for its pages plus a
 * guard page (first fit). Pages come from any zone (GFP_KERNEL |
 * __GFP_HIGHMEM: highmem first), one at a time, and are mapped with the
 * arch page-table helpers into the pre-allocated kernel page tables, so
 * vmalloc never needs a page table and every address space sees the area
 * at once (include/asm/pgtable.h). The list is guarded by vmap_area_lock
 * (every execve's argument buffer comes from here, on any CPU); the area
 * records and the pages are allocated and freed outside it. vfree flushes
 * the area's global TLB entries on every CPU before its pages go back and
 * before its addresses can be handed out again. */
#include <kernel.h>
#include <mm.h>
#include <slab.h>
#include <spinlock.h>
#include <vmalloc.h>
#include <asm/tlbflush.h>
#include "internal.h"

static LIST_HEAD(vmap_area_list);
static DEFINE_SPINLOCK(vmap_area_lock);     /* the list; no handler takes it */

void vmalloc_init(void)
{
	INIT_LIST_HEAD(&vmap_area_list);
}

/* Find room for `size` bytes (guard included) and link `area` there, in one
 * hold of vmap_area_lock: two CPUs must not both take one gap. */
static bool insert_vm_area(struct vm_struct *area, unsigned long size)
{
	unsigned long start = VMALLOC_START;
	struct vm_struct *next;
	bool ok = false;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(next, &vmap_area_list, list) {
		if (start + size <= next->addr)
			break;
		start = next->addr + next->size;
	}
	if (start + size <= VMALLOC_END && start + size > start) {
		area->addr = start;
		area->size = size;
		list_add_tail(&area->list, &next->list);   /* before next (or at the end) */
		ok = true;
	}
	spin_unlock(&vmap_area_lock);
	return ok;
}

static void remove_vm_area(struct vm_struct *area)
{
	spin_lock(&vmap_area_lock);
	list_del(&area->list);
	spin_unlock(&vmap_area_lock);
}

static void free_area_pages(struct vm_struct *area, unsigned int n)
{
	while (n-- > 0)
		__free_page(area->pages[n]);
}

/* Back the area with pages and map them; false (nothing left behind) on failure. */
static bool populate_vm_area(struct vm_struct *area)
{
	for (unsigned int i = 0; i < area->nr_pages; i++) {
		area->pages[i] = alloc_page(GFP_KERNEL | __GFP_HIGHMEM | __GFP_NOWARN);
		if (!area->pages[i]) {
			free_area_pages(area, i);
			return false;
		}
	}
	for (unsigned int i = 0; i < area->nr_pages; i++)
		map_kernel_range(area->addr + i * PAGE_SIZE, page_to_phys(area->pages[i]),
				 PAGE_SIZE, PAGE_KERNEL);
	return true;
}

void *vmalloc(unsigned long size)
{
	unsigned long mapped = ALIGN_UP(size, PAGE_SIZE);
	struct vm_struct *area;

	/* mapped is 0 for size 0 and when rounding up wraps (size > 0xFFFFF000) */
	if (!mapped || mapped > VMALLOC_END - VMALLOC_START)
		return NULL;
	area = kmalloc(sizeof(*area), GFP_KERNEL);
	if (!area)
		return NULL;
	area->nr_pages = mapped >> PAGE_SHIFT;
	area->pages = kmalloc(area->nr_pages * sizeof(struct page *), GFP_KERNEL);
	if (!area->pages)
		goto fail_area;
	if (!insert_vm_area(area, mapped + PAGE_SIZE))
		goto fail_pages;
	if (!populate_vm_area(area))
		goto fail_insert;
	return (void *)area->addr;

fail_insert:
	remove_vm_area(area);
fail_pages:
	kfree(area->pages);
fail_area:
	kfree(area);
	return NULL;
}

struct vm_struct *find_vm_area(const void *addr)
{
	unsigned long a = (unsigned long)addr;
	struct vm_struct *area, *found = NULL;

	spin_lock(&vmap_area_lock);
	list_for_each_entry(area, &vmap_area_list, list)
		if (a - area->addr < area->size) {
			found = area;
			break;
		}
	spin_unlock(&vmap_area_lock);
	return found;
}

/* Contract: unmap, flush every CPU, free the pages, then unlink: the
 * addresses stay taken until no CPU can reach the old pages through them.
 * Process context, interrupts on (the flush waits for the other CPUs). */
void vfree(const void *addr)
{
	struct vm_struct *area;

	if (!addr)
		return;
	area = find_vm_area(addr);
	if (!area || area->addr != (unsigned long)addr) {
		pr_err("vfree: %p is not the start of a vmalloc area\n", addr);
		return;
	}
	unmap_kernel_range(area->addr, area->nr_pages * PAGE_SIZE);
	flush_tlb_kernel_range(area->addr, area->addr + area->nr_pages * PAGE_SIZE);
	free_area_pages(area, area->nr_pages);
	remove_vm_area(area);
	kfree(area->pages);
	kfree(area);
}

struct page *vmalloc_to_page(const void *addr)
{
	pte_t *pte;

	if (!is_vmalloc_addr(addr))
		return NULL;
	pte = kernel_pte((unsigned long)addr);
	return pte_present(*pte) ? pfn_to_page(pte_phys(*pte) >> PAGE_SHIFT) : NULL;
}
