/* mm/kmalloc.c: kmalloc and kfree over the power-of-two caches kmalloc-8 ..
 * kmalloc-128k. A request rounds up to the next power of two; one bigger
 * than KMALLOC_MAX_CACHE_SIZE gets its own buddy block, marked
 * PG_large_kmalloc with the order in page->private, so kfree can tell. So
 * does a request with __GFP_DMA: the caches' slabs are not DMA memory, so it
 * gets whole pages from ZONE_DMA (Linux keeps dma-kmalloc caches instead). */
#include <kernel.h>
#include <mm.h>
#include <slab.h>
#include "internal.h"

static struct kmem_cache *kmalloc_caches[KMALLOC_SHIFT_HIGH + 1];

/* log2 of the smallest kmalloc size class holding `size` bytes (size > 0). */
static inline unsigned int kmalloc_index(size_t size)
{
	return size <= KMALLOC_MIN_SIZE ? KMALLOC_SHIFT_LOW : 32 - __builtin_clz(size - 1);
}

struct kmem_cache *kmalloc_slab(size_t size)
{
	if (!size || size > KMALLOC_MAX_CACHE_SIZE)
		return NULL;
	return kmalloc_caches[kmalloc_index(size)];
}

static void *kmalloc_large(size_t size, gfp_t gfp)
{
	unsigned int order = get_order(size);
	struct page *page = alloc_pages(gfp & ~__GFP_HIGHMEM, order);

	if (!page)
		return NULL;
	set_page_flag(page, PG_large_kmalloc);
	page->private = order;
	return page_address(page);
}

fastcall void *kmalloc(size_t size, gfp_t gfp)
{
	if (unlikely(!size))
		return ZERO_SIZE_PTR;
	if (likely(size <= KMALLOC_MAX_CACHE_SIZE && !(gfp & __GFP_DMA)))
		return kmem_cache_alloc(kmalloc_caches[kmalloc_index(size)], gfp);
	return kmalloc_large(size, gfp);
}

fastcall void kfree(const void *obj)
{
	struct page *page;

	if (unlikely(ZERO_OR_NULL_PTR(obj)))
		return;
	if (unlikely((unsigned long)obj < PAGE_OFFSET || obj >= high_memory))
		panic("kfree: %p is not a kmalloc address (vmalloc'ed? use vfree)", obj);
	page = virt_to_page(obj);
	if (likely(PageSlab(page))) {
		kmem_cache_free(page->slab_cache, (void *)obj);
	} else if (page_flag(page, PG_large_kmalloc)) {
		clear_page_flag(page, PG_large_kmalloc);
		__free_pages(page, page->private);
	} else {
		panic("kfree: %p was not allocated by kmalloc (or is already free)", obj);
	}
}

void kmalloc_init(void)
{
	char name[24];

	for (unsigned int i = KMALLOC_SHIFT_LOW; i <= KMALLOC_SHIFT_HIGH; i++) {
		if (i < 10)
			snprintf(name, sizeof(name), "kmalloc-%u", 1U << i);
		else
			snprintf(name, sizeof(name), "kmalloc-%uk", 1U << (i - 10));
		kmalloc_caches[i] = kmem_cache_create(name, 1UL << i, 0, 0, NULL);
		if (!kmalloc_caches[i])
			panic("kmalloc_init: cannot create %s", name);
	}
}
