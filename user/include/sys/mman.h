/* user/include/sys/mman.h: memory mappings (mmap goes through mmap2, whose
 * offset is in pages) and the calls on them. */
#ifndef _TL_SYS_MMAN_H
#define _TL_SYS_MMAN_H

#include <sys/types.h>
#include <linux/mman.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
/* user/lib/mman.c */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
int msync(void *addr, size_t len, int flags);
int madvise(void *addr, size_t len, int advice);
int mincore(void *addr, size_t len, unsigned char *vec);

#endif
