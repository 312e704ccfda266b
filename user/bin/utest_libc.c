/* user/bin/utest_libc.c: self-tests of Tasklab's user libc and of the Linux
 * system calls it wraps, printed as KTAP. The same binary runs on Linux's ABI
 * (tests/run.py runs it under qemu-i386, which proves the libc right) and
 * on Tasklab, as the libc suite (which proves the kernel right). */
#include <errno.h>
#include <fcntl.h>
#include <ktap.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

extern char _start[], _end[];   /* the entry point; the end of bss (heap below brk) */

static void libc_string(struct ktap *t)
{
	char buf[32];
	char *end;
	char *dup;

	KTAP_EXPECT_EQ(t, strlen("tasklab"), 7);
	KTAP_EXPECT_TRUE(t, strcmp("abc", "abd") < 0);
	KTAP_EXPECT_STREQ(t, strchr("hello", 'l'), "llo");
	strcpy(buf, "ab");
	strcat(buf, "cd");
	KTAP_EXPECT_STREQ(t, buf, "abcd");
	dup = strdup(buf);
	KTAP_ASSERT_TRUE(t, dup != NULL);
	KTAP_EXPECT_STREQ(t, dup, "abcd");
	KTAP_EXPECT_TRUE(t, dup != buf);
	free(dup);
	KTAP_EXPECT_EQ(t, strtol("  -0x1f", &end, 0), -31);
	KTAP_EXPECT_EQ(t, strtol("  0x1f!", &end, 0), 31);
	KTAP_EXPECT_EQ(t, *end, '!');
	KTAP_EXPECT_EQ(t, atoi("-42"), -42);
	KTAP_EXPECT_STREQ(t, strerror(ENOENT), "No such file or directory");
}

static void libc_snprintf(struct ktap *t)
{
	char buf[8];

	KTAP_EXPECT_EQ(t, snprintf(buf, sizeof(buf), "%d-%s", 12345, "xyz"), 9);
	KTAP_EXPECT_STREQ(t, buf, "12345-x");        /* truncated, NUL-terminated */
	snprintf(buf, sizeof(buf), "%05x", 0xbeef);
	KTAP_EXPECT_STREQ(t, buf, "0beef");
	snprintf(buf, sizeof(buf), "%-3c|", 'q');
	KTAP_EXPECT_STREQ(t, buf, "q  |");
	KTAP_EXPECT_EQ(t, snprintf(NULL, 0, "%lld", -1234567890123LL), 14);
}

static void libc_errno(struct ktap *t)
{
	errno = 0;
	KTAP_EXPECT_EQ(t, close(-1), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	KTAP_EXPECT_EQ(t, write(12345, "x", 1), -1);
	KTAP_EXPECT_EQ(t, errno, EBADF);
	KTAP_EXPECT_EQ(t, open("/no/such/file", O_RDONLY), -1);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_EQ(t, syscall(9999, 0, 0, 0, 0, 0, 0), -1);
	KTAP_EXPECT_EQ(t, errno, ENOSYS);
}

static void libc_malloc_small(struct ktap *t)
{
	char *p[64];

	for (int i = 0; i < 64; i++) {
		p[i] = malloc((size_t)i * 37 + 1);
		KTAP_ASSERT_TRUE(t, p[i] != NULL);
		KTAP_EXPECT_EQ(t, (uintptr_t)p[i] % 16, 0);
		KTAP_EXPECT_GE(t, malloc_usable_size(p[i]), (size_t)i * 37 + 1);
		memset(p[i], i, (size_t)i * 37 + 1);
	}
	for (int i = 0; i < 64; i++)
		KTAP_EXPECT_EQ(t, p[i][i * 37], i);   /* no block overlapped another */
	for (int i = 0; i < 64; i++)
		free(p[i]);
	/* a freed block of the right size is reused, not new heap */
	char *a = malloc(100);
	free(a);
	KTAP_EXPECT_EQ(t, (uintptr_t)malloc(100), (uintptr_t)a);
	free(a);
}

static void libc_malloc_large(struct ktap *t)
{
	size_t mib = 1 << 20;
	char *big = malloc(mib), *heap_end = sbrk(0), *c;

	KTAP_ASSERT_TRUE(t, big != NULL);
	/* its own mapping: just past a page-aligned header, outside the heap */
	KTAP_EXPECT_EQ(t, (uintptr_t)big & 4095, 16);
	KTAP_EXPECT_TRUE(t, big >= heap_end || big + mib <= _end);
	memset(big, 0x5a, mib);
	big = realloc(big, 2 * mib);
	KTAP_ASSERT_TRUE(t, big != NULL);
	KTAP_EXPECT_EQ(t, big[mib - 1], 0x5a);
	free(big);
	c = calloc(1000, 100);
	KTAP_ASSERT_TRUE(t, c != NULL);
	KTAP_EXPECT_EQ(t, c[0] | c[50000] | c[99999], 0);
	free(c);
	errno = 0;
	KTAP_EXPECT_EQ(t, (uintptr_t)calloc(0x10000, 0x10001), 0);   /* overflows size_t */
	KTAP_EXPECT_EQ(t, errno, ENOMEM);
}

static void libc_brk(struct ktap *t)
{
	char *start = sbrk(0), *p;

	KTAP_ASSERT_TRUE(t, start != (char *)-1);
	p = sbrk(8192);
	KTAP_EXPECT_EQ(t, (uintptr_t)p, (uintptr_t)start);
	KTAP_EXPECT_EQ(t, (uintptr_t)sbrk(0), (uintptr_t)start + 8192);
	memset(p, 1, 8192);                         /* the new memory is usable */
	KTAP_EXPECT_EQ(t, p[8191], 1);
	KTAP_EXPECT_EQ(t, (uintptr_t)sbrk(-8192), (uintptr_t)start + 8192);
	KTAP_EXPECT_EQ(t, (uintptr_t)sbrk(0), (uintptr_t)start);
}

static void libc_mmap(struct ktap *t)
{
	size_t len = 64 * 1024;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	KTAP_ASSERT_TRUE(t, m != MAP_FAILED);
	KTAP_EXPECT_EQ(t, (uintptr_t)m & 4095, 0);
	KTAP_EXPECT_EQ(t, m[0] | m[len - 1], 0);       /* anonymous memory is zero */
	m[len - 1] = 7;
	KTAP_EXPECT_EQ(t, mprotect(m, len, PROT_READ), 0);
	KTAP_EXPECT_EQ(t, munmap(m, len), 0);
	errno = 0;
	KTAP_EXPECT_TRUE(t, mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 100) == MAP_FAILED);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
}

#define MMAP_MIN_ADDR 0x10000     /* Debian's vm.mmap_min_addr, and Tasklab's */

static long raw_mmap2(long addr, long len, long flags, long fd, long pgoff)
{
	return syscall(__NR_mmap2, addr, len, PROT_READ, flags, fd, pgoff);
}

/* Where mmap may put things: a free hint is taken; never below
 * mmap_min_addr (MAP_FIXED there is EPERM, a hint there is ignored); a
 * file offset in pages whose end wraps is EOVERFLOW. */
static void libc_mmap_addresses(struct ktap *t)
{
	const long anon = MAP_PRIVATE | MAP_ANONYMOUS;
	long hint = 0x50000000, got;
	int fd;

	got = raw_mmap2(hint, 8192, anon, -1, 0);       /* a free hint is taken */
	KTAP_EXPECT_EQ(t, got, hint);
	got = raw_mmap2(hint, 4096, anon, -1, 0);       /* taken now: elsewhere */
	KTAP_EXPECT_NE(t, got, -1);
	KTAP_EXPECT_NE(t, got, hint);
	munmap((void *)got, 4096);
	munmap((void *)hint, 8192);
	if (!ktap_on_tasklab()) {
		ktap_skip(t, "qemu-i386 places guest mappings itself: no mmap_min_addr, "
			  "no 32-bit page offset check");
		return;
	}
	for (long a = 0; a < MMAP_MIN_ADDR; a += 0x7000) {
		errno = 0;
		KTAP_EXPECT_EQ(t, raw_mmap2(a, 4096, anon | MAP_FIXED, -1, 0), -1);
		KTAP_EXPECT_EQ(t, errno, EPERM);
	}
	got = raw_mmap2(MMAP_MIN_ADDR, 4096, anon | MAP_FIXED, -1, 0);
	KTAP_EXPECT_EQ(t, got, MMAP_MIN_ADDR);          /* the floor itself is fine */
	munmap((void *)got, 4096);
	got = raw_mmap2(0x1000, 4096, anon, -1, 0);     /* a hint too low: not an error */
	KTAP_EXPECT_NE(t, got, -1);
	KTAP_EXPECT_GE(t, (unsigned long)got, MMAP_MIN_ADDR);
	munmap((void *)got, 4096);
	fd = open("/etc/motd", O_RDONLY);
	KTAP_ASSERT_GE(t, fd, 0);
	errno = 0;
	KTAP_EXPECT_EQ(t, raw_mmap2(0, 8192, MAP_PRIVATE, fd, 0xffffffff), -1);
	KTAP_EXPECT_EQ(t, errno, EOVERFLOW);            /* pgoff + 2 pages wraps */
	close(fd);
}

static void libc_auxv(struct ktap *t)
{
	KTAP_EXPECT_EQ(t, getauxval(AT_PAGESZ), 4096);
	KTAP_EXPECT_EQ(t, getauxval(AT_ENTRY), (uintptr_t)_start);
	KTAP_EXPECT_NE(t, getauxval(AT_PHDR), 0);
	KTAP_EXPECT_NE(t, getauxval(AT_RANDOM), 0);
	errno = 0;
	KTAP_EXPECT_EQ(t, getauxval(12345), 0);
	KTAP_EXPECT_EQ(t, errno, ENOENT);
	KTAP_EXPECT_TRUE(t, environ != NULL);
}

static void libc_ids(struct ktap *t)
{
	struct utsname u;

	KTAP_EXPECT_GT(t, getpid(), 0);
	KTAP_EXPECT_EQ(t, gettid(), getpid());
	KTAP_EXPECT_GE(t, getppid(), 0);
	KTAP_EXPECT_EQ(t, getuid(), geteuid());
	KTAP_ASSERT_EQ(t, uname(&u), 0);
	KTAP_EXPECT_STREQ(t, u.sysname, "Linux");      /* glibc insists */
	KTAP_EXPECT_GE(t, u.release[0], '3');          /* glibc wants >= 3.2 */
}

/* fork returns twice: the child's pid to the parent (the child's own
 * getpid(), sent back through a pipe), 0 to the child, whose parent is us;
 * its exit code reaches waitpid. */
static void libc_fork_wait(struct ktap *t)
{
	pid_t me = getpid(), child, childs_own = 0;
	int status = 0, fds[2];

	KTAP_ASSERT_EQ(t, pipe(fds), 0);
	child = fork();
	if (child == 0) {
		pid_t mine = getpid();

		write(fds[1], &mine, sizeof(mine));
		_exit(getppid() == me ? 7 : 8);
	}
	KTAP_ASSERT_GT(t, child, 0);
	KTAP_EXPECT_NE(t, child, me);
	KTAP_EXPECT_EQ(t, read(fds[0], &childs_own, sizeof(childs_own)), sizeof(childs_own));
	KTAP_EXPECT_EQ(t, childs_own, child);
	close(fds[0]);
	close(fds[1]);
	KTAP_EXPECT_EQ(t, waitpid(child, &status, 0), child);
	KTAP_EXPECT_TRUE(t, WIFEXITED(status));
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 7);
	KTAP_EXPECT_EQ(t, waitpid(-1, &status, WNOHANG), -1);   /* nothing left */
	KTAP_EXPECT_EQ(t, errno, ECHILD);
}

static void libc_vfork(struct ktap *t)
{
	int status = 0;
	pid_t child = vfork();

	if (child == 0)
		_exit(3);
	KTAP_ASSERT_GT(t, child, 0);
	KTAP_EXPECT_EQ(t, waitpid(child, &status, 0), child);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 3);
}

static int clone_child(void *arg)
{
	return *(int *)arg + 1;
}

static void libc_clone(struct ktap *t)
{
	static char stack[8192] __attribute__((aligned(16)));
	int arg = 40, status = 0;
	pid_t child = clone(clone_child, stack + sizeof(stack), SIGCHLD, &arg, NULL, NULL, NULL);

	KTAP_ASSERT_GT(t, child, 0);
	KTAP_EXPECT_EQ(t, waitpid(child, &status, 0), child);
	KTAP_EXPECT_EQ(t, WEXITSTATUS(status), 41);
}

static void libc_pipe(struct ktap *t)
{
	int fds[2], status;
	char buf[8] = "";
	pid_t child;

	KTAP_ASSERT_EQ(t, pipe(fds), 0);
	child = fork();
	if (child == 0) {
		close(fds[0]);
		_exit(write(fds[1], "ping", 5) == 5 ? 0 : 1);
	}
	KTAP_ASSERT_GT(t, child, 0);
	close(fds[1]);
	KTAP_EXPECT_EQ(t, read(fds[0], buf, sizeof(buf)), 5);
	KTAP_EXPECT_STREQ(t, buf, "ping");
	KTAP_EXPECT_EQ(t, read(fds[0], buf, sizeof(buf)), 0);   /* writer gone: EOF */
	close(fds[0]);
	KTAP_EXPECT_EQ(t, waitpid(child, &status, 0), child);
	KTAP_EXPECT_EQ(t, status, 0);
}

/* A store to the kernel's half of the address space kills with SIGSEGV. */
static void libc_segv_reported(struct ktap *t)
{
	int status = 0;
	pid_t child = fork();

	if (child == 0) {
		*(volatile int *)0xC0000000 = 1;
		_exit(0);
	}
	KTAP_ASSERT_GT(t, child, 0);
	KTAP_EXPECT_EQ(t, waitpid(child, &status, 0), child);
	KTAP_EXPECT_TRUE(t, WIFSIGNALED(status));
	KTAP_EXPECT_EQ(t, WTERMSIG(status), SIGSEGV);
}

static const struct ktap_case libc_cases[] = {
	KTAP_CASE(libc_string),
	KTAP_CASE(libc_snprintf),
	KTAP_CASE(libc_errno),
	KTAP_CASE(libc_malloc_small),
	KTAP_CASE(libc_malloc_large),
	KTAP_CASE(libc_brk),
	KTAP_CASE(libc_mmap),
	KTAP_CASE(libc_mmap_addresses),
	KTAP_CASE(libc_auxv),
	KTAP_CASE(libc_ids),
	KTAP_CASE(libc_fork_wait),
	KTAP_CASE(libc_vfork),
	KTAP_CASE(libc_clone),
	KTAP_CASE(libc_pipe),
	KTAP_CASE(libc_segv_reported),
	{}
};

int main(void)
{
	return ktap_run_suite("libc", libc_cases);
}
