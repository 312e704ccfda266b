/* include/sched/mm.h: struct mm_struct, one address space, and its two
 * reference counts (seed claims c17, c18; kernel/mm_struct.c).
 *
 *   mm_users  tasks using the address space (the owner and its CLONE_VM
 *             threads). mmput() dropping it to 0 tears the mappings down and
 *             then gives up the users' shared mm_count reference.
 *   mm_count  references to the struct itself: 1 for all users together, plus
 *             one per kernel thread that borrows the mm as its active_mm (lazy
 *             TLB). mmdrop() dropping it to 0 frees the page directory and the
 *             struct.
 *
 * So a kernel thread that still runs on the page tables of an exited process
 * keeps them alive until it switches away.
 *
 * The user half of the address space is described by VMAs (struct
 * vm_area_struct, include/mman.h), kept sorted by address on mm->mmap; the
 * page tables are filled lazily by the page-fault handler (mm/memory.c).
 *
 * Locking: mmap_lock (a rw_semaphore) guards the VMA list and the layout
 * fields (brk, mmap_base...): the memory calls take it for writing, a page
 * fault and fork's copy for reading (fork: writing, as Linux, since it
 * write-protects the parent's pages). No user memory is touched while it is
 * held (a fault would take it again). page_table_lock (a spinlock) guards
 * installing a page table or a PTE in the fault path, so two threads
 * faulting at once on several CPUs do not both fill one slot. The counts
 * are atomic. */
#ifndef TASKLAB_SCHED_MM_H
#define TASKLAB_SCHED_MM_H

#include <types.h>
#include <cpumask.h>
#include <list.h>
#include <rwsem.h>
#include <spinlock.h>

/* Words of the auxiliary vector exec writes, its AT_NULL pair included
 * (fs/exec_args.c). */
#define AT_VECTOR_SIZE 32

struct mm_struct {
	u32 *pgd;                         /* page directory (kernel half = swapper's) */
	int mm_users;                     /* see above; atomic */
	int mm_count;
	struct rw_semaphore mmap_lock;    /* the VMAs and the layout below */
	spinlock_t page_table_lock;       /* page tables and PTEs, in the fault path */
	struct list_head mmap;            /* VMAs, sorted by vm_start, disjoint */
	int map_count;                    /* VMAs on mmap */
	int map_shared;                   /* of them VM_MAYSHARE (a futex looks up its VMA only then) */
	unsigned long nr_ptes;            /* user page tables allocated */
	unsigned long rss;                /* user pages mapped (present PTEs) */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk;     /* heap: [start_brk, brk) */
	unsigned long start_stack;        /* the initial user esp */
	unsigned long mmap_base;          /* where the search for free areas starts */
	/* exec's strings on the stack (/proc/<pid>/cmdline and environ, a
	 * core's NT_PRPSINFO argv), the auxiliary vector it gave the program
	 * (a core's NT_AUXV) and the program file (/proc/<pid>/exe;
	 * referenced, NULL before any exec) */
	unsigned long arg_start, arg_end, env_start, env_end;
	unsigned long saved_auxv[AT_VECTOR_SIZE];
	struct file *exe_file;
	int dumpable;                     /* prctl PR_SET_DUMPABLE: 1 from exec,
					   * 0 when the effective ids change */
	unsigned long flags;              /* MMF_* */
	/* the CPUs that may hold this mm's translations (mm_cpumask; set and
	 * cleared by each CPU for itself in switch_mm, atomic bit operations),
	 * and the TLB shootdowns that interrupted another CPU, with the IPIs
	 * they sent (atomic; include/asm/tlbflush.h) */
	cpumask_t cpu_vm_mask;
	unsigned long tlb_shootdowns, tlb_ipis;
};

/* mm->flags */
#define MMF_OOM_VICTIM 0x1                /* killed by the OOM killer (mm/oom_kill.c),
					   * its memory not yet torn down */

/* The kernel's own address space: swapper_pg_dir. Never freed. */
extern struct mm_struct init_mm;

/* A new address space with no user mappings (kernel PDEs copied); NULL on
 * exhaustion. mm_users = mm_count = 1. */
struct mm_struct *mm_alloc(void);
/* A copy of oldmm for fork without CLONE_VM: the same VMAs, and every
 * present page shared, private writable ones write-protected in both for
 * copy-on-write. NULL on exhaustion (nothing left allocated). */
struct mm_struct *dup_mm(struct mm_struct *oldmm);

static inline void mmgrab(struct mm_struct *mm) { __sync_fetch_and_add(&mm->mm_count, 1); }
void mmdrop(struct mm_struct *mm);
static inline void mmget(struct mm_struct *mm) { __sync_fetch_and_add(&mm->mm_users, 1); }
void mmput(struct mm_struct *mm);

struct task_struct;
/* task's address space with an mm_users reference (mmput it), or NULL (a
 * kernel thread, or past exit_mm): taken under its task_lock, under which
 * exit_mm, exec_mmap and kthread_(un)use_mm change task->mm, so another
 * task's mm is not freed while /proc or the OOM killer reads it. Process
 * context (Linux's get_task_mm). */
struct mm_struct *get_task_mm(struct task_struct *task);

struct task_struct;
/* tsk gives up mm (exec, exit): clears and wakes its CLONE_CHILD_CLEARTID
 * word, wakes a vfork parent (kernel/mm_struct.c). */
void mm_release(struct task_struct *tsk, struct mm_struct *mm);

/* Address spaces allocated and not yet freed (a ktest leak counter). */
extern unsigned long nr_mm_structs;

/* Let a kernel thread adopt mm as its own (mm = active_mm = mm, one more
 * mm_users), as Linux's kthread_use_mm does; kthread_unuse_mm() gives it back
 * (mm becomes NULL, the mm stays as the borrowed active_mm until the next
 * switch). A thread that exits with an mm gives it back in do_exit. */
void kthread_use_mm(struct mm_struct *mm);
void kthread_unuse_mm(struct mm_struct *mm);
/* A kernel thread stops borrowing (runs on init_mm); see kernel/mm_struct.c. */
void drop_lazy_mm(void);
/* The other CPUs that are idle do the same (an IPI each; the leak checks);
 * false if one was busy (ask again). */
bool drop_idle_lazy_mms(void);
/* Does a CPU still borrow a user mm lazily (a kernel thread or idle task
 * running on it)? A borrowed mm may pass from one to the next (a kernel
 * thread lends its active mm to the idle task it switches to), so the
 * self-tests drop them until none is left. */
bool lazy_user_mm_held(void);

/* Give mm its two locks (a new or copied struct). */
static inline void mm_init_locks(struct mm_struct *mm)
{
	__init_rwsem(&mm->mmap_lock, "mm->mmap_lock");
	__spin_lock_init(&mm->page_table_lock, "mm->page_table_lock");
}

#endif
