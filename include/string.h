/* include/string.h: the freestanding string and memory routines (lib/string.c). */
#ifndef TASKLAB_STRING_H
#define TASKLAB_STRING_H

#include <types.h>

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
bool glob_match(const char *pattern, const char *text);
bool glob_list_any(const char *list, bool (*match)(const char *glob, const void *arg),
		   const void *arg);
unsigned long simple_strtoul(const char *s, char **end, unsigned int base);
long simple_strtol(const char *s, char **end, unsigned int base);

#endif
