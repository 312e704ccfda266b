/* mm/memory.c: the page tables of user address spaces. Pages arrive only
 * when touched (seed claim c09): handle_mm_fault() fills a missing PTE with
 * a zeroed page (anonymous), the file's own page (shared file mapping;
 * read-only in a private one) or a private copy of the file's bytes, and
 * answers a write to a write-protected private page with copy-on-write: a
 * page still shared with another address space or the page cache is
 * copied, an anonymous one we are the last user of is simply made writable
 * again. fork shares pages by reference count (copy_page_range); teardown
 * drops those references (zap_page_range) and frees the page tables
 * (free_pgtables). User pages may be highmem: their contents are reached
 * through kmap. A new page table or PTE is installed under the mm's
 * page_table_lock, after a re-check: another thread of the mm may have
 * faulted on the same address meanwhile (the fault holds mmap_lock only for
 * reading), and then the loser's page is given back; a copy-on-write
 * break re-checks its PTE under the same lock. A translation removed or
 * narrowed is flushed from every CPU holding the mm (asm/tlbflush.h) before
 * the page it pointed to can be reused: zap_page_range gathers the pages it
 * unmaps and frees them only after the flush, as Linux's mmu_gather. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <sched/signal.h>
#include <asm/pgtable.h>
#include <trace/events.h>
#include <asm/tlbflush.h>


u32 *user_pte(struct mm_struct *mm, unsigned long addr)
{
	pgd_t pde = mm->pgd[pgd_index(addr)];

	if (!pgd_present(pde))
		return NULL;
	return (u32 *)__va(pte_phys(pde)) + pte_index(addr);
}

/* The PTE for addr, allocating its page table; NULL on exhaustion. */
static u32 *pte_alloc(struct mm_struct *mm, unsigned long addr)
{
	u32 *pte = user_pte(mm, addr);
	unsigned long table;

	if (pte)
		return pte;
	table = get_zeroed_page(GFP_PGTABLE_USER);
	if (!table)
		return NULL;
	spin_lock(&mm->page_table_lock);
	if (pgd_present(mm->pgd[pgd_index(addr)])) {
		spin_unlock(&mm->page_table_lock);
		free_page(table);            /* another thread's came first */
		return user_pte(mm, addr);
	}
	pgd_populate(&mm->pgd[pgd_index(addr)], (pte_t *)table);
	mm->nr_ptes++;
	spin_unlock(&mm->page_table_lock);
	return (u32 *)table + pte_index(addr);
}

static u32 vma_pte_flags(const struct vm_area_struct *vma, bool writable)
{
	return (writable && (vma->vm_flags & VM_WRITE)) ? PAGE_SHARED : PAGE_READONLY;
}

/* The page-sized buffer kaddr gets what vma holds at addr when nothing
 * is mapped there: the file's bytes up to vm_file_end, zeros after. */
static int fill_bytes(struct vm_area_struct *vma, unsigned long addr, u8 *kaddr)
{
	unsigned long valid = 0;
	int err = 0;

	if (vma->vm_file && addr < vma->vm_file_end) {
		loff_t pos = vma->vm_pgoff + (addr - vma->vm_start);
		unsigned long want = min((unsigned long)PAGE_SIZE, vma->vm_file_end - addr);
		ssize_t n = kernel_read(vma->vm_file, kaddr, want, &pos);

		if (n < 0)
			err = (int)n;
		else
			valid = n;
	}
	memset(kaddr + valid, 0, PAGE_SIZE - valid);
	return err;
}

/* Fill a new user page with what vma holds at addr. */
static int fill_page(struct vm_area_struct *vma, unsigned long addr, struct page *page)
{
	int err = fill_bytes(vma, addr, kmap(page));

	kunmap(page);
	return err;
}

/* Map a new private page at addr, filled by fill_page: zeroes, or a copy
 * of the file's bytes (with zeroes past vm_file_end). */
static int new_private_page(struct vm_area_struct *vma, unsigned long addr, u32 *pte)
{
	struct page *page = alloc_page(GFP_HIGHUSER);
	int err;

	if (!page)
		return -ENOMEM;
	err = fill_page(vma, addr, page);
	if (err) {
		__free_page(page);
		return err;
	}
	spin_lock(&vma->vm_mm->page_table_lock);
	if (pte_present(*pte)) {             /* another thread's fault won */
		spin_unlock(&vma->vm_mm->page_table_lock);
		__free_page(page);
		return 0;
	}
	set_pte(pte, mk_pte(page_to_phys(page), vma_pte_flags(vma, true)));
	vma->vm_mm->rss++;
	spin_unlock(&vma->vm_mm->page_table_lock);
	return 0;
}

/* Is page still the file's page at index, inside its size? Asked under
 * the page_table_lock the PTE goes in with: a truncate sets the size,
 * then takes the PTEs out under that lock, then the page out of the file
 * (mapping NULL) before it can grow the file again; so the size is read
 * first (x86 keeps loads in order, barrier() the compiler). */
static bool page_still_cached(struct inode *inode, struct page *page, unsigned long index)
{
	loff_t size = READ_ONCE(inode->i_size);

	barrier();
	return (loff_t)index << PAGE_SHIFT < size && READ_ONCE(page->mapping) == inode;
}

/* Map the file's page at addr: the caller's reference (find_get_page's)
 * becomes the PTE's, or is dropped if another thread's fault won or a
 * truncate took the page away meanwhile (the access faults again and
 * finds the file as it is now: SIGBUS past its end). */
static int map_file_page(struct vm_area_struct *vma, u32 *pte, struct page *page,
			 unsigned long index, bool writable)
{
	bool map;

	spin_lock(&vma->vm_mm->page_table_lock);
	map = !pte_present(*pte) && page_still_cached(vma->vm_file->f_inode, page, index);
	if (map) {
		set_pte(pte, mk_pte(page_to_phys(page), vma_pte_flags(vma, writable)));
		vma->vm_mm->rss++;
	}
	spin_unlock(&vma->vm_mm->page_table_lock);
	if (!map)
		put_page(page);
	return 0;
}

/* A missing page of a file-backed VMA (Linux's do_fault). Past vm_file_end
 * it is bss; a page starting past the file's last page is SIGBUS (-EIO,
 * the file's size checked now: a truncate since mmap counts). A shared
 * mapping gets the file's page itself (a hole gets a page first). A
 * private one reading a page the file has and holds wholly before
 * vm_file_end gets it read-only (a write copies it then); otherwise a
 * private copy of the bytes. */
static int do_file_page(struct vm_area_struct *vma, unsigned long addr, u32 *pte,
			unsigned int flags)
{
	struct inode *inode = vma->vm_file->f_inode;
	unsigned long index = (vma->vm_pgoff + (addr - vma->vm_start)) >> PAGE_SHIFT;
	struct page *page;

	if (addr >= vma->vm_file_end)
		return new_private_page(vma, addr, pte);
	if ((loff_t)index << PAGE_SHIFT >= inode->i_size)
		return -EIO;
	if (vma->vm_flags & VM_MAYSHARE) {
		page = find_or_create_page(inode, index);
		return page ? map_file_page(vma, pte, page, index, true) : -ENOMEM;
	}
	page = find_get_page(inode, index);
	if (page && !(flags & FAULT_WRITE) && vma->vm_file_end - addr >= PAGE_SIZE)
		return map_file_page(vma, pte, page, index, false);
	if (page)
		put_page(page);
	return new_private_page(vma, addr, pte);
}

/* Write to a present, write-protected page of a writable VMA (address:
 * where in it, flags: the fault's, for the trace). Under page_table_lock
 * the PTE is checked to be the one the fault saw (another thread may have
 * broken the same copy-on-write meanwhile); the copy is made outside the
 * lock, which may not be held while allocating. */
static int do_wp_page(struct vm_area_struct *vma, unsigned long addr, u32 *pte,
		      unsigned long address, unsigned int flags)
{
	struct mm_struct *mm = vma->vm_mm;
	u32 orig = *pte;
	struct page *old = pfn_to_page(pte_phys(orig) >> PAGE_SHIFT), *new;

	spin_lock(&mm->page_table_lock);
	if (*pte != orig)
		goto out_unlock;              /* resolved by another thread */
	/* a shared page is written in place (it was write-protected by an
	 * mprotect since); so is an anonymous one we are the last user of.
	 * Widening a permission needs no shootdown: a CPU still holding the
	 * read-only entry faults and finds the fault resolved. */
	if ((vma->vm_flags & VM_SHARED) || (PageAnon(old) && page_count(old) == 1)) {
		trace_page_fault_user(address, flags, FAULT_KIND_COW_REUSE);
		set_pte(pte, pte_mkwrite(orig));
		__flush_tlb_one(addr);
		goto out_unlock;
	}
	trace_page_fault_user(address, flags, FAULT_KIND_COW_COPY);
	get_page(old);                        /* ours, across the copy */
	spin_unlock(&mm->page_table_lock);
	new = alloc_page(GFP_HIGHUSER);
	if (!new) {
		put_page(old);
		return -ENOMEM;
	}
	copy_highpage(new, old);
	spin_lock(&mm->page_table_lock);
	if (*pte == orig) {
		set_pte(pte, mk_pte(page_to_phys(new), vma_pte_flags(vma, true)));
		flush_tlb_page(mm, addr);     /* no CPU writes the old copy now */
		put_page(old);                /* the PTE's reference */
		new = NULL;
	}
	spin_unlock(&mm->page_table_lock);
	put_page(old);
	if (new)
		put_page(new);                /* another thread broke it first */
	return 0;
out_unlock:
	spin_unlock(&mm->page_table_lock);
	return 0;
}

int handle_mm_fault(struct vm_area_struct *vma, unsigned long address, unsigned int flags)
{
	unsigned long addr = address & PAGE_MASK;
	u32 *pte = pte_alloc(vma->vm_mm, addr);

	if (!pte)
		return -ENOMEM;
	if (!pte_present(*pte)) {
		if (vma->vm_file) {      /* past vm_file_end (bss): zeros */
			trace_page_fault_user(address, flags, addr < vma->vm_file_end ?
					      FAULT_KIND_FILE : FAULT_KIND_DEMAND_ZERO);
			return do_file_page(vma, addr, pte, flags);
		}
		trace_page_fault_user(address, flags, flags & FAULT_STACK_GROW ?
				      FAULT_KIND_STACK_GROW : FAULT_KIND_DEMAND_ZERO);
		return new_private_page(vma, addr, pte);
	}
	if ((flags & FAULT_WRITE) && !pte_write(*pte)) {
		if (!(vma->vm_flags & VM_WRITE))
			return -EFAULT;
		return do_wp_page(vma, addr, pte, address, flags);
	}
	return 0;       /* already resolved (a stale TLB entry): retry */
}

/* The stack limit: RLIMIT_STACK, within the STACK_RLIMIT gap the address
 * space layout leaves below the stack. */
static unsigned long stack_limit(void)
{
	return min(STACK_RLIMIT, current->signal->rlim[RLIMIT_STACK].rlim_cur);
}

/* Grow a VM_GROWSDOWN VMA down to addr's page, within the stack limit.
 * A user-mode access may land at most 64 KiB + 32 bytes below esp (enter,
 * pusha), as Linux allows. */
static int expand_stack(struct vm_area_struct *vma, unsigned long addr, unsigned long esp)
{
	unsigned long start = addr & PAGE_MASK;
	struct vm_area_struct *prev;

	if (esp && addr + 65536 + 32 < esp)
		return -EFAULT;
	if (vma->vm_end - start > stack_limit())
		return -EFAULT;
	if (vma->vm_list.prev != &vma->vm_mm->mmap) {
		prev = list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
		if (prev->vm_end > start - PAGE_SIZE)   /* keep a guard gap */
			return -EFAULT;
	}
	if (vma->vm_file)                /* only anonymous stacks grow */
		return -EFAULT;
	vma->vm_start = start;
	return 0;
}

int fault_in_user_address(struct mm_struct *mm, unsigned long addr, unsigned int flags,
			  unsigned long esp)
{
	struct vm_area_struct *vma;

	if (!mm || addr >= TASK_SIZE)
		return -EFAULT;
	vma = find_vma(mm, addr);
	if (!vma)
		return -EFAULT;
	if (addr < vma->vm_start) {
		if (!(vma->vm_flags & VM_GROWSDOWN) || expand_stack(vma, addr, esp))
			return -EFAULT;
		flags |= FAULT_STACK_GROW;       /* the trace's kind */
	}
	if ((flags & FAULT_WRITE) ? !(vma->vm_flags & VM_WRITE)
				  : !(vma->vm_flags & (VM_READ | VM_EXEC)))
		return -EFAULT;
	return handle_mm_fault(vma, addr, flags);
}

/* Pages unmapped by zap_page_range, freed once no CPU's TLB can reach
 * them (Linux's mmu_gather, with a fixed batch). */
struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;      /* the range unmapped since the last flush */
	unsigned int nr;
	struct page *pages[64];
};

static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	if (!tlb->nr)
		return;
	flush_tlb_range(tlb->mm, tlb->start, tlb->end);
	for (unsigned int i = 0; i < tlb->nr; i++)
		put_page(tlb->pages[i]);
	tlb->nr = 0;
}

/* One page table's PTEs from addr to end (within it) cleared under
 * page_table_lock, their pages gathered: a truncate's unmap_mapping_range
 * and the mm's own munmap may zap one PTE at once (one must take its
 * reference, not both), and a fault installs under it. One hold for the
 * run, not one per PTE; it stops when the gather is full, whose flush
 * (IPIs) runs after the lock is dropped. Returns where it stopped. */
static unsigned long zap_pte_range(struct mmu_gather *tlb, u32 *pte, unsigned long addr,
				   unsigned long end)
{
	struct mm_struct *mm = tlb->mm;

	spin_lock(&mm->page_table_lock);
	for (; addr < end && tlb->nr < ARRAY_SIZE(tlb->pages); addr += PAGE_SIZE, pte++) {
		if (!pte_mapped(*pte))
			continue;
		if (!tlb->nr)
			tlb->start = addr;
		tlb->end = addr + PAGE_SIZE;
		tlb->pages[tlb->nr++] = pfn_to_page(pte_phys(*pte) >> PAGE_SHIFT);
		pte_clear(pte);
		mm->rss--;
	}
	spin_unlock(&mm->page_table_lock);
	if (tlb->nr == ARRAY_SIZE(tlb->pages))
		tlb_flush_mmu(tlb);
	return addr;
}

void zap_page_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct mmu_gather tlb;
	unsigned long addr = start;

	tlb.mm = mm;                    /* not an initializer: it would zero pages[] */
	tlb.nr = 0;                     /* (start and end are set with the first page) */
	while (addr < end) {
		unsigned long table_end = min(end, (addr | (PGDIR_SIZE - 1)) + 1);
		u32 *pte = user_pte(mm, addr);

		addr = pte ? zap_pte_range(&tlb, pte, addr, table_end) : table_end;
	}
	tlb_flush_mmu(&tlb);
}

void change_protection(struct mm_struct *mm, unsigned long start, unsigned long end,
		       unsigned long vm_flags)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		u32 *pte = user_pte(mm, addr);

		if (!pte || !pte_mapped(*pte))
			continue;
		if (vm_flags & (VM_READ | VM_WRITE | VM_EXEC))
			set_pte(pte, pte_mkpresent(*pte));
		else
			set_pte(pte, pte_mkprotnone(*pte));
		if (!(vm_flags & VM_WRITE))
			set_pte(pte, pte_wrprotect(*pte));
	}
	flush_tlb_range(mm, start, end);
}

/* One page table's run of vma's PTEs (addr to end) shared into dst's
 * table, under src's page_table_lock: a truncate on another CPU zaps a
 * file's PTEs in every mm mapping it (unmap_mapping_range, not under our
 * mmap_lock), so a PTE is read and write-protected in one hold with its
 * page's new reference. */
static void copy_pte_range(struct mm_struct *dst, struct mm_struct *src,
			   struct vm_area_struct *vma, u32 *dpte, u32 *spte,
			   unsigned long addr, unsigned long end)
{
	spin_lock(&src->page_table_lock);
	for (; addr < end; addr += PAGE_SIZE, spte++, dpte++) {
		u32 pte = *spte;

		if (!pte_mapped(pte))
			continue;
		if (!(vma->vm_flags & VM_SHARED) && pte_write(pte)) {
			pte = pte_wrprotect(pte);
			set_pte(spte, pte);         /* dup_mm flushes src */
		}
		get_page(pfn_to_page(pte_phys(pte) >> PAGE_SHIFT));
		set_pte(dpte, pte);
		dst->rss++;
	}
	spin_unlock(&src->page_table_lock);
}

int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma)
{
	unsigned long addr = vma->vm_start;

	while (addr < vma->vm_end) {
		unsigned long end = min(vma->vm_end, (addr | (PGDIR_SIZE - 1)) + 1);
		u32 *spte = user_pte(src, addr), *dpte;

		if (spte) {
			dpte = pte_alloc(dst, addr);     /* may sleep: outside the lock */
			if (!dpte)
				return -ENOMEM;
			copy_pte_range(dst, src, vma, dpte, spte, addr, end);
		}
		addr = end;
	}
	return 0;
}

void unmap_mapping_range(struct inode *inode, unsigned long index)
{
	unsigned long from = index << PAGE_SHIFT;
	struct vm_area_struct *v;

	spin_lock(&inode->i_mmap_lock);
	list_for_each_entry(v, &inode->i_mmap, vm_shared) {
		/* bss pages past vm_file_end hold nothing of the file */
		unsigned long start = v->vm_start, end = min(v->vm_end, v->vm_file_end & PAGE_MASK);

		if (end <= start)
			continue;
		if (from > v->vm_pgoff) {
			if (from - v->vm_pgoff >= end - start)
				continue;
			start += from - v->vm_pgoff;
		}
		zap_page_range(v->vm_mm, start, end);
	}
	spin_unlock(&inode->i_mmap_lock);
}

int move_page_tables(struct mm_struct *mm, unsigned long old, unsigned long new,
		     unsigned long len)
{
	for (unsigned long off = 0; off < len; off += PAGE_SIZE)
		if (!pte_alloc(mm, new + off))      /* first, so that nothing fails midway */
			return -ENOMEM;
	spin_lock(&mm->page_table_lock);     /* a truncate's zap takes each PTE under it */
	for (unsigned long off = 0; off < len; off += PAGE_SIZE) {
		u32 *src = user_pte(mm, old + off);

		if (!src || !pte_mapped(*src))
			continue;
		set_pte(user_pte(mm, new + off), *src);
		pte_clear(src);
	}
	spin_unlock(&mm->page_table_lock);
	flush_tlb_range(mm, old, old + len);
	return 0;
}

bool page_resident(struct vm_area_struct *vma, unsigned long addr)
{
	u32 *pte = user_pte(vma->vm_mm, addr);

	if (pte && pte_mapped(*pte))
		return true;
	if (!vma->vm_file || addr >= vma->vm_file_end)
		return false;
	return ramfs_page_present(vma->vm_file->f_inode,
				  (vma->vm_pgoff + (addr - vma->vm_start)) >> PAGE_SHIFT);
}

void free_pgtables(struct mm_struct *mm)
{
	for (unsigned int i = 0; i < KERNEL_PGD_BOUNDARY; i++) {
		if (!pgd_present(mm->pgd[i]))
			continue;
		free_page((unsigned long)__va(pte_phys(mm->pgd[i])));
		mm->pgd[i] = 0;
		mm->nr_ptes--;
	}
}

bool copy_dump_page(struct vm_area_struct *vma, unsigned long addr, void *buf)
{
	u32 *pte = user_pte(vma->vm_mm, addr);
	unsigned long index;

	if (pte && pte_mapped(*pte)) {
		void *kaddr = kmap_atomic(pfn_to_page(pte_phys(*pte) >> PAGE_SHIFT));

		memcpy(buf, kaddr, PAGE_SIZE);
		kunmap_atomic(kaddr);
		return true;
	}
	if (!vma->vm_file || addr >= vma->vm_file_end)
		return false;                     /* never touched, or bss: zeros */
	index = (vma->vm_pgoff + (addr - vma->vm_start)) >> PAGE_SHIFT;
	if (!ramfs_page_present(vma->vm_file->f_inode, index))
		return false;                     /* a hole in the file (or past its end) */
	return fill_bytes(vma, addr, buf) == 0;
}
