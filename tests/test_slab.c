/* tests/test_slab.c: slab caches and kmalloc: reuse, statistics, slab lists,
 * constructors, alignment, every kmalloc size class and odd sizes, large
 * kmalloc, exhaustion, the slabinfo dump, and debug mode (poisoning, red
 * zones; the double free, overrun and use-after-free cases each panic in
 * their own boot). */
#include <kernel.h>
#include <ktest.h>
#include <mm.h>
#include <slab.h>

static void slab_objects_are_reused(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test_reuse", 40, 0, 0, NULL);
	void *a, *b;

	KTEST_ASSERT_NOT_NULL(t, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, a);
	kmem_cache_free(s, a);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_EXPECT_PTR_EQ(t, b, a);          /* the hot object comes back */
	KTEST_EXPECT_EQ(t, s->num_slabs, 1);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
}

static void slab_stats_move_by_one(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test_stats", 100, 0, 0, NULL);
	void *objs[200];
	unsigned int n;

	KTEST_ASSERT_NOT_NULL(t, s);
	n = s->objects + 1;                     /* one more than a slab holds */
	KTEST_ASSERT_LE(t, n, 200);
	for (unsigned int i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KTEST_EXPECT_NOT_NULL(t, objs[i]);
		if (!objs[i]) {
			n = i;                  /* free what is held, below */
			break;
		}
		KTEST_EXPECT_EQ(t, s->active_objs, i + 1);
		KTEST_EXPECT_EQ(t, s->total_allocs, i + 1);
	}
	KTEST_EXPECT_EQ(t, s->num_slabs, 2);
	KTEST_EXPECT_EQ(t, s->num_objs, 2 * s->objects);
	KTEST_EXPECT_FALSE(t, list_empty(&s->slabs_full));
	KTEST_EXPECT_FALSE(t, list_empty(&s->slabs_partial));
	for (unsigned int i = 0; i < n; i++) {
		kmem_cache_free(s, objs[i]);
		KTEST_EXPECT_EQ(t, s->active_objs, n - i - 1);
		KTEST_EXPECT_EQ(t, s->total_frees, i + 1);
	}
	KTEST_EXPECT_TRUE(t, list_empty(&s->slabs_full) && list_empty(&s->slabs_partial));
	KTEST_EXPECT_EQ(t, s->num_slabs, 1);    /* one empty slab is kept ... */
	kmem_cache_shrink(s);
	KTEST_EXPECT_EQ(t, s->num_slabs, 0);    /* ... until the cache is shrunk */
	kmem_cache_destroy(s);
}

static int ctor_calls;
static void test_ctor(void *obj)
{
	ctor_calls++;
	*(u32 *)obj = 0xC0FFEE;
}

static void slab_constructor_runs_once_per_object(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test_ctor", 24, 0, 0, test_ctor);
	void *objs[128];
	unsigned int n;

	KTEST_ASSERT_NOT_NULL(t, s);
	n = min(2 * s->objects + 1, 128U);
	ctor_calls = 0;
	for (int round = 0; round < 2; round++) {
		unsigned int got = 0;
		for (; got < n; got++) {
			objs[got] = kmem_cache_alloc(s, GFP_KERNEL);
			KTEST_EXPECT_NOT_NULL(t, objs[got]);
			if (!objs[got])
				break;                  /* free what is held, below */
			KTEST_EXPECT_EQ(t, *(u32 *)objs[got], 0xC0FFEE);
		}
		KTEST_EXPECT_EQ(t, ctor_calls, s->num_objs);   /* once per object ever made */
		for (unsigned int i = 0; i < got; i++)
			kmem_cache_free(s, objs[i]);
	}
	kmem_cache_destroy(s);
}

static void slab_alignment_honoured(struct ktest *t)
{
	struct kmem_cache *a = kmem_cache_create("test_align256", 72, 256, 0, NULL);
	struct kmem_cache *h = kmem_cache_create("test_hwcache", 20, 0, SLAB_HWCACHE_ALIGN, NULL);
	void *pa[8] = { 0 }, *ph[8] = { 0 };

	KTEST_ASSERT_TRUE(t, a && h);
	for (int i = 0; i < 8; i++) {
		pa[i] = kmem_cache_alloc(a, GFP_KERNEL);
		ph[i] = kmem_cache_alloc(h, GFP_KERNEL);
		KTEST_EXPECT_TRUE(t, pa[i] && ph[i]);
		KTEST_EXPECT_EQ(t, (unsigned long)pa[i] & 255, 0);
		KTEST_EXPECT_EQ(t, (unsigned long)ph[i] & 63, 0);
	}
	for (int i = 0; i < 8; i++) {
		if (pa[i])
			kmem_cache_free(a, pa[i]);
		if (ph[i])
			kmem_cache_free(h, ph[i]);
	}
	kmem_cache_destroy(a);
	kmem_cache_destroy(h);
}

static void slab_create_rejects_bad_sizes(struct ktest *t)
{
	KTEST_EXPECT_NULL(t, kmem_cache_create("test_zero", 0, 0, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("test_huge", KMALLOC_MAX_CACHE_SIZE + 1, 0, 0, NULL));
	KTEST_EXPECT_NULL(t, kmem_cache_create("test_align", 16, 24, 0, NULL));
}

static void slab_destroy_keeps_busy_cache(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test_busy", 64, 0, 0, NULL);
	void *obj;

	KTEST_ASSERT_NOT_NULL(t, s);
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, obj);
	kmem_cache_destroy(s);                 /* refused: an object is in use */
	KTEST_EXPECT_EQ(t, s->active_objs, 1);
	KTEST_EXPECT_STREQ(t, s->name, "test_busy");
	kmem_cache_free(s, obj);
	kmem_cache_destroy(s);
}

/* Fill all of `size` bytes, then check the object sits in the right cache. */
static void check_kmalloc(struct ktest *t, size_t size, size_t class)
{
	char name[24];
	u8 *p = kmalloc(size, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0x5A, size);
	if (class < 1024)
		snprintf(name, sizeof(name), "kmalloc-%zu", class);
	else
		snprintf(name, sizeof(name), "kmalloc-%zuk", class >> 10);
	KTEST_EXPECT_TRUE(t, PageSlab(virt_to_page(p)));
	KTEST_EXPECT_STREQ(t, virt_to_page(p)->slab_cache->name, name);
	KTEST_EXPECT_EQ(t, kmalloc_slab(size)->object_size, class);
	KTEST_EXPECT_GE(t, (unsigned long)p, PAGE_OFFSET);
	KTEST_EXPECT_EQ(t, (unsigned long)p & 7, 0);
	kfree(p);
}

static void kmalloc_every_size_class(struct ktest *t)
{
	for (unsigned int shift = KMALLOC_SHIFT_LOW; shift <= KMALLOC_SHIFT_HIGH; shift++)
		check_kmalloc(t, 1UL << shift, 1UL << shift);
}

static void kmalloc_odd_sizes(struct ktest *t)
{
	static const size_t sizes[][2] = {
		{ 1, 8 }, { 7, 8 }, { 9, 16 }, { 13, 16 }, { 33, 64 }, { 100, 128 },
		{ 1000, 1024 }, { 1025, 2048 }, { 4097, 8192 }, { 65537, 131072 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(sizes); i++)
		check_kmalloc(t, sizes[i][0], sizes[i][1]);
	KTEST_EXPECT_PTR_EQ(t, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
}

static void kmalloc_large_uses_buddy(struct ktest *t)
{
	unsigned long free = nr_free_pages();
	void *p = kmalloc(200000, GFP_KERNEL);    /* > 128 KiB: an order-6 block */

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_FALSE(t, PageSlab(virt_to_page(p)));
	KTEST_EXPECT_EQ(t, nr_free_pages(), free - 64);
	KTEST_EXPECT_EQ(t, (unsigned long)p & (64 * PAGE_SIZE - 1), 0);
	memset(p, 1, 200000);
	kfree(p);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);
}

/* Debug mode must not double a big cache's slab: objects of a page or more
 * carry no red zone or poison, so a slot is the object and a kmalloc-64k slab
 * is 64 KiB (include/slab.h). */
static void kmalloc_large_caches_keep_their_slab_order(struct ktest *t)
{
	for (size_t size = PAGE_SIZE; size <= KMALLOC_MAX_CACHE_SIZE; size <<= 1) {
		struct kmem_cache *s = kmalloc_slab(size);
		KTEST_EXPECT_EQ(t, s->size, size);
		KTEST_EXPECT_EQ(t, PAGE_SIZE << s->order, (unsigned long)size * s->objects);
	}
}

static void kmalloc_dma_is_below_16mib(struct ktest *t)
{
	char *p = kmalloc(100, GFP_KERNEL | GFP_DMA);

	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_LT(t, __pa(p), 16UL << 20);
	KTEST_EXPECT_EQ(t, page_zonenum(virt_to_page(p)), ZONE_DMA);
	memset(p, 0, 100);
	kfree(p);
}

static void kzalloc_zeroes(struct ktest *t)
{
	u8 *p = kmalloc(64, GFP_KERNEL), *q;
	int nonzero = 0;

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 0xFF, 64);
	kfree(p);
	q = kzalloc(64, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, q);
	KTEST_EXPECT_PTR_EQ(t, q, p);
	for (int i = 0; i < 64; i++)
		nonzero += q[i] != 0;
	KTEST_EXPECT_EQ(t, nonzero, 0);
	kfree(q);
}

/* Take every lowmem frame, biggest blocks first; the blocks are linked
 * through page->lru with their order in page->private (ours while allocated). */
static void grab_all_lowmem(struct list_head *held)
{
	for (int order = MAX_ORDER - 1; order >= 0; order--) {
		struct page *p;
		while ((p = alloc_pages(GFP_KERNEL | __GFP_NOWARN, order))) {
			p->private = order;
			list_add(&p->lru, held);
		}
	}
}

static void slab_exhaustion_returns_null(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test_oom", 256, 0, 0, NULL);
	struct page *p, *n;
	LIST_HEAD(held);

	KTEST_ASSERT_NOT_NULL(t, s);
	kmem_cache_shrink_all();                   /* no empty slab to fall back on */
	grab_all_lowmem(&held);
	KTEST_EXPECT_EQ(t, zones[ZONE_NORMAL].free_pages + zones[ZONE_DMA].free_pages, 0);
	KTEST_EXPECT_NULL(t, kmem_cache_alloc(s, GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_NULL(t, kmalloc(KMALLOC_MAX_CACHE_SIZE, GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_NULL(t, kmalloc(200000, GFP_KERNEL | __GFP_NOWARN));
	KTEST_EXPECT_EQ(t, s->num_slabs, 0);
	list_for_each_entry_safe(p, n, &held, lru) {
		list_del_init(&p->lru);
		__free_pages(p, p->private);
	}
	void *obj = kmem_cache_alloc(s, GFP_KERNEL);   /* memory is back: it works again */
	KTEST_EXPECT_NOT_NULL(t, obj);
	kmem_cache_free(s, obj);
	kmem_cache_destroy(s);
}

static void slab_slabinfo_dump(struct ktest *t)
{
	char want[96];
	struct kmem_cache *s = kmalloc_slab(64);
	void *p = kmalloc(64, GFP_KERNEL);
	u32 since = log_head;

	KTEST_ASSERT_NOT_NULL(t, p);
	show_slabinfo();
	snprintf(want, sizeof(want), "kmalloc-64        %6lu %6lu %6zu", s->active_objs,
		 s->num_objs, s->size);
	KTEST_EXPECT_TRUE(t, log_contains(since, want));
	KTEST_EXPECT_TRUE(t, log_contains(since, "kmalloc-128k"));
	KTEST_EXPECT_TRUE(t, log_contains(since, " : tunables    0    0    0 : slabdata "));
	kfree(p);
}

static void slab_debug_poisons_and_red_zones(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test_poison", 30, 0, 0, NULL);
	u8 *p, *q;
	int bad = 0;

	if (!slab_debug) {
		kmem_cache_destroy(s);
		KTEST_SKIP(t, "slab_debug is off");
	}
	KTEST_ASSERT_NOT_NULL(t, s);
	KTEST_EXPECT_TRUE(t, (s->flags & (SLAB_POISON | SLAB_RED_ZONE)) == (SLAB_POISON | SLAB_RED_ZONE));
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	KTEST_EXPECT_EQ(t, *(u32 *)(p + 30), 0xccccccccU);     /* red zone: allocated */
	kmem_cache_free(s, p);
	for (int i = 0; i < 29; i++)
		bad += p[i] != 0x6b;
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, p[29], 0xa5);
	KTEST_EXPECT_EQ(t, *(u32 *)(p + 30), 0xbbbbbbbbU);     /* red zone: free */
	q = kmem_cache_alloc(s, GFP_KERNEL);                    /* passes the poison check */
	KTEST_EXPECT_PTR_EQ(t, q, p);
	kmem_cache_free(s, q);
	kmem_cache_destroy(s);
}

/* --- deliberate bugs: each panics in a boot of its own ------------------------- */

static void slab_double_free_panics(struct ktest *t)
{
	void *keep = kmalloc(64, GFP_KERNEL), *p = kmalloc(64, GFP_KERNEL);

	KTEST_ASSERT_TRUE(t, keep && p);           /* keep holds the slab in place */
	kfree(p);
	kfree(p);
	KTEST_FAIL(t, "the double free of %p was not caught", p);
}

static void slab_overrun_panics(struct ktest *t)
{
	char *p = kmalloc(64, GFP_KERNEL);

	KTEST_ASSERT_NOT_NULL(t, p);
	memset(p, 'x', 65);                        /* one byte too many */
	kfree(p);
	KTEST_FAIL(t, "the overrun of %p was not caught", p);
}

static void slab_use_after_free_write_panics(struct ktest *t)
{
	struct kmem_cache *s = kmem_cache_create("test_uaf", 48, 0, 0, NULL);
	char *p, *q;

	KTEST_ASSERT_NOT_NULL(t, s);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KTEST_ASSERT_NOT_NULL(t, p);
	kmem_cache_free(s, p);
	p[10] = 1;                                 /* write after free */
	q = kmem_cache_alloc(s, GFP_KERNEL);       /* the same object, checked */
	KTEST_FAIL(t, "the write to freed %p was not caught (got %p)", p, q);
}

static const struct ktest_case slab_cases[] = {
	KTEST_CASE(kmalloc_large_caches_keep_their_slab_order),
	KTEST_CASE(slab_objects_are_reused),
	KTEST_CASE(slab_stats_move_by_one),
	KTEST_CASE(slab_constructor_runs_once_per_object),
	KTEST_CASE(slab_alignment_honoured),
	KTEST_CASE(slab_create_rejects_bad_sizes),
	KTEST_CASE(slab_destroy_keeps_busy_cache),
	KTEST_CASE(kmalloc_every_size_class),
	KTEST_CASE(kmalloc_odd_sizes),
	KTEST_CASE(kmalloc_large_uses_buddy),
	KTEST_CASE(kmalloc_dma_is_below_16mib),
	KTEST_CASE(kzalloc_zeroes),
	KTEST_CASE(slab_exhaustion_returns_null),
	KTEST_CASE(slab_slabinfo_dump),
	KTEST_CASE(slab_debug_poisons_and_red_zones),
	KTEST_SHOULD_PANIC(slab_double_free_panics, "slab: double free of object"),
	KTEST_SHOULD_PANIC(slab_overrun_panics, "slab: red zone overwritten after object"),
	KTEST_SHOULD_PANIC(slab_use_after_free_write_panics, "slab: use after free"),
	{}
};
KTEST_SUITE(slab, slab_cases);
