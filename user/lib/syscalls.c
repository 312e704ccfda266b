/* user/lib/syscalls.c: one C wrapper per system call, each a single trap
 * (user/lib/syscall.c) whose raw result becomes -1 + errno. Numbers are
 * Linux's i386 ones (include/uapi/asm/unistd_32.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <futex.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#define RET(x) return __syscall_ret(x)

ssize_t read(int fd, void *buf, size_t n)         { RET(__syscall3(__NR_read, fd, buf, n)); }
ssize_t write(int fd, const void *buf, size_t n)  { RET(__syscall3(__NR_write, fd, buf, n)); }
int close(int fd)                                 { RET(__syscall1(__NR_close, fd)); }
off_t lseek(int fd, off_t off, int whence)        { RET(__syscall3(__NR_lseek, fd, off, whence)); }
int pipe(int fds[2])                              { RET(__syscall1(__NR_pipe, fds)); }
int dup(int fd)                                   { RET(__syscall1(__NR_dup, fd)); }
int dup2(int fd, int to)                          { RET(__syscall2(__NR_dup2, fd, to)); }
int fcntl(int fd, int cmd, long arg)              { RET(__syscall3(__NR_fcntl64, fd, cmd, arg)); }
pid_t fork(void)                                  { RET(__syscall0(__NR_fork)); }
pid_t getpid(void)                                { RET(__syscall0(__NR_getpid)); }
pid_t getppid(void)                               { RET(__syscall0(__NR_getppid)); }
pid_t gettid(void)                                { RET(__syscall0(__NR_gettid)); }
uid_t getuid(void)                                { RET(__syscall0(__NR_getuid32)); }
uid_t geteuid(void)                               { RET(__syscall0(__NR_geteuid32)); }
gid_t getgid(void)                                { RET(__syscall0(__NR_getgid32)); }
gid_t getegid(void)                               { RET(__syscall0(__NR_getegid32)); }
int setpgid(pid_t pid, pid_t pgid)                { RET(__syscall2(__NR_setpgid, pid, pgid)); }
pid_t getpgid(pid_t pid)                          { RET(__syscall1(__NR_getpgid, pid)); }
pid_t getpgrp(void)                               { RET(__syscall0(__NR_getpgrp)); }
pid_t setsid(void)                                { RET(__syscall0(__NR_setsid)); }
pid_t getsid(pid_t pid)                           { RET(__syscall1(__NR_getsid, pid)); }
int chdir(const char *path)                       { RET(__syscall1(__NR_chdir, path)); }
int access(const char *path, int mode)            { RET(__syscall2(__NR_access, path, mode)); }
int unlink(const char *path)                      { RET(__syscall1(__NR_unlink, path)); }
int rmdir(const char *path)                       { RET(__syscall1(__NR_rmdir, path)); }
int kill(pid_t pid, int sig)                      { RET(__syscall2(__NR_kill, pid, sig)); }
int sched_yield(void)                             { RET(__syscall0(__NR_sched_yield)); }
int uname(struct utsname *u)                      { RET(__syscall1(__NR_uname, u)); }
int munmap(void *addr, size_t len)                { RET(__syscall2(__NR_munmap, addr, len)); }
int mprotect(void *addr, size_t len, int prot)    { RET(__syscall3(__NR_mprotect, addr, len, prot)); }
int clock_gettime(int clock, struct timespec *ts) { RET(__syscall2(__NR_clock_gettime, clock, ts)); }
time_t time(time_t *t)                            { RET(__syscall1(__NR_time, t)); }
int stat(const char *path, struct stat64 *st)     { RET(__syscall2(__NR_stat64, path, st)); }
int lstat(const char *path, struct stat64 *st)    { RET(__syscall2(__NR_lstat64, path, st)); }
int fstat(int fd, struct stat64 *st)              { RET(__syscall2(__NR_fstat64, fd, st)); }
int getdents64(int fd, void *buf, unsigned int n) { RET(__syscall3(__NR_getdents64, fd, buf, n)); }

ssize_t readlink(const char *path, char *buf, size_t size)
{
	RET(__syscall3(__NR_readlink, path, buf, size));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	RET(__syscall3(__NR_execve, path, argv, envp));
}

long futex(int *uaddr, int op, int val, const struct timespec *timeout, int *uaddr2, int val3)
{
	RET(__syscall6(__NR_futex, (long)uaddr, op, val, (long)timeout, (long)uaddr2, val3));
}

pid_t set_tid_address(int *tidptr)               { RET(__syscall1(__NR_set_tid_address, tidptr)); }

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	RET(__syscall4(__NR_wait4, pid, status, options, ru));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	RET(__syscall3(__NR_waitpid, pid, status, options));
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	RET(__syscall2(__NR_nanosleep, req, rem));
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec ts = { (long)seconds, 0 };

	return nanosleep(&ts, &ts) ? (unsigned int)ts.tv_sec : 0;
}

/* open's mode argument is read only with O_CREAT or O_TMPFILE, as C's
 * varargs allow. */
int open(const char *path, int flags, ...)
{
	unsigned int mode = 0;

	if ((flags & O_CREAT) || (flags & __O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, unsigned int);
		va_end(ap);
	}
	RET(__syscall3(__NR_open, path, flags | O_LARGEFILE, mode));
}

/* The kernel's getcwd returns a length; C's returns the buffer. */
char *getcwd(char *buf, size_t size)
{
	return __syscall_ret(__syscall2(__NR_getcwd, buf, size)) < 0 ? NULL : buf;
}

/* mmap2 takes the offset in 4 KiB pages; an offset that is not a page
 * multiple cannot be expressed: EINVAL, as Linux's mmap gives. */
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	if (off & 4095) {
		errno = EINVAL;
		return MAP_FAILED;
	}
	return (void *)__syscall_ret(__syscall6(__NR_mmap2, (long)addr, (long)len, prot,
						flags, fd, off >> 12));
}

/* The raw brk call returns the new break, or the old one when it refused. */
static char *cur_brk;

int brk(void *addr)
{
	char *got = (char *)__syscall1(__NR_brk, addr);

	cur_brk = got;
	if (got != addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long increment)
{
	char *old;

	if (!cur_brk)
		cur_brk = (char *)__syscall1(__NR_brk, 0);
	old = cur_brk;
	if (increment && brk(old + increment))
		return (void *)-1;
	return old;
}

void abort(void)
{
	kill(getpid(), SIGABRT);
	_exit(127);
}
