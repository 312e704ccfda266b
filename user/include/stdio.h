/* user/include/stdio.h: formatted output. The formatting code is the kernel's
 * lib/vsprintf.c compiled for user space (the same conversions: %d %i %u %x %X
 * %o %c %s %p %%, flags, width, precision, hh h l ll z). printf formats into
 * a buffer and writes it with one write(): output is unbuffered across calls,
 * so nothing is lost when a program forks or exits. */
#ifndef _TL_STDIO_H
#define _TL_STDIO_H

#include <stdarg.h>
#include <stddef.h>

#define EOF (-1)

int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int vdprintf(int fd, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int puts(const char *s);
int putchar(int c);
void perror(const char *what);
/* user/lib/files.c */
int rename(const char *old, const char *new);
int renameat(int olddirfd, const char *old, int newdirfd, const char *new);
int renameat2(int olddirfd, const char *old, int newdirfd, const char *new, unsigned int flags);

#endif
