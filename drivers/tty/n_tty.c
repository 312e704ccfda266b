/* drivers/tty/n_tty.c: the line discipline (Linux's N_TTY), between a
 * tty's driver and its readers and writers.
 *
 * Input (n_tty_receive_buf, from the driver or TIOCSTI) goes into a 4 KiB
 * ring (struct n_tty_data in include/tty.h). Each byte is first taken
 * apart as the termios says: ISTRIP; flow control (IXON: ^S stops output,
 * ^Q or with IXANY any byte restarts it); the signal characters (ISIG:
 * VINTR, VQUIT, VSUSP send SIGINT, SIGQUIT, SIGTSTP to the foreground
 * process group and, unless NOFLSH, throw away pending input); CR and NL
 * translation (IGNCR, ICRNL, INLCR); in canonical mode (ICANON) the
 * editing characters (VERASE, VKILL, with IEXTEN VWERASE, VLNEXT, VREPRINT)
 * and the line ends (NL, VEOL, VEOL2, and VEOF, which ends a line without
 * a byte of its own: alone, it is a read of 0, end of file). A byte with a
 * value of 0 (_POSIX_VDISABLE) in c_cc never matches.
 *
 * Echo (ECHO) goes out as the byte is taken, through the same output
 * processing as written data: ECHOCTL shows control characters as ^X
 * (^C for VINTR), ECHOE erases with "\b \b", ECHOK/ECHOKE decide how a
 * VKILL looks, ECHONL echoes NL even without ECHO.
 *
 * Reads: in canonical mode a read returns at most one line (or the part
 * of it the buffer holds); otherwise VMIN and VTIME decide, as POSIX
 * says: MIN > 0, TIME 0 waits for MIN bytes; MIN 0, TIME 0 returns what
 * there is; MIN 0, TIME > 0 waits up to TIME tenths for one byte; MIN > 0,
 * TIME > 0 waits for the first byte, then returns when MIN have come or
 * TIME passed between two. Writes go through OPOST processing (ONLCR,
 * OCRNL, ONOCR, ONLRET, OLCUC, XTABS), waiting while output is stopped.
 * The Linux code is the model; ECHOPRT, PARMRK, IUCLC and packet mode
 * are not done. */
#include <kernel.h>
#include <ctype.h>
#include <errno.h>
#include <fs.h>
#include <poll.h>
#include <sched.h>
#include <sched/signal.h>
#include <timer.h>
#include <tty.h>
#include <uio.h>
#include <uapi/linux/fcntl.h>

#define MASK(x) ((x) & (N_TTY_BUF_SIZE - 1))
#define DISABLED_CHAR '\0'         /* _POSIX_VDISABLE; in read_buf: an EOF */

static size_t read_cnt(const struct n_tty_data *l) { return l->read_head - l->read_tail; }
static unsigned char read_buf(const struct n_tty_data *l, size_t i) { return l->read_buf[MASK(i)]; }

static void set_line_end(struct n_tty_data *l, size_t i)
{
	l->read_flags[MASK(i) / 32] |= 1UL << (MASK(i) % 32);
}

static void clear_line_end(struct n_tty_data *l, size_t i)
{
	l->read_flags[MASK(i) / 32] &= ~(1UL << (MASK(i) % 32));
}

static bool is_line_end(const struct n_tty_data *l, size_t i)
{
	return l->read_flags[MASK(i) / 32] & (1UL << (MASK(i) % 32));
}

/* Is c the control character at index i (never when either is 0)? */
static bool is_char(const struct tty_struct *tty, int i, unsigned char c)
{
	return c != DISABLED_CHAR && TTY_CHAR(tty, i) == c;
}

/* --- output ------------------------------------------------------------- */

/* OPOST's NL: ONLCR sends CR NL; ONLRET makes NL a carriage return. */
static void output_nl(struct tty_struct *tty)
{
	struct n_tty_data *l = &tty->ldata;

	if (O_FLAG(tty, ONLRET))
		l->column = 0;
	if (O_FLAG(tty, ONLCR)) {
		l->canon_column = l->column = 0;
		tty_put_chars(tty, (const unsigned char *)"\r\n", 2);
		return;
	}
	l->canon_column = l->column;
	tty_put_chars(tty, (const unsigned char *)"\n", 1);
}

/* OPOST's CR: dropped at column 0 under ONOCR; sent as NL under OCRNL. */
static void output_cr(struct tty_struct *tty)
{
	struct n_tty_data *l = &tty->ldata;

	if (O_FLAG(tty, ONOCR) && l->column == 0)
		return;
	if (O_FLAG(tty, OCRNL)) {
		if (O_FLAG(tty, ONLRET))
			l->canon_column = l->column = 0;
		tty_put_chars(tty, (const unsigned char *)"\n", 1);
		return;
	}
	l->canon_column = l->column = 0;
	tty_put_chars(tty, (const unsigned char *)"\r", 1);
}

/* OPOST's TAB: to the next multiple of 8, as spaces under XTABS. */
static void output_tab(struct tty_struct *tty)
{
	static const unsigned char spaces[8] = "        ";
	int n = 8 - (tty->ldata.column & 7);

	tty->ldata.column += n;
	if ((tty->termios.c_oflag & TABDLY) == XTABS)
		tty_put_chars(tty, spaces, n);
	else
		tty_put_chars(tty, (const unsigned char *)"\t", 1);
}

/* One byte out with OPOST processing, keeping ldata.column (Linux's
 * do_output_char). */
static void do_output_char(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *l = &tty->ldata;

	if (!O_FLAG(tty, OPOST)) {
		tty_put_chars(tty, &c, 1);
		return;
	}
	switch (c) {
	case '\n':
		output_nl(tty);
		return;
	case '\r':
		output_cr(tty);
		return;
	case '\t':
		output_tab(tty);
		return;
	case '\b':
		if (l->column > 0)
			l->column--;
		break;
	default:
		if (!iscntrl(c)) {
			if (O_FLAG(tty, OLCUC))
				c = toupper(c);
			l->column++;
		}
	}
	tty_put_chars(tty, &c, 1);
}

/* Written data: runs of ordinary bytes go to the driver in one call. */
static void do_output_block(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	size_t i = 0, run;

	while (i < n) {
		for (run = 0; O_FLAG(tty, OPOST) && i + run < n; run++) {
			unsigned char c = buf[i + run];

			if (iscntrl(c) || (O_FLAG(tty, OLCUC) && islower(c)))
				break;
		}
		if (run) {
			tty->ldata.column += run;
			tty_put_chars(tty, buf + i, (int)run);
			i += run;
		} else {
			do_output_char(tty, buf[i++]);
		}
	}
}

/* Echo c as typed: a control character as ^X under ECHOCTL (not TAB). */
static void echo_char(struct tty_struct *tty, unsigned char c)
{
	unsigned char caret[2] = { '^', c ^ 0100 };

	if (L_FLAG(tty, ECHOCTL) && iscntrl(c) && c != '\t') {
		tty_put_chars(tty, caret, 2);
		tty->ldata.column += 2;
	} else {
		do_output_char(tty, c);
	}
}

static void echo_erase_one(struct tty_struct *tty)
{
	do_output_char(tty, '\b');
	do_output_char(tty, ' ');
	do_output_char(tty, '\b');
}

/* Record where a line's echo starts (to erase tabs later). */
static void echo_set_canon_col(struct tty_struct *tty)
{
	if (tty->ldata.canon_head == tty->ldata.read_head)
		tty->ldata.canon_column = tty->ldata.column;
}

/* --- input -------------------------------------------------------------- */

/* Put c at read_head: false when the ring is full. A line as long as the
 * ring (nothing else in it) still takes bytes, each replacing its last
 * one, so that NL can always end it (as Linux). */
static bool put_tty_queue(struct n_tty_data *l, unsigned char c)
{
	if (read_cnt(l) >= N_TTY_BUF_SIZE - 1) {
		if (!l->icanon || l->canon_head != l->read_tail || l->read_head == l->canon_head)
			return false;
		l->read_head--;
	}
	l->read_buf[MASK(l->read_head)] = c;
	l->read_head++;
	return true;
}

size_t n_tty_receive_room(struct tty_struct *tty)
{
	struct n_tty_data *l = &tty->ldata;
	size_t left = N_TTY_BUF_SIZE - 1 - read_cnt(l);

	if (left)
		return left;
	return l->icanon && l->canon_head == l->read_tail;
}

static void __n_tty_flush_input(struct tty_struct *tty);

void n_tty_flush_input(struct tty_struct *tty)
{
	mutex_lock(&tty->ldisc_mutex);
	__n_tty_flush_input(tty);
	mutex_unlock(&tty->ldisc_mutex);
}

/* ldisc_mutex held. */
static void __n_tty_flush_input(struct tty_struct *tty)
{
	struct n_tty_data *l = &tty->ldata;

	l->read_head = l->canon_head = l->read_tail = 0;
	memset(l->read_flags, 0, sizeof(l->read_flags));
	l->lnext = l->push = false;
	if (tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
}

/* The columns the characters since the line start or the previous tab
 * take, to know how far back an erased TAB reaches (Linux's eraser). */
static unsigned int tab_erase_columns(struct tty_struct *tty)
{
	struct n_tty_data *l = &tty->ldata;
	unsigned int cols = 0;
	size_t i = l->read_head;

	while (i != l->canon_head) {
		unsigned char c = read_buf(l, --i);

		if (c == '\t')
			return 8 - (cols & 7);
		if (!iscntrl(c))
			cols++;
		else if (L_FLAG(tty, ECHOCTL))
			cols += 2;
	}
	return 8 - ((cols + l->canon_column) & 7);
}

/* The echo of erasing c, the last byte of the line. */
static void echo_erase(struct tty_struct *tty, unsigned char c, bool erase_char)
{
	if (erase_char && !L_FLAG(tty, ECHOE)) {
		echo_char(tty, TTY_CHAR(tty, VERASE));
	} else if (c == '\t') {
		for (unsigned int n = tab_erase_columns(tty); n; n--)
			do_output_char(tty, '\b');
	} else {
		if (iscntrl(c) && L_FLAG(tty, ECHOCTL))
			echo_erase_one(tty);
		if (!iscntrl(c) || L_FLAG(tty, ECHOCTL))
			echo_erase_one(tty);
	}
}

/* VERASE, VWERASE and VKILL on the line being edited. */
static void eraser(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *l = &tty->ldata;
	bool erase = is_char(tty, VERASE, c), werase = !erase && is_char(tty, VWERASE, c);
	int seen_alnums = 0;

	if (l->read_head == l->canon_head)
		return;
	if (!erase && !werase) {                        /* VKILL */
		if (!L_FLAG(tty, ECHO)) {
			l->read_head = l->canon_head;
			return;
		}
		if (!L_FLAG(tty, ECHOK) || !L_FLAG(tty, ECHOKE) || !L_FLAG(tty, ECHOE)) {
			l->read_head = l->canon_head;
			echo_char(tty, c);
			if (L_FLAG(tty, ECHOK))
				do_output_char(tty, '\n');
			return;
		}
	}
	while (l->read_head != l->canon_head) {
		unsigned char last = read_buf(l, l->read_head - 1);

		if (werase) {                           /* a word: alnums and _ */
			if (isalnum(last) || last == '_')
				seen_alnums++;
			else if (seen_alnums)
				break;
		}
		l->read_head--;                 /* first: a TAB counts what is before it */
		if (L_FLAG(tty, ECHO))
			echo_erase(tty, last, erase);
		if (erase)
			break;
	}
}

/* A line ends at c (NL, VEOL, VEOL2, or an EOF as DISABLED_CHAR): readers
 * may take it. */
static void receive_line_end(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *l = &tty->ldata;

	if (!put_tty_queue(l, c))
		return;
	set_line_end(l, l->read_head - 1);
	l->canon_head = l->read_head;
	wake_up_all(&tty->read_wait);
}

/* An ordinary byte: echoed and queued. */
static void receive_plain(struct tty_struct *tty, unsigned char c)
{
	if (L_FLAG(tty, ECHO)) {
		echo_set_canon_col(tty);
		echo_char(tty, c);
	}
	put_tty_queue(&tty->ldata, c);
}

/* ISIG: signal the foreground group, flush input unless NOFLSH, echo. */
static void receive_signal_char(struct tty_struct *tty, int sig, unsigned char c)
{
	pid_t pgrp = tty_get_pgrp(tty);

	if (!L_FLAG(tty, NOFLSH))
		__n_tty_flush_input(tty);
	if (pgrp)
		kill_pgrp(pgrp, sig, 1);
	if (I_FLAG(tty, IXON))
		start_tty(tty);
	if (L_FLAG(tty, ECHO))
		echo_char(tty, c);
}

/* VREPRINT: the line so far again, on a line of its own. */
static void reprint_line(struct tty_struct *tty, unsigned char c)
{
	struct n_tty_data *l = &tty->ldata;

	echo_char(tty, c);
	do_output_char(tty, '\n');
	for (size_t i = l->canon_head; i != l->read_head; i++)
		echo_char(tty, read_buf(l, i));
}

/* The canonical-mode characters; false if c is not one of them. */
static bool receive_canon_char(struct tty_struct *tty, unsigned char c)
{
	bool iexten = L_FLAG(tty, IEXTEN);

	if (is_char(tty, VERASE, c) || is_char(tty, VKILL, c) ||
	    (iexten && is_char(tty, VWERASE, c))) {
		eraser(tty, c);
	} else if (iexten && is_char(tty, VLNEXT, c)) {
		tty->ldata.lnext = true;
		if (L_FLAG(tty, ECHO) && L_FLAG(tty, ECHOCTL))
			tty_put_chars(tty, (const unsigned char *)"^\b", 2);
	} else if (iexten && L_FLAG(tty, ECHO) && is_char(tty, VREPRINT, c)) {
		reprint_line(tty, c);
	} else if (c == '\n') {
		if (L_FLAG(tty, ECHO) || L_FLAG(tty, ECHONL))
			do_output_char(tty, '\n');
		receive_line_end(tty, c);
	} else if (is_char(tty, VEOF, c)) {
		receive_line_end(tty, DISABLED_CHAR);
	} else if (is_char(tty, VEOL, c) || (iexten && is_char(tty, VEOL2, c))) {
		if (L_FLAG(tty, ECHO)) {
			echo_set_canon_col(tty);
			echo_char(tty, c);
		}
		receive_line_end(tty, c);
	} else {
		return false;
	}
	return true;
}

/* Does c need more than echo and queueing (Linux's char_map)? */
static bool is_special(struct tty_struct *tty, unsigned char c)
{
	if (c == '\r' && I_FLAG(tty, IGNCR | ICRNL))
		return true;
	if (c == '\n' && I_FLAG(tty, INLCR))
		return true;
	if (c == DISABLED_CHAR)
		return false;
	if (I_FLAG(tty, IXON) && (is_char(tty, VSTART, c) || is_char(tty, VSTOP, c)))
		return true;
	if (L_FLAG(tty, ISIG) && (is_char(tty, VINTR, c) || is_char(tty, VQUIT, c) ||
				  is_char(tty, VSUSP, c)))
		return true;
	if (!tty->ldata.icanon)
		return false;
	if (c == '\n' || is_char(tty, VERASE, c) || is_char(tty, VKILL, c) ||
	    is_char(tty, VEOF, c) || is_char(tty, VEOL, c))
		return true;
	return L_FLAG(tty, IEXTEN) && (is_char(tty, VWERASE, c) || is_char(tty, VLNEXT, c) ||
				       is_char(tty, VEOL2, c) ||
				       (L_FLAG(tty, ECHO) && is_char(tty, VREPRINT, c)));
}

/* Flow control and signal characters; true if c was one. */
static bool receive_control_char(struct tty_struct *tty, unsigned char c)
{
	if (I_FLAG(tty, IXON) && (is_char(tty, VSTART, c) || is_char(tty, VSTOP, c))) {
		if (is_char(tty, VSTART, c))
			start_tty(tty);
		else
			stop_tty(tty);
		return true;
	}
	if (!L_FLAG(tty, ISIG))
		return false;
	if (is_char(tty, VINTR, c))
		receive_signal_char(tty, SIGINT, c);
	else if (is_char(tty, VQUIT, c))
		receive_signal_char(tty, SIGQUIT, c);
	else if (is_char(tty, VSUSP, c))
		receive_signal_char(tty, SIGTSTP, c);
	else
		return false;
	return true;
}

/* IXANY: any input restarts output stopped by ^S (not by TCOOFF). */
static void restart_on_any(struct tty_struct *tty)
{
	if (tty->flow.stopped && !tty->flow.tco_stopped && I_FLAG(tty, IXON) &&
	    I_FLAG(tty, IXANY))
		start_tty(tty);
}

static void n_tty_receive_char(struct tty_struct *tty, unsigned char c)
{
	if (I_FLAG(tty, ISTRIP))
		c &= 0x7f;
	if (tty->ldata.lnext) {
		tty->ldata.lnext = false;
		restart_on_any(tty);
		receive_plain(tty, c);
		return;
	}
	if (!is_special(tty, c)) {
		restart_on_any(tty);
		receive_plain(tty, c);
		return;
	}
	if (receive_control_char(tty, c))
		return;
	restart_on_any(tty);
	if (c == '\r') {
		if (I_FLAG(tty, IGNCR))
			return;
		if (I_FLAG(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(tty, INLCR)) {
		c = '\r';
	}
	if (tty->ldata.icanon && receive_canon_char(tty, c))
		return;
	if (c == '\n' && L_FLAG(tty, ECHO)) {       /* raw mode: NL echoes as NL */
		do_output_char(tty, '\n');
		put_tty_queue(&tty->ldata, c);
		return;
	}
	receive_plain(tty, c);
}

void n_tty_receive_buf(struct tty_struct *tty, const unsigned char *buf, size_t n)
{
	bool wake;

	mutex_lock(&tty->ldisc_mutex);
	for (size_t i = 0; i < n; i++)
		n_tty_receive_char(tty, buf[i]);
	wake = !tty->ldata.icanon && read_cnt(&tty->ldata);
	mutex_unlock(&tty->ldisc_mutex);
	if (wake)
		wake_up_all(&tty->read_wait);
}

/* --- reading ------------------------------------------------------------ */

/* Is there input a read (or, poll: a poll) would take? A poll in
 * non-canonical mode with TIME 0 waits for MIN bytes. */
static bool input_available_p(struct tty_struct *tty, bool poll)
{
	struct n_tty_data *l = &tty->ldata;
	size_t amt = poll && !TTY_CHAR(tty, VTIME) && TTY_CHAR(tty, VMIN) ? TTY_CHAR(tty, VMIN) : 1;

	if (l->icanon)
		return l->canon_head != l->read_tail;
	return read_cnt(l) >= amt;
}

/* Copy n bytes from read_tail to `to` (the ring may wrap); how many
 * went (fewer if the user buffer faulted). */
static size_t copy_out(struct n_tty_data *l, size_t n, struct iov_iter *to)
{
	size_t tail = MASK(l->read_tail), first = min(n, (size_t)N_TTY_BUF_SIZE - tail);
	size_t done = copy_to_iter(l->read_buf + tail, first, to);

	if (done == first && n > first)
		done += copy_to_iter(l->read_buf, n - first, to);
	return done;
}

/* Canonical read: the first line, up to its end (the end byte included,
 * but not an EOF), or as much of it as `to` holds. Bytes copied. */
static size_t canon_copy_from_read_buf(struct tty_struct *tty, struct iov_iter *to)
{
	struct n_tty_data *l = &tty->ldata;
	size_t n = min(to->count, l->canon_head - l->read_tail), i, want, done;
	bool found = false;

	for (i = 0; i < n && !found; i++)
		found = is_line_end(l, l->read_tail + i);
	if (found)
		i--;                            /* i: the line end's offset */
	want = found && read_buf(l, l->read_tail + i) != DISABLED_CHAR ? i + 1 : i;
	done = copy_out(l, want, to);
	if (done < want) {
		l->read_tail += done;
		return done;
	}
	if (found) {
		clear_line_end(l, l->read_tail + i);
		l->read_tail += i + 1;          /* an EOF goes too */
		l->push = false;
	} else {
		l->read_tail += done;
	}
	return done;
}

static size_t copy_from_read_buf(struct tty_struct *tty, struct iov_iter *to)
{
	struct n_tty_data *l = &tty->ldata;
	size_t done = copy_out(l, min(to->count, read_cnt(l)), to);

	l->read_tail += done;
	return done;
}

/* Nothing to read: -EAGAIN, -ERESTARTSYS, 0 (end: timed out or hung up),
 * or 1 to sleep on. */
static int nothing_to_read(struct file *file, long timeout)
{
	if (tty_hung_up_p(file) || !timeout)
		return 0;
	if (file->f_flags & O_NONBLOCK)
		return -EAGAIN;
	if (signal_pending(current))
		return -ERESTARTSYS;
	return 1;
}

/* The limits of a read: at least *minimum bytes, *time ticks allowed
 * between two (0: no limit), *timeout for the first (non-canonical mode:
 * VMIN and VTIME as POSIX reads them). */
static void read_limits(struct tty_struct *tty, size_t *minimum, long *time, long *timeout)
{
	*minimum = 0;
	*time = 0;
	*timeout = MAX_SCHEDULE_TIMEOUT;
	if (tty->ldata.icanon)
		return;
	*minimum = TTY_CHAR(tty, VMIN);
	if (*minimum) {
		*time = (HZ / 10) * TTY_CHAR(tty, VTIME);       /* between bytes */
	} else {
		*timeout = (HZ / 10) * TTY_CHAR(tty, VTIME);    /* for the first */
		*minimum = 1;
	}
}

/* Contract: read from tty's input into `to` as the termios says (above).
 * Returns the bytes read, 0 (end of file, a timeout, a hangup), -EAGAIN,
 * -ERESTARTSYS (a signal before any byte), -EFAULT, -EIO (an orphaned
 * background reader), or -ERESTARTSYS after SIGTTIN was sent to a
 * background reader's group. Process context, interrupts on. */
ssize_t n_tty_read(struct tty_struct *tty, struct file *file, struct iov_iter *to)
{
	struct tty_file_private *priv = file->private_data;
	size_t minimum, copied = 0, room = n_tty_receive_room(tty);
	long time, timeout;
	ssize_t ret = priv->console ? 0 : __tty_check_change(tty, SIGTTIN);
	DEFINE_WAIT(wait);

	if (ret < 0)
		return ret;
	read_limits(tty, &minimum, &time, &timeout);
	while (to->count) {
		prepare_to_wait(&tty->read_wait, &wait, TASK_INTERRUPTIBLE);
		if (!input_available_p(tty, false)) {
			int why = nothing_to_read(file, timeout);

			if (why <= 0) {
				ret = why;
				break;
			}
			timeout = schedule_timeout(timeout);
			continue;
		}
		__set_current_state(TASK_RUNNING);
		mutex_lock(&tty->ldisc_mutex);
		if (tty->ldata.icanon) {
			copied += canon_copy_from_read_buf(tty, to);
			mutex_unlock(&tty->ldisc_mutex);
			break;
		}
		copied += copy_from_read_buf(tty, to);
		mutex_unlock(&tty->ldisc_mutex);
		if (copied >= minimum || to->fault)
			break;
		if (time)
			timeout = time;
	}
	finish_wait(&tty->read_wait, &wait);
	if (!room && n_tty_receive_room(tty) && tty->ops->unthrottle)
		tty->ops->unthrottle(tty);
	if (copied)
		return copied;
	return to->fault ? -EFAULT : ret;
}

unsigned int n_tty_inq(struct tty_struct *tty)
{
	struct n_tty_data *l = &tty->ldata;
	unsigned int nr = 0;

	mutex_lock(&tty->ldisc_mutex);
	if (!l->icanon)
		nr = read_cnt(l);
	for (size_t i = l->read_tail; l->icanon && i != l->canon_head; i++)
		nr += !(is_line_end(l, i) && read_buf(l, i) == DISABLED_CHAR);
	mutex_unlock(&tty->ldisc_mutex);
	return nr;
}

/* --- writing ------------------------------------------------------------ */

/* Wait while output is stopped: 0, -EIO (hung up), -EAGAIN, -ERESTARTSYS. */
static int wait_until_started(struct tty_struct *tty, struct file *file)
{
	int err = 0;

	if (tty->flow.stopped && !tty_hung_up_p(file) && (file->f_flags & O_NONBLOCK))
		return -EAGAIN;
	if (tty->flow.stopped)
		err = wait_event_interruptible(tty->write_wait,
					       !tty->flow.stopped || tty_hung_up_p(file));
	return tty_hung_up_p(file) ? -EIO : err;
}

/* Contract: write `from` to tty with output processing. A background
 * writer under TOSTOP is stopped first (SIGTTOU, not for /dev/console);
 * output waits while stopped by ^S. Returns the bytes taken (a signal
 * between chunks ends the write short), or -errno when none were. */
ssize_t n_tty_write(struct tty_struct *tty, struct file *file, struct iov_iter *from)
{
	struct tty_file_private *priv = file->private_data;
	unsigned char buf[256];
	size_t done = 0, n;
	ssize_t err = 0;

	if (L_FLAG(tty, TOSTOP) && !priv->console && (err = tty_check_change(tty)))
		return err;
	while (from->count) {
		if (done && signal_pending(current))
			break;
		if ((err = wait_until_started(tty, file)))
			break;
		n = copy_from_iter(buf, sizeof(buf), from);
		mutex_lock(&tty->ldisc_mutex);
		do_output_block(tty, buf, n);
		mutex_unlock(&tty->ldisc_mutex);
		done += n;
		if (from->fault) {
			err = -EFAULT;
			break;
		}
		if (need_resched())         /* a long write lets others run */
			schedule();
	}
	return done ? (ssize_t)done : err;
}

__poll_t n_tty_poll(struct tty_struct *tty, struct file *file, struct poll_table_struct *wait)
{
	__poll_t mask = 0;

	poll_wait(file, &tty->read_wait, wait);
	poll_wait(file, &tty->write_wait, wait);
	if (input_available_p(tty, true))
		mask |= POLLIN | POLLRDNORM;
	if (tty_hung_up_p(file))
		mask |= POLLHUP;
	if (!tty->flow.stopped)
		mask |= POLLOUT | POLLWRNORM;
	return mask;
}

/* --- settings ----------------------------------------------------------- */

void n_tty_set_termios(struct tty_struct *tty, const struct termios *old)
{
	struct n_tty_data *l = &tty->ldata;
	bool canon = L_FLAG(tty, ICANON);

	if (!old || canon != l->icanon) {
		memset(l->read_flags, 0, sizeof(l->read_flags));
		if (!canon || !read_cnt(l)) {
			l->canon_head = l->read_tail;
			l->push = false;
		} else {                        /* what was typed raw becomes a line */
			set_line_end(l, l->read_head - 1);
			l->canon_head = l->read_head;
			l->push = true;
		}
		l->lnext = false;
	}
	l->icanon = canon;
	if (!I_FLAG(tty, IXON) && old && (old->c_iflag & IXON) && !tty->flow.tco_stopped)
		start_tty(tty);
	wake_up_all(&tty->write_wait);
	wake_up_all(&tty->read_wait);
}

void n_tty_open(struct tty_struct *tty)
{
	mutex_lock(&tty->ldisc_mutex);
	memset(&tty->ldata, 0, sizeof(tty->ldata));
	n_tty_set_termios(tty, NULL);
	mutex_unlock(&tty->ldisc_mutex);
}

/* n_tty_set_termios: the caller holds ldisc_mutex (tty_set_termios, n_tty_open). */

void n_tty_hangup(struct tty_struct *tty)
{
	n_tty_flush_input(tty);
	wake_up_all(&tty->write_wait);
	wake_up_all(&tty->read_wait);
}
