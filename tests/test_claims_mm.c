/* tests/test_claims_mm.c: seed claims c08 (pages grouped in zones; the
 * kernel allocates with alloc_pages, __get_free_pages, kmalloc and vmalloc;
 * kernel memory lives in 3-4 GiB) and c21 (a task's stack and thread_info
 * are one order-1 allocation, 8 KiB aligned). */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>
#include <vmalloc.h>

static void claim_c08_memory_is_zoned_pages(struct ktest *t)
{
	static const char *const names[] = { "DMA", "Normal", "HighMem" };

	/* any machine of 32 MiB or more has DMA and Normal; HighMem only past 896 MiB */
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		KTEST_EXPECT_STREQ(t, zones[i].name, names[i]);
		KTEST_EXPECT_EQ(t, zones[i].present_pages > 0, i != ZONE_HIGHMEM || max_pfn > MAX_LOWMEM_PFN);
	}
	/* every frame of every zone has its struct page, in its zone */
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		unsigned long last = zones[i].zone_start_pfn + zones[i].spanned_pages - 1;
		if (!zones[i].spanned_pages)
			continue;
		KTEST_EXPECT_EQ(t, page_zonenum(pfn_to_page(zones[i].zone_start_pfn)), i);
		KTEST_EXPECT_EQ(t, page_zonenum(pfn_to_page(last)), i);
	}
	KTEST_EXPECT_EQ(t, zones[ZONE_NORMAL].zone_start_pfn << PAGE_SHIFT, 16UL << 20);
	KTEST_EXPECT_EQ(t, zones[ZONE_HIGHMEM].zone_start_pfn << PAGE_SHIFT,
			min(max_pfn, MAX_LOWMEM_PFN) << PAGE_SHIFT);   /* 896 MiB if RAM goes past */
}

static void claim_c08_page_allocations_in_kernel_region(struct ktest *t)
{
	struct page *page = alloc_pages(GFP_KERNEL, 0);
	unsigned long addr = __get_free_pages(GFP_KERNEL, 3);

	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_GE(t, (unsigned long)page_address(page), 0xC0000000UL);
	KTEST_EXPECT_GE(t, addr, 0xC0000000UL);
	KTEST_EXPECT_LT(t, addr, (unsigned long)high_memory);
	KTEST_EXPECT_PTR_EQ(t, virt_to_page((void *)addr), pfn_to_page(__pa(addr) >> PAGE_SHIFT));
	__free_page(page);
	free_pages(addr, 3);
}

static void claim_c08_kmalloc_in_kernel_region(struct ktest *t)
{
	void *small = kmalloc(100, GFP_KERNEL), *large = kmalloc(300000, GFP_KERNEL);

	KTEST_ASSERT_TRUE(t, small && large);
	for (int i = 0; i < 2; i++) {
		unsigned long a = (unsigned long)(i ? large : small);
		KTEST_EXPECT_GE(t, a, 0xC0000000UL);
		KTEST_EXPECT_LT(t, a, (unsigned long)high_memory);   /* kmalloc memory is lowmem */
	}
	kfree(small);
	kfree(large);
}

static void claim_c08_vmalloc_in_kernel_region(struct ktest *t)
{
	unsigned long a = (unsigned long)vmalloc(5 * PAGE_SIZE);

	KTEST_ASSERT_NE(t, a, 0);
	KTEST_EXPECT_GE(t, a, 0xC0000000UL);
	KTEST_EXPECT_GE(t, a, (unsigned long)high_memory);   /* above the direct map */
	KTEST_EXPECT_LT(t, a, VMALLOC_END);
	vfree((void *)a);
}

static void claim_c21_order1_block_is_one_aligned_allocation(struct ktest *t)
{
	unsigned long free = nr_free_pages();
	unsigned long stack = __get_free_pages(GFP_KERNEL, 1);

	KTEST_ASSERT_NE(t, stack, 0);
	KTEST_EXPECT_EQ(t, stack & (8192 - 1), 0);              /* 8 KiB aligned */
	KTEST_EXPECT_EQ(t, nr_free_pages(), free - 2);          /* two pages, one call */
	KTEST_EXPECT_PTR_EQ(t, virt_to_page((void *)(stack + PAGE_SIZE)),
			    virt_to_page((void *)stack) + 1);   /* physically contiguous */
	/* the thread_info at the low end is found from any stack address */
	KTEST_EXPECT_EQ(t, (stack + 8000) & ~(8192UL - 1), stack);
	free_pages(stack, 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

static const struct ktest_case claims_mm_cases[] = {
	KTEST_CASE(claim_c08_memory_is_zoned_pages),
	KTEST_CASE(claim_c08_page_allocations_in_kernel_region),
	KTEST_CASE(claim_c08_kmalloc_in_kernel_region),
	KTEST_CASE(claim_c08_vmalloc_in_kernel_region),
	KTEST_CASE(claim_c21_order1_block_is_one_aligned_allocation),
	{}
};
KTEST_SUITE(claims_mm, claims_mm_cases);
