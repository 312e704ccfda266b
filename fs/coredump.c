/* fs/coredump.c: core dumps, when and where (Linux's fs/coredump.c); the
 * ELF file itself is fs/binfmt_elf_core.c.
 *
 * do_coredump() runs in the thread that took a fatal "core" signal
 * (kernel/signal.c: get_signal), before the group exits:
 *   1. an mm that is not dumpable (prctl PR_SET_DUMPABLE 0, or a change
 *      of effective ids) gives no core: the group just exits;
 *   2. coredump_wait: the group is marked exiting with the signal, every
 *      other thread gets SIGKILL and, on its way through do_exit, stops
 *      in coredump_task_exit() until the file is written;
 *   3. RLIMIT_CORE below a page (the default soft limit, 0: `ulimit -c
 *      unlimited` raises it) gives no file; above, the dump stops where
 *      the next write would pass the limit (the file is left short);
 *   4. the file is `core` in the working directory, Linux's default
 *      core_pattern: an old one is unlinked first where the dumper may
 *      (may_delete), then created with O_CREAT|O_EXCL|O_NOFOLLOW (so the
 *      directory must let the dumper write: fs/namei.c), mode 0600 less
 *      the umask, owned by the dumper's filesystem ids, so a symlink
 *      planted as `core` is never followed and no other user's file is
 *      ever overwritten;
 *   5. coredump_finish: the wait status gets the 0x80 bit only if the
 *      whole file was written; the waiting threads go on exiting. */
#include <kernel.h>
#include <coredump.h>
#include <errno.h>
#include <fs.h>
#include <fs_struct.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <slab.h>

/* Linux's min_coredump for ELF: a limit below one page writes nothing. */
#define ELF_MIN_COREDUMP PAGE_SIZE

/* Mark current's group as exiting with exit_code and send SIGKILL to its
 * other threads; how many must still reach coredump_task_exit, or -EAGAIN
 * when the group is already exiting or being replaced by an exec (only
 * one exit wins, as Linux's zap_threads). */
static int zap_threads(struct core_state *cs, int exit_code)
{
	struct signal_struct *sig = current->signal;
	unsigned long flags;
	int nr = -EAGAIN;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	if (!(sig->flags & SIGNAL_GROUP_EXIT) && !sig->group_exec_task) {
		sig->core_state = cs;
		sig->group_exit_code = exit_code;
		sig->flags = SIGNAL_GROUP_EXIT;
		sig->group_stop_count = 0;
		/* a thread in do_exit reaches exit_state without sleeping
		 * (but for this rendezvous, which no thread is in yet), so
		 * every thread counted here is still to come through
		 * coredump_task_exit, which counts down under siglock */
		nr = cs->nr_threads = zap_other_threads(current);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	return nr;
}

/* Stop the group's other threads where their user state stays readable;
 * the number that stopped, or -EAGAIN (see zap_threads). Sleeps. */
static int coredump_wait(int exit_code, struct core_state *cs)
{
	int nr;

	init_completion(&cs->startup);
	cs->dumper.task = current;
	cs->dumper.next = NULL;
	nr = zap_threads(cs, exit_code);
	if (nr > 0)
		wait_for_completion(&cs->startup);
	return nr;
}

void coredump_task_exit(struct task_struct *tsk)
{
	struct core_state *cs;
	struct core_thread self;
	unsigned long flags;

	spin_lock_irqsave(&tsk->sighand->siglock, flags);   /* threads exit at once on SMP */
	cs = tsk->signal->core_state;
	if (!cs || cs->dumper.task == tsk) {
		spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
		return;
	}
	self.task = tsk;
	self.next = cs->dumper.next;
	cs->dumper.next = &self;
	if (--cs->nr_threads == 0)
		complete(&cs->startup);
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
	for (;;) {                        /* until coredump_finish lets us go */
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (!self.task)
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/* The dump is over: the 0x80 bit if a core was written, and the waiting
 * threads go on with their exit (self.task cleared last: it lives on
 * each one's stack). */
static void coredump_finish(bool core_dumped)
{
	struct signal_struct *sig = current->signal;
	struct core_thread *next, *curr;
	unsigned long flags;

	spin_lock_irqsave(&current->sighand->siglock, flags);
	next = sig->core_state->dumper.next;
	if (core_dumped)
		sig->group_exit_code |= 0x80;
	sig->core_state = NULL;
	while ((curr = next)) {
		struct task_struct *task = curr->task;

		next = curr->next;
		__atomic_store_n(&curr->task, NULL, __ATOMIC_SEQ_CST);
		wake_up_process(task);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

/* Linux's do_coredump unlinks an old core before its O_EXCL create, as
 * unlink(2) would: only if current may (write and search on the
 * directory, and the sticky bit's rule: vfs_unlink's may_delete); a
 * directory stays (EISDIR), and so does a missing one (ENOENT). */
static void unlink_old_core(struct dentry *dir)
{
	vfs_unlink(dir, CORE_NAME, strlen(CORE_NAME), false);
}

/* Linux's checks of the file it created: a regular file with one name,
 * owned by the dumper, mode 0600; else no dump. */
static bool core_file_ok(const struct inode *inode)
{
	if (!S_ISREG(inode->i_mode) || inode->i_nlink != 1)
		return false;
	if (inode->i_uid != current->fsuid) {
		pr_info("Core dump to %s aborted: cannot preserve file owner\n", CORE_NAME);
		return false;
	}
	if ((inode->i_mode & 0677) != 0600) {
		pr_info("Core dump to %s aborted: cannot preserve file permissions\n", CORE_NAME);
		return false;
	}
	return true;
}

/* The new core file in current's working directory, or ERR_PTR. */
static struct file *open_core_file(void)
{
	struct dentry *cwd = current_cwd();
	struct file *f;

	unlink_old_core(cwd);
	f = filp_open(root_dentry, cwd, CORE_NAME, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY,
		      0600 & ~current->fs->umask);
	dput(cwd);
	if (!IS_ERR(f) && !core_file_ok(f->f_inode)) {
		fput(f);
		return ERR_PTR(-EPERM);
	}
	return f;
}

/* Write the ELF file; true when all of it was written. A last pending
 * hole is closed with one zero byte, so the file has its full size
 * (gdb calls a shorter one truncated). */
static bool write_core(struct coredump_params *cprm)
{
	bool dumped;

	cprm->page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!cprm->page)
		return false;
	inode_lock(cprm->file->f_inode);     /* before the dump's mmap_lock */
	dumped = elf_core_dump(cprm);
	if (dumped && cprm->to_skip) {
		cprm->to_skip--;
		dumped = dump_emit(cprm, "", 1);
	}
	inode_unlock(cprm->file->f_inode);
	kfree(cprm->page);
	return dumped;
}

void do_coredump(const struct kernel_siginfo *siginfo)
{
	struct core_state core_state;
	struct coredump_params cprm = {
		.siginfo = siginfo,
		.limit = current->signal->rlim[RLIMIT_CORE].rlim_cur,
	};
	bool core_dumped = false;

	if (!current->mm || !current->mm->dumpable)
		return;
	if (coredump_wait(siginfo->si_signo, &core_state) < 0)
		return;
	if (cprm.limit >= ELF_MIN_COREDUMP) {
		cprm.file = open_core_file();
		if (!IS_ERR(cprm.file)) {
			core_dumped = write_core(&cprm);
			fput(cprm.file);
		}
	}
	coredump_finish(core_dumped);
}

bool dump_emit(struct coredump_params *cprm, const void *addr, size_t nr)
{
	if (cprm->to_skip) {              /* the hole: the next write lands past it */
		cprm->pos += cprm->to_skip;
		cprm->to_skip = 0;
	}
	if (nr > cprm->limit - cprm->written)
		return false;
	if (__kernel_write(cprm->file, addr, nr, &cprm->pos) != (ssize_t)nr)
		return false;
	cprm->written += nr;
	return true;
}

void dump_skip(struct coredump_params *cprm, size_t nr)
{
	cprm->to_skip += nr;
}

void dump_align(struct coredump_params *cprm, size_t align)
{
	loff_t end = cprm->pos + cprm->to_skip;

	cprm->to_skip += (align - (end & (align - 1))) & (align - 1);
}
