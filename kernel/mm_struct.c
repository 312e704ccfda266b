/* kernel/mm_struct.c: creating and releasing address spaces, and the two
 * reference counts of include/sched/mm.h (seed claims c17, c18). A new
 * address space is a page directory whose kernel half (PDEs 768..1023) is
 * copied from swapper_pg_dir, so the kernel is mapped alike in every
 * process (c10), and whose user half starts empty. The user half's VMAs
 * and page tables are mm/mmap.c's and mm/memory.c's: dup_mm copies them
 * for fork (copy-on-write), the last mmput tears them down (exit_mmap) and
 * the last mmdrop frees the page directory and the struct (c18). */
#include <kernel.h>
#include <completion.h>
#include <fs.h>
#include <futex.h>
#include <mm.h>
#include <mman.h>
#include <oom.h>
#include <sched.h>
#include <sched/mm.h>
#include <slab.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/tlbflush.h>
#include <asm/uaccess.h>

#define KERNEL_PGD_FIRST (PAGE_OFFSET >> 22)

extern u32 swapper_pg_dir[1024];
unsigned long nr_mm_structs;

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = (u32 *)get_zeroed_page(GFP_KERNEL);
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	memcpy(mm->pgd + KERNEL_PGD_FIRST, swapper_pg_dir + KERNEL_PGD_FIRST,
	       (1024 - KERNEL_PGD_FIRST) * sizeof(u32));
	mm->mm_users = 1;
	mm->mm_count = 1;
	mm_init_locks(mm);
	INIT_LIST_HEAD(&mm->mmap);
	mm->mmap_base = TASK_UNMAPPED_BASE;
	mm->dumpable = 1;                /* SUID_DUMP_USER; dup_mm copies the parent's */
	__atomic_add_fetch(&nr_mm_structs, 1, __ATOMIC_RELAXED);
	return mm;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();
	u32 *pgd;

	if (!mm)
		return NULL;
	pgd = mm->pgd;               /* keep our own directory and list head */
	down_write(&oldmm->mmap_lock);   /* no fault or mapping change meanwhile */
	*mm = *oldmm;
	mm_init_locks(mm);
	mm->pgd = pgd;
	if (mm->exe_file)
		get_file(mm->exe_file);  /* the child runs the same program */
	mm->mm_users = mm->mm_count = 1;
	mm->map_count = mm->map_shared = 0;
	mm->nr_ptes = mm->rss = 0;
	mm->flags = 0;
	mm->cpu_vm_mask.bits = 0;    /* no CPU has loaded the copy yet */
	mm->tlb_shootdowns = mm->tlb_ipis = 0;
	INIT_LIST_HEAD(&mm->mmap);
	if (dup_mmap(mm, oldmm)) {
		up_write(&oldmm->mmap_lock);
		mmput(mm);               /* frees what was copied so far */
		return NULL;
	}
	flush_tlb_mm(oldmm);             /* its pages are write-protected now */
	up_write(&oldmm->mmap_lock);
	return mm;
}

void mmdrop(struct mm_struct *mm)
{
	BUG_ON(mm->mm_count <= 0);
	if (__sync_sub_and_fetch(&mm->mm_count, 1))
		return;
	BUG_ON(mm == &init_mm);
	WARN_ON(mm->nr_ptes || mm->map_count);
	free_page((unsigned long)mm->pgd);
	kfree(mm);
	__atomic_sub_fetch(&nr_mm_structs, 1, __ATOMIC_RELAXED);
}

/* The last user gone: the mappings and page tables go now (exit_mmap),
 * the page directory and the struct when mm_count reaches 0 as well. */
void mmput(struct mm_struct *mm)
{
	BUG_ON(mm->mm_users <= 0);
	if (__sync_sub_and_fetch(&mm->mm_users, 1))
		return;
	exit_mmap(mm);
	if (mm->exe_file)
		fput(mm->exe_file);
	mm->exe_file = NULL;
	exit_oom_mm(mm);             /* an OOM victim's memory is back */
	mmdrop(mm);
}

struct mm_struct *get_task_mm(struct task_struct *task)
{
	struct mm_struct *mm;

	task_lock(task);
	mm = task->mm;
	if (mm && (task->flags & PF_KTHREAD))
		mm = NULL;               /* a borrowed one is not the task's */
	if (mm)
		mmget(mm);
	task_unlock(task);
	return mm;
}

/* Become a task with an mm, as a user task is: its mm_users reference
 * covers active_mm too, and the mm borrowed so far (if any) is given back. */
void kthread_use_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	unsigned long flags = local_irq_save();
	struct mm_struct *borrowed = tsk->active_mm;

	BUG_ON(tsk->mm);
	mmget(mm);
	task_lock(tsk);                  /* get_task_mm */
	tsk->mm = tsk->active_mm = mm;
	task_unlock(tsk);
	switch_mm(borrowed, mm);
	local_irq_restore(flags);
	mmdrop(borrowed);
}

/* The reverse, as exit_mm() does it: keep mm as the borrowed active_mm
 * (mm_count) until the next switch, give up the mm_users reference. */
void kthread_unuse_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;

	BUG_ON(tsk->mm != mm);
	mmgrab(mm);
	task_lock(tsk);                  /* get_task_mm */
	tsk->mm = NULL;
	task_unlock(tsk);
	enter_lazy_tlb(mm, tsk);
	mmput(mm);
}

/* A kernel thread gives back the mm it borrowed (lazy TLB) and runs on
 * init_mm, so an exited process's address space can be freed now rather
 * than when the next task with an mm runs. Only the running task can hold
 * such a borrow: every other one gave it back when it was switched out. */
void drop_lazy_mm(void)
{
	struct task_struct *tsk = current;
	unsigned long flags = local_irq_save();
	struct mm_struct *old = tsk->active_mm;

	if (tsk->mm || old == &init_mm) {
		local_irq_restore(flags);
		return;
	}
	mmgrab(&init_mm);
	tsk->active_mm = &init_mm;
	switch_mm(old, &init_mm);
	local_irq_restore(flags);
	mmdrop(old);
}

static void idle_drop_lazy_mm(void *busy)
{
	if (is_idle_task(current))
		drop_lazy_mm();
	else
		__atomic_store_n((bool *)busy, true, __ATOMIC_RELAXED);
}

/* Contract: every other CPU that is idle lets go of the mm it borrowed
 * (lazy TLB keeps the last user mm loaded there, and counted, until that
 * CPU runs another task); for the self-tests' leak counters. Returns true
 * if every other CPU was idle, false if one was running a task: perhaps a
 * reaped one on its way out, whose mm the idle task it switches to will
 * borrow next (so ask again later). Process context, interrupts on;
 * returns when all have answered. */
bool drop_idle_lazy_mms(void)
{
	bool busy = false;

	if (num_online_cpus() > 1)
		smp_call_function(idle_drop_lazy_mm, &busy, 1);
	return !__atomic_load_n(&busy, __ATOMIC_RELAXED);
}

bool lazy_user_mm_held(void)
{
	int cpu;

	for_each_online_cpu(cpu) {
		struct tlb_state *ts = &per_cpu(cpu_tlbstate, cpu);

		if (ts->state == TLBSTATE_LAZY && READ_ONCE(ts->active_mm) != &init_mm)
			return true;
	}
	return false;
}

/* The task lets go of its address space mm (exec, before switching away
 * from it, or exit): a thread library waiting on the task's tid word
 * (CLONE_CHILD_CLEARTID, set_tid_address: pthread_join) sees it zeroed
 * and is woken, if anyone else still uses mm (faults ignored, as Linux);
 * a vfork parent waiting for exactly this may run again. */
void mm_release(struct task_struct *tsk, struct mm_struct *mm)
{
	struct completion *vfork = tsk->vfork_done;
	u32 tid = tsk->clear_child_tid;

	if (tid) {
		tsk->clear_child_tid = 0;
		if (mm->mm_users > 1 && !put_user_u32(0, (u32 *)tid))
			futex_wake_mm(mm, tid, 1);
	}
	if (vfork) {
		tsk->vfork_done = NULL;
		complete(vfork);
	}
}
