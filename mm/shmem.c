/* mm/shmem.c: the object behind shared anonymous memory. Linux backs a
 * MAP_SHARED|MAP_ANONYMOUS mapping with a file of its tmpfs that no
 * directory names ("/dev/zero (deleted)" in /proc/PID/maps); Tasklab does
 * the same with its ramfs: one unlinked regular file as big as the
 * mapping. Everything else follows from the file: its pages are the shared
 * pages (a fault finds or adds them by index), every VMA mapping it (fork
 * copies, splits) holds a reference, the last one gone frees the file and
 * its pages, a shared futex in it is keyed by its inode, and an access
 * past its size (an mremap that grew the mapping) is SIGBUS, as in Linux.
 * A MAP_SHARED mapping of /dev/zero gets one such file too (its driver's
 * mmap calls shmem_zero_setup, as Linux's does). */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mman.h>

struct file *shmem_file_setup(unsigned long size)
{
	struct dentry *d = ramfs_new_unlinked("/dev/zero (deleted)", S_IFREG | 0600);
	struct file *f;

	if (!d)
		return ERR_PTR(-ENOMEM);
	d->d_inode->i_size = size;      /* its owner is the caller (new_inode) */
	f = dentry_open(d, O_RDWR);
	dput(d);                         /* the file holds the dentry now */
	return f;
}

int shmem_zero_setup(struct vm_area_struct *vma)
{
	struct file *file = shmem_file_setup(vma->vm_end - vma->vm_start);

	if (IS_ERR(file))
		return PTR_ERR(file);
	if (vma->vm_file)
		fput(vma->vm_file);
	vma->vm_file = file;            /* setup's reference becomes the VMA's */
	vma->vm_pgoff = 0;
	vma->vm_file_end = TASK_SIZE;
	return 0;
}
