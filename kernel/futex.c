/* kernel/futex.c: the futex system call (240), what glibc's mutexes,
 * condition variables and pthread_join sleep on. A waiter queues a
 * futex_q (on its own kernel stack) in one of FUTEX_HASH_SIZE buckets
 * chosen by its key, then sleeps; a waker walks the bucket and wakes the
 * entries whose key (and bitset) match, taking them off the queue, which
 * is how a waiter tells a wake-up from a timeout or a signal.
 *
 * The key says which word a futex is, whoever names it. A word in a
 * shared mapping (VM_MAYSHARE: MAP_SHARED of a file, or shared anonymous
 * memory, whose backing file mm/shmem.c makes) is keyed by the file's
 * inode, the page's index in the file and the word's offset in the page,
 * so two processes mapping that page, at any addresses, meet; the waiter
 * holds a reference on the inode (as Linux's get_futex_key did before
 * 5.6, which keys by a never-reused inode number instead) so that no
 * other inode can take its address while it sleeps. Every other word,
 * and any word named with FUTEX_PRIVATE_FLAG (which promises that only
 * this process uses it), is keyed by (mm, page address, offset): private
 * memory is only ever seen through one mm. (Linux also keys a private
 * file mapping's page by its inode until a write copies it; no program
 * can rely on that, and it is not done here.)
 *
 * Each bucket has its lock (futex_hash_bucket.lock, interrupts off); a
 * queued futex_q names the bucket lock it is under (lock_ptr), which a
 * requeue changes with both buckets locked, lower address first. A
 * waiter queues itself before it reads the word (Linux reads it under the
 * bucket lock with page faults off; here the read, which may fault and
 * sleep, comes right after the queueing), so a waker on another CPU that
 * changes the word and then wakes either is seen in the read or finds the
 * waiter queued. */
#include <kernel.h>
#include <errno.h>
#include <futex.h>
#include <fs.h>
#include <list.h>
#include <mman.h>
#include <sched.h>
#include <sched/mm.h>
#include <syscall.h>
#include <time.h>
#include <timer.h>
#include <spinlock.h>
#include <asm/uaccess.h>

#define FUTEX_HASH_BITS 8
#define FUTEX_HASH_SIZE (1 << FUTEX_HASH_BITS)

struct futex_key {
	const void *object;               /* the mm, or the inode (shared) */
	unsigned long page;               /* the page's user address, or index in the file */
	unsigned int offset;              /* the word's offset in its page */
	bool shared;                      /* object is an inode, referenced */
};

struct futex_q {
	struct list_head list;            /* in its bucket; empty once woken */
	struct task_struct *task;
	struct futex_key key;
	u32 bitset;                       /* FUTEX_WAIT_BITSET's mask */
	spinlock_t *lock_ptr;             /* the lock of the bucket it is on */
};

struct futex_hash_bucket {
	spinlock_t lock;                  /* guards chain and its entries' list */
	struct list_head chain;
};

static struct futex_hash_bucket futex_queues[FUTEX_HASH_SIZE];
unsigned long nr_futex_waiters;

static struct futex_hash_bucket *hash_futex(const struct futex_key *key)
{
	u32 h = (key->page ^ key->offset ^ ((u32)key->object >> 6)) * 0x9E370001U;

	return &futex_queues[h >> (32 - FUTEX_HASH_BITS)];
}

static bool match_futex(const struct futex_key *a, const struct futex_key *b)
{
	return a->object == b->object && a->page == b->page && a->offset == b->offset;
}

/* The key of the futex word at uaddr in mm (a shared key takes a reference
 * on its inode: put_futex_key drops it): -EINVAL if not 4-byte aligned,
 * -EFAULT outside user space (a missing page shows when it is read). */
static int get_futex_key(struct mm_struct *mm, u32 uaddr, bool private,
			 struct futex_key *key)
{
	struct vm_area_struct *vma;

	if (uaddr & 3)
		return -EINVAL;
	if (!access_ok((void *)uaddr, sizeof(u32)) || !mm)
		return -EFAULT;
	key->offset = uaddr & ~PAGE_MASK;
	if (!private && mm->map_shared) {
		/* mmap_lock: another thread may unmap the VMA meanwhile (as
		 * Linux 2.6's get_futex_key holds mmap_sem) */
		down_read(&mm->mmap_lock);
		vma = vma_lookup(mm, uaddr);
		if (vma && (vma->vm_flags & VM_MAYSHARE)) {
			struct inode *inode = vma->vm_file->f_inode;

			ihold(inode);
			key->object = inode;
			key->page = (vma->vm_pgoff + (uaddr - vma->vm_start)) >> PAGE_SHIFT;
			key->shared = true;
			up_read(&mm->mmap_lock);
			return 0;
		}
		up_read(&mm->mmap_lock);
	}
	key->object = mm;
	key->page = uaddr & PAGE_MASK;
	key->shared = false;
	return 0;
}

static void put_futex_key(struct futex_key *key)
{
	if (key->shared)
		iput((struct inode *)key->object);
}

/* A pending signal ends a wait with EINTR (its handler runs first). */
static bool futex_interrupted(void)
{
	return signal_pending(current);
}

/* Take q off its bucket if a waker did not: true if it was still queued.
 * A requeue may move it meanwhile, so the lock taken is checked to be
 * still q's. */
static bool futex_unqueue(struct futex_q *q)
{
	unsigned long flags;
	spinlock_t *lock;
	bool queued;

	for (;;) {
		lock = q->lock_ptr;
		spin_lock_irqsave(lock, flags);
		if (lock == q->lock_ptr)
			break;
		spin_unlock_irqrestore(lock, flags);
	}
	queued = !list_empty(&q->list);
	if (queued)
		list_del_init(&q->list);
	spin_unlock_irqrestore(lock, flags);
	return queued;
}

/* Queue q on its key's bucket (it stays queued until a waker or
 * futex_unqueue takes it off). */
static void futex_queue(struct futex_q *q)
{
	struct futex_hash_bucket *hb = hash_futex(&q->key);
	unsigned long flags;

	spin_lock_irqsave(&hb->lock, flags);
	q->lock_ptr = &hb->lock;
	list_add_tail(&q->list, &hb->chain);
	__sync_fetch_and_add(&nr_futex_waiters, 1);
	spin_unlock_irqrestore(&hb->lock, flags);
}

/* Sleep up to ticks (MAX_SCHEDULE_TIMEOUT: no limit) unless a waker took q
 * off its queue already: the state is set before the queue is looked at,
 * so a waker after the look makes the task runnable and the sleep ends at
 * once. The ticks left are in *ticks. */
static void futex_sleep(struct futex_q *q, long *ticks)
{
	set_current_state(TASK_INTERRUPTIBLE);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);  /* the state before the look */
	if (!list_empty(&q->list) && !futex_interrupted())
		*ticks = schedule_timeout(*ticks);
	__set_current_state(TASK_RUNNING);
}

/* Take q off its queue for good: true if a waker had taken it (a wake-up). */
static bool futex_dequeue(struct futex_q *q)
{
	bool woken = !futex_unqueue(q);

	__sync_fetch_and_sub(&nr_futex_waiters, 1);
	return woken;
}

static long futex_wait_restart(struct restart_block *rb);

/* A wait with a timeout interrupted by a signal: restart_syscall (when no
 * handler runs: a stop and continue) waits on until the same end. */
static long futex_wait_interrupted(u32 uaddr, bool private, u32 val, long ticks, u32 bitset)
{
	struct restart_block *rb = &current->restart_block;

	rb->fn = futex_wait_restart;
	rb->expires = jiffies + ticks;
	rb->futex.uaddr = uaddr;
	rb->futex.val = val;
	rb->futex.bitset = bitset;
	rb->futex.private = private;
	return -ERESTART_RESTARTBLOCK;
}

/* FUTEX_WAIT(_BITSET): sleep while the word holds val. 0 when woken,
 * -EAGAIN if the word differs, -ETIMEDOUT, -EFAULT, or on a signal
 * -ERESTARTSYS without a timeout (as Linux: restarted when no handler
 * runs or under SA_RESTART, else EINTR) and -ERESTART_RESTARTBLOCK with
 * one (EINTR when a handler runs, else it waits on for the time left,
 * as Linux). ticks 0 means the time is already up (after the value
 * check, as Linux). */
static long futex_wait(u32 uaddr, bool private, u32 val, long ticks, u32 bitset)
{
	struct futex_q q;
	u32 cur;
	bool forever = ticks == MAX_SCHEDULE_TIMEOUT;
	int err = get_futex_key(current->mm, uaddr, private, &q.key);

	if (err)
		return err;
	q.task = current;
	q.bitset = bitset;
	for (;;) {
		/* Linux's order: queued first, the word read after, so a waker
		 * that changed the word before our read finds us queued (it
		 * takes the bucket lock after its change): no wake-up is lost
		 * between the check and the sleep, on any CPU. */
		futex_queue(&q);
		if (get_user_u32(&cur, (u32 *)uaddr))
			err = -EFAULT;
		else if (cur != val)
			err = -EAGAIN;
		else if (!ticks)
			err = -ETIMEDOUT;
		else
			err = 1;                 /* sleep */
		if (err == 1)
			futex_sleep(&q, &ticks);
		if (futex_dequeue(&q))
			err = 0;                 /* woken, whatever the word said */
		if (err != 1)
			break;
		if (!ticks)
			err = -ETIMEDOUT;
		else if (futex_interrupted())
			err = forever ? -ERESTARTSYS
				      : futex_wait_interrupted(uaddr, private, val, ticks, bitset);
		else
			continue;        /* a spurious wake-up: check the word again */
		break;
	}
	put_futex_key(&q.key);           /* a requeue may have changed it */
	return err;
}

static long futex_wait_restart(struct restart_block *rb)
{
	long ticks = (long)(rb->expires - jiffies);

	return futex_wait(rb->futex.uaddr, rb->futex.private, rb->futex.val,
			  ticks > 0 ? ticks : 0, rb->futex.bitset);
}

/* Give q the key key2 and move it to key2's bucket. Onto its own key it
 * stays where it is: moved to the tail of the bucket being walked, the
 * walk would find it again and again. An entry moved to another key no
 * longer matches the walk's key, so it is never counted twice. */
static void futex_requeue_q(struct futex_q *q, const struct futex_key *key2,
			    struct futex_hash_bucket *hb2)
{
	if (match_futex(&q->key, key2))
		return;
	list_del(&q->list);
	if (key2->shared)                /* the waiter's reference moves too */
		ihold((struct inode *)key2->object);
	put_futex_key(&q->key);          /* never the last: the requeuer holds one */
	q->key = *key2;
	list_add_tail(&q->list, &hb2->chain);
	q->lock_ptr = &hb2->lock;
}

/* Both buckets of a requeue locked, the lower first (one if the same). */
static void double_lock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b,
			   unsigned long *flags)
{
	*flags = local_irq_save();
	if (a > b) {
		struct futex_hash_bucket *t = a;

		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	if (a != b)
		spin_lock(&b->lock);
}

static void double_unlock_hb(struct futex_hash_bucket *a, struct futex_hash_bucket *b,
			     unsigned long flags)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
	local_irq_restore(flags);
}

/* Wake up to nr waiters on key whose bitset meets bitset; with key2, move
 * up to nr_requeue more to key2. Returns how many were woken plus
 * requeued. */
static int futex_wake_key(const struct futex_key *key, int nr, u32 bitset,
			  const struct futex_key *key2, int nr_requeue)
{
	struct futex_hash_bucket *hb = hash_futex(key), *hb2 = key2 ? hash_futex(key2) : hb;
	struct futex_q *q, *n;
	int woken = 0, moved = 0;
	unsigned long flags;

	double_lock_hb(hb, hb2, &flags);
	list_for_each_entry_safe(q, n, &hb->chain, list) {
		if (!match_futex(&q->key, key) || !(q->bitset & bitset))
			continue;
		if (woken < nr) {
			list_del_init(&q->list);
			wake_up_process(q->task);
			woken++;
		} else if (key2 && moved < nr_requeue) {
			futex_requeue_q(q, key2, hb2);
			moved++;
		} else {
			break;
		}
	}
	double_unlock_hb(hb, hb2, flags);
	return woken + moved;
}

static int futex_wake(struct mm_struct *mm, u32 uaddr, bool private, int nr, u32 bitset)
{
	struct futex_key key;
	int err = get_futex_key(mm, uaddr, private, &key);

	if (err)
		return err;
	if (nr < 1)
		nr = 1;                  /* FUTEX_WAKE wakes at least one, as Linux */
	err = futex_wake_key(&key, nr, bitset, NULL, 0);
	put_futex_key(&key);
	return err;
}

int futex_wake_mm(struct mm_struct *mm, u32 uaddr, int nr)
{
	return futex_wake(mm, uaddr, false, nr, FUTEX_BITSET_MATCH_ANY);
}

/* A shared (not PRIVATE) futex's key is its page in Linux, so both words
 * of a shared requeue must be mapped and readable: -EFAULT otherwise. */
static int futex_shared_readable(u32 uaddr)
{
	u32 word;

	return get_user_u32(&word, (u32 *)uaddr) ? -EFAULT : 0;
}

/* FUTEX_(CMP_)REQUEUE: wake nr_wake waiters of uaddr, move up to
 * nr_requeue others to uaddr2; CMP first checks that *uaddr == cmpval
 * (-EAGAIN if not), so a condvar broadcast races no new waiter. */
static long futex_requeue(u32 uaddr, u32 uaddr2, bool private, int nr_wake, int nr_requeue,
			  const u32 *cmpval)
{
	struct futex_key key, key2;
	u32 cur;
	long err;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if ((err = get_futex_key(current->mm, uaddr, private, &key)))
		return err;
	if ((err = get_futex_key(current->mm, uaddr2, private, &key2))) {
		put_futex_key(&key);
		return err;
	}
	if (!private && ((err = futex_shared_readable(uaddr)) || (err = futex_shared_readable(uaddr2)))) {
		put_futex_key(&key2);
		put_futex_key(&key);
		return err;
	}
	if (cmpval && get_user_u32(&cur, (u32 *)uaddr))
		err = -EFAULT;
	else if (cmpval && cur != *cmpval)
		err = -EAGAIN;
	else
		err = futex_wake_key(&key, nr_wake, FUTEX_BITSET_MATCH_ANY, &key2, nr_requeue);
	put_futex_key(&key2);
	put_futex_key(&key);
	return err;
}

/* The timeout argument as ticks to sleep: none (NULL) is no limit;
 * FUTEX_WAIT's is relative, FUTEX_WAIT_BITSET's an absolute time on
 * CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME. */
static long futex_timeout(u32 utime, int cmd, bool realtime, bool time64, long *ticks)
{
	struct timespec64 ts, now;
	s64 ns;
	int err;

	*ticks = MAX_SCHEDULE_TIMEOUT;
	if (!utime)
		return 0;
	if ((err = get_user_timespec(utime, &ts, time64)))
		return err;
	if (cmd != FUTEX_WAIT_BITSET) {
		*ticks = timespec_to_jiffies(&ts);
		return 0;
	}
	read_clock(realtime ? CLOCK_REALTIME : CLOCK_MONOTONIC, &now);
	ns = timespec_to_ns(&ts) - timespec_to_ns(&now);
	*ticks = ns > 0 ? nsecs_to_jiffies_timeout((u64)ns) : 0;
	return 0;
}

/* futex(uaddr, op, val, timeout or val2, uaddr2, val3), and futex_time64
 * (the timeout in the 64-bit layout). Unknown commands and the ones not
 * offered (FUTEX_FD, WAKE_OP, the PI family) are -ENOSYS, as Linux
 * answers an unknown command; FUTEX_CLOCK_REALTIME is for the waits only.
 * FUTEX_PRIVATE_FLAG picks the (mm, address) key (see the top of the
 * file); without it a requeue also checks that both words are readable
 * (futex_shared_readable). */
static long do_futex(u32 uaddr, u32 op, u32 val, u32 utime, u32 uaddr2, u32 val3, bool time64)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
	bool private = op & FUTEX_PRIVATE_FLAG;
	long ticks, err;

	if (realtime && cmd != FUTEX_WAIT && cmd != FUTEX_WAIT_BITSET)
		return -ENOSYS;
	switch (cmd) {
	case FUTEX_WAIT:
		val3 = FUTEX_BITSET_MATCH_ANY;
		__attribute__((fallthrough));
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		if ((err = futex_timeout(utime, cmd, realtime, time64, &ticks)))
			return err;
		return futex_wait(uaddr, private, val, ticks, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		__attribute__((fallthrough));
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wake(current->mm, uaddr, private, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, uaddr2, private, (int)val, (int)utime, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, private, (int)val, (int)utime, &val3);
	default:
		return -ENOSYS;
	}
}

long sys_futex(u32 uaddr, u32 op, u32 val, u32 utime, u32 uaddr2, u32 val3)
{
	return do_futex(uaddr, op, val, utime, uaddr2, val3, false);
}

long sys_futex_time64(u32 uaddr, u32 op, u32 val, u32 utime, u32 uaddr2, u32 val3)
{
	return do_futex(uaddr, op, val, utime, uaddr2, val3, true);
}

/* Contract: called once by fork_init, before any task can make a call. */
void futex_init(void)
{
	for (int i = 0; i < FUTEX_HASH_SIZE; i++) {
		__spin_lock_init(&futex_queues[i].lock, "futex_hash_bucket.lock");
		INIT_LIST_HEAD(&futex_queues[i].chain);
	}
}
