/* include/asm/string.h: the i386 string instructions behind memcpy() and
 * memset() (lib/string.c), as Linux's asm/string_32.h: four bytes a step with
 * rep movsl / rep stosl, then the 0-3 bytes left one at a time. */
#ifndef TASKLAB_ASM_STRING_H
#define TASKLAB_ASM_STRING_H

#include <types.h>

static inline void *__memcpy(void *dst, const void *src, size_t n)
{
	void *d = dst;
	size_t words = n / 4;

	__asm__ __volatile__("rep movsl" : "+D"(d), "+S"(src), "+c"(words) :: "memory");
	n &= 3;
	__asm__ __volatile__("rep movsb" : "+D"(d), "+S"(src), "+c"(n) :: "memory");
	return dst;
}

/* pattern is the fill byte repeated in all four of its bytes. */
static inline void *__memset(void *s, u32 pattern, size_t n)
{
	void *d = s;
	size_t words = n / 4;

	__asm__ __volatile__("rep stosl" : "+D"(d), "+c"(words) : "a"(pattern) : "memory");
	n &= 3;
	__asm__ __volatile__("rep stosb" : "+D"(d), "+c"(n) : "a"(pattern) : "memory");
	return s;
}

#endif
