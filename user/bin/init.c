/* user/bin/init.c: /sbin/init, the first user program (PID 1). It shows
 * /etc/motd, then reads command lines from the console and runs each as a
 * program from the initramfs (fork, execve, wait), reporting how it ended.
 * It never exits (the kernel would have no init left).
 *
 * As PID 1 it first mounts procfs on /proc, as a Unix init does.
 * Being PID 1 it also reaps orphans: the kernel hands it every process
 * whose parent ends, and each must be waited for when it exits, or it stays
 * a zombie. As a Unix init, it learns of that from SIGCHLD: the handler
 * reaps every child that has ended (waitpid -1, WNOHANG), so nothing is
 * missed between a check and a sleep. It is installed without SA_RESTART,
 * so the console read it interrupts returns EINTR and is simply retried.
 * The command being run is reaped by the handler too: the main program
 * waits for it with SIGCHLD blocked, in sigsuspend, until the handler has
 * recorded its status.
 *
 * The console is its controlling terminal, taken as getty or `setsid -c`
 * take one for a login shell: as PID 1 it first leads a session of its own
 * (setsid: the kernel starts it in session 0, as Linux's), then the session
 * leader asks (TIOCSCTTY), since opening /dev/console never gives a
 * terminal. Each command then runs in a
 * process group of its own that init makes the terminal's foreground
 * group (tcsetpgrp), so ^C, ^\ and ^Z reach it and not init; init takes the
 * terminal back when the command ends or stops (it ignores SIGTTOU for
 * that, and SIGTSTP and SIGTTIN so as not to stop itself). A stopped
 * command is continued in the foreground by `fg`. ^C at the prompt drops
 * the line being typed.
 *
 * Built-ins: help, cd DIR, pwd, echo ..., fg, ulimit -c [N|unlimited] (core
 * files, inherited by what init runs), exit (refused as PID 1).
 * `init -c "cmd args"` runs one command before the prompt (for tests). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define MAX_LINE 256
#define MAX_ARGS 16

/* The command being run (0: none), and its status once the SIGCHLD
 * handler has reaped it. */
static volatile pid_t fg_pid;
static volatile int fg_status;
static volatile int fg_done;
/* Job control: the console is our terminal; the command ^Z stopped (0:
 * none); ^C came at the prompt. */
static bool job_control;
static volatile pid_t stopped_pid;
static volatile int interrupted;

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

/* /proc, as a Unix init mounts it first thing (as PID 1 only: a copy run
 * from the prompt finds it mounted already). */
static void mount_proc(void)
{
	if (getpid() == 1 && mount("proc", "/proc", "proc", 0, NULL) < 0)
		perror("init: mount /proc");
}

/* Say how a child ended, unless it exited 0, or that it stopped (on a
 * line of its own: the terminal echoed ^C or ^Z where the cursor was).
 * Called from the SIGCHLD handler: one write of a local buffer, no stdio
 * state. */
static void report_status(pid_t pid, int status)
{
	bool from_terminal = WIFSTOPPED(status) ||
			     (WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT ||
						      WTERMSIG(status) == SIGQUIT));
	char msg[80];
	int n = from_terminal ? 1 : 0;

	msg[0] = '\n';
	if (WIFSIGNALED(status))
		n += snprintf(msg + n, sizeof(msg) - n, "init: pid %d killed by signal %d%s\n",
			      pid, WTERMSIG(status), WCOREDUMP(status) ? " (core dumped)" : "");
	else if (WIFSTOPPED(status))
		n += snprintf(msg + n, sizeof(msg) - n,
			      "init: pid %d stopped by signal %d (fg continues it)\n",
			      pid, WSTOPSIG(status));
	else if (WEXITSTATUS(status))
		n += snprintf(msg + n, sizeof(msg) - n, "init: pid %d exited with status %d\n",
			      pid, WEXITSTATUS(status));
	if (n > (from_terminal ? 1 : 0))
		write(STDOUT_FILENO, msg, (size_t)n);
}

/* SIGCHLD: reap every child that has ended, orphans included; the
 * command being run has its status kept for run_program, also when it
 * stopped. */
static void reap_children(int sig)
{
	int saved_errno = errno, status;
	pid_t pid;

	(void)sig;
	while ((pid = waitpid(-1, &status, WNOHANG | WUNTRACED)) > 0) {
		if (pid == fg_pid) {
			fg_status = status;
			fg_done = 1;
		} else {
			if (pid == stopped_pid && !WIFSTOPPED(status))
				stopped_pid = 0;        /* ended while stopped: no fg */
			report_status(pid, status);
		}
	}
	errno = saved_errno;
}

static void install_sigchld_handler(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = reap_children;      /* no SA_RESTART: reads see EINTR */
	if (sigaction(SIGCHLD, &sa, NULL) < 0)
		perror("init: sigaction");
	reap_children(SIGCHLD);             /* any that ended before */
}

static void note_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* The console as our controlling terminal (PID 1 only: a shell started
 * otherwise is given its terminal by whoever started it). */
static void take_console(void)
{
	struct sigaction sa;

	if (getpid() != 1)
		return;
	if (getsid(0) != getpid())
		setsid();
	if (ioctl(STDIN_FILENO, TIOCSCTTY, 0) < 0)
		perror("init: TIOCSCTTY");
	job_control = tcgetpgrp(STDIN_FILENO) == getpgrp();
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = note_interrupt;     /* no SA_RESTART: the read sees EINTR */
	sigaction(SIGINT, &sa, NULL);
}

/* One line from the console into line (without the newline); false at end
 * of input. A line longer than the buffer is reported and dropped. Orphans
 * that end meanwhile are reaped by the SIGCHLD handler (read: EINTR); ^C
 * gives an empty line (the terminal dropped what was typed). */
static bool read_line(char *line, size_t size)
{
	size_t len = 0;
	bool too_long = false;
	char c;

	for (;;) {
		ssize_t n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && errno == EINTR && interrupted) {
			interrupted = 0;
			putchar('\n');
			len = 0;
			break;
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

/* Wait (SIGCHLD blocked; old: the mask to wait with) until the handler
 * says the foreground command pid ended or stopped, with the terminal
 * given to its process group meanwhile; then take the terminal back and
 * say how it went. A stopped command is kept for fg. */
static void wait_foreground(pid_t pid, const sigset_t *old)
{
	fg_pid = pid;
	if (job_control)
		tcsetpgrp(STDIN_FILENO, pid);
	while (!fg_done)
		sigsuspend(old);                /* the handler reaps, sets fg_done */
	fg_done = 0;
	fg_pid = 0;
	if (job_control)
		tcsetpgrp(STDIN_FILENO, getpgrp());
	if (WIFSTOPPED(fg_status))
		stopped_pid = pid;
	sigprocmask(SIG_SETMASK, old, NULL);
	report_status(pid, fg_status);
}

static void block_sigchld(sigset_t *old)
{
	sigset_t chld;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, old);
}

/* The child's side: a process group of its own, the signals init ignores
 * back to their defaults (an ignored signal stays ignored across exec). */
static void enter_job(void)
{
	setpgid(0, 0);
	signal(SIGTTOU, SIG_DFL);
	signal(SIGTTIN, SIG_DFL);
	signal(SIGTSTP, SIG_DFL);
}

/* fg: the stopped command runs again in the foreground. */
static void continue_job(void)
{
	sigset_t old;
	pid_t pid = stopped_pid;

	if (!pid) {
		printf("fg: no stopped command\n");
		return;
	}
	stopped_pid = 0;
	printf("init: continuing pid %d in the foreground\n", pid);
	block_sigchld(&old);
	if (job_control)
		tcsetpgrp(STDIN_FILENO, pid);        /* the foreground first, then on */
	if (kill(-pid, SIGCONT) < 0) {
		perror("fg");
		sigprocmask(SIG_SETMASK, &old, NULL);
		return;
	}
	wait_foreground(pid, &old);
}

/* Run argv[0] from /bin or /sbin (or the path as given) and wait for it.
 * SIGCHLD is blocked from before the fork until sigsuspend, so the
 * handler cannot reap the child before fg_pid names it; the child gets
 * init's old mask back before it execs. With job control the command is
 * a process group of its own (both sides set it, so it exists whichever
 * runs first). */
static void run_program(char **argv)
{
	char path[MAX_LINE + 8];
	sigset_t old;
	pid_t pid;

	block_sigchld(&old);
	pid = fork();
	if (pid < 0) {
		perror("init: fork");
		sigprocmask(SIG_SETMASK, &old, NULL);
		return;
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (job_control)
			enter_job();
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
	if (job_control)
		setpgid(pid, pid);
	wait_foreground(pid, &old);
}

/* ulimit -c [N|unlimited]: show or set RLIMIT_CORE, in 1024-byte blocks
 * as a shell counts it (0, the default, means no core files). */
static void ulimit_core(int argc, char **argv)
{
	struct rlimit lim;

	if (argc < 2 || argc > 3 || strcmp(argv[1], "-c") || getrlimit(RLIMIT_CORE, &lim)) {
		printf("usage: ulimit -c [BLOCKS|unlimited]\n");
	} else if (argc == 2) {
		if (lim.rlim_cur == RLIM_INFINITY)
			puts("unlimited");
		else
			printf("%lu\n", lim.rlim_cur / 1024);
	} else {
		lim.rlim_cur = strcmp(argv[2], "unlimited") ? strtoul(argv[2], NULL, 10) * 1024
							    : RLIM_INFINITY;
		if (setrlimit(RLIMIT_CORE, &lim) < 0)
			perror("ulimit");
	}
}

static bool run_builtin(int argc, char **argv)
{
	char cwd[MAX_LINE];

	if (!strcmp(argv[0], "help")) {
		printf("Type a program name (from /bin or /sbin) and its arguments.\n"
		       "^C ends it, ^Z stops it and fg continues it.\n"
		       "Built-ins: help, cd DIR, pwd, echo WORDS, fg, ulimit -c [N|unlimited], exit.\n");
	} else if (!strcmp(argv[0], "cd")) {
		if (chdir(argc > 1 ? argv[1] : "/") < 0)
			perror("cd");
	} else if (!strcmp(argv[0], "pwd")) {
		puts(getcwd(cwd, sizeof(cwd)) ? cwd : "(unknown)");
	} else if (!strcmp(argv[0], "echo")) {
		for (int i = 1; i < argc; i++)
			printf("%s%s", argv[i], i + 1 < argc ? " " : "");
		putchar('\n');
	} else if (!strcmp(argv[0], "fg")) {
		continue_job();
	} else if (!strcmp(argv[0], "ulimit")) {
		ulimit_core(argc, argv);
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
}

int main(int argc, char **argv)
{
	char line[MAX_LINE];

	take_console();
	install_sigchld_handler();
	mount_proc();
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
		pause();                        /* SIGCHLD handlers do the work */
}
