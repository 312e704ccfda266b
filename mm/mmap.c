/* mm/mmap.c: the VMAs of an address space (include/mman.h). They sit on
 * mm->mmap sorted by address and never overlap; mapping, unmapping and
 * mprotect split them at the edges of the request. Adjacent VMAs are not
 * merged: the list stays short for the programs Tasklab runs, and a
 * student can read a process's layout off it directly. A file-backed VMA
 * holds a reference on its file and is on the file's inode->i_mmap list
 * (Linux's reverse map for files; under inode->i_mmap_lock: the mms of a
 * shared file map and unmap it on several CPUs at once) from its creation
 * to vma_free, so that a truncate can find every page table holding the
 * file's pages. Page-table
 * work (freeing pages, write-protecting) is mm/memory.c's. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mman.h>
#include <slab.h>
#include <sched/mm.h>
#include "internal.h"

static struct kmem_cache *vm_area_cachep;
static unsigned long vmas_allocated;   /* a leak counter: atomic, VMAs of any mm */

void vma_cache_init(void)
{
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct),
					   __alignof__(struct vm_area_struct), 0, NULL);
	if (!vm_area_cachep)
		panic("vma_cache_init: cannot create the VMA cache");
}

unsigned long nr_vmas(void)
{
	return vmas_allocated;
}

static struct vm_area_struct *vma_alloc(void)
{
	struct vm_area_struct *v = kmem_cache_alloc(vm_area_cachep, GFP_KERNEL);

	if (v)
		__atomic_add_fetch(&vmas_allocated, 1, __ATOMIC_RELAXED);
	return v;
}

/* v, holding a reference on its file (if any), joins the file's i_mmap. */
static void i_mmap_insert(struct vm_area_struct *v)
{
	struct inode *inode = v->vm_file ? v->vm_file->f_inode : NULL;

	if (!inode)
		return;
	spin_lock(&inode->i_mmap_lock);
	list_add_tail(&v->vm_shared, &inode->i_mmap);
	spin_unlock(&inode->i_mmap_lock);
}

/* v (a copy of another VMA) takes a reference on its file and joins its
 * i_mmap. */
static void vma_link_file(struct vm_area_struct *v)
{
	if (v->vm_file)
		get_file(v->vm_file);
	i_mmap_insert(v);
}

static void vma_free(struct vm_area_struct *v)
{
	if (v->vm_file) {
		struct inode *inode = v->vm_file->f_inode;

		spin_lock(&inode->i_mmap_lock);
		list_del(&v->vm_shared);
		spin_unlock(&inode->i_mmap_lock);
		fput(v->vm_file);
	}
	kmem_cache_free(vm_area_cachep, v);
	__atomic_sub_fetch(&vmas_allocated, 1, __ATOMIC_RELAXED);
}

struct vm_area_struct *next_vma(struct vm_area_struct *v)
{
	if (v->vm_list.next == &v->vm_mm->mmap)
		return NULL;
	return list_entry(v->vm_list.next, struct vm_area_struct, vm_list);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v;

	list_for_each_entry(v, &mm->mmap, vm_list)
		if (v->vm_end > addr)
			return v;
	return NULL;
}

/* v joins (delta 1) or leaves (-1) its mm's counts. */
static void vma_count(struct mm_struct *mm, const struct vm_area_struct *v, int delta)
{
	mm->map_count += delta;
	if (v->vm_flags & VM_MAYSHARE)
		mm->map_shared += delta;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v = find_vma(mm, addr);

	return v && v->vm_start <= addr ? v : NULL;
}

void insert_vma(struct mm_struct *mm, struct vm_area_struct *v)
{
	struct vm_area_struct *next = find_vma(mm, v->vm_start);

	v->vm_mm = mm;
	list_add_tail(&v->vm_list, next ? &next->vm_list : &mm->mmap);
	vma_count(mm, v, 1);
}

void unlink_vma(struct vm_area_struct *v)
{
	list_del(&v->vm_list);
	vma_count(v->vm_mm, v, -1);
}

/* Split v at addr (strictly inside it): v keeps the low part, the new VMA
 * after it takes the high part. -ENOMEM. */
static int split_vma(struct vm_area_struct *v, unsigned long addr)
{
	struct vm_area_struct *hi = vma_alloc();

	if (!hi)
		return -ENOMEM;
	*hi = *v;
	hi->vm_start = addr;
	if (hi->vm_file)
		hi->vm_pgoff += addr - v->vm_start;
	vma_link_file(hi);
	v->vm_end = addr;
	list_add(&hi->vm_list, &v->vm_list);
	vma_count(v->vm_mm, hi, 1);
	return 0;
}

int split_at_edges(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);
	int err;

	if (v && v->vm_start < start && (err = split_vma(v, start)))
		return err;
	v = find_vma(mm, end);
	if (v && v->vm_start < end && (err = split_vma(v, end)))
		return err;
	return 0;
}

static bool range_ok(unsigned long start, unsigned long len)
{
	return !(start & ~PAGE_MASK) && len && len <= TASK_SIZE && start <= TASK_SIZE - len;
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	unsigned long end;
	struct vm_area_struct *v, *n;
	int err;

	len = ALIGN_UP(len, PAGE_SIZE);
	if (!range_ok(start, len))
		return -EINVAL;
	end = start + len;
	if ((err = split_at_edges(mm, start, end)))
		return err;
	for (v = find_vma(mm, start); v && v->vm_start < end; v = n) {
		n = next_vma(v);
		zap_page_range(mm, v->vm_start, v->vm_end);
		unlink_vma(v);
		vma_free(v);
	}
	return 0;
}

/* Is [addr, addr + len) free, with room left for the stack to grow? */
static bool range_free(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *v = find_vma(mm, addr);
	unsigned long limit = v ? v->vm_start : TASK_SIZE - STACK_RLIMIT;

	if (v && (v->vm_flags & VM_GROWSDOWN))
		limit = limit > STACK_RLIMIT ? limit - STACK_RLIMIT : 0;
	return addr <= limit && limit - addr >= len;
}

long get_unmapped_area(struct mm_struct *mm, unsigned long hint, unsigned long len)
{
	unsigned long addr = mm->mmap_base;
	struct vm_area_struct *v;

	len = ALIGN_UP(len, PAGE_SIZE);
	if (!len || len > TASK_SIZE)
		return -ENOMEM;
	if (hint && hint < TASK_SIZE) {
		hint = ALIGN_UP(max(hint, MMAP_MIN_ADDR), PAGE_SIZE);
		if (range_free(mm, hint, len))
			return hint;
	}
	list_for_each_entry(v, &mm->mmap, vm_list) {
		if (v->vm_end <= addr)
			continue;
		if (v->vm_start >= addr && v->vm_start - addr >= len)
			return addr;
		addr = v->vm_end;
	}
	if (addr <= TASK_SIZE && TASK_SIZE - addr >= len + STACK_RLIMIT)
		return addr;            /* leave room for the stack to grow */
	return -ENOMEM;
}

int mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len,
		unsigned long vm_flags, struct file *file, unsigned long pgoff,
		unsigned long file_end)
{
	struct vm_area_struct *v;
	int err;

	len = ALIGN_UP(len, PAGE_SIZE);
	if (!range_ok(addr, len))
		return -EINVAL;
	v = vma_alloc();
	if (!v)
		return -ENOMEM;
	if ((err = do_munmap(mm, addr, len))) {
		kmem_cache_free(vm_area_cachep, v);
		__atomic_sub_fetch(&vmas_allocated, 1, __ATOMIC_RELAXED);
		return err;
	}
	memset(v, 0, sizeof(*v));
	v->vm_start = addr;
	v->vm_end = addr + len;
	if (!(vm_flags & VM_MAYSHARE))
		vm_flags |= VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	v->vm_flags = vm_flags;
	v->vm_file = file ? get_file(file) : NULL;  /* f_op->mmap may swap it */
	v->vm_pgoff = pgoff;
	v->vm_file_end = file_end;
	if (file && file->f_op->mmap && (err = file->f_op->mmap(file, v))) {
		if (v->vm_file)
			fput(v->vm_file);
		kmem_cache_free(vm_area_cachep, v);
		__atomic_sub_fetch(&vmas_allocated, 1, __ATOMIC_RELAXED);
		return err;
	}
	insert_vma(mm, v);      /* vm_mm first: a truncate walking i_mmap zaps through it */
	i_mmap_insert(v);
	return 0;
}

/* Every page of [start, end) is inside some VMA. */
static bool fully_mapped(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *v;

	for (v = find_vma(mm, start); v && start < end; v = next_vma(v)) {
		if (v->vm_start > start)
			return false;
		start = v->vm_end;
	}
	return start >= end;
}

int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot)
{
	unsigned long end;
	struct vm_area_struct *v;
	int err;

	len = ALIGN_UP(len, PAGE_SIZE);
	if ((start & ~PAGE_MASK) || (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	if (!len)
		return 0;
	if (!range_ok(start, len))
		return -ENOMEM;
	end = start + len;
	if (!fully_mapped(mm, start, end))
		return -ENOMEM;
	/* each VMA may only get what its VM_MAY* bits allow (Linux checks
	 * as it goes; all are checked first here, so a refusal changes none) */
	for (v = find_vma(mm, start); v && v->vm_start < end; v = next_vma(v))
		if (calc_vm_prot_bits(prot) & ~(v->vm_flags >> 4))
			return -EACCES;
	if ((err = split_at_edges(mm, start, end)))
		return err;
	for (v = find_vma(mm, start); v && v->vm_start < end; v = next_vma(v)) {
		v->vm_flags = (v->vm_flags & ~(VM_READ | VM_WRITE | VM_EXEC))
			      | calc_vm_prot_bits(prot);
		change_protection(mm, v->vm_start, v->vm_end, v->vm_flags);
	}
	return 0;
}

/* The heap is one anonymous VMA from start_brk; it follows the break. */
unsigned long do_brk(struct mm_struct *mm, unsigned long newbrk)
{
	unsigned long old_end = ALIGN_UP(mm->brk, PAGE_SIZE);
	unsigned long new_end = ALIGN_UP(newbrk, PAGE_SIZE);
	struct vm_area_struct *v;

	if (newbrk < mm->start_brk || newbrk > TASK_SIZE - STACK_RLIMIT)
		return mm->brk;
	if (new_end < old_end) {
		if (do_munmap(mm, new_end, old_end - new_end))
			return mm->brk;
	} else if (new_end > old_end) {
		v = find_vma(mm, old_end);
		if (v && v->vm_start < new_end + PAGE_SIZE)   /* would meet a mapping */
			return mm->brk;
		if (mmap_region(mm, old_end, new_end - old_end, VM_READ | VM_WRITE,
				NULL, 0, 0))
			return mm->brk;
	}
	mm->brk = newbrk;
	return newbrk;
}

void exit_mmap(struct mm_struct *mm)
{
	struct vm_area_struct *v, *n;

	list_for_each_entry_safe(v, n, &mm->mmap, vm_list) {
		zap_page_range(mm, v->vm_start, v->vm_end);
		unlink_vma(v);
		vma_free(v);
	}
	free_pgtables(mm);
}

int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *v, *copy;

	list_for_each_entry(v, &oldmm->mmap, vm_list) {
		copy = vma_alloc();
		if (!copy)
			return -ENOMEM;
		*copy = *v;
		copy->vm_mm = mm;               /* before a truncate can find it */
		vma_link_file(copy);
		list_add_tail(&copy->vm_list, &mm->mmap);
		vma_count(mm, copy, 1);
		if (copy_page_range(mm, oldmm, v))
			return -ENOMEM;
	}
	return 0;
}
