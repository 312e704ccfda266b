/* user/glibc/crash-threads.c: a two-thread program that crashes, for
 * post-mortem debugging with its core file (docs/debugging.md:
 * Post-mortem). The main thread starts a worker and waits in sleeper_wait();
 * the worker, once main is there, writes through a null pointer in
 * crash_here() and dies of SIGSEGV, which ends the process. With core
 * dumps on (RLIMIT_CORE), the kernel writes `core` in the working
 * directory with both threads in it: gdb with this (unstripped) program
 * shows the worker stopped in crash_here and main in sleeper_wait.
 * Built as a user would: i686-linux-gnu-gcc -static -pthread -g. */
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

static volatile int main_waiting;

/* Main's last stop: it says it is here, then sleeps until the process ends. */
__attribute__((noinline)) static void sleeper_wait(void)
{
	main_waiting = 1;
	for (;;)
		pause();
}

/* The fault: a store through the pointer it is given (NULL here). */
__attribute__((noinline)) void crash_here(int *p)
{
	*p = 42;
	__asm__ __volatile__("" ::: "memory");    /* the store happens here, not later */
}

static void *worker(void *arg)
{
	int *volatile target = arg;               /* the compiler cannot see it is NULL */

	while (!main_waiting)
		sched_yield();
	crash_here(target);
	return NULL;
}

int main(void)
{
	pthread_t t;

	printf("crash-threads: pid %d, worker about to write through NULL in crash_here\n",
	       (int)getpid());
	fflush(stdout);
	if (pthread_create(&t, NULL, worker, NULL)) {
		perror("pthread_create");
		return 1;
	}
	sleeper_wait();
	return 0;
}
