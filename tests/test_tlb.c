/* tests/test_tlb.c: TLB shootdowns and lazy TLB (claim c32; the model is in
 * include/asm/tlbflush.h). Tasks run on CPU 0 only in this build, so
 * another CPU is made to hold a test address space the way a task or a
 * kernel thread running there would: an IPI (smp_call_function_single)
 * runs switch_mm to the mm on that CPU, and for the lazy case
 * enter_lazy_tlb after it, then reads user memory there through the same
 * get_user the kernel uses, which either finds the page (through the
 * TLB or the page tables) or faults and takes its fixup. With one CPU
 * the cases check what one CPU must do: no IPI, no shootdown counted, and
 * the CPU leaving a dying mm it is lazy on. The kmap_atomic windows, per
 * CPU, are checked here too, and the kernel ranges every CPU may cache
 * (global entries): a vmalloc area and a pkmap slot handed out again. */
#include <kernel.h>
#include <errno.h>
#include <highmem.h>
#include <ktest.h>
#include <mm.h>
#include <mman.h>
#include <sched.h>
#include <sched/mm.h>
#include <smp.h>
#include <vmalloc.h>
#include <uapi/linux/mman.h>
#include <asm/mmu_context.h>
#include <asm/page.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <asm/uaccess.h>
#include "usermm.h"

extern u32 swapper_pg_dir[1024];

/* What an IPI to the other CPU is asked to do and what it saw there. */
struct remote {
	struct mm_struct *mm;
	unsigned long addr;
	bool lazy;
	u32 value;                /* the word read at addr */
	int err;                  /* get_user's result */
	u32 cr3;
	int state;
};

/* The other CPU takes mm as a task of it would (lazy: as a kernel thread
 * borrowing it would), in interrupt context there, with interrupts off. */
static void remote_enter(void *arg)
{
	struct remote *r = arg;
	struct tlb_state *ts = &this_cpu(cpu_tlbstate);

	switch_mm(ts->active_mm, r->mm);
	if (r->lazy)
		enter_lazy_tlb(r->mm, current);
}

/* The other CPU reads the word at addr (it may fault: the fixup answers). */
static void remote_read(void *arg)
{
	struct remote *r = arg;

	r->value = 0;
	r->err = get_user_u32(&r->value, (const u32 *)r->addr);
	r->cr3 = read_cr3();
	r->state = this_cpu(cpu_tlbstate).state;
}

/* The other CPU goes back to its idle state: lazy on init_mm. */
static void remote_leave(void *arg)
{
	(void)arg;
	switch_mm(this_cpu(cpu_tlbstate).active_mm, &init_mm);
	enter_lazy_tlb(&init_mm, current);
}

/* The first online CPU other than ours, or -1 on one CPU. */
static int other_cpu(void)
{
	int cpu;

	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id())
			return cpu;
	return -1;
}

/* A fresh mm with the test task on it and n pages at `base` holding i + 1. */
static struct mm_struct *mm_with_pages(struct ktest *t, unsigned long base, int n)
{
	struct mm_struct *mm = enter_new_mm();

	if (!mm)
		return NULL;
	if (mmap_region(mm, base, n * PAGE_SIZE, VM_READ | VM_WRITE, NULL, 0, 0)) {
		leave_test_mm(mm);
		return NULL;
	}
	for (int i = 0; i < n; i++)
		KTEST_EXPECT_TRUE(t, put_u32(base + i * PAGE_SIZE, i + 1));
	return mm;
}

static unsigned long invalidates(int cpu) { return per_cpu(ipi_received, cpu).invalidate; }

/* c32: the other CPU reads a page through its TLB; once munmap has returned
 * it faults there instead of reading the old page (the flush IPI reached
 * it and it acknowledged before munmap went on). One CPU: no IPI at all. */
static void claim_c32_munmap_shoots_down_other_cpus(struct ktest *t)
{
	unsigned long base = TASK_UNMAPPED_BASE, inv0[NR_CPUS];
	struct mm_struct *mm = mm_with_pages(t, base, 2);
	struct remote r = { .mm = mm, .addr = base };
	int other = other_cpu(), cpu;

	KTEST_ASSERT_NOT_NULL(t, mm);
	KTEST_EXPECT_TRUE(t, cpumask_test_cpu(smp_processor_id(), mm_cpumask(mm)));
	for_each_online_cpu(cpu)
		inv0[cpu] = invalidates(cpu);
	if (other >= 0) {
		KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_enter, &r, 1), 0);
		KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_read, &r, 1), 0);
		KTEST_EXPECT_EQ(t, r.err, 0);
		KTEST_EXPECT_EQ(t, r.value, 1);            /* its TLB holds base now */
		KTEST_EXPECT_EQ(t, r.cr3, __pa(mm->pgd));
		KTEST_EXPECT_EQ(t, mm_cpumask(mm)->bits, (1UL << other) | (1UL << smp_processor_id()));
	} else {
		KTEST_EXPECT_EQ(t, mm_cpumask(mm)->bits, 1UL << smp_processor_id());
	}
	KTEST_ASSERT_EQ(t, do_munmap(mm, base, PAGE_SIZE), 0);
	for_each_online_cpu(cpu)
		KTEST_EXPECT_EQ(t, invalidates(cpu) - inv0[cpu], cpu == other);
	KTEST_EXPECT_EQ(t, mm->tlb_shootdowns, other >= 0);
	KTEST_EXPECT_EQ(t, mm->tlb_ipis, other >= 0);
	KTEST_EXPECT_EQ(t, get_user_u32(&r.value, (const u32 *)base), -EFAULT);  /* here too */
	if (other >= 0) {
		KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_read, &r, 1), 0);
		KTEST_EXPECT_EQ(t, r.err, -EFAULT);          /* never the stale page */
		KTEST_EXPECT_EQ(t, r.state, TLBSTATE_OK);    /* flushed, still on mm */
		r.addr = base + PAGE_SIZE;                   /* the rest is intact */
		KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_read, &r, 1), 0);
		KTEST_EXPECT_EQ(t, r.value, 2);
		KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_leave, NULL, 1), 0);
		KTEST_EXPECT_FALSE(t, cpumask_test_cpu(other, mm_cpumask(mm)));
	}
	leave_test_mm(mm);
}

/* c32: a CPU lazy on mm leaves it at the first shootdown (swapper_pg_dir,
 * out of the mask) and is not interrupted for mm again; going back to mm
 * reloads its page directory. */
static void claim_c32_lazy_cpu_leaves_mm_after_one_shootdown(struct ktest *t)
{
	unsigned long base = TASK_UNMAPPED_BASE, inv0;
	struct mm_struct *mm = mm_with_pages(t, base, 3);
	struct remote r = { .mm = mm, .addr = base, .lazy = true };
	int other = other_cpu();

	KTEST_ASSERT_NOT_NULL(t, mm);
	if (other < 0) {         /* one CPU: a teardown under lazy TLB leaves the mm */
		KTEST_EXPECT_EQ(t, read_cr3(), __pa(mm->pgd));
		kthread_unuse_mm(mm);                /* lazy on mm, its last user gone */
		KTEST_EXPECT_EQ(t, read_cr3(), __pa(swapper_pg_dir));
		KTEST_EXPECT_FALSE(t, cpumask_test_cpu(smp_processor_id(), mm_cpumask(mm)));
		drop_lazy_mm();
		return;
	}
	inv0 = invalidates(other);
	KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_enter, &r, 1), 0);
	KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_read, &r, 1), 0);
	KTEST_EXPECT_EQ(t, r.state, TLBSTATE_LAZY);
	KTEST_EXPECT_EQ(t, r.cr3, __pa(mm->pgd));       /* no CR3 write: still mm */
	KTEST_EXPECT_TRUE(t, cpumask_test_cpu(other, mm_cpumask(mm)));
	KTEST_ASSERT_EQ(t, do_munmap(mm, base, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, invalidates(other) - inv0, 1);
	KTEST_EXPECT_FALSE(t, cpumask_test_cpu(other, mm_cpumask(mm)));
	KTEST_ASSERT_EQ(t, do_mprotect(mm, base + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0);
	KTEST_ASSERT_EQ(t, do_munmap(mm, base + 2 * PAGE_SIZE, PAGE_SIZE), 0);
	KTEST_EXPECT_EQ(t, invalidates(other) - inv0, 1);  /* left: not asked again */
	KTEST_EXPECT_EQ(t, mm->tlb_shootdowns, 1);
	ktest_log(t, "after munmap, mprotect, munmap: CPU%d took %lu flush IPI(s), left %lu mm(s) "
		  "so far, in mask %#lx; mm: %lu shootdown(s), %lu IPI(s)", other,
		  invalidates(other) - inv0, per_cpu(cpu_tlbstate, other).leaves,
		  mm_cpumask(mm)->bits, mm->tlb_shootdowns, mm->tlb_ipis);
	r.addr = base + PAGE_SIZE;
	KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_read, &r, 1), 0);
	KTEST_EXPECT_EQ(t, r.cr3, __pa(swapper_pg_dir));
	KTEST_EXPECT_EQ(t, r.err, -EFAULT);              /* no user half there */
	r.lazy = false;                                  /* a task of mm runs there */
	KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_enter, &r, 1), 0);
	KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_read, &r, 1), 0);
	KTEST_EXPECT_EQ(t, r.cr3, __pa(mm->pgd));        /* reloaded */
	KTEST_EXPECT_EQ(t, r.value, 2);
	KTEST_EXPECT_TRUE(t, cpumask_test_cpu(other, mm_cpumask(mm)));
	KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_leave, NULL, 1), 0);
	leave_test_mm(mm);
}

/* c32: every kind of narrowing counts one shootdown per call while another
 * CPU runs on the mm (munmap, mprotect, mremap, madvise(DONTNEED), fork's
 * write-protection, a copy-on-write break), and none on one CPU. */
static void claim_c32_shootdown_counters_move(struct ktest *t)
{
	unsigned long base = TASK_UNMAPPED_BASE, want = 0;
	struct mm_struct *mm = mm_with_pages(t, base, 6), *child = NULL;
	struct remote r = { .mm = mm, .addr = base };
	int other = other_cpu(), step = 0;

	KTEST_ASSERT_NOT_NULL(t, mm);
	if (other >= 0)
		KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_enter, &r, 1), 0);
	for (step = 0; step < 6; step++) {
		switch (step) {
		case 0: KTEST_EXPECT_EQ(t, do_munmap(mm, base, PAGE_SIZE), 0); break;
		case 1: KTEST_EXPECT_EQ(t, do_mprotect(mm, base + PAGE_SIZE, PAGE_SIZE, PROT_READ), 0); break;
		case 2: KTEST_EXPECT_EQ(t, do_madvise(mm, base + 2 * PAGE_SIZE, PAGE_SIZE, MADV_DONTNEED), 0); break;
		case 3: KTEST_EXPECT_EQ(t, do_mremap(mm, base + 3 * PAGE_SIZE, PAGE_SIZE, PAGE_SIZE,
						     MREMAP_MAYMOVE | MREMAP_FIXED, base + 16 * PAGE_SIZE),
					(long)(base + 16 * PAGE_SIZE)); break;
		case 4: child = dup_mm(mm);              /* write-protects our pages */
			KTEST_ASSERT_NOT_NULL(t, child);
			break;
		case 5: KTEST_EXPECT_TRUE(t, put_u32(base + 4 * PAGE_SIZE, 9));  /* COW break */
			KTEST_EXPECT_EQ(t, child->tlb_shootdowns, 0);
			mmput(child);
			break;
		}
		want += other >= 0;
		KTEST_EXPECT_EQ(t, mm->tlb_shootdowns, want);
		KTEST_EXPECT_EQ(t, mm->tlb_ipis, want);
	}
	ktest_log(t, "munmap, mprotect, madvise, mremap, fork, COW, %s: %lu shootdown(s), "
		  "%lu IPI(s); the other CPU flushed %lu time(s) so far",
		  other >= 0 ? "another CPU on the mm" : "one CPU", mm->tlb_shootdowns, mm->tlb_ipis,
		  other >= 0 ? per_cpu(cpu_tlbstate, other).flushes : 0);
	if (other >= 0)
		KTEST_ASSERT_EQ(t, smp_call_function_single(other, remote_leave, NULL, 1), 0);
	leave_test_mm(mm);
}

/* What another CPU's kmap_atomic of a highmem page gave and read there. */
struct remote_kmap {
	struct page *page;
	unsigned long addr;
	u32 word;
};

static void remote_kmap_atomic(void *arg)
{
	struct remote_kmap *k = arg;
	u32 *v = kmap_atomic(k->page);

	k->addr = (unsigned long)v;
	k->word = v[1];
	kunmap_atomic(v);
}

/* Which CPU's set of kmap_atomic windows addr is in. */
static int kmap_window_cpu(unsigned long addr)
{
	return (addr - KMAP_ATOMIC_BASE) / (KM_TYPE_NR * PAGE_SIZE);
}

/* The kmap_atomic windows are per CPU (a fixmap set each): while this CPU
 * holds one, another CPU maps a page in its own window, not over ours. */
static void kmap_atomic_windows_are_per_cpu(struct ktest *t)
{
	struct page *mine = alloc_page(GFP_HIGHUSER), *theirs = alloc_page(GFP_HIGHUSER);
	struct remote_kmap k = { .page = theirs };
	int other = other_cpu();
	u32 *v, *w;

	KTEST_ASSERT_TRUE(t, mine && theirs && PageHighMem(mine) && PageHighMem(theirs));
	w = kmap_atomic(theirs);
	w[1] = 0x7e57;
	kunmap_atomic(w);
	v = kmap_atomic(mine);
	v[1] = 0x1111;
	KTEST_EXPECT_EQ(t, kmap_window_cpu((unsigned long)v), smp_processor_id());
	w = kmap_atomic(theirs);                      /* nested: the next slot */
	KTEST_EXPECT_EQ(t, (unsigned long)w, (unsigned long)v + PAGE_SIZE);
	kunmap_atomic(w);
	if (other >= 0) {
		KTEST_EXPECT_EQ(t, smp_call_function_single(other, remote_kmap_atomic, &k, 1), 0);
		KTEST_EXPECT_EQ(t, kmap_window_cpu(k.addr), other);
		KTEST_EXPECT_EQ(t, k.word, 0x7e57);
	}
	KTEST_EXPECT_EQ(t, v[1], 0x1111);             /* ours untouched */
	kunmap_atomic(v);
	__free_page(mine);
	__free_page(theirs);
}

/* A word another CPU read at a kernel address, through its own TLB. */
struct remote_word {
	const u32 *addr;
	u32 value;
};

static void read_remote_word(void *arg)
{
	struct remote_word *w = arg;

	w->value = READ_ONCE(*w->addr);
}

static u32 word_on_cpu(int cpu, const u32 *addr)
{
	struct remote_word w = { addr, 0 };

	smp_call_function_single(cpu, read_remote_word, &w, 1);
	return w.value;
}

/* Hold free pages until the freed `old` is among them, so the next
 * allocation cannot get it back; returns how many are held. */
static int hold_page(struct page **held, int max, struct page *old)
{
	int n = 0;

	while (n < max && (held[n] = alloc_page(GFP_KERNEL | __GFP_HIGHMEM)))
		if (held[n++] == old)
			break;
	return n;
}

/* A vmalloc area freed and its addresses handed out again (first fit):
 * another CPU that read the old area must see the new page. Without
 * vfree's flush of every CPU it read the freed page through its stale
 * global entry, every run at -smp 4. */
static void vfree_flushes_every_cpu(struct ktest *t)
{
	int cpu = other_cpu() >= 0 ? other_cpu() : smp_processor_id(), n;
	u32 *p = vmalloc(PAGE_SIZE), *q;
	struct page *old, *held[8];

	KTEST_ASSERT_NOT_NULL(t, p);
	p[0] = 0x01d;
	old = vmalloc_to_page(p);
	KTEST_EXPECT_EQ(t, word_on_cpu(cpu, p), 0x01d);    /* now in its TLB */
	vfree(p);
	n = hold_page(held, 8, old);
	q = vmalloc(PAGE_SIZE);
	KTEST_EXPECT_PTR_EQ(t, q, p);
	if (q) {
		KTEST_EXPECT_TRUE(t, vmalloc_to_page(q) != old);
		q[0] = 0x2e3;
		KTEST_EXPECT_EQ(t, word_on_cpu(cpu, q), 0x2e3);
		vfree(q);
	}
	while (n > 0)
		__free_page(held[--n]);
}

/* A pkmap slot torn down and given to another page once every slot has
 * come round: another CPU that read through it before must see the new
 * page. Without the flush of every CPU before a slot is reused it read
 * the old page through its stale global entry, every run at -smp 4. */
static void kmap_slot_reused_after_every_cpu_flushed(struct ktest *t)
{
	int cpu = other_cpu() >= 0 ? other_cpu() : smp_processor_id();
	struct page *a = alloc_page(GFP_HIGHUSER), *b = alloc_page(GFP_HIGHUSER);
	unsigned int mapped = nr_kmapped_pages();
	u32 *va, *vb = NULL;

	KTEST_ASSERT_TRUE(t, a && b && PageHighMem(a) && PageHighMem(b));
	va = kmap(a);
	va[0] = 0xa;
	KTEST_EXPECT_EQ(t, word_on_cpu(cpu, va), 0xa);     /* now in its TLB */
	kunmap(a);
	for (int i = 0; i <= 2 * LAST_PKMAP && vb != va; i++) {
		vb = kmap(b);                               /* the next slot each time */
		if (vb != va)
			kunmap(b);
	}
	KTEST_EXPECT_PTR_EQ(t, vb, va);
	if (vb == va) {
		vb[0] = 0xb;
		KTEST_EXPECT_EQ(t, word_on_cpu(cpu, vb), 0xb);
		kunmap(b);
	}
	KTEST_EXPECT_EQ(t, nr_kmapped_pages(), mapped);
	__free_page(a);
	__free_page(b);
}

static struct ktest_case tlb_cases[] = {
	KTEST_CASE(claim_c32_munmap_shoots_down_other_cpus),
	KTEST_CASE(claim_c32_lazy_cpu_leaves_mm_after_one_shootdown),
	KTEST_CASE(claim_c32_shootdown_counters_move),
	KTEST_CASE(kmap_atomic_windows_are_per_cpu),
	KTEST_CASE(vfree_flushes_every_cpu),
	KTEST_CASE(kmap_slot_reused_after_every_cpu_flushed),
	{}
};
KTEST_SUITE(tlb, tlb_cases);
