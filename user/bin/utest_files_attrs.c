/* user/bin/utest_files_attrs.c: KTAP self-tests of what a file is rather
 * than what it holds: chmod/fchmod/fchmodat, chown/fchown/lchown/fchownat
 * (the 32-bit calls and i386's 16-bit ones), the three times and what
 * moves them (utimensat, utimensat_time64, utime, utimes, reads, writes,
 * truncation, attribute changes), truncate/ftruncate and their 64-bit
 * forms, statfs/fstatfs/statfs64/fstatfs64, access/faccessat/faccessat2,
 * and an LTP-style set-up (mkdtemp, chmod, a file ftruncated to a page,
 * statfs, all removed). Each call's success paths and the errors Linux's
 * man pages give it; run on Tasklab and under qemu-i386 on the build
 * host, in a scratch directory under /tmp. */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <ktap_fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>

#define PAST 1000000000L        /* 2001-09-09: a time well before now */

static struct stat64 st;

static unsigned int mode_of(const char *path)
{
	return lstat(path, &st) ? 0 : st.st_mode;
}

/* Let the clock move on (Tasklab's ticks are 10 ms). */
static void tick(void)
{
	struct timespec ts = { 0, 30 * 1000 * 1000 };

	nanosleep(&ts, NULL);
}

/* Set path's atime and mtime to PAST (and so its ctime to now). */
static int set_past(const char *path)
{
	struct timespec ts[2] = { { PAST, 0 }, { PAST, 0 } };

	return utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW);
}

static void attrs_chmod(struct ktap *t)
{
	int fd, dfd;

	KTAP_ASSERT_EQ(t, ktap_write_file("m", "x"), 0);
	KTAP_ASSERT_EQ(t, symlink("m", "ml"), 0);
	KTAP_EXPECT_EQ(t, chmod("m", 0600), 0);
	KTAP_EXPECT_EQ(t, mode_of("m"), S_IFREG | 0600);
	KTAP_EXPECT_EQ(t, chmod("m", 07777 | S_IFDIR), 0);      /* the type cannot change */
	KTAP_EXPECT_EQ(t, mode_of("m"), S_IFREG | 07777);
	KTAP_EXPECT_EQ(t, chmod("ml", 0640), 0);                 /* follows the link */
	KTAP_EXPECT_EQ(t, mode_of("m"), S_IFREG | 0640);
	KTAP_EXPECT_EQ(t, mode_of("ml"), S_IFLNK | 0777);
	fd = open("m", O_RDONLY);
	KTAP_EXPECT_EQ(t, fchmod(fd, 0444), 0);                  /* a read-only fd will do */
	KTAP_EXPECT_EQ(t, mode_of("m"), S_IFREG | 0444);
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	KTAP_EXPECT_EQ(t, fchmodat(dfd, "m", 0604, 0), 0);
	KTAP_EXPECT_EQ(t, mode_of("m"), S_IFREG | 0604);
	KTAP_EXPECT_ERRNO(t, chmod("missing", 0600), ENOENT);
	KTAP_EXPECT_ERRNO(t, chmod("m/x", 0600), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, chmod(NULL, 0600), EFAULT);
	KTAP_EXPECT_ERRNO(t, chmod("", 0600), ENOENT);
	KTAP_EXPECT_ERRNO(t, fchmod(99, 0600), EBADF);
	KTAP_EXPECT_ERRNO(t, fchmodat(99, "m", 0600, 0), EBADF);
	KTAP_EXPECT_ERRNO(t, fchmodat(fd, "m", 0600, 0), ENOTDIR);     /* dirfd is no directory */
	close(fd);
	close(dfd);
	unlink("m");
	unlink("ml");
}

/* Can this host give files to another user (uid 70000)? Always on
 * Tasklab; a container's narrow uid map may refuse. */
static bool skip_without_chown(struct ktap *t)
{
	if (ktap_on_tasklab() || chown(".", 70000, 70000) == 0) {
		chown(".", 0, 0);
		return false;
	}
	ktap_skip(t, "this host cannot give a file to uid 70000 (%s)", strerror(errno));
	return true;
}

static void attrs_chown(struct ktap *t)
{
	struct stat64 l;
	int fd;

	if (skip_without_chown(t))
		return;
	KTAP_ASSERT_EQ(t, ktap_write_file("o", "x"), 0);
	KTAP_ASSERT_EQ(t, symlink("o", "ol"), 0);
	KTAP_EXPECT_EQ(t, chown("o", 70001, 70002), 0);
	KTAP_EXPECT_EQ(t, lstat("o", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, 70001);
	KTAP_EXPECT_EQ(t, st.st_gid, 70002);
	KTAP_EXPECT_EQ(t, chown("o", -1, 70003), 0);            /* -1: leave the owner */
	KTAP_EXPECT_EQ(t, lstat("o", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, 70001);
	KTAP_EXPECT_EQ(t, st.st_gid, 70003);
	KTAP_EXPECT_EQ(t, lchown("ol", 70004, -1), 0);          /* the link itself */
	KTAP_EXPECT_EQ(t, lstat("ol", &l), 0);
	KTAP_EXPECT_EQ(t, lstat("o", &st), 0);
	KTAP_EXPECT_EQ(t, l.st_uid, 70004);
	KTAP_EXPECT_EQ(t, st.st_uid, 70001);
	KTAP_EXPECT_EQ(t, fchownat(AT_FDCWD, "ol", 70005, 70005, 0), 0);   /* follows */
	KTAP_EXPECT_EQ(t, lstat("o", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, 70005);
	KTAP_EXPECT_EQ(t, fchownat(AT_FDCWD, "ol", 70006, -1, AT_SYMLINK_NOFOLLOW), 0);
	KTAP_EXPECT_EQ(t, lstat("ol", &l), 0);
	KTAP_EXPECT_EQ(t, l.st_uid, 70006);
	fd = open("o", O_RDONLY);
	KTAP_EXPECT_EQ(t, fchown(fd, 0, 0), 0);
	KTAP_EXPECT_EQ(t, fchownat(fd, "", 70007, -1, AT_EMPTY_PATH), 0);
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, 70007);
	KTAP_EXPECT_ERRNO(t, fchownat(AT_FDCWD, "o", 0, 0, 0x2), EINVAL);
	KTAP_EXPECT_ERRNO(t, fchownat(AT_FDCWD, "", 0, 0, 0), ENOENT);
	KTAP_EXPECT_ERRNO(t, chown("missing", 0, 0), ENOENT);
	KTAP_EXPECT_ERRNO(t, fchown(99, 0, 0), EBADF);
	KTAP_EXPECT_ERRNO(t, lchown(NULL, 0, 0), EFAULT);
	close(fd);
	unlink("o");
	unlink("ol");
}

/* chown clears setuid, and setgid with group execute (for root too, as
 * Linux since 2.2.13); a directory keeps them. */
static void attrs_chown_clears_setid(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, ktap_write_file("s", "x"), 0);
	KTAP_ASSERT_EQ(t, chmod("s", 06755), 0);
	KTAP_EXPECT_EQ(t, chown("s", 0, 0), 0);
	KTAP_EXPECT_EQ(t, mode_of("s"), S_IFREG | 0755);
	KTAP_ASSERT_EQ(t, chmod("s", 02745), 0);                /* setgid without group x */
	KTAP_EXPECT_EQ(t, chown("s", -1, -1), 0);
	KTAP_EXPECT_EQ(t, mode_of("s"), S_IFREG | 02745);       /* stays: it marks locking */
	KTAP_ASSERT_EQ(t, mkdir("sd", 02755), 0);
	KTAP_ASSERT_EQ(t, chmod("sd", 06755), 0);
	KTAP_EXPECT_EQ(t, chown("sd", 0, 0), 0);
	KTAP_EXPECT_EQ(t, mode_of("sd"), S_IFDIR | 06755);
	unlink("s");
	rmdir("sd");
}

/* i386's old 16-bit chown (182), lchown (16) and fchown (95): 0xffff
 * means -1, "leave it". */
static void attrs_chown16(struct ktap *t)
{
	int fd;

	if (skip_without_chown(t))
		return;
	KTAP_ASSERT_EQ(t, ktap_write_file("c16", "x"), 0);
	KTAP_EXPECT_EQ(t, syscall(__NR_chown, (long)"c16", 5, 6, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, syscall(__NR_lchown, (long)"c16", 0xffff, 7, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, lstat("c16", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, 5);
	KTAP_EXPECT_EQ(t, st.st_gid, 7);
	fd = open("c16", O_RDONLY);
	KTAP_EXPECT_EQ(t, syscall(__NR_fchown, fd, 8, 0xffff, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, 8);
	KTAP_EXPECT_EQ(t, st.st_gid, 7);
	KTAP_EXPECT_ERRNO(t, syscall(__NR_fchown, 99, 0, 0, 0, 0, 0), EBADF);
	close(fd);
	unlink("c16");
}

static void attrs_utimensat(struct ktap *t)
{
	struct timespec ts[2] = { { PAST, 123456789 }, { PAST + 60, 999999999 } };
	struct timespec omit_atime[2] = { { 0, UTIME_OMIT }, { PAST + 120, 0 } };
	struct timespec now_mtime[2] = { { 5, 0 }, { 0, UTIME_NOW } };
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	int fd;

	KTAP_ASSERT_EQ(t, ktap_write_file("u", "x"), 0);
	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "u", ts, 0), 0);
	KTAP_EXPECT_EQ(t, lstat("u", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_atime, PAST);
	KTAP_EXPECT_EQ(t, st.st_atime_nsec, 123456789);
	KTAP_EXPECT_EQ(t, st.st_mtime, PAST + 60);
	KTAP_EXPECT_EQ(t, st.st_mtime_nsec, 999999999);
	KTAP_EXPECT_GT(t, st.st_ctime, PAST + 60);              /* the ctime is now */
	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "u", omit_atime, 0), 0);
	KTAP_EXPECT_EQ(t, lstat("u", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_atime, PAST);                   /* UTIME_OMIT: kept */
	KTAP_EXPECT_EQ(t, st.st_mtime, PAST + 120);
	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "u", now_mtime, 0), 0);
	KTAP_EXPECT_EQ(t, lstat("u", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_atime, 5);
	KTAP_EXPECT_GT(t, st.st_mtime, PAST + 120);             /* UTIME_NOW */
	fd = open("u", O_RDONLY);
	KTAP_EXPECT_EQ(t, futimens(fd, ts), 0);                 /* utimensat(fd, NULL, ...) */
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_mtime, PAST + 60);
	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "u", NULL, 0), 0);      /* both now */
	KTAP_EXPECT_EQ(t, lstat("u", &st), 0);
	KTAP_EXPECT_GT(t, st.st_atime, PAST + 60);
	KTAP_EXPECT_GT(t, st.st_mtime, PAST + 60);
	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "missing", omit, 0), 0);   /* not even looked up */
	KTAP_EXPECT_ERRNO(t, utimensat(AT_FDCWD, "missing", ts, 0), ENOENT);
	KTAP_EXPECT_ERRNO(t, utimensat(AT_FDCWD, "missing", bad, 0), ENOENT);  /* the lookup first */
	KTAP_EXPECT_ERRNO(t, utimensat(AT_FDCWD, "u", bad, 0), EINVAL);
	KTAP_EXPECT_ERRNO(t, utimensat(AT_FDCWD, "u", ts, 0x2), EINVAL);
	KTAP_EXPECT_ERRNO(t, utimensat(fd, NULL, ts, AT_SYMLINK_NOFOLLOW), EINVAL);
	KTAP_EXPECT_ERRNO(t, utimensat(99, NULL, ts, 0), EBADF);
	KTAP_EXPECT_ERRNO(t, syscall(__NR_utimensat, AT_FDCWD, (long)"u", 16, 0, 0, 0), EFAULT);
	close(fd);
	unlink("u");
}

/* A symlink has times of its own (AT_SYMLINK_NOFOLLOW); a date past 2038
 * goes through utimensat_time64 and comes back through statx. */
static void attrs_utimensat_link_and_time64(struct ktap *t)
{
	struct { long long tv_sec; long long tv_nsec; } t64[2] = { { 5000000000LL, 7 }, { 5000000001LL, 8 } };
	struct statx sx;

	KTAP_ASSERT_EQ(t, ktap_write_file("v", "x"), 0);
	KTAP_ASSERT_EQ(t, symlink("v", "vl"), 0);
	KTAP_EXPECT_EQ(t, set_past("vl"), 0);
	KTAP_EXPECT_EQ(t, lstat("vl", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_mtime, PAST);
	KTAP_EXPECT_EQ(t, stat("vl", &st), 0);
	KTAP_EXPECT_GT(t, st.st_mtime, PAST);                   /* the file kept its own */
	KTAP_EXPECT_EQ(t, syscall(__NR_utimensat_time64, AT_FDCWD, (long)"v", (long)t64, 0, 0, 0), 0);
	KTAP_EXPECT_EQ(t, syscall(__NR_statx, AT_FDCWD, (long)"v", 0, STATX_BASIC_STATS, (long)&sx, 0), 0);
	KTAP_EXPECT_EQ(t, sx.stx_atime.tv_sec, 5000000000LL);
	KTAP_EXPECT_EQ(t, sx.stx_atime.tv_nsec, 7);
	KTAP_EXPECT_EQ(t, sx.stx_mtime.tv_sec, 5000000001LL);
	KTAP_EXPECT_EQ(t, sx.stx_mtime.tv_nsec, 8);
	unlink("v");
	unlink("vl");
}

static void attrs_utime_utimes(struct ktap *t)
{
	struct utimbuf ub = { PAST, PAST + 1 };
	struct timeval tv[2] = { { PAST + 2, 500000 }, { PAST + 3, 1 } };
	struct timeval bad[2] = { { PAST, 1000000 }, { PAST, 0 } };

	KTAP_ASSERT_EQ(t, ktap_write_file("w", "x"), 0);
	KTAP_EXPECT_EQ(t, utime("w", &ub), 0);
	KTAP_EXPECT_EQ(t, lstat("w", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_atime, PAST);
	KTAP_EXPECT_EQ(t, st.st_mtime, PAST + 1);
	KTAP_EXPECT_EQ(t, utimes("w", tv), 0);
	KTAP_EXPECT_EQ(t, lstat("w", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_atime, PAST + 2);
	KTAP_EXPECT_EQ(t, st.st_atime_nsec, 500000000);
	KTAP_EXPECT_EQ(t, st.st_mtime_nsec, 1000);
	KTAP_EXPECT_EQ(t, utime("w", NULL), 0);
	KTAP_EXPECT_EQ(t, lstat("w", &st), 0);
	KTAP_EXPECT_GT(t, st.st_mtime, PAST + 3);
	KTAP_EXPECT_ERRNO(t, utimes("w", bad), EINVAL);
	KTAP_EXPECT_ERRNO(t, utime("missing", &ub), ENOENT);
	unlink("w");
}

/* What moves which time, as Linux: a write the mtime and ctime, a read the
 * atime (relatime: when it is not after the mtime), chmod only the ctime,
 * truncation the mtime and ctime, a new name the directory's mtime. */
static void attrs_times_follow_changes(struct ktap *t)
{
	char buf[4];
	struct stat64 before;
	int fd;

	KTAP_ASSERT_EQ(t, ktap_write_file("z", "data"), 0);
	KTAP_ASSERT_EQ(t, set_past("z"), 0);
	KTAP_EXPECT_EQ(t, ktap_read_file("z", buf, sizeof(buf)), 3);
	KTAP_EXPECT_EQ(t, lstat("z", &st), 0);
	KTAP_EXPECT_GT(t, st.st_atime, PAST);                   /* read */
	KTAP_EXPECT_EQ(t, st.st_mtime, PAST);
	KTAP_ASSERT_EQ(t, set_past("z"), 0);
	fd = open("z", O_WRONLY | O_APPEND);
	KTAP_EXPECT_EQ(t, write(fd, "!", 1), 1);
	close(fd);
	KTAP_EXPECT_EQ(t, lstat("z", &st), 0);
	KTAP_EXPECT_GT(t, st.st_mtime, PAST);                   /* write */
	KTAP_EXPECT_EQ(t, st.st_atime, PAST);
	KTAP_ASSERT_EQ(t, set_past("z"), 0);
	KTAP_EXPECT_EQ(t, lstat("z", &before), 0);
	tick();
	KTAP_EXPECT_EQ(t, chmod("z", 0600), 0);
	KTAP_EXPECT_EQ(t, lstat("z", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_mtime, PAST);                   /* chmod: ctime only */
	KTAP_EXPECT_TRUE(t, st.st_ctime > before.st_ctime ||
			    (st.st_ctime == before.st_ctime && st.st_ctime_nsec > before.st_ctime_nsec));
	KTAP_EXPECT_EQ(t, truncate("z", 1), 0);
	KTAP_EXPECT_EQ(t, lstat("z", &st), 0);
	KTAP_EXPECT_GT(t, st.st_mtime, PAST);                   /* truncate */
	KTAP_ASSERT_EQ(t, set_past("."), 0);
	KTAP_EXPECT_EQ(t, rename("z", "z2"), 0);
	KTAP_EXPECT_EQ(t, lstat(".", &st), 0);
	KTAP_EXPECT_GT(t, st.st_mtime, PAST);                   /* the directory changed */
	unlink("z2");
}

static void attrs_truncate(struct ktap *t)
{
	char buf[64], zeros[40] = { 0 };
	int fd = open("tr", O_RDWR | O_CREAT | O_TRUNC, 0644), ro, p[2];

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, write(fd, "0123456789", 10), 10);
	KTAP_EXPECT_EQ(t, ftruncate(fd, 4), 0);                 /* shrink */
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 4);
	KTAP_EXPECT_EQ(t, truncate("tr", 50), 0);               /* grow with zeros */
	KTAP_EXPECT_EQ(t, pread(fd, buf, sizeof(buf), 0), 50);
	KTAP_EXPECT_EQ(t, memcmp(buf, "0123", 4), 0);
	KTAP_EXPECT_EQ(t, memcmp(buf + 4, zeros, 40), 0);       /* not the old 4..9 */
	KTAP_EXPECT_EQ(t, ftruncate64(fd, 5LL << 20), 0);
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 5 << 20);
	KTAP_EXPECT_LE(t, st.st_blocks, 16);                    /* a hole holds no pages */
	KTAP_EXPECT_EQ(t, truncate64("tr", 3), 0);
	KTAP_EXPECT_EQ(t, lstat("tr", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 3);
	KTAP_EXPECT_ERRNO(t, truncate("tr", -1), EINVAL);
	KTAP_EXPECT_ERRNO(t, ftruncate(fd, -1), EINVAL);
	KTAP_EXPECT_ERRNO(t, ftruncate64(99, -1), EINVAL);             /* before the fd */
	KTAP_EXPECT_ERRNO(t, truncate64("tr", -5), EINVAL);
	KTAP_EXPECT_ERRNO(t, truncate(".", 0), EISDIR);
	KTAP_EXPECT_ERRNO(t, truncate("missing", 0), ENOENT);
	KTAP_EXPECT_ERRNO(t, truncate("tr/x", 0), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, truncate(NULL, 0), EFAULT);
	KTAP_EXPECT_ERRNO(t, ftruncate(99, 0), EBADF);
	ro = open("tr", O_RDONLY);
	KTAP_EXPECT_ERRNO(t, ftruncate(ro, 0), EINVAL);                /* not open for writing */
	close(ro);
	ro = open(".", O_RDONLY | O_DIRECTORY);
	KTAP_EXPECT_ERRNO(t, ftruncate(ro, 0), EINVAL);
	close(ro);
	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_EXPECT_ERRNO(t, ftruncate(p[1], 0), EINVAL);
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink("tr");
}

static void attrs_statfs(struct ktap *t)
{
	struct statfs s;
	struct statfs64 s64, f64;
	int fd = open(".", O_RDONLY | O_DIRECTORY), p[2];

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, statfs(".", &s), 0);
	KTAP_EXPECT_EQ(t, statfs64(".", sizeof(s64), &s64), 0);
	KTAP_EXPECT_EQ(t, fstatfs64(fd, sizeof(f64), &f64), 0);
	KTAP_EXPECT_EQ(t, s64.f_type, s.f_type);
	KTAP_EXPECT_EQ(t, f64.f_type, s.f_type);
	KTAP_EXPECT_EQ(t, s64.f_namelen, 255);
	KTAP_EXPECT_GT(t, s64.f_bsize, 0);
	KTAP_EXPECT_EQ(t, sizeof(s64), 84);
	KTAP_EXPECT_EQ(t, fstatfs(fd, &s), 0);
	KTAP_EXPECT_EQ(t, s.f_type, s64.f_type);
	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_EXPECT_EQ(t, fstatfs(p[0], &s), 0);
	KTAP_EXPECT_EQ(t, s.f_type, PIPEFS_MAGIC);
	KTAP_EXPECT_ERRNO(t, statfs("missing", &s), ENOENT);
	KTAP_EXPECT_ERRNO(t, statfs(".", (void *)16), EFAULT);
	KTAP_EXPECT_ERRNO(t, fstatfs(99, &s), EBADF);
	KTAP_EXPECT_ERRNO(t, fstatfs64(99, sizeof(f64), &f64), EBADF);
	close(p[0]);
	close(p[1]);
	close(fd);
}

/* The ramfs answers with its magic number; statfs64 checks its size
 * argument. Neither holds for the build host's /tmp under qemu-i386. */
static void attrs_statfs_ramfs(struct ktap *t)
{
	struct statfs64 s64;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "the host's /tmp is no ramfs, and qemu-i386 ignores statfs64's size");
		return;
	}
	KTAP_EXPECT_EQ(t, statfs64("/", sizeof(s64), &s64), 0);
	KTAP_EXPECT_EQ(t, s64.f_type, RAMFS_MAGIC);
	KTAP_EXPECT_EQ(t, s64.f_bsize, 4096);
	KTAP_EXPECT_ERRNO(t, statfs64("/", 88, &s64), EINVAL);
	KTAP_EXPECT_ERRNO(t, fstatfs64(0, 64, &s64), EINVAL);
}

/* access as root: anything but executing a file with no execute bit. */
static void attrs_access(struct ktap *t)
{
	int dfd = open(".", O_RDONLY | O_DIRECTORY);

	KTAP_ASSERT_EQ(t, ktap_write_file("a", "x"), 0);
	KTAP_ASSERT_EQ(t, chmod("a", 0644), 0);
	KTAP_ASSERT_EQ(t, symlink("nowhere", "adangling"), 0);
	KTAP_EXPECT_EQ(t, access("a", F_OK), 0);
	KTAP_EXPECT_EQ(t, access("a", R_OK | W_OK), 0);
	KTAP_EXPECT_ERRNO(t, access("a", X_OK), EACCES);
	KTAP_EXPECT_EQ(t, access(".", X_OK), 0);                /* a directory: searchable */
	KTAP_EXPECT_EQ(t, chmod("a", 0744), 0);
	KTAP_EXPECT_EQ(t, access("a", X_OK), 0);
	KTAP_EXPECT_EQ(t, faccessat(dfd, "a", R_OK, 0), 0);
	KTAP_EXPECT_EQ(t, faccessat(dfd, "a", R_OK, AT_EACCESS), 0);
	KTAP_EXPECT_ERRNO(t, faccessat(dfd, "adangling", F_OK, 0), ENOENT);
	KTAP_EXPECT_EQ(t, faccessat(dfd, "adangling", F_OK, AT_SYMLINK_NOFOLLOW), 0);
	KTAP_EXPECT_ERRNO(t, access("a", 8), EINVAL);
	KTAP_EXPECT_ERRNO(t, faccessat(dfd, "a", F_OK, 0x1), EINVAL);
	KTAP_EXPECT_ERRNO(t, access("missing", F_OK), ENOENT);
	KTAP_EXPECT_ERRNO(t, access("a/x", F_OK), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, access(NULL, F_OK), EFAULT);
	KTAP_EXPECT_ERRNO(t, faccessat(99, "a", F_OK, 0), EBADF);
	close(dfd);
	unlink("a");
	unlink("adangling");
}

/* LTP's set-up for every test: a temporary directory from mkdtemp,
 * chmod 0777, a results file ftruncated to a page, statfs; then all of it
 * removed. Each step must succeed. */
static void ltp_setup_steps(struct ktap *t)
{
	char dir[64] = "/tmp/LTP_tstXXXXXX", file[96];
	struct statfs s;
	int fd;

	KTAP_ASSERT_TRUE(t, mkdtemp(dir) != NULL);
	KTAP_EXPECT_EQ(t, mode_of(dir), S_IFDIR | 0700);
	KTAP_EXPECT_EQ(t, chmod(dir, 0777), 0);
	snprintf(file, sizeof(file), "%s/results", dir);
	fd = open(file, O_CREAT | O_EXCL | O_RDWR, 0600);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, ftruncate(fd, 4096), 0);
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 4096);
	KTAP_EXPECT_EQ(t, statfs(dir, &s), 0);
	ktap_log(t, "%s: mkdtemp, chmod 0777, ftruncate to 4096, statfs f_type %#x: done",
		 dir, s.f_type);
	close(fd);
	KTAP_EXPECT_EQ(t, unlink(file), 0);
	KTAP_EXPECT_EQ(t, rmdir(dir), 0);
	KTAP_EXPECT_TRUE(t, !ktap_exists(dir));
	strcpy(dir, "/tmp/noXs");
	KTAP_EXPECT_TRUE(t, mkdtemp(dir) == NULL);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(attrs_chmod),
	KTAP_CASE(attrs_chown),
	KTAP_CASE(attrs_chown_clears_setid),
	KTAP_CASE(attrs_chown16),
	KTAP_CASE(attrs_utimensat),
	KTAP_CASE(attrs_utimensat_link_and_time64),
	KTAP_CASE(attrs_utime_utimes),
	KTAP_CASE(attrs_times_follow_changes),
	KTAP_CASE(attrs_truncate),
	KTAP_CASE(attrs_statfs),
	KTAP_CASE(attrs_statfs_ramfs),
	KTAP_CASE(attrs_access),
	KTAP_CASE(ltp_setup_steps),
	{ "scratch_removed", ktap_scratch_removed },
	{}
};

int main(void)
{
	return ktap_run_in_scratch("files_attrs", cases);
}
