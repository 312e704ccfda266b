/* include/slab.h: the slab allocator, for objects smaller than a page (or a
 * few pages). A cache (struct kmem_cache) hands out objects of one size; it
 * carves them out of slabs, each one buddy block of 2^order pages whose
 * struct page (the first one) keeps the slab's free list and counts. A
 * cache keeps its slabs on three lists, full, partial and free; allocation
 * takes from a partial slab first, so objects are reused while hot.
 *
 *   slab (2^order pages)   one slot = s->size bytes
 *   +--------+--------+--------+----
 *   | object | object | object | ...     debug slot layout:
 *   +--------+--------+--------+----     [object][red zone 4][free pointer 4]
 *
 * kmalloc(size) picks the power-of-two cache kmalloc-8 ... kmalloc-128k that
 * fits; anything bigger comes straight from the buddy allocator.
 *
 * Debug mode (SLAB_RED_ZONE | SLAB_POISON, given to every cache when the
 * kernel parameter slab_debug is on: the default, and what `make test` runs;
 * `make bench` boots with slab_debug=off). A red zone word after each object
 * says whether it is allocated (0xcc bytes) or free (0xbb); a free object is
 * filled with 0x6b ending in 0xa5. kmem_cache_free panics on a double free
 * (red zone says free) or an overrun (red zone neither value); allocation
 * panics if a free object was written to (use after free). Each message names
 * the cache and the object. A cache with a constructor is not poisoned (that
 * would destroy the constructed state), only red-zoned. Objects of a page or
 * more (kmalloc-4k and up) are neither: the extra words would make a 64 KiB
 * slot 64 KiB + 8 and double its slab, so those caches go unchecked.
 *
 * A constructor runs once per object, when its slab is created, not on every
 * allocation: objects must be freed back in their constructed state. */
#ifndef TASKLAB_SLAB_H
#define TASKLAB_SLAB_H

#include <types.h>
#include <spinlock.h>
#include <list.h>
#include <gfp.h>

#define SLAB_RED_ZONE      0x00000400UL  /* red zone after each object */
#define SLAB_POISON        0x00000800UL  /* poison free objects */
#define SLAB_HWCACHE_ALIGN 0x00002000UL  /* align objects to a cache line */
#define SLAB_CACHE_DMA     0x00004000UL  /* slabs from ZONE_DMA */

#define KMALLOC_SHIFT_LOW  3
#define KMALLOC_SHIFT_HIGH 17
#define KMALLOC_MIN_SIZE   (1UL << KMALLOC_SHIFT_LOW)     /* 8 B */
#define KMALLOC_MAX_CACHE_SIZE (1UL << KMALLOC_SHIFT_HIGH) /* 128 KiB */

/* kmalloc(0) returns this: not NULL (that means failure), never dereferenceable. */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(p) ((unsigned long)(p) <= (unsigned long)ZERO_SIZE_PTR)

/* Guarded by its lock (interrupts off) after creation: the slab lists,
 * nr_free_slabs and the statistics; `list` by slab_caches_lock. */
struct kmem_cache {
	spinlock_t lock;
	char name[32];
	size_t object_size;          /* what the creator asked for */
	size_t size;                 /* one slot: object, red zone, free pointer, padding */
	size_t align;
	unsigned int offset;         /* where in a slot the free pointer lives */
	unsigned int order;          /* each slab is 2^order pages */
	unsigned int objects;        /* objects per slab */
	unsigned long flags;         /* SLAB_* */
	void (*ctor)(void *);
	struct list_head slabs_full, slabs_partial, slabs_free;  /* of struct page, by lru */
	unsigned long nr_free_slabs;
	/* statistics (slabinfo) */
	unsigned long active_objs;   /* objects handed out now */
	unsigned long num_objs;      /* objects in all slabs */
	unsigned long num_slabs;
	unsigned long total_allocs, total_frees;
	struct list_head list;       /* on slab_caches */
};

/* A cache of objects of `size` bytes aligned to `align` (0: 8 bytes); NULL
 * when memory runs out or the size is 0 or above KMALLOC_MAX_CACHE_SIZE. */
struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, void (*ctor)(void *));
fastcall void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp);
fastcall void kmem_cache_free(struct kmem_cache *s, void *obj);
/* Free an empty cache. A cache with objects in use is reported and kept. */
void kmem_cache_destroy(struct kmem_cache *s);
/* Give the cache's (or every cache's) empty slabs back to the page allocator. */
void kmem_cache_shrink(struct kmem_cache *s);
void kmem_cache_shrink_all(void);

fastcall void *kmalloc(size_t size, gfp_t gfp);
static inline void *kzalloc(size_t size, gfp_t gfp) { return kmalloc(size, gfp | __GFP_ZERO); }
fastcall void kfree(const void *obj);
/* The cache kmalloc(size) uses, or NULL when size goes to the buddy allocator. */
struct kmem_cache *kmalloc_slab(size_t size);

/* Pages the slab caches hold (/proc/meminfo's Slab). */
unsigned long slab_pages(void);
/* Objects in use over all caches (a leak counter). */
unsigned long slab_objects_in_use(void);
/* /proc/slabinfo's text (fs/proc/slabinfo.c): a header, a line per cache;
 * show_slabinfo prints it to the kernel log. */
struct seq_file;
void slabinfo_show(struct seq_file *m);
void show_slabinfo(void);
/* Is debug mode (red zones and poisoning) given to new caches? */
extern bool slab_debug;

#endif
