/* include/uio.h: an iov_iter says where the bytes of a read or write go:
 * kernel buffers, or user buffers that must be reached with
 * copy_to_user/copy_from_user. File operations copy through it and so serve
 * exec (kernel buffers), read/write (one user buffer) and readv/writev (a
 * vector of them) with one code path, as Linux's read_iter/write_iter do.
 * The segment being copied is (base, seg_left); the ones after it wait in
 * iov[0..nr_segs). */
#ifndef TASKLAB_UIO_H
#define TASKLAB_UIO_H

#include <types.h>

/* One segment: the i386 struct iovec, as readv's callers lay it out. */
struct iovec {
	void *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV 1024         /* segments in one readv/writev (IOV_MAX) */

struct iov_iter {
	bool user;              /* the buffers are user addresses */
	bool fault;             /* a user copy faulted */
	char *base;             /* next byte of the current segment */
	size_t seg_left;        /* bytes left in the current segment */
	const struct iovec *iov;        /* the segments after it */
	unsigned long nr_segs;
	size_t count;           /* bytes left in all */
};

static inline void iov_iter_kernel(struct iov_iter *i, void *buf, size_t n)
{
	*i = (struct iov_iter){ false, false, buf, n, NULL, 0, n };
}

static inline void iov_iter_user(struct iov_iter *i, void *ubuf, size_t n)
{
	*i = (struct iov_iter){ true, false, ubuf, n, NULL, 0, n };
}

/* Over the nr user segments of iov (checked by import_iovec; kept by the
 * caller while the iterator is used), count bytes in all. */
static inline void iov_iter_init(struct iov_iter *i, const struct iovec *iov,
				 unsigned long nr, size_t count)
{
	*i = (struct iov_iter){ true, false, NULL, 0, iov, nr, count };
}

/* Copy up to n bytes into / out of the iterator and advance it. Returns the
 * bytes copied: fewer than asked when the iterator ends or a user page
 * faults (then i->fault is set). */
fastcall size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i);
fastcall size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i);
/* The next count bytes of the iterator in a kmalloc'd buffer with a NUL
 * after them (Linux's memdup_user_nul: a write's text for a parser); kfree
 * it. ERR_PTR(-ENOMEM) or ERR_PTR(-EFAULT). */
char *memdup_iter_nul(struct iov_iter *from, size_t count);
/* Copy n zero bytes into the iterator (a hole, /dev/zero); as copy_to_iter. */
size_t iov_iter_zero(size_t n, struct iov_iter *i);

#endif
