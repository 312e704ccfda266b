/* arch/i386/pgtable.c: the page-table helpers mm/ uses for kernel mappings,
 * and the kernel page tables themselves. The direct map is boot/head.asm's
 * 4 MiB PDEs, trimmed here to the lowmem that exists; the 32 page tables for
 * 0xF8000000..4 GiB are static (see include/asm/pgtable.h for why they are
 * pre-allocated) and their PDEs never change after kernel_pagetable_init(). */
#include <kernel.h>
#include <errno.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

static pte_t kernel_page_tables[KERNEL_PT_COUNT][PTRS_PER_PTE]
	__aligned(PAGE_SIZE) __section(".bss..page_aligned");

void __flush_tlb_all(void)
{
	u32 cr4 = read_cr4();

	write_cr4(cr4 & ~X86_CR4_PGE);   /* dropping PGE flushes global entries too */
	write_cr4(cr4);
}

/* The direct map keeps its 4 MiB pages up to max_low_pfn rounded up to
 * 4 MiB (the tail of the last one may map frames at or beyond max_pfn: they
 * have no struct page, so the buddy allocator can never hand them out); the
 * PDEs above are cleared for good. */
void kernel_pagetable_init(unsigned long max_low_pfn)
{
	unsigned int first_unused = KERNEL_PGD_BOUNDARY
		+ ALIGN_UP(max_low_pfn, PTRS_PER_PTE) / PTRS_PER_PTE;

	for (unsigned int i = first_unused; i < pgd_index(KERNEL_PT_START); i++)
		swapper_pg_dir[i] = 0;
	for (unsigned int i = 0; i < KERNEL_PT_COUNT; i++)
		swapper_pg_dir[pgd_index(KERNEL_PT_START) + i] =
			__pa(kernel_page_tables[i]) | _PAGE_TABLE;
	__flush_tlb_all();
}

pte_t *kernel_pte(unsigned long addr)
{
	if (addr < KERNEL_PT_START)
		return NULL;
	return &kernel_page_tables[0][(addr - KERNEL_PT_START) >> PAGE_SHIFT];
}

pte_t *lookup_address_in_pgd(const pgd_t *pgd, unsigned long addr, unsigned int *level)
{
	pgd_t pde = pgd[pgd_index(addr)];
	pte_t *table;

	if (!(pde & _PAGE_PRESENT))
		return NULL;
	if (pde & _PAGE_PSE) {
		*level = 2;
		return (pte_t *)&pgd[pgd_index(addr)];
	}
	*level = 1;
	table = __va(pte_phys(pde));     /* page tables live in lowmem */
	return &table[pte_index(addr)];
}

pte_t *lookup_address(unsigned long addr, unsigned int *level)
{
	return lookup_address_in_pgd(swapper_pg_dir, addr, level);
}

static bool kernel_range_ok(unsigned long addr, unsigned long size)
{
	return addr >= KERNEL_PT_START && IS_ALIGNED(addr | size, PAGE_SIZE)
		&& size && addr + size - 1 >= addr;
}

int map_kernel_range(unsigned long addr, phys_addr_t phys, unsigned long size, u32 prot)
{
	if (!kernel_range_ok(addr, size) || !IS_ALIGNED(phys, PAGE_SIZE))
		return -EINVAL;
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		set_pte(kernel_pte(addr + off), mk_pte(phys + off, prot));
		__flush_tlb_one(addr + off);
	}
	return 0;
}

int unmap_kernel_range(unsigned long addr, unsigned long size)
{
	if (!kernel_range_ok(addr, size))
		return -EINVAL;
	for (unsigned long off = 0; off < size; off += PAGE_SIZE) {
		pte_clear(kernel_pte(addr + off));
		__flush_tlb_one(addr + off);
	}
	return 0;
}
