/* include/asm/mmu_context.h: changing address space on a context switch
 * (seed claims c17, c25). switch_mm() loads CR3 only when the page directory
 * really changes: two threads of one process, or a kernel thread running on a
 * borrowed mm, need no CR3 write and so keep their TLB entries. Every CR3
 * write is counted in sched_stats.cr3_writes. Which CPUs hold an mm
 * (mm_cpumask) and lazy TLB: include/asm/tlbflush.h. */
#ifndef TASKLAB_ASM_MMU_CONTEXT_H
#define TASKLAB_ASM_MMU_CONTEXT_H

#include <sched.h>
#include <sched/mm.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/tlbflush.h>

static inline void load_cr3(u32 *pgd)
{
	write_cr3(__pa(pgd));
	sched_stats.cr3_writes++;
}

/* Contract: this CPU stops using prev and starts using next (interrupts
 * off, or no flush IPI can name either yet). The CPU leaves prev's mask and
 * enters next's before CR3 changes, so a flush that changed next's page
 * tables and then read the mask either sees this CPU or was already
 * visible to the page walk that follows. Coming back to the mm a lazy CPU
 * left (its bit cleared by leave_mm) reloads CR3: the TLB may be stale. */
static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	int cpu = smp_processor_id();
	struct tlb_state *ts = &per_cpu(cpu_tlbstate, cpu);

	ts->state = TLBSTATE_OK;
	if (prev != next) {
		if (prev)
			cpumask_clear_cpu(cpu, mm_cpumask(prev));
		ts->active_mm = next;
		cpumask_set_cpu(cpu, mm_cpumask(next));
		load_cr3(next->pgd);
	} else if (!cpumask_test_cpu(cpu, mm_cpumask(next))) {
		ts->active_mm = next;
		cpumask_set_cpu(cpu, mm_cpumask(next));
		load_cr3(next->pgd);
	}
}

/* A kernel thread is about to run on someone else's mm (no CR3 write): the
 * CPU goes lazy, so the first TLB shootdown for mm makes it leave mm
 * instead of flushing (include/asm/tlbflush.h). */
static inline void enter_lazy_tlb(struct mm_struct *mm, struct task_struct *tsk)
{
	(void)mm;
	(void)tsk;
	this_cpu(cpu_tlbstate).state = TLBSTATE_LAZY;
}

#endif
