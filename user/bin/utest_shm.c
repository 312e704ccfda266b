/* user/bin/utest_shm.c: KTAP self-tests of shared mappings as programs
 * use them: MAP_SHARED|MAP_ANONYMOUS memory shared across fork, MAP_SHARED
 * of a file (the page cache page itself: what read() and write() see, and
 * what another mapping of the file sees), MAP_PRIVATE of a file (copy on
 * write), SIGBUS past the file's end (its new end too, after O_TRUNC,
 * truncate or ftruncate), the EACCES rules for writing a shared mapping,
 * msync, mremap, madvise and mincore with their errors,
 * and futexes that meet across processes in a shared page (anonymous or a
 * file mapped at different addresses), with a futex lock and checkpoint
 * shared by three children. Every futex wait has a time limit, so a lost
 * wake-up fails a case instead of hanging it.
 *
 * It also runs under qemu-i386 against Linux, where a few checks cannot
 * be made, each said where it is skipped: qemu-user 7.2 keeps the guest's
 * unmapped space reserved on the host (no ENOMEM for an unmapped range, no
 * room to grow a mapping in place), answers every madvise with 0, refuses
 * MAP_SHARED_VALIDATE, mishandles some mremap requests (zero lengths,
 * MREMAP_DONTUNMAP, a range past its mapping), reports SIGBUS's si_addr a
 * page too high, runs processes on several CPUs (the lock may never be
 * contended) and cannot exec an i386 program. Files go in /tmp, named by
 * pid. */
#include <errno.h>
#include <fcntl.h>
#include <futex.h>
#include <ktap.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utest.h>
#include <asm/step_over.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PG        4096
#define RW        (PROT_READ | PROT_WRITE)
#define ANON_SH   (MAP_SHARED | MAP_ANONYMOUS)
#define ANON_PRIV (MAP_PRIVATE | MAP_ANONYMOUS)

/* A pointer as a number, for the KTAP comparisons. */
#define ADDR(p) ((unsigned long)(p))

static char path_a[64];

/* A new file at path_a of size bytes, each `fill`, open O_RDWR; or -1. */
static int make_file(size_t size, char fill)
{
	char buf[256];
	int fd;

	snprintf(path_a, sizeof(path_a), "/tmp/utest_shm.%d", getpid());
	fd = open(path_a, O_RDWR | O_CREAT | O_TRUNC, 0600);
	memset(buf, fill, sizeof(buf));
	for (size_t done = 0; fd >= 0 && done < size; ) {
		size_t n = size - done < sizeof(buf) ? size - done : sizeof(buf);
		if (write(fd, buf, n) != (ssize_t)n) {
			close(fd);
			return -1;
		}
		done += n;
	}
	return fd;
}

static void drop_file(int fd)
{
	close(fd);
	unlink(path_a);
}

/* The byte of the file at off, read with read(). */
static int file_byte(int fd, off_t off)
{
	unsigned char c;

	if (lseek(fd, off, SEEK_SET) != off || read(fd, &c, 1) != 1)
		return -1;
	return c;
}

/* Does reading addr kill a child with SIGSEGV (nothing mapped there)? */
static bool unmapped(const void *addr)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(*(volatile const char *)addr);
	return pid > 0 && waitpid(pid, &status, 0) == pid &&
	       WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static void nap_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* Wait up to 5 s for *flag to become want (set by another process). */
static bool wait_for_flag(volatile int *flag, int want)
{
	for (int i = 0; i < 500 && *flag != want; i++)
		nap_ms(10);
	return *flag == want;
}

static void *map(size_t len, int prot, int flags, int fd, off_t off)
{
	return mmap(NULL, len, prot, flags, fd, off);
}

/* --- shared anonymous memory ------------------------------------------- */

static void shm_anon_shared_across_fork(struct ktap *t)
{
	volatile int *s = map(2 * PG, RW, ANON_SH, -1, 0);
	volatile int *p = map(PG, RW, ANON_PRIV, -1, 0);
	int status;
	pid_t pid;

	KTAP_ASSERT_TRUE(t, s != MAP_FAILED && p != MAP_FAILED);
	s[0] = 7;
	p[0] = 7;
	pid = fork();
	if (pid == 0) {
		int ok = s[0] == 7 && p[0] == 7 && s[PG / 4] == 0;
		s[0] = 11;
		s[PG / 4 + 1] = 22;          /* a page the parent never touched */
		p[0] = 33;                   /* private: the parent keeps 7 */
		_exit(ok ? 0 : 1);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, s[0], 11);
	KTAP_EXPECT_EQ(t, s[PG / 4 + 1], 22);
	KTAP_EXPECT_EQ(t, p[0], 7);
	KTAP_EXPECT_EQ(t, munmap((void *)s, 2 * PG), 0);
	KTAP_EXPECT_EQ(t, munmap((void *)p, PG), 0);
}

/* The memory lives while any process maps it: the parent unmaps its view
 * first, the child goes on using its own, then tells the parent. */
static void shm_anon_outlives_one_mapping(struct ktap *t)
{
	volatile int *s = map(PG, RW, ANON_SH, -1, 0);
	int go[2], back[2], got = 0, status;
	pid_t pid;

	KTAP_ASSERT_TRUE(t, s != MAP_FAILED);
	KTAP_ASSERT_EQ(t, pipe(go), 0);
	KTAP_ASSERT_EQ(t, pipe(back), 0);
	s[3] = 5;
	pid = fork();
	if (pid == 0) {
		char c;
		int v;
		if (read(go[0], &c, 1) != 1)
			_exit(1);
		s[3] += 100;
		v = s[3];
		_exit(write(back[1], &v, sizeof(v)) == sizeof(v) ? 0 : 2);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_EQ(t, munmap((void *)s, PG), 0);
	KTAP_EXPECT_EQ(t, write(go[1], "g", 1), 1);
	KTAP_EXPECT_EQ(t, read(back[0], &got, sizeof(got)), sizeof(got));
	KTAP_EXPECT_EQ(t, got, 105);
	KTAP_EXPECT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	for (int i = 0; i < 2; i++) {
		close(go[i]);
		close(back[i]);
	}
}

/* exec drops the mappings it replaces; the parent's view and data stay. */
static void shm_exec_drops_shared_mapping(struct ktap *t)
{
	volatile int *s;
	int status;
	pid_t pid;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 cannot exec an i386 program");
		return;
	}
	s = map(PG, RW, ANON_SH, -1, 0);
	KTAP_ASSERT_TRUE(t, s != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { "hello", NULL }, *envp[] = { NULL };
		s[0] = 42;
		close(1);                    /* hello's greeting is not KTAP */
		close(2);
		execve("/bin/hello", argv, envp);
		_exit(127);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status) && WEXITSTATUS(status) != 127);
	KTAP_EXPECT_EQ(t, s[0], 42);
	s[0] = 43;
	KTAP_EXPECT_EQ(t, s[0], 43);
	KTAP_EXPECT_EQ(t, munmap((void *)s, PG), 0);
}

/* --- file mappings ----------------------------------------------------- */

static void shm_file_shared_is_the_file(struct ktap *t)
{
	int fd = make_file(2 * PG, 'a'), fd2;
	char *p, *q;

	KTAP_ASSERT_GE(t, fd, 0);
	p = map(2 * PG, RW, MAP_SHARED, fd, 0);
	q = map(PG, RW, MAP_SHARED, fd, PG);          /* the second page alone */
	KTAP_ASSERT_TRUE(t, p != MAP_FAILED && q != MAP_FAILED);
	KTAP_EXPECT_EQ(t, p[0], 'a');
	KTAP_EXPECT_EQ(t, p[PG + 5], 'a');
	p[10] = 'X';
	p[PG + 20] = 'Y';
	KTAP_EXPECT_EQ(t, file_byte(fd, 10), 'X');    /* a store is what read() sees */
	KTAP_EXPECT_EQ(t, file_byte(fd, PG + 20), 'Y');
	KTAP_EXPECT_EQ(t, q[20], 'Y');
	KTAP_EXPECT_EQ(t, lseek(fd, 100, SEEK_SET), 100);
	KTAP_EXPECT_EQ(t, write(fd, "hello", 5), 5);  /* and write() is what a load sees */
	KTAP_EXPECT_EQ(t, memcmp(p + 100, "hello", 5), 0);
	close(fd);                                    /* the mapping keeps the file */
	p[0] = 'Z';
	fd2 = open(path_a, O_RDONLY);
	KTAP_ASSERT_GE(t, fd2, 0);
	KTAP_EXPECT_EQ(t, file_byte(fd2, 0), 'Z');
	KTAP_EXPECT_EQ(t, munmap(p, 2 * PG), 0);
	KTAP_EXPECT_EQ(t, munmap(q, PG), 0);
	drop_file(fd2);
}

/* Two opens of one file, mapped at two addresses, in two processes. */
static void shm_file_two_mappings_agree(struct ktap *t)
{
	int fd = make_file(2 * PG, 'a'), fd2 = open(path_a, O_RDWR), status;
	volatile char *p, *q;
	pid_t pid;

	KTAP_ASSERT_TRUE(t, fd >= 0 && fd2 >= 0);
	p = map(2 * PG, RW, MAP_SHARED, fd, 0);
	q = map(2 * PG, RW, MAP_SHARED, fd2, 0);
	KTAP_ASSERT_TRUE(t, p != MAP_FAILED && q != MAP_FAILED && p != q);
	p[5] = 'm';
	KTAP_EXPECT_EQ(t, q[5], 'm');
	q[PG + 7] = 'n';
	KTAP_EXPECT_EQ(t, p[PG + 7], 'n');
	pid = fork();
	if (pid == 0) {
		q[9] = 'c';
		_exit(p[PG + 7] == 'n' ? 0 : 1);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, p[9], 'c');
	KTAP_EXPECT_EQ(t, file_byte(fd, 9), 'c');
	munmap((void *)p, 2 * PG);
	munmap((void *)q, 2 * PG);
	close(fd2);
	drop_file(fd);
}

/* MAP_PRIVATE: a page not yet written follows the file (it is the file's
 * page, mapped read-only); the first write copies it, and from then on
 * neither side sees the other. */
static void shm_file_private_copy_on_write(struct ktap *t)
{
	int fd = make_file(2 * PG, 'a'), status;
	volatile char *s, *p;
	pid_t pid;

	KTAP_ASSERT_GE(t, fd, 0);
	s = map(2 * PG, RW, MAP_SHARED, fd, 0);
	p = map(2 * PG, RW, MAP_PRIVATE, fd, 0);
	KTAP_ASSERT_TRUE(t, s != MAP_FAILED && p != MAP_FAILED);
	KTAP_EXPECT_EQ(t, p[0], 'a');
	p[0] = 'P';
	KTAP_EXPECT_EQ(t, file_byte(fd, 0), 'a');     /* the write stayed private */
	KTAP_EXPECT_EQ(t, s[0], 'a');
	s[1] = 'S';
	KTAP_EXPECT_EQ(t, p[1], 'a');                 /* the copy no longer follows */
	KTAP_EXPECT_EQ(t, p[PG], 'a');                /* read, not written: */
	s[PG] = 'T';
	KTAP_EXPECT_EQ(t, p[PG], 'T');                /* still the file's page */
	p[PG] = 'Q';
	KTAP_EXPECT_EQ(t, s[PG], 'T');
	KTAP_EXPECT_EQ(t, file_byte(fd, PG), 'T');
	pid = fork();
	if (pid == 0) {
		p[0] = 'C';
		_exit(p[0] == 'C' ? 0 : 1);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, p[0], 'P');
	munmap((void *)s, 2 * PG);
	munmap((void *)p, 2 * PG);
	drop_file(fd);
}

/* --- SIGBUS past the end of the file ---------------------------------- */

static volatile int bus_hits, bus_sig, bus_code;
static volatile unsigned long bus_addr;

#define BUS_MARK 0xEE                /* what a load the handler stepped over gives */

/* Record the fault and step over the instruction (the two-byte loads and
 * stores below), so the case goes on. */
static void bus_handler(int sig, siginfo_t *si, void *ucp)
{
	ucontext_t *uc = ucp;

	bus_hits++;
	bus_sig = sig;
	bus_code = si->si_code;
	bus_addr = (unsigned long)si->si_addr;
	uc->uc_mcontext.gregs[REG_EIP] += 2;
	uc->uc_mcontext.gregs[REG_EAX] = BUS_MARK;
}

static int catch_sigbus(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = bus_handler;
	sa.sa_flags = SA_SIGINFO;
	bus_hits = 0;
	return sigaction(SIGBUS, &sa, NULL);
}

static void release_sigbus(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigaction(SIGBUS, &sa, NULL);
}

/* The hits-th SIGBUS was BUS_ADRERR at addr. qemu-i386 7.2 reports
 * si_addr one page too high: checked on Tasklab only. */
static void expect_bus_at(struct ktap *t, const volatile void *addr, int hits)
{
	KTAP_EXPECT_EQ(t, bus_hits, hits);
	KTAP_EXPECT_EQ(t, bus_sig, SIGBUS);
	KTAP_EXPECT_EQ(t, bus_code, BUS_ADRERR);
	if (ktap_on_tasklab())
		KTAP_EXPECT_EQ(t, bus_addr, ADDR(addr));
}

/* A 100-byte file mapped over three pages: the rest of its page reads
 * zero; the pages after it are SIGBUS, private or shared, read or write. */
static void shm_sigbus_past_end_of_file(struct ktap *t)
{
	int fd = make_file(100, 'b');
	volatile char *p, *s;

	KTAP_ASSERT_GE(t, fd, 0);
	p = map(3 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	s = map(2 * PG, RW, MAP_SHARED, fd, 0);
	KTAP_ASSERT_TRUE(t, p != MAP_FAILED && s != MAP_FAILED);
	KTAP_ASSERT_EQ(t, catch_sigbus(), 0);
	KTAP_EXPECT_EQ(t, load_byte(p + 99), 'b');
	KTAP_EXPECT_EQ(t, load_byte(p + 100), 0);
	KTAP_EXPECT_EQ(t, load_byte(p + PG - 1), 0);
	store_byte(s + PG - 1, 'x');                  /* in the last page: no signal */
	KTAP_EXPECT_EQ(t, bus_hits, 0);
	KTAP_EXPECT_EQ(t, load_byte(p + PG + 5), BUS_MARK);
	expect_bus_at(t, p + PG + 5, 1);
	store_byte(s + PG + 8, 1);
	expect_bus_at(t, s + PG + 8, 2);
	KTAP_EXPECT_EQ(t, load_byte(p + 2 * PG), BUS_MARK);
	expect_bus_at(t, p + 2 * PG, 3);
	release_sigbus();
	munmap((void *)p, 3 * PG);
	munmap((void *)s, 2 * PG);
	drop_file(fd);
}

/* A truncate (open with O_TRUNC) takes the pages out of the mappings:
 * what they held is SIGBUS until the file grows again. */
static void shm_truncate_unmaps_pages(struct ktap *t)
{
	int fd = make_file(2 * PG, 'c'), fd2;
	volatile char *s;

	KTAP_ASSERT_GE(t, fd, 0);
	s = map(2 * PG, RW, MAP_SHARED, fd, 0);
	KTAP_ASSERT_TRUE(t, s != MAP_FAILED);
	KTAP_EXPECT_EQ(t, s[PG + 1], 'c');
	fd2 = open(path_a, O_RDWR | O_TRUNC);
	KTAP_ASSERT_GE(t, fd2, 0);
	KTAP_EXPECT_EQ(t, write(fd2, "new", 3), 3);  /* one page again */
	KTAP_ASSERT_EQ(t, catch_sigbus(), 0);
	KTAP_EXPECT_EQ(t, load_byte(s), 'n');
	KTAP_EXPECT_EQ(t, load_byte(s + 2), 'w');
	KTAP_EXPECT_EQ(t, load_byte(s + 3), 0);       /* not the old 'c' */
	KTAP_EXPECT_EQ(t, bus_hits, 0);
	KTAP_EXPECT_EQ(t, load_byte(s + PG + 1), BUS_MARK);
	expect_bus_at(t, s + PG + 1, 1);
	release_sigbus();
	munmap((void *)s, 2 * PG);
	close(fd2);
	drop_file(fd);
}

/* ftruncate and truncate take the same path as O_TRUNC: shrinking a
 * mapped file takes the pages past the new end out of the mapping (SIGBUS
 * there, as Linux), zeroes the rest of the last page, and a file grown
 * again reads zeros where the old data was. */
static void shm_ftruncate_unmaps_pages(struct ktap *t)
{
	int fd = make_file(3 * PG, 'f');
	volatile char *s;

	KTAP_ASSERT_GE(t, fd, 0);
	s = map(3 * PG, RW, MAP_SHARED, fd, 0);
	KTAP_ASSERT_TRUE(t, s != MAP_FAILED);
	KTAP_EXPECT_EQ(t, s[2 * PG + 1], 'f');
	KTAP_EXPECT_EQ(t, ftruncate(fd, PG + 10), 0);
	KTAP_ASSERT_EQ(t, catch_sigbus(), 0);
	KTAP_EXPECT_EQ(t, load_byte(s + PG + 9), 'f');
	KTAP_EXPECT_EQ(t, load_byte(s + PG + 10), 0);     /* past the end, in its page */
	KTAP_EXPECT_EQ(t, bus_hits, 0);
	KTAP_EXPECT_EQ(t, load_byte(s + 2 * PG + 1), BUS_MARK);
	expect_bus_at(t, s + 2 * PG + 1, 1);
	KTAP_EXPECT_EQ(t, truncate(path_a, 5), 0);          /* by name: the same */
	KTAP_EXPECT_EQ(t, load_byte(s + 4), 'f');
	KTAP_EXPECT_EQ(t, load_byte(s + PG + 1), BUS_MARK);
	expect_bus_at(t, s + PG + 1, 2);
	KTAP_EXPECT_EQ(t, ftruncate(fd, 3 * PG), 0);        /* grown: zeros, no signal */
	KTAP_EXPECT_EQ(t, load_byte(s + 2 * PG + 1), 0);
	KTAP_EXPECT_EQ(t, load_byte(s + 5), 0);
	KTAP_EXPECT_EQ(t, bus_hits, 2);
	release_sigbus();
	munmap((void *)s, 3 * PG);
	drop_file(fd);
}

/* --- who may write a shared mapping ------------------------------------ */

static void shm_write_needs_rdwr(struct ktap *t)
{
	int fd = make_file(PG, 'd'), fdr = open(path_a, O_RDONLY), fdw = open(path_a, O_WRONLY);
	char *p, *q;

	KTAP_ASSERT_TRUE(t, fd >= 0 && fdr >= 0 && fdw >= 0);
	KTAP_EXPECT_EQ(t, ADDR(map(PG, RW, MAP_SHARED, fdr, 0)), ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EACCES);
	p = map(PG, PROT_READ, MAP_SHARED, fdr, 0);       /* reading is fine */
	KTAP_ASSERT_TRUE(t, p != MAP_FAILED);
	KTAP_EXPECT_EQ(t, p[0], 'd');
	KTAP_EXPECT_EQ(t, mprotect(p, PG, RW), -1);       /* and stays the limit */
	KTAP_EXPECT_EQ(t, errno, EACCES);
	KTAP_EXPECT_EQ(t, mprotect(p, PG, PROT_NONE), 0);
	KTAP_EXPECT_EQ(t, mprotect(p, PG, PROT_READ), 0);
	q = map(PG, RW, MAP_PRIVATE, fdr, 0);             /* a private copy may be written */
	KTAP_ASSERT_TRUE(t, q != MAP_FAILED);
	q[0] = 'w';
	KTAP_EXPECT_EQ(t, p[0], 'd');
	KTAP_EXPECT_EQ(t, ADDR(map(PG, PROT_READ, MAP_SHARED, fdw, 0)), ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EACCES);                 /* mapping needs read access */
	KTAP_EXPECT_EQ(t, ADDR(map(PG, PROT_READ, MAP_PRIVATE, fdw, 0)), ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EACCES);
	munmap(p, PG);
	munmap(q, PG);
	close(fdr);
	close(fdw);
	drop_file(fd);
}

static void shm_map_types(struct ktap *t)
{
	int fd = make_file(PG, 'e');
	char *p;

	KTAP_ASSERT_GE(t, fd, 0);
	if (ktap_on_tasklab()) {
		p = map(PG, RW, MAP_SHARED_VALIDATE, fd, 0);
		KTAP_ASSERT_TRUE(t, p != MAP_FAILED);
		p[0] = 'V';                               /* MAP_SHARED, validated */
		KTAP_EXPECT_EQ(t, file_byte(fd, 0), 'V');
		munmap(p, PG);
		KTAP_EXPECT_EQ(t, ADDR(map(PG, RW, MAP_SHARED_VALIDATE | 0x200000, fd, 0)),
			       ADDR(MAP_FAILED));
		KTAP_EXPECT_EQ(t, errno, EOPNOTSUPP);     /* an unknown flag */
	} else {
		ktap_log(t, "MAP_SHARED_VALIDATE not checked: qemu-i386 7.2 refuses it");
	}
	KTAP_EXPECT_EQ(t, ADDR(map(PG, RW, MAP_ANONYMOUS, -1, 0)), ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EINVAL);                 /* no type */
	KTAP_EXPECT_EQ(t, ADDR(map(PG, RW, ANON_SH | MAP_GROWSDOWN, -1, 0)), ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	drop_file(fd);
}

/* --- msync ------------------------------------------------------------- */

static void shm_msync(struct ktap *t)
{
	int fd = make_file(3 * PG, 'f');
	char *p, *a;

	KTAP_ASSERT_GE(t, fd, 0);
	p = map(3 * PG, RW, MAP_SHARED, fd, 0);
	a = map(PG, RW, ANON_PRIV, -1, 0);
	KTAP_ASSERT_TRUE(t, p != MAP_FAILED && a != MAP_FAILED);
	p[0] = 'm';
	KTAP_EXPECT_EQ(t, msync(p, 3 * PG, MS_SYNC), 0);
	KTAP_EXPECT_EQ(t, file_byte(fd, 0), 'm');
	KTAP_EXPECT_EQ(t, msync(p, PG, MS_ASYNC), 0);
	KTAP_EXPECT_EQ(t, msync(p, PG, MS_INVALIDATE), 0);
	KTAP_EXPECT_EQ(t, msync(p, PG, MS_SYNC | MS_INVALIDATE), 0);
	KTAP_EXPECT_EQ(t, p[0], 'm');                     /* nothing to invalidate */
	KTAP_EXPECT_EQ(t, msync(p, 1, 0), 0);             /* the length rounds up */
	KTAP_EXPECT_EQ(t, msync(p, 0, MS_SYNC), 0);
	KTAP_EXPECT_EQ(t, msync(a, PG, MS_SYNC), 0);      /* anonymous: nothing to do */
	KTAP_EXPECT_EQ(t, msync(p, PG, MS_SYNC | MS_ASYNC), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, msync(p, PG, 8), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, msync(p + 1, PG, MS_SYNC), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, munmap(p + PG, PG), 0);
	KTAP_EXPECT_EQ(t, msync(p, PG, MS_SYNC), 0);
	if (ktap_on_tasklab()) {
		KTAP_EXPECT_EQ(t, msync(p, 3 * PG, MS_SYNC), -1);
		KTAP_EXPECT_EQ(t, errno, ENOMEM);         /* a hole in the range */
		KTAP_EXPECT_EQ(t, msync(p, 3 * PG, MS_ASYNC), -1);
		KTAP_EXPECT_EQ(t, errno, ENOMEM);
	} else {
		ktap_log(t, "ENOMEM for a hole not checked: qemu-i386 reserves unmapped guest space");
	}
	munmap(p, 3 * PG);
	munmap(a, PG);
	drop_file(fd);
}

/* --- mremap ------------------------------------------------------------ */

/* Two anonymous pages holding 1 and 2, with two free pages after them. */
static int *two_pages_then_room(void)
{
	int *b = map(4 * PG, RW, ANON_PRIV, -1, 0);

	if (b == MAP_FAILED || munmap((char *)b + 2 * PG, 2 * PG))
		return NULL;
	b[0] = 1;
	b[PG / 4] = 2;
	return b;
}

static void shm_mremap_grow_in_place(struct ktap *t)
{
	int *b;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 keeps the free guest space reserved: no room to grow into");
		return;
	}
	b = two_pages_then_room();
	KTAP_ASSERT_TRUE(t, b != NULL);
	KTAP_EXPECT_EQ(t, ADDR(mremap(b, 2 * PG, 4 * PG, 0)), ADDR(b));
	KTAP_EXPECT_EQ(t, b[0], 1);
	KTAP_EXPECT_EQ(t, b[PG / 4], 2);
	KTAP_EXPECT_EQ(t, b[2 * PG / 4], 0);
	b[3 * PG / 4] = 4;
	KTAP_EXPECT_EQ(t, b[3 * PG / 4], 4);
	munmap(b, 4 * PG);
}

static void shm_mremap_shrink(struct ktap *t)
{
	int *b = two_pages_then_room();

	KTAP_ASSERT_TRUE(t, b != NULL);
	KTAP_EXPECT_EQ(t, ADDR(mremap(b, 2 * PG, PG + 1, 0)), ADDR(b));   /* to 2 pages */
	KTAP_EXPECT_EQ(t, ADDR(mremap(b, 2 * PG, PG, 0)), ADDR(b));       /* to 1 */
	KTAP_EXPECT_EQ(t, b[0], 1);
	KTAP_EXPECT_TRUE(t, unmapped((char *)b + PG));
	KTAP_EXPECT_EQ(t, ADDR(mremap(b, PG, PG, 0)), ADDR(b));           /* same size */
	munmap(b, PG);
}

static void shm_mremap_move(struct ktap *t)
{
	int *b = two_pages_then_room(), *n, *target;

	KTAP_ASSERT_TRUE(t, b != NULL);
	KTAP_ASSERT_EQ(t, ADDR(mmap((char *)b + 2 * PG, PG, RW, ANON_PRIV | MAP_FIXED, -1, 0)),
		       ADDR(b) + 2 * PG);                               /* a blocker */
	KTAP_EXPECT_EQ(t, ADDR(mremap(b, 2 * PG, 3 * PG, 0)), ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, ENOMEM);                               /* no room, no move */
	n = mremap(b, 2 * PG, 3 * PG, MREMAP_MAYMOVE);
	KTAP_ASSERT_TRUE(t, n != MAP_FAILED);
	KTAP_EXPECT_NE(t, ADDR(n), ADDR(b));
	KTAP_EXPECT_EQ(t, n[0], 1);                                     /* the pages came along */
	KTAP_EXPECT_EQ(t, n[PG / 4], 2);
	KTAP_EXPECT_EQ(t, n[2 * PG / 4], 0);
	KTAP_EXPECT_TRUE(t, unmapped(b));
	target = map(2 * PG, RW, ANON_PRIV, -1, 0);
	KTAP_ASSERT_TRUE(t, target != MAP_FAILED);
	target[0] = 9;
	KTAP_EXPECT_EQ(t, ADDR(mremap(n, 3 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, target)),
		       ADDR(target));                                   /* replaces what was there */
	KTAP_EXPECT_EQ(t, target[0], 1);
	KTAP_EXPECT_EQ(t, target[PG / 4], 2);
	KTAP_EXPECT_TRUE(t, unmapped(n));
	KTAP_EXPECT_TRUE(t, unmapped((char *)n + 2 * PG));
	munmap(target, 2 * PG);
	munmap((char *)b + 2 * PG, PG);
}

/* MREMAP_DONTUNMAP moves the pages and leaves the old range mapped:
 * empty (zero) for private memory, the same data for shared memory, which
 * the old range maps from the same file again. */
static void shm_mremap_dontunmap(struct ktap *t)
{
	volatile int *p, *s, *n;

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 7.2 loses the old range on MREMAP_DONTUNMAP");
		return;
	}
	p = map(PG, RW, ANON_PRIV, -1, 0);
	s = map(PG, RW, ANON_SH, -1, 0);
	KTAP_ASSERT_TRUE(t, p != MAP_FAILED && s != MAP_FAILED);
	p[0] = 5;
	s[0] = 6;
	n = mremap((void *)p, PG, PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	KTAP_ASSERT_TRUE(t, n != MAP_FAILED && n != p);
	KTAP_EXPECT_EQ(t, n[0], 5);
	KTAP_EXPECT_EQ(t, p[0], 0);
	munmap((void *)n, PG);
	n = mremap((void *)s, PG, PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	KTAP_ASSERT_TRUE(t, n != MAP_FAILED && n != s);
	KTAP_EXPECT_EQ(t, n[0], 6);
	KTAP_EXPECT_EQ(t, s[0], 6);
	s[1] = 7;
	KTAP_EXPECT_EQ(t, n[1], 7);
	munmap((void *)n, PG);
	munmap((void *)p, PG);
	munmap((void *)s, PG);
}

static void shm_mremap_errors(struct ktap *t)
{
	int *b = two_pages_then_room();
	char *c = (char *)b;

	KTAP_ASSERT_TRUE(t, b != NULL);
	KTAP_EXPECT_EQ(t, ADDR(mremap(b, PG, PG, 0x10)), ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EINVAL);                       /* unknown flag */
	KTAP_EXPECT_EQ(t, ADDR(mremap(b, PG, 2 * PG, MREMAP_FIXED, c + 8 * PG)), ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EINVAL);                       /* FIXED needs MAYMOVE */
	KTAP_EXPECT_EQ(t, ADDR(mremap(c + 1, PG, 2 * PG, MREMAP_MAYMOVE)), ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EINVAL);                       /* unaligned */
	KTAP_EXPECT_EQ(t, ADDR(mremap(b, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, c + PG)),
		       ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EINVAL);                       /* overlapping */
	KTAP_EXPECT_EQ(t, ADDR(mremap(b, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, c + 8 * PG + 1)),
		       ADDR(MAP_FAILED));
	KTAP_EXPECT_EQ(t, errno, EINVAL);                       /* unaligned target */
	if (ktap_on_tasklab()) {
		KTAP_EXPECT_EQ(t, ADDR(mremap(b, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP)),
			       ADDR(MAP_FAILED));
		KTAP_EXPECT_EQ(t, errno, EINVAL);               /* DONTUNMAP resizes nothing */
		KTAP_EXPECT_EQ(t, ADDR(mremap(b, 3 * PG, 4 * PG, MREMAP_MAYMOVE)), ADDR(MAP_FAILED));
		KTAP_EXPECT_EQ(t, errno, EFAULT);               /* runs past its mapping */
		KTAP_EXPECT_EQ(t, ADDR(mremap(b, PG, 0, MREMAP_MAYMOVE)), ADDR(MAP_FAILED));
		KTAP_EXPECT_EQ(t, errno, EINVAL);               /* to nothing */
		KTAP_EXPECT_EQ(t, ADDR(mremap(b, 0, PG, MREMAP_MAYMOVE)), ADDR(MAP_FAILED));
		KTAP_EXPECT_EQ(t, errno, EINVAL);               /* duplicating private memory */
		KTAP_EXPECT_EQ(t, ADDR(mremap(c + 2 * PG, PG, 2 * PG, MREMAP_MAYMOVE)),
			       ADDR(MAP_FAILED));
		KTAP_EXPECT_EQ(t, errno, EFAULT);               /* nothing mapped there */
	} else {
		ktap_log(t, "zero lengths, DONTUNMAP and ranges past a mapping not checked: "
			 "qemu-i386 7.2's mremap answers ENOMEM or moves reserved guest space, "
			 "and loses the mapping when it refuses the last two");
	}
	KTAP_EXPECT_EQ(t, b[0], 1);                             /* all refused: untouched */
	munmap(b, 2 * PG);
}

/* Moving a shared mapping keeps it shared: with the file, and with a
 * child that mapped it before the move. */
static void shm_mremap_shared(struct ktap *t)
{
	int fd = make_file(2 * PG, 'g'), status;
	volatile int *s = map(PG, RW, ANON_SH, -1, 0), *n;
	char *p, *q, *target = map(PG, PROT_NONE, ANON_PRIV, -1, 0);
	pid_t pid;

	KTAP_ASSERT_TRUE(t, fd >= 0 && s != MAP_FAILED && target != MAP_FAILED);
	p = map(PG, RW, MAP_SHARED, fd, 0);
	KTAP_ASSERT_TRUE(t, p != MAP_FAILED);
	q = mremap(p, PG, 2 * PG, MREMAP_MAYMOVE);       /* the file's second page too */
	KTAP_ASSERT_TRUE(t, q != MAP_FAILED);
	q[PG + 3] = 'M';
	KTAP_EXPECT_EQ(t, file_byte(fd, PG + 3), 'M');
	pid = fork();
	if (pid == 0) {
		bool seen = wait_for_flag(s, 1);
		s[1] = 2;
		_exit(seen ? 0 : 1);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	n = mremap((void *)s, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, target);
	KTAP_EXPECT_EQ(t, ADDR(n), ADDR(target));
	if (n != MAP_FAILED)
		n[0] = 1;                                /* seen by the child's view */
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	KTAP_EXPECT_EQ(t, n[1], 2);
	munmap((void *)n, PG);
	munmap(q, 2 * PG);
	drop_file(fd);
}

/* Shared anonymous memory has the size it was made with: grown by
 * mremap, the new part is SIGBUS, as on Linux. */
static void shm_mremap_grown_shared_anon_is_sigbus(struct ktap *t)
{
	volatile char *s = map(PG, RW, ANON_SH, -1, 0), *n;

	KTAP_ASSERT_TRUE(t, s != MAP_FAILED);
	n = mremap((void *)s, PG, 2 * PG, MREMAP_MAYMOVE);
	KTAP_ASSERT_TRUE(t, n != MAP_FAILED);
	KTAP_ASSERT_EQ(t, catch_sigbus(), 0);
	store_byte(n, 1);
	KTAP_EXPECT_EQ(t, bus_hits, 0);
	store_byte(n + PG + 2, 1);
	expect_bus_at(t, n + PG + 2, 1);
	release_sigbus();
	munmap((void *)n, 2 * PG);
}

/* --- madvise, mincore -------------------------------------------------- */

static void shm_madvise_dontneed(struct ktap *t)
{
	int fd = make_file(PG, 'h');
	volatile int *p = map(2 * PG, RW, ANON_PRIV, -1, 0), *s = map(PG, RW, ANON_SH, -1, 0);
	volatile char *f;

	KTAP_ASSERT_TRUE(t, fd >= 0 && p != MAP_FAILED && s != MAP_FAILED);
	f = map(PG, RW, MAP_PRIVATE, fd, 0);
	KTAP_ASSERT_TRUE(t, f != MAP_FAILED);
	p[0] = 5;
	p[PG / 4] = 6;
	s[0] = 7;
	f[0] = 'W';
	KTAP_EXPECT_EQ(t, madvise((void *)p, 2 * PG, MADV_DONTNEED), 0);
	KTAP_EXPECT_EQ(t, p[0], 0);                  /* private anonymous: dropped */
	KTAP_EXPECT_EQ(t, p[PG / 4], 0);
	KTAP_EXPECT_EQ(t, madvise((void *)s, PG, MADV_DONTNEED), 0);
	KTAP_EXPECT_EQ(t, s[0], 7);                  /* shared: the data stays */
	KTAP_EXPECT_EQ(t, madvise((void *)f, PG, MADV_DONTNEED), 0);
	KTAP_EXPECT_EQ(t, f[0], 'h');                /* private file: the file again */
	for (int advice = MADV_NORMAL; advice <= MADV_WILLNEED; advice++) {
		KTAP_EXPECT_EQ(t, madvise((void *)p, 2 * PG, advice), 0);
		KTAP_EXPECT_EQ(t, madvise((void *)f, PG, advice), 0);
	}
	munmap((void *)p, 2 * PG);
	munmap((void *)s, PG);
	munmap((void *)f, PG);
	drop_file(fd);
}

static void shm_madvise_errors(struct ktap *t)
{
	char *p = map(3 * PG, RW, ANON_PRIV, -1, 0), *s = map(PG, RW, ANON_SH, -1, 0);

	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 7.2 answers every madvise with 0");
		goto out;
	}
	KTAP_ASSERT_TRUE(t, p != MAP_FAILED && s != MAP_FAILED);
	KTAP_EXPECT_EQ(t, madvise(p, PG, 9999), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);                       /* no such advice */
	KTAP_EXPECT_EQ(t, madvise(p + 1, PG, MADV_NORMAL), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);                       /* unaligned */
	KTAP_EXPECT_EQ(t, madvise(s, PG, MADV_FREE), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);                       /* FREE: private anonymous only */
	KTAP_EXPECT_EQ(t, madvise(p, PG, MADV_FREE), 0);
	KTAP_EXPECT_EQ(t, madvise(p, 0, MADV_DONTNEED), 0);
	p[0] = 1;
	p[2 * PG] = 3;
	KTAP_EXPECT_EQ(t, munmap(p + PG, PG), 0);
	KTAP_EXPECT_EQ(t, madvise(p, 3 * PG, MADV_DONTNEED), -1);
	KTAP_EXPECT_EQ(t, errno, ENOMEM);                       /* a hole in the range, */
	KTAP_EXPECT_EQ(t, p[0], 0);                             /* the rest advised */
	KTAP_EXPECT_EQ(t, p[2 * PG], 0);
out:
	munmap(p, 3 * PG);
	munmap(s, PG);
}

static void shm_mincore(struct ktap *t)
{
	int fd = make_file(2 * PG, 'i');
	unsigned char vec[4];
	char *p = map(4 * PG, RW, ANON_PRIV, -1, 0), *f, *ro = map(PG, PROT_READ, ANON_PRIV, -1, 0);

	KTAP_ASSERT_TRUE(t, fd >= 0 && p != MAP_FAILED && ro != MAP_FAILED);
	f = map(2 * PG, PROT_READ, MAP_SHARED, fd, 0);
	KTAP_ASSERT_TRUE(t, f != MAP_FAILED);
	p[0] = 1;
	p[2 * PG] = 1;
	KTAP_EXPECT_EQ(t, mincore(p, 4 * PG, vec), 0);
	KTAP_EXPECT_TRUE(t, vec[0] == 1 && vec[1] == 0 && vec[2] == 1 && vec[3] == 0);
	KTAP_EXPECT_EQ(t, madvise(p, PG, MADV_DONTNEED), 0);
	KTAP_EXPECT_EQ(t, mincore(p, PG, vec), 0);
	KTAP_EXPECT_EQ(t, vec[0], 0);
	KTAP_EXPECT_EQ(t, mincore(f, 2 * PG, vec), 0);            /* untouched, but in */
	KTAP_EXPECT_TRUE(t, vec[0] == 1 && vec[1] == 1);          /* the page cache */
	KTAP_EXPECT_EQ(t, mincore(p, 0, vec), 0);
	KTAP_EXPECT_EQ(t, mincore(p + 1, PG, vec), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, mincore(p, PG, (unsigned char *)ro), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);                         /* a read-only vector */
	KTAP_EXPECT_EQ(t, mincore(p, PG, (unsigned char *)0xC0000000), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, munmap(p + PG, PG), 0);
	if (ktap_on_tasklab()) {
		KTAP_EXPECT_EQ(t, mincore(p, 4 * PG, vec), -1);
		KTAP_EXPECT_EQ(t, errno, ENOMEM);                 /* a hole */
		KTAP_EXPECT_EQ(t, mincore((void *)0xBFFFF000, 2 * PG, vec), -1);
		KTAP_EXPECT_EQ(t, errno, ENOMEM);                 /* past user space */
	} else {
		ktap_log(t, "ENOMEM for a hole not checked: qemu-i386 reserves unmapped guest space");
	}
	munmap(p, 4 * PG);
	munmap(f, 2 * PG);
	munmap(ro, PG);
	drop_file(fd);
}

/* --- futexes across processes ----------------------------------------- */

/* FUTEX_WAIT (op: with or without the PRIVATE flag) for at most ms. */
static long futex_wait_for(volatile int *w, int op, int val, long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	return futex((int *)w, op, val, &ts, NULL, 0);
}

/* Wake nr waiters on the shared word w, trying every 10 ms for up to 5 s
 * while they are not all asleep yet (LTP's checkpoint wake); how many
 * were woken. With private_woken, each try first wakes w with
 * FUTEX_WAKE_PRIVATE, which must never reach another process's waiter:
 * the count of those is added there. */
static int wake_waiters(volatile int *w, int nr, int *private_woken)
{
	int woken = 0;

	for (int i = 0; i < 500 && woken < nr; i++) {
		if (private_woken)
			*private_woken += futex((int *)w, FUTEX_WAKE_PRIVATE, nr - woken,
						NULL, NULL, 0);
		woken += futex((int *)w, FUTEX_WAKE, nr - woken, NULL, NULL, 0);
		if (woken < nr)
			nap_ms(10);
	}
	return woken;
}

/* The child sleeps on word (shared key) until woken; 0 if a wake-up
 * came, else why not. */
static int wait_in_child(volatile int *word, volatile int *ready)
{
	long r;

	*ready = 1;
	r = futex_wait_for(word, FUTEX_WAIT, 0, 5000);
	return r == 0 ? 0 : errno == ETIMEDOUT ? 10 : 11;
}

static void futex_meets_child(struct ktap *t, volatile int *word, volatile int *ready,
			      volatile int *child_word)
{
	int status, private_woken = 0;
	pid_t pid = fork();

	if (pid == 0)
		_exit(wait_in_child(child_word, ready));
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_TRUE(t, wait_for_flag(ready, 1));
	KTAP_EXPECT_EQ(t, wake_waiters(word, 1, &private_woken), 1);
	KTAP_EXPECT_EQ(t, private_woken, 0);         /* a private key is this mm's */
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 0);   /* 10: timed out, never woken */
}

static void shm_futex_anon_across_processes(struct ktap *t)
{
	volatile int *s = map(PG, RW, ANON_SH, -1, 0);

	KTAP_ASSERT_TRUE(t, s != MAP_FAILED);
	futex_meets_child(t, s + 100, s + 200, s + 100);
	munmap((void *)s, PG);
}

/* The child maps the file itself, at another address and offset: the word
 * is the same file page and offset, so the two meet. */
static void shm_futex_file_across_processes(struct ktap *t)
{
	int fd = make_file(2 * PG, 0), status, private_woken = 0;
	volatile int *p;
	pid_t pid;

	KTAP_ASSERT_GE(t, fd, 0);
	p = map(2 * PG, RW, MAP_SHARED, fd, 0);
	KTAP_ASSERT_TRUE(t, p != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		int fd2 = open(path_a, O_RDWR);
		volatile int *c = mmap(NULL, PG, RW, MAP_SHARED, fd2, PG);
		munmap((void *)p, 2 * PG);
		if (fd2 < 0 || c == MAP_FAILED)
			_exit(12);
		_exit(wait_in_child(c + 8, c + 9));
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_TRUE(t, wait_for_flag(p + PG / 4 + 9, 1));
	KTAP_EXPECT_EQ(t, wake_waiters(p + PG / 4 + 8, 1, &private_woken), 1);
	KTAP_EXPECT_EQ(t, private_woken, 0);
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 0);
	munmap((void *)p, 2 * PG);
	drop_file(fd);
}

/* FUTEX_PRIVATE_FLAG keeps the (process, address) key even in a shared
 * page: a private waiter in the child is not reached from the parent, and
 * its own wait ends by its time limit. */
static void shm_futex_private_stays_private(struct ktap *t)
{
	volatile int *s = map(PG, RW, ANON_SH, -1, 0);
	int status;
	pid_t pid;

	KTAP_ASSERT_TRUE(t, s != MAP_FAILED);
	pid = fork();
	if (pid == 0) {
		long r;
		s[1] = 1;
		r = futex_wait_for(s, FUTEX_WAIT_PRIVATE, 0, 300);
		_exit(r == -1 && errno == ETIMEDOUT ? 0 : 1);
	}
	KTAP_ASSERT_GT(t, pid, 0);
	KTAP_EXPECT_TRUE(t, wait_for_flag(s + 1, 1));
	for (int i = 0; i < 10; i++) {
		KTAP_EXPECT_EQ(t, futex((int *)s, FUTEX_WAKE, 1, NULL, NULL, 0), 0);
		KTAP_EXPECT_EQ(t, futex((int *)s, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0), 0);
	}
	KTAP_ASSERT_EQ(t, waitpid(pid, &status, 0), pid);
	KTAP_EXPECT_EQ(t, status, 0);
	munmap((void *)s, PG);
}

/* --- a futex lock and checkpoint in a shared file, three children ----- */

/* The shared page, as LTP's test library keeps its results and
 * checkpoints in a MAP_SHARED file. */
struct results {
	int lock;                 /* 0 free, 1 held, 2 held and waited for */
	int counter;
	int checkpoint;           /* children sleep on it until the parent wakes them */
	int arrived;              /* children at the checkpoint */
	int slept;                /* lock waits that slept and were woken */
};

/* A futex mutex (Drepper's three states). false when a wait ran out its
 * 5 s: a lost wake-up, and the caller gives up. */
static bool results_lock(struct results *r)
{
	int c = __sync_val_compare_and_swap(&r->lock, 0, 1);

	while (c != 0) {
		if (c == 2 || __sync_val_compare_and_swap(&r->lock, 1, 2) != 0) {
			long w = futex_wait_for(&r->lock, FUTEX_WAIT, 2, 5000);
			if (w == -1 && errno == ETIMEDOUT)
				return false;
			if (w == 0)
				__sync_fetch_and_add(&r->slept, 1);
		}
		c = __sync_val_compare_and_swap(&r->lock, 0, 2);
	}
	return true;
}

static void results_unlock(struct results *r)
{
	if (__sync_fetch_and_sub(&r->lock, 1) != 1) {
		r->lock = 0;
		futex(&r->lock, FUTEX_WAKE, 1, NULL, NULL, 0);
	}
}

/* 1000 increments under the lock (read, sometimes yield, write: lost
 * updates show without the lock), then the checkpoint. */
static int results_child(struct results *r)
{
	for (int i = 0; i < 1000; i++) {
		int v;
		if (!results_lock(r))
			return 2;
		v = r->counter;
		if (i % 50 == 0)
			sched_yield();
		r->counter = v + 1;
		results_unlock(r);
	}
	__sync_fetch_and_add(&r->arrived, 1);
	if (futex_wait_for(&r->checkpoint, FUTEX_WAIT, 0, 5000) == 0)
		return 0;
	return errno == ETIMEDOUT ? 3 : 4;
}

static void shm_futex_lock_and_checkpoint(struct ktap *t)
{
	int fd = make_file(PG, 0), status, ok = 0;
	struct results *r;
	pid_t pids[3];

	KTAP_ASSERT_GE(t, fd, 0);
	r = map(PG, RW, MAP_SHARED, fd, 0);
	KTAP_ASSERT_TRUE(t, r != MAP_FAILED);
	for (int i = 0; i < 3; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(results_child(r));
	}
	KTAP_EXPECT_TRUE(t, wait_for_flag(&r->arrived, 3));
	KTAP_EXPECT_EQ(t, wake_waiters(&r->checkpoint, 3, NULL), 3);
	for (int i = 0; i < 3; i++)
		if (pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i] && status == 0)
			ok++;
	KTAP_EXPECT_EQ(t, ok, 3);                /* 2: a lost wake-up in the lock */
	KTAP_EXPECT_EQ(t, r->counter, 3000);
	KTAP_EXPECT_EQ(t, file_byte(fd, 4), 3000 & 0xff);   /* the file holds it */
	ktap_log(t, "%d lock waits slept", r->slept);
	/* one CPU: a yield with the lock held lets the others in to wait; on
	 * several each child may be done before the next is forked */
	if (ktap_on_tasklab() && ktap_nr_cpus() == 1)
		KTAP_EXPECT_GT(t, r->slept, 0);
	munmap(r, PG);
	drop_file(fd);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(shm_anon_shared_across_fork),
	KTAP_CASE(shm_anon_outlives_one_mapping),
	KTAP_CASE(shm_exec_drops_shared_mapping),
	KTAP_CASE(shm_file_shared_is_the_file),
	KTAP_CASE(shm_file_two_mappings_agree),
	KTAP_CASE(shm_file_private_copy_on_write),
	KTAP_CASE(shm_sigbus_past_end_of_file),
	KTAP_CASE(shm_truncate_unmaps_pages),
	KTAP_CASE(shm_ftruncate_unmaps_pages),
	KTAP_CASE(shm_write_needs_rdwr),
	KTAP_CASE(shm_map_types),
	KTAP_CASE(shm_msync),
	KTAP_CASE(shm_mremap_grow_in_place),
	KTAP_CASE(shm_mremap_shrink),
	KTAP_CASE(shm_mremap_move),
	KTAP_CASE(shm_mremap_dontunmap),
	KTAP_CASE(shm_mremap_errors),
	KTAP_CASE(shm_mremap_shared),
	KTAP_CASE(shm_mremap_grown_shared_anon_is_sigbus),
	KTAP_CASE(shm_madvise_dontneed),
	KTAP_CASE(shm_madvise_errors),
	KTAP_CASE(shm_mincore),
	KTAP_CASE(shm_futex_anon_across_processes),
	KTAP_CASE(shm_futex_file_across_processes),
	KTAP_CASE(shm_futex_private_stays_private),
	KTAP_CASE(shm_futex_lock_and_checkpoint),
	{}
};

int main(void)
{
	return ktap_run_suite("shm", cases);
}
