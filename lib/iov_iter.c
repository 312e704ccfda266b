/* lib/iov_iter.c: copying through an iov_iter (include/uio.h). A user
 * iterator goes through copy_to_user/copy_from_user, which check the range
 * and survive a fault; a kernel one is a plain memcpy. */
#include <kernel.h>
#include <uio.h>
#include <asm/uaccess.h>

size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i)
{
	size_t left = 0;

	n = min(n, i->count);
	if (i->user)
		left = copy_to_user(i->base, src, n);
	else
		memcpy(i->base, src, n);
	if (left)
		i->fault = true;
	i->base += n - left;
	i->count -= n - left;
	return n - left;
}

size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i)
{
	size_t left = 0;

	n = min(n, i->count);
	if (i->user)
		left = raw_copy_from_user(dst, i->base, n);   /* dst keeps what is not copied */
	else
		memcpy(dst, i->base, n);
	if (left)
		i->fault = true;
	i->base += n - left;
	i->count -= n - left;
	return n - left;
}
