/* tests/bench_mm.c: benchmarks of the memory layer's hot paths, in cycles
 * (instructions under -icount) per alloc/free pair: the page allocator at
 * orders 0 and 1, a slab cache, kmalloc(64), and for scale a debug-mode
 * cache, a one-page vmalloc and a kmap_atomic of a highmem page. */
#include <kernel.h>
#include <highmem.h>
#include <kbench.h>
#include <mm.h>
#include <slab.h>
#include <vmalloc.h>

#define ITERATIONS 10000

static void pages_order0(void *arg) { __free_pages(alloc_pages(GFP_KERNEL, 0), 0); }
static void pages_order1(void *arg) { __free_pages(alloc_pages(GFP_KERNEL, 1), 1); }

static void bench_alloc_pages(const struct kbench *b)
{
	kbench_report(b, "alloc_pages_order0_free", kbench_measure(pages_order0, NULL, ITERATIONS), "cycles");
	kbench_report(b, "alloc_pages_order1_free", kbench_measure(pages_order1, NULL, ITERATIONS), "cycles");
}
KBENCH(alloc_pages, bench_alloc_pages);

static void cache_pair(void *cache)
{
	kmem_cache_free(cache, kmem_cache_alloc(cache, GFP_KERNEL));
}

static void bench_kmem_cache(const struct kbench *b)
{
	struct kmem_cache *plain = kmem_cache_create("bench_obj", 128, 0, 0, NULL);
	struct kmem_cache *debug = kmem_cache_create("bench_obj_debug", 128, 0,
						     SLAB_RED_ZONE | SLAB_POISON, NULL);

	if (!plain || !debug) {
		pr_err("bench: cannot create the benchmark caches\n");
		return;
	}
	kbench_report(b, "kmem_cache_alloc_free", kbench_measure(cache_pair, plain, ITERATIONS), "cycles");
	kbench_report(b, "kmem_cache_alloc_free_debug128",
		      kbench_measure(cache_pair, debug, ITERATIONS), "cycles");
	kmem_cache_destroy(plain);
	kmem_cache_destroy(debug);
}
KBENCH(kmem_cache, bench_kmem_cache);

static void kmalloc_pair(void *arg) { kfree(kmalloc(64, GFP_KERNEL)); }

static void bench_kmalloc(const struct kbench *b)
{
	kbench_report(b, "kmalloc64_kfree", kbench_measure(kmalloc_pair, NULL, ITERATIONS), "cycles");
}
KBENCH(kmalloc, bench_kmalloc);

static void vmalloc_pair(void *arg) { vfree(vmalloc(PAGE_SIZE)); }

static void kmap_atomic_pair(void *page) { kunmap_atomic(kmap_atomic(page)); }

static void bench_vmalloc_kmap(const struct kbench *b)
{
	struct page *high = alloc_page(GFP_HIGHUSER);

	kbench_report(b, "vmalloc_4k_vfree", kbench_measure(vmalloc_pair, NULL, ITERATIONS / 10), "cycles");
	if (!high)
		return;
	kbench_report(b, "kmap_atomic_kunmap_highmem", kbench_measure(kmap_atomic_pair, high, ITERATIONS),
		      "cycles");
	__free_page(high);
}
KBENCH(vmalloc_kmap, bench_vmalloc_kmap);
