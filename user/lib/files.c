/* user/lib/files.c: the file calls a Unix program expects beyond open,
 * read and write: names (mkdir, link, symlink, rename, mknod), attributes
 * (chmod, chown, umask, truncate, utimensat), statfs, vectored and
 * positioned I/O, sendfile, fsync, dup3, fchdir, faccessat, and mkdtemp /
 * mkstemp on top. Each wrapper is one trap whose raw result becomes -1 +
 * errno (Linux's i386 numbers: include/uapi/asm/unistd_32.h). 64-bit
 * offsets and lengths go in two registers, low half first, as i386 Linux
 * takes them. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>

#define RET(x) return __syscall_ret(x)
#define LO(x) ((long)(unsigned long long)(x))
#define HI(x) ((long)((unsigned long long)(x) >> 32))

int fstatat(int dirfd, const char *path, struct stat64 *st, int flags)
{
	RET(__syscall4(__NR_fstatat64, dirfd, path, st, flags));
}

int mkdir(const char *path, mode_t mode)          { RET(__syscall2(__NR_mkdir, path, mode)); }
int mkdirat(int dirfd, const char *path, mode_t mode)
{
	RET(__syscall3(__NR_mkdirat, dirfd, path, mode));
}

int mknod(const char *path, mode_t mode, unsigned int dev)
{
	RET(__syscall3(__NR_mknod, path, mode, dev));
}

int mknodat(int dirfd, const char *path, mode_t mode, unsigned int dev)
{
	RET(__syscall4(__NR_mknodat, dirfd, path, mode, dev));
}

int mkfifo(const char *path, mode_t mode)         { return mknod(path, S_IFIFO | (mode & 07777), 0); }
int chmod(const char *path, mode_t mode)          { RET(__syscall2(__NR_chmod, path, mode)); }
int fchmod(int fd, mode_t mode)                   { RET(__syscall2(__NR_fchmod, fd, mode)); }
mode_t umask(mode_t mask)                         { return (mode_t)__syscall1(__NR_umask, mask); }

/* Linux's fchmodat has no flags: a symlink's own mode cannot change, so
 * AT_SYMLINK_NOFOLLOW is EOPNOTSUPP (glibc's answer), others EINVAL. */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags) {
		errno = flags & ~AT_SYMLINK_NOFOLLOW ? EINVAL : EOPNOTSUPP;
		return -1;
	}
	RET(__syscall3(__NR_fchmodat, dirfd, path, mode));
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
	RET(__syscall4(__NR_utimensat, dirfd, path, times, flags));
}

int futimens(int fd, const struct timespec times[2]) { return utimensat(fd, NULL, times, 0); }
int utime(const char *path, const struct utimbuf *t)  { RET(__syscall2(__NR_utime, path, t)); }
int utimes(const char *path, const struct timeval t[2]) { RET(__syscall2(__NR_utimes, path, t)); }

int link(const char *old, const char *new)        { RET(__syscall2(__NR_link, old, new)); }
int linkat(int olddirfd, const char *old, int newdirfd, const char *new, int flags)
{
	RET(__syscall6(__NR_linkat, olddirfd, (long)old, newdirfd, (long)new, flags, 0));
}

int symlink(const char *target, const char *path) { RET(__syscall2(__NR_symlink, target, path)); }
int symlinkat(const char *target, int dirfd, const char *path)
{
	RET(__syscall3(__NR_symlinkat, target, dirfd, path));
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t size)
{
	RET(__syscall4(__NR_readlinkat, dirfd, path, buf, size));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	RET(__syscall3(__NR_unlinkat, dirfd, path, flags));
}

int rename(const char *old, const char *new)      { RET(__syscall2(__NR_rename, old, new)); }
int renameat(int olddirfd, const char *old, int newdirfd, const char *new)
{
	RET(__syscall4(__NR_renameat, olddirfd, old, newdirfd, new));
}

int renameat2(int olddirfd, const char *old, int newdirfd, const char *new, unsigned int flags)
{
	RET(__syscall6(__NR_renameat2, olddirfd, (long)old, newdirfd, (long)new, flags, 0));
}

int chown(const char *path, uid_t uid, gid_t gid)  { RET(__syscall3(__NR_chown32, path, uid, gid)); }
int fchown(int fd, uid_t uid, gid_t gid)           { RET(__syscall3(__NR_fchown32, fd, uid, gid)); }
int lchown(const char *path, uid_t uid, gid_t gid) { RET(__syscall3(__NR_lchown32, path, uid, gid)); }
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
	RET(__syscall6(__NR_fchownat, dirfd, (long)path, uid, gid, flags, 0));
}

int truncate(const char *path, off_t length)      { RET(__syscall2(__NR_truncate, path, length)); }
int ftruncate(int fd, off_t length)               { RET(__syscall2(__NR_ftruncate, fd, length)); }
int truncate64(const char *path, long long length)
{
	RET(__syscall3(__NR_truncate64, path, LO(length), HI(length)));
}

int ftruncate64(int fd, long long length)
{
	RET(__syscall3(__NR_ftruncate64, fd, LO(length), HI(length)));
}

int statfs(const char *path, struct statfs *buf)  { RET(__syscall2(__NR_statfs, path, buf)); }
int fstatfs(int fd, struct statfs *buf)           { RET(__syscall2(__NR_fstatfs, fd, buf)); }
int statfs64(const char *path, size_t size, struct statfs64 *buf)
{
	RET(__syscall3(__NR_statfs64, path, size, buf));
}

int fstatfs64(int fd, size_t size, struct statfs64 *buf)
{
	RET(__syscall3(__NR_fstatfs64, fd, size, buf));
}

int fsync(int fd)                                 { RET(__syscall1(__NR_fsync, fd)); }
int fdatasync(int fd)                             { RET(__syscall1(__NR_fdatasync, fd)); }
void sync(void)                                   { __syscall0(__NR_sync); }

ssize_t readv(int fd, const struct iovec *iov, int n)  { RET(__syscall3(__NR_readv, fd, iov, n)); }
ssize_t writev(int fd, const struct iovec *iov, int n) { RET(__syscall3(__NR_writev, fd, iov, n)); }
ssize_t preadv(int fd, const struct iovec *iov, int n, long long off)
{
	RET(__syscall6(__NR_preadv, fd, (long)iov, n, LO(off), HI(off), 0));
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, long long off)
{
	RET(__syscall6(__NR_pwritev, fd, (long)iov, n, LO(off), HI(off), 0));
}

ssize_t pread64(int fd, void *buf, size_t n, long long off)
{
	RET(__syscall6(__NR_pread64, fd, (long)buf, (long)n, LO(off), HI(off), 0));
}

ssize_t pwrite64(int fd, const void *buf, size_t n, long long off)
{
	RET(__syscall6(__NR_pwrite64, fd, (long)buf, (long)n, LO(off), HI(off), 0));
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)        { return pread64(fd, buf, n, off); }
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) { return pwrite64(fd, buf, n, off); }

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count)
{
	RET(__syscall4(__NR_sendfile, out_fd, in_fd, offset, count));
}

ssize_t sendfile64(int out_fd, int in_fd, long long *offset, size_t count)
{
	RET(__syscall4(__NR_sendfile64, out_fd, in_fd, offset, count));
}

int dup3(int fd, int to, int flags)               { RET(__syscall3(__NR_dup3, fd, to, flags)); }
int fchdir(int fd)                                { RET(__syscall1(__NR_fchdir, fd)); }

/* As glibc: faccessat2 only when there are flags (it is the newer call). */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (!flags)
		RET(__syscall3(__NR_faccessat, dirfd, path, mode));
	RET(__syscall4(__NR_faccessat2, dirfd, path, mode, flags));
}

/* openat's mode is read only with O_CREAT or O_TMPFILE, as open's. */
int openat(int dirfd, const char *path, int flags, ...)
{
	unsigned int mode = 0;

	if ((flags & O_CREAT) || (flags & __O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, unsigned int);
		va_end(ap);
	}
	RET(__syscall4(__NR_openat, dirfd, path, flags | O_LARGEFILE, mode));
}

int creat(const char *path, mode_t mode)          { RET(__syscall2(__NR_creat, path, mode)); }

/* Replace the template's trailing XXXXXX with random letters and digits;
 * -1 and EINVAL if it has none. */
static int fill_template(char *template)
{
	static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t len = strlen(template);
	unsigned char rnd[6];

	if (len < 6 || strcmp(template + len - 6, "XXXXXX")) {
		errno = EINVAL;
		return -1;
	}
	if (__syscall_ret(__syscall3(__NR_getrandom, rnd, sizeof(rnd), 0)) != sizeof(rnd))
		return -1;
	for (int i = 0; i < 6; i++)
		template[len - 6 + i] = chars[rnd[i] % (sizeof(chars) - 1)];
	return 0;
}

static int make_dir(const char *path)  { return mkdir(path, 0700); }
static int make_file(const char *path) { return open(path, O_RDWR | O_CREAT | O_EXCL, 0600); }

/* Fill the template and make(it) until a name is free (100 tries): make's
 * result (>= 0), or -1 with errno. */
static int make_temp(char *template, int (*make)(const char *))
{
	size_t len = strlen(template);

	for (int tries = 0; tries < 100; tries++) {
		int ret;

		if (fill_template(template))
			return -1;
		ret = make(template);
		if (ret >= 0 || errno != EEXIST)
			return ret;
		memcpy(template + len - 6, "XXXXXX", 6);
	}
	return -1;
}

/* mkdtemp: a new directory, mode 0700, named from the template; the
 * template or NULL. */
char *mkdtemp(char *template)
{
	return make_temp(template, make_dir) < 0 ? NULL : template;
}

/* mkstemp: a new file, mode 0600, open O_RDWR; its fd or -1. */
int mkstemp(char *template)
{
	return make_temp(template, make_file);
}
