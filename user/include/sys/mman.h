/* user/include/sys/mman.h: memory mappings (mmap goes through mmap2, whose
 * offset is in pages). */
#ifndef _TL_SYS_MMAN_H
#define _TL_SYS_MMAN_H

#include <sys/types.h>
#include <linux/mman.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);

#endif
