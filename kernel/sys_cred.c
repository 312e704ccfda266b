/* kernel/sys_cred.c: user and group identities (setuid32 and friends), with
 * Linux 2.6's rules. A task has a real, an effective and a saved id of each
 * kind; privilege is euid 0 (Linux's CAP_SETUID/CAP_SETGID). An ordinary
 * user may only move its ids among the three it already has: anything else
 * is -EPERM. A fourth id of each kind, the filesystem id, is what file
 * permission checks compare with (fs/namei.c): every call here that
 * succeeds sets it to the new effective id, as Linux's; setfsuid and
 * setfsgid move it alone (a file server acting for a user, without
 * giving that user the right to signal it). Changing the real uid moves the task to that user's
 * user_struct (set_user), which may refuse with -EAGAIN when the new user
 * is at the caller's RLIMIT_NPROC, as Linux 2.6 did (Linux 3.1 moved that
 * failure to the next execve). The i386 ABI has each call twice: the
 * 32-bit ids (getuid32 ...) and the old 16-bit ones, where 0xffff means
 * "unchanged" and an id above 65535 reads as 65534 (the overflow id). */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/user.h>
#include <syscall.h>
#include <asm/uaccess.h>

#define NO_ID       ((unsigned int)-1)    /* "leave this id as it is" */
#define OVERFLOW_ID 65534                 /* a 16-bit view of a large id */

/* The ids of one kind of current; `uid` tells which kind. */
struct id_set {
	unsigned int *r, *e, *s, *fs;
	bool uid;
};

static struct id_set uids(void)
{
	return (struct id_set){ &current->uid, &current->euid, &current->suid, &current->fsuid, true };
}

static struct id_set gids(void)
{
	return (struct id_set){ &current->gid, &current->egid, &current->sgid, &current->fsgid, false };
}

static bool capable_setid(void)
{
	return current->euid == 0;
}

/* id is NO_ID or one of the caller's three. */
static bool own_id(struct id_set ids, unsigned int id)
{
	return id == NO_ID || id == *ids.r || id == *ids.e || id == *ids.s;
}

/* The effective and filesystem ids become e and fs. When either changes,
 * as Linux's commit_creds, the address space stops being dumpable
 * (suid_dumpable 0) and the parent-death signal is cleared (prctl,
 * kernel/sys_prctl.c). */
static void set_effective(struct id_set ids, unsigned int e, unsigned int fs)
{
	if (e == *ids.e && fs == *ids.fs)
		return;
	*ids.e = e;
	*ids.fs = fs;
	if (current->mm)
		current->mm->dumpable = 0;
	current->pdeath_signal = 0;
}

/* Set the ids that are not NO_ID, and the filesystem id to the effective
 * one; no permission check. The real uid first: it is the one that can
 * fail. */
static long commit_ids(struct id_set ids, unsigned int r, unsigned int e, unsigned int s)
{
	if (ids.uid && r != NO_ID && r != *ids.r) {
		int err = set_user(r);

		if (err)
			return err;
	}
	if (r != NO_ID)
		*ids.r = r;
	if (e == NO_ID)
		e = *ids.e;
	set_effective(ids, e, e);
	if (s != NO_ID)
		*ids.s = s;
	return 0;
}

/* setresuid: each id given must be one of the caller's, unless privileged. */
static long do_setres(struct id_set ids, unsigned int r, unsigned int e, unsigned int s)
{
	if (!capable_setid() && !(own_id(ids, r) && own_id(ids, e) && own_id(ids, s)))
		return -EPERM;
	return commit_ids(ids, r, e, s);
}

/* setreuid: the real id may become the effective one, the effective id any
 * of the three; the saved id follows the new effective id when the real id
 * is set or the effective one becomes other than the real one. */
static long do_setre(struct id_set ids, unsigned int r, unsigned int e)
{
	unsigned int s = NO_ID;

	if (!capable_setid() && ((r != NO_ID && r != *ids.r && r != *ids.e) || !own_id(ids, e)))
		return -EPERM;
	if (r != NO_ID || (e != NO_ID && e != *ids.r))
		s = e != NO_ID ? e : *ids.e;
	return commit_ids(ids, r, e, s);
}

/* setuid: privileged, all three; otherwise only the effective id, to the
 * real or the saved one. -1 is no id here: -EINVAL, as Linux. */
static long do_set(struct id_set ids, unsigned int id)
{
	if (id == NO_ID)
		return -EINVAL;           /* not an id (Linux: uid_valid) */
	if (capable_setid())
		return commit_ids(ids, id, id, id);
	if (id != *ids.r && id != *ids.s)
		return -EPERM;
	set_effective(ids, id, id);
	return 0;
}

/* setfsuid/setfsgid: the filesystem id becomes id when it is one of the
 * caller's real, effective, saved or filesystem ids, or the caller is
 * privileged; either way the call returns the old one and never fails
 * (Linux's: setfsuid(-1) is how one asks). */
static long do_setfs(struct id_set ids, unsigned int id)
{
	unsigned int old = *ids.fs;

	if (id != NO_ID && (own_id(ids, id) || id == old || capable_setid()))
		set_effective(ids, *ids.e, id);
	return old;
}

static long do_getres(struct id_set ids, u32 rp, u32 ep, u32 sp)
{
	if (put_user_u32(*ids.r, (u32 *)rp) || put_user_u32(*ids.e, (u32 *)ep) ||
	    put_user_u32(*ids.s, (u32 *)sp))
		return -EFAULT;
	return 0;
}

long sys_geteuid(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return current->euid; }
long sys_getegid(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return current->egid; }
long sys_setuid(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f) { return do_set(uids(), id); }
long sys_setgid(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f) { return do_set(gids(), id); }
long sys_setreuid(u32 r, u32 e, u32 c, u32 d, u32 e5, u32 f) { return do_setre(uids(), r, e); }
long sys_setregid(u32 r, u32 e, u32 c, u32 d, u32 e5, u32 f) { return do_setre(gids(), r, e); }
long sys_setresuid(u32 r, u32 e, u32 s, u32 d, u32 e5, u32 f) { return do_setres(uids(), r, e, s); }
long sys_setresgid(u32 r, u32 e, u32 s, u32 d, u32 e5, u32 f) { return do_setres(gids(), r, e, s); }
long sys_getresuid(u32 r, u32 e, u32 s, u32 d, u32 e5, u32 f) { return do_getres(uids(), r, e, s); }
long sys_getresgid(u32 r, u32 e, u32 s, u32 d, u32 e5, u32 f) { return do_getres(gids(), r, e, s); }
long sys_setfsuid(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f) { return do_setfs(uids(), id); }
long sys_setfsgid(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f) { return do_setfs(gids(), id); }

/* --- the 16-bit calls ----------------------------------------------- */

static unsigned int low2high(u32 id16)
{
	return (id16 & 0xffff) == 0xffff ? NO_ID : id16 & 0xffff;
}

static long high2low(unsigned int id)
{
	return id > 0xffff ? OVERFLOW_ID : id;
}

static long do_getres16(struct id_set ids, u32 rp, u32 ep, u32 sp)
{
	u16 v[3] = { high2low(*ids.r), high2low(*ids.e), high2low(*ids.s) };

	if (copy_to_user((void *)rp, &v[0], 2) || copy_to_user((void *)ep, &v[1], 2) ||
	    copy_to_user((void *)sp, &v[2], 2))
		return -EFAULT;
	return 0;
}

long sys_getuid16(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return high2low(current->uid); }
long sys_geteuid16(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return high2low(current->euid); }
long sys_getgid16(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return high2low(current->gid); }
long sys_getegid16(u32 a, u32 b, u32 c, u32 d, u32 e, u32 f) { return high2low(current->egid); }
long sys_setuid16(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f) { return do_set(uids(), low2high(id)); }
long sys_setgid16(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f) { return do_set(gids(), low2high(id)); }
long sys_setreuid16(u32 r, u32 e, u32 c, u32 d, u32 e5, u32 f)
{
	return do_setre(uids(), low2high(r), low2high(e));
}
long sys_setregid16(u32 r, u32 e, u32 c, u32 d, u32 e5, u32 f)
{
	return do_setre(gids(), low2high(r), low2high(e));
}
long sys_setresuid16(u32 r, u32 e, u32 s, u32 d, u32 e5, u32 f)
{
	return do_setres(uids(), low2high(r), low2high(e), low2high(s));
}
long sys_setresgid16(u32 r, u32 e, u32 s, u32 d, u32 e5, u32 f)
{
	return do_setres(gids(), low2high(r), low2high(e), low2high(s));
}
/* The 16-bit setfsuid/setfsgid return the old id whole, as Linux's. */
long sys_setfsuid16(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f) { return do_setfs(uids(), low2high(id)); }
long sys_setfsgid16(u32 id, u32 b, u32 c, u32 d, u32 e, u32 f) { return do_setfs(gids(), low2high(id)); }
long sys_getresuid16(u32 r, u32 e, u32 s, u32 d, u32 e5, u32 f) { return do_getres16(uids(), r, e, s); }
long sys_getresgid16(u32 r, u32 e, u32 s, u32 d, u32 e5, u32 f) { return do_getres16(gids(), r, e, s); }
