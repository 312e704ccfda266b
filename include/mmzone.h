/* include/mmzone.h: memory zones. Physical memory is split by what the
 * kernel can do with it (seed claim c08):
 *
 *   phys 0 +-----------+
 *          | ZONE_DMA  |  below 16 MiB: ISA DMA can reach it
 *   16 MiB +-----------+
 *          | ZONE_NORMAL|  up to 896 MiB: permanently mapped at 0xC0000000
 *  896 MiB +-----------+
 *          |ZONE_HIGHMEM| the rest: no permanent kernel mapping; reached
 *          |           |  through kmap/kmap_atomic (include/highmem.h)
 *          +-----------+
 *
 * Each zone has its own buddy allocator (free_area[order], orders
 * 0..MAX_ORDER-1) and a small cache of free order-0 and order-1 blocks
 * (struct per_cpu_pages, after Linux's per-CPU page lists), which makes the
 * common alloc/free pair a list pop and push. Blocks on the cache count as
 * free in zone->free_pages but are not on the buddy lists until drained. */
#ifndef TASKLAB_MMZONE_H
#define TASKLAB_MMZONE_H

#include <types.h>
#include <list.h>
#include <spinlock.h>

#define MAX_ORDER        11              /* orders 0..10: up to 4 MiB blocks */
#define MAX_DMA_PFN      (0x1000000UL >> 12)  /* 16 MiB */
#define MAX_LOWMEM_PFN   (0x38000000UL >> 12) /* 896 MiB */

enum zone_type { ZONE_DMA, ZONE_NORMAL, ZONE_HIGHMEM, MAX_NR_ZONES };

struct free_area {
	struct list_head free_list;   /* blocks of this order, linked by page->lru */
	unsigned long nr_free;        /* blocks (not pages) on free_list */
};

#define PCP_ORDERS 2                  /* orders 0 and 1 are cached */
#define PCP_HIGH   32                 /* blocks; above this, give a batch back */
#define PCP_BATCH  8                  /* blocks moved to/from the buddy lists at once */

struct per_cpu_pages {
	struct list_head lists[PCP_ORDERS];
	int count[PCP_ORDERS];        /* blocks on each list */
};

/* Guarded by zone->lock (interrupts off), all but the fixed layout fields;
 * the pcp lists too, until they become really per-CPU. */
struct zone {
	spinlock_t lock;
	const char *name;
	unsigned long zone_start_pfn; /* first frame the zone spans */
	unsigned long spanned_pages;  /* frames spanned, holes included */
	unsigned long present_pages;  /* frames handed to the allocator at boot */
	unsigned long free_pages;     /* free frames: buddy lists plus pcp */
	struct per_cpu_pages pcp;
	struct free_area free_area[MAX_ORDER];
};

extern struct zone zones[MAX_NR_ZONES];

/* Frames the kernel maps permanently (ZONE_DMA + ZONE_NORMAL): where kernel
 * stacks, slabs and page tables must come from. */
static inline unsigned long lowmem_pages(void)
{
	return zones[ZONE_DMA].present_pages + zones[ZONE_NORMAL].present_pages;
}

static inline bool zone_spans_pfn(const struct zone *z, unsigned long pfn)
{
	return pfn - z->zone_start_pfn < z->spanned_pages;
}

/* Put every block held on the zones' pcp lists back on the buddy lists. */
void drain_all_pages(void);
/* Print free blocks per order per zone, like /proc/buddyinfo. */
void show_buddyinfo(void);
/* Copy the free block counts per order of zone `zt` into counts[MAX_ORDER]. */
void zone_free_counts(enum zone_type zt, unsigned long *counts);

#endif
