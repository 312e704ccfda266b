/* include/uapi/linux/mman.h: mmap2/mprotect protections and flags, mremap,
 * msync and madvise flags (Linux i386 values), shared by the kernel's
 * memory calls and the user libc. */
#ifndef TASKLAB_UAPI_MMAN_H
#define TASKLAB_UAPI_MMAN_H

#define PROT_NONE  0x0
#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4

#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_SHARED_VALIDATE 0x03  /* MAP_SHARED, unknown flags refused */
#define MAP_TYPE      0x0f        /* the bits that hold one of the three above */
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_NORESERVE 0x4000
#define MAP_STACK     0x20000
#define MAP_FAILED    ((void *)-1)

/* mremap flags */
#define MREMAP_MAYMOVE   1
#define MREMAP_FIXED     2
#define MREMAP_DONTUNMAP 4

/* msync flags */
#define MS_ASYNC      1
#define MS_INVALIDATE 2
#define MS_SYNC       4

/* madvise advice */
#define MADV_NORMAL     0
#define MADV_RANDOM     1
#define MADV_SEQUENTIAL 2
#define MADV_WILLNEED   3
#define MADV_DONTNEED   4
#define MADV_FREE       8

#endif
