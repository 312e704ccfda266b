/* fs/read_write.c: moving bytes: read, write, readv, writev, pread64,
 * pwrite64, preadv, pwritev, lseek, _llseek, sendfile and sendfile64.
 * Every path ends in do_read/do_write, which check, as Linux's vfs_read
 * and vfs_write do, that the file was opened that way (EBADF), has the
 * operation (EINVAL; a directory's read is EISDIR), and that the count
 * and position are sane (rw_verify_area: EINVAL), then call f_op with an
 * iov_iter over the caller's buffers (uio.h). Positioned I/O does not
 * move f_pos and needs a file that can seek (ESPIPE for a pipe); an
 * O_APPEND write goes to the end of the file even from pwrite (Linux's
 * documented behaviour). A regular file is written under its i_rwsem
 * (the end an append reads cannot move before it writes), and a shared
 * file's f_pos is moved under its f_pos_lock (fdget_pos). */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <mm.h>
#include <slab.h>
#include <syscall.h>
#include <asm/uaccess.h>

#define SEEK_DATA 3
#define SEEK_HOLE 4
#define MAX_NON_LFS 0x7fffffffLL        /* sendfile's 32-bit offset limit */
#define MAX_LFS_FILESIZE (((loff_t)PAGE_SIZE << 31) - 1)   /* Linux's, 32-bit */

/* Linux's rw_verify_area: a count or a position (and so an end) that is
 * negative is EINVAL; otherwise the count, cut to MAX_RW_COUNT. */
static ssize_t rw_verify_area(const loff_t *pos, size_t count)
{
	if ((ssize_t)count < 0)
		return -EINVAL;
	if (pos && (*pos < 0 || *pos + (loff_t)count < 0))
		return -EINVAL;
	return min(count, (size_t)MAX_RW_COUNT);
}

static ssize_t do_read(struct file *f, struct iov_iter *to, loff_t *pos)
{
	ssize_t n;

	if (!(f->f_mode & FMODE_READ))
		return -EBADF;
	if (!f->f_op->read_iter)
		return S_ISDIR(f->f_inode->i_mode) ? -EISDIR : -EINVAL;
	n = rw_verify_area(pos, to->count);
	if (n < 0)
		return n;
	to->count = n;
	return f->f_op->read_iter(f, to, pos);
}

/* The write itself (a regular file's i_rwsem held by the caller: O_APPEND's
 * end is read under it, so two appenders never write at one offset). */
static __always_inline ssize_t write_checked(struct file *f, struct iov_iter *from, loff_t *pos)
{
	ssize_t n;

	if ((f->f_flags & O_APPEND) && S_ISREG(f->f_inode->i_mode))
		*pos = f->f_inode->i_size;
	n = rw_verify_area(pos, from->count);
	if (n < 0)
		return n;
	from->count = n;
	return f->f_op->write_iter(f, from, pos);
}

/* A regular file is written under its i_rwsem (as Linux's
 * generic_file_write_iter): one write, truncate or append at a time, so
 * the size only moves as each of them left it. A call of its own, so
 * that a pipe's write (do_write's other way) pays one test for it. */
static __noinline ssize_t write_locked(struct file *f, struct iov_iter *from, loff_t *pos)
{
	struct inode *inode = f->f_inode;
	ssize_t n;

	inode_lock(inode);
	n = write_checked(f, from, pos);
	inode_unlock(inode);
	return n;
}

static ssize_t do_write(struct file *f, struct iov_iter *from, loff_t *pos)
{
	if (!(f->f_mode & FMODE_WRITE))
		return -EBADF;
	if (!f->f_op->write_iter)
		return -EINVAL;
	if (S_ISREG(f->f_inode->i_mode))
		return write_locked(f, from, pos);
	return write_checked(f, from, pos);
}

/* Read or write one buffer (a user or a kernel one) at *pos. Always
 * inline: every read and write of a pipe comes through here, and as a
 * call of its own (GCC stopped inlining it into ksys_rw once fdget and
 * fdput were inline there) it cost a frame and a stack-protector check
 * around its iov_iter, about 35 instructions per read or write. */
static __always_inline ssize_t rw_buf(struct file *f, void *buf, size_t n, loff_t *pos, bool user, bool write)
{
	struct iov_iter i;

	if (user)
		iov_iter_user(&i, buf, n);
	else
		iov_iter_kernel(&i, buf, n);
	return write ? do_write(f, &i, pos) : do_read(f, &i, pos);
}

ssize_t kernel_read(struct file *f, void *buf, size_t n, loff_t *pos)
{
	return rw_buf(f, buf, n, pos, false, false);
}

ssize_t kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	return rw_buf(f, (void *)buf, n, pos, false, true);
}

ssize_t __kernel_write(struct file *f, const void *buf, size_t n, loff_t *pos)
{
	struct iov_iter i;

	iov_iter_kernel(&i, (void *)buf, n);
	return f->f_mode & FMODE_WRITE ? write_checked(f, &i, pos) : -EBADF;
}

ssize_t vfs_read(struct file *f, void *ubuf, size_t n, loff_t *pos)
{
	return rw_buf(f, ubuf, n, pos, true, false);
}

ssize_t vfs_write(struct file *f, const void *ubuf, size_t n, loff_t *pos)
{
	return rw_buf(f, (void *)ubuf, n, pos, true, true);
}

/* read and write: at the file's position; EBADF, EFAULT (a buffer outside
 * user space), then do_read/do_write's errors. */
static long ksys_rw(u32 fd, u32 buf, u32 count, bool write)
{
	struct fd f = fdget_pos((int)fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = access_ok((void *)buf, count) ?
	      rw_buf(f.file, (void *)buf, count, &f.file->f_pos, true, write) : -EFAULT;
	fdput_pos(f);
	return ret;
}

long sys_read(u32 fd, u32 buf, u32 count, u32 d, u32 e, u32 f)
{
	return ksys_rw(fd, buf, count, false);
}

long sys_write(u32 fd, u32 buf, u32 count, u32 d, u32 e, u32 f)
{
	return ksys_rw(fd, buf, count, true);
}

static loff_t pos_from_hilo(u32 hi, u32 lo)
{
	return (loff_t)(((u64)hi << 32) | lo);
}

/* The file of a positioned call (pread64, preadv and the writes) and its
 * position from (hi, lo): NULL with *err set to EINVAL for a negative
 * position (before the fd is even looked at, as Linux), EBADF, or ESPIPE
 * for a file that cannot seek (a pipe). fdput it when done. */
static struct fd fdget_positioned(u32 fd, u32 lo, u32 hi, bool write, loff_t *pos, long *err)
{
	struct fd f = { NULL, 0 };

	*pos = pos_from_hilo(hi, lo);
	if (*pos < 0) {
		*err = -EINVAL;
		return f;
	}
	f = fdget((int)fd);
	*err = !f.file ? -EBADF : !(f.file->f_mode & (write ? FMODE_PWRITE : FMODE_PREAD)) ? -ESPIPE : 0;
	if (*err) {
		fdput(f);
		f.file = NULL;
	}
	return f;
}

/* pread64/pwrite64(fd, buf, count, pos) */
static long ksys_prw(u32 fd, u32 buf, u32 count, u32 lo, u32 hi, bool write)
{
	loff_t pos;
	long err;
	struct fd f = fdget_positioned(fd, lo, hi, write, &pos, &err);

	if (!f.file)
		return err;
	err = access_ok((void *)buf, count) ?
	      rw_buf(f.file, (void *)buf, count, &pos, true, write) : -EFAULT;
	fdput(f);
	return err;
}

long sys_pread64(u32 fd, u32 buf, u32 count, u32 lo, u32 hi, u32 f)
{
	return ksys_prw(fd, buf, count, lo, hi, false);
}

long sys_pwrite64(u32 fd, u32 buf, u32 count, u32 lo, u32 hi, u32 f)
{
	return ksys_prw(fd, buf, count, lo, hi, true);
}

#define UIO_FASTIOV 8

/* Copy a user iovec array in and check it, as Linux's import_iovec: more
 * than UIO_MAXIOV segments is EINVAL, an unreadable array EFAULT, a segment
 * longer than SSIZE_MAX EINVAL, one outside user space EFAULT; the total
 * is cut to MAX_RW_COUNT. *iov is `fast` or a kmalloc'd array the caller
 * kfrees. Returns the total, or -errno (nothing to free). */
static ssize_t import_iovec(u32 uvec, u32 nr, struct iovec *fast, struct iovec **iov,
			    struct iov_iter *iter)
{
	size_t total = 0;

	if (nr > UIO_MAXIOV)
		return -EINVAL;
	*iov = nr <= UIO_FASTIOV ? fast : kmalloc(nr * sizeof(**iov), GFP_KERNEL);
	if (!*iov)
		return -ENOMEM;
	if (copy_from_user(*iov, (void *)uvec, nr * sizeof(**iov)))
		goto fail_fault;
	for (u32 i = 0; i < nr; i++) {
		struct iovec *v = &(*iov)[i];

		if ((ssize_t)v->iov_len < 0) {
			if (*iov != fast)
				kfree(*iov);
			return -EINVAL;
		}
		if (!access_ok(v->iov_base, v->iov_len))
			goto fail_fault;
		v->iov_len = min(v->iov_len, (size_t)MAX_RW_COUNT - total);
		total += v->iov_len;
	}
	iov_iter_init(iter, *iov, nr, total);
	return total;
fail_fault:
	if (*iov != fast)
		kfree(*iov);
	return -EFAULT;
}

/* readv/writev/preadv/pwritev: the vector is checked before the file's
 * access mode (Linux's order); pos is the file's f_pos or the caller's. */
static long do_rw_vector(struct file *file, u32 uvec, u32 nr, loff_t *pos, bool write)
{
	struct iovec fast[UIO_FASTIOV], *iov;
	struct iov_iter iter;
	ssize_t ret = import_iovec(uvec, nr, fast, &iov, &iter);

	if (ret < 0)
		return ret;
	if (ret == 0)
		ret = !(file->f_mode & (write ? FMODE_WRITE : FMODE_READ)) ? -EBADF : 0;
	else
		ret = write ? do_write(file, &iter, pos) : do_read(file, &iter, pos);
	if (iov != fast)
		kfree(iov);
	return ret;
}

static long ksys_rw_vector(u32 fd, u32 uvec, u32 nr, bool write)
{
	struct fd f = fdget_pos((int)fd);
	long ret;

	if (!f.file)
		return -EBADF;
	ret = do_rw_vector(f.file, uvec, nr, &f.file->f_pos, write);
	fdput_pos(f);
	return ret;
}

long sys_readv(u32 fd, u32 uvec, u32 nr, u32 d, u32 e, u32 f)
{
	return ksys_rw_vector(fd, uvec, nr, false);
}

long sys_writev(u32 fd, u32 uvec, u32 nr, u32 d, u32 e, u32 f)
{
	return ksys_rw_vector(fd, uvec, nr, true);
}

static long do_prw_vector(u32 fd, u32 uvec, u32 nr, u32 lo, u32 hi, bool write)
{
	loff_t pos;
	long err;
	struct fd f = fdget_positioned(fd, lo, hi, write, &pos, &err);

	if (!f.file)
		return err;
	err = do_rw_vector(f.file, uvec, nr, &pos, write);
	fdput(f);
	return err;
}

/* preadv(fd, iov, iovcnt, pos_lo, pos_hi): i386 passes the offset in two
 * registers, low half first. */
long sys_preadv(u32 fd, u32 uvec, u32 nr, u32 lo, u32 hi, u32 f)
{
	return do_prw_vector(fd, uvec, nr, lo, hi, false);
}

long sys_pwritev(u32 fd, u32 uvec, u32 nr, u32 lo, u32 hi, u32 f)
{
	return do_prw_vector(fd, uvec, nr, lo, hi, true);
}

/* What generic_file_llseek does for a ramfs file: SEEK_CUR by 0 is a
 * query, SEEK_DATA and SEEK_HOLE see the whole file as data (ENXIO at or
 * past its end), a negative result is EINVAL. */
static loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	loff_t size = f->f_inode->i_size, pos;

	switch (whence) {
	case SEEK_SET: pos = offset; break;
	case SEEK_CUR: pos = f->f_pos + offset; break;
	case SEEK_END: pos = size + offset; break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (offset < 0 || offset >= size)
			return -ENXIO;
		pos = whence == SEEK_DATA ? offset : size;
		break;
	default: return -EINVAL;
	}
	if (pos < 0)
		return -EINVAL;
	f->f_pos = pos;
	return pos;
}

loff_t vfs_llseek(struct file *f, loff_t offset, int whence)
{
	if (!(f->f_mode & FMODE_LSEEK))
		return -ESPIPE;
	if (f->f_op->llseek)
		return f->f_op->llseek(f, offset, whence);
	return generic_file_llseek(f, offset, whence);
}

/* lseek and _llseek: EBADF, EINVAL for an unknown whence, then
 * vfs_llseek's answer. */
static loff_t ksys_lseek(u32 fd, loff_t offset, u32 whence)
{
	struct fd f = fdget_pos((int)fd);
	loff_t ret;

	if (!f.file)
		return -EBADF;
	ret = whence > SEEK_HOLE ? -EINVAL : vfs_llseek(f.file, offset, (int)whence);
	fdput_pos(f);
	return ret;
}

/* lseek(fd, off_t offset, whence): a position past 2 GiB is EOVERFLOW
 * (it has moved all the same, as in Linux). */
long sys_lseek(u32 fd, u32 offset, u32 whence, u32 d, u32 e, u32 f)
{
	loff_t pos = ksys_lseek(fd, (s32)offset, whence);

	return pos > 0x7FFFFFFF ? -EOVERFLOW : (long)pos;
}

/* _llseek(fd, offset_high, offset_low, loff_t *result, whence) */
long sys_llseek(u32 fd, u32 hi, u32 lo, u32 uresult, u32 whence, u32 f)
{
	loff_t pos = ksys_lseek(fd, pos_from_hilo(hi, lo), whence);

	if (pos < 0)
		return (long)pos;
	return copy_to_user((void *)uresult, &pos, sizeof(pos)) ? -EFAULT : 0;
}

/* Copy count bytes from in (at *pos) to out (at its f_pos) through a page
 * of kernel memory: the bytes moved (short at the input's end or at a
 * short write, whose unwritten bytes count as unread), or -errno if none
 * were. */
static ssize_t splice_through_page(struct file *in, loff_t *pos, struct file *out, size_t count)
{
	char *buf = kmalloc(PAGE_SIZE, GFP_KERNEL);
	ssize_t done = 0, n = 0, w;

	if (!buf)
		return -ENOMEM;
	while ((size_t)done < count) {
		n = kernel_read(in, buf, min(count - done, (size_t)PAGE_SIZE), pos);
		if (n <= 0)
			break;
		w = kernel_write(out, buf, n, &out->f_pos);
		if (w > 0)
			done += w;
		if (w != n) {
			*pos -= n - max(w, (ssize_t)0);
			n = w;
			break;
		}
	}
	kfree(buf);
	return done ? done : min(n, (ssize_t)0);
}

/* Linux's do_sendfile: EBADF (in not readable, out not writable), ESPIPE
 * (an offset for an input that cannot seek), EINVAL (a negative count or
 * offset, an input that is a pipe or directory, an O_APPEND output),
 * EOVERFLOW (the offset is at or past `max`). */
static long sendfile_files(struct file *in, struct file *out, loff_t *ppos,
			   size_t count, loff_t max)
{
	loff_t pos;
	ssize_t n;

	if (!(in->f_mode & FMODE_READ))
		return -EBADF;
	if (ppos && !(in->f_mode & FMODE_PREAD))
		return -ESPIPE;
	pos = ppos ? *ppos : in->f_pos;
	if ((n = rw_verify_area(&pos, count)) < 0)
		return n;
	count = n;
	if (!out || !(out->f_mode & FMODE_WRITE))
		return -EBADF;
	if (pos + (loff_t)count > max) {
		if (pos >= max)
			return -EOVERFLOW;
		count = max - pos;
	}
	if (!in->f_op->read_iter || in->f_inode->i_pipe || (out->f_flags & O_APPEND))
		return -EINVAL;
	n = count ? splice_through_page(in, &pos, out, count) : 0;
	if (ppos)
		*ppos = pos;
	else
		in->f_pos = pos;
	return n;
}

/* The two files are held (fdget) while they are used, so a close by
 * another thread meanwhile cannot free them. */
static long do_sendfile(u32 out_fd, u32 in_fd, loff_t *ppos, size_t count, loff_t max)
{
	struct fd in = fdget((int)in_fd), out = fdget((int)out_fd);
	long ret = in.file ? sendfile_files(in.file, out.file, ppos, count, max) : -EBADF;

	fdput(out);
	fdput(in);
	return ret;
}

/* sendfile64(out_fd, in_fd, loff_t *offset, count): offset NULL reads
 * from (and moves) in_fd's position, else from *offset, updated. */
long sys_sendfile64(u32 out_fd, u32 in_fd, u32 uoffset, u32 count, u32 e, u32 f)
{
	loff_t pos;
	long ret;

	if (!uoffset)
		return do_sendfile(out_fd, in_fd, NULL, count, MAX_LFS_FILESIZE);
	if (copy_from_user(&pos, (void *)uoffset, sizeof(pos)))
		return -EFAULT;
	ret = do_sendfile(out_fd, in_fd, &pos, count, MAX_LFS_FILESIZE);
	return copy_to_user((void *)uoffset, &pos, sizeof(pos)) ? -EFAULT : ret;
}

/* sendfile(out_fd, in_fd, off_t *offset, count): a 32-bit offset, so the
 * input ends at 2 GiB (EOVERFLOW past it). */
long sys_sendfile(u32 out_fd, u32 in_fd, u32 uoffset, u32 count, u32 e, u32 f)
{
	loff_t pos;
	s32 off;
	long ret;

	if (!uoffset)
		return do_sendfile(out_fd, in_fd, NULL, count, MAX_NON_LFS);
	if (copy_from_user(&off, (void *)uoffset, sizeof(off)))
		return -EFAULT;
	pos = off;
	ret = do_sendfile(out_fd, in_fd, &pos, count, MAX_NON_LFS);
	off = (s32)pos;
	return copy_to_user((void *)uoffset, &off, sizeof(off)) ? -EFAULT : ret;
}
