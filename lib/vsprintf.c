/* lib/vsprintf.c: printf-style formatting for the kernel.
 * Conversions: %d %i %u %x %X %o %c %s %p %% with flags '-' '0' '+' ' ' '#',
 * a width and precision (or '*'), length modifiers hh h l ll z. %pS prints a
 * kernel text address as function+offset/size (kallsyms). Output is always
 * NUL-terminated; the return value is the length the full output would have,
 * so callers can detect truncation, as in C's snprintf. */
#include <kernel.h>
#include <kallsyms.h>

#define F_LEFT  1
#define F_ZERO  2
#define F_PLUS  4
#define F_SPACE 8
#define F_ALT   16
#define F_UPPER 32
#define F_SIGNED 64

struct outbuf {
	char *buf;
	size_t size;
	size_t len;    /* bytes the full output needs */
};

static void put(struct outbuf *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct outbuf *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	int flags;
	int width;
	int prec;      /* -1: none */
	int base;
};

/* Emit an integer with sign, prefix, precision zeros and padding. */
static void put_number(struct outbuf *o, unsigned long long v, bool neg, const struct spec *s)
{
	const char *digits = (s->flags & F_UPPER) ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24], sign = 0;
	const char *prefix = "";
	int n = 0, zeros, width;

	do {
		tmp[n++] = digits[v % s->base];
		v /= s->base;
	} while (v);
	if (s->prec == 0 && n == 1 && tmp[0] == '0')
		n = 0;
	if (neg)
		sign = '-';
	else if (s->flags & F_PLUS)
		sign = '+';
	else if (s->flags & F_SPACE)
		sign = ' ';
	if ((s->flags & F_ALT) && s->base == 16)
		prefix = (s->flags & F_UPPER) ? "0X" : "0x";
	else if ((s->flags & F_ALT) && s->base == 8)
		prefix = "0";
	zeros = s->prec > n ? s->prec - n : 0;
	width = s->width - n - zeros - (sign != 0) - (int)strlen(prefix);
	if ((s->flags & F_ZERO) && !(s->flags & F_LEFT) && s->prec < 0) {
		zeros += width > 0 ? width : 0;
		width = 0;
	}
	if (!(s->flags & F_LEFT))
		pad(o, ' ', width);
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (s->flags & F_LEFT)
		pad(o, ' ', width);
}

static void put_string(struct outbuf *o, const char *str, const struct spec *s)
{
	int n;

	if (!str)
		str = "(null)";
	n = (int)strnlen(str, s->prec >= 0 ? (size_t)s->prec : (size_t)-1);
	if (!(s->flags & F_LEFT))
		pad(o, ' ', s->width - n);
	for (int i = 0; i < n; i++)
		put(o, str[i]);
	if (s->flags & F_LEFT)
		pad(o, ' ', s->width - n);
}

/* Parse flags, width and precision; returns the format past them. */
static const char *parse_spec(const char *fmt, struct spec *s, va_list *ap)
{
	s->flags = 0;
	s->width = 0;
	s->prec = -1;
	for (;; fmt++) {
		if (*fmt == '-') s->flags |= F_LEFT;
		else if (*fmt == '0') s->flags |= F_ZERO;
		else if (*fmt == '+') s->flags |= F_PLUS;
		else if (*fmt == ' ') s->flags |= F_SPACE;
		else if (*fmt == '#') s->flags |= F_ALT;
		else break;
	}
	if (*fmt == '*') {
		s->width = va_arg(*ap, int);
		if (s->width < 0) {
			s->flags |= F_LEFT;
			s->width = -s->width;
		}
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		s->width = s->width * 10 + (*fmt++ - '0');
	if (*fmt == '.') {
		fmt++;
		s->prec = 0;
		if (*fmt == '*') {
			s->prec = va_arg(*ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			s->prec = s->prec * 10 + (*fmt++ - '0');
	}
	return fmt;
}

/* Read an integer argument of the given length (0 int, 1 long, 2 long long,
 * -1 short, -2 char); sign-extend when the conversion is signed. */
static unsigned long long get_int(va_list *ap, int len, bool is_signed, bool *neg)
{
	long long v;

	if (len == 2)
		v = is_signed ? va_arg(*ap, long long) : (long long)va_arg(*ap, unsigned long long);
	else if (len == 1)
		v = is_signed ? va_arg(*ap, long) : (long long)va_arg(*ap, unsigned long);
	else
		v = is_signed ? va_arg(*ap, int) : (long long)va_arg(*ap, unsigned int);
	if (len == -1)
		v = is_signed ? (short)v : (unsigned short)v;
	else if (len == -2)
		v = is_signed ? (signed char)v : (unsigned char)v;
	*neg = is_signed && v < 0;
	return *neg ? -(unsigned long long)v : (unsigned long long)v;
}

static const char *parse_length(const char *fmt, int *len)
{
	*len = 0;
	if (*fmt == 'l') {
		*len = 1;
		if (*++fmt == 'l') {
			*len = 2;
			fmt++;
		}
	} else if (*fmt == 'h') {
		*len = -1;
		if (*++fmt == 'h') {
			*len = -2;
			fmt++;
		}
	} else if (*fmt == 'z') {
		*len = 1;
		fmt++;
	}
	return fmt;
}

/* %p and its %pS extension; returns the format past the conversion. */
static const char *put_pointer(struct outbuf *o, const char *fmt, void *p, struct spec *s)
{
	if (fmt[1] == 'S' || fmt[1] == 'B') {
		char sym[96];
		if (fmt[1] == 'S')
			sprint_symbol(sym, sizeof(sym), (unsigned long)p);
		else
			sprint_backtrace(sym, sizeof(sym), (unsigned long)p);
		put_string(o, sym, s);
		return fmt + 1;
	}
	s->base = 16;
	s->flags |= F_ZERO;
	if (!s->width)
		s->width = 8;
	put_number(o, (unsigned long)p, false, s);
	return fmt;
}

/* Emit one conversion (fmt points at its letter); returns fmt advanced to
 * the conversion's last character. */
static const char *convert(struct outbuf *o, const char *fmt, struct spec *s, int len,
			   va_list *args)
{
	unsigned long long v;
	bool neg;

	s->base = 10;
	switch (*fmt) {
	case 'd': case 'i':
		v = get_int(args, len, true, &neg);
		put_number(o, v, neg, s);
		break;
	case 'X':
		s->flags |= F_UPPER;
		/* fall through */
	case 'x': case 'o': case 'u':
		s->base = *fmt == 'u' ? 10 : *fmt == 'o' ? 8 : 16;
		put_number(o, get_int(args, len, false, &neg), false, s);
		break;
	case 'c':
		pad(o, ' ', (s->flags & F_LEFT) ? 0 : s->width - 1);
		put(o, (char)va_arg(*args, int));
		pad(o, ' ', (s->flags & F_LEFT) ? s->width - 1 : 0);
		break;
	case 's':
		put_string(o, va_arg(*args, const char *), s);
		break;
	case 'p':
		return put_pointer(o, fmt, va_arg(*args, void *), s);
	case '%':
		put(o, '%');
		break;
	case '\0':
		return fmt - 1;          /* a lone '%' at the end: stop there */
	default:                         /* unknown conversion: print it as written */
		put(o, '%');
		put(o, *fmt);
	}
	return fmt;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct outbuf o = { buf, size, 0 };
	struct spec s;
	va_list args;
	int len;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &s, &args);
		fmt = parse_length(fmt, &len);
		fmt = convert(&o, fmt, &s, len, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
