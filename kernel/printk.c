/* kernel/printk.c: printk and the log ring buffer.
 * Every message is formatted once, stored in log_buf (a ring that keeps the last
 * 64 KiB and survives for gdb's tl-dmesg), and written to the console if its
 * level is below console_loglevel. Lines that start a message get a
 * "[seconds.micros]" timestamp from jiffies, except KERN_RAW lines (KTAP), which
 * must reach the console verbatim. logbuf_lock (taken with interrupts off:
 * interrupt handlers print too) guards the ring, its head and the line state
 * while one message is emitted, so lines from other CPUs and from interrupt
 * handlers don't interleave; during a panic or oops it is taken only if free. Each line's
 * level is kept beside the text, in log_level_buf at the line's first byte,
 * for syslog(2) (kernel/syslog.c), whose records start "<level>". */
#include <kernel.h>
#include <spinlock.h>
#include <asm/irqflags.h>

char log_buf[LOG_BUF_LEN];
u8 log_level_buf[LOG_BUF_LEN];
u32 log_head;
int console_loglevel = CONSOLE_LOGLEVEL_DEFAULT;
static bool at_line_start = true;
int oops_in_progress;
static DEFINE_SPINLOCK(logbuf_lock);   /* log_buf, log_level_buf, log_head, at_line_start */

/* Take logbuf_lock with interrupts off; true if taken. A dying kernel
 * (oops_in_progress) prints even if it cannot have it. */
bool logbuf_lock_irqsave(unsigned long *flags)
{
	*flags = local_irq_save();
	if (!oops_in_progress) {
		spin_lock(&logbuf_lock);
		return true;
	}
	return spin_trylock(&logbuf_lock);
}

void logbuf_unlock_irqrestore(bool locked, unsigned long flags)
{
	if (locked)
		spin_unlock(&logbuf_lock);
	local_irq_restore(flags);
}

void console_verbose(void)
{
	if (console_loglevel < 8)
		console_loglevel = 8;
}

/* Append n bytes at level (0..7) to the ring, noting the level of each
 * line that starts among them. */
static void log_store(const char *s, size_t n, int level)
{
	for (size_t i = 0; i < n; i++, log_head++) {
		if (log_head == 0 || log_buf[(log_head - 1) % LOG_BUF_LEN] == '\n')
			log_level_buf[log_head % LOG_BUF_LEN] = level;
		log_buf[log_head % LOG_BUF_LEN] = s[i];
	}
}

/* Contract: copies the end of the log into buf (NUL-terminated, n >= 1),
 * whole lines only, as Linux's dmesg gives whole records: the window of the
 * last n - 1 bytes is trimmed up to its first newline unless it already
 * starts a line (it starts the log, or the byte before it, still in the
 * ring, is a newline). Returns the length copied, 0 if the window holds no
 * line start. logbuf_lock is held while it copies (printk from an interrupt
 * handler or another CPU would write under it); interrupts are restored. */
size_t log_buf_tail(char *buf, size_t n)
{
	unsigned long flags;
	bool locked = logbuf_lock_irqsave(&flags);
	size_t avail = log_head < LOG_BUF_LEN ? log_head : LOG_BUF_LEN;
	size_t len = n - 1 < avail ? n - 1 : avail;
	u32 start = log_head - len;
	bool line_start = start == 0 ||
		(len < LOG_BUF_LEN && log_buf[(start - 1) % LOG_BUF_LEN] == '\n');

	while (!line_start && len) {             /* mid-line: skip to the next */
		line_start = log_buf[start++ % LOG_BUF_LEN] == '\n';
		len--;
	}
	for (size_t i = 0; i < len; i++)
		buf[i] = log_buf[(start + i) % LOG_BUF_LEN];
	buf[len] = '\0';
	logbuf_unlock_irqrestore(locked, flags);
	return len;
}

/* The ring holds no terminator (log_buf is full of older text after the
 * newest byte), so it is compared byte by byte within [since, log_head),
 * never handed to the str* functions. logbuf_lock keeps the ring still
 * under the search. */
bool log_contains(u32 since, const char *needle)
{
	size_t n = strlen(needle);
	unsigned long flags;
	bool locked = logbuf_lock_irqsave(&flags);
	u32 head = log_head, oldest = head > LOG_BUF_LEN ? head - LOG_BUF_LEN : 0;
	bool found = false;

	since = min(max(since, oldest), head);   /* what is older is overwritten */
	for (u32 at = since; !found && head - at >= n; at++) {
		size_t i = 0;

		while (i < n && log_buf[(at + i) % LOG_BUF_LEN] == needle[i])
			i++;
		found = i == n;
	}
	logbuf_unlock_irqrestore(locked, flags);
	return found;
}

/* Split off a KERN_<level> prefix: returns the level (0..7, 'r' for raw, or
 * LOGLEVEL_DEFAULT) and advances *fmt past it. */
static int printk_level(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] == KERN_SOH[0] && f[1]) {
		*fmt = f + 2;
		return f[1] == 'r' ? 'r' : f[1] - '0';
	}
	return LOGLEVEL_DEFAULT;
}

static void emit(const char *text, size_t len, int level)
{
	bool show = level == 'r' || level < console_loglevel;
	int log_level = level >= 0 && level <= 7 ? level : LOGLEVEL_DEFAULT;   /* 'r' too */
	char stamp[24];
	int n = 0;

	if (level != 'r' && at_line_start) {
		unsigned long j = jiffies;

		n = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ", j / HZ, (j % HZ) * (1000000 / HZ));
		log_store(stamp, n, log_level);
	}
	log_store(text, len, log_level);
	if (show)
		console_write_stamped(stamp, n, text, len);
	if (len)
		at_line_start = text[len - 1] == '\n';
}

int vprintk(const char *fmt, va_list ap)
{
	char text[1024];
	int level = printk_level(&fmt);
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	unsigned long flags;
	bool locked = logbuf_lock_irqsave(&flags);

	if (n >= (int)sizeof(text)) {        /* say so rather than cut silently */
		n = sizeof(text) - 1;
		emit(text, n, level);
		emit(" [printk: message truncated]\n", 29, level);
	} else {
		emit(text, n, level);
	}
	logbuf_unlock_irqrestore(locked, flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
