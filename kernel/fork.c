/* kernel/fork.c: creating tasks (seed claims c04, c05, c06, c21, c22, c28).
 * Every task is made by do_fork() (fork, vfork, clone, clone3, kernel
 * threads), which calls copy_process() to build the child step by step: a
 * task_struct from its slab cache and one order-1 block for thread_info +
 * kernel stack (dup_task_struct), a pid, then fs/files/signal handlers/
 * address space each shared or copied by its CLONE_ flag, a pidfd for the
 * parent (CLONE_PIDFD), the first stack frame (copy_thread) and half the
 * parent's time slice (sched_fork). clone()'s thread-library arguments
 * (struct kernel_clone_args: PARENT_SETTID, SETTLS, CHILD_SETTID,
 * CHILD_CLEARTID) and clone3's (the pidfd's address, set_tid) are taken
 * here too, and the validity rules checked first (check_clone_flags). Any
 * failure unwinds exactly what was set up, in reverse order, through the
 * labels at the end, and returns one of:
 *   -EINVAL  flags clone does not offer or a combination it refuses
 *            (check_clone_flags); a CLONE_SETTLS entry out of the TLS range;
 *            CLONE_PIDFD and CLONE_PARENT_SETTID at one address; a set_tid
 *            outside [1, pid_max) or for more than one pid namespace
 *   -EAGAIN  threads-max, the tasks kept for root, RLIMIT_NPROC
 *            (fork_limits.c); no free pid; a thread for a group that is
 *            exiting or execing
 *   -EINTR   a fatal signal while the fork rate limit made it wait (c31)
 *   -EFAULT  a bad CLONE_PARENT_SETTID address or CLONE_SETTLS user_desc,
 *            or a bad CLONE_PIDFD address
 *   -EPERM   set_tid from a caller that is not root
 *   -EEXIST  set_tid names a pid in use
 *   -EMFILE  no fd free for the CLONE_PIDFD pidfd
 *   -ENOMEM  the task_struct, the stack block, or a copy of fs, files,
 *            signal handlers, signal_struct or the address space; the pidfd
 *
 * threads-max (c22) defaults to lowmem / THREAD_SIZE / 2, the seed's (and
 * Linux 2.4's) formula over the memory stacks come from (ZONE_DMA and
 * ZONE_NORMAL: highmem cannot hold a stack): at most half of it can become
 * kernel stacks. Which limit a fork meets first, all with -EAGAIN: at 512 MiB
 * threads-max (~32400, just under pid_max 32768); at 2 GiB the pids (pid_max
 * 32768, threads-max ~56300); with pid_max raised, threads-max, before
 * lowmem would run out (-ENOMEM, near 90000 tasks at 2 GiB). */
#include <kernel.h>
#include <cred.h>
#include <completion.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <fs_struct.h>
#include <futex.h>
#include <mm.h>
#include <mman.h>
#include <mmzone.h>
#include <params.h>
#include <pid.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <slab.h>
#include <asm/irqflags.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include <trace/events.h>

int nr_threads;                   /* tasks made by fork, not yet released */
unsigned long total_forks;        /* tasks made by do_fork since boot */
int max_threads;
struct kmem_cache *task_struct_cachep;
static long max_threads_param;

/* tasklist_lock: the task list (init_task.tasks), every task's parentage,
 * children and thread-group lists, and the pid hash. Writers take it with
 * interrupts off; readers may be anywhere. */
DEFINE_RWLOCK(tasklist_lock);

/* The reference count is atomic: a reference may be taken or dropped on
 * any CPU without a lock. */
void get_task_struct(struct task_struct *p)
{
	__sync_fetch_and_add(&p->usage, 1);
}

void kthread_free(struct task_struct *p);

static void free_task(struct task_struct *p)
{
	put_group_info(p->group_info);
	kthread_free(p);
	free_pages((unsigned long)task_stack_page(p), THREAD_SIZE_ORDER);
	kmem_cache_free(task_struct_cachep, p);
}

/* The last reference gone: the task is reaped and off the CPU for good. */
void put_task_struct(struct task_struct *p)
{
	BUG_ON(p->usage <= 0 || p == &init_task);
	if (__sync_sub_and_fetch(&p->usage, 1) == 0)
		free_task(p);
}

/* As Linux's __set_task_comm (strscpy_pad): the whole array is written, so
 * no byte of a longer old name stays behind the terminator for gdb or a
 * reader of the raw array to find ("init\0l_init" after an exec). */
void set_task_comm(struct task_struct *p, const char *name)
{
	size_t n = strnlen(name, sizeof(p->comm) - 1);

	memcpy(p->comm, name, n);
	memset(p->comm + n, 0, sizeof(p->comm) - n);
}

/* Seed formula over lowmem: lowmem / THREAD_SIZE / 2 (512 MiB -> 32768), at
 * least 20. */
static void set_max_threads_default(void)
{
	unsigned long n = lowmem_pages() / (THREAD_SIZE / PAGE_SIZE) / 2;

	max_threads = n < 20 ? 20 : n;
}

/* Tune threads-max at run time (/proc/sys/kernel/threads-max); Linux's
 * bounds: 0 or -EINVAL outside [20, 0x3fffffff]. */
int set_max_threads(long n)
{
	if (n < 20 || n > 0x3fffffff)
		return -EINVAL;
	max_threads = n;
	return 0;
}

static int threads_max_param(const char *value)
{
	long n = value ? simple_strtol(value, NULL, 0) : 0;

	if (n < 20 || n > 0x3fffffff)
		return -EINVAL;
	max_threads_param = n;           /* applied by fork_init, after mem_init */
	return 0;
}
KERNEL_PARAM("threads_max", threads_max_param);

/* Contract: after mem_init (needs the slab allocator and totalram_pages). */
void fork_init(void)
{
	task_struct_cachep = kmem_cache_create("task_struct", sizeof(struct task_struct),
					       __alignof__(struct task_struct), 0, NULL);
	if (!task_struct_cachep || !signal_caches_init())
		panic("fork_init: cannot create the task caches");
	vma_cache_init();
	futex_init();
	set_max_threads_default();
	if (max_threads_param)
		max_threads = max_threads_param;
	pr_info("fork: threads-max %d (%lu pages of lowmem), pid_max %d, task_struct %u bytes\n",
		max_threads, lowmem_pages(), pid_max, (unsigned)sizeof(struct task_struct));
}

/* A copy of the parent's task_struct on a fresh thread_info + stack block
 * (c21: one order-1 allocation, 8 KiB aligned, per task). */
static struct task_struct *dup_task_struct(struct task_struct *orig)
{
	struct task_struct *p;
	struct thread_info *ti;

	prepare_to_copy(orig);
	p = kmem_cache_alloc(task_struct_cachep, GFP_KERNEL);
	if (!p)
		return NULL;
	ti = (struct thread_info *)__get_free_pages(GFP_KERNEL, THREAD_SIZE_ORDER);
	if (!ti) {
		kmem_cache_free(task_struct_cachep, p);
		return NULL;
	}
	*p = *orig;
	*ti = *task_thread_info(orig);
	ti->task = p;
	ti->flags = 0;
	ti->status = 0;
	ti->trap_catcher = NULL;
	*end_of_stack_ti(ti) = STACK_END_MAGIC;
	p->stack = ti;
	p->usage = 2;                    /* one for the reaper, one while it runs */
	p->kthread = NULL;
	p->vfork_done = NULL;
	p->lockdep.depth = 0;            /* holds nothing yet (the checker reads */
	p->lockdep.recursion = 0;        /* held[] below depth only: no need to clear it) */
	spin_lock_init(&p->alloc_lock);  /* not orig's, which may be held */
	get_group_info(p->group_info);
	p->thread_pid = NULL;            /* made when a pidfd first names it */
	return p;
}

/* A pidfd being made by clone (CLONE_PIDFD): its fd and file. */
struct pidfd_new {
	int fd;
	struct file *file;
};

static int copy_mm(unsigned long clone_flags, struct task_struct *p)
{
	struct mm_struct *oldmm = current->mm;

	p->mm = NULL;
	p->active_mm = NULL;
	if (!oldmm)                      /* a kernel thread's child: no mm either */
		return 0;
	if (clone_flags & CLONE_VM) {
		mmget(oldmm);
		p->mm = oldmm;
	} else {
		p->mm = dup_mm(oldmm);
		if (!p->mm)
			return -ENOMEM;
	}
	p->active_mm = p->mm;
	return 0;
}

/* A new thread joins its group's ring under siglock, where exit_group,
 * a fatal signal and de_thread zap the group: if one did since
 * check_clone_flags looked, the thread is born with SIGKILL pending and
 * ends before it reaches user mode (Linux refuses the clone at this point
 * instead; either way no thread escapes the zap, which on several CPUs
 * left a group whose exit or exec waited for good). tasklist_lock held
 * for writing. */
static void link_thread(struct task_struct *p)
{
	struct signal_struct *sig = current->signal;

	spin_lock(&current->sighand->siglock);
	list_add_tail(&p->thread_group, &p->group_leader->thread_group);
	if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task) {
		p->pending.signal |= sigmask(SIGKILL);
		set_ti_thread_flag(task_thread_info(p), TIF_SIGPENDING);
	}
	spin_unlock(&current->sighand->siglock);
}

/* Parentage, lists and the pid hash: the child becomes visible. Only a
 * group leader goes on its parent's children list (what wait4 looks at);
 * a thread is on its group's ring, with the group's parent as its own. */
static void link_task(struct task_struct *p, unsigned long clone_flags)
{
	unsigned long flags;

	write_lock_irqsave(&tasklist_lock, flags);
	p->real_parent = (clone_flags & (CLONE_PARENT | CLONE_THREAD)) ?
			 current->real_parent : current;
	p->parent = p->real_parent;
	p->group_leader = (clone_flags & CLONE_THREAD) ? current->group_leader : p;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->thread_group);
	INIT_LIST_HEAD(&p->sibling);
	if (clone_flags & CLONE_THREAD)
		link_thread(p);
	else
		list_add_tail(&p->sibling, &p->parent->children);
	list_add_tail(&p->tasks, &init_task.tasks);
	attach_pid(p);
	nr_threads++;
	fork_account_user(p);
	write_unlock_irqrestore(&tasklist_lock, flags);
}

/* What clone() and clone3() offer. The rest is -EINVAL: the namespace
 * flags (NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET and
 * clone3's NEWTIME), as a Linux built without namespaces answers, and
 * clone3's INTO_CGROUP (no cgroups; sys_clone3 refuses it first). SYSVSEM
 * (no System V semaphores), PTRACE and UNTRACED (no ptrace), DETACHED
 * (ignored by Linux since 2.6.2) and IO (one I/O context) are accepted and
 * change nothing. */
#define CLONE_IO 0x80000000UL
#define CLONE_OFFERED (CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
		       CLONE_PIDFD | CLONE_PTRACE | CLONE_VFORK | CLONE_PARENT | \
		       CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
		       CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | \
		       CLONE_CHILD_SETTID | CLONE_IO | CLONE_CLEAR_SIGHAND)

/* Linux's validity rules, all -EINVAL but the last: only flags clone
 * offers (CLONE_NEWNS with CLONE_FS is Linux's classic case); a pidfd is
 * for a process, not a thread, and not with DETACHED (kept for reuse); a
 * thread needs shared handlers, shared handlers need a shared address
 * space; init may not make siblings (nobody would reap them); a group that
 * is exiting or execing takes no new threads (-EAGAIN). The exit signal
 * (CSIGNAL, the low byte) is not checked, as in Linux's clone: one past
 * _NSIG is never sent (do_notify_parent drops it) and the child is waited
 * for with __WCLONE (clone3 checks its own). The common flags of fork and
 * kernel threads leave early. */
static int check_clone_flags(u64 clone_flags)
{
	if (clone_flags & ~(u64)CLONE_OFFERED)    /* NEWNS (with FS or not) too */
		return -EINVAL;
	if ((clone_flags & CLONE_PIDFD) && (clone_flags & (CLONE_DETACHED | CLONE_THREAD)))
		return -EINVAL;
	if (likely(!(clone_flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_PARENT))))
		return 0;                         /* fork, vfork, kernel threads */
	if ((clone_flags & CLONE_THREAD) && !(clone_flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((clone_flags & CLONE_SIGHAND) && !(clone_flags & CLONE_VM))
		return -EINVAL;
	if ((clone_flags & CLONE_PARENT) && current->tgid == 1)
		return -EINVAL;
	if ((clone_flags & CLONE_THREAD) &&
	    ((current->signal->flags & SIGNAL_GROUP_EXIT) || current->signal->group_exec_task))
		return -EAGAIN;
	return 0;
}

/* The child's exit signal: none for a thread; a CLONE_PARENT child is
 * announced to the parent it shares as its creator would be (Linux: the
 * creator's leader's signal); any other the CSIGNAL byte. */
static int child_exit_signal(u64 clone_flags)
{
	if (clone_flags & CLONE_THREAD)
		return -1;
	if (clone_flags & CLONE_PARENT)
		return current->group_leader->exit_signal;
	return (int)(clone_flags & CSIGNAL);
}

/* The fields of a new task that are not the parent's. A task whose first
 * frame is in kernel mode is a kernel thread. */
static void init_new_task(struct task_struct *p, const struct kernel_clone_args *args,
			  struct pt_regs *regs)
{
	u64 clone_flags = args->flags;

	p->tgid = (clone_flags & CLONE_THREAD) ? current->tgid : p->pid;
	p->flags &= ~(PF_EXITING | PF_USED_MATH | PF_KTHREAD);
	p->flags |= current->flags & PF_USED_MATH;   /* the FPU image was copied */
	if (!user_mode(regs))
		p->flags |= PF_KTHREAD;
	p->exit_state = 0;
	p->exit_code = 0;
	p->exit_signal = child_exit_signal(clone_flags);
	p->set_child_tid = (clone_flags & CLONE_CHILD_SETTID) ? args->child_tid : 0;
	p->clear_child_tid = (clone_flags & CLONE_CHILD_CLEARTID) ? args->child_tid : 0;
	init_waitqueue_head(&p->wait_chldexit);
	p->start_time = jiffies;
	p->utime = p->stime = 0;
	p->min_flt = p->maj_flt = 0;
	if (args->name)                  /* named before anyone can see it */
		set_task_comm(p, args->name);
}

/* The thread library's two requests that can fail: the child's tid into
 * the parent's memory now (before the address space is copied, so a forked
 * child sees it too), and the child's TLS descriptor. A bad pointer fails
 * the clone with -EFAULT, as in Linux 2.6.11 (later kernels ignore a
 * PARENT_SETTID fault); a bad TLS entry is -EINVAL. */
static int copy_tid_and_tls(const struct kernel_clone_args *args, struct task_struct *p)
{
	if ((args->flags & CLONE_PARENT_SETTID) &&
	    put_user_u32(p->pid, (u32 *)args->parent_tid))
		return -EFAULT;
	if (args->flags & CLONE_SETTLS)
		return do_set_thread_area(p, args->tls, false);
	return 0;
}

/* CLONE_CLEAR_SIGHAND (clone3): the child's own copy of the handlers
 * back to SIG_DFL, those set to SIG_IGN staying ignored, as exec does; its
 * alternate signal stack stays, as in Linux. */
static void clear_sighand(struct task_struct *p)
{
	unsigned long sp = p->sas_ss_sp, size = p->sas_ss_size;

	flush_signal_handlers(p);
	p->sas_ss_sp = sp;
	p->sas_ss_size = size;
}

/* CLONE_PIDFD: a pidfd on the child for the parent, its number written to
 * args->pidfd (after the address space was copied, as in Linux: a forked
 * child sees neither the number nor the fd). The file goes in new->file,
 * installed by copy_process once the child is linked (nothing can fail
 * then); the fd is reserved until then (get_unused_fd: another thread
 * sharing the table cannot take it). 0, -EMFILE,
 * -ENOMEM or -EFAULT, with nothing left behind but p's struct pid, which
 * bad_fork_free_pid drops. */
static int clone_pidfd(const struct kernel_clone_args *args, struct task_struct *p,
		       struct pidfd_new *new)
{
	struct pid *pid;

	new->fd = get_unused_fd(0);
	if (new->fd < 0)
		return new->fd;
	pid = get_task_pid(p);           /* (p is not linked yet: never reaped) */
	if (!pid)
		return -ENOMEM;
	new->file = pidfd_file(pid, 0);
	put_pid(pid);
	if (IS_ERR(new->file)) {
		new->file = NULL;
		return -ENOMEM;
	}
	if (!put_user_u32(new->fd, (u32 *)args->pidfd))
		return 0;
	fput(new->file);
	new->file = NULL;
	return -EFAULT;
}

/* fs, files, signal handlers, signal_struct and address space, each shared
 * or copied by its CLONE_ flag, and the pidfd (CLONE_PIDFD); on failure
 * what was set up is dropped again, in reverse order, and the error
 * returned. */
static int copy_resources(const struct kernel_clone_args *args, struct task_struct *p,
			  struct pidfd_new *pidfd)
{
	unsigned long clone_flags = args->flags;   /* the low 32 bits: clone's */
	int retval;

	if ((retval = copy_files(clone_flags, p)))
		return retval;
	if ((retval = copy_fs(clone_flags, p)))
		goto bad_fork_cleanup_files;
	if ((retval = copy_sighand(clone_flags, p)))
		goto bad_fork_cleanup_fs;
	if (unlikely(args->flags & CLONE_CLEAR_SIGHAND))
		clear_sighand(p);
	if ((retval = copy_signal(clone_flags, p)))
		goto bad_fork_cleanup_sighand;
	if ((retval = copy_mm(clone_flags, p)))
		goto bad_fork_cleanup_signal;
	if (unlikely(clone_flags & CLONE_PIDFD) && (retval = clone_pidfd(args, p, pidfd)))
		goto bad_fork_cleanup_mm;
	return 0;

bad_fork_cleanup_mm:
	if (p->mm)
		mmput(p->mm);
bad_fork_cleanup_signal:
	if (clone_flags & CLONE_THREAD)
		__atomic_sub_fetch(&p->signal->live, 1, __ATOMIC_ACQ_REL);   /* copy_signal counted it */
	exit_signal(p);
bad_fork_cleanup_sighand:
	exit_sighand(p);
bad_fork_cleanup_fs:
	exit_fs(p);
bad_fork_cleanup_files:
	exit_files(p);
	return retval;
}

/* The child's pid: the next free one, or clone3's set_tid, one pid for
 * the one pid namespace there is (more levels: -EINVAL), in [1, pid_max)
 * (-EINVAL), for root only (Linux's checkpoint/restore capability:
 * -EPERM), free (-EEXIST). */
static int copy_pid(const struct kernel_clone_args *args)
{
	if (likely(!args->set_tid_size))
		return alloc_pid();
	if (args->set_tid_size > 1)
		return -EINVAL;
	if (args->set_tid[0] < 1 || args->set_tid[0] >= pid_max)
		return -EINVAL;
	if (current->euid != 0)
		return -EPERM;
	return alloc_pid_nr(args->set_tid[0]);
}

/* check_clone_flags, and clone's one rule on addresses: CLONE_PIDFD and
 * CLONE_PARENT_SETTID may not write one word (clone passes both in
 * parent_tid; clone3 has a field for each). */
static int check_clone_args(const struct kernel_clone_args *args)
{
	if ((args->flags & CLONE_PIDFD) && (args->flags & CLONE_PARENT_SETTID) &&
	    args->pidfd == args->parent_tid)
		return -EINVAL;
	return check_clone_flags(args->flags);
}

/* c28: split current's time slice with p (sched_fork) and record the fork
 * event with the two halves as the split left them. Interrupts stay off
 * from the split to the record: a tick in between could end the parent's
 * half and give it a new full slice (O(1)'s expiry), and the event would
 * then show a parent with more than its child (make test saw it once).
 * Linux records sched_process_fork after copy_process returns; here it is
 * recorded a few lines earlier, before the child is linked, which no reader
 * of the event can tell apart: the child cannot run until do_fork wakes it.
 * Either interrupt state; restored on return. */
static void fork_split_and_trace(struct task_struct *p, unsigned long clone_flags)
{
	unsigned long flags = local_irq_save();

	sched_fork(p);
	trace_sched_process_fork(current, p, clone_flags);
	local_irq_restore(flags);
}

/* Contract: build the child of current that args->flags describe, from the
 * limits check to linking it in; called by do_fork only. Returns the child,
 * linked (on its parent's children or its group's ring, in the pid hash,
 * counted in nr_threads and its user's processes) but not yet runnable
 * (TASK_UNINTERRUPTIBLE until do_fork wakes it), its first frame a copy of
 * regs with eax 0; or ERR_PTR(-errno) (the list at the top of this file),
 * with nothing left behind. Process context. It sleeps only in the fork
 * rate limit (c31, before anything is allocated), which needs interrupts
 * on; link_task and fork_split_and_trace save and restore the interrupt
 * flag around their few lines, so the caller gets its own state back (the
 * c28 test forks with interrupts off, the rate limit being off). */
static struct task_struct *copy_process(const struct kernel_clone_args *args,
					struct pt_regs *regs)
{
	unsigned long clone_flags = args->flags;
	struct pidfd_new pidfd = { -1, NULL };
	struct task_struct *p;
	int retval = check_clone_args(args);

	if (retval)
		return ERR_PTR(retval);
	if ((retval = fork_check_limits()))   /* c22 c29 c30 c31 */
		return ERR_PTR(retval);
	p = dup_task_struct(current);
	if (!p)
		return ERR_PTR(-ENOMEM);
	p->pid = copy_pid(args);
	if (p->pid < 0) {
		retval = p->pid;
		goto bad_fork_free;
	}
	init_new_task(p, args, regs);
	if (unlikely(clone_flags & (CLONE_PARENT_SETTID | CLONE_SETTLS)) &&
	    (retval = copy_tid_and_tls(args, p)))
		goto bad_fork_free_pid;
	if ((retval = copy_resources(args, p, &pidfd)))
		goto bad_fork_free_pid;
	copy_thread(p, regs);
	fork_split_and_trace(p, clone_flags);
	link_task(p, clone_flags);
	if (pidfd.file)
		fd_install(pidfd.fd, pidfd.file, true);   /* close-on-exec, as Linux */
	return p;

bad_fork_free_pid:
	if (pidfd.fd >= 0)               /* clone_pidfd's reservation */
		put_unused_fd(pidfd.fd);
	if (p->thread_pid) {             /* clone_pidfd made it; its file is gone */
		p->thread_pid->task = NULL;
		put_pid(p->thread_pid);
	}
	free_pid(p->pid);
bad_fork_free:
	free_task(p);                    /* never linked: nothing else refers to it */
	return ERR_PTR(retval);
}

/* do_fork: the one way a task is made. fork, vfork, clone and clone3
 * (sys_proc.c), kernel_thread (and through it kthreadd, kthread_create and
 * PID 1) all call it; copy_process is reachable from nowhere else.
 *
 * Linux 2.6's do_fork(clone_flags, stack_start, regs, stack_size,
 * parent_tidptr, child_tidptr) took the arguments one by one and read the
 * TLS descriptor from the frame's esi; here they travel in one struct
 * kernel_clone_args (flags, stack, parent_tid, child_tid, tls, pidfd,
 * set_tid, and the name a kernel thread gets at creation), as in Linux
 * 5.3+ (kernel_clone), so that clone3's struct clone_args fills it without
 * a new entry. stack_size has no field: sys_clone3 adds it to stack, as
 * Linux does for a stack growing down.
 *
 * Contract: make a copy of current, shared or copied by args->flags, whose
 * first frame is a copy of regs (a user frame for the system calls, a
 * kernel-mode one from kernel_thread_regs for kernel threads); with
 * args->stack not 0, the child's user esp is that. The child is made
 * runnable. With CLONE_VFORK the caller then sleeps until the child lets go
 * of the borrowed address space (exec or exit: mm_release). Returns the
 * child's pid, or what copy_process failed with (its list at the top of
 * this file). Process context, interrupts on wherever it may sleep (the
 * fork rate limit, vfork's wait); it returns with them as the caller had
 * them (copy_process says why c28 may call it with them off). total_forks
 * counts every task made here (Linux counts it in copy_process; here the
 * one entry counts it, so a self-test can see that each creation path came
 * through). */
long do_fork(const struct kernel_clone_args *args, struct pt_regs *regs)
{
	struct completion vfork;
	struct task_struct *p = copy_process(args, regs);
	pid_t pid;

	if (IS_ERR(p))
		return PTR_ERR(p);
	__atomic_add_fetch(&total_forks, 1, __ATOMIC_RELAXED);   /* forks on every CPU */
	pid = p->pid;
	if (args->stack)
		task_pt_regs(p)->esp = args->stack;
	if (args->flags & CLONE_VFORK) {
		init_completion(&vfork);
		p->vfork_done = &vfork;
	}
	wake_up_process(p);
	if (args->flags & CLONE_VFORK)
		wait_for_completion(&vfork);
	return pid;
}

/* As Linux: do_fork with CLONE_VM | CLONE_UNTRACED and a frame that makes the
 * child call fn(arg), then do_exit() with its return value. The name is
 * given at creation (Linux 6.2's kernel_thread), so the task list never
 * shows the thread under its parent's name. */
pid_t kernel_thread(int (*fn)(void *), void *arg, const char *name, unsigned long flags)
{
	struct kernel_clone_args args = { .flags = flags | CLONE_VM | CLONE_UNTRACED,
					  .name = name };
	struct pt_regs regs;

	kernel_thread_regs(&regs, fn, arg);
	return do_fork(&args, &regs);
}

/* Contract: make CPU cpu's idle task, swapper/cpu, as Linux's fork_idle:
 * a copy of init_task (PID 0, a kernel thread on init_mm, sharing its fs,
 * files and handlers) on a task block of its own (dup_task_struct, as
 * every task), with thread_info->cpu = cpu. Like init_task it is on no
 * list and in no pid hash, and never exits. Returns it, or
 * ERR_PTR(-ENOMEM). Boot (smp_init), process context. */
struct task_struct *fork_idle(int cpu)
{
	struct task_struct *p = dup_task_struct(&init_task);
	char name[TASK_COMM_LEN];

	if (!p)
		return ERR_PTR(-ENOMEM);
	task_thread_info(p)->cpu = cpu;
	p->cpus_allowed = (cpumask_t){ 1UL << cpu };   /* it never moves */
	p->thread.esp0 = (u32)task_stack_page(p) + THREAD_SIZE;   /* its own, not init_task's */
	p->on_cpu = 1;                   /* it runs as its CPU's first task */
	p->state = TASK_RUNNING;
	INIT_LIST_HEAD(&p->run_list);
	INIT_LIST_HEAD(&p->tasks);
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->thread_group);
	p->mm = NULL;
	p->active_mm = &init_mm;
	init_mm.mm_count++;              /* borrowed for good, as init_task's */
	snprintf(name, sizeof(name), "swapper/%d", cpu);
	set_task_comm(p, name);
	return p;
}
