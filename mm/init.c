/* mm/init.c: mem_init(), which turns the multiboot memory map into a working
 * memory layer, in dependency order: reserve what must never be handed out,
 * size and place mem_map, set up the zones, trim the boot direct map and
 * install the kernel page tables, hand every remaining RAM frame to the buddy
 * allocator, then start the allocators built on it. It ends with a one-line
 * summary on the console. */
#include <kernel.h>
#include <mm.h>
#include <multiboot.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include "internal.h"

#define PHYS_LIMIT_PFN 0x100000UL     /* 4 GiB: the most i386 reaches without PAE */

/* One past the last frame of RAM (below 4 GiB). */
static unsigned long find_max_pfn(void)
{
	unsigned long end = 0;

	for (int i = 0; i < boot_params.nr_regions; i++) {
		const struct memory_region *r = &boot_params.regions[i];
		if (r->type != E820_RAM || (r->start >> PAGE_SHIFT) >= PHYS_LIMIT_PFN)
			continue;
		u64 e = min(r->end >> PAGE_SHIFT, (u64)PHYS_LIMIT_PFN);
		end = max(end, (unsigned long)e);
	}
	return end;
}

static void alloc_mem_map(void)
{
	unsigned long size = max_pfn * sizeof(struct page);
	phys_addr_t phys;

	/* Above ZONE_DMA when possible: DMA memory is scarce. */
	phys = bootmem_alloc(size, MAX_DMA_PFN << PAGE_SHIFT, max_low_pfn << PAGE_SHIFT, "mem_map");
	if (!phys)
		panic("mem_init: no room for mem_map (%lu KiB)", size >> 10);
	mem_map = __va(phys);
}

static void print_summary(void)
{
	unsigned long kib[MAX_NR_ZONES];

	for (int i = 0; i < MAX_NR_ZONES; i++)
		kib[i] = zones[i].present_pages << (PAGE_SHIFT - 10);
	pr_info("Memory: %luK/%luK available (DMA %luK, Normal %luK, HighMem %luK), "
		"%luK reserved, lowmem ends at %#lx\n",
		nr_free_pages() << (PAGE_SHIFT - 10), max_pfn << (PAGE_SHIFT - 10),
		kib[ZONE_DMA], kib[ZONE_NORMAL], kib[ZONE_HIGHMEM],
		(max_pfn - totalram_pages) << (PAGE_SHIFT - 10), (unsigned long)high_memory);
}

void mem_init(void)
{
	reserve_boot_ranges();
	max_pfn = find_max_pfn();
	if (!max_pfn)
		panic("mem_init: no usable memory map from the boot loader (no RAM regions)");
	max_low_pfn = min(max_pfn, MAX_LOWMEM_PFN);
	high_memory = __va(max_low_pfn << PAGE_SHIFT);
	alloc_mem_map();
	zones_init();
	kernel_pagetable_init(max_low_pfn);
	for_each_free_bootmem_range(free_bootmem_range);
	kmap_init();
	kmem_cache_init();
	vmalloc_init();
	print_summary();
}

/* The initramfs module's frames go to the buddy allocator once its archive
 * is unpacked (every file is a copy in the ramfs now), as Linux's
 * free_initrd_mem: with QEMU's multiboot loader the module sits right after
 * the kernel image, and a large one would otherwise hold all of ZONE_DMA.
 * Only whole frames inside the module are freed (a frame it shares with
 * something else stays reserved). Called once, from populate_rootfs at
 * boot. */
void free_initrd_mem(struct boot_module *m)
{
	unsigned long start = ALIGN_UP(m->start, PAGE_SIZE) >> PAGE_SHIFT;
	unsigned long end = ALIGN_DOWN(m->end, PAGE_SIZE) >> PAGE_SHIFT;

	if (m->freed || start >= end)
		return;
	free_bootmem_range(start, end);      /* takes each zone's lock */
	m->freed = true;
	pr_info("Freeing initrd memory: %luK\n", (end - start) << (PAGE_SHIFT - 10));
}
