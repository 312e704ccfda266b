/* fs/fcntl.c: fcntl64 (and fcntl: the same on i386 for these commands):
 * duplicating (F_DUPFD, F_DUPFD_CLOEXEC), the close-on-exec flag
 * (F_GETFD/F_SETFD) and the file status flags (F_GETFL/F_SETFL: only
 * O_APPEND and O_NONBLOCK change, as Linux's SETFL_MASK minus what
 * Tasklab has no use for). Other commands are EINVAL. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <sched.h>
#include <syscall.h>

#define SETFL_MASK (O_APPEND | O_NONBLOCK)

/* F_SETFL: the status flags in one atomic step (a compare-and-swap loop,
 * where Linux takes the file's f_lock), so that two threads sharing the
 * open file on two CPUs each leave the other bits as they found them and
 * a reader (O_NONBLOCK in read, O_APPEND in write) sees old or new. */
static void setfl(struct file *file, unsigned int arg)
{
	unsigned int old = READ_ONCE(file->f_flags), new;

	do {
		new = (old & ~SETFL_MASK) | (arg & SETFL_MASK);
	} while (!__atomic_compare_exchange_n(&file->f_flags, &old, new, false,
					      __ATOMIC_RELAXED, __ATOMIC_RELAXED));
}

static long do_fcntl(struct file *file, u32 fd, u32 cmd, u32 arg)
{
	struct files_struct *files = current->files;

	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return f_dupfd((int)arg, file, cmd == F_DUPFD_CLOEXEC);
	case F_GETFD:
		return (files->close_on_exec >> fd) & 1;
	case F_SETFD:
		set_close_on_exec((int)fd, arg & FD_CLOEXEC);
		return 0;
	case F_GETFL:
		return READ_ONCE(file->f_flags);
	case F_SETFL:
		setfl(file, arg);
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_fcntl64(u32 fd, u32 cmd, u32 arg, u32 d, u32 e, u32 f)
{
	struct fd fr = fdget((int)fd);
	struct file *file = fr.file;
	long ret;

	if (!file)
		return -EBADF;
	ret = do_fcntl(file, fd, cmd, arg);
	fdput(fr);
	return ret;
}
