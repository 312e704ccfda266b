/* tests/test_vmalloc.c: vmalloc areas are virtually contiguous and physically
 * scattered, guarded by a faulting page, unmapped and freed by vfree, placed
 * first fit, visible from any page directory that copied the kernel half,
 * and NULL (not a panic) when memory or address space runs out (several
 * CPUs at once: tests/test_smp_mm.c). */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <vmalloc.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>

#define MIB (1UL << 20)

#define FRAG_PAGES 512

/* Leave the zones vmalloc takes from (highmem first) fragmented, as a
 * long-running system's are: take FRAG_PAGES single pages and give back
 * each odd frame whose two neighbours we hold. Those frames sit alone at
 * the head of the free lists (a freed page goes first), so vmalloc's next
 * pages are among them, and the page it takes after one of them cannot be
 * its neighbour: we hold that. Fresh memory instead splits one big block
 * in frame order, and an area from it may be one physical run (it was when
 * this suite ran first at -smp 4). Returns how many frames it gave back;
 * held[] keeps the rest (NULL where given back) for frag_release. */
static unsigned int frag_zones(struct page **held)
{
	unsigned int given = 0;

	for (unsigned int i = 0; i < FRAG_PAGES; i++)
		held[i] = alloc_page(GFP_KERNEL | __GFP_HIGHMEM | __GFP_NOWARN);
	for (unsigned int i = 0; i < FRAG_PAGES; i++) {
		unsigned long pfn;
		bool left = false, right = false;

		if (!held[i] || !((pfn = page_to_pfn(held[i])) & 1))
			continue;
		for (unsigned int j = 0; j < FRAG_PAGES; j++) {
			left |= held[j] && page_to_pfn(held[j]) == pfn - 1;
			right |= held[j] && page_to_pfn(held[j]) == pfn + 1;
		}
		if (left && right) {
			__free_page(held[i]);
			held[i] = NULL;
			given++;
		}
	}
	return given;
}

static void frag_release(struct page **held)
{
	for (unsigned int i = 0; i < FRAG_PAGES; i++)
		if (held[i])
			__free_page(held[i]);
}

static void vmalloc_1mib_contiguous_virtually_scattered_physically(struct ktest *t)
{
	struct page **held = kmalloc(FRAG_PAGES * sizeof(*held), GFP_KERNEL);
	unsigned int breaks = 0, high = 0, level, given;
	struct vm_struct *area;
	u32 *p, bad = 0;

	KTEST_ASSERT_NOT_NULL(t, held);
	given = frag_zones(held);
	KTEST_EXPECT_GE(t, given, 64);        /* enough lone frames to start from */
	p = vmalloc(MIB);
	frag_release(held);
	kfree(held);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, is_vmalloc_addr(p));
	area = find_vm_area(p);
	KTEST_ASSERT_NOT_NULL(t, area);
	KTEST_EXPECT_EQ(t, area->nr_pages, 256);
	KTEST_EXPECT_EQ(t, area->size, MIB + PAGE_SIZE);       /* guard page included */
	for (unsigned int i = 0; i < MIB / 4; i++)
		p[i] = i * 2654435761U;
	for (unsigned int i = 0; i < MIB / 4; i++)
		bad += p[i] != i * 2654435761U;
	KTEST_EXPECT_EQ(t, bad, 0);
	for (unsigned int i = 0; i < 256; i++) {
		struct page *pg = vmalloc_to_page((char *)p + i * PAGE_SIZE);
		KTEST_EXPECT_PTR_EQ(t, pg, area->pages[i]);
		KTEST_EXPECT_NOT_NULL(t, lookup_address((unsigned long)p + i * PAGE_SIZE, &level));
		KTEST_EXPECT_EQ(t, level, 1);
		if (pg != area->pages[i])
			break;                        /* vfree below, not a leak */
		high += PageHighMem(pg);
		if (i && page_to_pfn(pg) != page_to_pfn(area->pages[i - 1]) + 1)
			breaks++;
	}
	ktest_log(t, "256 pages from a zone with %u lone free frames: %u physical "
		  "discontinuities, %u in highmem", given, breaks, high);
	KTEST_EXPECT_GT(t, breaks, 0);        /* not one physical run */
	if (zones[ZONE_HIGHMEM].present_pages)
		KTEST_EXPECT_EQ(t, high, 256);    /* beyond the direct map altogether */
	vfree(p);
}

static void vmalloc_guard_page_faults(struct ktest *t)
{
	unsigned long size = 3 * PAGE_SIZE;
	char *p = vmalloc(size);
	struct trap_catch c;

	KTEST_ASSERT_NOT_NULL(t, p);
	p[size - 1] = 1;                       /* the last byte is fine */
	if (catch_trap(&c, X86_TRAP_PF) == 0) {
		((volatile char *)p)[size] = 1;    /* one past the end: the guard page */
		uncatch_trap(&c);
		KTEST_FAIL(t, "writing the guard page at %p did not fault", p + size);
	} else {
		KTEST_EXPECT_EQ(t, c.cr2, (unsigned long)p + size);
		KTEST_EXPECT_EQ(t, c.regs.error_code & 3, 2);   /* not present, write */
	}
	vfree(p);
}

static void vfree_unmaps_and_frees(struct ktest *t)
{
	unsigned long free;
	struct trap_catch c;
	char *p;

	kmem_cache_shrink_all();               /* count without kept empty slabs */
	free = nr_free_pages();
	p = vmalloc(64 * PAGE_SIZE);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_LE(t, nr_free_pages(), free - 64);
	p[0] = 'x';
	vfree(p);
	KTEST_EXPECT_FALSE(t, pte_present(*kernel_pte((unsigned long)p)));
	KTEST_EXPECT_NULL(t, find_vm_area(p));
	if (catch_trap(&c, X86_TRAP_PF) == 0) {
		(void)*(volatile char *)p;
		uncatch_trap(&c);
		KTEST_FAIL(t, "reading %p after vfree did not fault", p);
	}
	kmem_cache_shrink_all();
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
	vfree(NULL);
}

static void vmalloc_first_fit_with_guards(struct ktest *t)
{
	char *a = vmalloc(PAGE_SIZE), *b = vmalloc(PAGE_SIZE), *c;

	KTEST_ASSERT_TRUE(t, a && b);
	KTEST_EXPECT_PTR_EQ(t, b, a + 2 * PAGE_SIZE);          /* a, a's guard, b */
	vfree(a);
	c = vmalloc(100);                                       /* fits a's old hole */
	KTEST_EXPECT_PTR_EQ(t, c, a);
	vfree(c);
	vfree(b);
}

static void vmalloc_runs_out_with_null(struct ktest *t)
{
	static void *held[16];
	int n = 0, fit = (VMALLOC_END - VMALLOC_START) / (16 * MIB + PAGE_SIZE);
	/* the pages of `fit` areas and their page tables, with room to spare */
	bool memory_enough = nr_free_pages() > (unsigned long)fit * (16 * MIB / PAGE_SIZE) + 1024;

	KTEST_EXPECT_NULL(t, vmalloc(0));
	KTEST_EXPECT_NULL(t, vmalloc(VMALLOC_END - VMALLOC_START + 1));
	while (n < 16 && (held[n] = vmalloc(16 * MIB)))
		n++;
	/* 112 MiB of address space: six areas of 16 MiB + guard, not seven;
	 * a guest with less free memory than six (-m 96M) runs out of pages
	 * first, and that is NULL too */
	KTEST_EXPECT_LT(t, n, 16);
	if (memory_enough)
		KTEST_EXPECT_EQ(t, n, fit);
	else
		KTEST_EXPECT_LE(t, n, fit);
	while (n > 0)
		vfree(held[--n]);
}

/* A size whose page-rounded value wraps to 0 must not make a page-less area. */
static void vmalloc_rejects_zero_and_wrapping_sizes(struct ktest *t)
{
	unsigned long free = nr_free_pages();

	KTEST_EXPECT_NULL(t, vmalloc(0));
	KTEST_EXPECT_NULL(t, vmalloc(0xFFFFF001UL));
	KTEST_EXPECT_NULL(t, vmalloc(0xFFFFFFFFUL));
	KTEST_EXPECT_NULL(t, vmalloc(VMALLOC_END - VMALLOC_START + 1));
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

/* A page directory made the way every future address space will be made,
 * by copying the kernel half, sees a vmalloc area created afterwards. */
static void vmalloc_seen_from_a_copied_page_directory(struct ktest *t)
{
	pgd_t *pgd = (pgd_t *)get_zeroed_page(GFP_KERNEL);
	phys_addr_t old = read_cr3();
	u32 *p, seen;

	KTEST_ASSERT_NOT_NULL(t, pgd);
	memcpy(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
	       (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t));
	write_cr3(__pa(pgd));
	p = vmalloc(2 * PAGE_SIZE);            /* made while on the copy */
	write_cr3(old);
	KTEST_ASSERT_NOT_NULL(t, p);
	p[1024] = 0xFEEDFACE;                  /* written through swapper_pg_dir */
	write_cr3(__pa(pgd));
	seen = p[1024];                        /* read through the copy */
	write_cr3(old);
	KTEST_EXPECT_EQ(t, seen, 0xFEEDFACE);
	KTEST_EXPECT_EQ(t, memcmp(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
				  (PTRS_PER_PGD - KERNEL_PGD_BOUNDARY) * sizeof(pgd_t)), 0);
	vfree(p);
	free_page((unsigned long)pgd);
}

static const struct ktest_case vmalloc_cases[] = {
	KTEST_CASE(vmalloc_rejects_zero_and_wrapping_sizes),
	KTEST_CASE(vmalloc_1mib_contiguous_virtually_scattered_physically),
	KTEST_CASE(vmalloc_guard_page_faults),
	KTEST_CASE(vfree_unmaps_and_frees),
	KTEST_CASE(vmalloc_first_fit_with_guards),
	KTEST_CASE(vmalloc_runs_out_with_null),
	KTEST_CASE(vmalloc_seen_from_a_copied_page_directory),
	{}
};
KTEST_SUITE(vmalloc, vmalloc_cases);
