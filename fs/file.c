/* fs/file.c: the open-file table of the calling task (include/fdtable.h).
 * A slot holds one reference to its struct file; dup, dup2 and dup3 put a
 * second reference in another slot, close() drops the slot's. The table is
 * at most NR_OPEN_DEFAULT fds (EMFILE beyond), enough for teaching
 * programs; a new fd is also below the RLIMIT_NOFILE soft limit, as in
 * Linux, and dup2/dup3 to an fd at or past it is EBADF. The table is read
 * and changed under its file_lock (include/fdtable.h); a file is put
 * (fput) after the lock is dropped, as that may sleep. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <sched.h>
#include <sched/signal.h>
#include <syscall.h>
#include <uapi/linux/fcntl.h>

struct file *fcheck(int fd)
{
	struct files_struct *files = current->files;

	if (!files || fd < 0 || fd >= NR_OPEN_DEFAULT)
		return NULL;
	return READ_ONCE(files->fd[fd]);   /* one aligned word: no lock to read it */
}

struct file *fget_task(struct task_struct *task, int fd)
{
	struct files_struct *files;
	struct file *f = NULL;

	if (fd < 0 || fd >= NR_OPEN_DEFAULT)
		return NULL;
	task_lock(task);                 /* its table is not freed meanwhile */
	files = task->files;
	if (files) {
		spin_lock(&files->file_lock);
		if ((f = files->fd[fd]))
			__atomic_fetch_add(&f->f_count, 1, __ATOMIC_RELAXED);
		spin_unlock(&files->file_lock);
	}
	task_unlock(task);
	return f;
}

struct file *fget(int fd)
{
	struct files_struct *files = current->files;

	if (!files || fd < 0 || fd >= NR_OPEN_DEFAULT)
		return NULL;
	return __fget_files(files, fd);
}

/* One past the highest fd the caller may use. */
static int fd_limit(void)
{
	return (int)min((unsigned long)NR_OPEN_DEFAULT, current->signal->rlim[RLIMIT_NOFILE].rlim_cur);
}

int get_unused_fd(int from)
{
	struct files_struct *files = current->files;
	int end = fd_limit(), fd;

	if (!files)
		return -EMFILE;
	spin_lock(&files->file_lock);
	for (fd = from < 0 ? 0 : from; fd < end && (files->open_fds & (1u << fd)); fd++)
		;
	if (fd < end)
		files->open_fds |= 1u << fd;
	spin_unlock(&files->file_lock);
	return fd < end ? fd : -EMFILE;
}

void put_unused_fd(int fd)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	BUG_ON(files->fd[fd]);
	files->open_fds &= ~(1u << fd);
	spin_unlock(&files->file_lock);
}

/* fd's close-on-exec bit; file_lock held. */
static void __set_close_on_exec(struct files_struct *files, int fd, bool on)
{
	if (on)
		files->close_on_exec |= 1u << fd;
	else
		files->close_on_exec &= ~(1u << fd);
}

void set_close_on_exec(int fd, bool on)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	__set_close_on_exec(files, fd, on);
	spin_unlock(&files->file_lock);
}

/* f in slot fd, taken; file_lock held. */
static void __fd_set(struct files_struct *files, int fd, struct file *f, bool cloexec)
{
	files->fd[fd] = f;
	files->open_fds |= 1u << fd;
	__set_close_on_exec(files, fd, cloexec);
}

void fd_install(int fd, struct file *f, bool cloexec)
{
	struct files_struct *files = current->files;

	spin_lock(&files->file_lock);
	BUG_ON(files->fd[fd]);
	__fd_set(files, fd, f, cloexec);
	spin_unlock(&files->file_lock);
}

int close_fd(int fd)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;

	if (files && fd >= 0 && fd < NR_OPEN_DEFAULT) {
		spin_lock(&files->file_lock);
		f = files->fd[fd];
		files->fd[fd] = NULL;
		if (f)                       /* a reservation is its opener's */
			files->open_fds &= ~(1u << fd);
		files->close_on_exec &= ~(1u << fd);
		spin_unlock(&files->file_lock);
	}
	if (!f)
		return -EBADF;
	fput(f);
	return 0;
}

void close_on_exec(struct files_struct *files)
{
	for (int fd = 0; files && fd < NR_OPEN_DEFAULT; fd++) {
		struct file *f = NULL;

		spin_lock(&files->file_lock);
		if (files->close_on_exec & (1u << fd)) {
			f = files->fd[fd];
			files->fd[fd] = NULL;
			files->open_fds &= ~(1u << fd);
			files->close_on_exec &= ~(1u << fd);
		}
		spin_unlock(&files->file_lock);
		if (f)
			fput(f);
	}
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

static long do_dup(struct file *file, int from, bool cloexec)
{
	int fd = get_unused_fd(from);

	if (fd < 0)
		return fd;
	fd_install(fd, get_file(file), cloexec);
	return fd;
}

long sys_dup(u32 oldfd, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct file *file = fget((int)oldfd);
	long ret;

	if (!file)
		return -EBADF;
	ret = do_dup(file, 0, false);
	fput(file);
	return ret;
}

/* fcntl's F_DUPFD and F_DUPFD_CLOEXEC: the lowest free fd >= from; from
 * at or past the limit is EINVAL. */
long f_dupfd(int from, struct file *file, bool cloexec)
{
	if (from < 0 || from >= fd_limit())
		return -EINVAL;
	return do_dup(file, from, cloexec);
}

/* Put file in fd, closing what was there, in one step under file_lock so
 * that no other thread can take fd in between: fd, or -EBUSY (file
 * dropped) if fd is reserved by an open still in progress, as Linux. */
static long replace_fd(int fd, struct file *file, bool cloexec)
{
	struct files_struct *files = current->files;
	struct file *old;

	spin_lock(&files->file_lock);
	old = files->fd[fd];
	if (!old && (files->open_fds & (1u << fd))) {
		spin_unlock(&files->file_lock);
		fput(file);
		return -EBUSY;
	}
	__fd_set(files, fd, file, cloexec);
	spin_unlock(&files->file_lock);
	if (old)
		fput(old);
	return fd;
}

/* dup3(oldfd, newfd, flags): flags only O_CLOEXEC and oldfd != newfd
 * (EINVAL, checked first), newfd below the limit (EBADF), oldfd open
 * (EBADF); newfd is closed first if open. */
long sys_dup3(u32 oldfd, u32 newfd, u32 flags, u32 d, u32 e, u32 f)
{
	struct file *file;

	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= (u32)fd_limit())
		return -EBADF;
	file = fget((int)oldfd);         /* newfd's reference once installed */
	if (!file)
		return -EBADF;
	return replace_fd((int)newfd, file, flags & O_CLOEXEC);
}

/* dup2(oldfd, newfd): dup3 without flags, but oldfd == newfd returns it
 * (EBADF if it is not open). */
long sys_dup2(u32 oldfd, u32 newfd, u32 c, u32 d, u32 e, u32 f)
{
	if (oldfd == newfd)
		return fcheck((int)oldfd) ? (long)newfd : -EBADF;
	return sys_dup3(oldfd, newfd, 0, 0, 0, 0);
}
