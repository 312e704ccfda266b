/* user/bin/utest_fs.c: KTAP self-tests of the file calls: open/read/write/
 * lseek across pages, stat/fstat/lstat (struct stat64), the open errors,
 * symlinks and readlink, getdents64 on /, chdir/getcwd, dup/dup2 sharing an
 * offset, access. Uses /tmp (in the initramfs; on the build host, the
 * host's). Runs under qemu-i386 on the host and on Tasklab alike. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <ktap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define FILE_A "/tmp/utest_fs_a"
#define SIZE_A 10000

static char pattern(int i)
{
	return (char)('a' + i % 23);
}

static void fs_write_read_seek(struct ktap *t)
{
	char *buf = malloc(SIZE_A), back[20];
	struct stat64 st;
	int fd = open(FILE_A, O_RDWR | O_CREAT | O_TRUNC, 0644);

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_ASSERT_TRUE(t, buf != NULL);
	for (int i = 0; i < SIZE_A; i++)
		buf[i] = pattern(i);
	KTAP_EXPECT_EQ(t, write(fd, buf, SIZE_A), SIZE_A);
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_CUR), SIZE_A);
	KTAP_EXPECT_EQ(t, lseek(fd, 4090, SEEK_SET), 4090);          /* across a page */
	KTAP_EXPECT_EQ(t, read(fd, back, sizeof(back)), sizeof(back));
	KTAP_EXPECT_EQ(t, memcmp(back, buf + 4090, sizeof(back)), 0);
	KTAP_EXPECT_EQ(t, lseek(fd, -5, SEEK_END), SIZE_A - 5);
	KTAP_EXPECT_EQ(t, read(fd, back, sizeof(back)), 5);
	KTAP_EXPECT_EQ(t, read(fd, back, sizeof(back)), 0);          /* end of file */
	KTAP_EXPECT_EQ(t, lseek(fd, -1, SEEK_SET), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_ASSERT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, SIZE_A);
	KTAP_EXPECT_TRUE(t, S_ISREG(st.st_mode));
	KTAP_EXPECT_EQ(t, st.st_mode & 0777, 0644);
	KTAP_EXPECT_EQ(t, st.st_nlink, 1);
	KTAP_EXPECT_GE(t, st.st_blocks * 512, SIZE_A);
	close(fd);
	KTAP_ASSERT_EQ(t, stat(FILE_A, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, SIZE_A);
	free(buf);
}

static void fs_open_errors(struct ktap *t)
{
	char c;
	int fds[2], fd;

	KTAP_EXPECT_EQ(t, open(FILE_A, O_WRONLY | O_CREAT | O_EXCL, 0644), -1);
	KTAP_EXPECT_EQ(t, errno, EEXIST);
	KTAP_EXPECT_EQ(t, open(FILE_A "/x", O_RDONLY), -1);
	KTAP_EXPECT_EQ(t, errno, ENOTDIR);
	KTAP_EXPECT_EQ(t, open("/tmp/no/such", O_RDONLY), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_EQ(t, open("/", O_WRONLY), -1);
	KTAP_EXPECT_EQ(t, errno, EISDIR);
	KTAP_EXPECT_EQ(t, open(FILE_A, O_RDONLY | O_DIRECTORY), -1);
	KTAP_EXPECT_EQ(t, errno, ENOTDIR);
	fd = open(FILE_A, O_WRONLY);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, read(fd, &c, 1), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	close(fd);
	fd = open("/", O_RDONLY | O_DIRECTORY);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, read(fd, &c, 1), -1);
	KTAP_EXPECT_EQ(t, errno, EISDIR);
	KTAP_EXPECT_EQ(t, write(fd, &c, 1), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	close(fd);
	KTAP_ASSERT_EQ(t, pipe(fds), 0);
	KTAP_EXPECT_EQ(t, lseek(fds[0], 0, SEEK_SET), -1);
	KTAP_EXPECT_EQ(t, errno, ESPIPE);
	close(fds[0]);
	close(fds[1]);
}

static void fs_symlinks(struct ktap *t)
{
	struct stat64 st;
	char target[64];
	ssize_t n;

	KTAP_ASSERT_EQ(t, lstat("/bin/sh", &st), 0);
	KTAP_EXPECT_TRUE(t, S_ISLNK(st.st_mode));
	KTAP_ASSERT_EQ(t, stat("/bin/sh", &st), 0);
	KTAP_EXPECT_TRUE(t, S_ISREG(st.st_mode));
	memset(target, 'X', sizeof(target));
	n = readlink("/bin/sh", target, sizeof(target));
	KTAP_EXPECT_GT(t, n, 0);
	KTAP_EXPECT_EQ(t, target[n], 'X');          /* readlink does not add a NUL */
	KTAP_EXPECT_EQ(t, readlink(FILE_A, target, sizeof(target)), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);               /* not a link */
	KTAP_EXPECT_EQ(t, access("/bin/sh", X_OK), 0);
	KTAP_EXPECT_EQ(t, access("/no/such", F_OK), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
}

/* statx takes every flag glibc passes (2.36's stat adds AT_NO_AUTOMOUNT;
 * a sync type may come too); an unknown bit, both sync types at once or
 * the reserved mask bit is EINVAL, as Linux's. */
static void fs_statx_flags(struct ktap *t)
{
	static const long ok_flags[] = { 0, 0x800, 0x800 | 0x100, 0x2000, 0x4000, 0x800 | 0x4000 };
	static const long bad_flags[] = { 0x6000, 0x1, 0x10000 };
	struct statx sx;

	for (unsigned int i = 0; i < sizeof(ok_flags) / sizeof(ok_flags[0]); i++) {
		memset(&sx, 0, sizeof(sx));
		KTAP_EXPECT_EQ(t, syscall(__NR_statx, AT_FDCWD, (long)"/tmp", ok_flags[i], STATX_BASIC_STATS,
					  (long)&sx, 0), 0);
		KTAP_EXPECT_TRUE(t, S_ISDIR(sx.stx_mode));
	}
	for (unsigned int i = 0; i < sizeof(bad_flags) / sizeof(bad_flags[0]); i++) {
		KTAP_EXPECT_EQ(t, syscall(__NR_statx, AT_FDCWD, (long)"/tmp", bad_flags[i], STATX_BASIC_STATS,
					  (long)&sx, 0), -1);
		KTAP_EXPECT_EQ(t, errno, EINVAL);
	}
	KTAP_EXPECT_EQ(t, syscall(__NR_statx, AT_FDCWD, (long)"/tmp", 0, 0x80000000L, (long)&sx, 0), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, syscall(__NR_fstatat64, AT_FDCWD, (long)"/tmp", (long)&sx, 0x800, 0, 0), 0);
}

/* "name:type " for each entry of the directory, into out. */
static int list_dir(const char *path, char *out, size_t size)
{
	char buf[512];
	int fd = open(path, O_RDONLY | O_DIRECTORY), n;

	if (fd < 0)
		return -1;
	out[0] = '\0';
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0) {
		for (int off = 0; off < n;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			size_t len = strlen(out);
			snprintf(out + len, size - len, " %s:%d", d->d_name, d->d_type);
			off += d->d_reclen;
		}
	}
	close(fd);
	return n;
}

static void fs_getdents(struct ktap *t)
{
	char names[2048];

	KTAP_ASSERT_EQ(t, list_dir("/", names, sizeof(names)), 0);
	KTAP_EXPECT_TRUE(t, strstr(names, " .:4") != NULL);
	KTAP_EXPECT_TRUE(t, strstr(names, " ..:4") != NULL);
	KTAP_EXPECT_TRUE(t, strstr(names, " etc:4") != NULL);
	KTAP_EXPECT_TRUE(t, strstr(names, " tmp:4") != NULL);
	KTAP_EXPECT_EQ(t, list_dir(FILE_A, names, sizeof(names)), -1);
	KTAP_EXPECT_EQ(t, errno, ENOTDIR);
}

static void fs_cwd(struct ktap *t)
{
	char saved[256], cwd[256];
	struct stat64 st;

	KTAP_ASSERT_TRUE(t, getcwd(saved, sizeof(saved)) != NULL);
	KTAP_ASSERT_EQ(t, chdir("/tmp"), 0);
	KTAP_EXPECT_STREQ(t, getcwd(cwd, sizeof(cwd)), "/tmp");
	KTAP_EXPECT_EQ(t, stat("utest_fs_a", &st), 0);      /* relative to the cwd */
	KTAP_EXPECT_EQ(t, chdir(".."), 0);
	KTAP_EXPECT_STREQ(t, getcwd(cwd, sizeof(cwd)), "/");
	KTAP_EXPECT_EQ(t, chdir(FILE_A), -1);
	KTAP_EXPECT_EQ(t, errno, ENOTDIR);
	KTAP_EXPECT_TRUE(t, getcwd(cwd, 1) == NULL);        /* too small for "/" */
	KTAP_EXPECT_EQ(t, errno, ERANGE);
	KTAP_EXPECT_EQ(t, chdir(saved), 0);
}

/* Descriptors from dup share one open file, and so one offset. */
static void fs_dup_shares_offset(struct ktap *t)
{
	int fd = open(FILE_A, O_RDONLY), fd2;
	char c;

	KTAP_ASSERT_GE(t, fd, 0);
	fd2 = dup(fd);
	KTAP_ASSERT_GT(t, fd2, fd);
	KTAP_EXPECT_EQ(t, read(fd, &c, 1), 1);
	KTAP_EXPECT_EQ(t, read(fd2, &c, 1), 1);
	KTAP_EXPECT_EQ(t, c, pattern(1));
	KTAP_EXPECT_EQ(t, dup2(fd, 20), 20);
	KTAP_EXPECT_EQ(t, lseek(20, 0, SEEK_CUR), 2);
	KTAP_EXPECT_EQ(t, dup2(fd, fd), fd);
	KTAP_EXPECT_EQ(t, dup2(99, 21), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	close(fd);
	KTAP_EXPECT_EQ(t, read(fd2, &c, 1), 1);             /* still open through fd2 */
	KTAP_EXPECT_EQ(t, c, pattern(2));
	close(fd2);
	close(20);
	KTAP_EXPECT_EQ(t, close(20), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
}

/* A private file mapping shows the file's bytes and zeros past its end;
 * writes to it stay private; MAP_FIXED replaces part of it; a store to a
 * page made read-only kills a child with SIGSEGV. */
static void fs_mmap_private_file(struct ktap *t)
{
	char *m, *fixed, buf[16];
	int fd = open("/etc/motd", O_RDONLY), status = -1;
	struct stat64 st;
	pid_t pid;

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_ASSERT_EQ(t, fstat(fd, &st), 0);
	KTAP_ASSERT_TRUE(t, st.st_size > 16 && st.st_size < 4096);
	KTAP_ASSERT_EQ(t, read(fd, buf, sizeof(buf)), (long)sizeof(buf));
	m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	KTAP_ASSERT_TRUE(t, m != MAP_FAILED);
	KTAP_EXPECT_EQ(t, memcmp(m, buf, sizeof(buf)), 0);
	KTAP_EXPECT_EQ(t, m[st.st_size], 0);                 /* past EOF: zero */
	m[0] = '#';
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_SET), 0);
	KTAP_EXPECT_EQ(t, read(fd, buf, 1), 1);
	KTAP_EXPECT_TRUE(t, buf[0] != '#' || m[1] == '#');   /* the file is unchanged */
	fixed = mmap(m + 4096, 4096, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	KTAP_EXPECT_TRUE(t, fixed == m + 4096);
	KTAP_EXPECT_EQ(t, fixed[0], 0);
	KTAP_EXPECT_EQ(t, mprotect(m, 4096, PROT_NONE), 0);
	KTAP_EXPECT_EQ(t, read(fd, m, 1), -1);               /* the kernel is refused too */
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, mprotect(m, 4096, PROT_READ), 0);
	KTAP_EXPECT_EQ(t, m[0], '#');                        /* the page was kept */
	pid = fork();
	if (pid == 0) {
		m[1] = 'x';                                  /* read-only now */
		_exit(0);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
	KTAP_EXPECT_EQ(t, munmap(m, 8192), 0);
	close(fd);
}

/* unlink removes the name (a file still open stays readable), which also
 * leaves /tmp as the suite found it. */
static void fs_unlink(struct ktap *t)
{
	char c = 0;
	int fd = open(FILE_A, O_RDONLY);

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, unlink(FILE_A), 0);
	KTAP_EXPECT_EQ(t, open(FILE_A, O_RDONLY), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_EQ(t, read(fd, &c, 1), 1);              /* the open file lives on */
	close(fd);
	KTAP_EXPECT_EQ(t, unlink(FILE_A), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_EQ(t, unlink("/tmp"), -1);
	KTAP_EXPECT_EQ(t, errno, EISDIR);
	KTAP_EXPECT_EQ(t, rmdir("/tmp/no_such_dir"), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_EQ(t, unlink(NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
}

static const struct ktap_case fs_cases[] = {
	KTAP_CASE(fs_write_read_seek),
	KTAP_CASE(fs_open_errors),
	KTAP_CASE(fs_symlinks),
	KTAP_CASE(fs_statx_flags),
	KTAP_CASE(fs_getdents),
	KTAP_CASE(fs_cwd),
	KTAP_CASE(fs_dup_shares_offset),
	KTAP_CASE(fs_mmap_private_file),
	KTAP_CASE(fs_unlink),
	{}
};

int main(void)
{
	return ktap_run_suite("fs", fs_cases);
}
