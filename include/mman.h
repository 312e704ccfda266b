/* include/mman.h: the user half of an address space (0..0xC0000000) as a
 * sorted list of virtual memory areas (mm/mmap.c), and the page tables
 * behind them (mm/memory.c: demand paging, copy-on-write, teardown).
 *
 * A VMA is a page-aligned range [vm_start, vm_end) with one set of
 * permissions. It is anonymous (pages appear zero-filled on first touch) or
 * backed by a file: the page at vm_start holds the file's bytes from
 * vm_pgoff, up to user address vm_file_end (TASK_SIZE for an mmap'd file);
 * bytes past that read as zero (an ELF segment's bss), and a page wholly
 * past the file's end is SIGBUS. A private file mapping (MAP_PRIVATE, exec)
 * maps the file's page read-only and copies it on the first write, so
 * writes never reach the file; a shared one (VM_MAYSHARE: MAP_SHARED) maps
 * the file's page itself, writes included. Shared anonymous memory is a
 * shared mapping of an unlinked ramfs file (mm/shmem.c), as in Linux. */
#ifndef TASKLAB_MMAN_H
#define TASKLAB_MMAN_H

#include <types.h>
#include <list.h>
#include <asm/page.h>
#include <sched/mm.h>
#include <uapi/linux/mman.h>

#define TASK_UNMAPPED_BASE 0x40000000UL      /* mmap's search starts here */
#define MMAP_MIN_ADDR      0x10000UL         /* nothing mapped below (vm.mmap_min_addr) */
#define STACK_TOP          TASK_SIZE
#define STACK_RLIMIT       (8UL << 20)       /* how far the stack may grow */

/* vm_flags (Linux's values for the first ones) */
#define VM_READ       0x0001
#define VM_WRITE      0x0002
#define VM_EXEC       0x0004
#define VM_SHARED     0x0008      /* shared and may be written (cleared for a read-only fd) */
#define VM_MAYREAD    0x0010      /* the VM_READ/WRITE/EXEC that mprotect may set */
#define VM_MAYWRITE   0x0020
#define VM_MAYEXEC    0x0040
#define VM_MAYSHARE   0x0080      /* MAP_SHARED: the file's own pages are mapped */
#define VM_GROWSDOWN  0x0100      /* the stack: a fault just below extends it */

struct file;
struct inode;

struct vm_area_struct {
	struct mm_struct *vm_mm;
	unsigned long vm_start, vm_end;
	unsigned long vm_flags;
	struct list_head vm_list;        /* on mm->mmap, by address */
	struct file *vm_file;            /* NULL: anonymous (one reference held) */
	unsigned long vm_pgoff;          /* file offset of vm_start, in bytes (page aligned) */
	unsigned long vm_file_end;       /* file bytes stop at this address */
	struct list_head vm_shared;      /* on vm_file's inode->i_mmap */
};

void vma_cache_init(void);
/* VMAs allocated and not freed (a leak counter for tests). */
unsigned long nr_vmas(void);

/* The first VMA ending above addr (it may start above addr too), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* The VMA holding addr, or NULL. */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);

/* Map [addr, addr + len) (page aligned; len > 0) with vm_flags. Whatever was
 * mapped there before is unmapped first. file may be NULL (anonymous);
 * otherwise pgoff/file_end as in struct vm_area_struct, and the file's
 * f_op->mmap, if any, may change the new VMA (/dev/zero's puts a shmem
 * file in its place or makes it anonymous) or refuse it. A private mapping
 * gets VM_MAYREAD/WRITE/EXEC; a shared one (VM_MAYSHARE) keeps the VM_MAY*
 * bits the caller gives it. 0, -ENOMEM, or the f_op->mmap's error. */
int mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long vm_flags, struct file *file, unsigned long pgoff,
		unsigned long file_end);
/* A free, page-aligned range of len bytes: at hint when that range is free
 * (a hint below MMAP_MIN_ADDR is raised to it, as Linux does; 0 means no
 * hint), else the first at or above mm->mmap_base; or -ENOMEM. */
long get_unmapped_area(struct mm_struct *mm, unsigned long hint, unsigned long len);
/* Unmap [start, start + len): VMAs are split at the edges, the pages inside
 * freed. 0, or -EINVAL for a misaligned or out-of-range request, -ENOMEM
 * when a split cannot allocate. */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* Change the protections of [start, start + len), which must be fully
 * mapped (else -ENOMEM); -EINVAL for bad arguments, -EACCES for a
 * protection a VMA may not have (write to a file opened read-only and
 * mapped shared). */
int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot);
/* Move the break to newbrk (the heap VMA grows or shrinks); returns the
 * break in effect afterwards, unchanged when the move is impossible. */
unsigned long do_brk(struct mm_struct *mm, unsigned long newbrk);
/* Free every VMA and user page table (mm_users reached 0, or exec). */
void exit_mmap(struct mm_struct *mm);
/* Copy oldmm's VMAs and page tables into mm for fork (COW). 0 or -ENOMEM. */
int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm);

/* vm_flags for PROT_* bits */
static inline unsigned long calc_vm_prot_bits(unsigned long prot)
{
	return prot & (PROT_READ | PROT_WRITE | PROT_EXEC);
}

/* mm/mremap.c: mremap(2) on mm: [addr, addr + old_len) resized to
 * new_len in place, or moved (MREMAP_MAYMOVE; to new_addr with
 * MREMAP_FIXED), its pages going along. The new address, or -EINVAL,
 * -EFAULT (the range is not inside one VMA), -ENOMEM (no room), as Linux. */
long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
	       unsigned long new_len, unsigned long flags, unsigned long new_addr);

/* mm/madvise.c: madvise(2), msync(2) and mincore(2) on mm, with Linux's
 * argument rules (see each); vec is mincore's user vector. */
long do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len, int advice);
long do_msync(struct mm_struct *mm, unsigned long start, unsigned long len, int flags);
long do_mincore(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned char *vec);

/* mm/shmem.c: the unlinked ramfs file of size bytes behind a
 * MAP_SHARED|MAP_ANONYMOUS mapping (one reference: the VMA's); or
 * ERR_PTR(-ENOMEM). */
struct file *shmem_file_setup(unsigned long size);
/* Make vma (a shared mapping of /dev/zero, being set up by mmap_region)
 * a mapping of a new such file as big as it, dropping its reference on
 * the file it had: 0 or -ENOMEM. */
int shmem_zero_setup(struct vm_area_struct *vma);

/* mm/memory.c */
#define FAULT_WRITE  1            /* the access was a write */
#define FAULT_USER   2            /* from user mode */
#define FAULT_STACK_GROW 4        /* the stack VMA grew to reach it (trace only) */
/* Resolve a fault at addr inside vma: 0, or -ENOMEM / -EFAULT, or -EIO
 * when addr is past the last page of the file it maps (SIGBUS). */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags);
/* Resolve a fault at a user address in mm: find the VMA (growing the
 * stack if allowed, esp = the user stack pointer or 0), check the access
 * against its permissions. 0 when the access can be retried, else -EFAULT
 * (no mapping, or not allowed: SIGSEGV), -EIO (past the end of the mapped
 * file: SIGBUS with BUS_ADRERR) or -ENOMEM. */
int fault_in_user_address(struct mm_struct *mm, unsigned long addr, unsigned int flags,
			  unsigned long esp);
/* Free the pages mapped in [start, end) and clear their PTEs. */
void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end);
/* Apply vm_flags to the present PTEs of [start, end) (write access is only
 * ever removed here: the write fault grants it back page by page; with no
 * access at all the page is kept but marked not present, so every access
 * faults and is refused). */
void change_protection(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned long vm_flags);
/* Share the present pages of vma (in src) with dst, write-protecting
 * private writable ones in both. 0 or -ENOMEM. */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma);
/* Take the file's pages from page index `index` on out of the page tables
 * of every VMA mapping inode (a truncate is about to free them); private
 * copies made from them go too, as in Linux. */
void unmap_mapping_range(struct inode *inode, unsigned long index);
/* Move the PTEs of [old, old + len) to [new, new + len) in mm, pages and
 * counts unchanged (mremap). 0, or -ENOMEM with nothing moved. */
int move_page_tables(struct mm_struct *mm, unsigned long old, unsigned long new,
		     unsigned long len);
/* Is the page at addr in vma resident (mincore): mapped here, or in the
 * page cache of the file the VMA maps there? */
bool page_resident(struct vm_area_struct *vma, unsigned long addr);
/* Free every user page table of mm (after all pages are zapped). */
void free_pgtables(struct mm_struct *mm);
/* The PTE mapping addr in mm, or NULL when there is no page table. */
u32 *user_pte(struct mm_struct *mm, unsigned long addr);
/* A core dump's look at the page of vma at addr (Linux's get_dump_page),
 * faulting nothing in: the page mapped there, whatever its protection,
 * or else, in a file mapping, the file's bytes a fault would bring (zeros
 * past vm_file_end), copied into the page-sized buf; false when there is
 * nothing but zeros (an untouched anonymous page, bss, a hole in the file):
 * the dump leaves a hole. */
bool copy_dump_page(struct vm_area_struct *vma, unsigned long addr, void *buf);

#endif
