/* lib/string.c: memory and string routines for a freestanding kernel, plus the
 * glob matching used by test= and bench= selection and a strtoul for the
 * command line. */
#include <string.h>
#include <asm/string.h>

/* Four bytes a step (asm/string.h): a page clear is 1024 stores, not 4096. */
void *memset(void *s, int c, size_t n)
{
	return __memset(s, (u8)c * 0x01010101u, n);
}

void *memcpy(void *dst, const void *src, size_t n)
{
	return __memcpy(dst, src, n);
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (; *s; s++)
		if (*s == (char)c)
			return (char *)s;
	return c ? NULL : (char *)s;
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

/* Copy at most size-1 bytes and always terminate; returns strlen(src) so the
 * caller can detect truncation. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return (char *)hay;
	return n ? NULL : (char *)hay;
}

/* Shell-style match of '*' (any run) and '?' (one character). */
bool glob_match(const char *pat, const char *text)
{
	const char *star = NULL, *resume = NULL;

	while (*text) {
		if (*pat == '?' || *pat == *text) {
			pat++, text++;
		} else if (*pat == '*') {
			star = pat++;
			resume = text;
		} else if (star) {
			pat = star + 1;
			text = ++resume;
		} else {
			return false;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

/* Split a comma-separated list of globs and ask match() about each; true at
 * the first that matches. A glob longer than 127 bytes never matches. */
bool glob_list_any(const char *list, bool (*match)(const char *glob, const void *arg),
		   const void *arg)
{
	char glob[128];

	for (;;) {
		const char *comma = strchr(list, ',');
		size_t n = comma ? (size_t)(comma - list) : strlen(list);
		if (n < sizeof(glob)) {
			memcpy(glob, list, n);
			glob[n] = '\0';
			if (match(glob, arg))
				return true;
		}
		if (!comma)
			return false;
		list = comma + 1;
	}
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Base 0 means: 0x prefix -> 16, leading 0 -> 8, else 10. */
unsigned long simple_strtoul(const char *s, char **end, unsigned int base)
{
	unsigned long v = 0;
	int d;

	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if (s[1] == 'x' || s[1] == 'X') {
				base = 16;
				s += 2;
			}
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	while ((d = digit_value(*s)) < (int)base) {
		v = v * base + d;
		s++;
	}
	if (end)
		*end = (char *)s;
	return v;
}

long simple_strtol(const char *s, char **end, unsigned int base)
{
	if (*s == '-')
		return -(long)simple_strtoul(s + 1, end, base);
	return (long)simple_strtoul(s, end, base);
}
