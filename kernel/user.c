/* kernel/user.c: the per-user records (Linux's user_struct, seed claim
 * c29). Each real uid in use has one record, found through a small hash by
 * uid and shared by all of that user's tasks; it counts them (threads
 * included) so fork can check RLIMIT_NPROC in O(1) instead of walking the
 * task list. A record is made when a uid is first used (setuid) and freed
 * with its last reference (its last task reaped). Root's record is static.
 * On several CPUs: the hash is guarded by uidhash_lock, and a record's
 * counts change by atomic operations (its tasks fork and are reaped under
 * tasklist_lock, but its signals are queued under each process's own
 * siglock and setuid holds neither). The last reference is dropped under
 * uidhash_lock (Linux's atomic_dec_and_lock), so a lookup never finds a
 * record on its way out. */
#include <kernel.h>
#include <errno.h>
#include <resource.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <slab.h>

#define UIDHASH_BITS 5
#define UIDHASH_SIZE (1 << UIDHASH_BITS)

static struct list_head uidhash_table[UIDHASH_SIZE];   /* uidhash_lock */
static bool uidhash_ready;
/* Taken with interrupts off: a record's last reference may go under
 * tasklist_lock held for writing (release_task) or under a siglock. */
static DEFINE_SPINLOCK(uidhash_lock);
unsigned long nr_user_structs;

struct user_struct root_user = {
	.count = 1,                       /* the static reference: never freed */
	.processes = 1,                   /* init_task */
	.uid = 0,
	.uidhash_list = LIST_HEAD_INIT(root_user.uidhash_list),
};

static struct list_head *uidhashentry(unsigned int uid)
{
	return &uidhash_table[(uid ^ (uid >> UIDHASH_BITS)) & (UIDHASH_SIZE - 1)];
}

static void uidhash_init(void)
{
	for (int i = 0; i < UIDHASH_SIZE; i++)
		INIT_LIST_HEAD(&uidhash_table[i]);
	list_add(&root_user.uidhash_list, uidhashentry(0));
	uidhash_ready = true;
}

static struct user_struct *uid_hash_find(unsigned int uid)
{
	struct user_struct *up;

	list_for_each_entry(up, uidhashentry(uid), uidhash_list)
		if (up->uid == uid)
			return up;
	return NULL;
}

/* The record of uid with a reference taken, or NULL; uidhash_lock held. */
static struct user_struct *uid_hash_get(unsigned int uid)
{
	struct user_struct *up;

	if (!uidhash_ready)
		uidhash_init();
	up = uid_hash_find(uid);
	return up ? get_uid(up) : NULL;
}

struct user_struct *alloc_uid(unsigned int uid)
{
	struct user_struct *up, *new;
	unsigned long flags;

	spin_lock_irqsave(&uidhash_lock, flags);
	up = uid_hash_get(uid);
	spin_unlock_irqrestore(&uidhash_lock, flags);
	if (up)
		return up;
	new = kmalloc(sizeof(*new), GFP_KERNEL);
	if (!new)
		return NULL;
	*new = (struct user_struct){ .count = 1, .uid = uid };
	spin_lock_irqsave(&uidhash_lock, flags);
	up = uid_hash_get(uid);          /* another CPU made it meanwhile? */
	if (!up)
		list_add(&new->uidhash_list, uidhashentry(uid));
	spin_unlock_irqrestore(&uidhash_lock, flags);
	if (up) {
		kfree(new);
		return up;
	}
	__atomic_add_fetch(&nr_user_structs, 1, __ATOMIC_RELAXED);
	return new;
}

/* What may be the last reference goes (free_uid): under uidhash_lock, so
 * alloc_uid cannot take a new one on a record being freed. */
void __free_uid(struct user_struct *up)
{
	unsigned long flags;

	spin_lock_irqsave(&uidhash_lock, flags);
	if (__atomic_sub_fetch(&up->count, 1, __ATOMIC_ACQ_REL)) {
		spin_unlock_irqrestore(&uidhash_lock, flags);
		return;
	}
	BUG_ON(up == &root_user);
	list_del(&up->uidhash_list);
	spin_unlock_irqrestore(&uidhash_lock, flags);
	kfree(up);
	__atomic_sub_fetch(&nr_user_structs, 1, __ATOMIC_RELAXED);
}

/* p->user is read by a signal's sender under p's siglock (its sigqueue
 * charge) and by /proc under tasklist_lock: change it under both. */
static void switch_user(struct task_struct *p, struct user_struct *new_user)
{
	unsigned long flags;

	write_lock_irqsave(&tasklist_lock, flags);
	spin_lock(&p->sighand->siglock);
	p->user = new_user;
	spin_unlock(&p->sighand->siglock);
	write_unlock_irqrestore(&tasklist_lock, flags);
}

int set_user(unsigned int new_ruid)
{
	struct user_struct *new_user, *old_user = current->user;

	if (old_user->uid == new_ruid)
		return 0;
	new_user = alloc_uid(new_ruid);
	if (!new_user)
		return -EAGAIN;
	if (new_user != &root_user &&
	    (unsigned long)READ_ONCE(new_user->processes) >= current->signal->rlim[RLIMIT_NPROC].rlim_cur) {
		free_uid(new_user);
		return -EAGAIN;
	}
	__atomic_add_fetch(&new_user->processes, 1, __ATOMIC_RELAXED);
	switch_user(current, new_user);
	__atomic_sub_fetch(&old_user->processes, 1, __ATOMIC_RELAXED);
	free_uid(old_user);              /* no reader is left on it */
	return 0;
}
