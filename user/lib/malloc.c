/* user/lib/malloc.c: malloc and free. Small blocks come from the heap that
 * brk grows; each has a power-of-two size from 16 bytes to 64 KiB and goes
 * back on the free list of its size when freed (no splitting, no merging:
 * simple, constant time, at most 2x waste). Larger blocks get their own
 * anonymous mmap, returned to the kernel by free, so a big temporary buffer
 * never pins heap memory.
 *
 * Every block starts with a 16-byte header (keeping the 16-byte alignment
 * the i386 ABI gives malloc) holding its size and a magic word that tells a
 * live block from a free one: a double free or a pointer malloc never gave
 * out stops the program with a message instead of corrupting the lists. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#define MIN_SHIFT  4                    /* 16 bytes */
#define MAX_SHIFT  16                   /* 64 KiB: larger blocks are mmapped */
#define NBINS      (MAX_SHIFT - MIN_SHIFT + 1)
#define HEAP_STEP  (64 * 1024)          /* brk grows by at least this much */
#define PAGE_SIZE  4096
#define MAGIC_LIVE 0x6d616c6cu          /* "mall" */
#define MAGIC_FREE 0x66726565u          /* "free" */
#define MAGIC_MMAP 0x6d6d6170u          /* "mmap": size is the mapping's length */

struct chunk {
	size_t size;            /* usable bytes (heap), or mapping length (mmap) */
	unsigned int magic;
	struct chunk *next;     /* free list link while free */
	unsigned int pad;
};

static struct chunk *bins[NBINS];
static char *heap_top, *heap_end;       /* carved so far / brk */

static int bin_of(size_t size)
{
	int b = 0;

	while (((size_t)1 << (b + MIN_SHIFT)) < size)
		b++;
	return b;
}

/* n bytes from the top of the heap, growing brk when needed; NULL if the
 * kernel refuses. */
static void *heap_carve(size_t n)
{
	if ((size_t)(heap_end - heap_top) < n) {
		size_t grow = n > HEAP_STEP ? n : HEAP_STEP;
		char *old = sbrk(0);
		if (old == (char *)-1)
			return NULL;
		if (old != heap_end)            /* someone else moved brk: start afresh */
			heap_top = heap_end = old;
		if (sbrk((long)grow) == (void *)-1)
			return NULL;
		heap_end += grow;
	}
	heap_top += n;
	return heap_top - n;
}

static void *malloc_mmap(size_t size)
{
	size_t len = (size + sizeof(struct chunk) + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1);
	struct chunk *c;

	if (len < size)
		return NULL;
	c = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (c == MAP_FAILED)
		return NULL;
	c->size = len;
	c->magic = MAGIC_MMAP;
	return c + 1;
}

void *malloc(size_t size)
{
	struct chunk *c;
	int b;

	if (size == 0)
		size = 1;
	if (size > ((size_t)1 << MAX_SHIFT)) {
		void *p = malloc_mmap(size);
		if (!p)
			errno = ENOMEM;
		return p;
	}
	b = bin_of(size);
	c = bins[b];
	if (c) {
		bins[b] = c->next;
	} else {
		c = heap_carve(sizeof(*c) + ((size_t)1 << (b + MIN_SHIFT)));
		if (!c) {
			errno = ENOMEM;
			return NULL;
		}
		c->size = (size_t)1 << (b + MIN_SHIFT);
	}
	c->magic = MAGIC_LIVE;
	return c + 1;
}

static struct chunk *chunk_of(void *p, const char *who)
{
	struct chunk *c = (struct chunk *)p - 1;

	if (c->magic == MAGIC_LIVE || c->magic == MAGIC_MMAP)
		return c;
	dprintf(2, "%s(%p): %s\n", who, p,
		c->magic == MAGIC_FREE ? "double free" : "not a pointer from malloc");
	abort();
}

void free(void *p)
{
	struct chunk *c;

	if (!p)
		return;
	c = chunk_of(p, "free");
	if (c->magic == MAGIC_MMAP) {
		munmap(c, c->size);
		return;
	}
	c->magic = MAGIC_FREE;
	c->next = bins[bin_of(c->size)];
	bins[bin_of(c->size)] = c;
}

size_t malloc_usable_size(void *p)
{
	struct chunk *c;

	if (!p)
		return 0;
	c = chunk_of(p, "malloc_usable_size");
	return c->magic == MAGIC_MMAP ? c->size - sizeof(*c) : c->size;
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t size)
{
	size_t have = malloc_usable_size(p);
	void *q;

	if (p && size <= have && size > 0)
		return p;
	q = malloc(size);
	if (!q)
		return NULL;            /* the old block stays valid, as C requires */
	if (p) {
		memcpy(q, p, have < size ? have : size);
		free(p);
	}
	return q;
}
