/* mm/page_alloc.c: the zoned buddy allocator. Each zone keeps, per order
 * 0..MAX_ORDER-1, a list of free blocks of 2^order frames, each aligned to
 * its size. Allocation takes the first block of the smallest order that has
 * one and splits it, putting the unused halves back one order down; freeing
 * merges a block with its buddy (the block whose pfn differs only in bit
 * `order`) for as long as the buddy is free, so the lists never hold two free
 * buddies. Orders 0 and 1 go through a small per-zone cache (pcp) first, so
 * the common alloc/free pair costs a list pop and a push. Each zone's buddy
 * lists, pcp lists and free count are guarded by zone->lock, taken with
 * interrupts off (interrupt handlers may allocate too); no code holds two
 * zones' locks at once. A failed
 * allocation of user memory calls the OOM killer (include/gfp.h). */
#include <kernel.h>
#include <highmem.h>
#include <mm.h>
#include <oom.h>
#include <spinlock.h>
#include "internal.h"

struct zone zones[MAX_NR_ZONES] = {
	[ZONE_DMA] = { .name = "DMA" },
	[ZONE_NORMAL] = { .name = "Normal" },
	[ZONE_HIGHMEM] = { .name = "HighMem" },
};
struct page *mem_map;
unsigned long max_pfn, max_low_pfn, totalram_pages;
void *high_memory;

/* Zone lists by zone modifier, in Linux's fallback order (include/gfp.h). */
static struct zone *const zonelists[4][MAX_NR_ZONES + 1] = {
	[0] = { &zones[ZONE_NORMAL], &zones[ZONE_DMA], NULL },
	[__GFP_DMA] = { &zones[ZONE_DMA], NULL },
	[__GFP_HIGHMEM] = { &zones[ZONE_HIGHMEM], &zones[ZONE_NORMAL], &zones[ZONE_DMA], NULL },
	[__GFP_DMA | __GFP_HIGHMEM] = { &zones[ZONE_DMA], NULL },
};

/* --- the buddy lists ------------------------------------------------------ */

static inline void add_to_free_area(struct zone *z, struct page *page, unsigned int order)
{
	page->private = order;
	set_page_flag(page, PG_buddy);
	list_add(&page->lru, &z->free_area[order].free_list);
	z->free_area[order].nr_free++;
}

static inline void del_from_free_area(struct zone *z, struct page *page, unsigned int order)
{
	list_del(&page->lru);
	clear_page_flag(page, PG_buddy);
	z->free_area[order].nr_free--;
}

/* Take a free block of exactly `order` from the buddy lists, splitting a
 * bigger one if needed; NULL if the zone has none big enough. */
static struct page *__rmqueue(struct zone *z, unsigned int order)
{
	for (unsigned int o = order; o < MAX_ORDER; o++) {
		struct free_area *area = &z->free_area[o];
		if (!area->nr_free)
			continue;
		struct page *page = list_first_entry(&area->free_list, struct page, lru);
		del_from_free_area(z, page, o);
		while (o > order) {          /* give back the upper halves */
			o--;
			add_to_free_area(z, page + (1UL << o), o);
		}
		return page;
	}
	return NULL;
}

/* Put a block on the buddy lists, merging it with its free buddies. */
static void __free_one_page(struct zone *z, struct page *page, unsigned int order)
{
	unsigned long pfn = page_to_pfn(page);

	while (order < MAX_ORDER - 1) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = pfn_to_page(buddy_pfn);
		if (!zone_spans_pfn(z, buddy_pfn) || !PageBuddy(buddy) || buddy->private != order)
			break;
		del_from_free_area(z, buddy, order);
		pfn &= ~(1UL << order);      /* the merged block starts at the lower one */
		order++;
	}
	add_to_free_area(z, pfn_to_page(pfn), order);
}

/* --- the per-zone cache of order-0 and order-1 blocks ---------------------- */

static struct page *pcp_alloc(struct zone *z, unsigned int order)
{
	struct per_cpu_pages *pcp = &z->pcp;
	struct page *page;

	if (!pcp->count[order]) {
		while (pcp->count[order] < PCP_BATCH && (page = __rmqueue(z, order))) {
			set_page_flag(page, PG_pcp);
			list_add_tail(&page->lru, &pcp->lists[order]);
			pcp->count[order]++;
		}
		if (!pcp->count[order])
			return NULL;
	}
	page = list_first_entry(&pcp->lists[order], struct page, lru);
	list_del(&page->lru);
	clear_page_flag(page, PG_pcp);
	pcp->count[order]--;
	return page;
}

/* Give the `n` coldest blocks (at the tail) back to the buddy lists. */
static void pcp_release(struct zone *z, unsigned int order, int n)
{
	struct per_cpu_pages *pcp = &z->pcp;

	while (n-- > 0 && pcp->count[order]) {
		struct page *page = list_entry(pcp->lists[order].prev, struct page, lru);
		list_del(&page->lru);
		clear_page_flag(page, PG_pcp);
		pcp->count[order]--;
		__free_one_page(z, page, order);
	}
}

static void pcp_free(struct zone *z, struct page *page, unsigned int order)
{
	struct per_cpu_pages *pcp = &z->pcp;

	set_page_flag(page, PG_pcp);
	list_add(&page->lru, &pcp->lists[order]);
	if (++pcp->count[order] > PCP_HIGH)
		pcp_release(z, order, PCP_BATCH);
}

void drain_all_pages(void)
{
	unsigned long flags;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		spin_lock_irqsave(&zones[i].lock, flags);
		for (unsigned int o = 0; o < PCP_ORDERS; o++)
			pcp_release(&zones[i], o, zones[i].pcp.count[o]);
		spin_unlock_irqrestore(&zones[i].lock, flags);
	}
}

/* --- allocation ------------------------------------------------------------ */

/* Flags a free block's first page must not carry once it leaves the lists. */
#define PAGE_FLAGS_CHECK_AT_ALLOC \
	((1UL << PG_reserved) | (1UL << PG_buddy) | (1UL << PG_pcp) | (1UL << PG_slab) | \
	 (1UL << PG_large_kmalloc))

/* A page's state contradicts what the allocator knows: memory corruption or
 * a caller's bug (a double free), and going on would spread it. */
static void bad_page(struct page *page, const char *why)
{
	panic("bad page state: pfn %#lx (flags %#lx, count %d): %s", page_to_pfn(page),
	      page->flags, page->refcount, why);
}

static struct page *get_page_from_zonelist(struct zone *const *zl, unsigned int order)
{
	for (; *zl; zl++) {
		struct zone *z = *zl;
		struct page *page = NULL;
		unsigned long flags;

		spin_lock_irqsave(&z->lock, flags);
		if (z->free_pages >= (1UL << order))
			page = order < PCP_ORDERS ? pcp_alloc(z, order) : __rmqueue(z, order);
		if (page)
			z->free_pages -= 1UL << order;
		spin_unlock_irqrestore(&z->lock, flags);
		if (page)
			return page;
	}
	return NULL;
}

static void clear_block(struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++) {
		void *addr = kmap_atomic(page + i);
		memset(addr, 0, PAGE_SIZE);
		kunmap_atomic(addr);
	}
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct zone *const *zl = zonelists[gfp & GFP_ZONEMASK];
	struct page *page;

	if (unlikely(order >= MAX_ORDER))
		return NULL;
	page = get_page_from_zonelist(zl, order);
	if (unlikely(!page)) {           /* blocks parked on pcp lists may merge */
		drain_all_pages();
		page = get_page_from_zonelist(zl, order);
	}
	if (unlikely(!page)) {
		if (gfp_oom_allowed(gfp))
			out_of_memory(gfp, order);     /* it says what it does */
		else if (!(gfp & __GFP_NOWARN))
			pr_warn("page allocation failure: order %u, gfp %#x\n", order, gfp);
		return NULL;
	}
	if (unlikely(page->refcount || (page->flags & PAGE_FLAGS_CHECK_AT_ALLOC)))
		bad_page(page, "a page on the free lists is in use (list corruption?)");
	page->refcount = 1;
	if (gfp & __GFP_ZERO)
		clear_block(page, order);
	return page;
}

/* --- freeing --------------------------------------------------------------- */

static void free_pages_ok(struct page *page, unsigned int order)
{
	struct zone *z = page_zone(page);
	unsigned long flags;

	if (unlikely(page->flags & ((1UL << PG_reserved) | (1UL << PG_slab))))
		bad_page(page, "freeing a reserved or slab page");
	if (unlikely(page->virtual))     /* set only while a highmem page is kmapped */
		bad_page(page, "freeing a page that is still kmapped (kunmap missing?)");
	if (unlikely(page->mapping))
		bad_page(page, "freeing a page still in a file's page cache");
	if (unlikely(page_to_pfn(page) & ((1UL << order) - 1)))
		bad_page(page, "freeing a block at a pfn not aligned to its order");
	spin_lock_irqsave(&z->lock, flags);
	z->free_pages += 1UL << order;
	if (order < PCP_ORDERS)
		pcp_free(z, page, order);
	else
		__free_one_page(z, page, order);
	spin_unlock_irqrestore(&z->lock, flags);
}

bool page_refs_atomic;                 /* include/mm.h: set once a second CPU starts */

void __free_pages(struct page *page, unsigned int order)
{
	if (unlikely(page_count(page) <= 0))
		bad_page(page, "freeing a free page (double free?)");
	/* atomic with two CPUs up: the last of two dropping a shared page frees it, once */
	if ((page_refs_atomic ? __atomic_sub_fetch(&page->refcount, 1, __ATOMIC_ACQ_REL)
			      : --page->refcount) == 0)
		free_pages_ok(page, order);
}

void put_page(struct page *page)
{
	__free_pages(page, 0);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned int order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

void *page_address(const struct page *page)
{
	if (!PageHighMem(page))
		return __va(page_to_phys(page));
	return page->virtual;
}

/* --- statistics ------------------------------------------------------------ */

unsigned long nr_free_pages(void)
{
	unsigned long n = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		n += zones[i].free_pages;
	return n;
}

void zone_free_counts(enum zone_type zt, unsigned long *counts)
{
	unsigned long flags;

	spin_lock_irqsave(&zones[zt].lock, flags);
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		counts[o] = zones[zt].free_area[o].nr_free;
	spin_unlock_irqrestore(&zones[zt].lock, flags);
}

void show_buddyinfo(void)
{
	char line[160];

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		int n = snprintf(line, sizeof(line), "Node 0, zone %8s", zones[i].name);
		if (!zones[i].spanned_pages)
			continue;
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			n += snprintf(line + n, sizeof(line) - n, " %6lu", zones[i].free_area[o].nr_free);
		printk(KERN_INFO "%s\n", line);
	}
}

/* --- boot ------------------------------------------------------------------ */

static void init_zone(enum zone_type zt, unsigned long start, unsigned long end)
{
	struct zone *z = &zones[zt];

	__spin_lock_init(&z->lock, "zone->lock");
	z->zone_start_pfn = start;
	z->spanned_pages = end > start ? end - start : 0;
	for (unsigned int o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&z->free_area[o].free_list);
	for (unsigned int o = 0; o < PCP_ORDERS; o++)
		INIT_LIST_HEAD(&z->pcp.lists[o]);
	for (unsigned long pfn = start; pfn < end; pfn++) {
		struct page *p = pfn_to_page(pfn);
		p->flags = ((unsigned long)zt << ZONES_SHIFT) | (1UL << PG_reserved);
		if (zt == ZONE_HIGHMEM)
			set_page_flag(p, PG_highmem);
		INIT_LIST_HEAD(&p->lru);
	}
}

void zones_init(void)
{
	unsigned long dma_end = min(max_pfn, MAX_DMA_PFN);

	memset(mem_map, 0, max_pfn * sizeof(struct page));
	init_zone(ZONE_DMA, 0, dma_end);
	init_zone(ZONE_NORMAL, dma_end, max_low_pfn);
	init_zone(ZONE_HIGHMEM, max_low_pfn, max_pfn);
}

/* Are all 2^order frames from `page` still PG_reserved (never released)? */
static bool block_reserved(const struct page *page, unsigned int order)
{
	for (unsigned long i = 0; i < (1UL << order); i++)
		if (!PageReserved(page + i))
			return false;
	return true;
}

/* Hand frames [start, end) to the buddy lists in the biggest aligned blocks.
 * Zone boundaries are multiples of 2^(MAX_ORDER-1) frames, so no block
 * crosses one. A frame is released once only: one that is no longer
 * PG_reserved is skipped, so a memory map naming a frame twice (overlapping
 * RAM regions) cannot free it twice. */
void free_bootmem_range(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned int order = start ? min(__builtin_ctz(start), MAX_ORDER - 1) : MAX_ORDER - 1;
		struct page *page = pfn_to_page(start);
		if (!PageReserved(page)) {
			start++;
			continue;
		}
		while (start + (1UL << order) > end || !block_reserved(page, order))
			order--;
		struct zone *z = page_zone(page);
		unsigned long flags;
		for (unsigned long i = 0; i < (1UL << order); i++)
			clear_page_flag(page + i, PG_reserved);
		spin_lock_irqsave(&z->lock, flags);
		z->present_pages += 1UL << order;
		z->free_pages += 1UL << order;
		totalram_pages += 1UL << order;
		__free_one_page(z, page, order);
		spin_unlock_irqrestore(&z->lock, flags);
		start += 1UL << order;
	}
}
