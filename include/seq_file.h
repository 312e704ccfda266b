/* include/seq_file.h: text generated into a buffer (fs/seq_file.c), the
 * way Linux's seq_file builds /proc files. Writes past the end are counted
 * but not stored, so the caller sees the overflow (count > size) and can
 * run the generator again with a bigger buffer. */
#ifndef TASKLAB_SEQ_FILE_H
#define TASKLAB_SEQ_FILE_H

#include <types.h>

struct seq_file {
	char *buf;
	size_t size;                      /* bytes buf holds */
	size_t count;                     /* bytes written, stored or not */
	size_t pad_until;                 /* seq_setwidth: where seq_pad pads to */
};

static inline bool seq_has_overflowed(const struct seq_file *m) { return m->count > m->size; }

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
void seq_write(struct seq_file *m, const void *data, size_t len);
/* s with each character of esc (and any control character) written as a
 * backslash and three octal digits, as Linux's mangle for /proc/mounts. */
void seq_escape(struct seq_file *m, const char *s, const char *esc);
/* The next seq_pad pads the line to `width` characters from here. */
void seq_setwidth(struct seq_file *m, size_t width);
/* Spaces up to the width set, then c (if not 0). */
void seq_pad(struct seq_file *m, char c);

#endif
