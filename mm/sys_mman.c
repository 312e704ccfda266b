/* mm/sys_mman.c: the memory system calls: brk, mmap2, munmap, mprotect,
 * mremap, msync, madvise, mincore. They check the user's arguments the way
 * Linux does and leave the work to mm/mmap.c, mm/mremap.c and
 * mm/madvise.c. mmap2 offers anonymous and file mappings, private or
 * shared, with or without MAP_FIXED; MAP_STACK and MAP_NORESERVE are
 * accepted and mean nothing, as in Linux. A shared mapping of a file maps
 * the file's own pages, and may be writable only when the file is open
 * for reading and writing (EACCES, as Linux); shared anonymous memory is a
 * new unlinked file (mm/shmem.c) that fork shares. Nothing is mapped below
 * MMAP_MIN_ADDR (64 KiB, Debian's vm.mmap_min_addr): MAP_FIXED there is
 * -EPERM, a hint there is raised. */
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
	long ret;

	down_write(&mm->mmap_lock);
	ret = newbrk ? (long)do_brk(mm, newbrk) : (long)mm->brk;
	up_write(&mm->mmap_lock);
	return ret;
}

#define MAP_KNOWN (MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_STACK | \
		   MAP_NORESERVE)

/* The mapping type and the flags: 0 or -errno. MAP_SHARED_VALIDATE is
 * MAP_SHARED that refuses flags it does not know (EOPNOTSUPP, Linux's
 * answer); Tasklab refuses unknown flags of the other two types as well
 * (EINVAL) where Linux ignores them. */
static int check_map_flags(u32 flags)
{
	u32 type = flags & MAP_TYPE;

	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (flags & ~MAP_KNOWN)
		return type == MAP_SHARED_VALIDATE ? -EOPNOTSUPP : -EINVAL;
	return 0;
}

/* Can file be mapped so? 0 or -errno, with the VMA's sharing bits added
 * to *vm_flags (Linux's do_mmap): a shared mapping needs the file open for
 * writing to be written (PROT_WRITE now, or by mprotect later: VM_MAYWRITE
 * and VM_SHARED only then); any mapping needs it open for reading. */
static int check_mmap_file(struct file *file, u32 prot, u32 flags, unsigned long *vm_flags)
{
	unsigned int acc;

	if (!file)
		return -EBADF;
	if (!file->f_op->mmap && (!S_ISREG(file->f_inode->i_mode) ||
				  file->f_op != &ramfs_file_operations))
		return -ENODEV;          /* pages only the ramfs has, or a driver's mmap */
	acc = file->f_flags & O_ACCMODE;
	if ((flags & MAP_TYPE) != MAP_PRIVATE) {
		if ((prot & PROT_WRITE) && acc == O_RDONLY)
			return -EACCES;
		*vm_flags |= VM_MAYSHARE | VM_MAYREAD | VM_MAYEXEC;
		if (acc != O_RDONLY)
			*vm_flags |= VM_SHARED | VM_MAYWRITE;
	}
	if (acc == O_WRONLY)
		return -EACCES;
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

/* The address a new mapping of len bytes goes to: addr itself with
 * MAP_FIXED, else a free range near the hint; or -errno. */
static long mmap_address(struct mm_struct *mm, u32 addr, u32 len, u32 flags)
{
	if (!(flags & MAP_FIXED))
		return get_unmapped_area(mm, addr, len);
	if ((addr & ~PAGE_MASK) || addr >= TASK_SIZE || TASK_SIZE - addr < len)
		return -EINVAL;
	if (addr < MMAP_MIN_ADDR)
		return -EPERM;           /* keeps a NULL dereference a fault */
	return addr;
}

/* Shared anonymous memory: a shared mapping of a new unlinked file as big
 * as the mapping (Linux's shmem_zero_setup); its offset is ignored. */
static long mmap_shared_anon(struct mm_struct *mm, long start, u32 len,
			     unsigned long vm_flags)
{
	struct file *file;
	int err;

	if (vm_flags & VM_GROWSDOWN)
		return -EINVAL;
	file = shmem_file_setup(len);
	if (IS_ERR(file))
		return PTR_ERR(file);
	vm_flags |= VM_SHARED | VM_MAYSHARE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	err = mmap_region(mm, start, len, vm_flags, file, 0, TASK_SIZE);
	fput(file);                      /* the VMA holds its own reference */
	return err ? err : start;
}

static long do_mmap2(u32 addr, u32 len, u32 prot, u32 flags, struct file *file, u32 pgoff);

/* The calls that change the layout hold mmap_lock for writing throughout
 * (include/sched/mm.h); none touches user memory meanwhile. mincore reads
 * the VMAs in batches under mmap_lock (read) and copies each batch out
 * after dropping it (a fault there takes the lock itself). A file to map is held
 * (fdget) until the mapping has its own reference, as Linux's
 * ksys_mmap_pgoff, so another thread's close meanwhile cannot free it. */
long sys_mmap2(u32 addr, u32 len, u32 prot, u32 flags, u32 fd, u32 pgoff)
{
	struct mm_struct *mm = current->mm;
	struct fd f = { NULL, 0 };
	long ret;

	if (!(flags & MAP_ANONYMOUS)) {
		f = fdget((int)fd);
		if (!f.file)
			return -EBADF;
	}
	down_write(&mm->mmap_lock);
	ret = do_mmap2(addr, len, prot, flags, f.file, pgoff);
	up_write(&mm->mmap_lock);
	fdput(f);
	return ret;
}

/* file: the file to map (NULL for MAP_ANONYMOUS), held by the caller. */
static long do_mmap2(u32 addr, u32 len, u32 prot, u32 flags, struct file *file, u32 pgoff)
{
	struct mm_struct *mm = current->mm;
	unsigned long vm_flags = calc_vm_prot_bits(prot);
	long start;
	int err;

	if (!len || len > TASK_SIZE || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if ((err = check_map_flags(flags)))
		return err;
	len = ALIGN_UP(len, PAGE_SIZE);
	if ((err = check_pgoff(pgoff, len, !(flags & MAP_ANONYMOUS))))
		return err;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	if (!(flags & MAP_ANONYMOUS)) {
		if ((err = check_mmap_file(file, prot, flags, &vm_flags)))
			return err;
	} else if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE) {
		return -EINVAL;          /* Linux 6.1 takes only the two legacy types here */
	}
	start = mmap_address(mm, addr, len, flags);
	if (start < 0)
		return start;
	if ((flags & MAP_ANONYMOUS) && (flags & MAP_TYPE) == MAP_SHARED)
		return mmap_shared_anon(mm, start, len, vm_flags);
	err = mmap_region(mm, start, len, vm_flags, file,
			  file ? (unsigned long)pgoff << PAGE_SHIFT : 0, file ? TASK_SIZE : 0);
	return err ? err : start;
}

/* ret = call, with current's mmap_lock held for writing around it. */
#define WITH_MMAP_LOCK(call) ({                                         \
	struct mm_struct *__mm = current->mm;                           \
	long __ret;                                                     \
	down_write(&__mm->mmap_lock);                                   \
	__ret = (call);                                                 \
	up_write(&__mm->mmap_lock);                                     \
	__ret;                                                          \
})

long sys_munmap(u32 addr, u32 len, u32 c, u32 d, u32 e, u32 f)
{
	return WITH_MMAP_LOCK(do_munmap(current->mm, addr, len));
}

long sys_mprotect(u32 addr, u32 len, u32 prot, u32 d, u32 e, u32 f)
{
	return WITH_MMAP_LOCK(do_mprotect(current->mm, addr, len, prot));
}

long sys_mremap(u32 addr, u32 old_len, u32 new_len, u32 flags, u32 new_addr, u32 f)
{
	return WITH_MMAP_LOCK((long)do_mremap(current->mm, addr, old_len, new_len, flags, new_addr));
}

long sys_msync(u32 start, u32 len, u32 flags, u32 d, u32 e, u32 f)
{
	return WITH_MMAP_LOCK(do_msync(current->mm, start, len, (int)flags));
}

long sys_madvise(u32 start, u32 len, u32 advice, u32 d, u32 e, u32 f)
{
	return WITH_MMAP_LOCK(do_madvise(current->mm, start, len, (int)advice));
}

long sys_mincore(u32 start, u32 len, u32 vec, u32 d, u32 e, u32 f)
{
	return do_mincore(current->mm, start, len, (unsigned char *)vec);
}
