/* mm/slab_debug.c: red zones and poisoning for slab caches in debug mode
 * (include/slab.h). Each check that fails panics with the cache's name and
 * the object's address: these are bugs in the caller, and going on would
 * spread the corruption. */
#include <kernel.h>
#include <mm.h>
#include <slab.h>
#include "internal.h"

#define RED_ACTIVE    0xccccccccU   /* the object is allocated */
#define RED_INACTIVE  0xbbbbbbbbU   /* the object is free */
#define POISON_FREE   0x6b          /* a free object's bytes ... */
#define POISON_END    0xa5          /* ... and its last byte */

static inline u32 *red_zone(const struct kmem_cache *s, void *obj)
{
	return (u32 *)((char *)obj + s->object_size);   /* may be unaligned: fine on x86 */
}

static void poison(const struct kmem_cache *s, void *obj)
{
	memset(obj, POISON_FREE, s->object_size - 1);
	((u8 *)obj)[s->object_size - 1] = POISON_END;
}

/* Offset of the first byte of a free object that is not poison, or
 * object_size if all are. Words first (objects are 8-byte aligned). */
static size_t first_unpoisoned(const struct kmem_cache *s, const void *obj)
{
	const u32 *w = obj;
	const u8 *b = obj;
	size_t i = 0, last = s->object_size - 1;

	while (i + 4 <= last && w[i / 4] == POISON_FREE * 0x01010101U)
		i += 4;
	for (; i < last; i++)
		if (b[i] != POISON_FREE)
			return i;
	return b[last] == POISON_END ? s->object_size : last;
}

void slab_debug_init_object(struct kmem_cache *s, void *obj)
{
	if (s->flags & SLAB_POISON)
		poison(s, obj);
	if (s->flags & SLAB_RED_ZONE)
		*red_zone(s, obj) = RED_INACTIVE;
}

/* An object about to be handed out: untouched since it was freed? */
void slab_debug_alloc(struct kmem_cache *s, struct page *page, void *obj)
{
	if ((s->flags & SLAB_RED_ZONE) && *red_zone(s, obj) != RED_INACTIVE)
		panic("slab: red zone of free object %p in cache %s overwritten (%08x)",
		      obj, s->name, *red_zone(s, obj));
	if (s->flags & SLAB_POISON) {
		size_t bad = first_unpoisoned(s, obj);
		if (bad < s->object_size)
			panic("slab: use after free: object %p in cache %s was written "
			      "after it was freed (offset %zu: %#x)", obj, s->name, bad,
			      ((u8 *)obj)[bad]);
	}
	if (s->flags & SLAB_RED_ZONE)
		*red_zone(s, obj) = RED_ACTIVE;
}

/* An object being freed: really one of this slab's, allocated, not overrun? */
void slab_debug_free(struct kmem_cache *s, struct page *page, void *obj)
{
	unsigned long off = (char *)obj - (char *)page_address(page);

	if (off % s->size || off / s->size >= s->objects)
		panic("slab: free of %p, not an object start in cache %s", obj, s->name);
	if (s->flags & SLAB_RED_ZONE) {
		u32 rz = *red_zone(s, obj);
		if (rz == RED_INACTIVE)
			panic("slab: double free of object %p in cache %s", obj, s->name);
		if (rz != RED_ACTIVE)
			panic("slab: red zone overwritten after object %p in cache %s "
			      "(an overrun: %08x)", obj, s->name, rz);
		*red_zone(s, obj) = RED_INACTIVE;
	}
	if (s->flags & SLAB_POISON)
		poison(s, obj);
}
