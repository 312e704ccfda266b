/* tests/test_task_scale.c: the scale test of claim c22, booted on its own by
 * tests/run.py with QEMU -m 512M (a KTEST_MANUAL case: it needs that memory
 * size and takes seconds). It creates kernel threads through kthreadd until
 * the default threads-max (lowmem / THREAD_SIZE / 2, 512 MiB -> about 32400:
 * the seed's 32768 minus the RAM the firmware keeps) is reached, checks that
 * one more fails with -EAGAIN, stops them all (kthreadd reaps them), and the
 * suite's leak counters check that free pages, slab objects, tasks and pids
 * are back where they were. pid_max (32768) is not the limit hit first at
 * this size: threads-max is, by a few hundred tasks. */
#include <kernel.h>
#include <errno.h>
#include <ktest.h>
#include <mm.h>
#include <pid.h>
#include <vmalloc.h>
#include "tasktest.h"

static int parked(void *arg)
{
	sleep_until_stopped();
	return 7;
}

static void claim_c22_kthreads_up_to_threads_max(struct ktest *t)
{
	int room = max_threads - nr_threads, made = 0, bad = 0;
	struct task_struct **k, *over;

	ktest_log(t, "threads-max %d, %d tasks now, %lu pages of RAM, pid_max %d",
		  max_threads, nr_threads, totalram_pages, pid_max);
	KTEST_ASSERT_EQ(t, max_threads, (int)(lowmem_pages() * PAGE_SIZE / THREAD_SIZE / 2));
	KTEST_ASSERT_LT(t, room + nr_pids, pid_max);     /* threads-max binds first */
	k = vmalloc(room * sizeof(*k));
	KTEST_ASSERT_NOT_NULL(t, k);
	while (made < room) {
		k[made] = kthread_create(parked, NULL, "scale%d", made);
		if (IS_ERR(k[made]))
			break;
		made++;
	}
	ktest_log(t, "created %d kernel threads; %d tasks, %lu pages free, %lu epochs so far",
		  made, nr_threads, nr_free_pages(), sched_stats.epochs);
	KTEST_EXPECT_EQ(t, made, room);
	KTEST_EXPECT_EQ(t, nr_threads, max_threads);
	over = kthread_create(parked, NULL, "one_too_many");
	KTEST_EXPECT_EQ(t, PTR_ERR(over), -EAGAIN);
	if (!IS_ERR(over))
		kthread_stop(over);
	for (int i = 0; i < made; i++)
		bad += kthread_stop(k[i]) != -EINTR;       /* never woken: -EINTR */
	KTEST_EXPECT_EQ(t, bad, 0);
	vfree(k);
	wait_for_reaping();
	KTEST_EXPECT_EQ(t, nr_zombies, 0);
	ktest_log(t, "all stopped and reaped; %lu epochs", sched_stats.epochs);
}

static const struct ktest_case scale_cases[] = {
	KTEST_MANUAL(claim_c22_kthreads_up_to_threads_max),
	{}
};
KTEST_SUITE(task_scale, scale_cases);
