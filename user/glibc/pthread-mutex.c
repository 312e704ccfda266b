/* user/glibc/pthread-mutex.c: 8 threads each add 1 to a shared counter
 * 20000 times under one pthread mutex, then main joins them: the count
 * must be exactly 160000. Inside the critical section a thread reads the
 * counter, sometimes yields the CPU, and writes it back plus one, so
 * without mutual exclusion updates would be lost. Each thread also checks
 * it got its own kernel thread id, and join returns each thread's value. */
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <unistd.h>
#include "selfcheck.h"

#define NTHREADS 8
#define ITERS 20000
#define YIELD_EVERY 500

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static pid_t tids[NTHREADS];

static void *adder(void *arg)
{
	intptr_t me = (intptr_t)arg;

	tids[me] = thread_id();
	for (int i = 0; i < ITERS; i++) {
		pthread_mutex_lock(&lock);
		long v = counter;
		if (i % YIELD_EVERY == 0)
			sched_yield();        /* another thread runs mid-update */
		counter = v + 1;
		pthread_mutex_unlock(&lock);
	}
	return (void *)(me + 100);
}

int main(void)
{
	pthread_t th[NTHREADS];
	int created = 0, joined = 0, distinct = 1;

	selfcheck_prog = "pthread-mutex";
	for (intptr_t i = 0; i < NTHREADS; i++)
		created += pthread_create(&th[i], NULL, adder, (void *)i) == 0;
	check(created == NTHREADS, "pthread_create started %d of %d threads", created, NTHREADS);
	for (int i = 0; i < NTHREADS; i++) {
		void *ret = NULL;

		if (i < created && pthread_join(th[i], &ret) == 0 && ret == (void *)(intptr_t)(i + 100))
			joined++;
	}
	check(joined == NTHREADS, "pthread_join returned each thread's value (%d of %d)", joined, NTHREADS);
	check(counter == (long)NTHREADS * ITERS, "counter %ld == %d threads x %d", counter, NTHREADS, ITERS);
	for (int i = 0; i < NTHREADS; i++) {
		distinct &= tids[i] > 0 && tids[i] != getpid();
		for (int j = 0; j < i; j++)
			distinct &= tids[i] != tids[j];
	}
	check(distinct, "each thread had its own tid, none the process's pid %d", (int)getpid());
	return finish();
}
