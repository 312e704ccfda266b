/* kernel/locking/semaphore.c: counting semaphores (include/semaphore.h). The
 * count is guarded by s->lock with interrupts off (up() may come from a
 * handler); sleepers wait exclusively on s->wait, one woken per up(). */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <semaphore.h>

#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

void __sema_init(struct semaphore *s, unsigned int count, const char *name)
{
	__spin_lock_init(&s->lock, name);
	s->count = count;
	__init_waitqueue_head(&s->wait, "semaphore.wait.lock");
}

static bool sem_try(struct semaphore *s)
{
	unsigned long flags;
	bool got;

	spin_lock_irqsave(&s->lock, flags);
	got = s->count > 0;
	if (got)
		s->count--;
	spin_unlock_irqrestore(&s->lock, flags);
	return got;
}

void down(struct semaphore *s)
{
	lockdep_might_sleep("down", _RET_IP_);
	wait_event_exclusive(s->wait, sem_try(s));
}

/* As mutex_lock_interruptible: a waiter leaving on a signal passes on a
 * wake-up it may have taken. */
int down_interruptible(struct semaphore *s)
{
	DEFINE_WAIT(w);
	int ret = 0;

	lockdep_might_sleep("down_interruptible", _RET_IP_);
	for (;;) {
		prepare_to_wait_exclusive(&s->wait, &w, TASK_INTERRUPTIBLE);
		if (sem_try(s))
			break;
		if (signal_pending(current)) {
			ret = -EINTR;
			break;
		}
		schedule();
	}
	finish_wait(&s->wait, &w);
	if (ret && s->count)
		wake_up(&s->wait);
	return ret;
}

int down_trylock(struct semaphore *s)
{
	return !sem_try(s);
}

void up(struct semaphore *s)
{
	unsigned long flags;
	bool wake;

	spin_lock_irqsave(&s->lock, flags);
	s->count++;
	wake = waitqueue_active(&s->wait);   /* a waiter queues before it tries */
	spin_unlock_irqrestore(&s->lock, flags);
	if (wake)
		wake_up(&s->wait);
}
