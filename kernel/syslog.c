/* kernel/syslog.c: syslog(2) (103; glibc's klogctl), user space's door to
 * printk's log ring (kernel/printk.c), which BusyBox's dmesg and klogd
 * read. The ring holds text; a record of syslog(2) is one whole line of it
 * with its level in front, "<6>[    0.020000] text\n", as Linux gives them
 * (a kernel message's facility is 0). Only complete lines are records; a
 * line the ring has partly overwritten is left out.
 *
 * Three positions in the log, at line starts: READ_ALL starts at the clear
 * point (CLEAR and READ_CLEAR move it to the end: everything so far is
 * cleared); READ (klogd's) consumes records from its own point, waiting
 * for one if none is there, and may stop inside a record (the rest comes
 * with the next READ, as Linux's syslog_partial). Actions and their rules
 * are Linux's do_syslog:
 *   CLOSE 0, OPEN 1                 nothing (0)
 *   READ 2, READ_ALL 3, READ_CLEAR 4  buf NULL or len < 0: -EINVAL; len 0: 0
 *   CLEAR 5
 *   CONSOLE_OFF 6, CONSOLE_ON 7     console level to 1, and back
 *   CONSOLE_LEVEL 8                 len is the level, 1..8 (else -EINVAL)
 *   SIZE_UNREAD 9, SIZE_BUFFER 10   bytes READ would give; the ring's size
 * and any other type -EINVAL. Permission comes first: a caller that is not
 * root (Linux's CAP_SYSLOG) may only READ_ALL and SIZE_BUFFER, and nothing
 * when dmesg_restrict is set (-EPERM). Tasklab keeps Linux's default,
 * dmesg_restrict = 0 (Debian builds its kernels with 1). The ring and the
 * positions are read under printk's logbuf_lock (logbuf_lock_irqsave). */
#include <kernel.h>
#include <errno.h>
#include <sched.h>
#include <syscall.h>
#include <timer.h>
#include <vmalloc.h>
#include <wait.h>
#include <asm/irqflags.h>
#include <asm/uaccess.h>
#include <uapi/linux/syslog.h>

#define MINIMUM_CONSOLE_LOGLEVEL 1      /* CONSOLE_OFF's level: emergencies only */
#define PREFIX_LEN 3                    /* "<6>" */

int dmesg_restrict;                     /* Linux's default: users may read */
static u32 clear_pos;                   /* READ_ALL's start */
static u32 syslog_pos, syslog_partial;  /* READ's next record, and the bytes of it given */
static int saved_console_loglevel = -1; /* by CONSOLE_OFF; -1: none */

/* The oldest log position still in the ring. */
static u32 log_oldest(void)
{
	return log_head > LOG_BUF_LEN ? log_head - LOG_BUF_LEN : 0;
}

/* The first line start at or after pos that is still whole in the ring.
 * Interrupts off. */
static u32 line_start_from(u32 pos)
{
	u32 oldest = log_oldest();

	if (pos < oldest)
		pos = oldest;                   /* overwritten: from the oldest whole line */
	else if (pos == 0 || (pos > oldest && log_buf[(pos - 1) % LOG_BUF_LEN] == '\n'))
		return pos;
	while (pos < log_head && log_buf[pos++ % LOG_BUF_LEN] != '\n')
		;
	return pos;
}

/* Just past the last complete line ('\n'); interrupts off. */
static u32 complete_end(void)
{
	u32 end = log_head, oldest = log_oldest();

	while (end > oldest && log_buf[(end - 1) % LOG_BUF_LEN] != '\n')
		end--;
	return end;
}

/* The lines [start, start + len) of the ring and their levels, copied with
 * interrupts off, so that printk may go on while they reach the user. */
struct log_snapshot {
	char *text;
	u8 *level;                      /* level[i]: of the line starting at text[i] */
	u32 start, len;
};

static int snapshot_take(struct log_snapshot *s, u32 from)
{
	unsigned long flags;
	bool locked;
	u32 end;

	s->text = vmalloc(2 * LOG_BUF_LEN);
	if (!s->text)
		return -ENOMEM;
	s->level = (u8 *)s->text + LOG_BUF_LEN;
	locked = logbuf_lock_irqsave(&flags);
	s->start = line_start_from(from);
	end = complete_end();
	s->len = end > s->start ? end - s->start : 0;
	for (u32 i = 0; i < s->len; i++) {
		s->text[i] = log_buf[(s->start + i) % LOG_BUF_LEN];
		s->level[i] = log_level_buf[(s->start + i) % LOG_BUF_LEN];
	}
	logbuf_unlock_irqrestore(locked, flags);
	return 0;
}

/* The length of the line at snapshot offset o, its '\n' included. */
static u32 line_len(const struct log_snapshot *s, u32 o)
{
	u32 n = 0;

	while (o + n < s->len && s->text[o + n++] != '\n')
		;
	return n;
}

/* Copy bytes [from, from + n) of the record of the line at offset o. */
static int copy_record_part(char *ubuf, const struct log_snapshot *s, u32 o, u32 from, u32 n)
{
	char prefix[PREFIX_LEN] = { '<', '0' + s->level[o], '>' };

	if (from < PREFIX_LEN) {
		u32 k = min(PREFIX_LEN - from, n);

		if (copy_to_user(ubuf, prefix + from, k))
			return -EFAULT;
		ubuf += k;
		from += k;
		n -= k;
	}
	return n && copy_to_user(ubuf, s->text + o + from - PREFIX_LEN, n) ? -EFAULT : 0;
}

/* Copy the records from offset *o on, the first without its first *skip
 * bytes, at most len bytes. Returns the bytes copied or -EFAULT; *o is
 * left at the first record not given whole, *skip at the bytes of it given. */
static long copy_records(const struct log_snapshot *s, u32 *o, u32 *skip, char *ubuf, u32 len)
{
	u32 copied = 0;

	while (*o < s->len && copied < len) {
		u32 rec = PREFIX_LEN + line_len(s, *o);
		u32 take = min(rec - *skip, len - copied);

		if (copy_record_part(ubuf + copied, s, *o, *skip, take))
			return -EFAULT;
		copied += take;
		if (*skip + take < rec) {
			*skip += take;
			break;
		}
		*skip = 0;
		*o += rec - PREFIX_LEN;
	}
	return copied;
}

/* READ_ALL and READ_CLEAR: the newest records since the clear point that
 * fit in len, oldest first. */
static long syslog_print_all(char *ubuf, u32 len, bool clear)
{
	struct log_snapshot s;
	u32 o = 0, skip = 0, total = 0;
	long ret;

	if ((ret = snapshot_take(&s, clear_pos)))
		return ret;
	for (u32 i = 0; i < s.len; i += line_len(&s, i))
		total += PREFIX_LEN + line_len(&s, i);
	while (total > len) {                   /* the oldest go first */
		total -= PREFIX_LEN + line_len(&s, o);
		o += line_len(&s, o);
	}
	ret = copy_records(&s, &o, &skip, ubuf, len);
	if (clear && ret >= 0)
		clear_pos = s.start + s.len;
	vfree(s.text);
	return ret;
}

/* Is there a record READ has not given in full? Corrects READ's point when
 * the ring has overwritten it. Interrupts off. */
static bool syslog_unread(void)
{
	u32 pos = line_start_from(syslog_pos);

	if (pos != syslog_pos) {
		syslog_pos = pos;
		syslog_partial = 0;
	}
	return complete_end() > syslog_pos;
}

/* READ: wait for a record (interruptibly; a tick at a time, as printk may
 * be called where it cannot wake anyone), then give records from READ's
 * point, at most len bytes. */
static long syslog_print(char *ubuf, u32 len)
{
	struct log_snapshot s;
	u32 o = 0;
	long ret;

	for (;;) {
		unsigned long flags;
		bool locked = logbuf_lock_irqsave(&flags);
		bool ready = syslog_unread();

		logbuf_unlock_irqrestore(locked, flags);
		if (ready)
			break;
		if (signal_pending(current))
			return -ERESTARTSYS;
		set_current_state(TASK_INTERRUPTIBLE);
		schedule_timeout(1);
	}
	if ((ret = snapshot_take(&s, syslog_pos)))
		return ret;
	if (s.start != syslog_pos)
		syslog_partial = 0;
	ret = copy_records(&s, &o, &syslog_partial, ubuf, len);
	if (ret >= 0)
		syslog_pos = s.start + o;
	vfree(s.text);
	return ret;
}

/* SIZE_UNREAD: the bytes of the records READ would give. */
static long syslog_size_unread(void)
{
	unsigned long flags;
	bool locked = logbuf_lock_irqsave(&flags);
	long size = 0;

	if (syslog_unread()) {
		u32 end = complete_end();

		for (u32 p = syslog_pos; p < end; p++)
			if (p == syslog_pos || log_buf[(p - 1) % LOG_BUF_LEN] == '\n')
				size += PREFIX_LEN;
		size += end - syslog_pos - syslog_partial;
	}
	logbuf_unlock_irqrestore(locked, flags);
	return size;
}

/* Linux's check_syslog_permissions: unprivileged callers may read the
 * whole log and its size, unless dmesg_restrict. */
static bool syslog_allowed(int type)
{
	bool restricted = dmesg_restrict ||
		(type != SYSLOG_ACTION_READ_ALL && type != SYSLOG_ACTION_SIZE_BUFFER);

	return !restricted || current->euid == 0;       /* Linux: CAP_SYSLOG */
}

static long syslog_console(int type, int len)
{
	switch (type) {
	case SYSLOG_ACTION_CONSOLE_OFF:
		if (saved_console_loglevel == -1)
			saved_console_loglevel = console_loglevel;
		console_loglevel = MINIMUM_CONSOLE_LOGLEVEL;
		return 0;
	case SYSLOG_ACTION_CONSOLE_ON:
		if (saved_console_loglevel != -1) {
			console_loglevel = saved_console_loglevel;
			saved_console_loglevel = -1;
		}
		return 0;
	default:                                /* CONSOLE_LEVEL */
		if (len < 1 || len > 8)
			return -EINVAL;
		console_loglevel = len;
		saved_console_loglevel = -1;    /* and the console is on again */
		return 0;
	}
}

/* Contract: syslog(type, buf, len) as the file's head says; returns the
 * bytes copied (the reads), a size (SIZE_*), 0, or -errno. Process
 * context, interrupts on (READ may sleep for a record); left on. */
long sys_syslog(u32 utype, u32 ubuf, u32 ulen, u32 d, u32 e, u32 f)
{
	int type = (int)utype, len = (int)ulen;
	char *buf = (char *)ubuf;
	unsigned long flags;
	bool locked;

	if (!syslog_allowed(type))
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ:
	case SYSLOG_ACTION_READ_ALL:
	case SYSLOG_ACTION_READ_CLEAR:
		if (!buf || len < 0)
			return -EINVAL;
		if (!len)
			return 0;
		if (!access_ok(buf, len))
			return -EFAULT;
		return type == SYSLOG_ACTION_READ ? syslog_print(buf, len) :
		       syslog_print_all(buf, len, type == SYSLOG_ACTION_READ_CLEAR);
	case SYSLOG_ACTION_CLEAR:
		locked = logbuf_lock_irqsave(&flags);
		clear_pos = complete_end();
		logbuf_unlock_irqrestore(locked, flags);
		return 0;
	case SYSLOG_ACTION_CONSOLE_OFF:
	case SYSLOG_ACTION_CONSOLE_ON:
	case SYSLOG_ACTION_CONSOLE_LEVEL:
		return syslog_console(type, len);
	case SYSLOG_ACTION_SIZE_UNREAD:
		return syslog_size_unread();
	case SYSLOG_ACTION_SIZE_BUFFER:
		return LOG_BUF_LEN;
	default:
		return -EINVAL;
	}
}
