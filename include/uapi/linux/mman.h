/* include/uapi/linux/mman.h: mmap2/mprotect protections and flags (Linux i386
 * values), shared by the kernel's mmap and the user libc. */
#ifndef TASKLAB_UAPI_MMAN_H
#define TASKLAB_UAPI_MMAN_H

#define PROT_NONE  0x0
#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4

#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_GROWSDOWN 0x0100
#define MAP_STACK     0x20000
#define MAP_FAILED    ((void *)-1)

#endif
