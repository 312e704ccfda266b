/* fs/truncate.c: truncate, ftruncate and their 64-bit forms: cut a regular
 * file or extend it with zeros (a hole: no page is allocated until it is
 * written). Linux's rules: a negative length is EINVAL before anything
 * else; truncate by path says EISDIR for a directory and EINVAL for any
 * other non-regular file, then EACCES without write permission on it (and
 * every directory on the path needs search permission); ftruncate says
 * EBADF for a bad fd and EINVAL for a file not open for writing or not
 * regular (a directory, a pipe): the permission was checked at open. Past
 * the ramfs's file size limit it is EFBIG. A size change sets the mtime
 * and ctime; ftruncate sets them even when the size stays. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <mount.h>
#include <syscall.h>

/* Set the size (a truncate by anyone but root takes setuid bits off). */
static long do_truncate(struct dentry *d, loff_t length, unsigned int time_attrs)
{
	struct iattr attr = { .ia_valid = ATTR_SIZE | time_attrs, .ia_size = length };
	int err = dentry_remove_privs(d);

	if (err)
		return err;
	if (length != d->d_inode->i_size)
		attr.ia_valid |= ATTR_MTIME | ATTR_CTIME;
	return notify_change(d, &attr);
}

static long do_sys_truncate(u32 upath, loff_t length)
{
	struct dentry *d;
	long err;

	if (length < 0)
		return -EINVAL;
	d = user_path_at(AT_FDCWD, (const char *)upath, LOOKUP_FOLLOW);
	if (IS_ERR(d))
		return PTR_ERR(d);
	if (S_ISDIR(d->d_inode->i_mode))
		err = -EISDIR;
	else if (!S_ISREG(d->d_inode->i_mode))
		err = -EINVAL;
	else if (d_readonly(d))
		err = -EROFS;           /* before permission, as Linux's mnt_want_write */
	else if (!(err = inode_permission(d->d_inode, MAY_WRITE)))
		err = do_truncate(d, length, 0);
	dput(d);
	return err;
}

static long do_sys_ftruncate(u32 fd, loff_t length)
{
	struct fd f;
	long ret = -EINVAL;

	if (length < 0)
		return -EINVAL;
	f = fdget((int)fd);
	if (!f.file)
		return -EBADF;
	if (S_ISREG(f.file->f_inode->i_mode) && (f.file->f_mode & FMODE_WRITE))
		ret = do_truncate(f.file->f_dentry, length, ATTR_MTIME | ATTR_CTIME);
	fdput(f);
	return ret;
}

/* truncate(path, length): a long, so below 2 GiB. */
long sys_truncate(u32 upath, u32 length, u32 c, u32 d, u32 e, u32 f)
{
	return do_sys_truncate(upath, (s32)length);
}

long sys_ftruncate(u32 fd, u32 length, u32 c, u32 d, u32 e, u32 f)
{
	return do_sys_ftruncate(fd, (s32)length);
}

/* truncate64(path, length): i386 passes the 64-bit length in two
 * registers, low half first. */
long sys_truncate64(u32 upath, u32 lo, u32 hi, u32 d, u32 e, u32 f)
{
	return do_sys_truncate(upath, (loff_t)(((u64)hi << 32) | lo));
}

long sys_ftruncate64(u32 fd, u32 lo, u32 hi, u32 d, u32 e, u32 f)
{
	return do_sys_ftruncate(fd, (loff_t)(((u64)hi << 32) | lo));
}
