/* tests/mm_counters.c: the memory layer's leak counters, which the ktest
 * framework reads before and after every suite, and deliberately leaky
 * cases that prove the check fails a suite. */
#include <kernel.h>
#include <ktest.h>
#include <highmem.h>
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

/* pkmap slots in use: a kmap without its kunmap is a leak too. */
static unsigned long ktest_kmap_slots(void)
{
	return nr_kmapped_pages();
}
KTEST_COUNTER("kmap_slots", ktest_kmap_slots);

/* Deliberate leaks, run only by name (KTEST_MANUAL): the host runner's
 * harness checks boot each one and insist that the suite's no_leaks case
 * fails, naming the counter. */
static void leaks_a_page(struct ktest *t)
{
	KTEST_EXPECT_NOT_NULL(t, alloc_page(GFP_KERNEL));
}

static void leaks_a_slab_object(struct ktest *t)
{
	KTEST_EXPECT_NOT_NULL(t, kmalloc(32, GFP_KERNEL));
}

/* Leaves a pkmap slot (and its highmem page) behind: fails on kmap_slots too. */
static void leaks_a_kmap(struct ktest *t)
{
	struct page *p = alloc_page(GFP_HIGHUSER);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_NOT_NULL(t, kmap(p));
}

static const struct ktest_case mm_leak_selftest_cases[] = {
	KTEST_MANUAL(leaks_a_page),
	KTEST_MANUAL(leaks_a_slab_object),
	KTEST_MANUAL(leaks_a_kmap),
	{}
};
KTEST_SUITE(mm_leak_selftest, mm_leak_selftest_cases);
