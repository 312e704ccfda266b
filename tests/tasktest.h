/* tests/tasktest.h: helpers shared by the task and scheduler self-tests
 * and benchmarks (tests/test_tasks.c, tests/test_sched.c,
 * tests/test_task_scale.c, tests/bench_sched.c). */
#ifndef TASKLAB_TESTS_TASKTEST_H
#define TASKLAB_TESTS_TASKTEST_H

#include <completion.h>
#include <kthread.h>
#include <sched.h>
#include <sched/mm.h>
#include <timer.h>

/* What a probe thread saw about itself, from inside. */
struct probe {
	struct completion ready;          /* completed once the fields are set */
	struct task_struct *task;         /* current */
	struct thread_info *ti;           /* current_thread_info() */
	unsigned long esp;
	struct mm_struct *mm, *active_mm;
	u32 cr3;
	int ret;                          /* what the thread returns when stopped */
};

static inline void probe_init(struct probe *pr, int ret)
{
	memset(pr, 0, sizeof(*pr));
	init_completion(&pr->ready);
	pr->ret = ret;
}

/* Sleep until kthread_stop() is called on us. */
static inline void sleep_until_stopped(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

/* Wait (up to a second) until kthreadd has reaped every exited kthread. */
static inline void wait_for_reaping(void)
{
	for (int i = 0; i < 1000 && nr_zombies; i++)
		msleep(1);
}

/* Wait (up to a second) until pid has run, exited and been reaped: it is
 * no longer on the task list. */
static inline void wait_until_reaped(pid_t pid)
{
	for (int i = 0; i < 1000 && find_task_by_pid(pid); i++)
		msleep(1);
}

/* A kthread body: fill the probe, then wait to be stopped; returns pr->ret. */
static inline int probe_thread(void *arg)
{
	struct probe *pr = arg;

	pr->task = current;
	pr->ti = current_thread_info();
	pr->esp = read_esp();
	pr->mm = current->mm;
	pr->active_mm = current->active_mm;
	pr->cr3 = read_cr3();
	complete(&pr->ready);
	sleep_until_stopped();
	return pr->ret;
}

/* Two players take turns through one wait queue: every turn is one switch
 * between them. A user embeds it and passes its own per-turn check. */
struct pingpong {
	struct wait_queue_head wq;
	int turn, rounds, seats;
};

static inline void pingpong_init(struct pingpong *pp, int rounds)
{
	init_waitqueue_head(&pp->wq);
	pp->turn = 0;
	pp->rounds = rounds;
	pp->seats = 0;
}

/* A starting player's seat: 0 for the first, 1 for the second. */
static inline int pingpong_seat(struct pingpong *pp)
{
	return pp->seats++;
}

/* Play seat me's rounds, calling each_turn (NULL: none) right after being
 * switched to. Always inlined, so a constant each_turn costs no call and a
 * NULL one nothing (the switch benchmark's player). */
static inline __attribute__((always_inline)) void pingpong_turns(struct pingpong *pp, int me,
					   void (*each_turn)(struct pingpong *pp, int me, int round))
{
	for (int r = 0; r < pp->rounds; r++) {
		wait_event(pp->wq, pp->turn == me);
		if (each_turn)
			each_turn(pp, me, r);
		pp->turn = !me;
		wake_up(&pp->wq);
	}
}

#endif
