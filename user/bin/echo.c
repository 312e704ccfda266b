/* user/bin/echo.c: print the arguments, separated by blanks, and a newline
 * (no options). With BusyBox in the initramfs its echo takes /bin/echo;
 * without, this one is there, for scripts and the exec tests
 * (utest_script uses /bin/echo as an interpreter, on Tasklab and Linux). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		write(STDOUT_FILENO, argv[i], strlen(argv[i]));
		if (i + 1 < argc)
			write(STDOUT_FILENO, " ", 1);
	}
	write(STDOUT_FILENO, "\n", 1);
	return 0;
}
