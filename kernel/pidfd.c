/* kernel/pidfd.c: pidfds, file descriptors that name a process (Linux
 * 5.3+). A pidfd is an anonymous file (fs/anon_inodes.c) whose
 * private_data holds a reference on the process's struct pid (include/
 * pid.h), not on the task: the task may exit and be reaped, its number may
 * go to a new process, and the pidfd still names the old one, which is
 * then gone (ESRCH), never the newcomer. A pidfd is made by clone's
 * CLONE_PIDFD (kernel/fork.c) or pidfd_open; pidfd_send_signal signals
 * through it (kernel/kill.c), pidfd_getfd copies a file from the process,
 * poll reports it readable once the whole process has ended, and
 * waitid(P_PIDFD) waits for it (pidfd_get_pid). As in Linux 6.1, a pidfd
 * names a process (a thread group leader), never a lone thread; it is
 * opened O_RDWR and close-on-exec, with O_NONBLOCK when asked. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <fs.h>
#include <pid.h>
#include <poll.h>
#include <sched.h>
#include <syscall.h>
#include <uapi/linux/pidfd.h>

static __poll_t pidfd_poll(struct file *f, poll_table *pt)
{
	struct pid *pid = f->private_data;

	poll_wait(f, &pid->wait_pidfd, pt);
	return thread_group_exited(pid) ? POLLIN | POLLRDNORM : 0;
}

static void pidfd_release(struct file *f)
{
	put_pid(f->private_data);
}

/* No read, write or ioctl: those are EINVAL and ENOTTY, as in Linux. */
const struct file_operations pidfd_fops = {
	.poll = pidfd_poll,
	.release = pidfd_release,
};

struct file *pidfd_file(struct pid *pid, unsigned int flags)
{
	struct file *f = anon_inode_getfile("[pidfd]", &pidfd_fops, get_pid(pid), flags);

	if (IS_ERR(f))
		put_pid(pid);
	return f;
}

struct pid *pidfd_pid(const struct file *f)
{
	return f->f_op == &pidfd_fops ? f->private_data : ERR_PTR(-EBADF);
}

struct pid *pidfd_get_pid(unsigned int fd, unsigned int *flags)
{
	struct fd f = fdget((int)fd);
	struct pid *pid;

	if (!f.file)
		return ERR_PTR(-EBADF);
	pid = pidfd_pid(f.file);
	if (!IS_ERR(pid)) {
		*flags = f.file->f_flags;
		get_pid(pid);
	}
	fdput(f);
	return pid;
}

/* pidfd_open(pid, flags): a pidfd for process pid, close-on-exec, the
 * lowest free fd. EINVAL: flags other than PIDFD_NONBLOCK, pid <= 0, or a
 * pid that is a thread but not its group's leader; ESRCH: no such task (a
 * zombie not yet reaped is found: its pidfd polls readable at once);
 * EMFILE, ENOMEM. */
long sys_pidfd_open(u32 upid, u32 flags, u32 c, u32 d, u32 e, u32 f)
{
	pid_t nr = (pid_t)upid;
	struct task_struct *p;
	struct pid *pid;
	int fd;

	if (flags & ~PIDFD_NONBLOCK)
		return -EINVAL;
	if (nr <= 0)
		return -EINVAL;
	p = find_get_task_by_pid(nr);
	if (!p)
		return -ESRCH;
	pid = thread_group_leader(p) ? get_task_pid(p) : ERR_PTR(-EINVAL);
	put_task_struct(p);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	if (!pid)
		return -ENOMEM;
	fd = anon_inode_getfd("[pidfd]", &pidfd_fops, pid, flags | O_CLOEXEC);
	if (fd < 0)
		put_pid(pid);
	return fd;
}

/* Linux's ptrace_may_access(PTRACE_MODE_ATTACH_REALCREDS), which guards
 * pidfd_getfd: the caller's own process; root (CAP_SYS_PTRACE); or a
 * caller whose real uid and gid are each of the target's real, effective
 * and saved ids (a setuid program is off limits). */
static bool may_take_files(const struct task_struct *p)
{
	const struct task_struct *c = current;

	if (p->tgid == c->tgid || c->euid == 0)
		return true;
	return c->uid == p->uid && c->uid == p->euid && c->uid == p->suid &&
	       c->gid == p->gid && c->gid == p->egid && c->gid == p->sgid;
}

/* pidfd_getfd(pidfd, targetfd, flags): a new fd of ours, close-on-exec,
 * on the same open file as the process's targetfd (as if passed over a
 * socket). EINVAL: flags not 0; EBADF: pidfd is not a pidfd, or the
 * process has no targetfd; ESRCH: the process was reaped; EPERM:
 * may_take_files says no; EMFILE. */
long sys_pidfd_getfd(u32 pidfd, u32 targetfd, u32 flags, u32 d, u32 e, u32 f)
{
	unsigned int f_flags;
	struct file *file = NULL;
	struct task_struct *task;
	struct pid *pid;
	long ret = -EBADF;               /* no such fd in the process */

	if (flags)
		return -EINVAL;
	pid = pidfd_get_pid(pidfd, &f_flags);
	if (IS_ERR(pid))
		return PTR_ERR(pid);
	task = get_pid_task(pid);
	put_pid(pid);
	if (!task)
		ret = -ESRCH;
	else if (!may_take_files(task))
		ret = -EPERM;
	else
		file = fget_task(task, (int)targetfd);
	if (task)
		put_task_struct(task);
	if (!file)
		return ret;
	ret = get_unused_fd(0);
	if (ret < 0)
		fput(file);
	else
		fd_install(ret, file, true);
	return ret;
}
