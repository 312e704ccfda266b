/* kernel/random.c: random bytes for exec's AT_RANDOM (glibc's stack guard
 * and pointer guard) and for getrandom(2). Not cryptographic: a xorshift64*
 * generator whose state is stirred with the time-stamp counter at every
 * call, which is unpredictable enough for a teaching kernel's canaries. */
#include <kernel.h>
#include <errno.h>
#include <random.h>
#include <syscall.h>
#include <asm/processor.h>
#include <asm/uaccess.h>

static u64 state = 0x9E3779B97F4A7C15ULL;

static u64 next_random(void)
{
	state ^= rdtsc();
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1DULL;
}

void get_random_bytes(void *buf, size_t n)
{
	u8 *p = buf;

	while (n) {
		u64 r = next_random();
		size_t k = min(n, sizeof(r));

		memcpy(p, &r, k);
		p += k;
		n -= k;
	}
}

#define GRND_NONBLOCK 0x1
#define GRND_RANDOM   0x2

/* getrandom(buf, count, flags): never blocks (the pool is always ready). */
long sys_getrandom(u32 ubuf, u32 count, u32 flags, u32 d, u32 e, u32 f)
{
	u8 chunk[64];
	u32 done = 0;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM))
		return -EINVAL;
	if (count > 0x1FFFFFF)
		count = 0x1FFFFFF;
	while (done < count) {
		u32 k = min(count - done, (u32)sizeof(chunk));

		get_random_bytes(chunk, k);
		if (copy_to_user((u8 *)ubuf + done, chunk, k))
			return done ? (long)done : -EFAULT;
		done += k;
	}
	return done;
}
