/* user/lib/pidfd.c: the pidfd calls (user/include/sys/pidfd.h), thin
 * wrappers as glibc's: the kernel's answer, or -1 and errno. */
#include <sys/pidfd.h>
#include <sys/syscall.h>

int pidfd_open(pid_t pid, unsigned int flags)
{
	return (int)syscall(__NR_pidfd_open, pid, flags, 0, 0, 0, 0);
}

int pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned int flags)
{
	return (int)syscall(__NR_pidfd_send_signal, pidfd, sig, (long)info, flags, 0, 0);
}

int pidfd_getfd(int pidfd, int targetfd, unsigned int flags)
{
	return (int)syscall(__NR_pidfd_getfd, pidfd, targetfd, flags, 0, 0, 0);
}
