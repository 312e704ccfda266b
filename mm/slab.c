/* mm/slab.c: slab caches. Each slab is one buddy block; its first struct
 * page carries the slab's state (freelist, inuse, objects, and lru linking it
 * on one of the cache's full/partial/free lists), and every page of it has
 * PG_slab and slab_cache set, so kfree can find the cache from any address.
 * Free objects are chained through a free pointer stored at s->offset in
 * each free slot. One empty slab per cache is kept for reuse; more are given
 * back to the buddy allocator at once (kmem_cache_shrink gives all back).
 * The debug checks live in mm/slab_debug.c. Locking: a cache's lists,
 * slabs and counters are guarded by its kmem_cache.lock, the list of caches
 * by slab_caches_lock; both are taken with interrupts off (handlers may
 * allocate) and nest slab_caches_lock -> kmem_cache.lock -> zone->lock (a
 * new slab's pages come from the buddy allocator under the cache's lock).
 * The statistics readers (slab_pages, slabinfo) read the counters without
 * the cache's lock: a figure may be one operation old. */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <params.h>
#include <slab.h>
#include <seq_file.h>
#include <spinlock.h>
#include "internal.h"

#define SLAB_FREE_LIMIT   1        /* empty slabs a cache keeps */
#define SLAB_MIN_ALIGN    8
#define SLAB_CACHE_LINE   64
#define SLAB_GOOD_ORDER   3        /* look no further for little waste */

bool slab_debug = true;
static LIST_HEAD(slab_caches);
static DEFINE_SPINLOCK(slab_caches_lock);   /* slab_caches */

/* The cache of struct kmem_cache itself, set up by hand (it cannot come from itself). */
static struct kmem_cache kmem_cache_boot;

static int set_slab_debug(const char *value)
{
	if (!value || !strcmp(value, "1") || !strcmp(value, "on"))
		slab_debug = true;
	else if (!strcmp(value, "0") || !strcmp(value, "off"))
		slab_debug = false;
	else
		return -EINVAL;
	return 0;
}
KERNEL_PARAM("slab_debug", set_slab_debug);

static inline void *get_freepointer(const struct kmem_cache *s, void *obj)
{
	return *(void **)((char *)obj + s->offset);
}

static inline void set_freepointer(const struct kmem_cache *s, void *obj, void *next)
{
	*(void **)((char *)obj + s->offset) = next;
}

/* The first page of the slab holding `obj`. */
static inline struct page *obj_to_slab(const struct kmem_cache *s, const void *obj)
{
	unsigned long pfn = __pa(obj) >> PAGE_SHIFT;

	return pfn_to_page(pfn & ~((1UL << s->order) - 1));
}

/* --- creating a cache -------------------------------------------------------- */

/* Lay out one slot: the object, then (debug) the red zone, then the free
 * pointer if it may not overlay the object. Objects of a page or more get
 * no debug words: they would push a power-of-two slot past its slab and
 * double the slab's order (include/slab.h). */
static void calculate_sizes(struct kmem_cache *s)
{
	size_t end = s->object_size;

	if (s->object_size >= PAGE_SIZE)
		s->flags &= ~(SLAB_RED_ZONE | SLAB_POISON);
	if (s->ctor && (s->flags & SLAB_POISON))
		s->flags &= ~SLAB_POISON;       /* poison would destroy constructed state */
	if (s->flags & SLAB_RED_ZONE)
		end += SLAB_REDZONE_BYTES;
	if (s->flags & (SLAB_RED_ZONE | SLAB_POISON) || s->ctor) {
		s->offset = ALIGN_UP(end, sizeof(void *));
		end = s->offset + sizeof(void *);
	} else {
		s->offset = 0;                  /* a free object holds its own link */
		end = max(end, sizeof(void *));
	}
	s->size = ALIGN_UP(end, s->align);
}

/* The smallest order with at most 1/8 waste (up to SLAB_GOOD_ORDER), or
 * else the smallest that holds one object. */
static unsigned int calculate_order(size_t size)
{
	for (unsigned int order = 0; order <= SLAB_GOOD_ORDER; order++) {
		unsigned long bytes = PAGE_SIZE << order;
		if (bytes >= size && (bytes % size) * 8 <= bytes)
			return order;
	}
	return get_order(size);
}

static void init_cache(struct kmem_cache *s, const char *name, size_t size, size_t align,
		       unsigned long slab_flags, void (*ctor)(void *))
{
	unsigned long flags;

	memset(s, 0, sizeof(*s));
	strlcpy(s->name, name, sizeof(s->name));
	s->object_size = size;
	s->align = max(align, (size_t)SLAB_MIN_ALIGN);
	if (slab_flags & SLAB_HWCACHE_ALIGN)
		s->align = max(s->align, (size_t)SLAB_CACHE_LINE);
	s->flags = slab_flags | (slab_debug ? SLAB_RED_ZONE | SLAB_POISON : 0);
	s->ctor = ctor;
	calculate_sizes(s);
	s->order = calculate_order(s->size);
	s->objects = (PAGE_SIZE << s->order) / s->size;
	INIT_LIST_HEAD(&s->slabs_full);
	INIT_LIST_HEAD(&s->slabs_partial);
	INIT_LIST_HEAD(&s->slabs_free);
	__spin_lock_init(&s->lock, "kmem_cache->lock");
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_add_tail(&s->list, &slab_caches);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size, size_t align,
				     unsigned long flags, void (*ctor)(void *))
{
	struct kmem_cache *s;

	if (!size || size > KMALLOC_MAX_CACHE_SIZE || (align & (align - 1)))
		return NULL;
	s = kmem_cache_alloc(&kmem_cache_boot, GFP_KERNEL);
	if (!s)
		return NULL;
	init_cache(s, name, size, align, flags, ctor);
	return s;
}

/* --- slabs ------------------------------------------------------------------- */

static struct page *new_slab(struct kmem_cache *s, gfp_t gfp)
{
	gfp_t zone = s->flags & SLAB_CACHE_DMA ? __GFP_DMA : 0;
	struct page *page = alloc_pages((gfp & ~(GFP_ZONEMASK | __GFP_ZERO)) | zone, s->order);
	char *base, *obj;

	if (!page)
		return NULL;
	for (unsigned long i = 0; i < (1UL << s->order); i++) {
		set_page_flag(page + i, PG_slab);
		page[i].slab_cache = s;
	}
	base = page_address(page);
	for (unsigned int i = 0; i < s->objects; i++) {
		obj = base + i * s->size;
		slab_debug_init_object(s, obj);
		if (s->ctor)
			s->ctor(obj);
		set_freepointer(s, obj, i + 1 < s->objects ? obj + s->size : NULL);
	}
	INIT_LIST_HEAD(&page->lru);
	page->freelist = base;
	page->inuse = 0;
	page->objects = s->objects;
	s->num_slabs++;
	s->num_objs += s->objects;
	return page;
}

static void discard_slab(struct kmem_cache *s, struct page *page)
{
	list_del_init(&page->lru);
	for (unsigned long i = 0; i < (1UL << s->order); i++) {
		clear_page_flag(page + i, PG_slab);
		page[i].slab_cache = NULL;
	}
	page->freelist = NULL;
	page->private = 0;
	s->num_slabs--;
	s->num_objs -= s->objects;
	__free_pages(page, s->order);
}

/* A slab to allocate from when no partial one exists: a kept empty one, or a new one. */
static struct page *get_empty_slab(struct kmem_cache *s, gfp_t gfp)
{
	struct page *page;

	if (!list_empty(&s->slabs_free)) {
		page = list_first_entry(&s->slabs_free, struct page, lru);
		s->nr_free_slabs--;
	} else {
		page = new_slab(s, gfp);
		if (!page)
			return NULL;
	}
	list_move(&page->lru, &s->slabs_partial);
	return page;
}

/* --- the fast paths ---------------------------------------------------------- */

fastcall void *kmem_cache_alloc(struct kmem_cache *s, gfp_t gfp)
{
	unsigned long flags;
	struct page *page;
	void *obj;

	spin_lock_irqsave(&s->lock, flags);
	if (likely(!list_empty(&s->slabs_partial)))
		page = list_first_entry(&s->slabs_partial, struct page, lru);
	else if (!(page = get_empty_slab(s, gfp))) {
		spin_unlock_irqrestore(&s->lock, flags);
		return NULL;
	}
	obj = page->freelist;
	page->freelist = get_freepointer(s, obj);
	if (++page->inuse == page->objects)
		list_move(&page->lru, &s->slabs_full);
	s->active_objs++;
	s->total_allocs++;
	if (unlikely(s->flags & (SLAB_RED_ZONE | SLAB_POISON)))
		slab_debug_alloc(s, page, obj);
	spin_unlock_irqrestore(&s->lock, flags);
	if (unlikely(gfp & __GFP_ZERO))
		memset(obj, 0, s->object_size);
	return obj;
}

fastcall void kmem_cache_free(struct kmem_cache *s, void *obj)
{
	struct page *page;
	unsigned long flags;

	if (unlikely(!obj))
		return;
	page = obj_to_slab(s, obj);
	if (unlikely(!PageSlab(page) || page->slab_cache != s))
		panic("kmem_cache_free: %p is not an object of cache %s", obj, s->name);
	spin_lock_irqsave(&s->lock, flags);
	if (unlikely(s->flags & (SLAB_RED_ZONE | SLAB_POISON)))
		slab_debug_free(s, page, obj);
	set_freepointer(s, obj, page->freelist);
	page->freelist = obj;
	if (page->inuse-- == page->objects)
		list_move(&page->lru, &s->slabs_partial);
	if (unlikely(page->inuse == 0)) {
		list_move(&page->lru, &s->slabs_free);
		if (++s->nr_free_slabs > SLAB_FREE_LIMIT) {
			s->nr_free_slabs--;
			discard_slab(s, page);
		}
	}
	s->active_objs--;
	s->total_frees++;
	spin_unlock_irqrestore(&s->lock, flags);
}

/* --- shrinking and destroying ---------------------------------------------------- */

void kmem_cache_shrink(struct kmem_cache *s)
{
	unsigned long flags;

	spin_lock_irqsave(&s->lock, flags);
	while (!list_empty(&s->slabs_free)) {
		discard_slab(s, list_first_entry(&s->slabs_free, struct page, lru));
		s->nr_free_slabs--;
	}
	spin_unlock_irqrestore(&s->lock, flags);
}

void kmem_cache_shrink_all(void)
{
	struct kmem_cache *s;
	unsigned long flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(s, &slab_caches, list)
		kmem_cache_shrink(s);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

void kmem_cache_destroy(struct kmem_cache *s)
{
	unsigned long flags;

	if (!s)
		return;
	if (s->active_objs) {
		pr_err("kmem_cache_destroy %s: %lu objects still in use, cache kept\n",
		       s->name, s->active_objs);
		return;
	}
	kmem_cache_shrink(s);
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_del(&s->list);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	kmem_cache_free(&kmem_cache_boot, s);
}

/* --- statistics -------------------------------------------------------------------- */

unsigned long slab_pages(void)
{
	struct kmem_cache *s;
	unsigned long n = 0, flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(s, &slab_caches, list)
		n += s->num_slabs << s->order;
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return n;
}

unsigned long slab_objects_in_use(void)
{
	struct kmem_cache *s;
	unsigned long n = 0, flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(s, &slab_caches, list)
		n += s->active_objs;
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return n;
}

/* /proc/slabinfo's lines, in Linux's format (version 2.1, as SLUB prints
 * it: no tunables, no shared objects; active_slabs counts the slabs with
 * an object in use). */
static const char slabinfo_head[] = "slabinfo - version: 2.1\n"
	"# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
	" : tunables <limit> <batchcount> <sharedfactor>"
	" : slabdata <active_slabs> <num_slabs> <sharedavail>\n";

static void slabinfo_line(const struct kmem_cache *s, char *buf, size_t size)
{
	snprintf(buf, size, "%-17s %6lu %6lu %6zu %4u %4u : tunables %4u %4u %4u"
		 " : slabdata %6lu %6lu %6u\n", s->name, s->active_objs, s->num_objs, s->size,
		 s->objects, 1U << s->order, 0, 0, 0, s->num_slabs - s->nr_free_slabs,
		 s->num_slabs, 0);
}

void slabinfo_show(struct seq_file *m)
{
	struct kmem_cache *s;
	char line[160];

	unsigned long flags;

	seq_puts(m, slabinfo_head);
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(s, &slab_caches, list) {
		slabinfo_line(s, line, sizeof(line));
		seq_puts(m, line);             /* into the seq buffer: allocates nothing */
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

void show_slabinfo(void)
{
	struct kmem_cache *s;
	char line[160];

	unsigned long flags;

	pr_info("%s", slabinfo_head);
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(s, &slab_caches, list) {
		slabinfo_line(s, line, sizeof(line));
		pr_info("%s", line);
	}
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

void kmem_cache_init(void)
{
	init_cache(&kmem_cache_boot, "kmem_cache", sizeof(struct kmem_cache), 0,
		   SLAB_HWCACHE_ALIGN, NULL);
	kmalloc_init();
}
