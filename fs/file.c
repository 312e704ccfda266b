/* fs/file.c: the open-file table of the calling task (include/fdtable.h).
 * A slot holds one reference to its struct file; dup() puts a second
 * reference in another slot, close() drops the slot's. The table is at most
 * NR_OPEN_DEFAULT fds (EMFILE beyond), enough for teaching programs; a new
 * fd is also below the RLIMIT_NOFILE soft limit, as in Linux. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <sched.h>
#include <sched/signal.h>
#include <uapi/linux/fcntl.h>

struct file *fcheck(int fd)
{
	struct files_struct *files = current->files;

	if (!files || fd < 0 || fd >= NR_OPEN_DEFAULT)
		return NULL;
	return files->fd[fd];
}

int get_unused_fd(int from)
{
	struct files_struct *files = current->files;

	int end = (int)min((unsigned long)NR_OPEN_DEFAULT, current->signal->rlim[RLIMIT_NOFILE].rlim_cur);

	if (!files)
		return -EMFILE;
	for (int fd = from < 0 ? 0 : from; fd < end; fd++)
		if (!files->fd[fd])
			return fd;
	return -EMFILE;
}

void fd_install(int fd, struct file *f, bool cloexec)
{
	struct files_struct *files = current->files;

	BUG_ON(files->fd[fd]);
	files->fd[fd] = f;
	if (cloexec)
		files->close_on_exec |= 1u << fd;
	else
		files->close_on_exec &= ~(1u << fd);
}

int close_fd(int fd)
{
	struct file *f = fcheck(fd);

	if (!f)
		return -EBADF;
	current->files->fd[fd] = NULL;
	current->files->close_on_exec &= ~(1u << fd);
	fput(f);
	return 0;
}

void close_on_exec(struct files_struct *files)
{
	for (int fd = 0; files && fd < NR_OPEN_DEFAULT; fd++)
		if (files->close_on_exec & (1u << fd) && files->fd[fd]) {
			fput(files->fd[fd]);
			files->fd[fd] = NULL;
		}
	if (files)
		files->close_on_exec = 0;
}

/* fds 0, 1 and 2 of the caller on /dev/console (init, and the programs the
 * self-tests run), closing whatever they held. */
int open_console_fds(void)
{
	struct file *f = filp_open(root_dentry, root_dentry, "/dev/console", O_RDWR, 0);

	if (IS_ERR(f)) {
		pr_warn("cannot open /dev/console (error %ld)\n", PTR_ERR(f));
		return PTR_ERR(f);
	}
	for (int fd = 0; fd < 3; fd++) {
		close_fd(fd);
		fd_install(fd, fd ? get_file(f) : f, false);
	}
	return 0;
}
