/* tests/test_lockdep.c: the locks (include/spinlock.h, mutex.h, semaphore.h,
 * rwsem.h) and the lock checker (kernel/locking/lockdep.c). The normal cases
 * check what each lock lets through and that the checker records orders and
 * accepts correct use; the should-panic cases each commit one of the bugs the
 * checker exists to find (an inversion made by a deliberately broken pair of
 * functions, sleeping under a spinlock, a lock used both from an interrupt
 * handler and with interrupts on) and must end in its report. */
#include <kernel.h>
#include <ktest.h>
#include <kthread.h>
#include <lockdep.h>
#include <mutex.h>
#include <rwsem.h>
#include <sched.h>
#include <semaphore.h>
#include <smp.h>
#include <cpumask.h>
#include <spinlock.h>
#include <timer.h>

static void checker_is_on(struct ktest *t)
{
	struct lockdep_stats s;

	KTEST_EXPECT_TRUE(t, debug_locks);
	lockdep_get_stats(&s);
	KTEST_EXPECT_GT(t, s.classes, 3);
	KTEST_EXPECT_GT(t, s.acquisitions, 0);
}

static DEFINE_SPINLOCK(test_excl_lock);

/* The ticket lock itself (include/asm/spinlock.h), on every boot: a held
 * word refuses a trylock; two takings draw two tickets. */
static void spinlock_trylock_fails_while_held(struct ktest *t)
{
	arch_spinlock_t w = __ARCH_SPIN_LOCK_UNLOCKED;

	arch_spin_lock(&w);
	KTEST_EXPECT_TRUE(t, arch_spin_is_locked(&w));
	KTEST_EXPECT_FALSE(t, arch_spin_trylock(&w));
	arch_spin_unlock(&w);
	KTEST_EXPECT_FALSE(t, arch_spin_is_locked(&w));
	KTEST_ASSERT_TRUE(t, arch_spin_trylock(&w));
	arch_spin_unlock(&w);
	KTEST_EXPECT_EQ(t, w.slock, 2u << TICKET_SHIFT | 2);   /* owner caught up with next */
}

/* spin_lock takes the word exactly when a second CPU may run: with one
 * CPU the lock word accesses are patched out and the word never moves
 * (include/spinlock.h); with more, a holder holds it (another CPU's
 * trylock fails) and the release hands the next ticket on. */
static void lock_words_taken_only_when_cpus_can_race(struct ktest *t)
{
	u32 before = test_excl_lock.raw.slock;

	KTEST_EXPECT_EQ(t, smp_lock_words, nr_cpu_ids > 1 && setup_max_cpus > 1);
	KTEST_EXPECT_TRUE(t, smp_lock_words || num_online_cpus() == 1);
	KTEST_EXPECT_TRUE(t, spin_lock_work || (!smp_lock_words && !debug_locks));
	spin_lock(&test_excl_lock);
	KTEST_EXPECT_EQ(t, spin_is_locked(&test_excl_lock), smp_lock_words);
	KTEST_EXPECT_EQ(t, arch_spin_trylock(&test_excl_lock.raw), !smp_lock_words);
	if (!smp_lock_words)
		arch_spin_unlock(&test_excl_lock.raw);     /* the test's own ticket */
	spin_unlock(&test_excl_lock);
	/* one ticket drawn and passed on: the holder's, or the test's own */
	KTEST_EXPECT_EQ(t, test_excl_lock.raw.slock, before + (1u << TICKET_SHIFT | 1));
	KTEST_ASSERT_TRUE(t, spin_trylock(&test_excl_lock));
	spin_unlock(&test_excl_lock);
}

static DEFINE_RWLOCK(test_rw_lock);

/* Readers nest and a writer excludes them; the counter moves only where
 * the lock words are taken. */
static void rwlock_readers_share_writer_waits_for_them(struct ktest *t)
{
	int taken = smp_lock_words;

	read_lock(&test_rw_lock);
	read_lock(&test_rw_lock);           /* readers nest: no report */
	KTEST_EXPECT_EQ(t, test_rw_lock.raw.lock, RW_LOCK_BIAS - 2 * taken);
	read_unlock(&test_rw_lock);
	read_unlock(&test_rw_lock);
	write_lock_irq(&test_rw_lock);
	KTEST_EXPECT_EQ(t, test_rw_lock.raw.lock, RW_LOCK_BIAS - RW_LOCK_BIAS * taken);
	KTEST_EXPECT_TRUE(t, irqs_disabled());
	write_unlock_irq(&test_rw_lock);
	KTEST_EXPECT_EQ(t, test_rw_lock.raw.lock, RW_LOCK_BIAS);
}

static DEFINE_SPINLOCK(test_outer_lock);
static DEFINE_SPINLOCK(test_inner_lock);

static void nesting_is_recorded_one_way(struct ktest *t)
{
	spin_lock(&test_outer_lock);
	spin_lock(&test_inner_lock);
	spin_unlock(&test_inner_lock);
	spin_unlock(&test_outer_lock);
	KTEST_EXPECT_TRUE(t, lockdep_depends("test_outer_lock", "test_inner_lock"));
	KTEST_EXPECT_FALSE(t, lockdep_depends("test_inner_lock", "test_outer_lock"));
	KTEST_EXPECT_EQ(t, current->lockdep.depth, 0);
}

static DEFINE_MUTEX(test_mutex);
static volatile int mutex_holder_steps;

static int take_test_mutex(void *unused)
{
	mutex_holder_steps = 1;
	mutex_lock(&test_mutex);            /* sleeps: the case holds it */
	mutex_holder_steps = 2;
	mutex_unlock(&test_mutex);
	while (!kthread_should_stop())
		msleep(1);
	return 0;
}

static void mutex_sleeper_gets_it_at_unlock(struct ktest *t)
{
	struct task_struct *k;

	mutex_holder_steps = 0;
	mutex_lock(&test_mutex);
	k = kthread_run(take_test_mutex, NULL, "mutex-waiter");
	KTEST_ASSERT_FALSE(t, IS_ERR(k));
	msleep(30);
	KTEST_EXPECT_EQ(t, mutex_holder_steps, 1);   /* asleep on the mutex */
	KTEST_EXPECT_EQ(t, mutex_trylock(&test_mutex), 0);
	mutex_unlock(&test_mutex);
	msleep(30);
	KTEST_EXPECT_EQ(t, mutex_holder_steps, 2);
	KTEST_EXPECT_FALSE(t, mutex_is_locked(&test_mutex));
	kthread_stop(k);
}

static DEFINE_SEMAPHORE(test_sem, 2);

static void semaphore_counts_units(struct ktest *t)
{
	down(&test_sem);
	KTEST_EXPECT_EQ(t, down_interruptible(&test_sem), 0);
	KTEST_EXPECT_EQ(t, down_trylock(&test_sem), 1);     /* none left */
	up(&test_sem);
	KTEST_EXPECT_EQ(t, down_trylock(&test_sem), 0);
	up(&test_sem);
	up(&test_sem);
	KTEST_EXPECT_EQ(t, test_sem.count, 2);
}

static DECLARE_RWSEM(test_rwsem);

static void rwsem_readers_or_one_writer(struct ktest *t)
{
	down_read(&test_rwsem);
	KTEST_EXPECT_EQ(t, down_write_trylock(&test_rwsem), 0);
	up_read(&test_rwsem);
	down_write(&test_rwsem);
	KTEST_EXPECT_EQ(t, down_read_trylock(&test_rwsem), 0);
	KTEST_EXPECT_EQ(t, test_rwsem.count, -1);
	up_write(&test_rwsem);
	KTEST_EXPECT_EQ(t, down_read_trylock(&test_rwsem), 1);
	up_read(&test_rwsem);
	KTEST_EXPECT_EQ(t, test_rwsem.count, 0);
}

/* A trylock that succeeds waits for nothing, so it closes no cycle: taken
 * under a spinning lock (the OOM killer's look at a victim's VMAs), and
 * again by its holder for reading, it records no order and no recursion;
 * what is taken under it is recorded as usual. */
static DEFINE_SPINLOCK(test_try_outer);
static DEFINE_SPINLOCK(test_try_inner);
static DECLARE_RWSEM(test_try_rwsem);

static void rwsem_trylock_records_no_order(struct ktest *t)
{
	down_read(&test_try_rwsem);
	spin_lock(&test_try_outer);
	KTEST_EXPECT_EQ(t, down_read_trylock(&test_try_rwsem), 1);   /* no panic */
	spin_lock(&test_try_inner);
	spin_unlock(&test_try_inner);
	up_read(&test_try_rwsem);
	spin_unlock(&test_try_outer);
	up_read(&test_try_rwsem);
	KTEST_EXPECT_EQ(t, test_try_rwsem.count, 0);
	KTEST_EXPECT_FALSE(t, lockdep_depends("test_try_outer", "test_try_rwsem"));
	KTEST_EXPECT_TRUE(t, lockdep_depends("test_try_rwsem", "test_try_inner"));
}

/* A lock an interrupt handler takes, taken elsewhere only with interrupts
 * off: correct, no report. */
static DEFINE_SPINLOCK(test_irqsafe_lock);
static DEFINE_SPINLOCK(test_irq_lock);
static volatile int timer_took_lock;

static void take_in_interrupt(unsigned long lock)
{
	spin_lock((spinlock_t *)lock);
	timer_took_lock++;
	spin_unlock((spinlock_t *)lock);
}

static void run_timer_taking(spinlock_t *lock)
{
	struct timer_list timer;

	timer_took_lock = 0;
	setup_timer(&timer, take_in_interrupt, (unsigned long)lock);
	mod_timer(&timer, jiffies + 1);
	while (!timer_took_lock)
		msleep(1);
}

static void irq_safe_lock_taken_with_irqs_off(struct ktest *t)
{
	unsigned long flags;

	run_timer_taking(&test_irqsafe_lock);
	spin_lock_irqsave(&test_irqsafe_lock, flags);
	KTEST_EXPECT_EQ(t, timer_took_lock, 1);
	spin_unlock_irqrestore(&test_irqsafe_lock, flags);
}

/* --- should panic: each booted alone by the runner ----------------------- */

/* The deliberately broken pair: each is fine alone, together they can
 * deadlock two CPUs (one holds a and wants b, the other holds b, wants a). */
static DEFINE_SPINLOCK(test_inv_a);
static DEFINE_SPINLOCK(test_inv_b);

static __noipa void take_a_then_b(void)
{
	spin_lock(&test_inv_a);
	spin_lock(&test_inv_b);
	spin_unlock(&test_inv_b);
	spin_unlock(&test_inv_a);
}

static __noipa void take_b_then_a(void)
{
	spin_lock(&test_inv_b);
	spin_lock(&test_inv_a);
	spin_unlock(&test_inv_a);
	spin_unlock(&test_inv_b);
}

static void lock_inversion_panics(struct ktest *t)
{
	take_a_then_b();
	take_b_then_a();
}

static DEFINE_SPINLOCK(test_sleep_lock);

static void mutex_under_spinlock_panics(struct ktest *t)
{
	spin_lock(&test_sleep_lock);
	mutex_lock(&test_mutex);
	mutex_unlock(&test_mutex);
	spin_unlock(&test_sleep_lock);
}

static void schedule_under_spinlock_panics(struct ktest *t)
{
	spin_lock(&test_sleep_lock);
	schedule();
	spin_unlock(&test_sleep_lock);
}

static void irq_lock_taken_with_irqs_on_panics(struct ktest *t)
{
	run_timer_taking(&test_irq_lock);    /* taken in the timer interrupt */
	spin_lock(&test_irq_lock);           /* and here with interrupts on */
	spin_unlock(&test_irq_lock);
}

static const struct ktest_case lockdep_cases[] = {
	KTEST_CASE(checker_is_on),
	KTEST_CASE(spinlock_trylock_fails_while_held),
	KTEST_CASE(lock_words_taken_only_when_cpus_can_race),
	KTEST_CASE(rwlock_readers_share_writer_waits_for_them),
	KTEST_CASE(nesting_is_recorded_one_way),
	KTEST_CASE(mutex_sleeper_gets_it_at_unlock),
	KTEST_CASE(semaphore_counts_units),
	KTEST_CASE(rwsem_readers_or_one_writer),
	KTEST_CASE(rwsem_trylock_records_no_order),
	KTEST_CASE(irq_safe_lock_taken_with_irqs_off),
	KTEST_SHOULD_PANIC(lock_inversion_panics,
			   "lockdep: lock order inversion: test_inv_b -> test_inv_a against test_inv_a -> test_inv_b"),
	KTEST_SHOULD_PANIC(mutex_under_spinlock_panics,
			   "lockdep: mutex_lock with test_sleep_lock held"),
	KTEST_SHOULD_PANIC(schedule_under_spinlock_panics,
			   "lockdep: schedule() with test_sleep_lock held"),
	KTEST_SHOULD_PANIC(irq_lock_taken_with_irqs_on_panics,
			   "lockdep: test_irq_lock is irq-safe and irq-unsafe"),
	{}
};
KTEST_SUITE(lockdep, lockdep_cases);
