/* kernel/locking/rwsem.c: reader/writer semaphores (include/rwsem.h). The
 * state is one atomic word, count: the number of readers inside, or -1 for
 * a writer; each change is one compare-and-exchange, so the uncontended
 * down_read/up_read pair (every page fault's) takes no spinlock at all.
 * Sleepers of both kinds wait on s->wait and try again when woken. A
 * writer announces itself (writers_waiting) before it sleeps, and from then
 * on no new reader enters: writers are not starved. No wake-up is lost: a
 * sleeper queues (and sets its state) before it tries, a release changes
 * count by a locked instruction (a full barrier) before it looks at the
 * queue; releases wake everyone, readers all get in, writers race. */
#include <kernel.h>
#include <rwsem.h>
#include <sched.h>

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

void __init_rwsem(struct rw_semaphore *s, const char *name)
{
	s->count = 0;
	s->writers_waiting = 0;
	__init_waitqueue_head(&s->wait, "rw_semaphore.wait.lock");
	s->dep_map = (struct lockdep_map)STATIC_LOCKDEP_MAP_INIT(name);
}

static void rwsem_acquire(struct rw_semaphore *s, const char *what, int kind, unsigned long ip)
{
	lockdep_might_sleep(what, ip);
	if (debug_locks)
		lock_acquire(&s->dep_map, kind, ip);
}

/* down_read's and down_write's slow paths (include/rwsem.h has the fast
 * ones): the checker's record (its call site is the caller's), and the
 * wait. */
void __down_read(struct rw_semaphore *s)
{
	rwsem_acquire(s, "down_read", LD_SLEEP_READ, _RET_IP_);
	wait_event(s->wait, __rwsem_try_read(s, false));
}

void __down_write(struct rw_semaphore *s)
{
	rwsem_acquire(s, "down_write", LD_SLEEP, _RET_IP_);
	if (__rwsem_try_write(s, false))
		return;
	__sync_fetch_and_add(&s->writers_waiting, 1);
	wait_event(s->wait, __rwsem_try_write(s, true));
}

int down_read_trylock(struct rw_semaphore *s)
{
	if (!__rwsem_try_read(s, true))
		return 0;
	if (debug_locks)
		lock_acquire_try(&s->dep_map, LD_SLEEP_READ, _RET_IP_);
	return 1;
}

int down_write_trylock(struct rw_semaphore *s)
{
	if (!__rwsem_try_write(s, false))
		return 0;
	if (debug_locks)
		lock_acquire_try(&s->dep_map, LD_SLEEP, _RET_IP_);
	return 1;
}
