/* fs/readdir.c: reading directories: vfs_readdir calls the directory's
 * readdir (which moves the atime, as Linux's iterate_dir), and getdents64
 * reads a directory from its f_pos into a user buffer of struct
 * linux_dirent64 records (8-byte aligned, d_off = where to resume), as
 * many as fit. It returns the bytes filled, 0 at the end, -EINVAL if not
 * even one record fits, -EFAULT if the buffer cannot be written, -ENOTDIR
 * for a file, -EBADF for a bad fd. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <syscall.h>
#include <asm/uaccess.h>
#include <uapi/linux/dirent.h>

struct getdents_ctx {
	char *ubuf;             /* next record goes here (user address) */
	unsigned int left;      /* bytes left in the buffer */
	unsigned int filled;
	int error;
};

static int fill_dirent64(void *arg, const char *name, int namelen, loff_t pos,
			 unsigned long ino, unsigned int type)
{
	struct getdents_ctx *c = arg;
	unsigned int reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + namelen + 1, 8);
	struct linux_dirent64 d = { ino, pos + 1, (unsigned short)reclen, (unsigned char)type };
	static const char zeros[8];

	if (reclen > c->left) {
		if (!c->filled)
			c->error = -EINVAL;     /* the buffer is too small for one */
		return 1;
	}
	if (copy_to_user(c->ubuf, &d, offsetof(struct linux_dirent64, d_name)) ||
	    copy_to_user(c->ubuf + offsetof(struct linux_dirent64, d_name), name, namelen) ||
	    copy_to_user(c->ubuf + offsetof(struct linux_dirent64, d_name) + namelen, zeros,
			 reclen - offsetof(struct linux_dirent64, d_name) - namelen)) {
		c->error = -EFAULT;
		return 1;
	}
	c->ubuf += reclen;
	c->left -= reclen;
	c->filled += reclen;
	return 0;
}

int vfs_readdir(struct file *f, filldir_t filldir, void *ctx)
{
	if (!S_ISDIR(f->f_inode->i_mode) || !f->f_op->readdir)
		return -ENOTDIR;
	touch_atime(f->f_inode);
	return f->f_op->readdir(f, filldir, ctx);
}

bool dir_emit_dots(struct file *f, filldir_t filldir, void *ctx)
{
	struct dentry *dir = f->f_dentry;

	if (f->f_pos == 0) {
		if (filldir(ctx, ".", 1, 0, dir->d_inode->i_ino, DT_DIR))
			return false;
		f->f_pos = 1;
	}
	if (f->f_pos == 1) {
		if (filldir(ctx, "..", 2, 1, dir->d_parent->d_inode->i_ino, DT_DIR))
			return false;
		f->f_pos = 2;
	}
	return true;
}

long vfs_getdents64(struct file *f, void *ubuf, unsigned int count)
{
	struct getdents_ctx c = { ubuf, count, 0, 0 };
	int err = vfs_readdir(f, fill_dirent64, &c);

	if (err)
		return err;
	return c.filled ? (long)c.filled : c.error;
}

long sys_getdents64(u32 fd, u32 buf, u32 count, u32 d, u32 e, u32 f)
{
	struct fd file = fdget_pos((int)fd);
	long ret;

	if (!file.file)
		return -EBADF;
	ret = vfs_getdents64(file.file, (void *)buf, count);
	fdput_pos(file);
	return ret;
}
