/* include/highmem.h: temporary kernel mappings of highmem pages. A page in
 * ZONE_HIGHMEM has no permanent kernel address; to touch it the kernel maps
 * it for a while (seed claim c08):
 *   kmap(page)/kunmap(page)   a slot in the pkmap window (LAST_PKMAP slots),
 *                             reference counted, so kmap of a mapped page
 *                             returns the same address; NULL if all slots
 *                             are taken. Process context, interrupts on:
 *                             reusing freed slots flushes every CPU.
 *   kmap_atomic(page)/kunmap_atomic(addr)  one of KM_TYPE_NR slots used as a
 *                             stack: unmap in reverse order; for short uses
 *                             that must not fail (interrupt handlers too).
 * For lowmem pages both return page_address() and map nothing. */
#ifndef TASKLAB_HIGHMEM_H
#define TASKLAB_HIGHMEM_H

#include <mm.h>
#include <string.h>

void *kmap(struct page *page);
void kunmap(struct page *page);
void *kmap_atomic(struct page *page);
void kunmap_atomic(void *addr);

/* Copy page src's contents to page dst (a copy-on-write break). */
static inline void copy_highpage(struct page *dst, struct page *src)
{
	void *s = kmap(src), *d = kmap(dst);

	memcpy(d, s, PAGE_SIZE);
	kunmap(dst);
	kunmap(src);
}

/* Slots of the pkmap window in use now (for tests and leak checks). */
unsigned int nr_kmapped_pages(void);

#endif
