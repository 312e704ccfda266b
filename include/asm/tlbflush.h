/* include/asm/tlbflush.h: keeping every CPU's TLB true to the page tables,
 * as Linux 2.6 i386 does (arch/i386/tlb.c).
 *
 * mm_cpumask(mm) holds the CPUs that may cache mm's translations: a CPU sets
 * its bit when switch_mm loads mm and clears it when it loads another (or
 * leaves mm lazily, below). A change that removes or narrows a translation
 * (munmap, mprotect, mremap, madvise(DONTNEED), a copy-on-write break or
 * fork's write-protection, truncation of a mapped file, exit) flushes this
 * CPU and sends every other CPU of the mask a flush IPI (INVALIDATE_TLB_VECTOR)
 * naming mm and the range, then waits until each has acknowledged: when
 * flush_tlb_* returns, no CPU can still use the old translation.
 *
 * Lazy TLB: a CPU running a kernel thread keeps the previous task's mm loaded
 * (no CR3 write, seed claim c17); its cpu_tlbstate is TLBSTATE_LAZY. The first
 * shootdown for that mm makes it leave the mm (leave_mm: load swapper_pg_dir,
 * drop out of the mask) rather than flush, so it is not interrupted for that
 * mm again; if it switches back to the mm, switch_mm finds its bit clear and
 * reloads CR3.
 *
 * Interrupt state: the flush calls are made from process context with
 * interrupts on whenever another CPU may hold mm (a CPU waiting for an
 * acknowledgement with interrupts off could deadlock against one flushing
 * it); they may be called under mmap_lock or page_table_lock. */
#ifndef TASKLAB_ASM_TLBFLUSH_H
#define TASKLAB_ASM_TLBFLUSH_H

#include <cpumask.h>
#include <smp.h>
#include <sched/mm.h>
#include <asm/pgtable.h>

#define TLBSTATE_OK   1       /* this CPU runs a task of active_mm */
#define TLBSTATE_LAZY 2       /* a kernel thread borrows active_mm */

/* One per CPU, written by that CPU only (switch_mm, enter_lazy_tlb, leave_mm)
 * with interrupts off, read by its own flush IPI handler. */
struct tlb_state {
	struct mm_struct *active_mm;
	int state;
	unsigned long flushes;        /* flush IPIs that flushed here */
	unsigned long leaves;         /* flush IPIs that made this CPU leave an mm */
};
DECLARE_PER_CPU(struct tlb_state, cpu_tlbstate);

#define mm_cpumask(mm) (&(mm)->cpu_vm_mask)

/* Shootdowns that interrupted another CPU, every mm's (make bench). */
extern unsigned long tlb_shootdowns;

/* Flush every translation of mm / of [start, end) / of the page at addr on
 * every CPU that may hold them (see above). */
void flush_tlb_mm(struct mm_struct *mm);
void flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end);
void __flush_tlb_page(struct mm_struct *mm, unsigned long addr);

/* Flush the kernel range [start, end) on every online CPU (vfree, the
 * pkmap window's reuse): kernel PTEs are global and in no mm's mask.
 * Process context, interrupts on. */
void flush_tlb_kernel_range(unsigned long start, unsigned long end);

/* The common case inline (a copy-on-write break of a task whose mm no
 * other CPU holds): one invlpg, no call. */
static inline void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	int cpu = smp_processor_id();

	if (__atomic_load_n(&mm_cpumask(mm)->bits, __ATOMIC_SEQ_CST) == 1UL << cpu &&
	    per_cpu(cpu_tlbstate, cpu).state == TLBSTATE_OK)
		__flush_tlb_one(addr);
	else
		__flush_tlb_page(mm, addr);
}
/* This CPU (lazy on its active_mm) stops using it: swapper_pg_dir, out of
 * the mask. Interrupts off. */
void leave_mm(int cpu);
/* The flush IPI's handler (INVALIDATE_TLB_VECTOR). */
void smp_invalidate_interrupt(int cpu);

#endif
