/* kernel/locking/mutex.c: struct mutex (include/mutex.h). The lock word,
 * the owner, is taken by an atomic compare-and-exchange; a task that
 * loses sleeps exclusively on the mutex's wait queue and tries again when
 * woken, so one unlock wakes one waiter. No wake-up is lost: a waiter queues and sets its state under the
 * queue's lock before it tries the word, and unlock clears the word (a
 * full barrier) before it looks for waiters. The checker sees the acquire before any
 * sleep, so an inversion is reported before it could deadlock. */
#include <kernel.h>
#include <errno.h>
#include <mutex.h>
#include <sched.h>

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

void __mutex_init(struct mutex *m, const char *name)
{
	m->owner = NULL;
	__init_waitqueue_head(&m->wait, "mutex.wait.lock");
	m->dep_map = (struct lockdep_map)STATIC_LOCKDEP_MAP_INIT(name);
}

static bool __mutex_trylock(struct mutex *m)
{
	return __sync_bool_compare_and_swap(&m->owner, NULL, current);
}

static void mutex_acquire(struct mutex *m, const char *what, unsigned long ip)
{
	lockdep_might_sleep(what, ip);
	if (debug_locks)
		lock_acquire(&m->dep_map, LD_SLEEP, ip);
}

void __mutex_lock(struct mutex *m)
{
	mutex_acquire(m, "mutex_lock", _RET_IP_);
	wait_event_exclusive(m->wait, __mutex_trylock(m));
}

/* An exclusive waiter that leaves on a signal may have taken the wake-up
 * meant for the next one: it passes it on if the mutex is free. */
int mutex_lock_interruptible(struct mutex *m)
{
	DEFINE_WAIT(w);
	int ret = 0;

	mutex_acquire(m, "mutex_lock_interruptible", _RET_IP_);
	for (;;) {
		prepare_to_wait_exclusive(&m->wait, &w, TASK_INTERRUPTIBLE);
		if (__mutex_trylock(m))
			break;
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&m->wait, &w);
	if (ret) {
		__lock_release(&m->dep_map);
		if (!m->owner)
			wake_up(&m->wait);
	}
	return ret;
}

int mutex_trylock(struct mutex *m)
{
	if (!__mutex_trylock(m))
		return 0;
	if (debug_locks)
		lock_acquire(&m->dep_map, LD_SLEEP, _RET_IP_);
	return 1;
}

void __mutex_unlock(struct mutex *m)
{
	__lock_release(&m->dep_map);
	/* an exchange, not a plain store: a full barrier, so the queue is
	 * read after the word is seen free (a waiter queues, then tries) */
	(void)__atomic_exchange_n(&m->owner, NULL, __ATOMIC_SEQ_CST);
	if (waitqueue_active(&m->wait))
		wake_up(&m->wait);
}
