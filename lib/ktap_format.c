/* lib/ktap_format.c: the KTAP version 1 lines of include/ktap_format.h,
 * shared by the kernel's test runner and the user test programs (built a
 * second time into the user libc, user/user.mk). It formats and indents;
 * where a line goes is the caller's write function. */
#include <ktap_format.h>
#include <printk.h>
#include <string.h>

#define KTAP_MAX_DEPTH 4

void ktap_vprint(ktap_write_t out, int depth, const char *fmt, va_list ap)
{
	static const char cut[] = " [line truncated]";
	char line[KTAP_MAX_DEPTH * 4 + KTAP_LINE_MAX + sizeof(cut) + 1];
	int indent, n;

	depth = depth < 0 ? 0 : depth > KTAP_MAX_DEPTH ? KTAP_MAX_DEPTH : depth;
	indent = depth * 4;
	memset(line, ' ', indent);
	n = vsnprintf(line + indent, KTAP_LINE_MAX, fmt, ap);
	if (n >= KTAP_LINE_MAX) {            /* say so rather than cut silently */
		n = KTAP_LINE_MAX - 1;
		memcpy(line + indent + n, cut, sizeof(cut) - 1);
		n += sizeof(cut) - 1;
	}
	line[indent + n] = '\n';
	line[indent + n + 1] = '\0';
	out(line, indent + n + 1);
}

void ktap_print(ktap_write_t out, int depth, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vprint(out, depth, fmt, ap);
	va_end(ap);
}

void ktap_print_version(ktap_write_t out, int depth)
{
	ktap_print(out, depth, "KTAP version 1");
}

void ktap_print_plan(ktap_write_t out, int depth, int n)
{
	ktap_print(out, depth, "1..%d", n);
}

void ktap_print_subtest(ktap_write_t out, int depth, const char *name, int n)
{
	ktap_print_version(out, depth);
	ktap_print(out, depth, "# Subtest: %s", name);
	ktap_print_plan(out, depth, n);
}

void ktap_print_result(ktap_write_t out, int depth, int n, const char *name, bool ok,
		       const char *skip_reason)
{
	if (skip_reason)
		ktap_print(out, depth, "ok %d %s # SKIP %s", n, name, skip_reason);
	else
		ktap_print(out, depth, "%sok %d %s", ok ? "" : "not ", n, name);
}

void ktap_vprint_diag(ktap_write_t out, int depth, const char *name, const char *fmt,
		      va_list ap)
{
	char msg[KTAP_LINE_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (name)
		ktap_print(out, depth, "# %s: %s", name, msg);
	else
		ktap_print(out, depth, "# %s", msg);
}

void ktap_print_failure(ktap_write_t out, int depth, const char *name, const char *kind,
			const char *file, int line)
{
	ktap_print(out, depth, "# %s: %s failed at %s:%d", name, kind, file, line);
}

void ktap_print_expected_int(ktap_write_t out, int depth, const char *a_str, const char *op,
			     const char *b_str, long long a, long long b)
{
	ktap_print(out, depth, "# Expected %s %s %s, but", a_str, op, b_str);
	ktap_print(out, depth, "#     %s == %lld (%#llx)", a_str, a, a);
	ktap_print(out, depth, "#     %s == %lld (%#llx)", b_str, b, b);
}

void ktap_print_expected_str(ktap_write_t out, int depth, const char *a_str,
			     const char *b_str, const char *a, const char *b)
{
	ktap_print(out, depth, "# Expected %s == %s, but", a_str, b_str);
	ktap_print(out, depth, "#     %s == \"%s\"", a_str, a ? a : "(null)");
	ktap_print(out, depth, "#     %s == \"%s\"", b_str, b ? b : "(null)");
}
