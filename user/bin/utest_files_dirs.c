/* user/bin/utest_files_dirs.c: KTAP self-tests of the calls that make and
 * remove names: mkdir/mkdirat, rmdir, creat, mknod/mknodat, umask,
 * unlink/unlinkat (an open file outlives its name), link/linkat,
 * symlink/symlinkat/readlinkat, rename/renameat/renameat2, chdir/fchdir
 * and getcwd. Each call's success paths and the errors Linux's man pages
 * give it, and their rules across mounts (Tasklab only: the build host
 * does not let a test mount). The cases work in a scratch directory under
 * /tmp (mkdtemp), removed at the end; they run on Tasklab and under
 * qemu-i386 on the build host alike. */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <ktap_fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

static struct stat64 st;

static unsigned int nlink_of(const char *path)
{
	return lstat(path, &st) ? 0 : st.st_nlink;
}

static unsigned int mode_of(const char *path)
{
	return lstat(path, &st) ? 0 : st.st_mode;
}

/* A path longer than PATH_MAX, and a name longer than NAME_MAX. */
static char long_path[4200], long_name[300];

static void make_long_names(void)
{
	memset(long_path, 'a', sizeof(long_path) - 1);
	for (size_t i = 100; i < sizeof(long_path) - 1; i += 100)
		long_path[i] = '/';
	memset(long_name, 'n', 256);
}

static void dirs_mkdir_rmdir(struct ktap *t)
{
	unsigned int parent = nlink_of(".");

	umask(022);
	KTAP_ASSERT_EQ(t, mkdir("d", 0777), 0);
	KTAP_EXPECT_EQ(t, mode_of("d"), S_IFDIR | 0755);        /* the umask took 022 */
	KTAP_EXPECT_EQ(t, nlink_of("d"), 2);                    /* its name and its "." */
	KTAP_EXPECT_EQ(t, nlink_of("."), parent + 1);           /* its ".." */
	KTAP_EXPECT_EQ(t, mkdir("d/sub/", 0700), 0);            /* a trailing slash is fine */
	KTAP_EXPECT_EQ(t, nlink_of("d"), 3);
	KTAP_EXPECT_ERRNO(t, mkdir("d", 0777), EEXIST);
	KTAP_EXPECT_ERRNO(t, mkdir("d/.", 0777), EEXIST);
	KTAP_EXPECT_ERRNO(t, mkdir("/", 0777), EEXIST);
	KTAP_EXPECT_ERRNO(t, mkdir("missing/x", 0777), ENOENT);
	KTAP_EXPECT_ERRNO(t, mkdir("", 0777), ENOENT);
	KTAP_EXPECT_ERRNO(t, mkdir(NULL, 0777), EFAULT);
	KTAP_ASSERT_EQ(t, ktap_write_file("f", "x"), 0);
	KTAP_EXPECT_ERRNO(t, mkdir("f", 0777), EEXIST);
	KTAP_EXPECT_ERRNO(t, mkdir("f/x", 0777), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, mkdir(long_name, 0777), ENAMETOOLONG);
	KTAP_EXPECT_ERRNO(t, mkdir(long_path, 0777), ENAMETOOLONG);
	KTAP_EXPECT_ERRNO(t, rmdir("d"), ENOTEMPTY);
	KTAP_EXPECT_ERRNO(t, rmdir("f"), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, rmdir("d/sub/."), EINVAL);
	KTAP_EXPECT_ERRNO(t, rmdir("d/sub/.."), ENOTEMPTY);
	KTAP_EXPECT_ERRNO(t, rmdir("missing"), ENOENT);
	KTAP_EXPECT_ERRNO(t, rmdir("f/x"), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, rmdir(""), ENOENT);
	KTAP_EXPECT_ERRNO(t, rmdir("/"), EBUSY);
	KTAP_EXPECT_EQ(t, rmdir("d/sub"), 0);
	KTAP_EXPECT_EQ(t, rmdir("d/"), 0);
	KTAP_EXPECT_EQ(t, nlink_of("."), parent);
	KTAP_EXPECT_ERRNO(t, rmdir("d"), ENOENT);
	KTAP_EXPECT_EQ(t, unlink("f"), 0);
}

/* mkdirat and the other *at calls: a relative path starts at dirfd; an
 * absolute one ignores it, even a bad one. */
static void dirs_mkdirat_dirfd(struct ktap *t)
{
	int dfd, ffd;
	char abs[128];

	KTAP_ASSERT_EQ(t, mkdir("at", 0755), 0);
	dfd = open("at", O_RDONLY | O_DIRECTORY);
	KTAP_ASSERT_GE(t, dfd, 0);
	KTAP_EXPECT_EQ(t, mkdirat(dfd, "sub", 0700), 0);
	KTAP_EXPECT_EQ(t, mode_of("at/sub"), S_IFDIR | 0700);
	KTAP_EXPECT_ERRNO(t, mkdirat(dfd, "sub", 0700), EEXIST);
	KTAP_EXPECT_ERRNO(t, mkdirat(99, "x", 0700), EBADF);
	ffd = open("at/file", O_WRONLY | O_CREAT, 0644);
	KTAP_ASSERT_GE(t, ffd, 0);
	KTAP_EXPECT_ERRNO(t, mkdirat(ffd, "x", 0700), ENOTDIR);
	KTAP_ASSERT_TRUE(t, getcwd(abs, sizeof(abs)) != NULL);
	strcat(abs, "/at/abs");
	KTAP_EXPECT_EQ(t, mkdirat(99, abs, 0700), 0);           /* dirfd not even looked at */
	KTAP_EXPECT_EQ(t, unlinkat(dfd, "abs", AT_REMOVEDIR), 0);
	KTAP_EXPECT_EQ(t, unlinkat(dfd, "sub", AT_REMOVEDIR), 0);
	KTAP_EXPECT_ERRNO(t, unlinkat(dfd, "file", AT_REMOVEDIR), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, unlinkat(dfd, "file", 0x1), EINVAL);
	KTAP_EXPECT_EQ(t, unlinkat(dfd, "file", 0), 0);
	close(ffd);
	close(dfd);
	KTAP_EXPECT_EQ(t, rmdir("at"), 0);
}

/* umask: the old mask back; O_CREAT, mkdir and mknod take the new one
 * off; only 0777 of it counts. */
static void dirs_umask(struct ktap *t)
{
	int fd;

	umask(022);
	KTAP_EXPECT_EQ(t, umask(027), 022);
	fd = open("u1", O_WRONLY | O_CREAT | O_EXCL, 0666);
	KTAP_ASSERT_GE(t, fd, 0);
	close(fd);
	KTAP_EXPECT_EQ(t, mode_of("u1"), S_IFREG | 0640);
	KTAP_EXPECT_EQ(t, mkdir("u2", 0777), 0);
	KTAP_EXPECT_EQ(t, mode_of("u2"), S_IFDIR | 0750);
	KTAP_EXPECT_EQ(t, mknod("u3", S_IFREG | 0666, 0), 0);
	KTAP_EXPECT_EQ(t, mode_of("u3"), S_IFREG | 0640);
	KTAP_EXPECT_EQ(t, umask(07777), 027);
	KTAP_EXPECT_EQ(t, umask(022), 0777);                    /* the sticky & co bits dropped */
	KTAP_EXPECT_EQ(t, chmod("u1", 04755), 0);               /* chmod ignores the umask */
	KTAP_EXPECT_EQ(t, mode_of("u1"), S_IFREG | 04755);
	unlink("u1");
	rmdir("u2");
	unlink("u3");
}

/* creat = open(O_CREAT | O_WRONLY | O_TRUNC). */
static void dirs_creat(struct ktap *t)
{
	char c;
	int fd = creat("c", 0644);

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, write(fd, "hello", 5), 5);
	KTAP_EXPECT_ERRNO(t, read(fd, &c, 1), EBADF);                  /* write-only */
	close(fd);
	fd = creat("c", 0600);                                  /* exists: truncated */
	KTAP_ASSERT_GE(t, fd, 0);
	close(fd);
	KTAP_EXPECT_EQ(t, lstat("c", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 0);
	KTAP_EXPECT_EQ(t, st.st_mode, S_IFREG | 0644);          /* the mode stays */
	KTAP_ASSERT_EQ(t, mkdir("cd", 0755), 0);
	KTAP_EXPECT_ERRNO(t, creat("cd", 0644), EISDIR);
	KTAP_EXPECT_ERRNO(t, creat("nodir/c", 0644), ENOENT);
	KTAP_EXPECT_ERRNO(t, creat("c/x", 0644), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, creat(NULL, 0644), EFAULT);
	unlink("c");
	rmdir("cd");
}

/* Is this Tasklab, or a build host that lets us make device nodes? */
static bool can_mknod_devices(void)
{
	bool ok = mknod("probe", S_IFCHR | 0600, makedev(1, 3)) == 0;

	unlink("probe");
	return ok;
}

/* mknod: a regular file (type 0 too), a FIFO, a socket (opens: ENXIO),
 * a character device; EPERM for a directory, EINVAL for no known type. */
static void dirs_mknod(struct ktap *t)
{
	int dfd = open(".", O_RDONLY | O_DIRECTORY), fd;

	umask(022);
	KTAP_EXPECT_EQ(t, mknod("n_reg", 0644, 0), 0);
	KTAP_EXPECT_EQ(t, mode_of("n_reg"), S_IFREG | 0644);
	KTAP_EXPECT_EQ(t, mknodat(dfd, "n_fifo", S_IFIFO | 0666, 0), 0);
	KTAP_EXPECT_EQ(t, mode_of("n_fifo"), S_IFIFO | 0644);
	KTAP_EXPECT_EQ(t, mknod("n_sock", S_IFSOCK | 0600, 0), 0);
	KTAP_EXPECT_TRUE(t, S_ISSOCK(mode_of("n_sock")));
	KTAP_EXPECT_ERRNO(t, open("n_sock", O_RDONLY), ENXIO);
	KTAP_EXPECT_ERRNO(t, mknod("n_dir", S_IFDIR | 0755, 0), EPERM);
	KTAP_EXPECT_ERRNO(t, mknod("n_bad", 0170000 | 0644, 0), EINVAL);
	KTAP_EXPECT_ERRNO(t, mknod("n_reg", S_IFREG | 0644, 0), EEXIST);
	KTAP_EXPECT_ERRNO(t, mknod("missing/x", S_IFREG | 0644, 0), ENOENT);
	KTAP_EXPECT_ERRNO(t, mknod("n_reg/", S_IFREG | 0644, 0), EEXIST);
	KTAP_EXPECT_ERRNO(t, mknod("n_new/", S_IFREG | 0644, 0), ENOENT);    /* "missing/" is no file */
	if (can_mknod_devices()) {
		KTAP_EXPECT_EQ(t, mknod("n_null", S_IFCHR | 0666, makedev(1, 3)), 0);
		KTAP_EXPECT_EQ(t, lstat("n_null", &st), 0);
		KTAP_EXPECT_TRUE(t, S_ISCHR(st.st_mode));
		KTAP_EXPECT_EQ(t, major(st.st_rdev), 1);
		KTAP_EXPECT_EQ(t, minor(st.st_rdev), 3);
		fd = open("n_null", O_WRONLY);                  /* the driver of 1:3 */
		KTAP_EXPECT_GE(t, fd, 0);
		KTAP_EXPECT_EQ(t, write(fd, "gone", 4), 4);
		close(fd);
		KTAP_EXPECT_EQ(t, mknod("n_none", S_IFCHR | 0666, makedev(250, 77)), 0);
		KTAP_EXPECT_ERRNO(t, open("n_none", O_RDONLY), ENXIO); /* no driver */
		unlink("n_null");
		unlink("n_none");
	} else {
		ktap_log(t, "device nodes skipped: this host refuses mknod (no CAP_MKNOD)");
	}
	close(dfd);
	unlink("n_reg");
	unlink("n_fifo");
	unlink("n_sock");
}

/* A non-root caller may make FIFOs but not device nodes (CAP_MKNOD). */
static int mknod_as_user(void)
{
	if (setgid(70000) || setuid(70000))
		return 10;
	if (mknod("nu_fifo", S_IFIFO | 0600, 0))
		return 11;
	unlink("nu_fifo");
	errno = 0;
	return mknod("nu_chr", S_IFCHR | 0600, makedev(1, 3)) == -1 && errno == EPERM ? 0 : 12;
}

static void dirs_mknod_device_needs_root(struct ktap *t)
{
	int status;

	if (ktap_skip_without_uid_switch(t))
		return;
	KTAP_ASSERT_EQ(t, mkdir("nu", 0777), 0);
	KTAP_ASSERT_EQ(t, chmod("nu", 0777), 0);
	KTAP_ASSERT_EQ(t, chdir("nu"), 0);
	status = ktap_run_child(mknod_as_user);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 0);
	KTAP_EXPECT_EQ(t, chdir(".."), 0);
	KTAP_EXPECT_EQ(t, rmdir("nu"), 0);
}

/* A file unlinked while open lives on: its data reads back through the
 * fd, fstat says no links, and the name is free for a new file. */
static void dirs_unlink_open_file(struct ktap *t)
{
	char buf[16] = "";
	int fd = open("victim", O_RDWR | O_CREAT | O_TRUNC, 0644), fd2;

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, write(fd, "still here", 10), 10);
	KTAP_EXPECT_EQ(t, unlink("victim"), 0);
	KTAP_EXPECT_TRUE(t, !ktap_exists("victim"));
	KTAP_EXPECT_EQ(t, lseek(fd, 0, SEEK_SET), 0);
	KTAP_EXPECT_EQ(t, read(fd, buf, sizeof(buf)), 10);
	KTAP_EXPECT_STREQ(t, buf, "still here");
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_nlink, 0);
	KTAP_EXPECT_EQ(t, st.st_size, 10);
	KTAP_EXPECT_EQ(t, write(fd, "!", 1), 1);                /* and takes writes */
	fd2 = open("victim", O_RDWR | O_CREAT | O_EXCL, 0644);  /* a new file */
	KTAP_EXPECT_GE(t, fd2, 0);
	KTAP_EXPECT_EQ(t, fstat(fd2, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 0);
	close(fd);
	close(fd2);
	unlink("victim");
}

static void dirs_unlink_errors(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, mkdir("ud", 0755), 0);
	KTAP_ASSERT_EQ(t, ktap_write_file("uf", "x"), 0);
	KTAP_EXPECT_ERRNO(t, unlink("ud"), EISDIR);
	KTAP_EXPECT_ERRNO(t, unlink("uf/"), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, unlink("ud/"), EISDIR);
	KTAP_EXPECT_ERRNO(t, unlink("missing"), ENOENT);
	KTAP_EXPECT_ERRNO(t, unlink("uf/x"), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, unlink("."), EISDIR);
	KTAP_EXPECT_ERRNO(t, unlink(""), ENOENT);
	KTAP_EXPECT_ERRNO(t, unlink(long_name), ENAMETOOLONG);
	KTAP_EXPECT_ERRNO(t, unlinkat(AT_FDCWD, "ud", 0x400), EINVAL);
	KTAP_EXPECT_ERRNO(t, unlinkat(77, "uf", 0), EBADF);
	KTAP_EXPECT_EQ(t, unlink("uf"), 0);
	KTAP_EXPECT_EQ(t, rmdir("ud"), 0);
}

/* Hard links: one inode under two names, counted in st_nlink; a
 * directory cannot be linked; linkat links a symlink itself unless
 * AT_SYMLINK_FOLLOW, or an open file by its fd (AT_EMPTY_PATH, as root)
 * while it has a name left. */
static void links_hard(struct ktap *t)
{
	struct stat64 a;
	char buf[16];
	int p[2], fd;

	KTAP_ASSERT_EQ(t, ktap_write_file("h1", "shared"), 0);
	KTAP_ASSERT_EQ(t, link("h1", "h2"), 0);
	KTAP_EXPECT_EQ(t, nlink_of("h1"), 2);
	KTAP_EXPECT_EQ(t, lstat("h1", &a), 0);
	KTAP_EXPECT_EQ(t, lstat("h2", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_ino, a.st_ino);
	KTAP_EXPECT_EQ(t, ktap_write_file("h2", "changed"), 0);  /* one file */
	KTAP_EXPECT_EQ(t, ktap_read_file("h1", buf, sizeof(buf)), 7);
	KTAP_EXPECT_STREQ(t, buf, "changed");
	KTAP_EXPECT_EQ(t, unlink("h1"), 0);
	KTAP_EXPECT_EQ(t, nlink_of("h2"), 1);
	KTAP_EXPECT_ERRNO(t, link("h2", "h2"), EEXIST);
	KTAP_EXPECT_ERRNO(t, link("missing", "h3"), ENOENT);
	KTAP_EXPECT_ERRNO(t, link("h2", "missing/h3"), ENOENT);
	KTAP_EXPECT_ERRNO(t, link("h2/", "h3"), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, link("h2", "h3/"), ENOENT);
	KTAP_ASSERT_EQ(t, mkdir("hd", 0755), 0);
	KTAP_EXPECT_ERRNO(t, link("hd", "hd2"), EPERM);
	KTAP_EXPECT_ERRNO(t, link(NULL, "h3"), EFAULT);
	KTAP_ASSERT_EQ(t, symlink("h2", "hs"), 0);
	KTAP_EXPECT_EQ(t, linkat(AT_FDCWD, "hs", AT_FDCWD, "hl_link", 0), 0);
	KTAP_EXPECT_TRUE(t, S_ISLNK(mode_of("hl_link")));       /* the link itself */
	KTAP_EXPECT_EQ(t, linkat(AT_FDCWD, "hs", AT_FDCWD, "hl_file", AT_SYMLINK_FOLLOW), 0);
	KTAP_EXPECT_TRUE(t, S_ISREG(mode_of("hl_file")));       /* what it names */
	KTAP_EXPECT_EQ(t, nlink_of("h2"), 2);
	KTAP_EXPECT_ERRNO(t, linkat(AT_FDCWD, "h2", AT_FDCWD, "h4", 0x1), EINVAL);
	KTAP_ASSERT_EQ(t, pipe(p), 0);                          /* a pipe is on no fs of ours */
	KTAP_EXPECT_ERRNO(t, linkat(p[0], "", AT_FDCWD, "hp", AT_EMPTY_PATH), EXDEV);
	fd = open("hl_file", O_RDONLY);
	KTAP_EXPECT_EQ(t, linkat(fd, "", AT_FDCWD, "h5", AT_EMPTY_PATH), 0);   /* by its fd */
	KTAP_EXPECT_EQ(t, nlink_of("h2"), 3);
	KTAP_EXPECT_EQ(t, unlink("h2") | unlink("hl_file") | unlink("h5"), 0);
	KTAP_EXPECT_ERRNO(t, linkat(fd, "", AT_FDCWD, "h6", AT_EMPTY_PATH), ENOENT);  /* no name left */
	close(fd);
	close(p[0]);
	close(p[1]);
	unlink("hs");
	unlink("hl_link");
	rmdir("hd");
}

static void links_symlink(struct ktap *t)
{
	char buf[64];
	int dfd;

	KTAP_ASSERT_EQ(t, ktap_write_file("target", "t"), 0);
	KTAP_EXPECT_EQ(t, symlink("target", "sl"), 0);
	KTAP_EXPECT_EQ(t, lstat("sl", &st), 0);
	KTAP_EXPECT_TRUE(t, S_ISLNK(st.st_mode));
	KTAP_EXPECT_EQ(t, st.st_size, 6);                       /* the target's length */
	KTAP_EXPECT_EQ(t, stat("sl", &st), 0);
	KTAP_EXPECT_TRUE(t, S_ISREG(st.st_mode));
	memset(buf, 'X', sizeof(buf));
	KTAP_EXPECT_EQ(t, readlink("sl", buf, sizeof(buf)), 6);
	KTAP_EXPECT_EQ(t, memcmp(buf, "targetX", 7), 0);        /* no NUL added */
	KTAP_EXPECT_EQ(t, readlink("sl", buf, 3), 3);           /* cut short */
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	KTAP_EXPECT_EQ(t, symlinkat("nowhere", dfd, "dangling"), 0);
	KTAP_EXPECT_EQ(t, readlinkat(dfd, "dangling", buf, sizeof(buf)), 7);
	KTAP_EXPECT_ERRNO(t, stat("dangling", &st), ENOENT);
	KTAP_EXPECT_ERRNO(t, mkdir("dangling", 0755), EEXIST);         /* the name is taken */
	KTAP_EXPECT_ERRNO(t, open("dangling", O_WRONLY | O_CREAT | O_EXCL, 0644), EEXIST);
	KTAP_EXPECT_ERRNO(t, symlink("x", "sl"), EEXIST);
	KTAP_EXPECT_ERRNO(t, symlink("", "empty"), ENOENT);
	KTAP_EXPECT_ERRNO(t, symlink("x", "missing/sl"), ENOENT);
	KTAP_EXPECT_ERRNO(t, symlink(NULL, "n"), EFAULT);
	KTAP_EXPECT_ERRNO(t, readlink("target", buf, sizeof(buf)), EINVAL);   /* not a link */
	KTAP_EXPECT_ERRNO(t, readlink("sl", buf, 0), EINVAL);
	KTAP_EXPECT_ERRNO(t, readlink("missing", buf, sizeof(buf)), ENOENT);
	KTAP_EXPECT_ERRNO(t, readlinkat(99, "sl", buf, sizeof(buf)), EBADF);
	KTAP_EXPECT_ERRNO(t, open("sl", O_RDONLY | O_NOFOLLOW), ELOOP);
	KTAP_EXPECT_EQ(t, symlink("loop_b", "loop_a"), 0);      /* a -> b -> a */
	KTAP_EXPECT_EQ(t, symlink("loop_a", "loop_b"), 0);
	KTAP_EXPECT_ERRNO(t, stat("loop_a", &st), ELOOP);
	KTAP_EXPECT_ERRNO(t, open("loop_b/x", O_RDONLY), ELOOP);
	KTAP_EXPECT_EQ(t, lstat("loop_a", &st), 0);             /* not followed: fine */
	close(dfd);
	unlink("target");
	unlink("sl");
	unlink("dangling");
	unlink("loop_a");
	unlink("loop_b");
}

static void rename_files(struct ktap *t)
{
	struct stat64 a;
	char buf[16];
	int fd, dfd;

	KTAP_ASSERT_EQ(t, ktap_write_file("r1", "one"), 0);
	KTAP_ASSERT_EQ(t, ktap_write_file("r2", "two"), 0);
	KTAP_ASSERT_EQ(t, mkdir("rd", 0755), 0);
	KTAP_EXPECT_EQ(t, lstat("r1", &a), 0);
	KTAP_EXPECT_EQ(t, rename("r1", "r1b"), 0);
	KTAP_EXPECT_TRUE(t, !ktap_exists("r1"));
	KTAP_EXPECT_EQ(t, lstat("r1b", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_ino, a.st_ino);                 /* the same file, renamed */
	fd = open("r2", O_RDONLY);                              /* r2 is replaced while open */
	KTAP_EXPECT_EQ(t, rename("r1b", "r2"), 0);
	KTAP_EXPECT_EQ(t, ktap_read_file("r2", buf, sizeof(buf)), 3);
	KTAP_EXPECT_STREQ(t, buf, "one");
	KTAP_EXPECT_EQ(t, fstat(fd, &st), 0);
	KTAP_EXPECT_EQ(t, st.st_nlink, 0);                      /* the old r2, nameless */
	KTAP_EXPECT_EQ(t, read(fd, buf, 3), 3);
	KTAP_EXPECT_EQ(t, memcmp(buf, "two", 3), 0);
	close(fd);
	dfd = open("rd", O_RDONLY | O_DIRECTORY);
	KTAP_EXPECT_EQ(t, renameat(AT_FDCWD, "r2", dfd, "moved"), 0);   /* into rd */
	KTAP_EXPECT_TRUE(t, ktap_exists("rd/moved"));
	KTAP_EXPECT_EQ(t, rename("rd/moved", "rd/moved"), 0);  /* onto itself: nothing */
	KTAP_EXPECT_EQ(t, link("rd/moved", "hardlink"), 0);
	KTAP_EXPECT_EQ(t, rename("rd/moved", "hardlink"), 0);  /* one inode: nothing */
	KTAP_EXPECT_TRUE(t, ktap_exists("rd/moved") && ktap_exists("hardlink"));
	KTAP_EXPECT_ERRNO(t, rename("missing", "x"), ENOENT);
	KTAP_EXPECT_ERRNO(t, rename("hardlink", "missing/x"), ENOENT);
	KTAP_EXPECT_ERRNO(t, rename("hardlink", "rd"), EISDIR);        /* a file onto a directory */
	KTAP_EXPECT_ERRNO(t, rename("hardlink/", "x"), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, rename("hardlink", "x/"), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, rename("hardlink", "."), EBUSY);
	KTAP_EXPECT_ERRNO(t, rename("hardlink", long_name), ENAMETOOLONG);
	KTAP_EXPECT_ERRNO(t, rename(NULL, "x"), EFAULT);
	KTAP_EXPECT_ERRNO(t, renameat(99, "hardlink", AT_FDCWD, "x"), EBADF);
	close(dfd);
	unlink("hardlink");
	unlink("rd/moved");
	rmdir("rd");
}

static void rename_dirs(struct ktap *t)
{
	unsigned int here = nlink_of(".");

	KTAP_ASSERT_EQ(t, mkdir("ra", 0755), 0);
	KTAP_ASSERT_EQ(t, mkdir("ra/sub", 0755), 0);
	KTAP_ASSERT_EQ(t, mkdir("rb", 0755), 0);
	KTAP_ASSERT_EQ(t, ktap_write_file("rf", "f"), 0);
	KTAP_EXPECT_EQ(t, rename("ra/sub", "rb/sub"), 0);       /* across: ".." moves */
	KTAP_EXPECT_EQ(t, nlink_of("ra"), 2);
	KTAP_EXPECT_EQ(t, nlink_of("rb"), 3);
	KTAP_EXPECT_ERRNO(t, rename("rb", "rb/sub/deeper"), EINVAL);   /* into its own subtree */
	KTAP_EXPECT_ERRNO(t, rename("rb", "rb/sub"), EINVAL);
	KTAP_EXPECT_ERRNO(t, rename("rb/sub", "."), EBUSY);
	KTAP_EXPECT_ERRNO(t, rename("rb/sub", ".."), EBUSY);
	KTAP_EXPECT_ERRNO(t, rename("rb/sub", "rf"), ENOTDIR);         /* a directory onto a file */
	KTAP_ASSERT_EQ(t, ktap_write_file("ra/full", "x"), 0);
	KTAP_EXPECT_ERRNO(t, rename("rb", "ra"), ENOTEMPTY);           /* onto a non-empty one */
	KTAP_EXPECT_ERRNO(t, rename("rb/sub", "rb"), ENOTEMPTY);       /* onto its own parent */
	KTAP_EXPECT_EQ(t, unlink("ra/full"), 0);
	KTAP_EXPECT_EQ(t, rename("rb", "ra"), 0);               /* onto an empty one */
	KTAP_EXPECT_TRUE(t, !ktap_exists("rb"));
	KTAP_EXPECT_TRUE(t, ktap_exists("ra/sub"));
	KTAP_EXPECT_EQ(t, nlink_of("ra"), 3);
	KTAP_EXPECT_EQ(t, nlink_of("."), here + 1);
	KTAP_EXPECT_EQ(t, rename("ra/", "rc/"), 0);             /* slashes on directories */
	KTAP_EXPECT_EQ(t, rmdir("rc/sub"), 0);
	KTAP_EXPECT_EQ(t, rmdir("rc"), 0);
	KTAP_EXPECT_EQ(t, unlink("rf"), 0);
	KTAP_EXPECT_EQ(t, nlink_of("."), here);
}

/* renameat2: NOREPLACE refuses to replace, EXCHANGE swaps two names (a
 * file and a directory too); bad combinations are EINVAL. */
static void rename_flags(struct ktap *t)
{
	char buf[8];

	KTAP_ASSERT_EQ(t, ktap_write_file("x1", "1"), 0);
	KTAP_ASSERT_EQ(t, ktap_write_file("x2", "2"), 0);
	KTAP_ASSERT_EQ(t, mkdir("xd", 0755), 0);
	KTAP_EXPECT_ERRNO(t, renameat2(AT_FDCWD, "x1", AT_FDCWD, "x2", RENAME_NOREPLACE), EEXIST);
	KTAP_EXPECT_EQ(t, renameat2(AT_FDCWD, "x1", AT_FDCWD, "x3", RENAME_NOREPLACE), 0);
	KTAP_EXPECT_EQ(t, renameat2(AT_FDCWD, "x3", AT_FDCWD, "x2", RENAME_EXCHANGE), 0);
	KTAP_EXPECT_EQ(t, ktap_read_file("x2", buf, sizeof(buf)), 1);
	KTAP_EXPECT_STREQ(t, buf, "1");
	KTAP_EXPECT_EQ(t, ktap_read_file("x3", buf, sizeof(buf)), 1);
	KTAP_EXPECT_STREQ(t, buf, "2");
	KTAP_EXPECT_EQ(t, renameat2(AT_FDCWD, "x3", AT_FDCWD, "xd", RENAME_EXCHANGE), 0);
	KTAP_EXPECT_TRUE(t, S_ISDIR(mode_of("x3")));
	KTAP_EXPECT_TRUE(t, S_ISREG(mode_of("xd")));
	KTAP_EXPECT_ERRNO(t, renameat2(AT_FDCWD, "x2", AT_FDCWD, "none", RENAME_EXCHANGE), ENOENT);
	KTAP_EXPECT_ERRNO(t, renameat2(AT_FDCWD, "x2", AT_FDCWD, "xd",
				RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
	KTAP_EXPECT_ERRNO(t, renameat2(AT_FDCWD, "x2", AT_FDCWD, "xd",
				RENAME_EXCHANGE | RENAME_WHITEOUT), EINVAL);
	KTAP_EXPECT_ERRNO(t, renameat2(AT_FDCWD, "x2", AT_FDCWD, "xd", 0x100), EINVAL);
	KTAP_ASSERT_EQ(t, mkdir("x3/in", 0755), 0);
	KTAP_EXPECT_ERRNO(t, renameat2(AT_FDCWD, "x3", AT_FDCWD, "x3/in", RENAME_EXCHANGE), EINVAL);
	KTAP_EXPECT_ERRNO(t, renameat2(AT_FDCWD, "x3/in", AT_FDCWD, "x3", RENAME_EXCHANGE), EINVAL);
	KTAP_EXPECT_ERRNO(t, renameat2(AT_FDCWD, "x2", AT_FDCWD, ".", RENAME_NOREPLACE), EEXIST);
	rmdir("x3/in");
	rmdir("x3");
	unlink("x2");
	unlink("xd");
}

/* The cwd is a directory, not a path: renamed, it stays the cwd (getcwd
 * follows); removed, getcwd says ENOENT and nothing can be made in it. */
static void cwd_follows_rename_and_removal(struct ktap *t)
{
	char home[256], cwd[256];
	int fd, dfd;

	KTAP_ASSERT_TRUE(t, getcwd(home, sizeof(home)) != NULL);
	KTAP_ASSERT_EQ(t, mkdir("w1", 0755), 0);
	KTAP_ASSERT_EQ(t, chdir("w1"), 0);
	KTAP_EXPECT_EQ(t, rename("../w1", "../w2"), 0);
	KTAP_EXPECT_TRUE(t, getcwd(cwd, sizeof(cwd)) != NULL);
	KTAP_EXPECT_TRUE(t, strlen(cwd) > 3 && !strcmp(cwd + strlen(cwd) - 3, "/w2"));
	KTAP_EXPECT_EQ(t, rmdir("../w2"), 0);
	KTAP_EXPECT_TRUE(t, getcwd(cwd, sizeof(cwd)) == NULL);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_ERRNO(t, open("new", O_WRONLY | O_CREAT, 0644), ENOENT);
	KTAP_EXPECT_ERRNO(t, mkdir("new", 0755), ENOENT);
	KTAP_EXPECT_EQ(t, chdir(home), 0);
	dfd = open(".", O_RDONLY | O_DIRECTORY);
	KTAP_ASSERT_GE(t, dfd, 0);
	KTAP_ASSERT_EQ(t, chdir("/"), 0);
	KTAP_EXPECT_EQ(t, fchdir(dfd), 0);                      /* back through an fd */
	KTAP_EXPECT_STREQ(t, getcwd(cwd, sizeof(cwd)), home);
	fd = open("fc", O_WRONLY | O_CREAT, 0644);
	KTAP_EXPECT_ERRNO(t, fchdir(fd), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, fchdir(99), EBADF);
	KTAP_EXPECT_ERRNO(t, chdir("fc"), ENOTDIR);
	KTAP_EXPECT_ERRNO(t, chdir("missing"), ENOENT);
	KTAP_EXPECT_ERRNO(t, chdir(NULL), EFAULT);
	close(fd);
	close(dfd);
	unlink("fc");
}

/* A ramfs mounted on m in the scratch directory: rename and link out of
 * it are EXDEV, the mountpoint cannot be removed or renamed (EBUSY) nor
 * unmounted while it is the cwd; remounted read-only, every change is
 * EROFS and statfs says ST_RDONLY. */
static void dirs_across_a_mount(struct ktap *t)
{
	struct stat64 in, out;
	struct statfs sfs;
	char cwd[256];

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "Linux under qemu-i386: the build host lets no test mount");
		return;
	}
	KTAP_ASSERT_EQ(t, mkdir("m", 0755), 0);
	KTAP_ASSERT_EQ(t, mount("none", "m", "ramfs", 0, NULL), 0);
	KTAP_EXPECT_EQ(t, close(creat("a", 0644)), 0);
	KTAP_EXPECT_EQ(t, close(creat("m/f", 0644)), 0);
	KTAP_EXPECT_EQ(t, stat("m/f", &in) | stat("a", &out), 0);
	KTAP_EXPECT_NE(t, in.st_dev, out.st_dev);               /* its own device */
	KTAP_EXPECT_ERRNO(t, rename("a", "m/a"), EXDEV);
	KTAP_EXPECT_ERRNO(t, rename("m/f", "b"), EXDEV);
	KTAP_EXPECT_ERRNO(t, link("a", "m/b"), EXDEV);
	KTAP_EXPECT_ERRNO(t, rmdir("m"), EBUSY);
	KTAP_EXPECT_ERRNO(t, rename("m", "m2"), EBUSY);
	KTAP_EXPECT_EQ(t, chdir("m"), 0);
	KTAP_EXPECT_TRUE(t, getcwd(cwd, sizeof(cwd)) && !strcmp(strrchr(cwd, '/'), "/m"));
	KTAP_EXPECT_ERRNO(t, umount2(".", 0), EBUSY);           /* our cwd is in it */
	KTAP_EXPECT_EQ(t, chdir(".."), 0);
	KTAP_EXPECT_EQ(t, mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	KTAP_EXPECT_ERRNO(t, mkdir("m/d", 0755), EROFS);
	KTAP_EXPECT_ERRNO(t, unlink("m/f"), EROFS);
	KTAP_EXPECT_ERRNO(t, rename("m/f", "m/g"), EROFS);
	KTAP_EXPECT_ERRNO(t, chmod("m/f", 0600), EROFS);
	KTAP_EXPECT_ERRNO(t, truncate("m/f", 1), EROFS);
	KTAP_EXPECT_ERRNO(t, open("m/f", O_RDONLY | O_TRUNC), EROFS);
	KTAP_EXPECT_EQ(t, statfs("m", &sfs), 0);
	KTAP_EXPECT_EQ(t, sfs.f_type, RAMFS_MAGIC);
	KTAP_EXPECT_TRUE(t, sfs.f_flags & ST_RDONLY);
	KTAP_EXPECT_EQ(t, umount2("m", 0), 0);
	KTAP_EXPECT_EQ(t, rmdir("m"), 0);
	KTAP_EXPECT_EQ(t, unlink("a"), 0);
}

/* A lazy unmount takes the tree out of the table at once, though our cwd
 * is still in it: nothing can be mounted there any more (EINVAL, Linux's
 * check_mnt: the new mount could never be reached or unmounted), on its
 * root or on a directory in it. */
static void mount_in_a_detached_tree_einval(struct ktap *t)
{
	char here[256], m[300];

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "Linux under qemu-i386: the build host lets no test mount");
		return;
	}
	KTAP_ASSERT_TRUE(t, getcwd(here, sizeof(here)) != NULL);
	snprintf(m, sizeof(m), "%s/m", here);
	KTAP_ASSERT_EQ(t, mkdir("m", 0755), 0);
	KTAP_ASSERT_EQ(t, mount("none", "m", "ramfs", 0, NULL), 0);
	KTAP_EXPECT_EQ(t, mkdir("m/d", 0755), 0);
	KTAP_EXPECT_EQ(t, chdir("m/d"), 0);
	KTAP_EXPECT_EQ(t, umount2(m, MNT_DETACH), 0);         /* our cwd is in it */
	KTAP_EXPECT_ERRNO(t, mount("none", ".", "ramfs", 0, NULL), EINVAL);
	KTAP_EXPECT_ERRNO(t, mount("none", "..", "ramfs", 0, NULL), EINVAL);
	KTAP_EXPECT_EQ(t, chdir(here), 0);
	KTAP_EXPECT_ERRNO(t, umount2("m", 0), EINVAL);           /* nothing mounted */
	KTAP_EXPECT_EQ(t, rmdir("m"), 0);
}

/* /proc (mounted by PID 1) makes its own entries: nothing can be made
 * there (EACCES), removed or renamed (EPERM); rename and link out of it
 * are EXDEV; statfs names procfs; a directory of it can be the cwd. */
static void dirs_in_procfs(struct ktap *t)
{
	struct statfs sfs;
	char here[256], cwd[256], want[32];

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "Linux under qemu-i386: the host's /proc answers for the host");
		return;
	}
	KTAP_ASSERT_TRUE(t, getcwd(here, sizeof(here)) != NULL);
	KTAP_EXPECT_ERRNO(t, mkdir("/proc/x", 0755), EACCES);
	KTAP_EXPECT_ERRNO(t, open("/proc/x", O_WRONLY | O_CREAT, 0644), EACCES);
	KTAP_EXPECT_ERRNO(t, unlink("/proc/uptime"), EPERM);
	KTAP_EXPECT_ERRNO(t, unlink("/proc/no-such"), ENOENT);
	KTAP_EXPECT_ERRNO(t, rename("/proc/uptime", "/proc/up"), EPERM);
	KTAP_EXPECT_ERRNO(t, rename("/proc/uptime", "up"), EXDEV);
	KTAP_EXPECT_ERRNO(t, link("/proc/uptime", "up"), EXDEV);
	KTAP_EXPECT_EQ(t, statfs("/proc", &sfs), 0);
	KTAP_EXPECT_EQ(t, sfs.f_type, PROC_SUPER_MAGIC);
	snprintf(want, sizeof(want), "/proc/%d", getpid());
	KTAP_EXPECT_EQ(t, chdir(want), 0);
	KTAP_EXPECT_TRUE(t, getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, want));
	KTAP_EXPECT_EQ(t, chdir(here), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(dirs_mkdir_rmdir),
	KTAP_CASE(dirs_mkdirat_dirfd),
	KTAP_CASE(dirs_umask),
	KTAP_CASE(dirs_creat),
	KTAP_CASE(dirs_mknod),
	KTAP_CASE(dirs_mknod_device_needs_root),
	KTAP_CASE(dirs_unlink_open_file),
	KTAP_CASE(dirs_unlink_errors),
	KTAP_CASE(links_hard),
	KTAP_CASE(links_symlink),
	KTAP_CASE(rename_files),
	KTAP_CASE(rename_dirs),
	KTAP_CASE(rename_flags),
	KTAP_CASE(cwd_follows_rename_and_removal),
	KTAP_CASE(dirs_across_a_mount),
	KTAP_CASE(mount_in_a_detached_tree_einval),
	KTAP_CASE(dirs_in_procfs),
	{ "scratch_removed", ktap_scratch_removed },
	{}
};

int main(void)
{
	make_long_names();
	return ktap_run_in_scratch("files_dirs", cases);
}
