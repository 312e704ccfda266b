/* include/completion.h: "wait until this one thing has happened", a counter
 * plus a wait queue (kernel/completion.c). complete() records one event and
 * wakes one waiter; wait_for_completion() consumes one event, sleeping until
 * there is one. Used by kthread_create (kthreadd signals "created") and
 * kthread_stop (the thread signals "exited"). */
#ifndef TASKLAB_COMPLETION_H
#define TASKLAB_COMPLETION_H

#include <wait.h>

struct completion {
	unsigned int done;                /* events not yet consumed */
	struct wait_queue_head wait;
};

#define COMPLETION_INITIALIZER(name) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }
#define DECLARE_COMPLETION(name) struct completion name = COMPLETION_INITIALIZER(name)

static inline void init_completion(struct completion *c)
{
	c->done = 0;
	init_waitqueue_head(&c->wait);
}

void complete(struct completion *c);
/* Wake every waiter now and later: done becomes "infinite". */
void complete_all(struct completion *c);
void wait_for_completion(struct completion *c);

#endif
