/* user/glibc/ltp-checkpoint.c: what the Linux Test Project's new-API
 * library does around every test before the call under test, done with
 * glibc's own functions: a temporary directory (mkdtemp, chmod 0777,
 * chdir, as tst_tmpdir), a results file in it (created, chmod'ed,
 * ftruncated to a page, mapped MAP_SHARED, as setup_ipc does where there
 * is no /dev/shm), three forked children that each count into the shared
 * page under a futex lock and report a pass (tst_res), then sleep on a
 * futex checkpoint until the parent wakes all three (TST_CHECKPOINT_WAIT
 * and TST_CHECKPOINT_WAKE2), and the clean-up that removes the directory.
 * The futexes are non-private: the children are processes, and meet the
 * parent only through the file's page. Prints a KTAP suite
 * (`ltp_checkpoint`) and LTP's summary, the same lines on Tasklab (a
 * program suite) and on Linux under qemu-i386, and exits 0 when every
 * check held. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "ktap-glibc.h"

#define CHILDREN   3
#define INCREMENTS 1000
#define WAIT_MS    10000            /* LTP's default checkpoint timeout */

/* The head of the shared page, as LTP's struct results; its checkpoint
 * futexes follow it. */
struct results {
	int passed, failed, broken, skipped, warnings;
	int lock;                /* 0 free, 1 held, 2 held and waited for */
	int counter;             /* INCREMENTS per child, under the lock */
	int checkpoint[4];       /* LTP's tst_futexes */
};

static long futex(int *word, int op, int val, long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	return syscall(SYS_futex, word, op, val, ms ? &ts : NULL, NULL, 0);
}

/* A futex mutex (Drepper's three states); false if a wait timed out. */
static int results_lock(struct results *r)
{
	int c = __sync_val_compare_and_swap(&r->lock, 0, 1);

	while (c != 0) {
		if (c == 2 || __sync_val_compare_and_swap(&r->lock, 1, 2) != 0)
			if (futex(&r->lock, FUTEX_WAIT, 2, WAIT_MS) == -1 && errno == ETIMEDOUT)
				return 0;
		c = __sync_val_compare_and_swap(&r->lock, 0, 2);
	}
	return 1;
}

static void results_unlock(struct results *r)
{
	if (__sync_fetch_and_sub(&r->lock, 1) != 1) {
		r->lock = 0;
		futex(&r->lock, FUTEX_WAKE, 1, 0);
	}
}

/* A child: the counting (a yield now and then with the lock held, so the
 * others contend), its pass, then TST_CHECKPOINT_WAIT(0). Exit status 0
 * when woken; 2 a lock wait timed out, 3 the checkpoint did. */
static int child(struct results *r)
{
	for (int i = 0; i < INCREMENTS; i++) {
		int v;

		if (!results_lock(r))
			return 2;
		v = r->counter;
		if (i % 50 == 0)
			sched_yield();
		r->counter = v + 1;
		results_unlock(r);
	}
	if (!results_lock(r))
		return 2;
	r->passed++;                                    /* tst_res(TPASS, ...) */
	results_unlock(r);
	return futex(&r->checkpoint[0], FUTEX_WAIT, r->checkpoint[0], WAIT_MS) == 0 ? 0 : 3;
}

/* TST_CHECKPOINT_WAKE2(0, nr): wake until nr sleepers were woken, trying
 * every millisecond while some have not gone to sleep yet; how many. */
static int checkpoint_wake(struct results *r, int nr)
{
	int woken = 0;

	for (int ms = 0; ms < WAIT_MS && woken < nr; ms++) {
		long n = futex(&r->checkpoint[0], FUTEX_WAKE, nr - woken, 0);

		woken += n > 0 ? n : 0;
		if (woken < nr)
			usleep(1000);
	}
	return woken;
}

/* The counter as read() sees it in the file: the mapping is the file. */
static int counter_in_file(const char *path)
{
	int fd = open(path, O_RDONLY), v = -1;

	if (fd >= 0 && pread(fd, &v, sizeof(v), offsetof(struct results, counter)) != sizeof(v))
		v = -1;
	if (fd >= 0)
		close(fd);
	return v;
}

static int reap(pid_t *pids)
{
	int ok = 0, status;

	for (int i = 0; i < CHILDREN; i++)
		if (pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i] && status == 0)
			ok++;
	return ok;
}

int main(void)
{
	const char *tmp = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char dir[PATH_MAX], ipc[] = "ltp_ltp_checkpoint";
	long page = sysconf(_SC_PAGESIZE);
	struct results *r = MAP_FAILED;
	pid_t pids[CHILDREN] = { 0 };
	struct stat st;
	int fd, woken = 0;

	ktap_begin("ltp_checkpoint", 6);
	snprintf(dir, sizeof(dir), "%s/LTP_ltpXXXXXX", tmp);
	check("tmpdir_mkdtemp_chmod", mkdtemp(dir) && chmod(dir, 0777) == 0 &&
	      stat(dir, &st) == 0 && st.st_mode == (S_IFDIR | 0777) && chdir(dir) == 0);
	fd = open(ipc, O_CREAT | O_EXCL | O_RDWR, 0600);
	check("results_file_ftruncate_to_a_page",
	      fd >= 0 && chmod(ipc, 0666) == 0 && ftruncate(fd, page) == 0 &&
	      fstat(fd, &st) == 0 && st.st_size == page && (st.st_mode & 0777) == 0666);
	if (fd >= 0)
		r = mmap(NULL, page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check("results_file_mapped_shared", r != MAP_FAILED && r->counter == 0 && close(fd) == 0);
	if (r == MAP_FAILED)
		return 1;
	for (int i = 0; i < CHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(child(r));
	}
	woken = checkpoint_wake(r, CHILDREN);
	check("checkpoint_wakes_three_children", woken == CHILDREN && reap(pids) == CHILDREN);
	check("counted_under_futex_lock", r->counter == CHILDREN * INCREMENTS &&
	      r->passed == CHILDREN && counter_in_file(ipc) == CHILDREN * INCREMENTS);
	printf("    # counter %d, woken %d\n", r->counter, woken);
	printf("    # Summary:\n    # passed   %d\n    # failed   %d\n    # broken   %d\n"
	       "    # skipped  %d\n    # warnings %d\n",
	       r->passed, r->failed, r->broken, r->skipped, r->warnings);
	check("cleanup_removes_tmpdir", munmap(r, page) == 0 && unlink(ipc) == 0 &&
	      chdir("/") == 0 && rmdir(dir) == 0 && access(dir, F_OK) == -1 && errno == ENOENT);
	return ktap_status();
}
