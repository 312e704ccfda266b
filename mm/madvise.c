/* mm/madvise.c: the calls that advise on, sync or inspect a range of an
 * address space without changing its layout: madvise(2), msync(2) and
 * mincore(2), each with Linux 6.1's argument checks and errno order. They
 * walk the VMAs the range meets; a gap in the range is ENOMEM, reported
 * after the mapped parts were handled (madvise, msync) or when the walk
 * reaches it (mincore), as in Linux.
 *
 * What is left to do is small because every file page lives in the ramfs
 * page cache: there is no disk to write back to or read ahead from, so
 * msync's MS_SYNC/MS_ASYNC and madvise's WILLNEED/NORMAL/RANDOM/SEQUENTIAL
 * have nothing to act on, and MS_INVALIDATE has no other copy to drop (a
 * shared mapping's pages are the file's). MADV_DONTNEED does act: it takes
 * the range's pages out of the page tables, so private anonymous memory
 * reads back as zeros, a private file mapping reads the file again, and a
 * shared mapping reads its (kept) data again. MADV_FREE does the same for
 * private anonymous memory, which Linux may do at any time. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <mman.h>
#include <asm/uaccess.h>
#include "internal.h"

/* Call fn (if any) on the part of each VMA inside [start, end) (start <
 * end) until fn fails; then its error, else -ENOMEM if the range had a
 * gap, else 0 (Linux's madvise_walk_vmas). */
static int walk_range(struct mm_struct *mm, unsigned long start, unsigned long end,
		      int (*fn)(struct vm_area_struct *, unsigned long, unsigned long, int),
		      int arg)
{
	struct vm_area_struct *v = find_vma(mm, start);
	int gap = 0, err;

	for (; start < end; v = next_vma(v)) {
		if (!v)
			return -ENOMEM;
		if (start < v->vm_start) {
			gap = -ENOMEM;
			start = v->vm_start;
			if (start >= end)
				break;
		}
		if (fn && (err = fn(v, start, min(end, v->vm_end), arg)))
			return err;
		start = v->vm_end;
	}
	return gap;
}

static int madvise_vma(struct vm_area_struct *v, unsigned long start, unsigned long end,
		       int advice)
{
	switch (advice) {
	case MADV_FREE:
		if (v->vm_file)          /* Linux: anonymous private memory only */
			return -EINVAL;
		__attribute__((fallthrough));
	case MADV_DONTNEED:
		zap_page_range(v->vm_mm, start, end);
		return 0;
	default:                         /* hints: nothing to act on (above) */
		return 0;
	}
}

static bool madvise_behavior_valid(int advice)
{
	switch (advice) {
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_DONTNEED: case MADV_FREE:
		return true;
	default:                         /* incl. those Tasklab lacks (KSM, THP, ...) */
		return false;
	}
}

/* Contract: 0, or -EINVAL (unknown or unsupported advice, start not page
 * aligned, a wrapping range; MADV_FREE on a file or shared mapping),
 * -ENOMEM (part of the range unmapped; the rest was advised). */
long do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len, int advice)
{
	unsigned long end;

	if (!madvise_behavior_valid(advice) || (start & ~PAGE_MASK))
		return -EINVAL;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if ((len && end == start) || end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	return walk_range(mm, start, end, madvise_vma, advice);
}

/* Contract: 0, or -EINVAL (unknown flags, MS_SYNC with MS_ASYNC, start not
 * page aligned), -ENOMEM (part of the range unmapped, or it wraps). The
 * walk only looks for gaps: a ramfs mapping has nothing to write back. */
long do_msync(struct mm_struct *mm, unsigned long start, unsigned long len, int flags)
{
	unsigned long end;

	if ((flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || (start & ~PAGE_MASK) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	end = start + ALIGN_UP(len, PAGE_SIZE);
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	return walk_range(mm, start, end, NULL, flags);
}

/* Contract: fills vec[i] with 1 if page i of [start, start + len) is
 * resident (mapped, or in the page cache of the file mapped there), else 0.
 * (Linux's can_do_mincore answers 1 for every page of a file the caller
 * neither owns nor may write, so as not to show what others read; that
 * rule is not applied here.)
 * 0, or -EINVAL (start not page aligned), -ENOMEM (the range reaches past
 * user space or meets an unmapped page: the bytes before it are filled),
 * -EFAULT (vec cannot be written). */
long do_mincore(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned char *vec)
{
	unsigned long pages;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok((void *)start, len))
		return -ENOMEM;
	pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	while (pages) {
		struct vm_area_struct *v;
		unsigned char buf[64];
		unsigned long n = 0;

		/* the VMAs under mmap_lock (read), the copy-out after it:
		 * a fault there takes the lock itself */
		down_read(&mm->mmap_lock);
		v = vma_lookup(mm, start);
		for (; v && n < sizeof(buf) && n < pages && start < v->vm_end; n++, start += PAGE_SIZE)
			buf[n] = page_resident(v, start);
		up_read(&mm->mmap_lock);
		if (!v)
			return -ENOMEM;
		if (copy_to_user(vec, buf, n))
			return -EFAULT;
		vec += n;
		pages -= n;
	}
	return 0;
}
