/* user/include/string.h: memory and string routines. The code is the
 * kernel's own lib/string.c, compiled a second time for user space. */
#ifndef _TL_STRING_H
#define _TL_STRING_H

#include <stddef.h>
#include <stdbool.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
size_t strlcpy(char *dst, const char *src, size_t size);
char *strstr(const char *hay, const char *needle);
/* user/lib/string_extra.c */
char *strcpy(char *dst, const char *src);
char *strcat(char *dst, const char *src);
char *strdup(const char *s);
char *strerror(int err);

#endif
