/* user/lib/stdio.c: printf and friends over write(). Formatting is
 * lib/vsprintf.c (shared with the kernel). Each call formats into a stack
 * buffer, or a malloc'd one when the text is longer, and issues one write:
 * there is no stdio buffer to flush, so output is never lost or doubled by
 * fork, exec or exit, and lines from several processes do not interleave
 * mid-line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Write all n bytes (a console or pipe may take fewer at a time). */
static int write_all(int fd, const char *s, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(fd, s + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	return (int)n;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
	char small[256], *buf = small;
	va_list again;
	int n, ret;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= (int)sizeof(small)) {
		buf = malloc((size_t)n + 1);
		if (!buf) {
			va_end(again);
			return -1;
		}
		vsnprintf(buf, (size_t)n + 1, fmt, again);
	}
	va_end(again);
	ret = write_all(fd, buf, (size_t)n);
	if (buf != small)
		free(buf);
	return ret;
}

int dprintf(int fd, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return dprintf(STDOUT_FILENO, "%s\n", s) < 0 ? EOF : 1;
}

int putchar(int c)
{
	char ch = (char)c;

	return write_all(STDOUT_FILENO, &ch, 1) < 0 ? EOF : (unsigned char)ch;
}

void perror(const char *what)
{
	if (what && *what)
		dprintf(STDERR_FILENO, "%s: %s\n", what, strerror(errno));
	else
		dprintf(STDERR_FILENO, "%s\n", strerror(errno));
}
