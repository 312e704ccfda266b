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
 * GFP_KERNEL and GFP_ATOMIC read as they do there. */
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
#define __GFP_ZERO     0x8000u   /* return zeroed memory */

#define GFP_ZONEMASK   (__GFP_DMA | __GFP_HIGHMEM)

#define GFP_ATOMIC     (__GFP_HIGH)
#define GFP_KERNEL     (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_USER       (__GFP_WAIT | __GFP_IO | __GFP_FS)
#define GFP_HIGHUSER   (GFP_USER | __GFP_HIGHMEM)
#define GFP_DMA        (__GFP_DMA)

#endif
