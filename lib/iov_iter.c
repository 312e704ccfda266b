/* lib/iov_iter.c: copying through an iov_iter (include/uio.h), segment by
 * segment. A user iterator goes through copy_to_user/copy_from_user,
 * which check the range and survive a fault; a kernel one is a plain
 * memcpy. */
#include <kernel.h>
#include <errno.h>
#include <slab.h>
#include <uio.h>
#include <asm/uaccess.h>

/* Make the current segment non-empty if any bytes are left: false at the
 * end of the iterator. */
static bool next_segment(struct iov_iter *i)
{
	while (!i->seg_left && i->count && i->nr_segs) {
		i->base = i->iov->iov_base;
		i->seg_left = min(i->iov->iov_len, i->count);
		i->iov++;
		i->nr_segs--;
	}
	return i->seg_left && i->count;
}

/* Advance over n bytes just copied in the current segment. */
static void advance(struct iov_iter *i, size_t n)
{
	i->base += n;
	i->seg_left -= n;
	i->count -= n;
}

/* Copy n bytes between buf and the iterator, segment by segment (out:
 * from buf into it). Stops at the iterator's end or a user fault. */
static size_t copy_iter(char *buf, size_t n, struct iov_iter *i, bool out)
{
	size_t done = 0;

	while (done < n && next_segment(i)) {
		size_t chunk = min(n - done, i->seg_left), left = 0;

		if (i->user && out)
			left = copy_to_user(i->base, buf + done, chunk);
		else if (i->user)       /* buf keeps what is not copied */
			left = raw_copy_from_user(buf + done, i->base, chunk);
		else if (out)
			memcpy(i->base, buf + done, chunk);
		else
			memcpy(buf + done, i->base, chunk);
		advance(i, chunk - left);
		done += chunk - left;
		if (left) {
			i->fault = true;
			break;
		}
	}
	return done;
}

fastcall size_t copy_to_iter(const void *src, size_t n, struct iov_iter *i)
{
	return copy_iter((char *)src, n, i, true);
}

fastcall size_t copy_from_iter(void *dst, size_t n, struct iov_iter *i)
{
	return copy_iter(dst, n, i, false);
}

char *memdup_iter_nul(struct iov_iter *from, size_t count)
{
	char *buf = kmalloc(count + 1, GFP_KERNEL);

	if (!buf)
		return ERR_PTR(-ENOMEM);
	if (copy_from_iter(buf, count, from) != count) {
		kfree(buf);
		return ERR_PTR(-EFAULT);
	}
	buf[count] = '\0';
	return buf;
}

size_t iov_iter_zero(size_t n, struct iov_iter *i)
{
	static const char zeros[64];
	size_t done = 0;

	while (done < n) {
		size_t want = min(n - done, sizeof(zeros));
		size_t c = copy_to_iter(zeros, want, i);

		done += c;
		if (c < want)
			break;
	}
	return done;
}
