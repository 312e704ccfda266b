/* include/uio.h: an iov_iter says where the bytes of a read or write go:
 * a kernel buffer, or a user buffer that must be reached with
 * copy_to_user/copy_from_user. File operations copy through it and so serve
 * both exec (kernel buffers) and system calls (user buffers) with one code
 * path, as Linux's read_iter/write_iter do. One segment only. */
#ifndef TASKLAB_UIO_H
#define TASKLAB_UIO_H

#include <types.h>

struct iov_iter {
	bool user;              /* base is a user address */
	char *base;             /* next byte to copy to or from */
	size_t count;           /* bytes left */
	bool fault;             /* a user copy faulted */
};

static inline void iov_iter_kernel(struct iov_iter *i, void *buf, size_t n)
{
	*i = (struct iov_iter){ false, buf, n, false };
}

static inline void iov_iter_user(struct iov_iter *i, void *ubuf, size_t n)
{
	*i = (struct iov_iter){ true, ubuf, n, false };
}

/* Copy up to n bytes into / out of the iterator and advance it. Returns the
 * bytes copied: fewer than asked when the iterator ends or a user page
 * faults (then i->fault is set). */
size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i);
size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i);

#endif
