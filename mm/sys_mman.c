/* mm/sys_mman.c: the memory system calls: brk, mmap2, munmap, mprotect.
 * They check the user's arguments the way Linux does and leave the work to
 * mm/mmap.c. mmap2 offers anonymous and private file mappings (MAP_SHARED
 * of a file would need writes to reach the file: -EINVAL for now), with or
 * without MAP_FIXED; MAP_STACK is accepted and means nothing, as in Linux.
 * Nothing is mapped below MMAP_MIN_ADDR (64 KiB, Debian's
 * vm.mmap_min_addr): MAP_FIXED there is -EPERM, a hint there is raised.
 * A private file mapping read past the file's end gives zeros where Linux
 * raises SIGBUS (that waits for the signals work). */
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
	if (!S_ISREG(file->f_inode->i_mode) && !file->f_op->mmap)
		return -ENODEV;          /* a device whose driver cannot map */
	if ((file->f_flags & O_ACCMODE) == O_WRONLY)
		return -EACCES;
	if (flags & MAP_SHARED)
		return -EINVAL;          /* not offered yet */
	return 0;
}

/* The offset is in pages. As in Linux, pgoff + the length in pages must
 * not wrap (-EOVERFLOW); a file mapping's offsets are also kept in bytes
 * in 32 bits here (vm_pgoff), so its last byte must lie below 4 GiB
 * (Linux would allow up to 16 TiB: no ramfs file is that big anyway). */
static int check_pgoff(u32 pgoff, u32 len, bool file)
{
	u64 end = (u64)pgoff + (len >> PAGE_SHIFT);

	if (end > 0xFFFFFFFFULL)
		return -EOVERFLOW;
	if (file && end > (1ULL << (32 - PAGE_SHIFT)))
		return -EOVERFLOW;
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
	if ((err = check_pgoff(pgoff, len, !(flags & MAP_ANONYMOUS))))
		return err;
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
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;   /* keeps a NULL dereference a fault */
		start = addr;
	} else {
		start = get_unmapped_area(mm, addr, len);
		if (start < 0)
			return start;
	}
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	err = mmap_region(mm, start, len, vm_flags, file,
			  file ? (unsigned long)pgoff << PAGE_SHIFT : 0, file ? start + len : 0);
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
