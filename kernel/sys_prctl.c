/* kernel/sys_prctl.c: prctl (172), the options Tasklab has state for
 * (include/uapi/linux/prctl.h); any other option is EINVAL, as Linux
 * answers one it does not know.
 *
 *   PR_SET_NAME/PR_GET_NAME      the thread's comm (15 bytes and a NUL; the
 *                                task listing and gdb's tl-ps show it)
 *   PR_SET_PDEATHSIG/_GET_       a signal the thread gets when the thread
 *                                that created it exits (send_pdeath_signal,
 *                                from the reparenting in kernel/exit.c);
 *                                not inherited by fork, cleared when the
 *                                effective ids change
 *   PR_SET_CHILD_SUBREAPER/_GET_ the process adopts the orphans of its
 *                                descendants before PID 1 does
 *   PR_SET_DUMPABLE/_GET_        the address space's dumpable flag (1 at
 *                                exec, 0 when the effective ids change)
 *   PR_SET_NO_NEW_PRIVS/_GET_    set for good and inherited: exec of a
 *                                set-user-ID or set-group-ID file then
 *                                changes no id (fs/exec.c) */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <syscall.h>
#include <asm/uaccess.h>
#include <uapi/linux/prctl.h>

void send_pdeath_signal(struct task_struct *t)
{
	struct kernel_siginfo info = { .si_signo = t->pdeath_signal, .si_code = SI_USER };

	info.kill.pid = current->tgid;         /* the parent that is exiting */
	info.kill.uid = current->uid;
	send_sig_info(t->pdeath_signal, &info, t, true);
}

static long prctl_set_name(u32 uname)
{
	char comm[TASK_COMM_LEN];

	memset(comm, 0, sizeof(comm));
	if (strncpy_from_user(comm, (const char *)uname, sizeof(comm) - 1) < 0)
		return -EFAULT;
	set_task_comm(current, comm);
	return 0;
}

/* comm zero-padded to its 16 bytes, as Linux copies it. */
static long prctl_get_name(u32 uname)
{
	char comm[TASK_COMM_LEN];

	memset(comm, 0, sizeof(comm));
	strlcpy(comm, current->comm, sizeof(comm));
	return copy_to_user((void *)uname, comm, sizeof(comm)) ? -EFAULT : 0;
}

static long put_int(int value, u32 uaddr)
{
	return put_user_u32((u32)value, (u32 *)uaddr) ? -EFAULT : 0;
}

static long prctl_dumpable(bool set, u32 value)
{
	struct mm_struct *mm = current->mm;

	if (!set)
		return mm ? mm->dumpable : 0;
	if (value != SUID_DUMP_DISABLE && value != SUID_DUMP_USER)
		return -EINVAL;
	if (mm)
		mm->dumpable = (int)value;
	return 0;
}

/* PR_*_NO_NEW_PRIVS take no other argument: anything but zeros is EINVAL. */
static long prctl_no_new_privs(bool set, u32 a2, u32 a3, u32 a4, u32 a5)
{
	if (a3 || a4 || a5 || (set ? a2 != 1 : a2 != 0))
		return -EINVAL;
	if (!set)
		return current->no_new_privs;
	current->no_new_privs = true;
	return 0;
}

long sys_prctl(u32 option, u32 a2, u32 a3, u32 a4, u32 a5, u32 f)
{
	switch (option) {
	case PR_SET_PDEATHSIG:
		if (a2 > _NSIG)
			return -EINVAL;
		current->pdeath_signal = (int)a2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_int(current->pdeath_signal, a2);
	case PR_SET_DUMPABLE:
	case PR_GET_DUMPABLE:
		return prctl_dumpable(option == PR_SET_DUMPABLE, a2);
	case PR_SET_NAME:
		return prctl_set_name(a2);
	case PR_GET_NAME:
		return prctl_get_name(a2);
	case PR_SET_CHILD_SUBREAPER:
		current->signal->is_child_subreaper = a2 != 0;
		return 0;
	case PR_GET_CHILD_SUBREAPER:
		return put_int(current->signal->is_child_subreaper, a2);
	case PR_SET_NO_NEW_PRIVS:
	case PR_GET_NO_NEW_PRIVS:
		return prctl_no_new_privs(option == PR_SET_NO_NEW_PRIVS, a2, a3, a4, a5);
	default:
		return -EINVAL;
	}
}
