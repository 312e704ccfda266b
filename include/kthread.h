/* include/kthread.h: kernel threads made by kthreadd (kernel/kthread.c, seed
 * claim c15). kthread_create() asks kthreadd (PID 2) to fork the thread, so
 * every kthread is kthreadd's child whoever asked for it; the new thread
 * sleeps until woken (kthread_run wakes it at once). kthread_stop() asks it to
 * stop, waits for it to exit and returns threadfn's return value, or -EINTR if
 * threadfn never ran. A thread meant to be stopped loops until
 * kthread_should_stop(). kthreadd also reaps its children; kthread_create()
 * holds a task reference for the stopper, so kthread_stop() works on a thread
 * that returned on its own and was reaped, and each kthread that exits must
 * be kthread_stop()ped once, or its task_struct stays allocated. */
#ifndef TASKLAB_KTHREAD_H
#define TASKLAB_KTHREAD_H

#include <types.h>
#include <errno.h>

struct task_struct;

/* The new task (sleeping), or ERR_PTR(-ENOMEM / -EAGAIN). */
struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...) __printf(3, 4);
#define kthread_run(fn, data, ...) ({                                          \
	struct task_struct *__k = kthread_create(fn, data, __VA_ARGS__);       \
	if (!IS_ERR(__k))                                                      \
		wake_up_process(__k);                                          \
	__k;                                                                   \
})
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
int kthreadd(void *unused);

#endif
