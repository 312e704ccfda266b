/* user/lib/string_extra.c: the C string and number routines the kernel's
 * lib/string.c does not have (the rest of string.h is that file). */
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

long simple_strtol(const char *s, char **end, unsigned int base);
unsigned long simple_strtoul(const char *s, char **end, unsigned int base);

char *strcpy(char *dst, const char *src)
{
	memcpy(dst, src, strlen(src) + 1);
	return dst;
}

char *strcat(char *dst, const char *src)
{
	strcpy(dst + strlen(dst), src);
	return dst;
}

char *strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	return d ? memcpy(d, s, n) : NULL;
}

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	return s;
}

long strtol(const char *s, char **end, int base)
{
	s = skip_space(s);
	if (*s == '+')
		s++;
	return simple_strtol(s, end, (unsigned int)base);
}

unsigned long strtoul(const char *s, char **end, int base)
{
	s = skip_space(s);
	if (*s == '+')
		s++;
	return simple_strtoul(s, end, (unsigned int)base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

static const char *const messages[] = {
	[0] = "Success",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "Input/output error",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor",
	[ECHILD] = "No child processes",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Cannot allocate memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[EEXIST] = "File exists",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate ioctl for device",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Illegal seek",
	[EPIPE] = "Broken pipe",
	[ERANGE] = "Numerical result out of range",
	[ENAMETOOLONG] = "File name too long",
	[ENOSYS] = "Function not implemented",
	[ENOTEMPTY] = "Directory not empty",
	[ELOOP] = "Too many levels of symbolic links",
};

char *strerror(int err)
{
	static char unknown[32];

	if (err >= 0 && err < (int)(sizeof(messages) / sizeof(messages[0])) && messages[err])
		return (char *)messages[err];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", err);
	return unknown;
}
