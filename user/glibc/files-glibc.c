/* user/glibc/files-glibc.c: glibc's own file functions on the kernel's
 * ABI, unmodified: an LTP-style set-up (mkdtemp, chmod, a file ftruncated
 * to a page, statfs), stat and fstatat (glibc 2.36 goes through statx with
 * AT_NO_AUTOMOUNT), opendir/readdir, link, symlink/readlink/realpath,
 * rename, utimensat, mkfifo, pread/pwrite, sendfile, remove. It lists the
 * directory as `ls -l` would before removing it. Built with 64-bit file
 * offsets, as LTP and most programs are (a 32-bit readdir fails with
 * EOVERFLOW on a host whose directory offsets are 64-bit hashes). Prints
 * a KTAP suite (`files_glibc`) and exits 0 when every check held; the
 * kernel runs it as a program suite and tests/run.py runs it on Linux
 * under qemu-i386. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64   /* as LTP and most programs build: 64-bit stat, readdir, off_t */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include "ktap-glibc.h"

/* One `ls -l` line for name in the cwd, as a diagnostic. */
static void ls_l(const char *name)
{
	static const char types[] = "?pc?d?b?-?l?s";
	struct stat st;
	char perm[11], when[32];

	if (lstat(name, &st))
		return;
	perm[0] = types[(st.st_mode >> 12) & 0xf];
	for (int i = 0; i < 9; i++)
		perm[1 + i] = st.st_mode & (0400 >> i) ? "rwxrwxrwx"[i] : '-';
	perm[10] = '\0';
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", gmtime(&st.st_mtime));
	printf("    # %s %2lu %4u %4u %6lld %s %s\n", perm, (unsigned long)st.st_nlink,
	       st.st_uid, st.st_gid, (long long)st.st_size, when, name);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;

	while (d && readdir(d))
		n++;
	if (d)
		closedir(d);
	return d ? n : -1;
}

int main(void)
{
	char dir[] = "/tmp/files_glibcXXXXXX", buf[64], real[PATH_MAX];
	struct timespec times[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	struct statfs sfs;
	struct stat st;
	int fd, out, n;
	off_t off = 0;

	ktap_begin("files_glibc", 10);
	umask(022);
	check("mkdtemp_chmod", mkdtemp(dir) && chmod(dir, 0777) == 0 && chdir(dir) == 0);
	fd = open("results", O_CREAT | O_EXCL | O_RDWR, 0600);
	check("ftruncate_to_a_page_statfs", fd >= 0 && ftruncate(fd, 4096) == 0 &&
	      fstat(fd, &st) == 0 && st.st_size == 4096 && statfs(".", &sfs) == 0 &&
	      sfs.f_namelen == 255);
	check("pwrite_pread", pwrite(fd, "glibc", 5, 100) == 5 && pread(fd, buf, 5, 100) == 5 &&
	      !memcmp(buf, "glibc", 5) && lseek(fd, 0, SEEK_CUR) == 0);
	check("link_symlink_readlink_realpath",
	      link("results", "hard") == 0 && symlink("results", "soft") == 0 &&
	      readlink("soft", buf, sizeof(buf)) == 7 && stat("hard", &st) == 0 &&
	      st.st_nlink == 2 && realpath("soft", real) && !strcmp(strrchr(real, '/'), "/results"));
	check("rename_fstatat", rename("hard", "renamed") == 0 &&
	      fstatat(AT_FDCWD, "renamed", &st, 0) == 0 && st.st_size == 4096 &&
	      fstatat(AT_FDCWD, "hard", &st, 0) == -1 && errno == ENOENT);
	check("utimensat_seen_by_stat", utimensat(AT_FDCWD, "renamed", times, 0) == 0 &&
	      stat("results", &st) == 0 && st.st_mtime == 1000000000);
	out = open("copy", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	check("sendfile", out >= 0 && sendfile(out, fd, &off, 4096) == 4096 && off == 4096);
	check("mkfifo_mkdir", mkfifo("fifo", 0600) == 0 && mkdir("sub", 0755) == 0 &&
	      stat("fifo", &st) == 0 && S_ISFIFO(st.st_mode));
	n = count_entries(".");
	check("opendir_readdir", n == 8);                    /* . .. and 6 names */
	if (n != 8)
		printf("    # readdir saw %d entries\n", n);
	ls_l(".");
	ls_l("copy");
	ls_l("fifo");
	ls_l("renamed");
	ls_l("results");
	ls_l("soft");
	ls_l("sub");
	close(out);
	close(fd);
	check("remove_all", remove("copy") == 0 && remove("fifo") == 0 && remove("renamed") == 0 &&
	      remove("results") == 0 && remove("soft") == 0 && remove("sub") == 0 &&
	      chdir("/") == 0 && rmdir(dir) == 0 && access(dir, F_OK) == -1);
	return ktap_status();
}
