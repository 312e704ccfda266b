/* include/tty.h: the console terminal. A line discipline (kernel/n_tty.c,
 * after Linux's n_tty in canonical mode) turns received characters into
 * lines: it echoes what is typed, erases on backspace (DEL or ^H) and the
 * whole line on ^U, ends a line on Enter (CR becomes NL), and ^D at the
 * start of a line is end of file (a read returns 0). A read returns at
 * most one line. kernel/tty.c puts it behind /dev/console (character
 * device 5:1), reading from and writing to the serial port. */
#ifndef TASKLAB_TTY_H
#define TASKLAB_TTY_H

#include <types.h>

#define TTYAUX_MAJOR 5          /* /dev/console is 5:1, as on Linux */
#define N_TTY_LINE 256          /* longest line being typed; more is not taken */
#define N_TTY_READY 1024        /* completed input waiting to be read */

struct iov_iter;

struct n_tty {
	char line[N_TTY_LINE];  /* the line being edited */
	unsigned int len;
	char ready[N_TTY_READY];        /* completed lines, ending in \n or ^D (NUL) */
	unsigned int ready_len;
	void (*echo)(const char *s, size_t n);
};

/* Take one received character (echoing through ldisc->echo). */
void n_tty_receive_char(struct n_tty *ldisc, char c);
/* Copy at most one completed line into `to`: its bytes, 0 for a ^D end of
 * file, -EAGAIN if no line is complete yet, -EFAULT. */
long n_tty_read(struct n_tty *ldisc, struct iov_iter *to);

/* The console's line discipline, and the driver registration (boot). */
extern struct n_tty console_ldisc;
void tty_init(void);
/* Sleep until the serial interrupt received a byte after `seen` (its
 * serial_rx_count), or the task is killed. */
void tty_wait_input(unsigned long seen);

#endif
