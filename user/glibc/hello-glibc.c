/* user/glibc/hello-glibc.c: an ordinary C program with nothing Tasklab-specific,
 * built with the stock i686 cross glibc (`i686-linux-gnu-gcc -static`). If it
 * runs, Tasklab speaks enough of Linux's ABI for glibc's start-up, stdio,
 * malloc, fork and waitpid. It prints what it checked and exits 0 only if
 * everything held. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	char *big = malloc(1 << 20);
	char *small = malloc(100);
	int status = -1;
	pid_t child;

	printf("hello-glibc: pid %d\n", (int)getpid());
	if (!big || !small) {
		printf("hello-glibc: malloc failed\n");
		return 1;
	}
	memset(big, 'x', 1 << 20);
	snprintf(small, 100, "%d KiB of x", (int)(strspn(big, "x") >> 10));
	printf("hello-glibc: malloc ok: %s\n", small);
	fflush(stdout);                 /* or the child would print it again */
	child = fork();
	if (child == 0) {
		printf("hello-glibc: child %d of %d\n", (int)getpid(), (int)getppid());
		exit(42);
	}
	if (child < 0 || waitpid(child, &status, 0) != child) {
		perror("hello-glibc: fork/waitpid");
		return 1;
	}
	printf("hello-glibc: child %d exited with %d\n", (int)child,
	       WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	free(big);
	free(small);
	return WIFEXITED(status) && WEXITSTATUS(status) == 42 ? 0 : 1;
}
