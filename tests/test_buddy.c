/* tests/test_buddy.c: the page allocator: zones as the memory map makes them,
 * gfp zone lists, natural alignment, coalescing, reserved frames, exhaustion,
 * reference counts, and a long random run that must leave the buddy lists as
 * it found them. */
#include <kernel.h>
#include <highmem.h>
#include <ktest.h>
#include <mm.h>
#include <multiboot.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include "../mm/internal.h"

extern char _start[], _end[];   /* _start: physical, in .head.text */

/* One past the last RAM frame below 4 GiB, straight from the memory map. */
static unsigned long map_ram_end_pfn(void)
{
	u64 end = 0;

	for (int i = 0; i < boot_params.nr_regions; i++) {
		const struct memory_region *r = &boot_params.regions[i];
		if (r->type == E820_RAM && r->start < 0x100000000ULL)
			end = max(end, min(r->end, 0x100000000ULL));
	}
	return end >> PAGE_SHIFT;
}

/* RAM frames of the memory map in [start_pfn, end_pfn). */
static unsigned long map_ram_frames(unsigned long start_pfn, unsigned long end_pfn)
{
	u64 lo = (u64)start_pfn << PAGE_SHIFT, hi = (u64)end_pfn << PAGE_SHIFT, bytes = 0;

	for (int i = 0; i < boot_params.nr_regions; i++) {
		const struct memory_region *r = &boot_params.regions[i];
		u64 s = max(r->start, lo), e = min(r->end, hi);
		if (r->type == E820_RAM && s < e)
			bytes += e - s;
	}
	return bytes >> PAGE_SHIFT;
}

/* Highmem tests need highmem. Whether there is any is read from the memory
 * map, not from the zones, so a 2 GiB boot (make test) whose highmem zone
 * came out empty fails instead of skipping. A boot below 896 MiB skips
 * them, and tests/run.py counts that skip as a failure: every Tasklab boot
 * of make test has 2 GiB. */
static void need_highmem(struct ktest *t)
{
	if (map_ram_end_pfn() <= MAX_LOWMEM_PFN)
		KTEST_SKIP(t, "no highmem: the memory map ends at %lu MiB", map_ram_end_pfn() >> 8);
}

static void buddy_zone_boundaries_from_memory_map(struct ktest *t)
{
	unsigned long end = map_ram_end_pfn(), present = 0;

	KTEST_EXPECT_EQ(t, max_pfn, end);
	KTEST_EXPECT_EQ(t, zones[ZONE_DMA].zone_start_pfn, 0);
	KTEST_EXPECT_EQ(t, zones[ZONE_DMA].spanned_pages, min(end, 4096UL));
	KTEST_EXPECT_EQ(t, zones[ZONE_NORMAL].zone_start_pfn, 4096);
	KTEST_EXPECT_EQ(t, zones[ZONE_NORMAL].spanned_pages, min(end, 229376UL) - 4096);
	KTEST_EXPECT_EQ(t, zones[ZONE_HIGHMEM].zone_start_pfn, min(end, 229376UL));
	KTEST_EXPECT_EQ(t, max_low_pfn, min(end, 229376UL));
	KTEST_EXPECT_PTR_EQ(t, high_memory, __va(max_low_pfn << PAGE_SHIFT));
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		KTEST_EXPECT_LE(t, zones[i].present_pages, zones[i].spanned_pages);
		present += zones[i].present_pages;
	}
	KTEST_EXPECT_EQ(t, present, totalram_pages);
	KTEST_EXPECT_EQ(t, zones[ZONE_HIGHMEM].spanned_pages, end - min(end, 229376UL));
}

/* Nothing is reserved above 896 MiB: every RAM frame there is in the zone. */
static void buddy_highmem_zone_from_memory_map(struct ktest *t)
{
	unsigned long end = map_ram_end_pfn();

	need_highmem(t);
	KTEST_EXPECT_EQ(t, zones[ZONE_HIGHMEM].spanned_pages, end - 229376);
	KTEST_EXPECT_EQ(t, zones[ZONE_HIGHMEM].present_pages, map_ram_frames(229376, end));
	KTEST_EXPECT_GT(t, zones[ZONE_HIGHMEM].present_pages, 0);
}

static void buddy_direct_map_trimmed_to_lowmem(struct ktest *t)
{
	unsigned int level;

	for (unsigned int i = KERNEL_PGD_BOUNDARY; i < pgd_index(KERNEL_PT_START); i++) {
		bool lowmem = (i - KERNEL_PGD_BOUNDARY) * 1024UL < max_low_pfn;
		KTEST_EXPECT_EQ(t, !!(swapper_pg_dir[i] & _PAGE_PRESENT), lowmem);
	}
	/* 4 MiB pages past the first 4 MiB (whose page table maps the image) */
	KTEST_ASSERT_NOT_NULL(t, lookup_address(PAGE_OFFSET + PGDIR_SIZE, &level));
	KTEST_EXPECT_EQ(t, level, 2);
	/* every PDE of the top 128 MiB points at a pre-allocated page table */
	for (unsigned int i = pgd_index(KERNEL_PT_START); i < PTRS_PER_PGD; i++)
		KTEST_EXPECT_EQ(t, swapper_pg_dir[i] & (_PAGE_PRESENT | _PAGE_PSE), _PAGE_PRESENT);
}

static void buddy_gfp_picks_zone(struct ktest *t)
{
	struct page *dma = alloc_pages(GFP_DMA, 0);
	struct page *normal = alloc_pages(GFP_KERNEL, 0);
	struct page *high = alloc_pages(GFP_HIGHUSER, 0);

	KTEST_ASSERT_TRUE(t, dma && normal && high);
	KTEST_EXPECT_EQ(t, page_zonenum(dma), ZONE_DMA);
	KTEST_EXPECT_LT(t, page_to_pfn(dma), 4096);
	KTEST_EXPECT_EQ(t, page_zonenum(normal), ZONE_NORMAL);
	if (zones[ZONE_HIGHMEM].present_pages) {
		KTEST_EXPECT_EQ(t, page_zonenum(high), ZONE_HIGHMEM);
		KTEST_EXPECT_TRUE(t, PageHighMem(high));
		KTEST_EXPECT_GE(t, page_to_pfn(high), max_low_pfn);
		KTEST_EXPECT_NULL(t, page_address(high));  /* not kmapped */
	} else {
		KTEST_EXPECT_EQ(t, page_zonenum(high), ZONE_NORMAL);  /* the fallback */
	}
	KTEST_EXPECT_PTR_EQ(t, page_address(normal), __va(page_to_phys(normal)));
	__free_page(dma);
	__free_page(normal);
	__free_page(high);
}

static void buddy_blocks_naturally_aligned(struct ktest *t)
{
	struct page *held[4];

	for (unsigned int order = 0; order < MAX_ORDER; order++) {
		int n = 0;
		for (int i = 0; i < 4; i++) {
			held[i] = alloc_pages(i & 1 ? GFP_HIGHUSER : GFP_KERNEL, order);
			KTEST_EXPECT_NOT_NULL(t, held[i]);
			if (!held[i])
				break;       /* free what is held, below */
			n++;
			KTEST_EXPECT_EQ(t, page_to_pfn(held[i]) & ((1UL << order) - 1), 0);
			KTEST_EXPECT_EQ(t, page_count(held[i]), 1);
			for (unsigned long p = 0; p < (1UL << order); p++)
				KTEST_EXPECT_FALSE(t, PageReserved(held[i] + p) || PageBuddy(held[i] + p));
		}
		for (int i = 0; i < n; i++)
			__free_pages(held[i], order);
	}
	KTEST_EXPECT_NULL(t, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_ORDER));
}

static bool counts_equal(const unsigned long a[][MAX_ORDER], const unsigned long b[][MAX_ORDER])
{
	return !memcmp(a, b, sizeof(unsigned long) * MAX_NR_ZONES * MAX_ORDER);
}

static void snapshot(unsigned long c[][MAX_ORDER])
{
	drain_all_pages();
	for (int z = 0; z < MAX_NR_ZONES; z++)
		zone_free_counts(z, c[z]);
}

static void buddy_freed_halves_coalesce(struct ktest *t)
{
	static unsigned long before[MAX_NR_ZONES][MAX_ORDER], after[MAX_NR_ZONES][MAX_ORDER];
	struct page *block;

	snapshot(before);
	block = alloc_pages(GFP_KERNEL, 3);
	KTEST_ASSERT_NOT_NULL(t, block);
	snapshot(after);
	KTEST_EXPECT_FALSE(t, counts_equal(before, after));
	/* free the eight frames one by one: they must merge back into one block */
	for (int i = 1; i < 8; i++)
		set_page_count(block + i, 1);
	for (int i = 7; i >= 0; i--)
		__free_page(block + i);
	snapshot(after);
	KTEST_EXPECT_TRUE(t, counts_equal(before, after));
	KTEST_EXPECT_FALSE(t, PageBuddy(block + 4));       /* merged into a bigger block */
}

/* Every frame the allocator hands out, checked against the boot information
 * directly (not against the allocator's own bookkeeping). */
static bool frame_may_be_handed_out(unsigned long pfn)
{
	phys_addr_t a = pfn << PAGE_SHIFT;
	bool ram = false;

	if (a < 0x100000 || (a + PAGE_SIZE > (unsigned long)_start && a < __pa(_end)))
		return false;
	if (a + PAGE_SIZE > __pa(mem_map) && a < __pa(mem_map + max_pfn))
		return false;
	if (a + PAGE_SIZE > boot_params.info_start && a < boot_params.info_end)
		return false;
	for (int i = 0; i < boot_params.nr_modules; i++)      /* unless unpacked and freed */
		if (!boot_params.modules[i].freed &&
		    a + PAGE_SIZE > boot_params.modules[i].start && a < boot_params.modules[i].end)
			return false;
	for (int i = 0; i < boot_params.nr_regions; i++) {
		const struct memory_region *r = &boot_params.regions[i];
		if (r->type == E820_RAM && r->start <= a && a + PAGE_SIZE <= r->end)
			ram = true;
		else if (r->type != E820_RAM && r->start < a + PAGE_SIZE && a < r->end)
			return false;
	}
	return ram;
}

static void free_list(struct list_head *held)
{
	struct page *p, *n;

	list_for_each_entry_safe(p, n, held, lru) {
		list_del_init(&p->lru);
		__free_page(p);
	}
}

static void buddy_reserved_frames_never_returned(struct ktest *t)
{
	unsigned long free = nr_free_pages(), got = 0, bad = 0, backwards = 0;
	enum zone_type zone = ZONE_HIGHMEM;
	LIST_HEAD(held);
	struct page *p;

	/* __GFP_NORETRY: exhausting memory here is the point, no OOM kill */
	while ((p = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN | __GFP_NORETRY, 0))) {
		list_add(&p->lru, &held);
		got++;
		/* the fallback order: HighMem, then Normal, then DMA; never back */
		backwards += page_zonenum(p) > zone;
		zone = page_zonenum(p);
		if (!frame_may_be_handed_out(page_to_pfn(p)) && bad++ < 4)
			ktest_log(t, "frame %#lx must not be handed out", page_to_pfn(p));
	}
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, backwards, 0);
	KTEST_EXPECT_EQ(t, zone, ZONE_DMA);              /* it got down to DMA */
	KTEST_EXPECT_EQ(t, got, free);                     /* all of it, then NULL */
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0);
	free_list(&held);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

static void buddy_exhaust_zone_normal_then_free(struct ktest *t)
{
	static unsigned long before[MAX_NR_ZONES][MAX_ORDER], after[MAX_NR_ZONES][MAX_ORDER];
	unsigned long normal_free = zones[ZONE_NORMAL].free_pages, from_normal = 0, from_dma = 0;
	LIST_HEAD(held);
	struct page *p, *high;

	snapshot(before);
	while ((p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, 0))) {
		list_add(&p->lru, &held);
		if (page_zonenum(p) == ZONE_NORMAL) {
			from_normal++;
			KTEST_EXPECT_EQ(t, from_dma, 0);   /* DMA only after Normal is gone */
		} else {
			from_dma++;
		}
	}
	KTEST_EXPECT_EQ(t, from_normal, normal_free);
	KTEST_EXPECT_GT(t, from_dma, 0);               /* GFP_KERNEL falls back to DMA */
	KTEST_EXPECT_EQ(t, zones[ZONE_NORMAL].free_pages, 0);
	KTEST_EXPECT_EQ(t, __get_free_page(GFP_KERNEL | __GFP_NOWARN), 0);
	high = alloc_pages(GFP_HIGHUSER | __GFP_NOWARN | __GFP_NORETRY, 0);  /* highmem is still there */
	KTEST_EXPECT_EQ(t, !!high, zones[ZONE_HIGHMEM].present_pages > 0);
	if (high)
		__free_page(high);
	free_list(&held);
	snapshot(after);
	KTEST_EXPECT_TRUE(t, counts_equal(before, after));
}

static void buddy_gfp_dma_never_falls_back(struct ktest *t)
{
	unsigned long dma_free = zones[ZONE_DMA].free_pages, got = 0;
	LIST_HEAD(held);
	struct page *p;

	while ((p = alloc_pages(GFP_DMA | __GFP_NOWARN, 0))) {
		list_add(&p->lru, &held);
		KTEST_EXPECT_EQ(t, page_zonenum(p), ZONE_DMA);
		got++;
	}
	KTEST_EXPECT_EQ(t, got, dma_free);           /* then NULL, though Normal has plenty */
	p = alloc_pages(GFP_KERNEL, 0);
	KTEST_EXPECT_NOT_NULL(t, p);
	if (p)
		__free_page(p);
	free_list(&held);
}

static u32 xorshift32(u32 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

#define RANDOM_OPS  100000
#define RANDOM_HELD 512

static void buddy_random_ops_restore_free_lists(struct ktest *t)
{
	static unsigned long before[MAX_NR_ZONES][MAX_ORDER], after[MAX_NR_ZONES][MAX_ORDER];
	static struct { struct page *page; unsigned int order; } held[RANDOM_HELD];
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_HIGHUSER, GFP_DMA, GFP_KERNEL | __GFP_ZERO };
	unsigned long free = nr_free_pages(), failed = 0;
	int n = 0;
	u32 seed = 20261123;

	snapshot(before);
	for (int op = 0; op < RANDOM_OPS; op++) {
		u32 r = xorshift32(&seed);
		if (n < RANDOM_HELD && (n == 0 || (r & 1))) {
			unsigned int order = (r >> 1) % 4 == 0 ? (r >> 3) % MAX_ORDER : (r >> 3) % 3;
			struct page *p = alloc_pages(gfps[(r >> 8) % 4] | __GFP_NOWARN, order);
			if (!p) {
				failed++;
				continue;
			}
			KTEST_EXPECT_EQ(t, page_to_pfn(p) & ((1UL << order) - 1), 0);
			held[n].page = p;
			held[n++].order = order;
		} else {
			int i = (r >> 1) % n;
			__free_pages(held[i].page, held[i].order);
			held[i] = held[--n];
		}
	}
	ktest_log(t, "%d blocks held at the end, %lu allocations failed", n, failed);
	while (n > 0) {
		n--;
		__free_pages(held[n].page, held[n].order);
	}
	snapshot(after);
	KTEST_EXPECT_TRUE(t, counts_equal(before, after));
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

static void buddy_get_free_pages_and_zeroed_page(struct ktest *t)
{
	unsigned long a = __get_free_pages(GFP_KERNEL, 2), z;
	unsigned char *bytes;
	bool zero = true;

	KTEST_ASSERT_NE(t, a, 0);
	KTEST_EXPECT_EQ(t, a & (4 * PAGE_SIZE - 1), 0);
	KTEST_EXPECT_GE(t, a, PAGE_OFFSET);
	KTEST_EXPECT_LT(t, a, (unsigned long)high_memory);
	memset((void *)a, 0xAA, 4 * PAGE_SIZE);
	free_pages(a, 2);
	a = __get_free_page(GFP_KERNEL);
	memset((void *)a, 0x5A, PAGE_SIZE);
	free_page(a);
	z = get_zeroed_page(GFP_KERNEL);
	KTEST_ASSERT_NE(t, z, 0);
	KTEST_EXPECT_EQ(t, z, a);          /* the hot page comes back first (pcp) */
	bytes = (unsigned char *)z;
	for (int i = 0; i < (int)PAGE_SIZE; i++)
		zero &= bytes[i] == 0;
	KTEST_EXPECT_TRUE(t, zero);
	free_page(z);
}

static void buddy_page_refcounts(struct ktest *t)
{
	unsigned long free = nr_free_pages();
	struct page *p = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	get_page(p);
	KTEST_EXPECT_EQ(t, page_count(p), 2);
	put_page(p);
	KTEST_EXPECT_EQ(t, page_count(p), 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free - 1);   /* still in use */
	put_page(p);
	KTEST_EXPECT_EQ(t, page_count(p), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

static void buddy_highmem_through_kmap(struct ktest *t)
{
	struct page *pages[64];
	unsigned int mapped = nr_kmapped_pages();

	int n = 0;

	need_highmem(t);
	for (; n < 64; n++) {
		pages[n] = alloc_page(GFP_HIGHUSER);
		KTEST_EXPECT_NOT_NULL(t, pages[n]);
		if (!pages[n])
			break;
		KTEST_EXPECT_TRUE(t, PageHighMem(pages[n]));
		int i = n;
		u32 *v = kmap(pages[i]);
		KTEST_EXPECT_NOT_NULL(t, v);
		if (!v) {
			__free_page(pages[n]);
			break;
		}
		KTEST_EXPECT_GE(t, (unsigned long)v, PKMAP_BASE);
		KTEST_EXPECT_PTR_EQ(t, kmap(pages[i]), v);     /* mapped once, counted twice */
		kunmap(pages[i]);
		for (int w = 0; w < 1024; w++)
			v[w] = page_to_pfn(pages[i]) * 4096 + w;
		kunmap(pages[i]);
		KTEST_EXPECT_NULL(t, page_address(pages[i]));
	}
	KTEST_EXPECT_EQ(t, nr_kmapped_pages(), mapped);
	for (int i = 0; i < n; i++) {
		u32 *a = kmap_atomic(pages[i]), bad = 0;
		u32 *b = kmap_atomic(pages[(i + 1) % n]);      /* nested */
		for (int w = 0; w < 1024; w++)
			bad += a[w] != page_to_pfn(pages[i]) * 4096 + w;
		bad += b[5] != page_to_pfn(pages[(i + 1) % n]) * 4096 + 5;
		KTEST_EXPECT_EQ(t, bad, 0);
		kunmap_atomic(b);
		kunmap_atomic(a);
		__free_page(pages[i]);
	}
}

static void buddy_highmem_zeroed(struct ktest *t)
{
	struct page *p;
	u32 *v, nonzero = 0;

	need_highmem(t);
	p = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_NOT_NULL(t, p);
	v = kmap(p);
	if (!v)
		__free_page(p);
	KTEST_ASSERT_NOT_NULL(t, v);
	memset(v, 0xC3, PAGE_SIZE);
	kunmap(p);
	__free_page(p);
	p = alloc_page(GFP_HIGHUSER | __GFP_ZERO);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_TRUE(t, PageHighMem(p));
	v = kmap_atomic(p);
	for (int w = 0; w < 1024; w++)
		nonzero += v[w] != 0;
	kunmap_atomic(v);
	KTEST_EXPECT_EQ(t, nonzero, 0);
	__free_page(p);
}

static void buddy_buddyinfo_dump(struct ktest *t)
{
	char tail[512], expect[64];
	unsigned long counts[MAX_ORDER];

	drain_all_pages();
	show_buddyinfo();
	log_buf_tail(tail, sizeof(tail));
	zone_free_counts(ZONE_NORMAL, counts);
	snprintf(expect, sizeof(expect), "zone   Normal %6lu %6lu %6lu", counts[0], counts[1], counts[2]);
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "Node 0, zone      DMA"));
	KTEST_EXPECT_EQ(t, !!strstr(tail, "Node 0, zone  HighMem"), zones[ZONE_HIGHMEM].spanned_pages > 0);
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, expect));
}

static void buddy_double_free_panics(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	__free_page(p);
	__free_page(p);
	KTEST_FAIL(t, "freeing page %#lx twice was not caught", page_to_pfn(p));
}

/* A frame reaches the buddy allocator at boot once only, even if the memory
 * map names it twice (overlapping RAM regions): a frame that is no longer
 * PG_reserved is skipped. Replayed here on a frame the test reserves. */
static void buddy_boot_free_releases_frame_once(struct ktest *t)
{
	struct page *p = alloc_page(GFP_KERNEL);
	unsigned long free, pfn, total = totalram_pages, flags;
	struct zone *z;

	KTEST_ASSERT_NOT_NULL(t, p);
	pfn = page_to_pfn(p);
	z = page_zone(p);
	free = nr_free_pages();
	set_page_count(p, 0);
	set_page_flag(p, PG_reserved);          /* as at boot, before the first release */
	flags = local_irq_save();
	free_bootmem_range(pfn, pfn + 1);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free + 1);
	free_bootmem_range(pfn, pfn + 1);       /* the same frame again */
	KTEST_EXPECT_EQ(t, nr_free_pages(), free + 1);
	KTEST_EXPECT_EQ(t, totalram_pages, total + 1);
	/* the frame was RAM already: undo the double count of the first release */
	z->present_pages -= totalram_pages - total;
	totalram_pages = total;
	local_irq_restore(flags);
	KTEST_EXPECT_FALSE(t, PageReserved(p));
}

/* Freeing a highmem page that is still kmapped would leave a pkmap slot
 * pointing at a frame someone else may get: a bug in the caller. */
static void buddy_free_kmapped_page_panics(struct ktest *t)
{
	struct page *p;

	need_highmem(t);
	p = alloc_page(GFP_HIGHUSER);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_ASSERT_NOT_NULL(t, kmap(p));
	__free_page(p);
	KTEST_FAIL(t, "freeing kmapped page %#lx was not caught", page_to_pfn(p));
}

static const struct ktest_case buddy_cases[] = {
	KTEST_CASE(buddy_zone_boundaries_from_memory_map),
	KTEST_CASE(buddy_highmem_zone_from_memory_map),
	KTEST_CASE(buddy_boot_free_releases_frame_once),
	KTEST_CASE(buddy_direct_map_trimmed_to_lowmem),
	KTEST_CASE(buddy_gfp_picks_zone),
	KTEST_CASE(buddy_blocks_naturally_aligned),
	KTEST_CASE(buddy_freed_halves_coalesce),
	KTEST_CASE(buddy_reserved_frames_never_returned),
	KTEST_CASE(buddy_exhaust_zone_normal_then_free),
	KTEST_CASE(buddy_gfp_dma_never_falls_back),
	KTEST_CASE(buddy_random_ops_restore_free_lists),
	KTEST_CASE(buddy_get_free_pages_and_zeroed_page),
	KTEST_CASE(buddy_page_refcounts),
	KTEST_CASE(buddy_highmem_through_kmap),
	KTEST_CASE(buddy_highmem_zeroed),
	KTEST_CASE(buddy_buddyinfo_dump),
	KTEST_SHOULD_PANIC(buddy_double_free_panics, "freeing a free page"),
	KTEST_SHOULD_PANIC(buddy_free_kmapped_page_panics, "freeing a page that is still kmapped"),
	{}
};
KTEST_SUITE(buddy, buddy_cases);
