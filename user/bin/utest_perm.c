/* user/bin/utest_perm.c: KTAP self-tests of file permissions, Linux's
 * discretionary access control: each check with the case it allows and
 * the case it refuses, and the errno Linux's man pages give (EACCES for a
 * permission bit that says no, EPERM for a rule about ownership: the
 * sticky bit, chmod, chown, setting times). The program starts as root;
 * what an ordinary user may do is checked in a forked child that has
 * become that user (as_user), whose own checks decide its exit status.
 * Root sets each case up in the scratch directory (ktap_run_in_scratch)
 * with the modes and owners it needs. The same binary runs on Linux under
 * qemu-i386 (tests/run.py runs it as root there too); what the host's
 * policy does not allow skips there and says why. */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <ktap.h>
#include <ktap_fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/fsuid.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

/* Ordinary users (each one's gid is its uid): ids no build host should
 * have files or processes under. */
#define UID_A 40101
#define UID_B 40102
#define UID_C 40103
#define GID_S 40110             /* a group A is in as a supplementary group */

#define THREADS_MAX "/proc/sys/kernel/threads-max"

/* Become uid with gid uid: all three ids of each kind, and only the n
 * supplementary groups given (a build host's root has group 0, which
 * must not count). 0 or -1. */
static int become_with(unsigned int uid, size_t n, const gid_t *groups)
{
	if (setgroups(n, groups) || setresgid(uid, uid, uid) || setresuid(uid, uid, uid))
		return -1;
	return 0;
}

static int become(unsigned int uid)
{
	return become_with(uid, 0, NULL);
}

/* Run fn(t) in a child that has become uid, with the groups given; 0 if
 * all its checks held (it prints its own failures; the parent's earlier
 * ones do not count). */
static int as_user_in(struct ktap *t, unsigned int uid, size_t n, const gid_t *groups,
		      int (*fn)(struct ktap *t))
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		t->failed = false;
		if (become_with(uid, n, groups))
			_exit(100);
		_exit(fn(t));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 200 + WTERMSIG(status);
}

static int as_user(struct ktap *t, unsigned int uid, int (*fn)(struct ktap *t))
{
	return as_user_in(t, uid, 0, NULL, fn);
}

/* Root makes a directory or a file (holding "data") with this mode and
 * owner; chmod comes last, as chown clears setuid bits. 0 or -1. */
static int make_dir(const char *path, mode_t mode, unsigned int uid, unsigned int gid)
{
	return mkdir(path, 0700) || chown(path, uid, gid) || chmod(path, mode) ? -1 : 0;
}

static int make_file(const char *path, mode_t mode, unsigned int uid, unsigned int gid)
{
	return ktap_write_file(path, "data") || chown(path, uid, gid) || chmod(path, mode) ? -1 : 0;
}

/* The case's own directory, made by root; the scratch directory is
 * opened to everyone first (mkdtemp makes it 0700). */
static int case_dir(const char *path, mode_t mode, unsigned int uid, unsigned int gid)
{
	return chmod(".", 0755) || make_dir(path, mode, uid, gid) ? -1 : 0;
}

static mode_t mode_of(const char *path)
{
	struct stat64 st;

	return stat(path, &st) ? (mode_t)-1 : st.st_mode & 07777;
}

/* open and close at once: 0, or -1 with errno. */
static int try_open(const char *path, int flags)
{
	int fd = open(path, flags, 0644);

	if (fd < 0)
		return -1;
	close(fd);
	return 0;
}

/* --- open: one class of bits, checked at open ----------------------- */

static int open_as_owner(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, try_open("open/f", O_RDONLY), 0);
	KTAP_EXPECT_EQ(t, try_open("open/f", O_WRONLY), 0);
	KTAP_EXPECT_EQ(t, try_open("open/f", O_RDWR), 0);
	return t->failed;
}

static int open_as_group(struct ktap *t)
{
	struct stat64 st;

	KTAP_EXPECT_EQ(t, try_open("open/f", O_RDONLY), 0);
	KTAP_EXPECT_ERRNO(t, try_open("open/f", O_WRONLY), EACCES);
	KTAP_EXPECT_ERRNO(t, try_open("open/f", O_RDWR), EACCES);
	KTAP_EXPECT_ERRNO(t, try_open("open/f", O_RDONLY | O_TRUNC), EACCES);   /* truncating writes */
	KTAP_EXPECT_EQ(t, stat("open/f", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_size, 4);
	return t->failed;
}

static int open_as_other(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, try_open("open/f", O_RDONLY), EACCES);
	return t->failed;
}

/* The owner gets the owner's bits even when they say less than the
 * others': 0077 keeps its owner out and lets its group in. */
static int owner_denied_by_own_bits(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, try_open("open/f", O_RDONLY), EACCES);
	return t->failed;
}

static int group_allowed_by_group_bits(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, try_open("open/f", O_RDWR), 0);
	return t->failed;
}

/* A file 0640 of user A, group B: A reads and writes, B (its group)
 * reads, C nothing; O_TRUNC asks write permission. */
static void perm_open_owner_group_other(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("open", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("open/f", 0640, UID_A, UID_B), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, open_as_owner), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, open_as_group), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_C, open_as_other), 0);
	KTAP_EXPECT_EQ(t, chmod("open/f", 0077), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, owner_denied_by_own_bits), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, group_allowed_by_group_bits), 0);
}

static int write_after_chmod(struct ktap *t)
{
	int fd = open("open/g", O_WRONLY);

	KTAP_EXPECT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, chmod("open/g", 0444), 0);
	KTAP_EXPECT_EQ(t, write(fd, "more", 4), 4);            /* the open decided */
	KTAP_EXPECT_ERRNO(t, try_open("open/g", O_WRONLY), EACCES);   /* a new open does not */
	close(fd);
	return t->failed;
}

/* Permission is checked when the file is opened, not at each write: a
 * file opened for writing stays writable through that fd after chmod. */
static void perm_checked_at_open_not_write(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, make_file("open/g", 0644, UID_A, UID_A), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, write_after_chmod), 0);
}

static int group_member(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, try_open("grp/f", O_RDONLY), 0);          /* the group's r */
	KTAP_EXPECT_ERRNO(t, try_open("grp/f", O_WRONLY), EACCES);
	KTAP_EXPECT_EQ(t, access("grp/f", R_OK), 0);
	KTAP_EXPECT_EQ(t, chown("grp/mine", -1, GID_S), 0);         /* to a group of its own */
	KTAP_EXPECT_EQ(t, chmod("grp/mine", 02750), 0);             /* setgid kept */
	KTAP_EXPECT_EQ(t, mode_of("grp/mine"), 02750);
	return t->failed;
}

static int group_outsider(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, try_open("grp/f", O_RDONLY), EACCES);
	KTAP_EXPECT_ERRNO(t, access("grp/f", R_OK), EACCES);
	KTAP_EXPECT_ERRNO(t, chown("grp/mine", -1, GID_S), EPERM);
	return t->failed;
}

/* Supplementary groups count as the file's group (setgroups): a member
 * gets the group's bits and may give its files to the group. */
static void perm_supplementary_groups(struct ktap *t)
{
	static const gid_t groups[] = { GID_S };

	KTAP_ASSERT_EQ(t, case_dir("grp", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("grp/f", 0640, 0, GID_S), 0);
	KTAP_ASSERT_EQ(t, make_file("grp/mine", 0644, UID_A, UID_A), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, group_outsider), 0);
	KTAP_EXPECT_EQ(t, as_user_in(t, UID_A, 1, groups, group_member), 0);
}

/* --- path walking: search (x) on every directory ------------------- */

static int search_as_owner(struct ktap *t)
{
	struct stat64 st;

	KTAP_EXPECT_EQ(t, try_open("priv/f", O_RDONLY), 0);
	KTAP_EXPECT_EQ(t, stat("priv/f", &st), 0);
	return t->failed;
}

static int search_denied(struct ktap *t)
{
	struct stat64 st;

	KTAP_EXPECT_ERRNO(t, try_open("priv/f", O_RDONLY), EACCES);
	KTAP_EXPECT_ERRNO(t, stat("priv/f", &st), EACCES);
	KTAP_EXPECT_ERRNO(t, stat("priv/missing", &st), EACCES);   /* not even whether it exists */
	KTAP_EXPECT_ERRNO(t, try_open("priv/../priv/f", O_RDONLY), EACCES);
	KTAP_EXPECT_ERRNO(t, chdir("priv"), EACCES);
	KTAP_EXPECT_ERRNO(t, mkdir("priv/d", 0755), EACCES);
	return t->failed;
}

/* 0711: names can be used, not listed. */
static int search_without_read(struct ktap *t)
{
	struct stat64 st;

	KTAP_EXPECT_EQ(t, try_open("priv/f", O_RDONLY), 0);
	KTAP_EXPECT_ERRNO(t, stat("priv/missing", &st), ENOENT);
	KTAP_EXPECT_ERRNO(t, try_open("priv", O_RDONLY | O_DIRECTORY), EACCES);   /* readdir */
	return t->failed;
}

/* 0744: names can be listed, not used. */
static int read_without_search(struct ktap *t)
{
	struct stat64 st;

	KTAP_EXPECT_EQ(t, try_open("priv", O_RDONLY | O_DIRECTORY), 0);
	KTAP_EXPECT_ERRNO(t, try_open("priv/f", O_RDONLY), EACCES);
	KTAP_EXPECT_ERRNO(t, stat("priv/f", &st), EACCES);
	return t->failed;
}

/* A 0700 directory of user A keeps user B out of everything under it,
 * whatever the files' own modes (priv/f is 0644). */
static void perm_path_search(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("priv", 0700, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_file("priv/f", 0644, UID_A, UID_A), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, search_as_owner), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, search_denied), 0);
	KTAP_EXPECT_EQ(t, chmod("priv", 0711), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, search_without_read), 0);
	KTAP_EXPECT_EQ(t, chmod("priv", 0744), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, read_without_search), 0);
}

static int cd_fd = -1;

static int chdir_denied(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, chdir("cd"), EACCES);
	KTAP_EXPECT_ERRNO(t, fchdir(cd_fd), EACCES);       /* checked at fchdir, not at open */
	return t->failed;
}

static int chdir_allowed(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, chdir("cd"), 0);
	KTAP_EXPECT_EQ(t, chdir(".."), 0);
	KTAP_EXPECT_EQ(t, fchdir(cd_fd), 0);
	return t->failed;
}

/* chdir and fchdir need search permission on the directory. */
static void perm_chdir_fchdir(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("cd", 0700, UID_A, UID_A), 0);
	cd_fd = open("cd", O_RDONLY | O_DIRECTORY);         /* root's, inherited */
	KTAP_ASSERT_GE(t, cd_fd, 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, chdir_denied), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, chdir_allowed), 0);
	close(cd_fd);
}

/* --- making names: write and search on the parent -------------------- */

static int create_refused(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, open("ro/new", O_CREAT | O_WRONLY, 0644), EACCES);
	KTAP_EXPECT_ERRNO(t, mkdir("ro/d", 0755), EACCES);
	KTAP_EXPECT_ERRNO(t, mknod("ro/fifo", S_IFIFO | 0644, 0), EACCES);
	KTAP_EXPECT_ERRNO(t, mknod("ro/null", S_IFCHR | 0666, makedev(1, 3)), EACCES);  /* before EPERM */
	KTAP_EXPECT_ERRNO(t, symlink("target", "ro/sym"), EACCES);
	KTAP_EXPECT_EQ(t, ktap_write_file("rw/mine", "mine"), 0);
	KTAP_EXPECT_ERRNO(t, link("rw/mine", "ro/link"), EACCES);
	/* a name that exists is EEXIST before any permission check */
	KTAP_EXPECT_ERRNO(t, mkdir("ro/exists", 0755), EEXIST);
	KTAP_EXPECT_ERRNO(t, open("ro/exists", O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	/* O_CREAT of a file that exists only opens it */
	KTAP_EXPECT_EQ(t, try_open("ro/exists", O_CREAT | O_RDONLY), 0);
	return t->failed;
}

static int create_allowed(struct ktap *t)
{
	struct stat64 st;
	int fd = open("rw/new", O_CREAT | O_RDWR, 0444);   /* a new file: no check on it */

	KTAP_EXPECT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, write(fd, "x", 1), 1);
	close(fd);
	KTAP_EXPECT_EQ(t, stat("rw/new", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, UID_A);
	KTAP_EXPECT_EQ(t, st.st_gid, UID_A);
	KTAP_EXPECT_EQ(t, mkdir("rw/d", 0755), 0);
	KTAP_EXPECT_EQ(t, mknod("rw/fifo", S_IFIFO | 0644, 0), 0);
	KTAP_EXPECT_EQ(t, symlink("new", "rw/sym"), 0);
	KTAP_EXPECT_EQ(t, link("rw/new", "rw/link"), 0);
	KTAP_EXPECT_ERRNO(t, mknod("rw/null", S_IFCHR | 0666, makedev(1, 3)), EPERM);  /* root's */
	return t->failed;
}

/* open(O_CREAT), mkdir, mknod, symlink and link need write and search on
 * the directory the name goes in. */
static void perm_create_needs_write_on_parent(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("ro", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("ro/exists", 0644, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_dir("rw", 0777, 0, 0), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, create_refused), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, create_allowed), 0);
}

/* --- removing names: the parent, and the sticky bit ------------------ */

static int delete_refused(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, unlink("del/f"), EACCES);    /* A's file, root's directory */
	KTAP_EXPECT_ERRNO(t, unlink("del/sub"), EACCES);  /* permission before EISDIR */
	KTAP_EXPECT_ERRNO(t, unlink("del/missing"), ENOENT);
	KTAP_EXPECT_ERRNO(t, rmdir("del/sub"), EACCES);
	KTAP_EXPECT_ERRNO(t, rename("del/f", "del/g"), EACCES);
	KTAP_EXPECT_ERRNO(t, rename("del/f", "dt/f"), EACCES);       /* from there */
	KTAP_EXPECT_EQ(t, ktap_write_file("dt/mine", "m"), 0);
	KTAP_EXPECT_ERRNO(t, rename("dt/mine", "del/mine"), EACCES); /* to there */
	return t->failed;
}

static int delete_allowed(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, rename("del/f", "dt/f"), 0);
	KTAP_EXPECT_EQ(t, unlink("dt/f"), 0);
	KTAP_EXPECT_EQ(t, rmdir("del/sub"), 0);
	return t->failed;
}

/* unlink, rmdir and rename need write and search on the directories the
 * names leave and enter; the file's own mode does not matter. */
static void perm_delete_needs_write_on_parent(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("del", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("del/f", 0666, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_dir("del/sub", 0777, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_dir("dt", 0777, 0, 0), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, delete_refused), 0);
	KTAP_EXPECT_EQ(t, chmod("del", 0777), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, delete_allowed), 0);
}

static int sticky_make(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, ktap_write_file("sticky/a", "a"), 0);
	KTAP_EXPECT_EQ(t, chmod("sticky/a", 0666), 0);
	KTAP_EXPECT_EQ(t, mkdir("sticky/adir", 0777), 0);
	KTAP_EXPECT_EQ(t, ktap_write_file("bsticky/a", "a"), 0);
	return t->failed;
}

static int sticky_other_user(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, unlink("sticky/a"), EPERM);
	KTAP_EXPECT_ERRNO(t, rename("sticky/a", "sticky/b"), EPERM);
	KTAP_EXPECT_ERRNO(t, rmdir("sticky/adir"), EPERM);
	KTAP_EXPECT_EQ(t, ktap_write_file("sticky/bfile", "b"), 0);
	KTAP_EXPECT_ERRNO(t, rename("sticky/bfile", "sticky/a"), EPERM);     /* replacing it */
	KTAP_EXPECT_EQ(t, try_open("sticky/a", O_WRONLY), 0);     /* names, not data */
	KTAP_EXPECT_EQ(t, unlink("bsticky/a"), 0);                /* B owns bsticky */
	return t->failed;
}

static int sticky_owner(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, unlink("sticky/a"), 0);
	KTAP_EXPECT_EQ(t, rmdir("sticky/adir"), 0);
	return t->failed;
}

/* In a sticky directory (mode 1777) anyone may make names, but only a
 * name's owner, the directory's owner or root may remove or rename it
 * (EPERM). */
static void perm_sticky_directory(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("sticky", 01777, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_dir("bsticky", 01777, UID_B, UID_B), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, sticky_make), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, sticky_other_user), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, sticky_owner), 0);
	KTAP_EXPECT_EQ(t, unlink("sticky/bfile"), 0);              /* root */
	KTAP_EXPECT_TRUE(t, !ktap_exists("sticky/a") && !ktap_exists("bsticky/a"));
}

static char tmp_name[64];

static int tmp_make(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, ktap_write_file(tmp_name, "a"), 0);
	return t->failed;
}

static int tmp_unlink_refused(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, unlink(tmp_name), EPERM);
	return t->failed;
}

static int tmp_unlink_allowed(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, unlink(tmp_name), 0);
	return t->failed;
}

/* The system's /tmp is root's, mode 1777: user B cannot remove user A's
 * file there, A can. */
static void perm_tmp_is_sticky(struct ktap *t)
{
	struct stat64 st;

	KTAP_ASSERT_EQ(t, stat("/tmp", &st), 0);
	if (!ktap_on_tasklab() && (st.st_mode != (S_IFDIR | 01777) || st.st_uid != 0)) {
		ktap_skip(t, "the build host's /tmp is not root's with mode 1777");
		return;
	}
	KTAP_EXPECT_EQ(t, st.st_mode, S_IFDIR | 01777);
	KTAP_EXPECT_EQ(t, st.st_uid, 0);
	snprintf(tmp_name, sizeof(tmp_name), "/tmp/utest_perm_%d", getpid());
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, tmp_make), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, tmp_unlink_refused), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, tmp_unlink_allowed), 0);
	KTAP_EXPECT_TRUE(t, !ktap_exists(tmp_name));
}

static int rename_dirs(struct ktap *t)
{
	/* a directory moving to another parent has its ".." rewritten */
	KTAP_EXPECT_ERRNO(t, rename("mv1/rootdir", "mv2/rootdir"), EACCES);
	KTAP_EXPECT_EQ(t, rename("mv1/rootdir", "mv1/rd"), 0);      /* same parent */
	KTAP_EXPECT_EQ(t, rename("mv1/adir", "mv2/adir"), 0);       /* A's own */
	return t->failed;
}

/* rename of a directory to another parent needs write on the directory
 * itself; within its parent, it does not. */
static void perm_rename_directory(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("mv1", 0777, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_dir("mv2", 0777, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_dir("mv1/rootdir", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_dir("mv1/adir", 0755, UID_A, UID_A), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, rename_dirs), 0);
	KTAP_EXPECT_TRUE(t, ktap_exists("mv1/rd") && ktap_exists("mv2/adir"));
}

/* --- exec --------------------------------------------------------------- */

/* execve's errno for path (a text file: ENOEXEC means the permission
 * check passed and the loader refused it). */
static int exec_errno(const char *path)
{
	char *argv[] = { (char *)path, NULL };

	errno = 0;
	return execve(path, argv, environ) == -1 ? errno : 0;
}

static int exec_as_user(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, exec_errno("exec/x744"), EACCES);   /* others have no x */
	KTAP_EXPECT_EQ(t, exec_errno("exec/x755"), ENOEXEC);
	KTAP_EXPECT_EQ(t, exec_errno("exec/x711"), ENOEXEC);  /* no read needed */
	return t->failed;
}

/* exec needs execute permission on a regular file (EACCES): a directory
 * never runs; even root needs one x bit, any of the three. */
static void perm_exec_needs_x(struct ktap *t)
{
	static const struct { const char *path; mode_t mode; } f[] = {
		{ "exec/x644", 0644 }, { "exec/x744", 0744 }, { "exec/x010", 0010 },
		{ "exec/x755", 0755 }, { "exec/x711", 0711 },
	};

	KTAP_ASSERT_EQ(t, case_dir("exec", 0755, 0, 0), 0);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		KTAP_ASSERT_EQ(t, make_file(f[i].path, f[i].mode, 0, 0), 0);
	KTAP_EXPECT_EQ(t, exec_errno("exec/x644"), EACCES);
	KTAP_EXPECT_EQ(t, exec_errno("exec/x744"), ENOEXEC);
	KTAP_EXPECT_EQ(t, exec_errno("exec/x010"), ENOEXEC);
	KTAP_EXPECT_EQ(t, exec_errno("exec"), EACCES);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, exec_as_user), 0);
}

/* The directory this program was run from, absolute (found before the
 * cases run in the scratch directory): whoami is built beside it. */
static char program_dir[192];

static void find_program_dir(void)
{
	const char *self = (const char *)getauxval(AT_EXECFN), *slash;
	char cwd[128] = "";

	if (!self)
		self = "/bin/utest_perm";
	slash = strrchr(self, '/');
	if (self[0] != '/' && !getcwd(cwd, sizeof(cwd)))
		cwd[0] = '\0';
	snprintf(program_dir, sizeof(program_dir), "%s%s%.*s", cwd, cwd[0] ? "/" : "",
		 slash ? (int)(slash - self) : 1, slash ? self : ".");
}

/* Copy this program's neighbour `name` to path, uid's, with mode. */
static int copy_program(const char *name, const char *path, mode_t mode, unsigned int uid)
{
	char src[256], buf[4096];
	int in, out, ok = 0;
	ssize_t n;

	snprintf(src, sizeof(src), "%s/%s", program_dir, name);
	in = open(src, O_RDONLY);
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0700);
	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		ok |= write(out, buf, n) != n;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return in < 0 || out < 0 || ok || chown(path, uid, uid) || chmod(path, mode) ? -1 : 0;
}

/* Run path as uid (or as root, uid 0), with no_new_privs if asked; what
 * it printed (one line, newline cut) in out; its exit status, or -1. */
static int run_as(unsigned int uid, const char *path, bool nnp, char *out, size_t size)
{
	char *argv[] = { (char *)path, NULL };
	int p[2], status = -1;
	ssize_t n = 0, got;
	pid_t pid;

	if (pipe(p))
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(p[1], STDOUT_FILENO);
		if ((uid && become(uid)) || (nnp && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)))
			_exit(100);
		execve(path, argv, environ);
		_exit(101);
	}
	close(p[1]);
	while (pid > 0 && n < (ssize_t)size - 1 && (got = read(p[0], out + n, size - 1 - n)) > 0)
		n += got;
	close(p[0]);
	out[n] = '\0';
	if (n && out[n - 1] == '\n')
		out[n - 1] = '\0';
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* Can a setuid program gain its owner's ids here? Always on Tasklab; a
 * build host may run the cross-check with no_new_privs or the scratch
 * directory on a nosuid mount, or be unable to run i386 programs. */
static bool setuid_runs(struct ktap *t)
{
	struct statfs64 sf;
	char out[128];

	if (ktap_on_tasklab())
		return true;
	if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1)
		ktap_skip(t, "the cross-check runs with no_new_privs: set-id exec gains nothing");
	else if (statfs64(".", sizeof(sf), &sf) == 0 && (sf.f_flags & 2))      /* ST_NOSUID */
		ktap_skip(t, "the build host's scratch directory is on a nosuid mount");
	else if (run_as(0, "suid/whoami", false, out, sizeof(out)) != 0 || !out[0])
		ktap_skip(t, "the build host cannot run an i386 program from qemu-i386");
	return !t->skipped;
}

#define IDS(u, eu, g, eg, sec) \
	"uid=" #u " euid=" #eu " suid=" #eu " gid=" #g " egid=" #eg " sgid=" #eg " secure=" #sec

/* exec of a set-user-ID file makes its owner the effective and saved uid
 * (set-group-ID: its group the effective and saved gid), the real ids
 * stay, and the program is told (AT_SECURE); not under no_new_privs. */
static void perm_setuid_exec(struct ktap *t)
{
	char out[128];

	KTAP_ASSERT_EQ(t, case_dir("suid", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, copy_program("whoami", "suid/whoami", 0755, 0), 0);
	KTAP_ASSERT_EQ(t, copy_program("whoami", "suid/root-suid", 04755, 0), 0);
	KTAP_ASSERT_EQ(t, copy_program("whoami", "suid/root-sgid", 02755, 0), 0);
	KTAP_ASSERT_EQ(t, copy_program("whoami", "suid/a-suid", 04755, UID_A), 0);
	if (!setuid_runs(t))
		return;
	KTAP_EXPECT_EQ(t, run_as(UID_A, "suid/whoami", false, out, sizeof(out)), 0);
	KTAP_EXPECT_STREQ(t, out, IDS(40101, 40101, 40101, 40101, 0));
	KTAP_EXPECT_EQ(t, run_as(UID_A, "suid/root-suid", false, out, sizeof(out)), 0);
	KTAP_EXPECT_STREQ(t, out, IDS(40101, 0, 40101, 40101, 1));
	ktap_log(t, "uid 40101 runs a setuid-root copy of whoami: %s", out);
	KTAP_EXPECT_EQ(t, run_as(UID_A, "suid/root-sgid", false, out, sizeof(out)), 0);
	KTAP_EXPECT_STREQ(t, out, IDS(40101, 40101, 40101, 0, 1));
	KTAP_EXPECT_EQ(t, run_as(UID_A, "suid/root-suid", true, out, sizeof(out)), 0);
	KTAP_EXPECT_STREQ(t, out, IDS(40101, 40101, 40101, 40101, 0));     /* no_new_privs */
	KTAP_EXPECT_EQ(t, run_as(0, "suid/a-suid", false, out, sizeof(out)), 0);
	KTAP_EXPECT_STREQ(t, out, IDS(0, 40101, 0, 0, 1));                  /* root becomes A */
	if (ktap_on_tasklab()) {                /* the initramfs's own set-id programs */
		KTAP_EXPECT_EQ(t, run_as(UID_A, "/bin/whoami-suid", false, out, sizeof(out)), 0);
		KTAP_EXPECT_STREQ(t, out, IDS(40101, 0, 40101, 40101, 1));
		ktap_log(t, "uid 40101 runs /bin/whoami-suid: %s", out);
		KTAP_EXPECT_EQ(t, run_as(UID_A, "/bin/whoami-sgid", false, out, sizeof(out)), 0);
		KTAP_EXPECT_STREQ(t, out, IDS(40101, 40101, 40101, 0, 1));
	}
}

static int write_setid_files(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, ktap_write_file("wsuid/a", "new"), 0);     /* A's 04755 */
	KTAP_EXPECT_EQ(t, mode_of("wsuid/a"), 0755);
	KTAP_EXPECT_EQ(t, ktap_write_file("wsuid/root", "new"), 0);  /* root's 04777 */
	KTAP_EXPECT_EQ(t, mode_of("wsuid/root"), 0777);
	KTAP_EXPECT_EQ(t, truncate("wsuid/sgid", 0), 0);              /* A's 06775 */
	KTAP_EXPECT_EQ(t, mode_of("wsuid/sgid"), 0775);
	KTAP_EXPECT_EQ(t, ktap_write_file("wsuid/lock", "new"), 0);  /* 02764: no group x */
	KTAP_EXPECT_EQ(t, mode_of("wsuid/lock"), 02764);
	return t->failed;
}

/* A write or truncate by anyone but root takes the setuid bit (and
 * setgid with group execute) off, so that whoever may write a set-id
 * program cannot make it run their code with its owner's ids. */
static void perm_write_clears_setuid(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("wsuid", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("wsuid/a", 04755, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_file("wsuid/root", 04777, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("wsuid/sgid", 06775, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_file("wsuid/lock", 02764, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_file("wsuid/mine", 04755, 0, 0), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, write_setid_files), 0);
	KTAP_EXPECT_EQ(t, ktap_write_file("wsuid/mine", "root"), 0);  /* root keeps it */
	KTAP_EXPECT_EQ(t, mode_of("wsuid/mine"), 04755);
}

static int readonly_mount(struct ktap *t)
{
	/* EROFS comes before any permission check, as Linux's mnt_want_write */
	KTAP_EXPECT_ERRNO(t, try_open("mnt/x", O_WRONLY), EROFS);
	KTAP_EXPECT_ERRNO(t, mkdir("mnt/d", 0755), EROFS);
	KTAP_EXPECT_ERRNO(t, unlink("mnt/x"), EROFS);
	KTAP_EXPECT_ERRNO(t, chmod("mnt/x", 0777), EROFS);
	KTAP_EXPECT_ERRNO(t, truncate("mnt/x", 0), EROFS);
	KTAP_EXPECT_EQ(t, try_open("mnt/x", O_RDONLY), 0);
	return t->failed;
}

/* The mount's flags: nosuid runs a set-id program with the caller's
 * ids, noexec refuses exec (EACCES), read-only refuses changes (EROFS)
 * before the permission bits are looked at. */
static void perm_mount_flags(struct ktap *t)
{
	char out[128];

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "Linux under qemu-i386: the build host lets no test mount");
		return;
	}
	KTAP_ASSERT_EQ(t, case_dir("mnt", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, mount("none", "mnt", "ramfs", MS_NOSUID, NULL), 0);
	KTAP_ASSERT_EQ(t, copy_program("whoami", "mnt/root-suid", 04755, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("mnt/x", 0755, 0, 0), 0);
	KTAP_EXPECT_EQ(t, run_as(UID_A, "mnt/root-suid", false, out, sizeof(out)), 0);
	KTAP_EXPECT_STREQ(t, out, IDS(40101, 40101, 40101, 40101, 0));
	KTAP_EXPECT_EQ(t, exec_errno("mnt/x"), ENOEXEC);
	KTAP_EXPECT_EQ(t, mount(NULL, "mnt", NULL, MS_REMOUNT | MS_NOEXEC, NULL), 0);
	KTAP_EXPECT_EQ(t, exec_errno("mnt/x"), EACCES);
	KTAP_EXPECT_EQ(t, exec_errno("mnt/root-suid"), EACCES);
	KTAP_EXPECT_EQ(t, chmod("mnt/x", 0644), 0);
	KTAP_EXPECT_EQ(t, mount(NULL, "mnt", NULL, MS_REMOUNT | MS_RDONLY, NULL), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, readonly_mount), 0);
	KTAP_EXPECT_EQ(t, umount2("mnt", 0), 0);
}

/* --- attributes: chmod, chown, times, truncate -------------------------- */

static int chmod_as_owner(struct ktap *t)
{
	int fd;

	KTAP_EXPECT_EQ(t, chmod("chmod/f", 0600), 0);
	KTAP_EXPECT_EQ(t, mode_of("chmod/f"), 0600);
	KTAP_EXPECT_EQ(t, chmod("chmod/f", 02755), 0);    /* its own group: kept */
	KTAP_EXPECT_EQ(t, mode_of("chmod/f"), 02755);
	KTAP_EXPECT_EQ(t, chmod("chmod/g", 02755), 0);    /* B's group: dropped, no error */
	KTAP_EXPECT_EQ(t, mode_of("chmod/g"), 0755);
	fd = open("chmod/g", O_RDONLY);
	KTAP_EXPECT_EQ(t, fchmod(fd, 02700), 0);
	KTAP_EXPECT_EQ(t, mode_of("chmod/g"), 0700);
	close(fd);
	return t->failed;
}

static int chmod_as_other(struct ktap *t)
{
	int fd = open("chmod/f", O_RDONLY);

	KTAP_EXPECT_ERRNO(t, chmod("chmod/f", 0777), EPERM);
	KTAP_EXPECT_ERRNO(t, fchmod(fd, 0777), EPERM);
	close(fd);
	return t->failed;
}

/* chmod: the owner or root (EPERM). An owner who is not in the file's
 * group cannot give it setgid: the bit is dropped silently. */
static void perm_chmod_rules(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("chmod", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("chmod/f", 0644, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_file("chmod/g", 0644, UID_A, UID_B), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, chmod_as_owner), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, chmod_as_other), 0);
	KTAP_EXPECT_EQ(t, chmod("chmod/g", 02750), 0);           /* root: kept */
	KTAP_EXPECT_EQ(t, mode_of("chmod/g"), 02750);
}

static int chown_as_owner(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, chown("chown/f", UID_B, -1), EPERM);   /* giving it away */
	KTAP_EXPECT_EQ(t, chown("chown/f", UID_A, -1), 0);          /* to itself */
	KTAP_EXPECT_ERRNO(t, chown("chown/f", -1, UID_B), EPERM);   /* not A's group */
	KTAP_EXPECT_EQ(t, chown("chown/f", -1, UID_A), 0);
	KTAP_EXPECT_EQ(t, chown("chown/f", -1, -1), 0);
	return t->failed;
}

static int chown_as_other(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, chown("chown/f", -1, UID_B), EPERM);
	KTAP_EXPECT_ERRNO(t, chown("chown/f", UID_B, UID_B), EPERM);
	return t->failed;
}

static int chgrp_clears_setuid(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, chown("chown/f", -1, UID_B), 0);
	KTAP_EXPECT_EQ(t, mode_of("chown/f"), 0755);
	return t->failed;
}

/* chown: only root gives a file away; its owner may change its group to
 * one of its own; anything else is EPERM. A change clears setuid. */
static void perm_chown_rules(struct ktap *t)
{
	struct stat64 st;

	KTAP_ASSERT_EQ(t, case_dir("chown", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("chown/f", 0644, UID_A, UID_A), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, chown_as_owner), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, chown_as_other), 0);
	KTAP_EXPECT_EQ(t, chown("chown/f", UID_B, UID_A), 0);      /* root gives it to B */
	KTAP_EXPECT_EQ(t, stat("chown/f", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, UID_B);
	KTAP_EXPECT_EQ(t, chmod("chown/f", 04755), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, chgrp_clears_setuid), 0);
}

static int times_as_writer(struct ktap *t)
{
	struct timespec given[2] = { { 1000, 0 }, { 2000, 0 } };
	struct timespec now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };
	struct timespec both_now[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	struct timespec omit[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };

	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "tu/a666", NULL, 0), 0);
	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "tu/a666", both_now, 0), 0);
	KTAP_EXPECT_ERRNO(t, utimensat(AT_FDCWD, "tu/a644", NULL, 0), EACCES);
	KTAP_EXPECT_ERRNO(t, utimensat(AT_FDCWD, "tu/a644", both_now, 0), EACCES);
	KTAP_EXPECT_ERRNO(t, utimensat(AT_FDCWD, "tu/a666", given, 0), EPERM);
	KTAP_EXPECT_ERRNO(t, utimensat(AT_FDCWD, "tu/a666", now_omit, 0), EPERM);
	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "tu/a644", omit, 0), 0);     /* nothing to check */
	KTAP_EXPECT_ERRNO(t, truncate("tu/a644", 0), EACCES);
	KTAP_EXPECT_EQ(t, truncate("tu/a666", 1), 0);
	return t->failed;
}

static int times_as_owner(struct ktap *t)
{
	struct timespec given[2] = { { 1000, 0 }, { 2000, 0 } };
	struct stat64 st;

	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "tu/a644", given, 0), 0);
	KTAP_EXPECT_EQ(t, stat("tu/a644", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_mtime, 2000);
	return t->failed;
}

/* utimensat: setting both times to now needs the owner, root or write
 * permission (EACCES); given times (or now for one alone) the owner or
 * root (EPERM); UTIME_OMIT for both checks nothing. truncate needs write
 * permission (EACCES). */
static void perm_utimensat_truncate(struct ktap *t)
{
	struct timespec given[2] = { { 3000, 0 }, { 4000, 0 } };

	KTAP_ASSERT_EQ(t, case_dir("tu", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("tu/a666", 0666, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_file("tu/a644", 0644, UID_A, UID_A), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_B, times_as_writer), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, times_as_owner), 0);
	KTAP_EXPECT_EQ(t, utimensat(AT_FDCWD, "tu/a644", given, 0), 0);    /* root */
}

/* --- umask, owners of new files, setgid directories ---------------------- */

static int new_files(struct ktap *t)
{
	struct stat64 st;

	umask(027);
	KTAP_EXPECT_EQ(t, try_open("um/f", O_CREAT | O_WRONLY), 0);     /* 0644 asked */
	KTAP_EXPECT_EQ(t, mode_of("um/f"), 0640);
	KTAP_EXPECT_EQ(t, mkdir("um/d", 0777), 0);
	KTAP_EXPECT_EQ(t, mode_of("um/d"), 0750);
	KTAP_EXPECT_EQ(t, mknod("um/p", S_IFIFO | 0666, 0), 0);
	KTAP_EXPECT_EQ(t, mode_of("um/p"), 0640);
	KTAP_EXPECT_EQ(t, stat("um/d", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, UID_A);
	KTAP_EXPECT_EQ(t, st.st_gid, UID_A);
	/* in a setgid directory of group B: B's group, and new directories
	 * setgid too; a setgid program of a group A is not in loses the bit */
	KTAP_EXPECT_EQ(t, try_open("sgid/f", O_CREAT | O_WRONLY), 0);
	KTAP_EXPECT_EQ(t, stat("sgid/f", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_uid, UID_A);
	KTAP_EXPECT_EQ(t, st.st_gid, UID_B);
	KTAP_EXPECT_EQ(t, mkdir("sgid/d", 0777), 0);
	KTAP_EXPECT_EQ(t, stat("sgid/d", &st), 0);
	KTAP_EXPECT_EQ(t, st.st_gid, UID_B);
	KTAP_EXPECT_EQ(t, st.st_mode & 07777, 02750);
	umask(0);
	KTAP_EXPECT_EQ(t, mknod("sgid/prog", S_IFREG | 02755, 0), 0);
	KTAP_EXPECT_EQ(t, mode_of("sgid/prog"), 0755);
	return t->failed;
}

/* New files, directories and nodes take the umask off the mode asked;
 * they belong to the caller's fsuid and fsgid, or, in a setgid
 * directory, to the directory's group. */
static void perm_umask_and_owner(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("um", 0777, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_dir("sgid", 02777, 0, UID_B), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, new_files), 0);
}

/* --- identities: fsuid, and access with real ids --------------------------- */

static int fsuid_as_root(void)
{
	int bad = 0;

	bad |= (setfsuid(UID_A) != 0) << 0;                  /* the old one */
	bad |= (setfsuid(-1) != UID_A) << 1;
	bad |= (try_open("fsid/b600", O_RDONLY) != -1 || errno != EACCES) << 2;
	bad |= (try_open("fsid/a600", O_RDWR) != 0) << 3;
	bad |= (geteuid() != 0) << 4;
	bad |= (setfsuid(0) != UID_A || try_open("fsid/b600", O_RDONLY) != 0) << 5;
	bad |= (setfsuid(UID_A) != 0 || setreuid(-1, 0) != 0) << 6;
	bad |= (setfsuid(-1) != 0) << 7;                      /* it followed euid */
	bad |= (__syscall1(__NR_setfsuid, 0xffff) != 0) << 8;  /* 16-bit: -1 asks */
	return bad;
}

static int fsuid_as_user(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, setfsuid(UID_B), UID_A);           /* refused, silently */
	KTAP_EXPECT_EQ(t, setfsuid(-1), UID_A);
	KTAP_EXPECT_EQ(t, setfsgid(0), UID_A);
	KTAP_EXPECT_EQ(t, setfsgid(-1), UID_A);
	return t->failed;
}

/* setfsuid/setfsgid: root may take any filesystem id (and leaves its
 * file powers behind with fsuid 0); a user only one of its own ids; the
 * call returns the old id and never fails. It follows the effective id
 * whenever that is set. */
static void perm_setfsuid(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("fsid", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("fsid/b600", 0600, UID_B, UID_B), 0);
	KTAP_ASSERT_EQ(t, make_file("fsid/a600", 0600, UID_A, UID_A), 0);
	KTAP_EXPECT_EQ(t, ktap_run_child(fsuid_as_root), 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, fsuid_as_user), 0);
}

/* Real uid A, effective root: access answers for A, open for root. */
static int access_real_user(void)
{
	int bad = 0;

	if (setresuid(UID_A, 0, 0))
		return 100;
	bad |= (access("acc/root600", R_OK) != -1 || errno != EACCES) << 0;
	bad |= (faccessat(AT_FDCWD, "acc/root600", R_OK, AT_EACCESS) != 0) << 1;
	bad |= (try_open("acc/root600", O_RDONLY) != 0) << 2;
	bad |= (access("acc/a600", R_OK | W_OK) != 0) << 3;
	bad |= (access("acc/priv/f", F_OK) != -1 || errno != EACCES) << 4;   /* the walk too */
	bad |= (try_open("acc/priv/f", O_RDONLY) != 0) << 5;
	return bad;
}

/* Real root, effective uid B: the other way round. */
static int access_real_root(void)
{
	int bad = 0;

	if (setresuid(0, UID_B, 0))
		return 100;
	bad |= (access("acc/root600", R_OK) != 0) << 0;
	bad |= (try_open("acc/root600", O_RDONLY) != -1 || errno != EACCES) << 1;
	bad |= (faccessat(AT_FDCWD, "acc/root600", R_OK, AT_EACCESS) != -1 || errno != EACCES) << 2;
	return bad;
}

/* access and faccessat check with the real ids (a setuid program asks
 * what its user may do), faccessat's AT_EACCESS with the effective ones;
 * root may do anything but execute a file with no x bit. */
static void perm_access_real_ids(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("acc", 0755, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("acc/root600", 0600, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("acc/a600", 0600, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_file("acc/x644", 0644, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_file("acc/x744", 0744, 0, 0), 0);
	KTAP_ASSERT_EQ(t, make_dir("acc/priv", 0700, UID_B, UID_B), 0);
	KTAP_ASSERT_EQ(t, make_file("acc/priv/f", 0644, UID_B, UID_B), 0);
	KTAP_EXPECT_ERRNO(t, access("acc/x644", X_OK), EACCES);
	KTAP_EXPECT_EQ(t, access("acc/x744", X_OK), 0);
	KTAP_EXPECT_EQ(t, access("acc/a600", R_OK | W_OK), 0);
	KTAP_EXPECT_EQ(t, access("acc/priv", R_OK | W_OK | X_OK), 0);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(ktap_run_child(access_real_user)), 0);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(ktap_run_child(access_real_root)), 0);
}

/* Root (CAP_DAC_OVERRIDE) reads and writes a mode 0000 file, searches
 * and writes a mode 0000 directory, lists it. */
static void perm_root_overrides_bits(struct ktap *t)
{
	KTAP_ASSERT_EQ(t, case_dir("root", 0000, UID_A, UID_A), 0);
	KTAP_ASSERT_EQ(t, make_file("root/none", 0000, UID_A, UID_A), 0);
	KTAP_EXPECT_EQ(t, try_open("root/none", O_RDWR), 0);
	KTAP_EXPECT_EQ(t, try_open("root/new", O_CREAT | O_WRONLY), 0);
	KTAP_EXPECT_EQ(t, try_open("root", O_RDONLY | O_DIRECTORY), 0);
	KTAP_EXPECT_EQ(t, unlink("root/new"), 0);
	KTAP_EXPECT_EQ(t, chmod("root/none", 0600), 0);     /* A's file: root may */
}

/* --- the system's files -------------------------------------------------- */

static int system_files(struct ktap *t)
{
	KTAP_EXPECT_ERRNO(t, try_open("/sbin/init", O_WRONLY), EACCES);
	KTAP_EXPECT_ERRNO(t, try_open("/sbin/init", O_RDWR | O_TRUNC), EACCES);
	KTAP_EXPECT_EQ(t, try_open("/sbin/init", O_RDONLY), 0);
	KTAP_EXPECT_ERRNO(t, unlink("/sbin/init"), EACCES);
	KTAP_EXPECT_ERRNO(t, rename("/sbin/init", "/sbin/init.old"), EACCES);
	KTAP_EXPECT_ERRNO(t, chmod("/sbin/init", 0777), EPERM);
	KTAP_EXPECT_ERRNO(t, open("/sbin/evil", O_CREAT | O_WRONLY, 0755), EACCES);
	return t->failed;
}

/* An ordinary user cannot write, replace, remove or chmod /sbin/init. */
static void perm_init_not_writable(struct ktap *t)
{
	struct stat64 st;

	if (!ktap_on_tasklab() && (lstat("/sbin/init", &st) || stat("/sbin", &st) ||
				   st.st_uid != 0 || (st.st_mode & 022))) {
		ktap_skip(t, "the build host has no root-owned /sbin/init");
		return;
	}
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, system_files), 0);
}

static int sysctl_fd = -1;

static int sysctl_as_user(struct ktap *t)
{
	char buf[24];
	int n;

	KTAP_EXPECT_ERRNO(t, try_open(THREADS_MAX, O_WRONLY), EACCES);    /* at open */
	KTAP_EXPECT_EQ(t, try_open(THREADS_MAX, O_RDONLY), 0);
	/* through root's fd, the value that is there already: EPERM */
	n = pread(sysctl_fd, buf, sizeof(buf) - 1, 0);
	KTAP_EXPECT_GT(t, n, 0);
	KTAP_EXPECT_ERRNO(t, write(sysctl_fd, buf, n > 0 ? n : 0), EPERM);
	return t->failed;
}

/* A /proc/sys tunable is root's, mode 0644: another user's open for
 * writing is EACCES; a write through a file root opened is EPERM. */
static void perm_proc_sys_not_writable(struct ktap *t)
{
	sysctl_fd = open(THREADS_MAX, O_RDWR);
	KTAP_ASSERT_GE(t, sysctl_fd, 0);
	KTAP_EXPECT_EQ(t, as_user(t, UID_A, sysctl_as_user), 0);
	close(sysctl_fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(perm_open_owner_group_other),
	KTAP_CASE(perm_checked_at_open_not_write),
	KTAP_CASE(perm_supplementary_groups),
	KTAP_CASE(perm_path_search),
	KTAP_CASE(perm_chdir_fchdir),
	KTAP_CASE(perm_create_needs_write_on_parent),
	KTAP_CASE(perm_delete_needs_write_on_parent),
	KTAP_CASE(perm_sticky_directory),
	KTAP_CASE(perm_tmp_is_sticky),
	KTAP_CASE(perm_rename_directory),
	KTAP_CASE(perm_exec_needs_x),
	KTAP_CASE(perm_setuid_exec),
	KTAP_CASE(perm_write_clears_setuid),
	KTAP_CASE(perm_mount_flags),
	KTAP_CASE(perm_chmod_rules),
	KTAP_CASE(perm_chown_rules),
	KTAP_CASE(perm_utimensat_truncate),
	KTAP_CASE(perm_umask_and_owner),
	KTAP_CASE(perm_setfsuid),
	KTAP_CASE(perm_access_real_ids),
	KTAP_CASE(perm_root_overrides_bits),
	KTAP_CASE(perm_init_not_writable),
	KTAP_CASE(perm_proc_sys_not_writable),
	KTAP_CASE(ktap_scratch_removed),
	{}
};

int main(void)
{
	find_program_dir();
	return ktap_run_in_scratch("perm", cases);
}
