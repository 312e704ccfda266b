/* user/include/ktap_fs.h: helpers of the file tests (user/lib/ktap_fs.c):
 * a scratch directory each test program works in (made with mkdtemp under
 * /tmp, the cwd while the cases run, removed at the end), and small file
 * utilities. They work the same on Tasklab and under qemu-i386 on the
 * build host, where /tmp is the host's. */
#ifndef _TL_KTAP_FS_H
#define _TL_KTAP_FS_H

#include <errno.h>
#include <stddef.h>
#include <sys/types.h>

/* The call fails with -1 and errno err (errno cleared before it). */
#define KTAP_EXPECT_ERRNO(t, call, err) do {           \
	errno = 0;                                     \
	KTAP_EXPECT_EQ(t, (long)(call), -1);           \
	KTAP_EXPECT_EQ(t, errno, err);                 \
} while (0)

struct ktap;
struct ktap_case;

/* Run the suite (ktap_run_suite) with umask 022 in a new scratch
 * directory /tmp/utest_<suite>.XXXXXX, its cwd. 1 if it cannot be made. */
int ktap_run_in_scratch(const char *suite, const struct ktap_case *cases);
/* The last case of such a suite: chdir back to / and remove the scratch
 * directory with all it holds (each case cleans up, so this only fails
 * when something could not be removed). */
void ktap_scratch_removed(struct ktap *t);
/* Remove path and, if it is a directory, everything under it. */
int ktap_rm_rf(const char *path);
/* Create (or truncate) path with mode 0644 holding data: 0 or -1. */
int ktap_write_file(const char *path, const char *data);
/* The first size - 1 bytes of path, NUL-terminated: the length, or -1. */
ssize_t ktap_read_file(const char *path, char *buf, size_t size);
/* Does path exist (lstat succeeds)? */
int ktap_exists(const char *path);

#endif
