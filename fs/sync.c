/* fs/sync.c: fsync, fdatasync, syncfs and sync. The ramfs keeps its data in
 * memory only and has nothing to write out, so for its files and
 * directories these succeed at once (Linux's ramfs says the same:
 * noop_fsync). A file whose driver cannot sync (a pipe, FIFO, socket or
 * character device) is EINVAL for fsync and fdatasync, as Linux. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <syscall.h>

static long do_fsync(u32 fd, int datasync)
{
	struct fd f = fdget((int)fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = f.file->f_op->fsync ? f.file->f_op->fsync(f.file, datasync) : -EINVAL;
	fdput(f);
	return ret;
}

long sys_fsync(u32 fd, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return do_fsync(fd, 0);
}

long sys_fdatasync(u32 fd, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return do_fsync(fd, 1);
}

/* syncfs(fd): the filesystem of fd; EBADF, else done (nothing of the file
 * is used, so a bare check will do). */
long sys_syncfs(u32 fd, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return fcheck((int)fd) ? 0 : -EBADF;
}

/* sync(): every filesystem (there is nothing to write); always 0. */
long sys_sync(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return 0;
}
