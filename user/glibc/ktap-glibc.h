/* user/glibc/ktap-glibc.h: how the glibc programs that print a KTAP suite
 * (files-glibc, ltp-checkpoint) report: ktap_begin prints the nested
 * suite's header, check() one `ok N name` or `not ok N name` line, and
 * ktap_status is the exit status, 0 only when every check held (the
 * kernel's program-suite runner and tests/run.py close the suite from it).
 * Plain C with glibc: nothing here knows which kernel runs the program. */
#ifndef KTAP_GLIBC_H
#define KTAP_GLIBC_H

#include <stdio.h>

static int ktap_failures, ktap_cases;

/* Unbuffered stdout (a child's fork must not print the parent's lines
 * again), then the header of suite `name` with `planned` cases. */
static inline void ktap_begin(const char *name, int planned)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", name, planned);
}

static inline void check(const char *name, int ok)
{
	ktap_cases++;
	if (!ok)
		ktap_failures++;
	printf("    %sok %d %s\n", ok ? "" : "not ", ktap_cases, name);
}

static inline int ktap_status(void)
{
	return ktap_failures ? 1 : 0;
}

#endif
