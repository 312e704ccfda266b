/* user/bin/init.c: /sbin/init, the first user program (PID 1). It shows
 * /etc/motd, then reads command lines from the console and runs each as a
 * program from the initramfs (fork, execve, waitpid), reporting how it
 * ended. It never exits (the kernel would have no init left).
 *
 * Being PID 1 it also reaps orphans: the kernel hands it every process
 * whose parent ends, and each must be waited for when it exits, or it stays
 * a zombie. A Unix init learns of that from SIGCHLD; Tasklab has no signal
 * handlers yet, so init never sleeps where a child's end cannot wake it:
 *  - while a command runs, it waits for any child (waitpid -1), reaping
 *    orphans as they end, until the command's own pid comes back;
 *  - at the prompt, it reads the console through its own O_NONBLOCK
 *    descriptor and, while no line is complete, reaps and naps POLL_MS
 *    (so an orphan is reaped within about POLL_MS, typing is echoed as
 *    promptly; the programs it runs keep a blocking console on fds 0-2);
 *  - at end of input, it waits for any child forever.
 *
 * Built-ins: help, cd DIR, pwd, echo ..., exit (refused as PID 1).
 * `init -c "cmd args"` runs one command before the prompt (for tests). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAX_LINE 256
#define MAX_ARGS 16
#define POLL_MS  20

/* Where command lines come from: a non-blocking console of init's own,
 * or (when it cannot be opened) stdin, which blocks. */
static int console_in = STDIN_FILENO;

static void nap(void)
{
	struct timespec ts = { 0, POLL_MS * 1000L * 1000L };

	nanosleep(&ts, NULL);
}

static void show_file(const char *path)
{
	char buf[256];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return;
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		write(STDOUT_FILENO, buf, (size_t)n);
	close(fd);
}

static void report_status(pid_t pid, int status)
{
	if (WIFSIGNALED(status))
		printf("init: pid %d killed by signal %d\n", pid, WTERMSIG(status));
	else if (WEXITSTATUS(status))
		printf("init: pid %d exited with status %d\n", pid, WEXITSTATUS(status));
}

/* Wait for every child that has already exited (orphans included). */
static void reap_zombies(void)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		report_status(pid, status);
}

/* One line from the console into line (without the newline); false at end
 * of input. A line longer than the buffer is reported and dropped. Orphans
 * that end meanwhile are reaped. */
static bool read_line(char *line, size_t size)
{
	size_t len = 0;
	bool too_long = false;
	char c;

	for (;;) {
		ssize_t n = read(console_in, &c, 1);
		if (n < 0 && errno == EAGAIN) {     /* no line yet */
			reap_zombies();
			nap();
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		if (c == '\n')
			break;
		if (len + 1 < size)
			line[len++] = c;
		else
			too_long = true;
	}
	line[len] = '\0';
	if (too_long) {
		printf("init: line longer than %u bytes ignored\n", (unsigned)size - 1);
		line[0] = '\0';
	}
	return true;
}

/* Split line in place on blanks into argv (NULL-terminated); returns argc. */
static int split_words(char *line, char **argv)
{
	int argc = 0;
	char *p = line;

	while (*p) {
		while (*p == ' ' || *p == '\t')
			*p++ = '\0';
		if (!*p)
			break;
		if (argc == MAX_ARGS) {
			printf("init: more than %d words\n", MAX_ARGS);
			return 0;
		}
		argv[argc++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
	}
	argv[argc] = NULL;
	return argc;
}

/* Wait until pid ends, reaping whatever else ends meanwhile (orphans). */
static void wait_foreground(pid_t pid)
{
	int status;
	pid_t got;

	while ((got = waitpid(-1, &status, 0)) != pid) {
		if (got > 0) {
			report_status(got, status);
		} else if (errno != EINTR) {
			perror("init: waitpid");
			return;
		}
	}
	report_status(pid, status);
}

/* Run argv[0] from /bin or /sbin (or the path as given) and wait for it. */
static void run_program(char **argv)
{
	char path[MAX_LINE + 8];
	pid_t pid = fork();

	if (pid < 0) {
		perror("init: fork");
		return;
	}
	if (pid == 0) {
		if (strchr(argv[0], '/')) {
			execve(argv[0], argv, environ);
		} else {
			snprintf(path, sizeof(path), "/bin/%s", argv[0]);
			execve(path, argv, environ);
			snprintf(path, sizeof(path), "/sbin/%s", argv[0]);
			execve(path, argv, environ);
		}
		dprintf(STDERR_FILENO, "init: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	wait_foreground(pid);
}

static bool run_builtin(int argc, char **argv)
{
	char cwd[MAX_LINE];

	if (!strcmp(argv[0], "help")) {
		printf("Type a program name (from /bin or /sbin) and its arguments.\n"
		       "Built-ins: help, cd DIR, pwd, echo WORDS, exit.\n");
	} else if (!strcmp(argv[0], "cd")) {
		if (chdir(argc > 1 ? argv[1] : "/") < 0)
			perror("cd");
	} else if (!strcmp(argv[0], "pwd")) {
		puts(getcwd(cwd, sizeof(cwd)) ? cwd : "(unknown)");
	} else if (!strcmp(argv[0], "echo")) {
		for (int i = 1; i < argc; i++)
			printf("%s%s", argv[i], i + 1 < argc ? " " : "");
		putchar('\n');
	} else if (!strcmp(argv[0], "exit")) {
		if (getpid() == 1)
			printf("init: PID 1 does not exit\n");
		else
			exit(argc > 1 ? atoi(argv[1]) : 0);
	} else {
		return false;
	}
	return true;
}

static void run_line(char *line)
{
	char *argv[MAX_ARGS + 1];
	int argc = split_words(line, argv);

	if (argc && !run_builtin(argc, argv))
		run_program(argv);
	reap_zombies();
}

int main(int argc, char **argv)
{
	char line[MAX_LINE];
	int fd = open("/dev/console", O_RDONLY | O_NONBLOCK | O_CLOEXEC);

	if (fd >= 0)
		console_in = fd;
	show_file("/etc/motd");
	printf("init: pid %d; type 'help'\n", getpid());
	if (argc > 2 && !strcmp(argv[1], "-c")) {
		strlcpy(line, argv[2], sizeof(line));
		run_line(line);
	}
	for (;;) {
		printf("tasklab# ");
		if (!read_line(line, sizeof(line)))
			break;
		run_line(line);
	}
	if (getpid() != 1)
		return 0;
	printf("\ninit: end of console input; reaping children\n");
	for (;;)
		if (wait(NULL) < 0)             /* no child now; orphans may come */
			nap();
}
