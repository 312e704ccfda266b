/* kernel/sys_rlimit.c: resource limits from user space: getrlimit (the old
 * call, 76), ugetrlimit (191), setrlimit (75) and prlimit64 (340), with
 * Linux's rules. The limits live in signal_struct (one set per thread
 * group, inherited at fork: include/sched/signal.h). Changing one: a soft
 * limit above the hard one is -EINVAL; raising a hard limit needs euid 0
 * (Linux's CAP_SYS_RESOURCE), else -EPERM; RLIMIT_NOFILE cannot go above
 * the fd table (NR_OPEN_DEFAULT; Linux's nr_open), -EPERM. What enforces
 * them: RLIMIT_NPROC at fork (kernel/fork_limits.c), RLIMIT_NOFILE when an
 * fd is allocated (fs/file.c), RLIMIT_STACK when the stack grows
 * (mm/memory.c; never beyond the 8 MiB gap of the layout, STACK_RLIMIT).
 * The others are kept and reported, not enforced. */
#include <kernel.h>
#include <errno.h>
#include <fdtable.h>
#include <pid.h>
#include <resource.h>
#include <sched.h>
#include <sched/signal.h>
#include <syscall.h>
#include <asm/uaccess.h>

#define RLIM64_INFINITY (~0ULL)

struct rlimit64 {
	u64 rlim_cur;
	u64 rlim_max;
};

/* Read and/or change one limit of p; old (if not NULL) gets the value from
 * before the change. 0 or -errno. */
static int do_prlimit(struct task_struct *p, unsigned int resource,
		      const struct rlimit *new, struct rlimit *old)
{
	struct rlimit *rlim;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	rlim = &p->signal->rlim[resource];
	if (new) {
		if (new->rlim_cur > new->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && new->rlim_max > NR_OPEN_DEFAULT)
			return -EPERM;
		if (new->rlim_max > rlim->rlim_max && current->euid != 0)
			return -EPERM;
	}
	if (old)
		*old = *rlim;
	if (new)
		*rlim = *new;
	return 0;
}

long sys_getrlimit(u32 resource, u32 urlim, u32 c, u32 d, u32 e, u32 f)
{
	struct rlimit r;
	int err = do_prlimit(current, resource, NULL, &r);

	if (err)
		return err;
	if (r.rlim_cur > 0x7fffffff)        /* the old ABI's infinity */
		r.rlim_cur = 0x7fffffff;
	if (r.rlim_max > 0x7fffffff)
		r.rlim_max = 0x7fffffff;
	return copy_to_user((void *)urlim, &r, sizeof(r)) ? -EFAULT : 0;
}

long sys_ugetrlimit(u32 resource, u32 urlim, u32 c, u32 d, u32 e, u32 f)
{
	struct rlimit r;
	int err = do_prlimit(current, resource, NULL, &r);

	if (err)
		return err;
	return copy_to_user((void *)urlim, &r, sizeof(r)) ? -EFAULT : 0;
}

long sys_setrlimit(u32 resource, u32 urlim, u32 c, u32 d, u32 e, u32 f)
{
	struct rlimit r;

	if (copy_from_user(&r, (void *)urlim, sizeof(r)))
		return -EFAULT;
	return do_prlimit(current, resource, &r, NULL);
}

/* Another process's limits: only with all its uids and gids equal to the
 * caller's real uid/gid, or as root (Linux's check_prlimit_permission). */
static bool may_prlimit(const struct task_struct *p)
{
	const struct task_struct *c = current;

	if (p == c || c->euid == 0)
		return true;
	return p->uid == c->uid && p->euid == c->uid && p->suid == c->uid &&
	       p->gid == c->gid && p->egid == c->gid && p->sgid == c->gid;
}

static unsigned long rlim64_to_rlim(u64 v)
{
	return v >= RLIM_INFINITY ? RLIM_INFINITY : (unsigned long)v;
}

static u64 rlim_to_rlim64(unsigned long v)
{
	return v == RLIM_INFINITY ? RLIM64_INFINITY : v;
}

/* prlimit64(pid, resource, new, old): pid 0 is the caller. The target is
 * held by a reference from its lookup to the end (it may exit meanwhile,
 * on another CPU). */
long sys_prlimit64(u32 upid, u32 resource, u32 unew, u32 uold, u32 e, u32 f)
{
	struct rlimit64 n64, o64;
	struct rlimit new, old;
	struct task_struct *p;
	int err;

	if (unew) {
		if (copy_from_user(&n64, (void *)unew, sizeof(n64)))
			return -EFAULT;
		new.rlim_cur = rlim64_to_rlim(n64.rlim_cur);
		new.rlim_max = rlim64_to_rlim(n64.rlim_max);
	}
	if ((pid_t)upid) {
		p = find_get_task_by_pid((pid_t)upid);
	} else {
		p = current;
		get_task_struct(p);
	}
	if (!p)
		return -ESRCH;
	err = !p->signal ? -ESRCH : !may_prlimit(p) ? -EPERM :
	      do_prlimit(p, resource, unew ? &new : NULL, uold ? &old : NULL);
	put_task_struct(p);
	if (err || !uold)
		return err;
	o64.rlim_cur = rlim_to_rlim64(old.rlim_cur);
	o64.rlim_max = rlim_to_rlim64(old.rlim_max);
	return copy_to_user((void *)uold, &o64, sizeof(o64)) ? -EFAULT : 0;
}
