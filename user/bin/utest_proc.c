/* user/bin/utest_proc.c: KTAP self-tests of the process calls as a program
 * sees them: fork's two returns and pids, copy-on-write isolation, the wait
 * status encoding (exit codes, death by signal, WNOHANG), vfork (the
 * parent released by the child's exit, and by its exec), execve
 * success and its clean failures (ENOENT, ENOEXEC, E2BIG), and orphans
 * being reparented. Runs on Tasklab and, on the build host, under qemu-i386
 * (where an i386 binary cannot exec another, and vfork is a fork: those
 * checks are skipped or relaxed there, and say so). */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <sys/auxv.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static int shared_counter = 100;

static int child_writes_counter(void)
{
	shared_counter = 555;                   /* a copy-on-write fault here */
	return shared_counter == 555 ? 0 : 1;
}

static void proc_fork_cow(struct ktap *t)
{
	int status = ktap_run_child(child_writes_counter);

	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 0);
	KTAP_EXPECT_EQ(t, shared_counter, 100);     /* the child's write stayed there */
}

static int exit_255(void) { return 255; }
static int exit_0(void) { return 0; }
static int killed_by_kill(void) { kill(getpid(), SIGKILL); return 3; }
static int killed_by_segv(void) { *(volatile int *)0xC0000000 = 1; return 4; }
static int killed_by_null(void) { return *(volatile int *)0; }

static void proc_wait_status(struct ktap *t)
{
	int s;

	s = ktap_run_child(exit_255);
	KTAP_EXPECT_TRUE(t, WIFEXITED(s));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(s), 255);
	KTAP_EXPECT_EQ(t, ktap_run_child(exit_0), 0);
	s = ktap_run_child(killed_by_kill);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGKILL);
	s = ktap_run_child(killed_by_segv);              /* a user store to kernel space */
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(s));
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGSEGV);
	s = ktap_run_child(killed_by_null);
	KTAP_EXPECT_EQ(t, WTERMSIG(s), SIGSEGV);
}

static void proc_wait_nohang(struct ktap *t)
{
	int fds[2], status;
	char c;
	pid_t pid;

	KTAP_ASSERT_EQ(t, pipe(fds), 0);
	pid = fork();
	if (pid == 0) {                             /* wait until told to go */
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 1 ? 9 : 8);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	close(fds[0]);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WNOHANG), 0);   /* still running */
	KTAP_EXPECT_EQ(t, write(fds[1], "g", 1), 1);
	close(fds[1]);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 9);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WNOHANG), -1);  /* reaped: gone */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
	KTAP_EXPECT_EQ(t, waitpid(getpid(), &status, 0), -1);   /* not our child */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
}

static const char *self_path(void)
{
	const char *p = (const char *)getauxval(AT_EXECFN);

	return p ? p : "/bin/utest_proc";
}

/* vfork: the child runs in the parent's memory until it exits, and the
 * parent is suspended until then. */
static void proc_vfork_shares_and_blocks(struct ktap *t)
{
	volatile int seen = 0;
	int status;
	pid_t pid = vfork();

	if (pid == 0) {
		seen = 1;
		_exit(5);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 5);
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "vfork is a plain fork under qemu-i386");
		return;
	}
	KTAP_EXPECT_EQ(t, seen, 1);
}


/* vfork, released by exec: the child writes a flag in the memory it
 * shares with the parent, then execs a program that waits for a byte on a
 * pipe it inherited. vfork returns in the parent while that program still
 * runs (waitpid WNOHANG says 0), so exec, not exit, let the parent go; the
 * parent then sends the byte and reaps the exit status it chose. Were the
 * parent held until the child's exit, the program would give up after
 * WAIT_PIPE_MS, and WNOHANG would find a zombie: a failure, not a hang. */
static void proc_vfork_exec_releases_parent(struct ktap *t)
{
	char num[16], *argv[] = { "utest_proc", "--wait-pipe", num, NULL };
	volatile int flag = 0;
	int fds[2], status = 0;
	pid_t pid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "vfork is a plain fork, and exec of i386 fails, under qemu-i386");
		return;
	}
	KTAP_ASSERT_EQ(t, pipe(fds), 0);
	snprintf(num, sizeof(num), "%d", fds[0]);
	pid = vfork();
	if (pid == 0) {
		flag = 1;
		execve(self_path(), argv, environ);
		_exit(127);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, flag, 1);                     /* the child ran in our memory */
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, WNOHANG), 0);   /* and runs on after exec */
	KTAP_EXPECT_EQ(t, write(fds[1], "*", 1), 1);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 0x2a);   /* the byte it read */
	close(fds[0]);
	close(fds[1]);
}

static void proc_execve_errors(struct ktap *t)
{
	char *argv[] = { "x", NULL }, *big_argv[3];
	size_t big = 200 * 1024;            /* one string past MAX_ARG_STRLEN (128 KiB) */
	char *huge = malloc(big + 1);
	int fd;

	KTAP_EXPECT_EQ(t, execve("/no/such/program", argv, environ), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_EQ(t, execve("/", argv, environ), -1);
	KTAP_EXPECT_EQ(t, errno, EACCES);                   /* a directory */
	fd = open("/tmp/utest_not_elf", O_WRONLY | O_CREAT | O_TRUNC, 0755);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, write(fd, "just text\n", 10), 10);
	close(fd);
	KTAP_EXPECT_EQ(t, execve("/tmp/utest_not_elf", argv, environ), -1);
	KTAP_EXPECT_EQ(t, errno, ENOEXEC);
	KTAP_EXPECT_EQ(t, unlink("/tmp/utest_not_elf"), 0);     /* leave /tmp as found */
	KTAP_ASSERT_TRUE(t, huge != NULL);
	memset(huge, 'a', big);
	huge[big] = '\0';
	big_argv[0] = (char *)self_path();
	big_argv[1] = huge;
	big_argv[2] = NULL;
	KTAP_EXPECT_EQ(t, execve(self_path(), big_argv, environ), -1);
	KTAP_EXPECT_EQ(t, errno, E2BIG);
	free(huge);
}

static void proc_execve_runs_program(struct ktap *t)
{
	char *argv[] = { "utest_proc", "--exit-with", "42", NULL };
	int status;
	pid_t pid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 cannot exec an i386 binary on this host");
		return;
	}
	pid = fork();
	if (pid == 0) {
		execve(self_path(), argv, environ);
		_exit(127);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 42);
}

/* Exec ourselves asking whether fd is still open there. */
static int exec_asks_fd_open(int fd)
{
	char num[16], *argv[] = { "utest_proc", "--fd-open", num, NULL };
	int status = -1;
	pid_t pid;

	snprintf(num, sizeof(num), "%d", fd);
	pid = fork();
	if (pid == 0) {
		execve(self_path(), argv, environ);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* execve closes the fds marked close-on-exec, and only those. */
static void proc_execve_closes_cloexec_fds(struct ktap *t)
{
	int keep = open("/etc/motd", O_RDONLY), drop = open("/etc/motd", O_RDONLY | O_CLOEXEC);

	KTAP_ASSERT_GE(t, keep, 0);
	KTAP_ASSERT_GE(t, drop, 0);
	KTAP_EXPECT_EQ(t, fcntl(drop, F_GETFD, 0), FD_CLOEXEC);
	KTAP_EXPECT_EQ(t, fcntl(keep, F_GETFD, 0), 0);
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 cannot exec an i386 binary on this host");
	} else {
		KTAP_EXPECT_EQ(t, exec_asks_fd_open(keep), 1);
		KTAP_EXPECT_EQ(t, exec_asks_fd_open(drop), 0);
	}
	close(keep);
	close(drop);
}

/* A grandchild whose parent exits is adopted: by PID 1 on Tasklab (c14's
 * init reaps orphans); on the host, by whatever init or subreaper is there. */
static void proc_orphan_reparented(struct ktap *t)
{
	struct timespec ms = { 0, 1000 * 1000 };
	int fds[2], ready[2], status;
	pid_t child, ppid = 0, first = 0;
	char c;

	KTAP_ASSERT_EQ(t, pipe(fds), 0);
	KTAP_ASSERT_EQ(t, pipe(ready), 0);
	child = fork();
	if (child == 0) {
		if (fork() == 0) {              /* grandchild */
			first = getppid();
			write(ready[1], "r", 1);    /* now the parent may go */
			for (int i = 0; i < 5000 && getppid() == first; i++)
				nanosleep(&ms, NULL);
			ppid = getppid();
			write(fds[1], &first, sizeof(first));
			write(fds[1], &ppid, sizeof(ppid));
			_exit(0);
		}
		read(ready[0], &c, 1);
		_exit(0);                       /* orphan the grandchild */
	}
	close(fds[1]);
	close(ready[0]);
	close(ready[1]);
	KTAP_ASSERT_GT(t, child, 0);
	KTAP_EXPECT_EQ(t, waitpid(child, &status, 0), child);
	KTAP_EXPECT_EQ(t, read(fds[0], &first, sizeof(first)), sizeof(first));
	KTAP_EXPECT_EQ(t, read(fds[0], &ppid, sizeof(ppid)), sizeof(ppid));
	close(fds[0]);
	KTAP_EXPECT_EQ(t, first, child);
	KTAP_EXPECT_NE(t, ppid, child);
	if (ktap_on_tasklab())
		KTAP_EXPECT_EQ(t, ppid, 1);
	else
		ktap_log(t, "adopted by pid %d on this host", ppid);
}

/* A segment register holding a selector whose descriptor went away while
 * the task was in the kernel: set_thread_area empties the TLS slot %gs
 * names. Returning to user mode must not oops on the stale selector (as
 * Linux, the register comes back null): the child sees %gs == 0 and exits
 * normally. */
static int stale_gs_child(void)
{
	unsigned int u[4] = { -1u, 0, 0xfffff, 0x51 };   /* 4 GiB data, 32-bit */
	unsigned int sel, gs;

	if (syscall(__NR_set_thread_area, (long)u, 0, 0, 0, 0, 0))
		return 1;
	sel = u[0] * 8 + 3;
	__asm__ __volatile__("movw %w0, %%gs" :: "r"(sel));
	u[3] = 0x28;                                  /* read_exec_only + not present: empty */
	if (syscall(__NR_set_thread_area, (long)u, 0, 0, 0, 0, 0))
		return 2;
	__asm__ __volatile__("movw %%gs, %w0" : "=r"(gs));
	return gs == 0 ? 0 : 3;
}

static void proc_stale_segment_selector_zeroed(struct ktap *t)
{
	int status = -1;
	pid_t pid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 keeps a segment's cached base when its descriptor goes");
		return;
	}
	pid = fork();
	if (pid == 0)
		_exit(stale_gs_child());
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);                 /* exited 0: not killed, gs was 0 */
}

static void proc_ids(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, getpgid(0), getpgrp());
	KTAP_EXPECT_EQ(t, getsid(0), getsid(getpid()));
	/* A container's session leader may live outside its pid namespace,
	 * where Linux reports the session id as 0; on Tasklab init's
	 * session is always visible. */
	if (ktap_on_tasklab())
		KTAP_EXPECT_GT(t, getsid(0), 0);
	else
		KTAP_EXPECT_GE(t, getsid(0), 0);
	KTAP_EXPECT_EQ(t, kill(999999, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
}

/* setpgid: a child moved into its own group, then into ours; a group that
 * does not exist is EPERM, a negative one EINVAL, a stranger ESRCH. */
static void proc_setpgid_rules(struct ktap *t)
{
	int go[2], status;
	char c = 0;
	pid_t pid;

	KTAP_ASSERT_EQ(t, pipe(go), 0);
	pid = fork();
	if (pid == 0) {
		read(go[0], &c, 1);
		_exit(0);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, setpgid(pid, 0), 0);
	KTAP_EXPECT_EQ(t, getpgid(pid), pid);
	KTAP_EXPECT_EQ(t, setpgid(pid, getpgrp()), 0);       /* an existing group */
	KTAP_EXPECT_EQ(t, getpgid(pid), getpgrp());
	KTAP_EXPECT_EQ(t, setpgid(pid, 999999), -1);         /* no such group */
	KTAP_EXPECT_EQ(t, errno, EPERM);
	KTAP_EXPECT_EQ(t, getpgid(pid), getpgrp());
	KTAP_EXPECT_EQ(t, setpgid(pid, -2), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, setpgid(999999, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	write(go[1], &c, 1);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	close(go[0]);
	close(go[1]);
}

static const struct ktap_case proc_cases[] = {
	KTAP_CASE(proc_fork_cow),
	KTAP_CASE(proc_wait_status),
	KTAP_CASE(proc_wait_nohang),
	KTAP_CASE(proc_vfork_shares_and_blocks),
	KTAP_CASE(proc_vfork_exec_releases_parent),
	KTAP_CASE(proc_execve_errors),
	KTAP_CASE(proc_execve_runs_program),
	KTAP_CASE(proc_execve_closes_cloexec_fds),
	KTAP_CASE(proc_orphan_reparented),
	KTAP_CASE(proc_ids),
	KTAP_CASE(proc_setpgid_rules),
	KTAP_CASE(proc_stale_segment_selector_zeroed),
	{}
};

#define WAIT_PIPE_MS 3000

/* --wait-pipe FD: the exit status is the first byte read from FD, or 99
 * when none came within WAIT_PIPE_MS (a bounded wait, so that a parent
 * that never writes makes a failure rather than a hang). */
static int wait_pipe(int fd)
{
	struct timespec tick = { 0, 5 * 1000 * 1000 };
	long deadline = now_ms() + WAIT_PIPE_MS;
	unsigned char c;

	if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0)
		return 98;
	while (now_ms() < deadline) {
		if (read(fd, &c, 1) == 1)
			return c;
		nanosleep(&tick, NULL);
	}
	return 99;
}

/* --- run from /sbin/init's prompt by tests/run.py's init boot ------- */

#define ORPHAN_WAIT_MS 3000

/* A process whose parent has already ended and been reaped, so that PID 1
 * has adopted it: a middle process runs make(a, b), which starts the
 * child, sends up its pid and ends. Its pid, or -1. */
static pid_t leave_orphan(pid_t (*make)(long a, long b), long a, long b)
{
	pid_t mid, orphan = -1;
	int fds[2];

	if (pipe(fds))
		return -1;
	mid = fork();
	if (mid == 0) {
		pid_t g = make(a, b);

		write(fds[1], &g, sizeof(g));
		_exit(0);
	}
	if (mid < 0 || read(fds[0], &orphan, sizeof(orphan)) != sizeof(orphan))
		orphan = -1;
	if (mid > 0)
		waitpid(mid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
	return orphan;
}

/* Wait (polled, up to ORPHAN_WAIT_MS) until our parent is no longer
 * `parent`: it has ended and we were adopted. */
static void wait_until_orphaned(pid_t parent)
{
	for (int i = 0; i < ORPHAN_WAIT_MS && getppid() == parent; i++)
		sleep_ms(1);
}

/* A child that ends once it is an orphan, and then, when `after` is not 0,
 * ms after `after` is gone too (found so by kill(after, 0)). */
static pid_t child_ends_after(long after, long ms)
{
	pid_t parent = getpid(), g = fork();

	if (g == 0) {
		wait_until_orphaned(parent);
		while (after > 0 && kill(after, 0) == 0)
			sleep_ms(5);
		sleep_ms(ms);
		_exit(0);
	}
	return g;
}

/* Wait until pid is gone and say after how long: kill(pid, 0) finds it
 * while it runs and while it is a zombie, and fails with ESRCH only once
 * its parent (here PID 1) has reaped it. pid -1 (not made) is reported as
 * not reaped. */
static void report_reaped(const char *when, pid_t pid)
{
	long start = now_ms();

	while (pid > 0 && now_ms() - start < ORPHAN_WAIT_MS) {
		if (kill(pid, 0) < 0 && errno == ESRCH) {
			printf("orphans: %s: pid %d reaped after %ld ms\n", when, pid,
			       now_ms() - start);
			return;
		}
		sleep_ms(5);
	}
	printf("orphans: %s: pid %d NOT reaped within %d ms\n", when, pid, ORPHAN_WAIT_MS);
}

static volatile int child_ended;

static void note_child_ended(int sig)
{
	(void)sig;
	child_ended = 1;
}

static int end_once_orphaned(void *parent)
{
	wait_until_orphaned((pid_t)(long)parent);
	return 0;
}

/* A child of the kind zombie says: true, a fork child already a zombie
 * when we return (and our caller ends: PID 1 must hear of it then, its end
 * came before it was PID 1's); false, a clone child with exit signal 0
 * that ends once we are gone (PID 1 must hear of it by SIGCHLD all the
 * same). */
static pid_t child_of_kind(long zombie, long unused)
{
	static char stack[8192] __attribute__((aligned(16)));
	struct sigaction sa = { .sa_handler = note_child_ended };
	pid_t g;

	(void)unused;
	sigaction(SIGCHLD, &sa, NULL);
	g = zombie ? fork() : clone(end_once_orphaned, stack + sizeof(stack), 0,
				    (void *)(long)getpid(), NULL, NULL, NULL);
	if (g == 0)
		_exit(0);
	for (int i = 0; zombie && !child_ended && i < 1000; i++)
		sleep_ms(5);                        /* SIGCHLD: g is a zombie */
	return g;
}

/* --orphans-to-init: two orphans go to PID 1; one ends as soon as it is
 * PID 1's, while this program (init's command) runs, the other 100 ms
 * after this program is gone (reaped: init is back at its prompt, waiting
 * for a line; the 100 ms are the one margin here, as nothing a program can
 * see tells that init is blocked in its read). A watcher, itself soon an
 * orphan, reports on the second; then, with nothing else ending that
 * would make PID 1 look for zombies, it leaves two more (child_of_kind)
 * and reports on each. */
static int orphans_to_init(void)
{
	pid_t now = leave_orphan(child_ends_after, 0, 0);
	pid_t later = leave_orphan(child_ends_after, getpid(), 100);

	if (now < 0 || later < 0 || kill(later, 0)) {      /* now may be gone already */
		printf("orphans: could not make them\n");
		return 1;
	}
	if (fork() == 0) {
		report_reaped("at the prompt", later);
		report_reaped("a zombie when its parent ends", leave_orphan(child_of_kind, true, 0));
		report_reaped("cloned with exit signal 0", leave_orphan(child_of_kind, false, 0));
		_exit(0);
	}
	report_reaped("during a command", now);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--exit-with"))
		return atoi(argv[2]);          /* the program execve runs in the test */
	if (argc == 3 && !strcmp(argv[1], "--fd-open"))
		return fcntl(atoi(argv[2]), F_GETFD, 0) >= 0;
	if (argc == 3 && !strcmp(argv[1], "--wait-pipe"))
		return wait_pipe(atoi(argv[2]));
	if (argc == 2 && !strcmp(argv[1], "--orphans-to-init"))
		return orphans_to_init();
	return ktap_run_suite("proc", proc_cases);
}
