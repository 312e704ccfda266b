/* include/printk.h: kernel logging. A message starts with an optional level
 * (KERN_ERR ...). Every message goes into the log ring buffer (kernel/printk.c),
 * which gdb's tl-dmesg reads; it reaches the serial console when its level is
 * below console_loglevel (set by loglevel= and quiet on the command line). */
#ifndef TASKLAB_PRINTK_H
#define TASKLAB_PRINTK_H

#include <types.h>

#define KERN_SOH     "\001"
#define KERN_EMERG   KERN_SOH "0"
#define KERN_ALERT   KERN_SOH "1"
#define KERN_CRIT    KERN_SOH "2"
#define KERN_ERR     KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE  KERN_SOH "5"
#define KERN_INFO    KERN_SOH "6"
#define KERN_DEBUG   KERN_SOH "7"
#define KERN_RAW     KERN_SOH "r"   /* always to the console, no timestamp (KTAP) */

#define LOGLEVEL_DEFAULT 4          /* level of a message without a prefix */
#define CONSOLE_LOGLEVEL_DEFAULT 7  /* print levels 0..6 */
#define CONSOLE_LOGLEVEL_QUIET 4

extern int console_loglevel;
/* Set by panic and oops: printk then takes logbuf_lock only if it is free
 * (the dying code may hold it), as Linux's oops_in_progress. */
extern int oops_in_progress;
/* logbuf_lock, with interrupts off, for readers of the ring (syslog):
 * returns whether it was taken (see oops_in_progress); hand that back. */
bool logbuf_lock_irqsave(unsigned long *flags);
void logbuf_unlock_irqrestore(bool locked, unsigned long flags);

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* The console below printk: the serial port. console_bytes counts what was
 * sent to it since boot (tests check that filtered messages send nothing). */
void console_write(const char *s, size_t n);
/* A printk line's time stamp and text in one go: no other CPU's console or
 * tty output comes between them. */
void console_write_stamped(const char *stamp, size_t sn, const char *s, size_t n);
extern unsigned long console_bytes;
/* Raise the console level so every message is printed (panic, oops). */
void console_verbose(void);

#define pr_emerg(fmt, ...)   printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)     printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)    printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)  printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)    printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)   printk(KERN_DEBUG fmt, ##__VA_ARGS__)

/* Log ring buffer, exported for gdb (scripts/gdb/dmesg.py reads it). */
#define LOG_BUF_LEN (1 << 16)
extern char log_buf[LOG_BUF_LEN];
extern u32 log_head;   /* total bytes ever written; log_buf[i % LOG_BUF_LEN] */
/* The level (0..7; KERN_RAW lines: LOGLEVEL_DEFAULT) of the line that
 * starts at log_buf[i], in log_level_buf[i]; other bytes mean nothing. */
extern u8 log_level_buf[LOG_BUF_LEN];

/* Copy the whole lines among the last n - 1 bytes of the log into buf
 * (NUL-terminated, starting at a line's first byte); returns the length. */
size_t log_buf_tail(char *buf, size_t n);
/* Does needle occur in what was logged from position `since` (a log_head
 * value read earlier) up to now? Searches the ring in place, across its
 * wrap-around and never past log_head; bytes overwritten since are gone. */
bool log_contains(u32 since, const char *needle);
/* How much of the log the console monitor's d key shows (kernel/monitor.c). */
#define MONITOR_DMESG_BYTES 2048

#endif
