/* kernel/n_tty.c: the canonical-mode line discipline (include/tty.h). Input
 * is edited in ldisc->line; Enter or ^D moves the line to ldisc->ready,
 * from which reads take whole lines (or the first part of one, when the
 * reader's buffer is short: the rest stays for the next read). In `ready`
 * a NUL byte stands for a ^D: alone, it is an end of file for one read;
 * after text, it only ends that text's read without a newline. */
#include <kernel.h>
#include <errno.h>
#include <tty.h>
#include <uio.h>

#define CTRL(c) ((c) & 0x1f)
#define EOF_MARK '\0'           /* a ^D in ready: "end of file" for one read */

static void echo(struct n_tty *l, const char *s, size_t n)
{
	if (l->echo)
		l->echo(s, n);
}

/* Move the edited line (plus an optional final byte) to ready. A line that
 * does not fit waits in place; the next Enter tries again. */
static void commit_line(struct n_tty *l, int last)
{
	unsigned int n = l->len + (last >= 0);

	if (n > N_TTY_READY - l->ready_len)
		return;
	memcpy(l->ready + l->ready_len, l->line, l->len);
	if (last >= 0)
		l->ready[l->ready_len + l->len] = (char)last;
	l->ready_len += n;
	l->len = 0;
}

void n_tty_receive_char(struct n_tty *l, char c)
{
	if (c == '\r')
		c = '\n';
	if (c == '\b' || c == 0x7f) {
		if (l->len) {
			l->len--;
			echo(l, "\b \b", 3);
		}
	} else if (c == CTRL('U')) {
		for (; l->len; l->len--)
			echo(l, "\b \b", 3);
	} else if (c == CTRL('D')) {
		commit_line(l, EOF_MARK);       /* mid-line: the text goes to readers as is */
	} else if (c == '\n') {
		echo(l, "\n", 1);
		if (l->len < N_TTY_LINE)
			commit_line(l, '\n');
	} else if (l->len < N_TTY_LINE - 1 && (u8)c >= ' ') {
		l->line[l->len++] = c;
		echo(l, &c, 1);
	}
}

/* Bytes of the first ready line, its end (\n or ^D mark) included. */
static unsigned int first_line_len(const struct n_tty *l)
{
	for (unsigned int i = 0; i < l->ready_len; i++)
		if (l->ready[i] == '\n' || l->ready[i] == EOF_MARK)
			return i + 1;
	return 0;
}

static void drop_front(struct n_tty *l, unsigned int n)
{
	memmove(l->ready, l->ready + n, l->ready_len - n);
	l->ready_len -= n;
}

long n_tty_read(struct n_tty *l, struct iov_iter *to)
{
	unsigned int n = first_line_len(l);
	bool pushed = false;
	size_t c;

	if (n == 0)
		return -EAGAIN;
	if (l->ready[n - 1] == EOF_MARK) {
		if (n == 1) {                   /* ^D on an empty line: end of file */
			drop_front(l, 1);
			return 0;
		}
		n--;                            /* text pushed by ^D: without the mark */
		pushed = true;
	}
	c = copy_to_iter(l->ready, min((size_t)n, to->count), to);
	if (c == 0 && to->fault)
		return -EFAULT;
	drop_front(l, c + (pushed && c == n));  /* all of it read: its ^D goes too */
	return (long)c;
}
