/* kernel/sys_proc.c: the process system calls of the i386 ABI: creating
 * (fork, vfork, clone, clone3), replacing (execve), ending (exit,
 * exit_group) and waiting for processes (wait4, waitpid, waitid), their
 * identity (pids, ids, process groups and sessions) and glibc's thread
 * start-up calls. Calls that need the caller's register frame find it at
 * the top of the kernel stack (task_pt_regs): a system call always enters
 * from user mode. */
#include <kernel.h>
#include <binfmts.h>
#include <errno.h>
#include <fs.h>                 /* PATH_MAX */
#include <pid.h>
#include <sched.h>
#include <sched/cputime.h>
#include <sched/signal.h>
#include <slab.h>
#include <syscall.h>
#include <timer.h>
#include <tty.h>
#include <asm/irqflags.h>
#include <asm/page.h>
#include <asm/ptrace.h>
#include <asm/uaccess.h>
#include <uapi/linux/fcntl.h>
#include <uapi/linux/time.h>
#include <uapi/linux/wait.h>

/* fork, vfork, clone and clone3 are four doors to do_fork (kernel/fork.c),
 * the one path by which every task is made. */
long sys_fork(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct kernel_clone_args args = { .flags = SIGCHLD };

	return do_fork(&args, task_pt_regs(current));
}

long sys_vfork(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct kernel_clone_args args = { .flags = CLONE_VFORK | CLONE_VM | SIGCHLD };

	return do_fork(&args, task_pt_regs(current));
}

/* clone(flags, newsp, parent_tid, tls, child_tid), Linux's i386 order:
 * every flag and validity rule is copy_process's (kernel/fork.c). With
 * CLONE_PIDFD the pidfd's number goes where parent_tid points, as Linux's
 * (so CLONE_PARENT_SETTID with it is EINVAL). */
long sys_clone(u32 flags, u32 newsp, u32 ptid, u32 tls, u32 ctid, u32 f)
{
	struct kernel_clone_args args = {
		.flags = flags, .stack = newsp,
		.parent_tid = ptid, .child_tid = ctid, .tls = tls, .pidfd = ptid,
	};

	return do_fork(&args, task_pt_regs(current));
}

#define CLONE3_MAX_SET_TID 32            /* Linux's MAX_PID_NS_LEVEL */

/* clone3's checks of struct clone_args before the flags, in Linux's order
 * (copy_clone_args_from_user): set_tid_size at most 32 and set_tid and
 * set_tid_size both given or both 0; an exit signal of at most _NSIG (0 is
 * none); no CLONE_INTO_CGROUP (Tasklab has no cgroups), all -EINVAL; then
 * the set_tid array copied into set_tid (-EFAULT). */
static int clone3_args_from_user(const struct clone_args *a, pid_t *set_tid)
{
	if (a->set_tid_size > CLONE3_MAX_SET_TID || !a->set_tid != !a->set_tid_size)
		return -EINVAL;
	if (a->exit_signal > _NSIG)
		return -EINVAL;
	if (a->flags & CLONE_INTO_CGROUP)
		return -EINVAL;
	if (a->set_tid && copy_from_user(set_tid, (void *)(unsigned long)a->set_tid,
					 a->set_tid_size * sizeof(pid_t)))
		return -EFAULT;
	return 0;
}

/* Then the flags and the stack (Linux's clone3_args_valid), false for
 * -EINVAL: no bits beyond clone's 32 but CLONE_CLEAR_SIGHAND; not
 * CLONE_DETACHED nor CSIGNAL bits (clone3 has exit_signal), CLONE_NEWTIME
 * aside, which is refused too (no time namespaces); CLEAR_SIGHAND not with
 * SIGHAND (the handlers would be shared); no exit signal for a thread or a
 * CLONE_PARENT child (their parent is not told by one of their own); a
 * stack and its size both given or both 0, within user space. Pointers
 * and the stack are 32 bits here: the high halves are dropped, as Linux
 * does on i386. */
static bool clone3_args_valid(const struct clone_args *a)
{
	unsigned long stack = a->stack, size = a->stack_size;

	if (a->flags & ~(0xffffffffULL | CLONE_CLEAR_SIGHAND))
		return false;
	if (a->flags & (CLONE_DETACHED | CSIGNAL))
		return false;
	if ((a->flags & CLONE_SIGHAND) && (a->flags & CLONE_CLEAR_SIGHAND))
		return false;
	if ((a->flags & (CLONE_THREAD | CLONE_PARENT)) && a->exit_signal)
		return false;
	if (!stack != !size)
		return false;
	return !stack || access_ok((void *)stack, size);
}

/* clone3(uargs, size): clone with its arguments in a struct clone_args
 * (include/uapi/linux/sched.h) of size bytes: E2BIG past a page or for a
 * non-zero byte past the struct Tasklab knows (88 bytes, Linux 5.7's),
 * EINVAL below the first version's 64; EFAULT for a bad uargs. Then the
 * checks above, and everything clone's do_fork checks (kernel/fork.c). The
 * exit signal travels to do_fork in CSIGNAL, as clone's; the child's stack
 * pointer starts at stack + stack_size; set_tid asks for a given pid (root
 * only). glibc 2.34+ creates its threads with clone3 first. */
long sys_clone3(u32 uargs, u32 usize, u32 c, u32 d, u32 e, u32 f)
{
	struct kernel_clone_args args;
	pid_t set_tid[CLONE3_MAX_SET_TID];
	struct clone_args a;
	int err;

	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	if ((err = copy_struct_from_user(&a, sizeof(a), (void *)uargs, usize)) ||
	    (err = clone3_args_from_user(&a, set_tid)))
		return err;
	if (!clone3_args_valid(&a))
		return -EINVAL;
	args = (struct kernel_clone_args){
		.flags = a.flags | a.exit_signal,
		.stack = a.stack ? (unsigned long)a.stack + (unsigned long)a.stack_size : 0,
		.parent_tid = a.parent_tid, .child_tid = a.child_tid, .tls = a.tls,
		.pidfd = a.pidfd, .set_tid = set_tid, .set_tid_size = a.set_tid_size,
	};
	return do_fork(&args, task_pt_regs(current));
}

long sys_execve(u32 upath, u32 uargv, u32 uenvp, u32 d, u32 e, u32 f)
{
	char *path = kmalloc(PATH_MAX, GFP_KERNEL);
	long n;

	if (!path)
		return -ENOMEM;
	n = strncpy_from_user(path, (const char *)upath, PATH_MAX);
	if (n == PATH_MAX)
		n = -ENAMETOOLONG;
	if (n >= 0)
		n = do_execve_user(path, (const u32 *)uargv, (const u32 *)uenvp,
				   task_pt_regs(current));
	kfree(path);
	return n;
}

long sys_exit(u32 code, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	do_exit((code & 0xff) << 8);
}

/* exit ends the calling thread; exit_group every thread of its group. */
long sys_exit_group(u32 code, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	do_group_exit((code & 0xff) << 8);
}

/* wait4(pid, status, options, rusage): pid > 0 that child, -1 any child,
 * 0 any child in the caller's process group, < -1 any in group -pid
 * (INT_MIN: ESRCH, as Linux); a thread group is reported when its last
 * thread is gone; __WCLONE, __WALL and __WNOTHREAD as Linux (do_wait);
 * WUNTRACED and WCONTINUED report a child's stop and continue once. The
 * status word is Linux's: exit code << 8, the killing signal, 0x7f | stop
 * signal << 8, or 0xffff; the rusage is the child's
 * (kernel/sched/cputime.c). A bad status or rusage pointer is -EFAULT
 * after the child was reaped, as in Linux. */
long sys_wait4(u32 upid, u32 ustatus, u32 options, u32 urusage, u32 e, u32 f)
{
	struct rusage32 ru;
	struct wait_opts wo;
	pid_t ret;

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WALL | __WCLONE | __WNOTHREAD))
		return -EINVAL;
	if ((ret = wait4_opts((pid_t)upid, options, &wo)))
		return ret;
	wo.rusage = urusage ? &ru : NULL;
	ret = do_wait(&wo);
	if (ret > 0 && ustatus && put_user_u32(wo.status, (u32 *)ustatus))
		return -EFAULT;
	if (ret > 0 && urusage && copy_to_user((void *)urusage, &ru, sizeof(ru)))
		return -EFAULT;
	return ret;
}

long sys_waitpid(u32 pid, u32 status, u32 options, u32 d, u32 e, u32 f)
{
	return sys_wait4(pid, status, options, 0, 0, 0);
}

/* The fields waitid writes in its siginfo (Linux writes only these). */
struct waitid_info {
	int si_signo, si_errno, si_code;
	int si_pid;
	u32 si_uid;
	int si_status;
};

/* P_PIDFD: the child the pidfd names (kernel/pidfd.c), by its number
 * while it has one; once reaped it matches no child (ECHILD), never a new
 * owner of its number. An O_NONBLOCK pidfd (PIDFD_NONBLOCK) waits as
 * WNOHANG. EINVAL for a negative fd, EBADF for one not open or not a
 * pidfd (Linux's kernel_waitid). */
static int waitid_pidfd(pid_t fd, struct wait_opts *wo)
{
	struct task_struct *p;
	unsigned int f_flags;
	struct pid *pid;

	if (fd < 0)
		return -EINVAL;
	pid = pidfd_get_pid(fd, &f_flags);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	wo->type = PIDTYPE_PID;
	p = get_pid_task(pid);
	wo->pid = p ? p->pid : 0;        /* no child has pid 0 */
	if (p)
		put_task_struct(p);
	if (f_flags & O_NONBLOCK)
		wo->flags |= WNOHANG;
	put_pid(pid);
	return 0;
}

/* waitid's idtype and id as a wait: P_ALL, P_PID (id > 0), P_PGID (id 0:
 * the caller's group), P_PIDFD (id a pidfd). */
static int waitid_opts(u32 which, pid_t id, int options, struct wait_opts *wo)
{
	*wo = (struct wait_opts){ .flags = options, .pid = id };
	switch (which) {
	case P_ALL:
		wo->type = PIDTYPE_MAX;
		return 0;
	case P_PID:
		wo->type = PIDTYPE_PID;
		return id > 0 ? 0 : -EINVAL;
	case P_PGID:
		wo->type = PIDTYPE_PGID;
		if (!id)
			wo->pid = current->pgid;
		return id >= 0 ? 0 : -EINVAL;
	case P_PIDFD:
		return waitid_pidfd(id, wo);
	default:
		return -EINVAL;
	}
}

/* The siginfo of what do_wait reported (all zero when nothing was). */
static void fill_waitid_info(const struct wait_opts *wo, pid_t ret, struct waitid_info *wi)
{
	*wi = (struct waitid_info){ 0 };
	if (ret <= 0)
		return;
	wi->si_signo = SIGCHLD;
	wi->si_pid = ret;
	wi->si_uid = wo->uid;
	if (wo->cause == CLD_STOPPED)
		wi->si_status = (wo->status >> 8) & 0xff;
	else if (wo->cause == CLD_CONTINUED)
		wi->si_status = SIGCONT;
	wi->si_code = wo->cause == CLD_EXITED ? cld_code(wo->status, &wi->si_status) : wo->cause;
}

/* waitid(idtype, id, infop, options, rusage): which children as above, and
 * what to report: WEXITED (ends), WSTOPPED, WCONTINUED (at least one, else
 * EINVAL); WNOWAIT leaves the child reportable; WNOHANG with nothing ready
 * returns 0 with a zeroed siginfo, as Linux, but a nonblocking pidfd
 * without WNOHANG is EAGAIN then (Linux 5.10+). infop gets si_signo SIGCHLD,
 * si_code CLD_*, si_pid, si_uid and si_status; rusage the child's. ECHILD,
 * EINTR (restarted under SA_RESTART), EFAULT after the wait. */
long sys_waitid(u32 which, u32 upid, u32 uinfo, u32 options, u32 urusage, u32 f)
{
	struct waitid_info wi;
	struct rusage32 ru;
	struct wait_opts wo;
	long ret;

	if (options & ~(WNOHANG | WNOWAIT | WEXITED | WSTOPPED | WCONTINUED |
			__WNOTHREAD | __WCLONE | __WALL))
		return -EINVAL;
	if (!(options & (WEXITED | WSTOPPED | WCONTINUED)))
		return -EINVAL;
	if ((ret = waitid_opts(which, (pid_t)upid, (int)options, &wo)))
		return ret;
	wo.rusage = urusage ? &ru : NULL;
	ret = do_wait(&wo);
	if (ret == 0 && (wo.flags & ~options & WNOHANG))
		return -EAGAIN;          /* the pidfd's O_NONBLOCK asked, not the caller */
	if (ret < 0)
		return ret;
	fill_waitid_info(&wo, ret, &wi);
	if (uinfo && copy_to_user((void *)uinfo, &wi, sizeof(wi)))
		return -EFAULT;
	if (ret > 0 && urusage && copy_to_user((void *)urusage, &ru, sizeof(ru)))
		return -EFAULT;
	return 0;
}

long sys_getpid(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return current->tgid; }
long sys_gettid(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return current->pid; }
long sys_getppid(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return current->real_parent ? current->real_parent->tgid : 0;
}
long sys_getuid(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return current->uid; }
long sys_getgid(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return current->gid; }

/* The task pid names for setpgid/getpgid/getsid: 0 is the caller. */
static struct task_struct *pid_task(pid_t pid)
{
	return pid == 0 ? current : find_task_by_pid(pid);
}

/* A process group and session belong to the process: every thread of p's
 * group gets them (each task keeps a copy; Linux keeps one in the group's
 * signal_struct). */
static void set_group_ids(struct task_struct *p, pid_t pgid, pid_t sid)
{
	struct task_struct *t;

	for_each_thread(p, t) {
		t->pgid = pgid;
		t->sid = sid;
	}
}

/* True when a process group pgid exists in session sid. A zombie not yet
 * reaped still counts, as in Linux (it stays attached to its group until
 * release_task): a shell puts a pipeline's second command into the group of
 * the first, which may already have exited; refusing that left the second
 * command in the shell's group, and its tcsetpgrp to the first's group then
 * failed with ESRCH once the shell had reaped the first. */
static bool pgrp_in_session(pid_t pgid, pid_t sid)
{
	struct task_struct *q;

	for_each_process(q)
		if (q->pgid == pgid && q->sid == sid)
			return true;
	return false;
}

/* setpgid(pid, pgid): the caller's process or one of its children (a child
 * of any of its threads), into a group of the caller's session (pgid 0:
 * its own pid); a group other than its own pid must already exist in that
 * session (EPERM otherwise, as Linux). Called with tasklist_lock held for
 * writing: the group's members and the target's parentage stay as they
 * are meanwhile. */
static long do_setpgid(pid_t pid, pid_t pgid)
{
	struct task_struct *p = pid_task(pid);

	if (!p || (p->tgid != current->tgid && p->real_parent->tgid != current->tgid))
		return -ESRCH;
	p = p->group_leader;
	if (p->sid != current->sid || p->sid == p->pid)
		return -EPERM;        /* another session, or a session leader */
	if (!pgid)
		pgid = p->pid;
	if (pgid != p->pid && !pgrp_in_session(pgid, p->sid))
		return -EPERM;
	set_group_ids(p, pgid, p->sid);
	return 0;
}

long sys_setpgid(u32 upid, u32 upgid, u32 c, u32 d, u32 e, u32 f)
{
	unsigned long flags;
	long ret;

	if ((pid_t)upgid < 0)
		return -EINVAL;
	write_lock_irqsave(&tasklist_lock, flags);
	ret = do_setpgid((pid_t)upid, (pid_t)upgid);
	write_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* getpgid (sid false) and getsid (sid true) of pid, 0 the caller: looked
 * up and read under tasklist_lock. */
static long get_pgid_or_sid(pid_t pid, bool sid)
{
	struct task_struct *p;
	long ret = -ESRCH;

	read_lock(&tasklist_lock);
	p = pid_task(pid);
	if (p)
		ret = sid ? p->sid : p->pgid;
	read_unlock(&tasklist_lock);
	return ret;
}

long sys_getpgid(u32 pid, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return get_pgid_or_sid((pid_t)pid, false);
}

long sys_getpgrp(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return current->pgid;
}

/* Is there a process group pgid: a task in it, a zombie not yet reaped
 * included (as Linux, where it stays attached to its group until then)? */
static bool pgrp_exists(pid_t pgid)
{
	struct task_struct *q;

	for_each_process(q)
		if (q->pgid == pgid)
			return true;
	return false;
}

/* A new session and group led by the caller's process (its tgid), unless
 * a process group with that id exists (the caller leads one, or one it
 * led lives on in other processes): EPERM, as Linux. The new session has
 * no controlling terminal yet. */
long sys_setsid(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	struct task_struct *p = current->group_leader;
	unsigned long flags;
	bool exists;

	write_lock_irqsave(&tasklist_lock, flags);
	exists = pgrp_exists(p->pid);
	if (!exists)
		set_group_ids(p, p->pid, p->pid);
	write_unlock_irqrestore(&tasklist_lock, flags);
	if (exists)
		return -EPERM;
	proc_clear_tty(p);
	return p->sid;
}

long sys_getsid(u32 pid, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	return get_pgid_or_sid((pid_t)pid, true);
}

/* glibc's start-up: set_tid_address records the word the thread's exit
 * zeroes and futex-wakes (as CLONE_CHILD_CLEARTID) and returns the tid;
 * set_robust_list is accepted with Linux's size check and ignored (no
 * robust-futex cleanup at exit); rseq is not offered (glibc falls back). */
long sys_set_tid_address(u32 tidptr, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	current->clear_child_tid = tidptr;
	return current->pid;
}

long sys_set_robust_list(u32 head, u32 len, u32 c, u32 d, u32 e, u32 f)
{
	return len == 12 ? 0 : -EINVAL;
}

long sys_sched_yield(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f)
{
	yield();
	return 0;
}

