/* user/bin/hello.c: the smallest Tasklab program worth running: it greets,
 * and shows what execve handed it (argv, the environment, the auxiliary
 * vector), which is the first thing to look at when exec goes wrong. */
#include <stdio.h>
#include <unistd.h>
#include <sys/auxv.h>

int main(int argc, char **argv, char **envp)
{
	int nenv = 0;

	printf("Hello from user space! pid %d, parent %d\n", getpid(), getppid());
	for (int i = 0; i < argc; i++)
		printf("  argv[%d] = \"%s\"\n", i, argv[i]);
	while (envp[nenv])
		nenv++;
	printf("  %d environment strings; page size %lu; entry %#lx; execfn %s\n", nenv,
	       getauxval(AT_PAGESZ), getauxval(AT_ENTRY),
	       getauxval(AT_EXECFN) ? (const char *)getauxval(AT_EXECFN) : "(none)");
	return 0;
}
