/* fs/seq_file.c: text into a fixed buffer for /proc files
 * (include/seq_file.h). Nothing here allocates: the reader (fs/proc/inode.c)
 * gives the buffer and, on overflow, a bigger one. */
#include <kernel.h>
#include <seq_file.h>

static void put(struct seq_file *m, char c)
{
	if (m->count < m->size)
		m->buf[m->count] = c;
	m->count++;
}

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	size_t room = m->count < m->size ? m->size - m->count : 0;
	va_list ap;
	int n;

	va_start(ap, fmt);
	/* vsnprintf always terminates: with room for n bytes it stores n - 1,
	 * so a line that exactly fills the buffer is counted as an overflow
	 * and regenerated with a bigger one */
	n = vsnprintf(room ? m->buf + m->count : NULL, room, fmt, ap);
	va_end(ap);
	m->count += (size_t)n < room ? (size_t)n : (size_t)n + 1;
}

void seq_write(struct seq_file *m, const void *data, size_t len)
{
	const char *p = data;

	while (len--)
		put(m, *p++);
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	put(m, c);
}

void seq_escape(struct seq_file *m, const char *s, const char *esc)
{
	for (; *s; s++) {
		unsigned char c = *s;

		if (c < ' ' || strchr(esc, c)) {
			put(m, '\\');
			put(m, '0' + ((c >> 6) & 7));
			put(m, '0' + ((c >> 3) & 7));
			put(m, '0' + (c & 7));
		} else {
			put(m, c);
		}
	}
}

void seq_setwidth(struct seq_file *m, size_t width)
{
	m->pad_until = m->count + width;
}

void seq_pad(struct seq_file *m, char c)
{
	while (m->count < m->pad_until)
		put(m, ' ');
	if (c)
		put(m, c);
}
