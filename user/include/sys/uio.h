/* user/include/sys/uio.h: vectored I/O (user/lib/files.c). */
#ifndef _TL_SYS_UIO_H
#define _TL_SYS_UIO_H

#include <sys/types.h>

struct iovec {
	void *iov_base;
	size_t iov_len;
};

#define IOV_MAX 1024

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);
ssize_t preadv(int fd, const struct iovec *iov, int iovcnt, long long offset);
ssize_t pwritev(int fd, const struct iovec *iov, int iovcnt, long long offset);

#endif
