/* drivers/char/mem.c: the memory devices of major 1, as Linux's:
 *   /dev/null  1:3  reads end at once (EOF); writes succeed and vanish
 *   /dev/zero  1:5  reads give zeros; writes vanish; mmap gives anonymous
 *                   memory (MAP_PRIVATE: ordinary zero-filled pages;
 *                   MAP_SHARED: shared memory, as MAP_ANONYMOUS's)
 *   /dev/full  1:7  reads give zeros; every write fails with ENOSPC
 * lseek on any of them leaves the position at 0 and returns 0. They have
 * no fsync (EINVAL), as Linux's. chr_dev_init registers them with the
 * character-device table (fs/char_dev.c) and makes their nodes in /dev,
 * mode 0666, unless the initramfs brought them. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mm.h>
#include <mman.h>
#include <uio.h>

#define MEM_MAJOR 1

static loff_t null_lseek(struct file *f, loff_t offset, int whence)
{
	return f->f_pos = 0;
}

static ssize_t read_null(struct file *f, struct iov_iter *to, loff_t *pos)
{
	return 0;
}

static ssize_t write_null(struct file *f, struct iov_iter *from, loff_t *pos)
{
	return from->count;
}

/* Zeros for the whole request: the bytes given, or -EFAULT if none could
 * be. */
static ssize_t read_zero(struct file *f, struct iov_iter *to, loff_t *pos)
{
	size_t n = iov_iter_zero(to->count, to);

	return n == 0 && to->fault ? -EFAULT : (ssize_t)n;
}

static ssize_t write_full(struct file *f, struct iov_iter *from, loff_t *pos)
{
	return -ENOSPC;
}

/* A private mapping of /dev/zero is anonymous memory: the VMA lets go of
 * the file and its faults give zeroed pages. A shared one maps a new
 * shared memory object instead (shmem_zero_setup, as Linux's), so that
 * fork shares it as it shares MAP_SHARED|MAP_ANONYMOUS memory. */
static int mmap_zero(struct file *f, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_MAYSHARE)
		return shmem_zero_setup(vma);
	fput(vma->vm_file);
	vma->vm_file = NULL;
	vma->vm_pgoff = 0;
	vma->vm_file_end = 0;
	return 0;
}

static const struct file_operations null_fops = {
	.llseek = null_lseek,
	.read_iter = read_null,
	.write_iter = write_null,
};

static const struct file_operations zero_fops = {
	.llseek = null_lseek,
	.read_iter = read_zero,
	.write_iter = write_null,
	.mmap = mmap_zero,
};

static const struct file_operations full_fops = {
	.llseek = null_lseek,
	.read_iter = read_zero,
	.write_iter = write_full,
};

static const struct memdev {
	const char *name;       /* in /dev */
	unsigned int minor;
	const struct file_operations *fops;
} devlist[] = {
	{ "null", 3, &null_fops },
	{ "zero", 5, &zero_fops },
	{ "full", 7, &full_fops },
};

int chr_dev_init(void)
{
	char path[16];
	int err;

	for (size_t i = 0; i < ARRAY_SIZE(devlist); i++) {
		const struct memdev *m = &devlist[i];

		err = __register_chrdev(MEM_MAJOR, m->minor, 1, m->name, m->fops);
		if (err)
			return err;
		snprintf(path, sizeof(path), "/dev/%s", m->name);
		err = init_mknod(path, S_IFCHR | 0666, MKDEV(MEM_MAJOR, m->minor));
		if (err && err != -EEXIST)
			return err;
	}
	return 0;
}
