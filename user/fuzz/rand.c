/* user/fuzz/rand.c: the fuzzer's randomness, xorshift64* with its state in
 * the thread's fuzz_ctx. A stream is a function of (seed, a, b) alone (the
 * worker's index and generation; a thread's number), mixed by splitmix64 so
 * that neighbouring seeds give unrelated streams. */
#include "fuzz.h"

static unsigned long long splitmix64(unsigned long long x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

void rng_seed(struct fuzz_ctx *c, unsigned long long seed, unsigned int a, unsigned int b)
{
	c->rng = splitmix64(seed ^ splitmix64(((unsigned long long)a << 32) | b));
	if (!c->rng)
		c->rng = 1;             /* xorshift's one fixed point */
}

unsigned int rnd(struct fuzz_ctx *c)
{
	unsigned long long x = c->rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	c->rng = x;
	return (unsigned int)((x * 0x2545f4914f6cdd1dULL) >> 32);
}

/* Uniform below n (n > 0), without the modulo's bias worth caring about
 * here: n is small against 2^32. */
unsigned int rnd_below(struct fuzz_ctx *c, unsigned int n)
{
	return (unsigned int)(((unsigned long long)rnd(c) * n) >> 32);
}
