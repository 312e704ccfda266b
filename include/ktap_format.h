/* include/ktap_format.h: the lines of KTAP version 1, formatted in one
 * place for the kernel's test runner (tests/ktest.c) and for the user test
 * programs (user/lib/ktap.c), so the two print the same lines and one
 * parser (tests/run.py) reads both. lib/ktap_format.c is built into the
 * kernel and a second time into the user libc, as lib/vsprintf.c is.
 *
 * Each function formats one line (a failure, a few), indents it four
 * spaces per level of nesting (depth 0: the top-level document, 1: a
 * suite's subtest) and hands it, newline included, to the caller's write
 * function: printk(KERN_RAW) in the kernel, write(1) in a user program. A
 * line longer than KTAP_LINE_MAX ends in " [line truncated]" rather than
 * being cut silently. Only the compiler's own headers are needed here, so
 * user code includes this header too. */
#ifndef TASKLAB_KTAP_FORMAT_H
#define TASKLAB_KTAP_FORMAT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#define KTAP_LINE_MAX 320          /* bytes of text in a line, before its indent */

/* Writes one line of len bytes (line[len] is a NUL) somewhere. */
typedef void (*ktap_write_t)(const char *line, size_t len);

void ktap_vprint(ktap_write_t out, int depth, const char *fmt, va_list ap);
void ktap_print(ktap_write_t out, int depth, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* "KTAP version 1" */
void ktap_print_version(ktap_write_t out, int depth);
/* "1..n" */
void ktap_print_plan(ktap_write_t out, int depth, int n);
/* A suite's subtest header: "KTAP version 1", "# Subtest: name", "1..n". */
void ktap_print_subtest(ktap_write_t out, int depth, const char *name, int n);
/* "ok n name", "not ok n name", or with a skip reason (a skipped test is
 * ok) "ok n name # SKIP reason". */
void ktap_print_result(ktap_write_t out, int depth, int n, const char *name, bool ok,
		       const char *skip_reason);
/* A diagnostic, "# name: message" ("# message" when name is NULL). */
void ktap_vprint_diag(ktap_write_t out, int depth, const char *name, const char *fmt,
		      va_list ap);

/* A failed check of test `name`: "# name: kind failed at file:line" (kind:
 * EXPECTATION or ASSERTION), then the two sides with their values. */
void ktap_print_failure(ktap_write_t out, int depth, const char *name, const char *kind,
			const char *file, int line);
void ktap_print_expected_int(ktap_write_t out, int depth, const char *a_str, const char *op,
			     const char *b_str, long long a, long long b);
void ktap_print_expected_str(ktap_write_t out, int depth, const char *a_str,
			     const char *b_str, const char *a, const char *b);

#endif
