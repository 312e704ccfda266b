/* include/tty.h: terminals (drivers/tty/), after Linux's tty layer.
 *
 * A tty_struct is one terminal: its termios, window size, the session it
 * controls and that session's foreground process group, the open files on
 * it and the line discipline's state. Three layers, as in Linux:
 *
 *   tty_io.c       the core: open/read/write/ioctl/poll/release of a tty
 *                  file, hangup; tty_dev.c maps device numbers to ttys
 *                  (/dev/tty is the caller's controlling terminal,
 *                  /dev/console the console's tty, /dev/ttyS0 the UART)
 *   n_tty.c        the line discipline: canonical editing, echo, the
 *                  signal characters, flow control, VMIN/VTIME reads and
 *                  output processing (OPOST)
 *   a driver       moves bytes to and from the hardware (serial_console.c:
 *                  the 16550 UART; tests register drivers of their own)
 *
 * tty_jobctrl.c has job control: the controlling terminal of a session
 * (acquired by a session leader that opens a tty without O_NOCTTY, or by
 * TIOCSCTTY), the foreground process group (TIOCSPGRP), SIGTTIN/SIGTTOU
 * for background readers and writers, and the hangup when the session
 * leader exits; tty_ioctl.c the termios ioctls.
 *
 * Locking (include/lock_order.h), as Linux's split: tty_mutex (sleeping,
 * one for all ttys) serializes open, release and hangup, and guards each
 * tty's count and tty_files and a session's acquiring of a terminal;
 * tty->ctrl_lock (a spinlock) guards session and pgrp, written together
 * and read alone with READ_ONCE; ldisc_mutex the line discipline (below).
 * A process's signal->tty changes under its siglock. Every change to a
 * tty is made in process context (the UART's interrupt only queues bytes;
 * the kttyd thread hands them to the line discipline), so nothing but the
 * wait queues needs interrupts off. */
#ifndef TASKLAB_TTY_H
#define TASKLAB_TTY_H

#include <types.h>
#include <list.h>
#include <wait.h>
#include <mutex.h>
#include <spinlock.h>
#include <poll.h>
#include <uapi/asm/termbits.h>
#include <uapi/asm/ioctls.h>

#include <fs.h>         /* dev_t */

#define TTY_MAJOR    4          /* the serial ports: ttyS0 is 4:64 */

/* Open, release and hangup of every tty, and a terminal's acquiring by a
 * session (tty_io.c). */
extern struct mutex tty_mutex;
#define TTYAUX_MAJOR 5          /* /dev/console is 5:1, as on Linux */
struct file;
struct iov_iter;
struct poll_table_struct;
struct task_struct;
struct tty_struct;

/* What a driver does for the core (every operation may be NULL but write). */
struct tty_operations {
	/* Send n bytes to the device; returns how many it took. */
	int (*write)(struct tty_struct *tty, const unsigned char *buf, int n);
	/* The first open and the last close of the tty. */
	int (*open)(struct tty_struct *tty);
	void (*close)(struct tty_struct *tty);
	/* The line discipline has room again: deliver held-back input. */
	void (*unthrottle)(struct tty_struct *tty);
};

/* A driver of one tty (Tasklab's drivers have one device each). */
struct tty_driver {
	const char *name;                 /* the tty's name, e.g. "ttyS0" */
	dev_t dev;                        /* its device number */
	const struct tty_operations *ops;
	struct termios init_termios;      /* the settings of a new tty */
	struct tty_struct *tty;           /* made by tty_register_driver */
	struct list_head list;
};

/* The line discipline's input state (n_tty.c). Indexes run free and are
 * taken modulo N_TTY_BUF_SIZE: read_tail..canon_head is input a read may
 * take (in canonical mode, whole lines; a bit in read_flags marks each
 * line's end), canon_head..read_head the line being edited. In
 * non-canonical mode canon_head is not used and all input is readable. */
#define N_TTY_BUF_SIZE 4096
struct n_tty_data {
	unsigned char read_buf[N_TTY_BUF_SIZE];
	unsigned long read_flags[N_TTY_BUF_SIZE / 32];
	size_t read_head, canon_head, read_tail;
	bool icanon;                      /* the mode the buffer is kept in */
	bool lnext;                       /* the next byte is taken literally */
	bool push;                        /* canon_head was set by a mode change */
	unsigned int column, canon_column;/* output column; where the line began */
};

/* ldisc_mutex (a sleeping lock: the reader copies out under it, so a user
 * page may fault) guards the line discipline: ldata, termios and the output
 * column, taken at n_tty's entry points (receive, read's copy, write's
 * output, termios changes, flush, FIONREAD). The wait queues have their
 * own locks; count and tty_files are tty_mutex's, session and pgrp
 * ctrl_lock's (above). */
struct tty_struct {
	struct mutex ldisc_mutex;
	spinlock_t ctrl_lock;             /* session, pgrp */
	struct tty_driver *driver;
	const struct tty_operations *ops;
	const char *name;
	struct termios termios;
	struct winsize winsize;
	int count;                        /* open files on it */
	pid_t session;                    /* the session it controls, 0: none */
	pid_t pgrp;                       /* that session's foreground group, 0: none */
	struct {
		bool stopped;             /* ^S (IXON) or TCOOFF: writers wait */
		bool tco_stopped;         /* stopped by TCOOFF (only TCOON restarts) */
	} flow;
	struct list_head tty_files;       /* tty_file_private of each open file */
	struct wait_queue_head read_wait, write_wait;
	struct n_tty_data ldata;
};

/* file->private_data of an open tty file. */
struct tty_file_private {
	struct tty_struct *tty;
	struct file *file;
	struct list_head list;            /* in tty->tty_files */
	bool console;                     /* opened as /dev/console: never hung up */
};

/* termios shorthands, as Linux's */
#define I_FLAG(tty, f) ((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f) ((tty)->termios.c_oflag & (f))
#define L_FLAG(tty, f) ((tty)->termios.c_lflag & (f))
#define TTY_CHAR(tty, i) ((tty)->termios.c_cc[i])

/* --- tty_io.c ----------------------------------------------------------- */
/* Make drv's tty (with drv->init_termios); 0 or -ENOMEM / -EBUSY. */
int tty_register_driver(struct tty_driver *drv);
/* Take drv's tty away: every session loses it; open files must be closed. */
void tty_unregister_driver(struct tty_driver *drv);
/* The tty of a device number (its driver's), or NULL. */
struct tty_struct *tty_lookup(dev_t dev);
extern const struct file_operations tty_fops;
/* The tty behind an open tty file, or NULL for any other file. */
struct tty_struct *file_tty(struct file *f);
bool tty_hung_up_p(struct file *f);
/* Hang up tty: its files (but /dev/console's) read 0 and write EIO, the
 * session loses it; exit_session: the foreground group gets SIGHUP. */
void __tty_hangup(struct tty_struct *tty, bool exit_session);
void tty_vhangup_session(struct tty_struct *tty);
void stop_tty(struct tty_struct *tty);
void start_tty(struct tty_struct *tty);
/* Send n bytes through the driver (no output processing). */
void tty_put_chars(struct tty_struct *tty, const unsigned char *buf, int n);
/* The driver registrations and /dev nodes (boot, after the initramfs). */
void tty_init(void);
/* A controlling terminal's device number (0: none), for /proc's tty_nr. */
static inline dev_t tty_devnum(const struct tty_struct *tty)
{
	return tty ? tty->driver->dev : 0;
}
/* The standard settings (Linux's tty_std_termios). */
extern const struct termios tty_std_termios;

/* --- tty_dev.c ---------------------------------------------------------- */
/* The tty a device number opens: /dev/tty (5:0) the caller's controlling
 * terminal, /dev/console (5:1) the console's tty, any other a driver's;
 * ERR_PTR(-ENXIO) when there is none. */
struct tty_struct *tty_lookup_device(dev_t dev);
/* /dev/tty and /dev/console: opening them never acquires a terminal. */
bool tty_dev_is_indirect(dev_t dev);
bool tty_dev_is_console(dev_t dev);

/* --- tty_ioctl.c -------------------------------------------------------- */
long tty_mode_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		    unsigned long arg);
/* Install new settings (TCSETS and the like): the line discipline is told. */
void tty_set_termios(struct tty_struct *tty, const struct termios *new);

/* --- tty_jobctrl.c ------------------------------------------------------ */
/* May current act on tty as a reader (SIGTTIN) or writer or changer of its
 * settings (SIGTTOU)? 0, -EIO (orphaned group, or SIGTTIN ignored), or
 * -ERESTARTSYS after the signal was sent to current's process group. */
int __tty_check_change(struct tty_struct *tty, int sig);
/* tty's foreground group now (0: none): one word, read without the lock. */
static inline pid_t tty_get_pgrp(const struct tty_struct *tty)
{
	return READ_ONCE(tty->pgrp);
}
int tty_check_change(struct tty_struct *tty);
/* A session leader opening tty (not O_NOCTTY, not /dev/tty or
 * /dev/console) makes it its controlling terminal if neither has one. */
void tty_open_proc_set_tty(struct file *file, struct tty_struct *tty);
struct tty_struct *get_current_tty(void);
/* Every process of session sid loses its controlling terminal. */
void session_clear_tty(pid_t sid);
/* tty controls no session now (session and pgrp 0, under ctrl_lock). */
void tty_clear_session(struct tty_struct *tty);
/* Signal a hangup to tty's session: leaders get SIGHUP and SIGCONT,
 * everyone loses the terminal; exit_session: its foreground group SIGHUP. */
void tty_signal_session_leader(struct tty_struct *tty, bool exit_session);
/* The calling session leader gives up its terminal (on_exit: it exits,
 * and the terminal is hung up; else TIOCNOTTY: the foreground group gets
 * SIGHUP and SIGCONT). */
void disassociate_ctty(bool on_exit);
/* p's process drops its controlling terminal (setsid, TIOCNOTTY). */
void proc_clear_tty(struct task_struct *p);
/* TIOCSCTTY, TIOCNOTTY, TIOCGPGRP, TIOCSPGRP, TIOCGSID; -ENOIOCTLCMD
 * for any other command. */
long tty_jobctrl_ioctl(struct tty_struct *tty, struct file *file, unsigned int cmd,
		       unsigned long arg);

/* --- n_tty.c ------------------------------------------------------------ */
void n_tty_open(struct tty_struct *tty);
/* Input from the driver (or TIOCSTI): edited, echoed, signals sent. */
void n_tty_receive_buf(struct tty_struct *tty, const unsigned char *buf, size_t n);
/* How many bytes the line discipline can take now (0: hold them back). */
size_t n_tty_receive_room(struct tty_struct *tty);
ssize_t n_tty_read(struct tty_struct *tty, struct file *file, struct iov_iter *to);
ssize_t n_tty_write(struct tty_struct *tty, struct file *file, struct iov_iter *from);
__poll_t n_tty_poll(struct tty_struct *tty, struct file *file,
			struct poll_table_struct *wait);
/* The settings changed (old: what they were). */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *old);
/* Forget all input (TCIFLUSH, a signal character, a hangup). */
void n_tty_flush_input(struct tty_struct *tty);
/* Bytes a read could take now (FIONREAD). */
unsigned int n_tty_inq(struct tty_struct *tty);
/* Wake readers and writers (a hangup). */
void n_tty_hangup(struct tty_struct *tty);

/* --- serial_console.c ---------------------------------------------------- */
/* The UART's tty (ttyS0), also the console's. */
extern struct tty_driver serial_driver;
/* Register it (tty_init): 0 or -errno. */
int serial_console_register(void);
/* Start kttyd, which hands received bytes to the line discipline (once
 * kthreadd runs). */
void serial_console_start(void);

#endif
