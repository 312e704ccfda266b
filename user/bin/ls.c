/* user/bin/ls.c: list directories (getdents64): one name per line, with
 * '/' after a directory, '@' after a symlink, '*' after a device node, and
 * a file's size. `ls` alone lists the working directory. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

static void show(const char *dir, const struct linux_dirent64 *d)
{
	char path[512];
	struct stat64 st;
	char mark = d->d_type == DT_DIR ? '/' : d->d_type == DT_LNK ? '@' :
		    d->d_type == DT_CHR ? '*' : ' ';

	snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
	if (d->d_type == DT_REG && lstat(path, &st) == 0)
		printf("%-24s %lld\n", d->d_name, st.st_size);
	else
		printf("%s%c\n", d->d_name, mark);
}

static int list(const char *dir)
{
	char buf[1024];
	int fd = open(dir, O_RDONLY | O_DIRECTORY), n;

	if (fd < 0) {
		perror(dir);
		return 1;
	}
	while ((n = getdents64(fd, buf, sizeof(buf))) > 0)
		for (int off = 0; off < n; off += ((struct linux_dirent64 *)(buf + off))->d_reclen)
			show(dir, (struct linux_dirent64 *)(buf + off));
	close(fd);
	if (n < 0)
		perror(dir);
	return n < 0;
}

int main(int argc, char **argv)
{
	int status = 0;

	if (argc < 2)
		return list(".");
	for (int i = 1; i < argc; i++) {
		if (argc > 2)
			printf("%s:\n", argv[i]);
		status |= list(argv[i]);
	}
	return status;
}
