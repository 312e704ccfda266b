/* include/ctype.h: character classes of ASCII, for the kernel's text
 * handling (the tty line discipline). */
#ifndef TASKLAB_CTYPE_H
#define TASKLAB_CTYPE_H

static inline bool iscntrl(unsigned char c) { return c < 0x20 || c == 0x7f; }
static inline bool isdigit(unsigned char c) { return c >= '0' && c <= '9'; }
static inline bool islower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static inline bool isupper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static inline bool isalnum(unsigned char c) { return isdigit(c) || islower(c) || isupper(c); }
static inline unsigned char toupper(unsigned char c) { return islower(c) ? c - 'a' + 'A' : c; }

#endif
