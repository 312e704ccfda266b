/* user/lib/crt0.c: program start-up and exit. The kernel's execve leaves
 * the stack as Linux lays it out and jumps to _start with every general
 * register zero:
 *
 *      high  strings (argv, envp, AT_EXECFN), 16 AT_RANDOM bytes
 *            auxv: (type, value) pairs ... AT_NULL, 0
 *            envp[0] ... envp[n-1], NULL
 *            argv[0] ... argv[argc-1], NULL
 *  esp ->    argc
 *
 * _start hands that address to __libc_start, which finds argv, envp and the
 * auxiliary vector, calls main and exits the whole process with its value. */
#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/syscall.h>

int main(int argc, char **argv, char **envp);
void __libc_start(long *sp) __attribute__((noreturn, used));

char **environ;
static unsigned long *auxv;

/* The entry point. ebp = 0 ends the frame-pointer chain for debuggers; the
 * call is made with esp 16-byte aligned, as the i386 ABI asks. */
__asm__(".text\n"
	".global _start\n"
	"_start:\n"
	"	xorl %ebp, %ebp\n"
	"	movl %esp, %eax\n"          /* the argc word */
	"	andl $-16, %esp\n"
	"	subl $12, %esp\n"
	"	pushl %eax\n"
	"	call __libc_start\n"
	"	hlt\n");

void __libc_start(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	environ = envp;
	auxv = (unsigned long *)(p + 1);
	exit(main(argc, argv, envp));
}

unsigned long getauxval(unsigned long type)
{
	for (unsigned long *a = auxv; a && a[0] != AT_NULL; a += 2)
		if (a[0] == type)
			return a[1];
	errno = ENOENT;
	return 0;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);

	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, len) && (*e)[len] == '=')
			return *e + len + 1;
	return NULL;
}

#define ATEXIT_MAX 8
static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_count;

/* At most ATEXIT_MAX functions (POSIX asks for 32; our programs need few);
 * -1 when full, never a silent drop. */
int atexit(void (*fn)(void))
{
	if (atexit_count == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_count++] = fn;
	return 0;
}

void exit(int status)
{
	while (atexit_count > 0)
		atexit_fns[--atexit_count]();
	_exit(status);
}

/* exit_group ends every thread of the process, as C's exit must. */
void _exit(int status)
{
	for (;;)
		__syscall1(__NR_exit_group, status);
}
