/* user/bin/utest_tty.c: the terminal and job control from user space, on
 * Tasklab's console UART (ttyS0) and, under qemu-i386, on a Linux
 * pseudo-terminal (user/include/utest_term.h): canonical editing, the
 * configurable control characters, the four VMIN/VTIME reads, echo,
 * CR/NL translation, the signal characters reaching the foreground
 * process group only, SIGTTIN/SIGTTOU for background readers and writers,
 * EIO for an orphaned process group, SIGHUP+SIGCONT for an orphaned group
 * with a stopped member, the hangup when the session leader exits, the
 * controlling-terminal ioctls and their errors, the window size and
 * SIGWINCH, FIONREAD/TCFLSH/TCXONC, poll and select on the terminal, and
 * the terminal as /proc/<pid>/stat shows it (tty_nr and tpgid).
 * Each case runs as the leader of a new session that owns the terminal
 * (in_session); what the terminal printed is compared only on the
 * pseudo-terminal (its master shows it; ktests compare the echo on
 * Tasklab, tests/test_tty.c). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <utest.h>
#include <utest_term.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/select.h>
#include <sys/wait.h>

/* The fds a case's children find things at: the terminal, the pipe to
 * report on, the pipe to wait on (high, clear of the case's own fds). */
#define TTY_FD    10
#define REPORT_FD 11
#define GO_FD     12

/* One read into buf (NUL-terminated); its result. */
static int read_str(int fd, char *buf, int size)
{
	int n = (int)read(fd, buf, size - 1);

	buf[n > 0 ? n : 0] = '\0';
	return n;
}

static int pause_forever(void)
{
	for (;;)
		pause();
	return 0;
}

static void exit_99(int sig)
{
	_exit(99);
}

static void exit_3(int sig)
{
	_exit(3);
}

/* SIGQUIT's default action dumps core, which qemu-i386 does slowly, if
 * at all: a handler shows the signal came, by exit status 3. It stops
 * itself once the handler is set, for the parent to continue it. */
static int pause_until_sigquit(void)
{
	signal(SIGQUIT, exit_3);
	raise(SIGSTOP);
	return pause_forever();
}

/* Not the foreground group: a SIGINT here would end it with 99. */
static int pause_unless_sigint(void)
{
	signal(SIGINT, exit_99);
	return pause_forever();
}

static int readable_now(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };

	return poll(&p, 1, 0);
}

/* A child running fn, its exit status fn's value. */
static pid_t spawn(int (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	return pid;
}

/* Are we a child subreaper (orphans below come to us)? qemu-i386 7.2
 * does not offer PR_SET_CHILD_SUBREAPER: there they go to the host's init. */
static bool subreaper;

/* The n orphans a case left end and come to us to be waited for (where
 * we are a subreaper: on Tasklab, or PID 1 would be left the zombies). */
static void reap_orphans(struct ktap *t, int n)
{
	int status;

	for (int i = 0; subreaper && i < n; i++)
		KTAP_EXPECT_GT(t, reap_stray(&status, 3000), 0);
}

/* Wait for pid; its status (-1 if the wait failed). */
static int status_of(pid_t pid, int options)
{
	int status = -1;

	return waitpid(pid, &status, options) == pid ? status : -1;
}

static void kill_and_wait(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* Run body(t, tm, fd) as a new session's leader on the terminal. */
static void term_case(struct ktap *t, void (*body)(struct ktap *, struct term *, int))
{
	struct term tm;

	if (!term_open(t, &tm))
		return;
	in_session(t, &tm, body);
	term_close(&tm);
}

/* --- the line discipline -------------------------------------------------- */

static void canonical_body(struct ktap *t, struct term *tm, int fd)
{
	char buf[64];

	KTAP_ASSERT_EQ(t, term_type(fd, "ab\x7f" "c\r"), 0);    /* DEL erases, CR ends */
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 3);
	KTAP_EXPECT_STREQ(t, buf, "ac\n");
	term_type(fd, "xyz\x15ok\n");                             /* ^U kills the line */
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 3);
	KTAP_EXPECT_STREQ(t, buf, "ok\n");
	term_type(fd, "cp a_b c-d\x17x\n");                       /* ^W a word */
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 11);
	KTAP_EXPECT_STREQ(t, buf, "cp a_b c-x\n");
	term_type(fd, "part");
	KTAP_EXPECT_EQ(t, readable_now(fd), 0);                   /* no line yet */
	term_type(fd, "\n");
	KTAP_EXPECT_EQ(t, readable_now(fd), 1);
	KTAP_EXPECT_EQ(t, read_str(fd, buf, 3), 2);               /* a short buffer */
	KTAP_EXPECT_STREQ(t, buf, "pa");
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 3);
	KTAP_EXPECT_STREQ(t, buf, "rt\n");
	term_type(fd, "\x04");                                    /* ^D alone: EOF */
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 0);
	term_type(fd, "ab\x04");                                  /* after text: no NL */
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 2);
	KTAP_EXPECT_STREQ(t, buf, "ab");
}

/* Canonical reads: erase, kill, word erase, a line at a time, ^D. */
static void tty_canonical_read_erase_kill(struct ktap *t)
{
	term_case(t, canonical_body);
}

static void control_chars_body(struct ktap *t, struct term *tm, int fd)
{
	struct termios tio;
	char buf[64];
	pid_t fg;

	signal(SIGTTOU, SIG_IGN);                   /* we hand the terminal on, as a shell */
	tcgetattr(fd, &tio);
	tio.c_cc[VERASE] = '#';
	tio.c_cc[VKILL] = '@';
	tio.c_cc[VEOF] = '!';
	tio.c_cc[VINTR] = 007;                                    /* ^G */
	KTAP_ASSERT_EQ(t, tcsetattr(fd, TCSANOW, &tio), 0);
	term_type(fd, "ab#c\nxy@ok\nz!");
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 3);
	KTAP_EXPECT_STREQ(t, buf, "ac\n");
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 3);
	KTAP_EXPECT_STREQ(t, buf, "ok\n");
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 1);
	KTAP_EXPECT_STREQ(t, buf, "z");
	term_type(fd, "\x03\x7f\n");                              /* ^C and DEL: plain now */
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 3);
	KTAP_EXPECT_STREQ(t, buf, "\x03\x7f\n");
	fg = spawn_in_group(pause_forever);
	KTAP_ASSERT_EQ(t, tcsetpgrp(fd, fg), 0);
	term_type(fd, "\007");
	KTAP_EXPECT_EQ(t, status_of(fg, 0), SIGINT);             /* killed by SIGINT */
	fg = spawn_in_group(pause_until_sigquit);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status_of(fg, WUNTRACED)));
	tcsetpgrp(fd, fg);
	kill(fg, SIGCONT);
	term_type(fd, "\x1c");                                    /* ^\ */
	KTAP_EXPECT_EQ(t, status_of(fg, 0), 3 << 8);
}

/* VERASE, VKILL, VEOF and VINTR are whatever c_cc says; VQUIT sends SIGQUIT. */
static void tty_control_chars_configurable(struct ktap *t)
{
	term_case(t, control_chars_body);
}

static int type_b_late(void)
{
	sleep_ms(100);
	return term_type(TTY_FD, "b") ? 1 : 0;
}

static void set_min_time(int fd, int min, int time)
{
	struct termios tio;

	tcgetattr(fd, &tio);
	tio.c_lflag &= ~ICANON;
	tio.c_cc[VMIN] = min;
	tio.c_cc[VTIME] = time;
	tcsetattr(fd, TCSANOW, &tio);
}

static void vmin_vtime_body(struct ktap *t, struct term *tm, int fd)
{
	char buf[16];
	long start;
	pid_t typer;

	KTAP_ASSERT_EQ(t, dup2(fd, TTY_FD), TTY_FD);                        /* the typer's terminal */
	set_min_time(fd, 0, 0);                                   /* what there is: nothing */
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 0);
	set_min_time(fd, 0, 2);                                   /* 0.2 s for a first byte */
	start = now_ms();
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 0);
	KTAP_EXPECT_GE(t, now_ms() - start, 190);
	set_min_time(fd, 2, 0);                                   /* two bytes, however long */
	term_type(fd, "a");
	typer = fork();
	if (typer == 0)
		_exit(type_b_late());
	start = now_ms();
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 2);
	KTAP_EXPECT_STREQ(t, buf, "ab");
	KTAP_EXPECT_GE(t, now_ms() - start, 90);
	KTAP_EXPECT_EQ(t, status_of(typer, 0), 0);
	set_min_time(fd, 5, 3);                                   /* 0.3 s after the last */
	term_type(fd, "xy");
	start = now_ms();
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 2);
	KTAP_EXPECT_STREQ(t, buf, "xy");
	KTAP_EXPECT_GE(t, now_ms() - start, 290);
}

/* The four VMIN/VTIME cases of a non-canonical read. */
static void tty_raw_vmin_vtime(struct ktap *t)
{
	term_case(t, vmin_vtime_body);
}

static void echo_body(struct ktap *t, struct term *tm, int fd)
{
	char buf[64], screen[64];

	signal(SIGINT, SIG_IGN);                    /* we are the foreground: ^C */
	KTAP_ASSERT_EQ(t, set_lflag(fd, ECHO, 0), 0);
	term_type(fd, "ab\x7f" "c\r");
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 3);
	KTAP_EXPECT_STREQ(t, buf, "ac\n");
	if (term_screen(tm, screen, sizeof(screen), 1000) >= 0)
		KTAP_EXPECT_STREQ(t, screen, "ab\b \bc\r\n");
	term_type(fd, "x");
	if (term_screen(tm, screen, sizeof(screen), 1000) >= 0)
		KTAP_EXPECT_STREQ(t, screen, "x");
	term_type(fd, "\x03\n");           /* ^C shown as ^C (and output flushed: */
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 1);  /* so "x" is seen first) */
	KTAP_EXPECT_STREQ(t, buf, "\n");
	if (term_screen(tm, screen, sizeof(screen), 1000) >= 0)
		KTAP_EXPECT_STREQ(t, screen, "^C\r\n");
	KTAP_ASSERT_EQ(t, set_lflag(fd, 0, ECHO), 0);
	term_type(fd, "secret\n");
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 7);
	KTAP_EXPECT_STREQ(t, buf, "secret\n");
	if (term_screen(tm, screen, sizeof(screen), 200) >= 0)
		KTAP_EXPECT_STREQ(t, screen, "");
}

/* Echo on and off (what was shown: on the pseudo-terminal). */
static void tty_echo_on_off(struct ktap *t)
{
	term_case(t, echo_body);
}

static void crnl_body(struct ktap *t, struct term *tm, int fd)
{
	struct termios tio;
	char buf[16], screen[16];

	set_min_time(fd, 1, 0);
	term_type(fd, "\r");
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 1);
	KTAP_EXPECT_EQ(t, buf[0], '\n');                          /* ICRNL */
	KTAP_EXPECT_EQ(t, write(fd, "a\n", 2), 2);
	if (term_screen(tm, screen, sizeof(screen), 1000) >= 0)
		KTAP_EXPECT_STREQ(t, screen, "a\r\n");            /* ONLCR */
	tcgetattr(fd, &tio);
	tio.c_iflag &= ~ICRNL;
	tio.c_oflag &= ~ONLCR;
	tcsetattr(fd, TCSANOW, &tio);
	term_type(fd, "\r");
	KTAP_EXPECT_EQ(t, read_str(fd, buf, sizeof(buf)), 1);
	KTAP_EXPECT_EQ(t, buf[0], '\r');
	KTAP_EXPECT_EQ(t, write(fd, "b\n", 2), 2);
	if (term_screen(tm, screen, sizeof(screen), 1000) >= 0)
		KTAP_EXPECT_STREQ(t, screen, "b\n");
}

/* ICRNL on input, ONLCR on output, and without them. */
static void tty_icrnl_onlcr(struct ktap *t)
{
	term_case(t, crnl_body);
}

/* --- signals from the terminal -------------------------------------------- */

static void sigint_body(struct ktap *t, struct term *tm, int fd)
{
	pid_t fg = spawn_in_group(pause_forever), bg = spawn_in_group(pause_unless_sigint);
	int inq = -1;

	KTAP_ASSERT_GT(t, fg, 0);
	KTAP_ASSERT_GT(t, bg, 0);
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, fg), 0);
	KTAP_EXPECT_EQ(t, tcgetpgrp(fd), fg);
	set_min_time(fd, 1, 0);                     /* raw: FIONREAD counts every byte */
	term_type(fd, "typed\x03");
	KTAP_EXPECT_EQ(t, status_of(fg, 0), SIGINT);
	KTAP_EXPECT_EQ(t, waitpid(bg, NULL, WNOHANG), 0);          /* alive */
	KTAP_EXPECT_EQ(t, ioctl(fd, FIONREAD, &inq), 0);
	KTAP_EXPECT_EQ(t, inq, 0);                                /* ^C flushed "typed" */
	kill_and_wait(bg);
}

/* ^C sends SIGINT to the foreground process group, not to another. */
static void tty_sigint_to_foreground_group_only(struct ktap *t)
{
	term_case(t, sigint_body);
}

static void sigtstp_body(struct ktap *t, struct term *tm, int fd)
{
	pid_t fg = spawn_in_group(pause_forever);
	int status;

	KTAP_ASSERT_GT(t, fg, 0);
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, fg), 0);
	term_type(fd, "\x1a");                                    /* ^Z */
	status = status_of(fg, WUNTRACED);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, WSTOPSIG(status), SIGTSTP);
	kill_and_wait(fg);
}

/* ^Z stops the foreground group; WUNTRACED reports SIGTSTP. */
static void tty_sigtstp_stops_foreground(struct ktap *t)
{
	term_case(t, sigtstp_body);
}

static int read_line_then_exit(void)
{
	char buf[16];

	return read_str(TTY_FD, buf, sizeof(buf)) == 3 && !strcmp(buf, "hi\n") ? 0 : 1;
}

static int read_expecting_eio(void)
{
	char c;

	return read(TTY_FD, &c, 1) == -1 && errno == EIO ? 0 : 1;
}

static int read_ignoring_sigttin(void)
{
	signal(SIGTTIN, SIG_IGN);
	return read_expecting_eio();
}

static void sigttin_body(struct ktap *t, struct term *tm, int fd)
{
	pid_t bg;
	int status;

	signal(SIGTTOU, SIG_IGN);                   /* we hand the terminal on, as a shell */
	KTAP_ASSERT_EQ(t, dup2(fd, TTY_FD), TTY_FD);
	bg = spawn_in_group(read_line_then_exit);
	status = status_of(bg, WUNTRACED);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, WSTOPSIG(status), SIGTTIN);
	term_type(fd, "hi\n");
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, bg), 0);                  /* fg, then continue it */
	KTAP_EXPECT_EQ(t, kill(-bg, SIGCONT), 0);
	KTAP_EXPECT_EQ(t, status_of(bg, 0), 0);                   /* its read got the line */
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, getpgrp()), 0);
	bg = spawn_in_group(read_ignoring_sigttin);
	KTAP_EXPECT_EQ(t, status_of(bg, 0), 0);                   /* EIO, not a stop */
}

/* A background reader gets SIGTTIN (and reads once brought to the
 * foreground and continued); one that ignores SIGTTIN gets EIO. */
static void tty_sigttin_background_reader(struct ktap *t)
{
	term_case(t, sigttin_body);
}

static int write_newline(void)
{
	return write(TTY_FD, "\n", 1) == 1 ? 0 : 1;
}

static int write_ignoring_sigttou(void)
{
	signal(SIGTTOU, SIG_IGN);
	return write_newline();
}

static int change_settings(void)
{
	struct termios tio;

	tcgetattr(TTY_FD, &tio);
	return tcsetattr(TTY_FD, TCSANOW, &tio) ? 1 : 0;
}

/* How a background process running fn ended, or stopped (it is killed
 * then). */
static int background_status(int (*fn)(void))
{
	pid_t pid = spawn_in_group(fn);
	int status = status_of(pid, WUNTRACED);

	if (WIFSTOPPED(status))
		kill_and_wait(pid);
	return status;
}

static void sigttou_body(struct ktap *t, struct term *tm, int fd)
{
	int status;

	KTAP_ASSERT_EQ(t, dup2(fd, TTY_FD), TTY_FD);
	KTAP_EXPECT_EQ(t, background_status(write_newline), 0);  /* no TOSTOP: it writes */
	KTAP_ASSERT_EQ(t, set_lflag(fd, TOSTOP, 0), 0);
	status = background_status(write_newline);
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, WSTOPSIG(status), SIGTTOU);
	KTAP_EXPECT_EQ(t, background_status(write_ignoring_sigttou), 0);
	KTAP_ASSERT_EQ(t, set_lflag(fd, 0, TOSTOP), 0);
	status = background_status(change_settings);             /* always: SIGTTOU */
	KTAP_EXPECT_TRUE(t, WIFSTOPPED(status));
	KTAP_EXPECT_EQ(t, WSTOPSIG(status), SIGTTOU);
}

/* With TOSTOP a background writer gets SIGTTOU (unless it ignores it);
 * changing the settings from the background always does. */
static void tty_sigttou_with_tostop(struct ktap *t)
{
	term_case(t, sigttou_body);
}

/* --- orphaned process groups ---------------------------------------------- */

/* In a group of its own below a parent that exits (so the group has no
 * parent in the session left), once that parent is gone: reading the
 * terminal, writing it under TOSTOP and TIOCSPGRP fail instead of
 * stopping the process. Reports on REPORT_FD. */
static int orphan_checks(void)
{
	pid_t parent = getppid();
	char c = 0, ok;
	long end = now_ms() + 3000;

	setpgid(0, 0);
	while (getppid() == parent && now_ms() < end)
		sleep_ms(5);
	ok = read(TTY_FD, &c, 1) == -1 && errno == EIO;
	ok = ok && write(TTY_FD, "\n", 1) == -1 && errno == EIO;
	ok = ok && tcsetpgrp(TTY_FD, getpgrp()) == -1 && errno == ENOTTY;
	return write(REPORT_FD, &ok, 1) == 1 ? 0 : 1;
}

static void orphan_body(struct ktap *t, struct term *tm, int fd)
{
	int report[2];
	char ok = 0;
	pid_t middle;

	KTAP_ASSERT_EQ(t, dup2(fd, TTY_FD), TTY_FD);
	KTAP_ASSERT_EQ(t, pipe(report), 0);
	KTAP_ASSERT_EQ(t, dup2(report[1], REPORT_FD), REPORT_FD);
	KTAP_ASSERT_EQ(t, set_lflag(fd, TOSTOP, 0), 0);
	middle = fork();
	if (middle == 0) {
		if (fork() == 0)
			_exit(orphan_checks());
		_exit(0);                        /* the group's only link goes */
	}
	KTAP_EXPECT_EQ(t, status_of(middle, 0), 0);
	KTAP_EXPECT_EQ(t, read_within(report[0], &ok, 1, 5000), 1);
	KTAP_EXPECT_EQ(t, ok, 1);
}

/* A background process of an orphaned group gets EIO where another
 * would be stopped (SIGTTIN, SIGTTOU). */
static void tty_orphaned_group_gets_eio(struct ktap *t)
{
	term_case(t, orphan_body);
	reap_orphans(t, 1);
}

static void report_sighup(int sig)
{
	_exit(write(REPORT_FD, "H", 1) == 1 ? 0 : 1);
}

/* Stops, with a SIGHUP handler that says it came (REPORT_FD). */
static int stop_self(void)
{
	signal(SIGHUP, report_sighup);
	raise(SIGSTOP);
	return write(REPORT_FD, "C", 1) == 1 ? 2 : 1;       /* continued without SIGHUP */
}

/* The middle process of orphan_stopped: its child stops in a group of its
 * own; then it exits, orphaning that group. */
static int leave_stopped_child(void)
{
	pid_t child = spawn_in_group(stop_self);

	return WIFSTOPPED(status_of(child, WUNTRACED)) ? 0 : 1;
}

/* A process group that becomes orphaned while a member is stopped gets
 * SIGHUP and then SIGCONT: the member runs its SIGHUP handler. */
static void tty_orphaned_stopped_group_gets_sighup(struct ktap *t)
{
	int report[2];
	pid_t leader;
	char c = 0;

	KTAP_ASSERT_EQ(t, pipe(report), 0);
	leader = fork();
	if (leader == 0) {
		setsid();
		dup2(report[1], REPORT_FD);
		_exit(status_of(spawn_in_group(leave_stopped_child), 0) ? 1 : 0);
	}
	KTAP_ASSERT_GT(t, leader, 0);
	KTAP_EXPECT_EQ(t, status_of(leader, 0), 0);
	KTAP_EXPECT_EQ(t, read_within(report[0], &c, 1, 5000), 1);
	KTAP_EXPECT_EQ(t, c, 'H');
	close(report[0]);
	close(report[1]);
	reap_orphans(t, 1);
}

/* --- the controlling terminal ------------------------------------------- */

static const char *term_path;               /* the terminal, for children */

/* A second session's leader, on the terminal the first owns: opening it
 * does not make it ours; TIOCSCTTY without stealing is EPERM; root steals
 * it with 1. Then it tells the first (REPORT_FD) and waits for it (GO_FD). */
static int second_session(void)
{
	char go;
	int fd;

	setsid();
	fd = open(term_path, O_RDWR);
	if (fd < 0 || tcgetsid(fd) != -1 || errno != ENOTTY)
		return 1;
	if (ioctl(fd, TIOCSCTTY, 0) != -1 || errno != EPERM)
		return 2;
	if (ioctl(fd, TIOCSCTTY, 1) != 0 || !term_is_ours(fd))
		return 3;
	return write(REPORT_FD, "s", 1) == 1 && read(GO_FD, &go, 1) == 1 ? 0 : 4;
}

/* A session leader that is not root may not steal a terminal. */
static int user_cannot_steal(void)
{
	int fd;

	setsid();
	fd = open(term_path, O_RDWR | O_NOCTTY);
	if (fd < 0 || setgid(70000) || setuid(70000))
		return 1;
	return ioctl(fd, TIOCSCTTY, 1) == -1 && errno == EPERM ? 0 : 2;
}

/* Not a session leader: TIOCSCTTY is EPERM; TIOCNOTTY drops only its own. */
static int member_checks(void)
{
	if (ioctl(TTY_FD, TIOCSCTTY, 0) != -1 || errno != EPERM)
		return 1;
	if (ioctl(TTY_FD, TIOCNOTTY) != 0 || tcgetpgrp(TTY_FD) != -1 || errno != ENOTTY)
		return 2;
	return 0;
}

static int exit_0(void)
{
	return 0;
}

static void steal_body(struct ktap *t, struct term *tm, int fd)
{
	int said[2], go[2];
	pid_t gone = spawn_in_group(exit_0), s2;
	char c = 0;

	KTAP_ASSERT_EQ(t, dup2(fd, TTY_FD), TTY_FD);
	KTAP_EXPECT_EQ(t, status_of(gone, 0), 0);
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, gone), -1);              /* no such group now */
	KTAP_EXPECT_EQ(t, errno, ESRCH);
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, getpgid(getppid())), -1);  /* another session's */
	KTAP_EXPECT_EQ(t, errno, EPERM);
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, -1), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, ioctl(fd, TIOCSPGRP, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, ioctl(fd, TIOCSCTTY, 0), 0);           /* ours already */
	KTAP_EXPECT_EQ(t, status_of(spawn_in_group(member_checks), 0), 0);
	KTAP_EXPECT_TRUE(t, term_is_ours(fd));                   /* still ours */
	if (ktap_can_switch_uid())
		KTAP_EXPECT_EQ(t, status_of(spawn(user_cannot_steal), 0), 0);
	KTAP_ASSERT_EQ(t, pipe(said) | pipe(go), 0);
	KTAP_ASSERT_EQ(t, dup2(said[1], REPORT_FD), REPORT_FD);
	KTAP_ASSERT_EQ(t, dup2(go[0], GO_FD), GO_FD);
	s2 = spawn(second_session);
	KTAP_EXPECT_EQ(t, read_within(said[0], &c, 1, 5000), 1);
	KTAP_EXPECT_EQ(t, tcgetpgrp(fd), -1);                     /* stolen: not ours */
	KTAP_EXPECT_EQ(t, errno, ENOTTY);
	KTAP_EXPECT_EQ(t, tcgetsid(fd), -1);
	KTAP_EXPECT_EQ(t, write(go[1], "g", 1), 1);
	KTAP_EXPECT_EQ(t, status_of(s2, 0), 0);
}

/* TIOCSPGRP's errors (ESRCH, EPERM, EINVAL, EFAULT); TIOCSCTTY: EPERM for
 * a process that is no session leader, for a terminal another session
 * owns (unless root steals it with 1), and for a user stealing. */
static void tty_ctty_ioctl_errors(struct ktap *t)
{
	struct term tm;

	if (!term_open(t, &tm))
		return;
	term_path = tm.path;
	in_session(t, &tm, steal_body);
	term_close(&tm);
}

/* Without a controlling terminal: TIOCGPGRP, TIOCSPGRP and TIOCGSID of a
 * terminal are ENOTTY, and /dev/tty is ENXIO. */
static int no_ctty_checks(void)
{
	int fd = open(term_path, O_RDWR | O_NOCTTY);
	pid_t pgrp = getpgrp();

	if (fd < 0 || tcgetpgrp(fd) != -1 || errno != ENOTTY)
		return 1;
	if (ioctl(fd, TIOCSPGRP, &pgrp) != -1 || errno != ENOTTY)
		return 2;
	if (tcgetsid(fd) != -1 || errno != ENOTTY)
		return 3;
	return open("/dev/tty", O_RDWR) == -1 && errno == ENXIO ? 0 : 4;
}

static void notty_body(struct ktap *t, struct term *tm, int fd)
{
	pid_t fg = spawn_in_group(pause_forever);
	int dev_tty = open("/dev/tty", O_RDWR);

	KTAP_EXPECT_GE(t, dev_tty, 0);                            /* our terminal */
	KTAP_EXPECT_TRUE(t, term_is_ours(dev_tty));
	close(dev_tty);
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, fg), 0);
	KTAP_EXPECT_EQ(t, ioctl(fd, TIOCNOTTY), 0);               /* the leader lets go */
	KTAP_EXPECT_EQ(t, status_of(fg, 0), SIGHUP);              /* with SIGHUP, SIGCONT */
	KTAP_EXPECT_EQ(t, tcgetpgrp(fd), -1);
	KTAP_EXPECT_EQ(t, errno, ENOTTY);
	KTAP_EXPECT_EQ(t, open("/dev/tty", O_RDWR), -1);
	KTAP_EXPECT_EQ(t, errno, ENXIO);
	KTAP_EXPECT_EQ(t, ioctl(fd, TIOCSCTTY, 0), 0);            /* free: ours again */
	KTAP_EXPECT_TRUE(t, term_is_ours(fd));
}

/* /dev/tty is the controlling terminal; TIOCNOTTY by the session leader
 * gives it up (the foreground group gets SIGHUP); without one, the
 * terminal ioctls are ENOTTY and /dev/tty ENXIO. */
static void tty_notty_and_dev_tty(struct ktap *t)
{
	struct term tm;
	pid_t pid;

	if (!term_open(t, &tm))
		return;
	term_path = tm.path;
	in_session(t, &tm, notty_body);
	pid = fork();
	if (pid == 0) {
		setsid();                                         /* no terminal */
		_exit(no_ctty_checks());
	}
	KTAP_EXPECT_EQ(t, status_of(pid, 0), 0);
	term_close(&tm);
}

/* Says (REPORT_FD) it is ready, then waits for SIGHUP, which it reports. */
static int wait_for_sighup(void)
{
	signal(SIGHUP, report_sighup);
	write(REPORT_FD, "R", 1);
	return pause_forever();
}

static int hangup_report[2];

static void hangup_body(struct ktap *t, struct term *tm, int fd)
{
	pid_t fg;
	char c = 0;

	KTAP_ASSERT_EQ(t, dup2(hangup_report[1], REPORT_FD), REPORT_FD);
	fg = spawn_in_group(wait_for_sighup);
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, fg), 0);
	KTAP_EXPECT_EQ(t, read_within(hangup_report[0], &c, 1, 5000), 1);
	KTAP_EXPECT_EQ(t, c, 'R');
}                                            /* and the leader exits */

/* The session leader's exit: its foreground group gets SIGHUP, and the
 * terminal is free for a new session. */
static void tty_hangup_on_leader_exit(struct ktap *t)
{
	struct term tm;
	char c = 0;

	if (!term_open(t, &tm))
		return;
	KTAP_ASSERT_EQ(t, pipe(hangup_report), 0);
	in_session(t, &tm, hangup_body);
	KTAP_EXPECT_EQ(t, read_within(hangup_report[0], &c, 1, 5000), 1);
	KTAP_EXPECT_EQ(t, c, 'H');
	close(hangup_report[0]);
	close(hangup_report[1]);
	reap_orphans(t, 1);
	in_session(t, &tm, canonical_body);                       /* a new owner */
	term_close(&tm);
}

static void report_winch(int sig)
{
	write(REPORT_FD, "W", 1);
}

static int wait_for_sigwinch(void)
{
	signal(SIGWINCH, report_winch);
	write(REPORT_FD, "R", 1);
	return pause_forever();
}

static void winsize_body(struct ktap *t, struct term *tm, int fd)
{
	struct winsize ws = { 30, 100, 0, 0 }, got;
	int report[2];
	pid_t fg;
	char c = 0;

	KTAP_ASSERT_EQ(t, pipe(report), 0);
	KTAP_ASSERT_EQ(t, dup2(report[1], REPORT_FD), REPORT_FD);
	fg = spawn_in_group(wait_for_sigwinch);
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, fg), 0);
	KTAP_EXPECT_EQ(t, read_within(report[0], &c, 1, 5000), 1);
	KTAP_EXPECT_EQ(t, c, 'R');
	KTAP_EXPECT_EQ(t, ioctl(fd, TIOCSWINSZ, &ws), 0);
	KTAP_EXPECT_EQ(t, read_within(report[0], &c, 1, 5000), 1);
	KTAP_EXPECT_EQ(t, c, 'W');
	KTAP_EXPECT_EQ(t, ioctl(fd, TIOCGWINSZ, &got), 0);
	KTAP_EXPECT_EQ(t, got.ws_row, 30);
	KTAP_EXPECT_EQ(t, got.ws_col, 100);
	KTAP_EXPECT_EQ(t, ioctl(fd, TIOCSWINSZ, &ws), 0);          /* no change: no signal */
	KTAP_EXPECT_EQ(t, read_within(report[0], &c, 1, 200), 0);
	KTAP_EXPECT_EQ(t, ioctl(fd, TIOCGWINSZ, NULL), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	kill_and_wait(fg);
}

/* TIOCSWINSZ: a new size sends SIGWINCH to the foreground group. */
static void tty_winsize_and_sigwinch(struct ktap *t)
{
	term_case(t, winsize_body);
}

/* --- queues, flow, poll, settings ---------------------------------------- */

static void queues_body(struct ktap *t, struct term *tm, int fd)
{
	int inq = -1;

	term_type(fd, "abc\nde");
	KTAP_EXPECT_EQ(t, ioctl(fd, FIONREAD, &inq), 0);
	KTAP_EXPECT_EQ(t, inq, 4);                                /* whole lines only */
	KTAP_ASSERT_EQ(t, set_lflag(fd, 0, ICANON), 0);
	KTAP_EXPECT_EQ(t, ioctl(fd, FIONREAD, &inq), 0);
	KTAP_EXPECT_EQ(t, inq, 6);
	KTAP_EXPECT_EQ(t, tcflush(fd, TCIFLUSH), 0);
	KTAP_EXPECT_EQ(t, ioctl(fd, FIONREAD, &inq), 0);
	KTAP_EXPECT_EQ(t, inq, 0);
	KTAP_EXPECT_EQ(t, tcflush(fd, 7), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, fcntl(fd, F_SETFL, O_NONBLOCK), 0);
	KTAP_EXPECT_EQ(t, tcflow(fd, TCOOFF), 0);                 /* output suspended */
	KTAP_EXPECT_EQ(t, write(fd, "\n", 1), -1);
	KTAP_EXPECT_EQ(t, errno, EAGAIN);
	KTAP_EXPECT_EQ(t, tcflow(fd, TCOON), 0);
	KTAP_EXPECT_EQ(t, write(fd, "\n", 1), 1);
	KTAP_EXPECT_EQ(t, tcflow(fd, 9), -1);
	KTAP_EXPECT_EQ(t, errno, EINVAL);
	KTAP_EXPECT_EQ(t, tcdrain(fd), 0);
}

/* FIONREAD, TCFLSH, TCXONC and TCSBRK (tcdrain). */
static void tty_fionread_flush_flow(struct ktap *t)
{
	term_case(t, queues_body);
}

static int type_newline_late(void)
{
	sleep_ms(100);
	return term_type(TTY_FD, "\n") ? 1 : 0;
}

static void poll_body(struct ktap *t, struct term *tm, int fd)
{
	struct pollfd p = { fd, POLLIN | POLLOUT, 0 };
	struct timeval tv = { 0, 0 };
	fd_set in;
	long start;
	pid_t typer;

	KTAP_ASSERT_EQ(t, dup2(fd, TTY_FD), TTY_FD);
	term_type(fd, "ab");
	KTAP_EXPECT_EQ(t, poll(&p, 1, 0), 1);
	KTAP_EXPECT_EQ(t, p.revents, POLLOUT);                    /* no whole line yet */
	FD_ZERO(&in);
	FD_SET(fd, &in);
	KTAP_EXPECT_EQ(t, select(fd + 1, &in, NULL, NULL, &tv), 0);
	typer = fork();
	if (typer == 0)
		_exit(type_newline_late());
	p.events = POLLIN;
	start = now_ms();
	KTAP_EXPECT_EQ(t, poll(&p, 1, 5000), 1);                  /* woken by the line */
	KTAP_EXPECT_EQ(t, p.revents, POLLIN);
	KTAP_EXPECT_GE(t, now_ms() - start, 90);
	KTAP_EXPECT_EQ(t, status_of(typer, 0), 0);
	FD_SET(fd, &in);
	KTAP_EXPECT_EQ(t, select(fd + 1, &in, NULL, NULL, &tv), 1);
	KTAP_EXPECT_TRUE(t, FD_ISSET(fd, &in));
	tcflush(fd, TCIFLUSH);
	set_min_time(fd, 3, 0);                                   /* raw: VMIN bytes */
	term_type(fd, "12");
	KTAP_EXPECT_EQ(t, poll(&p, 1, 0), 0);
	term_type(fd, "3");
	KTAP_EXPECT_EQ(t, poll(&p, 1, 0), 1);
}

/* poll and select on the terminal: readable with a whole line (or VMIN
 * bytes in raw mode), waking when one is typed; always writable. */
static void tty_poll_and_select(struct ktap *t)
{
	term_case(t, poll_body);
}

static void settings_body(struct ktap *t, struct term *tm, int fd)
{
	struct termios tio, got;
	int inq = -1, p[2];

	KTAP_ASSERT_EQ(t, tcgetattr(fd, &tio), 0);
	tio.c_lflag = ISIG | ECHOE | NOFLSH;
	tio.c_iflag = INLCR;
	tio.c_oflag = OPOST | OCRNL;
	tio.c_cc[VMIN] = 4;
	tio.c_cc[VTIME] = 7;
	KTAP_EXPECT_EQ(t, tcsetattr(fd, TCSANOW, &tio), 0);
	KTAP_EXPECT_EQ(t, tcgetattr(fd, &got), 0);
	KTAP_EXPECT_EQ(t, got.c_lflag, tio.c_lflag);
	KTAP_EXPECT_EQ(t, got.c_iflag, tio.c_iflag);
	KTAP_EXPECT_EQ(t, got.c_oflag, tio.c_oflag);
	KTAP_EXPECT_EQ(t, got.c_cc[VMIN], 4);
	KTAP_EXPECT_EQ(t, got.c_cc[VTIME], 7);
	term_type(fd, "junk");
	KTAP_EXPECT_EQ(t, tcsetattr(fd, TCSAFLUSH, &tio), 0);     /* TCSETSF: input goes */
	KTAP_EXPECT_EQ(t, ioctl(fd, FIONREAD, &inq), 0);
	KTAP_EXPECT_EQ(t, inq, 0);
	KTAP_EXPECT_EQ(t, ioctl(fd, TCGETS, (void *)8), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_EXPECT_EQ(t, ioctl(fd, TCSETS, (void *)8), -1);
	KTAP_EXPECT_EQ(t, errno, EFAULT);
	KTAP_ASSERT_EQ(t, pipe(p), 0);
	KTAP_EXPECT_EQ(t, isatty(p[0]), 0);                       /* a pipe is no terminal */
	KTAP_EXPECT_EQ(t, errno, ENOTTY);
	KTAP_EXPECT_EQ(t, isatty(fd), 1);
}

/* TCSETS/TCGETS keep what was set; TCSETSF flushes input; EFAULT; a pipe
 * is no terminal (ENOTTY). */
static void tty_settings_roundtrip(struct ktap *t)
{
	term_case(t, settings_body);
}

/* --- /proc/<pid>/stat ----------------------------------------------------- */

/* Fields 7 and 8 (tty_nr, tpgid) of this thread's stat line (the file
 * qemu-i386 passes through): 0, or -1 when /proc cannot say. */
static int stat_tty_fields(long *tty_nr, long *tpgid)
{
	char path[64], line[1024], *p;
	int fd, n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", gettid());
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read_str(fd, line, sizeof(line));
	close(fd);
	p = n > 0 ? strrchr(line, ')') : NULL;
	if (!p || strlen(p) < 4)
		return -1;
	p += 3;                                       /* past ") " and the state */
	for (int field = 4; field <= 6; field++)      /* ppid, pgrp, session */
		strtol(p, &p, 10);
	*tty_nr = strtol(p, &p, 10);
	*tpgid = strtol(p, &p, 10);
	return *p == ' ' ? 0 : -1;
}

/* The session's terminal in stat: its device number (stat's st_rdev,
 * the same encoding) and its foreground group, which follows tcsetpgrp. */
static void stat_tty_body(struct ktap *t, struct term *tm, int fd)
{
	pid_t fg = spawn_in_group(pause_forever);
	struct stat64 st;
	long tty_nr, tpgid;

	KTAP_ASSERT_EQ(t, fstat(fd, &st), 0);
	KTAP_ASSERT_EQ(t, stat_tty_fields(&tty_nr, &tpgid), 0);
	KTAP_EXPECT_NE(t, tty_nr, 0);
	KTAP_EXPECT_EQ(t, tty_nr, (long)st.st_rdev);
	KTAP_EXPECT_EQ(t, tpgid, getpgrp());
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, fg), 0);
	KTAP_ASSERT_EQ(t, stat_tty_fields(&tty_nr, &tpgid), 0);
	KTAP_EXPECT_EQ(t, tpgid, fg);
	signal(SIGTTOU, SIG_IGN);                                 /* take it back */
	KTAP_EXPECT_EQ(t, tcsetpgrp(fd, getpgrp()), 0);
	signal(SIGTTOU, SIG_DFL);
	kill_and_wait(fg);
}

/* Without a controlling terminal: tty_nr 0 and tpgid -1, as Linux. */
static int stat_no_tty(void)
{
	long tty_nr, tpgid;

	setsid();
	if (stat_tty_fields(&tty_nr, &tpgid))
		return 1;
	return tty_nr == 0 && tpgid == -1 ? 0 : 2;
}

static void tty_stat_names_terminal_and_group(struct ktap *t)
{
	pid_t pid;

	term_case(t, stat_tty_body);
	pid = fork();
	if (pid == 0)
		_exit(stat_no_tty());
	KTAP_EXPECT_EQ(t, status_of(pid, 0), 0);
}

static const struct ktap_case cases[] = {
	KTAP_CASE(tty_canonical_read_erase_kill),
	KTAP_CASE(tty_control_chars_configurable),
	KTAP_CASE(tty_raw_vmin_vtime),
	KTAP_CASE(tty_echo_on_off),
	KTAP_CASE(tty_icrnl_onlcr),
	KTAP_CASE(tty_sigint_to_foreground_group_only),
	KTAP_CASE(tty_sigtstp_stops_foreground),
	KTAP_CASE(tty_sigttin_background_reader),
	KTAP_CASE(tty_sigttou_with_tostop),
	KTAP_CASE(tty_orphaned_group_gets_eio),
	KTAP_CASE(tty_orphaned_stopped_group_gets_sighup),
	KTAP_CASE(tty_ctty_ioctl_errors),
	KTAP_CASE(tty_notty_and_dev_tty),
	KTAP_CASE(tty_hangup_on_leader_exit),
	KTAP_CASE(tty_winsize_and_sigwinch),
	KTAP_CASE(tty_fionread_flush_flow),
	KTAP_CASE(tty_poll_and_select),
	KTAP_CASE(tty_settings_roundtrip),
	KTAP_CASE(tty_stat_names_terminal_and_group),
	{}
};

int main(void)
{
	subreaper = prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
	return ktap_run_suite("tty", cases);
}
