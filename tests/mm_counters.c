/* tests/mm_counters.c: the memory layer's leak counters, which the ktest
 * framework reads before and after every suite. */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>

/* Free frames; blocks cached on the pcp lists count as free. The caches'
 * empty slabs are given back first, so that a suite that made a cache grow
 * and freed all it allocated is not taken for a leak. */
static unsigned long ktest_free_pages(void)
{
	kmem_cache_shrink_all();
	return nr_free_pages();
}
KTEST_COUNTER("free_pages", ktest_free_pages);

static unsigned long ktest_slab_objects(void)
{
	return slab_objects_in_use();
}
KTEST_COUNTER("slab_objects", ktest_slab_objects);
