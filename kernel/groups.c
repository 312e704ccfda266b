/* kernel/groups.c: supplementary groups, getgroups and setgroups in both
 * of the i386 ABI's forms (getgroups32/setgroups32, 205/206, with 32-bit
 * gids; getgroups/setgroups, 80/81, with 16-bit ones, where a gid above
 * 65535 reads as 65534 and 0xffff is -1). Linux's rules:
 *   getgroups(size, list): size < 0 -EINVAL; size 0 returns the count and
 *     writes nothing; a size below the count -EINVAL; a bad list -EFAULT.
 *   setgroups(size, list): not root (Linux's CAP_SETGID) -EPERM first; a
 *     size above NGROUPS_MAX (65536, taken unsigned) -EINVAL; a bad list
 *     -EFAULT, a gid of -1 -EINVAL, and nothing changes. The list is kept sorted, as Linux's
 *     groups_sort, so getgroups gives the gids in ascending order.
 * Groups belong to a task (Linux: to its cred): fork shares the set, and
 * setgroups changes the caller's alone (glibc makes every thread call it). */
#include <kernel.h>
#include <cred.h>
#include <errno.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <asm/uaccess.h>

#define OVERFLOW_GID 65534              /* a 16-bit view of a large gid */

struct group_info init_groups = { .usage = 1 };
unsigned long nr_group_infos;

static struct group_info *groups_alloc(int n)
{
	struct group_info *gi = kmalloc(sizeof(*gi) + n * sizeof(gi->gid[0]), GFP_KERNEL);

	if (!gi)
		return NULL;
	gi->usage = 1;
	gi->ngroups = n;
	__atomic_add_fetch(&nr_group_infos, 1, __ATOMIC_RELAXED);
	return gi;
}

void put_group_info(struct group_info *gi)
{
	if (__atomic_sub_fetch(&gi->usage, 1, __ATOMIC_ACQ_REL) == 0) {
		BUG_ON(gi == &init_groups);
		__atomic_sub_fetch(&nr_group_infos, 1, __ATOMIC_RELAXED);
		kfree(gi);
	}
}

/* Ascending order (a heap sort: up to 65536 gids, no recursion). */
static void sift_down(unsigned int *g, int root, int n)
{
	for (int child; (child = 2 * root + 1) < n; root = child) {
		unsigned int t;

		if (child + 1 < n && g[child + 1] > g[child])
			child++;
		if (g[root] >= g[child])
			return;
		t = g[root];
		g[root] = g[child];
		g[child] = t;
	}
}

static void groups_sort(struct group_info *gi)
{
	unsigned int *g = gi->gid, t;

	for (int i = gi->ngroups / 2 - 1; i >= 0; i--)
		sift_down(g, i, gi->ngroups);
	for (int n = gi->ngroups - 1; n > 0; n--) {
		t = g[0];
		g[0] = g[n];
		g[n] = t;
		sift_down(g, 0, n);
	}
}

/* Binary search of the sorted set. */
static bool groups_search(const struct group_info *gi, unsigned int gid)
{
	int lo = 0, hi = gi->ngroups;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (gi->gid[mid] == gid)
			return true;
		if (gi->gid[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Linux's in_group_p: is gid the caller's filesystem gid or one of its
 * supplementary groups? (The permission checks, fs/namei.c.) */
bool in_group_p(unsigned int gid)
{
	return gid == current->fsgid || groups_search(current->group_info, gid);
}

static void set_current_groups(struct group_info *gi)
{
	struct group_info *old = current->group_info;

	current->group_info = get_group_info(gi);
	put_group_info(old);
}

/* Both getgroups: write the gids (4 or 2 bytes each) and return the count. */
static long do_getgroups(int size, u32 ulist, bool wide)
{
	const struct group_info *gi = current->group_info;

	if (size < 0)
		return -EINVAL;
	if (size == 0)
		return gi->ngroups;
	if (size < gi->ngroups)
		return -EINVAL;
	for (int i = 0; i < gi->ngroups; i++) {
		unsigned int g = gi->gid[i];
		u16 g16 = g > 0xffff ? OVERFLOW_GID : g;

		bool fault = wide ? put_user_u32(g, (u32 *)ulist + i) != 0
				  : copy_to_user((u16 *)ulist + i, &g16, sizeof(g16)) != 0;

		if (fault)
			return -EFAULT;
	}
	return gi->ngroups;
}

/* Read one gid of a user list (a 16-bit 0xffff is -1, as Linux's low2highgid). */
static int get_gid(u32 ulist, int i, bool wide, unsigned int *gid)
{
	u16 g16;

	if (wide)
		return get_user_u32(gid, (u32 *)ulist + i);
	if (copy_from_user(&g16, (u16 *)ulist + i, sizeof(g16)))
		return -EFAULT;
	*gid = g16 == 0xffff ? (unsigned int)-1 : g16;
	return 0;
}

static long do_setgroups(int size, u32 ulist, bool wide)
{
	struct group_info *gi;

	if (current->euid != 0)                 /* Linux: CAP_SETGID */
		return -EPERM;
	if ((unsigned int)size > NGROUPS_MAX)
		return -EINVAL;
	gi = groups_alloc(size);
	if (!gi)
		return -ENOMEM;
	for (int i = 0; i < size; i++) {
		int err = get_gid(ulist, i, wide, &gi->gid[i]);

		if (!err && gi->gid[i] == (unsigned int)-1)
			err = -EINVAL;              /* not a gid (Linux: gid_valid) */
		if (err) {
			put_group_info(gi);
			return err;
		}
	}
	groups_sort(gi);
	set_current_groups(gi);
	put_group_info(gi);
	return 0;
}

long sys_getgroups(u32 size, u32 list, u32 c, u32 d, u32 e, u32 f) { return do_getgroups((int)size, list, true); }
long sys_setgroups(u32 size, u32 list, u32 c, u32 d, u32 e, u32 f) { return do_setgroups((int)size, list, true); }
long sys_getgroups16(u32 size, u32 list, u32 c, u32 d, u32 e, u32 f) { return do_getgroups((int)size, list, false); }
long sys_setgroups16(u32 size, u32 list, u32 c, u32 d, u32 e, u32 f) { return do_setgroups((int)size, list, false); }
