/* kernel/futex.c: the futex system call (240), what glibc's mutexes,
 * condition variables and pthread_join sleep on. A waiter queues a
 * futex_q (on its own kernel stack) in one of FUTEX_HASH_SIZE buckets
 * chosen by its key, then sleeps; a waker walks the bucket and wakes the
 * entries whose key (and bitset) match, taking them off the queue, which
 * is how a waiter tells a wake-up from a timeout or a signal.
 *
 * The key is (mm, user address), for private and shared futexes alike.
 * Linux keys a shared futex by the page it lives in (inode or mm plus
 * offset) so that processes mapping the same memory meet; Tasklab has no
 * shared mappings (mmap refuses MAP_SHARED), so two processes can never
 * see the same futex word and (mm, address) is exact. When MAP_SHARED
 * arrives, non-private keys in a VM_SHARED vma must become (page, offset).
 *
 * No lock is needed between reading the word and queueing: the kernel is
 * not preemptible and a waker runs only in process context, so nothing can
 * run between the two; interrupts are off while a bucket is touched
 * because the timer interrupt wakes sleepers (schedule_timeout). */
#include <kernel.h>
#include <errno.h>
#include <futex.h>
#include <list.h>
#include <sched.h>
#include <sched/mm.h>
#include <syscall.h>
#include <time.h>
#include <timer.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>

#define FUTEX_HASH_BITS 8
#define FUTEX_HASH_SIZE (1 << FUTEX_HASH_BITS)

struct futex_key {
	struct mm_struct *mm;
	u32 uaddr;
};

struct futex_q {
	struct list_head list;            /* in its bucket; empty once woken */
	struct task_struct *task;
	struct futex_key key;
	u32 bitset;                       /* FUTEX_WAIT_BITSET's mask */
};

static struct list_head futex_queues[FUTEX_HASH_SIZE];
unsigned long nr_futex_waiters;

static struct list_head *hash_futex(const struct futex_key *key)
{
	u32 h = (key->uaddr ^ ((u32)key->mm >> 6)) * 0x9E370001U;

	return &futex_queues[h >> (32 - FUTEX_HASH_BITS)];
}

static bool match_futex(const struct futex_key *a, const struct futex_key *b)
{
	return a->mm == b->mm && a->uaddr == b->uaddr;
}

/* The key of the futex word at uaddr: -EINVAL if not 4-byte aligned,
 * -EFAULT outside user space (a missing page shows when it is read). */
static int get_futex_key(u32 uaddr, struct futex_key *key)
{
	if (uaddr & 3)
		return -EINVAL;
	if (!access_ok((void *)uaddr, sizeof(u32)) || !current->mm)
		return -EFAULT;
	key->mm = current->mm;
	key->uaddr = uaddr;
	return 0;
}

/* A pending signal ends a wait with EINTR (its handler runs first). */
static bool futex_interrupted(void)
{
	return signal_pending(current);
}

/* Queue q and sleep up to ticks (MAX_SCHEDULE_TIMEOUT: no limit); returns
 * whether a waker took q off its queue, and the ticks left in *ticks. */
static bool futex_sleep(struct futex_q *q, long *ticks)
{
	struct list_head *bucket = hash_futex(&q->key);
	unsigned long flags = local_irq_save();
	bool woken;

	list_add_tail(&q->list, bucket);
	nr_futex_waiters++;
	set_current_state(TASK_INTERRUPTIBLE);
	local_irq_restore(flags);
	if (!futex_interrupted())
		*ticks = schedule_timeout(*ticks);
	flags = local_irq_save();
	__set_current_state(TASK_RUNNING);
	woken = list_empty(&q->list);
	if (!woken)
		list_del_init(&q->list);
	nr_futex_waiters--;
	local_irq_restore(flags);
	return woken;
}

static long futex_wait_restart(struct restart_block *rb);

/* A wait with a timeout interrupted by a signal: restart_syscall (when no
 * handler runs: a stop and continue) waits on until the same end. */
static long futex_wait_interrupted(u32 uaddr, u32 val, long ticks, u32 bitset)
{
	struct restart_block *rb = &current->restart_block;

	rb->fn = futex_wait_restart;
	rb->expires = jiffies + ticks;
	rb->futex.uaddr = uaddr;
	rb->futex.val = val;
	rb->futex.bitset = bitset;
	return -ERESTART_RESTARTBLOCK;
}

/* FUTEX_WAIT(_BITSET): sleep while the word holds val. 0 when woken,
 * -EAGAIN if the word differs, -ETIMEDOUT, -EFAULT, or on a signal
 * -ERESTARTSYS without a timeout (as Linux: restarted when no handler
 * runs or under SA_RESTART, else EINTR) and -ERESTART_RESTARTBLOCK with
 * one (EINTR when a handler runs, else it waits on for the time left,
 * as Linux). ticks 0 means the time is already up (after the value
 * check, as Linux). */
static long futex_wait(u32 uaddr, u32 val, long ticks, u32 bitset)
{
	struct futex_q q;
	u32 cur;
	bool forever = ticks == MAX_SCHEDULE_TIMEOUT;
	int err = get_futex_key(uaddr, &q.key);

	if (err)
		return err;
	q.task = current;
	q.bitset = bitset;
	for (;;) {
		if (get_user_u32(&cur, (u32 *)uaddr))
			return -EFAULT;
		if (cur != val)
			return -EAGAIN;
		if (!ticks)
			return -ETIMEDOUT;
		if (futex_sleep(&q, &ticks))
			return 0;
		if (!ticks)
			return -ETIMEDOUT;
		if (futex_interrupted())
			return forever ? -ERESTARTSYS : futex_wait_interrupted(uaddr, val, ticks, bitset);
		/* a spurious wake-up: check the word again */
	}
}

static long futex_wait_restart(struct restart_block *rb)
{
	long ticks = (long)(rb->expires - jiffies);

	return futex_wait(rb->futex.uaddr, rb->futex.val, ticks > 0 ? ticks : 0, rb->futex.bitset);
}

/* Give q the key key2 and move it to key2's bucket. Onto its own key it
 * stays where it is: moved to the tail of the bucket being walked, the
 * walk would find it again and again. An entry moved to another key no
 * longer matches the walk's key, so it is never counted twice. */
static void futex_requeue_q(struct futex_q *q, const struct futex_key *key2)
{
	if (match_futex(&q->key, key2))
		return;
	list_del(&q->list);
	q->key = *key2;
	list_add_tail(&q->list, hash_futex(key2));
}

/* Wake up to nr waiters on key whose bitset meets bitset; with key2, move
 * up to nr_requeue more to key2. Returns how many were woken plus
 * requeued. */
static int futex_wake_key(const struct futex_key *key, int nr, u32 bitset,
			  const struct futex_key *key2, int nr_requeue)
{
	struct list_head *bucket = hash_futex(key);
	unsigned long flags = local_irq_save();
	struct futex_q *q, *n;
	int woken = 0, moved = 0;

	list_for_each_entry_safe(q, n, bucket, list) {
		if (!match_futex(&q->key, key) || !(q->bitset & bitset))
			continue;
		if (woken < nr) {
			list_del_init(&q->list);
			wake_up_process(q->task);
			woken++;
		} else if (key2 && moved < nr_requeue) {
			futex_requeue_q(q, key2);
			moved++;
		} else {
			break;
		}
	}
	local_irq_restore(flags);
	return woken + moved;
}

int futex_wake_mm(struct mm_struct *mm, u32 uaddr, int nr)
{
	struct futex_key key = { mm, uaddr };

	if (uaddr & 3)
		return -EINVAL;
	return futex_wake_key(&key, nr, FUTEX_BITSET_MATCH_ANY, NULL, 0);
}

static int futex_wake(u32 uaddr, int nr, u32 bitset)
{
	struct futex_key key;
	int err = get_futex_key(uaddr, &key);

	if (nr < 1)
		nr = 1;                  /* FUTEX_WAKE wakes at least one, as Linux */
	return err ? err : futex_wake_key(&key, nr, bitset, NULL, 0);
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
static long futex_requeue(u32 uaddr, u32 uaddr2, int nr_wake, int nr_requeue,
			  const u32 *cmpval, bool shared)
{
	struct futex_key key, key2;
	u32 cur;
	int err;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
	if ((err = get_futex_key(uaddr, &key)) || (err = get_futex_key(uaddr2, &key2)))
		return err;
	if (shared && ((err = futex_shared_readable(uaddr)) || (err = futex_shared_readable(uaddr2))))
		return err;
	if (cmpval) {
		if (get_user_u32(&cur, (u32 *)uaddr))
			return -EFAULT;
		if (cur != *cmpval)
			return -EAGAIN;
	}
	return futex_wake_key(&key, nr_wake, FUTEX_BITSET_MATCH_ANY, &key2, nr_requeue);
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
 * The PRIVATE flag changes only the requeue's check of its words (see
 * futex_shared_readable and the top of the file). */
static long do_futex(u32 uaddr, u32 op, u32 val, u32 utime, u32 uaddr2, u32 val3, bool time64)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool realtime = op & FUTEX_CLOCK_REALTIME;
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
		return futex_wait(uaddr, val, ticks, val3);
	case FUTEX_WAKE:
		val3 = FUTEX_BITSET_MATCH_ANY;
		__attribute__((fallthrough));
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return futex_wake(uaddr, (int)val, val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, uaddr2, (int)val, (int)utime,
				     cmd == FUTEX_CMP_REQUEUE ? &val3 : NULL,
				     !(op & FUTEX_PRIVATE_FLAG));
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
	for (int i = 0; i < FUTEX_HASH_SIZE; i++)
		INIT_LIST_HEAD(&futex_queues[i]);
}
