/* tests/test_smp_mm.c: the kernel's shared address-space allocators used
 * by every CPU at once. vmalloc's area list serves every execve's argument
 * buffer (fs/exec_args.c) on whatever CPU the exec runs: one kernel thread
 * per CPU, pinned there, makes, checks and frees areas at the same time.
 * (The TLB side of vfree and kunmap, global entries other CPUs may hold,
 * is checked in tests/test_tlb.c.) */
#include <kernel.h>
#include <ktest.h>
#include <smp.h>
#include <vmalloc.h>
#include "tasktest.h"

#define RACE_ROUNDS 600

/* One thread per CPU, pinned there, allocating and freeing at once. */
struct vmalloc_racer {
	struct task_struct *task;
	struct completion *done;
	unsigned long bad, failed;
};

/* Fill a new area with a word only this thread writes, read it back (two
 * CPUs handed one gap read each other's), and check the area's record. */
static void vmalloc_race_round(struct vmalloc_racer *r, u32 tag)
{
	unsigned int words = (1 + tag % 3) * PAGE_SIZE / sizeof(u32);
	u32 *p = vmalloc(words * sizeof(u32));
	struct vm_struct *area;

	if (!p) {
		r->failed++;
		return;
	}
	for (unsigned int i = 0; i < words; i++)
		p[i] = tag;
	if (need_resched())
		schedule();
	for (unsigned int i = 0; i < words; i++)
		r->bad += p[i] != tag;
	area = find_vm_area(p);
	r->bad += !area || area->addr != (unsigned long)p || area->nr_pages != words / 1024;
	vfree(p);
}

static int vmalloc_racer_thread(void *arg)
{
	struct vmalloc_racer *r = arg;

	for (u32 i = 0; i < RACE_ROUNDS; i++)
		vmalloc_race_round(r, (u32)smp_processor_id() << 24 | i);
	complete(r->done);
	sleep_until_stopped();
	return 0;
}

/* Every CPU vmallocs, writes, checks and vfrees at once: the area list is
 * shared by every CPU's execve (its argument buffer). Without
 * vmap_area_lock two CPUs took one gap (a foreign word read back) or broke
 * the list (a crash) within a few hundred rounds under multi-threaded TCG. */
static void vmalloc_areas_apart_on_every_cpu_at_once(struct ktest *t)
{
	static struct vmalloc_racer r[NR_CPUS];
	struct completion done;
	unsigned long bad = 0, failed = 0;
	int cpu, n = 0;

	init_completion(&done);
	memset(r, 0, sizeof(r));
	for_each_online_cpu(cpu) {
		r[cpu].done = &done;
		r[cpu].task = kthread_create(vmalloc_racer_thread, &r[cpu], "vmracer%d", cpu);
		KTEST_ASSERT_FALSE(t, IS_ERR(r[cpu].task));
		KTEST_EXPECT_EQ(t, set_cpus_allowed(r[cpu].task, (cpumask_t){ 1UL << cpu }), 0);
	}
	for_each_online_cpu(cpu)
		wake_up_process(r[cpu].task);
	for_each_online_cpu(cpu) {
		wait_for_completion(&done);
		n++;
	}
	for_each_online_cpu(cpu) {
		kthread_stop(r[cpu].task);
		bad += r[cpu].bad;
		failed += r[cpu].failed;
	}
	wait_for_reaping();
	ktest_log(t, "%d CPUs, %d areas each made, checked and freed", n, RACE_ROUNDS);
	KTEST_EXPECT_EQ(t, bad, 0);
	KTEST_EXPECT_EQ(t, failed, 0);
}

static struct ktest_case smp_mm_cases[] = {
	KTEST_CASE(vmalloc_areas_apart_on_every_cpu_at_once),
	{}
};
KTEST_SUITE(smp_mm, smp_mm_cases);
