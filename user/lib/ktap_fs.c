/* user/lib/ktap_fs.c: the file tests' scratch directory and file helpers
 * (user/include/ktap_fs.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <ktap_fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static char scratch[64];

int ktap_run_in_scratch(const char *suite, const struct ktap_case *cases)
{
	umask(022);
	snprintf(scratch, sizeof(scratch), "/tmp/utest_%s.XXXXXX", suite);
	if (!mkdtemp(scratch) || chdir(scratch)) {
		printf("%s: cannot make the scratch directory %s (errno %d)\n", suite, scratch, errno);
		return 1;
	}
	return ktap_run_suite(suite, cases);
}

void ktap_scratch_removed(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, chdir("/"), 0);
	KTAP_EXPECT_EQ(t, ktap_rm_rf(scratch), 0);
	KTAP_EXPECT_TRUE(t, !ktap_exists(scratch));
}

/* Remove every entry of the open directory fd (not . and ..), one buffer
 * at a time from its start (what is removed shifts the rest): 0, or -1
 * when an entry stays. */
static int rm_entries(int fd)
{
	char buf[512];

	for (;;) {
		int n, left = 0, removed = 0;

		lseek(fd, 0, SEEK_SET);
		if ((n = getdents64(fd, buf, sizeof(buf))) < 0)
			return -1;
		for (int off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);

			off += d->d_reclen;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			left++;
			if (d->d_type == DT_DIR ? fchdir(fd) == 0 && ktap_rm_rf(d->d_name) == 0
						: unlinkat(fd, d->d_name, 0) == 0)
				removed++;
		}
		if (!left)
			return 0;
		if (!removed)
			return -1;
	}
}

int ktap_rm_rf(const char *path)
{
	struct stat64 st;
	char cwd[256];
	int fd, err;

	if (lstat(path, &st))
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlink(path);
	if (!getcwd(cwd, sizeof(cwd)) || (fd = open(path, O_RDONLY | O_DIRECTORY)) < 0)
		return -1;
	err = rm_entries(fd);
	close(fd);
	if (chdir(cwd))
		return -1;
	return err ? -1 : rmdir(path);
}

int ktap_write_file(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, data, strlen(data));
	close(fd);
	return n == (ssize_t)strlen(data) ? 0 : -1;
}

ssize_t ktap_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n >= 0)
		buf[n] = '\0';
	return n;
}

int ktap_exists(const char *path)
{
	struct stat64 st;

	return lstat(path, &st) == 0;
}
