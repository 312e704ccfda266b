/* lib/usercopy.c: copying a versioned struct from user space, the way
 * Linux's extensible system calls take theirs (clone3 today; openat2,
 * sched_setattr... use the same rule). The caller passes its struct's
 * size: a smaller (older) struct reads as zeros past its end; a larger
 * (newer) one is fine only if the fields the kernel does not know are all
 * zero, else E2BIG, so a program asking for something new is refused
 * rather than silently ignored. */
#include <kernel.h>
#include <errno.h>
#include <asm/uaccess.h>

/* Are the size bytes at user address from all zero? 1 yes, 0 no, -EFAULT. */
int check_zeroed_user(const void *from, size_t size)
{
	const char *p = from;
	char buf[64];

	while (size) {
		size_t n = min(size, sizeof(buf));

		if (copy_from_user(buf, p, n))
			return -EFAULT;
		for (size_t i = 0; i < n; i++)
			if (buf[i])
				return 0;
		p += n;
		size -= n;
	}
	return 1;
}

int copy_struct_from_user(void *dst, size_t ksize, const void *src, size_t usize)
{
	size_t size = min(ksize, usize);
	int ret;

	if (usize < ksize)
		memset((char *)dst + size, 0, ksize - size);
	if (usize > ksize) {
		ret = check_zeroed_user((const char *)src + size, usize - size);
		if (ret <= 0)
			return ret ? ret : -E2BIG;
	}
	return copy_from_user(dst, src, size) ? -EFAULT : 0;
}
