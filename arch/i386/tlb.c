/* arch/i386/tlb.c: TLB shootdowns and lazy TLB, as Linux 2.6 i386 does them
 * (the model is in include/asm/tlbflush.h). One flush request is in flight
 * at a time: the sender takes tlbstate_lock, publishes the mm and range in
 * flush_req, sends INVALIDATE_TLB_VECTOR to the other CPUs of the mm's mask
 * and spins until every one of them has cleared its bit of flush_req.cpus.
 * A receiver flushes (TLBSTATE_OK) or leaves the mm (TLBSTATE_LAZY), then
 * clears its bit. Each mm counts the shootdowns that interrupted another CPU
 * and the IPIs they sent (mm->tlb_shootdowns, mm->tlb_ipis: /proc/<pid>/status).
 * Kernel ranges (vmalloc areas, the pkmap window) are in every address space
 * and mapped global, so their flush goes to every online CPU instead, as a
 * function call (flush_tlb_kernel_range). */
#include <kernel.h>
#include <sched.h>
#include <smp.h>
#include <spinlock.h>
#include <asm/apic.h>
#include <asm/irq.h>
#include <asm/irqflags.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>
#include <trace/events.h>

/* A range of more pages than this is flushed whole (invlpg each costs more). */
#define FLUSH_ALL_PAGES 32
#define FLUSH_ALL ~0UL

extern u32 swapper_pg_dir[1024];

/* Every CPU starts on swapper_pg_dir in its idle task: lazy on init_mm. */
unsigned long tlb_shootdowns;     /* all mms' together (atomic) */

DEFINE_PER_CPU(struct tlb_state, cpu_tlbstate) = {
	[0 ... NR_CPUS - 1] = { .active_mm = &init_mm, .state = TLBSTATE_LAZY },
};

/* The request in flight, guarded by tlbstate_lock (taken with interrupts on,
 * may nest in mmap_lock and page_table_lock; no handler takes it). */
static DEFINE_SPINLOCK(tlbstate_lock);
static struct {
	struct mm_struct *mm;
	unsigned long start, end;     /* start FLUSH_ALL: the whole mm */
	cpumask_t cpus;               /* CPUs yet to acknowledge */
} flush_req;

/* The pages a flush of [start, end) drops, as tlb_flush reports them. */
static long flush_pages(unsigned long start, unsigned long end)
{
	if (start == FLUSH_ALL || end - start > FLUSH_ALL_PAGES * PAGE_SIZE)
		return TLB_FLUSH_ALL_PAGES;
	return (end - start) >> PAGE_SHIFT;
}

/* Flush [start, end) of the loaded address space on this CPU. */
static void local_flush_range(unsigned long start, unsigned long end)
{
	if (flush_pages(start, end) == TLB_FLUSH_ALL_PAGES) {
		write_cr3(read_cr3());    /* user entries are never global */
		return;
	}
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE)
		__flush_tlb_one(addr);
}

void leave_mm(int cpu)
{
	struct tlb_state *ts = &per_cpu(cpu_tlbstate, cpu);

	BUG_ON(ts->state == TLBSTATE_OK);
	cpumask_clear_cpu(cpu, mm_cpumask(ts->active_mm));
	write_cr3(__pa(swapper_pg_dir));
}

void smp_invalidate_interrupt(int cpu)
{
	struct tlb_state *ts = &per_cpu(cpu_tlbstate, cpu);

	per_cpu(ipi_received, cpu).invalidate++;
	if (!cpumask_test_cpu(cpu, &flush_req.cpus))
		return;
	/* The mm may have been switched away from since the sender read the
	 * mask: then there is nothing of it left here to flush. */
	if (flush_req.mm == ts->active_mm && cpumask_test_cpu(cpu, mm_cpumask(ts->active_mm))) {
		if (ts->state == TLBSTATE_OK) {
			trace_tlb_flush(TLB_REMOTE_SHOOTDOWN, flush_pages(flush_req.start, flush_req.end));
			local_flush_range(flush_req.start, flush_req.end);
			ts->flushes++;
		} else {                  /* swapper_pg_dir: the whole user half goes */
			trace_tlb_flush(TLB_REMOTE_SHOOTDOWN, TLB_FLUSH_ALL_PAGES);
			leave_mm(cpu);
			ts->leaves++;
		}
	}
	cpumask_clear_cpu(cpu, &flush_req.cpus);
}

/* Contract: make the CPUs of `others` drop mm's [start, end) (FLUSH_ALL:
 * all of it) and return when all have; process context, interrupts on.
 * Panics if a CPU does not answer within a second (a lost IPI). */
static void flush_tlb_others(cpumask_t others, struct mm_struct *mm,
			     unsigned long start, unsigned long end)
{
	unsigned long t0 = jiffies, flags;
	int cpu;

	BUG_ON(irqs_disabled());
	spin_lock(&tlbstate_lock);
	flush_req.mm = mm;
	flush_req.start = start;
	flush_req.end = end;
	__atomic_store_n(&flush_req.cpus.bits, others.bits, __ATOMIC_SEQ_CST);
	flags = local_irq_save();
	trace_tlb_flush(TLB_REMOTE_SEND_IPI, flush_pages(start, end));
	trace_ipi_raise(others.bits, "TLB shootdowns");
	for_each_cpu(cpu, &others)
		apic_send_ipi(cpu, APIC_DM_FIXED | INVALIDATE_TLB_VECTOR);
	local_irq_restore(flags);
	while (__atomic_load_n(&flush_req.cpus.bits, __ATOMIC_SEQ_CST)) {
		if (jiffies - t0 > HZ)
			panic("flush_tlb_others: CPUs %#lx did not answer", flush_req.cpus.bits);
		cpu_relax();
	}
	spin_unlock(&tlbstate_lock);
	__atomic_fetch_add(&mm->tlb_shootdowns, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&tlb_shootdowns, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&mm->tlb_ipis, cpumask_weight(&others), __ATOMIC_RELAXED);
}

/* Contract: this CPU's part of a flush, then the others'. Leaves a lazy CPU
 * of its own accord (exit's teardown runs lazy on the dying mm). */
static void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	int cpu = smp_processor_id();
	unsigned long flags = local_irq_save();
	cpumask_t others = *mm_cpumask(mm);

	cpumask_clear_cpu(cpu, &others);
	if (cpumask_test_cpu(cpu, mm_cpumask(mm))) {
		bool ok = this_cpu(cpu_tlbstate).state == TLBSTATE_OK;

		trace_tlb_flush(TLB_LOCAL_MM_SHOOTDOWN, ok ? flush_pages(start, end)
							   : TLB_FLUSH_ALL_PAGES);
		if (ok)
			local_flush_range(start, end);
		else
			leave_mm(cpu);
	}
	local_irq_restore(flags);
	if (others.bits)
		flush_tlb_others(others, mm, start, end);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_mm_range(mm, FLUSH_ALL, FLUSH_ALL);
}

void flush_tlb_range(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	if (start < end)
		flush_tlb_mm_range(mm, start & PAGE_MASK, end);
}

void __flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	flush_tlb_mm_range(mm, addr & PAGE_MASK, (addr & PAGE_MASK) + PAGE_SIZE);
}

/* A kernel range to drop on each CPU (flush_tlb_kernel_range). */
struct kernel_range {
	unsigned long start, end;
};

static void do_flush_tlb_kernel_range(void *info)
{
	const struct kernel_range *r = info;

	if (flush_pages(r->start, r->end) == TLB_FLUSH_ALL_PAGES) {
		__flush_tlb_all();        /* a CR3 write would keep the global entries */
		return;
	}
	for (unsigned long addr = r->start; addr < r->end; addr += PAGE_SIZE)
		__flush_tlb_one(addr);
}

/* Contract: every online CPU drops its translations of the kernel range
 * [start, end) (global entries, in no mm's mask), as Linux's
 * flush_tlb_kernel_range; returns when all have. Process context, interrupts
 * on when other CPUs are online (it waits for their answers). */
void flush_tlb_kernel_range(unsigned long start, unsigned long end)
{
	struct kernel_range r = { start & PAGE_MASK, end };

	if (num_online_cpus() > 1)
		smp_call_function(do_flush_tlb_kernel_range, &r, 1);
	do_flush_tlb_kernel_range(&r);
}
