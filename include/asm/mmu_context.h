/* include/asm/mmu_context.h: changing address space on a context switch
 * (seed claims c17, c25). switch_mm() loads CR3 only when the page directory
 * really changes: two threads of one process, or a kernel thread running on a
 * borrowed mm, need no CR3 write and so keep their TLB entries. Every CR3
 * write is counted in sched_stats.cr3_writes. */
#ifndef TASKLAB_ASM_MMU_CONTEXT_H
#define TASKLAB_ASM_MMU_CONTEXT_H

#include <sched.h>
#include <sched/mm.h>
#include <asm/page.h>
#include <asm/processor.h>

static inline void load_cr3(u32 *pgd)
{
	write_cr3(__pa(pgd));
	sched_stats.cr3_writes++;
}

static inline void switch_mm(struct mm_struct *prev, struct mm_struct *next)
{
	if (prev != next)
		load_cr3(next->pgd);
}

/* A kernel thread is about to run on someone else's mm: nothing to do on one
 * CPU (SMP Linux marks the CPU lazy so TLB shootdowns can skip it). */
static inline void enter_lazy_tlb(struct mm_struct *mm, struct task_struct *tsk) { }

#endif
