/* fs/ioctl.c: ioctl: the command goes to the file's driver (the console's
 * termios and window size today); a file with none says ENOTTY. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <syscall.h>

long vfs_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	if (!f->f_op->unlocked_ioctl)
		return -ENOTTY;
	return f->f_op->unlocked_ioctl(f, cmd, arg);
}

long sys_ioctl(u32 fd, u32 cmd, u32 arg, u32 d, u32 e, u32 f)
{
	struct fd fr = fdget((int)fd);
	struct file *file = fr.file;
	long ret;

	if (!file)
		return -EBADF;
	ret = vfs_ioctl(file, cmd, arg);
	fdput(fr);
	return ret;
}
