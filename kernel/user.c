/* kernel/user.c: the per-user records (Linux's user_struct, seed claim
 * c29). Each real uid in use has one record, found through a small hash by
 * uid and shared by all of that user's tasks; it counts them (threads
 * included) so fork can check RLIMIT_NPROC in O(1) instead of walking the
 * task list. A record is made when a uid is first used (setuid) and freed
 * with its last reference (its last task reaped). Root's record is static.
 * No lock: the kernel is not preemptible and no interrupt handler touches
 * these records, so code between two sleeps owns them. */
#include <kernel.h>
#include <errno.h>
#include <resource.h>
#include <sched.h>
#include <sched/signal.h>
#include <sched/user.h>
#include <slab.h>

#define UIDHASH_BITS 5
#define UIDHASH_SIZE (1 << UIDHASH_BITS)

static struct list_head uidhash_table[UIDHASH_SIZE];
static bool uidhash_ready;
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

struct user_struct *alloc_uid(unsigned int uid)
{
	struct user_struct *up;

	if (!uidhash_ready)
		uidhash_init();
	up = uid_hash_find(uid);
	if (up)
		return get_uid(up);
	up = kmalloc(sizeof(*up), GFP_KERNEL);
	if (!up)
		return NULL;
	up->count = 1;
	up->processes = 0;
	up->sigpending = 0;
	up->uid = uid;
	list_add(&up->uidhash_list, uidhashentry(uid));
	__atomic_add_fetch(&nr_user_structs, 1, __ATOMIC_RELAXED);
	return up;
}

/* The last reference is gone (free_uid). */
void __free_uid(struct user_struct *up)
{
	BUG_ON(up == &root_user);
	list_del(&up->uidhash_list);
	kfree(up);
	__atomic_sub_fetch(&nr_user_structs, 1, __ATOMIC_RELAXED);
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
	    (unsigned long)new_user->processes >= current->signal->rlim[RLIMIT_NPROC].rlim_cur) {
		free_uid(new_user);
		return -EAGAIN;
	}
	new_user->processes++;
	current->user = new_user;
	old_user->processes--;
	free_uid(old_user);
	return 0;
}
