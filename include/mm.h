/* include/mm.h: page frames and the page allocator.
 *
 * Every physical frame from 0 up to the end of RAM has a struct page in
 * mem_map[], indexed by page frame number (pfn = physical address >> 12).
 * A page is in one of four states, told apart by its flags:
 *   reserved  (PG_reserved) never handed out: holes, BIOS, kernel image, mem_map...
 *   free      (PG_buddy on the first page of a free block; private = order)
 *   slab      (PG_slab on every page of a slab; slab_cache says whose)
 *   allocated (none of these; refcount >= 1 on the first page of the block)
 *
 * alloc_pages(gfp, order) returns the first struct page of a block of 2^order
 * frames, aligned to 2^order frames (an order-1 block is 8 KiB aligned), or
 * NULL when the zones the gfp allows are exhausted. Nothing here panics for
 * lack of memory. */
#ifndef TASKLAB_MM_H
#define TASKLAB_MM_H

#include <types.h>
#include <list.h>
#include <gfp.h>
#include <mmzone.h>
#include <asm/page.h>

struct kmem_cache;
struct inode;

struct page {
	unsigned long flags;          /* PG_* bits; the zone number in the top bits */
	int refcount;                 /* users of an allocated block (first page) */
	union {
		unsigned long private;    /* free block: its order; large kmalloc: order */
		struct {                  /* slab (first page of the slab) */
			u16 inuse;            /* objects handed out */
			u16 objects;          /* objects in the slab */
		};
	};
	struct list_head lru;         /* buddy/pcp free list, a slab list, or the owner's */
	union {
		void *virtual;            /* highmem: kmap address, NULL if unmapped */
		struct kmem_cache *slab_cache;  /* slab: the cache */
	};
	union {
		void *freelist;           /* slab: first free object */
		struct inode *mapping;    /* a file's page: the inode whose page cache
					   * holds it; NULL for anonymous pages */
	};
};

enum pageflags {
	PG_reserved,      /* never given to the allocator */
	PG_buddy,         /* first page of a free block on a buddy list */
	PG_pcp,           /* first page of a free block on a pcp list */
	PG_slab,          /* belongs to a slab */
	PG_highmem,       /* in ZONE_HIGHMEM: no permanent kernel mapping */
	PG_large_kmalloc, /* first page of a kmalloc too big for the slab caches */
};

#define ZONES_SHIFT 30                /* zone number lives in flags bits 30-31 */

static inline bool page_flag(const struct page *p, int bit) { return p->flags & (1UL << bit); }
static inline void set_page_flag(struct page *p, int bit) { p->flags |= 1UL << bit; }
static inline void clear_page_flag(struct page *p, int bit) { p->flags &= ~(1UL << bit); }
#define PageReserved(p)  page_flag(p, PG_reserved)
#define PageBuddy(p)     page_flag(p, PG_buddy)
#define PageSlab(p)      page_flag(p, PG_slab)
#define PageHighMem(p)   page_flag(p, PG_highmem)

extern struct page *mem_map;
extern unsigned long max_pfn;         /* frames covered by mem_map */
extern unsigned long max_low_pfn;     /* end of lowmem (direct-mapped) frames */
extern unsigned long totalram_pages;  /* frames handed to the allocator at boot */
extern void *high_memory;             /* end of the direct map (virtual) */

static inline unsigned long page_to_pfn(const struct page *p) { return p - mem_map; }
static inline struct page *pfn_to_page(unsigned long pfn) { return mem_map + pfn; }
static inline phys_addr_t page_to_phys(const struct page *p) { return page_to_pfn(p) << PAGE_SHIFT; }
static inline enum zone_type page_zonenum(const struct page *p) { return p->flags >> ZONES_SHIFT; }
static inline struct zone *page_zone(const struct page *p) { return &zones[page_zonenum(p)]; }

/* The struct page of a direct-mapped (lowmem) kernel address. */
static inline struct page *virt_to_page(const void *addr) { return pfn_to_page(__pa(addr) >> PAGE_SHIFT); }
/* The kernel address of a page: lowmem always; highmem only while kmapped,
 * otherwise NULL. */
void *page_address(const struct page *page);

/* Reference counts, ready for copy-on-write: put_page frees an order-0 page
 * when the last reference goes. A page in a file's page cache (ramfs data,
 * shared anonymous memory) holds one reference for the cache and one per
 * page-table entry mapping it; whichever is dropped last frees it.
 * Nothing counts the mappings apart (Linux's mapcount): copy-on-write only
 * asks "is this anonymous page mine alone", which is refcount 1 and no
 * mapping, and a file's page is never taken over by a private writer.
 * The count is atomic once a second CPU runs: processes on two CPUs map
 * and unmap the same page-cache page (a program's text) under no common
 * lock. While one CPU runs, a plain increment does (Linux 2.6 i386 patches
 * its lock prefixes out on one CPU, its "SMP alternatives"; Tasklab tests
 * page_refs_atomic, which the boot CPU sets before it starts another CPU
 * and never clears: a locked operation costs more even uncontended). */
extern bool page_refs_atomic;
static inline void get_page(struct page *p)
{
	if (page_refs_atomic)
		__atomic_fetch_add(&p->refcount, 1, __ATOMIC_RELAXED);
	else
		p->refcount++;
}
static inline int page_count(const struct page *p) { return __atomic_load_n(&p->refcount, __ATOMIC_RELAXED); }
static inline void set_page_count(struct page *p, int v) { p->refcount = v; }
void put_page(struct page *page);
/* Is this an anonymous page (no file's page cache holds it)? */
static inline bool PageAnon(const struct page *p) { return !p->mapping; }

/* The smallest order whose block holds `size` bytes. */
static inline unsigned int get_order(unsigned long size)
{
	return size <= PAGE_SIZE ? 0 : 32 - __builtin_clz((size - 1) >> PAGE_SHIFT);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order);
#define alloc_page(gfp) alloc_pages(gfp, 0)
/* Drop a reference to a block; the last one frees it. */
void __free_pages(struct page *page, unsigned int order);
#define __free_page(page) __free_pages(page, 0)

/* Lowmem only (gfp must not ask for highmem): the block's kernel address, 0 on failure. */
unsigned long __get_free_pages(gfp_t gfp, unsigned int order);
#define __get_free_page(gfp) __get_free_pages(gfp, 0)
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned int order);
#define free_page(addr) free_pages(addr, 0)

unsigned long nr_free_pages(void);

/* Set up the whole memory layer: mem_map, zones, kernel page tables, slab,
 * vmalloc. start_kernel calls it right after parsing the command line. */
void mem_init(void);
struct boot_module;
void free_initrd_mem(struct boot_module *m);

#endif
