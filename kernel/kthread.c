/* kernel/kthread.c: kthreadd and the kthread_create/kthread_stop interface
 * (include/kthread.h, seed claim c15).
 *
 * kthread_create() puts a request on kthread_create_list, wakes kthreadd and
 * waits on the request's completion. kthreadd forks kthread() for each
 * request, under the requested name from its creation on; the new thread
 * publishes itself in the request, completes it and sleeps until someone
 * wakes it. Each kthread owns a struct kthread
 * (allocated by the requester, so an allocation failure is reported to the
 * caller, and freed with the task_struct) holding the stop flag and the
 * "exited" completion kthread_stop() waits on. kthread_create() takes a task
 * reference for the one who will kthread_stop() the thread, so the task and
 * its struct kthread outlive kthreadd's reaping of a thread that returned on
 * its own; kthread_stop() drops it. */
#include <kernel.h>
#include <completion.h>
#include <errno.h>
#include <kthread.h>
#include <sched.h>
#include <slab.h>
#include <spinlock.h>

struct kthread {
	bool should_stop;
	int result;                       /* threadfn's return value, or -EINTR */
	struct completion exited;
};

struct kthread_create_info {
	int (*threadfn)(void *data);
	void *data;
	struct kthread *self;
	struct task_struct *result;       /* the new task, or ERR_PTR */
	struct completion done;
	struct list_head list;
	char name[TASK_COMM_LEN];         /* the new thread's, from its creation */
};

static LIST_HEAD(kthread_create_list);
static DEFINE_SPINLOCK(kthread_create_lock);   /* kthread_create_list (kthreadd serves it) */
struct task_struct *kthreadd_task;

bool kthread_should_stop(void)
{
	return current->kthread && current->kthread->should_stop;
}

/* The first function of every kthread. */
static int kthread(void *arg)
{
	struct kthread_create_info *create = arg;
	int (*threadfn)(void *) = create->threadfn;
	void *data = create->data;
	struct kthread *self = create->self;

	current->kthread = self;
	create->result = current;
	__set_current_state(TASK_UNINTERRUPTIBLE);
	complete(&create->done);          /* create is gone after this */
	schedule();                       /* until kthread_run / kthread_stop */
	if (self->should_stop)
		return -EINTR;
	return threadfn(data);
}

/* Called by do_exit() for a task with a struct kthread. */
void kthread_exit_notify(struct task_struct *p, long code)
{
	p->kthread->result = code;
	complete_all(&p->kthread->exited);
}

/* Called when the task_struct is freed. */
void kthread_free(struct task_struct *p)
{
	kfree(p->kthread);
	p->kthread = NULL;
}

static void create_kthread(struct kthread_create_info *create)
{
	pid_t pid = kernel_thread(kthread, create, create->name, CLONE_FS | CLONE_FILES | SIGCHLD);

	if (pid < 0) {
		create->result = ERR_PTR(pid);
		complete(&create->done);
	}
}

struct task_struct *kthread_create(int (*threadfn)(void *data), void *data,
				   const char *namefmt, ...)
{
	struct kthread_create_info create = { .threadfn = threadfn, .data = data };
	unsigned long flags;
	va_list ap;

	va_start(ap, namefmt);
	vsnprintf(create.name, sizeof(create.name), namefmt, ap);
	va_end(ap);
	create.self = kzalloc(sizeof(*create.self), GFP_KERNEL);
	if (!create.self)
		return ERR_PTR(-ENOMEM);
	init_completion(&create.self->exited);
	init_completion(&create.done);
	spin_lock_irqsave(&kthread_create_lock, flags);
	list_add_tail(&create.list, &kthread_create_list);
	spin_unlock_irqrestore(&kthread_create_lock, flags);
	wake_up_process(kthreadd_task);
	wait_for_completion(&create.done);
	if (IS_ERR(create.result)) {
		kfree(create.self);
		return create.result;
	}
	get_task_struct(create.result);  /* the stopper's: see kthread_stop */
	return create.result;
}

/* Contract: k came from kthread_create() and is stopped once. k may have
 * exited and been reaped already: kthread_create's reference keeps k and its
 * struct kthread until here. -EINVAL for a task that is not a kthread. */
int kthread_stop(struct task_struct *k)
{
	struct kthread *self = k->kthread;
	int ret;

	if (!self)
		return -EINVAL;
	self->should_stop = true;
	wake_up_process(k);
	wait_for_completion(&self->exited);
	ret = self->result;
	put_task_struct(k);
	return ret;
}

static struct kthread_create_info *next_request(void)
{
	struct kthread_create_info *create = NULL;
	unsigned long flags;

	spin_lock_irqsave(&kthread_create_lock, flags);
	if (!list_empty(&kthread_create_list)) {
		create = list_first_entry(&kthread_create_list, struct kthread_create_info, list);
		list_del_init(&create->list);
	}
	spin_unlock_irqrestore(&kthread_create_lock, flags);
	return create;
}

/* PID 2: serve creation requests and reap the kthreads that exited. */
int kthreadd(void *unused)
{
	struct kthread_create_info *create;

	for (;;) {
		DEFINE_WAIT(wait);

		prepare_to_wait(&current->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		if (list_empty(&kthread_create_list) && !has_zombie_child())
			schedule();
		finish_wait(&current->wait_chldexit, &wait);
		while (kernel_wait(-1, WNOHANG, NULL) > 0)
			;
		while ((create = next_request()))
			create_kthread(create);
	}
	return 0;
}
