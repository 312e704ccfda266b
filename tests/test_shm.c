/* tests/test_shm.c: shared mappings from the kernel side: who holds a page
 * of a file's page cache (the file, and one reference per PTE), that fork
 * shares a shared mapping's PTEs instead of write-protecting them, that a
 * private file mapping maps the file's page read-only until it is written,
 * that a truncate takes pages out of every mapping (which then fault with
 * SIGBUS's -EIO), and that shared anonymous memory's file goes with its
 * last mapping. The user program /bin/utest_shm (user/bin/utest_shm.c) is
 * the "shm" suite: the same from user space, with futexes across
 * processes. */
#include <kernel.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <mm.h>
#include <mman.h>
#include <sched/mm.h>
#include <asm/pgtable.h>
#include "fs_helpers.h"
#include "usermm.h"

KTEST_PROGRAM_SUITE(shm, "/bin/utest_shm");

#define BASE    TASK_UNMAPPED_BASE
#define SHARED  (VM_READ | VM_WRITE | VM_SHARED | VM_MAYSHARE | VM_MAYREAD | VM_MAYWRITE)

static struct page *pte_page(struct mm_struct *mm, unsigned long addr)
{
	u32 *pte = user_pte(mm, addr);

	return pte && pte_present(*pte) ? pfn_to_page(pte_phys(*pte) >> PAGE_SHIFT) : NULL;
}

static int i_mmap_length(struct inode *inode)
{
	struct list_head *l;
	int n = 0;

	list_for_each(l, &inode->i_mmap)
		n++;
	return n;
}

/* Is page the one inode holds at index? (The lookup's reference goes
 * back at once: the counts below are the file's and the PTEs'.) */
static bool page_is_files(struct inode *inode, unsigned long index, struct page *page)
{
	struct page *cached = find_get_page(inode, index);

	if (cached)
		put_page(cached);
	return cached == page;
}

/* Shared anonymous memory: the page is the shmem file's (refcount: the
 * file plus one per PTE); a fork maps the same frame writable in both
 * (no COW); the file and its page go with the last mapping. */
static void shared_anon_page_counts(struct ktest *t)
{
	unsigned long inodes = nr_inodes;
	struct mm_struct *mm = enter_new_mm(), *child;
	struct file *f = shmem_file_setup(2 * PAGE_SIZE);
	struct inode *inode;
	struct page *page;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_FALSE(t, IS_ERR(f));
	inode = f->f_inode;
	KTEST_ASSERT_EQ(t, mmap_region(mm, BASE, 2 * PAGE_SIZE, SHARED, f, 0, TASK_SIZE), 0);
	fput(f);                                     /* the VMA's reference is the only one */
	KTEST_EXPECT_EQ(t, i_mmap_length(inode), 1);
	KTEST_EXPECT_EQ(t, mm->map_shared, 1);
	KTEST_ASSERT_TRUE(t, put_u32(BASE, 0x5151));
	page = pte_page(mm, BASE);
	KTEST_ASSERT_NOT_NULL(t, page);
	KTEST_EXPECT_TRUE(t, page_is_files(inode, 0, page));
	KTEST_EXPECT_PTR_EQ(t, page->mapping, inode);
	KTEST_EXPECT_EQ(t, page_count(page), 2);     /* the file and the PTE */
	child = dup_mm(mm);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_EQ(t, i_mmap_length(inode), 2);
	KTEST_EXPECT_EQ(t, child->map_shared, 1);
	KTEST_EXPECT_PTR_EQ(t, pte_page(child, BASE), page);
	KTEST_EXPECT_TRUE(t, *user_pte(mm, BASE) & _PAGE_RW);     /* shared, not COW */
	KTEST_EXPECT_TRUE(t, *user_pte(child, BASE) & _PAGE_RW);
	KTEST_EXPECT_EQ(t, page_count(page), 3);
	mmput(child);                                /* the child exits */
	KTEST_EXPECT_EQ(t, page_count(page), 2);
	KTEST_EXPECT_EQ(t, i_mmap_length(inode), 1);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes + 1);
	get_page(page);                              /* to watch it go */
	KTEST_EXPECT_EQ(t, do_munmap(mm, BASE, 2 * PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, nr_inodes, inodes);       /* the last mapping took the file */
	KTEST_EXPECT_EQ(t, mm->map_shared, 0);
	KTEST_EXPECT_EQ(t, page_count(page), 1);     /* and its page: ours is the last */
	KTEST_EXPECT_NULL(t, page->mapping);
	put_page(page);
	leave_test_mm(mm);
}

/* A private file mapping reads the file's own page, read-only; the first
 * write gives it a copy and the file's page loses that PTE's reference. */
static void private_file_maps_cache_page_until_written(struct ktest *t)
{
	static const char text[] = "page cache";
	struct file_mm fx;
	struct page *cache;
	char buf[4];
	loff_t pos = 0;

	if (!file_mm_start(&fx, text, sizeof(text), O_RDONLY)) {
		KTEST_FAIL(t, "cannot make the file and the mm");
		goto out;
	}
	cache = find_get_page(fx.f->f_inode, 0);     /* our reference, dropped below */
	KTEST_ASSERT_NOT_NULL(t, cache);
	KTEST_EXPECT_EQ(t, mmap_region(fx.mm, BASE, PAGE_SIZE, VM_READ | VM_WRITE, fx.f, 0,
				       TASK_SIZE), 0);
	KTEST_EXPECT_EQ(t, get_u32(BASE), *(const u32 *)text);
	KTEST_EXPECT_PTR_EQ(t, pte_page(fx.mm, BASE), cache);
	KTEST_EXPECT_FALSE(t, *user_pte(fx.mm, BASE) & _PAGE_RW);
	KTEST_EXPECT_EQ(t, page_count(cache), 3);    /* the file, the PTE, ours */
	KTEST_EXPECT_TRUE(t, put_u32(BASE, 0x21212121));
	KTEST_EXPECT_TRUE(t, pte_page(fx.mm, BASE) != cache);
	KTEST_EXPECT_TRUE(t, PageAnon(pte_page(fx.mm, BASE)));
	KTEST_EXPECT_EQ(t, page_count(cache), 2);
	put_page(cache);
	KTEST_EXPECT_EQ(t, kernel_read(fx.f, buf, 4, &pos), 4);
	KTEST_EXPECT_EQ(t, memcmp(buf, text, 4), 0);
out:
	file_mm_done(&fx);
}

/* Truncating a mapped file takes the pages past the new end out of the
 * mapping first (then frees them); touching there is -EIO (SIGBUS), and
 * the page that stays is still mapped. */
static void truncate_unmaps_then_sigbus(struct ktest *t)
{
	static char two_pages[2 * PAGE_SIZE];
	struct file_mm fx;
	unsigned long free;

	if (!file_mm_start(&fx, two_pages, sizeof(two_pages), O_RDWR)) {
		KTEST_FAIL(t, "cannot make the file and the mm");
		goto out;
	}
	KTEST_EXPECT_EQ(t, mmap_region(fx.mm, BASE, 2 * PAGE_SIZE, SHARED, fx.f, 0, TASK_SIZE), 0);
	KTEST_EXPECT_TRUE(t, put_u32(BASE, 1));
	KTEST_EXPECT_TRUE(t, put_u32(BASE + PAGE_SIZE, 2));
	KTEST_EXPECT_EQ(t, fx.mm->rss, 2);
	free = nr_free_pages();
	KTEST_EXPECT_EQ(t, ramfs_truncate(fx.f->f_inode, 100), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free + 1);        /* the second page went */
	KTEST_EXPECT_NULL(t, pte_page(fx.mm, BASE + PAGE_SIZE));
	KTEST_EXPECT_EQ(t, fx.mm->rss, 1);
	KTEST_EXPECT_EQ(t, get_u32(BASE), 1);
	KTEST_EXPECT_EQ(t, fault_in_user_address(fx.mm, BASE + PAGE_SIZE, 0, 0), -EIO);
	KTEST_EXPECT_EQ(t, fault_in_user_address(fx.mm, BASE + PAGE_SIZE, FAULT_WRITE, 0), -EIO);
out:
	file_mm_done(&fx);
}

/* mremap moves PTEs, not pages: the same frames, the same counts, at the
 * new address; the old range is gone. */
static void mremap_moves_ptes(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long free, to = BASE + 64 * PAGE_SIZE;
	struct page *p0, *p1;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_EQ(t, mmap_region(mm, BASE, 2 * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0, 0), 0);
	KTEST_ASSERT_TRUE(t, put_u32(BASE, 10));
	KTEST_ASSERT_TRUE(t, put_u32(BASE + PAGE_SIZE, 11));
	p0 = pte_page(mm, BASE);
	p1 = pte_page(mm, BASE + PAGE_SIZE);
	free = nr_free_pages();
	KTEST_EXPECT_EQ(t, do_mremap(mm, BASE, 2 * PAGE_SIZE, 3 * PAGE_SIZE,
				     MREMAP_MAYMOVE | MREMAP_FIXED, to), (long)to);
	KTEST_EXPECT_PTR_EQ(t, pte_page(mm, to), p0);
	KTEST_EXPECT_PTR_EQ(t, pte_page(mm, to + PAGE_SIZE), p1);
	KTEST_EXPECT_EQ(t, page_count(p0), 1);
	KTEST_EXPECT_EQ(t, mm->rss, 2);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free);             /* nothing copied */
	KTEST_EXPECT_NULL(t, vma_lookup(mm, BASE));
	KTEST_EXPECT_EQ(t, find_vma(mm, to)->vm_end, to + 3 * PAGE_SIZE);
	KTEST_EXPECT_EQ(t, get_u32(to + PAGE_SIZE), 11);
	leave_test_mm(mm);
}

static struct ktest_case shm_kernel_cases[] = {
	KTEST_CASE(shared_anon_page_counts),
	KTEST_CASE(private_file_maps_cache_page_until_written),
	KTEST_CASE(truncate_unmaps_then_sigbus),
	KTEST_CASE(mremap_moves_ptes),
	{}
};
KTEST_SUITE(shm_kernel, shm_kernel_cases);
