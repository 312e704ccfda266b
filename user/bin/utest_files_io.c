/* user/bin/utest_files_io.c: KTAP self-tests of moving bytes and of open
 * files: readv/writev, pread64/pwrite64, preadv/pwritev, sendfile and
 * sendfile64, lseek's SEEK_DATA/SEEK_HOLE, fsync/fdatasync, dup3, the
 * open flags (O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW,
 * O_CLOEXEC, O_TMPFILE), FIFOs made by mknod, and the memory devices
 * /dev/null, /dev/zero and /dev/full. Each call's success paths and the
 * errors Linux's man pages give it; run on Tasklab and under qemu-i386 on
 * the build host, in a scratch directory under /tmp. */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <ktap_fs.h>
#include <futex.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/wait.h>

#define SEEK_DATA 3
#define SEEK_HOLE 4

static struct stat64 st;

/* A file holding data, open O_RDWR: its fd (the name stays). */
static int make_file(const char *name, const char *data)
{
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);

	if (fd >= 0 && write(fd, data, strlen(data)) != (ssize_t)strlen(data)) {
		close(fd);
		return -1;
	}
	return fd;
}

static void io_readv_writev(struct ktap *t)
{
	char a[3], b[5], c[8] = "";
	struct iovec out[3] = { { "abc", 3 }, { NULL, 0 }, { "defghij", 7 } };
	struct iovec in[3] = { { a, sizeof(a) }, { b, sizeof(b) }, { c, sizeof(c) } };
	struct iovec bad_len[1] = { { a, (size_t)-1 } };
	struct iovec bad_base[2] = { { "a", 1 }, { (void *)16, 1 } };
	int fd = open("v", O_RDWR | O_CREAT | O_TRUNC, 0644), wo;

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, writev(fd, out, 3), 10);
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_CUR), 10);
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_SET), 0);
	KTAP_EXPECT_EQ(t, readv(fd, in, 3), 10);                /* 3 + 5 + 2 */
	KTAP_EXPECT_EQ(t, memcmp(a, "abc", 3), 0);
	KTAP_EXPECT_EQ(t, memcmp(b, "defgh", 5), 0);
	KTAP_EXPECT_STREQ(t, c, "ij");
	KTAP_EXPECT_EQ(t, readv(fd, in, 3), 0);                 /* end of file */
	KTAP_EXPECT_EQ(t, readv(fd, in, 0), 0);
	KTAP_EXPECT_ERRNO(t, readv(fd, in, IOV_MAX + 1), EINVAL);
	KTAP_EXPECT_ERRNO(t, readv(fd, in, -1), EINVAL);
	KTAP_EXPECT_ERRNO(t, readv(fd, bad_len, 1), EINVAL);
	KTAP_EXPECT_EQ(t, writev(fd, bad_base, 2), 1);          /* a fault ends it short */
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 11);
	KTAP_EXPECT_ERRNO(t, writev(fd, bad_base + 1, 1), EFAULT);     /* no byte at all */
	KTAP_EXPECT_ERRNO(t, readv(fd, (void *)16, 1), EFAULT);
	KTAP_EXPECT_ERRNO(t, readv(99, in, 1), EBADF);
	wo = open("v", O_WRONLY);
	KTAP_EXPECT_ERRNO(t, readv(wo, in, 1), EBADF);
	close(wo);
	close(fd);
	unlink("v");
}

/* pread/pwrite leave the offset alone; a pipe cannot do them (ESPIPE); a
 * negative offset is EINVAL; under O_APPEND pwrite appends (Linux's
 * documented bug). */
static void io_pread_pwrite(struct ktap *t)
{
	char buf[8] = "";
	int fd = make_file("p", "0123456789"), ap, pfd[2];

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, lseek(fd, 2, SEEK_SET), 2);
	KTAP_EXPECT_EQ(t, pread(fd, buf, 3, 5), 3);
	KTAP_EXPECT_STREQ(t, buf, "567");
	KTAP_EXPECT_EQ(t, pwrite(fd, "XY", 2, 8), 2);
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_CUR), 2);           /* unmoved */
	KTAP_EXPECT_EQ(t, pread64(fd, buf, 4, 7), 3);           /* short at the end */
	KTAP_EXPECT_EQ(t, memcmp(buf, "7XY", 3), 0);
	KTAP_EXPECT_EQ(t, pwrite64(fd, "Z", 1, 20), 1);         /* a hole up to 20 */
	KTAP_EXPECT_EQ(t, pread(fd, buf, 2, 12), 2);
	KTAP_EXPECT_EQ(t, buf[0] | buf[1], 0);
	KTAP_EXPECT_ERRNO(t, pread64(fd, buf, 1, -1), EINVAL);
	KTAP_EXPECT_ERRNO(t, pwrite64(99, buf, 1, -1), EINVAL);        /* before the fd */
	KTAP_EXPECT_ERRNO(t, pread(99, buf, 1, 0), EBADF);
	KTAP_EXPECT_ERRNO(t, pread(fd, (void *)16, 1, 0), EFAULT);
	KTAP_ASSERT_EQ(t, pipe(pfd), 0);
	KTAP_EXPECT_ERRNO(t, pread(pfd[0], buf, 1, 0), ESPIPE);
	KTAP_EXPECT_ERRNO(t, pwrite(pfd[1], buf, 1, 0), ESPIPE);
	close(pfd[0]);
	close(pfd[1]);
	ap = open("p", O_WRONLY | O_APPEND);
	KTAP_EXPECT_EQ(t, pwrite(ap, "E", 1, 0), 1);
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 22);                      /* at the end, not 0 */
	KTAP_EXPECT_ERRNO(t, pread(ap, buf, 1, 0), EBADF);             /* write-only */
	close(ap);
	close(fd);
	unlink("p");
}

static void io_preadv_pwritev(struct ktap *t)
{
	char a[2], b[3];
	struct iovec out[2] = { { "hello", 5 }, { " world", 6 } };
	struct iovec in[2] = { { a, 2 }, { b, 3 } };
	int fd = open("pv", O_RDWR | O_CREAT | O_TRUNC, 0644), pfd[2];

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, pwritev(fd, out, 2, 4), 11);
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_CUR), 0);
	KTAP_EXPECT_EQ(t, preadv(fd, in, 2, 6), 5);
	KTAP_EXPECT_EQ(t, memcmp(a, "ll", 2), 0);
	KTAP_EXPECT_EQ(t, memcmp(b, "o w", 3), 0);
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_CUR), 0);
	KTAP_EXPECT_ERRNO(t, preadv(fd, in, 2, -1), EINVAL);
	KTAP_EXPECT_ERRNO(t, preadv(99, in, 2, 0), EBADF);
	KTAP_ASSERT_EQ(t, pipe(pfd), 0);
	KTAP_EXPECT_ERRNO(t, pwritev(pfd[1], out, 2, 0), ESPIPE);
	close(pfd[0]);
	close(pfd[1]);
	close(fd);
	unlink("pv");
}

/* sendfile: from *offset (updated; the input's own offset stays) or from
 * the input's offset (moved); into a file or a pipe; from /dev/zero. */
static void io_sendfile(struct ktap *t)
{
	char buf[16] = "";
	long long off64 = 2;
	off_t off = 1;
	int in = make_file("sin", "abcdefgh"), out = open("sout", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int p[2], ap, zero;

	KTAP_ASSERT_GE(t, in, 0);
	KTAP_ASSERT_GE(t, out, 0);
	KTAP_EXPECT_EQ(t, lseek(in, 0, SEEK_SET), 0);
	KTAP_EXPECT_EQ(t, sendfile64(out, in, &off64, 3), 3);
	KTAP_EXPECT_EQ(t, off64, 5);
	KTAP_EXPECT_EQ(t, lseek(in, 0, SEEK_CUR), 0);
	KTAP_EXPECT_EQ(t, sendfile(out, in, NULL, 100), 8);     /* to the end, moving in's offset */
	KTAP_EXPECT_EQ(t, lseek(in, 0, SEEK_CUR), 8);
	KTAP_EXPECT_EQ(t, sendfile(out, in, &off, 2), 2);
	KTAP_EXPECT_EQ(t, off, 3);
	KTAP_EXPECT_EQ(t, pread(out, buf, sizeof(buf) - 1, 0), 13);
	KTAP_EXPECT_STREQ(t, buf, "cdeabcdefghbc");
	KTAP_EXPECT_EQ(t, sendfile(out, in, NULL, 0), 0);
	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_EXPECT_EQ(t, sendfile(p[1], in, &off, 4), 4);      /* into a pipe */
	KTAP_EXPECT_EQ(t, read(p[0], buf, sizeof(buf)), 4);
	KTAP_EXPECT_EQ(t, memcmp(buf, "defg", 4), 0);
	KTAP_EXPECT_ERRNO(t, sendfile(out, p[0], NULL, 1), EINVAL);    /* from a pipe */
	KTAP_EXPECT_ERRNO(t, sendfile(out, p[0], &off, 1), ESPIPE);
	KTAP_EXPECT_ERRNO(t, sendfile(out, 99, NULL, 1), EBADF);
	KTAP_EXPECT_ERRNO(t, sendfile(99, in, NULL, 1), EBADF);
	KTAP_EXPECT_ERRNO(t, sendfile(in, p[1], NULL, 1), EBADF);      /* the write end cannot be read */
	KTAP_EXPECT_ERRNO(t, sendfile(out, in, (void *)16, 1), EFAULT);
	off = -1;
	KTAP_EXPECT_ERRNO(t, sendfile(out, in, &off, 1), EINVAL);
	ap = open("sout", O_WRONLY | O_APPEND);
	KTAP_EXPECT_ERRNO(t, sendfile(ap, in, NULL, 1), EINVAL);       /* O_APPEND output */
	zero = open("/dev/zero", O_RDONLY);
	KTAP_EXPECT_EQ(t, sendfile(out, zero, NULL, 5000), 5000);
	KTAP_EXPECT_EQ(t, fstat(out, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 13 + 5000);
	close(zero);
	close(ap);
	close(p[0]);
	close(p[1]);
	close(in);
	close(out);
	unlink("sin");
	unlink("sout");
}

/* SEEK_DATA and SEEK_HOLE on a file without holes: data from the offset,
 * a hole at the end; ENXIO at or past the end. */
static void io_lseek_data_hole(struct ktap *t)
{
	int fd = make_file("sk", "0123456789");

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, lseek(fd, 3, SEEK_DATA), 3);
	KTAP_EXPECT_EQ(t, lseek(fd, 3, SEEK_HOLE), 10);
	KTAP_EXPECT_ERRNO(t, lseek(fd, 10, SEEK_DATA), ENXIO);
	KTAP_EXPECT_ERRNO(t, lseek(fd, 11, SEEK_HOLE), ENXIO);
	KTAP_EXPECT_ERRNO(t, lseek(fd, 0, 5), EINVAL);
	KTAP_EXPECT_ERRNO(t, lseek(fd, -11, SEEK_END), EINVAL);
	close(fd);
	unlink("sk");
}

static void io_fsync(struct ktap *t)
{
	int fd = make_file("fs", "x"), dfd = open(".", O_RDONLY | O_DIRECTORY), p[2], null;

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, fsync(fd), 0);
	KTAP_EXPECT_EQ(t, fdatasync(fd), 0);
	KTAP_EXPECT_EQ(t, fsync(dfd), 0);
	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_EXPECT_ERRNO(t, fsync(p[0]), EINVAL);                     /* a pipe cannot sync */
	KTAP_EXPECT_ERRNO(t, fdatasync(p[1]), EINVAL);
	null = open("/dev/null", O_WRONLY);
	KTAP_EXPECT_ERRNO(t, fsync(null), EINVAL);
	KTAP_EXPECT_ERRNO(t, fsync(99), EBADF);
	KTAP_EXPECT_ERRNO(t, fdatasync(-1), EBADF);
	sync();
	KTAP_EXPECT_EQ(t, syscall(__NR_syncfs, fd, 0, 0, 0, 0, 0), 0);
	close(null);
	close(p[0]);
	close(p[1]);
	close(dfd);
	close(fd);
	unlink("fs");
}

static void io_dup3(struct ktap *t)
{
	int fd = open(".", O_RDONLY | O_DIRECTORY);

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, dup3(fd, 20, O_CLOEXEC), 20);
	KTAP_EXPECT_EQ(t, fcntl(20, F_GETFD, 0), FD_CLOEXEC);
	KTAP_EXPECT_EQ(t, dup3(fd, 20, 0), 20);                 /* replaces it, flag gone */
	KTAP_EXPECT_EQ(t, fcntl(20, F_GETFD, 0), 0);
	KTAP_EXPECT_ERRNO(t, dup3(fd, fd, 0), EINVAL);
	KTAP_EXPECT_ERRNO(t, dup3(99, 99, 0), EINVAL);                 /* the same fd: EINVAL first */
	KTAP_EXPECT_ERRNO(t, dup3(fd, 21, O_NONBLOCK), EINVAL);
	KTAP_EXPECT_ERRNO(t, dup3(99, 21, 0), EBADF);
	KTAP_EXPECT_ERRNO(t, dup3(fd, -1, 0), EBADF);
	KTAP_EXPECT_ERRNO(t, dup3(fd, 0x7fffffff, 0), EBADF);          /* past RLIMIT_NOFILE */
	KTAP_EXPECT_EQ(t, dup2(fd, fd), fd);                    /* dup2: the same fd is fine */
	KTAP_EXPECT_ERRNO(t, dup2(99, 99), EBADF);
	close(20);
	close(fd);
}

static void io_open_flags(struct ktap *t)
{
	int fd, dfd = open(".", O_RDONLY | O_DIRECTORY);

	fd = make_file("of", "0123456789");
	KTAP_ASSERT_GE(t, fd, 0);
	close(fd);
	KTAP_ASSERT_EQ(t, symlink("of", "ol"), 0);
	KTAP_ASSERT_EQ(t, symlink("nothing", "od"), 0);
	KTAP_ASSERT_EQ(t, mkdir("odir", 0755), 0);
	KTAP_EXPECT_ERRNO(t, open("of", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	KTAP_EXPECT_ERRNO(t, open("ol", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	KTAP_EXPECT_ERRNO(t, open("of", O_RDONLY | O_DIRECTORY), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, open("ol", O_RDONLY | O_NOFOLLOW), ELOOP);
	KTAP_EXPECT_ERRNO(t, open("odir", O_RDONLY | O_CREAT, 0644), EISDIR);
	KTAP_EXPECT_ERRNO(t, open("odir/", O_WRONLY | O_CREAT, 0644), EISDIR);
	KTAP_EXPECT_ERRNO(t, open("odir", O_RDONLY | O_TRUNC), EISDIR);
	KTAP_EXPECT_ERRNO(t, open("missing", O_RDONLY), ENOENT);
	KTAP_EXPECT_ERRNO(t, open("of/x", O_RDONLY), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, openat(99, "of", O_RDONLY), EBADF);
	fd = openat(dfd, "of", O_WRONLY | O_APPEND);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, fcntl(fd, F_GETFL, 0) & (O_ACCMODE | O_APPEND | O_CREAT | O_TRUNC),
		       O_WRONLY | O_APPEND);
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_SET), 0);
	KTAP_EXPECT_EQ(t, write(fd, "A", 1), 1);                /* at the end all the same */
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_CUR), 11);
	close(fd);
	fd = open("of", O_RDONLY | O_TRUNC);                    /* Linux truncates, even so */
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 0);
	close(fd);
	fd = open("of", O_RDONLY | O_CLOEXEC);
	KTAP_EXPECT_EQ(t, fcntl(fd, F_GETFD, 0), FD_CLOEXEC);
	close(fd);
	fd = open("od", O_WRONLY | O_CREAT, 0600);              /* creates what the link names */
	KTAP_EXPECT_GE(t, fd, 0);
	KTAP_EXPECT_TRUE(t, ktap_exists("nothing"));
	close(fd);
	close(dfd);
	unlink("of");
	unlink("ol");
	unlink("od");
	unlink("nothing");
	rmdir("odir");
}

/* Linux's access mode 3: a file that can be neither read nor written
 * (for ioctl), and a directory cannot be opened so (it asks for write). */
static void io_open_accmode_3(struct ktap *t)
{
	char c;
	int fd;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 turns access mode 3 into O_RDONLY");
		return;
	}
	KTAP_ASSERT_EQ(t, ktap_write_file("a3", "x"), 0);
	fd = open("a3", O_ACCMODE);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_ERRNO(t, read(fd, &c, 1), EBADF);
	KTAP_EXPECT_ERRNO(t, write(fd, &c, 1), EBADF);
	KTAP_EXPECT_ERRNO(t, open(".", O_ACCMODE), EISDIR);
	close(fd);
	unlink("a3");
}

/* Is "name" an entry of the current directory? */
static bool listed(const char *name)
{
	char buf[1024];
	int fd = open(".", O_RDONLY | O_DIRECTORY), n;
	bool found = false;

	while (fd >= 0 && (n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (int off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen)
			found |= !strcmp(((struct linux_dirent64 *)(buf + off))->d_name, name);
	close(fd);
	return found;
}

/* O_TMPFILE: a file with no name (nlink 0, in no listing) until linkat
 * gives it one, unless O_EXCL said never. */
static void io_tmpfile(struct ktap *t)
{
	char buf[8] = "";
	char fdpath[32];
	int fd = open(".", O_TMPFILE | O_RDWR, 0600), ex;

	if (fd < 0 && errno == EOPNOTSUPP && !ktap_on_tasklab()) {
		ktap_skip(t, "the host's /tmp has no O_TMPFILE");
		return;
	}
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, write(fd, "anon", 4), 4);
	KTAP_EXPECT_EQ(t, pread(fd, buf, 4, 0), 4);
	KTAP_EXPECT_STREQ(t, buf, "anon");
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_nlink, 0);
	KTAP_EXPECT_EQ(t, st.st_mode, S_IFREG | 0600);
	snprintf(fdpath, sizeof(fdpath), "%d", fd);
	KTAP_EXPECT_TRUE(t, !listed(fdpath));
	KTAP_EXPECT_EQ(t, linkat(fd, "", AT_FDCWD, "named", AT_EMPTY_PATH), 0);
	KTAP_EXPECT_EQ(t, ktap_read_file("named", buf, sizeof(buf)), 4);
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_nlink, 1);
	ex = open(".", O_TMPFILE | O_WRONLY | O_EXCL, 0600);
	KTAP_ASSERT_GE(t, ex, 0);
	KTAP_EXPECT_ERRNO(t, linkat(ex, "", AT_FDCWD, "never", AT_EMPTY_PATH), ENOENT);
	KTAP_EXPECT_ERRNO(t, open(".", O_TMPFILE | O_RDONLY, 0600), EINVAL);   /* must write */
	KTAP_EXPECT_ERRNO(t, open("named", O_TMPFILE | O_RDWR, 0600), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, open("missing", O_TMPFILE | O_RDWR, 0600), ENOENT);
	close(ex);
	close(fd);
	unlink("named");
}

/* Open the FIFO for writing and write to it (a child of the test). */
static int fifo_writer(void)
{
	int fd = open("fifo", O_WRONLY);                        /* waits for the reader */

	return fd >= 0 && write(fd, "through", 7) == 7 ? 0 : 1;
}

/* A FIFO made by mknod: a reader's open waits for a writer (and back),
 * bytes pass as through a pipe, and neither end seeks. O_NONBLOCK: a
 * reader opens at once, a writer with no reader is ENXIO. */
static void io_fifo(struct ktap *t)
{
	char buf[16] = "";
	int rd, rw, status;
	pid_t pid;

	KTAP_ASSERT_EQ(t, mkfifo("fifo", 0600), 0);
	KTAP_EXPECT_ERRNO(t, open("fifo", O_WRONLY | O_NONBLOCK), ENXIO);
	rd = open("fifo", O_RDONLY | O_NONBLOCK);
	KTAP_ASSERT_GE(t, rd, 0);
	KTAP_EXPECT_EQ(t, read(rd, buf, sizeof(buf)), 0);       /* no writer: end of file */
	close(rd);
	pid = fork();
	if (pid == 0)
		_exit(fifo_writer());
	rd = open("fifo", O_RDONLY);                            /* waits for the child */
	KTAP_ASSERT_GE(t, rd, 0);
	KTAP_EXPECT_EQ(t, read(rd, buf, 7), 7);
	KTAP_EXPECT_STREQ(t, buf, "through");
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, read(rd, buf, sizeof(buf)), 0);       /* the writer is gone */
	KTAP_EXPECT_ERRNO(t, lseek(rd, 0, SEEK_SET), ESPIPE);
	KTAP_EXPECT_ERRNO(t, pread(rd, buf, 1, 0), ESPIPE);
	close(rd);
	rw = open("fifo", O_RDWR);                              /* both ends: no wait */
	KTAP_ASSERT_GE(t, rw, 0);
	KTAP_EXPECT_EQ(t, write(rw, "x", 1), 1);
	KTAP_EXPECT_EQ(t, read(rw, buf, 1), 1);
	KTAP_EXPECT_EQ(t, fstat(rw, &st), 0);
	KTAP_EXPECT_TRUE(t, S_ISFIFO(st.st_mode));
	close(rw);
	unlink("fifo");
}

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)

static volatile int reader_fd = -2;

static int fifo_reader_thread(void *unused)
{
	reader_fd = open("fifo2", O_RDONLY);            /* sleeps until a writer */
	return 0;
}

/* An open that sleeps (a FIFO's) while another thread of the process
 * opens a file: each gets an fd of its own (the lowest free one when its
 * open ends), not the one that was free when the sleeping open began. */
static void io_fifo_open_sleeps_while_thread_opens(struct ktap *t)
{
	static char stack[16384];
	struct timespec nap = { 0, 50 * 1000 * 1000 };
	volatile int tid = -1;
	int other, wr, v;

	KTAP_ASSERT_EQ(t, mkfifo("fifo2", 0600), 0);
	KTAP_ASSERT_GT(t, clone(fifo_reader_thread, stack + sizeof(stack), THREAD_FLAGS, NULL,
				(pid_t *)&tid, NULL, (pid_t *)&tid), 0);
	nanosleep(&nap, NULL);                          /* the reader is asleep in open */
	other = open(".", O_RDONLY | O_DIRECTORY);
	KTAP_EXPECT_GE(t, other, 0);
	wr = open("fifo2", O_WRONLY);                   /* wakes the reader */
	KTAP_EXPECT_GE(t, wr, 0);
	while ((v = tid) != 0)                          /* join: CLEARTID wakes us */
		__syscall6(__NR_futex, (long)&tid, FUTEX_WAIT, v, 0, 0, 0);
	KTAP_EXPECT_GE(t, reader_fd, 0);
	KTAP_EXPECT_NE(t, reader_fd, other);
	KTAP_EXPECT_NE(t, reader_fd, wr);
	close(reader_fd);
	close(other);
	close(wr);
	unlink("fifo2");
}

/* /dev/null, /dev/zero, /dev/full: Linux's 1:3, 1:5, 1:7. */
static void io_mem_devices(struct ktap *t)
{
	static const struct { const char *path; unsigned int minor; } devs[] = {
		{ "/dev/null", 3 }, { "/dev/zero", 5 }, { "/dev/full", 7 } };
	char buf[64];
	int null = open("/dev/null", O_RDWR), zero = open("/dev/zero", O_RDWR);
	int full = open("/dev/full", O_RDWR);

	KTAP_ASSERT_GE(t, null, 0);
	KTAP_ASSERT_GE(t, zero, 0);
	KTAP_ASSERT_GE(t, full, 0);
	for (int i = 0; i < 3; i++) {
		KTAP_EXPECT_EQ(t, stat(devs[i].path, &st), 0);
		KTAP_EXPECT_TRUE(t, S_ISCHR(st.st_mode));
		KTAP_EXPECT_EQ(t, st.st_mode & 0777, 0666);
		KTAP_EXPECT_EQ(t, major(st.st_rdev), 1);
		KTAP_EXPECT_EQ(t, minor(st.st_rdev), devs[i].minor);
	}
	KTAP_EXPECT_EQ(t, read(null, buf, sizeof(buf)), 0);
	KTAP_EXPECT_EQ(t, write(null, "gone", 4), 4);
	memset(buf, 'x', sizeof(buf));
	KTAP_EXPECT_EQ(t, read(zero, buf, sizeof(buf)), sizeof(buf));
	KTAP_EXPECT_EQ(t, buf[0] | buf[31] | buf[63], 0);
	KTAP_EXPECT_EQ(t, write(zero, "gone", 4), 4);
	memset(buf, 'x', sizeof(buf));
	KTAP_EXPECT_EQ(t, pread(zero, buf, 8, 1000), 8);
	KTAP_EXPECT_EQ(t, buf[7], 0);
	KTAP_EXPECT_EQ(t, read(full, buf, 16), 16);
	KTAP_EXPECT_ERRNO(t, write(full, "x", 1), ENOSPC);
	KTAP_EXPECT_ERRNO(t, read(zero, (void *)16, 4), EFAULT);
	KTAP_EXPECT_EQ(t, lseek(null, 100, SEEK_SET), 0);       /* they stay at 0 */
	KTAP_EXPECT_EQ(t, lseek(zero, 5, SEEK_CUR), 0);
	KTAP_EXPECT_EQ(t, lseek(full, 0, SEEK_END), 0);
	close(null);
	close(zero);
	close(full);
}

/* A private mapping of /dev/zero is anonymous memory: zeros, writable,
 * the process's own (a child's stores stay in the child). */
static void io_mmap_dev_zero(struct ktap *t)
{
	int fd = open("/dev/zero", O_RDWR), status;
	char *m;
	pid_t pid;

	KTAP_ASSERT_GE(t, fd, 0);
	m = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	KTAP_ASSERT_TRUE(t, m != MAP_FAILED);
	close(fd);                                              /* the mapping stays */
	KTAP_EXPECT_EQ(t, m[0] | m[4096] | m[3 * 4096 - 1], 0);
	m[5000] = 'p';
	pid = fork();
	if (pid == 0) {
		m[5000] = 'c';
		_exit(m[0] == 0 ? 0 : 1);
	}
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, m[5000], 'p');
	KTAP_EXPECT_EQ(t, munmap(m, 3 * 4096), 0);
	fd = open("/dev/null", O_RDONLY);
	KTAP_EXPECT_TRUE(t, mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED);
	KTAP_EXPECT_EQ(t, errno, ENODEV);                       /* null cannot map */
	close(fd);
}

/* A shared mapping of /dev/zero is shared anonymous memory (Linux's
 * shmem_zero_setup): zeros at first, and a child's stores are the
 * parent's, in both directions; a read-only open can map it shared only
 * without PROT_WRITE (EACCES). */
static void io_mmap_dev_zero_shared(struct ktap *t)
{
	int fd = open("/dev/zero", O_RDWR), status;
	volatile char *m;
	pid_t pid;

	KTAP_ASSERT_GE(t, fd, 0);
	m = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	KTAP_ASSERT_TRUE(t, m != MAP_FAILED);
	close(fd);                                              /* the mapping stays */
	KTAP_EXPECT_EQ(t, m[0] | m[8191], 0);
	m[10] = 'p';
	pid = fork();
	if (pid == 0) {
		int seen = m[10];
		m[5000] = 'c';
		_exit(seen == 'p' ? 0 : 1);
	}
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);                           /* the child saw 'p' */
	KTAP_EXPECT_EQ(t, m[5000], 'c');                        /* and we see its 'c' */
	KTAP_EXPECT_EQ(t, munmap((void *)m, 2 * 4096), 0);
	fd = open("/dev/zero", O_RDONLY);
	KTAP_EXPECT_TRUE(t, mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) ==
			 MAP_FAILED);
	KTAP_EXPECT_EQ(t, errno, EACCES);
	m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
	KTAP_EXPECT_TRUE(t, m != MAP_FAILED);
	if (m != MAP_FAILED) {
		KTAP_EXPECT_EQ(t, m[100], 0);
		munmap((void *)m, 4096);
	}
	close(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(io_readv_writev),
	KTAP_CASE(io_pread_pwrite),
	KTAP_CASE(io_preadv_pwritev),
	KTAP_CASE(io_sendfile),
	KTAP_CASE(io_lseek_data_hole),
	KTAP_CASE(io_fsync),
	KTAP_CASE(io_dup3),
	KTAP_CASE(io_open_flags),
	KTAP_CASE(io_open_accmode_3),
	KTAP_CASE(io_tmpfile),
	KTAP_CASE(io_fifo),
	KTAP_CASE(io_fifo_open_sleeps_while_thread_opens),
	KTAP_CASE(io_mem_devices),
	KTAP_CASE(io_mmap_dev_zero),
	KTAP_CASE(io_mmap_dev_zero_shared),
	{ "scratch_removed", ktap_scratch_removed },
	{}
};

int main(void)
{
	return ktap_run_in_scratch("files_io", cases);
}
