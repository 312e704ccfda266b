/* user/glibc/pthread-stress.c: many threads, many futex waits.
 *   create/join: 200 rounds, each starting 32 threads and joining them all;
 *   every thread adds its round and index to a sum and returns a value
 *   join must hand back, so a lost thread, a lost wakeup of a joiner (the
 *   kernel clears the tid and wakes the futex at thread exit) or a mixed-up
 *   return value shows.
 *   mutex handoffs: 64 threads x 1000 lock/unlock of one pthread mutex,
 *   each yielding the CPU while it holds the lock, so the others find it
 *   taken and sleep in FUTEX_WAIT until an unlock wakes one, and again
 *   after the unlock, so the woken one takes the lock before the last
 *   owner can take it back (on one CPU it otherwise would, every time):
 *   the count must be exact, contention must really have happened
 *   (trylock failures) and the lock must have changed hands often.
 * A lost wakeup hangs the program: the runner's timeout reports it. */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include "selfcheck.h"

#define ROUNDS 200
#define PER_ROUND 32
#define HANDOFF_THREADS 64
#define HANDOFFS 1000

static long long sum;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static int contended;
static void *last_owner;                 /* under lock */
static long owner_changes;               /* under lock */

static void *short_lived(void *arg)
{
	intptr_t v = (intptr_t)arg;

	__atomic_fetch_add(&sum, (long long)v, __ATOMIC_SEQ_CST);
	return (void *)(v ^ 0x5a5a);
}

static void create_join_rounds(void)
{
	long long want = 0;
	int bad_create = 0, bad_join = 0;

	for (int r = 0; r < ROUNDS; r++) {
		pthread_t th[PER_ROUND];
		int n = 0;

		for (int i = 0; i < PER_ROUND; i++, n++) {
			intptr_t v = r * PER_ROUND + i + 1;

			if (pthread_create(&th[i], NULL, short_lived, (void *)v)) {
				bad_create++;
				break;
			}
			want += v;
		}
		for (int i = 0; i < n; i++) {
			void *ret = NULL;

			if (pthread_join(th[i], &ret) || ret != (void *)((r * PER_ROUND + i + 1) ^ 0x5a5a))
				bad_join++;
		}
	}
	check(bad_create == 0, "%d rounds x %d pthread_create (%d failed)", ROUNDS, PER_ROUND, bad_create);
	check(bad_join == 0, "every pthread_join returned its thread's value (%d wrong)", bad_join);
	check(sum == want, "every thread ran once: sum %lld == %lld", sum, want);
}

static void *handoff(void *arg)
{
	for (int i = 0; i < HANDOFFS; i++) {
		if (pthread_mutex_trylock(&lock)) {
			__atomic_fetch_add(&contended, 1, __ATOMIC_RELAXED);
			pthread_mutex_lock(&lock);
		}
		if (last_owner != arg) {
			last_owner = arg;
			owner_changes++;
		}
		long v = counter;
		sched_yield();                   /* the others find the lock taken */
		counter = v + 1;
		pthread_mutex_unlock(&lock);
		sched_yield();                   /* the one the unlock woke takes it */
	}
	return NULL;
}

static void mutex_handoffs(void)
{
	pthread_t th[HANDOFF_THREADS];
	int n = 0, joined = 0;

	for (; n < HANDOFF_THREADS; n++)
		if (pthread_create(&th[n], NULL, handoff, (void *)(intptr_t)(n + 1)))
			break;
	check(n == HANDOFF_THREADS, "%d of %d mutex threads started", n, HANDOFF_THREADS);
	for (int i = 0; i < n; i++)
		joined += pthread_join(th[i], NULL) == 0;
	check(joined == n, "all %d joined (no lost wakeup)", joined);
	check(counter == (long)n * HANDOFFS, "counter %ld == %d x %d", counter, n, HANDOFFS);
	check(contended > 0, "trylock found the lock taken %d times (lock then sleeps in FUTEX_WAIT)", contended);
	check(owner_changes >= (long)n * HANDOFFS / 4,
	      "the lock changed hands %ld times (at least a quarter of the acquisitions)", owner_changes);
}

int main(void)
{
	selfcheck_prog = "pthread-stress";
	create_join_rounds();
	mutex_handoffs();
	return finish();
}
