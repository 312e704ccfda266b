/* mm/mremap.c: mremap(2), after Linux 6.1's mm/mremap.c. A range inside
 * one VMA is shrunk (its tail unmapped), grown in place when the addresses
 * after its VMA are free, or moved: a new VMA like the old one (same file,
 * offset and flags) is made at the new place, the page-table entries are
 * moved across (pages and their counts untouched: nothing is copied), and
 * the old range is unmapped, or left mapped and empty with
 * MREMAP_DONTUNMAP. A grown file mapping maps more of the file; growing a
 * shared anonymous one past the size it was made with leaves the new part
 * SIGBUS, as in Linux. */
#include <kernel.h>
#include <errno.h>
#include <mman.h>
#include "internal.h"

#define MREMAP_KNOWN (MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)

/* Linux's vma_to_resize: the VMA holding [addr, addr + old_len), if it may
 * become new_len long; else ERR_PTR(-EFAULT) (no VMA there, or the range
 * runs past it) or ERR_PTR(-EINVAL) (old_len 0, which duplicates a
 * mapping, of a private one; a file offset past 4 GiB). */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm, unsigned long addr,
					    unsigned long old_len, unsigned long new_len)
{
	struct vm_area_struct *v = vma_lookup(mm, addr);

	if (!v)
		return ERR_PTR(-EFAULT);
	if (!old_len && !(v->vm_flags & VM_MAYSHARE))
		return ERR_PTR(-EINVAL);
	if (old_len > v->vm_end - addr)
		return ERR_PTR(-EFAULT);
	if (v->vm_file && (u64)v->vm_pgoff + (addr - v->vm_start) + new_len > 0x100000000ULL)
		return ERR_PTR(-EINVAL);         /* vm_pgoff is bytes in 32 bits */
	return v;
}

/* Where the file's bytes stop once [addr, ...) of v sits at new_addr. */
static unsigned long moved_file_end(const struct vm_area_struct *v, unsigned long addr,
				    unsigned long new_addr)
{
	if (v->vm_file_end >= TASK_SIZE)         /* an mmap'd file: all of it */
		return TASK_SIZE;
	if (v->vm_file_end <= addr)              /* only bss moves */
		return new_addr;
	return new_addr + (v->vm_file_end - addr);
}

/* Move [addr, addr + old_len) of v to a new VMA of new_len bytes at
 * new_addr (free). Each step that can fail comes before the pages move;
 * a failed move leaves the old mapping as it was. */
static long move_vma(struct mm_struct *mm, struct vm_area_struct *v, unsigned long addr,
		     unsigned long old_len, unsigned long new_len, unsigned long new_addr,
		     unsigned long flags)
{
	unsigned long pgoff = v->vm_file ? v->vm_pgoff + (addr - v->vm_start) : 0;
	unsigned long file_end = v->vm_file ? moved_file_end(v, addr, new_addr) : 0;
	int err;

	if (old_len && (err = split_at_edges(mm, addr, addr + old_len)))
		return err;
	v = vma_lookup(mm, addr);                /* the split may have replaced it */
	err = mmap_region(mm, new_addr, new_len, v->vm_flags, v->vm_file, pgoff, file_end);
	if (err)
		return err;
	if ((err = move_page_tables(mm, addr, new_addr, old_len))) {
		do_munmap(mm, new_addr, new_len);
		return err;
	}
	if (old_len && !(flags & MREMAP_DONTUNMAP))
		do_munmap(mm, addr, old_len);    /* its edges are VMA edges: no split */
	return new_addr;
}

/* Linux's mremap_to: MREMAP_FIXED to new_addr (what was there is
 * unmapped first), or MREMAP_DONTUNMAP near it. */
static long mremap_to(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
		      unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *v;
	long err;

	if ((new_addr & ~PAGE_MASK) || new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;                  /* the two ranges overlap */
	if (flags & MREMAP_FIXED) {
		if (new_addr < MMAP_MIN_ADDR)
			return -EPERM;           /* as mmap's MAP_FIXED there */
		if ((err = do_munmap(mm, new_addr, new_len)))
			return err;
	}
	if (old_len > new_len) {
		if ((err = do_munmap(mm, addr + new_len, old_len - new_len)))
			return err;
		old_len = new_len;
	}
	v = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(v))
		return PTR_ERR(v);
	if (!(flags & MREMAP_FIXED)) {
		new_addr = get_unmapped_area(mm, new_addr, new_len);
		if ((long)new_addr < 0)
			return (long)new_addr;
	}
	return move_vma(mm, v, addr, old_len, new_len, new_addr, flags);
}

/* Grow v in place to new_end if nothing is mapped up to there. */
static bool vma_expand(struct vm_area_struct *v, unsigned long new_end)
{
	struct vm_area_struct *next = next_vma(v);

	if (new_end > TASK_SIZE || new_end < v->vm_end || (next && next->vm_start < new_end))
		return false;
	v->vm_end = new_end;
	return true;
}

/* Contract: the checks and their order are Linux 6.1's do_mremap, so each
 * bad request gets Linux's errno; called with interrupts on. */
long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len,
	       unsigned long new_len, unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *v;
	long ret;

	if ((flags & ~MREMAP_KNOWN) || ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) && (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = ALIGN_UP(old_len, PAGE_SIZE);
	new_len = ALIGN_UP(new_len, PAGE_SIZE);
	if (!new_len)
		return -EINVAL;              /* 0, or so large it wrapped */
	if (!vma_lookup(mm, addr))
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_len, flags, new_addr);
	if (old_len >= new_len) {            /* shrinking: unmap the tail */
		ret = old_len > new_len ? do_munmap(mm, addr + new_len, old_len - new_len) : 0;
		return ret ? ret : (long)addr;
	}
	v = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(v))
		return PTR_ERR(v);
	if (old_len == v->vm_end - addr && vma_expand(v, addr + new_len))
		return addr;
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	ret = get_unmapped_area(mm, 0, new_len);
	return ret < 0 ? ret : move_vma(mm, v, addr, old_len, new_len, ret, flags);
}
