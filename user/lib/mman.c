/* user/lib/mman.c: the memory calls beyond mmap/munmap/mprotect (which are
 * in syscalls.c): mremap, msync, madvise, mincore, with glibc's
 * prototypes; each returns what Linux returns, or -1 (MAP_FAILED for
 * mremap) with errno set. */
#include <stdarg.h>
#include <sys/mman.h>
#include <sys/syscall.h>

/* new_address is read only with MREMAP_FIXED, as glibc does, whose
 * prototype makes it a variadic argument (DONTUNMAP alone passes NULL:
 * no hint). */
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = NULL;

	if (flags & MREMAP_FIXED) {
		va_list ap;
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)__syscall_ret(__syscall6(__NR_mremap, (long)old, (long)old_len,
						(long)new_len, flags, (long)new_addr, 0));
}

int msync(void *addr, size_t len, int flags)
{
	return __syscall_ret(__syscall3(__NR_msync, addr, len, flags));
}

int madvise(void *addr, size_t len, int advice)
{
	return __syscall_ret(__syscall3(__NR_madvise, addr, len, advice));
}

int mincore(void *addr, size_t len, unsigned char *vec)
{
	return __syscall_ret(__syscall3(__NR_mincore, addr, len, vec));
}
