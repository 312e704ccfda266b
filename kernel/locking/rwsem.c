/* kernel/locking/rwsem.c: reader/writer semaphores (include/rwsem.h). The
 * state (count, writers_waiting) is guarded by s->wait_lock; sleepers of
 * both kinds wait on s->wait and re-try when woken. A writer announces
 * itself (writers_waiting) before it sleeps, and from then on no new reader
 * enters: writers are not starved. Releases wake everyone: readers all get
 * in together, writers race for the one place. */
#include <kernel.h>
#include <rwsem.h>
#include <sched.h>

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

void __init_rwsem(struct rw_semaphore *s, const char *name)
{
	__spin_lock_init(&s->wait_lock, "rw_semaphore.wait_lock");
	s->count = 0;
	s->writers_waiting = 0;
	__init_waitqueue_head(&s->wait, "rw_semaphore.wait.lock");
	s->dep_map = (struct lockdep_map)STATIC_LOCKDEP_MAP_INIT(name);
}

static bool try_read(struct rw_semaphore *s, bool trylock)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&s->wait_lock, flags);
	ok = s->count >= 0 && (trylock || !s->writers_waiting);
	if (ok)
		s->count++;
	spin_unlock_irqrestore(&s->wait_lock, flags);
	return ok;
}

/* waiting: the caller counted itself in writers_waiting; count it out on success. */
static bool try_write(struct rw_semaphore *s, bool waiting)
{
	unsigned long flags;
	bool ok;

	spin_lock_irqsave(&s->wait_lock, flags);
	ok = s->count == 0;
	if (ok) {
		s->count = -1;
		s->writers_waiting -= waiting;
	}
	spin_unlock_irqrestore(&s->wait_lock, flags);
	return ok;
}

static void rwsem_acquire(struct rw_semaphore *s, const char *what, int kind, unsigned long ip)
{
	lockdep_might_sleep(what, ip);
	if (debug_locks)
		lock_acquire(&s->dep_map, kind, ip);
}

void down_read(struct rw_semaphore *s)
{
	rwsem_acquire(s, "down_read", LD_SLEEP_READ, _RET_IP_);
	wait_event(s->wait, try_read(s, false));
}

void down_write(struct rw_semaphore *s)
{
	unsigned long flags;

	rwsem_acquire(s, "down_write", LD_SLEEP, _RET_IP_);
	spin_lock_irqsave(&s->wait_lock, flags);
	s->writers_waiting++;
	spin_unlock_irqrestore(&s->wait_lock, flags);
	wait_event(s->wait, try_write(s, true));
}

int down_read_trylock(struct rw_semaphore *s)
{
	if (!try_read(s, true))
		return 0;
	if (debug_locks)
		lock_acquire(&s->dep_map, LD_SLEEP_READ, _RET_IP_);
	return 1;
}

int down_write_trylock(struct rw_semaphore *s)
{
	if (!try_write(s, false))
		return 0;
	if (debug_locks)
		lock_acquire(&s->dep_map, LD_SLEEP, _RET_IP_);
	return 1;
}

void up_read(struct rw_semaphore *s)
{
	unsigned long flags;
	bool last;

	__lock_release(&s->dep_map);
	spin_lock_irqsave(&s->wait_lock, flags);
	last = --s->count == 0;
	spin_unlock_irqrestore(&s->wait_lock, flags);
	if (last)
		wake_up_all(&s->wait);
}

void up_write(struct rw_semaphore *s)
{
	unsigned long flags;

	__lock_release(&s->dep_map);
	spin_lock_irqsave(&s->wait_lock, flags);
	s->count = 0;
	spin_unlock_irqrestore(&s->wait_lock, flags);
	wake_up_all(&s->wait);
}
