/* user/bin/utest_smp_files.c: KTAP races on one regular file's data from
 * several CPUs: its pages read, written and mapped by one thread while
 * another truncates the file to nothing and extends it again (a page
 * freed by the truncate must not be read, written or mapped afterwards:
 * the lookups hold a reference, as Linux's find_get_page); processes
 * appending to one file at once with O_APPEND, and two writing through
 * one shared open file (its position). Each answer must be one Linux
 * gives: bytes read are the data written or zeros (a hole), a mapped page
 * past the new end is SIGBUS (caught and stepped over), every appended or
 * shared-position record lands whole and once, and the kernel neither
 * oopses nor leaks. It means most at -smp
 * 4 under QEMU's multi-threaded TCG, where the sides really run at once.
 * Runs on Tasklab and, on the build host, under qemu-i386. */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <ktap_fs.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <utest.h>
#include <asm/step_over.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define PG        4096
#define NPAGES    4
#define FSIZE     (NPAGES * PG)
#define RACE_MS   1500               /* each race runs this long at most */
#define BUS_MARK  0xEE               /* what a load the SIGBUS handler stepped over gives */

static volatile int stop;

/* FSIZE bytes at offset 0 by a raw call (errno is one global in our
 * libc, and threads call these): the count, or -errno. */
static long pwrite0(int fd, const void *buf)
{
	return __syscall6(__NR_pwrite64, fd, (long)buf, FSIZE, 0, 0, 0);
}

static long pread0(int fd, void *buf)
{
	return __syscall6(__NR_pread64, fd, (long)buf, FSIZE, 0, 0, 0);
}

/* --- pages used while a truncate frees them ----------------------------- */

static int fd_f, fd_g;               /* "f" raced on; "g" reuses its freed pages */
static volatile long trunc_rounds, g_bad, writer_bad;
static volatile int bus_hits;
static char xbuf[FSIZE], ybuf[FSIZE];

/* Step over the two-byte load or store that touched a page past the
 * file's end (the truncate came first), so the case goes on. */
static void bus_handler(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	(void)sig;
	(void)si;
	bus_hits++;
	uc->uc_mcontext.gregs[REG_EIP] += 2;
	uc->uc_mcontext.gregs[REG_EAX] = BUS_MARK;
}

/* Truncate "f" to nothing and extend it again (holes: zeros); meanwhile
 * fill "g" with 'y' and read it back: on one CPU "g" takes the pages
 * "f" just freed, so a stale user of one of them shows up as a 'y' in
 * "f" or an 'x' in "g". Raw calls: errno is one global in our libc. */
static int truncator(void *unused)
{
	static char buf[FSIZE];

	(void)unused;
	while (!stop) {
		__syscall2(__NR_ftruncate, fd_f, 0);
		if (pwrite0(fd_g, ybuf) != FSIZE ||
		    pread0(fd_g, buf) != FSIZE ||
		    memcmp(buf, ybuf, FSIZE))
			g_bad++;
		__syscall2(__NR_ftruncate, fd_g, 0);
		__syscall2(__NR_ftruncate, fd_f, FSIZE);
		trunc_rounds++;
	}
	return 0;
}

/* Write "f" full of 'x' again and again. */
static int page_writer(void *unused)
{
	(void)unused;
	while (!stop)
		if (pwrite0(fd_f, xbuf) != FSIZE)
			writer_bad++;
	return 0;
}

/* How many of buf's n bytes are neither 'x' nor 0 (nor, if bus, the
 * mark of a load stepped over). */
static int foreign_byte;             /* the first such byte seen, for the log */

static int foreign_bytes(const unsigned char *buf, size_t n, int bus)
{
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		if (buf[i] == 'x' || buf[i] == 0 || (bus && buf[i] == BUS_MARK))
			continue;
		if (!bad++ && !foreign_byte)
			foreign_byte = buf[i];
	}
	return bad;
}

/* Read "f" whole: -1 if the read failed, else the foreign bytes in it. */
static int read_round(void)
{
	static unsigned char buf[FSIZE];
	long n = pread0(fd_f, buf);

	return n < 0 ? -1 : foreign_bytes(buf, (size_t)n, 0);
}

/* Map "f" shared, load and store a byte of each page, unmap: -1 if mmap
 * failed, else the foreign bytes loaded. */
static int map_round(void)
{
	unsigned char got[NPAGES];
	volatile char *p = mmap(NULL, FSIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd_f, 0);

	if (p == MAP_FAILED)
		return -1;
	for (int i = 0; i < NPAGES; i++) {
		got[i] = (unsigned char)load_byte(p + i * PG + 100);
		store_byte(p + i * PG + 200, 'x');
	}
	munmap((void *)p, FSIZE);
	return foreign_bytes(got, NPAGES, 1);
}

static int catch_sigbus(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = bus_handler;
	sa.sa_flags = SA_SIGINFO;
	return sigaction(SIGBUS, &sa, NULL);
}

/* One thread reads and maps "f" while a second writes it and a third
 * truncates it to 0 and extends it again: what is read or loaded is 'x'
 * or zeros, "g" (filled with the pages "f" frees) stays all 'y'. */
static void pages_race_truncate(struct ktap *t)
{
	struct thread th[2];
	struct sigaction dfl = { .sa_handler = SIG_DFL };
	int reads = 0, bad_read = 0, bad_map = 0;

	memset(xbuf, 'x', sizeof(xbuf));
	memset(ybuf, 'y', sizeof(ybuf));
	fd_f = open("f", O_RDWR | O_CREAT | O_TRUNC, 0600);
	fd_g = open("g", O_RDWR | O_CREAT | O_TRUNC, 0600);
	KTAP_ASSERT_GE(t, fd_f, 0);
	KTAP_ASSERT_GE(t, fd_g, 0);
	KTAP_ASSERT_EQ(t, catch_sigbus(), 0);
	stop = trunc_rounds = g_bad = writer_bad = bus_hits = foreign_byte = 0;
	KTAP_ASSERT_GT(t, thread_start(&th[0], truncator, NULL, 0), 0);
	KTAP_ASSERT_GT(t, thread_start(&th[1], page_writer, NULL, 0), 0);
	for (long end = now_ms() + RACE_MS; now_ms() < end && !bad_read && !bad_map; reads++) {
		bad_read = read_round();
		bad_map = map_round();
	}
	stop = 1;
	thread_join(&th[0]);
	thread_join(&th[1]);
	sigaction(SIGBUS, &dfl, NULL);
	KTAP_EXPECT_EQ(t, bad_read, 0);
	KTAP_EXPECT_EQ(t, bad_map, 0);
	KTAP_EXPECT_EQ(t, g_bad, 0);
	KTAP_EXPECT_EQ(t, writer_bad, 0);
	KTAP_EXPECT_GT(t, trunc_rounds, 0);
	ktap_log(t, "%d reads and maps, %ld truncations, %d SIGBUS; first foreign byte %#x",
		 reads, trunc_rounds, bus_hits, foreign_byte);
	close(fd_f);
	close(fd_g);
	unlink("f");
	unlink("g");
}

/* --- appends and a shared file position ---------------------------------- */

#define WRITERS  4                   /* processes appending at once */
#define RECORDS  300                 /* records each writes */
#define RECLEN   32                  /* bytes of a record, newline included */

static unsigned char seen[WRITERS][RECORDS];

/* Record seq of writer w: "w<w> r<seq>" padded with '.' to a newline. */
static void make_record(char *rec, int w, int seq)
{
	int n = snprintf(rec, RECLEN, "w%d r%05d ", w, seq);

	memset(rec + n, '.', RECLEN - 1 - n);
	rec[RECLEN - 1] = '\n';
}

/* Write this writer's records to fd one write each; the child's exit code. */
static int write_records(int fd, int w)
{
	char rec[RECLEN];

	for (int seq = 0; seq < RECORDS; seq++) {
		make_record(rec, w, seq);
		if (write(fd, rec, RECLEN) != RECLEN)
			return 1;
	}
	return 0;
}

/* The records in path, each checked whole and counted in seen[]: how
 * many are torn, foreign or seen twice (0 for a file as it must be). */
static int bad_records(const char *path, int writers, long *size)
{
	char rec[RECLEN], want[RECLEN];
	int fd = open(path, O_RDONLY), bad = 0, w, seq;

	*size = 0;
	memset(seen, 0, sizeof(seen));
	while (fd >= 0 && read(fd, rec, RECLEN) == RECLEN) {
		*size += RECLEN;
		w = rec[1] - '0';
		seq = 0;
		for (int i = 4; i < 9; i++)
			seq = seq * 10 + (rec[i] - '0');
		if (rec[0] != 'w' || w < 0 || w >= writers || seq < 0 || seq >= RECORDS) {
			bad++;
			continue;
		}
		make_record(want, w, seq);
		bad += memcmp(rec, want, RECLEN) != 0 || seen[w][seq]++;
	}
	if (fd >= 0)
		close(fd);
	return bad;
}

/* Run writers children, child w writing its records to fd (or, if fd is
 * -1, to its own open of path with O_APPEND): how many failed. */
static int run_writers(const char *path, int fd, int writers)
{
	int failed = 0, status;

	for (int w = 0; w < writers; w++) {
		if (fork() == 0) {
			int mine = fd >= 0 ? fd : open(path, O_WRONLY | O_APPEND);

			_exit(mine < 0 ? 2 : write_records(mine, w));
		}
	}
	while (wait(&status) > 0)
		failed += !WIFEXITED(status) || WEXITSTATUS(status);
	return failed;
}

/* WRITERS processes append to one file at once, each with its own open
 * O_APPEND file: every record lands whole, once, and the size is their
 * sum (the end is read and written in one hold of the inode's lock). */
static void appends_race_each_other(struct ktap *t)
{
	long size;
	int fd = open("a", O_WRONLY | O_CREAT | O_TRUNC, 0600);

	KTAP_ASSERT_GE(t, fd, 0);
	close(fd);
	KTAP_EXPECT_EQ(t, run_writers("a", -1, WRITERS), 0);
	KTAP_EXPECT_EQ(t, bad_records("a", WRITERS, &size), 0);
	KTAP_EXPECT_EQ(t, size, (long)WRITERS * RECORDS * RECLEN);
	unlink("a");
}

/* Two processes write through one open file (opened before the fork, no
 * O_APPEND): they share its position, so no record overwrites another
 * (each write moves the position under the inode's i_rwsem). */
static void shared_position_race(struct ktap *t)
{
	long size;
	int fd = open("s", O_WRONLY | O_CREAT | O_TRUNC, 0600);

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, run_writers("s", fd, 2), 0);
	close(fd);
	KTAP_EXPECT_EQ(t, bad_records("s", 2, &size), 0);
	KTAP_EXPECT_EQ(t, size, 2L * RECORDS * RECLEN);
	unlink("s");
}

/* Read fd's records to its end, counting each in counts[] (shared memory):
 * the child's exit code. */
static int read_records(int fd, int *counts)
{
	char rec[RECLEN];
	int w, seq = 0;

	while (read(fd, rec, RECLEN) == RECLEN) {
		w = rec[1] - '0';
		seq = 0;
		for (int i = 4; i < 9; i++)
			seq = seq * 10 + (rec[i] - '0');
		if (w < 0 || w > 1 || seq < 0 || seq >= RECORDS)
			return 1;
		__atomic_fetch_add(&counts[w * RECORDS + seq], 1, __ATOMIC_RELAXED);
	}
	return 0;
}

/* Two processes read one open file through a shared position (opened
 * before the fork): each record is read by exactly one of them (a read
 * takes the position and moves it under the file's f_pos_lock; without it
 * both read at one position, a record twice and the next never). */
static void shared_position_reads(struct ktap *t)
{
	int *counts = mmap(NULL, 2 * RECORDS * sizeof(int), PROT_READ | PROT_WRITE,
			   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int fd = open("r", O_RDWR | O_CREAT | O_TRUNC, 0600), failed = 0, status, once = 0;

	KTAP_ASSERT_TRUE(t, counts != MAP_FAILED);
	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_ASSERT_EQ(t, write_records(fd, 0) | write_records(fd, 1), 0);
	KTAP_ASSERT_EQ(t, (long)lseek(fd, 0, SEEK_SET), 0L);
	for (int r = 0; r < 2; r++)
		if (fork() == 0)
			_exit(read_records(fd, counts));
	while (wait(&status) > 0)
		failed += !WIFEXITED(status) || WEXITSTATUS(status);
	close(fd);
	for (int i = 0; i < 2 * RECORDS; i++)
		once += counts[i] == 1;
	KTAP_EXPECT_EQ(t, failed, 0);
	KTAP_EXPECT_EQ(t, once, 2 * RECORDS);
	munmap(counts, 2 * RECORDS * sizeof(int));
	unlink("r");
}

/* A write whose user buffer faults makes the page it would fill and then
 * fails (EFAULT), the size unchanged: that page past the end goes with the
 * file at its last close (the suite's leak check counts pages). */
static void faulted_write_leaves_no_page(struct ktap *t)
{
	int fd = open("w", O_CREAT | O_RDWR | O_TRUNC, 0600);

	KTAP_ASSERT_GE(t, fd, 0);
	KTAP_EXPECT_EQ(t, __syscall3(__NR_write, fd, (long)(void *)16, 4096), -EFAULT);
	KTAP_EXPECT_EQ(t, (long)lseek(fd, 0, SEEK_END), 0L);   /* the size */
	close(fd);
	KTAP_EXPECT_EQ(t, unlink("w"), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(pages_race_truncate),
	KTAP_CASE(appends_race_each_other),
	KTAP_CASE(shared_position_race),
	KTAP_CASE(shared_position_reads),
	KTAP_CASE(faulted_write_leaves_no_page),
	KTAP_CASE(ktap_scratch_removed),
	{}
};

int main(void)
{
	return ktap_run_in_scratch("smp_files", cases);
}
