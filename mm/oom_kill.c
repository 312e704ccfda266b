/* mm/oom_kill.c: the out-of-memory killer. When memory a user process asked
 * for cannot be had (its pages, GFP_HIGHUSER; its page tables,
 * __GFP_ACCOUNT: gfp_oom_allowed), the page allocator calls
 * out_of_memory(), which chooses the process whose death gives back the
 * most by Linux's badness rule (oom_badness: resident pages plus page
 * tables, moved by oom_score_adj) and kills its whole thread group, and
 * every other process sharing its address space, with SIGKILL. Never PID 1,
 * a kernel thread or a process whose oom_score_adj is -1000.
 *
 * The victim's address space is marked (MMF_OOM_VICTIM) and counted in
 * oom_victims until its last user has torn it down (exit_oom_mm); while a
 * victim still holds its memory nobody else is chosen, so one shortage
 * kills one process, not one per failed allocation. The allocation that
 * found the shortage still fails (the allocator never sleeps); a user page
 * fault then waits in pagefault_out_of_memory() for the victims' memory
 * and retries, or, when it is itself the victim, returns to user mode and
 * dies there. A victim that keeps its memory past OOM_VICTIM_GRACE (stuck
 * where SIGKILL cannot reach it) no longer blocks the choice of another.
 * Allocations the kernel makes for itself fail with -ENOMEM, as before.
 *
 * On several CPUs one out_of_memory() chooses at a time (oom_lock, taken
 * by trylock as Linux's: a CPU that finds it held fails its allocation,
 * and its fault waits for the victims like any other), the scan and the
 * kill run under tasklist_lock (read: no task is released meanwhile), and
 * oom_victims and the MMF_OOM_VICTIM mark change atomically, as victims
 * tear down their memory on any CPU. */
#include <kernel.h>
#include <errno.h>
#include <mm.h>
#include <mman.h>
#include <oom.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <mutex.h>
#include <wait.h>
#include <asm/pgtable.h>

#define OOM_VICTIM_GRACE (5 * HZ)

unsigned long oom_kill_count;
static int oom_victims;                  /* marked mms not yet torn down */
static unsigned long oom_last_kill;      /* jiffies of the latest kill */
static DECLARE_WAIT_QUEUE_HEAD(oom_victims_wait);
static DEFINE_MUTEX(oom_lock);           /* one choice at a time */

struct oom_control {
	gfp_t gfp;
	unsigned int order;
	unsigned long totalpages;
	struct task_struct *chosen;      /* a process, or OOM_ABORT */
	long chosen_points;
};
#define OOM_ABORT ((struct task_struct *)-1L)

static bool oom_unkillable_task(const struct task_struct *p)
{
	return p->tgid == 1 || is_kernel_thread(p);
}

/* A thread of p's group that still has the address space, returned with
 * its task_lock held (so exit_mm cannot let go of it meanwhile: unlock
 * it), or NULL (they have all let go of it: nothing to gain by killing
 * p). tasklist_lock held. Linux's find_lock_task_mm. */
static struct task_struct *find_lock_task_mm(struct task_struct *p)
{
	struct task_struct *t;

	for_each_thread(p, t) {
		task_lock(t);
		if (t->mm)
			return t;
		task_unlock(t);
	}
	return NULL;
}

long oom_badness(struct task_struct *p, unsigned long totalpages)
{
	long adj = p->signal->oom_score_adj;
	struct task_struct *t;

	long points;

	if (oom_unkillable_task(p) || adj == OOM_SCORE_ADJ_MIN)
		return OOM_BADNESS_NEVER;
	t = find_lock_task_mm(p);
	if (!t)
		return OOM_BADNESS_NEVER;
	points = (long)(t->mm->rss + t->mm->nr_ptes);
	if (t->vfork_done)               /* a vfork child: its parent is the one */
		points = OOM_BADNESS_NEVER;
	task_unlock(t);
	adj *= (long)(totalpages / 1000);
	return points == OOM_BADNESS_NEVER ? points : points + adj;
}

/* Linux's oom_evaluate_task: true ends the scan. A victim still holding
 * its memory aborts the choice (OOM_ABORT: wait for it) unless its grace
 * is over. Ties go to the later process. */
static bool oom_evaluate_task(struct task_struct *p, struct oom_control *oc)
{
	struct task_struct *t;
	long points;
	bool victim;

	if (oom_unkillable_task(p) || !(t = find_lock_task_mm(p)))
		return false;
	victim = t->mm->flags & MMF_OOM_VICTIM;
	task_unlock(t);
	if (victim) {
		if (jiffies - oom_last_kill > OOM_VICTIM_GRACE)
			return false;
		oc->chosen = OOM_ABORT;
		return true;
	}
	points = oom_badness(p, oc->totalpages);
	if (points == OOM_BADNESS_NEVER || (oc->chosen && points < oc->chosen_points))
		return false;
	oc->chosen = p;
	oc->chosen_points = points;
	return false;
}

static void select_bad_process(struct oom_control *oc)
{
	struct task_struct *p;

	for_each_process(p)
		if (thread_group_leader(p) && oom_evaluate_task(p, oc))
			return;
}

/* The victim's resident pages by kind, in kB, for the kill's log line:
 * anonymous, and the pages of a file's page cache (ramfs; shared
 * anonymous memory is an unlinked ramfs file here, so it counts as file:
 * Linux's shmem-rss stays 0). Walks the VMAs and page tables (only at a
 * kill) under mm's mmap_lock for reading, so no munmap on another CPU
 * frees them meanwhile; taken by trylock, as this may run under spinning
 * locks and inside a page fault that holds current's mmap_lock: a
 * trylock never waits, so it takes one more reader count of current's own
 * mm held for reading, and fails for any mm held for writing. False when
 * it failed (the sizes are 0 then). */
static bool rss_split_kb(struct mm_struct *mm, unsigned long *anon, unsigned long *file,
			 unsigned long *total_vm)
{
	struct vm_area_struct *v;

	*anon = *file = *total_vm = 0;
	if (!down_read_trylock(&mm->mmap_lock))
		return false;
	list_for_each_entry(v, &mm->mmap, vm_list) {
		*total_vm += (v->vm_end - v->vm_start) >> 10;
		for (unsigned long a = v->vm_start; a < v->vm_end; a += PAGE_SIZE) {
			u32 *pte = user_pte(mm, a);

			if (!pte) {
				a = (a | (PGDIR_SIZE - 1)) - PAGE_SIZE + 1;   /* next table */
				continue;
			}
			if (pte_mapped(*pte))
				*(PageAnon(pfn_to_page(pte_phys(*pte) >> PAGE_SHIFT)) ? anon : file) +=
					PAGE_SIZE >> 10;
		}
	}
	up_read(&mm->mmap_lock);
	return true;
}

static void oom_kill_group(struct task_struct *p)
{
	struct kernel_siginfo info = { .si_signo = SIGKILL, .si_code = SI_KERNEL };

	send_sig_info(SIGKILL, &info, p, true);
}

/* Does p's process use mm (some thread of it has it)? tasklist_lock held. */
static bool uses_mm(struct task_struct *p, const struct mm_struct *mm)
{
	struct task_struct *t = find_lock_task_mm(p);
	bool uses = t && t->mm == mm;

	if (t)
		task_unlock(t);
	return uses;
}

/* Contract: kill the chosen process's group, and every other killable
 * process sharing its address space, with SIGKILL; mark the address
 * space; log Linux's line. tasklist_lock held (read); interrupts on; does
 * not sleep. The mm is read under the task_lock of a thread using it (it
 * cannot be let go of meanwhile); the kill is sent after, since sending
 * takes task_lock too (lock_task_sighand). */
static void oom_kill_process(struct oom_control *oc, const char *message)
{
	struct task_struct *victim = oc->chosen, *t = find_lock_task_mm(victim), *p;
	unsigned long anon, file, total_vm, ptes, rss;
	struct mm_struct *mm;
	bool walked;

	if (!t)
		return;                  /* its memory went since the choice */
	mm = t->mm;
	__atomic_fetch_or(&mm->flags, MMF_OOM_VICTIM, __ATOMIC_RELAXED);
	__atomic_fetch_add(&oom_victims, 1, __ATOMIC_RELAXED);
	oom_last_kill = jiffies;
	oom_kill_count++;
	walked = rss_split_kb(mm, &anon, &file, &total_vm);
	ptes = mm->nr_ptes;
	rss = mm->rss;
	task_unlock(t);
	oom_kill_group(victim);
	pr_err("%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB, file-rss:%lukB, "
	       "shmem-rss:0kB, UID:%u pgtables:%lukB oom_score_adj:%d\n", message, victim->tgid,
	       victim->comm, total_vm, anon, file, victim->uid, ptes * (PAGE_SIZE >> 10),
	       victim->signal->oom_score_adj);
	if (!walked)
		pr_err("%s: its address space was busy (mmap_lock held for writing): sizes not "
		       "walked; resident %lukB\n", message, rss * (PAGE_SIZE >> 10));
	for_each_process(p) {            /* clone(CLONE_VM) without CLONE_THREAD, vfork */
		if (!thread_group_leader(p) || p->signal == victim->signal ||
		    oom_unkillable_task(p) || !uses_mm(p, mm))
			continue;
		pr_err("%s: also killing process %d (%s): it shares the address space\n",
		       message, p->tgid, p->comm);
		oom_kill_group(p);
	}
}

static void oom_report_and_kill(struct oom_control *oc, gfp_t gfp, unsigned int order)
{
	pr_warn("%s invoked oom-killer: gfp_mask=%#x, order=%u, oom_score_adj=%d\n",
		current->comm, gfp, order, current->signal->oom_score_adj);
	if (!oc->chosen)
		pr_err("Out of memory and no killable processes...\n");
	else
		oom_kill_process(oc, "Out of memory");
}

void out_of_memory(gfp_t gfp, unsigned int order)
{
	struct oom_control oc = { .gfp = gfp, .order = order, .totalpages = totalram_pages };

	if (in_interrupt())
		return;
	if (fatal_signal_pending(current) || (current->flags & PF_EXITING))
		return;                  /* dying already: its memory is on its way */
	if (!mutex_trylock(&oom_lock))
		return;                  /* another CPU is choosing: its victim will do */
	read_lock(&tasklist_lock);
	select_bad_process(&oc);
	if (oc.chosen != OOM_ABORT)     /* else a victim is still freeing its memory */
		oom_report_and_kill(&oc, gfp, order);
	read_unlock(&tasklist_lock);
	mutex_unlock(&oom_lock);
}

bool pagefault_out_of_memory(void)
{
	if (fatal_signal_pending(current))
		return true;             /* the victim: it dies on the way out */
	if (!READ_ONCE(oom_victims))
		return false;
	wait_event_timeout(oom_victims_wait, !READ_ONCE(oom_victims), HZ);
	return true;
}

void exit_oom_mm(struct mm_struct *mm)
{
	if (!(__atomic_fetch_and(&mm->flags, ~MMF_OOM_VICTIM, __ATOMIC_RELAXED) & MMF_OOM_VICTIM))
		return;
	__atomic_fetch_sub(&oom_victims, 1, __ATOMIC_RELAXED);
	wake_up_all(&oom_victims_wait);
}

/* Both under tasklist_lock (read): p may be released on another CPU (a
 * /proc file of it open), its signal_struct freed with it. A set also
 * holds p's siglock while p has one, as Linux's: two writers on two CPUs
 * do not mix their value and floor. */
int get_oom_score_adj(struct task_struct *p, int *adj)
{
	int err = -ESRCH;

	read_lock(&tasklist_lock);
	if (p->signal) {
		*adj = p->signal->oom_score_adj;
		err = 0;
	}
	read_unlock(&tasklist_lock);
	return err;
}

static int __set_oom_score_adj(struct signal_struct *sig, int adj)
{
	if (adj < sig->oom_score_adj_min && current->euid != 0)
		return -EACCES;
	sig->oom_score_adj = adj;
	if (current->euid == 0)
		sig->oom_score_adj_min = adj;
	return 0;
}

int set_oom_score_adj(struct task_struct *p, int adj)
{
	unsigned long flags;
	struct sighand_struct *sh;
	int err = -ESRCH;

	if (adj < OOM_SCORE_ADJ_MIN || adj > OOM_SCORE_ADJ_MAX)
		return -EINVAL;
	read_lock(&tasklist_lock);
	if (p->signal) {
		sh = lock_task_sighand(p, &flags);
		err = __set_oom_score_adj(p->signal, adj);
		if (sh)
			unlock_task_sighand(sh, flags);
	}
	read_unlock(&tasklist_lock);
	return err;
}
