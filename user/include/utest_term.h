/* user/include/utest_term.h: the terminal the tty tests use
 * (user/lib/utest_term.c). On Tasklab it is the console's UART, ttyS0;
 * under qemu-i386 on a Linux host, a new pseudo-terminal, whose master
 * side also shows what the terminal printed (the echo, the output
 * processing). Input is typed with TIOCSTI, one byte at a time into the
 * line discipline, on both. Cases run as the leader of a new session that
 * has the terminal as its controlling terminal (in_session); the program
 * is a child subreaper, so the processes a case orphans come back to it
 * to be waited for (reap_stray). */
#ifndef _TL_UTEST_TERM_H
#define _TL_UTEST_TERM_H

#include <ktap.h>
#include <stdbool.h>
#include <sys/types.h>
#include <termios.h>

struct term {
	int master;               /* the pty's master, or -1 (Tasklab) */
	char path[32];            /* /dev/pts/N, or /dev/ttyS0 */
	struct termios saved;     /* the settings to restore at the end */
	struct winsize saved_ws;
};

/* The terminal for one case, with the standard settings (std_termios)
 * but without ECHO (on Tasklab it would print on the console); false when
 * there is none (the case is skipped: only under qemu-i386). */
bool term_open(struct ktap *t, struct term *tm);
/* Its settings back, its input flushed, the master closed. */
void term_close(struct term *tm);
/* The standard settings of a new terminal (Linux's tty_std_termios). */
void std_termios(struct termios *tio);
/* Change the local modes of fd's terminal: 0 or -1. */
int set_lflag(int fd, tcflag_t on, tcflag_t off);
/* Type s into fd's terminal (TIOCSTI): 0, or -1 with errno. */
int term_type(int fd, const char *s);
/* What the terminal printed since the last call (pty only), up to size -
 * 1 bytes, waiting up to wait_ms for the first; its length, or -1 on
 * Tasklab (the UART has no other side to read). */
int term_screen(struct term *tm, char *buf, int size, int wait_ms);
/* Does fd's terminal control our session (TIOCGSID says our session)?
 * qemu-i386 7.2 does not copy TIOCGSID's answer out (it returns 0 and
 * leaves the buffer alone): under it, TIOCGPGRP succeeding (only on a
 * controlling terminal) stands in. */
bool term_is_ours(int fd);
/* Run fn(t, tm, fd) in a child that leads a new session and opens the
 * terminal (fd), which becomes its controlling terminal; the case fails
 * if anything in the child did. */
void in_session(struct ktap *t, struct term *tm,
		void (*fn)(struct ktap *t, struct term *tm, int fd));
/* A child in a process group of its own running fn, its exit status its
 * value; the caller's setpgid too, so the group exists on return. */
pid_t spawn_in_group(int (*fn)(void));
/* Wait up to ms for an orphan that came to us: its pid (and status), or
 * -1 if none ended in time. */
pid_t reap_stray(int *status, int ms);
/* Bytes from fd within ms, for a pipe a process writes its report to. */
int read_within(int fd, char *buf, int size, int ms);

#endif
