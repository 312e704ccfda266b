/* include/mman.h: the user half of an address space (0..0xC0000000) as a
 * sorted list of virtual memory areas (mm/mmap.c), and the page tables
 * behind them (mm/memory.c: demand paging, copy-on-write, teardown).
 *
 * A VMA is a page-aligned range [vm_start, vm_end) with one set of
 * permissions. It is anonymous (pages appear zero-filled on first touch) or
 * backed by a file privately: the page at vm_start holds the file's bytes
 * from vm_pgoff, up to user address vm_file_end; bytes past that read as
 * zero (an ELF segment's bss). Writes never reach the file. */
#ifndef TASKLAB_MMAN_H
#define TASKLAB_MMAN_H

#include <types.h>
#include <list.h>
#include <asm/page.h>
#include <sched/mm.h>
#include <uapi/linux/mman.h>

#define TASK_SIZE          0xC0000000UL      /* user addresses are below */
#define TASK_UNMAPPED_BASE 0x40000000UL      /* mmap's search starts here */
#define MMAP_MIN_ADDR      0x10000UL         /* nothing mapped below (vm.mmap_min_addr) */
#define STACK_TOP          TASK_SIZE
#define STACK_RLIMIT       (8UL << 20)       /* how far the stack may grow */

/* vm_flags (Linux's values for the first ones) */
#define VM_READ       0x0001
#define VM_WRITE      0x0002
#define VM_EXEC       0x0004
#define VM_SHARED     0x0008
#define VM_GROWSDOWN  0x0100      /* the stack: a fault just below extends it */

struct file;

struct vm_area_struct {
	struct mm_struct *vm_mm;
	unsigned long vm_start, vm_end;
	unsigned long vm_flags;
	struct list_head vm_list;        /* on mm->mmap, by address */
	struct file *vm_file;            /* NULL: anonymous (one reference held) */
	unsigned long vm_pgoff;          /* file offset of vm_start, in bytes */
	unsigned long vm_file_end;       /* file bytes stop at this address */
};

void vma_cache_init(void);
/* VMAs allocated and not freed (a leak counter for tests). */
unsigned long nr_vmas(void);

/* The first VMA ending above addr (it may start above addr too), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);

/* Map [addr, addr + len) (page aligned; len > 0) with vm_flags. Whatever was
 * mapped there before is unmapped first. file may be NULL (anonymous);
 * otherwise pgoff/file_end as in struct vm_area_struct, and the file's
 * f_op->mmap, if any, may change the new VMA (/dev/zero makes it
 * anonymous) or refuse it. 0, -ENOMEM, or the f_op->mmap's error. */
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
 * mapped (else -ENOMEM); -EINVAL for bad arguments. */
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

/* mm/memory.c */
#define FAULT_WRITE  1            /* the access was a write */
#define FAULT_USER   2            /* from user mode */
/* Resolve a fault at addr inside vma: 0, or -ENOMEM / -EFAULT. */
int handle_mm_fault(struct vm_area_struct *vma, unsigned long addr, unsigned int flags);
/* Resolve a fault at a user address in mm: find the VMA (growing the
 * stack if allowed, esp = the user stack pointer or 0), check the access
 * against its permissions. 0 when the access can be retried, else -EFAULT
 * (no mapping, or not allowed) or -ENOMEM. */
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
/* Free every user page table of mm (after all pages are zapped). */
void free_pgtables(struct mm_struct *mm);
/* The PTE mapping addr in mm, or NULL when there is no page table. */
u32 *user_pte(struct mm_struct *mm, unsigned long addr);

#endif
