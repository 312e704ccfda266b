/* tests/test_usermm.c: user address spaces from the kernel side (seed claims
 * c02, c03, c09, c10, c18): VMAs, demand paging, copy-on-write after dup_mm,
 * teardown at mm_users 0. The test task adopts the address space it builds
 * (kthread_use_mm), so its user copies fault exactly as a process would and
 * the page-fault handler resolves them before any fixup. */
#include <kernel.h>
#include <completion.h>
#include <errno.h>
#include <fs.h>
#include <ktest.h>
#include <kthread.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <sched/mm.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include "fs_helpers.h"
#include "usermm.h"

static unsigned long read_nr_vmas(void) { return nr_vmas(); }
KTEST_COUNTER("vmas", read_nr_vmas);

/* c09: a 64 MiB anonymous mapping costs no page; each page touched costs
 * exactly one (once its page table exists), and reads zero. */
static void claim_c09_demand_zero_pages(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long base, before;
	long a;

	KTEST_ASSERT_NOT_NULL(t, mm);
	a = get_unmapped_area(mm, 0, 64 << 20);
	KTEST_ASSERT_GT(t, a, 0);
	base = a;
	KTEST_ASSERT_EQ(t, mmap_region(mm, base, PAGE_SIZE, VM_READ, NULL, 0, 0), 0);
	KTEST_ASSERT_EQ(t, do_munmap(mm, base, PAGE_SIZE), 0);   /* VMA slab warm */
	before = nr_free_pages();
	KTEST_ASSERT_EQ(t, mmap_region(mm, base, 64 << 20, VM_READ | VM_WRITE, NULL, 0, 0), 0);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	KTEST_EXPECT_EQ(t, mm->rss, 0);
	KTEST_ASSERT_TRUE(t, put_u32(base, 7));                  /* page + its table */
	KTEST_EXPECT_EQ(t, before - nr_free_pages(), 2);
	before = nr_free_pages();
	for (int i = 1; i <= 100; i++)
		KTEST_ASSERT_EQ(t, get_u32(base + i * PAGE_SIZE + 4), 0);
	KTEST_EXPECT_EQ(t, before - nr_free_pages(), 100);
	KTEST_EXPECT_EQ(t, mm->rss, 101);
	KTEST_EXPECT_EQ(t, get_u32(base), 7);
	KTEST_EXPECT_EQ(t, before - nr_free_pages(), 100);       /* touched twice: once */
	leave_test_mm(mm);
}

/* c02/c03/c10: dup_mm gives a separate page directory with the same kernel
 * half; pages are shared write-protected until one side writes (COW). */
static void claim_c02_c10_fork_copies_address_space(struct ktest *t)
{
	struct mm_struct *parent = enter_new_mm(), *child;
	unsigned long base = TASK_UNMAPPED_BASE, before;
	u32 *ppte, *cpte, kept;

	KTEST_ASSERT_NOT_NULL(t, parent);
	KTEST_ASSERT_EQ(t, mmap_region(parent, base, 4 * PAGE_SIZE, VM_READ | VM_WRITE,
				       NULL, 0, 0), 0);
	KTEST_ASSERT_TRUE(t, put_u32(base, 0x1234));
	child = dup_mm(parent);
	KTEST_ASSERT_NOT_NULL(t, child);
	KTEST_EXPECT_TRUE(t, child->pgd != parent->pgd);
	KTEST_EXPECT_EQ(t, memcmp(child->pgd + KERNEL_PGD_BOUNDARY,
				  parent->pgd + KERNEL_PGD_BOUNDARY, 256 * 4), 0);
	KTEST_EXPECT_EQ(t, memcmp(child->pgd + KERNEL_PGD_BOUNDARY,
				  swapper_pg_dir + KERNEL_PGD_BOUNDARY, 256 * 4), 0);
	KTEST_EXPECT_EQ(t, child->map_count, 1);
	ppte = user_pte(parent, base);
	cpte = user_pte(child, base);
	KTEST_ASSERT_TRUE(t, ppte && cpte && ppte != cpte);
	KTEST_EXPECT_EQ(t, pte_phys(*ppte), pte_phys(*cpte));
	KTEST_EXPECT_FALSE(t, *ppte & _PAGE_RW);
	KTEST_EXPECT_FALSE(t, *cpte & _PAGE_RW);
	KTEST_EXPECT_EQ(t, page_count(pfn_to_page(pte_phys(*ppte) >> PAGE_SHIFT)), 2);

	before = nr_free_pages();                 /* the parent reads: no copy */
	KTEST_EXPECT_EQ(t, get_u32(base), 0x1234);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	KTEST_ASSERT_TRUE(t, put_u32(base, 0xAAAA));   /* the parent writes: a copy */
	KTEST_EXPECT_EQ(t, before - nr_free_pages(), 1);
	KTEST_EXPECT_TRUE(t, pte_phys(*ppte) != pte_phys(*cpte));
	leave_test_mm(parent);

	kthread_use_mm(child);                    /* the child still sees 0x1234 */
	mmput(child);
	before = nr_free_pages();
	kept = pte_phys(*cpte);
	KTEST_EXPECT_EQ(t, get_u32(base), 0x1234);
	KTEST_ASSERT_TRUE(t, put_u32(base, 0xBBBB));   /* last sharer: reused, */
	KTEST_EXPECT_EQ(t, pte_phys(*cpte), kept);    /* the same frame made writable */
	KTEST_EXPECT_TRUE(t, *cpte & _PAGE_RW);
	KTEST_EXPECT_EQ(t, nr_free_pages(), before);
	KTEST_EXPECT_EQ(t, get_u32(base), 0xBBBB);
	leave_test_mm(child);
}

struct c03 {
	struct mm_struct *mm;
	struct completion done;
};

static int report_mm(void *arg)
{
	struct c03 *c = arg;

	c->mm = current->mm;
	complete(&c->done);
	return 0;
}

/* The same do_fork, with or without CLONE_VM, of a kernel-mode frame. */
static pid_t fork_report(struct c03 *c, unsigned long flags)
{
	struct kernel_clone_args args = { .flags = flags | CLONE_UNTRACED };
	struct pt_regs regs;

	kernel_thread_regs(&regs, report_mm, c);
	return do_fork(&args, &regs);
}

/* c03: one do_fork call, with and without CLONE_VM, from a task that has
 * an address space: shared (the same mm) or copied (a new one). */
static void claim_c03_clone_vm_shares_else_copies(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long nr_before = nr_mm_structs;
	struct c03 c;

	KTEST_ASSERT_NOT_NULL(t, mm);
	init_completion(&c.done);
	KTEST_ASSERT_GT(t, fork_report(&c, CLONE_VM), 0);
	wait_for_completion(&c.done);
	KTEST_EXPECT_PTR_EQ(t, c.mm, mm);
	KTEST_EXPECT_EQ(t, nr_mm_structs, nr_before);
	KTEST_ASSERT_GT(t, kernel_wait(-1, 0, NULL), 0);

	init_completion(&c.done);
	KTEST_ASSERT_GT(t, fork_report(&c, 0), 0);
	wait_for_completion(&c.done);
	KTEST_EXPECT_TRUE(t, c.mm && c.mm != mm);
	KTEST_ASSERT_GT(t, kernel_wait(-1, 0, NULL), 0);
	KTEST_EXPECT_EQ(t, nr_mm_structs, nr_before);   /* the copy is gone */
	leave_test_mm(mm);
}

/* c18: mm_users reaching 0 tears down mappings and page tables at once;
 * the struct and its page directory stay while mm_count holds them. */
static void claim_c18_mappings_go_at_users_zero(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long nr_before, free_before;
	u32 *pgd;

	KTEST_ASSERT_NOT_NULL(t, mm);
	free_before = nr_free_pages();
	nr_before = nr_mm_structs;
	KTEST_ASSERT_EQ(t, mmap_region(mm, TASK_UNMAPPED_BASE, 8 * PAGE_SIZE,
				       VM_READ | VM_WRITE, NULL, 0, 0), 0);
	for (int i = 0; i < 8; i++)
		KTEST_ASSERT_TRUE(t, put_u32(TASK_UNMAPPED_BASE + i * PAGE_SIZE, i));
	KTEST_EXPECT_EQ(t, mm->rss, 8);
	mmgrab(mm);                              /* a borrower's reference */
	pgd = mm->pgd;
	leave_test_mm(mm);                            /* the last user leaves */
	KTEST_EXPECT_EQ(t, mm->mm_users, 0);
	KTEST_EXPECT_EQ(t, mm->mm_count, 1);
	KTEST_EXPECT_EQ(t, mm->map_count, 0);
	KTEST_EXPECT_EQ(t, mm->nr_ptes, 0);
	KTEST_EXPECT_EQ(t, mm->rss, 0);
	KTEST_EXPECT_PTR_EQ(t, mm->pgd, pgd);
	KTEST_EXPECT_EQ(t, nr_mm_structs, nr_before);
	KTEST_EXPECT_EQ(t, nr_free_pages(), free_before);   /* 8 pages + 1 table back */
	mmdrop(mm);
	KTEST_EXPECT_EQ(t, nr_mm_structs, nr_before - 1);
}

/* munmap and mprotect split VMAs; a write to a read-only page is refused
 * (the user copy fails through its fixup) and the page keeps its value. */
static void vma_split_munmap_mprotect(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long b = TASK_UNMAPPED_BASE;
	struct vm_area_struct *v;
	u32 val;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_EQ(t, mmap_region(mm, b, 4 * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0, 0), 0);
	for (int i = 0; i < 4; i++)
		KTEST_ASSERT_TRUE(t, put_u32(b + i * PAGE_SIZE, 10 + i));
	KTEST_ASSERT_EQ(t, do_munmap(mm, b + PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 2);
	KTEST_EXPECT_EQ(t, mm->rss, 3);
	KTEST_EXPECT_FALSE(t, put_u32(b + PAGE_SIZE, 1));          /* a hole now */
	KTEST_ASSERT_EQ(t, do_mprotect(mm, b + 3 * PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	KTEST_EXPECT_EQ(t, mm->map_count, 3);
	KTEST_EXPECT_FALSE(t, put_u32(b + 3 * PAGE_SIZE, 99));
	KTEST_EXPECT_EQ(t, get_u32(b + 3 * PAGE_SIZE), 13);
	KTEST_ASSERT_EQ(t, do_mprotect(mm, b, PAGE_SIZE, PROT_NONE), 0);
	KTEST_EXPECT_FALSE(t, pte_present(*user_pte(mm, b)));          /* unreachable */
	KTEST_EXPECT_EQ(t, get_user_u32(&val, (u32 *)b), -EFAULT);      /* copy refused */
	KTEST_EXPECT_EQ(t, mm->rss, 3);                                /* the page is kept */
	KTEST_ASSERT_EQ(t, do_mprotect(mm, b, PAGE_SIZE, PROT_READ), 0);
	KTEST_EXPECT_TRUE(t, pte_present(*user_pte(mm, b)));
	KTEST_EXPECT_EQ(t, get_u32(b), 10);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, b, 4 * PAGE_SIZE, PROT_READ), -ENOMEM);
	KTEST_EXPECT_EQ(t, do_mprotect(mm, b + 1, PAGE_SIZE, PROT_READ), -EINVAL);
	KTEST_EXPECT_EQ(t, do_munmap(mm, b + 1, PAGE_SIZE), -EINVAL);
	v = find_vma(mm, b);
	KTEST_ASSERT_NOT_NULL(t, v);
	KTEST_EXPECT_EQ(t, v->vm_end, b + PAGE_SIZE);
	KTEST_ASSERT_EQ(t, do_mprotect(mm, b + 2 * PAGE_SIZE, 2 * PAGE_SIZE,
				       PROT_READ | PROT_WRITE), 0);
	KTEST_EXPECT_TRUE(t, put_u32(b + 3 * PAGE_SIZE, 99));      /* writable again */
	KTEST_EXPECT_EQ(t, get_u32(b + 3 * PAGE_SIZE), 99);
	leave_test_mm(mm);
}

/* A VM_GROWSDOWN VMA grows down to a faulting address below it; brk moves
 * the heap VMA both ways. */
static void stack_growth_and_brk(struct ktest *t)
{
	struct mm_struct *mm = enter_new_mm();
	unsigned long top = STACK_TOP;
	struct vm_area_struct *v;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_ASSERT_EQ(t, mmap_region(mm, top - PAGE_SIZE, PAGE_SIZE,
				       VM_READ | VM_WRITE | VM_GROWSDOWN, NULL, 0, 0), 0);
	KTEST_ASSERT_TRUE(t, put_u32(top - 5 * PAGE_SIZE, 5));
	v = find_vma(mm, top - 1);
	KTEST_EXPECT_EQ(t, v->vm_start, top - 5 * PAGE_SIZE);
	KTEST_EXPECT_FALSE(t, put_u32(top - STACK_RLIMIT - 2 * PAGE_SIZE, 1));

	mm->start_brk = mm->brk = 0x08100000;
	KTEST_EXPECT_EQ(t, do_brk(mm, 0x08100000 + 3 * PAGE_SIZE + 1), 0x08100000 + 3 * PAGE_SIZE + 1);
	KTEST_EXPECT_TRUE(t, put_u32(0x08100000 + 3 * PAGE_SIZE, 3));
	KTEST_EXPECT_EQ(t, do_brk(mm, 0x08100000 - 1), 0x08100000 + 3 * PAGE_SIZE + 1);
	KTEST_EXPECT_EQ(t, do_brk(mm, 0x08100000 + 10), 0x08100000 + 10);
	KTEST_EXPECT_FALSE(t, put_u32(0x08100000 + 3 * PAGE_SIZE, 3));
	KTEST_EXPECT_TRUE(t, put_u32(0x08100000, 3));
	leave_test_mm(mm);
}

/* A private file mapping reads the file's bytes up to vm_file_end and
 * zeros after (bss); writes stay private. */
static void file_backed_private_pages(struct ktest *t)
{
	static const char text[] = "tasklab file page";
	struct file_mm fx;
	unsigned long b = 0x08048000;
	char buf[sizeof(text)];
	loff_t pos = 0;

	if (!file_mm_start(&fx, text, sizeof(text), O_RDONLY)) {
		KTEST_FAIL(t, "cannot make the file and the mm");
		goto out;
	}
	KTEST_EXPECT_EQ(t, mmap_region(fx.mm, b, 2 * PAGE_SIZE, VM_READ | VM_WRITE, fx.f, 0, b + 8), 0);
	KTEST_EXPECT_EQ(t, copy_from_user(buf, (void *)b, sizeof(buf)), 0);
	KTEST_EXPECT_EQ(t, memcmp(buf, text, 8), 0);
	KTEST_EXPECT_EQ(t, buf[8], 0);                       /* past file_end */
	KTEST_EXPECT_EQ(t, get_u32(b + PAGE_SIZE), 0);
	KTEST_EXPECT_TRUE(t, put_u32(b, 0x21212121));
	KTEST_EXPECT_EQ(t, kernel_read(fx.f, buf, 4, &pos), 4);
	KTEST_EXPECT_EQ(t, memcmp(buf, text, 4), 0);         /* the file is unchanged */
out:
	file_mm_done(&fx);
}

static struct ktest_case usermm_cases[] = {
	KTEST_CASE(claim_c09_demand_zero_pages),
	KTEST_CASE(claim_c02_c10_fork_copies_address_space),
	KTEST_CASE(claim_c03_clone_vm_shares_else_copies),
	KTEST_CASE(claim_c18_mappings_go_at_users_zero),
	KTEST_CASE(vma_split_munmap_mprotect),
	KTEST_CASE(stack_growth_and_brk),
	KTEST_CASE(file_backed_private_pages),
	{}
};
KTEST_SUITE(usermm, usermm_cases);
