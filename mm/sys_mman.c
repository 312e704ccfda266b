/* mm/sys_mman.c: the memory system calls: brk, mmap2, munmap, mprotect.
 * They check the user's arguments the way Linux does and leave the work to
 * mm/mmap.c. mmap2 offers anonymous and private file mappings (MAP_SHARED
 * of a file would need writes to reach the file: -EINVAL for now), with or
 * without MAP_FIXED; MAP_STACK is accepted and means nothing, as in Linux. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <mman.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/stat.h>

long sys_brk(u32 newbrk, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct mm_struct *mm = current->mm;

	return newbrk ? (long)do_brk(mm, newbrk) : (long)mm->brk;
}

#define MAP_KNOWN (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | \
		   MAP_GROWSDOWN | MAP_STACK | 0x4000 /* MAP_NORESERVE */)

static int check_mmap_file(struct file *file, unsigned long prot, unsigned long flags)
{
	if (!file)
		return -EBADF;
	if (!S_ISREG(file->f_inode->i_mode))
		return -ENODEV;
	if ((file->f_flags & O_ACCMODE) == O_WRONLY)
		return -EACCES;
	if (flags & MAP_SHARED)
		return -EINVAL;          /* not offered yet */
	return 0;
}

long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd, u32 pgoff)
{
	struct mm_struct *mm = current->mm;
	struct file *file = NULL;
	unsigned long vm_flags = calc_vm_prot_bits(prot);
	long start;
	int err;

	if (!len || len > TASK_SIZE || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if ((flags & ~MAP_KNOWN) || !(flags & (MAP_SHARED | MAP_PRIVATE)) ||
	    (flags & MAP_SHARED && flags & MAP_PRIVATE))
		return -EINVAL;
	len = ALIGN_UP(len, PAGE_SIZE);
	if (!(flags & MAP_ANONYMOUS)) {
		file = fcheck((int)fd);
		if ((err = check_mmap_file(file, prot, flags)))
			return err;
	} else if (flags & MAP_SHARED) {
		return -EINVAL;          /* shared anonymous memory: not yet */
	}
	if (flags & MAP_FIXED) {
		if ((addr & ~PAGE_MASK) || addr >= TASK_SIZE || TASK_SIZE - addr < len)
			return -EINVAL;
		start = addr;
	} else {
		start = get_unmapped_area(mm, len);
		if (start < 0)
			return start;
	}
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	err = mmap_region(mm, start, len, vm_flags, file, (unsigned long)pgoff << PAGE_SHIFT,
			  file ? start + len : 0);
	return err ? err : start;
}

long sys_munmap(u32 addr, u32 len, u32 c, u32 d, u32 e, u32 f)
{
	return do_munmap(current->mm, addr, len);
}

long sys_mprotect(u32 addr, u32 len, u32 prot, u32 d, u32 e, u32 f)
{
	return do_mprotect(current->mm, addr, len, prot);
}
