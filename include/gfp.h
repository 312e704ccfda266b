/* include/gfp.h: "get free pages" flags. A gfp_t tells the page allocator
 * which zones a request may be served from (the zone modifiers __GFP_DMA and
 * __GFP_HIGHMEM) and how (__GFP_ZERO clears the memory). The zone modifiers
 * pick a zone list with Linux's fallback order:
 *
 *   no modifier     ZONE_NORMAL -> ZONE_DMA
 *   __GFP_DMA       ZONE_DMA
 *   __GFP_HIGHMEM   ZONE_HIGHMEM -> ZONE_NORMAL -> ZONE_DMA
 *
 * Tasklab never sleeps in the allocator, so __GFP_WAIT, __GFP_IO and __GFP_FS
 * only say what the caller could tolerate; they keep Linux's spelling so that
 * GFP_KERNEL and GFP_ATOMIC read as they do there.
 *
 * Memory a user process asked for calls the OOM killer (mm/oom_kill.c)
 * when it cannot be had: its pages (GFP_USER, GFP_HIGHUSER carry
 * __GFP_HARDWALL, as in Linux) and kernel memory charged to it
 * (__GFP_ACCOUNT: its page tables, GFP_PGTABLE_USER), unless the caller
 * says __GFP_NORETRY. Allocations for the kernel itself just fail. */
#ifndef TASKLAB_GFP_H
#define TASKLAB_GFP_H

typedef unsigned int gfp_t;

#define __GFP_DMA      0x01u     /* only memory below 16 MiB */
#define __GFP_HIGHMEM  0x02u     /* highmem is fine: the caller uses kmap */
#define __GFP_WAIT     0x10u     /* the caller may sleep */
#define __GFP_HIGH     0x20u     /* an atomic request */
#define __GFP_IO       0x40u
#define __GFP_FS       0x80u
#define __GFP_NOWARN   0x200u    /* no message when the request fails */
#define __GFP_NORETRY  0x1000u   /* fail rather than call the OOM killer */
#define __GFP_ZERO     0x8000u   /* return zeroed memory */
#define __GFP_HARDWALL 0x100000u /* a user process's own pages */
#define __GFP_ACCOUNT  0x400000u /* kernel memory charged to a user process */

#define GFP_ZONEMASK   (__GFP_DMA | __GFP_HIGHMEM)

#define GFP_ATOMIC     (__GFP_HIGH)
#define GFP_KERNEL     (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER       (__GFP_WAIT | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_HIGHUSER   (GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA        (__GFP_DMA)
#define GFP_PGTABLE_USER (GFP_KERNEL | __GFP_ZERO | __GFP_ACCOUNT)

/* May a failed allocation with these flags call the OOM killer? */
static inline int gfp_oom_allowed(gfp_t gfp)
{
	return (gfp & (__GFP_HARDWALL | __GFP_ACCOUNT)) && !(gfp & __GFP_NORETRY);
}

#endif
