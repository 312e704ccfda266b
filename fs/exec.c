/* fs/exec.c: the back half of execve for static ELF32 programs. Everything
 * that can fail is done before the point of no return, on a new address
 * space the caller does not run on yet: open and check the file, following
 * a "#!" script to its interpreter (binfmt_script.c, binfmt_elf.c), gather the strings and lay out the initial stack
 * (exec_args.c), map each PT_LOAD segment as a private file-backed VMA
 * whose tail past the file reads as zero (bss), map the stack, and write
 * the stack image into it. Then the task switches to the new mm and drops
 * the old one (mmput; or, for PID 1 still a kernel thread, mmdrop of the
 * borrowed active_mm: c14), closes its close-on-exec fds, and its register frame is set to enter the
 * program with every register 0. A failure before that leaves the caller
 * untouched and returns -errno. */
#include <kernel.h>
#include <binfmts.h>
#include <elf.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <fs_struct.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <mount.h>
#include <pid.h>
#include <random.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <asm/elf.h>
#include <asm/irqflags.h>
#include <asm/mmu_context.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/ptrace.h>
#include <uapi/linux/stat.h>
#include <trace/events.h>

#define STACK_INITIAL  (32 * PAGE_SIZE)    /* mapped below the arguments at start */

/* Open path for exec, as Linux's do_open_execat: execute permission
 * (MAY_EXEC) on a regular file on a mount without MS_NOEXEC, else
 * -EACCES (fs/open.c's may_open); no read permission is needed (a
 * --x--x--x program runs), though the kernel reads it. */
static struct file *open_exec(const char *path)
{
	struct dentry *cwd = current_cwd(), *root = current_root();
	struct open_flags op = { O_RDONLY, 0, MAY_EXEC };
	struct file *f = do_filp_open(root, cwd, path, &op);

	dput(root);
	dput(cwd);
	return f;
}

static unsigned long segment_vm_flags(u32 prot)
{
	return calc_vm_prot_bits(prot);
}

static int map_segments(struct mm_struct *mm, const struct elf_image *img, struct file *f)
{
	unsigned long end_code = 0, end_data = 0;

	for (int i = 0; i < img->nr_segments; i++) {
		const struct elf_segment *s = &img->seg[i];
		unsigned long start = s->vaddr & PAGE_MASK;
		unsigned long end = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
		int err = mmap_region(mm, start, end - start, segment_vm_flags(s->prot), f,
				      s->offset - (s->vaddr - start), s->vaddr + s->filesz);

		if (err)
			return err;
		if (s->prot & PROT_EXEC) {
			mm->start_code = mm->start_code ? min(mm->start_code, start) : start;
			end_code = max(end_code, s->vaddr + s->filesz);
		} else {
			mm->start_data = mm->start_data ? min(mm->start_data, start) : start;
			end_data = max(end_data, s->vaddr + s->filesz);
		}
	}
	mm->end_code = end_code;
	mm->end_data = end_data;
	mm->start_brk = mm->brk = img->brk;
	return 0;
}

/* Write len bytes to user address uaddr of mm (not the running one):
 * each page is faulted in there and written through kmap. */
static int copy_to_mm(struct mm_struct *mm, unsigned long uaddr, const void *src, size_t len)
{
	while (len) {
		struct vm_area_struct *vma = find_vma(mm, uaddr);
		size_t off = uaddr & ~PAGE_MASK, n = min(len, PAGE_SIZE - off);
		struct page *page;
		u8 *kaddr;
		int err;

		if (!vma || vma->vm_start > uaddr)
			return -EFAULT;
		if ((err = handle_mm_fault(vma, uaddr, FAULT_WRITE)))
			return err;
		page = pfn_to_page(pte_phys(*user_pte(mm, uaddr)) >> PAGE_SHIFT);
		kaddr = kmap(page);
		memcpy(kaddr + off, src, n);
		kunmap(page);
		uaddr += n;
		src = (const u8 *)src + n;
		len -= n;
	}
	return 0;
}

/* The ids the new program runs with (Linux's bprm_fill_uid and
 * cap_bprm_creds_from_file): the effective uid becomes a setuid file's
 * owner, the effective gid a setgid file's group (with group execute:
 * setgid without it marks mandatory locking), unless no_new_privs is set
 * or the file is on a nosuid mount. The saved and filesystem ids then
 * follow the effective ones, at every exec. The program runs "secure"
 * (AT_SECURE: its libc ignores LD_PRELOAD and the like) when its
 * effective ids are not its real ones. */
static void fill_creds(struct exec_creds *c, const struct file *f)
{
	const struct inode *inode = f->f_inode;
	bool may_suid = !current->no_new_privs && !d_nosuid(f->f_dentry);

	c->uid = current->uid;
	c->euid = current->euid;
	c->gid = current->gid;
	c->egid = current->egid;
	if (may_suid && (inode->i_mode & S_ISUID))
		c->euid = inode->i_uid;
	if (may_suid && (inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP))
		c->egid = inode->i_gid;
	c->secure = c->euid != c->uid || c->egid != c->gid;
	c->hwcap = ELF_HWCAP;
	get_random_bytes(c->random, sizeof(c->random));
}

/* After the point of no return: the new program's ids are current's. As
 * Linux, the new address space is dumpable only if the old effective ids
 * were the real ones (begin_new_exec) and, as commit_creds, no id that
 * permission checks see changed; a change also clears the parent-death
 * signal, so that a parent cannot signal a program that gained privilege. */
static void commit_exec_creds(const struct exec_creds *c)
{
	struct task_struct *tsk = current;
	bool changed = c->euid != tsk->euid || c->euid != tsk->fsuid ||
		       c->egid != tsk->egid || c->egid != tsk->fsgid;

	tsk->mm->dumpable = tsk->euid == tsk->uid && tsk->egid == tsk->gid && !changed;
	if (changed)
		tsk->pdeath_signal = 0;
	tsk->euid = tsk->suid = tsk->fsuid = c->euid;
	tsk->egid = tsk->sgid = tsk->fsgid = c->egid;
}

/* The new address space, complete: segments, stack and its contents. */
static struct mm_struct *build_mm(struct exec_args *a, const struct elf_image *img,
				  struct file *f, const struct exec_creds *cred, unsigned long *esp)
{
	struct mm_struct *mm;
	unsigned long stack_start;
	int err;

	if ((err = exec_build_stack(a, img, cred, STACK_TOP, esp)))
		return ERR_PTR(err);
	mm = mm_alloc();
	if (!mm)
		return ERR_PTR(-ENOMEM);
	stack_start = (*esp & PAGE_MASK) - STACK_INITIAL;
	err = map_segments(mm, img, f);
	if (!err)
		err = mmap_region(mm, stack_start, STACK_TOP - stack_start,
				  VM_READ | VM_WRITE | (img->exec_stack ? VM_EXEC : 0) |
				  VM_GROWSDOWN, NULL, 0, 0);
	if (!err)
		err = copy_to_mm(mm, *esp, exec_stack_image(a, STACK_TOP, *esp),
				 STACK_TOP - *esp);
	if (err) {
		mmput(mm);
		return ERR_PTR(err);
	}
	mm->start_stack = *esp;
	/* the strings exec_build_stack put at the top: argv's, then envp's */
	mm->arg_start = STACK_TOP - 4 - a->used;
	mm->arg_end = mm->env_start = mm->arg_start + a->argv_len;
	mm->env_end = mm->env_start + a->envp_len;
	mm->exe_file = get_file(f);
	memcpy(mm->saved_auxv, exec_stack_image(a, STACK_TOP, a->auxv_at), sizeof(mm->saved_auxv));
	return mm;
}

/* The point of no return: run on mm from now on, let go of the old one
 * (its CLEARTID word is written while it is still the running mm). */
static void exec_mmap(struct mm_struct *mm)
{
	struct task_struct *tsk = current;
	struct mm_struct *old = tsk->mm, *active = tsk->active_mm;
	unsigned long flags;

	if (old)
		mm_release(tsk, old);
	flags = local_irq_save();
	tsk->mm = tsk->active_mm = mm;
	switch_mm(active, mm);
	local_irq_restore(flags);
	if (old)
		mmput(old);
	else
		mmdrop(active);          /* a kernel thread's borrowed mm (c14) */
}

/* Is tsk the only thread left, but for a leader that is a zombie? */
static bool others_gone(struct task_struct *tsk)
{
	struct task_struct *t;

	for_each_thread(tsk, t)
		if (t != tsk && !(t == tsk->group_leader && t->exit_state))
			return false;
	return true;
}

/* A thread that execs becomes its group's leader: it takes the leader's
 * pid (so the process keeps its pid), its place on the parent's children
 * list, with SIGCHLD as its exit signal (Linux's de_thread); the old
 * leader, a zombie, is released with the thread's old pid. Interrupts off. */
static void take_leader_place(struct task_struct *tsk, struct task_struct *leader)
{
	exchange_tids(tsk, leader);       /* the pid, and the pidfds with it */
	tsk->real_parent = leader->real_parent;
	tsk->parent = leader->parent;
	tsk->pgid = leader->pgid;
	tsk->sid = leader->sid;
	tsk->start_time = leader->start_time;
	list_replace_init(&leader->sibling, &tsk->sibling);
	tsk->group_leader = leader->group_leader = tsk;
	tsk->exit_signal = SIGCHLD;      /* as Linux: a process again, whatever the old one's */
	leader->exit_signal = -1;
}

/* execve in a group of several threads (Linux's de_thread): every other
 * thread is killed and waited for; a non-leader caller then takes the
 * leader's place. -EAGAIN if the group is already ending, -EINTR if we are
 * killed while waiting (the others die anyway, as in Linux). */
static int de_thread(struct task_struct *tsk)
{
	struct signal_struct *sig = tsk->signal;
	struct task_struct *leader = tsk->group_leader;
	unsigned long flags;

	if (thread_group_empty(tsk))
		return 0;
	if ((sig->flags & SIGNAL_GROUP_EXIT) || sig->group_exec_task)
		return -EAGAIN;
	sig->group_exec_task = tsk;
	read_lock(&tasklist_lock);       /* a thread reaping itself unlinks under it */
	zap_other_threads(tsk);
	read_unlock(&tasklist_lock);
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (others_gone(tsk) || fatal_signal_pending(tsk))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	sig->group_exec_task = NULL;
	if (!others_gone(tsk))
		return -EINTR;
	if (leader != tsk) {
		write_lock_irqsave(&tasklist_lock, flags);
		take_leader_place(tsk, leader);
		write_unlock_irqrestore(&tasklist_lock, flags);
		release_task(leader);
	}
	return 0;
}

static void set_comm_from_path(const char *path)
{
	const char *slash = strrchr(path, '/');

	set_task_comm(current, slash ? slash + 1 : path);
}

/* Open the program path names: the file itself, or for a "#!" script its
 * interpreter (fs/binfmt_script.c rewrites a's argv for it), followed as
 * Linux's exec_binprm does, an interpreter being a script itself at most
 * BINPRM_MAX_DEPTH times (-ELOOP past it). The caller reads the ELF file
 * returned. */
static struct file *open_binprm(const char *path, struct exec_args *a)
{
	char interp[BINPRM_BUF_SIZE];
	const char *name = path;

	for (int depth = 0;; depth++) {
		struct file *f;
		int ret;

		if (depth > BINPRM_MAX_DEPTH)
			return ERR_PTR(-ELOOP);
		f = open_exec(name);
		if (IS_ERR(f))
			return f;
		ret = load_script(f, name, a, interp);
		if (ret == 0)
			return f;                /* not a script: the ELF check is next */
		fput(f);
		if (ret < 0) {
			if (ret == -ENOEXEC)
				pr_info("exec %s: a bad #! line\n", name);
			return ERR_PTR(ret);
		}
		name = interp;
	}
}

/* Contract: replace current's program by the ELF file at path, with the
 * argument and environment strings the caller gathered into a; regs is the
 * frame current returns to user mode through. Returns 0 with current on
 * the new address space and regs set to enter the program (start_thread),
 * or -errno from a step before the point of no return, with current's
 * address space, files, handlers, name and frame as they were (but for a
 * group's other threads, which de_thread has ended for good, as in Linux).
 * Process context, interrupts on (de_thread sleeps; exec_mmap turns them
 * off only around the CR3 switch); left on. */
static int exec_binprm(const char *path, struct exec_args *a, struct pt_regs *regs)
{
	struct file *f = open_binprm(path, a);
	pid_t old_pid = current->pid;    /* de_thread may give us the leader's */
	struct exec_creds cred;
	struct elf_image img;
	struct mm_struct *mm;
	unsigned long esp;
	int err;

	if (IS_ERR(f))
		return PTR_ERR(f);
	fill_creds(&cred, f);           /* the ELF file's bits: a script's own are ignored */
	err = elf_read_image(f, &img);
	if (!err && (err = exec_set_filename(a, path)) == 0) {
		mm = build_mm(a, &img, f, &cred, &esp);
		err = IS_ERR(mm) ? PTR_ERR(mm) : 0;
	}
	if (!err && (err = de_thread(current)))
		mmput(mm);
	if (err) {
		if (err == -ENOEXEC)
			pr_info("exec %s: %s\n", path, img.why);
		fput(f);
		return err;
	}
	/* The point of no return: the old address space goes here, so there
	 * is nothing left to return an error to; all that can fail is above. */
	exec_mmap(mm);
	commit_exec_creds(&cred);
	fput(f);                         /* the VMAs hold their own references */
	close_on_exec(current->files);
	clear_TLS(current);
	flush_signal_handlers(current);     /* handlers are gone with the old image */
	exit_posix_timers(current->signal); /* so are POSIX timers; itimers stay */
	current->flags &= ~PF_KTHREAD;
	set_comm_from_path(path);
	trace_sched_process_exec(current, old_pid, path);
	start_thread(regs, img.entry, esp);
	return 0;
}

/* Gather argv and envp (from user or kernel memory), then exec. */
static int do_execve_common(const char *path, const void *argv, const void *envp,
			    bool user, struct pt_regs *regs)
{
	struct exec_args a;
	int err = exec_args_init(&a);

	if (err)
		return err;
	for (int env = 0; env < 2 && !err; env++) {
		const void *strs = env ? envp : argv;

		err = user ? exec_copy_strings_user(&a, strs, env)
			   : exec_copy_strings_kernel(&a, strs, env);
	}
	if (!err)
		err = exec_binprm(path, &a, regs);
	exec_args_free(&a);
	return err;
}

int do_execve_user(const char *path, const u32 *uargv, const u32 *uenvp, struct pt_regs *regs)
{
	return do_execve_common(path, uargv, uenvp, true, regs);
}

int do_execve_kernel(const char *path, const char *const *argv, const char *const *envp,
		     struct pt_regs *regs)
{
	return do_execve_common(path, argv, envp, false, regs);
}

/* A kernel thread becomes a user process: exec, then leave through the
 * trap exit on the frame at the top of our stack. Returns only on error. */
int kernel_execve(const char *path, const char *const *argv, const char *const *envp)
{
	struct pt_regs *regs = task_pt_regs(current);
	int err = do_execve_kernel(path, argv, envp, regs);

	if (err)
		return err;
	ret_to_user(regs);
}
