/* arch/i386/pgtable.c: the page-table helpers mm/ uses for kernel mappings,
 * and the kernel page tables themselves. The direct map is boot/head.asm's
 * 4 MiB PDEs, trimmed here to the lowmem that exists; the 32 page tables for
 * 0xF8000000..4 GiB are static (see include/asm/pgtable.h for why they are
 * pre-allocated) and their PDEs never change after kernel_pagetable_init().
 * The first 4 MiB, which hold the kernel image, are mapped by a page table
 * of 4 KiB pages instead, so that the image's text and read-only data can
 * be read-only while its data stays writable (mark_rodata_ro; with CR0.WP,
 * set by boot/head.asm, the kernel's own writes obey the read-only bit). */
#include <kernel.h>
#include <errno.h>
#include <params.h>
#include <asm/apic.h>
#include <asm/pgtable.h>
#include <asm/processor.h>

static pte_t kernel_page_tables[KERNEL_PT_COUNT][PTRS_PER_PTE]
	__aligned(PAGE_SIZE) __section(".bss..page_aligned");
static pte_t kernel_image_pt[PTRS_PER_PTE] __aligned(PAGE_SIZE) __section(".bss..page_aligned");
extern char __image_start[], __end_rodata[], __start_kallsyms[], _end[];

/* rodata=off: keep the image writable (Linux's parameter), to see the
 * read-only text's should-panic test pass through unharmed. */
static bool rodata_enabled = true;

static int rodata_param(const char *value)
{
	if (value && !strcmp(value, "on"))
		rodata_enabled = true;
	else if (value && !strcmp(value, "off"))
		rodata_enabled = false;
	else
		return -EINVAL;
	return 0;
}
KERNEL_PARAM("rodata", rodata_param);

/* Text, read-only data, __ro_after_init data and the symbol table: from the
 * image's first page to __end_rodata, and __start_kallsyms to _end. */
static bool kernel_readonly_page(unsigned long addr)
{
	return (addr >= (unsigned long)__image_start && addr < (unsigned long)__end_rodata) ||
	       (addr >= (unsigned long)__start_kallsyms && addr < (unsigned long)_end);
}

/* Contract: map the first 4 MiB of lowmem with kernel_image_pt, every
 * page as the 4 MiB page mapped it (present, writable, global) except the
 * image's read-only parts, which lose _PAGE_RW. Boot only (the PDE must be
 * final before the first address space copies the kernel half). */
static void mark_rodata_ro(void)
{
	unsigned long ro = 0;

	for (unsigned int i = 0; i < PTRS_PER_PTE; i++) {
		u32 prot = PAGE_KERNEL;

		if (kernel_readonly_page(PAGE_OFFSET + i * PAGE_SIZE)) {
			prot &= ~_PAGE_RW;
			ro++;
		}
		kernel_image_pt[i] = mk_pte(i * PAGE_SIZE, prot);
	}
	swapper_pg_dir[KERNEL_PGD_BOUNDARY] = __pa(kernel_image_pt) | _PAGE_TABLE;
	pr_info("Write protecting the kernel text and read-only data: %luk\n", ro * (PAGE_SIZE >> 10));
}

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
	if (rodata_enabled)
		mark_rodata_ro();
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

/* Contract: map the page at phys at the fixed kernel address vaddr (one of
 * include/asm/apic.h's, in the pre-allocated tables), uncached (device
 * registers, firmware tables), global; flushes this CPU's old entry. The
 * other CPUs share the kernel page tables: one that has not used the
 * address yet sees the new entry. */
void set_fixmap_nocache(unsigned long vaddr, phys_addr_t phys)
{
	pte_t *pte = kernel_pte(vaddr);

	BUG_ON(!pte);
	set_pte(pte, mk_pte(phys, PAGE_KERNEL | _PAGE_PCD | _PAGE_PWT));
	__flush_tlb_one(vaddr);
}
