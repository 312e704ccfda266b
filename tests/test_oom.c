/* tests/test_oom.c: the OOM killer (mm/oom_kill.c). The ordinary cases check
 * oom_score_adj's rules and Linux's badness arithmetic on a real process.
 * The manual ones run in a boot of their own with 96 MiB (tests/run.py,
 * EXTRA_BOOTS), where /bin/oomhog (user/bin/oomhog.c) can really run the
 * machine out of memory: a hog child dies of SIGKILL while its parent and
 * PID 1 live on; of two hogs the bigger one dies, even when the smaller is
 * the one whose fault found the shortage; oom_score_adj -1000 is never
 * chosen and +1000 first; the kernel's own allocations fail without a kill;
 * a hog nobody may kill dies of SIGKILL all the same;
 * a fork storm and a hog at once leave a later program able to run. Every
 * case ends with the free pages back where they started. */
#include <kernel.h>
#include <binfmts.h>
#include <errno.h>
#include <fdtable.h>
#include <ktest.h>
#include <list.h>
#include <mm.h>
#include <oom.h>
#include <pid.h>
#include <sched.h>
#include <sched/mm.h>
#include <sched/signal.h>
#include <slab.h>
#include <timer.h>

#define KILLED_BY_SIGKILL 9            /* the wait status of a SIGKILL death */

struct hog {
	const char *argv[4];           /* "/bin/oomhog", mode, count, NULL */
	char count[16];
	int adj;
	pid_t pid;
};

/* The hog's first moments, as a kernel thread: take its oom_score_adj
 * (exec keeps it: it is the process's), then become /bin/oomhog. */
static int hog_thread(void *arg)
{
	static const char *const envp[] = { "HOME=/", "PATH=/bin", NULL };
	struct hog *h = arg;
	int err = set_oom_score_adj(current, h->adj);

	if (!err)
		err = open_console_fds();
	if (!err)
		err = kernel_execve(h->argv[0], h->argv, envp);
	return -err;
}

/* Start `/bin/oomhog mode count` as a child of the case, not waited for;
 * h must live until the child is reaped. */
static pid_t start_hog(struct hog *h, const char *mode, unsigned long count, int adj)
{
	snprintf(h->count, sizeof(h->count), "%lu", count);
	h->argv[0] = "/bin/oomhog";
	h->argv[1] = mode;
	h->argv[2] = h->count;
	h->argv[3] = NULL;
	h->adj = adj;
	h->pid = kernel_thread(hog_thread, h, NULL, SIGCHLD);
	return h->pid;
}

static bool alive(pid_t pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	return p && !p->exit_state && !(p->flags & PF_EXITING) && !fatal_signal_pending(p);
}

/* Wait (20 s at most) until pid has n pages resident; false if it died. */
static bool wait_for_rss(pid_t pid, unsigned long n)
{
	for (int i = 0; i < 2000 && alive(pid); i++) {
		struct task_struct *p = find_task_by_pid(pid);

		if (p->mm && p->mm->rss >= n)
			return true;
		msleep(10);
	}
	return false;
}

static int reap(pid_t pid)
{
	int status = -1;

	return kernel_wait(pid, 0, &status) == pid ? status : -1;
}

static void kill_and_reap(struct ktest *t, pid_t pid)
{
	struct task_struct *p = find_task_by_pid(pid);

	KTEST_ASSERT_NOT_NULL(t, p);
	send_sig(SIGKILL, p);
	KTEST_EXPECT_EQ(t, reap(pid), KILLED_BY_SIGKILL);
}

/* Free pages as the suite's leak counter counts them. The case's thread
 * (a kernel thread, which takes no signals) first drops the SIGCHLDs its
 * reaped children queued (slab objects) and the address space it may
 * still borrow from the last of them (lazy TLB: its page directory). */
static unsigned long free_pages_now(void)
{
	msleep(20);                        /* the last switch away from the reaped */
	flush_signals(current);
	drop_lazy_mm();
	kmem_cache_shrink_all();
	return nr_free_pages();
}

/* Did the log get Linux's line for pid (0: any) with this oom_score_adj? */
static bool kill_logged(pid_t pid, int adj)
{
	static char tail[2048];
	char want[64], adj_text[32];

	log_buf_tail(tail, sizeof(tail));
	if (pid)
		snprintf(want, sizeof(want), "Out of memory: Killed process %d (oomhog)", pid);
	else
		snprintf(want, sizeof(want), "Out of memory: Killed process ");
	snprintf(adj_text, sizeof(adj_text), "oom_score_adj:%d\n", adj);
	return strstr(tail, want) && strstr(tail, "total-vm:") && strstr(tail, "anon-rss:") &&
	       strstr(tail, adj_text);
}

/* --- in the main boot ------------------------------------------------------ */

/* current's oom_score_adj (-9999: the get failed). */
static int adj_of_current(void)
{
	int adj = -9999;

	get_oom_score_adj(current, &adj);
	return adj;
}

static int report_adj(void *arg)
{
	*(int *)arg = adj_of_current();
	return 0;
}

static void oom_score_adj_rules_and_inheritance(struct ktest *t)
{
	unsigned int euid = current->euid;
	int child_adj = 0;
	pid_t pid;

	KTEST_EXPECT_EQ(t, adj_of_current(), 0);
	KTEST_EXPECT_EQ(t, set_oom_score_adj(current, 1001), -EINVAL);
	KTEST_EXPECT_EQ(t, set_oom_score_adj(current, -1001), -EINVAL);
	KTEST_EXPECT_EQ(t, set_oom_score_adj(current, 300), 0);    /* root: the new floor */
	pid = kernel_thread(report_adj, &child_adj, NULL, SIGCHLD);
	KTEST_ASSERT_GT(t, pid, 0);
	KTEST_EXPECT_EQ(t, reap(pid), 0);
	KTEST_EXPECT_EQ(t, child_adj, 300);                         /* fork inherits it */
	current->euid = 1000;                                       /* not root: */
	KTEST_EXPECT_EQ(t, set_oom_score_adj(current, 200), -EACCES);   /* not below the floor */
	KTEST_EXPECT_EQ(t, set_oom_score_adj(current, 1000), 0);        /* up is fine */
	KTEST_EXPECT_EQ(t, set_oom_score_adj(current, 300), 0);         /* back to the floor */
	KTEST_EXPECT_EQ(t, adj_of_current(), 300);
	current->euid = euid;
	KTEST_EXPECT_EQ(t, set_oom_score_adj(current, 0), 0);
}

static void oom_badness_by_linux_rule(struct ktest *t)
{
	unsigned long kills = oom_kill_count, per_mille = totalram_pages / 1000;
	struct task_struct *p;
	struct hog h;
	long base;

	KTEST_ASSERT_GT(t, start_hog(&h, "hold", 64, 0), 0);
	KTEST_ASSERT_TRUE(t, wait_for_rss(h.pid, 64));
	p = find_task_by_pid(h.pid);
	base = p->mm->rss + p->mm->nr_ptes;
	KTEST_EXPECT_GE(t, base, 64 + 1);
	KTEST_EXPECT_EQ(t, oom_badness(p, totalram_pages), base);
	KTEST_EXPECT_EQ(t, set_oom_score_adj(p, 100), 0);
	KTEST_EXPECT_EQ(t, oom_badness(p, totalram_pages), base + 100 * (long)per_mille);
	KTEST_EXPECT_EQ(t, set_oom_score_adj(p, -999), 0);
	KTEST_EXPECT_EQ(t, oom_badness(p, totalram_pages), base - 999 * (long)per_mille);
	KTEST_EXPECT_EQ(t, set_oom_score_adj(p, OOM_SCORE_ADJ_MIN), 0);
	KTEST_EXPECT_EQ(t, oom_badness(p, totalram_pages), OOM_BADNESS_NEVER);
	KTEST_EXPECT_EQ(t, oom_badness(find_task_by_pid(1), totalram_pages), OOM_BADNESS_NEVER);
	KTEST_EXPECT_EQ(t, oom_badness(current, totalram_pages), OOM_BADNESS_NEVER);  /* a kthread */
	kill_and_reap(t, h.pid);
	KTEST_EXPECT_EQ(t, oom_kill_count, kills);
}

/* --- manual: in a 96 MiB boot ---------------------------------------------- */

static void hog_child_killed_with_sigkill(struct ktest *t)
{
	static const char *const argv[] = { "child", NULL };
	unsigned long free = free_pages_now(), kills = oom_kill_count;

	/* oomhog child exits 0 when its child died of SIGKILL: the parent lived */
	KTEST_EXPECT_EQ(t, ktest_run_program("/bin/oomhog", argv, NULL), 0);
	KTEST_EXPECT_EQ(t, oom_kill_count, kills + 1);
	KTEST_EXPECT_TRUE(t, kill_logged(0, 0));
	KTEST_EXPECT_TRUE(t, alive(1));
	KTEST_EXPECT_EQ(t, free_pages_now(), free);
}

/* Hog A holds 60% of the free pages (its oom_score_adj adj_a); then hog B
 * (adj_b) asks for 60% too and runs the machine out. Returns B's wait
 * status; *a_lived says whether A was alive once B had ended. A is
 * killed and reaped before returning, if still there. */
static int two_hogs(struct ktest *t, int adj_a, int adj_b, bool *a_lived, int *a_status)
{
	unsigned long n = nr_free_pages() * 6 / 10;
	struct hog a, b;
	int b_status;

	*a_lived = false;
	*a_status = -1;
	if (start_hog(&a, "hold", n, adj_a) <= 0)
		return -1;
	if (!wait_for_rss(a.pid, n) || start_hog(&b, "touch", n, adj_b) <= 0) {
		kill_and_reap(t, a.pid);
		return -1;
	}
	b_status = reap(b.pid);
	*a_lived = alive(a.pid);
	if (*a_lived)
		send_sig(SIGKILL, find_task_by_pid(a.pid));
	*a_status = reap(a.pid);
	if (!*a_lived && !kill_logged(a.pid, adj_a))
		KTEST_FAIL(t, "no \"Killed process %d (oomhog)\" line for hog A", a.pid);
	return b_status;
}

static void bigger_of_two_hogs_dies(struct ktest *t)
{
	unsigned long free = free_pages_now(), kills = oom_kill_count;
	bool a_lived;
	int a_status;

	/* B's fault finds the shortage, but A is bigger: A dies, B finishes */
	KTEST_EXPECT_EQ(t, two_hogs(t, 0, 0, &a_lived, &a_status), 0);
	KTEST_EXPECT_FALSE(t, a_lived);
	KTEST_EXPECT_EQ(t, a_status, KILLED_BY_SIGKILL);
	KTEST_EXPECT_EQ(t, oom_kill_count, kills + 1);
	KTEST_EXPECT_EQ(t, free_pages_now(), free);
}

static void oom_score_adj_steers_the_choice(struct ktest *t)
{
	unsigned long free = free_pages_now(), kills = oom_kill_count;
	bool a_lived;
	int a_status;

	/* A bigger but -1000: never chosen; B dies */
	KTEST_EXPECT_EQ(t, two_hogs(t, OOM_SCORE_ADJ_MIN, 0, &a_lived, &a_status),
			KILLED_BY_SIGKILL);
	KTEST_EXPECT_TRUE(t, a_lived);
	KTEST_EXPECT_EQ(t, oom_kill_count, kills + 1);
	KTEST_EXPECT_TRUE(t, kill_logged(0, 0));
	/* B smaller but +1000: chosen first */
	KTEST_EXPECT_EQ(t, two_hogs(t, 0, OOM_SCORE_ADJ_MAX, &a_lived, &a_status),
			KILLED_BY_SIGKILL);
	KTEST_EXPECT_TRUE(t, a_lived);
	KTEST_EXPECT_EQ(t, oom_kill_count, kills + 2);
	KTEST_EXPECT_TRUE(t, kill_logged(0, OOM_SCORE_ADJ_MAX));
	KTEST_EXPECT_EQ(t, free_pages_now(), free);
}

/* With a hog holding most of memory, the kernel's own allocations run
 * dry and fail, and nobody is killed for them. */
static void kernel_allocation_fails_without_a_kill(struct ktest *t)
{
	unsigned long free = free_pages_now(), kills = oom_kill_count, n = free * 8 / 10, got = 0;
	LIST_HEAD(held);
	struct page *page, *next;
	struct hog h;

	KTEST_ASSERT_GT(t, start_hog(&h, "hold", n, 0), 0);
	KTEST_ASSERT_TRUE(t, wait_for_rss(h.pid, n));
	while ((page = alloc_page(GFP_KERNEL | __GFP_NOWARN))) {
		list_add(&page->lru, &held);
		got++;
	}
	KTEST_EXPECT_EQ(t, nr_free_pages(), 0);
	KTEST_EXPECT_EQ(t, oom_kill_count, kills);
	KTEST_EXPECT_TRUE(t, alive(h.pid));
	list_for_each_entry_safe(page, next, &held, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	ktest_log(t, "%lu pages held by the hog, %lu more by the kernel", n, got);
	kill_and_reap(t, h.pid);
	KTEST_EXPECT_EQ(t, free_pages_now(), free);
}

/* A hog nobody may kill (-1000) and nothing else to kill: its fault
 * cannot be met, and it gets SIGKILL itself rather than SIGSEGV or a
 * fault retried for ever (Linux would panic); no OOM kill is counted. */
static void unkillable_hog_alone_dies_of_sigkill(struct ktest *t)
{
	static char tail[1024];
	unsigned long free = free_pages_now(), kills = oom_kill_count;
	struct hog h;

	KTEST_ASSERT_GT(t, start_hog(&h, "touch", 0, OOM_SCORE_ADJ_MIN), 0);
	KTEST_EXPECT_EQ(t, reap(h.pid), KILLED_BY_SIGKILL);
	KTEST_EXPECT_EQ(t, oom_kill_count, kills);
	log_buf_tail(tail, sizeof(tail));
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "Out of memory and no killable processes"));
	KTEST_EXPECT_NOT_NULL(t, strstr(tail, "killing the faulting process"));
	KTEST_EXPECT_EQ(t, free_pages_now(), free);
}

static void fork_storm_and_hog_leave_system_usable(struct ktest *t)
{
	static const char *const no_args[] = { NULL };
	unsigned long free = free_pages_now(), kills = oom_kill_count;
	struct hog storm, hog;

	KTEST_ASSERT_GT(t, start_hog(&storm, "storm", 5, 0), 0);
	KTEST_ASSERT_GT(t, start_hog(&hog, "touch", 0, 0), 0);    /* pages without end */
	KTEST_EXPECT_EQ(t, reap(hog.pid), KILLED_BY_SIGKILL);
	KTEST_EXPECT_EQ(t, reap(storm.pid), 0);                   /* every round reaped */
	KTEST_EXPECT_GE(t, oom_kill_count, kills + 1);
	KTEST_EXPECT_EQ(t, ktest_run_program("/bin/hello", no_args, NULL), 0);
	KTEST_EXPECT_TRUE(t, alive(1));
	KTEST_EXPECT_EQ(t, free_pages_now(), free);
}

static const struct ktest_case oom_cases[] = {
	KTEST_CASE(oom_score_adj_rules_and_inheritance),
	KTEST_CASE(oom_badness_by_linux_rule),
	KTEST_MANUAL(hog_child_killed_with_sigkill),
	KTEST_MANUAL(bigger_of_two_hogs_dies),
	KTEST_MANUAL(oom_score_adj_steers_the_choice),
	KTEST_MANUAL(kernel_allocation_fails_without_a_kill),
	KTEST_MANUAL(unkillable_hog_alone_dies_of_sigkill),
	KTEST_MANUAL(fork_storm_and_hog_leave_system_usable),
	{}
};
KTEST_SUITE(oom, oom_cases);
