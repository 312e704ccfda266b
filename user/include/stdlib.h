/* user/include/stdlib.h: memory allocation (user/lib/malloc.c), exit, and
 * number parsing. */
#ifndef _TL_STDLIB_H
#define _TL_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *p, size_t size);
void free(void *p);
/* The bytes really available at p (at least what was asked for). */
size_t malloc_usable_size(void *p);

void exit(int status) __attribute__((noreturn));
void abort(void) __attribute__((noreturn));
int atexit(void (*fn)(void));
char *getenv(const char *name);
long strtol(const char *s, char **end, int base);
unsigned long strtoul(const char *s, char **end, int base);
int atoi(const char *s);
/* user/lib/files.c: template ends in XXXXXX, replaced in place */
char *mkdtemp(char *template);
int mkstemp(char *template);

#endif
